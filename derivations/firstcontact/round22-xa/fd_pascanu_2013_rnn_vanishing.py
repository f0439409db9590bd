"""Finite-difference checks for pascanu_2013_rnn_vanishing.md (standalone numpy, float64).

Model of eq. (2): x_t = W_rec sigma(x_{t-1}) + W_in u_t + b, sigma = tanh (gamma = 1), t = 1..T.
Cost E = sum_t E_t with E_t = L(x_t) = 0.5 ||x_t - y_t||^2 (the paper leaves L generic).
Jacobians dx_i/dx_j in numerator layout (rows = components of x_i); dE_t/dx_t is a row vector.
"Immediate" derivatives (d^+) perturb a parameter in one step only, x_{k-1} held fixed.
"""
import numpy as np

rng = np.random.default_rng(7)
n, m, T = 3, 2, 5
W = rng.normal(0, 0.5, (n, n))
Win = rng.normal(0, 0.5, (n, m))
b = rng.normal(0, 0.1, n)
U = rng.normal(0, 1.0, (T + 1, m))
Y = rng.normal(0, 1.0, (T + 1, n))
x0 = rng.normal(0, 0.5, n)
sig, dsig = np.tanh, lambda a: 1 - np.tanh(a) ** 2
EPS = 1e-6


def forward(W=W, Wstep=None, xeps=None):
    """Wstep: dict k -> W used only in step k; xeps: dict k -> additive perturbation of x_k."""
    xs = [x0.copy()]
    for t in range(1, T + 1):
        Wt = Wstep[t] if (Wstep and t in Wstep) else W
        x = Wt @ sig(xs[-1]) + Win @ U[t] + b
        if xeps and t in xeps:
            x = x + xeps[t]
        xs.append(x)
    return xs


def Et(xs, t):
    return 0.5 * np.sum((xs[t] - Y[t]) ** 2)


def E(xs):
    return sum(Et(xs, t) for t in range(1, T + 1))


