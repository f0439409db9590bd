"""FD check of zh_lstm_xiangjie_notes.md (numpy only).
Author's conventions (Han Bingtao style): column vectors; gate = act(W_gh h_{t-1} + W_gx x_t + b_g) with
W_g = [W_gh W_gx] acting on [h_{t-1}; x_t]; delta_t = dE/dh_t; delta_{g,t} = dE/dnet_{g,t} (pre-activation);
lists indexed 0..T with h_0 = c_0 = 0; the driver seeds dE/dh only at the last step (loss E = g^T h_T)."""
import numpy as np
rng = np.random.default_rng(1)
H, D, T = 3, 2, 3
sig = lambda z: 1/(1+np.exp(-z))
P = {k: rng.normal(size=(H, H))*0.6 for k in ['Wfh','Wih','Wch','Woh']}
P.update({k: rng.normal(size=(H, D))*0.6 for k in ['Wfx','Wix','Wcx','Wox']})
P.update({k: rng.normal(size=(H, 1))*0.3 for k in ['bf','bi','bc','bo']})
xs = [None] + [rng.normal(size=(D, 1)) for _ in range(T)]
g = rng.normal(size=(H, 1))

def run(P=P, pert=None):
    pert = pert or {}
    h = [np.zeros((H, 1))]; c = [np.zeros((H, 1))]; S = {}
    for t in range(1, T+1):
        hp, x = h[-1], xs[t]
        z = {k: P['W%sh' % k] @ hp + P['W%sx' % k] @ x + P['b%s' % k] for k in 'fico'}
        for k in 'fico': z[k] = z[k] + pert.get(('z'+k, t), 0)
        f, i, o = sig(z['f']), sig(z['i']), sig(z['o']); ct = np.tanh(z['c'])
        cc = f*c[-1] + i*ct + pert.get(('c', t), 0)
        hh = o*np.tanh(cc) + pert.get(('h', t), 0)
        S[t] = dict(f=f, i=i, o=o, ct=ct, c=cc, h=hh, z=z)
        h.append(hh); c.append(cc)
    return float((g.T @ h[T])[0, 0]), h, c, S

def fd(fun, shape, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        G[idx] = (fun(e) - fun(-e))/(2*eps)
    return G
node = lambda name, t: fd(lambda e: run(pert={(name, t): e})[0], (H, 1))
def pgrad(k):
    def f(e):
        Q = dict(P); Q[k] = P[k] + e; return run(Q)[0]
    return fd(f, P[k].shape)
ok = lambda a, b: a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-4)
E, h, c, S = run()
dh = {t: node('h', t) for t in range(1, T+1)}
dz = {(k, t): node('z'+k, t) for k in 'fico' for t in range(1, T+1)}
res, exp = {}, {}
# forward lines: author's concatenated form vs split reference
for line, k, act in [(13,'f',sig),(19,'i',sig),(23,'c',np.tanh),(32,'o',sig)]:
    t = 2; W = np.hstack([P['W%sh' % k], P['W%sx' % k]]); hx = np.vstack([h[t-1], xs[t]])
    ref = {'f':S[t]['f'],'i':S[t]['i'],'c':S[t]['ct'],'o':S[t]['o']}[k]
    res[line] = ok(act(W @ hx + P['b%s' % k]), ref); exp[line] = True
res[27] = ok(S[2]['f']*c[1] + S[2]['i']*S[2]['ct'], c[2]); exp[27] = True
res[36] = ok(S[2]['o']*np.tanh(c[2]), h[2]); exp[36] = True
# line 58: delta_{t-1}^T = delta_t^T dh_t/dh_{t-1} (c_{t-1} held fixed), tested at t=2 < T
def step_h(hp, cp, t):
    x = xs[t]; z = {k: P['W%sh' % k] @ hp + P['W%sx' % k] @ x + P['b%s' % k] for k in 'fico'}
    return sig(z['o'])*np.tanh(sig(z['f'])*cp + sig(z['i'])*np.tanh(z['c']))
def jac(t):
    J = np.zeros((H, H))
    for j in range(H):
        e = np.zeros((H, 1)); e[j] = 1e-6
        J[:, j] = ((step_h(h[t-1]+e, c[t-1], t) - step_h(h[t-1]-e, c[t-1], t))/2e-6).ravel()
    return J
res[58] = ok((dh[2].T @ jac(2)).T, dh[1]); exp[58] = False
# line 62: three-term expansion (o, f, i paths; c~ path missing) vs delta_t^T dh_t/dh_{t-1}, at t=T
t = T; s = S[t]; tc = np.tanh(s['c'])
three = (dh[t]*tc*s['o']*(1-s['o'])).T @ P['Woh'] + (dh[t]*s['o']*(1-tc**2)*c[t-1]*s['f']*(1-s['f'])).T @ P['Wfh'] \
      + (dh[t]*s['o']*(1-tc**2)*s['ct']*s['i']*(1-s['i'])).T @ P['Wih']
