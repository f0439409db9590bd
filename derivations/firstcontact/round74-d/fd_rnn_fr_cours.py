"""Finite-difference check of rnn_fr_cours.md (French RNN course note).
Forward (lines 13, 26): h_t = sigma(W_xh x_t + W_hh h_{t-1} + b_h), y_t = sigma(W_hy h_t + b_y);
loss (line 41): L = sum_t BCE(y_t, y_true_t). Hidden activation taken as tanh (the note's
example), output activation as the logistic sigmoid (needed for the BCE loss).
Checks the author's delta_y (47), delta_h (50) read literally (sigma'(h_t) = 1 - tanh^2(h_t), as
the note defines sigma'(z) = 1 - tanh^2(z) and writes it at h_t) and read charitably
(derivative at the pre-activation = 1 - h_t^2), and the weight-gradient sums (56-62)."""
import numpy as np
rng = np.random.default_rng(0)
nx, nh, ny, T = 3, 4, 2, 5
Wxh = rng.standard_normal((nh, nx)) * .8; Whh = rng.standard_normal((nh, nh)) * .8
Why = rng.standard_normal((ny, nh)) * .8; bh = rng.standard_normal((nh, 1)) * .3; by = rng.standard_normal((ny, 1)) * .3
X = [rng.standard_normal((nx, 1)) for _ in range(T)]
Yt = [rng.integers(0, 2, (ny, 1)).astype(float) for _ in range(T)]
sig = lambda z: 1 / (1 + np.exp(-z))

def forward(P, probe=None):
    Wxh, Whh, Why, bh, by = P
    h = np.zeros((nh, 1)); hs = {-1: h}; ys = {}; L = 0; A = {}; Ay = {}
    for t in range(T):
        a = Wxh @ X[t] + Whh @ h + bh
        if probe and probe[0] == 'a' and probe[1] == t: a = a + probe[2]
        h = np.tanh(a); hs[t] = h; A[t] = a
        ay = Why @ h + by
        if probe and probe[0] == 'ay' and probe[1] == t: ay = ay + probe[2]
        y = sig(ay); ys[t] = y; Ay[t] = ay
        L += float(-np.sum(Yt[t] * np.log(y) + (1 - Yt[t]) * np.log(1 - y)))
    return L, hs, ys, A

P = [Wxh, Whh, Why, bh, by]
L0, hs, ys, A = forward(P)
eps = 1e-6
def num_probe(kind, t, n):
    g = np.zeros((n, 1))
    for j in range(n):
        e = np.zeros((n, 1)); e[j] = eps
        g[j] = (forward(P, (kind, t, e))[0] - forward(P, (kind, t, -e))[0]) / (2 * eps)
    return g
def num_param(k):
    Q = P[k]; g = np.zeros_like(Q)
    for idx in np.ndindex(Q.shape):
        o = Q[idx]; Q[idx] = o + eps; lp = forward(P)[0]; Q[idx] = o - eps; lm = forward(P)[0]; Q[idx] = o
        g[idx] = (lp - lm) / (2 * eps)
    return g

def rel(a, b): return np.max(np.abs(a - b)) / max(1e-8, np.max(np.abs(b)))
def show(name, a, b):
    e = rel(a, b); print(f"{'OK  ' if e < 1e-5 else 'FAIL'} {name:62s} rel.err={e:.2e}")

# line 47: delta_y = y - y_true  vs dL/d(pre-activation of the output)
for t in [0, T - 1]:
    show(f"line 47 delta_y_{t} = y - y_true  vs dL/d(W_hy h + b_y)", ys[t] - Yt[t], num_probe('ay', t, ny))

def deltas(dprime):
    dy = {t: ys[t] - Yt[t] for t in range(T)}
    dh = {T: np.zeros((nh, 1))}
    for t in reversed(range(T)):
        dh[t] = (Why.T @ dy[t]) * dprime(t) + (Whh.T @ dh[t + 1]) * dprime(t)   # line 50
    return dy, dh

literal = lambda t: 1 - np.tanh(hs[t]) ** 2      # sigma'(h_t) with sigma'(z) = 1 - tanh^2(z)
charit = lambda t: 1 - hs[t] ** 2                 # sigma'(a_t) = 1 - h_t^2
for name, dp in [("LITERAL sigma'(h_t)=1-tanh^2(h_t)", literal), ("CHARITABLE sigma'(a_t)=1-h_t^2", charit)]:
    dy, dh = deltas(dp)
    print(f"--- line 50 read as {name}")
    for t in [T - 1, 2, 0]:
        show(f"line 50 delta_h_{t} vs dL/da_{t}", dh[t], num_probe('a', t, nh))
    gWxh = sum(dh[t] @ X[t].T for t in range(T)); gWhh = sum(dh[t] @ hs[t - 1].T for t in range(T))
    gWhy = sum(dy[t] @ hs[t].T for t in range(T)); gbh = sum(dh[t] for t in range(T)); gby = sum(dy[t] for t in range(T))
    show("line 56 sum_t delta_h x^T      vs dL/dW_xh", gWxh, num_param(0))
    show("line 58 sum_t delta_h h_{t-1}^T vs dL/dW_hh", gWhh, num_param(1))
    show("line 60 sum_t delta_y h_t^T     vs dL/dW_hy", gWhy, num_param(2))
    show("line 62 sum_t delta_h           vs dL/db_h", gbh, num_param(3))
    show("line 62 sum_t delta_y           vs dL/db_y", gby, num_param(4))
# line 52: derivative of tanh
z = np.linspace(-2, 2, 9); show("line 52 sigma'(z)=1-tanh^2(z) for tanh", 1 - np.tanh(z) ** 2, (np.tanh(z + eps) - np.tanh(z - eps)) / (2 * eps))
# line 23: tanh formula (sigmoid part lacks '=', checked as written intent)
show("line 23 tanh(z) = (e^z-e^-z)/(e^z+e^-z)", (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)), np.tanh(z))
