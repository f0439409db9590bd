"""Finite-difference check of fileid61234691309_zh_basic_rnn_bptt.md (Chinese basic tanh-RNN BPTT note).

Author's conventions (column vectors): z_t = W_x x_t + W_h h_{t-1} + b, h_t = tanh(z_t), J = sum_t l_t,
g_t = dJ/dh_t (total), r_t = dl_t/dh_t (direct), delta_t = dJ/dz_t (total, pre-activation).
Each annotated line is checked numerically (central differences, float64); definitions are checked by
recomputation.  Prints 'line N: OK' or 'line N: MISMATCH'.
"""
import numpy as np

rng = np.random.default_rng(61234)
D, H, T = 3, 4, 5
Wx = rng.normal(0, 0.7, (H, D))
Wh = rng.normal(0, 0.7, (H, H))
b = rng.normal(0, 0.3, (H,))
X = rng.normal(0, 1.0, (T + 1, D))      # X[1..T] used, X[0] unused
h0 = rng.normal(0, 0.5, (H,))
C = rng.normal(0, 1.0, (T + 1, H))      # per-step loss weights
EPS = 1e-6
TOL = 1e-6

results = {}


def report(line, ok):
    results.setdefault(line, True)
    results[line] = results[line] and bool(ok)


def close(a, b, tol=TOL):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)


def local_loss(t, h, final_only=False, TT=T):
    """l_t as a function of h_t; final_only: l_t = 0 for t < TT."""
    if final_only and t != TT:
        return 0.0
    return float(C[t] @ h + 0.3 * np.sum(h ** 3))


def local_grad(t, h, final_only=False, TT=T):
    if final_only and t != TT:
        return np.zeros(H)
    return C[t] + 0.9 * h ** 2


def forward(Wx=Wx, Wh=Wh, b=b, X=X, TT=T, final_only=False, inj_h=None, inj_z=None,
            per_step=None):
    """inj_h / inj_z: dict t -> additive perturbation on h_t / z_t.
    per_step: dict name -> dict t -> perturbation of the parameter used at step t only."""
    h = {0: h0.copy()}
    z = {}
    J = 0.0
    losses = {}
    for t in range(1, TT + 1):
        Wx_t, Wh_t, b_t = Wx, Wh, b
        if per_step:
            Wx_t = Wx + per_step.get('Wx', {}).get(t, 0)
            Wh_t = Wh + per_step.get('Wh', {}).get(t, 0)
            b_t = b + per_step.get('b', {}).get(t, 0)
        z[t] = Wx_t @ X[t] + Wh_t @ h[t - 1] + b_t
        if inj_z and t in inj_z:
            z[t] = z[t] + inj_z[t]
        h[t] = np.tanh(z[t])
        if inj_h and t in inj_h:
            h[t] = h[t] + inj_h[t]
        losses[t] = local_loss(t, h[t], final_only, TT)
        J += losses[t]
    return J, h, z, losses


def fd_vec(fun, n):
    g = np.zeros(n)
    for k in range(n):
        e = np.zeros(n)
        e[k] = EPS
        g[k] = (fun(e) - fun(-e)) / (2 * EPS)
    return g


def fd_mat(fun, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape)
        e[idx] = EPS
        g[idx] = (fun(e) - fun(-e)) / (2 * EPS)
    return g


def true_grads(TT=T, final_only=False):
    """g_t = dJ/dh_t and delta_t = dJ/dz_t by injection finite differences."""
    g, dlt = {}, {}
    for t in range(1, TT + 1):
        g[t] = fd_vec(lambda e: forward(TT=TT, final_only=final_only, inj_h={t: e})[0], H)
        dlt[t] = fd_vec(lambda e: forward(TT=TT, final_only=final_only, inj_z={t: e})[0], H)
    return g, dlt


def step_jac(hprev, t):
    """numerical Jacobian dh_t/dh_{t-1} of the single step map"""
    f = lambda hp: np.tanh(Wx @ X[t] + Wh @ hp + b)
    Jm = np.zeros((H, H))
    for k in range(H):
        e = np.zeros(H)
        e[k] = EPS
        Jm[:, k] = (f(hprev + e) - f(hprev - e)) / (2 * EPS)
    return Jm


J, h, z, losses = forward()
g, dlt = true_grads()
r = {t: fd_vec(lambda e, t=t: local_loss(t, h[t] + e), H) for t in range(1, T + 1)}
Jac = {t: step_jac(h[t - 1], t) for t in range(1, T + 1)}     # Jac[t] = dh_t/dh_{t-1}

