"""Finite-difference check of ernestng11_rnn_lstm_numpy.md (numpy only).
Execs the author's code fences (rnn_utils fence registered as module `rnn_utils`),
compares every annotated line against independent forward code + central differences.
Prints: <line> OK|MISMATCH  expected=<pass|fail>  agree=<yes|no>."""
import sys, os, re, json, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "ernestng11_rnn_lstm_numpy.md")
lines = open(MD, encoding="utf-8").read().split("\n")
fences, cur, start = [], None, None
for i, l in enumerate(lines, 1):
    if l.startswith("```python"):
        cur, start = [], i + 1
    elif l.startswith("```") and cur is not None:
        fences.append((start, "\n".join(cur))); cur = None
    elif cur is not None:
        cur.append(l)
assert len(fences) == 5
mod = types.ModuleType("rnn_utils"); exec(fences[0][1], mod.__dict__); sys.modules["rnn_utils"] = mod
ns = {}
for st, src in fences[1:]:
    exec(compile("\n" * (st - 1) + src, MD, "exec"), ns)

rng = np.random.default_rng(0)
n_x, n_a, n_y, m, T = 3, 4, 2, 5, 4
sig = lambda z: 1 / (1 + np.exp(-z))
EPS = 1e-6
def fd(f, X):
    g = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        o = X[idx]; X[idx] = o + EPS; p = f(); X[idx] = o - EPS; q = f(); X[idx] = o
        g[idx] = (p - q) / (2 * EPS)
    return g
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
res = {}
def rec(line, ok):
    res[line] = res.get(line, True) and bool(ok)

# ---------- helpers ----------
z = rng.standard_normal((n_y, m))
ref_sm = np.exp(z) / np.exp(z).sum(axis=0, keepdims=True)
e_x = np.exp(z - np.max(z))
rec(12, close(e_x / e_x.sum(axis=0), ref_sm))
rec(13, close(mod.softmax(z), ref_sm))
rec(17, close(mod.sigmoid(z), np.exp(z) / (1 + np.exp(z))))

# ---------- vanilla RNN ----------
P = {"Wax": rng.standard_normal((n_a, n_x)), "Waa": rng.standard_normal((n_a, n_a)) * 0.5,
     "Wya": rng.standard_normal((n_y, n_a)), "ba": rng.standard_normal((n_a, 1)), "by": rng.standard_normal((n_y, 1))}
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m))
a_ref = np.tanh(P["Wax"] @ xt + P["Waa"] @ a_prev + P["ba"])
a_n, yt, cache = ns["rnn_cell_forward"](xt, a_prev, P)
rec(34, close(a_n, a_ref))
ey = np.exp(P["Wya"] @ a_ref + P["by"])
rec(36, close(yt, ey / ey.sum(0)))

x = rng.standard_normal((n_x, m, T)); a0 = rng.standard_normal((n_a, m))
def rnn_ref(x, a0, P):
    a, h = np.zeros((n_a, m, T)), a0
    for t in range(T):
        h = np.tanh(P["Wax"] @ x[:, :, t] + P["Waa"] @ h + P["ba"]); a[:, :, t] = h
    return a
a_all, ypred, caches = ns["rnn_forward"](x, a0, P)
for l in (58, 64, 66):
    rec(l, close(a_all, rnn_ref(x, a0, P)))

# one-step backward, loss = sum(a_next * da_next)
da_next = rng.standard_normal((n_a, m))
g = ns["rnn_cell_backward"](da_next, cache)
zpre = P["Wax"] @ xt + P["Waa"] @ a_prev + P["ba"]
loc93 = dict(np=np, a_next=a_n, da_next=da_next)
exec(lines[92].strip(), loc93)   # the author's line 93 verbatim
rec(93, close(loc93["dz"], fd(lambda: np.sum(np.tanh(zpre) * da_next), zpre)))
Lc = lambda: np.sum(np.tanh(P["Wax"] @ xt + P["Waa"] @ a_prev + P["ba"]) * da_next)
rec(96, close(g["dxt"], fd(Lc, xt)))
rec(97, close(g["dWax"], fd(Lc, P["Wax"])))
rec(100, close(g["da_prev"], fd(Lc, a_prev)))
rec(101, close(g["dWaa"], fd(Lc, P["Waa"])))
rec(104, close(g["dba"], fd(Lc, P["ba"])))

