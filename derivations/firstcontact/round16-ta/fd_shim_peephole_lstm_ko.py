# FD check of shim_peephole_lstm_ko.md (Korean lecture notes, peephole LSTM in Graves-like unit notation).
# Model as the notes state it: per-cell peepholes w^{sβ}_i, w^{sγ}_i on s^{t-1}, w^{sμ}_i on s^t;
# f_α = g = tanh, f_β,f_γ,f_μ = sigmoid, f_H = tanh; linear output + softmax; C = L = -Σ_t ln y^t_{d^t}.
import numpy as np
rng = np.random.default_rng(0)
zx, zh, zo, T = 3, 4, 5, 4
sig = lambda a: 1/(1+np.exp(-a)); dsig = lambda a: sig(a)*(1-sig(a))
tanh = np.tanh; dtanh = lambda a: 1-np.tanh(a)**2
P = {}
for g in 'abgm':  # alpha(net input), beta(input), gamma(forget), mu(output)
    P['x'+g] = rng.normal(0, .5, (zx, zh)); P['h'+g] = rng.normal(0, .5, (zh, zh)); P['b'+g] = rng.normal(0, .5, zh)
for g in 'bgm': P['s'+g] = rng.normal(0, .5, zh)
P['ho'] = rng.normal(0, .5, (zh, zo)); P['bo'] = rng.normal(0, .5, zo)
X = rng.normal(size=(T+1, zx)); D = rng.integers(0, zo, T+1)
F = {'a': tanh, 'b': sig, 'g': sig, 'm': sig}; dF = {'a': dtanh, 'b': dsig, 'g': dsig, 'm': dsig}

def fwd(P, off=None):
    off = off or {}
    o = lambda k, t: off.get((k, t), 0.0)
    h = {0: np.zeros(zh)}; s = {0: np.zeros(zh)}; A = {}; C = 0.0; Y = {}
    for t in range(1, T+1):
        x = X[t]
        for g in 'abg':
            A[g, t] = x @ P['x'+g] + h[t-1] @ P['h'+g] + P['b'+g] + (P['s'+g]*s[t-1] if g != 'a' else 0) + o(g, t)
        s[t] = F['g'](A['g', t])*s[t-1] + F['b'](A['b', t])*F['a'](A['a', t]) + o('s', t)
        A['m', t] = x @ P['xm'] + h[t-1] @ P['hm'] + P['sm']*s[t] + P['bm'] + o('m', t)
        h[t] = F['m'](A['m', t])*tanh(s[t]) + o('h', t)
        A['o', t] = h[t] @ P['ho'] + P['bo'] + o('o', t)
        e = np.exp(A['o', t] - A['o', t].max()); Y[t] = e/e.sum()
        C += -np.log(Y[t][D[t]])
    return C, h, s, A, Y

def fdnode(k, t, n, eps=1e-6):
    g = np.zeros(n)
    for j in range(n):
        e = np.zeros(n); e[j] = eps
        g[j] = (fwd(P, {(k, t): e})[0] - fwd(P, {(k, t): -e})[0])/(2*eps)
    return g
def fdpar(name, eps=1e-6):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        P[name][idx] += eps; cp = fwd(P)[0]; P[name][idx] -= 2*eps; cm = fwd(P)[0]; P[name][idx] += eps
        G[idx] = (cp-cm)/(2*eps)
    return G
C, h, s, A, Y = fwd(P)
eh = {t: fdnode('h', t, zh) for t in range(1, T+1)}
es = {t: fdnode('s', t, zh) for t in range(1, T+1)}
dl = {(k, t): fdnode(k, t, zh if k != 'o' else zo) for k in 'abgmo' for t in range(1, T+1)}
z = np.zeros(zh)
def get(d, t, default): return d.get(t, default) if not isinstance(d, dict) or t in d else default
rep = lambda name, a, b: print(f"{name:60s} maxdiff={np.max(np.abs(np.asarray(a)-np.asarray(b))):.2e}")

t = 2
# line 76: eps_h^t = sum_j delta_o^{t+1} W^{ho}_{ij} + sum_j delta_{q}^{t+1} W^{hq}_{ij}
rec = sum(P['h'+g] @ dl[g, t+1] for g in 'abgm')
rep("L76 author (delta_o^{t+1})", eh[t], P['ho'] @ dl['o', t+1] + rec)
rep("L76 corrected (delta_o^{t})", eh[t], P['ho'] @ dl['o', t] + rec)
# line 90: dh/ds total (incl. peephole via a_mu^t): f_mu f_H' + f_mu' w^{smu} f_H
eps = 1e-6; dhds = np.zeros(zh)
for j in range(zh):
    def hh(d):
        ss = s[t].copy(); ss[j] += d
        am = X[t] @ P['xm'] + h[t-1] @ P['hm'] + P['sm']*ss + P['bm']
        return (sig(am)*tanh(ss))[j]
    dhds[j] = (hh(eps)-hh(-eps))/(2*eps)
