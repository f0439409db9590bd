"""FD check of handq_rnn_slides_bptt.tex (Vietnamese beamer slides, abstract BPTT).
Model: h_t = tanh(U h_{t-1} + W x_t), h_0 given (constant), yhat_t = softmax(V h_t),
L = sum_{t=1}^T L_t, L_t = -sum_c y_{t,c} log yhat_{t,c}.  Jacobians in numerator layout
(dh_{j+1}/dh_j is an n x n matrix, row = output index); 'prod' read as the ordered matrix
product with later time steps on the left."""
import numpy as np

rng = np.random.default_rng(3)
n, m, k, T = 3, 2, 4, 4
U = rng.standard_normal((n, n)) * 0.8
W = rng.standard_normal((n, m)) * 0.8
V = rng.standard_normal((k, n)) * 0.8
X = rng.standard_normal((T + 1, m))       # x_1..x_T used
Y = np.eye(k)[rng.integers(0, k, T + 1)]  # one-hot y_t
h0 = rng.standard_normal(n) * 0.5
sm = lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()

def hs_of(U, W, start=None, s=0):
    hs = {0: h0.copy()}
    if start is not None and s == 0: hs[0] = start
    for t in range(1, T + 1):
        hs[t] = np.tanh(U @ hs[t-1] + W @ X[t])          # line 61 / 96
        if start is not None and t == s: hs[t] = start
    return hs

def Lt(t, U, W, V):
    hs = hs_of(U, W); yh = sm(V @ hs[t])
    return -np.sum(Y[t] * np.log(yh))                    # line 42
def Ltot(U, W, V): return sum(Lt(t, U, W, V) for t in range(1, T + 1))   # line 13

def jac(f, A, e=1e-6):
    A = A.copy(); out0 = np.atleast_1d(f(A))
    J = np.zeros(out0.shape + A.shape)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Ap[idx] += e; Am = A.copy(); Am[idx] -= e
        J[(...,) + idx] = (np.atleast_1d(f(Ap)) - np.atleast_1d(f(Am))) / (2 * e)
    return J

v = {}
hs = hs_of(U, W)
# definitions
v[13] = True; v[30] = True; v[32] = True
v[42] = np.isclose(Lt(2, U, W, V), -np.log(sm(V @ hs[2])[np.argmax(Y[2])]))
v[61] = True
# line 67: product rule (numerical check on scalar f, g)
f, g = np.sin, np.exp; x0 = 0.7
v[67] = np.isclose(jac(lambda a: f(a) * g(a), np.array([x0]))[0, 0], np.cos(x0) * g(x0) + f(x0) * g(x0))

dLdV = jac(lambda A: Ltot(U, W, A), V)[0]
# line 56: sum_t dL_t/dyhat_t . dyhat_t/dV (local dependence only)
s56 = np.zeros_like(V)
for t in range(1, T + 1):
    yh = sm(V @ hs[t]); dL_dyh = -Y[t] / yh
    dyh_dV = jac(lambda A: sm(A @ hs[t]), V)           # k x (k x n)
    s56 += np.tensordot(dL_dyh, dyh_dV, axes=(0, 0))
v[56] = np.allclose(s56, dLdV, atol=1e-6)

dLdU = jac(lambda A: Ltot(A, W, V), U)[0]
dLdW = jac(lambda A: Ltot(U, A, V), W)[0]
def dL_dh(t):
    yh = sm(V @ hs[t]); dL_dyh = -Y[t] / yh
    dyh_dh = jac(lambda hh: sm(V @ hh), hs[t])
    return dL_dyh @ dyh_dh                               # row vector dL_t/dh_t
# line 59: with the TOTAL dh_t/dU
s59 = np.zeros_like(U)
for t in range(1, T + 1):
    dht_dU = jac(lambda A: hs_of(A, W)[t], U)            # n x (n x n), total
    s59 += np.tensordot(dL_dh(t), dht_dU, axes=(0, 0))
v[59] = np.allclose(s59, dLdU, atol=1e-6)

