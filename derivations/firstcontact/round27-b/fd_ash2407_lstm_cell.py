"""Finite-difference check of the annotated lines of ash2407_lstm_cell.md (numpy only).
Execs the author's class, then executes the author's backward statements (taken verbatim
from the file, by line number) one by one and compares each with central differences of
L = sum(delta_h * h_t) + sum(delta_C * C_t), so that dL/dh_t = delta_h and the gradient
arriving at C_t from later steps is delta_C.  Each statement is judged locally: its inputs
are replaced by their correct values before it is evaluated."""
import json, os, textwrap
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FN = "ash2407_lstm_cell.md"
lines = open(os.path.join(HERE, FN)).read().split("\n")
EXP = json.load(open(os.path.join(HERE, "expected.json")))[FN]
code = "\n".join(lines[2:lines.index("```", 2)])
ns = {}
exec(code, ns)
LSTMCell = ns["LSTMCell"]

def stmt(first, last=None):
    """source text of file lines first..last (1-based), dedented"""
    last = last or first
    return textwrap.dedent("\n".join(lines[first - 1:last]))

rng = np.random.default_rng(1)
m, X, H = 2, 3, 4
EPS = 1e-6
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)
def num_grad(fun, A):
    A = A.astype(float).copy(); g = np.zeros_like(A)
    it = np.nditer(A, flags=["multi_index"])
    for _ in it:
        ix = it.multi_index; o = A[ix]
        A[ix] = o + EPS; fp = fun(A)
        A[ix] = o - EPS; fm = fun(A)
        A[ix] = o; g[ix] = (fp - fm) / (2 * EPS)
    return g

cell = LSTMCell(X, H)
for n in ("W_f", "W_i", "W_C", "W_o"):
    setattr(cell, n, rng.normal(size=(H + X, H)) * 0.5)
for n in ("b_f", "b_i", "b_C", "b_o"):
    setattr(cell, n, rng.normal(size=(1, H)) * 0.3)
P0 = {n: getattr(cell, n).copy() for n in ("W_f", "W_i", "W_C", "W_o", "b_f", "b_i", "b_C", "b_o")}
x = rng.normal(size=(m, X)); h_prev = rng.normal(size=(m, H)); C_prev = rng.normal(size=(m, H))
dH = rng.normal(size=(m, H)); dC = rng.normal(size=(m, H))
sig = lambda u: 1 / (1 + np.exp(-u))

def ref_forward(p, x=x, h_prev=h_prev, C_prev=C_prev, over=None):
    """independent forward; over = dict of overrides of intermediate quantities"""
    over = over or {}
    z = np.concatenate((h_prev, x), axis=1)
    af = z @ p["W_f"] + p["b_f"]; ai = z @ p["W_i"] + p["b_i"]
    ac = z @ p["W_C"] + p["b_C"]; ao = z @ p["W_o"] + p["b_o"]
    af, ai, ac, ao = (over.get(k, v) for k, v in (("af", af), ("ai", ai), ("ac", ac), ("ao", ao)))
    f, i, g, o = sig(af), sig(ai), np.tanh(ac), sig(ao)
    o = over.get("o", o)
    C = f * C_prev + i * g
    C = over.get("C", C)
    h = o * np.tanh(C)
    return dict(z=z, af=af, ai=ai, ac=ac, ao=ao, f=f, i=i, g=g, o=o, C=C, h=h)
def L(p=P0, **kw):
    r = ref_forward(p, **kw)
    return float(np.sum(dH * r["h"]) + np.sum(dC * r["C"]))
def grad_over(key):
    r = ref_forward(P0)
    return num_grad(lambda A: L(over={key: A}), r[key])
def grad_param(name):
    def fun(A):
        p = dict(P0); p[name] = A; return L(p)
    return num_grad(fun, P0[name])

results = {}
def rec(line, ok): results[line] = "pass" if ok else "fail"

# ---------------- forward (author's code) vs independent forward
cell.C = C_prev.copy()
h_c, C_c = cell.forward(x, h_prev)
R = ref_forward(P0)
fwd_ok = close(h_c, R["h"]) and close(C_c, R["C"])
# statement-level forward checks, exec'ing each line with the correct inputs
env = dict(np=np, self=cell, x=x, h_prev=h_prev)
cell.C = C_prev.copy()
exec(stmt(32), env); rec(32, close(env["concat_input"], R["z"]))
exec(stmt(33), env); rec(33, close(env["f_t"], R["f"]))
exec(stmt(34), env); rec(34, close(env["i_t"], R["i"]))
exec(stmt(35), env); rec(35, close(env["tilde_C_t"], R["g"]))
exec(stmt(36), env); rec(36, close(cell.C, R["C"]))
exec(stmt(37), env); rec(37, close(env["o_t"], R["o"]))
exec(stmt(38), env); rec(38, close(cell.h, R["h"]) and fwd_ok)
u = rng.normal(size=(3, 3))
rec(26, close(cell.sigmoid(u), sig(u)))
rec(29, close(cell.tanh(u), np.tanh(u)))

