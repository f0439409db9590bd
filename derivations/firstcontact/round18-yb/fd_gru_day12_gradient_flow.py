"""FD check of gru_day12_gradient_flow.md.
GRU: z = sig(W_z [h_{t-1}; x_t] + b_z), r = sig(W_r [h; x] + b_r), ht~ = tanh(W_h [r*h; x] + b_h),
h_t = (1-z)*h_{t-1} + z*ht~ (z weights the NEW candidate); column vectors; W_* = [W_*h | W_*x] split by columns.
Jacobians are compared with central differences of h_t(h_{t-1})."""
import numpy as np
rng = np.random.default_rng(2)
H, D = 4, 3
W = {g: rng.normal(size=(H, H + D)) for g in 'zrh'}; b = {g: rng.normal(size=H) * 0.3 for g in 'zrh'}
sig = lambda a: 1 / (1 + np.exp(-a))
x = rng.normal(size=D); hp = rng.normal(size=H) * 0.8
def cell(h, x, r_fixed=None):
    z = sig(W['z'] @ np.r_[h, x] + b['z'])
    r = sig(W['r'] @ np.r_[h, x] + b['r']) if r_fixed is None else r_fixed
    a = W['h'] @ np.r_[r * h, x] + b['h']
    ht = np.tanh(a)
    return (1 - z) * h + z * ht, z, r, ht, a
def jac(f, v, eps=1e-6):
    return np.array([(f(v + e) - f(v - e)) / (2 * eps) for e in np.eye(len(v)) * eps]).T
h, z, r, ht, a = cell(hp, x)
Wzh, Wrh, Whh = W['z'][:, :H], W['r'][:, :H], W['h'][:, :H]
Whx = W['h'][:, H:]
ok = lambda A, B: np.allclose(A, B, atol=1e-6)
J_tot = jac(lambda v: cell(v, x)[0], hp)
A_part = np.diag(1 - ht ** 2) @ Whh @ np.diag(r)                    # line 75 as written
A_num_part = jac(lambda v: cell(v, x, r_fixed=r)[3], hp)              # r held fixed
A_num_tot = jac(lambda v: cell(v, x)[3], hp)
dz_dh = np.diag(z * (1 - z)) @ Wzh
dr_dh = np.diag(r * (1 - r)) @ Wrh
dht_dr = np.diag(1 - ht ** 2) @ Whh @ np.diag(hp)
res = {}
res['L45 z=1 => h_t = ht~'] = True  # (1-1)*h + 1*ht~ = ht~ (algebra)
res['L46 z=0 => h_t = h_{t-1}'] = True
hh, dd = 7, 5
res['L37 3h(h+d)+3h = 3h(h+d+1)'] = 3 * hh * (hh + dd) + 3 * hh == 3 * hh * (hh + dd + 1)
res['L54 diag(1-z) + diag(z) A (A partial) = total Jacobian (expect False)'] = ok(np.diag(1 - z) + np.diag(z) @ A_part, J_tot)
res['L54 diag(1-z) + diag(z) A (A total) = total Jacobian (expect False)'] = ok(np.diag(1 - z) + np.diag(z) @ A_num_tot, J_tot)
res['L75 dht~/dh_{t-1} formula = partial with r fixed'] = ok(A_part, A_num_part)
res['    L75 formula = total dht~/dh_{t-1} (expect False)'] = ok(A_part, A_num_tot)
res['L86 element-wise form = matrix form'] = ok(np.tanh(np.array([sum(Whh[j, k] * r[k] * hp[k] for k in range(H)) + sum(Whx[j, i] * x[i] for i in range(D)) + b['h'][j] for j in range(H)])), ht)
J_103 = np.diag(1 - z) + np.diag(z) @ A_part + np.diag(ht - hp) @ dz_dh + np.diag(z) @ dht_dr @ dr_dh
# '(dz/dh) o (ht~ - h)' read as row-wise scaling (broadcast of the column over the Jacobian's rows)
J_103_bcast = np.diag(1 - z) + np.diag(z) @ A_part + dz_dh * (ht - hp)[:, None] + np.diag(z) @ dht_dr @ dr_dh
res['L103 4-term decomposition (A partial) = total Jacobian'] = ok(J_103, J_tot) and ok(J_103_bcast, J_tot)
res['    L103 with A total (double-counts the reset path) (expect False)'] = ok(J_103 - np.diag(z) @ A_part + np.diag(z) @ A_num_tot, J_tot)
# line 100: dL/dh_{t-1} = dL/dh_t dh_t/dh_{t-1}  (row-vector gradient times Jacobian)
c = rng.normal(size=H); c2 = rng.normal(size=H)
Lf = lambda v: c @ cell(v, x)[0]                      # loss reaching h_{t-1} only through h_t
g = np.array([(Lf(hp + e) - Lf(hp - e)) / 2e-6 for e in np.eye(H) * 1e-6])
res['L100 chain (loss only through h_t)'] = ok(g, c @ J_tot)
Lf2 = lambda v: c @ cell(v, x)[0] + c2 @ v            # plus a loss term at step t-1
g2 = np.array([(Lf2(hp + e) - Lf2(hp - e)) / 2e-6 for e in np.eye(H) * 1e-6])
res['    L100 chain with a loss at step t-1 too (expect False)'] = ok(g2, c @ J_tot)
# line 121: vanilla RNN h_t = tanh(z_t), z_t = W_hh h_{t-1} + W_xh x_t + b
Wv, Ux, bv = rng.normal(size=(H, H)), rng.normal(size=(H, D)), rng.normal(size=H)
f = lambda v: np.tanh(Wv @ v + Ux @ x + bv)
zz = Wv @ hp + Ux @ x + bv
res['L121 vanilla RNN Jacobian diag(tanh\'(z_t)) W_hh'] = ok(jac(f, hp), np.diag(1 - np.tanh(zz) ** 2) @ Wv)
for k, v in res.items(): print(('PASS ' if v else 'FAIL ') + k)
