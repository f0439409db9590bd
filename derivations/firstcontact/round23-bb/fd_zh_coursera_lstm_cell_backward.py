"""FD check of the Chinese-commented Coursera LSTM solution (file id 27996366744).
Column layout: contact = [a_prev; xt] (n_a+n_x, m), W* (n_a, n_a+n_x), b* (n_a, 1).
Cell loss L = sum(da_next*a_next) + sum(dc_next*c_next).  Sequence loss L = sum_t sum(da[:,:,t]*a<t>), c<0> = 0.
Cell-backward names dot/dcct/dit/dft are gradients at the gate pre-activations."""
import numpy as np
rng = np.random.default_rng(4)
n_x, n_a, m, n_y, T = 3, 4, 2, 2, 3
sig = lambda a: 1/(1+np.exp(-a))
def softmax(u): e = np.exp(u - u.max(0)); return e/e.sum(0)
P = {k: rng.normal(size=(n_a, n_a+n_x))*0.6 for k in ('Wf', 'Wi', 'Wc', 'Wo')}
P.update({k: rng.normal(size=(n_a, 1))*0.3 for k in ('bf', 'bi', 'bc', 'bo')})
P['Wy'] = rng.normal(size=(n_y, n_a)); P['by'] = rng.normal(size=(n_y, 1))
xt = rng.normal(size=(n_x, m)); a_prev = rng.normal(size=(n_a, m)); c_prev = rng.normal(size=(n_a, m))
da_next = rng.normal(size=(n_a, m)); dc_next = rng.normal(size=(n_a, m))

def cell(P, xt, a_prev, c_prev, e=None):
    e = e or {}
    con = np.concatenate((a_prev, xt), 0)
    zf = P['Wf']@con + P['bf'] + e.get('zf', 0); zi = P['Wi']@con + P['bi'] + e.get('zi', 0)
    zc = P['Wc']@con + P['bc'] + e.get('zc', 0); zo = P['Wo']@con + P['bo'] + e.get('zo', 0)
    ft, it, cct, ot = sig(zf), sig(zi), np.tanh(zc), sig(zo)
    c = ft*c_prev + it*cct
    a = ot*np.tanh(c)
    return dict(ft=ft, it=it, cct=cct, ot=ot, c=c, a=a, y=softmax(P['Wy']@a + P['by']))
def Lcell(P=P, xt=xt, a_prev=a_prev, c_prev=c_prev, e=None):
    F = cell(P, xt, a_prev, c_prev, e); return np.sum(da_next*F['a']) + np.sum(dc_next*F['c'])
