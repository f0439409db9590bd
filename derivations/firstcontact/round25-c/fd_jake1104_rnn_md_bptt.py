"""FD check for jake1104_rnn_md_bptt.md (jake1104/ANN, _04_RNN/RNN.md).

Author's layout (code blocks, and the backward formulas x_t^T delta, delta W^T): row vectors,
a_t = x_t Wxh + h_{t-1} Whh + bh, h_t = tanh(a_t), o_t = h_t Why + by, yhat_t = softmax(o_t), h_0 = 0.
The markdown writes the forward as W_xh x_t with W_xh in R^{n_x x n_h}; we read it as x_t W_xh (as the code does).
y_t (lines 83/98) is the one-hot target.
Two losses occur: line 83  L_avg = -(1/T) sum_t sum_j y_tj log yhat_tj  (the text's loss),
and the code's cross-entropy summed over t, L_sum = T * L_avg (VanillaRNN.compute_loss; what dy = ys[t]-Y[t] differentiates).
x_t are fed as 1 x n_x rows (with the literal 1-D rows of np.eye the line dWxh += X[t].T @ dh_raw would not broadcast).
"""
import numpy as np

rng = np.random.default_rng(11)
nx, nh, ny, T = 5, 4, 5, 5
Wxh = rng.normal(size=(nx, nh)); Whh = rng.normal(size=(nh, nh)); Why = rng.normal(size=(nh, ny))
bh = rng.normal(size=(1, nh)); by = rng.normal(size=(1, ny))
X = np.eye(nx)[rng.integers(0, nx, size=T)].reshape(T, 1, nx) + 0.3 * rng.normal(size=(T, 1, nx))
Y = np.eye(ny)[rng.integers(0, ny, size=T)]          # (T, ny) one-hot targets
E = 1e-6


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True)); return e / e.sum(axis=1, keepdims=True)


def fwd(Wxh=Wxh, Whh=Whh, Why=Why, bh=bh, by=by, epsa=None, epsh=None, epso=None):
    h = np.zeros((1, nh)); hs, ys, As = [], [], []
    for t in range(T):
        a = X[t] @ Wxh + h @ Whh + bh + (epsa.get(t, 0) if epsa else 0)
        h = np.tanh(a) + (epsh.get(t, 0) if epsh else 0)
        o = h @ Why + by + (epso.get(t, 0) if epso else 0)
        hs.append(h); ys.append(softmax(o)); As.append(a)
    return np.array(hs), np.array(ys), As


def Lsum(**kw):
    _, ys, _ = fwd(**kw)
    return -sum(float(Y[t] @ np.log(ys[t][0])) for t in range(T))


Lavg = lambda **kw: Lsum(**kw) / T


def grad(fun, name, val):
    g = np.zeros_like(val)
    for idx in np.ndindex(val.shape):
        p = val.copy(); m = val.copy(); p[idx] += E; m[idx] -= E
        g[idx] = (fun(**{name: p}) - fun(**{name: m})) / (2 * E)
    return g


def gnode(fun, key, t, size):
    g = np.zeros((1, size))
    for j in range(size):
        d = np.zeros((1, size)); d[0, j] = E
        g[0, j] = (fun(**{key: {t: d}}) - fun(**{key: {t: -d}})) / (2 * E)
    return g


def rep(line, ok, extra=''):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}" + (f"  ({extra})" if extra else ''))


close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
hs, ys, As = fwd()
hprev = [np.zeros((1, nh))] + [hs[t] for t in range(T - 1)]

# forward definitions (row reading)
rep(39, close(hs[2], np.tanh(X[2] @ Wxh + hs[1] @ Whh + bh)))
rep(43, close(ys[2], softmax(hs[2] @ Why + by)))
rep(63, close(hs[0], np.tanh(X[0] @ Wxh + np.zeros((1, nh)) @ Whh + bh)), 'h_0 = 0 as in the code')
rep(64, close(hs[1], np.tanh(X[1] @ Wxh + hs[0] @ Whh + bh)))
rep(66, close(hs[T - 1], np.tanh(X[T - 1] @ Wxh + hs[T - 2] @ Whh + bh)))
rep(73, close(ys[T - 1], softmax(hs[T - 1] @ Why + by)))
rep(83, np.isclose(Lavg(), -np.mean([Y[t] @ np.log(ys[t][0]) for t in range(T)])), 'definition')

# line 98: output error of the per-step softmax cross-entropy
t = 1
Lt = lambda z: -float(Y[t] @ np.log(softmax(z)[0]))
o = hs[t] @ Why + by
num = np.array([[(Lt(o + E * np.eye(ny)[[j]]) - Lt(o - E * np.eye(ny)[[j]])) / (2 * E) for j in range(ny)]])
rep(98, close(ys[t] - Y[t], num), 'd CE_t / d o_t')

