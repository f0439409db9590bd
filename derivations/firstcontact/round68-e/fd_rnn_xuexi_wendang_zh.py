"""FD check for rnn_xuexi_wendang_zh.md (column-vector tanh RNN, h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)).
Section 3.4: L = sum_t L_t, here L_t = g_t^T h_t (fixed random g_t; any L_t(h_t) gives the same structure).
Exercise 3: L = L(h_T) = g^T h_T."""
import numpy as np
rng = np.random.default_rng(2)
dI, dH, T = 3, 4, 5
Wxh = rng.normal(size=(dH, dI)) * 0.7
Whh = rng.normal(size=(dH, dH)) * 0.7
bh = rng.normal(size=(dH, 1)) * 0.2
X = [rng.normal(size=(dI, 1)) for _ in range(T)]
g = [rng.normal(size=(dH, 1)) for _ in range(T)]

def run(Wxh=Wxh, Whh=Whh, bh=bh, eps=None):
    hs = [np.zeros((dH, 1))]
    for t in range(T):
        h = np.tanh(Wxh @ X[t] + Whh @ hs[-1] + bh)        # L33 / L70
        if eps is not None: h = h + eps[t]
        hs.append(h)
    return hs
def Lt(hs, t): return (g[t].T @ hs[t + 1]).item()          # L_t, t = 0..T-1 (text's t = 1..T)
def Ltot(**kw): hs = run(**kw); return sum(Lt(hs, t) for t in range(T))   # L39

def rep(name, a, n, tol=1e-6):
    err = np.max(np.abs(a - n)) / max(1e-12, np.max(np.abs(n)))
    print(f"{name:64s} rel.err {err:.2e}  {'AGREE' if err < tol else 'DISAGREE'}")

hs = run()
# true delta_k^{(t)} = dL_t/dh_k by FD (perturb h_k additively)
def fd_dLt_dhk(t, k, e=1e-6):
    out = np.zeros((dH, 1))
    for j in range(dH):
        eps = [np.zeros((dH, 1)) for _ in range(T)]
        eps[k][j] = e; lp = Lt(run(eps=eps), t); eps[k][j] = -e; lm = Lt(run(eps=eps), t)
        out[j] = (lp - lm) / (2 * e)
    return out
t = T - 1
true = {k: fd_dLt_dhk(t, k) for k in range(t + 1)}
# author's recursion L52, starting from delta_t^{(t)} = dL_t/dh_t = g_t (the stated definition L51)
auth = {t: g[t].copy()}
for k in range(t - 1, -1, -1):
    auth[k] = (Whh.T @ auth[k + 1]) * (1 - hs[k + 1] ** 2)       # L52: (W^T delta_{k+1}) * (1 - h_k^2)
corr = {t: g[t].copy()}
for k in range(t - 1, -1, -1):
    corr[k] = Whh.T @ (corr[k + 1] * (1 - hs[k + 2] ** 2))      # correct: W^T (delta_{k+1} * (1 - h_{k+1}^2))
rep("L51 base delta_t^(t) = dL_t/dh_t = g_t", auth[t], true[t])
for k in range(t - 1, t - 4, -1):
    rep(f"L52 author's delta_k^(t) recursion, k={k+1}, t={t+1}", auth[k], true[k])
    rep(f"    (correct W^T(delta_(k+1) * (1-h_(k+1)^2)), k={k+1})", corr[k], true[k])

def fd_W(W, which, e=1e-6):
    G = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        old = W[idx]; W[idx] = old + e; lp = Ltot(); W[idx] = old - e; lm = Ltot(); W[idx] = old
        G[idx] = (lp - lm) / (2 * e)
    return G
dWxh_fd = fd_W(Wxh, "x")
# true deltas for every (t, k)
D = {(tt, k): fd_dLt_dhk(tt, k) for tt in range(T) for k in range(tt + 1)}
# L45 + L48: sum_t sum_k dL_t/dh_k * (immediate dh_k/dW_xh) = sum (delta_k * (1-h_k^2)) x_k^T
L48_val = sum((D[(tt, k)] * (1 - hs[k + 1] ** 2)) @ X[k].T for tt in range(T) for k in range(tt + 1))
rep("L45+L48 sum_t sum_k (dL_t/dh_k)(dh_k/dW_xh)|immediate", L48_val, dWxh_fd)
# L57 as written, with delta = dL_t/dh_k (the stated definition)
L57_def = sum(D[(tt, k)] @ X[k].T for tt in range(T) for k in range(tt + 1))
rep("L57 sum_t sum_k delta_k^(t) x_k^T, delta = dL_t/dh_k (as defined)", L57_def, dWxh_fd)
# L57 with the author's own recursion L52 (base delta_t^(t) = g_t)
def auth_deltas(tt):
    a = {tt: g[tt].copy()}
    for k in range(tt - 1, -1, -1):
        a[k] = (Whh.T @ a[k + 1]) * (1 - hs[k + 1] ** 2)
    return a
