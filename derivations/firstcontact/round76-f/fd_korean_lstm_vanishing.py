# Finite-difference check of korean_lstm_vanishing.md (numpy only).
# Column vectors, numerator-layout Jacobians (d y / d x)[a,b] = d y[a] / d x[b].
import numpy as np
rng = np.random.default_rng(1)
n, d = 4, 3
sig = lambda z: 1 / (1 + np.exp(-z))
W = {k: rng.normal(size=(n, d)) for k in 'fico'}; Uw = {k: rng.normal(size=(n, n)) for k in 'fico'}
b = {k: rng.normal(size=n) for k in 'fico'}
x = rng.normal(size=d); hprev = rng.normal(size=n); cprev = rng.normal(size=n)
eps = 1e-6
def num_jac(f, v):
    J = np.zeros((np.size(f(v)), v.size))
    for k in range(v.size):
        e = np.zeros_like(v); e[k] = eps
        J[:, k] = (f(v + e) - f(v - e)) / (2 * eps)
    return J
ok = lambda A, B: np.allclose(A, B, atol=1e-6)

def lstm(x, h, c):   # lines 4-19
    f = sig(W['f'] @ x + Uw['f'] @ h + b['f']); i = sig(W['i'] @ x + Uw['i'] @ h + b['i'])
    ct = np.tanh(W['c'] @ x + Uw['c'] @ h + b['c']); cn = f * c + i * ct
    o = sig(W['o'] @ x + Uw['o'] @ h + b['o']); hn = o * np.tanh(cn)
    return f, i, ct, cn, o, hn
f, i, ct, cn, o, hn = lstm(x, hprev, cprev)

# vanilla RNN lines 37, 67, 68: a_t = W_x x_t + W_h h_{t-1} + b, h_t = tanh(a_t)
Wx = rng.normal(size=(n, d)); Wh = rng.normal(size=(n, n)); bb = rng.normal(size=n)
a = Wx @ x + Wh @ hprev + bb; h = np.tanh(a)
rnn = lambda hp: np.tanh(Wx @ x + Wh @ hp + bb)
Jn = num_jac(rnn, hprev)
print('line 42  dh_t/dh_{t-1} = diag(1-tanh^2(a_t)) W_h      :', ok(Jn, np.diag(1 - np.tanh(a) ** 2) @ Wh))
print('line 110 ... = diag(1-h_t^2) W_h                      :', ok(Jn, np.diag(1 - h ** 2) @ Wh))
Jha = num_jac(np.tanh, a)
print('line 99  dh_t/da_t (full Jacobian) is diagonal        :', ok(Jha, np.diag(np.diag(Jha))), ok(Jha, np.diag(1 - h ** 2)))
print('line 110 chain dh/da x da/dh_{t-1}                    :', ok(Jn, Jha @ Wh))
# line 50: dc_t/dc_{t-1} = f_t (partial, h_{t-1} held fixed; standard LSTM gates do not read c_{t-1})
Jc = num_jac(lambda c: lstm(x, hprev, c)[3], cprev)
print('line 50  dc_t/dc_{t-1} = diag(f_t)                    :', ok(Jc, np.diag(f)))
