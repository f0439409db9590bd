# Finite-difference check of zh_lstm_ptb_bptt.md (numpy only). Prints "<line> OK|MISMATCH" per annotated line;
# OK = the author's expression agrees with the numerical gradient / reference value, MISMATCH = it does not.
import numpy as np, json, os
rng = np.random.default_rng(0)
sig = lambda x: 1/(1+np.exp(-x))
res = {}
def rep(line, ok):
    res[line] = 'OK' if ok else 'MISMATCH'
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

def ngrad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += eps
        xm = x.copy(); xm[idx] -= eps
        g[idx] = (f(xp) - f(xm)) / (2*eps)
    return g

# ---------------- Part A: LaTeX derivation (column vectors, sigmoid output + BCE, loss summed over t) ----------
H, Dx, K, T = 3, 2, 2, 4
P = {k: rng.normal(size=(H, H))*0.7 for k in ['Wf', 'Wi', 'Wg', 'Wo']}
P.update({k: rng.normal(size=(H, Dx))*0.7 for k in ['Uf', 'Ui', 'Ug', 'Uo']})
P.update({k: rng.normal(size=(H, 1))*0.3 for k in ['bf', 'bi', 'bg', 'bo']})
P['V'] = rng.normal(size=(K, H)); P['by'] = rng.normal(size=(K, 1))*0.3
xs = [rng.normal(size=(Dx, 1)) for _ in range(T+1)]   # xs[1..T]
ys = [rng.integers(0, 2, size=(K, 1)).astype(float) for _ in range(T+1)]
h0 = rng.normal(size=(H, 1))*0.5; C0 = rng.normal(size=(H, 1))*0.5

def cell(Pp, h, C, x):
    f = sig(Pp['Wf']@h + Pp['Uf']@x + Pp['bf']); i = sig(Pp['Wi']@h + Pp['Ui']@x + Pp['bi'])
    g = np.tanh(Pp['Wg']@h + Pp['Ug']@x + Pp['bg']); o = sig(Pp['Wo']@h + Pp['Uo']@x + Pp['bo'])
    Cn = C*f + i*g; hn = o*np.tanh(Cn)
    return f, i, g, o, Cn, hn

def run(Pp, inj_h=None, inj_C=None):
    """inj_h / inj_C: (t, delta) added to h_t / C_t right after they are computed (total derivatives)."""
    h, C = h0, C0; L = 0.0; st = {0: dict(h=h0, C=C0)}
    for t in range(1, T+1):
        f, i, g, o, C, h = cell(Pp, h, C, xs[t])
        if inj_C and inj_C[0] == t:
            C = C + inj_C[1]; h = o*np.tanh(C)
        if inj_h and inj_h[0] == t:
            h = h + inj_h[1]
        yh = sig(Pp['V']@h + Pp['by'])
        L += float(-np.sum(ys[t]*np.log(yh) + (1-ys[t])*np.log(1-yh)))
        st[t] = dict(f=f, i=i, g=g, o=o, C=C, h=h, yh=yh)
    return L, st
L0, S = run(P)
dh_true = {t: ngrad(lambda d: run(P, inj_h=(t, d))[0], np.zeros((H, 1))) for t in range(1, T+1)}
dC_true = {t: ngrad(lambda d: run(P, inj_C=(t, d))[0], np.zeros((H, 1))) for t in range(1, T+1)}

