# Finite-difference check of lstm_zh_class.py (Chinese-commented numpy LSTM class).
# The author's backward() only handles the last time step T (no propagation to h_{T-1}, c_{T-1});
# each gradient is therefore compared with the step-T contribution: FD of the loss when a parameter
# is perturbed only in its use at step T (all earlier steps keep the unperturbed parameter).
import numpy as np
import importlib.util, sys, io, contextlib
spec = importlib.util.spec_from_file_location("src", "lstm_zh_class.py")
src = importlib.util.module_from_spec(spec)
with contextlib.redirect_stdout(io.StringIO()):
    spec.loader.exec_module(src)          # runs the author's file (its demo prints are swallowed)
LSTM, sigmoid, tanh = src.LSTM, src.sigmoid, src.tanh

rng = np.random.default_rng(3)
I, H, O, T = 4, 5, 2, 6
np.random.seed(0)
m = LSTM(I, H, O)
for k in ['bf', 'bi', 'bc', 'bo', 'by']:
    setattr(m, k, rng.normal(size=getattr(m, k).shape) * 0.3)
for k in ['Wf', 'Wi', 'Wc', 'Wo', 'Wy']:
    setattr(m, k, getattr(m, k) * 0.5)
P0 = {k: getattr(m, k).copy() for k in ['Wf', 'bf', 'Wi', 'bi', 'Wc', 'bc', 'Wo', 'bo', 'Wy', 'by']}
X = rng.normal(size=(T, I)); Y = rng.normal(size=(O, 1))

def loss_fn(last=None):
    """last = dict of parameters used only at the last step."""
    h = np.zeros((H, 1)); c = np.zeros((H, 1))
    for t in range(T):
        p = dict(P0) if (last is None or t < T - 1) else {**P0, **last}
        a = np.concatenate((h, X[t].reshape(I, 1)), axis=0)
        f = sigmoid(p['Wf'] @ a + p['bf']); i = sigmoid(p['Wi'] @ a + p['bi'])
        cc = tanh(p['Wc'] @ a + p['bc']); c = f * c + i * cc
        o = sigmoid(p['Wo'] @ a + p['bo']); h = o * tanh(c)
        y = p['Wy'] @ h + p['by']
    return np.square(y - Y).sum(), a
L0, a_T = loss_fn()
def fd_last(name, eps=1e-6):
    g = np.zeros_like(P0[name])
    for idx in np.ndindex(g.shape):
        p = P0[name].copy(); p[idx] += eps; mi = P0[name].copy(); mi[idx] -= eps
        g[idx] = (loss_fn({name: p})[0] - loss_fn({name: mi})[0]) / (2 * eps)
    return g

# run the author's forward over the sequence and the author's backward (learning_rate=0 -> no update)
for k, v in P0.items(): setattr(m, k, v.copy())
m.ct = np.zeros((H, 1)); m.ht = np.zeros((H, 1))
for t in range(T):
    yt = m.forward(X[t].reshape((I, 1)), m.ht, m.ct)
dL_dy = 2.0 * (yt - Y)
# re-implement backward line by line to expose intermediates (identical expressions)
s = m
dL_dWy = np.dot(dL_dy, s.ht.T); dL_dby = dL_dy
dL_dht = np.dot(s.Wy.T, dL_dy)
dL_dot = dL_dht * tanh(s.ct)
dL_dct = dL_dht * s.ot * src.tanh_derivative(tanh(s.ct))
dL_dWo = dL_dot * src.sigmoid_derivative(s.ot); dL_dbo = dL_dot * src.sigmoid_derivative(s.ot)
dct_before = dL_dct.copy()
dL_dct += dL_dct
dL_dft = dL_dct * s.ct_1; dL_dit = dL_dct * s.cct; dL_dcct = dL_dct * s.it
dL_dWf = dL_dft * src.sigmoid_derivative(s.ft); dL_dbf = dL_dft * src.sigmoid_derivative(s.ft)
dL_dWi = dL_dit * src.sigmoid_derivative(s.it); dL_dbi = dL_dit * src.sigmoid_derivative(s.it)
dL_dWc = dL_dcct * src.tanh_derivative(s.cct); dL_dbc = dL_dcct * src.tanh_derivative(s.cct)
# the library call gives the same returned values
ret = LSTM.backward(m, dL_dy, learning_rate=0.0)
assert np.allclose(ret[1], dL_dct)

