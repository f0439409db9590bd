"""Finite-difference check of cs5242_student_rnn_prevstate.md (numpy only).

The two code fences are executed (with stub modules for the framework imports `layers.Layer` and
`utils.tools.Guassian`, which are not part of the excerpt).  The cell is checked with its own inputs; RNN.backward is
checked as written (line 155) and, to judge the other lines locally, once more with line 155's second input replaced by
the previous state (the method text is taken from the .md and only that expression is substituted).
"""
import json, os, sys, textwrap, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "cs5242_student_rnn_prevstate.md"
LINES = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]


def line(n):
    return LINES[n - 1]


def need(n, text):
    assert text in line(n), (n, line(n), text)


def fences():
    out, cur, inside = [], [], False
    for l in LINES:
        if l.startswith("```python"):
            inside, cur = True, []
        elif l.startswith("```") and inside:
            inside = False
            out.append("\n".join(cur))
        elif inside:
            cur.append(l)
    return out


# stubs for the assignment framework
layers_mod = types.ModuleType("layers")


class Layer(object):
    def __init__(self, name=None):
        self.name = name


layers_mod.Layer = Layer
sys.modules["layers"] = layers_mod
utils = types.ModuleType("utils"); tools = types.ModuleType("utils.tools")


class Guassian(object):
    def __init__(self, mean=0, std=0.5):
        self.mean, self.std = mean, std

    def initialize(self, shape):
        return np.random.normal(self.mean, self.std, shape)


tools.Guassian = Guassian; tools.__all__ = ["Guassian"]; utils.tools = tools
sys.modules["utils"] = utils; sys.modules["utils.tools"] = tools

F = fences()
mod = types.ModuleType("rnn_layers")
exec(F[0] + "\n\n" + F[1], mod.__dict__)
RNNCell, RNN = mod.RNNCell, mod.RNN

np.random.seed(5)
EPS = 1e-6


def num_grad(f, x):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + EPS; fp = f()
        x[i] = old - EPS; fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * EPS)
    return g


def close(a, b, tol=1e-5):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)


checks = {}
N, T, D, H = 3, 5, 4, 6

# ------------------------------------------------------------------ cell
for n, t in ((47, "inter = np.dot(prev_h, self.recurrent_kernel)"), (48, "outputs = np.tanh(inter)"),
             (68, "next_h = self.forward([x, prev_h])"), (70, "a_grad = (1 - next_h**2) * in_grads"),
             (73, "x_grad = np.dot(np.nan_to_num(a_grad), self.kernel.T)"),
             (74, "self.kernel_grad = np.dot(np.nan_to_num(x.T), np.nan_to_num(a_grad))"),
             (77, "da_prev = np.dot(np.nan_to_num(a_grad), np.nan_to_num(self.recurrent_kernel.T))"),
             (78, "self.r_kernel_grad = np.dot(np.nan_to_num(prev_h.T), np.nan_to_num(a_grad))"),
             (80, "self.b_grad = np.sum(np.nan_to_num(a_grad.T), 1, keepdims=False)")):
    need(n, t)
cell = RNNCell(D, H)
cell.bias = np.random.standard_normal(H) * 0.3
x = np.random.standard_normal((N, D)); hp = np.random.standard_normal((N, H)); G = np.random.standard_normal((N, H))
Wx, Wh, b = cell.kernel.copy(), cell.recurrent_kernel.copy(), cell.bias.copy()
pre = hp @ Wh + x @ Wx + b
out = cell.forward([x, hp])
checks[47] = close(np.arctanh(out), pre)
checks[48] = close(out, np.tanh(pre))
ns = {"np": np, "self": cell, "x": x, "prev_h": hp, "in_grads": G}
exec(line(68).strip(), ns); checks[68] = close(ns["next_h"], np.tanh(pre))
exec(line(70).split("#")[0].strip(), ns)
PRE = pre.copy(); checks[70] = close(ns["a_grad"], num_grad(lambda: np.sum(G * np.tanh(PRE)), PRE))
A = dict(x=x.copy(), hp=hp.copy(), Wx=Wx.copy(), Wh=Wh.copy(), b=b.copy())
Lc = lambda: np.sum(G * np.tanh(A["hp"] @ A["Wh"] + A["x"] @ A["Wx"] + A["b"]))
dx, dh = cell.backward(G, [x, hp])
checks[73] = close(dx, num_grad(Lc, A["x"]))
checks[74] = close(cell.kernel_grad, num_grad(Lc, A["Wx"]))
checks[77] = close(dh, num_grad(Lc, A["hp"]))
checks[78] = close(cell.r_kernel_grad, num_grad(Lc, A["Wh"]))
checks[80] = close(cell.b_grad, num_grad(Lc, A["b"]))

