# numpy re-implementation of the author's rnn_step_forward/backward and rnn_forward/backward
# (torch.mm -> @, torch.sum(dim=0) -> sum(axis=0)); checked against central finite differences.
import numpy as np
rng = np.random.default_rng(0)
N, T, D, H = 3, 4, 5, 6

def rnn_step_forward(x, prev_h, Wx, Wh, b):
    next_h = np.tanh(prev_h @ Wh + x @ Wx + b)          # line 43
    return next_h, (x, prev_h, Wx, Wh, next_h)

def rnn_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, next_h = cache
    dL = dnext_h * (1 - next_h ** 2)                     # line 77
    dx = dL @ Wx.T                                       # line 78
    dprev_h = dL @ Wh.T                                  # line 82
    dWx = x.T @ dL                                       # line 83
    dWh = prev_h.T @ dL                                  # line 84
    db = dL.sum(axis=0)                                  # line 85
    return dx, dprev_h, dWx, dWh, db

def rnn_forward(x, h0, Wx, Wh, b):
    h = np.zeros((N, T, H)); cache = []; prev_h = h0.copy()
    for t in range(T):
        prev_h, c = rnn_step_forward(x[:, t, :], prev_h, Wx, Wh, b)   # line 129
        h[:, t, :] = prev_h                                           # line 131
        cache.append(c)
    return h, cache

def rnn_backward(dh, cache):
    dx = np.zeros((N, T, D)); dh0 = np.zeros((N, H)); dWx = np.zeros((D, H)); dWh = np.zeros((H, H)); db = np.zeros(H)
    for t in range(T - 1, -1, -1):
        dnext_h = dh[:, t, :]                                                        # line 180
        dx_t, dprev_h, dWx_t, dWh_t, db_t = rnn_step_backward(dh0 + dnext_h, cache[t])  # line 181
        dh0 = dprev_h                                                                # line 186
        dx[:, t, :] = dx_t                                                           # line 187
        dWx += dWx_t; dWh += dWh_t; db += db_t                                       # lines 188-190
    return dx, dh0, dWx, dWh, db

def num_grad(f, a, eps=1e-6):
    g = np.zeros_like(a); it = np.nditer(a, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; old = a[i]
        a[i] = old + eps; fp = f(); a[i] = old - eps; fm = f(); a[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g

def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
def report(name, a, b):
    r = rel(a, b); print(f"{name:40s} rel.err {r:.2e}  {'AGREES' if r < 1e-6 else 'DISAGREES'}")

# --- single step, L = sum(U * next_h)
x = rng.standard_normal((N, D)); ph = rng.standard_normal((N, H))
Wx = rng.standard_normal((D, H)) * 0.5; Wh = rng.standard_normal((H, H)) * 0.5; b = rng.standard_normal(H)
U = rng.standard_normal((N, H))
Ls = lambda: np.sum(U * rnn_step_forward(x, ph, Wx, Wh, b)[0])
nh, c = rnn_step_forward(x, ph, Wx, Wh, b)
dx, dph, dWx, dWh, db = rnn_step_backward(U, c)
print("rnn_step_backward (one step):")
report("line 78 dx", dx, num_grad(Ls, x)); report("line 82 dprev_h", dph, num_grad(Ls, ph))
report("line 83 dWx", dWx, num_grad(Ls, Wx)); report("line 84 dWh", dWh, num_grad(Ls, Wh)); report("line 85 db", db, num_grad(Ls, b))
# line 77: dL = dL/d(pre-activation a), check by perturbing a directly
a = ph @ Wh + x @ Wx + b
La = lambda: np.sum(U * np.tanh(a))
report("line 77 dL (= dLoss/d pre-activation)", U * (1 - nh ** 2), num_grad(La, a))

# --- whole sequence, L = sum(G * h)
xs = rng.standard_normal((N, T, D)); h0 = rng.standard_normal((N, H)); G = rng.standard_normal((N, T, H))
Lq = lambda: np.sum(G * rnn_forward(xs, h0, Wx, Wh, b)[0])
h, cache = rnn_forward(xs, h0, Wx, Wh, b)
dx, dh0, dWx, dWh, db = rnn_backward(G, cache)
print("rnn_backward (sequence, lines 180-190):")
report("dx (line 187)", dx, num_grad(Lq, xs)); report("dh0 (line 186 after loop)", dh0, num_grad(Lq, h0))
report("dWx (line 188)", dWx, num_grad(Lq, Wx)); report("dWh (line 189)", dWh, num_grad(Lq, Wh)); report("db (line 190)", db, num_grad(Lq, b))
