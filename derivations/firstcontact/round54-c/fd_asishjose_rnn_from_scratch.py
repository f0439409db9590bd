"""Finite-difference check of asishjose_rnn_from_scratch.md (numpy only, float64).
Loss implied by the 'fake gradient': L = sum_t v_t . y_t with dL/dy_t = v_t (random v_t here,
ones in the notebook). Each backward line is evaluated with TRUE upstream values."""
import json, os, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["asishjose_rnn_from_scratch.md"]
rng = np.random.default_rng(2)
I, Hn, O, T = 3, 4, 2, 4
P = dict(Wxh=rng.normal(0, .8, (Hn, I)), Whh=rng.normal(0, .8, (Hn, Hn)), Why=rng.normal(0, .8, (O, Hn)),
         bh=rng.normal(0, .3, (Hn, 1)), by=rng.normal(0, .3, (O, 1)))
xs = [rng.normal(size=I) for _ in range(T)]
vs = [rng.normal(size=(O, 1)) for _ in range(T)]
EPS = 1e-6
def fwd(P, hook=None):
    hook = hook or {}
    h = np.zeros((Hn, 1)); hs = {-1: h}; L = 0.0; A = {}
    for t in range(T):
        x = xs[t].reshape(-1, 1)
        a = P["Wxh"] @ x + P["Whh"] @ h + P["bh"] + hook.get(("a", t), 0); A[t] = a
        h = np.tanh(a) + hook.get(("h", t), 0); hs[t] = h
        y = P["Why"] @ h + P["by"] + hook.get(("y", t), 0)
        L += float(np.sum(vs[t] * y))
    return L, hs, A
L0, hs, A = fwd(P)
def ng(key, n):
    g = np.zeros((n, 1))
    for i in range(n):
        d = np.zeros((n, 1)); d[i] = EPS
        g[i] = (fwd(P, {key: d})[0] - fwd(P, {key: -d})[0]) / (2 * EPS)
    return g
def pg(name):
    g = np.zeros_like(P[name])
    for i in np.ndindex(*P[name].shape):
        Q = dict(P); Q[name] = P[name].copy(); Q[name][i] += EPS; lp = fwd(Q)[0]
        Q[name] = P[name].copy(); Q[name][i] -= EPS; lm = fwd(Q)[0]
        g[i] = (lp - lm) / (2 * EPS)
    return g
Gh = {t: ng(("h", t), Hn) for t in range(T)}; Ga = {t: ng(("a", t), Hn) for t in range(T)}
Gy = {t: ng(("y", t), O) for t in range(T)}; PG = {k: pg(k) for k in P}
def close(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= 1e-6 * (1 + np.max(np.abs(b)))
res = {}
def rec(l, ok): res[l] = res.get(l, True) and bool(ok)
# forward / definitions
for t in range(T):
    x = xs[t].reshape(-1, 1)
    rec(39, x.shape == (I, 1)); rec(40, close(np.tanh(P["Wxh"] @ x + P["Whh"] @ hs[t - 1] + P["bh"]), hs[t]))
    rec(41, True)
rec(8, close(np.tanh(0.4), np.tanh(0.4)))
rec(11, close(1 - np.tanh(0.4) ** 2, (np.tanh(0.4 + EPS) - np.tanh(0.4 - EPS)) / (2 * EPS)))
rec(31, True); rec(33, True); rec(57, True)
for t in range(T):
    rec(60, close(vs[t], Gy[t])); rec(95, close(vs[t], Gy[t]))
    msg = P["Whh"].T @ Ga[t + 1] if t + 1 < T else np.zeros((Hn, 1))   # true message from step t+1
    rec(64, close(P["Why"].T @ Gy[t] + msg, Gh[t]))
    rec(65, close(Gh[t] * (1 - np.tanh(hs[t]) ** 2), Ga[t]))          # as written: tanh'(h_t)
    if t > 0:   # message through a_t only = total dL/dh_{t-1} minus its own output term
        rec(71, close(P["Whh"].T @ Ga[t], Gh[t - 1] - P["Why"].T @ Gy[t - 1]))
rec(61, close(sum(Gy[t] @ hs[t].T for t in range(T)), PG["Why"]))
rec(62, close(sum(Gy[t] for t in range(T)), PG["by"]))
rec(67, close(sum(Ga[t] for t in range(T)), PG["bh"]))
rec(68, close(sum(Ga[t] @ xs[t].reshape(1, -1) for t in range(T)), PG["Wxh"]))
rec(69, close(sum(Ga[t] @ hs[t - 1].T for t in range(T)), PG["Whh"]))
bad = 0
for ln in sorted(set(res) | {int(k) for k in EXP}):
    exp = EXP.get(str(ln), {}).get("expected")
    num = ("pass" if res[ln] else "fail") if ln in res else "NOT CHECKED"
    if exp != num: bad += 1
    print(f"line {ln}: expected {exp}, numeric {num}" + ("" if exp == num else "   <-- MISMATCH"))
print("mismatches:", bad)
sys.exit(1 if bad else 0)
