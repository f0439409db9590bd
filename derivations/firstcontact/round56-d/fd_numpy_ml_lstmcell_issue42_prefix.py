"""Small helpers shared by the fd_*.py scripts of this directory (numpy only)."""
import re, sys, copy
import numpy as np


def code_blocks(md_path):
    """Return [(first_line_number, code_text)] of the ```python fences of a .md file (1-based line numbers of the code)."""
    lines = open(md_path, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i].strip().startswith("```python"):
            j = i + 1
            while not lines[j].strip().startswith("```"):
                j += 1
            out.append((i + 2, "\n".join(lines[i + 1:j])))
            i = j
        i += 1
    return out


def exec_block_at(code, first_line, g, filename):
    """exec code so that its line numbers equal the .md line numbers."""
    src = "\n" * (first_line - 1) + code
    exec(compile(src, filename, "exec"), g)


def snap(v):
    if isinstance(v, np.ndarray):
        return v.copy()
    if isinstance(v, (int, float, np.floating)):
        return v
    return None


class Tracer:
    """Record, for a given function (by code filename), the locals after each executed line.
    records: list of (line_number, dict_of_array_locals) in execution order."""

    def __init__(self, filename, funcnames):
        self.filename, self.funcnames, self.records = filename, set(funcnames), []

    def _local(self, frame, event, arg):
        if event in ("line", "return"):
            if self._prev is not None:
                d = {k: snap(v) for k, v in frame.f_locals.items()}
                self.records.append((self._prev[0], self._prev[1], {k: v for k, v in d.items() if v is not None}))
            self._prev = (frame.f_lineno, frame.f_code.co_name) if event == "line" else None
        return self._local

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename == self.filename and frame.f_code.co_name in self.funcnames:
            self._prev = None
            return self._local
        return None

    def run(self, fn, *a, **k):
        sys.settrace(self._global)
        try:
            return fn(*a, **k)
        finally:
            sys.settrace(None)

    def after(self, line, func=None):
        """list of locals snapshots recorded right after `line` executed (one per execution)."""
        return [d for (l, f, d) in self.records if l == line and (func is None or f == func)]


def fd_grad(f, x, h=1e-6):
    """central differences of scalar f() wrt array x (modified in place)."""
    g = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h; fp = f()
        x[i] = old - h; fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * h)
    return g


class Report:
    def __init__(self, expected):
        self.expected, self.bad, self.seen = expected, [], set()

    def check(self, line, ok_numeric, detail=""):
        """ok_numeric: True if the line's claim agrees numerically with the true quantity."""
        line = str(line)
        exp = self.expected[line]["expected"]
        num = "pass" if ok_numeric else "fail"
        self.seen.add(line)
        flag = "" if exp == num else "   <-- DISAGREES"
        print(f"line {line}: expected {exp}, numeric {num} {detail}{flag}")
        if exp != num:
            self.bad.append(line)

    def finish(self, must_cover=None):
        missing = [l for l in self.expected if l not in self.seen]
        if missing:
            print("annotated lines without a numeric check (rule-level / definition lines):", ", ".join(sorted(missing, key=int)))
        if self.bad:
            print("DISAGREEMENTS:", self.bad)
            sys.exit(1)
        print("all checked lines agree with expected.json")
        sys.exit(0)


def close(a, b, tol=1e-5):
    a, b = np.asarray(a, float), np.asarray(b, float)
    if a.shape != b.shape:
        try:
            b = b.reshape(a.shape)
        except Exception:
            return False
    return np.allclose(a, b, rtol=tol, atol=tol)


def runs(tr, span):
    """(index_before, index_after) of each maximal run of consecutive records whose line is in span
    (a multi-line statement may report several of its lines)."""
    span = set(span); out = []; i = 0; rec = tr.records
    while i < len(rec):
        if rec[i][0] in span:
            j = i
            while j + 1 < len(rec) and rec[j + 1][0] in span:
                j += 1
            out.append((i - 1, j)); i = j + 1
        else:
            i += 1
    return out


def after_span(tr, span):
    """locals right after each execution of the statement covering the lines in span."""
    return [tr.records[j][2] for (_, j) in runs(tr, span)]


def incr_ok(tr, line, var, contrib, ts, sl=None, tvar="t", span=None):
    """the increment of `var` made by each execution of the statement at `line` equals contrib(t)."""
    rr = runs(tr, span or [line])
    okk = True
    for (i0, j) in rr:
        d_after, d_before = tr.records[j][2], tr.records[i0][2]
        t = d_after.get(tvar)
        if t not in ts:
            continue
        inc = d_after[var] - d_before[var]
        if sl is not None:
            inc = inc[sl]
        okk &= close(inc, contrib(t))
    return okk and len(rr) > 0

# ---------------------------------------------------------------------------
# fd check of numpy_ml_lstmcell_issue42_prefix.md
import os, json
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "numpy_ml_lstmcell_issue42_prefix.md"
MD = os.path.join(HERE, NAME)
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
R = Report(EXP)
rng = np.random.default_rng(11)