# ---- section 1: shapes / definitions -------------------------------------------------------
report(9, X[1].shape == (D,) and h[1].shape == (H,))
report(16, Wx.shape == (H, D) and Wh.shape == (H, H) and b.shape == (H,))
report(38, np.isclose(J, sum(losses.values())))
Jf, hf, _, lf = forward(final_only=True)
report(44, all(lf[t] == 0.0 for t in range(1, T)) and np.isclose(Jf, lf[T]))

# ---- section 2: forward definitions ----------------------------------------------------------
for t in range(1, T + 1):
    report(52, close(z[t], Wx @ X[t] + Wh @ h[t - 1] + b))
    report(58, close(h[t], np.tanh(z[t])))
report(64, close(h[1], np.tanh(Wx @ X[1] + Wh @ h[0] + b)))
report(68, close(h[2], np.tanh(Wx @ X[2] + Wh @ h[1] + b)))
report(76, close(h[T], np.tanh(Wx @ X[T] + Wh @ h[T - 1] + b)))

# ---- section 3: g_t, r_t and the two-path sum -----------------------------------------------
for t in range(1, T + 1):
    report(91, True)  # definition g_t = dJ/dh_t (computed above by injection FD)
    report(99, close(r[t], local_grad(t, h[t])))  # r_t = dl_t/dh_t
    future = Jac[t + 1].T @ g[t + 1] if t < T else np.zeros(H)
    report(107, close(g[t], r[t] + future))
    report(124, close(g[t], r[t] + future))
    report(130, close(z[t], Wx @ X[t] + Wh @ h[t - 1] + b))

# ---- section 4: three-step expansion (J = l1 + l2 + l3) --------------------------------------
J3, h3, _, l3 = forward(TT=3)
report(140, np.isclose(J3, l3[1] + l3[2] + l3[3]))
g3, _ = true_grads(TT=3)
r3 = {t: local_grad(t, h3[t]) for t in (1, 2, 3)}
J21 = step_jac(h3[1], 2)   # dh2/dh1
J32 = step_jac(h3[2], 3)   # dh3/dh2
report(154, close(g3[2], r3[2] + J32.T @ r3[3]))
report(165, close(g3[1], r3[1] + J21.T @ r3[2] + J21.T @ J32.T @ r3[3]))
report(180, close(g3[1], r3[1] + J21.T @ g3[2]))

# ---- section 5: final-only loss -------------------------------------------------------------
report(195, np.isclose(J, sum(losses[t] for t in range(1, T + 1))))
gf, _ = true_grads(final_only=True)
for t in range(1, T):
    rt = fd_vec(lambda e, t=t: local_loss(t, hf[t] + e, final_only=True), H)
    report(215, close(rt, np.zeros(H)))
    report(221, close(gf[t], step_jac(hf[t], t + 1).T @ gf[t + 1]))

# ---- section 6: scalar example y = x^2, J = y + 3x -------------------------------------------
x0 = 0.7
report(243, True)  # definitions
Jy = lambda xx, yy: yy + 3 * xx
dJdy = (Jy(x0, x0 ** 2 + EPS) - Jy(x0, x0 ** 2 - EPS)) / (2 * EPS)
dydx = ((x0 + EPS) ** 2 - (x0 - EPS) ** 2) / (2 * EPS)
report(249, np.isclose(dJdy * dydx, 2 * x0, atol=1e-7))
tot = (Jy(x0 + EPS, (x0 + EPS) ** 2) - Jy(x0 - EPS, (x0 - EPS) ** 2)) / (2 * EPS)
report(257, np.isclose(tot, 2 * x0 + 3, atol=1e-7))

# ---- section 7: tanh backward -----------------------------------------------------------------
for t in range(1, T + 1):
    report(269, close(h[t], np.tanh(z[t])))
    dtanh = (np.tanh(z[t] + EPS) - np.tanh(z[t] - EPS)) / (2 * EPS)   # elementwise
    report(275, close(dtanh, 1 - np.tanh(z[t]) ** 2) and close(dtanh, 1 - h[t] ** 2))
    report(283, True)  # definition delta_t = dJ/dz_t (injection FD)
    report(289, close(dlt[t], g[t] * (1 - h[t] ** 2)))

