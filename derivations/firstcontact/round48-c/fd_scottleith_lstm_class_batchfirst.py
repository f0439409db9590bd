"""Finite-difference check of scottleith_lstm_class_batchfirst.md (numpy only).

Each annotated statement is taken from the .md by its line number (tab indentation stripped) and executed on its own in
a namespace holding the TRUE upstream values: `self` is a plain namespace with the forward caches of the author's
STATED model (batch-first arrays (N, T, H); hx_t = [x_t, h_{t-1}]; every gate with its own bias, the output gate with bo)
and with the true upstream gradients.  True gradients come from central differences of the loss
L = 0.5 * sum((output - y)**2), output = h_T Wy + by, with respect to the parameters and to small perturbations added to
the intermediate quantities (h_t, c_t, the gate pre-activations, the copy of hx_t that enters each gate, and the
c_{t-1} that enters step t).  The activation helpers of the lstm_utils.py fence are exec'd and used as `sigmoid`, `tanh`.
"""
import json, os, types, warnings
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "scottleith_lstm_class_batchfirst.md"
LINES = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
EPS = 1e-6
rng = np.random.default_rng(48)


def stmt(n):
    return LINES[n - 1].strip()


def need(n, text):
    assert text in LINES[n - 1], (n, LINES[n - 1], text)


def close(a, b, tol=1e-6):
    a, b = np.asarray(a, float), np.asarray(b, float)
    if a.size != b.size:
        return False
    a, b = a.reshape(b.shape), b
    return np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))


# ---- the two fences
fences, cur, inside = [], [], False
for l in LINES:
    if l.startswith("```python"):
        inside, cur = True, []
    elif l.startswith("```") and inside:
        inside = False; fences.append("\n".join(cur))
    elif inside:
        cur.append(l)
utils = types.ModuleType("lstm_utils"); utils.np = np
exec(fences[1], utils.__dict__)
# the class fence parses (the test section at its end needs data, so it is cut off before exec)
warnings.simplefilter("ignore", SyntaxWarning)
cls_src = fences[0].split("#----Time to test our class!")[0]
clsmod = {"np": np}
exec(compile(cls_src, "lstm_class", "exec"), clsmod)
assert "LstmSimpleClass" in clsmod

# ---- sizes and parameters (stated model)
N, T, D, H, O = 3, 4, 2, 5, 2
P = {}
for g in "fico":
    P["W" + g] = rng.normal(0, 0.5, (D + H, H))
    P["b" + g] = rng.normal(0, 0.5, (1, H))
P["Wy"] = rng.normal(0, 0.5, (H, O)); P["by"] = rng.normal(0, 0.5, (1, O))
x = rng.normal(0, 1, (N, T, D)); y = rng.normal(0, 1, (N, O))
h0 = rng.normal(0, 0.5, (N, H)); c0 = rng.normal(0, 0.5, (N, H))

PERT = {"h": (N, T, H), "c": (N, T, H), "af": (N, T, H), "ai": (N, T, H), "ac": (N, T, H), "ao": (N, T, H),
        "hxf": (N, T, D + H), "hxi": (N, T, D + H), "hxc": (N, T, D + H), "hxo": (N, T, D + H), "cprev": (N, T, H)}