def ng(fun, a0, eps=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += eps; am = a0.copy(); am[idx] -= eps
        g[idx] = (fun(ap) - fun(am))/(2*eps)
    return g
def rep(line, a, bb):
    ok = np.shape(a) == np.shape(bb) and np.allclose(a, bb, atol=1e-6, rtol=1e-5)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
gE = lambda k: ng(lambda v: Lcell(e={k: v}), np.zeros((n_a, m)))
gP = lambda k: ng(lambda v: Lcell(P={**P, k: v}), P[k])

F = cell(P, xt, a_prev, c_prev)
contact = np.concatenate((a_prev, xt), 0)
ft = sig(P['Wf']@contact + P['bf']); rep(58, ft, F['ft'])
it = sig(P['Wi']@contact + P['bi']); rep(61, it, F['it'])
cct = np.tanh(P['Wc']@contact + P['bc']); rep(64, cct, F['cct'])
c_next = ft*c_prev + it*cct; rep(68, c_next, F['c'])
ot = sig(P['Wo']@contact + P['bo']); rep(70, ot, F['ot'])
a_next = ot*np.tanh(c_next); rep(74, a_next, F['a'])
rep(76, softmax(P['Wy']@a_next + P['by']), F['y'])

def cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a = a_next.shape[0]
    dot = da_next*np.tanh(c_next)*ot*(1 - ot)
    dcct = (dc_next*it + ot*(1 - np.square(np.tanh(c_next)))*it*da_next)*(1 - np.square(cct))
    dit = (dc_next*cct + ot*(1 - np.square(np.tanh(c_next)))*cct*da_next)*it*(1 - it)
    dft = (dc_next*c_prev + ot*(1 - np.square(np.tanh(c_next)))*c_prev*da_next)*ft*(1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0).T
    g = dict(dot=dot, dcct=dcct, dit=dit, dft=dft)
    for k, dk in (('f', dft), ('i', dit), ('c', dcct), ('o', dot)):
        g['dW'+k] = np.dot(dk, concat); g['db'+k] = np.sum(dk, axis=1, keepdims=True)
    W = parameters
    g['da_prev'] = W['Wf'][:, :n_a].T@dft + W['Wc'][:, :n_a].T@dcct + W['Wi'][:, :n_a].T@dit + W['Wo'][:, :n_a].T@dot
    g['dc_prev'] = dc_next*ft + ot*(1 - np.square(np.tanh(c_next)))*ft*da_next
    g['dxt'] = W['Wf'][:, n_a:].T@dft + W['Wc'][:, n_a:].T@dcct + W['Wi'][:, n_a:].T@dit + W['Wo'][:, n_a:].T@dot
    return g
cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, P)
G = cell_backward(da_next, dc_next, cache)
rep(113, G['dot'], gE('zo')); rep(114, G['dcct'], gE('zc')); rep(115, G['dit'], gE('zi')); rep(116, G['dft'], gE('zf'))
for ln, k in zip(range(120, 124), 'fico'): rep(ln, G['dW'+k], gP('W'+k))
for ln, k in zip(range(124, 128), 'fico'): rep(ln, G['db'+k], gP('b'+k))
rep(130, G['da_prev'], ng(lambda v: Lcell(a_prev=v), a_prev))
rep(133, G['dc_prev'], ng(lambda v: Lcell(c_prev=v), c_prev))
rep(135, G['dxt'], ng(lambda v: Lcell(xt=v), xt))

# sequence level
xs = rng.normal(size=(n_x, m, T)); a0 = rng.normal(size=(n_a, m)); da = rng.normal(size=(n_a, m, T))
def seq(P=P, xs=xs, a0=a0):
    a, c, caches, L = a0, np.zeros((n_a, m)), [], 0.0
    for t in range(T):
        F = cell(P, xs[:, :, t], a, c)
        caches.append((F['a'], F['c'], a, c, F['ft'], F['it'], F['cct'], F['ot'], xs[:, :, t], P))
        a, c = F['a'], F['c']; L += np.sum(da[:, :, t]*a)
    return L, caches
L0, caches = seq()
def lstm_backward(fixed):
    dx = np.zeros((n_x, m, T)); acc = {k: 0 for k in ('dWf', 'dWi', 'dWc', 'dWo', 'dbf', 'dbi', 'dbc', 'dbo')}
    da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
    for t in reversed(range(T)):
        if fixed:
            g = cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])
            da_prevt, dc_prevt = g['da_prev'], g['dc_prev']
        else:
            g = cell_backward(da[:, :, t], dc_prevt, caches[t])      # as published
        dx[:, :, t] = g['dxt']
        for k in acc: acc[k] = acc[k] + g[k]
    return dx, acc, g['da_prev']
dxA, accA, da0A = lstm_backward(False)
dxF, accF, da0F = lstm_backward(True)
FDW = {k: ng(lambda v: seq(P={**P, k: v})[0], P[k]) for k in ('Wf', 'Wi', 'Wc', 'Wo', 'bf', 'bi', 'bc', 'bo')}
FDx = ng(lambda v: seq(xs=v)[0], xs); FDa0 = ng(lambda v: seq(a0=v)[0], a0)
rep(190, np.concatenate([accA['dWf'].ravel(), dxA.ravel()]), np.concatenate([FDW['Wf'].ravel(), FDx.ravel()]))
rep(192, dxF, FDx)
for ln, k in zip(range(193, 201), ('Wf', 'Wi', 'Wc', 'Wo', 'bf', 'bi', 'bc', 'bo')): rep(ln, accF['d'+k], FDW[k])
rep(202, da0F, FDa0)
