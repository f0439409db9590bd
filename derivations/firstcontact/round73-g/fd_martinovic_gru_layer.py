# Finite-difference check of martinovic_gru_layer.py (helen1c/ba-thesis-rnn, source-py/GRULayer.py).
# Loads the transcribed file itself (with the repository's Sigmoid/Tanh re-created), runs its forward and its
# backward as written, and compares with central differences. Loss: E = sum_i sum(G_i * H[:, i+1, :]), so that
# dEdY[:, i, :] = G_i is dE/dh_i for the output h_i = H[:, i+1, :] (the author's H_grad convention).
import sys, types, numpy as np

act = types.ModuleType('activations')
class Sigmoid:
    forward = staticmethod(lambda x: 1. / (1 + np.exp(-x)))
    backward_calculated = staticmethod(lambda s: s * (1 - s))
class Tanh:
    forward = staticmethod(np.tanh)
    backward_calculated = staticmethod(lambda t: 1 - t ** 2)
act.Sigmoid, act.Tanh = Sigmoid, Tanh
sys.modules['activations'] = act
ns = {}
exec(open(__file__.replace('fd_martinovic_gru_layer.py', 'martinovic_gru_layer.py')).read(), ns)
GRULayer = ns['GRULayer']

np.random.seed(1)
B, T, D, Hd = 2, 5, 3, 4
layer = GRULayer(D, Hd)
X = np.random.randn(B, T, D)
G = np.random.randn(B, T, Hd)
def loss(layer, X, dh=None):
    # optional additive perturbation dh[:, i, :] of the state h_i inside the recurrence
    Hs = np.zeros((B, T + 1, Hd)); r = Sigmoid.forward; th = np.tanh
    Wi, Wh, b = layer.input_weights, layer.hidden_weights, layer.bias
    for i in range(T):
        hp = Hs[:, i, :]
        rr = r(X[:, i] @ Wi[0].T + hp @ Wh[0].T + b[0])
        zz = r(X[:, i] @ Wi[1].T + hp @ Wh[1].T + b[1])
        nn = th(X[:, i] @ Wi[2].T + rr * (hp @ Wh[2].T) + b[2])
        Hs[:, i + 1] = zz * hp + (1 - zz) * nn
        if dh is not None: Hs[:, i + 1] += dh[:, i]
    return np.sum(G * Hs[:, 1:, :])

# the author's forward equals this re-implementation
Hs_a, _ = layer.forward(X)
L_a = np.sum(G * Hs_a[:, 1:, :])
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
def rep(tag, ok): print(f"{tag:62s} {'AGREES' if ok else 'DISAGREES'}")
rep("forward lines 50/53/56/59 = re-implementation (same loss)", abs(L_a - loss(layer, X)) < 1e-12)

eps = 1e-6
def fd_param(arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]; arr[idx] = old + eps; Lp = loss(layer, X)
        arr[idx] = old - eps; Lm = loss(layer, X); arr[idx] = old
        g[idx] = (Lp - Lm) / (2 * eps)
    return g
gWi, gWh, gb = fd_param(layer.input_weights), fd_param(layer.hidden_weights), fd_param(layer.bias)
gX = np.zeros_like(X)
for idx in np.ndindex(X.shape):
    Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
    gX[idx] = (loss(layer, Xp) - loss(layer, Xm)) / (2 * eps)
dH_true = np.zeros((B, T, Hd))           # total dE/dh_i
for idx in np.ndindex(dH_true.shape):
    p = np.zeros((B, T, Hd)); p[idx] = eps
    dH_true[idx] = (loss(layer, X, p) - loss(layer, X, -p)) / (2 * eps)

# author's backward, as written
layer.forward(X)
dWi, dWh, db, dX = layer.backward(X, G)
rep("backward output dEdW_in (author's H_grad recursion)", close(dWi, gWi))
rep("backward output dEdW_hh", close(dWh, gWh))
rep("backward output dEdB_in", close(db, gb))
rep("backward output X_grad", close(dX, gX))

# line-by-line with true quantities
g = layer.gates; Hs = layer.H
Wi, Wh = layer.input_weights, layer.hidden_weights
r, z, n = g[0], g[1], g[2]
hprev = Hs[:, :T, :]
dn = (1 - z) * dH_true * (1 - n ** 2)                                  # line 91
dz = (hprev - n) * dH_true * z * (1 - z)                               # line 92
dr = (hprev @ Wh[2].T) * dn * r * (1 - r)                             # line 93
# check the three local gate deltas through FD of pre-activations is implied by the parameter checks below
rep("line 76 H_grad[T-1] = dEdY[T-1]", close(dH_true[:, T - 1], G[:, T - 1]))
i = 1  # an inner step
fs_a = (r[:, i + 1] @ Wh[2].T) * dn[:, i + 1]                           # line 81 as written
fs_t = (dn[:, i + 1] * r[:, i + 1]) @ Wh[2]                             # true path h_i -> n_{i+1}
rep("line 81 fs = (r_{i+1} . W_hn^T) * dn_{i+1}  (path via n)", close(fs_a, fs_t))
ts_a = dz[:, i + 1] @ Wh[1].T; ts_t = dz[:, i + 1] @ Wh[1]
rep("line 84 ts = dz_{i+1} . W_hz^T  (path via z)", close(ts_a, ts_t))
fos_a = dr[:, i + 1] @ Wh[0].T; fos_t = dr[:, i + 1] @ Wh[0]
rep("line 85 fos = dr_{i+1} . W_hr^T  (path via r)", close(fos_a, fos_t))
Hg_a = z[:, i + 1] * (fs_a + ts_a + fos_a) + G[:, i]
rep("line 87 H_grad_i = z_{i+1}*(fs+ts+fos) + dEdY_i (true deltas in)", close(Hg_a, dH_true[:, i]))
rep("   line 87 structure alone (true fs,ts,fos, times z, no z*dh_{i+1})", close(z[:, i + 1] * (fs_t + ts_t + fos_t) + G[:, i], dH_true[:, i]))
Hg_t = z[:, i + 1] * dH_true[:, i + 1] + fs_t + ts_t + fos_t + G[:, i]
rep("   control: z_{i+1}*dh_{i+1} + (dn*r)W_hn + dz W_hz + dr W_hr + dEdY", close(Hg_t, dH_true[:, i]))
# lines 91-108 with the TRUE H_grad: per-step terms summed over i
rep("lines 91-93,97-99 sum dgate^T x = dE/dW_in", close(np.stack([
    sum(dr[:, k].T @ X[:, k] for k in range(T)), sum(dz[:, k].T @ X[:, k] for k in range(T)),
    sum(dn[:, k].T @ X[:, k] for k in range(T))]), gWi))
rep("lines 101-103 hidden-weight terms = dE/dW_hh", close(np.stack([
    sum(dr[:, k].T @ hprev[:, k] for k in range(T)), sum(dz[:, k].T @ hprev[:, k] for k in range(T)),
    sum((dn[:, k] * r[:, k]).T @ hprev[:, k] for k in range(T))]), gWh))
rep("lines 106-108 bias terms = dE/db", close(np.stack([dr.sum((0, 1)), dz.sum((0, 1)), dn.sum((0, 1))]), gb))
rep("line 95 X_grad = dn W_in + dz W_iz + dr W_ir", close(dn @ Wi[2] + dz @ Wi[1] + dr @ Wi[0], gX))
