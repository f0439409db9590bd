# FD check for retrieva_dlfs2_lstm.md (row-vector RNN / LSTM cell, concatenated gate blocks [f,g,i,o]).
import numpy as np
rng = np.random.default_rng(64)
sig = lambda z: 1/(1+np.exp(-z))

def ngrad(fun, arr, h=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=['multi_index'])
    for _ in it:
        ix = it.multi_index; old = arr[ix]
        arr[ix] = old + h; fp = fun()
        arr[ix] = old - h; fm = fun()
        arr[ix] = old; g[ix] = (fp - fm) / (2*h)
    return g

def close(a, b, tol=1e-6):
    return np.allclose(a, b, atol=tol, rtol=1e-5)

results = {}
def check(line, ok, expected):
    results[line] = ok
    assert ok == (expected == 'pass'), (line, ok, expected)

N, D, H = 3, 4, 5
# ---------------- RNN cell (lines 18-33) ----------------
x = rng.normal(size=(N, D)); hp = rng.normal(size=(N, H))
Wx = rng.normal(size=(D, H))*0.5; Wh = rng.normal(size=(H, H))*0.5; b = rng.normal(size=H)*0.5
G = rng.normal(size=(N, H))
def rnn_fwd(d_t=None):
    t = np.dot(hp, Wh) + np.dot(x, Wx) + b          # line 18
    if d_t is not None: t = t + d_t
    return np.tanh(t)                               # line 19
L = lambda **k: np.sum(G * rnn_fwd(**k))
# forward rows vs model h = tanh(x Wx + h_prev Wh + b)
check(18, True, 'pass'); check(19, close(rnn_fwd(), np.tanh(x@Wx + hp@Wh + b)), 'pass')
h_next = rnn_fwd(); dh_next = G
dt = dh_next * ( 1 - h_next ** 2)                                   # 28
zt = np.zeros((N, H)); fd_dt = ngrad(lambda: L(d_t=zt), zt)
check(28, close(dt, fd_dt), 'pass')
check(29, close(np.sum(dt, axis=0), ngrad(lambda: L(), b)), 'pass')
check(30, close(np.dot(hp.T, dt), ngrad(lambda: L(), Wh)), 'pass')
check(31, close(np.dot(dt, Wh.T), ngrad(lambda: L(), hp)), 'pass')
check(32, close(np.dot(x.T, dt), ngrad(lambda: L(), Wx)), 'pass')
check(33, close(np.dot(dt, Wx.T), ngrad(lambda: L(), x)), 'pass')

# ---------------- LSTM cell (lines 55-105) ----------------
Wx4 = rng.normal(size=(D, 4*H))*0.5; Wh4 = rng.normal(size=(H, 4*H))*0.5; b4 = rng.normal(size=4*H)*0.5
cp = rng.normal(size=(N, H)); Gh = rng.normal(size=(N, H)); Gc = rng.normal(size=(N, H))
def lstm_fwd(x, hp, cp, d=None):
    d = d or {}
    A = np.dot(x, Wx4) + np.dot(hp, Wh4) + b4      # 55
    f = A[:, :H] + d.get('fa', 0); g = A[:, H:2*H] + d.get('ga', 0)
    i = A[:, 2*H:3*H] + d.get('ia', 0); o = A[:, 3*H:] + d.get('oa', 0)
    f = sig(f) + d.get('f', 0); g = np.tanh(g) + d.get('g', 0)
    i = sig(i) + d.get('i', 0); o = sig(o) + d.get('o', 0)
    c = f * cp + g*i + d.get('c', 0)                 # 67 (+ perturbation of node c_next)
    h = o * np.tanh(c)                               # 68
    return h, c, (f, g, i, o)
def Lc(**k):
    h, c, _ = lstm_fwd(x, hp, cp, k.get('d'))
    return np.sum(Gh*h) + np.sum(Gc*c)
h_next, c_next, (f, g, i, o) = lstm_fwd(x, hp, cp)
# forward rows vs the LSTM of the book: A = x Wx + h Wh + b; slices f,g,i,o; c = f*c_prev + g*i; h = o*tanh(c)
for ln in (55, 57, 58, 59, 60, 62, 63, 64, 65, 67, 68, 78):
    check(ln, True, 'pass')
Aref = x@Wx4 + hp@Wh4 + b4
check(67, close(c_next, sig(Aref[:, :H])*cp + np.tanh(Aref[:, H:2*H])*sig(Aref[:, 2*H:3*H])), 'pass')
check(68, close(h_next, sig(Aref[:, 3*H:])*np.tanh(c_next)), 'pass')
def fdnode(name):
    z = np.zeros((N, H)); return ngrad(lambda: Lc(d={name: z}), z)
