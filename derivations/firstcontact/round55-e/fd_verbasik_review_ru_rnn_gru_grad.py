"""Finite-difference checks for verbasik_review_ru_rnn_gru_grad.md (numpy only, float64).

Model (author's forward, lines 5-6): column vectors, h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), h_0 = 0,
y_t = W_hy h_t + b_y (sigma_y = identity), per-step loss l_t = 0.5 ||y_t - target_t||^2, L = sum_t l_t.
Jacobians in numerator layout (d h_t / d h_{t-1} is H x H, rows = components of h_t).
GRU (lines 67-76): z = sig(W_z [x;h]+b_z), r = sig(W_r [x;h]+b_r), hh = tanh(W_h [x; r*h]+b_h),
h' = (1-z)*h + z*hh.
"""
import sys
import json
import os
import numpy as np

rng = np.random.default_rng(7)
H, D, K, T = 3, 2, 2, 5
EPS = 1e-6
TOL = 1e-6

Wxh = rng.normal(scale=0.8, size=(H, D))
Whh = rng.normal(scale=0.8, size=(H, H))
bh = rng.normal(scale=0.3, size=H)
Why = rng.normal(scale=0.8, size=(K, H))
by = rng.normal(scale=0.3, size=K)
X = rng.normal(size=(T + 1, D))      # x_1..x_T used (index 0 unused)
Y = rng.normal(size=(T + 1, K))      # targets


def step(h, x, W=None):
    W = Whh if W is None else W
    return np.tanh(Wxh @ x + W @ h + bh)


def run(W=None, h_override=None, start=1):
    """forward; h_override=(k, vec) replaces h_k before continuing. returns list h[0..T]."""
    hs = [np.zeros(H)]
    for t in range(1, T + 1):
        hs.append(step(hs[-1], X[t], W))
        if h_override is not None and h_override[0] == t:
            hs[-1] = h_override[1].copy()
    return hs


def loss_t(h, t):
    y = Why @ h + by
    return 0.5 * np.sum((y - Y[t]) ** 2)


def total_loss(hs, lo=1, hi=T):
    return sum(loss_t(hs[t], t) for t in range(lo, hi + 1))


def jac_step(h, x, W=None):
    W = Whh if W is None else W
    a = Wxh @ x + W @ h + bh
    return np.diag(1 - np.tanh(a) ** 2) @ W


def fd_jac(f, v):
    out = []
    for i in range(v.size):
        e = np.zeros_like(v); e[i] = EPS
        out.append((f(v + e) - f(v - e)) / (2 * EPS))
    return np.array(out).T


results = {}
hs = run()
i, j = 1, 2   # the element w = W_hh[i, j]


def with_w(delta):
    W = Whh.copy(); W[i, j] += delta
    return W

# ---- line 25: dL/dw = sum_t dl_t/dw
dL = (total_loss(run(with_w(EPS))) - total_loss(run(with_w(-EPS)))) / (2 * EPS)
dls = [(loss_t(run(with_w(EPS))[t], t) - loss_t(run(with_w(-EPS))[t], t)) / (2 * EPS) for t in range(1, T + 1)]
results[25] = abs(dL - sum(dls)) < TOL

# total dh_t/dw (vector) for all t
dh_dw = [(np.array(run(with_w(EPS))[t]) - np.array(run(with_w(-EPS))[t])) / (2 * EPS) for t in range(T + 1)]

# ---- line 31: dl_t/dw = (dl/dy)(dy/dh)(dh_t/dw) with total dh_t/dw
ok = True
for t in range(1, T + 1):
    dldy = (Why @ hs[t] + by - Y[t])
    rhs = dldy @ Why @ dh_dw[t]
    ok &= abs(rhs - dls[t - 1]) < TOL
results[31] = ok

# ---- line 37: dh_t/dw = J_t dh_{t-1}/dw + (immediate partial of h_t wrt w, h_{t-1} held fixed)
ok = True
for t in range(1, T + 1):
    imm = (step(hs[t - 1], X[t], with_w(EPS)) - step(hs[t - 1], X[t], with_w(-EPS))) / (2 * EPS)
    rhs = jac_step(hs[t - 1], X[t]) @ dh_dw[t - 1] + imm
    ok &= np.allclose(rhs, dh_dw[t], atol=TOL)
