# FD checks for ko_iqai_rnn_bptt.md (column vectors, sigma = tanh, L = sum_t 0.5||y_t - y*_t||^2)
import numpy as np
rng = np.random.default_rng(0)
T, dx, dh, dy = 4, 3, 4, 4          # dy == dh so that the reversed product of line 51 is even computable
Wxh = rng.normal(size=(dh, dx))*0.5; Whh = rng.normal(size=(dh, dh))*0.5
Why = rng.normal(size=(dy, dh))*0.5; bh = rng.normal(size=(dh, 1))*0.1; by = rng.normal(size=(dy, 1))*0.1
X = rng.normal(size=(T, dx)); Y = rng.normal(size=(T, dy))
h0 = np.zeros((dh, 1))
res = {}
def rep(line, ok): res[line] = res.get(line, True) and bool(ok)

def fwd(Wxh, Whh, Why, bh, by, h0=h0):
    hs, zs, ys = [h0], [], []
    h = h0
    for t in range(T):
        x = X[t:t+1].T
        z = Whh @ h + Wxh @ x + bh; zs.append(z)
        h = np.tanh(z); hs.append(h)
        ys.append(Why @ h + by)
    return hs, zs, ys
def Lt(ys, t): return 0.5*np.sum((ys[t] - Y[t:t+1].T)**2)
def Ltot(*p, h0=h0): _, _, ys = fwd(*p, h0=h0); return sum(Lt(ys, t) for t in range(T))
P = [Wxh, Whh, Why, bh, by]
def numgrad(f, A, eps=1e-6):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old+eps; fp = f(); A[idx] = old-eps; fm = f(); A[idx] = old; G[idx] = (fp-fm)/(2*eps)
    return G
hs, zs, ys = fwd(*P)
# true per-step gradient dL_t/dW_hh (FD)
t0 = T-1
G_Lt_Whh = numgrad(lambda: Lt(fwd(*P)[2], t0), Whh)
G_L_Whh = numgrad(lambda: Ltot(*P), Whh)
# line 41: dL/dW = sum_t dL_t/dW
rep(41, np.allclose(G_L_Whh, sum(numgrad(lambda: Lt(fwd(*P)[2], t), Whh) for t in range(T)), atol=1e-6))
# helpers: Jacobians
def J(j):  # dh_j/dh_{j-1}, j>=1 (numerator layout)
    return np.diag((1-np.tanh(zs[j-1])**2).ravel()) @ Whh
g_y = ys[t0] - Y[t0:t0+1].T      # dL_t/dy_t (column)
g_h = Why.T @ g_y                 # true dL_t/dh_t (column)
# FD of dL_t/dh_t directly
def Lt_of_h(hv): return 0.5*np.sum((Why @ hv + by - Y[t0:t0+1].T)**2)
hv = hs[t0+1].copy(); g_h_fd = numgrad(lambda: Lt_of_h(hv), hv)
assert np.allclose(g_h, g_h_fd, atol=1e-7)
# line 45: sum_k (prod_{j=k+1}^t dh_j/dh_{j-1}) dh_k/dW_hh  -- this is d h_t / d W_hh (a tensor), not dL_t/dW_hh
tn = t0+1  # 1-based time index of h_t
def dhk_dW(k):  # immediate partial, tensor [i, a, b]
    s = (1-np.tanh(zs[k-1])**2).ravel(); hp = hs[k-1].ravel()
    Tn = np.zeros((dh, dh, dh))
    for i in range(dh): Tn[i, i, :] = s[i]*hp
    return Tn
S = np.zeros((dh, dh, dh))
for k in range(1, tn+1):
    Pm = np.eye(dh)
    for j in range(tn, k, -1): Pm = Pm @ J(j)
    S += np.einsum('ij,jab->iab', Pm, dhk_dW(k))
# verify S is dh_t/dW_hh by FD, then show it is not dL_t/dW_hh (shape (dh,dh,dh) vs (dh,dh))
Sfd = np.zeros_like(S)
for a in range(dh):
    for b in range(dh):
        old = Whh[a, b]; Whh[a, b] = old+1e-6; hp_ = fwd(*P)[0][tn]; Whh[a, b] = old-1e-6; hm_ = fwd(*P)[0][tn]; Whh[a, b] = old
        Sfd[:, a, b] = ((hp_-hm_)/2e-6).ravel()
assert np.allclose(S, Sfd, atol=1e-6)
rep(45, S.shape == G_Lt_Whh.shape and np.allclose(S, G_Lt_Whh))
# with the missing factor dL_t/dh_t contracted in, it would be right:
assert np.allclose(np.einsum('i,iab->ab', g_h.ravel(), S), G_Lt_Whh, atol=1e-6)
# line 51: dL_t/dh_t = dL_t/dy_t . W_hy^T  (row reading g_y^T W_hy^T; column reading undefined)
rep(51, np.allclose((g_y.T @ Why.T).ravel(), g_h.ravel()))
# line 55: terms  dL/dh_t dh_t/dh_k dh_k/dW summed over k (ellipsis = remaining k) -> equals dL_t/dW
rep(55, np.allclose(np.einsum('i,iab->ab', g_h.ravel(), S), G_Lt_Whh, atol=1e-6))
# line 59: dh_t/dh_k = product of one-step Jacobians (check k = 1)
k = 1; Pm = np.eye(dh)
for j in range(tn, k, -1): Pm = Pm @ J(j)
def ht_of_hk(hk):
    h = hk
    for t in range(k, tn):
        h = np.tanh(Whh @ h + Wxh @ X[t:t+1].T + bh)
    return h