# full BPTT, loss = sum_t sum(a<t> * R<t>)  => da = R (direct part only)
R = rng.standard_normal((n_a, m, T))
LR = lambda: np.sum(rnn_ref(x, a0, P) * R)
G = ns["rnn_backward"](R, caches)
okx = close(G["dx"], fd(LR, x)); okWax = close(G["dWax"], fd(LR, P["Wax"]))
okWaa = close(G["dWaa"], fd(LR, P["Waa"])); okba = close(G["dba"], fd(LR, P["ba"]))
oka0 = close(G["da0"], fd(LR, a0))
for l in (127, 132, 134): rec(l, okx and okWax and okWaa and okba and oka0)
rec(137, okx); rec(138, okWax); rec(139, okWaa); rec(140, okba); rec(143, oka0)

# ---------- LSTM ----------
def mk():
    Q = {}
    for k in "fico":
        Q["W" + k] = rng.standard_normal((n_a, n_a + n_x)) * 0.6; Q["b" + k] = rng.standard_normal((n_a, 1)) * 0.5
    Q["Wy"] = rng.standard_normal((n_y, n_a)); Q["by"] = rng.standard_normal((n_y, 1)); return Q
Q = mk()
def cell_ref(xt, h, c, Q):
    # independent: split weights into hidden and input blocks instead of concatenating
    pre = {k: Q["W" + k][:, :n_a] @ h + Q["W" + k][:, n_a:] @ xt + Q["b" + k] for k in "fico"}
    f, i, o, g_ = sig(pre["f"]), sig(pre["i"]), sig(pre["o"]), np.tanh(pre["c"])
    c2 = f * c + i * g_
    return o * np.tanh(c2), c2, pre, (f, i, g_, o)
c_prev = rng.standard_normal((n_a, m))
an, cn, yt, lcache = ns["lstm_cell_forward"](xt, a_prev, c_prev, Q)
h_r, c_r, pre, (f_r, i_r, g_r, o_r) = cell_ref(xt, a_prev, c_prev, Q)
(_, _, _, _, ft, it, cct, ot, _, _) = lcache
rec(175, close(np.concatenate((a_prev, xt), axis=0), np.vstack([a_prev, xt])))
rec(180, close(ft, f_r)); rec(181, close(it, i_r)); rec(182, close(cct, g_r))
rec(183, close(cn, c_r)); rec(184, close(ot, o_r)); rec(185, close(an, h_r))
yr = np.exp(Q["Wy"] @ h_r + Q["by"]); rec(188, close(yt, yr / yr.sum(0)))

def lstm_ref(x, a0, Q):
    a, h, c = np.zeros((n_a, m, T)), a0, np.zeros((n_a, m))
    for t in range(T):
        h, c, _, _ = cell_ref(x[:, :, t], h, c, Q); a[:, :, t] = h
    return a
A_, Y_, C_, lcaches = ns["lstm_forward"](x, a0, Q)
for l in (212, 213, 220): rec(l, close(A_, lstm_ref(x, a0, Q)))

# one-step LSTM backward, loss = sum(a_next*da) + sum(c_next*dc)
da_n = rng.standard_normal((n_a, m)); dc_n = rng.standard_normal((n_a, m))
gl = ns["lstm_cell_backward"](da_n, dc_n, lcache)
def Lcell():
    h2, c2, _, _ = cell_ref(xt, a_prev, c_prev, Q); return np.sum(h2 * da_n) + np.sum(c2 * dc_n)
