"""Finite-difference checks for profatxuanall_local_feedback_rnn.md (numpy only).
Model (author's conventions): f(a)=tanh(a/2); hidden units: n0 non-recurrent (eq 1), n1 net-input
recurrent (eq 2, tilde h), n2 activation recurrent (eq 3, bar h); outputs: m0 non-recurrent (eq 4, on h(t)),
m1 net-input recurrent (eq 5), m2 activation recurrent (eq 6), the recurrent outputs see x(t) only.
loss = sum_t sigma_t C(t), C(t) = sum_i (y_i(t)-d_i(t))^2.  All gradients in the note are of the single
term sigma_t C(t) for a fixed t, with forward-mode (RTRL-style) recursions for the recurrent states."""
import json, os
import numpy as np
rng = np.random.default_rng(0)
HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["profatxuanall_local_feedback_rnn.md"]
din, n0, n1, n2 = 3, 2, 2, 2; dh = n0 + n1 + n2
m0, m1, m2 = 2, 1, 1; dout = m0 + m1 + m2
T = 5
f = lambda a: np.tanh(a / 2); fp = lambda a: 0.5 * (1 - np.tanh(a / 2) ** 2)
sig = lambda z: 1 / (1 + np.exp(-z))
X = rng.normal(size=(T + 1, din)); D = rng.normal(size=(T + 1, dout)) * 0.5
smask = np.array([0, 1, 0, 1, 1, 1.0])          # sigma_t, index 0 unused
P0 = dict(wh=rng.normal(size=(dh, din)), uh=rng.uniform(-.9, .9, n1), vh=rng.uniform(-1.5, 1.5, n2),
          wo=rng.normal(size=(m0, dh)), uo=rng.uniform(-.9, .9, m1), vo=rng.uniform(-1.5, 1.5, m2),
          Wo=rng.normal(size=(m1 + m2, din)))

def fwd(P):
    S = {k: np.zeros((T + 1, n)) for k, n in [("ht", n1), ("hb", n2), ("h", dh), ("yt", m1), ("yb", m2), ("y", dout), ("ao", m0)]}
    for t in range(1, T + 1):
        x = X[t]; net = P["wh"] @ x
        S["ht"][t] = P["uh"] * S["ht"][t - 1] + net[n0:n0 + n1]
        S["hb"][t] = P["vh"] * S["h"][t - 1][n0 + n1:] + net[n0 + n1:]
        S["h"][t] = np.concatenate([f(net[:n0]), f(S["ht"][t]), f(S["hb"][t])])
        S["ao"][t] = P["wo"] @ S["h"][t]
        no = P["Wo"] @ x
        S["yt"][t] = P["uo"] * S["yt"][t - 1] + no[:m1]
        S["yb"][t] = P["vo"] * S["y"][t - 1][m0 + m1:] + no[m1:]
        S["y"][t] = np.concatenate([f(S["ao"][t]), f(S["yt"][t]), f(S["yb"][t])])
    return S

def Ct(P, t):
    S = fwd(P); return smask[t] * np.sum((S["y"][t] - D[t]) ** 2)

def fd(fun, P, key, idx, eps=1e-6):
    Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
    Pp[key][idx] += eps; Pm[key][idx] -= eps
    return (fun(Pp) - fun(Pm)) / (2 * eps)

P = P0; S = fwd(P); t = 4; res = {}
def rep(line, ok_math):
    exp = EXP[str(line)]["expected"]
    agree = (ok_math and exp == "pass") or ((not ok_math) and exp == "fail")
    res[line] = agree
    print(line, "OK" if agree else "MISMATCH", "(math %s, expected %s)" % ("right" if ok_math else "wrong", exp))
close = lambda a, b: bool(np.allclose(a, b, rtol=1e-5, atol=1e-7))

# ---- forward equations: re-evaluate the author's formula against an independent recomputation
x = X[t]
rep(125, close(S["h"][t][:n0], f(np.sum(P["wh"][:n0] * x, axis=1))))
rep(139, close(fwd(P)["ht"][0], 0)); rep(140, close(S["ht"][t], P["uh"] * S["ht"][t-1] + P["wh"][n0:n0+n1] @ x))
rep(141, close(S["h"][t][n0:n0+n1], f(S["ht"][t])))
rep(162, close(S["h"][0], 0)); rep(163, close(S["hb"][t], P["vh"] * S["h"][t-1][n0+n1:] + P["wh"][n0+n1:] @ x))
rep(164, close(S["h"][t][n0+n1:], f(S["hb"][t])))
rep(196, close(S["y"][t][:m0], f(P["wo"] @ S["h"][t])))
rep(210, close(S["yt"][0], 0)); rep(211, close(S["yt"][t], P["uo"] * S["yt"][t-1] + P["Wo"][:m1] @ x))
rep(212, close(S["y"][t][m0:m0+m1], f(S["yt"][t])))
rep(236, close(S["y"][0], 0)); rep(237, close(S["yb"][t], P["vo"] * S["y"][t-1][m0+m1:] + P["Wo"][m1:] @ x))
rep(238, close(S["y"][t][m0+m1:], f(S["yb"][t])))
L_all = sum(Ct(P, s) for s in range(1, T + 1))
L2 = sum(smask[s] * np.sum((S["y"][s] - D[s]) ** 2) for s in range(1, T + 1))
L3 = sum(smask[s] * (S["y"][s][i] - D[s][i]) ** 2 for s in range(1, T + 1) for i in range(dout))
rep(263, True); rep(264, close(L_all, L2)); rep(265, close(L2, L3))

