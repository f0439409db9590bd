# Finite-difference check of peephole_connections.md (numpy only).
# Peephole LSTM (lines 31-36): gates read [h_{t-1}, x_t] and diagonal peepholes w_f, w_i (on c_{t-1}), w_o (on c_t).
import numpy as np
rng = np.random.default_rng(2)
n, d = 4, 3
sig = lambda z: 1 / (1 + np.exp(-z))
W = {k: rng.normal(size=(n, n + d)) for k in 'fico'}; b = {k: rng.normal(size=n) for k in 'fico'}
w = {k: rng.normal(size=n) for k in 'fio'}
x = rng.normal(size=d); hprev = rng.normal(size=n); cprev = rng.normal(size=n)
eps = 1e-6
def num_jac(f, v):
    J = np.zeros((np.size(f(v)), v.size))
    for k in range(v.size):
        e = np.zeros_like(v); e[k] = eps
        J[:, k] = (f(v + e) - f(v - e)) / (2 * eps)
    return J
ok = lambda A, B: np.allclose(A, B, atol=1e-6)
def cell(c):
    z = np.concatenate([hprev, x])
    af = W['f'] @ z + w['f'] * c + b['f']; f = sig(af)
    ai = W['i'] @ z + w['i'] * c + b['i']; i = sig(ai)
    ct = np.tanh(W['c'] @ z + b['c']); cn = f * c + i * ct
    ao = W['o'] @ z + w['o'] * cn + b['o']; o = sig(ao); h = o * np.tanh(cn)
    return dict(af=af, f=f, i=i, ct=ct, c=cn, o=o, h=h)
s = cell(cprev)
Jf = num_jac(lambda c: cell(c)['f'], cprev)
sp = sig(s['af']) * (1 - sig(s['af']))
print("line 49  df_t/dc_{t-1} = sigma'(a_f) . diag(w_f)  (as diag(sigma'(a_f)) diag(w_f)):", ok(Jf, np.diag(sp) @ np.diag(w['f'])))
print("   (reference) off-diagonal entries are zero           :", ok(Jf - np.diag(np.diag(Jf)), 0 * Jf))