res[62] = ok(three.T, (dh[t].T @ jac(t)).T); exp[62] = False
# line 66: delta_k^T = prod_{j=k}^{t-1}(...); for k = t-1 the single factor is sum_g delta_{g,k}^T W_gh
k = T-1
one = sum(dz[(gk, k)].T @ P['W%sh' % gk] for gk in 'fico')
res[66] = ok(one.T, dh[k]); exp[66] = False
# lines 80/84/88/92: dE/dW_gh = sum delta_{g,j} h_{j-1}^T (right), dE/db_g = sum delta_{g,j} (right),
# dE/dW_gx = delta_{g,t} x_t^T (last step only: wrong)
for line, gk in [(80,'f'),(84,'i'),(88,'c'),(92,'o')]:
    a = ok(sum(dz[(gk, j)] @ h[j-1].T for j in range(1, T+1)), pgrad('W%sh' % gk))
    b = ok(sum(dz[(gk, j)] for j in range(1, T+1)), pgrad('b%s' % gk))
    cx = ok(dz[(gk, T)] @ xs[T].T, pgrad('W%sx' % gk))
    assert a and b, line
    res[line] = a and b and cx; exp[line] = False
# code, calc_delta_k transcribed; gate_activator.backward(y)=y(1-y), output_activator.backward(y)=1-y^2
gb = lambda y: y*(1-y); ob = lambda y: 1-y*y
def code_deltas(k, delta_k):
    ig, og, fg, ct, cc, c_prev = S[k]['i'], S[k]['o'], S[k]['f'], S[k]['ct'], S[k]['c'], c[k-1]
    tanh_c = np.tanh(cc)
    delta_o = (delta_k * tanh_c * gb(og))
    delta_f = (delta_k * og * (1 - tanh_c * tanh_c) * c_prev * gb(fg))
    delta_i = (delta_k * og * (1 - tanh_c * tanh_c) * ct * gb(ig))
    delta_ct = (delta_k * og * (1 - tanh_c * tanh_c) * ig * ob(ct))
    return tanh_c, delta_o, delta_f, delta_i, delta_ct
k = T-1   # a non-final step, fed with the TRUE dE/dh_k
tanh_c, d_o, d_f, d_i, d_ct = code_deltas(k, dh[k])
res[139] = ok(tanh_c, np.tanh(c[k])); exp[139] = True
res[142] = ok(d_o, dz[('o', k)]); exp[142] = True
res[143] = ok(d_f, dz[('f', k)]); exp[143] = False
res[145] = ok(d_i, dz[('i', k)]); exp[145] = False
res[147] = ok(d_ct, dz[('c', k)]); exp[147] = False
# sanity: at the last step (no future cell path) the same code is right
_, a_o, a_f, a_i, a_ct = code_deltas(T, dh[T]); assert ok(a_f, dz[('f', T)]) and ok(a_ct, dz[('c', T)])
# line 149: delta_h_prev from (true) gate deltas at k
dhp = (np.dot(dz[('o',k)].transpose(), P['Woh']) + np.dot(dz[('i',k)].transpose(), P['Wih']) +
       np.dot(dz[('f',k)].transpose(), P['Wfh']) + np.dot(dz[('c',k)].transpose(), P['Wch'])).transpose()
res[149] = ok(dhp, dh[k-1]); exp[149] = True
# calc_gradient_t (per-step contributions, summed in 182-185), fed with true per-step deltas
dl = {'f': [None]+[dz[('f',t)] for t in range(1,T+1)], 'i': [None]+[dz[('i',t)] for t in range(1,T+1)],
      'o': [None]+[dz[('o',t)] for t in range(1,T+1)], 'ct': [None]+[dz[('c',t)] for t in range(1,T+1)]}
def cgt(t):
    h_prev = h[t-1].transpose()
    return dict(Wfh_grad=np.dot(dl['f'][t], h_prev), bf_grad=dl['f'][t], Wih_grad=np.dot(dl['i'][t], h_prev),
                bi_grad=dl['f'][t], Woh_grad=np.dot(dl['o'][t], h_prev), bo_grad=dl['f'][t],
                Wch_grad=np.dot(dl['ct'][t], h_prev), bc_grad=dl['ct'][t])
tot = {n: sum(cgt(t)[n] for t in range(1, T+1)) for n in cgt(1)}
for line, n, p in [(203,'Wfh_grad','Wfh'),(204,'bf_grad','bf'),(205,'Wih_grad','Wih'),(206,'bi_grad','bi'),
                   (207,'Woh_grad','Woh'),(208,'bo_grad','bo'),(209,'Wch_grad','Wch'),(210,'bc_grad','bc')]:
    res[line] = ok(tot[n], pgrad(p)); exp[line] = line not in (206, 208)
# accumulation lines with correct per-step gradients
for line, gk in [(182,'f'),(183,'i'),(184,'o'),(185,'c')]:
    Wh = sum(dz[(gk,t)] @ h[t-1].T for t in range(1,T+1)); b = sum(dz[(gk,t)] for t in range(1,T+1))
    res[line] = ok(Wh, pgrad('W%sh' % gk)) and ok(b, pgrad('b%s' % gk)); exp[line] = True
# lines 188-191: W_x grads from the last step's delta and x only
x = xs[T]; xt = x.transpose()
for line, key, p in [(188,'f','Wfx'),(189,'i','Wix'),(190,'o','Wox'),(191,'ct','Wcx')]:
    res[line] = ok(np.dot(dl[key][-1], xt), pgrad(p)); exp[line] = False
allok = True
for line in sorted(res):
    agree = res[line] == exp[line]; allok &= agree
    print(f"line {line}: expected {'pass' if exp[line] else 'fail'}, numeric {'pass' if res[line] else 'fail'}{'' if agree else '  <-- DISAGREE'}")
raise SystemExit(0 if allok else 1)
