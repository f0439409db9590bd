"""FD check for evelyne96_lstm_numpy_bptt.md (evelyne96/LSTM @db11abc, LSTM.py + utils.py).

The author's code is executed as published: the second fence (utils.py) is installed as module 'utils', the first
fence (LSTM.py) is exec'd. clip_gradients() is replaced by a no-op so that the accumulated gradients can be read
unclipped (clipping is not part of the gradient formulas).
Model (column vectors, one-hot x_t, t = 0..T-1, h_{-1} = c_{-1} = 0 via the extra zero row h[T], c[T]):
  f_t, i_t, o_t = sigmoid(W_gh h_{t-1} + W_gx x_t + b_g);  c~_t = SIGMOID(W_ch h_{t-1} + W_cx x_t + b_c) (as published)
  c_t = f_t c_{t-1} + i_t c~_t,  h_t = o_t tanh(c_t),  yhat_t = softmax(W_v h_t + b_v).
Loss for bptt(): L = -sum_t log yhat_t[y_t] (one sentence, summed; the delta yhat - onehot of line 107).
Truth: central finite differences on parameters and on additive hooks (pre-activations, h_t, c_t, logits).
Lines are judged locally: each delta formula is evaluated with the TRUE upstream quantities.
"""
import re, sys, types
import numpy as np

src = open(__file__.replace('fd_', '').replace('.py', '.md'), encoding='utf-8').read()
fences = re.findall(r"```python\n(.*?)```", src, re.S)
utils = types.ModuleType('utils')
exec(fences[1], utils.__dict__)
sys.modules['utils'] = utils
ns = {}
exec(fences[0], ns)
LSTM = ns['LSTM']
LSTM.clip_gradients = lambda self: None
sig = lambda a: 1 / (1 + np.exp(-a))
E = 1e-6
rng = np.random.default_rng(5)
H, V, T = 3, 5, 4
x = [int(k) for k in rng.integers(0, V, size=T)]
y = [int(k) for k in rng.integers(0, V, size=T)]
names = ['w_fh', 'w_fx', 'b_f', 'w_ih', 'w_ix', 'b_i', 'w_ch', 'w_cx', 'b_c', 'w_oh', 'w_ox', 'b_o', 'w_v', 'b_v']
P = {}
for k in names:
    if k == 'w_v':
        P[k] = 0.8 * rng.normal(size=(V, H))
    elif k == 'b_v':
        P[k] = 0.5 * rng.normal(size=(V, 1))
    elif k[0] == 'b':
        P[k] = 0.5 * rng.normal(size=(H, 1))
    elif k.endswith('h'):
        P[k] = 0.8 * rng.normal(size=(H, H))
    else:
        P[k] = 0.8 * rng.normal(size=(H, V))


def onehot(k):
    v = np.zeros((V, 1)); v[k] = 1; return v


def fwd(P, hook=None):
    hook = hook or {}
    e = lambda k, t, n=H: hook.get((k, t), np.zeros((n, 1)))
    h = np.zeros((H, 1)); c = np.zeros((H, 1)); L = 0.0; S = {k: [] for k in ['f', 'i', 'o', 'g', 'c', 'h', 'yh']}
    for t in range(T):
        xt = onehot(x[t])
        pre = {g: P['w_%sh' % g] @ h + P['w_%sx' % g] @ xt + P['b_%s' % g] + e('a' + g, t) for g in 'fioc'}
        f, i, o, g = sig(pre['f']), sig(pre['i']), sig(pre['o']), sig(pre['c'])
        c = f * c + i * g + e('c', t)
        h = o * np.tanh(c) + e('h', t)
        z = P['w_v'] @ h + P['b_v'] + e('z', t, V)
        yh = np.exp(z) / np.sum(np.exp(z))
        L -= float(np.log(yh[y[t], 0]))
        for k, v in zip(['f', 'i', 'o', 'g', 'c', 'h', 'yh'], [f, i, o, g, c, h, yh]):
            S[k].append(v)
    return L, S


def fd(fun, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = E
        g[idx] = (fun(d) - fun(-d)) / (2 * E)
    return g


def report(line, a, b, extra=''):
    a = np.asarray(a, float); b = np.asarray(b, float)
    ok = a.size == b.size and np.allclose(np.reshape(a, b.shape), b, atol=1e-6, rtol=1e-5)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}{(' ' + extra) if extra else ''}")
    return ok


L0, S = fwd(P)
net = LSTM(h_size=H, word_dim=V)
for k in names:
    setattr(net, k, P[k].copy())
f, i, o, c, c_curr, h, y_ = net.forward(x)
report(76, f[T], np.zeros((H, 1)), extra='(buffer; extra row f[T] = 0 used as f_{T} in line 122)')
for ln in (77, 78, 80, 82):
    print(f"line {ln}: OK (zero buffer, filled in the loop)")
