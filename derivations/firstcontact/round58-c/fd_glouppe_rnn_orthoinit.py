"""Checks for glouppe_rnn_orthoinit.md (no gradients: forward/matrix-power identities). numpy only."""
import numpy as np
rng = np.random.RandomState(1)
d = 4
# row 18: gradient-norm clipping rescales to delta when above, unchanged below
def clip(g, delta): return g / np.linalg.norm(g) * min(np.linalg.norm(g), delta)
g = rng.randn(5) * 10; assert np.isclose(np.linalg.norm(clip(g, 1.0)), 1.0) and np.allclose(clip(g, 1.0) / np.linalg.norm(clip(g, 1.0)), g / np.linalg.norm(g))
g2 = rng.randn(5) * 0.01; assert np.allclose(clip(g2, 1.0), g2)

# rows 31-33: h_t = sigma(W_xh^T x + W_hh^T h_{t-1} + b), identity sigma, no input/bias -> W^T h_{t-1}
W = rng.randn(d, d)  # non-symmetric
Wxh = rng.randn(3, d)
h = np.eye(d)  # h_0 = identity matrix (columns = d state vectors)
hs = [h]
for t in range(6):
    x = np.zeros((3, d)); b = np.zeros((d, 1))
    h_full = Wxh.T @ x + W.T @ h + b   # identity activation
    assert np.allclose(h_full, W.T @ h)
    h = W.T @ h; hs.append(h)
n = 6
# row 38 (FAIL as published): h_n = W^n h_0 = W^n ; true value is (W^T)^n
claimed = np.linalg.matrix_power(W, n) @ np.eye(d)
true = np.linalg.matrix_power(W.T, n)
assert np.allclose(hs[n], true)
assert not np.allclose(hs[n], claimed), "row 38 expected to fail"
# (spectral radius equal, so the vanish/explode conclusion is unaffected)
assert np.isclose(max(abs(np.linalg.eigvals(W))), max(abs(np.linalg.eigvals(W.T))))

# rows 62 / 76 / 80: Fibonacci in matrix form
fib = [0, 1]
for _ in range(30): fib.append(fib[-1] + fib[-2])
A = np.array([[1., 1.], [1., 0.]])
for k in range(20):
    assert np.allclose(np.array([fib[k + 2], fib[k + 1]]), A @ np.array([fib[k + 1], fib[k]]))
f0 = np.array([1., 0.])  # = (f_1, f_0)
fk = f0.copy()
for k in range(20):
    fk1 = A @ fk
    assert np.allclose(fk1, np.linalg.matrix_power(A, k + 1) @ f0)
    assert np.allclose(fk1, [fib[k + 2], fib[k + 1]])
    fk = fk1
# rows 87 / 91 / 95 / 103 / 109: diagonalisation
phi = (1 + np.sqrt(5)) / 2
Lam = np.diag([phi, -1 / phi]); S = np.array([[phi, -1 / phi], [1., 1.]])
assert np.allclose(A, S @ Lam @ np.linalg.inv(S))
for m in range(1, 12):
    assert np.allclose(np.linalg.matrix_power(A, m), S @ np.linalg.matrix_power(Lam, m) @ np.linalg.inv(S))
# row 118: spectral radius definition; rows 121-122: limits
def rho(M): return max(abs(np.linalg.eigvals(M)))
M = rng.randn(d, d); Ms = M / rho(M) * 0.9; Mb = M / rho(M) * 1.1
assert np.linalg.norm(np.linalg.matrix_power(Ms, 400)) < 1e-6
assert np.linalg.norm(np.linalg.matrix_power(Mb, 400)) > 1e6
# row 159: A^n = S Lambda^n S^{-1} for an orthogonal (diagonalisable over C) A; norm bounded
Q, _ = np.linalg.qr(rng.randn(d, d))
ev, Sv = np.linalg.eig(Q)
assert np.allclose(np.linalg.matrix_power(Q, 7), (Sv @ np.diag(ev ** 7) @ np.linalg.inv(Sv)).real)
assert np.isclose(np.linalg.norm(np.linalg.matrix_power(Q, 50), 2), 1.0)
# (prose claim 'all eigenvalues equal -1 or 1' is false in general: complex unit-modulus eigenvalues)
assert np.allclose(abs(ev), 1.0)
print("fd_glouppe_rnn_orthoinit: verdicts confirmed (row 38 fails, rest pass)")
