"""FD check of es_elman_bptt.md (Elman network in index notation; column convention
X_i[t] = sum_j W^{x,u}_{ij} u_j[t] + sum_j W^{x,x}_{ij} x_j[t-1] + W^x_i, x = g_X(X), Y_i = sum_j W^{y,x}_{ij} x_j + W^y_i,
y = g_Y(Y), E[t] = 1/2 sum_i (d_i[t] - y_i[t])^2 for ONE instant t, x[0] = 0).
g_X = tanh, g_Y = logistic (the notes leave them open: 'por ejemplo, sigmoideas'); numpy only, float64."""
import numpy as np

rng = np.random.default_rng(1)
nU, nX, nY, T = 3, 4, 2, 5
alpha = 0.1
P = dict(Wxu=rng.normal(size=(nX, nU)) * .6, Wxx=rng.normal(size=(nX, nX)) * .6, Wx=rng.normal(size=nX) * .3,
         Wyx=rng.normal(size=(nY, nX)) * .6, Wy=rng.normal(size=nY) * .3)
u = rng.normal(size=(T + 1, nU))
d = rng.uniform(size=(T + 1, nY))
gX, dgX = np.tanh, lambda a: 1 - np.tanh(a) ** 2
gY = lambda a: 1 / (1 + np.exp(-a))
dgY = lambda a: gY(a) * (1 - gY(a))


def forward(P, t, bump=None):
    """bump = (tau, i, eps) adds eps to X_i[tau] (to get dE/dX by differences)."""
    x = np.zeros(nX); xs, Xs = [x], [None]
    for s in range(1, t + 1):
        X = P['Wxu'] @ u[s] + P['Wxx'] @ x + P['Wx']
        if bump is not None and bump[0] == s:
            X = X.copy(); X[bump[1]] += bump[2]
        x = gX(X); xs.append(x); Xs.append(X)
    Y = P['Wyx'] @ x + P['Wy']
    y = gY(Y)
    return 0.5 * np.sum((d[t] - y) ** 2), xs, Xs, Y, y


def fdgrad(key, t, eps=1e-6):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(*g.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[key][idx] += eps; Pm[key][idx] -= eps
        g[idx] = (forward(Pp, t)[0] - forward(Pm, t)[0]) / (2 * eps)
    return g


t = T
E, xs, Xs, Y, y = forward(P, t)
rep = {}
# line 119: delta^Y = dE[t]/dY[t]
dY = -(d[t] - y) * dgY(Y)
rep['119 delta^Y = dE/dY (definition; value used below)'] = 0.0
# line 120 and 127: delta^X
dX = {t: dgX(Xs[t]) * (P['Wyx'].T @ dY)}
for tau in range(t - 1, 0, -1):
    dX[tau] = dgX(Xs[tau]) * (P['Wxx'].T @ dX[tau + 1])
for tau in range(1, t + 1):
    fdX = np.array([(forward(P, t, (tau, i, 1e-6))[0] - forward(P, t, (tau, i, -1e-6))[0]) / 2e-6 for i in range(nX)])
    rep[f'{"120" if tau == t else "127"} delta^X[{tau}] vs dE[t]/dX[{tau}]'] = np.abs(dX[tau] - fdX).max()
# lines 107-110: Delta W as printed (alpha * delta * activation) vs gradient descent step -alpha dE/dW (line 68)
dWyx = alpha * np.outer(dY, xs[t])
dWxx = alpha * sum(np.outer(dX[tau], xs[tau - 1]) for tau in range(1, t + 1))
dWxu = alpha * sum(np.outer(dX[tau], u[tau]) for tau in range(1, t + 1))
for line, key, val in (('107', 'Wyx', dWyx), ('108', 'Wxx', dWxx), ('110', 'Wxu', dWxu)):
    g = fdgrad(key, t)
    rep[f'{line} printed Delta W{key} vs -alpha dE/dW'] = np.abs(val - (-alpha * g)).max()
    rep[f'{line} printed Delta W{key} vs +alpha dE/dW (sign flipped)'] = np.abs(val - alpha * g).max()
for k, v in rep.items():
    print(f'{k:60s} max|err| = {v:.2e}', 'OK' if v < 1e-7 else 'MISMATCH')
