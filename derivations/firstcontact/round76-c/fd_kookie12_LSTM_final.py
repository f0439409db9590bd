"""Finite-difference check of kookie12/LSTM-numpy LSTM_final.py as transcribed in kookie12_LSTM_final.py.
The transcribed file is executed as written (stub modules replace emoji / emo_utils / matplotlib; __main__ is
not run). learning_rate = 0 makes the SGD updates inside backward() no-ops, so the gradients left in the
objects are the author's gradients for the current weights. numpy only."""
import os, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
for name in ("emoji", "emo_utils", "matplotlib", "matplotlib.pyplot"):
    sys.modules[name] = types.ModuleType(name)
sys.modules["matplotlib"].pyplot = sys.modules["matplotlib.pyplot"]
src = open(os.path.join(HERE, "kookie12_LSTM_final.py"), encoding="utf-8").read()
ns = {"__name__": "kookie12_note"}
exec(compile(src, "kookie12_LSTM_final.py", "exec"), ns)
function, LSTM_MODEL = ns["function"], ns["LSTM_MODEL"]

f = function()
x = np.linspace(-3, 3, 13).reshape(1, -1)
num = lambda g, x, e=1e-6: (g(x + e) - g(x - e)) / (2 * e)
print("[helpers]")
print(f"  line 18  tanh(x) = (1-e^-x)/(1+e^-x) equals np.tanh(x)?        {'AGREE' if np.allclose(f.tanh(x), np.tanh(x)) else 'DIFFER'}"
      f"  (it equals np.tanh(x/2): {np.allclose(f.tanh(x), np.tanh(x/2))})")
print(f"  line 26  differ_tanh(x) = d/dx of line-18 tanh?                 {'AGREE' if np.allclose(f.differ_tanh(x), num(f.tanh, x)) else 'DIFFER'}"
      f"  (ratio {np.mean(f.differ_tanh(x)/num(f.tanh, x)):.3f})")
s = f.sigmoid(x)
print(f"  line 35  differ_sigmoid(sigmoid(x)) = d sigmoid/dx?              {'AGREE' if np.allclose(f.differ_sigmoid(s), num(f.sigmoid, x)) else 'DIFFER'}")
p = np.exp(x[:, :5].T) / np.exp(x[:, :5].T).sum(); yy = np.zeros((5, 1)); yy[2] = 1
ce = lambda z: -np.sum(yy * np.log(np.exp(z) / np.exp(z).sum() + 1e-7))
z0 = x[:, :5].T.copy(); gnum = np.array([[(ce(z0 + e) - ce(z0 - e)) / 2e-6 for e in (np.eye(5)[i].reshape(5, 1) * 1e-6,)][0] for i in range(5)]).reshape(5, 1)
print(f"  line 22  differ_softmax_cross = softmax - label = dCE/dlogits?  {'AGREE' if np.allclose(f.differ_softmax_cross(f.softmax(z0), yy), gnum, atol=1e-6) else 'DIFFER'}")

T = 4
rng = np.random.RandomState(7)
X = rng.randn(T, 1, 50) * 0.5
Y = np.zeros((1, 5)); Y[0, 3] = 1

def build(dropout):
    m = LSTM_MODEL(None, None, None, None, None, None, 0.0, 1, optimizer="SGD", dropout=dropout)
    r = np.random.RandomState(3)   # decorrelate the per-timestep cells (all start from seed 0 in __init__)
    for layer in (m.LSTM_1st_layer, m.LSTM_2nd_layer):
        for c in layer:
            c.Wx = c.Wx + 0.1 * r.randn(*c.Wx.shape); c.Wh = c.Wh + 0.1 * r.randn(*c.Wh.shape); c.b = c.b + 0.1 * r.randn(*c.b.shape)
    return m

def loss_of(m):
    np.random.seed(123)            # same dropout masks in every forward
    m.forward(X, Y, is_train=True)
    return m.loss[-1]

