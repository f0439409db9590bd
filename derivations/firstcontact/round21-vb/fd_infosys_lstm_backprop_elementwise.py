# FD check for infosys_lstm_backprop_elementwise.md (thsis/INFOSYS, "Backpropagation LSTM").
# Author's model: 2 hidden units, scalar x_t, no biases, h_0 = c_0 = 0, gates i,f,o = sigma(W x_t + U h_{t-1}),
# ctil = tanh(W_c x_t + U_c h_{t-1}), c_t = f*c_{t-1} + i*ctil, h_t = o*tanh(c_t), yhat_t = w^T h_t,
# loss_t = (y - yhat_t)^2/2, loss = sum_t loss_t.  As in the GRU notebook, every d yhat_t/d theta row is a
# STEP-LOCAL partial (h_{t-1}, c_{t-1} frozen); the code sums the local partials over t.
import numpy as np
rng = np.random.default_rng(17)
T = 3
sg = lambda a: 1 / (1 + np.exp(-a)); dsg = lambda a: sg(a) * (1 - sg(a)); dth = lambda a: 1 - np.tanh(a) ** 2
P = {k: rng.normal(size=2) * .8 for k in ('Wo', 'Wf', 'Wi', 'Wc')}
P.update({k: rng.normal(size=(2, 2)) * .8 for k in ('Uo', 'Uf', 'Ui', 'Uc')}); P['w'] = rng.normal(size=2)
x = rng.normal(size=T); y = 1.3
EPS = 1e-6
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-7, rtol=1e-6)
def step(P, xt, hp, cp, d=None):
    d = d or {}
    a = {g: P['W' + g] * xt + P['U' + g] @ hp + d.get(g, 0) for g in 'ofic'}
    o, f, i = sg(a['o']), sg(a['f']), sg(a['i']); ct = np.tanh(a['c'])
    c = f * cp + i * ct; h = o * np.tanh(c)
    return dict(a=a, o=o, f=f, i=i, ct=ct, c=c, h=h, yh=float(P['w'] @ h))
H = [np.zeros(2)]; Cs = [np.zeros(2)]; S = []
for t in range(T):
    s = step(P, x[t], H[-1], Cs[-1]); S.append(s); H.append(s['h']); Cs.append(s['c'])
# the author's code (cells 5, 7), transcribed
Wc, Wo, Wf, Wi, Uc, Uo, Uf, Ui, w = (P[k] for k in ('Wc', 'Wo', 'Wf', 'Wi', 'Uc', 'Uo', 'Uf', 'Ui', 'w'))
tanh = np.tanh
def sigmoid(x): return 1 / (1 + np.exp(-x))
def dsigmoid(x): return sigmoid(x) * (1 - sigmoid(x))
def dtanh(x): return 1 - np.tanh(x)**2
h, o, f, i, c_, c, y_ = [], [], [], [], [], [], []
def LSTM_forward():
    h.append(np.zeros_like(Wc)); c.append(np.zeros_like(Wc))
    for t, xt in enumerate(x, start=len(y_)):
        it = sigmoid(Wi.dot(xt) + Ui.dot(h[t])); ft = sigmoid(Wf.dot(xt) + Uf.dot(h[t])); ot = sigmoid(Wo.dot(xt) + Uo.dot(h[t]))
        c_t = tanh(Wc.dot(xt) + Uc.dot(h[t])); ct = ft * c[t] + it * c_t
        ht = ot * tanh(ct); y_t = w.dot(ht)
        h.append(ht); o.append(ot); f.append(ft); i.append(it); c_.append(c_t); c.append(ct); y_.append(y_t)
    return y_[-1]
LSTM_forward()
a5 = rng.normal(size=5)
chk(129, close(sigmoid(a5), 0.5 * (1 + np.tanh(a5 / 2))))
chk(134, close(dsigmoid(a5), (sg(a5 + EPS) - sg(a5 - EPS)) / (2 * EPS)))
chk(139, close(dtanh(a5), (np.tanh(a5 + EPS) - np.tanh(a5 - EPS)) / (2 * EPS)))
chk(121, close(np.exp(-a5) / (1 + np.exp(-a5)), sg(a5)) and close(sg(a5) * (1 - sg(a5)), ((np.exp(-(a5 + EPS)) / (1 + np.exp(-(a5 + EPS)))) - np.exp(-(a5 - EPS)) / (1 + np.exp(-(a5 - EPS)))) / (2 * EPS)))
chk(122, close(dth(a5), (np.tanh(a5 + EPS) - np.tanh(a5 - EPS)) / (2 * EPS)))
for t in range(T):
    s = S[t]
    chk(164, close(i[t], s['i'])); chk(165, close(f[t], s['f'])); chk(166, close(o[t], s['o']))
    chk(169, close(c_[t], s['ct'])); chk(170, close(c[t + 1], s['c'])); chk(173, close(h[t + 1], s['h'])); chk(176, np.isclose(y_[t], s['yh']))

