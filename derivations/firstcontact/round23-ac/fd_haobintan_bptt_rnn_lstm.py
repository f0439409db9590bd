"""FD check of Haobin Tan's 'Backpropagation Through Time (BPTT)' (transcribed in haobintan_bptt_rnn_lstm.md).
Column vectors throughout.  RNN: h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), alpha_t = W_hz h_t + b_z,
z_t = softmax(alpha_t), L = sum_t L(t), L(t) = -y_t^T log z_t (one-hot y_t).  Time steps t = 1..T, h_0 = 0.
In the W_hh / W_xh rows, dh_k/dW in the k-sums is the immediate partial (h_{k-1} held fixed).
LSTM: gates as in the post, z_t = softmax(W_hz h_t + b_z); 'd q' = total derivative of the loss w.r.t. q.
The 'Derivatives' rows are checked with the cross-entropy loss, the 'Error backpropagation' rows with the
author's least-squares loss L(t) = 1/2 ||y_t - z_t||^2."""
import numpy as np
rng = np.random.default_rng(3)
D, H, K, T = 3, 4, 5, 4
eps = 1e-6
sm = lambda a: np.exp(a - a.max()) / np.exp(a - a.max()).sum()
sg = lambda a: 1 / (1 + np.exp(-a))
def rep(line, a, b):
    try:
        ok = np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    except Exception:
        ok = False
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
def fd(fun, base):
    base = np.asarray(base, float); g = np.zeros(base.shape + np.shape(fun(base)))
    for idx in np.ndindex(base.shape):
        p = base.copy(); p[idx] += eps; m = base.copy(); m[idx] -= eps
        g[idx] = (np.asarray(fun(p)) - np.asarray(fun(m))) / (2 * eps)
    return g   # shape: base.shape + out.shape

# ---------------- plain RNN with softmax / cross-entropy ----------------
Whh = rng.normal(size=(H, H)) * .6; Wxh = rng.normal(size=(H, D)) * .6; bh = rng.normal(size=H) * .2
Whz = rng.normal(size=(K, H)) * .6; bz = rng.normal(size=K) * .2
X = rng.normal(size=(T + 1, D)); lab = rng.integers(0, K, size=T + 1); Y = np.eye(K)[lab]
def rnn(Whh=Whh, Wxh=Wxh, Whz=Whz, bz=bz, add_alpha=None):
    hs = [np.zeros(H)]; Ls = [None]; zs = [None]
    for t in range(1, T + 1):
        ht = np.tanh(Whh @ hs[-1] + Wxh @ X[t] + bh); a = Whz @ ht + bz
        if add_alpha is not None and add_alpha[0] == t: a = a + add_alpha[1]
        z = sm(a); hs.append(ht); zs.append(z); Ls.append(-Y[t] @ np.log(z))
    return hs, zs, Ls
hs, zs, Ls = rnn(); Ltot = sum(Ls[1:])
rep(31, hs[2], np.tanh(Whh @ hs[1] + Wxh @ X[2] + bh)); rep(32, zs[2], sm(Whz @ hs[2] + bz)); rep(33, zs[2], sm(Whz @ hs[2] + bz))
xx = 0.7; rep(40, np.tanh(xx), (np.exp(2 * xx) - 1) / (np.exp(2 * xx) + 1))
rep(48, Ltot, -sum(Y[t] @ np.log(zs[t]) for t in range(1, T + 1))); rep(52, Ls[3], -Y[3] @ np.log(zs[3]))
t0 = 2
rep(60, fd(lambda e: sum(rnn(add_alpha=(t0, e))[2][1:]), np.zeros(K)), -(Y[t0] - zs[t0]))
Jsm = lambda z: np.diag(z) - np.outer(z, z)
gWhz = fd(lambda W: sum(rnn(Whz=W)[2][1:]), Whz); gbz = fd(lambda b: sum(rnn(bz=b)[2][1:]), bz)
s64 = sum(np.outer(Jsm(zs[t]).T @ (-Y[t] / zs[t]), hs[t]) for t in range(1, T + 1))   # (dL/dz_t)(dz_t/dalpha_t)(dalpha_t/dW_hz)
rep(64, s64, gWhz)
rep(68, sum(Jsm(zs[t]).T @ (-Y[t] / zs[t]) for t in range(1, T + 1)), gbz)
def gh(t):   # dL(t)/dh_t as a vector:  (dL/dz)(dz/dh)
    return Whz.T @ (Jsm(zs[t]).T @ (-Y[t] / zs[t]))
def Jh(j, Whh_=Whh):  # dh_j/dh_{j-1}
    return np.diag(1 - hs[j] ** 2) @ Whh_
def P(t, k):           # dh_t/dh_k
    M = np.eye(H)
    for j in range(t, k, -1): M = M @ Jh(j)
    return M
