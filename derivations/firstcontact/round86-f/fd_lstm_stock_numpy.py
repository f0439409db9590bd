"""Finite-difference check of lstm_stock_numpy.py (search-index file id 17943988897).
numpy only.  Author's conventions: column vectors, z = [hPrev; x], gates f,i,cBar,o from W* @ z + b*,
c = f*cPrev + i*cBar, h = o*tanh(c), yPred = Wv@h + bv (scalar output), loss in oneIter
L_author = (1/T) * sum_t (yPred_t - Y_t)^2 ; the seed dv = yPred - y corresponds to L_half = 1/2 sum_t (...)^2.
oneIter itself cannot run (dhNext is used before assignment); we drive backwardStep with dhNext = 0."""
import numpy as np

rng = np.random.default_rng(0)
H, D, T = 3, 2, 4
sig = lambda x: 1 / (1 + np.exp(-x))
P = {k: rng.normal(0, 0.6, (H, H + D)) for k in ("Wf", "Wi", "Wc", "Wo")}
P.update({k: rng.normal(0, 0.3, (H, 1)) for k in ("bf", "bi", "bc", "bo")})
P["Wv"] = rng.normal(0, 0.6, (1, H)); P["bv"] = rng.normal(0, 0.3, (1, 1))
X = rng.normal(size=(T, D, 1)); Y = rng.normal(size=T)


def forward(P, pert=None):
    pert = pert or {}
    g = lambda name, t, shape: pert.get((name, t), np.zeros(shape))
    h = np.zeros((H, 1)); c = np.zeros((H, 1)); out = []
    for t in range(T):
        z = np.vstack((h, X[t])) + g("z", t, (H + D, 1))
        af = P["Wf"] @ z + P["bf"] + g("af", t, (H, 1))
        ai = P["Wi"] @ z + P["bi"] + g("ai", t, (H, 1))
        ac = P["Wc"] @ z + P["bc"] + g("ac", t, (H, 1))
        ao = P["Wo"] @ z + P["bo"] + g("ao", t, (H, 1))
        f, i, cBar, o = sig(af), sig(ai), np.tanh(ac), sig(ao)
        cPrev = c
        c = f * cPrev + i * cBar + g("c", t, (H, 1))
        h = o * np.tanh(c) + g("h", t, (H, 1))
        yPred = P["Wv"] @ h + P["bv"]
        out.append(dict(z=z, f=f, i=i, cBar=cBar, o=o, c=c, cPrev=cPrev, h=h, yPred=yPred))
    return out


def L_half(P, pert=None):
    return sum(0.5 * (s["yPred"][0, 0] - Y[t]) ** 2 for t, s in enumerate(forward(P, pert)))


def L_author(P, pert=None):
    return sum((s["yPred"][0, 0] - Y[t]) ** 2 for t, s in enumerate(forward(P, pert))) / T


def fd_pert(Lfun, name, t, shape, eps=1e-6):
    gr = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        gr[idx] = (Lfun(P, {(name, t): e}) - Lfun(P, {(name, t): -e})) / (2 * eps)
    return gr


def fd_param(Lfun, k, eps=1e-6):
    gr = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Q = {kk: v.copy() for kk, v in P.items()}; Q[k][idx] += eps; a = Lfun(Q)
        Q[k][idx] -= 2 * eps; b = Lfun(Q); gr[idx] = (a - b) / (2 * eps)
    return gr


ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
rows = []
S = forward(P)
# true gradients under L_half (the convention the seed dv = yPred - y belongs to)
gh = [fd_pert(L_half, "h", t, (H, 1)) for t in range(T)]
gc = [fd_pert(L_half, "c", t, (H, 1)) for t in range(T)]
ga = {n: [fd_pert(L_half, n, t, (H, 1)) for t in range(T)] for n in ("af", "ai", "ac", "ao")}
gz = [fd_pert(L_half, "z", t, (H + D, 1)) for t in range(T)]

# line 199: dv = yPred - y, versus dL/dyPred of the author's own loss (1/T) sum (yPred - Y)^2
t = T - 1
dv = S[t]["yPred"] - Y[t]
true_dv_author = 2 * (S[t]["yPred"] - Y[t]) / T
rows.append(("199 dv = yPred - y  vs d L_author/dyPred = 2(yPred-y)/T", ok(dv, true_dv_author)))
rows.append(("199 dv = yPred - y  vs d L_half/dyPred (1/2 convention)", True))

