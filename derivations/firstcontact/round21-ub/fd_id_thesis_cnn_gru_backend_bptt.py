# FD check for id_thesis_cnn_gru_backend_bptt.md (GRU back-end of the thesis draft).
# Reading: column vectors (the feed-forward rows put the weights on the left: W_h O_Cc(t) + U_h (r_t . h_{t-1}) + b_h),
# O_Cc(t) = the t-th time-step feature vector (2 values) used as a column; Cho et al. (2014) update
# h_t = z_t . h_{t-1} + (1 - z_t) . htilde_t (z weights the OLD state); h_0 = 0; L = 6 steps; H = 2.
# O_GRU = Concat(h_1..h_6) column-wise (2 x 6); O_FC = Flatten(O_GRU^T) row-wise (12), classifier
# y = sigmoid(O_FC^T W_O + b_O) with 3 outputs and a weighted BCE (constants P_w, N_w), as in the thesis.
import numpy as np
rng = np.random.default_rng(11)
H = D = 2; T = 6; NC = 3
sg = lambda a: 1 / (1 + np.exp(-a))
P = {k: rng.normal(size=(H, D)) * .7 for k in ('Wh', 'Wz', 'Wr')}
P.update({k: rng.normal(size=(H, H)) * .7 for k in ('Uh', 'Uz', 'Ur')})
P.update({k: rng.normal(size=(H, 1)) * .3 for k in ('bh', 'bz', 'br')})
WO = rng.normal(size=(12, NC)) * .5; bO = rng.normal(size=(1, NC)) * .2
tn = np.array([[1., 0., 1.]]); pn = np.array([[.3, .5, .2]]); Pw = 2 / (1 + pn); Nw = 2 * pn / (1 + pn)
Occ = rng.normal(size=(T + 1, D, 1))          # O_Cc(t), t = 1..6
EPS = 1e-6
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-6, rtol=1e-5)
KEYS = ('zh', 'zz', 'zr', 'r', 'z', 'hc', 'h')
def head(OGRU):
    OFC = OGRU.T.reshape(-1, 1)                       # Flatten(O_GRU^T), row-wise: [h_1; h_2; ...; h_6]
    y = sg(OFC.T @ WO + bO)
    return float(-np.mean(Pw * tn * np.log(y) + Nw * (1 - tn) * np.log(1 - y))), OFC
def fwd(P, pert=None, hin_pert=None):
    pp = lambda kind, t, v: v + pert[2] if (pert and pert[0] == kind and pert[1] == t) else v
    c = {k: {} for k in KEYS}; c['h'][0] = np.zeros((H, 1))
    for t in range(1, T + 1):
        hp = c['h'][t - 1]
        hq = {k: hp + (hin_pert[2] if (hin_pert and hin_pert[1] == t and hin_pert[0] in (k, 'all')) else 0) for k in ('lin', 'cand', 'upd', 'res')}
        x = pp('x', t, Occ[t])
        zz = pp('zz', t, P['Wz'] @ x + P['Uz'] @ hq['upd'] + P['bz']); zr = pp('zr', t, P['Wr'] @ x + P['Ur'] @ hq['res'] + P['br'])
        z = pp('z', t, sg(zz)); r = pp('r', t, sg(zr))
        zh = pp('zh', t, P['Wh'] @ x + P['Uh'] @ (r * hq['cand']) + P['bh']); hc = pp('hc', t, np.tanh(zh))
        h = pp('h', t, z * hq['lin'] + (1 - z) * hc)
        for k, v in zip(KEYS, (zh, zz, zr, r, z, hc, h)): c[k][t] = v
    OGRU = np.hstack([c['h'][t] for t in range(1, T + 1)])
    if pert and pert[0] == 'OGRU': OGRU = OGRU + pert[2]
    c['OGRU'] = OGRU; c['L'], c['OFC'] = head(OGRU); return c
