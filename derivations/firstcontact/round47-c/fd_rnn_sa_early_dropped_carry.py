"""Finite-difference check of rnn_sa_early_dropped_carry.md (numpy only).

The two code fences (layers.py, rnn_layers.py) are executed as modules (Python 2 shim: xrange = range).  Each annotated
statement is then taken from the .md by its line number and executed on its own in a namespace holding the TRUE
upstream values (reference forward pass; gradients by central differences); its result is compared with what it must
equal.  For the RNN the loss is L = sum(G * h) over all steps with a fixed random G, i.e. dh = G is the upstream
gradient "of all hidden states" that rnn_backward's docstring describes.  Verdicts are compared with expected.json.
"""
import json, os, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "rnn_sa_early_dropped_carry.md"
LINES = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
EPS = 1e-6
rng = np.random.default_rng(5)


def line(n):
    return LINES[n - 1]


def need(n, text):
    assert text in line(n), (n, line(n), text)


def stmt(n):
    return line(n).strip()


def close(a, b, tol=1e-5):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))


def num_grad(f, x):
    g = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        o = x[idx]
        x[idx] = o + EPS; fp = f()
        x[idx] = o - EPS; fm = f()
        x[idx] = o
        g[idx] = (fp - fm) / (2 * EPS)
    return g


fences, cur, inside = [], [], False
for l in LINES:
    if l.startswith("```python"):
        inside, cur = True, []
    elif l.startswith("```") and inside:
        inside = False; fences.append("\n".join(cur))
    elif inside:
        cur.append(l)
layers = types.ModuleType("layers"); layers.xrange = range
exec(fences[0], layers.__dict__)
sys.modules["layers"] = layers
rl = types.ModuleType("rnn_layers"); rl.xrange = range
exec(fences[1], rl.__dict__)


def run(n, ns):
    exec(stmt(n), ns)
    return ns


checks = {}
sig = lambda u: 1 / (1 + np.exp(-u))
ACTS = {"tanh": np.tanh, "sigmoid": sig, "relu": lambda u: np.maximum(u, 0)}

# ------------------------------------------------------------------ layers.py helpers
N, D, Hd, C = 3, 4, 5, 6
x = rng.standard_normal((N, D)); w = rng.standard_normal((D, Hd)); b = rng.standard_normal(Hd)
G = rng.standard_normal((N, Hd))
need(18, "out = np.dot(x, w) + b")
checks[18] = close(run(18, dict(np=np, x=x, w=w, b=b))["out"], np.einsum("nd,dh->nh", x, w) + b)
need(33, "dx = np.dot(dout, w.T)"); need(34, "dw = np.dot(x.T, dout)"); need(35, "db = np.sum(dout, axis=0)")
X, W, B = x.copy(), w.copy(), b.copy()
Ld = lambda: np.sum(G * (X @ W + B))
ns = dict(np=np, x=x, w=w, b=b, dout=G)
checks[33] = close(run(33, ns)["dx"], num_grad(Ld, X))
checks[34] = close(run(34, ns)["dw"], num_grad(Ld, W))
checks[35] = close(run(35, ns)["db"], num_grad(Ld, B))

z = rng.standard_normal((N, Hd)) * 2
z[np.abs(z) < 1e-2] = 0.3
Z = z.copy()
for (nf, nb_out, nb_dx, name, txt) in ((47, 59, 60, "sigmoid", "out*(1-out)"), (72, 84, 85, "tanh", "1-out**2")):
    f = ACTS[name]
    need(nb_dx, txt)
    checks[nf] = close(run(nf, dict(np=np, x=z))["out"], f(z))
    checks[nb_out] = close(run(nb_out, dict(np=np, x=z))["out"], f(z))       # recomputed from the cached INPUT
    ns = dict(np=np, x=z, out=f(z), dout=G)
    checks[nb_dx] = close(run(nb_dx, ns)["dx"], num_grad(lambda: np.sum(G * f(Z)), Z))
need(96, "out = x*(x > 0)"); need(109, "dx = dout*(x > 0)")
checks[96] = close(run(96, dict(np=np, x=z))["out"], np.maximum(z, 0))
checks[109] = close(run(109, dict(np=np, x=z, dout=G))["dx"], num_grad(lambda: np.sum(G * np.maximum(Z, 0)), Z))

# softmax loss
s = rng.standard_normal((N, C)) * 3; y = rng.integers(0, C, N)


def ref_softmax_loss(S):
    e = np.exp(S - S.max(axis=1, keepdims=True)); p = e / e.sum(axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(N), y]))


P = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
for n0 in (138, 153):
    need(n0, "x_exp = np.exp((x.T - np.max(x, axis=1)).T)")
    ns = run(n0, dict(np=np, x=s))
    checks[n0] = close(ns["x_exp"] / ns["x_exp"].sum(axis=1, keepdims=True), P) and close(
        ns["x_exp"], np.exp(s - s.max(axis=1, keepdims=True)))
