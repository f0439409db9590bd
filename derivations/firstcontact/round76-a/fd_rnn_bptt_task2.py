# FD check of rnn_bptt_task2.py (column vectors, L = sum_t -log p_t[target_t]).
import numpy as np
rng = np.random.default_rng(0)
V, H, T = 5, 4, 6
P = dict(Uh=rng.normal(0, .5, (H, V)), Wh=rng.normal(0, .5, (H, H)), Wy=rng.normal(0, .5, (V, H)),
         bh=rng.normal(0, .1, (H, 1)), by=rng.normal(0, .1, (V, 1)))
inputs = rng.integers(0, V, T); targets = rng.integers(0, V, T); hprev = rng.normal(0, .3, (H, 1))

def forward(P, dzpert=None):
    hs = {-1: hprev}; xs = {}; ps = {}; loss = 0.0
    for t in range(T):
        xs[t] = np.zeros((V, 1)); xs[t][inputs[t]] = 1
        z = P['Wh'] @ hs[t-1] + P['Uh'] @ xs[t] + P['bh']           # line 12 (z_t)
        if dzpert is not None and dzpert[0] == t: z = z + dzpert[1]
        hs[t] = np.tanh(z)                                            # line 12
        y = P['Wy'] @ hs[t] + P['by']                                  # line 13
        e = np.exp(y - y.max()); ps[t] = e / e.sum()                   # line 14
        loss += -np.log(ps[t][targets[t], 0])                          # lines 15, 17
    return loss, xs, hs, ps

def author_backward(P):
    loss, xs, hs, ps = forward(P)
    g = {k: np.zeros_like(v) for k, v in P.items()}
    dhnext = np.zeros((H, 1)); dz_all = {}; dh_all = {}
    for t in reversed(range(T)):
        dy = ps[t].copy(); dy[targets[t]] -= 1        # eq 2.1, code 158-159
        g['Wy'] += dy @ hs[t].T                       # 2.2 / 161
        g['by'] += dy                                 # 2.3 / 162
        dh = P['Wy'].T @ dy + dhnext                  # 2.4+2.5 / 164
        dz = (1 - hs[t]**2) * dh                      # 2.6 / 166
        g['Uh'] += dz @ xs[t].T                       # 2.7 / 169
        g['Wh'] += dz @ hs[t-1].T                     # 2.8 / 170
        g['bh'] += dz                                 # 2.9 / 171
        dhnext = P['Wh'].T @ dz                       # 174 (indirect path of 2.5)
        dz_all[t] = dz; dh_all[t] = dh
    return g, dz_all, dh_all, dhnext

g, dz_all, dh_all, dh0 = author_backward(P)
eps = 1e-6
def fd_param(k):
    G = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Pp = {kk: v.copy() for kk, v in P.items()}; Pm = {kk: v.copy() for kk, v in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        G[idx] = (forward(Pp)[0] - forward(Pm)[0]) / (2 * eps)
    return G
for k, lab in [('Wy', 'eq2.2/2.10, code161'), ('by', 'eq2.3/2.11, code162'), ('Uh', 'eq2.7, code169'),
               ('Wh', 'eq2.8, code170'), ('bh', 'eq2.9, code171')]:
    err = np.abs(fd_param(k) - g[k]).max()
    print(f"{lab:24s} dL/d{k}: max|author-FD| = {err:.2e}  {'AGREE' if err < 1e-6 else 'DISAGREE'}")
# dL/dz_t (eq 2.6) by perturbing the pre-activation at step t
for t in [0, T // 2, T - 1]:
    fd = np.zeros((H, 1))
    for i in range(H):
        d = np.zeros((H, 1)); d[i] = eps
        fd[i] = (forward(P, (t, d))[0] - forward(P, (t, -d))[0]) / (2 * eps)
    err = np.abs(fd - dz_all[t]).max()
    print(f"eq2.5+2.6 (code164,166) dL/dz_{t}: max err {err:.2e}  {'AGREE' if err < 1e-6 else 'DISAGREE'}")
# dL/dh_{-1} (= hprev) via dhnext after the loop (code 174 / indirect path of eq 2.5)
fd = np.zeros((H, 1)); h0 = hprev.copy()
for i in range(H):
    hprev[i] += eps; lp = forward(P)[0]; hprev[i] -= 2 * eps; lm = forward(P)[0]; hprev[i] += eps
    fd[i] = (lp - lm) / (2 * eps)
err = np.abs(fd - dh0).max()
print(f"code174 / eq2.5 indirect path dL/dh_prev: max err {err:.2e}  {'AGREE' if err < 1e-6 else 'DISAGREE'}")
# softmax-CE identity eq 2.1 / 37 on one step
y = rng.normal(size=(V, 1)); tgt = 2
f = lambda y: -np.log(np.exp(y[tgt, 0] - y.max()) / np.exp(y - y.max()).sum())
fd = np.array([[(f(y + eps * np.eye(V)[:, [j]]) - f(y - eps * np.eye(V)[:, [j]])) / (2 * eps)] for j in range(V)])
e = np.exp(y - y.max()); p = e / e.sum(); ee = np.zeros((V, 1)); ee[tgt] = 1
print(f"eq2.1 (lines 37,41) dL_t/dy_t = p - e: max err {np.abs(fd - (p - ee)).max():.2e}")
