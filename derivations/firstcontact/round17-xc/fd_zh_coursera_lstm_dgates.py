"""Finite-difference check of zh_coursera_lstm_dgates.md (Coursera-notation LSTM, column vectors).
Forward (Coursera, implied by the note's names): Gf=sig(Wf[a_prev;x]+bf), Gu=sig(Wu[..]+bu), ct=tanh(Wc[..]+bc),
Go=sig(Wo[..]+bo), c=Gf*c_prev+Gu*ct, a=Go*tanh(c).  Loss: L = sum_t R_t . a_t + S . c_T (any smooth loss works).
Taps (additive perturbations at one use site) give the split gradients: a_next/c_next = state as used by the next
step, a_out = a_t as used by the loss, c_a = c_t as used in a_t = Go*tanh(c_t).  Per-step weight copies give the
step-t contributions dW, db."""
import numpy as np
rng = np.random.default_rng(0)
nx, na, m, T = 2, 3, 1, 4
sig = lambda z: 1/(1+np.exp(-z))
P = {k: rng.normal(size=(na, na+nx))*0.7 for k in 'fuco'}
B = {k: rng.normal(size=(na, 1))*0.3 for k in 'fuco'}
X = [rng.normal(size=(nx, m)) for _ in range(T)]
R = [rng.normal(size=(na, m)) for _ in range(T)]
S = rng.normal(size=(na, m))
a0 = rng.normal(size=(na, m))*0.5; c0 = rng.normal(size=(na, m))*0.5

def fwd(taps=None, wtaps=None):
    taps = taps or {}; wtaps = wtaps or {}
    tp = lambda name, t, v: v + taps.get((name, t), 0)
    a_prev_next, c_prev_next = a0, c0   # state entering step 0
    L = 0.0; cache = []
    for t in range(T):
        x = tp('x', t, X[t])
        W = {k: P[k] + wtaps.get(('W'+k, t), 0) for k in 'fuco'}
        bb = {k: B[k] + wtaps.get(('b'+k, t), 0) for k in 'fuco'}
        z = np.vstack([a_prev_next, x])
        Gf = tp('Gf', t, sig(W['f']@z+bb['f'])); Gu = tp('Gu', t, sig(W['u']@z+bb['u']))
        ct = tp('ct', t, np.tanh(W['c']@z+bb['c'])); Go = tp('Go', t, sig(W['o']@z+bb['o']))
        c = tp('c', t, Gf*c_prev_next + Gu*ct)
        a = tp('a', t, Go*np.tanh(tp('c_a', t, c)))
        L += np.sum(R[t]*tp('a_out', t, a))
        cache.append(dict(z=z, Gf=Gf, Gu=Gu, ct=ct, Go=Go, c=c, a=a, c_prev=c_prev_next, a_prev=a_prev_next, x=x))
        a_prev_next = tp('a_next', t, a); c_prev_next = tp('c_next', t, c)
    L += np.sum(S*c_prev_next)   # c_T used by the loss through c_next(T-1)
    return L, cache

def fd(name, t, shape, w=False, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        if w:
            lp, _ = fwd(wtaps={(name, t): E}); lm, _ = fwd(wtaps={(name, t): -E})
        else:
            lp, _ = fwd(taps={(name, t): E}); lm, _ = fwd(taps={(name, t): -E})
        g[idx] = (lp-lm)/(2*eps)
    return g

_, C = fwd()
ok = lambda A, Bm: np.allclose(A, Bm, atol=1e-7)
res = {}
for t in range(1, T):
    k = C[t]
    da = fd('a', t, (na, m)); dabar = fd('a_next', t, (na, m)); dahat = fd('a_out', t, (na, m))
    dc = fd('c', t, (na, m)); dcbar = fd('c_next', t, (na, m)); dchat = fd('c_a', t, (na, m))
    res.setdefault('L6 da=dabar+dahat', []).append(ok(da, dabar+dahat))
    res.setdefault('L8 dc=dcbar+dchat', []).append(ok(dc, dcbar+dchat))
    res.setdefault('L10 dchat=da*Go*(1-tanh(c)^2)', []).append(ok(dchat, da*k['Go']*(1-np.tanh(k['c'])**2)))
    res.setdefault('L14 dc=dcbar+da*Go*(1-tanh^2)', []).append(ok(dc, dcbar+da*k['Go']*(1-np.tanh(k['c'])**2)))
    dGo = da*np.tanh(k['c']); dct = dc*k['Gu']; dGf = dc*k['c_prev']; dGu = dc*k['ct']
    res.setdefault('L18 dGo=da*tanh(c)', []).append(ok(fd('Go', t, (na, m)), dGo))
    res.setdefault('L20 dct=dc*Gu', []).append(ok(fd('ct', t, (na, m)), dct))
    res.setdefault('L22 dGf=dc*c_prev', []).append(ok(fd('Gf', t, (na, m)), dGf))
    res.setdefault('L24 dGu=dc*ct', []).append(ok(fd('Gu', t, (na, m)), dGu))
    zT = k['z'].T
    pre = {'o': dGo*k['Go']*(1-k['Go']), 'f': dGf*k['Gf']*(1-k['Gf']), 'u': dGu*k['Gu']*(1-k['Gu']), 'c': dct*(1-k['ct']**2)}
    lines = {'o': (30, 32), 'f': (34, 36), 'u': (38, 40), 'c': (42, 44)}
    for g in 'ofuc':
        lw, lb = lines[g]
        res.setdefault(f'L{lw} dw_{g} (step t, * read as matrix product)', []).append(ok(fd('W'+g, t, (na, na+nx), w=True), pre[g]@zT))
        res.setdefault(f'L{lb} db_{g} (step t, sum over axis 1)', []).append(ok(fd('b'+g, t, (na, 1), w=True), pre[g].sum(axis=1, keepdims=True)))
    res.setdefault('L50 dc_prev=dc*Gf (sent back by step t)', []).append(ok(fd('c_next', t-1, (na, m)), dc*k['Gf']))
    da_prev_fd = fd('a_next', t-1, (na, m)); dx_fd = fd('x', t, (nx, m))
    # literal reading: dpre * w_hat^T with w_hat^T := w[:, :n_a]  (n_a x m) times (n_a x n_a): ill-typed unless m == n_a
    def literal(sl):
        try:
            return sum(pre[g] @ P[g][:, sl] for g in 'ofuc')
        except ValueError:
            return None
    lit = literal(slice(0, na))
    res.setdefault('L52 da_prev literal (dpre * w[:, :n_a]) well-typed and right', []).append(lit is not None and ok(lit, da_prev_fd))
    res.setdefault('    da_prev corrected (w[:, :n_a]^T @ dpre)', []).append(ok(sum(P[g][:, :na].T@pre[g] for g in 'ofuc'), da_prev_fd))
    lit = literal(slice(na, na+nx))
    res.setdefault('L54 dx literal (dpre * w[:, n_a:]) well-typed and right', []).append(lit is not None and ok(lit, dx_fd))
    res.setdefault('    dx corrected (w[:, n_a:]^T @ dpre)', []).append(ok(sum(P[g][:, na:].T@pre[g] for g in 'ofuc'), dx_fd))
for k_, v in res.items():
    print(('PASS' if all(v) else 'FAIL'), k_)
