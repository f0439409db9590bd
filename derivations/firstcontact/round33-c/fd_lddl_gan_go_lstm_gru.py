#!/usr/bin/env python3
"""Finite-difference check of lddl_gan_go_lstm_gru.md (gan-go LSTM / GRU docs).
Row vectors, batch B, packed weights W [F,kH], U [H,kH], b [1,kH]; LSTM columns [i f g o],
GRU columns [r z n].  Loss L = sum_t sum(G_t * h_t) with fixed random G_t, so gamma_t = G_t.
Each annotated line is evaluated with the true (finite-difference) upstream quantities."""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["lddl_gan_go_lstm_gru.md"]
rng = np.random.default_rng(0)
B, T, F, H = 2, 4, 3, 4
EPS = 1e-6
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
results = {}

def report(line, ok):
    results[line] = ok

def close(a, b, tol=1e-6):
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)

# ---------------------------------------------------------------- LSTM
X = rng.normal(size=(T, B, F))
W = rng.normal(scale=0.5, size=(F, 4 * H)); U = rng.normal(scale=0.5, size=(H, 4 * H))
bb = rng.normal(scale=0.3, size=(1, 4 * H)); G = rng.normal(size=(T, B, H))
h0 = rng.normal(scale=0.3, size=(B, H)); c0 = rng.normal(scale=0.3, size=(B, H))
sl = {k: slice(j * H, (j + 1) * H) for j, k in enumerate("ifgo")}

def lstm(W, U, bb, pert=None):
    pert = pert or {}
    h, c = h0.copy(), c0.copy(); st = []
    for t in range(T):
        a = X[t] @ W + bb + h @ U
        a = a + pert.get(("a", t), 0)
        i, f, g, o = sig(a[:, sl["i"]]), sig(a[:, sl["f"]]), np.tanh(a[:, sl["g"]]), sig(a[:, sl["o"]])
        cp, hp = c, h
        c = f * c + i * g
        c = c + pert.get(("c", t), 0)
        h = o * np.tanh(c)
        h = h + pert.get(("h", t), 0)
        st.append(dict(a=a, i=i, f=f, g=g, o=o, c=c, h=h, cp=cp, hp=hp))
    L = sum(np.sum(G[t] * st[t]["h"]) for t in range(T))
    return L, st

def fd(fun, shape):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = EPS
        out[idx] = (fun(e) - fun(-e)) / (2 * EPS)
    return out

L0, S = lstm(W, U, bb)
dA = [fd(lambda e, t=t: lstm(W, U, bb, {("a", t): e})[0], (B, 4 * H)) for t in range(T)]
dC = [fd(lambda e, t=t: lstm(W, U, bb, {("c", t): e})[0], (B, H)) for t in range(T)]
dHt = [fd(lambda e, t=t: lstm(W, U, bb, {("h", t): e})[0], (B, H)) for t in range(T)]

# forward lines 10-15: packed-slice forward vs a per-gate implementation with split matrices
ok = True
h, c = h0.copy(), c0.copy()
for t in range(T):
    Wi, Wf, Wg, Wo = (W[:, sl[k]] for k in "ifgo"); Ui, Uf, Ug, Uo = (U[:, sl[k]] for k in "ifgo")
    bi, bf, bg, bo = (bb[:, sl[k]] for k in "ifgo")
    i = sig(X[t] @ Wi + bi + h @ Ui); f = sig(X[t] @ Wf + bf + h @ Uf)
    g = np.tanh(X[t] @ Wg + bg + h @ Ug); o = sig(X[t] @ Wo + bo + h @ Uo)
    c = f * c + i * g; h = o * np.tanh(c)
    ok &= close(i, S[t]["i"]) and close(f, S[t]["f"]) and close(g, S[t]["g"]) and close(o, S[t]["o"])
    ok &= close(c, S[t]["c"]) and close(h, S[t]["h"])
for ln in ("10", "11", "12", "13", "14", "15"):
    report(ln, ok)

