# FD check for id_bptt_lstm_course_generator.py (Indonesian course chapter 13 strings).
# Forward (line 5): h_t = tanh(a_t), a_t = W_xh x_t + W_hh h_{t-1} + b_h, column vectors, numerator-layout Jacobians.
import numpy as np
rng = np.random.default_rng(3)
n, d, c, T = 4, 3, 3, 6
Wxh = rng.normal(size=(n, d)); Whh = rng.normal(scale=0.8, size=(n, n)); bh = rng.normal(size=n)
Why = rng.normal(size=(c, n)); by = rng.normal(size=c)
X = rng.normal(size=(T + 1, d)); Y = rng.integers(0, c, size=T + 1); h0 = rng.normal(size=n)
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
def run(Whh_, h_override=None):
    hs = [h0]; As = [None]
    for t in range(1, T + 1):
        hp = hs[-1] if (h_override is None or h_override[0] != t - 1) else h_override[1]
        a = Wxh @ X[t] + Whh_ @ hp + bh; As.append(a); hs.append(np.tanh(a))
    return hs, As
def Lt(hs, t):  # line 12 softmax output + cross-entropy at step t (line 19: L = sum_t L_t)
    z = Why @ hs[t] + by; p = np.exp(z - z.max()); p /= p.sum(); return -np.log(p[Y[t]])
hs, As = run(Whh)
def jac_fd(t, k, eps=1e-6):     # d h_t / d h_k by FD (perturb h_k, rerun from k)
    J = np.zeros((n, n))
    for j in range(n):
        e = np.zeros(n); e[j] = eps
        hp, _ = run(Whh, (k, hs[k] + e)); hm, _ = run(Whh, (k, hs[k] - e))
        J[:, j] = (hp[t] - hm[t]) / (2 * eps)
    return J
t, k = 5, 2
Jfd = jac_fd(t, k)
# line 22, first equality: ordered product J_t J_{t-1} ... J_{k+1}
P = np.eye(n)
for j in range(t, k, -1): P = P @ jac_fd(j, j - 1)
print("line 22a dh_t/dh_k = prod_j dh_j/dh_{j-1} (ordered)         :", "PASS" if ok(P, Jfd) else "FAIL")
# line 22, second equality as written: prod diag(1 - tanh^2(a_j)) W_hh^T
D = lambda j: np.diag(1 - np.tanh(As[j]) ** 2)
Pw = np.eye(n)
for j in range(t, k, -1): Pw = Pw @ (D(j) @ Whh.T)
Pw2 = np.eye(n)
for j in range(k + 1, t + 1): Pw2 = Pw2 @ (D(j) @ Whh.T)
print("line 22b ... = prod diag(1-tanh^2(a_j)) W_hh^T  (as written) :", "PASS" if (ok(Pw, Jfd) or ok(Pw2, Jfd) or ok(Pw, Jfd.T) or ok(Pw2, Jfd.T)) else "FAIL",
      " (either product order, vs J or J^T; max|diff| = %.3e)" % np.max(np.abs(Pw - Jfd)))
Pc = np.eye(n)
for j in range(t, k, -1): Pc = Pc @ (D(j) @ Whh)
print("   corrected factor diag(1-tanh^2(a_j)) W_hh                  :", "PASS" if ok(Pc, Jfd) else "FAIL")
Pd = np.eye(n)
for j in range(k + 1, t + 1): Pd = Pd @ (Whh.T @ D(j))
print("   denominator-layout form prod W_hh^T diag(...) = (dh_t/dh_k)^T:", "PASS" if ok(Pd, Jfd.T) else "FAIL")
# line 20: dL_t/dW_hh = sum_{k=1}^t dL_t/dh_t dh_t/dh_k dh_k/dW_hh (immediate partial, h_{k-1} fixed)
def fdW(f, W, eps=1e-6):
    g = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        Wp = W.copy(); Wp[idx] += eps; Wm = W.copy(); Wm[idx] -= eps
        g[idx] = (f(Wp) - f(Wm)) / (2 * eps)
    return g
tt = 5
g_fd = fdW(lambda W: Lt(run(W)[0], tt), Whh)
z = Why @ hs[tt] + by; p = np.exp(z - z.max()); p /= p.sum(); p[Y[tt]] -= 1
gL = Why.T @ p                       # dL_t/dh_t (column form of the row vector)
G = np.zeros_like(Whh)
for kk in range(1, tt + 1):
    Jk = np.eye(n)
    for j in range(tt, kk, -1): Jk = Jk @ (D(j) @ Whh)
    v = Jk.T @ gL                    # (dL_t/dh_t dh_t/dh_k)^T
    G += np.outer(v * (1 - hs[kk] ** 2), hs[kk - 1])   # times immediate dh_k/dW_hh
print("line 20  dL_t/dW_hh = sum_k dL_t/dh_t dh_t/dh_k dh_k/dW_hh    :", "PASS" if ok(G, g_fd) else "FAIL")
# lines 26/29: growth-rate statement; exact when activation is linear and W_hh symmetric (||W^m||_2 = lambda_max^m)
S = rng.normal(size=(n, n)); S = (S + S.T) / 2; lam = np.max(np.abs(np.linalg.eigvalsh(S)))
print("line 26/29 ||prod||_2 = lambda_max^(t-k) (linear, symmetric)  :", "PASS" if ok(np.linalg.norm(np.linalg.matrix_power(S, 7), 2), lam ** 7) else "FAIL")
# lines 40/44: LSTM c_t = f*c_{t-1} + i*c~ ; dc_t/dc_{t-1} = f_t (diag), gates depend on x_t, h_{t-1} only
H, Din = 4, 3
W = rng.normal(size=(4 * H, H + Din)); b = rng.normal(size=4 * H); x = rng.normal(size=Din); hp = rng.normal(size=H); cp = rng.normal(size=H)
sig = lambda v: 1 / (1 + np.exp(-v))
def step(cprev):
    a = W @ np.concatenate([hp, x]) + b
    f, i, g = sig(a[:H]), sig(a[H:2*H]), np.tanh(a[2*H:3*H])
    return f * cprev + i * g, f
_, f = step(cp)
Jc = np.column_stack([(step(cp + e)[0] - step(cp - e)[0]) / 2e-6 for e in 1e-6 * np.eye(H)])
print("line 44  dc_t/dc_{t-1} = f_t (as diag(f_t))                   :", "PASS" if ok(Jc, np.diag(f)) else "FAIL")
