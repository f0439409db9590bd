# FD check of rnn_step_backward.md (column vectors, z_t = W_xh x_t + W_hh h_{t-1} + b_h, h_t = tanh(z_t), L = sum_t v_t . h_t)
import numpy as np
rng = np.random.default_rng(1)
H, D, T = 3, 2, 5
P = dict(Wxh=rng.normal(0, .7, (H, D)), Whh=rng.normal(0, .7, (H, H)), bh=rng.normal(0, .3, (H, 1)))
X = rng.normal(size=(T, D, 1)); V = rng.normal(size=(T, H, 1))

def fwd(P, X=X, pert=None, pz=None):
    pert = pert or {}; pz = pz or {}
    h = np.zeros((H, 1)); L = 0; S = []
    for t in range(T):
        hp = h
        z = P['Wxh']@X[t] + P['Whh']@h + P['bh'] + pz.get(t, 0)          # line 19
        h = np.tanh(z) + pert.get(t, 0)                    # lines 7, 20
        S.append(dict(z=z, h=h, hp=hp)); L += float((V[t].T@h)[0, 0])
    return L, S

eps = 1e-6
def fd_h(t):
    g = np.zeros((H, 1))
    for k in range(H):
        e = np.zeros((H, 1)); e[k] = eps
        g[k] = (fwd(P, pert={t: e})[0]-fwd(P, pert={t: -e})[0])/(2*eps)
    return g
def fd_z(t):
    g = np.zeros((H, 1))
    for k in range(H):
        e = np.zeros((H, 1)); e[k] = eps
        g[k] = (fwd(P, pz={t: e})[0]-fwd(P, pz={t: -e})[0])/(2*eps)
    return g
def fd_par(n):
    g = np.zeros_like(P[n])
    for idx in np.ndindex(P[n].shape):
        P[n][idx] += eps; a = fwd(P)[0]; P[n][idx] -= 2*eps; b = fwd(P)[0]; P[n][idx] += eps
        g[idx] = (a-b)/(2*eps)
    return g
def fd_x(t):
    g = np.zeros((D, 1))
    for k in range(D):
        Xp = X.copy(); Xp[t, k] += eps; Xm = X.copy(); Xm[t, k] -= eps
        g[k] = (fwd(P, Xp)[0]-fwd(P, Xm)[0])/(2*eps)
    return g
ok = lambda a, b: np.allclose(a, b, atol=1e-6)
zz = np.linspace(-2, 2, 9)
d = (np.tanh(zz+eps)-np.tanh(zz-eps))/(2*eps)
print(('PASS' if ok(d, 1-np.tanh(zz)**2) else 'FAIL'), "line 46/52 tanh'(z) = 1 - tanh^2(z) = 1 - h^2")
L, S = fwd(P)
dz = []
r = {}
for t in range(T):
    dh = fd_h(t); dzt = dh*(1-S[t]['h']**2); dz.append(dzt)
    # dz_t checked against FD of an additive perturbation of z_t
    r.setdefault("58/128 dz_t = dh_t * (1-h_t^2)", []).append(ok(dzt, fd_z(t)))
    r.setdefault("106/148 dx_t = W_xh^T dz_t", []).append(ok(P['Wxh'].T@dzt, fd_x(t)))
    if t > 0:
        part = fd_h(t-1) - V[t-1]       # total dL/dh_{t-1} minus the local loss term = part through step t
        r.setdefault("114/152/181 dh_{t-1} = W_hh^T dz_t (part through step t)", []).append(ok(P['Whh'].T@dzt, part))
for k, v in r.items(): print(('PASS' if all(v) else 'FAIL'), 'line', k)
print(('PASS' if ok(sum(dz[t]@X[t].T for t in range(T)), fd_par('Wxh')) else 'FAIL'), 'line 76/134 + 169: sum_t dz_t x_t^T = dL/dW_xh')
print(('PASS' if ok(sum(dz[t]@S[t]['hp'].T for t in range(T)), fd_par('Whh')) else 'FAIL'), 'line 86/138: sum_t dz_t h_{t-1}^T = dL/dW_hh')
print(('PASS' if ok(sum(dz), fd_par('bh')) else 'FAIL'), 'line 94/142: sum_t dz_t = dL/db_h')
