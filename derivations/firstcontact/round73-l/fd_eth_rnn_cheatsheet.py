# Finite-difference check of eth_rnn_cheatsheet.tex (menetn/ETH-Deep-Learning-Summary-2023, Simple RNNs).
# Model as on the sheet: z^t = phi(U z^{t-1} + V x^t), y^t = psi(W z^t), phi = tanh, psi = sigmoid,
# E = sum_s 0.5*||y^s - d^s||^2 (any loss works; dE/dy^s is a row vector, numerator layout).
# All dims equal (n) so that the sheet's elementwise products in lines 19/21/23 can be evaluated at all.
import numpy as np
rng = np.random.default_rng(0)
n, T = 3, 4
U = rng.normal(size=(n, n)) * 0.8
V = rng.normal(size=(n, n)) * 0.8
W = rng.normal(size=(n, n)) * 0.8
X = [np.zeros(n)] + [rng.normal(size=n) for _ in range(T)]   # X[1..T]; X[0] only used for the sheet's x^{i-1} at i=1
D = [None] + [rng.normal(size=n) for _ in range(T)]
z0 = rng.normal(size=n) * 0.5
phi, dphi = np.tanh, lambda a: 1 - np.tanh(a) ** 2
psi = lambda a: 1 / (1 + np.exp(-a)); dpsi = lambda a: psi(a) * (1 - psi(a))

def forward(U, V, W, z0, pert=None):
    z = [z0]; y = [None]
    for t in range(1, T + 1):
        zt = phi(U @ z[t - 1] + V @ X[t])
        if pert is not None and pert[0] == t:
            zt = zt + pert[1]
        z.append(zt); y.append(psi(W @ zt))
    return z, y

def E_of(U, V, W, z0, pert=None):
    z, y = forward(U, V, W, z0, pert)
    return sum(0.5 * np.sum((y[s] - D[s]) ** 2) for s in range(1, T + 1))

def num_grad_mat(f, M, eps=1e-6):
    G = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        Mp = M.copy(); Mp[idx] += eps; Mm = M.copy(); Mm[idx] -= eps
        G[idx] = (f(Mp) - f(Mm)) / (2 * eps)
    return G

def report(name, a, b):
    ok = np.allclose(a, b, atol=1e-6, rtol=1e-5)
    print(f"{name:70s} {'AGREE' if ok else 'DISAGREE'}   max|diff|={np.max(np.abs(a - b)):.2e}")
    return ok

z, y = forward(U, V, W, z0)
g = [None] + [(y[s] - D[s]) for s in range(1, T + 1)]          # dE/dy^s (row vector, stored 1-d)

# line 5/9: forward definitions (nothing to test numerically)
# line 13: dz^{k+1}/dz^k = diag(phi'(U z^k + V x^{k+1})) U
k = 2
J_sheet = np.diag(dphi(U @ z[k] + V @ X[k + 1])) @ U
J_num = np.zeros((n, n))
for j in range(n):
    e = np.zeros(n); e[j] = 1e-6
    J_num[:, j] = (phi(U @ (z[k] + e) + V @ X[k + 1]) - phi(U @ (z[k] - e) + V @ X[k + 1])) / 2e-6
report("line 13  dz^{k+1}/dz^k = diag(phi') U", J_sheet, J_num)
# line 15: dy^s/dz^s = diag(psi'(W z^s)) W
s = 3
Jy_sheet = np.diag(dpsi(W @ z[s])) @ W
Jy_num = np.zeros((n, n))
for j in range(n):
    e = np.zeros(n); e[j] = 1e-6
    Jy_num[:, j] = (psi(W @ (z[s] + e)) - psi(W @ (z[s] - e))) / 2e-6
report("line 15  dy^s/dz^s = diag(psi') W", Jy_sheet, Jy_num)

def Jz(k):   # dz^{k+1}/dz^k
    return np.diag(dphi(U @ z[k] + V @ X[k + 1])) @ U
def Jy(s):
    return np.diag(dpsi(W @ z[s])) @ W

# line 17: per-state dE/dz^q with the product prod_{k=q}^{s-1} written in ascending k (left to right)
q = 1
true_dz = np.array([(E_of(U, V, W, z0, (q, np.eye(n)[j] * 1e-6)) - E_of(U, V, W, z0, (q, -np.eye(n)[j] * 1e-6))) / 2e-6 for j in range(n)])
asc = np.zeros(n); desc = np.zeros(n)
for s in range(q, T + 1):
    P_asc = np.eye(n); P_desc = np.eye(n)
    for kk in range(q, s):          # k = q .. s-1, left to right
        P_asc = P_asc @ Jz(kk)
    for kk in range(s - 1, q - 1, -1):  # k = s-1 .. q, left to right (correct chain order)
        P_desc = P_desc @ Jz(kk)
    asc += g[s] @ Jy(s) @ P_asc
    desc += g[s] @ Jy(s) @ P_desc
report("line 17  dE/dz^q, prod_{k=q}^{s-1} ascending (as written)", asc, true_dz)
report("line 17  [reference] same with descending product", desc, true_dz)

# true total dE/dz^q for every q (reference for 21/23/26)
dEdz = [None] * (T + 1)
carry = np.zeros(n)
for t in range(T, 0, -1):
    dEdz[t] = g[t] @ Jy(t) + carry          # row vector
    carry = dEdz[t] @ Jz(t - 1) if t >= 1 else None

