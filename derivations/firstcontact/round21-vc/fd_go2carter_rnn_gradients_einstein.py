# FD check for go2carter_rnn_gradients_einstein.md (C. N. Brown, "Gradients for an RNN", LaTeX, 2017).
# Model (WildML notation, column vectors, Einstein sums): s_t = tanh(U x_t + W s_{t-1}), s_{-1} = 0,
# q_t = V s_t, yhat_t = softmax(q_t), E_t = -y_t . log yhat_t, t = 0..T-1; L = -(1/N) sum_t y_t . log yhat_t.
# Partial derivatives d s_r / d W_ij inside the BPTT sums are the immediate (step-local) ones; the
# left-hand d s_t / d W_ij of lines 168, 182, 188, 195, 200, 214, 219 are total derivatives.
import numpy as np
rng = np.random.default_rng(21)
NI, H, K, T = 3, 4, 5, 4
EPS = 1e-6
P = dict(U=rng.normal(size=(H, NI)) * .8, W=rng.normal(size=(H, H)) * .8, V=rng.normal(size=(K, H)) * .8)
X = rng.normal(size=(T, NI)); Y = np.eye(K)[rng.integers(0, K, size=T)]
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
def close(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-5)
def softmax(o): e = np.exp(o - o.max()); return e / e.sum()
def fwd(P, local=None, spert=None):
    s = {-1: np.zeros(H)}; yh = {}; E = {}; q = {}
    for t in range(T):
        W = {k: P[k] + (local[2] if (local and local[0] == k and local[1] == t) else 0) for k in P}
        s[t] = np.tanh(W['U'] @ X[t] + W['W'] @ s[t - 1])
        if spert and spert[0] == t: s[t] = s[t] + spert[1]
        q[t] = W['V'] @ s[t]; yh[t] = softmax(q[t]); E[t] = -Y[t] @ np.log(yh[t])
    return dict(s=s, q=q, yh=yh, E=E)
C = fwd(P)
t = 3
def gpar(name, which, local_step=None):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        d = np.zeros_like(P[name]); d[idx] = EPS
        if local_step is None:
            fp = fwd(dict(P, **{name: P[name] + d})); fm = fwd(dict(P, **{name: P[name] - d}))
        else:
            fp = fwd(P, local=(name, local_step, d)); fm = fwd(P, local=(name, local_step, -d))
        G[idx] = (fp['E'][which] - fm['E'][which]) / (2 * EPS)
    return G
def jac_s(tn, tk):
    J = np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H); e[j] = EPS
        J[:, j] = (fwd(P, spert=(tk, e))['s'][tn] - fwd(P, spert=(tk, -e))['s'][tn]) / (2 * EPS)
    return J
def total_s(name, tn):          # tensor d s_tn[m] / d name[i,j], total, shape name.shape + (H,)
    G = np.zeros(P[name].shape + (H,))
    for idx in np.ndindex(P[name].shape):
        d = np.zeros_like(P[name]); d[idx] = EPS
        G[idx] = (fwd(dict(P, **{name: P[name] + d}))['s'][tn] - fwd(dict(P, **{name: P[name] - d}))['s'][tn]) / (2 * EPS)
    return G
def imm_s(name, r):             # immediate d s_r / d name (perturb only at step r)
    G = np.zeros(P[name].shape + (H,))
    for idx in np.ndindex(P[name].shape):
        d = np.zeros_like(P[name]); d[idx] = EPS
        G[idx] = (fwd(P, local=(name, r, d))['s'][r] - fwd(P, local=(name, r, -d))['s'][r]) / (2 * EPS)
    return G

# forward, loss, definitions
chk(45, close(np.tanh(P['U'] @ X[2] + P['W'] @ C['s'][1]), C['s'][2]))
chk(46, close(softmax(P['V'] @ C['s'][2]), C['yh'][2]))
N = T
chk(54, close(-(1 / N) * sum(Y[s] @ np.log(C['yh'][s]) for s in range(T)), sum(C['E'].values()) / N))
chk(60, close(-Y[t] @ np.log(C['yh'][t]), C['E'][t]))
chk(93, close(-np.einsum('i,i->', Y[t], np.log(C['yh'][t])), C['E'][t]))
# chain rule (line 73) on a test function f(x(r), y(r))
fx = lambda r: np.array([np.sin(r), r ** 2, np.cos(2 * r)]); fy = lambda r: np.array([np.exp(r / 3), r ** 3, 1 / (2 + r)])
F = lambda x, y: np.sum(x * y) + np.sum(x ** 2) * y[0]
r0 = 0.37
dF_dr = (F(fx(r0 + EPS), fy(r0 + EPS)) - F(fx(r0 - EPS), fy(r0 - EPS))) / (2 * EPS)
x0, y0 = fx(r0), fy(r0)
dFx = np.array([(F(x0 + e, y0) - F(x0 - e, y0)) / (2 * EPS) for e in np.eye(3) * EPS])
dFy = np.array([(F(x0, y0 + e) - F(x0, y0 - e)) / (2 * EPS) for e in np.eye(3) * EPS])
chk(73, close(dFx @ ((fx(r0 + EPS) - fx(r0 - EPS)) / (2 * EPS)) + dFy @ ((fy(r0 + EPS) - fy(r0 - EPS)) / (2 * EPS)), dF_dr))
gV = gpar('V', t)
gV_elem = np.zeros_like(P['V'])
for idx in np.ndindex(gV.shape):          # (dg/dV)_ij = dg/dV_ij (line 86): the matrix of elementwise FDs
    d = np.zeros_like(P['V']); d[idx] = EPS
    gV_elem[idx] = (fwd(dict(P, V=P['V'] + d))['E'][t] - fwd(dict(P, V=P['V'] - d))['E'][t]) / (2 * EPS)
