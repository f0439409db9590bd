# FD check for zerotuku_rnn_cathol.md (row vectors: x (N,D), h_prev (N,H), Wx (D,H), Wh (H,H), b (H,)).
# Forward (lines 30-31): t = h_prev Wh + x Wx + b, h_next = tanh(t); check loss L = sum(G * h_next), dh_next = G.
import numpy as np
rng = np.random.default_rng(2)
N, D, H = 3, 2, 4
Wx = rng.normal(size=(D, H)); Wh = rng.normal(size=(H, H)); b = rng.normal(size=H)
x = rng.normal(size=(N, D)); h_prev = rng.normal(size=(N, H)); G = rng.normal(size=(N, H)); eps = 1e-6
close = lambda a, c: np.allclose(a, c, rtol=1e-5, atol=1e-7)
def rep(line, ok, msg): print(f"line {line:3d}: {'AGREE   ' if ok else 'DISAGREE'} {msg}")
def fwd(x, h_prev, Wx, Wh, b):
    t = np.dot(h_prev, Wh) + np.dot(x, Wx) + b
    return np.tanh(t)
def L(**kw):
    a = dict(x=x, h_prev=h_prev, Wx=Wx, Wh=Wh, b=b); a.update(kw); return float((G * fwd(**a)).sum())
def fd(name):
    P = dict(x=x, h_prev=h_prev, Wx=Wx, Wh=Wh, b=b)[name]; g = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        d = np.zeros_like(P); d[idx] = eps; g[idx] = (L(**{name: P + d}) - L(**{name: P - d})) / (2 * eps)
    return g
h_next = fwd(x, h_prev, Wx, Wh, b); dh_next = G
# line 8: markdown uses h_{h-1}; a sequence check: the code's recursion feeds h_{t-1}; the symbol h_{h-1}
# (index h-1, h = hidden state) names no time step. Show that using the state of a different step changes h_t.
hs = [np.zeros((N, H))]; xs = rng.normal(size=(4, N, D))
for t in range(4): hs.append(fwd(xs[t], hs[-1], Wx, Wh, b))
rep(8, False, "markdown h_t = tanh(h_{h-1} W_h + ...): index 'h-1' is not t-1 (wrong index; code uses h_prev = h_{t-1})")
rep(30, close(np.dot(hs[2], Wh) + np.dot(xs[2], Wx) + b, np.arctanh(hs[3])), "t = h_prev Wh + x Wx + b (pre-activation of step t with h_{t-1})")
rep(31, close(np.tanh(np.arctanh(hs[3])), hs[3]), "h_next = tanh(t)")
dt = dh_next * (1 - h_next**2)
Gt = np.zeros_like(h_next)
for idx in np.ndindex(h_next.shape):  # dL/dt by FD on the pre-activation
    t0 = np.dot(h_prev, Wh) + np.dot(x, Wx) + b; d = np.zeros_like(t0); d[idx] = eps
    Gt[idx] = ((G * np.tanh(t0 + d)).sum() - (G * np.tanh(t0 - d)).sum()) / (2 * eps)
rep(40, close(dt, Gt), "dt = dh_next * (1 - h_next**2)")
rep(41, close(np.sum(dt, axis=0), fd('b')), "db = np.sum(dt, axis=0)")
rep(42, close(np.dot(h_prev.T, dt), fd('Wh')), "dWh = np.dot(h_prev.T, dt)")
rep(43, close(np.dot(dt, Wh.T), fd('h_prev')), "dh_prev = np.dot(dt, Wh.T)")
rep(44, close(np.dot(x.T, dt), fd('Wx')), "dWx = np.dot(x.T, dt)")
rep(45, close(np.dot(dt, Wx.T), fd('x')), "dx = np.dot(dt, Wx.T)")
