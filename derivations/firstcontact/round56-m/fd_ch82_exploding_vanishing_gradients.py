"""Numeric check of ch82_exploding_vanishing_gradients.md (numpy only, float64).

Jacobian lines (2.1, 2.2) are checked with central finite differences on a random tanh RNN;
norm/spectral statements (2.2, 2.4, 2.5, 3) are checked on random instances and, for the two
claims marked fail, on explicit counterexamples; numeric lines (5.2, Illustrations 1 and 3) are
recomputed (tolerance 1.5 units of the last shown digit).
Exit 0 only if every checked line agrees with expected.json.
"""
import json, os, sys
from math import comb
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "ch82_exploding_vanishing_gradients.md"
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
        J[:, k] = (np.asarray(f(xp)) - np.asarray(f(xm))).ravel() / (2 * eps)
    return J

n2 = lambda A: np.linalg.norm(A, 2)
rng = np.random.default_rng(5)

# ---------------------------------------------------------------- 2.1 / 2.2 on a random RNN
dh, dx, dy, T = 4, 3, 3, 6
Whh = 0.9 * rng.standard_normal((dh, dh)); Wxh = rng.standard_normal((dh, dx)); bh = 0.2 * rng.standard_normal(dh)
Why = rng.standard_normal((dy, dh)); yT = rng.standard_normal(dy)
X = rng.standard_normal((T + 1, dx))
h = [np.zeros(dh)]
for k in range(1, T + 1):
    h.append(np.tanh(Whh @ h[-1] + Wxh @ X[k] + bh))


def roll(v, s0, s1):
    for k in range(s0 + 1, s1 + 1):
        v = np.tanh(Whh @ v + Wxh @ X[k] + bh)
    return v

LT = lambda hT: 0.5 * np.sum((Why @ hT - yT) ** 2)
t = 2
Jfull = fd_jac(lambda v: roll(v, t, T), h[t])                  # dh_T/dh_t
Jk = {k: fd_jac(lambda v, k=k: roll(v, k - 1, k), h[k - 1]) for k in range(t + 1, T + 1)}
D = {k: np.diag(1 - h[k] ** 2) for k in range(1, T + 1)}
gT = fd_jac(lambda v: np.array([LT(v)]), h[T]).ravel()
gt = fd_jac(lambda v: np.array([LT(roll(v, t, T))]), h[t]).ravel()
record(5, np.allclose(gt, gT @ Jfull, atol=1e-6), "dL_T/dh_t = dL_T/dh_T dh_T/dh_t")
chain = np.eye(dh)
for k in range(T, t, -1):
    chain = chain @ Jk[k]
record(8, np.allclose(chain, Jfull, atol=1e-6), "chain product (J_T leftmost)")
record(11, all(np.allclose(Jk[k], D[k] @ Whh, atol=1e-7) for k in Jk), "J_k = D_k W_hh")
record(12, True, "definition")
expl = np.eye(dh)
for k in range(T, t, -1):
    expl = expl @ (D[k] @ Whh)
record(13, np.allclose(expl, Jfull, atol=1e-6), "D_T W D_{T-1} W ... D_{t+1} W")
A_, B_ = rng.standard_normal((4, 4)), rng.standard_normal((4, 4))
record(22, n2(A_ @ B_) <= n2(A_) * n2(B_) + 1e-12, "submultiplicative")
p1 = np.prod([n2(D[k] @ Whh) for k in range(t + 1, T + 1)])
p2 = np.prod([n2(D[k]) * n2(Whh) for k in range(t + 1, T + 1)])
record(23, n2(Jfull) <= p1 + 1e-9 and p1 <= p2 + 1e-12, "")
z = np.linspace(-8, 8, 4001); dt = 1 - np.tanh(z) ** 2
record(26, np.all((dt > 0) & (dt <= 1)) and all(n2(D[k]) <= 1 for k in D), "")
record(29, n2(Jfull) <= n2(Whh) ** (T - t) + 1e-9 and abs(n2(Whh) - np.linalg.svd(Whh, compute_uv=False)[0]) < 1e-12, "")
Ws = rng.standard_normal((dh, dh)); Ws *= 0.9 / n2(Ws)
hs = [np.zeros(dh)]
for k in range(1, 61):
    hs.append(np.tanh(Ws @ hs[-1] + Wxh @ rng.standard_normal(dx)))
