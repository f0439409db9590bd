"""Finite-difference check of the annotated lines of razmik_vanilla_rnn.md (numpy only).
Execs the author's python fences (utils helpers + RNN class pieces) and checks math lines
with numerical Jacobians.  Prints '<line> OK|MISMATCH' for each annotated line; OK means the
numerical check agrees with the verdict in expected.json."""
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "razmik_vanilla_rnn.md")
EXP = json.load(open(os.path.join(HERE, "expected.json")))["razmik_vanilla_rnn.md"]
lines = open(MD).read().split("\n")

# ---- exec the author's fences: utils fence first, then the notebook fences in order
fences, cur, start = [], None, None
for i, l in enumerate(lines, 1):
    if l.startswith("```python"):
        cur, start = [], i
    elif l.startswith("```") and cur is not None:
        fences.append((start, "\n".join(cur))); cur = None
    elif cur is not None:
        cur.append(l)
utils_src = fences[-1][1]
ns = {}
exec(utils_src, ns)
import types, sys
utils_mod = types.ModuleType("utils"); exec(utils_src, utils_mod.__dict__); sys.modules["utils"] = utils_mod
for s, src in fences[:-1]:
    exec(src, ns)
RNN = ns["RNN"]

rng = np.random.default_rng(0)
EPS = 1e-6
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)

def num_grad(f, X):
    X = X.astype(float); g = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        ix = it.multi_index; o = X[ix]
        X[ix] = o + EPS; fp = np.array(f(X), float)
        X[ix] = o - EPS; fm = np.array(f(X), float)
        X[ix] = o
        g[ix] = 0  # placeholder for scalar f
        if fp.ndim == 0:
            g[ix] = (fp - fm) / (2 * EPS)
    return g

def num_jac(f, X):
    """Jacobian d f(X) / d X, shape f.shape + X.shape"""
    X = X.astype(float); f0 = np.array(f(X), float)
    J = np.zeros(f0.shape + X.shape)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        ix = it.multi_index; o = X[ix]
        X[ix] = o + EPS; fp = np.array(f(X), float)
        X[ix] = o - EPS; fm = np.array(f(X), float)
        X[ix] = o
        J[(Ellipsis,) + ix] = (fp - fm) / (2 * EPS)
    return J

results = {}
def rec(line, ok_math):
    """ok_math: True if the statement is numerically right."""
    verdict = "pass" if ok_math else "fail"
    results[line] = verdict

# ---------------- model set-up (generic f = tanh, column vectors, h_{-1}=h0)
V, H, T = 4, 3, 4
Whh = rng.normal(size=(H, H)) * 0.6
Whx = rng.normal(size=(H, V)) * 0.6
Why = rng.normal(size=(V, H)) * 0.6
X = rng.normal(size=(T, V, 1))          # generic inputs for the math checks
lab = rng.integers(0, V, size=T)
h0 = rng.normal(size=(H, 1)) * 0.3
f = np.tanh

def fwd(Whh, Whx, Why, X=X, h0=h0, f=f):
    hs, zs, ys, ps = [], [], [], []
    h = h0
    for t in range(len(X)):
        z = Whh @ h + Whx @ X[t]; h = f(z); y = Why @ h
        p = np.exp(y) / np.exp(y).sum()
        zs.append(z); hs.append(h); ys.append(y); ps.append(p)
    return hs, zs, ys, ps
def Jt(t, Whh=Whh, Whx=Whx, Why=Why):
    _, _, _, ps = fwd(Whh, Whx, Why); return -np.log(ps[t][lab[t], 0])
def Jtot(Whh=Whh, Whx=Whx, Why=Why):
    return sum(Jt(t, Whh, Whx, Why) for t in range(T))
hs, zs, ys, ps = fwd(Whh, Whx, Why)
Lab = [np.eye(V)[lab[t]].reshape(V, 1) for t in range(T)]

