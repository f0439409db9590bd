"""Finite-difference check of basasuya_cs231n_lstm_layers.md (numpy only, float64).
Rows are evaluated as written from the true values they use and compared with central differences."""
import numpy as np
rs = np.random.RandomState(1)
N, D, H, T = 3, 4, 5, 4

def fd(f, x, eps=1e-6):
    x = x.astype(float).copy(); g = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        o = x[idx]; x[idx] = o + eps; p = f(x); x[idx] = o - eps; m = f(x); x[idx] = o
        g[idx] = (p - m) / (2 * eps)
    return g
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))
sigmoid = lambda z: 1 / (1 + np.exp(-z))
R = {}
def rec(l, ok): R[l] = 'pass' if ok else 'fail'

# model (standard LSTM, gate order i, f, o, g; c0 = 0)
def ref(x, ph, pc, Wx, Wh, b):
    A = x @ Wx + ph @ Wh + b
    i, f, o, g = sigmoid(A[:, :H]), sigmoid(A[:, H:2*H]), sigmoid(A[:, 2*H:3*H]), np.tanh(A[:, 3*H:])
    c = f * pc + i * g
    return o * np.tanh(c), c

x = rs.randn(N, D); prev_h = rs.randn(N, H); prev_c = rs.randn(N, H)
Wx = rs.randn(D, 4*H) * .5; Wh = rs.randn(H, 4*H) * .5; b = rs.randn(4*H)
a = np.dot(x, Wx) + np.dot(prev_h, Wh) + b                       # line 14
rec(14, close(a, np.einsum('nd,dk->nk', x, Wx) + np.einsum('nh,hk->nk', prev_h, Wh) + b))
gates = sigmoid(a[:, :3*H])                                      # line 16
rec(16, close(gates, np.hstack([sigmoid(a[:, :H]), sigmoid(a[:, H:2*H]), sigmoid(a[:, 2*H:3*H])])))
g = np.tanh(a[:, 3*H:4*H])                                       # line 18
rec(18, close(g, np.tanh(a[:, 3*H:])))
next_c = gates[:, :H] * g + gates[:, H:2*H] * prev_c             # line 19
next_h = np.tanh(next_c) * gates[:, 2*H:3*H]                     # line 21
hr, cr = ref(x, prev_h, prev_c, Wx, Wh, b)
rec(19, close(next_c, cr)); rec(21, close(next_h, hr))

dnext_h = rs.randn(N, H); dnext_c0 = rs.randn(N, H)
i_, f_, o_ = gates[:, :H], gates[:, H:2*H], gates[:, 2*H:3*H]
L_of_c = lambda c, o=o_: np.sum(dnext_h * o * np.tanh(c)) + np.sum(dnext_c0 * c)
dnext_c = dnext_c0.copy()
dnext_c += gates[:, 2*H:3*H] * (1 - np.tanh(next_c)**2) * dnext_h   # line 41 (now total dL/dc_t)
rec(41, close(dnext_c, fd(L_of_c, next_c)))
dgates = np.zeros(gates.shape); da = np.zeros((N, 4*H))
dgates[:, 2*H:3*H] = np.tanh(next_c) * dnext_h                   # line 42
rec(42, close(dgates[:, 2*H:3*H], fd(lambda o: L_of_c(next_c, o), o_)))
dgates[:, :H] = g * dnext_c                                      # line 43
rec(43, close(dgates[:, :H], fd(lambda v: L_of_c(v * g + f_ * prev_c), i_)))
dgates[:, H:2*H] = prev_c * dnext_c                              # line 44
rec(44, close(dgates[:, H:2*H], fd(lambda v: L_of_c(i_ * g + v * prev_c), f_)))
dg = gates[:, :H] * dnext_c                                      # line 45
rec(45, close(dg, fd(lambda v: L_of_c(i_ * v + f_ * prev_c), g)))
dprev_c = gates[:, H:2*H] * dnext_c                              # line 46
L_step = lambda hc: np.sum(dnext_h * hc[0]) + np.sum(dnext_c0 * hc[1])
rec(46, close(dprev_c, fd(lambda v: L_step(ref(x, prev_h, v, Wx, Wh, b)), prev_c)))
def L_of_A(A):
    ii, ff, oo, gg = sigmoid(A[:, :H]), sigmoid(A[:, H:2*H]), sigmoid(A[:, 2*H:3*H]), np.tanh(A[:, 3*H:])
    c = ff * prev_c + ii * gg
    return np.sum(dnext_h * oo * np.tanh(c)) + np.sum(dnext_c0 * c)
