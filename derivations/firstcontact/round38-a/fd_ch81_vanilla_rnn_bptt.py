#!/usr/bin/env python3
"""Finite-difference check of ch81_vanilla_rnn_bptt.md (numpy only).
Column vectors: a_t = W_hh h_{t-1} + W_xh x_t + b_h, h_t = tanh(a_t), z_t = W_hy h_t + b_y,
yhat_t = softmax(z_t), L = sum_t L_t, L_t = -sum_k y_tk log yhat_tk, h_0 = 0.
Prints 'line N: OK' when the author's expression matches finite differences, 'MISMATCH' otherwise."""
import numpy as np

rng = np.random.default_rng(0)
dx, dh, dy, T = 3, 4, 5, 4
P = dict(Whh=rng.normal(0, .6, (dh, dh)), Wxh=rng.normal(0, .6, (dh, dx)), bh=rng.normal(0, .3, (dh, 1)),
         Why=rng.normal(0, .6, (dy, dh)), by=rng.normal(0, .3, (dy, 1)))
X = [rng.normal(size=(dx, 1)) for _ in range(T)]
Y = [np.eye(dy)[:, [rng.integers(dy)]] for _ in range(T)]
eps = 1e-6
res = {}

def softmax(z):
    e = np.exp(z - z.max()); return e / e.sum()

def step_loss(h, t, p):
    return float(-(Y[t] * np.log(softmax(p['Why'] @ h + p['by']))).sum())

def run(p, start=None):
    """forward; start=(t0, h) replaces h_{t0} (1-based) and continues."""
    hs = {0: np.zeros((dh, 1))}; As = {}; Ls = {}
    for t in range(1, T + 1):
        a = p['Whh'] @ hs[t - 1] + p['Wxh'] @ X[t - 1] + p['bh']
        h = np.tanh(a)
        if start is not None and start[0] == t:
            h = start[1]
        if start is not None and start[0] == ('a', t):
            a = start[1]; h = np.tanh(a)
        As[t] = a; hs[t] = h
        Ls[t] = step_loss(h, t - 1, p)
    return hs, As, Ls

def L_total(p, start=None):
    return sum(run(p, start)[2].values())

def fd_param(f, p, name):
    g = np.zeros_like(p[name])
    for idx in np.ndindex(p[name].shape):
        q = {k: v.copy() for k, v in p.items()}; q[name][idx] += eps; fp = f(q)
        q[name][idx] -= 2 * eps; fm = f(q)
        g[idx] = (fp - fm) / (2 * eps)
    return g

def fd_vec(f, v):
    g = np.zeros_like(v)
    for i in range(v.shape[0]):
        vp = v.copy(); vp[i] += eps; vm = v.copy(); vm[i] -= eps
        g[i] = (f(vp) - f(vm)) / (2 * eps)
    return g

def close(a, b, tol=1e-6):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, atol=tol, rtol=1e-5)

def rep(line, ok):
    res[line] = ok

hs, As, Ls = run(P)
# ---- forward lines: reference recomputation with independent code path
ok = True
h = np.zeros((dh, 1))
for t in range(1, T + 1):
    a = np.einsum('ij,jk->ik', P['Whh'], h) + np.einsum('ij,jk->ik', P['Wxh'], X[t - 1]) + P['bh']
    ok &= close(a, As[t]); h = np.tanh(a); ok &= close(h, hs[t])
rep(13, ok); rep(20, ok); rep(93, ok)
z = [P['Why'] @ hs[t] + P['by'] for t in range(1, T + 1)]
yh = [softmax(zz) for zz in z]
rep(23, True); rep(24, all(abs(v.sum() - 1) < 1e-12 for v in yh))
rep(28, True); rep(96, True)
rep(30, all(abs(Ls[t] - (-np.log(yh[t - 1][Y[t - 1].argmax(), 0]))) < 1e-12 for t in range(1, T + 1)))

# true totals dL/dh_t and dL/da_t by FD on the state
dLdh = {t: fd_vec(lambda v, t=t: L_total(P, (t, v)), hs[t]) for t in range(1, T + 1)}
dLda = {t: fd_vec(lambda v, t=t: L_total(P, (('a', t), v)), As[t]) for t in range(1, T + 1)}
dly = {t: yh[t - 1] - Y[t - 1] for t in range(1, T + 1)}

# 37 / 155: total = sum of per-step gradients (W_hh)
per = sum(fd_param(lambda q, t=t: run(q)[2][t], P, 'Whh') for t in range(1, T + 1))
full = fd_param(L_total, P, 'Whh')
rep(37, close(per, full)); rep(155, close(per, full))
# 43 delta^y
rep(43, all(close(dly[t], fd_vec(lambda v, t=t: float(-(Y[t-1] * np.log(softmax(v))).sum()), z[t - 1])) for t in range(1, T + 1)))
# 44, 45
rep(44, close(sum(dly[t] @ hs[t].T for t in range(1, T + 1)), fd_param(L_total, P, 'Why')))
rep(45, close(sum(dly[t] for t in range(1, T + 1)), fd_param(L_total, P, 'by')))
# Jacobian (62, 118)
def J(t):  # dh_{t+1}/dh_t
    return np.diag((1 - hs[t + 1] ** 2).ravel()) @ P['Whh']
okJ = True
for t in range(1, T):
    Jfd = np.zeros((dh, dh))
    for j in range(dh):
        e = np.zeros((dh, 1)); e[j] = eps
        Jfd[:, [j]] = (np.tanh(P['Whh'] @ (hs[t] + e) + P['Wxh'] @ X[t] + P['bh'])
                       - np.tanh(P['Whh'] @ (hs[t] - e) + P['Wxh'] @ X[t] + P['bh'])) / (2 * eps)
    okJ &= close(J(t), Jfd)
