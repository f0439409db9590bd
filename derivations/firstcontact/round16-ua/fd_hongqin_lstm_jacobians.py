# FD check of hongqin_lstm_jacobians.md: numerator-layout Jacobians (rows = output components) of one LSTM step.
# z = [h_{t-1}, x_t] (h first), y_lambda = W_lambda z + b_lambda, f,i,o = sigma(y), g = tanh(y_g).
import numpy as np
rng = np.random.default_rng(2)
n, fdim = 3, 2             # hidden size h = n, feature size f
sig = lambda a: 1 / (1 + np.exp(-a))
W = {k: rng.normal(size=(n, n + fdim)) for k in 'figo'}; b = {k: rng.normal(size=n) * .3 for k in 'figo'}
hp, x, cp = rng.normal(size=n), rng.normal(size=fdim), rng.normal(size=n)
def step(hp, x, cp, W=W, b=b):
    z = np.concatenate([hp, x]); y = {k: W[k] @ z + b[k] for k in 'figo'}
    f, i, g, o = sig(y['f']), sig(y['i']), np.tanh(y['g']), sig(y['o'])
    c = f * cp + i * g; h = o * np.tanh(c)
    return dict(z=z, y=y, f=f, i=i, g=g, o=o, c=c, h=h)
def jac(fun, v, eps=1e-6):
    cols = []
    for k in range(v.size):
        e = np.zeros(v.size); e[k] = eps; cols.append((fun(v + e) - fun(v - e)) / (2 * eps))
    return np.stack(cols, 1)
s = step(hp, x, cp); ok = lambda A, B: A.shape == B.shape and np.allclose(A, B, atol=1e-6)
res = {}
# line 27: dz/dh_{t-1} as written: (n+f) x (n+f) block [[I,0],[0,0]]
Jzh = jac(lambda v: np.concatenate([v, x]), hp)
Wr27 = np.block([[np.eye(n), np.zeros((n, fdim))], [np.zeros((fdim, n)), np.zeros((fdim, fdim))]])
print('27 true dz/dh shape', Jzh.shape, 'written', Wr27.shape)
res['27 dz/dh_{t-1} as written'] = ok(Jzh, Wr27)
Jzx = jac(lambda v: np.concatenate([hp, v]), x)
Wr33 = np.block([[np.zeros((n, n)), np.zeros((n, fdim))], [np.zeros((fdim, n)), np.eye(fdim)]])
res['33 dz/dx_t as written'] = ok(Jzx, Wr33)
# line 47: dy/d[W]_{ij} = (delta_{ki} z_j)_k, same for all gates
i0, j0 = 1, 3
for k in 'figo':
    E = np.zeros_like(W[k]); E[i0, j0] = 1e-6
    Wp = dict(W); Wp[k] = W[k] + E; Wm = dict(W); Wm[k] = W[k] - E
    num = (step(hp, x, cp, Wp)['y'][k] - step(hp, x, cp, Wm)['y'][k]) / 2e-6
    res[f'47 dy_{k}/dW_{k}[ij]'] = ok(num, np.array([(1. if kk == i0 else 0.) * s['z'][j0] for kk in range(n)]))
res['58 dy/db = I'] = ok(jac(lambda v: W['f'] @ s['z'] + v, b['f']), np.eye(n))
res['64 dy/dz = W (reading z_lambda as z)'] = ok(jac(lambda v: W['o'] @ v + b['o'], s['z']), W['o'])
res['67 dc_t/dc_{t-1} = diag(f)'] = ok(jac(lambda v: step(hp, x, v)['c'], cp), np.diag(s['f']))
y = s['y']['i']
res['83 dsigma(y)/dy = diag(y(1-y)) as written'] = ok(jac(sig, y), np.diag(y * (1 - y)))
res['83 (correct would be diag(sigma(y)(1-sigma(y))))'] = ok(jac(sig, y), np.diag(sig(y) * (1 - sig(y))))
res['90 dtanh/dy'] = ok(jac(np.tanh, s['y']['g']), np.diag(1 - np.tanh(s['y']['g']) ** 2))
res['97 dc/di = diag(g)'] = ok(jac(lambda v: s['f'] * cp + v * s['g'], s['i']), np.diag(s['g']))
res['104 dc/dg = diag(i)'] = ok(jac(lambda v: s['f'] * cp + s['i'] * v, s['g']), np.diag(s['i']))
res['111 dc/df = diag(c_{t-1})'] = ok(jac(lambda v: v * cp + s['i'] * s['g'], s['f']), np.diag(cp))
res['123 dh/do = diag(tanh c_t)'] = ok(jac(lambda v: v * np.tanh(s['c']), s['o']), np.diag(np.tanh(s['c'])))
res['130 dh/dtanh c = diag(o)'] = ok(jac(lambda v: s['o'] * v, np.tanh(s['c'])), np.diag(s['o']))
# chain rows (numerator layout products)
D = np.diag
res['142 dh/dc_{t-1} chain'] = ok(jac(lambda v: step(hp, x, v)['h'], cp), D(s['o']) @ D(1 - np.tanh(s['c']) ** 2) @ D(s['f']))
dhdz = D(s['o']) @ D(1 - np.tanh(s['c']) ** 2) @ (D(cp) @ D(s['f'] * (1 - s['f'])) @ W['f'] + D(s['g']) @ D(s['i'] * (1 - s['i'])) @ W['i']
        + D(s['i']) @ D(1 - s['g'] ** 2) @ W['g']) + D(np.tanh(s['c'])) @ D(s['o'] * (1 - s['o'])) @ W['o']
Jhz = jac(lambda v: step(v[:n], v[n:], cp)['h'], s['z'])
res['165-168 dh/dz chain (true local Jacobians)'] = ok(Jhz, dhdz)
res['170 dh/dx = dh/dz dz/dx (true dz/dx)'] = ok(jac(lambda v: step(hp, v, cp)['h'], x), dhdz @ Jzx)
res['172 dh/dh_{t-1} = dh/dz dz/dh (true dz/dh)'] = ok(jac(lambda v: step(v, x, cp)['h'], hp), dhdz @ Jzh)
# weight chain (145): dh/dWo[ij] = diag(tanh c) diag(o(1-o)) e_i z_j
E = np.zeros_like(W['o']); E[i0, j0] = 1e-6; Wp = dict(W); Wp['o'] = W['o'] + E; Wm = dict(W); Wm['o'] = W['o'] - E
num = (step(hp, x, cp, Wp)['h'] - step(hp, x, cp, Wm)['h']) / 2e-6
res['145 dh/dW_o chain'] = ok(num, D(np.tanh(s['c'])) @ D(s['o'] * (1 - s['o'])) @ (np.eye(n)[:, i0] * s['z'][j0]))
E = np.zeros_like(W['f']); E[i0, j0] = 1e-6; Wp = dict(W); Wp['f'] = W['f'] + E; Wm = dict(W); Wm['f'] = W['f'] - E
num = (step(hp, x, cp, Wp)['h'] - step(hp, x, cp, Wm)['h']) / 2e-6
res['155 dh/dW_f chain'] = ok(num, D(s['o']) @ D(1 - np.tanh(s['c']) ** 2) @ D(cp) @ D(s['f'] * (1 - s['f'])) @ (np.eye(n)[:, i0] * s['z'][j0]))
for kk, v in res.items(): print('PASS' if v else 'FAIL', kk)
