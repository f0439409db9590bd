"""Finite-difference check of numpy_gru_batched_intent.py. Re-implements GRULayer.forward
(row layout x_t @ W + h @ U + b, batch of sequences, h = (1-z)*h + z*h_tilde) and the author's
GRULayer.backward exactly as written, with loss L = sum(dAll_fixed * H_all) so that dL/dH_all = dAll."""
import numpy as np

rng = np.random.RandomState(3)
B, T, D, Hd = 3, 4, 2, 3
P = {k: rng.randn(D, Hd) * 0.7 for k in ["Wz", "Wr", "Wh"]}
P.update({k: rng.randn(Hd, Hd) * 0.7 for k in ["Uz", "Ur", "Uh"]})
P.update({k: rng.randn(Hd) * 0.2 for k in ["bz", "br", "bh"]})
X = rng.randn(B, T, D)
dAll = rng.randn(B, T, Hd)
sig = lambda x: 1.0 / (1.0 + np.exp(-np.clip(x, -15, 15)))   # line 72
tnh = lambda x: np.tanh(np.clip(x, -15, 15))                 # line 75


def forward(P, X):
    h = np.zeros((B, Hd)); hs = [h]; zs = []; rs = []; hts = []
    for t in range(T):
        x_t = X[:, t, :]
        z = sig(x_t @ P["Wz"] + h @ P["Uz"] + P["bz"])            # 94
        r = sig(x_t @ P["Wr"] + h @ P["Ur"] + P["br"])            # 95
        h_tilde = tnh(x_t @ P["Wh"] + (r * h) @ P["Uh"] + P["bh"])  # 96
        h = (1 - z) * h + z * h_tilde                            # 97
        hs.append(h); zs.append(z); rs.append(r); hts.append(h_tilde)
    return np.stack(hs[1:], axis=1), hs, zs, rs, hts


def loss(P, X):
    return np.sum(forward(P, X)[0] * dAll)


def author_backward(P, X):
    _, hs, zs, rs, hts = forward(P, X)
    g = {k: np.zeros_like(v) for k, v in P.items()}
    dX = np.zeros_like(X)
    dh_next = np.zeros((B, Hd))
    for t in reversed(range(T)):
        dh = dAll[:, t, :] + dh_next                      # 122
        z, r, h_tilde, h_prev, x_t = zs[t], rs[t], hts[t], hs[t], X[:, t, :]
        dh_tilde = dh * z                                 # 130
        dtanh = dh_tilde * (1 - h_tilde ** 2)             # 131
        g["Wh"] += x_t.T @ dtanh                          # 133
        g["Uh"] += (r * h_prev).T @ dtanh                 # 134
        g["bh"] += dtanh.sum(axis=0)                      # 135
        dX[:, t, :] += dtanh @ P["Wh"].T                  # 136
        dr_h = dtanh @ P["Uh"].T                          # 137
        dr = dr_h * h_prev                                # 138
        dh_prev_from_r = dr_h * r                         # 139
        dz = dh * (h_tilde - h_prev)                      # 142
        dsig_z = dz * z * (1 - z)                         # 143
        g["Wz"] += x_t.T @ dsig_z                         # 144
        g["Uz"] += h_prev.T @ dsig_z                      # 145
        g["bz"] += dsig_z.sum(axis=0)                     # 146
        dX[:, t, :] += dsig_z @ P["Wz"].T                 # 147
        dh_prev_from_z = dsig_z @ P["Uz"].T               # 148
        dsig_r = dr * r * (1 - r)                         # 151
        g["Wr"] += x_t.T @ dsig_r                         # 152
        g["Ur"] += h_prev.T @ dsig_r                      # 153
        g["br"] += dsig_r.sum(axis=0)                     # 154
        dX[:, t, :] += dsig_r @ P["Wr"].T                 # 155
        dh_prev_from_r2 = dsig_r @ P["Ur"].T              # 156
        dh_next = (dh * (1 - z) + dh_prev_from_z +
                   dh_prev_from_r + dh_prev_from_r2)      # 158-159
    return g, dX


def num(arr, f, eps=1e-6):
    G = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]
        arr[idx] = old + eps; lp = f()
        arr[idx] = old - eps; lm = f()
        arr[idx] = old
        G[idx] = (lp - lm) / (2 * eps)
    return G


g, dX = author_backward(P, X)
lines = {"Wh": "133", "Uh": "134", "bh": "135", "Wz": "144", "Uz": "145", "bz": "146",
         "Wr": "152", "Ur": "153", "br": "154"}
for k in ["Wh", "Uh", "bh", "Wz", "Uz", "bz", "Wr", "Ur", "br"]:
    n = num(P[k], lambda: loss(P, X))
    err = np.max(np.abs(g[k] - n)) / (np.max(np.abs(n)) + 1e-12)
    print(f"{'AGREE   ' if err < 1e-5 else 'DISAGREE'} rel.err={err:.2e}  d{k} (line {lines[k]})")
n = num(X, lambda: loss(P, X))
err = np.max(np.abs(dX - n)) / (np.max(np.abs(n)) + 1e-12)
print(f"{'AGREE   ' if err < 1e-5 else 'DISAGREE'} rel.err={err:.2e}  dX (lines 136, 147, 155)")
print("(dh_next recursion lines 122, 139, 148, 156, 158 are exercised by every T>1 row above)")
