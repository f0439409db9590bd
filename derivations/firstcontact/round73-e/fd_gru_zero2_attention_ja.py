"""Finite-difference check of gru_zero2_attention_ja.py (numpy only).

The transcribed file is executed as written (its classes GRU / TimeGRU and sigmoid),
then every backward quantity is compared with central differences of a scalar loss
L = sum(G * hs) (one cell: L = sum(G * h_next)).
"""
import numpy as np, os, runpy

ns = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "gru_zero2_attention_ja.py"))
GRU, TimeGRU, sigmoid = ns["GRU"], ns["TimeGRU"], ns["sigmoid"]

rng = np.random.default_rng(1)
eps = 1e-6
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
def row(name, good):
    print(f"{name:58s} {'AGREES' if good else 'DISAGREES'}")

N, D, H, T = 2, 3, 4, 5
Wx = rng.normal(size=(D, 3 * H)); Wh = rng.normal(size=(H, 3 * H)) * 0.7; b = rng.normal(size=3 * H)
x = rng.normal(size=(N, D)); h0 = rng.normal(size=(N, H)) * 0.5
G = rng.normal(size=(N, H))

row("L16 sigmoid(x) = 1/(1+exp(-x)) vs tanh identity", ok(sigmoid(0.7), 0.5 * (1 + np.tanh(0.35))))

def cellL(Wx, Wh, b, x, h):
    return np.sum(G * GRU(Wx, Wh, b).forward(x, h))

def fd(f, M):
    g = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        old = M[idx]
        M[idx] = old + eps; p = f()
        M[idx] = old - eps; m = f()
        M[idx] = old; g[idx] = (p - m) / (2 * eps)
    return g

cell = GRU(Wx, Wh, b); cell.forward(x, h0)
dx, dh_prev = cell.backward(G)
f = lambda: cellL(Wx, Wh, b, x, h0)
row("one cell: dx (L69, L79, L88) vs FD", ok(dx, fd(f, x)))
row("one cell: dh_prev (L61, L70, L77, L86) vs FD", ok(dh_prev, fd(f, h0)))
gWx, gWh, gb = fd(f, Wx), fd(f, Wh), fd(f, b)
row("one cell: dWxh (L64, L68) vs FD", ok(cell.dWx[:, 2 * H:], gWx[:, 2 * H:]))
row("one cell: dWhh (L66) vs FD", ok(cell.dWh[:, 2 * H:], gWh[:, 2 * H:]))
row("one cell: dbh (L65) vs FD", ok(cell.db[2 * H:], gb[2 * H:]))
row("one cell: dWxz, dWhz, dbz (L73-L78) vs FD", ok(cell.dWx[:, :H], gWx[:, :H]) and ok(cell.dWh[:, :H], gWh[:, :H]) and ok(cell.db[:H], gb[:H]))
row("one cell: dWxr, dWhr, dbr (L82-L87) vs FD", ok(cell.dWx[:, H:2 * H], gWx[:, H:2 * H]) and ok(cell.dWh[:, H:2 * H], gWh[:, H:2 * H]) and ok(cell.db[H:2 * H], gb[H:2 * H]))

# intermediate quantities of the cell, checked against FD on the gate values
z = sigmoid(x @ Wx[:, :H] + h0 @ Wh[:, :H] + b[:H]); r = sigmoid(x @ Wx[:, H:2*H] + h0 @ Wh[:, H:2*H] + b[H:2*H])
hh = np.tanh(x @ Wx[:, 2*H:] + (r * h0) @ Wh[:, 2*H:] + b[2*H:])
hn = lambda z, hh: np.sum(G * ((1 - z) * h0 + z * hh))
zz, hhh = z.copy(), hh.copy()
row("L60 dh_hat = dh_next * z vs FD wrt h_hat", ok(G * z, fd(lambda: hn(zz, hhh), hhh)))
row("L73 dz = dh_next*h_hat - dh_next*h_prev vs FD wrt z", ok(G * hh - G * h0, fd(lambda: hn(zz, hhh), zz)))

# sequence level: TimeGRU (L122, L138, L142). TimeGRU stores h and hs as float32 (dtype='f'),
# so the differences use a larger step and a looser tolerance here.
eps = 1e-3
ok = lambda a, b: np.allclose(a, b, rtol=2e-2, atol=2e-3)
xs = rng.normal(size=(N, T, D)); Gs = rng.normal(size=(N, T, H))
def seqL():
    tg = TimeGRU(Wx, Wh, b, stateful=False)
    return np.sum(Gs * tg.forward(xs))
tg = TimeGRU(Wx.copy(), Wh.copy(), b.copy(), stateful=False)
tg.forward(xs); dxs = tg.backward(Gs)
row("TimeGRU: dxs vs FD", ok(dxs, fd(seqL, xs)))
row("TimeGRU: summed dWx (L142) vs FD", ok(tg.grads[0], fd(seqL, Wx)))
row("TimeGRU: summed dWh (L138, L142) vs FD", ok(tg.grads[1], fd(seqL, Wh)))
row("TimeGRU: summed db vs FD", ok(tg.grads[2], fd(seqL, b)))
