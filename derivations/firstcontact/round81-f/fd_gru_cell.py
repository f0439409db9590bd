# Finite-difference check of gru_cell.py (file id 37474745083), numpy only.
# mydnn.activation is not in the source; a stand-in with the usual 11-785 mytorch semantics is provided:
# forward(z) stores and returns A; backward(dLdA) returns dLdA * dA/dz from the stored A.
import sys, types, numpy as np
act = types.ModuleType('mydnn.activation')
class Sigmoid:
    def forward(self, z): self.A = 1 / (1 + np.exp(-z)); return self.A
    def backward(self, dLdA): return dLdA * self.A * (1 - self.A)
class Tanh:
    def forward(self, z): self.A = np.tanh(z); return self.A
    def backward(self, dLdA): return dLdA * (1 - self.A ** 2)
act.Sigmoid, act.Tanh = Sigmoid, Tanh
pkg = types.ModuleType('mydnn'); pkg.activation = act
sys.modules['mydnn'] = pkg; sys.modules['mydnn.activation'] = act
ns = {}
exec(open(__file__.replace('fd_gru_cell.py', 'gru_cell.py')).read(), ns)
GRUCell = ns['GRUCell']

def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
def show(name, r):
    print(("AGREE   " if r < 1e-6 else "DISAGREE") + f"  rel={r:.2e}  {name}")

np.random.seed(2)
d, h = 5, 4
cell = GRUCell(d, h)
x = np.random.randn(d); hp = np.random.randn(h)
delta = np.random.randn(h)                 # L = delta . h_t
L = lambda: float(delta @ cell.forward(x, hp))

cell.forward(x, hp)
dx, dh = cell.backward(delta)
grads = {k: getattr(cell, 'd' + k).copy() for k in ['Wrx','Wzx','Wnx','Wrh','Wzh','Wnh','brx','bzx','bnx','brh','bzh','bnh']}
e = 1e-6
def fd(P):
    g = np.zeros_like(P)
    for k in np.ndindex(P.shape):
        old = P[k]; P[k] = old + e; lp = L(); P[k] = old - e; lm = L(); P[k] = old
        g[k] = (lp - lm) / (2 * e)
    return g
lines = {'Wnx': 232, 'bnx': 233, 'Wnh': 244, 'bnh': 245, 'Wzx': 254, 'bzx': 255, 'Wzh': 256, 'bzh': 257,
         'Wrx': 264, 'brx': 265, 'Wrh': 266, 'brh': 267}
for k, ln in lines.items():
    show(f"line {ln}: d{k}", rel(grads[k], fd(getattr(cell, k))))
show("lines 221,248,260,270: dh_prev_t", rel(dh, fd(hp)))
show("lines 261,271,274,277: dx", rel(dx, fd(x)))
# intermediate quantities against FD of the loss w.r.t. the gate/candidate values
cell.forward(x, hp)
r, z, n = cell.r.copy(), cell.z.copy(), cell.n.copy()
Ln = lambda nn: float(delta @ ((1 - z) * nn + z * hp))
show("line 214: dn_t = delta*(1-z)  (dL/dn)", rel(delta * (1 - z), np.array([(Ln(n + e*np.eye(h)[j]) - Ln(n - e*np.eye(h)[j]))/(2*e) for j in range(h)])))
Lz = lambda zz: float(delta @ ((1 - zz) * n + zz * hp))
show("line 217: dz_t = delta*(hidden-n)  (dL/dz)", rel(delta * (hp - n), np.array([(Lz(z + e*np.eye(h)[j]) - Lz(z - e*np.eye(h)[j]))/(2*e) for j in range(h)])))
Wnh_h = cell.Wnh @ hp + cell.bnh
def Lr(rr):
    nn = np.tanh(cell.Wnx @ x + cell.bnx + rr * Wnh_h)
    return float(delta @ ((1 - z) * nn + z * hp))
cell.backward(delta)
num_dr = np.array([(Lr(r + e*np.eye(h)[j]) - Lr(r - e*np.eye(h)[j]))/(2*e) for j in range(h)])
dn_lin = delta * (1 - z) * (1 - n**2)
show("line 239: dr_t = dn_linear * (Wnh h + bnh)  (dL/dr)", rel(dn_lin * Wnh_h, num_dr))
