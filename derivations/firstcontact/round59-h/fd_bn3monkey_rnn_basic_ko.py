# FD check for bn3monkey_rnn_basic_ko.md (column vectors; p(t)=Ux+Wh(t-1)+b, q(t)=Vh(t)+c).
# e_h, e_o are dE/dp, dE/dq. Lines 44-52 are per-step formulas (checked on a 1-step model);
# lines 74-93 use E = loss of the last step T only (error of E_T propagated back in time).
import numpy as np
rng = np.random.default_rng(59)
I, H, K, T = 2, 3, 3, 4          # K == H so that line 48's e_o(t) h(t-1)^T is shape-compatible
U = rng.normal(size=(H, I)); W = rng.normal(size=(H, H)) * 0.8; V = rng.normal(size=(K, H))
b = rng.normal(size=(H, 1)); c = rng.normal(size=(K, 1))
xs = [rng.normal(size=(I, 1)) for _ in range(T + 1)]
h0 = rng.normal(size=(H, 1)); tgt = rng.normal(size=(K, 1))
f, fp = np.tanh, lambda a: 1 - np.tanh(a) ** 2
g, gp = np.tanh, lambda a: 1 - np.tanh(a) ** 2   # generic output activation g
res = {}

def run(U, W, V, b, c, Tn, dp=None, dq=None):
    h = h0; P = {}; Hs = {0: h0}
    for t in range(1, Tn + 1):
        p = U @ xs[t] + W @ h + b
        if dp is not None and dp[0] == t: p = p + dp[1]
        h = f(p); P[t] = p; Hs[t] = h
    q = V @ h + c
    if dq is not None: q = q + dq
    y = g(q)
    return 0.5 * float(np.sum((y - tgt) ** 2)), P, Hs, q, y

def fd_mat(fun, X, eps=1e-6):
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
        G[idx] = (fun(Xp) - fun(Xm)) / (2 * eps)
    return G

def check(line, lhs, rhs, expect):
    ok = lhs.shape == rhs.shape and np.allclose(lhs, rhs, atol=1e-6)
    res[line] = ok
    assert ok == (expect == "pass"), (line, ok, expect)

# ---- forward rows 21, 27, 33, 34, 57 (author's model) ----
E, P, Hs, q, y = run(U, W, V, b, c, T)
check(21, Hs[2], f(U @ xs[2] + W @ Hs[1] + b), "pass")
check(27, y, g(V @ Hs[T] + c), "pass")
check(33, P[2], U @ xs[2] + W @ Hs[1] + b, "pass")
check(34, Hs[2], f(P[2]), "pass")
check(57, y, g(V @ Hs[T] + c), "pass")
# line 60: sine model, g(x)=x -> y = Vh + c
check(60, (lambda z: z)(V @ Hs[T] + c), V @ Hs[T] + c, "pass")
# line 68: E = 1/2 sum_t ||y(t)-t(t)||^2 (check the formula against a direct loop)
ys = [g(V @ Hs[t] + c) for t in range(1, T + 1)]; tt = [tgt] * T
check(68, np.array(0.5 * sum(float(np.sum((a - bb) ** 2)) for a, bb in zip(ys, tt))),
      np.array(sum(0.5 * ((a - bb).T @ (a - bb)).item() for a, bb in zip(ys, tt))), "pass")

# ---- definitions 39, 40 and per-step gradients 44-52 on the 1-step model ----
E1, P1, H1, q1, y1 = run(U, W, V, b, c, 1)
e_h = fd_mat(lambda d: run(U, W, V, b, c, 1, dp=(1, d))[0], np.zeros((H, 1)))
e_o = fd_mat(lambda d: run(U, W, V, b, c, 1, dq=d)[0], np.zeros((K, 1)))
check(39, e_h, fp(P1[1]) * (V.T @ (gp(q1) * (y1 - tgt))), "pass")   # dE/dp(t) as the author defines it
check(40, e_o, gp(q1) * (y1 - tgt), "pass")
check(44, fd_mat(lambda X: run(X, W, V, b, c, 1)[0], U), e_h @ xs[1].T, "pass")
check(46, fd_mat(lambda X: run(U, W, X, b, c, 1)[0], V), e_o @ H1[1].T, "pass")
check(48, fd_mat(lambda X: run(U, X, V, b, c, 1)[0], W), e_o @ H1[0].T, "fail")   # should be e_h(t) h(t-1)^T
assert np.allclose(fd_mat(lambda X: run(U, X, V, b, c, 1)[0], W), e_h @ H1[0].T, atol=1e-6)
check(50, fd_mat(lambda X: run(U, W, V, X, c, 1)[0], b), e_h, "pass")
check(52, fd_mat(lambda X: run(U, W, V, b, X, 1)[0], c), e_o, "pass")

# ---- BPTT rows 74-93 with E = E_T ----
ehT = fd_mat(lambda d: run(U, W, V, b, c, T, dp=(T, d))[0], np.zeros((H, 1)))
eoT = fd_mat(lambda d: run(U, W, V, b, c, T, dq=d)[0], np.zeros((K, 1)))
check(74, ehT, fp(P[T]) * (V.T @ eoT), "pass")
check(75, eoT, gp(q) * (y - tgt), "pass")
ehT1 = fd_mat(lambda d: run(U, W, V, b, c, T, dp=(T - 1, d))[0], np.zeros((H, 1))).T   # row form
ehT2 = fd_mat(lambda d: run(U, W, V, b, c, T, dp=(T - 2, d))[0], np.zeros((H, 1))).T
# Jacobians dp(T)/dp(T-1) = W diag f'(p(T-1)); dp(T)/dh(T-1) = W; dh/dp = diag f'
def p_next(pprev):  # p(T) as a function of p(T-1)
    return U @ xs[T] + W @ f(pprev) + b
J = np.zeros((H, H))
for j in range(H):
    d = np.zeros((H, 1)); d[j] = 1e-6
    J[:, j:j+1] = (p_next(P[T - 1] + d) - p_next(P[T - 1] - d)) / 2e-6
check(85, ehT1, ehT.T @ J, "pass")
check(87, ehT1, ehT.T @ W @ np.diagflat(fp(P[T - 1])), "pass")
check(89, ehT1, ehT.T @ (W @ np.diagflat(fp(P[T - 1]))), "pass")   # e_h as row: e_h(t) W f'(p(t-1))
check(93, ehT2, ehT1 @ (W @ np.diagflat(fp(P[T - 2]))), "pass")    # z = 1
print("all verdicts confirmed:", {k: ("pass" if v else "fail") for k, v in sorted(res.items())})
