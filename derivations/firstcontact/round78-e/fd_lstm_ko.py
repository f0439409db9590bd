# Finite-difference check of lstm_ko.py: the author's RNN/TimeRNN and LSTM/TimeLSTM (row-vector layout,
# gate order f, g, i, o in A) re-typed with numpy only; loss L = sum(hs * R) for a fixed random R, so dhs = R.
import numpy as np
sigmoid = lambda x: 1 / (1 + np.exp(-x))

def rnn_fwd(x, h_prev, Wx, Wh, b):
    t = np.dot(h_prev, Wh) + np.dot(x, Wx) + b            # line 16
    return np.tanh(t)                                     # line 17
def rnn_bwd(dh_next, x, h_prev, h_next, Wx, Wh):
    dt = dh_next * (1 - h_next ** 2)                      # line 26
    db = np.sum(dt, axis=0)                               # line 27
    dWh = np.dot(h_prev.T, dt)                            # line 28
    dh_prev = np.dot(dt, Wh.T)                            # line 29
    dWx = np.dot(x.T, dt)                                 # line 30
    dx = np.dot(dt, Wx.T)                                 # line 31
    return dx, dh_prev, [dWx, dWh, db]

def lstm_fwd(x, h_prev, c_prev, Wx, Wh, b):
    H = h_prev.shape[1]
    A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b            # line 116
    f, g, i, o = A[:, :H], A[:, H:2*H], A[:, 2*H:3*H], A[:, 3*H:]   # lines 118-121
    f = sigmoid(f); g = np.tanh(g); i = sigmoid(i); o = sigmoid(o) # lines 123-126
    c_next = f * c_prev + g * i                           # line 128
    h_next = o * np.tanh(c_next)                          # line 129
    return h_next, c_next, (x, h_prev, c_prev, i, f, g, o, c_next)
def lstm_bwd(dh_next, dc_next, cache, Wx, Wh):
    x, h_prev, c_prev, i, f, g, o, c_next = cache
    tanh_c_next = np.tanh(c_next)                         # line 138
    ds = dc_next + (dh_next * o) * (1 - tanh_c_next ** 2) # line 140
    dc_prev = ds * f                                      # line 142
    di = ds * g; df = ds * c_prev                         # lines 144-145
    do = dh_next * tanh_c_next; dg = ds * i               # lines 146-147
    di *= i * (1 - i); df *= f * (1 - f)                  # lines 149-150
    do *= o * (1 - o); dg *= (1 - g ** 2)                 # lines 151-152
    dA = np.hstack((df, dg, di, do))                      # line 154
    dWh = np.dot(h_prev.T, dA)                            # line 156
    dWx = np.dot(x.T, dA)                                 # line 157
    db = dA.sum(axis=0)                                   # line 158
    dx = np.dot(dA, Wx.T)                                 # line 164
    dh_prev = np.dot(dA, Wh.T)                            # line 165
    return dx, dh_prev, dc_prev, [dWx, dWh, db]

def time_rnn(xs, P, h0):
    N, T, D = xs.shape; h = h0; hs = []; caches = []
    for t in range(T):
        hn = rnn_fwd(xs[:, t, :], h, *P); caches.append((xs[:, t, :], h, hn)); h = hn; hs.append(h)   # line 62
    return np.stack(hs, 1), caches
def time_rnn_bwd(dhs, caches, P):
    T = dhs.shape[1]; dh = 0; grads = [0, 0, 0]; dxs = []
    for t in reversed(range(T)):
        x, hp, hn = caches[t]
        dx, dh, gr = rnn_bwd(dhs[:, t, :] + dh, x, hp, hn, P[0], P[1])   # line 78
        dxs.insert(0, dx)
        for k in range(3): grads[k] += gr[k]                               # line 82
    return np.stack(dxs, 1), dh, grads
def time_lstm(xs, P, h0, c0):
    N, T, D = xs.shape; h, c = h0, c0; hs = []; caches = []
    for t in range(T):
        h, c, ca = lstm_fwd(xs[:, t, :], h, c, *P); caches.append(ca); hs.append(h)   # line 266
    return np.stack(hs, 1), caches
def time_lstm_bwd(dhs, caches, P):
    T = dhs.shape[1]; dh, dc = 0, 0; grads = [0, 0, 0]; dxs = []
    for t in reversed(range(T)):
        dx, dh, dc, gr = lstm_bwd(dhs[:, t, :] + dh, dc, caches[t], P[0], P[1])   # line 302/351
        dxs.insert(0, dx)
        for k in range(3): grads[k] += gr[k]                                     # line 305/354
    return np.stack(dxs, 1), dh, dc, grads

def fd(f, P, eps=1e-6):
    G = np.zeros_like(P); it = np.nditer(P, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; old = P[i]
        P[i] = old + eps; fp = f(); P[i] = old - eps; fm = f(); P[i] = old
        G[i] = (fp - fm) / (2 * eps)
    return G
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
rng = np.random.default_rng(1)
N, T, D, H = 2, 4, 3, 5
xs = rng.normal(size=(N, T, D)); R = rng.normal(size=(N, T, H))
h0 = rng.normal(size=(N, H)); c0 = rng.normal(size=(N, H))

P = [rng.normal(scale=.5, size=(D, H)), rng.normal(scale=.5, size=(H, H)), rng.normal(scale=.1, size=H)]
L = lambda: np.sum(time_rnn(xs, P, h0)[0] * R)
hs, ca = time_rnn(xs, P, h0); dxs, dh0, gr = time_rnn_bwd(R, ca, P)
for k, nm in enumerate(["dWx (line 30, summed line 82)", "dWh (line 28)", "db (line 27)"]):
    print("TimeRNN", nm, "agree=", ok(gr[k], fd(L, P[k])))
print("TimeRNN dxs (line 31)", "agree=", ok(dxs, fd(L, xs)))
print("TimeRNN dh0 (line 29, carried by line 78)", "agree=", ok(dh0, fd(L, h0)))

P = [rng.normal(scale=.5, size=(D, 4*H)), rng.normal(scale=.5, size=(H, 4*H)), rng.normal(scale=.1, size=4*H)]
L = lambda: np.sum(time_lstm(xs, P, h0, c0)[0] * R)
hs, ca = time_lstm(xs, P, h0, c0); dxs, dh0, dc0, gr = time_lstm_bwd(R, ca, P)
for k, nm in enumerate(["dWx (line 157)", "dWh (line 156)", "db (line 158)"]):
    print("TimeLSTM", nm, "agree=", ok(gr[k], fd(L, P[k])))
print("TimeLSTM dxs (line 164)", "agree=", ok(dxs, fd(L, xs)))
print("TimeLSTM dh0 (line 165)", "agree=", ok(dh0, fd(L, h0)))
print("TimeLSTM dc0 (line 142 via 140)", "agree=", ok(dc0, fd(L, c0)))
