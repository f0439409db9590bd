"""Finite-difference check of marcino_min_rnn_relu_dropout.md (numpy only).

Model (column vectors, one-hot x_i, per-step softmax cross-entropy summed over the sequence):
    z_i = Wxh x_i + Whh h_{i-1} + bh          (pre-activation)
    a_i = z_i * m_i                           (dropout file only; m_i in {0,1}^H, notebook: m_i = 1)
    h_i = relu(a_i)
    y_i = Why h_i + by                        (as stated in the notebook's markdown, line 12)
    L   = sum_i -log softmax(y_i)[target_i]

Every annotated statement is taken from the .md file by its line number and executed on its own in a namespace that
holds the TRUE upstream quantities (forward values from the reference model, gradients from central differences).
Its result is compared with the quantity it should equal (per-step contribution for `+=` lines, total gradient
otherwise).  The verdicts are then compared with expected.json.
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "marcino_min_rnn_relu_dropout.md"
LINES = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]


def line(n):
    return LINES[n - 1]


def need(n, text):
    assert text in line(n), (n, line(n), text)


def stmt(n):
    return line(n).expandtabs(8).strip().split("#")[0].strip()


rng = np.random.default_rng(7)
V, H, T = 5, 4, 4
EPS = 1e-6


def close(a, b, tol=1e-5):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))


def relu(u):
    return np.maximum(u, 0.0)


def softmax(u):
    e = np.exp(u - u.max())
    return e / e.sum()


def make_problem(seed, dropout):
    r = np.random.default_rng(seed)
    P = dict(Wxh=r.normal(0, 0.8, (H, V)), Whh=r.normal(0, 0.6, (H, H)), Why=r.normal(0, 0.8, (V, H)),
             bh=r.normal(0, 0.3, (H, 1)), by=r.normal(0, 0.5, (V, 1)))
    inputs = list(r.integers(0, V, T))
    targets = list(r.integers(0, V, T))
    hprev = relu(r.normal(0, 0.5, (H, 1)))
    masks = [r.binomial(1, 0.5, (H, 1)).astype(float) if dropout else np.ones((H, 1)) for _ in range(T)]
    return P, inputs, targets, hprev, masks


def forward(P, inputs, targets, hprev, masks, hooks=None):
    """reference forward; hooks[(name, i)] is an additive perturbation at step i only"""
    hk = hooks or {}
    g = lambda name, i: hk.get((name, i), 0.0)
    hs = {-1: hprev}
    xs, zs, As, ys, ps = {}, {}, {}, {}, {}
    L = 0.0
    for i in range(len(inputs)):
        xs[i] = np.zeros((V, 1)); xs[i][inputs[i]] = 1.0
        hin = hs[i - 1] + g("hrec", i - 1)
        zs[i] = (P["Wxh"] + g("Wxh", i)) @ xs[i] + (P["Whh"] + g("Whh", i)) @ hin + P["bh"] + g("bh", i) + g("z", i)
        As[i] = zs[i] * masks[i] + g("a", i)
        hs[i] = relu(As[i]) + g("h", i)
        ys[i] = (P["Why"] + g("Why", i)) @ hs[i] + P["by"] + g("by", i) + g("y", i)
        ps[i] = softmax(ys[i])
        L += -np.log(ps[i][targets[i], 0])
    return L, dict(xs=xs, zs=zs, As=As, hs=hs, ys=ys, ps=ps)


def fd(prob, name, i, shape):
    P, inputs, targets, hprev, masks = prob
    d = np.zeros(shape)
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d[idx] = EPS
        lp = forward(P, inputs, targets, hprev, masks, {(name, i): d.copy()})[0]
        d[idx] = -EPS
        lm = forward(P, inputs, targets, hprev, masks, {(name, i): d.copy()})[0]
        d[idx] = 0.0
        out[idx] = (lp - lm) / (2 * EPS)
    return out


def truth(prob):
    """true forward values and true gradients per step, all by central differences"""
    P, inputs, targets, hprev, masks = prob
    L, F = forward(*prob)
    for i in range(T):
        assert np.min(np.abs(F["As"][i][masks[i] > 0])) > 1e-3, "ReLU kink too close for FD"
    G = {}
    for i in range(T):
        G["y", i] = fd(prob, "y", i, (V, 1))
        G["h", i] = fd(prob, "h", i, (H, 1))          # total dL/dh_i
        G["hrec", i] = fd(prob, "hrec", i, (H, 1))    # dL/dh_i through step i+1 only (the carried part)
        G["z", i] = fd(prob, "z", i, (H, 1))          # dL/d(pre-mask pre-activation)
        G["a", i] = fd(prob, "a", i, (H, 1))          # dL/d(post-mask pre-activation)
        for nm in ("Wxh", "Whh", "Why", "bh", "by"):
            G[nm, i] = fd(prob, nm, i, P[nm].shape)  # step i's part of dL/dW
    G["hrec", -1] = fd(prob, "hrec", -1, (H, 1))
    return L, F, G


checks = {}

# ================================================================== part 1: the notebook (no dropout)
prob = make_problem(11, dropout=False)
P, inputs, targets, hprev, masks = prob
L, F, G = truth(prob)

# markdown equations (lines 11-13): compared with the reference model (f = ReLU, as the notebook says)
need(11, r"h' = f( W_{hh} h + W_{xh} x + b_h )")
need(12, r"y = W_{hy} h' + b_y")
need(13, r"\frac{e^{y_i}}{\sum{ e^{y_i} } }")
ok11 = ok12 = ok13 = True
for i in range(T):
    ok11 &= close(relu(P["Whh"] @ F["hs"][i - 1] + P["Wxh"] @ F["xs"][i] + P["bh"]), F["hs"][i])
    ok12 &= close(P["Why"] @ F["hs"][i] + P["by"], F["ys"][i])
    # softmax: p_k = e^{y_k} / sum_j e^{y_j}; its log-gradient is checked through G["y"]
    pk = np.exp(F["ys"][i]) / np.sum(np.exp(F["ys"][i]))
    ok13 &= close(pk, F["ps"][i]) and close(pk - np.eye(V)[[targets[i]]].T, G["y", i])
checks[11], checks[12], checks[13] = ok11, ok12, ok13


def base_ns(i, F, P, extra=None):
    ns = {"np": np, "i": i, "xs": F["xs"], "hs": F["hs"], "ys": dict(F["ys"]), "ps": F["ps"],
          "inputs": inputs, "targets": targets,
          "Wxh": P["Wxh"], "Whh": P["Whh"], "Why": P["Why"], "Wyh": P["Why"], "bh": P["bh"], "by": P["by"]}
    ns.update(extra or {})
    return ns


def check_forward(lines, F, P, masks, dropout):
    """forward statements, executed step by step with true previous values"""
    need(lines["hraw"], "hraw[i] = np.dot( Wxh, xs[i] ) + np.dot( Whh, hs[i-1] ) + bh")
    need(lines["hs"], "hs[i] = np.maximum( hraw[i], 0. )")
    need(lines["ps"], "ps[i] = np.exp( ys[i] ) / np.sum( np.exp( ys[i] ) )")
    need(lines["loss"], "loss += -np.log( ps[i][targets[i],0] )")
    res = {k: True for k in lines}
    tot = 0.0
    for i in range(T):
        ns = base_ns(i, F, P, {"hraw": {}, "dropout_table": masks, "loss": tot})
        exec(stmt(lines["hraw"]), ns)
        if dropout:
            res["hraw"] &= close(ns["hraw"][i], F["zs"][i])
            exec(stmt(lines["mask"]), ns)
            res["mask"] &= close(ns["hraw"][i], F["As"][i])
        else:
            res["hraw"] &= close(ns["hraw"][i], F["As"][i])
        ns["hraw"][i] = F["As"][i]
        exec(stmt(lines["hs"]), ns)
        res["hs"] &= close(ns["hs"][i], F["hs"][i])
        ns["hs"] = F["hs"]
        ns["ys"] = {}
        exec(stmt(lines["ys"]), ns)
        res["ys"] &= close(ns["ys"][i], F["ys"][i])
        ns["ys"] = F["ys"]
        exec(stmt(lines["ps"]), ns)
        res["ps"] &= close(ns["ps"][i], F["ps"][i])
        ns["ps"] = F["ps"]
        exec(stmt(lines["loss"]), ns)
        tot = ns["loss"]
    res["loss"] = close(tot, L_cur)
    return res


def check_backward(lines, F, G, P, masks, t_binding):
    """backward statements, each step i on its own, with TRUE upstream values"""
    res = {k: True for k in lines}
    for i in range(T):
        mask_true = (F["As"][i] > 0).astype(float)
        dy_true, dh_true, da_true, dz_true = G["y", i], G["h", i], G["a", i], G["z", i]
        carried = G["hrec", i]                       # the true dhnext arriving at step i
        ns = base_ns(i, F, P, {"hraw": F["As"], "dhnext": carried.copy()})
        ns.update(t_binding)
        # dy = np.copy(ps[i]) then the author's correction (line after); each judged alone
        exec(stmt(lines["dy0"]), ns)
        d = ns["dy"].copy(); d[targets[i]] -= 1.0
        res["dy0"] &= close(d, dy_true)
        ns["dy"] = F["ps"][i].copy()
        exec(stmt(lines["dy1"]), ns)
        res["dy1"] &= close(ns["dy"], dy_true)
        ns["dy"] = dy_true
        for key, var, nm in (("dWhy", "dWhy", "Why"), ("dby", "dby", "by")):
            ns[var] = np.zeros_like(P[nm])
            exec(stmt(lines[key]), ns)
            res[key] &= close(ns[var], G[nm, i])
        exec(stmt(lines["dh"]), ns)
        res["dh"] &= close(ns["dh"], dh_true)
        ns["dh"] = dh_true
        ns["dhtemp"] = np.zeros((H, 1))
        exec(stmt(lines["dhtemp"]), ns)
        res["dhtemp"] &= close(ns["dhtemp"], mask_true)
        ns["dhtemp"] = mask_true
        exec(stmt(lines["dhraw"]), ns)
        # dhraw is used as the gradient of the pre-activation that feeds the weights: must equal dL/dz_i
        res["dhraw"] &= close(ns["dhraw"], dz_true) and close(ns["dhraw"], da_true * masks[i])
        ns["dhraw"] = dz_true
        for key, var, nm in (("dbh", "dbh", "bh"), ("dWxh", "dWxh", "Wxh"), ("dWhh", "dWhh", "Whh")):
            ns[var] = np.zeros_like(P[nm])
            try:
                exec(stmt(lines[key]), ns)
                res[key] &= close(ns[var], G[nm, i])
            except NameError as e:
                print("info: line %d raises NameError (%s)" % (lines[key], e))
                res[key] = False
        exec(stmt(lines["dhnext"]), ns)
        res["dhnext"] &= close(ns["dhnext"], G["hrec", i - 1])
    return res


L_cur = L
fl = dict(hraw=47, hs=48, ys=49, ps=52, loss=55)
need(49, "ys[i] = np.dot( Wyh, hs[i] )")
r = check_forward(fl, F, P, masks, dropout=False)
for k, n in fl.items():
    checks[n] = r[k]

bl = dict(dy0=63, dy1=64, dWhy=67, dby=68, dh=70, dhtemp=72, dhraw=73, dbh=75, dWxh=76, dWhh=77, dhnext=78)
need(63, "dy = np.copy( ps[i] )"); need(64, "dy[targets[i]] -= 1.0"); need(67, "dWhy += np.dot( dy, hs[i].T )")
need(68, "dby += dy"); need(70, "dh = np.dot( Why.T, dy) + dhnext"); need(72, "dhtemp[ hraw[i] > 0. ] = 1.")
need(73, "dhraw = dhtemp * dh"); need(75, "dbh += dhraw"); need(76, "dWxh += np.dot( dhraw, xs[t].T )")
need(77, "dWhh += np.dot( dhraw, hs[t-1].T )"); need(78, "dhnext = np.dot( Whh.T, dhraw )")
# lines 76-77 use `t`, which the function never defines.  Unbound -> NameError; and with any stale global t
# (here t = T-1, as a finished loop would leave it) the expressions use the wrong step for every i != t.
r_unbound = check_backward({k: v for k, v in bl.items()}, F, G, P, masks, {})
r_stale = check_backward(bl, F, G, P, masks, {"t": T - 1})
for k, n in bl.items():
    checks[n] = r_unbound[k] and r_stale[k]
print("info: with a stale global t = T-1, lines 76/77 agree with central differences:", r_stale["dWxh"], r_stale["dWhh"])

# information: the whole cell cannot run as published (reverse, Why, t); with shims it gives wrong dWxh/dWhh
print("info: notebook line 62 uses `reverse`, line 57/67/70 use `Why` while cell 4 defines `Wyh`")

# ================================================================== part 2: min_rnn_droupout.py
prob = make_problem(23, dropout=True)
P, inputs, targets, hprev, masks = prob
assert any(m.min() == 0 for m in masks) and any(m.max() == 1 for m in masks)
L, F, G = truth(prob)
L_cur = L
need(125, "hraw[i] = hraw[i] * dropout_table[i]"); need(128, "ys[i] = np.dot( Why, hs[i] ) + by")
fl2 = dict(hraw=124, mask=125, hs=127, ys=128, ps=134, loss=137)
r = check_forward(fl2, F, P, masks, dropout=True)
for k, n in fl2.items():
    checks[n] = r[k]
bl2 = dict(dy0=145, dy1=146, dWhy=149, dby=150, dh=152, dhtemp=154, dhraw=155, dbh=157, dWxh=158, dWhh=159,
           dhnext=160)
need(158, "dWxh += np.dot( dhraw, xs[i].T )"); need(159, "dWhh += np.dot( dhraw, hs[i-1].T )")
need(154, "dhtemp[ hraw[i] > 0. ] = 1.")
r = check_backward(bl2, F, G, P, masks, {})
for k, n in bl2.items():
    checks[n] = r[k]

# information: the whole function rnn() of the dropout file, run with the mask fixed (seeded) and tabs expanded,
# against central differences of its own loss (gradients stay below the clip value 5 here)
fences, cur, inside = [], [], False
for l in LINES:
    if l.startswith("```python"):
        inside, cur = True, []
    elif l.startswith("```") and inside:
        inside = False; fences.append("\n".join(cur))
    elif inside:
        cur.append(l)
src = fences[2].expandtabs(8)
src = src[src.index("def rnn("):]
Pw = {k: v.copy() for k, v in P.items()}
ns = dict(np=np, dict_size=V, hidden_nodes=H, seq_len=T, dropout_prob=0.5, **Pw)
exec(src, ns)


def run(seed=5):
    np.random.seed(seed)
    return ns["rnn"](inputs, targets, hprev)


out = run()
ok = True
for k, nm in enumerate(("Wxh", "Whh", "Why", "bh", "by")):
    arr = ns[nm]; num = np.zeros_like(arr)
    for idx in np.ndindex(*arr.shape):
        o = arr[idx]; arr[idx] = o + EPS; lp = run()[0]; arr[idx] = o - EPS; lm = run()[0]; arr[idx] = o
        num[idx] = (lp - lm) / (2 * EPS)
    ok &= close(out[1 + k], num, 1e-4)
print("info: whole rnn() of min_rnn_droupout.py (fixed mask) matches central differences:", ok)

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
