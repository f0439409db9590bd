"""FD check of sooftware/TIL Deep-Learning-from-Scratch-1_2/LSTM/LSTM.py (transcribed in sooftware_lstm_numpy.md).
Row-vector layout: x (N,D), h_prev/c_prev (N,H), Wx (D,4H), Wh (H,4H), b (4H,), column blocks [f | g | i | o].
Step-local backward: L = sum(Gh*h_next) + sum(Gc*c_next), so dh_next = Gh, dc_next = Gc.
D != H on purpose (line 66 uses Wh.T where Wx.T is needed).  md line = code line + 2."""
import numpy as np
rng = np.random.default_rng(1)
N, D, H = 2, 3, 4
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
x = rng.normal(size=(N, D)); h_prev = rng.normal(size=(N, H)); c_prev = rng.normal(size=(N, H))
Wx = rng.normal(size=(D, 4 * H)) * 0.6; Wh = rng.normal(size=(H, 4 * H)) * 0.6; b = rng.normal(size=4 * H) * 0.3
Gh = rng.normal(size=(N, H)); Gc = rng.normal(size=(N, H))
eps = 1e-6

def fwd(x=x, h_prev=h_prev, c_prev=c_prev, Wx=Wx, Wh=Wh, b=b, add=None):
    add = add or {}
    A = np.matmul(x, Wx) + np.matmul(h_prev, Wh) + b + add.get('A', 0)
    f = sig(A[:, :H]) + add.get('f', 0); g = np.tanh(A[:, H:2*H]) + add.get('g', 0)
    i = sig(A[:, 2*H:3*H]) + add.get('i', 0); o = sig(A[:, 3*H:]) + add.get('o', 0)
    c_next = f * c_prev + g * i + add.get('c', 0)
    h_next = o * np.tanh(c_next)
    return np.sum(Gh * h_next) + np.sum(Gc * c_next), dict(A=A, f=f, g=g, i=i, o=o, c_next=c_next, h_next=h_next)

def fd_add(key, shape):
    out = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        out[idx] = (fwd(add={key: e})[0] - fwd(add={key: -e})[0]) / (2 * eps)
    return out

def fd_kw(name, base):
    out = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        p = base.copy(); p[idx] += eps; m = base.copy(); m[idx] -= eps
        out[idx] = (fwd(**{name: p})[0] - fwd(**{name: m})[0]) / (2 * eps)
    return out

def rep(line, a, b_):
    ok = (np.shape(a) == np.shape(b_)) and np.allclose(a, b_, rtol=1e-5, atol=1e-7)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}" + ("" if np.shape(a) == np.shape(b_) else f"  (shape {np.shape(a)} vs {np.shape(b_)})"))

_, c = fwd()
A = c['A']; f, g, i, o, c_next = c['f'], c['g'], c['i'], c['o'], c['c_next']
rep(17, A, x @ Wx + h_prev @ Wh + b)
rep(20, A[:, :H], A[:, :H]); rep(21, A[:, H:2*H], A[:, H:2*H]); rep(22, A[:, 2*H:3*H], A[:, 2*H:3*H]); rep(23, A[:, 3*H:], A[:, 3*H:])
rep(25, f, sig(A[:, :H])); rep(26, g, np.tanh(A[:, H:2*H])); rep(27, i, sig(A[:, 2*H:3*H])); rep(28, o, sig(A[:, 3*H:]))
rep(30, c_next, f * c_prev + g * i); rep(31, c['h_next'], o * np.tanh(c_next))
# backward, transcribed literally
dh_next, dc_next = Gh, Gc
tanh_c_next = np.tanh(c_next);                          rep(40, tanh_c_next, np.tanh(c_next))
ds = dc_next + (dh_next * o) * (1 - tanh_c_next ** 2);  rep(42, ds, fd_add('c', (N, H)))
dc_prev = ds * f;                                       rep(44, dc_prev, fd_kw('c_prev', c_prev))
di = ds * g;   rep(46, di, fd_add('i', (N, H)))
df = ds * c_prev; rep(47, df, fd_add('f', (N, H)))
dg = ds * i;   rep(48, dg, fd_add('g', (N, H)))
do = dh_next * tanh_c_next; rep(49, do, fd_add('o', (N, H)))
gA = fd_add('A', (N, 4 * H))
di *= i * (1 - i); rep(51, di, gA[:, 2*H:3*H])
df *= f * (1 - f); rep(52, df, gA[:, :H])
do *= o * (1 - o); rep(53, do, gA[:, 3*H:])
dg *= (1 - g ** 2); rep(54, dg, gA[:, H:2*H])
dA = np.hstack((df, dg, di, do)); rep(56, dA, gA)
dWh = np.dot(h_prev.T, dA); rep(58, dWh, fd_kw('Wh', Wh))
dWx = np.dot(x.T, dA);      rep(59, dWx, fd_kw('Wx', Wx))
db = dA.sum(axis=0);        rep(60, db, fd_kw('b', b))
dx = np.dot(dA, Wh.T);      rep(66, dx, fd_kw('x', x))
dh_prev = np.dot(dA, Wh.T); rep(67, dh_prev, fd_kw('h_prev', h_prev))
