"""Finite-difference check of zh_gru_handbuilt_delta_notes.md (file id 43315809228).
Standalone numpy, float64, column vectors, forward exactly as the notes:
z = sigmoid(W_z [x; h_prev] + b_z), r = sigmoid(W_r [x; h_prev] + b_r),
g = tanh(W_g [x; r*h_prev] + b_g), h = z*h_prev + (1-z)*g;  W_{.h} = last H columns of W_.
Loss L = u.h_t, so delta h_t = u.  Each line is evaluated with the TRUE values of the deltas it
consumes (obtained by finite differences) so that every line is tested on its own.
Line numbers refer to the .md file."""
import numpy as np

rng = np.random.default_rng(3)
X, H = 3, 4
sig = lambda a: 1 / (1 + np.exp(-a))
x = rng.normal(size=(X, 1)); hp = rng.normal(0, .7, (H, 1)); u = rng.normal(size=(H, 1))
W = {k: rng.normal(0, .6, (H, X + H)) for k in 'zrg'}
b = {k: rng.normal(0, .3, (H, 1)) for k in 'zrg'}
Wh = {k: W[k][:, X:] for k in 'zrg'}
EPS = 1e-6


def fwd(p=None, hprev=hp):
    p = p or {}
    g_ = lambda n, v: v + p[n] if n in p else v
    Az = g_('Az', W['z'] @ np.vstack((x, hprev)) + b['z'])
    Ar = g_('Ar', W['r'] @ np.vstack((x, hprev)) + b['r'])
    z, r = g_('z', sig(Az)), g_('r', sig(Ar))
    Ag = g_('Ag', W['g'] @ np.vstack((x, r * hprev)) + b['g'])
    g = g_('g', np.tanh(Ag))
    h = z * hprev + (1 - z) * g
    return (u * h).sum(), dict(z=z, r=r, g=g)


def fd(name=None, shape=(H, 1), hprev=False):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        if hprev:
            out[idx] = (fwd(hprev=hp + d)[0] - fwd(hprev=hp - d)[0]) / (2 * EPS)
        else:
            out[idx] = (fwd({name: d})[0] - fwd({name: -d})[0]) / (2 * EPS)
    return out


_, c = fwd()
z, r, g = c['z'], c['r'], c['g']
dh = u
T = {n: fd(n) for n in ['z', 'g', 'Az', 'Ag', 'r', 'Ar']}
m = lambda a, bb: np.abs(a - bb).max()
res = {}
res[27] = m(dh * (hp - g), T['z'])                          # delta z_t
res[28] = m(dh * (1 - z), T['g'])                           # delta g_t
res[29] = m(T['z'] * z * (1 - z), T['Az'])                  # delta A_z (with true delta z)
res[30] = m(T['g'] * (1 - g) ** 2, T['Ag'])                 # delta A_g as written: (1 - g)^2
res[32] = m(T['Ag'] * (Wh['g'].T @ hp + b['g']), T['r'])    # delta r_t as written
res[33] = m(T['r'] * r * (1 - r), T['Ar'])                  # delta A_r (with true delta r)
res[35] = m(dh * z + Wh['r'] @ T['Ar'] + Wh['z'] @ T['Az'] + Wh['g'] @ (T['Ag'] * r),
            fd(hprev=True))                                  # delta h_{t-1} as written
for line in sorted(res):
    e = res[line]
    print(f"line {line}: OK" if e < 1e-6 else f"line {line}: MISMATCH (max err {e:.3g})")
