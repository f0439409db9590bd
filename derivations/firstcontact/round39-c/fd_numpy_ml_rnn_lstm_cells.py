#!/usr/bin/env python3
"""Finite-difference check of numpy_ml_rnn_lstm_cells.md (numpy only).

Executes the author's python fences (Sigmoid, Tanh, RNNCell, LSTMCell) with small stubs for the
numpy-ml base classes that were cut (ActivationBase, LayerBase, ActivationInitializer,
WeightInitializer), runs T steps forward, feeds dL/dA_t = R_t for the loss L = sum_t sum(R_t * A_t),
captures the locals of each backward call, and compares every annotated quantity with an
independent forward pass with perturbation hooks + central differences.
"""
import json, os, re, sys
from abc import ABC, abstractmethod
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "numpy_ml_rnn_lstm_cells.md")
EXP = json.load(open(os.path.join(HERE, "expected.json")))["numpy_ml_rnn_lstm_cells.md"]
text = open(MD).read()
fences = re.findall(r"```python\n(.*?)```", text, re.S)
assert len(fences) == 4

# ---- stubs for the cut base classes -------------------------------------------------------------
class ActivationBase(ABC):
    def __init__(self, **kwargs):
        super().__init__()
    def __call__(self, z):
        if z.ndim == 1:
            z = z.reshape(1, -1)
        return self.fn(z)

class LayerBase:
    def __init__(self, optimizer=None):
        self.trainable = True
        self.optimizer = optimizer

RNG = np.random.RandomState(7)

class WeightInitializer:
    def __init__(self, act, mode=None):
        pass
    def __call__(self, shape):
        return RNG.randn(*shape) * 0.6

NS = {"np": np, "ActivationBase": ActivationBase, "LayerBase": LayerBase,
      "WeightInitializer": WeightInitializer}

class ActivationInitializer:
    def __init__(self, a):
        self.a = a
    def __call__(self):
        return NS[self.a]() if isinstance(self.a, str) else self.a
NS["ActivationInitializer"] = ActivationInitializer
for f in fences:
    exec(f, NS)
Sigmoid, Tanh, RNNCell, LSTMCell = NS["Sigmoid"], NS["Tanh"], NS["RNNCell"], NS["LSTMCell"]

results = {}
def rel(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return np.max(np.abs(a - b)) / max(1e-8, np.max(np.abs(b)))
def record(line, errs):
    e = max(errs) if isinstance(errs, (list, tuple)) else errs
    results[line] = max(results.get(line, 0.0), e)

H = 1e-6
def fd(f, x, h=H):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h; fp = f()
        x[i] = old - h; fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * h)
    return g

# ---- activation helpers ----------------------------------------------------------------------
x = np.linspace(-2.5, 2.5, 11).reshape(1, -1)
sig_ref = lambda z: 0.5 * (1 + np.tanh(z / 2))
tanh_ref = lambda z: np.sinh(z) / np.cosh(z)
d1 = lambda f, z, h=1e-5: (f(z + h) - f(z - h)) / (2 * h)
d2 = lambda f, z, h=1e-4: (f(z + h) - 2 * f(z) + f(z - h)) / h ** 2
s, th = Sigmoid(), Tanh()
record(22, rel(1 / (1 + np.exp(-x)), sig_ref(x)))                       # doc: sigma = 1/(1+e^-x)
record(24, rel(s.fn(x), sig_ref(x)))
record(32, rel(sig_ref(x) * (1 - sig_ref(x)), d1(sig_ref, x)))          # doc: sigma' = sigma(1-sigma)
record(35, rel(s.grad(x), d1(sig_ref, x)))
record(43, rel(sig_ref(x) * (1 - sig_ref(x)) * (1 - 2 * sig_ref(x)), d2(sig_ref, x)))  # doc sigma''
record(47, rel(s.grad2(x), d2(sig_ref, x)))
record(62, rel(th.fn(x), tanh_ref(x)))
record(71, rel(1 - tanh_ref(x) ** 2, d1(tanh_ref, x)))                   # doc: tanh' = 1 - tanh^2
record(73, rel(th.grad(x), d1(tanh_ref, x)))
record(82, rel(-2 * tanh_ref(x) * (1 - tanh_ref(x) ** 2), d2(tanh_ref, x)))  # doc tanh''
record(86, rel(th.grad2(x), d2(tanh_ref, x)))

# ---- capture locals of backward --------------------------------------------------------------
def call_capture(fn, *args):
    box = {}
    code = fn.__func__.__code__ if hasattr(fn, "__func__") else fn.__code__
    def tracer(frame, event, arg):
        if frame.f_code is code:
            def local(frame, event, arg):
                if event == "return":
                    box.update(frame.f_locals)
                return local
            return local
        return None
    sys.settrace(tracer)
    try:
        out = fn(*args)
    finally:
        sys.settrace(None)
    return out, box

