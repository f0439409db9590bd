"""Finite-difference check of csuldw_rnn_bptt.md (csuldw.github.io @ 8296ac8, RNN BPTT in Chinese).

Model as stated: h^(t) = tanh(U x^(t) + W h^(t-1) + b), o^(t) = V h^(t) + c, yhat^(t) = softmax(o^(t)),
column vectors, L = sum_t L^(t).  The post says "这里假设为MSE" but then uses dL/do = yhat - y, which is the
softmax + cross-entropy (log-likelihood) gradient.  Eq. (5) is judged against the stated MSE; every other row is
judged as a formula given the true value of dL^(t)/do^(t) (earlier-row rule), so those rows are checked with the
cross-entropy loss L^(t) = -y^T log yhat, for which yhat - y is the true dL^(t)/do^(t).
"""
import numpy as np

rng = np.random.RandomState(5701)
D, H, K, T = 3, 4, 5, 4
U = rng.randn(H, D) * 0.7
W = rng.randn(H, H) * 0.6
V = rng.randn(K, H) * 0.7
b = rng.randn(H) * 0.2
c = rng.randn(K) * 0.2
X = rng.randn(T + 1, D)            # index 1..T used
Y = np.zeros((T + 1, K))
for t in range(1, T + 1):
    Y[t, rng.randint(K)] = 1.0
h0 = rng.randn(H) * 0.3

results = {}


def check(line, got, ref, expect, tol=1e-6):
    got = np.asarray(got, float); ref = np.asarray(ref, float)
    if got.shape != ref.shape:
        verdict = "fail"; err = float("inf")
    else:
        err = np.max(np.abs(got - ref)) / max(1e-12, np.max(np.abs(ref)))
        verdict = "pass" if err < tol else "fail"
        if verdict == "fail":
            assert err > 1e-3, (line, err)
    print(f"line {line}: rel.err {err:.2e} -> {verdict} (expected {expect})")
    assert verdict == expect, line
    results[line] = verdict


def softmax(o):
    e = np.exp(o - o.max())
    return e / e.sum()


def forward(P, loss="ce", inj_h=None, inj_o=None):
    U_, W_, V_, b_, c_ = P
    hs = [h0]; os_ = [None]; ys = [None]; L = 0.0
    for t in range(1, T + 1):
        h = np.tanh(U_ @ X[t] + W_ @ hs[-1] + b_)
        if inj_h is not None:
            h = h + inj_h[t]
        o = V_ @ h + c_
        if inj_o is not None:
            o = o + inj_o[t]
        yh = softmax(o)
        if loss == "ce":
            L += -np.sum(Y[t] * np.log(yh))
        else:
            L += 0.5 * np.sum((yh - Y[t]) ** 2)
        hs.append(h); os_.append(o); ys.append(yh)
    return L, hs, os_, ys


P0 = [U, W, V, b, c]
L0, hs, os_, ys = forward(P0)
eps = 1e-6


def fd_param(k, loss="ce"):
    g = np.zeros_like(P0[k])
    for idx in np.ndindex(g.shape):
        Pp = [p.copy() for p in P0]; Pm = [p.copy() for p in P0]
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        g[idx] = (forward(Pp, loss)[0] - forward(Pm, loss)[0]) / (2 * eps)
    return g


def fd_inj(kind, t, loss="ce"):
    n = H if kind == "h" else K
    g = np.zeros(n)
    for i in range(n):
        z = np.zeros((T + 1, n)); z[t, i] = eps
        kw = {"inj_h": z} if kind == "h" else {"inj_o": z}
        kw2 = {"inj_h": -z} if kind == "h" else {"inj_o": -z}
        g[i] = (forward(P0, loss, **kw)[0] - forward(P0, loss, **kw2)[0]) / (2 * eps)
    return g


