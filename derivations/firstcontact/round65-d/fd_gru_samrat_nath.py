# FD check of gru_samrat_nath.md (Samrat Nath, GRU backward pass). numpy only.
# Column vectors; W_* ast v = matrix product; loss L = w . h_t (so Delta_{h_t} L = w).
import numpy as np
rng = np.random.default_rng(0)
H, D = 4, 3
P = {k: rng.normal(size=(H, H)) * 0.7 for k in ['Wzh', 'Wrh', 'Wh']}
P.update({k: rng.normal(size=(H, D)) * 0.7 for k in ['Wzx', 'Wrx', 'Wx']})
x = rng.normal(size=(D, 1)); hp = rng.normal(size=(H, 1)); w = rng.normal(size=(H, 1))
sig = lambda a: 1 / (1 + np.exp(-a)); f = np.tanh
dsig = lambda a: sig(a) * (1 - sig(a)); df = lambda a: 1 - np.tanh(a) ** 2

def fwd(P, x, hp, over=None):
    over = over or {}
    g1 = P['Wzh'] @ hp; g2 = P['Wzx'] @ x; g3 = g1 + g2
    z = over.get('z', sig(g3))
    g4 = P['Wrh'] @ hp; g5 = P['Wrx'] @ x; g6 = g4 + g5
    r = over.get('r', sig(g6))
    g7 = over.get('g7', r * hp)
    g8 = P['Wh'] @ g7; g9 = P['Wx'] @ x; g10 = over.get('g10', g8 + g9)
    ht_ = over.get('ht', f(g10))
    g11 = z * hp; g12 = (1 - z) * ht_
    h = g11 + g12
    return dict(g1=g1, g2=g2, g3=g3, z=z, g4=g4, g5=g5, g6=g6, r=r, g7=g7, g8=g8, g9=g9, g10=g10, ht=ht_, g11=g11, g12=g12, h=h)

L = lambda c: float((w * c['h']).sum())
c = fwd(P, x, hp)
# forward check: rewritten ops reproduce the compact equations (lines 21-27 vs 35-65)
z_ = sig(P['Wzh'] @ hp + P['Wzx'] @ x); r_ = sig(P['Wrh'] @ hp + P['Wrx'] @ x)
hh_ = f(P['Wh'] @ (r_ * hp) + P['Wx'] @ x); h_ = z_ * hp + (1 - z_) * hh_
print('forward rewrite == compact forward:', np.allclose(h_, c['h']) and np.allclose(z_, c['z']) and np.allclose(r_, c['r']))

eps = 1e-6
def fd_param(name):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += eps; Pm[name][idx] -= eps
        G[idx] = (L(fwd(Pp, x, hp)) - L(fwd(Pm, x, hp))) / (2 * eps)
    return G
def fd_vec(which):
    base = {'x': x, 'hp': hp}
    G = np.zeros_like(base[which])
    for i in range(G.shape[0]):
        vp = base[which].copy(); vm = base[which].copy(); vp[i] += eps; vm[i] -= eps
        a = dict(base); a[which] = vp; b = dict(base); b[which] = vm
        G[i] = (L(fwd(P, a['x'], a['hp'])) - L(fwd(P, b['x'], b['hp']))) / (2 * eps)
    return G
def fd_node(node):
    v0 = c[node]; G = np.zeros_like(v0)
    for i in range(G.shape[0]):
        vp = v0.copy(); vm = v0.copy(); vp[i] += eps; vm[i] -= eps
        G[i] = (L(fwd(P, x, hp, {node: vp})) - L(fwd(P, x, hp, {node: vm}))) / (2 * eps)
    return G

