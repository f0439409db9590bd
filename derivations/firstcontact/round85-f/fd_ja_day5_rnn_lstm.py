# Finite-difference check of ja_day5_rnn_lstm.py (numpy only).
# Runs the author's classes verbatim (exec of the note), with a float64 reference forward for FD.
import numpy as np
np.random.seed(1)
src = open(__file__.replace('fd_', '')).read()
exec(src)   # defines sigmoid, RNN, TimeRNN, LSTM, TimeLSTM exactly as transcribed

def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))

def report(name, a, b, tol=1e-3):
    r = rel(np.asarray(a, float), np.asarray(b, float))
    print(f"{name:55s} rel.err={r:.2e}  {'AGREE' if r < tol else 'DISAGREE'}")

N, T, D, H = 3, 4, 5, 5          # D == H as in the author's setup (wordvec_size = hidden_size = 100)

# ---------------- RNN / TimeRNN ----------------
Wx = np.random.randn(D, H) * .5; Wh = np.random.randn(H, H) * .5; b = np.random.randn(H) * .1
xs = np.random.randn(N, T, D); G = np.random.randn(N, T, H)     # L = sum(hs * G)  => dhs = G

def rnn_loss(Wx, Wh, b, xs):
    h = np.zeros((N, H)); L = 0.
    for t in range(T):
        h = np.tanh(b + xs[:, t, :] @ Wx + h @ Wh)
        L += np.sum(h * G[:, t, :])
    return L

def fd(f, P, eps=1e-6):
    g = np.zeros_like(P)
    it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        k = it.multi_index; old = P[k]
        P[k] = old + eps; lp = f(); P[k] = old - eps; lm = f(); P[k] = old
        g[k] = (lp - lm) / (2 * eps)
    return g

tr = TimeRNN(D, H)
tr.params[0][...] = Wx; tr.params[1][...] = Wh; tr.params[2][...] = b
tr.forward(xs.astype('f'))
dxs = tr.backward(G.astype('f'))
print("== TimeRNN (lines 44-59 cell, 146, 168, 172) ==")
report("dWx  (RNN.backward l.58 summed by l.172)", tr.grads[0], fd(lambda: rnn_loss(Wx, Wh, b, xs), Wx))
report("dWh  (l.56 + l.172)", tr.grads[1], fd(lambda: rnn_loss(Wx, Wh, b, xs), Wh))
report("db   (l.55 + l.172)", tr.grads[2], fd(lambda: rnn_loss(Wx, Wh, b, xs), b))
report("dxs  (l.59, l.169)", dxs, fd(lambda: rnn_loss(Wx, Wh, b, xs), xs))

# one RNN cell, upstream dh_next random -> dh_prev (l.57)
cell = RNN(Wx, Wh, b); x0 = np.random.randn(N, D); h0 = np.random.randn(N, H); up = np.random.randn(N, H)
cell.forward(x0, h0); dx0, dh0 = cell.backward(up)
report("RNN cell dh_prev (l.57)", dh0, fd(lambda: np.sum(np.tanh(b + x0 @ Wx + h0 @ Wh) * up), h0))

# ---------------- LSTM / TimeLSTM ----------------
Wx4 = np.random.randn(D, 4 * H) * .5; Wh4 = np.random.randn(H, 4 * H) * .5; b4 = np.random.randn(4 * H) * .1
sig = lambda z: 1 / (1 + np.exp(-z))

def lstm_step(x, h, c, Wx4, Wh4, b4):
    A = x @ Wx4 + h @ Wh4 + b4
    f, g, i, o = sig(A[:, :H]), np.tanh(A[:, H:2*H]), sig(A[:, 2*H:3*H]), sig(A[:, 3*H:])
    c = f * c + i * g
    return o * np.tanh(c), c

def lstm_loss(Wx4, Wh4, b4, xs):
    h = np.zeros((N, H)); c = np.zeros((N, H)); L = 0.
    for t in range(T):
        h, c = lstm_step(xs[:, t, :], h, c, Wx4, Wh4, b4)
        L += np.sum(h * G[:, t, :])
    return L

# single LSTM cell (lines 212-262): upstream dh_next, dc_next random
x0 = np.random.randn(N, D); h0 = np.random.randn(N, H); c0 = np.random.randn(N, H)
uh = np.random.randn(N, H); uc = np.random.randn(N, H)
cell = LSTM(Wx4.copy(), Wh4.copy(), b4.copy())
cell.forward(x0, h0, c0)
dx0, dh0, dc0 = cell.backward(uh, uc)
def cell_loss():
    hn, cn = lstm_step(x0, h0, c0, Wx4, Wh4, b4)
    return np.sum(hn * uh) + np.sum(cn * uc)
print("== LSTM cell (lines 212-262) ==")
report("dWx (l.254)", cell.grads[0], fd(cell_loss, Wx4))
report("dWh (l.253)", cell.grads[1], fd(cell_loss, Wh4))
report("db  (l.255)", cell.grads[2], fd(cell_loss, b4))
report("dx  (l.261)", dx0, fd(cell_loss, x0))
report("dh_prev (l.262)", dh0, fd(cell_loss, h0))
report("dc_prev (l.239)", dc0, fd(cell_loss, c0))

# TimeLSTM.backward as written (l.339 uses dxs[:, t, :] + dh)
tl = TimeLSTM(D, H)
tl.params[0][...] = Wx4; tl.params[1][...] = Wh4; tl.params[2][...] = b4
tl.forward(xs.astype('f'))
np.random.seed(0)
tl.backward(G.astype('f'))
print("== TimeLSTM.backward as written (l.339) ==")
fWx = fd(lambda: lstm_loss(Wx4, Wh4, b4, xs), Wx4)
report("TimeLSTM dWx (l.339 dxs[:,t,:]+dh)", tl.grads[0], fWx)
report("TimeLSTM dWh (l.339)", tl.grads[1], fd(lambda: lstm_loss(Wx4, Wh4, b4, xs), Wh4))

# same loop with dhs[:, t, :] in place of dxs[:, t, :] (what the exercise text asks for)
grads = [0, 0, 0]; dh, dc = 0, 0
for t in reversed(range(T)):
    layer = tl.layers[t]
    dx, dh, dc = layer.backward(G[:, t, :].astype('f') + dh, dc)
    for k, gr in enumerate(layer.grads):
        grads[k] += gr
report("corrected loop (dhs[:,t,:]+dh), dWx  [reference]", grads[0], fWx)
