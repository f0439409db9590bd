"""FD checks for wacc_bptt_zh.md (column vectors; s_t = U h_{t-1} + W x_t, h_t = sigma(s_t) with sigma the
SIGMOID as the text states, z_t = V h_t, yhat_t = softmax(z_t), E_t = -y_t^T log yhat_t, E = sum_t E_t;
steps 0..T, h_{-1} = 0; x_t one-hot). delta_k = dE_t/ds_k (column)."""
import numpy as np
from fd_common import num_grad, num_jac, softmax, sigmoid, check, summary

rng = np.random.default_rng(3)
K, H, T = 5, 4, 4
U = rng.normal(size=(H, H)); W = rng.normal(size=(H, K)); V = rng.normal(size=(K, H))
xs = np.zeros((T + 1, K)); ys = np.zeros((T + 1, K))
for k in range(T + 1):
    xs[k, rng.integers(K)] = 1.0; ys[k, rng.integers(K)] = 1.0


def forward(act=sigmoid, pert=None):
    h = np.zeros(H); hs = {-1: h}; ss = {}
    for k in range(T + 1):
        s = U @ h + W @ xs[k]
        if pert is not None and pert[0] == k:
            s = s + pert[1]
        h = act(s); ss[k] = s; hs[k] = h
    return ss, hs


def Et(t, hs):
    return -ys[t] @ np.log(softmax(V @ hs[t]))


ss, hs = forward()
yh = {k: softmax(V @ hs[k]) for k in range(T + 1)}
t = 3                                   # a middle step t < T
# 43 / 48: dE_t/dV = (yhat_t - y_t) (x) h_t
gV = num_grad(lambda: Et(t, forward()[1]), V)
check("43: dE_t/dV_ij = r_t^(i) h_t^(j)", gV[1, 2], (yh[t] - ys[t])[1] * hs[t][2], "pass")
check("48: dE_t/dV = (yhat_t - y_t) (x) h_t", gV, np.outer(yh[t] - ys[t], hs[t]), "pass")
# 49: dE/dV = sum_{k=0}^{t} (...)  (E = sum over all T+1 steps)
gVall = num_grad(lambda: sum(Et(k, forward()[1]) for k in range(T + 1)), V)
check("49: dE/dV = sum_{k=0}^{t} (yhat_k - y_k)(x)h_k  (t < T)", gVall, sum(np.outer(yh[k] - ys[k], hs[k]) for k in range(t + 1)), "fail")
check("49 with the sum to T", gVall, sum(np.outer(yh[k] - ys[k], hs[k]) for k in range(T + 1)), "pass")


def delta(k, act=sigmoid, tt=t):
    d = np.zeros(H)
    return num_grad(lambda: Et(tt, forward(act, (k, d))[1]), d)


dl = {k: delta(k) for k in range(t + 1)}
k = 1
sig_d = lambda h: h * (1 - h)
# 65: delta_k = diag(1-h_k.h_k) U^T delta_{k+1} = (U^T delta_{k+1}) . (1 - h_k.h_k)
check("65: delta_k = (U^T delta_{k+1}) . (1 - h_k . h_k)", dl[k], (U.T @ dl[k + 1]) * (1 - hs[k] ** 2), "fail")
check("65 with sigmoid' = h(1-h)", dl[k], (U.T @ dl[k + 1]) * sig_d(hs[k]), "pass")
# 69: delta_t = diag(1-h_t.h_t) V^T (yhat_t - y_t)
check("69: delta_t = (V^T(yhat_t - y_t)) . (1 - h_t . h_t)", dl[t], (V.T @ (yh[t] - ys[t])) * (1 - hs[t] ** 2), "fail")
check("69 with sigmoid'", dl[t], (V.T @ (yh[t] - ys[t])) * sig_d(hs[t]), "pass")
# the same rows hold if the activation were tanh (the error is the activation/derivative mismatch)
ss_t, hs_t = forward(np.tanh)
dlt = {kk: delta(kk, np.tanh) for kk in (k, k + 1)}
print("   with tanh instead of sigmoid, 65 would hold: diff",
      np.abs(dlt[k] - (U.T @ dlt[k + 1]) * (1 - hs_t[k] ** 2)).max())
# 59 / 70 / 73: dE_t/dU = sum_k delta_k (x) h_{k-1}   (with the true delta_k)
gU = num_grad(lambda: Et(t, forward()[1]), U)
check("70: dE_t/dU_ij = sum_k delta_k^(i) h_{k-1}^(j)", gU[2, 1], sum(dl[kk][2] * hs[kk - 1][1] for kk in range(t + 1)), "pass")
check("73: dE_t/dU = sum_{k=0}^t delta_k (x) h_{k-1}", gU, sum(np.outer(dl[kk], hs[kk - 1]) for kk in range(t + 1)), "pass")
# 80: dE_t/dW = sum_k delta_k (x) x_k
gW = num_grad(lambda: Et(t, forward()[1]), W)
check("80: dE_t/dW = sum_{k=0}^t delta_k (x) x_k", gW, sum(np.outer(dl[kk], xs[kk]) for kk in range(t + 1)), "pass")
# 59: dE_t/dU_ij = sum_k tr[delta_k^T ds_k/dU_ij] (immediate ds_k/dU_ij = h_{k-1}^(j) e_i)
check("59: sum_k tr[delta_k^T ds_k/dU_ij]", gU[0, 3], sum(dl[kk] @ (np.eye(H)[0] * hs[kk - 1][3]) for kk in range(t + 1)), "pass")
# pseudo-code 85/87/89: delta_T = V^T r_T * (1-h_T^2); dEdW[:, x_t] += delta_t; delta <- U^T delta * (1-h_{t-1}^2)
dT = {kk: delta(kk, sigmoid, T) for kk in (T - 1, T)}
check("85: delta_T = V.T.dot(residual[T]) * (1-h[T]**2)", dT[T], (V.T @ (yh[T] - ys[T])) * (1 - hs[T] ** 2), "fail")
check("89: delta_{t-1} = U.T.dot(delta_t) * (1 - h[t-1]**2)", dT[T - 1], (U.T @ dT[T]) * (1 - hs[T - 1] ** 2), "fail")
# 87: dEdW[:, x[t]] += delta_t accumulates delta_t into the column of the active input = delta_t (x) x_t
gWT = num_grad(lambda: Et(T, forward()[1]), W)
dTall = {kk: delta(kk, sigmoid, T) for kk in range(T + 1)}
acc = np.zeros_like(W)
for kk in range(T, -1, -1):
    acc[:, np.argmax(xs[kk])] += dTall[kk]
check("87: dEdW[:, x[t]] += delta_t (true deltas of E_T)", gWT, acc, "pass")
summary()
