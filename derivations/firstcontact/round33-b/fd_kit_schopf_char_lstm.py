"""Finite-difference check of kit_schopf_char_lstm.md against expected.json (numpy only).
Executes the author's code fence (data I/O and sizes patched to a tiny synthetic problem), records the
per-step quantities of backward(), and compares every annotated statement with an independent forward
pass and central differences."""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FN = "kit_schopf_char_lstm.md"
lines = open(os.path.join(HERE, FN), encoding="utf-8").read().split("\n")
fences, cur = [], None
for i, l in enumerate(lines, 1):
    if l.startswith("```python"):
        cur = (i + 1, [])
    elif l.startswith("```") and cur is not None:
        fences.append((cur[0], "\n".join(cur[1]))); cur = None
    elif cur is not None:
        cur[1].append(l)
SRC = fences[0][1]

def patch(src, old, new):
    assert src.count(old) == 1, old
    return src.replace(old, new)

# tiny synthetic problem; np.row_stack is an alias of vstack (removed in numpy 2.x)
if not hasattr(np, "row_stack"):
    np.row_stack = np.vstack
S = SRC
S = patch(S, "data = open('data/input.txt', 'r').read()", "data = 'abcdeabcedcbaeab'")
S = patch(S, "chars = list(set(data))", "chars = sorted(list(set(data)))")
S = patch(S, "print('data has %d", "pass  # print('data has %d")
S = patch(S, "option = sys.argv[1]", "option = 'none'")
S = patch(S, "emb_size = 32", "emb_size = 3")
S = patch(S, "hidden_size = 256", "hidden_size = 4")
S = patch(S, "seq_length = 64", "seq_length = 5")
# record the per-step quantities (the code itself is unchanged)
S = patch(S, "        dc_hat = dc * i_gate[t]\n", "        dc_hat = dc * i_gate[t]\n        REC1[t] = dc_hat.copy()\n")
S = patch(S, "        dWex += np.dot(dwes, xs[t].T)\n",
          "        dWex += np.dot(dwes, xs[t].T)\n        REC[t] = {k: (np.copy(v) if isinstance(v, np.ndarray) else v) for k, v in locals().items()}\n")
ns = {"REC": {}, "REC1": {}}
exec(compile(S, FN, "exec"), ns)

rng = np.random.default_rng(1)
V, E, H = ns["vocab_size"], ns["emb_size"], ns["hidden_size"]
PN = ["Wex", "Wf", "Wi", "Wo", "Wc", "bf", "bi", "bo", "bc", "Why", "by"]
for k in PN:  # larger random weights and non-zero biases so that every term matters
    ns[k][...] = rng.normal(size=ns[k].shape) * 0.6
data = ns["data"]; cti = ns["char_to_ix"]
inputs = [cti[ch] for ch in data[0:5]]
targets = [cti[ch] for ch in data[1:6]]
ns["inputs"] = inputs  # backward() reads the global name `inputs`
T = len(inputs)
h0 = rng.normal(size=(H, 1)) * 0.5; c0 = rng.normal(size=(H, 1)) * 0.5

sig = lambda x: 1 / (1 + np.exp(-x))

def myforward(P, pert=None, rec=None):
    pert = pert or {}
    ad = lambda name, t, v: v + pert[(name, t)] if (name, t) in pert else v
    h, c, L = h0.copy(), c0.copy(), 0.0
    for t in range(T):
        x = np.zeros((V, 1)); x[inputs[t]] = 1
        we = ad("we", t, P["Wex"] @ x)
        z = ad("z", t, np.vstack((h, we)))
        fp = ad("fpre", t, P["Wf"] @ z + P["bf"]); f = sig(fp)
        ip = ad("ipre", t, P["Wi"] @ z + P["bi"]); i = sig(ip)
        gp = ad("gpre", t, P["Wc"] @ z + P["bc"]); g = ad("g", t, np.tanh(gp))
        op = ad("opre", t, P["Wo"] @ z + P["bo"]); o = sig(op)
        cin = ad("cprev_in", t, c)
        c = ad("c", t, f * cin + i * g)
        h = ad("h", t, o * np.tanh(c))
        lo = ad("logit", t, P["Why"] @ h + P["by"])
        p = np.exp(lo - lo.max()); p /= p.sum()
        lt = -np.log(p[targets[t], 0])
        L += lt
        if rec is not None:
            rec[t] = dict(we=we, z=z, f=f, i=i, g=g, o=o, c=c, h=h, lo=lo, p=p, lt=lt, L=L)
    return L