for n1 in (139, 154):
    need(n1, "probabilities = (x_exp.T / np.sum(x_exp, axis=1)).T")
    checks[n1] = close(run(n1, dict(np=np, x_exp=np.exp(s - s.max(axis=1, keepdims=True))))["probabilities"], P)
need(141, "loss = -np.mean(np.log(probabilities[xrange(N), y]))")
checks[141] = close(run(141, dict(np=np, probabilities=P, N=N, y=y, xrange=range))["loss"], ref_softmax_loss(s))
S = s.copy()
dS = num_grad(lambda: ref_softmax_loss(S), S)
onehot = np.eye(C)[y]
need(156, "dx = probabilities"); need(158, "tmp[xrange(N), y] = 1.0"); need(159, "dx = (dx - tmp)/N")
need(160, "dx = dx * dout")
checks[156] = close((run(156, dict(probabilities=P))["dx"] - onehot) / N, dS)
checks[158] = close(run(158, dict(np=np, tmp=np.zeros((N, C)), xrange=range, N=N, y=y))["tmp"], onehot)
checks[159] = close(run(159, dict(dx=P.copy(), tmp=onehot, N=N))["dx"], dS)
checks[160] = close(run(160, dict(dx=dS, dout=2.5))["dx"], num_grad(lambda: 2.5 * ref_softmax_loss(S), S))

# ------------------------------------------------------------------ rnn_layers.py
N, T, D, H = 2, 4, 3, 4
xs = rng.standard_normal((N, T, D)); h0 = rng.standard_normal((N, H)) * 0.5
Wx = rng.standard_normal((D, H)) * 0.7; Wh = rng.standard_normal((H, H)) * 0.5; bb = rng.standard_normal(H) * 0.2
Gh = rng.standard_normal((N, T, H))


def forward(act, hooks=None):
    """reference forward; hooks[(name, i)] = additive perturbation at step i only"""
    hk = hooks or {}
    g = lambda k, i: hk.get((k, i), 0.0)
    f = ACTS[act]
    hprev = h0 + g("h", -1)
    hs, tmps = [], []
    for i in range(T):
        tmp = (xs[:, i, :] + g("x", i)) @ (Wx + g("Wx", i)) + hprev @ (Wh + g("Wh", i)) + bb + g("b", i) + g("tmp", i)
        h = f(tmp) + g("h", i)
        hs.append(h); tmps.append(tmp)
        hprev = h
    return np.stack(hs, 1), tmps


def L_of(act, hooks=None):
    return np.sum(Gh * forward(act, hooks)[0])


def fd_hook(act, key, i, shape):
    d = np.zeros(shape); out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d[idx] = EPS; lp = L_of(act, {(key, i): d.copy()})
        d[idx] = -EPS; lm = L_of(act, {(key, i): d.copy()})
        d[idx] = 0.0
        out[idx] = (lp - lm) / (2 * EPS)
    return out


for n, t in ((188, "tmp = np.dot(x, Wx) + np.dot(prev_h, Wh) + b"), (189, "next_h, _ = layers.non_linearity_forward("),
             (209, "tmp = np.dot(x, Wx) + np.dot(prev_h, Wh) + b"), (210, "d_tmp = layers.non_linearity_backward("),
             (211, "db = np.sum(d_tmp, axis=0)"), (212, "dx = np.dot(d_tmp, Wx.T)"), (213, "dprev_h = np.dot(d_tmp, Wh.T)"),
             (214, "dWx = np.dot(x.T, d_tmp)"), (215, "dWh = np.dot(prev_h.T, d_tmp)"),
             (243, "h0, cache_i = rnn_step_forward(xi, prev_h=h0"), (244, "h[:, i, :] = h0"),
             (272, "dh_i = dh[:, i, :]"), (273, "dxt, dh0, dWxt, dWht, dbt = rnn_step_backward(dh_i, cache_i)"),
             (274, "dx[:, j, :] = dxt"), (275, "dWx += dWxt"), (276, "dWh += dWht"), (277, "db += dbt")):
    need(n, t)
rnn_lines = (188, 189, 209, 210, 211, 212, 213, 214, 215, 243, 244, 272, 273, 274, 275, 276, 277)
for n in rnn_lines:
    checks[n] = True