class ActivationBase:   # stub (cut from the .md): __call__ reshapes 1-D input and calls fn
    def __init__(self, **kw): pass
    def __call__(self, z):
        if z.ndim == 1:
            z = z.reshape(1, -1)
        return self.fn(z)
class LayerBase:        # stub
    def __init__(self, optimizer=None):
        self.trainable = True; self.optimizer = None
def make_ns():
    g = {"np": np, "ActivationBase": ActivationBase, "LayerBase": LayerBase}
    def ActivationInitializer(x):
        return (lambda: g[x]()) if isinstance(x, str) else (lambda: x)
    def WeightInitializer(act, mode=None):
        return lambda shape: rng.normal(size=shape) * 0.6
    g["ActivationInitializer"] = ActivationInitializer; g["WeightInitializer"] = WeightInitializer
    return g

def load(md_text_fix=False):
    g = make_ns()
    fname = MD if not md_text_fix else MD + "#fixed"
    for first, code in code_blocks(MD):
        if md_text_fix:
            code = code.replace("_Gf = Zt @ Wf + bo", "_Gf = Zt @ Wf + bf").replace("_Gu = Zt @ Wu + bo", "_Gu = Zt @ Wu + bu")
        exec_block_at(code, first, g, fname)
    return g, fname

n_ex, n_in, n_out, T = 2, 3, 4, 4
X = rng.normal(size=(n_ex, n_in, T))
Rw = rng.normal(size=(n_ex, n_out, T))
Pn = {k: rng.normal(size=(n_in + n_out, n_out)) * 0.7 for k in ["Wf", "Wu", "Wc", "Wo"]}
Pn.update({k: rng.normal(size=(1, n_out)) for k in ["bf", "bu", "bc", "bo"]})   # distinct biases
sig = lambda z: 1 / (1 + np.exp(-z))

def ref(P, eps=None, keep=None):
    eps = eps or {}
    E = lambda k, x: x + eps[k] if k in eps else x
    A = np.zeros((n_ex, n_out)); C = np.zeros((n_ex, n_out)); L = 0.0
    for t in range(T):
        A_m = E(("A_msg", t), A); C_m = E(("C_msg", t), C)
        Z = E(("Z", t), np.hstack([A_m, E(("X", t), X[:, :, t])]))
        pf = E(("pf", t), Z @ P["Wf"] + P["bf"]); pu = E(("pu", t), Z @ P["Wu"] + P["bu"])
        po = E(("po", t), Z @ P["Wo"] + P["bo"]); pc = E(("pc", t), Z @ P["Wc"] + P["bc"])
        C = E(("C", t), sig(pf) * C_m + sig(pu) * np.tanh(pc))
        A = E(("A", t), sig(po) * np.tanh(C))
        L += np.sum(Rw[:, :, t] * A)
        if keep is not None:
            keep[t] = dict(Z=Z, pf=pf, pu=pu, po=po, pc=pc, C=C, A=A)
    return L
ST = {}; ref(Pn, keep=ST)
FD = {}
for t in range(T):
    for k, shp in [("A", (n_ex, n_out)), ("C", (n_ex, n_out)), ("pf", (n_ex, n_out)), ("pu", (n_ex, n_out)), ("po", (n_ex, n_out)), ("pc", (n_ex, n_out)),
                   ("Z", (n_ex, n_in + n_out)), ("X", (n_ex, n_in)), ("A_msg", (n_ex, n_out)), ("C_msg", (n_ex, n_out))]:
        x = np.zeros(shp); FD[(k, t)] = fd_grad(lambda: ref(Pn, {(k, t): x}), x)
FDP = {}
for k in Pn:
    Pc = {kk: vv.copy() for kk, vv in Pn.items()}; FDP[k] = fd_grad(lambda: ref(Pc), Pc[k])

def run_cell(fixed):
    g, fname = load(fixed)
    cell = g["LSTMCell"](n_out)
    cell.n_in = n_in; cell._init_params()
    for k in Pn: cell.parameters[k] = Pn[k].copy()
    As = []
    for t in range(T):
        At, Ct = cell.forward(X[:, :, t]); As.append(At)
    tr = Tracer(fname, ["backward"])
    dXs = {}
    for t in reversed(range(T)):
        dXs[t] = tr.run(cell.backward, Rw[:, :, t])
    return g, cell, As, tr, dXs

# ---- activations (lines 20-62) ----
g0, _ = load(False)
z = rng.normal(size=(2, 3))
S, Th = g0["Sigmoid"](), g0["Tanh"]()
num_s = (S.fn(z + 1e-6) - S.fn(z - 1e-6)) / 2e-6; num_t = (Th.fn(z + 1e-6) - Th.fn(z - 1e-6)) / 2e-6
for l in [20, 22]: R.check(l, close(S(z), 1 / (1 + np.exp(-z))))
for l in [30, 32, 33]: R.check(l, close(S.grad(z), num_s))
R.check(51, close(Th(z), np.tanh(z)))
for l in [60, 62]: R.check(l, close(Th.grad(z), num_t))

