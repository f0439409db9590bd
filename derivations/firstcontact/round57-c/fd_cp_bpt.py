"""FD check of cp_bpt.tex (CompPhysics AdvancedMachineLearning week7/Latexfiles/bpt.tex @ c6d079e).
Model (author): h_t = sigma(W_h h_{t-1} + W_x x_t + b_h), y_t = W_y h_t + b_y, L = sum_t L_t(y_t, yhat_t),
yhat_t = true output. We take sigma = tanh and L_t = 1/2 ||y_t - yhat_t||^2. delta_t = dL/dh_t (total)."""
import numpy as np

rng = np.random.default_rng(57)
nx, m, p, T = 3, 4, 2, 5
P0 = dict(Wh=rng.normal(0, .6, (m, m)), Wx=rng.normal(0, .6, (m, nx)), bh=rng.normal(0, .3, m),
          Wy=rng.normal(0, .6, (p, m)), by=rng.normal(0, .3, p))
X = rng.normal(size=(T + 1, nx))       # X[1..T] used
Yt = rng.normal(size=(T + 1, p))       # targets yhat_t
h0 = np.zeros(m)

def forward(P, eps_h=None):
    h = {0: h0.copy()}; a = {}; y = {}; L = 0.0
    for t in range(1, T + 1):
        a[t] = P['Wh'] @ h[t - 1] + P['Wx'] @ X[t] + P['bh']
        h[t] = np.tanh(a[t])
        if eps_h is not None and t in eps_h:
            h[t] = h[t] + eps_h[t]
        y[t] = P['Wy'] @ h[t] + P['by']
        L += 0.5 * np.sum((y[t] - Yt[t]) ** 2)
    return L, h, a, y

def fd_param(name, e=1e-6):
    G = np.zeros_like(P0[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P0.items()}; Pm = {k: v.copy() for k, v in P0.items()}
        Pp[name][idx] += e; Pm[name][idx] -= e
        G[idx] = (forward(Pp)[0] - forward(Pm)[0]) / (2 * e)
    return G

def fd_h(t, e=1e-6):
    g = np.zeros(m)
    for i in range(m):
        d = np.zeros(m); d[i] = e
        g[i] = (forward(P0, {t: d})[0] - forward(P0, {t: -d})[0]) / (2 * e)
    return g

L, h, a, y = forward(P0)
delta = {t: fd_h(t) for t in range(1, T + 1)}       # true total dL/dh_t
delta[T + 1] = np.zeros(m); a[T + 1] = np.zeros(m); h[T + 1] = np.zeros(m)
close = lambda u, v: np.allclose(u, v, rtol=1e-5, atol=1e-7)
res = {}

# forward rows 26, 29, 37: independent re-implementation of the stated model
hh = h0.copy(); Ls = 0.0
for t in range(1, T + 1):
    hh = np.tanh(P0['Wh'].dot(hh) + P0['Wx'].dot(X[t]) + P0['bh'])
    Ls += 0.5 * ((P0['Wy'].dot(hh) + P0['by'] - Yt[t]) ** 2).sum()
    assert close(hh, h[t])
res[26] = res[29] = res[37] = close(Ls, L)

# 49 / 52 / 54
gWy = sum(np.outer(y[t] - Yt[t], h[t]) for t in range(1, T + 1))
gby = sum(y[t] - Yt[t] for t in range(1, T + 1))
res[49] = close(gWy, fd_param('Wy')); res[52] = close(gby, fd_param('by'))
# 54: dy_t/dW_y (row i) = h_t^T and dy_t/db_y = I, by FD on y_3
t = 3; ok = True; e = 1e-6
for i in range(p):
    for j in range(m):
        Pp = {k: v.copy() for k, v in P0.items()}; Pm = {k: v.copy() for k, v in P0.items()}
        Pp['Wy'][i, j] += e; Pm['Wy'][i, j] -= e
        dy = (forward(Pp)[3][t] - forward(Pm)[3][t]) / (2 * e)
        ok &= close(dy, np.eye(p)[i] * h[t][j])
Jb = np.zeros((p, p))
for j in range(p):
    Pp = {k: v.copy() for k, v in P0.items()}; Pm = {k: v.copy() for k, v in P0.items()}
    Pp['by'][j] += e; Pm['by'][j] -= e
    Jb[:, j] = (forward(Pp)[3][t] - forward(Pm)[3][t]) / (2 * e)
res[54] = ok and close(Jb, np.eye(p))

# 60: definition delta_t = dL/dh_t ; at t=T it must equal W_y^T (y_T - yhat_T)
res[60] = close(delta[T], P0['Wy'].T @ (y[T] - Yt[T]))

# 62: delta_t = dL_t/dh_t + W_h^T (delta_{t+1} * sigma'(h_{t+1})), sigma' taken literally at h_{t+1}
dsig = lambda z: 1 - np.tanh(z) ** 2
ok62 = True; ok62c = True
for t in range(1, T):
    dLt = P0['Wy'].T @ (y[t] - Yt[t])
    lhs_written = dLt + P0['Wh'].T @ (delta[t + 1] * dsig(h[t + 1]))
    lhs_fixed = dLt + P0['Wh'].T @ (delta[t + 1] * dsig(a[t + 1]))
    ok62 &= close(lhs_written, delta[t]); ok62c &= close(lhs_fixed, delta[t])
assert ok62c, "corrected recursion must match"
res[62] = ok62

# 68 / 71 / 74: gradients with delta_t = dL/dh_t (no sigma')
gWh = sum(np.outer(delta[t], h[t - 1]) for t in range(1, T + 1))
gWx = sum(np.outer(delta[t], X[t]) for t in range(1, T + 1))
gbh = sum(delta[t] for t in range(1, T + 1))
fWh, fWx, fbh = fd_param('Wh'), fd_param('Wx'), fd_param('bh')
res[68] = close(gWh, fWh); res[71] = close(gWx, fWx); res[74] = close(gbh, fbh)
assert close(sum(np.outer(delta[t] * dsig(a[t]), h[t - 1]) for t in range(1, T + 1)), fWh)
assert close(sum(np.outer(delta[t] * dsig(a[t]), X[t]) for t in range(1, T + 1)), fWx)
assert close(sum(delta[t] * dsig(a[t]) for t in range(1, T + 1)), fbh)

expected = {26: True, 29: True, 37: True, 49: True, 52: True, 54: True, 60: True,
            62: False, 68: False, 71: False, 74: False}
for k, v in sorted(res.items()):
    print(k, 'pass' if v else 'fail')
    assert bool(v) == expected[k], k
print('fd_cp_bpt: all verdicts confirmed')
