"""Finite-difference check of cloaked04_cs231n_rnn_layers.md (numpy only, float64).
Each annotated row is evaluated as written, from the TRUE values of what it uses,
and compared with central finite differences of the quantity it claims to compute."""
import numpy as np

rs = np.random.RandomState(0)
N, D, H, T, V, M = 3, 4, 5, 4, 6, 3
EPS = 1e-6

def fd(f, x, eps=EPS):
    x = x.astype(float).copy(); g = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        o = x[idx]; x[idx] = o + eps; p = f(x); x[idx] = o - eps; m = f(x); x[idx] = o
        g[idx] = (p - m) / (2 * eps)
    return g

def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))

results = {}
def rec(line, ok):
    results[line] = 'pass' if ok else 'fail'

sig = lambda z: 1 / (1 + np.exp(-z))

# ---------------- vanilla RNN step ----------------
x = rs.randn(N, D); prev_h = rs.randn(N, H); Wx = rs.randn(D, H) * .5; Wh = rs.randn(H, H) * .5; b = rs.randn(H)
dnext_h = rs.randn(N, H)
step = lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b)
# forward row 14 vs model h = tanh(a)
a_ref = np.einsum('nd,dh->nh', x, Wx) + np.einsum('nk,kh->nh', prev_h, Wh) + b
next_h = np.tanh(np.dot(x, Wx) + np.dot(prev_h, Wh) + b)            # row 14
rec(14, close(next_h, np.tanh(a_ref)))
Lh = lambda out: np.sum(dnext_h * out)
dtanh = (1 - next_h * next_h) * dnext_h                                # row 24
rec(24, close(dtanh, fd(lambda a: Lh(np.tanh(a)), a_ref)))
rec(25, close(np.sum(dtanh, axis=0), fd(lambda v: Lh(step(x, prev_h, Wx, Wh, v)), b)))
rec(26, close(np.dot(x.T, dtanh), fd(lambda v: Lh(step(x, prev_h, v, Wh, b)), Wx)))
rec(27, close(np.dot(prev_h.T, dtanh), fd(lambda v: Lh(step(x, prev_h, Wx, v, b)), Wh)))
rec(28, close(np.dot(dtanh, Wx.T), fd(lambda v: Lh(step(v, prev_h, Wx, Wh, b)), x)))
rec(29, close(np.dot(dtanh, Wh.T), fd(lambda v: Lh(step(x, v, Wx, Wh, b)), prev_h)))

def rnn_step_backward(dnext_h, cache):   # author's (correct) step backward
    x, prev_h, Wx, Wh, b, next_h = cache
    dtanh = (1 - next_h * next_h) * dnext_h
    return np.dot(dtanh, Wx.T), np.dot(dtanh, Wh.T), np.dot(x.T, dtanh), np.dot(prev_h.T, dtanh), np.sum(dtanh, axis=0)

# ---------------- vanilla RNN sequence ----------------
X = rs.randn(N, T, D); h0 = rs.randn(N, H); dh = rs.randn(N, T, H)
def rnn_fwd_ref(X, h0, Wx, Wh, b):
    hs = []; h = h0
    for t in range(T):
        h = np.tanh(X[:, t] @ Wx + h @ Wh + b); hs.append(h)
    return np.stack(hs, 1)
# author's forward rows 39-41
h = np.zeros([N, T, H]); h_t = h0
for t in range(X.shape[1]):
    hid_stat = step(X[:, t, :], h_t, Wx, Wh, b)     # row 39
    h[:, t, :] = hid_stat                             # row 40
    h_t = hid_stat                                    # row 41
ok = close(h, rnn_fwd_ref(X, h0, Wx, Wh, b)); rec(39, ok); rec(40, ok); rec(41, ok)
LH = lambda hh: np.sum(dh * hh)
g_x = fd(lambda v: LH(rnn_fwd_ref(v, h0, Wx, Wh, b)), X)
g_h0 = fd(lambda v: LH(rnn_fwd_ref(X, v, Wx, Wh, b)), h0)
g_Wx = fd(lambda v: LH(rnn_fwd_ref(X, h0, v, Wh, b)), Wx)
g_Wh = fd(lambda v: LH(rnn_fwd_ref(X, h0, Wx, v, b)), Wh)
g_b = fd(lambda v: LH(rnn_fwd_ref(X, h0, Wx, Wh, v)), b)
# true total upstream dL/dh_t (direct + recurrent)
true_dht = np.zeros((N, T, H)); carry = np.zeros((N, H))
for t in reversed(range(T)):
    true_dht[:, t] = dh[:, t] + carry
    pv = h0 if t == 0 else h[:, t - 1]
    _, carry, _, _, _ = rnn_step_backward(true_dht[:, t], (X[:, t], pv, Wx, Wh, b, h[:, t]))
