"""FD checks for ugenteraan_vanilla_rnn.md (row vectors: h_t = tanh(X_t W_xh + h_{t-1} W_hh + b_h),
o_t = h_t W_yh + b_y, yhat_t = softmax(o_t), L = sum_t L_t, L_t = -y_t . log yhat_t; steps t = 1..T)."""
import numpy as np
from fd_common import num_grad, num_jac, softmax, check, summary

rng = np.random.default_rng(2)
D, H, V, T = 3, 4, 5, 4
Wxh = rng.normal(size=(D, H)); Whh = rng.normal(size=(H, H)) * 0.7; bh = rng.normal(size=H)
Wyh = rng.normal(size=(H, V)); by = rng.normal(size=V)
X = rng.normal(size=(T + 1, D)); h0 = np.tanh(rng.normal(size=H))  # nonzero h_0 so that L_1 depends on W_hh
Y = np.zeros((T + 1, V))
for t in range(1, T + 1):
    Y[t, rng.integers(V)] = 1.0


def forward():
    hs = [h0]
    for t in range(1, T + 1):
        hs.append(np.tanh(X[t] @ Wxh + hs[-1] @ Whh + bh))
    yh = [None] + [softmax(hs[t] @ Wyh + by) for t in range(1, T + 1)]
    return hs, yh


def Lt(t):
    hs, yh = forward()
    return -Y[t] @ np.log(yh[t])


def L():
    return sum(Lt(t) for t in range(1, T + 1))


hs, yh = forward()
# 56: dL/dW_yh = sum (yhat_t - y_t) (x) h_t   (outer product as written: V x H; W_yh is H x V)
dWyh = num_grad(L, Wyh)
check("56: dL/dW_yh = sum_t (yhat_t - y_t) (x) h_t", dWyh, sum(np.outer(yh[t] - Y[t], hs[t]) for t in range(1, T + 1)), "fail")
check("56 (correct, row layout): sum_t h_t^T (yhat_t - y_t)", dWyh, sum(np.outer(hs[t], yh[t] - Y[t]) for t in range(1, T + 1)), "pass")
# 74: dL/db_y = sum (yhat - y)
check("74: dL/db_y = sum_t (yhat_t - y_t)", num_grad(L, by), sum(yh[t] - Y[t] for t in range(1, T + 1)), "pass")

# Jacobians (row layout; numerator layout d h_{j+1}/d h_j = diag(1-h_{j+1}^2) W_hh^T)
def Jstep(j):          # d h_{j+1} / d h_j
    return np.diag(1 - hs[j + 1] ** 2) @ Whh.T
def Jfrom(k, t1):      # d h_{t1} / d h_k
    J = np.eye(H)
    for j in range(t1 - 1, k - 1, -1):
        J = J @ Jstep(j)
    return J

# immediate dh_k/dW_hh (h_{k-1} fixed): tensor [i, a, b] = (1-h_k[i]^2) h_{k-1}[a] delta_{ib}
def imm(k, prev):
    Tn = np.zeros((H, prev.size, H))
    for i in range(H):
        Tn[i, :, i] = (1 - hs[k][i] ** 2) * prev
    return Tn

t1 = 3                      # the text's t+1
dLdh = {tt: Wyh @ (yh[tt] - Y[tt]) for tt in range(1, T + 1)}    # dL_tt/dh_tt
gfd = num_grad(lambda: Lt(t1), Whh)
# 104: sum_{k=1}^{t+1} dL/dh_{t+1} dh_{t+1}/dh_k (immediate dh_k/dW_hh)
g104 = sum(np.einsum('i,ij,jab->ab', dLdh[t1], Jfrom(k, t1), imm(k, hs[k - 1])) for k in range(1, t1 + 1))
check("104: dL_{t+1}/dW_hh = sum_k ... dh_{t+1}/dh_k dh_k/dW_hh", gfd, g104, "pass")
# 98: dL/dh_{t+1} . dh_{t+1}/dh_t . dh_t/dW_hh  (dh_t/dW_hh total) -> drops the direct term of step t+1
g98 = sum(np.einsum('i,ij,jab->ab', dLdh[t1], Jfrom(k, t1), imm(k, hs[k - 1])) for k in range(1, t1))
check("98: one path through h_t only", gfd, g98, "fail")
# 82 / 136 with the total derivative dh_{t+1}/dW_hh: holds by definition (equal to 104)
check("82: chain with total dh_{t+1}/dW_hh", gfd, g104, "pass")
# 112 / 118: prod_{j=k}^{t} dh_{j+1}/dh_k  vs dh_{t+1}/dh_k
k = 1
Pwrong = np.eye(H)
for j in range(t1 - 1, k - 1, -1):
    Pwrong = Pwrong @ Jfrom(k, j + 1)
