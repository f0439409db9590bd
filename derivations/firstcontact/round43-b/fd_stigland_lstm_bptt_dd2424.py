"""Finite-difference check of stigland_lstm_bptt_dd2424.tex (numpy only).

Conventions (the author's): column-vector states, no biases,
  i_t = sig(W_i h_{t-1} + U_i x_t), f_t, e_t likewise, ct_t = tanh(W_c h_{t-1} + U_c x_t),
  c_t = f_t*c_{t-1} + i_t*ct_t, h_t = e_t*tanh(c_t), o_t = V h_t, p_t = softmax(o_t),
  L = -sum_t y_t^T log p_t (one-hot y_t).  Gradients w.r.t. vectors are ROW vectors (g_t = -(y_t-p_t)^T),
  juxtaposition of two vectors = element-wise product, vector x matrix = row-vector times matrix.
  h_0, c_0 are given (taken random, not learned).
Totals (g~_t = dL/dh_t, g^_t = dL/dc_t, dL/di_t, ...) are obtained by central differences on an additive
perturbation of that quantity inside the forward pass.  Each author line is evaluated with FD upstream
quantities (local judgement) and compared with the FD value of its left-hand side.
Multi-layer part: K = 3 layers, layer k input o^{(k-1)} (o^{(0)} = x), o^{(k)} = V^{(k)} h^{(k)},
p_t = softmax(o^{(K)}).
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FNAME = "stigland_lstm_bptt_dd2424.tex"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[FNAME]
rng = np.random.default_rng(7)
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
EPS = 1e-6
results = {}


def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    if a.shape != b.shape:
        return False
    return np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))


def report(line, ok):
    results[line] = "OK" if ok else "MISMATCH"


# ------------------------------------------------------------------ model
def make_layer(din, m, kout):
    s = 0.6
    return {n: rng.normal(scale=s, size=(m, m)) for n in ("Wi", "Wf", "We", "Wc")} | \
           {n: rng.normal(scale=s, size=(m, din)) for n in ("Ui", "Uf", "Ue", "Uc")} | \
           {"V": rng.normal(scale=s, size=(kout, m))}


def forward(layers, X, Y, h0s, c0s, pert=None):
    """X[t], Y[t] for t = 1..T (index 0 unused).  pert: {(name, k, t): vector} added to that quantity."""
    pert = pert or {}
    T = len(X) - 1
    P = lambda n, k, t: pert.get((n, k, t), 0.0)
    st = []
    inp = X
    for k, Pk in enumerate(layers):
        S = {n: [None] * (T + 1) for n in ("ai", "af", "ae", "ac", "i", "f", "e", "ct", "c", "h", "o", "x")}
        S["h"][0] = h0s[k] + P("h", k, 0); S["c"][0] = c0s[k] + P("c", k, 0)
        for t in range(1, T + 1):
            x = inp[t]; hp = S["h"][t - 1]; S["x"][t] = x
            S["ai"][t] = Pk["Wi"] @ hp + Pk["Ui"] @ x
            S["af"][t] = Pk["Wf"] @ hp + Pk["Uf"] @ x
            S["ae"][t] = Pk["We"] @ hp + Pk["Ue"] @ x
            S["ac"][t] = Pk["Wc"] @ hp + Pk["Uc"] @ x
            S["i"][t] = sig(S["ai"][t]) + P("i", k, t)
            S["f"][t] = sig(S["af"][t]) + P("f", k, t)
            S["e"][t] = sig(S["ae"][t]) + P("e", k, t)
            S["ct"][t] = np.tanh(S["ac"][t]) + P("ct", k, t)
            S["c"][t] = S["f"][t] * S["c"][t - 1] + S["i"][t] * S["ct"][t] + P("c", k, t)
            S["h"][t] = S["e"][t] * np.tanh(S["c"][t]) + P("h", k, t)
            S["o"][t] = Pk["V"] @ S["h"][t] + P("o", k, t)
        st.append(S)
        inp = S["o"]
    L = 0.0; ps = [None] * (T + 1)
    for t in range(1, T + 1):
        o = st[-1]["o"][t]
        z = o - o.max(); p = np.exp(z) / np.exp(z).sum(); ps[t] = p
        L += -np.log(p[Y[t]])
    return L, st, ps


def fd_vec(layers, X, Y, h0s, c0s, name, k, t, dim):
    g = np.zeros(dim)
    for j in range(dim):
        d = np.zeros(dim); d[j] = EPS
        g[j] = (forward(layers, X, Y, h0s, c0s, {(name, k, t): d})[0]
                - forward(layers, X, Y, h0s, c0s, {(name, k, t): -d})[0]) / (2 * EPS)
    return g


def fd_jac(layers, X, Y, h0s, c0s, src, dst):
    """Jacobian d dst / d src, src=(name,k,t) perturbed, dst=(name,k,t) read from the states."""
    n, k, t = src; dn, dk, dt = dst
    S0 = forward(layers, X, Y, h0s, c0s)[1]
    dim = len(S0[k][n][t]); out = len(S0[dk][dn][dt])
    J = np.zeros((out, dim))
    for j in range(dim):
        d = np.zeros(dim); d[j] = EPS
        a = forward(layers, X, Y, h0s, c0s, {src: d})[1][dk][dn][dt]
        b = forward(layers, X, Y, h0s, c0s, {src: -d})[1][dk][dn][dt]
        J[:, j] = (a - b) / (2 * EPS)
    return J


def fd_param(layers, X, Y, h0s, c0s, k, name):
    M = layers[k][name]; G = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        old = M[idx]
        M[idx] = old + EPS; lp = forward(layers, X, Y, h0s, c0s)[0]
        M[idx] = old - EPS; lm = forward(layers, X, Y, h0s, c0s)[0]
        M[idx] = old
        G[idx] = (lp - lm) / (2 * EPS)
    return G


# ================================================================== single layer (lines 66-140)
T, d, m, Kc = 4, 3, 3, 5          # Kc (output classes) != m on purpose
layers = [make_layer(d, m, Kc)]
X = [None] + [rng.normal(size=d) for _ in range(T)]
Y = [None] + list(rng.integers(0, Kc, size=T))
h0s = [rng.normal(scale=0.5, size=m)]; c0s = [rng.normal(scale=0.5, size=m)]
L0, st, ps = forward(layers, X, Y, h0s, c0s)
S = st[0]; Pm = layers[0]
onehot = lambda t, n=Kc: np.eye(n)[Y[t]]

# independent reference forward: stacked weights, gates split in another order
Wall = np.vstack([Pm["Wc"], Pm["We"], Pm["Wf"], Pm["Wi"]]); Uall = np.vstack([Pm["Uc"], Pm["Ue"], Pm["Uf"], Pm["Ui"]])
hr, cr = h0s[0].copy(), c0s[0].copy(); ref = {n: [None] * (T + 1) for n in ("i", "f", "e", "ct", "c", "h", "o", "p")}
for t in range(1, T + 1):
    z = Wall @ hr + Uall @ X[t]
    zc, ze, zf, zi = np.split(z, 4)
    ref["ct"][t] = np.tanh(zc); ref["e"][t] = sig(ze); ref["f"][t] = sig(zf); ref["i"][t] = sig(zi)
    cr = ref["f"][t] * cr + ref["i"][t] * ref["ct"][t]; hr = ref["e"][t] * np.tanh(cr)
    ref["c"][t] = cr; ref["h"][t] = hr; ref["o"][t] = Pm["V"] @ hr
    ref["p"][t] = np.exp(ref["o"][t]) / np.exp(ref["o"][t]).sum()
for line, n in zip(range(66, 73), ("i", "f", "e", "ct", "c", "h", "o")):
    report(line, all(close(S[n][t], ref[n][t], 1e-12) for t in range(1, T + 1)))
report(73, all(close(ps[t], ref["p"][t], 1e-12) for t in range(1, T + 1)))
report(90, all(close(S["i"][t], sig(S["ai"][t]), 1e-14) for t in range(1, T + 1)))

# FD totals
G = {n: [None] * (T + 1) for n in ("o", "h", "c", "i", "f", "e", "ct")}
dims = {"o": Kc, "h": m, "c": m, "i": m, "f": m, "e": m, "ct": m}
for n in G:
    for t in range(1, T + 1):
        G[n][t] = fd_vec(layers, X, Y, h0s, c0s, n, 0, t, dims[n])
g = [None] + [-(onehot(t) - ps[t]) for t in range(1, T + 1)]      # line 79 (row vector as 1-D)
report(79, all(close(g[t], G["o"][t]) for t in range(1, T + 1)))
report(84, close(g[T] @ Pm["V"], G["h"][T]))
report(86, close((g[T] @ Pm["V"]) * S["e"][T] * (1 - np.tanh(S["c"][T]) ** 2), G["c"][T]))

dsig = lambda s: s * (1 - s)
ok93 = ok94 = ok95 = ok97 = ok98 = ok99 = True
for t in range(1, T):
    # 93: g_t V + (dL/do_{t+1}) (d o_{t+1} / d h_t)   (total Jacobian of o_{t+1} w.r.t. h_t)
    Jo = fd_jac(layers, X, Y, h0s, c0s, ("h", 0, t), ("o", 0, t + 1))
    ok93 &= close(g[t] @ Pm["V"] + g[t + 1] @ Jo, G["h"][t])
    # 94: g_t V + sum_gates (dL/dgate_{t+1}) (d gate_{t+1} / d h_t)
    tot = g[t] @ Pm["V"]
    for n in ("i", "f", "e", "ct"):
        tot = tot + G[n][t + 1] @ fd_jac(layers, X, Y, h0s, c0s, ("h", 0, t), (n, 0, t + 1))
    ok94 &= close(tot, G["h"][t])
    # 95: explicit activation derivatives times W
    a95 = (g[t] @ Pm["V"] + (G["i"][t + 1] * dsig(S["i"][t + 1])) @ Pm["Wi"]
           + (G["f"][t + 1] * dsig(S["f"][t + 1])) @ Pm["Wf"] + (G["e"][t + 1] * dsig(S["e"][t + 1])) @ Pm["We"]
           + (G["ct"][t + 1] * (1 - S["ct"][t + 1] ** 2)) @ Pm["Wc"])
    ok95 &= close(a95, G["h"][t])
    # 97: g_t V dh_t/dc_t + g_{t+1} V dh_{t+1}/dc_{t+1} dc_{t+1}/dc_t
    dhdc = lambda s: S["e"][s] * (1 - np.tanh(S["c"][s]) ** 2)
    a97 = (g[t] @ Pm["V"]) * dhdc(t) + ((g[t + 1] @ Pm["V"]) * dhdc(t + 1)) * S["f"][t + 1]
    ok97 &= close(a97, G["c"][t])
    # 98: g_t V e_t(1-tanh^2 c_t) + (dL/dc_{t+1}) (dc_{t+1}/dc_t); partial reading = diag(f_{t+1}),
    #     total reading = FD Jacobian of c_{t+1} w.r.t. c_t (through h_t as well); both must fail to be a fail
    Jc = fd_jac(layers, X, Y, h0s, c0s, ("c", 0, t), ("c", 0, t + 1))
    part = (g[t] @ Pm["V"]) * dhdc(t) + G["c"][t + 1] * S["f"][t + 1]
    total = (g[t] @ Pm["V"]) * dhdc(t) + G["c"][t + 1] @ Jc
    ok98 &= (close(part, G["c"][t]) or close(total, G["c"][t]))
    ok99 &= close(part, G["c"][t])
    # sanity: the correct recursion uses the full dL/dh_t
    assert close(G["h"][t] * dhdc(t) + G["c"][t + 1] * S["f"][t + 1], G["c"][t])
report(93, ok93); report(94, ok94); report(95, ok95)
report(97, ok97); report(98, ok98); report(99, ok99)

ok = {114: True, 115: True, 116: True, 117: True}
for t in range(2, T + 1):
    gh, gc = G["h"][t], G["c"][t]
    J = {n: fd_jac(layers, X, Y, h0s, c0s, ("h", 0, t - 1), (n, 0, t)) for n in ("i", "f", "e", "ct")}
    ai, af, ae, ac = S["ai"][t], S["af"][t], S["ae"][t], S["ac"][t]
    lhs = {n: G[n][t] @ J[n] for n in J}
    r114a = (gc * S["ct"][t] * sig(ai) * (1 - sig(ai))) @ Pm["Wi"]; r114b = (gc * S["ct"][t] * dsig(S["i"][t])) @ Pm["Wi"]
    r115a = (gc * S["c"][t - 1] * sig(af) * (1 - sig(af))) @ Pm["Wf"]; r115b = (gc * S["c"][t - 1] * dsig(S["f"][t])) @ Pm["Wf"]
    r116a = (gh * np.tanh(S["c"][t]) * sig(ae) * (1 - sig(ae))) @ Pm["We"]; r116b = (gh * np.tanh(S["c"][t]) * dsig(S["e"][t])) @ Pm["We"]
    r117a = (gc * S["i"][t] * (1 - np.tanh(ac) ** 2)) @ Pm["Wc"]; r117b = (gc * S["i"][t] * (1 - S["ct"][t] ** 2)) @ Pm["Wc"]
    ok[114] &= close(r114a, lhs["i"]) and close(r114b, lhs["i"])
    ok[115] &= close(r115a, lhs["f"]) and close(r115b, lhs["f"])
    ok[116] &= close(r116a, lhs["e"]) and close(r116b, lhs["e"])
    ok[117] &= close(r117a, lhs["ct"]) and close(r117b, lhs["ct"])
for line in ok:
    report(line, ok[line])

# 132-140: weight gradients.  Author: sum_t delta_t z_t with delta_t a ROW vector and z_t a column vector.
deltas = {
    "i": [None] + [G["c"][t] * S["ct"][t] * dsig(S["i"][t]) for t in range(1, T + 1)],
    "f": [None] + [G["c"][t] * S["c"][t - 1] * dsig(S["f"][t]) for t in range(1, T + 1)],
    "e": [None] + [G["h"][t] * np.tanh(S["c"][t]) * dsig(S["e"][t]) for t in range(1, T + 1)],
    "c": [None] + [G["c"][t] * S["i"][t] * (1 - S["ct"][t] ** 2) for t in range(1, T + 1)],
}
plan = [(132, "Wi", "i", "h"), (133, "Ui", "i", "x"), (134, "Wf", "f", "h"), (135, "Uf", "f", "x"),
        (136, "We", "e", "h"), (137, "Ue", "e", "x"), (138, "Wc", "c", "h"), (139, "Uc", "c", "x")]
for line, pname, gate, zn in plan:
    fd = fd_param(layers, X, Y, h0s, c0s, 0, pname)
    z = (lambda t: S["h"][t - 1]) if zn == "h" else (lambda t: X[t])
    read_matmul = sum(deltas[gate][t] @ z(t) for t in range(1, T + 1))          # row . column = scalar
    read_elem = sum(deltas[gate][t] * z(t) for t in range(1, T + 1)) if m == len(z(1)) else None
    outer = sum(np.outer(deltas[gate][t], z(t)) for t in range(1, T + 1))       # what it should be
    assert close(outer, fd), (line, "outer product should match")
    report(line, close(read_matmul, fd) or (read_elem is not None and close(read_elem, fd)))
fdV = fd_param(layers, X, Y, h0s, c0s, 0, "V")
try:
    a140 = sum(np.dot(g[t], S["h"][t]) for t in range(1, T + 1))  # (1 x Kc) times (m x 1): non-conformable
except ValueError:
    a140 = None
assert close(sum(np.outer(g[t], S["h"][t]) for t in range(1, T + 1)), fdV)
report(140, a140 is not None and close(a140, fdV))

# ================================================================== multi-layer (lines 147-191)
K = 3
T2, d2, m2, Kc2 = 4, 3, 3, 4
layersM = [make_layer(d2, m2, m2), make_layer(m2, m2, m2), make_layer(m2, m2, Kc2)]
X2 = [None] + [rng.normal(size=d2) for _ in range(T2)]
Y2 = [None] + list(rng.integers(0, Kc2, size=T2))
h0M = [rng.normal(scale=0.5, size=m2) for _ in range(K)]; c0M = [rng.normal(scale=0.5, size=m2) for _ in range(K)]
L2, stM, psM = forward(layersM, X2, Y2, h0M, c0M)
report(147, all(close(stM[k]["x"][t], stM[k - 1]["o"][t], 0) for k in range(1, K) for t in range(1, T2 + 1))
       and all(close(stM[0]["x"][t], X2[t], 0) for t in range(1, T2 + 1)))
# reference multi-layer forward (independent loop, stacked weights)
okf = {l: True for l in range(150, 157)}
inp = X2
for k in range(K):
    Pk = layersM[k]; hr, cr = h0M[k].copy(), c0M[k].copy(); outs = [None]
    for t in range(1, T2 + 1):
        z = np.vstack([Pk["Wi"], Pk["Wf"], Pk["We"], Pk["Wc"]]) @ hr + np.vstack([Pk["Ui"], Pk["Uf"], Pk["Ue"], Pk["Uc"]]) @ inp[t]
        zi, zf, ze, zc = np.split(z, 4)
        vals = {"i": sig(zi), "f": sig(zf), "e": sig(ze), "ct": np.tanh(zc)}
        cr = vals["f"] * cr + vals["i"] * vals["ct"]; hr = vals["e"] * np.tanh(cr)
        vals.update(c=cr, h=hr, o=Pk["V"] @ hr); outs.append(vals["o"])
        for l, n in zip(range(150, 157), ("i", "f", "e", "ct", "c", "h", "o")):
            okf[l] &= close(stM[k][n][t], vals[n], 1e-12)
    inp = outs
for l in okf:
    report(l, okf[l])
report(159, all(close(psM[t], np.exp(stM[-1]["o"][t]) / np.exp(stM[-1]["o"][t]).sum(), 1e-12) for t in range(1, T2 + 1)))

GM = {}
for k in range(K):
    for n, dim in (("o", Kc2 if k == K - 1 else m2), ("h", m2), ("c", m2), ("i", m2), ("f", m2), ("e", m2), ("ct", m2)):
        for t in range(1, T2 + 1):
            GM[(n, k, t)] = fd_vec(layersM, X2, Y2, h0M, c0M, n, k, t, dim)


def lower_from_upper(k_up, t):
    """author's expression for dL/do_t^{(k_up-1)} in terms of layer k_up quantities (lines 164 / 173)."""
    S_, P_ = stM[k_up], layersM[k_up]
    gc, gh = GM[("c", k_up, t)], GM[("h", k_up, t)]
    return ((gc * S_["ct"][t] * dsig(S_["i"][t])) @ P_["Ui"] + (gc * S_["c"][t - 1] * dsig(S_["f"][t])) @ P_["Uf"]
            + (gh * np.tanh(S_["c"][t]) * dsig(S_["e"][t])) @ P_["Ue"] + (gc * S_["i"][t] * (1 - S_["ct"][t] ** 2)) @ P_["Uc"])