# check that the true total upstream is right: dL/dh0 from it equals FD
assert close(carry, g_h0)
# row 50 / 54: caches
rec(50, close(rnn_step_backward(true_dht[:, 0], (X[:, 0, :], h0, Wx, Wh, b, h[:, 0, :]))[0], g_x[:, 0]))
rec(54, all(close(rnn_step_backward(true_dht[:, t], (X[:, t, :], h[:, t - 1, :], Wx, Wh, b, h[:, t, :]))[0], g_x[:, t]) for t in range(1, T)))
# row 51 as written (t = 0): upstream dh[:,0,:] only, outputs overwrite dh0,dWx,dWh,db
dx_t, dh0_w, dWx_w, dWh_w, db_w = rnn_step_backward(dh[:, 0, :], (X[:, 0, :], h0, Wx, Wh, b, h[:, 0, :]))
rec(51, close(dh0_w, g_h0) and close(dWx_w, g_Wx) and close(dWh_w, g_Wh) and close(db_w, g_b) and close(dx_t, g_x[:, 0]))
# rows 52 / 56: assignment of the true dx_t
rec(52, close(g_x[:, 0], g_x[:, 0])); rec(56, True)
# row 55 as written for t>0: upstream dh[:,t,:] only
rec(55, all(close(rnn_step_backward(dh[:, t, :], (X[:, t, :], h[:, t - 1, :], Wx, Wh, b, h[:, t, :]))[0], g_x[:, t]) for t in range(1, T)))
# sanity: at t = T-1 the row is right (no later steps)
assert close(rnn_step_backward(dh[:, T - 1, :], (X[:, T - 1], h[:, T - 2], Wx, Wh, b, h[:, T - 1]))[0], g_x[:, T - 1])

# ---------------- word embedding ----------------
xi = rs.randint(V, size=(N, T)); xi[0, 0] = xi[1, 2] = xi[0, 1]
W = rs.randn(V, D); dout = rs.randn(N, T, D)
out = np.zeros([N, T, D])
for i in range(N):
    for t in range(T):
        out[i, t, :] = W[xi[i, t]]            # row 66
rec(66, close(out, W[xi]))
dW = np.zeros_like(W)
for v in range(V):
    for n in range(N):
        for t in range(T):
            if v == xi[n, t]:
                dW[v] += dout[n, t, :]        # row 83
rec(83, close(dW, fd(lambda w: np.sum(dout * w[xi]), W)))

# ---------------- sigmoid helpers ----------------
z0 = rs.randn(N, H) * 3
def sigmoid(x):
    pos_mask = (x >= 0); neg_mask = (x < 0); z = np.zeros_like(x)
    z[pos_mask] = np.exp(-x[pos_mask]); z[neg_mask] = np.exp(x[neg_mask])
    top = np.ones_like(x); top[neg_mask] = z[neg_mask]
    return np.asarray(top / (1 + z), dtype='float')   # row 96 (np.asfarray removed in numpy 2)
rec(96, close(sigmoid(z0), sig(z0)))
up = rs.randn(N, H); s0 = sig(z0)
dsig = (1 - s0) * s0                                   # row 100
rec(100, close(dsig, fd(lambda z: np.sum(sig(z)), z0)))
rec(101, close(dsig * up, fd(lambda z: np.sum(up * sig(z)), z0)))   # row 101
def sigmoid_backwards(dout, cache):
    out = cache; return (1 - out) * out * dout

# ---------------- LSTM step ----------------
x = rs.randn(N, D); prev_h = rs.randn(N, H); prev_c = rs.randn(N, H)
Wx = rs.randn(D, 4 * H) * .5; Wh = rs.randn(H, 4 * H) * .5; b = rs.randn(4 * H)
dnh = rs.randn(N, H); dnc = rs.randn(N, H)
def lstm_ref(x, ph, pc, Wx, Wh, b):
    A = x @ Wx + ph @ Wh + b
    i, f, o, g = sig(A[:, :H]), sig(A[:, H:2*H]), sig(A[:, 2*H:3*H]), np.tanh(A[:, 3*H:])
    c = f * pc + i * g
    return o * np.tanh(c), c
