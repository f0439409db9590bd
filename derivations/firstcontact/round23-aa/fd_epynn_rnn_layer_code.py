# Standalone FD check of the EpyNN RNN layer code (transcribed in epynn_rnn_layer_code.md).
# Row layout: X[:, s] (m, e); U (e, u); V (u, u); b (u,). Loss L = sum_s sum(G[:, s] * h[:, s]).
import numpy as np
rng = np.random.default_rng(1)
m, S, e, u = 2, 4, 3, 5
P = {'U': rng.normal(size=(e, u))*0.6, 'V': rng.normal(size=(u, u))*0.6, 'b': rng.normal(size=(u,))*0.3}
X0 = rng.normal(size=(m, S, e)); G = rng.normal(size=(m, S, u))
def forward(P, X, pert=None):
    pert = pert or {}; d = lambda k, s: pert.get((k, s), 0.0)
    fc = {k: np.zeros((m, S, u)) for k in ['h', 'hp', 'h_']}
    h = np.zeros((m, u))
    for s in range(S):
        Xs = X[:, s]
        hp = fc['hp'][:, s] = h
        h_ = fc['h_'][:, s] = Xs@P['U'] + (hp + d('hp', s))@P['V'] + P['b'] + d('h_', s)
        h = fc['h'][:, s] = np.tanh(h_)
    return fc
loss = lambda P, X, pert=None: np.sum(G*forward(P, X, pert)['h'])
fc = forward(P, X0); res = {}
# forward rows vs independent column-layout implementation
hcol = np.zeros((u, m)); A = []; H = []
for s in range(S):
    a = P['U'].T@X0[:, s].T + P['V'].T@hcol + P['b'][:, None]; hcol = np.tanh(a); A.append(a.T); H.append(hcol.T)
res[24] = np.allclose(np.stack(A, 1), fc['h_']); res[30] = np.allclose(np.stack(H, 1), fc['h'])
# author's backward
bc = {k: np.zeros((m, S, u)) for k in ['dh_', 'dh', 'dhn']}; bc['dX'] = np.zeros((m, S, e))
dh = np.zeros((m, u))
for s in reversed(range(S)):
    dA = G[:, s]
    dhn = bc['dhn'][:, s] = dh
    dh_ = bc['dh_'][:, s] = (dA + dhn)*(1 - np.tanh(fc['h_'][:, s])**2)
    dh = bc['dh'][:, s] = dh_@P['V'].T
    bc['dX'][:, s] = dh_@P['U'].T
g = {k: np.zeros_like(v) for k, v in P.items()}
for s in reversed(range(S)):
    dh_ = bc['dh_'][:, s]; Xs = X0[:, s]; hp = fc['hp'][:, s]
    g['U'] += Xs.T@dh_; g['V'] += hp.T@dh_; g['b'] += np.sum(dh_, axis=0)
eps = 1e-6
def fd_pert(key):
    out = np.zeros((m, S, u))
    for s in range(S):
        for idx in np.ndindex(m, u):
            E = np.zeros((m, u)); E[idx] = eps
            out[idx[0], s, idx[1]] = (loss(P, X0, {(key, s): E}) - loss(P, X0, {(key, s): -E}))/(2*eps)
    return out
res[57] = np.allclose(fd_pert('h_'), bc['dh_'], atol=1e-6)
res[63] = np.allclose(fd_pert('hp'), bc['dh'], atol=1e-6)
fdX = np.zeros_like(X0)
for idx in np.ndindex(*X0.shape):
    Xp = X0.copy(); Xp[idx] += eps; Xm = X0.copy(); Xm[idx] -= eps
    fdX[idx] = (loss(P, Xp) - loss(P, Xm))/(2*eps)
res[68] = np.allclose(fdX, bc['dX'], atol=1e-6)
for line, name in [(96, 'U'), (97, 'V'), (98, 'b')]:
    out = np.zeros_like(P[name])
    for idx in np.ndindex(*P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pp[name][idx] += eps
        Pm = {k: v.copy() for k, v in P.items()}; Pm[name][idx] -= eps
        out[idx] = (loss(Pp, X0) - loss(Pm, X0))/(2*eps)
    res[line] = np.allclose(out, g[name], atol=1e-6)
for line in sorted(res):
    print(f"line {line}: {'OK' if res[line] else 'MISMATCH'}")
