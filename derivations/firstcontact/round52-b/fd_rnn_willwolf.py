#!/usr/bin/env python3
"""Finite-difference check of rnn_willwolf.md (Will Wolf, RNN gradients by hand).
numpy only, float64, central differences. Column vectors, T=3 steps, no biases:
z_t = Wxh x_t + Whh h_{t-1}, h_t = tanh z_t, y_t = Why h_t, p_t = softmax y_t, J_t = CE.
Jacobians in numerator layout; dz_k/dW is the immediate partial, a 3-tensor T[a,b,c].
Exits 0 iff every checked line agrees with expected.json."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = "rnn_willwolf.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[MD]
rng = np.random.default_rng(7)
T, D, H, K = 3, 3, 4, 5
P0 = dict(Wxh=rng.normal(size=(H, D)) * 0.6, Whh=rng.normal(size=(H, H)) * 0.6, Why=rng.normal(size=(K, H)) * 0.6)
X = [None] + [rng.normal(size=D) for _ in range(T)]          # x_1..x_T
LAB = [None] + [np.eye(K)[rng.integers(K)] for _ in range(T)]
h0 = rng.normal(size=H) * 0.5


def softmax(v):
    e = np.exp(v - v.max()); return e / e.sum()


def run(P=P0, e_y=None, e_h_in_y=None, e_hprev_in_z=None):
    """returns dict of lists indexed 0..T (index 0 = initial)."""
    h = [h0]; z = [None]; y = [None]; p = [None]; J = [None]
    for t in range(1, T + 1):
        hp = h[t - 1] + (e_hprev_in_z[t] if e_hprev_in_z and t in e_hprev_in_z else 0)
        zt = P["Wxh"] @ X[t] + P["Whh"] @ hp
        ht = np.tanh(zt)
        hy = ht + (e_h_in_y[t] if e_h_in_y and t in e_h_in_y else 0)
        yt = P["Why"] @ hy + (e_y[t] if e_y and t in e_y else 0)
        pt = softmax(yt)
        z.append(zt); h.append(ht); y.append(yt); p.append(pt); J.append(-np.sum(LAB[t] * np.log(pt)))
    return dict(z=z, h=h, y=y, p=p, J=J)


R = run()
EPS = 1e-6


def fd_W(name, which):  # which: t (J_t) or 'tot'
    g = np.zeros_like(P0[name])
    for idx in np.ndindex(g.shape):
        Pp = {k: v.copy() for k, v in P0.items()}; Pm = {k: v.copy() for k, v in P0.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        fp, fm = run(Pp)["J"], run(Pm)["J"]
        if which == "tot":
            g[idx] = (sum(fp[1:]) - sum(fm[1:])) / (2 * EPS)
        else:
            g[idx] = (fp[which] - fm[which]) / (2 * EPS)
    return g


close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
checks = {}

# local Jacobians (exact, used as the author's symbols)
dJdp = lambda t: -(LAB[t] / R["p"][t])                       # row (K,)
dpdy = lambda t: np.diag(R["p"][t]) - np.outer(R["p"][t], R["p"][t])
dydh = lambda t: P0["Why"]
def dhdz(t):
    if t < 1: raise IndexError("no z_%d in the model (h_0 is the given initial state)" % t)
    return np.diag(1 - R["h"][t] ** 2)
dzdh = lambda t: P0["Whh"]                                   # dz_t/dh_{t-1}
def dzdW(t, name):                                           # immediate partial tensor [a,b,c]
    if t < 1: raise IndexError("no z_%d in the model" % t)
    v = X[t] if name == "Wxh" else R["h"][t - 1]
    Tn = np.zeros((H, H, v.size))
    for a in range(H): Tn[a, a, :] = v
    return Tn
def dydW(t):
    Tn = np.zeros((K, K, H))
    for a in range(K): Tn[a, a, :] = R["h"][t]
    return Tn


def path_term(t, k, name):
    """dJ_t/dp_t dp_t/dy_t dy_t/dh_t dh_t/dz_t [dz_t/dh_{t-1} dh_{t-1}/dz_{t-1} ...] dz_k/dW"""
    g = dJdp(t) @ dpdy(t) @ dydh(t) @ dhdz(t)
    for j in range(t, k, -1):
        g = g @ dzdh(j) @ dhdz(j - 1)
    return np.einsum("a,abc->bc", g, dzdW(k, name))


# definitions 6-10: forward reproduces itself; nothing to differentiate
for ln in (6, 7, 8, 9, 10):
    checks[ln] = (True, "definition")
# 22/28/34: total = sum of per-step gradients
for ln, nm in ((22, "Why"), (28, "Whh"), (34, "Wxh")):
    checks[ln] = (close(fd_W(nm, "tot"), sum(fd_W(nm, t) for t in range(1, T + 1))), "sum over t of FD(J_t) vs FD(J)")
# 51/55/59: W^hy chains
for ln, t in ((51, 3), (55, 2), (59, 1)):
    val = np.einsum("a,abc->bc", dJdp(t) @ dpdy(t), dydW(t))
    checks[ln] = (close(val, fd_W("Why", t)), f"chain for J_{t}")
# explicit expansions
for ln, t, nm in ((84, 3, "Whh"), (111, 2, "Whh"), (129, 1, "Whh"), (155, 3, "Wxh"), (182, 2, "Wxh"), (200, 1, "Wxh")):
    val = sum(path_term(t, k, nm) for k in range(t, 0, -1))
    checks[ln] = (close(val, fd_W(nm, t)), f"{t} path terms for J_{t}")
# general formulas with sum k=0..t
for ln, nm in ((72, "Whh"), (143, "Wxh")):
    t = T
    ok_1_to_t = close(sum(path_term(t, k, nm) for k in range(1, t + 1)), fd_W(nm, t))
    try:
        path_term(t, 0, nm)          # needs z_0 / h_{-1} / x_0: not part of the model
        ok = ok_1_to_t
        note = "k=0 term evaluated"
    except Exception:
        ok = False
        note = f"k=1..t alone reproduces FD ({ok_1_to_t}); k=0 term needs z_0 (x_0, h_-1), undefined in the model"
    checks[ln] = (ok, note)
# 213: dJ/dy = p - labels
def fd_vec(t, kind):
    n = K if kind == "y" else H
    g = np.zeros(n)
    for i in range(n):
        e = np.zeros(n); e[i] = EPS
        kw = {"e_y": {t: e}} if kind == "y" else {"e_h_in_y": {t: e}}
        kwm = {"e_y": {t: -e}} if kind == "y" else {"e_h_in_y": {t: -e}}
        g[i] = (run(**kw)["J"][t] - run(**kwm)["J"][t]) / (2 * EPS)
    return g
t = 2
checks[213] = (close(R["p"][t] - LAB[t], fd_vec(t, "y")), "t=2")
# 214: (p-l) h_t as written, column vectors
pl_col = (R["p"][t] - LAB[t]).reshape(K, 1); h_col = R["h"][t].reshape(H, 1)
try:
    val = pl_col @ h_col; ok = close(val, fd_W("Why", t)); note = ""
except Exception as e:
    ok = False; note = f"(p-l)h_t ill-typed for column vectors [{e}]; outer(p-l,h) matches FD: {close(np.outer(pl_col, h_col), fd_W('Why', t))}"
checks[214] = (ok, note)
# 215: row reading (p-l) W^hy vs direct dJ_t/dh_t
checks[215] = (close((R["p"][t] - LAB[t]) @ P0["Why"], fd_vec(t, "h")), "row-vector reading")
# 216: tanh derivative
g = np.array([(np.tanh(R["z"][t][i] + EPS) - np.tanh(R["z"][t][i] - EPS)) / (2 * EPS) for i in range(H)])
checks[216] = (close(1 - np.tanh(R["z"][t]) ** 2, g) and close(1 - R["h"][t] ** 2, g), "elementwise")
# 217: dz_t/dh_{t-1} = Whh (FD Jacobian)
Jac = np.zeros((H, H))
for j in range(H):
    e = np.zeros(H); e[j] = EPS
    Jac[:, j] = (run(e_hprev_in_z={t: e})["z"][t] - run(e_hprev_in_z={t: -e})["z"][t]) / (2 * EPS)
checks[217] = (close(Jac, P0["Whh"]), "FD Jacobian of z_t w.r.t. h_{t-1}")
# 218/219: immediate partial tensors
for ln, nm in ((218, "Wxh"), (219, "Whh")):
    Tn = np.zeros((H,) + P0[nm].shape)
    for idx in np.ndindex(P0[nm].shape):
        Pp = {k: v.copy() for k, v in P0.items()}; Pm = {k: v.copy() for k, v in P0.items()}
        Pp[nm][idx] += EPS; Pm[nm][idx] -= EPS
        hp = R["h"][t - 1]   # hold h_{t-1} fixed: immediate partial
        zp = Pp["Wxh"] @ X[t] + Pp["Whh"] @ hp; zm = Pm["Wxh"] @ X[t] + Pm["Whh"] @ hp
        Tn[(slice(None),) + idx] = (zp - zm) / (2 * EPS)
    checks[ln] = (close(Tn, dzdW(t, nm)), "tensor delta_ab v_c with v = x_t or h_{t-1}")

bad = 0
for ln in sorted(set(map(int, EXP)) | set(checks)):
    exp = EXP.get(str(ln), {}).get("expected", "MISSING")
    if ln not in checks:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    ok, note = checks[ln]
    num = "pass" if ok else "fail"
    flag = "" if num == exp else "   <-- MISMATCH"
    bad += num != exp
    print(f"line {ln}: expected {exp}, numeric {num}  {note}{flag}")
print("ALL AGREE" if not bad else f"{bad} DISAGREEMENTS")
sys.exit(1 if bad else 0)