Lstep = lambda hc: np.sum(dnh * hc[0]) + np.sum(dnc * hc[1])
actv_vector = np.dot(x, Wx) + np.dot(prev_h, Wh) + b                    # row 107
rec(107, close(actv_vector, np.einsum('nd,dk->nk', x, Wx) + np.einsum('nh,hk->nk', prev_h, Wh) + b))
ai, af, ao, ag = actv_vector[:, :H], actv_vector[:, H:2*H], actv_vector[:, 2*H:3*H], actv_vector[:, 3*H:]   # row 110
rec(110, close(np.concatenate([ai, af, ao, ag], 1), actv_vector))
i, f, o, g = sigmoid(ai), sigmoid(af), sigmoid(ao), np.tanh(ag)        # row 112
next_c = (f * prev_c) + (i * g)                                        # row 113
next_h = o * np.tanh(next_c)                                           # row 114
hr, cr = lstm_ref(x, prev_h, prev_c, Wx, Wh, b)
rec(112, close(i, sig(ai)) and close(g, np.tanh(ag)))
rec(113, close(next_c, cr)); rec(114, close(next_h, hr))
# loss as a function of intermediate nodes (true values elsewhere)
L_of_c = lambda c, oo=o: np.sum(dnh * oo * np.tanh(c)) + np.sum(dnc * c)
L_h_of_c = lambda c: np.sum(dnh * o * np.tanh(c))
do = np.tanh(next_c) * dnh                                              # row 125 (dnext_h = dnh)
rec(125, close(do, fd(lambda v: L_of_c(next_c, v), o)))
dm = o * dnh                                                           # row 126
rec(126, close(dm, fd(lambda m: np.sum(dnh * o * m), np.tanh(next_c))))
dao = sigmoid_backwards(do, o)                                         # row 127
rec(127, close(dao, fd(lambda a: L_of_c(next_c, sig(a)), ao)))
dtanh = (1 - np.tanh(next_c) ** 2) * dm                                # row 128
rec(128, close(dtanh, fd(L_h_of_c, next_c)))
dt = dtanh + dnc                                                       # row 129
rec(129, close(dt, fd(L_of_c, next_c)))
df = prev_c * dt                                                       # row 130
rec(130, close(df, fd(lambda v: L_of_c(v * prev_c + i * g), f)))
dprev_c = f * dt                                                       # row 131
rec(131, close(dprev_c, fd(lambda v: L_of_c(f * v + i * g), prev_c)))
di = g * dt                                                            # row 132
rec(132, close(di, fd(lambda v: L_of_c(f * prev_c + v * g), i)))
dg = i * dt                                                            # row 133
rec(133, close(dg, fd(lambda v: L_of_c(f * prev_c + i * v), g)))
da1 = sigmoid_backwards(di, i)                                         # row 134
rec(134, close(da1, fd(lambda a: L_of_c(f * prev_c + sig(a) * g), ai)))
da2 = sigmoid_backwards(df, f)                                         # row 135
rec(135, close(da2, fd(lambda a: L_of_c(sig(a) * prev_c + i * g), af)))
da3 = dao                                                              # row 136
rec(136, close(da3, fd(lambda a: L_of_c(next_c, sig(a)), ao)))
true_dag = fd(lambda a: L_of_c(f * prev_c + i * np.tanh(a)), ag)
da4 = (1 - np.tanh(g) ** 2) * dg                                       # row 137 as written
rec(137, close(da4, true_dag))
assert close((1 - g ** 2) * dg, true_dag)                              # the corrected row
# rows 138-141 (assembly), with the true block gradients
dactv_vector = np.zeros_like(actv_vector)
dactv_vector[:, :H] = da1; dactv_vector[:, H:2*H] = da2; dactv_vector[:, 2*H:3*H] = da3; dactv_vector[:, 3*H:] = true_dag
LA = lambda A: Lstep(lstm_ref_from_A(A))
def lstm_ref_from_A(A):
    ii, ff, oo, gg = sig(A[:, :H]), sig(A[:, H:2*H]), sig(A[:, 2*H:3*H]), np.tanh(A[:, 3*H:])
    c = ff * prev_c + ii * gg
    return oo * np.tanh(c), c
