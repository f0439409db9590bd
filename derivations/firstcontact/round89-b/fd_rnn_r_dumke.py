# Finite-difference check of calculate_gradients in rnn_r_dumke.md (Markus Dumke,
# "Implement a Recurrent Neural Network in R").  Column layout as in the R code:
# h[, t] = tanh(W h[, t-1] + U x[, t] + b), h[, 0] = 0; o[, t] = softmax(V h[, t] + c)  (o = probabilities)
# Gradients are judged against L_sum = -sum_t log o[y_t, t]; the post's loss() reports L_sum / n_seq.
import numpy as np
rng = np.random.default_rng(2)
nh, nv, T = 4, 5, 6
U = rng.uniform(-.5, .5, (nh, nv)); V = rng.uniform(-.5, .5, (nv, nh)); W = rng.uniform(-.5, .5, (nh, nh))
b = rng.uniform(-.5, .5, nh); c = rng.uniform(-.5, .5, nv)
xi = rng.integers(0, nv, T); yi = rng.integers(0, nv, T)
X = np.eye(nv)[:, xi]; Y = np.eye(nv)[:, yi]
softmax = lambda a: np.exp(a) / np.sum(np.exp(a))

def forward(U, V, W, b, c, eh=None):
    h = np.zeros((nh, T)); o = np.zeros((nv, T)); hp = np.zeros(nh)
    for t in range(T):
        h[:, t] = np.tanh(W @ hp + U @ X[:, t] + b)
        if eh is not None: h[:, t] += eh[:, t]
        o[:, t] = softmax(V @ h[:, t] + c); hp = h[:, t]
    return h, o
def Lsum(*a, eh=None):
    h, o = forward(*a, eh=eh); return -np.sum(np.log(o[yi, np.arange(T)]))
def Lmean(*a): return Lsum(*a) / T                      # md line 214
def fd(f, A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o_ = A[i]; A[i] = o_ + eps; fp = f(); A[i] = o_ - eps; fm = f(); A[i] = o_; G[i] = (fp - fm) / (2 * eps)
    return G
def rep(line, name, a, b_):
    ok = np.allclose(a, b_, rtol=1e-5, atol=1e-8)
    print(f"line {line:>3} {name:<50} {'AGREES' if ok else 'DIFFERS'}  max|diff|={np.max(np.abs(a-b_)):.2e}")

P = (U, V, W, b, c)
h, o = forward(*P)
eh = np.zeros((nh, T)); true_dh = fd(lambda: Lsum(*P, eh=eh), eh)   # dL/dh_t (total)
true = {n: fd(lambda: Lsum(*P), A) for n, A in zip("UVWbc", P)}
# dL/d logits by FD
def L_logits(Z):
    return -np.sum([np.log(softmax(Z[:, t])[yi[t]]) for t in range(T)])
Z = V @ h + c[:, None]; true_dz = fd(lambda: L_logits(Z), Z)

grad_o = o - Y                                                            # line 175
rep(175, "grad_o = o - y  vs dL_sum/d(logits)", grad_o, true_dz)
g2 = o.copy(); g2[yi, np.arange(T)] -= 1
rep(179, "grad_o[ind] - 1 (integer targets)", g2, true_dz)
# author's grad_h
gh = np.zeros((nh, T)); gh[:, T - 1] = V.T @ grad_o[:, T - 1]             # line 188
rep(188, "grad_h[, n_seq] = t(V) grad_o[, n_seq]", gh[:, T - 1], true_dh[:, T - 1])
for t in range(T - 2, -1, -1):                                            # line 191, R precedence:
    gh[:, t] = (W.T @ gh[:, t + 1]) * (1 - h[:, t + 1] ** 2) + V.T @ grad_o[:, t]   # (t(W) %*% g) * (1-h^2)
rep(191, "grad_h recursion as written (all t)", gh, true_dh)
one = (W.T @ true_dh[:, 2]) * (1 - h[:, 2] ** 2) + V.T @ grad_o[:, 1]
rep(191, "one step as written, fed with TRUE grad_h[, t+1]", one, true_dh[:, 1])
fix = W.T @ (true_dh[:, 2] * (1 - h[:, 2] ** 2)) + V.T @ grad_o[:, 1]
rep(191, "t(W) %*% (grad_h[,t+1]*(1-h^2)) + ... instead", fix, true_dh[:, 1])
# parameter gradients
gU = np.zeros((nh, nv)); gb = np.zeros(nh)                                # lines 196, 198 as written: unchanged
rep(196, "grad_U as written (= 0)", gU, true["U"])
rep(198, "grad_b as written (= 0)", gb, true["b"])
gU_c = sum(np.outer(np.diag(1 - h[:, t] ** 2) @ true_dh[:, t], X[:, t]) for t in range(T))
rep(196, "commented-out term, with TRUE grad_h", gU_c, true["U"])
gV = sum(np.outer(grad_o[:, t], h[:, t]) for t in range(T))
rep(197, "grad_V += grad_o[,t] h[,t]'", gV, true["V"])
rep(199, "grad_c += grad_o[,t]", grad_o.sum(1), true["c"])
gW_true_in = sum(np.outer(np.diag(1 - h[:, t] ** 2) @ true_dh[:, t], h[:, t - 1]) for t in range(1, T))
rep(202, "grad_W (t=2..n) fed with TRUE grad_h", gW_true_in, true["W"])
gW_auth = sum(np.outer(np.diag(1 - h[:, t] ** 2) @ gh[:, t], h[:, t - 1]) for t in range(1, T))
rep(202, "grad_W with the author's grad_h (inherits line 191)", gW_auth, true["W"])
print("scale note: dL_mean/dV / dL_sum/dV =", np.round(np.median(fd(lambda: Lmean(*P), V) / true["V"]), 6), "= 1/n_seq =", round(1 / T, 6))