# line 32: delta^h_t and delta^c_t with true upstream
ok32 = True
for t in range(T):
    dgn = dA[t + 1] if t + 1 < T else np.zeros((B, 4 * H))
    dcn = dC[t + 1] if t + 1 < T else np.zeros((B, H))
    fn = S[t + 1]["f"] if t + 1 < T else np.zeros((B, H))
    dh = G[t] + dgn @ U.T
    dc = dHt[t] * S[t]["o"] * (1 - np.tanh(S[t]["c"]) ** 2) + dcn * fn
    ok32 &= close(dh, dHt[t]) and close(dc, dC[t])
report("32", ok32)

# lines 37-41 with true delta^c_t and delta^h_t
oks = {k: True for k in ("37", "38", "39", "40", "41")}
for t in range(T):
    s = S[t]; dc, dh = dC[t], dHt[t]
    di = dc * s["g"] * s["i"] * (1 - s["i"]); df = dc * s["cp"] * s["f"] * (1 - s["f"])
    dg = dc * s["i"] * (1 - s["g"] ** 2); do = dh * np.tanh(s["c"]) * s["o"] * (1 - s["o"])
    oks["37"] &= close(di, dA[t][:, sl["i"]]); oks["38"] &= close(df, dA[t][:, sl["f"]])
    oks["39"] &= close(dg, dA[t][:, sl["g"]]); oks["40"] &= close(do, dA[t][:, sl["o"]])
    oks["41"] &= close(np.concatenate([dA[t][:, sl[k]] for k in "ifgo"], axis=1), dA[t])
for k, v in oks.items():
    report(k, v)

# line 44: dL/dW, dL/dU, dL/db with true delta^gates
gW = sum(X[t].T @ dA[t] for t in range(T)); gU = sum(S[t]["hp"].T @ dA[t] for t in range(T))
gb = sum(dA[t].sum(axis=0, keepdims=True) for t in range(T))
fW = fd(lambda e: lstm(W + e, U, bb)[0], W.shape); fU = fd(lambda e: lstm(W, U + e, bb)[0], U.shape)
fb = fd(lambda e: lstm(W, U, bb + e)[0], bb.shape)
report("44", close(gW, fW, 1e-5) and close(gU, fU, 1e-5) and close(gb, fb, 1e-5))

# ---------------------------------------------------------------- GRU
Wg_ = rng.normal(scale=0.5, size=(F, 3 * H)); Ug_ = rng.normal(scale=0.5, size=(H, 3 * H))
bg_ = rng.normal(scale=0.3, size=(1, 3 * H)); hg0 = rng.normal(scale=0.3, size=(B, H))
gs = {k: slice(j * H, (j + 1) * H) for j, k in enumerate("rzn")}

def gru(W, U, b, pert=None):
    pert = pert or {}
    h = hg0.copy(); st = []
    for t in range(T):
        xw = X[t] @ W + b
        ar = xw[:, gs["r"]] + (h @ U)[:, gs["r"]] + pert.get(("ar", t), 0)
        az = xw[:, gs["z"]] + (h @ U)[:, gs["z"]] + pert.get(("az", t), 0)
        r, z = sig(ar), sig(az)
        an = xw[:, gs["n"]] + ((r * h) @ U)[:, gs["n"]] + pert.get(("an", t), 0)
        n = np.tanh(an)
        hp = h
        h = (1 - z) * n + z * hp
        h = h + pert.get(("h", t), 0)
        st.append(dict(r=r, z=z, n=n, h=h, hp=hp))
    return sum(np.sum(G[t] * st[t]["h"]) for t in range(T)), st

