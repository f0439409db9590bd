# FD checks for zh_nndl_notes_rnn_bptt_rtrl.md
# Column vectors, z_t = U h_{t-1} + W x_t + b, h_t = tanh(z_t), g(h) = V h, L_t = 0.5 ||V h_t - y_t||^2, L = sum_t L_t.
# Denominator layout (as in nndl): dL/dz is a column, d(vector)/d(scalar u_ij) is a row vector.
import numpy as np
rng = np.random.default_rng(7)
T, D, M, K = 4, 3, 2, 2
U = rng.normal(size=(D, D)) * 0.6; W = rng.normal(size=(D, M)) * 0.6
b = rng.normal(size=(D, 1)) * 0.2; V = rng.normal(size=(K, D)) * 0.6
X = [None] + [rng.normal(size=(M, 1)) for _ in range(T)]
Y = [None] + [rng.normal(size=(K, 1)) for _ in range(T)]
h0 = rng.normal(size=(D, 1)) * 0.5
f = np.tanh
def fp(z): return 1 - np.tanh(z) ** 2
res = {}
def rep(line, ok): res[line] = res.get(line, True) and bool(ok)

def forward(U, W, b, zpert=None):
    """zpert = (k, vec): add vec to z_k after it is computed (perturbs every later quantity)."""
    hs, zs = [h0], [None]
    for t in range(1, T + 1):
        z = U @ hs[-1] + W @ X[t] + b
        if zpert is not None and zpert[0] == t: z = z + zpert[1]
        zs.append(z); hs.append(f(z))
    return hs, zs
def Lt(hs, t): return 0.5 * float(np.sum((V @ hs[t] - Y[t]) ** 2))
def Ltot(hs): return sum(Lt(hs, t) for t in range(1, T + 1))
hs, zs = forward(U, W, b)
eps = 1e-6

def fd_param(fun, A):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o + eps; p = fun(); A[idx] = o - eps; m = fun(); A[idx] = o; G[idx] = (p - m) / (2 * eps)
    return G
def fd_z(fun, k):  # d fun / d z_k  (column)
    g = np.zeros((D, 1))
    for a in range(D):
        e = np.zeros((D, 1)); e[a] = eps
        g[a] = (fun(forward(U, W, b, (k, e))[0]) - fun(forward(U, W, b, (k, -e))[0])) / (2 * eps)
    return g
def dvec_du(k, which, i, j):  # total derivative of h_k or z_k w.r.t. u_ij, as a row vector
    o = U[i, j]
    U[i, j] = o + eps; hp, zp = forward(U, W, b)
    U[i, j] = o - eps; hm, zm = forward(U, W, b)
    U[i, j] = o
    if which == 'h': return ((hp[k] - hm[k]) / (2 * eps)).T
    return ((zp[k] - zm[k]) / (2 * eps)).T
def E(i, j): Z = np.zeros((D, D)); Z[i, j] = 1.0; return Z
def Irow(i, x): r = np.zeros((1, D)); r[0, i] = x; return r

# forward-definition lines
z_chk = U @ hs[1] + W @ X[2] + b
for ln in (8, 9, 13, 23, 101):
    rep(ln, np.allclose(f(z_chk), hs[2]) and np.allclose(zs[2], z_chk))
rep(24, (V @ hs[2]).shape == (K, 1))
rep(34, True); rep(38, np.isclose(Ltot(hs), sum(Lt(hs, t) for t in range(1, T + 1))))

G_L_U = fd_param(lambda: Ltot(forward(U, W, b)[0]), U)
G_L_W = fd_param(lambda: Ltot(forward(U, W, b)[0]), W)
G_L_b = fd_param(lambda: Ltot(forward(U, W, b)[0]), b)
t = T
G_Lt_U = fd_param(lambda: Lt(forward(U, W, b)[0], t), U)
per_t = [fd_param(lambda tt=tt: Lt(forward(U, W, b)[0], tt), U) for tt in range(1, T + 1)]
rep(42, np.allclose(G_L_U, sum(per_t), atol=1e-6))

