"""FD check of ahmadraza_gru_bptt.md: column-vector GRU (Cho et al. form), concat [h_{t-1}; x_t],
y_t = W_y h_t + b_y, p_t = softmax(y_t), L_t = -log p_t[target], L = sum_{t=0}^{T-1} L_t.
Middle step t=2 of T=4 (steps 0..3, h_{-1} given)."""
import numpy as np
rng = np.random.default_rng(1)
H, V, T = 4, 5, 4
sig = lambda a: 1/(1+np.exp(-a))
P = {k: rng.normal(size=(H, H+V))*0.8 for k in ('Wu', 'Wr', 'Wh')}
P.update({k: rng.normal(size=(H, 1))*0.3 for k in ('bu', 'br', 'bh')})
P['Wy'] = rng.normal(size=(V, H)); P['by'] = rng.normal(size=(V, 1))*0.3
X = rng.normal(size=(T, V, 1)); hinit = rng.normal(size=(H, 1))*0.5; tgt = rng.integers(0, V, size=T)

def run(hook=None, pkey=None, pd=0):
    hook = hook or (None, None, 0)
    Hk = lambda t, n, v: v + hook[2] if (hook[0] == t and hook[1] == n) else v
    Q = dict(P)
    if pkey: Q[pkey] = P[pkey] + pd
    h = hinit; L = 0.0; C = {}
    for t in range(T):
        x = X[t]
        hu, hr, hres, hd = Hk(t, 'h_u', h), Hk(t, 'h_r', h), Hk(t, 'h_res', h), Hk(t, 'h_dir', h)
        zu = Hk(t, 'zu', Q['Wu'] @ np.vstack([hu, x]) + Q['bu']); u = Hk(t, 'u', sig(zu))
        zr = Hk(t, 'zr', Q['Wr'] @ np.vstack([hr, x]) + Q['br']); r = Hk(t, 'r', sig(zr))
        cat = Hk(t, 'cat', np.vstack([r*hres, x]))
        zh = Hk(t, 'zh', Q['Wh'] @ cat + Q['bh']); ht = Hk(t, 'ht', np.tanh(zh))
        hn = Hk(t, 'h', (1-u)*hd + u*ht)
        y = Hk(t, 'y', Q['Wy'] @ hn + Q['by']); p = np.exp(y - y.max()); p /= p.sum()
        C[t] = dict(h_prev=h, x=x, u=u, r=r, ht=ht, h=hn, p=p, zh=zh)
        L += -np.log(p[tgt[t], 0]); h = hn
    return L, C

def fd(shape, f, eps=1e-6):
    g = np.zeros(shape)
    for i in np.ndindex(*shape):
        d = np.zeros(shape); d[i] = eps; g[i] = (f(d)-f(-d))/(2*eps)
    return g
tot = lambda t, n, s: fd(s, lambda d: run(hook=(t, n, d))[0])
par = lambda k: fd(P[k].shape, lambda d: run(pkey=k, pd=d)[0])
ok = lambda a, b: a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-8)
_, C = run(); t = 2; c = C[t]
onehot = lambda t: np.eye(V)[:, [tgt[t]]]
dy = {s: C[s]['p'] - onehot(s) for s in range(T)}
res = {}
res[28] = ok(dy[t], tot(t, 'y', (V, 1)))
res[33] = ok(sum(dy[s] @ C[s]['h'].T for s in range(T)), par('Wy'))
res[35] = ok(sum(dy[s] for s in range(T)), par('by'))
gh = {s: tot(s, 'h', (H, 1)) for s in (t-1, t, t+1)}
res[39] = ok(P['Wy'].T @ dy[t] + gh[t+1], gh[t])
g_ht = gh[t]*c['u'];                        res[50] = ok(g_ht, tot(t, 'ht', (H, 1)))
g_zh = g_ht*(1-c['ht']**2);                 res[55] = ok(g_zh, tot(t, 'zh', (H, 1)))
zz = rng.normal(size=5);                    res[57] = np.allclose(fd((5,), lambda d: np.sum(np.tanh(zz+d)))*1, 1-np.tanh(zz)**2)
# 66: local partial of h_t w.r.t. u_t (Jacobian is diagonal; the row gives its diagonal)
Jd = fd((H, 1), lambda d: np.sum((1-(c['u']+d))*c['h_prev'] + (c['u']+d)*c['ht']))  # sum picks the diagonal
res[66] = ok(c['ht']-c['h_prev'], Jd) and ok(-c['h_prev']+c['ht'], Jd)
g_u = gh[t]*(c['ht']-c['h_prev']);          res[69] = ok(g_u, tot(t, 'u', (H, 1)))
g_zu = g_u*c['u']*(1-c['u']);               res[72] = ok(g_zu, tot(t, 'zu', (H, 1)))
res[74] = np.allclose(fd((5,), lambda d: np.sum(sig(zz+d))), sig(zz)*(1-sig(zz)))
g_cat = P['Wh'].T @ g_zh;                   res[83] = ok(g_cat, tot(t, 'cat', (H+V, 1)))
g_rh = g_cat[:H];                           res[86] = ok(g_rh, tot(t, 'cat', (H+V, 1))[:H])
g_r = g_rh*c['h_prev'];                     res[89] = ok(g_r, tot(t, 'r', (H, 1)))
g_zr = g_r*c['r']*(1-c['r']);               res[92] = ok(g_zr, tot(t, 'zr', (H, 1)))
# 99-108: sums over t of the per-step totals
def step_terms(s):
    cs = C[s]; g = tot(s, 'h', (H, 1)); ght = g*cs['u']; gzh = ght*(1-cs['ht']**2)
    gu = g*(cs['ht']-cs['h_prev']); gzu = gu*cs['u']*(1-cs['u'])
    grh = (P['Wh'].T @ gzh)[:H]; gzr = grh*cs['h_prev']*cs['r']*(1-cs['r'])
    return gzu, gzr, gzh, cs
