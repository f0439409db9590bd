"""Finite-difference check of rnn_embeddings_guide_bptt_jacobian.md (numpy only).

Author's cell (column vectors): h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), h_0 = 0,
many-to-one output y^ = sigmoid(W_hy h_T + b_y) (k = 1), L = -(y log y^ + (1-y) log(1-y^)).
Section 5.3 uses T = 3 with the loss at the final step only; section 6 is the generic Jacobian.
Jacobians are in numerator layout: J[i, j] = d h_j[i] / d h_{j-1}[j].
"""
import numpy as np

rng = np.random.default_rng(1)
d, m, T = 3, 4, 3
EPS = 1e-6

W_xh = rng.normal(0, 0.7, (m, d))
W_hh = rng.normal(0, 0.7, (m, m))
b_h = rng.normal(0, 0.3, (m, 1))
W_hy = rng.normal(0, 0.7, (1, m))
b_y = rng.normal(0, 0.3, (1, 1))
X = [rng.normal(0, 1, (d, 1)) for _ in range(T + 1)]   # X[1..T]
y = 1.0


def sig(a):
    return 1.0 / (1.0 + np.exp(-a))


def step(Wxh, Whh, bh, x, hp):
    return np.tanh(Wxh @ x + Whh @ hp + bh)


def run(Wxh=W_xh, Whh=W_hh, Why=W_hy, start=0, h_start=None):
    """returns list h[0..T]; if start>0, h[start] is replaced by h_start and later states recomputed."""
    hs = [np.zeros((m, 1))]
    for t in range(1, T + 1):
        hs.append(step(Wxh, Whh, b_h, X[t], hs[-1]))
        if t == start:
            hs[t] = h_start
    return hs


def loss_from_hT(hT, Why=W_hy):
    yh = sig(Why @ hT + b_y)[0, 0]
    return -(y * np.log(yh) + (1 - y) * np.log(1 - yh))


def loss(Wxh=W_xh, Whh=W_hh, Why=W_hy):
    return loss_from_hT(run(Wxh, Whh, Why)[T], Why)


def fd_mat(f, A):
    g = np.zeros_like(A)
    for idx in np.ndindex(*A.shape):
        Ap, Am = A.copy(), A.copy()
        Ap[idx] += EPS
        Am[idx] -= EPS
        g[idx] = (f(Ap) - f(Am)) / (2 * EPS)
    return g


def jac(fun, v):
    out = fun(v)
    J = np.zeros((out.shape[0], v.shape[0]))
    for j in range(v.shape[0]):
        dv = np.zeros_like(v)
        dv[j, 0] = EPS
        J[:, j] = ((fun(v + dv) - fun(v - dv)) / (2 * EPS))[:, 0]
    return J


results = {}


def report(line, ok):
    results[line] = results.get(line, True) and bool(ok)


hs = run()
hT = hs[T]
yh = sig(W_hy @ hT + b_y)[0, 0]

# line 184: dL/dW_hy = (y^ - y) h_3^T   (T = 3, loss at the final step)
g_Why_fd = fd_mat(lambda A: loss(Why=A), W_hy)
report(184, np.allclose((yh - y) * hT.T, g_Why_fd, atol=1e-7))

# dL/dh_T (row vector, numerator layout) and one-step Jacobians by FD
dL_dhT = jac(lambda v: np.array([[loss_from_hT(v)]]), hT)          # 1 x m
J = {t: jac(lambda v, t=t: step(W_xh, W_hh, b_h, X[t], v), hs[t - 1]) for t in range(2, T + 1)}  # dh_t/dh_{t-1}


def dh_dWhh_immediate(t):
    """immediate partial d h_t / d W_hh with h_{t-1} held fixed: tensor (m, m, m)."""
    out = np.zeros((m, m, m))
    for a in range(m):
        for b in range(m):
            Wp, Wm = W_hh.copy(), W_hh.copy()
            Wp[a, b] += EPS
            Wm[a, b] -= EPS
            out[:, a, b] = ((step(W_xh, Wp, b_h, X[t], hs[t - 1]) - step(W_xh, Wm, b_h, X[t], hs[t - 1])) / (2 * EPS))[:, 0]
    return out


