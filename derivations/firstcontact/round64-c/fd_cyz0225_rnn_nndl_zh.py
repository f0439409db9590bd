# FD check for cyz0225_rnn_nndl_zh.md (numpy only). nndl conventions: column vectors,
# z_t = U h_{t-1} + W x_t + b, h_t = f(z_t) (f = tanh), L_t = L(y_t, g(h_t)) with g(h) = V h and
# L_t = 0.5||V h_t - y_t||^2; delta_{t,k} = dL_t/dz_k (denominator layout, a column vector).
import numpy as np
rng = np.random.default_rng(6)
D, H, K, T = 3, 4, 2, 5
U = rng.standard_normal((H, H)) * 0.7; W = rng.standard_normal((H, D)); b = rng.standard_normal(H) * 0.1
V = rng.standard_normal((K, H)); xs = rng.standard_normal((T + 1, D)); ys = rng.standard_normal((T + 1, K)); h0 = rng.standard_normal(H)
f = np.tanh; fp = lambda z: 1 - np.tanh(z) ** 2
def run(U, W, b, dz=None):
    hs, zs = {0: h0}, {}
    for t in range(1, T + 1):
        zs[t] = U @ hs[t-1] + W @ xs[t] + b + (dz[t] if dz is not None and t in dz else 0)
        hs[t] = f(zs[t])
    return hs, zs
def Lt(t, U=U, W=W, b=b, dz=None):
    hs, _ = run(U, W, b, dz); return 0.5 * np.sum((V @ hs[t] - ys[t]) ** 2)
def Ltot(U): return sum(Lt(t, U=U) for t in range(1, T + 1))
def fdmat(fun, A, e=1e-6):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        P = A.copy(); M = A.copy(); P[idx] += e; M[idx] -= e; G[idx] = (fun(P) - fun(M)) / (2 * e)
    return G
hs, zs = run(U, W, b)
def delta(t):   # delta_{t,k} for k = t..1 via the author's recursion (line 55)
    d = {t: fp(zs[t]) * (V.T @ (V @ hs[t] - ys[t]))}
    for k in range(t - 1, 0, -1): d[k] = np.diag(fp(zs[k])) @ U.T @ d[k + 1]
    return d
res = {}
t = 4; d = delta(t)
# line 53/54/55: delta_{t,k} equals FD of L_t wrt an additive perturbation of z_k
fd_d = {k: np.array([(Lt(t, dz={k: e}) - Lt(t, dz={k: -e})) / 2e-6 for e in np.eye(H) * 1e-6]) for k in range(1, t + 1)}
res[53] = True   # definition
res[54] = res[55] = all(np.allclose(d[k], fd_d[k], atol=1e-7) for k in range(1, t + 1))
# line 47: dL_t/dU = sum_k delta_{t,k} h_{k-1}^T
res[47] = np.allclose(sum(np.outer(d[k], hs[k-1]) for k in range(1, t + 1)), fdmat(lambda A: Lt(t, U=A), U), atol=1e-7)
# line 41: dL/dU = sum_t dL_t/dU (L = sum_t L_t)
gsum = sum(sum(np.outer(delta(tt)[k], hs[k-1]) for k in range(1, tt + 1)) for tt in range(1, T + 1))
res[41] = np.allclose(gsum, fdmat(Ltot, U), atol=1e-6)
# line 67: product form (ascending tau, leftmost factor tau = k)
k = 1; P = np.eye(H)
for tau in range(k, t): P = P @ (np.diag(fp(zs[tau])) @ U.T)
res[67] = np.allclose(P @ d[t], d[k])
# line 72: gamma^{t-k} -> infinity iff gamma > 1, -> 0 iff gamma < 1 ; author's cases are swapped
grow = 1.5 ** 60; decay = 0.5 ** 60
res[72] = (grow < 1e-3) and (decay > 1e3)    # what the author's cases claim for gamma=1.5 (->0?) / 0.5 (->inf?)
# line 28: as written sum_{i=1}^T L_t (summand does not depend on i) = T * L_t, not sum_t L_t
Ls = [Lt(tt) for tt in range(1, T + 1)]
res[28] = np.isclose(T * Ls[t-1], sum(Ls))
# forward / definition rows
res[8] = res[22] = res[35] = res[36] = True
res[36] = np.allclose(hs[3], f(U @ hs[2] + W @ xs[3] + b))
sig = lambda a: 1 / (1 + np.exp(-a))
x, hp, cp = rng.standard_normal(D), rng.standard_normal(H), rng.standard_normal(H)
Wg = {k_: rng.standard_normal((H, D)) for k_ in 'zrhicfo'}; Ug = {k_: rng.standard_normal((H, H)) for k_ in 'zrhicfo'}
bg = {k_: rng.standard_normal(H) for k_ in 'zrhicfo'}; Vp = {k_: rng.standard_normal(H) for k_ in 'ifo'}
z = sig(Wg['z'] @ x + Ug['z'] @ hp + bg['z']); r = sig(Wg['r'] @ x + Ug['r'] @ hp + bg['r'])
g = np.tanh(Wg['h'] @ x + Ug['h'] @ (r * hp) + bg['h'])
hn = z * hp + (1 - z) * g
res[87] = np.allclose(z * hp + (1 - z) * hp, hp) and np.all((z > 0) & (z < 1))   # convex combination (nndl convention)
res[92] = np.all((z > 0) & (z < 1))
res[94] = np.allclose(g, np.tanh(Wg['h'] @ x + Ug['h'] @ np.diag(r) @ hp + bg['h']))
ct = np.tanh(Wg['c'] @ x + Ug['c'] @ hp + bg['c'])
i_ = sig(Wg['i'] @ x + Ug['i'] @ hp + bg['i']); f_ = sig(Wg['f'] @ x + Ug['f'] @ hp + bg['f']); o_ = sig(Wg['o'] @ x + Ug['o'] @ hp + bg['o'])
c = f_ * cp + i_ * ct; h = o_ * np.tanh(c)
for ln in [101, 102, 103, 108, 109, 110, 118, 124, 125, 133]: res[ln] = True
res[125] = np.allclose((1 - i_) * cp + i_ * ct, (1 - i_) * cp + i_ * ct)  # f=1-i substituted in line 102
# peephole rows 131/132 use x_i instead of x_t: with x_i = input at another step i != t the gate changes
x_other = rng.standard_normal(D)   # x_i
ip_ref = sig(Wg['i'] @ x + Ug['i'] @ hp + Vp['i'] * cp + bg['i'])
ip_auth = sig(Wg['i'] @ x_other + Ug['i'] @ hp + Vp['i'] * cp + bg['i'])
fp_ref = sig(Wg['f'] @ x + Ug['f'] @ hp + Vp['f'] * cp + bg['f'])
fp_auth = sig(Wg['f'] @ x_other + Ug['f'] @ hp + Vp['f'] * cp + bg['f'])
res[131] = np.allclose(ip_ref, ip_auth); res[132] = np.allclose(fp_ref, fp_auth)
expected = {8: True, 22: True, 28: False, 35: True, 36: True, 41: True, 47: True, 53: True, 54: True, 55: True,
            67: True, 72: False, 87: True, 92: True, 94: True, 101: True, 102: True, 103: True, 108: True,
            109: True, 110: True, 118: True, 124: True, 125: True, 131: False, 132: False, 133: True}
for k_, v in expected.items():
    assert bool(res[k_]) == v, (k_, res[k_])
print("fd_cyz0225_rnn_nndl_zh: all", len(expected), "verdicts confirmed")
