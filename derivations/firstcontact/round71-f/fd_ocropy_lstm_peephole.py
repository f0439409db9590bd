# Finite-difference check of ocropy_lstm_peephole.py (ocrolib/lstm.py forward_py / backward_py).
# numpy only. The author's functions are executed verbatim from the note file.
# Objective: J = sum(D * output[:n]); with deltas = D the author's *err / DW* arrays are dJ/d(.)
# (the author passes deltas = ys - pred, i.e. minus dL/dy of 0.5*||ys-pred||^2; everything is linear in deltas).
import numpy as np, types

src = open(__file__.replace("fd_", "")).read()
ns_ = {"np": np}
ns_["sigmoid"] = lambda x: 1.0 / (1.0 + np.exp(-x))
def sumouter(u, v, out=None):
    if out is None:
        out = np.zeros((u.shape[1], v.shape[1]))
    return np.einsum('ki,kj->ij', u, v, out=out)
def sumprod(u, v, out=None):
    if out is None:
        out = np.zeros(u.shape[1])
    return np.einsum('ki,ki->i', u, v, out=out)
ns_["utils"] = types.SimpleNamespace(sumouter=sumouter, sumprod=sumprod)
exec(compile(src, "ocropy_lstm_peephole.py", "exec"), ns_)
forward_py, backward_py, ffunc, gfunc, hfunc = (ns_[k] for k in
    ["forward_py", "backward_py", "ffunc", "gfunc", "hfunc"])

rng = np.random.default_rng(0)
ni, ns, n = 3, 4, 5
na = 1 + ni + ns
W = {k: rng.uniform(-1, 1, (ns, na)) * 0.8 for k in ["WGI", "WGF", "WGO", "WCI"]}
P = {k: rng.uniform(-1, 1, ns) * 0.8 for k in ["WIP", "WFP", "WOP"]}
xs = rng.normal(size=(n, ni))
D = rng.normal(size=(n, ns))

def alloc():
    A = {v: np.nan * np.ones((n, ns)) for v in
         "cix ci gix gi gox go gfx gf state output gierr gferr goerr cierr stateerr outerr".split()}
    A["source"] = np.nan * np.ones((n, na)); A["sourceerr"] = np.nan * np.ones((n, na))
    return A

def run_author(W, P, xs):
    A = alloc()
    forward_py(n, n, ni, ns, na, xs, A["source"], A["gix"], A["gfx"], A["gox"], A["cix"],
               A["gi"], A["gf"], A["go"], A["ci"], A["state"], A["output"],
               W["WGI"], W["WGF"], W["WGO"], W["WCI"], P["WIP"], P["WFP"], P["WOP"])
    DW = {k: np.zeros((ns, na)) for k in W}; DP = {k: np.zeros(ns) for k in P}
    backward_py(n, n, ni, ns, na, D, A["source"], A["gix"], A["gfx"], A["gox"], A["cix"],
                A["gi"], A["gf"], A["go"], A["ci"], A["state"], A["output"],
                W["WGI"], W["WGF"], W["WGO"], W["WCI"], P["WIP"], P["WFP"], P["WOP"],
                A["sourceerr"], A["gierr"], A["gferr"], A["goerr"], A["cierr"],
                A["stateerr"], A["outerr"],
                DW["WGI"], DW["WGF"], DW["WGO"], DW["WCI"], DP["WIP"], DP["WFP"], DP["WOP"])
    return A, DW, DP

# independent re-implementation of the author's forward (same equations, incl. the t>0 conditions),
# with additive perturbation hooks on intermediate quantities
def J(W, P, xs, hook=None):
    out_prev = np.zeros(ns); st_prev = None; Jv = 0.0
    for t in range(n):
        src_ = np.concatenate([[1.0], xs[t], out_prev])
        if hook and hook[0] == "source" and hook[1] == t: src_ = src_ + hook[2]
        gix = W["WGI"] @ src_; gfx = W["WGF"] @ src_; gox = W["WGO"] @ src_; cix = W["WCI"] @ src_
        if t > 0:
            gix = gix + P["WIP"] * st_prev; gfx = gfx + P["WFP"] * st_prev
        for nm in ["gix", "gfx", "cix"]:
            if hook and hook[0] == nm and hook[1] == t:
                if nm == "gix": gix = gix + hook[2]
                if nm == "gfx": gfx = gfx + hook[2]
                if nm == "cix": cix = cix + hook[2]
        gi = ffunc(gix); gf = ffunc(gfx); ci = gfunc(cix)
        st = ci * gi
        if t > 0:
            st = st + gf * st_prev
        if hook and hook[0] == "state" and hook[1] == t: st = st + hook[2]
        if t > 0:
            gox = gox + P["WOP"] * st
        if hook and hook[0] == "gox" and hook[1] == t: gox = gox + hook[2]
        go = ffunc(gox)
        out = hfunc(st) * go
        if hook and hook[0] == "output" and hook[1] == t: out = out + hook[2]
        Jv += np.sum(D[t] * out)
        out_prev, st_prev = out, st
    return Jv