# author's backward, line by line (line numbers of gru_samrat_nath.md)
D_ = {}
D_['g11'] = D_['g12'] = w                                   # 71
D_['z'] = -D_['g12'] * c['ht']                              # 75
D_['ht'] = D_['g12'] * (1 - c['z'])                         # 77
dz_partial = D_['z'].copy()
D_['z'] = D_['z'] + D_['g11'] * hp                          # 81
D_['hp'] = D_['g11'] * c['z']                               # 83
hp_after83 = D_['hp'].copy()
D_['g10'] = D_['ht'] * df(c['g10'])                         # 89
D_['g8'] = D_['g9'] = D_['g10']                             # 93
D_['Wx'] = D_['g9'] @ x.T                                   # 97
D_['x'] = P['Wx'].T @ D_['g9']                              # 99
x_after99 = D_['x'].copy()
D_['Wh'] = D_['g8'] @ c['g7'].T                             # 103
D_['g7'] = P['Wh'].T @ D_['g8']                             # 105
D_['r'] = D_['g7'] * hp                                     # 109
D_['hp'] = D_['hp'] + D_['g7'] * c['r']                     # 111
hp_after111 = D_['hp'].copy()
D_['g6'] = D_['r'] * dsig(c['g6'])                          # 115
D_['g4'] = D_['g5'] = D_['g6']                              # 119
D_['Wrx'] = D_['g5'] @ x.T                                  # 123
D_['x'] = D_['x'] + P['Wrx'].T @ D_['g5']                   # 125
x_after125 = D_['x'].copy()
D_['Wrh'] = D_['g4'] @ hp.T                                 # 129
D_['hp'] = D_['hp'] + P['Wrh'].T @ D_['g4']                 # 131
hp_after131 = D_['hp'].copy()
D_['g3'] = D_['z'] * dsig(c['g3'])                          # 135
D_['g1'] = D_['g2'] = D_['g3']                              # 139
D_['Wzx'] = D_['g2'] @ x.T                                  # 143
D_['x'] = D_['x'] + P['Wzx'].T @ D_['g2']                   # 145
D_['Wzh'] = D_['g1'] @ hp.T                                 # 149
D_['hp'] = D_['hp'] + P['Wzh'].T @ D_['g1']                 # 151

def rep(line, name, a, b):
    ok = np.allclose(a, b, atol=1e-6)
    print(f'line {line:>3} {name:<38} {"AGREE" if ok else "DISAGREE"}  max|diff|={np.abs(a-b).max():.2e}')

# reference partial gradients for the one-step partial accumulations
# dL/dz holding ht fixed -> exactly (hp - ht)*w ; after line 75 only the -ht part is present
rep(75, 'Delta_z (first part, -w*ht)', dz_partial, -w * c['ht'])
rep(81, 'Delta_z total', D_['z'], fd_node('z'))
rep(77, 'Delta_ht', D_['ht'], fd_node('ht'))
rep(83, 'Delta_h_{t-1} direct path (w*z)', hp_after83, w * c['z'])
rep(89, 'Delta_g10', D_['g10'], fd_node('g10'))
rep(97, 'Delta_W_x', D_['Wx'], fd_param('Wx'))
rep(99, 'Delta_x via g9 only', x_after99, P['Wx'].T @ fd_node('g10'))
rep(103, 'Delta_W_h', D_['Wh'], fd_param('Wh'))
rep(105, 'Delta_g7', D_['g7'], fd_node('g7'))
rep(109, 'Delta_r_t', D_['r'], fd_node('r'))
rep(111, 'Delta_h_{t-1} after += g7*r', hp_after111, w * c['z'] + fd_node('g7') * c['r'])
rep(115, 'Delta_g6 (via FD of r)', D_['g6'], fd_node('r') * dsig(c['g6']))
rep(123, 'Delta_W_rx', D_['Wrx'], fd_param('Wrx'))
rep(125, 'Delta_x after += Wrx^T g5', x_after125, P['Wx'].T @ fd_node('g10') + P['Wrx'].T @ (fd_node('r') * dsig(c['g6'])))
rep(129, 'Delta_W_rh', D_['Wrh'], fd_param('Wrh'))
rep(131, 'Delta_h_{t-1} after += Wrh^T g4', hp_after131, w * c['z'] + fd_node('g7') * c['r'] + P['Wrh'].T @ (fd_node('r') * dsig(c['g6'])))
rep(135, 'Delta_g3 (via FD of z)', D_['g3'], fd_node('z') * dsig(c['g3']))
rep(143, 'Delta_W_zx', D_['Wzx'], fd_param('Wzx'))
rep(145, 'Delta_x_t total', D_['x'], fd_vec('x'))
rep(149, 'Delta_W_zh', D_['Wzh'], fd_param('Wzh'))
rep(151, 'Delta_h_{t-1} total', D_['hp'], fd_vec('hp'))
# helper derivatives used (sigma', f')
a = rng.normal(size=5); e = 1e-6
rep(0, "sigma'(g) = sigma(1-sigma) helper", dsig(a), (sig(a + e) - sig(a - e)) / (2 * e))
rep(0, "f'(g) = 1 - tanh^2 helper", df(a), (np.tanh(a + e) - np.tanh(a - e)) / (2 * e))