# forward equations (22, 24, 173, 174, 178, 286-289): author's code forward == formulas
m = RNN(V, H); m.w_hh, m.w_hx, m.w_hy = Whh.copy(), Whx.copy(), Why.copy(); m.current_state = h0.copy()
xi = rng.integers(0, V, size=T); li = rng.integers(0, V, size=T)
hs_c, ps_c = m.forward(xi, False)
Xo = np.eye(V)[xi].reshape(T, V, 1)
hs_r, zs_r, ys_r, ps_r = fwd(Whh, Whx, Why, X=Xo)
fwd_ok = all(close(hs_c[t], hs_r[t]) and close(ps_c[t], ps_r[t]) for t in range(T))
for ln in (22, 24, 173, 174, 178, 286, 287, 288, 289):
    rec(ln, fwd_ok)
# code forward statements 317, 320, 321, 324, 325 (same check: exec'd code equals the model)
for ln in (317, 320, 321, 324, 325):
    rec(ln, fwd_ok)

# loss lines 184, 341, 343, 352, and J = sum J_t (46), dJ/dtheta = sum dJ_t/dtheta (50, 401)
Lc = m.calculate_loss(xi, li, False)
Lr = -sum(float(np.eye(V)[li[t]] @ np.log(ps_r[t][:, 0])) for t in range(T))
rec(184, close(Lc, Lr)); rec(341, close(Lc, Lr)); rec(343, close(Lc, Lr)); rec(352, close(Lc, Lr))
rec(46, close(Jtot(), sum(Jt(t) for t in range(T))))
gW = num_grad(lambda W: Jtot(W, Whx, Why), Whh.copy())
gsum = sum(num_grad(lambda W, t=t: Jt(t, W, Whx, Why), Whh.copy()) for t in range(T))
rec(50, close(gW, gsum)); rec(401, close(gW, gsum))

# helpers --------------------------------------------------------------------------
t = 2
def h_from(k, hk, Whh=Whh, Whx=Whx):
    """run forward from h_k (given) to h_t (t global)"""
    h = hk
    for i in range(k + 1, t + 1):
        h = f(Whh @ h + Whx @ X[i])
    return h
def dht_dhk(tt, k):
    def g(hk):
        h = hk
        for i in range(k + 1, tt + 1):
            h = f(Whh @ h + Whx @ X[i])
        return h
    return num_jac(g, hs[k].copy()).reshape(H, H)
def hprev(k):
    return hs[k - 1] if k >= 1 else h0
def dplus_h_dW(k, which):
    if which == "hh":
        return num_jac(lambda W: f(W @ hprev(k) + Whx @ X[k]), Whh.copy()).reshape(H, H, H)
    return num_jac(lambda W: f(Whh @ hprev(k) + W @ X[k]), Whx.copy()).reshape(H, H, V)
def dJt_dht(tt):
    return num_jac(lambda h: -np.log((np.exp(Why @ h) / np.exp(Why @ h).sum())[lab[tt], 0]), hs[tt].copy()).reshape(H)

# 61 / 362: dJ_t/dW_hy = dJ_t/dy_t dy_t/dW_hy
tt = 2
dJdy = num_jac(lambda y: -np.log((np.exp(y) / np.exp(y).sum())[lab[tt], 0]), ys[tt].copy()).reshape(V)
dydW = num_jac(lambda W: W @ hs[tt], Why.copy()).reshape(V, V, H)
lhs = num_grad(lambda W: Jt(tt, Whh, Whx, W), Why.copy())
ok = close(np.einsum("i,ijk->jk", dJdy, dydW), lhs, 1e-5)
rec(61, ok); rec(362, ok)

