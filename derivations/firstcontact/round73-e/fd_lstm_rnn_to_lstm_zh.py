"""Finite-difference check of lstm_rnn_to_lstm_zh.md (numpy only).

1. The python block of the note (class LSTMBackpropAnalysis) is extracted and executed as written.
   backward_step computes dWf..dWo but does not return them, so its locals are captured
   at return time (sys.settrace) and compared with central differences.
2. The RNN Jacobian rows (lines 14, 18, 158) and the LSTM summary row (line 162) are checked
   numerically.
"""
import numpy as np, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
md = open(os.path.join(here, "lstm_rnn_to_lstm_zh.md"), encoding="utf-8").read()
code = re.search(r"```python\n(.*?)```", md, re.S).group(1)
ns = {}
exec(code, ns)
LSTM = ns["LSTMBackpropAnalysis"]

rng = np.random.default_rng(3)
eps = 1e-6
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
def row(name, good):
    print(f"{name:60s} {'AGREES' if good else 'DISAGREES'}")

def fd(f, M):
    g = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        old = M[idx]
        M[idx] = old + eps; p = f()
        M[idx] = old - eps; m = f()
        M[idx] = old; g[idx] = (p - m) / (2 * eps)
    return g

def capture_locals(fn, *args):
    store = {}
    def tracer(frame, event, arg):
        if frame.f_code is fn.__func__.__code__:
            def local(frame, event, arg):
                if event == "return":
                    store.update(frame.f_locals)
                return local
            return local
        return None
    sys.settrace(tracer)
    try:
        out = fn(*args)
    finally:
        sys.settrace(None)
    return out, store

# ---------------- 1. one LSTM step, code rows 82-149 ----------------
I, H = 3, 4
net = LSTM(I, H)
for n in ("bf", "bi", "bc", "bo"):
    setattr(net, n, rng.normal(size=(H, 1)))
for n in ("Wf", "Wi", "Wc", "Wo"):
    setattr(net, n, rng.normal(size=(H, H + I)))
x = rng.normal(size=(I, 1)); h0 = rng.normal(size=(H, 1)); c0 = rng.normal(size=(H, 1))
Gh = rng.normal(size=(H, 1)); Gc = rng.normal(size=(H, 1))

row("L82 sigmoid (np.where form) = 1/(1+exp(-x))", ok(net.sigmoid(np.array([-3.0, 0.2, 4.0])), 1 / (1 + np.exp(-np.array([-3.0, 0.2, 4.0])))))

def L():
    h, c, _ = net.forward_step(x, h0, c0)
    return float(np.sum(Gh * h) + np.sum(Gc * c))

h, c, cache = net.forward_step(x, h0, c0)
(dh_prev, dc_prev, dx), loc = capture_locals(net.backward_step, Gh, Gc, cache)
row("L148 dh_prev vs FD", ok(dh_prev, fd(L, h0)))
row("L130 dc_prev = dc_total * f vs FD", ok(dc_prev, fd(L, c0)))
row("L149 dx vs FD", ok(dx, fd(L, x)))
for name, W in (("dWf", "Wf"), ("dWi", "Wi"), ("dWc", "Wc"), ("dWo", "Wo")):
    row(f"L137-140 {name} (precedence ((a*b)*c) @ concat.T) vs FD", ok(loc[name], fd(L, getattr(net, W))))
# intermediate rows against FD wrt the gate values
f_, i_, ct_, o_ = cache['f'], cache['i'], cache['c_tilde'], cache['o']
def Lg(f, i, ct, o):
    cc = f * c0 + i * ct
    return float(np.sum(Gh * o * np.tanh(cc)) + np.sum(Gc * cc))
ff, ii, cct, oo = f_.copy(), i_.copy(), ct_.copy(), o_.copy()
row("L122 do = dh * tanh_c (dL/do, post-activation) vs FD", ok(loc['do'], fd(lambda: Lg(ff, ii, cct, oo), oo)))
row("L129 df = dc_total * c_prev vs FD", ok(loc['df'], fd(lambda: Lg(ff, ii, cct, oo), ff)))
row("L133 di = dc_total * c_tilde vs FD", ok(loc['di'], fd(lambda: Lg(ff, ii, cct, oo), ii)))
row("L134 dc_tilde = dc_total * i vs FD", ok(loc['dc_tilde'], fd(lambda: Lg(ff, ii, cct, oo), cct)))
cc0 = cache['c'].copy()
Lc = lambda: float(np.sum(Gh * o_ * np.tanh(cc0)) + np.sum(Gc * cc0))
row("L123+L126 dc_total = dc + dh*o*(1-tanh^2) vs FD wrt c", ok(loc['dc_total'], fd(Lc, cc0)))

