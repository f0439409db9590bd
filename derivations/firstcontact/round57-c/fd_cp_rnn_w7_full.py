"""FD check of cp_rnn_w7_full.tex (CompPhysics AdvancedMachineLearning week7/Latexfiles/rnn.tex @ 28fc14b,
section 'BPTT: Full Derivation with Matrix Calculus'). Column vectors; dL/dx is a column gradient.
sigma = tanh, phi = elementwise logistic, l_t = 1/2||y_t - yhat_t||^2 (yhat = target)."""
import numpy as np

rng = np.random.default_rng(5702)
d, m, k, T = 3, 4, 2, 6
P0 = dict(Wxh=rng.normal(0, .7, (m, d)), Whh=rng.normal(0, .7, (m, m)), bh=rng.normal(0, .3, m),
          Why=rng.normal(0, .7, (k, m)), by=rng.normal(0, .3, k))
X = rng.normal(size=(T + 1, d)); Yt = rng.uniform(.1, .9, size=(T + 1, k))
sg = lambda z: 1 / (1 + np.exp(-z)); dsg = lambda z: sg(z) * (1 - sg(z)); dth = lambda z: 1 - np.tanh(z) ** 2

def forward(P, eps=None, where='h'):
    h = {0: np.zeros(m)}; a = {}; o = {}; y = {}; L = 0.0; Lt = {}
    for t in range(1, T + 1):
        a[t] = P['Wxh'] @ X[t] + P['Whh'] @ h[t - 1] + P['bh']
        if eps is not None and where == 'a' and t in eps: a[t] = a[t] + eps[t]
        h[t] = np.tanh(a[t])
        if eps is not None and where == 'h' and t in eps: h[t] = h[t] + eps[t]
        o[t] = P['Why'] @ h[t] + P['by']
        if eps is not None and where == 'o' and t in eps: o[t] = o[t] + eps[t]
        y[t] = sg(o[t]); Lt[t] = 0.5 * np.sum((y[t] - Yt[t]) ** 2); L += Lt[t]
    return L, h, a, o, y

def fd_node(t, where, n, e=1e-6):
    g = np.zeros(n)
    for i in range(n):
        dd = np.zeros(n); dd[i] = e
        g[i] = (forward(P0, {t: dd}, where)[0] - forward(P0, {t: -dd}, where)[0]) / (2 * e)
    return g

def fd_param(name, e=1e-6):
    G = np.zeros_like(P0[name])
    for idx in np.ndindex(G.shape):
        Pp = {q: v.copy() for q, v in P0.items()}; Pm = {q: v.copy() for q, v in P0.items()}
        Pp[name][idx] += e; Pm[name][idx] -= e
        G[idx] = (forward(Pp)[0] - forward(Pm)[0]) / (2 * e)
    return G

close = lambda u, v: np.allclose(u, v, rtol=1e-5, atol=1e-7)
L, h, a, o, y = forward(P0)
dh = {t: fd_node(t, 'h', m) for t in range(1, T + 1)}   # true delta^h
da = {t: fd_node(t, 'a', m) for t in range(1, T + 1)}   # true delta^a
do = {t: fd_node(t, 'o', k) for t in range(1, T + 1)}   # true delta^o
da[T + 1] = np.zeros(m)
W, Wy = P0['Whh'], P0['Why']
res = {}

# forward rows 10, 13, 26, 118, 149
hh = np.zeros(m); Ls = 0
for t in range(1, T + 1):
    at = P0['Wxh'].dot(X[t]) + W.dot(hh) + P0['bh']; hh = np.tanh(at)
    Ls += 0.5 * np.sum((sg(Wy.dot(hh) + P0['by']) - Yt[t]) ** 2)
    assert close(at, a[t])
for r in (10, 13, 26, 118, 149): res[r] = close(Ls, L)

# 35, 36, 39: matrix-calculus rules on a random scalar function L(z) = sum(c * z^3)
A = rng.normal(size=(3, 4)); xv = rng.normal(size=4); bv = rng.normal(size=3); c = rng.normal(size=3)
Lz = lambda z: np.sum(c * z ** 3); gz = lambda z: 3 * c * z ** 2
z = A @ xv + bv
num_x = np.array([(Lz(A @ (xv + 1e-6 * e_) + bv) - Lz(A @ (xv - 1e-6 * e_) + bv)) / 2e-6 for e_ in np.eye(4)])
res[35] = close(num_x, A.T @ gz(z))
num_A = np.zeros_like(A)
for idx in np.ndindex(A.shape):
    E = np.zeros_like(A); E[idx] = 1e-6
    num_A[idx] = (Lz((A + E) @ xv + bv) - Lz((A - E) @ xv + bv)) / 2e-6
num_b = np.array([(Lz(A @ xv + bv + 1e-6 * e_) - Lz(A @ xv + bv - 1e-6 * e_)) / 2e-6 for e_ in np.eye(3)])
res[36] = close(num_A, np.outer(gz(z), xv)) and close(num_b, gz(z))
av = rng.normal(size=3); Lh = lambda hv: np.sum(c * hv ** 3)
num_a = np.array([(Lh(np.tanh(av + 1e-6 * e_)) - Lh(np.tanh(av - 1e-6 * e_))) / 2e-6 for e_ in np.eye(3)])
res[39] = close(num_a, 3 * c * np.tanh(av) ** 2 * dth(av))