for t in range(T):
    s = S[t]
    dv = s["yPred"] - Y[t]
    dhNext_true = gh[t] - P["Wv"].T @ dv                     # part of dL/dh_t coming from step t+1
    dh = P["Wv"].T @ dv + dhNext_true                         # lines 204-205
    rows.append((f"204-205 dh (t={t})", ok(dh, gh[t])))
    do = dh * np.tanh(s["c"]) * s["o"] * (1 - s["o"])         # line 208
    rows.append((f"208 do = dL/da_o (t={t})", ok(do, ga["ao"][t])))
    dcNext_true = (S[t + 1]["f"] * gc[t + 1]) if t + 1 < T else np.zeros((H, 1))
    dc = dh * s["o"] * (1 - np.tanh(s["c"]) ** 2) + dcNext_true   # lines 212-213
    rows.append((f"212-213 dc (t={t})", ok(dc, gc[t])))
    da = dc * s["i"] * (1 - s["cBar"] ** 2)                   # line 216
    rows.append((f"216 da = dL/da_c (t={t})", ok(da, ga["ac"][t])))
    di = dc * s["cBar"] * s["i"] * (1 - s["i"])               # line 221
    rows.append((f"221 di = dL/da_i (t={t})", ok(di, ga["ai"][t])))
    df = dc * s["cPrev"] * s["f"] * (1 - s["f"])              # line 226 (cNext is c[t-1])
    rows.append((f"226 df = dL/da_f (t={t})", ok(df, ga["af"][t])))
    dz = P["Wf"].T @ df + P["Wi"].T @ di + P["Wc"].T @ dc + P["Wo"].T @ do    # line 231 as written
    dz_fix = P["Wf"].T @ df + P["Wi"].T @ di + P["Wc"].T @ da + P["Wo"].T @ do
    rows.append((f"231 dz as written (Wc.T @ dc) vs dL/dz (t={t})", ok(dz, gz[t])))
    rows.append((f"231 dz with Wc.T @ da instead (t={t}) [control]", ok(dz_fix, gz[t])))
    if t > 0:
        # line 236: dhNext = dz[:H] (with a correct dz) = part of dL/dh_{t-1} through step t
        rows.append((f"236 dhNext = dz[:H] (t={t}, correct dz)", ok(dz_fix[:H], gh[t - 1] - P["Wv"].T @ (S[t - 1]["yPred"] - Y[t - 1]))))
        # line 237: dcNext = f*dc = part of dL/dc_{t-1} through c_t
        part = gc[t - 1] - gh[t - 1] * S[t - 1]["o"] * (1 - np.tanh(S[t - 1]["c"]) ** 2)
        rows.append((f"237 dcNext = f*dc (t={t})", ok(s["f"] * dc, part)))

# per-step weight accumulations (lines 201/202, 209/210, 217/218, 222/223, 227/228) with true per-step deltas
acc = {k: np.zeros_like(P[k]) for k in P}
for t in range(T):
    s = S[t]; dv = s["yPred"] - Y[t]
    acc["Wv"] += dv @ s["h"].T; acc["bv"] += dv
    for k, n in (("o", "ao"), ("c", "ac"), ("i", "ai"), ("f", "af")):
        acc["W" + k] += ga[n][t] @ s["z"].T; acc["b" + k] += ga[n][t]
for k in ("Wv", "bv", "Wo", "bo", "Wc", "bc", "Wi", "bi", "Wf", "bf"):
    rows.append((f"accumulated d{k} (sum over t of per-step lines, true deltas) vs FD", ok(acc[k], fd_param(L_half, k))))

# the author's backwardStep run as written over the whole sequence (dhNext starts at 0)
A = {k: np.zeros_like(P[k]) for k in P}
dhN = np.zeros((H, 1)); dcN = np.zeros((H, 1))
for t in reversed(range(T)):
    s = S[t]
    dv = np.copy(s["yPred"]); dv[0][0] = s["yPred"][0][0] - Y[t]
    A["Wv"] += dv @ s["h"].T; A["bv"] += dv
    dh = P["Wv"].T @ dv + dhN
    do = dh * np.tanh(s["c"]) * s["o"] * (1 - s["o"]); A["Wo"] += do @ s["z"].T; A["bo"] += do
    dc = dh * s["o"] * (1 - np.tanh(s["c"]) ** 2) + dcN
    da = dc * s["i"] * (1 - s["cBar"] ** 2); A["Wc"] += da @ s["z"].T; A["bc"] += da
    di = dc * s["cBar"] * s["i"] * (1 - s["i"]); A["Wi"] += di @ s["z"].T; A["bi"] += di
    df = dc * s["cPrev"] * s["f"] * (1 - s["f"]); A["Wf"] += df @ s["z"].T; A["bf"] += df
    dz = P["Wf"].T @ df + P["Wi"].T @ di + P["Wc"].T @ dc + P["Wo"].T @ do
    dhN = dz[:H, :]; dcN = s["f"] * dc
for k in ("Wv", "Wo", "Wc", "Wi", "Wf", "bf"):
    rows.append((f"author's full backward d{k} vs FD of L_half", ok(A[k], fd_param(L_half, k))))
    rows.append((f"author's full backward d{k} vs FD of L_author", ok(A[k], fd_param(L_author, k))))

for name, good in rows:
    print(("AGREE   " if good else "DIFFER  ") + name)
