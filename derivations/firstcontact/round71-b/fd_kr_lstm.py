# Finite-difference check of kr_lstm.py (LSTM / TimeLSTM), numpy only. Gate order [f, g, i, o].
import numpy as np
rng = np.random.default_rng(2)
sigmoid = lambda x: 1 / (1 + np.exp(-x)); tanh = np.tanh; matmul = np.matmul
N, D, H, T = 2, 3, 4, 3
wx = rng.normal(size=(D, 4*H)) * .6; wh = rng.normal(size=(H, 4*H)) * .6; b = rng.normal(size=4*H) * .3
xs = rng.normal(size=(N, T, D)); h0 = rng.normal(size=(N, H)) * .5; c0 = rng.normal(size=(N, H)) * .5
Gh = rng.normal(size=(N, T, H)); Gc = rng.normal(size=(N, H))   # L = sum(Gh*hs) + sum(Gc*c_T)

def fwd(x, h_prev, c_prev):
    A = matmul(x, wx) + matmul(h_prev, wh) + b                    # 41
    f, g, i, o = A[:, :H], A[:, H:2*H], A[:, 2*H:3*H], A[:, 3*H:]   # 44-47
    f = sigmoid(f); g = tanh(g); i = sigmoid(i); o = sigmoid(o)   # 50-53
    c_next = c_prev * f + (g * i)                                 # 56
    h_next = o * tanh(c_next)                                     # 57
    return h_next, c_next, (x, h_prev, c_prev, i, f, g, o, c_next)

def bwd(dh_next, dc_next, cache):                                 # lines 77-121 as written
    x, h_prev, c_prev, i, f, g, o, c_next = cache
    th = tanh(c_next); do = th * dh_next; dth = o * dh_next       # 81-83
    _dc_next = (1 - th ** 2) * dth                                # 86
    ds = dc_next + _dc_next                                       # 89
    dc_prev = f * ds; df = c_prev * ds                            # 92-93
    dg = i * ds; di = g * ds                                      # 96-97
    df *= f * (1 - f); dg *= (1 - g ** 2); di *= i * (1 - i); do *= o * (1 - o)   # 100-103
    dA = np.hstack((df, dg, di, do))                              # 107
    dwx = np.dot(x.T, dA); dwh = np.dot(h_prev.T, dA); db = dA.sum(axis=0)        # 110-112
    dx = np.dot(dA, wx.T); dh_prev = np.dot(dA, wh.T)             # 120-121
    return dx, dh_prev, dc_prev, (dwx, dwh, db)

def loss():
    h, c = h0, c0; L = 0
    for t in range(T):
        h, c, _ = fwd(xs[:, t, :], h, c); L += np.sum(Gh[:, t, :] * h)   # 180
    return L + np.sum(Gc * c)

def time_backward():                                              # TimeLSTM.backward 196-215, with dc initialised to Gc
    h, c = h0, c0; caches = []
    for t in range(T):
        h, c, ca = fwd(xs[:, t, :], h, c); caches.append(ca)
    dh, dc = 0, Gc; grads = [0, 0, 0]; dxs = np.empty_like(xs)
    for t in reversed(range(T)):
        dh_next = Gh[:, t, :] + dh                                # 206
        dc_next = dc                                              # 207
        dx, dh, dc, gr = bwd(dh_next, dc_next, caches[t])         # 208
        dxs[:, t, :] = dx
        for k, g in enumerate(gr): grads[k] = grads[k] + g        # 212
    return grads, dxs, dh, dc

def fd(A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(*A.shape):
        old = A[idx]; A[idx] = old + eps; fp = loss(); A[idx] = old - eps; fm = loss(); A[idx] = old; g[idx] = (fp - fm) / (2*eps)
    return g

def report(name, a, b_, tol=1e-5):
    err = np.max(np.abs(a - b_)) / max(1e-12, np.max(np.abs(b_)))
    print(f"{name:55s} {'AGREE' if err < tol else 'DIFFER'} (rel.err {err:.2e})")

(gwx, gwh, gb), dxs, dh0, dc0 = time_backward()
nwx, nwh, nb, nxs, nh0, nc0 = fd(wx), fd(wh), fd(b), fd(xs), fd(h0), fd(c0)
for name, sl in (('f', slice(0, H)), ('g', slice(H, 2*H)), ('i', slice(2*H, 3*H)), ('o', slice(3*H, 4*H))):
    report(f"dwx [{name} block] (lines 100-110)", gwx[:, sl], nwx[:, sl])
    report(f"dwh [{name} block] (line 111)", gwh[:, sl], nwh[:, sl])
    report(f"db  [{name} block] (line 112)", gb[sl], nb[sl])
report("dxs (line 120)", dxs, nxs)
report("dh into h0 (line 121, recursion 206)", dh0, nh0)
report("dc into c0 (line 92, recursion 207)", dc0, nc0)
