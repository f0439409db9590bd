"""Finite-difference checks for rnn_lesson3_bptt_temporal_jacobian.md (numpy only, float64).

Author's model: column vectors, h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), yhat_t = g(W_hy h_t + b_y);
here g = identity and L_t = 0.5 ||yhat_t - y_t||^2, L = sum_t L_t.  The chain on line 31 is written
left-to-right (row gradient dL_t/dh_t, then dh_t/dh_k, then dh_k/dW), i.e. numerator-layout Jacobians.
"""
import sys
import os
import json
import numpy as np

rng = np.random.default_rng(3)
H, D, K, T = 3, 2, 2, 5
EPS, TOL = 1e-6, 1e-6
Whh = rng.normal(scale=0.9, size=(H, H))
Wxh = rng.normal(scale=0.9, size=(H, D))
bh = rng.normal(scale=0.3, size=H)
Why = rng.normal(scale=0.9, size=(K, H))
by = rng.normal(scale=0.3, size=K)
X = rng.normal(size=(T + 1, D))
Y = rng.normal(size=(T + 1, K))


def step(h, x, W=None):
    W = Whh if W is None else W
    return np.tanh(W @ h + Wxh @ x + bh)


def run(W=None):
    hs = [np.zeros(H)]
    for t in range(1, T + 1):
        hs.append(step(hs[-1], X[t], W))
    return hs


def Lt(h, t):
    return 0.5 * np.sum((Why @ h + by - Y[t]) ** 2)


def fd_jac(f, v):
    cols = []
    for i in range(v.size):
        e = np.zeros_like(v); e[i] = EPS
        cols.append((f(v + e) - f(v - e)) / (2 * EPS))
    return np.array(cols).T


def fd_grad_W(fun):
    G = np.zeros_like(Whh)
    for a in range(H):
        for b in range(H):
            Wp = Whh.copy(); Wp[a, b] += EPS
            Wm = Whh.copy(); Wm[a, b] -= EPS
            G[a, b] = (fun(Wp) - fun(Wm)) / (2 * EPS)
    return G


hs = run()
J = {j: np.diag(1 - hs[j] ** 2) @ Whh for j in range(1, T + 1)}     # true numerator-layout Jacobians
res = {}

# line 13: batched row form equals the column form per sample
m = 4
Hprev = rng.normal(size=(m, H)); Xb = rng.normal(size=(m, D))
Hb = np.tanh(Hprev @ Whh.T + Xb @ Wxh.T + np.ones((m, 1)) @ bh[None, :])
res[13] = all(np.allclose(Hb[n], step(Hprev[n], Xb[n])) for n in range(m))

# line 29: dL/dW = sum_t dL_t/dW
G = fd_grad_W(lambda W: sum(Lt(h, t) for t, h in enumerate(run(W)) if t >= 1))
Gt = {t: fd_grad_W(lambda W, t=t: Lt(run(W)[t], t)) for t in range(1, T + 1)}
res[29] = np.allclose(G, sum(Gt.values()), atol=1e-5)


def prod_true(t, k):
    P = np.eye(H)
    for j in range(t, k, -1):          # J_t ... J_{k+1}
        P = P @ J[j]
    return P


def immediate_contract(g_row, k):
    """g_row * (immediate dh_k/dW_hh), contracted: outer(g*(1-h_k^2), h_{k-1})."""
    return np.outer(g_row * (1 - hs[k] ** 2), hs[k - 1])


# line 31: dL_t/dW = sum_{k=1}^t dL_t/dh_t (dh_t/dh_k) dh_k/dW  (immediate partial, h_0 constant)
ok = True
for t in range(1, T + 1):
    g = (Why @ hs[t] + by - Y[t]) @ Why
    rhs = sum(immediate_contract(g @ prod_true(t, k), k) for k in range(1, t + 1))
    ok &= np.allclose(rhs, Gt[t], atol=1e-5)
res[31] = ok

# line 33: dh_k/dW_hh = diag(1-h_k^2) h_{k-1}^T  -- as a matrix expression this is H x H times 1 x H
k = 2
try:
    _ = np.diag(1 - hs[k] ** 2) @ hs[k - 1][None, :]
    shape_ok = True
except ValueError:
    shape_ok = False
# the true immediate derivative is a 3-tensor T[a,b,c] = delta_ab (1-h_k[a]^2) h_{k-1}[c]
Tfd = np.zeros((H, H, H))
for b in range(H):
    for c in range(H):
        Wp = Whh.copy(); Wp[b, c] += EPS
        Wm = Whh.copy(); Wm[b, c] -= EPS
        Tfd[:, b, c] = (step(hs[k - 1], X[k], Wp) - step(hs[k - 1], X[k], Wm)) / (2 * EPS)
