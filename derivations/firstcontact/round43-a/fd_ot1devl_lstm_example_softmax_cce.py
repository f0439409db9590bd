"""Finite-difference check of ot1devl_lstm_example_softmax_cce.md (numpy only).

The notebook cells are exec'd from the Markdown fences (matplotlib import line skipped; sizes shrunk
after the size cells run).  Helpers are checked against central differences; backward_cell's
locals are checked against central differences of the one-step local loss
    l = sum(dh * h_t) + sum(dc_next * c_t);
backward() is checked against central differences of the author's own sequence loss
    L = CCE(y, Y) = np.mean(-y * log(Y)),  Y[t] = softmax(h_t DenseW + Denseb),
once with the author's CCE(derv=True) and once with a CCE whose derv branch is the exact gradient
(y_pred - y) / y.size, so that the lines of backward() are judged with right upstream values.
"""
import sys, os, json, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "ot1devl_lstm_example_softmax_cce.md"
L = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
expected = json.load(open(os.path.join(HERE, "expected.json")))[NAME]

# --- fences, with md line numbers ---
fences = []
i = 0
while i < len(L):
    if L[i] == "```python":
        j = L.index("```", i + 1)
        fences.append((i + 2, L[i + 1:j]))   # md line of first code line
        i = j + 1
    else:
        i += 1

ns = {}
for first, body in fences:
    text = "\n".join("" if l.startswith("import matplotlib") else l for l in body)
    # keep md line numbers in tracebacks / f_lineno
    exec(compile("\n" * (first - 1) + text, NAME, "exec"), ns)
    if "seq_length = 20" in text:
        ns["embedding_dim"], ns["vocab_size"] = 3, 4
    if "HIDDEN_SIZE = 50" in text:
        ns["HIDDEN_SIZE"] = 5
rng = np.random.default_rng(1)
# re-draw all weights with a fixed generator (same shapes as the notebook's init)
for k in ["Uf", "Wf", "bf", "Ui", "Wi", "bi", "Uo", "Wo", "bo", "Ug", "Wg", "bg", "DenseW", "Denseb"]:
    ns[k][...] = rng.normal(0, 0.5, ns[k].shape)
I_, H_, V_ = ns["INPUT_SIZE"], ns["HIDDEN_SIZE"], ns["OUTPUT_SIZE"]
assert (I_, H_, V_) == (3, 5, 4)

def line(text):
    hits = [k + 1 for k, l in enumerate(L) if l.strip() == text.strip()]
    assert len(hits) == 1, (text, hits)
    return hits[0]

def num_grad(f, x, eps=1e-6):
    g = np.zeros_like(x, dtype=float)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps; fp = f()
        x[idx] = old - eps; fm = f()
        x[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

def close(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)

results = {}
def rec(md_line, ok):
    results[md_line] = "pass" if ok else "fail"

sig = lambda z: 1 / (1 + np.exp(-z))

# ---------------- helpers ----------------
z = rng.normal(size=(1, 6))
ones = lambda f: (lambda: float(np.sum(f())))
rec(line("if derv: return 1 - np.tanh(x)**2"), close(ns["tanh"](z, derv=True), num_grad(ones(lambda: np.tanh(z)), z)))
rec(line("return 1 - x**2"), close(ns["derv_tanh"](np.tanh(z)), num_grad(ones(lambda: np.tanh(z)), z)))
hits = [k + 1 for k, l in enumerate(L) if l.strip() == "if derv: return s * (1 - s)"]
assert len(hits) == 2
sig_derv_line, soft_derv_line = hits
rec(sig_derv_line, close(ns["sigmoid"](z, derv=True), num_grad(ones(lambda: sig(z)), z)))
rec(line("return x * (1 - x)"), close(ns["derv_sigmoid"](sig(z)), num_grad(ones(lambda: sig(z)), z)))
rec(line("s = x_exp / np.sum(x_exp, axis=1, keepdims=True)"),
    close(ns["softmax"](z), np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)))
# softmax derivative helper: used as dL/dz = dL/ds * derv; compare with the true vector-Jacobian product
gs = rng.normal(size=z.shape)
true_vjp = num_grad(lambda: float(np.sum(gs * np.exp(z) / np.exp(z).sum(axis=1, keepdims=True))), z)
rec(soft_derv_line, close(gs * ns["softmax"](z, derv=True), true_vjp))
# CCE + softmax derivative w.r.t. the logits, one row (1, V) as called in backward
zz = rng.normal(size=(1, V_)); yy = np.eye(V_)[[2]]
p = ns["softmax"](zz)
true_dz = num_grad(lambda: float(ns["CCE"](yy, ns["softmax"](zz))), zz)
rec(line("if derv: return y_pred-y # CCE + softmax"), close(ns["CCE"](yy, p, derv=True), true_dz))
print("CCE derv / exact gradient ratio:", float(np.mean(ns["CCE"](yy, p, derv=True) / true_dz)))
yb = np.eye(V_)[rng.integers(0, V_, 3)]; pb = ns["softmax"](rng.normal(size=(3, V_)))
rec(line("return np.mean(-y*np.log(y_pred+1e-8))"),
    abs(ns["CCE"](yb, pb) - (-(yb * np.log(pb)).sum() / yb.size)) < 1e-6)

