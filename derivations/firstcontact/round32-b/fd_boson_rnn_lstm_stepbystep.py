"""Finite-difference check of boson_rnn_lstm_stepbystep.md against expected.json (numpy only).
Executes the author's code fences (with sigmoid/softmax of rnn_utils supplied), compares every
annotated statement with an independent forward pass and central differences."""
import json, os, re, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FN = "boson_rnn_lstm_stepbystep.md"
lines = open(os.path.join(HERE, FN), encoding="utf-8").read().split("\n")
fences, cur = [], None
for i, l in enumerate(lines, 1):
    if l.startswith("```python"):
        cur = (i + 1, [])
    elif l.startswith("```") and cur is not None:
        fences.append((cur[0], "\n".join(cur[1])))
        cur = None
    elif cur is not None:
        cur[1].append(l)
SRC = "\n\n".join(c for _, c in fences)

def sigmoid(x):
    return 1 / (1 + np.exp(-x))
def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)
mod = types.ModuleType("rnn_utils"); mod.sigmoid = sigmoid; mod.softmax = softmax
sys.modules["rnn_utils"] = mod

def load(src):
    ns = {}
    exec(compile(src, FN, "exec"), ns)
    return ns

def patch(src, old, new):
    assert src.count(old) == 1, old
    return src.replace(old, new)

A = load(SRC)
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
rng = np.random.default_rng(0)
n_x, n_a, n_y, m, T = 3, 5, 2, 4, 4
res = {}

def fd(f, X, eps=1e-6):
    g = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        ix = it.multi_index
        old = X[ix]
        X[ix] = old + eps; fp = f()
        X[ix] = old - eps; fm = f()
        X[ix] = old
        g[ix] = (fp - fm) / (2 * eps)
    return g

# ---------------- vanilla RNN ----------------
P = {"Wax": rng.normal(size=(n_a, n_x)), "Waa": rng.normal(size=(n_a, n_a)) * 0.5,
     "Wya": rng.normal(size=(n_y, n_a)), "ba": rng.normal(size=(n_a, 1)), "by": rng.normal(size=(n_y, 1))}
x = rng.normal(size=(n_x, m, T)); a0 = rng.normal(size=(n_a, m))

def ref_rnn(x, a0, P, zoff=None):
    a = a0; As, Ys = [], []
    for t in range(x.shape[2]):
        z = P["Waa"] @ a + P["Wax"] @ x[:, :, t] + P["ba"]
        if zoff is not None: z = z + zoff
        a = np.tanh(z)
        As.append(a); Ys.append(softmax(P["Wya"] @ a + P["by"]))
    return np.stack(As, 2), np.stack(Ys, 2)

# line 19, 21: one cell
an, yp, _ = A["rnn_cell_forward"](x[:, :, 0], a0, P)
ra, ry = ref_rnn(x[:, :, :1], a0, P)
res[19] = close(an, ra[:, :, 0]); res[21] = close(yp, ry[:, :, 0])
# line 46 (fail) and 53, 55 with 46 repaired
ra, ry = ref_rnn(x, a0, P)
a_auth, y_auth, _ = A["rnn_forward"](x, a0, P)
B = load(patch(SRC, "    a_next = a[:,:,0]\n", "    a_next = a0\n"))
a_fix, y_fix, _ = B["rnn_forward"](x, a0, P)
assert close(a_fix, ra)
res[46] = close(a_auth, ra)
res[53] = close(a_fix, ra); res[55] = close(y_fix, ry)

# rnn_cell_backward, locals
src_rcb = patch(SRC, '    gradients = {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}\n    \n    return gradients',
                '    gradients = {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}\n    \n    return locals()')
C = load(src_rcb)
xt = x[:, :, 0].copy(); ap = a0.copy(); dan = rng.normal(size=(n_a, m))
_, _, cache = A["rnn_cell_forward"](xt, ap, P)
Lc = C["rnn_cell_backward"](dan, cache)
def Lrnn_cell(zoff=None):
    z = P["Waa"] @ ap + P["Wax"] @ xt + P["ba"]
    if zoff is not None: z = z + zoff
    return np.sum(dan * np.tanh(z))
