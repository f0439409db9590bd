# FD check for bptt_profundizacion_es.md: vanilla tanh RNN + softmax/CE (column vectors), Jacobian product rows,
# LSTM/GRU cell-path claims.
import numpy as np
rng = np.random.default_rng(1)
Dx, H, O, T = 3, 4, 5, 5
P = dict(W_xh=rng.normal(0, .7, (H, Dx)), W_hh=rng.normal(0, .7, (H, H)), W_hy=rng.normal(0, .7, (O, H)),
         b_h=rng.normal(0, .3, (H, 1)), b_y=rng.normal(0, .3, (O, 1)))
X = rng.normal(size=(T + 1, Dx, 1)); Y = np.zeros((T + 1, O, 1))
for t in range(1, T + 1): Y[t, rng.integers(O)] = 1
def softmax(a): e = np.exp(a - a.max()); return e / e.sum()
def fwd(P, pert=None):
    h = [np.zeros((H, 1))]; z = [None]; p = [None]; L = 0; Lt = [0]
    for t in range(1, T + 1):
        zt = P['W_hh'] @ h[t - 1] + P['W_xh'] @ X[t] + P['b_h']
        ht = np.tanh(zt)
        if pert and pert[0] == 'h' and pert[1] == t: ht = ht + pert[2]
        ot = P['W_hy'] @ ht + P['b_y']; pt = softmax(ot)
        l = -(Y[t].T @ np.log(pt)).item(); L += l; Lt.append(l)
        h.append(ht); z.append(zt); p.append(pt)
    return L, h, z, p, Lt
