"""FD check of gaurav_cs224d_rnnlm.md.
Author's model (lines 63/118, row-vector h): h_t = sigmoid(h_{t-1} H + L[x_t]), h_{-1}=0,
p_t = softmax(U h_t), J = sum_t -log p_t[y_t].  Backward rows evaluated as written
(np.matrix semantics reproduced with 2-D row arrays)."""
import numpy as np

rng = np.random.default_rng(1)
V, D, ns = 7, 5, 4
H = rng.standard_normal((D, D)) * 0.8
U = rng.standard_normal((V, D)) * 0.8
L = rng.standard_normal((V, D)) * 0.8
xs = np.array([1, 2, 3, 1])        # word 1 repeated -> sparse L updates must accumulate
ys = np.array([2, 3, 4, 5])
sig = lambda z: 1 / (1 + np.exp(-z))
def softmax(x):
    e = np.exp(x - x.max()); return e / e.sum()

def fwd(H, U, L, eps_a=None):
    hs = np.zeros((ns + 1, D)); ps = np.zeros((ns, V))     # line 49: hs[-1] = 0
    for t in range(ns):
        a = hs[t-1] @ H + L[xs[t]]
        if eps_a is not None: a = a + eps_a[t]
        hs[t] = sig(a)                                       # line 63
        ps[t] = softmax(U @ hs[t])                           # line 64
    return hs, ps

def J_all(H, U, L, eps_a=None, only=None):
    hs, ps = fwd(H, U, L, eps_a)
    ts = range(ns) if only is None else [only]
    return sum(-np.log(ps[t][ys[t]]) for t in ts)           # line 120

def ng(f, A, e=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o + e; fp = f(); A[idx] = o - e; fm = f(); A[idx] = o
        g[idx] = (fp - fm) / (2 * e)
    return g

hs, ps = fwd(H, U, L)
# forward rows vs independent implementation of the stated model
h = np.zeros(D)
for t in range(ns):
    h = 1 / (1 + np.exp(-(h @ H + L[xs[t]])))
    assert np.allclose(h, hs[t])
    z = U @ h; p = np.exp(z) / np.exp(z).sum(); assert np.allclose(p, ps[t])
v = {49: True, 63: True, 64: True, 113: True, 118: True, 119: True, 120: True}

Y = np.eye(V)[ys]
delta2 = ps - Y                                              # line 76
# dJ_t/dz_t (z_t = U h_t) by FD
ok76 = True
for t in range(ns):
    z = U @ hs[t]
    f = lambda: -np.log(softmax(z)[ys[t]])
    ok76 &= np.allclose(ng(f, z), delta2[t], atol=1e-6)
v[76] = ok76

gU = np.zeros_like(U); gH = np.zeros_like(H); sL = []
ok86 = ok90 = True
bptt = ns
for t in range(ns)[::-1]:
    gU += np.outer(delta2[t], hs[t])                         # line 84
    delta1 = (delta2[t][None, :] @ U) * (hs[t] * (1 - hs[t]))   # line 86 (1xD row, as np.matrix)
    eps = np.zeros((ns, D))
    true_t = {s: ng(lambda: J_all(H, U, L, eps, only=t), eps[s:s+1])[0] for s in range(t + 1)}
    ok86 &= np.allclose(delta1[0], true_t[t], atol=1e-6)
    for step in range(max(0, t - bptt), t + 1)[::-1]:
        gH += np.dot(delta1, hs[step-1])                     # line 88: (1xD).(D,) -> scalar broadcast
        sL.append((xs[step], true_t[step].copy()))           # line 89 evaluated with TRUE delta1
        delta1 = (delta1 @ H) * (hs[step-1] * (1 - hs[step-1]))  # line 90 as written
        if step - 1 >= 0:
            # row 90 given the TRUE delta at `step`
            d_written = (true_t[step][None, :] @ H) * (hs[step-1] * (1 - hs[step-1]))
            ok90 &= np.allclose(d_written[0], true_t[step-1], atol=1e-6)
v[86] = ok86; v[90] = ok90
GU, GH, GL = ng(lambda: J_all(H, U, L), U), ng(lambda: J_all(H, U, L), H), ng(lambda: J_all(H, U, L), L)
v[84] = np.allclose(gU, GU, atol=1e-6)
v[88] = np.allclose(gH, GH, atol=1e-6)
# line 88 with true deltas still wrong (scalar instead of outer product)
gH2 = np.zeros_like(H)
for t in range(ns):
    eps = np.zeros((ns, D))
    for s in range(t + 1):
        d = ng(lambda: J_all(H, U, L, eps, only=t), eps[s:s+1])[0]
        gH2 += np.dot(d[None, :], hs[s-1])
v[88] = v[88] or np.allclose(gH2, GH, atol=1e-6)
# the correct row for the author's forward would be outer(hs[step-1], delta1)
gH3 = np.zeros_like(H)
for t in range(ns):
    eps = np.zeros((ns, D))
    for s in range(t + 1):
        d = ng(lambda: J_all(H, U, L, eps, only=t), eps[s:s+1])[0]
        gH3 += np.outer(hs[s-1], d)
assert np.allclose(gH3, GH, atol=1e-5)
# line 89: sparse updates appended and summed (SparseDelta semantics), using true deltas
gL = np.zeros_like(L)
for i, d in sL: gL[i] += d
v[89] = np.allclose(gL, GL, atol=1e-5)

expected = {49: True, 63: True, 64: True, 76: True, 84: True, 86: True, 88: False, 89: True,
            90: False, 113: True, 118: True, 119: True, 120: True}
for k, e in expected.items():
    assert bool(v[k]) == e, (k, v[k], e)
print("fd_gaurav_cs224d_rnnlm: all %d verdicts confirmed" % len(expected))