def imm_hh(k):  # immediate dh_k/dW_hh  -> (H, H, H): [out, a, b]
    g = np.zeros((H, H, H)); g[np.arange(H), np.arange(H), :] = ((1 - hs[k] ** 2)[:, None] * hs[k - 1][None, :]); return g
def imm_xh(k):
    g = np.zeros((H, H, D)); g[np.arange(H), np.arange(H), :] = ((1 - hs[k] ** 2)[:, None] * X[k][None, :]); return g
tp1 = T  # the 't+1' of the rows
gL_hh = fd(lambda W: rnn(Whh=W)[2][tp1], Whh)                       # dL(t+1)/dW_hh
tot_h = lambda k: fd(lambda W: rnn(Whh=W)[0][k], Whh)               # total dh_k/dW_hh : (H,H,H) [a,b,out]
rep(75, np.einsum('o,abo->ab', gh(tp1), tot_h(tp1)), gL_hh)
rep(79, np.einsum('o,op,abp->ab', gh(tp1), Jh(tp1), tot_h(tp1 - 1)), gL_hh)
s83 = sum(np.einsum('o,op,pab->ab', gh(tp1), P(tp1, k), imm_hh(k)) for k in range(1, tp1 + 1))
rep(83, s83, gL_hh)
s90 = sum(sum(np.einsum('o,op,pab->ab', gh(tt), P(tt, k), imm_hh(k)) for k in range(1, tt + 1)) for tt in range(1, T + 1))
rep(90, s90, fd(lambda W: sum(rnn(Whh=W)[2][1:]), Whh))
gL_xh = fd(lambda W: rnn(Wxh=W)[2][tp1], Wxh)
tot_hx = fd(lambda W: rnn(Wxh=W)[0][tp1], Wxh)
rep(97, np.einsum('o,abo->ab', gh(tp1), tot_hx), gL_xh)
gh_prev = Jh(tp1).T @ gh(tp1)   # dL(t+1)/dh_t
r102 = np.einsum('o,oab->ab', gh(tp1), imm_xh(tp1)) + np.einsum('o,oab->ab', gh_prev, imm_xh(tp1 - 1))
rep(102, r102, gL_xh)
r103 = np.einsum('o,oab->ab', gh(tp1), imm_xh(tp1)) + np.einsum('o,op,pab->ab', gh(tp1), Jh(tp1), imm_xh(tp1 - 1))
rep(103, r103, gL_xh)
rep(108, sum(np.einsum('o,op,pab->ab', gh(tp1), P(tp1, k), imm_xh(k)) for k in range(1, tp1 + 1)), gL_xh)
rep(116, sum(sum(np.einsum('o,op,pab->ab', gh(tt), P(tt, k), imm_xh(k)) for k in range(1, tt + 1)) for tt in range(1, T + 1)),
    fd(lambda W: sum(rnn(Wxh=W)[2][1:]), Wxh))

# ---------------- LSTM ----------------
Wx = {g: rng.normal(size=(H, D)) * .6 for g in 'fico'}; Wh_ = {g: rng.normal(size=(H, H)) * .6 for g in 'fico'}
bb = {g: rng.normal(size=H) * .2 for g in 'fico'}
WhzL = rng.normal(size=(K, H)) * .6; bzL = rng.normal(size=K) * .2
def lstm(Wx=Wx, Wh_=Wh_, add=None, loss='ce', steps=None):
    add = add or {}
    h = np.zeros(H); c = np.zeros(H); S = dict(h=[h], c=[c], f=[None], i=[None], g=[None], o=[None], z=[None]); L = []
    for t in range(1, T + 1):
        hp = h; hp_g = hp + add.get(('hrec', t), 0)   # h_{t-1} as used by the gates of step t
        f = sg(Wx['f'] @ X[t] + Wh_['f'] @ hp_g + bb['f']) + add.get(('f', t), 0)
        i = sg(Wx['i'] @ X[t] + Wh_['i'] @ hp_g + bb['i']) + add.get(('i', t), 0)
        g = np.tanh(Wx['c'] @ X[t] + Wh_['c'] @ hp_g + bb['c']) + add.get(('g', t), 0)
        o = sg(Wx['o'] @ X[t] + Wh_['o'] @ hp_g + bb['o']) + add.get(('o', t), 0)
        c = f * S['c'][-1] + i * g + add.get(('c', t), 0)
        h = o * np.tanh(c + add.get(('c_loc', t), 0)) + add.get(('h', t), 0)
        z = sm(WhzL @ h + bzL)
        L.append(-Y[t] @ np.log(z) if loss == 'ce' else 0.5 * np.sum((Y[t] - z) ** 2))
        for k, v in dict(h=h, c=c, f=f, i=i, g=g, o=o, z=z).items(): S[k].append(v)
    if steps is None: return sum(L), S
    return sum(L[s - 1] for s in steps), S
