"""FD check of achanta_gru_specom17_matlab.md (SivanandAchanta/paper-codes, SpeCom17_RNNSPSS/gru, MATLAB GRU).

Author's model (column vectors, time index i = 1..sl, h_0 = 0):
  f_i = sigm(Wf x_i + bf + Rf h_{i-1})            (reset-like gate, applied AFTER Rc h)
  z_i = sigm(Wz x_i + bz + Rz h_{i-1})            (update gate, weights the OLD state)
  u_i = N(Wc x_i + bc + f_i .* (Rc h_{i-1}))      N(a) = 1.7159*tanh(2/3 a)  (get_actf('N'), not in snapshot)
  h_i = z_i .* h_{i-1} + (1 - z_i) .* u_i
  ym  = (U*hm' + bu)'  (rows = time), 'L' linear output or 'M' softmax (assumed row-wise softmax)
  loss 'ls':  L = sum((Y - ym).^2)/(2*sl) ; loss 'nll': L = -sum(Y.*log(ym))/sl   (E = dL/d(ac))
Each annotated line is compared to central finite differences of L, or (definitions) to an
independent computation.  Matrices in "m" storage are (sl x n) as in the MATLAB code.
"""
import numpy as np

rng = np.random.default_rng(24)
nin, H, nout, sl = 3, 4, 2, 5
A_T, B_T = 1.7159, 2.0 / 3.0
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
actN = lambda a: A_T * np.tanh(B_T * a)

P = {}
for g in ('z', 'f', 'c'):
    P['W' + g] = rng.normal(size=(H, nin)) * 0.6
    P['R' + g] = rng.normal(size=(H, H)) * 0.6
    P['b' + g] = rng.normal(size=(H, 1)) * 0.3
P['U'] = rng.normal(size=(nout, H)) * 0.6
P['bu'] = rng.normal(size=(nout, 1)) * 0.3
X = rng.normal(size=(sl, nin))           # rows = time, as passed to fp_lstm / gradients_lstm
Y = rng.normal(size=(sl, nout))          # regression targets for 'ls'
Yc = np.eye(nout)[rng.integers(0, nout, size=sl)]   # one-hot targets for 'nll'

KEYS = ('af', 'az', 'ac', 'h', 'hout', 'hrec', 'out')


def fwd(P=P, e=None, mode='L'):
    """e: dict of additive perturbations, each (sl x n): pre-activations af/az/ac, h (all uses),
    hout (h used by the output layer only), hrec (h used by the recurrence only), out (logits)."""
    e = e or {}
    z0 = lambda k, n: e.get(k, np.zeros((sl, n)))
    hp = np.zeros((H, 1))
    fm, zm, cm, hm, afm, azm, acm, Rch = [np.zeros((sl, H)) for _ in range(8)]
    hout = np.zeros((sl, H))
    for i in range(sl):
        x = X[i][:, None]
        af = P['Wf'] @ x + P['bf'] + P['Rf'] @ hp + z0('af', H)[i][:, None]
        f = sig(af)
        az = P['Wz'] @ x + P['bz'] + P['Rz'] @ hp + z0('az', H)[i][:, None]
        z = sig(az)
        rc = P['Rc'] @ hp
        ac = P['Wc'] @ x + P['bc'] + f * rc + z0('ac', H)[i][:, None]
        u = actN(ac)
        h = z * hp + (1 - z) * u + z0('h', H)[i][:, None]
        hout[i] = (h + z0('hout', H)[i][:, None]).ravel()
        hp = h + z0('hrec', H)[i][:, None]
        fm[i], zm[i], cm[i], hm[i] = f.ravel(), z.ravel(), u.ravel(), h.ravel()
        afm[i], azm[i], acm[i], Rch[i] = af.ravel(), az.ravel(), ac.ravel(), rc.ravel()
    aco = (P['U'] @ hout.T + P['bu']).T + z0('out', nout)
    if mode == 'L':
        ym = aco
        L = np.sum((Y - ym) ** 2) / (2 * sl)
    else:
        ex = np.exp(aco - aco.max(axis=1, keepdims=True))
        ym = ex / ex.sum(axis=1, keepdims=True)
        L = -np.sum(Yc * np.log(ym)) / sl
    return dict(fm=fm, zm=zm, cm=cm, hm=hm, afm=afm, azm=azm, acm=acm, Rch=Rch, ac=aco, ym=ym, L=L)


