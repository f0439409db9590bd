# FD check for rnn_notes_errorsignals_oldimpl.md, using the author's own example
# (column vectors; a_t = W_hh h_{t-1} + W_xh x_t + b_h, h_t = tanh(a_t), logits z_t = W_hy h_t + b_y,
#  yhat_t = softmax(z_t), L_t = -log yhat_t[target], L = sum_t L_t; D = 2, H = 2, K = 4, T = 3).
import numpy as np
Wxh = np.array([[.5, -.3], [.1, .8]]); Whh = np.array([[.2, .4], [-.5, .3]])
Why = np.array([[.3, -.2], [.1, .4], [-.3, .2], [.2, .1]]); bh = np.array([[.1], [-.1]]); by = np.zeros((4, 1))
P = dict(Wxh=Wxh, Whh=Whh, Why=Why, bh=bh, by=by)
X = {1: np.array([[1.], [.5]]), 2: np.array([[.5], [-1.]]), 3: np.array([[-1.], [1.]])}
tgt = {1: 2, 2: 0, 3: 3}; T, H, K = 3, 2, 4
Y = {t: np.eye(K)[:, [tgt[t]]] for t in tgt}
EPS = 1e-6
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-6, rtol=1e-5)
def softmax(z): e = np.exp(z - z.max()); return e / e.sum()

def fwd(P, pert=None):
    h = {0: np.zeros((H, 1))}; a = {}; z = {}; yh = {}; Ls = {}
    for t in range(1, T + 1):
        at = P['Whh'] @ h[t - 1] + P['Wxh'] @ X[t] + P['bh']
        if pert and pert[0] == 'a' and pert[1] == t: at = at + pert[2]
        a[t] = at; ht = np.tanh(at)
        if pert and pert[0] == 'h' and pert[1] == t: ht = ht + pert[2]
        h[t] = ht; zt = P['Why'] @ ht + P['by']
        if pert and pert[0] == 'z' and pert[1] == t: zt = zt + pert[2]
        z[t] = zt; yh[t] = softmax(zt)
        if pert and pert[0] == 'yh' and pert[1] == t: yh[t] = yh[t] + pert[2]
        Ls[t] = float(-np.sum(Y[t] * np.log(yh[t])))
    return dict(h=h, a=a, z=z, yh=yh, Ls=Ls, L=sum(Ls.values()))
C = fwd(P)
def gvec(kind, t, n, f=lambda c: c['L']):
    g = np.zeros((n, 1))
    for j in range(n):
        e = np.zeros((n, 1)); e[j] = EPS
        g[j] = (f(fwd(P, (kind, t, e))) - f(fwd(P, (kind, t, -e)))) / (2 * EPS)
    return g
def gparam(name, f=lambda c: c['L']):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        G[idx] = (f(fwd(Pp)) - f(fwd(Pm))) / (2 * EPS)
    return G
dA = {t: gvec('a', t, H) for t in range(1, T + 1)}          # dL/da_t (total L)
dH = {t: gvec('h', t, H) for t in range(1, T + 1)}          # dL/dh_t
dZ = {t: gvec('z', t, K) for t in range(1, T + 1)}          # dL/dz_t
dA_loc = {t: gvec('a', t, H, f=lambda c, t=t: c['Ls'][t]) for t in range(1, T + 1)}   # dL_t/da_t (line 250)
dh2 = lambda t: 1 - C['h'][t] ** 2

