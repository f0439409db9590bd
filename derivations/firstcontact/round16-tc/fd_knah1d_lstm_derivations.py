"""FD check of knah1d_lstm_derivations.md: row-vector batched LSTM with per-gate Wx_k (in x H),
Wh_k (H x H), b_k, gates f,i,o (sigmoid), g (tanh); C_t = f C_prev + i g; h_t = o tanh(C_t).
Loss L = sum_t <V_t, h_t> (the 'external' gradient dh_ext_t = V_t) + <Q_T, C_T>; T=3, checks at t=2."""
import numpy as np
rng = np.random.default_rng(3)
B, n_in, H, T = 3, 5, 4, 3
sig = lambda a: 1/(1+np.exp(-a)); G = 'fiog'
Wx = {k: rng.normal(size=(n_in, H))*0.6 for k in G}; Wh = {k: rng.normal(size=(H, H))*0.6 for k in G}
bb = {k: rng.normal(size=H)*0.3 for k in G}
X = rng.normal(size=(T+1, B, n_in)); h0 = rng.normal(size=(B, H)); C0 = rng.normal(size=(B, H))
V = rng.normal(size=(T+1, B, H)); QT = rng.normal(size=(B, H))
def run(hook=None, par=None):
    hook = hook or (None, None, 0)
    Hk = lambda t, n, v: v + hook[2] if (hook[0] == t and hook[1] == n) else v
    P = lambda t, kind, k: ({'Wx': Wx, 'Wh': Wh, 'b': bb}[kind][k] + (par[3] if par and par[:3] == (t, kind, k) else 0))
    h, C, L, S = h0, C0, 0.0, {}
    for t in range(1, T+1):
        x = Hk(t, 'x', X[t]); hp = Hk(t, 'h_prev', h); Cp = Hk(t, 'C_prev', C)
        pre = {k: Hk(t, k+'_pre', x @ P(t, 'Wx', k) + hp @ P(t, 'Wh', k) + P(t, 'b', k)) for k in G}
        act = {k: Hk(t, k, (np.tanh if k == 'g' else sig)(pre[k])) for k in G}
        Cn = Hk(t, 'C', act['f']*Cp + act['i']*act['g']); hn = Hk(t, 'h', act['o']*np.tanh(Cn))
        S[t] = dict(x=X[t], h_prev=h, C_prev=C, C=Cn, h=hn, **act)
        L += np.sum(V[t]*hn); h, C = hn, Cn
    return L + np.sum(QT*C), S
def fd(shape, f, eps=1e-6):
    g = np.zeros(shape)
    for k in np.ndindex(*shape):
        d = np.zeros(shape); d[k] = eps; g[k] = (f(d)-f(-d))/(2*eps)
    return g
tot = lambda t, n, s: fd(s, lambda d: run(hook=(t, n, d))[0])
ok = lambda a, b: a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-8)
t = 2; _, S = run(); s = S[t]; sh = (B, H)
res = {}
# dh_next := what step t+1 sends back = dL/dh_t minus the external term V_t
dh_t = tot(t, 'h', sh); dh_ext = V[t]; dh_next = dh_t - dh_ext
res[28] = ok(dh_ext + dh_next, dh_t) and ok(dh_next, tot(t+1, 'h_prev', sh))
dC_next = tot(t+1, 'C_prev', sh)
dC = dC_next + dh_t*s['o']*(1-np.tanh(s['C'])**2)
res[32] = ok(dC, tot(t, 'C', sh)); res[110] = res[32]; res[109] = res[28]
res[34] = np.allclose(fd(sh, lambda d: np.sum(s['o']*np.tanh(s['C']+d))), s['o']*(1-np.tanh(s['C'])**2))
d = {'f': dC*s['C_prev'], 'i': dC*s['g'], 'g': dC*s['i'], 'o': dh_t*np.tanh(s['C'])}
res[47] = ok(d['f'], tot(t, 'f', sh)); res[48] = ok(d['i'], tot(t, 'i', sh)); res[49] = ok(d['g'], tot(t, 'g', sh))
res[55] = ok(d['o'], tot(t, 'o', sh)); res[112] = res[47] and res[48] and res[49] and res[55]
dp = {'f': d['f']*s['f']*(1-s['f']), 'i': d['i']*s['i']*(1-s['i']), 'o': d['o']*s['o']*(1-s['o']), 'g': d['g']*(1-s['g']**2)}
for line, k in zip((64, 65, 66, 67), 'fiog'):
    res[line] = ok(dp[k], tot(t, k+'_pre', sh)); res[line+50] = res[line]
z = np.array([0.3, -1.2, 2.0])
res[60] = np.allclose(fd((3,), lambda e: sig(z+e).sum()), sig(z)*(1-sig(z))) and np.allclose(fd((3,), lambda e: np.tanh(z+e).sum()), 1-np.tanh(z)**2)
pfd = lambda kind, k, shape: fd(shape, lambda e: run(par=(t, kind, k, e))[0])
res[76] = all(ok(s['x'].T @ dp[k], pfd('Wx', k, (n_in, H))) for k in G)
res[77] = all(ok(s['h_prev'].T @ dp[k], pfd('Wh', k, (H, H))) for k in G)
res[78] = all(ok(dp[k].sum(0), pfd('b', k, (H,))) for k in G)
res[119], res[120], res[121] = res[76], res[77], res[78]
dx = sum(dp[k] @ Wx[k].T for k in G); res[87] = ok(dx, tot(t, 'x', (B, n_in))); res[123] = res[87]
dhp = sum(dp[k] @ Wh[k].T for k in G); res[89] = ok(dhp, tot(t, 'h_prev', sh)); res[124] = res[89]
res['89_is_dh_next_of_t-1'] = ok(dhp, tot(t-1, 'h', sh) - V[t-1])
res[97] = ok(dC*s['f'], tot(t, 'C_prev', sh)); res[125] = res[97]
for k, v in sorted(res.items(), key=lambda kv: str(kv[0])): print(k, v)
