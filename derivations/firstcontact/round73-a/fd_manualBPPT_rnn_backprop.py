# Finite-difference check of manualBPPT_rnn_backprop.md (adsingh-64/manualBPPT, RNN_backprop.ipynb).
# numpy only (the source uses torch; nn.Linear(x) = x @ weight.T + bias is written out).
# Row vectors, batch B = 1 as in the source; h_0 = 0.1 * ones; a_t = x_t U^T + b + h_{t-1} W^T,
# h_t = tanh(a_t), logits_t = h_t V^T + c, loss = mean over the T positions of cross-entropy.
import numpy as np

rng = np.random.default_rng(64)
vocab, d_model, n_hidden, T = 7, 4, 5, 6
EPS = 1e-6
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)

P = {"C": rng.normal(size=(vocab, d_model)),
     "U": rng.normal(size=(n_hidden, d_model)) * 0.5, "b": rng.normal(size=(n_hidden,)) * 0.3,
     "W": rng.normal(size=(n_hidden, n_hidden)) * 0.5,
     "V": rng.normal(size=(vocab, n_hidden)), "c": rng.normal(size=(vocab,)) * 0.3}
xb = rng.integers(0, vocab, size=(1, T)); xb[0, 3] = xb[0, 1]   # a repeated token (dC accumulation)
yb = rng.integers(0, vocab, size=(1, T))
h_0 = 0.1 * np.ones((1, n_hidden))


def forward(P, pert=None):
    emb = P["C"][xb]                                   # line 112
    h_t = h_0
    hs, xs = [], []
    for t in range(T):
        x_t = emb[:, t, :]                             # line 118
        xs.append(x_t)
        a_t = x_t @ P["U"].T + P["b"] + h_t @ P["W"].T # line 120
        h_t = np.tanh(a_t)                             # line 121
        if pert is not None and pert[0] == t:
            h_t = h_t.copy(); h_t[0, pert[1]] += pert[2]
        hs.append(h_t)
    h_all = np.stack(hs, axis=1)
    logits = h_all @ P["V"].T + P["c"]                 # line 125
    z = logits.reshape(-1, vocab)
    lse = np.log(np.exp(z - z.max(1, keepdims=True)).sum(1)) + z.max(1)
    loss = np.mean(lse - z[np.arange(T), yb.reshape(-1)])   # line 129 (F.cross_entropy, mean)
    return loss, logits, hs, xs


loss, logits, inter, embs = forward(P)
V, W, U, C = P["V"], P["W"], P["U"], P["C"]
block_size = T
# ---- the author's backward, as written -------------------------------------------------
one_hot = np.eye(vocab)[yb]                                                        # 161
sm = np.exp(logits - logits.max(-1, keepdims=True)); sm /= sm.sum(-1, keepdims=True)
dlogits = (1 / block_size) * (sm - one_hot)                                        # 162
dhT = dlogits[:, -1, :] @ V                                                        # 164
dhs = [dhT]
for i in range(1, block_size):
    dhs.append((dhs[i - 1] * (1 - inter[-i] ** 2)) @ W + dlogits[:, -(i + 1), :] @ V)   # 167
alt168 = [dhT]; alt169 = [dhT]
for i in range(1, block_size):
    alt168.append(alt168[i - 1] @ ((1 - inter[-i] ** 2).reshape(-1, 1) * W) + dlogits[:, -(i + 1), :] @ V)  # 168
    alt169.append(alt169[i - 1] @ np.diag((1 - inter[-i] ** 2).reshape(-1)) @ W + dlogits[:, -(i + 1), :] @ V)  # 169
dc = dlogits.sum(axis=1)                                                           # 171
db = np.zeros((1, n_hidden))
for i in range(block_size):
    db += dhs[i] @ np.diag((1 - inter[-(i + 1)] ** 2).reshape(-1))                 # 175
dV = np.zeros_like(V)
for i in range(block_size):
    dV += dlogits[:, i, :].T @ inter[i]                                            # 179
inter2 = [h_0] + inter
dW = np.zeros_like(W)
for i in range(block_size):
    dW += (dhs[-(i + 1)] * (1 - inter2[i + 1] ** 2)).T @ inter2[i]                 # 184
dU = np.zeros_like(U)
for i in range(block_size):
    dU += (dhs[-(i + 1)] * (1 - inter[i] ** 2)).T @ embs[i]                        # 188
dC = np.zeros_like(C)
for t in range(block_size):
    da_t = dhs[-(t + 1)].reshape(-1) * (1 - inter[t] ** 2).reshape(-1)             # 192
    dx_t = da_t @ U                                                                # 193
    idx = xb.reshape(-1)[t]
    dC[idx, :] += dx_t                                                             # 195

# ---- finite differences ------------------------------------------------------------------
def fd_param(name):
    g = np.zeros_like(P[name])
    for ix in np.ndindex(P[name].shape):
        old = P[name][ix]
        P[name][ix] = old + EPS; lp = forward(P)[0]
        P[name][ix] = old - EPS; lm = forward(P)[0]
        P[name][ix] = old; g[ix] = (lp - lm) / (2 * EPS)
    return g


# dlogits: FD w.r.t. logits directly
def loss_from_logits(z):
    z = z.reshape(-1, vocab); lse = np.log(np.exp(z).sum(1))
    return np.mean(lse - z[np.arange(T), yb.reshape(-1)])
g_log = np.zeros_like(logits)
for ix in np.ndindex(logits.shape):
    zp = logits.copy(); zp[ix] += EPS; zm = logits.copy(); zm[ix] -= EPS
    g_log[ix] = (loss_from_logits(zp) - loss_from_logits(zm)) / (2 * EPS)
print("line 162 dlogits vs FD:", ok(dlogits, g_log))

dh_fd = []
for t in range(T):
    g = np.zeros((1, n_hidden))
    for k in range(n_hidden):
        g[0, k] = (forward(P, (t, k, EPS))[0] - forward(P, (t, k, -EPS))[0]) / (2 * EPS)
    dh_fd.append(g)
print("line 164 dhT = dL/dh_T vs FD:", ok(dhs[0], dh_fd[-1]))
print("line 167 dhs[i] = dL/dh_{T-i} vs FD, all i:", all(ok(dhs[i], dh_fd[T - 1 - i]) for i in range(T)))
print("line 168 (commented alternative) equals line 167:", all(ok(alt168[i], dhs[i]) for i in range(T)))
print("line 169 (commented alternative) equals line 167:", all(ok(alt169[i], dhs[i]) for i in range(T)))
print("line 171 dc vs FD:", ok(dc.reshape(-1), fd_param("c")))
print("line 175 db vs FD:", ok(db.reshape(-1), fd_param("b")))
print("line 179 dV vs FD:", ok(dV, fd_param("V")))
print("line 184 dW vs FD:", ok(dW, fd_param("W")))
print("line 188 dU vs FD:", ok(dU, fd_param("U")))
print("lines 192-195 dC vs FD (token repeated at t=1 and t=3):", ok(dC, fd_param("C")))
