"""Finite-difference check of numpy_lstm_price_index_bptt.py: the author's forward pass
(z = [h, x_t], gates z @ W + b, y = h_T @ Wy + by), loss 0.5*(y_pred - y_true)^2 from the
training loop, and the author's lstm_backward formulas as written (without the final clip/update)."""
import numpy as np

INPUT_DIM, HIDDEN, SEQ = 3, 5, 6
rng = np.random.RandomState(0)
zdim = INPUT_DIM + HIDDEN
W = {"Wf": rng.randn(zdim, HIDDEN) * 0.5, "bf": rng.randn(HIDDEN) * 0.1,
     "Wi": rng.randn(zdim, HIDDEN) * 0.5, "bi": rng.randn(HIDDEN) * 0.1,
     "Wo": rng.randn(zdim, HIDDEN) * 0.5, "bo": rng.randn(HIDDEN) * 0.1,
     "Wg": rng.randn(zdim, HIDDEN) * 0.5, "bg": rng.randn(HIDDEN) * 0.1,
     "Wy": rng.randn(HIDDEN, 1) * 0.5, "by": rng.randn(1) * 0.1}
x_seq = rng.randn(SEQ, INPUT_DIM)
y_true = 0.7


def sigmoid(x):
    return 1 / (1 + np.exp(-np.clip(x, -30, 30)))   # line 33


def lstm_forward(x_seq, W):
    h = np.zeros(HIDDEN); c = np.zeros(HIDDEN); cache = []
    for x_t in x_seq:
        z = np.concatenate([h, x_t])                  # line 42
        f = sigmoid(z @ W["Wf"] + W["bf"])            # 43
        i = sigmoid(z @ W["Wi"] + W["bi"])            # 44
        o = sigmoid(z @ W["Wo"] + W["bo"])            # 45
        g = np.tanh(z @ W["Wg"] + W["bg"])            # 46
        c_new = f * c + i * g                         # 47
        h_new = o * np.tanh(c_new)                    # 48
        cache.append((z, f, i, o, g, c, c_new, h, h_new))
        c, h = c_new, h_new
    y_pred = h @ W["Wy"] + W["by"]                    # 51
    return y_pred, cache, h


def loss(W):
    y_pred, _, _ = lstm_forward(x_seq, W)
    return 0.5 * (y_pred[0] - y_true) ** 2


def author_grads(W):
    y_pred, cache, h_final = lstm_forward(x_seq, W)
    dWy = np.outer(h_final, (y_pred - y_true))        # 56
    dby = (y_pred - y_true)                           # 57
    dh_next = (y_pred - y_true) * W["Wy"].flatten()   # 59
    dc_next = np.zeros(HIDDEN)
    grads = {k: np.zeros_like(v) for k, v in W.items()}
    grads["Wy"] = dWy; grads["by"] = dby
    dh0 = None
    for t in reversed(range(len(cache))):
        z, f, i, o, g, c_prev, c_new, h_prev, h_new = cache[t]
        dh = dh_next                                  # 69
        do = dh * np.tanh(c_new)                      # 70
        dc = dc_next + dh * o * (1 - np.tanh(c_new) ** 2)  # 71
        df = dc * c_prev; di = dc * g; dg = dc * i    # 72-74
        dc_prev = dc * f                              # 75
        do_raw = do * o * (1 - o); df_raw = df * f * (1 - f)   # 77-78
        di_raw = di * i * (1 - i); dg_raw = dg * (1 - g ** 2)  # 79-80
        grads["Wo"] += np.outer(z, do_raw); grads["bo"] += do_raw   # 82-83
        grads["Wf"] += np.outer(z, df_raw); grads["bf"] += df_raw   # 84-85
        grads["Wi"] += np.outer(z, di_raw); grads["bi"] += di_raw   # 86-87
        grads["Wg"] += np.outer(z, dg_raw); grads["bg"] += dg_raw   # 88-89
        dz = (do_raw @ W["Wo"].T + df_raw @ W["Wf"].T + di_raw @ W["Wi"].T + dg_raw @ W["Wg"].T)  # 91
        dh_next = dz[:HIDDEN]                         # 92
        dc_next = dc_prev                             # 93
        dxs = dz[HIDDEN:]
    return grads


def numgrad(name, eps=1e-6):
    G = np.zeros_like(W[name])
    for idx in np.ndindex(W[name].shape):
        old = W[name][idx]
        W[name][idx] = old + eps; lp = loss(W)
        W[name][idx] = old - eps; lm = loss(W)
        W[name][idx] = old
        G[idx] = (lp - lm) / (2 * eps)
    return G


g = author_grads(W)
labels = {"Wy": "line 56", "by": "line 57", "Wo": "lines 70,77,82", "bo": "line 83",
          "Wf": "lines 71-72,78,84 (+ dh_next/dc_next recursion 91-93)", "bf": "line 85",
          "Wi": "lines 73,79,86", "bi": "line 87", "Wg": "lines 74,80,88", "bg": "line 89"}
for k in ["Wy", "by", "Wo", "bo", "Wf", "bf", "Wi", "bi", "Wg", "bg"]:
    num = numgrad(k)
    err = np.max(np.abs(g[k] - num)) / (np.max(np.abs(num)) + 1e-12)
    print(f"{'AGREE   ' if err < 1e-5 else 'DISAGREE'} rel.err={err:.2e}  d{k}  ({labels[k]})")