true_dA = fd(LA, actv_vector)
rec(138, close(dactv_vector[:, :H], true_dA[:, :H])); rec(139, close(dactv_vector[:, H:2*H], true_dA[:, H:2*H]))
rec(140, close(dactv_vector[:, 2*H:3*H], true_dA[:, 2*H:3*H])); rec(141, close(dactv_vector[:, 3*H:], true_dA[:, 3*H:]))
dA = true_dA
rec(142, close(np.sum(dA, axis=0), fd(lambda v: Lstep(lstm_ref(x, prev_h, prev_c, Wx, Wh, v)), b)))
rec(143, close(np.dot(x.T, dA), fd(lambda v: Lstep(lstm_ref(x, prev_h, prev_c, v, Wh, b)), Wx)))
rec(144, close(np.dot(dA, Wx.T), fd(lambda v: Lstep(lstm_ref(v, prev_h, prev_c, Wx, Wh, b)), x)))
rec(145, close(np.dot(dA, Wh.T), fd(lambda v: Lstep(lstm_ref(x, v, prev_c, Wx, Wh, b)), prev_h)))
rec(146, close(np.dot(dA.T, prev_h).T, fd(lambda v: Lstep(lstm_ref(x, prev_h, prev_c, Wx, v, b)), Wh)))
# whole author step backward (with the bug) disagrees on dx (consequence of row 137)
def lstm_step_backward_true(dnext_h, dnext_c, cache):
    xx, ph, pc, WWx, WWh, bb = cache
    A = xx @ WWx + ph @ WWh + bb
    ii, ff, oo, gg = sig(A[:, :H]), sig(A[:, H:2*H]), sig(A[:, 2*H:3*H]), np.tanh(A[:, 3*H:])
    c = ff * pc + ii * gg
    dc = dnext_c + dnext_h * oo * (1 - np.tanh(c) ** 2)
    dA = np.hstack([dc * gg * ii * (1 - ii), dc * pc * ff * (1 - ff), dnext_h * np.tanh(c) * oo * (1 - oo), dc * ii * (1 - gg ** 2)])
    return dA @ WWx.T, dA @ WWh.T, dc * ff, xx.T @ dA, ph.T @ dA, dA.sum(0)

# ---------------- LSTM sequence ----------------
X = rs.randn(N, T, D); h0 = rs.randn(N, H); dh = rs.randn(N, T, H)
def lstm_seq_ref(X, h0, Wx, Wh, b):
    hh, c = h0, np.zeros_like(h0); hs = []
    for t in range(T):
        hh, c = lstm_ref(X[:, t], hh, c, Wx, Wh, b); hs.append(hh)
    return np.stack(hs, 1)
cache = []; c_prev = np.zeros_like(h0)                                   # row 152
h = np.zeros([N, T, H]); h_prev = h0
for t in range(T):
    minibatch = X[:, t, :]
    c_in = c_prev
    h_prev, c_prev = lstm_ref(minibatch, h_prev, c_prev, Wx, Wh, b)      # row 159
    h[:, t, :] = h_prev                                                  # row 160
    cache.append((minibatch, h[:, t - 1] if t else h0, c_in, Wx, Wh, b))
ok = close(h, lstm_seq_ref(X, h0, Wx, Wh, b))
rec(152, ok); rec(159, ok); rec(160, ok)
LS = lambda hh: np.sum(dh * hh)
G = [fd(lambda v: LS(lstm_seq_ref(v, h0, Wx, Wh, b)), X), fd(lambda v: LS(lstm_seq_ref(X, v, Wx, Wh, b)), h0),
     fd(lambda v: LS(lstm_seq_ref(X, h0, v, Wh, b)), Wx), fd(lambda v: LS(lstm_seq_ref(X, h0, Wx, v, b)), Wh),
     fd(lambda v: LS(lstm_seq_ref(X, h0, Wx, Wh, v)), b)]
# author's loop (rows 169-177) run with a correct step backward
dx = np.zeros([N, T, D]); dWx = np.zeros([D, 4 * H]); dWh = np.zeros([H, 4 * H]); db = np.zeros([4 * H])
dprev_h = np.zeros((N, H))                                               # row 169
dprev_c = np.zeros((N, H))                                               # row 170
dh0 = np.zeros((N, H))                                                   # row 171
for t in reversed(range(T)):
    dx_t, dprev_h, dprev_c, dWx_t, dWh_t, db_t = lstm_step_backward_true(dh[:, t, :] + dprev_h, dprev_c, cache[t])   # row 173
    db += db_t; dWx += dWx_t; dWh += dWh_t                               # rows 174-176
    dx[:, t, :] = dx_t                                                   # row 177
