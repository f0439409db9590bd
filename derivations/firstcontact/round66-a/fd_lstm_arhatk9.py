# Finite-difference check of lstm_arhatk9.py (author's code executed as written; only
# `from utils import *` is replaced by the two helpers the repo's utils.py defines).
import numpy as np, os
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "lstm_arhatk9.py")).read()
src = src.replace("from utils import *", "")
ns = {}
ns["np"] = np
def softmax(x):
    exp_x = np.exp(x - np.max(x))
    return exp_x / exp_x.sum(axis=0)
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
ns["softmax"], ns["sigmoid"] = softmax, sigmoid
exec(compile(src, "lstm_arhatk9.py", "exec"), ns)
LSTM_cell_forward, LSTM_forward = ns["LSTM_cell_forward"], ns["LSTM_forward"]
lstm_cell_backward, lstm_backward = ns["lstm_cell_backward"], ns["lstm_backward"]

rng = np.random.default_rng(0)
n_x, n_a, n_y = 3, 4, 2
def params():
    p = {}
    for g in "fico":
        p["W"+g] = rng.normal(size=(n_a, n_a+n_x)) * 0.7
        p["b"+g] = rng.normal(size=(n_a, 1)) * 0.3
    p["Wy"] = rng.normal(size=(n_y, n_a)); p["by"] = rng.normal(size=(n_y, 1))
    return p
P = params()
eps = 1e-6
ok_all = True
def report(name, a, n, line):
    global ok_all
    err = np.max(np.abs(a - n)) / max(1e-8, np.max(np.abs(n)))
    ok = err < 1e-5
    ok_all &= ok
    print(f"line {line:>4} {name:10s} rel.err {err:.2e}  {'AGREES' if ok else 'DISAGREES'}")

def fd(f, arr):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = arr[i]
        arr[i] = old + eps; fp = f()
        arr[i] = old - eps; fm = f()
        arr[i] = old
        g[i] = (fp - fm) / (2*eps)
    return g

# ---- single cell, m = 1: pre-activation gradients dit, dft, dcct, dot equal the bias gradients
for m, tag in [(1, "m=1"), (3, "m=3")]:
    xt = rng.normal(size=(n_x, m)); a_prev = rng.normal(size=(n_a, m)); c_prev = rng.normal(size=(n_a, m))
    Ga = rng.normal(size=(n_a, m)); Gc = rng.normal(size=(n_a, m))
    def Lcell():
        a, c, _, _ = LSTM_cell_forward(xt, a_prev, c_prev, P)
        return np.sum(Ga*a) + np.sum(Gc*c)
    _, _, _, st = LSTM_cell_forward(xt, a_prev, c_prev, P)
    # author's backward with da_next = Ga, dc_next = dL/dc_next from the direct c-path only.
    # Our loss has an extra direct term Gc on c_next; the author's dc_next is the gradient arriving at c_next
    # from the future, which is exactly Gc here.
    g = lstm_cell_backward(Ga, Gc, st)
    print(f"--- lstm_cell_backward ({tag})")
    if m == 1:
        for gate, line in [("i", 160), ("o", 161), ("f", 162), ("c", 163)]:
            name = {"i": "dit", "o": "dot", "f": "dft", "c": "dcct"}[gate]
            report(name, g["db"+gate], fd(Lcell, P["b"+gate]), line)
    for gate, line in [("f", 166), ("i", 167), ("c", 168), ("o", 169)]:
        report("dW"+gate, g["dW"+gate], fd(Lcell, P["W"+gate]), line)
    for gate, line in [("f", 170), ("i", 171), ("c", 172), ("o", 173)]:
        report("db"+gate, g["db"+gate], fd(Lcell, P["b"+gate]), line)
    report("da_prev", g["da_prev"], fd(Lcell, a_prev), 176)
    report("dc_prev", g["dc_prev"], fd(Lcell, c_prev), 177)
    report("dxt", g["dxt"], fd(Lcell, xt), 178)

# ---- whole sequence: L = sum(G * a) over all hidden states, da = G
m, T = 2, 4
x = rng.normal(size=(n_x, m, T)); a0 = rng.normal(size=(n_a, m)); G = rng.normal(size=(n_a, m, T))
def Lseq():
    a, y, c, st = LSTM_forward(x, a0, P)
    return np.sum(G*a)
a, y, c, st = LSTM_forward(x, a0, P)
g = lstm_backward(G, st)
print("--- lstm_backward over T=4 (accumulation lines 232-247)")
for gate, line in [("f", 237), ("i", 238), ("c", 239), ("o", 240)]:
    report("dW"+gate+" tot", g["dW"+gate], fd(Lseq, P["W"+gate]), line)
for gate, line in [("f", 241), ("i", 242), ("c", 243), ("o", 244)]:
    report("db"+gate+" tot", g["db"+gate], fd(Lseq, P["b"+gate]), line)
report("dx", g["dx"], fd(Lseq, x), 236)
report("da0", g["da0"], fd(Lseq, a0), 247)
print("ALL ROWS AGREE" if ok_all else "SOME ROWS DISAGREE")
