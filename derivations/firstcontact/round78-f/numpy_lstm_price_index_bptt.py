# source: public GitHub Python file, search-index file id 59481066416 (7,574 characters; the index does not name its repository, path, author or date): a single-script NumPy LSTM forecaster for synthetic seasonal travel "price index" series of five destination types (beach, hill, city, heritage, desert), 14-day windows of [price_index, sin(day), cos(day)] -> next-day value, "Hand-rolled LSTM cell + output layer, with manual BPTT", exported to lstm_weights.json. Kept verbatim: lines 1-4 (imports, seed) and section 3 (hyper-parameters, init_weights, sigmoid, lstm_forward, lstm_backward including its in-function clipping and SGD update). Cut: section 1-2 (synthetic data generation and windowing, where SEQ_LEN = 14 and INPUT_DIM = 3 are defined), section 4 (training loop, which uses loss = 0.5 * (y_pred[0] - Y_train[idx]) ** 2 for one window at a time and calls lstm_backward(cache, h_final, y_pred, Y_train[idx], W, LR)), section 5 (evaluation) and section 6 (JSON export).
import json
import numpy as np

np.random.seed(42)

# ---------------------------------------------------------------------
# 3. Hand-rolled LSTM cell + output layer, with manual BPTT
# ---------------------------------------------------------------------
HIDDEN = 16
LR = 0.05
EPOCHS = 6

rng_init = np.random.RandomState(2)


def init_weights():
    z = INPUT_DIM + HIDDEN
    scale = 0.15
    return {
        "Wf": rng_init.randn(z, HIDDEN) * scale, "bf": np.zeros(HIDDEN),
        "Wi": rng_init.randn(z, HIDDEN) * scale, "bi": np.zeros(HIDDEN),
        "Wo": rng_init.randn(z, HIDDEN) * scale, "bo": np.zeros(HIDDEN),
        "Wg": rng_init.randn(z, HIDDEN) * scale, "bg": np.zeros(HIDDEN),
        "Wy": rng_init.randn(HIDDEN, 1) * scale, "by": np.zeros(1),
    }


W = init_weights()


def sigmoid(x):
    return 1 / (1 + np.exp(-np.clip(x, -30, 30)))


def lstm_forward(x_seq, W):
    """x_seq: (SEQ_LEN, INPUT_DIM). Returns cache for BPTT + final prediction."""
    h = np.zeros(HIDDEN)
    c = np.zeros(HIDDEN)
    cache = []
    for x_t in x_seq:
        z = np.concatenate([h, x_t])
        f = sigmoid(z @ W["Wf"] + W["bf"])
        i = sigmoid(z @ W["Wi"] + W["bi"])
        o = sigmoid(z @ W["Wo"] + W["bo"])
        g = np.tanh(z @ W["Wg"] + W["bg"])
        c_new = f * c + i * g
        h_new = o * np.tanh(c_new)
        cache.append((z, f, i, o, g, c, c_new, h, h_new))
        c, h = c_new, h_new
    y_pred = h @ W["Wy"] + W["by"]
    return y_pred, cache, h


def lstm_backward(cache, h_final, y_pred, y_true, W, lr):
    dWy = np.outer(h_final, (y_pred - y_true))
    dby = (y_pred - y_true)

    dh_next = (y_pred - y_true) * W["Wy"].flatten()
    dc_next = np.zeros(HIDDEN)

    grads = {k: np.zeros_like(v) for k, v in W.items()}
    grads["Wy"] = dWy
    grads["by"] = dby

    for t in reversed(range(len(cache))):
        z, f, i, o, g, c_prev, c_new, h_prev, h_new = cache[t]

        dh = dh_next
        do = dh * np.tanh(c_new)
        dc = dc_next + dh * o * (1 - np.tanh(c_new) ** 2)
        df = dc * c_prev
        di = dc * g
        dg = dc * i
        dc_prev = dc * f

        do_raw = do * o * (1 - o)
        df_raw = df * f * (1 - f)
        di_raw = di * i * (1 - i)
        dg_raw = dg * (1 - g ** 2)

        grads["Wo"] += np.outer(z, do_raw)
        grads["bo"] += do_raw
        grads["Wf"] += np.outer(z, df_raw)
        grads["bf"] += df_raw
        grads["Wi"] += np.outer(z, di_raw)
        grads["bi"] += di_raw
        grads["Wg"] += np.outer(z, dg_raw)
        grads["bg"] += dg_raw

        dz = (do_raw @ W["Wo"].T + df_raw @ W["Wf"].T + di_raw @ W["Wi"].T + dg_raw @ W["Wg"].T)
        dh_next = dz[:HIDDEN]
        dc_next = dc_prev

    for k in W:
        np.clip(grads[k], -5, 5, out=grads[k])
        W[k] -= lr * grads[k]
