"""FD check of the `Rnn` layer (file id 40842308326): forward is column layout h=tanh(Wx x + Wh h_pre + b),
x:(D,N), h:(H,N), b:(H,1). Loss L = sum(G * h_next) so dL/dh_next = G. Backward lines transcribed as written."""
import numpy as np
rng = np.random.default_rng(0)
D, H, N = 3, 4, 2
Wx, Wh, b = rng.normal(size=(H, D)), rng.normal(size=(H, H)), rng.normal(size=(H, 1))
x, h_pre, G = rng.normal(size=(D, N)), rng.normal(size=(H, N)), rng.normal(size=(H, N))
def fwd(Wx, Wh, b, x, h_pre): return np.tanh(Wx @ x + Wh @ h_pre + b)
def L(Wx, Wh, b, x, h_pre): return np.sum(G * fwd(Wx, Wh, b, x, h_pre))
def fd(k):
    args = [Wx, Wh, b, x, h_pre]; A = args[k]; g = np.zeros_like(A); e = 1e-6
    for i in np.ndindex(A.shape):
        P = [a.copy() for a in args]; P[k][i] += e; lp = L(*P)
        P[k][i] -= 2 * e; lm = L(*P); g[i] = (lp - lm) / (2 * e)
    return g
def rep(n, f, ref):
    try:
        v = f(); ok = np.shape(v) == np.shape(ref) and np.allclose(v, ref, atol=1e-6)
    except Exception:
        ok = False
    print(f"line {n}: {'OK' if ok else 'MISMATCH'}")
# forward as written (line 15) vs the cell it implements
h_next = np.tanh(np.dot(Wx, x) + np.dot(Wh, h_pre) + b)
rep(15, lambda: h_next, fwd(Wx, Wh, b, x, h_pre))
dh_next = G
dt = dh_next * (1 - h_next ** 2)
pre = Wx @ x + Wh @ h_pre + b
rep(23, lambda: dt, G * (1 - np.tanh(pre) ** 2))
rep(24, lambda: np.sum(dt, axis=0), fd(2))
rep(25, lambda: np.dot(h_pre.T, dt), fd(1))
rep(26, lambda: np.dot(dt, Wh.T), fd(4))
rep(27, lambda: np.dot(x.T, dt), fd(0))
rep(28, lambda: np.dot(dt, Wx.T), fd(3))