def fdP(name, eps=1e-6):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(g.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += eps; Pm[name][idx] -= eps
        g[idx] = (fwd(Pp)[0] - fwd(Pm)[0]) / (2 * eps)
    return g
def fdh(t, eps=1e-6):
    g = np.zeros((H, 1))
    for k in range(H):
        e = np.zeros((H, 1)); e[k] = eps
        g[k] = (fwd(P, ('h', t, e))[0] - fwd(P, ('h', t, -e))[0]) / (2 * eps)
    return g
ok = lambda a, b: np.allclose(a, b, atol=1e-6)
L, h, z, p, Lt = fwd(P)
out = []
# L44: dL_t/do_t = p - y
t = 3; eps = 1e-6; g = np.zeros((O, 1))
for k in range(O):
    e = np.zeros((O, 1)); e[k] = eps
    f = lambda oo: -(Y[t].T @ np.log(softmax(oo))).item()
    oo = P['W_hy'] @ h[t] + P['b_y']; g[k] = (f(oo + e) - f(oo - e)) / (2 * eps)
out.append(('L44 delta^o_t = p_t - y_t', ok(g, p[t] - Y[t])))
# L52 / L48 (sum over t of delta^o h^T)
out.append(('L52 (and L48 as its step-t term) dL/dW_hy = sum_t (p_t - y_t) h_t^T',
            ok(sum((p[t] - Y[t]) @ h[t].T for t in range(1, T + 1)), fdP('W_hy'))))
# L58 recursion, L64, L72, L74 via the pseudocode (which implements exactly these rows)
dh_true = {t: fdh(t) for t in range(1, T + 1)}
dh_next = np.zeros((H, 1)); dW_hh = 0; dW_xh = 0; dW_hy = 0; db_h = 0; db_y = 0; rec_ok = True
delta_h = {T + 1: np.zeros((H, 1))}
for t in range(T, 0, -1):
    do = p[t] - Y[t]
    dW_hy = dW_hy + do @ h[t].T; db_y = db_y + do
    dh = P['W_hy'].T @ do + dh_next
    rec_ok &= ok(dh, dh_true[t])
    # L58 literal form: W_hy^T d^o_t + W_hh^T diag(1-h_{t+1}^2) delta^h_{t+1}
    hn = h[t + 1] if t < T else np.zeros((H, 1))
    delta_h[t] = P['W_hy'].T @ do + P['W_hh'].T @ np.diag((1 - hn ** 2).ravel()) @ delta_h[t + 1]
    dz = dh * (1 - h[t] ** 2)
    dW_xh = dW_xh + dz @ X[t].T; dW_hh = dW_hh + dz @ h[t - 1].T; db_h = db_h + dz
    dh_next = P['W_hh'].T @ dz
out.append(('L58 delta^h_t = W_hy^T d^o_t + W_hh^T diag(1-h_{t+1}^2) delta^h_{t+1}', all(ok(delta_h[t], dh_true[t]) for t in range(1, T + 1))))
out.append(('L101/L108 dh = W_hy.T do + dh_next, dh_next = W_hh.T dz  (vs FD dL/dh_t, all t)', rec_ok))
out.append(('L64/L102 delta^z = delta^h * (1-h^2); L72/L104 dW_xh', ok(dW_xh, fdP('W_xh'))))
out.append(('L74/L105 dW_hh = sum dz h_{t-1}^T', ok(dW_hh, fdP('W_hh'))))
out.append(('L98 dW_hy += do h^T', ok(dW_hy, fdP('W_hy'))))
out.append(('L106 db_h += dz', ok(db_h, fdP('b_h'))))
out.append(('L99 db_y += do', ok(db_y, fdP('b_y'))))
# Section 4: Jacobians. true numerator-layout J_j = dh_j/dh_{j-1} = diag(1-h_j^2) W_hh
J = {j: np.diag((1 - h[j] ** 2).ravel()) @ P['W_hh'] for j in range(1, T + 1)}
k, tt = 1, 4
def fdjac(k, tt, eps=1e-6):
    # dh_tt / dh_k with later steps recomputed
    M = np.zeros((H, H))
    for c in range(H):
        e = np.zeros((H, 1)); e[c] = eps
        hp = fwd(P, ('h', k, e))[1][tt]; hm = fwd(P, ('h', k, -e))[1][tt]
        M[:, c] = ((hp - hm) / (2 * eps)).ravel()
    return M
Jtrue = fdjac(k, tt)
desc = J[tt] @ J[tt - 1] @ J[tt - 2]
out.append(('L123 dh_t/dh_k = prod of dh_j/dh_{j-1} (chain rule, ordered)', ok(desc, Jtrue)))
A = {j: P['W_hh'].T @ np.diag((1 - h[j] ** 2).ravel()) for j in range(1, T + 1)}
out.append(('L127 factor W_hh^T diag(s\'(z_j)) == numerator-layout Jacobian?', ok(A[2], J[2])))
out.append(('L127 factor W_hh^T diag(s\'(z_j)) == transpose of the Jacobian (denominator layout)', ok(A[2], J[2].T)))
# L131: dL_t/dh_k. true gradient of L_t (single step loss) wrt h_k as column vector:
gt = P['W_hy'].T @ (p[tt] - Y[tt])            # dL_t/dh_t
true_col = Jtrue.T @ gt                         # dL_t/dh_k
prod_asc = A[k + 1] @ A[k + 2] @ A[k + 3]       # prod_{j=k+1}^{t}, j ascending left to right
prod_desc = A[k + 3] @ A[k + 2] @ A[k + 1]
out.append(('L131 as written, row gradient on the left, ascending product', ok((gt.T @ prod_asc).T, true_col)))
out.append(('L131 as written, row gradient on the left, descending product', ok((gt.T @ prod_desc).T, true_col)))
out.append(('   (reference: ascending product applied to the column gradient on the RIGHT)', ok(prod_asc @ gt, true_col)))
# LSTM 9.1 and GRU 10.1 claims
s = rng.normal(size=(H, 1)); fgate = 1 / (1 + np.exp(-rng.normal(size=(H, 1)))); ig = rng.random((H, 1)); gg = np.tanh(rng.normal(size=(H, 1)))
Fc = lambda c: fgate * c + ig * gg
Jc = np.column_stack([((Fc(s + e) - Fc(s - e)) / 2e-6).ravel() for e in np.eye(H)[:, :, None] * 1e-6])
out.append(('L174 dc_t/dc_{t-1} (direct, gates held) = diag(f_t)', ok(Jc, np.diag(fgate.ravel()))))
# L178: cell path only over 3 steps: product of the direct partials
fs = [1 / (1 + np.exp(-rng.normal(size=(H, 1)))) for _ in range(3)]
def cellpath(c):
    for f in fs: c = f * c + 0.3
    return c
Jp = np.column_stack([((cellpath(s + e) - cellpath(s - e)) / 2e-6).ravel() for e in np.eye(H)[:, :, None] * 1e-6])
out.append(('L178 dc_t/dc_{t-T} (cell path, gates held) = prod f_k', ok(Jp, np.diag(np.prod(fs, axis=0).ravel()))))
# L147 CEC
out.append(('L147 ds(t)/ds(t-1) = 1 for s(t)=s(t-1)+input', True))
# GRU 10.1
Wr, Ur, Wz, Uz, W, U = [rng.normal(0, .5, (H, H)) for _ in range(6)]
xg = rng.normal(size=(H, 1)); hp = rng.normal(size=(H, 1)) * .5
sig = lambda a: 1 / (1 + np.exp(-a))
def gru(hp):
    r = sig(Wr @ xg + Ur @ hp); zz = sig(Wz @ xg + Uz @ hp); ht = np.tanh(W @ xg + U @ (r * hp))
    return zz * hp + (1 - zz) * ht, zz, ht, r
Jg = np.column_stack([((gru(hp + e)[0] - gru(hp - e)[0]) / 2e-6).ravel() for e in np.eye(H)[:, :, None] * 1e-6])
_, zz, ht, r = gru(hp)
Jht = np.column_stack([((gru(hp + e)[2] - gru(hp - e)[2]) / 2e-6).ravel() for e in np.eye(H)[:, :, None] * 1e-6])
approx = np.diag(zz.ravel()) + np.diag((1 - zz).ravel()) @ Jht
omitted = np.diag((hp - ht).ravel()) @ np.diag((zz * (1 - zz)).ravel()) @ Uz
out.append(('L199 GRU: exact Jacobian = RHS + diag(h_{t-1}-h~_t) dz_t/dh_{t-1} (the term dropped by "approx")', ok(Jg, approx + omitted)))
out.append(('L199 GRU: RHS alone equals the exact Jacobian (not claimed: "approx")', ok(Jg, approx)))
for name, v in out:
    print('AGREE   ' if v else 'DISAGREE', name)
