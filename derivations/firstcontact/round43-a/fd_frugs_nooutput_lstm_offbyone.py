"""Finite-difference check of frugs_nooutput_lstm_offbyone.md (numpy only).

The author's code is exec'd from the Markdown fence (the relative import of pydl.mathutils is
replaced by the helpers of mathutils.py at the same commit).  Local quantities of _back_step are
captured line by line with sys.settrace and compared with central differences of the one-step
local loss  l = g . h  (h = h_prev * f + i * c).  The BPTT loop is checked with the loss
L = g . h_T over T steps, for the author's loop and for a loop fed with h_{t-1}.
"""
import sys, os, json, copy
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "frugs_nooutput_lstm_offbyone.md"
lines = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
expected = json.load(open(os.path.join(HERE, "expected.json")))[NAME]

# --- extract the fence (md line numbers kept) ---
start = lines.index("```python")
end = lines.index("```", start + 1)
code_lines = lines[start + 1:end]
OFF = start + 2          # md line number of code line index 0
src = "\n".join(l if not l.startswith("from .mathutils") else "" for l in code_lines)

def sigmoid(x): return 1.0 / (1.0 + np.exp(-x))
def sigmoid_prime(y): return y * (1 - y)
def tanh_prime(y): return 1 - np.square(y)

def load(text):
    ns = {"sigmoid": sigmoid, "sigmoid_prime": sigmoid_prime, "tanh_prime": tanh_prime}
    code = compile(text, "<frugs>", "exec")
    exec(code, ns)
    return ns

ns = load(src)
Lstm = ns["NoOutputLstm"]

rng = np.random.default_rng(0)
I, H, T = 3, 4, 4
net = Lstm(I, H)
for k in ["w_xf_g", "w_hf_g", "b_f_g", "w_xi_g", "w_hi_g", "b_i_g", "w_xc", "w_hc", "b_c"]:
    setattr(net, k, rng.normal(0, 0.6, getattr(net, k).shape))
P = lambda: {k: getattr(net, k).copy() for k in
             ["w_xf_g", "w_hf_g", "b_f_g", "w_xi_g", "w_hi_g", "b_i_g", "w_xc", "w_hc", "b_c"]}

def num_grad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps; fp = f()
        x[idx] = old - eps; fm = f()
        x[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

# ---------- independent one-step forward with perturbation points ----------
def step(p, x, hp, e=None):
    e = e or {}
    z = lambda k: e.get(k, 0.0)
    hf, hi, hc, hd = hp + z("hp_f"), hp + z("hp_i"), hp + z("hp_c"), hp + z("hp_d")
    af = x @ p["w_xf_g"] + hf @ p["w_hf_g"] + p["b_f_g"] + z("af")
    ai = x @ p["w_xi_g"] + hi @ p["w_hi_g"] + p["b_i_g"] + z("ai")
    ac = x @ p["w_xc"] + hc @ p["w_hc"] + p["b_c"] + z("ac")
    f = sigmoid(af) + z("f"); i = sigmoid(ai) + z("i"); c = np.tanh(ac) + z("c")
    return hd * f + i * c

# ---------- trace the author's _back_step line by line ----------
def trace_call(fn, *args):
    snaps = []
    code = fn.__code__
    def tracer(frame, event, arg):
        if frame.f_code is not code:
            return None
        def local(frame, event, arg):
            if event in ("line", "return"):
                snaps.append((frame.f_lineno, {k: copy.deepcopy(v) for k, v in frame.f_locals.items()
                                               if k != "self"}))
            return local
        return local
    sys.settrace(tracer)
    try:
        out = fn(*args)
    finally:
        sys.settrace(None)
    return out, snaps

def after(snaps, code_lineno, var):
    """value of var right after the statement starting at code line code_lineno (1-based in fence)"""
    for k, (ln, loc) in enumerate(snaps):
        if ln == code_lineno:
            return snaps[k + 1][1][var]
    raise KeyError(code_lineno)

results = {}
def record(md_line, ok_math):
    verdict = "pass" if ok_math else "fail"
    results[md_line] = verdict

def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=tol)

