"""Finite-difference check of torchify_grucell_11785_student.md (numpy only).

The published backward cannot run as written (1-D forward states against column-reshaped x/hidden; see
expected.json _notes), so the harness does not call GRUCell.backward.  Instead every annotated statement is
re-evaluated from ITS OWN TEXT in the .md file (its right-hand side is eval'd) with every vector read as a
COLUMN, as the student's backward intends, and with TRUE upstream quantities substituted (local judgement).
Truths come from central differences of an independent forward of the handout GRU
    r = sig(Wrx x + brx + Wrh h + brh), z = sig(Wzx x + bzx + Wzh h + bzh),
    n = tanh(Wnx x + bnx + r*(Wnh h + bnh)), h_t = (1-z) n + z h,   L = g . h_t  (so delta = g),
with additive hooks on r, z, n and their pre-activations and with separate copies of x and h per path.
Forward lines are eval'd with 1-D vectors as in forward() and compared with the handout equations.
"""
import os, re, json
from types import SimpleNamespace as NS
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "torchify_grucell_11785_student.md"
lines = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
expected = json.load(open(os.path.join(HERE, "expected.json")))[NAME]

def rhs(ln):
    t = lines[ln - 1].strip()
    return re.match(r"^[A-Za-z_][\w\.]*\s*=\s*(.*)$", t).group(1)
def ev(ln, **ns):
    env = {"np": np}; env.update(ns)
    return eval(rhs(ln), env)

rng = np.random.default_rng(4611)
d, h = 3, 4
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
P = {k: rng.normal(size=(h, d)) for k in ["Wrx", "Wzx", "Wnx"]}
P.update({k: rng.normal(size=(h, h)) for k in ["Wrh", "Wzh", "Wnh"]})
P.update({k: rng.normal(size=h) for k in ["brx", "bzx", "bnx", "brh", "bzh", "bnh"]})
x = rng.normal(size=d); hp = rng.normal(size=h); g = rng.normal(size=h)

def fwd(P, I=None, E=None):
    I = I or {}; E = E or {}
    gx = lambda k: I.get(k, x); gh = lambda k: I.get(k, hp); e = lambda k: E.get(k, 0.0)
    rpre = P["Wrx"] @ gx("x_r") + P["brx"] + P["Wrh"] @ gh("h_r") + P["brh"] + e("rpre")
    r = sig(rpre) + e("r")
    zpre = P["Wzx"] @ gx("x_z") + P["bzx"] + P["Wzh"] @ gh("h_z") + P["bzh"] + e("zpre")
    z = sig(zpre) + e("z")
    npre = P["Wnx"] @ gx("x_n") + P["bnx"] + r * (P["Wnh"] @ gh("h_n") + P["bnh"]) + e("npre")
    n = np.tanh(npre) + e("n")
    ht = (1 - z) * n + z * gh("h_lin")
    return float(g @ ht), dict(r=r, z=z, n=n, ht=ht)

def num_grad(fun, arr, eps=1e-6):
    out = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]; arr[idx] = old + eps; lp = fun(); arr[idx] = old - eps; lm = fun(); arr[idx] = old
        out[idx] = (lp - lm) / (2 * eps)
    return out

_, S = fwd(P)
E = {k: np.zeros(h) for k in ["rpre", "zpre", "npre", "r", "z", "n"]}
TE = {k: num_grad(lambda: fwd(P, None, E)[0], E[k]) for k in E}
I = {"x_r": x.copy(), "x_z": x.copy(), "x_n": x.copy(), "h_r": hp.copy(), "h_z": hp.copy(), "h_n": hp.copy(), "h_lin": hp.copy()}
TI = {k: num_grad(lambda: fwd(P, I)[0], I[k]) for k in I}
TP = {k: num_grad(lambda: fwd(P)[0], P[k]) for k in P}
dx_true = num_grad(lambda: fwd(P, {"x_r": xx, "x_z": xx, "x_n": xx})[0], xx := x.copy())
dh_true = num_grad(lambda: fwd(P, {k: hh for k in ["h_r", "h_z", "h_n", "h_lin"]})[0], hh := hp.copy())

