# Finite-difference check of cs224n_w3_vanishing_index.md.
# Conventions: column vectors h, x; gradients dJ/dh are row vectors multiplied on the left of Jacobians
# (the source writes dJ/dh^(i) * prod dh^(t)/dh^(t-1) and, in the proof, "the row vector d eps/dx_t").
import numpy as np

rng = np.random.default_rng(2)
n, d, T = 4, 3, 6
eps = 1e-6
res = {}


def ok(name, a, b, tol=1e-6):
    err = np.max(np.abs(np.asarray(a) - np.asarray(b)))
    res[name] = err < tol
    print(f"{name:66s} {'AGREE' if err < tol else 'DISAGREE'}  (max abs diff {err:.2e})")


def num_jac(f, x):
    y0 = np.atleast_1d(f(x))
    J = np.zeros((y0.size, x.size))
    for i in range(x.size):
        e = np.zeros_like(x); e[i] = eps
        J[:, i] = (np.atleast_1d(f(x + e)) - np.atleast_1d(f(x - e))) / (2 * eps)
    return J


# non-symmetric W_h with real, distinct eigenvalues
P = rng.normal(size=(n, n))
lam = np.array([1.3, 0.9, -0.6, 0.3])
Wh = P @ np.diag(lam) @ np.linalg.inv(P)
Wx = rng.normal(size=(n, d)); b1 = rng.normal(size=n)
U = rng.normal(size=(5, n))
X = rng.normal(size=(T + 1, d)); yidx = rng.integers(0, 5, size=T + 1)


def softmax(o):
    e = np.exp(o - o.max()); return e / e.sum()


# lines 9/15/30: J^(t) = -log yhat_{x_{t+1}}, J = mean; nothing to differentiate, check CE identity
o = rng.normal(size=5); yv = np.eye(5)[2]
ok("L9 -sum_w y_w log yhat_w = -log yhat_{target}", -yv @ np.log(softmax(o)), -np.log(softmax(o)[2]))

# line 87: dh^(t)/dh^(t-1) = diag(sigma'(.)) W_h, sigma = tanh
hp = rng.normal(size=n); xt = X[1]
f = lambda v: np.tanh(Wh @ v + Wx @ xt + b1)
a = Wh @ hp + Wx @ xt + b1
ok("L87 dh_t/dh_{t-1} = diag(sigma'(W_h h + W_x x + b)) W_h", num_jac(f, hp), np.diag(1 - np.tanh(a) ** 2) @ Wh)
# line 88: linear case
flin = lambda v: Wh @ v + Wx @ xt + b1
ok("L88 linear case: = I W_h = W_h", num_jac(flin, hp), Wh)

# lines 96-97 in the linear case: J^(i) = -log softmax(U h^(i))_y, h^(s) = W_h h^(s-1) + W_x x^(s) + b1
i_, j_ = 5, 2
l = i_ - j_


def J_from_hj(hj):
    h = hj
    for s in range(j_ + 1, i_ + 1):
        h = Wh @ h + Wx @ X[s] + b1
    return -np.log(softmax(U @ h)[yidx[i_]])


hs = {0: rng.normal(size=n)}
for s in range(1, i_ + 1):
    hs[s] = Wh @ hs[s - 1] + Wx @ X[s] + b1
g_j = num_jac(J_from_hj, hs[j_])[0]                       # dJ^(i)/dh^(j), true
g_i = num_jac(lambda v: -np.log(softmax(U @ v)[yidx[i_]]), hs[i_])[0]   # dJ^(i)/dh^(i)
Wl = np.linalg.matrix_power(Wh, l)
ok("L96 dJ/dh^(j) = dJ/dh^(j) prod dh/dh  (as written, index j)", g_j, g_j @ Wl)
ok("   (reference: dJ/dh^(i) prod_{j<t<=i} dh^(t)/dh^(t-1))", g_j, g_i @ Wl)
ok("L97 last member dJ^(i)/dh^(i) W_h^l", g_j, g_i @ Wl)
ok("L97 middle member dJ^(i)/dh^(j) prod W_h (as written)", g_j, g_j @ Wl)

