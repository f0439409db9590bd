"""FD check of graves_notation_rnn_vanishing.md (Graves' unit notation).
Model as read: a_h^t = sum_i w_ih x_i^t + sum_h' w_h'h b_h'^{t-1}; b_h^t = theta(a_h^t);
a_k^t = sum_h w_hk b_h^t; y_k^t = theta(a_k^t); theta = tanh for the hidden layer, sigmoid for the
output layer (the post uses one theta; any differentiable choice works); loss L = sum_t sum_k 1/2 (y_k^t - z_k^t)^2.
Matrices: Win[i,h] = w_ih, Whh[h',h] = w_h'h, Wout[h,k] = w_hk (w_ij goes from node i to node j).
delta^t_j = dL/da^t_j (total), checked by perturbing the pre-activation a^t_j in the forward pass."""
import numpy as np
rng = np.random.default_rng(0)
I, H, K, T = 3, 4, 2, 5
Win = rng.normal(size=(I, H)) * 0.7
Whh = rng.normal(size=(H, H)) * 0.7
Wout = rng.normal(size=(H, K)) * 0.7
X = rng.normal(size=(T, I)); Z = rng.uniform(size=(T, K))
th_h, dth_h = np.tanh, lambda a: 1 - np.tanh(a) ** 2
sig = lambda a: 1 / (1 + np.exp(-a)); dth_o = lambda a: sig(a) * (1 - sig(a))

def forward(Win, Whh, Wout, pert_h=None, pert_o=None):
    b = np.zeros(H); L = 0; A_h = []; A_o = []; B = []
    for t in range(T):
        a = X[t] @ Win + b @ Whh
        if pert_h and pert_h[0] == t: a = a.copy(); a[pert_h[1]] += pert_h[2]
        b = th_h(a)
        ao = b @ Wout
        if pert_o and pert_o[0] == t: ao = ao.copy(); ao[pert_o[1]] += pert_o[2]
        y = sig(ao); L += 0.5 * np.sum((y - Z[t]) ** 2)
        A_h.append(a); A_o.append(ao); B.append(b)
    return L, np.array(A_h), np.array(A_o), np.array(B)

L0, Ah, Ao, B = forward(Win, Whh, Wout)
eps = 1e-6
# FD deltas (index t = 0..T-1 stands for t = 1..T)
dH = np.zeros((T, H)); dO = np.zeros((T, K))
for t in range(T):
    for j in range(H):
        dH[t, j] = (forward(Win, Whh, Wout, pert_h=(t, j, eps))[0] - forward(Win, Whh, Wout, pert_h=(t, j, -eps))[0]) / (2 * eps)
    for k in range(K):
        dO[t, k] = (forward(Win, Whh, Wout, pert_o=(t, k, eps))[0] - forward(Win, Whh, Wout, pert_o=(t, k, -eps))[0]) / (2 * eps)

def fdW(name):
    Ws = dict(Win=Win, Whh=Whh, Wout=Wout); W = Ws[name]; G = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        for s in (1, -1):
            W2 = W.copy(); W2[idx] += s * eps; Ws2 = dict(Ws); Ws2[name] = W2
            G[idx] += s * forward(**Ws2)[0] / (2 * eps)
    return G
ok = lambda a, b: np.allclose(a, b, atol=1e-6)
Bprev = np.vstack([np.zeros(H), B[:-1]])
# l.47 / l.64: dL/dw_ij = sum_t delta_j^t da_j^t/dw_ij ; l.78, l.88, l.98 the three cases
print("l.78  input->hidden  sum_t delta_j^t x_i^t     :", ok(fdW("Win"), X.T @ dH))
print("l.88  hidden->hidden sum_t delta_j^t b_i^{t-1} :", ok(fdW("Whh"), Bprev.T @ dH))
print("l.98  hidden->output sum_t delta_j^t b_i^t     :", ok(fdW("Wout"), B.T @ dO))
# l.112 recurrence, l.116 / l.133 / l.136 boundary delta^{T+1} = 0
rec = np.zeros((T, H)); nxt = np.zeros(H)
for t in reversed(range(T)):
    rec[t] = dth_h(Ah[t]) * (Wout @ dO[t] + Whh @ nxt); nxt = rec[t]
