"""FD check for ar5entum_rnn_bptt.tex (ar5entum/deep-learning-notes-tex @ 29aa81cf).
Model (lines 4-7): a=b+W h_{t-1}+U x_t, h=tanh(a), o=c+V h, yhat=softmax(o); L=sum_t -log yhat_t[y_t]."""
import numpy as np

rng = np.random.default_rng(61)
n, d, K, T = 4, 3, 5, 4
P0 = dict(W=rng.normal(scale=.5, size=(n, n)), U=rng.normal(scale=.5, size=(n, d)),
          V=rng.normal(scale=.5, size=(K, n)), b=rng.normal(size=n), c=rng.normal(size=K))
X = rng.normal(size=(T + 1, d)); Yc = rng.integers(0, K, size=T + 1)
h0 = rng.normal(scale=.3, size=n)
softmax = lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()

def forward(P, dh=None, do=None, dLt=None):
    h = [h0]; o = [None]; yh = [None]; Lt = [None]
    for t in range(1, T + 1):
        a = P['b'] + P['W'] @ h[-1] + P['U'] @ X[t]
        ht = np.tanh(a)
        if dh is not None and dh[0] == t: ht = ht + dh[1]
        ot = P['c'] + P['V'] @ ht
        if do is not None and do[0] == t: ot = ot + do[1]
        y = softmax(ot)
        l = -np.log(y[Yc[t]])
        if dLt is not None and dLt[0] == t: l = l + dLt[1]
        h.append(ht); o.append(ot); yh.append(y); Lt.append(l)
    return h, o, yh, Lt, sum(Lt[1:])

h, o, yh, Lt, L = forward(P0)
eps = 1e-6
def fd_param(name):
    G = np.zeros_like(P0[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P0.items()}; Pm = {k: v.copy() for k, v in P0.items()}
        Pp[name][idx] += eps; Pm[name][idx] -= eps
        G[idx] = (forward(Pp)[-1] - forward(Pm)[-1]) / (2 * eps)
    return G
def fd_node(kind, t, size):
    g = np.zeros(size)
    for i in range(size):
        e = np.zeros(size); e[i] = eps
        kw_p = {kind: (t, e)}; kw_m = {kind: (t, -e)}
        g[i] = (forward(P0, **kw_p)[-1] - forward(P0, **kw_m)[-1]) / (2 * eps)
    return g
gO = {t: fd_node('do', t, K) for t in range(1, T + 1)}   # total grad wrt o^(t)
gH = {t: fd_node('dh', t, n) for t in range(1, T + 1)}   # total grad wrt h^(t)
v = {}
# lines 4-7 forward definitions, 11-12 loss
v[4] = v[5] = v[6] = True
v[7] = all(np.isclose(yh[t].sum(), 1) for t in range(1, T + 1))
v[11] = np.isclose(L, sum(Lt[1:]))
v[12] = np.isclose(L, -sum(np.log(yh[t][Yc[t]]) for t in range(1, T + 1)))
# line 25: dL/dL^(t) = 1
v[25] = all(np.isclose((forward(P0, dLt=(t, eps))[-1] - forward(P0, dLt=(t, -eps))[-1]) / (2 * eps), 1)
            for t in range(1, T + 1))
# line 29: grad_c = sum_t grad_o
v[29] = np.allclose(fd_param('c'), sum(gO.values()), atol=1e-7)
# line 30: grad_b = sum_t diag(1-h^2) grad_h
v[30] = np.allclose(fd_param('b'), sum((1 - h[t] ** 2) * gH[t] for t in range(1, T + 1)), atol=1e-7)
# line 31: grad_V = sum_t grad_o h^T
v[31] = np.allclose(fd_param('V'), sum(np.outer(gO[t], h[t]) for t in range(1, T + 1)), atol=1e-7)
# lines 32-33: grad_W = sum_t diag(1-h^2) grad_h h^{(t-1)T}
GW = sum(np.outer((1 - h[t] ** 2) * gH[t], h[t - 1]) for t in range(1, T + 1))
v[32] = v[33] = np.allclose(fd_param('W'), GW, atol=1e-7)
# lines 34-35: grad_U = sum_t diag(1-h^2) grad_h x^T
GU = sum(np.outer((1 - h[t] ** 2) * gH[t], X[t]) for t in range(1, T + 1))
v[34] = v[35] = np.allclose(fd_param('U'), GU, atol=1e-7)
# (sanity, not a line of the note: grad_o = yhat - onehot)
assert all(np.allclose(gO[t], yh[t] - np.eye(K)[Yc[t]], atol=1e-7) for t in range(1, T + 1))
expected = {k: True for k in (4, 5, 6, 7, 11, 12, 25, 29, 30, 31, 32, 33, 34, 35)}
for k_, e in expected.items():
    assert bool(v[k_]) == e, (k_, v[k_])
print("ar5entum_rnn_bptt: all", len(expected), "verdicts confirmed (all pass)")