n_ex, n_in, n_out, T = 3, 4, 5, 4
X = RNG.randn(T, n_ex, n_in)
R = RNG.randn(T, n_ex, n_out)

# ================================ RNNCell =====================================================
cell = RNNCell(n_out)
As_auth = [cell.forward(X[t]) for t in range(T)]
P = {k: v.copy() for k, v in cell.parameters.items()}
locs = []
for t in reversed(range(T)):
    _, L = call_capture(cell.backward, R[t]); locs.insert(0, L)
    locs[0]["acc_after"] = cell.derived_variables["dLdA_accumulator"].copy()
G = cell.gradients

def rnn_fwd(P, X, pert={}):
    A = np.zeros((n_ex, n_out)) + pert.get(("A", -1), 0)
    out = {"Z": [], "A": []}; Ltot = 0.0
    for t in range(T):
        Aprev = A + pert.get(("Aprev_use", t), 0)
        Z = Aprev @ P["Waa"] + P["ba"].T + X[t] @ P["Wax"] + P["bx"].T + pert.get(("Z", t), 0)
        A = np.tanh(Z) + pert.get(("A", t), 0)
        out["Z"].append(Z); out["A"].append(A); Ltot += np.sum(R[t] * A)
    return Ltot, out

_, ref = rnn_fwd(P, X)
for t in range(T):
    record(223, rel(cell.derived_variables["Z"][t], ref["Z"][t]))
    record(224, rel(cell.derived_variables["A"][t + 1], ref["A"][t]))
    Zcol = P["Wax"].T @ X[t].T + P["bx"] + P["Waa"].T @ (ref["A"][t - 1] if t else np.zeros((n_ex, n_out))).T + P["ba"]
    record(103, rel(Zcol, ref["Z"][t].T))                  # docstring, column convention W_ax := Wax^T
    record(106, rel(np.tanh(Zcol), ref["A"][t].T))

def grad_pert(key, shape, fwd, Pd, Xd):
    d = np.zeros(shape)
    return fd(lambda: fwd(Pd, Xd, {key: d})[0], d)

for t in range(T):
    L = locs[t]
    record(268, rel(L["dA"], grad_pert(("A", t), (n_ex, n_out), rnn_fwd, P, X)))
    record(269, rel(L["dZ"], grad_pert(("Z", t), (n_ex, n_out), rnn_fwd, P, X)))
    Xc = X.copy(); gX = fd(lambda: rnn_fwd(P, Xc)[0], Xc)
    record(270, rel(L["dXt"], gX[t]))
    record(279, rel(L["acc_after"], grad_pert(("Aprev_use", t), (n_ex, n_out), rnn_fwd, P, X)))
for line, k in [(273, "Waa"), (274, "Wax"), (275, "ba"), (276, "bx")]:
    Pc = {kk: v.copy() for kk, v in P.items()}
    record(line, rel(G[k], fd(lambda: rnn_fwd(Pc, X)[0], Pc[k])))

# ================================ LSTMCell ====================================================
cell = LSTMCell(n_out)
for t in range(T):
    cell.forward(X[t])
P = {k: v.copy() for k, v in cell.parameters.items()}
DV = {k: [a.copy() for a in v] for k, v in cell.derived_variables.items() if isinstance(v, list)}
locs = []
for t in reversed(range(T)):
    _, L = call_capture(cell.backward, R[t]); locs.insert(0, L)
    locs[0]["accA"] = cell.derived_variables["dLdA_accumulator"].copy()
    locs[0]["accC"] = cell.derived_variables["dLdC_accumulator"].copy()
G = cell.gradients
sg = lambda z: 1 / (1 + np.exp(-z))

def lstm_fwd(P, X, pert={}):
    A = np.zeros((n_ex, n_out)); C = np.zeros((n_ex, n_out))
    out = {k: [] for k in ["Z", "pf", "pu", "po", "pc", "Gf", "Gu", "Go", "Cc", "C", "A"]}; Ltot = 0.0
    for t in range(T):
        Aprev = A + pert.get(("Aprev_use", t), 0)
        Cprev = C + pert.get(("Cprev_use", t), 0)
        Z = np.hstack([Aprev, X[t]]) + pert.get(("Z", t), 0)
        pf = Z @ P["Wf"] + P["bf"] + pert.get(("pf", t), 0)
        pu = Z @ P["Wu"] + P["bu"] + pert.get(("pu", t), 0)
        po = Z @ P["Wo"] + P["bo"] + pert.get(("po", t), 0)
        pc = Z @ P["Wc"] + P["bc"] + pert.get(("pc", t), 0)
        Gf, Gu, Go, Cc = sg(pf), sg(pu), sg(po), np.tanh(pc)
        C = Gf * Cprev + Gu * Cc + pert.get(("C", t), 0)
        A = Go * np.tanh(C) + pert.get(("A", t), 0)
        for k, v in [("Z", Z), ("pf", pf), ("pu", pu), ("po", po), ("pc", pc), ("Gf", Gf), ("Gu", Gu),
                     ("Go", Go), ("Cc", Cc), ("C", C), ("A", A)]:
            out[k].append(v)
        Ltot += np.sum(R[t] * A)
    return Ltot, out

