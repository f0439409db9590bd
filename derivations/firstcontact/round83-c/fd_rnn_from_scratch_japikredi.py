# Finite-difference check of the backward pass in rnn_from_scratch_japikredi.md (numpy only).
# Forward (md lines 59-61): h_t = tanh(U x_t + W h_{t-1} + b), o_t = V h_t + c, p_t = softmax(o_t)
# Loss (md line 83): L = sum_t -log p_t[target_t]
import numpy as np
rng = np.random.default_rng(0)
H, K, T = 5, 7, 6
U = rng.normal(0, .5, (H, K)); W = rng.normal(0, .5, (H, H)); V = rng.normal(0, .5, (K, H))
b = rng.normal(0, .1, (H, 1)); c = rng.normal(0, .1, (K, 1))
inputs = rng.integers(0, K, T); targets = rng.integers(0, K, T); hprev = rng.normal(0, .3, (H, 1))

def softmax(x):                       # md lines 75-76
    p = np.exp(x - np.max(x)); return p / np.sum(p)

def forward(U, W, V, b, c, hprev):
    xs, hs, ps = {}, {}, {}
    hs[-1] = hprev.copy()
    for t in range(T):
        xs[t] = np.zeros((K, 1)); xs[t][inputs[t]] = 1
        hs[t] = np.tanh(U @ xs[t] + W @ hs[t-1] + b)
        ps[t] = softmax(V @ hs[t] + c)
    return xs, hs, ps

def loss(U, W, V, b, c, hprev=hprev):
    _, _, ps = forward(U, W, V, b, c, hprev)
    return sum(-np.log(ps[t][targets[t], 0]) for t in range(T))

# author's backward, as written (md lines 91-110), no clipping
xs, hs, ps = forward(U, W, V, b, c, hprev)
dU, dW, dV = np.zeros_like(U), np.zeros_like(W), np.zeros_like(V)
db, dc = np.zeros_like(b), np.zeros_like(c)
dhnext = np.zeros_like(hs[0])
for t in reversed(range(T)):
    dy = np.copy(ps[t]); dy[targets[t]] -= 1
    dV += dy @ hs[t].T
    dc += dc                                   # line 100 as published
    dh = V.T @ dy + dhnext
    dhrec = (1 - hs[t] * hs[t]) * dh
    db += dhrec
    dU += dhrec @ xs[t].T
    dW += dhrec @ hs[t-1].T
    dhnext = W.T @ dhrec
dh0_author = dhnext

def num_grad(name):
    P = dict(U=U, W=W, V=V, b=b, c=c)
    X = P[name]; G = np.zeros_like(X); eps = 1e-6
    for idx in np.ndindex(X.shape):
        old = X[idx]
        X[idx] = old + eps; lp = loss(**P)
        X[idx] = old - eps; lm = loss(**P)
        X[idx] = old; G[idx] = (lp - lm) / (2 * eps)
    return G

def rel(a, b): return np.abs(a - b).max() / max(1e-12, np.abs(a).max() + np.abs(b).max())
def report(label, a, n):
    r = rel(a, n); print(f"{label:45s} rel.err={r:.2e}  {'AGREE' if r < 1e-6 else 'DISAGREE'}")

report("line 99  dV += dy h_t^T", dV, num_grad('V'))
report("line 100 dc += dc (as published)", dc, num_grad('c'))
dc_fix = np.zeros_like(c)
for t in range(T):
    d = ps[t].copy(); d[targets[t]] -= 1; dc_fix += d
report("  (check: sum_t dy_t would be the gradient)", dc_fix, num_grad('c'))
report("line 105 db += dhrec", db, num_grad('b'))
report("line 107 dU += dhrec x_t^T", dU, num_grad('U'))
report("line 108 dW += dhrec h_{t-1}^T", dW, num_grad('W'))
# dhnext after the loop = dL/dh_{-1} (line 110 recursion, lines 102/104 through it)
G = np.zeros_like(hprev); eps = 1e-6
for k in range(H):
    hp = hprev.copy(); hp[k] += eps; lp = loss(U, W, V, b, c, hp)
    hm = hprev.copy(); hm[k] -= eps; lm = loss(U, W, V, b, c, hm)
    G[k] = (lp - lm) / (2 * eps)
report("lines 102/104/110 dh recursion -> dL/dh_{-1}", dh0_author, G)
# line 95/97: dy = p - onehot is dL/do_t (check at t = T-1 through o = V h + c: perturb c only at last step)
t = T - 1
dy = ps[t].copy(); dy[targets[t]] -= 1
def loss_last(cc):
    p = softmax(V @ hs[t] + cc); return -np.log(p[targets[t], 0])
Gc = np.array([[(loss_last(c + eps * np.eye(K)[:, [k]]) - loss_last(c - eps * np.eye(K)[:, [k]])) / (2 * eps)] for k in range(K)]).reshape(K, 1)
report("lines 95/97 dy = p_t - onehot (one step)", dy, Gc)
