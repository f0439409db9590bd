# Finite-difference check of epynn_nnlibs_gru_aa6b598.md (EpyNN nnlibs GRU at aa6b598).
# Row layout: X_s (m, v) @ U (v, u); hp (m, u) @ W (u, u). h = z*hp + (1-z)*hh.
# Loss L = sum_s sum(C[:, s] * h[:, s])  (layer.sequences = True, dA = C).
import numpy as np

rng = np.random.default_rng(58)
m, S, v, u = 2, 3, 3, 4
X = rng.normal(size=(m, S, v))
C = rng.normal(size=(m, S, u))
P = {k: rng.normal(scale=0.6, size=(v, u)) for k in ['Ur', 'Uz', 'Uh']}
P.update({k: rng.normal(scale=0.6, size=(u, u)) for k in ['Wr', 'Wz', 'Wh']})
P.update({k: rng.normal(scale=0.3, size=(1, u)) for k in ['br', 'bz', 'bh']})
sig = lambda a: 1 / (1 + np.exp(-a))
TAPS = ['ar', 'r', 'az', 'z', 'ah', 'hh', 'rh', 'h', 'hp', 'hp_r', 'hp_z', 'hp_c', 'hp_d',
        'X', 'X_r', 'X_z', 'X_h']

def forward(P, taps=None):
    taps = taps or {}
    T = lambda name, s, shape: taps.get((name, s), np.zeros(shape))
    h = np.zeros((m, u)); cache = []; L = 0.0
    for s in range(S):
        Xs = X[:, s] + T('X', s, (m, v))
        hp = h + T('hp', s, (m, u))
        Xr, Xz, Xh = Xs + T('X_r', s, (m, v)), Xs + T('X_z', s, (m, v)), Xs + T('X_h', s, (m, v))
        hpr, hpz, hpc, hpd = (hp + T(n, s, (m, u)) for n in ['hp_r', 'hp_z', 'hp_c', 'hp_d'])
        ar = Xr @ P['Ur'] + hpr @ P['Wr'] + P['br'] + T('ar', s, (m, u))
        r = sig(ar) + T('r', s, (m, u))
        az = Xz @ P['Uz'] + hpz @ P['Wz'] + P['bz'] + T('az', s, (m, u))
        z = sig(az) + T('z', s, (m, u))
        rh = r * hpc + T('rh', s, (m, u))
        ah = Xh @ P['Uh'] + rh @ P['Wh'] + P['bh'] + T('ah', s, (m, u))
        hh = np.tanh(ah) + T('hh', s, (m, u))
        h = z * hpd + (1 - z) * hh + T('h', s, (m, u))
        L += np.sum(C[:, s] * h)
        cache.append(dict(X=Xs, hp=hp, r=r, z=z, hh=hh, h=h))
    return L, cache

