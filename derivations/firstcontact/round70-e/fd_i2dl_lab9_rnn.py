"""Finite-difference check of i2dl_lab9_rnn.md (LMU i2dl Lab 9 solution, vanilla RNN BPTT).

Author's forward pass (column vectors):
    h[t] = tanh(W h[t-1] + U x[t] + b),   y[t] = V h[t] + c
Part 1 (general, an output at every step): loss L = sum_t l_t(y[t]) (here l_t = 0.5*||y[t]-z[t]||^2).
Part 2 (lab task): only y[tau] is used, scalar, loss L = (yhat - y)^2 where yhat is the TRUE label
(as the text says) and y the network output.  Code: batch of N samples, loss() = mean((Y_est-Y)^2).
"""
import numpy as np

rng = np.random.default_rng(0)
H, D, K, T = 4, 3, 2, 5
W = rng.normal(0, .5, (H, H)); U = rng.normal(0, .5, (H, D)); b = rng.normal(0, .3, (H, 1))
V = rng.normal(0, .5, (K, H)); c = rng.normal(0, .3, (K, 1))
X = rng.normal(0, 1, (T + 1, D, 1))      # x[1..T] used, x[0] unused
Z = rng.normal(0, 1, (T + 1, K, 1))      # per-step targets for part 1

def forward(W, U, b, V, c, X):
    h = [np.zeros((W.shape[0], 1))]
    ys = [None]
    for t in range(1, X.shape[0]):
        h.append(np.tanh(W @ h[t - 1] + U @ X[t] + b))          # line 10
        ys.append(V @ h[t] + c)                                  # line 14
    return h, ys

def loss1(W, U, b, V, c):
    h, ys = forward(W, U, b, V, c, X)
    return sum(0.5 * float(np.sum((ys[t] - Z[t]) ** 2)) for t in range(1, T + 1))

def fd(f, P, eps=1e-6):
    G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old + eps; fp = f(); P[idx] = old - eps; fm = f(); P[idx] = old
        G[idx] = (fp - fm) / (2 * eps)
    return G

def report(name, A, B):
    ok = np.allclose(A, B, rtol=1e-5, atol=1e-7)
    print(f"{name:70s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(A - B)):.2e}")
    return ok

# ---------------- Part 1: general BPTT (lines 29, 33, 43, 46, 50, 55, 60) ----------------
h, ys = forward(W, U, b, V, c, X)
gy = [None] + [ys[t] - Z[t] for t in range(1, T + 1)]           # grad_y[t] L
gh = [None] * (T + 1)
gh[T] = V.T @ gy[T]                                              # line 29
for t in range(T - 1, 0, -1):                                    # line 33
    gh[t] = W.T @ np.diag((1 - h[t + 1] ** 2).ravel()) @ gh[t + 1] + V.T @ gy[t]
gc = sum(gy[t] for t in range(1, T + 1))                         # line 43
gb = sum(np.diag((1 - h[t] ** 2).ravel()) @ gh[t] for t in range(1, T + 1))           # line 46
gV = sum(gy[t] @ h[t].T for t in range(1, T + 1))                # line 50
gW = sum(np.diag((1 - h[t] ** 2).ravel()) @ gh[t] @ h[t - 1].T for t in range(1, T + 1))  # line 55
gU = sum(np.diag((1 - h[t] ** 2).ravel()) @ gh[t] @ X[t].T for t in range(1, T + 1))      # line 60

# grad wrt h[t] by FD: perturb h[t] as an injected offset
def loss_with_offset(t0, delta):
    hh = [np.zeros((H, 1))]; L = 0.0
    for t in range(1, T + 1):
        ht = np.tanh(W @ hh[t - 1] + U @ X[t] + b)
        if t == t0: ht = ht + delta
        hh.append(ht); L += 0.5 * float(np.sum((V @ ht + c - Z[t]) ** 2))
    return L