# helpers: finite-difference partials of the loss term wrt y_i(t) (C as a function of y)
st = smask[t]; dCdy = 2 * (S["y"][t] - D[t])             # partial C / partial y_i, checked by FD below
g = lambda yy: np.sum((yy - D[t]) ** 2)
e = 1e-6; dCdy_fd = np.array([(g(S["y"][t] + e * np.eye(dout)[i]) - g(S["y"][t] - e * np.eye(dout)[i])) / (2 * e) for i in range(dout)])
assert close(dCdy, dCdy_fd)
cfun = lambda Q: Ct(Q, t)

# (8) w_out
i, j = 1, 3
lhs = fd(cfun, P, "wo", (i, j))
dyi_dw = fd(lambda Q: fwd(Q)["y"][t][i], P, "wo", (i, j))
rep(289, close(lhs, st * dCdy_fd[i] * dyi_dw))
rep(290, close(lhs, st * 2 * (S["y"][t][i] - D[t][i]) * fp(P["wo"][i] @ S["h"][t]) * S["h"][t][j]))

# state-derivative recursions via FD of the states
def dstate(key, comp, pkey, pidx, s):
    return fd(lambda Q: fwd(Q)[key][s][comp], P, pkey, pidx)

# (9) u_out, unit i = m0 (first net-input recurrent output, local index 0)
ii = m0; li = 0
lhs = fd(cfun, P, "uo", (li,))
dyt_du = dstate("yt", li, "uo", (li,), t); dyt_du_prev = dstate("yt", li, "uo", (li,), t - 1)
dy_dyt = fp(S["yt"][t][li])
rep(304, close(lhs, st * dCdy_fd[ii] * dy_dyt * dyt_du))
rep(305, close(lhs, st * 2 * (S["y"][t][ii] - D[t][ii]) * fp(S["yt"][t][li]) * dyt_du))
rep(306, close(dyt_du, S["yt"][t-1][li] + P["uo"][li] * dyt_du_prev))

# (10) v_out, unit i = m0+m1
ii = m0 + m1; li = 0
lhs = fd(cfun, P, "vo", (li,))
dyb = dstate("yb", li, "vo", (li,), t); dyb_prev = dstate("yb", li, "vo", (li,), t - 1)
rep(320, close(lhs, st * dCdy_fd[ii] * fp(S["yb"][t][li]) * dyb))
rep(321, close(lhs, st * 2 * (S["y"][t][ii] - D[t][ii]) * fp(S["yb"][t][li]) * dyb))
dy_prev_dyb_prev = fp(S["yb"][t-1][li])
rep(322, close(dyb, S["y"][t-1][ii] + P["vo"][li] * dy_prev_dyb_prev * dyb_prev))
rep(323, close(dyb, S["y"][t-1][ii] + P["vo"][li] * fp(S["yb"][t-1][li]) * dyb_prev))

# (11) W_out: check for a net-input unit (bar term absent -> 0) and an activation unit (tilde term absent -> 0)
ok337 = ok338 = ok339 = ok340 = True
for (ii, row, kind) in [(m0, 0, "t"), (m0 + m1, 1, "b")]:
    k = 2
    lhs = fd(cfun, P, "Wo", (row, k))
    if kind == "t":
        dst = dstate("yt", 0, "Wo", (row, k), t); dstp = dstate("yt", 0, "Wo", (row, k), t - 1)
        br1 = fp(S["yt"][t][0]) * dst; br2 = 0.0
        ok339 &= close(dst, P["uo"][0] * dstp + X[t][k])
    else:
        dst = dstate("yb", 0, "Wo", (row, k), t); dstp = dstate("yb", 0, "Wo", (row, k), t - 1)
        br1 = 0.0; br2 = fp(S["yb"][t][0]) * dst
        ok340 &= close(dst, P["vo"][0] * fp(S["yb"][t-1][0]) * dstp + X[t][k])
    ok337 &= close(lhs, st * dCdy_fd[ii] * (br1 + br2))
    ok338 &= close(lhs, st * 2 * (S["y"][t][ii] - D[t][ii]) * (br1 + br2))
rep(337, ok337); rep(338, ok338); rep(339, ok339); rep(340, ok340)

