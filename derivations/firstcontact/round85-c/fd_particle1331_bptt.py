# Finite-difference check of particle1331 "Backprop Through Time (BPTT)" (ok-transformer).
# Row-vector batch layout: H_t = f(X_t U + H_{t-1} W + b), Y_t = H_t V + c, H_0 = 0.
# Loss as in the notebook: cross-entropy averaged over (T, B). numpy only.
import numpy as np
rng = np.random.default_rng(0)
T, B, d, h, q = 4, 3, 5, 4, 6
X = rng.normal(size=(T, B, d))
O = rng.integers(0, q, size=(T, B))
U = rng.normal(size=(d, h)) * .5; W = rng.normal(size=(h, h)) * .5
b = rng.normal(size=(h,)) * .1; V = rng.normal(size=(h, q)) * .5; c = rng.normal(size=(q,)) * .1

def forward(U, W, b, V, c, X, f=np.tanh, Hoff=None):
    Hs, Zs, Ys = [], [], []
    Hp = np.zeros((B, h))
    for t in range(T):
        Z = X[t] @ U + Hp @ W + b
        Hn = f(Z)
        if Hoff is not None and Hoff[0] == t: Hn = Hn + Hoff[1]
        Hs.append(Hn); Zs.append(Z); Ys.append(Hn @ V + c); Hp = Hn
    return np.array(Hs), np.array(Zs), np.array(Ys)

def loss_from_Y(Y):
    m = Y.max(-1, keepdims=True); lse = np.log(np.exp(Y - m).sum(-1)) + m[..., 0]
    return np.mean(lse - np.take_along_axis(Y, O[..., None], -1)[..., 0])

def dY_of(Y):
    P = np.exp(Y - Y.max(-1, keepdims=True)); P /= P.sum(-1, keepdims=True)
    G = P.copy(); np.put_along_axis(G, O[..., None], np.take_along_axis(G, O[..., None], -1) - 1, -1)
    return G / (T * B)

def L(U=U, W=W, b=b, V=V, c=c, X=X, f=np.tanh, Hoff=None):
    return loss_from_Y(forward(U, W, b, V, c, X, f, Hoff)[2])

def fd(fun, A, eps=1e-6):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Ap[idx] += eps; Am = A.copy(); Am[idx] -= eps
        G[idx] = (fun(Ap) - fun(Am)) / (2 * eps)
    return G

def report(name, a, bb):
    ok = np.allclose(a, bb, rtol=1e-5, atol=1e-8)
    print(f"{name:<55s} {'AGREE' if ok else 'DIFFER'}  maxdiff={np.abs(a-bb).max():.2e}")

H, Z, Y = forward(U, W, b, V, c, X)
dY = dY_of(Y)
report("L26-28 forward / dL/dY_t (loss grad used as input)", dY, fd(lambda Yp: loss_from_Y(Yp), Y))
fp = 1 - H ** 2  # f'(Z_t) for tanh

# L47: dL/dH_t = dL/dY_t V^T + (dL/dH_{t+1} o f'(Z_{t+1})) W^T
dH = [None] * T
dH[T-1] = dY[T-1] @ V.T
for t in range(T-2, -1, -1):
    dH[t] = dY[t] @ V.T + (dH[t+1] * fp[t+1]) @ W.T
dH = np.array(dH)
dH_fd = np.array([fd(lambda e: L(Hoff=(t, e)), np.zeros((B, h))) for t in range(T)])
report("L47 dL/dH_t recursion (total dL/dH_t)", dH, dH_fd)
report("L37 dL/dV = sum_t H_t^T dL/dY_t", sum(H[t].T @ dY[t] for t in range(T)), fd(lambda A: L(V=A), V))
report("L38 dL/dc = sum_t 1^T dL/dY_t", sum(np.ones(B) @ dY[t] for t in range(T)), fd(lambda A: L(c=A), c))
Hprev = np.concatenate([np.zeros((1, B, h)), H[:-1]])
report("L127 dL/dU = sum X_t^T (dL/dH_t o f'(Z_t))", sum(X[t].T @ (dH[t]*fp[t]) for t in range(T)), fd(lambda A: L(U=A), U))
report("L142 dL/dW = sum H_{t-1}^T (dL/dH_t o f'(Z_t))", sum(Hprev[t].T @ (dH[t]*fp[t]) for t in range(T)), fd(lambda A: L(W=A), W))
report("L154 dL/db = sum 1^T (dL/dH_t o f'(Z_t))", sum(np.ones(B) @ (dH[t]*fp[t]) for t in range(T)), fd(lambda A: L(b=A), b))
report("L174 dL/dX_t = (dL/dH_t o f'(Z_t)) U^T", np.array([(dH[t]*fp[t]) @ U.T for t in range(T)]), fd(lambda A: L(X=A), X))

# L77-L100 (f = Id): a_t = b_t + a_{t+1} c,  closed form sum_k b_{t+k} c^k
ident = lambda z: z
Hi, Zi, Yi = forward(U, W, b, V, c, X, f=ident)
dYi = dY_of(Yi)
bt = np.array([dYi[t] @ V.T for t in range(T)]); cc = W.T
a = [None] * (T + 1); a[T] = np.zeros((B, h))
for t in range(T-1, -1, -1): a[t] = bt[t] + a[t+1] @ cc           # L87 (a_{T+1}=0, a_T=b_T, L83)
closed = np.array([sum(bt[t+k] @ np.linalg.matrix_power(cc, k) for k in range(T-t)) for t in range(T)])
a_fd = np.array([fd(lambda e: L(f=ident, Hoff=(t, e)), np.zeros((B, h))) for t in range(T)])
report("L83/L87 recursion a_t = b_t + a_{t+1} c (f=Id)", np.array(a[:T]), a_fd)
# L88-L90 expansions (check the 3-step expansion at t=0)
t = 0
report("L90 a_t = b_t + b_{t+1}c + b_{t+2}c^2 + a_{t+3}c^3", bt[t] + bt[t+1]@cc + bt[t+2]@cc@cc + a[t+3]@cc@cc@cc, a_fd[t])
report("L92/L100 boxed closed form sum_k dL/dY_{t+k} V^T (W^T)^k", closed, a_fd)

# code cells L235-L248 (same formulas, torch code transcribed to numpy)
J = 1 - H * H
dZ = dH * J
dc = dY.sum((0, 1)); dVt = np.einsum('tbh,tbv->hv', H, dY)
dU = np.einsum('tbv,tbh->vh', X, dH * J); db = np.einsum('tbh->h', dH * J)
dX = np.einsum('tbh,vh->tbv', dH * J, U)
dW = sum([H[t-1].T @ (dH * J)[t] for t in range(1, T)])
report("L217 J = 1 - H*H equals tanh'(Z)", J, 1 - np.tanh(Z) ** 2)
report("L243 dc (code)", dc, fd(lambda A: L(c=A), c))
report("L244 dV (code)", dVt, fd(lambda A: L(V=A), V))
report("L245 dU (code)", dU, fd(lambda A: L(U=A), U))
report("L246 db (code)", db, fd(lambda A: L(b=A), b))
report("L247 dX (code)", dX, fd(lambda A: L(X=A), X))
report("L248 dW (code, t from 1 since H_0 = 0)", dW, fd(lambda A: L(W=A), W))
