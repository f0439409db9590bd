"""Finite-difference check of gated_cells_lstm_gru_bar_adjoints.md (file id 69806085633).
Standalone numpy, float64, column vectors.  One LSTM step and one GRU step with a scalar loss
L = u.h_t (+ w.c_t for the LSTM, w playing the carried cell gradient from step t+1), so that
\bar h_t = u and the pre-existing \bar c_t = w.  Line numbers refer to the .md file."""
import numpy as np

rng = np.random.default_rng(2)
X, H = 3, 4
sig = lambda z: 1 / (1 + np.exp(-z))
x = rng.normal(size=(X, 1)); hp = rng.normal(0, .7, (H, 1)); cp = rng.normal(0, .7, (H, 1))
u = rng.normal(size=(H, 1)); w = rng.normal(size=(H, 1))
Wx = {k: rng.normal(0, .6, (H, X)) for k in 'ifogrzn'}
Wh = {k: rng.normal(0, .6, (H, H)) for k in 'ifogrzn'}
b = {k: rng.normal(0, .3, (H, 1)) for k in 'ifogrzn'}
EPS = 1e-6


def fd(fun, shape):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        out[idx] = (fun(d) - fun(-d)) / (2 * EPS)
    return out


def lstm(p=None, hprev=hp, cprev=cp):
    p = p or {}
    g_ = lambda n, v: v + p[n] if n in p else v
    a = {k: g_('a' + k, Wx[k] @ x + Wh[k] @ hprev + b[k]) for k in 'ifog'}
    i, f, o = g_('i', sig(a['i'])), g_('f', sig(a['f'])), g_('o', sig(a['o']))
    gg = g_('g', np.tanh(a['g']))
    c = g_('c', f * cprev + i * gg)
    h = o * np.tanh(c)
    return (u * h).sum() + (w * c).sum(), dict(i=i, f=f, o=o, g=gg, c=c, h=h)


def gru(p=None, hprev=hp):
    p = p or {}
    g_ = lambda n, v: v + p[n] if n in p else v
    ar = Wx['r'] @ x + Wh['r'] @ hprev + b['r']; az = Wx['z'] @ x + Wh['z'] @ hprev + b['z']
    r, z = g_('r', sig(ar)), g_('z', sig(az))
    q = g_('q', Wh['n'] @ hprev)
    an = g_('an', Wx['n'] @ x + r * q + b['n'])
    n = g_('n', np.tanh(an))
    h = (1 - z) * n + z * hprev
    return (u * h).sum(), dict(r=r, z=z, q=q, n=n, h=h)


S = (H, 1)
res = {}
m = lambda a, c: np.abs(a - c).max()
# ---------------- LSTM ----------------
_, L = lstm()
hb = u
ob = hb * np.tanh(L['c'])                                             # line 72
cb = w.copy(); cb += hb * L['o'] * (1 - np.tanh(L['c']) ** 2)        # line 73
ib = cb * L['g']; gb = cb * L['i']; fb = cb * cp                       # line 74
cb_prev = cb * L['f']                                                  # lines 75, 82
res[72] = m(ob, fd(lambda d: lstm({'o': d})[0], S))
res[73] = m(cb, fd(lambda d: lstm({'c': d})[0], S))
res[74] = max(m(ib, fd(lambda d: lstm({'i': d})[0], S)), m(gb, fd(lambda d: lstm({'g': d})[0], S)),
              m(fb, fd(lambda d: lstm({'f': d})[0], S)))
res[75] = m(cb_prev, fd(lambda d: lstm(cprev=cp + d)[0], S))
res[82] = res[75]
# line 79 (sigma' = s(1-s)) and line 80 (tanh' = 1 - g^2): pre-activation gradients
abar = {k: {'i': ib, 'f': fb, 'o': ob}[k] * L[k] * (1 - L[k]) for k in 'ifo'}
abar['g'] = gb * (1 - L['g'] ** 2)
res[79] = max(m(abar[k], fd(lambda d, k=k: lstm({'a' + k: d})[0], S)) for k in 'ifo')
res[80] = m(abar['g'], fd(lambda d: lstm({'ag': d})[0], S))
# line 81: \bar h_{t-1} = W_h^T \bar a_t over the four stacked gate rows
Whs = np.vstack([Wh[k] for k in 'ifog']); As = np.vstack([abar[k] for k in 'ifog'])
res[81] = m(Whs.T @ As, fd(lambda d: lstm(hprev=hp + d)[0], S))
# ---------------- GRU ----------------
_, G = gru()
hb = u
nb = hb * (1 - G['z']); zb = hb * (hp - G['n'])                        # line 90
anb = nb * (1 - G['n'] ** 2); rb = anb * G['q']                         # line 91
qb = anb * G['r']                                                       # line 92, 98
arb = rb * G['r'] * (1 - G['r']); azb = zb * G['z'] * (1 - G['z'])
hprevb = hb * G['z'] + Wh['n'].T @ qb + Wh['r'].T @ arb + Wh['z'].T @ azb   # line 93
res[90] = max(m(nb, fd(lambda d: gru({'n': d})[0], S)), m(zb, fd(lambda d: gru({'z': d})[0], S)))
res[91] = max(m(anb, fd(lambda d: gru({'an': d})[0], S)), m(rb, fd(lambda d: gru({'r': d})[0], S)))
res[92] = m(qb, fd(lambda d: gru({'q': d})[0], S))
res[98] = res[92]
res[93] = m(hprevb, fd(lambda d: gru(hprev=hp + d)[0], S))
for line in sorted(res):
    e = res[line]
    print(f"line {line}: OK" if e < 1e-6 else f"line {line}: MISMATCH (max err {e:.3g})")