# exact deltas of the summed loss (the deltas of lines 98/104 accumulate per-step errors)
dA = {t: gnode(Lsum, 'epsa', t, nh) for t in range(T)}
dO = {t: gnode(Lsum, 'epso', t, ny) for t in range(T)}
dHtot = {t: gnode(Lsum, 'epsh', t, nh) for t in range(T)}
t = 2
rep(104, close((dO[t] @ Why.T + dA[t + 1] @ Whh.T) * (1 - hs[t] ** 2), dA[t]), "recursion with f'(h_t) read as 1 - h_t^2")

# lines 114-116: claimed gradients of L (line 83, averaged over T)
gx_avg = grad(Lavg, 'Wxh', Wxh); gh_avg = grad(Lavg, 'Whh', Whh); gy_avg = grad(Lavg, 'Why', Why)
sx = sum(X[t].T @ dA[t] for t in range(T)); sh = sum(hprev[t].T @ dA[t] for t in range(T)); sy = sum(hs[t].T @ dO[t] for t in range(T))
rep(114, close(sx, gx_avg), f"equals T * dL/dWxh: {close(sx, T * gx_avg)}")
rep(115, close(sh, gh_avg), f"equals T * dL/dWhh: {close(sh, T * gh_avg)}")
rep(116, close(sy, gy_avg), f"equals T * dL/dWhy: {close(sy, T * gy_avg)}")

# code: forward lines
h0 = np.zeros((1, Whh.shape[0]))
rep(142, close(h0, 0), 'h_0 = 0')
rep(144, close(np.tanh(X[3] @ Wxh + hs[2] @ Whh + bh), hs[3]))
rep(145, close(softmax(hs[3] @ Why + by), ys[3]))

# code: the author's backward, run line by line, against FD of the summed loss L_sum
gWxh = grad(Lsum, 'Wxh', Wxh); gWhh = grad(Lsum, 'Whh', Whh); gWhy = grad(Lsum, 'Why', Why)
gbh = grad(Lsum, 'bh', bh); gby = grad(Lsum, 'by', by)
dWxh = np.zeros_like(Wxh); dWhh = np.zeros_like(Whh); dWhy = np.zeros_like(Why); dbh_ = np.zeros_like(bh); dby_ = np.zeros_like(by)
dh_next = np.zeros_like(hs[0])
ok = {k: True for k in [166, 169, 170, 174]}
for t in reversed(range(T)):
    dy = ys[t] - Y[t]; ok[166] &= close(dy, dO[t])
    dWhy += hs[t].T @ dy
    dby_ += dy
    dh = dy @ Why.T + dh_next; ok[169] &= close(dh, dHtot[t])
    dh_raw = (1 - hs[t] ** 2) * dh; ok[170] &= close(dh_raw, dA[t])
    dbh_ += dh_raw
    dWxh += X[t].T @ dh_raw
    dWhh += hs[t - 1].T @ dh_raw if t > 0 else 0
    dh_next = dh_raw @ Whh.T
    if t > 0:
        ok[174] &= close(dh_next, dHtot[t - 1] - dO[t - 1] @ Why.T)   # recurrent part of dL/dh_{t-1}
rep(157, True, 'zero accumulators'); rep(158, True, 'zero accumulators'); rep(159, True, 'zero accumulators')
rep(160, True, 'zero accumulators'); rep(161, True, 'zero accumulators')
rep(163, close(dHtot[T - 1], dO[T - 1] @ Why.T), 'no recurrent gradient into the last step')
rep(166, ok[166]); rep(167, close(dWhy, gWhy)); rep(168, close(dby_, gby)); rep(169, ok[169]); rep(170, ok[170])
rep(171, close(dbh_, gbh)); rep(172, close(dWxh, gWxh)); rep(173, close(dWhh, gWhh)); rep(174, ok[174])

rep(204, close(fwd()[0], hs) and close(fwd()[1], ys), 'forward over the sequence')
# line 205: loss = -np.sum(Y * np.log(ys + 1e-8)) with ys of shape (T,1,C) and Y of shape (T,C) broadcasts to (T,T,C)
Xe = np.eye(5); Ye = np.roll(Xe, -1, axis=0)
yse = softmax(rng.normal(size=(5, 5))).reshape(5, 1, 5)
lit = -np.sum(Ye * np.log(yse + 1e-8))
ce = -sum(float(Ye[t] @ np.log(yse[t][0] + 1e-8)) for t in range(5))
rep(205, np.isclose(lit, ce), f"literal {lit:.4f} vs cross-entropy {ce:.4f}")
