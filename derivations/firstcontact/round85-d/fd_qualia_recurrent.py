# Finite-difference check of the hand-written calc_grad of Qualia2.0 recurrent.py (commit f9c0cf7),
# numpy only. Forward and backward formulas are re-typed from the note as written (self.var / self.kwargs
# replaced by local names). Loss for one step: L = sum(Gh*h_next) (+ sum(Gc*c_next) for the LSTM), so that
# dh_next = Gh, dc_next = Gc are arbitrary upstream gradients.
import numpy as np
rng = np.random.default_rng(0)
N, D, H = 3, 4, 5
eps = 1e-6
def sig(a): return 1/(1+np.exp(-a))
def fd(f, X):
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
        G[idx] = (f(Xp) - f(Xm)) / (2*eps)
    return G
rows = []
def report(line, name, got, ref):
    ok = np.allclose(got, ref, atol=1e-6, rtol=1e-5)
    rows.append((line, name, ok))
    print(f"line {line:4d} {name:34s} {'AGREES' if ok else 'DISAGREES'}  maxdiff={np.max(np.abs(got-ref)):.2e}")

# ---------------- RNNCell (lines 21-41) ----------------
x = rng.normal(size=(N, D)); h = rng.normal(size=(N, H))
wx = rng.normal(size=(D, H))*.5; wh = rng.normal(size=(H, H))*.5
bx = rng.normal(size=H)*.3; bh = rng.normal(size=H)*.3
Gh = rng.normal(size=(N, H))
def rnn_pre(x, h, wx, wh, bx, bh): return np.add(np.add(np.dot(h, wh), bx), np.add(np.dot(x, wx), bh))  # line 25
def rnn_L(x=x, h=h, wx=wx, wh=wh, bx=bx, bh=bh): return np.sum(Gh*np.tanh(rnn_pre(x, h, wx, wh, bx, bh)))  # line 26
out = np.tanh(rnn_pre(x, h, wx, wh, bx, bh))
dh_next = Gh
dt = np.multiply(dh_next, np.subtract(1, np.square(out)))          # 31
dw_x = np.dot(x.T, dt)                                               # 32
dw_h = np.dot(h.T, dt)                                               # 33
dx = np.dot(dt, wx.T)                                                # 34
dh = np.dot(dt, wh.T)                                                # 35
db_x = dt.sum(0); db_h = dt.sum(0)                                   # 40, 41
pre = rnn_pre(x, h, wx, wh, bx, bh)
report(31, "RNN dt = dL/dpre", dt, fd(lambda P: np.sum(Gh*np.tanh(P)), pre))
report(32, "RNN dw_x", dw_x, fd(lambda W: rnn_L(wx=W), wx))
report(33, "RNN dw_h", dw_h, fd(lambda W: rnn_L(wh=W), wh))
report(34, "RNN dx", dx, fd(lambda X: rnn_L(x=X), x))
report(35, "RNN dh", dh, fd(lambda X: rnn_L(h=X), h))
report(40, "RNN db_x", db_x, fd(lambda B: rnn_L(bx=B), bx))
report(41, "RNN db_h", db_h, fd(lambda B: rnn_L(bh=B), bh))
# line 21 (no-bias forward) is line 25 with zero biases
report(21, "RNN pre (no bias) == 25 with b=0", np.add(np.dot(h, wh), np.dot(x, wx)), rnn_pre(x, h, wx, wh, 0*bx, 0*bh))

# ---------------- LSTMCell (lines 97-161) ----------------
c = rng.normal(size=(N, H))
Wx = rng.normal(size=(D, 4*H))*.5; Wh = rng.normal(size=(H, 4*H))*.5
Bx = rng.normal(size=4*H)*.3; Bh = rng.normal(size=4*H)*.3
Gc = rng.normal(size=(N, H))
def lstm_fwd(x, h, c, Wx, Wh, Bx, Bh):
    tmp = np.add(np.add(np.dot(h, Wh), Bx), np.add(np.dot(x, Wx), Bh))   # 99
    return lstm_from_tmp(tmp, c)
def lstm_from_tmp(tmp, c):
    f = 1/(1+np.exp(-tmp[:, :H])); g = np.tanh(tmp[:, H:2*H])             # 100, 101
    i = 1/(1+np.exp(-tmp[:, 2*H:3*H])); o = 1/(1+np.exp(-tmp[:, 3*H:]))   # 102, 103
    return lstm_from_gates(f, g, i, o, c)
def lstm_from_gates(f, g, i, o, c):
    c_next = f*c + g*i                                                     # 104
    h_next = o*np.tanh(c_next)                                             # 105
    return h_next, c_next
