"""FD check of zh_haiy_gru_bptt.md (column vectors, W_* acting on the concatenation [h_{t-1}; x_t],
reset applied to h_{t-1} before W_{h'}, z weights the NEW candidate h'_t, y_t = softmax(W_y h_t),
L_t = -label_t . log y_t, L = sum_t L_t).  numpy only, float64, central differences.
Numerator-layout Jacobians: dh_t/dh_{t-1} is H x H with rows = components of h_t."""
import numpy as np

rng = np.random.default_rng(0)
H, X, K, T = 3, 2, 4, 4
sig = lambda a: 1 / (1 + np.exp(-a))


def params():
    return dict(Wz=rng.normal(size=(H, H + X)) * .7, Wr=rng.normal(size=(H, H + X)) * .7,
                Wh=rng.normal(size=(H, H + X)) * .7, Wy=rng.normal(size=(K, H)) * .7)


P = params()
xs = rng.normal(size=(T + 1, X))
labels = [np.eye(K)[rng.integers(K)] for _ in range(T + 1)]
h0 = rng.normal(size=H) * .5


def step(P, h, x):
    v = np.concatenate([h, x])
    z = sig(P['Wz'] @ v); r = sig(P['Wr'] @ v)
    hp = np.tanh(P['Wh'] @ np.concatenate([r * h, x]))
    return (1 - z) * h + z * hp, dict(v=v, z=z, r=r, hp=hp, h=h, x=x)


def run(P, upto=T):
    hs, cs = [h0], [None]
    for t in range(1, upto + 1):
        h, c = step(P, hs[-1], xs[t]); hs.append(h); cs.append(c)
    return hs, cs


def Lt(P, t):
    hs, _ = run(P, t)
    a = P['Wy'] @ hs[t]; y = np.exp(a - a.max()); y /= y.sum()
    return -labels[t] @ np.log(y)


def Ltotal(P):
    return sum(Lt(P, t) for t in range(1, T + 1))


