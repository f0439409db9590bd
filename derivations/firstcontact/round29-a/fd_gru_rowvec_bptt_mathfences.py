"""Finite-difference check of gru_rowvec_bptt_mathfences.md (numpy only).

Row vectors (1 x H), Cho-style GRU of the note, logits o_t = h_t W_hy + b_y, softmax,
L = sum_t cross-entropy, h_0 = 0. Upstream quantities (delta_h_t = total dL/dh_t, etc.) are
taken from central differences on the graph nodes; each author expression is compared with
the central-difference value of its left-hand side.
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["gru_rowvec_bptt_mathfences.md"]
rng = np.random.default_rng(2929)
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
D, H, K, T = 2, 3, 2, 4
EPS, TOL = 1e-6, 1e-6
P = {}
for g in "rzh":
    P["Wx" + g] = rng.normal(0, .6, (D, H)); P["Wh" + g] = rng.normal(0, .6, (H, H)); P["b" + g] = rng.normal(0, .3, (1, H))
P["Why"] = rng.normal(0, .6, (H, K)); P["by"] = rng.normal(0, .3, (1, K))
X = [rng.normal(0, 1, (1, D)) for _ in range(T)]
Y = [np.eye(K)[[rng.integers(K)]] for _ in range(T)]

def close(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=TOL)

def forward(P, pert=None):
    pert = pert or {}
    p = lambda n, t: pert.get((n, t), 0)
    S = {k: {} for k in ["h", "zr", "zz", "zh", "r", "z", "ht", "hres", "o", "yh"]}
    S["h"][0] = np.zeros((1, H)) + p("h", 0)
    L = 0.0
    for t in range(1, T + 1):
        x, hp = X[t - 1], S["h"][t - 1]
        S["zr"][t] = x @ P["Wxr"] + hp @ P["Whr"] + P["br"] + p("zr", t)
        S["zz"][t] = x @ P["Wxz"] + hp @ P["Whz"] + P["bz"] + p("zz", t)
        S["r"][t] = sig(S["zr"][t]) + p("r", t)
        S["z"][t] = sig(S["zz"][t]) + p("z", t)
        S["hres"][t] = S["r"][t] * hp + p("hres", t)
        S["zh"][t] = x @ P["Wxh"] + S["hres"][t] @ P["Whh"] + P["bh"] + p("zh", t)
        S["ht"][t] = np.tanh(S["zh"][t]) + p("ht", t)
        S["h"][t] = (1 - S["z"][t]) * hp + S["z"][t] * S["ht"][t] + p("h", t)
        S["o"][t] = S["h"][t] @ P["Why"] + P["by"] + p("o", t)
        e = np.exp(S["o"][t] - S["o"][t].max()); S["yh"][t] = e / e.sum()
        L += -float(np.sum(Y[t - 1] * np.log(S["yh"][t])))
    return L, S

def node_grad(name, t, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        g[idx] = (forward(P, {(name, t): d})[0] - forward(P, {(name, t): -d})[0]) / (2 * EPS)
    return g

def param_grad(key):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(*P[key].shape):
        old = P[key][idx]
        P[key][idx] = old + EPS; Lp = forward(P)[0]
        P[key][idx] = old - EPS; Lm = forward(P)[0]
        P[key][idx] = old
        g[idx] = (Lp - Lm) / (2 * EPS)
    return g

L0, S = forward(P)
G = {n: {} for n in ["h", "zr", "zz", "zh", "r", "z", "ht", "hres", "o"]}
for n in G:
    for t in range(0 if n == "h" else 1, T + 1):
        G[n][t] = node_grad(n, t, (1, K) if n == "o" else (1, H))
ts = range(1, T + 1)
dlog = {t: S["yh"][t] - Y[t - 1] for t in ts}          # author's delta_logit (line 54)
rec = {t: (G["h"][t] - dlog[t] @ P["Why"].T) for t in ts}  # recurrent part of dL/dh_t (zero at T)
rec[0] = G["h"][0]
assert close(rec[T], np.zeros((1, H)))
R = {}
sg = lambda x: sig(x)
# forward lines: recomputed from the written equations
R[8] = all(close(S["r"][t], sg(X[t-1] @ P["Wxr"] + S["h"][t-1] @ P["Whr"] + P["br"])) for t in ts)
R[18] = all(close(S["z"][t], sg(X[t-1] @ P["Wxz"] + S["h"][t-1] @ P["Whz"] + P["bz"])) for t in ts)
R[28] = all(close(S["ht"][t], np.tanh(X[t-1] @ P["Wxh"] + (S["r"][t] * S["h"][t-1]) @ P["Whh"] + P["bh"])) for t in ts)
R[39] = all(close(S["h"][t], (1 - S["z"][t]) * S["h"][t-1] + S["z"][t] * S["ht"][t]) for t in ts)
R[81] = R[39]
R[103] = all(close(S["hres"][t], S["r"][t] * S["h"][t-1]) for t in ts)
R[115] = all(close(S["r"][t], sg(S["zr"][t])) for t in ts)
R[131] = all(close(S["h"][t], S["h"][t-1] + S["z"][t] * (S["ht"][t] - S["h"][t-1])) for t in ts)
R[137] = all(close(S["z"][t], sg(S["zz"][t])) for t in ts)
# output layer
R[54] = all(close(dlog[t], G["o"][t]) for t in ts)
R[60] = close(sum(S["h"][t].T @ dlog[t] for t in ts), param_grad("Why"))
R[64] = close(sum(dlog[t] for t in ts), param_grad("by"))
R[75] = all(close(dlog[t] @ P["Why"].T + rec[t], G["h"][t]) for t in ts)
# candidate
R[84] = all(close(G["h"][t] * S["z"][t], G["ht"][t]) for t in ts)
dzh = {t: G["h"][t] * S["z"][t] * (1 - S["ht"][t] ** 2) for t in ts}
R[90] = all(close(G["ht"][t] * (1 - S["ht"][t] ** 2), G["zh"][t]) and close(dzh[t], G["zh"][t]) for t in ts)
R[95] = close(sum(X[t-1].T @ G["zh"][t] for t in ts), param_grad("Wxh"))
R[96] = close(sum((S["r"][t] * S["h"][t-1]).T @ G["zh"][t] for t in ts), param_grad("Whh"))
R[97] = close(sum(G["zh"][t] for t in ts), param_grad("bh"))
# reset gate
R[106] = all(close(G["zh"][t] @ P["Whh"].T, G["hres"][t]) for t in ts)
R[112] = all(close(G["hres"][t] * S["h"][t-1], G["r"][t]) and close((G["zh"][t] @ P["Whh"].T) * S["h"][t-1], G["r"][t]) for t in ts)
R[118] = all(close(G["r"][t] * S["r"][t] * (1 - S["r"][t]), G["zr"][t]) for t in ts)
R[123] = close(sum(X[t-1].T @ G["zr"][t] for t in ts), param_grad("Wxr"))
R[124] = close(sum(S["h"][t-1].T @ G["zr"][t] for t in ts), param_grad("Whr"))
R[125] = close(sum(G["zr"][t] for t in ts), param_grad("br"))
# update gate
R[134] = all(close(G["h"][t] * (S["ht"][t] - S["h"][t-1]), G["z"][t]) for t in ts)
R[140] = all(close(G["z"][t] * S["z"][t] * (1 - S["z"][t]), G["zz"][t]) for t in ts)
R[145] = close(sum(X[t-1].T @ G["zz"][t] for t in ts), param_grad("Wxz"))
R[146] = close(sum(S["h"][t-1].T @ G["zz"][t] for t in ts), param_grad("Whz"))
R[147] = close(sum(G["zz"][t] for t in ts), param_grad("bz"))
# paths to h_{t-1}
path = {t: [G["h"][t] * (1 - S["z"][t]),
            (G["zh"][t] @ P["Whh"].T) * S["r"][t],
            G["zz"][t] @ P["Whz"].T,
            G["zr"][t] @ P["Whr"].T] for t in ts}
# single-path references: gradient reaching h_{t-1} through one route of step t only
def route_grad(t, route):
    """dL/dh_{t-1} restricted to one use of h_{t-1} inside step t (other uses frozen)."""
    hp = S["h"][t-1]
    if route == 0:   # (1 - z_t) * h_{t-1}
        return G["h"][t] * (1 - S["z"][t])
    if route == 1:   # r_t * h_{t-1} -> hres
        return G["hres"][t] * S["r"][t]
    if route == 2:   # h_{t-1} W_hz -> zz
        return G["zz"][t] @ P["Whz"].T
    return G["zr"][t] @ P["Whr"].T
# the routes are evaluated from FD node gradients (G) and the local linear maps; their sum must equal rec[t-1]
R[162] = all(close(path[t][0], route_grad(t, 0)) for t in ts)
R[166] = all(close(path[t][1], route_grad(t, 1)) for t in ts)
R[170] = all(close(path[t][2], route_grad(t, 2)) for t in ts)
R[174] = all(close(path[t][3], route_grad(t, 3)) for t in ts)
R[180] = all(close(sum(path[t]), rec[t-1]) for t in ts)
# line 157: the same sum claimed equal to the TOTAL dL/dh_{t-1}
R[157] = all(close(sum(path[t]), G["h"][t-1]) for t in ts)

bad = 0
for ln in sorted(EXP, key=int):
    holds = R[int(ln)]
    agree = holds == (EXP[ln]["expected"] == "pass")
    bad += not agree
    print(f"line {ln}: {'OK' if agree else 'MISMATCH'} (expected {EXP[ln]['expected']}, formula {'holds' if holds else 'does not hold'})")
assert set(R) == {int(k) for k in EXP}, set(R) ^ {int(k) for k in EXP}
print("ALL AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
