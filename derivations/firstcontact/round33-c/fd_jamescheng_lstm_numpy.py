#!/usr/bin/env python3
"""Finite-difference check of jamescheng_lstm_numpy.md (J. Cheng's numpy LSTM page).
The author's code fences (class activation, class LSTMmainalgo: __init__, forward, softmax,
backward) are exec'd as they stand.  Model of the page: column vectors, one input vector x (N,1)
fed at every one of T = N steps, gates depend on x only (no h_{t-1} input), c_0 = 0,
c_t = f*c_{t-1} + i*ctd, h_t = o*tanh(c_t), logit = Wv h_T.  Loss E = 1/2 ||logit - y||^2
(the loss implied by dEwrtl = logit - y; see _notes).  Each backward statement is evaluated
with every upstream dEwrt* name set to its true (finite-difference) value, then compared with
the finite-difference value of the quantity it claims to be."""
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "jamescheng_lstm_numpy.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
LINES = open(os.path.join(HERE, NAME)).read().split("\n")

# ---- collect the code fences
fences, cur, start = [], None, None
for k, ln in enumerate(LINES, 1):
    if ln.strip() == "```python":
        cur, start = [], k + 1
    elif ln.strip() == "```" and cur is not None:
        fences.append((start, cur)); cur = None
    elif cur is not None:
        cur.append(ln)
src = []
for start, body in fences:
    text = "\n".join(body)
    if any(s in text for s in ("class activation", "class LSTMmainalgo", "def forward", "def softmax", "def backward")):
        src.append(text)
ns = {"np": np}
exec("\n".join(src), ns)
activation, LSTMmainalgo = ns["activation"], ns["LSTMmainalgo"]

rng = np.random.default_rng(1)
N, K, M = 3, 4, 5
T = N
x = rng.normal(size=(N, 1)); y = rng.normal(size=(K, 1))
obj = LSTMmainalgo(x, y, M)
for nm in ("Wf", "Wi", "Wo", "Wc"):
    setattr(obj, nm, rng.normal(scale=0.6, size=(M, N)))
obj.Wv = rng.normal(scale=0.6, size=(K, M))
obj.outputencoded = y
obj.forward(x)
P = {nm: getattr(obj, nm).copy() for nm in ("Wf", "Wi", "Wo", "Wc", "Wv")}
sig = lambda z: 1 / (1 + np.exp(-z))

def run(pert=None, stepW=None):
    pert, stepW = pert or {}, stepW or {}
    c = np.zeros((M, 1)); st = []
    for g in range(T):
        W = {nm: P[nm] + stepW.get((nm, g), 0) for nm in ("Wf", "Wi", "Wo", "Wc")}
        oin = W["Wo"] @ x + pert.get(("oin", g), 0); iin = W["Wi"] @ x + pert.get(("iin", g), 0)
        fin = W["Wf"] @ x + pert.get(("fin", g), 0); cin = W["Wc"] @ x + pert.get(("cin", g), 0)
        f = sig(fin) + pert.get(("f", g), 0); i = sig(iin) + pert.get(("i", g), 0)
        o = sig(oin) + pert.get(("o", g), 0); ctd = np.tanh(cin) + pert.get(("ctd", g), 0)
        cprev = c
        c = f * cprev + i * ctd + pert.get(("c", g), 0)
        b = np.tanh(c) + pert.get(("b", g), 0)
        h = o * b + pert.get(("h", g), 0)
        st.append(dict(oin=oin, iin=iin, fin=fin, cin=cin, f=f, i=i, o=o, ctd=ctd, c=c, b=b, h=h, cprev=cprev))
    logit = (P["Wv"] + pert.get("Wv", 0)) @ h + pert.get("l", 0)
    return 0.5 * float(np.sum((logit - y) ** 2)), st, logit

EPS = 1e-6
def fd(fun, shape):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = EPS
        out[idx] = (fun(e) - fun(-e)) / (2 * EPS)
    return out

def dvar(key, g=None):
    k = key if g is None else (key, g)
    shp = (K, 1) if key == "l" else (M, 1)
    return fd(lambda e: run({k: e})[0], shp)

def dstepW(nm, gmin):  # gradient w.r.t. the copies of nm used at gate indices >= gmin
    return fd(lambda e: run(stepW={(nm, g): e for g in range(gmin, T)})[0], (M, N))

row = lambda v: v.T
_, ST, LOGIT = run()
Tl = T - 1
truth_cache = {}
def truth(name, g):
    key = (name, g)
    if key in truth_cache:
        return truth_cache[key]
    if name == "dEwrtl": v = dvar("l")
    elif name == "dEwrtHwlogitsoftmax": v = row(dvar("h", Tl))
    elif name == "dEwrtWv": v = fd(lambda e: run({"Wv": e})[0], (K, M))
    elif name == "dEwrtO": v = row(dvar("o", g))
    elif name == "dEwrtoin": v = row(dvar("oin", g))
    elif name == "dEwrtWo": v = dstepW("Wo", g)
    elif name == "dEwrtB": v = row(dvar("b", g))
    elif name in ("dEwrtct", "dEwrtctprev"): v = row(dvar("c", g))
    elif name == "dEwrtit": v = row(dvar("i", g))
    elif name == "dEwrtdi": v = row(dvar("iin", g))
    elif name == "dEwrtWi": v = dstepW("Wi", g)
    elif name == "dEwrtft": v = row(dvar("f", g))
    elif name == "dEwrtdf": v = row(dvar("fin", g))
    elif name == "dEwrtwf": v = dstepW("Wf", g)
    elif name == "dEwrtcdt": v = row(dvar("ctd", g))
    elif name == "dEwrtcdtinp": v = row(dvar("cin", g))
    elif name == "dEwrtwc": v = dstepW("Wc", g)
    else: raise KeyError(name)
    truth_cache[key] = v
    return v

