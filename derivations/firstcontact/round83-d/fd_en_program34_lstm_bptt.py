# FD check of en_program34_lstm_bptt.md
import numpy as np
rng = np.random.default_rng(2)
eps = 1e-6
sig = lambda z: 1/(1+np.exp(-z))
def ok(a, b, tol=1e-5): return np.allclose(a, b, atol=tol, rtol=1e-4)
res = {}
# Module 5: smooth dynamic leaky, lines 18, 31, 33
f = lambda z, a: a*z + (1-a)*z*sig(z)
z = rng.normal(size=7)*3; a = 0.03
dfdz = a + (1-a)*(sig(z) + z*sig(z)*(1-sig(z)))
dfda = z - z*sig(z)
res['L31 df/dz'] = ok(dfdz, (f(z+eps, a)-f(z-eps, a))/(2*eps))
res['L33 df/dalpha (both forms)'] = ok(dfda, (f(z, a+eps)-f(z, a-eps))/(2*eps)) and ok(dfda, z*(1-sig(z)))
res['L25/L26 limits: f(50)~50, f(-50)~alpha*(-50)'] = abs(f(50., a)-50) < 1e-9 and abs(f(-50., a)-a*(-50)) < 1e-9
res['L43 0.85^20 ~ 0.038'] = abs(0.85**20 - 0.0388) < 1e-3
# Module 6: LSTM, column vectors, logits_t = W_hy h_t, softmax cross-entropy at every step
H, D, V, T = 4, 3, 5, 4
W = {g: (rng.normal(size=(H, D)), rng.normal(size=(H, H)), rng.normal(size=H)) for g in 'fico'}
Why = rng.normal(size=(V, H))
X = rng.normal(size=(T, D)); Y = rng.integers(0, V, size=T)
def forward(dh_inj=None, dC_inj=None):
    h, C = np.zeros(H), np.zeros(H); L = 0; cache = []
    for t in range(T):
        pre = {g: W[g][0]@X[t] + W[g][1]@h + W[g][2] for g in 'fico'}
        fg, ig, og, Ct = sig(pre['f']), sig(pre['i']), sig(pre['o']), np.tanh(pre['c'])
        Cp, hp = C, h
        C = fg*C + ig*Ct
        if dC_inj is not None and dC_inj[0] == t: C = C + dC_inj[1]
        h = og*np.tanh(C)
        if dh_inj is not None and dh_inj[0] == t: h = h + dh_inj[1]
        lg = Why@h; p = np.exp(lg-lg.max()); p /= p.sum(); L += -np.log(p[Y[t]])
        cache.append(dict(f=fg, i=ig, o=og, Ct=Ct, C=C, Cp=Cp, hp=hp, p=p))
    return L, cache
L0, cache = forward()
# reference total gradients dL/dh_t and dL/dC_t by FD (perturb the node itself)
def fd_node(kind, t):
    g = np.zeros(H)
    for k in range(H):
        e = np.zeros(H); e[k] = eps
        Lp = forward(**{kind: (t, e)})[0]; Lm = forward(**{kind: (t, -e)})[0]
        g[k] = (Lp-Lm)/(2*eps)
    return g
dh_ref = [fd_node('dh_inj', t) for t in range(T)]
# NB: perturbing C_t also changes h_t; the total dL/dC_t is what we want
dC_ref = [fd_node('dC_inj', t) for t in range(T)]
# author's recursion, reading dh_{t+1} / dC_{t+1} as the quantities carried back from step t+1
# (dC carried = dC_{t+1} * f_{t+1} as in line 82; dh carried = sum_g W_hg^T dpre_g, which the notes do not write out)
dh_next, dC_next = np.zeros(H), np.zeros(H); dh_auth, dC_auth = [None]*T, [None]*T
dh_lit_ok = True
for t in reversed(range(T)):
    c = cache[t]
    dlog = c['p'].copy(); dlog[Y[t]] -= 1
    dh = Why.T@dlog + dh_next                                   # line 78
    dC = dh*c['o']*(1-np.tanh(c['C'])**2) + dC_next             # line 80
    dh_auth[t], dC_auth[t] = dh, dC
    dpre = {'o': dh*np.tanh(c['C'])*c['o']*(1-c['o']), 'f': dC*c['Cp']*c['f']*(1-c['f']),
            'i': dC*c['Ct']*c['i']*(1-c['i']), 'c': dC*c['i']*(1-c['Ct']**2)}
    dC_next = dC*c['f']                                         # line 82
    dh_next = sum(W[g][1].T@dpre[g] for g in 'fico')            # completion not written in the notes
res['L78 dh_t (carried reading) == FD dL/dh_t'] = all(ok(dh_auth[t], dh_ref[t]) for t in range(T))
res['L80 dC_t (carried reading) == FD dL/dC_t'] = all(ok(dC_auth[t], dC_ref[t]) for t in range(T))
res['L82 dC_{t-1} = dC_t*f_t (carried term; validated through the L80 agreement)'] = all(ok(dC_auth[t], dC_ref[t]) for t in range(T))
# literal reading of line 78: dh_{t+1} = total dL/dh_{t+1} passed unchanged to h_t
lit = [None]*T; nxt = np.zeros(H)
for t in reversed(range(T)):
    dlog = cache[t]['p'].copy(); dlog[Y[t]] -= 1
    lit[t] = Why.T@dlog + nxt; nxt = lit[t]
res['   info: literal reading dh_t = W^T dlogits + (total dL/dh_{t+1})'] = all(ok(lit[t], dh_ref[t]) for t in range(T))
lit = [None]*T; nxt = np.zeros(H)
for t in reversed(range(T)):
    c = cache[t]; lit[t] = dh_ref[t]*c['o']*(1-np.tanh(c['C'])**2) + nxt; nxt = lit[t]
res['   info: literal reading dC_t = ... + (total dL/dC_{t+1}, no f_{t+1})'] = all(ok(lit[t], dC_ref[t]) for t in range(T))
# line 53: dC_t/dC_{t-1} = f_t with h_{t-1} fixed
c = cache[2]
J = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = eps
    J[:, k] = ((c['f']*(c['Cp']+e) + c['i']*c['Ct']) - (c['f']*(c['Cp']-e) + c['i']*c['Ct']))/(2*eps)
res['L53 dC_t/dC_{t-1} = f_t (h_{t-1} fixed)'] = ok(np.diag(c['f']), J)
for k, v in res.items(): print(('AGREE   ' if v else 'DIFFER  ') + k)
