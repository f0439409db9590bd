"""FD check for araptig_rnn_gating.tex (araptig/Notes-on-Deep-Learning @ efdba92e).
numpy only, float64, deterministic.  Verdicts asserted per annotated line."""
import numpy as np

rng = np.random.default_rng(60)
n, d, k, T = 4, 3, 2, 5
Wx = rng.normal(scale=0.6, size=(n, d))
W = rng.normal(scale=0.6, size=(n, n))          # deliberately non-symmetric
assert np.abs(W - W.T).max() > 0.1
Ws = rng.normal(scale=0.6, size=(k, n))
X = rng.normal(size=(T + 1, d))                  # x_1..x_T (index 0 unused)
Y = rng.normal(size=(T + 1, k))
theta = np.tanh
dtheta = lambda s: 1 - np.tanh(s) ** 2
verdict = {}

# ---- line 23 / 27: h_t = f(x_t, h_{t-1}) = theta(W^(x) x_t + W h_{t-1})
def run_A(h0, W=W):
    h = [h0]
    for t in range(1, T + 1):
        h.append(theta(Wx @ X[t] + W @ h[-1]))
    return h

# ---- line 31: "signal level" form  h_t = W^(x) x_t + W theta(h_{t-1})
def run_B(s0, W=W, start=0, pert=None):
    s = [None] * (T + 1)
    s[0] = s0
    for t in range(1, T + 1):
        s[t] = Wx @ X[t] + W @ theta(s[t - 1])
        if pert is not None and t == pert[0]:
            s[t] = s[t] + pert[1]
    return s

s0 = rng.normal(size=n)
hA = run_A(theta(s0))
sB = run_B(s0)
# the two forms describe the same network: theta(s_t) obeys the recursion of line 27
assert all(np.allclose(theta(sB[t]), hA[t]) for t in range(1, T + 1))
verdict[23] = verdict[27] = verdict[31] = True

# ---- line 35: yhat_t = W^(s) theta(h_t)  (with h the signal level of line 31)
yhat = lambda s_t: Ws @ theta(s_t)
verdict[35] = np.allclose(yhat(sB[3]), Ws @ hA[3])

# helpers (model of line 31, since line 47 says "using (rnn_model)")
def E_t(t, W=W, pert=None):
    s = run_B(s0, W=W, pert=pert)
    return 0.5 * np.sum((yhat(s[t]) - Y[t]) ** 2)

def num_jac_h(t, tau, eps=1e-6):
    """numerical d h_t / d h_tau (numerator layout: rows = h_t, cols = h_tau)."""
    J = np.zeros((n, n))
    for c in range(n):
        e = np.zeros(n); e[c] = eps
        sp = run_B(s0, pert=(tau, e)); sm = run_B(s0, pert=(tau, -e))
        J[:, c] = (sp[t] - sm[t]) / (2 * eps)
    return J

t, tau0 = 5, 1
# ---- line 43-44: dE_t/dW = sum_tau dE_t/dy_t dy_t/dh_t dh_t/dh_tau d^+h_tau/dW
dE_dy = (yhat(sB[t]) - Y[t])                      # row vector
dy_dh = Ws * dtheta(sB[t])[None, :]               # k x n
G = np.zeros((n, n))
for tau in range(1, t + 1):
    g = dE_dy @ dy_dh @ (np.eye(n) if tau == t else num_jac_h(t, tau))
    G += np.outer(g, theta(sB[tau - 1]))           # immediate d h_tau / dW
Gfd = np.zeros((n, n)); eps = 1e-6
for a in range(n):
    for b in range(n):
        Wp = W.copy(); Wp[a, b] += eps; Wm = W.copy(); Wm[a, b] -= eps
        Gfd[a, b] = (E_t(t, Wp) - E_t(t, Wm)) / (2 * eps)
verdict[43] = np.allclose(G, Gfd, atol=1e-7)