def Lh(hn, cn): return np.sum(Gh*hn) + np.sum(Gc*cn)
def lstm_L(x=x, h=h, c=c, Wx=Wx, Wh=Wh, Bx=Bx, Bh=Bh): return Lh(*lstm_fwd(x, h, c, Wx, Wh, Bx, Bh))
tmp = np.add(np.add(np.dot(h, Wh), Bx), np.add(np.dot(x, Wx), Bh))
f = sig(tmp[:, :H]); g = np.tanh(tmp[:, H:2*H]); i = sig(tmp[:, 2*H:3*H]); o = sig(tmp[:, 3*H:])
h_next, c_next = lstm_from_gates(f, g, i, o, c)
dh_next, dc_next = Gh, Gc
tanh_c_next = np.tanh(c_next)                                              # 117
ds = dc_next + (dh_next*o)*(1 - tanh_c_next**2)                            # 118
df = ds*c; dg = ds*i; di = ds*g; do = dh_next*tanh_c_next                  # 120-123
report(118, "LSTM ds = dL/dc_next (total)", ds, fd(lambda C: np.sum(Gh*o*np.tanh(C)) + np.sum(Gc*C), c_next))
report(120, "LSTM df = dL/df", df, fd(lambda F: Lh(*lstm_from_gates(F, g, i, o, c)), f))
report(121, "LSTM dg = dL/dg", dg, fd(lambda G_: Lh(*lstm_from_gates(f, G_, i, o, c)), g))
report(122, "LSTM di = dL/di", di, fd(lambda I: Lh(*lstm_from_gates(f, g, I, o, c)), i))
report(123, "LSTM do = dL/do", do, fd(lambda O: Lh(*lstm_from_gates(f, g, i, O, c)), o))
df = df*(f*(1-f)); dg = dg*(1-g**2); di = di*(i*(1-i)); do = do*(o*(1-o))    # 125-128
dtmp = np.hstack((df, dg, di, do))                                         # 129
report(129, "LSTM dtmp = dL/dtmp (after 125-128)", dtmp, fd(lambda T: Lh(*lstm_from_tmp(T, c)), tmp))
dx = np.dot(dtmp, Wx.T); dh = np.dot(dtmp, Wh.T); dc = ds*f                # 131-133
dw_h = np.dot(h.T, dtmp); dw_x = np.dot(x.T, dtmp)                         # 134, 135
db_x = dtmp.sum(0); db_h = dtmp.sum(0)                                     # 143, 144
report(131, "LSTM dx", dx, fd(lambda X: lstm_L(x=X), x))
report(132, "LSTM dh", dh, fd(lambda X: lstm_L(h=X), h))
report(133, "LSTM dc", dc, fd(lambda X: lstm_L(c=X), c))
report(134, "LSTM dw_h", dw_h, fd(lambda W: lstm_L(Wh=W), Wh))
report(135, "LSTM dw_x", dw_x, fd(lambda W: lstm_L(Wx=W), Wx))
report(143, "LSTM db_x", db_x, fd(lambda B: lstm_L(Bx=B), Bx))
report(144, "LSTM db_h", db_h, fd(lambda B: lstm_L(Bh=B), Bh))

# ---------------- GRUCell (lines 227-274) ----------------
Wx = rng.normal(size=(D, 3*H))*.5; Wh = rng.normal(size=(H, 3*H))*.5
Bx = rng.normal(size=3*H)*.3; Bh = rng.normal(size=3*H)*.3
def gru_fwd(x, h, Wx, Wh, Bx, Bh, ret=False):
    t = np.add(np.add(np.dot(h, Wh[:, :2*H]), Bx[:2*H]), np.add(np.dot(x, Wx[:, :2*H]), Bh[:2*H]))  # 229
    t = 1/(1+np.exp(-t))                                                   # 230
    r = t[:, :H]; z = t[:, H:]                                             # 231, 232
    n = np.tanh(np.add(np.add(np.multiply(r, np.dot(h, Wh[:, 2*H:])), Bx[2*H:]), np.add(np.dot(x, Wx[:, 2*H:]), Bh[2*H:])))  # 238
    hn = np.add(np.multiply(np.subtract(1, z), n), np.multiply(z, h))     # 239
    return (hn, t, r, z, n) if ret else hn
