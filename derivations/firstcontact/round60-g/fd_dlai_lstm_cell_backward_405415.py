"""FD check for dlai_lstm_cell_backward_405415.md. Course conventions: concat = [a<t-1>; x<t>] (a_prev rows first),
gates sigma/tanh(W concat + b), c = f*c_prev + i*cct, a = o*tanh(c). Eq. 19: da_prev = sum_g W_g^T dg (pre-activation grads),
eq. 21: dxt = same sum; the reply says eq. 19 uses W_g[:, :n_a] and eq. 21 uses W_g[:, n_a:]."""
import numpy as np
exec(open(__file__.replace("fd_dlai_lstm_cell_backward_405415.py", "fd_dlai_lstm_backward_8480.py")).read().split("# ---- author's function")[0])
rng = np.random.default_rng(405415)
n_x, n_a, m = 3, 5, 10
p = {}
for k in "fico":
    p["W" + k] = rng.standard_normal((n_a, n_a + n_x)) * 0.6; p["b" + k] = rng.standard_normal((n_a, 1)) * 0.3
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); c_prev = rng.standard_normal((n_a, m))
da_next = rng.standard_normal((n_a, m)); dc_next = rng.standard_normal((n_a, m))
def J():
    a, c, _ = lstm_cell_forward(xt, a_prev, c_prev, p); return np.sum(da_next * a) + np.sum(dc_next * c)
def fd(arr, eps=1e-6):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]; arr[idx] = old + eps; fp = J(); arr[idx] = old - eps; fm = J(); arr[idx] = old; g[idx] = (fp - fm) / (2 * eps)
    return g
_, _, cache = lstm_cell_forward(xt, a_prev, c_prev, p)
(a_next, c_next, _, _, ft, it, cct, ot, _, _) = cache
tc = np.tanh(c_next); dc = dc_next + ot * (1 - tc**2) * da_next
dz = {"o": da_next * tc * ot * (1 - ot), "c": dc * it * (1 - cct**2), "i": dc * cct * it * (1 - it), "f": dc * c_prev * ft * (1 - ft)}
# line 19 (eq. 19 weights): W_f = W_f[:,:n_a]  etc.
da_prev = sum(p["W" + k][:,:n_a].T @ dz[k] for k in "fico")
# line 21 (eq. 21 weights): W_f = W_f[:,n_a:]  etc.
dxt = sum(p["W" + k][:,n_a:].T @ dz[k] for k in "fico")
assert da_prev.shape == (n_a, m) and dxt.shape == (n_x, m)
assert np.max(np.abs(da_prev - fd(a_prev))) < 1e-7
assert np.max(np.abs(dxt - fd(xt))) < 1e-7
# the learner's bug: full W (no slicing) in both gives (n_a+n_x, m) = (8, 10), as in the posted shapes
assert sum(p["W" + k].T @ dz[k] for k in "fico").shape == (8, 10)
print("lines 19, 21 pass (slices match FD); unsliced W gives the (8, 10) shapes the learner printed")
