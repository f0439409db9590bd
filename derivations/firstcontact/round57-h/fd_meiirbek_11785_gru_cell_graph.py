"""Finite-difference check for meiirbek_11785_gru_cell_graph.md (numpy only, float64).
Every numbered intermediate z1..z20 (and r, z, n) gets an additive perturbation so that
dL/dz_k can be obtained by central differences; L = <delta, h_t>."""
import json, os
import numpy as np

rng = np.random.default_rng(20231008)
d, H = 4, 3
RESULTS = {}


def numgrad(f, X, eps=1e-6):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = X[i]
        X[i] = old + eps; fp = f()
        X[i] = old - eps; fm = f()
        X[i] = old
        G[i] = (fp - fm) / (2 * eps)
    return G


def close(a, b, tol=1e-6):
    a = np.asarray(a, dtype=float); b = np.asarray(b, dtype=float)
    return a.size == b.size and np.allclose(a.reshape(b.shape), b, rtol=tol, atol=tol)


class Sigmoid:
    def __call__(self, z):
        self.A = 1/(1 + np.exp(-z))
        return self.A


class Tanh:
    def __call__(self, z):
        self.A = np.tanh(z)
        return self.A


Wp = {k: rng.standard_normal((H, d)) for k in ('Wrx', 'Wzx', 'Wnx')}
Wp.update({k: rng.standard_normal((H, H)) for k in ('Wrh', 'Wzh', 'Wnh')})
Wp.update({k: rng.standard_normal(H) for k in ('brx', 'bzx', 'bnx', 'brh', 'bzh', 'bnh')})
x0 = rng.standard_normal(d); h0 = rng.standard_normal(H); delta = rng.standard_normal(H)
keys = ['z%d' % k for k in range(1, 21)] + ['r', 'z', 'n', 'z_in19', 'z_in17',
        'x1', 'x6', 'x11', 'h2', 'h7', 'h12', 'h19']
E = {k: np.zeros(d if k in ('x1', 'x6', 'x11') else H) for k in keys}
sg = lambda a: 1 / (1 + np.exp(-a))


def graph():
    W = Wp
    z1 = W['Wrx'] @ (x0 + E['x1']) + E['z1']
    z2 = W['Wrh'] @ (h0 + E['h2']) + E['z2']
    z3 = z1 + z2 + E['z3']; z4 = z3 + W['brx'] + E['z4']; z5 = z4 + W['brh'] + E['z5']
    r = sg(z5) + E['r']
    z6 = W['Wzx'] @ (x0 + E['x6']) + E['z6']
    z7 = W['Wzh'] @ (h0 + E['h7']) + E['z7']
    z8 = z6 + z7 + E['z8']; z9 = z8 + W['bzx'] + E['z9']; z10 = z9 + W['bzh'] + E['z10']
    z = sg(z10) + E['z']
    z11 = W['Wnx'] @ (x0 + E['x11']) + E['z11']
    z12 = W['Wnh'] @ (h0 + E['h12']) + E['z12']
    z13 = z12 + W['bnh'] + E['z13']; z14 = r * z13 + E['z14']; z15 = z11 + z14 + E['z15']
    z16 = z15 + W['bnx'] + E['z16']; n = np.tanh(z16) + E['n']
    z17 = 1 - (z + E['z_in17']) + E['z17']; z18 = z17 * n + E['z18']
    z19 = (z + E['z_in19']) * (h0 + E['h19']) + E['z19']; z20 = z18 + z19 + E['z20']
    return z20


L = lambda: float(np.sum(delta * graph()))
g = {k: numgrad(L, E[k]) for k in keys}
gW = {k: numgrad(L, Wp[k]) for k in Wp}


class Cell:
    def __init__(self):
        self.__dict__.update(Wp); self.d, self.h = d, H
        self.r_act = Sigmoid(); self.z_act = Sigmoid(); self.h_act = Tanh()

    def forward(self, x, h):
        self.x = x
        self.hidden = h
        self.z1 = np.matmul(self.Wrx, self.x)
        self.z2 = np.matmul(self.Wrh, self.hidden)
        self.z3 = self.z1 + self.z2
        self.z4 = self.z3 + self.brx
        self.z5 = self.z4 + self.brh
        self.r = self.r_act(self.z5)
        self.z6 = np.matmul(self.Wzx, self.x)
        self.z7 = np.matmul(self.Wzh, self.hidden)
        self.z8 = self.z6 + self.z7
        self.z9 = self.z8 + self.bzx
        self.z10 = self.z9 + self.bzh
        self.z = self.r_act(self.z10)
        self.z11 = np.matmul(self.Wnx, self.x)
        self.z12 = np.matmul(self.Wnh, self.hidden)
        self.z13 = self.z12 + self.bnh
        self.z14 = np.multiply(self.r, self.z13)
        self.z15 = self.z11 + self.z14
        self.z16 = self.z15 + self.bnx
        self.n = self.h_act(self.z16)
        self.z17 = 1 - self.z
        self.z18 = np.multiply(self.z17, self.n)
        self.z19 = np.multiply(self.z, self.hidden)
        self.z20 = self.z18 + self.z19
        h_t = self.z20
        return h_t


