"""Finite-difference check of rnn_elman_ru.py (ElmanRNN, search-index file id 34216913506).

Forward as written: a_t = W_xh x_t + W_hh h_{t-1} + b_h, h_t = tanh(a_t), o_t = W_hy h_t + b_y,
yhat_t = softmax(o_t), loss = -sum_t y_t . log(yhat_t + eps) / T   (_compute_loss divides by T = y_seq.shape[0]).
Backward as written (lines 168-189). We compare each quantity with central differences of
(a) the author's loss L = _compute_loss (mean over T) and (b) the summed loss S = T * L.
"""
import importlib.util, os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("src", os.path.join(here, "rnn_elman_ru.py"))
src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)

rng = np.random.default_rng(0)
D, H, K, T = 3, 4, 5, 6
net = src.ElmanRNN(D, H, K, random_state=1)
net._init_weights()
# bigger weights than the author's 0.01 init so that tanh' and the recurrence matter
net.W_xh = rng.normal(size=(H, D)); net.W_hh = rng.normal(size=(H, H)) * 0.7
net.W_hy = rng.normal(size=(K, H)); net.b_h = rng.normal(size=H); net.b_y = rng.normal(size=K)
x_seq = rng.normal(size=(T, D))
y_seq = np.eye(K)[rng.integers(0, K, size=T)]

def forward(params, pert=None):
    """author's forward; pert = (name, t, vec) adds vec to a_h_t / h_t / o_t at step t"""
    W_xh, W_hh, W_hy, b_h, b_y = params
    h_prev = np.zeros(H); yh = []
    for t in range(T):
        a = W_xh @ x_seq[t] + W_hh @ h_prev + b_h
        if pert and pert[0] == "a" and pert[1] == t: a = a + pert[2]
        h = np.tanh(a)
        if pert and pert[0] == "h" and pert[1] == t: h = h + pert[2]
        o = W_hy @ h + b_y
        if pert and pert[0] == "o" and pert[1] == t: o = o + pert[2]
        s = o - o.max(); e = np.exp(s); yh.append(e / e.sum())
        h_prev = h
    return net._compute_loss(yh, y_seq)   # the author's own loss function (mean over T)

P = [net.W_xh, net.W_hh, net.W_hy, net.b_h, net.b_y]
names = ["W_xh", "W_hh", "W_hy", "b_h", "b_y"]
eps = 1e-6

def fd_param(i):
    g = np.zeros_like(P[i])
    for idx in np.ndindex(P[i].shape):
        Pp = [p.copy() for p in P]; Pm = [p.copy() for p in P]
        Pp[i][idx] += eps; Pm[i][idx] -= eps
        g[idx] = (forward(Pp) - forward(Pm)) / (2 * eps)
    return g

def fd_inter(kind, t, n):
    g = np.zeros(n)
    for j in range(n):
        v = np.zeros(n); v[j] = eps
        g[j] = (forward(P, (kind, t, v)) - forward(P, (kind, t, -v))) / (2 * eps)
    return g

# author's backward, written out as in lines 147-193 (no truncation: bptt_truncate=None)
h_list, o_list, y_hat_list = net._forward(x_seq)
dW_xh = np.zeros_like(net.W_xh); dW_hh = np.zeros_like(net.W_hh); dW_hy = np.zeros_like(net.W_hy)
db_h = np.zeros_like(net.b_h); db_y = np.zeros_like(net.b_y)
delta_h_next = np.zeros(H)
rows = []
def report(line, name, mine, ref_mean):
    okL = np.allclose(mine, ref_mean, rtol=1e-5, atol=1e-7)
    okS = np.allclose(mine, T * ref_mean, rtol=1e-5, atol=1e-7)
    rows.append((line, name, okL, okS))
for step, t in enumerate(reversed(range(T))):
    x_t = x_seq[t]; h_t = h_list[t + 1]; h_prev = h_list[t]; y_hat_t = y_hat_list[t]; y_t = y_seq[t]
    delta_o_t = y_hat_t - y_t                                      # line 168
    report(168, f"delta_o_t (t={t}) vs dL/do_t", delta_o_t, fd_inter("o", t, K))
    dW_hy += np.outer(delta_o_t, h_t)                              # line 172
    db_y += delta_o_t                                              # line 173
    g_t = net.W_hy.T @ delta_o_t + net.W_hh.T @ delta_h_next       # line 177
    report(177, f"g_t (t={t}) vs dL/dh_t", g_t, fd_inter("h", t, H))
    delta_h_t = g_t * (1.0 - h_t ** 2)                             # line 180
    report(180, f"delta_h_t (t={t}) vs dL/da_t", delta_h_t, fd_inter("a", t, H))
    dW_xh += np.outer(delta_h_t, x_t)                              # line 184
    dW_hh += np.outer(delta_h_t, h_prev)                           # line 185
    db_h += delta_h_t                                              # line 186
    delta_h_next = delta_h_t                                       # line 189
for line, nm, g in [(184, "W_xh", dW_xh), (185, "W_hh", dW_hh), (172, "W_hy", dW_hy), (186, "b_h", db_h), (173, "b_y", db_y)]:
    report(line, f"d{nm} (summed over t)", g, fd_param(names.index(nm)))

# helper rows: softmax (117-119) and tanh derivative (127)
z = rng.normal(size=K); sm = net._softmax(z)
print("line 119 softmax sums to 1 and matches exp/sum:", np.isclose(sm.sum(), 1) and np.allclose(sm, np.exp(z) / np.exp(z).sum()))
Z = rng.normal(size=H)
fdt = (np.tanh(Z + eps) - np.tanh(Z - eps)) / (2 * eps)
print("line 127 tanh derivative 1 - tanh(Z)^2 matches FD:", np.allclose(net._activation_derivative(Z), fdt, atol=1e-8))
print()
print(f"{'line':>4}  {'quantity':38s} {'= d(mean loss L)':>17s} {'= d(T*L)':>9s}")
for line, nm, okL, okS in rows:
    print(f"{line:>4}  {nm:38s} {str(okL):>17s} {str(okS):>9s}")
allS = all(r[3] for r in rows); anyL = any(r[2] for r in rows)
print()
print("every backward row agrees with the gradient of the SUMMED loss T*L:", allS)
print("any backward row agrees with the gradient of the author's loss L (mean over T):", anyL)
print("=> line 168 drops the 1/T of _compute_loss; lines 172-189 are correct chain-rule steps given delta_o_t")
