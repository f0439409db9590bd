"""Finite-difference check of compphysics_rnnmath_multilayer_bptt.md (standalone numpy, float64).

Model (author's notation): layers l = 0 (input X), 1..L hidden (sigma_l = tanh), L+1 output
(sigma_{L+1} = logistic sigmoid, elementwise as the author assumes); column vectors;
z_l^(t) = W^{l-1,l} h_{l-1}^(t) + b^{l-1,l} + [t>=2](W^{ll} h_l^(t-1) + b^{ll});
C = sum_t C^(t), C^(t) = 0.5 ||yhat^(t) - y^(t)||^2.
Per-time "contributions" (.)^(t) are obtained by giving step t its own copy of a parameter;
the "layer" / "time" parts of dC/dh are obtained by perturbing h only where it enters the
next layer / the next time step.
"""
import numpy as np

rng = np.random.default_rng(0)
L, T = 2, 4
nf = [3, 4, 5, 2]          # n (input), n_1, n_2, m (output)
X = rng.standard_normal((T + 1, nf[0]))     # index 1..T used
Y = rng.standard_normal((T + 1, nf[L + 1]))
P = {}
for l in range(1, L + 2):
    P[('W', l - 1, l)] = rng.standard_normal((nf[l], nf[l - 1])) * 0.7
    P[('b', l - 1, l)] = rng.standard_normal(nf[l]) * 0.3
for l in range(1, L + 1):
    P[('W', l, l)] = rng.standard_normal((nf[l], nf[l])) * 0.7
    P[('b', l, l)] = rng.standard_normal(nf[l]) * 0.3

sig = lambda u: 1 / (1 + np.exp(-u))
dsig = lambda u: sig(u) * (1 - sig(u))
dtanh = lambda u: 1 - np.tanh(u) ** 2


def forward(pert=None):
    """pert: dict of additive perturbations.
    ('P', key, t): to the step-t copy of parameter key
    ('z', l, t): to z_l^(t) ; ('h', l, t): to h_l^(t) everywhere it is used
    ('hl', l, t): to h_l^(t) only where it enters layer l+1 at time t
    ('ht', l, t): to h_l^(t) only where it enters layer l at time t+1"""
    pert = pert or {}
    g = lambda k, shape: pert.get(k, np.zeros(shape))
    h = {}; z = {}; C = 0.0
    for t in range(1, T + 1):
        h[(0, t)] = X[t]
        for l in range(1, L + 2):
            Wl = P[('W', l - 1, l)] + g(('P', ('W', l - 1, l), t), P[('W', l - 1, l)].shape)
            bl = P[('b', l - 1, l)] + g(('P', ('b', l - 1, l), t), P[('b', l - 1, l)].shape)
            hin = h[(l - 1, t)] + g(("hl", l - 1, t), (nf[l - 1],))
            zz = Wl @ hin + bl
            if l <= L and t >= 2:
                Wt = P[('W', l, l)] + g(('P', ('W', l, l), t), P[('W', l, l)].shape)
                bt = P[('b', l, l)] + g(('P', ('b', l, l), t), P[('b', l, l)].shape)
                zz = zz + Wt @ (h[(l, t - 1)] + g(('ht', l, t - 1), (nf[l],))) + bt
            zz = zz + g(('z', l, t), (nf[l],))
            z[(l, t)] = zz
            hh = np.tanh(zz) if l <= L else sig(zz)
            h[(l, t)] = hh + g(('h', l, t), (nf[l],))
        C += 0.5 * np.sum((h[(L + 1, t)] - Y[t]) ** 2)
    return C, h, z


C0, H, Z = forward()


def fd(key, shape, eps=1e-6):
    gr = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        gr[idx] = (forward({key: d})[0] - forward({key: -d})[0]) / (2 * eps)
    return gr


def fd_shared(key, eps=1e-6):
    shape = P[key].shape; gr = np.zeros(shape)
    for idx in np.ndindex(*shape):
        old = P[key][idx]
        P[key][idx] = old + eps; cp = forward()[0]
        P[key][idx] = old - eps; cm = forward()[0]
        P[key][idx] = old
        gr[idx] = (cp - cm) / (2 * eps)
    return gr


res = {}
def rep(line, ok_list):
    err = max(ok_list)
    res.setdefault(line, []).append(err)