# forward definitions 38, 40, 51, 53
at = P['Whh'] @ C['h'][1] + P['Wxh'] @ X[2] + P['bh']
chk(38, close(C['a'][2], at)); chk(40, close(C['h'][2], np.tanh(at)))
chk(51, close(C['z'][2], P['Why'] @ C['h'][2] + P['by'])); chk(53, close(C['yh'][2], softmax(C['z'][2])))
# 44: dh/da = 1 - tanh^2 = 1 - h^2
chk(44, close((np.tanh(C['a'][1] + EPS) - np.tanh(C['a'][1] - EPS)) / (2 * EPS), dh2(1)))
# 57: yhat_i = e^{z_i} / sum_j e^j  (e^j instead of e^{z_j})
zt = C['z'][1]; lit = np.exp(zt) / sum(np.exp(j) for j in range(1, K + 1))
chk(57, close(lit, softmax(zt)))
# numeric example rows
R = lambda v: np.round(np.asarray(v, float).ravel(), 6)
num = {65: (C['a'][1], [0.45, 0.40]), 67: (C['h'][1], [0.421899, 0.379949]),
       69: (C['z'][1], [0.050580, 0.194169, -0.050580, 0.122375]), 71: (C['yh'][1], [0.241976, 0.279340, 0.218696, 0.259988]),
       73: (C['Ls'][1], [1.520075]), 77: (C['a'][2], [0.886359, -0.946965]), 79: (C['h'][2], [0.709591, -0.738406]),
       81: (C['z'][2], [0.360558, -0.224403, -0.360558, 0.068078]), 83: (C['yh'][2], [0.358456, 0.199705, 0.174284, 0.267555]),
       85: (C['Ls'][2], [1.025950]), 89: (C['a'][3], [-0.853444, 0.023683]), 91: (C['h'][3], [-0.692865, 0.023678]),
       93: (C['z'][3], [-0.212595, -0.059815, 0.212595, -0.136205]), 95: (C['yh'][3], [0.209453, 0.244027, 0.320439, 0.226080]),
       97: (C['Ls'][3], [1.486864]), 111: (C['L'], [4.032889])}
for ln, (v, w) in num.items(): chk(ln, np.allclose(R(v), w, atol=1.5e-6))
chk(73, np.isclose(-np.log(0.218696), 1.520075, atol=1e-6)); chk(111, np.isclose(1.520075 + 1.025950 + 1.486864, 4.032889, atol=1e-6))
# 104, 117: loss definitions
chk(104, np.isclose(C['Ls'][2], -np.sum(Y[2] * np.log(C['yh'][2])))); chk(117, np.isclose(C['L'], sum(C['Ls'].values())))
# 123: df/du = (dv/du)^T df/dv (gradients as columns, Jacobian dv/du numerator layout)
rng = np.random.default_rng(0); Aq = rng.normal(size=(3, 2)); u0 = rng.normal(size=(2, 1))
vfun = lambda u: np.tanh(Aq @ u); ffun = lambda v: float(np.sum(v ** 3))
Jv = np.zeros((3, 2)); gu = np.zeros((2, 1))
for j in range(2):
    e = np.zeros((2, 1)); e[j] = EPS
    Jv[:, j] = ((vfun(u0 + e) - vfun(u0 - e)) / (2 * EPS))[:, 0]; gu[j] = (ffun(vfun(u0 + e)) - ffun(vfun(u0 - e))) / (2 * EPS)
chk(123, close(gu, Jv.T @ (3 * vfun(u0) ** 2)))
for ln in (130, 132, 134, 250): chk(ln, True)          # definitions of the error signals
for t in range(1, T + 1):
    chk(141, close(dZ[t], C['yh'][t] - Y[t]))
    chk(141, close(gvec('z', t, K, f=lambda c, t=t: c['Ls'][t]), dZ[t]))
    Jt = np.diag(dh2(t)[:, 0])
    chk(147, close(dA[t], Jt.T @ dH[t])); chk(151, close(Jt, np.diag(1 - np.tanh(C['a'][t][:, 0]) ** 2)))
    chk(163, close(dA[t], dh2(t) * dH[t]))
    loc = P['Why'].T @ dZ[t]; rec = P['Whh'].T @ dA[t + 1] if t < T else np.zeros((H, 1))
    chk(173, close(dH[t], loc + rec)); chk(178, close(loc, P['Why'].T @ (C['yh'][t] - Y[t])))
    if t < T:
        chk(182, close(rec, P['Whh'].T @ dA[t + 1])); chk(184, close(dA[t + 1], dh2(t + 1) * dH[t + 1]))
        chk(186, close(dH[t], P['Why'].T @ dZ[t] + P['Whh'].T @ (dh2(t + 1) * dH[t + 1])))
        if t == T - 1:
            chk(196, close(dH[t], P['Why'].T @ dZ[t] + P['Whh'].T @ (dh2(T) * dH[T])))
            print('  info 186/196: other precedence (W_hh^T (1-h^2)) * delta gives:', close(dH[t], P['Why'].T @ dZ[t] + (P['Whh'].T @ dh2(t + 1)) * dH[t + 1]))