zo = np.zeros((n_a, m))
res[163] = close(Lc["dtanh"], fd(lambda: Lrnn_cell(zo), zo))
res[166] = close(Lc["dxt"], fd(Lrnn_cell, xt))
res[167] = close(Lc["dWax"], fd(Lrnn_cell, P["Wax"]))
res[170] = close(Lc["da_prev"], fd(Lrnn_cell, ap))
res[171] = close(Lc["dWaa"], fd(Lrnn_cell, P["Waa"]))
res[174] = close(Lc["dba"], fd(Lrnn_cell, P["ba"]))

# rnn_backward with per-step caches built as the assignment intends (caches[t] = cache of step t)
da = rng.normal(size=(n_a, m, T))
caches, a_prev = [], a0
for t in range(T):
    a_prev, _, c = A["rnn_cell_forward"](x[:, :, t], a_prev, P); caches.append(c)
G = A["rnn_backward"](da, (caches, x))
Lseq = lambda: np.sum(da * ref_rnn(x, a0, P)[0])
ok_rnn = {k: close(G[k], fd(Lseq, v)) for k, v in [("dWax", P["Wax"]), ("dWaa", P["Waa"]), ("dba", P["ba"]), ("dx", x), ("da0", a0)]}
res[205] = res[207] = all(ok_rnn.values())
res[209] = ok_rnn["dx"]; res[210] = ok_rnn["dWax"]; res[211] = ok_rnn["dWaa"]; res[212] = ok_rnn["dba"]; res[215] = ok_rnn["da0"]

# ---------------- LSTM ----------------
Q = {k: rng.normal(size=(n_a, n_a + n_x)) * 0.6 for k in ["Wf", "Wi", "Wc", "Wo"]}
Q.update({k: rng.normal(size=(n_a, 1)) for k in ["bf", "bi", "bc", "bo"]})
Q["Wy"] = rng.normal(size=(n_y, n_a)); Q["by"] = rng.normal(size=(n_y, 1))

def ref_cell(xt, ap, cp, Q, off=None):
    zc = np.vstack([ap, xt]); off = off or {}
    pre = {g: Q["W" + g] @ zc + Q["b" + g] + off.get(g, 0) for g in "fico"}
    f, i, o = sigmoid(pre["f"]), sigmoid(pre["i"]), sigmoid(pre["o"])
    cc = np.tanh(pre["c"]); c = f * cp + i * cc; a = o * np.tanh(c)
    return dict(concat=zc, ft=f, it=i, cct=cc, c_next=c, ot=o, a_next=a, yt_pred=softmax(Q["Wy"] @ a + Q["by"]))

def ref_lstm(x, a0, Q):
    a, c = a0, np.zeros_like(a0); As, Ys, Cs = [], [], []
    for t in range(x.shape[2]):
        r = ref_cell(x[:, :, t], a, c, Q); a, c = r["a_next"], r["c_next"]
        As.append(a); Cs.append(c); Ys.append(r["yt_pred"])
    return np.stack(As, 2), np.stack(Ys, 2), np.stack(Cs, 2)

c0 = rng.normal(size=(n_a, m))
D = load(patch(SRC, "    return a_next, c_next, yt_pred, cache\n", "    return locals()\n"))
L = D["lstm_cell_forward"](x[:, :, 0], a0, c0, Q)
R = ref_cell(x[:, :, 0], a0, c0, Q)
res[87] = close(L["concat"], R["concat"])
res[88] = close(L["concat"][:n_a], a0); res[89] = close(L["concat"][n_a:], x[:, :, 0])
for ln, k in [(92, "ft"), (93, "it"), (94, "cct"), (95, "c_next"), (96, "ot"), (97, "a_next"), (100, "yt_pred")]:
    res[ln] = close(L[k], R[k])

# lstm_forward: line 140 (np.append) is repaired in both runs so that the function can run
src140 = patch(SRC, "        caches = np.append(caches, cache)\n", "        caches.append(cache)\n")
E1 = load(src140)
E2 = load(patch(src140, "    a_next = a[:, :, 0]\n", "    a_next = a0\n"))
ra, ry, rc = ref_lstm(x, a0, Q)
a1, y1, c1, _ = E1["lstm_forward"](x, a0, Q)
a2, y2, c2, _ = E2["lstm_forward"](x, a0, Q)
res[126] = close(a1, ra)
res[127] = res[134] = close(a2, ra); res[136] = close(y2, ry); res[138] = close(c2, rc)

