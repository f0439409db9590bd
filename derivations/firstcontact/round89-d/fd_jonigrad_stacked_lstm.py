"""Finite-difference check of the stacked LSTM of jonirajala/jonigrad (jonigrad_stacked_lstm.md).

The python fence of the note is executed as it is (with a minimal stand-in for the Layer base class, which the
note does not keep), so the author's forward and backward are what is tested.  A second run uses the same
backward with only rows 186-187 changed to the previous step's states, to show that those two rows are the
error and every other row is right.  numpy only.
"""
import os, re, types, textwrap
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
md = open(os.path.join(here, "jonigrad_stacked_lstm.md")).read()
code = re.findall(r"```python\n(.*?)```", md, re.S)[0]


class Layer:                      # stand-in for jonigrad.layers.Layer (not part of the note)
    def __init__(self):
        self._params = {}

    def __call__(self, *inputs):
        return self.forward(*inputs)

    def zero_grad(self):
        for v in self._params.values():
            v._zero_grad()

mod = types.ModuleType("layers")
mod.Layer = Layer
exec(code, mod.__dict__)
LSTM = mod.LSTM

rng = np.random.default_rng(3)
B, T, D, H, L = 2, 4, 3, 5, 2


def make():
    net = LSTM(D, H, num_layers=L)
    for p in net._params.values():          # float64 for clean finite differences
        p.data = rng.normal(size=p.data.shape) * 0.5
        p.grad = np.zeros_like(p.data)
    return net

x = rng.normal(size=(B, T, D))
G = rng.normal(size=(B, T, H))           # L = sum(G * outputs)


def loss(net):
    out, _, _ = net.forward(x)
    return float(np.sum(G * out))


def num_grad(net, arr, eps=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = arr[i]
        arr[i] = old + eps; fp = loss(net)
        arr[i] = old - eps; fm = loss(net)
        arr[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g


def check(net, label, row):
    net.zero_grad()
    net.forward(x)
    dx, dh0, dc0 = net.backward(G.copy())
    worst = {}
    for name, p in net._params.items():
        n = num_grad(net, p.data)
        worst[name] = np.max(np.abs(p.grad - n)) / np.max(np.abs(n))
    xn = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + 1e-6; fp = loss(net)
        x[i] = old - 1e-6; fm = loss(net)
        x[i] = old
        xn[i] = (fp - fm) / 2e-6
    worst["d_x"] = np.max(np.abs(dx - xn)) / np.max(np.abs(xn))
    ok = max(worst.values()) < 1e-5
    print(f"row {row:4d}: {'AGREE   ' if ok else 'DISAGREE'} {label}")
    for k, v in worst.items():
        print(f"           {k:8s} rel err {v:.1e}")

net = make()
check(net, "author's backward (h_prev = h_cache[layer], c_prev = c_cache[layer] of the same step t)", 186)

# same backward source, rows 186-187 replaced by the states of step t-1 (zeros at t = 0, the default h0, c0)
src = textwrap.dedent(code[code.index("    def backward(self, d_output):"):])
src = src.replace("h_prev = h_cache[layer]",
                  "h_prev = self.cache[t-1][1][layer] if t > 0 else np.zeros_like(h_cache[layer])")
src = src.replace("c_prev = c_cache[layer]",
                  "c_prev = self.cache[t-1][2][layer] if t > 0 else np.zeros_like(c_cache[layer])")
ns = dict(mod.__dict__)
exec(src, ns)
LSTM.backward = ns["backward"]
net2 = make()
check(net2, "same backward with only rows 186-187 taking the states of step t-1", 187)

