# FD check for dl4ad_rnn_bptt_slides.md (column vectors; z_t = W_xh x_t + W_hh h_{t-1} + b,
# h_t = sigma(z_t) (tanh used here); output only at T: yhat = W_hy h_T + b_y;
# loss L = sum_j (y_j - yhat_j)^2 (MSE with N = 1, no 1/2 factor, as on the slide)).
import numpy as np
rng = np.random.default_rng(7)
N, M, MO, T = 4, 3, 2, 4          # input, hidden, output sizes, sequence length
sig = np.tanh
dsig = lambda z: 1 - np.tanh(z) ** 2
P = dict(Wxh=rng.normal(size=(M, N)) * .6, Whh=rng.normal(size=(M, M)) * .6,
         b=rng.normal(size=(M, 1)) * .3, Why=rng.normal(size=(MO, M)) * .6, by=rng.normal(size=(MO, 1)) * .3)
X = rng.normal(size=(T + 1, N, 1)); Y = rng.normal(size=(MO, 1)); h0 = np.zeros((M, 1))
EPS = 1e-6
res = {}
def chk(line, ok):
    res[line] = res.get(line, True) and bool(ok)
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)

def fwd(P, pert=None, local=None):
    """pert=(kind,t,delta) adds delta to z_t or h_t; local=(name,t,delta) perturbs a weight only at step t."""
    h = {0: h0.copy()}; z = {}
    for t in range(1, T + 1):
        W = {k: P[k] + (local[2] if (local and local[0] == k and local[1] == t) else 0) for k in ('Wxh', 'Whh', 'b')}
        zt = W['Wxh'] @ X[t] + W['Whh'] @ h[t - 1] + W['b']
        if pert and pert[0] == 'z' and pert[1] == t: zt = zt + pert[2]
        z[t] = zt; ht = sig(zt)
        if pert and pert[0] == 'h' and pert[1] == t: ht = ht + pert[2]
        h[t] = ht
    yhat = P['Why'] @ h[T] + P['by']
    if pert and pert[0] == 'yhat': yhat = yhat + pert[2]
    L = float(np.sum((Y - yhat) ** 2))
    return dict(h=h, z=z, yhat=yhat, L=L)

C = fwd(P)
def gvec(kind, t, n):
    g = np.zeros((n, 1))
    for j in range(n):
        e = np.zeros((n, 1)); e[j] = EPS
        g[j] = (fwd(P, (kind, t, e))['L'] - fwd(P, (kind, t, -e))['L']) / (2 * EPS)
    return g
def glocal(name, t):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        e = np.zeros_like(G); e[idx] = EPS
        G[idx] = (fwd(P, local=(name, t, e))['L'] - fwd(P, local=(name, t, -e))['L']) / (2 * EPS)
    return G
def gtotal(name):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        G[idx] = (fwd(Pp)['L'] - fwd(Pm)['L']) / (2 * EPS)
    return G

dZ = {t: gvec('z', t, M) for t in range(1, T + 1)}          # true delta_t = dL/dz_t
dH = {t: gvec('h', t, M) for t in range(1, T + 1)}          # true dL/dh_t
dYhat = gvec('yhat', None, MO)

