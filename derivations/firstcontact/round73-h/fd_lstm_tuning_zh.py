# FD check of lstm_tuning_zh.md (column vectors, W.[h_{t-1}; x_t], loss L = sum_t v_t . h_t)
import numpy as np
rng = np.random.default_rng(0)
H, D, T = 3, 2, 4
sig = lambda a: 1/(1+np.exp(-a))
P = {k: rng.normal(0, .6, (H, H+D)) for k in ['Wf', 'Wi', 'WC', 'Wo']}
P.update({k: rng.normal(0, .3, (H, 1)) for k in ['bf', 'bi', 'bC', 'bo']})
X = rng.normal(size=(T, D, 1)); V = rng.normal(size=(T, H, 1))

def fwd(P, pert=None):
    pert = pert or {}
    h = np.zeros((H, 1)); C = np.zeros((H, 1)); L = 0; S = []
    for t in range(T):
        z = np.vstack([h, X[t]])
        f = sig(P['Wf']@z+P['bf']) + pert.get(('f', t), 0)     # line 11
        i = sig(P['Wi']@z+P['bi']) + pert.get(('i', t), 0)     # line 19
        Ct = np.tanh(P['WC']@z+P['bC']) + pert.get(('Ct', t), 0)  # line 22
        Cp = C
        C = f*C + i*Ct + pert.get(('C', t), 0)                 # line 30
        o = sig(P['Wo']@z+P['bo']) + pert.get(('o', t), 0)     # line 38
        h = o*np.tanh(C) + pert.get(('h', t), 0)               # line 41
        S.append(dict(z=z, f=f, i=i, Ct=Ct, C=C, Cp=Cp, o=o, h=h))
        L += float((V[t].T@h)[0, 0])
    return L, S

def fd_var(name, t, eps=1e-6):
    g = np.zeros((H, 1))
    for k in range(H):
        e = np.zeros((H, 1)); e[k] = eps
        g[k] = (fwd(P, {(name, t): e})[0]-fwd(P, {(name, t): -e})[0])/(2*eps)
    return g

def fd_par(name, eps=1e-6):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        P[name][idx] += eps; lp = fwd(P)[0]; P[name][idx] -= 2*eps; lm = fwd(P)[0]; P[name][idx] += eps
        g[idx] = (lp-lm)/(2*eps)
    return g

L, S = fwd(P)
ok = lambda a, b: np.allclose(a, b, atol=1e-6)
res = {}
for t in range(T):
    s = S[t]
    dh = fd_var('h', t); dC = fd_var('C', t)
    dC_next = fd_var('C', t+1) if t+1 < T else np.zeros((H, 1))
    f_next = S[t+1]['f'] if t+1 < T else np.zeros((H, 1))
    res.setdefault('55 dL/do_t = dL/dh_t*tanh(C_t)', []).append(ok(dh*np.tanh(s['C']), fd_var('o', t)))
    res.setdefault('61 dL/dC_t = dh*o*(1-tanh^2)+dC_{t+1}*f_{t+1}', []).append(ok(dh*s['o']*(1-np.tanh(s['C'])**2)+dC_next*f_next, dC))
    res.setdefault('67 dL/df_t = dL/dC_t*C_{t-1}', []).append(ok(dC*s['Cp'], fd_var('f', t)))
    res.setdefault('73 dL/di_t = dL/dC_t*Ctilde_t', []).append(ok(dC*s['Ct'], fd_var('i', t)))
    res.setdefault('79 dL/dCtilde_t = dL/dC_t*i_t', []).append(ok(dC*s['i'], fd_var('Ct', t)))
for k, v in res.items():
    print(('PASS ' if all(v) else 'FAIL ')+'line '+k)

# line 85/88: dL/dW = sum_t dL/dg_t [h_{t-1},x_t]^T, dL/db = sum_t dL/dg_t, g_t = gate OUTPUT (f_t, i_t, o_t)
for gname, W, b in [('f', 'Wf', 'bf'), ('i', 'Wi', 'bi'), ('o', 'Wo', 'bo')]:
    dW = sum(fd_var(gname, t)@S[t]['z'].T for t in range(T))
    db = sum(fd_var(gname, t) for t in range(T))
    dWc = sum((fd_var(gname, t)*S[t][gname]*(1-S[t][gname]))@S[t]['z'].T for t in range(T))
    print(('PASS ' if ok(dW, fd_par(W)) else 'FAIL ')+f'line 85 dL/d{W} = sum dL/d{gname}_t [h,x]^T (as written, g_t = gate output)'
          f'   | with sigma\' factor added: {"agrees" if ok(dWc, fd_par(W)) else "disagrees"}')
    print(('PASS ' if ok(db, fd_par(b)) else 'FAIL ')+f'line 88 dL/d{b} = sum dL/d{gname}_t (as written)')
