"""FD check of rslim97_11785_gru_cell.md (11-785 GRU, column/1-D vectors, PyTorch-style
reset-after GRU: n = tanh(Wnx x + bnx + r*(Wnh h + bnh)), h_t = (1-z)*n + z*h_prev).
Loss for the check: L = w . h_t (delta = dL/dh_t = w)."""
import numpy as np

rng = np.random.default_rng(2)
d, h = 3, 4
P = {k: rng.standard_normal((h, d)) for k in ['Wrx', 'Wzx', 'Wnx']}
P.update({k: rng.standard_normal((h, h)) for k in ['Wrh', 'Wzh', 'Wnh']})
P.update({k: rng.standard_normal(h) for k in ['brx', 'bzx', 'bnx', 'brh', 'bzh', 'bnh']})
x = rng.standard_normal(d); hp = rng.standard_normal(h); w = rng.standard_normal(h)
sig = lambda a: 1 / (1 + np.exp(-a))

def fwd(P, x, hp, node_eps=None):
    e = node_eps or {}
    g = lambda k: e.get(k, 0.0)
    S = {}
    S['r1'] = P['Wrx'] @ x + g('r1'); S['r2'] = S['r1'] + P['brx'] + g('r2')
    S['r3'] = P['Wrh'] @ hp + g('r3'); S['r4'] = S['r3'] + P['brh'] + g('r4')
    S['r5'] = S['r2'] + S['r4'] + g('r5'); S['r'] = sig(S['r5']) + g('r')
    S['z1'] = P['Wzx'] @ x; S['z2'] = S['z1'] + P['bzx']
    S['z3'] = P['Wzh'] @ hp; S['z4'] = S['z3'] + P['bzh']
    S['z5'] = S['z2'] + S['z4'] + g('z5'); S['z'] = sig(S['z5']) + g('z')
    S['n1'] = P['Wnx'] @ x; S['n2'] = S['n1'] + P['bnx']
    S['n3'] = P['Wnh'] @ hp; S['n4'] = S['n3'] + P['bnh'] + g('n4')
    S['n5'] = S['r'] * S['n4']; S['n6'] = S['n2'] + S['n5'] + g('n6')
    S['n'] = np.tanh(S['n6']) + g('n')
    S['h1'] = 1 - S['z'] + g('h1'); S['h2'] = S['n'] * S['h1']; S['h3'] = S['z'] * hp
    S['ht'] = S['h2'] + S['h3']
    return S

def L(P, x, hp, node_eps=None):
    return w @ fwd(P, x, hp, node_eps)['ht']

def ng(f, A, e=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o + e; fp = f(); A[idx] = o - e; fm = f(); A[idx] = o
        g[idx] = (fp - fm) / (2 * e)
    return g

S = fwd(P, x, hp)
# forward rows vs the reference GRU (PyTorch GRUCell equations)
r = sig(P['Wrx'] @ x + P['brx'] + P['Wrh'] @ hp + P['brh'])
z = sig(P['Wzx'] @ x + P['bzx'] + P['Wzh'] @ hp + P['bzh'])
n = np.tanh(P['Wnx'] @ x + P['bnx'] + r * (P['Wnh'] @ hp + P['bnh']))
assert np.allclose(S['r'], r) and np.allclose(S['z'], z) and np.allclose(S['n'], n)
assert np.allclose(S['ht'], (1 - z) * n + z * hp)
v = {k: True for k in [98, 99, 100, 101, 102, 103, 107, 108, 109, 110, 111, 112, 116, 117, 118,
                       119, 120, 121, 122, 123, 127, 128, 129, 130]}

def node_grad(name):
    e = {name: np.zeros(h)}
    return ng(lambda: L(P, x, hp, e), e[name])

delta = w.copy()
# backward rows as written (activation backward semantics from activation.py)
dLdn_t = delta * (1 - S['z'])                          # 161
dLdn_6 = dLdn_t * (1 - S['n'] ** 2)                    # 162 (Tanh.backward)
dLdn_4 = dLdn_6 * S['r']                               # 163
dbnh = dLdn_4                                          # 164
dWnh = dLdn_4[:, None] @ hp[None, :]                   # 165
dbnx = dLdn_6                                          # 166
dWnx = dLdn_6[:, None] @ x[None, :]                    # 167
dLdh1 = delta * S['n']                                 # 169
dLdz_t = -dLdh1 + delta * hp                           # 170
dLdz_5 = dLdz_t * S['z'] * (1 - S['z'])                # 171 (Sigmoid.backward)
dbzh = dLdz_5; dWzh = dLdz_5[:, None] @ hp[None, :]    # 172, 173
dbzx = dLdz_5; dWzx = dLdz_5[:, None] @ x[None, :]     # 174, 175
dLdr_t = dLdn_6 * S['n4']                              # 178
dLdr_5 = dLdr_t * S['r'] * (1 - S['r'])                # 181
dbrh = dLdr_5; dWrh = dLdr_5[:, None] @ hp[None, :]    # 182, 183
dbrx = dLdr_5; dWrx = dLdr_5[:, None] @ x[None, :]     # 184, 185
dx = dLdr_5[None, :] @ P['Wrx'] + dLdz_5[None, :] @ P['Wzx'] + dLdn_6[None, :] @ P['Wnx']   # 187
dh_prev = (dLdr_5[None, :] @ P['Wrh'] + dLdz_5[None, :] @ P['Wzh'] + dLdn_4[None, :] @ P['Wnh']
           + delta[None, :] * S['z'][None, :])         # 191

cl = lambda a, b: np.allclose(a, b, atol=1e-6)
G = {k: ng(lambda: L(P, x, hp), P[k]) for k in P}
v[161] = cl(dLdn_t, node_grad('n'))
v[162] = cl(dLdn_6, node_grad('n6'))
v[163] = cl(dLdn_4, node_grad('n4'))
v[164] = cl(dbnh, G['bnh']); v[165] = cl(dWnh, G['Wnh'])
v[166] = cl(dbnx, G['bnx']); v[167] = cl(dWnx, G['Wnx'])
v[169] = cl(dLdh1, node_grad('h1'))
v[170] = cl(dLdz_t, node_grad('z'))
v[171] = cl(dLdz_5, node_grad('z5'))
v[172] = cl(dbzh, G['bzh']); v[173] = cl(dWzh, G['Wzh'])
v[174] = cl(dbzx, G['bzx']); v[175] = cl(dWzx, G['Wzx'])
v[178] = cl(dLdr_t, node_grad('r'))
v[181] = cl(dLdr_5, node_grad('r5'))
v[182] = cl(dbrh, G['brh']); v[183] = cl(dWrh, G['Wrh'])
v[184] = cl(dbrx, G['brx']); v[185] = cl(dWrx, G['Wrx'])
xx = x.copy(); v[187] = cl(dx[0], ng(lambda: L(P, xx, hp), xx))
hh = hp.copy(); v[191] = cl(dh_prev[0], ng(lambda: L(P, x, hh), hh))

expected = {k: True for k in v}
assert len(expected) == 46
for k, e in expected.items():
    assert bool(v[k]) == e, (k, v[k], e)
print("fd_rslim97_11785_gru_cell: all %d verdicts confirmed" % len(expected))
