# Finite-difference check of coursera_c5w1_lucassales_lstm.md (numpy only).
# Implements the author's forward pass (code cells lstm_cell_forward / lstm_forward), then the
# markdown equations (7)-(17) as printed and the student's code lines, and compares with
# central differences of a scalar loss L = sum(G_a * a_next) + sum(G_c * c_next) (one step)
# or L = sum(G * a) over all steps (sequence).
import numpy as np

np.random.seed(0)
n_x, n_a, n_y, m, T = 3, 4, 2, 5, 4

def sigmoid(x): return 1 / (1 + np.exp(-x))
def softmax(x):
    e = np.exp(x - np.max(x)); return e / e.sum(axis=0)

P = {k: np.random.randn(n_a, n_a + n_x) for k in ["Wf", "Wi", "Wc", "Wo"]}
P.update({k: np.random.randn(n_a, 1) for k in ["bf", "bi", "bc", "bo"]})
P["Wy"] = np.random.randn(n_y, n_a); P["by"] = np.random.randn(n_y, 1)

def lstm_cell_forward(xt, a_prev, c_prev, p):           # md lines 101-118
    concat = np.zeros((n_a + n_x, m)); concat[:n_a, :] = a_prev; concat[n_a:, :] = xt
    ft = sigmoid(np.dot(p["Wf"], concat) + p["bf"])
    it = sigmoid(np.dot(p["Wi"], concat) + p["bi"])
    cct = np.tanh(np.dot(p["Wc"], concat) + p["bc"])
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(p["Wo"], concat) + p["bo"])
    a_next = ot * np.tanh(c_next)
    yt = softmax(np.dot(p["Wy"], a_next) + p["by"])
    return a_next, c_next, yt, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p)

def lstm_forward(x, a0, p):                               # md lines 152-187
    caches = []; a = np.zeros((n_a, m, x.shape[2])); a_next = a0; c_next = np.zeros(a0.shape)
    for t in range(x.shape[2]):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, p)
        a[:, :, t] = a_next; caches.append(cache)
    return a, (caches, x)

def num_grad(f, v, h=1e-6):
    g = np.zeros_like(v)
    for i in np.ndindex(v.shape):
        o = v[i]; v[i] = o + h; fp = f(); v[i] = o - h; fm = f(); v[i] = o; g[i] = (fp - fm) / (2 * h)
    return g

def rel(a, b):
    if a.shape != b.shape: return np.inf
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))

def report(name, mine, fd, tol=1e-6):
    r = rel(mine, fd)
    print("%-62s %s  (rel err %.1e)" % (name, "AGREES" if r < tol else "DISAGREES", r))

# ---------------- one step ----------------
xt = np.random.randn(n_x, m); a_prev = np.random.randn(n_a, m); c_prev = np.random.randn(n_a, m)
Ga = np.random.randn(n_a, m); Gc = np.random.randn(n_a, m)       # da_next, dc_next
def L1(): a, c, _, _ = lstm_cell_forward(xt, a_prev, c_prev, P); return np.sum(Ga * a) + np.sum(Gc * c)
a_next, c_next, _, cache = lstm_cell_forward(xt, a_prev, c_prev, P)
_, _, _, _, ft, it, cct, ot, _, _ = cache
da_next, dc_next = Ga, Gc
concat = np.concatenate((a_prev, xt), axis=0)
# pre-activation gradients by finite differences (perturb the bias of each gate: d/db summed over m,
# so compare column sums; for element-wise check perturb the pre-activation directly)
def pre_grad(gate):
    # derivative of L1 w.r.t. the pre-activation z_gate (n_a, m), via a perturbation added inside the cell
    def Lz(dz):
        p2 = dict(P)
        cc = np.concatenate((a_prev, xt), 0)
        z = {k: np.dot(P["W" + k], cc) + P["b" + k] for k in "fico"}
        z[gate] = z[gate] + dz
        f, i, o = sigmoid(z["f"]), sigmoid(z["i"]), sigmoid(z["o"]); g = np.tanh(z["c"])
        c = f * c_prev + i * g; a = o * np.tanh(c)
        return np.sum(Ga * a) + np.sum(Gc * c)
    dz = np.zeros((n_a, m)); return num_grad(lambda: Lz(dz), dz)
fd = {k: pre_grad(k) for k in "fico"}
th = np.tanh(c_next)

print("== markdown equations as printed ==")
eq7 = da_next * np.tanh(c_next) * ot * (1 - ot)
report("md 196 eq (7) dGamma_o", eq7, fd["o"])
eq8 = dc_next * it + ot * (1 - th ** 2) * it * da_next * cct * (1 - np.tanh(cct) ** 2)
report("md 198 eq (8) dc~ as printed", eq8, fd["c"])
eq9 = dc_next * cct + ot * (1 - th ** 2) * cct * da_next * it * (1 - it)
report("md 200 eq (9) dGamma_u as printed (no brackets)", eq9, fd["i"])
eq10 = dc_next * cct + ot * (1 - th ** 2) * c_prev * da_next * ft * (1 - ft)   # \tilde c_{prev} read as cct
report("md 202 eq (10) dGamma_f as printed (c~_prev, no brackets)", eq10, fd["f"])
eq10b = dc_next * c_prev + ot * (1 - th ** 2) * c_prev * da_next * ft * (1 - ft)
report("md 202 eq (10) even with c_prev, no brackets", eq10b, fd["f"])
for k, nm, ln in [("f", "Wf", 206), ("i", "Wi", 207), ("c", "Wc", 208), ("o", "Wo", 209)]:
    report("md %d eq (%d) d%s = dGamma [a_prev; x]^T (correct dGamma)" % (ln, ln - 195, nm),
           np.dot(fd[k], concat.T), num_grad(L1, P[nm]))
