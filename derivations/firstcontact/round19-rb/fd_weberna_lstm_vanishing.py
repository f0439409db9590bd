"""FD check of weberna_lstm_vanishing.md (N. Weber 2017).
Vanilla RNN: h_t = tanh(W_I x_t + W_R h_{t-1}), y_t = W_O h_t, E_t = 0.5||y_t - d_t||^2 (E_t any function of y_t).
LSTM (no biases): gates on [h_{t-1}, x_t]; C_t = f C_{t-1} + i Ct~; h_t = o tanh(C_t).
"""
import numpy as np
rng = np.random.default_rng(0)
H, D, O, T = 3, 2, 2, 5
WI = rng.normal(size=(H, D)); WR = rng.normal(size=(H, H)) * 0.8; WO = rng.normal(size=(O, H))
X = rng.normal(size=(T + 1, D)); Y = rng.normal(size=(T + 1, O)); h0 = rng.normal(size=H)

def run(WR_, h0_=h0):
    hs = [h0_]
    for k in range(1, T + 1):
        hs.append(np.tanh(WI @ X[k] + WR_ @ hs[-1]))
    return hs

def E(WR_, t):
    hs = run(WR_); y = WO @ hs[t]; return 0.5 * np.sum((y - Y[t]) ** 2)

def num_grad(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Ap[idx] += eps; Am = A.copy(); Am[idx] -= eps
        g[idx] = (f(Ap) - f(Am)) / (2 * eps)
    return g

hs = run(WR)
def J(k):  # true dh_k/dh_{k-1}
    a = WI @ X[k] + WR @ hs[k - 1]
    return np.diag(1 - np.tanh(a) ** 2) @ WR
def num_jac_h(t, i):  # dh_t/dh_i numerically
    def ht_from_hi(hi):
        h = hi
        for k in range(i + 1, t + 1):
            h = np.tanh(WI @ X[k] + WR @ h)
        return h
    Jn = np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H); e[j] = 1e-6
        Jn[:, j] = (ht_from_hi(hs[i] + e) - ht_from_hi(hs[i] - e)) / 2e-6
    return Jn

t = T
# line 33: dE_t/dW_R = sum_{i=0}^t dE/dy dy/dh_t dh_t/dh_i d+h_i/dW_R (immediate partial; i=0 term zero)
g_num = num_grad(lambda A: E(A, t), WR)
dEdh = (WO @ hs[t] - Y[t]) @ WO  # row
g = np.zeros((H, H))
for i in range(1, t + 1):
    row = dEdh @ num_jac_h(t, i)
    a = WI @ X[i] + WR @ hs[i - 1]
    g += np.outer(row * (1 - np.tanh(a) ** 2), hs[i - 1])
print("33 dE_t/dW_R sum (Pascanu form):", np.allclose(g, g_num, atol=1e-6))
# line 37: dh_t/dh_i = product of one-step Jacobians
i = 1; P = np.eye(H)
for k in range(t, i, -1): P = P @ J(k)
print("37 dh_t/dh_i chain:", np.allclose(P, num_jac_h(t, i), atol=1e-6))
# line 41: dh_{k+1}/dh_k = diag(f'(W_I x_i + W_R h_{i-1})) W_R, i unrelated to k (read i as in line 34 => e.g. i=1)
k = 3
lit = np.diag(1 - np.tanh(WI @ X[1] + WR @ hs[0]) ** 2) @ WR
print("41 literal (i=1,k=3):", np.allclose(lit, num_jac_h(k + 1, k), atol=1e-6),
      "| intended i=k+1:", np.allclose(J(k + 1), num_jac_h(k + 1, k), atol=1e-6))
# line 45: dh_k/dh_1 = prod_i^k diag(f'(W_I x_i + W_R h_{i-1})) W_R
k = 4
P1 = np.eye(H)
for ii in range(1, k + 1): P1 = P1 @ J(ii)          # i = 1..k, ascending
P2 = np.eye(H)
for ii in range(2, k + 1): P2 = P2 @ J(ii)          # i = 2..k, ascending
P3 = np.eye(H)
for ii in range(k, 1, -1): P3 = P3 @ J(ii)          # correct: descending from k to 2
Jn = num_jac_h(k, 1)
print("45 prod i=1..k:", np.allclose(P1, Jn, atol=1e-6), "| i=2..k ascending:", np.allclose(P2, Jn, atol=1e-6),
      "| i=k..2 descending (correct):", np.allclose(P3, Jn, atol=1e-6))

