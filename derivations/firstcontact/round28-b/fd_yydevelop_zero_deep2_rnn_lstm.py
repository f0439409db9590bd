"""Finite-difference check of yydevelop_zero_deep2_rnn_lstm.md (numpy only).
Execs the author's code fences. To judge each line locally, the OTHER published bugs are
patched (one textual fix per failing line) and the line under test is kept verbatim.
Also patched, not annotated: ch06/lstm.py `__init` -> `__init__`, `np.zero_like` -> `np.zeros_like`;
the source has no LSTM.backward, so an independently written one is attached for TimeLSTM tests.
Prints: <line> OK|MISMATCH  expected=<pass|fail>  agree=<yes|no>."""
import sys, os, json
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "yydevelop_zero_deep2_rnn_lstm.md")
LINES = open(MD, encoding="utf-8").read().split("\n")
FIX = {19: ("np.tonh", "np.tanh"), 65: ("self.ht =", "self.h ="),
       89: ("grads[i][...] = grad", "grads[i] += grad"), 178: ("dxs[:, t, :]", "dxs[:, t, :] = dx"),
       185: ("\t\t\treturn dxs", "\t\treturn dxs"),
       102: ("def __init(", "def __init__("), 104: ("np.zero_like", "np.zeros_like")}
sig = lambda z: 1 / (1 + np.exp(-z))

def build(keep=(), extra=None):
    L = list(LINES)
    for ln, (a, b) in FIX.items():
        if ln in keep: continue
        assert a in L[ln - 1], ln
        L[ln - 1] = L[ln - 1].replace(a, b, 1)
    if extra:
        for ln, (a, b) in extra.items():
            assert a in L[ln - 1]; L[ln - 1] = L[ln - 1].replace(a, b, 1)
    # keep python fences only, blank out everything else so line numbers are preserved
    out, inside = [], False
    for l in L:
        if l.startswith("```python"): inside = True; out.append(""); continue
        if l.startswith("```"): inside = False; out.append(""); continue
        out.append(l if inside else "")
    ns = {"np": np, "sigmoid": sig}
    exec(compile("\n".join(out), MD, "exec"), ns)
    ns["LSTM"].backward = lstm_backward_ref
    return ns

def lstm_backward_ref(self, dh_next, dc_next):   # independent (annotator's) LSTM cell backward, order f,g,i,o
    Wx, Wh, b = self.params
    x, h_prev, c_prev, i, f, g, o, c_next = self.cache
    tc = np.tanh(c_next); ds = dc_next + dh_next * o * (1 - tc ** 2)
    dA = np.hstack((ds * c_prev * f * (1 - f), ds * i * (1 - g ** 2), ds * g * i * (1 - i), dh_next * tc * o * (1 - o)))
    self.grads[0][...] = x.T @ dA; self.grads[1][...] = h_prev.T @ dA; self.grads[2][...] = dA.sum(axis=0)
    return dA @ Wx.T, dA @ Wh.T, ds * f

rng = np.random.default_rng(1)
N, T, D, H = 3, 4, 2, 3
EPS = 1e-6
def fd(f, X):
    g = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        o = X[idx]; X[idx] = o + EPS; p = f(); X[idx] = o - EPS; q = f(); X[idx] = o
        g[idx] = (p - q) / (2 * EPS)
    return g
def close(a, b, rtol=1e-5, atol=1e-7):
    a = np.asarray(a, dtype=float); b = np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=atol)
res = {}
def rec(line, ok): res[line] = res.get(line, True) and bool(ok)
def body(lo, hi, dedent=2):   # author's statements on lines lo..hi, tabs removed
    return "\n".join(l[dedent:] for l in LINES[lo - 1:hi])

# ---------------- RNN cell ----------------
Wx = rng.standard_normal((D, H)); Wh = rng.standard_normal((H, H)) * 0.5; b = rng.standard_normal(H)
x = rng.standard_normal((N, D)); h_prev = rng.standard_normal((N, H)); dh_next = rng.standard_normal((N, H))
tref = h_prev @ Wh + x @ Wx + b
loc = dict(np=np, x=x, h_prev=h_prev, Wx=Wx, Wh=Wh, b=b)
exec(body(18, 18), loc); rec(18, close(loc["t"], tref))
try:
    exec(body(19, 19), loc); rec(19, close(loc["h_next"], np.tanh(tref)))
