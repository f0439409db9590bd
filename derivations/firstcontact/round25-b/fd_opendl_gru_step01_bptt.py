"""Finite-difference check of opendl_gru_step01_bptt.md (numpy only).

Author's cell (row vectors, shape 1 x H, Cho et al. canonical form):
  r_t = sig(x_t W_xr + h_{t-1} W_hr + b_r)
  z_t = sig(x_t W_xz + h_{t-1} W_hz + b_z)
  h~_t = tanh(x_t W_xh + (r_t * h_{t-1}) W_hh + b_h)
  h_t = (1 - z_t) * h_{t-1} + z_t * h~_t
  o_t = h_t W_hy + b_y,  y^_t = softmax(o_t),  L = sum_t -log y^_t[class_t]
"""
import numpy as np

rng = np.random.default_rng(0)
D, H, K, T = 3, 4, 3, 4
EPS = 1e-6
TOL = 1e-6


def sig(a):
    return 1.0 / (1.0 + np.exp(-a))


def softmax(o):
    e = np.exp(o - o.max())
    return e / e.sum()


P = {
    "W_xr": rng.normal(0, 0.6, (D, H)), "W_hr": rng.normal(0, 0.6, (H, H)), "b_r": rng.normal(0, 0.3, (1, H)),
    "W_xz": rng.normal(0, 0.6, (D, H)), "W_hz": rng.normal(0, 0.6, (H, H)), "b_z": rng.normal(0, 0.3, (1, H)),
    "W_xh": rng.normal(0, 0.6, (D, H)), "W_hh": rng.normal(0, 0.6, (H, H)), "b_h": rng.normal(0, 0.3, (1, H)),
    "W_hy": rng.normal(0, 0.6, (H, K)), "b_y": rng.normal(0, 0.3, (1, K)),
}
X = [rng.normal(0, 1, (1, D)) for _ in range(T)]
CLS = [int(c) for c in rng.integers(0, K, T)]
Y = [np.eye(K)[[c]] for c in CLS]
h0 = rng.normal(0, 0.5, (1, H))


def step(P, x, hp, pert=None, t=None):
    """One GRU step. pert: dict {(t, name): delta} adds delta to an intermediate.
    Names: hp_lin, hp_reset, hp_z, hp_r (separate uses of h_{t-1}), zr, r, zz, z, hreset, zh, hc, h."""
    def add(name, v):
        if pert is not None and (t, name) in pert:
            return v + pert[(t, name)]
        return v
    hp_lin = add("hp_lin", hp)
    hp_reset = add("hp_reset", hp)
    hp_z = add("hp_z", hp)
    hp_r = add("hp_r", hp)
    zr = add("zr", x @ P["W_xr"] + hp_r @ P["W_hr"] + P["b_r"])
    r = add("r", sig(zr))
    zz = add("zz", x @ P["W_xz"] + hp_z @ P["W_hz"] + P["b_z"])
    z = add("z", sig(zz))
    hreset = add("hreset", r * hp_reset)
    zh = add("zh", x @ P["W_xh"] + hreset @ P["W_hh"] + P["b_h"])
    hc = add("hc", np.tanh(zh))
    h = add("h", (1 - z) * hp_lin + z * hc)
    return dict(zr=zr, r=r, zz=zz, z=z, hreset=hreset, zh=zh, hc=hc, h=h, hp=hp)


def forward(P, pert=None, h_init=None):
    h = h0 if h_init is None else h_init
    cache, L = [], 0.0
    for t in range(T):
        c = step(P, X[t], h, pert, t)
        o = c["h"] @ P["W_hy"] + P["b_y"]
        p = softmax(o)
        L += -np.log(p[0, CLS[t]])
        c["o"], c["p"] = o, p
        cache.append(c)
        h = c["h"]
    return L, cache


def fd_param(name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(*P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}
        Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS
        Pm[name][idx] -= EPS
        g[idx] = (forward(Pp)[0] - forward(Pm)[0]) / (2 * EPS)
    return g


def fd_inter(t, name, shape=(1, H)):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape)
        d[idx] = EPS
        Lp = forward(P, {(t, name): d})[0]
        Lm = forward(P, {(t, name): -d})[0]
        g[idx] = (Lp - Lm) / (2 * EPS)
    return g


def fd_inter_multi(t, names, shape=(1, H)):
    """perturb several uses at once (same delta)."""
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape)
        d[idx] = EPS
        Lp = forward(P, {(t, n): d for n in names})[0]
        Lm = forward(P, {(t, n): -d for n in names})[0]
        g[idx] = (Lp - Lm) / (2 * EPS)
    return g