# forward lines: reference = cell(); check each stated form reproduces it
t = 2; hp, Cp, x = S[t-1]['h'], S[t-1]['C'], xs[t]; s = S[t]
# lines 26-31 (PyTorch form, W_i* = U_*, W_h* = W_*, b_i* + b_h* = b_*)
bsplit = {k: rng.normal(size=(H, 1)) for k in 'figo'}
i_ = sig(P['Ui']@x + bsplit['i'] + P['Wi']@hp + (P['bi']-bsplit['i']))
f_ = sig(P['Uf']@x + bsplit['f'] + P['Wf']@hp + (P['bf']-bsplit['f']))
g_ = np.tanh(P['Ug']@x + bsplit['g'] + P['Wg']@hp + (P['bg']-bsplit['g']))
o_ = sig(P['Uo']@x + bsplit['o'] + P['Wo']@hp + (P['bo']-bsplit['o']))
c_ = f_*Cp + i_*g_; h_ = o_*np.tanh(c_)
rep(26, close(i_, s['i'])); rep(27, close(f_, s['f'])); rep(28, close(g_, s['g'])); rep(29, close(o_, s['o']))
rep(30, close(c_, s['C'])); rep(31, close(h_, s['h']))
# line 72: y_t = sigma(W' h_t) (no bias shown): with by = 0 equals the output layer
rep(72, close(sig(P['V']@s['h']), sig(P['V']@s['h'] + 0*P['by'])))
# lines 77-85 (concatenated-weight reference implementation)
Wcat = {k: np.hstack([P['W'+k], P['U'+k]]) for k in 'figo'}; z = np.vstack([hp, x])
ref = {k: (np.tanh if k == 'g' else sig)(Wcat[k]@z + P['b'+k]) for k in 'figo'}
Cref = ref['f']*Cp + ref['i']*ref['g']; href = ref['o']*np.tanh(Cref)
rep(77, close(sig(P['Wf']@hp + P['Uf']@x + P['bf']), ref['f']))
rep(79, close(sig(P['Wi']@hp + P['Ui']@x + P['bi']), ref['i']) and close(np.tanh(P['Wg']@hp + P['Ug']@x + P['bg']), ref['g']))
rep(81, close(Cp*s['f'] + s['i']*s['g'], Cref))
rep(83, close(sig(P['Wo']@hp + P['Uo']@x + P['bo']), ref['o']) and close(s['o']*np.tanh(s['C']), href))
rep(85, close(s['yh'], sig(P['V']@href + P['by'])))
# lines 191-196: the same forward equations written for step t+1 (t = 2 -> 3)
s1 = S[3]; x1 = xs[3]; hcur, Ccur = S[2]['h'], S[2]['C']
rep(191, close(s1['h'], s1['o']*np.tanh(s1['C'])))
rep(192, close(s1['o'], sig(P['Wo']@hcur + P['Uo']@x1 + P['bo'])))
rep(193, close(s1['C'], Ccur*s1['f'] + s1['i']*s1['g']))
rep(194, close(s1['f'], sig(P['Wf']@hcur + P['Uf']@x1 + P['bf'])))
rep(195, close(s1['i'], sig(P['Wi']@hcur + P['Ui']@x1 + P['bi'])))
rep(196, close(s1['g'], np.tanh(P['Wg']@hcur + P['Ug']@x1 + P['bg'])))

# line 182: delta_h^tau, delta_C^tau
sT = S[T]
dhT = P['V'].T @ (sT['yh'] - ys[T]); dCT = dhT*sT['o']*(1-np.tanh(sT['C'])**2)
rep(182, close(dhT, dh_true[T]) and close(dCT, dC_true[T]))
# line 201: dh_{t+1}/dh_t (C_t held fixed) and line 203: Delta C
ok201 = ok203 = True
for t in range(1, T):
    a, n = S[t], S[t+1]
    J_fd = np.zeros((H, H))
    for j in range(H):
        e = np.zeros((H, 1)); e[j] = 1e-6
        J_fd[:, j] = ((cell(P, a['h']+e, a['C'], xs[t+1])[5] - cell(P, a['h']-e, a['C'], xs[t+1])[5]) / 2e-6).ravel()
    DC = n['o']*(1-np.tanh(n['C'])**2)
    J_auth = (n['o']*(1-n['o'])*np.tanh(n['C']))*P['Wo'] + (DC*n['f']*(1-n['f'])*a['C'])*P['Wf'] \
        + (DC*n['i']*(1-n['g']**2))*P['Wg'] + (DC*n['g']*n['i']*(1-n['i']))*P['Wi']   # a_{t+1}=g_{t+1}, W_a=W_g
    ok201 &= close(J_auth, J_fd)
    dh_dC_fd = ngrad(lambda Cn: float(np.sum(n['o']*np.tanh(Cn))), n['C'])  # diag of dh_{t+1}/dC_{t+1}
    ok203 &= close(DC, dh_dC_fd)
rep(201, ok201); rep(203, ok203)
# line 187: delta_h^t = V^T(yhat_t - y_t) + (dh_{t+1}/dh_t)^T delta_h^{t+1}  (true upstream values)
ok187 = True
for t in range(1, T):
    a, n = S[t], S[t+1]
    J_fd = np.zeros((H, H))
    for j in range(H):
        e = np.zeros((H, 1)); e[j] = 1e-6
        J_fd[:, j] = ((cell(P, a['h']+e, a['C'], xs[t+1])[5] - cell(P, a['h']-e, a['C'], xs[t+1])[5]) / 2e-6).ravel()
    auth = P['V'].T @ (a['yh'] - ys[t]) + J_fd.T @ dh_true[t+1]
    ok187 &= close(auth, dh_true[t])
