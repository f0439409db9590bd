"""Finite-difference check of fraud_stacked_lstm_numpy.md (numpy only).

The code fence is exec'd as a module (it only defines functions and classes).  A 2-layer model (LSTMModel with
num_layers = 2) gets random parameters (nonzero biases).  A reference forward pass written here from the author's
conventions (column vectors, concat = [h_prev; x], gates f, i, g, o, binary cross-entropy on sigmoid(Wy h_T + by))
carries additive hooks on every intermediate quantity (gate pre-activations and activations, c_t, h_t, the c_{t-1}
and the concat vector as they enter step t, y_raw, p); central differences of the loss with respect to the hooks and
to the parameters give the TRUE gradients.  Each annotated statement is then taken from the .md by its line number and
executed on its own in a namespace holding the true upstream values, and its result is compared with the truth.
"""
import json, os, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "fraud_stacked_lstm_numpy.md"
LINES = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
EPS = 1e-6
rng = np.random.default_rng(4852)


def get_stmt(n):
    """The statement starting at line n (continued while brackets are open); 'return X' becomes '_r = X'."""
    s, k, depth = "", n, 0
    while True:
        l = LINES[k - 1].strip()
        s += (" " if s else "") + l
        depth += sum(l.count(c) for c in "([{") - sum(l.count(c) for c in ")]}")
        if depth <= 0:
            break
        k += 1
    if s.startswith("return "):
        s = "_r = " + s[len("return "):]
    return s


def close(a, b, tol=1e-6):
    a, b = np.asarray(a, float), np.asarray(b, float)
    if a.size != b.size:
        return False
    a = a.reshape(b.shape)
    return np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))


fence = "\n".join(LINES[LINES.index("```python") + 1: len(LINES) - 1 - LINES[::-1].index("```")])
M = types.ModuleType("fraud_lstm")
exec(fence, M.__dict__)

# ---- model and data
D, H, NL, T = 3, 4, 2, 4
model = M.LSTMModel(D, H, NL, learning_rate=0.0)
for cell in model.cells:
    for k in ("Wf", "Wi", "Wg", "Wo"):
        setattr(cell, k, rng.normal(0, 0.6, getattr(cell, k).shape))
    for k in ("bf", "bi", "bg", "bo"):
        setattr(cell, k, rng.normal(0, 0.5, (H, 1)))
model.Wy = rng.normal(0, 0.8, (1, H)); model.by = rng.normal(0, 0.5, (1, 1))
X = rng.normal(0, 1, (T, D)); ytrue = 1.0


