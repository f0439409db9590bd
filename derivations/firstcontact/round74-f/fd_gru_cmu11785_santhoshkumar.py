# Finite-difference check of gru_cmu11785_santhoshkumar.py. The author's GRUCell is loaded from the note file;
# the handout activations (nn/activation.py of CMU 11-785 HW3P1, not in the repository) are re-created here with
# the documented semantics: forward stores A; Sigmoid.backward(dLdA)=dLdA*A*(1-A); Tanh.backward(dLdA,state)=dLdA*(1-state^2).
import numpy as np, types, sys
class Sigmoid:
    def forward(self, Z): self.A = 1 / (1 + np.exp(-Z)); return self.A
    def backward(self, dLdA): return dLdA * self.A * (1 - self.A)
class Tanh:
    def forward(self, Z): self.A = np.tanh(Z); return self.A
    def backward(self, dLdA, state=None):
        s = self.A if state is None else state
        return dLdA * (1 - s * s)
act = types.ModuleType("nn.activation"); act.Sigmoid, act.Tanh = Sigmoid, Tanh
nnpkg = types.ModuleType("nn"); nnpkg.activation = act
sys.modules["nn"], sys.modules["nn.activation"] = nnpkg, act
ns = {}; exec(compile(open("gru_cmu11785_santhoshkumar.py").read(), "gru", "exec"), ns)
GRUCell = ns["GRUCell"]

rng = np.random.default_rng(3); d, h = 4, 3
cell = GRUCell(d, h)
P = ['Wrx', 'Wzx', 'Wnx', 'Wrh', 'Wzh', 'Wnh', 'brx', 'bzx', 'bnx', 'brh', 'bzh', 'bnh']
for p in P: setattr(cell, p, rng.normal(size=getattr(cell, p).shape) * 0.7)
x = rng.normal(size=d); hp = rng.normal(size=h); g = rng.normal(size=h)   # L = g . h_t
def L(c, x, hp): return float(g @ c.forward(x, hp))

cell.forward(x, hp); dx, dh = cell.backward(g)
eps = 1e-6
def fd_vec(f, v):
    out = np.zeros_like(v)
    for i in np.ndindex(v.shape):
        e = np.zeros_like(v); e[i] = eps; out[i] = (f(v + e) - f(v - e)) / (2 * eps)
    return out
lines = {'dWnx': 140, 'dbnx': 141, 'dWnh': 142, 'dbnh': 143, 'dWzx': 149, 'dbzx': 150, 'dWzh': 151, 'dbzh': 152,
         'dWrx': 158, 'dbrx': 159, 'dWrh': 160, 'dbrh': 161}
for p in P:
    W0 = getattr(cell, p).copy()
    def f(v, p=p):
        c2 = GRUCell(d, h); [setattr(c2, q, getattr(cell, q)) for q in P]; setattr(c2, p, v); return L(c2, x, hp)
    ok = np.allclose(getattr(cell, 'd' + p), fd_vec(f, W0), atol=1e-7)
    print(f"line {lines['d' + p]} d{p}: {'AGREES' if ok else 'DISAGREES'} with finite differences (expected pass)")
print("lines 137/145/153/162 dh_prev_t:", "AGREES" if np.allclose(dh, fd_vec(lambda v: L(cell, x, v), hp), atol=1e-7) else "DISAGREES", "(expected pass)")
print("lines 146/154/163 dx:", "AGREES" if np.allclose(dx, fd_vec(lambda v: L(cell, v, hp), x), atol=1e-7) else "DISAGREES", "(expected pass)")
# intermediate quantities: dLdZ (135), dLdn (136), dLdrt (144) as gradients wrt z, n, r (post-activation)
cell.forward(x, hp); r, z, n = cell.r.copy(), cell.z.copy(), cell.n.copy()
Lz = lambda v: float(g @ ((1 - v) * n + v * hp)); Ln = lambda v: float(g @ ((1 - z) * v + z * hp))
Lr = lambda v: float(g @ ((1 - z) * np.tanh(cell.Wnx @ x + cell.bnx + v * (cell.Wnh @ hp + cell.bnh)) + z * hp))
print("line 135 dLdZ:", "AGREES" if np.allclose(g * (-n + hp), fd_vec(Lz, z), atol=1e-7) else "DISAGREES")
print("line 136 dLdn:", "AGREES" if np.allclose(g * (1 - z), fd_vec(Ln, n), atol=1e-7) else "DISAGREES")
print("line 144 dLdrt:", "AGREES" if np.allclose(g * (1 - z) * (1 - n * n) * (cell.Wnh @ hp + cell.bnh), fd_vec(Lr, r), atol=1e-7) else "DISAGREES")
# activation derivatives (lines 126-128): sigma'(a) = A(1-A), tanh'(a) = 1 - n^2
ar = cell.Wrx @ x + cell.brx + cell.Wrh @ hp + cell.brh
sig = lambda a: 1 / (1 + np.exp(-a))
print("line 126 da_dr:", "AGREES" if np.allclose(r * (1 - r), (sig(ar + eps) - sig(ar - eps)) / (2 * eps), atol=1e-7) else "DISAGREES")
an = cell.Wnx @ x + cell.bnx + r * (cell.Wnh @ hp + cell.bnh)
print("line 128 da_dn:", "AGREES" if np.allclose(1 - n * n, (np.tanh(an + eps) - np.tanh(an - eps)) / (2 * eps), atol=1e-7) else "DISAGREES")
