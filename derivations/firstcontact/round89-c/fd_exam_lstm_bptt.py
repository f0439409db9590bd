# FD check for exam_lstm_bptt.md (numpy only).
import numpy as np
rng = np.random.default_rng(1)
sig = lambda a: 1 / (1 + np.exp(-a))
def fd(f, X, eps=1e-6):
    G = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        Xp, Xm = X.copy(), X.copy(); Xp[i] += eps; Xm[i] -= eps
        G[i] = (f(Xp) - f(Xm)) / (2 * eps)
    return G
# ---- vanilla RNN, line 8: h_t = tanh(Whh h_{t-1} + Wxh x_t + b_h)
H, D, T = 4, 3, 4
Whh, Wxh, bh = rng.normal(0, .6, (H, H)), rng.normal(0, .6, (H, D)), rng.normal(0, .2, H)
x = rng.normal(size=(T + 1, D)); h0 = rng.normal(0, .5, H)
def rnn(Whh, h0=h0):
    h = [h0]
    for t in range(1, T + 1): h.append(np.tanh(Whh @ h[t-1] + Wxh @ x[t] + bh))
    return h
h = rnn(Whh); k = 3
J_fd = fd(lambda hp: 0, np.zeros(1))  # placeholder
J_fd = np.zeros((H, H))
for j in range(H):
    e = np.zeros(H); e[j] = 1e-6
    J_fd[:, j] = (np.tanh(Whh @ (h[k-1] + e) + Wxh @ x[k] + bh) - np.tanh(Whh @ (h[k-1] - e) + Wxh @ x[k] + bh)) / 2e-6
J_src = np.diag(1 - np.tanh(h[k-1]) ** 2) @ Whh      # lines 26 / 69
J_ok = np.diag(1 - h[k] ** 2) @ Whh
print("lines 26/69 Jacobian diag(1-tanh^2(h_{k-1})) W_hh == dh_k/dh_{k-1}?", np.allclose(J_src, J_fd, atol=1e-6),
      "| diag(1-h_k^2) W_hh ==:", np.allclose(J_ok, J_fd, atol=1e-6))
# line 24: dL_t/dW = sum_tau dL_t/dh_t prod dh_k/dh_{k-1} dh_tau/dW (immediate), L_t = a . h_t, t = T
a = rng.normal(size=H)
Lt = lambda W: a @ rnn(W)[T]
G = np.zeros((H, H)); g = a.copy()
for tau in range(T, 0, -1):
    dpre = g * (1 - h[tau] ** 2); G += np.outer(dpre, h[tau-1]); g = Whh.T @ dpre
print("line 24 BPTT sum over tau (correct Jacobians) == FD:", np.allclose(G, fd(Lt, Whh), atol=1e-6))
# line 28: ||prod J|| <= ||Whh||^(t-tau) (spectral norm)
P = np.eye(H)
for kk in range(2, T + 1): P = (np.diag(1 - h[kk] ** 2) @ Whh) @ P
print("line 28 bound holds:", np.linalg.norm(P, 2) <= np.linalg.norm(Whh, 2) ** (T - 1) + 1e-12)
# ---- LSTM: gates on [h_{t-1}, x_t] (lines 40-42), C_t (lines 32/51), h_t = o_t * tanh(C_t)
Hl, Dl, Tl = 3, 2, 3
W = {g_: rng.normal(0, .7, (Hl, Hl + Dl)) for g_ in "fioc"}; b = {g_: rng.normal(0, .2, Hl) for g_ in "fioc"}
xl = rng.normal(size=(Tl + 1, Dl)); wout = rng.normal(size=(Tl + 1, Hl))
def lstm(C0=None, start=1, C_override=None, h_init=None):
    h = {0: np.zeros(Hl)}; C = {0: np.zeros(Hl)}; cache = {}
    for t in range(1, Tl + 1):
        z = np.concatenate([h[t-1], xl[t]])
        f, i, o = sig(W['f'] @ z + b['f']), sig(W['i'] @ z + b['i']), sig(W['o'] @ z + b['o'])
        Ct = np.tanh(W['c'] @ z + b['c'])
        C[t] = f * C[t-1] + i * Ct
        if C_override is not None and t == C_override[0]: C[t] = C[t] + C_override[1]
        h[t] = o * np.tanh(C[t]); cache[t] = (f, i, o, Ct)
    return h, C, cache
def loss_from(pert_t, d):
    h, C, _ = lstm(C_override=(pert_t, d)); return sum(wout[t] @ h[t] for t in range(1, Tl + 1))
h, C, cache = lstm()
t = 3
dL_dC = {s: fd(lambda d, s=s: loss_from(s, d), np.zeros(Hl)) for s in (1, 2, 3)}  # total dL/dC_s
f3, i3, o3, _ = cache[3]
dLdh3 = wout[3]                     # total dL/dh_3 (last step)
direct = dLdh3 * o3 * (1 - np.tanh(C[3]) ** 2)   # path C_3 -> h_3
# line 55, reading A: dL/dC_t = total gradient, dtanh/dC_{t-1} = d tanh(C_t)/dC_{t-1} = (1 - tanh^2 C_t) f_t
rA = dL_dC[3] * f3 + dLdh3 * o3 * (1 - np.tanh(C[3]) ** 2) * ((1 - np.tanh(C[3]) ** 2) * f3)
# reading B: dL/dC_t = only the part arriving through C_{t+1} (zero at t = T)
rB = 0 * f3 + dLdh3 * o3 * (1 - np.tanh(C[3]) ** 2) * ((1 - np.tanh(C[3]) ** 2) * f3)
print("line 55 reading A == dL/dC_{t-1}?", np.allclose(rA, dL_dC[2], atol=1e-6),
      "| reading B ==?", np.allclose(rB, dL_dC[2], atol=1e-6),
      "| correct cell-path recursion (dC_t_total*f_t + h_{t-1} path) gives", np.round(dL_dC[2], 4))
# line 18: dC_k/dC_{k-1} = f_t  (k = 2, t = 3): total Jacobian by FD vs diag(f_3) and diag(f_2)
k = 2
def C_k_from(d):
    h_, C_, _ = lstm(C_override=(k - 1, d)); return C_[k]
Jc = np.column_stack([(C_k_from(np.eye(Hl)[j] * 1e-6) - C_k_from(-np.eye(Hl)[j] * 1e-6)) / 2e-6 for j in range(Hl)])
f2 = cache[2][0]
print("line 18 dC_k/dC_{k-1} == diag(f_t) (t=3,k=2)?", np.allclose(Jc, np.diag(f3), atol=1e-6),
      "| == diag(f_k) (direct part only)?", np.allclose(Jc, np.diag(f2), atol=1e-6))
# lines 34/69 second half: partial dC_t/dC_{t-1} with gates held fixed = diag(f_t)
print("lines 34/69: partial dC_t/dC_{t-1} (gates fixed) = f_t:", np.allclose(((f3 * (C[2] + 1e-6) + i3 * cache[3][3]) - (f3 * (C[2] - 1e-6) + i3 * cache[3][3])) / 2e-6, f3))
# line 16: dL_t/dC_tau = prod_k (total dC_k/dC_{k-1}) . dL_t/dC_t  (tau=1, t=2, L_t = wout[2].h_2)
def L2_from(s, d):
    h_, C_, _ = lstm(C_override=(s, d)); return wout[2] @ h_[2]
g2 = fd(lambda d: L2_from(2, d), np.zeros(Hl)); g1 = fd(lambda d: L2_from(1, d), np.zeros(Hl))
print("line 16 with total Jacobians:", np.allclose(Jc.T @ g2, g1, atol=1e-6))