# ---------- output layer ----------
for t in range(1, T + 1):
    dC_dyhat = H[(L + 1, t)] - Y[t]            # dC^(t)/dyhat^(t) (assumed known by the author)
    zt = Z[(L + 1, t)]
    true_dz = fd(('z', L + 1, t), (nf[L + 1],))
    true_dCt_dz = true_dz                       # C^(t) is the only term depending on z_{L+1}^(t)
    m = nf[L + 1]
    # line 78 first row: dC/dz = dC^(t)/dz  (check: FD of C equals FD of C^(t)); FD of C^(t)
    def Ct(dz):
        zz = zt + dz; return 0.5 * np.sum((sig(zz) - Y[t]) ** 2)
    fdCt = np.array([(Ct(e * 1e-6) - Ct(-e * 1e-6)) / 2e-6 for e in np.eye(m)])
    rep(78, [np.max(np.abs(true_dz - fdCt))])
    # row 80: sum_j dC/dyhat_j dyhat_j/dz_i (Jacobian of sigmoid, computed numerically)
    J = np.array([(sig(zt + e * 1e-6) - sig(zt - e * 1e-6)) / 2e-6 for e in np.eye(m)]).T  # J[j,i]
    rep(80, [np.max(np.abs(true_dz - dC_dyhat @ J))])
    row82 = np.array([sum(dC_dyhat[j] * dsig(zt[i]) * (i == j) for j in range(m)) for i in range(m)])
    rep(82, [np.max(np.abs(true_dz - row82))])
    rep(84, [np.max(np.abs(true_dz - dC_dyhat * dsig(zt)))])
    rep(94, [np.max(np.abs(true_dz - dC_dyhat * dsig(zt)))])
    delta = dC_dyhat * dsig(zt)
    rep(115, [np.max(np.abs(true_dCt_dz - delta))])
    # bias contribution
    tb = fd(('P', ('b', L, L + 1), t), (m,))
    for ln in (123, 125, 127, 129, 131, 135):
        rep(ln, [np.max(np.abs(tb - delta))])
    tW = fd(('P', ('W', L, L + 1), t), (m, nf[L]))
    hL = H[(L, t)]
    row142 = np.array([[sum(delta[k1] * (hL[j] if (k1 == i) else 0.0) for k1 in range(m)) for j in range(nf[L])] for i in range(m)])
    for ln in (142, 144, 147):
        rep(ln, [np.max(np.abs(tW - row142))])
    rep(149, [np.max(np.abs(tW - np.outer(delta, hL)))])
    rep(151, [np.max(np.abs(tW - delta[:, None] @ hL[None, :]))])
    rep(156, [np.max(np.abs(tW - delta[:, None] @ hL[None, :]))])
    rep(162, [np.max(np.abs(delta[:, None] @ hL[None, :] - np.array([[delta[i] * hL[j] for j in range(nf[L])] for i in range(m)])))])
    # dC/dh_L^(t) through the output layer ("layer" part)
    th = fd(('hl', L, t), (nf[L],))
    Wo = P[('W', L, L + 1)]
    for ln in (184, 186, 188, 190, 192, 194, 199):
        rep(ln, [np.max(np.abs(th - Wo.T @ delta))])

# sums over t of the output-layer contributions
gb = fd_shared(('b', L, L + 1)); gW = fd_shared(('W', L, L + 1))
sb = sum(fd(('P', ('b', L, L + 1), t), (nf[L + 1],)) for t in range(1, T + 1))
sW = sum(fd(('P', ('W', L, L + 1), t), (nf[L + 1], nf[L])) for t in range(1, T + 1))
rep(137, [np.max(np.abs(gb - sb))]); rep(158, [np.max(np.abs(gW - sW))])

# ---------- arbitrary hidden node ----------
for l in range(1, L + 1):
    for t in range(1, T + 1):
        tot = fd(('h', l, t), (nf[l],))
        lay = fd(('hl', l, t), (nf[l],))
        tim = fd(('ht', l, t), (nf[l],)) if t < T else np.zeros(nf[l])
        rep(205, [np.max(np.abs(tot - (lay + tim)))])
        dl = tot * dtanh(Z[(l, t)])
        rep(211, [np.max(np.abs(fd(('z', l, t), (nf[l],)) - dl))])
        # 213: bias contributions (the time bias b^{ll} only enters for t >= 2)
        e = [np.max(np.abs(fd(('P', ('b', l - 1, l), t), (nf[l],)) - dl))]
        if t >= 2:
            e.append(np.max(np.abs(fd(('P', ('b', l, l), t), (nf[l],)) - dl)))
        rep(213, e)
        rep(215, [np.max(np.abs(fd(('P', ('W', l - 1, l), t), (nf[l], nf[l - 1])) - np.outer(dl, H[(l - 1, t)])))])
        if t >= 2:
            rep(217, [np.max(np.abs(fd(('P', ('W', l, l), t), (nf[l], nf[l])) - np.outer(dl, H[(l, t - 1)])))])
            rep(221, [np.max(np.abs(fd(('ht', l, t - 1), (nf[l],)) - P[('W', l, l)].T @ dl))])
        rep(219, [np.max(np.abs(fd(('hl', l - 1, t), (nf[l - 1],)) - P[('W', l - 1, l)].T @ dl))])
    # sums
    rep(226, [np.max(np.abs(fd_shared(('b', l - 1, l)) - sum(fd(('P', ('b', l - 1, l), t), (nf[l],)) for t in range(1, T + 1))))])
    rep(228, [np.max(np.abs(fd_shared(('b', l, l)) - sum(fd(('P', ('b', l, l), t), (nf[l],)) for t in range(2, T + 1))))])
    rep(230, [np.max(np.abs(fd_shared(('W', l - 1, l)) - sum(fd(('P', ('W', l - 1, l), t), (nf[l], nf[l - 1])) for t in range(1, T + 1))))])
    rep(232, [np.max(np.abs(fd_shared(('W', l, l)) - sum(fd(('P', ('W', l, l), t), (nf[l], nf[l])) for t in range(2, T + 1))))])

for line in sorted(res):
    err = max(res[line])
    print(f"line {line}: OK" if err < 1e-6 else f"line {line}: MISMATCH (max err {err:.3e})")
