"""Finite-difference check of aise_6082_linear_rnn_eigen.md (numpy only).
Linear RNN h_t = W h_{t-1} + U x_t (no non-linearity, one layer), h_0 fixed; L_t = 0.5 ||h_t - z_t||^2 (the answer
leaves L_t generic).  W is diagonalisable (random real eigenvalues/eigenvectors, W = P D P^{-1}) but NOT symmetric,
as the answer's assumption 'diagonalisable weights' allows.  dh_t/dh_k is the Jacobian (numerator layout) and
dh_k/dW the immediate partial (h_{k-1} held fixed), as in Pascanu et al. eq. (3)-(5) that the answer cites."""
import json, os, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'aise_6082_linear_rnn_eigen.md'
lines = open(os.path.join(HERE, NAME)).read().split('\n')
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
def L_(s):
    return next(n + 1 for n, l in enumerate(lines) if s in l)
rng = np.random.default_rng(6082)
n, m, T = 3, 2, 5
Pm = rng.normal(size=(n, n)); D = np.diag(rng.uniform(0.5, 1.2, size=n))
W = Pm @ D @ np.linalg.inv(Pm); U = rng.normal(size=(n, m))
X = rng.normal(size=(T + 1, m)); Z = rng.normal(size=(T + 1, n)); h0 = rng.normal(size=n)
EPS = 1e-6
def run(W, U, inj=None):
    hs = [h0.copy()]
    for t in range(1, T + 1):
        h = W @ hs[-1] + U @ X[t]
        if inj is not None and inj[0] == t: h = h + inj[1]
        hs.append(h)
    return hs
Lt = lambda hs, t: 0.5 * np.sum((hs[t] - Z[t]) ** 2)
hs = run(W, U); t, k = T, 2
results = {}
results[L_(r'$h_t = W\cdot h_{t-1} + U\cdot x_t$')] = all(np.allclose(hs[s], sum(W[:, c] * hs[s - 1][c] for c in range(n)) + sum(U[:, c] * X[s][c] for c in range(m))) for s in range(1, T + 1))
# line 11: dL_t/dW = sum_k dL_t/dh_t dh_t/dh_k dh_k/dW (immediate partial: dh_k/dW_ab = e_a h_{k-1,b})
G = np.zeros_like(W)
for idx in np.ndindex(*W.shape):
    Wp = W.copy(); Wp[idx] += EPS; Wm = W.copy(); Wm[idx] -= EPS
    G[idx] = (Lt(run(Wp, U), t) - Lt(run(Wm, U), t)) / (2 * EPS)
gt = hs[t] - Z[t]
chain = sum(np.outer(np.linalg.matrix_power(W, t - kk).T @ gt, hs[kk - 1]) for kk in range(1, t + 1))
results[L_(r'\frac{\partial L_t}{\partial W} \sim =')] = np.allclose(chain, G, atol=1e-6)
# line 16: dh_t/dh_k by FD (perturb h_k), compare with the chain of equalities; the last one uses P D^{t-k} P^T
J = np.zeros((n, n))
for q in range(n):
    e = np.zeros(n); e[q] = EPS
    J[:, q] = (run(W, U, (k, e))[t] - run(W, U, (k, -e))[t]) / (2 * EPS)
prod_W = np.linalg.matrix_power(W, t - k)
ok_prod = np.allclose(prod_W, J, atol=1e-6)
ok_last = np.allclose(Pm @ np.linalg.matrix_power(D, t - k) @ Pm.T, J, atol=1e-6)
print('informative: prod W = W^(t-k) matches FD: %s; P D^(t-k) P^T matches: %s; P D^(t-k) P^-1 matches: %s' % (
    ok_prod, ok_last, np.allclose(Pm @ np.linalg.matrix_power(D, t - k) @ np.linalg.inv(Pm), J, atol=1e-6)))
results[L_(r'\frac{\partial h_t}{\partial h_k} = \prod_{k<i\leq t}')] = ok_prod and ok_last
bad = 0
for ln in sorted(set(results) | {int(k) for k in expected}):
    exp = expected.get(str(ln)); got = results.get(ln)
    if exp is None or got is None:
        print('line %d: MISMATCH (annotation/check missing)' % ln); bad += 1; continue
    num = 'pass' if got else 'fail'; agree = num == exp['expected']; bad += not agree
    print('line %d: expected %s, numeric %s%s' % (ln, exp['expected'], num, '' if agree else '  <-- MISMATCH'))
print('all verdicts agree' if bad == 0 else '%d disagreements' % bad)
sys.exit(0 if bad == 0 else 1)
