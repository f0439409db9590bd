# FD check for en_bptt_principles_mechanisms_chapter.md (numpy, float64, central differences)
import numpy as np
rng = np.random.default_rng(1)
n, d, T = 3, 2, 4
eps = 1e-6
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
res = {}
def rep(k, ok): res[k] = 'OK' if ok else 'MISMATCH'
def num_grad(f, X):
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
        G[idx] = (f(Xp) - f(Xm)) / (2*eps)
    return G
phi, dphi = np.tanh, lambda a: 1 - np.tanh(a)**2
W, U, b = rng.normal(size=(n,n))*0.8, rng.normal(size=(n,d)), rng.normal(size=n)
xs = rng.normal(size=(T+1, d)); G = rng.normal(size=(T+1, n))
ell = lambda h, t: np.sum(G[t]*h) + 0.5*np.sum(h**3)      # nonlinear per-step loss
dell = lambda h, t: G[t] + 1.5*h**2
def run(W_=W, U_=U, b_=b, E=None, only_T=False):
    h = np.zeros(n); hs = [h]; As = [None]; L = 0.0
    for t in range(1, T+1):
        a = W_ @ h + U_ @ xs[t] + b_            # line 12
        h = phi(a)                               # line 13
        if E is not None: h = h + E[t]
        hs.append(h); As.append(a)
        if (not only_T) or t == T: L += ell(h, t)   # line 17
    return L, hs, As
L0, hs, As = run()
rep(12, True); rep(13, True); rep(17, True)
# total dh_t by FD (additive perturbation of h_t)
E0 = np.zeros((T+1, n))
dh_fd = num_grad(lambda E: run(E=E)[0], E0)
# line 32 recursion (and 30, 33)
dh = [None]*(T+1); dh[T] = dell(hs[T], T)
for t in range(T-1, 0, -1):
    dh[t] = dell(hs[t], t) + W.T @ np.diag(dphi(As[t+1])) @ dh[t+1]
rep(33, close(dh[T], dh_fd[T]))
rep(32, all(close(dh[t], dh_fd[t]) for t in range(1, T)))
# line 30: Jacobian form, with FD Jacobian dh_{t+1}/dh_t
def h_next(hprev, t): return phi(W @ hprev + U @ xs[t] + b)
ok30 = True
for t in range(1, T):
    J = np.column_stack([(h_next(hs[t]+eps*e, t+1) - h_next(hs[t]-eps*e, t+1))/(2*eps) for e in np.eye(n)])
    ok30 &= close(dell(hs[t], t) + J.T @ dh_fd[t+1], dh_fd[t])
rep(30, ok30)
# line 41: dh_j/dh_{j-1} = diag(phi'(a_j)) W
J2 = np.column_stack([(h_next(hs[1]+eps*e, 2) - h_next(hs[1]-eps*e, 2))/(2*eps) for e in np.eye(n)])
rep(41, close(J2, np.diag(dphi(As[2])) @ W))
# line 26: dL/da_t = diag(phi'(a_t)) dL/dh_t (total) ; FD: perturb a_t additively
def run_a(Ea):
    h = np.zeros(n); L = 0.0
    for t in range(1, T+1):
        a = W @ h + U @ xs[t] + b + Ea[t]; h = phi(a); L += ell(h, t)
    return L
da_fd = num_grad(run_a, np.zeros((T+1, n)))
rep(26, all(close(np.diag(dphi(As[t])) @ dh_fd[t], da_fd[t]) for t in range(1, T+1)))
# lines 22/24/28: dL/dW = sum_t (dL/da_t) h_{t-1}^T
gW = num_grad(lambda Wp: run(W_=Wp)[0], W)
contrib = [np.outer(da_fd[t], hs[t-1]) for t in range(1, T+1)]
# per-step contribution (line 24): FD with W only in step t
def run_Wt(Wp, tt):
    h = np.zeros(n); L = 0.0
    for t in range(1, T+1):
        a = (Wp if t == tt else W) @ h + U @ xs[t] + b; h = phi(a); L += ell(h, t)
    return L
rep(24, all(close(contrib[t-1], num_grad(lambda Wp: run_Wt(Wp, t), W)) for t in range(1, T+1)))
rep(22, close(sum(num_grad(lambda Wp: run_Wt(Wp, t), W) for t in range(1, T+1)), gW))
rep(28, close(sum(np.outer(np.diag(dphi(As[t])) @ dh[t], hs[t-1]) for t in range(1, T+1)), gW))
# line 40: gradient of the final-step loss l(h_T) w.r.t. h_k via product of Jacobians (descending order J_T ... J_{k+1})
k = 1
def LT_from_hk(hk):
    h = hk
    for t in range(k+1, T+1): h = h_next(h, t)
    return ell(h, T)
g_fd = num_grad(LT_from_hk, hs[k])
P = np.eye(n)
for j in range(k+1, T+1): P = np.diag(dphi(As[j])) @ W @ P     # = J_T ... J_{k+1}
rep(40, close(P.T @ dell(hs[T], T), g_fd))
Pasc = np.eye(n)
for j in range(k+1, T+1): Pasc = Pasc @ (np.diag(dphi(As[j])) @ W)   # ascending order J_{k+1}...J_T
print('40 (if the product is read in ascending order):', 'OK' if close(Pasc.T @ dell(hs[T], T), g_fd) else 'MISMATCH')
# line 58/60: residual RNN Jacobian
hp = rng.normal(size=n); x = rng.normal(size=d)
res_step = lambda hh: hh + phi(W @ hh + U @ x)
Jr = np.column_stack([(res_step(hp+eps*e) - res_step(hp-eps*e))/(2*eps) for e in np.eye(n)])
rep(58, True); rep(60, close(Jr, np.eye(n) + np.diag(dphi(W @ hp + U @ x)) @ W))
# line 74/76: GRU; candidate h~ = tanh(W_h (r*h) + U_h x + b_h) (assumed, not defined in the text)
sig = lambda a: 1/(1+np.exp(-a))
Wz, Uz, Wr, Ur, Wh, Uh = [rng.normal(size=s) for s in [(n,n),(n,d),(n,n),(n,d),(n,n),(n,d)]]
def gru(Wh_=Wh, E=None):
    h = np.zeros(n); L = 0.0; cache = []
    for t in range(1, T+1):
        z = sig(Wz @ h + Uz @ xs[t]); r = sig(Wr @ h + Ur @ xs[t])
        ht = np.tanh(Wh_ @ (r*h) + Uh @ xs[t])
        hn = (1 - z)*h + z*ht                      # line 74
        cache.append((z, r, ht, h))
        h = hn if E is None else hn + E[t]
        L += ell(h, t)
    return L, cache
Lg, cache = gru()
dhg = num_grad(lambda E: gru(E=E)[0], np.zeros((T+1, n)))
gWh = num_grad(lambda Wp: gru(Wh_=Wp)[0], Wh)
formula = sum(np.outer(dhg[t]*cache[t-1][0]*(1 - cache[t-1][2]**2), cache[t-1][1]*cache[t-1][3]) for t in range(1, T+1))
rep(74, True); rep(76, close(formula, gWh)); rep(78, True)
for kk in sorted(res): print(kk, res[kk])
