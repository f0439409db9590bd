# FD check of dlfs2_style_gru_timegru_buggy.md (row-vector GRU, x:(N,D), h:(N,H), Wx:(D,3H) blocks [z|r|h]).
# Loss for the cell: L = sum(G * h_next), so dh_next = G.  numpy only.
import numpy as np
rng = np.random.default_rng(0)
N, D, H, T = 2, 3, 4, 3
sig = lambda a: 1/(1+np.exp(-a))
Wx = rng.normal(size=(D, 3*H)); Wh = rng.normal(size=(H, 3*H)); b = rng.normal(size=3*H)
x = rng.normal(size=(N, D)); hp = rng.normal(size=(N, H)); G = rng.normal(size=(N, H))
eps = 1e-6
res = {}
def rep(line, ok): res[line] = ok; print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
def close(a, c): return np.allclose(a, c, rtol=1e-5, atol=1e-7)
def fd(f, v):
    g = np.zeros_like(v); it = np.nditer(v, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = v[i]
        v[i] = o+eps; a = f(); v[i] = o-eps; c = f(); v[i] = o; g[i] = (a-c)/(2*eps)
    return g
def blocks(Wx, Wh, b):
    return (Wx[:, :H], Wx[:, H:2*H], Wx[:, 2*H:], Wh[:, :H], Wh[:, H:2*H], Wh[:, 2*H:], b[:H], b[H:2*H], b[2*H:3*H])
# line 23: the author's bias slice b[2*H, 3*H]
try:
    _ = b[2*H, 3*H]; rep(23, False)  # would not even index a 1-D bias
except IndexError:
    rep(23, False)
for ln in (21, 22, 36, 37): rep(ln, True)  # column-block slicing [z|r|h], consistent with the forward
# forward with the intended slice; the paths can be fed separately to isolate partials
def fwd(x, hp, Wx, Wh, b, h_lin=None, h_z=None, h_r=None, h_hh=None, z_fix=None, r_fix=None, hh_fix=None, rh=None):
    Wxz, Wxr, Wxh, Whz, Whr, Whh, bz, br, bh = blocks(Wx, Wh, b)
    h_lin = hp if h_lin is None else h_lin; h_z = hp if h_z is None else h_z
    h_r = hp if h_r is None else h_r; h_hh = hp if h_hh is None else h_hh
    z = sig(x@Wxz + h_z@Whz + bz) if z_fix is None else z_fix
    r = sig(x@Wxr + h_r@Whr + br) if r_fix is None else r_fix
    rh_ = r*h_hh if rh is None else rh
    hh = np.tanh(x@Wxh + rh_@Whh + bh) if hh_fix is None else hh_fix
    return (1-z)*hp*0 + (1-z)*h_lin + z*hh, z, r, hh
hn, z, r, hh = fwd(x, hp, Wx, Wh, b)
for ln in (25, 26, 27, 28): rep(ln, True)
Wxz, Wxr, Wxh, Whz, Whr, Whh, bz, br, bh = blocks(Wx, Wh, b)
dh_next = G
L = lambda **k: np.sum(G*fwd(x, hp, Wx, Wh, b, **k)[0])
# author's backward, step by step
dh_prev = dh_next*(1-z)                                       # 40
hv = hp.copy(); rep(40, close(dh_prev, fd(lambda: L(h_lin=hv, z_fix=z, hh_fix=hh), hv)))
dh_hat = dh_next*z                                            # 41
hhv = hh.copy(); rep(41, close(dh_hat, fd(lambda: L(hh_fix=hhv), hhv)))
dt = dh_hat*(1-hh**2)                                         # 44
ah = x@Wxh + (r*hp)@Whh + bh; av = ah.copy()
rep(44, close(dt, fd(lambda: np.sum(G*((1-z)*hp + z*np.tanh(av))), av)))
dWxh = x.T@dt                                                 # 45
W = Wx.copy(); g = fd(lambda: np.sum(G*fwd(x, hp, W, Wh, b)[0]), W); rep(45, close(dWxh, g[:, 2*H:]))
gWx = g
dx = dt@Wxh.T                                                 # 46
xv = x.copy(); rep(46, close(dx, fd(lambda: np.sum(G*((1-z)*hp + z*np.tanh(xv@Wxh + (r*hp)@Whh + bh))), xv)))
dWhh = (r*hp).T@dt                                            # 47
Wv = Wh.copy(); gWh = fd(lambda: np.sum(G*fwd(x, hp, Wx, Wv, b)[0]), Wv); rep(47, close(dWhh, gWh[:, 2*H:]))
dhr = dt@Whh.T                                                # 48
rhv = r*hp; rhv = rhv.copy(); rep(48, close(dhr, fd(lambda: L(rh=rhv), rhv)))
dbh = np.sum(dt, axis=0)                                      # 49
bv = b.copy(); gb = fd(lambda: np.sum(G*fwd(x, hp, Wx, Wh, bv)[0]), bv); rep(49, close(dbh, gb[2*H:]))
dh_prev += r*dhr                                              # 50
hv = hp.copy(); rep(50, close(dh_prev, fd(lambda: L(h_lin=hv, h_hh=hv, z_fix=z, r_fix=r), hv)))
dz = dh_next*hh - dh_next*hp                                  # 53
zv = z.copy(); rep(53, close(dz, fd(lambda: L(z_fix=zv), zv)))
dt = dz*(1-z)*z                                               # 54
az = x@Wxz + hp@Whz + bz; av = az.copy()
rep(54, close(dt, fd(lambda: L(z_fix=sig(av)), av)))
dWxz = x.T@dt; rep(55, close(dWxz, gWx[:, :H]))               # 55
dx += dt@Wxz.T                                                # 56
xv = x.copy(); rep(56, close(dx, fd(lambda: np.sum(G*fwd(xv, hp, Wx, Wh, b, r_fix=r)[0]), xv)))
dWhz = hp.T@dt; rep(57, close(dWhz, gWh[:, :H]))              # 57
dh_prev += dt@Whz.T                                           # 58
hv = hp.copy(); rep(58, close(dh_prev, fd(lambda: L(h_lin=hv, h_hh=hv, h_z=hv, r_fix=r), hv)))
dbz = np.sum(dt, axis=0); rep(59, close(dbz, gb[:H]))         # 59
dr = hp*dhr                                                   # 62
rv = r.copy(); rep(62, close(dr, fd(lambda: L(r_fix=rv), rv)))
dt = dr*(1-r)*r                                               # 63
ar = x@Wxr + hp@Whr + br; av = ar.copy()
rep(63, close(dt, fd(lambda: L(r_fix=sig(av)), av)))
dWxr = x.T@dt; rep(64, close(dWxr, gWx[:, H:2*H]))            # 64
dx += dt@Wxr.T                                                # 65
xv = x.copy(); rep(65, close(dx, fd(lambda: np.sum(G*fwd(xv, hp, Wx, Wh, b)[0]), xv)))
dWhr = hp.T@dt; rep(66, close(dWhr, gWh[:, H:2*H]))           # 66
dh_prev += dt@Whr.T                                           # 67
hv = hp.copy(); rep(67, close(dh_prev, fd(lambda: np.sum(G*fwd(x, hv, Wx, Wh, b)[0]), hv)))
try:                                                          # 68
    dbr = np.dum(dt, axis=0); rep(68, close(dbr, gb[H:2*H]))
except AttributeError:
    rep(68, False)
for ln, args in ((70, (dWxz, dWxr, dWxh)), (71, (dWhz, dWhr, dWhh)), (72, (dbz, np.sum(dt, axis=0), dbh))):
    try:
        out = np.hstack(*args); rep(ln, False)
    except TypeError:
        rep(ln, False)
# ---- TimeGRU (author's loop, with the cell fixed where it is broken) ----
def cell_fwd(x, hp, Wx, Wh, b): return fwd(x, hp, Wx, Wh, b)[0]
def cell_bwd(x, hp, Wx, Wh, b, dhn):
    h2, z, r, hh = fwd(x, hp, Wx, Wh, b); Wxz, Wxr, Wxh, Whz, Whr, Whh, *_ = blocks(Wx, Wh, b)
    dhp = dhn*(1-z); dt = dhn*z*(1-hh**2); gWx_ = np.zeros_like(Wx); gWh_ = np.zeros_like(Wh); gb_ = np.zeros_like(b)
    gWx_[:, 2*H:] = x.T@dt; dx = dt@Wxh.T; gWh_[:, 2*H:] = (r*hp).T@dt; dhr = dt@Whh.T; gb_[2*H:] = dt.sum(0); dhp += r*dhr
    dt = (dhn*hh - dhn*hp)*(1-z)*z; gWx_[:, :H] = x.T@dt; dx += dt@Wxz.T; gWh_[:, :H] = hp.T@dt; dhp += dt@Whz.T; gb_[:H] = dt.sum(0)
    dt = hp*dhr*(1-r)*r; gWx_[:, H:2*H] = x.T@dt; dx += dt@Wxr.T; gWh_[:, H:2*H] = hp.T@dt; dhp += dt@Whr.T; gb_[H:2*H] = dt.sum(0)
    return dx, dhp, [gWx_, gWh_, gb_]
xs = rng.normal(size=(N, T, D)); h0 = rng.normal(size=(N, H)); GS = rng.normal(size=(N, T, H))
rep(93, True)  # h0 is an arbitrary initial state (np.empty); the equations hold for any h0, here a given h0
def seq_loss(xs, h0, Wx, Wh, b, bump=None):
    h = h0; tot = 0.0
    for t in range(T):
        h = cell_fwd(xs[:, t, :], h, Wx, Wh, b)                 # 97
        if bump is not None and bump[0] == t: h = h + bump[1]
        tot += np.sum(GS[:, t, :]*h)                            # 98 (hs[:, t, :] = h)
    return tot
rep(97, True); rep(98, True)
hs = []; h = h0
for t in range(T): hs.append(h); h = cell_fwd(xs[:, t, :], h, Wx, Wh, b)
grads = [0, 0, 0]; rep(108, True)
dh = 0; rep(110, True)
dxs = np.zeros((N, T, D)); ok113 = True; ok114 = True
for t in reversed(range(T)):
    dh_in = GS[:, t, :] + dh                                    # 113
    e = np.zeros((N, H)); g = fd(lambda: seq_loss(xs, h0, Wx, Wh, b, bump=(t, e)), e)
    ok113 &= close(dh_in, g)
    dx, dh, cg = cell_bwd(xs[:, t, :], hs[t], Wx, Wh, b, dh_in)
    dxs[:, t, :] = dx                                           # 114
    for i, gi in enumerate(cg): grads[i] = grads[i] + gi       # intended form of line 116
gxs = fd(lambda: seq_loss(xs, h0, Wx, Wh, b), xs)
rep(113, ok113); rep(114, close(dxs, gxs))
class _L: pass
lay = _L(); lay.grads = cg
try:                                                            # 116, the author's loop
    acc = [0, 0, 0]
    for i, layer in enumerate(lay.grads):
        acc[i] += layer.grad
    rep(116, False)
except AttributeError:
    rep(116, False)
W1 = Wx.copy(); W2 = Wh.copy(); b1 = b.copy()
ok = close(grads[0], fd(lambda: seq_loss(xs, h0, W1, Wh, b), W1)) and close(grads[1], fd(lambda: seq_loss(xs, h0, Wx, W2, b), W2)) \
     and close(grads[2], fd(lambda: seq_loss(xs, h0, Wx, Wh, b1), b1))
rep(119, ok)
h0v = h0.copy(); rep(121, close(dh, fd(lambda: seq_loss(xs, h0v, Wx, Wh, b), h0v)))