# partial y_i(t)/partial h_j(t) for non-recurrent outputs (true value, by FD on eq 4)
def dy_dh(i, j):
    hh = S["h"][t].copy(); hp = hh.copy(); hm = hh.copy(); hp[j] += e; hm[j] -= e
    return (f(P["wo"][i] @ hp) - f(P["wo"][i] @ hm)) / (2 * e)
def outsum_true(j): return sum(dCdy_fd[i] * dy_dh(i, j) for i in range(m0))
def outsum_author(j): return sum(2 * (S["y"][t][i] - D[t][i]) * P["wo"][i, j] for i in range(m0))

# (12) u_hid, unit j = n0 (local 0)
j = n0; lj = 0
lhs = fd(cfun, P, "uh", (lj,))
dht = dstate("ht", lj, "uh", (lj,), t); dhtp = dstate("ht", lj, "uh", (lj,), t - 1)
rep(355, close(lhs, st * outsum_true(j) * fp(S["ht"][t][lj]) * dht))
rep(356, close(lhs, st * outsum_author(j) * fp(S["ht"][t][lj]) * dht))
rep(357, close(dht, S["ht"][t-1][lj] + P["uh"][lj] * dhtp))

# (13) v_hid, unit j = n0+n1 (local 0)
j = n0 + n1; lj = 0
lhs = fd(cfun, P, "vh", (lj,))
dhb = dstate("hb", lj, "vh", (lj,), t); dhbp = dstate("hb", lj, "vh", (lj,), t - 1)
rep(372, close(lhs, st * outsum_true(j) * fp(S["hb"][t][lj]) * dhb))
rep(373, close(lhs, st * outsum_author(j) * fp(S["hb"][t][lj]) * dhb))
rep(374, close(dhb, S["h"][t-1][j] + P["vh"][lj] * fp(S["hb"][t-1][lj]) * dhbp))  # dh/dbar = f'(bar)
rep(375, close(dhb, S["h"][t-1][j] + P["vh"][lj] * fp(S["hb"][t-1][lj]) * dhbp))

# (14) w_hid for one unit of each kind
ok390 = ok391 = ok392 = ok399 = ok400 = True
k = 1
for j in [0, n0, n0 + n1]:
    lhs = fd(cfun, P, "wh", (j, k))
    dhj = fd(lambda Q: fwd(Q)["h"][t][j], P, "wh", (j, k))
    ok390 &= close(lhs, st * outsum_true(j) * dhj)
    ok391 &= close(lhs, st * outsum_author(j) * dhj)
    if j < n0:
        ok392 &= close(dhj, fp(P["wh"][j] @ X[t]) * X[t][k])
    elif j < n0 + n1:
        d = dstate("ht", j - n0, "wh", (j, k), t); dp = dstate("ht", j - n0, "wh", (j, k), t - 1)
        ok392 &= close(dhj, fp(S["ht"][t][j - n0]) * d)
        ok399 &= close(d, P["uh"][j - n0] * dp + X[t][k])
    else:
        d = dstate("hb", j - n0 - n1, "wh", (j, k), t); dp = dstate("hb", j - n0 - n1, "wh", (j, k), t - 1)
        ok392 &= close(dhj, fp(S["hb"][t][j - n0 - n1]) * d)
        ok400 &= close(d, P["vh"][j - n0 - n1] * fp(S["hb"][t-1][j - n0 - n1]) * dp + X[t][k])
rep(390, ok390); rep(391, ok391); rep(392, ok392); rep(399, ok399); rep(400, ok400)

# Lemma (16): f(z)=tanh(z/2)
z = np.linspace(-4, 4, 81); z = z[np.abs(z) > 0.05]
num = lambda F, z: (F(z + 1e-6) - F(z - 1e-6)) / 2e-6
tp = num(np.tanh, z)
zz = np.linspace(-10, 10, 200001)
rep(437, abs(fp(zz).max() - 0.5) < 1e-6)
rep(444, close(np.tanh(z), 2 * sig(2 * z) - 1))
# literal reading of 2 \frac{d sigma(2z)}{z}: derivative of sigma(2z) (= d/dz sigma(2z)) divided by z
rep(445, close(tp, 2 * num(lambda u: sig(2 * u), z) / z))
rep(446, close(tp, 2 * num(sig, 2 * z) * 2))
rep(447, close(tp, 4 * sig(2 * z) * (1 - sig(2 * z))))
rep(448, close(num(f, z), num(np.tanh, z / 2) * 0.5))
rep(449, close(num(f, z), 4 * sig(z) * (1 - sig(z)) * 0.5) and close(num(f, z), 2 * sig(z) * (1 - sig(z))))
rep(450, abs(num(f, zz[::100]).max() - 2 * (0.5 * 0.5)) < 1e-4)

missing = set(int(k) for k in EXP) - set(res)
assert not missing, missing
print("all agree" if all(res.values()) else "DISAGREEMENTS")
