# Finite-difference check of rnn_theiseizo.md (TheisEizo/NN nn_v4 RecurrentFullCon), numpy only.
# Row vectors (1,n). Forward as in the source: Hs[0]=0, step t: H=tanh(X_t Wxh + Hs[t] Whh + bh),
# Z_t = H Why + by, Y_t = softmax(Z_t), Hs.append(H)  => Hs[t+1] = h_t.
# Loss for the check: L = sum_t -log Y_t[y_t]  => da[t] = dL/dZ_t = Y_t - y_t (what diff() expects).
# The norm clipping at the end of diff() (a heuristic, not a derivative) is not applied here.
import numpy as np
np.random.seed(3)
D, Hn, V, T = 4, 5, 4, 6
P = {"ws_xh": np.random.randn(D, Hn) * 0.6, "ws_hh": np.random.randn(Hn, Hn) * 0.6,
     "ws_hy": np.random.randn(Hn, V) * 0.6, "bs_h": np.random.randn(1, Hn) * 0.3, "bs_y": np.random.randn(1, V) * 0.3}
X = [np.eye(D)[[np.random.randint(D)]] for _ in range(T)]
Yt = [np.eye(V)[[np.random.randint(V)]] for _ in range(T)]
tanh_act = lambda A: np.tanh(A)                                  # l.10
tanh_diff = lambda A: 1 / np.power(np.cosh(A), 2)                # l.13
def softmax_act(A):                                              # l.19-20
    e = np.exp(A - A.max()); return e / np.sum(e, axis=1)[:, None]

def forward(P):
    Hs = [np.zeros((1, Hn))]; Ys = []
    for t in range(T):
        H_t = Hs[t].copy()                                       # l.103
        Hpre = X[t] @ P["ws_xh"] + H_t @ P["ws_hh"] + P["bs_h"]  # l.105
        H = tanh_act(Hpre)                                       # l.106
        Z = H @ P["ws_hy"] + P["bs_y"]                           # l.107
        Ys.append(softmax_act(Z)); Hs.append(H)                  # l.108-110
    return Hs, Ys
def loss(P):
    Hs, Ys = forward(P); return sum(-np.log(Ys[t][0, np.argmax(Yt[t])]) for t in range(T))

def backward(P, fix_index=False, fix_deriv=False):
    Hs, Ys = forward(P)
    da = [Ys[t] - Yt[t] for t in range(T)]                       # l.40 applied per step
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dda_h = np.zeros(Hs[0].shape)
    for t in reversed(range(T)):
        da_t = da[t].copy()                                      # l.124
        X_t = X[t]                                               # l.125
        H_t = Hs[t + 1].copy() if fix_index else Hs[t].copy()    # l.126 (source: Hs[t])
        H_t_prev = Hs[t].copy() if fix_index else Hs[t - 1].copy()   # l.127 (source: Hs[t-1], wraps at t=0)
        G["ws_hy"] += H_t.T @ da_t                               # l.129
        G["bs_y"] += da_t                                        # l.130
        da_h = dda_h + da_t @ P["ws_hy"].T                       # l.132
        da_f = da_h * ((1 - H_t ** 2) if fix_deriv else tanh_diff(H_t))   # l.133 (source: ntype.diff(H_t))
        G["ws_xh"] += X_t.T @ da_f                               # l.135
        G["ws_hh"] += H_t_prev.T @ da_f                          # l.137
        G["bs_h"] += da_f                                        # l.138
        dda_h = da_f @ P["ws_hh"].T                              # l.140
    return G

def fd(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Q = {a: b.copy() for a, b in P.items()}; Q[k][idx] += eps; lp = loss(Q)
        Q[k][idx] -= 2 * eps; lm = loss(Q); g[idx] = (lp - lm) / (2 * eps)
    return g
FD = {k: fd(k) for k in P}
def rel(a, b): return np.max(np.abs(a - b)) / (np.max(np.abs(b)) + 1e-12)
names = {"ws_hy": "l.129 ddws_hy", "bs_y": "l.130 ddbs_y", "ws_xh": "l.135 ddws_xh (via l.132/133)",
         "ws_hh": "l.137 ddws_hh", "bs_h": "l.138 ddbs_h (via l.132/133)"}
for label, kw in [("AS WRITTEN (Hs[t], Hs[t-1], Tanh.diff(H_t))", {}),
                  ("index fixed only (Hs[t+1], Hs[t]; l.133 still Tanh.diff(activation))", {"fix_index": True}),
                  ("derivative fixed only (1-H_t^2; indices as written)", {"fix_deriv": True}),
                  ("both fixed (l.132, l.135, l.138, l.140 unchanged)", {"fix_index": True, "fix_deriv": True})]:
    G = backward(P, **kw); print(label)
    for k in ["ws_hy", "bs_y", "ws_xh", "ws_hh", "bs_h"]:
        r = rel(G[k], FD[k]); print(f"   {names[k]:32s} rel.err {r:9.2e}  {'AGREE' if r < 1e-6 else 'DISAGREE'}")

# helpers
A = np.random.randn(1, V); e = 1e-6
r = rel(tanh_diff(A), (np.tanh(A + e) - np.tanh(A - e)) / (2 * e)); print(f"l.13 Tanh.diff(X)=sech^2(X) = d tanh/dX at the pre-activation: {r:.2e} {'AGREE' if r<1e-6 else 'DISAGREE'}")
h = np.tanh(A); r = rel(tanh_diff(h), 1 - h ** 2); print(f"l.133 Tanh.diff applied to the activation h vs the needed 1-h^2: {r:.2e} {'AGREE' if r<1e-6 else 'DISAGREE'}")
# softmax derivative: the elementwise (diagonal) derivative dY_i/dX_i
s = softmax_act(A); diag = np.array([[(softmax_act(A + e * np.eye(V)[[i]])[0, i] - softmax_act(A - e * np.eye(V)[[i]])[0, i]) / (2 * e) for i in range(V)]])
sm = s * (1 - np.sum(s)); r = rel(sm, diag); print(f"l.23-24 Softmax.diff = s*(1-sum(s)) vs diagonal dY_i/dX_i = s(1-s): {r:.2e} {'AGREE' if r<1e-6 else 'DISAGREE'}  (Softmax.diff returns {sm.ravel()})")
# cost: act (l.36, mean over the V entries) vs diff (l.40)
y = np.eye(V)[[1]]
def act_loss(Z): Xp = softmax_act(Z); return -np.mean(np.nan_to_num(np.log(Xp + 1e-12) * y))
Z = np.random.randn(1, V); g = np.array([[(act_loss(Z + e * np.eye(V)[[i]]) - act_loss(Z - e * np.eye(V)[[i]])) / (2 * e) for i in range(V)]])
d = softmax_act(Z) - y
r = rel(d, g); print(f"l.40 diff = X - y vs d(l.36 loss)/dZ: {r:.2e} {'AGREE' if r<1e-6 else 'DISAGREE'}; ratio diff/FD = {np.round((d/g).ravel(), 6)} (= V = {V})")
def ce_sum(Z): Xp = softmax_act(Z); return -np.sum(np.log(Xp) * y)
g2 = np.array([[(ce_sum(Z + e * np.eye(V)[[i]]) - ce_sum(Z - e * np.eye(V)[[i]])) / (2 * e) for i in range(V)]])
r = rel(d, g2); print(f"l.40 diff = X - y vs d(sum-form CE)/dZ: {r:.2e} {'AGREE' if r<1e-6 else 'DISAGREE'}")