ok163 = ok164 = ok173 = True
for t in range(1, T2 + 1):
    tot = 0
    for n in ("i", "f", "e", "ct"):
        tot = tot + GM[(n, K - 1, t)] @ fd_jac(layersM, X2, Y2, h0M, c0M, ("o", K - 2, t), (n, K - 1, t))
    ok163 &= close(tot, GM[("o", K - 2, t)])
    ok164 &= close(lower_from_upper(K - 1, t), GM[("o", K - 2, t)])
    ok173 &= close(lower_from_upper(1, t), GM[("o", 0, t)])       # k = 1, k+1 = 2 (a middle layer)
report(163, ok163); report(164, ok164)
report(170, all(close(-(np.eye(Kc2)[Y2[t]] - psM[t]), GM[("o", K - 1, t)]) for t in range(1, T2 + 1)))
report(173, ok173)
k = 0; Sk, Pk = stM[k], layersM[k]
gk = lambda t: GM[("o", k, t)]
report(182, close(gk(T2) @ Pk["V"], GM[("h", k, T2)]))
report(184, close((gk(T2) @ Pk["V"]) * Sk["e"][T2] * (1 - np.tanh(Sk["c"][T2]) ** 2), GM[("c", k, T2)]))
ok190 = ok191 = True
for t in range(1, T2):
    a190 = (gk(t) @ Pk["V"] + (GM[("i", k, t + 1)] * dsig(Sk["i"][t + 1])) @ Pk["Wi"]
            + (GM[("f", k, t + 1)] * dsig(Sk["f"][t + 1])) @ Pk["Wf"] + (GM[("e", k, t + 1)] * dsig(Sk["e"][t + 1])) @ Pk["We"]
            + (GM[("ct", k, t + 1)] * (1 - Sk["ct"][t + 1] ** 2)) @ Pk["Wc"])
    ok190 &= close(a190, GM[("h", k, t)])
    a191 = (gk(t) @ Pk["V"]) * Sk["e"][t] * (1 - np.tanh(Sk["c"][t]) ** 2) + GM[("c", k, t + 1)] * Sk["f"][t + 1]
    ok191 &= close(a191, GM[("c", k, t)])
report(190, ok190); report(191, ok191)

# ------------------------------------------------------------------ summary
agree = 0
for line in sorted(results):
    exp = EXP[str(line)]["expected"]
    want = "OK" if exp == "pass" else "MISMATCH"
    a = results[line] == want
    agree += a
    print(f"line {line:4d}: {results[line]:8s} expected {exp:4s} -> {'agrees' if a else 'DISAGREES'}")
missing = sorted(set(map(int, EXP)) - set(results))
print(f"{agree}/{len(results)} agree; annotated but unchecked: {missing}")