Lce, S = lstm()
t = T - 1
rep(155, S['f'][t], sg(Wx['f'] @ X[t] + Wh_['f'] @ S['h'][t - 1] + bb['f'])); rep(160, S['i'][t], sg(Wx['i'] @ X[t] + Wh_['i'] @ S['h'][t - 1] + bb['i']))
rep(165, S['g'][t], np.tanh(Wx['c'] @ X[t] + Wh_['c'] @ S['h'][t - 1] + bb['c'])); rep(170, S['c'][t], S['f'][t] * S['c'][t - 1] + S['i'][t] * S['g'][t])
rep(177, np.array([2., 3.]) * np.array([5., 7.]), np.array([10., 21.]))
rep(190, S['o'][t], sg(Wx['o'] @ X[t] + Wh_['o'] @ S['h'][t - 1] + bb['o'])); rep(195, S['h'][t], S['o'][t] * np.tanh(S['c'][t]))
rep(202, S['h'][t], S['o'][t] * np.tanh(S['c'][t])); rep(205, S['c'][t], S['f'][t] * S['c'][t - 1] + S['i'][t] * S['g'][t])
dfd = lambda key, tt, **kw: fd(lambda e: lstm(add={(key, tt): e}, **kw)[0], np.zeros(H))
dh = {tt: dfd('h', tt) for tt in range(1, T + 1)}; dc = {tt: dfd('c', tt) for tt in range(1, T + 1)}
f_, i_, g_, o_, c_, h_ = (S[k] for k in 'figoch')
rep(203, dfd('o', t), np.tanh(c_[t]) * dh[t])
rep(204, dfd('c_loc', t), (1 - np.tanh(c_[t]) ** 2) * o_[t] * dh[t])
rep(206, dfd('i', t), g_[t] * dc[t]); rep(207, dfd('g', t), i_[t] * dc[t]); rep(208, dfd('f', t), c_[t - 1] * dc[t])
rep(209, dc[t - 1], (1 - np.tanh(c_[t - 1]) ** 2) * o_[t - 1] * dh[t - 1] + f_[t] * dc[t])
do = {tt: dfd('o', tt) for tt in range(1, T + 1)}; di = {tt: dfd('i', tt) for tt in range(1, T + 1)}
df = {tt: dfd('f', tt) for tt in range(1, T + 1)}; dg = {tt: dfd('g', tt) for tt in range(1, T + 1)}
sd = {'o': lambda tt: o_[tt] * (1 - o_[tt]) * do[tt], 'i': lambda tt: i_[tt] * (1 - i_[tt]) * di[tt],
      'f': lambda tt: f_[tt] * (1 - f_[tt]) * df[tt], 'c': lambda tt: (1 - g_[tt] ** 2) * dg[tt]}
def gW(which, gate):
    base = (Wx if which == 'x' else Wh_)[gate]
    def fun(W):
        d2 = dict(Wx if which == 'x' else Wh_); d2[gate] = W
        return lstm(**({'Wx': d2} if which == 'x' else {'Wh_': d2}))[0]
    return fd(fun, base)
for ln, gate in [(214, 'o'), (215, 'i'), (216, 'f'), (217, 'c')]:
    rep(ln, sum(np.outer(X[tt], sd[gate](tt)) for tt in range(1, T + 1)), gW('x', gate))   # as written: x_t then d(gate)
for ln, gate in [(223, 'o'), (224, 'i'), (225, 'f'), (226, 'c')]:
    rep(ln, sum(np.outer(h_[tt - 1], sd[gate](tt)) for tt in range(1, T + 1)), gW('h', gate))
print('  (info) 214/223 with delta x^T layout instead:', np.allclose(sum(np.outer(sd['o'](tt), X[tt]) for tt in range(1, T + 1)), gW('x', 'o')), np.allclose(sum(np.outer(sd['o'](tt), h_[tt - 1]) for tt in range(1, T + 1)), gW('h', 'o')))
rec = dfd('hrec', t)   # part of dL/dh_{t-1} that flows through the gates of step t
rep(232, Wh_['o'] @ sd['o'](t) + Wh_['i'] @ sd['i'](t) + Wh_['f'] @ sd['f'](t) + Wh_['c'] @ sd['c'](t), rec)
print("  (info) with transposes instead:", np.allclose(Wh_['o'].T @ sd['o'](t) + Wh_['i'].T @ sd['i'](t) + Wh_['f'].T @ sd['f'](t) + Wh_['c'].T @ sd['c'](t), rec))
dalpha = S['z'][t - 1] - Y[t - 1]
try:
    r238 = rec + WhzL @ dalpha
