# FD check of TinyDL-0.01 GruLayer.java (row-vector layout: x (B,D) . W (D,H)).
import numpy as np
rng = np.random.default_rng(60)
B, D, H = 3, 4, 5
P = {k: rng.normal(0, 0.5, s) for k, s in
     [('w_z', (D, H)), ('u_z', (H, H)), ('b_z', (1, H)), ('w_r', (D, H)), ('u_r', (H, H)), ('b_r', (1, H)),
      ('w_h', (D, H)), ('u_h', (H, H)), ('b_h', (1, H))]}
sig = lambda a: 1 / (1 + np.exp(-a))
x1 = rng.normal(size=(B, D)); x2 = rng.normal(size=(B, D)); G = rng.normal(size=(B, H))

def step(P, x, h, first, pert=None):
    p = pert or {}
    az = x @ P['w_z'] + P['b_z'] + (0 if first else h @ P['u_z']) + p.get('az', 0)
    z = sig(az) + p.get('z', 0)
    ar = x @ P['w_r'] + P['b_r'] + (0 if first else h @ P['u_r']) + p.get('ar', 0)
    r = sig(ar) + p.get('r', 0)
    rs = None if first else r * h
    ah = x @ P['w_h'] + P['b_h'] + (0 if first else rs @ P['u_h']) + p.get('ah', 0)
    hc = np.tanh(ah) + p.get('hc', 0)
    hn = (1 - z) * hc if first else z * h + (1 - z) * hc
    return dict(az=az, z=z, ar=ar, r=r, rs=rs, ah=ah, hc=hc, h=hn)

def fd(fun, X, eps=1e-6):
    g = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        Xp = X.copy(); Xp[i] += eps; Xm = X.copy(); Xm[i] -= eps
        g[i] = (fun(Xp) - fun(Xm)) / (2 * eps)
    return g

def pert_grad(key, x, h, first, shape):
    return fd(lambda E: np.sum(G * step(P, x, h, first, {key: E})['h']), np.zeros(shape))

def param_grad(name, x, h, first):
    def f(W):
        Q = dict(P); Q[name] = W
        return np.sum(G * step(Q, x, h, first)['h'])
    return fd(f, P[name])

res = {}
def check(line, author, true, expect):
    ok = np.allclose(author, true, atol=1e-6, rtol=1e-5)
    res[line] = ok
    assert ok == (expect == 'pass'), (line, expect, np.max(np.abs(author - true)))

# ---------- general step (t=2) ----------
h1 = step(P, x1, None, True)['h']
c = step(P, x2, h1, False)
T = lambda k, shape=(B, H): pert_grad(k, x2, h1, False, shape)
# forward rows checked against the model in the docstring
hd_doc = (1 - c['z']) * c['hc'] + c['z'] * h1
assert np.allclose(c['h'], hd_doc)
dhNext = G                                         # line 89
stateValue = c['h']; state = c['h']                # after forward, state holds h_t
resetState = c['rs']; oneMinusZ = 1 - c['z']
true_dz_raw = T('z'); true_dz = T('az'); true_dhc_raw = T('hc'); true_dhc = T('ah')
true_dr_raw = T('r'); true_dr = T('ar')
check(92, dhNext * (stateValue - c['hc']), true_dz_raw, 'fail')
check(94, true_dz_raw * c['z'] * (1 - c['z']), true_dz, 'pass')
check(97, dhNext * oneMinusZ, true_dhc_raw, 'pass')
check(99, true_dhc_raw * (1 - c['hc'] ** 2), true_dhc, 'pass')
check(104, (true_dhc @ P['u_h'].T) * state, true_dr_raw, 'fail')
check(106, true_dr_raw * c['r'] * (1 - c['r']), true_dr, 'pass')
dz, dr, dhc = true_dz, true_dr, true_dhc
check(124, x2.T @ dz, param_grad('w_z', x2, h1, False), 'pass')
check(125, state.T @ dz, param_grad('u_z', x2, h1, False), 'fail')
check(126, dz.sum(0, keepdims=True), param_grad('b_z', x2, h1, False), 'pass')
check(129, x2.T @ dr, param_grad('w_r', x2, h1, False), 'pass')
check(130, state.T @ dr, param_grad('u_r', x2, h1, False), 'fail')
check(131, dr.sum(0, keepdims=True), param_grad('b_r', x2, h1, False), 'pass')
check(134, x2.T @ dhc, param_grad('w_h', x2, h1, False), 'pass')
check(135, resetState.T @ dhc, param_grad('u_h', x2, h1, False), 'pass')
check(136, dhc.sum(0, keepdims=True), param_grad('b_h', x2, h1, False), 'pass')
true_dx = fd(lambda X: np.sum(G * step(P, X, h1, False)['h']), x2)
check(139, dz @ P['w_z'].T + dr @ P['w_r'].T + dhc @ P['w_h'].T, true_dx, 'pass')
true_dh = fd(lambda Hh: np.sum(G * step(P, x2, Hh, False)['h']), h1)
# line 144 + 149 together give dL/dh_{t-1}; line 144 alone is the part through the gates/candidate
part144 = dz @ P['u_z'].T + dr @ P['u_r'].T + (dhc @ P['u_h'].T) * c['r']
check(144, part144, true_dh - dhNext * c['z'], 'pass')
check(149, part144 + dhNext * c['z'], true_dh, 'pass')
# ---------- first step (state == null): h_1 = (1-z) * u, h_0 implicitly 0 ----------
c1 = step(P, x1, None, True)
T1 = lambda k: pert_grad(k, x1, None, True, (B, H))
d1_z_raw = T1('z'); d1_z = T1('az'); d1_hc = T1('ah')
assert not np.allclose(G * (c1['h'] - c1['hc']), d1_z_raw)   # line 92 also wrong at the first step
assert np.allclose(T1('ar'), 0)                                # line 108: r unused at the first step
check(108, np.zeros((B, H)), T1('ar'), 'pass')
check(154, x1.T @ d1_z, param_grad('w_z', x1, None, True), 'pass')
check(155, d1_z.sum(0, keepdims=True), param_grad('b_z', x1, None, True), 'pass')
check(159, x1.T @ np.zeros((B, H)), param_grad('w_r', x1, None, True), 'pass')
check(160, np.zeros((1, H)), param_grad('b_r', x1, None, True), 'pass')
check(164, x1.T @ d1_hc, param_grad('w_h', x1, None, True), 'pass')
check(165, d1_hc.sum(0, keepdims=True), param_grad('b_h', x1, None, True), 'pass')
t1_dx = fd(lambda X: np.sum(G * step(P, X, None, True)['h']), x1)
check(169, d1_z @ P['w_z'].T + 0 @ P['w_r'].T if False else d1_z @ P['w_z'].T + np.zeros((B, H)) @ P['w_r'].T + d1_hc @ P['w_h'].T, t1_dx, 'pass')
# forward rows: first-step h_1 = (1-z)*u equals the docstring with h_0 = 0
assert np.allclose(c1['h'], (1 - c1['z']) * c1['hc'] + c1['z'] * 0)
print('all verdicts confirmed:', {k: ('pass' if v else 'fail') for k, v in res.items()})