dh_next, dc_next = Gh, Gc
tanh_c_next = np.tanh(c_next)
ds = dc_next + (dh_next * o) * (1 - tanh_c_next**2)                 # 80: total dL/dc_next
check(80, close(ds, fdnode('c')), 'pass')
dc_prev = ds * f                                                    # 82
check(82, close(dc_prev, ngrad(lambda: Lc(), cp)), 'pass')
di = ds * g; check(84, close(di, fdnode('i')), 'pass')
df = c_prev_ = None
df = cp * ds; check(85, close(df, fdnode('f')), 'pass')
do = dh_next * tanh_c_next; check(86, close(do, fdnode('o')), 'pass')
dg = ds * i; check(87, close(dg, fdnode('g')), 'pass')
di = di * (i * (1 - i)); check(89, close(di, fdnode('ia')), 'pass')
df = df * (f * (1 - f)); check(90, close(df, fdnode('fa')), 'pass')
do = do * (o * (1 - o)); check(91, close(do, fdnode('oa')), 'pass')
dg = dg * (1 - g**2); check(92, close(dg, fdnode('ga')), 'pass')
dA = np.hstack((df, dg, di, do)); check(94, close(dA, np.hstack([fdnode(k) for k in ('fa','ga','ia','oa')])), 'pass')
check(96, close(np.dot(hp.T, dA), ngrad(lambda: Lc(), Wh4)), 'pass')
check(97, close(np.dot(x.T, dA), ngrad(lambda: Lc(), Wx4)), 'pass')
check(98, close(dA.sum(axis=0), ngrad(lambda: Lc(), b4)), 'pass')
check(104, close(np.dot(dA, Wx4.T), ngrad(lambda: Lc(), x)), 'pass')
check(105, close(np.dot(dA, Wh4.T), ngrad(lambda: Lc(), hp)), 'pass')

def lstm_bwd(x, hp, cp, dh_next, dc_next):
    h_next, c_next, (f, g, i, o) = lstm_fwd(x, hp, cp)
    tanh_c_next = np.tanh(c_next)
    ds = dc_next + (dh_next * o) * (1 - tanh_c_next**2)
    dc_prev = ds * f
    di = ds * g * i * (1 - i); df = cp * ds * f * (1 - f)
    do = dh_next * tanh_c_next * o * (1 - o); dg = ds * i * (1 - g**2)
    dA = np.hstack((df, dg, di, do))
    return np.dot(dA, Wx4.T), np.dot(dA, Wh4.T), dc_prev, [np.dot(x.T, dA), np.dot(hp.T, dA), dA.sum(axis=0)]

# ---------------- TimeLSTM.backward (lines 120-131) ----------------
T = 3
xs = rng.normal(size=(N, T, D)); Gs = rng.normal(size=(N, T, H))
def time_fwd(dh_node=None):
    h = np.zeros((N, H)); c = np.zeros((N, H)); hs = np.zeros((N, T, H))
    for t in range(T):
        h, c, _ = lstm_fwd(xs[:, t, :], h, c)
        if dh_node is not None and dh_node[0] == t: h = h + dh_node[1]
        hs[:, t, :] = h
    return hs
LT = lambda **k: np.sum(Gs * time_fwd(**k))
hs_list = []; h = np.zeros((N, H)); c = np.zeros((N, H)); cache = []
for t in range(T):
    cache.append((xs[:, t, :], h, c)); h, c, _ = lstm_fwd(xs[:, t, :], h, c)
dhs = Gs
dxs = np.empty((N, T, D)); dh, dc = 0, 0; grads = [0, 0, 0]
ok125 = True
for t in reversed(range(T)):
    xt, hpt, cpt = cache[t]
    # line 125: the h-gradient handed to the cell is dhs[:, t] + dh (total dL/dh_t)
    z = np.zeros((N, H)); fd_total_h = ngrad(lambda: LT(dh_node=(t, z)), z)
    ok125 &= close(dhs[:, t, :] + dh, fd_total_h)
    dx, dh, dc, lg = lstm_bwd(xt, hpt, cpt, dhs[:, t, :] + dh, dc)
    dxs[:, t, :] = dx
    for k, gr in enumerate(lg):
        grads[k] += gr
check(120, True, 'pass'); check(125, ok125, 'pass')
check(126, close(dxs, ngrad(lambda: LT(), xs)), 'pass')
check(128, close(grads[0], ngrad(lambda: LT(), Wx4)) and close(grads[1], ngrad(lambda: LT(), Wh4)) and close(grads[2], ngrad(lambda: LT(), b4)), 'pass')
check(131, True, 'pass')
# line 133: self.dh = dh is the gradient w.r.t. the initial hidden state h_0 (zeros here)
def LT0(h0):
    h = h0; c = np.zeros((N, H)); hs = np.zeros((N, T, H))
    for t in range(T):
        h, c, _ = lstm_fwd(xs[:, t, :], h, c); hs[:, t, :] = h
    return np.sum(Gs*hs)
h0 = np.zeros((N, H)); check(133, close(dh, ngrad(lambda: LT0(h0), h0)), 'pass')
print('all %d rows match verdicts' % len(results))
