# numpy (py3) re-implementation of the author's LSTM functions (xrange -> range), formulas as written,
# checked against central finite differences.
import numpy as np
rng = np.random.default_rng(1)
N, T, D, H = 3, 4, 5, 4

def itanh(x): return 1 - np.tanh(x) ** 2                       # line 11
def sigmoid(x): return 1 / (1 + np.exp(-x))                    # lines 20-27 (stable form, same values)
def isigmoid(x): return sigmoid(x) * (1 - sigmoid(x))          # line 14

def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    H = prev_h.shape[1]
    score = x.dot(Wx) + prev_h.dot(Wh) + b.reshape([1, -1])    # line 58
    i = sigmoid(score[:, 0:H]); f = sigmoid(score[:, H:2*H])   # 59, 60
    o = sigmoid(score[:, 2*H:3*H]); g = np.tanh(score[:, 3*H:4*H])  # 61, 62
    next_c = f * prev_c + i * g                                # 64
    next_h = o * np.tanh(next_c)                               # 65
    return next_h, next_c, [i, f, o, g, next_c, score, prev_c, prev_h, x, Wx, Wh]

def lstm_step_backward(dnext_h, dnext_c, cache, parts=None):
    i, f, o, g, next_c, score, prev_c, prev_h, x, Wx, Wh = cache
    N, H = dnext_h.shape
    dprev_c = dnext_c * f + dnext_h * o * itanh(next_c) * f                                  # 115
    dnext_c_dscore = np.concatenate((g * isigmoid(score[:, 0:H]),
                                     prev_c * isigmoid(score[:, H:2*H]),
                                     np.zeros([N, H]),
                                     i * itanh(score[:, 3*H:4*H])), axis=1)                  # 117-120
    dscore = np.tile(dnext_c + (dnext_h * o * itanh(next_c)), 4) * dnext_c_dscore           # 122
    if parts is not None: parts['dscore_122'] = dscore.copy()
    dscore[:, 2*H:3*H] += dnext_h * np.tanh(next_c) * isigmoid(score[:, 2*H:3*H])           # 123
    if parts is not None: parts['dscore_123'] = dscore.copy()
    dx = dscore.dot(Wx.T); dWx = x.T.dot(dscore)                                              # 125, 126
    dprev_h = dscore.dot(Wh.T); dWh = prev_h.T.dot(dscore)                                    # 127, 128
    db = np.sum(dscore, axis=0).reshape([-1, ])                                               # 129
    return dx, dprev_h, dprev_c, dWx, dWh, db

def lstm_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape; H = h0.shape[1]
    prev_h = h0; prev_c = np.zeros([N, H]); h = np.zeros([N, T, H]); cache = []
    for cnt1 in range(T):
        prev_h, prev_c, cache1 = lstm_step_forward(x[:, cnt1, :], prev_h, prev_c, Wx, Wh, b)  # 176
        h[:, cnt1, :] = prev_h                                                                 # 177
        cache.append(cache1)
    return h, cache

def lstm_backward(dh, cache):
    N, T, H = dh.shape; D = cache[0][8].shape[1]
    dnext_h = dh[:, T-1, :]; dnext_c = np.zeros([N, H])                                       # 211
    dx = np.zeros([N, T, D]); dWx = np.zeros([D, 4*H]); dWh = np.zeros([H, 4*H]); db = np.zeros([4*H, ])
    for cnt1 in range(T):
        dx1, dprev_h, dprev_c, dWx1, dWh1, db1 = lstm_step_backward(dnext_h, dnext_c, cache[T-cnt1-1])  # 220
        dWx += dWx1; dWh += dWh1; db += db1                                                    # 221-223
        dx[:, T-cnt1-1, :] = dx1                                                               # 224
        dnext_h = dprev_h + dh[:, T-cnt1-2, :]                                                 # 225
        dnext_c = dprev_c                                                                      # 226
    dh0 = dprev_h                                                                              # 228
    return dx, dh0, dWx, dWh, db

def num_grad(f, a, eps=1e-6):
    g = np.zeros_like(a); it = np.nditer(a, flags=['multi_index'])
    for _ in it:
        k = it.multi_index; old = a[k]
        a[k] = old + eps; fp = f(); a[k] = old - eps; fm = f(); a[k] = old
        g[k] = (fp - fm) / (2 * eps)
    return g
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
def report(name, a, b):
    r = rel(a, b); print(f"{name:46s} rel.err {r:.2e}  {'AGREES' if r < 1e-6 else 'DISAGREES'}")

x = rng.standard_normal((N, D)); ph = rng.standard_normal((N, H)); pc = rng.standard_normal((N, H))
Wx = rng.standard_normal((D, 4*H)) * 0.5; Wh = rng.standard_normal((H, 4*H)) * 0.5; b = rng.standard_normal(4*H)
Uh = rng.standard_normal((N, H)); Uc = rng.standard_normal((N, H))
def Ls():
    nh, nc, _ = lstm_step_forward(x, ph, pc, Wx, Wh, b); return np.sum(Uh * nh) + np.sum(Uc * nc)
nh, nc, c = lstm_step_forward(x, ph, pc, Wx, Wh, b)
parts = {}
dx, dph, dpc, dWx, dWh, db = lstm_step_backward(Uh, Uc, c, parts)
print("lstm_step_backward, L = sum(Uh*next_h) + sum(Uc*next_c):")
score = c[5].copy()
def Lsc():
    i = sigmoid(score[:, 0:H]); f = sigmoid(score[:, H:2*H]); o = sigmoid(score[:, 2*H:3*H]); g = np.tanh(score[:, 3*H:])
    ncc = f * pc + i * g; return np.sum(Uh * o * np.tanh(ncc)) + np.sum(Uc * ncc)
ds_num = num_grad(Lsc, score)
report("line 123 dscore (= dL/dscore, after +=)", parts['dscore_123'], ds_num)
m = np.ones(4*H, bool); m[2*H:3*H] = False
report("line 122 dscore blocks i,f,g", parts['dscore_122'][:, m], ds_num[:, m])
report("line 115 dprev_c", dpc, num_grad(Ls, pc))
report("line 125 dx", dx, num_grad(Ls, x)); report("line 126 dWx", dWx, num_grad(Ls, Wx))
report("line 127 dprev_h", dph, num_grad(Ls, ph)); report("line 128 dWh", dWh, num_grad(Ls, Wh))
report("line 129 db", db, num_grad(Ls, b))

xs = rng.standard_normal((N, T, D)); h0 = rng.standard_normal((N, H)); G = rng.standard_normal((N, T, H))
Lq = lambda: np.sum(G * lstm_forward(xs, h0, Wx, Wh, b)[0])
h, cache = lstm_forward(xs, h0, Wx, Wh, b)
dx, dh0, dWx, dWh, db = lstm_backward(G, cache)
print("lstm_backward over T steps, L = sum(G*h):")
report("dx (line 224)", dx, num_grad(Lq, xs)); report("dh0 (line 228)", dh0, num_grad(Lq, h0))
report("dWx (line 221)", dWx, num_grad(Lq, Wx)); report("dWh (line 222)", dWh, num_grad(Lq, Wh)); report("db (line 223)", db, num_grad(Lq, b))