def contribution(t):
    """dL/dh_T (prod_{j=t+1}^T dh_j/dh_{j-1}) dh_t/dW_hh|immediate  -> m x m"""
    row = dL_dhT.copy()
    for j in range(T, t, -1):
        row = row @ J[j]
    return np.tensordot(row[0], dh_dWhh_immediate(t), axes=(0, 0))


g_Whh_fd = fd_mat(lambda A: loss(Whh=A), W_hh)
c3, c2, c1 = contribution(3), contribution(2), contribution(1)


def fd_contrib_at(t):
    """FD of L where W_hh is perturbed only in its use at step t (the meaning of dL/dW_hh|_(t))."""
    def f(A):
        h = np.zeros((m, 1))
        for s in range(1, T + 1):
            h = step(W_xh, A if s == t else W_hh, b_h, X[s], h)
        return loss_from_hT(h)
    return fd_mat(f, W_hh)


report(190, np.allclose(c3, fd_contrib_at(3), atol=1e-7))
report(193, np.allclose(c2, fd_contrib_at(2), atol=1e-7))
report(196, np.allclose(c1, fd_contrib_at(1), atol=1e-7))
report(199, np.allclose(c1 + c2 + c3, g_Whh_fd, atol=1e-7))
report(202, np.allclose(c1 + c2 + c3, g_Whh_fd, atol=1e-7))
report(152, np.allclose(fd_contrib_at(1) + fd_contrib_at(2) + fd_contrib_at(3), g_Whh_fd, atol=1e-7))
report(169, np.allclose(fd_contrib_at(1) + fd_contrib_at(2) + fd_contrib_at(3), g_Whh_fd, atol=1e-7))

# line 215: dh_T/dh_t = prod of one-step Jacobians (t = 1, T = 3)
def roll_from(t):
    def f(v):
        h = v
        for s in range(t + 1, T + 1):
            h = step(W_xh, W_hh, b_h, X[s], h)
        return h
    return f


J_T1_fd = jac(roll_from(1), hs[1])
report(215, np.allclose(J_T1_fd, J[3] @ J[2], atol=1e-7))

# line 219: single-step Jacobian as written: diag(1 - h_j^2) W_hh^T
ok219 = True
for j in range(2, T + 1):
    ok219 &= np.allclose(np.diag((1 - hs[j] ** 2)[:, 0]) @ W_hh.T, J[j], atol=1e-7)
report(219, ok219)
# (the correct form diag(1 - h_j^2) W_hh agrees with FD:)
assert all(np.allclose(np.diag((1 - hs[j] ** 2)[:, 0]) @ W_hh, J[j], atol=1e-7) for j in range(2, T + 1))

# line 222: product of the bracketed factors as written
prod_written = np.eye(m)
for j in range(2, T + 1):
    prod_written = np.diag((1 - hs[j] ** 2)[:, 0]) @ W_hh.T @ prod_written
report(222, np.allclose(prod_written, J_T1_fd, atol=1e-7))

# line 206: plain gradient-descent update (definition): check that a small step lowers L
eta = 1e-3
report(206, loss(Whh=W_hh - eta * g_Whh_fd) < loss())
report(173, loss(Whh=W_hh - eta * g_Whh_fd) < loss())

# forward definitions / walkthrough (identities of the forward pass used above)
okf = np.allclose(hs[0], 0)
for t in range(1, T + 1):
    okf &= np.allclose(hs[t], np.tanh(W_xh @ X[t] + W_hh @ hs[t - 1] + b_h))
okf &= np.isclose(loss(), -(y * np.log(yh) + (1 - y) * np.log(1 - yh)))
for ln in (38, 42, 45, 50, 69, 70, 74, 79, 84, 86, 92, 93, 95, 97, 99, 101, 102, 218):
    report(ln, okf)

for ln in sorted(results):
    print(f"line {ln}: {'OK' if results[ln] else 'MISMATCH'}")
