#!/usr/bin/env python3
"""Finite-difference check of zh_cs224n_note7_vanishing.md (numpy only, float64).
Model of the note (column vectors): h_t = f(W h_{t-1} + W_x x_t), yhat_t = softmax(U h_t); f is not named, tanh is used
(sigmoid gives the same verdicts, also checked). Loss as written: J = (1/T) sum_t J_t. The cross-entropy the note means is
J_t = -sum_j y_{t,j} log yhat_{t,j}; the note writes it without the minus sign.
Prints 'line N: expected X, numeric Y'; exit 0 iff every checked line agrees with expected.json."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = "zh_cs224n_note7_vanishing.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[MD]
EPS = 1e-6
ACTS = {"tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
        "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)}
n, m, V, T = 3, 2, 4, 4


def run(act, seed):
    f, df = ACTS[act]
    rng = np.random.default_rng(seed)
    W = rng.normal(scale=0.8, size=(n, n)); Wx = rng.normal(size=(n, m)); U = rng.normal(size=(V, n))
    X = [None] + [rng.normal(size=m) for _ in range(T)]; Y = [None] + [int(rng.integers(V)) for _ in range(T)]
    h0 = rng.normal(scale=0.5, size=n)

    def fwd(Wv, sign=+1):
        h = [h0]; z = [None]; yh = [None]; Jt = [None]
        for t in range(1, T + 1):
            zt = Wv @ h[t - 1] + Wx @ X[t]; ht = f(zt); o = U @ ht; p = np.exp(o - o.max()); p /= p.sum()
            z.append(zt); h.append(ht); yh.append(p); Jt.append(sign * np.log(p[Y[t]]))   # sign=+1: as written
        return h, z, yh, Jt

    h, z, yh, Jt = fwd(W)
    ok = {}
    ok[17] = all(np.allclose(h[t], f(W @ h[t - 1] + Wx @ X[t])) for t in range(1, T + 1)) and all(np.isclose(yh[t].sum(), 1) for t in range(1, T + 1))
    # line 21: J_t as written is sum_j y log yhat = log yhat[target] <= 0: it is minus the cross-entropy.  A loss whose
    # gradient descent raises the target probability needs dJ_t/do = yhat - y; as written dJ_t/do = y - yhat.
    def Jt_of_o(o, t, sign):
        p = np.exp(o - o.max()); p /= p.sum(); return sign * np.log(p[Y[t]])
    t = 2; o = U @ h[t]
    g = np.array([(Jt_of_o(o + EPS * e, t, +1) - Jt_of_o(o - EPS * e, t, +1)) / (2 * EPS) for e in np.eye(V)])
    ok[21] = np.allclose(g, yh[t] - np.eye(V)[Y[t]], atol=1e-7) and Jt[t] >= 0
    # line 25: dJ/dW = sum_t dJ_t/dW with J = (1/T) sum_t J_t  (and the per-step BPTT sum, which is right)
    def num_grad(fun):
        G = np.zeros((n, n))
        for i in range(n):
            for j in range(n):
                E = np.zeros((n, n)); E[i, j] = EPS
                G[i, j] = (fun(W + E) - fun(W - E)) / (2 * EPS)
        return G
    gJ = num_grad(lambda Wv: sum(fwd(Wv)[3][1:]) / T)
    gJt = {s: num_grad(lambda Wv, s=s: fwd(Wv)[3][s]) for s in range(1, T + 1)}
    first = np.allclose(gJ, sum(gJt.values()), atol=1e-7)
    Jst = {j: np.diag(df(z[j])) @ W for j in range(1, T + 1)}      # true dh_j/dh_{j-1}, numerator layout
    def P(tt, k):
        M = np.eye(n)
        for j in range(k + 1, tt + 1): M = Jst[j] @ M
        return M
    second = True
    for s in range(1, T + 1):
        row = (np.eye(V)[Y[s]] - yh[s]) @ U                      # dJ_s/dy_s dy_s/dh_s for J_s as written
        tot = sum(np.einsum("a,a,ab,c->bc", row @ P(s, k), df(z[k]), np.eye(n), h[k - 1]) for k in range(1, s + 1))
        second = second and np.allclose(tot, gJt[s], atol=1e-7)
    ok[25] = first and second
    # line 27: prod_{j=k+1}^t W^{t-k} x diag[f'(h_{j-1})] against the true dh_t/dh_k (also its transpose, both orders)
    hit = False
    for (tt, k) in [(T, 1), (T, 2), (3, 1)]:
        true = P(tt, k); Wp = np.linalg.matrix_power(W, tt - k)
        for order in (0, 1):
            M = np.eye(n)
            for j in range(k + 1, tt + 1):
                Fj = Wp @ np.diag(df(h[j - 1])); M = M @ Fj if order else Fj @ M
            hit = hit or np.allclose(M, true, atol=1e-8) or np.allclose(M.T, true, atol=1e-8)
    ok[27] = hit
    return ok


res = [run(a, s) for a in ACTS for s in (3, 11)]
chk = {ln: all(r[ln] for r in res) for ln in res[0]}
bad = 0
for ln in sorted(set(map(int, EXP)) | set(chk)):
    if str(ln) not in EXP or ln not in chk:
        print(f"line {ln}: missing in expected.json or in the checks"); bad += 1; continue
    num = "pass" if chk[ln] else "fail"; exp = EXP[str(ln)]["expected"]
    print(f"line {ln}: expected {exp}, numeric {num}"); bad += exp != num
print("MISMATCHES:", bad)
sys.exit(1 if bad else 0)
