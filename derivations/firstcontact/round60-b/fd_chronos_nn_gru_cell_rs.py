# FD check of chronos-nn gru_cell.rs (column layout: W [H, I+H] . xh, xh = [x_t, h_prev]).
import numpy as np
rng = np.random.default_rng(61)
I, H = 3, 4
w_r, w_z, w_h = (rng.normal(0, 0.6, (H, I + H)) for _ in range(3))
b_r, b_z, b_h = (rng.normal(0, 0.3, H) for _ in range(3))
x = rng.normal(size=I); hp = rng.normal(size=H); G = rng.normal(size=H)
sig = lambda a: 1 / (1 + np.exp(-a))

def fwd(x, hp, w_r=w_r, w_z=w_z, w_h=w_h, b_r=b_r, b_z=b_z, b_h=b_h, p=None):
    p = p or {}
    xh = np.concatenate([x, hp])
    r = sig(w_r @ xh + b_r + p.get('ar', 0)) + p.get('r', 0)
    z = sig(w_z @ xh + b_z + p.get('az', 0)) + p.get('z', 0)
    xh_r = np.concatenate([x, r * hp]) + p.get('xh_r', 0)
    ht = np.tanh(w_h @ xh_r + b_h + p.get('ah', 0)) + p.get('ht', 0)
    h = (1 - z) * hp + z * ht
    return dict(xh=xh, r=r, z=z, xh_r=xh_r, ht=ht, h=h)

L = lambda **kw: G @ fwd(**kw)['h']
def fd(f, X, eps=1e-6):
    g = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        Xp = X.copy(); Xp[i] += eps; Xm = X.copy(); Xm[i] -= eps
        g[i] = (f(Xp) - f(Xm)) / (2 * eps)
    return g
pg = lambda key, n: fd(lambda E: L(x=x, hp=hp, p={key: E}), np.zeros(n))
res = {}
def check(line, a, t, expect):
    ok = np.allclose(a, t, atol=1e-6, rtol=1e-5); res[line] = ok
    assert ok == (expect == 'pass'), (line, expect, np.max(np.abs(a - t)))

c = fwd(x, hp)
# forward rows (27-32) vs the GRU described in the comments: h_t=(1-z)h_prev+z*tanh(W_h[x, r*h_prev]+b_h)
assert np.allclose(c['h'], (1 - c['z']) * hp + c['z'] * np.tanh(w_h[:, :I] @ x + w_h[:, I:] @ (c['r'] * hp) + b_h))
dh_next = G
r_t, z_t, h_tilde, xh = c['r'], c['z'], c['ht'], c['xh']
T_ht, T_z, T_ah, T_r, T_ar, T_az = pg('ht', H), pg('z', H), pg('ah', H), pg('r', H), pg('ar', H), pg('az', H)
check(52, dh_next * z_t, T_ht, 'pass')
check(53, dh_next * (h_tilde - hp), T_z, 'pass')
# line 54: direct path only (h_prev appears explicitly in (1-z)*h_prev)
direct = fd(lambda Hh: G @ ((1 - c['z']) * Hh), hp)
check(54, dh_next * (1.0 - z_t), direct, 'pass')
dtanh = T_ah
check(56, (1.0 - h_tilde ** 2) * T_ht, T_ah, 'pass')
check(59, r_t * hp, c['xh_r'][I:], 'pass')
check(60, np.concatenate([xh[:I], r_t * hp]), c['xh_r'], 'pass')
check(62, np.outer(dtanh, c['xh_r']), fd(lambda W: L(x=x, hp=hp, w_h=W), w_h), 'pass')
check(63, dtanh.copy(), fd(lambda b: L(x=x, hp=hp, b_h=b), b_h), 'pass')
check(65, (w_h[:, I:].T @ dtanh) * hp, T_r, 'pass')
check(68, T_r * r_t * (1.0 - r_t), T_ar, 'pass')
dsr = T_ar
check(69, np.outer(dsr, xh), fd(lambda W: L(x=x, hp=hp, w_r=W), w_r), 'pass')
check(70, dsr.copy(), fd(lambda b: L(x=x, hp=hp, b_r=b), b_r), 'pass')
check(72, T_z * z_t * (1.0 - z_t), T_az, 'pass')
dsz = T_az
check(73, np.outer(dsz, xh), fd(lambda W: L(x=x, hp=hp, w_z=W), w_z), 'pass')
check(74, dsz.copy(), fd(lambda b: L(x=x, hp=hp, b_z=b), b_z), 'pass')
# gradients wrt xh = [x_t, h_prev] through each path (others frozen)
def path_grad(which):
    def f(XH):
        xx, hh = XH[:I], XH[I:]
        r = sig(w_r @ (XH if which == 'r' else xh) + b_r)
        z = sig(w_z @ (XH if which == 'z' else xh) + b_z)
        if which == 'h':
            ht = np.tanh(w_h @ np.concatenate([xx, r_t * hh]) + b_h)
        else:
            ht = np.tanh(w_h @ np.concatenate([x, r * hp]) + b_h)
        return G @ ((1 - z) * hp + z * ht)
    return fd(f, xh.copy())
check(76, w_z.T @ dsz, path_grad('z'), 'pass')
check(77, w_r.T @ dsr, path_grad('r'), 'pass')
check(78, w_h.T @ dtanh, path_grad('h'), 'fail')        # h-slice lacks the r_t factor
true_dxh_h = path_grad('h')
assert np.allclose(true_dxh_h[I:], r_t * (w_h[:, I:].T @ dtanh)) and np.allclose(true_dxh_h[:I], (w_h.T @ dtanh)[:I])
true_dxh = path_grad('z') + path_grad('r') + true_dxh_h
check(79, path_grad('z') + path_grad('r') + true_dxh_h, true_dxh, 'pass')
true_dx = fd(lambda X: L(x=X, hp=hp), x); true_dhp = fd(lambda Hh: L(x=x, hp=Hh), hp)
check(80, true_dxh[:I], true_dx, 'pass')
# as published, dx is still right because the x-slice of w_h^T dtanh is right
assert np.allclose((w_z.T @ dsz + w_r.T @ dsr + w_h.T @ dtanh)[:I], true_dx)
check(81, true_dxh[I:] + dh_next * (1 - z_t) + (T_r * r_t), true_dhp, 'fail')
# also wrong with the author's own dxh
assert not np.allclose((w_z.T @ dsz + w_r.T @ dsr + w_h.T @ dtanh)[I:] + dh_next * (1 - z_t) + T_r * r_t, true_dhp)
print('verdicts confirmed:', {k: ('pass' if v else 'fail') for k, v in res.items()})