def fd_grad(f, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        g[idx] = (f(d) - f(-d)) / (2 * EPS)
    return g


def jac_x(t, k):
    """true dx_t/dx_k (n x n), numerator layout."""
    J = np.zeros((n, n))
    for j in range(n):
        d = np.zeros(n); d[j] = EPS
        J[:, j] = (forward(xeps={k: d})[t] - forward(xeps={k: -d})[t]) / (2 * EPS)
    return J


def report(line, ok, err):
    print(f"line {line}: OK" if ok else f"line {line}: MISMATCH (max err {err:.3e})")


xs = forward()

# line 31, eq. (3): dE/dtheta = sum_t dE_t/dtheta, theta = W_rec
gE = fd_grad(lambda d: E(forward(W=W + d)), W.shape)
gsum = sum(fd_grad(lambda d, t=t: Et(forward(W=W + d), t), W.shape) for t in range(1, T + 1))
report(31, np.allclose(gE, gsum, atol=1e-7), np.abs(gE - gsum).max())

# line 33, eq. (4): dE_t/dW = sum_k dE_t/dx_t dx_t/dx_k d^+x_k/dW
t = T
gt = (xs[t] - Y[t])  # row vector dE_t/dx_t
tot = np.zeros_like(W)
for k in range(1, t + 1):
    Jtk = np.eye(n) if k == t else jac_x(t, k)
    row = gt @ Jtk                      # dE_t/dx_k along the chain
    # immediate d^+x_k/dW_{ab} = delta_{.a} sigma(x_{k-1})_b
    tot += np.outer(row, sig(xs[k - 1]))
gFD = fd_grad(lambda d: Et(forward(W=W + d), t), W.shape)
report(33, np.allclose(tot, gFD, atol=1e-6), np.abs(tot - gFD).max())

# line 35, eq. (5): dx_t/dx_k = prod_{t>i>k} W^T diag(sigma'(x_{i-1})) (as written; both product orders tried)
t, k = 5, 2
Jtrue = jac_x(t, k)
facs = [W.T @ np.diag(dsig(xs[i - 1])) for i in range(k + 1, t)]   # t > i > k
P1 = np.eye(n); P2 = np.eye(n)
for F in facs:
    P1 = P1 @ F
    P2 = F @ P2
# also with t >= i > k (the original paper's range), still W^T
facs2 = [W.T @ np.diag(dsig(xs[i - 1])) for i in range(k + 1, t + 1)]
P3 = np.eye(n)
for F in facs2:
    P3 = F @ P3
err = min(np.abs(P - Jtrue).max() for P in (P1, P2, P3))
report(35, err < 1e-6, err)

# line 38: row i of the immediate d^+x_k/dW_rec is sigma(x_{k-1})
k = 3
Dimm = np.zeros((n, n, n))  # d x_k[a] / d W[b, c], W perturbed in step k only
for bb in range(n):
    for cc in range(n):
        d = np.zeros((n, n)); d[bb, cc] = EPS
        Dimm[:, bb, cc] = (forward(Wstep={k: W + d})[k] - forward(Wstep={k: W - d})[k]) / (2 * EPS)
ok = all(np.allclose(Dimm[i, i, :], sig(xs[k - 1]), atol=1e-8) for i in range(n))
err = max(np.abs(Dimm[i, i, :] - sig(xs[k - 1])).max() for i in range(n))
report(38, ok, err)

# line 52: the Jacobian dx_{k+1}/dx_k is W^T diag(sigma'(x_k))
k = 2
J = jac_x(k + 1, k)
claim = W.T @ np.diag(dsig(xs[k]))
report(52, np.allclose(J, claim, atol=1e-6), np.abs(J - claim).max())

# line 54, eq. (6): ||J|| <= ||W^T|| ||diag(sigma'(x_k))|| < (1/gamma) gamma < 1, with lambda_1 < 1/gamma
gamma = 1.0
W6 = W / np.linalg.norm(W, 2) * 0.9          # lambda_1 = 0.9 < 1/gamma
W_saved = W
W = W6
xs6 = forward(W=W6)
links = []
for k in range(1, T):
    Jk = np.zeros((n, n))
    for j in range(n):
        d = np.zeros(n); d[j] = EPS
        Jk[:, j] = (forward(W=W6, xeps={k: d})[k + 1] - forward(W=W6, xeps={k: -d})[k + 1]) / (2 * EPS)
    a = np.linalg.norm(Jk, 2)
    bnd = np.linalg.norm(W6.T, 2) * np.linalg.norm(np.diag(dsig(xs6[k])), 2)
    c = (1 / gamma) * gamma
    links.append((a <= bnd + 1e-9, bnd < c, c < 1))
ok = all(all(l) for l in links)
# the violated link is (1/gamma) gamma < 1: its margin (1/gamma) gamma - 1 = 0 is printed as the error
report(54, ok, (1 / gamma) * gamma - 1)
W = W_saved

# line 59, eq. (7): || dE_t/dx_t prod_{i=k}^{t-1} dx_{i+1}/dx_i || <= eta^{t-k} ||dE_t/dx_t||, eta = max_k ||J_k||
Js = {}
for k in range(1, T):
    Jk = np.zeros((n, n))
    for j in range(n):
        d = np.zeros(n); d[j] = EPS
        Jk[:, j] = (forward(xeps={k: d})[k + 1] - forward(xeps={k: -d})[k + 1]) / (2 * EPS)
    Js[k] = Jk
eta = max(np.linalg.norm(J, 2) for J in Js.values())
ok, worst = True, 0.0
for t in range(2, T + 1):
    g = xs[t] - Y[t]
    for k in range(1, t):
        Pa = np.eye(n); Pb = np.eye(n)
        for i in range(k, t):
            Pa = Pa @ Js[i]
            Pb = Js[i] @ Pb
        for P in (Pa, Pb):
            lhs = np.linalg.norm(g @ P); rhs = eta ** (t - k) * np.linalg.norm(g)
            ok &= lhs <= rhs + 1e-9
            worst = max(worst, lhs - rhs)
report(59, ok, worst)

# line 77: linear case x_t = x_0 w^t: dx_t/dw = t x_0 w^{t-1}, d2x_t/dw2 = t(t-1) x_0 w^{t-2}
xs0, w, tt = 0.5, 1.3, 7
f = lambda w: xs0 * w ** tt
d1 = (f(w + 1e-5) - f(w - 1e-5)) / 2e-5
d2 = (f(w + 1e-4) - 2 * f(w) + f(w - 1e-4)) / 1e-8
e1 = abs(d1 - tt * xs0 * w ** (tt - 1)); e2 = abs(d2 - tt * (tt - 1) * xs0 * w ** (tt - 2))
report(77, e1 < 1e-6 and e2 < 1e-3, max(e1, e2))

# eq. (9)-(10): Omega_k with g_{k+1} = dE/dx_{k+1} (total cost) and x_k frozen (immediate derivative in W_rec)
gtot = {}
for k in range(1, T + 1):
    gtot[k] = fd_grad(lambda d, k=k: E(forward(xeps={k: d})), (n,))


def omega_k_def(Wm, k):   # eq. (9) with the true Jacobian dx_{k+1}/dx_k = W diag(sigma'(x_k))
    g = gtot[k + 1]
    return (np.linalg.norm(g @ (Wm @ np.diag(dsig(xs[k])))) / np.linalg.norm(g) - 1) ** 2


def omega_k_author(Wm, k):  # the expression differentiated in eq. (10), as written
    g = gtot[k + 1]
    return (np.linalg.norm(g @ Wm.T @ np.diag(dsig(xs[k]))) ** 2 / np.linalg.norm(g) ** 2 - 1) ** 2


ks = range(1, T)
# line 88: d^+Omega/dW = sum_k d^+Omega_k/dW
gO = fd_grad(lambda d: sum(omega_k_def(W + d, k) for k in ks), W.shape)
gOs = sum(fd_grad(lambda d, k=k: omega_k_def(W + d, k), W.shape) for k in ks)
report(88, np.allclose(gO, gOs, atol=1e-7), np.abs(gO - gOs).max())
# line 89: ... = sum_k d^+( ||dE/dx_{k+1} W^T diag||^2/||dE/dx_{k+1}||^2 - 1 )^2 / dW
gA = sum(fd_grad(lambda d, k=k: omega_k_author(W + d, k), W.shape) for k in ks)
report(89, np.allclose(gO, gA, atol=1e-6), np.abs(gO - gA).max())