def check(m, label, n_samples=12):
    loss_of(m); m.backward(X)
    grads = {}
    for li, layer in enumerate((m.LSTM_1st_layer, m.LSTM_2nd_layer)):
        for n in range(T):
            c = layer[n]
            grads[(li + 1, n, "Wx")] = (c, "Wx", c.dWx.copy())
            grads[(li + 1, n, "Wh")] = (c, "Wh", c.dWh.copy())
            grads[(li + 1, n, "b")] = (c, "b", np.asarray(c.db).reshape(c.b.shape).copy())
    grads[("out", "", "Why")] = (m, "Why", m.dWhy.copy())
    grads[("out", "", "by")] = (m, "by", np.asarray(m.dby).copy())
    r = np.random.RandomState(11)
    print(label)
    res = {}
    for key, (obj, attr, G) in grads.items():
        P = getattr(obj, attr)
        idxs = [tuple(r.randint(0, s) for s in P.shape) for _ in range(n_samples)]
        errs = []
        for idx in idxs:
            old = P[idx]
            P[idx] = old + 1e-6; lp = loss_of(m)
            P[idx] = old - 1e-6; lm = loss_of(m)
            P[idx] = old
            fd = (lp - lm) / 2e-6
            errs.append((G[idx], fd))
        a = np.array(errs)
        rel = np.abs(a[:, 0] - a[:, 1]).max() / (np.abs(a[:, 1]).max() + 1e-12)
        res[key] = rel < 1e-4
        print(f"  layer {key[0]} step {key[1]} d{key[2]:3s}: {'AGREE' if rel < 1e-4 else 'DIFFER'} (max rel err {rel:.1e})")
    return res

print()
mA = build("no")
check(mA, "[A] as written, dropout='no' (forward uses line-18 'tanh'; backward lines 74, 79, 84 use 1-tanh^2, np.tanh):")


print()
# [A2] keep the line-18 forward, but use its true derivatives in lines 74, 79, 84 (0.5*(1-t^2) and self.tanh):
import types as _t
def _bw(self, dc_next, dh_next):
    t = self.tanh(self.c_next)
    temp = dc_next + (dh_next * self.ot) * 0.5 * (1 - t * t)          # line 74 with the 1/2
    self.dft = temp * self.c_input; self.dit = temp * self.ctt; self.dctt = temp * self.it
    self.dot = dh_next * self.tanh(self.c_next)                       # line 79 with the forward's tanh
    self.dft *= self.differ_sigmoid(self.ft); self.dit *= self.differ_sigmoid(self.it)
    self.dctt *= 0.5 * (1 - self.ctt ** 2)                            # line 84 with the 1/2
    self.dot *= self.differ_sigmoid(self.ot)
    dA = np.hstack((self.dft, self.dit, self.dctt, self.dot))
    self.dWh = np.dot(self.h_input.T, dA); self.dWx = np.dot(self.x_input.T, dA); self.db = dA.sum(axis=0)
    self.dx_prev = np.dot(dA, self.Wx.T); self.dh_prev = np.dot(dA, self.Wh.T); self.dc_prev = temp * self.ft
_orig_bw = ns["LSTM_cell"].lstm_cell_backward
ns["LSTM_cell"].lstm_cell_backward = _bw
mA2 = build("no")
check(mA2, "[A2] line-18 forward kept, lines 74/79/84 replaced by the derivatives of that forward -> all agree, so 74, 79, 84 are the wrong rows:")
ns["LSTM_cell"].lstm_cell_backward = _orig_bw

print()
ns["function"].tanh = lambda self, x: np.tanh(x)     # what line 18 was meant to be
mB = build("no")
check(mB, "[B] line 18 replaced by np.tanh only (backward untouched), dropout='no' -> the rest of the backward (lines 76-96, 196-221) is right:")

print()
mC = build("yes")
check(mC, "[C] line 18 replaced by np.tanh, dropout='yes' as in __main__ (line 242) -> layer-1 cells differ: line 207 passes no dropout mask:")
