"""FD check for aldosari_tsad_thesis_rnn.tex (numpy only, float64)."""
import numpy as np
from fd_common import num_grad, close, Report
R = Report("aldosari_tsad_thesis_rnn.tex")
rng = np.random.default_rng(2)
nx, ns, V, N = 2, 3, 2, 7                      # N = sequence length (T of eqn:mse)
Wss = rng.normal(0, .6, (ns, ns)); Wxs = rng.normal(0, .6, (ns, nx)); bs = rng.normal(0, .3, (ns, 1))
Wso = rng.normal(0, .6, (V, ns)); bo = rng.normal(0, .3, (V, 1))
X = [None] + [rng.normal(size=(nx, 1)) for _ in range(N)]; Y = [None] + [rng.normal(size=(V, 1)) for _ in range(N)]
f = lambda s, x, Wk=None: np.tanh((Wss if Wk is None else Wk) @ s + Wxs @ x + bs)
def states(Wk=None):
    s = [np.zeros((ns, 1))]
    for t in range(1, N + 1): s.append(f(s[t-1], X[t], Wk))
    return s
s = states()
R.line(7, close(s[3], f(s[2], X[3])))
t = 6
R.line(13, close(s[t], f(f(f(f(s[t-4], X[t-3]), X[t-2]), X[t-1]), X[t])))
g = lambda: states()[N]                           # s^(T) as a function of the inputs only (s^(0) fixed)
R.line(23, close(g(), s[N]))
R.line(37, close(s[4], np.tanh(Wss @ s[3] + Wxs @ X[4] + bs)))
o = [None] + [Wso @ s[k] + bo for k in range(1, N + 1)]
R.line(48, close(o[4], Wso @ s[4] + bo))
L = sum(((o[k] - Y[k]) ** 2).sum() for k in range(1, N + 1)) / (N * V)
R.line(67, np.isclose(L, np.mean([(o[k][v, 0] - Y[k][v, 0]) ** 2 for k in range(1, N + 1) for v in range(V)])))
R.line(88, True)   # update-rule definition; nothing to differentiate
# eqn:grad: L^(t) := step-t term of L; history T = 4 points prior to t = 6 (T != t)
def Lt(tt, Wk):
    ss = states(Wk); oo = Wso @ ss[tt] + bo; return float(((oo - Y[tt]) ** 2).sum()) / (N * V)
num = num_grad(lambda: Lt(t, Wc), Wc := Wss.copy())
J = lambda j: np.diag((1 - s[j] ** 2).ravel()) @ Wss
def dplus(i):
    T3 = np.zeros((ns, ns, ns))
    if i == 0: return T3
    d = (1 - s[i] ** 2).ravel()
    for n in range(ns): T3[n, n, :] = d[n] * s[i-1].ravel()
    return T3
def eqn(lo, hi_sum, hi_prod):
    g_o = 2 * (o[t] - Y[t]).T / (N * V); G = np.zeros((ns, ns))
    for i in range(lo, hi_sum + 1):
        P = np.eye(ns)
        for j in range(hi_prod, i, -1): P = P @ J(j)
        G += np.einsum("n,nab->ab", (g_o @ Wso @ P).ravel(), dplus(i))
    return G
Thist = 4
written = eqn(0, Thist, Thist)                    # sum_{i=0}^T, prod_{j=i+1}^T, as printed
R.line(106, close(written, num))
print("  (info) with the product and the sum ending at t instead of T:", close(eqn(0, t, t), num))
# LSTM figure: definitions, plus the block-product identity of the caption (line 232)
sig = lambda v: 1 / (1 + np.exp(-v))
Wxi, Wsi = rng.normal(size=(ns, nx)), rng.normal(size=(ns, ns)); Wci = np.diag(rng.normal(size=ns))
Wi = np.hstack([Wxi, Wsi, Wci]); x, sp, cp = X[1], s[1], rng.normal(size=(ns, 1))
R.line(232, close(Wi @ np.vstack([x, sp, cp]), Wxi @ x + Wsi @ sp + Wci @ cp))
Wf = rng.normal(size=(ns, nx + 2 * ns)); Wc = rng.normal(size=(ns, nx + ns)); Wo = rng.normal(size=(ns, nx + 2 * ns))
bi, bf, bc, bo2 = (rng.normal(size=(ns, 1)) for _ in range(4))
i_ = sig(Wi @ np.vstack([x, sp, cp]) + bi); f_ = sig(Wf @ np.vstack([x, sp, cp]) + bf)
g_ = np.tanh(Wc @ np.vstack([x, sp]) + bc); c_ = f_ * cp + i_ * g_
o_ = sig(Wo @ np.vstack([x, sp, cp]) + bo2); s_ = o_ * np.tanh(c_)
for n, ok in [(156, i_.shape == (ns, 1)), (169, f_.shape == (ns, 1)), (182, g_.shape == (ns, 1)),
              (194, close(c_, f_ * cp + i_ * g_)), (199, o_.shape == (ns, 1)), (212, close(s_, o_ * np.tanh(c_)))]:
    R.line(n, bool(ok))
R.done()
