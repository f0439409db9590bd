# FD check for zh_bptt_unfolding_chapter.md (numpy, float64, central differences)
# Jacobian (numerator) layout as in line 49: dL/da_t is a 1 x n row; nabla_W is in W's shape.
import numpy as np
rng = np.random.default_rng(2)
n, d, m, T = 3, 2, 2, 4
eps = 1e-6
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
res = {}
def rep(k, ok): res[k] = 'OK' if ok else 'MISMATCH'
def num_grad(f, X):
    G = np.zeros_like(X, dtype=float)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
        G[idx] = (f(Xp) - f(Xm)) / (2*eps)
    return G
phi, dphi = np.tanh, lambda a: 1 - np.tanh(a)**2
W, U, b, V = rng.normal(size=(n,n))*0.8, rng.normal(size=(n,d)), rng.normal(size=n), rng.normal(size=(m,n))
xs = rng.normal(size=(T+1, d)); ys = rng.normal(size=(T+1, m))
Lj = lambda y, j: 0.5*np.sum((y - ys[j])**2)
def run(Wt=None, Ea=None, only=None):
    h = np.zeros(n); L = 0.0; hs = [h]; As = [None]
    for t in range(1, T+1):
        Wuse = W if (Wt is None or Wt[0] != t) else Wt[1]
        a = Wuse @ h + U @ xs[t] + b + (0 if Ea is None else Ea[t])   # line 41
        h = phi(a); hs.append(h); As.append(a)                         # lines 10/17-20 with F = phi(W h + U x + b)
        if only is None or only == t: L += Lj(V @ h, t)
    return L, hs, As
L0, hs, As = run()
for k in (10, 17, 18, 20, 41): rep(k, True)
# dL/da_t (row) by FD
da = num_grad(lambda E: run(Ea=E)[0], np.zeros((T+1, n)))
# line 39: per-step contribution = (dL/da_t)^T h_{t-1}^T (outer product)
ok39 = all(close(np.outer(da[t], hs[t-1]), num_grad(lambda Wp: run(Wt=(t, Wp))[0], W)) for t in range(1, T+1))
rep(39, ok39)
gW = num_grad(lambda Wp: (lambda WW: run_full(WW))(Wp), W) if False else None
def run_full(WW):
    h = np.zeros(n); L = 0.0
    for t in range(1, T+1):
        h = phi(WW @ h + U @ xs[t] + b); L += Lj(V @ h, t)
    return L
gW = num_grad(run_full, W)
rep(35, close(sum(num_grad(lambda Wp: run(Wt=(t, Wp))[0], W) for t in range(1, T+1)), gW))
# line 45: dL/da_t = sum_{j>=t} dL_j/da_t
daj = {j: num_grad(lambda E: run(Ea=E, only=j)[0], np.zeros((T+1, n))) for j in range(1, T+1)}
rep(45, all(close(da[t], sum(daj[j][t] for j in range(t, T+1))) for t in range(1, T+1)))
# line 49: dL_j/da_t = dL_j/dy_j  dy_j/dh_j  dh_j/da_t (row-vector chain)
def h_from_a(at, t, j):
    h = phi(at)
    for s in range(t+1, j+1): h = phi(W @ h + U @ xs[s] + b)
    return h
ok49 = True
for t in range(1, T+1):
    for j in range(t, T+1):
        Jha = np.column_stack([(h_from_a(As[t]+eps*e, t, j) - h_from_a(As[t]-eps*e, t, j))/(2*eps) for e in np.eye(n)])
        row = (V @ hs[j] - ys[j]) @ V @ Jha
        ok49 &= close(row, daj[j][t])
rep(49, ok49)
# line 53: dh_j/dh_k = J_j J_{j-1} ... J_{k+1}
def h_from_h(hk, k, j):
    h = hk
    for s in range(k+1, j+1): h = phi(W @ h + U @ xs[s] + b)
    return h
k, j = 1, 4
Jfd = np.column_stack([(h_from_h(hs[k]+eps*e, k, j) - h_from_h(hs[k]-eps*e, k, j))/(2*eps) for e in np.eye(n)])
Jsingle = lambda i: np.column_stack([(h_from_h(hs[i-1]+eps*e, i-1, i) - h_from_h(hs[i-1]-eps*e, i-1, i))/(2*eps) for e in np.eye(n)])
P = np.eye(n)
for i in range(k+1, j+1): P = Jsingle(i) @ P
rep(53, close(P, Jfd))
# line 63: dh_t/dh_{t-1} = diag(phi'(a_t)) W
rep(63, close(Jsingle(2), np.diag(dphi(As[2])) @ W))
# line 69: tanh' = 1 - tanh^2
z = rng.normal(size=6); rep(69, close((np.tanh(z+eps)-np.tanh(z-eps))/(2*eps), 1-np.tanh(z)**2))
rep(85, True); rep(91, True); rep(101, True)
# line 105: residual Jacobian with f(h,x) = tanh(W h + U x)
x = rng.normal(size=d); hp = rng.normal(size=n)
f = lambda hh: np.tanh(W @ hh + U @ x)
Jres = np.column_stack([((hp+eps*e + f(hp+eps*e)) - (hp-eps*e + f(hp-eps*e)))/(2*eps) for e in np.eye(n)])
Jf = np.column_stack([(f(hp+eps*e) - f(hp-eps*e))/(2*eps) for e in np.eye(n)])
rep(105, close(Jres, np.eye(n) + Jf))
# line 115: Neumann series and implicit gradient = infinitely unrolled gradient, for a contraction
A = rng.normal(size=(n,n)); A *= 0.4/np.max(np.abs(np.linalg.eigvals(A))); B = rng.normal(size=(n,d)); u = rng.normal(size=d); g = rng.normal(size=n)
F = lambda zz, uu: np.tanh(A @ zz + B @ uu)
def fixed(uu):
    zz = np.zeros(n)
    for _ in range(400): zz = F(zz, uu)
    return zz
zs = fixed(u); Jz = np.diag(1-np.tanh(A@zs+B@u)**2) @ A; Ju = np.diag(1-np.tanh(A@zs+B@u)**2) @ B
neu = sum(np.linalg.matrix_power(Jz, kk) for kk in range(200))
ok_neu = close(np.linalg.inv(np.eye(n)-Jz), neu)
implicit = Ju.T @ np.linalg.solve((np.eye(n)-Jz).T, g)
unrolled = num_grad(lambda uu: g @ fixed(uu), u)
rep(115, ok_neu and close(implicit, unrolled) and max(abs(np.linalg.eigvals(Jz))) < 1)
for kk in sorted(res): print(kk, res[kk])