except Exception as e:
    print("  line 19 raises:", type(e).__name__, e); rec(19, False)
Lc = lambda: np.sum(np.tanh(h_prev @ Wh + x @ Wx + b) * dh_next)
loc = dict(np=np, x=x, h_prev=h_prev, h_next=np.tanh(tref), Wx=Wx, Wh=Wh, b=b, dh_next=dh_next)
exec(body(28, 33), loc)
tt = tref.copy()
rec(28, close(loc["dt"], fd(lambda: np.sum(np.tanh(tt) * dh_next), tt)))
rec(29, close(loc["db"], fd(Lc, b))); rec(30, close(loc["dWh"], fd(Lc, Wh)))
rec(31, close(loc["dh_prev"], fd(Lc, h_prev))); rec(32, close(loc["dWx"], fd(Lc, Wx))); rec(33, close(loc["dx"], fd(Lc, x)))
ns = build()
cell = ns["RNN"](Wx, Wh, b); cell.forward(x, h_prev); cell.backward(dh_next)
rec(35, close(cell.grads[0], fd(Lc, Wx))); rec(36, close(cell.grads[1], fd(Lc, Wh))); rec(37, close(cell.grads[2], fd(Lc, b)))

# ---------------- TimeRNN ----------------
xs = rng.standard_normal((N, T, D)); h0 = rng.standard_normal((N, H)); R = rng.standard_normal((N, T, H))
def rnn_ref(h):
    hs = np.zeros((N, T, H))
    for t in range(T):
        h = np.tanh(h @ Wh + xs[:, t, :] @ Wx + b); hs[:, t, :] = h
    return hs
ok = True
try:
    ns65 = build(keep=(65,)); tr = ns65["TimeRNN"](Wx, Wh, b); hs = tr.forward(xs)
    ok = close(hs, rnn_ref(np.zeros((N, H))), 1e-5, 1e-6)
except Exception as e:
    print("  line 65 kept: forward raises", type(e).__name__, e); ok = False
rec(65, ok)
tr = ns["TimeRNN"](Wx, Wh, b); hs = tr.forward(xs)
rec(69, close(hs, rnn_ref(np.zeros((N, H))), 1e-5, 1e-6)); rec(70, close(hs, rnn_ref(np.zeros((N, H))), 1e-5, 1e-6))
LR = lambda: np.sum(rnn_ref(h0) * R)
FDx, FDWx, FDWh, FDb, FDh0 = fd(LR, xs), fd(LR, Wx), fd(LR, Wh), fd(LR, b), fd(LR, h0)
def run_timernn(nsx):
    tr = nsx["TimeRNN"](Wx, Wh, b, stateful=True); tr.set_state(h0.copy()); tr.forward(xs)
    dxs = tr.backward(R.copy()); return tr, dxs
tr, dxs = run_timernn(ns)
okx = close(dxs, FDx, 1e-4, 1e-5); okg = close(tr.grads[0], FDWx) and close(tr.grads[1], FDWh) and close(tr.grads[2], FDb)
rec(81, okx and okg); rec(85, okx and okg); rec(86, okx); rec(92, okg); rec(93, close(tr.dh, FDh0))
ok = True
try:
    tr, dxs = run_timernn(build(keep=(89,)))
    ok = close(tr.grads[0], FDWx) and close(tr.grads[1], FDWh) and close(tr.grads[2], FDb)
except Exception as e:
    print("  line 89 kept: backward raises", type(e).__name__, e); ok = False
# same line 89 with array accumulators (so it runs): shows the overwrite itself is wrong
tr, dxs = run_timernn(build(keep=(89,), extra={82: ("grads = [0, 0, 0]", "grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]")}))
ok2 = close(tr.grads[1], FDWh)
print("  line 89 with array accumulators: dWh matches FD?", ok2, " max|err| =", float(np.abs(tr.grads[1] - FDWh).max()))
rec(89, ok and ok2)

