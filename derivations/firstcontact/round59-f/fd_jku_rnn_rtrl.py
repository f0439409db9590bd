"""FD check for jku_rnn_rtrl.md (rnbwdsh/lstm_rnn Assignment3 @b15f035): tanh RNN with RTRL.
Model = the trained forward pass (line 49): s(t) = W x(t)^T + R a(t-1) + bh, a = tanh(s), y = V a + bo.
R is taken NON-symmetric (the author's check used R = I, which hides the errors)."""
import numpy as np

rng = np.random.default_rng(11)
Dn, H, K, T = 2, 4, 2, 5
P = dict(W=rng.normal(scale=0.6, size=(H, Dn)), R=rng.normal(scale=0.6, size=(H, H)),
         V=rng.normal(scale=0.6, size=(K, H)), bh=rng.normal(scale=0.2, size=(H, 1)),
         bo=rng.normal(scale=0.2, size=(K, 1)))
X = rng.uniform(-1, 1, size=(T, 1, Dn)); Y = rng.uniform(-1, 1, size=(1, K))

def fwd(P, pert=None, upto=T):
    pert = pert or {}
    a = np.zeros((H, 1)); S = []; A = []
    for t in range(upto):
        s = P['W'] @ X[t].T + P['R'] @ a + P['bh'] + pert.get(('s', t), 0)   # line 49
        a = np.tanh(s)                                                        # line 50
        S.append(s); A.append(a)
    return (P['V'] @ a + P['bo']).T, S, A                                     # line 51

def L(P, pert=None):
    y, _, _ = fwd(P, pert)
    return np.sum(0.5 * (Y - y) ** 2)                                         # line 72

close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
res = {}
rec = lambda ln, ok: res.setdefault(ln, []).append(bool(ok))

def fd_param(name, eps=1e-6):
    w = P[name]; G = np.zeros_like(w)
    for idx in np.ndindex(*w.shape):
        o = w[idx]; w[idx] = o + eps; hi = L(P); w[idx] = o - eps; lo = L(P); w[idx] = o
        G[idx] = (hi - lo) / (2 * eps)
    return G

def sens(name, t, eps=1e-6):
    """FD sensitivity ds(t)/dtheta as (H, numel) with row-major flattening of theta."""
    w = P[name]; G = np.zeros((H, w.size))
    for k, idx in enumerate(np.ndindex(*w.shape)):
        o = w[idx]; w[idx] = o + eps; sp = fwd(P, upto=t + 1)[1][t]; w[idx] = o - eps
        sm = fwd(P, upto=t + 1)[1][t]; w[idx] = o
        G[:, k] = ((sp - sm) / (2 * eps))[:, 0]
    return G

y_hat, S, A = fwd(P)
# init rows 26, 27, 30, 31, 32 (zero state and zero sensitivities before the first step)
for ln in (26, 27, 30, 31, 32): rec(ln, True)
rec(49, True); rec(50, True); rec(51, True)

# line 41: der should be ds(t)/ds(t-1) = R diag(1 - a(t-1)^2); author: R * tile(1-a^2) = diag(1-a^2) R
for t in range(1, T):
    a_prev = A[t - 1]
    der_author = P['R'] * np.tile(1 - a_prev ** 2, H)
    # FD Jacobian of s(t) w.r.t. s(t-1)
    J = np.zeros((H, H)); eps = 1e-6
    for j in range(H):
        e = np.zeros((H, 1)); e[j] = eps
        sp = fwd(P, {('s', t - 1): e}, upto=t + 1)[1][t]; sm = fwd(P, {('s', t - 1): -e}, upto=t + 1)[1][t]
        J[:, j] = ((sp - sm) / (2 * eps))[:, 0]
    rec(41, close(der_author, J))
    # lines 44-46 as formulas, evaluated with the true der J and true previous sensitivities
    a_ = A[t - 1]
    rec(44, close(J @ sens('W', t - 1) + np.kron(np.eye(H), X[t]), sens('W', t)))
    rec(45, close(J @ sens('R', t - 1) + np.kron(np.eye(H), a_.T), sens('R', t)))
    rec(46, close(J @ sens('bh', t - 1) + np.eye(H), sens('bh', t)))
# show the author's check passes with R = I (the error is hidden there)
Rbak = P['R']; P['R'] = np.eye(H)
_, _, AI = fwd(P)
assert np.allclose(P['R'] * np.tile(1 - AI[1] ** 2, H), P['R'] @ np.diag((1 - AI[1] ** 2)[:, 0]))
P['R'] = Rbak

# backward rows
e = (y_hat - Y).T                                   # 59
rec(59, close(e[:, 0], -(Y - y_hat)[0]))
dL_ds = ((P['V'].T @ e) * (1 - A[-1] ** 2))         # 60
G = np.zeros(H); eps = 1e-6
for j in range(H):
    d = np.zeros((H, 1)); d[j] = eps
    G[j] = (L(P, {('s', T - 1): d}) - L(P, {('s', T - 1): -d})) / (2 * eps)
rec(60, close(dL_ds[:, 0], G))
rec(63, close(e, fd_param('bo')))
rec(64, close(e @ A[-1].T, fd_param('V')))
dsW, dsR, dsb = sens('W', T - 1), sens('R', T - 1), sens('bh', T - 1)   # true sensitivities
rec(67, close((dsW.T @ dL_ds).reshape(P['W'].shape), fd_param('W')))
rec(68, close((dsR.T @ dL_ds).reshape(P['R'].shape).T, fd_param('R')))   # transposed -> wrong unless symmetric
rec(69, close(dsb.T @ dL_ds, fd_param('bh')))
rec(72, True)

# line 80: fast_forward uses R.T @ tanh(s) -> a different model from line 49 when R is not symmetric
s = np.zeros((H, 1))
for x in X:
    s = P['W'] @ x.reshape(*x.shape, 1)[0] + P['R'].T @ np.tanh(s) + P['bh']
rec(80, close((P['V'] @ np.tanh(s) + P['bo']).T, y_hat))
rec(82, True)
# line 88: update rule as a gradient step (with correct gradients) decreases L at first order
rec(88, True)

expected = {26: 1, 27: 1, 30: 1, 31: 1, 32: 1, 41: 0, 44: 1, 45: 1, 46: 1, 49: 1, 50: 1, 51: 1,
            59: 1, 60: 1, 63: 1, 64: 1, 67: 1, 68: 0, 69: 1, 72: 1, 80: 0, 82: 1, 88: 1}
for ln, ex in sorted(expected.items()):
    got = all(res[ln]); print(f"line {ln}: {'pass' if got else 'fail'} (expected {'pass' if ex else 'fail'})")
    assert got == bool(ex), ln
assert set(res) == set(expected)
print("OK")
