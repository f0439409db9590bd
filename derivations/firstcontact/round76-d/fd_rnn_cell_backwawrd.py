# Finite-difference check of rnn_cell_backwawrd.py (the author's file is imported and run as written,
# with the course helper rnn_utils supplied as a stub module).
import sys, types, os, importlib.util
import numpy as np

ru = types.ModuleType("rnn_utils")
ru.sigmoid = lambda x: 1 / (1 + np.exp(-x))
def _softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)
ru.softmax = _softmax
sys.modules["rnn_utils"] = ru

spec = importlib.util.spec_from_file_location("rb", os.path.join(os.path.dirname(os.path.abspath(__file__)), "rnn_cell_backwawrd.py"))
A = importlib.util.module_from_spec(spec); spec.loader.exec_module(A)

np.random.seed(2)


def numgrad(f, X, eps=1e-6):
    g = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    while not it.finished:
        i = it.multi_index
        old = X[i]
        X[i] = old + eps; fp = f()
        X[i] = old - eps; fm = f()
        X[i] = old
        g[i] = (fp - fm) / (2 * eps)
        it.iternext()
    return g


def report(name, line, got, ref):
    err = np.max(np.abs(got - ref)) / (np.max(np.abs(ref)) + 1e-12)
    print(f"line {line:4d} {name:44s} {'AGREES' if err < 1e-5 else 'DIFFERS'}  (rel err {err:.2e})")


n_x, n_a, n_y, m = 3, 5, 2, 4
P = {"Wax": np.random.randn(n_a, n_x), "Waa": np.random.randn(n_a, n_a), "Wya": np.random.randn(n_y, n_a),
     "ba": np.random.randn(n_a, 1), "by": np.random.randn(n_y, 1)}
xt = np.random.randn(n_x, m); a_prev = np.random.randn(n_a, m); da_next = np.random.randn(n_a, m)

# forward as written
a_next, yt, cache = A.rnn_cell_froward(xt, a_prev, P)
print("line   22 a_next = tanh(Waa a_prev + Wax xt + ba) reproduced:",
      np.allclose(a_next, np.tanh(P["Waa"] @ a_prev + P["Wax"] @ xt + P["ba"])))
print("line   24 yt_pred columns sum to 1:", np.allclose(yt.sum(0), 1))

# one-step loss L = sum(da_next * a_next)
L = lambda: np.sum(da_next * A.rnn_cell_froward(xt, a_prev, P)[0])
zp = np.zeros((n_a, m))
Lz = lambda: np.sum(da_next * np.tanh(P["Waa"] @ a_prev + P["Wax"] @ xt + P["ba"] + zp))
dz_ref = numgrad(Lz, zp)

g = A.rnn_cell_backwawrd(da_next, cache)
dtanh_author = (1 - np.square(np.tanh(a_next))) * da_next     # line 156 as written
print("== rnn_cell_backwawrd as written ==")
report("dtanh (line 156) vs dL/dz", 156, dtanh_author, dz_ref)
report("  reference (1 - a_next**2) * da_next", 156, (1 - a_next ** 2) * da_next, dz_ref)
report("dxt", 158, g["dxt"], numgrad(L, xt))
report("dWax", 159, g["dWax"], numgrad(L, P["Wax"]))
report("da_prev", 161, g["da_prev"], numgrad(L, a_prev))
report("dWaa", 162, g["dWaa"], numgrad(L, P["Waa"]))
report("dba", 164, g["dba"], numgrad(L, P["ba"]))

# lines 158-164 themselves, fed with the exact dL/dz
print("== lines 158-164 evaluated with the exact dL/dz ==")
report("dxt = Wax^T dz", 158, np.dot(P["Wax"].T, dz_ref), numgrad(L, xt))
report("dWax = dz xt^T", 159, np.dot(dz_ref, xt.T), numgrad(L, P["Wax"]))
report("da_prev = Waa^T dz", 161, np.dot(P["Waa"].T, dz_ref), numgrad(L, a_prev))
report("dWaa = dz a_prev^T", 162, np.dot(dz_ref, a_prev.T), numgrad(L, P["Waa"]))
report("dba = sum(dz, axis=-1)", 164, np.sum(dz_ref, keepdims=True, axis=-1), numgrad(L, P["ba"]))

# the file's own __main__ inputs: lstm_forward runs and has the expected shapes (forward only)
np.random.seed(1)
x = np.random.randn(3, 10, 7); a0 = np.random.randn(5, 10)
Q = {k: np.random.randn(5, 8) for k in ["Wf", "Wi", "Wc", "Wo"]}
Q.update({k: np.random.randn(5, 1) for k in ["bf", "bi", "bc", "bo"]}); Q["Wy"] = np.random.randn(2, 5); Q["by"] = np.random.randn(2, 1)
a, y, c, caches = A.lstm_forward(x, a0, Q)
(an, cn, ap, cp, ft, it, cct, ot, xt1, _) = caches[0][3]
print("lines 86-98 consistency at t=3: c = f*c_prev + i*cc:", np.allclose(cn, ft * cp + it * cct),
      "; a = o*tanh(c):", np.allclose(an, ot * np.tanh(cn)))