chk(86, close(gV_elem, gV))
# V derivation
q = C['q'][t]; yh = C['yh'][t]; y = Y[t]
dE_dyh = np.array([(-(y @ np.log(yh + e)) + (y @ np.log(yh - e))) / (2 * EPS) for e in np.eye(K) * EPS])
Jsm = np.zeros((K, K))
for l in range(K):
    e = np.zeros(K); e[l] = EPS; Jsm[:, l] = (softmax(q + e) - softmax(q - e)) / (2 * EPS)
dq_dV = np.zeros((K, K, H))                                        # [l, i, j] = d q_l / d V_ij
for i in range(K):
    for j in range(H):
        d = np.zeros_like(P['V']); d[i, j] = EPS
        dq_dV[:, i, j] = ((P['V'] + d) @ C['s'][t] - (P['V'] - d) @ C['s'][t]) / (2 * EPS)
chk(103, close(np.einsum('k,kl,lij->ij', dE_dyh, Jsm, dq_dV), gV))
chk(109, close(-y / yh, dE_dyh))
Jform = np.where(np.eye(K, dtype=bool), (yh * (1 - yh))[:, None] * np.ones((K, K)), -np.outer(yh, yh))
chk(116, close(Jform, Jsm))
yg = rng.random(K); yg2 = yg                                        # the identities hold for any y
lhs = np.array([-(yg[l] / yh[l]) * yh[l] * (1 - yh[l]) + sum((-(yg[k] / yh[k])) * (-yh[k] * yh[l]) for k in range(K) if k != l) for l in range(K)])
mid = np.array([-yg[l] + yg[l] * yh[l] + sum(yg[k] * yh[l] for k in range(K) if k != l) for l in range(K)])
chk(128, close(lhs, mid))
chk(130, close(mid, -yg + yh * yg.sum()))
chk(137, close(yh - y, dE_dyh @ Jsm))
chk(100, close(P['V'] @ C['s'][t], q)); chk(141, close(np.einsum('lm,m->l', P['V'], C['s'][t]), q))
dd = np.einsum('il,jm,m->lij', np.eye(K), np.eye(H), C['s'][t])
chk(144, close(dq_dV, dq_dV))
chk(145, close(dd, dq_dV))
chk(147, close(np.einsum('il,j->lij', np.eye(K), C['s'][t]), dq_dV))
chk(153, close(np.outer(yh - y, C['s'][t]), gV))
chk(158, close(np.outer(yh - y, C['s'][t]), gV))
# W derivation
chk(163, close(np.tanh(P['U'] @ X[t] + P['W'] @ C['s'][t - 1]), C['s'][t]))
gW = gpar('W', t); gU = gpar('U', t)
tot_W = total_s('W', t); tot_U = total_s('U', t)
g_q = yh - y
chk(168, close(np.einsum('l,lm,ijm->ij', g_q, P['V'], tot_W), gW))
chk(174, close(np.array([[(P['V'] @ (C['s'][t] + e))[l] - (P['V'] @ (C['s'][t] - e))[l] for e in np.eye(H) * EPS] for l in range(K)]) / (2 * EPS), P['V']))
J_t_t1 = jac_s(t, t - 1); J_t1_t2 = jac_s(t - 1, t - 2)
chk(182, close(imm_s('W', t) + np.einsum('mn,ijn->ijm', J_t_t1, total_s('W', t - 1)), tot_W))
chk(188, close(imm_s('W', t) + np.einsum('mn,ijn->ijm', J_t_t1, imm_s('W', t - 1))
               + np.einsum('mn,np,ijp->ijm', J_t_t1, J_t1_t2, total_s('W', t - 2)), tot_W))
def dsdsr(tn, r):
    M = np.eye(H)
    for j in range(tn - 1, r - 1, -1): M = M @ jac_s(j + 1, j)
    return M
sumW = sum(np.einsum('mn,ijn->ijm', dsdsr(t, r), imm_s('W', r)) for r in range(0, t + 1))
chk(195, close(sumW, tot_W)); chk(200, close(sumW, tot_W))
chk(207, close(np.einsum('l,lm,ijm->ij', g_q, P['V'], sumW), gW))
# U derivation
chk(214, close(np.einsum('k,kl,lm,ijm->ij', dE_dyh, Jsm, P['V'], tot_U), gU))
sumU = sum(np.einsum('mn,ijn->ijm', dsdsr(t, r), imm_s('U', r)) for r in range(0, t + 1))
chk(219, close(sumU, tot_U))
chk(224, close(np.einsum('l,lm,ijm->ij', g_q, P['V'], sumU), gU))
for ln in sorted(res):
    print(f"line {ln}: {'OK' if res[ln] else 'MISMATCH'}")
