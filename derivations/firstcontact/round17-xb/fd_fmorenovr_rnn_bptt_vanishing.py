"""FD check of fmorenovr_rnn_bptt_vanishing.md. Column vectors: z^t = W a^{t-1} + U x^t + b_a,
a^t = g1(z^t) with g1 = tanh, q^t = V a^t + b_y, yhat^t = g2(q^t) with g2 = softmax,
E^t = -y^t . log(yhat^t) (y one-hot), L = sum_t E^t (the post's first loss; l.50 restates it as -1/N sum E)."""
import numpy as np
rng = np.random.default_rng(1)
n, h, m, T = 3, 4, 3, 5
U = rng.normal(size=(h, n)) * .6; W = rng.normal(size=(h, h)) * .6; V = rng.normal(size=(m, h)) * .6
ba = rng.normal(size=h) * .1; by = rng.normal(size=m) * .1
X = rng.normal(size=(T, n)); Y = np.eye(m)[rng.integers(0, m, T)]
sm = lambda q: np.exp(q - q.max()) / np.exp(q - q.max()).sum()
def fwd(U=U, W=W, V=V, a0=None, start=0, stop=T):
    a = np.zeros(h) if a0 is None else a0; As = []; Zs = []; L = 0; P = []
    for t in range(start, stop):
        z = W @ a + U @ X[t] + ba; a = np.tanh(z); p = sm(V @ a + by)
        L += -Y[t] @ np.log(p); As.append(a); Zs.append(z); P.append(p)
    return L, np.array(As), np.array(Zs), np.array(P)
L, A, Z, P = fwd()
eps = 1e-6
def num(f, M):
    G = np.zeros_like(M)
    for i in np.ndindex(M.shape):
        Mp = M.copy(); Mp[i] += eps; Mm = M.copy(); Mm[i] -= eps; G[i] = (f(Mp) - f(Mm)) / (2 * eps)
    return G
# l.69: dE/dq = yhat - y ; l.87: dE^t/dV = (yhat - y) a^T, summed over t = dL/dV
t = 2
q = V @ A[t] + by
print("l.69 dE/dq = yhat - y          :", np.allclose(num(lambda qq: -Y[t] @ np.log(sm(qq)), q.copy()), P[t] - Y[t], atol=1e-6))
print("l.87 dE/dV = (yhat-y) a^T       :", np.allclose(num(lambda VV: fwd(V=VV)[0], V), sum(np.outer(P[s] - Y[s], A[s]) for s in range(T)), atol=1e-6))
# l.50: L = -(1/N) sum E with E = -y log yhat  => L = +(1/N) sum y log yhat: its gradient is minus the cross-entropy gradient
N = 1
L50 = lambda VV: -(1 / N) * fwd(V=VV)[0]
print("l.50 sign: dL50/dV == +sum (yhat-y)a^T ?", np.allclose(num(L50, V), sum(np.outer(P[s] - Y[s], A[s]) for s in range(T)), atol=1e-6), "(False: L of l.50 is minus the cross-entropy)")
# Jacobians da^t/da^k: FD vs the one-step product (l.101/l.109) and vs l.117 as written
k, tt = 1, 4
def a_t_from_ak(ak):   # run from step k+1 to tt with a^k given
    a = ak
    for s in range(k + 1, tt + 1): a = np.tanh(W @ a + U @ X[s] + ba)
    return a
J_fd = np.zeros((h, h))
for j in range(h):
    e = np.zeros(h); e[j] = eps
    J_fd[:, j] = (a_t_from_ak(A[k] + e) - a_t_from_ak(A[k] - e)) / (2 * eps)
step = lambda i: np.diag(1 - A[i] ** 2) @ W            # da^i/da^{i-1} = diag(g1'(z^i)) W
prod = np.eye(h)
for i in range(tt, k, -1): prod = prod @ step(i)        # da^t/da^{t-1} ... da^{k+1}/da^k
print("l.101/109 product of one-step Jacobians :", np.allclose(prod, J_fd, atol=1e-6))
g1p_at_a = lambda i: 1 - np.tanh(A[i]) ** 2            # d g1(a^{i-1}) / d a^{i-1} read literally at the state a
w117 = np.eye(h)
for i in range(tt, k, -1): w117 = w117 @ (W.T @ np.diag(g1p_at_a(i - 1)))
w117b = np.eye(h)
for i in range(tt, k, -1): w117b = w117b @ (W.T @ np.diag(1 - A[i] ** 2))   # even with the right derivative, W^T is wrong
print("l.117 prod W^T diag[g1'(a^{i-1})] as written :", np.allclose(w117, J_fd, atol=1e-6))
print("      (W^T with g1'(z^i) instead)            :", np.allclose(w117b, J_fd, atol=1e-6))
