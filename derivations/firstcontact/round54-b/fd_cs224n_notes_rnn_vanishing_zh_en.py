#!/usr/bin/env python3
"""Finite-difference check of cs224n_notes_rnn_vanishing_zh_en.md (numpy only, float64).
Model of the note (column vectors): h_t = sigma(W h_{t-1} + U x_t) with W = W^(hh), U = W^(hx), sigma = logistic sigmoid (f = sigma),
yhat_t = softmax(S h_t), J^(t) = -sum_j y_{t,j} log yhat_{t,j}, E = sum_t E_t with E_t = J^(t).
Jacobians d h_j / d h_{j-1} are taken in numerator layout (rows = components of h_j), the layout in which the note's left-to-right
chain dE_t/dy_t dy_t/dh_t dh_t/dh_k dh_k/dW is a valid product. Prints 'line N: expected X, numeric Y'; exit 0 iff all agree."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = "cs224n_notes_rnn_vanishing_zh_en.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[MD]
sig = lambda z: 1 / (1 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
EPS = 1e-6
rng = np.random.default_rng(7)
n, m, V, T = 3, 2, 4, 4
W = rng.normal(scale=0.9, size=(n, n)); U = rng.normal(size=(n, m)); S = rng.normal(size=(V, n))
X = [None] + [rng.normal(size=m) for _ in range(T)]
Yi = [None] + [int(rng.integers(V)) for _ in range(T)]
h0 = rng.normal(scale=0.5, size=n)


def forward(W, U, S, h0=h0, hk=None):
    """hk = (k, vector): replace h_k by the given vector (to differentiate w.r.t. h_k)."""
    h = [h0]; z = [None]; yh = [None]; Et = [None]
    for t in range(1, T + 1):
        zt = W @ h[t - 1] + U @ X[t]; ht = sig(zt)
        if hk is not None and hk[0] == t: ht = hk[1]
        o = S @ ht; p = np.exp(o - o.max()); p /= p.sum()
        z.append(zt); h.append(ht); yh.append(p); Et.append(-np.log(p[Yi[t]]))
    return dict(h=h, z=z, yh=yh, Et=Et, E=sum(Et[1:]))


F = forward(W, U, S); h, z, yh, Et = F["h"], F["z"], F["yh"], F["Et"]
chk = {}
# forward definitions (lines 6, 9, 13, 14): consistency of the recomputation
chk[6] = chk[13] = all(np.allclose(h[t], sig(W @ h[t - 1] + U @ X[t])) for t in range(1, T + 1))
chk[9] = chk[14] = all(np.isclose(yh[t].sum(), 1.0) for t in range(1, T + 1))
# line 20: J^(t) = -sum_j y_j log yhat_j equals -log yhat[target] and is >= 0 (a proper cross-entropy)
chk[20] = all(np.isclose(Et[t], -sum(np.eye(V)[Yi[t]] * np.log(yh[t]))) and Et[t] >= 0 for t in range(1, T + 1))
# line 24: (1/T) sum_t J^(t) = -(1/T) sum_t sum_j y log yhat
Jmean = sum(Et[1:]) / T
chk[24] = np.isclose(Jmean, -sum(np.sum(np.eye(V)[Yi[t]] * np.log(yh[t])) for t in range(1, T + 1)) / T)
# line 28: perplexity = 2^J holds when log is base 2 (then 2^J = (prod_t 1/yhat_t[target])^(1/T))
J2 = -sum(np.log2(yh[t][Yi[t]]) for t in range(1, T + 1)) / T
ppl = np.prod([1 / yh[t][Yi[t]] for t in range(1, T + 1)]) ** (1 / T)
chk[28] = np.isclose(2 ** J2, ppl)


def numjac(fun, x):
    y0 = fun(x); Jm = np.zeros((np.size(y0), np.size(x)))
    for i in range(np.size(x)):
        e = np.zeros_like(x); e.flat[i] = EPS
        Jm[:, i] = (np.ravel(fun(x + e)) - np.ravel(fun(x - e))) / (2 * EPS)
    return Jm


# numerical dE/dW and dE_t/dW
def gradW(which_t=None):
    def f(Wv):
        FF = forward(Wv.reshape(n, n), U, S)
        return FF["E"] if which_t is None else FF["Et"][which_t]
    return numjac(f, W.ravel()).reshape(n, n)
gE = gradW()
gEt = {t: gradW(t) for t in range(1, T + 1)}
chk[37] = np.allclose(gE, sum(gEt.values()), atol=1e-7)
# true one-step Jacobians dh_j/dh_{j-1} (numerator layout) and products dh_t/dh_k
Jstep = {j: np.diag(dsig(z[j])) @ W for j in range(1, T + 1)}
for j in range(1, T + 1):      # confirm by finite differences
    Jfd = numjac(lambda v, j=j: sig(W @ v + U @ X[j]), h[j - 1])
    assert np.allclose(Jfd, Jstep[j], atol=1e-7)
def prod_true(t, k):
    M = np.eye(n)
    for j in range(k + 1, t + 1): M = Jstep[j] @ M
    return M
# immediate dh_k/dW (h_{k-1} held fixed): tensor [a, b, c] = dh_k[a]/dW[b, c] = sigma'(z_k)[a] delta_ab h_{k-1}[c]
imm = {k: np.einsum("a,ab,c->abc", dsig(z[k]), np.eye(n), h[k - 1]) for k in range(1, T + 1)}
dEt_dh = {t: (yh[t] - np.eye(V)[Yi[t]]) @ S for t in range(1, T + 1)}   # dE_t/dy_t dy_t/dh_t (row vector)
rhs41 = {t: sum(np.einsum("a,abc->bc", dEt_dh[t] @ prod_true(t, k), imm[k]) for k in range(1, t + 1)) for t in range(1, T + 1)}
chk[41] = all(np.allclose(rhs41[t], gEt[t], atol=1e-7) for t in range(1, T + 1))
chk[50] = np.allclose(sum(rhs41.values()), gE, atol=1e-7)
# line 46: prod_j W^T x diag[f'(h_{j-1})] (argument as in line 55; "j_{j-1}" read as h_{j-1}); try both multiplication orders
# and also its transpose, against the true dh_t/dh_k
def prod_claim(t, k, left_to_right):
    M = np.eye(n)
    for j in range(k + 1, t + 1):
        Fj = W.T @ np.diag(dsig(h[j - 1]))
        M = M @ Fj if left_to_right else Fj @ M
    return M
ok46 = False
for (t, k) in [(T, 1), (T, 2), (3, 1)]:
    tr = prod_true(t, k)
    for order in (True, False):
        c = prod_claim(t, k, order)
        ok46 = ok46 or np.allclose(c, tr, atol=1e-8) or np.allclose(c.T, tr, atol=1e-8)
chk[46] = ok46
# line 55: ||dh_j/dh_{j-1}|| <= ||W^T|| ||diag[f'(h_{j-1})]||  (spectral norms); look for a violation
def viol55(Wm, Um, hprev, x):
    zz = Wm @ hprev + Um @ x
    lhs = np.linalg.norm(np.diag(dsig(zz)) @ Wm, 2)
    rhs = np.linalg.norm(Wm.T, 2) * np.linalg.norm(np.diag(dsig(hprev)), 2)
    return lhs > rhs * (1 + 1e-9)
found = viol55(np.array([[1.0]]), np.array([[1.0]]), np.array([0.99]), np.array([-0.99]))   # z_j = 0, h_{j-1} = 0.99
r2 = np.random.default_rng(1)
for _ in range(2000):
    Wm = r2.normal(size=(n, n)); Um = r2.normal(size=(n, m)); hp = sig(r2.normal(scale=3, size=n)); x = r2.normal(size=m)
    found = found or viol55(Wm, Um, hp, x)
chk[55] = not found
# line 59: ||dh_t/dh_k|| <= (beta_W beta_h)^(t-k) with beta_W = ||W||_2, beta_h = sup sigma' = 1/4
bW = np.linalg.norm(W, 2); bh = 0.25
chk[59] = all(np.linalg.norm(prod_true(t, k), 2) <= (bW * bh) ** (t - k) * (1 + 1e-12)
              for t in range(1, T + 1) for k in range(0, t))
for _ in range(300):        # more random instances
    Wm = r2.normal(scale=2, size=(n, n)); hs = [sig(r2.normal(size=n))]; Js = []
    for j in range(5):
        zz = Wm @ hs[-1] + r2.normal(size=n); hs.append(sig(zz)); Js.append(np.diag(dsig(zz)) @ Wm)
    M = np.eye(n)
    for jj, Jm in enumerate(Js):
        M = Jm @ M
        chk[59] = chk[59] and np.linalg.norm(M, 2) <= (np.linalg.norm(Wm, 2) * bh) ** (jj + 1) * (1 + 1e-12)

bad = 0
for ln in sorted(set(map(int, EXP)) | set(chk)):
    if str(ln) not in EXP or ln not in chk:
        print(f"line {ln}: missing in expected.json or in the checks"); bad += 1; continue
    num = "pass" if chk[ln] else "fail"; exp = EXP[str(ln)]["expected"]
    print(f"line {ln}: expected {exp}, numeric {num}"); bad += exp != num
print("MISMATCHES:", bad)
sys.exit(1 if bad else 0)
