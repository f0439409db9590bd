"""Finite-difference check of zh_rnn_lstm_steps.md (numpy only).

Conventions used (see expected.json _notes): column vectors; RNN hidden activation
sigma_h = tanh, output activation sigma_o = logistic sigmoid (the article lets sigma be
sigmoid or tanh); loss E = 0.5 * sum_t ||o_t - y_t||^2 (the article leaves E open).
LSTM: concatenation [h_{t-1}; x_t], W_* of shape H x (H+D); the article defines no LSTM
output layer, so the W_ho of line 58 is taken from the RNN section: out_t = sigmoid(W_ho h_t + b_o),
E = 0.5 * sum_t ||out_t - y_t||^2, with K = H so that the expression of line 58 is computable.
Each annotated line: the author's expression is evaluated with exact upstream quantities
(total derivatives from central differences on the graph node) and compared with the
central-difference value of the quantity on its left-hand side.
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["zh_rnn_lstm_steps.md"]
rng = np.random.default_rng(29)
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
EPS = 1e-6
TOL = 1e-6
results = {}

def close(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=TOL)

# ---------------------------------------------------------------- RNN
H, D, K, T = 3, 2, 3, 4
P = dict(Whh=rng.normal(0, .6, (H, H)), Wxh=rng.normal(0, .6, (H, D)), bh=rng.normal(0, .3, (H, 1)),
         Who=rng.normal(0, .6, (K, H)), bo=rng.normal(0, .3, (K, 1)))
X = [rng.normal(0, 1, (D, 1)) for _ in range(T)]
Y = [rng.uniform(0, 1, (K, 1)) for _ in range(T)]

def rnn_forward(P, pert=None):
    pert = pert or {}
    h = {0: np.zeros((H, 1)) + pert.get(("h", 0), 0)}
    o, a = {}, {}
    E = 0.0
    for t in range(1, T + 1):
        a[t] = P["Whh"] @ h[t - 1] + P["Wxh"] @ X[t - 1] + P["bh"]
        h[t] = np.tanh(a[t]) + pert.get(("h", t), 0)
        o[t] = sig(P["Who"] @ h[t] + P["bo"]) + pert.get(("o", t), 0)
        E += 0.5 * float(np.sum((o[t] - Y[t - 1]) ** 2))
    return E, h, o, a

def node_grad(fwd, P, name, t, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        g[idx] = (fwd(P, {(name, t): d})[0] - fwd(P, {(name, t): -d})[0]) / (2 * EPS)
    return g

def param_grad(fwd, P, key):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(*P[key].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[key][idx] += EPS; Pm[key][idx] -= EPS
        g[idx] = (fwd(Pp)[0] - fwd(Pm)[0]) / (2 * EPS)
    return g

E0, h, o, a = rnn_forward(P)
hr, T_RNN = h, T
dEdh = {t: node_grad(rnn_forward, P, "h", t, (H, 1)) for t in range(0, T + 1)}
dEdo_direct = {t: o[t] - Y[t - 1] for t in range(1, T + 1)}  # partial of E w.r.t. o_t (o_t only enters its own term)
dEdo_fd = {t: node_grad(rnn_forward, P, "o", t, (K, 1)) for t in range(1, T + 1)}
assert all(close(dEdo_direct[t], dEdo_fd[t]) for t in dEdo_fd)

# line 10: h_0 = 0 (initial value) -- definitional
results[10] = True
# line 12: h_t = sigma(W_hh h_{t-1} + W_xh x_t + b_h): recompute from the equation
results[12] = all(close(h[t], np.tanh(P["Whh"] @ h[t-1] + P["Wxh"] @ X[t-1] + P["bh"])) for t in range(1, T+1))
# line 13: o_t = sigma(W_ho h_t + b_o)
results[13] = all(close(o[t], sig(P["Who"] @ h[t] + P["bo"])) for t in range(1, T+1))
# line 21: initialise dE/dh_T = 0  -> true dE/dh_T is not zero
results[21] = close(dEdh[T], np.zeros((H, 1)))
# line 23: dE/dh_t = dE/dh_{t+1} W_hh^T + dE/do_t W_ho^T, read charitably as W^T g (column layout), dE/dh_{T+1} = 0
ok = True
for t in range(1, T + 1):
    nxt = dEdh[t + 1] if t < T else np.zeros((H, 1))
    auth = P["Whh"].T @ nxt + P["Who"].T @ dEdo_direct[t]   # charitable column reading W^T g
    ok &= close(auth, dEdh[t])
results[23] = ok
# lines 24-28: parameter gradients with the (true, total) dE/dh_t and dE/do_t
results[24] = close(sum(dEdh[t] @ h[t-1].T for t in range(1, T+1)), param_grad(rnn_forward, P, "Whh"))
results[25] = close(sum(dEdh[t] @ X[t-1].T for t in range(1, T+1)), param_grad(rnn_forward, P, "Wxh"))
results[26] = close(sum(dEdo_direct[t] @ h[t].T for t in range(1, T+1)), param_grad(rnn_forward, P, "Who"))
results[27] = close(sum(dEdh[t] for t in range(1, T+1)), param_grad(rnn_forward, P, "bh"))
results[28] = close(sum(dEdo_direct[t] for t in range(1, T+1)), param_grad(rnn_forward, P, "bo"))

# ---------------------------------------------------------------- LSTM
H, D, T = 3, 2, 4
K = H
Q = {}
for g in "fiCo":
    Q["W" + g] = rng.normal(0, .6, (H, H + D)); Q["b" + g] = rng.normal(0, .3, (H, 1))
Q["Who"] = rng.normal(0, .6, (K, H)); Q["bo_out"] = rng.normal(0, .3, (K, 1))
XL = [rng.normal(0, 1, (D, 1)) for _ in range(T)]
YL = [rng.uniform(0, 1, (K, 1)) for _ in range(T)]

def lstm_forward(Q, pert=None):
    pert = pert or {}
    p = lambda n, t: pert.get((n, t), 0)
    h = {0: np.zeros((H, 1)) + p("h", 0)}; C = {0: np.zeros((H, 1)) + p("C", 0)}
    f, i, Ct, o, out = {}, {}, {}, {}, {}
    E = 0.0
    for t in range(1, T + 1):
        z = np.vstack([h[t - 1], XL[t - 1]])
        f[t] = sig(Q["Wf"] @ z + Q["bf"]) + p("f", t)
        i[t] = sig(Q["Wi"] @ z + Q["bi"]) + p("i", t)
        Ct[t] = np.tanh(Q["WC"] @ z + Q["bC"]) + p("Ct", t)
        C[t] = f[t] * C[t - 1] + i[t] * Ct[t] + p("C", t)
        o[t] = sig(Q["Wo"] @ z + Q["bo"]) + p("o", t)
        h[t] = o[t] * np.tanh(C[t]) + p("h", t)
        out[t] = sig(Q["Who"] @ h[t] + Q["bo_out"])
        E += 0.5 * float(np.sum((out[t] - YL[t - 1]) ** 2))
    return E, dict(h=h, C=C, f=f, i=i, Ct=Ct, o=o, out=out)

E0, S = lstm_forward(Q)
G = {n: {} for n in ["h", "C", "f", "i", "Ct", "o"]}
for n in G:
    for t in range(0 if n in "hC" else 1, T + 1):
        G[n][t] = node_grad(lstm_forward, Q, n, t, (H, 1))

# line 36: h_0 = 0, C_0 = 0 -- definitional
results[36] = True
# lines 38-43: forward equations recomputed from the text
okf = oki = okc = okC = oko = okh = True
for t in range(1, T + 1):
    z = np.vstack([S["h"][t-1], XL[t-1]])
    okf &= close(S["f"][t], sig(Q["Wf"] @ z + Q["bf"]))
    oki &= close(S["i"][t], sig(Q["Wi"] @ z + Q["bi"]))
    okc &= close(S["Ct"][t], np.tanh(Q["WC"] @ z + Q["bC"]))
    okC &= close(S["C"][t], S["f"][t] * S["C"][t-1] + S["i"][t] * S["Ct"][t])
    oko &= close(S["o"][t], sig(Q["Wo"] @ z + Q["bo"]))
    okh &= close(S["h"][t], S["o"][t] * np.tanh(S["C"][t]))
results.update({38: okf, 39: oki, 40: okc, 41: okC, 42: oko, 43: okh})
# line 51: initialise dE/dh_T = 0, dE/dC_T = 0
results[51] = close(G["h"][T], 0 * G["h"][T]) and close(G["C"][T], 0 * G["C"][T])
# line 53: dE/do_t = dE/dh_t tanh(C_t)
results[53] = all(close(G["h"][t] * np.tanh(S["C"][t]), G["o"][t]) for t in range(1, T+1))
# line 54: dE/dC_t = dE/dh_t o_t (1 - tanh^2 C_t) + dE/dC_{t+1} f_{t+1}   (dE/dC_{T+1} = 0)
ok = True
for t in range(1, T + 1):
    nxt = G["C"][t+1] * S["f"][t+1] if t < T else 0
    ok &= close(G["h"][t] * S["o"][t] * (1 - np.tanh(S["C"][t]) ** 2) + nxt, G["C"][t])
results[54] = ok
results[55] = all(close(G["C"][t] * S["Ct"][t], G["i"][t]) for t in range(1, T+1))
results[56] = all(close(G["C"][t] * S["i"][t], G["Ct"][t]) for t in range(1, T+1))
results[57] = all(close(G["C"][t] * S["C"][t-1], G["f"][t]) for t in range(1, T+1))
# line 58: dE/dh_{t-1} = dE/dh_t W_ho^T + dE/di_t W_i^T + dE/df_t W_f^T + dE/do_t W_o^T
# (charitable column reading W^T g; W_i^T g etc. have H+D entries, the h-part = first H entries)
ok = True
for t in range(1, T + 1):
    auth = (Q["Who"].T @ G["h"][t]
            + (Q["Wi"].T @ G["i"][t])[:H] + (Q["Wf"].T @ G["f"][t])[:H]
            + (Q["Wo"].T @ G["o"][t])[:H])
    ok &= close(auth, G["h"][t-1])
results[58] = ok

# harness self-checks: the corrected formulas do hold (so the MISMATCHes above are real)
dA = {t: dEdh[t] * (1 - h[t] ** 2) for t in range(1, T_RNN + 1)}
assert close(sum(dA[t] @ hr[t-1].T for t in range(1, T_RNN+1)), param_grad(rnn_forward, P, "Whh"))
for t in range(1, T + 1):
    z = np.vstack([S["h"][t-1], XL[t-1]])
    corr = (Q["Wi"].T @ (G["i"][t] * S["i"][t] * (1 - S["i"][t])) + Q["Wf"].T @ (G["f"][t] * S["f"][t] * (1 - S["f"][t]))
            + Q["Wo"].T @ (G["o"][t] * S["o"][t] * (1 - S["o"][t])) + Q["WC"].T @ (G["Ct"][t] * (1 - S["Ct"][t] ** 2)))[:H]
    if t > 1:  # h_{t-1} also feeds its own output layer
        u = S["out"][t-1]; corr = corr + Q["Who"].T @ ((u - YL[t-2]) * u * (1 - u))
    assert close(corr, G["h"][t-1])

bad = 0
for ln in sorted(EXP, key=int):
    holds = results[int(ln)]
    agree = holds == (EXP[ln]["expected"] == "pass")
    bad += not agree
    print(f"line {ln}: {'OK' if agree else 'MISMATCH'} (expected {EXP[ln]['expected']}, formula {'holds' if holds else 'does not hold'})")
missing = set(results) - {int(k) for k in EXP}
assert not missing, missing
print("ALL AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