report(79, c[-1], np.zeros((H, 1)), extra='(c[T] = c[-1] = 0 is read as c_{-1})')
report(81, h[-1], np.zeros((H, 1)), extra='(h[T] = h[-1] = 0 is read as h_{-1})')
print("line 85: OK (one-hot x_t, zero part)")
print("line 86: OK (one-hot x_t, sets the x[t] entry)")
for ln, k, kk in [(87, 'f', f), (88, 'i', i), (89, 'o', o), (90, 'g', c_curr), (91, 'c', c), (92, 'h', h)]:
    report(ln, np.stack(S[k]), kk[:T], extra=f'(definition of {k}_t, same as the reference model)')
report(94, np.stack(S['yh']), y_, extra='(definition yhat_t = softmax(W_v h_t + b_v))')
L_author = -net.calculate_total_loss([x], [y])
report(187, y_[np.arange(T), y], np.array([S['yh'][t][y[t]] for t in range(T)]), extra='(probabilities of the target words)')
report(189, L_author, L0, extra='(-L of line 189 equals the summed cross-entropy)')
# calculate_loss uses np.sum(generator), which current numpy rejects (2019 numpy summed it with a warning); we evaluate its formula directly
report(196, -1 * net.calculate_total_loss([x], [y]) / sum(len(y_i) for y_i in [y]), L0 / T, extra='(loss = -(1/N) sum log yhat, N = number of words)')
s = np.linspace(-2, 2, 9)
report(217, utils.sigmoid(s), 1 / (1 + np.exp(-s)), extra='(utils.sigmoid)')
report(221, utils.dsigmoid(sig(s)), fd(lambda d: np.sum(sig(s + d.ravel())), (9, 1)).ravel(), extra='(utils.dsigmoid(s) = s(1-s) evaluated at the OUTPUT s = sigmoid(a) equals sigmoid\'(a))')
report(229, utils.dtanh(np.tanh(s)), fd(lambda d: np.sum(np.tanh(s + d.ravel())), (9, 1)).ravel(), extra='(utils.dtanh(y) = 1 - y^2 evaluated at the OUTPUT y = tanh(a) equals tanh\'(a))')
report(225, utils.tanh(s), np.tanh(s), extra='(utils.tanh)')
zz = rng.normal(size=(V, 1))
report(233, utils.softmax(zz), np.exp(zz - zz.max()) / np.exp(zz - zz.max()).sum(), extra='(utils.softmax of a column)')

# true intermediate gradients
dz = [fd(lambda d, t=t: fwd(P, {('z', t): d})[0], (V, 1)) for t in range(T)]
dh = [fd(lambda d, t=t: fwd(P, {('h', t): d})[0], (H, 1)) for t in range(T)]
dc = [fd(lambda d, t=t: fwd(P, {('c', t): d})[0], (H, 1)) for t in range(T)]
da = {g: [fd(lambda d, t=t, g=g: fwd(P, {('a' + g, t): d})[0], (H, 1)) for t in range(T)] for g in 'fioc'}
FP = {k: fd(lambda d, k=k: fwd({**P, k: P[k] + d})[0], P[k].shape) for k in names}

# delta_y (lines 106-107) as computed by the author's code
dy = y_.copy(); dy[np.arange(T), y] -= 1.
report(107, dy, np.stack(dz), extra='(delta_y = yhat - onehot(y) = dL/dz_t)')
print("line 106: OK (delta_y starts as yhat, completed by line 107)")
for ln in range(108, 114):
    print(f"line {ln}: OK (zero buffer; rows T of delta_h / delta_c are the boundary values 0)")
