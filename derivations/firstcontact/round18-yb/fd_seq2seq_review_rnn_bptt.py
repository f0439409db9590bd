"""FD check of seq2seq_review_rnn_bptt.md.
Column vectors; h_t = sigmoid(W^{hx} x_t + W^{hh} h_{t-1} + b_h), o_t = W^{yh} h_t + b_y,
yhat_t = softmax(o_t), L = sum_t L_t, L_t = -sum_k y_{t,k} log yhat_{t,k} (y_t one-hot target).
z_t read as the pre-activation (the reading L55-L57 need); line 38's literal z_t = sigma(...) is checked apart."""
import numpy as np
rng = np.random.default_rng(0)
D, H, K, T = 3, 4, 5, 4
P = dict(Whx=rng.normal(size=(H, D)), Whh=rng.normal(size=(H, H)) * 0.7, bh=rng.normal(size=H),
         Wyh=rng.normal(size=(K, H)), by=rng.normal(size=K))
xs = rng.normal(size=(T + 1, D)); ys = np.eye(K)[rng.integers(0, K, size=T + 1)]
h0 = rng.normal(size=H) * 0.5
sig = lambda a: 1 / (1 + np.exp(-a))
def sm(o): e = np.exp(o - o.max()); return e / e.sum()

def fwd(P, h0=h0):
    hs, zs, yh = {0: h0}, {}, {}
    L = 0.0
    for t in range(1, T + 1):
        zs[t] = P['Whx'] @ xs[t] + P['Whh'] @ hs[t - 1] + P['bh']
        hs[t] = sig(zs[t])
        yh[t] = sm(P['Wyh'] @ hs[t] + P['by'])
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
    # dL/dh_t total: perturb h_t inside the recursion
    def run(dh):
        hs = {0: h0}; L = 0.0
        for s in range(1, T + 1):
            hs[s] = sig(P['Whx'] @ xs[s] + P['Whh'] @ hs[s - 1] + P['bh'])
            if s == t: hs[s] = hs[s] + dh
            L += -np.log(sm(P['Wyh'] @ hs[s] + P['by']) @ ys[s])
        return L
    g = np.zeros(H)
    for i in range(H):
        e = np.zeros(H); e[i] = eps
        g[i] = (run(e) - run(-e)) / (2 * eps)
    return g

L, hs, zs, yh = fwd(P)
ok = lambda a, b: np.allclose(a, b, atol=1e-6)
# author's backward recursion (L53-L57)
dz = {T + 1: np.zeros(H)}; dh = {}
for t in range(T, 0, -1):
    do = yh[t] - ys[t]                                   # L54 first part
    dh[t] = P['Wyh'].T @ do + P['Whh'].T @ dz[t + 1]     # L53 right-hand side
    dz[t] = dh[t] * hs[t] * (1 - hs[t])                  # L55
res = {}
res['L33 dL/db_y = sum(yhat-y)'] = ok(sum(yh[t] - ys[t] for t in range(1, T + 1)), num('by'))
res['L34 dL/dW^yh = sum (yhat-y) h^T'] = ok(sum(np.outer(yh[t] - ys[t], hs[t]) for t in range(1, T + 1)), num('Wyh'))
res['L53 dL/dh_t final expression (every t)'] = all(ok(dh[t], num_h(t)) for t in range(1, T + 1))
# L53 middle link: dz_{t+1}/dy_t (y_t = o_t, the output) is zero: z_{t+1} does not depend on o_t
t = 2
mid_with_y = P['Wyh'].T @ (yh[t] - ys[t]) + 0 * dz[t + 1]
res['L53 middle link with dz_{t+1}/dy_t (expect False)'] = ok(mid_with_y, num_h(t))
res['L54 dh/dz = h(1-h) (sigmoid, diagonal)'] = ok(hs[2] * (1 - hs[2]), (sig(zs[2] + 1e-6) - sig(zs[2] - 1e-6)) / 2e-6)
res['L57 dL/db_h = sum dz'] = ok(sum(dz[t] for t in range(1, T + 1)), num('bh'))
res['L57 dL/dW^hx = sum dz x^T'] = ok(sum(np.outer(dz[t], xs[t]) for t in range(1, T + 1)), num('Whx'))
res['L57 dL/dW^hh = sum dz h_{t-1}^T'] = ok(sum(np.outer(dz[t], hs[t - 1]) for t in range(1, T + 1)), num('Whh'))
# L42-44 schematic: sum_t (total dL/dh_t) (dh_t/dz_t) (immediate dz_t/dtheta) = the L57 results
res['L42-44 schematic sums (total dL/dh_t, immediate dz/dtheta)'] = ok(sum(np.outer(dh[t] * hs[t] * (1 - hs[t]), hs[t - 1]) for t in range(1, T + 1)), num('Whh'))
# L38: z_t = sigma(pre) together with h_t = sigma(z_t) contradicts the forward h_t = sigma(pre)
pre = P['Whx'] @ xs[1] + P['Whh'] @ h0 + P['bh']
res['L38 h_t = sigma(z_t) with z_t = sigma(pre) reproduces forward h_t (expect False)'] = ok(sig(sig(pre)), hs[1])
for k, v in res.items(): print(('PASS ' if v else 'FAIL ') + k)