report("md 211 db = sum over axis 1 (keepdims) of dGamma_f", np.sum(fd["f"], 1, keepdims=True), num_grad(L1, P["bf"]))
eq15 = sum(np.dot(P["W" + k][:, :n_a].T, fd[k]) for k in "fico")
report("md 215 eq (15) da_prev with W[:, :n_a]", eq15, num_grad(L1, a_prev))
eq15rows = P["Wf"][:n_a, :]
print("md 216 hint W_f = W_f[:n_a,:] has shape %s (whole matrix, not the a-block (%d,%d)) -> W^T dGamma has shape %s, not (%d,%d): DISAGREES"
      % (eq15rows.shape, n_a, n_a, np.dot(eq15rows.T, fd["f"]).shape, n_a, m))
eq16 = dc_next * ft + ot * (1 - th ** 2) * ft * da_next
report("md 218 eq (16) dc_prev", eq16, num_grad(L1, c_prev))
eq17 = sum(np.dot(P["W" + k][:, n_a:].T, fd[k]) for k in "fico")
report("md 219 eq (17) dx with W[:, n_a:]", eq17, num_grad(L1, xt))
print("md 220 hint W_f = W_f[n_a:,:] has shape %s (empty: W_f has only n_a rows): DISAGREES" % (P["Wf"][n_a:, :].shape,))

print("== student code, lstm_cell_backward ==")
dot = da_next * np.tanh(c_next) * ot * (1 - ot)
dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * da_next) * (1 - np.square(cct))
dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
report("258 dot", dot, fd["o"]); report("259 dcct", dcct, fd["c"]); report("260 dit", dit, fd["i"]); report("261 dft", dft, fd["f"])
report("270 dWf", np.dot(dft, concat.T), num_grad(L1, P["Wf"]))
report("271 dWi", np.dot(dit, concat.T), num_grad(L1, P["Wi"]))
report("272 dWc", np.dot(dcct, concat.T), num_grad(L1, P["Wc"]))
report("273 dWo", np.dot(dot, concat.T), num_grad(L1, P["Wo"]))
for ln, k, d in [(274, "bf", dft), (275, "bi", dit), (276, "bc", dcct), (277, "bo", dot)]:
    report("%d d%s" % (ln, k), np.sum(d, axis=1, keepdims=True), num_grad(L1, P[k]))
da_prev = sum(np.dot(P["W" + k][:, :n_a].T, d) for k, d in zip("fico", (dft, dit, dcct, dot)))
report("280 da_prev", da_prev, num_grad(L1, a_prev))
report("281 dc_prev", dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next, num_grad(L1, c_prev))
dxt = sum(np.dot(P["W" + k][:, n_a:].T, d) for k, d in zip("fico", (dft, dit, dcct, dot)))
report("282 dxt", dxt, num_grad(L1, xt))

def lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p) = cache
    dot = da_next * np.tanh(c_next) * ot * (1 - ot)
    dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * da_next) * (1 - np.square(cct))
    dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
    cc = np.concatenate((a_prev, xt), axis=0); g = {}
    for k, d in zip("fico", (dft, dit, dcct, dot)):
        g["dW" + k] = np.dot(d, cc.T); g["db" + k] = np.sum(d, axis=1, keepdims=True)
    g["da_prev"] = sum(np.dot(p["W" + k][:, :n_a].T, d) for k, d in zip("fico", (dft, dit, dcct, dot)))
    g["dc_prev"] = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
    g["dxt"] = sum(np.dot(p["W" + k][:, n_a:].T, d) for k, d in zip("fico", (dft, dit, dcct, dot)))
    return g

print("== student code, lstm_backward (sequence, L = sum(G * a)) ==")
x = np.random.randn(n_x, m, T); a0 = np.random.randn(n_a, m); G = np.random.randn(n_a, m, T)
def LT(): return np.sum(G * lstm_forward(x, a0, P)[0])
a, caches = lstm_forward(x, a0, P)
def lstm_backward(da, caches, fixed=False):
    (caches, x) = caches
    acc = {k: 0 for k in ["dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo"]}
    dx = np.zeros((n_x, m, T)); da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
    for t in reversed(range(T)):
        if fixed:
            g = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t]); da_prevt, dc_prevt = g["da_prev"], g["dc_prev"]
        else:
            g = lstm_cell_backward(da[:, :, t], dc_prevt, caches[t])            # md line 349 as written
        dx[:, :, t] = g["dxt"]
        for k in acc: acc[k] = acc[k] + g[k]
    return dx, g["da_prev"], acc
dx, da0, acc = lstm_backward(G, caches)
report("349-361 as written: dx", dx, num_grad(LT, x))
report("349-361 as written: da0", da0, num_grad(LT, a0))
report("349-361 as written: dWf", acc["dWf"], num_grad(LT, P["Wf"]))
report("349-361 as written: dbo", acc["dbo"], num_grad(LT, P["bo"]))
dx, da0, acc = lstm_backward(G, caches, fixed=True)
report("same loop with da[:,:,t]+da_prevt and da_prevt/dc_prevt updated: dx", dx, num_grad(LT, x))
report("same loop, fixed: da0", da0, num_grad(LT, a0))
report("same loop, fixed: dWf", acc["dWf"], num_grad(LT, P["Wf"]))
report("same loop, fixed: dbo", acc["dbo"], num_grad(LT, P["bo"]))
