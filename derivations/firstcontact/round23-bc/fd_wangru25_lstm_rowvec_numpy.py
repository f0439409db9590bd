"""FD check of Rui Wang's numpy LSTM (wangru25_lstm_rowvec_numpy.md).
Batch-first rows: concat = [h_prev, Xt] (N, H+D); W* (H+D, H); b* (1, H).
Loss for the check: L = sum_t sum(G_t * h_t) (arbitrary upstream dh[:,:,t] = G_t), as lstm_backward takes dh.
dh_next / dc_next in lstm_cell_backward = total dL/dh_t (carried + direct) and carried dL/dc_t from t+1."""
import numpy as np
rng = np.random.default_rng(1)
N, D, H, M, T = 2, 3, 4, 3, 4
eps = 1e-6
sg = lambda a: 1 / (1 + np.exp(-a))
def sm(a):
    e = np.exp(a - a.max(axis=1, keepdims=True)); return e / e.sum(axis=1, keepdims=True)
def rep(line, a, b):
    ok = np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
def fd(f, x):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        p = x.copy(); p[idx] += eps; m = x.copy(); m[idx] -= eps
        g[idx] = (f(p) - f(m)) / (2 * eps)
    return g
P = {k: rng.normal(size=(H + D, H)) * .5 for k in ['Wf', 'Wi', 'Wo', 'Wc']}
P.update({k: rng.normal(size=(1, H)) * .3 for k in ['bf', 'bi', 'bo', 'bc']})
P['Wy'] = rng.normal(size=(H, M)); P['by'] = rng.normal(size=(1, M))
X = rng.normal(size=(N, D, T)); h0 = rng.normal(size=(N, H)) * .5
G = rng.normal(size=(N, H, T))

def run(P=P, X=X, h0=h0, add=None):
    """add = (t, which, v): which in 'zf','zi','zo','zc','h','c' adds v at step t"""
    h, c = h0, np.zeros((N, H)); out = []
    for t in range(T):
        cat = np.concatenate((h, X[:, :, t]), axis=1)
        z = {k: cat @ P['W' + k[1]] + P['b' + k[1]] for k in ['zf', 'zi', 'zo', 'zc']}
        if add is not None and add[0] == t and add[1] in z: z[add[1]] = z[add[1]] + add[2]
        f, i, o, cc = sg(z['zf']), sg(z['zi']), sg(z['zo']), np.tanh(z['zc'])
        c_prev = c; c = f * c + i * cc
        if add is not None and add[0] == t and add[1] == 'c': c = c + add[2]
        h_prev = h; h = o * np.tanh(c)
        if add is not None and add[0] == t and add[1] == 'h': h = h + add[2]
        out.append(dict(h=h, c=c, h_prev=h_prev, c_prev=c_prev, f=f, i=i, o=o, cc=cc, X=X[:, :, t]))
    return out
def loss(**kw):
    out = run(**kw); return sum(np.sum(G[:, :, t] * out[t]['h']) for t in range(T))
def withP(name, v):
    Q = dict(P); Q[name] = v; return Q
out = run(); Z = np.zeros((N, H))

# forward rows at step t
t = 2; s = out[t]; cat = np.concatenate((s['h_prev'], s['X']), 1)
rep(61, s['f'], sg(np.dot(cat, P['Wf']) + P['bf'])); rep(62, s['i'], sg(np.dot(cat, P['Wi']) + P['bi']))
rep(63, s['o'], sg(np.dot(cat, P['Wo']) + P['bo'])); rep(64, s['cc'], np.tanh(np.dot(cat, P['Wc']) + P['bc']))
rep(65, s['c'], s['f'] * s['c_prev'] + s['i'] * s['cc']); rep(66, s['h'], s['o'] * np.tanh(s['c']))
rep(69, sm(np.dot(s['h'], P['Wy']) + P['by']).sum(1), np.ones(N))