chk(192, close(dH[T], P['Why'].T @ dZ[T]))
# 211: dL/dW_hy = dL_t/dz_t dz_t/dW_hy (one step, no sum)
GWhy = gparam('Why'); Gby = gparam('by')
chk(211, any(close(GWhy, dZ[t] @ C['h'][t].T) for t in range(1, T + 1)))
chk(217, close(GWhy, sum(dZ[t] @ C['h'][t].T for t in range(1, T + 1))) and close(Gby, sum(dZ[t] for t in range(1, T + 1))))
# 242: dL/dW_hh = sum_t dL_t/dW_hh (total derivatives)
GWhh = gparam('Whh')
per = {t: gparam('Whh', f=lambda c, t=t: c['Ls'][t]) for t in range(1, T + 1)}
chk(242, close(GWhh, sum(per.values())))
# 246: = sum_t dL_t/da_t . da_t/dW_hh with da_t/dW_hh the TOTAL derivative (a_t depends on W_hh also via h_{t-1})
def da_dW(t):
    Jt = np.zeros((H,) + P['Whh'].shape)
    for idx in np.ndindex(P['Whh'].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp['Whh'][idx] += EPS; Pm['Whh'][idx] -= EPS
        Jt[(slice(None),) + idx] = ((fwd(Pp)['a'][t] - fwd(Pm)['a'][t]) / (2 * EPS))[:, 0]
    return Jt
chk(246, close(GWhh, sum(np.einsum('k,kij->ij', dA_loc[t][:, 0], da_dW(t)) for t in range(1, T + 1))))
# 254: immediate partial da_t/dW_hh: d a_{t,k} / d W_hh[k,l] = h_{t-1,l}
t = 2; ok = True
for k in range(H):
    for l in range(H):
        Wp = P['Whh'].copy(); Wp[k, l] += EPS; Wm = P['Whh'].copy(); Wm[k, l] -= EPS
        d = ((Wp @ C['h'][t - 1] - Wm @ C['h'][t - 1]) / (2 * EPS))[k, 0]
        ok &= np.isclose(d, C['h'][t - 1][l, 0], atol=1e-7)
chk(254, ok)
# 258: sum_t delta_t h_{t-1}^T with delta_t = dL_t/da_t (line 250)
chk(258, close(GWhh, sum(dA_loc[t] @ C['h'][t - 1].T for t in range(1, T + 1))))
print('  info 258: with delta_t = dL/da_t (total) the sum matches:', close(GWhh, sum(dA[t] @ C['h'][t - 1].T for t in range(1, T + 1))))
# 264, 268: delta_T = dL/da_T = dL/dh_T dh_T/da_T = dL/dz_T dz_T/dh_T dh_T/da_T (row-gradient chain)
JT = np.diag(dh2(T)[:, 0])
chk(264, close(dA[T].T, dH[T].T @ JT)); chk(268, close(dA[T].T, dZ[T].T @ P['Why'] @ JT))
# 272: delta_T = (yhat - y) W_hy (.) (1 - h_t^2): (K x 1)(K x H) is ill-typed in the column layout
lit_ok = False
try: lit_ok = close(dA[T], ((C['yh'][T] - Y[T]) @ P['Why']) * dh2(T))
except ValueError: lit_ok = False
chk(272, lit_ok)
print('  info 272: row reading ((yhat-y)^T W_hy)^T * (1-h_T^2) matches:', close(dA[T], ((C['yh'][T] - Y[T]).T @ P['Why']).T * dh2(T)))
# 282: delta_{t+1} = dL/dh_t dh_t/da_{t+1}: h_t does not depend on a_{t+1} (the factor is 0)
t = 1; dht_dat1 = (fwd(P, ('a', t + 1, EPS * np.ones((H, 1))))['h'][t] - C['h'][t]) / EPS
chk(282, close(dA[t + 1], dht_dat1 * 0 + dH[t] * dht_dat1))
# 286: a_{t+1} = W_hh h_t + W_hx x_{t+1} (no b_h)  =>  h_t = a_{t+1}/W_hh - W_hx x_{t+1}
chk(286, close(C['a'][2], P['Whh'] @ C['h'][1] + P['Wxh'] @ X[2]) and close(C['h'][1], np.linalg.solve(P['Whh'], C['a'][2]) - P['Wxh'] @ X[2]))
# 290: dh_t/da_{t+1} = 1/W_hh  (the partial is 0; even the inverse-function reading W_hh^{-1} is not a derivative of the forward map)
chk(290, np.allclose(dht_dat1, np.linalg.inv(P['Whh']) @ np.ones((H, 1))))
# 294: dL/dh_t = W_hh^T delta_{t+1}  (output term W_hy^T delta^z_t missing)
chk(294, all(close(dH[t], P['Whh'].T @ dA[t + 1]) for t in range(1, T)))
print('  info 294: only the recurrent part of dL/dh_t:', all(close(dH[t] - P['Why'].T @ dZ[t], P['Whh'].T @ dA[t + 1]) for t in range(1, T)))
# 298: delta_t = W_hh^T delta_{t+1} (.) (1 - h_t^2)
chk(298, all(close(dA[t], (P['Whh'].T @ dA[t + 1]) * dh2(t)) for t in range(1, T)))
# 302: delta_T = (yhat - y) W_hy^T (.) (1 - h_T^2): (K x 1)(H x K) ill-typed; also as a row (1 x K)(H x K) for K != H
lit_ok = False
for cand in (lambda: ((C['yh'][T] - Y[T]) @ P['Why'].T) * dh2(T), lambda: ((C['yh'][T] - Y[T]).T @ P['Why'].T).T * dh2(T)):
    try: lit_ok |= close(dA[T], cand())
    except ValueError: pass
chk(302, lit_ok)
# 304: dL/dW_hh = delta_T h_{T-1}^T + ... + delta_1 h_0^T = sum_t W_hh^T[delta_{t+1} (.) (1-h_t^2)] h_{t-1}^T
first = close(GWhh, sum(dA[t] @ C['h'][t - 1].T for t in range(1, T + 1)))
dnext = lambda t: dA[t + 1] if t < T else np.zeros((H, 1))
second = close(GWhh, sum((P['Whh'].T @ (dnext(t) * dh2(t))) @ C['h'][t - 1].T for t in range(1, T + 1)))
print('  info 304: first equality:', first, ' second equality:', second)
chk(304, first and second)
# 306: dL/dW_hx = delta_T x_T^T + ... + delta_1 x_1^T (the stray sum sign read as the expanded sum)
chk(306, close(gparam('Wxh'), sum(dA[t] @ X[t].T for t in range(1, T + 1))))
# 335: delta_t = (W_hh^T)^{T-t} (prod_{k=t}^T (1-h_k^2)) W_hy^T (yhat - y)
t = 1
gen = np.linalg.matrix_power(P['Whh'].T, T - t) @ np.diag(np.prod([dh2(k)[:, 0] for k in range(t, T + 1)], axis=0)) @ P['Why'].T @ (C['yh'][T] - Y[T])
onlyT = gvec('a', t, H, f=lambda c: c['Ls'][T])
chk(335, close(dA[t], gen))
print('  info 335: equal to dL_T/da_1 (loss at T only)?', close(onlyT, gen))
# 344: 0 < 1 - h_k^2 <= 1
chk(344, all(np.all((dh2(k) > 0) & (dh2(k) <= 1)) for k in range(1, T + 1)))
for ln in sorted(res): print(f'line {ln}: {"OK" if res[ln] else "MISMATCH"}')