print("l.112 recurrence delta_j^t                      :", ok(rec, dH))
print("l.136 delta_j^T = theta' sum_k w_jk delta_k^T   :", ok(dth_h(Ah[-1]) * (Wout @ dO[-1]), dH[-1]))
tp = lambda s: dth_h(Ah[s])          # theta'(a^s_.) for hidden units
# delta^{T-1} rows (l.148, 151, 153)
T1, TT = T - 2, T - 1
r148 = tp(T1) * (Wout @ dO[T1] + Whh @ dH[TT])
r151 = tp(T1) * (Wout @ dO[T1] + Whh @ (tp(TT) * (Wout @ dO[TT])))
r153 = tp(T1) * (Wout @ dO[T1]) + np.einsum('j,h,jh,hk,k->j', tp(T1), tp(TT), Whh, Wout, dO[TT])
print("l.148/151/153 delta^{T-1} rows                   :", ok(r148, dH[T1]), ok(r151, dH[T1]), ok(r153, dH[T1]))
# delta^{T-2} rows (l.162, 165, 172)
T2 = T - 3
r162 = tp(T2) * (Wout @ dO[T2] + Whh @ dH[T1])
inner_as_written = tp(T1) * (Wout @ dO[T1]) + np.einsum('a,b,ab,bk,k->a', tp(T1), tp(T2), Whh, Wout, dO[TT])  # theta'(a^{T-2}_{h2})
r165 = tp(T2) * (Wout @ dO[T2]) + tp(T2) * (Whh @ inner_as_written)
inner_right = tp(T1) * (Wout @ dO[T1]) + np.einsum('a,b,ab,bk,k->a', tp(T1), tp(TT), Whh, Wout, dO[TT])
r165_fixed = tp(T2) * (Wout @ dO[T2]) + tp(T2) * (Whh @ inner_right)
r172 = (tp(T2) * (Wout @ dO[T2]) + np.einsum('j,a,ak,k->j', tp(T2), tp(T1), Wout, dO[T1])  # no w_{j h1}
        + np.einsum('j,a,b,ja,ab,bk,k->j', tp(T2), tp(T1), tp(TT), Whh, Whh, Wout, dO[TT]))
r172_fixed = (tp(T2) * (Wout @ dO[T2]) + np.einsum('j,a,ja,ak,k->j', tp(T2), tp(T1), Whh, Wout, dO[T1])
              + np.einsum('j,a,b,ja,ab,bk,k->j', tp(T2), tp(T1), tp(TT), Whh, Whh, Wout, dO[TT]))
print("l.162 delta^{T-2} row 1                         :", ok(r162, dH[T2]))
print("l.165 row 2 as written (theta'(a^{T-2}_{h2}))   :", ok(r165, dH[T2]), " with a^T_{h2}:", ok(r165_fixed, dH[T2]))
print("l.172 row 3 as written (no w_{jh1} in term 2)   :", ok(r172, dH[T2]), " with w_{jh1}:", ok(r172_fixed, dH[T2]))
# l.183 general formula, n = 1 and n = 2, reading the unbound ell in delta_k^{T-(n-ell)} as m (the only sensible reading)
def general(n):
    t0 = T - 1 - n; out = tp(t0) * (Wout @ dO[t0]); extra = np.zeros(H)
    for m in range(1, n + 1):
        # sum over h_1..h_m of prod_{l=1}^{m-1} theta'(a^{T-(n-l)}_{h_l}) w_{h_l h_{l+1}} * sum_k w_{h_m k} delta_k^{T-(n-m)}
        v = Wout @ dO[t0 + m]                      # indexed by h_m
        for l in range(m - 1, 0, -1):
            v = tp(t0 + l) * (Whh @ v)             # indexed by h_l
        extra += np.sum(v)                          # h_1 summed freely (no j dependence as written)
    return out + extra
print("l.183 general formula n=1, n=2 as written        :", ok(general(1), dH[T - 2]), ok(general(2), dH[T - 3]))
print("      (l.203 is the same formula with t = T-n: same verdict)")