# 72 / 125: sum over k of (dJ_t/dh_t)(dh_t/dh_k)(d+h_k/dW)
tt = 3
for ln, which, Wm in ((72, "hh", Whh), (125, "hx", Whx)):
    tot = 0
    for k in range(0, tt + 1):
        D = np.eye(H) if k == tt else dht_dhk(tt, k)
        tot = tot + np.einsum("i,ij,jab->ab", dJt_dht(tt), D, dplus_h_dW(k, which))
    if which == "hh":
        ref = num_grad(lambda W: Jt(tt, W, Whx, Why), Whh.copy())
    else:
        ref = num_grad(lambda W: Jt(tt, Whh, W, Why), Whx.copy())
    rec(ln, close(tot, ref, 1e-5))

# 87 / 407: dh_t/dh_k = prod_{i=k+1}^t dh_i/dh_{i-1}   (t=3, k=0 here: T=4 uses indices 0..3)
P = np.eye(H)
for i in range(3, 0, -1):
    P = P @ dht_dhk(i, i - 1)
ok = close(dht_dhk(3, 0), P, 1e-5)
rec(87, ok); rec(407, ok)

# 100: t=3 expansion for W_hh (time steps 1..3 -> indices 0..2 with J at index 2)
tt = 2
g3 = dJt_dht(tt)
terms = (np.einsum("i,iab->ab", g3, dplus_h_dW(2, "hh"))
         + np.einsum("i,ij,jab->ab", g3, dht_dhk(2, 1), dplus_h_dW(1, "hh"))
         + np.einsum("i,ij,jk,kab->ab", g3, dht_dhk(2, 1), dht_dhk(1, 0), dplus_h_dW(0, "hh")))
ref_hh = num_grad(lambda W: Jt(tt, W, Whx, Why), Whh.copy())
rec(100, close(terms, ref_hh, 1e-5))

# 138: t=3 expansion for W_hx as printed: middle term uses d+h_2/dW_hh.
# With V != H the printed sum is not even shape-consistent; check with the literal terms.
t1 = np.einsum("i,iab->ab", g3, dplus_h_dW(2, "hx"))
t2 = np.einsum("i,ij,jab->ab", g3, dht_dhk(2, 1), dplus_h_dW(1, "hh"))   # as printed
t3 = np.einsum("i,ij,jk,kab->ab", g3, dht_dhk(2, 1), dht_dhk(1, 0), dplus_h_dW(0, "hx"))
ref_hx = num_grad(lambda W: Jt(tt, Whh, W, Why), Whx.copy())
printed_ok = (t2.shape == t1.shape) and close(t1 + t2 + t3, ref_hx, 1e-5)
t2c = np.einsum("i,ij,jab->ab", g3, dht_dhk(2, 1), dplus_h_dW(1, "hx"))
assert close(t1 + t2c + t3, ref_hx, 1e-5)   # the corrected W_hx term would be right
rec(138, printed_ok)

# 367 / 385: last form  sum_k dJ_t/dh_t dh_t/dz_t dz_t/dh_k dh_k/dz_k d+z_k/dW
tt = 2
def dht_dzt(k): return np.diag(1 - hs[k][:, 0] ** 2)
def dzt_dhk(tt, k):
    # z_t as a function of h_k (k <= t); for k = t, z_t does not depend on h_t -> zero
    if k == tt: return np.zeros((H, H))
    def g(hk):
        h = hk
        for i in range(k + 1, tt):
            h = f(Whh @ h + Whx @ X[i])
        return Whh @ h + Whx @ X[tt]
    return num_jac(g, hs[k].copy()).reshape(H, H)
def dplus_z_dW(k, which):
    if which == "hh":
        return num_jac(lambda W: W @ hprev(k) + Whx @ X[k], Whh.copy()).reshape(H, H, H)
    return num_jac(lambda W: Whh @ hprev(k) + W @ X[k], Whx.copy()).reshape(H, H, V)
