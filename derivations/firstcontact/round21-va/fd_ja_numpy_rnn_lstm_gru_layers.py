# FD checks for ja_numpy_rnn_lstm_gru_layers.md
# Author's layers (row-vector batch layout, inputs (B, T, D)):
#   RNN:  h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)
#   LSTM: [f,i,c~,o] = act([h_{t-1}, x_t] W + b), c_t = f*c_{t-1} + i*c~, h_t = o*tanh(c_t)
#   GRU:  z = s([h,x] W_z + b_z), r = s([h,x] W_r + b_r), h~ = tanh([r*h, x] W_h + b_h), h_t = (1-z)*h + z*h~
# backward(grad) receives grad = dL/d(output) (B, T, H) for every time step; here L = sum(G * output) with a random G,
# so the author's "grad" is exactly G.  Every intermediate of the author's backward is compared with the FD derivative
# of L w.r.t. the node it names (path-restricted where the code accumulates a gradient in several += steps).
import numpy as np

rng = np.random.default_rng(3)
Bn, T, D, H = 2, 4, 3, 3
eps = 1e-6
sig = lambda a: 1 / (1 + np.exp(-a))
close = lambda A, B: np.allclose(A, B, atol=1e-6, rtol=1e-5)
X = rng.normal(size=(Bn, T, D))
G = rng.normal(size=(Bn, T, H))


def rep(line, ok, note=""):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")


def fd(L, shape, key, t):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (L({(key, t): e}) - L({(key, t): -e})) / (2 * eps)
    return g


def fd_multi(L, shape, keys, t):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (L({(k, t): e for k in keys}) - L({(k, t): -e for k in keys})) / (2 * eps)
    return g


def fd_param(Lp, P, name):
    M = P[name]; g = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        Q = dict(P); Mp = M.copy(); Mp[idx] += eps; Q[name] = Mp; lp = Lp(Q)
        Mm = M.copy(); Mm[idx] -= eps; Q[name] = Mm; lm = Lp(Q)
        g[idx] = (lp - lm) / (2 * eps)
    return g


for l in (7, 8, 11, 12, 13, 14, 15, 16, 19, 20, 21, 22):
    rep(l, True, "(docstring forward definition; the code implements it in row-vector form)")

# ======================= RNN =======================
PR = {"W_xh": rng.normal(size=(D, H)), "W_hh": rng.normal(size=(H, H)) * 0.8, "b_h": rng.normal(size=H) * 0.3}


def rnn_fwd(P, pert=None):
    pert = pert or {}
    h = np.zeros((Bn, H)); hs = [h]; out = []
    for t in range(T):
        a = X[:, t] @ P["W_xh"] + h @ P["W_hh"] + P["b_h"] + pert.get(("a", t), 0)
        h = np.tanh(a) + pert.get(("h", t), 0)
        hs.append(h); out.append(h)
    return np.stack(out, 1), hs


Lr = lambda pert=None, P=PR: float(np.sum(G * rnn_fwd(P, pert)[0]))
_, hs = rnn_fwd(PR)
gW = {k: np.zeros_like(v) for k, v in PR.items()}
dh_next = np.zeros((Bn, H)); ok = {77: True, 79: True, 85: True, 86: True}
for t in reversed(range(T)):
    dh = G[:, t] + dh_next
    ok[77] &= close(dh, fd(Lr, (Bn, H), "h", t))
    dtanh = dh * (1 - hs[t + 1] ** 2)
    ok[79] &= close(dtanh, fd(Lr, (Bn, H), "a", t))
    gW["W_xh"] += X[:, t].T @ dtanh; gW["W_hh"] += hs[t].T @ dtanh; gW["b_h"] += np.sum(dtanh, axis=0)
    dxt = dtanh @ PR["W_xh"].T
    # dx_t by FD: perturb x_t
    def Lx(pert, t=t):
        Xp = X.copy()
        for (k, tt), v in pert.items():
            Xp[:, tt] += v
        h = np.zeros((Bn, H)); s = 0.0
        for u in range(T):
            h = np.tanh(Xp[:, u] @ PR["W_xh"] + h @ PR["W_hh"] + PR["b_h"]); s += np.sum(G[:, u] * h)
        return s
    ok[85] &= close(dxt, fd(Lx, (Bn, D), "x", t))
    dh_next = dtanh @ PR["W_hh"].T
    if t > 0:
        ok[86] &= close(dh_next, fd(Lr, (Bn, H), "h", t - 1) - G[:, t - 1])   # part of dL/dh_{t-1} through step t
rep(61, True, "(forward)")
for l in (77, 79, 85, 86):
    rep(l, ok[l])
for l, k in ((81, "W_xh"), (82, "W_hh"), (83, "b_h")):
    rep(l, close(gW[k], fd_param(lambda Q: Lr(P=Q), PR, k)), f"(accumulated grad {k})")

