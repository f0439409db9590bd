# Finite-difference check of zh_lstm_rnn_jacobian_transpose.md (author's formulas as written).
# Conventions of the source: column vectors, h_t = tanh(W_h h_{t-1} + W_x x_t + b);
# gradients dL/dh are row vectors (the recursion on line 32 writes dL/dh_{t+1} . dh_{t+1}/dh_t).
import numpy as np

rng = np.random.default_rng(0)
n, d, T = 4, 3, 5
eps = 1e-6
res = {}


def ok(name, a, b, tol=1e-6):
    err = np.max(np.abs(np.asarray(a) - np.asarray(b)))
    res[name] = err < tol
    print(f"{name:60s} {'AGREE' if err < tol else 'DISAGREE'}  (max abs diff {err:.2e})")


sig = lambda z: 1 / (1 + np.exp(-z))
# line 83 sigmoid definition / line 59 tanh' = 1 - tanh^2
z = rng.normal(size=5)
ok("L59 tanh' = 1 - tanh^2", (np.tanh(z + eps) - np.tanh(z - eps)) / (2 * eps), 1 - np.tanh(z) ** 2)

# ---------------- RNN ----------------
Wh = rng.normal(size=(n, n)) * 0.8   # deliberately non-symmetric
Wx = rng.normal(size=(n, d))
b = rng.normal(size=n)
V = rng.normal(size=(2, n))
X = rng.normal(size=(T, d))
Y = rng.normal(size=(T, 2))


def run(h0, Wh_=Wh):
    hs = [h0]
    for t in range(T):
        hs.append(np.tanh(Wh_ @ hs[-1] + Wx @ X[t] + b))  # line 16
    return hs


def loss_from(hk, k):
    """total loss sum_t L_t, L_t = 0.5||V h_t - y_t||^2, as a function of h_k (k>=1)"""
    hs = [None] * (T + 1)
    hs[k] = hk
    for t in range(k, T):
        hs[t + 1] = np.tanh(Wh @ hs[t] + Wx @ X[t] + b)
    return sum(0.5 * np.sum((V @ hs[t] - Y[t - 1]) ** 2) for t in range(k, T + 1))


h0 = rng.normal(size=n)
hs = run(h0)


def num_jac(f, x):
    J = np.zeros((f(x).size, x.size))
    for i in range(x.size):
        e = np.zeros_like(x); e[i] = eps
        J[:, i] = (f(x + e) - f(x - e)) / (2 * eps)
    return J


t = 3
step = lambda hp: np.tanh(Wh @ hp + Wx @ X[t - 1] + b)   # h_t as function of h_{t-1}
Jnum = num_jac(step, hs[t - 1])
ht = hs[t]
J_author = np.diag(1 - ht * ht) @ Wh.T                     # line 36 as written
J_true = np.diag(1 - ht * ht) @ Wh
ok("L36 dh_t/dh_{t-1} = diag(1-h_t^2) W_h^T (author)", Jnum, J_author)
ok("   (reference: diag(1-h_t^2) W_h)", Jnum, J_true)
ok("   (reference: denominator layout W_h^T diag(1-h_t^2) vs J^T)", Jnum.T, Wh.T @ np.diag(1 - ht * ht))

# line 32 recursion: dL/dh_t = dL_t/dh_t + dL/dh_{t+1} . dh_{t+1}/dh_t (row vectors)
g_num = {k: num_jac(lambda v: np.array([loss_from(v, k)]), hs[k])[0] for k in range(1, T + 1)}
k = 2
dLk = (V @ hs[k] - Y[k - 1]) @ V
Jk1 = np.diag(1 - hs[k + 1] ** 2) @ Wh
ok("L32 recursion (with the correct one-step Jacobian)", g_num[k], dLk + g_num[k + 1] @ Jk1)
ok("   L32 recursion fed with the author's L36 Jacobian", g_num[k], dLk + g_num[k + 1] @ (np.diag(1 - hs[k + 1] ** 2) @ Wh.T))

# line 48 product over k steps
tt, kk = 1, 3
f = lambda v: run_from(v)


def run_from(v):
    h = v
    for s in range(tt, tt + kk):
        h = np.tanh(Wh @ h + Wx @ X[s] + b)
    return h


Jk_num = num_jac(run_from, hs[tt])
facs = [np.diag(1 - hs[tt + j] ** 2) @ Wh.T for j in range(1, kk + 1)]
P_desc = np.eye(n)
for F in reversed(facs):
    P_desc = P_desc @ F     # F_k ... F_1
P_asc = np.eye(n)
for F in facs:
    P_asc = P_asc @ F       # F_1 ... F_k
ok("L48 prod diag(1-h^2) W_h^T, descending order (author)", Jk_num, P_desc)
ok("L48 prod diag(1-h^2) W_h^T, ascending order (author)", Jk_num, P_asc)
Ptrue = np.eye(n)
for j in range(kk, 0, -1):
    Ptrue = Ptrue @ (np.diag(1 - hs[tt + j] ** 2) @ Wh)