P = {k: ns[k] for k in PN}
MY = {}
L0 = myforward(P, rec=MY)

def fd_param(name, eps=1e-6):
    X = P[name]; G = np.zeros_like(X)
    for ix in np.ndindex(X.shape):
        old = X[ix]
        X[ix] = old + eps; lp = myforward(P)
        X[ix] = old - eps; lm = myforward(P)
        X[ix] = old; G[ix] = (lp - lm) / (2 * eps)
    return G

def fd_node(name, t, shape, eps=1e-6):
    G = np.zeros(shape)
    for ix in np.ndindex(shape):
        d = np.zeros(shape); d[ix] = eps; lp = myforward(P, {(name, t): d})
        d[ix] = -eps; lm = myforward(P, {(name, t): d})
        G[ix] = (lp - lm) / (2 * eps)
    return G

close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

# author's forward and backward
loss, acts, mem = ns["forward"](inputs, targets, (h0.copy(), c0.copy()))
xs, cs, hs, zs, wes, fg, ig, og, ch, ps, ys = acts
grads = dict(zip(["Wex", "Wf", "Wi", "Wo", "Wc", "bf", "bi", "bo", "bc", "Why", "by"],
                 ns["backward"](acts, clipping=False)))
REC, REC1 = ns["REC"], ns["REC1"]

res = {}
def line_of(stmt, start=1):
    hits = [i for i, l in enumerate(lines, 1) if l.strip() == stmt and i >= start]
    assert len(hits) >= 1, stmt
    return hits[0]
def put(stmt, ok, start=1):
    res[str(line_of(stmt, start))] = bool(ok)

# helpers
xg = np.linspace(-2, 2, 9); e = 1e-6
put("return 1 / (1 + np.exp(-x))", close(ns["sigmoid"](xg), sig(xg)))
put("return y * (1 - y)", close(ns["dsigmoid"](sig(xg)), (sig(xg + e) - sig(xg - e)) / (2 * e)))
put("return 1 - x * x", close(ns["dtanh"](np.tanh(xg)), (np.tanh(xg + e) - np.tanh(xg - e)) / (2 * e)))
v = rng.normal(size=(6, 1)); put("return e_x / e_x.sum()", close(ns["softmax"](v), np.exp(v) / np.exp(v).sum()))

# forward statements
allt = lambda f: all(f(t) for t in range(T))
put("wes[t] = np.dot(Wex, xs[t])", allt(lambda t: close(wes[t], MY[t]["we"])))
put("zs[t] = np.row_stack((hs[t - 1], wes[t]))", allt(lambda t: close(zs[t], MY[t]["z"])))
put("f_gate[t] = sigmoid(np.dot(Wf, zs[t]) + bf)", allt(lambda t: close(fg[t], MY[t]["f"])))
put("i_gate[t] = sigmoid(np.dot(Wi, zs[t]) + bi)", allt(lambda t: close(ig[t], MY[t]["i"])))
put("c_hat[t] = np.tanh(np.dot(Wc, zs[t]) + bc)", allt(lambda t: close(ch[t], MY[t]["g"])))
put("cs[t] = f_gate[t] * cs[t - 1] + i_gate[t] * c_hat[t]", allt(lambda t: close(cs[t], MY[t]["c"])))
put("o_gate[t] = sigmoid(np.dot(Wo, zs[t]) + bo)", allt(lambda t: close(og[t], MY[t]["o"])))
put("hs[t] = o_gate[t] * np.tanh(cs[t])", allt(lambda t: close(hs[t], MY[t]["h"])))
put("os[t] = np.dot(Why, hs[t]) + by", True)  # os is local to forward(); checked through ps below
put("ps[t] = softmax(os[t])", allt(lambda t: close(ps[t], MY[t]["p"])))
put("loss_t = np.sum(-np.log(ps[t]) * ys[t])", allt(lambda t: close(np.sum(-np.log(ps[t]) * ys[t]), MY[t]["lt"])))
put("loss += loss_t", close(loss, L0))
# os[t] directly: recompute from the author's hs and the same parameters
res[str(line_of("os[t] = np.dot(Why, hs[t]) + by"))] = allt(lambda t: close(np.dot(P["Why"], hs[t]) + P["by"], MY[t]["lo"])) and allt(lambda t: close(ns["softmax"](np.dot(P["Why"], hs[t]) + P["by"]), ps[t]))

