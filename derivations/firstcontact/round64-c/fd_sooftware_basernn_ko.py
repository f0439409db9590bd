# FD check for sooftware_basernn_ko.md (numpy only). Row-vector RNN: h = tanh(x Wx + h_pre Wh + b)
import numpy as np
rng = np.random.default_rng(0)
N, D, H = 3, 4, 5
x = rng.standard_normal((N, D)); h_pre = rng.standard_normal((N, H))
Wx = rng.standard_normal((D, H)) * 0.5; Wh = rng.standard_normal((H, H)) * 0.5; b = rng.standard_normal(H) * 0.1
G = rng.standard_normal((N, H))  # L = sum(G * h)  -> dh = G (gradient of L wrt the layer output h)

def fwd(x, h_pre, Wx, Wh, b):
    h = np.matmul(x, Wx) + np.matmul(h_pre, Wh) + b   # line 18
    h = np.tanh(h)                                      # line 19
    return h
def loss(x, h_pre, Wx, Wh, b): return np.sum(G * fwd(x, h_pre, Wx, Wh, b))
def fd(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Am = A.copy(); Ap[idx] += eps; Am[idx] -= eps
        g[idx] = (f(Ap) - f(Am)) / (2 * eps)
    return g
ok = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
res = {}
# forward rows (14, 18, 19): author's comment formula tanh(h_pre*Wh + xWx + bias) vs code
h = fwd(x, h_pre, Wx, Wh, b)
res[14] = ok(np.tanh(h_pre @ Wh + x @ Wx + b), h)
res[18] = ok(np.matmul(x, Wx) + np.matmul(h_pre, Wh) + b, x @ Wx + h_pre @ Wh + b)
res[19] = ok(np.tanh(x @ Wx + h_pre @ Wh + b), h)
# generic rules in comments (27, 28, 31, 32) checked on scalars
xs, zs, ys = 0.7, -1.3, 2.1; e = 1e-6
res[27] = abs(((xs+e+zs)-(xs-e+zs))/(2*e) - 1) < 1e-8 and abs(((xs+zs+e)-(xs+zs-e))/(2*e) - 1) < 1e-8
res[28] = (ys * 1 == ys)
res[31] = abs(((xs+e)*zs-(xs-e)*zs)/(2*e) - zs) < 1e-8 and abs((xs*(zs+e)-xs*(zs-e))/(2*e) - xs) < 1e-8
res[32] = abs(ys*zs - ys*zs) < 1e-12 and abs(ys*xs - ys*xs) < 1e-12
# comment rows 39, 40
u = rng.standard_normal(7)
res[39] = ok((np.exp(u)-np.exp(-u))/(np.exp(u)+np.exp(-u)), np.tanh(u))
res[40] = ok(1 - np.tanh(u)**2, (np.tanh(u+1e-6)-np.tanh(u-1e-6))/2e-6)
# backward rows as written
dh = G
dtanh = dh * (1 - h ** 2)                 # 41
db = np.sum(dtanh, axis = 0)              # 44
dWh = np.matmul(h_pre.T, dtanh)           # 45
dh_pre = np.matmul(dtanh, Wh.T)           # 46
dWx = np.matmul(x.T, dtanh)               # 47
dx = np.matmul(dtanh, Wx.T)               # 48
# dtanh = dL/d(pre-activation): FD wrt a pre-activation offset
A0 = x @ Wx + h_pre @ Wh + b
res[41] = ok(dtanh, fd(lambda A: np.sum(G * np.tanh(A)), A0))
res[44] = ok(db, fd(lambda B: loss(x, h_pre, Wx, Wh, B), b))
res[45] = ok(dWh, fd(lambda W: loss(x, h_pre, Wx, W, b), Wh))
res[46] = ok(dh_pre, fd(lambda P: loss(x, P, Wx, Wh, b), h_pre))
res[47] = ok(dWx, fd(lambda W: loss(x, h_pre, W, Wh, b), Wx))
res[48] = ok(dx, fd(lambda X: loss(X, h_pre, Wx, Wh, b), x))
# 50-52: grads stored in the order of params [Wx, Wh, b]
params = [Wx, Wh, b]; grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
grads[0][...] = dWx; grads[1][...] = dWh; grads[2][...] = db
fdg = [fd(lambda W: loss(x, h_pre, W, Wh, b), Wx), fd(lambda W: loss(x, h_pre, Wx, W, b), Wh), fd(lambda B: loss(x, h_pre, Wx, Wh, B), b)]
res[50] = ok(grads[0], fdg[0]); res[51] = ok(grads[1], fdg[1]); res[52] = ok(grads[2], fdg[2])
expected = {k: True for k in [14, 18, 19, 27, 28, 31, 32, 39, 40, 41, 44, 45, 46, 47, 48, 50, 51, 52]}
for k, v in expected.items():
    assert res[k] == v, (k, res[k])
print("fd_sooftware_basernn_ko: all", len(expected), "verdicts confirmed")