col = lambda v: np.asarray(v, float).reshape(-1, 1)
def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    vec = lambda s: sum(n_ > 1 for n_ in s) <= 1
    if a.size == b.size and vec(a.shape) and vec(b.shape):
        return np.allclose(a.ravel(), b.ravel(), rtol=tol, atol=tol)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)

res = {}
def rec(ln, ok): res[ln] = "pass" if ok else "fail"

# forward lines: 1-D, as in forward()
F = NS(r_act=sig, z_act=sig, h_act=np.tanh, **P)
F.r = S["r"]; F.z = S["z"]; F.n = S["n"]
rec(96, close(ev(96, self=F, x=x, h_prev_t=hp), S["r"]))
rec(97, close(ev(97, self=F, x=x, h_prev_t=hp), S["z"]))
rec(98, close(ev(98, self=F, x=x, h_prev_t=hp), S["n"]))
rec(99, close(ev(99, self=F, x=x, h_prev_t=hp), S["ht"]))

# backward lines: columns, true upstream values
B = NS(x=col(x), hidden=col(hp), n=col(S["n"]), z=col(S["z"]), r=col(S["r"]),
       Wnh=P["Wnh"], Wnx=P["Wnx"], Wzx=P["Wzx"], Wrx=P["Wrx"], Wzh=P["Wzh"], Wrh=P["Wrh"], bnh=col(P["bnh"]))
L = dict(dh_t=col(g), delta=col(g), dz_t=col(TE["z"]), dn_t=col(TE["n"]), dn_act=col(TE["npre"]),
         dr_t=col(TE["r"]), dz_act=col(TE["zpre"]), dr_act=col(TE["rpre"]),
         dxn=TI["x_n"][None, :], dxz=TI["x_z"][None, :], dxr=TI["x_r"][None, :],
         t1=TI["h_lin"][None, :], t2=TI["h_n"][None, :], t3=TI["h_z"][None, :], t4=TI["h_r"][None, :])
truth = {146: g, 148: TE["z"], 149: TE["n"], 151: TE["npre"], 152: TP["Wnh"], 153: TP["bnx"], 154: TE["r"],
         155: TP["Wnh"], 156: TP["bnh"], 158: TE["zpre"], 159: TP["Wzx"], 160: TP["bzx"], 161: TP["Wzh"],
         162: TP["bzh"], 164: TE["rpre"], 165: TP["Wrx"], 166: TP["brx"], 167: TP["Wrh"], 168: TP["brh"],
         170: TI["x_n"], 171: TI["x_z"], 172: TI["x_r"], 174: dx_true, 176: TI["h_lin"], 177: TI["h_n"],
         178: TI["h_z"], 179: TI["h_r"], 181: dh_true}
for ln, tv in truth.items():
    rec(ln, close(ev(ln, self=B, **L), tv))

# sanity: the corrected formulas agree with the truths (the fails are not artefacts of the harness)
assert close(col(g) * (B.hidden - B.n), TE["z"])
assert close((L["dn_act"] * B.r) @ B.hidden.T, TP["Wnh"]) and close(L["dn_act"] @ B.x.T, TP["Wnx"])
assert close(L["dz_act"] @ B.hidden.T, TP["Wzh"]) and close(L["dr_act"] @ B.hidden.T, TP["Wrh"])

bad = 0
for ln in sorted(int(k) for k in expected):
    got = res.get(ln); ok = got == expected[str(ln)]["expected"]; bad += not ok
    print(ln, "OK" if ok else "MISMATCH", f"(computed {got}, expected {expected[str(ln)]['expected']})")
missing = set(res) - set(int(k) for k in expected)
if missing: print("checked but not in expected.json:", sorted(missing))
print("ALL AGREE" if bad == 0 and not missing else f"{bad} disagreements")