def local(t, wrt):   # dh'_t/d(U or W) with h_{t-1} held constant
    if wrt == 'U': return jac(lambda A: np.tanh(A @ hs[t-1] + W @ X[t]), U)
    return jac(lambda A: np.tanh(U @ hs[t-1] + A @ X[t]), W)
def Jstep(j):        # dh_{j+1}/dh_j = diag(1-h_{j+1}^2) U  (line 96)
    return np.diag(1 - hs[j+1] ** 2) @ U
def dh_dh(t, i):     # ordered product (line 75/87/95)
    P = np.eye(n)
    for j in range(i, t): P = Jstep(j) @ P
    return P

# line 96: Jacobian formula vs FD
v[96] = all(np.allclose(Jstep(j), jac(lambda hh: np.tanh(U @ hh + W @ X[j+1]), hs[j]), atol=1e-6)
            for j in range(0, T))
# line 75/87/95: product formula vs FD of h_t w.r.t. a perturbation of h_i
ok = True
for t in range(1, T + 1):
    for i in range(0, t + 1):
        Jfd = jac(lambda hh: hs_of(U, W, start=hh, s=i)[t], hs[i])
        ok &= np.allclose(dh_dh(t, i), Jfd, atol=1e-6)
v[75] = v[87] = v[95] = ok
# line 69: dh_T/dU = dh'_T/dU + dh_T/dh_{T-1} . dh_{T-1}/dU
dT = jac(lambda A: hs_of(A, W)[T], U); dTm1 = jac(lambda A: hs_of(A, W)[T-1], U)
v[69] = np.allclose(dT, local(T, 'U') + np.tensordot(Jstep(T-1), dTm1, axes=(1, 0)), atol=1e-6)
# lines 73 / 82: double sum, i = 0..t (h_0 constant: dh'_0/dU = 0)
for line, wrt, ref in [(73, 'U', dLdU), (82, 'W', dLdW)]:
    s = np.zeros_like(ref)
    for t in range(1, T + 1):
        for i in range(1, t + 1):            # i = 0 term is zero
            s += np.tensordot(dL_dh(t) @ dh_dh(t, i), local(i, wrt), axes=(0, 0))
    v[line] = np.allclose(s, ref, atol=1e-6)
# line 101 / 102: norm inequalities (spectral norm)
nrm = lambda A: np.linalg.norm(A, 2)
v[101] = all(nrm(Jstep(j)) <= nrm(np.diag(1 - hs[j+1] ** 2)) * nrm(U) + 1e-12 and
             nrm(np.diag(1 - hs[j+1] ** 2)) <= 1 for j in range(T))
v[102] = all(nrm(np.diag(1 - hs[j+1] ** 2)) <= 1 for j in range(T))
# line 107: 'largest eigenvalue < 1 (i.e. ||U|| = gamma < 1)' -> bound gamma^{T-k}.
# Counterexample: non-normal U with spectral radius 0.5 but ||U||_2 ~ 3; near h = 0, dh_T/dh_k ~ U^{T-k}.
Uc = np.array([[0.5, 3.0], [0.0, 0.5]])
rho = max(abs(np.linalg.eigvals(Uc)))
hk = np.full(2, 1e-4); hh = [hk]
for _ in range(2): hh.append(np.tanh(Uc @ hh[-1]))
J2 = np.diag(1 - hh[2] ** 2) @ Uc @ np.diag(1 - hh[1] ** 2) @ Uc
eig_premise_gives_bound = nrm(J2) <= rho ** 2
norm_bound_holds = nrm(J2) <= nrm(Uc) ** 2
v[107] = eig_premise_gives_bound and norm_bound_holds   # False: premise 'eigenvalue<1' is not '||U||<1'
assert rho < 1 and nrm(Uc) > 1 and norm_bound_holds and not eig_premise_gives_bound

expected = {13: True, 30: True, 32: True, 42: True, 56: True, 59: True, 61: True, 67: True,
            69: True, 73: True, 75: True, 82: True, 87: True, 95: True, 96: True, 101: True,
            102: True, 107: False}
for kk, e in expected.items():
    assert bool(v[kk]) == e, (kk, v[kk], e)
print("fd_handq_rnn_slides_bptt: all %d verdicts confirmed" % len(expected))