for t0 in (T, 2):
    g = np.zeros((H, 1))
    for i in range(H):
        d = np.zeros((H, 1)); d[i] = 1e-6
        g[i] = (loss_with_offset(t0, d) - loss_with_offset(t0, -d)) / 2e-6
    report(f"line {'29' if t0 == T else '33'}: grad_h[{t0}] recursion", gh[t0], g)
report("line 43: grad_c = sum_t grad_y", gc, fd(lambda: loss1(W, U, b, V, c), c))
report("line 46: grad_b = sum_t diag(1-h^2) grad_h", gb, fd(lambda: loss1(W, U, b, V, c), b))
report("line 50: grad_V = sum_t grad_y h^T", gV, fd(lambda: loss1(W, U, b, V, c), V))
report("line 55: grad_W = sum_t diag(1-h_t^2) grad_h_t h_{t-1}^T", gW, fd(lambda: loss1(W, U, b, V, c), W))
report("line 60: grad_U = sum_t diag(1-h_t^2) grad_h_t x_t^T", gU, fd(lambda: loss1(W, U, b, V, c), U))

# middle expressions of lines 46/55: with the TOTAL Jacobian dh[t]/db the sum would double count
def h_of_b(bb):
    return forward(W, U, bb, V, c, X)[0]
Jtot = [None] + [np.zeros((H, H)) for _ in range(T)]
for j in range(H):
    bp = b.copy(); bp[j] += 1e-6; bm = b.copy(); bm[j] -= 1e-6
    hp, hm = h_of_b(bp), h_of_b(bm)
    for t in range(1, T + 1):
        Jtot[t][:, j] = ((hp[t] - hm[t]) / 2e-6).ravel()
gb_total_reading = sum(Jtot[t].T @ gh[t] for t in range(1, T + 1))
print("   (info) line 46 middle term read with the total Jacobian d h[t]/d b:",
      "AGREES" if np.allclose(gb_total_reading, gb) else "differs (so it must be read as the immediate partial, as the author does)")

# ---------------- Part 2: the lab's specialisation (lines 71, 74, 78, 82) ----------------
V1 = rng.normal(0, .5, (1, H)); c1 = rng.normal(0, .3, (1, 1)); yhat = 0.7   # true label
def loss2(W, U, b, V1, c1):
    hh, yy = forward(W, U, b, V1, c1, X)
    return float((yhat - yy[T][0, 0]) ** 2)
hh, yy = forward(W, U, b, V1, c1, X); yout = yy[T][0, 0]
g_tau_text = 2 * (yhat - yout) * V1.T                            # line 71 (as printed)
g_tau_true = 2 * (yout - yhat) * V1.T
def loss2_off(delta):
    h_ = [np.zeros((H, 1))]
    for t in range(1, T + 1):
        ht = np.tanh(W @ h_[t - 1] + U @ X[t] + b)
        if t == T: ht = ht + delta
        h_.append(ht)
    return float((yhat - (V1 @ h_[T] + c1)[0, 0]) ** 2)
gfd = np.zeros((H, 1))
for i in range(H):
    d = np.zeros((H, 1)); d[i] = 1e-6
    gfd[i] = (loss2_off(d) - loss2_off(-d)) / 2e-6
report("line 71: grad_h[tau] = 2(yhat - y) V^T  (yhat = true label)", g_tau_text, gfd)
report("         corrected 2(y - yhat) V^T", g_tau_true, gfd)
report("line 78: grad_c = 2(yhat - y)", np.array([[2 * (yhat - yout)]]), fd(lambda: loss2(W, U, b, V1, c1), c1))
report("line 82: grad_V = 2(yhat - y) h[tau]^T", 2 * (yhat - yout) * hh[T].T, fd(lambda: loss2(W, U, b, V1, c1), V1))
# line 74: no intermediate outputs -> grad_h[t] = W^T diag(1-h[t+1]^2) grad_h[t+1]
g = g_tau_true
for t in range(T - 1, 1, -1):
    g = W.T @ np.diag((1 - hh[t + 1] ** 2).ravel()) @ g
