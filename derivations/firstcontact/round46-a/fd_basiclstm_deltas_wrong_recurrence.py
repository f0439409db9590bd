"""Finite-difference check of basiclstm_deltas_wrong_recurrence.md (numpy only).

The python fence is exec'd (the unused `import tensorflow` is satisfied by an empty stub module in this
harness only).  The author's own forward (BasicLSTM.predict -> forward -> operate) produces the cells.
Each annotated statement is then re-evaluated from ITS OWN TEXT in the .md file (the right-hand side is
eval'd) with TRUE upstream quantities substituted (local judgement); the truths come from central
differences of an independent forward pass with additive hooks on every pre-activation, on c_t and on h_t.
Model (column vectors):  z = tanh(W_z x + R_z h + b_z), i,f,o = sigmoid(...), c_t = z*i + c_{t-1}*f,
h_t = tanh(c_t)*o, h_0 = c_0 = 0;  y = W_y (h_T + b_y) (as written in predict);  L = (y - label)^2 / 2.
"""
import os, sys, re, json, types
from types import SimpleNamespace as NS
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "basiclstm_deltas_wrong_recurrence.md"
lines = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
expected = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
s = lines.index("```python"); e = lines.index("```", s + 1)
code = "\n".join(lines[s + 1:e])
sys.modules["tensorflow"] = types.ModuleType("tensorflow")
G = {}
exec(compile(code, "<fence>", "exec"), G)

def rhs(ln):
    """right-hand side of the statement on md line ln (1-based)"""
    t = lines[ln - 1].strip()
    if t.startswith("return "):
        return t[len("return "):]
    m = re.match(r"^[A-Za-z_][\w\.\[\]]*\s*(\+=|=)\s*(.*?);?$", t)
    return m.group(2)

def ev(ln, **ns):
    env = {"np": np, "sigmoid": G["sigmoid"], "sigmoid_derivative": G["sigmoid_derivative"],
           "tanh_derivative": G["tanh_derivative"], "softmax": G["softmax"]}
    env.update(ns)
    return eval(rhs(ln), env)

rng = np.random.default_rng(46)
H, D, T = 3, 2, 4
P = {}
for g in "zifo":
    P["W_" + g] = rng.uniform(-1, 1, (H, D)); P["R_" + g] = rng.uniform(-1, 1, (H, H)); P["b_" + g] = rng.uniform(-1, 1, (H, 1))
P["W_y"] = rng.normal(size=(1, H)); b_y = 0.3
X = rng.normal(size=(D, T)); label = np.array([[0.7]])
sig = lambda a: 1.0 / (1.0 + np.exp(-a))

def ref_forward(P, E=None):
    E = E or {}
    hk = lambda k, t: E[k][:, [t]] if k in E else 0.0
    h = np.zeros((H, 1)); c = np.zeros((H, 1)); st = []
    for t in range(T):
        x = X[:, [t]]
        a = {g: P["W_" + g] @ x + P["R_" + g] @ h + P["b_" + g] + hk("a" + g, t) for g in "zifo"}
        z = np.tanh(a["z"]); i = sig(a["i"]); f = sig(a["f"]); o = sig(a["o"])
        c_old = c; h_old = h
        c = z * i + c_old * f + hk("c", t)
        h = np.tanh(c) * o + hk("h", t)
        st.append(dict(z=z, i=i, f=f, o=o, c=c, h=h, old_c=c_old, old_h=h_old, x=x))
    y = P["W_y"] @ (h + b_y)
    L = float(0.5 * ((y - label) ** 2).sum())
    return L, y, st

def num_grad(fun, arr, eps=1e-6):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]; arr[idx] = old + eps; lp = fun(); arr[idx] = old - eps; lm = fun(); arr[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g

# hook gradients (truths)
E = {k: np.zeros((H, T)) for k in ["az", "ai", "af", "ao", "c", "h"]}
TR = {k: num_grad(lambda: ref_forward(P, E)[0], E[k]) for k in E}
Lref, yref, st = ref_forward(P)
dh = [TR["h"][:, [t]] for t in range(T)]; dc = [TR["c"][:, [t]] for t in range(T)]
da = {g: [TR["a" + g][:, [t]] for t in range(T)] for g in "zifo"}
carry = [dc[t] - dh[t] * st[t]["o"] * (1 - np.tanh(st[t]["c"]) ** 2) for t in range(T)]   # dL/dc_t through c_{t+1}
PG = {k: num_grad(lambda: ref_forward(P)[0], P[k]) for k in P if k != "W_y"}

# author's model, author's forward
m = G["BasicLSTM"](H, D)
for k, v in P.items(): setattr(m, k, v.copy())
m.b_y = b_y
pred = m.predict(X)
cells = m.States

res = {}
def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)
def rec(ln, ok): res[ln] = "pass" if ok else "fail"