L0g, SG = gru(Wg_, Ug_, bg_)
# forward lines 55-58: packed forward equals split-matrix forward
ok = True
h = hg0.copy()
for t in range(T):
    Wr, Wz, Wn = (Wg_[:, gs[k]] for k in "rzn"); Ur, Uz, Un = (Ug_[:, gs[k]] for k in "rzn")
    br, bz, bn = (bg_[:, gs[k]] for k in "rzn")
    r = sig(X[t] @ Wr + br + h @ Ur); z = sig(X[t] @ Wz + bz + h @ Uz)
    n = np.tanh(X[t] @ Wn + bn + (r * h) @ Un); h = (1 - z) * n + z * h
    ok &= close(r, SG[t]["r"]) and close(z, SG[t]["z"]) and close(n, SG[t]["n"]) and close(h, SG[t]["h"])
for ln in ("55", "56", "57", "58"):
    report(ln, ok)

dAr = [fd(lambda e, t=t: gru(Wg_, Ug_, bg_, {("ar", t): e})[0], (B, H)) for t in range(T)]
dAz = [fd(lambda e, t=t: gru(Wg_, Ug_, bg_, {("az", t): e})[0], (B, H)) for t in range(T)]
dAn = [fd(lambda e, t=t: gru(Wg_, Ug_, bg_, {("an", t): e})[0], (B, H)) for t in range(T)]
dHg = [fd(lambda e, t=t: gru(Wg_, Ug_, bg_, {("h", t): e})[0], (B, H)) for t in range(T)]
Ur, Uz, Un = (Ug_[:, gs[k]] for k in "rzn")
oks = {k: True for k in ("76", "77", "78", "83")}
for t in range(T):
    s = SG[t]; dh = dHg[t]
    dz = dh * (s["hp"] - s["n"]) * s["z"] * (1 - s["z"])
    dn = dh * (1 - s["z"]) * (1 - s["n"] ** 2)
    dr = (dAn[t] @ Un.T) * s["hp"] * s["r"] * (1 - s["r"])
    oks["76"] &= close(dz, dAz[t]); oks["77"] &= close(dn, dAn[t]); oks["78"] &= close(dr, dAr[t])
    if t >= 1:
        dprev = G[t - 1] + dh * s["z"] + (dAn[t] @ Un.T) * s["r"] + dAr[t] @ Ur.T + dAz[t] @ Uz.T
        oks["83"] &= close(dprev, dHg[t - 1])
for k, v in oks.items():
    report(k, v)
pk = lambda t: np.concatenate([dAr[t], dAz[t], dAn[t]], axis=1)
gW = sum(X[t].T @ pk(t) for t in range(T)); gb = sum(pk(t).sum(axis=0, keepdims=True) for t in range(T))
fW = fd(lambda e: gru(Wg_ + e, Ug_, bg_)[0], Wg_.shape); fb = fd(lambda e: gru(Wg_, Ug_, bg_ + e)[0], bg_.shape)
report("85", close(gW, fW, 1e-5) and close(gb, fb, 1e-5))
fU = fd(lambda e: gru(Wg_, Ug_ + e, bg_)[0], Ug_.shape)
gUr = sum(SG[t]["hp"].T @ dAr[t] for t in range(T)); gUz = sum(SG[t]["hp"].T @ dAz[t] for t in range(T))
gUn = sum((SG[t]["r"] * SG[t]["hp"]).T @ dAn[t] for t in range(T))
report("87", close(gUr, fU[:, gs["r"]], 1e-5) and close(gUz, fU[:, gs["z"]], 1e-5) and close(gUn, fU[:, gs["n"]], 1e-5))

# ---------------------------------------------------------------- verdicts
bad = 0
for ln in sorted(EXP, key=int):
    exp_pass = EXP[ln]["expected"] == "pass"
    got = results.get(ln)
    agree = got is not None and got == exp_pass
    bad += not agree
    print(f"line {ln}: {'OK' if agree else 'MISMATCH'} (expected {EXP[ln]['expected']}, fd says {'pass' if got else 'fail'})")
extra = set(results) - set(EXP)
if extra:
    print("checked but not annotated:", sorted(extra, key=int)); bad += 1
print("ALL AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
