# Finite-difference check of BidirectionalRNNLayer (birnn_zultopia.py), numpy only.
# Author's forward/backward re-typed line by line (row vectors, x @ W); loss L = sum(Gout * output).
import numpy as np
rng = np.random.default_rng(1)
B, T, D, U = 2, 4, 3, 3
W = {'fk': rng.normal(scale=.5, size=(D, U)), 'fr': rng.normal(scale=.5, size=(U, U)), 'fb': rng.normal(scale=.5, size=U),
     'bk': rng.normal(scale=.5, size=(D, U)), 'br': rng.normal(scale=.5, size=(U, U)), 'bb': rng.normal(scale=.5, size=U)}
x = rng.normal(size=(B, T, D))

def forward(W, x, return_sequences):
    h = np.zeros((B, U)); fo = []; fhs = [h.copy()]
    for t in range(T):
        h = np.tanh(x[:, t] @ W['fk'] + h @ W['fr'] + W['fb'])      # lines 51-54
        fo.append(h.copy()); fhs.append(h.copy())
    h = np.zeros((B, U)); bo = []; bhs = [h.copy()]
    for t in range(T - 1, -1, -1):
        h = np.tanh(x[:, t] @ W['bk'] + h @ W['br'] + W['bb'])      # lines 64-67
        bo.insert(0, h.copy()); bhs.insert(0, h.copy())
    out = (np.concatenate([np.stack(fo, 1), np.stack(bo, 1)], -1) if return_sequences
           else np.concatenate([fo[-1], bo[0]], -1))                # lines 84 / 86
    return out, (fo, fhs, bo, bhs)

def author_backward(W, x, g, cache, rs):
    fo, fhs, bo, bhs = cache
    gf = g[..., :U]; gb = g[..., U:]                                # lines 99-103
    gi = np.zeros_like(x); G = {k: np.zeros_like(v) for k, v in W.items()}
    dh_f = {}; dh_b = {}
    nxt = np.zeros((B, U))
    for t in range(T - 1, -1, -1):
        gh = (gf[:, t] + nxt) if rs else ((gf + nxt) if t == T - 1 else nxt)   # lines 122/125/127
        dh_f[t] = gh
        gt = gh * (1 - fo[t] ** 2)                                  # lines 129-130
        G['fk'] += x[:, t].T @ gt                                   # line 132
        G['fr'] += fhs[t].T @ gt                                    # line 133
        G['fb'] += gt.sum(0)                                        # line 134
        gi[:, t] += gt @ W['fk'].T                                  # line 136
        nxt = gt @ W['fr'].T                                        # line 137
    nxt = np.zeros((B, U))
    for t in range(T):
        gh = (gb[:, t] + nxt) if rs else ((gb + nxt) if t == 0 else nxt)       # lines 143/146/148
        dh_b[t] = gh
        gt = gh * (1 - bo[t] ** 2)                                  # lines 150-151
        G['bk'] += x[:, t].T @ gt                                   # line 153
        G['br'] += bhs[t].T @ gt                                    # line 154 (as written: index t)
        G['bb'] += gt.sum(0)                                        # line 155
        gi[:, t] += gt @ W['bk'].T                                  # line 157
        nxt = gt @ W['br'].T                                        # line 158
    # what line 154 should use: the backward RNN's previous state h_b(t+1) = bhs[t+1]
    br_fixed = sum(bhs[t + 1].T @ (dh_b[t] * (1 - bo[t] ** 2)) for t in range(T))
    return G, gi, dh_f, dh_b, br_fixed

def fd_param(k, rs, Gout, eps=1e-6):
    g = np.zeros_like(W[k])
    for idx in np.ndindex(W[k].shape):
        Wp = {a: b.copy() for a, b in W.items()}; Wp[k][idx] += eps
        Wm = {a: b.copy() for a, b in W.items()}; Wm[k][idx] -= eps
        g[idx] = (np.sum(Gout * forward(Wp, x, rs)[0]) - np.sum(Gout * forward(Wm, x, rs)[0])) / (2 * eps)
    return g

def fd_x(rs, Gout, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += eps; xm = x.copy(); xm[idx] -= eps
        g[idx] = (np.sum(Gout * forward(W, xp, rs)[0]) - np.sum(Gout * forward(W, xm, rs)[0])) / (2 * eps)
    return g

lines = {'fk': '132', 'fr': '133', 'fb': '134', 'bk': '153', 'br': '154', 'bb': '155'}
for rs in (True, False):
    out, cache = forward(W, x, rs)
    Gout = rng.normal(size=out.shape)
    G, gi, dh_f, dh_b, br_fixed = author_backward(W, x, Gout, cache, rs)
    print(f"return_sequences={rs}")
    for k, ln in lines.items():
        e = np.max(np.abs(G[k] - fd_param(k, rs, Gout)))
        print(f"  line {ln} d{k:3s} max|author-FD| = {e:.2e} ->", "AGREES" if e < 1e-6 else "DISAGREES")
    e = np.max(np.abs(gi - fd_x(rs, Gout)))
    print(f"  lines 136+157 grad_input   max|author-FD| = {e:.2e} ->", "AGREES" if e < 1e-6 else "DISAGREES")
    e = np.max(np.abs(br_fixed - fd_param('br', rs, Gout)))
    print(f"  line 154 with backward_hidden_states[t+1] instead of [t]: max|.-FD| = {e:.2e}")
