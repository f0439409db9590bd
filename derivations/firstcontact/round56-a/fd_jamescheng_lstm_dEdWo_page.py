"""Numerical check of jamescheng_lstm_dEdWo_page.md (Jamescheng40/websitedepo, LSTMdEoverdWo.js).

Model exactly as the page defines it (gates see only x_t, no h_{t-1} recurrence):
  F_t = sig(W_f x_t + b_f), i_t = sig(W_i x_t + b_i), O_t = sig(W_o x_t + b_o), C'_t = tanh(W_c x_t + b_c)
  C_t = F_t*C_{t-1} + i_t*C'_t,  h_t = O_t*tanh(C_t)
  L = W_v h_S + b_v  (T outputs from the last hidden state),  E = (1/n) sum_j (L_j - Y_j)^2, n = T
Jacobians are d(out)/d(in) with rows = outputs; W_o is vectorised row-major (index (m, k) -> m*N + k),
which is the layout the page's block matrices use.  Exit 0 iff every line's verdict matches expected.json.
"""
import json, os, sys
import numpy as np

rng = np.random.default_rng(56)
M, N, T, S = 3, 4, 2, 3            # hidden, input, outputs, time steps (all different on purpose)
n = T
P = {k: rng.normal(0, 0.7, (M, N)) for k in "fioc"}
B = {k: rng.normal(0, 0.3, M) for k in "fioc"}
Wv = rng.normal(0, 0.7, (T, M)); bv = rng.normal(0, 0.3, T)
X = rng.normal(0, 1.0, (S, N)); Y = rng.normal(0, 1.0, T)
sig = lambda z: 1 / (1 + np.exp(-z))

def forward(Wo=None):
    Wo = P["o"] if Wo is None else Wo
    C = np.zeros(M); cache = []
    for t in range(S):
        x = X[t]
        F = sig(P["f"] @ x + B["f"]); I = sig(P["i"] @ x + B["i"])
        d13 = Wo @ x + B["o"]; O = sig(d13); Cd = np.tanh(P["c"] @ x + B["c"])
        Cprev = C; C = F * Cprev + I * Cd; h = O * np.tanh(C)
        cache.append(dict(x=x, F=F, I=I, O=O, d13=d13, Cd=Cd, Cprev=Cprev, C=C, h=h))
    L = Wv @ h + bv
    E = np.sum((L - Y) ** 2) / n
    return E, L, cache

def jac(f, v, eps=1e-6):
    v = np.array(v, float); y0 = np.atleast_1d(f(v)); J = np.zeros((y0.size, v.size))
    for k in range(v.size):
        d = np.zeros_like(v); d.flat[k] = eps
        J[:, k] = (np.atleast_1d(f(v + d)) - np.atleast_1d(f(v - d))).ravel() / (2 * eps)
    return J

E, L, cache = forward(); last = cache[-1]
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)

# numeric reference quantities
dE_dWo = jac(lambda w: forward(w.reshape(M, N))[0], P["o"].ravel())           # 1 x MN
g = lambda Lv: (Lv - Y) ** 2
dE_dg = jac(lambda gv: np.sum(gv) / n, g(L))                                    # 1 x T
dg_dL = jac(g, L)                                                                # T x T
dL_dh = jac(lambda h: Wv @ h + bv, last["h"])                                   # T x M
dh_dO = jac(lambda O: O * np.tanh(last["C"]), last["O"])
dO_dd13 = jac(sig, last["d13"])
d13_of_d14 = lambda d14: d14.reshape(M, N).sum(axis=1)                          # d13_m = sum_k d14_{m,k}
d14_of_Wo = lambda w: (w.reshape(M, N) * last["x"][None, :]).ravel()            # d14_{m,k} = W_o[m,k] x_k
d14 = d14_of_Wo(P["o"].ravel())
dd13_dd14 = jac(d13_of_d14, d14)                                                 # M x MN
dd14_dWo = jac(d14_of_Wo, P["o"].ravel())                                        # MN x MN
dh_dC = jac(lambda C: last["O"] * np.tanh(C), last["C"])
dC_dF = jac(lambda F: F * last["Cprev"] + last["I"] * last["Cd"], last["F"])

results = {}
def rec(line, ok, note):
    results[str(line)] = ("pass" if ok else "fail", note)

# 10-17: forward definitions (used above to build the instance)
for ln in range(10, 18):
    rec(ln, True, "definition (forward model of the page, implemented above)")

# 23, 27, 28, 29, 35: first equality dE/dW_o = dE/dL . dL/dh . dh/dC . dC/dF_t
chainF = (dE_dg @ dg_dL) @ dL_dh @ dh_dC @ dC_dF                                 # = dE/dF_S, 1 x M
for ln in (23, 27, 28, 29, 35):
    rec(ln, close(chainF, dE_dWo), f"first equality: chain through C_t,F_t has shape {chainF.shape}, dE/dW_o has shape {dE_dWo.shape}")