eps = 1e-6
def fd_hook(name, t, size):
    g = np.zeros(size)
    for k in range(size):
        e = np.zeros(size); e[k] = eps
        g[k] = (J(W, P, xs, (name, t, e)) - J(W, P, xs, (name, t, -e))) / (2 * eps)
    return g
def fd_param(dct, key):
    g = np.zeros_like(dct[key])
    for idx in np.ndindex(dct[key].shape):
        old = dct[key][idx]
        dct[key][idx] = old + eps; jp = J(W, P, xs)
        dct[key][idx] = old - eps; jm = J(W, P, xs)
        dct[key][idx] = old; g[idx] = (jp - jm) / (2 * eps)
    return g

A, DW, DP = run_author(W, P, xs)
# sanity: my forward reproduces the author's
assert abs(J(W, P, xs) - np.sum(D * A["output"][:n])) < 1e-12

def rep(label, a, b):
    ok = np.allclose(a, b, atol=1e-7, rtol=1e-5)
    print(f"{label:55s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(a-b)):.2e}")
    return ok

print("== per-step intermediate errors (author vs finite differences) ==")
for t in range(n):
    print(f"-- t={t}")
    rep(f"L79-81 outerr[{t}]  = dJ/doutput[t]", A["outerr"][t], fd_hook("output", t, ns))
    rep(f"L82    goerr[{t}]   = dJ/dgox[t]", A["goerr"][t], fd_hook("gox", t, ns))
    rep(f"L83-88 stateerr[{t}] = dJ/dstate[t]", A["stateerr"][t], fd_hook("state", t, ns))
    if t > 0:
        rep(f"L90    gferr[{t}]   = dJ/dgfx[t]", A["gferr"][t], fd_hook("gfx", t, ns))
    rep(f"L91    gierr[{t}]   = dJ/dgix[t]", A["gierr"][t], fd_hook("gix", t, ns))
    rep(f"L92    cierr[{t}]   = dJ/dcix[t]", A["cierr"][t], fd_hook("cix", t, ns))
    srcfd = fd_hook("source", t, na)
    rep(f"L93-97 sourceerr[{t}] = dJ/dsource[t] (cols 1:)", A["sourceerr"][t][1:], srcfd[1:])

print("== weight gradients ==")
rep("L98  DWIP", DP["WIP"], fd_param(P, "WIP"))
rep("L99  DWFP", DP["WFP"], fd_param(P, "WFP"))
rep("L100 DWOP", DP["WOP"], fd_param(P, "WOP"))
rep("L101 DWGI", DW["WGI"], fd_param(W, "WGI"))
rep("L102 DWGF", DW["WGF"], fd_param(W, "WGF"))
rep("L103 DWGO", DW["WGO"], fd_param(W, "WGO"))
rep("L104 DWCI", DW["WCI"], fd_param(W, "WCI"))

print("== diagnosis: the t=0 output peephole ==")
fd_state0 = fd_hook("state", 0, ns)
print("author stateerr[0] - FD            :", np.round(A["stateerr"][0] - fd_state0, 8))
print("goerr[0]*WOP (the line-84 term at t=0):", np.round(A["goerr"][0] * P["WOP"], 8))
rep("stateerr[0] without the L84 term", A["stateerr"][0] - A["goerr"][0] * P["WOP"], fd_state0)
rep("DWOP summed over t>=1 only (goerr[1:n]*state[1:n])",
    sumprod(A["goerr"][1:n], A["state"][1:n]), fd_param(P, "WOP"))
# the rows of gierr/cierr are right as formulas: recompute them from the true dJ/dstate[0]
rep("L91 formula at t=0 with FD stateerr[0]", A["gi"][0]*(1-A["gi"][0])*fd_state0*A["ci"][0], fd_hook("gix", 0, ns))
rep("L92 formula at t=0 with FD stateerr[0]", (1-A["ci"][0]**2)*fd_state0*A["gi"][0], fd_hook("cix", 0, ns))
