"""Finite-difference check of gru_cell_explicit_jacobians_11785.md (numpy only).

Each annotated line of the note is executed verbatim (its text is read from the .md file) in a
namespace where every upstream quantity has its correct value (computed here by central
differences or by an independent forward pass), and the result is compared with a central-
difference reference for the quantity the line defines.  Jacobians follow the author's layout
dA/dB[i, j] = d A_i / d B_j; row vectors dLdX have shape (1, n).
"""
import os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FILE = os.path.join(HERE, "gru_cell_explicit_jacobians_11785.md")
LINES = open(FILE).read().splitlines()
EPS = 1e-6

# ---- activation objects with the semantics of the 11-785 HW3P1 handout activation.py
class Sigmoid:
    def __call__(self, Z): return self.forward(Z)
    def forward(self, Z):
        self.A = Z; self.npVal = np.exp(-Z); return 1 / (1 + self.npVal)
    def backward(self):
        return self.npVal / (1 + self.npVal) ** 2
class Tanh:
    def __call__(self, Z): return self.forward(Z)
    def forward(self, Z):
        self.A = Z; self.tanhVal = np.tanh(Z); return self.tanhVal
    def backward(self, state=None):
        return 1 - state ** 2 if state is not None else 1 - self.tanhVal ** 2

sig = lambda a: 1 / (1 + np.exp(-a))
rng = np.random.default_rng(7)
d, h = 4, 3
P = {k: rng.normal(size=(h, d)) for k in ["Wrx", "Wzx", "Wnx"]}
P.update({k: rng.normal(size=(h, h)) * 0.8 for k in ["Wrh", "Wzh", "Wnh"]})
P.update({k: rng.normal(size=h) for k in ["brx", "bzx", "bnx", "brh", "bzh", "bnh"]})
x0 = rng.normal(size=d); hp0 = rng.normal(size=h)
delta = rng.normal(size=(1, h))          # dL/dh_t, L = delta . h_t

def fwd(P, x, hp, r=None, z=None, n=None):
    pr = P["Wrx"] @ x + P["brx"] + P["Wrh"] @ hp + P["brh"]
    pz = P["Wzx"] @ x + P["bzx"] + P["Wzh"] @ hp + P["bzh"]
    r_ = sig(pr) if r is None else r
    z_ = sig(pz) if z is None else z
    pn = P["Wnx"] @ x + P["bnx"] + r_ * (P["Wnh"] @ hp + P["bnh"])
    n_ = np.tanh(pn) if n is None else n
    return dict(pr=pr, pz=pz, pn=pn, r=r_, z=z_, n=n_, h=(1 - z_) * n_ + z_ * hp)

F0 = fwd(P, x0, hp0)
r0, z0, n0 = F0["r"], F0["z"], F0["n"]

def jac(fun, v):
    v = np.array(v, float); out = np.asarray(fun(v)).ravel(); J = np.zeros((out.size, v.size))
    for j in range(v.size):
        e = np.zeros_like(v); e.flat[j] = EPS
        J[:, j] = (np.asarray(fun(v + e)).ravel() - np.asarray(fun(v - e)).ravel()) / (2 * EPS)
    return J
L = lambda hv: float(delta.ravel() @ hv)
def grad_param(name):
    def f(v):
        Q = dict(P); Q[name] = v.reshape(P[name].shape); return L(fwd(Q, x0, hp0)["h"])
    return jac(f, P[name].ravel()).reshape(P[name].shape)
dact = lambda f, a: ((f(a + EPS) - f(a - EPS)) / (2 * EPS)).reshape(1, -1)