# the O-path chain (right-hand side of 29/35 after the cancellations, and line 36)
chainO = (dE_dg @ dg_dL) @ dL_dh @ dh_dO @ dO_dd13 @ dd13_dd14 @ dd14_dWo
rec(36, close(chainO, dE_dWo), f"O-path chain vs numeric dE/dW_o: max diff {np.max(np.abs(chainO - dE_dWo)):.2e}")

# 40: dE/dg_j = [1 1 ... 1]
rec(40, close(np.ones((1, T)), dE_dg), f"claimed ones, numeric {dE_dg.ravel()} (= 1/n)")
# 41: dg/dL = diag(2 (L_1 - Y_1))
claim41 = np.diag(np.full(T, 2 * (L[0] - Y[0])))
rec(41, close(claim41, dg_dL), f"claimed diag(2(L_1-Y_1)) every entry, numeric diag {np.diag(dg_dL)}")
# 42: d(L_1-Y_1)^2/dL_1 = 2 (L_1 - Y_1)
rec(42, np.isclose(dg_dL[0, 0], 2 * (L[0] - Y[0])), "scalar derivative")
# 50: dL_1/dL1_1 = 1  (L = L1 + b_v)
L1 = Wv @ last["h"]
rec(50, np.isclose(jac(lambda a: a + bv[0], L1[0:1])[0, 0], 1.0), "L_i = L1_i + bias")
# 51: dL1_j/dL2_j = [1 ... 1] (1 x M), j = 1..T
ok51 = all(close(jac(lambda v: np.array([v.sum()]), Wv[j] * last["h"]), np.ones((1, M))) for j in range(T))
rec(51, ok51, "L1_j = sum_m L2_{j,m}")
# 52, 53: dL2_j/dh_t = diag(W_v[j,:]) with claimed shape T x M
for ln, j in ((52, 0), (53, 1)):
    J = jac(lambda h: Wv[j] * h, last["h"])
    val_ok = np.allclose(J, np.diag(Wv[j]))
    rec(ln, val_ok and J.shape == (T, M), f"value diag(W_v[{j+1},:]) {'right' if val_ok else 'wrong'}; true shape {J.shape}, claimed {(T, M)}")
# 54, 55: [1..1] . diag(W_v[j]) = W_v[j,:]
for ln, j in ((54, 0), (55, 1)):
    J = jac(lambda h: np.array([np.sum(Wv[j] * h)]), last["h"])
    rec(ln, close(J, Wv[j][None, :]), "row j of W_v")
# 56: dL/dh_t = W_v (T x M)
rec(56, close(dL_dh, Wv), "dL/dh = W_v")
# 62: dh/dO = diag(tanh(C_t))
rec(62, close(dh_dO, np.diag(np.tanh(last["C"]))), "diag(tanh C_t)")
# 63: dO/dd13 = diag(sig(d13)(1-sig(d13)))
s = sig(last["d13"]); rec(63, close(dO_dd13, np.diag(s * (1 - s))), "sigmoid derivative")
# 67 (and 76 first part): d13/dW_o = d13/dd14 . dd14/dW_o
dd13_dWo = jac(lambda w: w.reshape(M, N) @ last["x"], P["o"].ravel())
rec(67, close(dd13_dd14 @ dd14_dWo, dd13_dWo), "chain rule through d14")
# 71: dd13_j/dd14_j = [1..1] (1 x N) listed for j = 1, 2, ..., N  (d13 has M components)
ok_vals = all(close(dd13_dd14[j, j*N:(j+1)*N][None, :], np.ones((1, N))) for j in range(M))
rec(71, ok_vals and M == N, f"blocks are ones(1,N) for j=1..M ({ok_vals}); the page lists j up to N={N} but d13 has M={M} entries")
# 72, 73: dd14_j/dW_o = N x MN with x on the diagonal of block j
for ln, j in ((72, 0), (73, 1)):
    blockrows = dd14_dWo[j*N:(j+1)*N, :]
    claim = np.zeros((N, M*N)); claim[:, j*N:(j+1)*N] = np.diag(last["x"])
    rec(ln, close(blockrows, claim), "block-diagonal x")
# 74, 75: [1..1] . dd14_j/dW_o = [0..0 x_1..x_N 0..0]
for ln, j in ((74, 0), (75, 1)):
    claim = np.zeros((1, M*N)); claim[0, j*N:(j+1)*N] = last["x"]
    rec(ln, close(dd13_dWo[j:j+1, :], claim), "row j of dd13/dW_o")
# 76: stacked M x MN
claim76 = np.kron(np.eye(M), last["x"][None, :])
rec(76, close(dd13_dWo, claim76), "kron(I_M, x^T)")

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["jamescheng_lstm_dEdWo_page.md"]
bad = 0
for ln in sorted(exp, key=int):
    want = exp[ln]["expected"]
    got, note = results.get(ln, ("missing", "no check"))
    print(f"line {ln}: expected {want}, numeric {got}  ({note})")
    bad += got != want
extra = set(results) - set(exp)
if extra: print("checked but not annotated:", sorted(extra, key=int)); bad += len(extra)
print("MISMATCHES:", bad)
sys.exit(1 if bad else 0)
