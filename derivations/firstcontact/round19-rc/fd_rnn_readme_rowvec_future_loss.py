# FD check of rnn_readme_rowvec_future_loss.md: row vectors x_t (1,m), h_t (1,n),
# z^h_t = x_t Wxh^T + h_{t-1} Whh^T + b_h, h_t = tanh(z^h_t), z^y_t = h_t Why^T + b_y, yhat = softmax(z^y_t),
# L = sum_t CE(yhat_t, y_t) (one-hot y_t), F_{t-1} = sum_{u>=t} L_u, delta^{h_t} = dF_t/dh_t.
import numpy as np
rng = np.random.default_rng(0)
m, n, l, T = 3, 4, 5, 4
P = dict(Wxh=rng.normal(size=(n, m))*.5, Whh=rng.normal(size=(n, n))*.5, bh=rng.normal(size=(1, n))*.3,
         Why=rng.normal(size=(l, n))*.5, by=rng.normal(size=(1, l))*.3)
xs = rng.normal(size=(T+1, 1, m)); ys = [np.eye(l)[[rng.integers(l)]] for _ in range(T+1)]
h0 = rng.normal(size=(1, n))*.3
def sm(z): e = np.exp(z-z.max()); return e/e.sum()
def fwd(P, h0=h0, start=1):
    h = {0: h0}; zy = {}; Ls = {}
    for t in range(1, T+1):
        h[t] = np.tanh(xs[t]@P['Wxh'].T + h[t-1]@P['Whh'].T + P['bh'])
        zy[t] = h[t]@P['Why'].T + P['by']; Ls[t] = -(ys[t]*np.log(sm(zy[t]))).sum()
    return h, zy, Ls
def L(P, h0=h0): return sum(fwd(P, h0)[2].values())
def num(f, X, eps=1e-6):
    g = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        X[i] += eps; a = f(); X[i] -= 2*eps; b = f(); X[i] += eps; g[i] = (a-b)/(2*eps)
    return g
h, zy, Ls = fwd(P)
dzy = {t: sm(zy[t]) - ys[t] for t in range(1, T+1)}
# author's recursion
dF = {}; delta = {T: np.zeros((1, n))}; dzh = {}
for t in range(T, 0, -1):
    dF[t] = dzy[t]@P['Why'] + delta[t]            # line 150 (line 129 for dL_t/dh_t)
    dzh[t] = dF[t]*(1-h[t]**2)                     # lines 138, 161 (elementwise)
    delta[t-1] = dzh[t]@P['Whh']                   # line 215
G = {k: num(lambda: L(P), P[k]) for k in P}
chk = lambda name, a, b: print(f"{name:40s} maxerr {np.abs(a-b).max():.2e}")
chk("65 dL_t/dz^y_t (t=2, single L_t)", dzy[2], num(lambda: fwd(P)[2][2], P['by']))
chk("78 dL/dWhy = sum dzy^T h", sum(dzy[t].T@h[t] for t in dzy), G['Why'])
chk("88 dL/dby = sum dzy (middle)", sum(dzy.values()), G['by'])
chk("88 dL/dby = dL_t/dz^y_t (last, t=T)", dzy[T], G['by'])
chk("174 dL/dWxh", sum(dzh[t].T@xs[t] for t in dzh), G['Wxh'])
chk("182 dL/dWhh (final)", sum(dzh[t].T@h[t-1] for t in dzh), G['Whh'])
chk("192 dL/dbh", sum(dzh.values()), G['bh'])
chk("111/215 delta^{h_0} = dF_0/dh_0", delta[0], num(lambda: L(P, h0), h0))
# delta^{h_t} = dF_t/dh_t for t=2 : perturb h_2 and propagate
def F_from(t0, ht0):
    hh = ht0; s = 0
    for t in range(t0+1, T+1):
        hh = np.tanh(xs[t]@P['Wxh'].T + hh@P['Whh'].T + P['bh']); s += -(ys[t]*np.log(sm(hh@P['Why'].T+P['by']))).sum()
    return s
H2 = h[2].copy(); chk("122/150 dF_1/dh_2 = dL_2/dh_2 + delta^{h_2}", dF[2], num(lambda: (-(ys[2]*np.log(sm(H2@P['Why'].T+P['by']))).sum()) + F_from(2, H2), H2))
HT = h[T].copy(); chk("125 dF_T/dh_T = 0", np.zeros((1, n)), num(lambda: F_from(T, HT), HT))
chk("129 dL_t/dh_t = dzy Why (t=2)", dzy[2]@P['Why'], num(lambda: (-(ys[2]*np.log(sm(H2@P['Why'].T+P['by']))).sum()), H2))
Z = (xs[2]@P['Wxh'].T + h[1]@P['Whh'].T + P['bh']).copy()
J = np.zeros((n, n))
for j in range(n):
    e = np.zeros_like(Z); e[0, j] = 1e-6; J[:, j] = ((np.tanh(Z+e)-np.tanh(Z-e))/2e-6)[0]
chk("138/142 dh/dz^h diag = 1-h^2, offdiag 0", np.diag((1-h[2]**2)[0]), J)
chk("71 dtanh/du = 1 - tanh^2", 1-np.tanh(0.7)**2, (np.tanh(0.7+1e-6)-np.tanh(0.7-1e-6))/2e-6)
# lines 25 and 33: with a_t / b_t read as the symbols the text never defines, the forward is not the model;
# reading b_t as the output bias b_y (the only b_ symbol of that shape) gives softmax(b_y) != softmax(z^y_t):
print("33 softmax(b_y) vs softmax(z^y_2):", np.abs(sm(P['by'])-sm(zy[2])).max())
