"""Finite-difference check of yuhao_c5w1_rnn_cell.md (numpy only).

Forward (the post's conventions, Coursera column layout, a batch of m examples as columns):
  z^<t> = W_ax x^<t> + W_aa a^<t-1> + b_a,  a^<t> = tanh(z^<t>),  yhat^<t> = softmax(W_ya a^<t> + b_y)
Cost: J = sum_t sum_batch -log yhat^<t>[label]  (cross-entropy; any smooth cost works for the cell lines).
"True" gradients are central differences of J w.r.t. perturbations injected at one place of the graph:
z^<t>, a^<t>, x^<t>, a^<t-1> only on its way into step t, and per-step copies of W_ax, W_aa, b_a.
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(3)
nx, na, ny, m, T = 3, 4, 5, 2, 3
t0 = 1
Wax = rng.normal(0, .7, (na, nx)); Waa = rng.normal(0, .7, (na, na)); ba = rng.normal(0, .2, (na, 1))
Wya = rng.normal(0, .7, (ny, na)); by = rng.normal(0, .2, (ny, 1))
X = rng.normal(size=(T, nx, m)); a0 = rng.normal(0, .5, (na, m))
labels = rng.integers(0, ny, size=(T, m))


def softmax(u):
    e = np.exp(u - u.max(axis=0, keepdims=True)); return e / e.sum(axis=0, keepdims=True)


def forward(pert=None):
    pert = pert or {}
    g = lambda k, t, s: pert.get((k, t), np.zeros(s))
    a = a0; J = 0.0; st = []
    for t in range(T):
        x = X[t] + g("x", t, (nx, m))
        ap = a + g("a_in", t, (na, m))
        z = (Wax + g("Wax", t, Wax.shape)) @ x + (Waa + g("Waa", t, Waa.shape)) @ ap + ba + g("ba", t, ba.shape)
        z = z + g("z", t, (na, m))
        a = np.tanh(z) + g("a", t, (na, m))
        y = softmax(Wya @ a + by)
        J += -np.sum(np.log(y[labels[t], np.arange(m)]))
        st.append(dict(x=x, a_prev=ap, z=z, a=a, y=y))
    return J, st


def fd(key, t, shape, h=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = h
        G[idx] = (forward({(key, t): E})[0] - forward({(key, t): -E})[0]) / (2 * h)
    return G


close = lambda A, B: A.shape == B.shape and np.allclose(A, B, rtol=1e-5, atol=1e-7)
_, S = forward(); s = S[t0]
x, ap, z, a, y = s["x"], s["a_prev"], s["z"], s["a"], s["y"]
res = {}
# forward lines: the author's formulas against an independent elementwise implementation
a_loop = np.array([[np.tanh(sum(Waa[i, k] * ap[k, j] for k in range(na)) + sum(Wax[i, k] * x[k, j] for k in range(nx)) + ba[i, 0])
                    for j in range(m)] for i in range(na)])
u = Wya @ a + by
y_loop = np.array([[np.exp(u[i, j]) / sum(np.exp(u[k, j]) for k in range(ny)) for j in range(m)] for i in range(ny)])
res[20] = close(np.tanh(Waa @ ap + Wax @ x + ba), a_loop)
res[21] = close(softmax(Wya @ a + by), y_loop) and close(y, y_loop)
res[52] = close(Wax @ x + Waa @ ap + ba, z)
res[58] = close(np.tanh(z), a)
dz = fd("z", t0, (na, m)); da = fd("a", t0, (na, m))
res[65] = close(da * (1 - np.tanh(z) ** 2), dz)          # dJ/dz = dJ/da * da/dz (elementwise Jacobian)
res[66] = close(da * (1 - np.tanh(z) ** 2), dz)
res[67] = close(da * (1 - a ** 2), dz)
dtanh = dz
res[75] = close(dtanh @ x.T, fd("Wax", t0, Wax.shape))
res[76] = close(dtanh @ ap.T, fd("Waa", t0, Waa.shape))
res[77] = close(np.sum(dtanh, axis=1, keepdims=True), fd("ba", t0, ba.shape))
res[78] = close(Wax.T @ dtanh, fd("x", t0, (nx, m)))
res[79] = close(Waa.T @ dtanh, fd("a_in", t0, (na, m)))

fn = "yuhao_c5w1_rnn_cell.md"
exp = json.load(open(os.path.join(HERE, "expected.json")))[fn]
assert sorted(map(int, exp)) == sorted(res), (sorted(map(int, exp)), sorted(res))
allagree = True
for ln in sorted(int(k) for k in exp):
    ok = res[ln]; want = exp[str(ln)]["expected"] == "pass"
    agree = ok == want; allagree &= agree
    print(f"line {ln}: {'OK' if ok else 'MISMATCH'}  expected={exp[str(ln)]['expected']}  {'agrees' if agree else 'DISAGREES'}")
print("ALL VERDICTS AGREE" if allagree else "SOME VERDICTS DISAGREE")
