import numpy as np
rng = np.random.default_rng(2)
n_x, n_a, n_y, m = 3, 4, 2, 5
sig = lambda v: 1/(1+np.exp(-v))
def softmax0(v): e = np.exp(v - v.max(0)); return e/e.sum(0)
P = {k: rng.standard_normal((n_a, n_a+n_x)) for k in ['Wf','Wi','Wc','Wo']}
P.update({k: rng.standard_normal((n_a, 1)) for k in ['bf','bi','bc','bo']})
P['Wy'] = rng.standard_normal((n_y, n_a)); P['by'] = rng.standard_normal((n_y, 1))
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); c_prev = rng.standard_normal((n_a, m))
GA = rng.standard_normal((n_a, m)); GC = rng.standard_normal((n_a, m))   # da_next, dc_next
def fwd(P, xt, a_prev, c_prev, eps=None):
    e = (eps or {}).get
    concat = np.concatenate([a_prev, xt], axis=0)
    ft = sig(P['Wf']@concat + P['bf'] + e('f', 0.)); it = sig(P['Wi']@concat + P['bi'] + e('i', 0.))
    cct = np.tanh(P['Wc']@concat + P['bc'] + e('c', 0.)); c_next = ft*c_prev + it*cct
    ot = sig(P['Wo']@concat + P['bo'] + e('o', 0.)); a_next = ot*np.tanh(c_next)
    return a_next, c_next, (ft, it, cct, ot, concat)
# loss: da_next = dL/da_next, dc_next = dL/dc_next through the next-step path only (Coursera convention)
L = lambda P, xt, a_prev, c_prev, eps=None: (lambda r: np.sum(GA*r[0]) + np.sum(GC*r[1]))(fwd(P, xt, a_prev, c_prev, eps))
def fd(f, v, e=1e-6):
    g = np.zeros_like(v)
    for i in np.ndindex(v.shape):
        vp = v.copy(); vp[i] += e; vm = v.copy(); vm[i] -= e; g[i] = (f(vp)-f(vm))/(2*e)
    return g
def rep(ln, ok): print(f"line {ln}: {'OK' if ok else 'MISMATCH'}")
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
a_next, c_next, (ft, it, cct, ot, concat) = fwd(P, xt, a_prev, c_prev)
# forward rows vs textbook LSTM on [a_prev; x] with separate W blocks
Wa = {k: P[k][:, :n_a] for k in ['Wf','Wi','Wc','Wo']}; Wx = {k: P[k][:, n_a:] for k in ['Wf','Wi','Wc','Wo']}
pre = {k: Wa[k]@a_prev + Wx[k]@xt + P['b'+k[1]] for k in Wa}
cref = sig(pre['Wf'])*c_prev + sig(pre['Wi'])*np.tanh(pre['Wc']); aref = sig(pre['Wo'])*np.tanh(cref)
okf = close(c_next, cref) and close(a_next, aref)
for ln in [20,22,23,24,25,26,27,59]: rep(ln, okf)
y = softmax0(P['Wy']@a_next + P['by']); rep(28, close(y.sum(0), np.ones(m)) and np.all(y > 0))
# author backward
da_next, dc_next = GA, GC
dot = da_next*np.tanh(c_next)*ot*(1-ot)
dcct = (dc_next*it + ot*(1-np.square(np.tanh(c_next)))*it*da_next) * (1-np.square(cct))
dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
G = {'Wf': np.dot(dft, concat.T), 'Wi': np.dot(dit, concat.T), 'Wc': np.dot(dcct, concat.T), 'Wo': np.dot(dot, concat.T),
     'bf': np.sum(dft, axis=1, keepdims=True), 'bi': np.sum(dit, axis=1, keepdims=True),
     'bc': np.sum(dcct, axis=1, keepdims=True), 'bo': np.sum(dot, axis=1, keepdims=True)}
parameters = P
da_prev = np.dot(parameters['Wf'][:, :n_a].T, dft) + np.dot(parameters['Wi'][:, :n_a].T, dit) + \
          np.dot(parameters['Wc'][:, :n_a].T, dcct) + np.dot(parameters['Wo'][:, :n_a].T, dot)
dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
dxt = np.dot(parameters['Wf'][:, n_a:].T, dft) + np.dot(parameters['Wi'][:, n_a:].T, dit) + \
      np.dot(parameters['Wc'][:, n_a:].T, dcct) + np.dot(parameters['Wo'][:, n_a:].T, dot)
z = np.zeros((n_a, m))
for k, v, ln in [('o', dot, 55), ('c', dcct, 56), ('i', dit, 57), ('f', dft, 58)]:
    rep(ln, close(v, fd(lambda e, k=k: L(P, xt, a_prev, c_prev, {k: e}), z)))
for k, ln in [('Wf',61),('Wi',62),('Wc',63),('Wo',64),('bf',65),('bi',66),('bc',67),('bo',68)]:
    def fk(v, k=k):
        Q = dict(P); Q[k] = v; return L(Q, xt, a_prev, c_prev)
    rep(ln, close(G[k], fd(fk, P[k])))
rep(70, close(da_prev, fd(lambda v: L(P, xt, v, c_prev), a_prev)))
rep(74, close(dc_prev, fd(lambda v: L(P, xt, a_prev, v), c_prev)))
rep(75, close(dxt, fd(lambda v: L(P, v, a_prev, c_prev), xt)))
