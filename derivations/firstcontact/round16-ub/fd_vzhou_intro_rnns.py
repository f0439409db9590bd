"""FD check of vzhou_intro_rnns.md: many-to-one tanh RNN, column vectors, h_0 = 0,
y = W_hy h_n + b_y, p = softmax(y), L = -ln p_c (as in the post and its code)."""
import numpy as np
from fd_common import softmax_cols, fd_hook, check

rng = np.random.default_rng(2)
nx, nh, ny, n = 3, 4, 3, 4
Wxh = rng.normal(size=(nh, nx)); Whh = rng.normal(size=(nh, nh)) * 0.7; bh = rng.normal(size=(nh, 1))
Why = rng.normal(size=(ny, nh)); by = rng.normal(size=(ny, 1))
X = [rng.normal(size=(nx, 1)) for _ in range(n + 1)]; c = 1

def fwd(H):
    g = lambda k, t=0: H.get((k, t), 0.0)
    h = {0: np.zeros((nh, 1))}
    for t in range(1, n + 1):
        h[t] = np.tanh((Wxh + g("Wxh", t)) @ X[t] + (Whh + g("Whh", t)) @ h[t - 1] + bh + g("bh", t)) + g("h", t)
    y = (Why + g("Why")) @ h[n] + by + g("by") + g("y")
    p = softmax_cols(y)
    return -np.log(p[c, 0]), h, y, p
L = lambda H: fwd(H)[0]
L0, h, y, p = fwd({})

print("line 13  -ln(0.90) =", -np.log(0.9), "-> 0.105:", round(-np.log(0.9), 3) == 0.105)
dy = fd_hook(L, ("y", 0), (ny, 1))
onehot = np.zeros((ny, 1)); onehot[c] = 1
check("line 37 dL/dy_i = p_i - [i=c]", p - onehot, dy)
pe = np.array([0.2, 0.2, 0.6]); ye = np.log(pe)[:, None]
de = fd_hook(lambda H: -np.log(softmax_cols(ye + H.get(("y", 0), 0))[0, 0]), ("y", 0), (3, 1))
check("line 44 example p=[.2,.2,.6], c=0 -> [-0.8,0.2,0.6]", np.array([[-0.8], [0.2], [0.6]]), de)
print("line 31 -ln(softmax(y_c)): softmax of the scalar y_c is", softmax_cols(y[c:c+1])[0, 0], "(not p_c =", p[c, 0], ")")
dWhy = fd_hook(L, ("Why", 0), Why.shape)
check("line 63 dL/dWhy = dL/dy h_n (as written: column*column)", None, dWhy)
check("   reading dL/dy h_n^T", dy @ h[n].T, dWhy)
check("line 73 dL/db_y = dL/dy", dy, fd_hook(L, ("by", 0), (ny, 1)))
# Jacobians dy/dh_t (total) by FD of y
def Jy_h(t):
    J = np.zeros((ny, nh))
    for j in range(nh):
        e = np.zeros((nh, 1)); e[j] = 1e-6
        J[:, j] = ((fwd({("h", t): e})[2] - fwd({("h", t): -e})[2]) / 2e-6)[:, 0]
    return J
check("line 130 dy/dh_n = W_hy", Why, Jy_h(n))
t = 2
D = lambda v: np.diag(v[:, 0])
check("line 122 dy/dh_t = dy/dh_{t+1} dh_{t+1}/dh_t", Jy_h(t + 1) @ D(1 - h[t + 1]**2) @ Whh, Jy_h(t))
check("line 123 = dy/dh_{t+1} (1-h_t^2) W_hh (as written)", Jy_h(t + 1) @ D(1 - h[t]**2) @ Whh, Jy_h(t))
# immediate partials of h_t (weights used at step t only)
def Jh_b(t):
    J = np.zeros((nh, nh))
    for j in range(nh):
        e = np.zeros((nh, 1)); e[j] = 1e-6
        J[:, j] = ((fwd({("bh", t): e})[1][t] - fwd({("bh", t): -e})[1][t]) / 2e-6)[:, 0]
    return J
check("line 115 dh_t/db_h = (1-h_t^2) (as diag)", D(1 - h[t]**2), Jh_b(t))
# dh_t/dW_xh: tensor T[i,j,k] = d h_t[i] / d Wxh[j,k] (immediate, step-t copy)
T = np.zeros((nh, nh, nx))
for j in range(nh):
    for k in range(nx):
        E = np.zeros_like(Wxh); E[j, k] = 1e-6
        T[:, j, k] = ((fwd({("Wxh", t): E})[1][t] - fwd({("Wxh", t): -E})[1][t]) / 2e-6)[:, 0]
ref = np.einsum("ij,k->ijk", D(1 - h[t]**2), X[t][:, 0])
check("line 105 dh_t/dW_xh = (1-h_t^2) x_t (as written: column*column)", None, T)
check("   reading (1-h_t^2)_i delta_ij x_t,k", ref, T)
# line 81 schematic: dL/dWxh = sum_t (dL/dy dy/dh_t * (1-h_t^2)) x_t^T
dWxh = fd_hook(lambda H: fwd({("Wxh", tt): H.get(("W", 0), 0.0) for tt in range(1, n + 1)})[0], ("W", 0), Wxh.shape)
s = sum(((dy.T @ Jy_h(tt)).T * (1 - h[tt]**2)) @ X[tt].T for tt in range(1, n + 1))
check("line 81 dL/dWxh = dL/dy sum_t dy/dh_t dh_t/dWxh", s, dWxh)
print("line 59 dy/dW_hy = h_n: a tensor (dy_i/dW_ij = h_n,j) equated with a column -> ill-typed")
