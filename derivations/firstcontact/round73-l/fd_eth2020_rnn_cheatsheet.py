# Finite-difference check of eth2020_rnn_cheatsheet.tex (AndreasOpedal/Deep-Learning-ETH-Summary, Simple RNNs).
# Model of the sheet: h^t = sigma(W h^{t-1} + U x^t + b), y^t = sigma(V h^t + c), sigma = logistic.
# Column vectors, gradients as column vectors.
import numpy as np
rng = np.random.default_rng(1)
n, m, s = 3, 3, 5           # hidden, input (= output dim so that J_H . grad_y is defined as written)
sig = lambda a: 1 / (1 + np.exp(-a)); dsig = lambda a: sig(a) * (1 - sig(a))
W = rng.normal(size=(n, n)); U = rng.normal(size=(n, m)) * 3.0; b = rng.normal(size=n)
V = rng.normal(size=(m, n)); c = rng.normal(size=m)
X = [None] + [rng.normal(size=m) for _ in range(s)]
D = [None] + [rng.uniform(size=m) for _ in range(s)]
h0 = np.zeros(n)

def fwd(W=W, U=U, X=X, h0=h0):
    h = [h0]; y = [None]; A = [None]
    for t in range(1, s + 1):
        a = W @ h[t - 1] + U @ X[t] + b
        A.append(a); h.append(sig(a)); y.append(sig(V @ h[t] + c))
    return h, y, A

def R_all(W=W, U=U, X=X):      # R = sum_t 0.5||y^t - d^t||^2
    h, y, A = fwd(W, U, X)
    return sum(0.5 * np.sum((y[t] - D[t]) ** 2) for t in range(1, s + 1))

def num_grad(f, M, eps=1e-6):
    G = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        P = M.copy(); P[idx] += eps; Q = M.copy(); Q[idx] -= eps
        G[idx] = (f(P) - f(Q)) / (2 * eps)
    return G

def report(name, a, b_):
    ok = np.allclose(a, b_, atol=1e-6, rtol=1e-5)
    print(f"{name:72s} {'AGREE' if ok else 'DISAGREE'}   max|diff|={np.max(np.abs(np.asarray(a) - np.asarray(b_))):.2e}")

h, y, A = fwd()
# total dR/dh^t (backprop, column vectors)
dh = [None] * (s + 2); carry = np.zeros(n)
for t in range(s, 0, -1):
    dh[t] = V.T @ (dsig(V @ h[t] + c) * (y[t] - D[t])) + carry
    carry = W.T @ (dsig(A[t]) * dh[t])
sd = [None] + [dsig(A[t]) for t in range(1, s + 1)]     # sigma-dot_i^t of line 12

# lines 13, 14
gW = sum(np.outer(dh[t] * sd[t], h[t - 1]) for t in range(1, s + 1))
gU = sum(np.outer(dh[t] * sd[t], X[t]) for t in range(1, s + 1))
report("line 13  dR/dw_ij = sum_t dR/dh_i^t sigma'_i^t h_j^{t-1}", gW, num_grad(lambda M: R_all(W=M), W))
report("line 14  dR/du_ik = sum_t dR/dh_i^t sigma'_i^t x_k^t", gU, num_grad(lambda M: R_all(U=M), U))

# line 16: dL/dtheta = sum_t dL_t/dyhat_t dyhat_t/dh_t sum_i (prod_{j=t}^{i+1} dh_j/da_j da_j/dh_{j-1}) dh_i/da_i da_i/dtheta
# with a_t = W h_{t-1} + U x_t + Q y_{t-1} + b (teacher forcing, y_{t-1} ground truth), theta = W
Q = rng.normal(size=(n, m))
Yg = [np.zeros(m)] + D[1:]
def fwd_tf(W):
    hh = [h0]; AA = [None]; yh = [None]
    for t in range(1, s + 1):
        a = W @ hh[t - 1] + U @ X[t] + Q @ Yg[t - 1] + b
        AA.append(a); hh.append(sig(a)); yh.append(sig(V @ hh[t] + c))
    return hh, AA, yh
def L_tf(W):
    hh, AA, yh = fwd_tf(W)
    return sum(0.5 * np.sum((yh[t] - D[t]) ** 2) for t in range(1, s + 1))