rep("L90 dh/ds", dhds, sig(A['m', t])*dtanh(s[t]) + dsig(A['m', t])*P['sm']*tanh(s[t]))
# lines 97-109: ds^{t+1}/ds^t, partial holding h^t
def snext(ss):
    x = X[t+1]; a = {}
    for g in 'abg': a[g] = x @ P['x'+g] + h[t] @ P['h'+g] + P['b'+g] + (P['s'+g]*ss if g != 'a' else 0)
    return sig(a['g'])*ss + sig(a['b'])*tanh(a['a'])
dsds = np.array([(snext(s[t]+eps*np.eye(zh)[j])[j]-snext(s[t]-eps*np.eye(zh)[j])[j])/(2*eps) for j in range(zh)])
ag, ab, aa = A['g', t+1], A['b', t+1], A['a', t+1]
rep("L97 s^{t+1} with f_alpha(a_alpha^t) (author)", s[t+1], sig(ag)*s[t] + sig(ab)*tanh(A['a', t]))
rep("L97 s^{t+1} with a_alpha^{t+1} (corrected)", s[t+1], sig(ag)*s[t] + sig(ab)*tanh(aa))
author109 = dsig(ag)*P['sg']*s[t] + sig(ag) + dsig(ab)*P['sb']*tanh(A['a', t]) + sig(ab)*dtanh(aa)*rng.normal(0, .5, zh)  # W^{s alpha}: no such weight, any nonzero value
rep("L109 author (a_alpha^t, extra W^{s alpha} term)", dsds, author109)
rep("L109 corrected (3 terms, a_alpha^{t+1})", dsds, dsig(ag)*P['sg']*s[t] + sig(ag) + dsig(ab)*P['sb']*tanh(aa))
# line 113: eps_s^t = eps_h dh/ds + eps_s^{t+1} ds^{t+1}/ds^t
rep("L113 eps_s recursion", es[t], eh[t]*dhds + es[t+1]*dsds)
# line 119 (13): author's brace f_mu f_H' + f_mu - W f_H ; bracket f'_mu(a_gamma) ...
am = A['m', t]
br = sig(am)*dtanh(s[t]) + sig(am) - P['sm']*tanh(s[t])
bk = dsig(ag)*0  # placeholder
bk = dsig(ag)*P['sg']*s[t] + sig(ag) + dsig(ab)*P['sb']*tanh(aa)  # f'_mu(a_gamma) read as f'_gamma? check both
bk_author = (sig(ag)*(1-sig(ag)))*P['sg']*s[t] + sig(ag) + dsig(ab)*P['sb']*tanh(aa) + sig(ab)*dtanh(aa)*rng.normal(0, .5, zh)
rep("L119 eq.(13) author", es[t], eh[t]*br + es[t+1]*bk_author)
rep("L119 eq.(13) corrected", es[t], eh[t]*(sig(am)*dtanh(s[t]) + dsig(am)*P['sm']*tanh(s[t])) + es[t+1]*bk)
# 131-143: gate deltas
rep("L131 delta_mu", dl['m', t], eh[t]*dsig(am)*tanh(s[t]))
rep("L135 delta_alpha", dl['a', t], es[t]*sig(A['b', t])*dtanh(A['a', t]))
rep("L139 delta_gamma", dl['g', t], es[t]*dsig(A['g', t])*s[t-1])
rep("L143 delta_beta (g = f_alpha = tanh)", dl['b', t], es[t]*dsig(A['b', t])*tanh(A['a', t]))
# tables
hs = lambda t: h[t]; ss_ = lambda t: s[t]
for g, nm in zip('abgm', ['alpha', 'beta', 'gamma', 'mu']):
    rep(f"L15x grad W^x{nm}", fdpar('x'+g), sum(np.outer(X[t], dl[g, t]) for t in range(1, T+1)))
    rep(f"L15x grad W^h{nm} (h^{{t-1}})", fdpar('h'+g), sum(np.outer(h[t-1], dl[g, t]) for t in range(1, T+1)))
    rep(f"L17x grad b^{nm}", fdpar('b'+g), sum(dl[g, t] for t in range(1, T+1)))
rep("L159 grad W^ho", fdpar('ho'), sum(np.outer(h[t], dl['o', t]) for t in range(1, T+1)))
rep("L174 grad b^o", fdpar('bo'), sum(dl['o', t] for t in range(1, T+1)))
rep("L164 grad w^{s beta}_i = sum delta_{beta,i} s_i^{t-1}", fdpar('sb'), sum(dl['b', t]*s[t-1] for t in range(1, T+1)))
rep("L165 grad w^{s gamma}_i", fdpar('sg'), sum(dl['g', t]*s[t-1] for t in range(1, T+1)))
rep("L166 grad w^{s mu}_i = sum delta_{mu,i} s_i^t", fdpar('sm'), sum(dl['m', t]*s[t] for t in range(1, T+1)))
print("L164-166 as printed: delta_beta^t without cell index times s_i^{t-1} is a vector per i (ill-typed) -> fail")
print("L154 W^{xh}: no such parameter in the forward rows (no x->h weight); delta_o paired with h^{t-1} matches nothing -> fail")