def loss2_off_t(t0, delta):
    h_ = [np.zeros((H, 1))]
    for t in range(1, T + 1):
        ht = np.tanh(W @ h_[t - 1] + U @ X[t] + b)
        if t == t0: ht = ht + delta
        h_.append(ht)
    return float((yhat - (V1 @ h_[T] + c1)[0, 0]) ** 2)
gfd2 = np.zeros((H, 1))
for i in range(H):
    d = np.zeros((H, 1)); d[i] = 1e-6
    gfd2[i] = (loss2_off_t(2, d) - loss2_off_t(2, -d)) / 2e-6
report("line 74: grad_h[t] = W^T diag(1-h[t+1]^2) grad_h[t+1] (t=2)", g, gfd2)

# ---------------- Code (R translated 1:1 to numpy): batch of N, many-to-one ----------------
N = 6
Xb = rng.normal(0, 1, (N, T, D)); Yb = rng.normal(0, 1, N)
def forward_states(X, U, W, b):                                  # lines 130-135
    Hs = np.zeros((X.shape[0], X.shape[1] + 1, U.shape[0]))
    for i in range(X.shape[0]):
        for k in range(X.shape[1]):
            Hs[i, k + 1, :] = np.tanh(U @ X[i, k, :] + W @ Hs[i, k, :] + b.ravel())   # line 115
    return Hs
def predict_output(H_last, V, c):                                # line 158
    return np.array([c + (V @ H_last[i, :]).item() for i in range(H_last.shape[0])])
def lossf(Y_est, Y): return np.mean((Y_est - Y) ** 2)            # line 170
cs = 0.1
Hs = forward_states(Xb, U, W, b); Yest = predict_output(Hs[:, -1, :], V1, cs)
grad_out = np.array([2 * (Yest[i] - Yb[i]) * V1.ravel() for i in range(N)])          # line 185
G = np.zeros_like(Hs); G[:, -1, :] = grad_out                    # line 199
for i in range(N):
    for k in range(Hs.shape[1] - 1, 0, -1):                      # R loop down to k=1 writes index 0: no-op
        G[i, k - 1, :] = W.T @ np.diag(1 - Hs[i, k, :] ** 2) @ G[i, k, :]            # line 206
c_grad = sum(2 * (Yest[i] - Yb[i]) for i in range(N))           # line 222
b_grad = sum(np.diag(1 - Hs[i, k, :] ** 2) @ G[i, k, :] for i in range(N) for k in range(1, T + 1))   # line 238
V_grad = sum(2 * (Yest[i] - Yb[i]) * Hs[i, -1, :][None, :] for i in range(N))       # line 256
W_grad = sum(np.diag(1 - Hs[i, k, :] ** 2) @ G[i, k, :][:, None] @ Hs[i, k - 1, :][None, :]
             for i in range(N) for k in range(1, T + 1))         # line 271
U_grad = sum(np.diag(1 - Hs[i, k + 1, :] ** 2) @ G[i, k + 1, :][:, None] @ Xb[i, k, :][None, :]
             for i in range(N) for k in range(T))                # line 291

def sumloss():
    Hs_ = forward_states(Xb, U, W, b); Ye = predict_output(Hs_[:, -1, :], V1, cs_box[0])
    return N * lossf(Ye, Yb)                                     # = sum of squared errors
cs_box = np.array([cs])
print("code rows, compared with the gradient of N*loss() = sum_i (y_i - t_i)^2 (per-sample gradients summed):")
report("line 222: c_grad", np.array([c_grad]), fd(sumloss, cs_box))
report("line 238: b_grad", b_grad, fd(sumloss, b).ravel())
report("line 256: V_grad", V_grad, fd(sumloss, V1))
report("line 271: W_grad", W_grad, fd(sumloss, W))
report("line 291: U_grad", U_grad, fd(sumloss, U))
print(f"   (info) vs mean loss (loss()): the code gradients are exactly N={N} times d loss()/d theta:",
      np.allclose(W_grad / N, fd(lambda: lossf(predict_output(forward_states(Xb, U, W, b)[:, -1, :], V1, cs), Yb), W)))