# line 19: dE/dW = sum_s (psi'(W z^s) (.) z^s) dE/dy^s  (column times row -> outer product)
gW_sheet = sum(np.outer(dpsi(W @ z[s]) * z[s], g[s]) for s in range(1, T + 1))
gW_true = num_grad_mat(lambda M: E_of(U, V, M, z0), W)
gW_ref = sum(np.outer(g[s] * dpsi(W @ z[s]), z[s]) for s in range(1, T + 1))
report("line 19  dE/dW = sum (psi' (.) z^s) dE/dy^s (as written)", gW_sheet, gW_true)
report("line 19  [reference] sum ((dE/dy^s)^T (.) psi') (z^s)^T", gW_ref, gW_true)

# line 21: dE/dU = sum_q (phi'(U z^{q-1}+V x^q) (.) z^{q-1}) dE/dz^q
gU_sheet = sum(np.outer(dphi(U @ z[q - 1] + V @ X[q]) * z[q - 1], dEdz[q]) for q in range(1, T + 1))
gU_true = num_grad_mat(lambda M: E_of(M, V, W, z0), U)
gU_ref = sum(np.outer(dEdz[q] * dphi(U @ z[q - 1] + V @ X[q]), z[q - 1]) for q in range(1, T + 1))
report("line 21  dE/dU = sum (phi' (.) z^{q-1}) dE/dz^q (as written)", gU_sheet, gU_true)
report("line 21  [reference] sum ((dE/dz^q)^T (.) phi') (z^{q-1})^T", gU_ref, gU_true)

# line 23: dE/dV = sum_q (phi'(...) (.) x^q) dE/dz^q
gV_sheet = sum(np.outer(dphi(U @ z[q - 1] + V @ X[q]) * X[q], dEdz[q]) for q in range(1, T + 1))
gV_true = num_grad_mat(lambda M: E_of(U, M, W, z0), V)
gV_ref = sum(np.outer(dEdz[q] * dphi(U @ z[q - 1] + V @ X[q]), X[q]) for q in range(1, T + 1))
report("line 23  dE/dV = sum (phi' (.) x^q) dE/dz^q (as written)", gV_sheet, gV_true)
report("line 23  [reference] sum ((dE/dz^q)^T (.) phi') (x^q)^T", gV_ref, gV_true)

# line 26: dE/dtheta = sum_t dE/dy_t dy_t/dz_t sum_{i=1}^t (prod_{k=t}^{i+1} dz_k/dz_{k-1}) dF/dtheta |_{z=z^{i-1}, x=x^{i-1}}
# theta = U and theta = V; dF/dU at (z,x): d z_a / d U_bc = phi'(Uz+Vx)_a delta_ab z_c
def dF_dU(zz, xx):
    a = dphi(U @ zz + V @ xx); Tn = np.zeros((n, n, n))
    for i_ in range(n): Tn[i_, i_, :] = a[i_] * zz
    return Tn
def dF_dV(zz, xx):
    a = dphi(U @ zz + V @ xx); Tn = np.zeros((n, n, n))
    for i_ in range(n): Tn[i_, i_, :] = a[i_] * xx
    return Tn
def line26(dF, shift):
    G = np.zeros((n, n))
    for t in range(1, T + 1):
        row = g[t] @ Jy(t)
        for i in range(1, t + 1):
            P = np.eye(n)
            for kk in range(t, i, -1):       # k = t .. i+1: dz_k/dz_{k-1} = Jz(k-1)
                P = P @ Jz(kk - 1)
            G += np.einsum('a,abc->bc', row @ P, dF(z[i - 1], X[i - shift]))
    return G
report("line 26  dE/dU with dF/dtheta at x = x^{i-1} (as written)", line26(dF_dU, 1), gU_true)
report("line 26  [reference] dE/dU with dF/dtheta at x = x^{i}", line26(dF_dU, 0), gU_true)
report("line 26  dE/dV with dF/dtheta at x = x^{i-1} (as written)", line26(dF_dV, 1), gV_true)
report("line 26  [reference] dE/dV with dF/dtheta at x = x^{i}", line26(dF_dV, 0), gV_true)

# line 29: norm facts
A = rng.normal(size=(n, n)); B = rng.normal(size=(n, n))
print(f"{'line 29  ||A||_2 = sigma_1(A), ||AB|| <= ||A|| ||B||':70s}",
      'AGREE' if np.isclose(np.linalg.norm(A, 2), np.linalg.svd(A)[1][0]) and np.linalg.norm(A @ B, 2) <= np.linalg.norm(A, 2) * np.linalg.norm(B, 2) + 1e-12 else 'DISAGREE')
# line 31: dz^T/dz^0 = Phi^T U ... Phi^1 U, Phi^t = diag(phi'(U z^{t-1} + V x^t))
P = np.eye(n)
for t in range(T, 0, -1):
    P = P @ (np.diag(dphi(U @ z[t - 1] + V @ X[t])) @ U)
Pn = np.zeros((n, n))
for j in range(n):
    e = np.zeros(n); e[j] = 1e-6
    Pn[:, j] = (forward(U, V, W, z0 + e)[0][T] - forward(U, V, W, z0 - e)[0][T]) / 2e-6
report("line 31  dz^T/dz^0 = Phi^T U ... Phi^1 U", P, Pn)
alpha = 1.0
print(f"{'line 31  ||dz^T/dz^0|| <= (alpha sigma_1(U))^T (tanh: alpha=1)':70s}",
      'AGREE' if np.linalg.norm(P, 2) <= (alpha * np.linalg.norm(U, 2)) ** T + 1e-12 else 'DISAGREE')
