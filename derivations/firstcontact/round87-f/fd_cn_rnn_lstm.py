# Finite-difference check of cn_rnn_lstm.py: imports the author's functions as written.
import sys, types, os, importlib.util
import numpy as np

ru = types.ModuleType("rnn_utils")
ru.sigmoid = lambda x: 1 / (1 + np.exp(-x))
def _softmax(x):
    e = np.exp(x - np.max(x, axis=0, keepdims=True)); return e / e.sum(axis=0, keepdims=True)
ru.softmax = _softmax
sys.modules["rnn_utils"] = ru
spec = importlib.util.spec_from_file_location("cn", os.path.join(os.path.dirname(os.path.abspath(__file__)), "cn_rnn_lstm.py"))
cn = importlib.util.module_from_spec(spec); spec.loader.exec_module(cn)

rng = np.random.default_rng(0)
n_x, n_a, n_y, m, T = 3, 4, 2, 2, 4
eps = 1e-6
def num_grad(f, A):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o + eps; fp = f(); A[idx] = o - eps; fm = f(); A[idx] = o
        g[idx] = (fp - fm) / (2 * eps)
    return g
def report(name, line, a, b):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print(f"line {line:4d} {name:28s} {'AGREE' if err < 1e-5 else 'DISAGREE'}  rel.err={err:.2e}")

# ---------------- RNN cell and sequence ----------------
P = {"Wax": rng.normal(size=(n_a, n_x)), "Waa": rng.normal(size=(n_a, n_a)) * 0.5, "ba": rng.normal(size=(n_a, 1)),
     "Wya": rng.normal(size=(n_y, n_a)), "by": rng.normal(size=(n_y, 1))}
xt = rng.normal(size=(n_x, m)); ap = rng.normal(size=(n_a, m)); G = rng.normal(size=(n_a, m))
def Lcell(): return np.sum(G * cn.rnn_cell_forward(xt, ap, P)[0])
an, _, cache = cn.rnn_cell_forward(xt, ap, P)
g = cn.rnn_cell_backward(G, cache)
report("rnn_cell dxt", 228, g["dxt"], num_grad(Lcell, xt))
report("rnn_cell dWax", 229, g["dWax"], num_grad(Lcell, P["Wax"]))
report("rnn_cell da_prev", 232, g["da_prev"], num_grad(Lcell, ap))
report("rnn_cell dWaa", 233, g["dWaa"], num_grad(Lcell, P["Waa"]))
report("rnn_cell dba", 236, g["dba"], num_grad(Lcell, P["ba"]))
x = rng.normal(size=(n_x, m, T)); a0 = rng.normal(size=(n_a, m)); GA = rng.normal(size=(n_a, m, T))
def Lseq(): return np.sum(GA * cn.rnn_forward(x, a0, P)[0])
a, _, caches = cn.rnn_forward(x, a0, P)
g = cn.rnn_backward(GA, caches)
report("rnn_backward dWax (sum)", 288, g["dWax"], num_grad(Lseq, P["Wax"]))
report("rnn_backward dWaa (sum)", 289, g["dWaa"], num_grad(Lseq, P["Waa"]))
report("rnn_backward dba (sum)", 290, g["dba"], num_grad(Lseq, P["ba"]))
report("rnn_backward dx", 287, g["dx"], num_grad(Lseq, x))
report("rnn_backward da0", 293, g["da0"], num_grad(Lseq, a0))

# ---------------- LSTM cell ----------------
Q = {k: rng.normal(size=(n_a, n_a + n_x)) * 0.7 for k in ["Wf", "Wi", "Wc", "Wo"]}
Q.update({k: rng.normal(size=(n_a, 1)) for k in ["bf", "bi", "bc", "bo"]})
Q["Wy"] = rng.normal(size=(n_y, n_a)); Q["by"] = rng.normal(size=(n_y, 1))
cp = rng.normal(size=(n_a, m)); Ga = rng.normal(size=(n_a, m)); Gc = rng.normal(size=(n_a, m))
def Llc():
    an, cnx, _, _ = cn.lstm_cell_forward(xt, ap, cp, Q); return np.sum(Ga * an) + np.sum(Gc * cnx)
_, _, _, cache = cn.lstm_cell_forward(xt, ap, cp, Q)
g = cn.lstm_cell_backward(Ga, Gc, cache)
for name, line, key, par in [("dWf", 341, "dWf", "Wf"), ("dWi", 342, "dWi", "Wi"), ("dWc", 343, "dWc", "Wc"), ("dWo", 344, "dWo", "Wo"),
                             ("dbf", 345, "dbf", "bf"), ("dbi", 346, "dbi", "bi"), ("dbc", 347, "dbc", "bc"), ("dbo", 348, "dbo", "bo")]:
    report("lstm_cell " + name, line, g[key], num_grad(Llc, Q[par]))
report("lstm_cell da_prev", 351, g["da_prev"], num_grad(Llc, ap))
report("lstm_cell dc_prev", 354, g["dc_prev"], num_grad(Llc, cp))
report("lstm_cell dxt", 356, g["dxt"], num_grad(Llc, xt))
# gate pre-activation gradients (lines 334-337): perturb the bias = pre-activation shift, summed over batch
for name, line, key, par in [("dot", 334, "dbo", "bo"), ("dcct", 335, "dbc", "bc"), ("dit", 336, "dbi", "bi"), ("dft", 337, "dbf", "bf")]:
    report("lstm_cell " + name + " (via bias)", line, g[key], num_grad(Llc, Q[par]))

# ---------------- LSTM sequence ----------------
def Lls(): return np.sum(GA * cn.lstm_forward(x, a0, Q)[0])
a, y, c, caches = cn.lstm_forward(x, a0, Q)
g = cn.lstm_backward(GA, caches)
report("lstm_backward dWf (sum)", 417, g["dWf"], num_grad(Lls, Q["Wf"]))
report("lstm_backward dbo (sum)", 424, g["dbo"], num_grad(Lls, Q["bo"]))
report("lstm_backward dx", 416, g["dx"], num_grad(Lls, x))
report("lstm_backward da0", 426, g["da0"], num_grad(Lls, a0))
# what the call at line 414 would give if da_prevt / dc_prevt were carried (for comparison)
da_p = np.zeros((n_a, m)); dc_p = np.zeros((n_a, m)); dWf = 0
for t in reversed(range(T)):
    gg = cn.lstm_cell_backward(GA[:, :, t] + da_p, dc_p, caches[0][t]); da_p, dc_p = gg["da_prev"], gg["dc_prev"]; dWf = dWf + gg["dWf"]
report("corrected recursion dWf", 414, dWf, num_grad(Lls, Q["Wf"]))
report("corrected recursion da0", 414, da_p, num_grad(Lls, a0))