# ------------------------------------------------------------------ RNN
for n, t in ((109, "self.kernel_grad = np.zeros(self.kernel.shape)"),
             (110, "self.r_kernel_grad = np.zeros(self.recurrent_kernel.shape)"),
             (111, "self.b_grad = np.zeros(self.bias.shape)"), (127, "next_h = self.h0"),
             (130, "next_h = self.cell.forward([inputs[:,t,:], next_h])"), (131, "all_h[:,t,:] = next_h"),
             (149, "all_h = self.forward(inputs)"), (151, "da_prev = np.zeros((N, H))"),
             (155, "gradients = self.cell.backward(in_grads[:,t,:] + da_prev, [inputs[:,t,:], all_h[:,t,:]])"),
             (157, "dx[:, t, :] = gradients[0]"), (158, "da_prev = gradients[1]"),
             (160, "self.kernel_grad += (self.cell.kernel_grad)"), (161, "self.r_kernel_grad += (self.cell.r_kernel_grad)"),
             (162, "self.b_grad += (self.cell.b_grad)")):
    need(n, t)

h0 = np.random.standard_normal(H) * 0.5
X = np.random.standard_normal((N, T, D)); GH = np.random.standard_normal((N, T, H))


def ref_states(X, Wx, Wh, b, h0):
    h = np.tile(h0, (X.shape[0], 1)); hs = []
    for t in range(X.shape[1]):
        h = np.tanh(h @ Wh + X[:, t, :] @ Wx + b); hs.append(h)
    return np.stack(hs, 1)


def fresh():
    c = RNNCell(D, H)
    c.kernel[...] = Wx; c.recurrent_kernel[...] = Wh; c.bias[...] = b
    return RNN(c, h0=h0.copy())


layer = fresh()
checks[109] = np.all(layer.kernel_grad == 0) and layer.kernel_grad.shape == Wx.shape
checks[110] = np.all(layer.r_kernel_grad == 0) and layer.r_kernel_grad.shape == Wh.shape
checks[111] = np.all(layer.b_grad == 0) and layer.b_grad.shape == b.shape
hs_ref = ref_states(X, Wx, Wh, b, h0)
checks[127] = checks[130] = checks[131] = close(layer.forward(X), hs_ref)
checks[149] = checks[127]

A = dict(X=X.copy(), Wx=Wx.copy(), Wh=Wh.copy(), b=b.copy())
L = lambda: np.sum(GH * ref_states(A["X"], A["Wx"], A["Wh"], A["b"], h0))
ng = {k: num_grad(L, A[k]) for k in ("X", "Wx", "Wh", "b")}


def totals(layer):
    dX = layer.backward(GH, X.copy())
    return [close(dX, ng["X"]), close(layer.kernel_grad, ng["Wx"]), close(layer.r_kernel_grad, ng["Wh"]),
            close(layer.b_grad, ng["b"])]


as_written = totals(fresh())
checks[155] = all(as_written)

# the same method with only line 155's state argument replaced by the previous state
start = next(i for i in range(148, 0, -1) if LINES[i - 1].strip().startswith("def backward(self, in_grads, inputs)"))
end = next(i for i in range(start, len(LINES)) if LINES[i - 1].strip() == "return dx")
src = "\n".join(LINES[start - 1:end])
assert "all_h[:,t,:]])" in line(155)
fixed_line = line(155).replace("all_h[:,t,:]])", "(all_h[:,t-1,:] if t > 0 else np.tile(self.h0, (N, 1)))])")
src = src.replace(line(155), fixed_line)
nsf = {"np": np}
exec(textwrap.dedent(src), nsf)
lay2 = fresh()
lay2.backward = types.MethodType(nsf["backward"], lay2)
fixed = totals(lay2)
checks[151] = checks[158] = all(fixed)
checks[157] = fixed[0]
checks[160] = fixed[1]
checks[161] = fixed[2]
checks[162] = fixed[3]
print("info: as written (dx, dWx, dWh, db) match FD:", as_written, "| with previous state at line 155:", fixed)

# information: accumulators are not reset between calls
lay3 = fresh(); lay3.backward(GH, X.copy()); k1 = lay3.kernel_grad.copy(); lay3.backward(GH, X.copy())
print("info: second backward call doubles kernel_grad (no reset):", close(lay3.kernel_grad, 2 * k1))

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
