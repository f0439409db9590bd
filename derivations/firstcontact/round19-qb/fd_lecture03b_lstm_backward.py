# FD check for lecture03b_lstm_backward.md: column vectors, bold x_t=[h_{t-1};x_t], W stacked (f,i,c,o) 4n x (n+d)
# loss: L = sum_t v_t . h_t (random linear readout of every hidden state)
import numpy as np
rng = np.random.default_rng(1)
n, d, T = 3, 2, 5
sig = lambda z: 1/(1+np.exp(-z))
W = rng.normal(size=(4*n, n+d))*0.8; b = rng.normal(size=(4*n, 1))*0.3
X = [rng.normal(size=(d, 1)) for _ in range(T)]; V = [rng.normal(size=(n, 1)) for _ in range(T)]
def run(W, b, eps={}, c_override=None, freeze=None):
    h = np.zeros((n, 1)); c = np.zeros((n, 1)); L = 0; cache = []
    for t in range(T):
        xx = np.vstack([h, X[t]]); z = W@xx + b + eps.get(('z', t), 0)
        if freeze is not None and t in freeze: z = freeze[t]
        f, i, ct, o = sig(z[:n]), sig(z[n:2*n]), np.tanh(z[2*n:3*n]), sig(z[3*n:])
        cp = c; c = f*cp + i*ct + eps.get(('c', t), 0)
        h = o*np.tanh(c) + eps.get(('h', t), 0)
        L += float(np.sum(V[t]*h))
        cache.append(dict(xx=xx, z=z, f=f, i=i, ct=ct, o=o, cp=cp, c=c, h=h))
    return L, cache
def fd(kind, t, m):
    g = np.zeros((m, 1)); e = 1e-6
    for k in range(m):
        dd = np.zeros((m, 1)); dd[k] = e
        g[k] = (run(W, b, {(kind, t): dd})[0]-run(W, b, {(kind, t): -dd})[0])/(2*e)
    return g
chk = lambda nm, a, bb: print(f"{nm:58s} maxdiff={np.max(np.abs(a-bb)):.2e} {'OK' if np.allclose(a,bb,atol=1e-6) else 'WRONG'}")
L, ca = run(W, b); t = 2; c = ca[t]
dh = fd('h', t, n); dc = fd('c', t, n); dz = fd('z', t, 4*n); dc_next = fd('c', t+1, n)*ca[t+1]['f']
# step 1
do = dh*np.tanh(c['c']); dch = dh*c['o']*(1-np.tanh(c['c'])**2)
chk("83 delta o_t (grad wrt o_t) -> via 105 vs FD dz_o", do*c['o']*(1-c['o']), dz[3*n:])
chk("88 delta c_t = dc^(h) + dc^next", dch + dc_next, dc)
# step 2
df = dc*c['cp']; di = dc*c['ct']; dct = dc*c['i']
chk("94/103 delta f -> pre-activation", df*c['f']*(1-c['f']), dz[:n])
chk("95/104 delta i -> pre-activation", di*c['i']*(1-c['i']), dz[n:2*n])
chk("96/106 delta c~ -> pre-activation", dct*(1-c['ct']**2), dz[2*n:3*n])
dcp = fd('c', t-1, n); dhp = fd('h', t-1, n)
chk("97 dc_{t-1}^next = dc_t*f_t = (total dc_{t-1} - its h-part)", dc*c['f'], dcp - dhp*ca[t-1]['o']*(1-np.tanh(ca[t-1]['c'])**2))
# direct check that delta o_t equals dL/do_t: perturb o via h? dL/do_t = dh*tanh(c) (h = o tanh c)
# step 4
dzb = dz
def fdW():
    G = np.zeros_like(W); e = 1e-6
    for a in range(W.shape[0]):
        for bb in range(W.shape[1]):
            Wp = W.copy(); Wp[a, bb] += e; Wm = W.copy(); Wm[a, bb] -= e
            G[a, bb] = (run(Wp, b)[0]-run(Wm, b)[0])/(2*e)
    return G
GW = fdW(); GWsum = sum(fd('z', s, 4*n)@ca[s]['xx'].T for s in range(T))
chk("112 dW (per-step) summed over t == FD dL/dW", GWsum, GW)
chk("112 dW step-t term alone vs FD dL/dW (full)", dzb@c['xx'].T, GW)
dxx = W.T@dzb
chk("114/117 dx[0:n] = h-path gradient from step t into h_{t-1}", dxx[:n], dhp - V[t-1])
print("   (h_{t-1} total = V_{t-1} (own readout) + dx[0:n]; 117 names it delta h_{t-1}^next = from step t)")
# Theorem: dc_T/dc_t
Tt, tt = 4, 1
def cT_of_ct(dv):
    _, cc = run(W, b, {('c', tt): dv}); return cc[Tt]['c']
J = np.zeros((n, n)); e = 1e-6
for k in range(n):
    dd = np.zeros((n, 1)); dd[k] = e
    J[:, k] = ((cT_of_ct(dd)-cT_of_ct(-dd))/(2*e)).ravel()
Pdiag = np.eye(n)
for s in range(tt+1, Tt+1): Pdiag = np.diag(ca[s]['f'].ravel())@Pdiag
chk("63/67 dc_T/dc_t = prod diag(f_s) (true Jacobian)", Pdiag, J)
# gates frozen (treated as constants) -> 47 under its stated assumption
def cT_frozen(dv):
    fr = {s: ca[s]['z'] for s in range(T)}
    _, cc = run(W, b, {('c', tt): dv}, freeze=fr); return cc[Tt]['c']
Jf = np.zeros((n, n))
for k in range(n):
    dd = np.zeros((n, 1)); dd[k] = e
    Jf[:, k] = ((cT_frozen(dd)-cT_frozen(-dd))/(2*e)).ravel()
chk("47 prod diag(f_s) with gates held fixed", Pdiag, Jf)
# 55: one-step total Jacobian dc_s/dc_{s-1} (o_{s-1} fixed) ; 43: product of these
def onestep(s):
    # c_s as function of c_{s-1}, with h_{s-1} = o_{s-1} tanh(c_{s-1}), o_{s-1} fixed
    o_prev = ca[s-1]['o']
    def cs(cprev):
        hprev = o_prev*np.tanh(cprev); xx = np.vstack([hprev, X[s]]); z = W@xx + b
        f, i, ct = sig(z[:n]), sig(z[n:2*n]), np.tanh(z[2*n:3*n]); return f*cprev + i*ct
    Jo = np.zeros((n, n))
    for k in range(n):
        dd = np.zeros((n, 1)); dd[k] = e
        Jo[:, k] = ((cs(ca[s-1]['c']+dd)-cs(ca[s-1]['c']-dd))/(2*e)).ravel()
    return Jo
Jt1 = np.zeros((n, n))
def c_next_true(dv):
    _, cc = run(W, b, {('c', tt): dv}); return cc[tt+1]['c']
for k in range(n):
    dd = np.zeros((n, 1)); dd[k] = e
    Jt1[:, k] = ((c_next_true(dd)-c_next_true(-dd))/(2*e)).ravel()
chk("55 one-step dc_s/dc_{s-1} = diag(f)+dc/dh dh/dc (s=t+1)", onestep(tt+1), Jt1)
Pprod = np.eye(n)
for s in range(tt+1, Tt+1): Pprod = onestep(s)@Pprod
chk("43 prod(diag f_s + Delta_s), Delta_s as in row 55", Pprod, J)
