"""Finite-difference checks for minchen_li_gru_bptt_matlab.md (standalone numpy port, float64).

Author's GRU (column vectors, MATLAB .* = elementwise, ' = transpose):
  z_t = sig(U_z x_t + W_z s_{t-1} + b_z), r_t = sig(U_r x_t + W_r s_{t-1} + b_r),
  c_t = tanh(U_c x_t + W_c (s_{t-1} .* r_t) + b_c), s_t = (1 - z_t) .* c_t + z_t .* s_{t-1},
  y_hat_t = softmax(V s_t + b_V), L_t = sum(-y_t .* log y_hat_t), total loss sum_t L_t (what checkGradient_GRU differentiates).
Intermediate quantities are checked against FD derivatives w.r.t. additive perturbations ("hooks") placed on single
uses of a node: e.g. ('sp', t) perturbs s_{t-1} only where it enters s_{t-1} .* r_t, so FD gives one path's contribution.
"""
import numpy as np

rng = np.random.default_rng(11)
Vs, M, T = 5, 3, 4
EPS = 1e-6
P = {k: rng.uniform(-0.8, 0.8, (M, Vs)) for k in ('U_z', 'U_r', 'U_c')}
P.update({k: rng.uniform(-0.8, 0.8, (M, M)) for k in ('W_z', 'W_r', 'W_c')})
P.update({k: rng.uniform(-0.5, 0.5, M) for k in ('b_z', 'b_r', 'b_c')})
P['V'] = rng.uniform(-0.8, 0.8, (Vs, M)); P['b_V'] = rng.uniform(-0.5, 0.5, Vs)
P['s_0'] = rng.uniform(-0.8, 0.8, M)
x = np.eye(Vs)[:, rng.integers(0, Vs, T)]   # one-hot columns
y = np.eye(Vs)[:, rng.integers(0, Vs, T)]
sig = lambda a: 1 / (1 + np.exp(-a))


def softmax(a):
    e = np.exp(a - a.max()); return e / e.sum()


def forward(P=P, hk=None):
    hk = hk or {}
    e = lambda name, t, dim=M: hk.get((name, t), np.zeros(dim))
    s_prev = P['s_0']
    S, Z, R, C, YH, L = {0: s_prev}, {}, {}, {}, {}, 0.0
    for t in range(1, T + 1):
        xt = x[:, t - 1]
        az = P['U_z'] @ xt + P['W_z'] @ (s_prev + e('sz', t)) + P['b_z'] + e('az', t)
        ar = P['U_r'] @ xt + P['W_r'] @ (s_prev + e('sr', t)) + P['b_r'] + e('ar', t)
        z = sig(az); r = sig(ar)
        p = (s_prev + e('sp', t)) * r + e('p', t)
        ac = P['U_c'] @ xt + P['W_c'] @ p + P['b_c'] + e('ac', t)
        c = np.tanh(ac)
        zz = z + e('z', t)
        s = (1 - zz) * c + zz * (s_prev + e('sb', t)) + e('s', t)
        yh = softmax(P['V'] @ (s + e('so', t)) + P['b_V'] + e('logit', t, Vs))
        L += np.sum(-y[:, t - 1] * np.log(yh))
        S[t], Z[t], R[t], C[t], YH[t] = s, z, r, c, yh
        s_prev = s
    return L, S, Z, R, C, YH


def g_hook(name, t, dim=M):
    g = np.zeros(dim)
    for k in range(dim):
        d = np.zeros(dim); d[k] = EPS
        g[k] = (forward(hk={(name, t): d})[0] - forward(hk={(name, t): -d})[0]) / (2 * EPS)
    return g


def g_hooks(names, t):   # derivative through several single-use copies of the same node = sum of their hooks
    return sum(g_hook(nm, t) for nm in names)


def g_param(k):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        d = np.zeros_like(P[k]); d[idx] = EPS
        g[idx] = (forward({**P, k: P[k] + d})[0] - forward({**P, k: P[k] - d})[0]) / (2 * EPS)
    return g


results = {}


def check(line, a, b, tol=1e-6):
    err = np.abs(np.asarray(a) - np.asarray(b)).max()
    ok = err < tol
    prev = results.get(line)
    results[line] = (ok and (prev is None or prev[0]), max(err, prev[1] if prev else 0.0))


L, S, Z, R, C, YH = forward()
# ---------------- the author's backward(), line by line (MATLAB 1-based step index J = t)
delta_y = {t: YH[t] - y[:, t - 1] for t in range(1, T + 1)}
for t in range(1, T + 1):
    check(72, delta_y[t], g_hook('logit', t, Vs))
db_V = sum(delta_y.values()); check(73, db_V, g_param('b_V'))
dV = np.zeros_like(P['V'])
for t in range(1, T + 1):
    dV = dV + np.outer(delta_y[t], S[t])
check(77, dV, g_param('V'))
ds_single = {t: P['V'].T @ delta_y[t] for t in range(1, T + 1)}
for t in range(1, T + 1):
    check(90, ds_single[t], g_hook('so', t))
