# Finite-difference check of starflyyy_gru_aacdac2.md (README + GRU.py at aacdac2).
# Column vectors; W_z, W_r, W_g of shape (H, x_dim + H) acting on [x_t, h_{t-1}] / [x_t, r*h_{t-1}].
# h_t = z*h_{t-1} + (1-z)*g.  Loss: author's ToyLossLayer summed over t: sum_t (h_t[0] - y_t)^2.
import numpy as np

rng = np.random.default_rng(7)
xd, H, T = 3, 4, 3
xs = [rng.normal(size=xd) for _ in range(T)]
ys = rng.normal(size=T)
wz, wr, wg = (rng.normal(scale=0.6, size=(H, xd + H)) for _ in range(3))
bz, br, bg = (rng.normal(scale=0.3, size=H) for _ in range(3))
sig = lambda a: 1. / (1 + np.exp(-a))
Wzh, Wrh, Wgh = wz[:, xd:], wr[:, xd:], wg[:, xd:]   # "W_z 的后h列"

def forward(taps=None, W=None):
    taps = taps or {}; W = W or dict(wz=wz, wr=wr, wg=wg, bz=bz, br=br, bg=bg)
    Tp = lambda n, t, k=H: taps.get((n, t), np.zeros(k))
    h = np.zeros(H); L = 0.0; cache = []
    for t in range(T):
        hp = h + Tp('hp', t)
        x = xs[t] + Tp('x', t, xd)
        Az = W['wz'] @ np.hstack((x, hp + Tp('hp_z', t))) + W['bz'] + Tp('Az', t)
        z = sig(Az) + Tp('z', t)
        Ar = W['wr'] @ np.hstack((x, hp + Tp('hp_r', t))) + W['br'] + Tp('Ar', t)
        r = sig(Ar) + Tp('r', t)
        rh = r * (hp + Tp('hp_c', t)) + Tp('rh', t)
        Ag = W['wg'] @ np.hstack((x, rh)) + W['bg'] + Tp('Ag', t)
        g = np.tanh(Ag) + Tp('g', t)
        h = z * (hp + Tp('hp_d', t)) + (1 - z) * g + Tp('h', t)
        L += (h[0] - ys[t]) ** 2
        cache.append(dict(hp=hp, x=x, z=z, r=r, g=g, h=h, xc=np.hstack((x, hp)), xrh=np.hstack((x, r * hp))))
    return L, cache

def fd(name, t, k=H, eps=1e-6):
    gr = np.zeros(k)
    for i in range(k):
        e = np.zeros(k); e[i] = eps
        gr[i] = (forward({(name, t): e})[0] - forward({(name, t): -e})[0]) / (2 * eps)
    return gr

def fdW(key, eps=1e-6):
    base = dict(wz=wz, wr=wr, wg=wg, bz=bz, br=br, bg=bg)
    gr = np.zeros_like(base[key])
    for idx in np.ndindex(*base[key].shape):
        Wp = {k: v.copy() for k, v in base.items()}; Wm = {k: v.copy() for k, v in base.items()}
        Wp[key][idx] += eps; Wm[key][idx] -= eps
        gr[idx] = (forward(W=Wp)[0] - forward(W=Wm)[0]) / (2 * eps)
    return gr

close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
results = {}
def check(line, ok, expected):
    got = 'pass' if ok else 'fail'; results[line] = got
    assert got == expected, (line, got, expected)

L0, cache = forward()
# helpers (GRU.py lines 50, 53, 56)
a = rng.normal(size=5)
check(50, close(1. / (1 + np.exp(-a)), sig(a)), 'pass')
check(53, close(sig(a) * (1 - sig(a)), np.exp(-a) / (1 + np.exp(-a))**2), 'pass')
check(56, close(1. - np.tanh(a)**2, 1 / np.cosh(a)**2), 'pass')

# forward rows (README 16-19, 23-25; GRU.py 69-81) executed literally
okf = {k: True for k in [16, 17, 18, 19, 23, 24, 25, 69, 74, 75, 76, 79, 80, 81]}
h_prev = None
for t in range(T):
    c = cache[t]; x = xs[t]
    if h_prev is None: h_prev = np.zeros(H)                     # 69
    okf[69] &= close(h_prev, c['hp'])
    xc = np.hstack((x, h_prev)); okf[74] &= close(xc, c['xc'])
    A_z = wz @ xc + bz; z = sig(A_z); okf[75] &= close(z, c['z']); okf[16] &= close(z, c['z']); okf[23] &= close(sig(A_z), c['z'])
    A_r = wr @ xc + br; r = sig(A_r); okf[76] &= close(r, c['r']); okf[17] &= close(r, c['r']); okf[24] &= close(sig(A_r), c['r'])
    xrh = np.hstack((x, r * h_prev)); okf[79] &= close(xrh, c['xrh'])
    A_g = wg @ xrh + bg; g = np.tanh(A_g); okf[80] &= close(g, c['g']); okf[18] &= close(g, c['g']); okf[25] &= close(np.tanh(A_g), c['g'])
    hn = (np.ones_like(z) - z) * g + z * h_prev; okf[81] &= close(hn, c['h'])
    okf[19] &= close(z * h_prev + (1 - z) * g, c['h'])
    h_prev = hn
