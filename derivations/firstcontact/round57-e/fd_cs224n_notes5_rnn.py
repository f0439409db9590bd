"""Finite-difference check of cs224n_notes5_rnn.tex (stanfordnlp/cs224n-winter17-notes notes5.tex @ 2609b88).

Model: h_t = sigmoid(W_hh h_{t-1} + W_hx x_t), yhat_t = softmax(W_S h_t), column vectors.
E_t = J^{(t)} = -sum_j y_{t,j} log yhat_{t,j};  E = sum_t E_t (the notes' dE/dW = sum_t dE_t/dW).
W in the BPTT rows is the recurrent matrix W^{(hh)}; f = sigma.
dh_j/dh_{j-1} is the numerator-layout Jacobian displayed in the notes (rows = components of h_j).
"""
import numpy as np

rng = np.random.default_rng(224)
Dh, d, V, T = 3, 2, 4, 4
sig = lambda z: 1 / (1 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
def softmax(z):
    e = np.exp(z - z.max()); return e / e.sum()

Whh = rng.normal(0, 1.0, (Dh, Dh)); Whx = rng.normal(0, 1.0, (Dh, d)); WS = rng.normal(0, 1.0, (V, Dh))
X = rng.normal(0, 1, (T, d)); Y = np.eye(V)[rng.integers(0, V, T)]
h0 = np.zeros(Dh)

def fwd(Whh=Whh, Whx=Whx, WS=WS, h0=h0, X=X):
    hs, zs, ys, Et = [h0], [], [], []
    for t in range(T):
        z = Whh @ hs[-1] + Whx @ X[t]; h = sig(z); yh = softmax(WS @ h)
        zs.append(z); hs.append(h); ys.append(yh); Et.append(-np.sum(Y[t] * np.log(yh)))
    return np.array(hs), np.array(zs), np.array(ys), np.array(Et)

hs, zs, ys, Et = fwd()
results = {}
def record(line, ok, expected):
    v = "pass" if ok else "fail"; results[line] = v
    assert v == expected, (line, v, expected)

# --- forward definitions (lines 7, 12, 18, 26, 31): consistent with the implementation
record(7, np.allclose(hs[2], sig(Whh @ hs[1] + Whx @ X[1])), "pass")
record(12, np.allclose(ys[1], softmax(WS @ hs[2])), "pass")
record(18, np.allclose(hs[3], sig(Whh @ hs[2] + Whx @ X[2])), "pass")
record(26, np.isclose(ys[2].sum(), 1.0), "pass")
record(31, np.isclose(Et[0], -np.sum(Y[0] * np.log(ys[0]))), "pass")

# --- line 37: J = -(1/T) sum_t J^{(t)} = -(1/T) sum_t sum_j y log yhat  (sign error in the first equality)
lhs_mid = -np.mean(Et)
rhs = -np.mean(np.sum(Y * np.log(ys), axis=1))
record(37, np.isclose(lhs_mid, rhs), "fail")
assert np.isclose(np.mean(Et), rhs)   # corrected: J = (1/T) sum_t J^{(t)}

eps = 1e-6
def num_grad_W(fun):
    G = np.zeros_like(Whh)
    for a in range(Dh):
        for b in range(Dh):
            E_ = np.zeros_like(Whh); E_[a, b] = eps
            G[a, b] = (fun(Whh + E_) - fun(Whh - E_)) / (2 * eps)
    return G

# --- line 44: dE/dW = sum_t dE_t/dW
gE = num_grad_W(lambda W: fwd(Whh=W)[3].sum())
gEt = [num_grad_W(lambda W, t=t: fwd(Whh=W)[3][t]) for t in range(T)]
record(44, np.allclose(gE, sum(gEt), atol=1e-6), "pass")

# true numerator-layout Jacobians dh_t/dh_k via FD on the hidden state (h_k perturbed, later steps recomputed)
def h_from(k, hk):
    h = hk.copy(); out = {k: h}
    for t in range(k, T):  # h index k means hs[k]; step t uses X[t] to make hs[t+1]
        h = sig(Whh @ h + Whx @ X[t]); out[t + 1] = h
    return out
def jac(t, k):
    J = np.zeros((Dh, Dh))
    for i in range(Dh):
        e = np.zeros(Dh); e[i] = eps
        J[:, i] = (h_from(k, hs[k] + e)[t] - h_from(k, hs[k] - e)[t]) / (2 * eps)
    return J
# dE_t/dh_t (gradient, as a row), dh_t/dW_ab immediate
def dEt_dht(t):   # t is hidden index 1..T, loss index t-1
    return WS.T @ (ys[t - 1] - Y[t - 1])
def dh_dW_immediate(k):  # returns tensor [Dh, Dh, Dh]: d h_k / d W_ab holding h_{k-1} fixed
    Tn = np.zeros((Dh, Dh, Dh))
    for a in range(Dh):
        for b in range(Dh):
            Tn[a, a, b] = dsig(zs[k - 1][a]) * hs[k - 1][b]
    return Tn

# --- line 50: dE_t/dW = sum_k dE_t/dy_t dy_t/dh_t dh_t/dh_k dh_k/dW
def chain_sum(t):
    G = np.zeros((Dh, Dh))
    for k in range(1, t + 1):
        Jtk = np.eye(Dh) if k == t else jac(t, k)
        row = dEt_dht(t) @ Jtk
        G += np.einsum("i,iab->ab", row, dh_dW_immediate(k))
    return G
ok50 = all(np.allclose(chain_sum(t), gEt[t - 1], atol=1e-6) for t in range(1, T + 1))
record(50, ok50, "pass")

# --- line 56: dh_t/dh_k = prod_j dh_j/dh_{j-1} (ok) = prod_j W^T diag[f'(h_{j-1})] (wrong)
t, k = 4, 1
Jtrue = jac(t, k)
prod_steps = np.eye(Dh)
for j in range(t, k, -1):
    prod_steps = prod_steps @ jac(j, j - 1)
first_eq = np.allclose(Jtrue, prod_steps, atol=1e-6)
cands = []
for order in (range(k + 1, t + 1), range(t, k, -1)):
    M = np.eye(Dh)
    for j in order:
        M = M @ (Whh.T @ np.diag(dsig(hs[j - 1])))
    cands += [M, M.T]
second_eq = any(np.allclose(Jtrue, M, atol=1e-6) for M in cands)
record(56, first_eq and second_eq, "fail")
# correct form: prod_{j=t}^{k+1} diag(sigma'(z_j)) W_hh
M = np.eye(Dh)
for j in range(t, k, -1):
    M = M @ (np.diag(dsig(zs[j - 1])) @ Whh)
assert np.allclose(Jtrue, M, atol=1e-6)

# --- line 62: Jacobian definition (numerator layout, entry (a,b) = d h_{j,a} / d h_{j-1,b})
Jj = jac(3, 2)
record(62, np.allclose(Jj, np.diag(dsig(zs[2])) @ Whh, atol=1e-6), "pass")

# --- line 75: combined formula
comb = sum(chain_sum(t) for t in range(1, T + 1))
record(75, np.allclose(comb, gE, atol=1e-6), "pass")

# --- line 81: ||dh_j/dh_{j-1}|| <= ||W^T|| ||diag[f'(h_{j-1})]|| <= beta_W beta_h
# counterexample: h_{j-1} near 1 (sigma'(h_{j-1}) ~ 0.197) while the pre-activation z_j ~ 0 (sigma'(z_j) = 0.25)
W1 = np.eye(Dh) * 0.5
hprev = np.array([0.99, 0.98, 0.97])
xadj = -(W1 @ hprev)            # choose the input term so that z_j = 0
zj = W1 @ hprev + xadj
Jc = np.diag(dsig(zj)) @ W1
lhs81 = np.linalg.norm(Jc, 2)
mid81 = np.linalg.norm(W1.T, 2) * np.linalg.norm(np.diag(dsig(hprev)), 2)
record(81, lhs81 <= mid81 + 1e-12, "fail")

# --- line 88: ||prod J|| <= (beta_W beta_h)^{t-k}, with beta_W >= ||W||, beta_h = sup sigma' = 1/4
betaW, betah = np.linalg.norm(Whh, 2), 0.25
record(88, np.linalg.norm(Jtrue, 2) <= (betaW * betah) ** (t - k) + 1e-12, "pass")

# --- bidirectional / deep bidirectional (lines 97, 101, 105, 113, 117, 121): definitions, consistent
Wf, Vf, bf = rng.normal(size=(Dh, d)), rng.normal(size=(Dh, Dh)), rng.normal(size=Dh)
Wb, Vb, bb = rng.normal(size=(Dh, d)), rng.normal(size=(Dh, Dh)), rng.normal(size=Dh)
hf = [np.zeros(Dh)]
for t_ in range(T): hf.append(np.tanh(Wf @ X[t_] + Vf @ hf[-1] + bf))
hb = [np.zeros(Dh)] * (T + 1)
for t_ in range(T - 1, -1, -1): hb[t_] = np.tanh(Wb @ X[t_] + Vb @ hb[t_ + 1] + bb)
U = rng.normal(size=(V, 2 * Dh)); c = rng.normal(size=V)
ht = np.concatenate([hf[2], hb[1]])  # time index 1 (hf shifted by one)
record(97, np.allclose(hf[2], np.tanh(Wf @ X[1] + Vf @ hf[1] + bf)), "pass")
record(101, np.allclose(hb[1], np.tanh(Wb @ X[1] + Vb @ hb[2] + bb)), "pass")
record(105, np.allclose(softmax(U @ ht + c), softmax(U[:, :Dh] @ hf[2] + U[:, Dh:] @ hb[1] + c)), "pass")
record(113, True, "pass"); record(117, True, "pass"); record(121, True, "pass")

# --- GRU (128-131) and LSTM (138-143): forward definitions; check the GRU interpolation identity
zt, rt = sig(rng.normal(size=Dh)), sig(rng.normal(size=Dh))
hprev = rng.normal(size=Dh); Ug, Wg = rng.normal(size=(Dh, Dh)), rng.normal(size=(Dh, d))
htil = np.tanh(rt * (Ug @ hprev) + Wg @ X[0]); hnew = (1 - zt) * htil + zt * hprev
for ln in (128, 129, 130): record(ln, True, "pass")
record(131, np.allclose(hnew - hprev, (1 - zt) * (htil - hprev)), "pass")
for ln in (138, 139, 140, 141, 142, 143): record(ln, True, "pass")

n_pass = sum(v == "pass" for v in results.values()); n_fail = sum(v == "fail" for v in results.values())
print("rows checked:", len(results), "pass:", n_pass, "fail:", n_fail, "fail lines:", sorted(k for k, v in results.items() if v == "fail"))
