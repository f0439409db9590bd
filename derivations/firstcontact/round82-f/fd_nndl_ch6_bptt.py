"""Finite-difference check of nndl_ch6_bptt.md (Qiu Xipeng, nndl ch. 6 draft, SRN BPTT / RTRL).

Author's conventions: column vectors; z_t = U h_{t-1} + W x_t + b, h_t = f(z_t), h_0 = 0;
L_t = L(y_t, g(h_t)), L = sum_t L_t; delta_{t,k} = dL_t/dz_k (denominator layout, a column vector).
Here f = tanh, g(h) = softmax(V h), L_t = cross-entropy.
"""
import numpy as np

rng = np.random.default_rng(0)
D, H, K, T = 3, 4, 5, 5
U = rng.normal(scale=0.7, size=(H, H))
W = rng.normal(scale=0.7, size=(H, D))
b = rng.normal(scale=0.3, size=H)
V = rng.normal(scale=0.7, size=(K, H))
X = rng.normal(size=(T + 1, D))        # x_1..x_T (index 0 unused)
Y = rng.integers(0, K, size=T + 1)     # y_1..y_T


def forward(U, W, b):
    h = {0: np.zeros(H)}
    z = {}
    for t in range(1, T + 1):
        z[t] = U @ h[t - 1] + W @ X[t] + b          # (6.5)
        h[t] = np.tanh(z[t])                        # (6.6)/(6.7)
    return z, h


def loss_t(h_t, t):
    a = V @ h_t
    a = a - a.max()
    p = np.exp(a) / np.exp(a).sum()
    return -np.log(p[Y[t]]), p


def total_loss(U, W, b, upto=None):
    z, h = forward(U, W, b)
    ts = range(1, T + 1) if upto is None else [upto]
    return sum(loss_t(h[t], t)[0] for t in ts)      # (6.27)


