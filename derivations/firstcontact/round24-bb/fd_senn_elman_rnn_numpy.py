"""FD check of senn_elman_rnn_numpy.md (raphaelsenn/rnn-lstm-gru-numpy, nn_np/rnn_np.py @0b73b37a).

Row layout, batch N: h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh), h_{-1} = 0 (t = 0..seq_len-1).
RNN_1FC_ALL: H = [h_0 | h_1 | ... ] (N, seq_len*hidden), z2 = H W_out^T + b_out, h2 = softmax(z2),
             batch loss L = -(1/N) sum_n log h2[n, y_n]   (one_hot default num_classes=10 -> output_size 10)
RNN_1FC:     z2 = h_last W_out^T + b_out, output_size 1 (as in the author's forecasting notebook, y of shape (N,1)),
             batch loss L = mean((y - z2)^2)
Every annotated line is compared to central finite differences of L (or, for definitions, to an
independent computation).
"""
import numpy as np

rng = np.random.default_rng(11)
N, S, Din, Hd = 3, 4, 2, 3


def tanh_ref(a):
    return np.tanh(a)


def ng(fun, a0, eps=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += eps
        am = a0.copy(); am[idx] -= eps
        g[idx] = (fun(ap) - fun(am)) / (2 * eps)
    return g


def rep(line, ok):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")


close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-6, rtol=1e-5)

# author's helpers (verbatim semantics)
tanh = lambda x: (np.exp(2 * x) - 1) / (np.exp(2 * x) + 1)
softmax = lambda x: np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)


def one_hot(y, num_classes=10):
    y_hot = np.zeros((len(y), num_classes))
    y_hot[range(y.shape[0]), y.astype(int)] = 1
    return y_hot


a = rng.normal(size=(4, 5))
rep(8, close(tanh(a), np.tanh(a)))
rep(12, close(softmax(a), np.exp(a - a.max(1, keepdims=True)) / np.exp(a - a.max(1, keepdims=True)).sum(1, keepdims=True)))
yy = np.array([3, 0, 9])
rep(17, close(one_hot(yy), np.array([[float(k == v) for k in range(10)] for v in yy])))


def make(out):
    P = dict(weight_ih=rng.normal(size=(Hd, Din)) * 0.6, weight_hh=rng.normal(size=(Hd, Hd)) * 0.6,
             bias_ih=rng.normal(size=Hd) * 0.3, bias_hh=rng.normal(size=Hd) * 0.3,
             bias_out=rng.normal(size=out) * 0.3)
    return P


def run(P, x, e, kind, y, h_init):
    """x: (S, N, Din). e: perturbations 'a' (pre-act), 'h' (all uses), 'hrec' (recurrence only), 'out'."""
    z = lambda k, t: e[k][t] if k in e else 0.0
    hp = h_init
    hs, As = [], []
    for t in range(S):
        at = x[t] @ P['weight_ih'].T + P['bias_ih'] + hp @ P['weight_hh'].T + P['bias_hh'] + z('a', t)
        ht = np.tanh(at) + z('h', t)
        hs.append(ht); As.append(at)
        hp = ht + z('hrec', t)
    hs = np.stack(hs, 0)                                    # (S, N, Hd)
    if kind == 'all':
        Hcat = hs.transpose(1, 0, 2).reshape(N, -1)
        z2 = Hcat @ P['weight_out'].T + P['bias_out'] + e.get('out', 0.0)
        ex = np.exp(z2 - z2.max(1, keepdims=True)); pr = ex / ex.sum(1, keepdims=True)
        L = -np.sum(np.log(pr[np.arange(N), y])) / N
    else:
        z2 = hs[-1] @ P['weight_out'].T + P['bias_out'] + e.get('out', 0.0)
        L = np.mean((y - z2) ** 2)
    return dict(hs=hs, As=np.stack(As, 0), z2=z2, L=L)


# =============== RNN_1FC_ALL ===============
out = 10
P = make(out); P['weight_out'] = rng.normal(size=(out, Hd * S)) * 0.4
x = rng.normal(size=(S, N, Din)); y = np.array([2, 7, 5]); h_init = np.zeros((N, Hd))
Lf = lambda **kw: run(kw.get('P', P), x, kw.get('e', {}), 'all', y, kw.get('h_init', h_init))['L']
R = run(P, x, {}, 'all', y, h_init)
gE = lambda k, shape: ng(lambda v: Lf(e={k: v}), np.zeros(shape))
gP = lambda k: ng(lambda v: Lf(P={**P, k: v}), P[k])

