"""Checks of lesson_vanishing_codefence_numbers.md. Column vectors h_t = tanh(W_hh h_{t-1} + W_xh x_t + b),
z_t the pre-activation (named only in the Jacobian rows), loss taken at the final step only (diagram 'h_T -> loss';
here Loss = 1/2 ||h_T - y||^2; any loss of h_T works)."""
import numpy as np
rng = np.random.default_rng(2)
n, d, T = 4, 3, 5
Whh = rng.normal(size=(n, n)) * .6; Wxh = rng.normal(size=(n, d)) * .6; b = rng.normal(size=n) * .1
X = rng.normal(size=(T + 1, d)); y = rng.normal(size=n)
eps = 1e-6
def run(h, s, e):            # states h_s .. h_e starting from h = h_{s-1}
    Hs = []
    for t in range(s, e + 1):
        h = np.tanh(Whh @ h + Wxh @ X[t] + b); Hs.append(h)
    return Hs
h0 = rng.normal(size=n) * .3
Hs = [h0] + run(h0, 1, T)                       # Hs[t] = h_t
Z = [None] + [Whh @ Hs[t - 1] + Wxh @ X[t] + b for t in range(1, T + 1)]
def fdjac(f, x):
    return np.column_stack([(f(x + e) - f(x - e)) / (2 * eps) for e in np.eye(len(x)) * eps])
# l.47: dh_t/dh_{t-1} = diag(tanh'(z_t)) W_hh
t = 3
J = fdjac(lambda hp: np.tanh(Whh @ hp + Wxh @ X[t] + b), Hs[t - 1])
print("l.47 one-step Jacobian          :", np.allclose(J, np.diag(1 - np.tanh(Z[t]) ** 2) @ Whh, atol=1e-7))
# l.55: dh_T/dh_0 = prod_{t=1}^T diag(tanh'(z_t)) W_hh, product ordered t = T (left) ... 1 (right)
JT = fdjac(lambda hh: run(hh, 1, T)[-1], h0)
P = np.eye(n)
for s in range(T, 0, -1): P = P @ (np.diag(1 - np.tanh(Z[s]) ** 2) @ Whh)
Prev = np.eye(n)
for s in range(1, T + 1): Prev = Prev @ (np.diag(1 - np.tanh(Z[s]) ** 2) @ Whh)
print("l.55 product (t=T leftmost)     :", np.allclose(P, JT, atol=1e-6), "| t=1 leftmost:", np.allclose(Prev, JT, atol=1e-6))
# l.22: dLoss/dh_t = dLoss/dh_T x dh_T/dh_{T-1} x ... x dh_{t+1}/dh_t (row vector times Jacobians), loss at final step
t = 2
g_fd = np.array([(0.5 * np.sum((run(Hs[t] + e, t + 1, T)[-1] - y) ** 2) - 0.5 * np.sum((run(Hs[t] - e, t + 1, T)[-1] - y) ** 2)) / (2 * eps) for e in np.eye(n) * eps])
g = (Hs[T] - y)
for s in range(T, t, -1): g = g @ (np.diag(1 - np.tanh(Z[s]) ** 2) @ Whh)
print("l.22 chain (loss at h_T)        :", np.allclose(g, g_fd, atol=1e-6))
# l.62: W_hh = V Lambda V^-1 (eigendecomposition holds for a diagonalizable matrix)
lam, Vv = np.linalg.eig(Whh)
print("l.62 W = V L V^-1               :", np.allclose(Vv @ np.diag(lam) @ np.linalg.inv(Vv), Whh))
# l.72: |lambda| = 1  =>  lambda^T = 1 ?  counterexamples
for lamb in (-1.0, np.exp(1j * 0.7)):
    print("l.72 lambda =", np.round(lamb, 3), " |lambda| =", abs(lamb), " lambda^5 =", np.round(lamb ** 5, 3), "(not 1)")
# l.96-99: factor 0.9*0.5 = 0.45 per step
for T_, claimed in ((10, "3.49e-03"), (20, "1.22e-05"), (50, "5.20e-14"), (100, "2.70e-27")):
    print("l.96-99 T=%d: code prints %.2e, text claims %s" % (T_, (0.9 * 0.5) ** T_, claimed))
for T_, claimed in ((10, "2.59e+00"), (20, "6.73e+00"), (50, "1.17e+02")):
    print("l.131-133 T=%d: code prints %.2e, text claims %s" % (T_, 1.1 ** T_, claimed))
print("l.164 tanh'(0) =", 1 - np.tanh(0) ** 2)
