"""Finite-difference check of seydifa_vjp_gru.md (row layout, batch B rows).
Model read from the backward rows and the stated convention ([a;b] row-wise concatenation,
sums over the batch): r = sig([h;x] W_r + b_r), z = sig([h;x] W_z + b_z),
ht = tanh([r*h; x] W_h + b_h), h_t = (1-z) h + z ht.  Loss L = sum_t sum(V_t * h_t).
Step-local rows are checked at t=2 of T=3 with per-step parameter copies and per-use hooks."""
import numpy as np
rng = np.random.default_rng(0)
B, dh, din, T = 3, 4, 5, 3
sig = lambda a: 1/(1+np.exp(-a))
P = {k: rng.normal(size=(dh+din, dh))*0.7 for k in ('Wr', 'Wz', 'Wh')}
P.update({k: rng.normal(size=dh)*0.3 for k in ('br', 'bz', 'bh')})
X = rng.normal(size=(T+1, B, din)); h0 = rng.normal(size=(B, dh)); V = rng.normal(size=(T+1, B, dh))

def run(hook=None, pstep=None):
    """hook: (t, name, delta) added to a named quantity at step t; pstep: (t, key, delta) param copy perturbation"""
    hook = hook or (None, None, 0); pstep = pstep or (None, None, 0)
    def H(t, n, v): return v + hook[2] if (hook[0] == t and hook[1] == n) else v
    def Pp(t, k): return P[k] + pstep[2] if (pstep[0] == t and pstep[1] == k) else P[k]
    h = h0; L = 0.0; cache = {}
    for t in range(1, T+1):
        x = H(t, 'x', X[t])
        hr = H(t, 'h_use_r', h); hz = H(t, 'h_use_z', h); hres = H(t, 'h_use_reset', h); hd = H(t, 'h_use_direct', h)
        r = H(t, 'r', sig(np.concatenate([hr, x], 1) @ Pp(t, 'Wr') + Pp(t, 'br')))
        z = H(t, 'z', sig(np.concatenate([hz, x], 1) @ Pp(t, 'Wz') + Pp(t, 'bz')))
        rh = H(t, 'rh', r*hres)
        ht = H(t, 'ht', np.tanh(np.concatenate([rh, x], 1) @ Pp(t, 'Wh') + Pp(t, 'bh')))
        hn = H(t, 'h', (1-z)*hd + z*ht)
        cache[t] = dict(x=X[t], h_prev=h, r=r, z=z, ht=ht, h=hn, rh=r*h)
        h = hn; L += np.sum(V[t]*h)
    return L, cache

def fd(shape, f, eps=1e-6):
    g = np.zeros(shape)
    for i in np.ndindex(*shape):
        d = np.zeros(shape); d[i] = eps
        g[i] = (f(d) - f(-d))/(2*eps)
    return g
tot = lambda t, n, s: fd(s, lambda d: run(hook=(t, n, d))[0])
par = lambda t, k: fd(P[k].shape, lambda d: run(pstep=(t, k, d))[0])
ok = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-8)
t = 2; _, C = run(); c = C[t]
g_h = tot(t, 'h', (B, dh))                          # total dL/dh_t (what the section "receives")
# pre-activation totals via hooks on activations: d/dpre = d/dact * act'
g_ht, g_z, g_r, g_rh = tot(t, 'ht', (B, dh)), tot(t, 'z', (B, dh)), tot(t, 'r', (B, dh)), tot(t, 'rh', (B, dh))
res = {}
d_ht = g_h*c['z'];                         res[51] = ok(d_ht, g_ht)
d_z = g_h*(c['ht']-c['h_prev']);           res[55] = ok(d_z, g_z)
g1 = g_h*(1-c['z']);                       res[59] = ok(g1, tot(t, 'h_use_direct', (B, dh)))
dl_ht = d_ht*(1-c['ht']**2)
res[65] = ok(dl_ht, g_ht*(1-c['ht']**2))   # delta is dL/d(pre-activation)
res[69] = ok(np.concatenate([c['rh'], c['x']], 1).T @ dl_ht, par(t, 'Wh'))
res[73] = ok(dl_ht.sum(0), par(t, 'bh'))
blk = dl_ht @ P['Wh'].T; d_rh, gx1 = blk[:, :dh], blk[:, dh:]
res[77] = ok(d_rh, g_rh)
d_r = d_rh*c['h_prev'];                    res[83] = ok(d_r, g_r)
g2 = d_rh*c['r'];                          res[87] = ok(g2, tot(t, 'h_use_reset', (B, dh)))
dl_r = d_r*c['r']*(1-c['r']);              res[93] = ok(dl_r, g_r*c['r']*(1-c['r']))
res[97] = ok(np.concatenate([c['h_prev'], c['x']], 1).T @ dl_r, par(t, 'Wr'))
res[101] = ok(dl_r.sum(0), par(t, 'br'))
blk = dl_r @ P['Wr'].T; g3, gx2 = blk[:, :dh], blk[:, dh:]
res[105] = ok(g3, tot(t, 'h_use_r', (B, dh)))
dl_z = d_z*c['z']*(1-c['z']);              res[111] = ok(dl_z, g_z*c['z']*(1-c['z']))
res[115] = ok(np.concatenate([c['h_prev'], c['x']], 1).T @ dl_z, par(t, 'Wz'))
res[119] = ok(dl_z.sum(0), par(t, 'bz'))
blk = dl_z @ P['Wz'].T; g4, gx3 = blk[:, :dh], blk[:, dh:]
res[123] = ok(g4, tot(t, 'h_use_z', (B, dh)))
# 129: the part of dL/dh_{t-1} that flows through step t = total dL/dh_{t-1} minus the output term V_{t-1}
tot_hprev = tot(t-1, 'h', (B, dh))
res[129] = ok(g1+g2+g3+g4, tot_hprev - V[t-1])
res['129_as_total'] = ok(g1+g2+g3+g4, tot_hprev)
res[133] = ok(gx1+gx2+gx3, tot(t, 'x', (B, din)))
# forward rows 24/28/32/41: column-form products W [h;x] are ill-typed for row batches
for line, (W, v) in {24: (P['Wr'], np.concatenate([c['h_prev'], c['x']], 1)),
                     32: (P['Wh'], np.concatenate([c['rh'], c['x']], 1))}.items():
    try: W @ v; res[f'{line}_typed'] = True
    except ValueError: res[f'{line}_typed'] = False
try: P['Wh'][:dh] @ c['h_prev']; res['41_typed'] = True      # W_hh h_{t-1} with a B x dh batch
except ValueError: res['41_typed'] = False
for k, v in res.items(): print(k, v)
