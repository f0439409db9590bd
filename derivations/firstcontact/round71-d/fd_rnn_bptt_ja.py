# Finite-difference check of rnn_bptt_ja.md (column vectors, a_t = Wxh x_t + Whh h_{t-1} + bh,
# h_t = tanh(a_t), y_t = Why h_t + by, yhat_t = softmax(y_t), L = sum_t L_t with L_t = cross-entropy).
import numpy as np
rng = np.random.default_rng(0)
D, H, K, T = 3, 4, 5, 6
Wxh = rng.normal(0, .6, (H, D)); Whh = rng.normal(0, .6, (H, H)); Why = rng.normal(0, .6, (K, H))
bh = rng.normal(0, .1, H); by = rng.normal(0, .1, K)
xs = rng.normal(size=(T + 1, D)); targets = rng.integers(0, K, T + 1)
eps = 1e-6
def softmax(v): e = np.exp(v - v.max()); return e / e.sum()

def run(h_override=None):
    """forward t=1..T; h_override=(t, dh) adds dh to h_t after it is computed; returns per-step losses, a, h"""
    h = {0: np.zeros(H)}; a = {}; Ls = {}
    for t in range(1, T + 1):
        a[t] = Wxh @ xs[t] + Whh @ h[t - 1] + bh
        h[t] = np.tanh(a[t])
        if h_override is not None and h_override[0] == t: h[t] = h[t] + h_override[1]
        y = Why @ h[t] + by; p = softmax(y)
        Ls[t] = -np.log(p[targets[t]])
    return Ls, a, h

Ls, a, h = run()
rows = []
# line 6/35/39/43/55: forward definitions (consistency of the two forms, softmax normalisation)
rows.append(("6/35 h_t=tanh(Whh h+Wxh x+b)=tanh(a_t)", np.allclose(h[3], np.tanh(Whh @ h[2] + Wxh @ xs[3] + bh))))
rows.append(("43 softmax sums to 1", np.isclose(softmax(Why @ h[3] + by).sum(), 1.0)))

def fd_grad_h(t, which):
    """FD of sum of L_k for k in `which` w.r.t. h_t (returns vector)"""
    g = np.zeros(H)
    for i in range(H):
        d = np.zeros(H); d[i] = eps
        Lp, _, _ = run((t, d)); Lm, _, _ = run((t, -d))
        g[i] = (sum(Lp[k] for k in which) - sum(Lm[k] for k in which)) / (2 * eps)
    return g

t = 2
total = fd_grad_h(t, range(1, T + 1))
two_terms = fd_grad_h(t, [t]) + fd_grad_h(t, [t + 1])
rows.append(("61 dL/dh_t = dL_t/dh_t + dL_{t+1}/dh_t", np.allclose(total, two_terms, atol=1e-6)))
print("   line 61: |total - two-term| =", np.abs(total - two_terms).max())

# line 65: sum_k dL_k/dh_k * prod_{j=t+1}^{k} J_j   (row vector times J_k ... J_{t+1}, J_j = diag(1-h_j^2) Whh)
J = {j: np.diag(1 - h[j] ** 2) @ Whh for j in range(1, T + 1)}
acc = np.zeros(H)
for k in range(t, T + 1):
    gk = fd_grad_h(k, [k])            # dL_k/dh_k (direct part only: L_k depends on h_k via y_k)
    M = np.eye(H)
    for j in range(k, t, -1): M = M @ J[j]   # J_k J_{k-1} ... J_{t+1}
    acc += gk @ M
rows.append(("65 sum_k dL_k/dh_k prod J (later factors left)", np.allclose(total, acc, atol=1e-6)))

# line 77: dh_t/dh_{t-1} = Whh^T diag(tanh'(a_{t-1}))
def fd_jac(t):
    Jn = np.zeros((H, H))
    for j in range(H):
        d = np.zeros(H); d[j] = eps
        hp = np.tanh(Wxh @ xs[t] + Whh @ (h[t - 1] + d) + bh); hm = np.tanh(Wxh @ xs[t] + Whh @ (h[t - 1] - d) + bh)
        Jn[:, j] = (hp - hm) / (2 * eps)
    return Jn
t = 4
Jfd = fd_jac(t)
author = Whh.T @ np.diag(1 - np.tanh(a[t - 1]) ** 2)
rows.append(("77 author W^T diag(tanh'(a_{t-1})) == J (numerator)", np.allclose(author, Jfd, atol=1e-6)))
rows.append(("77 author W^T diag(tanh'(a_{t-1})) == J^T (denominator)", np.allclose(author, Jfd.T, atol=1e-6)))
rows.append(("   reference W^T diag(tanh'(a_t)) == J^T", np.allclose(Whh.T @ np.diag(1 - np.tanh(a[t]) ** 2), Jfd.T, atol=1e-6)))

# line 81: dh_t/dh_{t-k} = prod_{j=0}^{k-1} dh_{t-j}/dh_{t-j-1}
t, k = 5, 3
Jk = np.zeros((H, H))
for j in range(H):
    d = np.zeros(H); d[j] = eps
    _, _, hp = run((t - k, d)); _, _, hm = run((t - k, -d))
    Jk[:, j] = (hp[t] - hm[t]) / (2 * eps)
P = np.eye(H)
for j in range(0, k): P = P @ fd_jac(t - j)
rows.append(("81 dh_t/dh_{t-k} = prod_{j=0}^{k-1} J_{t-j}", np.allclose(Jk, P, atol=1e-6)))

for name, ok in rows: print(("AGREE   " if ok else "DISAGREE"), name)
