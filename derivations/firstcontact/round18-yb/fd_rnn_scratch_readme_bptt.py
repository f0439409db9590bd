"""FD check of rnn_scratch_readme_bptt.md.
Model read from the README: z_t = W_xh x_t + W_hh h_{t-1} + b, h_t = tanh(z_t), o_t = W_hy h_t + b_y,
yhat_t = softmax(o_t), L = sum_t L_t, L_t = -sum_k y_{t,k} log yhat_{t,k} (one-hot targets), column vectors.
The author's rows are evaluated under their most generous reading (transposes put where the shapes need them,
'.' as the product that type-checks); the rows still fail where a path or the sum over t is missing."""
import numpy as np
rng = np.random.default_rng(1)
D, H, K, T = 3, 4, 5, 4
P = dict(Wxh=rng.normal(size=(H, D)), Whh=rng.normal(size=(H, H)) * 0.6, b=rng.normal(size=H) * 0.3,
         Why=rng.normal(size=(K, H)), by=rng.normal(size=K))
xs = rng.normal(size=(T + 1, D)); ys = np.eye(K)[rng.integers(0, K, size=T + 1)]
h0 = np.zeros(H)
def sm(o): e = np.exp(o - o.max()); return e / e.sum()
def fwd(P, pert=None):
    hs, zs, yh, L = {0: h0}, {}, {}, 0.0
    for t in range(1, T + 1):
        zs[t] = P['Wxh'] @ xs[t] + P['Whh'] @ hs[t - 1] + P['b']
        hs[t] = np.tanh(zs[t])
        if pert is not None and pert[0] == t: hs[t] = hs[t] + pert[1]
        yh[t] = sm(P['Why'] @ hs[t] + P['by'])
        L += -np.log(yh[t] @ ys[t])
    return L, hs, zs, yh
def num(name, eps=1e-6):
    g = np.zeros_like(P[name])
    for i in np.ndindex(g.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][i] += eps; Pm[name][i] -= eps
        g[i] = (fwd(Pp)[0] - fwd(Pm)[0]) / (2 * eps)
    return g
def num_h(t, eps=1e-6):
    g = np.zeros(H)
    for i in range(H):
        e = np.zeros(H); e[i] = eps
        g[i] = (fwd(P, (t, e))[0] - fwd(P, (t, -e))[0]) / (2 * eps)
    return g
L, hs, zs, yh = fwd(P)
ok = lambda a, b: np.allclose(a, b, atol=1e-6)
res = {}
t = 3
# line 44: dL_t/dyhat_t = -y_t / yhat_t (element-wise, CE)
o = P['Why'] @ hs[t] + P['by']; p = sm(o)
Lt = lambda pp: -np.sum(ys[t] * np.log(pp))
g = np.array([(Lt(p + e) - Lt(p - e)) / 2e-6 for e in np.eye(K) * 1e-6])
res['L44 dL/dyhat_t = -y/yhat'] = ok(g, -ys[t] / p)
# line 46: softmax Jacobian vs yhat(1-yhat)
J = np.array([(sm(o + e) - sm(o - e)) / 2e-6 for e in np.eye(K) * 1e-6]).T
res['L46 dyhat/do = yhat(1-yhat) (diag) equals softmax Jacobian (expect False)'] = ok(J, np.diag(p * (1 - p)))
res['    44x46 chained element-wise = yhat - y (expect False)'] = ok((-ys[t] / p) * p * (1 - p), p - ys[t])
# line 50: dh/dz = 1 - h^2
res['L50 dh/dz = 1-h^2'] = ok((np.tanh(zs[t] + 1e-6) - np.tanh(zs[t] - 1e-6)) / 2e-6, 1 - hs[t] ** 2)
# line 58: dL/dW_hy = (yhat_t - y_t) . h_t -- as written one step, no sum
gWhy = num('Why')
res['L58 one step (yhat_t-y_t) h_t^T (outer) = dL/dW_hy (expect False)'] = ok(np.outer(yh[T] - ys[T], hs[T]), gWhy)
res['    generous: sum_t (yhat_t-y_t) h_t^T = dL/dW_hy'] = ok(sum(np.outer(yh[s] - ys[s], hs[s]) for s in range(1, T + 1)), gWhy)
# lines 60/62/64 generous: sum_t outer((W_hy^T (yhat_t-y_t)) * (1-h_t^2), x_t / h_{t-1}) -- immediate paths only
imm = {s: (P['Why'].T @ (yh[s] - ys[s])) * (1 - hs[s] ** 2) for s in range(1, T + 1)}
res['L60 generous sum of immediate terms = dL/dW_xh (expect False)'] = ok(sum(np.outer(imm[s], xs[s]) for s in range(1, T + 1)), num('Wxh'))
res['L62 generous sum of immediate terms = dL/dW_hh (expect False)'] = ok(sum(np.outer(imm[s], hs[s - 1]) for s in range(1, T + 1)), num('Whh'))
res['L64 generous sum of immediate terms = dL/db (expect False)'] = ok(sum(imm[s] for s in range(1, T + 1)), num('b'))
# only at the last step (t = T) does the one-step form hold for dL/dh: check the recursion the text omits
dh = {T + 1: np.zeros(H)}; dz = {T + 1: np.zeros(H)}
for s in range(T, 0, -1):
    dh[s] = P['Why'].T @ (yh[s] - ys[s]) + P['Whh'].T @ dz[s + 1]
    dz[s] = dh[s] * (1 - hs[s] ** 2)
res['    correct BPTT (sum dz x^T) = dL/dW_xh'] = ok(sum(np.outer(dz[s], xs[s]) for s in range(1, T + 1)), num('Wxh'))
# lines 72/74 generous: dL/dh_{t-1} = W_hh^T ((W_hy^T (yhat_t - y_t)) * (1-h_t^2))
for s in (T, 2):
    res[f'L72/74 generous dL/dh_(t-1) at t={s} (expect False)'] = ok(P['Whh'].T @ imm[s], num_h(s - 1))
for k, v in res.items(): print(('PASS ' if v else 'FAIL ') + k)
