"""Numerical check of jamescheng_lstm_dEdWf_page.md (Jamescheng40/websitedepo, LSTMdEoverdWf.js).

Same model as the sibling dE/dWo page (gates see only x_t, no h_{t-1}):
  F_t = sig(W_f x_t + b_f) (d1 = W_f x_t, d2 = W_f[m,k] x_k), i_t, O_t sigmoid, C'_t = tanh(W_c x_t + b_c)
  C_t = F_t*C_{t-1} + i_t*C'_t (a = F_t*C_{t-1}, a1 = i_t*C'_t), h_t = O_t*tanh(C_t) (b_t = tanh C_t)
  L = W_v h_S + b_v, E = (1/n) sum_j (L_j - Y_j)^2, n = T; C_0 = 0; S = 4 steps so the page's t-3 is step 1.
Jacobians are d(out)/d(in); W_f is vectorised row-major. Exit 0 iff every verdict matches expected.json.
"""
import json, os, sys
import numpy as np

rng = np.random.default_rng(5601)
M, N, T, S = 3, 4, 2, 4
n = T
P = {k: rng.normal(0, 0.7, (M, N)) for k in "fioc"}
B = {k: rng.normal(0, 0.3, M) for k in "fioc"}
Wv = rng.normal(0, 0.7, (T, M)); bv = rng.normal(0, 0.3, T)
X = rng.normal(0, 1.0, (S, N)); Y = rng.normal(0, 1.0, T)
sig = lambda z: 1 / (1 + np.exp(-z))

def forward(Wf_steps=None):
    C = np.zeros(M); cache = []
    for t in range(S):
        Wf = P["f"] if Wf_steps is None else Wf_steps[t]
        x = X[t]; d1 = Wf @ x + B["f"]; F = sig(d1)
        I = sig(P["i"] @ x + B["i"]); O = sig(P["o"] @ x + B["o"]); Cd = np.tanh(P["c"] @ x + B["c"])
        Cprev = C; C = F * Cprev + I * Cd; h = O * np.tanh(C)
        cache.append(dict(x=x, d1=d1, F=F, I=I, O=O, Cd=Cd, Cprev=Cprev, C=C, h=h))
    L = Wv @ h + bv
    return np.sum((L - Y) ** 2) / n, L, cache

def jac(f, v, eps=1e-6):
    v = np.array(v, float); y0 = np.atleast_1d(f(v)); J = np.zeros((y0.size, v.size))
    for k in range(v.size):
        d = np.zeros_like(v); d.flat[k] = eps
        J[:, k] = (np.atleast_1d(f(v + d)) - np.atleast_1d(f(v - d))).ravel() / (2 * eps)
    return J

close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
E, L, cache = forward(); last = cache[-1]
dE_dWf = jac(lambda w: forward([w.reshape(M, N)] * S)[0], P["f"].ravel())                  # total, 1 x MN
def dE_dWf_step(s):   # contribution of the copy of W_f used at step s only
    def f(w):
        Ws = [P["f"]] * S; Ws = list(Ws); Ws[s] = w.reshape(M, N); return forward(Ws)[0]
    return jac(f, P["f"].ravel())
g = lambda Lv: (Lv - Y) ** 2
dE_dg = jac(lambda gv: np.sum(gv) / n, g(L)); dg_dL = jac(g, L)
dE_dh = dE_dg @ dg_dL @ Wv                                                                   # 1 x M at last step
dh_db = np.diag(last["O"]); db_dC = np.diag(1 - np.tanh(last["C"]) ** 2)
dh_dC = jac(lambda C: last["O"] * np.tanh(C), last["C"])
def da_dF(c): return np.diag(c["Cprev"])
def dF_dd1(c): s = sig(c["d1"]); return np.diag(s * (1 - s))
def dd1_dWf(c): return np.kron(np.eye(M), c["x"][None, :])
def fpath(c): return da_dF(c) @ dF_dd1(c) @ dd1_dWf(c)                                      # dC_t/dW_f local, M x MN
dC_dF_last = jac(lambda F: F * last["Cprev"] + last["I"] * last["Cd"], last["F"])

res = {}
def rec(line, ok, note): res[str(line)] = ("pass" if ok else "fail", note)

for ln in range(13, 21): rec(ln, True, "definition (forward model, implemented above)")
chainF = dE_dh @ dh_dC @ dC_dF_last
for ln in (24, 28, 29):
    rec(ln, close(chainF, dE_dWf), f"LHS names W_i; first equality chain ends at F_t: shape {chainF.shape} vs dE/dW_f {dE_dWf.shape}")
# 30: simplified: first equality as above, and the F-path term lacks dh_t/db_t . db_t/dC_t
term2 = dE_dh @ fpath(last)
correct_local = dE_dh @ dh_db @ db_dC @ fpath(last)
rec(30, close(chainF, dE_dWf) and close(term2, correct_local), "first equality wrong; F-path term without dh/db.db/dC")
# 34, 35: local (constant) term kept = dE/dh . da/dF . dF/dd1 . dd1/dW_f (no dh/db . db/dC . dC/da)
num_local = dE_dWf_step(S - 1)
rec(34, close(term2, num_local) and close(chainF, dE_dWf), f"kept term vs numeric local term at the last step: max diff {np.max(np.abs(term2 - num_local)):.3e}")
rec(35, close(term2, num_local), f"continuation vs numeric local term: max diff {np.max(np.abs(term2 - num_local)):.3e} (with dh/db.db/dC: {np.max(np.abs(correct_local - num_local)):.1e})")
rec(39, close(np.ones((1, T)), dE_dg), f"claimed ones, numeric {dE_dg.ravel()}")
rec(40, close(np.diag(np.full(T, 2 * (L[0] - Y[0]))), dg_dL), f"claimed diag(2(L_1-Y_1)), numeric {np.diag(dg_dL)}")
rec(41, np.isclose(dg_dL[0, 0], 2 * (L[0] - Y[0])), "scalar")
rec(49, True, "L_i = L1_i + bias, dL_1/dL1_1 = 1")
rec(50, all(close(jac(lambda v: np.array([v.sum()]), Wv[j] * last["h"]), np.ones((1, M))) for j in range(T)), "row sums")
for ln, j in ((51, 0), (52, 1)):
    J = jac(lambda h: Wv[j] * h, last["h"])
    rec(ln, np.allclose(J, np.diag(Wv[j])) and J.shape == (T, M), f"value diag(W_v[{j+1},:]) right, true shape {J.shape}, claimed {(T, M)}")
