"""FD check of stats.SE 565719 (asker's vec/Kronecker attempt).
h_1 = tanh(W_hx^T e_1 + W_hh^T h_0); W_hx (n_i,n_h); column vectors; L_1 = CE(softmax(V h_1), y).
w = vec(W_hx^T) (column-major vec). Keys are line numbers in statsse_565719_bptt_kronecker.md."""
import numpy as np
rng = np.random.default_rng(565719)
n_i, n_h, n_o = 3, 2, 4
Wx = rng.normal(size=(n_i, n_h)); Wh = rng.normal(size=(n_h, n_h)); h0 = rng.normal(size=n_h)
e1 = rng.normal(size=n_i); Vo = rng.normal(size=(n_o, n_h)); y = np.eye(n_o)[1]
eps = 1e-6
vec = lambda A: A.reshape(-1, order='F')
def h1_of(Wx): return np.tanh(Wx.T @ e1 + Wh.T @ h0)
def L_of_h(h):
    z = Vo @ h; p = np.exp(z - z.max()); p /= p.sum(); return -y @ np.log(p)
L = lambda Wx: L_of_h(h1_of(Wx))
def fd(fun, x):
    g = np.zeros(x.shape + np.shape(fun(x)))
    for idx in np.ndindex(x.shape):
        E = np.zeros_like(x); E[idx] = eps
        g[idx] = (fun(x + E) - fun(x - E)) / (2 * eps)
    return g
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-6)
res = {}
h1 = h1_of(Wx); a1 = Wx.T @ e1 + Wh.T @ h0
gW = fd(L, Wx)                       # (n_i, n_h)
dLdh = fd(L_of_h, h1)                # (n_h,)
dhdW = fd(h1_of, Wx)                 # (n_i, n_h, n_h): [j,k,i] = d h^i / d W_jk
res[5] = close(h1, np.tanh(Wx.T @ e1 + Wh.T @ h0))
res[7] = close(dhdW @ dLdh, gW)                                   # tensor . vector
res[12] = close(sum(dhdW[:, :, i] * dLdh[i] for i in range(n_h)), gW)
res[23] = True                                                     # definition of f
f = Wx.T @ e1
K = np.kron(e1.reshape(1, -1), np.eye(n_h))                        # e_1^T (x) I_{n_h}
w0 = vec(Wx.T)
Jf = fd(lambda w: np.kron(e1.reshape(1, -1), np.eye(n_h)) @ w * 0 + (w.reshape(n_h, n_i, order='F') @ e1), w0).T
res[24] = close(np.eye(n_h) @ Wx.T @ e1, f) and close(K @ w0, f) and close(Jf, K)
try:
    res[27] = close(K @ np.diag(1 - h1**2), fd(lambda w: np.tanh(w.reshape(n_h, n_i, order='F') @ e1 + Wh.T @ h0), w0).T)
except ValueError:
    res[27] = False
# corrected numerator-layout form for the record
Jh = fd(lambda w: np.tanh(w.reshape(n_h, n_i, order='F') @ e1 + Wh.T @ h0), w0).T
assert close(np.diag(1 - h1**2) @ K, Jh)
res[28] = close(a1, Wx.T @ e1 + Wh.T @ h0)
expected = {5: True, 7: True, 12: True, 23: True, 24: True, 27: False, 28: True}
for k in sorted(res): print(k, 'pass' if res[k] else 'fail')
assert {k: bool(v) for k, v in res.items()} == expected
print('all verdicts confirmed')
