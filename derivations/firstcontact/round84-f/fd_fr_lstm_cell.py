# Finite-difference check of fr_lstm_cell.py (French numpy LSTMCell, file id 53469397457).
# The note file itself is imported and its backward() is run as written; only the missing
# helper module `functions` (sigmoid, tanh) is supplied here.
import sys, types
import numpy as np

functions = types.ModuleType("functions")
functions.sigmoid = lambda x: 1.0 / (1.0 + np.exp(-x))
functions.tanh = np.tanh
sys.modules["functions"] = functions
import fr_lstm_cell as src

rng = np.random.default_rng(0)
D, H = 3, 4
cell = src.LSTMCell(D, H)
for k in ("W_f", "W_i", "W_c", "W_o"):
    setattr(cell, k, rng.normal(size=getattr(cell, k).shape) * 0.7)
for k in ("b_f", "b_i", "b_c", "b_o"):
    setattr(cell, k, rng.normal(size=(H, 1)) * 0.5)
x = rng.normal(size=(D, 1)); h0 = rng.normal(size=(H, 1)); c0 = rng.normal(size=(H, 1))
Gh = rng.normal(size=(H, 1)); Gc = rng.normal(size=(H, 1))   # L = Gh.h_t + Gc.c_t

def loss(cell, x, h0, c0, ufg=True):
    h, c, _ = cell.forward(x, h0, c0, use_forget_gate=ufg)
    return float(np.sum(Gh * h) + np.sum(Gc * c))

def num_grad(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; fp = f(); A[idx] = old - eps; fm = f(); A[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

ok_all = True
def report(name, a, b, line):
    global ok_all
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    ok = err < 1e-6
    ok_all &= ok
    print(f"line {line:>3} {name:<10} rel.err {err:.2e}  {'AGREES' if ok else 'DIFFERS'}")

for ufg in (True, False):
    print(f"--- use_forget_gate={ufg} ---")
    h, c, cache = cell.forward(x, h0, c0, use_forget_gate=ufg)
    dx, dh_prev, dc_prev = cell.backward(Gh, Gc, cache)
    f = lambda: loss(cell, x, h0, c0, ufg)
    # pre-activation gradients (dZ_*) via FD on the biases (dL/db = dZ for a single column)
    for gate, line in (("f", 115), ("i", 116), ("c", 117), ("o", 118)):
        b = getattr(cell, "b_" + gate)
        report("db_" + gate, getattr(cell, "db_" + gate), num_grad(f, b), line)
    for gate, line in (("f", 109), ("i", 110), ("c", 111), ("o", 112)):
        W = getattr(cell, "W_" + gate)
        report("dW_" + gate, getattr(cell, "dW_" + gate), num_grad(f, W), line)
    report("dh_prev", dh_prev, num_grad(f, h0), 128)
    report("dx_t", dx, num_grad(f, x), 129)
    # dc_t (line 87) = total dL/dc_t; check: L as a function of c_t directly
    _, _, _, _, f_t, i_t, c_bar, c_t, o_t, _ = cache
    dc_t = Gc + Gh * o_t * (1 - np.tanh(c_t) ** 2)
    ct = c_t.copy()
    report("dc_t", dc_t, num_grad(lambda: float(np.sum(Gh * o_t * np.tanh(ct)) + np.sum(Gc * ct)), ct), 87)
    report("dc_prev", dc_prev, num_grad(f, c0), 132)

# two-step chaining: feed the returned dh_prev/dc_prev into the previous cell's backward
print("--- two steps, gradients chained through (dh_prev, dc_prev) ---")
x1 = rng.normal(size=(D, 1)); x2 = rng.normal(size=(D, 1))
def loss2():
    h1, c1, _ = cell.forward(x1, h0, c0); h2, c2, _ = cell.forward(x2, h1, c1)
    return float(np.sum(Gh * h2) + np.sum(Gc * c2))
h1, c1, k1 = cell.forward(x1, h0, c0); h2, c2, k2 = cell.forward(x2, h1, c1)
_, dh1, dc1 = cell.backward(Gh, Gc, k2); dW2 = cell.dW_f.copy()
_, dh0, dc0 = cell.backward(dh1, dc1, k1); dW1 = cell.dW_f.copy()
report("dh0 (2 st)", dh0, num_grad(loss2, h0), 128)
report("dc0 (2 st)", dc0, num_grad(loss2, c0), 132)
report("dW_f sum", dW1 + dW2, num_grad(loss2, cell.W_f), 109)
print("ALL ROWS AGREE" if ok_all else "SOME ROWS DIFFER")
