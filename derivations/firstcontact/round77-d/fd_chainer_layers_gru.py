"""Finite-difference check of chainer_layers_gru.py (GRULayer.forward_cpu / backward_cpu), numpy only.

One call of the layer (Chainer unrolls time by calling it once per step): inputs x (N, in), h_tm1 (N, out);
loss L = sum(gh * h) so grad_outputs[0] = gh. The in-place buffer reuse of backward_cpu is reproduced
with explicit copies where the author writes into self.h / self.h_tilde / self.u / self.HV / self.r.
"""
import numpy as np

rng = np.random.default_rng(2)
eps = 1e-6
N, IN, OUT = 3, 4, 5
res = []


def report(line, name, a, b, expect):
    err = np.max(np.abs(a - b)) / (1e-12 + np.max(np.abs(b)))
    ok = err < 1e-5
    res.append((line, ok, expect))
    print(f"line {line:3d} {name:50s} rel.err={err:9.2e}  {'agree' if ok else 'DISAGREE':8s} (expected {expect})")


def fd(f, X):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        o = X[i]
        X[i] = o + eps; fp = f()
        X[i] = o - eps; fm = f()
        X[i] = o
        G[i] = (fp - fm) / (2 * eps)
    return G


sig = lambda z: 1 / (1 + np.exp(-z))
P = {}
for k in ["Wu", "Wr", "Wh"]:
    P[k] = rng.normal(scale=0.5, size=(OUT, IN))        # weight_initialization(in, out) -> (out, in)
for k in ["Vu", "Vr", "Vh"]:
    P[k] = rng.normal(scale=0.5, size=(OUT, OUT))
for k in ["bu", "br", "bh"]:
    P[k] = rng.normal(scale=0.3, size=(1, OUT))
x = rng.normal(size=(N, IN)); h_tm1 = rng.normal(size=(N, OUT)); gh = rng.normal(size=(N, OUT))


def forward(x, h_tm1, shift=None):
    s = shift or {}
    u = x.dot(P["Wu"].T) + h_tm1.dot(P["Vu"].T) + P["bu"] + s.get("u", 0)        # lines 74, 78
    r = np.dot(x, P["Wr"].T) + np.dot(h_tm1, P["Vr"].T) + P["br"] + s.get("r", 0)  # lines 76, 79
    u = sig(u); r = sig(r)                                                       # lines 80, 81
    HV = h_tm1.dot(P["Vh"].T) + s.get("HV", 0)                                   # line 84
    h_tilde = r * HV + x.dot(P["Wh"].T) + P["bh"] + s.get("ht", 0)               # lines 85, 87
    h_tilde = np.tanh(h_tilde)                                                   # line 88
    h = (1 - u) * h_tilde + u * h_tm1                                            # line 91
    return u, r, HV, h_tilde, h


def loss(shift=None):
    return (gh * forward(x, h_tm1, shift)[-1]).sum()


u, r, HV, h_tilde, h = forward(x, h_tm1)
# ---- backward_cpu as written (lines 101-134) ----
gu = h_tm1 - h_tilde                        # 102 (written into self.h)
gu = gu * (gh * u * (1 - u))                # 103
gh_tilde = 1 - h_tilde ** 2                 # 104 (written into self.h_tilde)
gh_tilde = gh_tilde * (gh * (1 - u))        # 105
gh_tm1 = gh * u                             # 107 (written into self.u)
gr = (1 - r) * HV                           # 108 (written into self.HV)
ghr = gh_tilde * r                          # 109 (written into self.r)
gr = gr * ghr                               # 110
gx = gu.dot(P["Wu"]); gx_112 = gx.copy()    # 112
gx = gx + gr.dot(P["Wr"])                   # 113
gx = gx + gh_tilde.dot(P["Wh"])             # 114
gh_tm1_107 = gh_tm1.copy()
gh_tm1 = gh_tm1 + ghr.dot(P["Vh"])          # 116
gh_tm1 = gh_tm1 + gr.dot(P["Vr"])           # 117
gh_tm1 = gh_tm1 + gu.dot(P["Vu"])           # 118
g = {"Wu": gu.T.dot(x), "Vu": gu.T.dot(h_tm1), "Wr": gr.T.dot(x), "Vr": gr.T.dot(h_tm1),
     "Wh": gh_tilde.T.dot(x), "Vh": ghr.T.dot(h_tm1)}                            # 120-127
ones = np.ones((1, N))
g.update({"bu": ones.dot(gu), "br": ones.dot(gr), "bh": ones.dot(gh_tilde)})     # 132-134


def fd_shift(key):
    D = np.zeros((N, OUT))
    return fd(lambda: loss({key: D}), D)


report(103, "gu vs dL/d(update-gate pre-activation)", gu, fd_shift("u"), "pass")
report(105, "gh_tilde vs dL/d(candidate pre-activation)", gh_tilde, fd_shift("ht"), "pass")
report(109, "ghr = gh_tilde*r vs dL/dHV", ghr, fd_shift("HV"), "pass")
report(110, "gr vs dL/d(reset-gate pre-activation)", gr, fd_shift("r"), "pass")
# line 107: direct term only, gates held fixed
hv = h_tm1.copy()
report(107, "gh_tm1 = gh*u vs dL/dh_tm1 with gates fixed", gh_tm1_107,
       fd(lambda: (gh * ((1 - u) * h_tilde + u * hv)).sum(), hv), "pass")
report(114, "gx (lines 112-114) vs dL/dx", gx, fd(lambda: loss(), x), "pass")
report(118, "gh_tm1 (lines 107, 116-118) vs dL/dh_tm1", gh_tm1, fd(lambda: loss(), h_tm1), "pass")
for ln, k in [(120, "Wu"), (121, "Vu"), (123, "Wr"), (124, "Vr"), (126, "Wh"), (127, "Vh"),
              (132, "bu"), (133, "br"), (134, "bh")]:
    report(ln, f"g{k} vs FD", g[k], fd(lambda: loss(), P[k]), "pass")

print("\nSummary:", sum((ok and e == "pass") or (not ok and e == "fail") for _, ok, e in res), "of", len(res),
      "rows match expected.json")