for k, v in okf.items(): check(k, v, 'pass')

# README backward rows and GRU.py top_diff_is rows, each with TRUE inputs
lines = [27, 28, 29, 30, 32, 33, 35, 85, 86, 89, 90, 93, 95, 106, 107, 108, 109, 112, 134, 142, 143]
ok = {k: True for k in lines}
true = {}
for t in reversed(range(T)):
    c = cache[t]; hp, z, r, g = c['hp'], c['z'], c['r'], c['g']
    dh = fd('h', t)                        # δh_t (total) = top_diff_h
    dz_t, dg_t = fd('z', t), fd('g', t)
    dAz, dAg, dr_t, dAr = fd('Az', t), fd('Ag', t), fd('r', t), fd('Ar', t)
    dhprev = fd('hp', t)                   # δh_{t-1} through step t
    # README
    ok[27] &= close(dh * (hp - g), dz_t)
    ok[28] &= close(dh * (1 - z), dg_t)
    ok[29] &= close(dz_t * z * (1 - z), dAz)
    ok[30] &= close(dg_t * (1 - g) ** 2, dAg)
    ok[32] &= close(dAg * (Wgh.T @ hp + bg), dr_t)
    ok[33] &= close(dr_t * r * (1 - r), dAr)
    ok[35] &= close(dh * z + Wrh @ dAr + Wzh @ dAz + Wgh @ (dAg * r), dhprev)
    # GRU.py top_diff_is
    dz = (hp - g) * dh; ok[85] &= close(dz, dz_t)
    dg = (np.ones_like(z) - z) * dh; ok[86] &= close(dg, dg_t)
    ok[89] &= close(z * (1 - z) * dz_t, dAz)
    ok[90] &= close((1. - g ** 2) * dg_t, dAg)
    dr = dAg * (wg.T[xd:].dot(hp) + bg); ok[93] &= close(dr, dr_t)
    ok[95] &= close(r * (1 - r) * dr_t, dAr)
    dxc = np.zeros_like(z); ok[106] &= close(dxc, np.zeros(H))
    dxc = dxc + np.dot(wz.T[xd:], dAz); ok[107] &= close(dxc, fd('hp_z', t))
    dxc_g = np.dot(wg.T[xd:], dAg * r); ok[108] &= close(dxc_g, fd('hp_c', t))
    dxc = fd('hp_z', t) + fd('hp_c', t)
    dxc = dxc + np.dot(wr.T[xd:], dAr); ok[109] &= close(dxc, fd('hp_z', t) + fd('hp_c', t) + fd('hp_r', t))
    dxc = fd('hp_z', t) + fd('hp_c', t) + fd('hp_r', t)
    bottom = dxc + dh * z; ok[112] &= close(bottom, dhprev)
    # y_list_is rows
    diff_h = np.zeros_like(c['h']); diff_h[0] = 2 * (c['h'][0] - ys[t])
    local = np.zeros(H); local[0] = 2 * (c['h'][0] - ys[t])
    if t == T - 1: ok[134] &= close(diff_h, dh)
    else:
        ok[142] &= close(diff_h, local)
        diff_h = diff_h + fd('hp', t + 1); ok[143] &= close(diff_h, dh)
    true[t] = dict(dAz=dAz, dAr=dAr, dAg=dAg)
exp = {30: 'fail', 32: 'fail', 35: 'fail', 93: 'fail', 108: 'fail'}
for k, v in ok.items(): check(k, v, exp.get(k, 'pass'))

# loss rows 133 / 141
ok133 = close((cache[T - 1]['h'][0] - ys[T - 1]) ** 2 + sum((cache[t]['h'][0] - ys[t]) ** 2 for t in range(T - 1)), L0)
check(133, ok133, 'pass'); check(141, ok133, 'pass')

# parameter diffs (98-103), accumulated with true deltas
acc = dict(wz=np.zeros_like(wz), wr=np.zeros_like(wr), wg=np.zeros_like(wg),
           bz=np.zeros(H), br=np.zeros(H), bg=np.zeros(H))
for t in range(T):
    c = cache[t]; d = true[t]
    acc['wz'] += np.outer(d['dAz'], c['xc']); acc['wr'] += np.outer(d['dAr'], c['xc'])
    acc['wg'] += np.outer(d['dAg'], c['xrh'])
    acc['bz'] += d['dAz']; acc['br'] += d['dAr']; acc['bg'] += d['dAg']
for line, k in [(98, 'wz'), (99, 'wr'), (100, 'wg'), (101, 'bz'), (102, 'br'), (103, 'bg')]:
    check(line, close(acc[k], fdW(k)), 'pass')

print('rows checked:', len(results), 'fail rows:', sorted(k for k, v in results.items() if v == 'fail'))
