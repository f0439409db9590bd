# FD check for ktu_rnn_bptt_formula_sheet.md
# a_t = W h_{t-1} + U x_t + b, h_t = tanh(a_t), z_t = V h_t + c, yhat_t = softmax(z_t), L = sum_t L_t (CE), column vectors
import numpy as np
rng = np.random.default_rng(1)
H, D, K, T = 3, 2, 4, 3
P = dict(W=rng.normal(size=(H, H)) * .6, U=rng.normal(size=(H, D)) * .6, b=rng.normal(size=H) * .3,
         V=rng.normal(size=(K, H)) * .6, c=rng.normal(size=K) * .3)
X = rng.normal(size=(T, D)); Y = np.eye(K)[rng.integers(0, K, T)]
sm = lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()

def fwd(P, h0=None):
    h = np.zeros(H) if h0 is None else h0; hs = [h]; As = [None]; ys = [None]; L = 0
    for t in range(T):
        a = P['W'] @ h + P['U'] @ X[t] + P['b']; h = np.tanh(a); yh = sm(P['V'] @ h + P['c'])
        L -= Y[t] @ np.log(yh); hs.append(h); As.append(a); ys.append(yh)
    return L, hs, As, ys

def fd(fun, x, eps=1e-6):
    g = np.zeros_like(x); it = np.nditer(x, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; xp = x.copy(); xm = x.copy(); xp[i] += eps; xm[i] -= eps
        g[i] = (fun(xp) - fun(xm)) / (2 * eps)
    return g

def fdP(name):
    def f(v):
        Q = dict(P); Q[name] = v; return fwd(Q)[0]
    return fd(f, P[name].copy())

L, hs, As, ys = fwd(P)
e = {t: ys[t] - Y[t - 1] for t in range(1, T + 1)}
# line 70: dL_t/dz_t = yhat_t - y_t^*
z1 = P['V'] @ hs[1] + P['c']
print('line70 err', np.abs(fd(lambda z: -Y[0] @ np.log(sm(z)), z1) - e[1]).max())
# line 78, 82
print('line78 dV err', np.abs(sum(np.outer(e[t], hs[t]) for t in range(1, T + 1)) - fdP('V')).max())
print('line82 dc err', np.abs(sum(e[t] for t in range(1, T + 1)) - fdP('c')).max())
# lines 88/94: recursion for total dL/dh_t; compare with FD of L wrt h_t (perturb h_t, rerun later steps)
def L_from_h(t, ht):
    Lp = sum(-Y[s - 1] @ np.log(ys[s]) for s in range(1, t))  # earlier losses unchanged
    h = ht; Lp -= Y[t - 1] @ np.log(sm(P['V'] @ h + P['c']))
    for s in range(t + 1, T + 1):
        h = np.tanh(P['W'] @ h + P['U'] @ X[s - 1] + P['b']); Lp -= Y[s - 1] @ np.log(sm(P['V'] @ h + P['c']))
    return Lp
dh = {T: P['V'].T @ e[T]}
for t in range(T - 1, 0, -1):
    dh[t] = P['V'].T @ e[t] + P['W'].T @ np.diag(1 - np.tanh(As[t + 1]) ** 2) @ dh[t + 1]
for t in range(1, T + 1):
    print(f'line88/94 dL/dh_{t} err', np.abs(fd(lambda v: L_from_h(t, v), hs[t].copy()) - dh[t]).max())
# lines 102/106/110
D_ = {t: np.diag(1 - np.tanh(As[t]) ** 2) for t in range(1, T + 1)}
print('line102 dW err', np.abs(sum(np.outer(D_[t] @ dh[t], hs[t - 1]) for t in range(1, T + 1)) - fdP('W')).max())
print('line106 dU err', np.abs(sum(np.outer(D_[t] @ dh[t], X[t - 1]) for t in range(1, T + 1)) - fdP('U')).max())
print('line110 db err', np.abs(sum(D_[t] @ dh[t] for t in range(1, T + 1)) - fdP('b')).max())
# line 10 (and 9): Jacobian dh_t/dh_{t-1} = W^T diag(1 - tanh^2(a_t))
t = 2
Jtrue = np.zeros((H, H))  # numerator layout J[i,j] = d h_t[i] / d h_{t-1}[j]
for j in range(H):
    ep = np.zeros(H); ep[j] = 1e-6
    Jtrue[:, j] = (np.tanh(P['W'] @ (hs[1] + ep) + P['U'] @ X[1] + P['b']) - np.tanh(P['W'] @ (hs[1] - ep) + P['U'] @ X[1] + P['b'])) / 2e-6
Ja = P['W'].T @ np.diag(1 - np.tanh(As[2]) ** 2)
print('line10 W^T diag vs numerator-layout Jacobian err', np.abs(Ja - Jtrue).max(), '; vs denominator layout (J^T) err', np.abs(Ja - Jtrue.T).max())

# worked example (lines 123-149)
U = np.array([[.1, .2], [.3, .4], [.5, .6]]); W = np.array([[.1] * 3, [.2] * 3, [.3] * 3]); b = np.full(3, .1)
x1 = np.array([1., .5]); x2 = np.array([.2, .8])
a1 = U @ x1 + b; h1 = np.tanh(a1); print('a1', a1, 'h1', h1.round(4))
h1r = np.array([.2913, .5370, .7163]); print('W h1 (rounded h1)', (W @ h1r).round(4), 'U x2', U @ x2)
a2 = np.array([.1545, .3089, .4634]) + U @ x2 + b; print('a2', a2.round(4))
print('h2 from published a2', np.tanh(np.array([.4345, .7889, 1.1434])).round(4), 'vs published [0.4097 0.6577 0.8142]')
print('h2 exact', np.tanh(W @ h1 + U @ x2 + b).round(4))
