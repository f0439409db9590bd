# Standalone finite-difference check of thalesmms_rnn_bptt_doc.md (ThalesMMS Rust-Neural-Networks,
# docs/backpropagation/rnn_bptt.md). Column-vector convention of the document:
#   z_t = Wx x_t + Wh h_{t-1} + bh,  h_t = tanh(z_t),  y_t = Wy h_t + by,  h_0 = 0 (we also use h_0 != 0 nowhere)
#   L = sum_t L_t with L_t = cross-entropy(softmax(y_t), target_t)  (the document's example loss).
# delta_t = dL/dz_t with the TOTAL loss L (document Step 6). "dL_t/dW" = derivative of the per-step loss L_t.
# Verdicts are LOCAL (each line is evaluated with true upstream quantities).
import numpy as np

rng = np.random.default_rng(3)
T, D, H, O = 4, 3, 4, 3
P = {'Wx': rng.normal(size=(H, D)) * 0.8, 'Wh': rng.normal(size=(H, H)) * 0.8, 'bh': rng.normal(size=H) * 0.3,
     'Wy': rng.normal(size=(O, H)) * 0.8, 'by': rng.normal(size=O) * 0.3}
X = rng.normal(size=(T, D))
tgt = np.eye(O)[rng.integers(0, O, size=T)]
softmax = lambda v: np.exp(v - v.max()) / np.exp(v - v.max()).sum()


def fwd(P, X, pert=None):
    pert = pert or {}
    d = lambda k, t, n: pert.get((k, t), np.zeros(n))
    h = np.zeros(H)
    out = {'z': [], 'h': [], 'y': [], 'hp': []}
    for t in range(T):
        out['hp'].append(h)
        z = P['Wx'] @ X[t] + P['Wh'] @ h + P['bh'] + d('z', t, H)
        h = np.tanh(z) + d('h', t, H)
        y = P['Wy'] @ h + P['by'] + d('y', t, O)
        out['z'].append(z); out['h'].append(h); out['y'].append(y)
    return out


def step_losses(P, X, pert=None):
    o = fwd(P, X, pert)
    return np.array([-np.sum(tgt[t] * np.log(softmax(o['y'][t]))) for t in range(T)])


L = lambda P, X, pert=None: step_losses(P, X, pert).sum()
eps = 1e-6
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)


def fd_state(kind, t, n, which=None):
    """gradient of L (which=None) or of L_which w.r.t. an additive perturbation of state kind at step t"""
    g = np.zeros(n)
    for j in range(n):
        e = np.zeros(n); e[j] = eps
        f = (lambda p: L(P, X, p)) if which is None else (lambda p: step_losses(P, X, p)[which])
        g[j] = (f({(kind, t): e}) - f({(kind, t): -e})) / (2 * eps)
    return g


