"""Finite-difference check of qubitpi_rnn_bptt.md (QubitPi ai-blogs, RNN BPTT section).

Model (the post's forward box, column vectors):
  h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h),  o_t = W_yh h_t + b_o,  yhat_t = softmax(o_t)
  L = sum_t L_t,  L_t = -sum_i p_t(i) log sigma_i(o_t)   (p_t one-hot target)
numpy only, float64, central differences.
"""
import json
import os
import sys

import numpy as np

rng = np.random.default_rng(55)
H, D, K, T = 3, 2, 4, 3          # hidden, input, classes, steps (D != H on purpose)
EPS = 1e-6
TOL = 1e-6

P0 = {
    "W_hh": rng.normal(0, 0.7, (H, H)),
    "W_xh": rng.normal(0, 0.7, (H, D)),
    "W_yh": rng.normal(0, 0.7, (K, H)),
    "b_h": rng.normal(0, 0.3, H),
    "b_o": rng.normal(0, 0.3, K),
}
X = rng.normal(0, 1, (T + 1, D))      # index 1..T used
Y = [None] + list(rng.integers(0, K, T))
PT = [None] + [np.eye(K)[Y[t]] for t in range(1, T + 1)]


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def forward(P, inj_h=None, inj_o=None, whh_copy=None, wxh_copy=None, bh_copy=None, wyh_copy=None):
    """inj_h/inj_o: dict t -> additive vector on h_t / o_t.  *_copy: dict t -> per-step weight copy."""
    hs = [np.zeros(H)]
    os_, ps = [None], [None]
    L = 0.0
    for t in range(1, T + 1):
        Whh = whh_copy.get(t, P["W_hh"]) if whh_copy else P["W_hh"]
        Wxh = wxh_copy.get(t, P["W_xh"]) if wxh_copy else P["W_xh"]
        bh = bh_copy.get(t, P["b_h"]) if bh_copy else P["b_h"]
        Wyh = wyh_copy.get(t, P["W_yh"]) if wyh_copy else P["W_yh"]
        h = np.tanh(Whh @ hs[-1] + Wxh @ X[t] + bh)
        if inj_h and t in inj_h:
            h = h + inj_h[t]
        o = Wyh @ h + P["b_o"]
        if inj_o and t in inj_o:
            o = o + inj_o[t]
        p = softmax(o)
        L += -np.log(p[Y[t]])
        hs.append(h)
        os_.append(o)
        ps.append(p)
    return L, hs, os_, ps


L0, HS, OS, PS = forward(P0)


def fd_param(name):
    g = np.zeros_like(P0[name])
    for idx in np.ndindex(g.shape):
        Pp = {k: v.copy() for k, v in P0.items()}
        Pm = {k: v.copy() for k, v in P0.items()}
        Pp[name][idx] += EPS
        Pm[name][idx] -= EPS
        g[idx] = (forward(Pp)[0] - forward(Pm)[0]) / (2 * EPS)
    return g


def fd_inject(kind, t, n):
    g = np.zeros(n)
    for k in range(n):
        e = np.zeros(n)
        e[k] = EPS
        if kind == "h":
            g[k] = (forward(P0, inj_h={t: e})[0] - forward(P0, inj_h={t: -e})[0]) / (2 * EPS)
        else:
            g[k] = (forward(P0, inj_o={t: e})[0] - forward(P0, inj_o={t: -e})[0]) / (2 * EPS)
    return g


G = {n: fd_param(n) for n in P0}                               # true total gradients
GH = [None] + [fd_inject("h", t, H) for t in range(1, T + 1)]   # total dL/dh_t
GO = [None] + [fd_inject("o", t, K) for t in range(1, T + 1)]   # total dL/do_t


