"""Finite-difference check of py2_grulayer_outer_dx_missing_candidate.md (numpy only).

The class part of the author's fence (everything before `def sample`, which is valid Python 3) is
exec'd to get the helpers and GRULayer.  An independent forward pass with perturbation hooks gives
true local quantities by central differences of the sequence loss
    L = sum_t -log softmax(y_t)[target_t],  y_t = Wy h_t + by,
    z = sig(Wz x + Uz h_prev + bz), r = sig(Wr x + Ur h_prev + br),
    hh = tanh(Wh x + Uh (r*h_prev) + bh), h = z*h_prev + (1-z)*hh.
Every annotated backward line is re-evaluated with TRUE upstream values (judged locally) and compared
with the true value of the quantity it computes.  The author's own backprop is also run as a sanity
check: all its weight gradients match, its dx list does not.
"""
import os, json
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "py2_grulayer_outer_dx_missing_candidate.md"
lines = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
expected = json.load(open(os.path.join(HERE, "expected.json")))[NAME]

start = lines.index("```python")
stop = next(k for k in range(start, len(lines)) if lines[k].startswith("def sample(RNN, x):"))
ns = {}
exec(compile("\n".join(lines[start + 1:stop]), "<gru_author>", "exec"), ns)
A_loss, A_softmax, A_sigmoid, A_tanh, GRULayer = (ns["loss"], ns["softmax"], ns["sigmoid"],
                                                  ns["tanh"], ns["GRULayer"])

rng = np.random.default_rng(1)
X, Hs, Y, T = 4, 3, 5, 4
eps = 1e-6
results = {}

def ok(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=tol)

def record(line, good):
    results[line] = "pass" if good else "fail"

