"""Finite-difference check of adaickalavan_coursera_lstm_fix.md (numpy only).
Coursera conventions: column vectors, batch in columns (m), concat = [a_prev; x_t],
Gf = s(Wf concat + bf), Gu = s(Wu concat + bu), ct = tanh(Wc concat + bc), Go = s(Wo concat + bo),
c_next = Gf*c_prev + Gu*ct, a_next = Go*tanh(c_next).
Test loss for one cell: L = sum(Ga*a_next) + sum(Gc*c_next), so da_next = Ga and dc_next = Gc is the
gradient reaching c_next from later steps (the author adds Go(1-tanh^2)da_next himself).
The author's dGamma are gradients w.r.t. gate OUTPUTS (his eqs 11-14 multiply by Gamma(1-Gamma))."""
import numpy as np
rng = np.random.default_rng(0)
na, nx, m = 4, 3, 2
s = lambda z: 1/(1+np.exp(-z))
P = {k: rng.normal(size=(na, na+nx))*0.5 for k in "fuco"}
B = {k: rng.normal(size=(na, 1))*0.5 for k in "fuco"}
a_prev = rng.normal(size=(na, m)); c_prev = rng.normal(size=(na, m)); x = rng.normal(size=(nx, m))
Ga = rng.normal(size=(na, m)); Gc = rng.normal(size=(na, m))

def cell(P, B, a_prev, c_prev, x, over=None):
    cc = np.vstack([a_prev, x])
    g = dict(f=s(P['f']@cc+B['f']), u=s(P['u']@cc+B['u']), c=np.tanh(P['c']@cc+B['c']), o=s(P['o']@cc+B['o']))
    if over: g.update(over)
    c_next = g['f']*c_prev + g['u']*g['c']
    a_next = g['o']*np.tanh(c_next)
    return a_next, c_next, g, cc

def loss(P=P, B=B, a_prev=a_prev, c_prev=c_prev, x=x, over=None):
    a, c, _, _ = cell(P, B, a_prev, c_prev, x, over)
    return np.sum(Ga*a) + np.sum(Gc*c)

def fd(f, X, eps=1e-6):
    G = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        old = X[i]; X[i] = old+eps; lp = f(); X[i] = old-eps; lm = f(); X[i] = old; G[i] = (lp-lm)/(2*eps)
    return G

a_next, c_next, g, cc = cell(P, B, a_prev, c_prev, x)
Gf, Gu, ct, Go = g['f'], g['u'], g['c'], g['o']
da_next, dc_next = Ga, Gc
T = np.tanh(c_next)
# FD gradients w.r.t. gate outputs
def fd_gate(k):
    G0 = {kk: v.copy() for kk, v in g.items()}
    return fd(lambda: loss(over=G0), G0[k])
res = {}
exp = {}
ok = lambda A, Bm: np.allclose(A, Bm, atol=1e-6, rtol=1e-5)
# line 9: dGamma_f with \tilde c_{prev}; only c~ (the candidate) exists, read \tilde c_{prev} as that
res[9] = ok(dc_next*ct + Go*(1-T**2)*c_prev*da_next, fd_gate('f')); exp[9] = False
res[10] = ok(dc_next*ct + Go*(1-T**2)*ct*da_next, fd_gate('u')); exp[10] = True
res[11] = ok(dc_next*Gu + Go*(1-T**2)*Gu*da_next, fd_gate('c')); exp[11] = True
res[12] = ok(da_next*T, fd_gate('o')); exp[12] = True
# true gate-output gradients (upstream taken as right)
dGf = dc_next*c_prev + Go*(1-T**2)*c_prev*da_next
dGu = dc_next*ct + Go*(1-T**2)*ct*da_next
dct = dc_next*Gu + Go*(1-T**2)*Gu*da_next
dGo = da_next*T
# parameter gradients (one step)
for line, k, expr in [(16, 'f', dGf*Gf*(1-Gf)@cc.T), (17, 'u', dGu*Gu*(1-Gu)@cc.T),
                      (18, 'c', dct*(1-ct**2)@cc.T), (19, 'o', dGo*Go*(1-Go)@cc.T)]:
    Pc = {kk: v.copy() for kk, v in P.items()}
    res[line] = ok(expr, fd(lambda: loss(P=Pc), Pc[k])); exp[line] = True