# ======================= LSTM =======================
PL = {"W": rng.normal(size=(H + D, 4 * H)) * 0.7, "b": rng.normal(size=4 * H) * 0.3}


def lstm_fwd(P, pert=None):
    pert = pert or {}
    g_ = lambda k, t: pert.get((k, t), 0)
    h = np.zeros((Bn, H)); c = np.zeros((Bn, H)); cache = []; out = []
    for t in range(T):
        concat = np.concatenate([h + g_("hin", t), X[:, t] + g_("x", t)], axis=1)
        gates = concat @ P["W"] + P["b"] + g_("gates", t)
        f = sig(gates[:, :H]) + g_("f", t)
        i = sig(gates[:, H:2 * H]) + g_("i", t)
        ct = np.tanh(gates[:, 2 * H:3 * H]) + g_("ct", t)
        o = sig(gates[:, 3 * H:]) + g_("o", t)
        cprev = c
        c = f * cprev + i * ct + g_("c", t)
        h = o * np.tanh(c) + g_("h", t)
        cache.append((concat, f, i, ct, o, c, h, cprev)); out.append(h)
    return np.stack(out, 1), cache


Ll = lambda pert=None, P=PL: float(np.sum(G * lstm_fwd(P, pert)[0]))
_, cache = lstm_fwd(PL)
W = PL["W"]
gWl = np.zeros_like(W); gbl = np.zeros_like(PL["b"])
dh_next = np.zeros((Bn, H)); dc_next = np.zeros((Bn, H))
okl = {k: True for k in (164, 166, 170, 171, 174, 175, 176, 177, 180, 181, 182, 183, 185, 190, 191, 192)}
for t in reversed(range(T)):
    concat, f, i, ct, o, c, h, cprev_true = cache[t]
    c_prev = cache[t - 1][5] if t > 0 else np.zeros((Bn, H))
    okl[164] &= close(c_prev, cprev_true)
    dh = G[:, t] + dh_next
    okl[166] &= close(dh, fd(Ll, (Bn, H), "h", t))
    tanh_c = np.tanh(c)
    do = dh * tanh_c
    okl[170] &= close(do, fd(Ll, (Bn, H), "o", t))
    dc = dh * o * (1 - tanh_c ** 2) + dc_next
    okl[171] &= close(dc, fd(Ll, (Bn, H), "c", t))
    df = dc * c_prev; di = dc * ct; dct = dc * i
    okl[174] &= close(df, fd(Ll, (Bn, H), "f", t))
    okl[175] &= close(di, fd(Ll, (Bn, H), "i", t))
    okl[176] &= close(dct, fd(Ll, (Bn, H), "ct", t))
    dc_next = dc * f
    if t > 0:   # part of dL/dc_{t-1} through c_t = f*c_{t-1} + ...
        okl[177] &= close(dc_next, fd(Ll, (Bn, H), "c", t - 1) - fd(Ll, (Bn, H), "h", t - 1) * cache[t - 1][4] * (1 - np.tanh(cache[t - 1][5]) ** 2))
    dfr = df * f * (1 - f); dir_ = di * i * (1 - i); dctr = dct * (1 - ct ** 2); dor = do * o * (1 - o)
    fg = fd(Ll, (Bn, 4 * H), "gates", t)
    okl[180] &= close(dfr, fg[:, :H]); okl[181] &= close(dir_, fg[:, H:2 * H])
    okl[182] &= close(dctr, fg[:, 2 * H:3 * H]); okl[183] &= close(dor, fg[:, 3 * H:])
    dgates = np.concatenate([dfr, dir_, dctr, dor], axis=1)
    okl[185] &= close(dgates, fg)
    gWl += concat.T @ dgates; gbl += np.sum(dgates, axis=0)
    d_concat = dgates @ W.T
    okl[190] &= close(d_concat, np.concatenate([fd(Ll, (Bn, H), "hin", t), fd(Ll, (Bn, D), "x", t)], axis=1))
    dh_next = d_concat[:, :H]
    okl[191] &= close(dh_next, fd(Ll, (Bn, H), "hin", t))
    okl[192] &= close(d_concat[:, H:], fd(Ll, (Bn, D), "x", t))
for l in (133, 135, 136, 137, 138, 140, 141):
    rep(l, True, "(forward)")
for l in sorted(okl):
    rep(l, okl[l])
rep(187, close(gWl, fd_param(lambda Q: Ll(P=Q), PL, "W")), "(accumulated grad W)")
rep(188, close(gbl, fd_param(lambda Q: Ll(P=Q), PL, "b")), "(accumulated grad b)")

# ======================= GRU =======================
PG = {"W_z": rng.normal(size=(H + D, H)) * 0.7, "b_z": rng.normal(size=H) * 0.3,
      "W_r": rng.normal(size=(H + D, H)) * 0.7, "b_r": rng.normal(size=H) * 0.3,
      "W_h": rng.normal(size=(H + D, H)) * 0.7, "b_h": rng.normal(size=H) * 0.3}


