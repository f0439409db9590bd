"""FD check of zh_rnn_master_lstm.md (numpy only).
Conventions: column vectors, W_g acts on [h_{t-1}; x_t]; odot elementwise; dL/do_t etc. written with the
symbol of the gate OUTPUT (literal reading); dL/dh_t, dL/dc_t total gradients. Test loss L = sum_t g_t^T h_t, T=3,
checks at t=2."""
import numpy as np
rng = np.random.default_rng(2)
H, D, T = 3, 2, 3
sig = lambda z: 1/(1+np.exp(-z))
P = {k: rng.normal(size=(H, H+D))*0.6 for k in 'fico'}
B = {k: rng.normal(size=(H, 1))*0.3 for k in 'fico'}
xs = [None] + [rng.normal(size=(D, 1)) for _ in range(T)]
gs = [None] + [rng.normal(size=(H, 1)) for _ in range(T)]
h0 = rng.normal(size=(H, 1)); c0 = rng.normal(size=(H, 1))
def run(P=P, B=B, pert=None):
    pert = pert or {}
    h = [h0]; c = [c0]; S = {}; E = 0.0
    for t in range(1, T+1):
        hx = np.vstack([h[-1], xs[t]])
        z = {k: P[k] @ hx + B[k] + pert.get(('z'+k, t), 0) for k in 'fico'}
        f, i, o, ct = sig(z['f']), sig(z['i']), sig(z['o']), np.tanh(z['c'])
        f = f + pert.get(('f', t), 0); i = i + pert.get(('i', t), 0); o = o + pert.get(('o', t), 0); ct = ct + pert.get(('ct', t), 0)
        cc = f*c[-1] + i*ct + pert.get(('c', t), 0)
        hh = o*np.tanh(cc) + pert.get(('h', t), 0)
        S[t] = dict(f=f, i=i, o=o, ct=ct, c=cc, h=hh, hx=hx)
        h.append(hh); c.append(cc); E += (gs[t].T @ hh)[0, 0]
    return E, h, c, S
def fd(fun, shape, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        G[idx] = (fun(e) - fun(-e))/(2*eps)
    return G
node = lambda name, t: fd(lambda e: run(pert={(name, t): e})[0], (H, 1))
def pgradW(k):
    def f(e):
        Q = dict(P); Q[k] = P[k] + e; return run(P=Q)[0]
    return fd(f, P[k].shape)
def pgradB(k):
    def f(e):
        Q = dict(B); Q[k] = B[k] + e; return run(B=Q)[0]
    return fd(f, B[k].shape)
ok = lambda a, b: a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-4)
E, h, c, S = run()
def report(res, exp):
    allok = True
    for line in sorted(res):
        agree = res[line] == exp[line]; allok &= agree
        print(f"line {line}: expected {'pass' if exp[line] else 'fail'}, numeric {'pass' if res[line] else 'fail'}{'' if agree else '  <-- DISAGREE'}")
    raise SystemExit(0 if allok else 1)

t = 2; s = S[t]
dh = {u: node('h', u) for u in range(1, T+1)}; dC = {u: node('c', u) for u in range(1, T+1)}
res, exp = {}, {}
for line, k, act in [(8,'f',sig),(9,'i',sig),(10,'c',np.tanh),(12,'o',sig)]:
    ref = s['ct'] if k == 'c' else s[k]
    res[line] = ok(act(P[k] @ s['hx'] + B[k]), ref); exp[line] = True
res[11] = ok(s['f']*c[t-1] + s['i']*s['ct'], c[t]); exp[11] = True
res[13] = ok(s['o']*np.tanh(c[t]), h[t]); exp[13] = True
tc = np.tanh(c[t])
r26 = dh[t]*tc*s['o']*(1-s['o']); r29 = dC[t]*s['ct']*s['i']*(1-s['i'])
r32 = dC[t]*s['i']*(1-np.tanh(s['ct'])**2); r35 = dC[t]*c[t-1]*s['f']*(1-s['f'])
res[26] = ok(r26, node('o', t)); exp[26] = False
res[29] = ok(r29, node('i', t)); exp[29] = False
res[32] = ok(r32, node('ct', t)); exp[32] = False
res[35] = ok(r35, node('f', t)); exp[35] = False
# sanity: lines 26/29/35 equal the PRE-activation gradients (mislabelled); line 32 matches neither
assert ok(r26, node('zo', t)) and ok(r29, node('zi', t)) and ok(r35, node('zf', t)) and not ok(r32, node('zc', t))
# line 39: dL/dc_t*f_t + dL/dh_t*o_t*(1-tanh^2 c_t) odot W_h^T -- Hadamard with an (H x H) matrix is
# ill-typed for a vector; numpy broadcasting gives an H x H matrix, which cannot equal the H-vector dL/dc_{t-1}
Wh = P['o'][:, :H]
v39 = dC[t]*s['f'] + dh[t]*s['o']*(1-tc**2)*Wh.T
res[39] = ok(v39, dC[t-1]); exp[39] = False
v42 = dh[t]*Wh + r29*P['i'][:, :H] + r32*P['c'][:, :H] + r35*P['f'][:, :H] + r26*P['o'][:, :H]
res[42] = ok(v42, dh[t-1]); exp[42] = False
report(res, exp)