# LSTM part: scalar (H=1) reading, W_q = [w_qh, w_qx]
sig = lambda z: 1 / (1 + np.exp(-z))
w = {q: rng.normal(size=2) for q in "fioC"}
xs = rng.normal(size=4)
def lstm_from(Cprev, hprev, t0, t1):
    C, h = Cprev, hprev
    for t_ in range(t0, t1 + 1):
        v = np.array([h, xs[t_]])
        f, i_, o = sig(w['f'] @ v), sig(w['i'] @ v), sig(w['o'] @ v); Ct = np.tanh(w['C'] @ v)
        C = f * C + i_ * Ct; h = o * np.tanh(C)
    return C, h
# state at t-1: C_{t-1}, h_{t-1} = o_{t-1} tanh(C_{t-1}); o_{t-1} from h_{t-2}, x_{t-1}
h_tm2, C_tm2 = 0.3, -0.4
v1 = np.array([h_tm2, xs[1]])
o_tm1 = sig(w['o'] @ v1)
def C_t_of_Ctm1(Ctm1):
    htm1 = o_tm1 * np.tanh(Ctm1)
    v = np.array([htm1, xs[2]])
    f, i_, Ct = sig(w['f'] @ v), sig(w['i'] @ v), np.tanh(w['C'] @ v)
    return f * Ctm1 + i_ * Ct
Ctm1 = 0.7
num = (C_t_of_Ctm1(Ctm1 + 1e-6) - C_t_of_Ctm1(Ctm1 - 1e-6)) / 2e-6
htm1 = o_tm1 * np.tanh(Ctm1); v = np.array([htm1, xs[2]])
zf, zi, zC = w['f'] @ v, w['i'] @ v, w['C'] @ v
f, i_, Ct = sig(zf), sig(zi), np.tanh(zC)
dh_dC = o_tm1 * (1 - np.tanh(Ctm1) ** 2)
sp = lambda z: sig(z) * (1 - sig(z))
# lines 97 (chain form) and line 107 (explicit, W_q read as its h_{t-1} block, products as diag / scalar)
expl = (Ctm1 * sp(zf) * w['f'][0] * dh_dC + Ct * sp(zi) * w['i'][0] * dh_dC
        + i_ * (1 - np.tanh(zC) ** 2) * w['C'][0] * dh_dC + f)
print("97/107 dC_t/dC_{t-1} (scalar, W_q -> h-block):", np.isclose(expl, num, atol=1e-7), expl, num)
# vector check of line 107 with diag reading and h-blocks
Hh, Dx = 3, 2
Wv = {q: rng.normal(size=(Hh, Hh + Dx)) for q in "fioC"}
xv = rng.normal(size=Dx); o1 = sig(rng.normal(size=Hh)); Cv = rng.normal(size=Hh)
def Ct_vec(Cp):
    hp = o1 * np.tanh(Cp); vv = np.concatenate([hp, xv])
    return sig(Wv['f'] @ vv) * Cp + sig(Wv['i'] @ vv) * np.tanh(Wv['C'] @ vv)
Jn = np.column_stack([(Ct_vec(Cv + e) - Ct_vec(Cv - e)) / 2e-6 for e in np.eye(Hh) * 1e-6])
hp = o1 * np.tanh(Cv); vv = np.concatenate([hp, xv])
zf, zi, zC = Wv['f'] @ vv, Wv['i'] @ vv, Wv['C'] @ vv
Dh = np.diag(o1 * (1 - np.tanh(Cv) ** 2))
Ja = (np.diag(Cv * sp(zf)) @ Wv['f'][:, :Hh] @ Dh + np.diag(np.tanh(zC) * sp(zi)) @ Wv['i'][:, :Hh] @ Dh
      + np.diag(sig(zi) * (1 - np.tanh(zC) ** 2)) @ Wv['C'][:, :Hh] @ Dh + np.diag(sig(zf)))
print("107 vector (diag, h-blocks):", np.allclose(Ja, Jn, atol=1e-6))
