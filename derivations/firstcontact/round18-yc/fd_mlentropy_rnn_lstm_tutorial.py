"""FD check of mlentropy_rnn_lstm_tutorial.md.
RNN (column vectors): h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), y_t = W_hy h_t + b_y, L = sum_t L_t;
the loss of a step is not specified: L_t = 1/2 ||y_t - target_t||^2 is used (dL_t/dy_t = y_t - target_t).
LSTM: gates on [h_{t-1}, x_t], c_t = f.c_{t-1} + i.c~, h_t = o.tanh(c_t), loss 1/2 sum_t ||V h_t - target_t||^2."""
import numpy as np
rng = np.random.default_rng(3)
D, H, O, T = 3, 4, 2, 5
W_xh, W_hh, W_hy = rng.normal(size=(H, D)) * .6, rng.normal(size=(H, H)) * .6, rng.normal(size=(O, H)) * .6
b_h, b_y = rng.normal(size=H) * .2, rng.normal(size=O) * .2
xs = rng.normal(size=(T + 1, D)); tg = rng.normal(size=(T + 1, O))
P = dict(W_xh=W_xh, W_hh=W_hh, W_hy=W_hy, b_h=b_h, b_y=b_y)
def fwd(P, hp=None):
    h = np.zeros(H); hs = {0: h}; ys = {}; L = 0
    for t in range(1, T + 1):
        h = np.tanh(P['W_hh'] @ h + P['W_xh'] @ xs[t] + P['b_h'])
        if hp is not None and hp[0] == t: h = h + hp[1]
        y = P['W_hy'] @ h + P['b_y']; L += .5 * np.sum((y - tg[t]) ** 2); hs[t] = h; ys[t] = y
    return L, hs, ys
L, hs, ys = fwd(P); eps = 1e-6
dLdy = {t: ys[t] - tg[t] for t in range(1, T + 1)}
def fdgrad(k):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(g.shape):
        Q = {a: b.copy() for a, b in P.items()}; Q[k][idx] += eps; Lp = fwd(Q)[0]; Q[k][idx] -= 2 * eps; g[idx] = (Lp - fwd(Q)[0]) / (2 * eps)
    return g
G = {k: fdgrad(k) for k in P}
dh_fd = {t: np.array([(fwd(P, (t, e))[0] - fwd(P, (t, -e))[0]) / (2 * eps) for e in np.eye(H) * eps]) for t in range(1, T + 1)}
print("line 37 dL/dW_hy = sum dL_t/dy_t h_t^T:", np.abs(sum(np.outer(dLdy[t], hs[t]) for t in range(1, T + 1)) - G['W_hy']).max())
print("line 44 delta_T = W_hy^T dL_T/dy_T:", np.abs(P['W_hy'].T @ dLdy[T] - dh_fd[T]).max())
# line 47 two readings, with the true delta_{t+1}
t = 2
A = P['W_hy'].T @ dLdy[t] + (P['W_hh'].T @ dh_fd[t + 1]) * (1 - hs[t + 1] ** 2)      # (W^T delta) . (1-h^2): reading as printed
B = P['W_hy'].T @ dLdy[t] + P['W_hh'].T @ (dh_fd[t + 1] * (1 - hs[t + 1] ** 2))      # W^T (delta . (1-h^2)): the code (line 61)
print("line 47 read (W^T delta).(1-h^2):", np.abs(A - dh_fd[t]).max(), "| read W^T(delta.(1-h^2)) = code line 61:", np.abs(B - dh_fd[t]).max())
# author's code recursion (line 58, 61) and sums (64-66)
delta = {T: P['W_hy'].T @ dLdy[T]}
for t in range(T - 1, 0, -1):
    delta[t] = P['W_hy'].T @ dLdy[t] + P['W_hh'].T @ (delta[t + 1] * (1 - hs[t + 1] ** 2))
print("lines 58/61 delta recursion vs FD:", max(np.abs(delta[t] - dh_fd[t]).max() for t in range(1, T + 1)))
dW_hh = sum(np.outer(delta[t] * (1 - hs[t] ** 2), hs[t - 1]) for t in range(1, T + 1))
dW_xh = sum(np.outer(delta[t] * (1 - hs[t] ** 2), xs[t]) for t in range(1, T + 1))
print("line 52 / 64 dW_hh:", np.abs(dW_hh - G['W_hh']).max(), " line 65 dW_xh:", np.abs(dW_xh - G['W_xh']).max())
print("line 66 dW_hy:", np.abs(sum(np.outer(dLdy[t], hs[t]) for t in range(1, T + 1)) - G['W_hy']).max())

# ---------------- LSTM, line 116 ----------------
sig = lambda a: 1 / (1 + np.exp(-a))
Wf, Wi, Wc, Wo = (rng.normal(size=(H, H + D)) * .5 for _ in range(4)); bf, bi, bc, bo = (rng.normal(size=H) * .2 for _ in range(4))
V = rng.normal(size=(O, H)) * .5
def lstm(cpert=None, hpert=None):
    h = np.zeros(H); c = np.zeros(H); S = {}; L = 0
    for t in range(1, T + 1):
        z = np.concatenate([h, xs[t]])
        f, i, o = sig(Wf @ z + bf), sig(Wi @ z + bi), sig(Wo @ z + bo); ct = np.tanh(Wc @ z + bc)
        c = f * c + i * ct
        if cpert is not None and cpert[0] == t: c = c + cpert[1]
        h = o * np.tanh(c)
        if hpert is not None and hpert[0] == t: h = h + hpert[1]
        L += .5 * np.sum((V @ h - tg[t]) ** 2); S[t] = (f, i, o, ct, c, h)
    return L, S
L, S = lstm()
dc = {t: np.array([(lstm(cpert=(t, e))[0] - lstm(cpert=(t, -e))[0]) / (2 * eps) for e in np.eye(H) * eps]) for t in range(1, T + 1)}
dh = {t: np.array([(lstm(hpert=(t, e))[0] - lstm(hpert=(t, -e))[0]) / (2 * eps) for e in np.eye(H) * eps]) for t in range(1, T + 1)}
t = 3; f, i, o, ct, c, h = S[t]
rhs_total = dc[t] * f + dh[t] * o * (1 - np.tanh(c) ** 2) * f
print("line 116 with total dL/dc_t, dL/dh_t:", np.abs(rhs_total - dc[t - 1]).max())
dc_future = dc[t] - dh[t] * o * (1 - np.tanh(c) ** 2)          # part of dL/dc_t arriving through c_{t+1}
rhs_carry = dc_future * f + dh[t] * o * (1 - np.tanh(c) ** 2) * f
print("line 116 if dL/dc_t meant only the part through c_{t+1} (and LHS the part through c_t):", np.abs(rhs_carry - dc[t] * f).max(),
      "; vs total dL/dc_{t-1}:", np.abs(rhs_carry - dc[t - 1]).max())