def L_of_pre(key):
    P0 = {k: v.copy() for k, v in pre.items()}
    def f():
        f_, i_, o_, g_ = sig(P0["f"]), sig(P0["i"]), sig(P0["o"]), np.tanh(P0["c"])
        c2 = f_ * c_prev + i_ * g_
        return np.sum(o_ * np.tanh(c2) * da_n) + np.sum(c2 * dc_n)
    return fd(f, P0[key])
# recompute author's intermediate gate gradients by executing lines 271-277 verbatim
loc = dict(np=np, da_next=da_n, dc_next=dc_n, c_next=cn, c_prev=c_prev, ft=ft, it=it, cct=cct, ot=ot)
body = "\n".join(l[4:] for l in lines[270:277])
exec(body, loc)
rec(271, close(loc["dot"], L_of_pre("o"))); rec(272, close(loc["dcct"], L_of_pre("c")))
rec(274, close(loc["dit"], L_of_pre("i"))); rec(276, close(loc["dft"], L_of_pre("f")))
rec(279, close(np.concatenate((a_prev, xt), axis=0), np.vstack([a_prev, xt])))
for l, k in ((281, "Wf"), (282, "Wi"), (283, "Wc"), (284, "Wo"), (285, "bf"), (286, "bi"), (287, "bc"), (288, "bo")):
    rec(l, close(gl["d" + k], fd(Lcell, Q[k])))
rec(291, close(gl["da_prev"], fd(Lcell, a_prev)))
rec(294, close(gl["dc_prev"], fd(Lcell, c_prev)))
rec(296, close(gl["dxt"], fd(Lcell, xt)))

# full LSTM BPTT, loss = sum_t sum(a<t> * R<t>)
LL = lambda: np.sum(lstm_ref(x, a0, Q) * R)
FD = {"dx": fd(LL, x), "da0": fd(LL, a0)}
for k in ("Wf", "Wi", "Wc", "Wo", "bf", "bi", "bc", "bo"): FD["d" + k] = fd(LL, Q[k])
# (a) the author's lstm_backward as published
Gp = ns["lstm_backward"](R, lcaches)
published_ok = all(close(Gp[k], FD[k]) for k in FD)
rec(355, published_ok)
# (b) local check of the other lines: same function with only line 355 corrected (and the two
#     missing carry statements added), everything else verbatim
src = fences[4][1].split("\n")
i355 = 355 - fences[4][0]
assert "lstm_cell_backward(da[:, :, t], dc_prevt" in src[i355]
src[i355] = src[i355].replace("da[:, :, t], dc_prevt", "da[:, :, t] + da_prevt, dc_prevt")
src.insert(i355 + 1, "        da_prevt, dc_prevt = gradients['da_prev'], gradients['dc_prev']")
ns2 = dict(ns); exec("\n".join(src), ns2)
Gc = ns2["lstm_backward"](R, lcaches)
rec(342, all(close(Gc[k], FD[k]) for k in FD))
rec(357, close(Gc["dx"], FD["dx"]))
for l, k in ((358, "dWf"), (359, "dWi"), (360, "dWc"), (361, "dWo"), (362, "dbf"), (363, "dbi"), (364, "dbc"), (365, "dbo")):
    rec(l, close(Gc[k], FD[k]))
rec(367, close(Gc["da0"], FD["da0"]))

exp = json.load(open(os.path.join(HERE, "expected.json")))["ernestng11_rnn_lstm_numpy.md"]
bad = 0
for l in sorted(set(res) | set(int(k) for k in exp)):
    st = "OK" if res.get(l) else ("MISMATCH" if l in res else "UNCHECKED")
    e = exp.get(str(l), {}).get("expected", "NOT-ANNOTATED")
    agree = (st == "OK" and e == "pass") or (st == "MISMATCH" and e == "fail")
    bad += not agree
    print(f"{l:4d} {st:9s} expected={e:5s} agree={'yes' if agree else 'NO'}")
print("published lstm_backward max|err| dx:", float(np.abs(Gp['dx'] - FD['dx']).max()))
print("ALL AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
sys.exit(bad != 0)