_, ref = lstm_fwd(P, X)
for t in range(T):
    Aprev = DV["A"][t]; Cprev = DV["C"][t]
    record(477, rel(np.hstack([Aprev, X[t]]), ref["Z"][t]))
    record(479, rel(DV["Gf"][t], ref["Gf"][t])); record(480, rel(DV["Gu"][t], ref["Gu"][t]))
    record(481, rel(DV["Go"][t], ref["Go"][t])); record(482, rel(DV["Cc"][t], ref["Cc"][t]))
    record(483, rel(DV["C"][t + 1], ref["C"][t])); record(484, rel(DV["A"][t + 1], ref["A"][t]))
    # docstring, column convention: W := W^T (n_out x (n_out+n_in)), Z[t] a column
    Zc = np.vstack([Aprev.T, X[t].T])
    gf = sg(P["Wf"].T @ Zc + P["bf"].T); gu = sg(P["Wu"].T @ Zc + P["bu"].T)
    go = sg(P["Wo"].T @ Zc + P["bo"].T); cc = np.tanh(P["Wc"].T @ Zc + P["bc"].T)
    c = gf * Cprev.T + gu * cc; a = go * np.tanh(c)
    record(310, rel(Zc, ref["Z"][t].T)); record(311, rel(gf, ref["Gf"][t].T)); record(312, rel(gu, ref["Gu"][t].T))
    record(313, rel(go, ref["Go"][t].T)); record(314, rel(cc, ref["Cc"][t].T)); record(315, rel(c, ref["C"][t].T))
    record(316, rel(a, ref["A"][t].T))

Xc = X.copy(); gX = fd(lambda: lstm_fwd(P, Xc)[0], Xc)
shp = (n_ex, n_out)
for t in range(T):
    L = locs[t]
    record(528, rel(L["Zt"], ref["Z"][t]))
    record(543, rel(L["dA"], grad_pert(("A", t), shp, lstm_fwd, P, X)))
    record(544, rel(L["dC"], grad_pert(("C", t), shp, lstm_fwd, P, X)))
    for line, k, r in [(547, "_Go", "po"), (548, "_Gf", "pf"), (549, "_Gu", "pu"), (550, "_Gc", "pc")]:
        record(line, rel(L[k], ref[r][t]))
    for line, k, r in [(553, "dGot", "po"), (554, "dCct", "pc"), (555, "dGut", "pu"), (556, "dGft", "pf")]:
        record(line, rel(L[k], grad_pert((r, t), shp, lstm_fwd, P, X)))
    record(558, rel(L["dZ"], grad_pert(("Z", t), (n_ex, n_out + n_in), lstm_fwd, P, X)))
    record(559, rel(L["dXt"], gX[t]))
    record(570, rel(L["accA"], grad_pert(("Aprev_use", t), shp, lstm_fwd, P, X)))
    record(571, rel(L["accC"], grad_pert(("Cprev_use", t), shp, lstm_fwd, P, X)))
for line, k in [(561, "Wc"), (562, "Wu"), (563, "Wf"), (564, "Wo"), (565, "bo"), (566, "bu"), (567, "bf"), (568, "bc")]:
    Pc = {kk: v.copy() for kk, v in P.items()}
    record(line, rel(G[k], fd(lambda: lstm_fwd(Pc, X)[0], Pc[k])))

# ---- report --------------------------------------------------------------------------------------
TOL = 1e-5
bad = 0
for line in sorted(set(int(k) for k in EXP) | set(results)):
    if line not in results:
        print(f"line {line}: MISSING CHECK"); bad += 1; continue
    if str(line) not in EXP:
        print(f"line {line}: checked but not annotated"); bad += 1; continue
    ok_math = results[line] < TOL
    exp = EXP[str(line)]["expected"]
    agree = (ok_math and exp == "pass") or (not ok_math and exp == "fail")
    bad += not agree
    print(f"line {line}: {'OK' if agree else 'MISMATCH'} (expected {exp}, rel err {results[line]:.2e})")
print("all verdicts agree" if bad == 0 else f"{bad} disagreements")
