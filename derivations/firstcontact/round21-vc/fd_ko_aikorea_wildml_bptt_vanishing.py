# FD check for ko_aikorea_wildml_bptt_vanishing.md (AI Korea translation of WildML RNN tutorial part 3).
# Model (WildML conventions, column vectors): s_t = tanh(U x_t + W s_{t-1}), yhat_t = softmax(V s_t),
# E_t = -y_t . log yhat_t (one-hot y_t), t = 0..T-1, s_{-1} = 0; x_t one-hot word indices (so U x_t = U[:, x_t]).
# The total loss used as reference is the cross-entropy sum_t E_t (the post calls it cross entropy; the
# English original writes E = sum_t E_t).  U: H x V, W: H x H, V: V x H (V = vocabulary size).
import numpy as np
rng = np.random.default_rng(5)
VOC, H, T = 5, 4, 4
EPS = 1e-6
P = dict(U=rng.normal(size=(H, VOC)) * .8, W=rng.normal(size=(H, H)) * .8, V=rng.normal(size=(VOC, H)) * .8)
xs = rng.integers(0, VOC, size=T); ys = rng.integers(0, VOC, size=T)
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
def close(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-5)
def softmax(o): e = np.exp(o - o.max()); return e / e.sum()
def onehot(i, n=VOC): v = np.zeros(n); v[i] = 1.; return v

def fwd(P, local=None, spert=None, zpert=None):
    s = {-1: np.zeros(H)}; yh = {}; E = {}; z = {}
    for t in range(T):
        W = {k: P[k] + (local[2] if (local and local[0] == k and local[1] == t) else 0) for k in P}
        z[t] = W['U'] @ onehot(xs[t]) + W['W'] @ s[t - 1]
        if zpert and zpert[0] == t: z[t] = z[t] + zpert[1]
        s[t] = np.tanh(z[t])
        if spert and spert[0] == t: s[t] = s[t] + spert[1]
        yh[t] = softmax(W['V'] @ s[t])
        E[t] = -onehot(ys[t]) @ np.log(yh[t])
    return dict(s=s, yh=yh, E=E, z=z, CE=sum(E.values()))
C = fwd(P)
def gpar(name, which=None, local_step=None):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        d = np.zeros_like(P[name]); d[idx] = EPS
        if local_step is None:
            fp = fwd(dict(P, **{name: P[name] + d})); fm = fwd(dict(P, **{name: P[name] - d}))
        else:
            fp = fwd(P, local=(name, local_step, d)); fm = fwd(P, local=(name, local_step, -d))
        vp = fp['CE'] if which is None else fp['E'][which]
        vm = fm['CE'] if which is None else fm['E'][which]
        G[idx] = (vp - vm) / (2 * EPS)
    return G
def jac_s(tn, tk):   # d s_tn / d s_tk (numerator layout), FD
    J = np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H); e[j] = EPS
        J[:, j] = (fwd(P, spert=(tk, e))['s'][tn] - fwd(P, spert=(tk, -e))['s'][tn]) / (2 * EPS)
    return J
def dE_dvec(which, t, kind):   # row vector dE_which / d s_t  or  / d z_t
    out = np.zeros(H)
    for j in range(H):
        e = np.zeros(H); e[j] = EPS
        kw = {'spert' if kind == 's' else 'zpert': (t, e)}; km = {'spert' if kind == 's' else 'zpert': (t, -e)}
        out[j] = (fwd(P, **kw)['E'][which] - fwd(P, **km)['E'][which]) / (2 * EPS)
    return out

t3 = 3
# forward and loss rows
chk(26, close(np.tanh(P['U'] @ onehot(xs[2]) + P['W'] @ C['s'][1]), C['s'][2]))
chk(27, close(softmax(P['V'] @ C['s'][2]), C['yh'][2]))
chk(35, close(-onehot(ys[1]) @ np.log(C['yh'][1]), C['E'][1]))
chk(36, close(-sum(C['E'].values()), C['CE']))                     # E = -sum_t E_t vs cross-entropy total
chk(37, close(-sum(C['E'].values()), -sum(-onehot(ys[t]) @ np.log(C['yh'][t]) for t in range(T))))
chk(45, close(sum(gpar('W', which=t) for t in range(T)), gpar('W')))
# V
gV3 = gpar('V', which=t3)
gy = -onehot(ys[t3]) / C['yh'][t3]
zo = P['V'] @ C['s'][t3]
Jy = np.zeros((VOC, VOC))
for j in range(VOC):
    e = np.zeros(VOC); e[j] = EPS; Jy[:, j] = (softmax(zo + e) - softmax(zo - e)) / (2 * EPS)