# ---------------- forward_cell ----------------
P = lambda k: ns[k]
xt = rng.normal(size=(1, I_)); hp = rng.normal(size=(1, H_)); cp = rng.normal(size=(1, H_))
ht, ct, gt, ot, it, ft = ns["forward_cell"](xt, hp, cp)
af = xt @ P("Uf") + hp @ P("Wf") + P("bf"); ai = xt @ P("Ui") + hp @ P("Wi") + P("bi")
ao = xt @ P("Uo") + hp @ P("Wo") + P("bo"); ag = xt @ P("Ug") + hp @ P("Wg") + P("bg")
rec(line("ft = sigmoid(xt @ Uf + h_prev @ Wf + bf)"), close(ft, sig(af)))
rec(line("it = sigmoid(xt @ Ui + h_prev @ Wi + bi)"), close(it, sig(ai)))
rec(line("ot = sigmoid(xt @ Uo + h_prev @ Wo + bo)"), close(ot, sig(ao)))
rec(line("candt = tanh(xt @ Ug + h_prev @ Wg + bg)"), close(gt, np.tanh(ag)))
rec(line("ct = ft * c_prev + it * candt"), close(ct, sig(af) * cp + sig(ai) * np.tanh(ag)))
rec(line("ht = tanh(ct) * ot"), close(ht, np.tanh(ct) * sig(ao)))

# ---------------- backward_cell (one step) ----------------
def step(x, h, c, e=None, W=None):
    e = e or {}; W = W or {}
    q = lambda k: W.get(k, ns[k])
    zz_ = lambda k: e.get(k, 0.0)
    x = x + zz_("x"); c = c + zz_("c_prev")
    hf, hi, ho, hg = (h + zz_("h_prev") for _ in range(4))
    a_f = x @ q("Uf") + hf @ q("Wf") + q("bf") + zz_("af")
    a_i = x @ q("Ui") + hi @ q("Wi") + q("bi") + zz_("ai")
    a_o = x @ q("Uo") + ho @ q("Wo") + q("bo") + zz_("ao")
    a_g = x @ q("Ug") + hg @ q("Wg") + q("bg") + zz_("ag")
    f = sig(a_f) + zz_("f"); i = sig(a_i) + zz_("i"); o = sig(a_o) + zz_("o"); g = np.tanh(a_g) + zz_("g")
    cn = f * c + i * g + zz_("c")
    hn = (np.tanh(cn + zz_("c_h")) + zz_("tanh_c")) * o
    return hn, cn

dh = rng.normal(size=(1, H_)); dcn = rng.normal(size=(1, H_))
loc = {}
def tracer(frame, event, arg):
    if frame.f_code is ns["backward_cell"].__code__:
        def lt(fr, ev, a):
            if ev == "return":
                loc.update(fr.f_locals)
            return lt
        return lt
sys.settrace(tracer)
ns["backward_cell"](xt, hp, cp, ct, gt, ot, it, ft, dh, dcn)
sys.settrace(None)

def ell(e=None, W=None):
    hn, cn = step(xt, hp, cp, e, W)
    return float(np.sum(dh * hn) + np.sum(dcn * cn))
def dnode(k, shape=(1, H_)):
    v = np.zeros(shape)
    return num_grad(lambda: ell({k: v}), v)
def dpar(k):
    W = ns[k].copy()
    return num_grad(lambda: ell(W={k: W}), W)

checks = [("d_ot = dh * tanh(c_current)", "d_ot", dnode("o")),
          ("d_tanh_c = dh * ot", "d_tanh_c", dnode("tanh_c")),
          ("d_c_from_h = d_tanh_c * tanh(c_current, derv=True)", "d_c_from_h", dnode("c_h")),
          ("dct = d_c_from_h + dc_next", "dct", dnode("c")),
          ("d_ft = dct * c_prev", "d_ft", dnode("f")),
          ("d_it = dct * candt", "d_it", dnode("i")),
          ("d_candt = dct * it_gate", "d_candt", dnode("g")),
          ("d_ft_pre = d_ft * derv_sigmoid(ft_gate)", "d_ft_pre", dnode("af")),
          ("d_it_pre = d_it * derv_sigmoid(it_gate)", "d_it_pre", dnode("ai")),
          ("d_ot_pre = d_ot * derv_sigmoid(ot)", "d_ot_pre", dnode("ao")),
          ("d_candt_pre = d_candt * derv_tanh(candt)", "d_candt_pre", dnode("ag")),
          ("dx_t = (d_ft_pre @ Uf.T +", "dx_t", dnode("x", (1, I_))),
          ("dh_prev = (d_ft_pre @ Wf.T +", "dh_prev", dnode("h_prev")),
          ("dc_prev = dct * ft_gate", "dc_prev", dnode("c_prev"))]