# helpers
xs = rng.normal(size=(4, 3)) * 3
rec(12, close(G["sigmoid"](xs), 0.5 * (1 + np.tanh(xs / 2))))
rec(16, close(G["sigmoid_derivative"](sig(xs)), (sig(xs + 1e-6) - sig(xs - 1e-6)) / 2e-6))
rec(20, close(G["tanh_derivative"](np.tanh(xs)), (np.tanh(xs + 1e-6) - np.tanh(xs - 1e-6)) / 2e-6))
e_h = ev(24, h=xs)
rec(24, np.allclose(e_h / np.exp(xs), (e_h / np.exp(xs))[0, 0]))
rec(25, close(ev(25, e_h=e_h), np.exp(xs) / np.exp(xs).sum(axis=0)))
# forward
rec(160, close(cells[0].old_h, np.zeros((H, 1))))
for ln, key in [(104, "z"), (105, "i"), (106, "f"), (107, "o"), (109, "c"), (111, "h")]:
    rec(ln, all(close(getattr(cells[t], key), st[t][key]) for t in range(T)))
rec(202, close(pred, yref))
err = ev(207, prediction=pred, label=label); rec(207, close(err, yref - label))
err2 = ev(208, error=err); rec(208, close(err2, 0.5 * (yref - label) ** 2))
rec(209, close(ev(209, error=err2), np.array([Lref])))
rec(213, close(ev(213, self=m, prediction=pred, label=label), dh[T - 1]))
# Deltas.calculate, each line with true upstream values, at every step
for ln, truth in [(51, dh), (52, da["o"]), (53, dc), (54, da["f"]), (55, da["i"]), (56, da["z"])]:
    ok = True
    for t in range(T):
        me = NS(h=dh[t], c=dc[t])
        dcf = carry[t] if t < T - 1 else 0
        ok &= close(ev(ln, self=me, cell=cells[t], delta_h=dh[t], delta_c_f=dcf), truth[t])
    rec(ln, ok)
# line 177: at the last step the incoming delta_h is dL/dh_T and the carried cell gradient is 0
rec(177, close(G["BasicLSTM"].derivative_h(m, pred, label), dh[T - 1]) and close(carry[T - 1], np.zeros((H, 1))))
# recurrence lines
ok179 = ok180 = True
for t in range(T - 1):
    nd = NS(z=da["z"][t + 1], i=da["i"][t + 1], f=da["f"][t + 1], o=da["o"][t + 1], c=dc[t + 1])
    ok179 &= close(ev(179, self=m, next_delta=nd), dh[t])
    ok180 &= close(ev(180, next_delta=nd, next_cell=cells[t + 1]), carry[t])
rec(179, ok179); rec(180, ok180)
# accumulations (totals over t) with true per-step deltas
acc_lines = {182: "W_z", 183: "R_z", 184: "b_z", 186: "W_i", 187: "R_i", 188: "b_i",
             190: "W_f", 191: "R_f", 192: "b_f", 194: "W_o", 195: "R_o", 196: "b_o"}
for ln, pk in acc_lines.items():
    acc = np.zeros_like(P[pk])
    for t in reversed(range(T)):
        delta = NS(z=da["z"][t], i=da["i"][t], f=da["f"][t], o=da["o"][t])
        me = NS(**{"delta_" + pk: acc})
        acc = ev(ln, self=me, delta=delta, cell=cells[t])
    rec(ln, close(acc, PG[pk]))

# sanity: the corrected formulas agree with the truths (so the fails are not artefacts of the harness)
for t in range(T):
    c_ = cells[t]
    assert close(dh[t] * c_.o * (1 - np.tanh(c_.c) ** 2) + (carry[t] if t < T - 1 else 0), dc[t])
    assert close(dc[t] * c_.old_c * c_.f * (1 - c_.f), da["f"][t])
    assert close(dc[t] * c_.i * (1 - c_.z ** 2), da["z"][t])
    if t < T - 1:
        assert close(sum(m.__dict__["R_" + g].T @ da[g][t + 1] for g in "zifo"), dh[t])

bad = 0
for ln in sorted(int(k) for k in expected):
    got = res.get(ln)
    ok = got == expected[str(ln)]["expected"]
    bad += not ok
    print(ln, "OK" if ok else "MISMATCH", f"(computed {got}, expected {expected[str(ln)]['expected']})")
missing = set(res) - set(int(k) for k in expected)
if missing: print("checked but not in expected.json:", sorted(missing))
print("ALL AGREE" if bad == 0 and not missing else f"{bad} disagreements")
