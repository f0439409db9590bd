# FD check for jimysancho_rnn_readme_bptt.md
# model (column vectors): h_t = tanh(W h_{t-1} + U x_t + b), yhat_t = softmax(V h_t), L = -sum_t y_t . log yhat_t
import numpy as np
rng = np.random.default_rng(0)
H, D, K, T = 4, 3, 5, 4
P = dict(W=rng.normal(size=(H, H)) * .5, U=rng.normal(size=(H, D)) * .5, b=rng.normal(size=H) * .5, V=rng.normal(size=(K, H)) * .5)
X = rng.normal(size=(T, D)); Y = np.eye(K)[rng.integers(0, K, T)]
sm = lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()

def fwd(P):
    h = np.zeros(H); hs = [h]; zs = []; ys = []; L = 0
    for t in range(T):
        a = P['W'] @ h + P['U'] @ X[t] + P['b']; h = np.tanh(a)
        yh = sm(P['V'] @ h); L -= Y[t] @ np.log(yh)
        hs.append(h); zs.append(a); ys.append(yh)
    return L, hs, zs, ys

def fd(name, eps=1e-6):
    g = np.zeros_like(P[name]); it = np.nditer(P[name], flags=['multi_index'])
    for _ in it:
        i = it.multi_index; Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][i] += eps; Pm[name][i] -= eps
        g[i] = (fwd(Pp)[0] - fwd(Pm)[0]) / (2 * eps)
    return g

L, hs, zs, ys = fwd(P)
dyh = [-Y[t] / ys[t] for t in range(T)]              # delta yhat_t = dL/dyhat_t
ds_elem = [ys[t] * (1 - ys[t]) for t in range(T)]    # elementwise reading of d softmax / d(V h_t)
fp = [1 - np.tanh(zs[t]) ** 2 for t in range(T)]     # f'(input of f at step t), index t=0..T-1 <-> h_{t+1}
dz_true = [ys[t] - Y[t] for t in range(T)]

# line 20: dV with the elementwise (odot) reading
dV_author = sum(np.outer(dyh[t] * ds_elem[t], hs[t + 1]) for t in range(T))
dV_true = fd('V')
print('line20 dV author(odot) err', np.abs(dV_author - dV_true).max())
print('line20 dV with J^T dyhat (correct)', np.abs(sum(np.outer(dz_true[t], hs[t + 1]) for t in range(T)) - dV_true).max())

# true dh_t (totals) via FD on h: compute by backward recursion verified through dW
dh_true = [None] * T; nxt = np.zeros(H)
for t in reversed(range(T)):
    dh_true[t] = P['V'].T @ dz_true[t] + nxt
    nxt = P['W'].T @ (dh_true[t] * fp[t])
dW_true = fd('W'); dU_true = fd('U'); db_true = fd('b')
print('check true recursion via dW', np.abs(sum(np.outer(dh_true[t] * fp[t], hs[t]) for t in range(T)) - dW_true).max())

# line 26: author recursion: V^T(dyhat odot softmax') + W^T(dh_{t+1} odot f'|_t)   (f' at step t, per line 29)
dh_a = [None] * T
for t in reversed(range(T)):
    nxt = P['W'].T @ (dh_a[t + 1] * fp[t]) if t + 1 < T else 0
    dh_a[t] = P['V'].T @ (dyh[t] * ds_elem[t]) + nxt
print('line26 dh author err', max(np.abs(dh_a[t] - dh_true[t]).max() for t in range(T)))
# isolate the index error: correct softmax part, f' at t instead of t+1
dh_b = [None] * T
for t in reversed(range(T)):
    nxt = P['W'].T @ (dh_b[t + 1] * fp[t]) if t + 1 < T else 0
    dh_b[t] = P['V'].T @ dz_true[t] + nxt
print('line26 with correct softmax but f\' at t: err', max(np.abs(dh_b[t] - dh_true[t]).max() for t in range(T)))

# lines 32, 38, 44 with true dh_t
print('line32 dW err', np.abs(sum(np.outer(dh_true[t] * fp[t], hs[t]) for t in range(T)) - dW_true).max())
print('line38 dU err', np.abs(sum(np.outer(dh_true[t] * fp[t], X[t]) for t in range(T)) - dU_true).max())
print('line44 db (no sum), per-t errors', [float(np.abs(dh_true[t] * fp[t] - db_true).max()) for t in range(T)])
print('line44 db with sum err', np.abs(sum(dh_true[t] * fp[t] for t in range(T)) - db_true).max())
