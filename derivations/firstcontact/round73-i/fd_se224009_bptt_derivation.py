# FD check of the Cross Validated question/answer 224009 (note se224009_bptt_derivation.md).
# Forward pass of the quoted code (Denny Britz, WildML RNN tutorial; not shown in the page):
#   s[t] = tanh(U[:, x[t]] + W s[t-1]), s[-1] = 0 (s has T+1 rows), o[t] = softmax(V s[t]),
#   L = sum_t -log o[t, y[t]];  z_t = U x_t + W s_{t-1} (x_t one-hot).
import numpy as np
rng = np.random.default_rng(1)
Vsz, H, T = 6, 4, 5
U = rng.normal(0, .5, (H, Vsz)); W = rng.normal(0, .5, (H, H)); Vm = rng.normal(0, .5, (Vsz, H))
x = rng.integers(0, Vsz, T); y = rng.integers(0, Vsz, T)
def fwd(U, W, Vm):
    s = np.zeros((T + 1, H)); o = np.zeros((T, Vsz))
    for t in range(T):
        s[t] = np.tanh(U[:, x[t]] + W.dot(s[t - 1]))
        e = np.exp(Vm.dot(s[t])); o[t] = e / e.sum()
    return o, s
def loss(U, W, Vm):
    o, _ = fwd(U, W, Vm); return -np.log(o[np.arange(T), y]).sum()
def fd(M, which):
    g = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        P = [U.copy(), W.copy(), Vm.copy()]; P[which][idx] += 1e-6; a = loss(*P)
        P[which][idx] -= 2e-6; b = loss(*P); g[idx] = (a - b) / 2e-6
    return g
gU, gW, gV = fd(U, 0), fd(W, 1), fd(Vm, 2)
# the question's code, as written (bptt_truncate large enough for the full gradient)
bptt_truncate = 100
o, s = fwd(U, W, Vm)
dLdU = np.zeros(U.shape); dLdV = np.zeros(Vm.shape); dLdW = np.zeros(W.shape)
delta_o = o
delta_o[np.arange(len(y)), y] -= 1.                                   # lines 19-20
for t in np.arange(T)[::-1]:
    dLdV += np.outer(delta_o[t], s[t].T)                                  # line 23
    delta_t = Vm.T.dot(delta_o[t]) * (1 - (s[t] ** 2))                    # line 25
    for bptt_step in np.arange(max(0, t - bptt_truncate), t + 1)[::-1]:
        dLdW += np.outer(delta_t, s[bptt_step - 1])                       # line 30
        dLdU[:, x[bptt_step]] += delta_t                                  # line 31
        delta_t = W.T.dot(delta_t) * (1 - s[bptt_step - 1] ** 2)          # line 33
def rep(line, name, a, b):
    ok = a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"line {line:2d} {name:60s} {'AGREE' if ok else 'DIFFER'} shapes {a.shape} {b.shape}")
rep(23, "dLdV accumulated (delta_o from lines 19-20)", dLdV, gV)
rep(30, "dLdW accumulated with delta_t recursion (lines 25, 33)", dLdW, gW)
rep(31, "dLdU accumulated with delta_t recursion (lines 25, 33)", dLdU, gU)
# check delta_t meaning: dE_t/dz_k by FD on z_k (perturb the pre-activation)
def loss_t_pert(t_loss, k, e):
    s_ = np.zeros((T + 1, H)); L = 0
    for t in range(T):
        z = U[:, x[t]] + W.dot(s_[t - 1]) + (e if t == k else 0)
        s_[t] = np.tanh(z); q = np.exp(Vm.dot(s_[t])); q /= q.sum()
        if t == t_loss: L = -np.log(q[y[t]])
    return L
def dEt_dzk(t_loss, k):
    g = np.zeros(H)
    for i in range(H):
        e = np.zeros(H); e[i] = 1e-6
        g[i] = (loss_t_pert(t_loss, k, e) - loss_t_pert(t_loss, k, -e)) / 2e-6
    return g
tt = T - 1
dt = Vm.T.dot(delta_o[tt]) * (1 - s[tt] ** 2)
rep(25, f"delta_t = V^T delta_o[t] * (1-s_t^2) = dE_t/dz_t (t={tt})", dt, dEt_dzk(tt, tt))
dt2 = W.T.dot(dt) * (1 - s[tt - 1] ** 2)
rep(33, "delta_t <- W^T delta_t * (1-s_{k-1}^2) = dE_t/dz_{k-1}", dt2, dEt_dzk(tt, tt - 1))
# answer, line 48: dE_t/dU = sum_k dE_t/dz_k dz_k/dU = sum_k x_k dE_t/dz_k
def fdU_t(t_loss):
    g = np.zeros_like(U)
    for idx in np.ndindex(U.shape):
        def Lt(Uu):
            s_ = np.zeros((T + 1, H))
            for t in range(t_loss + 1):
                s_[t] = np.tanh(Uu[:, x[t]] + W.dot(s_[t - 1]))
            q = np.exp(Vm.dot(s_[t_loss])); q /= q.sum(); return -np.log(q[y[t_loss]])
        Up = U.copy(); Up[idx] += 1e-6; Um = U.copy(); Um[idx] -= 1e-6
        g[idx] = (Lt(Up) - Lt(Um)) / 2e-6
    return g
onehot = lambda i: np.eye(Vsz)[i]
gUt = fdU_t(tt)
row1 = sum(np.outer(dEt_dzk(tt, k), onehot(x[k])) for k in range(tt + 1))
rep(48, "first row: sum_k dE_t/dz_k dz_k/dU (= sum_k dE_t/dz_k x_k^T)", row1, gUt)
row2 = sum(np.outer(onehot(x[k]), dEt_dzk(tt, k)) for k in range(tt + 1))
rep(48, "second row as written: sum_k x_k dE_t/dz_k (outer x_k, dE/dz_k)", row2, gUt)
rep(48, "  (reference) its transpose", row2.T, gUt)