def fd(f, P, key, eps=1e-6):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(*g.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[key][idx] += eps; Pm[key][idx] -= eps
        g[idx] = (f(Pp) - f(Pm)) / (2 * eps)
    return g


def jac_h(c, variant='true'):
    """dh_t/dh_{t-1}; variant 'author' = line 61 read as printed (tanh applied again to h'_t)."""
    z, r, hp, h = c['z'], c['r'], c['hp'], c['h']
    Wz_h, Wr_h, Wh_h = P['Wz'][:, :H], P['Wr'][:, :H], P['Wh'][:, :H]
    dtanh = 1 - hp ** 2 if variant == 'true' else 1 - np.tanh(hp) ** 2
    dhp = np.diag(dtanh) @ (Wh_h @ np.diag(h * r * (1 - r)) @ Wr_h + Wh_h @ np.diag(r))
    return np.diag((hp - h) * z * (1 - z)) @ Wz_h + np.diag(z) @ dhp + np.diag(1 - z)


def jac_h_fd(t, eps=1e-6):
    hs, _ = run(P, t)
    J = np.zeros((H, H))
    for k in range(H):
        e = np.zeros(H); e[k] = eps
        J[:, k] = (step(P, hs[t - 1] + e, xs[t])[0] - step(P, hs[t - 1] - e, xs[t])[0]) / (2 * eps)
    return J


def dL_dh(t):  # immediate dL_t/dh_t (row)
    hs, _ = run(P, t)
    a = P['Wy'] @ hs[t]; y = np.exp(a - a.max()); y /= y.sum()
    return (y - labels[t]) @ P['Wy']


def bar_dh_dW(c, key):
    """immediate d h_i / d W_key (H x H x (H+X)), other inputs held fixed."""
    z, r, hp, h, v, x = c['z'], c['r'], c['hp'], c['h'], c['v'], c['x']
    out = np.zeros((H, H, H + X))
    if key == 'Wz':
        for a in range(H): out[a, a, :] = (hp[a] - h[a]) * z[a] * (1 - z[a]) * v
    elif key == 'Wh':
        u = np.concatenate([r * h, x])
        for a in range(H): out[a, a, :] = z[a] * (1 - hp[a] ** 2) * u
    elif key == 'Wr':
        u = (P['Wh'][:, :H] * (1 - hp ** 2)[:, None] * z[:, None]) @ np.diag(h * r * (1 - r))
        for a in range(H):
            for b in range(H): out[a, b, :] = u[a, b] * v
    return out


def bar_dhp_dW(c):  # immediate d h'_i / d W_h'
    r, hp, h, x = c['r'], c['hp'], c['h'], c['x']
    u = np.concatenate([r * h, x]); out = np.zeros((H, H, H + X))
    for a in range(H): out[a, a, :] = (1 - hp[a] ** 2) * u
    return out


hs, cs = run(P)
t = T
rep = {}
# line 61 (dh_t/dh_{t-1})
Jfd = jac_h_fd(t)
rep['61 author (1-tanh^2 h\')'] = np.abs(jac_h(cs[t], 'author') - Jfd).max()
rep['61 corrected (1-h\'^2)'] = np.abs(jac_h(cs[t], 'true') - Jfd).max()


def prodJ(i, t):  # prod_{j=i}^{t-1} dh_{j+1}/dh_j ordered dh_t/dh_{t-1} ... dh_{i+1}/dh_i
    M = np.eye(H)
    for j in range(t - 1, i - 1, -1):
        M = M @ jac_h(cs[j + 1])
    return M


g = dL_dh(t)
for key, line in (('Wz', 33), ('Wr', 38)):
    ref = fd(lambda Q: Lt(Q, t), P, key)
    mine = sum(np.einsum('a,ab,bcd->cd', g, prodJ(i, t), bar_dh_dW(cs[i], key)) for i in range(1, t + 1))
    rep[f'{line} dL_t/d{key} sum_i prod * bar'] = np.abs(mine - ref).max()
# line 40/42: chain only through h'_t
ref = fd(lambda Q: Lt(Q, t), P, 'Wh')
dLdhp = g * cs[t]['z']
auth = sum(np.einsum('a,ab,bcd->cd', dLdhp, prodJ(i, t), bar_dhp_dW(cs[i])) for i in range(1, t + 1))
rep['42 author dL_t/dh\'_t * sum prod bar dh\'/dW'] = np.abs(auth - ref).max()
corr = sum(np.einsum('a,ab,bcd->cd', g, prodJ(i, t), bar_dh_dW(cs[i], 'Wh')) for i in range(1, t + 1))
rep['42 corrected (through h_i, z_i factor)'] = np.abs(corr - ref).max()
# line 40 first equality: dL_t/dW_h' = dL_t/dh'_t * d h'_t/dW_h' (total)
def hp_t(Q):
    hs_, cs_ = run(Q, t)
    return cs_[t]['hp']
Jhp = np.zeros((H,) + P['Wh'].shape)
for idx in np.ndindex(*P['Wh'].shape):
    Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
    Pp['Wh'][idx] += 1e-6; Pm['Wh'][idx] -= 1e-6
    Jhp[(slice(None),) + idx] = (hp_t(Pp) - hp_t(Pm)) / 2e-6
rep['40 dL_t/dh\'_t . dh\'_t/dW_h\' (total)'] = np.abs(np.einsum('a,acd->cd', dLdhp, Jhp) - ref).max()

# lines 80-94: total dL/dW_z with accumulated gradient
refZ = fd(Ltotal, P, 'Wz')
delta = [None] * (T + 2); delta[T + 1] = np.zeros(H)
for s in range(T, 0, -1):
    nxt = delta[s + 1] @ jac_h(cs[s + 1]) if s < T else np.zeros(H)
    delta[s] = nxt + dL_dh(s)
acc = sum(np.einsum('a,acd->cd', delta[s], bar_dh_dW(cs[s], 'Wz')) for s in range(1, T + 1))
rep['82 accumulated sum'] = np.abs(acc - refZ).max()
only = sum(np.einsum('a,acd->cd', dL_dh(s), bar_dh_dW(cs[s], 'Wz')) for s in range(1, T + 1))
rep['81 sum_{i=t}^t (= dL_t/dh_t only)'] = np.abs(only - refZ).max()
# lines 71/72 with the immediate partial (bar) reading, and with the total reading
tot = lambda s: fd(lambda Q: run(Q, s)[0][s], P, 'Wz') if False else None
read_bar = sum(np.einsum('a,ab,bcd->cd', dL_dh(s), prodJ(i, s), bar_dh_dW(cs[i], 'Wz'))
               for s in range(1, T + 1) for i in range(1, s + 1))
rep['71/72 read with bar (immediate) d h_i/dW_z'] = np.abs(read_bar - refZ).max()


def htotal(Q, s):
    return run(Q, s)[0][s]


def dh_dW_total(s):
    J = np.zeros((H,) + P['Wz'].shape)
    for idx in np.ndindex(*P['Wz'].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp['Wz'][idx] += 1e-6; Pm['Wz'][idx] -= 1e-6
        J[(slice(None),) + idx] = (htotal(Pp, s) - htotal(Pm, s)) / 2e-6
    return J


read_tot = sum(np.einsum('a,ab,bcd->cd', dL_dh(s), prodJ(i, s), dh_dW_total(i))
               for s in range(1, T + 1) for i in range(1, s + 1))
rep['71/72 read as printed (total d h_i/dW_z)'] = np.abs(read_tot - refZ).max()
rep['70 sum_t dL_t/dh_t . dh_t/dW_z (total)'] = np.abs(
    sum(np.einsum('a,acd->cd', dL_dh(s), dh_dW_total(s)) for s in range(1, T + 1)) - refZ).max()
for k, v in rep.items():
    print(f'{k:55s} max|err| = {v:.2e}', 'OK' if v < 1e-6 else 'MISMATCH')
