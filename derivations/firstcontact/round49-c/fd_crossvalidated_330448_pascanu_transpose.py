"""Finite-difference check of crossvalidated_330448_pascanu_transpose.md (numpy only).
x^(t) = W_rec sigma(x^(t-1)) + W_in sigma(u^(t)) + b with x in R^n, sigma = tanh (any differentiable sigma works);
the Jacobian d x^(i) / d x^(i-1) is the n x n matrix with entries d x_a^(i) / d x_b^(i-1) (numerator layout, the
asker's 'generic indicial notation'), compared with central differences.  A non-symmetric W_rec makes W and W^T differ."""
import json, os, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'crossvalidated_330448_pascanu_transpose.md'
lines = open(os.path.join(HERE, NAME)).read().split('\n')
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
def L_(s):
    return next(n + 1 for n, l in enumerate(lines) if s in l)
rng = np.random.default_rng(330448)
n, m = 3, 2
Wrec = rng.normal(size=(n, n)); Win = rng.normal(size=(n, m)); b = rng.normal(size=n)
sig, dsig = np.tanh, lambda v: 1 - np.tanh(v) ** 2
xprev = rng.normal(size=n); u = rng.normal(size=m)
step = lambda xp: Wrec @ sig(xp) + Win @ sig(u) + b
EPS = 1e-6
J = np.zeros((n, n))
for q in range(n):
    e = np.zeros(n); e[q] = EPS
    J[:, q] = (step(xprev + e) - step(xprev - e)) / (2 * EPS)
results = {}
# forward definition (independent component-wise evaluation)
xi = np.array([sum(Wrec[a, c] * np.tanh(xprev[c]) for c in range(n)) + sum(Win[a, c] * np.tanh(u[c]) for c in range(m)) + b[a] for a in range(n)])
results[L_(r'$$\mathbf{x}^{(t)} = \mathbf{W}^{(rec)}\sigma')] = np.allclose(xi, step(xprev))
results[L_(r'\left(\mathbf{W}^{(rec)}\right)^T diag')] = np.allclose(Wrec.T @ np.diag(dsig(xprev)), J, atol=1e-6)
results[L_(r'I also did the math and got')] = np.allclose(Wrec @ np.diag(dsig(xprev)), J, atol=1e-6)
A = Wrec.T @ np.diag(dsig(xprev))
print('informative: W^T diag(sigma\') equals J: %s, equals J^T: %s' % (np.allclose(A, J, atol=1e-6), np.allclose(A, J.T, atol=1e-6)))
bad = 0
for ln in sorted(set(results) | {int(k) for k in expected}):
    exp = expected.get(str(ln)); got = results.get(ln)
    if exp is None or got is None:
        print('line %d: MISMATCH (annotation/check missing)' % ln); bad += 1; continue
    num = 'pass' if got else 'fail'; agree = num == exp['expected']; bad += not agree
    print('line %d: expected %s, numeric %s%s' % (ln, exp['expected'], num, '' if agree else '  <-- MISMATCH'))
print('all verdicts agree' if bad == 0 else '%d disagreements' % bad)
sys.exit(0 if bad == 0 else 1)
