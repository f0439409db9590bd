# Finite-difference check of c5w1_stepbystep_notes.md (author's forward and backward, transcribed as written).
import numpy as np

np.random.seed(0)


def softmax(x):  # rnn_utils.py of the course
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def numgrad(f, X, eps=1e-6):
    g = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    while not it.finished:
        i = it.multi_index
        old = X[i]
        X[i] = old + eps
        fp = f()
        X[i] = old - eps
        fm = f()
        X[i] = old
        g[i] = (fp - fm) / (2 * eps)
        it.iternext()
    return g


def report(name, line, got, ref):
    err = np.max(np.abs(got - ref)) / (np.max(np.abs(ref)) + 1e-12)
    print(f"line {line:4d} {name:38s} {'AGREES' if err < 1e-5 else 'DIFFERS'}  (rel err {err:.2e})")


# ---------------- author's code (as in the note) ----------------
def rnn_cell_forward(xt, a_prev, parameters):
    Wax = parameters["Wax"]; Waa = parameters["Waa"]; Wya = parameters["Wya"]; ba = parameters["ba"]; by = parameters["by"]
    a_next = np.tanh(Wax @ xt + Waa @ a_prev + ba)
    yt_pred = softmax(Wya @ a_next + by)
    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache


def rnn_forward(x, a0, parameters):
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x)); y_pred = np.zeros((n_y, m, T_x))
    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    caches = (caches, x)
    return a, y_pred, caches


def rnn_cell_backward(da_next, cache):
    (a_next, a_prev, xt, parameters) = cache
    Wax = parameters["Wax"]; Waa = parameters["Waa"]
    dtanh = da_next * (1 - a_next ** 2)
    dxt = Wax.T @ dtanh
    dWax = dtanh @ xt.T
    da_prev = Waa.T @ dtanh
    dWaa = dtanh @ a_prev.T
    dba = np.sum(dtanh, axis=1, keepdims=True)
    return {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba, "dtanh": dtanh}


def rnn_backward(da, caches, fixed=False):
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x)); dWax = np.zeros((n_a, n_x)); dWaa = np.zeros((n_a, n_a)); dba = np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m, T_x)) if not fixed else np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        if fixed:
            gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])   # corrected recursion (not the author's)
        else:
            gradients = rnn_cell_backward(da[:, :, t], caches[t])              # author's line 397
        dxt, da_prevt, dWaxt, dWaat, dbat = gradients["dxt"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]
        dx[:, :, t] = dxt
        dWax += dWaxt
        dWaa += dWaat
        dba += dbat
    da0 = da_prevt
    return {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}


def lstm_cell_forward(xt, a_prev, c_prev, parameters, pert=None):
    Wf = parameters["Wf"]; bf = parameters["bf"]; Wi = parameters["Wi"]; bi = parameters["bi"]
    Wc = parameters["Wc"]; bc = parameters["bc"]; Wo = parameters["Wo"]; bo = parameters["bo"]
    Wy = parameters["Wy"]; by = parameters["by"]
    p = pert or {}
    z0 = 0 * a_prev
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sigmoid(Wf @ concat + bf + p.get("f", z0))
    it = sigmoid(Wi @ concat + bi + p.get("i", z0))
    cct = np.tanh(Wc @ concat + bc + p.get("c", z0))
    c_next = ft * c_prev + it * cct
    ot = sigmoid(Wo @ concat + bo + p.get("o", z0))
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(Wy @ a_next + by)
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache


def lstm_forward(x, a0, parameters):
    caches = []
    Wy = parameters['Wy']
    n_x, m, T_x = x.shape
    n_y, n_a = Wy.shape
    a = np.zeros((n_a, m, T_x)); c = np.zeros((n_a, m, T_x)); y = np.zeros((n_y, m, T_x))
    a_next = a0
    c_next = np.zeros((n_a, m))
    for t in range(T_x):
        xt = x[:, :, t]
        a_next, c_next, yt, cache = lstm_cell_forward(xt, a_next, c_next, parameters)
        a[:, :, t] = a_next; c[:, :, t] = c_next; y[:, :, t] = yt
        caches.append(cache)
    caches = (caches, x)
    return a, y, c, caches


def lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_x, m = xt.shape
    n_a, m = a_next.shape
    dot = da_next * np.tanh(c_next) * ot * (1-ot)
    dcct = (dc_next * it + ot * (1 - np.tanh(c_next) ** 2) * it * da_next) * (1 - cct ** 2)
    dit = (dc_next * cct + ot * (1 - np.tanh(c_next) ** 2) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - np.tanh(c_next) ** 2) * c_prev *da_next) * ft * (1 - ft)
    dWf = dft @ np.concatenate((a_prev, xt), axis=0).T
    dWi = dit @ np.concatenate((a_prev, xt), axis=0).T
    dWc = dcct @ np.concatenate((a_prev, xt), axis=0).T
    dWo = dot @ np.concatenate((a_prev, xt), axis=0).T
    dbf = np.sum(dft, axis=1, keepdims=True)
    dbi = np.sum(dit, axis=1, keepdims=True)
    dbc = np.sum(dcct, axis=1, keepdims=True)
    dbo = np.sum(dot, axis=1, keepdims=True)
    da_prev = parameters['Wf'][:,:n_a].T @ dft + parameters['Wi'][:,:n_a].T @ dit + parameters['Wc'][:,:n_a].T @ dcct + parameters['Wo'][:,:n_a].T @ dot
    dc_prev = dc_next * ft + ot * (1 - np.tanh(c_next) ** 2) * ft * da_next
    dxt = parameters['Wf'][:,n_a:].T @ dft + parameters['Wi'][:,n_a:].T @ dit + parameters['Wc'][:,n_a:].T @ dcct + parameters['Wo'][:,n_a:].T @ dot
    return {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev, "dWf": dWf, "dbf": dbf, "dWi": dWi, "dbi": dbi,
            "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo, "dot": dot, "dcct": dcct, "dit": dit, "dft": dft}


def lstm_backward(da, caches, fixed=False):
    (caches, x) = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x))
    da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
    acc = {k: np.zeros_like(parameters[k[1:]]) for k in ["dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo"]}
    for t in reversed(range(T_x)):
        if fixed:
            gradients = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])  # corrected (not the author's)
        else:
            gradients = lstm_cell_backward(da[:, :, t], dc_prevt, caches[t])             # author's line 560
        da_prevt = gradients['da_prev']
        dc_prevt = gradients['dc_prev']
        dx[:, :, t] = gradients['dxt']
        for k in acc:
            acc[k] += gradients[k]
    da0 = gradients['da_prev']
    out = dict(acc); out["dx"] = dx; out["da0"] = da0
    return out


# ---------------- checks ----------------
n_x, n_a, n_y, m, T = 3, 5, 2, 4, 4

# RNN cell: L = sum(da_next * a_next)
P = {"Wax": np.random.randn(n_a, n_x), "Waa": np.random.randn(n_a, n_a) * 0.5, "Wya": np.random.randn(n_y, n_a),
     "ba": np.random.randn(n_a, 1), "by": np.random.randn(n_y, 1)}
xt = np.random.randn(n_x, m); a_prev = np.random.randn(n_a, m); da_next = np.random.randn(n_a, m)
Lc = lambda: np.sum(da_next * rnn_cell_forward(xt, a_prev, P)[0])
g = rnn_cell_backward(da_next, rnn_cell_forward(xt, a_prev, P)[2])
zpert = np.zeros((n_a, m))
def Lz():
    return np.sum(da_next * np.tanh(P["Wax"] @ xt + P["Waa"] @ a_prev + P["ba"] + zpert))
print("== rnn_cell_backward (one step, L = sum(da_next*a_next)) ==")
report("dtanh = dL/dz", 326, g["dtanh"], numgrad(Lz, zpert))
report("dxt", 329, g["dxt"], numgrad(Lc, xt))
report("dWax", 330, g["dWax"], numgrad(Lc, P["Wax"]))
report("da_prev", 333, g["da_prev"], numgrad(Lc, a_prev))
report("dWaa", 334, g["dWaa"], numgrad(Lc, P["Waa"]))
report("dba", 337, g["dba"], numgrad(Lc, P["ba"]))

