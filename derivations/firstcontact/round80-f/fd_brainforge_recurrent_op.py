# Finite-difference check of brainforge_recurrent_op.py: RecurrentOp (tanh RNN) and LSTMOp, author's code as written.
# Layout: X (time, batch, indim); Z[t] = [X[t], O[t-1]]; W (indim+outdim, outdim[*4]); E[t] = dL/dO[t] on entry.
import numpy as np
rng = np.random.default_rng(1)
time, batch, indim, outdim = 4, 2, 3, 2
sig = lambda z: 1 / (1 + np.exp(-z))

def rep(line, name, a, b):
    ok = a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    md = np.max(np.abs(a - b)) if a.shape == b.shape else float('nan')
    print(f"line {line:4s} {name:28s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={md:.2e}")

def num(f, X, eps=1e-6):
    g = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        old = X[idx]; X[idx] = old + eps; a = f(); X[idx] = old - eps; b = f(); X[idx] = old; g[idx] = (a - b) / (2 * eps)
    return g

# ---------------- RecurrentOp (lines 16-44) ----------------
X = rng.normal(size=(time, batch, indim)); W = rng.normal(size=(indim + outdim, outdim)) * 0.7; b = rng.normal(size=outdim) * 0.3
Gout = rng.normal(size=(time, batch, outdim))        # L = sum(Gout * O)
def rnn_forward(X, W, b, hook=None):
    Z = np.zeros((time, batch, indim + outdim)); O = np.zeros((time, batch, outdim)); pre = {}
    for t in range(time):
        Z[t] = np.concatenate((X[t], O[t - 1]), axis=-1)
        p = np.dot(Z[t], W) + b
        if hook is not None: p = hook(t, p)
        O[t] = np.tanh(p)
    return O, Z
def rnn_loss(hook=None): return np.sum(Gout * rnn_forward(X, W, b, hook)[0])
def rnn_backward(Z, O, E, W):       # as written
    time_, batch_, zdim = Z.shape; ind = zdim - outdim
    bwO = 1 - O ** 2
    for t in range(time_ - 1, -1, -1):
        E[t] *= bwO[t]
        deltaZ = np.dot(E[t], W.T)
        E[t - 1] += deltaZ[:, ind:] if t else 0.
    dX = E[:, :, :ind]
    nablaW = np.matmul(Z.transpose(0, 2, 1), E).sum(axis=0)
    nablab = E.sum(axis=(0, 1))
    return dX, nablaW, nablab, E
O, Z = rnn_forward(X, W, b)
dX, nW, nb, E = rnn_backward(Z, O, Gout.copy(), W)
for t in range(time):
    def pert(idx, s, t=t):
        def hk(tt, p):
            if tt == t: p = p.copy(); p[idx] += s
            return p
        return hk
    g = np.zeros((batch, outdim))
    for idx in np.ndindex(batch, outdim): g[idx] = (rnn_loss(pert(idx, 1e-6)) - rnn_loss(pert(idx, -1e-6))) / 2e-6
    rep('37', f'RNN E[t]=dL/dpre t={t}', E[t], g)
rep('42', 'RNN nablaW', nW, num(rnn_loss, W))
rep('43', 'RNN nablab', nb, num(rnn_loss, b))
gX = num(rnn_loss, X)
rep('41', 'RNN dX (as written)', dX, gX)
dX_fix = np.stack([np.dot(E[t], W.T)[:, :indim] for t in range(time)])
rep('41*', 'RNN dX if (E[t]@W.T)[:, :indim]', dX_fix, gX)

# ---------------- LSTMOp (lines 52-113) ----------------
W4 = rng.normal(size=(indim + outdim, 4 * outdim)) * 0.7; b4 = rng.normal(size=4 * outdim) * 0.3
def lstm_forward(X, W, b, hook=None):
    hk = hook or (lambda n, t, v: v)
    Z = np.zeros((time, batch, indim + outdim)); O = np.zeros((time, batch, outdim))
    C, f, i, o, cand, Ca = np.zeros((6, time, batch, outdim))
    for t in range(time):
        Z[t] = np.concatenate((X[t], O[t - 1]), axis=-1)
        p = hk('p', t, np.dot(Z[t], W) + b)
        p[:, :outdim] = np.tanh(p[:, :outdim]); p[:, outdim:] = sig(p[:, outdim:])
        cand[t] = p[:, :outdim]; f[t] = p[:, outdim:2 * outdim]; i[t] = p[:, 2 * outdim:3 * outdim]; o[t] = p[:, 3 * outdim:]
        C[t] = hk('C', t, C[t - 1] * f[t] + cand[t] * i[t])
        Ca[t] = np.tanh(C[t]); O[t] = hk('O', t, Ca[t] * o[t])
    return O, Z, np.stack((C, Ca, cand, f, i, o))
