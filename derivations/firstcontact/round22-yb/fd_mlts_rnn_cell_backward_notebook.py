"""Finite-difference check of mlts_rnn_cell_backward_notebook.md (standalone numpy, float64).

Forward as in the notebook: h_t = tanh(Whh h_{t-1} + Whx x_t + bh), columns = examples.
rnn_cell_backward(dh_next, cache) is read as: gradients of the surrogate loss
L = sum(dh_next * h_next); rnn_backward(dh, caches) as gradients of L = sum_t sum(dh[:,:,t] * h_t).
Each line is evaluated as written, with the quantities it uses taken at their true (FD) values,
so an error is reported only on the line that makes it.
"""
import numpy as np

rng = np.random.default_rng(1)
n_x, n_h, m, T = 3, 4, 2, 4
Whx = rng.standard_normal((n_h, n_x)); Whh = rng.standard_normal((n_h, n_h)) * 0.6
bh = rng.standard_normal((n_h, 1)); Wyh = rng.standard_normal((2, n_h)); by = rng.standard_normal((2, 1))
eps = 1e-6
res = {}
def rep(line, err):
    res[line] = max(res.get(line, 0.0), err)

def num_grad(f, X):
    g = np.zeros_like(X)
    for idx in np.ndindex(*X.shape):
        old = X[idx]; X[idx] = old + eps; fp = f(); X[idx] = old - eps; fm = f(); X[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

# ----- single cell -----
xt = rng.standard_normal((n_x, m)); h_prev = rng.standard_normal((n_h, m)); dh_next = rng.standard_normal((n_h, m))
def cell(xt, h_prev, Whx, Whh, bh, dz=0.0):
    return np.tanh(np.dot(Whh, h_prev) + np.dot(Whx, xt) + bh + dz)
Lc = lambda: np.sum(dh_next * cell(xt, h_prev, Whx, Whh, bh))
Z = np.zeros((n_h, m))
true_dz = num_grad(lambda: np.sum(dh_next * cell(xt, h_prev, Whx, Whh, bh, Z)), Z)
# line 241 as written
dtanh_author = 1 - np.square(np.tanh(np.dot(Whx, xt) + np.dot(Whh, h_prev) + bh))
rep(241, np.abs(dtanh_author - true_dz).max())
dtanh = true_dz   # true dL/dz, used to check the following lines in isolation
rep(244, np.abs(np.dot(Whx.T, dtanh) - num_grad(Lc, xt)).max())
rep(245, np.abs(np.dot(dtanh, xt.T) - num_grad(Lc, Whx)).max())
rep(248, np.abs(np.dot(Whh.T, dtanh) - num_grad(Lc, h_prev)).max())
rep(249, np.abs(np.dot(dtanh, h_prev.T) - num_grad(Lc, Whh)).max())
rep(252, np.abs(np.sum(dtanh, axis=1, keepdims=True) - num_grad(Lc, bh)).max())

# ----- sequence -----
x = rng.standard_normal((n_x, m, T)); h0 = rng.standard_normal((n_h, m)); dh = rng.standard_normal((n_h, m, T))
def seq(pert_t=None, D=None):
    hs = []; hp = h0
    for t in range(T):
        hn = cell(x[:, :, t], hp, Whx, Whh, bh)
        if pert_t == t: hn = hn + D
        hs.append(hn); hp = hn
    return hs
Ls = lambda: sum(np.sum(dh[:, :, t] * hh) for t, hh in enumerate(seq()))
# total gradient wrt h_t (what must be fed into rnn_cell_backward at step t)
hs = seq()
for t in range(T):
    D = np.zeros((n_h, m))
    tot = num_grad(lambda: sum(np.sum(dh[:, :, s] * hh) for s, hh in enumerate(seq(t, D))), D)
    rep(309, np.abs(dh[:, :, t] - tot).max())           # line 309 feeds dh[:,:,t] only
# accumulation lines, using the (correct) per-step contributions
def contribs():
    hs = seq(); out = []
    dnext = np.zeros((n_h, m))
    for t in reversed(range(T)):
        hp = h0 if t == 0 else hs[t - 1]
        g = (dh[:, :, t] + dnext) * (1 - hs[t] ** 2)
        out.append((t, np.dot(Whx.T, g), np.dot(g, x[:, :, t].T), np.dot(g, hp.T), g.sum(1, keepdims=True), np.dot(Whh.T, g)))
        dnext = np.dot(Whh.T, g)
    return out
C = contribs()
dx = np.zeros((n_x, m, T)); dWhx = np.zeros_like(Whx); dWhh = np.zeros_like(Whh); dbh = np.zeros_like(bh)
for (t, dxt, dWhxt, dWhht, dbht, dh_prevt) in C:
    dx[:, :, t] = dxt; dWhx += dWhxt; dWhh += dWhht; dbh += dbht
dh0 = dh_prevt
rep(313, np.abs(dx - num_grad(Ls, x)).max())
rep(314, np.abs(dWhx - num_grad(Ls, Whx)).max())
rep(315, np.abs(dWhh - num_grad(Ls, Whh)).max())
rep(316, np.abs(dbh - num_grad(Ls, bh)).max())
rep(319, np.abs(dh0 - num_grad(Ls, h0)).max())

for line in sorted(res):
    err = res[line]
    print(f"line {line}: OK" if err < 1e-6 else f"line {line}: MISMATCH (max err {err:.3e})")