prod = np.eye(dh)
for k in range(60, 0, -1):
    prod = prod @ (np.diag(1 - hs[k] ** 2) @ Ws)
record(33, n2(prod) <= 0.9 ** 60 + 1e-12 and 0.9 ** 60 < 2e-3, "sigma_max < 1 -> 0")
record(39, True, "definition")
# 41: linear regime, tiny activations
Wl = rng.standard_normal((dh, dh)) * 0.7
hl = [np.zeros(dh)]
eps_in = 1e-4
Xl = eps_in * rng.standard_normal((T + 1, dx))
for k in range(1, T + 1):
    hl.append(np.tanh(Wl @ hl[-1] + Wxh @ Xl[k]))
Jl = np.eye(dh)
for k in range(T, t, -1):
    Jl = Jl @ (np.diag(1 - hl[k] ** 2) @ Wl)
record(41, np.allclose(Jl, np.linalg.matrix_power(Wl, T - t), atol=1e-6), "D ~ I -> W^{T-t}")
lam, V = np.linalg.eig(Wl); i = np.argmax(np.abs(lam)); v = V[:, i]
record(43, np.allclose(np.linalg.matrix_power(Wl, 7) @ v, lam[i] ** 7 * v), "")
record(45, abs(np.linalg.norm(np.linalg.matrix_power(Wl, 7) @ v) - abs(lam[i]) ** 7 * np.linalg.norm(v)) < 1e-9, "")
# 49 generic growth: random g, rho > 1
Wg = rng.standard_normal((dh, dh)); Wg *= 1.3 / np.max(np.abs(np.linalg.eigvals(Wg)))
g = rng.standard_normal(dh)
norms = [np.linalg.norm(g @ np.linalg.matrix_power(Wg, n)) for n in (10, 40, 80)]
record(49, norms[2] > norms[1] > norms[0] > 1 and norms[2] > 1e6, "generic g: %s" % ["%.3g" % x for x in norms])
# 2.4 orthogonal
Q, _ = np.linalg.qr(rng.standard_normal((dh, dh)))
dvec = rng.standard_normal(dh)
record(58, np.allclose(Q.T @ Q, np.eye(dh)), "")
record(60, np.allclose(np.linalg.svd(Q, compute_uv=False), 1), "")
record(63, abs(np.linalg.norm(Q @ dvec) - np.linalg.norm(dvec)) < 1e-12, "")
record(65, abs(np.linalg.norm(np.linalg.matrix_power(Q, 9) @ dvec) - np.linalg.norm(dvec)) < 1e-12
       and abs(np.linalg.norm(np.linalg.matrix_power(Q.T, 9) @ dvec) - np.linalg.norm(dvec)) < 1e-12, "")
# 2.5
rho = lambda A: np.max(np.abs(np.linalg.eigvals(A)))
record(78, True, "definition")
C1 = np.array([[1.0, 0, 0], [0, 0, 0.5], [0, 0, 0]])
C2 = np.array([[2.0, 0, 0], [0, 0, 1.0], [0, 0, 0]])
nonnormal = lambda A: not np.allclose(A.T @ A, A @ A.T)
claim_ok = all(not (abs(rho(A) - n2(A)) < 1e-12) or not nonnormal(A) for A in (C1, C2))
R = rng.standard_normal((5, 5))
record(80, claim_ok and rho(R) <= n2(R) + 1e-12,
       "counterexamples non-normal with rho = ||W||_2: %s" % [(round(rho(A), 6), round(n2(A), 6), nonnormal(A)) for A in (C1, C2)])
W5 = rng.standard_normal((5, 5))
gel = [np.linalg.norm(np.linalg.matrix_power(W5 / rho(W5), k), 2) ** (1.0 / k) for k in (50, 400)]
record(84, abs(gel[1] - 1) < 0.02 and abs(gel[1] - 1) <= abs(gel[0] - 1) + 1e-12, "||W^k||^{1/k}/rho -> 1: %s" % gel)
zc = 1.3 * rho(W5) * np.exp(0.7j)
neu = sum(np.linalg.matrix_power(W5 / zc, k) for k in range(0, 400)) / zc
record(88, np.isfinite(np.linalg.cond(zc * np.eye(5) - W5)), "zI - W invertible for |z| > rho")
record(90, np.allclose(neu, np.linalg.inv(zc * np.eye(5) - W5), atol=1e-9), "Neumann series")
record(92, abs(np.linalg.norm(np.linalg.matrix_power(W5, 400), 2) ** (1 / 400) / rho(W5) - 1) < 0.02, "limsup ||W^k||^{1/k} = rho")
# Jordan form checks on an explicit P J P^-1
lam_b, nb = 0.9, 3
N = np.diag(np.ones(nb - 1), 1)
Jb = lam_b * np.eye(nb) + N
record(95, True, "Jordan decomposition (existence)")
record(96, np.allclose(np.linalg.matrix_power(N, nb), 0), "block structure, N nilpotent")
record(103, np.allclose(Jb, lam_b * np.eye(nb) + N), "")
ok105 = all(np.allclose(np.linalg.matrix_power(Jb, k),
                        sum(comb(k, j) * lam_b ** (k - j) * np.linalg.matrix_power(N, j) for j in range(0, min(k, nb - 1) + 1)))
            for k in range(0, 12))
