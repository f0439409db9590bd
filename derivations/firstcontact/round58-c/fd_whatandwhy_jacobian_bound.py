"""FD check for whatandwhy_jacobian_bound.md: Jacobian product and norm bounds for a tanh RNN."""
import numpy as np
rng = np.random.RandomState(2)
d, T = 5, 7
W = rng.randn(d, d) * 0.6; Ux = rng.randn(d, 3); xs = rng.randn(T + 1, 3)

def run(h0, W=W):
    h = h0; hs = [h0]
    for t in range(1, T + 1):
        h = np.tanh(W @ h + Ux @ xs[t]); hs.append(h)
    return hs

h0 = rng.randn(d) * 0.5
hs = run(h0)
J = [None] + [np.diag(1 - hs[t] ** 2) @ W for t in range(1, T + 1)]  # J_t = dh_t/dh_{t-1}
# FD of each J_t
for t in range(1, T + 1):
    Jfd = np.zeros((d, d))
    for j in range(d):
        e = np.zeros(d); e[j] = 1e-6
        hp = np.tanh(W @ (hs[t - 1] + e) + Ux @ xs[t]); hm = np.tanh(W @ (hs[t - 1] - e) + Ux @ xs[t])
        Jfd[:, j] = (hp - hm) / 2e-6
    assert np.allclose(Jfd, J[t], atol=1e-8)
# rows 9 / 26: dh_T/dh_0 = J_T ... J_1
P = np.eye(d)
for t in range(1, T + 1): P = J[t] @ P
Pfd = np.zeros((d, d))
for j in range(d):
    e = np.zeros(d); e[j] = 1e-6
    Pfd[:, j] = (run(h0 + e)[-1] - run(h0 - e)[-1]) / 2e-6
assert np.allclose(P, Pfd, atol=1e-8)
# rows 13 / 30: operator-norm bound; row 15: beta^T bound
op = lambda M: np.linalg.norm(M, 2)
assert op(P) <= np.prod([op(J[t]) for t in range(1, T + 1)]) + 1e-12
beta = max(op(J[t]) for t in range(1, T + 1)); assert op(P) <= beta ** T + 1e-12
# row 28: submultiplicativity
A, B = rng.randn(d, d), rng.randn(d, d); assert op(A @ B) <= op(A) * op(B) + 1e-12
# row 18: common eigendirection with |lambda|>=rho>1 -> norm >= rho^T
Vv = rng.randn(d, d); lam = [np.diag(rng.uniform(1.2, 1.5, d)) for _ in range(T)]
Js = [Vv @ L @ np.linalg.inv(Vv) for L in lam]; Pp = np.eye(d)
for Jt in Js: Pp = Jt @ Pp
assert op(Pp) >= 1.2 ** T - 1e-9
# row 38: contraction case, ||prod J u|| <= beta^T for unit u
Wc = W / op(W) * 0.8; hc = run(h0, Wc); Jc = [np.diag(1 - hc[t] ** 2) @ Wc for t in range(1, T + 1)]
bc = max(op(M) for M in Jc); assert bc < 1
Pc = np.eye(d)
for M in Jc: Pc = M @ Pc
for _ in range(20):
    u = rng.randn(d); u /= np.linalg.norm(u); assert np.linalg.norm(Pc @ u) <= bc ** T + 1e-12
# row 42: dL/dh_0 (row vector) = dL/dh_T J_T...J_1, and the bound
c = rng.randn(d); L = lambda h0_: c @ run(h0_, Wc)[-1] + 0.5 * np.sum(run(h0_, Wc)[-1] ** 2)
gT = c + hc[-1]
g0 = gT @ Pc
g0fd = np.array([(L(h0 + e) - L(h0 - e)) / 2e-6 for e in np.eye(d) * 1e-6])
assert np.allclose(g0, g0fd, atol=1e-7)
assert np.linalg.norm(g0) <= np.linalg.norm(gT) * bc ** T + 1e-12
print("fd_whatandwhy_jacobian_bound: all rows pass")