for ln, j in ((53, 0), (54, 1)):
    rec(ln, close(jac(lambda h: np.array([np.sum(Wv[j] * h)]), last["h"]), Wv[j][None, :]), "row of W_v")
rec(55, close(jac(lambda h: Wv @ h + bv, last["h"]), Wv), "dL/dh = W_v")
c = last
rec(61, close(jac(lambda F: F * c["Cprev"], c["F"]), np.diag(c["Cprev"])), "diag(C_{t-1})")
s = sig(c["d1"]); rec(62, close(jac(sig, c["d1"]), np.diag(s * (1 - s))), "diagonal sigmoid' (diag implied by the matrix and M x M)")
rec(63, np.isclose(jac(sig, c["d1"][:1])[0, 0], s[0] * (1 - s[0])), "scalar sigmoid'")
dd1dWf_num = jac(lambda w: w.reshape(M, N) @ c["x"], P["f"].ravel())
d2f = lambda w: (w.reshape(M, N) * c["x"][None, :]).ravel()
dd2_dWf = jac(d2f, P["f"].ravel()); dd1_dd2 = jac(lambda d2: d2.reshape(M, N).sum(axis=1), d2f(P["f"].ravel()))
rec(69, close(dd1_dd2 @ dd2_dWf, dd1dWf_num), "chain rule")
ok74 = all(close(dd1_dd2[j, j*N:(j+1)*N][None, :], np.ones((1, N))) for j in range(M))
rec(74, ok74 and M == N, f"blocks right for j=1..M; page lists j up to N={N}, d1 has M={M} entries")
blk = lambda j: (lambda Z: (Z.__setitem__((slice(None), slice(j*N, (j+1)*N)), np.diag(c["x"])), Z)[1])(np.zeros((N, M*N)))
rec(75, close(dd2_dWf[0:N], blk(0)) and (N, M*N) == (M, M), f"matrix right (N x MN = {(N, M*N)}), stated size M x M")
rec(76, close(dd2_dWf[N:2*N], blk(1)), "block 2")
for ln, j in ((77, 0), (78, 1)):
    cl = np.zeros((1, M*N)); cl[0, j*N:(j+1)*N] = c["x"]; rec(ln, close(dd1dWf_num[j:j+1], cl), "row j")
rec(79, close(dd1dWf_num, np.kron(np.eye(M), c["x"][None, :])), "kron(I_M, x^T)")
# 85 / 86: unrolled expression for S = 4 (steps t-3..t = 1..4)
F_ = [np.diag(cc["F"]) for cc in cache]            # da_k/dC_{k-1} = diag(F_k)
inner85 = F_[0]                                    # dC_{t-3}/da_{t-3} . da_{t-3}/dC_{t-4}  (M x M, no dC_{t-4}/dW_f)
fp = [fpath(cc) for cc in cache]
def unroll(innermost):
    X1 = innermost + fp[0]                         # step t-3 (= step 1)
    X2 = F_[1] @ X1 + fp[1]
    X3 = F_[2] @ X2 + fp[2]
    return F_[3] @ X3 + fp[3]
try:
    v85 = dE_dh @ dh_db @ db_dC @ unroll(inner85); ok85 = close(v85, dE_dWf)
except ValueError:
    ok85 = False
rec(85, ok85, f"innermost term dC_{{t-3}}/da . da/dC_{{t-4}} is {inner85.shape}, added to {fp[0].shape} terms (dC_{{t-4}}/dW_f missing)")
v86 = dE_dh @ dh_db @ db_dC @ unroll(np.zeros((M, M * N)))
rec(86, close(v86, dE_dWf), f"unrolled t=4 expression vs numeric dE/dW_f: max diff {np.max(np.abs(v86 - dE_dWf)):.2e}")
rec(90, close(jac(lambda a: a + c["I"] * c["Cd"], c["F"] * c["Cprev"]), np.eye(M)), "identity")
rec(91, close(jac(lambda C: c["F"] * C, c["Cprev"]), np.diag(c["F"])) and (M, M) == (1, M), "value diag(F_t) right, stated size 1 x M (true M x M)")
rec(92, True, "identity (same as line 90 one step earlier)")
cm = cache[-2]
rec(93, close(jac(lambda C: cm["F"] * C, cm["Cprev"]), np.diag(cm["F"])) and (M, M) == (1, M), "value diag(F_{t-1}) right, stated size 1 x M")

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["jamescheng_lstm_dEdWf_page.md"]
bad = 0
for ln in sorted(exp, key=int):
    want = exp[ln]["expected"]; got, note = res.get(ln, ("missing", "no check"))
    print(f"line {ln}: expected {want}, numeric {got}  ({note})"); bad += got != want
extra = set(res) - set(exp)
if extra: print("checked but not annotated:", sorted(extra, key=int)); bad += len(extra)
print("MISMATCHES:", bad); sys.exit(1 if bad else 0)