print("line 118: OK (one-hot x_t, zero part)")
print("line 119: OK (one-hot x_t)")
# line 121
pub121 = [P['w_v'].T @ dz[t] + (dh[t + 1] if t + 1 < T else 0) for t in range(T)]
ok121 = all(np.allclose(pub121[t], dh[t], atol=1e-6) for t in range(T))
corr121 = [P['w_v'].T @ dz[t] + (sum(P['w_%sh' % g].T @ da[g][t + 1] for g in 'fioc') if t + 1 < T else 0) for t in range(T)]
okc = all(np.allclose(corr121[t], dh[t], atol=1e-6) for t in range(T))
print(f"line 121: {'OK' if ok121 else 'MISMATCH'} (W_v^T delta_y_t + dL/dh_(t+1) vs dL/dh_t; W_v^T delta_y_t + sum_g W_gh^T dL/da_g,(t+1) would be {'OK' if okc else 'MISMATCH'}; at t = T-1 both agree)")
fn = S['f'] + [np.zeros((H, 1))]
cp = [np.zeros((H, 1))] + S['c'][:-1]
hp = [np.zeros((H, 1))] + S['h'][:-1]
dcn = dc + [np.zeros((H, 1))]
pub122 = [dcn[t + 1] * fn[t + 1] + dh[t] * S['o'][t] * utils.dtanh(S['c'][t]) for t in range(T)]
cor122 = [dcn[t + 1] * fn[t + 1] + dh[t] * S['o'][t] * (1 - np.tanh(S['c'][t]) ** 2) for t in range(T)]
print(f"line 122: {'OK' if all(np.allclose(pub122[t], dc[t], atol=1e-6) for t in range(T)) else 'MISMATCH'} (dtanh(c_t) = 1 - c_t^2; with 1 - tanh(c_t)^2 it would be {'OK' if all(np.allclose(cor122[t], dc[t], atol=1e-6) for t in range(T)) else 'MISMATCH'})")
chk = lambda vals, g: all(np.allclose(vals[t], da[g][t], atol=1e-6) for t in range(T))
print(f"line 123: {'OK' if chk([dc[t] * cp[t] * utils.dsigmoid(S['f'][t]) for t in range(T)], 'f') else 'MISMATCH'} (delta_f = dL/dc_t c_(t-1) f(1-f))")
print(f"line 124: {'OK' if chk([dc[t] * S['g'][t] * utils.dsigmoid(S['i'][t]) for t in range(T)], 'i') else 'MISMATCH'} (delta_i = dL/dc_t c~_t i(1-i))")
print(f"line 125: {'OK' if chk([dh[t] * utils.dsigmoid(S['o'][t]) * np.tanh(S['c'][t]) for t in range(T)], 'o') else 'MISMATCH'} (delta_o = dL/dh_t o(1-o) tanh(c_t))")
ok126 = chk([dc[t] * S['i'][t] * utils.dtanh(S['g'][t]) for t in range(T)], 'c')
ok126s = chk([dc[t] * S['i'][t] * S['g'][t] * (1 - S['g'][t]) for t in range(T)], 'c')
print(f"line 126: {'OK' if ok126 else 'MISMATCH'} (delta_c~ with dtanh(c~) = 1 - c~^2 for the sigmoid candidate of line 90; c~(1-c~) would be {'OK' if ok126s else 'MISMATCH'})")

net2 = LSTM(h_size=H, word_dim=V)
for k in names:
    setattr(net2, k, P[k].copy())
net2.bptt(x, y)
report(129, net2.dLdWv, FP['w_v'], extra='(dLdWv = sum_t delta_y_t h_t^T, as published)')
report(130, net2.dLdBv, FP['b_v'], extra='(dLdBv = sum_t delta_y_t, as published)')
X = [onehot(x[t]) for t in range(T)]
rows = {'f': (133, 'Wfx', 'Wfh', 'Bf'), 'i': (138, 'Wix', 'Wih', 'Bi'), 'c': (143, 'Wcx', 'Wch', 'Bc'), 'o': (148, 'Wox', 'Woh', 'Bo')}
for g, (ln, ax, ah, ab) in rows.items():
    loc_x = sum(da[g][t] @ X[t].T for t in range(T)); loc_h = sum(da[g][t] @ hp[t].T for t in range(T)); loc_b = sum(da[g][t] for t in range(T))
    for l, loc, key, attr in [(ln, loc_x, 'w_%sx' % g, 'dLd' + ax), (ln + 1, loc_h, 'w_%sh' % g, 'dLd' + ah), (ln + 2, loc_b, 'b_%s' % g, 'dLd' + ab)]:
        pubok = np.allclose(getattr(net2, attr), FP[key], atol=1e-6)
        report(l, loc, FP[key], extra=f'(local: sum_t true delta times input; as published: {"OK" if pubok else "MISMATCH (inherits lines 121/122/126)"})')
net3 = LSTM(h_size=H, word_dim=V)
zero_ok = all(np.all(getattr(net3, a) == 0) and getattr(net3, a).shape == getattr(net3, p).shape for a, p in
              [('dLdWv', 'w_v'), ('dLdBv', 'b_v'), ('dLdWfx', 'w_fx'), ('dLdWfh', 'w_fh'), ('dLdBf', 'b_f'), ('dLdWix', 'w_ix'), ('dLdWih', 'w_ih'),
               ('dLdBi', 'b_i'), ('dLdWcx', 'w_cx'), ('dLdWch', 'w_ch'), ('dLdBc', 'b_c'), ('dLdWox', 'w_ox'), ('dLdWoh', 'w_oh'), ('dLdBo', 'b_o')])
for ln in range(38, 52):
    print(f"line {ln}: {'OK' if zero_ok else 'MISMATCH'} (null_deltas: accumulator reset to zero with the parameter's shape; bptt() calls it first)")
print("line 180: OK (log-likelihood accumulator starts at 0)")
