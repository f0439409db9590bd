# Finite-difference check of hyorim_lstm_cpp.md (C++ LSTM, re-typed in numpy with the same index layout).
# W is stored flat with W[i*out_dim + j] (i over concat = [h_prev; x], j over hidden): gate = W^T concat + b.
# Loss (many-to-one, as the backward's arguments imply): L = sum(gh*h_T) + sum(gc*c_T), so dLoss_dh_last = gh, dLoss_dc_last = gc.
import numpy as np
rng = np.random.default_rng(2)
D, H, T = 3, 4, 5
K = H + D
P = {k: rng.uniform(-0.8, 0.8, size=(K, H)) for k in ('Wf', 'Wi', 'Wc', 'Wo')}
P.update({k: rng.uniform(-0.5, 0.5, size=H) for k in ('bf', 'bi', 'bc', 'bo')})
xs = rng.normal(size=(T, D)); gh = rng.normal(size=H); gc = rng.normal(size=H)
sig = lambda v: 1/(1+np.exp(-v)); dsig = lambda s: s*(1-s); dtanh = lambda t: 1-t*t

def forward(P):
    h = np.zeros(H); c = np.zeros(H); caches = []
    for t in range(T):
        concat = np.concatenate([h, xs[t]])
        f = sig(P['Wf'].T@concat+P['bf']); i = sig(P['Wi'].T@concat+P['bi'])
        ct = np.tanh(P['Wc'].T@concat+P['bc']); o = sig(P['Wo'].T@concat+P['bo'])
        c = f*c+i*ct; h = o*np.tanh(c)
        caches.append(dict(f=f, i=i, o=o, c_tilde=ct, concat=concat, c=c, h=h))
    return caches
def loss(P):
    cs = forward(P); return np.sum(gh*cs[-1]['h'])+np.sum(gc*cs[-1]['c'])

def author_backward(P, caches):
    g = {k: np.zeros_like(v) for k, v in P.items()}            # dWf.., dbf.. (zero_grad)
    bias_param_increment = {k: np.zeros(H) for k in ('bf', 'bi', 'bc', 'bo')}  # what the calls add to param.bf..
    dh_next = gh.copy(); dc_next = gc.copy()
    for t in range(T-1, -1, -1):
        C = caches[t]; f, i, o, ct, c_t, concat = C['f'], C['i'], C['o'], C['c_tilde'], C['c'], C['concat']
        dh_t = dh_next.copy()
        dc_t = dc_next + dh_t*o*dtanh(np.tanh(c_t))
        c_prev = np.zeros(H) if t == 0 else caches[t-1]['c']
        df = dc_t*c_prev*dsig(f); di = dc_t*ct*dsig(i); dct = dc_t*i*dtanh(ct); do = dh_t*np.tanh(c_t)*dsig(o)
        dc_next = dc_t*f
        dconcat = np.zeros(K)
        for W, dG in ((P['Wf'], df), (P['Wi'], di), (P['Wc'], dct), (P['Wo'], do)):
            dconcat += W@dG                                        # sumVal += W[i*H+j]*dGate[j]
        dh_next = dconcat[:H]
        for (wk, bk), gg in ((('Wf', 'bf'), df), (('Wi', 'bi'), di), (('Wc', 'bc'), dct), (('Wo', 'bo'), do)):
            g[wk] += np.outer(concat, gg)                          # dW[i*H+j] += concat[i]*gate_grad[j]
            bias_param_increment[bk] += gg                         # db[j] += gate_grad[j] with db = param.b*  (lines 265-268)
    return g, bias_param_increment, dh_next
def fd(k):
    G = np.zeros_like(P[k]); e = 1e-6
    for idx in np.ndindex(P[k].shape):
        old = P[k][idx]; P[k][idx] = old+e; lp = loss(P); P[k][idx] = old-e; lm = loss(P); P[k][idx] = old; G[idx] = (lp-lm)/(2*e)
    return G
caches = forward(P)
g, inc, _ = author_backward(P, caches)
for k in ('Wf', 'Wi', 'Wc', 'Wo'):
    r = fd(k); print("d%s (accumulated, line 257)            max|diff| = %.2e  %s" % (k, np.max(np.abs(g[k]-r)), 'AGREE' if np.allclose(g[k], r, atol=1e-7) else 'DIFFER'))
for k in ('bf', 'bi', 'bc', 'bo'):
    r = fd(k)
    print("param.d%s after backward (lines 265-268) max|fd| = %.2e, stored = %.2e -> %s ; increment added to param.%s itself equals fd: %s" % (
        k, np.max(np.abs(r)), np.max(np.abs(g[k])), 'DIFFER' if not np.allclose(g[k], r, atol=1e-7) else 'AGREE', k, np.allclose(inc[k], r, atol=1e-7)))
