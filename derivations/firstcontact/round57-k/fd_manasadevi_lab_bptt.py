"""FD check of manasadevi_lab_bptt.md (vanilla RNN, column vectors, linear output,
L = 1/2 sum_t ||y_t - Tgt_t||^2, the objective whose gradient backward() computes)."""
import numpy as np

rng = np.random.default_rng(0)
T, inp, hid, out = 5, 3, 4, 2
Wxh = rng.standard_normal((hid, inp)) * 0.7
Whh = rng.standard_normal((hid, hid)) * 0.7
Why = rng.standard_normal((out, hid)) * 0.7
bh = rng.standard_normal((hid, 1)) * 0.3
by = rng.standard_normal((out, 1)) * 0.3
X = rng.standard_normal((T, inp, 1))
Tgt = rng.standard_normal((T, out, 1))
P = dict(Wxh=Wxh, Whh=Whh, Why=Why, bh=bh, by=by)

def forward(P, X, eps_h=None):
    # line 19/70: h_{-1} = 0 ; line 21/73: h_t ; line 22/74: y_t
    h = np.zeros((hid, 1)); hs, ys = {-1: h}, {}
    for t in range(T):
        h = np.tanh(P['Wxh'] @ X[t] + P['Whh'] @ hs[t-1] + P['bh'])
        if eps_h is not None:
            h = h + eps_h[t]
        hs[t], ys[t] = h, P['Why'] @ h + P['by']
    return hs, ys

def loss(P, X, eps_h=None):
    _, ys = forward(P, X, eps_h)
    return sum(0.5 * np.sum((ys[t] - Tgt[t]) ** 2) for t in range(T))

def num_grad(f, A, e=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + e; fp = f(); A[idx] = old - e; fm = f(); A[idx] = old
        g[idx] = (fp - fm) / (2 * e)
    return g

verdicts = {}
hs, ys = forward(P, X)
# forward rows: compare with an independent model implementation
h_ref = np.zeros((hid, 1))
for t in range(T):
    h_ref = np.tanh(Wxh @ X[t] + Whh @ h_ref + bh)
    assert np.allclose(h_ref, hs[t]) and np.allclose(Why @ h_ref + by, ys[t])
verdicts.update({19: True, 21: True, 22: True, 70: True, 73: True, 74: True})

# true dL/dh_t (total, incl. future) by FD on additive perturbation of h_t
eps = np.zeros((T, hid, 1))
dLdh_true = {t: num_grad(lambda: loss(P, X, eps), eps[t:t+1])[0] for t in range(T)}

# ---- backward exactly as written (cell 1, lines 26-31; cell 2 lines 79-92 are the same math) ----
dWxh = dWhh = dWhy = 0; dbh = dby = 0; dhn = np.zeros((hid, 1))      # line 26 / 79-81
ok = {28: True, 29: True, 30: True, 31: True}
for t in reversed(range(T)):
    dy = ys[t] - Tgt[t]; dWhy += dy @ hs[t].T; dby += dy              # line 28 / 84-86
    # dy row: dL/dy_t
    ok[28] &= np.allclose(dy, ys[t] - Tgt[t])
    dh = Why.T @ dy + dhn; dh_raw = (1 - hs[t] ** 2) * dh             # line 29 / 87-88
    ok[29] &= np.allclose(dh, dLdh_true[t], atol=1e-6)
    # dh_raw must equal dL/d(pre-activation) = dL/dh_t * tanh'
    ok[29] &= np.allclose(dh_raw, dLdh_true[t] * (1 - hs[t] ** 2), atol=1e-6)
    dbh += dh_raw; dWxh += dh_raw @ X[t].T; dWhh += dh_raw @ hs[t-1].T  # line 30 / 89-91
    dhn = Whh.T @ dh_raw                                              # line 31 / 92
    if t > 0:
        ok[31] &= np.allclose(dhn, dLdh_true[t-1] - Why.T @ (ys[t-1] - Tgt[t-1]), atol=1e-6)

G = {k: num_grad(lambda: loss(P, X), P[k]) for k in P}
ok[28] &= np.allclose(dWhy, G['Why'], atol=1e-6) and np.allclose(dby, G['by'], atol=1e-6)
ok[30] &= (np.allclose(dbh, G['bh'], atol=1e-6) and np.allclose(dWxh, G['Wxh'], atol=1e-6)
           and np.allclose(dWhh, G['Whh'], atol=1e-6))
ok[26] = True  # zero initialisation of accumulators and of dh_next (no step after T-1)
verdicts.update(ok)
# cell 2 lines carry the same formulas
for a, b in [(79, 26), (80, 26), (81, 26), (84, 28), (85, 28), (86, 28), (87, 29), (88, 29),
             (89, 30), (90, 30), (91, 30), (92, 31)]:
    verdicts[a] = verdicts[b]

expected = {19: True, 21: True, 22: True, 26: True, 28: True, 29: True, 30: True, 31: True,
            70: True, 73: True, 74: True, 79: True, 80: True, 81: True, 84: True, 85: True,
            86: True, 87: True, 88: True, 89: True, 90: True, 91: True, 92: True}
for k, v in expected.items():
    assert bool(verdicts[k]) == v, (k, verdicts[k], v)
print("fd_manasadevi_lab_bptt: all %d verdicts confirmed" % len(expected))
