"""Finite-difference check of zh_ai_liquidity_lstm_bptt.md (numpy only).
Conventions: column vectors, W_* of shape H x (H+D) acting on [h_{t-1}; x_t] (h first), one sample;
test loss L = sum_t sum(G_t * h_t) (random G_t), i.e. a loss at every step. dL/dh_t, dL/dC_t, dL/dC_{t+1} in the
author's formulas are TOTAL gradients (through all later steps); the undefined dL/dC~_t of line 30 is the
candidate-output gradient dL/dC_t * i_t. Parameter gradients are summed over t (as written) and compared with
central differences of L w.r.t. the whole matrices; gate gradients are checked at a middle step t0 by injecting an
additive perturbation into that step's gate output / cell state."""
import json, os, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "zh_ai_liquidity_lstm_bptt.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
LINES = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
rng = np.random.default_rng(3)
D, H, T = 2, 3, 4
s = lambda a: 1 / (1 + np.exp(-a))
W = {g: rng.normal(0, .6, (H, H + D)) for g in "fiCo"}; b = {g: rng.normal(0, .3, (H, 1)) for g in "fiCo"}
X = rng.normal(0, 1, (T, D, 1)); G = rng.normal(0, 1, (T, H, 1)); h0 = rng.normal(0, .4, (H, 1)); C0 = rng.normal(0, .4, (H, 1))
t0 = 1
def run(W=W, pert=None):
    pert = pert or {}
    h, C, L, cache = h0, C0, 0.0, []
    for t in range(T):
        e = (lambda k: pert.get(k, 0.0)) if t == t0 else (lambda k: 0.0)
        v = np.vstack([h, X[t]])
        f = s(W["f"] @ v + b["f"]) + e("f"); i = s(W["i"] @ v + b["i"]) + e("i")
        Ct = np.tanh(W["C"] @ v + b["C"]) + e("Ct"); o = s(W["o"] @ v + b["o"]) + e("o")
        Cp = C; C = f * Cp + i * Ct + e("C"); hn = o * np.tanh(C) + e("h")
        cache.append(dict(v=v, f=f, i=i, Ct=Ct, o=o, Cp=Cp, C=C, h=hn)); h = hn
        L += float(np.sum(G[t] * h))
    return L, cache
def fd(key, eps=1e-6):
    g = np.zeros((H, 1))
    for j in range(H):
        d = np.zeros((H, 1)); d[j] = eps
        g[j] = (run(pert={key: d})[0] - run(pert={key: -d})[0]) / (2 * eps)
    return g
def fdW(key, eps=1e-6):
    g = np.zeros_like(W[key])
    for idx in np.ndindex(W[key].shape):
        A = {k: v.copy() for k, v in W.items()}; B = {k: v.copy() for k, v in W.items()}
        A[key][idx] += eps; B[key][idx] -= eps
        g[idx] = (run(A)[0] - run(B)[0]) / (2 * eps)
    return g
close = lambda a, c: np.allclose(a, c, atol=1e-6, rtol=1e-5)
_, cache = run(); c = cache[t0]
res = {}
# forward: the author's lines against an independent split-weight forward
hp = cache[t0 - 1]["h"]; x = X[t0]
sp = lambda g: W[g][:, :H] @ hp + W[g][:, H:] @ x + b[g]
res[7] = close(c["f"], s(sp("f"))); res[9] = close(c["i"], s(sp("i"))); res[10] = close(c["Ct"], np.tanh(sp("C")))
res[12] = close(c["C"], s(sp("f")) * c["Cp"] + s(sp("i")) * np.tanh(sp("C")))
res[14] = close(c["o"], s(sp("o"))); res[15] = close(c["h"], s(sp("o")) * np.tanh(c["C"]))
# backward at t0 with true upstream totals
# total gradients at every step (for the parameter sums)
dh_tot, dC_tot = [], []
for t in range(T):
    t_keep = t0; globals()["t0"] = t
    dh_tot.append(fd("h")); dC_tot.append(fd("C"))
    globals()["t0"] = t_keep
dh, dC, dCn = dh_tot[t0], dC_tot[t0], dC_tot[t0 + 1]
res[21] = close(dh * np.tanh(c["C"]), fd("o"))
res[23] = close(dh * c["o"] * (1 - np.tanh(c["C"]) ** 2) + dCn * cache[t0 + 1]["f"], dC)
res[25] = close(dC * c["Ct"], fd("i"))
res[27] = close(dC * c["Cp"], fd("f"))
do = [dh_tot[t] * np.tanh(cache[t]["C"]) for t in range(T)]
dCt = [dC_tot[t] * cache[t]["i"] for t in range(T)]
di = [dC_tot[t] * cache[t]["Ct"] for t in range(T)]
df = [dC_tot[t] * cache[t]["Cp"] for t in range(T)]
res[29] = close(sum((do[t] * cache[t]["o"] * (1 - cache[t]["o"])) @ cache[t]["v"].T for t in range(T)), fdW("o"))
res[30] = close(sum((dCt[t] * (1 - cache[t]["Ct"] ** 2)) @ cache[t]["v"].T for t in range(T)), fdW("C"))
res[31] = close(sum((di[t] * cache[t]["i"] * (1 - cache[t]["i"])) @ cache[t]["v"].T for t in range(T)), fdW("i"))
res[32] = close(sum((df[t] * cache[t]["f"] * (1 - cache[t]["f"])) @ cache[t]["v"].T for t in range(T)), fdW("f"))
ok = True
for ln in sorted(int(k) for k in EXP):
    e = EXP[str(ln)]["expected"]; n = ("pass" if res[ln] else "fail") if ln in res else "unchecked"
    print(f"line {ln}: expected {e}, numeric {n}   | {LINES[ln-1].strip()[:70]}")
    ok &= (e == n)
if set(res) - {int(k) for k in EXP}: ok = False; print("unannotated checks:", set(res) - {int(k) for k in EXP})
print("ALL AGREE" if ok else "DISAGREEMENT"); sys.exit(0 if ok else 1)
