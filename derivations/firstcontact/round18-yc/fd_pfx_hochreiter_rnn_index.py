"""FD check of pfx_hochreiter_rnn_index.md (Hochreiter-style RNN, index notation).
net(t+1) = w (y(t); x(t)),  w: dout x (dout+din), y first then x;  y(t+1) = sigma(net(t+1));  y(0) = 0;
loss_i(t+1) = 1/2 (y_i(t+1) - yhat_i(t+1))^2,  Loss(t+1) = sum_i loss_i(t+1)  (the loss of ONE step t+1)."""
import numpy as np
rng = np.random.default_rng(1)
din, dout, T = 3, 4, 4
w = rng.normal(scale=0.7, size=(dout, dout + din))
xs = [rng.normal(size=din) for _ in range(T)]          # x(0..T-1)
yhat = [None] + [rng.uniform(size=dout) for _ in range(T)]  # targets yhat(1..T)
sig = lambda a: 1 / (1 + np.exp(-a)); dsig = lambda a: sig(a) * (1 - sig(a))

def run(w, t_stop, net_pert=None, y_pert=None):
    """forward to step t_stop; optional perturbation of net(s) or y(s) (s, vector)."""
    y = np.zeros(dout); nets = {}; ys = {0: y}
    for t in range(t_stop):
        net = w @ np.concatenate([y, xs[t]])
        if net_pert and net_pert[0] == t + 1: net = net + net_pert[1]
        y = sig(net)
        if y_pert and y_pert[0] == t + 1: y = y + y_pert[1]
        nets[t + 1] = net; ys[t + 1] = y
    return nets, ys
def Loss(w, tp1, **kw):
    nets, ys = run(w, tp1, **kw); return 0.5 * np.sum((ys[tp1] - yhat[tp1]) ** 2)

eps = 1e-6; t = 2; tp1 = t + 1
nets, ys = run(w, tp1)
def fdvec(f, n):
    g = np.zeros(n)
    for k in range(n):
        e = np.zeros(n); e[k] = eps; g[k] = (f(e) - f(-e)) / (2 * eps)
    return g
# (4) dLoss(t+1)/dy_i(t+1) = y_i - yhat_i       (rows 73-75)
g = fdvec(lambda e: Loss(w, tp1, y_pert=(tp1, e)), dout)
print("(4) rows 73-75:", np.abs(g - (ys[tp1] - yhat[tp1])).max())
# (5) dLoss/dnet_i(t+1) = sigma'(net_i(t+1)) (y_i - yhat_i)   (rows 83-84)
d5 = dsig(nets[tp1]) * (ys[tp1] - yhat[tp1])
g = fdvec(lambda e: Loss(w, tp1, net_pert=(tp1, e)), dout)
print("(5) rows 83-84:", np.abs(g - d5).max())
# (6) dLoss(t+1)/dy_j(t) = sum_i sigma'(net_i(t+1)) (y_i - yhat_i) w_{i,j}, j <= dout   (rows 94-95)
g = fdvec(lambda e: Loss(w, tp1, y_pert=(t, e)), dout)
print("(6) rows 94-95:", np.abs(g - w[:, :dout].T @ d5).max())
# (7) dLoss(t+1)/dnet_j(t): author: sigma'(net_j(t+1)) sum_i w_ij d5_i ; right: sigma'(net_j(t)) ...  (rows 103-105)
g = fdvec(lambda e: Loss(w, tp1, net_pert=(t, e)), dout)
print("(7) row 103 (dL/dy_j(t) * sigma'(net_j(t))):", np.abs(g - (w[:, :dout].T @ d5) * dsig(nets[t])).max())
print("(7) rows 104-105 as printed, sigma'(net_j(t+1)):", np.abs(g - dsig(nets[tp1]) * (w[:, :dout].T @ d5)).max())
# (8) dLoss(t+1)/dw_ij (total)   (rows 116, 117, 124)
G = np.zeros_like(w)
for idx in np.ndindex(w.shape):
    W = w.copy(); W[idx] += eps; Lp = Loss(W, tp1); W[idx] -= 2 * eps; Lm = Loss(W, tp1); G[idx] = (Lp - Lm) / (2 * eps)
def dnet_dw(s):      # total d net(s) / d w_ij by FD: array [k, i, j]
    D = np.zeros((dout,) + w.shape)
    for idx in np.ndindex(w.shape):
        W = w.copy(); W[idx] += eps; p = run(W, s)[0][s]; W[idx] -= 2 * eps; m = run(W, s)[0][s]; D[(slice(None),) + idx] = (p - m) / (2 * eps)
    return D
Dt1, Dt = dnet_dw(tp1), dnet_dw(t)
r116 = np.einsum('k,kij->ij', d5, Dt1)
print("(8) row 116:", np.abs(G - r116).max())
yx = np.concatenate([ys[t], xs[t]])
dyx = np.zeros((dout + din,) + w.shape); dyx[:dout] = dsig(nets[t])[:, None, None] * Dt   # d(y;x)(t)/dw
r117 = np.zeros_like(w)
for idx in np.ndindex(w.shape):
    i, j = idx
    for k in range(dout):
        s = 0.0
        for js in range(dout + din):
            dw = 1.0 if (k == i and js == j) else 0.0
            s += dw * yx[js] + w[k, js] * dyx[(js,) + idx]
        r117[idx] += d5[k] * s
print("(8) row 117:", np.abs(G - r117).max())
r124 = np.zeros_like(w); r124_fixed = np.zeros_like(w)
for idx in np.ndindex(w.shape):
    i, j = idx
    for k in range(dout):
        rec = sum(w[k, js] * dsig(nets[t][js]) * Dt[(js,) + idx] for js in range(dout))
        r124[idx] += d5[k] * (yx[j] + rec)
        r124_fixed[idx] += d5[k] * ((k == i) * yx[j] + rec)
print("(8) row 124 as printed (no Kronecker delta):", np.abs(G - r124).max())
print("(8) row 124 with delta_{ki}:", np.abs(G - r124_fixed).max())
