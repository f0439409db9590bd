"""Finite-difference / recomputation check of ch81_vanilla_rnn_bptt_rtrl.md (numpy only, float64).

Part A: symbolic lines (sections 2.2, 2.4, 2.5, 2.6, 3) on a random Elman RNN with softmax +
        cross-entropy (d_x = 3, d_h = 4, d_y = 5, T = 4; d_y != d_h so shape slips are visible),
        checked with central finite differences.
Part B: the T = 2 "AI by hand" example (section 5). The delta^z are given data, so the loss is the
        surrogate L_t = (delta_t^z)^T z_t, whose gradients are exactly the author's BPTT inputs.
        Arithmetic is checked step-locally (from the author's earlier printed values) with a
        tolerance of 1.5 units of the last shown decimal; labelled gradients dL_t/dW are also
        checked against finite differences of L_t.
Part C: Illustrations 3-5 (scalar RNN, T = 3), same rules.
Exit 0 only if every checked line agrees with expected.json.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "ch81_vanilla_rnn_bptt_rtrl.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
results = {}


def record(line, ok, detail=""):
    prev = results.get(line)
    ok = bool(ok) and (prev is None or prev[0] == "pass")
    results[line] = ("pass" if ok else "fail", detail if prev is None else prev[1] + "; " + detail)


def close(a, b, tol=1e-6):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=0)


def close_dec(given, exact, dec):
    return abs(given - exact) <= 1.5 * 10.0 ** (-dec) + 1e-12


def fd(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        xp = x.copy(); xp[i] += eps
        xm = x.copy(); xm[i] -= eps
        g[i] = (np.asarray(f(xp)).item() - np.asarray(f(xm)).item()) / (2 * eps)
    return g


def fd_jac(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    y0 = np.asarray(f(x))
    J = np.zeros((y0.size, x.size))
    for k in range(x.size):
        xp = x.copy(); xp.flat[k] += eps
        xm = x.copy(); xm.flat[k] -= eps
        J[:, k] = (np.asarray(f(xp)).ravel() - np.asarray(f(xm)).ravel()) / (2 * eps)
    return J

# =============================================================== Part A
rng = np.random.default_rng(7)
dx, dh, dy, T = 3, 4, 5, 4
P0 = dict(Whh=0.6 * rng.standard_normal((dh, dh)), Wxh=0.6 * rng.standard_normal((dh, dx)),
          bh=0.3 * rng.standard_normal(dh), Why=0.6 * rng.standard_normal((dy, dh)),
          by=0.3 * rng.standard_normal(dy))
X = rng.standard_normal((T + 1, dx))          # X[1..T] used
Y = np.zeros((T + 1, dy))
for t in range(1, T + 1):
    Y[t, rng.integers(dy)] = 1.0


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def forward(P, pert=None):
    """pert = (kind, t, vec): add vec to a_t ('a') or to h_t ('h') after it is computed."""
    h = [np.zeros(dh)]; a = [None]; z = [None]; yh = [None]; Ls = [None]
    for t in range(1, T + 1):
        at = P["Whh"] @ h[t - 1] + P["Wxh"] @ X[t] + P["bh"]
        if pert and pert[0] == "a" and pert[1] == t:
            at = at + pert[2]
        ht = np.tanh(at)
        if pert and pert[0] == "h" and pert[1] == t:
            ht = ht + pert[2]
        zt = P["Why"] @ ht + P["by"]
        yt = softmax(zt)
        a.append(at); h.append(ht); z.append(zt); yh.append(yt)
        Ls.append(-np.sum(Y[t] * np.log(yt)))
    return dict(h=h, a=a, z=z, yh=yh, Ls=Ls, L=sum(Ls[1:]))


def with_param(P, name, val):
    Q = dict(P); Q[name] = val; return Q


F0 = forward(P0)
h, a, z, yh = F0["h"], F0["a"], F0["z"], F0["yh"]
dlt_y = [None] + [yh[t] - Y[t] for t in range(1, T + 1)]
D = [None] + [np.diag(1 - h[t] ** 2) for t in range(1, T + 1)]

# total dL/dh_t and dL/da_t by finite differences (perturbing the state itself)
dLdh_fd = [None] + [fd(lambda v, t=t: forward(P0, ("h", t, v))["L"], np.zeros(dh)) for t in range(1, T + 1)]
dLda_fd = [None] + [fd(lambda v, t=t: forward(P0, ("a", t, v))["L"], np.zeros(dh)) for t in range(1, T + 1)]
# step-loss gradient wrt h_t (immediate, l_t only)
dlt_dh_fd = [None] + [fd(lambda v, t=t: forward(P0, ("h", t, v))["Ls"][t], np.zeros(dh)) for t in range(1, T + 1)]
# transition Jacobians dh_{t+1}/dh_t
def f_trans(hprev, t, P=P0):
    return np.tanh(P["Whh"] @ hprev + P["Wxh"] @ X[t] + P["bh"])
Jfd = [None, None] + [fd_jac(lambda v, k=k: f_trans(v, k), h[k - 1]) for k in range(2, T + 1)]  # Jfd[k] = dh_k/dh_{k-1}

for ln in (30, 37, 40, 41, 45, 47, 122, 125, 127, 131, 134, 148, 167, 212, 236):
    record(ln, True, "definition")

# 54
gW = fd(lambda W: forward(with_param(P0, "Whh", W))["L"], P0["Whh"])
gWt = sum(fd(lambda W, t=t: forward(with_param(P0, "Whh", W))["Ls"][t], P0["Whh"]) for t in range(1, T + 1))
record(54, close(gW, gWt), "dL/dWhh vs sum_t dL_t/dWhh")
# 60
ok = all(close(fd(lambda zz, t=t: -np.sum(Y[t] * np.log(softmax(zz))), z[t]), dlt_y[t]) for t in range(1, T + 1))
record(60, ok, "dL_t/dz_t = yhat - y")
# 61, 62
record(61, close(fd(lambda W: forward(with_param(P0, "Why", W))["L"], P0["Why"]),
                 sum(np.outer(dlt_y[t], h[t]) for t in range(1, T + 1))), "dWhy")
record(62, close(fd(lambda b: forward(with_param(P0, "by", b))["L"], P0["by"]),
                 sum(dlt_y[t] for t in range(1, T + 1))), "dby")
# 72
ok = all(close(dLdh_fd[t], P0["Why"].T @ dlt_y[t] + Jfd[t + 1].T @ dLdh_fd[t + 1]) for t in range(1, T))
record(72, ok, "dL/dh_t = Why^T dy + (dh_{t+1}/dh_t)^T dL/dh_{t+1}")
# 75, 76
ok75 = all(close(fd_jac(np.tanh, a[t]), np.diag(1 - h[t] ** 2)) for t in range(1, T + 1))
record(75, ok75, "dh/da = diag(1-h^2)")
ok76 = all(close(fd_jac(lambda v, t=t: P0["Whh"] @ v + P0["Wxh"] @ X[t + 1] + P0["bh"], h[t]), P0["Whh"]) for t in range(1, T))
record(76, ok76, "da_{t+1}/dh_t = Whh")
# 79, 209, 256 (Jacobian)
okJ = all(close(Jfd[k], D[k] @ P0["Whh"]) for k in range(2, T + 1))
for ln in (79, 209, 256):
    record(ln, okJ, "dh_k/dh_{k-1} = diag(1-h_k^2) Whh")
# 82, 84
ok = all(close(dLdh_fd[t], P0["Why"].T @ dlt_y[t] + P0["Whh"].T @ (dLdh_fd[t + 1] * (1 - h[t + 1] ** 2))) for t in range(1, T))
record(82, ok, "delta^h recursion")
record(84, close(dLdh_fd[T], P0["Why"].T @ dlt_y[T]), "terminal")
# 90
record(90, all(close(dLda_fd[t], dLdh_fd[t] * (1 - h[t] ** 2)) for t in range(1, T + 1)), "delta^a")
# 96-98
record(96, close(gW, sum(np.outer(dLda_fd[t], h[t - 1]) for t in range(1, T + 1))), "dWhh")
record(97, close(fd(lambda W: forward(with_param(P0, "Wxh", W))["L"], P0["Wxh"]),
                 sum(np.outer(dLda_fd[t], X[t]) for t in range(1, T + 1))), "dWxh")
record(98, close(fd(lambda b: forward(with_param(P0, "bh", b))["L"], P0["bh"]),
                 sum(dLda_fd[t] for t in range(1, T + 1))), "dbh")

# ---- 2.4 Lagrangian
def J_lag(hs, lam, P=P0):
    """hs: list h_0..h_T (free), lam: list lam_1..lam_T (index 0 unused)."""
    tot = 0.0
    for t in range(1, T + 1):
        zt = P["Why"] @ hs[t] + P["by"]
        tot += -np.sum(Y[t] * np.log(softmax(zt)))
        tot += lam[t] @ (f_trans(hs[t - 1], t, P) - hs[t])
    return tot

lam_rand = [None] + [rng.standard_normal(dh) for _ in range(T)]
ok138 = True
for t in range(1, T):
    g = fd(lambda v, t=t: J_lag([hh if k != t else v for k, hh in enumerate(h)], lam_rand), h[t])
    expr = dlt_dh_fd[t] - lam_rand[t] + lam_rand[t + 1] @ Jfd[t + 1]
    ok138 &= close(g, expr)
record(138, ok138, "dJ/dh_t expression (random lambda) vs FD of J")
g = fd(lambda v: J_lag([hh if k != T else v for k, hh in enumerate(h)], lam_rand), h[T])
record(144, close(g, dlt_dh_fd[T] - lam_rand[T]) and close(dlt_dh_fd[T], dLdh_fd[T]), "terminal adjoint")
ok141 = all(close(dlt_dh_fd[t] + Jfd[t + 1].T @ dLdh_fd[t + 1], dLdh_fd[t]) for t in range(1, T))
record(141, ok141, "lambda_t = (dl_t/dh_t)^T + (df/dh_t)^T lambda_{t+1} with lambda = total dL/dh")
record(147, okJ, "df/dh_t = D_{t+1} Whh")
lam = [None] * (T + 2); lam[T] = dlt_dh_fd[T]
for t in range(T - 1, 0, -1):
    lam[t] = dlt_dh_fd[t] + P0["Whh"].T @ D[t + 1] @ lam[t + 1]
ok151 = all(close(lam[t], dLdh_fd[t]) for t in range(1, T + 1))
record(151, ok151, "adjoint recursion = FD dL/dh_t")
record(152, ok151, "lambda_t = total dL/dh_t")
gJ = fd(lambda W: J_lag(h, lam, with_param(P0, "Whh", W)), P0["Whh"])
record(156, close(gW, gJ) and close(gW, sum(np.outer(D[t] @ lam[t], h[t - 1]) for t in range(1, T + 1))),
       "dL/dWhh = dJ/dWhh = sum (D_t lambda_t) h_{t-1}^T")
# check also that at the adjoint the stationarity holds (line 134 is the defining condition)
stat = all(close(fd(lambda v, t=t: J_lag([hh if k != t else v for k, hh in enumerate(h)], lam), h[t]), 0 * h[t]) for t in range(1, T + 1))
record(134, stat, "stationarity holds at the adjoint")

# ---- 2.5 RTRL
S = [np.zeros((dh, dh, dh))]   # S[t][:, i, j] = dh_t/dW_ij
for t in range(1, T + 1):
    St = np.zeros((dh, dh, dh))
    for i in range(dh):
        for j in range(dh):
            Eij_h = np.zeros(dh); Eij_h[i] = h[t - 1][j]
            St[:, i, j] = (1 - h[t] ** 2) * (P0["Whh"] @ S[t - 1][:, i, j] + Eij_h)
    S.append(St)
ok_rtrl = True
for t in range(1, T + 1):
    Sfd = fd_jac(lambda W, t=t: forward(with_param(P0, "Whh", W.reshape(dh, dh)))["h"][t], P0["Whh"].ravel())
    ok_rtrl &= close(Sfd.reshape(dh, dh, dh), S[t])
record(170, ok_rtrl, "RTRL recursion (odot form)")
record(177, ok_rtrl, "RTRL recursion (diag form)")
E = np.zeros((dh, dh)); E[1, 2] = 1.0
Jw = fd_jac(lambda w: w.copy(), P0["Whh"].ravel())
record(171, close(Jw[:, 1 * dh + 2].reshape(dh, dh), E), "dWhh/dW_ij = E_ij")
record(173, close(E @ h[2], h[2][2] * np.eye(dh)[1]), "E_ij h = h_j e_i")
record(178, True, "h_0 = 0 constant -> S_0 = 0")
# 182
ok182 = True
det182 = []
for t in range(1, T + 1):
    gl = fd(lambda W, t=t: forward(with_param(P0, "Whh", W))["Ls"][t], P0["Whh"])
    first = np.einsum("k,kij->ij", dlt_dh_fd[t], S[t])
    ok182 &= close(gl, first)                               # first equality
    dcol = dlt_y[t].reshape(dy, 1)                          # delta_t^y is a column vector in R^{d_y}
    try:
        row = dcol @ P0["Why"]                              # the author's (delta_t^y W_hy)
        auth = np.einsum("k,kij->ij", row.ravel(), S[t]) if row.size == dh else None
        ok_auth = auth is not None and close(gl, auth)
    except ValueError:
        ok_auth = False
    ok182 &= ok_auth
    corrected = np.einsum("k,kij->ij", (dcol.T @ P0["Why"]).ravel(), S[t])
    det182.append(close(gl, corrected))
record(182, ok182, "author's (delta_t^y W_hy) undefined for column delta (d_y=%d != 1); (delta^T W_hy) S matches FD: %s" % (dy, all(det182)))
record(184, close(gW, gWt), "sum_t dl_t/dWhh")


# ---- 2.6 TBPTT
def grad_terms(t, P=P0, hs=h):
    """per-tau terms of grad_W l_t for W = Whh (chain order J_t ... J_{tau+1})."""
    Dm = [None] + [np.diag(1 - hs[k] ** 2) for k in range(1, T + 1)]
    gl = dlt_dh_fd[t]
    terms = {}
    for tau in range(1, t + 1):
        row = gl.copy()
        for k in range(t, tau, -1):
            row = row @ (Dm[k] @ P["Whh"])
        # d+h_tau/dW_ij = D_tau E_ij h_{tau-1}  -> contraction gives outer(D_tau row, h_{tau-1})
        terms[tau] = np.outer(Dm[tau] @ row, hs[tau - 1])
    return terms

ok208 = True; ok215 = True
for t in range(1, T + 1):
    terms = grad_terms(t)
    gl = fd(lambda W, t=t: forward(with_param(P0, "Whh", W))["Ls"][t], P0["Whh"])
    ok208 &= close(sum(terms.values()), gl)
    for K in range(1, t + 1):
        trunc = sum(terms[tau] for tau in range(max(1, t - K + 1), t + 1))
        tail = sum((terms[tau] for tau in range(1, t - K + 1)), np.zeros((dh, dh)))
        ok215 &= close(sum(terms.values()) - trunc, tail, 1e-12)
record(208, ok208, "chain-order sum vs FD grad of l_t")
record(215, ok215, "E_K = tail")

# bound (220, 222, 226): contractive instance, W = b_h (d+h_tau/db = D_tau)
T2 = 12
rngb = np.random.default_rng(11)
Wc = rngb.standard_normal((dh, dh)); Wc *= 0.7 / np.linalg.norm(Wc, 2)
Xc = rngb.standard_normal((T2 + 1, dx)); Wxc = rngb.standard_normal((dh, dx)); bc = 0.2 * rngb.standard_normal(dh)
hc = [np.zeros(dh)]
for t in range(1, T2 + 1):
    hc.append(np.tanh(Wc @ hc[-1] + Wxc @ Xc[t] + bc))
Dc = [None] + [np.diag(1 - hc[k] ** 2) for k in range(1, T2 + 1)]
Jc = [None] + [Dc[k] @ Wc for k in range(1, T2 + 1)]
rho = max(np.linalg.norm(Jc[k], 2) for k in range(2, T2 + 1))
gvec = rngb.standard_normal(dh)            # dl_t/dh_t (any row vector)
t = T2
M1 = np.linalg.norm(gvec); M2 = max(np.linalg.norm(Dc[k], 2) for k in range(1, T2 + 1))
ok220 = ok222 = True
for K in range(1, t):
    tail = np.zeros(dh)
    mid = 0.0
    for tau in range(1, t - K + 1):
        row = gvec.copy(); pn = 1.0
        for k in range(t, tau, -1):
            row = row @ Jc[k]; pn *= np.linalg.norm(Jc[k], 2)
        tail += row @ Dc[tau]
        mid += pn
    EK = np.linalg.norm(tail)
    s_tau = sum(rho ** (t - tau) for tau in range(1, t - K + 1))
    s_j = sum(rho ** j for j in range(K, t))
    ok220 &= EK <= M1 * M2 * mid + 1e-12 and mid <= s_tau + 1e-12
    ok222 &= abs(s_tau - s_j) < 1e-12 and s_j <= rho ** K / (1 - rho) + 1e-12
record(220, ok220 and rho < 1, "bound chain, rho=%.3f" % rho)
record(222, ok222, "substitution and geometric tail")
record(226, ok220 and ok222, "O(rho^K)")

# checkpointing 238, 241
Tm, dhm = 10000.0, 7.0
Ms = np.linspace(1, 1000, 200001)
mem = Ms * dhm + Tm / Ms * dhm
Mstar = Ms[np.argmin(mem)]
dmem = fd(lambda m: float(m[0] * dhm + Tm / m[0] * dhm), np.array([37.0]))[0]
record(238, abs(Mstar - np.sqrt(Tm)) < 0.01 and abs(dmem - (dhm - Tm / 37.0 ** 2 * dhm)) < 1e-6, "argmin M = sqrt(T)")
record(241, abs((np.sqrt(Tm) * dhm + Tm / np.sqrt(Tm) * dhm) - 2 * np.sqrt(Tm) * dhm) < 1e-9 and abs(mem.min() - 2 * np.sqrt(Tm) * dhm) < 1e-6, "Memory* = 2 sqrt(T) d_h")

# =============================================================== Part B (T = 2 example)
Wxh = np.array([[0.5, 0.0], [0.0, 0.5]]); Whh = np.array([[0.4, 0.1], [0.0, 0.4]]); Why = np.eye(2)
x1, x2 = np.array([1.0, 0.0]), np.array([0.0, 1.0])
dz = {1: np.array([0.5, -0.5]), 2: np.array([0.2, 0.1])}


def toy(Wxh_=Wxh, Whh_=Whh, Why_=Why):
    h1 = np.tanh(Whh_ @ np.zeros(2) + Wxh_ @ x1)
    h2 = np.tanh(Whh_ @ h1 + Wxh_ @ x2)
    z1, z2 = Why_ @ h1, Why_ @ h2
    return h1, h2, dz[1] @ z1, dz[2] @ z2


def toyL(which, name, W):
    kw = {"Wxh": dict(Wxh_=W), "Whh": dict(Whh_=W), "Why": dict(Why_=W)}[name]
    r = toy(**kw)
    return {1: r[2], 2: r[3], 0: r[2] + r[3]}[which]


def cmat(given, exact, dec=6):
    return all(close_dec(g, e, dec) for g, e in zip(np.ravel(given), np.ravel(exact)))

record(305, cmat([0, 0], Whh @ np.zeros(2)), "")
record(306, cmat([0.5, 0.0], Wxh @ x1), "")
record(307, cmat([0.5, 0.0], Wxh @ x1), "")
record(310, close_dec(0.462117, np.tanh(0.5), 6), "tanh(0.5)")
record(311, cmat([0.462117, 0.0], np.tanh([0.5, 0.0])), "")
record(314, cmat([0.462117, 0.0], Why @ np.array([0.462117, 0.0])), "")
record(320, cmat([0.184847, 0.0], Whh @ np.array([0.462117, 0.0])), "")
record(321, cmat([0.0, 0.5], Wxh @ x2), "")
record(322, cmat([0.184847, 0.5], np.array([0.184847, 0.0]) + np.array([0.0, 0.5])), "")
record(325, close_dec(0.182773, np.tanh(0.184847), 6) and close_dec(0.462117, np.tanh(0.5), 6),
       "tanh(0.184847) = %.7f vs 0.182773" % np.tanh(0.184847))
record(329, cmat([0.182773, 0.462117], Why @ np.array([0.182773, 0.462117])), "")
record(338, cmat([0.2, 0.1], Why.T @ dz[2]), "")
record(341, close_dec(0.033406, 0.182773 ** 2, 6) and close_dec(0.966594, 1 - 0.033406, 6), "")
record(342, close_dec(0.213552, 0.462117 ** 2, 6) and close_dec(0.786448, 1 - 0.213552, 6), "")
d2a = np.array([0.193319, 0.078645])
record(343, cmat(d2a, [0.2 * 0.966594, 0.1 * 0.786448]), "")
A346 = np.array([[0.089336, 0.0], [0.036343, 0.0]])
g2hh = fd(lambda W: toyL(2, "Whh", W), Whh)
record(346, cmat(A346, np.outer(d2a, [0.462117, 0.0])) and close(g2hh, A346, 5e-6), "FD dL_2/dWhh = %s" % np.round(g2hh, 6).tolist())
A347 = np.array([[0.0, 0.193319], [0.0, 0.078645]])
g2xh = fd(lambda W: toyL(2, "Wxh", W), Wxh)
record(347, cmat(A347, np.outer(d2a, x2)) and close(g2xh, A347, 5e-6), "FD dL_2/dWxh = %s" % np.round(g2xh, 6).tolist())
# 353: the formula (checked with exact quantities against FD of the total surrogate loss w.r.t. h_1)
h1e, h2e, _, _ = toy()
def L_h1(v):
    h2v = np.tanh(Whh @ v + Wxh @ x2)
    return dz[1] @ (Why @ v) + dz[2] @ (Why @ h2v)
d2a_exact = (Why.T @ dz[2]) * (1 - h2e ** 2)
record(353, close(fd(L_h1, h1e), Why.T @ dz[1] + Whh.T @ d2a_exact), "delta_1^h formula vs FD")
record(354, cmat([0.5, -0.5], Why.T @ dz[1]), "")
record(355, cmat([0.077328, 0.050790], Whh.T @ d2a) and close_dec(0.019332, 0.1 * 0.193319, 6) and close_dec(0.031458, 0.4 * 0.078645, 6), "")
record(356, cmat([0.577328, -0.449210], [0.5 + 0.077328, -0.5 + 0.050790]), "")
record(359, close_dec(0.786448, 1 - 0.462117 ** 2, 6), "")
record(360, True, "1 - 0 = 1")
d1a = np.array([0.454038, -0.449210])
record(361, cmat(d1a, [0.577328 * 0.786448, -0.449210 * 1.0]), "")
g1hh = fd(lambda W: toyL(1, "Whh", W), Whh)
record(364, close(g1hh, np.zeros((2, 2)), 1e-9) and cmat(np.zeros((2, 2)), np.outer(d1a, [0, 0])), "FD dL_1/dWhh = 0")
A365 = np.array([[0.454038, 0.0], [-0.449210, 0.0]])
g1xh = fd(lambda W: toyL(1, "Wxh", W), Wxh)
record(365, cmat(A365, np.outer(d1a, x1)) and close(g1xh, A365, 5e-6), "FD dL_1/dWxh = %s" % np.round(g1xh, 6).tolist())
record(370, close(fd(lambda W: toyL(0, "Whh", W), Whh), A346, 5e-6), "total dWhh")
record(372, close(fd(lambda W: toyL(0, "Wxh", W), Wxh), np.array([[0.454038, 0.193319], [-0.449210, 0.078645]]), 5e-6)
       and cmat([[0.454038, 0.193319], [-0.449210, 0.078645]], A365 + A347), "total dWxh")
gWhy = fd(lambda W: toyL(0, "Why", W), Why)
record(374, close(gWhy, np.outer(dz[1], h1e) + np.outer(dz[2], h2e)), "dWhy formula")
p1 = np.outer(dz[1], [0.462117, 0.0]); p2 = np.outer(dz[2], [0.182773, 0.462117])
record(375, cmat([[0.231059, 0], [-0.231059, 0]], p1) and cmat([[0.036555, 0.092423], [0.018277, 0.046212]], p2)
       and cmat([[0.267614, 0.092423], [-0.212782, 0.046212]], [[0.231059 + 0.036555, 0.092423], [-0.231059 + 0.018277, 0.046212]]), "")

# =============================================================== Part C (Illustrations 3-5)
whh, wxh, why = 0.5, 1.0, 1.0
xs = [None, 1.0, 0.5, -0.5]; dzs = [None, 0.1, -0.2, 0.3]


def scal(whh_=whh, wxh_=wxh, upto=None):
    hs = [0.0]
    for t in (1, 2, 3):
        hs.append(np.tanh(whh_ * hs[-1] + wxh_ * xs[t]))
    return hs


def scalL(whh_=whh, wxh_=wxh):
    hs = scal(whh_, wxh_)
    return sum(dzs[t] * why * hs[t] for t in (1, 2, 3))

record(399, close_dec(1.0, 0.5 * 0.0 + 1.0 * 1.0, 6), "")
record(400, close_dec(0.761594, np.tanh(1.0), 6), "")
record(402, close_dec(0.380797, 0.5 * 0.761594, 6) and close_dec(0.880797, 0.380797 + 0.5, 6), "")
record(403, close_dec(0.706822, np.tanh(0.880797), 6), "tanh(0.880797) = %.7f" % np.tanh(0.880797))
record(405, close_dec(0.353411, 0.5 * 0.706822, 6) and close_dec(-0.146589, 0.353411 - 0.5, 6), "")
record(406, close_dec(-0.145553, np.tanh(-0.146589), 6), "tanh(-0.146589) = %.7f" % np.tanh(-0.146589))
record(410, close_dec(0.3, why * 0.3, 6), "")
record(411, close_dec(0.021186, 0.145553 ** 2, 6) and close_dec(0.978814, 1 - 0.021186, 6), "")
record(412, close_dec(0.293644, 0.3 * 0.978814, 6), "")
# formula of 415/420: scalar recursion vs FD of the surrogate loss w.r.t. h_2
he = scal()
def L_from_h2(v):
    h3 = np.tanh(whh * v + wxh * xs[3])
    return dzs[2] * why * v + dzs[3] * why * h3
d3a_e = why * dzs[3] * (1 - he[3] ** 2)
okf = abs(fd(L_from_h2, np.array([he[2]]))[0] - (why * dzs[2] + whh * d3a_e)) < 1e-8
record(415, okf and close_dec(0.146822, 0.5 * 0.293644, 6) and close_dec(-0.053178, -0.2 + 0.146822, 6), "")
record(416, close_dec(0.499597, 0.706822 ** 2, 6) and close_dec(0.500403, 1 - 0.499597, 6), "")
record(417, close_dec(-0.026610, -0.053178 * 0.500403, 6), "")
record(420, close_dec(0.013305, 0.5 * 0.026610, 6) and close_dec(0.086695, 0.1 - 0.013305, 6), "")
record(421, close_dec(0.580026, 0.761594 ** 2, 6) and close_dec(0.419974, 1 - 0.580026, 6), "")
record(422, close_dec(0.036409, 0.086695 * 0.419974, 6), "")
# exact deltas for the formula lines 426/431
d2a_e = (why * dzs[2] + whh * d3a_e) * (1 - he[2] ** 2)
d1a_e = (why * dzs[1] + whh * d2a_e) * (1 - he[1] ** 2)
gwhh = fd(lambda w: scalL(whh_=w), np.array(whh))
gwxh = fd(lambda w: scalL(wxh_=w), np.array(wxh))
record(426, abs(gwhh - (d1a_e * he[0] + d2a_e * he[1] + d3a_e * he[2])) < 1e-8, "FD dL/dw_hh = %.7f" % gwhh)
record(427, close_dec(0.187288, 0.036409 * 0.0 + (-0.026610) * 0.761594 + 0.293644 * 0.706822, 6), "")
record(428, close_dec(-0.020266, -0.026610 * 0.761594, 6) and close_dec(0.207554, 0.293644 * 0.706822, 6)
       and close_dec(0.187288, 0.0 - 0.020266 + 0.207554, 6), "")
record(431, abs(gwxh - (d1a_e * xs[1] + d2a_e * xs[2] + d3a_e * xs[3])) < 1e-8, "FD dL/dw_xh = %.7f" % gwxh)
record(432, close_dec(-0.123718, 0.036409 * 1.0 + (-0.026610) * 0.5 + 0.293644 * (-0.5), 6), "")
record(433, close_dec(-0.123718, 0.036409 - 0.013305 - 0.146822, 6), "")
# RTRL formula 443 with exact sensitivities
S_hh = [0.0]; S_xh = [0.0]
for t in (1, 2, 3):
    S_hh.append((1 - he[t] ** 2) * (whh * S_hh[-1] + he[t - 1]))
    S_xh.append((1 - he[t] ** 2) * (whh * S_xh[-1] + xs[t]))
ok443 = abs(sum(dzs[t] * why * S_hh[t] for t in (1, 2, 3)) - gwhh) < 1e-8 and abs(sum(dzs[t] * why * S_xh[t] for t in (1, 2, 3)) - gwxh) < 1e-8
Sfd = [fd(lambda w, t=t: scal(whh_=w)[t], np.array(whh)) for t in (1, 2, 3)]
ok443 &= all(abs(Sfd[t - 1] - S_hh[t]) < 1e-8 for t in (1, 2, 3))
record(443, ok443, "RTRL online sum = FD gradient")
record(449, True, "S_0 = 0")
record(452, close_dec(0.0, 0.5 * 0.0 + 0.0, 6), "")
record(453, close_dec(1.0, 0.5 * 0.0 + 1.0, 6) and close_dec(0.419974, 0.419974 * 1.0, 6), "")
record(456, close_dec(0.761594, 0.5 * 0.0 + 0.761594, 6) and close_dec(0.381104, 0.500403 * 0.761594, 6), "")
record(457, close_dec(0.209987, 0.5 * 0.419974, 6) and close_dec(0.709987, 0.709987, 6) and close_dec(0.355279, 0.500403 * 0.709987, 6), "")
record(460, close_dec(0.190552, 0.5 * 0.381104, 6) and close_dec(0.897374, 0.190552 + 0.706822, 6), "")
record(461, close_dec(0.878362, 0.978814 * 0.897374, 6), "")
record(462, close_dec(0.177640, 0.5 * 0.355279, 6) and close_dec(-0.322360, 0.177640 - 0.5, 6), "")
record(463, close_dec(-0.315531, 0.978814 * -0.322360, 6), "")
record(466, close_dec(0.263509, 0.3 * 0.878362, 6) and close_dec(-0.076221, -0.2 * 0.381104, 6), "")
record(467, close_dec(0.187288, 0.0 - 0.076221 + 0.263509, 6), "")
record(469, close_dec(0.041997, 0.1 * 0.419974, 6) and close_dec(-0.071056, -0.2 * 0.355279, 6) and close_dec(-0.094659, 0.3 * -0.315531, 6), "")
record(470, close_dec(-0.123718, 0.041997 - 0.071056 - 0.094659, 6), "")
record(473, True, "0.187288 = 0.187288")
record(474, True, "-0.123718 = -0.123718")


# TBPTT per line 212 on the scalar example (w_hh), exact forward
def tbptt_whh(K):
    tot = 0.0
    for t in (1, 2, 3):
        g = dzs[t] * why
        for tau in range(t, max(1, t - K + 1) - 1, -1):
            tot += g * (1 - he[tau] ** 2) * he[tau - 1]
            g = g * (1 - he[tau] ** 2) * whh
    return tot
record(489, True, "K = 1 definition")
record(490, close_dec(0.207554, 0.293644 * 0.706822, 6), "")
record(491, close_dec(-0.100081, -0.2 * 0.500403, 6) and close_dec(-0.076221, -0.100081 * 0.761594, 6), "")
record(492, True, "h_0 = 0")
record(493, close_dec(0.131333, 0.0 - 0.076221 + 0.207554, 6) and abs(tbptt_whh(1) - 0.131333) < 1e-5, "TBPTT(K=1) exact %.6f" % tbptt_whh(1))
record(495, close_dec(0.055955, 0.187288 - 0.131333, 6) and abs(0.055955 / 0.187288 * 100 - 29.9) < 0.06, "")
record(499, close_dec(-0.053178, -0.2 + 0.146822, 6) and close_dec(-0.020266, -0.053178 * 0.500403 * 0.761594, 6), "")
record(500, True, "value 0 (h_0 = 0)")
record(501, close_dec(0.187288, -0.020266 + 0.207554, 6) and abs(tbptt_whh(2) - 0.187288) < 1e-5, "TBPTT(K=2) exact %.6f" % tbptt_whh(2))
record(502, True, "0")
record(506, close_dec(0.4894, 0.978814 * 0.5, 4) and max(0.419974, 0.500403, 0.978814) == 0.978814, "")

# =============================================================== compare
bad = 0
for ln in sorted(set(results) | set(int(k) for k in EXP)):
    exp = EXP.get(str(ln), {}).get("expected")
    got = results.get(ln, (None, ""))[0]
    flag = "" if exp == got else "   <-- MISMATCH"
    if exp != got:
        bad += 1
    print("line %d: expected %s, numeric %s%s  %s" % (ln, exp, got, flag, results.get(ln, ("", ""))[1]))
print("checked %d lines, %d mismatches" % (len(results), bad))
sys.exit(1 if bad else 0)
