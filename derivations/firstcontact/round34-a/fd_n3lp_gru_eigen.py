"""Finite-difference checks for n3lp_gru_eigen.md (numpy only).
Column vectors. The C++ statements are transcribed one-to-one into numpy (Eigen a*b on MatD = matrix
product, .array()* = elementwise). Loss L = sum_t sum(G_t*h_t) + 0.5*sum(h_T^2)."""
import json, os
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["n3lp_gru_eigen.md"]
rng = np.random.default_rng(0)
I, H, T = 3, 4, 4
P = {k: rng.normal(size=s) * 0.7 for k, s in dict(Wxr=(H, I), Whr=(H, H), br=(H, 1), Wxz=(H, I), Whz=(H, H), bz=(H, 1),
                                                  Wxu=(H, I), Whu=(H, H), bu=(H, 1)).items()}
X = [None] + [rng.normal(size=(I, 1)) for _ in range(T)]
G = [None] + [rng.normal(size=(H, 1)) for _ in range(T)]
h0 = rng.normal(size=(H, 1)) * 0.5
sig = lambda a: 0.5 * (1 + np.tanh(a / 2))           # independent sigmoid
res = {}
def rep(line, ok_math):
    exp = EXP[str(line)]["expected"]; agree = (ok_math == (exp == "pass")); res[line] = agree
    print(line, "OK" if agree else "MISMATCH", "(math %s, expected %s)" % ("right" if ok_math else "wrong", exp))
close = lambda a, b: bool(np.allclose(a, b, rtol=1e-5, atol=1e-7))
# ---- author's helpers (ActFunc) ----
def a_tanh(x): return np.tanh(x)                      # lines 26/29/33/36: x = tanh(x)
def a_tanhPrime(x): return 1.0 - x ** 2               # lines 42/45
def a_logistic_scalar(x): return 1.0 / (1.0 + np.exp(-x))  # line 50
def a_logistic(x): return np.vectorize(a_logistic_scalar)(x)  # lines 53/56
def a_logisticPrime(x): return x * (1.0 - x)          # lines 61/64
eps = 1e-6
a = rng.normal(size=(5, 1))
fd_tanh = (np.tanh(a + eps) - np.tanh(a - eps)) / (2 * eps)
fd_sig = (sig(a + eps) - sig(a - eps)) / (2 * eps)
for ln in (26, 29, 33, 36): rep(ln, close(a_tanh(a), (np.exp(2 * a) - 1) / (np.exp(2 * a) + 1)))
for ln in (42, 45): rep(ln, close(a_tanhPrime(np.tanh(a)), fd_tanh))
rep(50, close(a_logistic_scalar(a), sig(a)))
for ln in (53, 56): rep(ln, close(a_logistic(a), sig(a)))
for ln in (61, 64): rep(ln, close(a_logisticPrime(sig(a)), fd_sig))
# ---- reference forward with path-specific offsets ----
def ref_forward(P, off=None, X=X, h0=h0):
    off = off or {}
    o = lambda k, t: off.get((k, t), 0.0)
    hs = [h0 + o("h", 0)]; st = [None]
    for t in range(1, T + 1):
        hp = hs[-1]
        x = X[t] + o("x", t)
        ar = P["br"] + P["Wxr"] @ x + P["Whr"] @ (hp + o("hr", t)) + o("ar", t)
        az = P["bz"] + P["Wxz"] @ x + P["Whz"] @ (hp + o("hz", t)) + o("az", t)
        r, z = sig(ar), sig(az)
        rh = r * (hp + o("hrh", t)) + o("rh", t)
        au = P["bu"] + P["Wxu"] @ x + P["Whu"] @ rh + o("au", t)
        u = np.tanh(au)
        h = (1 - z) * (hp + o("hlin", t)) + z * u + o("h", t)   # offset on h_t itself (total gradient)
        hs.append(h); st.append(dict(r=r, z=z, rh=rh, u=u, ar=ar, az=az, au=au))
    return hs, st
def loss_of(hs): return sum(float(np.sum(G[t] * hs[t])) for t in range(1, T + 1)) + 0.5 * float(np.sum(hs[T] ** 2))
def L(P=P, off=None): return loss_of(ref_forward(P, off)[0])
def fd_vec(key, t, n):
    g = np.zeros((n, 1))
    for i in range(n):
        e = np.zeros((n, 1)); e[i] = eps
        g[i] = (L(off={(key, t): e}) - L(off={(key, t): -e})) / (2 * eps)
    return g
