"""FD check of zh_obsidian_lstm_note.md (Chinese Obsidian LSTM note).
Column vectors, gates W_q [h_{t-1}; x_t] + b_q (W_q: d_h x (d_h+d_x)), y^_t = softmax(W_hy h_t + b_y).
Loss not stated; 5.1's  y^_t - 1_{y_t}  implies cross-entropy: L = sum_t -log y^_t[y_t]."""
import numpy as np
rng = np.random.default_rng(1)
dx, dh, dy, T = 3, 4, 5, 4
sig = lambda z: 1/(1+np.exp(-z))
W = {g: rng.normal(size=(dh, dh+dx))*0.7 for g in 'fiCo'}
b = {g: rng.normal(size=(dh, 1))*0.3 for g in 'fiCo'}
Why = rng.normal(size=(dy, dh)); by = rng.normal(size=(dy, 1))*0.3
xs = [rng.normal(size=(dx, 1)) for _ in range(T)]; lab = rng.integers(0, dy, size=T)

def forward(pert=None, wcopy=None, only_after=-1):
    pert = pert or {}; wcopy = wcopy or {}
    h = np.zeros((dh, 1)); C = np.zeros((dh, 1)); L = 0; cache = []
    for t in range(T):
        a_t = np.vstack([h, xs[t]])
        Wt = lambda g: wcopy.get((g, t), W[g])
        pre = {g: Wt(g) @ a_t + b[g] + pert.get(('a'+g, t), 0) for g in 'fiCo'}
        f = sig(pre['f']) + pert.get(('f', t), 0); i = sig(pre['i']) + pert.get(('i', t), 0)
        Ct = np.tanh(pre['C']) + pert.get(('Ct', t), 0); o = sig(pre['o']) + pert.get(('o', t), 0)
        Cprev = C
        C = f*C + i*Ct + pert.get(('C', t), 0)
        hd = o*np.tanh(C)                      # h before the "from t+1" split
        h = hd + pert.get(('h', t), 0) + pert.get(('hfut', t), 0)*0
        z = Why @ h + by + pert.get(('z', t), 0)
        p = np.exp(z-z.max()); p /= p.sum()
        if t > only_after:
            L += -np.log(p[lab[t], 0])
        cache.append(dict(f=f, i=i, Ct=Ct, o=o, C=C, Cprev=Cprev, h=h, p=p, a=a_t))
    return L, cache

def fdv(key, n=dh, eps=1e-6):
    g = np.zeros((n, 1))
    for k in range(n):
        e = np.zeros((n, 1)); e[k] = eps
        g[k] = (forward({key: e})[0]-forward({key: -e})[0])/(2*eps)
    return g

def fdW(g, t=None, eps=1e-6):
    G = np.zeros_like(W[g])
    for idx in np.ndindex(*G.shape):
        if t is None:
            Wp = W[g].copy(); Wp[idx] += eps; Wm = W[g].copy(); Wm[idx] -= eps
            cp = {(g, s): Wp for s in range(T)}; cm = {(g, s): Wm for s in range(T)}
        else:
            Wp = W[g].copy(); Wp[idx] += eps; Wm = W[g].copy(); Wm[idx] -= eps
            cp = {(g, t): Wp}; cm = {(g, t): Wm}
        G[idx] = (forward(wcopy=cp)[0]-forward(wcopy=cm)[0])/(2*eps)
    return G

ok = lambda a, b_: np.allclose(a, b_, atol=1e-6, rtol=1e-5)
L, c = forward(); res = {}
dfs, dpre_f = [], []
for t in range(T):
    s = c[t]
    onehot = np.zeros((dy, 1)); onehot[lab[t]] = 1
    dz = fdv(('z', t), n=dy)
    res.setdefault(58, []).append(ok(s['p']-onehot, dz))
    dh_tot = fdv(('h', t))
    # "from t+1" part: total minus the direct output path (the output path is W_hy^T dz)
    # the "from t+1" part, computed independently: FD of sum_{s>t} L_s w.r.t. h_t
    fut = np.zeros((dh, 1))
    for k in range(dh):
        e = np.zeros((dh, 1)); e[k] = 1e-6
        fut[k] = (forward({('h', t): e}, only_after=t)[0]-forward({('h', t): -e}, only_after=t)[0])/2e-6
    res.setdefault(62, []).append(ok(Why.T @ (s['p']-onehot) + fut, dh_tot))
    dC = fdv(('C', t))
    rhs = dh_tot*s['o']*(1-np.tanh(s['C'])**2) + (c[t+1]['f']*fdv(('C', t+1)) if t+1 < T else 0)
    res.setdefault(66, []).append(ok(rhs, dC))
    df = fdv(('f', t)); di = fdv(('i', t)); dCt = fdv(('Ct', t))
    res.setdefault(70, []).append(ok(dC*s['Cprev'], df))
    res.setdefault(71, []).append(ok(dC*s['Ct'], di))
    res.setdefault(72, []).append(ok(dC*s['i'], dCt))
    dfs.append(df @ s['a'].T); dpre_f.append((df*s['f']*(1-s['f'])) @ s['a'].T)
# line 46: direct partial dC_t/dC_{t-1} (h_{t-1} held fixed) = diag(f_t)
t = 2; s = c[t]; eps = 1e-6; J = np.zeros((dh, dh))
for k in range(dh):
    e = np.zeros((dh, 1)); e[k] = eps
    J[:, k] = (s['f']*(s['Cprev']+e) - s['f']*(s['Cprev']-e))[:, 0]/(2*eps)
res[46] = [ok(J, np.diag(s['f'][:, 0]))]
GWf = fdW('f')
res[76] = [ok(sum(dfs), GWf)]
res['76_if_delta_f_is_preactivation'] = [ok(sum(dpre_f), GWf)]
for k, v in res.items():
    print(k, 'PASS' if all(v) else 'FAIL', v)