# line 21: db = sum over axis 1 of dGamma (no activation derivative)
allb = True
for k, d in zip("fuco", [dGf, dGu, dct, dGo]):
    Bc = {kk: v.copy() for kk, v in B.items()}
    allb &= ok(np.sum(d, axis=1, keepdims=True), fd(lambda: loss(B=Bc), Bc[k]))
res[21] = allb; exp[21] = False
# line 24: da_prev = sum W[:, :na]^T dGamma (no activation derivative)
Wa = {k: P[k][:, :na] for k in P}; Wx = {k: P[k][:, na:] for k in P}
ap = a_prev.copy()
res[24] = ok(Wa['f'].T@dGf + Wa['u'].T@dGu + Wa['c'].T@dct + Wa['o'].T@dGo, fd(lambda: loss(a_prev=ap), ap)); exp[24] = False
cp = c_prev.copy()
res[26] = ok(dc_next*Gf + Go*(1-T**2)*Gf*da_next, fd(lambda: loss(c_prev=cp), cp)); exp[26] = True
xx = x.copy()
res[27] = ok(Wx['f'].T@dGf + Wx['u'].T@dGu + Wx['c'].T@dct + Wx['o'].T@dGo, fd(lambda: loss(x=xx), xx)); exp[27] = False
# sanity: with the activation derivatives the same expressions match (shows the cause)
assert ok(Wa['f'].T@(dGf*Gf*(1-Gf)) + Wa['u'].T@(dGu*Gu*(1-Gu)) + Wa['c'].T@(dct*(1-ct**2)) + Wa['o'].T@(dGo*Go*(1-Go)), fd(lambda: loss(a_prev=ap), ap))

# lines 35, 39, 40: lstm_backward loop over Tx steps with a correct lstm_cell_backward
Tx = 3
xs = rng.normal(size=(nx, m, Tx)); a0 = rng.normal(size=(na, m)); Gas = rng.normal(size=(na, m, Tx))
def seq_loss(P=P, a0=a0):
    a, c, L = a0, np.zeros((na, m)), 0.0
    caches = []
    for t in range(Tx):
        an, cn, gg, ccc = cell(P, B, a, c, xs[:, :, t])
        caches.append((a, c, xs[:, :, t], an, cn, gg, ccc)); L += np.sum(Gas[:, :, t]*an); a, c = an, cn
    return L, caches
def lstm_cell_backward(da_next, dc_next, cache):
    a_p, c_p, xt, an, cn, gg, ccc = cache
    Tn = np.tanh(cn)
    dGo = da_next*Tn*gg['o']*(1-gg['o'])
    dcc = dc_next + gg['o']*(1-Tn**2)*da_next
    dGf = dcc*c_p*gg['f']*(1-gg['f']); dGu = dcc*gg['c']*gg['u']*(1-gg['u']); dct = dcc*gg['u']*(1-gg['c']**2)
    dz = {'f': dGf, 'u': dGu, 'c': dct, 'o': dGo}
    dW = {k: dz[k]@ccc.T for k in dz}
    dconcat = sum(P[k].T@dz[k] for k in dz)
    return {"da_prev": dconcat[:na], "dc_prev": dcc*gg['f'], "dW": dW}
_, caches = seq_loss()
da = Gas
da_prevt = np.zeros((na, m)); dc_prevt = np.zeros((na, m)); dW = {k: 0 for k in P}
for t in reversed(range(Tx)):
    gradients = lstm_cell_backward(da[:,:,t] + da_prevt, dc_prevt, caches[t])   # line 35
    dc_prevt = gradients["dc_prev"]                                             # line 39
    da_prevt = gradients["da_prev"]                                             # line 40
    for k in dW: dW[k] = dW[k] + gradients["dW"][k]
a0c = a0.copy()
seq_ok = ok(da_prevt, fd(lambda: seq_loss(a0=a0c)[0], a0c))
for k in P:
    Pc = {kk: v.copy() for kk, v in P.items()}
    seq_ok &= ok(dW[k], fd(lambda: seq_loss(P=Pc)[0], Pc[k]))
for line in (35, 39, 40):
    res[line] = seq_ok; exp[line] = True

allgood = True
for line in sorted(res):
    agree = (res[line] == exp[line])
    allgood &= agree
    print(line, "OK" if agree else "MISMATCH", "(expr matches FD)" if res[line] else "(expr differs from FD)")
print("ALL AGREE" if allgood else "SOME DISAGREE")