results[37] = ok

# ---- lines 43/51: J_k = diag(sigma'(a_k)) W_hh  vs FD Jacobian of one step
ok = True
for k in range(1, T + 1):
    Jfd = fd_jac(lambda v: step(v, X[k]), hs[k - 1])
    ok &= np.allclose(jac_step(hs[k - 1], X[k]), Jfd, atol=TOL)
results[43] = ok
results[51] = ok
results[45] = True  # definition of a_k (used in 43)


def fd_dht_dhtk(t, k):
    """FD Jacobian of h_t with respect to h_{t-k} (h_{t-k} perturbed, rest recomputed)."""
    base = hs[t - k]
    def f(v):
        h = v.copy()
        for s in range(t - k + 1, t + 1):
            h = step(h, X[s])
        return h
    return fd_jac(f, base)


# ---- lines 47/61/89: dh_t/dh_{t-k} = J_t J_{t-1} ... J_{t-k+1}
ok = True
for t in range(2, T + 1):
    for k in range(1, t):
        P = np.eye(H)
        for s in range(t, t - k, -1):          # J_t J_{t-1} ... J_{t-k+1}
            P = P @ jac_step(hs[s - 1], X[s])
        ok &= np.allclose(P, fd_dht_dhtk(t, k), atol=TOL)
results[47] = ok
results[61] = ok
results[89] = ok

# ---- line 57: dL/dW_hh = sum_{k=1}^{t} dL/dh_t dh_t/dh_{t-k} dh_{t-k}/dW_hh for a loss L = l_t at one step t
t = T
def Lsingle(W):
    return loss_t(run(W)[t], t)
G_fd = np.zeros_like(Whh)
for a in range(H):
    for b in range(H):
        Wp = Whh.copy(); Wp[a, b] += EPS
        Wm = Whh.copy(); Wm[a, b] -= EPS
        G_fd[a, b] = (Lsingle(Wp) - Lsingle(Wm)) / (2 * EPS)
g_t = (Why @ hs[t] + by - Y[t]) @ Why            # dL/dh_t (row)


def term(k):
    """g_t * dh_t/dh_{t-k} * (immediate dh_{t-k}/dW_hh), as an H x H matrix."""
    P = np.eye(H)
    for s in range(t, t - k, -1):
        P = P @ jac_step(hs[s - 1], X[s])
    m = t - k
    if m == 0:
        return np.zeros((H, H))                  # h_0 = 0 is a constant
    g = g_t @ P                                   # dL/dh_{m} along this path
    da = g * (1 - hs[m] ** 2)
    return np.outer(da, hs[m - 1])
rhs57 = sum(term(k) for k in range(1, t + 1))
rhs57_fixed = sum(term(k) for k in range(0, t))
results[57] = np.allclose(rhs57, G_fd, atol=1e-5)
assert np.allclose(rhs57_fixed, G_fd, atol=1e-5), "sanity: k=0..t-1 should match"

# ---- line 138: dL/dh_t = sum_{k=t+1}^T dL/dh_k prod_{j=t+1}^k J_j  (L = sum of all step losses)
def fd_total_grad_h(k):
    """total dL/dh_k where L = sum_{s=1}^T l_s and h_k is treated as an intermediate variable."""
    def f(v):
        hh = hs[:k] + [v]
        h = v.copy()
        for s in range(k + 1, T + 1):
            h = step(h, X[s]); hh.append(h)
        return total_loss(hh, lo=k, hi=T)
    g = np.zeros(H)
    for n in range(H):
        e = np.zeros(H); e[n] = EPS
        g[n] = (f(hs[k] + e) - f(hs[k] - e)) / (2 * EPS)
    return g


def prodJ(t, k):
    P = np.eye(H)
    for s in range(k, t, -1):                     # J_k ... J_{t+1}
        P = P @ jac_step(hs[s - 1], X[s])
    return P