for act in ("tanh", "sigmoid", "relu"):
    hs, tmps = forward(act)
    if act == "relu":
        assert min(np.min(np.abs(t_)) for t_ in tmps) > 1e-3
    hprevs = [h0] + [hs[:, i, :] for i in range(T - 1)]
    for i in range(T):
        dh_tot = fd_hook(act, "h", i, (N, H))          # total dL/dh_i
        dtmp = fd_hook(act, "tmp", i, (N, H))
        dprev = fd_hook(act, "h", i - 1, (N, H))       # total dL/dh_{i-1}
        carried_prev = dprev - (Gh[:, i - 1, :] if i > 0 else 0.0)   # dL/dh_{i-1} through step i
        parts = {k: fd_hook(act, k, i, shp) for k, shp in (("x", (N, D)), ("Wx", Wx.shape), ("Wh", Wh.shape),
                                                             ("b", bb.shape))}
        base = dict(np=np, layers=layers, x=xs[:, i, :], prev_h=hprevs[i], Wx=Wx, Wh=Wh, b=bb,
                    non_liniearity=act, non_linearity=act)
        ns = run(188, dict(base)); checks[188] &= close(ns["tmp"], tmps[i])
        ns = run(189, dict(base, tmp=tmps[i])); checks[189] &= close(ns["next_h"], hs[:, i, :])
        ns = run(209, dict(base)); checks[209] &= close(ns["tmp"], tmps[i])
        ns = run(210, dict(base, tmp=tmps[i], dout=dh_tot)); checks[210] &= close(ns["d_tmp"], dtmp)
        nb = dict(base, d_tmp=dtmp)
        checks[211] &= close(run(211, dict(nb))["db"], parts["b"])
        checks[212] &= close(run(212, dict(nb))["dx"], parts["x"])
        checks[213] &= close(run(213, dict(nb))["dprev_h"], carried_prev)
        checks[214] &= close(run(214, dict(nb))["dWx"], parts["Wx"])
        checks[215] &= close(run(215, dict(nb))["dWh"], parts["Wh"])
        # rnn_forward loop body
        ns = dict(np=np, rnn_step_forward=rl.rnn_step_forward, xi=xs[:, i, :], h0=hprevs[i], Wx=Wx, Wh=Wh, b=bb,
                  non_linearity=act, h=np.zeros((N, T, H)), i=i)
        run(243, ns); checks[243] &= close(ns["h0"], hs[:, i, :])
        ns["h0"] = hs[:, i, :]; run(244, ns); checks[244] &= close(ns["h"][:, i, :], hs[:, i, :])
        # rnn_backward loop body, step i, with true upstream values
        cache_i = (xs[:, i, :], hprevs[i], Wx, Wh, bb, act)
        ns = run(272, dict(dh=Gh, i=i)); ok272 = close(ns["dh_i"], dh_tot)
        checks[272] &= ok272
        ns = run(273, dict(rnn_step_backward=rl.rnn_step_backward, dh_i=dh_tot, cache_i=cache_i))
        checks[273] &= (close(ns["dxt"], parts["x"]) and close(ns["dh0"], carried_prev) and
                        close(ns["dWxt"], parts["Wx"]) and close(ns["dWht"], parts["Wh"]) and close(ns["dbt"], parts["b"]))
        for binding in ({}, {"j": (i + 1) % T}):     # j is never defined: NameError, or a stale value != i
            ns = dict(dx=np.zeros((N, T, D)), dxt=parts["x"], i=i, **binding)
            try:
                run(274, ns)
                checks[274] &= close(ns["dx"][:, i, :], parts["x"])
            except NameError as e:
                if act == "tanh" and i == 0:
                    print("info: line 274 raises NameError (%s)" % e)
                checks[274] = False
        checks[275] &= close(run(275, dict(dWx=np.zeros_like(Wx), dWxt=parts["Wx"]))["dWx"], parts["Wx"])
        checks[276] &= close(run(276, dict(dWh=np.zeros_like(Wh), dWht=parts["Wh"]))["dWh"], parts["Wh"])
        checks[277] &= close(run(277, dict(db=np.zeros_like(bb), dbt=parts["b"]))["db"], parts["b"])
    if act == "tanh":
        print("info: line 272 right only at the last step (no carried gradient to add there):", ok272)

# information: the whole rnn_backward with j -> i (a one-character fix of line 274) still misses the recurrence
src = fences[1].replace("dx[:, j, :] = dxt", "dx[:, i, :] = dxt")
m2 = types.ModuleType("m2"); m2.xrange = range; exec(src, m2.__dict__)
hs, cache = m2.rnn_forward(xs, h0, Wx, Wh, bb, "tanh")
dx_, dh0_, dWx_, dWh_, db_ = m2.rnn_backward(Gh, cache)
print("info: rnn_backward (j->i) dWh vs FD:", close(dWh_, sum(fd_hook("tanh", "Wh", i, Wh.shape) for i in range(T))),
      "; dh0 vs FD:", close(dh0_, fd_hook("tanh", "h", -1, (N, H))))

bad = 0
for k in sorted(EXP, key=int):
    n = int(k)
    got = "pass" if checks[n] else "fail"
    flag = "OK" if got == EXP[k]["expected"] else "MISMATCH"
    bad += flag != "OK"
    print("line %d: expected %s, fd says %s -> %s" % (n, EXP[k]["expected"], got, flag))
missing = set(checks) - {int(k) for k in EXP}
if missing:
    print("checked but not annotated:", sorted(missing)); bad += 1
print("ALL OK" if bad == 0 else "%d MISMATCH(ES)" % bad)
