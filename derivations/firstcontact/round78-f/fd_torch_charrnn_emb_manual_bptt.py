"""Finite-difference check of torch_charrnn_emb_manual_bptt.py (numpy re-implementation of the
author's forward pass and of the author's backward formulas exactly as written, including the
cache entry "h_prev" that holds h_pre = x_t@W_xh + h_{t-1}@W_hh + b_h)."""
import numpy as np

rng = np.random.default_rng(0)
V, E, H, B, T = 7, 4, 5, 3, 4
P = {
    "W_emb": rng.normal(size=(V, E)) * 0.5,
    "W_xh": rng.normal(size=(E, H)) * 0.5,
    "W_hh": rng.normal(size=(H, H)) * 0.5,
    "W_hy": rng.normal(size=(H, V)) * 0.5,
    "b_h": rng.normal(size=(H,)) * 0.1,
    "b_y": rng.normal(size=(V,)) * 0.1,
}
xb = rng.integers(0, V, size=(B, T))
yb = rng.integers(0, V, size=(B, T))


def forward(P):
    cache = {"x_t": [], "h_t": [], "h_prev": [], "h_true_prev": []}
    h = np.zeros((B, H))
    logits = []
    for t in range(T):
        x_t = P["W_emb"][xb[:, t]]                      # line 69
        cache["h_true_prev"].append(h)                  # (for the corrected formula only)
        h_pre = x_t @ P["W_xh"] + h @ P["W_hh"] + P["b_h"]  # line 70
        h = np.tanh(h_pre)                              # line 71
        y_t = h @ P["W_hy"] + P["b_y"]                  # line 72
        logits.append(y_t)
        cache["x_t"].append(x_t)
        cache["h_t"].append(h)
        cache["h_prev"].append(h_pre)                   # line 77 (as written)
    return np.stack(logits, axis=1), cache


def loss_fn(P):
    logits, _ = forward(P)
    lg = logits.reshape(B * T, V)
    lg = lg - lg.max(axis=1, keepdims=True)
    pr = np.exp(lg)
    pr = pr / pr.sum(axis=1, keepdims=True)
    return -np.log(pr[np.arange(B * T), yb.reshape(-1)]).mean()


def author_backward(P):
    logits, cache = forward(P)
    lg = logits.reshape(B * T, V)
    lg = lg - lg.max(axis=1, keepdims=True)
    probs = np.exp(lg)
    probs = probs / probs.sum(axis=1, keepdims=True)
    g = {k: np.zeros_like(v) for k, v in P.items()}
    g["W_hh_fixed"] = np.zeros_like(P["W_hh"])
    dlogits = probs.copy()                                # line 108
    dlogits[np.arange(B * T), yb.reshape(-1)] -= 1        # line 109
    dlogits /= B * T                                      # line 110
    dlogits = dlogits.reshape(B, T, V)
    dh_next = np.zeros((B, H))
    for t in reversed(range(T)):
        x_t = cache["x_t"][t]
        h_t = cache["h_t"][t]
        h_prev = cache["h_prev"][t]
        dl = dlogits[:, t, :]
        g["W_hy"] += h_t.T @ dl                           # line 125
        g["b_y"] += dl.sum(axis=0)                        # line 126
        dh = dl @ P["W_hy"].T + dh_next                   # line 129
        da = (1 - h_t ** 2) * dh                          # line 130
        g["W_xh"] += x_t.T @ da                           # line 133
        g["W_hh"] += h_prev.T @ da                        # line 134 (as written)
        g["W_hh_fixed"] += cache["h_true_prev"][t].T @ da  # h_{t-1}^T da (correction)
        g["b_h"] += da.sum(axis=0)                        # line 135
        dx_t = da @ P["W_xh"].T                           # line 138
        for b in range(B):
            g["W_emb"][xb[b, t]] += dx_t[b]               # line 141
        dh_next = da @ P["W_hh"].T                        # line 144
    return g


def numgrad(name, eps=1e-6):
    G = np.zeros_like(P[name])
    it = np.nditer(P[name], flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = P[name][i]
        P[name][i] = old + eps
        lp = loss_fn(P)
        P[name][i] = old - eps
        lm = loss_fn(P)
        P[name][i] = old
        G[i] = (lp - lm) / (2 * eps)
    return G


g = author_backward(P)
rows = [
    ("line 125 dWhy += h_t.T @ dlogits_t", "W_hy", g["W_hy"]),
    ("line 126 db_y += dlogits_t.sum(0)", "b_y", g["b_y"]),
    ("line 133 dWxh += x_t.T @ da", "W_xh", g["W_xh"]),
    ("line 134 dWhh += h_prev.T @ da (h_prev = cached h_pre)", "W_hh", g["W_hh"]),
    ("  (correction: h_{t-1}.T @ da)", "W_hh", g["W_hh_fixed"]),
    ("line 135 db_h += da.sum(0)", "b_h", g["b_h"]),
    ("lines 138/141 dW_emb[token] += (da @ W_xh.T)[b]", "W_emb", g["W_emb"]),
]
for label, name, ana in rows:
    num = numgrad(name)
    err = np.max(np.abs(ana - num)) / (np.max(np.abs(num)) + 1e-12)
    print(f"{'AGREE   ' if err < 1e-5 else 'DISAGREE'} rel.err={err:.2e}  {label}")
