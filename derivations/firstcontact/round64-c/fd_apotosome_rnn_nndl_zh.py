# FD check for apotosome_rnn_nndl_zh.md (numpy only). Model: nndl SRN h_t = f(U h_{t-1} + W x_t + b);
# LSTM as in nndl: C_t = f_t*C_{t-1} + i_t*C^_t, h_t = o_t*tanh(C_t); J = sum_t 0.5||V h_t - y_t||^2;
# delta_C^(t) = dJ/dC^(t), delta_h^(t) = dJ/dh^(t) (total gradients).
import numpy as np
rng = np.random.default_rng(7)
sig = lambda a: 1 / (1 + np.exp(-a))
D, H, K, T = 3, 4, 2, 4
Wg = {k: rng.standard_normal((H, D)) for k in 'ifoc'}; Ug = {k: rng.standard_normal((H, H)) * 0.5 for k in 'ifoc'}
bg = {k: rng.standard_normal(H) * 0.1 for k in 'ifoc'}; V = rng.standard_normal((K, H))
xs = rng.standard_normal((T + 1, D)); ys = rng.standard_normal((T + 1, K))
def run(dC=None, dh=None, tanh_out=True):
    h, C = np.zeros(H), np.zeros(H); J = 0.0; st = {}
    for t in range(1, T + 1):
        a = {k: Wg[k] @ xs[t] + Ug[k] @ h + bg[k] for k in 'ifoc'}
        i, f, o, Ch = sig(a['i']), sig(a['f']), sig(a['o']), np.tanh(a['c'])
        C = f * C + i * Ch + (dC[t] if dC and t in dC else 0)
        h = o * (np.tanh(C) if tanh_out else C) + (dh[t] if dh and t in dh else 0)
        J += 0.5 * np.sum((V @ h - ys[t]) ** 2); st[t] = dict(i=i, f=f, o=o, C=C, h=h)
    return J, st
J, st = run()
e = 1e-6
def fd_C(t, **kw): return np.array([(run(dC={t: e*u}, **kw)[0] - run(dC={t: -e*u}, **kw)[0]) / (2*e) for u in np.eye(H)])
def fd_h(t): return np.array([(run(dh={t: e*u})[0] - run(dh={t: -e*u})[0]) / (2*e) for u in np.eye(H)])
res = {}
# line 41 for t = 2 (interior step)
t = 2
dC_next, dh_t = fd_C(t + 1), fd_h(t)
rhs = dC_next * st[t + 1]['f'] + dh_t * st[t]['o'] * (1 - np.tanh(st[t]['C']) ** 2)
res[41] = np.allclose(rhs, fd_C(t), atol=1e-7)
res[39] = True   # definitions of delta_C, delta_h
# line 36: h_t = o_t * C_t (no tanh) vs nndl/standard h_t = o_t * tanh(C_t) used by line 41
res[36] = np.allclose(st[1]['o'] * st[1]['C'], st[1]['h'])
res[35] = True   # C_t recursion as used in run()
# line 6 (SRN) and line 24 (residual form) are definitions; line 16 product form checked on an SRN
U = rng.standard_normal((H, H)) * 0.8; W = rng.standard_normal((H, D)); b = rng.standard_normal(H)
def srn(dz=None):
    h = np.zeros(H); zs = {}; hs = {0: h}
    for t in range(1, T + 1):
        zs[t] = U @ h + W @ xs[t] + b + (dz[t] if dz and t in dz else 0); h = np.tanh(zs[t]); hs[t] = h
    return 0.5 * np.sum((V @ hs[T] - ys[T]) ** 2), zs, hs
LT, zs, hs = srn()
d_TT = (1 - np.tanh(zs[T]) ** 2) * (V.T @ (V @ hs[T] - ys[T]))
k = 1; P = np.eye(H)
for tau in range(k, T): P = P @ (np.diag(1 - np.tanh(zs[tau]) ** 2) @ U.T)
fd_dk = np.array([(srn({k: e*u})[0] - srn({k: -e*u})[0]) / (2*e) for u in np.eye(H)])
res[16] = np.allclose(P @ d_TT, fd_dk, atol=1e-7)
res[6] = True; res[24] = True
expected = {6: True, 16: True, 24: True, 35: True, 36: False, 39: True, 41: True}
for k_, v in expected.items():
    assert bool(res[k_]) == v, (k_, res[k_])
print("fd_apotosome_rnn_nndl_zh: all", len(expected), "verdicts confirmed")
