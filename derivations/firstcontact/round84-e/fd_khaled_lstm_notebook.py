# Finite-difference check of khaled_lstm_notebook.md (KhaledAlnobani LSTM.ipynb), numpy only.
# Forward and backward are re-typed from the note (same formulas); loss L = sum(da * a) over all steps
# (da = the upstream gradient the notebook's lstm_backward takes), plus a single-cell loss
# L1 = sum(da_next*a_next) + sum(dc_next*c_next) for the cell rows.
import numpy as np
np.random.seed(0)
def sigmoid(x): return 1/(1+np.exp(-x))
def softmax(x):
    e = np.exp(x - np.max(x, axis=0, keepdims=True)); return e/e.sum(axis=0, keepdims=True)

def lstm_cell_forward(xt, a_prev, c_prev, p):
    n_x, m = xt.shape; n_y, n_a = p["Wy"].shape
    concat = np.zeros([n_x+n_a, m]); concat[:n_a] = a_prev; concat[n_a:] = xt
    ft = sigmoid(p["Wf"]@concat+p["bf"]); it = sigmoid(p["Wi"]@concat+p["bi"])
    cct = np.tanh(p["Wc"]@concat+p["bc"]); c_next = ft*c_prev+it*cct
    ot = sigmoid(p["Wo"]@concat+p["bo"]); a_next = ot*np.tanh(c_next)
    yt = softmax(p["Wy"]@a_next+p["by"])
    return a_next, c_next, yt, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p)

def lstm_forward(x, a0, p):
    n_x, m, T = x.shape; n_y, n_a = p["Wy"].shape
    a = np.zeros([n_a, m, T]); c = np.zeros([n_a, m, T]); caches = []
    a_next = a0; c_next = np.zeros([n_a, m])
    for t in range(T):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, p)
        a[:, :, t] = a_next; c[:, :, t] = c_next; caches.append(cache)
    return a, c, (caches, x)

def lstm_cell_backward(da_next, dc_next, cache):   # as written (lines 161-183)
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p) = cache
    n_x, m = xt.shape; n_a, m = a_next.shape
    dit = (da_next*ot*(1-np.tanh(c_next)**2)+dc_next)*cct*(1-it)*it
    dft = (da_next*ot*(1-np.tanh(c_next)**2)+dc_next)*c_prev*ft*(1-ft)
    dot = da_next*np.tanh(c_next)*ot*(1-ot)
    dcct = (da_next*ot*(1-np.tanh(c_next)**2)+dc_next)*it*(1-cct**2)
    cat = np.concatenate((a_prev, xt), axis=0).T
    g = dict(dWf=dft@cat, dWi=dit@cat, dWc=dcct@cat, dWo=dot@cat,
             dbf=dft.sum(1, keepdims=True), dbi=dit.sum(1, keepdims=True),
             dbc=dcct.sum(1, keepdims=True), dbo=dot.sum(1, keepdims=True))
    g["da_prev"] = p['Wf'][:, :n_a].T@dft+p['Wi'][:, :n_a].T@dit+p['Wc'][:, :n_a].T@dcct+p['Wo'][:, :n_a].T@dot
    g["dc_prev"] = dc_next*ft+ot*(1-np.square(np.tanh(c_next)))*ft*da_next
    g["dxt"] = p['Wf'][:, n_a:].T@dft+p['Wi'][:, n_a:].T@dit+p['Wc'][:, n_a:].T@dcct+p['Wo'][:, n_a:].T@dot
    return g

def lstm_backward(da, caches, fixed=False):         # as written (line 242): da_prevt, dc_prevt never updated
    (cl, x) = caches; n_a, m, T = da.shape; n_x = x.shape[0]
    tot = {k: 0 for k in ["dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo"]}
    dx = np.zeros((n_x, m, T)); da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
    for t in reversed(range(T)):
        g = lstm_cell_backward(da[:, :, t]+da_prevt, dc_prevt, cl[t])
        dx[:, :, t] = g["dxt"]
        for k in tot: tot[k] = tot[k]+g[k]
        if fixed:
            da_prevt, dc_prevt = g["da_prev"], g["dc_prev"]
    tot["dx"] = dx; tot["da0"] = g["da_prev"]
    return tot

n_x, n_a, n_y, m, T = 3, 5, 2, 4, 6
p = {k: np.random.randn(n_a, n_a+n_x) for k in ["Wf", "Wi", "Wc", "Wo"]}
p.update({k: np.random.randn(n_a, 1) for k in ["bf", "bi", "bc", "bo"]})
p["Wy"] = np.random.randn(n_y, n_a); p["by"] = np.random.randn(n_y, 1)
x = np.random.randn(n_x, m, T); a0 = np.random.randn(n_a, m)
da = np.random.randn(n_a, m, T)

def num_grad(f, arr, eps=1e-6):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        o = arr[idx]; arr[idx] = o+eps; fp = f(); arr[idx] = o-eps; fm = f(); arr[idx] = o; g[idx] = (fp-fm)/(2*eps)
    return g
def rep(name, a, b):
    err = np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(b)))
    print(f"{name:45s} {'AGREE' if err < 1e-5 else 'DIFFER'}  (rel.err {err:.2e})")

# ---- cell level (lines 161-183): L1 = sum(da_next*a_next) + sum(dc_next*c_next)
xt = x[:, :, 0]; ap = np.random.randn(n_a, m); cp = np.random.randn(n_a, m)
dan = np.random.randn(n_a, m); dcn = np.random.randn(n_a, m)
def L1():
    an, cn, _, _ = lstm_cell_forward(xt, ap, cp, p); return np.sum(dan*an)+np.sum(dcn*cn)
_, _, _, cache = lstm_cell_forward(xt, ap, cp, p)
g = lstm_cell_backward(dan, dcn, cache)
print("== one cell, L1 = sum(da_next*a_next)+sum(dc_next*c_next)")
for k in ["Wf", "Wi", "Wc", "Wo", "bf", "bi", "bc", "bo"]:
    rep(f"line 161-174 d{k}", g["d"+k], num_grad(L1, p[k]))
rep("line 177 da_prev", g["da_prev"], num_grad(L1, ap))
rep("line 180 dc_prev", g["dc_prev"], num_grad(L1, cp))
rep("line 182 dxt", g["dxt"], num_grad(L1, xt))

# ---- sequence level (line 242 and the += lines): L = sum(da * a)
def L():
    a, c, _ = lstm_forward(x, a0, p); return np.sum(da*a)
a, c, caches = lstm_forward(x, a0, p)
G = lstm_backward(da, caches); Gf = lstm_backward(da, caches, fixed=True)
print("== whole sequence, L = sum(da * a); notebook's lstm_backward as written")
for k in ["Wf", "Wi", "Wc", "Wo", "bf", "bi", "bc", "bo"]:
    rep(f"line 242/245-252 total d{k} (as written)", G["d"+k], num_grad(L, p[k]))
rep("line 242/244 dx (as written)", G["dx"], num_grad(L, x))
rep("line 254 da0 (as written)", G["da0"], num_grad(L, a0))
print("== same loop with da_prevt, dc_prevt = gradients['da_prev'], gradients['dc_prev'] added (not in the source)")
for k in ["Wf", "Wo"]:
    rep(f"fixed total d{k}", Gf["d"+k], num_grad(L, p[k]))
rep("fixed da0", Gf["da0"], num_grad(L, a0))
