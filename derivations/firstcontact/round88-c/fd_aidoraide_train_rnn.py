"""Finite-difference check of aidoraide_train_rnn.py (numpy only).

Model (column vectors): h_t = tanh(Wh x_t + Uh h_{t-1} + bh), y_t = softmax(Wy h_t + by).
h_0 (= last state of the previous chunk) is a constant.  Gradient clipping is left out
(it is not part of the derivative).
"""
import numpy as np

rng = np.random.default_rng(2)
v, d, T = 6, 4, 5


def softmax(x):                                   # lines 28-31
    shiftx = x - x.max()
    exps = np.exp(shiftx)
    return exps / exps.sum()


def dsoftmax(x):                                  # lines 33-37
    shiftx = x - x.max()
    exps = np.exp(shiftx)
    sumExps = exps.sum()
    return ((sumExps - exps) * exps) / (sumExps ** 2)


def L2(w):                                        # lines 39-41
    lamb = 1e-5
    return lamb * w ** 2


onehot = lambda i: np.eye(v)[:, [i]]
P = {'Wh': rng.normal(0, .6, (d, v)), 'Uh': rng.normal(0, .6, (d, d)), 'Wy': rng.normal(0, .6, (v, d)),
     'bh': rng.normal(0, .3, (d, 1)), 'by': rng.normal(0, .3, (v, 1))}
h0 = rng.normal(0, .5, (d, 1))
xs_idx = [1, 4, 0, 2, 5]
ys_idx = [4, 0, 2, 5, 3]


def forward(P):                                   # lines 71-86
    hs = [h0]; xs = []; ys = []
    for c in xs_idx:
        x = onehot(c)
        ht = np.tanh(P['Wh'] @ x + P['Uh'] @ hs[-1] + P['bh'])
        ys.append(softmax(P['Wy'] @ ht + P['by']))
        xs.append(x); hs.append(ht)
    return ys, hs, xs


def ce_loss(P):
    ys, _, _ = forward(P)
    return sum(-np.log(ys[t][ys_idx[t], 0]) for t in range(T))


def sq_loss(P):                                   # lines 116-121 (the file's loss)
    ys, _, _ = forward(P)
    return sum(((ys[t] - onehot(ys_idx[t])) ** 2).sum() for t in range(T))


def backward(P, fix_transpose=False, dy_rule='author'):   # lines 88-109, no clipping
    ys, hs, xs = forward(P)
    G = {k: np.zeros_like(w) for k, w in P.items()}
    dhnext = np.zeros_like(hs[0])
    for t in reversed(range(T)):
        ht = hs[t + 1]; htp = hs[t]                                   # 97-98
        yLabel = onehot(ys_idx[t])
        if dy_rule == 'author':
            dy = ys[t] - yLabel                                       # 101
        else:   # gradient of the squared loss through the softmax
            y = ys[t]
            J = np.diagflat(y) - y @ y.T
            dy = J.T @ (2 * (y - yLabel))
        G['by'] += dy                                                 # 102
        G['Wy'] += dy @ ht.T                                          # 103
        dh = P['Wy'].T @ dy + dhnext                                  # 104
        dhraw = (1 - ht * ht) * dh                                    # 105
        G['bh'] += dhraw                                              # 106
        G['Uh'] += dhraw @ htp.T                                      # 107
        G['Wh'] += dhraw @ xs[t].T                                    # 108
        dhnext = (P['Uh'].T if fix_transpose else P['Uh']) @ dhraw    # 109
    return G


def fd(f, P, eps=1e-6):
    N = {}
    for k, w in P.items():
        g = np.zeros_like(w)
        for i in np.ndindex(w.shape):
            old = w[i]
            w[i] = old + eps; lp = f(P)
            w[i] = old - eps; lm = f(P)
            w[i] = old
            g[i] = (lp - lm) / (2 * eps)
        N[k] = g
    return N


def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))


def report(name, G, N, keys=None):
    keys = keys or list(P)
    w = max(rel(G[k], N[k]) for k in keys)
    print(f"  {name:64s} max rel err {w:.2e} -> {'AGREE' if w < 1e-6 else 'DISAGREE'}")


print("A. Cross-entropy loss sum_t -log y_t[target] (the loss that dy = y - onehot belongs to)")
Nce = fd(ce_loss, P)
report("Wy, by (rows 101-103 under cross-entropy)", backward(P), Nce, ['Wy', 'by'])
report("with Uh.T in line 109 (rows 104-108 pass)", backward(P, fix_transpose=True), Nce)
report("author line 109 dhnext = Uh @ dhraw (no transpose)", backward(P), Nce, ['Wh', 'Uh', 'bh'])

print("B. The file's own loss (line 120): sum_t ||y_t - onehot||^2 on the softmax outputs")
Nsq = fd(sq_loss, P)
report("author dy = y - onehot (line 101), Uh.T fixed", backward(P, True, 'author'), Nsq)
report("dy = J_softmax^T 2(y - onehot), Uh.T fixed", backward(P, True, 'sq'), Nsq)

print("C. Regularisation (line 114 adds L2(w) = lamb*w**2 to the gradient)")
w = rng.normal(size=(3, 3)); lamb = 1e-5
pen = lambda W: lamb * np.sum(W ** 2)
num = np.zeros_like(w)
for i in np.ndindex(w.shape):
    e = np.zeros_like(w); e[i] = 1e-6
    num[i] = (pen(w + e) - pen(w - e)) / 2e-6
print("  d/dw (lamb*sum w^2) == L2(w) = lamb*w**2 ?", np.allclose(num, L2(w), rtol=1e-4, atol=0),
      "| == 2*lamb*w ?", np.allclose(num, 2 * lamb * w, rtol=1e-4, atol=0))

print("D. Helpers")
x = rng.normal(size=(v, 1))
Jnum = np.array([(softmax(x + e[:, None]) - softmax(x - e[:, None])).ravel() / 2e-6 for e in np.eye(v) * 1e-6]).T
print("  dsoftmax(x) == diagonal of the softmax Jacobian?", np.allclose(dsoftmax(x).ravel(), np.diag(Jnum), atol=1e-8))
print("  softmax sums to 1:", np.isclose(softmax(x).sum(), 1.0))