# ---------------- LSTM cell forward ----------------
Wx4 = rng.standard_normal((D, 4 * H)) * 0.7; Wh4 = rng.standard_normal((H, 4 * H)) * 0.5; b4 = rng.standard_normal(4 * H) * 0.5
c_prev = rng.standard_normal((N, H))
def cell_ref(x, h, c):   # independent: per-gate blocks (order f, g, i, o)
    blk = lambda k: x @ Wx4[:, k * H:(k + 1) * H] + h @ Wh4[:, k * H:(k + 1) * H] + b4[k * H:(k + 1) * H]
    af, ag, ai, ao = blk(0), blk(1), blk(2), blk(3)
    f, g, i, o = sig(af), np.tanh(ag), sig(ai), sig(ao)
    c2 = f * c + g * i
    return o * np.tanh(c2), c2, (af, ag, ai, ao), (f, g, i, o)
h_r, c_r, pre, act = cell_ref(x, h_prev, c_prev)
loc = dict(np=np, sigmoid=sig, x=x, h_prev=h_prev, c_prev=c_prev, Wx=Wx4, Wh=Wh4, b=b4, H=H)
exec(body(111, 111), loc); rec(111, close(loc["A"], np.hstack(pre)))
exec(body(114, 117), loc)
for ln, k, nm in ((114, 0, "f"), (115, 1, "g"), (116, 2, "i"), (117, 3, "o")): rec(ln, close(loc[nm], pre[k]))
exec(body(119, 122), loc)
for ln, k, nm in ((119, 0, "f"), (120, 1, "g"), (121, 2, "i"), (122, 3, "o")): rec(ln, close(loc[nm], act[k]))
exec(body(124, 125), loc); rec(124, close(loc["c_next"], c_r)); rec(125, close(loc["h_next"], h_r))

# ---------------- TimeLSTM ----------------
def lstm_ref(h, c):
    hs = np.zeros((N, T, H))
    for t in range(T):
        h, c, _, _ = cell_ref(xs[:, t, :], h, c); hs[:, t, :] = h
    return hs
tl = ns["TimeLSTM"](Wx4, Wh4, b4); hs = tl.forward(xs)
okf = close(hs, lstm_ref(np.zeros((N, H)), np.zeros((N, H))), 1e-5, 1e-6)
for ln in (154, 156, 160, 161): rec(ln, okf)
c0 = rng.standard_normal((N, H))
LL = lambda: np.sum(lstm_ref(h0, c0) * R)
G = {"x": fd(LL, xs), "Wx": fd(LL, Wx4), "Wh": fd(LL, Wh4), "b": fd(LL, b4), "h0": fd(LL, h0)}
def run_timelstm(nsx):
    tl = nsx["TimeLSTM"](Wx4, Wh4, b4, stateful=True); tl.set_state(h0.copy(), c0.copy()); tl.forward(xs)
    dxs = tl.backward(R.copy()); return tl, dxs
def checks(tl, dxs):
    return (close(dxs, G["x"], 1e-4, 1e-5), close(tl.grads[0], G["Wx"]), close(tl.grads[1], G["Wh"]),
            close(tl.grads[2], G["b"]), close(tl.dh, G["h0"]))
cx, cwx, cwh, cb, ch = checks(*run_timelstm(ns))
rec(172, cx and cwx and cwh and cb and ch); rec(177, cx and cwx and cwh and cb and ch)
rec(180, cwx and cwh and cb); rec(183, cwx and cwh and cb); rec(184, ch)
cx, *_ = checks(*run_timelstm(build(keep=(178,)))); rec(178, cx)
print("  line 178 kept: dxs matches FD?", cx)
_, cwx, cwh, cb, ch = checks(*run_timelstm(build(keep=(185,)))); rec(185, cwx and cwh and cb)
print("  line 185 kept: dWx/dWh/db match FD?", cwx, cwh, cb)

exp = json.load(open(os.path.join(HERE, "expected.json")))["yydevelop_zero_deep2_rnn_lstm.md"]
bad = 0
for l in sorted(set(res) | set(int(k) for k in exp)):
    st = "OK" if res.get(l) else ("MISMATCH" if l in res else "UNCHECKED")
    e = exp.get(str(l), {}).get("expected", "NOT-ANNOTATED")
    agree = (st == "OK" and e == "pass") or (st == "MISMATCH" and e == "fail")
    bad += not agree
    print(f"{l:4d} {st:9s} expected={e:5s} agree={'yes' if agree else 'NO'}")
print("ALL AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
sys.exit(bad != 0)
