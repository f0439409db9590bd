"""FD check of the GRU chapter 'GRU基本原理与实现' (Knowledge-Precipitation-Tribe/Recurrent-neural-network, commit 44faf23).

Author's layout: row vectors (batch rows), no biases.
    z_t = sig(h_{t-1} W_z + x_t U_z),  r_t = sig(h_{t-1} W_r + x_t U_r)
    h~_t = tanh((r_t o h_{t-1}) W_h + x_t U_h),  h_t = (1 - z_t) o h_{t-1} + z_t o h~_t
delta_t = dL/dh_t arriving at the cell (from t+1 and from the layer above); the delta_{z_*}
are gradients w.r.t. the pre-activations z_zt, z_rt, z_h~t; d_{W,t} are the step-t parameter
gradients; eqs (17)-(22) sum them over t = 1..tau.
Single-step rows use L1 = sum(G o h_t) (so delta_t = G); summed rows use the sequence loss
L = sum_t sum(G_t o h_t) with delta_t propagated by eq (23).
Line numbers are those of kpt_gru_notes_zh.md.
"""
import numpy as np

rng = np.random.default_rng(11)
B, I, H, TAU = 2, 3, 4, 4
Wz, Wr, Wh = (rng.normal(size=(H, H)) * 0.6 for _ in range(3))
Uz, Ur, Uh = (rng.normal(size=(I, H)) * 0.6 for _ in range(3))
sig = lambda a: 1 / (1 + np.exp(-a))
EPS = 1e-6


def ng(fun, a0):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += EPS; am = a0.copy(); am[idx] -= EPS
        g[idx] = (fun(ap) - fun(am)) / (2 * EPS)
    return g


close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-7, rtol=1e-6)
rep = lambda line, ok: print(f"line {line}: {'OK' if ok else 'MISMATCH'}")


def cell(x, hp, Wz=Wz, Wr=Wr, Wh=Wh, Uz=Uz, Ur=Ur, Uh=Uh, ez=0, er=0, eh=0):
    zz = hp @ Wz + x @ Uz + ez
    zr = hp @ Wr + x @ Ur + er
    z, r = sig(zz), sig(zr)
    zh = (r * hp) @ Wh + x @ Uh + eh
    n = np.tanh(zh)
    return dict(zz=zz, zr=zr, zh=zh, z=z, r=r, n=n, h=(1 - z) * hp + z * n)


# ---------------- single step ----------------
x = rng.normal(size=(B, I)); hp = rng.normal(size=(B, H)) * 0.8; G = rng.normal(size=(B, H))
c = cell(x, hp)
z, r, n, h = c['z'], c['r'], c['n'], c['h']
L1 = lambda **kw: np.sum(G * cell(**{'x': x, 'hp': hp, **kw})['h'])
rep(24, close(z, sig(np.einsum('bk,kh->bh', hp, Wz) + np.einsum('bi,ih->bh', x, Uz))))
rep(28, close(r, sig(np.einsum('bk,kh->bh', hp, Wr) + np.einsum('bi,ih->bh', x, Ur))))
rep(32, close(n, np.tanh(np.einsum('bk,kh->bh', r * hp, Wh) + np.einsum('bi,ih->bh', x, Uh))))
rep(36, close(h, (1 - z) * hp + z * n))
rep(54, close(c['zz'], hp @ Wz + x @ Uz))
rep(56, close(c['zr'], hp @ Wr + x @ Ur))
rep(58, close(c['zh'], (r * hp) @ Wh + x @ Uh))
d = G
# eq (8): three equal forms on line 62
dzz_mid = np.stack([d[b] @ (-np.diag(hp[b]) + np.diag(n[b])) @ np.diag(z[b] * (1 - z[b])) for b in range(B)])
dzz = d * (n - hp) * z * (1 - z)
fd_zz = ng(lambda a: L1(ez=a), np.zeros((B, H)))
rep(62, close(dzz_mid, fd_zz) and close(dzz, fd_zz))
# eqs (9) and (10) share line 64
dzh_mid = np.stack([d[b] @ np.diag(z[b]) @ np.diag(1 - n[b] ** 2) for b in range(B)])
dzh = d * z * (1 - n ** 2)
fd_zh = ng(lambda a: L1(eh=a), np.zeros((B, H)))
dzr_mid = np.stack([dzh[b] @ Wh.T @ np.diag(hp[b]) @ np.diag(r[b] * (1 - r[b])) for b in range(B)])
dzr = (dzh @ Wh.T) * hp * r * (1 - r)
fd_zr = ng(lambda a: L1(er=a), np.zeros((B, H)))
rep(64, close(dzh_mid, fd_zh) and close(dzh, fd_zh) and close(dzr_mid, fd_zr) and close(dzr, fd_zr))
rep(68, close((r * hp).T @ dzh, ng(lambda a: L1(Wh=a), Wh)))
rep(70, close(x.T @ dzh, ng(lambda a: L1(Uh=a), Uh)))
rep(72, close(hp.T @ dzr, ng(lambda a: L1(Wr=a), Wr)))
rep(74, close(x.T @ dzr, ng(lambda a: L1(Ur=a), Ur)))
rep(76, close(hp.T @ dzz, ng(lambda a: L1(Wz=a), Wz)))
rep(78, close(x.T @ dzz, ng(lambda a: L1(Uz=a), Uz)))
# eq (23) line 99, eq (24) line 104
dhp = d * (1 - z) + (dzh @ Wh.T) * r + dzr @ Wr.T + dzz @ Wz.T
rep(99, close(dhp, ng(lambda a: L1(hp=a), hp)))
dx = dzh @ Uh.T + dzr @ Ur.T + dzz @ Uz.T
rep(104, close(dx, ng(lambda a: L1(x=a), x)))