# forward rows (definitions used to build the model): 13, 14, 320, 321, 324, 396
zT = P['Wxh'] @ X[T] + P['Whh'] @ C['h'][T - 1] + P['b']
for ln in (13, 14, 320, 321, 396): chk(ln, close(C['z'][T], zT) and close(C['h'][T], sig(zT)))
chk(324, close(C['yhat'], P['Why'] @ C['h'][T] + P['by']))
# 99: MSE identity (1/N) sum_i ||y_i - yhat_i||^2 = (1/N) sum_i sum_j (y_ij - yhat_ij)^2
A, B = rng.normal(size=(3, 5)), rng.normal(size=(3, 5))
chk(99, np.isclose(np.mean([np.linalg.norm(A[i] - B[i]) ** 2 for i in range(3)]), np.sum((A - B) ** 2) / 3))
# 109: dL/dz_{T,k} = sum_j dL/dyhat_j dyhat_j/dh_{T,k} dh_{T,k}/dz_{T,k}
chain = np.array([[sum(dYhat[j, 0] * P['Why'][j, k] * dsig(C['z'][T][k, 0]) for j in range(MO))] for k in range(M)])
chk(109, close(chain, dZ[T]))
# 114: (a) dL/dyhat_j = 2(yhat_j - y_j); (b) dyhat_k/dh_{T,k} = W_hy,kj; (c) dh/dz = sigma'(z)
a_ok = close(dYhat, 2 * (C['yhat'] - Y))
# (b) needs a square W_hy to be typed at all; build a square head and compare dyhat_j/dh_k with W[k,j]
Wsq = rng.normal(size=(M, M)); hT = C['h'][T]
J = np.zeros((M, M))
for k in range(M):
    e = np.zeros((M, 1)); e[k] = EPS
    J[:, k] = ((Wsq @ (hT + e)) - (Wsq @ (hT - e)))[:, 0] / (2 * EPS)
b_ok = close(J, Wsq.T)            # the slide's W_{hy,kj} for dyhat_j/dh_k (with the left index k on yhat: J[k,k] vs W[k,j])
print('  info 114: dyhat_j/dh_k equals W_hy[j,k] (correct index order):', close(J, Wsq))
c_ok = close((sig(C['z'][T] + EPS) - sig(C['z'][T] - EPS)) / (2 * EPS), dsig(C['z'][T]))
print('  info 114: parts (a) dL/dyhat = 2(yhat-y):', a_ok, ' (b) W_hy,kj:', b_ok, ' (c) sigma\'(z):', c_ok)
chk(114, a_ok and b_ok and c_ok)
# 125: delta_T = [W_hy^T (yhat - y)] * sigma'(z_T)  (factor 2 missing)
chk(125, close(dZ[T], (P['Why'].T @ (C['yhat'] - Y)) * dsig(C['z'][T])))
print('  info 125: with the factor 2, W_hy^T 2(yhat-y) * sigma\'(z_T) matches:', close(dZ[T], (P['Why'].T @ (2 * (C['yhat'] - Y))) * dsig(C['z'][T])))
# 144 / 236: index form of z_{t,k}
for ln, t in ((144, T), (236, 2)):
    zk = np.array([[sum(P['Wxh'][k, i] * X[t][i, 0] for i in range(N)) + sum(P['Whh'][k, l] * C['h'][t - 1][l, 0] for l in range(M)) + P['b'][k, 0]] for k in range(M)])
    chk(ln, close(zk, C['z'][t]))
# step-local contributions at T (153, 157, 167, 179, 183) and at t < T (245, 249, 271, 275)
for t, lx, lxm, lb, lh, lhm in ((T, 153, 157, 167, 179, 183), (2, 245, 249, None, 271, 275)):
    Gx = glocal('Wxh', t); Gh = glocal('Whh', t); Gb = glocal('b', t)
    chk(lx, all(np.isclose(Gx[k, i], dZ[t][k, 0] * X[t][i, 0], atol=1e-6) for k in range(M) for i in range(N)))
    chk(lxm, close(Gx, dZ[t] @ X[t].T))
    if lb: chk(lb, all(np.isclose(Gb[k, 0], dZ[t][k, 0], atol=1e-6) for k in range(M)))
    chk(lh, all(np.isclose(Gh[k, l], dZ[t][k, 0] * C['h'][t - 1][l, 0], atol=1e-6) for k in range(M) for l in range(M)))
    chk(lhm, close(Gh, dZ[t] @ C['h'][t - 1].T))
# 259: dL/db_j = ... = delta_{t,k}: right side indexed by k, left by b_j; with j != k it fails
t = 2; Gb = glocal('b', t)
chk(259, all(np.isclose(Gb[j, 0], dZ[t][k, 0], atol=1e-6) for j in range(M) for k in range(M)))
print('  info 259: dL/db_j (step t) = delta_{t,j} holds:', close(Gb, dZ[t]))
# 203, 207, 217, 221: backward recursion (no output before T)
for t in range(2, T + 1):
    rec = np.array([[sum(dZ[t][k, 0] * P['Whh'][k, l] * dsig(C['z'][t - 1][l, 0]) for k in range(M))] for l in range(M)])
    chk(203, close(rec, dZ[t - 1])); chk(217, close(rec, dZ[t - 1]))
    chk(221, close((P['Whh'].T @ dZ[t]) * dsig(C['z'][t - 1]), dZ[t - 1]))
    chk(338, close((P['Whh'].T @ dZ[t]) * dsig(C['z'][t - 1]), dZ[t - 1]))
