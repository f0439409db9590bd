"""Numeric check of dummyilh_seq_ch04_vanishing_exploding.md (numpy only, float64).

Line 14 (backward product over k steps) is checked with central finite differences on a random
vector RNN h_s = tanh(W_xh x_s + W_hh h_{s-1} + b_h): the part of dL/dh_{t-k} that flows through
h_t, i.e. (dh_t/dh_{t-k})^T g for g = dL/dh_t, is compared with the product of the k factors
W_hh^T diag(1 - h_{t-i}^2), i = 0..k-1, multiplied in chain order (i = k-1 leftmost).
The eigenvalue arithmetic and the two tables are recomputed; a printed value passes when it is
within 1.5 units of its last shown digit of the quantity named by the table header.
Exit 0 only if every checked line agrees with expected.json.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "dummyilh_seq_ch04_vanishing_exploding.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
results = {}


def record(line, ok, detail=""):
    results[line] = ("pass" if ok else "fail", detail)


def close_sig(given, exact, unit):
    return abs(given - exact) <= 1.5 * unit + 1e-15


def fd_jac(f, x, eps=1e-6):
    y0 = np.asarray(f(x))
    J = np.zeros((y0.size, x.size))
    for k in range(x.size):
        xp = x.copy(); xp[k] += eps
        xm = x.copy(); xm[k] -= eps
        J[:, k] = (f(xp) - f(xm)) / (2 * eps)
    return J

# ---------------------------------------------------------------- line 14
rng = np.random.default_rng(3)
dh, dx, Tn = 4, 3, 7
Whh = 0.8 * rng.standard_normal((dh, dh)); Wxh = rng.standard_normal((dh, dx)); bh = 0.2 * rng.standard_normal(dh)
X = rng.standard_normal((Tn + 1, dx))
hs = [np.zeros(dh)]
for s in range(1, Tn + 1):
    hs.append(np.tanh(Wxh @ X[s] + Whh @ hs[-1] + bh))


def roll(h_start, s0, s1):
    h = h_start
    for s in range(s0 + 1, s1 + 1):
        h = np.tanh(Wxh @ X[s] + Whh @ h + bh)
    return h

g = rng.standard_normal(dh)            # dL/dh_t
t = Tn
ok14 = True
literal_differs = False
for k in range(1, 5):
    Jfd = fd_jac(lambda v: roll(v, t - k, t), hs[t - k])     # dh_t/dh_{t-k}
    ref = Jfd.T @ g
    factors = [Whh.T @ np.diag(1 - hs[t - i] ** 2) for i in range(k)]   # i = 0..k-1
    chain = g.copy()
    for F in factors:                    # i = 0 applied first (next to dL/dh_t)
        chain = F @ chain
    ok14 &= np.allclose(chain, ref, atol=1e-7)
    lit = np.linalg.multi_dot(factors + [g]) if k > 1 else factors[0] @ g   # literal left-to-right, i = 0 leftmost
    if k > 1 and not np.allclose(lit, ref, atol=1e-7):
        literal_differs = True
record(14, ok14, "chain-order product matches FD (literal i=0-leftmost expansion differs: %s)" % literal_differs)

# ---------------------------------------------------------------- line 19, 27, 28
a = np.linspace(-6, 6, 2001)
record(19, np.all((1 - np.tanh(a) ** 2 > 0) & (1 - np.tanh(a) ** 2 <= 1)) and (1 - np.tanh(20.0) ** 2) < 1e-15, "tanh' in (0,1]")
M1 = np.array([[0.2, 0.4], [-0.5, 0.3]])
M2 = np.array([[1.5, 0.4], [-0.5, 1.3]])
record(27, np.linalg.norm(np.linalg.matrix_power(M1, 200)) < 1e-40, "rho<1 -> M^k -> 0")
record(28, np.linalg.norm(np.linalg.matrix_power(M2, 60)) > 1e8, "rho>1 -> ||M^k|| -> inf")

# ---------------------------------------------------------------- eigen arithmetic
record(35, abs(np.trace(M1) - 0.5) < 1e-12, "trace")
record(36, abs(0.2 * 0.3 - 0.4 * (-0.5) - 0.26) < 1e-12 and abs(np.linalg.det(M1) - 0.26) < 1e-12, "det")
lam = np.linalg.eigvals(M1)
record(38, np.allclose(lam ** 2 - np.trace(M1) * lam + np.linalg.det(M1), 0, atol=1e-12), "char poly")
record(39, np.allclose(lam ** 2 - 0.5 * lam + 0.26, 0, atol=1e-12), "")
record(40, abs(0.5 ** 2 - 4 * 0.26 - (-0.79)) < 1e-12 and np.all(np.abs(lam.imag) > 0), "")
rho1 = np.max(np.abs(lam))
record(42, abs(rho1 - np.sqrt(0.26)) < 1e-12 and close_sig(0.510, np.sqrt(0.26), 1e-3), "|lambda| = %.5f" % rho1)

table1 = {53: (1, 0.510, 1e-3), 54: (5, 0.0345, 1e-4), 55: (10, 0.00119, 1e-5), 56: (15, 0.0000410, 1e-7), 57: (20, 0.00000142, 1e-8)}
for ln, (k, val, unit) in table1.items():
    record(ln, close_sig(val, 0.51 ** k, unit), "0.51^%d = %.4g" % (k, 0.51 ** k))
record(61, abs(1 - 0.8 ** 2 - 0.36) < 1e-12, "")
record(63, close_sig(0.184, 0.51 * 0.36, 1e-3), "0.51*0.36 = %.4f" % (0.51 * 0.36))
record(64, close_sig(0.00000135, 0.184 ** 10, 1e-8), "0.184^10 = %.3e" % 0.184 ** 10)

lam2 = np.linalg.eigvals(M2)
record(75, abs(np.trace(M2) - 2.8) < 1e-12, "")
record(76, abs(1.5 * 1.3 - 0.4 * (-0.5) - 2.15) < 1e-12 and abs(np.linalg.det(M2) - 2.15) < 1e-12, "")
record(78, abs(2.8 ** 2 - 4 * 2.15 - (-0.76)) < 1e-12 and np.all(np.abs(lam2.imag) > 0), "")
record(79, close_sig(1.466, np.max(np.abs(lam2)), 1e-3), "|lambda| = %.5f" % np.max(np.abs(lam2)))
table2 = {86: (1, 1.47, 1e-2), 87: (5, 6.85, 1e-2), 88: (10, 46.9, 1e-1), 89: (20, 2199.0, 1.0)}
for ln, (k, val, unit) in table2.items():
    ok = close_sig(val, 1.466 ** k, unit) or close_sig(val, np.sqrt(2.15) ** k, unit)
    record(ln, ok, "1.466^%d = %.4f, sqrt(2.15)^%d = %.4f" % (k, 1.466 ** k, k, np.sqrt(2.15) ** k))

# ---------------------------------------------------------------- compare
bad = 0
for ln in sorted(set(results) | set(int(k) for k in EXP)):
    exp = EXP.get(str(ln), {}).get("expected")
    got = results.get(ln, (None, ""))[0]
    if exp != got:
        bad += 1
    print("line %d: expected %s, numeric %s%s  %s" % (ln, exp, got, "" if exp == got else "   <-- MISMATCH", results.get(ln, ("", ""))[1]))
print("checked %d lines, %d mismatches" % (len(results), bad))
sys.exit(1 if bad else 0)
