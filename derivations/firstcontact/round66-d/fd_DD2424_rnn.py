# FD check for DD2424_rnn.py (wilhelmagren). numpy only. Column vectors, W:(m,m) U:(m,K) V:(K,m) b:(m,1) c:(K,1)
import numpy as np
rng = np.random.default_rng(0)
m, K, tau = 5, 4, 6
W = rng.normal(0, .5, (m, m)); U = rng.normal(0, .5, (m, K)); V = rng.normal(0, .5, (K, m))
b = rng.normal(0, .1, (m, 1)); c = rng.normal(0, .1, (K, 1))
h0 = rng.normal(0, .5, (m, 1))           # nonzero hprev, as carried between chunks in fit()
xt = [np.eye(K)[:, [rng.integers(K)]] for _ in range(tau)]
yt = [np.eye(K)[:, [rng.integers(K)]] for _ in range(tau)]
softmax = lambda x: np.exp(x) / np.sum(np.exp(x), axis=0)
lossf = lambda p, y: -np.log(np.dot(y.T, p))[0, 0]

def forward(P, h=h0):
    W, U, V, b, c = P['W'], P['U'], P['V'], P['b'], P['c']
    hl, pl, al, ol, ll = [h], [], [], [], []
    for t in range(tau):
        al.append(W @ hl[-1] + U @ xt[t] + b); hl.append(np.tanh(al[-1]))
        ol.append(V @ hl[-1] + c); pl.append(softmax(ol[-1])); ll.append(lossf(pl[-1], yt[t]))
    hl.pop(0)
    return hl, pl, al, ol, sum(ll)

P = dict(W=W, U=U, V=V, b=b, c=c)

def backprop(P, fix_index=False):
    ht, pt, at, ot, loss = forward(P)
    go, gh, ga = [None]*tau, [None]*tau, [None]*tau
    G = {k: np.zeros_like(v) for k, v in P.items()}
    for t in reversed(range(tau)):
        go[t] = -(yt[t] - pt[t]).T                       # row 105
        G['c'] += go[t].T                                  # row 106
        G['V'] += go[t].T @ ht[t].T                        # row 107
        if t == tau - 1:
            gh[t] = go[t] @ P['V']                         # row 110
        else:
            gh[t] = go[t] @ P['V'] + ga[t + 1] @ P['W']    # row 112
        ga[t] = gh[t] @ np.diag(1 - (ht[t][:, 0]**2))      # row 113
        hprev = (h0 if t == 0 else ht[t - 1]) if fix_index else ht[t - 1]   # author: ht[t-1]
        G['W'] += ga[t].T @ hprev.T                        # row 115
        G['U'] += ga[t].T @ xt[t].T                        # row 116
        G['b'] += ga[t].T                                  # row 117
    return G, ga, go

def fd(P, key, eps=1e-6):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(g.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[key][idx] += eps; Pm[key][idx] -= eps
        g[idx] = (forward(Pp)[4] - forward(Pm)[4]) / (2 * eps)
    return g

G, ga, go = backprop(P)
Gfix, _, _ = backprop(P, fix_index=True)
rows = {'c': 106, 'V': 107, 'W': 115, 'U': 116, 'b': 117}
for k in ['c', 'V', 'U', 'b', 'W']:
    n = fd(P, k); err = np.max(np.abs(G[k] - n))
    print(f"row {rows[k]:3d} grad_{k}: max|author-FD| = {err:.2e} -> {'AGREE' if err < 1e-6 else 'DISAGREE'}")
err = np.max(np.abs(Gfix['W'] - fd(P, 'W')))
print(f"row 115 grad_W with ht[t-1] replaced by h0 at t=0: max err {err:.2e} -> {'AGREE' if err<1e-6 else 'DISAGREE'}")

# per-step checks of grad_o (row 105) and grad_a recursion (rows 110/112/113): FD w.r.t. additive perturbations
def loss_with_pert(t0, which, vec):
    hl, ll = [h0], []
    for t in range(tau):
        a = P['W'] @ hl[-1] + P['U'] @ xt[t] + P['b']
        if which == 'a' and t == t0: a = a + vec
        hl.append(np.tanh(a)); o = P['V'] @ hl[-1] + P['c']
        if which == 'o' and t == t0: o = o + vec
        ll.append(lossf(softmax(o), yt[t]))
    return sum(ll)
eps = 1e-6
for which, arr, dim, row in [('o', go, K, 105), ('a', ga, m, '110/112/113')]:
    worst = 0
    for t in range(tau):
        n = np.array([(loss_with_pert(t, which, eps*np.eye(dim)[:, [i]]) - loss_with_pert(t, which, -eps*np.eye(dim)[:, [i]]))/(2*eps) for i in range(dim)])
        worst = max(worst, np.max(np.abs(arr[t].ravel() - n)))
    print(f"row {row} grad_{which}_l[t] (dL/d{which}_t, row vector): max err {worst:.2e} -> {'AGREE' if worst<1e-6 else 'DISAGREE'}")
# helpers
x = rng.normal(size=(K, 1)); p = softmax(x)
print("row 152 softmax sums to 1:", np.isclose(p.sum(), 1.0), "; row 142 loss = -log p[y]:", np.isclose(lossf(p, yt[0]), -np.log(p[yt[0].argmax(), 0])))