def sig(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


HOOKS = ["h", "c", "cprev", "af", "ai", "ag", "ao", "pf", "pi", "pg", "po"]


def hook_shape(k, l):
    if k == "cat":
        return (H + (D if l == 0 else H), 1)
    return (H, 1)


def forward(E=None, Pover=None):
    """Reference forward with hooks E[(kind, layer, t)] and optional parameter overrides Pover[(layer, name)]."""
    E = E or {}; Pover = Pover or {}
    e = lambda k, l, t: E.get((k, l, t), 0.0)
    par = lambda l, k: Pover.get((l, k), getattr(model.cells[l], k) if l >= 0 else getattr(model, k))
    h = [np.zeros((H, 1)) for _ in range(NL)]; c = [np.zeros((H, 1)) for _ in range(NL)]
    R = {}
    for t in range(T):
        for l in range(NL):
            inp = X[t].reshape(-1, 1) if l == 0 else h[l - 1]
            cat = np.vstack((h[l], inp)) + e("cat", l, t)
            raw = {g: par(l, "W" + g) @ cat + par(l, "b" + g) + e("a" + g, l, t) for g in "figo"}
            f = sig(raw["f"]) + e("pf", l, t); i = sig(raw["i"]) + e("pi", l, t)
            g = np.tanh(raw["g"]) + e("pg", l, t); o = sig(raw["o"]) + e("po", l, t)
            cp = c[l] + e("cprev", l, t)
            cn = f * cp + i * g + e("c", l, t)
            hn = o * np.tanh(cn) + e("h", l, t)
            R[(l, t)] = dict(x=inp, h_prev=h[l].copy(), c_prev=c[l].copy(), concat=cat, f=f, i=i, g=g, o=o,
                             f_raw=raw["f"], i_raw=raw["i"], g_raw=raw["g"], o_raw=raw["o"], c_next=cn, h_next=hn)
            h[l], c[l] = hn, cn
    y_raw = par(-1, "Wy") @ h[-1] + par(-1, "by") + E.get(("yraw",), 0.0)
    p = sig(y_raw) + E.get(("p",), 0.0)
    L = float(-(ytrue * np.log(p) + (1 - ytrue) * np.log(1 - p)).item())
    return L, R, h[-1], y_raw, p


def fd(fun, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(*arr.shape):
        o = arr[idx]
        arr[idx] = o + EPS; fp = fun()
        arr[idx] = o - EPS; fm = fun()
        arr[idx] = o
        g[idx] = (fp - fm) / (2 * EPS)
    return g


L0, R, hT, y_raw0, p0 = forward()
GH = {}
for l in range(NL):
    for t in range(T):
        for k in HOOKS + ["cat"]:
            E = {(k, l, t): np.zeros(hook_shape(k, l))}
            GH[(k, l, t)] = fd(lambda: forward(E)[0], E[(k, l, t)])
for k in ("yraw", "p"):
    E = {(k,): np.zeros((1, 1))}
    GH[(k,)] = fd(lambda: forward(E)[0], E[(k,)])
GP = {}
for l in range(NL):
    for k in ("Wf", "Wi", "Wg", "Wo", "bf", "bi", "bg", "bo"):
        A = {(l, k): getattr(model.cells[l], k).copy()}
        GP[(l, k)] = fd(lambda: forward(Pover=A)[0], A[(l, k)])
for k in ("Wy", "by"):
    A = {(-1, k): getattr(model, k).copy()}
    GP[k] = fd(lambda: forward(Pover=A)[0], A[(-1, k)])

# derived truths
tot_h = lambda l, t: GH[("h", l, t)]                                            # total dL/dh_t of layer l
tot_c = lambda l, t: GH[("c", l, t)]
rec_h = lambda l, t: GH[("cat", l, t + 1)][:H] if t + 1 < T else np.zeros((H, 1))  # part through step t+1
rec_c = lambda l, t: GH[("cprev", l, t + 1)] if t + 1 < T else np.zeros((H, 1))
dx_true = lambda l, t: GH[("cat", l, t)][H:]                                    # dL/d(input of layer l at t)

checks = {}


def put(n, ok):
    checks[n] = checks.get(n, True) and bool(ok)


def run(n, ns):
    base = {"np": np, "sigmoid": M.sigmoid, "sigmoid_derivative": M.sigmoid_derivative,
            "tanh_derivative": M.tanh_derivative}
    base.update(ns)
    exec(get_stmt(n), base)
    return base


# ---- helpers
z = rng.normal(0, 2, (5, 1))
put(10, close(run(10, {"x": z})["_r"], sig(z)))
put(14, close(run(14, {"x": z})["s"], sig(z)))
put(15, close(run(15, {"s": sig(z)})["_r"], (sig(z + EPS) - sig(z - EPS)) / (2 * EPS)))
put(18, close(run(18, {"x": z})["_r"], (np.tanh(z + EPS) - np.tanh(z - EPS)) / (2 * EPS)))

# ---- cell forward and backward, every layer and step
acc = {}
for l in range(NL):
    cell = model.cells[l]
    for t in range(T):
        V = R[(l, t)]
        ns = dict(V); ns["self"] = cell
        for n, var in ((73, "concat"), (76, "f_raw"), (77, "i_raw"), (78, "g_raw"), (79, "o_raw"), (82, "f"),
                       (84, "i"), (86, "g"), (88, "o"), (91, "c_next"), (92, "h_next")):
            put(n, close(run(n, dict(ns))[var], V[var]))
        # backward: dh_next = total dL/dh_t, dc_next = part of dL/dc_t through step t+1
        ns = dict(V); ns.update(self=cell, dh_next=tot_h(l, t), dc_next=rec_c(l, t), c_prev=V["c_prev"])
        truth = {"do": GH[("po", l, t)], "do_raw": GH[("ao", l, t)], "dc": tot_c(l, t), "dc_prev": GH[("cprev", l, t)],
                 "df": GH[("pf", l, t)], "df_raw": GH[("af", l, t)], "di": GH[("pi", l, t)], "di_raw": GH[("ai", l, t)],
                 "dg": GH[("pg", l, t)], "dg_raw": GH[("ag", l, t)]}
        up = dict(truth)
        for n, var in ((116, "do"), (117, "do_raw"), (120, "dc"), (121, "dc_prev"), (124, "df"), (125, "df_raw"),
                       (128, "di"), (129, "di_raw"), (132, "dg"), (133, "dg_raw")):
            nsn = dict(ns); nsn.update({k: v for k, v in up.items() if k != var})
            put(n, close(run(n, nsn)[var], truth[var]))
        nsn = dict(ns); nsn.update(up)
        for n in (137, 138, 139, 140):
            entry = eval("{" + LINES[n - 1].strip() + "}", {"np": np}, nsn)
            for k, v in entry.items():
                acc[(n, l, k)] = acc.get((n, l, k), 0) + v
        put(144, close(run(144, nsn)["d_concat"], GH[("cat", l, t)]))
        put(150, close(run(150, dict(nsn, d_concat=GH[("cat", l, t)]))["dh_prev"], GH[("cat", l, t)][:H]))
        put(151, close(run(151, dict(nsn, d_concat=GH[("cat", l, t)]))["dx"], dx_true(l, t)))
for (n, l, k), v in acc.items():
    put(n, close(v, GP[(l, k)]))

# ---- model forward
for t in range(T):
    x_t = X[t].reshape(-1, 1)
    for l in range(NL):
        hl = [R[(j, t)]["h_next"] if j < l else R[(j, t)]["h_prev"] for j in range(NL)]
        cl = [R[(j, t)]["c_next"] if j < l else R[(j, t)]["c_prev"] for j in range(NL)]
        if l == 0:
            put(202, close(run(202, {"x_t": x_t})["input_to_layer"], R[(0, t)]["x"]))
        else:
            put(206, close(run(206, {"h": hl, "layer": l})["input_to_layer"], R[(l, t)]["x"]))
        ns = run(207, {"self": model, "layer": l, "input_to_layer": R[(l, t)]["x"], "h": list(hl), "c": list(cl)})
        put(207, close(ns["h"][l], R[(l, t)]["h_next"]) and close(ns["c"][l], R[(l, t)]["c_next"]))
hfin = [R[(l, T - 1)]["h_next"] for l in range(NL)]
put(214, close(run(214, {"h": hfin})["h_final"], hT))
put(215, close(run(215, {"self": model, "h_final": hT})["y_raw"], y_raw0))
put(216, close(run(216, {"y_raw": y_raw0})["y_pred"], p0))

# ---- model.backward
y_pred = p0
put(229, close(run(229, {"y_pred": y_pred, "y_true": ytrue})["dy_raw"], GH[("yraw",)]))
put(232, close(run(232, {"dy_raw": GH[("yraw",)], "h_final": hT})["dWy"], GP["Wy"]))
put(233, close(run(233, {"dy_raw": GH[("yraw",)]})["dby"], GP["by"]))
put(234, close(run(234, {"self": model, "dy_raw": GH[("yraw",)]})["dh_final"], tot_h(NL - 1, T - 1)))
for n, var in ((248, "dh_next"), (249, "dc_next")):
    got = run(n, {"self": model})[var]
    put(n, len(got) == NL and all(close(got[l], np.zeros((H, 1))) for l in range(NL)))
got = run(250, {"dh_next": [np.zeros((H, 1)) for _ in range(NL)], "dh_final": tot_h(NL - 1, T - 1)})["dh_next"]
put(250, all(close(got[l], tot_h(l, T - 1) if l == NL - 1 else rec_h(l, T - 1)) for l in range(NL)))
lg = [{k: np.zeros_like(getattr(c_, k)) for k in ("Wf", "bf", "Wi", "bi", "Wg", "bg", "Wo", "bo")} for c_ in model.cells]
for t in reversed(range(T)):
    caches_t = [tuple(R[(l, t)][k] for k in ("concat", "f", "i", "g", "o", "f_raw", "i_raw", "g_raw", "o_raw",
                                                "c_prev", "c_next")) for l in range(NL)]
    for l in reversed(range(NL)):
        if l < NL - 1:
            got = run(260, {"dh_next": [rec_h(j, t) for j in range(NL)], "layer": l, "dx_from_above": dx_true(l + 1, t)})
            put(260, close(got["dh_next"][l], tot_h(l, t)))
        dh_in = [tot_h(j, t) for j in range(NL)]; dc_in = [rec_c(j, t) for j in range(NL)]
        ns = run(263, {"self": model, "dh_next": dh_in, "dc_next": dc_in, "layer_caches": caches_t, "layer": l})
        put(263, close(ns["dx"], dx_true(l, t)) and close(ns["dh_prev"], rec_h(l, t - 1) if t > 0 else GH[("cat", l, 0)][:H])
            and close(ns["dc_prev"], GH[("cprev", l, t)]))
        for k in lg[l]:
            run(269, {"layer_grads": lg, "layer": l, "k": k, "grads": ns["grads"]})
        got = run(272, {"dh_next": [None] * NL, "layer": l, "dh_prev": GH[("cat", l, t)][:H]})["dh_next"][l]
        put(272, close(got, rec_h(l, t - 1) if t > 0 else GH[("cat", l, 0)][:H]))
        got = run(273, {"dc_next": [None] * NL, "layer": l, "dc_prev": GH[("cprev", l, t)]})["dc_next"][l]
        put(273, close(got, GH[("cprev", l, t)]))
        put(276, close(run(276, {"dx": dx_true(l, t)})["dx_from_above"], dx_true(l, t)))
for l in range(NL):
    for k in lg[l]:
        put(269, close(lg[l][k], GP[(l, k)]))

# ---- train(): the inline backward
pc = np.clip(p0, 1e-7, 1 - 1e-7)
put(300, close(run(300, {"y_output": ytrue, "y_predict_clipped": pc, "np": np})["loss"], L0))
put(304, close(run(304, {"y_predict": p0, "y_output": ytrue, "y_predict_clipped": pc})["gradient"], GH[("p",)]))
put(309, close(run(309, {"gradient": GH[("p",)], "y_raw": y_raw0, "h_final": hT})["dWy"], GP["Wy"]))
put(310, close(run(310, {"gradient": GH[("p",)], "y_raw": y_raw0})["dby"], GP["by"]))
put(312, close(run(312, {"self": model, "gradient": GH[("p",)], "y_raw": y_raw0})["dh_final"], tot_h(NL - 1, T - 1)))
for n, var in ((319, "dh"), (320, "dc")):
    got = run(n, {"self": model})[var]
    put(n, len(got) == NL and all(close(got[l], np.zeros((H, 1))) for l in range(NL)))
got = run(321, {"dh": [np.zeros((H, 1)) for _ in range(NL)], "dh_final": tot_h(NL - 1, T - 1)})["dh"]
put(321, close(got[-1], tot_h(NL - 1, T - 1)))
# line 330: at step t the list dh holds, for every layer, the gradient carried back from step t+1 (plus, for the top
# layer at the last step, dh_final); that is the right upstream value of what the code stores there.
for t in reversed(range(T)):
    caches_t = [tuple(R[(l, t)][k] for k in ("concat", "f", "i", "g", "o", "f_raw", "i_raw", "g_raw", "o_raw",
                                                "c_prev", "c_next")) for l in range(NL)]
    for l in reversed(range(NL)):
        dh_list = [rec_h(j, t) if not (j == NL - 1 and t == T - 1) else tot_h(j, t) for j in range(NL)]
        dh_list = [tot_h(NL - 1, t) if j == NL - 1 else dh_list[j] for j in range(NL)]   # top: carried = total
        dc_list = [rec_c(j, t) for j in range(NL)]
        ns = run(330, {"self": model, "dh": dh_list, "dc": dc_list, "layer_caches": caches_t, "layer": l})
        okl = (close(ns["dh"][l], rec_h(l, t - 1) if t > 0 else GH[("cat", l, 0)][:H])
               and close(ns["dc"][l], GH[("cprev", l, t)]) and close(ns["dx"], dx_true(l, t)))
        put(330, okl)
        if t == T - 2:
            print("info: line 330 at t=%d, layer %d right: %s" % (t, l, okl))

# information: whole methods
lgrads, dWy_m, dby_m = model.backward(p0, ytrue, (
    [[tuple(R[(l, t)][k] for k in ("concat", "f", "i", "g", "o", "f_raw", "i_raw", "g_raw", "o_raw", "c_prev", "c_next"))
      for l in range(NL)] for t in range(T)], hT, y_raw0, X))
print("info: LSTMModel.backward totals vs FD:", all(close(lgrads[l][k], GP[(l, k)]) for l in range(NL) for k in lgrads[l])
      and close(dWy_m, GP["Wy"]) and close(dby_m, GP["by"]))

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
