# FD check of zh_time_layers_lstm_gru.py.
# LSTM: the forward applies each activation twice (lines 28-31 then 33-36): f = sig(sig(a_f)), g = tanh(tanh(a_g)),
# i = sig(sig(a_i)), o = sig(sig(a_o)); the cached gate values are the outer ones. The backward (lines 67-70)
# multiplies only by the outer derivative, so dA is not dL/dA. GRU: standard, checked as written.
import numpy as np
rng = np.random.default_rng(2)
sig = lambda a: 1 / (1 + np.exp(-a))
N, D, H, T = 2, 3, 4, 3
def num(f, P, eps=1e-6):
    g = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old + eps; lp = f(); P[idx] = old - eps; lm = f(); P[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g
def rep(name, a, n):
    ok = np.allclose(a, n, rtol=1e-5, atol=1e-7)
    print(f"{'AGREE   ' if ok else 'DISAGREE'} {name}  max|diff|={np.max(np.abs(a-n)):.2e}")

# ------------------------- LSTM (as written) -------------------------
def lstm_fwd(x, h_prev, c_prev, Wx, Wh, b):
    A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b                 # 26
    f = sig(A[:, :H]); g = np.tanh(A[:, H:2*H]); i = sig(A[:, 2*H:3*H]); o = sig(A[:, 3*H:])   # 28-31
    f = sig(f); g = np.tanh(g); i = sig(i); o = sig(o)          # 33-36
    c_next = f * c_prev + g * i                                  # 41
    h_next = o * np.tanh(c_next)                                 # 42
    return h_next, c_next, (x, h_prev, c_prev, i, f, g, o, c_next), A
def lstm_bwd(dh_next, dc_next, cache, Wx, Wh, fix=False, A=None):
    x, h_prev, c_prev, i, f, g, o, c_next = cache
    tanh_c_next = np.tanh(c_next)                                # 51
    ds = dc_next + (dh_next * o) * (1 - tanh_c_next**2)          # 55
    dc_prev = ds * f                                             # 58
    di = ds * g; df = ds * c_prev; do = dh_next * tanh_c_next; dg = ds * i   # 61-64
    gate = dict(di=di.copy(), df=df.copy(), do=do.copy(), dg=dg.copy())
    di *= i * (1 - i); df *= f * (1 - f); do *= o * (1 - o); dg *= 1 - g**2  # 67-70
    if fix:   # the missing inner factors (derivative of the first activation, lines 28-31)
        sf, sg, si, so = sig(A[:, :H]), np.tanh(A[:, H:2*H]), sig(A[:, 2*H:3*H]), sig(A[:, 3*H:])
        df *= sf*(1-sf); dg *= 1-sg**2; di *= si*(1-si); do *= so*(1-so)
    dA = np.hstack((df, dg, di, do))                             # 73
    dWh = np.dot(h_prev.T, dA); dWx = np.dot(x.T, dA); db = dA.sum(axis=0)   # 76-78
    dx = np.dot(dA, Wx.T); dh_prev = np.dot(dA, Wh.T)            # 85-86
    return dx, dh_prev, dc_prev, dWx, dWh, db, dA, ds, gate

Wx = rng.normal(size=(D, 4*H)); Wh = rng.normal(size=(H, 4*H)); b = rng.normal(size=4*H)
x = rng.normal(size=(N, D)); hp = rng.normal(size=(N, H)); cp = rng.normal(size=(N, H))
Gh = rng.normal(size=(N, H)); Gc = rng.normal(size=(N, H))
def Lcell():
    h, c, _, _ = lstm_fwd(x, hp, cp, Wx, Wh, b); return np.sum(Gh*h) + np.sum(Gc*c)
h, c, cache, A = lstm_fwd(x, hp, cp, Wx, Wh, b)
dx, dhp, dcp, dWx, dWh, db, dA, ds, gate = lstm_bwd(Gh, Gc, cache, Wx, Wh)
i_, f_, g_, o_, cn = [cache[k].copy() for k in (3, 4, 5, 6, 7)]
def Lg(f_, g_, i_, o_):
    c = f_*cp + g_*i_; return np.sum(Gh*o_*np.tanh(c)) + np.sum(Gc*c)
print("LSTM cell (forward as written, double activation):")
rep("line 55 ds = dL/dc_next", ds, num(lambda: np.sum(Gh*o_*np.tanh(cn)) + np.sum(Gc*cn), cn))
rep("line 58 dc_prev", dcp, num(Lcell, cp))
rep("line 61 di = dL/di (gate value)", gate['di'], num(lambda: Lg(f_, g_, i_, o_), i_))
rep("line 62 df = dL/df (gate value)", gate['df'], num(lambda: Lg(f_, g_, i_, o_), f_))
rep("line 63 do = dL/do (gate value)", gate['do'], num(lambda: Lg(f_, g_, i_, o_), o_))
rep("line 64 dg = dL/dg (gate value)", gate['dg'], num(lambda: Lg(f_, g_, i_, o_), g_))
A0 = A.copy()
def LA():
    f = sig(sig(A0[:, :H])); g = np.tanh(np.tanh(A0[:, H:2*H])); i = sig(sig(A0[:, 2*H:3*H])); o = sig(sig(A0[:, 3*H:]))
    c = f*cp + g*i; return np.sum(Gh*o*np.tanh(c)) + np.sum(Gc*c)
nA = num(LA, A0)
rep("lines 67-70/73 dA (f-block) = dL/dA_f", dA[:, :H], nA[:, :H])
rep("lines 67-70/73 dA (g-block) = dL/dA_g", dA[:, H:2*H], nA[:, H:2*H])
rep("lines 67-70/73 dA (i-block) = dL/dA_i", dA[:, 2*H:3*H], nA[:, 2*H:3*H])
rep("lines 67-70/73 dA (o-block) = dL/dA_o", dA[:, 3*H:], nA[:, 3*H:])
rep("line 76 dWh", dWh, num(Lcell, Wh))
rep("line 77 dWx", dWx, num(Lcell, Wx))
rep("line 78 db", db, num(Lcell, b))
rep("line 85 dx", dx, num(Lcell, x))
rep("line 86 dh_prev", dhp, num(Lcell, hp))
rep("  formula check: dWh = h_prev.T @ (FD dL/dA)", np.dot(hp.T, nA), num(Lcell, Wh))
_, dhpF, _, dWxF, dWhF, dbF, *_ = lstm_bwd(Gh, Gc, cache, Wx, Wh, fix=True, A=A)
rep("  with the missing inner factors added: dWx", dWxF, num(Lcell, Wx))
rep("  with the missing inner factors added: dh_prev", dhpF, num(Lcell, hp))

# ------------------------- GRU -------------------------
def gru_fwd(x, h_prev, Wx, Wh, b):
    Wxz, Wxr, Wxh = Wx[:, :H], Wx[:, H:2*H], Wx[:, 2*H:]
    Whz, Whr, Whh = Wh[:, :H], Wh[:, H:2*H], Wh[:, 2*H:]
    bz, br, bh = b[:H], b[H:2*H], b[2*H:]
    z = sig(np.dot(x, Wxz) + np.dot(h_prev, Whz) + bz)            # 182
    r = sig(np.dot(x, Wxr) + np.dot(h_prev, Whr) + br)            # 183
    h_hat = np.tanh(np.dot(x, Wxh) + np.dot(r*h_prev, Whh) + bh)  # 184
    h_next = (1 - z) * h_prev + z * h_hat                          # 185
    return h_next, (x, h_prev, z, r, h_hat)
def gru_bwd(dh_next, cache, Wx, Wh):
    Wxz, Wxr, Wxh = Wx[:, :H], Wx[:, H:2*H], Wx[:, 2*H:]
    Whz, Whr, Whh = Wh[:, :H], Wh[:, H:2*H], Wh[:, 2*H:]
    x, h_prev, z, r, h_hat = cache
    out = {}
    dh_hat = dh_next * z; dh_prev = dh_next * (1 - z); out['dh_hat'] = dh_hat.copy()     # 198-199
    dt = dh_hat * (1 - h_hat**2); out['dt_h'] = dt.copy()                                # 202
    dbh = np.sum(dt, axis=0); dWhh = np.dot((r*h_prev).T, dt); dhr = np.dot(dt, Whh.T)  # 203-205
    dWxh = np.dot(x.T, dt); dx = np.dot(dt, Wxh.T); dh_prev += r * dhr                  # 206-208
    out['dhr'] = dhr.copy()
    dz = dh_next * h_hat - dh_next * h_prev; out['dz'] = dz.copy()                       # 211
    dt = dz * z * (1 - z); out['dt_z'] = dt.copy()                                       # 212
    dbz = np.sum(dt, axis=0); dWhz = np.dot(h_prev.T, dt); dh_prev += np.dot(dt, Whz.T) # 213-215
    dWxz = np.dot(x.T, dt); dx += np.dot(dt, Wxz.T)                                      # 216-217
    dr = dhr * h_prev; out['dr'] = dr.copy()                                             # 220
    dt = dr * r * (1 - r); out['dt_r'] = dt.copy()                                       # 221
    dbr = np.sum(dt, axis=0); dWhr = np.dot(h_prev.T, dt); dh_prev += np.dot(dt, Whr.T) # 222-224
    dWxr = np.dot(x.T, dt); dx += np.dot(dt, Wxr.T)                                      # 225-226
    dWx = np.hstack((dWxz, dWxr, dWxh)); dWh = np.hstack((dWhz, dWhr, dWhh)); db = np.hstack((dbz, dbr, dbh))  # 228-230
    return dx, dh_prev, dWx, dWh, db, out
Wx3 = rng.normal(size=(D, 3*H)); Wh3 = rng.normal(size=(H, 3*H)); b3 = rng.normal(size=3*H)
def Lgru():
    h, _ = gru_fwd(x, hp, Wx3, Wh3, b3); return np.sum(Gh*h)
h, cache = gru_fwd(x, hp, Wx3, Wh3, b3)
dx, dhp, dWx3, dWh3, db3, out = gru_bwd(Gh, cache, Wx3, Wh3)
print("GRU cell:")
_, _, z_, r_, hh_ = cache
zz, rr, hh = z_.copy(), r_.copy(), hh_.copy()
def Lz(zz, rr, hh): return np.sum(Gh*((1-zz)*hp + zz*hh))
rep("line 198 dh_hat = dL/dh_hat", out['dh_hat'], num(lambda: Lz(zz, rr, hh), hh))
rep("line 211 dz = dL/dz", out['dz'], num(lambda: Lz(zz, rr, hh), zz))
a_h = np.dot(x, Wx3[:, 2*H:]) + np.dot(r_*hp, Wh3[:, 2*H:]) + b3[2*H:]
rep("line 202 dt = dL/da_hhat", out['dt_h'], num(lambda: np.sum(Gh*((1-z_)*hp + z_*np.tanh(a_h))), a_h))
rhp = r_*hp
rep("line 205 dhr = dL/d(r*h_prev)", out['dhr'], num(lambda: np.sum(Gh*((1-z_)*hp + z_*np.tanh(np.dot(x, Wx3[:, 2*H:]) + np.dot(rhp, Wh3[:, 2*H:]) + b3[2*H:]))), rhp))
rep("line 220 dr = dL/dr", out['dr'], num(lambda: np.sum(Gh*((1-z_)*hp + z_*np.tanh(np.dot(x, Wx3[:, 2*H:]) + np.dot(rr*hp, Wh3[:, 2*H:]) + b3[2*H:]))), rr))
rep("lines 228 dWx", dWx3, num(Lgru, Wx3))
rep("lines 229 dWh", dWh3, num(Lgru, Wh3))
rep("lines 230 db", db3, num(Lgru, b3))
rep("lines 207/217/226 dx", dx, num(Lgru, x))
rep("lines 199/208/215/224 dh_prev", dhp, num(Lgru, hp))

# ---- TimeLSTM / TimeGRU accumulation (lines 144-150, 275-282)
xs = rng.normal(size=(N, T, D)); Gs = rng.normal(size=(N, T, H))
def Ltg():
    h = np.zeros((N, H)); L = 0
    for t in range(T):
        h, _ = gru_fwd(xs[:, t, :], h, Wx3, Wh3, b3); L += np.sum(Gs[:, t, :]*h)
    return L
h = np.zeros((N, H)); cs = []
for t in range(T):
    h, cc = gru_fwd(xs[:, t, :], h, Wx3, Wh3, b3); cs.append(cc)
dh = 0; grads = [0, 0, 0]; dxs = np.empty((N, T, D))
for t in reversed(range(T)):
    dx, dh, gWx, gWh, gb, _ = gru_bwd(Gs[:, t, :] + dh, cs[t], Wx3, Wh3)   # 275
    dxs[:, t, :] = dx
    for k, gr in enumerate((gWx, gWh, gb)): grads[k] += gr                # 279
print("TimeGRU:")
rep("line 282 TimeGRU dWx", grads[0], num(Ltg, Wx3))
rep("line 282 TimeGRU dWh", grads[1], num(Ltg, Wh3))
rep("line 282 TimeGRU db", grads[2], num(Ltg, b3))
rep("line 275 TimeGRU dxs", dxs, num(Ltg, xs))
def Ltl():
    h = np.zeros((N, H)); c = np.zeros((N, H)); L = 0
    for t in range(T):
        h, c, _, _ = lstm_fwd(xs[:, t, :], h, c, Wx, Wh, b); L += np.sum(Gs[:, t, :]*h)
    return L
h = np.zeros((N, H)); c = np.zeros((N, H)); cs = []
for t in range(T):
    h, c, cc, _ = lstm_fwd(xs[:, t, :], h, c, Wx, Wh, b); cs.append(cc)
dh, dc = 0, 0; grads = [0, 0, 0]
for t in reversed(range(T)):
    dx, dh, dc, gWx, gWh, gb, *_ = lstm_bwd(Gs[:, t, :] + dh, dc, cs[t], Wx, Wh)   # 144
    for k, gr in enumerate((gWx, gWh, gb)): grads[k] += gr                        # 147
print("TimeLSTM (inherits the cell error):")
rep("line 150 TimeLSTM dWx", grads[0], num(Ltl, Wx))