close = lambda a, b: a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-5)
def rep(row, ok): print(f"{row:66s} {'AGREES' if ok else 'DISAGREES'}")
# FD of the loss w.r.t. the last-step intermediates
def fd_inter(which, eps=1e-6):
    g = np.zeros((H, 1))
    for k in range(H):
        out = []
        for sgn in (1, -1):
            h = np.zeros((H, 1)); c = np.zeros((H, 1))
            for t in range(T):
                a = np.concatenate((h, X[t].reshape(I, 1)), axis=0)
                f = sigmoid(P0['Wf'] @ a + P0['bf']); i = sigmoid(P0['Wi'] @ a + P0['bi'])
                cc = tanh(P0['Wc'] @ a + P0['bc']); o = sigmoid(P0['Wo'] @ a + P0['bo'])
                e = np.zeros((H, 1)); e[k] = sgn * eps
                if t == T - 1 and which == 'o': o = o + e
                if t == T - 1 and which == 'f': f = f + e
                if t == T - 1 and which == 'i': i = i + e
                if t == T - 1 and which == 'cc': cc = cc + e
                c = f * c + i * cc
                if t == T - 1 and which == 'c': c = c + e
                h = o * tanh(c)
                if t == T - 1 and which == 'h': h = h + e
                y = P0['Wy'] @ h + P0['by']
            out.append(np.square(y - Y).sum())
        g[k] = (out[0] - out[1]) / (2 * eps)
    return g
x = np.linspace(-2, 2, 7); e = 1e-6
rep("L9  sigmoid_derivative(s) = s(1-s) (s = sigmoid output)", np.allclose((sigmoid(x + e) - sigmoid(x - e)) / (2 * e), src.sigmoid_derivative(sigmoid(x))))
rep("L16 tanh_derivative(t) = 1-t^2 (t = tanh output)", np.allclose((np.tanh(x + e) - np.tanh(x - e)) / (2 * e), src.tanh_derivative(np.tanh(x))))
rep("L143 dL_dy = 2(yt-Y)", close(dL_dy, 2 * (yt - Y)))
rep("L80 dL_dWy = dL_dy ht^T", close(dL_dWy, fd_last('Wy')))
rep("L81 dL_dby = dL_dy", close(dL_dby, fd_last('by')))
rep("L84 dL_dht = Wy^T dL_dy", close(dL_dht, fd_inter('h')))
rep("L85 dL_dot = dL_dht * tanh(ct)", close(dL_dot, fd_inter('o')))
rep("L86 dL_dct = dL_dht*ot*(1-tanh^2 ct)", close(dct_before, fd_inter('c')))
rep("L89 dL_dWo = dL_dot*o(1-o)   [shape (H,1), no a^T]", close(dL_dWo, fd_last('Wo')))
print("      shape as written:", dL_dWo.shape, " required:", P0['Wo'].shape,
      "; with np.dot(., a.T) it would agree:", close(np.dot(dL_dbo, a_T.T), fd_last('Wo')))
rep("L90 dL_dbo = dL_dot*o(1-o)", close(dL_dbo, fd_last('bo')))
rep("L93 dL_dct += dL_dct  (doubles dc; step T has no dc_next)", close(dL_dct, fd_inter('c')))
print("      ratio after L93 / true dc:", np.round((dL_dct / fd_inter('c')).ravel()[:3], 6))
trued = fd_inter('c')
rep("L94 dL_dft = dL_dct*c_{t-1}   [rule, with the true dc]", close(trued * s.ct_1, fd_inter('f')))
rep("L95 dL_dit = dL_dct*cct       [rule, with the true dc]", close(trued * s.cct, fd_inter('i')))
rep("L96 dL_dcct = dL_dct*it       [rule, with the true dc]", close(trued * s.it, fd_inter('cc')))
print("      values as computed (doubled dc) agree with FD:", close(dL_dft, fd_inter('f')))
for W, b, dW, db, gate in [('Wf', 'bf', dL_dWf, dL_dbf, s.ft), ('Wi', 'bi', dL_dWi, dL_dbi, s.it), ('Wc', 'bc', dL_dWc, dL_dbc, s.cct)]:
    rep(f"{W}: dL_d{W} = (...)*deriv  [shape (H,1), no a^T]", close(dW, fd_last(W)))
    rep(f"{b}: dL_d{b} rule (halving the doubled dc)", close(db / 2, fd_last(b)))
    print(f"      {b} as computed (with doubled dc):", close(db, fd_last(b)),
          f"; {W} with correct dc and a^T:", close(np.dot(db / 2, a_T.T), fd_last(W)))
