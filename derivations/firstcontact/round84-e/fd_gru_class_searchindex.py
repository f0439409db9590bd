# Finite-difference check of gru_class_searchindex.py (search-index file id 35922847825), numpy only.
# The class's forward/backward are re-typed here with the same formulas (the module imports an
# activation_functions module that is not available, so sigmoid/softmax/tanh are defined below).
# Loss L = compute_loss(Y_hat, Y) = -sum(Y * log(Y_hat)), Y one-hot per step and column.
import numpy as np
np.random.seed(2)
def sigmoid(x): return 1/(1+np.exp(-x))
def tanh(x): return np.tanh(x)
def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True)); return e/e.sum(axis=0, keepdims=True)

n_a, n_x, n_y, m, T = 4, 3, 3, 2, 5
P = {k: np.random.randn(n_a, n_a+n_x)*0.7 for k in ["Wu", "Wr", "Wc"]}
P.update({k: np.random.randn(n_a, 1)*0.3 for k in ["bu", "br", "bc"]})
P["Wy"] = np.random.randn(n_y, n_a)*0.7; P["by"] = np.random.randn(n_y, 1)*0.3
X = np.random.randn(n_x, m, T); a0 = np.random.randn(n_a, m)*0.5
Y = np.zeros((n_y, m, T))
for t in range(T):
    for j in range(m): Y[np.random.randint(n_y), j, t] = 1

def cell_forward(xt, at_prev, p):
    concat = np.concatenate((at_prev, xt), axis=0)
    ut = sigmoid(p["Wu"]@concat + p["bu"]); rt = sigmoid(p["Wr"]@concat + p["br"])
    cct = tanh(p["Wc"]@np.concatenate((rt*at_prev, xt), axis=0) + p["bc"])
    at = ut*cct + (1-ut)*at_prev
    zyt = p["Wy"]@at + p["by"]; y_hat_t = softmax(zyt)
    return at, y_hat_t, (at, at_prev, ut, rt, cct, xt, y_hat_t, zyt)
def forward(X, a0, p):
    A = np.zeros((n_a, m, T)); Yh = np.zeros((n_y, m, T)); caches = []; at_prev = a0
    for t in range(T):
        at_prev, yh, cache = cell_forward(X[:, :, t], at_prev, p)
        A[:, :, t] = at_prev; Yh[:, :, t] = yh; caches.append(cache)
    return A, Yh, caches
def loss():
    _, Yh, _ = forward(X, a0, P); return -np.sum(Y*np.log(Yh))

def cell_backward(y, dat, cache, p):   # lines 190-222 as written
    at, at_prev, ut, rt, cct, xt, y_hat_t, zyt = cache
    dzy = y_hat_t - y; dWy = dzy@at.T; dby = np.sum(dzy, axis=1, keepdims=True)
    dat = p["Wy"].T@dzy + dat
    dcct = dat*ut*(1-cct**2); dut = dat*(cct-at_prev)*ut*(1-ut); dat_prev = dat*(1-ut)
    dcct_ra_x = p["Wc"].T@dcct; dcct_r_at_prev = dcct_ra_x[:n_a, :]; dcct_xt = dcct_ra_x[n_a:, :]
    drt = (dcct_r_at_prev*at_prev)*rt*(1-rt)
    concat = np.concatenate((at_prev, xt), axis=0)
    g = dict(dWc=dcct@np.concatenate((rt*at_prev, xt), axis=0).T, dbc=np.sum(dcct, axis=1, keepdims=True),
             dWr=drt@concat.T, dbr=np.sum(drt, axis=1, keepdims=True),
             dWu=dut@concat.T, dbu=np.sum(dut, axis=1, keepdims=True), dWy=dWy, dby=dby)
    g["dat_prev"] = dat_prev + dcct_r_at_prev*rt + p["Wr"][:, :n_a].T@drt + p["Wu"][:, :n_a].T@dut
    g["dxt"] = dcct_xt + p["Wr"][:, n_a:].T@drt + p["Wu"][:, n_a:].T@dut
    return g
def backward(X, Y, p, caches):          # lines 262-283 as written
    G = {k: 0 for k in ["dWu", "dbu", "dWr", "dbr", "dWc", "dbc", "dWy", "dby"]}
    dat = np.zeros((n_a, m)); dxs = {}
    for t in reversed(range(T)):
        g = cell_backward(Y[:, :, t], dat, caches[t], p)
        for k in G: G[k] = G[k] + g[k]
        dat = g["dat_prev"]; dxs[t] = g["dxt"]
    return G, dat, dxs

def num_grad(arr, eps=1e-6):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        o = arr[idx]; arr[idx] = o+eps; fp = loss(); arr[idx] = o-eps; fm = loss(); arr[idx] = o; g[idx] = (fp-fm)/(2*eps)
    return g
def rep(name, a, b):
    err = np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(b)))
    print(f"{name:52s} {'AGREE' if err < 1e-5 else 'DIFFER'}  (rel.err {err:.2e})")

A, Yh, caches = forward(X, a0, P)
G, da0, dxs = backward(X, Y, P, caches)
print("== whole sequence, L = -sum(Y log Y_hat)")
for k, ln in [("Wu", 214), ("bu", 215), ("Wr", 212), ("br", 213), ("Wc", 210), ("bc", 211), ("Wy", 194), ("by", 195)]:
    rep(f"line {ln} + accumulation d{k}", G["d"+k], num_grad(P[k]))
rep("line 217/283 dat_prev chained to a0", da0, num_grad(a0))
rep("line 220 dxt (all steps)", np.stack([dxs[t] for t in range(T)], axis=2), num_grad(X))
# ---- line 201 alone is only the direct (1-u) path: shown to be incomplete without line 217 (info)
at, at_prev, ut, rt, cct, xt, yh, zy = caches[-1]
only_direct = ((P["Wy"].T@(yh - Y[:, :, -1]))*(1-ut))
a_prev_true = None
print("(info) line 201 alone vs completed line 217 differ as expected:",
      not np.allclose(only_direct, cell_backward(Y[:, :, -1], np.zeros((n_a, m)), caches[-1], P)["dat_prev"]))