# RNN sequence: L = sum_t sum(G[:,:,t] * a<t>)  -> da = G (direct upstream gradient)
x = np.random.randn(n_x, m, T); a0 = np.random.randn(n_a, m); G = np.random.randn(n_a, m, T)
Ls = lambda: np.sum(G * rnn_forward(x, a0, P)[0])
_, _, caches = rnn_forward(x, a0, P)
ga = rnn_backward(G, caches); gf = rnn_backward(G, caches, fixed=True)
print("== rnn_backward (T=%d, L = sum_t sum(da[:,:,t]*a<t>)) ==" % T)
for k, ln, X in [("dWax", 402, P["Wax"]), ("dWaa", 403, P["Waa"]), ("dba", 404, P["ba"]), ("dx", 401, x), ("da0", 407, a0)]:
    ref = numgrad(Ls, X)
    report(k + " author (call line 397)", ln, ga[k], ref)
    report(k + " with da[:,:,t]+da_prevt", ln, gf[k], ref)

# LSTM cell: L = sum(da_next*a_next) + sum(dc_next*c_next)
Q = {}
for gname in "fico":
    Q["W" + gname] = np.random.randn(n_a, n_a + n_x) * 0.7
    Q["b" + gname] = np.random.randn(n_a, 1)
Q["Wy"] = np.random.randn(n_y, n_a); Q["by"] = np.random.randn(n_y, 1)
c_prev = np.random.randn(n_a, m); dc_next = np.random.randn(n_a, m)
pert = {k: np.zeros((n_a, m)) for k in "fico"}
def Lcell():
    an, cn, _, _ = lstm_cell_forward(xt, a_prev, c_prev, Q, pert)
    return np.sum(da_next * an) + np.sum(dc_next * cn)
g = lstm_cell_backward(da_next, dc_next, lstm_cell_forward(xt, a_prev, c_prev, Q)[3])
print("== lstm_cell_backward (one step, L = sum(da_next*a_next)+sum(dc_next*c_next)) ==")
report("dot = dL/d(preact o)", 471, g["dot"], numgrad(Lcell, pert["o"]))
report("dcct = dL/d(preact c~)", 472, g["dcct"], numgrad(Lcell, pert["c"]))
report("dit = dL/d(preact i)", 473, g["dit"], numgrad(Lcell, pert["i"]))
report("dft = dL/d(preact f)", 474, g["dft"], numgrad(Lcell, pert["f"]))
for k, ln in [("dWf", 477), ("dWi", 478), ("dWc", 479), ("dWo", 480), ("dbf", 481), ("dbi", 482), ("dbc", 483), ("dbo", 484)]:
    report(k, ln, g[k], numgrad(Lcell, Q[k[1:]]))
report("da_prev", 487, g["da_prev"], numgrad(Lcell, a_prev))
report("dc_prev", 488, g["dc_prev"], numgrad(Lcell, c_prev))
report("dxt", 489, g["dxt"], numgrad(Lcell, xt))

# LSTM sequence
Lls = lambda: np.sum(G * lstm_forward(x, a0, Q)[0])
_, _, _, caches = lstm_forward(x, a0, Q)
ga = lstm_backward(G, caches); gf = lstm_backward(G, caches, fixed=True)
print("== lstm_backward (T=%d, L = sum_t sum(da[:,:,t]*a<t>)) ==" % T)
for k, ln, X in [("dWf", 565, Q["Wf"]), ("dWo", 568, Q["Wo"]), ("dbc", 571, Q["bc"]), ("dx", 564, x), ("da0", 574, a0)]:
    ref = numgrad(Lls, X)
    report(k + " author (call line 560)", ln, ga[k], ref)
    report(k + " with da[:,:,t]+da_prevt", ln, gf[k], ref)
# single step sequence: the missing term is zero when T = 1
x1 = x[:, :, :1].copy(); G1 = G[:, :, :1].copy()
L1 = lambda: np.sum(G1 * lstm_forward(x1, a0, Q)[0])
g1 = lstm_backward(G1, lstm_forward(x1, a0, Q)[3])
report("dWo author, T=1 (sanity)", 568, g1["dWo"], numgrad(L1, Q["Wo"]))