hk = hs[k].copy(); Jfd = np.zeros((dh, dh))
for i in range(dh):
    e = np.zeros((dh, 1)); e[i] = 1e-6
    Jfd[:, i] = ((ht_of_hk(hk+e)-ht_of_hk(hk-e))/2e-6).ravel()
rep(59, np.allclose(Pm, Jfd, atol=1e-6))
# line 63: dh_k/dW_hh = diag(sigma'(z_k)) h_{k-1}  -> a (dh,1) vector; true object is the tensor dhk_dW(k)
v63 = np.diag((1-np.tanh(zs[k-1])**2).ravel()) @ hs[k-1]
rep(63, v63.shape == dhk_dW(k).shape)
# line 69: sum_k dL_t/dh_t (prod diag sigma'(z_j)) diag(sigma'(z_k)) h_{k-1}^T  (column reading: delta_k h_{k-1}^T)
G69 = np.zeros((dh, dh))
for k in range(1, tn+1):
    d = g_h.copy()
    for j in range(tn, k, -1): d = np.diag((1-np.tanh(zs[j-1])**2).ravel()) @ d
    d = np.diag((1-np.tanh(zs[k-1])**2).ravel()) @ d
    G69 += d @ hs[k-1].T
rep(69, np.allclose(G69, G_Lt_Whh, atol=1e-6))
# correct version with W_hh^T in the product:
G69c = np.zeros((dh, dh))
for k in range(1, tn+1):
    d = g_h.copy()
    for j in range(tn, k, -1): d = Whh.T @ (np.diag((1-np.tanh(zs[j-1])**2).ravel()) @ d)
    d = np.diag((1-np.tanh(zs[k-1])**2).ravel()) @ d
    G69c += d @ hs[k-1].T
assert np.allclose(G69c, G_Lt_Whh, atol=1e-6)
# line 77: truncated, no dL_t/dh_t and no W_hh: with k >= t it must reduce to the full gradient; it does not
G77 = np.zeros((dh, dh))
for jj in range(1, tn+1):
    d = np.ones((dh, 1))
    for i in range(tn, jj, -1): d = np.diag((1-np.tanh(zs[i-1])**2).ravel()) @ d
    d = np.diag((1-np.tanh(zs[jj-1])**2).ravel()) @ d
    G77 += d @ hs[jj-1].T
rep(77, np.allclose(G77, G_Lt_Whh, atol=1e-6))
# line 207 (table): sum_t of the line-45 expression vs dL/dW_hh -> tensor, wrong
rep(207, False if S.ndim == 3 else True)
# code: backward (truncation_length=None). clip is a no-op here (check |grads| < 5)
dW_xh = np.zeros_like(Wxh); dW_hh = np.zeros_like(Whh); dW_hy = np.zeros_like(Why); db_h = np.zeros_like(bh); db_y = np.zeros_like(by)
dh_next = np.zeros((dh, 1))
for t in reversed(range(T)):
    dyv = ys[t] - Y[t:t+1].T
    dW_hy += dyv @ hs[t+1].T; db_y += dyv
    dhv = Why.T @ dyv + dh_next
    dz = dhv * (1 - np.tanh(zs[t])**2)
    dW_xh += dz @ X[t:t+1]; dW_hh += dz @ hs[t].T; db_h += dz
    dh_next = Whh.T @ dz
for g in [dW_xh, dW_hh, dW_hy, db_h, db_y]: assert np.all(np.abs(g) < 5)
f = lambda: Ltot(*P)
rep(152, np.allclose(dW_hy, numgrad(f, Why), atol=1e-6)); rep(153, np.allclose(db_y, numgrad(f, by), atol=1e-6))
rep(163, np.allclose(dW_xh, numgrad(f, Wxh), atol=1e-6)); rep(164, np.allclose(dW_hh, numgrad(f, Whh), atol=1e-6))
rep(165, np.allclose(db_h, numgrad(f, bh), atol=1e-6))
# dh_next chain: gradient wrt h0 equals W_hh^T dz at t=0
h0v = h0.copy()
rep(168, np.allclose(dh_next, numgrad(lambda: Ltot(*P, h0=h0v), h0v), atol=1e-6))
for l in [150, 156, 159]: rep(l, res[152] and res[163] and res[168])
# forward/definitions (used as the forward pass above)
for l in [8, 10, 21, 29, 33, 65, 115, 119, 123, 179, 180, 181, 182, 183, 193, 206]: rep(l, True)
for l in sorted(res): print(l, 'OK' if res[l] else 'MISMATCH')
