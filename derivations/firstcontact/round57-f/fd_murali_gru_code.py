"""Finite-difference check of murali_gru_code.md (Murali806/dl_nb GRU notebook).

Model (author): concat = [h_{t-1}; x_t] (column), r = sigmoid(W_r concat + b_r),
z = sigmoid(W_z concat + b_z), h~ = tanh(W_h [r*h_{t-1}; x_t] + b_h), h_t = (1-z)*h_{t-1} + z*h~,
logits = W_y h_t + b_y, y = softmax, loss = (1/T) sum_t -log(y_t[target_t] + 1e-8).
Backward rows are evaluated exactly as written and compared with central differences of the
author's own loss.  Cell 3.1 claims are checked in the scalar case (hidden size 1) with a loss that
depends on h_T only, where the claimed products must be exact if they were right.
Keys of VERDICT are line numbers in murali_gru_code.md.
"""
import numpy as np

sigmoid = lambda x: 1 / (1 + np.exp(-np.clip(x, -500, 500)))
tanh = np.tanh


def softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


rng = np.random.default_rng(5703)
Fd, hd, od, T = 2, 3, 4, 4
P = {"W_r": rng.normal(0, 0.6, (hd, hd + Fd)), "b_r": rng.normal(0, 0.3, (hd, 1)),
     "W_z": rng.normal(0, 0.6, (hd, hd + Fd)), "b_z": rng.normal(0, 0.3, (hd, 1)),
     "W_h": rng.normal(0, 0.6, (hd, hd + Fd)), "b_h": rng.normal(0, 0.3, (hd, 1)),
     "W_y": rng.normal(0, 0.6, (od, hd)), "b_y": rng.normal(0, 0.3, (od, 1))}
X = rng.normal(0, 1, (T, Fd))
targets = [int(v) for v in rng.integers(0, od, T)]
EPS = 1e-6
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)


def forward(P, pert=None):
    """Author's forward (lines 92-140) with optional additive perturbations:
    (name, t) -> delta for name in r, ar, z, az, ht, ah, h, logits, cr (concat_reset), hin."""
    pert = pert or {}
    add = lambda nm, t, v: v + pert[(nm, t)] if (nm, t) in pert else v
    h = np.zeros((hd, 1))
    cache = {"h": [h], "r": [], "z": [], "h_tilde": [], "concat": [], "concat_reset": []}
    outputs = []
    for t in range(T):
        x_t = X[t].reshape(-1, 1)
        hin = add("hin", t, h)
        concat = np.vstack([hin, x_t]); cache["concat"].append(concat)
        r_t = add("r", t, sigmoid(add("ar", t, np.dot(P["W_r"], concat) + P["b_r"]))); cache["r"].append(r_t)
        z_t = add("z", t, sigmoid(add("az", t, np.dot(P["W_z"], concat) + P["b_z"]))); cache["z"].append(z_t)
        concat_reset = add("cr", t, np.vstack([r_t * hin, x_t])); cache["concat_reset"].append(concat_reset)
        h_tilde_t = add("ht", t, tanh(add("ah", t, np.dot(P["W_h"], concat_reset) + P["b_h"])))
        cache["h_tilde"].append(h_tilde_t)
        h = add("h", t, (1 - z_t) * hin + z_t * h_tilde_t); cache["h"].append(h)
        logits = add("logits", t, np.dot(P["W_y"], h) + P["b_y"])
        outputs.append(softmax(logits.flatten()))
    return outputs, cache


def loss_of(outputs):                       # author's compute_loss (lines 142-148)
    loss = 0.0
    for t in range(len(outputs)):
        loss += -np.log(outputs[t][targets[t]] + 1e-8)
    return loss / len(outputs)


def fd_inter(name, t, size):
    g = np.zeros((size, 1))
    for k in range(size):
        d = np.zeros((size, 1)); d[k] = EPS
        g[k] = (loss_of(forward(P, {(name, t): d})[0]) - loss_of(forward(P, {(name, t): -d})[0])) / (2 * EPS)
    return g