ok("   (reference: prod_j diag(1-h_{t+j}^2) W_h, j descending)", Jk_num, Ptrue)

# line 52 bound with rho = largest singular value (the author's gloss)
gamma = 1.0
rho_sv = np.linalg.norm(Wh, 2)
res["L52 ||dh_{t+k}/dh_t|| <= (gamma*rho)^k, rho = max singular value"] = np.linalg.norm(Jk_num, 2) <= (gamma * rho_sv) ** kk + 1e-12
print(f"{'L52 bound with rho = spectral norm':60s} {'HOLDS' if res['L52 ||dh_{t+k}/dh_t|| <= (gamma*rho)^k, rho = max singular value'] else 'VIOLATED'}")
Wn = np.array([[0.0, 3.0], [0.0, 0.0]])  # non-normal: spectral radius 0, spectral norm 3
hh = np.zeros(2)
Jn = np.diag(1 - np.tanh(Wn @ hh) ** 2) @ Wn
print(f"   info: non-normal W (spectral radius 0) gives ||J|| = {np.linalg.norm(Jn, 2):.2f}; bound holds only with rho = spectral norm")

# line 22 parameter count n^2+nd+n
ok("L22 RNN parameter count n^2+nd+n", Wh.size + Wx.size + b.size, n * n + n * d + n, 0.5)

# ---------------- LSTM ----------------
Wf, Wi, Wc, Wo = (rng.normal(size=(n, n + d)) * 0.7 for _ in range(4))
bf, bi, bc, bo = (rng.normal(size=n) for _ in range(4))


def lstm_step(h, c, x):
    zt = np.concatenate([h, x])                  # line 87
    f_ = sig(Wf @ zt + bf)                       # line 91
    i_ = sig(Wi @ zt + bi)                       # line 95
    ct_ = np.tanh(Wc @ zt + bc)                  # line 99
    c_ = f_ * c + i_ * ct_                       # line 75 / 103
    o_ = sig(Wo @ zt + bo)                       # line 107
    h_ = o_ * np.tanh(c_)                        # line 111
    return h_, c_, (f_, i_, ct_, o_, zt)


x1, x2 = rng.normal(size=d), rng.normal(size=d)
h_prev2, c_prev2 = rng.normal(size=n) * 0.5, rng.normal(size=n)
h1, c1, cache1 = lstm_step(h_prev2, c_prev2, x1)     # step t-1
o1 = cache1[3]
h2, c2, (f2, i2, ct2, o2, z2) = lstm_step(h1, c1, x2)  # step t


def c_t_of_cprev(cp):
    hp = o1 * np.tanh(cp)          # h_{t-1} as a function of c_{t-1} (o_{t-1} does not depend on c_{t-1})
    return lstm_step(hp, cp, x2)[1]


Jc_num = num_jac(c_t_of_cprev, c1)
dh_dc = np.diag(o1 * (1 - np.tanh(c1) ** 2))
df = np.diag(f2 * (1 - f2)) @ Wf[:, :n] @ dh_dc
di = np.diag(i2 * (1 - i2)) @ Wi[:, :n] @ dh_dc
dct = np.diag(1 - ct2 ** 2) @ Wc[:, :n] @ dh_dc
J_formula = np.diag(f2) + np.diag(c1) @ df + np.diag(ct2) @ di + np.diag(i2) @ dct   # line 123
ok("L123 dc_t/dc_{t-1} = diag(f) + diag(c_{t-1})df/dc + ... (total)", Jc_num, J_formula)
ok("   (the direct part alone, diag(f_t), is only the main term)", Jc_num, np.diag(f2), 1e-6)

# line 127: product of diagonal matrices equals diag of product
fs = [sig(rng.normal(size=n)) for _ in range(3)]
P = np.eye(n)
for fj in fs:
    P = P @ np.diag(fj)
ok("L127 prod diag(f) = diag(prod f) (second equality)", P, np.diag(np.prod(fs, axis=0)))

# line 135, 141, 145, 146, 171 numbers
ok("L135 0.95^50 ~ 7.7%", round(0.95 ** 50, 3), 0.077, 1e-3)
ok("L135 0.99^50 ~ 60.5%", round(0.99 ** 50, 3), 0.605, 1e-3)
NL = lambda n_, d_: 4 * n_ * (n_ + d_) + 4 * n_
ok("L141 N_LSTM = 4n(n+d)+4n (count of W_f..W_o, b_f..b_o)", sum(W.size for W in (Wf, Wi, Wc, Wo)) + 4 * n, NL(n, d), 0.5)
ok("L145 4*64*72+4*64 = 18688", 4 * 64 * 72 + 4 * 64, 18688, 0.5)
ok("L146 4*498*499+4*498 = 996000", 4 * 498 * 499 + 4 * 498, 996000, 0.5)
ok("L171 GRU count 3n(n+d)+3n (3 weight blocks + 3 biases)", 3 * (n * (n + d)) + 3 * n, 3 * n * (n + d) + 3 * n, 0.5)

print()
print("rows that DISAGREE:", [k for k, v in res.items() if not v])
