# FD check of rnn_charrnn_bptt.md (column vectors; L = (1/T) sum_{t=0}^{T-1} -log p_t[x_{t+1}]).
import numpy as np
rng = np.random.default_rng(1)
V, H, T = 5, 4, 6
seq = rng.integers(0, V, T + 1)          # x_0..x_T, targets x_{t+1}
P = dict(Wxh=rng.normal(0, .5, (H, V)), Whh=rng.normal(0, .6, (H, H)), Why=rng.normal(0, .5, (V, H)),
         bh=rng.normal(0, .1, (H, 1)), by=rng.normal(0, .1, (V, 1)))

def forward(P, hpert=None, only_last=False):
    h = np.zeros((H, 1)); hs = {-1: h}; ps = {}; L = 0.0
    for t in range(T):
        h = np.tanh(P['Wxh'][:, [seq[t]]] + P['Whh'] @ h + P['bh'])   # line 14 (one-hot column)
        if hpert is not None and hpert[0] == t: h = h + hpert[1]
        hs[t] = h
        z = P['Why'] @ h + P['by']                                       # line 15
        e = np.exp(z - z.max()); ps[t] = e / e.sum()                     # line 16
        if (not only_last) or t == T - 1:
            L += -np.log(ps[t][seq[t + 1], 0]) / (1 if only_last else T)  # line 19 (mean)
    return L, hs, ps

L, hs, ps = forward(P)
g = {k: np.zeros_like(v) for k, v in P.items()}
da_next = np.zeros((H, 1)); dLdh = {}
for t in reversed(range(T)):
    dz = ps[t].copy(); dz[seq[t + 1]] -= 1; dz /= T                    # line 32-33
    dh = P['Why'].T @ dz + P['Whh'].T @ da_next                          # line 36
    da = dh * (1 - hs[t]**2)                                             # line 38
    g['Whh'] += da @ hs[t - 1].T                                         # line 45
    g['Wxh'][:, [seq[t]]] += da                                          # line 46
    g['bh'] += da                                                        # line 47
    g['Why'] += dz @ hs[t].T                                             # line 48
    g['by'] += dz                                                        # line 49
    dLdh[t] = dh; da_next = da
eps = 1e-6
for k, ln in [('Whh', 45), ('Wxh', 46), ('bh', 47), ('Why', 48), ('by', 49)]:
    G = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Pp = {a: b.copy() for a, b in P.items()}; Pm = {a: b.copy() for a, b in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        G[idx] = (forward(Pp)[0] - forward(Pm)[0]) / (2 * eps)
    err = np.abs(G - g[k]).max()
    print(f"line {ln} dL/d{k}: max err {err:.2e} {'AGREE' if err < 1e-7 else 'DISAGREE'}")
for t in [0, 3, T - 1]:
    fd = np.zeros((H, 1))
    for i in range(H):
        d = np.zeros((H, 1)); d[i] = eps
        fd[i] = (forward(P, (t, d))[0] - forward(P, (t, -d))[0]) / (2 * eps)
    err = np.abs(fd - dLdh[t]).max()
    print(f"line 36 dL/dh_{t}: max err {err:.2e} {'AGREE' if err < 1e-7 else 'DISAGREE'}")
# lines 60-62: dL_T/dh_{T-k} = dL_T/dh_T prod_{j=1..k} diag(1-h_{T-j+1}^2) W_hh, read with row-vector gradients
LT = lambda hp: forward(P, hp, only_last=True)[0]
Tl = T - 1
gT = np.array([[(LT((Tl, eps * np.eye(H)[:, [i]])) - LT((Tl, -eps * np.eye(H)[:, [i]]))) / (2 * eps) for i in range(H)]])  # row
for k in [1, 2, 3]:
    M = np.eye(H)
    for j in range(1, k + 1):
        M = M @ (np.diag(1 - hs[Tl - j + 1][:, 0]**2) @ P['Whh'])
    formula = gT @ M
    fd = np.array([[(LT((Tl - k, eps * np.eye(H)[:, [i]])) - LT((Tl - k, -eps * np.eye(H)[:, [i]]))) / (2 * eps) for i in range(H)]])
    err = np.abs(fd - formula).max()
    print(f"lines 60-62 k={k}: max err {err:.2e} {'AGREE' if err < 1e-7 else 'DISAGREE'}")
