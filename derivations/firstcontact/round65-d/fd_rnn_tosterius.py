# FD check of rnn_tosterius.md (tosterius, "Recurrent neural networks" note). numpy only.
# Forward (1): a^t = W_hh h^{t-1} + W_xh x^t + b_h, h^t = tanh(a^t), o^t = W_hz h^t + b_z, z^t = softmax(o^t)
# Loss (2): L = sum_{t=1}^T L^t, L^t = cross-entropy(y^t, z^t). Column vectors, h^0 given.
# Convention of (5)/(6): dh^{t+1}/dh^k = full Jacobian product, dh^k/dW = immediate partial (h^{k-1} held fixed).
import numpy as np
rng = np.random.default_rng(2)
H, D, K, T = 3, 2, 4, 4
Whh = rng.normal(size=(H, H)) * 0.9; Wxh = rng.normal(size=(H, D)); bh = rng.normal(size=(H, 1)) * 0.2
Whz = rng.normal(size=(K, H)); bz = rng.normal(size=(K, 1)) * 0.2
xs = [None] + [rng.normal(size=(D, 1)) for _ in range(T)]           # 1-based
ys = [None] + [np.eye(K)[:, [rng.integers(K)]] for _ in range(T)]
h0 = rng.normal(size=(H, 1)) * 0.5

def fwd(Whh, Wxh, bh, Whz, bz):
    hs = [h0]; ps = [None]; Ls = [None]
    for t in range(1, T + 1):
        h = np.tanh(Whh @ hs[-1] + Wxh @ xs[t] + bh); hs.append(h)
        o = Whz @ h + bz; p = np.exp(o - o.max()); p /= p.sum(); ps.append(p)
        Ls.append(float(-np.sum(ys[t] * np.log(p))))
    return hs, ps, Ls
hs, ps, Ls = fwd(Whh, Wxh, bh, Whz, bz)
eps = 1e-6
def fd(name, which_t=None):
    P = dict(Whh=Whh, Wxh=Wxh, bh=bh, Whz=Whz, bz=bz)
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += eps; Pm[name][idx] -= eps
        Lp = fwd(**Pp)[2]; Lm = fwd(**Pm)[2]
        if which_t is None: G[idx] = (sum(Lp[1:]) - sum(Lm[1:])) / (2 * eps)
        else: G[idx] = (Lp[which_t] - Lm[which_t]) / (2 * eps)
    return G
def rep(line, name, a, b):
    ok = np.allclose(a, b, atol=1e-6)
    print(f'line {line:>3} {name:<62} {"AGREE" if ok else "DISAGREE"}  max|diff|={np.abs(a-b).max():.2e}')

dLdh = lambda t: Whz.T @ (ps[t] - ys[t])          # dL^t/dz^t * dz^t/dh^t (softmax+CE folded), column
D_ = lambda k: np.diagflat(1 - hs[k] ** 2)        # dh^k/da^k
def J(t, k):                                       # dh^t/dh^k, t >= k
    M = np.eye(H)
    for s in range(t, k, -1): M = M @ D_(s) @ Whh
    return M
def contrib(t, k, W):                              # dL^t/dz dz/dh^t dh^t/dh^k dh^k/dW (immediate partial)
    g = J(t, k).T @ dLdh(t)                        # column: dL^t/dh^k via this path
    prev = hs[k - 1] if W == 'hh' else xs[k]
    return (g * (1 - hs[k] ** 2)) @ prev.T

# (3), (4)
rep(52, '(3) dL/dW_hz = sum_t dL/dz^t dz^t/dW_hz', sum((ps[t] - ys[t]) @ hs[t].T for t in range(1, T + 1)), fd('Whz'))
rep(58, '(4) dL/db_z = sum_t dL/dz^t dz^t/db_z', sum(ps[t] - ys[t] for t in range(1, T + 1)), fd('bz'))
# line 65: dL^{t+1}/dW_hh with k = 1..t, for t+1 = 3
t1 = 3
author65 = sum(contrib(t1, k, 'hh') for k in range(1, t1))          # k = 1..t  (t = t1-1)
full65 = sum(contrib(t1, k, 'hh') for k in range(1, t1 + 1))        # k = 1..t+1
fd65 = fd('Whh', which_t=t1)
rep(65, 'AUTHOR dL^{t+1}/dW_hh, k=1..t (t+1=3)', author65, fd65)
rep(65, '  corrected: k=1..t+1', full65, fd65)
# (5): sum_{t=1}^{T} sum_{k=1}^{t+1} for L^{t+1}; L^{T+1} does not exist -> only t=1..T-1 computable
author5 = sum(contrib(t + 1, k, 'hh') for t in range(1, T) for k in range(1, t + 2))
correct5 = sum(contrib(t, k, 'hh') for t in range(1, T + 1) for k in range(1, t + 1))
fdWhh = fd('Whh')
rep(71, 'AUTHOR (5) dL/dW_hh, t=1..T (L^{T+1} term absent)', author5, fdWhh)
rep(71, '  author (5) == grad of L^2+..+L^T only (L^1 dropped)', author5, fdWhh - fd('Whh', which_t=1))
rep(71, '  corrected: sum_{t=1}^T sum_{k=1}^t dL^t/dW_hh', correct5, fdWhh)
# line 79: two-term dL^{t+1}/dW_xh with dh^t/dW_xh read as the TOTAL derivative of h^t
t1 = 3
def total_dh_dW(t):   # sum_k dh^t/dh^k (immediate dh^k/dW_xh), returned as function of upstream vector
    return lambda g: sum(((J(t, k).T @ g) * (1 - hs[k] ** 2)) @ xs[k].T for k in range(1, t + 1))
g = dLdh(t1)
term1 = (g * (1 - hs[t1] ** 2)) @ xs[t1].T
g_prev = (D_(t1) @ Whh).T @ g                        # dL^{t+1}/dh^{t+1} dh^{t+1}/dh^t
two_term_total = term1 + total_dh_dW(t1 - 1)(g_prev)
two_term_immediate = term1 + (g_prev * (1 - hs[t1 - 1] ** 2)) @ xs[t1 - 1].T
fd79 = fd('Wxh', which_t=t1)
rep(79, 'dL^{t+1}/dW_xh two-term, dh^t/dW_xh total (t+1=3)', two_term_total, fd79)
rep(79, '  (same with dh^t/dW_xh immediate only: truncated)', two_term_immediate, fd79)
# (6)
author6 = sum(contrib(t + 1, k, 'xh') for t in range(1, T) for k in range(1, t + 2))
correct6 = sum(contrib(t, k, 'xh') for t in range(1, T + 1) for k in range(1, t + 1))
fdWxh = fd('Wxh')
rep(86, 'AUTHOR (6) dL/dW_xh, t=1..T (L^{T+1} term absent)', author6, fdWxh)
rep(86, '  author (6) == grad of L^2+..+L^T only (L^1 dropped)', author6, fdWxh - fd('Wxh', which_t=1))
rep(86, '  corrected: sum_{t=1}^T sum_{k=1}^t dL^t/dW_xh', correct6, fdWxh)
