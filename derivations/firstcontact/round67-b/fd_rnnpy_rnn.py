"""Finite-difference check of rnnpy_rnn.py (sadikul1500/RNNpy char-level.py, commit bdbcb10).

Author's model (column vectors):  h_t = tanh(Wxh x_t + Whh h_{t-1} + bh),
p_t = softmax(Why h_t + by); x_0 is the zero vector (x = [None] + indices), targets y_t int.
The backward pass (dy = p_t - onehot(y_t)) is the gradient of the per-step cross-entropy
L = sum_t -log p_t[y_t] (the commented-out line 84); the loss actually accumulated at
line 85 calls cross_entropy_loss(y[t], y_s[t]) with an INTEGER label, which is not that loss.
"""
import numpy as np

rng = np.random.default_rng(2)
H, V = 4, 5
P = {'Wxh': rng.normal(size=(H, V)) * .5, 'Whh': rng.normal(size=(H, H)) * .5,
     'Why': rng.normal(size=(V, H)) * .5, 'bh': rng.normal(size=(H, 1)) * .3,
     'by': rng.normal(size=(V, 1)) * .3}
x = [None, 3, 0, 2]
y = x[1:] + [4]
h_prev = rng.normal(size=(H, 1)) * .5


def TANH(z):
    return (np.exp(z) - np.exp(-1 * z)) / (np.exp(z) + np.exp(-1 * z))


def my_clip(x, lo, hi):
    return np.clip(x, lo, hi)


def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / np.sum(e_x, axis=0)


def cross_entropy_loss(yy, y_s):          # lines 37-50 as written
    y_s = my_clip(y_s, 1e-10, 1. - 1e-10)
    n = y_s.shape[0]
    return -np.sum(yy * np.log(y_s + 1e-10)) / n


def forward(P, h0, which):
    xs, hs, ps = {}, {-1: h0}, {}
    xs[0] = np.zeros((V, 1))
    L = 0.
    for t in range(len(x)):
        if t > 0:
            xs[t] = np.zeros((V, 1)); xs[t][x[t]] = 1
        hs[t] = TANH(P['Wxh'] @ xs[t] + P['Whh'] @ hs[t - 1] + P['bh'])
        ps[t] = softmax(P['Why'] @ hs[t] + P['by'])
        if which == 'coded':                        # line 85 as written
            L += cross_entropy_loss(y[t], ps[t])
        else:                                       # per-step CE, commented-out line 84
            L += -np.log(ps[t][y[t], 0])
    return L, (xs, hs, ps)


def fd(which, eps=1e-6):
    g = {}
    for k in P:
        g[k] = np.zeros_like(P[k])
        for idx in np.ndindex(*P[k].shape):
            Pp = {q: v.copy() for q, v in P.items()}; Pm = {q: v.copy() for q, v in P.items()}
            Pp[k][idx] += eps; Pm[k][idx] -= eps
            g[k][idx] = (forward(Pp, h_prev, which)[0] - forward(Pm, h_prev, which)[0]) / (2 * eps)
    hp = np.zeros_like(h_prev)
    for idx in np.ndindex(*h_prev.shape):
        a = h_prev.copy(); b = h_prev.copy(); a[idx] += eps; b[idx] -= eps
        hp[idx] = (forward(P, a, which)[0] - forward(P, b, which)[0]) / (2 * eps)
    return g, hp


def close(a, b, tol=1e-5):
    return np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))


res = []


def rep(line, ok, what):
    res.append((line, ok)); print(f"line {line:4d}: {'AGREES   ' if ok else 'DISAGREES'}  {what}")


z = np.linspace(-2, 2, 5).reshape(-1, 1)
rep(13, close(TANH(z), np.tanh(z)), "TANH")
rep(33, close(softmax(z), np.exp(z) / np.exp(z).sum()), "softmax (lines 31-33)")

# line 85: the accumulated loss is not the cross-entropy
Lc, _ = forward(P, h_prev, 'coded'); Lce, (xs, hs, ps) = forward(P, h_prev, 'ce')
print(f"coded loss (line 85) = {Lc:.6f}   per-step cross-entropy = {Lce:.6f}")
p = ps[1]; onehot = np.zeros((V, 1)); onehot[y[1]] = 1
print(f"  e.g. t=1: cross_entropy_loss(y[t], p) = {cross_entropy_loss(y[1], p):.5f}, "
      f"with one-hot target = {cross_entropy_loss(onehot, p):.5f}, -log p[y] = {-np.log(p[y[1], 0]):.5f}")
rep(85, np.isclose(Lc, Lce), "loss += cross_entropy_loss(y[t], y_s[t]) equals sum_t -log p_t[y_t]")
rep(48, np.isclose(cross_entropy_loss(onehot, p), -np.log(p[y[1], 0]) / V), "helper = CE / n_classes for a one-hot y (definition)")

g_ce, gh_ce = fd('ce')
g_coded, _ = fd('coded')

# author's backward as written (lines 106-118)
grads = {'d' + k: np.zeros_like(v) for k, v in P.items()}
dh_next = np.zeros_like(hs[0]); dWhy_acc = np.zeros_like(P['Why'])
for t in reversed(range(len(xs))):
    dy = np.copy(ps[t]); dy[y[t]] -= 1                               # 107-108
    grads['dWhy'] = dy.dot(hs[t].T)                                  # 109 (as written)
    dWhy_acc += dy.dot(hs[t].T)                                      # what += would give
    grads['dby'] += dy                                               # 110
    dh = P['Why'].T.dot(dy) + dh_next                                # 112
    d_tanh = (1 - hs[t] ** 2) * dh                                   # 113
    grads['dWhh'] += d_tanh.dot(hs[t - 1].T)                         # 115
    grads['dWxh'] += d_tanh.dot(xs[t].T)                             # 116
    grads['dbh'] += d_tanh                                           # 117
    dh_next = P['Whh'].T.dot(d_tanh)                                 # 118

rep(107, close(grads['dby'], g_ce['by']), "dy = p - onehot (checked through dby = sum_t dy vs FD of per-step CE)")
rep(109, close(grads['dWhy'], g_ce['Why']), "dWhy = dy.h^T (assignment, not +=) vs FD dL/dWhy")
print("           (accumulating with += instead would agree:", close(dWhy_acc, g_ce['Why']), ")")
rep(110, close(grads['dby'], g_ce['by']), "dby += dy")
rep(112, close(dh_next, gh_ce), "dh = Why^T dy + dh_next ... recursion reaches dL/dh_previous (with 113, 118)")
rep(113, close(grads['dbh'], g_ce['bh']), "d_tanh = (1-h^2)*dh (checked through dbh)")
rep(115, close(grads['dWhh'], g_ce['Whh']), "dWhh += d_tanh.h_{t-1}^T")
rep(116, close(grads['dWxh'], g_ce['Wxh']), "dWxh += d_tanh.x_t^T")
rep(117, close(grads['dbh'], g_ce['bh']), "dbh += d_tanh")
rep(118, close(dh_next, gh_ce), "dh_next = Whh^T d_tanh")
print("backward vs FD of the CODED loss (line 85):",
      {k: bool(close(grads['d' + k] if k != 'Why' else dWhy_acc, g_coded[k])) for k in P})

print("\nDISAGREE:", [l for l, ok in res if not ok])
print("AGREE:   ", [l for l, ok in res if ok])
