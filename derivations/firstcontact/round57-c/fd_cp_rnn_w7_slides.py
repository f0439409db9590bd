"""FD check of cp_rnn_w7_slides.tex (CompPhysics AdvancedMachineLearning week7/Latexfiles/rnn.tex @ 28fc14b,
first BPTT slides). Model: a_t = W_xh x_t + W_hh h_{t-1} + b_h, h_t = sigma(a_t), o_t = W_hy h_t + b_y,
y_t = phi(o_t); L = sum_t l_t(y_t, yhat_t) (yhat = target). sigma = tanh; phi taken elementwise = logistic
sigmoid (the slides leave phi general: identity for regression, softmax for classification);
l_t = 1/2 ||y_t - yhat_t||^2. delta_t := dL/dh_t (total)."""
import numpy as np

rng = np.random.default_rng(5701)
d, m, k, T = 3, 4, 2, 5
P0 = dict(Wxh=rng.normal(0, .6, (m, d)), Whh=rng.normal(0, .6, (m, m)), bh=rng.normal(0, .3, m),
          Why=rng.normal(0, .6, (k, m)), by=rng.normal(0, .3, k))
X = rng.normal(size=(T + 1, d)); Yt = rng.uniform(0.1, 0.9, size=(T + 1, k))
sigm = lambda z: 1 / (1 + np.exp(-z))

def forward(P, eps_h=None, phi=sigm):
    h = {0: np.zeros(m)}; a = {}; o = {}; y = {}; L = 0.0
    for t in range(1, T + 1):
        a[t] = P['Wxh'] @ X[t] + P['Whh'] @ h[t - 1] + P['bh']
        h[t] = np.tanh(a[t])
        if eps_h is not None and t in eps_h:
            h[t] = h[t] + eps_h[t]
        o[t] = P['Why'] @ h[t] + P['by']; y[t] = phi(o[t])
        L += 0.5 * np.sum((y[t] - Yt[t]) ** 2)
    return L, h, a, o, y

def fd_param(name, phi=sigm, e=1e-6):
    G = np.zeros_like(P0[name])
    for idx in np.ndindex(G.shape):
        Pp = {q: v.copy() for q, v in P0.items()}; Pm = {q: v.copy() for q, v in P0.items()}
        Pp[name][idx] += e; Pm[name][idx] -= e
        G[idx] = (forward(Pp, phi=phi)[0] - forward(Pm, phi=phi)[0]) / (2 * e)
    return G

def fd_h(t, e=1e-6):
    g = np.zeros(m)
    for i in range(m):
        dd = np.zeros(m); dd[i] = e
        g[i] = (forward(P0, {t: dd})[0] - forward(P0, {t: -dd})[0]) / (2 * e)
    return g

close = lambda u, v: np.allclose(u, v, rtol=1e-5, atol=1e-7)
L, h, a, o, y = forward(P0)
delta = {t: fd_h(t) for t in range(1, T + 1)}; delta[T + 1] = np.zeros(m); a[T + 1] = np.zeros(m)
dtanh = lambda z: 1 - np.tanh(z) ** 2
res = {}

# forward rows 7, 13, 30, 33, 46, 54, 60, 64: independent loop of the stated model
hh = np.zeros(m); Ls = 0.0
for t in range(1, T + 1):
    hh = np.tanh(P0['Wxh'].dot(X[t]) + P0['Whh'].dot(hh) + P0['bh'])
    yy = sigm(P0['Why'].dot(hh) + P0['by'])
    assert close(hh, h[t]) and close(yy, y[t])
    Ls += 0.5 * np.linalg.norm(yy - Yt[t]) ** 2
for r in (7, 13, 30, 33, 46, 54, 60, 64):
    res[r] = close(Ls, L)
# 65: cross-entropy definition -sum_i yhat_i log y_i: with softmax output its o-gradient is y - yhat (sanity)
oo = rng.normal(size=k); tgt = np.eye(k)[0]
ce = lambda oo: -np.sum(tgt * np.log(np.exp(oo) / np.exp(oo).sum()))
g = np.array([(ce(oo + 1e-6 * np.eye(k)[i]) - ce(oo - 1e-6 * np.eye(k)[i])) / 2e-6 for i in range(k)])
res[65] = close(g, np.exp(oo) / np.exp(oo).sum() - tgt)

# 97: delta_t = dL/dh_t (definition); at t = T only the output path exists
res[97] = close(delta[T], P0['Why'].T @ ((y[T] - Yt[T]) * y[T] * (1 - y[T])))

# 103: delta_t = dl_t/dh_t + W_hh^T delta_{t+1}  (as written, no sigma')
ok = True; okc = True
for t in range(1, T):
    dlt = P0['Why'].T @ ((y[t] - Yt[t]) * y[t] * (1 - y[t]))
    ok &= close(dlt + P0['Whh'].T @ delta[t + 1], delta[t])
    okc &= close(dlt + P0['Whh'].T @ (delta[t + 1] * dtanh(a[t + 1])), delta[t])
assert okc
res[103] = ok

# 114, 120: sum delta_t h_{t-1}^T, sum delta_t x_t^T with delta = dL/dh
fWhh, fWxh = fd_param('Whh'), fd_param('Wxh')
res[114] = close(sum(np.outer(delta[t], h[t - 1]) for t in range(1, T + 1)), fWhh)
res[120] = close(sum(np.outer(delta[t], X[t]) for t in range(1, T + 1)), fWxh)
assert close(sum(np.outer(delta[t] * dtanh(a[t]), h[t - 1]) for t in range(1, T + 1)), fWhh)
assert close(sum(np.outer(delta[t] * dtanh(a[t]), X[t]) for t in range(1, T + 1)), fWxh)

# 126: dL/dW_hy = sum_t (dl_t/dy_t) h_t^T  (phi' missing)
fWhy = fd_param('Why')
res[126] = close(sum(np.outer(y[t] - Yt[t], h[t]) for t in range(1, T + 1)), fWhy)
assert close(sum(np.outer((y[t] - Yt[t]) * y[t] * (1 - y[t]), h[t]) for t in range(1, T + 1)), fWhy)
# (it would hold only for phi = identity)
Li, hi, ai, oi, yi = forward(P0, phi=lambda z: z)
assert close(sum(np.outer(yi[t] - Yt[t], hi[t]) for t in range(1, T + 1)), fd_param('Why', phi=lambda z: z))

expected = {7: 1, 13: 1, 30: 1, 33: 1, 46: 1, 54: 1, 60: 1, 64: 1, 65: 1, 97: 1,
            103: 0, 114: 0, 120: 0, 126: 0}
for r, v in sorted(res.items()):
    print(r, 'pass' if v else 'fail')
    assert bool(v) == bool(expected[r]), r
print('fd_cp_rnn_w7_slides: all verdicts confirmed')