record(105, ok105, "binomial expansion")
k = 7
Jk7 = np.linalg.matrix_power(Jb, k)
ok107 = all(abs(Jk7[r, r + j] - comb(k, j) * lam_b ** (k - j)) < 1e-12 for j in range(nb) for r in range(nb - j))
record(107, ok107, "entries binom(k,j) lam^{k-j}")
P = rng.standard_normal((5, 5))
Jbig = np.zeros((5, 5)); Jbig[:3, :3] = Jb; Jbig[3:, 3:] = np.array([[-0.5, 1.0], [0, -0.5]])
Wj = P @ Jbig @ np.linalg.inv(P)
record(116, np.allclose(np.linalg.matrix_power(Wj, 6), P @ np.linalg.matrix_power(Jbig, 6) @ np.linalg.inv(P)), "")
kap = n2(P) * n2(np.linalg.inv(P))
ok117 = True
for kk in (1, 3, 8, 20):
    lhs = n2(np.linalg.matrix_power(Wj, kk))
    mid = kap * max(n2(np.linalg.matrix_power(Jbig[:3, :3], kk)), n2(np.linalg.matrix_power(Jbig[3:, 3:], kk)))
    rhs = kap * max(sum(comb(kk, j) * 0.9 ** (kk - j) for j in range(3)), sum(comb(kk, j) * 0.5 ** (kk - j) for j in range(2)))
    ok117 &= lhs <= mid + 1e-9 and mid <= rhs + 1e-9
record(117, ok117, "norm bound chain")
record(118, True, "definition")
record(122, all(comb(kk, j) <= kk ** nb for kk in range(1, 60) for j in range(nb)), "")
record(123, 200 ** 3 * 0.9 ** 200 < 1e-2 and 400 ** 3 * 0.9 ** 400 < 1e-10 and n2(np.linalg.matrix_power(Wj, 400)) < 1e-10, "")
Wu = np.diag([1.1, 0.3, -0.2]) + np.diag([1.0, 0.0], 1)
record(127, all(n2(np.linalg.matrix_power(Wu, kk)) >= 1.1 ** kk - 1e-9 for kk in (5, 20, 60)), "")
# 130 counterexample: W = blockdiag(1, [[0.9, 1], [0, 0.9]]) is its own Jordan form, P = I, kappa = 1
Wc = np.zeros((3, 3)); Wc[0, 0] = 1.0; Wc[1:, 1:] = [[0.9, 1.0], [0.0, 0.9]]
nrm10 = n2(np.linalg.matrix_power(Wc, 10))
bounded = max(n2(np.linalg.matrix_power(Wc, kk)) for kk in range(1, 400)) < 10
record(130, bounded and nrm10 <= 1.0 + 1e-12, "rho = %.1f, kappa(P=I) = 1, ||W^10|| = %.3f" % (rho(Wc), nrm10))
Wd = np.array([[1.0, 1.0, 0], [0, 1.0, 1.0], [0, 0, 1.0]])
ratios = [n2(np.linalg.matrix_power(Wd, kk)) / comb(kk, 2) for kk in (100, 1000, 4000)]
record(131, all(0.5 < r < 2 for r in ratios), "||W^k||/binom(k,2): %s" % ["%.3f" % r for r in ratios])
Wdg = rng.standard_normal((4, 4))
lamq, Qq = np.linalg.eig(Wdg)
record(141, np.allclose(np.linalg.matrix_power(Wdg, 5), (Qq @ np.diag(lamq ** 5) @ np.linalg.inv(Qq)).real, atol=1e-9), "")
record(145, abs((0.8 * np.exp(1j)) ** 200) < 1e-15, "")
record(147, abs((1.2 * np.exp(1j)) ** 200) > 1e15, "")
record(149, abs(abs(np.exp(0.3j) ** 77) - 1) < 1e-12, "")
# 5.2 scalar toy
w = 0.5
hz = [0.0]
for _ in range(4):
    hz.append(np.tanh(w * hz[-1]))
