# Finite-difference check of shinywings_time_rnn.md (RNN.py + TimeRNN.py, DLfS2-style row layout).
# Author's forward/backward are re-typed below as written; loss L = sum(G * hs) with a fixed random G,
# so dhs = G is dL/dhs. Compares TimeRNN.backward's grads and dxs (and RNN.backward per step) with central differences.
import numpy as np
rng = np.random.default_rng(1)
N, T, D, H = 3, 4, 3, 5
Wx = rng.normal(size=(D, H))*0.6; Wh = rng.normal(size=(H, H))*0.6; b = rng.normal(size=H)*0.3
xs = rng.normal(size=(N, T, D)); G = rng.normal(size=(N, T, H))

class RNN:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]; self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
    def forward(self, x, h_prev):
        Wx, Wh, b = self.params
        t = np.matmul(h_prev, Wh) + np.matmul(x, Wx) + b
        h_next = np.tanh(t); self.cache = (x, h_prev, h_next); return h_next
    def backward(self, dh_next):
        Wx, Wh, b = self.params; x, h_prev, h_next = self.cache
        dt = dh_next*(1 - h_next**2)
        db = np.sum(dt, axis=0)
        dWh = np.matmul(h_prev.T, dt)
        dh_prev = np.matmul(dt, Wh.T)
        dWx = np.matmul(x.T, dt)
        dx = np.matmul(dt, Wx.T)
        self.grads[0][...] = dWx; self.grads[1][...] = dWh; self.grads[2][...] = db
        return dx, dh_prev

def time_forward(Wx, Wh, b, xs, h0=None):
    layers = []; h = np.zeros((N, H)) if h0 is None else h0; hs = np.empty((N, T, H))
    for t in range(T):
        layer = RNN(Wx, Wh, b); h = layer.forward(xs[:, t, :], h); hs[:, t, :] = h; layers.append(layer)
    return hs, layers
def time_backward(layers, dhs):
    dxs = np.empty((N, T, D)); dh = 0; grads = [0, 0, 0]
    for t in reversed(range(T)):
        layer = layers[t]
        dx, dh = layer.backward(dhs[:, t, :] + dh)
        dxs[:, t, :] = dx
        for i, grad in enumerate(layer.grads):
            grads[i] += grad
    return grads, dxs, dh

def loss(Wx, Wh, b, xs, h0=None): return np.sum(G*time_forward(Wx, Wh, b, xs, h0)[0])
def fd(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        old = A[i]; A[i] = old+eps; lp = f(); A[i] = old-eps; lm = f(); A[i] = old; g[i] = (lp-lm)/(2*eps)
    return g
hs, layers = time_forward(Wx, Wh, b, xs)
grads, dxs, dh0 = time_backward(layers, G)
h0 = np.zeros((N, H))
checks = [("line 128/131 total dWx (sum over t of line-36 dWx)", grads[0], fd(lambda: loss(Wx, Wh, b, xs), Wx)),
          ("line 128/131 total dWh (sum over t of line-34 dWh)", grads[1], fd(lambda: loss(Wx, Wh, b, xs), Wh)),
          ("line 128/131 total db  (sum over t of line-33 db)", grads[2], fd(lambda: loss(Wx, Wh, b, xs), b)),
          ("line 37/125 dxs", dxs, fd(lambda: loss(Wx, Wh, b, xs), xs)),
          ("line 35/132 dh (dL/dh0)", dh0, fd(lambda: loss(Wx, Wh, b, xs, h0), h0))]
for name, a, r in checks:
    print("%-55s max|diff| = %.2e  %s" % (name, np.max(np.abs(a-r)), 'AGREE' if np.allclose(a, r, atol=1e-6) else 'DIFFER'))
# line 122 without the '+ dh' (what dropping the recursion would give) for contrast
dxs2 = np.empty((N, T, D)); g2 = [0, 0, 0]
hs, layers = time_forward(Wx, Wh, b, xs)
for t in reversed(range(T)):
    dx, _ = layers[t].backward(G[:, t, :])
    for i, gr in enumerate(layers[t].grads): g2[i] += gr
print("contrast: dWh without '+ dh' in line 122, max|diff| vs fd = %.2e (should DIFFER)" % np.max(np.abs(g2[1]-checks[1][2])))
