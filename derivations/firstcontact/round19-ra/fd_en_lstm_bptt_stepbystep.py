"""FD check of en_lstm_bptt_stepbystep.md ("How Backpropagation Works in LSTM (Step-by-Step with Math)").
Column vectors; f,i,o = sigma(W x_t + U h_{t-1} + b); C~ = tanh(W_C x + U_C h + b_C); C_t = f*C_{t-1} + i*C~;
h_t = o*tanh(C_t).  Loss: MSE, L = sum_t 0.5||h_t - y_t||^2 (the text says MSE "depends on the final hidden state";
a loss on every step is the general case; the rows are checked at every t).  Per-step weight copies give one
step's contribution to dL/dW (the rows carry no sum over t)."""
import numpy as np
rng = np.random.default_rng(0)
nx, nh, T = 3, 4, 4
sig = lambda z: 1/(1+np.exp(-z))
P = {}
for g in 'fioC':
    P['W'+g] = rng.normal(size=(nh, nx))*0.8
    P['U'+g] = rng.normal(size=(nh, nh))*0.8
    P['b'+g] = rng.normal(size=(nh, 1))*0.3
xs = [rng.normal(size=(nx, 1)) for _ in range(T)]
ys = [rng.normal(size=(nh, 1)) for _ in range(T)]

def forward(pert=None, wcopy=None):
    pert = pert or {}; wcopy = wcopy or {}
    h = np.zeros((nh, 1)); C = np.zeros((nh, 1)); L = 0.0; cache = []
    for t in range(T):
        def Wt(name):
            return wcopy.get((name, t), P[name])
        a = {g: Wt('W'+g) @ xs[t] + Wt('U'+g) @ h + Wt('b'+g) for g in 'fioC'}
        for g in 'fioC':
            a[g] = a[g] + pert.get(('a'+g, t), 0)
        f, i, o = sig(a['f']), sig(a['i']), sig(a['o'])
        Ct = np.tanh(a['C'])
        f = f + pert.get(('f', t), 0); i = i + pert.get(('i', t), 0)
        o = o + pert.get(('o', t), 0); Ct = Ct + pert.get(('Ct', t), 0)
        Cprev = C
        C = f*C + i*Ct + pert.get(('C', t), 0)
        h = o*np.tanh(C) + pert.get(('h', t), 0)
        cache.append(dict(f=f, i=i, o=o, Ct=Ct, C=C, Cprev=Cprev, h=h, x=xs[t], hprev=cache[-1]['h'] if cache else np.zeros((nh, 1))))
        L += 0.5*float(np.sum((h-ys[t])**2))
    return L, cache

def fd_vec(key, eps=1e-6):
    g = np.zeros((nh, 1))
    for k in range(nh):
        e = np.zeros((nh, 1)); e[k] = eps
        g[k] = (forward({key: e})[0]-forward({key: -e})[0])/(2*eps)
    return g

def fd_wstep(name, t, eps=1e-6):
    M = P[name]; G = np.zeros_like(M)
    for idx in np.ndindex(*M.shape):
        Mp = M.copy(); Mp[idx] += eps; Mm = M.copy(); Mm[idx] -= eps
        G[idx] = (forward(wcopy={(name, t): Mp})[0]-forward(wcopy={(name, t): Mm})[0])/(2*eps)
    return G

L, c = forward()
ok = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
res = {}
for t in range(T):
    s = c[t]
    dh = fd_vec(('h', t)); dC = fd_vec(('C', t)); do = fd_vec(('o', t)); df = fd_vec(('f', t))
    di = fd_vec(('i', t)); dCt = fd_vec(('Ct', t)); daC = fd_vec(('aC', t))
    # line 61
    res.setdefault(61, []).append(ok(dh*np.tanh(s['C']), do))
    # lines 64/67 (author: dL/do x^T, dL/do h_{t-1}^T) vs one step's true contribution
    res.setdefault(64, []).append(ok(do @ s['x'].T, fd_wstep('Wo', t)))
    res.setdefault('64corr', []).append(ok((do*s['o']*(1-s['o'])) @ s['x'].T, fd_wstep('Wo', t)))
    res.setdefault(67, []).append(ok(do @ s['hprev'].T, fd_wstep('Uo', t)))
    # lines 72+75: h-path plus f_{t+1} dL/dC_{t+1}
    tot = dh*s['o']*(1-np.tanh(s['C'])**2)
    if t+1 < T:
        tot = tot + c[t+1]['f']*fd_vec(('C', t+1))
    res.setdefault('72+75', []).append(ok(tot, dC))
    res.setdefault(80, []).append(ok(dC*s['Cprev'], df))
    res.setdefault(83, []).append(ok(df @ s['x'].T, fd_wstep('Wf', t)))
    res.setdefault(86, []).append(ok(df @ s['hprev'].T, fd_wstep('Uf', t)))
    res.setdefault(91, []).append(ok(dC*s['Ct'], di))
    res.setdefault(94, []).append(ok(di @ s['x'].T, fd_wstep('Wi', t)))
    res.setdefault(97, []).append(ok(di @ s['hprev'].T, fd_wstep('Ui', t)))
    auth102 = dC*s['i']*(1-s['Ct']**2)
    res.setdefault(102, []).append(ok(auth102, dCt))
    res.setdefault('102_is_preact', []).append(ok(auth102, daC))
    res.setdefault(105, []).append(ok(dCt @ s['x'].T, fd_wstep('WC', t)))
    res.setdefault('105_with_author_102', []).append(ok(auth102 @ s['x'].T, fd_wstep('WC', t)))
    res.setdefault(108, []).append(ok(dCt @ s['hprev'].T, fd_wstep('UC', t)))
    res.setdefault('108_with_author_102', []).append(ok(auth102 @ s['hprev'].T, fd_wstep('UC', t)))
for k, v in res.items():
    print(k, 'PASS' if all(v) else 'FAIL', v)
