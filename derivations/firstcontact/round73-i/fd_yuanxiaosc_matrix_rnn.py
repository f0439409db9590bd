# Finite-difference check of yuanxiaosc "矩阵形式的循环神经网络" (note yuanxiaosc_matrix_rnn.md).
# Author's example network: X_t (m,3) -> sigmoid layer 1 (4) -> sigmoid layer 2 (5) -> recurrent sigmoid layer 3 (4, memory S^3)
# -> softmax layer 4 (3). Row layout: Z = A W^T + H_{t-1} S^T + b^T.  Cost C = (1/m) sum_t sum_samples CE(Y_t, A^4_t)
# (the 1/m is the one in the author's general formulas and in dC/dW^4, dC/db^4).  Author's Delta = m * dC/dZ.
import numpy as np
rng = np.random.default_rng(0)
m, T, n, d1, d2, d3, d4 = 4, 3, 3, 4, 5, 4, 3
W1, W2, W3, W4 = [rng.normal(0, .8, s) for s in [(d1, n), (d2, d1), (d3, d2), (d4, d3)]]
S = rng.normal(0, .8, (d3, d3))
b1, b2, b3, b4 = [rng.normal(0, .3, (k, 1)) for k in [d1, d2, d3, d4]]
X = rng.normal(0, 1, (T + 1, m, n))          # index 1..T used
Y = np.zeros((T + 1, m, d4))
for t in range(1, T + 1):
    Y[t, np.arange(m), rng.integers(0, d4, m)] = 1