def md2code(md_line): return md_line - OFF + 1

# forward lines: compare the author's _step with the independent forward
x = rng.normal(size=I); hp = rng.normal(size=H); g = rng.normal(size=H)
ir = {"f_gs": [], "i_gs": [], "cs": [], "hs": []}
h_auth = net._step(x, hp, ir)
p = P()
af = x @ p["w_xf_g"] + hp @ p["w_hf_g"] + p["b_f_g"]
ai = x @ p["w_xi_g"] + hp @ p["w_hi_g"] + p["b_i_g"]
ac = x @ p["w_xc"] + hp @ p["w_hc"] + p["b_c"]
md = {l: i + OFF for i, l in enumerate(code_lines)}  # not used for lookup of duplicates
def mdline(text):
    hits = [i + OFF for i, l in enumerate(code_lines) if l.strip() == text]
    assert len(hits) == 1, (text, hits)
    return hits[0]
record(mdline("f_g = sigmoid(np.dot(x, self.w_xf_g) + np.dot(h_prev, self.w_hf_g) + self.b_f_g)"), close(ir["f_gs"][0], sigmoid(af)))
record(mdline("i_g = sigmoid(np.dot(x, self.w_xi_g) + np.dot(h_prev, self.w_hi_g) + self.b_i_g)"), close(ir["i_gs"][0], sigmoid(ai)))
record(mdline("c = np.tanh(np.dot(x, self.w_xc) + np.dot(h_prev, self.w_hc) + self.b_c)"), close(ir["cs"][0], np.tanh(ac)))
record(mdline("h = h_prev * f_g + i_g * c"), close(h_auth, hp * sigmoid(af) + sigmoid(ai) * np.tanh(ac)))

# one-step backward: local loss l = g . h
f_g, i_g, c = ir["f_gs"][0], ir["i_gs"][0], ir["cs"][0]
acc = {k: np.zeros_like(v) for k, v in
       {"dw_xf_g": p["w_xf_g"], "dw_hf_g": p["w_hf_g"], "db_f_g": p["b_f_g"], "dw_xi_g": p["w_xi_g"],
        "dw_hi_g": p["w_hi_g"], "db_i_g": p["b_i_g"], "dw_xc": p["w_xc"], "dw_hc": p["w_hc"], "db_c": p["b_c"]}.items()}
acc0 = {k: rng.normal(size=v.shape) for k, v in acc.items()}   # nonzero previous totals
acc = {k: v.copy() for k, v in acc0.items()}
_, snaps = trace_call(Lstm._back_step, net, x, hp, f_g, i_g, c, g, acc)

def loss_e(e):
    return float(g @ step(P(), x, hp, e))
def d_node(name, shape):
    z = np.zeros(shape)
    return num_grad(lambda: loss_e({name: z}), z)
def d_param(name):
    def f():
        pp = P(); pp[name] = W
        return float(g @ step(pp, x, hp))
    W = P()[name]
    return num_grad(f, W)

true = {
    "df_g": d_node("f", H), "dact_f_g": d_node("af", H), "dw_xf_g": d_param("w_xf_g"),
    "dw_hf_g": d_param("w_hf_g"), "db_f_g": d_param("b_f_g"),
    "di": d_node("i", H), "dact_i_g": d_node("ai", H), "dw_xi_g": d_param("w_xi_g"),
    "dw_hi_g": d_param("w_hi_g"), "db_i_g": d_param("b_i_g"),
    "dc": d_node("c", H), "dact_c": d_node("ac", H), "dw_xc": d_param("w_xc"),
    "dw_hc": d_param("w_hc"), "db_c": d_param("b_c"),
}
dhp_f, dhp_i, dhp_c, dhp_d = (d_node(k, H) for k in ["hp_f", "hp_i", "hp_c", "hp_d"])
for var in ["df_g", "dact_f_g", "dw_xf_g", "dw_hf_g", "db_f_g", "di", "dact_i_g", "dw_xi_g", "dw_hi_g",
            "db_i_g", "dc", "dact_c", "dw_xc", "dw_hc", "db_c"]:
    hits = [i for i, l in enumerate(code_lines) if l.strip().startswith(var + " = ")]
    assert len(hits) == 1, var
    record(hits[0] + OFF, close(after(snaps, hits[0] + 1, var), true[var]))