dA = fd(L_of_A, a)
da[:, 3*H:4*H] = (1 - g**2) * dg                                 # line 47
rec(47, close(da[:, 3*H:], dA[:, 3*H:]))
da[:, :3*H] = gates * (1 - gates) * dgates                       # line 48
rec(48, close(da[:, :3*H], dA[:, :3*H]))
rec(49, close(np.dot(dA, Wx.T), fd(lambda v: L_step(ref(v, prev_h, prev_c, Wx, Wh, b)), x)))
rec(50, close(np.dot(dA, Wh.T), fd(lambda v: L_step(ref(x, v, prev_c, Wx, Wh, b)), prev_h)))
rec(51, close(np.dot(x.T, dA), fd(lambda v: L_step(ref(x, prev_h, prev_c, v, Wh, b)), Wx)))
rec(52, close(np.dot(prev_h.T, dA), fd(lambda v: L_step(ref(x, prev_h, prev_c, Wx, v, b)), Wh)))
rec(53, close(np.sum(dA, axis=0), fd(lambda v: L_step(ref(x, prev_h, prev_c, Wx, Wh, v)), b)))

def step_back(dnh, dnc, cache):   # the author's step backward (verified row by row above)
    x, prev_h, prev_c, Wx, Wh, gates, g, next_c, next_h = cache
    dnc = dnc + gates[:, 2*H:3*H] * (1 - np.tanh(next_c)**2) * dnh
    dgates = np.hstack([g * dnc, prev_c * dnc, np.tanh(next_c) * dnh])
    da = np.hstack([gates * (1 - gates) * dgates, (1 - g**2) * gates[:, :H] * dnc])
    return da @ Wx.T, da @ Wh.T, gates[:, H:2*H] * dnc, x.T @ da, prev_h.T @ da, da.sum(0)
def step_fwd(x, ph, pc, Wx, Wh, b):
    a = x @ Wx + ph @ Wh + b; gates = sigmoid(a[:, :3*H]); g = np.tanh(a[:, 3*H:])
    nc = gates[:, :H] * g + gates[:, H:2*H] * pc; nh = np.tanh(nc) * gates[:, 2*H:3*H]
    return nh, nc, (x, ph, pc, Wx, Wh, gates, g, nc, nh)

X = rs.randn(N, T, D); h0 = rs.randn(N, H); dh = rs.randn(N, T, H)
def seq_ref(X, h0, Wx, Wh, b):
    hh, c, hs = h0, np.zeros_like(h0), []
    for t in range(T):
        hh, c = ref(X[:, t], hh, c, Wx, Wh, b); hs.append(hh)
    return np.stack(hs, 1)
h = np.zeros((N, T+1, H))
h[:, 0, :] = h0                                                  # line 67
c = np.zeros((N, H))                                             # line 68
cache = []
for t in range(T):
    h_t, c, cache_t = step_fwd(X[:, t, :], h[:, t, :], c, Wx, Wh, b)   # line 74
    h[:, t+1, :] = h_t                                           # line 75
    cache.append(cache_t)
h = h[:, 1:, :]                                                  # line 79
ok = close(h, seq_ref(X, h0, Wx, Wh, b))
for l in (67, 68, 74, 75, 79): rec(l, ok)
LS = lambda hh: np.sum(dh * hh)
gX = fd(lambda v: LS(seq_ref(v, h0, Wx, Wh, b)), X); gh0 = fd(lambda v: LS(seq_ref(X, v, Wx, Wh, b)), h0)
gWx = fd(lambda v: LS(seq_ref(X, h0, v, Wh, b)), Wx); gWh = fd(lambda v: LS(seq_ref(X, h0, Wx, v, b)), Wh)
gb = fd(lambda v: LS(seq_ref(X, h0, Wx, Wh, v)), b)
dx = np.zeros((N, T, D)); dprev_h = np.zeros((N, H)); dprev_c = np.zeros((N, H))   # lines 94, 95
dWx = np.zeros((D, 4*H)); dWh = np.zeros((H, 4*H)); db = np.zeros((4*H,))
for t in range(T-1, -1, -1):
    dx_t, dprev_h, dprev_c, dWx_t, dWh_t, db_t = step_back(dh[:, t, :] + dprev_h, dprev_c, cache[t])   # line 103
    dx[:, t, :] = dx_t                                           # line 106
    dWx += dWx_t; dWh += dWh_t; db += db_t                       # lines 107-109
dh0 = dprev_h                                                    # line 110
rec(106, close(dx, gX)); rec(107, close(dWx, gWx)); rec(108, close(dWh, gWh)); rec(109, close(db, gb)); rec(110, close(dh0, gh0))
allok = all(R[l] == 'pass' for l in (106, 107, 108, 109, 110))
rec(94, allok); rec(95, allok); rec(103, allok)

expected = {l: 'pass' for l in (14, 16, 18, 19, 21, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53,
                                67, 68, 74, 75, 79, 94, 95, 103, 106, 107, 108, 109, 110)}
assert set(expected) == set(R), set(expected) ^ set(R)
bad = {k: R[k] for k in R if R[k] != expected[k]}
assert not bad, bad
print('all %d rows match: %d pass, %d fail' % (len(R), list(R.values()).count('pass'), list(R.values()).count('fail')))
