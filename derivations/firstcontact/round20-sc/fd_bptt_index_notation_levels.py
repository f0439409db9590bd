# FD check for bptt_index_notation_levels.md (index notation, levels r-1 -> r (recurrent, V) -> r+1)
# Conventions (author's): U_i^r(t) = sum_l W^r_{l,i} X_l^{r-1}(t) + sum_m V_{m,i} X_m^r(t-1); X^r = f(U^r);
# U_l^{r+1}(t) = sum_{l1} W^{r+1}_{l1,l} X_{l1}^r(t); e = sum_t loss_t(U^{r+1}(t)) (smooth, arbitrary).
import numpy as np
rng = np.random.default_rng(3)
nin, nr, nout, T = 3, 4, 2, 5
Wr = rng.normal(size=(nin, nr)) * 0.7   # W^r_{l,i}: from node l of level r-1 to node i of level r
V = rng.normal(size=(nr, nr)) * 0.7     # V_{m,i}
Wo = rng.normal(size=(nr, nout)) * 0.7  # W^{r+1}_{l1,l}
Xin = rng.normal(size=(T + 2, nin))
tgt = rng.normal(size=(T + 2, nout))
f = np.tanh
fp = lambda u: 1 - np.tanh(u) ** 2
eps = 1e-6

def forward(Wr, V, Wo, dX=None, dU=None):
    """times t = 1..T; X^r(0) = 0. dX / dU: (t, i, delta) perturbations added after activation / to the net input."""
    Xr = {0: np.zeros(nr)}; Ur = {}; Uo = {}
    e = 0.0
    for t in range(1, T + 1):
        Ur[t] = Xin[t] @ Wr + Xr[t - 1] @ V
        if dU is not None and dU[0] == t:
            Ur[t] = Ur[t].copy(); Ur[t][dU[1]] += dU[2]
        Xr[t] = f(Ur[t])
        if dX is not None and dX[0] == t:
            Xr[t] = Xr[t].copy(); Xr[t][dX[1]] += dX[2]
        Uo[t] = Xr[t] @ Wo
        e += 0.5 * np.sum((np.sin(Uo[t]) - tgt[t]) ** 2)
    return e, Ur, Xr, Uo

def de_dUo(Uo, t):
    return (np.sin(Uo[t]) - tgt[t]) * np.cos(Uo[t])

e0, Ur, Xr, Uo = forward(Wr, V, Wo)
# true dE/dU^r(t) by FD, all t
def fd_dU(t, i):
    return (forward(Wr, V, Wo, dU=(t, i, eps))[0] - forward(Wr, V, Wo, dU=(t, i, -eps))[0]) / (2 * eps)
def fd_dX(t, i):
    return (forward(Wr, V, Wo, dX=(t, i, eps))[0] - forward(Wr, V, Wo, dX=(t, i, -eps))[0]) / (2 * eps)
dUr = {t: np.array([fd_dU(t, i) for i in range(nr)]) for t in range(1, T + 1)}
dUr[T + 1] = np.zeros(nr)
dXr = {t: np.array([fd_dX(t, i) for i in range(nr)]) for t in range(1, T + 1)}

res = {}
def rep(line, ok):
    res[line] = res.get(line, True) and bool(ok)

# line 46: forward definition (used as is)
rep(46, True)
t = 2
# line 49: dE/dX_i^r(t) = sum_l dE/dU_l^{r+1}(t) dU_l^{r+1}/dX_i + sum_m dE/dU_m^r(t+1) dU_m^r(t+1)/dX_i
row49 = Wo @ de_dUo(Uo, t) + V @ dUr[t + 1]        # partials dU_l^{r+1}/dX_i = Wo[i,l], dU_m^r(t+1)/dX_i = V[i,m]
rep(49, np.allclose(row49, dXr[t], atol=1e-6))
# line 54 (rows 54-56): literal expression: second sum differentiates sum_{m1} W_{m1,i} X(t+1) + sum_{m2} V_{m2,i} X_{m2}^r(t)
# d/dX_i^r(t) of that = V_{i,i}, for every m
row54 = Wo @ de_dUo(Uo, t) + np.array([np.sum(dUr[t + 1]) * V[i, i] for i in range(nr)])
rep(54, np.allclose(row54, dXr[t], atol=1e-6))
# line 57
row57 = np.array([sum(de_dUo(Uo, t)[l] * Wo[i, l] for l in range(nout)) + sum(dUr[t + 1][m] * V[i, m] for m in range(nr)) for i in range(nr)])
rep(57, np.allclose(row57, dXr[t], atol=1e-6))
# lines 60, 61, 62: dE/dU_i^r(t)
rep(60, np.allclose(dXr[t] * fp(Ur[t]), dUr[t], atol=1e-6))
rep(61, np.allclose(dXr[t] * fp(Ur[t]), dUr[t], atol=1e-6))
rep(62, np.allclose(row57 * fp(Ur[t]), dUr[t], atol=1e-6))
# lines 65-68: per-step contribution dE/dW_{ij}(t) = dE/dU_j^r(t) X_i^{r-1}(t); summed over t must give the FD gradient
def fd_param(name, i, j):
    def E(d):
        P = {'Wr': Wr.copy(), 'V': V.copy()}
        P[name][i, j] += d
        return forward(P['Wr'], P['V'], Wo)[0]
    return (E(eps) - E(-eps)) / (2 * eps)
gW = np.array([[fd_param('Wr', i, j) for j in range(nr)] for i in range(nin)])
gV = np.array([[fd_param('V', i, j) for j in range(nr)] for i in range(nr)])
sumW = sum(np.outer(Xin[t], dUr[t]) for t in range(1, T + 1))
sumV = sum(np.outer(Xr[t - 1], dUr[t]) for t in range(1, T + 1))
for ln in (65, 67, 68):
    rep(ln, np.allclose(sumW, gW, atol=1e-6))
for ln in (70, 72, 73):
    rep(ln, np.allclose(sumV, gV, atol=1e-6))
# lines 81-84: algorithm
alpha = 0.1
dW = -alpha * sumW; dV = -alpha * sumV
rep(81, np.allclose(dW, -alpha * gW, atol=1e-6))
rep(82, True)   # update rule W(T) = W(T-1) + dW: definition of the step
rep(83, np.allclose(dV, -alpha * gV, atol=1e-6))
# line 84: V(T) = W(T-1) + dV : must equal the gradient step V - alpha*gV
Wsq = rng.normal(size=(nr, nr))   # a W^k matrix of the same shape (level r -> r weights do not exist; any W differs from V)
rep(84, np.allclose(Wsq + dV, V - alpha * gV))
for ln in sorted(res):
    print(ln, 'OK' if res[ln] else 'MISMATCH')
