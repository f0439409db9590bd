# Finite-difference check of cs224n_ch5_vanishing.md (numpy only).
# Model (author's notes): h_t = sigma(W_h h_{t-1} + W_x x_t + b_1), linear case sigma(x)=x;
# y_t = softmax(U h_t), J_t = -log y_t[w_{t+1}], L = (1/T) sum_t J_t. Column vectors, Jacobians in
# numerator layout (d h_t / d h_{t-1})[a,b] = d h_t[a] / d h_{t-1}[b]; gradients of a scalar as row vectors.
import numpy as np
rng = np.random.default_rng(0)
n, d, V, T = 4, 3, 5, 6
Wh = rng.normal(size=(n, n)) * 0.6; Wx = rng.normal(size=(n, d)); b1 = rng.normal(size=n)
U = rng.normal(size=(V, n)); xs = rng.normal(size=(T + 1, d)); targets = rng.integers(0, V, size=T + 1)
eps = 1e-6

def step(h, x, act):
    a = Wh @ h + Wx @ x + b1
    return (a if act == 'lin' else np.tanh(a)), a

def J_of_h(h, i):  # loss at step i as a function of h_i
    z = U @ h; z = z - z.max(); p = np.exp(z) / np.exp(z).sum()
    return -np.log(p[targets[i]])

def run(h0, start, stop, act):
    h = h0
    for t in range(start, stop + 1):
        h, _ = step(h, xs[t], act)
    return h

def num_jac(f, v):
    f0 = f(v); J = np.zeros((np.size(f0), v.size))
    for k in range(v.size):
        e = np.zeros_like(v); e[k] = eps
        J[:, k] = (np.ravel(f(v + e)) - np.ravel(f(v - e))) / (2 * eps)
    return J

ok = lambda A, B: np.allclose(A, B, atol=1e-6)
hprev = rng.normal(size=n); t = 3
# Loss definition (line 4): direct, nothing to differentiate. Forward h_t (line 12): definition.
# line 15: dh_t/dh_{t-1} = diag(sigma'(a) W_h) = diag(W_h) = W_h   (linear case)
Jnum = num_jac(lambda h: step(h, xs[t], 'lin')[0], hprev)
ones = np.ones(n)
print('line 15  final "= W_h" (linear case)              :', ok(Jnum, Wh))
print('line 15  middle "diag(W_h)" (np.diag(np.diag(Wh)))  :', ok(Jnum, np.diag(np.diag(Wh))))
print('line 15  first "diag(sigma\'(a) W_h)" = diag(1^T W_h):', ok(Jnum, np.diag(ones @ Wh)))
# general (tanh) case, the correct form is diag(sigma'(a)) W_h
a = Wh @ hprev + Wx @ xs[t] + b1
Jt = num_jac(lambda h: step(h, xs[t], 'tanh')[0], hprev)
print('   (reference, tanh) diag(sigma\'(a)) W_h           :', ok(Jt, np.diag(1 - np.tanh(a) ** 2) @ Wh))
print('   (reference, tanh) diag(sigma\'(a) W_h) [row vec]  :', ok(Jt, np.diag((1 - np.tanh(a) ** 2) @ Wh)))
# line 21: dJ_i/dh_i = dJ_i/dh_{i+1} dh_{i+1}/dh_i = dJ_i/dh_{i+1} W_h
i = 4
hi = run(np.zeros(n), 0, i, 'lin')
g_i = num_jac(lambda h: np.array([J_of_h(h, i)]), hi)          # dJ_i/dh_i (1 x n)
# J_i is computed from h_i only; perturbing h_{i+1} (a later state) leaves J_i unchanged:
hi1 = step(hi, xs[i + 1], 'lin')[0]
g_i1 = num_jac(lambda h: np.array([J_of_h(hi, i)]), hi1)       # dJ_i/dh_{i+1} = 0
print('line 21  dJ_i/dh_i == dJ_i/dh_{i+1} W_h             :', ok(g_i, g_i1 @ Wh), ' (|dJ_i/dh_i| =', round(float(np.abs(g_i).max()), 4), ', dJ_i/dh_{i+1} = 0)')
print('   (intended) dJ_i/dh_{i-1} == dJ_i/dh_i W_h        :', ok(num_jac(lambda h: np.array([J_of_h(step(h, xs[i], "lin")[0], i)]), run(np.zeros(n), 0, i - 1, 'lin')), g_i @ Wh))
# line 27: dJ_i/dh_i = ... = dJ_i/dh_{i+1} W_h^l, l = i - j
j = 1; l = i - j
print('line 27  dJ_i/dh_i == dJ_i/dh_{i+1} W_h^l           :', ok(g_i, g_i1 @ np.linalg.matrix_power(Wh, l)))
hj = run(np.zeros(n), 0, j, 'lin')
g_j = num_jac(lambda h: np.array([J_of_h(run(h, j + 1, i, 'lin'), i)]), hj)
print('   (intended) dJ_i/dh_j == dJ_i/dh_i W_h^l          :', ok(g_j, g_i @ np.linalg.matrix_power(Wh, l)))
