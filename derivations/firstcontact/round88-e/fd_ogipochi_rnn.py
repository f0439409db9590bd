# FD check of ogipochi_rnn.md (single RNN step, row-vector layout, h_next = tanh(h_prev@Wh + x@Wx + b)).
# Loss L = sum(G * h_next) with a fixed random G, so dL/dh_next = G (the author's dh_next).
import numpy as np
rng = np.random.default_rng(0)
N, D, H = 3, 4, 5
Wx = rng.normal(size=(D, H)); Wh = rng.normal(size=(H, H)); b = rng.normal(size=H)
x = rng.normal(size=(N, D)); h_prev = rng.normal(size=(N, H)); G = rng.normal(size=(N, H))

def fwd(Wx, Wh, b, x, h_prev):
    t = np.dot(h_prev, Wh) + np.dot(x, Wx) + b          # line 29
    return np.tanh(t)                                      # line 30
def L(Wx, Wh, b, x, h_prev): return np.sum(G * fwd(Wx, Wh, b, x, h_prev))

def num(f, P, eps=1e-6):
    g = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old + eps; lp = f(); P[idx] = old - eps; lm = f(); P[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g

# author's backward (lines 41-46, 48-50)
h_next = fwd(Wx, Wh, b, x, h_prev); dh_next = G
dt = dh_next * (1 - h_next ** 2)          # 41
db = np.sum(dt, axis=0)                   # 42
dWh = np.sum(dt, axis=0)                  # 43
dh_prev = np.dot(dt, Wh.T)                # 44
dWx = np.dot(x.T, dt)                     # 45
dx = np.dot(dt, Wx.T)                     # 46
grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
grads[0][...] = dWx                       # 48
grads[1][...] = dWh                       # 49 (broadcasts (H,) over the rows of (H,H))
grads[2][...] = db                        # 50

f = lambda: L(Wx, Wh, b, x, h_prev)
# dt = dL/dt: perturb t directly
t0 = np.dot(h_prev, Wh) + np.dot(x, Wx) + b
num_dt = num(lambda: np.sum(G * np.tanh(t0)), t0)
checks = [
    ("line 41 dt = dL/dt", dt, num_dt),
    ("line 42 db", db, num(f, b)),
    ("line 43 dWh = np.sum(dt,axis=0)", dWh, num(f, Wh)),
    ("line 44 dh_prev", dh_prev, num(f, h_prev)),
    ("line 45 dWx", dWx, num(f, Wx)),
    ("line 46 dx", dx, num(f, x)),
    ("line 48 grads[0] (dWx stored)", grads[0], num(f, Wx)),
    ("line 49 grads[1] (dWh stored)", grads[1], num(f, Wh)),
    ("line 50 grads[2] (db stored)", grads[2], num(f, b)),
]
for name, a, n in checks:
    a = np.broadcast_to(a, n.shape) if a.shape != n.shape else a
    ok = np.allclose(a, n, rtol=1e-5, atol=1e-7)
    print(f"{'AGREE   ' if ok else 'DISAGREE'} {name}  shape author {np.shape(a)} vs FD {n.shape}  max|diff|={np.max(np.abs(a-n)):.2e}")
print("correct dWh = h_prev.T @ dt agrees:", np.allclose(np.dot(h_prev.T, dt), num(f, Wh), rtol=1e-5, atol=1e-7))