# ---------------- backward statements, each with correct upstream values
cell.C = R["C"].copy()            # after forward, self.C holds C_t (as in the author's class)
for n, v in P0.items(): setattr(cell, n, v.copy())
lr = 0.1
G = {k: grad_over(k) for k in ("ao", "o", "C", "ac", "ai", "af")}
base = dict(np=np, self=cell, x=x, h_prev=h_prev, delta_h=dH, delta_C=dC, learning_rate=lr,
            f_t=R["f"], i_t=R["i"], o_t=R["o"], tilde_C_t=R["g"], concat_input=R["z"])
def run(line, last=None, **inputs):
    e = dict(base); e.update(inputs); exec(stmt(line, last), e); return e
e = run(44); rec(44, close(e["concat_input"], R["z"]))
e = run(47); rec(47, close(e["delta_o"], G["o"]))
e = run(48, delta_o=G["o"]); rec(48, close(e["delta_o_t"], G["ao"]))
e = run(49, delta_o_t=G["ao"]); rec(49, close(e["grad_W_o"], grad_param("W_o")))
e = run(50, delta_o_t=G["ao"]); rec(50, close(e["grad_b_o"], grad_param("b_o")))
e = run(53); rec(53, close(e["delta_C_total"], G["C"]))
e = run(54, delta_C_total=G["C"]); rec(54, close(e["delta_C_t"], G["ac"]))
e = run(55, delta_C_t=G["ac"]); rec(55, close(e["grad_W_C"], grad_param("W_C")))
e = run(56, delta_C_t=G["ac"]); rec(56, close(e["grad_b_C"], grad_param("b_C")))
e = run(59, delta_C_total=G["C"]); rec(59, close(e["delta_i"], G["ai"]))
e = run(60, delta_i=G["ai"]); rec(60, close(e["grad_W_i"], grad_param("W_i")))
e = run(61, delta_i=G["ai"]); rec(61, close(e["grad_b_i"], grad_param("b_i")))
e = run(64, delta_C_total=G["C"]); rec(64, close(e["delta_f"], G["af"]))      # uses self.C = C_t
e = run(65, delta_f=G["af"]); rec(65, close(e["grad_W_f"], grad_param("W_f")))
e = run(66, delta_f=G["af"]); rec(66, close(e["grad_b_f"], grad_param("b_f")))

# 80 / 85: executed after the in-place SGD updates of lines 68-78 (learning_rate = lr != 0).
gh_ref = num_grad(lambda A: L(h_prev=A), h_prev)
gx_ref = num_grad(lambda A: L(x=A), x)
ups = dict(delta_o_t=G["ao"], delta_i=G["ai"], delta_f=G["af"], delta_C_t=G["ac"])
grads = {"grad_W_o": grad_param("W_o"), "grad_b_o": grad_param("b_o"), "grad_W_C": grad_param("W_C"),
         "grad_b_C": grad_param("b_C"), "grad_W_i": grad_param("W_i"), "grad_b_i": grad_param("b_i"),
         "grad_W_f": grad_param("W_f"), "grad_b_f": grad_param("b_f")}
def after_updates(lr_):
    for n, v in P0.items(): setattr(cell, n, v.copy())
    e = dict(base); e.update(ups); e.update(grads); e["learning_rate"] = lr_
    exec(stmt(68, 78), e)            # the author's update block, verbatim
    exec(stmt(80, 83), e); exec(stmt(85, 88), e)
    return e
e = after_updates(lr)
rec(80, close(e["grad_h_prev"], gh_ref)); rec(85, close(e["grad_x"], gx_ref))
e0 = after_updates(0.0)            # same formulas with the forward's weights: right
assert close(e0["grad_h_prev"], gh_ref) and close(e0["grad_x"], gx_ref)
# and line 64 with C_{t-1} in place of self.C would be right:
assert close(G["C"] * C_prev * R["f"] * (1 - R["f"]), G["af"])

bad = 0
for ln in sorted(set(map(int, EXP)) | set(results)):
    exp = EXP.get(str(ln), {}).get("expected"); got = results.get(ln)
    st = "OK" if exp == got else "MISMATCH"; bad += st != "OK"
    print(f"{ln} {st}  (expected {exp}, numerical {got})")
print("all agree" if bad == 0 else f"{bad} disagreements")
