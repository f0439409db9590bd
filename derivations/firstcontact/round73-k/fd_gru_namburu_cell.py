# Finite-difference check of gru_namburu_cell.py (author's GRUCell run as written).
# The cell does `from activation import *`; that file is the CMU 11-785 HW3P1 handout's activation.py
# (not in the repository). A minimal stand-in with the handout's interface is injected here:
# Sigmoid()/Tanh() are callables that store their output in .state; derivative() returns
# state*(1-state) resp. 1-state**2.
import sys, types, importlib.util, os, numpy as np
act = types.ModuleType("activation")
class Sigmoid:
    def __call__(self, x): self.state = 1 / (1 + np.exp(-x)); return self.state
    def derivative(self): return self.state * (1 - self.state)
class Tanh:
    def __call__(self, x): self.state = np.tanh(x); return self.state
    def derivative(self, state=None): return 1 - (self.state if state is None else state) ** 2
act.Sigmoid, act.Tanh, act.np = Sigmoid, Tanh, np
sys.modules["activation"] = act
here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("src", os.path.join(here, "gru_namburu_cell.py"))
src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)

np.random.seed(3)
d, h = 3, 4
cell = src.GRUCell(d, h)
x = np.random.randn(d); hp = np.random.randn(h); g = np.random.randn(1, h)  # L = g . h_t
def L(): return float(np.sum(g[0] * cell.forward(x, hp)))
def fd(A, eps=1e-6):
    out = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; lp = L(); A[idx] = old - eps; lm = L(); A[idx] = old
        out[idx] = (lp - lm) / (2 * eps)
    return out
cell.forward(x, hp)
dx, dh = cell.backward(g)
rows = [("dx (l.186/204)", dx.ravel(), x), ("dh (l.184/205)", dh.ravel(), hp)]
for n in ['Wrx', 'Wzx', 'Wnx', 'Wrh', 'Wzh', 'Wnh', 'brx', 'bzx', 'bnx', 'brh', 'bzh', 'bnh']:
    rows.append(("d" + n, np.reshape(getattr(cell, "d" + n), getattr(cell, n).shape), getattr(cell, n)))
for name, code, A in rows:
    err = np.max(np.abs(code - fd(A)))
    print(f"{name:16s}", "AGREE" if err < 1e-6 else "DISAGREE (%.2e)" % err)
# intermediate deltas (lines 174, 175, 182) against FD w.r.t. z, n, r treated as free variables
z, n, r, n0 = cell.z, cell.n, cell.r, cell.n0
def Lh(zz, nn): return float(np.sum(g[0] * (zz * hp + (1 - zz) * nn)))
def Ln(rr): return float(np.sum(g[0] * (z * hp + (1 - z) * np.tanh(cell.Wnx @ x + cell.bnx + rr * n0))))
e = 1e-6; I = np.eye(h)
fd_dz = np.array([(Lh(z + e * I[k], n) - Lh(z - e * I[k], n)) / (2 * e) for k in range(h)])
fd_dn = np.array([(Lh(z, n + e * I[k]) - Lh(z, n - e * I[k])) / (2 * e) for k in range(h)])
fd_dr = np.array([(Ln(r + e * I[k]) - Ln(r - e * I[k])) / (2 * e) for k in range(h)])
cell.forward(x, hp); cell.backward(g)
for name, a, b_ in [("self.dz (l.174)", cell.dz.ravel(), fd_dz), ("self.dn (l.175)", cell.dn.ravel(), fd_dn), ("self.dr (l.182)", cell.dr.ravel(), fd_dr)]:
    print(f"{name:16s}", "AGREE" if np.max(np.abs(a - b_)) < 1e-6 else "DISAGREE")
