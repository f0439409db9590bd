# Finite-difference check of rnn_nndl_lab5_charles.md (nndl SRN: z_k = U h_{k-1} + W x_k + b, h_k = f(z_k)).
# numpy only. delta_{t,k} = dL_t/dz_k (column vector, nndl denominator layout), L = sum_t L_t.
import numpy as np
rng = np.random.default_rng(0)
D, H, T = 3, 4, 5
U = rng.normal(size=(H, H)) * 0.6; W = rng.normal(size=(H, D)) * 0.6; b = rng.normal(size=H) * 0.3
V = rng.normal(size=(2, H)); X = rng.normal(size=(T + 1, D)); Y = rng.normal(size=(T + 1, 2))
h0 = rng.normal(size=H)  # nonzero initial state so that d+z_1/dU != 0

def run(U, W, b):
    hs, zs = {0: h0}, {}
    for k in range(1, T + 1):
        zs[k] = U @ hs[k - 1] + W @ X[k] + b
        hs[k] = np.tanh(zs[k])
    Ls = {t: 0.5 * np.sum((V @ hs[t] - Y[t]) ** 2) for t in range(1, T + 1)}
    return hs, zs, Ls

hs, zs, Ls = run(U, W, b)
def deltas(t):  # delta_{t,k} for k = t..1
    d = {}
    g = V.T @ (V @ hs[t] - Y[t])
    d[t] = (1 - hs[t] ** 2) * g
    for k in range(t - 1, 0, -1):
        d[k] = (1 - hs[k] ** 2) * (U.T @ d[k + 1])
    return d
DEL = {t: deltas(t) for t in range(1, T + 1)}

def fd(param, which, t=None, eps=1e-6):
    g = np.zeros_like(param)
    for idx in np.ndindex(param.shape):
        for s in (+1, -1):
            P = param.copy(); P[idx] += s * eps
            args = {'U': U, 'W': W, 'b': b}; args[which] = P
            _, _, L = run(args['U'], args['W'], args['b'])
            val = sum(L.values()) if t is None else L[t]
            g[idx] += s * val / (2 * eps)
    return g

def rep(line, ok_expected, a, bref):
    agree = np.allclose(a, bref, atol=1e-6)
    print(f"line {line}: {'AGREES' if agree else 'DISAGREES'} with finite differences (max err {np.max(np.abs(a - bref)):.2e}); expected {'pass' if ok_expected else 'fail'}")

dW = fd(W, 'W'); db = fd(b, 'b')
rhs640 = sum(np.outer(DEL[t][k], X[k]) for t in range(1, T + 1) for k in range(1, t + 1))
rhs641 = sum(DEL[t][k] for t in range(1, T + 1) for k in range(1, t + 1))
rep(11, True, rhs640, dW); rep(37, True, rhs640, dW); rep(43, True, rhs640, dW)
rep(15, True, rhs641, db); rep(49, True, rhs641, db)
# line 29: sum over t only, k free; take any fixed k (k=T and k=2 shown), with direct d+z_k/dW = x_k^T
for k in (T, 2):
    l29 = sum(np.outer(DEL[t][k], X[k]) for t in range(k, T + 1))
    rep(29, False, l29, dW)
# line 30: sum_{k<=t} dL_t/dz_k x_k^T for one t: this is dL_t/dW, not dL/dW
for t in (T, 3):
    l30 = sum(np.outer(DEL[t][k], X[k]) for k in range(1, t + 1))
    rep(30, False, l30, dW)
    print(f"   (line 30 with t={t} equals dL_t/dW instead: {np.allclose(l30, fd(W, 'W', t=t), atol=1e-6)})")
# line 57 (6.31) in matrix form: dL_t/dU = sum_k delta_{t,k} h_{k-1}^T
for t in (T, 3):
    rep(57, True, sum(np.outer(DEL[t][k], hs[k - 1]) for k in range(1, t + 1)), fd(U, 'U', t=t))
# line 72: dz_k/dh_{k-1} = U (Jacobian)
k = 3; eps = 1e-6; J = np.zeros((H, H))
for j in range(H):
    e = np.zeros(H); e[j] = eps
    J[:, j] = ((U @ (hs[k - 1] + e) + W @ X[k] + b) - (U @ (hs[k - 1] - e) + W @ X[k] + b)) / (2 * eps)
rep(72, True, U, J)
# line 77: sum_k dL_t/dz_k dz_k/dh_{k-1} ... dz_1/du_ij ; every chain runs down to z_1, so each term is
# dL_t/dz_1 * d+z_1/du_ij (the chain dL_t/dz_k dz_k/dz_1 = dL_t/dz_1), i.e. t * delta_{t,1} h_0^T
for t in (T, 3):
    l77 = sum(np.outer(DEL[t][1], hs[0]) for k in range(1, t + 1))
    rep(77, False, l77, fd(U, 'U', t=t))
