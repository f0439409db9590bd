# Finite-difference check of zh_rnn_bptt_index_notation.md.
# Source conventions: column vectors; z = U x + W h_prev + b, h = tanh(z), o = V h + c, yhat = softmax(o),
# L^(t) = -y^(t) . log yhat^(t), L = sum_t L^(t); time steps k = 0..T-1, h^(-1) = 0 (so the k=0 term exists).
# delta_k^(t) = dL^(t)/dh^(k) (column vector, total derivative of the single loss L^(t)).
import numpy as np

rng = np.random.default_rng(1)
nx, nh, ny, T = 3, 4, 5, 4
U = rng.normal(size=(nh, nx)); W = rng.normal(size=(nh, nh)) * 0.9; b = rng.normal(size=nh)
V = rng.normal(size=(ny, nh)); c = rng.normal(size=ny)
X = rng.normal(size=(T, nx)); Yi = rng.integers(0, ny, size=T); Y = np.eye(ny)[Yi]
eps = 1e-6
res = {}


def ok(name, a, bb, tol=1e-6):
    err = np.max(np.abs(np.asarray(a, float) - np.asarray(bb, float)))
    res[name] = err < tol
    print(f"{name:66s} {'AGREE' if err < tol else 'DISAGREE'}  (max abs diff {err:.2e})")


def softmax(o):
    e = np.exp(o - o.max()); return e / e.sum()


def forward(U=U, W=W, b=b, V=V, c=c):
    hs, yh = {-1: np.zeros(nh)}, {}
    for t in range(T):
        z = U @ X[t] + W @ hs[t - 1] + b           # lines 21 / 30
        hs[t] = np.tanh(z)                          # lines 22 / 31
        yh[t] = softmax(V @ hs[t] + c)              # lines 23-24 / 32-33
    return hs, yh


def Lt(t, **kw):
    hs, yh = forward(**kw)
    return -Y[t] @ np.log(yh[t])                    # line 38


def Ltot(**kw):
    return sum(Lt(t, **kw) for t in range(T))       # lines 43-45


def num_grad(f, P):
    G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        Pp = P.copy(); Pp[idx] += eps; Pm = P.copy(); Pm[idx] -= eps
        G[idx] = (f(Pp) - f(Pm)) / (2 * eps)
    return G


hs, yh = forward()
# (1) V
gV = num_grad(lambda P: Ltot(V=P), V)
ok("L56-61/67-68 dL^(t)/dV = (yhat-y) h^T, summed (L74-76)", gV, sum(np.outer(yh[t] - Y[t], hs[t]) for t in range(T)))
ok("L69 (yhat-y) (x) h = outer product", np.outer(yh[0] - Y[0], hs[0]), np.multiply.outer(yh[0] - Y[0], hs[0]))
# literal reading of rows 59-60: e^{(t)} does not depend on o_j, so d/do_j of -sum_j y_j (o_j - log sum_k e^{(t)}) = -y_j
t = 2
ok("L60 literal row (e^{(t)} without exponent o_k) -> -y_j h_i", num_grad(lambda P: Lt(t, V=P), V), np.outer(-Y[t], hs[t]))
# (2) c
gc = num_grad(lambda P: Ltot(c=P), c)
ok("L83/L89/L93 dL/dc = sum_t (yhat-y)", gc, sum(yh[t] - Y[t] for t in range(T)))

# delta_k^(t) numerically: dL^(t)/dh^(k)


def Lt_from_hk(t, k, hk):
    h = hk
    for s in range(k + 1, t + 1):
        h = np.tanh(U @ X[s] + W @ h + b)
    return -Y[t] @ np.log(softmax(V @ h + c))


def delta_num(t, k):
    return num_grad(lambda v: Lt_from_hk(t, k, v), hs[k])