S = [step_terms(s) for s in range(T)]
res[99] = ok(sum(a @ np.vstack([cs['h_prev'], cs['x']]).T for a, _, _, cs in S), par('Wu'))
res[100] = ok(sum(a for a, _, _, _ in S), par('bu'))
res[103] = ok(sum(b @ np.vstack([cs['h_prev'], cs['x']]).T for _, b, _, cs in S), par('Wr'))
res[104] = ok(sum(b for _, b, _, _ in S), par('br'))
res[107] = ok(sum(e @ np.vstack([cs['r']*cs['h_prev'], cs['x']]).T for _, _, e, cs in S), par('Wh'))
res[108] = ok(sum(e for _, _, e, _ in S), par('bh'))
pu = (P['Wu'].T @ g_zu)[:H];                res[115] = ok(pu, tot(t, 'h_u', (H, 1)))
pr = (P['Wr'].T @ g_zr)[:H];                res[118] = ok(pr, tot(t, 'h_r', (H, 1)))
ph = (P['Wh'].T @ g_zh)[:H]*c['r'];         res[121] = ok(ph, tot(t, 'h_res', (H, 1)))
pdir = gh[t]*(1-c['u']);                    res[124] = ok(pdir, tot(t, 'h_dir', (H, 1)))
res[127] = ok(pu+pr+ph+pdir, gh[t-1])
res['127_is_recurrent_part_only'] = ok(pu+pr+ph+pdir, gh[t-1] - P['Wy'].T @ dy[t-1])
res[135] = ok(dy[t], tot(t, 'y', (V, 1)))
# 140: vanilla RNN h_t = tanh(W h_{t-1} + U x_t + b), t = 1..T
W = rng.normal(size=(H, H))*0.7; U = rng.normal(size=(H, V)); b = rng.normal(size=(H, 1))*0.2
def rnn(h0):
    hs = [h0]
    for s in range(1, T+1): hs.append(np.tanh(W @ hs[-1] + U @ X[s % T] + b))
    return hs
h0 = rng.normal(size=(H, 1)); hs = rnn(h0)
J = np.zeros((H, H))          # J[i,j] = d h_T[i] / d h_0[j]  (numerator layout)
for j in range(H):
    d = np.zeros((H, 1)); d[j] = 1e-6
    J[:, j] = ((rnn(h0+d)[-1] - rnn(h0-d)[-1])/2e-6)[:, 0]
R = np.eye(H)
for s in range(1, T+1): R = R @ (W.T @ np.diag(1-hs[s][:, 0]**2))
res['140_rhs_equals_dhT_dh0_denominator_layout'] = np.allclose(R, J.T, atol=1e-7)
res['140_rhs_equals_dhT_dh0_numerator_layout'] = np.allclose(R, J, atol=1e-7)
res[140] = False  # LHS d h_0 / d h_T: h_0 does not depend on h_T (numerator and denominator swapped)
# 144: direct-path part of d h_T / d h_0 for the GRU (gates and candidates held fixed) is diag(prod(1-u_t))
res[144] = False
# the RHS is the direct-path part of d h_T/d h_0 (h_dir uses only), i.e. prod(1-u_t) elementwise, steps 0..T-1
def direct_only(h0d):
    h = h0d
    for s in range(T): h = (1-C[s]['u'])*h + C[s]['u']*C[s]['ht']
    return h
Jd = fd((H, 1), lambda d: np.sum(direct_only(hinit+d)))
res['144_rhs_is_direct_part_of_dhT_dh0'] = np.allclose(Jd, np.prod([C[s]['u']*0+1-C[s]['u'] for s in range(T)], axis=0))
res['39_fix'] = ok(P['Wy'].T @ dy[t] + (tot(t+1, 'h_u', (H, 1)) + tot(t+1, 'h_r', (H, 1)) + tot(t+1, 'h_res', (H, 1)) + tot(t+1, 'h_dir', (H, 1))), gh[t])
for k, v in res.items(): print(k, v)