def fd_logit(t):
    # dL/do_t : perturb o_t through a bias-like shift on the logits at step t only
    g = np.zeros((1, K))
    L0, cache = forward(P)
    for k in range(K):
        for s in (+1, -1):
            pass
    # direct: L_t depends on o_t only through softmax CE of step t
    o = cache[t]["o"]
    for k in range(K):
        op, om = o.copy(), o.copy()
        op[0, k] += EPS
        om[0, k] -= EPS
        g[0, k] = (-np.log(softmax(op)[0, CLS[t]]) + np.log(softmax(om)[0, CLS[t]])) / (2 * EPS)
    return g


results = {}


def report(line, ok):
    results.setdefault(line, True)
    results[line] = results[line] and bool(ok)


def close(a, b, tol=TOL):
    return np.allclose(a, b, atol=tol, rtol=1e-4)


# ---------------- author's BPTT (Q10 formulas, row vectors) ----------------
L0, C = forward(P)
G = {k: np.zeros_like(v) for k, v in P.items()}
d_rec = np.zeros((1, H))
store = {}
for t in reversed(range(T)):
    c = C[t]
    hp = c["hp"]
    d_logit = c["p"] - Y[t]                                  # line 166 / 319
    G["W_hy"] += c["h"].T @ d_logit                          # line 172 / 320
    G["b_y"] += d_logit                                      # line 176 / 321
    d_h = d_logit @ P["W_hy"].T + d_rec                      # line 187 / 322
    d_hc = d_h * c["z"]                                      # line 196
    d_zh = d_hc * (1 - c["hc"] ** 2)                         # line 202 / 323
    G["W_xh"] += X[t].T @ d_zh                               # line 207 / 324
    G["W_hh"] += (c["r"] * hp).T @ d_zh                      # line 208 / 325
    G["b_h"] += d_zh                                         # line 209 / 326
    d_hreset = d_zh @ P["W_hh"].T                            # line 218 / 327
    d_r = d_hreset * hp                                      # line 224
    d_zr = d_r * c["r"] * (1 - c["r"])                       # line 230 / 328
    G["W_xr"] += X[t].T @ d_zr                               # line 235 / 329
    G["W_hr"] += hp.T @ d_zr                                 # line 236 / 330
    G["b_r"] += d_zr                                         # line 237 / 331
    d_z = d_h * (c["hc"] - hp)                               # line 246
    d_zz = d_z * c["z"] * (1 - c["z"])                       # line 252 / 332
    G["W_xz"] += X[t].T @ d_zz                               # line 257 / 333
    G["W_hz"] += hp.T @ d_zz                                 # line 258 / 334
    G["b_z"] += d_zz                                         # line 259 / 335
    path1 = d_h * (1 - c["z"])                               # line 274 / 337
    path2 = d_hreset * c["r"]                                # line 278 / 338
    path3 = d_zz @ P["W_hz"].T                               # line 282 / 339
    path4 = d_zr @ P["W_hr"].T                               # line 286 / 340
    d_rec = path1 + path2 + path3 + path4                    # lines 269, 292 / 341
    store[t] = dict(d_logit=d_logit, d_h=d_h, d_hc=d_hc, d_zh=d_zh, d_hreset=d_hreset, d_r=d_r,
                    d_zr=d_zr, d_z=d_z, d_zz=d_zz, p1=path1, p2=path2, p3=path3, p4=path4, rec=d_rec)

# ---------------- FD comparisons ----------------
for t in range(T):
    s = store[t]
    for ln in (166, 319):
        report(ln, close(s["d_logit"], fd_logit(t)))
    for ln in (187, 322):
        report(ln, close(s["d_h"], fd_inter(t, "h")))
    report(196, close(s["d_hc"], fd_inter(t, "hc")))
    for ln in (202, 323):
        report(ln, close(s["d_zh"], fd_inter(t, "zh")))
    for ln in (218, 327):
        report(ln, close(s["d_hreset"], fd_inter(t, "hreset")))
    report(224, close(s["d_r"], fd_inter(t, "r")))
    for ln in (230, 328):
        report(ln, close(s["d_zr"], fd_inter(t, "zr")))
    report(246, close(s["d_z"], fd_inter(t, "z")))
    for ln in (252, 332):
        report(ln, close(s["d_zz"], fd_inter(t, "zz")))
    # the four uses of h_{t-1} inside step t
    for ln, nm, key in ((274, "hp_lin", "p1"), (337, "hp_lin", "p1"), (278, "hp_reset", "p2"), (338, "hp_reset", "p2"),
                        (282, "hp_z", "p3"), (339, "hp_z", "p3"), (286, "hp_r", "p4"), (340, "hp_r", "p4")):
        report(ln, close(s[key], fd_inter(t, nm)))
    # recurrent error = gradient through step t's four uses of h_{t-1}
    rec_fd = fd_inter_multi(t, ["hp_lin", "hp_reset", "hp_z", "hp_r"])
    for ln in (269, 292, 341):
        report(ln, close(s["rec"], rec_fd))

