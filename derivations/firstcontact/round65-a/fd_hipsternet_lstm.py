# FD check of hipsternet LSTM (wiseodd/hipsternet@563de65, neuralnet.py class LSTM), numpy only.
# Forward exactly as the author: X=[h_old, onehot(x)], gates via X@W+b, c=tanh(hf*c_old+hi*hc) is the carried state, h=ho*c.
# Loss = sum_t CE_t (the gradients the code accumulates are of the summed loss; lam=0, batch m=1).
import numpy as np
rng = np.random.default_rng(0)
D, H, T = 5, 4, 6
xs = rng.integers(0, D, T); ys = rng.integers(0, D, T)
Z = H + D
P = {k: rng.normal(0, .5, (Z, H)) for k in ['Wf', 'Wi', 'Wc', 'Wo']}
P['Wy'] = rng.normal(0, .5, (H, D))
for k in ['bf', 'bi', 'bc', 'bo']: P[k] = rng.normal(0, .3, (1, H))
P['by'] = rng.normal(0, .3, (1, D))
h0 = rng.normal(0, .5, (1, H)); c0 = rng.normal(0, .5, (1, H))
sig = lambda a: 1. / (1 + np.exp(-a))
def softmax(X):
    eX = np.exp((X.T - np.max(X, axis=1)).T); return (eX.T / eX.sum(axis=1)).T

def forward(P, h0, c0):
    h, c = h0, c0; caches = []; L = 0.
    for x, yt in zip(xs, ys):
        oh = np.zeros((1, D)); oh[0, x] = 1.
        X = np.column_stack((h, oh))
        hf = sig(X @ P['Wf'] + P['bf']); hi = sig(X @ P['Wi'] + P['bi'])
        ho = sig(X @ P['Wo'] + P['bo']); hc = np.tanh(X @ P['Wc'] + P['bc'])
        c_old = c
        c = np.tanh(hf * c_old + hi * hc)          # line 116-117
        h = ho * c                                 # line 119
        y = h @ P['Wy'] + P['by']                  # line 121
        L += -np.log(softmax(y)[0, yt])
        caches.append((X, hf, hi, ho, hc, c_old, c, h, y, yt))
    return L, caches

def backward(P, caches, fixed=False):
    g = {k: np.zeros_like(v) for k, v in P.items()}
    dh_next = np.zeros((1, H)); dc_next = np.zeros((1, H))
    for (X, hf, hi, ho, hc, c_old, c, h, y, yt) in reversed(caches):
        dy = softmax(y); dy[0, yt] -= 1.                       # 137 (m=1)
        g['Wy'] += h.T @ dy; g['by'] += dy.sum(0); dh = dy @ P['Wy'].T  # 139
        dh = dh + dh_next                                       # 140
        dho = c * dh; dho = ho * (1 - ho) * dho                 # 142-143
        if not fixed:
            dc = ho * dh; dc = (1 - c**2) * dc; dc = dc + dc_next   # 145-147 as written
        else:
            dc = (1 - c**2) * (ho * dh + dc_next)               # corrected 147
        dhf = hf * (1 - hf) * (c_old * dc)                      # 149-150
        dhi = hi * (1 - hi) * (hc * dc)                         # 152-153
        dhc = (1 - hc**2) * (hi * dc)                           # 155-156
        dX = 0
        for gate, d in [('o', dho), ('c', dhc), ('i', dhi), ('f', dhf)]:  # 158-161
            g['W' + gate] += X.T @ d; g['b' + gate] += d.sum(0); dX = dX + d @ P['W' + gate].T  # 163
        dh_next = dX[:, :H]                                     # 164
        dc_next = hf * dc                                       # 165
    return g, dh_next, dc_next

def fd(P, h0, c0, eps=1e-6):
    out = {}
    for k in P:
        G = np.zeros_like(P[k])
        for idx in np.ndindex(P[k].shape):
            old = P[k][idx]
            P[k][idx] = old + eps; Lp, _ = forward(P, h0, c0)
            P[k][idx] = old - eps; Lm, _ = forward(P, h0, c0)
            P[k][idx] = old; G[idx] = (Lp - Lm) / (2 * eps)
        out[k] = G
    for name, v in [('h0', h0), ('c0', c0)]:
        G = np.zeros_like(v)
        for idx in np.ndindex(v.shape):
            old = v[idx]
            v[idx] = old + eps; Lp, _ = forward(P, h0, c0)
            v[idx] = old - eps; Lm, _ = forward(P, h0, c0)
            v[idx] = old; G[idx] = (Lp - Lm) / (2 * eps)
        out[name] = G
    return out

L, caches = forward(P, h0, c0)
num = fd(P, h0, c0)
rel = lambda a, b: np.abs(a - b).max() / max(1e-12, np.abs(a).max() + np.abs(b).max())
for label, fixed in [('AS WRITTEN (line 147: dc = tanh_backward(ho*dh) + dc_next)', False),
                     ('CORRECTED (dc = tanh_backward(ho*dh + dc_next))', True)]:
    g, dh0, dc0 = backward(P, caches, fixed)
    g['h0'], g['c0'] = dh0, dc0
    print(label)
    for k in ['Wy', 'by', 'Wo', 'bo', 'Wc', 'bc', 'Wi', 'bi', 'Wf', 'bf', 'h0', 'c0']:
        r = rel(g[k], num[k]); print(f'  {k:3s} rel.err {r:.2e}  {"AGREE" if r < 1e-6 else "DISAGREE"}')
# single-step check (T=1 isolates line 147: dc_next = 0, so as-written must agree)
xs, ys = xs[:1], ys[:1]
L, caches = forward(P, h0, c0); num = fd(P, h0, c0); g, dh0, dc0 = backward(P, caches, False)
print('T=1, as written (dc_next=0): all params agree:', all(rel(g[k], num[k]) < 1e-6 for k in P),
      ' dh_prev agrees:', rel(dh0, num['h0']) < 1e-6, ' dc_prev agrees:', rel(dc0, num['c0']) < 1e-6)