# ---- line 49: dh_t/dh_tau = prod_{j=tau+1}^t dh_j/dh_{j-1}
Jtrue = num_jac_h(t, tau0)
P = np.eye(n)
for j in range(tau0 + 1, t + 1):                   # left-multiply: dh_t/dh_{t-1} ... dh_{tau+1}/dh_tau
    P = num_jac_h(j, j - 1) @ P
verdict[49] = np.allclose(P, Jtrue, atol=1e-7)

# ---- line 50: = prod_{j=tau+1}^t W^T diag[theta'(h_{j-1})]
def prod(factors, order):
    M = np.eye(n)
    for F in (factors if order == "asc" else factors[::-1]):
        M = M @ F
    return M
fac_author = [W.T @ np.diag(dtheta(sB[j - 1])) for j in range(tau0 + 1, t + 1)]
fac_right = [W @ np.diag(dtheta(sB[j - 1])) for j in range(tau0 + 1, t + 1)]
author_ok = any(np.allclose(prod(fac_author, o), M, atol=1e-6)
                for o in ("asc", "desc") for M in (Jtrue, Jtrue.T))
right_ok = np.allclose(prod(fac_right, "desc"), Jtrue, atol=1e-7)
assert right_ok            # correct factor is W diag[theta'(h_{j-1})]
verdict[50] = author_ok

# ---- GRU forward definitions, lines 81, 82, 91, 96 (definitions; sanity of the model)
sig = lambda z: 1 / (1 + np.exp(-z))
Uz, Ur, U_ = (rng.normal(size=(n, d)) for _ in range(3))
Wz, Wr, Wc = (rng.normal(size=(n, n)) for _ in range(3))
xt, hp = rng.normal(size=d), rng.normal(size=n)
z = sig(Uz @ xt + Wz @ hp); r = sig(Ur @ xt + Wr @ hp)
Wh_x, Uh = rng.normal(size=(n, d)), rng.normal(size=(n, n))
ht_tilde = np.tanh(Wh_x @ xt + r * (Uh @ hp))
h_new = z * hp + (1 - z) * ht_tilde
verdict[81] = bool(np.all((z > 0) & (z < 1)))
verdict[82] = bool(np.all((r > 0) & (r < 1)))
verdict[91] = bool(np.all(np.abs(ht_tilde) < 1))
verdict[96] = bool(np.all(h_new <= np.maximum(hp, ht_tilde) + 1e-12) and np.all(h_new >= np.minimum(hp, ht_tilde) - 1e-12))

# ---- LSTM forward definitions, lines 104-106, 110-112
Wi, Wf, Wo, Wcc = (rng.normal(size=(n, d)) for _ in range(4))
Ui, Uf, Uo, Uc = (rng.normal(size=(n, n)) for _ in range(4))
cp = rng.normal(size=n)
i = sig(Wi @ xt + Ui @ hp); f = sig(Wf @ xt + Uf @ hp); o = sig(Wo @ xt + Uo @ hp)
ct = np.tanh(Wcc @ xt + Uc @ hp); c = f * cp + i * ct; h = o * np.tanh(c)
for L, g in ((104, i), (105, f), (106, o)):
    verdict[L] = bool(np.all((g > 0) & (g < 1)))
verdict[110] = bool(np.all(np.abs(ct) < 1))
verdict[111] = np.allclose(c - f * cp, i * ct)
verdict[112] = bool(np.all(np.abs(h) < 1))

expected = {23: True, 27: True, 31: True, 35: True, 43: True, 49: True, 50: False,
            81: True, 82: True, 91: True, 96: True, 104: True, 105: True, 106: True,
            110: True, 111: True, 112: True}
for L, exp in expected.items():
    assert bool(verdict[L]) == exp, (L, verdict[L], exp)
print("araptig_rnn_gating: all", len(expected), "verdicts confirmed;",
      "line 50 factor W^T diag fails, W diag matches (max err author asc/desc vs true:",
      min(np.abs(prod(fac_author, o) - Jtrue).max() for o in ("asc", "desc")), ")")