# ---- section 8: recursion through W_h ----------------------------------------------------------
for t in range(1, T + 1):
    d_next = dlt[t + 1] if t < T else np.zeros(H)   # delta_{T+1} = 0
    if t < T:
        report(301, close(z[t + 1], Wx @ X[t + 1] + Wh @ h[t] + b))
        report(307, close(g[t] - r[t], Wh.T @ d_next))
    report(315, close(g[t], r[t] + Wh.T @ d_next))
    report(323, close(dlt[t], (r[t] + Wh.T @ d_next) * (1 - h[t] ** 2)))
report(333, close(dlt[T], (r[T] + Wh.T @ np.zeros(H)) * (1 - h[T] ** 2)))

# ---- section 9: parameter and input gradients ----------------------------------------------
for t in range(1, T + 1):
    report(341, close(z[t], Wx @ X[t] + Wh @ h[t - 1] + b))
    gWx_t = fd_mat(lambda E, t=t: forward(per_step={'Wx': {t: E}})[0], (H, D))
    gWh_t = fd_mat(lambda E, t=t: forward(per_step={'Wh': {t: E}})[0], (H, H))
    gb_t = fd_vec(lambda e, t=t: forward(per_step={'b': {t: e}})[0], H)
    report(347, close(gWx_t, np.outer(dlt[t], X[t])))
    report(354, close(gWh_t, np.outer(dlt[t], h[t - 1])))
    report(361, close(gb_t, dlt[t]))
gWx = fd_mat(lambda E: forward(Wx=Wx + E)[0], (H, D))
gWh = fd_mat(lambda E: forward(Wh=Wh + E)[0], (H, H))
gb = fd_vec(lambda e: forward(b=b + e)[0], H)
sWx = sum(np.outer(dlt[t], X[t]) for t in range(1, T + 1))
sWh = sum(np.outer(dlt[t], h[t - 1]) for t in range(1, T + 1))
sb = sum(dlt[t] for t in range(1, T + 1))
report(368, close(gWx, sWx))
report(375, close(gWh, sWh))
report(382, close(gb, sb))
for t in range(1, T + 1):
    def Jx(e, t=t):
        X2 = X.copy()
        X2[t] = X2[t] + e
        return forward(X=X2)[0]
    gx = fd_vec(Jx, D)
    report(391, close(gx, Wx.T @ dlt[t]))
    report(428, close(gx, Wx.T @ dlt[t]))

# ---- section 10: summary --------------------------------------------------------------------
for t in range(1, T + 1):
    d_next = dlt[t + 1] if t < T else np.zeros(H)
    report(405, close(g[t], r[t] + Wh.T @ d_next))
    report(411, close(dlt[t], g[t] * (1 - h[t] ** 2)))
report(417, close(gWx, sWx) and close(gWh, sWh) and close(gb, sb))

# ---- section 11: vanishing / exploding, final-only loss ---------------------------------------
for t in range(1, T):
    report(438, close(gf[t], step_jac(hf[t], t + 1).T @ gf[t + 1]))
Dk = {k: np.diag(1 - hf[k] ** 2) for k in range(1, T + 1)}
report(446, all(close(Dk[k], np.diag(1 - hf[k] ** 2)) for k in Dk))
for k in range(1, T + 1):
    report(452, close(step_jac(hf[k - 1], k), Dk[k] @ Wh))
for t in range(1, T):
    v = gf[T].copy()
    for k in range(T, t, -1):       # g_t = (D_{t+1}W_h)^T (D_{t+2}W_h)^T ... (D_T W_h)^T g_T
        v = (Dk[k] @ Wh).T @ v
    report(458, close(gf[t], v))
allh = np.concatenate([h[t] for t in range(1, T + 1)] + [rng.uniform(-1, 1, 1000)])
report(470, np.all(1 - allh ** 2 >= 0) and np.all(1 - allh ** 2 <= 1))

# ---- section 12 ---------------------------------------------------------------------------
for t in range(1, T + 1):
    report(480, close(dlt[t], g[t] * (1 - h[t] ** 2)))
report(486, close(gWh, sWh) and close(gWx, sWx))

# ---- negative controls (not source lines): the checks must be able to fail -------------------
neg = [close(g[2] - r[2], Wh @ dlt[3]),                 # W_h instead of W_h^T
       close(dlt[2], g[2] * (1 - h[2])),                  # wrong tanh derivative
       close(gWh, sum(np.outer(dlt[t], h[t]) for t in range(1, T + 1)))]   # h_t instead of h_{t-1}
assert not any(neg), 'negative control unexpectedly passed'

for line in sorted(results):
    print(f"line {line}: {'OK' if results[line] else 'MISMATCH'}")
