# FD check for es_bootcamp_rnn_bptt.md (ergrato-dev/bc-aidev, Spanish RNN/BPTT notes).
# Forward (line 17/19): h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), y_t = W_hy h_t + b_y, column vectors.
# Loss: L = sum_t L_t, L_t = 0.5*||y_t - d_t||^2 (the notes' per-step losses Loss_0..Loss_3, line 50).
import numpy as np
rng = np.random.default_rng(0)
n, m, p, T = 4, 3, 2, 5
Whh = rng.normal(scale=0.6, size=(n, n)); Wxh = rng.normal(size=(n, m)); bh = rng.normal(size=n)
Why = rng.normal(size=(p, n)); by = rng.normal(size=p)
X = rng.normal(size=(T + 1, m)); D = rng.normal(size=(T + 1, p)); h0 = rng.normal(size=n)

def forward(Whh, Wxh, per_step=True):
    hs = [h0]; L = 0.0; Ls = []
    for t in range(1, T + 1):
        h = np.tanh(Whh @ hs[-1] + Wxh @ X[t] + bh); hs.append(h)
        y = Why @ h + by
        lt = 0.5 * np.sum((y - D[t]) ** 2); Ls.append(lt)
    return hs, (sum(Ls) if per_step else Ls[-1])

def fd(f, W, eps=1e-6):
    g = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        Wp = W.copy(); Wp[idx] += eps; Wm = W.copy(); Wm[idx] -= eps
        g[idx] = (f(Wp) - f(Wm)) / (2 * eps)
    return g

def ok(a, b): return np.allclose(a, b, rtol=1e-5, atol=1e-7)

hs, L = forward(Whh, Wxh)
J = lambda k: np.diag(1 - hs[k] ** 2) @ Whh          # dh_k/dh_{k-1} (numerator layout)
dLt_dht = lambda t: Why.T @ (Why @ hs[t] + by - D[t])  # dL_t/dh_t (column)

# line 75: |tanh'(x)| <= 1
xs = np.linspace(-10, 10, 10001)
print("line 75  |tanh'(x)|<=1 :", "PASS" if np.all(np.abs(1 - np.tanh(xs) ** 2) <= 1) else "FAIL")

# line 50, first equality dL/dW = sum_t dL_t/dW (total derivatives): check on W = W_hh
def Lt_total(Wh, t):
    hs_, _ = forward(Wh, Wxh); h = hs_[t]; y = Why @ h + by; return 0.5 * np.sum((y - D[t]) ** 2)
g_true = fd(lambda W: forward(W, Wxh)[1], Whh)
g_sum = sum(fd(lambda W, t=t: Lt_total(W, t), Whh) for t in range(1, T + 1))
print("line 50a dL/dW = sum_t dL_t/dW :", "PASS" if ok(g_true, g_sum) else "FAIL")

# line 50, second equality as written: sum_t dL_t/dh_t * prod_{k=1}^t dh_k/dh_{k-1} * dh_1/dW
# dh_1/dW (immediate, W = W_hh): d h_1[i] / d W[a,b] = (1-h_1[i]^2) * delta_{ia} * h_0[b]
def dh1_dW_apply(v):      # v: row vector over h_1 components -> gradient wrt W_hh
    return np.outer(v * (1 - hs[1] ** 2), h0)
def written(lower):
    G = np.zeros_like(Whh)
    for t in range(1, T + 1):
        v = dLt_dht(t)
        for k in range(t, lower - 1, -1):   # v^T J_t J_{t-1} ... J_lower
            v = J(k).T @ v
        G += dh1_dW_apply(v)
    return G
g_written = written(1)
print("line 50b as written (prod k=1..t, times dh_1/dW) vs FD :", "PASS" if ok(g_written, g_true) else "FAIL",
      " max|diff| = %.3e" % np.max(np.abs(g_written - g_true)))
g_idxfix = written(2)
print("   (index-fixed variant prod k=2..t still misses sum over k) :", "PASS" if ok(g_idxfix, g_true) else "FAIL")
# correct BPTT for reference
G = np.zeros_like(Whh); dh = np.zeros(n)
for t in range(T, 0, -1):
    dh = dh + dLt_dht(t); da = dh * (1 - hs[t] ** 2); G += np.outer(da, hs[t - 1]); dh = Whh.T @ da
print("   (reference BPTT sum_k dL/da_k h_{k-1}^T) :", "PASS" if ok(G, g_true) else "FAIL")

# line 63: dL/dh_t = dL/dh_T * prod_{k=t+1}^T dh_k/dh_{k-1}; dL/dh_t computed by FD on an additive perturbation of h_t
def L_from_ht(t, delta, per_step=True):
    hs_ = [h0]; Ls = []
    for s in range(1, T + 1):
        h = np.tanh(Whh @ hs_[-1] + Wxh @ X[s] + bh)
        if s == t: h = h + delta
        hs_.append(h); y = Why @ h + by; Ls.append(0.5 * np.sum((y - D[s]) ** 2))
    return sum(Ls) if per_step else Ls[-1]
for per_step in (True, False):
    t = 2
    g_fd_t = np.array([(L_from_ht(t, e, per_step) - L_from_ht(t, -e, per_step)) / 2e-6 for e in 1e-6 * np.eye(n)])
    g_fd_T = np.array([(L_from_ht(T, e, per_step) - L_from_ht(T, -e, per_step)) / 2e-6 for e in 1e-6 * np.eye(n)])
    v = g_fd_T.copy()
    for k in range(T, t, -1): v = J(k).T @ v
    lab = "L = sum_t L_t (notes' loss)" if per_step else "L = L_T only (many-to-one)"
    print("line 63  dL/dh_t = dL/dh_T prod J, %s :" % lab, "PASS" if ok(v, g_fd_t) else "FAIL")