def ng(fun, a0, eps=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += eps
        am = a0.copy(); am[idx] -= eps
        g[idx] = (fun(ap) - fun(am)) / (2 * eps)
    return g


def rep(line, a, b, tol=1e-6):
    ok = np.shape(a) == np.shape(b) and np.allclose(a, b, atol=tol, rtol=1e-5)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")


def gE(k, n, mode='L'):
    return ng(lambda a: fwd(e={k: a}, mode=mode)['L'], np.zeros((sl, n)))


def gP(k, mode='L'):
    return ng(lambda a: fwd(P={**P, k: a}, mode=mode)['L'], P[k])


F = fwd()
# ---------------- fp_lstm.m ----------------
a_tanh = 1.7159; rep(13, a_tanh, A_T)                     # constant of the scaled tanh N
b_tanh = 2 / 3; rep(14, b_tanh, B_T)
Xc = X.T                                                    # line 17 X = X'
Wfx = P['Wf'] @ Xc + P['bf']; rep(19, Wfx, (F['afm'] - (P['Rf'] @ np.vstack([np.zeros(H), F['hm'][:-1]]).T).T).T)
Wzx = P['Wz'] @ Xc + P['bz']; rep(20, Wzx, (F['azm'] - (P['Rz'] @ np.vstack([np.zeros(H), F['hm'][:-1]]).T).T).T)
Wcx = P['Wc'] @ Xc + P['bc']; rep(21, Wcx, np.stack([P['Wc'] @ X[i] + P['bc'].ravel() for i in range(sl)], 1))
hp = np.zeros((H, 1)); ok = {32: True, 33: True, 35: True, 36: True, 38: True, 39: True, 41: True}
for i in range(sl):
    ac_ft = Wfx[:, [i]] + P['Rf'] @ hp; ok[32] &= np.allclose(ac_ft.ravel(), F['afm'][i])
    ft = sig(ac_ft); ok[33] &= np.allclose(ft.ravel(), F['fm'][i])
    ac_zt = Wzx[:, [i]] + P['Rz'] @ hp; ok[35] &= np.allclose(ac_zt.ravel(), F['azm'][i])
    zt = sig(ac_zt); ok[36] &= np.allclose(zt.ravel(), F['zm'][i])
    ac_hut = Wcx[:, [i]] + ft * (P['Rc'] @ hp); ok[38] &= np.allclose(ac_hut.ravel(), F['acm'][i])
    hut = actN(ac_hut); ok[39] &= np.allclose(hut.ravel(), F['cm'][i])
    ht = zt * hp + (1 - zt) * hut; ok[41] &= np.allclose(ht.ravel(), F['hm'][i])
    hp = ht
for k in sorted(ok):
    print(f"line {k}: {'OK' if ok[k] else 'MISMATCH'}")
ac = (P['U'] @ F['hm'].T + P['bu']).T; rep(55, ac, F['ac'])
ym = ac; rep(56, ym, F['ym'])
FM = fwd(mode='M')
ac = (P['U'] @ FM['hm'].T + P['bu']).T; rep(58, ac, FM['ac'])
ym = np.exp(ac) / np.exp(ac).sum(1, keepdims=True); rep(59, ym, FM['ym'])   # assumed row softmax

# ---------------- fp_bp.m (output error), loss 'ls' with 'L' output ----------------
E = -(Y - F['ym']) / sl; rep(168, E, gE('out', nout))
E_nll = -(Yc - FM['ym']) / sl; rep(170, E_nll, gE('out', nout, mode='M'))
gU = E.T @ F['hm']; rep(174, gU, gP('U'))
gbu = E.sum(0)[:, None]; rep(175, gbu, gP('bu'))
Eb = P['U'].T @ E.T; rep(176, Eb, gE('hout', H).T)

# ---------------- bp_lstm.m ----------------
a_tanh = 1.7159; rep(76, a_tanh, A_T)
b_tanh = 2 / 3; rep(77, b_tanh, B_T)
bby2a = b_tanh / (2 * a_tanh); rep(78, 2 * bby2a * A_T ** 2, A_T * B_T)   # so that 2*bby2a*(a^2-u^2) = a*b*(1-tanh^2)
Rf = P['Rf'].T; rep(90, Rf, P['Rf'].swapaxes(0, 1))
Rz = P['Rz'].T; rep(91, Rz, P['Rz'].swapaxes(0, 1))
Rct = P['Rc'].T; rep(92, Rct, P['Rc'].swapaxes(0, 1))
Rc = P['Rc']
zm = F['zm'].T; fm = F['fm'].T; cm = F['cm'].T; hm = F['hm'].T
nxt = lambda M: np.array([M[:, i + 1] if i + 1 < sl else np.zeros(H) for i in range(sl)]).T
prv = lambda M: np.array([M[:, i - 1] if i > 0 else np.zeros(H) for i in range(sl)]).T
znm = np.hstack([zm[:, 1:], np.zeros((H, 1))]); rep(95, znm, nxt(zm))
fpm = np.hstack([np.zeros((H, 1)), fm[:, :-1]]); rep(97, fpm, prv(fm))
fnm = np.hstack([fm[:, 1:], np.zeros((H, 1))]); rep(98, fnm, nxt(fm))
hpm = np.hstack([np.zeros((H, 1)), hm[:, :-1]]); rep(101, hpm, prv(hm))
hnm = np.hstack([hm[:, 1:], np.zeros((H, 1))]); rep(102, hnm, nxt(hm))
dercm = 2 * bby2a * ((a_tanh - cm) * (a_tanh + cm))
rep(104, dercm, ((actN(F['acm'] + 1e-6) - actN(F['acm'] - 1e-6)) / 2e-6).T)
derzm = zm * (1 - zm); rep(105, derzm, ((sig(F['azm'] + 1e-6) - sig(F['azm'] - 1e-6)) / 2e-6).T)
derfm = fm * (1 - fm); rep(106, derfm, ((sig(F['afm'] + 1e-6) - sig(F['afm'] - 1e-6)) / 2e-6).T)

delnc = delnz = delnf = delnh = np.zeros((H, 1))
dhm, dcm_, dfm_, dzm_ = [np.zeros((sl, H)) for _ in range(4)]
for i in range(sl - 1, -1, -1):
    delht = Eb[:, [i]] + Rz @ delnz + Rf @ delnf + (Rct @ (fnm[:, [i]] * delnc)) + znm[:, [i]] * delnh
    delct = delht * (1 - zm[:, [i]]) * dercm[:, [i]]
    delzt = delht * (hpm[:, [i]] - cm[:, [i]]) * derzm[:, [i]]
    delft = delct * derfm[:, [i]] * (Rc @ hpm[:, [i]])
    delnz, delnf, delnc, delnh = delzt, delft, delct, delht
    dhm[i], dcm_[i], dfm_[i], dzm_[i] = delht.ravel(), delct.ravel(), delft.ravel(), delzt.ravel()
rep(111, dhm, gE('h', H))          # total dL/dh_i
rep(112, dcm_, gE('ac', H))        # dL/d(pre-activation of the candidate)
rep(113, dzm_, gE('az', H))        # dL/d(pre-activation of z)
rep(114, dfm_, gE('af', H))        # dL/d(pre-activation of f)

# ---------------- gradients_lstm.m (inputs in row storage, dzm etc. from bp_lstm) ----------------
hpm_r = np.vstack([np.zeros((1, H)), F['hm'][:-1]]); rep(143, hpm_r, prv(F['hm'].T).T)
rep(145, dzm_.T @ X, gP('Wz'))
rep(146, dfm_.T @ X, gP('Wf'))
rep(147, dcm_.T @ X, gP('Wc'))
rep(149, dzm_.T @ hpm_r, gP('Rz'))
rep(150, dfm_.T @ hpm_r, gP('Rf'))
rep(151, (F['fm'] * dcm_).T @ hpm_r, gP('Rc'))
rep(153, dzm_.sum(0)[:, None], gP('bz'))
rep(154, dfm_.sum(0)[:, None], gP('bf'))
rep(155, dcm_.sum(0)[:, None], gP('bc'))