results = {}
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-6, rtol=1e-5)

# ---- helpers (lines 25, 27) and softmax (108)
z = rng.normal(size=(6, 1)) * 3
def find(pattern):
    return [k for k, ln in enumerate(LINES, 1) if pattern in ln]
results[str(find("return 1.0 / (1.0 + np.exp(-x))")[0])] = close(activation.sigmoid(None, z), 1 / (1 + np.exp(-z)))
results[str(find("return np.tanh(x)")[0])] = close(activation.tanh(None, z), np.tanh(z))
sm = obj.softmax(z)
results[str(find("return np.exp(xs) / sum(np.exp(xs))")[0])] = close(sm, np.exp(z) / np.exp(z).sum())

# ---- forward lines: the author's stored forward equals the reference forward above
fwd_map = {"otinp = ": ("oinpstorage", "oin"), "itinp = ": ("itinputstorage", "iin"),
           "finp = ": ("finputstorage", "fin"), "ctdinp = ": ("ctdinpstorage", "cin"),
           "self.ft = ": ("ftstorage", "f"), "self.it = ": ("itstorage", "i"),
           "self.ot = ": ("ostorage", "o"), "self.ctd = ": ("ctdstorage", "ctd")}
for k, ln in enumerate(LINES, 1):
    s = ln.strip()
    for pre, (store, key) in fwd_map.items():
        if s.startswith(pre):
            results[str(k)] = all(close(getattr(obj, store)[g], ST[g][key]) for g in range(T))
    if s.startswith("a = self.ft * self.ctstorage[t]"):
        results[str(k)] = all(close(ST[g]["f"] * ST[g]["cprev"], ST[g]["f"] * obj.ctstorage[g]) for g in range(T))
    if s.startswith("a1 = self.it * self.ctd"):
        results[str(k)] = all(close(obj.itstorage[g] * obj.ctdstorage[g], ST[g]["i"] * ST[g]["ctd"]) for g in range(T))
    if s.startswith("self.ct = a + a1"):
        results[str(k)] = all(close(obj.ctstorage[g + 1], ST[g]["c"]) for g in range(T))
    if s.startswith("self.b = activation.tanh"):
        results[str(k)] = close(obj.b, ST[-1]["b"])
    if s.startswith("self.ht = self.ot * self.b"):
        results[str(k)] = close(obj.ht, ST[-1]["h"])
    if s.startswith("self.logit = "):
        results[str(k)] = close(obj.logit, LOGIT)
    if s.startswith("self.yhat  = "):
        results[str(k)] = close(obj.yhat, np.exp(LOGIT) / np.exp(LOGIT).sum())

# ---- backward statements
b0 = find("def backward(self):")[0]
loop = find("for t in reversed(range(self.inputsize - 1)):")[0]
bend = find("#Gradient Descent Update")[0]
for k in range(b0 + 1, bend):
    s = LINES[k - 1].strip()
    m = re.match(r"^(dEwrt\w+)\s*(\+?=)\s*(.+)$", s)
    if not m:
        continue
    lhs, op, rhs = m.groups()
    names = set(re.findall(r"dEwrt\w+", rhs))
    ctxs = [None] if k < loop else list(reversed(range(T - 1)))
    ok = True
    for t in ctxs:
        g = Tl if t is None else t
        env = {"self": obj, "np": np, "activation": activation, "t": t}
        for nm in names:
            if nm == "dEwrtctprev" and lhs == "dEwrtctprev" and t is not None:
                env[nm] = truth("dEwrtctprev", t + 1)     # value carried in from step t+1
            else:
                env[nm] = truth(nm, g)
        if op == "+=":
            val = truth(lhs, g + 1) + eval(rhs, env)     # partial sum over later steps + this step
        else:
            val = eval(rhs, env)
        ok &= close(val, truth(lhs, g))
    results[str(k)] = ok

bad = 0
for ln in sorted(EXP, key=int):
    exp_pass = EXP[ln]["expected"] == "pass"
    got = results.get(ln)
    agree = got is not None and got == exp_pass
    bad += not agree
    print(f"line {ln}: {'OK' if agree else 'MISMATCH'} (expected {EXP[ln]['expected']}, fd says {'pass' if got else ('fail' if got is not None else 'unchecked')})")
extra = set(results) - set(EXP)
if extra:
    print("checked but not annotated:", sorted(extra, key=int)); bad += 1

# informational: a second forward() on the same object (as train() does) leaves the loop indices
# t, t+1 pointing at the FIRST call's stored values, because the storages are created in __init__.
obj2 = LSTMmainalgo(x, y, M)
for nm in P: setattr(obj2, nm, P[nm].copy())
obj2.outputencoded = y; obj2.forward(x)
obj2.Wf = obj2.Wf + 0.3; obj2.forward(x)
print("info: after a 2nd forward, ftstorage[1] is stale:", not np.allclose(obj2.ftstorage[1], obj2.ftstorage[T + 1]))
print("ALL AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
