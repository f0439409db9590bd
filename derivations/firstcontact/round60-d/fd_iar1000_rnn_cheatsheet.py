"""FD check for iar1000_rnn_cheatsheet.tex (iar1000/cheatsheet-mp @ 88921f8a, RNN.tex).
Model (line 24): yhat^t = W_h h^t, h^t = tanh(W [h^{t-1}, x^t]), W in R^{n x 2n} (here x in R^n)."""
import numpy as np

rng = np.random.default_rng(62)
n, K, S = 3, 4, 5
W = rng.normal(scale=.6, size=(n, 2 * n)); Wh = rng.normal(scale=.6, size=(K, n))
X = rng.normal(size=(S + 1, n)); h0 = rng.normal(scale=.3, size=n)
Yt = rng.normal(size=(S + 1, K))
v = {}

def run(W, pert=None):
    h = [h0]
    for t in range(1, S + 1):
        ht = np.tanh(W @ np.concatenate([h[-1], X[t]]))
        if pert is not None and pert[0] == t: ht = ht + pert[1]
        h.append(ht)
    return h
h = run(W)
yhat = [None] + [Wh @ h[t] for t in range(1, S + 1)]
v[24] = h[1].shape == (n,) and W.shape == (n, 2 * n)

# line 26: L = sum_t - sum_k y_{t,k} log yhat_{t,k}  (cross-entropy; needs yhat to be a distribution,
# i.e. a softmax on W_h h^t that line 24 leaves implicit) -- checked as a definition on softmax outputs
sm = lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()
onehot = np.eye(K)[rng.integers(0, K, size=S + 1)]
Lce = sum(-np.sum(onehot[t] * np.log(sm(yhat[t]))) for t in range(1, S + 1))
v[26] = np.isclose(Lce, sum(-np.log(sm(yhat[t])[onehot[t].argmax()]) for t in range(1, S + 1)))

# line 38-39: dL/dW = sum_t sum_{k<=t} dL^t/dy^t dy^t/dh^t (prod_{i=k+1}^t dh^i/dh^{i-1}) d^+h^k/dW
# with a generic smooth per-step loss L^t = 0.5 ||yhat^t - Yt^t||^2
def Ltot(W):
    hh = run(W)
    return sum(0.5 * np.sum((Wh @ hh[t] - Yt[t]) ** 2) for t in range(1, S + 1))
def step_jac(i):  # dh^i/dh^{i-1}, numerator layout
    return (1 - h[i] ** 2)[:, None] * W[:, :n]
G = np.zeros_like(W)
for t in range(1, S + 1):
    g_t = (Wh @ h[t] - Yt[t]) @ Wh                     # dL^t/dy^t dy^t/dh^t (row)
    for k in range(1, t + 1):
        Pm = np.eye(n)
        for i in range(t, k, -1):                      # dh^t/dh^{t-1} ... dh^{k+1}/dh^k
            Pm = Pm @ step_jac(i)
        gk = g_t @ Pm
        G += np.outer(gk * (1 - h[k] ** 2), np.concatenate([h[k - 1], X[k]]))   # d^+h^k/dW
Gfd = np.zeros_like(W); eps = 1e-6
for idx in np.ndindex(W.shape):
    Wp = W.copy(); Wp[idx] += eps; Wm = W.copy(); Wm[idx] -= eps
    Gfd[idx] = (Ltot(Wp) - Ltot(Wm)) / (2 * eps)
v[38] = np.allclose(G, Gfd, atol=1e-7)

# line 50: h^t = W^T h^{t-1} = (W^T)^t h^1 = (Q^T Lambda^t Q) h^1   (linear recurrence)
A = rng.normal(size=(n, n)); Wsym = (A + A.T) / 2            # symmetric so an orthogonal Q exists
lam, Qc = np.linalg.eigh(Wsym.T); Q = Qc.T                    # W^T = Q^T diag(lam) Q
hs = [None, rng.normal(size=n)]
for t in range(2, 7):
    hs.append(Wsym.T @ hs[-1])
t = 6
author = np.linalg.matrix_power(Wsym.T, t) @ hs[1]
author_eig = Q.T @ np.diag(lam ** t) @ Q @ hs[1]
correct = np.linalg.matrix_power(Wsym.T, t - 1) @ hs[1]
assert np.allclose(author, author_eig)                        # last equality is consistent
assert np.allclose(correct, hs[t])                            # exponent should be t-1
v[50] = np.allclose(author, hs[t])

# line 65: naive memory c^(t) = W_c c^(t-1) + W_g g^(t), h = tanh(c): definition
Wc_, Wg_ = rng.normal(size=(n, n)), rng.normal(size=(n, n))
c1 = Wc_ @ rng.normal(size=n) + Wg_ @ rng.normal(size=n)
v[65] = bool(np.all(np.abs(np.tanh(c1)) < 1))

# lines 67-69: LSTM, [f,i,o,g] = [sig,sig,sig,tanh] (.) W^l [h_{t-1}^l ; h_t^{l-1}],  W^l in R^{4n x 2n}
sig = lambda z: 1 / (1 + np.exp(-z))
Wl = rng.normal(size=(4 * n, 2 * n)); hprev, hbelow, cprev = (rng.normal(size=n) for _ in range(3))
zz = Wl @ np.concatenate([hprev, hbelow])
f, i, o, g = sig(zz[:n]), sig(zz[n:2 * n]), sig(zz[2 * n:3 * n]), np.tanh(zz[3 * n:])
c = f * cprev + i * g; ht = o * np.tanh(c)
v[67] = np.allclose(c, f * cprev + i * g)
v[68] = bool(np.all(np.abs(ht) < 1))
v[69] = Wl.shape == (4 * n, 2 * n) and all(np.all((q > 0) & (q < 1)) for q in (f, i, o))

expected = {24: True, 26: True, 38: True, 50: False, 65: True, 67: True, 68: True, 69: True}
for L, e in expected.items():
    assert bool(v[L]) == e, (L, v[L])
print("iar1000_rnn_cheatsheet: all", len(expected), "verdicts confirmed; line 50 off by one power")