def sig(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def forward(P, E=None):
    E = E or {}
    e = lambda k: E.get(k, np.zeros(PERT[k]))
    C = {k: np.zeros((N, T, H)) for k in ("f", "i", "c", "o", "h_in", "h_out", "cell_state", "cprev")}
    C["hx"] = np.zeros((N, T, D + H))
    hp, cp = h0, c0
    for t in range(T):
        hx = np.hstack((x[:, t], hp))
        z = {g: (hx + e("hx" + g)[:, t]) @ P["W" + g] + P["b" + g] + e("a" + g)[:, t] for g in "fico"}
        f, i, o, ct = sig(z["f"]), sig(z["i"]), sig(z["o"]), np.tanh(z["c"])
        cpt = cp + e("cprev")[:, t]
        c = f * cpt + i * ct + e("c")[:, t]
        h = o * np.tanh(c) + e("h")[:, t]
        for k, v in (("f", f), ("i", i), ("c", ct), ("o", o), ("h_in", hp), ("h_out", h), ("cell_state", c),
                     ("cprev", cp)):
            C[k][:, t] = v
        C["hx"][:, t] = hx
        hp, cp = h, c
    out = hp @ P["Wy"] + P["by"]
    return 0.5 * np.sum((out - y) ** 2), C, out


def fd(fun, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(*arr.shape):
        o = arr[idx]
        arr[idx] = o + EPS; fp = fun()
        arr[idx] = o - EPS; fm = fun()
        arr[idx] = o
        g[idx] = (fp - fm) / (2 * EPS)
    return g


L0, C, output = forward(P)
G = {k: fd(lambda: forward(P)[0], P[k]) for k in P}                        # true parameter gradients
GE = {}
for k, shp in PERT.items():
    Ek = {k: np.zeros(shp)}
    GE[k] = fd(lambda: forward(P, Ek)[0], Ek[k])                           # true gradients of the hooks
outv = output.copy()
Gout = fd(lambda: 0.5 * np.sum((outv - y) ** 2), outv)
dhx_true = GE["hxf"] + GE["hxi"] + GE["hxc"] + GE["hxo"]                  # dL/dhx_t (this step's use only)
h_part = lambda t: dhx_true[:, t, D:] if t < T else np.zeros((N, H))    # part of dL/dh_{t-1} through step t
c_part = lambda t: GE["cprev"][:, t] if t < T else np.zeros((N, H))     # part of dL/dc_{t-1} through step t
direct = np.zeros((N, T, H)); direct[:, T - 1] = Gout @ P["Wy"].T       # direct (output-layer) part of dL/dh_t


def make_self(**over):
    S = types.SimpleNamespace(**{k: v.copy() for k, v in P.items()})
    S.h0, S.c0, S.n_timesteps, S.h_size, S.n_features = h0.copy(), c0.copy(), T, H, D
    for k in ("f", "i", "c", "o", "h_in", "h_out", "hx", "cell_state"):
        setattr(S, k, C[k].copy())
    for k, v in over.items():
        setattr(S, k, v)
    return S


def run(n, ns):
    base = {"np": np, "sigmoid": utils.sigmoid, "tanh": utils.tanh}
    base.update(ns)
    exec(stmt(n), base)
    return base


checks = {}


def put(n, ok):
    checks[n] = checks.get(n, True) and bool(ok)


# ---- forward lines
need(299, "output = np.dot"); S = make_self()
put(299, close(run(299, {"self": S})["output"], output))
for t in range(T):
    S = make_self(h_in=np.zeros((N, T, H))); run(319, {"self": S, "t": t}); put(319, close(S.h_in[:, t], C["h_in"][:, t]))
    S = make_self(hx=np.zeros((N, T, D + H))); run(320, {"self": S, "t": t, "x": x}); put(320, close(S.hx[:, t], C["hx"][:, t]))
    S = make_self(); S.cell_state[:, t] = 99.0; run(321, {"self": S, "t": t}); put(321, close(S.cell_state[:, t], C["cprev"][:, t]))
    for n, k in ((322, "f"), (323, "i"), (324, "c"), (326, "o")):
        S = make_self(**{k: np.zeros((N, T, H))}); run(n, {"self": S, "t": t}); put(n, close(getattr(S, k)[:, t], C[k][:, t]))
    S = make_self(); S.cell_state[:, t] = C["cprev"][:, t]; run(325, {"self": S, "t": t})
    put(325, close(S.cell_state[:, t], C["cell_state"][:, t]))
    S = make_self(h_out=np.zeros((N, T, H))); run(327, {"self": S, "t": t}); put(327, close(S.h_out[:, t], C["h_out"][:, t]))
need(326, "+ self.bi )")

# ---- backward: output layer
S = make_self(); run(347, {"self": S, "output": output, "y_batch": y}); put(347, close(S.dy, Gout))
S = make_self(dy=Gout.copy()); run(348, {"self": S}); put(348, close(S.dWy, G["Wy"]))
S = make_self(dy=Gout.copy()); run(349, {"self": S}); put(349, close(S.dby, G["by"]))
S = make_self(dy=Gout.copy(), dh_out=np.zeros((N, T, H))); run(350, {"self": S})
put(350, close(S.dh_out[:, T - 1], GE["h"][:, T - 1]))
ns = run(352, {})   # scalar zeros, broadcast against (N, H) in line 409 / 412
put(352, close(np.zeros((N, H)) + ns["dh_next"], h_part(T)) and close(np.zeros((N, H)) + ns["dc_next"], c_part(T)))

# ---- backward: one cell step, every t
acc = {n: None for n in (423, 424, 425, 426, 428, 429, 430, 431)}
accS = make_self(dWf=np.zeros_like(P["Wf"]), dWi=np.zeros_like(P["Wi"]), dWc=np.zeros_like(P["Wc"]),
                 dWo=np.zeros_like(P["Wo"]), dbf=np.zeros_like(P["bf"]), dbi=np.zeros_like(P["bi"]),
                 dbc=np.zeros_like(P["bc"]), dbo=np.zeros_like(P["bo"]),
                 df=GE["af"].copy(), di=GE["ai"].copy(), dc=GE["ac"].copy(), do=GE["ao"].copy())
for t in reversed(range(T)):
    S = make_self(dh_out=direct.copy()); run(409, {"self": S, "t": t, "dh_next": h_part(t + 1)})
    put(409, close(S.dh_out[:, t], GE["h"][:, t]))
    S = make_self(dh_out=GE["h"].copy(), do=np.zeros((N, T, H))); run(411, {"self": S, "t": t})
    put(411, close(S.do[:, t], GE["ao"][:, t]))
    S = make_self(dh_out=GE["h"].copy(), dcell_state=np.zeros((N, T, H))); run(412, {"self": S, "t": t, "dc_next": c_part(t + 1)})
    put(412, close(S.dcell_state[:, t], GE["c"][:, t]))
    S = make_self(dcell_state=GE["c"].copy(), df=np.zeros((N, T, H)))
    run(416 if t > 0 else 418, {"self": S, "t": t}); put(416 if t > 0 else 418, close(S.df[:, t], GE["af"][:, t]))
    S = make_self(dcell_state=GE["c"].copy(), di=np.zeros((N, T, H)), dc=np.zeros((N, T, H)))
    run(420, {"self": S, "t": t}); put(420, close(S.di[:, t], GE["ai"][:, t]))
    run(421, {"self": S, "t": t}); put(421, close(S.dc[:, t], GE["ac"][:, t]))
    for n in (423, 424, 425, 426, 428, 429, 430, 431):
        run(n, {"self": accS, "t": t})
    S = make_self(df=GE["af"].copy(), di=GE["ai"].copy(), dc=GE["ac"].copy(), do=GE["ao"].copy())
    for n, nm, g in ((433, "dhxf", "f"), (434, "dhxi", "i"), (435, "dhxo", "o"), (436, "dhxc", "c")):
        put(n, close(run(n, {"self": S, "t": t})[nm], GE["hx" + g][:, t]))
    ns = run(439, {"dhxf": GE["hxf"][:, t], "dhxi": GE["hxi"][:, t], "dhxo": GE["hxo"][:, t], "dhxc": GE["hxc"][:, t]})
    put(439, close(ns["dhx"], dhx_true[:, t]))
    S = make_self(); put(440, close(run(440, {"self": S, "dhx": dhx_true[:, t]})["dh_next"], h_part(t)))
    S = make_self(dcell_state=GE["c"].copy()); put(442, close(run(442, {"self": S, "t": t})["dc_next"], c_part(t)))
for n, k in ((423, "Wf"), (424, "Wi"), (425, "Wc"), (426, "Wo"), (428, "bf"), (429, "bi"), (430, "bo"), (431, "bc")):
    put(n, close(getattr(accS, "d" + k), G[k]))

# ---- activation helpers of lstm_utils.py
z = rng.normal(0, 2, (4, 3))
put(520, close(utils.sigmoid(z), sig(z)))
put(523, close(utils.tanh(z), np.tanh(z)))
put(526, close(utils.dsigmoid(sig(z)), (sig(z + EPS) - sig(z - EPS)) / (2 * EPS)))
put(529, close(utils.dtanh(np.tanh(z)), (np.tanh(z + EPS) - np.tanh(z - EPS)) / (2 * EPS)))
for n, txt in ((520, "return 1. / ( 1. + np.exp(-x) )"), (523, "return (np.exp(x)"), (526, "return x * (1. - x)"),
               (529, "return (1. - x**2)")):
    need(n, txt)

# information
print("info: line 412 with 1 - tanh(c)**2 instead of 1 - c**2 would match:",
      close(GE["h"][:, 1] * C["o"][:, 1] * (1 - np.tanh(C["cell_state"][:, 1]) ** 2) + c_part(2), GE["c"][:, 1]))
print("info: line 440 with dhx[:, n_features:] would match:", close(dhx_true[:, 2, D:], h_part(2)))

bad = 0
for k in sorted(EXP, key=int):
    n = int(k)
    got = "pass" if checks[n] else "fail"
    flag = "OK" if got == EXP[k]["expected"] else "MISMATCH"
    bad += flag != "OK"
    print("line %d: expected %s, fd says %s -> %s" % (n, EXP[k]["expected"], got, flag))
missing = set(checks) - {int(k) for k in EXP}
if missing:
    print("checked but not annotated:", sorted(missing)); bad += 1
print("ALL OK" if bad == 0 else "%d MISMATCH(ES)" % bad)
