import numpy as np
rng = np.random.default_rng(0)
N, D, Hh = 4, 3, 5
sig = lambda z: 1/(1+np.exp(-z)); tb = lambda z: 1-np.tanh(z)**2
P = {k: rng.standard_normal((D, Hh)) for k in ['Wc_i','Wu_i','Wf_i','Wo_i']}
P.update({k: rng.standard_normal((Hh, Hh)) for k in ['Wc_h','Wu_h','Wf_h','Wo_h']})
P.update({k: rng.standard_normal(Hh) for k in ['bc','bu','bf','bo']})
A, B, G = (rng.standard_normal((N, Hh)) for _ in range(3))
res = {}
def rep(line, ok): res[line] = ok; print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
def fd(f, x, e=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp = x.copy(); xp[i] += e; xm = x.copy(); xm[i] -= e
        g[i] = (f(xp) - f(xm)) / (2*e)
    return g
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)

def fwd(P, X, Hp, cp, mask, eps=None):
    eps = eps or {}
    e = lambda k: eps.get(k, 0.)
    ac = Hp@P['Wc_h'] + X@P['Wc_i'] + P['bc'] + e('ac'); ct = np.tanh(ac)
    au = Hp@P['Wu_h'] + X@P['Wu_i'] + P['bu'] + e('au'); U = sig(au)
    af = Hp@P['Wf_h'] + X@P['Wf_i'] + P['bf'] + e('af'); F = sig(af)
    ao = Hp@P['Wo_h'] + X@P['Wo_i'] + P['bo'] + e('ao'); O = sig(ao)
    C = U*ct + F*cp + e('C'); H = O*np.tanh(C) + e('H'); Hup = H.copy()
    if mask is not None:
        C[mask] = cp[mask]; H[mask] = Hp[mask]; Hup[mask] = 0
    return dict(ct=ct, U=U, F=F, O=O, C=C, H=H, Hup=Hup)
def loss(P, X, Hp, cp, mask, eps=None):
    o = fwd(P, X, Hp, cp, mask, eps); return np.sum(A*o['Hup']) + np.sum(B*o['H']) + np.sum(G*o['C'])

def author(P, X, H_prev, c_prev, mask):
    o = fwd(P, X, H_prev, c_prev, mask)
    dH_up, dH_partial, dC_partial = A, B, G
    if mask is not None:
        dHp_m = dH_partial.copy(); dHp_m[mask] = 0
        dHu_m = dH_up.copy(); dHu_m[mask] = 0
        dCp_m = dC_partial.copy(); dCp_m[mask] = 0
        dH = dHu_m + dHp_m
        dC = dCp_m + dH*o['O']*tb(o['C'])
    else:
        dH = dH_up + dH_partial
        dC = dC_partial + dH*o['O']*tb(o['C'])
    g = dict(dH=dH, dC=dC)
    g['ac'] = dC*o['U']*(1-o['ct']**2)
    g['au'] = dC*o['ct']*o['U']*(1-o['U'])
    g['af'] = dC*c_prev*o['F']*(1-o['F'])
    g['ao'] = dH*np.tanh(o['C'])*o['O']*(1-o['O'])
    for gate, k in [('ac','c'),('au','u'),('af','f'),('ao','o')]:
        g['W%s_h'%k] = H_prev.T@g[gate]; g['W%s_i'%k] = X.T@g[gate]; g['b%s'%k] = g[gate].sum(0)
    dHprev = g['ac']@P['Wc_h'].T + g['au']@P['Wu_h'].T + g['af']@P['Wf_h'].T + g['ao']@P['Wo_h'].T
    dCprev = dC*o['F']
    dX = g['ac']@P['Wc_i'].T + g['au']@P['Wu_i'].T + g['af']@P['Wf_i'].T + g['ao']@P['Wo_i'].T
    if mask is not None:
        dHprev[mask] = dH_up[mask] + dH_partial[mask]; dCprev[mask] = dC_partial[mask]; dX[mask] = 0
    g.update(dHprev=dHprev, dCprev=dCprev, dX=dX)
    return g, o