for g_, (pre, gate) in {"f": ("d_ft_pre", "ft"), "i": ("d_it_pre", "it"), "o": ("d_ot_pre", "ot"), "g": ("d_candt_pre", "gt")}.items():
    G = g_.upper() if False else g_
    checks += [("dU%st = xt.T @ %s" % (g_, pre), "dU%st" % g_, dpar("U" + g_)),
               ("dW%st = h_prev.T @ %s" % (g_, pre), "dW%st" % g_, dpar("W" + g_)),
               ("db%st = np.sum(%s, axis=0, keepdims=True)" % (g_, pre), "db%st" % g_, dpar("b" + g_))]
for text, var, want in checks:
    rec(line(text), close(loc[var], want))

# ---------------- backward (whole sequence) ----------------
T = 3
x = rng.normal(size=(T, I_)); y = np.eye(V_)[rng.integers(0, V_, T)]
names = ["Uf", "Wf", "bf", "Ui", "Wi", "bi", "Uo", "Wo", "bo", "Ug", "Wg", "bg", "DenseW", "Denseb"]
def Lseq():
    h = np.zeros((1, H_)); c = np.zeros((1, H_)); Y = np.zeros((T, V_))
    for t in range(T):
        h, c = step(x[t:t + 1], h, c)
        Y[t] = (lambda s: np.exp(s) / np.exp(s).sum())(h @ ns["DenseW"] + ns["Denseb"])
    return float(np.mean(-y * np.log(Y + 1e-8)))
truth = {k: num_grad(Lseq, ns[k]) for k in names}
xv = x
truth_dx = num_grad(Lseq, xv)

def run_backward():
    Y, Hs, Cs, O, I, F, Cand = ns["forward"](x)
    dx, grads = ns["backward"](x, y, Y, Hs, Cs, O, I, F, Cand, learn=False)
    return dx, dict(zip(names, grads))

dx_a, g_a = run_backward()
# forward() lines: H, C, Y against the independent step()
Yf, Hf, Cf = ns["forward"](x)[:3]
h = np.zeros((1, H_)); c = np.zeros((1, H_)); okH = okY = True
for t in range(T):
    h, c = step(x[t:t + 1], h, c)
    okH &= close(Hf[t + 1], h) and close(Cf[t + 1], c)
    s_ = h @ ns["DenseW"] + ns["Denseb"]
    okY &= close(Yf[t], (np.exp(s_) / np.exp(s_).sum())[0])
rec(line("H[t+1], C[t+1], candt, ot, it, ft = forward_cell(x[t], H[t], C[t])"), okH)
rec(line("Y[t] = softmax(H[t+1] @ DenseW + Denseb)"), okY)
ratio = np.mean([np.mean(g_a[k] / truth[k]) for k in ["DenseW", "Uf"]])
print("author's backward / exact gradient ratio (expect V=%d): %.4f" % (V_, ratio))
orig_CCE = ns["CCE"]
def CCE_exact(y, y_pred, derv=False):
    if derv:
        return (y_pred - y) / y.size
    return orig_CCE(y, y_pred)
ns["CCE"] = CCE_exact
dx_c, g_c = run_backward()
ns["CCE"] = orig_CCE
ok = {k: close(g_c[k], truth[k]) for k in names}
print("with exact CCE gradient:", ok)
print("dx returned / exact dL/dx (not divided by T):", float(np.mean(dx_c / truth_dx)))
allok = all(ok.values())
rec(line("dEdy = CCE(yt, outp, derv=True)"), allok)
rec(line("dDenseW += h_t.T @ dEdy"), ok["DenseW"])
rec(line("dDenseb += np.sum(dEdy, axis=0, keepdims=True)"), ok["Denseb"])
rec(line("dh = dEdy @ DenseW.T + dh_next"), all(ok[k] for k in names[:12]))
rec(line("(dUf_t, dWf_t, dbf_t,"), all(ok[k] for k in names[:12]))
for g_ in "fiog":
    rec(line("dU%s += dU%s_t; dW%s += dW%s_t; db%s += db%s_t" % ((g_,) * 6)), all(ok[k + g_] for k in "UWb"))
    rec(line("dU%s /= T; dW%s /= T; db%s /= T" % ((g_,) * 3)), all(ok[k + g_] for k in "UWb"))
rec(line("dDenseW /= T; dDenseb /= T"), ok["DenseW"] and ok["Denseb"])

bad = 0
for ln in sorted(set(results) | set(int(k) for k in expected)):
    exp = expected.get(str(ln), {}).get("expected"); got = results.get(ln)
    bad += exp != got
    print(ln, "OK" if exp == got else "MISMATCH", "(computed %s, expected %s)" % (got, exp))
print("all verdicts agree" if bad == 0 else "%d disagreements" % bad)