def lstm_loss(hook=None): return np.sum(Gout * lstm_forward(X, W4, b4, hook)[0])
def lstm_backward(Z, O, E, W, cache):   # as written
    time_, batch_, zdim = Z.shape; ind = zdim - outdim
    C, Ca, cand, f, i, o = cache
    bwgates = np.concatenate(cache[2:], axis=-1)
    bwgates[..., outdim:] = bwgates[..., outdim:] * (1 - bwgates[..., outdim:])
    bwgates[..., :outdim] = 1 - bwgates[..., :outdim] ** 2
    bwCa = np.atleast_2d(1 - Ca ** 2)
    deltaC = np.zeros_like(O[-1]); deltaZ = np.zeros_like(Z); dgates = np.zeros((time_, batch_, outdim * 4)); recC = {}
    for t in range(time_ - 1, -1, -1):
        deltaC += E[t] * o[t] * bwCa[t]; recC[t] = deltaC.copy()
        dcand = deltaC * i[t]; df = deltaC * (C[t - 1] if t else 0.0); di = deltaC * cand[t]; do = Ca[t] * E[t]
        dgates[t] = np.concatenate((dcand, df, di, do), axis=-1) * bwgates[t]
        deltaC *= f[t]
        deltaZ[t] = np.dot(dgates[t], W.T)
        E[t - 1] += deltaZ[t, :, ind:] if t else 0.0
    nablaW = np.matmul(Z.transpose(0, 2, 1), dgates).sum(axis=0)
    nablab = np.sum(dgates, axis=(0, 1))
    deltaX = deltaZ[:, :, :ind]
    return deltaX, nablaW, nablab, dgates, recC, E
O, Z, cache = lstm_forward(X, W4, b4)
Ecopy = Gout.copy()
dXl, nWl, nbl, dg, recC, El = lstm_backward(Z, O, Ecopy, W4, cache)
def num_hook(name, t, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        def L(s):
            def hk(n, tt, v):
                if n == name and tt == t: v = v.copy(); v[idx] += s
                return v
            return lstm_loss(hk)
        g[idx] = (L(1e-6) - L(-1e-6)) / 2e-6
    return g
for t in range(time):
    rep('96', f'LSTM deltaC=dL/dC t={t}', recC[t], num_hook('C', t, (batch, outdim)))
    rep('103', f'LSTM dgates=dL/dp t={t}', dg[t], num_hook('p', t, (batch, 4 * outdim)))
    rep('108', f'LSTM E[t]=dL/dO total t={t}', El[t], num_hook('O', t, (batch, outdim)))
rep('110', 'LSTM nablaW', nWl, num(lstm_loss, W4))
rep('111', 'LSTM nablab', nbl, num(lstm_loss, b4))
rep('112', 'LSTM deltaX', dXl, num(lstm_loss, X))

# Same RNN check with indim <= outdim, so that the slice E[:, :, :indim] has the shape of dX and the values can be compared.
indim, outdim = 2, 3
X = rng.normal(size=(time, batch, indim)); W = rng.normal(size=(indim + outdim, outdim)) * 0.7; b = rng.normal(size=outdim) * 0.3
Gout = rng.normal(size=(time, batch, outdim))
O, Z = rnn_forward(X, W, b)
dX, nW, nb, E = rnn_backward(Z, O, Gout.copy(), W)
gX = num(rnn_loss, X)
rep('41', 'RNN dX (as written, in<=out)', dX, gX)
rep('41*', 'RNN dX if (E[t]@W.T)[:, :indim]', np.stack([np.dot(E[t], W.T)[:, :indim] for t in range(time)]), gX)
rep('42', 'RNN nablaW (in<=out)', nW, num(rnn_loss, W))