# ---------------- 2a. RNN Jacobian rows 14, 18, 158 ----------------
Hn, Dn, T = 4, 3, 5
Whh = rng.normal(size=(Hn, Hn)) * 0.8; Wxh = rng.normal(size=(Hn, Dn)); xs = rng.normal(size=(T + 1, Dn))
step = lambda hp, k: np.tanh(Whh @ hp + Wxh @ xs[k])
def jac(fun, v):
    J = np.zeros((fun(v).size, v.size))
    for j in range(v.size):
        e = np.zeros_like(v); e[j] = eps
        J[:, j] = (fun(v + e) - fun(v - e)) / (2 * eps)
    return J
hs = [rng.normal(size=Hn) * 0.5]
for k in range(2, T + 1):
    hs.append(step(hs[-1], k))             # hs[0] = h_1, hs[k-1] = h_k
Jk = jac(lambda v: step(v, 2), hs[0])       # numerator layout: J[i, j] = dh_2[i]/dh_1[j]
M = lambda k: Whh.T @ np.diag(1 - hs[k - 1] ** 2)   # author's line 18 for step k
row("L18 W_hh^T diag(1-h_k^2) == J^T (denominator layout)", ok(M(2), Jk.T))
row("    W_hh^T diag(1-h_k^2) == J (numerator layout)", ok(M(2), Jk))
def hT_from_h1(v):
    h = v
    for k in range(2, T + 1):
        h = step(h, k)
    return h
JT = jac(hT_from_h1, hs[0])
prodM = np.eye(Hn)
for k in range(2, T + 1):
    prodM = prodM @ M(k)
row("L158 prod_{t=2..T} W^T diag(1-h_t^2) (ascending) == (dh_T/dh_1)^T", ok(prodM, JT.T))
g = rng.normal(size=Hn)                      # L = g . h_T
dL_dh1 = g @ JT
Jsteps = [jac(lambda v, k=k: step(v, k), hs[k - 2]) for k in range(2, T + 1)]
desc = np.eye(Hn)
for J in reversed(Jsteps):
    desc = desc @ J
row("L14 dL/dh_T . prod dh_k/dh_{k-1} (numerator, descending)", ok(g @ desc, dL_dh1))
row("    same with author's L18 factors, row g on the left", ok(g @ prodM, dL_dh1))

# ---------------- 2b. LSTM row 162: dC_T/dC_1 = prod f_t ----------------
T2 = 5
xs2 = [rng.normal(size=(I, 1)) for _ in range(T2 + 1)]
h1, c1, cache1 = net.forward_step(xs2[1], h0, c0)   # step 1 gives C_1, h_1 = o_1 * tanh(C_1)
o1 = cache1['o']
h_orig = [h1]                                       # hidden states of the unperturbed run
_C = c1
for k in range(2, T2 + 1):
    _h, _C, _ = net.forward_step(xs2[k], h_orig[-1], _C)
    h_orig.append(_h)
def CT_from_C1(v, truncated=False):
    C = v.reshape(H, 1); h = h1 if truncated else o1 * np.tanh(C)
    fs = []
    for k in range(2, T2 + 1):
        if truncated:
            h = h_orig[k - 2]                       # h_{k-1} held at its value: no path C -> h
        h, C, ca = net.forward_step(xs2[k], h, C)
        fs.append(ca['f'])
    return C.ravel(), fs
JC = jac(lambda v: CT_from_C1(v)[0], c1.ravel())
JC_trunc = jac(lambda v: CT_from_C1(v, truncated=True)[0], c1.ravel())
_, fs = CT_from_C1(c1.ravel())
prod_f = np.diag(np.prod(np.hstack(fs), axis=1))
row("L41 dC_t/dC_{t-1} (h_{t-1} held fixed) == diag(f_t)", ok(jac(lambda v: net.forward_step(xs2[2], h1, v.reshape(H, 1))[1].ravel(), c1.ravel()), np.diag(fs[0].ravel())))
row("L162 dC_T/dC_1 == prod f_t (full Jacobian)", ok(prod_f, JC))
row("    prod f_t == Jacobian with h_t cut off from C_t (truncated)", ok(prod_f, JC_trunc))
