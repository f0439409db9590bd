"""Finite-difference checks for rnn_notes_vanishing_diag_WhhT.md (numpy only, float64).

Author's model: column vectors, h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), y_t = g(h_t); here g(h) = W_o h,
L_T = 0.5 ||y_T - target||^2. Chains are written left-to-right (row gradient first), so Jacobians are numerator layout.
"""
import sys, os, json
import numpy as np

rng = np.random.default_rng(11)
H, D, T = 3, 2, 6
EPS, TOL = 1e-6, 1e-6
Whh = rng.normal(scale=0.9, size=(H, H)); Wxh = rng.normal(scale=0.9, size=(H, D)); bh = rng.normal(scale=0.3, size=H)
Wo = rng.normal(size=(2, H)); tgt = rng.normal(size=2)
X = rng.normal(size=(T + 1, D))
f = lambda h, x: np.tanh(Whh @ h + Wxh @ x + bh)
hs = [rng.normal(scale=0.5, size=H)]
for t in range(1, T + 1):
    hs.append(f(hs[-1], X[t]))


def fd_jac(fun, v):
    cols = []
    for i in range(v.size):
        e = np.zeros_like(v); e[i] = EPS
        cols.append((fun(v + e) - fun(v - e)) / (2 * EPS))
    return np.array(cols).T


def roll(v, k, t):
    h = v.copy()
    for s in range(k + 1, t + 1):
        h = f(h, X[s])
    return h


res = {}
# line 17: unrolled nesting equals the recursion
nested = hs[0]
for s in range(1, T + 1):
    nested = f(nested, X[s])
res[17] = np.allclose(nested, hs[T])
res[14] = res[15] = True   # recursion definition and its one-level expansion
for n in (7, 10, 23, 24, 60):
    res[n] = True           # definitions

J = {i: np.diag(1 - hs[i] ** 2) @ Whh for i in range(1, T + 1)}
k = 2
# line 30: dL_T/dh_k = dL_T/dy_T dy_T/dh_T dh_T/dh_k
LT = lambda v: 0.5 * np.sum((Wo @ roll(v, k, T) - tgt) ** 2)
g_fd = np.array([(LT(hs[k] + EPS * e) - LT(hs[k] - EPS * e)) / (2 * EPS) for e in np.eye(H)])
dLdy = Wo @ hs[T] - tgt
res[30] = np.allclose(dLdy @ Wo @ fd_jac(lambda v: roll(v, k, T), hs[k]), g_fd, atol=TOL)

# lines 34/38: product of one-step Jacobians J_T ... J_{k+1}
P = np.eye(H)
for i in range(T, k, -1):
    P = P @ fd_jac(lambda v, i=i: f(v, X[i]), hs[i - 1])
res[34] = res[38] = np.allclose(P, fd_jac(lambda v: roll(v, k, T), hs[k]), atol=1e-5)

# line 47 (prose): tanh' = 1 - tanh^2
z = np.linspace(-4, 4, 401)
res[47] = np.allclose((np.tanh(z + EPS) - np.tanh(z - EPS)) / (2 * EPS), 1 - np.tanh(z) ** 2, atol=1e-8)

# lines 42/56: published Jacobian diag(tanh'(z_i)) W_hh^T
ok = True
for i in range(1, T + 1):
    pub = np.diag(1 - hs[i] ** 2) @ Whh.T
    ok &= np.allclose(pub, fd_jac(lambda v: f(v, X[i]), hs[i - 1]), atol=TOL)
res[42] = res[56] = ok

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["rnn_notes_vanishing_diag_WhhT.md"]
bad = 0
for n in sorted(res):
    if str(n) not in exp:
        continue
    num = "pass" if res[n] else "fail"
    print(f"line {n}: expected {exp[str(n)]['expected']}, numeric {num}")
    bad += exp[str(n)]["expected"] != num
missing = set(exp) - {str(n) for n in res}
if missing:
    print("unchecked:", missing); bad += 1
sys.exit(1 if bad else 0)
