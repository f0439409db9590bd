# Finite-difference check of coursera_c5w1_ajinkyat_rnn.md (numpy only).
# Author's forward: a_next = tanh(Waa a_prev + Wax xt + ba), y = softmax(Wya a + by); column layout (n, m).
# Loss used for the check: L = sum(G * a) over all steps (G plays the role of the upstream da),
# or L = sum(G1 * a_next) for one step.
import numpy as np
np.random.seed(0)
n_x, n_a, n_y, m, T = 3, 5, 2, 4, 4
def softmax(x):
    e = np.exp(x - np.max(x)); return e / e.sum(axis=0)
P = {"Wax": np.random.randn(n_a, n_x), "Waa": np.random.randn(n_a, n_a), "Wya": np.random.randn(n_y, n_a),
     "ba": np.random.randn(n_a, 1), "by": np.random.randn(n_y, 1)}

def rnn_cell_forward(xt, a_prev, p):                              # md 59-65
    a_next = np.tanh(p["Waa"].dot(a_prev) + p["Wax"].dot(xt) + p["ba"])
    yt_pred = softmax(p["Wya"].dot(a_next) + p["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, p)

def rnn_forward(x, a0, p):                                         # md 94-123
    caches = []; a = np.zeros((n_a, m, x.shape[2])); a_next = a0
    for t in range(x.shape[2]):
        a_next, yt, cache = rnn_cell_forward(x[:, :, t], a_next, p); a[:, :, t] = a_next; caches.append(cache)
    return a, (caches, x)

def rnn_cell_backward(da_next, cache):                             # md 164-191
    (a_next, a_prev, xt, p) = cache
    dtanh = (1 - a_next ** 2) * da_next
    return {"dxt": p["Wax"].T.dot(dtanh), "dWax": dtanh.dot(xt.T), "da_prev": p["Waa"].T.dot(dtanh),
            "dWaa": dtanh.dot(a_prev.T), "dba": np.sum(dtanh, 1, keepdims=True), "dtanh": dtanh}

def num_grad(f, v, h=1e-6):
    g = np.zeros_like(v)
    for i in np.ndindex(v.shape):
        o = v[i]; v[i] = o + h; fp = f(); v[i] = o - h; fm = f(); v[i] = o; g[i] = (fp - fm) / (2 * h)
    return g
def report(name, mine, fd, tol=1e-6):
    r = np.max(np.abs(mine - fd)) / max(1e-12, np.max(np.abs(mine)) + np.max(np.abs(fd)))
    print("%-58s %s  (rel err %.1e)" % (name, "AGREES" if r < tol else "DISAGREES", r))

print("== helper: tanh'(u) = 1 - tanh(u)^2 (md 139, 141) ==")
u = np.random.randn(6); report("139/141 d tanh(u)/du", 1 - np.tanh(u) ** 2, num_grad(lambda: np.sum(np.tanh(u)), u))

print("== one step: rnn_cell_backward ==")
xt = np.random.randn(n_x, m); a_prev = np.random.randn(n_a, m); G1 = np.random.randn(n_a, m)
L1 = lambda: np.sum(G1 * rnn_cell_forward(xt, a_prev, P)[0])
g = rnn_cell_backward(G1, rnn_cell_forward(xt, a_prev, P)[2])
z = P["Waa"].dot(a_prev) + P["Wax"].dot(xt) + P["ba"]
report("175 dtanh = dL/d(pre-activation)", g["dtanh"], num_grad(lambda: np.sum(G1 * np.tanh(z)), z))
report("178 dxt", g["dxt"], num_grad(L1, xt))
report("179 dWax", g["dWax"], num_grad(L1, P["Wax"]))
report("182 da_prev", g["da_prev"], num_grad(L1, a_prev))
report("183 dWaa", g["dWaa"], num_grad(L1, P["Waa"]))
report("186 dba", g["dba"], num_grad(L1, P["ba"]))

print("== sequence: rnn_backward ==")
x = np.random.randn(n_x, m, T); a0 = np.random.randn(n_a, m); G = np.random.randn(n_a, m, T)
LT = lambda: np.sum(G * rnn_forward(x, a0, P)[0])
def rnn_backward(da, caches, fixed=False):
    (caches, x) = caches
    dx = np.zeros((n_x, m, T)); dWax = np.zeros((n_a, n_x)); dWaa = np.zeros((n_a, n_a)); dba = np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, 1))
    for t in reversed(range(T)):
        gr = rnn_cell_backward(da[:, :, t] + da_prevt if fixed else da[:, :, t], caches[t])   # md 244 (as written when not fixed)
        da_prevt = gr["da_prev"]
        dx[:, :, t] = gr["dxt"]; dWax += gr["dWax"]; dWaa += gr["dWaa"]; dba += gr["dba"]
    return dx, da_prevt, dWax, dWaa, dba
a, caches = rnn_forward(x, a0, P)
for tag, fixed in [("as written (244: da[:,:,t] only)", False), ("with da[:,:,t] + da_prevt", True)]:
    dx, da0, dWax, dWaa, dba = rnn_backward(G, caches, fixed)
    report(tag + ": dx", dx, num_grad(LT, x))
    report(tag + ": da0", da0, num_grad(LT, a0))
    report(tag + ": dWax", dWax, num_grad(LT, P["Wax"]))
    report(tag + ": dWaa", dWaa, num_grad(LT, P["Waa"]))
    report(tag + ": dba", dba, num_grad(LT, P["ba"]))
# the last step (t = T-1) receives no gradient from the future, so its per-step terms agree either way:
dx, _, _, _, _ = rnn_backward(G, caches)
report("as written, dx at the last step t=T-1 only", dx[:, :, -1], num_grad(LT, x)[:, :, -1])