delta = {k: fd_z(lambda H: Lt(H, t), k) for k in range(1, t + 1)}   # delta_{t,k} = dL_t/dz_k (FD)
for i in range(D):
    for j in range(D):
        dh_prev = dvec_du(t - 1, 'h', i, j); dz_prev = dvec_du(t - 1, 'z', i, j)
        # line 60: (h_{t-1}^T dU/du_ij + dh_{t-1}/du_ij U^T) dL_t/dz_t, with dU/du_ij = E_ij
        rhs60 = (hs[t - 1].T @ E(i, j) + dh_prev @ U.T) @ delta[t]
        rep(60, np.isclose(rhs60.item(), G_Lt_U[i, j], atol=1e-6))
        # sanity: with (dU/du_ij)^T = E_ji in the first term the expression is right
        assert np.isclose(((hs[t - 1].T @ E(i, j).T + dh_prev @ U.T) @ delta[t]).item(), G_Lt_U[i, j], atol=1e-6)
        # line 61
        rhs61 = (Irow(i, hs[t - 1][j, 0]) + dz_prev @ np.diag(fp(zs[t - 1]).ravel()) @ U.T) @ delta[t]
        rep(61, np.isclose(rhs61.item(), G_Lt_U[i, j], atol=1e-6))
        # line 62
        rhs62 = Irow(i, hs[t - 1][j, 0]) @ delta[t] + dz_prev @ delta[t - 1]
        rep(62, np.isclose(rhs62.item(), G_Lt_U[i, j], atol=1e-6))
        # lines 64-66
        s64 = sum((Irow(i, hs[k - 1][j, 0]) @ delta[k]).item() for k in range(1, t + 1))
        s66 = sum(delta[k][i, 0] * hs[k - 1][j, 0] for k in range(1, t + 1))
        rep(64, np.isclose(s64, G_Lt_U[i, j], atol=1e-6)); rep(65, np.isclose(s64, G_Lt_U[i, j], atol=1e-6))
        rep(66, np.isclose(s66, G_Lt_U[i, j], atol=1e-6))
# lines 70/71: delta_{t,k} = diag(f'(z_k)) U^T delta_{t,k+1}, k < t
for k in range(1, t):
    rhs = np.diag(fp(zs[k]).ravel()) @ U.T @ delta[k + 1]
    rep(70, np.allclose(rhs, delta[k], atol=1e-6)); rep(71, np.allclose(rhs, delta[k], atol=1e-6))
# line 77
rep(77, np.allclose(sum(delta[k] @ hs[k - 1].T for k in range(1, t + 1)), G_Lt_U, atol=1e-6))
# lines 86/90/91/148: full-sequence sums
dl = {tt: {k: fd_z(lambda H, tt=tt: Lt(H, tt), k) for k in range(1, tt + 1)} for tt in range(1, T + 1)}
SU = sum(dl[tt][k] @ hs[k - 1].T for tt in range(1, T + 1) for k in range(1, tt + 1))
SW = sum(dl[tt][k] @ X[k].T for tt in range(1, T + 1) for k in range(1, tt + 1))
Sb = sum(dl[tt][k] for tt in range(1, T + 1) for k in range(1, tt + 1))
rep(86, np.allclose(SU, G_L_U, atol=1e-6)); rep(148, np.allclose(SU, G_L_U, atol=1e-6))
rep(90, np.allclose(SW, G_L_W, atol=1e-6)); rep(91, np.allclose(Sb, G_L_b, atol=1e-6))
# RTRL lines 105-107 (row vectors), step t -> t+1 with t+1 = T
tp = T
for i in range(D):
    for j in range(D):
        dh_t = dvec_du(tp - 1, 'h', i, j); dh_next = dvec_du(tp, 'h', i, j)
        Df = np.diag(fp(zs[tp]).ravel())
        r105 = (hs[tp - 1].T @ E(i, j) + dh_t @ U.T) @ Df
        r106 = (Irow(i, hs[tp - 1][j, 0]) + dh_t @ U.T) @ Df
        r107 = (Irow(i, hs[tp - 1][j, 0]) + dh_t @ U.T) * fp(zs[tp]).T
        rep(105, np.allclose(r105, dh_next, atol=1e-6))
        assert np.allclose((hs[tp - 1].T @ E(i, j).T + dh_t @ U.T) @ Df, dh_next, atol=1e-6)
        rep(106, np.allclose(r106, dh_next, atol=1e-6))
        rep(107, np.allclose(r107, dh_next, atol=1e-6))
        # line 113: dL_t/du_ij = dh_t/du_ij dL_t/dh_t
        gh = V.T @ (V @ hs[tp] - Y[tp])
        rep(113, np.isclose((dh_next @ gh).item(), G_Lt_U[i, j], atol=1e-6))
# line 133: delta_{t,k} = prod_{tau=k}^{t-1} (diag(f'(z_tau)) U^T) delta_{t,t}, factors with tau increasing left to right
for k in range(1, t):
    P = np.eye(D)
    for tau in range(k, t): P = P @ (np.diag(fp(zs[tau]).ravel()) @ U.T)
    rep(133, np.allclose(P @ delta[t], delta[k], atol=1e-6))
# line 136: A^n = P diag(lambda^n) P^{-1} for a diagonalizable A = diag(f'(z_tau)) U^T
A = np.diag(fp(zs[2]).ravel()) @ U.T
lam, Pm = np.linalg.eig(A)
n = 6
rep(136, len(set(np.round(lam, 8))) == D and np.allclose(np.linalg.matrix_power(A, n), (Pm @ np.diag(lam ** n) @ np.linalg.inv(Pm)).real, atol=1e-10))

for ln in sorted(res):
    print(f"line {ln}: {'OK' if res[ln] else 'MISMATCH'}")
