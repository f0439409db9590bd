# Finite-difference check of collins_rnn_bptt.md (J. Collins, RNN part of ch. 5, eqs. 5.79-5.97).
# Author's forward (5.79-5.81): h_x = W_y y_{x-1} + W_x x_m(x) + b_h, y_x = J(h_x), y_{-1} = 0
# (column vectors), loss 5.86: L = sum_x L(y_x); here L(y_x) = 0.5*||y_x - t_x||^2 and J = tanh.
import numpy as np
rng = np.random.default_rng(0)
H, D, K = 4, 3, 6
Wy = rng.normal(size=(H, H)) * 0.8   # deliberately non-symmetric
Wx = rng.normal(size=(H, D)); bh = rng.normal(size=H)
X = rng.normal(size=(K, D)); T = rng.normal(size=(K, H))
J = np.tanh
dJ = lambda h: 1 - np.tanh(h) ** 2

def forward(Wy, Wx, bh, dh=None, dy=None):
    hs, ys = [], []
    yprev = np.zeros(H)
    for x in range(K):
        h = Wy @ yprev + Wx @ X[x] + bh
        if dh is not None: h = h + dh[x]
        y = J(h)
        if dy is not None: y = y + dy[x]
        hs.append(h); ys.append(y); yprev = y
    L = sum(0.5 * np.sum((ys[x] - T[x]) ** 2) for x in range(K))
    return np.array(hs), np.array(ys), L

hs, ys, L0 = forward(Wy, Wx, bh)
eps = 1e-6
def fd_state(kind):
    g = np.zeros((K, H))
    for x in range(K):
        for i in range(H):
            p = np.zeros((K, H)); p[x, i] = eps
            m = np.zeros((K, H)); m[x, i] = -eps
            if kind == 'h':
                g[x, i] = (forward(Wy, Wx, bh, dh=p)[2] - forward(Wy, Wx, bh, dh=m)[2]) / (2 * eps)
            else:
                g[x, i] = (forward(Wy, Wx, bh, dy=p)[2] - forward(Wy, Wx, bh, dy=m)[2]) / (2 * eps)
    return g
phi_true = fd_state('h')   # 5.85: total dL/dh_x
chi_true = fd_state('y')   # 5.84: total dL/dy_x
def fd_param(name):
    P = {'Wy': Wy, 'Wx': Wx, 'bh': bh}
    G = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        Q = {k: v.copy() for k, v in P.items()}; Q[name][idx] += eps; Lp = forward(**Q)[2]
        Q = {k: v.copy() for k, v in P.items()}; Q[name][idx] -= eps; Lm = forward(**Q)[2]
        G[idx] = (Lp - Lm) / (2 * eps)
    return G
gWy, gWx, gbh = fd_param('Wy'), fd_param('Wx'), fd_param('bh')
dLdy_local = ys - T     # dL(y_x)/dy_x
def rep(tag, ok):
    print(f"{tag:55s} {'AGREES' if ok else 'DISAGREES'}")
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)

# 5.87 (line 62): h_{x+1} = W_y y_x + W_x x_m(x) + b_h  vs forward 5.80 (needs x_m(x+1))
h87 = np.array([Wy @ ys[x] + Wx @ X[x] + bh for x in range(K - 1)])
rep("line 62 (5.87) h_{x+1} with x_m(x)", close(h87, hs[1:]))
h87c = np.array([Wy @ ys[x] + Wx @ X[x + 1] + bh for x in range(K - 1)])
rep("   control: h_{x+1} with x_m(x+1)", close(h87c, hs[1:]))
# line 63/64: y_x = G(h_x) with G = J
rep("line 63/64 y = G(h), G = J", close(J(hs), ys))

