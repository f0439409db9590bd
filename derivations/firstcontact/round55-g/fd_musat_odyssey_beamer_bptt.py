"""FD check for musat_odyssey_beamer_bptt.tex (numpy only, float64)."""
import numpy as np
from fd_common import num_grad, close, Report
R = Report("musat_odyssey_beamer_bptt.tex")
rng = np.random.default_rng(1)
M = N = 3; S = 5; K = 2                         # x in R^M, h in R^N (M = N so the stated U shape fits)
U = rng.normal(0, .6, (N, M)); W = rng.normal(0, .6, (N, N)); b = rng.normal(0, .3, (N, 1))
Vo = rng.normal(0, .6, (K, N)); X = [None] + [rng.normal(size=(M, 1)) for _ in range(S)]
Y = [None] + [rng.normal(size=(K, 1)) for _ in range(S)]
def run(Wk=None):
    Wk = W if Wk is None else Wk; h = [np.zeros((N, 1))]
    for t in range(1, S + 1): h.append(np.tanh(U @ X[t] + Wk @ h[t-1] + b))
    return h
def Lt(t, Wk=None):   # L^(t) = 1/2 ||o^(t) - y^(t)||^2, o^(t) = Vo h^(t); L^(0) = 0
    if t == 0: return 0.0
    h = run(Wk); return 0.5 * float(((Vo @ h[t] - Y[t]) ** 2).sum())
h = run()
R.line(38, close(h[2], np.tanh(U @ X[2] + W @ h[1] + b)))
def J(j):  # dh^(j)/dh^(j-1), numerator layout
    return np.diag((1 - h[j] ** 2).ravel()) @ W
def dplus_dW(k):  # immediate partial d+h^(k)/dW as a 3-tensor [n, a, b]
    T3 = np.zeros((N, N, N))
    if k == 0: return T3
    d = (1 - h[k] ** 2).ravel()
    for n in range(N): T3[n, n, :] = d[n] * h[k-1].ravel()
    return T3
def formula(t):  # sum_k dL/do do/dh (prod J) d+h^(k)/dW
    g_o = (Vo @ h[t] - Y[t]).T                  # row 1 x K
    G = np.zeros((N, N))
    for k in range(0, t + 1):
        P = np.eye(N)
        for j in range(t, k, -1): P = P @ J(j)   # J_t ... J_{k+1}
        row = g_o @ Vo @ P                       # 1 x N
        G += np.einsum("n,nab->ab", row.ravel(), dplus_dW(k))
    return G
t = 4
num_t = num_grad(lambda: Lt(t, Wc), Wc := W.copy())
ok = close(formula(t), num_t)
R.line(66, ok); R.line(100, ok); R.line(102, ok)
num_all = num_grad(lambda: sum(Lt(s, Wd) for s in range(0, S + 1)), Wd := W.copy())
parts = [num_grad(lambda: Lt(s, We), We := W.copy()) for s in range(0, S + 1)]
R.line(99, close(sum(parts), num_all))
# 101: dh^(t)/dh^(k) numerically vs product of one-step Jacobians
k = 1
def h_from(hk):
    hh = hk
    for j in range(k + 1, t + 1): hh = np.tanh(U @ X[j] + W @ hh + b)
    return hh
Jn = np.zeros((N, N))
for c in range(N):
    e = np.zeros((N, 1)); e[c] = 1e-6; Jn[:, c] = ((h_from(h[k] + e) - h_from(h[k] - e)) / 2e-6).ravel()
P = np.eye(N)
for j in range(t, k, -1): P = P @ J(j)
R.line(101, close(Jn, P))
# 81-90 Greff LSTM forward definitions: run one step and recompute each line
sig = lambda v: 1 / (1 + np.exp(-v)); g = np.tanh; hh = np.tanh
Wz, Wi, Wf, Wo = (rng.normal(size=(N, M)) for _ in range(4)); Rz, Ri, Rf, Ro = (rng.normal(size=(N, N)) for _ in range(4))
pi, pf, po = (rng.normal(size=(N, 1)) for _ in range(3)); bz, bi, bf, bo = (rng.normal(size=(N, 1)) for _ in range(4))
x, yp, cp = rng.normal(size=(M, 1)), rng.normal(size=(N, 1)), rng.normal(size=(N, 1))
zb = Wz @ x + Rz @ yp + bz; z = g(zb); ib = Wi @ x + Ri @ yp + pi * cp + bi; i = sig(ib)
fb = Wf @ x + Rf @ yp + pf * cp + bf; f = sig(fb); c = z * i + cp * f
ob = Wo @ x + Ro @ yp + po * cp + bo; o = sig(ob); yv = hh(c) * o
for n, ok in zip(range(81, 91), [zb.shape == (N, 1), close(z, g(zb)), ib.shape == (N, 1), close(i, sig(ib)), fb.shape == (N, 1),
                                 close(f, sig(fb)), close(c, f * cp + i * z), ob.shape == (N, 1), close(o, sig(ob)), close(yv, o * np.tanh(c))]):
    R.line(n, bool(ok))
R.done()