REF = {
    "r_t": r0, "z_t": z0, "n_t": n0, "h_t": F0["h"],
    "dLdh": jac(L, F0["h"]),
    "dhdz": jac(lambda v: fwd(P, x0, hp0, z=v, n=n0)["h"], z0),
    "dLdz": jac(lambda v: L(fwd(P, x0, hp0, z=v, n=n0)["h"]), z0),
    "dhdn": jac(lambda v: fwd(P, x0, hp0, z=z0, n=v)["h"], n0),
    "dLdn": jac(lambda v: L(fwd(P, x0, hp0, z=z0, n=v)["h"]), n0),
    "dn_act": dact(np.tanh, F0["pn"]), "dr_act": dact(sig, F0["pr"]), "dz_act": dact(sig, F0["pz"]),
    "dzdx": jac(lambda v: fwd(P, v, hp0)["z"], x0),
    "drdx": jac(lambda v: fwd(P, v, hp0)["r"], x0),
    "dndx": jac(lambda v: fwd(P, v, hp0, r=r0)["n"], x0),        # explicit partial, r held fixed
    "dndr": jac(lambda v: fwd(P, x0, hp0, r=v)["n"], r0),
    "dhdr": jac(lambda v: fwd(P, x0, hp0, r=v, z=z0)["h"], r0),
    "dLdr": jac(lambda v: L(fwd(P, x0, hp0, r=v, z=z0)["h"]), r0),
    "dx": jac(lambda v: L(fwd(P, v, hp0)["h"]), x0),
    "dhdh_prev_t": jac(lambda v: fwd(P, x0, v, r=r0, z=z0, n=n0)["h"], hp0),  # direct partial = diag(z)
    "dndh_prev_t": jac(lambda v: fwd(P, x0, v, r=r0)["n"], hp0),
    "dzdh_prev_t": jac(lambda v: fwd(P, x0, v)["z"], hp0),
    "drdh_prev_t": jac(lambda v: fwd(P, x0, v)["r"], hp0),
    "dh_prev_t": jac(lambda v: L(fwd(P, x0, v)["h"]), hp0),
}
for k in ["Wrx", "Wzx", "Wnx", "Wrh", "Wzh", "Wnh", "brx", "bzx", "bnx", "brh", "bzh", "bnh"]:
    REF["self.d" + k] = grad_param(k)

class NS: pass
def make_self(backward_state):
    s = NS(); s.d, s.h = d, h
    for k, v in P.items(): setattr(s, k, v.copy())
    s.r_act, s.z_act, s.n_act, s.h_act = Sigmoid(), Sigmoid(), Tanh(), Tanh()
    s.r_act(F0["pr"]); s.z_act(F0["pz"]); s.n_act(F0["pn"])     # activation objects hold this step's state
    s.r, s.z, s.n = r0.copy(), z0.copy(), n0.copy()
    if backward_state:
        s.x, s.hidden = x0.reshape(d, 1), hp0.reshape(h, 1)       # the author's reshape at lines 149-150
    else:
        s.x, s.hidden = x0.copy(), hp0.copy()
    return s

FORWARD = {97, 98, 99, 100}
DIAG = {188}       # the author stores the diagonal Jacobian dh/dh_prev (direct part) as a (1, h) row
def run(lineno):
    text = LINES[lineno - 1].strip()
    m = re.match(r"^([\w\.]+)\s*(\+?=)", text); target = m.group(1)
    s = make_self(lineno not in FORWARD)
    env = {"np": np, "self": s, "delta": delta.copy(), "h_prev_t": hp0.copy()}
    for k, v in REF.items():
        if not k.startswith("self."): env[k] = np.array(v, copy=True)
    for k in ["dLdh", "dLdz", "dLdn", "dLdr", "dx", "dh_prev_t"]:
        env[k] = env[k].reshape(1, -1)
    env["dhdh_prev_t"] = z0.reshape(1, h).copy()   # the author's representation of the (correct) diagonal
    exec(text, env)
    val = getattr(s, target[5:]) if target.startswith("self.") else env[target]
    ref = REF[target]
    val = np.asarray(val, float)
    if lineno in DIAG: val = np.diag(val.ravel())
    ok = val.size == np.size(ref) and np.allclose(val.ravel(), np.ravel(ref), rtol=1e-5, atol=1e-7)
    return ok, text

ANNOT = [97, 98, 99, 100, 151, 152, 153, 154, 155, 156, 157, 158, 161, 162, 163, 165, 166, 167, 169,
         172, 173, 174, 175, 176, 177, 180, 181, 182, 183, 184, 185, 188, 189, 190, 191, 192]
if __name__ == "__main__":
    import json
    exp = json.load(open(os.path.join(HERE, "expected.json")))[os.path.basename(FILE)]
    agree = 0
    for ln in ANNOT:
        ok, text = run(ln)
        e = exp[str(ln)]["expected"]
        a = (e == "pass") == ok
        agree += a
        print(f"{ln:4d} {'OK' if ok else 'MISMATCH':8s} expected={e:4s} {'agrees' if a else 'DISAGREES'}  {text[:70]}")
    assert set(map(int, exp)) == set(ANNOT), "annotated lines differ from expected.json"
    print(f"{agree}/{len(ANNOT)} verdicts agree with expected.json")
