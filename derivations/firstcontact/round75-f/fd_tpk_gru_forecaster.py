# Finite-difference check of tpk_gru_forecaster.md (NumpyGRUForecaster). numpy only.
# Row layout: x_t (B, D), h (B, H); concat = [x_t, h]; W_* (D+H, H); y_hat = h_T W_y + b_y;
# loss = mean((y_hat - y)^2), dY = 2/size * diff (mse_loss, lines 25-29).
import numpy as np
rng = np.random.default_rng(2)
B, T, D, H = 3, 4, 2, 3
sig = lambda x: 1.0 / (1.0 + np.exp(-np.clip(x, -60, 60)))
p0 = {'W_z': rng.normal(0, .6, (D + H, H)), 'b_z': rng.normal(0, .3, H), 'W_r': rng.normal(0, .6, (D + H, H)),
      'b_r': rng.normal(0, .3, H), 'W_h': rng.normal(0, .6, (D + H, H)), 'b_h': rng.normal(0, .3, H),
      'W_y': rng.normal(0, .6, (H, 1)), 'b_y': rng.normal(0, .3, 1)}
X = rng.normal(size=(B, T, D)); Yt = rng.normal(size=(B, 1))

def forward(p=p0, hk=None, X=X):
    hk = hk or {}; g = lambda n, t, v: v + hk.get((n, t), 0)
    h = np.zeros((B, H)); caches = []
    for t in range(T):
        x_t = X[:, t, :]; hp = g('hin', t, h)
        concat = np.concatenate([x_t, hp], axis=1)
        az = g('az', t, concat @ g('W_z', t, p['W_z']) + g('b_z', t, p['b_z']))
        ar = g('ar', t, concat @ g('W_r', t, p['W_r']) + g('b_r', t, p['b_r']))
        z = g('z', t, sig(az)); r = g('r', t, sig(ar))
        rh = g('rh', t, r * hp)
        concat2 = np.concatenate([x_t, rh], axis=1)
        ah = g('ah', t, concat2 @ g('W_h', t, p['W_h']) + g('b_h', t, p['b_h']))
        h_tilde = g('ht', t, np.tanh(ah))
        h = g('h', t, (1.0 - z) * hp + z * h_tilde)
        caches.append(dict(x_t=x_t, h_prev=hp, concat=concat, concat2=concat2, z=z, r=r, h_tilde=h_tilde))
    return h @ p['W_y'] + p['b_y'], caches, h

def loss(yhat): return float(np.mean((yhat - Yt) ** 2))

def fd(name, t, shape):
    G = np.zeros(shape); e = 1e-6
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = e
        G[idx] = (loss(forward(hk={(name, t): E})[0]) - loss(forward(hk={(name, t): -E})[0])) / (2 * e)
    return G

# author's backward (lines 106-154), intermediates recorded
p = p0; y_hat, cache, last_h = forward()
diff = y_hat - Yt; dY = (2.0 / diff.size) * diff                         # 28
grads = {k: np.zeros_like(v) for k, v in p.items()}
grads['W_y'] = last_h.T @ dY; grads['b_y'] = np.sum(dY, axis=0)        # 109-110
dh = dY @ p['W_y'].T                                                     # 112
rec = {}
for t in reversed(range(T)):
    s = cache[t]; h_prev, concat, concat2, z, r, h_tilde = s['h_prev'], s['concat'], s['concat2'], s['z'], s['r'], s['h_tilde']
    R = dict(dh=dh)
    dh_tilde = dh * z; dz = dh * (h_tilde - h_prev); dh_prev = dh * (1.0 - z)          # 124-126
    R.update(dh_tilde=dh_tilde, dz=dz, dh_prev126=dh_prev.copy())
    da_h = dh_tilde * (1.0 - h_tilde * h_tilde)                                         # 129
    R.update(da_h=da_h, dWh=concat2.T @ da_h, dbh=np.sum(da_h, axis=0))                # 130-131
    grads['W_h'] += concat2.T @ da_h; grads['b_h'] += np.sum(da_h, axis=0)
    dconcat2 = da_h @ p['W_h'].T; drh_prev = dconcat2[:, D:]                           # 133-134
    R.update(dconcat2=dconcat2, drh_prev=drh_prev)
    dr = drh_prev * h_prev; dh_prev += drh_prev * r                                     # 136-137
    R.update(dr=dr, dh_prev137=dh_prev.copy())
    da_r = dr * r * (1.0 - r)                                                           # 140
    R.update(da_r=da_r, dWr=concat.T @ da_r, dbr=np.sum(da_r, axis=0))
    grads['W_r'] += concat.T @ da_r; grads['b_r'] += np.sum(da_r, axis=0)
    dconcat_r = da_r @ p['W_r'].T                                                       # 143
    da_z = dz * z * (1.0 - z)                                                           # 146
    R.update(da_z=da_z, dWz=concat.T @ da_z, dbz=np.sum(da_z, axis=0))
    grads['W_z'] += concat.T @ da_z; grads['b_z'] += np.sum(da_z, axis=0)
    dconcat_z = da_z @ p['W_z'].T                                                       # 149
    dconcat = dconcat_r + dconcat_z                                                     # 151
    R.update(dconcat=dconcat)
    dh_prev += dconcat[:, D:]                                                           # 152
    R.update(dh_prev152=dh_prev.copy())
    dh = dh_prev                                                                        # 154
    rec[t] = R