def fd_tap(name, s, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (forward(P, {(name, s): e})[0] - forward(P, {(name, s): -e})[0]) / (2 * eps)
    return g

def fd_param(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        Pp = {q: w.copy() for q, w in P.items()}; Pm = {q: w.copy() for q, w in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        g[idx] = (forward(Pp)[0] - forward(Pm)[0]) / (2 * eps)
    return g

def close(a, b): return np.allclose(a, b, rtol=1e-5, atol=1e-7)
results = {}
def check(line, ok, expected):
    got = 'pass' if ok else 'fail'
    results[line] = got
    assert got == expected, (line, got, expected)

L0, cache = forward(P)
tanh_a = lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))   # line 19
tanh_d = lambda x: 1 - x**2                                               # line 22 (x activated)
sig_d = lambda x: x * (1 - x)                                             # line 32 (x activated)
a = rng.normal(size=5)
check(19, close(tanh_a(a), np.tanh(a)), 'pass')
check(22, close(tanh_d(np.tanh(a)), 1 / np.cosh(a)**2), 'pass')
check(32, close(sig_d(sig(a)), sig(a) * (1 - sig(a))), 'pass')

# Forward rows executed literally vs the reference forward
h = np.zeros((m, u)); ok = {k: True for k in [53, 56, 57, 58, 60, 63, 64, 65, 67, 70, 71, 72, 74, 77]}
for s in range(S):
    Xs = X[:, s]
    hp = h                                                    # 53
    ok[53] &= close(hp, cache[s]['hp'])
    r = np.dot(Xs, P['Ur']); ok[56] &= close(r, Xs @ P['Ur'])
    r += np.dot(hp, P['Wr']); ok[57] &= close(r, Xs @ P['Ur'] + hp @ P['Wr'])
    r += P['br']; ok[58] &= close(sig(r), cache[s]['r'])
    r = sig(r); ok[60] &= close(r, cache[s]['r'])
    z = np.dot(Xs, P['Uz']); ok[63] &= close(z, Xs @ P['Uz'])
    z += np.dot(hp, P['Wz']); ok[64] &= close(z, Xs @ P['Uz'] + hp @ P['Wz'])
    z += P['bz']; ok[65] &= close(sig(z), cache[s]['z'])
    z = sig(z); ok[67] &= close(z, cache[s]['z'])
    hh = np.dot(Xs, P['Uh']); ok[70] &= close(hh, Xs @ P['Uh'])
    hh += np.dot(r * hp, P['Wh']); ok[71] &= close(hh, Xs @ P['Uh'] + (r * hp) @ P['Wh'])
    hh += P['bh']; ok[72] &= close(np.tanh(hh), cache[s]['hh'])
    hh = tanh_a(hh); ok[74] &= close(hh, cache[s]['hh'])
    h = z * hp + (1 - z) * hh; ok[77] &= close(h, cache[s]['h'])
for k, val in ok.items(): check(k, val, 'pass')

# Backward rows, each evaluated with TRUE values of its inputs (from finite differences)
mu = (m, u); mv = (m, v)
acc = {k: True for k in [101, 102, 105, 106, 109, 110, 113, 114, 115, 118, 119, 120, 121, 122, 124, 127, 128, 129]}
true = {}
for s in reversed(range(S)):
    c = cache[s]; hp, r, z, hh, hs = c['hp'], c['r'], c['z'], c['hh'], c['h']
    dh_true = fd_tap('h', s, mu)
    dhn_true = fd_tap('hp', s + 1, mu) if s + 1 < S else np.zeros(mu)
    dA = C[:, s].copy()
    dh = dA; acc[101] &= close(dh, C[:, s])
    dh = dh + dhn_true; acc[102] &= close(dh, dh_true)
    dh = dh_true
    dhh = dh * (1 - z); acc[105] &= close(dhh, fd_tap('hh', s, mu))
    dhh_post = fd_tap('hh', s, mu); dah_true = fd_tap('ah', s, mu)
    dhh = dhh_post * tanh_d(hs); acc[106] &= close(dhh, dah_true)   # as written: fc['h'] (new h)
    dz = dh * (hp - hh); acc[109] &= close(dz, fd_tap('z', s, mu))
    dz = fd_tap('z', s, mu) * sig_d(z); acc[110] &= close(dz, fd_tap('az', s, mu))
    dhh = dah_true; dz = fd_tap('az', s, mu)
    dr = np.dot(dhh, P['Wh'].T); acc[113] &= close(dr, fd_tap('rh', s, mu))
    dr = fd_tap('rh', s, mu) * hp; acc[114] &= close(dr, fd_tap('r', s, mu))
    dr = fd_tap('r', s, mu) * sig_d(r); acc[115] &= close(dr, fd_tap('ar', s, mu))
    dr = fd_tap('ar', s, mu)
    dhfhh = np.dot(dhh, P['Wh'].T); acc[118] &= close(dhfhh, fd_tap('rh', s, mu))
    dhfhh = fd_tap('rh', s, mu) * r; acc[119] &= close(dhfhh, fd_tap('hp_c', s, mu))
    dhfzi = np.dot(dz, P['Wz'].T); acc[120] &= close(dhfzi, fd_tap('hp_z', s, mu))
    dhfz = dh * z; acc[121] &= close(dhfz, fd_tap('hp_d', s, mu))
    dhfr = np.dot(dr, P['Wr'].T); acc[122] &= close(dhfr, fd_tap('hp_r', s, mu))
    dhn = fd_tap('hp_c', s, mu) + fd_tap('hp_r', s, mu) + fd_tap('hp_z', s, mu) + fd_tap('hp_d', s, mu)
    acc[124] &= close(dhn, fd_tap('hp', s, mu))
    dX = np.dot(dr, P['Ur'].T); acc[127] &= close(dX, fd_tap('X_r', s, mv))
    dX += np.dot(dz, P['Uz'].T); acc[128] &= close(dX, fd_tap('X_r', s, mv) + fd_tap('X_z', s, mv))
    dX += np.dot(dhh, P['Uh'].T); acc[129] &= close(dX, fd_tap('X', s, mv))
    true[s] = dict(dhh=dhh, dz=dz, dr=dr)
exp = {106: 'fail'}
for k, val in acc.items(): check(k, val, exp.get(k, 'pass'))

# Parameter gradients (parameters.py), with true per-step deltas
g = {'d' + k: np.zeros_like(w) for k, w in P.items()}      # 146
check(146, all(np.all(w == 0) for w in g.values()), 'pass')
for s in reversed(range(S)):
    Xs = X[:, s]; hp = cache[s]['hp']; r = cache[s]['r']
    dhh, dz, dr = true[s]['dhh'], true[s]['dz'], true[s]['dr']
    g['dUh'] += np.dot(Xs.T, dhh); g['dWh'] += np.dot((r * hp).T, dhh); g['dbh'] += np.sum(dhh, axis=0)
    g['dUz'] += np.dot(Xs.T, dz); g['dWz'] += np.dot(hp.T, dz); g['dbz'] += np.sum(dz, axis=0)
    g['dUr'] += np.dot(Xs.T, dr); g['dWr'] += np.dot(hp.T, dr); g['dbr'] += np.sum(dr, axis=0)
for line, k in [(156, 'Uh'), (157, 'Wh'), (158, 'bh'), (162, 'Uz'), (163, 'Wz'), (164, 'bz'),
                (168, 'Ur'), (169, 'Wr'), (170, 'br')]:
    check(line, close(g['d' + k], fd_param(k)), 'pass')

print('rows checked:', len(results), 'fail rows:', sorted(k for k, v in results.items() if v == 'fail'))