tt = 2
lhs = fd_total_grad_h(tt)
rhs_total = sum(fd_total_grad_h(k) @ prodJ(tt, k) for k in range(tt + 1, T + 1))
local = lambda k: (Why @ hs[k] + by - Y[k]) @ Why
rhs_local = sum(local(k) @ prodJ(tt, k) for k in range(tt + 1, T + 1))
rhs_correct = sum(local(k) @ prodJ(tt, k) for k in range(tt, T + 1))
assert np.allclose(rhs_correct, lhs, atol=1e-5), "sanity: sum_{k=t}^T of local terms should match"
results[138] = np.allclose(rhs_total, lhs, atol=1e-5) or np.allclose(rhs_local, lhs, atol=1e-5)

# ---------------- GRU (lines 67-76, 95, 99, 103, 121, 129) ----------------
Wz = rng.normal(scale=0.8, size=(H, D + H)); bz = rng.normal(scale=0.3, size=H)
Wr = rng.normal(scale=0.8, size=(H, D + H)); br = rng.normal(scale=0.3, size=H)
Wh = rng.normal(scale=0.8, size=(H, D + H)); bhg = rng.normal(scale=0.3, size=H)
sig = lambda u: 1 / (1 + np.exp(-u))


def gz(h, x): return sig(Wz @ np.concatenate([x, h]) + bz)
def gr(h, x): return sig(Wr @ np.concatenate([x, h]) + br)
def ght(h, x): return np.tanh(Wh @ np.concatenate([x, gr(h, x) * h]) + bhg)
def gstep(h, x):
    z = gz(h, x)
    return (1 - z) * h + z * ght(h, x)


gh = [rng.normal(scale=0.5, size=H)]
for t in range(1, T + 1):
    gh.append(gstep(gh[-1], X[t]))

ok103 = True
for t in range(1, T + 1):
    hp, x = gh[t - 1], X[t]
    z, htl = gz(hp, x), ght(hp, x)
    Jz = fd_jac(lambda v: gz(v, x), hp)
    Jht = fd_jac(lambda v: ght(v, x), hp)
    rhs = np.diag(1 - z) + np.diag(htl - hp) @ Jz + np.diag(z) @ Jht
    ok103 &= np.allclose(rhs, fd_jac(lambda v: gstep(v, x), hp), atol=TOL)
results[103] = ok103
results[99] = True   # restates the update rule inside d/dh_{t-1}; identical to its LHS by definition
results[129] = True  # restates the candidate inside d/dh_{t-1}; identical to its LHS by definition

ok121 = True
for t in range(2, T + 1):
    for k in range(1, t):
        P = np.eye(H)
        for s in range(t, t - k, -1):
            P = P @ fd_jac(lambda v, s=s: gstep(v, X[s]), gh[s - 1])
        def f(v, t=t, k=k):
            h = v.copy()
            for s in range(t - k + 1, t + 1):
                h = gstep(h, X[s])
            return h
        ok121 &= np.allclose(P, fd_jac(f, gh[t - k]), atol=1e-5)
results[121] = ok121

# ---- line 110 (LSTM, no peepholes): dC_t/dC_{t-1} = f_t with h_{t-1} held fixed
Wf = rng.normal(size=(H, D + H)); Wi = rng.normal(size=(H, D + H)); Wc = rng.normal(size=(H, D + H))
hprev, cprev, x = rng.normal(size=H), rng.normal(size=H), X[1]
u = np.concatenate([x, hprev])
f_t = sig(Wf @ u)
cnext = lambda c: f_t * c + sig(Wi @ u) * np.tanh(Wc @ u)
results[110] = np.allclose(fd_jac(cnext, cprev), np.diag(f_t), atol=TOL)

# definitions (forward equations), not numerically checked
for n in (5, 6, 15, 67, 70, 73, 76, 95):
    results[n] = True

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["verbasik_review_ru_rnn_gru_grad.md"]
bad = 0
for n in sorted(results):
    numeric = "pass" if results[n] else "fail"
    want = exp[str(n)]["expected"]
    print(f"line {n}: expected {want}, numeric {numeric}")
    bad += want != numeric
missing = set(exp) - {str(n) for n in results}
if missing:
    print("unchecked lines:", sorted(missing, key=int)); bad += 1
sys.exit(1 if bad else 0)
