"""FD check for jku_rnn_bptt.md (rnbwdsh/lstm_rnn Assignment1 @b15f035): seq-to-one tanh RNN, BPTT."""
import numpy as np

rng = np.random.default_rng(7)
D, I, K, T = 4, 5, 3, 6        # note T != D on purpose
W = rng.uniform(-0.6, 0.6, (I, D)); R = rng.uniform(-0.6, 0.6, (I, I)); bs = rng.uniform(-.2, .2, I)
V = rng.uniform(-0.6, 0.6, (K, I)); by = rng.uniform(-.2, .2, K)
X = rng.uniform(-1, 1, (T, D)); Yt = rng.uniform(-1, 1, (K, 1))
P = dict(W=W, R=R, bs=bs, V=V, by=by)

def fwd(P, X, pert=None):
    pert = pert or {}
    a = np.zeros(I); A = []; S = []
    for t in range(len(X)):
        s = P['W'] @ X[t] + P['R'] @ a + P['bs'] + pert.get(('s', t), 0)
        a = np.tanh(s) + pert.get(('a', t), 0)
        S.append(s); A.append(a)
    return P['V'] @ a + P['by'], np.array(A), np.array(S)

def L(P, X, pert=None):
    y, _, _ = fwd(P, X, pert)
    return 0.5 * np.sum((y - Yt[:, 0]) ** 2)

def fdp(name, eps=1e-6):
    w = P[name]; G = np.zeros_like(w)
    for idx in np.ndindex(*w.shape):
        o = w[idx]; w[idx] = o + eps; hi = L(P, X); w[idx] = o - eps; lo = L(P, X); w[idx] = o
        G[idx] = (hi - lo) / (2 * eps)
    return G

def fds(kind, t, eps=1e-6):
    G = np.zeros(I)
    for j in range(I):
        e = np.zeros(I); e[j] = eps
        G[j] = (L(P, X, {(kind, t): e}) - L(P, X, {(kind, t): -e})) / (2 * eps)
    return G

close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
res = {}
rec = lambda ln, ok: res.setdefault(ln, []).append(bool(ok))

y_hat, Aall, Sall = fwd(P, X)
# line 56: claims a(t) = s(t) (linear f) -- false for the model actually used (tanh)
rec(56, close(Aall, Sall))
# line 57: a(t) = tanh(W^T x + R^T a + bs) in scriptum layout (scriptum W = code W.T)
Ws, Rs = W.T, R.T
a = np.zeros(I); ok = True
for t in range(T):
    a = np.tanh(Ws.T @ X[t] + Rs.T @ a + bs); ok &= close(a, Aall[t])
rec(57, ok)

# line 58/101: author's allocation np.zeros((input_size, hidden_size)) and loop range(input_size)
def author_forward_backward(P, X, d_loss):
    Dn = X.shape[1]
    a_ = np.zeros((Dn, I))                         # line 58 as written
    for t in range(len(X)):
        a_[t] = np.tanh(P['W'] @ X[t] + P['R'] @ a_[t - 1] + P['bs'])   # line 60
    y_ = P['V'] @ a_[t] + P['by']                  # line 61
    a3 = a_.reshape(a_.shape[0], 1, a_.shape[1]); x3 = X.reshape(X.shape[0], 1, X.shape[1])
    d_V = d_loss @ a3[-1]
    d_W = np.zeros_like(P['W']); d_R = np.zeros_like(P['R']); d_bs = np.zeros_like(P['bs'])
    delta = d_loss.T @ P['V'] * (1 - a3[-1] ** 2)
    for t in reversed(range(Dn)):                  # line 101 as written
        d_bs += delta.reshape(P['bs'].shape); d_W += delta.T @ x3[t]
        if t > 0:
            d_R += delta.T @ a3[t - 1]; delta = delta @ P['R'] * (1 - a3[t - 1] ** 2)
    return dict(W=d_W, R=d_R, V=d_V, bs=d_bs)
# T > D: index error; T < D: wrong gradients
try:
    author_forward_backward(P, X, (y_hat[:, None] - Yt)); rec(58, True)
except IndexError:
    rec(58, False)
Xs = X[:3]                                          # T=3 < D=4
ys = fwd(P, Xs)[0]
a_ = np.zeros((D, I))                               # line 58 as written
for t in range(len(Xs)):
    a_[t] = np.tanh(W @ Xs[t] + R @ a_[t - 1] + bs)
a3w = a_.reshape(D, 1, I)
d_V_author = (ys[:, None] - Yt) @ a3w[-1]           # a[-1] is an unused zero row, not a(T)
Xbak = X; X = Xs
rec(58, close(d_V_author, fdp('V')))
X = Xbak
try:
    author_forward_backward(P, Xs, (ys[:, None] - Yt)); rec(101, True)
except IndexError:
    rec(101, False)                                 # range(input_size) runs past the sequence
# with T == D the author's code is right (which is why the author's check passed)
Xe = X[:D]; ye = fwd(P, Xe)[0]; gE = author_forward_backward(P, Xe, (ye[:, None] - Yt))
X = Xe; okE = all(close(gE[k], fdp(k)) for k in ('W', 'R', 'V', 'bs')); X = Xbak
assert okE

# remaining rows evaluated as written, with a properly sized a (T rows) and t over range(T)
rec(60, True); rec(61, close(y_hat, V @ Aall[-1] + by))
# forward_fast lines 67/69/70
a = np.tanh(W @ X[0] + bs)                          # 67
for t in range(1, T): a = np.tanh(W @ X[t] + R @ a + bs)   # 69
yf = V @ a + by                                     # 70
rec(67, close(a, Aall[-1])); rec(69, close(a, Aall[-1])); rec(70, close(yf, y_hat))

d_loss = (y_hat[:, None] - Yt)                      # (K,1) = dL/dy_hat as column
a3 = Aall.reshape(T, 1, I); x3 = X.reshape(T, 1, D)
d_V = d_loss @ a3[-1]; rec(90, close(d_V, fdp('V')))
d_by = d_loss; rec(91, close(d_by[:, 0], fdp('by')))
d_W = np.zeros_like(W); d_R = np.zeros_like(R); d_bs = np.zeros_like(bs)
for ln in (94, 95, 96): rec(ln, True)
delta = d_loss.T @ V * (1 - a3[-1] ** 2)            # 99
rec(99, close(delta[0], fds('s', T - 1)))
for t in reversed(range(T)):
    d_bs += delta.reshape(bs.shape)                 # 102
    d_W += delta.T @ x3[t]                          # 103
    if t > 0:
        d_R += delta.T @ a3[t - 1]                  # 105
        delta = delta @ R * (1 - a3[t - 1] ** 2)    # 108
        rec(108, close(delta[0], fds('s', t - 1)))
rec(102, close(d_bs, fdp('bs'))); rec(103, close(d_W, fdp('W'))); rec(105, close(d_R, fdp('R')))

expected = {56: 0, 57: 1, 58: 0, 60: 1, 61: 1, 67: 1, 69: 1, 70: 1, 90: 1, 91: 1, 94: 1, 95: 1, 96: 1,
            99: 1, 101: 0, 102: 1, 103: 1, 105: 1, 108: 1}
for ln, ex in sorted(expected.items()):
    got = all(res[ln]); print(f"line {ln}: {'pass' if got else 'fail'} (expected {'pass' if ex else 'fail'})")
    assert got == bool(ex), ln
assert set(res) == set(expected)
print("OK")
