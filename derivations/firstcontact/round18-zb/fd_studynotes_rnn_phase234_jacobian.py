# FD check for studynotes_rnn_phase234_jacobian.md
# h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), yhat_t = softmax(W_hy h_t + b_y), L = sum_t CE; column vectors
import numpy as np
rng = np.random.default_rng(2)
H, D, K, T = 4, 3, 3, 4
Whh = rng.normal(size=(H, H)) * .6; Wxh = rng.normal(size=(H, D)) * .6; bh = rng.normal(size=H) * .3
Why = rng.normal(size=(K, H)) * .6; by = rng.normal(size=K) * .3
X = rng.normal(size=(T, D)); Y = np.eye(K)[rng.integers(0, K, T)]
sm = lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()

def fwd(Whh=Whh, Why=Why):
    h = np.zeros(H); hs = [h]; zs = [None]; ys = [None]; L = 0
    for t in range(1, T + 1):
        z = Whh @ h + Wxh @ X[t - 1] + bh; h = np.tanh(z); yh = sm(Why @ h + by)
        L -= Y[t - 1] @ np.log(yh); hs.append(h); zs.append(z); ys.append(yh)
    return L, hs, zs, ys

L, hs, zs, ys = fwd()
def fdm(f, M, eps=1e-6):
    g = np.zeros_like(M)
    for i in np.ndindex(M.shape):
        Mp = M.copy(); Mm = M.copy(); Mp[i] += eps; Mm[i] -= eps; g[i] = (f(Mp) - f(Mm)) / (2 * eps)
    return g

# line 64
gWhy = fdm(lambda M: fwd(Why=M)[0], Why)
print('line64 dW_hy err', np.abs(sum(np.outer(ys[t] - Y[t - 1], hs[t]) for t in range(1, T + 1)) - gWhy).max())

# numerator-layout one-step Jacobian by FD, compare with line 88
def step(hprev, j): return np.tanh(Whh @ hprev + Wxh @ X[j - 1] + bh)
j = 3
Jfd = np.column_stack([(step(hs[j - 1] + e, j) - step(hs[j - 1] - e, j)) / 2e-6 for e in np.eye(H) * 1e-6])
D_ = np.diag(1 - np.tanh(zs[j]) ** 2)
A88 = D_ @ Whh.T
print('line88 diag(.) W^T vs J err', np.abs(A88 - Jfd).max(), '; vs J^T err', np.abs(A88 - Jfd.T).max(),
      '; correct diag(.) W vs J err', np.abs(D_ @ Whh - Jfd).max())

# line 94: product over j=k+1..t, k=1, t=4
def h_from(hk, k, t):
    h = hk
    for jj in range(k + 1, t + 1): h = step(h, jj)
    return h
k, t = 1, 4
Jkt = np.column_stack([(h_from(hs[k] + e, k, t) - h_from(hs[k] - e, k, t)) / 2e-6 for e in np.eye(H) * 1e-6])
Dj = {jj: np.diag(1 - np.tanh(zs[jj]) ** 2) for jj in range(1, T + 1)}
P_desc = np.eye(H); P_asc = np.eye(H)
for jj in range(k + 1, t + 1):
    P_asc = P_asc @ (Dj[jj] @ Whh.T)          # ordered j = k+1 ... t left to right
    P_desc = (Dj[jj] @ Whh.T) @ P_desc        # ordered j = t ... k+1 left to right
Ptrue = np.eye(H)
for jj in range(k + 1, t + 1): Ptrue = (Dj[jj] @ Whh) @ Ptrue
print('line94 product of diag W^T (either order) vs J, J^T:', np.abs(P_asc - Jkt).max(), np.abs(P_desc - Jkt).max(), np.abs(P_asc - Jkt.T).max(), np.abs(P_desc - Jkt.T).max(),
      '; correct prod diag W err', np.abs(Ptrue - Jkt).max())

# lines 69/73/77 with numerator-layout Jacobians: row gradient dL_t/dh_t, J products, immediate dh_k/dW_hh
gWhh = fdm(lambda M: fwd(Whh=M)[0], Whh)
G = np.zeros((H, H))
for tt in range(1, T + 1):
    g_row = Why.T @ (ys[tt] - Y[tt - 1])      # dL_t/dh_t (direct, as a vector)
    for kk in range(1, tt + 1):
        P = np.eye(H)
        for jj in range(kk + 1, tt + 1): P = (Dj[jj] @ Whh) @ P   # dh_t/dh_k
        v = P.T @ g_row                         # dL_t/dh_k
        G += np.outer(Dj[kk] @ v, hs[kk - 1])  # immediate dh_k/dW_hh contracted
print('lines69/73/77 double-sum chain (numerator Jacobians) vs FD dW_hh err', np.abs(G - gWhh).max())
