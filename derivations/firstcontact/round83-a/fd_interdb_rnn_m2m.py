# FD check of interdb.jp 7.5 (many-to-many simple RNN, MSE), numpy only.
# Forward (7.10), column vectors: hh_t = W x_t + U h_{t-1} + b, h_t = f(hh_t), yh_t = V h_t + c, y_t = g(yh_t)
# Loss (7.11)-(7.13): L = sum_{t=0}^T 1/2 (y_t - Y_t)^2 ; grad_dense_t = dL_t/dh_t (7.14)
# (7.15): dh_T = grad_dense_T ; dh_t = grad_dense_t + dh_{t+1} f'(hh_{t+1}) ^tU
import numpy as np
rng = np.random.default_rng(0)
nx, nh, ny, T = 3, 4, 2, 5          # time steps t = 0..T
W = rng.normal(size=(nh, nx)); U = rng.normal(size=(nh, nh)) * 0.6; b = rng.normal(size=(nh, 1))
V = rng.normal(size=(ny, nh)); c = rng.normal(size=(ny, 1))
X = [rng.normal(size=(nx, 1)) for _ in range(T + 1)]
Y = [rng.normal(size=(ny, 1)) for _ in range(T + 1)]
h_init = rng.normal(size=(nh, 1))
f, fp = np.tanh, lambda a: 1 - np.tanh(a) ** 2
g = lambda a: 1 / (1 + np.exp(-a)); gp = lambda a: g(a) * (1 - g(a))   # g: sigmoid output (author leaves g generic)

def forward(pert=None):
    """pert = (s, vec): add vec to h_s right after it is computed (total derivative w.r.t. h_s)."""
    h = h_init; hs, hhs, yhs, L, Lt = [], [], [], 0.0, []
    for t in range(T + 1):
        hh = W @ X[t] + U @ h + b; h = f(hh)
        if pert is not None and pert[0] == t: h = h + pert[1]
        yh = V @ h + c; y = g(yh)
        lt = 0.5 * float(np.sum((y - Y[t]) ** 2)); L += lt; Lt.append(lt)
        hs.append(h); hhs.append(hh); yhs.append(yh)
    return L, Lt, hs, hhs, yhs

L, Lt, hs, hhs, yhs = forward()
eps = 1e-6
def fd_total(s):
    gr = np.zeros((nh, 1))
    for k in range(nh):
        e = np.zeros((nh, 1)); e[k] = eps
        gr[k] = (forward((s, e))[0] - forward((s, -e))[0]) / (2 * eps)
    return gr
def fd_local(s):   # dL_s/dh_s only (grad_dense), h_s perturbed but only L_s counted
    gr = np.zeros((nh, 1))
    for k in range(nh):
        e = np.zeros((nh, 1)); e[k] = eps
        gr[k] = (forward((s, e))[1][s] - forward((s, -e))[1][s]) / (2 * eps)
    return gr

# grad_dense (7.14) for this dense layer: V^T ((y - Y) * g'(yh))
gd = [V.T @ ((g(yhs[t]) - Y[t]) * gp(yhs[t])) for t in range(T + 1)]
ok_gd = all(np.allclose(gd[t], fd_local(t), atol=1e-6) for t in range(T + 1))
print("row 25 (7.14) grad_dense = dL^(t)/dh^(t) [V^T((y-Y) g')]: agree =", ok_gd)

# (7.15), ^tU read as U^T applied to (dh_{t+1} * f'(hh_{t+1})) (column-vector reading of the author's product)
dh = [None] * (T + 1); dh[T] = gd[T]
for t in range(T - 1, -1, -1):
    dh[t] = gd[t] + U.T @ (dh[t + 1] * fp(hhs[t + 1]))
ok = all(np.allclose(dh[t], fd_total(t), atol=1e-6) for t in range(T + 1))
print("row 44 (7.15) dh^(t) recursion, U^T (dh*f') : agree with FD dL/dh^(t) for all t =", ok)
print("   t = T case (dh^(T) = grad_dense^(T)) agree =", np.allclose(dh[T], fd_total(T), atol=1e-6))
# literal row-vector reading: dh_row * f'_row @ U^T  -> equals (U (dh*f'))^T : wrong unless U symmetric (shown for the record)
dh_row = [None] * (T + 1); dh_row[T] = gd[T]
for t in range(T - 1, -1, -1):
    dh_row[t] = gd[t] + U @ (dh_row[t + 1] * fp(hhs[t + 1]))
print("   (for the record) left-to-right row-vector reading dh f' U^T agrees =", all(np.allclose(dh_row[t], fd_total(t), atol=1e-6) for t in range(T + 1)))
# (7.13) = (7.11)
print("rows 13/17/21 loss definitions consistent:", np.isclose(L, sum(Lt)))