# backward: per-step quantities against central differences of the loss
FDN = {}
def node(name, t, shape):
    if (name, t) not in FDN:
        FDN[(name, t)] = fd_node(name, t, shape)
    return FDN[(name, t)]
HS, ZS = (H, 1), (H + E, 1)
put("dhnext = np.zeros_like(hs[0])", close(REC[T - 1]["dh"], node("h", T - 1, HS)))
put("dcnext = np.zeros_like(cs[0])", close(REC[T - 1]["dc"], node("c", T - 1, HS)))
put("do = ps[t] - ys[t]", allt(lambda t: close(REC[t]["do"], node("logit", t, (V, 1)))))
put("dh = np.dot(Why.T, do) + dhnext", allt(lambda t: close(REC[t]["dh"], node("h", t, HS))))
put("do_gate = dsigmoid(o_gate[t]) * np.tanh(cs[t]) * dh", allt(lambda t: close(REC[t]["do_gate"], node("opre", t, HS))))
put("dc = o_gate[t] * dh * dtanh(np.tanh(cs[t])) + dcnext", allt(lambda t: close(REC[t]["dc"], node("c", t, HS))))
put("df_gate = dsigmoid(f_gate[t]) * cs[t - 1] * dc", allt(lambda t: close(REC[t]["df_gate"], node("fpre", t, HS))))
put("di_gate = dsigmoid(i_gate[t]) * c_hat[t] * dc", allt(lambda t: close(REC[t]["di_gate"], node("ipre", t, HS))))
put("dc_hat = dc * i_gate[t]", allt(lambda t: close(REC1[t], node("g", t, HS))))
put("dc_hat = dc_hat * dtanh(c_hat[t])", allt(lambda t: close(REC[t]["dc_hat"], node("gpre", t, HS))))
put("dzs = np.dot(Wo.T, do_gate) + np.dot(Wf.T, df_gate) + np.dot(Wc.T, dc_hat) + np.dot(Wi.T, di_gate)",
    allt(lambda t: close(REC[t]["dzs"], node("z", t, ZS))))
put("dhnext = dzs[:hidden_size, :]", allt(lambda t: close(REC[t]["dhnext"], node("z", t, ZS)[:H])))
put("dcnext = f_gate[t] * dc", allt(lambda t: close(REC[t]["dcnext"], node("cprev_in", t, HS))))
put("dwes = dzs[hidden_size:hidden_size + emb_size:, :]", allt(lambda t: close(REC[t]["dwes"], node("we", t, (E, 1)))))
# accumulated totals
for stmt, k in [("dWhy += np.dot(do, hs[t].T)", "Why"), ("dby += do", "by"),
                ("dWo += np.dot(do_gate, zs[t].T)", "Wo"), ("dbo += do_gate", "bo"),
                ("dWf += np.dot(df_gate, zs[t].T)", "Wf"), ("dbf += df_gate", "bf"),
                ("dWi += np.dot(di_gate, zs[t].T)", "Wi"), ("dbi += di_gate", "bi"),
                ("dWc += np.dot(dc_hat, zs[t].T)", "Wc"), ("dbc += dc_hat", "bc"),
                ("dWex += np.dot(dwes, xs[t].T)", "Wex")]:
    put(stmt, close(grads[k], fd_param(k)))

exp = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))[FN]
assert set(exp) == set(res), (sorted(set(exp) ^ set(res), key=int))
bad = 0
for ln in sorted(res, key=int):
    want_ok = exp[ln]["expected"] == "pass"
    agree = (res[ln] == want_ok)
    bad += not agree
    print(ln, "OK" if agree else "MISMATCH", "(expression %s)" % ("right" if res[ln] else "wrong"))
print("all verdicts agree" if bad == 0 else "%d disagreements" % bad)
