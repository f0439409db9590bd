# Finite-difference check of the GRU in numpy_rnn_gru_zh.py (row-vector batch layout), numpy only.
import numpy as np
rng = np.random.default_rng(1)
D, H, V, B, T = 4, 5, 4, 3, 4
def sig(x): return 1 / (1 + np.exp(-np.clip(x, -500, 500)))
def softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True)); return e / np.sum(e, axis=-1, keepdims=True)
P = {'Wr': rng.normal(size=(D + H, H)) * 0.5, 'br': rng.normal(size=(1, H)) * 0.1,
     'Wz': rng.normal(size=(D + H, H)) * 0.5, 'bz': rng.normal(size=(1, H)) * 0.1,
     'Wh': rng.normal(size=(D + H, H)) * 0.5, 'bh': rng.normal(size=(1, H)) * 0.1,
     'Wy': rng.normal(size=(H, V)) * 0.5, 'by': rng.normal(size=(1, V)) * 0.1}
X = rng.normal(size=(T, B, D)); targets = rng.integers(0, V, size=(T, B))

def step_forward(x, h_prev):
    concat = np.concatenate([x, h_prev], axis=1)                       # line 105
    r = sig(np.dot(concat, P['Wr']) + P['br'])                          # line 108
    z = sig(np.dot(concat, P['Wz']) + P['bz'])                          # line 111
    concat_reset = np.concatenate([x, r * h_prev], axis=1)              # line 114
    h_tilde = np.tanh(np.dot(concat_reset, P['Wh']) + P['bh'])          # line 115
    h_next = (1 - z) * h_prev + z * h_tilde                             # line 118
    y = np.dot(h_next, P['Wy']) + P['by']                               # line 121
    return h_next, y, dict(x=x, h_prev=h_prev, concat=concat, r=r, z=z,
                           concat_reset=concat_reset, h_tilde=h_tilde, h_next=h_next)

def forward():
    h = np.zeros((B, H)); outs, caches = [], []
    for t in range(T):
        h, y, c = step_forward(X[t], h); outs.append(y); caches.append(c)
    return outs, caches

def loss_fn():
    outs, _ = forward(); L = 0
    for t in range(T):
        probs = softmax(outs[t]); L += -np.mean(np.log(probs[range(B), targets[t]]))   # line 306
    return L

def step_backward(c, dy, dh_next):        # author's formulas, lines 154-188 (no clipping, no update)
    x, h_prev, concat, r, z = c['x'], c['h_prev'], c['concat'], c['r'], c['z']
    concat_reset, h_tilde, h_next = c['concat_reset'], c['h_tilde'], c['h_next']
    g = {}
    g['Wy'] = np.dot(h_next.T, dy); g['by'] = np.sum(dy, axis=0, keepdims=True)
    dh = np.dot(dy, P['Wy'].T) + dh_next
    dz = dh * (h_tilde - h_prev); dz_raw = dz * z * (1 - z)
    dh_tilde = dh * z; dh_tilde_raw = dh_tilde * (1 - h_tilde ** 2)
    dconcat_reset = np.dot(dh_tilde_raw, P['Wh'].T)
    dr = dconcat_reset[:, D:] * h_prev; dr_raw = dr * r * (1 - r)
    g['Wz'] = np.dot(concat.T, dz_raw); g['bz'] = np.sum(dz_raw, axis=0, keepdims=True)
    g['Wr'] = np.dot(concat.T, dr_raw); g['br'] = np.sum(dr_raw, axis=0, keepdims=True)
    g['Wh'] = np.dot(concat_reset.T, dh_tilde_raw); g['bh'] = np.sum(dh_tilde_raw, axis=0, keepdims=True)
    dh_prev = (dh * (1 - z) + dconcat_reset[:, D:] * r + np.dot(dz_raw, P['Wz'].T)[:, D:]
               + np.dot(dr_raw, P['Wr'].T)[:, D:])
    return g, dh_prev

def bptt(use_last_cache):
    outs, caches = forward()
    tot = {k: np.zeros_like(v) for k, v in P.items()}
    dh_next = np.zeros((B, H))
    for t in reversed(range(T)):
        probs = softmax(outs[t]); dy = probs.copy(); dy[range(B), targets[t]] -= 1; dy /= B   # 309-311
        c = caches[-1] if use_last_cache else caches[t]   # author: self.cache = last forward step
        g, dh_next = step_backward(c, dy, dh_next)
        for k in tot: tot[k] += g[k]
    return tot

def num_grad(name, eps=1e-6):
    A = P[name]; g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; lp = loss_fn(); A[idx] = old - eps; lm = loss_fn(); A[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g
num = {k: num_grad(k) for k in P}
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
right = bptt(False); author = bptt(True)
print("cell formulas (lines 154-188) run with the cache of step t, summed over t:")
for k in P: print("   d%-3s agrees with FD: %s" % (k, ok(right[k], num[k])))
print("author's RNN.backward (line 315: cell.backward reads self.cache = last step for every t, lr=0):")
for k in P: print("   d%-3s agrees with FD: %s   max abs diff %.2e" % (k, ok(author[k], num[k]), np.abs(author[k] - num[k]).max()))
# one-step check of dh_prev (line 184) against FD of a one-step loss
x0, h0 = rng.normal(size=(B, D)), rng.normal(size=(B, H)) * 0.5
dy0, dhn0 = rng.normal(size=(B, V)), rng.normal(size=(B, H))
def one_step_loss(h):
    hn, y, _ = step_forward(x0, h); return np.sum(dy0 * y) + np.sum(dhn0 * hn)
_, _, c0 = step_forward(x0, h0); _, dhp = step_backward(c0, dy0, dhn0)
nd = np.zeros_like(h0)
for idx in np.ndindex(h0.shape):
    hp = h0.copy(); hp[idx] += 1e-6; hm = h0.copy(); hm[idx] -= 1e-6
    nd[idx] = (one_step_loss(hp) - one_step_loss(hm)) / 2e-6
print("line 184 dh_prev (one step) agrees with FD:", ok(dhp, nd))
