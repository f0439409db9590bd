"""FD check of gru_rowlayout_slices_note.md: row vectors, [x_t, h_{t-1}] (1 x (in+H)) times W (in+H x H),
z weights the NEW candidate: h_t = (1-z) h_{t-1} + z hhat. Loss L = sum_t R_t . h_t (linear).
sigma'(z_t), tanh'(hhat_t) read as the derivatives through the unit outputs: z(1-z), 1-hhat^2."""
import numpy as np
rng = np.random.default_rng(2)
IN, H, T = 2, 3, 4
Xs = rng.normal(size=(T, 1, IN)); R = rng.normal(size=(T, 1, H)); h0 = rng.normal(size=(1, H)) * .5
P = {k: rng.normal(size=(IN + H, H)) * .6 for k in ('Wz', 'Wr', 'Wh')}
P.update({k: rng.normal(size=(1, H)) * .1 for k in ('bz', 'br', 'bh')})
sig = lambda a: 1 / (1 + np.exp(-a))

def fwd(P, hoff=None, xoff=None):
    hs = [h0]; cache = []
    for t in range(T):
        x = Xs[t] + (xoff[t] if xoff is not None else 0); hp = hs[-1]
        xh = np.hstack([x, hp])
        z = sig(xh @ P['Wz'] + P['bz']); r = sig(xh @ P['Wr'] + P['br'])
        hh = np.tanh(np.hstack([x, r * hp]) @ P['Wh'] + P['bh'])
        h = (1 - z) * hp + z * hh + (hoff[t] if hoff is not None else 0)
        hs.append(h); cache.append((x, hp, z, r, hh))
    L = sum((R[t] * hs[t + 1]).sum() for t in range(T))
    return L, hs, cache

def fdP(name, eps=1e-6):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += eps; Pm[name][idx] -= eps
        G[idx] = (fwd(Pp)[0] - fwd(Pm)[0]) / (2 * eps)
    return G

L, hs, cache = fwd(P)
res = {}
# author's slices as written (line 25/35/37): W[:, in:] and W[:, :in]
print('W_h[:, in:] shape', P['Wh'][:, IN:].shape, '-> W_h[:, in:]^T shape', P['Wh'][:, IN:].T.shape)
try:
    np.ones((1, H)) @ P['Wh'][:, IN:].T; res['25/35 slice W[:, in:]^T typed'] = True
except ValueError as e:
    print('line 25/35 as written:', e); res['25/35 slice W[:, in:]^T typed'] = False
try:
    np.ones((1, H)) @ P['Wh'][:, :IN].T; res['37 slice W[:, :in]^T typed'] = True
except ValueError as e:
    print('line 37 as written:', e); res['37 slice W[:, :in]^T typed'] = False

# backward with the author's rows, slices corrected to rows W[in:, :] / W[:in, :]
G = {k: np.zeros_like(v) for k, v in P.items()}; dh_next = np.zeros((1, H)); dX = [None] * T; dH = [None] * T
for t in reversed(range(T)):
    x, hp, z, r, hh = cache[t]
    dh = R[t] + dh_next                                        # delta_{h_t}
    dH[t] = dh
    dz = dh * (hh - hp) * z * (1 - z)                          # line 21
    dhh = dh * z * (1 - hh ** 2)                               # line 23
    dr = (dhh @ P['Wh'][IN:, :].T) * hp * r * (1 - r)          # line 25 (corrected slice)
    G['Wz'] += np.hstack([x, hp]).T @ dz; G['bz'] += dz.sum(0)  # line 28
    G['Wr'] += np.hstack([x, hp]).T @ dr; G['br'] += dr.sum(0)  # line 30
    G['Wh'] += np.hstack([x, r * hp]).T @ dhh; G['bh'] += dhh.sum(0)  # line 32
    dh_next = dh * (1 - z) + dz @ P['Wz'][IN:, :].T + dr @ P['Wr'][IN:, :].T + (dhh @ P['Wh'][IN:, :].T) * r  # line 35 corrected
    dX[t] = dz @ P['Wz'][:IN, :].T + dr @ P['Wr'][:IN, :].T + dhh @ P['Wh'][:IN, :].T                          # line 37 corrected
for k in P:
    res[f'Delta {k} (lines 28/30/32, summed over t)'] = np.allclose(G[k], fdP(k), rtol=1e-5, atol=1e-8)
# delta_{h_t} (total) via additive offsets on h_t, delta_{x_t} via offsets on x_t
for t in range(T):
    g = np.zeros((1, H)); gx = np.zeros((1, IN))
    for i in range(H):
        e = np.zeros((T, 1, H)); e[t, 0, i] = 1e-6
        g[0, i] = (fwd(P, hoff=e)[0] - fwd(P, hoff=-e)[0]) / 2e-6
    for i in range(IN):
        e = np.zeros((T, 1, IN)); e[t, 0, i] = 1e-6
        gx[0, i] = (fwd(P, xoff=e)[0] - fwd(P, xoff=-e)[0]) / 2e-6
    res[f'delta_h_{t} recursion (line 35 with rows W[in:, :])'] = np.allclose(dH[t], g, rtol=1e-5, atol=1e-8)
    res[f'delta_x_{t} (line 37 with rows W[:in, :])'] = np.allclose(dX[t], gx, rtol=1e-5, atol=1e-8)
for k, v in res.items():
    print(('PASS ' if v else 'FAIL ') + k)