# ---------------- sequence: sums over t (17)-(22) with delta_t propagated by (23) ----------------
xs = rng.normal(size=(TAU + 1, B, I)); h0 = rng.normal(size=(B, H)) * 0.5; Gs = rng.normal(size=(TAU + 1, B, H))
P = dict(Wz=Wz, Wr=Wr, Wh=Wh, Uz=Uz, Ur=Ur, Uh=Uh)


def seq_loss(**kw):
    pp = {**P, **kw}; hh = h0; tot = 0.0
    for t in range(1, TAU + 1):
        hh = cell(xs[t], hh, **pp)['h']; tot += np.sum(Gs[t] * hh)
    return tot


hs = [h0]; cs = [None]
for t in range(1, TAU + 1):
    cs.append(cell(xs[t], hs[-1])); hs.append(cs[-1]['h'])
acc = {k: 0 for k in ('Wh', 'Uh', 'Wr', 'Ur', 'Wz', 'Uz')}
carry = np.zeros((B, H))
for t in range(TAU, 0, -1):
    cc, hpt = cs[t], hs[t - 1]
    dt = Gs[t] + carry
    a_zz = dt * (cc['n'] - hpt) * cc['z'] * (1 - cc['z'])
    a_zh = dt * cc['z'] * (1 - cc['n'] ** 2)
    a_zr = (a_zh @ Wh.T) * hpt * cc['r'] * (1 - cc['r'])
    acc['Wh'] += (cc['r'] * hpt).T @ a_zh; acc['Uh'] += xs[t].T @ a_zh
    acc['Wr'] += hpt.T @ a_zr; acc['Ur'] += xs[t].T @ a_zr
    acc['Wz'] += hpt.T @ a_zz; acc['Uz'] += xs[t].T @ a_zz
    carry = dt * (1 - cc['z']) + (a_zh @ Wh.T) * cc['r'] + a_zr @ Wr.T + a_zz @ Wz.T
for line, k in ((82, 'Wh'), (84, 'Uh'), (86, 'Wr'), (88, 'Ur'), (90, 'Wz'), (92, 'Uz')):
    rep(line, close(acc[k], ng(lambda a: seq_loss(**{k: a}), P[k])))
def seq_loss_h0(h0_):
    hh = h0_; tot = 0.0
    for t in range(1, TAU + 1):
        hh = cell(xs[t], hh)['h']; tot += np.sum(Gs[t] * hh)
    return tot
print('  (info) BPTT carried with eq (23) reproduces dL/dh_0:', close(carry, ng(seq_loss_h0, h0)))

# ---------------- code (lines 129-166), stacked W (3H,H) and U (3I,H) split in order z, r, n ----------------
W = np.concatenate([Wz, Wr, Wh], axis=0); U = np.concatenate([Uz, Ur, Uh], axis=0)
wz, wr, wn = (W[k * H:(k + 1) * H] for k in range(3))
uz, ur, un = (U[k * I:(k + 1) * I] for k in range(3))
cz = sig(np.dot(hp, wz) + np.dot(x, uz)); rep(129, close(cz, z))
cr = sig(np.dot(hp, wr) + np.dot(x, ur)); rep(130, close(cr, r))
cn = np.tanh(np.dot((cr * hp), wn) + np.dot(x, un)); rep(131, close(cn, n))
ch = (1 - cz) * hp + cz * cn; rep(132, close(ch, h))
in_grad = G
c_dzz = in_grad * (cn - hp) * cz * (1 - cz); rep(150, close(c_dzz, fd_zz))
c_dzn = in_grad * cz * (1 - cn * cn); rep(151, close(c_dzn, fd_zh))
c_dzr = np.dot(c_dzn, wn.T) * hp * cr * (1 - cr); rep(152, close(c_dzr, fd_zr))
rep(154, close(np.dot((cr * hp).T, c_dzn), ng(lambda a: L1(Wh=a), Wh)))
rep(155, close(np.dot(x.T, c_dzn), ng(lambda a: L1(Uh=a), Uh)))
rep(156, close(np.dot(hp.T, c_dzr), ng(lambda a: L1(Wr=a), Wr)))
rep(157, close(np.dot(x.T, c_dzr), ng(lambda a: L1(Ur=a), Ur)))
rep(158, close(np.dot(hp.T, c_dzz), ng(lambda a: L1(Wz=a), Wz)))
rep(159, close(np.dot(x.T, c_dzz), ng(lambda a: L1(Uz=a), Uz)))
c_dh = in_grad * (1 - cz) + np.dot(c_dzn, wn.T) * cr + np.dot(c_dzr, wr.T) + np.dot(c_dzz, wz.T)
rep(164, close(c_dh, ng(lambda a: L1(hp=a), hp)))
c_dx = np.dot(c_dzn, un.T) + np.dot(c_dzr, ur.T) + np.dot(c_dzz, uz.T)
rep(166, close(c_dx, ng(lambda a: L1(x=a), x)))
