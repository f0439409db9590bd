"""FD checks for binne_notion_rnn_backprop_assignment2.md (linear RNN, BPTT, Roelants-style exercise).
Model: S[:,0] = 0, S[:,k+1] = X[:,k]*wx + S[:,k]*wRec (f = identity), y = S[:,-1],
L = mean_samples (t - y)^2.  grad_over_time[:,k] holds n * dL/dS[:,k] (per-sample derivative;
the 1/n of the mean is applied by np.mean in the accumulation rows)."""
import numpy as np

rng = np.random.default_rng(2)
n_samples, len_sequence = 50, 10
X = np.around(rng.random((n_samples, len_sequence))).astype(int).astype(float)
target = np.sum(X, axis=1)
wx, wRec = 1.2, 0.9
EPS = 1e-6
close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-7)
res = {}


def update_state(xk, sk, wx, wRec):
    return xk * wx + sk * wRec                      # line 15


def forward_state(X, wx, wRec, dS=None):
    S = np.zeros((X.shape[0], X.shape[1] + 1))
    for i in range(0, X.shape[1]):
        S[:, i + 1] = update_state(X[:, i], S[:, i], wx, wRec)   # line 19
        if dS is not None and dS[0] == i + 1:
            S[:, i + 1] += dS[1]
    return S


def loss(y, t):
    return np.mean((t - y) ** 2)                    # line 22


def output_gradient(y, t):
    return -2 * (t - y)                             # line 27


def backward_gradient(X, S, grad_out, wRec, upper):
    grad_over_time = np.zeros((X.shape[0], X.shape[1] + 1))
    grad_over_time[:, -1] = grad_out                # line 30
    wx_grad = 0
    wRec_grad = 0
    for i in range(upper, 0, -1):                   # line 33 (author: upper = X.shape[0])
        wx_grad += np.mean(grad_over_time[:, i] * X[:, i - 1])      # line 34
        wRec_grad += np.mean(grad_over_time[:, i] * S[:, i - 1])    # line 35
        grad_over_time[:, i - 1] = grad_over_time[:, i] * wRec       # line 36
    return (wx_grad, wRec_grad), grad_over_time


S = forward_state(X, wx, wRec)
Lfun = lambda a, b: loss(forward_state(X, a, b)[:, -1], target)

# line 4: S_k = f(S_{k-1} Wrec + X_k Wx) with f = identity; code realises it with X[:,k-1] feeding S[:,k]
ref = np.zeros(n_samples)
for k in range(len_sequence):
    ref = ref * wRec + X[:, k] * wx
res[4] = close(ref, S[:, -1])
res[15] = res[19] = res[4]
res[22] = close(loss(S[:, -1], target), np.mean((target - S[:, -1]) ** 2))

# line 27: -2*(t-y) is n * dL/dy_i
y = S[:, -1].copy()
g_fd = np.array([(loss(y + EPS * e, target) - loss(y - EPS * e, target)) / (2 * EPS) for e in np.eye(n_samples)])
res[27] = close(output_gradient(y, target), n_samples * g_fd)

# correct gradients by FD on (wx, wRec)
gwx = (Lfun(wx + EPS, wRec) - Lfun(wx - EPS, wRec)) / (2 * EPS)
gwr = (Lfun(wx, wRec + EPS) - Lfun(wx, wRec - EPS)) / (2 * EPS)

# rows 30, 34, 35, 36 judged with the correct loop bound (X.shape[1]) and correct grad_out (S[:,-1])
(bwx, bwr), got = backward_gradient(X, S, output_gradient(S[:, -1], target), wRec, X.shape[1])
res[30] = close(got[:, -1], n_samples * g_fd)
res[34] = close(bwx, gwx)
res[35] = close(bwr, gwr)
ok36 = True
for k in range(1, len_sequence + 1):
    fdS = np.array([(loss(forward_state(X, wx, wRec, (k, EPS * e))[:, -1], target)
                     - loss(forward_state(X, wx, wRec, (k, -EPS * e))[:, -1], target)) / (2 * EPS)
                    for e in np.eye(n_samples)[:3]])
    ok36 &= close(got[:3, k], n_samples * fdS)
res[36] = bool(ok36)

# line 33: loop bound X.shape[0] (samples) instead of X.shape[1] (time steps)
try:
    backward_gradient(X, S, output_gradient(S[:, -1], target), wRec, X.shape[0])
    res[33] = True
except IndexError:
    res[33] = False
# and with fewer samples than steps the BPTT sum is silently truncated
X2 = X[:6]; t2 = target[:6]; S2 = forward_state(X2, wx, wRec)
(b2, _), _ = backward_gradient(X2, S2, output_gradient(S2[:, -1], t2), wRec, X2.shape[0])
g2 = (loss(forward_state(X2, wx + EPS, wRec)[:, -1], t2) - loss(forward_state(X2, wx - EPS, wRec)[:, -1], t2)) / (2 * EPS)
assert not close(b2, g2)

# line 41: grad_out = output_gradient(S[:-1], target): S[:-1] drops the last sample row (shape (n-1, T+1))
try:
    go = output_gradient(S[:-1], target)
    res[41] = go.shape == (n_samples,) and close(go, n_samples * g_fd)
except ValueError:
    res[41] = False
assert close(output_gradient(S[:, -1], target), n_samples * g_fd)  # correction: S[:,-1]

exp = {4: True, 15: True, 19: True, 22: True, 27: True, 30: True, 33: False, 34: True, 35: True, 36: True, 41: False}
for k, v in exp.items():
    print(k, "pass" if res[k] else "fail", "expected", "pass" if v else "fail")
    assert res[k] == v, k
print("all verdicts confirmed")