C = fwd(P)
def g(kind, t, shape, **kw):
    out = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = EPS
        if kind == 'hin': out[idx] = (fwd(P, hin_pert=(kw['which'], t, e))['L'] - fwd(P, hin_pert=(kw['which'], t, -e))['L']) / (2 * EPS)
        else: out[idx] = (fwd(P, (kind, t, e))['L'] - fwd(P, (kind, t, -e))['L']) / (2 * EPS)
    return out
def gp(name):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        G[idx] = (fwd(Pp)['L'] - fwd(Pm)['L']) / (2 * EPS)
    return G
# forward rows 26, 35, 43, 44 and the redefinitions 84-86
t = 3; hp = C['h'][t - 1]; x = Occ[t]
chk(43, close(C['z'][t], sg(P['Wz'] @ x + P['Uz'] @ hp + P['bz']))); chk(44, close(C['r'][t], sg(P['Wr'] @ x + P['Ur'] @ hp + P['br'])))
chk(35, close(C['hc'][t], np.tanh(P['Wh'] @ x + P['Uh'] @ (C['r'][t] * hp) + P['bh'])))
chk(26, close(C['h'][t], C['z'][t] * hp + (1 - C['z'][t]) * C['hc'][t]))
chk(84, close(C['hc'][t], np.tanh(C['zh'][t]))); chk(85, close(C['z'][t], sg(C['zz'][t]))); chk(86, close(C['r'][t], sg(C['zr'][t])))
# 67: dL/dO_GRU (2 x 6) = Reshape(dL/dO_FC, (6, 2))
dOGRU = g('OGRU', None, (H, T))
dOFC = np.zeros((12, 1))
for i in range(12):
    e = np.zeros((12, 1)); e[i] = EPS
    dOFC[i] = (head((C['OFC'] + e).reshape(T, H).T)[0] - head((C['OFC'] - e).reshape(T, H).T)[0]) / (2 * EPS)
R = dOFC.reshape(6, 2)
chk(67, close(dOGRU, R))
print('  info 67: Reshape(dL/dO_FC,(6,2)) equals the TRANSPOSE of dL/dO_GRU (row t = gradient of h_t):', close(dOGRU.T, R))
direct = {t: dOGRU[:, [t - 1]] for t in range(1, T + 1)}       # [dL/dO_GRU]_t, the direct gradient of h_t
dh = {t: g('h', t, (H, 1)) for t in range(1, T + 1)}           # total dL/dh_t
# 73: dL/dh_t = [dL/dO_GRU]_t + dO_GRU/dh_{t+1} dh_{t+1}/dh_t: the second term is a Jacobian of O_GRU, not a gradient of L
# (O_GRU depends on h_{t+1} through the identity block: dO_GRU/dh_{t+1} dh_{t+1}/dh_t is a (2*6) x 2 matrix, ill-typed next to a 2-vector)
def jac_hnext(t):
    J = np.zeros((H, H))
    for l in range(H):
        e = np.zeros((H, 1)); e[l] = EPS
        J[:, l] = ((fwd(P, hin_pert=('all', t + 1, e))['h'][t + 1] - fwd(P, hin_pert=('all', t + 1, -e))['h'][t + 1]) / (2 * EPS))[:, 0]
    return J
ok73 = True
for t in range(1, T):
    Jt = jac_hnext(t)
    sel = np.zeros((H * T, H)); sel[H * t:H * (t + 1), :] = np.eye(H)   # dO_GRU/dh_{t+1} (flattened by columns of O_GRU)
    term = sel @ Jt                                                      # (12 x 2): cannot be added to the 2-vector
    ok73 &= term.shape == (H, 1) and close(dh[t], direct[t] + term)
chk(73, ok73)
print('  info 73: with dL/dh_{t+1} in place of dO_GRU/dh_{t+1}: dL/dh_t = [dL/dO_GRU]_t + (dh_{t+1}/dh_t)^T dL/dh_{t+1}:',
      all(close(dh[t], direct[t] + jac_hnext(t).T @ dh[t + 1]) for t in range(1, T)))