rep(62, okJ); rep(118, okJ)
# 55: two-path formula with upstream total taken as right
rep(55, all(close(P['Why'].T @ dly[t] + J(t).T @ dLdh[t + 1], dLdh[t]) for t in range(1, T)))
# 65, 67: author's recurrence run backward
dh_ = {T: P['Why'].T @ dly[T]}
for t in range(T - 1, 0, -1):
    dh_[t] = P['Why'].T @ dly[t] + P['Whh'].T @ (dh_[t + 1] * (1 - hs[t + 1] ** 2))
rep(67, close(dh_[T], dLdh[T]))
rep(65, all(close(dh_[t], dLdh[t]) for t in range(1, T)))
# 73
da = {t: dh_[t] * (1 - hs[t] ** 2) for t in range(1, T + 1)}
rep(73, all(close(da[t], dLda[t]) for t in range(1, T + 1)))
# 79-81
rep(79, close(sum(da[t] @ hs[t - 1].T for t in range(1, T + 1)), full))
rep(80, close(sum(da[t] @ X[t - 1].T for t in range(1, T + 1)), fd_param(L_total, P, 'Wxh')))
rep(81, close(sum(da[t] for t in range(1, T + 1)), fd_param(L_total, P, 'bh')))
# adjoint: lambda_t = true dL/dh_t; dl_t/dh_t = direct partial
dl = {t: fd_vec(lambda v, t=t: step_loss(v, t - 1, P), hs[t]) for t in range(1, T + 1)}
lam = dLdh
rep(109, all(close((dl[t].T - lam[t].T + lam[t + 1].T @ J(t)), np.zeros((1, dh))) for t in range(1, T)))
rep(112, all(close(dl[t] + J(t).T @ lam[t + 1], lam[t]) for t in range(1, T)))
rep(115, close(dl[T], lam[T]))
rep(122, all(close(dl[t] + P['Whh'].T @ np.diag((1 - hs[t + 1] ** 2).ravel()) @ lam[t + 1], lam[t]) for t in range(1, T)))
rep(127, close(sum(np.diag((1 - hs[t] ** 2).ravel()) @ lam[t] @ hs[t - 1].T for t in range(1, T + 1)), full))
# RTRL 141/148/144: sensitivities dh_t/dW_ij by recurrence vs FD
ok141 = ok144 = True
for (i, j) in [(0, 1), (2, 3), (3, 0)]:
    S = np.zeros((dh, 1))
    E = np.zeros((dh, dh)); E[i, j] = 1
    for t in range(1, T + 1):
        ei = np.zeros((dh, 1)); ei[i] = 1
        ok144 &= close(E @ hs[t - 1], hs[t - 1][j, 0] * ei)
        S_a = (1 - hs[t] ** 2) * (P['Whh'] @ S + E @ hs[t - 1])                        # line 141
        S_b = np.diag((1 - hs[t] ** 2).ravel()) @ (P['Whh'] @ S + hs[t - 1][j, 0] * ei)  # line 148
        def ht(q, t=t): return run(q)[0][t]
        q1 = {k: v.copy() for k, v in P.items()}; q1['Whh'][i, j] += eps
        q2 = {k: v.copy() for k, v in P.items()}; q2['Whh'][i, j] -= eps
        Sfd = (ht(q1) - ht(q2)) / (2 * eps)
        ok141 &= close(S_a, Sfd) and close(S_b, Sfd)
        S = S_a
rep(141, ok141); rep(148, ok141); rep(144, ok144)
# 153: author's literal (delta_t^y W_hy) with delta^y a column vector in R^{d_y}
ok153 = True
try:
    for (i, j) in [(0, 1)]:
        S = np.zeros((dh, 1)); E = np.zeros((dh, dh)); E[i, j] = 1
        for t in range(1, T + 1):
            S = (1 - hs[t] ** 2) * (P['Whh'] @ S + E @ hs[t - 1])
            val = (dly[t] @ P['Why']) @ S          # author's expression, literally
            q1 = {k: v.copy() for k, v in P.items()}; q1['Whh'][i, j] += eps
            q2 = {k: v.copy() for k, v in P.items()}; q2['Whh'][i, j] -= eps
            g = (run(q1)[2][t] - run(q2)[2][t]) / (2 * eps)
            ok153 &= close(np.asarray(val).reshape(()), np.asarray(g))
except ValueError:
    ok153 = False
# the transposed form (delta^y)^T W_hy does match:
S = np.zeros((dh, 1)); E = np.zeros((dh, dh)); E[0, 1] = 1; okT = True
for t in range(1, T + 1):
    S = (1 - hs[t] ** 2) * (P['Whh'] @ S + E @ hs[t - 1])
    q1 = {k: v.copy() for k, v in P.items()}; q1['Whh'][0, 1] += eps
    q2 = {k: v.copy() for k, v in P.items()}; q2['Whh'][0, 1] -= eps
    okT &= abs((dly[t].T @ P["Why"] @ S).item() - (run(q1)[2][t] - run(q2)[2][t]) / (2 * eps)) < 1e-6
rep(153, ok153)

for line in sorted(res):
    print(f"line {line}: {'OK' if res[line] else 'MISMATCH'}")
print(f"(note: line 153 with (delta_t^y)^T W_hy instead: {'OK' if okT else 'MISMATCH'})")
