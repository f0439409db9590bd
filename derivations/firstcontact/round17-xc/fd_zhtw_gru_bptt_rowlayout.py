"""Finite-difference check of zhtw_gru_bptt_rowlayout.md (row vectors; u_t weights the OLD state; reset before W_hh
via m_t = r_t * h_{t-1}; z_t = h_t W_y + b_y, softmax + cross-entropy per step, L = sum_t L_t).
Taps give one-use-site partials ('h_prev_*' = h_{t-1} as used by one path of step t)."""
import numpy as np
rng = np.random.default_rng(2)
I, H, V, T = 2, 3, 4, 4
sig = lambda z: 1/(1+np.exp(-z))
W = dict(xu=rng.normal(size=(I, H)), hu=rng.normal(size=(H, H)), xr=rng.normal(size=(I, H)), hr=rng.normal(size=(H, H)),
         xh=rng.normal(size=(I, H)), hh=rng.normal(size=(H, H)), y=rng.normal(size=(H, V)))
W = {k: v*0.7 for k, v in W.items()}
bb = dict(u=rng.normal(size=(1, H))*.3, r=rng.normal(size=(1, H))*.3, h=rng.normal(size=(1, H))*.3, y=rng.normal(size=(1, V))*.3)
X = [rng.normal(size=(1, I)) for _ in range(T)]
Y = [np.eye(V)[[rng.integers(V)]] for _ in range(T)]
h0 = np.zeros((1, H))

def fwd(taps=None, params=None):
    taps = taps or {}; Wp, bp = params or (W, bb)
    tp = lambda n, t, v: v + taps.get((n, t), 0)
    h = h0; L = 0.0; K = []
    for t in range(T):
        x = tp('x', t, X[t])
        au = tp('au', t, x@Wp['xu'] + tp('hp_u', t, h)@Wp['hu'] + bp['u']); u = tp('u', t, sig(au))
        ar = tp('ar', t, x@Wp['xr'] + tp('hp_r', t, h)@Wp['hr'] + bp['r']); r = tp('r', t, sig(ar))
        m = tp('m', t, r*tp('hp_m', t, h))
        ah = tp('ah', t, x@Wp['xh'] + m@Wp['hh'] + bp['h']); ht = tp('ht', t, np.tanh(ah))
        hn = tp('h', t, u*tp('hp_direct', t, h) + (1-u)*ht)
        z = tp('z', t, tp('h_out', t, hn)@Wp['y'] + bp['y'])
        p = np.exp(z - z.max()); p /= p.sum()
        L += -np.sum(Y[t]*np.log(p))
        K.append(dict(x=x, u=u, r=r, m=m, ht=ht, h=hn, hprev=h, p=p))
        h = tp('h_next', t, hn)
    return L, K

def fd(name, t, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        g[idx] = (fwd({(name, t): E})[0]-fwd({(name, t): -E})[0])/(2*eps)
    return g
def fdparam(kind, key, eps=1e-6):
    A = (W if kind == 'W' else bb)[key]; g = np.zeros(A.shape)
    for idx in np.ndindex(*A.shape):
        for s in (1, -1):
            W2 = {k: v.copy() for k, v in W.items()}; b2 = {k: v.copy() for k, v in bb.items()}
            (W2 if kind == 'W' else b2)[key][idx] += s*eps
            g[idx] += s*fwd(params=(W2, b2))[0]/(2*eps)
    return g
ok = lambda A, B_: np.allclose(A, B_, atol=1e-6)
_, K = fwd()
dy = [K[t]['p']-Y[t] for t in range(T)]
print('L50/L70 delta^y_t = dL_t/dz_t = yhat - y:', all(ok(fd('z', t, (1, V)), dy[t]) for t in range(T)))
print('L54/L76 dL/dW_y = sum h_t^T delta^y_t:', ok(fdparam('W', 'y'), sum(K[t]['h'].T@dy[t] for t in range(T))))
print('L54/L76 dL/db_y = sum delta^y_t:', ok(fdparam('b', 'y'), sum(dy)))
dh = [fd('h', t, (1, H)) for t in range(T)]
print('L84 dL/dh_t|current = delta^y_t W_y^T:', all(ok(fd('h_out', t, (1, H)), dy[t]@W['y'].T) for t in range(T)))
fut = [fd('h_next', t, (1, H)) for t in range(T)]
print('L92 delta^h_t = delta^y W_y^T + delta^{h,future}_t:', all(ok(dh[t], dy[t]@W['y'].T + fut[t]) for t in range(T)))
print('L94 delta^{h,future}_T = 0:', ok(fut[T-1], 0))
allok = {}
def rec(k, v): allok.setdefault(k, []).append(v)
for t in range(T):
    k = K[t]; d = dh[t]
    rec('L106 dL/dh~ = delta^h (1-u)', ok(fd('ht', t, (1, H)), d*(1-k['u'])))
    rec('L110 dL/du = delta^h (h_{t-1} - h~)', ok(fd('u', t, (1, H)), d*(k['hprev']-k['ht'])))
    rec('L114 dL/dh_{t-1}|direct = delta^h u', ok(fd('hp_direct', t, (1, H)), d*k['u']))
    da = d*(1-k['u'])*(1-k['ht']**2)
    rec('L120 delta^h_{a,t} = dL/da^h', ok(fd('ah', t, (1, H)), da))
    rec('L126 dL/dm = delta_a W_hh^T', ok(fd('m', t, (1, H)), da@W['hh'].T))
    rec('L132 dL/dr = (delta_a W_hh^T) h_{t-1}', ok(fd('r', t, (1, H)), (da@W['hh'].T)*k['hprev']))
    rec('L136 dL/dh_{t-1}|h~-path = (delta_a W_hh^T) r', ok(fd('hp_m', t, (1, H)), (da@W['hh'].T)*k['r']))
    dr = (da@W['hh'].T)*k['hprev']*k['r']*(1-k['r'])
    rec('L142 delta^r_a = dL/da^r', ok(fd('ar', t, (1, H)), dr))
    du = d*(k['hprev']-k['ht'])*k['u']*(1-k['u'])
    rec('L148 delta^u_a = dL/da^u', ok(fd('au', t, (1, H)), du))
    if t > 0:
        total_via_step = d*k['u'] + (da@W['hh'].T)*k['r'] + dr@W['hr'].T + du@W['hu'].T
        rec('L154 dL/dh_{t-1} (through step t) = delta^{h,future}_{t-1}', ok(fut[t-1], total_via_step))
        rec('    (L154 is NOT the total dL/dh_{t-1}; differs by delta^y_{t-1} W_y^T)', not ok(dh[t-1], total_via_step))
for k_, v in allok.items():
    print(('PASS' if all(v) else 'FAIL'), k_)