def fd(fun, P, eps=1e-6):
    G = np.zeros_like(P)
    it = np.nditer(P, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        Pp, Pm = P.copy(), P.copy()
        Pp[i] += eps
        Pm[i] -= eps
        G[i] = (fun(Pp) - fun(Pm)) / (2 * eps)
    return G


def ok(name, a, b_, tol=1e-6):
    err = np.max(np.abs(a - b_)) / (1e-12 + np.max(np.abs(b_)))
    print(f"{name:60s} {'AGREES' if err < tol else 'DIFFERS'}  (rel err {err:.2e})")
    return err < tol


z, h = forward(U, W, b)
fprime = {t: 1 - h[t] ** 2 for t in z}

# delta_{t,t} = dL_t/dz_t, then recursion (6.34) delta_{t,k} = diag(f'(z_k)) U^T delta_{t,k+1}
delta = {}
for t in range(1, T + 1):
    _, p = loss_t(h[t], t)
    e = p.copy(); e[Y[t]] -= 1
    delta[(t, t)] = fprime[t] * (V.T @ e)
    for k in range(t - 1, 0, -1):
        delta[(t, k)] = np.diag(fprime[k]) @ U.T @ delta[(t, k + 1)]   # (6.33)/(6.34)

# check delta_{t,k} itself against FD on z_k (perturb z_k, re-run forward from k)
def loss_t_given_zk(t, k, zk):
    hh = np.tanh(zk)
    for s in range(k + 1, t + 1):
        hh = np.tanh(U @ hh + W @ X[s] + b)
    return loss_t(hh, t)[0]

t0, k0 = T, 2
ok("(6.32)-(6.34) delta_{t,k} recursion vs FD dL_t/dz_k",
   delta[(t0, k0)], fd(lambda zk: loss_t_given_zk(t0, k0, zk), z[k0].copy()))

# (6.35)/(6.36) per-loss gradient dL_t/dU
t0 = 4
G36 = sum(np.outer(delta[(t0, k)], h[k - 1]) for k in range(1, t0 + 1))
ok("(6.35)/(6.36) dL_t/dU = sum_k delta_{t,k} h_{k-1}^T", G36,
   fd(lambda P: total_loss(P, W, b, upto=t0), U.copy()))
# (6.29)/(6.30)/(6.31) entrywise with I_i([h_{k-1}]_j)
i, j = 1, 2
val29 = 0.0
val30 = 0.0
for k in range(1, t0 + 1):
    Ii = np.zeros(H); Ii[i] = h[k - 1][j]                         # (6.31) I_i([h_{k-1}]_j)
    val29 += np.trace(np.atleast_2d(delta[(t0, k)]) @ Ii[:, None])  # (6.29) tr((dL_t/dz_k)^T d+z_k/dU_ij)
    val30 += Ii @ delta[(t0, k)]                                   # (6.30) (d+z_k/dU_ij)^T dL_t/dz_k
fdU = fd(lambda P: total_loss(P, W, b, upto=t0), U.copy())
ok("(6.29)-(6.31) dL_t/dU_ij via direct partials", np.array([val29, val30]), np.array([fdU[i, j]] * 2))

# (6.28) + (6.37)-(6.39) whole-sequence gradients
GU = sum(np.outer(delta[(t, k)], h[k - 1]) for t in range(1, T + 1) for k in range(1, t + 1))
GW = sum(np.outer(delta[(t, k)], X[k]) for t in range(1, T + 1) for k in range(1, t + 1))
Gb = sum(delta[(t, k)] for t in range(1, T + 1) for k in range(1, t + 1))
ok("(6.28)/(6.37) dL/dU", GU, fd(lambda P: total_loss(P, W, b), U.copy()))
ok("(6.38) dL/dW", GW, fd(lambda P: total_loss(U, P, b), W.copy()))
ok("(6.39) dL/db", Gb, fd(lambda P: total_loss(U, W, P), b.copy()))

# RTRL (6.41)-(6.43): forward sensitivities dh_t/dU_ij, and (6.44)
i, j = 0, 3
S = np.zeros(H)     # dh_0/dU_ij = 0
S_list = {}
for t in range(1, T + 1):
    Ii = np.zeros(H); Ii[i] = h[t - 1][j]
    S42 = np.diag(fprime[t]) @ (Ii + U @ S)     # (6.41)/(6.42)
    S43 = fprime[t] * (Ii + U @ S)              # (6.43)
    assert np.allclose(S42, S43)
    S = S43
    S_list[t] = S

def h_t_of(Uij, t):
    P = U.copy(); P[i, j] = Uij
    return forward(P, W, b)[1][t]
eps = 1e-6
fdS = (h_t_of(U[i, j] + eps, T) - h_t_of(U[i, j] - eps, T)) / (2 * eps)
ok("(6.41)-(6.43) RTRL dh_T/dU_ij", S_list[T], fdS)
_, pT = loss_t(h[T], T)
eT = pT.copy(); eT[Y[T]] -= 1
dLdh = V.T @ eT
ok("(6.44) dL_T/dU_ij = (dh_T/dU_ij)^T dL_T/dh_T", np.array(S_list[T] @ dLdh),
   np.array(fd(lambda P: total_loss(P, W, b, upto=T), U.copy())[i, j]))

# (6.45) product form
t0, k0 = T, 1
Pm = np.eye(H)
for ii in range(k0, t0):
    Pm = Pm @ (np.diag(fprime[ii]) @ U.T)
ok("(6.45) delta_{t,k} = prod_{i=k}^{t-1}(diag(f'(z_i))U^T) delta_{t,t}", Pm @ delta[(t0, t0)], delta[(t0, k0)])

# (6.46) heuristic: gamma^{t-k} delta_{t,t} is not an identity (only a norm-level heuristic)
gam = np.mean([np.linalg.norm(np.diag(fprime[ii]) @ U.T, 2) for ii in range(k0, t0)])
ok("(6.46) delta_{t,k} = gamma^{t-k} delta_{t,t}  [heuristic, expected to differ]",
   gam ** (t0 - k0) * delta[(t0, t0)], delta[(t0, k0)], tol=1e-3)
print("norm check: |delta_{t,k}| =", np.linalg.norm(delta[(t0, k0)]),
      " <= prod of spectral norms * |delta_{t,t}| =",
      np.prod([np.linalg.norm(np.diag(fprime[ii]) @ U.T, 2) for ii in range(k0, t0)]) * np.linalg.norm(delta[(t0, t0)]))