sig = lambda z: 1 / (1 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
def softmax(z):
    e = np.exp(z - z.max(1, keepdims=True)); return e / e.sum(1, keepdims=True)
P = dict(W1=W1, W2=W2, W3=W3, W4=W4, S=S, b1=b1, b2=b2, b3=b3, b4=b4)

def forward(P, pz=None, ph=None):
    """pz: dict (layer,t)->additive perturbation of Z^layer_t; ph: dict t->perturbation of H^3_t (=A^3_t)."""
    pz = pz or {}; ph = ph or {}
    c = {}; C = 0.0
    H = np.zeros((m, d3)); c['H', 0] = H
    for t in range(1, T + 1):
        A0 = X[t]
        Z1 = A0 @ P['W1'].T + P['b1'].T + pz.get((1, t), 0); A1 = sig(Z1)
        Z2 = A1 @ P['W2'].T + P['b2'].T + pz.get((2, t), 0); A2 = sig(Z2)
        Z3 = A2 @ P['W3'].T + H @ P['S'].T + P['b3'].T + pz.get((3, t), 0); A3 = sig(Z3) + ph.get(t, 0)
        H = A3
        Z4 = A3 @ P['W4'].T + P['b4'].T + pz.get((4, t), 0); A4 = softmax(Z4)
        C += -(Y[t] * np.log(A4)).sum() / m
        c.update({('A0', t): A0, ('Z1', t): Z1, ('A1', t): A1, ('Z2', t): Z2, ('A2', t): A2, ('Z3', t): Z3,
                  ('A3', t): A3, ('H', t): H, ('Z4', t): Z4, ('A4', t): A4})
    return C, c

C0, c = forward(P)
eps = 1e-6
def fd_param(name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(g.shape):
        Q = {k: v.copy() for k, v in P.items()}; Q[name][idx] += eps; Cp = forward(Q)[0]
        Q[name][idx] -= 2 * eps; Cm = forward(Q)[0]; g[idx] = (Cp - Cm) / (2 * eps)
    return g
def fd_z(layer, t, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (forward(P, pz={(layer, t): e})[0] - forward(P, pz={(layer, t): -e})[0]) / (2 * eps)
    return g
def fd_h(t):
    g = np.zeros((m, d3))
    for idx in np.ndindex(g.shape):
        e = np.zeros((m, d3)); e[idx] = eps
        g[idx] = (forward(P, ph={t: e})[0] - forward(P, ph={t: -e})[0]) / (2 * eps)
    return g

res = []
def rep(line, name, a, b):
    ok = a.shape == b.shape and np.allclose(a, b, rtol=1e-4, atol=1e-7)
    err = np.abs(a - b).max() if a.shape == b.shape else float('nan')
    res.append((line, name, ok)); print(f"line {line:3d} {name:55s} {'AGREE' if ok else 'DIFFER'}  shape {a.shape} vs {b.shape} maxerr {err:.2e}")

# true (FD) deltas, scaled by m to match the author's Delta
D4 = {t: m * fd_z(4, t, (m, d4)) for t in range(1, T + 1)}
D3 = {t: m * fd_z(3, t, (m, d3)) for t in range(1, T + 1)}
D2 = {t: m * fd_z(2, t, (m, d2)) for t in range(1, T + 1)}
sp = lambda t, l=3: dsig(c['Z%d' % l, t])
# line 153 / 34 / 68: Delta^L = A^L - Y
for t in range(1, T + 1):
    rep(153, f"Delta^4_t=A^4-Y (t={t})", c['A4', t] - Y[t], D4[t])
# line 156 / 35 / 69: Delta^3_{T} = Delta^4_T W^4 * sig'(Z^3_T)
rep(156, "Delta^3_3 = Delta^4_3 W4 * sig'(Z3_3)", D4[3] @ W4 * sp(3), D3[3])
# line 157: Delta^3_2 with S^T (author) and with S (check)
rep(157, "Delta^3_2 author: ... + Delta^3_3 S^T * sig'(Z3_2)", D4[2] @ W4 * sp(2) + D3[3] @ S.T * sp(2), D3[2])
rep(157, "  (reference) same with S instead of S^T", D4[2] @ W4 * sp(2) + D3[3] @ S * sp(2), D3[2])
# line 158 (and 36/43/70 general recursion with T=3, i=2): author's Delta^3_1
a158 = D4[1] @ W4 * sp(1) + D3[2] @ S.T * sp(1) + D3[3] @ S.T @ S.T * sp(2) * sp(1)
rep(158, "Delta^3_1 author (S^T, sum over all later Delta^3)", a158, D3[1])
a36 = D4[1] @ W4 * sp(1) + sum(D3[T - j] @ np.linalg.matrix_power(S.T, 2 - j) * np.prod([sp(k) for k in range(1, T - j)], axis=0) for j in range(0, 2))
rep(36, "general recursion lines 36/43/60/70/89, T=3,i=2", a36, D3[1])
a95 = D4[1] @ W4 * sp(1) + D3[2] @ S * sp(1) + D3[3] @ S @ S * sp(2) * sp(1)
rep(95, "line 95: Delta^3_1 with S (no T), all later Delta^3", a95, D3[1])
rep(95, "  (reference) Delta^4_1 W4*sig' + (Delta^3_2 S)*sig'(Z3_1)", D4[1] @ W4 * sp(1) + D3[2] @ S * sp(1), D3[1])
# Omega (line 51) and Psi (line 56) as one-step Jacobians, sample 0: dZ3_{2}/dZ3_{1}, dZ4_1/dZ3_1
def jac(f_layer, f_t, g_layer, g_t, dout, din):
    J = np.zeros((dout, din))
    for b in range(din):
        e = np.zeros((m, din)); e[0, b] = eps
        _, cp = forward(P, pz={(g_layer, g_t): e}); _, cm = forward(P, pz={(g_layer, g_t): -e})
        J[:, b] = (cp['Z%d' % f_layer, f_t][0] - cm['Z%d' % f_layer, f_t][0]) / (2 * eps)
    return J
J_om = jac(3, 2, 3, 1, d3, d3); s1 = sp(1)[0]
rep(51, "Omega one step: (S^T)_ab * sig'(Z_1)_b", S.T * s1[None, :], J_om)
rep(51, "  (reference) S_ab * sig'(Z_1)_b", S * s1[None, :], J_om)
J_ps = jac(4, 1, 3, 1, d4, d3)
rep(56, "Psi: W4_ab * sig'(Z3_1)_b", W4 * s1[None, :], J_ps)
# parameter gradients (with the true Delta's)
g = {k: fd_param(k) for k in ['W4', 'b4', 'W3', 'S', 'b3', 'W2', 'b2', 'W1']}
A = lambda k, t: c[k, t]
rep(38, "dC/dW^l=(1/m) sum_t Delta_t^T A^{l-1}_t (l=3)", sum(D3[t].T @ A('A2', t) for t in range(1, T + 1)) / m, g['W3'])
rep(37, "dC/db^l=(1/m)[sum_t Delta_t]^T (l=3), literal", (sum(D3[t] for t in range(1, T + 1)) / m).T, g['b3'])
rep(37, "  (reference) also summed over the m rows", (sum(D3[t] for t in range(1, T + 1)).sum(0, keepdims=True) / m).T, g['b3'])
rep(39, "dC/dS^l=(1/m) sum_t Delta_t^T H_t (l=3)", sum(D3[t].T @ c['H', t] for t in range(1, T + 1)) / m, g['S'])
rep(39, "  (reference) with H_{t-1}", sum(D3[t].T @ c['H', t - 1] for t in range(1, T + 1)) / m, g['S'])
rep(155, "dC/dW^4 per step (1/m) D4_t^T A3_t, summed over t", sum(D4[t].T @ A('A3', t) for t in range(1, T + 1)) / m, g['W4'])
rep(154, "dC/db^4 per step (1/m) sum(D4_t,axis=0)^T, summed over t", sum(D4[t].sum(0, keepdims=True).T for t in range(1, T + 1)) / m, g['b4'])
rep(159, "example dC/dW^3 = sum_t Delta_t^T A^2_t (no 1/m)", sum(D3[t].T @ A('A2', t) for t in range(1, T + 1)), g['W3'])
rep(160, "example dC/dS^3 = sum_t Delta_t^T H_t (no 1/m)", sum(D3[t].T @ c['H', t] for t in range(1, T + 1)), g['S'])
rep(161, "example dC/db^3 = [Delta^3]^T (Delta^3_3 only, axis=0 sum)", D3[3].sum(0, keepdims=True).T, g['b3'])
for t in range(1, T + 1):
    rep(162 + t - 1, f"Delta^2_t = Delta^3_t W3 * sig'(Z2_t) (t={4 - (162 + t - 1 - 161)})", D3[4 - t] @ W3 * sp(4 - t, 2), D2[4 - t])
rep(166, "example dC/dW^2 = sum_t Delta2_t^T A1_t (no 1/m)", sum(D2[t].T @ A('A1', t) for t in range(1, T + 1)), g['W2'])
rep(167, "example dC/db^2 = sum over t and rows of Delta2 (no 1/m)", sum(D2[t] for t in range(1, T + 1)).sum(0, keepdims=True).T, g['b2'])
D1 = {t: m * fd_z(1, t, (m, d1)) for t in range(1, T + 1)}
rep(168, "Delta^1_t = Delta^2_t W2 * sig'(Z1_t) (t=3)", D2[3] @ W2 * sp(3, 1), D1[3])
rep(172, "example dC/dW^1 = sum_t Delta1_t^T A0_t (no 1/m)", sum(D1[t].T @ A('A0', t) for t in range(1, T + 1)), g['W1'])
rep(172, "  (reference) with 1/m", sum(D1[t].T @ A('A0', t) for t in range(1, T + 1)) / m, g['W1'])
# lines 81/83/85 in h-notation: L = m*C, h_t = H^3_t, o_t = Z^4_t
Lh = {t: m * fd_h(t) for t in range(1, T + 1)}
loc = {t: D4[t] @ W4 for t in range(1, T + 1)}           # dL/do_t do_t/dh_t
Jh = lambda t: (lambda G: (G * sp(t)) @ S)               # G -> G dh_t/dh_{t-1}
rep(81, "dL/dh3 = dL/do3 do3/dh3", loc[3], Lh[3])
rep(83, "dL/dh2 = local + dL/dh3 * dh3/dh3 (=I)", loc[2] + Lh[3], Lh[2])
rep(83, "  (reference) local + dL/dh3 dh3/dh2", loc[2] + Jh(3)(Lh[3]), Lh[2])
rep(85, "dL/dh1 = local + dL/dh2 dh2/dh1 + dL/dh3 dh3/dh2 dh2/dh1", loc[1] + Jh(2)(Lh[2]) + Jh(2)(Jh(3)(Lh[3])), Lh[1])
rep(85, "  (reference) local + dL/dh2 dh2/dh1 only", loc[1] + Jh(2)(Lh[2]), Lh[1])
