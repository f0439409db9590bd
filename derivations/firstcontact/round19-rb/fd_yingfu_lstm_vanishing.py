"""FD check of yingfu_lstm_vanishing.md (Ying Fu 2020).
RNN: h_t = sigmoid(W h_{t-1} + W^{hx} x_t), y_t = W^S h_t, E_t = 0.5||y_t - d_t||^2, E = sum_t E_t.
LSTM: f,i,o = sigmoid(W_q h_{t-1} + U_q x_t), c~ = tanh(W_c h + U_c x), c = f*c_prev + i*c~, h = o*tanh(c).
"""
import numpy as np
rng = np.random.default_rng(1)
sig = lambda z: 1 / (1 + np.exp(-z)); dsig = lambda z: sig(z) * (1 - sig(z))
H, D, V, T = 3, 2, 2, 4
W = rng.normal(size=(H, H)); Whx = rng.normal(size=(H, D)); WS = rng.normal(size=(V, H))
X = rng.normal(size=(T + 1, D)); Yd = rng.normal(size=(T + 1, V)); h0 = rng.normal(size=H)
def run(W_):
    hs = [h0]
    for t in range(1, T + 1): hs.append(sig(W_ @ hs[-1] + Whx @ X[t]))
    return hs
def Et(W_, t):
    return 0.5 * np.sum((WS @ run(W_)[t] - Yd[t]) ** 2)
def num_grad(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Ap[idx] += eps; Am = A.copy(); Am[idx] -= eps
        g[idx] = (f(Ap) - f(Am)) / (2 * eps)
    return g
hs = run(W)
Jstep = lambda j: np.diag(dsig(W @ hs[j - 1] + Whx @ X[j])) @ W   # true dh_j/dh_{j-1}
def Jprod(t, k):
    P = np.eye(H)
    for j in range(t, k, -1): P = P @ Jstep(j)
    return P
def num_dh(t, k):
    def f(hk):
        h = hk
        for j in range(k + 1, t + 1): h = sig(W @ h + Whx @ X[j])
        return h
    return np.column_stack([(f(hs[k] + e) - f(hs[k] - e)) / 2e-6 for e in np.eye(H) * 1e-6])
print("38 dh_t/dh_k = prod_{j=k+1}^t dh_j/dh_{j-1}:", np.allclose(Jprod(4, 1), num_dh(4, 1), atol=1e-7))
def formula_Et(t):
    g = np.zeros((H, H)); dEdy = WS @ hs[t] - Yd[t]
    for k in range(1, t + 1):
        row = dEdy @ WS @ Jprod(t, k)                      # dE_t/dy_t dy_t/dh_t dh_t/dh_k
        g += np.outer(row * dsig(W @ hs[k - 1] + Whx @ X[k]), hs[k - 1])  # immediate dh_k/dW
    return g
t = 3
print("30/34 dE_t/dW = sum_k ...:", np.allclose(formula_Et(t), num_grad(lambda A: Et(A, t), W), atol=1e-7))
print("25/42 dE/dW = sum_t sum_k ...:", np.allclose(sum(formula_Et(t) for t in range(1, T + 1)),
      num_grad(lambda A: sum(Et(A, t) for t in range(1, T + 1)), W), atol=1e-7))
# 50: dh_j/dh_{j-1} = diag(sigma'(W h_{t-1} + W^hx x_t)) W  (t, not j)
j, tt = 2, 4
lit = np.diag(dsig(W @ hs[tt - 1] + Whx @ X[tt])) @ W
print("50 literal (j=2, t=4):", np.allclose(lit, num_dh(j, j - 1), atol=1e-7), "| with t->j:", np.allclose(Jstep(j), num_dh(j, j - 1), atol=1e-7))
# LSTM: dc_j/dc_{j-1}
Wq = {q: rng.normal(size=(H, H)) for q in "fioc"}; Uq = {q: rng.normal(size=(H, D)) for q in "fioc"}
x = rng.normal(size=D); o_prev = sig(rng.normal(size=H)); c_prev = rng.normal(size=H)
def c_of(cp):
    hp = o_prev * np.tanh(cp)
    f = sig(Wq['f'] @ hp + Uq['f'] @ x); i = sig(Wq['i'] @ hp + Uq['i'] @ x); ct = np.tanh(Wq['c'] @ hp + Uq['c'] @ x)
    return f * cp + i * ct
Jn = np.column_stack([(c_of(c_prev + e) - c_of(c_prev - e)) / 2e-6 for e in np.eye(H) * 1e-6])
hp = o_prev * np.tanh(c_prev)
zf, zi, zc = Wq['f'] @ hp + Uq['f'] @ x, Wq['i'] @ hp + Uq['i'] @ x, Wq['c'] @ hp + Uq['c'] @ x
Dh = np.diag(o_prev * (1 - np.tanh(c_prev) ** 2))
correct = (np.diag(c_prev) @ np.diag(dsig(zf)) @ Wq['f'] @ Dh + np.diag(sig(zf))
           + np.diag(np.tanh(zc)) @ np.diag(dsig(zi)) @ Wq['i'] @ Dh
           + np.diag(sig(zi)) @ np.diag(1 - np.tanh(zc) ** 2) @ Wq['c'] @ Dh)
print("115 chain-rule form (direct partial = diag f_j):", np.allclose(correct, Jn, atol=1e-7))
# 122 literal: diag(c_{t-1}) ... W_h (read W_f; c_{t-1} read as c_{j-1}) ; diag(sigma(.)) in i-term ; W_o and diag(tanh(.)) in c~-term
lit = (np.diag(c_prev) @ np.diag(dsig(zf)) @ Wq['f'] @ Dh + np.diag(sig(zf))
       + np.diag(np.tanh(zc)) @ np.diag(sig(zi)) @ Wq['i'] @ Dh
       + np.diag(sig(zi)) @ np.diag(np.tanh(zc)) @ Wq['o'] @ Dh)
print("122 literal (most charitable: W_h=W_f, t=j):", np.allclose(lit, Jn, atol=1e-7))