def gru_L(x=x, h=h, Wx=Wx, Wh=Wh, Bx=Bx, Bh=Bh): return np.sum(Gh*gru_fwd(x, h, Wx, Wh, Bx, Bh))
hn, tsig, r, z, n = gru_fwd(x, h, Wx, Wh, Bx, Bh, ret=True)
dh_next = Gh
dw_x = np.zeros_like(Wx); dw_h = np.zeros_like(Wh)
dn = dh_next*(1-z)                                                         # 247
dhh = dh_next*z                                                            # 248
tmpn = dn*(1-n**2)                                                         # 250
dx = np.dot(tmpn, Wx[:, 2*H:].T)                                           # 251
dw_x[:, 2*H:] = np.dot(x.T, tmpn)                                          # 252
rtmp = r*tmpn                                                              # 253
dhh += np.dot(rtmp, Wh[:, 2*H:].T)                                         # 254
dw_h[:, 2*H:] = np.dot(h.T, rtmp)                                          # 255
dr = tmpn*np.dot(h, Wh[:, 2*H:])                                           # 256
dz = h*dh_next - n*dh_next                                                 # 257
dtmp = np.concatenate([dr, dz], axis=1)                                    # 258
tmp2 = dtmp*(tsig*(1-tsig))                                                # 260
dx += np.dot(tmp2, Wx[:, :2*H].T)                                          # 261
dw_x[:, :2*H] = np.dot(x.T, tmp2)                                          # 262
dhh += np.dot(tmp2, Wh[:, :2*H].T)                                         # 263
dw_h[:, :2*H] = np.dot(h.T, tmp2)                                          # 264
db_x = np.zeros_like(Bx); db_h = np.zeros_like(Bh)
db_x[2*H:] = tmpn.sum(0)                                                   # 271
db_h[2*H:] = rtmp.sum(0)                                                   # 272  (as written)
db_x[:2*H] = tmp2.sum(0)                                                   # 273
db_h[:2*H] = tmp2.sum(0)                                                   # 274
# intermediate checks: perturb n, pre-activation of n, q = h@W_hn, r, z, pre-activation of (r,z)
qh = np.dot(h, Wh[:, 2*H:]); qx = np.dot(x, Wx[:, 2*H:])
def from_rz_n(r_, z_, n_): return np.sum(Gh*((1-z_)*n_ + z_*h))
def from_rzq(r_, z_, q_): return from_rz_n(r_, z_, np.tanh(r_*q_ + Bx[2*H:] + qx + Bh[2*H:]))
report(247, "GRU dn = dL/dn", dn, fd(lambda Nn: from_rz_n(r, z, Nn), n))
report(250, "GRU tmp = dL/d(pre-n)", tmpn, fd(lambda P: from_rz_n(r, z, np.tanh(P)), r*qh + Bx[2*H:] + qx + Bh[2*H:]))
report(253, "GRU rtmp = dL/d(h@W_hn)", rtmp, fd(lambda Q: from_rzq(r, z, Q), qh))
report(256, "GRU dr = dL/dr", dr, fd(lambda R: from_rzq(R, z, qh), r))
report(257, "GRU dz = dL/dz", dz, fd(lambda Z: from_rzq(r, Z, qh), z))
pre_rz = np.add(np.add(np.dot(h, Wh[:, :2*H]), Bx[:2*H]), np.add(np.dot(x, Wx[:, :2*H]), Bh[:2*H]))
report(260, "GRU tmp2 = dL/d(pre r,z)", tmp2, fd(lambda P: from_rzq(sig(P)[:, :H], sig(P)[:, H:], qh), pre_rz))
report(261, "GRU dx (251+261)", dx, fd(lambda X: gru_L(x=X), x))
report(263, "GRU dh (248+254+263)", dhh, fd(lambda X: gru_L(h=X), h))
gx = fd(lambda W: gru_L(Wx=W), Wx); gh = fd(lambda W: gru_L(Wh=W), Wh)
report(252, "GRU dw_x[:, 2H:]", dw_x[:, 2*H:], gx[:, 2*H:])
report(262, "GRU dw_x[:, :2H]", dw_x[:, :2*H], gx[:, :2*H])
report(255, "GRU dw_h[:, 2H:]", dw_h[:, 2*H:], gh[:, 2*H:])
report(264, "GRU dw_h[:, :2H]", dw_h[:, :2*H], gh[:, :2*H])
gbx = fd(lambda B: gru_L(Bx=B), Bx); gbh = fd(lambda B: gru_L(Bh=B), Bh)
report(271, "GRU db_x[2H:]", db_x[2*H:], gbx[2*H:])
report(272, "GRU db_h[2H:] (rtmp, as written)", db_h[2*H:], gbh[2*H:])
report(273, "GRU db_x[:2H]", db_x[:2*H], gbx[:2*H])
report(274, "GRU db_h[:2H]", db_h[:2*H], gbh[:2*H])
print("line 272 with tmp instead of rtmp would give:", np.allclose(tmpn.sum(0), gbh[2*H:], atol=1e-6))
print("\nDISAGREEING rows:", [r_[0] for r_ in rows if not r_[2]])
