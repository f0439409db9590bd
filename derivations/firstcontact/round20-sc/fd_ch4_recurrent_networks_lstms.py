# FD check for ch4_recurrent_networks_lstms.md
# Conventions: column vectors, h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), y_t = W_hy h_t + b_y,
# L = sum_t L_t(y_t, yhat_t); Jacobians d(out)/d(in) with rows = out; dL_t/dh_1 as a row vector.
import numpy as np
rng = np.random.default_rng(5)
dx, dh, dy, T = 2, 3, 2, 5
Whh = rng.normal(size=(dh, dh)) * 0.8; Wxh = rng.normal(size=(dh, dx)); bh = rng.normal(size=dh) * 0.1
Why = rng.normal(size=(dy, dh)); by = rng.normal(size=dy) * 0.1
xs = rng.normal(size=(T + 1, dx)); tg = rng.normal(size=(T + 1, dy))
eps = 1e-6
res = {}
def rep(line, ok):
    res[line] = res.get(line, True) and bool(ok)

def run(Whh, h1=None):
    h = {0: np.zeros(dh)}; z = {}
    for t in range(1, T + 1):
        z[t] = Whh @ h[t - 1] + Wxh @ xs[t] + bh
        h[t] = np.tanh(z[t])
        if t == 1 and h1 is not None:
            h[1] = h1
    Lt = {t: 0.5 * np.sum((Why @ h[t] + by - tg[t]) ** 2) for t in range(1, T + 1)}
    return h, z, Lt

h, z, Lt = run(Whh)
for ln in (42, 44, 69):
    rep(ln, True)
# 73: dL/dW_hh = sum_t dL_t/dW_hh (each term total)
def gradW(which):
    G = np.zeros((dh, dh))
    for i in range(dh):
        for j in range(dh):
            Wp = Whh.copy(); Wp[i, j] += eps; Wm = Whh.copy(); Wm[i, j] -= eps
            Lp, Lm = run(Wp)[2], run(Wm)[2]
            G[i, j] = (sum(Lp[t] for t in which) - sum(Lm[t] for t in which)) / (2 * eps)
    return G
rep(73, np.allclose(gradW(range(1, T + 1)), sum(gradW([t]) for t in range(1, T + 1)), atol=1e-6))
# 77: dL_t/dh_1 = prod_{k=2}^t dh_k/dh_{k-1} = prod W_hh^T diag(tanh'(z_k))
t = 4
true = np.array([(run(Whh, h[1] + eps * np.eye(dh)[a])[2][t] - run(Whh, h[1] - eps * np.eye(dh)[a])[2][t]) / (2 * eps) for a in range(dh)])
Jk = {k: np.diag(1 - np.tanh(z[k]) ** 2) @ Whh for k in range(2, t + 1)}          # true dh_k/dh_{k-1}
prodJ = np.eye(dh)
for k in range(t, 1, -1):
    prodJ = prodJ @ Jk[k]                                                          # dh_t/dh_1 (chain order)
prodPrinted = np.eye(dh)
for k in range(2, t + 1):
    prodPrinted = prodPrinted @ (Whh.T @ np.diag(1 - np.tanh(z[k]) ** 2))
# link 1 equates the gradient row dL_t/dh_1 (shape (dh,)) with the Jacobian product dh_t/dh_1 (dh x dh): the factor dL_t/dh_t is missing
link1 = prodJ.shape == true.shape and np.allclose(prodJ, true, atol=1e-6)
link2 = all(np.allclose(Jk[k], Whh.T @ np.diag(1 - np.tanh(z[k]) ** 2)) for k in range(2, t + 1))
gt = (Why @ h[t] + by - tg[t]) @ Why
print('# line 77 control: (dL_t/dh_t) dh_t/dh_1 matches FD:', np.allclose(gt @ prodJ, true, atol=1e-6))
print('# line 77 link 2 (dh_k/dh_{k-1} == W^T diag): ', link2)
rep(77, link1 and link2)
# 79: z_k definition and tanh'(z) = 1 - tanh^2(z)
zz = rng.normal(size=7)
rep(79, np.allclose((np.tanh(zz + eps) - np.tanh(zz - eps)) / (2 * eps), 1 - np.tanh(zz) ** 2, atol=1e-8))
# 85: ||dh_k/dh_{k-1}||_2 = ||W^T diag(tanh')||_2 <= ||W||_2 max|tanh'|
ok85 = True
for k in range(2, T + 1):
    Jk[k] = np.diag(1 - np.tanh(z[k]) ** 2) @ Whh
    a = np.linalg.norm(Jk[k], 2); b = np.linalg.norm(Whh.T @ np.diag(1 - np.tanh(z[k]) ** 2), 2)
    c = np.linalg.norm(Whh, 2) * np.max(np.abs(1 - np.tanh(z[k]) ** 2))
    ok85 &= np.isclose(a, b) and b <= c + 1e-12
rep(85, ok85)
# LSTM / GRU / BiRNN forward definitions: used as written
for ln in (128, 134, 138, 142, 148, 150, 169, 173, 177, 181, 206, 208, 210):
    rep(ln, True)
for ln in sorted(res):
    print(ln, 'OK' if res[ln] else 'MISMATCH')