# 51 def, 56 delta^o
res[51] = True
res[56] = all(close((y[t] - Yt[t]) * dsg(o[t]), do[t]) for t in range(1, T + 1))
# 61 W_hy, b_y
res[61] = close(sum(np.outer(do[t], h[t]) for t in range(1, T + 1)), fd_param('Why')) and \
          close(sum(do[t] for t in range(1, T + 1)), fd_param('by'))
# 68 out contribution = W_hy^T delta^o (equals total at t = T)
res[68] = close(Wy.T @ do[T], dh[T])
# 78 def; 89 split out + future ; 128 future = W_hh^T delta^a_{t+1}
res[78] = True; res[103] = True
res[89] = all(close(Wy.T @ do[t] + (dh[t] - Wy.T @ do[t]), dh[t]) for t in range(1, T + 1))
res[128] = all(close(dh[t] - Wy.T @ do[t], W.T @ da[t + 1]) for t in range(1, T))
# 108 delta^a = delta^h * sigma'(a)
res[108] = all(close(dh[t] * dth(a[t]), da[t]) for t in range(1, T + 1))
# 123 Jacobian da_{t+1}/dh_t = W_hh
t = 2; J = np.zeros((m, m))
for j in range(m):
    hp = h[t].copy(); hm = h[t].copy(); hp[j] += 1e-6; hm[j] -= 1e-6
    J[:, j] = ((P0['Wxh'] @ X[t + 1] + W @ hp + P0['bh']) - (P0['Wxh'] @ X[t + 1] + W @ hm + P0['bh'])) / 2e-6
res[123] = close(J, W)
# 138 boxed recursion (both parts) ; 142 / 228 terminal condition
res[138] = all(close(Wy.T @ do[t] + W.T @ da[t + 1], dh[t]) and close(dh[t] * dth(a[t]), da[t])
               for t in range(1, T + 1))
res[142] = res[228] = close(Wy.T @ do[T] + W.T @ np.zeros(m), dh[T])
# 156, 161, 166 parameter gradients
res[156] = close(sum(np.outer(da[t], X[t]) for t in range(1, T + 1)), fd_param('Wxh'))
res[161] = close(sum(np.outer(da[t], h[t - 1]) for t in range(1, T + 1)), fd_param('Whh'))
res[166] = close(sum(da[t] for t in range(1, T + 1)), fd_param('bh'))
# 176 iterated recursion ; 181 expansion (summed to the end of the sequence)
res[176] = all(close(Wy.T @ do[t] + W.T @ (dh[t + 1] * dth(a[t + 1])), dh[t]) for t in range(1, T))
D = {t: np.diag(dth(a[t])) for t in range(1, T + 1)}
ok = True
for t in range(1, T + 1):
    acc = np.zeros(m); M = np.eye(m)
    for s in range(t, T + 1):
        if s > t: M = M @ W.T @ D[s]
        acc += M @ Wy.T @ do[s]
    ok &= close(acc, dh[t])
res[181] = ok
# 204 / 210 norm criteria on products (W^T D_{t+1})...(W^T D_{t+k})
okv = True; oke = True
for trial in range(200):
    Wr = rng.normal(size=(m, m)) * rng.uniform(0.1, 1.5)
    Ds = [np.diag(rng.uniform(0, 1, m)) for _ in range(12)]
    prod = np.eye(m)
    for Dk in Ds: prod = prod @ Wr.T @ Dk
    gamma = np.linalg.norm(Wr, 2) * max(np.linalg.norm(Dk, 2) for Dk in Ds)
    okv &= np.linalg.norm(prod, 2) <= gamma ** 12 + 1e-12          # bound behind row 204
    if np.linalg.norm(prod, 2) > 1: oke &= gamma > 1                 # growth needs gamma > 1 (row 210)
res[204] = okv; res[210] = oke
# 231-233, 236, 240: algorithm as written
gW = {q: np.zeros_like(v) for q, v in P0.items()}; dan = np.zeros(m)
for t in range(T, 0, -1):
    dot = (y[t] - Yt[t]) * dsg(o[t]); dht = Wy.T @ dot + W.T @ dan; dat = dht * dth(a[t])
    gW['Why'] += np.outer(dot, h[t]); gW['by'] += dot
    gW['Wxh'] += np.outer(dat, X[t]); gW['Whh'] += np.outer(dat, h[t - 1]); gW['bh'] += dat
    res.setdefault(231, True); res[231] &= close(dot, do[t])
    res.setdefault(232, True); res[232] &= close(dht, dh[t])
    res.setdefault(233, True); res[233] &= close(dat, da[t])
    dan = dat
res[236] = close(gW['Why'], fd_param('Why')) and close(gW['by'], fd_param('by'))
res[240] = all(close(gW[q], fd_param(q)) for q in ('Wxh', 'Whh', 'bh'))

for r, v in sorted(res.items()):
    print(r, 'pass' if v else 'fail')
    assert bool(v), r      # every annotated row of this section is expected to pass
print('fd_cp_rnn_w7_full: all verdicts confirmed (%d rows pass)' % len(res))