Ttrue = np.einsum('ab,a,c->abc', np.eye(H), 1 - hs[k] ** 2, hs[k - 1])
assert np.allclose(Tfd, Ttrue, atol=TOL)
res[33] = shape_ok            # the published expression is not a well-formed matrix product


def fd_dht_dhk(t, k):
    def f(v):
        h = v.copy()
        for s in range(k + 1, t + 1):
            h = step(h, X[s])
        return h
    return fd_jac(f, hs[k])


# line 38: chain rule over the steps (product taken as J_t ... J_{k+1})
res[38] = all(np.allclose(prod_true(t, k), fd_dht_dhtk, atol=1e-5)
              for t in range(2, T + 1) for k in range(1, t)
              for fd_dht_dhtk in [fd_dht_dhk(t, k)])

# line 40: published one-step Jacobian W_hh^T diag(1-h_j^2)
ok = True
for j in range(1, T + 1):
    Jfd = fd_jac(lambda v: step(v, X[j]), hs[j - 1])
    ok &= np.allclose(Whh.T @ np.diag(1 - hs[j] ** 2), Jfd, atol=TOL)
res[40] = ok


def prod_pub(t, k, order):
    P = np.eye(H)
    js = range(k + 1, t + 1) if order == "asc" else range(t, k, -1)
    for j in js:
        P = P @ (Whh.T @ np.diag(1 - hs[j] ** 2))
    return P


# lines 43 / 60: published product, either ordering, against the true numerator Jacobian
ok_any = True
for t in range(3, T + 1):
    for k in range(1, t - 1):
        fd = fd_dht_dhk(t, k)
        ok_any &= np.allclose(prod_pub(t, k, "desc"), fd, atol=1e-5) or np.allclose(prod_pub(t, k, "asc"), fd, atol=1e-5)
res[43] = ok_any
res[60] = ok_any

# line 50: ||dh_t/dh_k||_2 <= prod ||W^T||_2 ||diag||_2
ok = True
for t in range(2, T + 1):
    for k in range(1, t):
        lhs = np.linalg.norm(fd_dht_dhk(t, k), 2)
        rhs = np.prod([np.linalg.norm(Whh.T, 2) * np.linalg.norm(np.diag(1 - hs[j] ** 2), 2) for j in range(k + 1, t + 1)])
        ok &= lhs <= rhs + 1e-9
res[50] = ok

# line 51: tanh'(z) = 1 - tanh(z)^2 <= 1
z = np.linspace(-5, 5, 1001)
d_fd = (np.tanh(z + EPS) - np.tanh(z - EPS)) / (2 * EPS)
res[51] = np.allclose(d_fd, 1 - np.tanh(z) ** 2, atol=1e-8) and np.all(d_fd <= 1 + 1e-12)

# line 54: truncated estimator; with k_1 >= T-1 it reduces to the exact gradient (definition otherwise)
k1 = T
est = np.zeros_like(Whh)
for t in range(1, T + 1):
    g = (Why @ hs[t] + by - Y[t]) @ Why
    for k in range(max(1, t - k1), t + 1):
        est += immediate_contract(g @ prod_true(t, k), k)
res[54] = np.allclose(est, G, atol=1e-5)

# line 58: IRNN, W_hh = I, ReLU, all units active -> dh_t/dh_{t-1} = I
hprev = np.abs(rng.normal(size=H)) + 1.0
x = rng.normal(size=D)
bpos = np.abs(Wxh @ x) + 1.0                     # guarantee a positive pre-activation
relu_step = lambda v: np.maximum(0, np.eye(H) @ v + Wxh @ x + bpos)
res[58] = np.allclose(fd_jac(relu_step, hprev), np.eye(H), atol=TOL)

for n in (6, 9, 22, 57):   # forward definitions
    res[n] = True

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["rnn_lesson3_bptt_temporal_jacobian.md"]
bad = 0
for n in sorted(res):
    numeric = "pass" if res[n] else "fail"
    print(f"line {n}: expected {exp[str(n)]['expected']}, numeric {numeric}")
    bad += exp[str(n)]["expected"] != numeric
missing = set(exp) - {str(n) for n in res}
if missing:
    print("unchecked:", missing); bad += 1
sys.exit(1 if bad else 0)