t = 3
ok("L119/L123 delta_t^(t) = V^T (yhat - y)", delta_num(t, t), V.T @ (yh[t] - Y[t]))
k = 3
dk = delta_num(t, k)
d_index = np.array([sum(dk[j] * (1 - hs[k][j] ** 2) * W[j, i] for j in range(nh)) for i in range(nh)])
ok("L128-131 index form sum_j delta_kj (1-h_kj^2) W_ji", delta_num(t, k - 1), d_index)
ok("L132/L138 W^T delta (.) (1-h^(k)(.)h^(k)) as written [(W^T d)(.)g]", delta_num(t, k - 1), (W.T @ dk) * (1 - hs[k] ** 2))
ok("   (reference reading W^T (delta (.) (1-h^2)))", delta_num(t, k - 1), W.T @ (dk * (1 - hs[k] ** 2)))

# true deltas for all k<=t (recursion with the correct reading)
D = {}
for tt in range(T):
    D[tt] = {tt: V.T @ (yh[tt] - Y[tt])}
    for kk in range(tt, 0, -1):
        D[tt][kk - 1] = W.T @ (D[tt][kk] * (1 - hs[kk] ** 2))
# (3) W
gWt = num_grad(lambda P: Lt(3, W=P), W)
ok("L98-102/L109/L143 dL^(t)/dW = sum_k (delta (.) (1-h^2)) h_{k-1}^T", gWt,
   sum(np.outer(D[3][kk] * (1 - hs[kk] ** 2), hs[kk - 1]) for kk in range(0, 4)))
gW = num_grad(lambda P: Ltot(W=P), W)
ok("L147 dL/dW = sum_t sum_k ...", gW, sum(np.outer(D[tt][kk] * (1 - hs[kk] ** 2), hs[kk - 1]) for tt in range(T) for kk in range(tt + 1)))
# same total built with the as-written recursion (W^T d)(.)g
Dw = {}
for tt in range(T):
    Dw[tt] = {tt: V.T @ (yh[tt] - Y[tt])}
    for kk in range(tt, 0, -1):
        Dw[tt][kk - 1] = (W.T @ Dw[tt][kk]) * (1 - hs[kk] ** 2)
ok("   L147 fed with deltas from the as-written L138 recursion", gW, sum(np.outer(Dw[tt][kk] * (1 - hs[kk] ** 2), hs[kk - 1]) for tt in range(T) for kk in range(tt + 1)))
# L113 immediate partial dh_j^(k)/dW_ji = (1-h_j^2) h_i^(k-1)
kk = 2
hprev = hs[kk - 1]
imm = num_grad(lambda P: np.tanh(U @ X[kk] + P @ hprev + b)[1], W)   # j = 1
ok("L113 final value (1-h_j^2) h_i^(k-1) as immediate dh_j/dW_ji", imm[1], (1 - hs[kk][1] ** 2) * hprev)
imm_o = num_grad(lambda P: (V @ hs[kk] + c)[1], W)                   # o_j with h^(k) held fixed
print(f"{'   info L113: immediate do_j^(k)/dW_ji (h^(k) fixed) is identically 0:':66s} max |.| = {np.max(np.abs(imm_o)):.1e}")
# (4) U
gU = num_grad(lambda P: Ltot(U=P), U)
ok("L153/L157 dL/dU = sum_t sum_k (delta (.) (1-h^2)) x_k^T", gU, sum(np.outer(D[tt][kk] * (1 - hs[kk] ** 2), X[kk]) for tt in range(T) for kk in range(tt + 1)))
# (5) b
gb = num_grad(lambda P: Ltot(b=P), b)
ok("L165-166/L176 dL/db = sum_t sum_k delta (.) (1-h^2)", gb, sum(D[tt][kk] * (1 - hs[kk] ** 2) for tt in range(T) for kk in range(tt + 1)))
ok("L171 dL/db = sum_t delta_k^(t)(.)(1-h^(k)^2), no sum over k (k=t)", gb, sum(D[tt][tt] * (1 - hs[tt] ** 2) for tt in range(T)))
ok("L171 ... (k=0)", gb, sum(D[tt][0] * (1 - hs[0] ** 2) for tt in range(T)))

print()
print("rows that DISAGREE:", [kk for kk, v in res.items() if not v])