L57_auth = sum(auth_deltas(tt)[k] @ X[k].T for tt in range(T) for k in range(tt + 1))
rep("L57 with the author's recursion L52 for delta", L57_auth, dWxh_fd)
print("    note: L52+L57 would be right if delta meant dL_t/d(pre-activation a_k) with base g_t*(1-h_t^2):")
def pre_deltas(tt):
    a = {tt: g[tt] * (1 - hs[tt + 1] ** 2)}
    for k in range(tt - 1, -1, -1):
        a[k] = (Whh.T @ a[k + 1]) * (1 - hs[k + 1] ** 2)
    return a
rep("    (reinterpreted: delta = dL_t/da_k)", sum(pre_deltas(tt)[k] @ X[k].T for tt in range(T) for k in range(tt + 1)), dWxh_fd)

# ---- Exercise 3: L = g^T h_T ----
gT = g[T - 1]
def LT(eps=None): return (gT.T @ run(eps=eps)[T]).item()       # L73
def fd_dL_dh(k, e=1e-6):
    out = np.zeros((dH, 1))
    for j in range(dH):
        eps = [np.zeros((dH, 1)) for _ in range(T)]
        eps[k][j] = e; lp = LT(eps); eps[k][j] = -e; lm = LT(eps); out[j] = (lp - lm) / (2 * e)
    return out
k = T - 1   # h_t = h_T (index T), h_{t-1} = h_{T-1}
dL_dht = fd_dL_dh(k); dL_dhtm1 = fd_dL_dh(k - 1)
h_t, h_tm1 = hs[k + 1], hs[k]
# numerator-layout Jacobian dh_t/dh_{t-1} by FD
J = np.zeros((dH, dH))
for j in range(dH):
    a = h_tm1.copy(); a[j] += 1e-6; b = h_tm1.copy(); b[j] -= 1e-6
    J[:, j] = ((np.tanh(Wxh @ X[k] + Whh @ a + bh) - np.tanh(Wxh @ X[k] + Whh @ b + bh)) / 2e-6).ravel()
rep("L77 chain rule dL/dh_(t-1) = dL/dh_t . dh_t/dh_(t-1) (row grad, J)", dL_dht.T @ J, dL_dhtm1.T)
rep("L80 dh_t/dh_(t-1) = d/dh tanh(W_hh h + const) (=diag(1-h_t^2) W_hh)", np.diagflat(1 - h_t ** 2) @ Whh, J)
A82 = (1 - h_t ** 2) * Whh.T          # (1-h_t^2) column vector, elementwise with W_hh^T (scales rows)
rep("L82 (1 - h_t^2) . W_hh^T  vs numerator Jacobian J", A82, J)
rep("L82 (1 - h_t^2) . W_hh^T  vs denominator layout J^T", A82, J.T)
rep("    other broadcast W_hh^T diag(1-h_t^2) vs J^T (denominator layout)", Whh.T @ np.diagflat(1 - h_t ** 2), J.T)
rep("    ... used in L77's order dL/dh_t . J_den (row)", dL_dht.T @ (Whh.T @ np.diagflat(1 - h_t ** 2)), dL_dhtm1.T)
rep("L87 dL/dh_(t-1) = dL/dh_t . ((1-h_t^2) (.) W_hh^T) (row)", dL_dht.T @ A82, dL_dhtm1.T)
rep("L90 delta_(t-1) = (W_hh^T delta_t) (.) (1 - h_t^2)", (Whh.T @ dL_dht) * (1 - h_t ** 2), dL_dhtm1)
rep("    (correct: W_hh^T (delta_t (.) (1 - h_t^2)))", Whh.T @ (dL_dht * (1 - h_t ** 2)), dL_dhtm1)