for name, lines in (("W_hy", (172, 320)), ("b_y", (176, 321)), ("W_xh", (207, 324)), ("W_hh", (208, 325)),
                    ("b_h", (209, 326)), ("W_xr", (235, 329)), ("W_hr", (236, 330)), ("b_r", (237, 331)),
                    ("W_xz", (257, 333)), ("W_hz", (258, 334)), ("b_z", (259, 335))):
    g_fd = fd_param(name)
    for ln in lines:
        report(ln, close(G[name], g_fd))

# ---------------- Q2: Jacobian of one step (row-vector numerator layout J[i,j] = dh_t[i]/dh_{t-1}[j]) -----
def jac(fun, v):
    n = v.shape[1]
    out = fun(v)
    J = np.zeros((out.shape[1], n))
    for j in range(n):
        d = np.zeros_like(v)
        d[0, j] = EPS
        J[:, j] = ((fun(v + d) - fun(v - d)) / (2 * EPS))[0]
    return J


x1, hp1 = X[1], C[0]["h"]
c1 = step(P, x1, hp1)
J_h = jac(lambda v: step(P, x1, v)["h"], hp1)
J_hc = jac(lambda v: step(P, x1, v)["hc"], hp1)
J_z = jac(lambda v: step(P, x1, v)["z"], hp1)
z, hc = c1["z"][0], c1["hc"][0]
J_line30 = np.diag(1 - z) + z[:, None] * J_hc + (hc - hp1[0])[:, None] * J_z
report(30, close(J_line30, J_h))
report(44, close(np.diag(z * (1 - z)) @ P["W_hz"].T, J_z))
report(44, close(c1["z"], sig(x1 @ P["W_xz"] + hp1 @ P["W_hz"] + P["b_z"])))

# limit statements (lines 41, 47, 53): close the update gate with a very negative bias
Pc = {k: v.copy() for k, v in P.items()}
Pc["b_z"] = np.full((1, H), -40.0)
hs = [h0]
for t in range(T):
    hs.append(step(Pc, X[t], hs[-1])["h"])
report(41, np.allclose(hs[2], hs[1], atol=1e-12))
J_closed = jac(lambda v: step(Pc, X[1], v)["h"], hs[1])
report(47, np.allclose(J_closed, np.eye(H), atol=1e-8))
# product over several steps: dh_T/dh_t for t=1, T=T
def roll(v):
    h = v
    for t in range(1, T):
        h = step(Pc, X[t], h)["h"]
    return h
J_prod_fd = jac(roll, hs[1])
J_prod = np.eye(H)
for t in range(1, T):
    J_prod = jac(lambda v, t=t: step(Pc, X[t], v)["h"], hs[t]) @ J_prod
report(53, np.allclose(J_prod_fd, J_prod, atol=1e-7) and np.allclose(J_prod_fd, np.eye(H), atol=1e-8))

# ---------------- forward definitions and inline restatements (checked as identities) ----------------
c = C[2]
hp = c["hp"]
ok_def = True
ok_def &= close(c["h"], (1 - c["z"]) * hp + c["z"] * c["hc"])                   # 14, 151, 193, 313
ok_def &= close(c["h"], hp + c["z"] * (c["hc"] - hp))                          # 243
ok_def &= close(c["hreset"], c["r"] * hp)                                     # 215, 310
ok_def &= close(c["r"], sig(c["zr"])) and close(c["z"], sig(c["zz"]))         # 227, 249, 308, 309
W_x_rz = np.hstack([P["W_xr"], P["W_xz"]])
W_h_rz = np.hstack([P["W_hr"], P["W_hz"]])
b_rz = np.hstack([P["b_r"], P["b_z"]])
Z_rz = X[2] @ W_x_rz + hp @ W_h_rz + b_rz                                      # 306
zr_pre, zz_pre = np.split(Z_rz, 2, axis=-1)                                    # 307
ok_def &= close(zr_pre, c["zr"]) and close(zz_pre, c["zz"])
ok_def &= close(c["zh"], X[2] @ P["W_xh"] + c["hreset"] @ P["W_hh"] + P["b_h"])  # 311
ok_def &= close(c["hc"], np.tanh(c["zh"]))                                    # 140, 312
ok_def &= close(c["o"], c["h"] @ P["W_hy"] + P["b_y"]) and close(c["p"], softmax(c["o"]))  # 314, 315
for ln in (14, 120, 130, 140, 151, 193, 215, 227, 243, 249, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315):
    report(ln, ok_def)

for ln in sorted(results):
    print(f"line {ln}: {'OK' if results[ln] else 'MISMATCH'}")
