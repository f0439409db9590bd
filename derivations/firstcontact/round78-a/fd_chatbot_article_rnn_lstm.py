# Finite-difference check of chatbot_article_rnn_lstm.md (numpy only).
# Column vectors; [h_{t-1}, x_t] = concatenation z_t = [h_{t-1}; x_t].
import numpy as np
rng = np.random.default_rng(0)
H, D, T, O = 3, 2, 4, 2
eps = 1e-6
sig = lambda a: 1/(1+np.exp(-a))
def ok(a, b): return np.allclose(a, b, rtol=1e-4, atol=1e-7)

# ---------------- RNN (lines 11, 21, 39, 45) ----------------
Wh = rng.normal(size=(H, H+D)) * 0.7; bh = rng.normal(size=H) * 0.3
Wo = rng.normal(size=(O, H)); bo = rng.normal(size=O)
xs = rng.normal(size=(T, D)); ys = rng.normal(size=(T, O)); h0 = rng.normal(size=H) * 0.5

def rnn(Wh, dh_add=None):
    h = h0.copy(); E = 0.0; hs = [h0]; zs = []
    for t in range(T):
        z = np.concatenate([h, xs[t]]); zs.append(z)
        h = np.tanh(Wh @ z + bh)                     # line 11
        if dh_add is not None: h = h + dh_add[t]
        y = Wo @ h + bo                               # line 21
        E += 0.5 * np.sum((y - ys[t])**2)
        hs.append(h)
    return E, hs, zs

E0, hs, zs = rnn(Wh)
# total dE/dh_t by perturbing h_t additively
dEdh = np.zeros((T, H))
for t in range(T):
    for k in range(H):
        d = np.zeros((T, H)); d[t, k] = eps; Ep = rnn(Wh, d)[0]
        d[t, k] = -eps; Em = rnn(Wh, d)[0]
        dEdh[t, k] = (Ep - Em) / (2*eps)
gWh_fd = np.zeros_like(Wh)
for idx in np.ndindex(Wh.shape):
    Wp = Wh.copy(); Wp[idx] += eps; Wm = Wh.copy(); Wm[idx] -= eps
    gWh_fd[idx] = (rnn(Wp)[0] - rnn(Wm)[0]) / (2*eps)
h = [hs[t+1] for t in range(T)]
# line 39: sum_t dE/dh_t * (explicit) dh_t/dW_h = sum_t ((dE/dh_t)*(1-h_t^2)) z_t^T
g39 = sum(np.outer(dEdh[t] * (1 - h[t]**2), zs[t]) for t in range(T))
print("line 39  sum_t dE/dh_t dh_t/dW_h (dh_t/dW_h explicit, dE/dh_t total):", "AGREES" if ok(g39, gWh_fd) else "DISAGREES")
# line 45 as written: (dE/dh_t ⊙ (1 - tanh^2(h_t))) ⊙ [h_{t-1}, x_t]
print("line 45  shapes: dE/dh_t", dEdh[0].shape, "vs [h_{t-1},x_t]", zs[0].shape, "-> elementwise product undefined")
g45 = sum(np.outer(dEdh[t] * (1 - np.tanh(h[t])**2), zs[t]) for t in range(T))   # charitable: outer product
print("line 45  (read with an outer product) max|diff| =", np.abs(g45 - gWh_fd).max(), "->", "AGREES" if ok(g45, gWh_fd) else "DISAGREES (fail)")
g45fix = sum(np.outer(dEdh[t] * (1 - h[t]**2), zs[t]) for t in range(T))
print("         with 1-h_t^2 instead of 1-tanh^2(h_t) and an outer product:", "AGREES" if ok(g45fix, gWh_fd) else "DISAGREES")

# ---------------- LSTM (lines 65-69, 87, 93) ----------------
W = {k: rng.normal(size=(H, H+D)) * 0.6 for k in "fioc"}; b = {k: rng.normal(size=H) * 0.3 for k in "fioc"}
tg = rng.normal(size=(T, H)); c0 = rng.normal(size=H) * 0.5

def lstm(W, dc_add=None):
    h, c = h0.copy(), c0.copy(); E = 0.0; rec = []
    for t in range(T):
        z = np.concatenate([h, x2[t]])
        f = sig(W['f'] @ z + b['f'])                            # line 65
        i = sig(W['i'] @ z + b['i'])                            # line 66
        o = sig(W['o'] @ z + b['o'])                            # line 67
        cp = c
        c = f * c + i * np.tanh(W['c'] @ z + b['c'])            # line 68
        if dc_add is not None: c = c + dc_add[t]
        h = o * np.tanh(c)                                      # line 69
        E += 0.5 * np.sum((h - tg[t])**2)
        rec.append(dict(z=z, f=f, cp=cp))
    return E, rec
x2 = rng.normal(size=(T, D))
E0, rec = lstm(W)
dEdc = np.zeros((T, H))
for t in range(T):
    for k in range(H):
        d = np.zeros((T, H)); d[t, k] = eps; Ep = lstm(W, d)[0]
        d[t, k] = -eps; Em = lstm(W, d)[0]
        dEdc[t, k] = (Ep - Em) / (2*eps)
gWf_fd = np.zeros((H, H+D))
for idx in np.ndindex(gWf_fd.shape):
    Wp = {k: v.copy() for k, v in W.items()}; Wp['f'][idx] += eps
    Wm = {k: v.copy() for k, v in W.items()}; Wm['f'][idx] -= eps
    gWf_fd[idx] = (lstm(Wp)[0] - lstm(Wm)[0]) / (2*eps)
ref = sum(np.outer(dEdc[t] * rec[t]['cp'] * rec[t]['f'] * (1 - rec[t]['f']), rec[t]['z']) for t in range(T))
print("reference sum_t (dE/dc_t * c_{t-1} * f_t(1-f_t)) z_t^T vs FD:", "AGREES" if ok(ref, gWf_fd) else "DISAGREES")
g87 = sum(np.outer(dEdc[t] * (1 - rec[t]['f']), rec[t]['z']) for t in range(T))
print("line 87  sum_t dE/dc_t ⊙ (1-f_t) ⊙ [h_{t-1},x_t] (outer) max|diff| =", np.abs(g87 - gWf_fd).max(), "->", "AGREES" if ok(g87, gWf_fd) else "DISAGREES (fail)")
g93 = sum(np.outer(dEdc[t] * (1 - rec[t]['f']) * (1 - rec[t-1]['f']), rec[t-1]['z']) for t in range(1, T))
print("line 93  sum_t dE/dc_t ⊙ (1-f_t) ⊙ (1-f_{t-1}) ⊙ [h_{t-2},x_{t-1}] (outer) max|diff| =", np.abs(g93 - gWf_fd).max(), "->", "AGREES" if ok(g93, gWf_fd) else "DISAGREES (fail)")
# lines 65-69 are the definitions used above; check h_t = o_t*tanh(c_t) consistency trivially true
print("lines 11, 21, 65-69: forward definitions (implemented as written)")
