# Checks of avram_vanishing_gradients.tex (file lines = source lines + 1).
# Model as restated by the author: h^(t) = tanh(W h^(t-1)) (U, x, b discarded), z^(t) = W h^(t-1); D_k = diag(tanh'(z^(k))).
import numpy as np
rng = np.random.default_rng(2)
n, T = 4, 4
W = rng.normal(size=(n, n))*.8; h0 = rng.normal(size=n)
def run(h, t):
    for _ in range(t): h = np.tanh(W@h)
    return h
def jac(fun, x):
    return np.array([(fun(x+1e-6*e)-fun(x-1e-6*e))/2e-6 for e in np.eye(len(x))]).T
h = {0: h0}; z = {}
for t in range(1, T+1): z[t] = W@h[t-1]; h[t] = np.tanh(z[t])
D = {k: np.diag(1-np.tanh(z[k])**2) for k in z}
J = jac(lambda x: run(x, T), h0)
asc = np.eye(n)
for k in range(1, T+1): asc = asc@D[k]@W
desc = np.eye(n)
for k in range(T, 0, -1): desc = desc@D[k]@W
print('33/44/58 prod_{k=1}^t D_k W, ascending left-to-right:', np.allclose(J, asc, atol=1e-7), '; descending (D_tW...D_1W):', np.allclose(J, desc, atol=1e-7))
J1 = jac(lambda x: run(x, 1), h0)
print('42/54 J_1 = D_1 W:', np.allclose(J1, D[1]@W, atol=1e-8))
print('40 entry (J_1)_ij = tanh\'(z_i) W_ij:', np.allclose(J1, (1-np.tanh(z[1])**2)[:, None]*W, atol=1e-8))
# 50: chain rule J(h1)(h0) = J(h1)(z1) J(z1)(h0)
print('50 chain', np.allclose(J1, jac(np.tanh, z[1])@W, atol=1e-7))
# 70: ||prod D_k W|| = prod ||D_k|| ||W|| (spectral norm)
sn = lambda A: np.linalg.norm(A, 2)
lhs = sn(desc); rhs = np.prod([sn(D[k])*sn(W) for k in range(1, T+1)])
print('69/70 ||J_t|| =', lhs, ' prod ||D_k|| ||W|| =', rhs, ' equal?', np.isclose(lhs, rhs))
# 63 positive (definite) W: W = C V C^T, ||W|| = lambda_max
A = rng.normal(size=(n, n)); Wp = A@A.T + .1*np.eye(n); lam, C = np.linalg.eigh(Wp)
print('63 SPD: W=CVC^T', np.allclose(C@np.diag(lam)@C.T, Wp), '||W|| = lambda_max', np.isclose(sn(Wp), lam.max()))
print('82/83 (CVC^T)^t = C V^t C^T', np.allclose(np.linalg.matrix_power(Wp, 5), C@np.diag(lam**5)@C.T))
print('80 linear J_t = W^t', np.allclose(jac(lambda x: np.linalg.matrix_power(W, 3)@x, h0), np.linalg.matrix_power(W, 3)))
# LSTM part: f,g,o = sigmoid(W_q h + U_q x + b_q), ct = tanh(W h + U x + b), c = f*c_prev + g*ct, h = tanh(c)*o
m = 3; sig = lambda v: 1/(1+np.exp(-v))
P = {q: (rng.normal(size=(n, n))*.6, rng.normal(size=(n, m))*.6, rng.normal(size=n)*.3) for q in 'fgoc'}
X = rng.normal(size=(T+1, m))
def step(h, c, x):
    a = {q: P[q][0]@h + P[q][1]@x + P[q][2] for q in P}
    f, g, o = sig(a['f']), sig(a['g']), sig(a['o']); ct = np.tanh(a['c'])
    c2 = f*c + g*ct; return np.tanh(c2)*o, c2, f
hp, cp = rng.normal(size=n)*.5, rng.normal(size=n)*.5
# state at t-1 with h^(t-1) = tanh(c^(t-1)) * o^(t-1): run 2 steps
h1, c1, f1 = step(hp, cp, X[1])
def c2_of_c1(c):   # total: h1 recomputed from c via the same o^(1)
    a = {q: P[q][0]@hp + P[q][1]@X[1] + P[q][2] for q in P}; o1 = sig(a['o'])
    return step(np.tanh(c)*o1, c, X[2])[1]
Jt = jac(c2_of_c1, c1); f2 = step(h1, c1, X[2])[2]
print('138 partial (h^(t-1) held fixed) dc/dc_prev = diag(f):', np.allclose(jac(lambda c: step(h1, c, X[2])[1], c1), np.diag(f2), atol=1e-8),
      '; total Jacobian = diag(f)?', np.allclose(Jt, np.diag(f2), atol=1e-6))
def c_T_of_c0(c, t):
    a = {q: P[q][0]@hp + P[q][1]@X[1] + P[q][2] for q in P}
    hh, cc = hp, c
    fs = []
    for s in range(1, t+1):
        hh, cc, f = step(hh, cc, X[s]); fs.append(f)
    return cc, fs
cT, fs = c_T_of_c0(cp, 3)
Jc = jac(lambda c: c_T_of_c0(c, 3)[0], cp)
print('142 total nabla_{c0} c^(t) = prod f^(k) (diag)?', np.allclose(Jc, np.diag(np.prod(fs, axis=0)), atol=1e-6), 'max err', np.abs(Jc-np.diag(np.prod(fs, axis=0))).max())