for ln, which, ref in ((367, "hh", ref_hh), (385, "hx", ref_hx)):
    tot = 0
    for k in range(0, tt + 1):
        tot = tot + np.einsum("i,ij,jk,kl,lab->ab", g3, dht_dzt(tt), dzt_dhk(tt, k), dht_dzt(k), dplus_z_dW(k, which))
    # middle form (with dh_t/dh_k) is fine; the line's final equality is what decides
    rec(ln, close(tot, ref, 1e-5))

# 424: dJ_t/dy_t = p_t - labels_t
tt = 1
dJdy = num_jac(lambda y: -np.log((np.exp(y) / np.exp(y).sum())[lab[tt], 0]), ys[tt].copy()).reshape(V, 1)
rec(424, close(ps[tt] - Lab[tt], dJdy))

# 428: dJ_t/dW_hy = (p_t - labels_t) h_t   (literal: (V,1) times (H,1))
ref = num_grad(lambda W: Jt(tt, Whh, Whx, W), Why.copy())
try:
    lit = np.dot(ps[tt] - Lab[tt], hs[tt]); ok = close(lit, ref)
except ValueError:
    ok = False
assert close(np.dot(ps[tt] - Lab[tt], hs[tt].T), ref)  # with h_t^T it would be right
rec(428, ok)

# 430: dJ_t/dh_t = (p_t - labels_t) W_hy  (literal: (V,1) times (V,H))
ref = num_jac(lambda h: -np.log((np.exp(Why @ h) / np.exp(Why @ h).sum())[lab[tt], 0]), hs[tt].copy()).reshape(H, 1)
try:
    lit = np.dot(ps[tt] - Lab[tt], Why); ok = close(lit, ref)
except ValueError:
    ok = False
assert close(Why.T @ (ps[tt] - Lab[tt]), ref)
rec(430, ok)

# 434: dh/dz for tanh and sigmoid, both forms
z = rng.normal(size=(H, 1))
sig = lambda u: 1 / (1 + np.exp(-u))
ok = (close(np.diag(num_jac(np.tanh, z.copy()).reshape(H, H)).reshape(H, 1), 1 - np.tanh(z) ** 2)
      and close(np.diag(num_jac(sig, z.copy()).reshape(H, H)).reshape(H, 1), sig(z) * (1 - sig(z)))
      and close(1 - np.tanh(z) ** 2, 1 - np.tanh(z) ** 2))
rec(434, ok)

# 448: dz_t/dh_{t-1} = W_hh ; dz_t/dW_hx = x_t ; dz_t/dW_hh = h_{t-1} (shorthand: dz_i/dW_ij = x_j)
k = 2
Jh = num_jac(lambda h: Whh @ h + Whx @ X[k], hs[k - 1].copy()).reshape(H, H)
Jx = dplus_z_dW(k, "hx"); Jw = dplus_z_dW(k, "hh")
ok = close(Jh, Whh) and close(Jx, np.einsum("ia,b->iab", np.eye(H), X[k][:, 0])) \
     and close(Jw, np.einsum("ia,b->iab", np.eye(H), hs[k - 1][:, 0]))
rec(448, ok)

# ---------------- backward code: run the author's backward + transcribed statements
np.clip  # the author's clip to [-5, 5] is not annotated; keep gradients small so it never fires
m = RNN(V, H); m.w_hh, m.w_hx, m.w_hy = Whh.copy() * 0.5, Whx.copy() * 0.5, Why.copy() * 0.5
m.current_state = h0.copy()
hs_c, ps_c = m.forward(xi, False)
dwx, dwh, dwy = m.backward(xi, li, hs_c, ps_c)
def Lfun(wh=None, wx=None, wy=None):
    mm = RNN(V, H); mm.w_hh = m.w_hh if wh is None else wh; mm.w_hx = m.w_hx if wx is None else wx
    mm.w_hy = m.w_hy if wy is None else wy; mm.current_state = h0.copy()
    return mm.calculate_loss(xi, li, False)
