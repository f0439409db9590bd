"""Finite-difference check of loopdigga96/rnn_sort model.py as transcribed in loopdigga_rnn_sort.py.

The transcribed file is executed as it is (pure numpy), so the backward formulas checked are the author's.
ModelSort.backward also performs an SGD step, so parameters are copied back after each call.
"""
import os, types
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
m = types.ModuleType("model")
exec(open(os.path.join(here, "loopdigga_rnn_sort.py")).read(), m.__dict__)

rng = np.random.default_rng(1)


def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))


def num_grad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + eps; fp = f()
        x[i] = old - eps; fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g


def report(row, err, what, tol=1e-6):
    print(f"row {row:4d}: {'AGREE   ' if err < tol else 'DISAGREE'} {what} (rel err {err:.1e})")

# helpers
x = rng.normal(size=(2, 3, 4)); g = rng.normal(size=(2, 3, 4))
th = m.TanH()
report(13, rel(th.backward(th.forward(x), g), num_grad(lambda: np.sum(g * np.tanh(x)), x)),
       "TanH.backward on the stored output: (1 - y^2) * grad")
sm = m.SoftmaxClassifier()
labels = rng.integers(0, 4, size=(2, 3, 1))
p = sm.forward(x)
report(73, rel(sm.backward(p.copy(), labels), num_grad(lambda: sm.loss(sm.forward(x), labels), x)),
       "softmax + mean cross-entropy: (p - onehot)/(B*T) w.r.t. logits")
lin = m.Linear(4, 5, 3)
lin.b = rng.normal(size=5)
gy = rng.normal(size=(2, 3, 5))
gx, gw, gb = lin.backward(x, gy)
f = lambda: np.sum(gy * lin.forward(x))
report(106, rel(gw, num_grad(f, lin.W)), "Linear g_w = sum over batch/time of x^T gY")
report(107, rel(gb, num_grad(f, lin.b)), "Linear g_b")
report(111, rel(gx, num_grad(f, x)), "Linear dX = gY W^T")

# one RNN cell step (rows 130, 140, 141)
H = 4
W = rng.normal(size=(H, H)) * 0.5; b = rng.normal(size=H) * 0.1
cell = m.RNNCell(H, W, b)
xin = rng.normal(size=(2, H)); hp = rng.normal(size=(2, H)); gs = rng.normal(size=(2, H))
hc = cell.forward(xin, hp)
gxin, ghp, gW, gbb = cell.backward(hp, hc, gs)
f = lambda: np.sum(gs * cell.forward(xin, hp))
report(140, rel(gxin, num_grad(f, xin)), "cell: dL/dx_t = (1-h_t^2)*dL/dh_t (input enters the pre-activation additively)")
report(141, rel(ghp, num_grad(f, hp)), "cell: dL/dh_{t-1} = dpre W^T")
report(141, rel(gW, num_grad(f, W)), "cell: g_w = h_{t-1}^T dpre")
report(141, rel(gbb, num_grad(f, b)), "cell: g_b")

# full model (rows 194-264)
B, T, IN, OUT, HID = 3, 5, 1, 6, 7
model = m.ModelSort(IN, OUT, HID, T)
model.rnn.initial_state[:] = rng.normal(size=HID) * 0.3
model.rnn.b[:] = rng.normal(size=HID) * 0.1
model.input_linear.b[:] = rng.normal(size=HID) * 0.1
xb = rng.normal(size=(B, T, IN))
yb = rng.integers(0, OUT, size=(B, T, 1))
params = [("initial_state", model.rnn.initial_state), ("input W", model.input_linear.W), ("input b", model.input_linear.b),
          ("rnn W", model.rnn.W), ("rnn b", model.rnn.b), ("output W", model.output_linear.W), ("output b", model.output_linear.b)]
saved = [p.copy() for _, p in params]
grads = model.get_gradients(xb, yb)          # also applies an SGD step
for (_, p), s in zip(params, saved):
    p[...] = s                                # undo the update
loss = lambda: model.loss(model.predict_proba(xb), yb)
k = 0
rows = {"initial_state": 204, "input W": 264, "input b": 264, "rnn W": 200, "rnn b": 201, "output W": 257, "output b": 257}
for name, p in params:
    n = p.size
    ga = np.array(grads[k:k + n]).reshape(p.shape); k += n
    report(rows[name], rel(ga, num_grad(loss, p)), f"ModelSort gradient of {name} (BPTT rows 194-205)")