check("112/118: prod_{j=k}^{t} dh_{j+1}/dh_k = dh_{t+1}/dh_k", Jfrom(k, t1), Pwrong, "fail")
hk = hs[k].copy()
def h_t1_from_hk(hk):
    h = hk
    for j in range(k + 1, t1 + 1):
        h = np.tanh(X[j] @ Wxh + h @ Whh + bh)
    return h
check("130/148: dh_{t+1}/dh_k = product of one-step Jacobians", num_jac(lambda: h_t1_from_hk(hk), hk), Jfrom(k, t1), "pass")
# 124: sum_{t=1}^{T} sum_{k=1}^{t+1} (terms of L_{t+1}) -> uses L_2..L_{T+1}; L_{T+1} does not exist, L_1 missing
gtot = num_grad(L, Whh)
def term(tt, W_imm):
    return sum(np.einsum('i,ij,jab->ab', dLdh[tt], Jfrom(k, tt), W_imm(k)) for k in range(1, tt + 1))
g124 = sum(term(tt, lambda k: imm(k, hs[k - 1])) for tt in range(2, T + 1))   # the existing terms L_2..L_T
check("124: sum_{t=1}^{T} sum_{k=1}^{t+1} (L_{t+1} terms)", gtot, g124, "fail")
g124ok = sum(term(tt, lambda k: imm(k, hs[k - 1])) for tt in range(1, T + 1))
check("124 corrected (t from 0 to T-1): dL/dW_hh", gtot, g124ok, "pass")
# 142 likewise for W_xh
gx = num_grad(L, Wxh)
g142 = sum(term(tt, lambda k: imm(k, X[k])) for tt in range(2, T + 1))
check("142: same index range for W_xh", gx, g142, "fail")
check("142 corrected: dL/dW_xh", gx, sum(term(tt, lambda k: imm(k, X[k])) for tt in range(1, T + 1)), "pass")
# 90: h_{t+1} = tanh(X_t W_xh + h_t W_hh + b_h)  (X_t for X_{t+1})
tt = 2
check("90: h_{t+1} = tanh(X_t W_xh + h_t W_hh + b_h)", hs[tt + 1], np.tanh(X[tt] @ Wxh + hs[tt] @ Whh + bh), "fail")
# 52 / 69: do_t/dW_yh = h_t (do_t[j]/dW_yh[i,j] = h_t[i]); do_t/db_y = 1
Wv = Wyh.copy(); tt = 2
Jo = num_jac(lambda: hs[tt] @ Wv + by, Wv).reshape(V, H, V)
ref = np.zeros((V, H, V))
for j in range(V):
    ref[j, :, j] = hs[tt]
check("52: do_t/dW_yh = h_t (tensor reading)", Jo, ref, "pass")
bv = by.copy()
check("69: do_t/db_y = 1 (identity)", num_jac(lambda: hs[tt] @ Wyh + bv, bv), np.eye(V), "pass")
# 47 (prose claim): dL_t/do_t = yhat_t - y_t
ov = hs[tt] @ Wyh + by
check("47 (not annotated): dL_t/do_t = yhat_t - y_t", num_grad(lambda: -Y[tt] @ np.log(softmax(ov)), ov), yh[tt] - Y[tt], "pass")
summary()
