# FD check for mse3194449_rnn_sum_over_time.md
# RNN: z_{j,t} = tanh(sum_i w_{i,j} z_{i,t-1} + (U x_t)_j), output f_t(x) = z_t,
# E = sum_t |f_t(x) - y_t|^2   (line 10, second objective)
import numpy as np
rng = np.random.default_rng(4)
n, nx, T = 3, 2, 4
Wm = rng.normal(scale=0.7, size=(n, n))   # Wm[i, j] = w_{i,j} (from neuron i to neuron j)
U = rng.normal(size=(n, nx)); X = rng.normal(size=(T, nx)); Y = rng.normal(size=(T, n))
def run(Wm, pert=None):
    z = np.zeros(n); zs = [z]; E = 0.0; Et = []
    for t in range(T):
        z = np.tanh(Wm.T@z + U@X[t])
        if pert is not None and pert[0] == t: z = z.copy(); z[pert[1]] += pert[2]
        zs.append(z); e = np.sum((z - Y[t])**2); Et.append(e); E += e
    return E, zs, Et
E0, zs, _ = run(Wm)
eps = 1e-6
# dE_t/dz_{j,t'} for t' <= t (perturbing the node z_{j,t'} after it is computed)
def dEt_dz(t, tp, j):
    Ep = run(Wm, (tp, j, eps))[2][t]; Em = run(Wm, (tp, j, -eps))[2][t]
    return (Ep - Em)/(2*eps)
bad = 0
for i in range(n):
    for j in range(n):
        E_ = np.zeros_like(Wm); E_[i, j] = eps
        lhs = (run(Wm+E_)[0] - run(Wm-E_)[0])/(2*eps)
        # line 11 as written: sum_t sum_{t'<=t} d|f_t-y_t|^2 / dz_{j,t'}
        rhs = sum(dEt_dz(t, tp, j) for t in range(T) for tp in range(t+1))
        if not np.isclose(lhs, rhs, atol=1e-5): bad += 1
        # corrected: multiply by the direct dz_{j,t'}/dw_{i,j} = (1 - z_{j,t'}^2) z_{i,t'-1}
        fixed = sum(dEt_dz(t, tp, j)*(1 - zs[tp+1][j]**2)*zs[tp][i] for t in range(T) for tp in range(t+1))
        assert np.isclose(lhs, fixed, atol=1e-6)
assert bad == n*n, "line 11 should fail for every (i,j)"
print("line 10 (objective) ok; line 11 fails as annotated; corrected form matches FD: ALL OK")
