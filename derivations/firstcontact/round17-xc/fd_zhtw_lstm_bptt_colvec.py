"""Finite-difference check of zhtw_lstm_bptt_colvec.md (column vectors; W_* on x_t, U_* on h_{t-1};
z_t = W_y h_t + b_y, softmax + cross-entropy per step, L = sum_t L_t)."""
import numpy as np
rng = np.random.default_rng(3)
I, H, V, T = 2, 3, 4, 4
sig = lambda z: 1/(1+np.exp(-z))
Wm = {g: rng.normal(size=(H, I))*.7 for g in 'fioc'}; Um = {g: rng.normal(size=(H, H))*.7 for g in 'fioc'}
bm = {g: rng.normal(size=(H, 1))*.3 for g in 'fioc'}; Wy = rng.normal(size=(V, H))*.7; by = rng.normal(size=(V, 1))*.3
X = [rng.normal(size=(I, 1)) for _ in range(T)]; Y = [np.eye(V)[:, [rng.integers(V)]] for _ in range(T)]

def fwd(taps=None):
    taps = taps or {}; tp = lambda n, t, v: v + taps.get((n, t), 0)
    h = np.zeros((H, 1)); C = np.zeros((H, 1)); L = 0.0; K = []
    for t in range(T):
        x = tp('x', t, X[t])
        a = {g: tp('a'+g, t, Wm[g]@x + Um[g]@tp('hp_'+g, t, h) + bm[g]) for g in 'fioc'}
        f, i, o = [tp(g, t, sig(a[g])) for g in 'fio']; Ct = tp('Ct', t, np.tanh(a['c']))
        Cn = tp('C', t, f*tp('Cp_viaC', t, C) + i*Ct)
        hn = tp('h', t, o*np.tanh(tp('C_h', t, Cn)))
        z = tp('z', t, Wy@tp('h_out', t, hn) + by); p = np.exp(z-z.max()); p /= p.sum()
        L += -np.sum(Y[t]*np.log(p))
        K.append(dict(f=f, i=i, o=o, Ct=Ct, C=Cn, Cp=C, h=hn, hp=h, x=x, p=p))
        h = tp('h_next', t, hn); C = tp('C_next', t, Cn)
    return L, K
def fd(n, t, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        g[idx] = (fwd({(n, t): E})[0]-fwd({(n, t): -E})[0])/(2*eps)
    return g
ok = lambda A, B_: np.allclose(A, B_, atol=1e-6)
_, K = fwd()
dy = [K[t]['p']-Y[t] for t in range(T)]
res = {}
def rec(k, v): res.setdefault(k, []).append(v)
dh = [fd('h', t, (H, 1)) for t in range(T)]; dC = [fd('C', t, (H, 1)) for t in range(T)]
dA = [{g: fd('a'+g, t, (H, 1)) for g in 'fioc'} for t in range(T)]
for t in range(T):
    k = K[t]
    rec('L62 dL_t/dz_t = yhat - y', ok(fd('z', t, (V, 1)), dy[t]))
    rec('L76 dL/dh_t|current = W_y^T delta^y', ok(fd('h_out', t, (H, 1)), Wy.T@dy[t]))
    fut = fd('h_next', t, (H, 1))
    exp_fut = sum(Um[g].T@dA[t+1][g] for g in 'fioc') if t < T-1 else np.zeros((H, 1))
    rec('L80 dL/dh_t|future = sum U^T delta^{a}_{t+1}', ok(fut, exp_fut))
    rec('L84 delta^h = W_y^T delta^y + delta^{h,future}', ok(dh[t], Wy.T@dy[t] + fut))
    rec('L100 dh_t/dC_t = o (1 - tanh^2 C) (diagonal)', ok(np.array([[ (k['o'][j,0]*np.tanh(k['C'][j,0]+1e-6) - k['o'][j,0]*np.tanh(k['C'][j,0]-1e-6))/2e-6] for j in range(H)]), k['o']*(1-np.tanh(k['C'])**2)))
    rec('L104 dL/dC_t|via h_t', ok(fd('C_h', t, (H, 1)), dh[t]*k['o']*(1-np.tanh(k['C'])**2)))
    nxt = dC[t+1]*K[t+1]['f'] if t < T-1 else np.zeros((H, 1))
    rec('L110 dL/dC_t|future = delta^c_{t+1} f_{t+1}', ok(fd('C_next', t, (H, 1)), nxt))
    rec('L114 delta^c_t recursion', ok(dC[t], dh[t]*k['o']*(1-np.tanh(k['C'])**2) + nxt))
    rec('L126 delta^o = delta^h tanh C', ok(fd('o', t, (H, 1)), dh[t]*np.tanh(k['C'])))
    rec('L130 delta^f = delta^c C_{t-1}', ok(fd('f', t, (H, 1)), dC[t]*k['Cp']))
    rec('L134 delta^i = delta^c C~', ok(fd('i', t, (H, 1)), dC[t]*k['Ct']))
    rec('L138 delta^c~ = delta^c i', ok(fd('Ct', t, (H, 1)), dC[t]*k['i']))
    if t > 0:
        rec('L142 delta^c_{t-1} = delta^c_t f_t (as what step t sends back)', ok(fd('Cp_viaC', t, (H, 1)), dC[t]*k['f']))
        rec('    (L142 is NOT the total dL/dC_{t-1})', not ok(dC[t-1], dC[t]*k['f']))
    rec('L159 delta^{a_f}', ok(dA[t]['f'], dC[t]*k['Cp']*k['f']*(1-k['f'])))
    rec('L161 delta^{a_i}', ok(dA[t]['i'], dC[t]*k['Ct']*k['i']*(1-k['i'])))
    rec('L163 delta^{a_o}', ok(dA[t]['o'], dh[t]*np.tanh(k['C'])*k['o']*(1-k['o'])))
    rec('L165 delta^{a_c}', ok(dA[t]['c'], dC[t]*k['i']*(1-k['Ct']**2)))
for k_, v in res.items():
    print(('PASS' if all(v) else 'FAIL'), k_)
