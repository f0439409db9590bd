"""FD check of zh_gru_math_seq2seq_notes.md (Chinese GRU notes, sections 2 and 4).
Column vectors (the notes' appendix: x_t (d_in,1), h_t (d_hidden,1)); r,z = sigma(W_x. x + W_h. h + b);
h~ = tanh(W_xh x + W_hh (r o h_{t-1}) + b_h); h_t = (1-z) o h_{t-1} + z o h~ (z weights the NEW candidate).
Output (from the notes' code, not in the kept text): y_t = W_hy h_t + b_y, y^_t = softmax(y_t); loss cross-entropy,
L = sum_t L_t, L_t = -log y^_t[label_t]."""
import numpy as np
rng = np.random.default_rng(3)
dx, dh, dy, T = 3, 4, 5, 4
sig = lambda a: 1/(1+np.exp(-a))
P = {k: rng.normal(size=(dh, dx))*0.8 for k in ['Wxr', 'Wxz', 'Wxh']}
P.update({k: rng.normal(size=(dh, dh))*0.8 for k in ['Whr', 'Whz', 'Whh']})
P.update({k: rng.normal(size=(dh, 1))*0.3 for k in ['br', 'bz', 'bh']})
Why = rng.normal(size=(dy, dh)); by = rng.normal(size=(dy, 1))*0.3
xs = [rng.normal(size=(dx, 1)) for _ in range(T)]; lab = rng.integers(0, dy, size=T)

def step(h, x, pert, t):
    r = sig(P['Wxr'] @ x + P['Whr'] @ h + P['br']) + pert.get(('r', t), 0)
    z = sig(P['Wxz'] @ x + P['Whz'] @ h + P['bz']) + pert.get(('z', t), 0)
    ht = np.tanh(P['Wxh'] @ x + P['Whh'] @ (r*h) + P['bh']) + pert.get(('ht', t), 0)
    return (1-z)*h + z*ht, dict(r=r, z=z, ht=ht, hprev=h)

def forward(pert=None, Why_=None):
    pert = pert or {}; Wy = Why if Why_ is None else Why_
    h = np.zeros((dh, 1)); L = 0; cache = []
    for t in range(T):
        h, cc = step(h, xs[t], pert, t)
        h = h + pert.get(('h', t), 0)
        y = Wy @ h + by; p = np.exp(y-y.max()); p /= p.sum()
        L += -np.log(p[lab[t], 0]); cc.update(h=h, p=p); cache.append(cc)
    return L, cache

def fdv(key, eps=1e-6):
    g = np.zeros((dh, 1))
    for k in range(dh):
        e = np.zeros((dh, 1)); e[k] = eps
        g[k] = (forward({key: e})[0]-forward({key: -e})[0])/(2*eps)
    return g

ok = lambda a, b: a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-5)
L, c = forward(); res = {}
for t in range(T):
    s = c[t]; oh = np.zeros((dy, 1)); oh[lab[t]] = 1
    # 44: dL_t/dW_hy (step-t loss only) = (y^_t - y_t) h_t^T
    G = np.zeros_like(Why)
    for idx in np.ndindex(*Why.shape):
        Wp = Why.copy(); Wp[idx] += 1e-6; Wm = Why.copy(); Wm[idx] -= 1e-6
        def Lt(W_):
            h = np.zeros((dh, 1))
            for u in range(t+1):
                h, _ = step(h, xs[u], {}, u)
            y = W_ @ h + by; p = np.exp(y-y.max()); p /= p.sum(); return -np.log(p[lab[t], 0])
        G[idx] = (Lt(Wp)-Lt(Wm))/2e-6
    res.setdefault(44, []).append(ok((s['p']-oh) @ s['h'].T, G))
    dh_ = fdv(('h', t))
    # FD Jacobian dh_{t+1}/dh_t
    if t+1 < T:
        J = np.zeros((dh, dh)); Jht = np.zeros((dh, dh))
        for k in range(dh):
            e = np.zeros((dh, 1)); e[k] = 1e-6
            hp_, cp_ = step(s['h']+e, xs[t+1], {}, t+1); hm_, cm_ = step(s['h']-e, xs[t+1], {}, t+1)
            J[:, k] = ((hp_-hm_)/2e-6)[:, 0]; Jht[:, k] = ((cp_['ht']-cm_['ht'])/2e-6)[:, 0]
        z1 = c[t+1]['z']
        dnext = fdv(('h', t+1))
        # 52 as printed: column dL/dh_{t+1} (dh x 1) times Jacobian (dh x dh) -> ill-typed
        try:
            _ = dnext @ J; res.setdefault(52, []).append('typed?')
        except ValueError:
            res.setdefault(52, []).append('ill-typed')
        res.setdefault('52_with_transposed_jacobian', []).append(ok(Why.T @ (s['p']-oh) + J.T @ dnext, dh_))
        # 58: (1 - z_{t+1}) + dh~_{t+1}/dh_t . z_{t+1}, read as diag(1-z) + diag(z) dh~/dh
        auth = np.diag((1-z1)[:, 0]) + np.diag(z1[:, 0]) @ Jht
        res.setdefault(58, []).append(ok(auth, J))
    dz = fdv(('z', t)); dht = fdv(('ht', t)); dr = fdv(('r', t))
    res.setdefault(66, []).append(ok(dh_*(s['ht']-s['hprev']), dz))
    tprime = 1-s['ht']**2
    res.setdefault(72, []).append(ok(dht*(P['Whh'].T @ s['hprev'])*tprime, dr))
    res.setdefault('72_correct_form', []).append(ok((P['Whh'].T @ (dht*tprime))*s['hprev'], dr))
for k, v in res.items():
    print(k, v)