except ValueError:
    r238 = None
rep(238, r238, dh[t - 1])
# least-squares objective rows
LS = lambda add=None, steps=None: lstm(add=add, loss='ls', steps=steps)[0]
Tn = T
def gh_ls(tt):
    z = S['z'][tt]; return WhzL.T @ (Jsm(z).T @ (z - Y[tt]))
rep(254, fd(lambda e: LS({('c', Tn): e}, [Tn]), np.zeros(H)), gh_ls(Tn) * o_[Tn] * (1 - np.tanh(c_[Tn]) ** 2))
rep(258, fd(lambda e: LS({('c', Tn - 1): e}, [Tn - 1]), np.zeros(H)), gh_ls(Tn - 1) * o_[Tn - 1] * (1 - np.tanh(c_[Tn - 1]) ** 2))
tot = fd(lambda e: LS({('c', Tn - 1): e}, [Tn - 1, Tn]), np.zeros(H))
rep(269, tot, fd(lambda e: LS({('c', Tn - 1): e}, [Tn - 1]), np.zeros(H)) + fd(lambda e: LS({('c', Tn - 1): e}, [Tn]), np.zeros(H)))
dcT = gh_ls(Tn) * o_[Tn] * (1 - np.tanh(c_[Tn]) ** 2)
rep(270, gh_ls(Tn - 1) * o_[Tn - 1] * (1 - np.tanh(c_[Tn - 1]) ** 2) + dcT * f_[Tn], tot)
dhT1 = fd(lambda e: LS({('h', Tn - 1): e}, [Tn - 1, Tn]), np.zeros(H))
rep(275, (1 - np.tanh(c_[Tn - 1]) ** 2) * o_[Tn - 1] * dhT1 + f_[Tn] * dcT, tot)

# ---------------- softmax appendix ----------------
hv = rng.normal(size=H); alpha = WhzL @ hv; p = sm(alpha); j = int(np.argmax(Y[1])); y = Y[1]
try:
    a306 = WhzL[:, j] @ hv
except ValueError:
    a306 = None
rep(306, a306, alpha[j])
rep(310, p[j], np.exp(alpha[j]) / np.exp(alpha).sum())
true_jj = fd(lambda a: y[j] * np.log(sm(a)[j]), alpha)[j]
dlogp = fd(lambda a: np.log(sm(a)[j]), alpha)[j]; dp = fd(lambda a: sm(a)[j], alpha)[j]
S_ = np.exp(alpha).sum(); e_ = np.exp(alpha)
rep(317, y[j] * dlogp * dp, true_jj)
rep(318, y[j] / p[j] * dp, true_jj)
rep(319, y[j] / p[j] * (e_[j] * S_ - e_[j] * e_[j]) / S_ ** 2, true_jj)
rep(320, y[j] / p[j] * (e_[j] / S_) * (S_ - e_[j]) / S_, true_jj)
rep(321, y[j] * (S_ / S_ - e_[j] / S_), true_jj)
rep(322, y[j] * (1 - p[j]), true_jj)
k = j; jj = (j + 1) % K    # k != jj, y_k = 1
true_kj = fd(lambda a: y[k] * np.log(sm(a)[k]), alpha)[jj]
rep(329, y[k] / p[k] * (-e_[k] * e_[jj]) / S_ ** 2, true_kj); rep(330, -y[k] * p[jj], true_kj)
for jx in [j, jj]:
    intended = fd(lambda a: y @ np.log(sm(a)), alpha)[jx]       # d/d alpha_j of sum_k y_k log p_k
    lhs336 = fd(lambda a: sm(a), alpha)[jx]                      # d p(yhat) / d alpha_j  (a vector)
    rep(336, lhs336, intended) if jx == j else None
    r337 = fd(lambda a: np.log(sm(a)[jx]), alpha)[jx] + sum(fd(lambda a: np.log(sm(a)[kk]), alpha)[jx] for kk in range(K) if kk != jx)
    rep(337, r337, intended) if jx == j else None
    rep(338, (y[jx] - y[jx] * p[jx]) - sum(y[kk] * p[jx] for kk in range(K) if kk != jx), intended)
    rep(339, y[jx] - p[jx] * (y[jx] + sum(y[kk] for kk in range(K) if kk != jx)), intended)
    rep(340, y[jx] - p[jx], intended)
dL_dalpha = fd(lambda a: -y @ np.log(sm(a)), alpha)[j]
rep(346, fd(lambda a: -(y[j] - sm(a)[j]), alpha)[j], dL_dalpha)
rep(347, -(y[j] - p[j]), dL_dalpha); rep(348, p[j] - y[j], dL_dalpha)
