"""FD check for vi_ptit_rnn_report_bptt.tex (numpy only, float64)."""
import numpy as np
from fd_common import num_grad, close, Report
R = Report("vi_ptit_rnn_report_bptt.tex")
rng = np.random.default_rng(0)
D, H, K, T = 3, 4, 2, 5
W = rng.normal(0, .6, (H, D)); U = rng.normal(0, .6, (H, H)); V = rng.normal(0, .6, (K, H))
bh = rng.normal(0, .3, (H, 1)); by = rng.normal(0, .3, (K, 1))
X = [None] + [rng.normal(size=(D, 1)) for _ in range(T)]; y = rng.normal(size=(K, 1))
def forward(dh=None, da=None, Wt=None, Ut=None, bt=None):
    """dh/da: dict t -> additive perturbation of h_t / a_t; Wt/Ut/bt: per-step copies."""
    h = [np.zeros((H, 1))]; a = [None]
    for t in range(1, T + 1):
        Wk = Wt[t] if Wt else W; Uk = Ut[t] if Ut else U; bk = bt[t] if bt else bh
        at = Wk @ X[t] + Uk @ h[t-1] + bk
        if da and t in da: at = at + da[t]
        ht = np.tanh(at)
        if dh and t in dh: ht = ht + dh[t]
        a.append(at); h.append(ht)
    yhat = V @ h[T] + by
    return a, h, yhat
def loss(**kw):
    yhat = forward(**kw)[2]; return 0.5 * float(((yhat - y) ** 2).sum())
a, h, yhat = forward()
# 11-13 definitions: recompute explicitly
R.line(11, close(a[2], W @ X[2] + U @ h[1] + bh)); R.line(12, close(h[2], np.tanh(a[2]))); R.line(13, close(yhat, V @ h[T] + by))
z = np.linspace(-2, 2, 7)
R.line(23, close(np.tanh(z), (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))))
R.line(29, np.isclose(loss(), 0.5 * ((yhat - y).T @ (yhat - y)).item()))
# 35: dL/dyhat
Yp = yhat.copy(); f = lambda: 0.5 * float(((Yp - y) ** 2).sum())
dyhat = yhat - y; R.line(35, close(num_grad(f, Yp), dyhat))
R.line(36, close(num_grad(lambda: loss(), V), dyhat @ h[T].T))
R.line(37, close(num_grad(lambda: loss(), by), dyhat))
# total delta_t = dL/dh_t numerically (perturb h_t)
def dL_dh(t):
    e = np.zeros((H, 1)); return num_grad(lambda: loss(dh={t: e}), e)
def dL_da(t):
    e = np.zeros((H, 1)); return num_grad(lambda: loss(da={t: e}), e)
delta = {t: dL_dh(t) for t in range(1, T + 1)}
R.line(41, close(delta[T], V.T @ dyhat))
raw = {t: delta[t] * (1 - h[t] ** 2) for t in range(1, T + 1)}
# per-step copies -> step-local gradients
def steplocal(P, key):
    out = {}
    for t in range(1, T + 1):
        copies = {s: P.copy() for s in range(1, T + 1)}
        out[t] = num_grad(lambda: loss(**{key: copies}), copies[t])
    return out
gW = steplocal(W, "Wt"); gU = steplocal(U, "Ut"); gb = steplocal(bh, "bt")
R.line(47, close(sum(gW.values()), num_grad(lambda: loss(), W)))
R.line(48, close(sum(gU.values()), num_grad(lambda: loss(), U)))
R.line(49, close(sum(gb.values()), num_grad(lambda: loss(), bh)))
R.line(52, True)  # definition of delta_t (total gradient), used above as the numeric reference
R.line(54, all(close(dL_da(t), raw[t]) for t in range(1, T + 1)))
R.line(56, close(num_grad(lambda: float(np.tanh(zz).sum()), zz := z.copy()), 1 - np.tanh(z) ** 2))
R.line(60, all(close(gW[t], raw[t] @ X[t].T) for t in range(1, T + 1)))
R.line(61, all(close(gU[t], raw[t] @ h[t-1].T) for t in range(1, T + 1)))
R.line(62, all(close(gb[t], raw[t]) for t in range(1, T + 1)))
R.line(67, all(close(delta[t-1], U.T @ raw[t]) for t in range(2, T + 1)))
# numeric one-step Jacobians J_j = dh_j/dh_{j-1} (numerator layout)
def jac_step(j):
    hp = h[j-1].copy(); J = np.zeros((H, H))
    for c in range(H):
        e = np.zeros((H, 1)); e[c] = 1e-6
        J[:, c] = ((np.tanh(W @ X[j] + U @ (hp + e) + bh) - np.tanh(W @ X[j] + U @ (hp - e) + bh)) / 2e-6).ravel()
    return J
Jn = {j: jac_step(j) for j in range(2, T + 1)}
k = 2
prod_true = np.eye(H)
for j in range(T, k, -1): prod_true = prod_true @ Jn[j]          # J_T ... J_{k+1}
R.line(73, close(delta[T].T @ prod_true, delta[k].T))            # row-gradient reading
Jwritten = {j: np.diag((1 - h[j] ** 2).ravel()) @ U.T for j in Jn}
R.line(77, all(close(Jwritten[j], Jn[j]) or close(Jwritten[j], Jn[j].T) for j in Jn))
pd = np.eye(H); pa = np.eye(H)
for j in range(T, k, -1): pd = pd @ Jwritten[j]
for j in range(k + 1, T + 1): pa = pa @ Jwritten[j]
R.line(81, any(close(P, prod_true) or close(P, prod_true.T) for P in (pd, pa)))
bound = np.prod([np.linalg.norm(np.diag((1 - h[j] ** 2).ravel()), 2) * np.linalg.norm(U.T, 2) for j in range(k + 1, T + 1)])
R.line(86, np.linalg.norm(prod_true, 2) <= bound + 1e-9)
# 95/97: one LSTM step, direct partial dC_t/dC_{t-1} with h_{t-1}, x_t fixed
sig = lambda v: 1 / (1 + np.exp(-v))
Wf, Wi, Wc, Wo = (rng.normal(0, .6, (H, D + H)) for _ in range(4))
xt = rng.normal(size=(D, 1)); hprev = rng.normal(size=(H, 1)); Cprev = rng.normal(size=(H, 1))
zc = np.vstack([xt, hprev]); ft, it_, Ct_ = sig(Wf @ zc), sig(Wi @ zc), np.tanh(Wc @ zc)
cell = lambda Cp: ft * Cp + it_ * Ct_
R.line(95, close(cell(Cprev), ft * Cprev + it_ * Ct_))
Jc = np.zeros((H, H))
for c in range(H):
    e = np.zeros((H, 1)); e[c] = 1e-6; Jc[:, c] = ((cell(Cprev + e) - cell(Cprev - e)) / 2e-6).ravel()
R.line(97, close(Jc, np.diag(ft.ravel())))
R.done()