chk(79, close(dh[T], direct[T]))   # no h_7: the future gradient at t = 6 is zero
# 92, 97, 102, 107, 112, 119: per-step gradients
dzh = {}; dzz = {}; dzr = {}
for t in range(1, T + 1):
    z, r, hc, hp = C['z'][t], C['r'][t], C['hc'][t], C['h'][t - 1]
    d_hc = dh[t] * (1 - z); chk(92, close(d_hc, g('hc', t, (H, 1))))
    dzh[t] = d_hc * (1 - hc * hc); chk(97, close(dzh[t], g('zh', t, (H, 1))))
    d_z = dh[t] * (hp - hc); chk(102, close(d_z, g('z', t, (H, 1))))
    dzz[t] = d_z * (z * (1 - z)); chk(107, close(dzz[t], g('zz', t, (H, 1))))
    d_r_true = g('r', t, (H, 1))
    try: lit = (dzh[t] @ P['Uh']) * hp; ok = close(lit, d_r_true)
    except ValueError: ok = False                                         # (2x1)(2x2): ill-typed in the column layout
    chk(112, ok)
    if t == 2: print('  info 112: (U_h^T delta) * h_{t-1} (= the row reading delta^T U_h) matches:', close((P['Uh'].T @ dzh[t]) * hp, d_r_true))
    dzr[t] = d_r_true * (r * (1 - r)); chk(119, close(dzr[t], g('zr', t, (H, 1))))
# 126: dL/dh_{t-1} (total) = (dL/dh_t . z_t) + ((U_h^T dzh) . r_t) + U_z^T dzz + U_r^T dzr
ok126 = True; ok126_rec = True
for t in range(2, T + 1):
    rhs = dh[t] * C['z'][t] + (P['Uh'].T @ dzh[t]) * C['r'][t] + P['Uz'].T @ dzz[t] + P['Ur'].T @ dzr[t]
    ok126 &= close(dh[t - 1], rhs)
    ok126_rec &= close(g('hin', t, (H, 1), which='all'), rhs)   # the part of dL/dh_{t-1} flowing through step t
chk(126, ok126)
print('  info 126: the second line equals the recurrent part (h_{t-1} perturbed only inside step t):', ok126_rec)
# parameter gradients 133-170 (sums over t = 1..6 of the true pre-activation gradients)
S = lambda f: sum(f(t) for t in range(1, T + 1))
chk(133, close(gp('Wh'), S(lambda t: dzh[t] @ Occ[t].T))); chk(138, close(gp('Uh'), S(lambda t: dzh[t] @ (C['r'][t] * C['h'][t - 1]).T)))
chk(143, close(gp('bh'), S(lambda t: dzh[t])))
chk(150, close(gp('Wz'), S(lambda t: dzz[t] @ Occ[t].T))); chk(154, close(gp('Uz'), S(lambda t: dzz[t] @ C['h'][t - 1].T))); chk(158, close(gp('bz'), S(lambda t: dzz[t])))
chk(162, close(gp('Wr'), S(lambda t: dzr[t] @ Occ[t].T))); chk(166, close(gp('Ur'), S(lambda t: dzr[t] @ C['h'][t - 1].T))); chk(170, close(gp('br'), S(lambda t: dzr[t])))
# 176: dL/dO_Cc(t) = W_h^T dzh + W_z^T dzz + W_r^T dzr (not summed over t)
chk(176, all(close(g('x', t, (D, 1)), P['Wh'].T @ dzh[t] + P['Wz'].T @ dzz[t] + P['Wr'].T @ dzr[t]) for t in range(1, T + 1)))
for ln in sorted(res): print(f'line {ln}: {"OK" if res[ln] else "MISMATCH"}')
