# Finite-difference check of gru_cell_sauravkambil.py (numpy only).
# Runs the author's GRUCell.forward/backward as written (exec of the transcribed file) with a stand-in
# `activation` module following the 11-785 HW3P1 convention: forward stores self.state = output,
# backward(state=None) returns the derivative written in terms of the output (s(1-s) / 1-s^2).
# Loss used: L = w . h_t (so the incoming delta = dL/dh_t = w), plus checks of every intermediate.
import sys, types, os
import numpy as np

class Sigmoid(object):
    def __call__(self, x): return self.forward(x)
    def forward(self, x):
        self.state = 1 / (1 + np.exp(-x)); return self.state
    def backward(self, state=None):
        s = self.state if state is None else state
        return s * (1 - s)
class Tanh(object):
    def __call__(self, x): return self.forward(x)
    def forward(self, x):
        self.state = np.tanh(x); return self.state
    def backward(self, state=None):
        s = self.state if state is None else state
        return 1 - s ** 2
act = types.ModuleType('activation'); act.Sigmoid, act.Tanh = Sigmoid, Tanh
sys.modules['activation'] = act
g = {}
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'gru_cell_sauravkambil.py')).read()
exec(compile(src, 'gru_cell_sauravkambil.py', 'exec'), g)
GRUCell = g['GRUCell']

np.random.seed(3)
d, h = 3, 4
cell = GRUCell(d, h)
x = np.random.randn(d); hp = np.random.randn(h); w = np.random.randn(h)
names = ['Wrx', 'Wzx', 'Wnx', 'Wrh', 'Wzh', 'Wnh', 'brx', 'bzx', 'bnx', 'brh', 'bzh', 'bnh']
def loss(xx=None, hh=None):
    c = GRUCell(d, h); c.init_weights(*[getattr(cell, n).copy() for n in names])
    return float(w @ c.forward(x if xx is None else xx, hp if hh is None else hh))
cell.forward(x.copy(), hp.copy())
dx, dhp = cell.backward(w.copy())
eps = 1e-6
def fd_vec(v, f):
    return np.array([(f(v + e * eps) - f(v - e * eps)) / (2 * eps) for e in np.eye(len(v))])
def fd_param(n):
    P = getattr(cell, n); out = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old + eps; jp = loss(); P[idx] = old - eps; jm = loss(); P[idx] = old
        out[idx] = (jp - jm) / (2 * eps)
    return out
def rep(line, what, a, b):
    err = np.max(np.abs(np.ravel(a) - np.ravel(b)))
    print("line %-4s %-40s max|author-FD| = %.2e  %s" % (line, what, err, "AGREE" if err < 1e-6 else "DISAGREE"))

# parameter gradients written by the author's backward
for line, n in [(165, 'Wrx'), (166, 'Wrh'), (167, 'brx'), (168, 'brh'), (171, 'Wzx'), (172, 'Wzh'), (173, 'bzx'),
                (174, 'bzh'), (177, 'Wnx'), (178, 'Wnh'), (179, 'bnx'), (180, 'bnh')]:
    rep(line, "d" + n, getattr(cell, 'd' + n), fd_param(n))
rep(182, "dx", dx, fd_vec(x, lambda v: loss(xx=v)))
rep(183, "dh_prev", dhp, fd_vec(hp, lambda v: loss(hh=v)))

# intermediates (author's expressions re-evaluated on the same forward values)
Wrx, Wzx, Wnx, Wrh, Wzh, Wnh, brx, bzx, bnx, brh, bzh, bnh = [getattr(cell, n) for n in names]
r_pre = Wrx @ x + brx + Wrh @ hp + brh; z_pre = Wzx @ x + bzx + Wzh @ hp + bzh
r = 1 / (1 + np.exp(-r_pre)); z = 1 / (1 + np.exp(-z_pre)); nh = Wnh @ hp + bnh
n_pre = Wnx @ x + bnx + r * nh; n = np.tanh(n_pre)
L_of = lambda r_, z_, n_: float(w @ ((1 - z_) * n_ + z_ * hp))                      # line 101
L_r = lambda rr: L_of(rr, z, np.tanh(Wnx @ x + bnx + rr * nh))
dn = w * (1 - z); dz = w * (-n + hp)                                                  # lines 160, 161
dr = dn * (1 - n ** 2) * nh                                                           # line 162
rep(160, "dn = dL/dn", dn, fd_vec(n, lambda v: L_of(r, z, v)))
rep(161, "dz = dL/dz", dz, fd_vec(z, lambda v: L_of(r, v, n)))
rep(162, "dr = dL/dr", dr, fd_vec(r, L_r))
rep(164, "dr*sig' = dL/d r_pre", dr * r * (1 - r), fd_vec(r_pre, lambda v: L_r(1 / (1 + np.exp(-v)))))
rep(170, "dz*sig' = dL/d z_pre", dz * z * (1 - z), fd_vec(z_pre, lambda v: L_of(r, 1 / (1 + np.exp(-v)), n)))
rep(176, "dn*tanh' = dL/d n_pre", dn * (1 - n ** 2), fd_vec(n_pre, lambda v: L_of(r, z, np.tanh(v))))
# forward lines 92/95/98/101 reproduce h_t
c2 = GRUCell(d, h); c2.init_weights(*[getattr(cell, k).copy() for k in names])
rep(101, "forward h_t (lines 92,95,98,101)", c2.forward(x, hp), (1 - z) * n + z * hp)
