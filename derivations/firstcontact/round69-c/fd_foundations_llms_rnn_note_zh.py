# Finite-difference check of foundations_llms_rnn_note_zh.md (numpy only).
# Forward implied by the note / textbook: z_k = W_H h_{k-1} + W_I x_k, h_k = g(z_k) with g = tanh,
# o_k = softmax(W_O h_k), l(o_k, y_k) = -log o_k[y_k]; L = sum_{i=1}^t l(o_i, y_i).
# dh_i/dW_H is read as the immediate (explicit) partial: d h_{i,a}/d W_H[b,c] = g'(z_i)_a delta_ab h_{i-1,c}.
import numpy as np
rng = np.random.default_rng(2)
H, D, K, t = 4, 3, 5, 5
WH = rng.normal(0, .7, (H, H)); WI = rng.normal(0, .7, (H, D)); WO = rng.normal(0, .7, (K, H))
xs = [None] + [rng.normal(0, 1, (D, 1)) for _ in range(t)]; ys = [None] + list(rng.integers(0, K, t))
eps = 1e-6; res = []
def rep(line, ok, what):
    res.append((line, ok)); print(f"line {line:3d}: {'AGREE' if ok else 'DIFFER'}  {what}")
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
sm = lambda v: np.exp(v - v.max()) / np.exp(v - v.max()).sum()
def fwd(WH):
    h = {0: np.zeros((H, 1))}; z = {}; o = {}; l = {}
    for k in range(1, t + 1):
        z[k] = WH @ h[k-1] + WI @ xs[k]; h[k] = np.tanh(z[k]); o[k] = sm(WO @ h[k]); l[k] = -float(np.log(o[k][ys[k], 0]))
    return h, z, o, l
h, z, o, l = fwd(WH)
def fdW(f):
    g = np.zeros_like(WH)
    for idx in np.ndindex(WH.shape):
        A = WH.copy(); A[idx] += eps; B = WH.copy(); B[idx] -= eps; g[idx] = (f(A) - f(B)) / (2 * eps)
    return g
gL = fdW(lambda W: sum(fwd(W)[3].values()))      # true dL/dW_H, L = sum_i l_i
glt = fdW(lambda W: fwd(W)[3][t])                # dl_t/dW_H (last step only)
J = {k: np.diag(1 - np.tanh(z[k][:, 0])**2) @ WH for k in range(1, t + 1)}   # line 28 Jacobians
gp = lambda k: 1 - np.tanh(z[k])**2
v_t = ((o[t] - np.eye(K)[:, [ys[t]]]).T @ WO)    # dl_t/do_t * do_t/dh_t (row), softmax+CE combined
def contract(v, i):   # v (row, dl/dh_i) times explicit dh_i/dW_H
    return (v.T * gp(i)) @ h[i-1].T
# line 28: Jacobian
Jfd = np.zeros((H, H)); k = 3
for j in range(H):
    e = np.zeros((H, 1)); e[j] = eps
    Jfd[:, [j]] = (np.tanh(WH @ (h[k-1] + e) + WI @ xs[k]) - np.tanh(WH @ (h[k-1] - e) + WI @ xs[k])) / (2 * eps)
rep(28, close(Jfd, J[k]), "dh_k/dh_{k-1} = g'(z_k) W_H (read as diag(g'(z_k)) W_H)")
# line 25: dh_t/dh_i = product of one-step Jacobians k=i+1..t
i = 2; M = np.eye(H)
for k in range(t, i, -1): M = M @ J[k]
Mfd = np.zeros((H, H))
def run_from(hi):
    hh = hi
    for k in range(i + 1, t + 1): hh = np.tanh(WH @ hh + WI @ xs[k])
    return hh
for j in range(H):
    e = np.zeros((H, 1)); e[j] = eps; Mfd[:, [j]] = (run_from(h[i] + e) - run_from(h[i] - e)) / (2 * eps)
rep(25, close(Mfd, M), "dh_t/dh_i = prod_{k=i+1}^t dh_k/dh_{k-1}")
# line 19: sum_i dl_t/do_t do_t/dh_t dh_t/dh_i dh_i/dW_H
def formula(start_offset):
    acc = np.zeros_like(WH)
    for i in range(1, t + 1):
        v = v_t.copy()
        for k in range(t, i + start_offset - 1, -1): v = v @ J[k]   # k = t down to i+start_offset
        acc += contract(v, i)
    return acc
f19 = formula(1)
rep(19, close(f19, gL), f"published line 19 vs FD of dL/dW_H with L = sum_i l_i (max err {np.abs(f19-gL).max():.2e})")
print("          line 19 RHS vs FD of dl_t/dW_H (last-step loss only):", 'AGREE' if close(f19, glt) else 'DIFFER')
f31 = formula(0)
rep(31, close(f31, gL), f"published line 31 (prod from k=i) vs FD of dL/dW_H (max err {np.abs(f31-gL).max():.2e})")
print("          line 31 RHS vs FD of dl_t/dW_H:", "AGREE" if close(f31, glt) else f"DIFFER (max err {np.abs(f31-glt).max():.2e}); with prod from k=i+1 it reduces to the line-19 RHS")
# explicit recomputation of the corrected double sum (for the record)
corr = np.zeros_like(WH)
for tt in range(1, t + 1):
    for i in range(1, tt + 1):
        v = (o[tt] - np.eye(K)[:, [ys[tt]]]).T @ WO
        for k in range(tt, i, -1): v = v @ J[k]
        corr += contract(v, i)
print("          corrected double sum over loss steps tt and i<=tt vs FD dL/dW_H:", 'AGREE' if close(corr, gL) else 'DIFFER')
rep(13, abs(sum(l.values()) - sum(-np.log(o[k][ys[k], 0]) for k in range(1, t + 1))) < 1e-12, "L = sum_i l(o_i, y_i) (definition)")
print("\nsummary: DIFFER rows:", [ln for ln, ok in res if not ok])
