"""FD check of zh_lstm_future_trends.md (numpy only).
Conventions: column vectors, W_g acts on [h_{t-1}; x_t] (W_g is H x (H+D)), '*' elementwise; dL/do_t, dL/df_t,
dL/di_t, dL/dC~_t are gradients w.r.t. the gate OUTPUTS (line 48 has no sigma'); dL/dh_t, dL/dC_t are total
gradients. Test loss L = sum_t g_t^T h_t over T=3 steps; checks at t=2 (per-step contributions are checked by
summing them over t against FD of the whole loss)."""
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
gout = {k: {u: node(k, u) for u in range(1, T+1)} for k in ['f','i','o','ct']}
res, exp = {}, {}
for line, k, act in [(10,'f',sig),(18,'i',sig),(19,'c',np.tanh),(33,'o',sig)]:
    ref = s['ct'] if k == 'c' else s[k]
    res[line] = ok(act(P[k] @ s['hx'] + B[k]), ref); exp[line] = True
res[27] = ok(s['f']*c[t-1] + s['i']*s['ct'], c[t]); exp[27] = True
res[34] = ok(s['o']*np.tanh(c[t]), h[t]); exp[34] = True
dLdo = {u: dh[u]*np.tanh(c[u]) for u in range(1, T+1)}
res[48] = ok(dLdo[t], gout['o'][t]); exp[48] = True
# parameter lines: per-step as written, summed over t, vs FD of the whole loss
sumW = lambda d: sum(d[u] @ S[u]['hx'].T for u in range(1, T+1))
sumb = lambda d: sum(d[u] for u in range(1, T+1))
res[49] = ok(sumW(dLdo), pgradW('o')); exp[49] = False
res[50] = ok(sumb(dLdo), pgradB('o')); exp[50] = False
rhs54 = dh[t]*s['o']*(1-np.tanh(c[t])**2) + dC[t+1]*S[t+1]['f']
res[54] = ok(rhs54, dC[t]); exp[54] = True
dLdf = {u: dC[u]*c[u-1] for u in range(1, T+1)}
dLdi = {u: dC[u]*S[u]['ct'] for u in range(1, T+1)}
dLdct = {u: dC[u]*S[u]['i'] for u in range(1, T+1)}
res[58] = ok(dLdf[t], gout['f'][t]); exp[58] = True
res[59] = ok(sumW(dLdf), pgradW('f')); exp[59] = False
res[60] = ok(sumb(dLdf), pgradB('f')); exp[60] = False
res[64] = ok(dLdi[t], gout['i'][t]); exp[64] = True
res[65] = ok(dLdct[t], gout['ct'][t]); exp[65] = True
res[66] = ok(sumW(dLdi), pgradW('i')); exp[66] = False
res[67] = ok(sumb(dLdi), pgradB('i')); exp[67] = False
res[68] = ok(sumW(dLdct), pgradW('c')); exp[68] = False
res[69] = ok(sumb(dLdct), pgradB('c')); exp[69] = False
# sanity: with sigma'/tanh' the same sums match
assert ok(sumW({u: dLdf[u]*S[u]['f']*(1-S[u]['f']) for u in dLdf}), pgradW('f'))
# line 73: '*' read as matrix product (column (H,1) times W[:, :n_h] (H,H)) is ill-typed; the closest typed
# reading, (dL/dg)^T W[:, :n_h] transposed, still lacks sigma'; compare with the step-t path to h_{t-1}
nh = H
try:
    val = dLdf[t] @ P['f'][:, :nh] + dLdi[t] @ P['i'][:, :nh] + dLdct[t] @ P['c'][:, :nh] + dLdo[t] @ P['o'][:, :nh]
    typed = True
except ValueError:
    typed = False
alt = (dLdf[t].T @ P['f'][:, :nh] + dLdi[t].T @ P['i'][:, :nh] + dLdct[t].T @ P['c'][:, :nh] + dLdo[t].T @ P['o'][:, :nh]).T
true_step = dh[t-1] - gs[t-1]          # gradient reaching h_{t-1} through step t only
res[73] = typed and ok(val, true_step) or ok(alt, true_step); exp[73] = False
report(res, exp)