def fd_param(name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(*P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        g[idx] = (loss_of(forward(Pp)[0]) - loss_of(forward(Pm)[0])) / (2 * EPS)
    return g


res = {}
outputs, cache = forward(P)
# ---- forward: LaTeX rows 9-12 vs the code ----
ok = True
for t in range(T):
    hp, x = cache["h"][t], X[t].reshape(-1, 1)
    r = sigmoid(P["W_r"] @ np.vstack([hp, x]) + P["b_r"])
    z = sigmoid(P["W_z"] @ np.vstack([hp, x]) + P["b_z"])
    ht = np.tanh(P["W_h"] @ np.vstack([r * hp, x]) + P["b_h"])
    ok &= close(r, cache["r"][t]) and close(z, cache["z"][t]) and close(ht, cache["h_tilde"][t]) \
        and close((1 - z) * hp + z * ht, cache["h"][t + 1])
for ln in (9, 10, 11, 12, 95, 114, 118, 122, 126, 128, 132, 136, 137, 145, 147, 148):
    res[ln] = bool(ok)

# ---- backward (lines 150-206), each row as written ----
dW_r = np.zeros_like(P["W_r"]); db_r = np.zeros_like(P["b_r"])
dW_z = np.zeros_like(P["W_z"]); db_z = np.zeros_like(P["b_z"])
dW_h = np.zeros_like(P["W_h"]); db_h = np.zeros_like(P["b_h"])
dW_y = np.zeros_like(P["W_y"]); db_y = np.zeros_like(P["b_y"])
dh_next = np.zeros((hd, 1))
seq_length = T
c = {k: True for k in (171, 177, 180, 181, 184, 185, 188, 189, 190, 204)}
for t in reversed(range(seq_length)):
    dy = outputs[t].copy()
    dy[targets[t]] -= 1
    dy = dy.reshape(-1, 1) / seq_length
    c[171] &= np.allclose(dy, fd_inter("logits", t, od), rtol=1e-5, atol=1e-7)
    dW_y += np.dot(dy, cache['h'][t+1].T)
    db_y += dy
    dh = np.dot(P["W_y"].T, dy) + dh_next
    c[177] &= close(dh, fd_inter("h", t, hd))
    dh_tilde = dh * cache['z'][t]
    c[180] &= close(dh_tilde, fd_inter("ht", t, hd))
    dh_tilde_raw = dh_tilde * (1 - cache['h_tilde'][t]**2)
    c[181] &= close(dh_tilde_raw, fd_inter("ah", t, hd))
    dz = dh * (cache['h_tilde'][t] - cache['h'][t])
    c[184] &= close(dz, fd_inter("z", t, hd))
    dz_raw = dz * cache['z'][t] * (1 - cache['z'][t])
    c[185] &= close(dz_raw, fd_inter("az", t, hd))
    dconcat_reset = np.dot(P["W_h"].T, dh_tilde_raw)
    c[188] &= close(dconcat_reset, fd_inter("cr", t, hd + Fd))
    dr = dconcat_reset[:hd, :] * cache['h'][t]
    c[189] &= close(dr, fd_inter("r", t, hd))
    dr_raw = dr * cache['r'][t] * (1 - cache['r'][t])
    c[190] &= close(dr_raw, fd_inter("ar", t, hd))
    dW_r += np.dot(dr_raw, cache['concat'][t].T)
    db_r += dr_raw
    dW_z += np.dot(dz_raw, cache['concat'][t].T)
    db_z += dz_raw
    dW_h += np.dot(dh_tilde_raw, cache['concat_reset'][t].T)
    db_h += dh_tilde_raw
    dconcat = (np.dot(P["W_r"].T, dr_raw) +
               np.dot(P["W_z"].T, dz_raw))
    dh_from_concat_reset = dconcat_reset[:hd, :] * cache['r'][t]
    dh_next = (dconcat[:hd, :] +
               dh_from_concat_reset +
               dh * (1 - cache['z'][t]))
    c[204] &= close(dh_next, fd_inter("hin", t, hd))   # h_{t-1} as read by step t
res.update(c)
res[169] = res[170] = res[171]
res[201] = res[203] = res[204]          # parts of dh_next; the sum is checked
for ln, (k, v) in {173: ("W_y", dW_y), 174: ("b_y", db_y), 193: ("W_r", dW_r), 194: ("b_r", db_r),
                   195: ("W_z", dW_z), 196: ("b_z", db_z), 197: ("W_h", dW_h), 198: ("b_h", db_h)}.items():
    res[ln] = close(v, fd_param(k))
for ln in (155, 156, 157, 158, 159, 160, 161, 162, 164):
    res[ln] = True                       # zero initialisation of accumulators / dh_next

# ---- cell 3.1 claims, scalar hidden state, loss depending on h_T only ----
r2 = np.random.default_rng(11)
Ts = 5
xs1 = r2.normal(0, 1, Ts)
Whh, Wxh = 0.9, 0.7


def rnn_hT(h0):
    h = h0; a = []
    for t in range(Ts):
        a.append(Whh * h + Wxh * xs1[t]); h = np.tanh(a[-1])
    return h, a


h0 = 0.3
hT, a = rnn_hT(h0)
dL_dhT = hT                              # L = 0.5 h_T^2
fd = (0.5 * rnn_hT(h0 + EPS)[0] ** 2 - 0.5 * rnn_hT(h0 - EPS)[0] ** 2) / (2 * EPS)
res[34] = True
res[36] = np.isclose(dL_dhT * np.prod([Whh * (1 - np.tanh(v) ** 2) for v in a]), fd, rtol=1e-6)
Q = {k: r2.normal(0, 0.8, (1, 2)) for k in ("W_r", "W_z", "W_h")}
Q.update({k: r2.normal(0, 0.5, (1, 1)) for k in ("b_r", "b_z", "b_h")})


def gru_hT(h0):
    h = np.array([[h0]]); zs = []
    for t in range(Ts):
        cat = np.vstack([h, [[xs1[t]]]])
        r = sigmoid(Q["W_r"] @ cat + Q["b_r"]); z = sigmoid(Q["W_z"] @ cat + Q["b_z"])
        ht = np.tanh(Q["W_h"] @ np.vstack([r * h, [[xs1[t]]]]) + Q["b_h"])
        h = (1 - z) * h + z * ht; zs.append(z[0, 0])
    return h[0, 0], zs


hT, zs = gru_hT(h0)
fd = (gru_hT(h0 + EPS)[0] - gru_hT(h0 - EPS)[0]) / (2 * EPS)     # L = h_T, dL/dh_T = 1
claimed = np.prod([1 - v for v in zs])
res[42] = True
res[44] = bool(np.isclose(claimed, fd, rtol=1e-3))
print("GRU scalar: claimed prod(1-z) =", claimed, " true dh_T/dh_0 =", fd)
# one-step version of the same claim: dh_1/dh_0 vs (1 - z_1)
Ts = 1
h1, z1 = gru_hT(h0)
fd1 = (gru_hT(h0 + EPS)[0] - gru_hT(h0 - EPS)[0]) / (2 * EPS)
print("GRU one step: claimed 1-z_1 =", 1 - z1[0], " true dh_1/dh_0 =", fd1)
res[44] = res[44] or bool(np.isclose(1 - z1[0], fd1, rtol=1e-3))

VERDICT = {ln: True for ln in (9, 10, 11, 12, 34, 36, 42, 95, 114, 118, 122, 126, 128, 132, 136,
                               137, 145, 147, 148, 155, 156, 157, 158, 159, 160, 161, 162, 164,
                               169, 170, 171, 173, 174, 177, 180, 181, 184, 185, 188, 189, 190,
                               193, 194, 195, 196, 197, 198, 201, 203, 204)}
VERDICT[44] = False
for k, v in sorted(VERDICT.items()):
    assert res[k] == v, (k, res[k], v)
    print(f"line {k:4d}: {'pass' if v else 'FAIL'}")
print("all verdicts confirmed;", sum(VERDICT.values()), "pass,", len(VERDICT) - sum(VERDICT.values()), "fail")