# ---- forward rows (eqs 1-4): check the code above against the stated model
t = 2
check(25, hs[t], np.tanh(U @ X[t] + W @ hs[t - 1] + b), "pass")
check(32, os_[t], V @ hs[t] + c, "pass")
check(39, ys[t], np.exp(os_[t]) / np.exp(os_[t]).sum(), "pass")
check(53, L0, sum(-np.sum(Y[s] * np.log(ys[s])) for s in range(1, T + 1)), "pass")

# ---- eq (5): dL/do^(t) = yhat - y, judged against the stated MSE loss
Lm, hm, om, ym = forward(P0, "mse")
check(60, ym[t] - Y[t], fd_inj("o", t, "mse"), "fail")
# (for information: with softmax + cross-entropy the same expression is exact)
assert np.allclose(ys[t] - Y[t], fd_inj("o", t, "ce"), atol=1e-6)

# ---- eq (6), (7)
g_c = sum(ys[s] - Y[s] for s in range(1, T + 1))
check(70, g_c, fd_param(4), "pass")
g_V = sum(np.outer(ys[s] - Y[s], hs[s]) for s in range(1, T + 1))
check(75, g_V, fd_param(2), "pass")

# ---- eq (8): delta^(t) = dL/dh^(t) (definition; total gradient via injection)
delta = {s: fd_inj("h", s) for s in range(1, T + 1)}
# recursion with the correct formula, to confirm the definition is the total gradient
for s in range(1, T):
    true_rec = V.T @ (ys[s] - Y[s]) + W.T @ ((1 - hs[s + 1] ** 2) * delta[s + 1])
    assert np.allclose(true_rec, delta[s], atol=1e-6)
check(85, delta[t], fd_inj("h", t), "pass")

# ---- eq (9), first line: numerator-layout chain rule (row vectors)
Jh = np.diag(1 - hs[t + 1] ** 2) @ W          # dh^(t+1)/dh^(t)
row = (ys[t] - Y[t]) @ V + delta[t + 1] @ Jh   # dL/do do/dh + dL/dh^(t+1) dh^(t+1)/dh^(t)
check(93, row, delta[t], "pass")

# ---- eq (9), second line as written: W^T delta^(t+1) diag(1-(h^(t+1))^2)
try:
    val = V.T @ (ys[t] - Y[t]) + (W.T @ delta[t + 1][:, None]) @ np.diag(1 - hs[t + 1] ** 2)
    val = np.asarray(val).ravel()
except ValueError:
    # column-vector shapes: (H,1) @ (H,H) is undefined; read the diag as an elementwise factor instead
    val = V.T @ (ys[t] - Y[t]) + (W.T @ delta[t + 1]) * (1 - hs[t + 1] ** 2)
check(95, val, delta[t], "fail")

# ---- eq (10)
check(104, V.T @ (ys[T] - Y[T]), delta[T], "pass")

# ---- eqs (11)-(13)
g_W = sum(np.outer((1 - hs[s] ** 2) * delta[s], hs[s - 1]) for s in range(1, T + 1))
check(111, np.sum([np.diag(1 - hs[s] ** 2) @ delta[s][:, None] @ hs[s - 1][None, :] for s in range(1, T + 1)], axis=0),
      fd_param(1), "pass")
check(117, np.sum([np.diag(1 - hs[s] ** 2) @ delta[s][:, None] @ X[s][None, :] for s in range(1, T + 1)], axis=0),
      fd_param(0), "pass")
check(125, np.sum([np.diag(1 - hs[s] ** 2) @ delta[s] for s in range(1, T + 1)], axis=0), fd_param(3), "pass")

# ---- eq (14): first line same chain rule; second line W^T delta^(t+1) * tanh'
check(142, row, delta[t], "pass")
tanh_prime = 1 - hs[t + 1] ** 2                 # tanh' at step t+1
check(144, V.T @ (ys[t] - Y[t]) + (W.T @ delta[t + 1]) * tanh_prime, delta[t], "fail")

print("all verdicts as expected:", results)
