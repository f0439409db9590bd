"""Finite-difference check of pylstm_lstm97_fgr_peephole.md (numpy only, float64).

Model = the document's forward pass (lines 19-42): peephole LSTM with full gate recurrence,
column vectors, a = W v (matrix times column vector); gradients dE/dv are handled as row
vectors (numerator layout), so "dE/da W" is computed as g_a @ W.  Gates f = sigmoid,
cell input f (b_Z) and output squashing f(s) = tanh (f'_s on line 74 = tanh').
Peephole weights W_{*,S} are taken as full matrices (the formulas hold for diagonal ones too).
Loss: E = sum_t sum(G_t * tanh(h^t)) (the "circ" output path of line 50/51 is its direct
partial G_t * (1 - tanh(h^t)^2)).  Total derivatives dE/dv^t of every node are obtained
numerically by adding a perturbation "tap" to that node in the forward pass; each line's
right-hand side is evaluated with those numeric totals and the true local Jacobians and
compared with the numeric left-hand side at every t = 1..T.
R-pass (lines 101-125, 130-131): Rv = d/de v(W + e V, x + e Rx) at e = 0, central differences.
Line 135: E_sq = 1/2 ||d - y||^2.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "pylstm_lstm97_fgr_peephole.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(97)
EPS, TOL = 1e-6, 1e-6
sig = lambda z: 1 / (1 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
dtanh = lambda z: 1 - np.tanh(z) ** 2

X, H, T = 3, 4, 4
GATES = "IFO"
W = {}
for g in GATES:
    W[g, "X"] = rng.normal(size=(H, X)) * 0.7
    W[g, "H"] = rng.normal(size=(H, H)) * 0.7
    W[g, "S"] = rng.normal(size=(H, H)) * 0.7
    for g2 in GATES:
        W[g, g2] = rng.normal(size=(H, H)) * 0.7
W["Z", "X"] = rng.normal(size=(H, X)) * 0.7
W["Z", "H"] = rng.normal(size=(H, H)) * 0.7
xs = rng.normal(size=(T + 1, X))
G = rng.normal(size=(T + 1, H))
h0, s0 = rng.normal(size=H) * 0.5, rng.normal(size=H) * 0.5
b0 = {g: sig(rng.normal(size=H)) for g in GATES}
NODES = ["aI", "bI", "aF", "bF", "aZ", "bZ", "s", "aO", "bO", "h"]


def forward(Wd, xs, taps=None):
    taps = taps or {}
    tap = lambda n, t, v: v + taps.get((n, t), 0.0)
    st = {("h", 0): h0, ("s", 0): s0}
    for g in GATES:
        st["b" + g, 0] = b0[g]
    for t in range(1, T + 1):
        hp, sp = st["h", t - 1], st["s", t - 1]
        rec = lambda g: sum(Wd[g, g2] @ st["b" + g2, t - 1] for g2 in GATES)
        st["aI", t] = tap("aI", t, Wd["I", "X"] @ xs[t] + Wd["I", "H"] @ hp + Wd["I", "S"] @ sp + rec("I"))
        st["bI", t] = tap("bI", t, sig(st["aI", t]))
        st["aF", t] = tap("aF", t, Wd["F", "X"] @ xs[t] + Wd["F", "H"] @ hp + Wd["F", "S"] @ sp + rec("F"))
        st["bF", t] = tap("bF", t, sig(st["aF", t]))
        st["aZ", t] = tap("aZ", t, Wd["Z", "X"] @ xs[t] + Wd["Z", "H"] @ hp)
        st["bZ", t] = tap("bZ", t, np.tanh(st["aZ", t]))
        st["s", t] = tap("s", t, st["bF", t] * sp + st["bI", t] * st["bZ", t])
        st["aO", t] = tap("aO", t, Wd["O", "X"] @ xs[t] + Wd["O", "H"] @ hp + Wd["O", "S"] @ st["s", t] + rec("O"))
        st["bO", t] = tap("bO", t, sig(st["aO", t]))
        st["h", t] = tap("h", t, st["bO", t] * np.tanh(st["s", t]))
    E = sum(np.sum(G[t] * np.tanh(st["h", t])) for t in range(1, T + 1))
    return E, st


E0, S = forward(W, xs)
# numeric total derivatives dE/dnode^t
D = {}
for n in NODES:
    for t in range(1, T + 1):
        g = np.zeros(H)
        for j in range(H):
            e = np.zeros(H); e[j] = EPS
            g[j] = (forward(W, xs, {(n, t): e})[0] - forward(W, xs, {(n, t): -e})[0]) / (2 * EPS)
        D[n, t] = g
for n in NODES:
    D[n, T + 1] = np.zeros(H)
Dnext = lambda n, t: D[n, t + 1]
Snext_bF = lambda t: S["bF", t + 1] if t < T else np.zeros(H)
direct_h = lambda t: G[t] * dtanh(S["h", t])

results = {}
def record(line, fn):
    errs = [np.max(np.abs(fn(t))) for t in range(1, T + 1)]
    m = max(errs)
    results[line] = ("pass" if m < TOL else "fail", "max|lhs-rhs|=%.2e" % m)

def defn(line):
    results[line] = ("pass", "definition used to build the forward pass")

for ln in (19, 20, 22, 23, 25, 26, 31, 36, 37, 42):
    defn(ln)

rowW = lambda g, a, b: g @ W[a, b]   # row-vector gradient times matrix
# line 50 and 51 (da^{t+1}/dh^t = W_{.,H})
for ln in (50, 51):
    record(ln, lambda t: D["h", t] - (direct_h(t) + rowW(Dnext("aI", t), "I", "H") + rowW(Dnext("aF", t), "F", "H")
                                      + rowW(Dnext("aZ", t), "Z", "H") + rowW(Dnext("aO", t), "O", "H")))
# line 56: true local Jacobians (da_I^{t+1}/db_O^t = W_{I,O} etc.)
record(56, lambda t: D["bO", t] - (D["h", t] * np.tanh(S["s", t]) + rowW(Dnext("aO", t), "O", "O")
                                   + rowW(Dnext("aI", t), "I", "O") + rowW(Dnext("aF", t), "F", "O")))
# line 57: as printed, W_{O,O}, W_{O,I}, W_{O,F}
record(57, lambda t: D["bO", t] - (D["h", t] * np.tanh(S["s", t]) + rowW(Dnext("aO", t), "O", "O")
                                   + rowW(Dnext("aI", t), "O", "I") + rowW(Dnext("aF", t), "O", "F")))
record(58, lambda t: D["aO", t] - D["bO", t] * dsig(S["aO", t]))
record(59, lambda t: D["aO", t] - D["bO", t] * dsig(S["aO", t]))
record(60, lambda t: D["aO", t] - D["h", t] * np.tanh(S["s", t]) * dsig(S["aO", t]))
for ln in (65, 66):
    record(ln, lambda t: D["s", t] - (D["h", t] * S["bO", t] * dtanh(S["s", t]) + rowW(D["aO", t], "O", "S")
                                      + Dnext("s", t) * Snext_bF(t) + rowW(Dnext("aF", t), "F", "S")
                                      + rowW(Dnext("aI", t), "I", "S")))
for ln in (71, 72):
    record(ln, lambda t: D["bZ", t] - D["s", t] * S["bI", t])
record(73, lambda t: D["aZ", t] - D["bZ", t] * dtanh(S["aZ", t]))
record(74, lambda t: D["aZ", t] - D["s", t] * S["bI", t] * dtanh(S["aZ", t]))
for ln in (79, 80):
    record(ln, lambda t: D["bF", t] - D["s", t] * S["s", t - 1])
for ln in (81, 82):
    record(ln, lambda t: D["aF", t] - D["bF", t] * dsig(S["aF", t]))
record(83, lambda t: D["aF", t] - D["s", t] * dsig(S["aF", t]) * S["s", t - 1])
for ln in (88, 89):
    record(ln, lambda t: D["bI", t] - D["s", t] * S["bZ", t])
for ln in (90, 91):
    record(ln, lambda t: D["aI", t] - D["bI", t] * dsig(S["aI", t]))
record(92, lambda t: D["aI", t] - D["s", t] * S["bZ", t] * dsig(S["aI", t]))

# ---------------- R-pass ----------------
V = {k: rng.normal(size=v.shape) for k, v in W.items()}
Rx = rng.normal(size=xs.shape)
Wy, Vy = rng.normal(size=(2, H)), rng.normal(size=(2, H))
def fwd_eps(e):
    We = {k: W[k] + e * V[k] for k in W}
    _, st = forward(We, xs + e * Rx)
    for t in range(1, T + 1):
        st["ay", t] = (Wy + e * Vy) @ st["h", t]
        st["y", t] = sig(st["ay", t])
    return st
Sp, Sm = fwd_eps(EPS), fwd_eps(-EPS)
R = {k: (Sp[k] - Sm[k]) / (2 * EPS) for k in Sp}
Rprev = lambda n, t: R[n, t - 1]
def lin(g, t, with_s=True, s_same=False):
    out = W[g, "X"] @ Rx[t] + V[g, "X"] @ xs[t] + W[g, "H"] @ Rprev("h", t) + V[g, "H"] @ S["h", t - 1]
    if with_s:
        sidx = t if s_same else t - 1
        out = out + W[g, "S"] @ R["s", sidx] + V[g, "S"] @ S["s", sidx]
    return out
record(101, lambda t: R["aI", t] - lin("I", t))
record(102, lambda t: R["bI", t] - dsig(S["aI", t]) * R["aI", t])
record(104, lambda t: R["aF", t] - lin("F", t))
record(105, lambda t: R["bF", t] - dsig(S["aF", t]) * R["aF", t])
record(107, lambda t: R["aZ", t] - lin("Z", t, with_s=False))
record(108, lambda t: R["bZ", t] - dtanh(S["aZ", t]) * R["aZ", t])
record(114, lambda t: R["s", t] - (R["bF", t] * S["s", t - 1] + S["bF", t] * Rprev("s", t)
                                   + R["bI", t] * S["bZ", t] + S["bI", t] * R["bZ", t]))
record(119, lambda t: R["aO", t] - lin("O", t, s_same=True))
record(120, lambda t: R["bO", t] - dsig(S["aO", t]) * R["aO", t])
record(125, lambda t: R["h", t] - (R["bO", t] * np.tanh(S["s", t]) + S["bO", t] * dtanh(S["s", t]) * R["s", t]))
record(130, lambda t: R["ay", t] - (Vy @ S["h", t] + Wy @ R["h", t]))
record(131, lambda t: R["y", t] - dsig(Wy @ S["h", t]) * R["ay", t])

# line 135: dE/dy for E = 1/2 ||d - y||^2
d, y = rng.normal(size=5), rng.normal(size=5)
Esq = lambda y: 0.5 * np.sum((d - y) ** 2)
gy = np.array([(Esq(y + e) - Esq(y - e)) / (2 * EPS) for e in np.eye(5) * EPS])
m = np.max(np.abs(gy - (d - y)))
results[135] = ("pass" if m < TOL else "fail", "max|dE/dy-(d-y)|=%.2e" % m)

bad = 0
for ln in sorted(set(int(k) for k in EXP) | set(results)):
    exp = EXP.get(str(ln), {}).get("expected")
    got = results.get(ln, (None, ""))
    print("line %d: expected %s, numeric %s %s" % (ln, exp, got[0], got[1]))
    if exp is None or got[0] is None or exp != got[0]:
        bad += 1
print("mismatches:", bad)
sys.exit(1 if bad else 0)
