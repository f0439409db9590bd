"""Finite-difference check of llynoirx_grucell_d3ea855_closeness.md (numpy only).

Each annotated line is executed verbatim (its text is read from the .md file) in a namespace
where every upstream quantity has its correct value, and the result is compared with a central-
difference reference.  Convention (see expected.json _notes): delta, self.x, self.hidden are
(1, n) rows after the author's reshapes; self.r, self.z, self.n stay 1-D (h,); dz, dr, dn are
the gradients of L w.r.t. the PRE-activations of z, r and n (the quantities the author multiplies
into the weight matrices); dh_prev_t starts as zeros (the author's np.zeros_like); L = delta . h_t.
"""
import os, re, sys, json
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FILE = os.path.join(HERE, "llynoirx_grucell_d3ea855_closeness.md")
ANNOT = [97, 98, 99, 100, 150, 151, 152, 155, 165, 167, 168, 169, 171, 172, 173,
         176, 177, 178, 180, 181, 182]
FORWARD = {97, 98, 99, 100}
EPS = 1e-6

# forward-only activation objects as in the repository's mytorch/nn/activation.py
class Sigmoid:
    def forward(self, Z):
        self.A = Z; self.npVal = np.exp(-Z); return 1 / (1 + self.npVal)
class Tanh:
    def forward(self, Z):
        self.A = Z; self.tanhVal = np.tanh(Z); return self.tanhVal

sig = lambda a: 1 / (1 + np.exp(-a))
rng = np.random.default_rng(11)
d, h = 4, 3
P = {k: rng.normal(size=(h, d)) for k in ["Wrx", "Wzx", "Wnx"]}
P.update({k: rng.normal(size=(h, h)) * 0.8 for k in ["Wrh", "Wzh", "Wnh"]})
P.update({k: rng.normal(size=h) for k in ["brx", "bzx", "bnx", "brh", "bzh", "bnh"]})
x0 = rng.normal(size=d); hp0 = rng.normal(size=h)
delta = rng.normal(size=h)

def fwd(P, x, hp, ar=0.0, az=0.0, an=0.0):
    """GRU of the 11-785 handout; ar/az/an are additive perturbations of the pre-activations."""
    r = sig(P["Wrx"] @ x + P["brx"] + P["Wrh"] @ hp + P["brh"] + ar)
    z = sig(P["Wzx"] @ x + P["bzx"] + P["Wzh"] @ hp + P["bzh"] + az)
    n = np.tanh(P["Wnx"] @ x + P["bnx"] + r * (P["Wnh"] @ hp + P["bnh"]) + an)
    return dict(r=r, z=z, n=n, h=(1 - z) * n + z * hp)

def grad(f, v):
    v = np.array(v, float); g = np.zeros_like(v)
    for j in range(v.size):
        e = np.zeros_like(v); e.flat[j] = EPS
        g.flat[j] = (f(v + e) - f(v - e)) / (2 * EPS)
    return g
L = lambda F: float(delta @ F["h"])
F0 = fwd(P, x0, hp0)
zero = np.zeros(h)
REF = {
    "self.r": F0["r"], "self.z": F0["z"], "self.n": F0["n"], "h_t": F0["h"],
    "dz": grad(lambda v: L(fwd(P, x0, hp0, az=v)), zero),
    "dr": grad(lambda v: L(fwd(P, x0, hp0, ar=v)), zero),
    "dn": grad(lambda v: L(fwd(P, x0, hp0, an=v)), zero),
    "dx": grad(lambda v: L(fwd(P, v, hp0)), x0),
    "dh_prev_t": grad(lambda v: L(fwd(P, x0, v)), hp0),
}
for k in P:
    def f(v, k=k):
        Q = dict(P); Q[k] = v.reshape(P[k].shape); return L(fwd(Q, x0, hp0))
    REF["self.d" + k] = grad(f, P[k].ravel()).reshape(P[k].shape)

class NS: pass
def make_self(backward_state):
    s = NS(); s.d, s.h = d, h
    for k, v in P.items(): setattr(s, k, v.copy())
    s.r_act, s.z_act, s.h_act = Sigmoid(), Sigmoid(), Tanh()
    s.r, s.z, s.n = F0["r"].copy(), F0["z"].copy(), F0["n"].copy()
    if backward_state:
        s.x, s.hidden = x0.reshape(1, -1), hp0.reshape(1, -1)     # the author's reshapes
        s.dbrx, s.dbzx = REF["self.dbrx"].copy(), REF["self.dbzx"].copy()
    else:
        s.x, s.hidden = x0.copy(), hp0.copy()
    return s

def run(lines, lineno):
    text = lines[lineno - 1].strip()
    target = re.match(r"^([\w\.]+)\s*(\+?=)", text).group(1)
    s = make_self(lineno not in FORWARD)
    if lineno in FORWARD:
        env = {"np": np, "self": s, "x": x0.copy(), "h_prev_t": hp0.copy()}
    else:
        env = {"np": np, "self": s, "delta": delta.reshape(1, -1).copy(),
               "dz": REF["dz"].reshape(1, -1), "dr": REF["dr"].reshape(1, -1),
               "dn": REF["dn"].reshape(1, -1),
               "dx": np.zeros((1, d)), "dh_prev_t": np.zeros((1, h))}   # the author's zero initialisation
    exec(text, env)
    val = getattr(s, target[5:]) if target.startswith("self.") else env[target]
    val = np.asarray(val, float); ref = np.asarray(REF[target])
    ok = val.size == ref.size and np.allclose(val.ravel(), ref.ravel(), rtol=1e-5, atol=1e-7)
    return ok, text

if __name__ == "__main__":
    lines = open(FILE).read().splitlines()
    exp = json.load(open(os.path.join(HERE, "expected.json")))[os.path.basename(FILE)]
    assert set(map(int, exp)) == set(ANNOT), "annotated lines differ from expected.json"
    agree = 0
    for ln in ANNOT:
        ok, text = run(lines, ln)
        e = exp[str(ln)]["expected"]; a = (e == "pass") == ok; agree += a
        print(f"{ln:4d} {'OK' if ok else 'MISMATCH':8s} expected={e:4s} {'agrees' if a else 'DISAGREES'}  {text[:70]}")
    print(f"{agree}/{len(ANNOT)} verdicts agree with expected.json")