# true totals: dL/dh_t (total), and carried dL/dc_t from t+1 (= total dL/dc_t minus the h_t path)
gh = {tt: fd(lambda v, tt=tt: loss(add=(tt, 'h', v)), Z) for tt in range(T)}
gc = {tt: fd(lambda v, tt=tt: loss(add=(tt, 'c', v)), Z) for tt in range(T)}
t = 1; s = out[t]
dh_next = gh[t]
dc_next = gc[t] - gh[t] * s['o'] * (1 - np.tanh(s['c'])**2)         # carried part from t+1
gz = {k: fd(lambda v, k=k: loss(add=(t, k, v)), Z) for k in ['zf', 'zi', 'zo', 'zc']}
h_next, c_next, c_prev, ft, it, ot, cct, Xt, h_prev = s['h'], s['c'], s['c_prev'], s['f'], s['i'], s['o'], s['cc'], s['X'], s['h_prev']
dot = dh_next * np.tanh(c_next) * ot * (1 - ot)
dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * dh_next) * (1 - np.square(cct))
dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * dh_next) * it * (1 - it)
dft = (dc_next * c_prev + ot *(1 - np.square(np.tanh(c_next))) * c_prev * dh_next) * ft * (1 - ft)
rep(106, dot, gz['zo']); rep(107, dcct, gz['zc']); rep(108, dit, gz['zi']); rep(109, dft, gz['zf'])
concat = np.concatenate((h_prev, Xt), axis=1)
rep(118, np.dot(concat.T, dft), concat.T @ gz['zf']); rep(119, np.dot(concat.T, dit), concat.T @ gz['zi'])
rep(120, np.dot(concat.T, dcct), concat.T @ gz['zc']); rep(121, np.dot(concat.T, dot), concat.T @ gz['zo'])
rep(122, np.sum(dft, axis=0, keepdims=True), gz['zf'].sum(0, keepdims=True))
rep(123, np.sum(dit, axis=0, keepdims=True), gz['zi'].sum(0, keepdims=True))
rep(124, np.sum(dcct, axis=0, keepdims=True), gz['zc'].sum(0, keepdims=True))
rep(125, np.sum(dot, axis=0, keepdims=True), gz['zo'].sum(0, keepdims=True))
dh_prev = np.dot(dft, P['Wf'][:H, :].T) + np.dot(dit, P['Wi'][:H, :].T) + np.dot(dcct, P['Wc'][:H, :].T) + np.dot(dot, P['Wo'][:H, :].T)
# recurrent part of dL/dh_{t-1} = total minus direct G_{t-1}
rep(128, dh_prev, gh[t - 1] - G[:, :, t - 1])
dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * dh_next
rep(129, dc_prev, gc[t - 1] - gh[t - 1] * out[t - 1]['o'] * (1 - np.tanh(out[t - 1]['c'])**2))
dXt = np.dot(dft, P['Wf'][H:, :].T) + np.dot(dit, P['Wi'][H:, :].T) + np.dot(dcct, P['Wc'][H:, :].T) + np.dot(dot, P['Wo'][H:, :].T)
gX = fd(lambda v: loss(X=v), X)
rep(130, dXt, gX[:, :, t])

# author's lstm_forward: c = h aliasing (172) and the stores (181-187)
h = np.zeros((N, H, T)); c = h; y = np.zeros((N, M, T)); hn, cn = h0, np.zeros((N, H))
for tt in range(T):
    cat = np.concatenate((hn, X[:, :, tt]), 1)
    f_, i_, o_ = sg(cat @ P['Wf'] + P['bf']), sg(cat @ P['Wi'] + P['bi']), sg(cat @ P['Wo'] + P['bo'])
    cn = f_ * cn + i_ * np.tanh(cat @ P['Wc'] + P['bc']); hn = o_ * np.tanh(cn); yt = sm(hn @ P['Wy'] + P['by'])
    h[:, :, tt] = hn; y[:, :, tt] = yt; c[:, :, tt] = cn
rep(172, h, np.stack([o['h'] for o in out], 2))      # returned h after the aliasing
rep(181, hn, out[T - 1]['h'])
rep(183, hn, out[T - 1]['h'])                       # the store itself writes the right value
rep(185, y[:, :, T - 1], sm(out[T - 1]['h'] @ P['Wy'] + P['by']))
rep(187, c[:, :, T - 1], out[T - 1]['c'])

# lstm_backward as written (dh_prevt, dc_prevt never updated) vs truth
def cell_bwd(dhn, dcn, s):
    th = np.tanh(s['c']); dc = dcn + s['o'] * (1 - th**2) * dhn
    d = dict(zo=dhn * th * s['o'] * (1 - s['o']), zc=dc * s['i'] * (1 - s['cc']**2),
             zi=dc * s['cc'] * s['i'] * (1 - s['i']), zf=dc * s['c_prev'] * s['f'] * (1 - s['f']))
    cat = np.concatenate((s['h_prev'], s['X']), 1)
    r = {('dW' + k[1]): cat.T @ d[k] for k in d}; r.update({('db' + k[1]): d[k].sum(0, keepdims=True) for k in d})
    r['dh_prev'] = sum(d[k] @ P['W' + k[1]][:H, :].T for k in d); r['dc_prev'] = dc * s['f']
    r['dXt'] = sum(d[k] @ P['W' + k[1]][H:, :].T for k in d); return r
def bwd(update):
    acc = {k: 0 for k in ['dWf', 'dWi', 'dWc', 'dWo', 'dbf', 'dbi', 'dbc', 'dbo']}; dX = np.zeros((N, D, T))
    dhp, dcp = Z.copy(), Z.copy(); tots = {}
    for tt in reversed(range(T)):
        tots[tt] = G[:, :, tt] + dhp
        g = cell_bwd(G[:, :, tt] + dhp, dcp, out[tt])
        dX[:, :, tt] = g['dXt']
        for k in acc: acc[k] = acc[k] + g[k]
        if update: dhp, dcp = g['dh_prev'], g['dc_prev']
    return acc, dX, g['dh_prev'], tots
acc_a, dX_a, dh0_a, tots_a = bwd(False)
rep(244, np.stack([tots_a[tt] for tt in range(T)], 2), np.stack([gh[tt] for tt in range(T)], 2))
acc, dX, dh0, _ = bwd(True)     # loop with the recurrent terms carried: checks the accumulation rows
rep(246, dX, gX)
for line, k in zip(range(247, 255), ['dWf', 'dWi', 'dWc', 'dWo', 'dbf', 'dbi', 'dbc', 'dbo']):
    rep(line, acc[k], fd(lambda v, k=k: loss(P=withP(k[1:], v)), P[k[1:]]))
rep(256, dh0, fd(lambda v: loss(h0=v), h0))
print("info: author's loop (no carry) dWf matches FD:", np.allclose(acc_a['dWf'], acc['dWf']))
