"""FD check of gru_cell_cmu11785_s19.py (CMU 11-785 hw3 GRU_Cell, student solution).
The note's class is executed as written; 'from activation import *' is replaced by the handout's
activation semantics (Sigmoid: state=sigmoid(x), derivative()=state*(1-state);
Tanh: state=tanh(x), derivative(state=None)=1-state**2).
Forward: z=s(Wzh h+Wzx x), r=s(Wrh h+Wrx x), h~=tanh(Wh (r*h)+Wx x), h_t=(1-z)*h+z*h~.
Loss L = delta . h_t with a fixed row vector delta (1,h) = the upstream gradient."""
import numpy as np, os

class Sigmoid:
    def __call__(self, x):
        self.state = 1.0 / (1.0 + np.exp(-x)); return self.state
    def derivative(self):
        return self.state * (1 - self.state)
class Tanh:
    def __call__(self, x):
        self.state = np.tanh(x); return self.state
    def derivative(self, state=None):
        return 1 - state**2 if state is not None else 1 - self.state**2

src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "gru_cell_cmu11785_s19.py")).read()
src = "\n".join(l for l in src.splitlines() if not l.startswith("from activation"))
ns = {"Sigmoid": Sigmoid, "Tanh": Tanh}; exec(src, ns)

rng = np.random.RandomState(3)
d, h = 5, 4
cell = ns['GRU_Cell'](d, h)
W = {k: rng.randn(*getattr(cell, k).shape) for k in ["Wzh", "Wrh", "Wh", "Wzx", "Wrx", "Wx"]}
cell.init_weights(W["Wzh"], W["Wrh"], W["Wh"], W["Wzx"], W["Wrx"], W["Wx"])
x = rng.randn(d); hp = rng.randn(h); delta = rng.randn(1, h)

def L():
    c = ns['GRU_Cell'](d, h); c.init_weights(W["Wzh"], W["Wrh"], W["Wh"], W["Wzx"], W["Wrx"], W["Wx"])
    return float((delta @ c.forward(x, hp))[0])
def fd(A, eps=1e-6):
    g = np.zeros_like(A)
    for ij in np.ndindex(A.shape):
        o = A[ij]; A[ij] = o + eps; p = L(); A[ij] = o - eps; m = L(); A[ij] = o
        g[ij] = (p - m) / (2 * eps)
    return g
def rep(name, a, b):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print("%-44s %s  (rel err %.1e)" % (name, "AGREE" if err < 1e-6 else "DIFFER", err))

ht = cell.forward(x, hp)
dx, dh = cell.backward(delta)
rep("line 102 dWx  (97,98,99 dh_tilda)", cell.dWx, fd(W["Wx"]))
rep("line 103 dWh", cell.dWh, fd(W["Wh"]))
rep("line 109 dWrx (105,106,107 dr)", cell.dWrx, fd(W["Wrx"]))
rep("line 110 dWrh", cell.dWrh, fd(W["Wrh"]))
rep("line 115 dWzx (112,113 dz)", cell.dWzx, fd(W["Wzx"]))
rep("line 116 dWzh", cell.dWzh, fd(W["Wzh"]))
rep("line 118 dx", dx, fd(x).reshape(1, -1))
rep("line 120 dh (dh_prev)", dh, fd(hp).reshape(1, -1))
# intermediates against FD on the gate values themselves
z, r, ht_ = cell.z, cell.r, cell.h_tilda
def Lg(z_, r_):
    hh = np.tanh(W["Wh"] @ (r_ * hp) + W["Wx"] @ x)
    return float((delta @ ((1 - z_) * hp + z_ * hh))[0])
def fdg(which, eps=1e-6):
    g = np.zeros(h)
    for i in range(h):
        e = np.zeros(h); e[i] = eps
        g[i] = ((Lg(z + e, r) - Lg(z - e, r)) if which == "z" else (Lg(z, r + e) - Lg(z, r - e))) / (2 * eps)
    return g
dh_tilda_pre = (delta * z * (1 - ht_**2)).ravel()
rep("line 112 dz_act = dL/dz", (delta * (ht_ - hp)).ravel(), fdg("z"))
rep("line 106 dr_act = dL/dr", (W["Wh"].T @ dh_tilda_pre) * hp, fdg("r"))
