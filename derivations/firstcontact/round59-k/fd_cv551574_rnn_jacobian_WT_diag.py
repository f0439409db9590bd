# FD check for cv551574_rnn_jacobian_WT_diag.md
# x_t = W sigma(x_{t-1}) + W_in u_t + b  (Pascanu et al. form), sigma = tanh here (any elementwise sigma)
import numpy as np
rng = np.random.default_rng(7)
n, m = 4, 2
W = rng.normal(size=(n, n)); Win = rng.normal(size=(n, m)); b = rng.normal(size=n)
sig = np.tanh; dsig = lambda x: 1 - np.tanh(x)**2
xprev = rng.normal(size=n); u = rng.normal(size=m)
step = lambda xp: W@sig(xp) + Win@u + b                      # line 10
eps = 1e-6
J = np.stack([(step(xprev+e) - step(xprev-e))/(2*eps) for e in np.eye(n)*eps], 1)  # J[i,j] = dx_t,i/dx_{t-1},j
# line 12 (quoted from Pascanu et al.): W^T diag(sigma'(x_{i-1})) -- wrong in either layout
q = W.T@np.diag(dsig(xprev))
assert not np.allclose(q, J, atol=1e-4) and not np.allclose(q, J.T, atol=1e-4), "line 12 should fail"
# its two correct forms: numerator layout W diag(sigma'), denominator layout diag(sigma') W^T
assert np.allclose(J, W@np.diag(dsig(xprev)), atol=1e-8)
assert np.allclose(J.T, np.diag(dsig(xprev))@W.T, atol=1e-8)
# 2x2 example, lines 16 and 18
W2 = rng.normal(size=(2, 2)); x2 = rng.normal(size=2)
y = lambda x: W2@sig(x)
yy = y(x2)
assert np.allclose(yy, [W2[0,0]*sig(x2[0]) + W2[0,1]*sig(x2[1]), W2[1,0]*sig(x2[0]) + W2[1,1]*sig(x2[1])])  # line 16
J2 = np.stack([(y(x2+e) - y(x2-e))/(2*eps) for e in np.eye(2)*eps], 1)
elem = np.array([[W2[0,0]*dsig(x2[0]), W2[0,1]*dsig(x2[1])], [W2[1,0]*dsig(x2[0]), W2[1,1]*dsig(x2[1])]])
assert np.allclose(J2, elem, atol=1e-8) and np.allclose(elem, W2@np.diag(dsig(x2)))   # line 18
print("lines 10 16 18 pass; line 12 fails as annotated: ALL OK")