# ---- published (buggy) cell ----
g, cell, As, tr, dXs = run_cell(False)
fw = all(close(As[t], ST[t]["A"]) for t in range(T))
for l in [92, 93, 94, 95, 96, 97, 98, 259, 261, 262, 263, 264, 265, 266, 310]:
    R.check(l, fw, "(forward values equal the independent reference)")
def traced(trc, line, var):
    """values of var right after `line`, keyed by step t (backward runs t = T-1 ... 0)"""
    out = {}
    for rec in trc.after(line):
        out[rec["t"]] = rec[var]
    return out
Gf_pub = traced(tr, 330, "_Gf"); Gu_pub = traced(tr, 331, "_Gu")
R.check(329, all(close(v, ST[t]["po"]) for t, v in traced(tr, 329, "_Go").items()))
R.check(330, all(close(v, ST[t]["pf"]) for t, v in Gf_pub.items()), "(max |_Gf - true pre-activation| = %.3g)" % max(np.abs(v - ST[t]["pf"]).max() for t, v in Gf_pub.items()))
R.check(331, all(close(v, ST[t]["pu"]) for t, v in Gu_pub.items()), "(max |_Gu - true| = %.3g)" % max(np.abs(v - ST[t]["pu"]).max() for t, v in Gu_pub.items()))
R.check(332, all(close(v, ST[t]["pc"]) for t, v in traced(tr, 332, "_Gc").items()))
for k in ["Wf", "Wu", "bf", "bu", "Wo", "Wc"]:
    print("   published backward: gradient %s equals FD: %s" % (k, close(cell.gradients[k], FDP[k])))
print("   published backward: dX equals FD:", all(close(dXs[t], FD[("X", t)]) for t in range(T)))

# ---- rule checks: the same code with lines 330/331 corrected ----
gF, cellF, AsF, trF, dXF = run_cell(True)
def chk(line, var, key):
    vals = traced(trF, line, var)
    return len(vals) == T and all(close(v, FD[(key, t)]) for t, v in vals.items())
R.check(317, close(traced(trF, 317, "dA_acc")[T - 1], 0 * Rw[:, :, 0]))
R.check(320, close(traced(trF, 320, "dC_acc")[T - 1], 0 * Rw[:, :, 0]))
R.check(325, chk(325, "dA", "A")); R.check(326, chk(326, "dC", "C"))
R.check(335, chk(335, "dGot", "po")); R.check(336, chk(336, "dCct", "pc"))
R.check(337, chk(337, "dGut", "pu"), "(with a correct _Gu)"); R.check(338, chk(338, "dGft", "pf"), "(with a correct _Gf)")
R.check(340, chk(340, "dZ", "Z")); R.check(341, chk(341, "dXt", "X"))
for line, k, pk in [(343, "Wc", "pc"), (344, "Wu", "pu"), (345, "Wf", "pf"), (346, "Wo", "po")]:
    R.check(line, close(sum(ST[t]["Z"].T @ FD[(pk, t)] for t in range(T)), FDP[k]) and close(cellF.gradients[k], FDP[k]), "(sum_t Zt^T dG = FD; accumulated gradient = FD)")
for line, k, pk in [(347, "bo", "po"), (348, "bu", "pu"), (349, "bf", "pf"), (350, "bc", "pc")]:
    R.check(line, close(sum(FD[(pk, t)].sum(axis=0, keepdims=True) for t in range(T)), FDP[k]) and close(cellF.gradients[k], FDP[k]))
# messages: traced accumulators after step t must equal FD of A_{t-1}/C_{t-1} as used by step t only
msgA = {rec["t"]: rec["dZ"][:, :n_out] for rec in trF.after(352)}
msgC = {rec["t"]: rec["Gft"] * rec["dC"] for rec in trF.after(353)}
R.check(352, all(close(msgA[t], FD[("A_msg", t)]) for t in range(T)))
R.check(353, all(close(msgC[t], FD[("C_msg", t)]) for t in range(T)))

# ---- wrapper LSTM (lines 457-483): use a cell with lines 330/331 corrected so only the wrapper is tested ----
Wcls = gF["LSTM"]
w = object.__new__(Wcls); w.is_initialized = True; w.n_in = n_in; w.n_out = n_out
w.cell = gF["LSTMCell"](n_out); w.cell.n_in = n_in; w.cell._init_params()
for k in Pn: w.cell.parameters[k] = Pn[k].copy()
Y = w.forward(X)
R.check(457, all(close(Y[:, :, t], ST[t]["A"]) for t in range(T))); R.check(459, Y.shape == (n_ex, n_out, T))
try:
    dLdX = w.backward(Rw)
    shape = dLdX.shape
    ok481 = dLdX.shape == (n_ex, n_in, T) and all(close(dLdX[:, :, t], FD[("X", t)]) for t in range(T))
except Exception as e:
    shape = repr(e); ok481 = False
R.check(481, ok481, "(wrapper dLdX shape %s, expected %s)" % (shape, (n_ex, n_in, T)))
R.check(483, close(np.dstack([dXF[t] for t in range(T)]), np.dstack([FD[("X", t)] for t in range(T)])), "(stacking correct per-step dXt)")
R.finish()
