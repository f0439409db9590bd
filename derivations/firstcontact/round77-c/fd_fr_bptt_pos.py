# FD check of fr_bptt_pos.md. Forward as written: a_t = b + W h_{t-1} + U X_t, h_t = tanh(a_t), z_t = V h_t,
# y_t = softmax(z_t) (probabilities), \hat y_t = one-hot TRUE class (the note's reversed hat convention),
# L_t = -sum_i \hat y_{t,i} log y_{t,i}, L = sum_t L_t, h_0 = 0. Column vectors.
import numpy as np
rng = np.random.default_rng(3)
nX, H, K, T = 3, 4, 5, 4
P = dict(W=rng.normal(0, .7, (H, H)), U=rng.normal(0, .7, (H, nX)), b=rng.normal(0, .3, (H, 1)), V=rng.normal(0, .7, (K, H)))
X = [rng.normal(size=(nX, 1)) for _ in range(T)]
Yh = [np.eye(K)[:, [rng.integers(K)]] for _ in range(T)]     # \hat y_t one-hot
sm = lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()
ok = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
say = lambda line, what, c: print(f"line {line:>3}: {what:<70} {'AGREE' if c else 'DISAGREE'}")

def forward(P, Ws=None, hpert=None):
    h = [np.zeros((H, 1))]; y = [None]; L = 0.0
    for t in range(1, T + 1):
        W = P['W'] if Ws is None else Ws[t-1]
        ht = np.tanh(P['b'] + W @ h[-1] + P['U'] @ X[t-1])
        if hpert is not None and hpert[0] == t: ht = ht + hpert[1]
        h.append(ht); yt = sm(P['V'] @ ht); y.append(yt); L += -float(np.sum(Yh[t-1] * np.log(yt)))
    return L, h, y
L, h, y = forward(P)
eps = 1e-6
def num_grad(f, x):
    g = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        x[idx] += eps; a = f(); x[idx] -= 2*eps; c = f(); x[idx] += eps; g[idx] = (a - c) / (2*eps)
    return g

t = 2
z = P['V'] @ h[t]; yh = Yh[t-1]
Lz = lambda zz: -float(np.sum(yh * np.log(sm(zz))))
gz = num_grad(lambda: Lz(z), z)
say(44, "dL_t/dz_t = y_t - yhat_t", ok(gz, y[t] - yh))
yy = y[t].copy(); gy = num_grad(lambda: -float(np.sum(yh * np.log(yy))), yy)   # y_t as free variable
say(53, "dL_t/dy_t = y_t - yhat_t   (the note itself calls this FALSE)", ok(gy, y[t] - yh))
say(62, "dL_t/dy_t = -yhat_t / y_t", ok(gy, -yh / y[t]))
J = np.zeros((K, K)); zz = z.copy()
for j in range(K):
    zz[j] += eps; a = sm(zz); zz[j] -= 2*eps; c = sm(zz); zz[j] += eps; J[:, [j]] = (a - c) / (2*eps)
say(72, "J_softmax = diag(y) - y y^T", ok(J, np.diagflat(y[t]) - y[t] @ y[t].T))
say(81, "dL/dz = (dL/dy)(dy/dz) with the two results above", ok((-yh / y[t]).T @ J, (y[t] - yh).T))
Vc = P['V'].copy(); gV_t = num_grad(lambda: -float(np.sum(yh * np.log(sm(Vc @ h[t])))), Vc)
say(114, "dL_t/dV = (y_t - yhat_t) h_t^T", ok(gV_t, (y[t] - yh) @ h[t].T))
GV = num_grad(lambda: forward(P)[0], P['V'])
say(124, "dL/dV = sum_t (y_t - yhat_t) h_t^T", ok(GV, sum((y[s] - Yh[s-1]) @ h[s].T for s in range(1, T+1))))
xs = np.linspace(-2, 2, 9); say(151, "d/dx tanh x = 1 - tanh^2 x", ok((np.tanh(xs+eps) - np.tanh(xs-eps)) / (2*eps), 1 - np.tanh(xs)**2))
a_t = P['b'] + P['W'] @ h[t-1] + P['U'] @ X[t-1]; aa = a_t.copy()
Jh = np.zeros((H, H))
for j in range(H):
    aa[j] += eps; p = np.tanh(aa); aa[j] -= 2*eps; m = np.tanh(aa); aa[j] += eps; Jh[:, [j]] = (p - m) / (2*eps)
