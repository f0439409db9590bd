# FD check for wanesta_rnn_bptt_zh.md (hanbingtao-style notation: column vectors,
# net_t = U x_t + W s_{t-1}, s_t = f(net_t), delta_t = dE/dnet_t (column), delta^T a row,
# Jacobians in numerator layout). E is a function of s_t at the last step t only.
import numpy as np
rng = np.random.default_rng(5959)
m, n, T = 3, 4, 5
U = rng.normal(size=(n, m)); W = rng.normal(size=(n, n)) * 0.7
xs = [rng.normal(size=(m, 1)) for _ in range(T + 1)]
s0 = rng.normal(size=(n, 1)); Vo = rng.normal(size=(2, n)); yt = rng.normal(size=(2, 1))
f = np.tanh; fp = lambda a: 1 - np.tanh(a) ** 2
res = {}

def run(dnet=None):
    s = s0; NET = {}; S = {0: s0}
    for t in range(1, T + 1):
        net = U @ xs[t] + W @ s
        if dnet is not None and dnet[0] == t: net = net + dnet[1]
        s = f(net); NET[t] = net; S[t] = s
    return 0.5 * float(np.sum((Vo @ s - yt) ** 2)), NET, S

def jac(fun, x0, eps=1e-6):
    y0 = fun(x0); J = np.zeros((y0.size, x0.size))
    for j in range(x0.size):
        d = np.zeros_like(x0); d.flat[j] = eps
        J[:, j] = ((fun(x0 + d) - fun(x0 - d)) / (2 * eps)).ravel()
    return J

def delta(k):  # true dE/dnet_k as a column
    g = np.zeros((n, 1))
    for j in range(n):
        d = np.zeros((n, 1)); d[j] = 1e-6
        g[j] = (run((k, d))[0] - run((k, -d))[0]) / 2e-6
    return g

def check(line, lhs, rhs, expect):
    ok = lhs.shape == rhs.shape and np.allclose(lhs, rhs, atol=1e-6)
    res[line] = ok
    assert ok == (expect == "pass"), (line, ok, expect)

E, NET, S = run(); t = T; k = T - 2
# forward rows
check(16, S[t], f(U @ xs[t] + W @ S[t - 1]), "pass")
W_disp = W.copy(); W_disp[n - 1, 1] = U[n - 1, 1]      # line 20 shows u_{n2} inside the W block
check(20, S[t], f(U @ xs[t] + W_disp @ S[t - 1]), "fail")
check(26, NET[t], U @ xs[t] + W @ S[t - 1], "pass")
check(28, S[t - 1], f(NET[t - 1]), "pass")
# Jacobians
J_net_s = jac(lambda s: U @ xs[t] + W @ s, S[t - 1])
J_s_net = jac(f, NET[t - 1])
J_net_net = jac(lambda a: U @ xs[t] + W @ f(a), NET[t - 1])
check(31, J_net_net, J_net_s @ J_s_net, "pass")
J_disp = J_net_s.copy(); J_disp[1, 0] = J_net_s[1, 1]   # displayed (2,1) entry is d net_2 / d s_2
check(35, J_net_s, J_disp, "fail")
check(37, J_net_s, W, "pass")
check(39, J_net_s, W, "pass")
check(42, J_s_net, jac(f, NET[t - 1]), "pass")
check(44, J_s_net, np.diagflat(fp(NET[t - 1])), "pass")
check(46, J_s_net, np.diagflat(fp(NET[t - 1])), "pass")   # n_{t-1} read as net_{t-1}
a = rng.normal(size=n); check(49, np.diag(a), np.array([[a[i] if i == j else 0 for j in range(n)] for i in range(n)]), "pass")
check(52, J_net_net, J_net_s @ J_s_net, "pass")
check(54, J_net_net, W @ np.diagflat(fp(NET[t - 1])), "pass")
check(56, J_net_net, W * fp(NET[t - 1]).T, "pass")        # entry (i,j) = w_ij f'(net_j)
# delta through time, k = t-2
dt = delta(t); dk = delta(k)
J_t_k = jac(lambda a: U @ xs[t] + W @ f(U @ xs[t - 1] + W @ f(a)), NET[k])
J_t_t1 = J_net_net
J_t1_t2 = jac(lambda a: U @ xs[t - 1] + W @ f(a), NET[t - 2])
check(59, dk.T, dk.T, "pass")                                   # definition
check(61, dk.T, dt.T @ J_t_k, "pass")
check(63, dk.T, dt.T @ J_t_t1 @ J_t1_t2, "pass")
D = lambda i: np.diagflat(fp(NET[i]))
rhs65 = W @ D(t - 1) @ W @ D(t - 2) @ dt                        # as written: delta_t on the right, untransposed
check(65, dk.T, rhs65, "fail")
assert not np.allclose(dk, rhs65, atol=1e-6)                   # wrong also as a column
prod = np.eye(n)
for i in range(t - 1, k - 1, -1): prod = prod @ (W @ D(i))      # ordered i = t-1, ..., k
check(67, dk.T, dt.T @ prod, "pass")
# layer-to-layer: net^{l-1}_t = U1 x_t (+ recurrent term, frozen), a = f(net^{l-1}), net^l = U a + W s_{t-1}
U1 = rng.normal(size=(m, m)); netl1 = U1 @ xs[t]; al1 = f(netl1)
Ul = U   # U maps a^{l-1} (dim m) to layer l
def E_from_netl1(z):
    s = S[t - 1]; netl = Ul @ f(z) + W @ s
    return 0.5 * float(np.sum((Vo @ f(netl) - yt) ** 2))
netl = Ul @ al1 + W @ S[t - 1]
check(71, netl, Ul @ al1 + W @ S[t - 1], "pass")
check(73, al1, f(netl1), "pass")
J_l_l1 = jac(lambda z: Ul @ f(z) + W @ S[t - 1], netl1)
check(76, J_l_l1, jac(lambda a_: Ul @ a_ + W @ S[t - 1], al1) @ jac(f, netl1), "pass")
check(78, J_l_l1, Ul @ np.diagflat(fp(netl1)), "pass")
dl = np.zeros((n, 1))
sl = f(netl)
dl = (fp(netl) * (Vo.T @ (Vo @ sl - yt)))                       # delta^l_t (column), checked by FD below
dl_fd = jac(lambda z: np.array([[0.5 * float(np.sum((Vo @ f(z) - yt) ** 2))]]), netl).T
assert np.allclose(dl, dl_fd, atol=1e-6)
dl1_fd_row = jac(lambda z: np.array([[E_from_netl1(z)]]), netl1)   # dE/dnet^{l-1} is a row (1 x m)
check(81, dl1_fd_row.T, dl1_fd_row, "fail")                    # LHS (delta^{l-1}) is a column, RHS a row: missing ^T
check(83, dl1_fd_row, dl_fd.T @ J_l_l1, "pass")
check(85, dl1_fd_row, dl.T @ Ul @ np.diagflat(fp(netl1)), "pass")
print("all verdicts confirmed:", {k_: ("pass" if v else "fail") for k_, v in sorted(res.items())})
