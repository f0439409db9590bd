# FD check of ko_lstm_note.md: MatMul-only backward demo (line 71), LSTM cell (lines 218-269), TimeLSTM (lines 314-338).
# Row-vector layout, A = x@Wx + h_prev@Wh + b, gate blocks [f, g, i, o]. Line 249 uses the name tanh_c_next,
# which is not defined in that method (NameError as written); it is evaluated here as np.tanh(c_next).
import numpy as np
rng = np.random.default_rng(1)
sig = lambda a: 1 / (1 + np.exp(-a))
N, D, H, T = 2, 3, 4, 4

def num(f, P, eps=1e-6):
    g = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old + eps; lp = f(); P[idx] = old - eps; lm = f(); P[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g
def rep(name, a, n):
    ok = np.allclose(a, n, rtol=1e-5, atol=1e-7)
    print(f"{'AGREE   ' if ok else 'DISAGREE'} {name}  max|diff|={np.max(np.abs(a-n)):.2e}")

# ---- line 71: backward through h_t = h_{t-1} @ Wh (tanh ignored, as the note says), T steps
Wh0 = rng.normal(size=(H, H)); h0 = rng.normal(size=(N, H)); G = rng.normal(size=(N, H))
def lin(h0):
    h = h0
    for _ in range(T): h = np.matmul(h, Wh0)
    return np.sum(G * h)
dh = G.copy()
for t in range(T): dh = np.matmul(dh, Wh0.T)   # line 71
rep("line 71 dh = dh @ Wh.T (T steps, linear recurrence)", dh, num(lambda: lin(h0), h0))

# ---- LSTM cell
def cell_fwd(x, h_prev, c_prev, Wx, Wh, b):
    A = np.matmul(x, Wx) + np.matmul(h_prev, Wh) + b       # 218
    f = sig(A[:, :H]); g = np.tanh(A[:, H:2*H]); i = sig(A[:, 2*H:3*H]); o = sig(A[:, 3*H:])  # 221-229
    c_next = f * c_prev + g * i                            # 231
    h_next = o * np.tanh(c_next)                           # 232
    return h_next, c_next, (x, h_prev, c_prev, i, f, g, o, c_next), A
def cell_bwd(dh_next, dc_next, cache, Wx, Wh):
    x, h_prev, c_prev, i, f, g, o, c_next = cache
    tanh_c_next = np.tanh(c_next)
    ds = dc_next + (dh_next * o) * (1 - np.tanh(c_next) ** 2)   # 242
    dc_prev = ds * f                                            # 244
    di = ds * g; df = ds * c_prev; do = dh_next * tanh_c_next; dg = ds * i   # 247-250
    gate = dict(di=di.copy(), df=df.copy(), do=do.copy(), dg=dg.copy())
    di *= i * (1 - i); df *= f * (1 - f); do *= o * (1 - o); dg *= (1 - g ** 2)  # 252-255
    dA = np.hstack((df, dg, di, do))                            # 258
    dWh = np.dot(h_prev.T, dA); dWx = np.dot(x.T, dA); db = dA.sum(axis=0)   # 260-262
    dx = np.dot(dA, Wx.T); dh_prev = np.dot(dA, Wh.T)          # 268-269
    return dx, dh_prev, dc_prev, dWx, dWh, db, dA, ds, gate

Wx = rng.normal(size=(D, 4*H)) * 0.7; Wh = rng.normal(size=(H, 4*H)) * 0.7; b = rng.normal(size=4*H) * 0.5
x = rng.normal(size=(N, D)); hp = rng.normal(size=(N, H)); cp = rng.normal(size=(N, H))
Gh = rng.normal(size=(N, H)); Gc = rng.normal(size=(N, H))
def Lcell():
    h, c, _, _ = cell_fwd(x, hp, cp, Wx, Wh, b); return np.sum(Gh * h) + np.sum(Gc * c)
h, c, cache, A = cell_fwd(x, hp, cp, Wx, Wh, b)
dx, dhp, dcp, dWx, dWh, db, dA, ds, gate = cell_bwd(Gh, Gc, cache, Wx, Wh)
rep("line 258 dA = dL/dA (after 252-255)", dA, num(lambda: (lambda A_: np.sum(Gh*(sig(A_[:,3*H:])*np.tanh(sig(A_[:,:H])*cp+np.tanh(A_[:,H:2*H])*sig(A_[:,2*H:3*H])))) + np.sum(Gc*(sig(A_[:,:H])*cp+np.tanh(A_[:,H:2*H])*sig(A_[:,2*H:3*H]))))(A), A))
# ds = dL/dc_next (total): perturb c_next
cn = cache[7].copy()
o_ = cache[6]
rep("line 242 ds = dL/dc_next", ds, num(lambda: np.sum(Gh*o_*np.tanh(cn)) + np.sum(Gc*cn), cn))
# gate-value gradients (lines 247-250): perturb gate values holding others fixed
i_, f_, g_ = cache[3].copy(), cache[4].copy(), cache[5].copy()
def Lg(f_, g_, i_, o_):
    cn = f_*cp + g_*i_; return np.sum(Gh*o_*np.tanh(cn)) + np.sum(Gc*cn)
rep("line 247 di = dL/di", gate['di'], num(lambda: Lg(f_, g_, i_, o_), i_))
rep("line 248 df = dL/df", gate['df'], num(lambda: Lg(f_, g_, i_, o_), f_))
o2 = o_.copy()
rep("line 249 do = dL/do (tanh_c_next read as tanh(c_next))", gate['do'], num(lambda: Lg(f_, g_, i_, o2), o2))
rep("line 250 dg = dL/dg", gate['dg'], num(lambda: Lg(f_, g_, i_, o_), g_))
rep("line 244 dc_prev", dcp, num(Lcell, cp))
rep("line 260 dWh", dWh, num(Lcell, Wh))
rep("line 261 dWx", dWx, num(Lcell, Wx))
rep("line 262 db", db, num(Lcell, b))
rep("line 268 dx", dx, num(Lcell, x))
rep("line 269 dh_prev", dhp, num(Lcell, hp))

# ---- TimeLSTM (stateful=False, h0=c0=0), loss = sum(Gs * hs)
xs = rng.normal(size=(N, T, D)); Gs = rng.normal(size=(N, T, H))
def Ltime():
    h = np.zeros((N, H)); c = np.zeros((N, H)); L = 0
    for t in range(T):
        h, c, _, _ = cell_fwd(xs[:, t, :], h, c, Wx, Wh, b)   # 314
        L += np.sum(Gs[:, t, :] * h)                          # 315
    return L
h = np.zeros((N, H)); c = np.zeros((N, H)); caches = []
for t in range(T):
    h, c, cache, _ = cell_fwd(xs[:, t, :], h, c, Wx, Wh, b); caches.append(cache)
dxs = np.empty((N, T, D)); dh, dc = 0, 0; grads = [0, 0, 0]
for t in reversed(range(T)):
    dx, dh, dc, gWx, gWh, gb, *_ = cell_bwd(Gs[:, t, :] + dh, dc, caches[t], Wx, Wh)   # 332
    dxs[:, t, :] = dx
    for k, gr in enumerate((gWx, gWh, gb)): grads[k] += gr                          # 335
rep("line 338 TimeLSTM grads[0] dWx (sum over t)", grads[0], num(Ltime, Wx))
rep("line 338 TimeLSTM grads[1] dWh (sum over t)", grads[1], num(Ltime, Wh))
rep("line 338 TimeLSTM grads[2] db (sum over t)", grads[2], num(Ltime, b))
rep("line 332/333 TimeLSTM dxs", dxs, num(Ltime, xs))