def report(line, name, got, ref):
    ok = np.allclose(got, ref, rtol=1e-5, atol=1e-9)
    print(f'line {line:>4} {name:<46} {"AGREES" if ok else "DIFFERS  max|diff|=%.3g" % np.max(np.abs(got - ref))}')

# dY
G = np.zeros_like(y_hat); e = 1e-6
for idx in np.ndindex(*G.shape):
    E = np.zeros_like(y_hat); E[idx] = e; G[idx] = (loss(y_hat + E) - loss(y_hat - E)) / (2 * e)
report(28, 'dY = dL/dy_hat', dY, G)
def fdp(nm):
    G = np.zeros(p[nm].shape)
    for idx in np.ndindex(*G.shape):
        E = np.zeros(G.shape); E[idx] = e
        pp = dict(p); pp[nm] = p[nm] + E; pm = dict(p); pm[nm] = p[nm] - E
        G[idx] = (loss(forward(pp)[0]) - loss(forward(pm)[0])) / (2 * e)
    return G
report(109, 'grads[W_y]', grads['W_y'], fdp('W_y'))
report(110, 'grads[b_y]', grads['b_y'], fdp('b_y'))
for t in range(T):
    R = rec[t]
    report(112 if t == T - 1 else 154, f'dh = dL/dh_t total (t={t})', R['dh'], fd('h', t, (B, H)))
    report(124, f'dh_tilde (t={t})', R['dh_tilde'], fd('ht', t, (B, H)))
    report(125, f'dz = dL/dz_t (t={t})', R['dz'], fd('z', t, (B, H)))
    report(129, f'da_h = dL/d(pre-act of h_tilde) (t={t})', R['da_h'], fd('ah', t, (B, H)))
    report(130, f'grads[W_h] step t={t}', R['dWh'], fd('W_h', t, (D + H, H)))
    report(131, f'grads[b_h] step t={t}', R['dbh'], fd('b_h', t, (H,)))
    report(134, f'drh_prev = dL/d(r*h_prev) (t={t})', R['drh_prev'], fd('rh', t, (B, H)))
    report(136, f'dr = dL/dr_t (t={t})', R['dr'], fd('r', t, (B, H)))
    report(140, f'da_r (t={t})', R['da_r'], fd('ar', t, (B, H)))
    report(141, f'grads[W_r] step t={t}', R['dWr'], fd('W_r', t, (D + H, H)))
    report(142, f'grads[b_r] step t={t}', R['dbr'], fd('b_r', t, (H,)))
    report(146, f'da_z (t={t})', R['da_z'], fd('az', t, (B, H)))
    report(147, f'grads[W_z] step t={t}', R['dWz'], fd('W_z', t, (D + H, H)))
    report(148, f'grads[b_z] step t={t}', R['dbz'], fd('b_z', t, (H,)))
    report(152, f'dh_prev = dL/dh_(t-1) via step t (t={t})', R['dh_prev152'], fd('hin', t, (B, H)))
for nm in ['W_z', 'b_z', 'W_r', 'b_r', 'W_h', 'b_h']:
    report(0, f'total grads[{nm}]', grads[nm], fdp(nm))