# line 123: linear x_t = W_h x_{t-1} + ...: dx_t/dx_k = (W_h^T)^l ?
xk = rng.normal(size=n)
lin_l = lambda v: np.linalg.matrix_power(Wh, l) @ v        # x_t as a function of x_k (inputs fixed)
Jtk = num_jac(lin_l, xk)
ok("L123 dx_t/dx_k = (W_h^T)^l (as written)", Jtk, np.linalg.matrix_power(Wh.T, l))
ok("   (reference: W_h^l)", Jtk, Wl)

# line 136: q_i^T (W_h^T)^l = lambda_i^l q_i^T for eigenvectors q_i of W_h
ev, Q = np.linalg.eig(Wh); ev = ev.real; Q = Q.real
order = np.argsort(-np.abs(ev)); ev = ev[order]; Q = Q[:, order]
ok("L136 q_i^T (W_h^T)^l = lambda_i^l q_i^T (q_i eigvecs of W_h)", Q[:, 0] @ np.linalg.matrix_power(Wh.T, l), ev[0] ** l * Q[:, 0])
# line 131 + 138: row vector g = sum c_i q_i^T; claimed g dx_t/dx_k = sum c_i lambda_i^l q_i^T
g = rng.normal(size=n)
cvec = np.linalg.solve(Q, g)                      # g = sum_i c_i q_i
ok("L131 row vector = sum_i c_i q_i^T (basis expansion)", Q @ cvec, g)
rhs138 = sum(cvec[m] * ev[m] ** l * Q[:, m] for m in range(n))
ok("L138 d eps/dx_t * dx_t/dx_k (true Jacobian) = sum c_i lambda_i^l q_i^T", g @ Jtk, rhs138)
ok("   (only true if dx_t/dx_k were (W_h^T)^l: g (W^T)^l)", g @ np.linalg.matrix_power(Wh.T, l), rhs138)

# line 150: d eps_t/d theta = sum_j ( sum_{i=k}^t c_j lambda_j^{t-k} q^T d+x_k/d theta ), theta = b (d+x_k/db = I)
t_, k_ = 4, 2


def eps_of_b(bb):
    x = np.zeros(n)
    for s in range(1, t_ + 1):
        x = Wh @ x + Wx @ X[s] + bb
    return 0.5 * x @ x


x = np.zeros(n)
for s in range(1, t_ + 1):
    x = Wh @ x + Wx @ X[s] + b1
gt = x.copy()                                     # d eps_t / d x_t (row)
ct = np.linalg.solve(Q, gt)
true_db = num_jac(eps_of_b, b1)[0]
src150 = sum(sum(ct[jj] * ev[jj] ** (t_ - k_) * Q[:, jj] for _ in range(k_, t_ + 1)) for jj in range(n))
ok("L150 as written (sum over i of a k-term, q read as q_j)", true_db, src150)
ok("   (reference: sum_{k=1}^t d eps/dx_t W_h^{t-k})", true_db, sum(gt @ np.linalg.matrix_power(Wh, t_ - kk) for kk in range(1, t_ + 1)))

# line 155: (row) dJ/dh^(i) W_h^l = sum c_i lambda_i^l q_i ; holds with q_i eigenvectors of W_h^T (same eigenvalues)
evT, QT = np.linalg.eig(Wh.T); evT = evT.real; QT = QT.real
cT = np.linalg.solve(QT, g_i)
ok("L155 g W_h^l = sum c_i lambda_i^l q_i (q_i eigvecs of W_h^T)", g_i @ Wl, sum(cT[m] * evT[m] ** l * QT[:, m] for m in range(n)))
cW = np.linalg.solve(Q, g_i)
ok("   (with q_i eigvecs of W_h itself)", g_i @ Wl, sum(cW[m] * ev[m] ** l * Q[:, m] for m in range(n)))

print()
print("rows that DISAGREE:", [k for k, v in res.items() if not v])
