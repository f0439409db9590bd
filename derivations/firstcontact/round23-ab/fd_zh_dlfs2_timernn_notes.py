"""FD check of the Chinese-commented DLFS2-style RNN / TimeRNN (code-index file id 71242268331).
Row layout: x [N,D], h [N,H], Wx [D,H], Wh [H,H], b [H]; t = x Wx + h_prev Wh + b, h = tanh(t).
Single-step rows use L1 = sum(dh_next*h_next); TimeRNN rows use L = sum(dhs*hs) over T steps, h_0 = 0.
Each row is checked locally (its inputs taken as correct); the loop-order row is checked as written."""
import numpy as np
rng = np.random.default_rng(3)
N, D, H, T = 3, 4, 5, 4
Wx = rng.normal(size=(D, H))*0.6; Wh = rng.normal(size=(H, H))*0.6; b = rng.normal(size=H)*0.3
def ng(fun, a0, h=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += h; am = a0.copy(); am[idx] -= h
        g[idx] = (fun(ap) - fun(am))/(2*h)
    return g
def rep(line, ok):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
close = lambda a, c: a.shape == c.shape and np.allclose(a, c, atol=1e-6, rtol=1e-5)

# ---- single RNN step ----
x = rng.normal(size=(N, D)); h_prev = rng.normal(size=(N, H)); dh_next = rng.normal(size=(N, H))
def step(x=x, h_prev=h_prev, Wx=Wx, Wh=Wh, b=b, et=0):
    t = np.dot(x, Wx) + np.dot(h_prev, Wh) + b + et
    return np.tanh(t)
L1 = lambda **kw: np.sum(dh_next*step(**kw))
t = np.dot(x, Wx) + np.dot(h_prev, Wh) + b
rep(23, close(t, np.einsum('nd,dh->nh', x, Wx) + np.einsum('nk,kh->nh', h_prev, Wh) + b))
h_next = np.tanh(t); rep(24, close(h_next, step()))
dt = dh_next*(1 - h_next**2); rep(39, close(dt, ng(lambda a: L1(et=a), np.zeros((N, H)))))
db = np.sum(dt, axis=1); gb = ng(lambda a: L1(b=a), b)
rep(42, close(db, gb))
print("  (info) db shape", db.shape, "vs true", gb.shape, "; axis=0 would match:", close(np.sum(dt, axis=0), gb))
dWh = np.dot(h_prev.T, dt); rep(45, close(dWh, ng(lambda a: L1(Wh=a), Wh)))
dh_prev = np.dot(dt, Wh.T); rep(48, close(dh_prev, ng(lambda a: L1(h_prev=a), h_prev)))
dWx = np.dot(x.T, dt); rep(51, close(dWx, ng(lambda a: L1(Wx=a), Wx)))
dx = np.dot(dt, Wx.T); rep(54, close(dx, ng(lambda a: L1(x=a), x)))

# ---- TimeRNN ----
xs = rng.normal(size=(N, T, D)); dhs = rng.normal(size=(N, T, H))
def time_fwd(xs=xs, Wx=Wx, Wh=Wh, b=b, h0=None):
    h = np.zeros((N, H)) if h0 is None else h0
    hs = np.empty((N, T, H)); cache = []
    for k in range(T):
        hp = h; h = np.tanh(xs[:, k, :] @ Wx + hp @ Wh + b)
        hs[:, k, :] = h; cache.append((xs[:, k, :], hp, h))
    return hs, cache
L = lambda **kw: np.sum(dhs*time_fwd(**kw)[0])
hs, cache = time_fwd()
# 117: h_0 = zeros (non-stateful start): forward definition
rep(117, close(hs[:, 0, :], np.tanh(xs[:, 0, :] @ Wx + b)))
# 126/127: recurrence h_t = RNN(x_t, h_{t-1}) stored in hs
rep(126, all(close(hs[:, k, :], np.tanh(xs[:, k, :] @ Wx + hs[:, k-1, :] @ Wh + b)) for k in range(1, T)))
rep(127, close(hs, time_fwd()[0]))

def cell_back(c, dhn):   # correct per-step backward (axis=0 bias)
    x_, hp, hn = c
    dt = dhn*(1 - hn**2)
    return np.dot(dt, Wx.T), np.dot(dt, Wh.T), [np.dot(x_.T, dt), np.dot(hp.T, dt), dt.sum(0)]
true_dxs = ng(lambda a: L(xs=a), xs)
# 148 as written: loop t = 0..T-1 (forward order), dh carried from step t to step t+1
dxs = np.empty((N, T, D)); dh = 0
for k in range(T):
    dxk, dh, _ = cell_back(cache[k], dhs[:, k, :] + dh); dxs[:, k, :] = dxk
rep(148, close(dxs, true_dxs))
dxs_r = np.empty((N, T, D)); dh = 0; grads = [0, 0, 0]
for k in reversed(range(T)):
    dxk, dh, g = cell_back(cache[k], dhs[:, k, :] + dh); dxs_r[:, k, :] = dxk
    for i, gr in enumerate(g):
        grads[i] += gr
print("  (info) reversed(range(T)) order would match FD:", close(dxs_r, true_dxs))
# 156/159: total parameter gradient = sum over steps of per-step gradients (checked with correct per-step grads)
ok = close(grads[0], ng(lambda a: L(Wx=a), Wx)) and close(grads[1], ng(lambda a: L(Wh=a), Wh)) and close(grads[2], ng(lambda a: L(b=a), b))
rep(156, ok); rep(159, ok)