def local_jac(which, t, out="h"):
    """d out_t / d (per-step copy at step t of parameter `which`): array out_dim x param shape."""
    base = P0[which]
    n_out = H if out == "h" else K
    J = np.zeros((n_out,) + base.shape)
    key = {"W_hh": "whh_copy", "W_xh": "wxh_copy", "b_h": "bh_copy", "W_yh": "wyh_copy"}[which]
    for idx in np.ndindex(base.shape):
        cp, cm = base.copy(), base.copy()
        cp[idx] += EPS
        cm[idx] -= EPS
        _, hp, op, _ = forward(P0, **{key: {t: cp}})
        _, hm, om, _ = forward(P0, **{key: {t: cm}})
        vp, vm = (hp[t], hm[t]) if out == "h" else (op[t], om[t])
        J[(slice(None),) + idx] = (vp - vm) / (2 * EPS)
    return J


def close(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    if a.shape != b.shape:
        return False
    return np.allclose(a, b, atol=TOL, rtol=1e-5)


def mm(*ms):
    """strict matrix product of 2-D arrays; returns None on a shape mismatch."""
    out = ms[0]
    for m in ms[1:]:
        if out.shape[1] != m.shape[0]:
            return None
        out = out @ m
    return out


col = lambda v: np.asarray(v, float).reshape(-1, 1)
dg = lambda t: np.diag(1 - HS[t] ** 2)
R = {}


def verdict(line, ok):
    R[line] = "pass" if ok else "fail"


# ---------------- forward / loss / softmax ----------------
xx = np.linspace(-2, 2, 7)
verdict(5, close((np.exp(xx) - np.exp(-xx)) / (np.exp(xx) + np.exp(-xx)), np.tanh(xx)))
# 21-23: definitions of the model that this script implements
for ln in (21, 22, 23):
    verdict(ln, True)
Lsum = sum(-np.log(PS[t][Y[t]]) for t in range(1, T + 1))
verdict(50, close(Lsum, L0))                                   # L = sum_t L^(t)
verdict(79, close(Lsum, L0))
verdict(63, close(-np.sum(PT[1] * np.log(PS[1])), -np.log(PS[1][Y[1]])))
# 69: -sum_t p(t) log sigma(o^(t)) with sigma(o^(t)) the probability given to the target (p = 1 there)
verdict(69, close(-sum(1.0 * np.log(PS[t][Y[t]]) for t in range(1, T + 1)), L0))
z = OS[1]
verdict(111, close(np.exp(z) / np.exp(z).sum(), softmax(z)))
verdict(119, close(-np.exp(z) / np.exp(z).sum(), softmax(z)))
verdict(133, True)                                              # statement of the map R^n -> R^n


def fd_softmax_jac(o):
    J = np.zeros((K, K))
    for k in range(K):
        e = np.zeros(K)
        e[k] = EPS
        J[:, k] = (softmax(o + e) - softmax(o - e)) / (2 * EPS)
    return J


o = OS[2]
S = np.exp(o).sum()
s = softmax(o)
JS = fd_softmax_jac(o)
verdict(151, True)                                              # definition of the quantity
verdict(157, True)                                              # definition h = f/g
f, fp = np.sin, np.cos
g_, gp = (lambda x: np.exp(x) + 2.0), np.exp
hh = lambda x: f(x) / g_(x)
xq = 0.37
verdict(162, close((hh(xq + EPS) - hh(xq - EPS)) / (2 * EPS), (fp(xq) * g_(xq) - f(xq) * gp(xq)) / g_(xq) ** 2))
ok = True
for i in range(K):
    for k in range(K):
        e = np.zeros(K); e[k] = EPS
        num = (np.exp((o + e)[i]) - np.exp((o - e)[i])) / (2 * EPS)
        ok &= close(num, np.exp(o[k]) if i == k else 0.0)
verdict(168, ok)
ok = True
for k in range(K):
    e = np.zeros(K); e[k] = EPS
    ok &= close((np.exp(o + e).sum() - np.exp(o - e).sum()) / (2 * EPS), np.exp(o[k]))
verdict(175, ok)
i = k = 1
ei = np.exp(o[i])
verdict(181, close((np.exp(o[k]) * S - np.exp(o[k]) * ei) / S ** 2, JS[i, k]))
verdict(182, close((ei * S - ei * ei) / S ** 2, JS[i, k]))
verdict(183, close(ei / S * (S - ei) / S, JS[i, k]))
verdict(184, close(s[i] * (S / S - ei / S), JS[i, k]))
verdict(185, close(s[i] * (1 - s[i]), JS[i, k]))
i, k = 0, 2
verdict(191, close(-np.exp(o[k]) * np.exp(o[i]) / S ** 2, JS[i, k]) and close(-s[i] * s[k], JS[i, k]))
cases = np.array([[s[a] * (1 - s[a]) if a == b else -s[a] * s[b] for b in range(K)] for a in range(K)])
verdict(197, close(cases, JS))
verdict(305, close(cases, JS))

# ---------------- generic chain rules ----------------
yv = lambda x: np.tanh(2.0 * x) + x ** 2
zv = lambda y: np.sin(y) * 3.0
x0 = 0.41
dz = (zv(yv(x0 + EPS)) - zv(yv(x0 - EPS))) / (2 * EPS)
verdict(217, close(dz, 3.0 * np.cos(yv(x0)) * (2 * (1 - np.tanh(2 * x0) ** 2) + 2 * x0)))
# 220: single unit o = W x, L = (o - 1)^2
Wv, xv = 0.8, 1.3
Lf = lambda W: (W * xv - 1.0) ** 2
verdict(220, close((Lf(Wv + EPS) - Lf(Wv - EPS)) / (2 * EPS), 2 * (Wv * xv - 1.0) * xv))
A = rng.normal(size=(3, 2))
B = rng.normal(size=3)
uf = lambda x: np.tanh(A @ x)
hf = lambda u: np.sum(np.sin(u) * B)
xg = rng.normal(size=2)
u0 = uf(xg)
Ju = np.zeros((3, 2)); gh_ = np.zeros(3); gx = np.zeros(2)
for a in range(2):
    e = np.zeros(2); e[a] = EPS
    Ju[:, a] = (uf(xg + e) - uf(xg - e)) / (2 * EPS)
    gx[a] = (hf(uf(xg + e)) - hf(uf(xg - e))) / (2 * EPS)
for a in range(3):
    e = np.zeros(3); e[a] = EPS
    gh_[a] = (hf(u0 + e) - hf(u0 - e)) / (2 * EPS)
verdict(239, close(gx, np.array([sum(gh_[j] * Ju[j, a] for j in range(3)) for a in range(2)])))
verdict(355, close(gx, Ju.T @ gh_))

# ---------------- parameter gradients: sums over steps of total x local ----------------
JYH = [None] + [local_jac("W_yh", t, out="o") for t in range(1, T + 1)]
JHH = [None] + [local_jac("W_hh", t) for t in range(1, T + 1)]
JXH = [None] + [local_jac("W_xh", t) for t in range(1, T + 1)]
JBH = [None] + [local_jac("b_h", t) for t in range(1, T + 1)]
contract = lambda Gv, J: np.tensordot(Gv, J, axes=(0, 0))
s_yh = sum(contract(GO[t], JYH[t]) for t in range(1, T + 1))
s_hh = sum(contract(GH[t], JHH[t]) for t in range(1, T + 1))
s_xh = sum(contract(GH[t], JXH[t]) for t in range(1, T + 1))
s_bh = sum(contract(GH[t], JBH[t]) for t in range(1, T + 1))
verdict(249, close(s_yh, G["W_yh"]))
verdict(267, close(s_yh, G["W_yh"]))
verdict(250, close(s_hh, G["W_hh"]))
verdict(251, close(s_xh, G["W_xh"]))
for ln in (362, 363, 364, 365, 366, 371):          # contraction over i with the local Jacobian
    verdict(ln, close(s_hh, G["W_hh"]))
verdict(414, close(s_xh, G["W_xh"]))
verdict(415, close(s_xh, G["W_xh"]))
verdict(427, close(s_bh, G["b_h"]))

# 270 / 273: o_i = W_yh h_i + b_o, d o_i / d W_yh = h_i  (component i)
t = 2; i = 1
rhs270 = P0["W_yh"] * HS[t][i] + P0["b_o"][:, None]   # matrix times the scalar h_i plus b_o: a K x H array
verdict(270, close(OS[t][i], rhs270))                 # scalar o_i vs K x H array -> shape mismatch
verdict(273, close(JYH[t][i], HS[t][i] * np.ones((K, H))))

# 280-326: per-step loss L_t = -sum_j p(j) log sigma_j(o)
t = 2
pt = PT[t]
o = OS[t]
s = softmax(o)
Lt = lambda oo: -np.sum(pt * np.log(softmax(oo)))
gL = np.array([(Lt(o + EPS * np.eye(K)[a]) - Lt(o - EPS * np.eye(K)[a])) / (2 * EPS) for a in range(K)])
ok280 = ok291 = ok299 = ok312 = ok322 = True
for i in range(K):
    # 280: bound summation index shadows the free i -> same function as L_t
    ok280 &= close(gL[i], gL[i])
    dlog = np.array([(np.log(softmax(o + EPS * np.eye(K)[i]))[j] - np.log(softmax(o - EPS * np.eye(K)[i]))[j]) / (2 * EPS) for j in range(K)])
    ok291 &= close(gL[i], -np.sum(pt * dlog))
    ok299 &= close(-np.sum(pt * dlog), -np.sum(pt / s * fd_softmax_jac(o)[:, i]))
    rhs312 = -pt[i] * (1 - s[i]) + sum(pt[j] * s[i] for j in range(K) if j != i)
    ok312 &= close(-np.sum(pt / s * fd_softmax_jac(o)[:, i]), rhs312)
    ok322 &= close(rhs312, -pt[i] + pt[i] * s[i] + sum(pt[j] * s[i] for j in range(K) if j != i)) and close(rhs312, s[i] - pt[i])
verdict(280, ok280)
verdict(291, ok291)
verdict(299, ok299)
verdict(312, ok312)
verdict(318, close(pt.sum(), 1.0))
verdict(322, ok322)
verdict(326, all(close(GO[t], PS[t] - PT[t]) for t in range(1, T + 1)))

# 330: sum_t sum_i [sigma_i - p(i)] h_i  (scalar)  and  sum_t (sigma - p) h^(t) (column x column)
v330 = sum(sum((PS[t][i] - PT[t][i]) * HS[t][i] for i in range(H)) for t in range(1, T + 1))
m330 = [mm(col(PS[t] - PT[t]), col(HS[t])) for t in range(1, T + 1)]
verdict(330, close(v330, G["W_yh"]) and all(m is not None for m in m330))
v334 = sum(sum(PS[t][i] - PT[t][i] for i in range(K)) * 1 for t in range(1, T + 1))
verdict(334, close(v334, G["b_o"]))
verdict(338, close(v334, G["b_o"]))

# 367: sum_t (dh_t/dh_{t-1})^T (dh_{t-1}/dW_hh)^T dL/dh_t  (local Jacobian of h_{t-1}; zero for t=1)
v367 = np.zeros((H, H))
for t in range(1, T + 1):
    A_t = dg(t) @ P0["W_hh"]
    inner = contract(GH[t], JHH[t - 1]) if t >= 2 else np.zeros((H, H))
    v367 += A_t.T @ inner
verdict(367, close(v367, G["W_hh"]))
# 368-370 use dh_{t-1}/dh_t: in the forward graph h_{t-1} does not depend on h_t (measured below)
dprev = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = EPS
    dprev[:, k] = (forward(P0, inj_h={2: e})[1][1] - forward(P0, inj_h={2: -e})[1][1]) / (2 * EPS)
assert np.allclose(dprev, 0)
for ln in (368, 369, 370):
    verdict(ln, close(np.zeros((H, H)), G["W_hh"]))
# 372: diag[1-h^2] h^(t-1) grad_h L : (HxH)(Hx1)(Hx1) -> shape error; outer-product reading gives the transpose
v372 = [mm(dg(t), col(HS[t - 1]), col(GH[t])) for t in range(1, T + 1)]
alt372 = sum(dg(t) @ np.outer(HS[t - 1], GH[t]) for t in range(1, T + 1))
verdict(372, all(m is not None for m in v372) or close(alt372, G["W_hh"]))
v373 = sum(mm(dg(t), col(GH[t]), col(HS[t - 1]).T) for t in range(1, T + 1))
for ln in (373, 378, 443, 466):
    verdict(ln, close(v373, G["W_hh"]))

# 387 / 388: dL/dh_t = W_yh^T dL/do_t + (diag[1-h_{t+1}^2] W_hh)^T dL/dh_{t+1}
ok387 = ok388 = ok389 = True
for t in range(1, T + 1):
    nxt = GH[t + 1] if t < T else np.zeros(H)
    dnext = np.diag(1 - HS[t + 1] ** 2) if t < T else np.eye(H)
    A = dnext @ P0["W_hh"]
    ok387 &= close(P0["W_yh"].T @ GO[t] + A.T @ nxt, GH[t])
    ok388 &= close(P0["W_yh"].T @ GO[t] + (dnext @ P0["W_hh"]).T @ nxt, GH[t])
    # 389 literally: W_hh^T grad (H x 1) times diag (H x H): strict shapes fail;
    # numpy's row-vector reading gives diag[...] W_hh^T grad
    strict = mm(P0["W_hh"].T, col(nxt), dnext)
    loose = P0["W_yh"].T @ GO[t] + (P0["W_hh"].T @ nxt) @ dnext
    ok389 &= (strict is not None) and close(loose, GH[t])
verdict(387, ok387)
verdict(388, ok388)
for ln in (389, 394, 477):
    verdict(ln, ok389)
# 398: W_xh^T grad_{h^(t+1)} L (...) : W_xh^T is D x H, the term must be an H-vector in dL/dh_t
verdict(398, mm(P0["W_xh"].T, col(GH[2])) is not None and mm(P0["W_xh"].T, col(GH[2])).shape == (H, 1))

# 416: (diag[1-h^2] x^(t))^T grad : (HxH)(Dx1) undefined for D != H
verdict(416, all(mm(dg(t), col(X[t])) is not None for t in range(1, T + 1)))
# 417 / 422 / 442 / 465: diag^T grad (x^(t)) : (Hx1)(Dx1) undefined; correct is (...) x^T
v417 = [mm(dg(t).T, col(GH[t]), col(X[t])) for t in range(1, T + 1)]
for ln in (417, 422, 442, 465):
    verdict(ln, all(m is not None for m in v417))
# 428: (d h_i / d b_h)^T grad, i free: a scalar, not an H-vector
i = 0
v428 = sum(JBH[t][i] @ GH[t] for t in range(1, T + 1))
verdict(428, close(v428, G["b_h"]))
v429 = sum(dg(t).T @ GH[t] for t in range(1, T + 1))
for ln in (429, 434, 445, 468):
    verdict(ln, close(v429, G["b_h"]))
# 444 / 467: (sigma - p) h^(t)  column x column
for ln in (444, 467):
    verdict(ln, all(mm(col(PS[t] - PT[t]), col(HS[t])) is not None for t in range(1, T + 1)))
# 446 / 469: sum_t sigma - p  ->  (sum_t sigma^(t)) - p  (p of the last step; the sum binds sigma only)
v446 = sum(PS[t] for t in range(1, T + 1)) - PT[T]
for ln in (446, 469):
    verdict(ln, close(v446, G["b_o"]))
verdict(456, True)                                   # definition of the gradient-descent step

# ---------------- compare with expected.json ----------------
here = os.path.dirname(os.path.abspath(__file__))
exp = json.load(open(os.path.join(here, "expected.json")))["qubitpi_rnn_bptt.md"]
bad = 0
for ln in sorted(exp, key=int):
    got = R.get(int(ln))
    want = exp[ln]["expected"]
    print(f"line {ln}: expected {want}, numeric {got}")
    if got != want:
        bad += 1
missing = sorted(set(R) - {int(k) for k in exp})
if missing:
    print("checked but not in expected.json:", missing)
    bad += 1
print("mismatches:", bad)
sys.exit(1 if bad else 0)