def gru_fwd(P, pert=None):
    pert = pert or {}
    g_ = lambda k, t: pert.get((k, t), 0)
    h = np.zeros((Bn, H)); cache = []; out = []
    for t in range(T):
        hc, hr, hi = h + g_("h_cat", t), h + g_("h_rh", t), h + g_("h_int", t)   # three uses of h_{t-1}
        xc, xh = X[:, t] + g_("x_cat", t), X[:, t] + g_("x_h", t)
        concat = np.concatenate([hc, xc], axis=1)
        zp = concat @ P["W_z"] + P["b_z"] + g_("zpre", t)
        rp = concat @ P["W_r"] + P["b_r"] + g_("rpre", t)
        z = sig(zp) + g_("z", t); r = sig(rp) + g_("r", t)
        rh = r * hr + g_("rh", t)
        concat_r = np.concatenate([rh, xh], axis=1)
        hp_ = concat_r @ P["W_h"] + P["b_h"] + g_("htpre", t)
        ht = np.tanh(hp_) + g_("ht", t)
        hn = (1 - z) * hi + z * ht + g_("h", t)
        cache.append((concat, concat_r, z, r, ht, h, hn)); h = hn; out.append(h)
    return np.stack(out, 1), cache


Lg = lambda pert=None, P=PG: float(np.sum(G * gru_fwd(P, pert)[0]))
_, cache = gru_fwd(PG)
gg = {k: np.zeros_like(v) for k, v in PG.items()}
dh_next = np.zeros((Bn, H))
okg = {k: True for k in (275, 278, 279, 280, 283, 287, 288, 289, 292, 293, 294, 299, 303, 304, 305)}
for t in reversed(range(T)):
    concat, concat_r, z, r, h_tilde, h_prev, h_new = cache[t]
    dh = G[:, t] + dh_next
    okg[275] &= close(dh, fd(Lg, (Bn, H), "h", t))
    dz = dh * (h_tilde - h_prev); dht = dh * z; dhp = dh * (1 - z)
    okg[278] &= close(dz, fd(Lg, (Bn, H), "z", t))
    okg[279] &= close(dht, fd(Lg, (Bn, H), "ht", t))
    okg[280] &= close(dhp, fd(Lg, (Bn, H), "h_int", t))
    dhtr = dht * (1 - h_tilde ** 2)
    okg[283] &= close(dhtr, fd(Lg, (Bn, H), "htpre", t))
    gg["W_h"] += concat_r.T @ dhtr; gg["b_h"] += np.sum(dhtr, axis=0)
    dcr = dhtr @ PG["W_h"].T
    okg[287] &= close(dcr, np.concatenate([fd(Lg, (Bn, H), "rh", t), fd(Lg, (Bn, D), "x_h", t)], axis=1))
    dr_h = dcr[:, :H]
    okg[288] &= close(dr_h, fd(Lg, (Bn, H), "rh", t))
    dx_part = dcr[:, H:]
    okg[289] &= close(dx_part, fd(Lg, (Bn, D), "x_h", t))
    dr = dr_h * h_prev
    okg[292] &= close(dr, fd(Lg, (Bn, H), "r", t))
    dhp = dhp + dr_h * r
    okg[293] &= close(dhp, fd_multi(Lg, (Bn, H), ["h_int", "h_rh"], t))
    drr = dr * r * (1 - r)
    okg[294] &= close(drr, fd(Lg, (Bn, H), "rpre", t))
    gg["W_r"] += concat.T @ drr; gg["b_r"] += np.sum(drr, axis=0)
    dzr = dz * z * (1 - z)
    okg[299] &= close(dzr, fd(Lg, (Bn, H), "zpre", t))
    gg["W_z"] += concat.T @ dzr; gg["b_z"] += np.sum(dzr, axis=0)
    dcat = dzr @ PG["W_z"].T + drr @ PG["W_r"].T
    okg[303] &= close(dcat, np.concatenate([fd(Lg, (Bn, H), "h_cat", t), fd(Lg, (Bn, D), "x_cat", t)], axis=1))
    dh_next = dhp + dcat[:, :H]
    okg[304] &= close(dh_next, fd_multi(Lg, (Bn, H), ["h_int", "h_rh", "h_cat"], t))
    dx_t = dx_part + dcat[:, H:]
    okg[305] &= close(dx_t, fd_multi(Lg, (Bn, D), ["x_h", "x_cat"], t))
for l in (243, 244, 246, 247, 249):
    rep(l, True, "(forward)")
for l in sorted(okg):
    rep(l, okg[l])
for l, k in ((284, "W_h"), (285, "b_h"), (295, "W_r"), (296, "b_r"), (300, "W_z"), (301, "b_z")):
    rep(l, close(gg[k], fd_param(lambda Q: Lg(P=Q), PG, k)), f"(accumulated grad {k})")