rep(187, ok187)
# line 205: delta_C^t = delta_C^{t+1} * f_{t+1} + delta_h^t * o_t * (1 - tanh^2 C_t)
ok205 = all(close(dC_true[t+1]*S[t+1]['f'] + dh_true[t]*S[t]['o']*(1-np.tanh(S[t]['C'])**2), dC_true[t]) for t in range(1, T))
rep(205, ok205)
# line 208: dL/dW_c (W_c = cell-candidate weight, W_g in the note's forward) = sum_t [dC_t*C_{t-1}*f_t(1-f_t)] h_{t-1}^T
auth208 = sum((dC_true[t]*S[t-1]['C']*S[t]['f']*(1-S[t]['f'])) @ S[t-1]['h'].T for t in range(1, T+1))
def LW(k):
    def f(W):
        Q = dict(P); Q[k] = W; return run(Q)[0]
    return f
dWg_fd = ngrad(LW('Wg'), P['Wg']); dWf_fd = ngrad(LW('Wf'), P['Wf'])
rep(208, close(auth208, dWg_fd))
info208 = close(auth208, dWf_fd)   # it is the W_f gradient

# ---------------- Part B: the code (row vectors, one step, softmax + CE, upstream dh_next/dc_next) ----------------
Hh, D = 3, 4
Z = Hh + D
M = {k: rng.normal(size=(Z, Hh))*0.6 for k in ['Wf', 'Wi', 'Wc', 'Wo']}
M.update({k: rng.normal(size=(1, Hh))*0.3 for k in ['bf', 'bi', 'bc', 'bo']})
M['Wy'] = rng.normal(size=(Hh, D)); M['by'] = rng.normal(size=(1, D))*0.3
h_old = rng.normal(size=(1, Hh))*0.5; c_old = rng.normal(size=(1, Hh))*0.5
tok = 2; y_train = np.zeros((1, D)); y_train[0, 1] = 1.
gh = rng.normal(size=(1, Hh)); gc = rng.normal(size=(1, Hh))   # dL_future/dh, dL_future/dc (the incoming dh_next, dc_next)
sigmoid = sig; tanh = np.tanh
def softmax(v): e = np.exp(v - v.max()); return e/e.sum()
sigmoid_derivative = lambda s: s*(1-s)      # reading: applied to the sigmoid OUTPUT
tanh_derivative = lambda t: 1-t**2          # reading: applied to the tanh OUTPUT

def fwd(Mm, inj={}, ho_=None):
    I = lambda name, v: v + inj[name] if name in inj else v
    oh = np.zeros((1, D)); oh[0, tok] = 1.
    hold = I('h_old', h_old); cold = I('c_old', c_old)
    X = I('X', np.column_stack((hold, oh)))
    pf = I('pf', X@Mm['Wf'] + Mm['bf']); pi = I('pi', X@Mm['Wi'] + Mm['bi'])
    po = I('po', X@Mm['Wo'] + Mm['bo']); pc = I('pc', X@Mm['Wc'] + Mm['bc'])
    hf = I('hf', sigmoid(pf)); hi = I('hi', sigmoid(pi)); ho = I('ho', sigmoid(po)); hc = I('hc', tanh(pc))
    c = I('c', hf*cold + hi*hc)
    h = I('h', ho*tanh(I('c_h', c)))
    y = I('y', h@Mm['Wy'] + Mm['by'])
    prob = softmax(y)
    L = -float(np.sum(y_train*np.log(prob))) + float(np.sum(gh*h)) + float(np.sum(gc*c))
    return L, dict(X=X, hf=hf, hi=hi, ho=ho, hc=hc, c=c, h=h, y=y, prob=prob)
L0, F = fwd(M)
def G(name, shape=(1, Hh)):
    return ngrad(lambda d: fwd(M, {name: d})[0], np.zeros(shape))
T_ = {n: G(n) for n in ['h', 'ho', 'po', 'c', 'c_h', 'hf', 'pf', 'hi', 'pi', 'hc', 'pc', 'h_old', 'c_old']}
T_['y'] = G('y', (1, D)); T_['X'] = G('X', (1, Z))
def TW(k):
    def f(W):
        Q = dict(M); Q[k] = W; return fwd(Q)[0]
    return ngrad(f, M[k])