say(164, "dh_t/da_t = 1 - h_t^2 (element-wise, i.e. diag)", ok(Jh, np.diagflat(1 - h[t]**2)))
# direct contribution (h_{t-1} frozen): d h_{t,i} / d W_{jk} = (1-h_{t,i}^2) delta_ij h_{t-1,k}
Wc = P['W'].copy(); Dd = np.zeros((H, H, H))
for j in range(H):
    for k in range(H):
        Wc[j, k] += eps; p = np.tanh(P['b'] + Wc @ h[t-1] + P['U'] @ X[t-1]); Wc[j, k] -= 2*eps
        m = np.tanh(P['b'] + Wc @ h[t-1] + P['U'] @ X[t-1]); Wc[j, k] += eps; Dd[:, j, k] = ((p - m) / (2*eps))[:, 0]
ref = np.einsum('i,ij,k->ijk', (1 - h[t]**2)[:, 0], np.eye(H), h[t-1][:, 0])
say(196, "direct part (1-h_t^2) h_{t-1}^T  [= (1-h_t^2)_i delta_ij h_{t-1,k}]", ok(Dd, ref))
# RTRL recursion of line 213 read in index form:
# Jt[i,j,k] = (1-h_{t,i}^2) * ( delta_ij h_{t-1,k} + sum_m W_im J_{t-1}[m,j,k] ), J_0 = 0
Jr = [np.zeros((H, H, H))]
for s in range(1, T + 1):
    Jr.append(np.einsum('i,ijk->ijk', (1 - h[s]**2)[:, 0],
                        np.einsum('ij,k->ijk', np.eye(H), h[s-1][:, 0]) + np.einsum('im,mjk->ijk', P['W'], Jr[-1])))
Wc = P['W'].copy(); Dfull = np.zeros((H, H, H))
for j in range(H):
    for k in range(H):
        Wc[j, k] += eps; p = forward({**P, 'W': Wc})[1][T]; Wc[j, k] -= 2*eps; m = forward({**P, 'W': Wc})[1][T]; Wc[j, k] += eps
        Dfull[:, j, k] = ((p - m) / (2*eps))[:, 0]
say(213, "dh_t/dW = (1-h_t^2)[h_{t-1}^T + W dh_{t-1}/dW] (RTRL, index form), t=T", ok(Jr[T], Dfull))
# line 253: dL/dW = sum_t dL/dW|_t  (untie W into one copy per time step, sum the copies' gradients)
Ws = [P['W'].copy() for _ in range(T)]
per = [num_grad(lambda: forward(P, Ws=Ws)[0], Ws[s]) for s in range(T)]
GW = num_grad(lambda: forward(P)[0], P['W'])
say(253, "dL/dW = sum_t dL/dW|_t", ok(GW, sum(per)))
# line 284: dL/dh_t = dL_t/dh_t + dL/dh_{t+1} dh_{t+1}/dh_t  (row gradients; dh_{t+1}/dh_t = diag(1-h_{t+1}^2) W)
def fd_h(s):
    g = np.zeros((H, 1))
    for i in range(H):
        e = np.zeros((H, 1)); e[i] = eps; g[i] = (forward(P, hpert=(s, e))[0] - forward(P, hpert=(s, -e))[0]) / (2*eps)
    return g
Gh = {s: fd_h(s) for s in range(1, T + 1)}
c = all(ok(Gh[s].T, (P['V'].T @ (y[s] - Yh[s-1])).T + Gh[s+1].T @ (np.diagflat(1 - h[s+1]**2) @ P['W'])) for s in range(1, T))
say(284, "dL/dh_t = dL_t/dh_t + dL/dh_{t+1} dh_{t+1}/dh_t, t=1..T-1", c)