g_zo = gy @ Jy                                                      # dE3/dyhat3 * dyhat3/dz3
chk(51, close(np.outer(g_zo, C['s'][t3]), gV3))                    # chain through yhat3
chk(52, close(np.outer(g_zo, C['s'][t3]), gV3) and close(g_zo, C['yh'][t3] - onehot(ys[t3])))
chk(53, close(np.outer(C['yh'][t3] - onehot(ys[t3]), C['s'][t3]), gV3))
chk(57, close(P['V'] @ C['s'][t3], zo))
# W
gW3 = gpar('W', which=t3)
gs3 = dE_dvec(t3, t3, 's')
tot_s3 = np.zeros((H, H, H))
for idx in np.ndindex(H, H):
    d = np.zeros((H, H)); d[idx] = EPS
    tot_s3[idx] = (fwd(dict(P, W=P['W'] + d))['s'][t3] - fwd(dict(P, W=P['W'] - d))['s'][t3]) / (2 * EPS)
chk(61, close(np.einsum('m,abm->ab', gs3, tot_s3), gW3))
def imm_W(g_s, k):    # immediate d s_k / dW contracted with row g_s: (g_s * (1-s_k^2)) s_{k-1}^T
    return np.outer(g_s * (1 - C['s'][k] ** 2), C['s'][k - 1])
def prodJ(tn, k):
    M = np.eye(H)
    for j in range(tn - 1, k - 1, -1): M = M @ jac_s(j + 1, j)
    return M
s65 = sum(imm_W(gs3 @ jac_s(t3, k) if k < t3 else gs3, k) for k in range(0, t3 + 1))
chk(65, close(s65, gW3)); chk(107, close(s65, gW3))
chk(109, close(jac_s(3, 1), jac_s(3, 2) @ jac_s(2, 1)))
s111 = sum(imm_W(gs3 @ prodJ(t3, k), k) for k in range(0, t3 + 1))
chk(111, close(s111, gW3))
# line 71: delta_2^(3) = dE3/dz2 = dE3/ds3 ds3/ds2 ds2/dz2 ; delta_1^(3) = delta_2 dz2/ds1 ds1/dz1 ;
#          per-step dE3/dU = delta_i x_i^T, dE3/dW = delta_i s_{i-1}^T
d2 = dE_dvec(t3, 2, 'z'); d1 = dE_dvec(t3, 1, 'z')
ok71 = close(gs3 @ jac_s(3, 2) @ np.diag(1 - C['s'][2] ** 2), d2)
ok71 &= close(d2 @ P['W'] @ np.diag(1 - C['s'][1] ** 2), d1)
for i in range(T):
    di = dE_dvec(t3, i, 'z') if i <= t3 else np.zeros(H)
    ok71 &= close(np.outer(di, onehot(xs[i])), gpar('U', which=t3, local_step=i))
    ok71 &= close(np.outer(di, C['s'][i - 1]), gpar('W', which=t3, local_step=i))
chk(71, ok71)

# the bptt() code, verbatim logic (WildML forward: s has T+1 rows, s[-1] = 0; o = softmax outputs)
def bptt(bptt_truncate):
    s = np.zeros((T + 1, H)); o = np.zeros((T, VOC))
    for t in np.arange(T):
        s[t] = np.tanh(P['U'][:, xs[t]] + P['W'].dot(s[t - 1])); o[t] = softmax(P['V'].dot(s[t]))
    dLdU = np.zeros(P['U'].shape); dLdV = np.zeros(P['V'].shape); dLdW = np.zeros(P['W'].shape)
    delta_o = o.copy(); delta_o[np.arange(len(ys)), ys] -= 1.
    trace = {}
    for t in np.arange(T)[::-1]:
        dLdV += np.outer(delta_o[t], s[t].T)
        delta_t = P['V'].T.dot(delta_o[t]) * (1 - (s[t] ** 2))
        trace[(t, t)] = delta_t.copy()
        for bptt_step in np.arange(max(0, t - bptt_truncate), t + 1)[::-1]:
            dLdW += np.outer(delta_t, s[bptt_step - 1])
            dLdU[:, xs[bptt_step]] += delta_t
            delta_t = P['W'].T.dot(delta_t) * (1 - s[bptt_step - 1] ** 2)
            trace[(t, bptt_step - 1)] = delta_t.copy()
    return dLdU, dLdV, dLdW, delta_o, trace
dU, dV, dW, delta_o, trace = bptt(bptt_truncate=T)
chk(83, all(close(delta_o[t], C['yh'][t] - onehot(ys[t])) for t in range(T)))
chk(86, close(dV, gpar('V')))
chk(88, all(close(trace[(t, t)], dE_dvec(t, t, 'z')) for t in range(T)))
chk(93, close(dW, gpar('W')))
chk(94, close(dU, gpar('U')))
chk(96, all(close(trace[(t, k)], dE_dvec(t, k, 'z')) for t in range(T) for k in range(0, t)))
for ln in sorted(res):
    print(f"line {ln}: {'OK' if res[ln] else 'MISMATCH'}")
