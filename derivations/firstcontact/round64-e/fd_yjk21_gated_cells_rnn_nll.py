"""FD check for yjk21_gated_cells_rnn_nll.md: tanh RNN, column vectors, L = -sum_t l_t."""
import numpy as np
rng = np.random.default_rng(1)
V, H, T = 5, 4, 5
Wh = rng.normal(size=(H, H)) * 0.6; Wi = rng.normal(size=(H, V)) * 0.6; Wo = rng.normal(size=(V, H)) * 0.6
tok = rng.integers(0, V, size=T + 1)            # x_1..x_T plus nothing; we use x[t] one-hot, x[0] unused as input at t=0
X = np.eye(V)[tok]                               # X[t] = one-hot x_t, t=0..T
eps0 = 0.1
def run(delta):
    h = eps0 * np.ones(H)                        # line 11: h_0 = eps * 1
    a_s, ls = {}, {}
    # t = 0: l_0 uses z_0 = W_o h_0 to predict x_1
    for t in range(0, T):
        if t >= 1:
            a = Wh @ h + Wi @ X[t] + delta[t]    # line 8
            h = np.tanh(a)                       # line 9 (g = tanh)
            a_s[t] = a
        z = Wo @ h                               # line 14
        m = z.max(); lse = m + np.log(np.exp(z - m).sum())
        l = z[tok[t + 1]] - lse                  # line 15 (log-softmax of the target x_{t+1})
        ls[t] = l
    L = -sum(ls[t] for t in range(0, T))         # line 19
    return L, ls, a_s

res = {}
# line 15: log softmax identity
z = rng.normal(size=V); k = 2
res[15] = np.isclose(np.log(np.exp(z)[k] / np.exp(z).sum()), z[k] - np.log(np.exp(z).sum()))
res[8] = res[9] = res[11] = res[14] = res[19] = True   # definitions of the model

zero = np.zeros((T, H)); e = 1e-6
def grad_wrt_a(fun, t):
    g = np.zeros(H)
    for j in range(H):
        d = zero.copy(); d[t, j] = e; fp = fun(d)
        d[t, j] = -e; fm = fun(d); g[j] = (fp - fm) / (2 * e)
    return g
L_of = lambda d: run(d)[0]
_, _, a_s = run(zero)
ok30, ok30_fixed = True, True
for t in range(1, T - 1):
    gL_t = grad_wrt_a(L_of, t)
    gL_t1 = grad_wrt_a(L_of, t + 1)
    gl_t = grad_wrt_a(lambda d: run(d)[1][t], t)          # nabla_{a_t} l_t
    J = Wh @ np.diag(1 - np.tanh(a_s[t]) ** 2)             # d a_{t+1} / d a_t
    rhs = gl_t + J.T @ gL_t1                               # line 30 as written
    rhs_fixed = -gl_t + J.T @ gL_t1
    ok30 &= np.allclose(rhs, gL_t, atol=1e-6)
    ok30_fixed &= np.allclose(rhs_fixed, gL_t, atol=1e-6)
assert ok30_fixed
res[30] = ok30
expected_fail = {30}
for ln, v in sorted(res.items()):
    assert bool(v) == (ln not in expected_fail), (ln, v)
print("all", len(res), "verdicts confirmed; fails:", sorted(expected_fail))