loop_ok = close(dx, G[0]) and close(dWx, G[2]) and close(dWh, G[3]) and close(db, G[4])
rec(169, loop_ok); rec(170, loop_ok); rec(173, loop_ok and close(dprev_h, G[1]))
rec(174, close(db, G[4])); rec(175, close(dWx, G[2])); rec(176, close(dWh, G[3])); rec(177, close(dx, G[0]))
rec(171, close(dh0, G[1]))          # dh0 returned as zeros
assert close(dprev_h, G[1])         # correct: dh0 = dprev_h

# ---------------- temporal affine ----------------
Xa = rs.randn(N, T, D); w = rs.randn(D, M); ba = rs.randn(M); douta = rs.randn(N, T, M)
aff = lambda X, w, b: X.reshape(N * T, D).dot(w).reshape(N, T, M) + b     # row 184
rec(184, close(aff(Xa, w, ba), np.einsum('ntd,dm->ntm', Xa, w) + ba))
LA2 = lambda o: np.sum(douta * o)
rec(193, close(douta.reshape(N * T, M).dot(w.T).reshape(N, T, D), fd(lambda v: LA2(aff(v, w, ba)), Xa)))
rec(194, close(douta.reshape(N * T, M).T.dot(Xa.reshape(N * T, D)).T, fd(lambda v: LA2(aff(Xa, v, ba)), w)))
rec(195, close(douta.sum(axis=(0, 1)), fd(lambda v: LA2(aff(Xa, w, v)), ba)))

# ---------------- temporal softmax loss ----------------
S = rs.randn(N, T, V); y = rs.randint(V, size=(N, T)); mask = rs.rand(N, T) > 0.4
def loss_ref(S):
    p = np.exp(S) / np.exp(S).sum(-1, keepdims=True)
    return -np.sum(mask * np.log(np.take_along_axis(p, y[..., None], -1)[..., 0])) / N
x_flat = S.reshape(N * T, V); y_flat = y.reshape(N * T); mask_flat = mask.reshape(N * T)
probs = np.exp(x_flat - np.max(x_flat, axis=1, keepdims=True))          # row 207
rec(207, close(probs / probs.sum(1, keepdims=True), np.exp(x_flat) / np.exp(x_flat).sum(1, keepdims=True)))
probs /= np.sum(probs, axis=1, keepdims=True)                            # row 208
rec(208, close(probs, np.exp(x_flat) / np.exp(x_flat).sum(1, keepdims=True)))
loss = -np.sum(mask_flat * np.log(probs[np.arange(N * T), y_flat])) / N  # row 209
rec(209, abs(loss - loss_ref(S)) < 1e-10)
gS = fd(loss_ref, S).reshape(N * T, V)
dx_flat = probs.copy()                                                   # row 210
dx_flat[np.arange(N * T), y_flat] -= 1                                   # row 211
dx_flat /= N                                                             # row 212
dx_flat *= mask_flat[:, None]                                            # row 213
ok = close(dx_flat, gS)
for r in (210, 211, 212, 213): rec(r, ok)

expected = {14: 'pass', 24: 'pass', 25: 'pass', 26: 'pass', 27: 'pass', 28: 'pass', 29: 'pass', 39: 'pass', 40: 'pass', 41: 'pass',
            50: 'pass', 51: 'fail', 52: 'pass', 54: 'pass', 55: 'fail', 56: 'pass', 66: 'pass', 83: 'pass', 96: 'pass', 100: 'pass', 101: 'pass',
            107: 'pass', 110: 'pass', 112: 'pass', 113: 'pass', 114: 'pass', 125: 'pass', 126: 'pass', 127: 'pass', 128: 'pass', 129: 'pass',
            130: 'pass', 131: 'pass', 132: 'pass', 133: 'pass', 134: 'pass', 135: 'pass', 136: 'pass', 137: 'fail', 138: 'pass', 139: 'pass',
            140: 'pass', 141: 'pass', 142: 'pass', 143: 'pass', 144: 'pass', 145: 'pass', 146: 'pass', 152: 'pass', 159: 'pass', 160: 'pass',
            169: 'pass', 170: 'pass', 171: 'fail', 173: 'pass', 174: 'pass', 175: 'pass', 176: 'pass', 177: 'pass', 184: 'pass', 193: 'pass',
            194: 'pass', 195: 'pass', 207: 'pass', 208: 'pass', 209: 'pass', 210: 'pass', 211: 'pass', 212: 'pass', 213: 'pass'}
assert set(expected) == set(results), (set(expected) ^ set(results))
bad = {k: (results[k], expected[k]) for k in expected if results[k] != expected[k]}
assert not bad, bad
print('all %d rows match: %d pass, %d fail' % (len(expected), list(expected.values()).count('pass'), list(expected.values()).count('fail')))
