"""FD check of rnn_step_fwd/rnn_step_bwd (file id 19481508128): row layout h = tanh(x W_xh + prev_h W_hh + b_h),
x:(N,D), prev_h:(N,H), W_xh:(D,H), W_hh:(H,H), b_h:(H,). Loss L = sum(G*h), dh = G."""
import numpy as np
rng = np.random.default_rng(1)
N, D, H = 2, 3, 4
x, prev_h = rng.normal(size=(N, D)), rng.normal(size=(N, H))
W_xh, W_hh, b_h = rng.normal(size=(D, H)), rng.normal(size=(H, H)), rng.normal(size=(H,))
G = rng.normal(size=(N, H))
def fwd(x, prev_h, W_xh, W_hh, b_h): return np.tanh(x @ W_xh + prev_h @ W_hh + b_h)
def L(*a): return np.sum(G * fwd(*a))
def fd(k):
    args = [x, prev_h, W_xh, W_hh, b_h]; A = args[k]; g = np.zeros_like(A); e = 1e-6
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
ref = fwd(x, prev_h, W_xh, W_hh, b_h)
# docstring forward (lines 8, 24): x.W_xh read as x.dot(W_xh)
rep(8, lambda: np.tanh(x.dot(W_xh) + prev_h.dot(W_hh) + b_h), ref)
h = np.tanh(x.dot(W_xh) + prev_h.dot(W_hh) + b_h)
rep(16, lambda: h, ref)
rep(24, lambda: np.tanh(x.dot(W_xh) + prev_h.dot(W_hh) + b_h), ref)
z = np.linspace(-2, 2, 9); e = 1e-6
rep(33, lambda: 1 - np.tanh(z) ** 2, (np.tanh(z + e) - np.tanh(z - e)) / (2 * e))
dh = G
tmp = dh * (1.0 - h * h)
rep(34, lambda: tmp, G * (1 - ref ** 2))
rep(36, lambda: np.dot(tmp, W_xh.T), fd(0))
rep(37, lambda: np.dot(tmp, W_hh.T), fd(1))
rep(38, lambda: np.sum(tmp, 0), fd(4))
rep(39, lambda: np.dot(x.T, tmp), fd(2))
rep(40, lambda: np.dot(prev_h.T, tmp), fd(3))
