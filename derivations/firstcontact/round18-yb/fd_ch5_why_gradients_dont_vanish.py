"""FD check of ch5_why_gradients_dont_vanish.md.
RNN: z_t = W_h h_{t-1} + W_x x_t + b, h_t = tanh(z_t), column vectors; raw_t = V h_t (pre-softmax scores),
L_t = cross-entropy of softmax(raw_t). LSTM (no peepholes): gates from [h_{t-1}; x_t], c_t = f*c_{t-1} + i*c~,
h_t = o*tanh(c_t)."""
import numpy as np
rng = np.random.default_rng(3)
H, D, K = 4, 3, 5
Wh, Wx, b, V = rng.normal(size=(H, H)) * 0.8, rng.normal(size=(H, D)), rng.normal(size=H) * 0.2, rng.normal(size=(K, H))
xs = rng.normal(size=(6, D)); h0 = rng.normal(size=H) * 0.5; y = np.eye(K)[2]
def sm(o): e = np.exp(o - o.max()); return e / e.sum()
def jac(f, v, eps=1e-6):
    return np.array([(f(v + e) - f(v - e)) / (2 * eps) for e in np.eye(len(v)) * eps]).T
def run(h, Ws, t0, t1):  # steps t0..t1 with per-step weight copies Ws[t]
    hs, zs = {t0 - 1: h}, {}
    for t in range(t0, t1 + 1):
        zs[t] = Ws[t] @ hs[t - 1] + Wx @ xs[t] + b; hs[t] = np.tanh(zs[t])
    return hs, zs
ok = lambda A, B: np.allclose(A, B, atol=1e-6)
res = {}
Ws = {t: Wh for t in range(1, 6)}
hs, zs = run(h0, Ws, 1, 5)
# line 14 / 82: one-step Jacobian
res['L14/L82 dh_t/dh_{t-1} = diag(tanh\'(z_t)) W_h'] = ok(jac(lambda v: np.tanh(Wh @ v + Wx @ xs[3] + b), hs[2]), np.diag(1 - np.tanh(zs[3]) ** 2) @ Wh)
# line 22: product, k = T leftmost
T, t = 5, 2
Jn = jac(lambda v: run(v, Ws, t + 1, T)[0][T], hs[t])
prod_desc = np.eye(H)
for k in range(T, t, -1): prod_desc = prod_desc @ (np.diag(1 - np.tanh(zs[k]) ** 2) @ Wh)
prod_asc = np.eye(H)
for k in range(t + 1, T + 1): prod_asc = prod_asc @ (np.diag(1 - np.tanh(zs[k]) ** 2) @ Wh)
res['L22 prod_{k=t+1}^T diag(tanh\'(z_k)) W_h (k=T leftmost)'] = ok(prod_desc, Jn)
res['    L22 same product in ascending order (expect False)'] = ok(prod_asc, Jn)
# line 52: dL_3/dW_h^{(t=1)} with per-step copies
L3 = lambda W1: -np.log(sm(V @ run(h0, {1: W1, 2: Wh, 3: Wh}, 1, 3)[0][3]) @ y)
g = np.zeros((H, H))
for i in np.ndindex(H, H):
    E = np.zeros((H, H)); E[i] = 1e-6
    g[i] = (L3(Wh + E) - L3(Wh - E)) / 2e-6
hs3, zs3 = run(h0, Ws, 1, 3)
dL_dh3 = V.T @ (sm(V @ hs3[3]) - y)
J32 = np.diag(1 - hs3[3] ** 2) @ Wh; J21 = np.diag(1 - hs3[2] ** 2) @ Wh
dz1 = (dL_dh3 @ J32 @ J21) * (1 - hs3[1] ** 2)
res['L52 dL_3/dW_h^(t=1) = dL3/dh3 dh3/dh2 dh2/dh1 dh1/dW_h'] = ok(np.outer(dz1, h0), g)
# line 64: L = loss on raw_t only; two contributions (copies at t and t-1)
def full_grad(tt):
    f = lambda W: -np.log(sm(V @ run(h0, {s: W for s in range(1, tt + 1)}, 1, tt)[0][tt]) @ y)
    G = np.zeros((H, H))
    for i in np.ndindex(H, H):
        E = np.zeros((H, H)); E[i] = 1e-6
        G[i] = (f(Wh + E) - f(Wh - E)) / 2e-6
    return G
def two_terms(tt):
    hh, zz = run(h0, Ws, 1, tt)
    d = V.T @ (sm(V @ hh[tt]) - y)
    dzt = d * (1 - hh[tt] ** 2)
    dzt1 = (Wh.T @ dzt) * (1 - hh[tt - 1] ** 2)
    return np.outer(dzt, hh[tt - 1]) + np.outer(dzt1, hh[tt - 2])
res['L64 two contributions = dL/dW_h when t = 2 (sequence of two steps)'] = ok(two_terms(2), full_grad(2))
res['    L64 two contributions at t = 4 (expect False: the copies at t-2.. are left out)'] = ok(two_terms(4), full_grad(4))
# LSTM lines 108/118/128/132
Wg = {g: rng.normal(size=(H, H + D)) * 0.7 for g in 'fioc'}; bg = {g: rng.normal(size=H) * 0.3 for g in 'fioc'}
sig = lambda a: 1 / (1 + np.exp(-a))
def lstm(h, c, x):
    q = np.r_[h, x]
    f, i, o = (sig(Wg[g] @ q + bg[g]) for g in 'fio'); cc = np.tanh(Wg['c'] @ q + bg['c'])
    cn = f * c + i * cc
    return o * np.tanh(cn), cn, f
hA, cA = rng.normal(size=H) * 0.5, rng.normal(size=H)
_, c1, f1 = lstm(hA, cA, xs[1])
res['L108/L118 dc_t/dc_{t-1} = diag(f_t) (h_{t-1} fixed)'] = ok(jac(lambda v: lstm(hA, v, xs[1])[1], cA), np.diag(f1))
def cells(c_start, h_start, through_h=True, n=3):
    h, c, fs = h_start, c_start, []
    hs_fixed = []
    for k in range(1, n + 1):
        hn, cn, f = lstm(h, c, xs[k]); fs.append(f)
        h = hn if through_h else h_path[k]; c = cn
    return c, fs
# reference trajectory of h (to freeze the h path)
h_path = {}; h, c = hA, cA
for k in range(1, 4):
    h, c, _ = lstm(h, c, xs[k]); h_path[k] = h
cT, fs = cells(cA, hA)
prodf = np.diag(np.prod(fs, axis=0))
res['L128/L132 prod diag(f_k) = dc_T/dc_t along the cell path (h frozen)'] = ok(jac(lambda v: cells(v, hA, through_h=False)[0], cA), prodf)
res['    L128 prod diag(f_k) = full dc_T/dc_t through h_k (expect False)'] = ok(jac(lambda v: cells(v, hA)[0], cA), prodf)
res['L142 0.25^10 = 0.000001 (to 6 decimals)'] = round(0.25 ** 10, 6) == 0.000001
res['L148 0.9^10 = 0.349 (to 3 decimals)'] = round(0.9 ** 10, 3) == 0.349
res['L154 1.0^10 = 1.000'] = 1.0 ** 10 == 1.0
for k, v in res.items(): print(('PASS ' if v else 'FAIL ') + k)
print('0.25^10 =', 0.25 ** 10, ' 0.9^10 =', 0.9 ** 10)