# forward (lines 98-113)
h_t_minus_1 = np.zeros((N, Hd)); ht_all = []; ok98 = True
for t in range(S):
    h_t = tanh(x[t] @ P['weight_ih'].T + P['bias_ih'] + h_t_minus_1 @ P['weight_hh'].T + P['bias_hh'])
    ok98 &= close(h_t, R['hs'][t]); ht_all.append(h_t.copy()); h_t_minus_1 = h_t.copy()
rep(98, ok98)
ht_all = np.stack(ht_all, axis=0).transpose(1, 0, 2)
rep(107, close(ht_all[:, 1, :], R['hs'][1]))               # [N, seq_len, hidden] after this line
H = ht_all.reshape(N, -1)
rep(110, close(H, np.concatenate([R['hs'][t] for t in range(S)], axis=1)))
z2 = H @ P['weight_out'].T + P['bias_out']; rep(111, close(z2, R['z2']))
h2 = softmax(z2); rep(112, close(h2, np.exp(R['z2']) / np.exp(R['z2']).sum(1, keepdims=True)))
y_hot = one_hot(y); rep(113, close(y_hot, np.eye(out)[y]))
# backward
d_out = (h2 - y_hot) / N; rep(119, close(d_out, gE('out', (N, out))))
d_out_dw = d_out.T @ H; rep(120, close(d_out_dw, gP('weight_out')))
d_out_db = np.sum(d_out, axis=0); rep(121, close(d_out_db, gP('bias_out')))
W_out_t = P['weight_out'].reshape(out, S, Hd)
# W_out_t[:, s, :] must be the Jacobian dz2[n, :]/dh_s[n, :] (independent: FD through the concatenation)
def jac_z2_h(s, n=0):
    def z2_of(v):
        hs = [R['hs'][t][n] if t != s else v for t in range(S)]
        return np.concatenate(hs) @ P['weight_out'].T
    return np.stack([ng(lambda v: z2_of(v)[o], R['hs'][s][n].copy()) for o in range(out)])
rep(124, all(close(W_out_t[:, s, :], jac_z2_h(s)) for s in range(S)))
ht_all = ht_all.transpose(1, 0, 2); rep(128, close(ht_all, R['hs']))   # back to [seq_len, N, hidden]
W_out_t = W_out_t.transpose(1, 0, 2); rep(129, all(close(W_out_t[s], P['weight_out'][:, s * Hd:(s + 1) * Hd]) for s in range(S)))
gh_tot = gE('h', (S, N, Hd)); ga = gE('a', (S, N, Hd)); ghrec = gE('hrec', (S, N, Hd))
gh_init = ng(lambda v: Lf(h_init=v), h_init)
dwhh = np.zeros_like(P['weight_hh']); dwih = np.zeros_like(P['weight_ih'])
dbih = np.zeros_like(P['bias_ih']); dbhh = np.zeros_like(P['bias_hh'])
dht_plus_1 = np.zeros_like(ht_all[0]); ok = {k: True for k in (141, 142, 144, 145)}
for t in range(S - 1, -1, -1):
    dz2_dht = W_out_t[t]
    ok[141] &= close(dz2_dht, jac_z2_h(t))
    dht = d_out @ dz2_dht + dht_plus_1; ok[142] &= close(dht, gh_tot[t])
    dht_dz1 = 1 - ht_all[t] ** 2; ok[144] &= close(dht_dz1, (np.tanh(R['As'][t] + 1e-6) - np.tanh(R['As'][t] - 1e-6)) / 2e-6)
    dht_plus_1 = (dht * dht_dz1) @ P['weight_hh']
    ok[145] &= close(dht_plus_1, ghrec[t - 1] if t > 0 else gh_init)
    dwhh += (dht * dht_dz1).T @ ht_all[t - 1] if t > 0 else (dht * dht_dz1).T @ np.zeros_like(ht_all[0])
    dwih += (dht * dht_dz1).T @ x[t]
    dbih += np.sum(dht * dht_dz1, axis=0)
    dbhh += np.sum(dht * dht_dz1, axis=0)
for k in sorted(ok):
    rep(k, ok[k])
rep(147, close(dwhh, gP('weight_hh')))
rep(148, close(dwih, gP('weight_ih')))
rep(150, close(dbih, gP('bias_ih')))
rep(151, close(dbhh, gP('bias_hh')))
lr = 1e-3
for ln, k, g in ((154, 'weight_out', d_out_dw), (155, 'weight_hh', dwhh), (156, 'weight_ih', dwih),
                 (158, 'bias_out', d_out_db), (159, 'bias_ih', dbih), (160, 'bias_hh', dbhh)):
    rep(ln, close(P[k] - lr * g, P[k] - lr * gP(k)))        # SGD step p - lr*dL/dp
