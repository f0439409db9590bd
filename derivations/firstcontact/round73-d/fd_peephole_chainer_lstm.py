"""Finite-difference check of peephole_chainer_lstm.py (numpy only).

chainer is not installed: tiny stub modules (cuda.get_array_module -> numpy,
function.Function -> object) are registered so that the transcribed file itself
is executed unchanged.  One cell step maps (c_prev, x, W, b) -> (c, h); the
scalar L = sum(Gc * c) + sum(Gh * h) is differentiated by central differences and
compared with the author's backward(inputs, (Gc, Gh)).  The docstring rows for
gWci / gWcf (lines 111-112, "gi[t] * c[t]") are evaluated as written and
compared too.
"""
import sys, types
import numpy as np

chainer = types.ModuleType("chainer")
cuda = types.ModuleType("chainer.cuda"); cuda.get_array_module = lambda *a: np
function = types.ModuleType("chainer.function"); function.Function = object
utils = types.ModuleType("chainer.utils"); type_check = types.ModuleType("chainer.utils.type_check")
chainer.cuda, chainer.function, chainer.utils, utils.type_check = cuda, function, utils, type_check
sys.modules.update({"chainer": chainer, "chainer.cuda": cuda, "chainer.function": function,
                    "chainer.utils": utils, "chainer.utils.type_check": type_check})

ns = {}
exec(open(__file__.replace("fd_", "")).read(), ns)
LSTMPeephole, _extract_gates, _extract_gates_ph = ns["LSTMPeephole"], ns["_extract_gates"], ns["_extract_gates_ph"]

rng = np.random.default_rng(2)
N, U = 3, 4
c_prev = rng.normal(size=(N, U))
x = rng.normal(size=(N, 4 * U))          # pre-activations of a, i, f, o (interleaved, chainer layout)
W = rng.normal(size=(1, 3 * U))          # peephole weights Wci, Wcf, Wco (interleaved)
b = rng.normal(size=(1, 3 * U))          # peephole-side biases bci, bcf, bco
Gc, Gh = rng.normal(size=(N, U)), rng.normal(size=(N, U))


def L(cp, xx, WW, bb):
    c, h = LSTMPeephole().forward((cp, xx, WW, bb))
    return float(np.sum(Gc * c) + np.sum(Gh * h))


def fd(f, X, eps=1e-6):
    G = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        Xp = X.copy(); Xp[i] += eps
        Xm = X.copy(); Xm[i] -= eps
        G[i] = (f(Xp) - f(Xm)) / (2 * eps)
    return G


def report(label, a, b_):
    ok = np.allclose(a, b_, rtol=1e-5, atol=1e-7)
    print(f"  {label:64s} {'AGREE' if ok else 'DIFFER'}  (max |diff| = {np.max(np.abs(a - b_)):.2e})")


fn = LSTMPeephole()
fn.forward((c_prev, x, W, b))
gc_prev, gx, gW, gb = fn.backward((c_prev, x, W, b), (Gc, Gh))

fd_c = fd(lambda X: L(X, x, W, b), c_prev)
fd_x = fd(lambda X: L(c_prev, X, W, b), x)
fd_W = fd(lambda X: L(c_prev, x, X, b), W)
fd_b = fd(lambda X: L(c_prev, x, W, X), b)

print("=== one peephole-LSTM step, L = sum(Gc*c) + sum(Gh*h) ===")
ga, gi, gf, go = _extract_gates(gx)
fa, fi, ff, fo = _extract_gates(fd_x)
report("go  (line 124, [1]) = dL/d o pre-activation", go, fo)
report("ga  (line 126, [3]) = dL/d a pre-activation", ga, fa)
report("gi  (line 127, [4]) = dL/d i pre-activation", gi, fi)
report("gf  (line 128, [5]) = dL/d f pre-activation", gf, ff)
report("gc_prev (lines 125, 129, 130: [2.1],[2.2],[2.3]) = dL/dc_prev", gc_prev, fd_c)
gWci, gWcf, gWco = _extract_gates_ph(gW)
fWci, fWcf, fWco = _extract_gates_ph(fd_W)
report("gWci (line 132, gi*c_prev)", gWci, fWci)
report("gWcf (line 133, gf*c_prev)", gWcf, fWcf)
report("gWco (line 134, go*c)", gWco, fWco)
gbci, gbcf, gbco = _extract_gates_ph(gb)
fbci, fbcf, fbco = _extract_gates_ph(fd_b)
report("gbci, gbcf, gbco (lines 136-138)", np.stack([gbci, gbcf, gbco]), np.stack([fbci, fbcf, fbco]))

# the docstring rows 111-113 as written: gWc* += g* * c[t]  (c[t] = fn.c)
print("=== docstring rows of the backward (lines 111-113) ===")
report("docstring gWci += gi[t] * c[t]   (line 111)", (gi * fn.c).sum(0, keepdims=True), fWci)
report("docstring gWcf += gf[t] * c[t]   (line 112)", (gf * fn.c).sum(0, keepdims=True), fWcf)
report("docstring gWco += go[t] * c[t]   (line 113)", (go * fn.c).sum(0, keepdims=True), fWco)

# docstring [1]-[5] use derivatives at pre-activations; check they equal the output-based code forms
sig = lambda v: 1 / (1 + np.exp(-v))
a_, i_, f_, o_ = _extract_gates(x)
Wci, Wcf, Wco = _extract_gates_ph(W); bci, bcf, bco = _extract_gates_ph(b)
xi, xf = i_ + Wci * c_prev + bci, f_ + Wcf * c_prev + bcf
xo = o_ + Wco * fn.c + bco
ds = lambda v: sig(v) * (1 - sig(v))
dt = lambda v: 1 - np.tanh(v) ** 2
go_doc = ds(xo) * Gh * np.tanh(fn.c)
gc_doc = Gh * fn.o * dt(fn.c) + Gc + go_doc * Wco
report("docstring [1] go = sigmoid'(xo) gh tanh(c)  (line 101)", go_doc, fo)
report("docstring [3] ga = gc i tanh'(a)            (line 105)", gc_doc * fn.i * dt(a_), fa)
report("docstring [4] gi = gc tanh(a) sigmoid'(xi)  (line 106)", gc_doc * np.tanh(a_) * ds(xi), fi)
report("docstring [5] gf = gc c[t-1] sigmoid'(xf)   (line 107)", gc_doc * c_prev * ds(xf), ff)
gi_doc, gf_doc = gc_doc * np.tanh(a_) * ds(xi), gc_doc * c_prev * ds(xf)
report("docstring [2.1]-[2.3] gc*f + gi Wic + gf Wfc (lines 102-109)", gc_doc * fn.f + gi_doc * Wci + gf_doc * Wcf, fd_c)

# forward docstring (lines 50-54) vs code (lines 62-67): same numbers
c_doc = sig(xf) * c_prev + sig(xi) * np.tanh(a_)
h_doc = sig(o_ + Wco * c_doc + bco) * np.tanh(c_doc)
c_code, h_code = LSTMPeephole().forward((c_prev, x, W, b))
report("forward docstring (lines 50-54) == forward code (lines 62-67)", np.stack([c_doc, h_doc]), np.stack([c_code, h_code]))