def fd_local(t, name, f=lambda s: s['yh']):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        G[idx] = (f(step(Pp, x[t], H[t], Cs[t])) - f(step(Pm, x[t], H[t], Cs[t]))) / (2 * EPS)
    return G
def fd_pre(t, g):
    out = np.zeros(2)
    for j in range(2):
        e = np.zeros(2); e[j] = EPS
        out[j] = (step(P, x[t], H[t], Cs[t], {g: e})['yh'] - step(P, x[t], H[t], Cs[t], {g: -e})['yh']) / (2 * EPS)
    return out
def jac(fun, v):
    J = np.zeros((2, 2))
    for j in range(2):
        e = np.zeros(2); e[j] = EPS; J[:, j] = (fun(v + e) - fun(v - e)) / (2 * EPS)
    return J
loss_t = lambda s: 0.5 * (y - s['yh']) ** 2
two = lambda v: np.column_stack([v, v]); rows = lambda v: np.vstack([v, v]); one = np.ones((2, 1))
acc = {k: np.zeros_like(P[k]) for k in P}; A = {k: np.zeros_like(P[k]) for k in P}
for t in range(T):
    s = S[t]; hp, cp, xt, yh = H[t], Cs[t], x[t], s['yh']
    chk(64, np.isclose(loss_t(s), 0.5 * (y - yh) ** 2))
    chk(68, np.isclose((0.5 * (y - (yh + EPS)) ** 2 - 0.5 * (y - (yh - EPS)) ** 2) / (2 * EPS), (y - yh) * (-1)))
    G = {k: fd_local(t, k) for k in P}
    for k in P: acc[k] += -(y - yh) * G[k]
    W1, W2 = P['w']; ct, cc, oo, ii, ff = s['ct'], s['c'], s['o'], s['i'], s['f']
    sp = {g: dsg(s['a'][g]) for g in 'ofi'}; ctp = dth(s['a']['c']); gpc = dth(cc); gc = np.tanh(cc)
    # ---------- forward rows / macros ----------
    Ffull_lit = sg(P['Wf'] + P['Uf'] @ hp); Ifull_lit = sg(P['Wi'] + P['Ui'] @ hp); Ofull_lit = sg(P['Wo'] + P['Uo'] @ hp)
    el = lambda g, k: sg(P['W' + g][k] * xt + P['U' + g][k, 0] * hp[0] + P['U' + g][k, 1] * hp[1])
    elv = lambda g: np.array([el(g, 0), el(g, 1)])
    ctil = lambda k: np.tanh(P['Wc'][k] * xt + P['Uc'][k, 0] * hp[0] + P['Uc'][k, 1] * hp[1])
    chk(9, close(Ffull_lit, ff)); chk(18, close(Ifull_lit, ii)); chk(27, close(Ofull_lit, oo))
    chk(11, close(elv('f'), ff)); chk(20, close(elv('i'), ii)); chk(29, close(elv('o'), oo))
    chk(40, close(np.tanh(P['Wc'] * xt + P['Uc'] @ hp), ct)); chk(41, close(np.array([ctil(0), ctil(1)]), ct))
    chk(36, close(ff * cp + ii * ct, cc))
    chk(90, close(s['h'], oo * np.tanh(cc))); chk(91, close(cc, ff * cp + ii * ct))
    chk(92, close(ct, np.tanh(P['Wc'] * xt + P['Uc'] @ hp)) and close(ct, np.array([ctil(0), ctil(1)])))
    chk(95, close(ii, Ifull_lit) and close(ii, elv('i'))); chk(102, close(ff, Ffull_lit) and close(ff, elv('f')))
    chk(109, close(oo, Ofull_lit) and close(oo, elv('o')))
    chk(198, np.isclose(yh, P['w'] @ (oo * np.tanh(cc))))
    chk(200, np.isclose(yh, P['w'] @ (oo * np.tanh(ff * cp + ii * ct))))       # \Ofull read as the gate o_t
    chk(201, np.isclose(yh, P['w'] @ (elv('o') * np.tanh(elv('f') * cp + elv('i') + np.array([ctil(0), ctil(1)])))))
    chk(213, np.isclose(yh, W1 * el('o', 0) * np.tanh(el('f', 0) * cp[0] + el('i', 0) * ctil(0)) + W2 * el('o', 1) * np.tanh(el('f', 1) * cp[1] + el('i', 1) * ctil(1))))
    av, bv = rng.normal(size=2), rng.normal(size=2); chk(222, close(av * bv, np.diag(av) @ bv))
    # ---------- output gate ----------
    chk(241, np.isclose(G['Wo'][0], W1 * gc[0] * sp['o'][0] * ctil(0) * xt)); chk(245, np.isclose(G['Wo'][1], W2 * gc[1] * sp['o'][1] * ctil(1) * xt))
    chk(251, close(G['Wo'], P['w'] * gc * sp['o'] * xt))
    chk(252, close(G['Wo'], P['w'] * gc * sp['o'] * ct * xt)); chk(253, close(G['Wo'], np.diag(P['w']) @ np.diag(gc) @ np.diag(sp['o']) @ ct * xt))
    dyh_dh = P['w']; dh_do = np.diag(gc); do_dWo = np.diag(sp['o'] * xt)
    chk(261, close(fd_local(t, 'Wo', loss_t), -(y - yh) * (dyh_dh @ dh_do @ do_dWo)))
    chk(262, close(fd_local(t, 'Wo', loss_t), -(y - yh) * P['w'] * gc * sp['o'] * ct * xt))
    A['Wo'] += -(y-y_[t]) * w *dsigmoid(Wo.dot(xt) + Uo.dot(h[t])) * tanh(c[t+1]) * c_[t] * xt
    Eo = np.array([[W1 * gc[0] * sp['o'][0] * ctil(0) * hp[0], W1 * gc[0] * sp['o'][0] * ctil(0) * hp[1]],
                   [W2 * gc[1] * sp['o'][1] * ctil(1) * hp[0], W2 * gc[1] * sp['o'][1] * ctil(1) * hp[1]]])
    chk(279, np.isclose(G['Uo'][0, 0], Eo[0, 0])); chk(283, np.isclose(G['Uo'][0, 1], Eo[0, 1]))
    chk(287, np.isclose(G['Uo'][1, 0], Eo[1, 0])); chk(291, np.isclose(G['Uo'][1, 1], Eo[1, 1]))
    chk(297, close(G['Uo'], fd_local(t, 'Uo'))); chk(301, close(G['Uo'], Eo))
    chk(307, close(G['Uo'], two(P['w']) * two(gc) * two(sp['o']) * two(ct) * rows(hp)))
    chk(313, close(G['Uo'], np.diag(P['w']) @ np.diag(gc) @ np.diag(sp['o']) @ np.diag(ct) @ one @ one.T @ np.diag(hp)))
    chk(319, close(fd_local(t, 'Uo', loss_t), -(y - yh) * np.outer(P['w'] * gc * sp['o'], hp)))
    chk(320, close(fd_local(t, 'Uo', loss_t), -(y - yh) * two(P['w']) * two(gc) * two(sp['o']) * two(ct) * rows(hp)))
    dy_dot = w * tanh(c[t+1]) * dsigmoid(Wo.dot(xt) + Uo.dot(h[t])) * c_[t]
    chk(333, close(dy_dot, fd_pre(t, 'o')))
    chk(335, close(fd_local(t, 'Uo', loss_t), (y-y_[t]) * fd_pre(t, 'o').reshape(-1, 1) * h[t]))   # as a rule
    A['Uo'] += (y-y_[t]) * dy_dot.reshape(-1, 1) * h[t]
    # ---------- forget gate ----------
    chk(343, np.isclose(G['Wf'][0], W1 * oo[0] * gpc[0] * sp['f'][0] * cp[0] * xt)); chk(347, np.isclose(G['Wf'][1], W2 * oo[1] * gpc[1] * sp['f'][1] * cp[1] * xt))
    chk(353, close(G['Wf'], P['w'] * oo * gpc * sp['f'] * cp * xt))
    chk(354, close(G['Wf'], np.diag(P['w']) @ np.diag(oo) @ np.diag(gpc) @ np.diag(sp['f']) @ cp * xt))
    chk(360, close(fd_local(t, 'Wf', loss_t), -(y - yh) * (P['w'] @ np.diag(oo * gpc) @ np.diag(cp) @ np.diag(sp['f'] * xt))))
    chk(362, close(fd_local(t, 'Wf', loss_t), -(y - yh) * P['w'] * (oo * gpc) * cc * sp['f'] * xt))
    A['Wf'] += -(y-y_[t]) * w * (o[t] * dtanh(c[t+1])) * c[t] * dsigmoid(Wf.dot(xt) + Uf.dot(h[t])) * xt
    Ef = np.array([[W1 * gpc[0] * sp['f'][0] * cp[0] * hp[0], W1 * gpc[0] * sp['f'][0] * cp[0] * hp[1]],
                   [W2 * gpc[1] * sp['f'][1] * cp[1] * hp[0], W2 * gpc[1] * sp['f'][1] * cp[1] * hp[1]]])
    chk(377, np.isclose(G['Uf'][0, 0], Ef[0, 0])); chk(381, np.isclose(G['Uf'][0, 1], Ef[0, 1]))
    chk(385, np.isclose(G['Uf'][1, 0], Ef[1, 0])); chk(389, np.isclose(G['Uf'][1, 1], Ef[1, 1]))
    chk(395, close(G['Uf'], Ef))
    Mf = two(P['w']) * two(oo) * two(gpc) * two(sp['f']) * two(cp) * rows(hp)
    chk(406, close(G['Uf'], Mf))
    chk(412, close(G['Uf'], np.diag(P['w']) @ np.diag(oo) @ np.diag(gpc) @ np.diag(sp['f']) @ np.diag(cp) @ one @ one.T @ np.diag(hp)))
    chk(418, close(fd_local(t, 'Uf', loss_t), -(y - yh) * G['Uf'])); chk(419, close(fd_local(t, 'Uf', loss_t), -(y - yh) * Mf))
    dy_dft = w*(o[t]*dtanh(c[t+1])) * c[t] * dsigmoid(Wf.dot(xt)+Uf.dot(h[t]))
    chk(433, close(dy_dft, fd_pre(t, 'f')))
    A['Uf'] += -(y-y_[t]) * dy_dft.reshape(-1, 1) * h[t]
    # ---------- input gate ----------
    chk(442, np.isclose(G['Wi'][0], W1 * oo[0] * gpc[0] * ctil(0) * sp['i'][0] * xt)); chk(447, np.isclose(G['Wi'][1], W2 * oo[1] * gpc[1] * ctil(1) * sp['i'][1] * xt))
    vWi = P['w'] * oo * gpc * ct * sp['i'] * xt
    chk(453, close(G['Ui'], vWi))             # left side says U_i (2x2); the vector is d yhat/d W_i
    print(f'  info 453 (t={t}): the vector equals d yhat/d W_i: {close(G["Wi"], vWi)}')
    chk(454, close(G['Wi'], np.diag(P['w']) @ np.diag(oo) @ np.diag(gpc) @ np.diag(ct) @ sp['i'] * xt))
    chk(460, close(fd_local(t, 'Wi', loss_t), -(y - yh) * G['Wi'])); chk(461, close(fd_local(t, 'Wi', loss_t), -(y - yh) * vWi))
    A['Wi'] += -(y-y_[t]) * w * (o[t] * dtanh(c[t+1])) * c_[t] * dsigmoid(Wi.dot(xt) + Ui.dot(h[t])) * xt
    Ei = np.outer(P['w'] * oo * gpc * ct * sp['i'], hp)
    chk(476, np.isclose(G['Ui'][0, 0], W1 * oo[0] * gpc[0] * ctil(0) * sp['i'][0] * hp[0])); chk(480, np.isclose(G['Ui'][0, 1], W1 * oo[0] * gpc[0] * ctil(0) * sp['i'][0] * hp[1]))
    chk(484, np.isclose(G['Ui'][1, 0], W2 * oo[1] * gpc[1] * ctil(1) * sp['i'][1] * hp[0])); chk(488, np.isclose(G['Ui'][1, 1], W2 * oo[1] * gpc[1] * ctil(1) * sp['i'][1] * hp[1]))
    chk(494, close(G['Ui'], fd_local(t, 'Ui'))); chk(498, close(G['Ui'], Ei))
    chk(504, close(G['Ui'], two(P['w']) * two(oo) * two(gpc) * two(ct) * two(sp['i']) * rows(hp)))
    chk(510, close(G['Ui'], np.diag(P['w']) @ np.diag(oo) @ np.diag(gpc) @ np.diag(ct) @ np.diag(sp['i']) @ one @ one.T @ np.diag(hp)))
    chk(516, close(fd_local(t, 'Ui', loss_t), -(y - yh) * G['Ui'])); chk(517, close(fd_local(t, 'Ui', loss_t), (y - yh) * Ei))
    dy_dit = w * (o[t]*dtanh(c[t])) * c_[t] * dsigmoid(Wi.dot(xt)+Ui.dot(h[t]))
    chk(531, close(dy_dit, fd_pre(t, 'i')))
    chk(532, close(fd_local(t, 'Ui', loss_t), -(y-y_[t]) * fd_pre(t, 'i').reshape(-1, 1) * h[t]))   # as a rule
    A['Ui'] += -(y-y_[t]) * dy_dit.reshape(-1, 1) * h[t]
    # ---------- candidate ----------
    vWc = P['w'] * oo * gpc * ii * ctp * xt
    chk(540, np.isclose(G['Wc'][0], W1 * oo[0] * gpc[0] * el('i', 0) * dth(s['a']['c'][0]) * xt)); chk(546, np.isclose(G['Wc'][1], W2 * oo[1] * gpc[1] * el('i', 1) * dth(s['a']['c'][1]) * xt))
    chk(552, close(G['Wc'], vWc))
    chk(559, close(fd_local(t, 'Wc', loss_t), -(y - yh) * G['Wc'])); chk(560, close(fd_local(t, 'Wc', loss_t), (y - yh) * vWc))
    A['Wc'] += -(y-y_[t]) * w * (o[t] * dtanh(c[t+1])) * i[t] * dtanh(Wc.dot(xt) + Uc.dot(h[t])) * xt
    Ec = np.outer(P['w'] * oo * gpc * ii * ctp, hp)
    chk(575, np.isclose(G['Uc'][0, 0], Ec[0, 0])); chk(579, np.isclose(G['Uc'][0, 1], Ec[0, 1]))
    chk(583, np.isclose(G['Uc'][1, 0], Ec[1, 0])); chk(587, np.isclose(G['Uc'][1, 1], Ec[1, 1]))
    chk(593, close(G['Uc'], Ec))
    chk(603, close(G['Uc'], two(P['w']) * two(oo) * two(gpc) * two(ii) * two(ctp) * rows(hp)))
    chk(609, close(G['Uc'], np.diag(P['w']) @ np.diag(oo) @ np.diag(gpc) @ np.diag(ii) @ np.diag(ctp) @ one @ one.T @ np.diag(hp)))
    chk(621, close(fd_local(t, 'Uc', loss_t), -(y - yh) * G['Uc']))
    chk(622, close(fd_local(t, 'Uc', loss_t), (y - yh) * (P['w'] * oo * gpc * ii * ctp)[:, None] * rows(hp)))
    dc_tdf = w * (o[t] * dtanh(c[t+1])) * i[t] * dtanh(Wc.dot(xt)+Uc.dot(h[t]))
    chk(631, close(dc_tdf, fd_pre(t, 'c')))
    A['Uc'] += -(y-y_[t]) * dc_tdf.reshape(-1, 1) * h[t]
    A['w'] += -(y - y_[t]) * h[t+1]