# line 166: dataset loss = mean NLL of the softmax outputs of forward()
y_pred = softmax(z2)
rep(166, np.isclose(-sum(np.log(y_pred[np.arange(N), y])) / N, R['L']))

# =============== RNN_1FC ===============
out = 1
P = make(out); P['weight_out'] = rng.normal(size=(out, Hd)) * 0.6
x = rng.normal(size=(S, N, Din)); y = rng.normal(size=(N, 1))
Lf = lambda **kw: run(kw.get('P', P), x, kw.get('e', {}), 'last', y, kw.get('h_init', h_init))['L']
R = run(P, x, {}, 'last', y, h_init)
h_t_minus_1 = np.zeros((N, Hd)); ht_all = []; ok249 = True
for t in range(S):
    h_t = tanh(x[t] @ P['weight_ih'].T + P['bias_ih'] + h_t_minus_1 @ P['weight_hh'].T + P['bias_hh'])
    ok249 &= close(h_t, R['hs'][t]); ht_all.append(h_t.copy()); h_t_minus_1 = h_t.copy()
rep(249, ok249)
ht_all = np.stack(ht_all, axis=0)
z2 = h_t @ P['weight_out'].T + P['bias_out']; rep(260, close(z2, R['z2']))
dL_dz2 = -2 * (y - z2) / N; rep(264, close(dL_dz2, gE('out', (N, out))))
dz2_dw_out = h_t   # row n = dz2[n, 0]/dW_out[0, :]
rep(265, all(close(dz2_dw_out[n], ng(lambda v: (R['hs'][-1][n] @ v.T)[0], P['weight_out'])[0]) for n in range(N)))
dL_dw_out = dL_dz2.T @ dz2_dw_out; rep(266, close(dL_dw_out, gP('weight_out')))
dL_db_out = np.sum(dL_dz2, axis=0); rep(267, close(dL_db_out, gP('bias_out')))
dz2_dh_tau = P['weight_out']; rep(269, close(dz2_dh_tau, ng(lambda v: (v @ P['weight_out'].T)[0], np.zeros(Hd)).reshape(1, -1)))
dL_dh_tau = dL_dz2 @ dz2_dh_tau
gh_tot = gE('h', (S, N, Hd)); ga = gE('a', (S, N, Hd)); ghrec = gE('hrec', (S, N, Hd))
gh_init = ng(lambda v: Lf(h_init=v), h_init)
rep(270, close(dL_dh_tau, gh_tot[-1]))
dL_dht_plus_1 = dL_dh_tau; rep(271, close(dL_dht_plus_1, gh_tot[-1]))   # total dL/dh_last (no later step)
dL_dwhh = np.zeros_like(P['weight_hh']); dL_dwih = np.zeros_like(P['weight_ih'])
dL_dbih = np.zeros_like(P['bias_ih']); dL_dbhh = np.zeros_like(P['bias_hh'])
ok = {k: True for k in (282, 283, 290)}
for t in reversed(range(S)):
    dht_dz2 = 1 - ht_all[t] ** 2
    ok[282] &= close(dht_dz2, (np.tanh(R['As'][t] + 1e-6) - np.tanh(R['As'][t] - 1e-6)) / 2e-6)
    dL_dht = dht_dz2 * dL_dht_plus_1; ok[283] &= close(dL_dht, ga[t])   # value = dL/d(pre-activation a_t)
    dL_dwhh += dL_dht.T @ ht_all[t - 1] if t > 0 else dL_dht.T @ np.zeros_like(ht_all[0])
    dL_dwih += dL_dht.T @ x[t]
    dL_dbih += np.sum(dL_dht, axis=0)
    dL_dbhh += np.sum(dL_dht, axis=0)
    dL_dht_plus_1 = dL_dht @ P['weight_hh']; ok[290] &= close(dL_dht_plus_1, ghrec[t - 1] if t > 0 else gh_init)
rep(282, ok[282]); rep(283, ok[283])
rep(285, close(dL_dwhh, gP('weight_hh')))
rep(286, close(dL_dwih, gP('weight_ih')))
rep(287, close(dL_dbih, gP('bias_ih')))
rep(288, close(dL_dbhh, gP('bias_hh')))
rep(290, ok[290])
for ln, k, g in ((293, 'weight_out', dL_dw_out), (294, 'weight_hh', dL_dwhh), (295, 'weight_ih', dL_dwih),
                 (297, 'bias_out', dL_db_out), (298, 'bias_ih', dL_dbih), (299, 'bias_hh', dL_dbhh)):
    rep(ln, close(P[k] - lr * g, P[k] - lr * gP(k)))
rep(305, np.isclose(np.mean((y - z2) ** 2), R['L']))
