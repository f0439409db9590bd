"""Finite-difference check of zh_tw_gru_bptt_notes.md (numpy only, float64).

Row-vector layout as in the note: x_t (1,D), h_t (1,d_h), a = x W_x + h W_h + b,
h_t = u (.) h_{t-1} + (1-u) (.) h~_t, z_t = h_t W_y + b_y, L = sum_t CE(softmax(z_t), y_t).
Every quantity of the note is compared with a central difference of L taken with a hook on
that quantity (or on one particular use of h_{t-1}). Exit 0 iff all lines agree with expected.json.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "zh_tw_gru_bptt_notes.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(3)
T, D, Hd, V = 3, 2, 3, 4
X = [rng.standard_normal((1, D)) for _ in range(T)]
Y = [np.eye(V)[[k]] for k in (1, 3, 0)]
P0 = {k: rng.standard_normal(s) * 0.7 for k, s in dict(
    W_xu=(D, Hd), W_hu=(Hd, Hd), b_u=(1, Hd), W_xr=(D, Hd), W_hr=(Hd, Hd), b_r=(1, Hd),
    W_xh=(D, Hd), W_hh=(Hd, Hd), b_h=(1, Hd), W_y=(Hd, V), b_y=(1, V)).items()}
sig = lambda a: 1 / (1 + np.exp(-a))

def fwd(pt=None, P=None, Xs=None):
    pt = pt or {}; P = P or P0; Xs = Xs or X
    g = lambda k, v: v + pt[k] if k in pt else v
    h = np.zeros((1, Hd)); L = 0.0; C = {"h": {0: h}}
    for t in range(1, T + 1):
        x = g(("x", t), Xs[t - 1])
        hu, hr, hm, hd = (g((k, t), h) for k in ("hp_u", "hp_r", "hp_m", "hp_d"))
        au = g(("au", t), x @ P["W_xu"] + hu @ P["W_hu"] + P["b_u"]); u = g(("u", t), sig(au))
        ar = g(("ar", t), x @ P["W_xr"] + hr @ P["W_hr"] + P["b_r"]); r = g(("r", t), sig(ar))
        m = g(("m", t), r * hm)
        ah = g(("ah", t), x @ P["W_xh"] + m @ P["W_hh"] + P["b_h"]); ht = g(("ht", t), np.tanh(ah))
        h = g(("h", t), u * hd + (1 - u) * ht)
        z = g(("z", t), g(("h_out", t), h) @ P["W_y"] + P["b_y"])
        p = np.exp(z - z.max()); p /= p.sum()
        L += -np.sum(Y[t - 1] * np.log(p))
        C[t] = dict(x=x, u=u, r=r, m=m, ht=ht, h=h, p=p, hprev=C["h"][t - 1]); C["h"][t] = h
    return L, C

L0, C = fwd()
eps = 1e-6
def fdk(keys, shape):
    out = np.zeros(shape)
    for i in np.ndindex(*shape):
        d = np.zeros(shape); d[i] = eps
        out[i] = (fwd({k: d for k in keys})[0] - fwd({k: -d for k in keys})[0]) / (2 * eps)
    return out
def fdP(name):
    out = np.zeros(P0[name].shape)
    for i in np.ndindex(*P0[name].shape):
        a = dict(P0); a[name] = P0[name].copy(); a[name][i] += eps
        b = dict(P0); b[name] = P0[name].copy(); b[name][i] -= eps
        out[i] = (fwd(P=a)[0] - fwd(P=b)[0]) / (2 * eps)
    return out
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-6, atol=1e-8)
S = (1, Hd)
ts = range(1, T + 1)
F = {}
for q in ["z", "h", "ht", "u", "ah", "m", "r", "ar", "au", "h_out"]:
    F[q] = {t: fdk([(q, t)], (1, V) if q == "z" else S) for t in ts}
F["x"] = {t: fdk([("x", t)], (1, D)) for t in ts}
for q in ["hp_u", "hp_r", "hp_m", "hp_d"]:
    F[q] = {t: fdk([(q, t)], S) for t in ts}
F["hp_all"] = {t: fdk([(q, t) for q in ["hp_u", "hp_r", "hp_m", "hp_d"]], S) for t in ts}
FP = {k: fdP(k) for k in P0}
P = P0

# analytic quantities exactly as the note writes them, computed backwards in time
A = {}
fut = np.zeros(S)                                   # delta^{h,future}_T = 0
for t in reversed(ts):
    c = C[t]; hp = c["hprev"]
    dy = c["p"] - Y[t - 1]
    dh = dy @ P["W_y"].T + fut
    dht = dh * (1 - c["u"]); du = dh * (hp - c["ht"]); ddir = dh * c["u"]
    dah = dht * (1 - c["ht"] ** 2)
    dm = dah @ P["W_hh"].T; dr = dm * hp; dcand = dm * c["r"]
    dar = dr * c["r"] * (1 - c["r"]); dau = du * c["u"] * (1 - c["u"])
    dprev = ddir + dcand + dar @ P["W_hr"].T + dau @ P["W_hu"].T
    dx = dau @ P["W_xu"].T + dar @ P["W_xr"].T + dah @ P["W_xh"].T
    A[t] = dict(dy=dy, dh=dh, dht=dht, du=du, ddir=ddir, dah=dah, dm=dm, dr=dr, dcand=dcand, dar=dar, dau=dau,
                dprev=dprev, dx=dx, cur=dy @ P["W_y"].T, fut=fut)
    fut = dprev
def allt(f):
    return all(f(t) for t in ts)
tot = lambda f: sum(f(t) for t in ts)
R = {}
for ln in ["30", "36", "40", "46", "50", "54", "62", "64", "68", "72"]:
    R[ln] = True                                     # forward definitions (= fwd)
R["76"] = R["96"] = allt(lambda t: close(A[t]["dy"], F["z"][t]))
okWy = close(tot(lambda t: C[t]["h"].T @ A[t]["dy"]), FP["W_y"]) and close(tot(lambda t: A[t]["dy"]), FP["b_y"])
R["80"] = R["102"] = R["190"] = R["242"] = okWy
R["110"] = allt(lambda t: close(A[t]["cur"], F["h_out"][t]))
R["114"] = allt(lambda t: close(A[t]["fut"], F["hp_all"][t + 1] if t < T else np.zeros(S)))
R["118"] = R["124"] = allt(lambda t: close(A[t]["dh"], F["h"][t]))
R["120"] = R["212"] = close(A[T]["fut"], np.zeros(S)) and close(A[T]["dh"], F["h"][T])
R["132"] = allt(lambda t: close(A[t]["dht"], F["ht"][t]))
R["136"] = allt(lambda t: close(A[t]["du"], F["u"][t]))
R["140"] = allt(lambda t: close(A[t]["ddir"], F["hp_d"][t]))
R["146"] = allt(lambda t: close(A[t]["dah"], F["ah"][t]))
R["152"] = allt(lambda t: close(A[t]["dm"], F["m"][t]))
R["158"] = allt(lambda t: close(A[t]["dr"], F["r"][t]))
R["162"] = allt(lambda t: close(A[t]["dcand"], F["hp_m"][t]))
R["168"] = allt(lambda t: close(A[t]["dar"], F["ar"][t]))
R["174"] = allt(lambda t: close(A[t]["dau"], F["au"][t]))
R["180"] = R["238"] = allt(lambda t: close(A[t]["dprev"], F["hp_all"][t]))
R["194"] = (close(tot(lambda t: C[t]["x"].T @ A[t]["dah"]), FP["W_xh"]) and close(tot(lambda t: C[t]["m"].T @ A[t]["dah"]), FP["W_hh"])
            and close(tot(lambda t: A[t]["dah"]), FP["b_h"]))
R["244"] = close(tot(lambda t: C[t]["x"].T @ A[t]["dah"]), FP["W_xh"]) and close(tot(lambda t: C[t]["m"].T @ A[t]["dah"]), FP["W_hh"])
R["198"] = (close(tot(lambda t: C[t]["x"].T @ A[t]["dar"]), FP["W_xr"]) and close(tot(lambda t: C[t]["hprev"].T @ A[t]["dar"]), FP["W_hr"])
            and close(tot(lambda t: A[t]["dar"]), FP["b_r"]))
R["202"] = (close(tot(lambda t: C[t]["x"].T @ A[t]["dau"]), FP["W_xu"]) and close(tot(lambda t: C[t]["hprev"].T @ A[t]["dau"]), FP["W_hu"])
            and close(tot(lambda t: A[t]["dau"]), FP["b_u"]))
R["206"] = allt(lambda t: close(A[t]["dx"], F["x"][t]))
R["216"] = allt(lambda t: close(A[t]["dy"], F["z"][t]) and close(A[t]["dh"], F["h"][t]))
R["220"] = allt(lambda t: close(A[t]["dht"], F["ht"][t]) and close(A[t]["du"], F["u"][t]))
R["222"] = R["140"]
R["226"] = R["146"]
R["230"] = allt(lambda t: close(A[t]["dm"], F["m"][t]) and close(A[t]["dr"], F["r"][t]) and close(A[t]["dcand"], F["hp_m"][t]))
R["234"] = allt(lambda t: close(A[t]["dar"], F["ar"][t]) and close(A[t]["dau"], F["au"][t]))

bad = 0
for ln in sorted(set(EXP) | set(R), key=int):
    exp = EXP.get(ln, {}).get("expected", "NOT ANNOTATED")
    got = ("pass" if R[ln] else "fail") if ln in R else "NOT CHECKED"
    print(f"line {ln}: expected {exp}, numeric {got}" + ("" if exp == got else "   <-- MISMATCH"))
    bad += exp != got
print("loss", L0)
sys.exit(1 if bad else 0)
