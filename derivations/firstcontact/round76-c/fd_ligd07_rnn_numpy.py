"""Finite-difference check of ligd07/RNN-Numpy (rnn.py, bp.py, RNN_sin.py loss) as transcribed in
ligd07_rnn_numpy.md. The code blocks for rnn.py and bp.py are executed exactly as written in the note
(a stub replaces `module.Layers`); the loss and the 3-layer Net of RNN_sin.py are re-typed below as written.
Only numpy is used."""
import re, sys, types, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
md = open(os.path.join(HERE, "ligd07_rnn_numpy.md"), encoding="utf-8").read()
blocks = re.findall(r"```python\n(.*?)```", md, re.S)

# stub for `from module import Layers` (module.py of the repository: Layers.__call__ -> forward)
mod = types.ModuleType("module")
class Layers:
    def __init__(self, name):
        self.name = name
    def __call__(self, *a, **k):
        return self.forward(*a, **k)
mod.Layers = Layers
sys.modules["module"] = mod
ns_rnn, ns_bp = {}, {}
exec(blocks[0], ns_rnn)   # rnn.py
exec(blocks[1], ns_bp)    # bp.py
RNN, BP = ns_rnn["RNN"], ns_bp["BP"]

# RNN_sin.py, as written (lines 223-224 of the note)
def loss(y_hat, y_true):
    data_out = ((y_true - y_hat) ** 2).mean()
    grad_out = 2 * (y_hat - y_true)
    return data_out, grad_out

np.random.seed(1)
H = 5
T = 7
layers = [RNN("RNN1", 1, H), RNN("RNN2", H, H), RNN("RNN3", H, H), BP("BP", H, 1)]
for l in layers:            # smaller weights so that no clip(-5,5) is active
    for k in ("U", "W", "B"):
        if hasattr(l, k):
            setattr(l, k, getattr(l, k) * 0.4)

x = np.sin(np.arange(T + 1) * 0.3).reshape(-1, 1)
X, Y = x[:-1], x[1:]

def net_forward(h0s):
    y = X
    for i, l in enumerate(layers[:3]):
        y, _ = l(y, h0s[i].copy())
    return layers[3](y)

def L_of(h0s):
    return loss(net_forward(h0s), Y)[0]

def analytic(h0s, seed_scale=1.0):
    yh = net_forward(h0s)
    _, g = loss(yh, Y)
    g = g * seed_scale
    for l in reversed(layers):      # Module.backward: reversed registration order
        g = l.backward(g)
    return {(l.name, k): getattr(l, "grad_" + k).copy() for l in layers for k in ("U", "W", "B") if hasattr(l, "grad_" + k)}

def numeric(h0s, eps=1e-6):
    out = {}
    for l in layers:
        for k in ("U", "W", "B"):
            if not hasattr(l, k):
                continue
            P = getattr(l, k); G = np.zeros_like(P)
            for idx in np.ndindex(P.shape):
                old = P[idx]
                P[idx] = old + eps; lp = L_of(h0s)
                P[idx] = old - eps; lm = L_of(h0s)
                P[idx] = old
                G[idx] = (lp - lm) / (2 * eps)
            out[(l.name, k)] = G
    return out

def report(title, A, N):
    print(title)
    ok_all = True
    for key in A:
        a, n = A[key], N[key]
        rel = np.abs(a - n).max() / (np.abs(n).max() + 1e-12)
        ratio = (np.sum(a * n) / np.sum(n * n)) if np.sum(n * n) > 0 else float("nan")
        ok = rel < 1e-5
        ok_all &= ok
        print(f"  {key[0]:5s} grad_{key[1]}: {'AGREE' if ok else 'DIFFER'}  max rel err {rel:.2e}  (analytic/numeric ~ {ratio:.3f})")
    return ok_all

zeros = [np.zeros(H) for _ in range(3)]
N0 = numeric(zeros)
A_as_written = analytic(zeros)
r1 = report("[1] author's gradient seed 2*(y_hat-y) (line 224) vs FD of the loss data_out = mean((y-y_hat)^2) (line 223), h0 = 0:", A_as_written, N0)
print(f"    -> line 224: {'pass' if r1 else 'FAIL'}; expected ratio analytic/numeric = T*1 = {T} if the 1/N of .mean() is dropped")

A_fixed = analytic(zeros, seed_scale=1.0 / Y.size)
r2 = report("[2] same backward (rnn.py lines 95-115, bp.py 199-202) fed with the correct seed 2*(y_hat-y)/N, h0 = 0:", A_fixed, N0)
print(f"    -> rnn.py / bp.py backward rows: {'pass' if r2 else 'FAIL'}")

h0r = [np.random.randn(H) * 0.5 for _ in range(3)]
N1 = numeric(h0r)
A1 = analytic(h0r, seed_scale=1.0 / Y.size)
print("[3] nonzero initial state h0 (not used by the author's training, which always passes np.zeros):")
for key in A1:
    if key[1] == "W" and key[0].startswith("RNN"):
        rel = np.abs(A1[key] - N1[key]).max() / np.abs(N1[key]).max()
        print(f"  {key[0]} grad_W: {'AGREE' if rel < 1e-5 else 'DIFFER'} (max rel err {rel:.2e}) -- line 114 'grad_W += 0' drops h0^T grad_z")
for key in A1:
    if key[1] != "W" or not key[0].startswith("RNN"):
        rel = np.abs(A1[key] - N1[key]).max() / np.abs(N1[key]).max()
        print(f"  {key[0]} grad_{key[1]}: {'AGREE' if rel < 1e-5 else 'DIFFER'} (max rel err {rel:.2e})")
