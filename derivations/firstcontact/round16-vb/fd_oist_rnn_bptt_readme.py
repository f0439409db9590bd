# Finite-difference check of oist_rnn_bptt_readme.md (column vectors, h_t = f(W_h h_{t-1} + W_x x_t + b_h),
# o_t = g(W_o h_t + b_o), L = sum_t L_t). f = tanh, g = sigmoid (element-wise), L_t = 0.5||o_t - y_t||^2.
import numpy as np
rng = np.random.default_rng(0)
nx, nh, no, T = 3, 4, 2, 4
P = dict(Wh=rng.normal(size=(nh, nh))*.6, Wx=rng.normal(size=(nh, nx))*.6, bh=rng.normal(size=nh)*.3,
         Wo=rng.normal(size=(no, nh))*.6, bo=rng.normal(size=no)*.3, h0=rng.normal(size=nh)*.5)
X = rng.normal(size=(T+1, nx)); Y = rng.normal(size=(T+1, no))
f, df = np.tanh, lambda z: 1-np.tanh(z)**2
g = lambda z: 1/(1+np.exp(-z)); dg = lambda z: g(z)*(1-g(z))

def fwd(P):
    h = {0: P['h0']}; zh = {}; zo = {}; o = {}; Lt = {}
    for t in range(1, T+1):
        zh[t] = P['Wh']@h[t-1] + P['Wx']@X[t] + P['bh']; h[t] = f(zh[t])
        zo[t] = P['Wo']@h[t] + P['bo']; o[t] = g(zo[t]); Lt[t] = 0.5*np.sum((o[t]-Y[t])**2)
    return h, zh, zo, o, Lt

def num_grad(fun, P, k):
    G = np.zeros_like(P[k]); eps = 1e-6
    for idx in np.ndindex(P[k].shape):
        Pp = {a: b.copy() for a, b in P.items()}; Pm = {a: b.copy() for a, b in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        G[idx] = (fun(Pp) - fun(Pm))/(2*eps)
    return G
L = lambda P: sum(fwd(P)[4].values())
Ltk = lambda t: (lambda P: fwd(P)[4][t])
h, zh, zo, o, Lt = fwd(P)
ok = lambda a, b: np.allclose(a, b, atol=1e-6)
# deltas as the author defines them (line 42, 69, 84-85)
do = {t: (o[t]-Y[t])*dg(zo[t]) for t in range(1, T+1)}          # dL_t/do_t ⊙ g'
dh = {T+1: np.zeros(nh)}
for t in range(T, 0, -1):
    dh[t] = df(zh[t])*(P['Wo'].T@do[t] + P['Wh'].T@dh[t+1])       # line 84
# line 42: delta_o = dL_t/dz_o
print('42', all(ok(do[t], np.outer(1, 0)[0]*0 + (o[t]-Y[t])*dg(zo[t])) for t in do))
# line 48 / 50
print('48 dLt/dWo = do h^T', all(ok(num_grad(Ltk(t), P, 'Wo'), np.outer(do[t], h[t])) for t in range(1, T+1)),
      'dLt/dbo', all(ok(num_grad(Ltk(t), P, 'bo'), do[t]) for t in range(1, T+1)))
print('50 totals', ok(num_grad(L, P, 'Wo'), sum(np.outer(do[t], h[t]) for t in range(1, T+1))),
      ok(num_grad(L, P, 'bo'), sum(do.values())))
# line 69/72: delta_h = dL/dz_h ; dL/dh_t = delta_h / f'
def L_of_zh_pert(t, v):
    # perturb z_h^{(t)} by v and recompute L
    hh = {0: P['h0']}; tot = 0
    for s in range(1, T+1):
        z = P['Wh']@hh[s-1] + P['Wx']@X[s] + P['bh'] + (v if s == t else 0); hh[s] = f(z)
        tot += 0.5*np.sum((g(P['Wo']@hh[s]+P['bo'])-Y[s])**2)
    return tot
def L_of_h_pert(t, v):
    hh = {0: P['h0']}; tot = 0
    for s in range(1, T+1):
        hh[s] = f(P['Wh']@hh[s-1] + P['Wx']@X[s] + P['bh']) + (v if s == t else 0)
        tot += 0.5*np.sum((g(P['Wo']@hh[s]+P['bo'])-Y[s])**2)
    return tot
def grad_vec(fun, n):
    e = np.eye(n); return np.array([(fun(1e-6*e[i]) - fun(-1e-6*e[i]))/2e-6 for i in range(n)])
dLdz = {t: grad_vec(lambda v: L_of_zh_pert(t, v), nh) for t in range(1, T+1)}
dLdh = {t: grad_vec(lambda v: L_of_h_pert(t, v), nh) for t in range(1, T+1)}
print('69/84/85 delta_h = dL/dz_h', all(ok(dLdz[t], dh[t]) for t in range(1, T+1)))
print('72 dL/dh = delta/f\'', all(ok(dLdh[t], dh[t]/df(zh[t])) for t in range(1, T+1)))
# line 65 (numerator layout rows): dL/dh_t = dL_t/do_t Jo + dL/dh_{t+1} Jh
for t in range(1, T+1):
    Jo = np.diag(dg(zo[t]))@P['Wo']
    rhs = (o[t]-Y[t])@Jo + (dLdh[t+1]@(np.diag(df(zh[t+1]))@P['Wh']) if t < T else 0)
    assert ok(rhs, dLdh[t])
print('65 ok')
# line 76/79/81: do/dh = W_o^T ⊙ g' (broadcast) ; = W_o^T ; dL/dh = dL/do W_o^T + dL/dh' W_h^T
t = 2; Jo = np.diag(dg(zo[t]))@P['Wo']   # true numerator Jacobian (no x nh)
print('76 Wo^T*g\' equals Jacobian?', (P['Wo'].T*dg(zo[t])).shape == Jo.shape and ok(P['Wo'].T*dg(zo[t]), Jo),
      ' equals its transpose (denominator layout)?', ok(P['Wo'].T*dg(zo[t]), Jo.T))
print('79 do/dh = Wo^T ?', ok(P['Wo'].T, Jo.T), ' dh_{t+1}/dh_t = Wh^T ?', ok(P['Wh'].T, (np.diag(df(zh[t+1]))@P['Wh']).T))
rhs82 = P['Wo']@(o[t]-Y[t]) if False else None
try:
    r = (o[t]-Y[t]).reshape(1, -1)@P['Wo'].T
    print('81 typed', r.shape)
except ValueError as e:
    print('81 row(no) @ Wo^T (nh x no) ill-typed:', e)
cand = P['Wo'].T@(o[t]-Y[t]) + P['Wh'].T@dLdh[t+1]   # most charitable reading
print('81 charitable W_o^T dL/do + W_h^T dL/dh_{t+1} equals dL/dh?', ok(cand, dLdh[t]))
# line 59-61 and 90: dL_t/dW_h = delta_h^{(t)} h_{t-1}^T ?
for k, rhs in (('Wh', lambda t: np.outer(dh[t], h[t-1])), ('Wx', lambda t: np.outer(dh[t], X[t])), ('bh', lambda t: dh[t])):
    print('90', k, 'dL_t/d%s == step-t term?' % k, [ok(num_grad(Ltk(t), P, k), rhs(t)) for t in range(1, T+1)])
    print('92', k, 'total', ok(num_grad(L, P, k), sum(rhs(t) for t in range(1, T+1))))
# 56: dL/dW = sum_t dL_t/dW
print('56', ok(num_grad(L, P, 'Wh'), sum(num_grad(Ltk(t), P, 'Wh') for t in range(1, T+1))))