c = Cell(); ht = c.forward(x0, h0)
# forward rows against an independent GRU (PyTorch form)
r_ref = sg(Wp['Wrx'] @ x0 + Wp['brx'] + Wp['Wrh'] @ h0 + Wp['brh'])
z_ref = sg(Wp['Wzx'] @ x0 + Wp['bzx'] + Wp['Wzh'] @ h0 + Wp['bzh'])
a_n = Wp['Wnx'] @ x0 + Wp['bnx'] + r_ref * (Wp['Wnh'] @ h0 + Wp['bnh'])
n_ref = np.tanh(a_n)
h_ref = (1 - z_ref) * n_ref + z_ref * h0
fwd = {65: (c.z1, Wp['Wrx'] @ x0), 66: (c.z2, Wp['Wrh'] @ h0), 67: (c.z3, Wp['Wrx'] @ x0 + Wp['Wrh'] @ h0),
       68: (c.z4, Wp['Wrx'] @ x0 + Wp['Wrh'] @ h0 + Wp['brx']), 69: (sg(c.z5), r_ref), 70: (c.r, r_ref),
       72: (c.z6, Wp['Wzx'] @ x0), 73: (c.z7, Wp['Wzh'] @ h0), 74: (c.z8, Wp['Wzx'] @ x0 + Wp['Wzh'] @ h0),
       75: (c.z9, Wp['Wzx'] @ x0 + Wp['Wzh'] @ h0 + Wp['bzx']), 76: (sg(c.z10), z_ref), 77: (c.z, z_ref),
       79: (c.z11, Wp['Wnx'] @ x0), 80: (c.z12, Wp['Wnh'] @ h0), 81: (c.z13, Wp['Wnh'] @ h0 + Wp['bnh']),
       82: (c.z14, r_ref * (Wp['Wnh'] @ h0 + Wp['bnh'])), 83: (c.z15, a_n - Wp['bnx']), 84: (c.z16, a_n),
       85: (c.n, n_ref), 87: (c.z17, 1 - z_ref), 88: (c.z18, (1 - z_ref) * n_ref), 89: (c.z19, z_ref * h0),
       90: (c.z20, h_ref), 91: (ht, h_ref)}
for k, (a, b) in fwd.items():
    RESULTS[k] = close(a, b)

