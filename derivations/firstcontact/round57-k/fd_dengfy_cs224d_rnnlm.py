"""FD check of dengfy_cs224d_rnnlm.md.  Model (docstring lines 21-22, code 117-118):
h_t = sigmoid(H h_{t-1} + L[x_t]) (column vectors, h_{-1} = 0), p_t = softmax(U h_t),
J = sum_t -log p_t[y_t].  grad_check sets bptt = len(y) (full BPTT)."""
import numpy as np

rng = np.random.default_rng(4)
V, D = 10, 6
H = rng.standard_normal((D, D)) * 0.8
U = rng.standard_normal((V, D)) * 0.8
L = rng.standard_normal((V, D)) * 0.8
xs = np.array([1, 2, 3]); ys = np.array([2, 3, 4])    # same toy data as the notebook
ns = len(xs); bptt = len(ys)
sig = lambda z: 1 / (1 + np.exp(-z))
sm = lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()

def fwd(H, U, L):
    hs = np.zeros((ns + 1, D)); ps = np.zeros((ns, V))        # line 105 / 171
    for t in range(ns):
        hs[t] = sig(H.dot(hs[t - 1]) + L[xs[t]])              # line 117 / 175
        ps[t] = sm(U.dot(hs[t]))                              # line 118 / 176
    return hs, ps
def J(H, U, L):
    hs, ps = fwd(H, U, L)
    return sum(-np.log(ps[t][ys[t]]) for t in range(ns))      # line 177
def ng(f, A, e=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o + e; fp = f(); A[idx] = o - e; fm = f(); A[idx] = o
        g[idx] = (fp - fm) / (2 * e)
    return g

hs, ps = fwd(H, U, L)
v = {21: True, 22: True, 105: True, 117: True, 118: True, 171: True, 175: True, 176: True, 177: True}

def run(guard):
    gU = np.zeros_like(U); gH = np.zeros_like(H); sL = []
    ok123 = ok126 = True
    for t in range(ns):
        y_t = np.eye(V)[ys[t]]
        delta_t = ps[t] - y_t                                  # line 123
        z = U.dot(hs[t]); ok123 &= np.allclose(ng(lambda: -np.log(sm(z)[ys[t]]), z), delta_t, atol=1e-6)
        gU += np.outer(delta_t, hs[t])                         # line 124
        delta = U.T.dot(delta_t) * hs[t] * (1 - hs[t])        # line 126
        a = H.dot(hs[t-1]) + L[xs[t]]
        ok126 &= np.allclose(delta, U.T.dot(delta_t) * sig(a) * (1 - sig(a)))
        for i in range(t, t - bptt - 1, -1):                   # line 127
            if (i - 1 > -1) if guard else (i >= 0):            # line 128 (as written / corrected)
                gH += np.outer(delta, hs[i - 1])               # line 129
                sL.append((xs[i], delta.copy()))               # line 130
                delta = np.dot(H.T, delta) * hs[i - 1] * (1 - hs[i - 1])   # line 131
    gL = np.zeros_like(L)
    for i, d in sL: gL[i] += d
    return gU, gH, gL, sL, ok123, ok126

GU, GH, GL = ng(lambda: J(H, U, L), U), ng(lambda: J(H, U, L), H), ng(lambda: J(H, U, L), L)
gU, gH, gL, sL, ok123, ok126 = run(guard=True)
v[123] = ok123; v[126] = ok126
v[124] = np.allclose(gU, GU, atol=1e-6)
# as written: H gradient is right (the dropped i = 0 term is outer(delta, h_{-1} = 0) = 0) ...
assert np.allclose(gH, GH, atol=1e-6)
# ... but the row L[xs[0]] is never produced, and grad_check only inspects produced rows
rows = sorted(set(i for i, _ in sL))
assert rows == [2, 3] and not np.allclose(GL[1], 0)
v[128] = np.allclose(gL, GL, atol=1e-6)
# rows 129-131 as formulas: with the loop bound fixed (i >= 0) everything matches
gU2, gH2, gL2, _, _, _ = run(guard=False)
v[129] = np.allclose(gH2, GH, atol=1e-6)
v[130] = np.allclose(gL2, GL, atol=1e-6)
v[131] = v[130]

expected = {21: True, 22: True, 105: True, 117: True, 118: True, 123: True, 124: True, 126: True,
            128: False, 129: True, 130: True, 131: True, 171: True, 175: True, 176: True, 177: True}
for k, e in expected.items():
    assert bool(v[k]) == e, (k, v[k], e)
print("fd_dengfy_cs224d_rnnlm: all %d verdicts confirmed" % len(expected))