# dh_prev partial sums
seq = [("dh_prev = np.dot(self.w_hf_g, dact_f_g)", dhp_f),
       ("dh_prev += np.dot(self.w_hi_g, dact_i_g)", dhp_f + dhp_i),
       ("dh_prev += np.dot(self.w_hc, dact_c)", dhp_f + dhp_i + dhp_c),
       ("dh_prev += dh * f_g", dhp_f + dhp_i + dhp_c + dhp_d)]
for text, want in seq:
    ml = mdline(text)
    record(ml, close(after(snaps, md2code(ml), "dh_prev"), want))
# accumulation lines: new total = old total + this step's true gradient
for k in acc:
    ml = mdline('intermediate_results["%s"] += %s' % (k, k))
    record(ml, close(acc[k], acc0[k] + true[k]))

# ---------- BPTT over T steps, L = g . h_T ----------
xs = [rng.normal(size=I) for _ in range(T)]
h0 = rng.normal(size=H)
gT = rng.normal(size=H)
def LT(pp):
    h = h0
    for xx in xs:
        h = step(pp, xx, h)
    return float(gT @ h)
truth = {}
for k in P():
    W = P()[k]
    def f(k=k, W=W):
        pp = P(); pp[k] = W
        return LT(pp)
    truth["d" + k] = num_grad(f, W)
h0v = h0.copy()
def fh0():
    h = h0v
    for xx in xs:
        h = step(P(), xx, h)
    return float(gT @ h)
truth_dh0 = num_grad(fh0, h0v)

def run(nsx):
    n2 = nsx["NoOutputLstm"](I, H)
    for k, v in P().items():
        setattr(n2, k, v.copy())
    irr = {}
    n2.forward_prop(xs, h0, irr)
    irr["h0"] = h0
    dh0 = n2.back_prop(gT.copy(), irr)
    return irr, dh0

ir_a, dh0_a = run(ns)
author_ok = all(close(ir_a[k], truth[k]) for k in truth) and close(dh0_a, truth_dh0)
loop_text = "        for x, h_prev, f_g, i_g, c in reversed(list(zip(xs, hs, f_gs, i_gs, cs))):"
assert loop_text in src
ns_fixed = load(src.replace(loop_text, loop_text.replace("zip(xs, hs,", 'zip(xs, [intermediate_results["h0"]] + hs[:-1],')))
ir_f, dh0_f = run(ns_fixed)
fixed_ok = all(close(ir_f[k], truth[k]) for k in truth) and close(dh0_f, truth_dh0)
# the loop line is judged by the author's version; the lines around it by the h_{t-1}-fed version
record(mdline(loop_text.strip()), author_ok and fixed_ok)
record(mdline("dh = dh_last"), fixed_ok)
record(mdline("dh_prev = self._back_step(x, h_prev, f_g, i_g, c, dh, intermediate_results)"), fixed_ok)
record(mdline("dh = dh_prev"), fixed_ok)
print("author's BPTT matches FD:", author_ok, "| with h_{t-1} fed:", fixed_ok)

bad = 0
for ln in sorted(set(results) | set(int(k) for k in expected)):
    exp = expected.get(str(ln), {}).get("expected")
    got = results.get(ln)
    ok = exp == got
    bad += not ok
    print(ln, "OK" if ok else "MISMATCH", "(computed %s, expected %s)" % (got, exp))
print("all verdicts agree" if bad == 0 else "%d disagreements" % bad)
