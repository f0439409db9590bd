# Finite-difference check of girrajjangid_rnn_single.md (author's forward and backward, numpy only).
# Loss used for checking: L = sum_t sum(G[:,:,t] * a_t), so the upstream dL/da_t (direct part) is G[:,:,t].
import numpy as np
np.random.seed(0)

def softmax(a):
    return np.exp(a)/np.exp(a).sum(axis=0)

def rnn_cell_forward(xt, a_prev, p):
    a_next = np.tanh(np.dot(p["Waa"].T, a_prev) + np.dot(p["Wax"].T, xt) + p["ba"])
    y_cap = softmax(np.dot(p["Way"].T, a_next) + p["by"])
    return a_next, y_cap, (a_prev, xt, a_next, p)

def rnn_forward(x, a0, p):
    caches = []; acts = []
    a = a0
    for t in range(x.shape[2]):
        a, y, c = rnn_cell_forward(x[:, :, t], a, p)
        acts.append(a); caches.append(c)
    return np.stack(acts, 2), caches

# author's cell backward, verbatim formulas (line 146 .. 159)
def rnn_cell_backward_author(da_next, cache, dz_override=None):
    a_prev, xt, a_next, p = cache
    da_dtanh = (1 - np.square(a_next)) if dz_override is None else dz_override
    return dict(dz=da_dtanh,
                dx=np.dot(p["Wax"], da_dtanh),
                da_prev=np.dot(p["Waa"], da_dtanh),
                dWax=np.dot(xt, da_dtanh.T),
                dWaa=np.dot(a_prev, da_dtanh.T),
                dba=np.sum(da_dtanh, axis=1).reshape(-1, 1))

# author's rnn_backward loop (lines 205-215), with a pluggable cell
def rnn_backward_author(da, caches, cell):
    T = len(caches)
    dx = np.zeros((caches[0][1].shape[0], caches[0][1].shape[1], T))
    dWax = dWaa = dba = 0; da_prevt = 0
    for t in reversed(range(T)):
        g = cell(da[:, :, t], caches[t])          # line 205: no "+ da_prevt"
        dx[:, :, t] = g["dx"]
        dWax = dWax + g["dWax"]; dWaa = dWaa + g["dWaa"]; dba = dba + g["dba"]
        da_prevt = da_prevt + g["da_prev"]        # line 213
    return dict(dx=dx, da0=da_prevt, dWax=dWax, dWaa=dWaa, dba=dba)

H, B, D, T = 2, 10, 1, 4
p = dict(Wax=np.random.randn(D, H), Waa=np.random.randn(H, H), Way=np.random.randn(H, 1),
         ba=np.random.randn(H, 1), by=np.random.randn(1, 1))
x = np.random.randn(D, B, T); a0 = np.random.randn(H, B); G = np.random.randn(H, B, T)

def loss(p, x, a0):
    acts, _ = rnn_forward(x, a0, p)
    return np.sum(G * acts)

def num_grad(f, arr, eps=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; old = arr[i]
        arr[i] = old + eps; fp = f(); arr[i] = old - eps; fm = f(); arr[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g

def rep(name, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"{name:55s} {'AGREE' if ok else 'DISAGREE'}  maxdiff={np.max(np.abs(a-b)):.3e}")

# ---- single step: L1 = sum(g * a_next)
xt = x[:, :, 0]; g = G[:, :, 0]
def l1(): return np.sum(g * rnn_cell_forward(xt, a0, p)[0])
a_next, _, cache = rnn_cell_forward(xt, a0, p)
true_dz = g * (1 - a_next**2)
ga = rnn_cell_backward_author(g, cache)
print("== one step, L1 = sum(da_next * a_next) ==")
rep("line 146 da_dtanh vs dL/dz = da_next*(1-a^2)", ga["dz"], true_dz)
gc = rnn_cell_backward_author(g, cache, dz_override=true_dz)
rep("line 149 da_dxt  (given correct dz)", gc["dx"], num_grad(l1, xt))
rep("line 151 da_da_prev (given correct dz)", gc["da_prev"], num_grad(l1, a0))
rep("line 154 da_dWax (given correct dz)", gc["dWax"], num_grad(l1, p["Wax"]))
rep("line 156 da_dWaa (given correct dz)", gc["dWaa"], num_grad(l1, p["Waa"]))
rep("line 159 da_dba  (given correct dz)", gc["dba"], num_grad(l1, p["ba"]))
rep("line 149 da_dxt  as written (dz without da_next)", ga["dx"], num_grad(l1, xt))
rep("line 156 da_dWaa as written", ga["dWaa"], num_grad(l1, p["Waa"]))

# ---- whole sequence
acts, caches = rnn_forward(x, a0, p)
f = lambda: loss(p, x, a0)
fd = dict(dWax=num_grad(f, p["Wax"]), dWaa=num_grad(f, p["Waa"]), dba=num_grad(f, p["ba"]),
          dx=num_grad(f, x), da0=num_grad(f, a0))
print("== sequence, L = sum_t sum(da[:,:,t] * a_t) ==")
res = rnn_backward_author(G, caches, rnn_cell_backward_author)
for k in ["dWax", "dWaa", "dba", "dx", "da0"]:
    rep(f"rnn_backward as written: {k}", res[k], fd[k])
fixed_cell = lambda dn, c: rnn_cell_backward_author(dn, c, dz_override=dn * (1 - c[2]**2))
res2 = rnn_backward_author(G, caches, fixed_cell)
for k in ["dWax", "dWaa", "dba", "dx", "da0"]:
    rep(f"loop of 205/213 with a corrected cell: {k}", res2[k], fd[k])
# loop with line 205 fixed (da[:,:,t] + da_prev) and da0 = last da_prev
def loop_fixed(da, caches):
    T = len(caches); dWaa = 0; dap = 0; dx = np.zeros_like(x)
    for t in reversed(range(T)):
        gg = fixed_cell(da[:, :, t] + dap, caches[t]); dap = gg["da_prev"]
        dWaa = dWaa + gg["dWaa"]; dx[:, :, t] = gg["dx"]
    return dWaa, dap, dx
dW, d0, dxx = loop_fixed(G, caches)
rep("reference loop (+da_prev, da0=last da_prev): dWaa", dW, fd["dWaa"])
rep("reference loop: da0", d0, fd["da0"])
rep("reference loop: dx (lines 209 assignment)", dxx, fd["dx"])
