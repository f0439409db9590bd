"""FD check of scalar_rnn_single_node.md (scalar sigmoid RNN, steps t = 0..T, linear output,
L = 1/T sum_{t=0}^T L^t, L^t = 1/2 (y^t - yhat^t)^2). Author's forward-mode (RTRL) recursions
for dh^t/db, dh^t/dw, dh^t/dv are implemented as read and compared with central differences."""
import numpy as np
rng = np.random.default_rng(0)
T = 5
x = rng.normal(size=T + 1); y = rng.normal(size=T + 1)
P = dict(w=rng.normal(), v=rng.normal(), b=rng.normal(), u=rng.normal(), d=rng.normal())
sig = lambda a: 1 / (1 + np.exp(-a))
dsig = lambda a: sig(a) * (1 - sig(a))

def forward(P):
    a = np.zeros(T + 1); h = np.zeros(T + 1)
    for t in range(T + 1):
        a[t] = P['w'] * x[t] + P['b'] + (P['v'] * h[t - 1] if t > 0 else 0.0)   # lines 16-17
        h[t] = sig(a[t])                                                       # line 18
    yh = P['u'] * h + P['d']                                                   # line 19
    Lt = 0.5 * (y - yh) ** 2                                                   # line 26
    return a, h, yh, Lt, Lt.sum() / T                                          # line 25

def fd(fun, name, eps=1e-6):
    Pp = dict(P); Pm = dict(P); Pp[name] += eps; Pm[name] -= eps
    return (fun(Pp) - fun(Pm)) / (2 * eps)

a, h, yh, Lt, L = forward(P)
ok = lambda A, B: np.allclose(A, B, rtol=1e-6, atol=1e-8)
res = {}
# line 33-34: dL^t/dd = -(y^t - yhat^t)
res['34 dLt/dd'] = ok(-(y - yh), fd(lambda Q: forward(Q)[3], 'd'))
# line 41-42: dL^t/du = -(y^t - yhat^t) h^t
res['42 dLt/du'] = ok(-(y - yh) * h, fd(lambda Q: forward(Q)[3], 'u'))
# forward-mode recursions (lines 58-59, 66-67, 86-87)
def rtrl(kind, h0_rule):
    g = np.zeros(T + 1)
    g[0] = h0_rule
    for t in range(1, T + 1):
        src = {'b': 1.0, 'w': x[t], 'v': h[t - 1]}[kind]
        g[t] = dsig(a[t]) * (P['v'] * g[t - 1] + src)
    return g
for kind, h0 in [('b', dsig(a[0])), ('w', dsig(a[0]) * x[0]), ('v', 0.0)]:
    g = rtrl(kind, h0)
    res[f'dh^t/d{kind} recursion (lines 58/66/86, h0 rule as x^0)'] = ok(g, fd(lambda Q: forward(Q)[1], kind))
    # lines 57/65/85: dL^t/dparam = -(y^t - yhat^t) u dh^t/dparam
    res[f'dL^t/d{kind} (lines 57/65/85)'] = ok(-(y - yh) * P['u'] * g, fd(lambda Q: forward(Q)[3], kind))
# line 67 as written: dh^0/dw = sigma'(a^0) x^t  (x^t, t a free index) -> only right if x^t = x^0
fd_h0w = fd(lambda Q: forward(Q)[1], 'w')[0]
print('line 67 FD dh^0/dw =', fd_h0w, ' sigma(a0)x^0 =', dsig(a[0]) * x[0],
      ' author sigma(a0)x^t for t=1..T:', dsig(a[0]) * x[1:])
res['67 dh^0/dw = sigma(a^0) x^t (t>=1)'] = all(ok(dsig(a[0]) * x[t], fd_h0w) for t in range(1, T + 1))
# line 54 / 80-81: da^t/db = v dh^{t-1}/db + 1 ; da^t/dv = v dh^{t-1}/dv + h^{t-1}  (t >= 1)
gb = rtrl('b', dsig(a[0])); gv = rtrl('v', 0.0)
res['54 da^t/db'] = ok(P['v'] * gb[:-1] + 1, fd(lambda Q: forward(Q)[0], 'b')[1:])
res['81 da^t/dv'] = ok(P['v'] * gv[:-1] + h[:-1], fd(lambda Q: forward(Q)[0], 'v')[1:])
for k, v in res.items():
    print(('PASS ' if v else 'FAIL ') + k)