g_hh = num_grad(lambda W: Lfun(wh=W), m.w_hh.copy())
g_hx = num_grad(lambda W: Lfun(wx=W), m.w_hx.copy())
g_hy = num_grad(lambda W: Lfun(wy=W), m.w_hy.copy())
assert np.abs(np.concatenate([g_hh.ravel(), g_hx.ravel(), g_hy.ravel()])).max() < 5
rec(485, close(dwy, g_hy, 1e-5)); rec(497, close(dwh, g_hh, 1e-5)); rec(500, close(dwx, g_hx, 1e-5))

# per-statement checks of 482, 488, 491, 504 (author's expressions, one J_t at a time)
dtanh = ns["dtanh"]
Xo = np.eye(V)[xi].reshape(T, V, 1); Lo = np.eye(V)[li].reshape(T, V, 1)
def J_single(tt, zk=None, k=None, y=None, h=None):
    """J_t with optional override of z_k (then propagate), or of y_t / h_t."""
    hprev_ = h0
    for i in range(tt + 1):
        zz = m.w_hh @ hprev_ + m.w_hx @ Xo[i]
        if k is not None and i == k: zz = zk
        hh = np.tanh(zz)
        if h is not None and i == tt: hh = h
        hprev_ = hh
    yy = m.w_hy @ hh if y is None else y
    p = np.exp(yy) / np.exp(yy).sum()
    return -np.log(p[li[tt], 0])
ok482 = ok488 = ok491 = ok504 = True
for tt in reversed(range(T)):
    dy_t = ps_c[tt] - Lo[tt]
    ok482 &= close(dy_t, num_jac(lambda y: J_single(tt, y=y), m.w_hy @ hs_c[tt]).reshape(V, 1))
    dh_t = np.dot(m.w_hy.T, dy_t)
    ok488 &= close(dh_t, num_jac(lambda h: J_single(tt, h=h), hs_c[tt].copy()).reshape(H, 1))
    dz_k = dh_t * m.f_prime(hs_c[tt])
    zt = np.arctanh(hs_c[tt])
    ok491 &= close(dz_k, num_jac(lambda zz: J_single(tt, zk=zz, k=tt), zt.copy()).reshape(H, 1), 1e-5)
    for k in reversed(range(tt + 1)):
        dz_k = np.dot(m.w_hh.T, dz_k) * m.f_prime(hs_c[k - 1])
        if k >= 1:
            zk = np.arctanh(hs_c[k - 1])
            ok504 &= close(dz_k, num_jac(lambda zz: J_single(tt, zk=zz, k=k - 1), zk.copy()).reshape(H, 1), 1e-5)
rec(482, ok482); rec(488, ok488); rec(491, ok491); rec(504, ok504)

# utils helpers 521-553
u = rng.normal(size=(5, 1))
sm = ns["softmax"](u); rec(521, close(sm, np.exp(u) / np.exp(u).sum()) and close(sm.sum(), 1.0))
rec(525, close(ns["sigmoid"](u), 1 / (1 + np.exp(-u))))
rec(529, close(ns["relu"](u), np.maximum(u, 0)))
rec(533, close(ns["tanh"](u), np.tanh(u)))
dnum = lambda fn: np.diag(num_jac(fn, u.copy()).reshape(5, 5)).reshape(5, 1)
rec(539, close(ns["dsigmoid"](ns["sigmoid"](u)), dnum(ns["sigmoid"])))
rec(546, close(ns["drelu"](ns["relu"](u)), dnum(ns["relu"])))
rec(553, close(ns["dtanh"](np.tanh(u)), dnum(np.tanh)))

# ---------------- report
bad = 0
for ln in sorted(set(map(int, EXP)) | set(results)):
    exp = EXP.get(str(ln), {}).get("expected")
    got = results.get(ln)
    status = "OK" if exp == got else "MISMATCH"
    bad += status != "OK"
    print(f"{ln} {status}  (expected {exp}, numerical {got})")
print("all agree" if bad == 0 else f"{bad} disagreements")