# lstm_cell_backward locals
F = load(patch(SRC, '                "dWc": dWc,"dbc": dbc, "dWo": dWo,"dbo": dbo}\n\n    return gradients\n\n',
               '                "dWc": dWc,"dbc": dbc, "dWo": dWo,"dbo": dbo}\n\n    return locals()\n\n'))
xt = x[:, :, 1].copy(); ap = rng.normal(size=(n_a, m)); cp = rng.normal(size=(n_a, m))
dan = rng.normal(size=(n_a, m)); dcn = rng.normal(size=(n_a, m))
_, _, _, cache = A["lstm_cell_forward"](xt, ap, cp, Q)
Lb = F["lstm_cell_backward"](dan, dcn, cache)
offs = {g: np.zeros((n_a, m)) for g in "fico"}
def Lcell():
    r = ref_cell(xt, ap, cp, Q, offs)
    return np.sum(dan * r["a_next"]) + np.sum(dcn * r["c_next"])
res[235] = close(Lb["dot"], fd(Lcell, offs["o"]))
res[236] = close(Lb["dcct"], fd(Lcell, offs["c"]))
res[237] = close(Lb["dit"], fd(Lcell, offs["i"]))
res[238] = close(Lb["dft"], fd(Lcell, offs["f"]))
for ln, g in zip(range(241, 245), "fico"):
    res[ln] = close(Lb["dW" + g], fd(Lcell, Q["W" + g]))
for ln, g in zip(range(245, 249), "fico"):
    res[ln] = close(Lb["db" + g], fd(Lcell, Q["b" + g]))
res[251] = close(Lb["da_prev"], fd(Lcell, ap))
res[252] = close(Lb["dc_prev"], fd(Lcell, cp))
res[253] = close(Lb["dxt"], fd(Lcell, xt))

# lstm_backward: author's version, and the version with the recurrent carry added after line 301
caches, a, c = [], a0, np.zeros((n_a, m))
for t in range(T):
    a, c, _, cc = A["lstm_cell_forward"](x[:, :, t], a, c, Q); caches.append(cc)
da = rng.normal(size=(n_a, m, T))
Lseq = lambda: np.sum(da * ref_lstm(x, a0, Q)[0])
names = [("dx", x), ("da0", a0)] + [("dW" + g, Q["W" + g]) for g in "fico"] + [("db" + g, Q["b" + g]) for g in "fico"]
REF = {k: fd(Lseq, v) for k, v in names}
G1 = A["lstm_backward"](da, (caches, x))
Hs = load(patch(SRC, "        dbo = dbo+gradients['dbo']  \n",
                "        dbo = dbo+gradients['dbo']  \n        da_prevt = gradients['da_prev']\n        dc_prevt = gradients['dc_prev']\n"))
G2 = Hs["lstm_backward"](da, (caches, x))
res[291] = all(close(G1[k], REF[k]) for k, _ in names)
assert all(close(G2[k], REF[k]) for k, _ in names)
res[293] = close(G2["dx"], REF["dx"])
for ln, k in zip(range(294, 302), ["dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo"]):
    res[ln] = close(G2[k], REF[k])
res[303] = close(G2["da0"], REF["da0"])

# ---------------- report ----------------
exp = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))[FN]
assert set(map(int, exp)) == set(res), (set(map(int, exp)) ^ set(res))
bad = 0
for ln in sorted(res):
    got = "OK" if res[ln] else "MISMATCH"
    want = "OK" if exp[str(ln)]["expected"] == "pass" else "MISMATCH"
    agree = got == want
    bad += not agree
    print(f"{FN}:{ln}: {got}  (expected {exp[str(ln)]['expected']}) {'agrees' if agree else 'DISAGREES'}")
print(f"{len(res)} lines, {bad} disagreements")
sys.exit(1 if bad else 0)