def fd_param(name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        Pp = dict(P); Pm = dict(P)
        Pp[name] = P[name].copy(); Pp[name][idx] += eps
        Pm[name] = P[name].copy(); Pm[name][idx] -= eps
        g[idx] = (L(Pp) - L(Pm)) / (2 * eps)
    return g
# ---- author's forward, transcribed ----
class State: pass
def author_forward(xt, prev, cur):
    cur.r = P["br"] + P["Wxr"] @ xt + P["Whr"] @ prev.h          # 157
    cur.z = P["bz"] + P["Wxz"] @ xt + P["Whz"] @ prev.h          # 158
    cur.r = a_logistic(cur.r)                                     # 160
    cur.z = a_logistic(cur.z)                                     # 161
    cur.rh = cur.r * prev.h                                       # 163
    cur.u = P["bu"] + P["Wxu"] @ xt + P["Whu"] @ cur.rh           # 164
    cur.u = a_tanh(cur.u)                                         # 165
    cur.h = (1.0 - cur.z) * prev.h + cur.z * cur.u                # 166
states = [State() for _ in range(T + 1)]
states[0].h = h0
for t in range(1, T + 1): author_forward(X[t], states[t - 1], states[t])
hs_ref, st_ref = ref_forward(P)
t0 = 2
rep(157, close(P["br"] + P["Wxr"] @ X[t0] + P["Whr"] @ states[t0 - 1].h, st_ref[t0]["ar"]))
rep(158, close(P["bz"] + P["Wxz"] @ X[t0] + P["Whz"] @ states[t0 - 1].h, st_ref[t0]["az"]))
rep(160, close(states[t0].r, st_ref[t0]["r"]))
rep(161, close(states[t0].z, st_ref[t0]["z"]))
rep(163, close(states[t0].rh, st_ref[t0]["rh"]))
rep(164, close(np.arctanh(states[t0].u), st_ref[t0]["au"]))
rep(165, close(states[t0].u, st_ref[t0]["u"]))
rep(166, all(close(states[t].h, hs_ref[t]) for t in range(1, T + 1)))
# ---- author's backward, transcribed; driver presets delh with the output-layer gradient ----
grad = {k: np.zeros_like(v) for k, v in P.items()}
for t in range(0, T + 1):
    states[t].delh = (G[t].copy() if t >= 1 else np.zeros((H, 1)))
states[T].delh = states[T].delh + states[T].h
rec = {}
for t in range(T, 0, -1):
    prev, cur, xt = states[t - 1], states[t], X[t]
    delz = a_logisticPrime(cur.z) * cur.delh * (cur.u - prev.h)              # 172
    delu = a_tanhPrime(cur.u) * cur.delh * cur.z                              # 173
    delrh = P["Whu"].T @ delu                                                 # 174
    delr = a_logisticPrime(cur.r) * delrh * prev.h                            # 175
    cur.delx = P["Wxr"].T @ delr + P["Wxz"].T @ delz + P["Wxu"].T @ delu      # 177
    before = prev.delh.copy()
    prev.delh = prev.delh + (P["Whr"].T @ delr + P["Whz"].T @ delz)           # 182
    mid = prev.delh.copy()
    prev.delh = prev.delh + (delrh * cur.r + cur.delh * (1.0 - cur.z))        # 185
    grad["Wxr"] += delr @ xt.T; grad["Whr"] += delr @ prev.h.T                # 189, 190
    grad["Wxz"] += delz @ xt.T; grad["Whz"] += delz @ prev.h.T                # 192, 193
    grad["Wxu"] += delu @ xt.T; grad["Whu"] += delu @ cur.rh.T                # 195, 196
    grad["br"] += delr; grad["bz"] += delz; grad["bu"] += delu                # 198-200
    rec[t] = dict(delz=delz, delu=delu, delrh=delrh, delr=delr, delx=cur.delx, part182=mid - before,
                  part185=prev.delh - mid, total_prev=prev.delh.copy(), delh=cur.delh.copy())
ok = lambda key, fdkey, n: all(close(rec[t][key], fd_vec(fdkey, t, n)) for t in range(1, T + 1))
rep(172, ok("delz", "az", H))
rep(173, ok("delu", "au", H))
rep(174, ok("delrh", "rh", H))
rep(175, ok("delr", "ar", H))
rep(177, ok("delx", "x", I))
rep(182, all(close(rec[t]["part182"], fd_vec("hr", t, H) + fd_vec("hz", t, H)) for t in range(1, T + 1)))
rep(185, all(close(rec[t]["part185"], fd_vec("hrh", t, H) + fd_vec("hlin", t, H)) and
             close(rec[t]["total_prev"], fd_vec("h", t - 1, H)) for t in range(1, T + 1)))
for ln, name in [(189, "Wxr"), (190, "Whr"), (192, "Wxz"), (193, "Whz"), (195, "Wxu"), (196, "Whu"),
                 (198, "br"), (199, "bz"), (200, "bu")]:
    rep(ln, close(grad[name], fd_param(name)))
assert set(res) == set(int(k) for k in EXP), sorted(set(int(k) for k in EXP) - set(res))
print("ALL AGREE" if all(res.values()) else "SOME MISMATCH", len(res), "lines")