# 5.88 (line 71): chi_x = dL(y_x)/dy_x + W_y phi_x   (true phi plugged in)
chi88 = np.array([dLdy_local[x] + Wy @ phi_true[x] for x in range(K)])
rep("line 71 (5.88) chi_x = dL/dy + W_y phi_x", close(chi88, chi_true))
phi_next = np.vstack([phi_true[1:], np.zeros(H)])
chi_c = np.array([dLdy_local[x] + Wy.T @ phi_next[x] for x in range(K)])
rep("   control: chi_x = dL/dy + W_y^T phi_{x+1}", close(chi_c, chi_true))
rep("   only index fixed: dL/dy + W_y phi_{x+1}", close(np.array([dLdy_local[x] + Wy @ phi_next[x] for x in range(K)]), chi_true))
rep("   only transpose fixed: dL/dy + W_y^T phi_x", close(np.array([dLdy_local[x] + Wy.T @ phi_true[x] for x in range(K)]), chi_true))
# 5.89 (line 72): phi_x = chi_x * J'(h_x)
rep("line 72 (5.89) phi_x = chi_x * dJ(h_x)", close(chi_true * dJ(hs), phi_true))
# 5.90 (line 73): phi_x = (dL/dy_x + W_y phi_{x+1}) * dG   (author's recursion, phi_K = 0 by 5.91)
phi_a = np.zeros((K + 1, H))
for x in range(K - 1, -1, -1):
    phi_a[x] = (dLdy_local[x] + Wy @ phi_a[x + 1]) * dJ(hs[x])
phi_a = phi_a[:K]
rep("line 73 (5.90) recursion with W_y (as written)", close(phi_a, phi_true))
# one step only, true phi_{x+1} plugged in
phi_a1 = np.array([(dLdy_local[x] + Wy @ phi_next[x]) * dJ(hs[x]) for x in range(K)])
rep("   same, one step with true phi_{x+1}", close(phi_a1, phi_true))
phi_c = np.zeros((K + 1, H))
for x in range(K - 1, -1, -1):
    phi_c[x] = (dLdy_local[x] + Wy.T @ phi_c[x + 1]) * dJ(hs[x])
rep("   control: recursion with W_y^T", close(phi_c[:K], phi_true))
rep("line 80 (5.91) phi(K) = 0 start (control recursion)", close(phi_c[:K], phi_true))
# 5.93-5.96 (lines 88-91), per-step terms summed over x, with the true phi
yprev = np.vstack([np.zeros(H), ys[:-1]])
rep("line 88 (5.93) sum phi_x y^T(x-1) = dL/dW_y", close(sum(np.outer(phi_true[x], yprev[x]) for x in range(K)), gWy))
rep("line 89 (5.94) sum phi_x x_m^T(x) = dL/dW_x", close(sum(np.outer(phi_true[x], X[x]) for x in range(K)), gWx))
rep("line 90 (5.95) sum phi_x = dL/db_h", close(phi_true.sum(0), gbh))
rep("   (5.93 fed with the phi of 5.90 as written)", close(sum(np.outer(phi_a[x], yprev[x]) for x in range(K)), gWy))
# 5.97 (line 98): d phi_x / d phi_l = prod_{k=x+1}^{l} W_y * dJ  -- compare for x=1, l=3
x0, l0 = 1, 3
def true_jac(x0, l0):
    # Jacobian of the true linear recursion phi_k = (a_k + W_y^T phi_{k+1}) * J'(h_k) w.r.t. phi_l
    M = np.eye(H)
    for k in range(x0, l0):
        M = M @ (np.diag(dJ(hs[k])) @ Wy.T)
    return M
# numerical check of the true Jacobian by perturbing phi_l inside the true recursion
def run_from(l0, phil):
    p = phil.copy()
    for k in range(l0 - 1, x0 - 1, -1):
        p = (dLdy_local[k] + Wy.T @ p) * dJ(hs[k])
    return p
Jn = np.zeros((H, H))
for j in range(H):
    e = np.zeros(H); e[j] = eps
    Jn[:, j] = (run_from(l0, phi_true[l0] + e) - run_from(l0, phi_true[l0] - e)) / (2 * eps)
rep("   control: prod diag(J'(h_k)) W_y^T = numeric Jacobian", close(true_jac(x0, l0), Jn))
Ma = np.eye(H)
for k in range(x0 + 1, l0 + 1):
    Ma = Ma @ (np.diag(dJ(hs[k - 1])) @ Wy)
rep("line 98 (5.97) prod W_y * dJ (no transpose)", close(Ma, Jn))