for line, k in ((273, 'Wo'), (371, 'Wf'), (434, 'Uf'), (470, 'Wi'), (569, 'Wc'), (632, 'Uc')):
    chk(line, close(A[k], acc[k]))
# 640 / 649: w enters only yhat_t = w^T h_t, so the sum is the exact total gradient
def total(Pq):
    hq = np.zeros(2); cq = np.zeros(2); L = 0
    for t in range(T):
        s = step(Pq, x[t], hq, cq); hq, cq = s['h'], s['c']; L += 0.5 * (y - s['yh']) ** 2
    return L
Gw = np.zeros(2)
for k in range(2):
    Pp = {kk: v.copy() for kk, v in P.items()}; Pm = {kk: v.copy() for kk, v in P.items()}
    Pp['w'][k] += EPS; Pm['w'][k] -= EPS; Gw[k] = (total(Pp) - total(Pm)) / (2 * EPS)
chk(72, np.isclose(total(P), sum(0.5 * (y - S[t]['yh']) ** 2 for t in range(T))))
chk(640, close(Gw, sum(-(y - S[t]['yh']) * S[t]['h'] for t in range(T)))); chk(649, close(A['w'], Gw))
print('  info: summed local partials vs full BPTT gradient (W_f):', close(acc['Wf'], np.array([(total({**P, 'Wf': P['Wf'] + e}) - total({**P, 'Wf': P['Wf'] - e})) / (2 * EPS) for e in np.eye(2) * EPS])))
for line in sorted(res):
    print(f'line {line}: {"OK" if res[line] else "MISMATCH"}')