def fd_param(k, which=None):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Pp = {kk: v.copy() for kk, v in P.items()}; Pm = {kk: v.copy() for kk, v in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        if which is None:
            g[idx] = (L(Pp, X) - L(Pm, X)) / (2 * eps)
        else:
            g[idx] = (step_losses(Pp, X)[which] - step_losses(Pm, X)[which]) / (2 * eps)
    return g


def jac_h(t1):
    """numerical Jacobian dh_{t1}/dh_{t1-1} (numerator layout), t1 >= 1 (0-based steps)"""
    J = np.zeros((H, H))
    o = fwd(P, X)
    for j in range(H):
        e = np.zeros(H); e[j] = eps
        hp = fwd(P, X, {('h', t1 - 1): e})['h'][t1]; hm = fwd(P, X, {('h', t1 - 1): -e})['h'][t1]
        J[:, j] = (hp - hm) / (2 * eps)
    return J


o = fwd(P, X)
res = {}
dy = [softmax(o['y'][t]) - tgt[t] for t in range(T)]
dLdh = [fd_state('h', t, H) for t in range(T)]            # total dL/dh_t
dLtdh = [fd_state('h', t, H, which=t) for t in range(T)]  # dL_t/dh_t
dLdz = [fd_state('z', t, H) for t in range(T)]            # delta_t (total L)

# ---- forward definitions ----
hh = np.zeros(H); okf = True
for t in range(T):
    hj = np.array([np.tanh(sum(P['Wx'][j, i] * X[t, i] for i in range(D)) + sum(P['Wh'][j, k] * hh[k] for k in range(H)) + P['bh'][j]) for j in range(H)])
    yk = np.array([sum(P['Wy'][k, j] * hj[j] for j in range(H)) + P['by'][k] for k in range(O)])
    okf = okf and close(hj, o['h'][t]) and close(yk, o['y'][t]); hh = hj
for ln in (18, 19, 39, 47, 72, 73, 76, 96, 99, 103, 222, 225, 229, 410):
    res[ln] = okf
res[31] = close(o['hp'][0], np.zeros(H))
res[66] = (P['Wx'] @ X[0]).shape == (H,)
res[69] = (P['Wh'] @ o['h'][0]).shape == (H,)
res[120] = np.isclose(L(P, X), step_losses(P, X).sum())
# ---- gradient of total loss = sum of per-step gradients (128-130) ----
for ln, k in [(128, 'Wx'), (129, 'Wh'), (130, 'Wy')]:
    res[ln] = close(fd_param(k), sum(fd_param(k, which=t) for t in range(T)))
# ---- 141: dL/dh_t = dL_t/dh_t + (dh_{t+1}/dh_t)^T dL/dh_{t+1}
res[141] = all(close(dLdh[t], dLtdh[t] + (jac_h(t + 1).T @ dLdh[t + 1] if t + 1 < T else 0)) for t in range(T))
# ---- Step 1 ----
res[162] = all(close(dy[t], fd_state('y', t, O, which=t)) for t in range(T))
res[165] = res[162]
res[169] = okf
# ---- Step 2 (per-step loss and W_y) ----
fdWy_t = [fd_param('Wy', which=t) for t in range(T)]
res[174] = all(close(fdWy_t[t], np.outer(fd_state('y', t, O, which=t), o['h'][t])) for t in range(T))
res[175] = all(close(fdWy_t[t], np.outer(dy[t], o['h'][t])) for t in range(T))
res[180] = all(close(fdWy_t[t], np.array([[dy[t][i] * o['h'][t][j] for j in range(H)] for i in range(O)])) for t in range(T))
# batch form (rows = examples): (dL/dY)^T @ H  -- second sequence as second batch row
X2 = rng.normal(size=(T, D)); tgt2 = np.eye(O)[rng.integers(0, O, size=T)]
def Lbatch(Pq):
    tot = 0.0
    for XX, TT in [(X, tgt), (X2, tgt2)]:
        oo = fwd(Pq, XX)
        tot += sum(-np.sum(TT[t] * np.log(softmax(oo['y'][t]))) for t in range(T))
    return tot
o2 = fwd(P, X2)
Hrows = [np.stack([o['h'][t], o2['h'][t]]) for t in range(T)]
dYrows = [np.stack([dy[t], softmax(o2['y'][t]) - tgt2[t]]) for t in range(T)]
def fd_batch(k, t_only=None):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Pp = {kk: v.copy() for kk, v in P.items()}; Pm = {kk: v.copy() for kk, v in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        if t_only is None:
            g[idx] = (Lbatch(Pp) - Lbatch(Pm)) / (2 * eps)
        else:
            f = lambda Pq: sum(-np.sum(TT[t_only] * np.log(softmax(fwd(Pq, XX)['y'][t_only]))) for XX, TT in [(X, tgt), (X2, tgt2)])
            g[idx] = (f(Pp) - f(Pm)) / (2 * eps)
    return g
res[185] = all(close(dYrows[t].T @ Hrows[t], fd_batch('Wy', t)) for t in range(T))
res[197] = close(sum(dYrows[t].T @ Hrows[t] for t in range(T)), fd_batch('Wy'))
res[191] = all(close(dy[t], fd_param('by', which=t)) for t in range(T))
res[198] = close(sum(dy), fd_param('by'))
# ---- Step 3, 4, 5 ----
res[206] = all(close(dLtdh[t], P['Wy'].T @ dy[t]) for t in range(T))
rec = [dLdh[t] - dLtdh[t] for t in range(T)]
res[216] = all(close(rec[t], jac_h(t + 1).T @ dLdh[t + 1]) for t in range(T - 1))
def chain_jac(t1):
    # dh/dz (diag) times dz/dh_prev (= Wh), both by finite differences
    Jz = np.zeros((H, H)); Jzh = np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H); e[j] = eps
        Jz[:, j] = (np.tanh(o['z'][t1] + e) - np.tanh(o['z'][t1] - e)) / (2 * eps)
        Jzh[:, j] = (fwd(P, X, {('h', t1 - 1): e})['z'][t1] - fwd(P, X, {('h', t1 - 1): -e})['z'][t1]) / (2 * eps)
    return Jz @ Jzh
res[234] = all(close(jac_h(t), chain_jac(t)) for t in range(1, T))
res[235] = all(close(jac_h(t), np.diag(1 - np.tanh(o['z'][t]) ** 2) @ P['Wh']) for t in range(1, T))
# 236: (1 - h_{t+1}^2) ⊙ (Wh^T delta_{t+1}) is a vector, not the Jacobian; it is not the recurrent gradient either
res[236] = all(close(jac_h(t + 1), (1 - o['h'][t + 1] ** 2) * (P['Wh'].T @ dLdz[t + 1])) or
               close(rec[t], (1 - o['h'][t + 1] ** 2) * (P['Wh'].T @ dLdz[t + 1])) for t in range(T - 1))
zz = rng.normal(size=6)
res[240] = close((np.tanh(zz + eps) - np.tanh(zz - eps)) / (2 * eps), 1 - np.tanh(zz) ** 2)
res[242] = True  # definition of delta; its value is checked in 268/269
res[246] = all(close(rec[t], P['Wh'].T @ dLdz[t + 1]) for t in range(T - 1))
res[254] = all(close(dLdh[t], P['Wy'].T @ dy[t] + (P['Wh'].T @ dLdz[t + 1] if t + 1 < T else 0)) for t in range(T))
res[261] = close(dLdh[T - 1], P['Wy'].T @ dy[T - 1])
# ---- Step 6 ----
res[268] = all(close(dLdz[t], dLdh[t] * (1 - np.tanh(o['z'][t]) ** 2)) for t in range(T))
res[269] = all(close(dLdz[t], dLdh[t] * (1 - o['h'][t] ** 2)) for t in range(T))
# ---- Steps 7-9: per-step loss gradients (literal) vs step-t contribution; totals ----
for ln_outer, ln_mat, ln_tot, k, v in [(277, 282, 288, 'Wx', lambda t: X[t]), (294, 299, 305, 'Wh', lambda t: o['hp'][t])]:
    per = [fd_param(k, which=t) for t in range(T)]
    contrib = [np.outer(dLdz[t], v(t)) for t in range(T)]
    res[ln_outer] = all(close(per[t], contrib[t]) for t in range(T))
    res[ln_mat] = res[ln_outer]
    res[ln_tot] = close(fd_param(k), sum(contrib))
res[311] = all(close(fd_param('bh', which=t), dLdz[t]) for t in range(T))
res[317] = close(fd_param('bh'), sum(dLdz))
# ---- Gradient Flow Equations summary (326-348), run as an algorithm ----
g = {k: np.zeros_like(v) for k, v in P.items()}
dnext = np.zeros(H); oks = {k: True for k in (326, 329, 332, 335, 338)}
for t in reversed(range(T)):
    dLdy = dy[t]
    oks[326] &= close(dLdy, fd_state('y', t, O, which=t))
    dh_out = P['Wy'].T @ dLdy
    oks[329] &= close(dh_out, dLtdh[t])
    dh_rec = P['Wh'].T @ dnext if t < T - 1 else np.zeros(H)
    oks[332] &= close(dh_rec, rec[t])
    dh = dh_out + dh_rec
    oks[335] &= close(dh, dLdh[t])
    delta = dh * (1 - o['h'][t] ** 2)
    oks[338] &= close(delta, dLdz[t])
    g['Wy'] += np.outer(dLdy, o['h'][t]); g['by'] += dLdy
    g['Wx'] += np.outer(delta, X[t]); g['Wh'] += np.outer(delta, o['hp'][t]); g['bh'] += delta
    dnext = delta
res.update(oks)
for ln, k in [(341, 'Wy'), (342, 'by'), (343, 'Wx'), (344, 'Wh'), (345, 'bh')]:
    res[ln] = close(g[k], fd_param(k))
# 348 against a true input-gradient FD
def fd_x(t):
    gx = np.zeros(D)
    for i in range(D):
        Xp = X.copy(); Xm = X.copy(); Xp[t, i] += eps; Xm[t, i] -= eps
        gx[i] = (L(P, Xp) - L(P, Xm)) / (2 * eps)
    return gx
res[348] = all(close(P['Wx'].T @ dLdz[t], fd_x(t)) for t in range(T))
# ---- backward pseudocode (lines 363-401); outputs = logits y_t returned by the forward pseudocode ----
outputs = o['y']; hidden_states = [np.zeros(H)] + o['h']; inputs = X
res[378] = all(close(outputs[t] - tgt[t], fd_state('y', t, O, which=t)) for t in range(T))  # CE + softmax
dWx = np.zeros_like(P['Wx']); dWh = np.zeros_like(P['Wh']); dWy = np.zeros_like(P['Wy'])
dbh = np.zeros(H); dby = np.zeros(O); dh_next = np.zeros(H)
okb = {k: True for k in (385, 388, 392, 393, 401)}
for t in reversed(range(T)):
    dyt = dy[t]                                   # true dL_t/dy_t (local verdicts)
    dWy += np.outer(dyt, hidden_states[t + 1]); dby += dyt
    dh_from_output = P['Wy'].T @ dyt
    okb[385] &= close(dh_from_output, dLtdh[t])
    dh = dh_from_output + dh_next
    okb[388] &= close(dh, dLdh[t])
    h = hidden_states[t + 1]
    dtanh = 1 - h ** 2
    okb[392] &= close(dtanh, (np.tanh(o['z'][t] + eps) - np.tanh(o['z'][t] - eps)) / (2 * eps))
    dz = dh * dtanh
    okb[393] &= close(dz, dLdz[t])
    dWx += np.outer(dz, inputs[t]); dWh += np.outer(dz, hidden_states[t]); dbh += dz
    dh_next = P['Wh'].T @ dz
    if t > 0:
        okb[401] &= close(dh_next, dLdh[t - 1] - dLtdh[t - 1])
res.update(okb)
res[381] = close(dWy, fd_param('Wy')); res[382] = close(dby, fd_param('by'))
res[396] = close(dWx, fd_param('Wx')); res[397] = close(dWh, fd_param('Wh')); res[398] = close(dbh, fd_param('bh'))
res[415] = all(close(jac_h(t), np.diag(1 - o['h'][t] ** 2) @ P['Wh']) for t in range(1, T))

for ln in sorted(res):
    print(f"line {ln}: {'OK' if res[ln] else 'MISMATCH'}")