X, hf, hi, ho, hc, c, h, prob = F['X'], F['hf'], F['hi'], F['ho'], F['hc'], F['c'], F['h'], F['prob']
# forward lines: compare with an independent evaluation (per-gate weight split of the concatenated matrices)
Wh = {k: M[k][:Hh] for k in ['Wf', 'Wi', 'Wc', 'Wo']}; Wx = {k: M[k][Hh:] for k in ['Wf', 'Wi', 'Wc', 'Wo']}
oh = np.zeros((1, D)); oh[0, tok] = 1.
lin = lambda k, b: h_old@Wh[k] + oh@Wx[k] + M[b]
rep(141, close(X[:, :Hh], h_old) and close(X[:, Hh:], oh))
rep(143, close(hf, sig(lin('Wf', 'bf')))); rep(144, close(hi, sig(lin('Wi', 'bi'))))
rep(145, close(ho, sig(lin('Wo', 'bo')))); rep(146, close(hc, np.tanh(lin('Wc', 'bc'))))
rep(148, close(c, sig(lin('Wf', 'bf'))*c_old + sig(lin('Wi', 'bi'))*np.tanh(lin('Wc', 'bc'))))
rep(149, close(h, sig(lin('Wo', 'bo'))*np.tanh(c)))
rep(151, close(F['y'], h@M['Wy'] + M['by']))
rep(152, close(prob, np.exp(F['y'])/np.exp(F['y']).sum()))
# backward lines: author's statement evaluated with TRUE upstream values
dy = prob.copy(); dy -= y_train
rep(218, close(dy, T_['y']))
rep(219, close(sigmoid_derivative(T_['y']), T_['y']))
rep(222, close(h.T @ T_['y'], TW('Wy')))
rep(223, close(T_['y'], TW('by')))
rep(225, close(T_['y'] @ M['Wy'].T + gh, T_['h']))
rep(228, close(tanh(c)*T_['h'], T_['ho']))
rep(229, close(sigmoid_derivative(ho)*T_['ho'], T_['po']))
rep(232, close(ho*T_['h']*tanh_derivative(c), T_['c_h']))
rep(233, close(T_['c_h'] + gc, T_['c']))
rep(236, close(c_old*T_['c'], T_['hf'])); rep(237, close(sigmoid_derivative(hf)*T_['hf'], T_['pf']))
rep(240, close(hc*T_['c'], T_['hi'])); rep(241, close(sigmoid_derivative(hi)*T_['hi'], T_['pi']))
rep(244, close(hi*T_['c'], T_['hc'])); rep(245, close(tanh_derivative(hc)*T_['hc'], T_['pc']))
for (l, g, W, b) in [(248, 'pf', 'Wf', 'bf'), (252, 'pi', 'Wi', 'bi'), (256, 'po', 'Wo', 'bo'), (260, 'pc', 'Wc', 'bc')]:
    rep(l, close(X.T @ T_[g], TW(W)))
    rep(l+1, close(T_[g], TW(b)))
def part_X(gname):
    # gradient w.r.t. X through gate gname only: perturb X inside that gate's pre-activation
    def f(d):
        W = {'pf': 'Wf', 'pi': 'Wi', 'po': 'Wo', 'pc': 'Wc'}[gname]
        return fwd(M, {gname: d@M[W]})[0]
    return ngrad(f, np.zeros((1, Z)))
rep(250, close(T_['pf'] @ M['Wf'].T, part_X('pf'))); rep(254, close(T_['pi'] @ M['Wi'].T, part_X('pi')))
rep(258, close(T_['po'] @ M['Wo'].T, part_X('po'))); rep(262, close(T_['pc'] @ M['Wc'].T, part_X('pc')))
rep(265, close(part_X('po') + part_X('pc') + part_X('pi') + part_X('pf'), T_['X']))
rep(267, close(T_['X'][:, :Hh], T_['h_old']))
rep(269, close(hf*T_['c'], T_['c_old']))

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['zh_lstm_ptb_bptt.md']
agree = True
for line in sorted(set(map(int, exp)) | set(res)):
    r = res.get(line, 'NOT CHECKED'); e = exp.get(str(line), {}).get('expected', 'NOT ANNOTATED')
    a = (r == 'OK') == (e == 'pass') and r != 'NOT CHECKED' and e != 'NOT ANNOTATED'
    agree &= a
    print(line, r, '(expected %s)' % e, '' if a else '<-- DISAGREES')
print('line 208 expression equals dL/dW_f instead:', info208)
print('ALL VERDICTS AGREE' if agree else 'SOME VERDICTS DISAGREE')