hh, AA, yh = fwd_tf(W)
G = np.zeros((n, n))
for t in range(1, s + 1):
    row = ((yh[t] - D[t]) * dsig(V @ hh[t] + c)) @ V            # dL_t/dyhat_t dyhat_t/dh_t (row)
    for i in range(1, t + 1):                                   # i = 0 term: h_0 is fixed, contributes nothing
        P = np.eye(n)
        for j in range(t, i, -1):                               # j = t .. i+1
            P = P @ (np.diag(dsig(AA[j])) @ W)
        r = row @ P @ np.diag(dsig(AA[i]))                      # dh_i/da_i
        G += np.outer(r, hh[i - 1])                             # da_i/dW contracted
report("line 16  dL/dtheta (theta = W) with teacher-forced a_t", G, num_grad(L_tf, W))

# lines 18/19: R = loss of the last output only, y = y^s
def R_last(X_=X):
    h_, y_, A_ = fwd(X=X_)
    return 0.5 * np.sum((y_[s] - D[s]) ** 2)
gy = y[s] - D[s]                                   # grad_y R
JH = np.diag(dsig(V @ h[s] + c)) @ V               # Jacobian dy/dh^s (m x n)
t = 2
Sprod = np.eye(n)
for r in range(t + 1, s + 1):
    Sprod = Sprod @ (W.T @ np.diag(dsig(A[r])))
sheet_JH = Sprod @ JH @ gy
sheet_JHT = Sprod @ JH.T @ gy
def Rx(v):
    X2 = list(X); X2[t] = v; return R_last(X2)
true_gx = np.array([(Rx(X[t] + e) - Rx(X[t] - e)) / 2e-6 for e in np.eye(m) * 1e-6])
def Rh(v):   # perturb h^t directly
    hh2 = [h0]
    for tt in range(1, s + 1):
        val = sig(W @ hh2[tt - 1] + U @ X[tt] + b)
        if tt == t: val = v
        hh2.append(val)
    return 0.5 * np.sum((sig(V @ hh2[s] + c) - D[s]) ** 2)
true_gh = np.array([(Rh(h[t] + e) - Rh(h[t] - e)) / 2e-6 for e in np.eye(n) * 1e-6])
report("line 18  grad_{x^t} R = [prod W^T S(h^r)] J_H grad_y R (as written)", sheet_JH, true_gx)
report("line 18  same with J_H^T (most charitable reading)", sheet_JHT, true_gx)
report("line 18  [reference] [prod W^T S(h^r)] J_H^T grad_y R vs grad_{h^t} R", sheet_JHT, true_gh)
report("line 18  [reference] U^T S(h^t) [prod ...] J_H^T grad_y R vs grad_{x^t} R", U.T @ np.diag(dsig(A[t])) @ sheet_JHT, true_gx)
lhs = np.linalg.norm(true_gx); rhs = np.linalg.norm(W, 2) ** (s - t) * np.linalg.norm(JH.T @ gy)
print(f"{'line 19  ||grad_{x^t} R|| <= sigma_max(W)^{s-t} ||J_H grad_y R||':72s} {'AGREE' if lhs <= rhs + 1e-12 else 'DISAGREE'}   lhs={lhs:.3e} rhs={rhs:.3e}")
lhs_h = np.linalg.norm(true_gh)
print(f"{'line 19  [reference] same bound for ||grad_{h^t} R||':72s} {'AGREE' if lhs_h <= rhs + 1e-12 else 'DISAGREE'}   lhs={lhs_h:.3e} rhs={rhs:.3e}")

# line 19 counterexample with sigma_max(W) < 1 (the sheet's hypothesis): scalar RNN, s - t = 1
w_, u_, b_, v_, c_ = 0.9, 100.0, 0.0, 1.0, 0.0
x_t, x_s, d_ = 0.0, -0.0045, 0.9
def Rsc(xt):
    ht = sig(w_ * 0.0 + u_ * xt + b_)            # h^{t-1} = 0
    hs = sig(w_ * ht + u_ * x_s + b_)
    return 0.5 * (sig(v_ * hs + c_) - d_) ** 2
g_true = (Rsc(x_t + 1e-7) - Rsc(x_t - 1e-7)) / 2e-7
ht = sig(u_ * x_t); a_s = w_ * ht + u_ * x_s; hs = sig(a_s)
JHg = dsig(v_ * hs + c_) * v_ * (sig(v_ * hs + c_) - d_)
bound = abs(w_) ** 1 * abs(JHg)
print(f"{'line 19  counterexample (sigma_max(W)=0.9<1, |U|=100): |grad_x| <= bound?':72s} {'AGREE' if abs(g_true) <= bound else 'DISAGREE'}   lhs={abs(g_true):.3e} rhs={bound:.3e}")