def num_grad(f, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]
        arr[idx] = old + eps; fp = f()
        arr[idx] = old - eps; fm = f()
        arr[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

sig = lambda a: 1.0 / (1.0 + np.exp(-a))
def sm(v):
    e = np.exp(v - v.max()); return e / e.sum()

# ---------------- helpers ----------------
v = rng.normal(size=Y); tgt = np.eye(Y)[2]
record(18, ok(A_loss.fn(v, tgt), -np.log(sm(v)[2])))
fd21 = np.array([(-np.log(sm(v + eps * e)[2]) + np.log(sm(v - eps * e)[2])) / (2 * eps) for e in np.eye(Y)])
record(21, ok(A_loss.dx(v, tgt), fd21))
record(26, ok(A_softmax.fn(v), np.exp(v) / np.exp(v).sum()))
record(27, ok(A_softmax.fn(v), np.exp(v) / np.exp(v).sum()))
a = rng.normal(size=6)
record(32, ok(A_sigmoid.fn(a), sig(a)))
record(35, ok(A_sigmoid.df(sig(a)), (sig(a + eps) - sig(a - eps)) / (2 * eps)))   # df takes the output
record(40, ok(A_tanh.fn(a), np.tanh(a)))
record(43, ok(A_tanh.df(np.tanh(a)), (np.tanh(a + eps) - np.tanh(a - eps)) / (2 * eps)))

# ---------------- parameters and data ----------------
P = {"Wz": rng.normal(0, .5, (Hs, X)), "Uz": rng.normal(0, .5, (Hs, Hs)), "bz": rng.normal(0, .3, Hs),
     "Wr": rng.normal(0, .5, (Hs, X)), "Ur": rng.normal(0, .5, (Hs, Hs)), "br": rng.normal(0, .3, Hs),
     "Wh": rng.normal(0, .5, (Hs, X)), "Uh": rng.normal(0, .5, (Hs, Hs)), "bh": rng.normal(0, .3, Hs),
     "Wy": rng.normal(0, .5, (Y, Hs)), "by": rng.normal(0, .3, Y)}
xs = [rng.normal(size=X) for _ in range(T)]
tg = [int(k) for k in rng.integers(0, Y, T)]
h0 = rng.normal(0, .5, Hs)

def forward(P, hook=None):
    """independent forward; hook = (name, t, vec) adds vec at one node of step t"""
    def add(name, t, val):
        if hook is not None and hook[0] == name and hook[1] == t:
            return val + hook[2]
        return val
    h = h0.copy(); L = 0.0; st = []
    for t in range(T):
        x = xs[t]
        hz = add("hp_z", t, add("hp", t, h)); hr = add("hp_r", t, add("hp", t, h))
        hhh = add("hp_h", t, add("hp", t, h)); hd = add("hp_d", t, add("hp", t, h))
        xz = add("x_z", t, add("x", t, x)); xr = add("x_r", t, add("x", t, x)); xh = add("x_h", t, add("x", t, x))
        az = add("az", t, P["Wz"] @ xz + P["Uz"] @ hz + P["bz"]); z = add("z", t, sig(az))
        ar = add("ar", t, P["Wr"] @ xr + P["Ur"] @ hr + P["br"]); r = add("r", t, sig(ar))
        rh = add("rh", t, r * hhh)
        ah = add("ah", t, P["Wh"] @ xh + P["Uh"] @ rh + P["bh"]); hh = add("hh", t, np.tanh(ah))
        hn = add("h", t, z * hd + (1 - z) * hh)
        y = add("y", t, P["Wy"] @ hn + P["by"])
        L += -np.log(sm(y)[tg[t]])
        st.append(dict(x=x, hp=h, z=z, r=r, hh=hh, h=hn, y=y))
        h = hn
    return L, st

L0, st = forward(P)
def node_grad(name, t, size):
    vec = np.zeros(size)
    return num_grad(lambda: forward(P, (name, t, vec))[0], vec)
def param_grad(k):
    W = P[k]
    return num_grad(lambda: forward(P)[0], W)

# ---------------- forward lines: the author's layer vs the independent pass ----------------
G = GRULayer(X, Hs, Y)
for k, val in P.items():
    setattr(G, k, val.copy())
G.h = [h0.copy()]
ys_auth = [G.forward(x) for x in xs]
record(129, all(ok(G.z[t], st[t]["z"]) for t in range(T)))
record(131, all(ok(G.r[t], st[t]["r"]) for t in range(T)))
record(135, all(ok(G.hh[t], st[t]["hh"]) for t in range(T)))
record(137, all(ok(G.h[t + 1], st[t]["h"]) for t in range(T)))
record(138, all(ok(ys_auth[t], st[t]["y"]) for t in range(T)))

# ---------------- true local quantities ----------------
tr = {n: [node_grad(n, t, sz) for t in range(T)] for n, sz in
      [("y", Y), ("h", Hs), ("hh", Hs), ("ah", Hs), ("r", Hs), ("ar", Hs), ("rh", Hs), ("z", Hs),
       ("az", Hs), ("hp", Hs), ("hp_z", Hs), ("hp_r", Hs), ("hp_d", Hs), ("hp_h", Hs),
       ("x", X), ("x_z", X), ("x_r", X)]}
gP = {k: param_grad(k) for k in P}
hprev = [st[t]["hp"] for t in range(T)]          # = author's self.h[t]
z = [s["z"] for s in st]; r = [s["r"] for s in st]; hh = [s["hh"] for s in st]; hnew = [s["h"] for s in st]
dy = [sm(st[t]["y"]) - np.eye(Y)[tg[t]] for t in range(T)]   # what main feeds: loss.dx(out, target)
record_all = lambda line, vals: record(line, all(vals))
A_sd, A_td = A_sigmoid.df, A_tanh.df

# accumulations (summed over t with true per-step factors)
record(163, ok(sum(dy), gP["by"]))
record(164, ok(sum(np.outer(dy[t], hnew[t]) for t in range(T)), gP["Wy"]))
# dh = Wy^T dy[t] + dhn, with dhn = true dL/dh_t through step t+1 (= tr['hp'][t+1], zero at T-1)
dhn_true = [tr["hp"][t + 1] if t + 1 < T else np.zeros(Hs) for t in range(T)]
record_all(167, [ok(P["Wy"].T @ dy[t] + dhn_true[t], tr["h"][t]) for t in range(T)])
record_all(168, [ok(tr["h"][t] * (1 - z[t]), tr["hh"][t]) for t in range(T)])
record_all(169, [ok(tr["hh"][t] * A_td(hh[t]), tr["ah"][t]) for t in range(T)])
record(172, ok(sum(np.outer(tr["ah"][t], xs[t]) for t in range(T)), gP["Wh"]))
record(173, ok(sum(np.outer(tr["ah"][t], r[t] * hprev[t]) for t in range(T)), gP["Uh"]))
record(174, ok(sum(tr["ah"]), gP["bh"]))
record_all(177, [ok(P["Uh"].T @ tr["ah"][t], tr["rh"][t]) for t in range(T)])
record_all(178, [ok(tr["rh"][t] * hprev[t], tr["r"][t]) for t in range(T)])
record_all(179, [ok(tr["r"][t] * A_sd(r[t]), tr["ar"][t]) for t in range(T)])
record(182, ok(sum(np.outer(tr["ar"][t], xs[t]) for t in range(T)), gP["Wr"]))
record(183, ok(sum(np.outer(tr["ar"][t], hprev[t]) for t in range(T)), gP["Ur"]))
record(184, ok(sum(tr["ar"]), gP["br"]))
record_all(187, [ok(tr["h"][t] * (hprev[t] - hh[t]), tr["z"][t]) for t in range(T)])
record_all(188, [ok(tr["z"][t] * A_sd(z[t]), tr["az"][t]) for t in range(T)])
record(191, ok(sum(np.outer(tr["az"][t], xs[t]) for t in range(T)), gP["Wz"]))
record(192, ok(sum(np.outer(tr["az"][t], hprev[t].T) for t in range(T)), gP["Uz"]))
record(193, ok(sum(tr["az"]), gP["bz"]))
record_all(196, [ok(P["Uz"].T @ tr["az"][t], tr["hp_z"][t]) for t in range(T)])
record_all(197, [ok(P["Ur"].T @ tr["ar"][t], tr["hp_r"][t]) for t in range(T)])
record_all(198, [ok(tr["h"][t] * z[t], tr["hp_d"][t]) for t in range(T)])
record_all(199, [ok(tr["rh"][t] * r[t], tr["hp_h"][t]) for t in range(T)])
record_all(201, [ok(tr["hp_z"][t] + tr["hp_r"][t] + tr["hp_d"][t] + tr["hp_h"][t], tr["hp"][t])
                 for t in range(T)])
record_all(204, [ok(P["Wr"].T @ tr["ar"][t], tr["x_r"][t]) for t in range(T)])
record_all(205, [ok(P["Wz"].T @ tr["az"][t], tr["x_z"][t]) for t in range(T)])
# dx.append(dxr+dxz): the element meant as dL/dx_t (list position t); the author's list is also reversed
dx_line = [P["Wr"].T @ tr["ar"][t] + P["Wz"].T @ tr["az"][t] for t in range(T)]
record_all(206, [ok(dx_line[t], tr["x"][t]) for t in range(T)])

# ---------------- sanity: the author's own backprop ----------------
dx_auth = G.backprop(dy)
san = {k: ok(getattr(G, "d" + k), gP[k]) for k in P}
san["dx (as returned, reversed)"] = all(ok(dx_auth[T - 1 - t], tr["x"][t]) for t in range(T))
print("sanity, author's backprop vs FD:", san)

# ---------------- report ----------------
bad = 0
for line in sorted(expected, key=int):
    want = expected[line]["expected"]
    got = results.get(int(line))
    status = "OK" if got == want else "MISMATCH"
    bad += status != "OK"
    print(f"line {line}: expected {want}, fd {got} -> {status}")
extra = sorted(set(results) - {int(k) for k in expected})
if extra:
    print("checked but not in expected.json:", extra); bad += len(extra)
print("ALL OK" if bad == 0 else f"{bad} MISMATCH(ES)")