record(156, all(x == 0.0 for x in hz) and 1 - np.tanh(0.0) ** 2 == 1.0, "")
record(157, (1 - hz[1] ** 2) * w == w, "")
for wv in (0.5, 2.0):
    Jfd = fd_jac(lambda v: np.array([np.tanh(wv * np.tanh(wv * np.tanh(wv * np.tanh(wv * v[0]))))]), np.array([0.0]))[0, 0]
    assert abs(Jfd - wv ** 4) < 1e-6
record(160, True, "FD dh_4/dh_0 = w^4 at the origin (w = 0.5, 2.0)")
for ln, (val, ex, unit) in {163: (0.5, 0.5, 1e-1), 164: (0.25, 0.5 ** 2, 1e-2), 165: (0.125, 0.5 ** 3, 1e-3), 166: (0.0625, 0.5 ** 4, 1e-4),
                            167: (93.75, 100 * (1 - 0.5 ** 4), 1e-2), 168: (9.53e-7, 0.5 ** 20, 1e-9),
                            171: (2.0, 2.0, 1e-1), 172: (4.0, 4.0, 1e-1), 173: (8.0, 8.0, 1e-1), 174: (16.0, 16.0, 1e-1),
                            176: (1048576.0, 2.0 ** 20, 1.0)}.items():
    record(ln, close_sig(val, ex, unit), "%g vs %g" % (val, ex))
# Illustration 1
record(190, True, "ReLU derivative (convention sigma'(0) = 0)")
a_act = np.abs(rng.standard_normal(dh)) + 0.1
Wr = rng.standard_normal((dh, dh))
hprev = rng.standard_normal(dh)
relu_step = lambda v: np.maximum(0.0, Wr @ v + (a_act - Wr @ hprev))    # pre-activation = a_act > 0 at hprev
record(193, np.allclose(fd_jac(relu_step, hprev), Wr, atol=1e-7), "all units active -> J_k = W_hh")
# Illustration 3
Wd3 = np.diag([1.2, 0.5])
record(207, abs(np.linalg.cond(np.linalg.matrix_power(Wd3, 3)) - 2.4 ** 3) < 1e-9, "")
record(212, all(np.allclose(np.linalg.matrix_power(Wd3, n), np.diag([1.2 ** n, 0.5 ** n])) for n in (1, 2, 5, 10)), "")
record(213, np.allclose(Wd3, [[1.2, 0], [0, 0.5]]), "")
record(214, close_sig(1.44, 1.2 ** 2, 1e-2) and close_sig(0.25, 0.5 ** 2, 1e-2), "")
record(215, close_sig(2.488320, 1.2 ** 5, 1e-6) and close_sig(0.031250, 0.5 ** 5, 1e-6), "")
record(216, close_sig(6.191736, 1.2 ** 10, 1e-6) and close_sig(0.000977, 0.5 ** 10, 1e-6), "")
record(220, all(close_sig(g_, e_, u_) for g_, e_, u_ in [(1.2, 1.2, 1e-1), (1.44, 1.44, 1e-2), (2.488, 1.2 ** 5, 1e-3), (6.192, 1.2 ** 10, 1e-3)]), "")
record(223, all(close_sig(g_, e_, u_) for g_, e_, u_ in [(0.5, 0.5, 1e-1), (0.25, 0.25, 1e-2), (0.03125, 0.5 ** 5, 1e-5), (0.000977, 0.5 ** 10, 1e-6)]), "")
record(227, all(abs(np.linalg.cond(np.linalg.matrix_power(Wd3, n)) - 2.4 ** n) < 1e-6 * 2.4 ** n for n in (1, 2, 5, 10)), "")
record(228, close_sig(2.4, 2.4, 1e-1), "")
record(229, close_sig(5.76, 2.4 ** 2, 1e-2), "")
record(230, close_sig(79.63, 2.4 ** 5, 1e-2), "")
record(231, close_sig(6340.34, 2.4 ** 10, 1e-2), "2.4^10 = %.4f" % 2.4 ** 10)

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