G = {k: np.zeros_like(P[k]) for k in ('U_c', 'U_r', 'U_z', 'W_c', 'W_r', 'W_z', 'b_z', 'b_r', 'b_c')}
ds_cur = np.zeros(M)
for J in range(T, 1, -1):
    ds_cur = ds_cur + ds_single[J]; check(94, ds_cur, g_hook('s', J))
    ds_cur_bk = ds_cur.copy()
    dtanhInput = ds_cur * (1 - Z[J]) * (1 - C[J] * C[J]); check(97, dtanhInput, g_hook('ac', J))
    G['b_c'] = G['b_c'] + dtanhInput
    G['U_c'] = G['U_c'] + np.outer(dtanhInput, x[:, J - 1])
    G['W_c'] = G['W_c'] + np.outer(dtanhInput, S[J - 1] * R[J])
    dsr = P['W_c'].T @ dtanhInput; check(101, dsr, g_hook('p', J))
    ds_cur = dsr * R[J]; check(102, ds_cur, g_hook('sp', J))
    dsigInput_r = dsr * S[J - 1] * R[J] * (1 - R[J]); check(103, dsigInput_r, g_hook('ar', J))
    G['b_r'] = G['b_r'] + dsigInput_r
    G['U_r'] = G['U_r'] + np.outer(dsigInput_r, x[:, J - 1])
    G['W_r'] = G['W_r'] + np.outer(dsigInput_r, S[J - 1])
    ds_cur = ds_cur + P['W_r'].T @ dsigInput_r; check(107, ds_cur, g_hooks(('sp', 'sr'), J))
    ds_cur = ds_cur + ds_cur_bk * Z[J]; check(109, ds_cur, g_hooks(('sp', 'sr', 'sb'), J))
    dz = ds_cur_bk * (S[J - 1] - C[J]); check(110, dz, g_hook('z', J))
    dsigInput_z = dz * Z[J] * (1 - Z[J]); check(111, dsigInput_z, g_hook('az', J))
    G['b_z'] = G['b_z'] + dsigInput_z
    G['U_z'] = G['U_z'] + np.outer(dsigInput_z, x[:, J - 1])
    G['W_z'] = G['W_z'] + np.outer(dsigInput_z, S[J - 1])
    ds_cur = ds_cur + P['W_z'].T @ dsigInput_z; check(115, ds_cur, g_hooks(('sp', 'sr', 'sb', 'sz'), J))
# s_1
ds_cur = ds_cur + ds_single[1]; check(119, ds_cur, g_hook('s', 1))
dtanhInput = ds_cur * (1 - Z[1]) * (1 - C[1] * C[1]); check(121, dtanhInput, g_hook('ac', 1))
G['b_c'] = G['b_c'] + dtanhInput
G['U_c'] = G['U_c'] + np.outer(dtanhInput, x[:, 0])
G['W_c'] = G['W_c'] + np.outer(dtanhInput, P['s_0'] * R[1])
dsr = P['W_c'].T @ dtanhInput; check(125, dsr, g_hook('p', 1))
ds_0 = np.zeros(M) + dsr * R[1]; check(126, ds_0, g_hook('sp', 1))
dsigInput_r = dsr * P['s_0'] * R[1] * (1 - R[1]); check(127, dsigInput_r, g_hook('ar', 1))
G['b_r'] = G['b_r'] + dsigInput_r
G['U_r'] = G['U_r'] + np.outer(dsigInput_r, x[:, 0])
G['W_r'] = G['W_r'] + np.outer(dsigInput_r, P['s_0'])
ds_0 = ds_0 + P['W_r'].T @ dsigInput_r; check(131, ds_0, g_hooks(('sp', 'sr'), 1))
ds_0 = ds_0 + ds_cur * Z[1]; check(133, ds_0, g_hooks(('sp', 'sr', 'sb'), 1))
dz = ds_cur * (P['s_0'] - C[1]); check(134, dz, g_hook('z', 1))
dsigInput_z = dz * Z[1] * (1 - Z[1]); check(135, dsigInput_z, g_hook('az', 1))
G['b_z'] = G['b_z'] + dsigInput_z
G['U_z'] = G['U_z'] + np.outer(dsigInput_z, x[:, 0])
G['W_z'] = G['W_z'] + np.outer(dsigInput_z, P['s_0'])
ds_0 = ds_0 + P['W_z'].T @ dsigInput_z; check(139, ds_0, g_param('s_0'))
# accumulated parameter gradients (the += rows inside the loop are per-step shares; the sums are checked here)
for lines, k in (((98, 122), 'b_c'), ((99, 123), 'U_c'), ((100, 124), 'W_c'), ((104, 128), 'b_r'),
                 ((105, 129), 'U_r'), ((106, 130), 'W_r'), ((112, 136), 'b_z'), ((113, 137), 'U_z'),
                 ((114, 138), 'W_z')):
    for ln in lines:
        check(ln, G[k], g_param(k))
for ln in sorted(results):
    ok, err = results[ln]
    print(f"line {ln}: OK" if ok else f"line {ln}: MISMATCH (max err {err:.3e})")
