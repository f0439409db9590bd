# Finite-difference check of lstm_scratch_stockprediction.md (BassamTar99/StockPrediction LSTM_Scratch.ipynb).
# numpy only. Author's forward (column vectors, concat = [h_prev; x_t], y_t = Wy h_t + by at every step) and the
# author's backward formulas as written; loss L = sum_t 0.5*||y_t - target_t||^2 (line 173). The gradient clipping of
# lines 238-239 is not math and is left out (it does not bind at these sizes anyway).
import numpy as np

rng = np.random.default_rng(1)
D, H, O, T = 3, 4, 2, 5

def sigmoid(x):                                   # line 52
    return 1 / (1 + np.exp(-np.clip(x, -15, 15)))

P = {k: rng.normal(0, 0.5, (H, H + D)) for k in ["Wf", "Wi", "Wc", "Wo"]}
P.update({k: rng.normal(0, 0.3, (H, 1)) for k in ["bf", "bi", "bc", "bo"]})
P["Wy"] = rng.normal(0, 0.5, (O, H)); P["by"] = rng.normal(0, 0.3, (O, 1))
inputs = [rng.normal(size=(D, 1)) for _ in range(T)]
targets = [rng.normal(size=(O, 1)) for _ in range(T)]

def forward(P):
    S = {k: [] for k in ["f", "i", "ct", "o", "c", "h"]}
    h_prev = np.zeros((H, 1)); c_prev = np.zeros((H, 1))
    outs = []
    for t in range(T):
        x_t = inputs[t]
        concat = np.vstack((h_prev, x_t))                      # line 93
        f_t = sigmoid(P["Wf"] @ concat + P["bf"])              # line 97
        i_t = sigmoid(P["Wi"] @ concat + P["bi"])              # line 102
        c_tilde = np.tanh(P["Wc"] @ concat + P["bc"])          # line 107
        o_t = sigmoid(P["Wo"] @ concat + P["bo"])              # line 112
        c_t = f_t * c_prev + i_t * c_tilde                     # line 117
        h_t = o_t * np.tanh(c_t)                               # line 122
        y_t = P["Wy"] @ h_t + P["by"]                          # line 127
        for k, v in zip(["f", "i", "ct", "o", "c", "h"], [f_t, i_t, c_tilde, o_t, c_t, h_t]):
            S[k].append(v)
        outs.append(y_t)
        h_prev, c_prev = h_t, c_t
    return S, outs

def loss(P):
    S, outs = forward(P)
    return sum(np.sum((outs[t] - targets[t]) ** 2) / 2 for t in range(T))

def backward(P):
    S, _ = forward(P)
    g = {k: np.zeros_like(v) for k, v in P.items()}
    dh_next = np.zeros((H, 1)); dc_next = np.zeros((H, 1))
    dh_list = {}
    for t in reversed(range(T)):
        y_t = P["Wy"] @ S["h"][t] + P["by"]                    # line 169
        error = y_t - targets[t]                               # line 172
        g["Wy"] += error @ S["h"][t].T                         # line 176
        g["by"] += error                                       # line 177
        dh = P["Wy"].T @ error + dh_next                       # line 180
        dh_list[t] = dh
        o_t, c_t, c_tilde, i_t, f_t = S["o"][t], S["c"][t], S["ct"][t], S["i"][t], S["f"][t]
        c_prev = np.zeros((H, 1)) if t == 0 else S["c"][t - 1]   # line 190
        h_prev = np.zeros((H, 1)) if t == 0 else S["h"][t - 1]   # line 191
        do = dh * np.tanh(c_t)                                 # line 194
        do_input = do * o_t * (1 - o_t)                        # line 195
        dc = dc_next + dh * o_t * (1 - np.tanh(c_t) ** 2)      # line 198
        dc_tilde = dc * i_t                                    # line 201
        dc_tilde_input = dc_tilde * (1 - c_tilde ** 2)         # line 202
        di = dc * c_tilde                                      # line 205
        di_input = di * i_t * (1 - i_t)                        # line 206
        df = dc * c_prev                                       # line 209
        df_input = df * f_t * (1 - f_t)                        # line 210
        dc_next = dc * f_t                                     # line 213
        concat = np.vstack((h_prev, inputs[t]))                # line 217
        g["Wf"] += df_input @ concat.T                         # line 220
        g["Wi"] += di_input @ concat.T                         # line 221
        g["Wc"] += dc_tilde_input @ concat.T                   # line 222
        g["Wo"] += do_input @ concat.T                         # line 223
        g["bf"] += df_input                                    # line 226
        g["bi"] += di_input                                    # line 227
        g["bc"] += dc_tilde_input                              # line 228
        g["bo"] += do_input                                    # line 229
        dconcat = (P["Wf"].T @ df_input + P["Wi"].T @ di_input +
                   P["Wc"].T @ dc_tilde_input + P["Wo"].T @ do_input)   # line 232
        dh_next = dconcat[:H]                                  # line 235
    return g, dh_list

def fd(P, name, eps=1e-6):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        old = P[name][idx]
        P[name][idx] = old + eps; lp = loss(P)
        P[name][idx] = old - eps; lm = loss(P)
        P[name][idx] = old
        G[idx] = (lp - lm) / (2 * eps)
    return G

def agree(a, b, tol=1e-6):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    return err < tol, err

g, dh_list = backward(P)
rows = {"Wy": "line 176 dWy", "by": "line 177 dby",
        "Wo": "lines 194/195/223 dWo", "bo": "line 229 dbo",
        "Wc": "lines 201/202/222 dWc", "bc": "line 228 dbc",
        "Wi": "lines 205/206/221 dWi", "bi": "line 227 dbi",
        "Wf": "lines 209/210/220 dWf", "bf": "line 226 dbf"}
print("author's backward (as written) vs central finite differences, T =", T)
for k, r in rows.items():
    ok, err = agree(g[k], fd(P, k))
    print(f"  {r:24s}: {'AGREE' if ok else 'DISAGREE'} (rel err {err:.1e})")

# total dL/dh_t (line 180, built from lines 198, 213, 232, 235 of later steps) vs FD obtained by
# adding a perturbation delta to h_t inside the forward recursion
def loss_with_dh(t0, delta):
    h_prev = np.zeros((H, 1)); c_prev = np.zeros((H, 1)); L = 0
    for t in range(T):
        concat = np.vstack((h_prev, inputs[t]))
        f_t = sigmoid(P["Wf"] @ concat + P["bf"]); i_t = sigmoid(P["Wi"] @ concat + P["bi"])
        c_tilde = np.tanh(P["Wc"] @ concat + P["bc"]); o_t = sigmoid(P["Wo"] @ concat + P["bo"])
        c_t = f_t * c_prev + i_t * c_tilde; h_t = o_t * np.tanh(c_t)
        if t == t0:
            h_t = h_t + delta
        L += np.sum((P["Wy"] @ h_t + P["by"] - targets[t]) ** 2) / 2
        h_prev, c_prev = h_t, c_t
    return L
print("total dL/dh_t of line 180 (recursion through lines 198, 213, 232, 235) vs FD:")
for t0 in range(T):
    G = np.zeros((H, 1)); e = 1e-6
    for j in range(H):
        d = np.zeros((H, 1)); d[j] = e
        G[j] = (loss_with_dh(t0, d) - loss_with_dh(t0, -d)) / (2 * e)
    ok, err = agree(dh_list[t0], G)
    print(f"  t={t0}: {'AGREE' if ok else 'DISAGREE'} (rel err {err:.1e})")