# backward rows, executed in order (copies kept to check partial accumulations)
self = c
delta_r = delta.reshape(1, -1)
hidden = (self.hidden).reshape(-1,1)
x = self.x.reshape(-1,1)
dLdz20 = delta_r;                                      RESULTS[120] = close(dLdz20, g['z20'])
dLdz19 = dLdz20;                                       RESULTS[121] = close(dLdz19, g['z19'])
dLdz18 = dLdz20;                                       RESULTS[122] = close(dLdz18, g['z18'])
dLdz = dLdz19 * hidden.T;                              RESULTS[123] = close(dLdz, g['z_in19'])
dh = dLdz19 * (self.z).reshape(-1, 1).T;               RESULTS[124] = close(dh, g['h19'])
dLdz17 = dLdz18 * (self.n).reshape(-1, 1).T;           RESULTS[125] = close(dLdz17, g['z17'])
dLdn = dLdz18 * (self.z17).reshape(-1, 1).T;           RESULTS[126] = close(dLdn, g['n'])
dLdz += (-dLdz17);                                     RESULTS[127] = close(dLdz, g['z'])
dLdz16 = dLdn * (1 - (self.h_act(self.z16.reshape(-1, 1)))**2).T; RESULTS[129] = close(dLdz16, g['z16'])
dLdz15 = dLdz16;                                       RESULTS[130] = close(dLdz15, g['z15'])
self.dbnx = dLdz16;                                    RESULTS[131] = close(self.dbnx, gW['bnx'])
dLdz14 = dLdz15;                                       RESULTS[132] = close(dLdz14, g['z14'])
dLdz11 = dLdz15;                                       RESULTS[133] = close(dLdz11, g['z11'])
dLdr = dLdz14 * (self.z13).reshape(-1, 1).T;           RESULTS[134] = close(dLdr, g['r'])
dLdz13 = dLdz14 * (self.r).reshape(-1, 1).T;           RESULTS[135] = close(dLdz13, g['z13'])
dLdz12 = dLdz13;                                       RESULTS[136] = close(dLdz12, g['z12'])
self.dbnh = dLdz13;                                    RESULTS[137] = close(self.dbnh, gW['bnh'])
self.dWnh = np.matmul(hidden, dLdz12).T;               RESULTS[138] = close(self.dWnh, gW['Wnh'])
dh += np.matmul(dLdz12, self.Wnh);                     RESULTS[139] = close(dh, g['h19'] + g['h12'])
self.dWnx = np.matmul(x, dLdz11).T;                    RESULTS[140] = close(self.dWnx, gW['Wnx'])
dx = np.matmul(dLdz11, self.Wnx);                      RESULTS[141] = close(dx, g['x11'])
dLdz10 = dLdz * self.r_act(self.z10.reshape(-1, 1)).T * (1 - self.r_act(self.z10.reshape(-1, 1))).T; RESULTS[143] = close(dLdz10, g['z10'])
dLdz9 = dLdz10;                                        RESULTS[144] = close(dLdz9, g['z9'])
self.dbzh = dLdz10;                                    RESULTS[145] = close(self.dbzh, gW['bzh'])
dLdz8 = dLdz9;                                         RESULTS[146] = close(dLdz8, g['z8'])
self.dbzx = dLdz9;                                     RESULTS[147] = close(self.dbzx, gW['bzx'])
dLdz7 = dLdz8;                                         RESULTS[148] = close(dLdz7, g['z7'])
dLdz6 = dLdz8;                                         RESULTS[149] = close(dLdz6, g['z6'])
self.dWzh = np.matmul(hidden, dLdz7).T;                RESULTS[150] = close(self.dWzh, gW['Wzh'])
dh += np.matmul(dLdz7, self.Wzh);                      RESULTS[151] = close(dh, g['h19'] + g['h12'] + g['h7'])
self.dWzx = np.matmul(x, dLdz6).T;                     RESULTS[152] = close(self.dWzx, gW['Wzx'])
dx += np.matmul(dLdz6, self.Wzx);                      RESULTS[153] = close(dx, g['x11'] + g['x6'])
dLdz5 = dLdr * self.r_act(self.z5.reshape(-1, 1)).T * (1 - self.r_act(self.z5.reshape(-1, 1))).T; RESULTS[155] = close(dLdz5, g['z5'])
dLdz4 = dLdz5;                                         RESULTS[156] = close(dLdz4, g['z4'])
self.dbrh = dLdz5;                                     RESULTS[157] = close(self.dbrh, gW['brh'])
dLdz3 = dLdz4;                                         RESULTS[158] = close(dLdz3, g['z3'])
self.dbrx = dLdz4;                                     RESULTS[159] = close(self.dbrx, gW['brx'])
dLdz1 = dLdz3;                                         RESULTS[160] = close(dLdz1, g['z1'])
dLdz2 = dLdz3;                                         RESULTS[161] = close(dLdz2, g['z2'])
self.dWrh = np.matmul(hidden, dLdz2).T;                RESULTS[162] = close(self.dWrh, gW['Wrh'])
dh += np.matmul(dLdz2, self.Wrh);                      RESULTS[163] = close(dh, numgrad(L, h0))
self.dWrx = np.matmul(x, dLdz1).T;                     RESULTS[164] = close(self.dWrx, gW['Wrx'])
dx += np.matmul(dLdz1, self.Wrx);                      RESULTS[165] = close(dx, numgrad(L, x0))

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['meiirbek_11785_gru_cell_graph.md']
assert set(int(k) for k in exp) == set(RESULTS), set(int(k) for k in exp) ^ set(RESULTS)
bad = [(k, RESULTS[int(k)], v['expected']) for k, v in exp.items() if RESULTS[int(k)] != (v['expected'] == 'pass')]
assert not bad, bad
print('meiirbek: all', len(exp), 'verdicts confirmed;', sum(v['expected'] == 'fail' for v in exp.values()), 'fail rows')