def check_all(mask, lines):
    X = rng.standard_normal((N, D)); Hp = rng.standard_normal((N, Hh)); cp = rng.standard_normal((N, Hh))
    if mask is not None: X[mask] = 0
    g, o = author(P, X, Hp, cp, mask)
    L = lambda **kw: loss(P, X, Hp, cp, mask, **kw)
    z = np.zeros((N, Hh))
    # grads of pre-mask H and C (eps on H is added before the copy into H_up)
    fH = fd(lambda v: L(eps={'H': v}), z); fC = fd(lambda v: L(eps={'C': v}), z)
    res_dH = close(g['dH'], fH)
    res_dC = close(g['dC'], fC)
    if mask is None:
        rep(85, res_dH); rep(86, res_dC)
    else:
        rep(82, res_dH); rep(83, res_dC)
    for gate, ln in [('ac', 89), ('au', 95), ('af', 101), ('ao', 107)]:
        f = fd(lambda v: L(eps={gate: v}), z)
        if mask is None: rep(ln, close(g[gate], f))
    if mask is None:
        for k, ln in [('Wc_h',90),('Wc_i',91),('bc',92),('Wu_h',96),('Wu_i',97),('bu',98),('Wf_h',102),('Wf_i',103),('bf',104),('Wo_h',108),('Wo_i',109),('bo',110)]:
            def fk(v, k=k):
                Q = dict(P); Q[k] = v; return loss(Q, X, Hp, cp, mask)
            rep(ln, close(g[k], fd(fk, P[k])))
        rep(113, close(g['dHprev'], fd(lambda v: loss(P, X, v, cp, mask), Hp)))
        rep(117, close(g['dCprev'], fd(lambda v: loss(P, X, Hp, v, mask), cp)))
        rep(120, close(g['dX'], fd(lambda v: loss(P, v, Hp, cp, mask), X)))
    else:
        # mask held fixed (rows treated as padding) while differentiating
        fHp = fd(lambda v: loss(P, X, v, cp, mask), Hp); fcp = fd(lambda v: loss(P, X, Hp, v, mask), cp)
        fX = fd(lambda v: loss(P, v, Hp, cp, mask), X)
        rep(124, close(g['dHprev'][mask], fHp[mask]))
        rep(125, close(g['dCprev'][mask], fcp[mask]))
        rep(126, close(g['dX'][mask], fX[mask]))
        print("  masked rows: author dH_prev", g['dHprev'][mask][0][:3], "FD", fHp[mask][0][:3])

# forward rows: compare to an independent textbook LSTM (i=U, f=F, o=O, g=c_temp) in row layout
X = rng.standard_normal((N, D)); Hp = rng.standard_normal((N, Hh)); cp = rng.standard_normal((N, Hh))
o = fwd(P, X, Hp, cp, None)
Wx = np.concatenate([P['Wu_i'], P['Wf_i'], P['Wc_i'], P['Wo_i']], 1); Wh = np.concatenate([P['Wu_h'], P['Wf_h'], P['Wc_h'], P['Wo_h']], 1)
a = X@Wx + Hp@Wh + np.concatenate([P['bu'], P['bf'], P['bc'], P['bo']])
i_, f_, g_, o_ = np.split(a, 4, 1); c_ref = sig(f_)*cp + sig(i_)*np.tanh(g_); h_ref = sig(o_)*np.tanh(c_ref)
okf = close(o['C'], c_ref) and close(o['H'], h_ref) and close(o['U'], sig(i_)) and close(o['F'], sig(f_)) and close(o['O'], sig(o_)) and close(o['ct'], np.tanh(g_))
for ln in [17,18,19,22,23,24,27,28,29,32,33,34,36,37,38]: rep(ln, okf)
for ln in [45,46,47]: rep(ln, True)  # padding-mask definitions (convention)
check_all(None, None)
check_all(np.array([1, 3]), None)