# 207: dz_{t,k}/dh_{t-1,l} = W_hh,kl and dh/dz = sigma'(z)
Jz = np.zeros((M, M)); hprev = C['h'][1]
for l in range(M):
    e = np.zeros((M, 1)); e[l] = EPS
    Jz[:, l] = ((P['Whh'] @ (hprev + e)) - (P['Whh'] @ (hprev - e)))[:, 0] / (2 * EPS)
dh_dz = (sig(C['z'][1] + EPS) - sig(C['z'][1] - EPS)) / (2 * EPS)
chk(207, close(Jz, P['Whh']) and close(dh_dz, dsig(C['z'][1])))
# totals 294-296 and 343-345
Gt = {k: gtotal(k) for k in ('Whh', 'Wxh', 'b')}
S_hh = sum(dZ[t] @ C['h'][t - 1].T for t in range(1, T + 1)); S_xh = sum(dZ[t] @ X[t].T for t in range(1, T + 1)); S_b = sum(dZ[t] for t in range(1, T + 1))
for ln, ok in ((294, close(Gt['Whh'], S_hh)), (295, close(Gt['Wxh'], S_xh)), (296, close(Gt['b'], S_b)),
               (343, close(Gt['Whh'], S_hh)), (344, close(Gt['Wxh'], S_xh)), (345, close(Gt['b'], S_b))):
    chk(ln, ok)
# 335: delta_T = dL/dh_T * sigma'(z_T)
chk(335, close(dZ[T], dH[T] * dsig(C['z'][T])))
# 400: dh_k/dh_{k-1} = diag(sigma'(z_k)) W_hh (numerator layout)
def jac_h(k):
    Jk = np.zeros((M, M))
    for l in range(M):
        e = np.zeros((M, 1)); e[l] = EPS
        hp = sig(P['Wxh'] @ X[k] + P['Whh'] @ (C['h'][k - 1] + e) + P['b']); hm = sig(P['Wxh'] @ X[k] + P['Whh'] @ (C['h'][k - 1] - e) + P['b'])
        Jk[:, l] = ((hp - hm) / (2 * EPS))[:, 0]
    return Jk
Js = {k: jac_h(k) for k in range(2, T + 1)}
chk(400, all(close(Js[k], np.diag(dsig(C['z'][k])[:, 0]) @ P['Whh']) for k in Js))
# 410: prod of Jacobians = prod of diag(sigma') W_hh (same order on both sides)
t = 1
lhs = np.eye(M); rhs = np.eye(M)
for k in range(T, t, -1):
    lhs = lhs @ Js[k]; rhs = rhs @ (np.diag(dsig(C['z'][k])[:, 0]) @ P['Whh'])
chk(410, close(lhs, rhs))
# 391: dL/dh_t = dL/dh_T prod_{k=t+1}^T dh_k/dh_{k-1}: row-gradient times the product with k = T leftmost
row = dH[T].T
for k in range(T, t, -1): row = row @ Js[k]
chk(391, close(row.T, dH[t]))
asc = dH[T].T
for k in range(t + 1, T + 1): asc = asc @ Js[k]
print('  info 391: literal ascending order (k = t+1 leftmost) also matches:', close(asc.T, dH[t]))
# 420: sigmoid' <= 0.25, tanh' <= 1
zz = np.linspace(-8, 8, 2001); s = 1 / (1 + np.exp(-zz))
chk(420, (s * (1 - s)).max() <= 0.25 + 1e-12 and (1 - np.tanh(zz) ** 2).max() <= 1 + 1e-12)
for ln in sorted(res): print(f'line {ln}: {"OK" if res[ln] else "MISMATCH"}')
