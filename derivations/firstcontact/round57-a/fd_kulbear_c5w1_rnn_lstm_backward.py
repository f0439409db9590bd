"""Finite-difference check for kulbear_c5w1_rnn_lstm_backward.md (numpy only, float64)."""
import numpy as np

rng = np.random.default_rng(5701)
n_x, n_a, n_y, m, T_x = 3, 5, 2, 4, 4


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def numgrad(f, X, eps=1e-6):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = X[i]
        X[i] = old + eps; fp = f()
        X[i] = old - eps; fm = f()
        X[i] = old
        G[i] = (fp - fm) / (2 * eps)
    return G


def close(a, b, tol=1e-6):
    return np.allclose(a, b, rtol=tol, atol=tol)


# ======================= basic RNN =======================
Wax = rng.standard_normal((n_a, n_x)); Waa = rng.standard_normal((n_a, n_a)); ba = rng.standard_normal((n_a, 1))
Wya = rng.standard_normal((n_y, n_a)); by = rng.standard_normal((n_y, 1))
R = {"Wax": Wax, "Waa": Waa, "ba": ba, "Wya": Wya, "by": by}
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); da_next = rng.standard_normal((n_a, m))
Ez = np.zeros((n_a, m))


def rnn_cell_forward(xt, a_prev, parameters, Ez=0.0):
    Wax, Waa, ba, Wya, by = (parameters[k] for k in ("Wax", "Waa", "ba", "Wya", "by"))
    a_next = np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba + Ez)
    yt_pred = softmax(np.dot(Wya, a_next) + by)
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


a_next, yt_pred, cache = rnn_cell_forward(xt, a_prev, R)
assert close(a_next, np.tanh(np.einsum("ij,jm->im", Wax, xt) + np.einsum("ij,jm->im", Waa, a_prev) + ba))  # line 11
assert close(yt_pred.sum(0), 1.0) and close(yt_pred, softmax(Wya @ a_next + by))                          # line 13
Lr = lambda: np.sum(da_next * rnn_cell_forward(xt, a_prev, R, Ez)[0])

# rows 21-32 verbatim
dtanh = (1 - a_next ** 2) * da_next
dxt = np.dot(Wax.T, dtanh)
dWax = np.dot(dtanh, xt.T)
da_prev = np.dot(Waa.T, dtanh)
dWaa = np.dot(dtanh, a_prev.T)
dba = np.sum(dtanh, axis = 1,keepdims=1)
assert close(dtanh, numgrad(Lr, Ez))                       # 21
assert close(dxt, numgrad(Lr, xt))                         # 24
assert close(dWax, numgrad(Lr, Wax))                       # 25
assert close(da_prev, numgrad(Lr, a_prev))                 # 28
assert close(dWaa, numgrad(Lr, Waa))                       # 29
assert close(dba, numgrad(Lr, ba))                         # 32


def rnn_cell_backward(da_next, cache):
    (a_next, a_prev, xt, parameters) = cache
    dtanh = (1 - a_next ** 2) * da_next
    return {"dxt": np.dot(parameters["Wax"].T, dtanh), "da_prev": np.dot(parameters["Waa"].T, dtanh),
            "dWax": np.dot(dtanh, xt.T), "dWaa": np.dot(dtanh, a_prev.T), "dba": np.sum(dtanh, axis=1, keepdims=1)}


x = rng.standard_normal((n_x, m, T_x)); a0 = rng.standard_normal((n_a, m)); da = rng.standard_normal((n_a, m, T_x))


def rnn_forward(x, a0, parameters):
    a = np.zeros((n_a, m, T_x)); caches = []; a_n = a0
    for t in range(T_x):
        a_n, _, c = rnn_cell_forward(x[:, :, t], a_n, parameters)
        a[:, :, t] = a_n; caches.append(c)
    return a, caches


Lrs = lambda: np.sum(da * rnn_forward(x, a0, R)[0])
_, caches = rnn_forward(x, a0, R)
# rnn_backward rows 38-59 verbatim
dx = np.zeros((n_x, m, T_x))
dWax = np.zeros((n_a, n_x))
dWaa = np.zeros((n_a, n_a))
dba = np.zeros((n_a, 1))
da0 = np.zeros((n_a, m))
da_prevt = np.zeros((n_a, m))
for t in reversed(range(T_x)):
    gradients = rnn_cell_backward(da[:,:,t] + da_prevt, caches[t])
    dxt, da_prevt, dWaxt, dWaat, dbat = gradients["dxt"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]
    dx[:, :, t] = dxt
    dWax += dWaxt
    dWaa += dWaat
    dba += dbat
da0 = da_prevt
assert close(dx, numgrad(Lrs, x))                                          # 49, 51, 53
assert close(dWax, numgrad(Lrs, Wax)) and close(dWaa, numgrad(Lrs, Waa))   # 54, 55
assert close(dba, numgrad(Lrs, ba))                                        # 56
assert close(da0, numgrad(Lrs, a0))                                        # 59

# ======================= LSTM =======================
P = {k: rng.standard_normal((n_a, n_a + n_x)) for k in ("Wf", "Wi", "Wc", "Wo")}
P.update({k: rng.standard_normal((n_a, 1)) for k in ("bf", "bi", "bc", "bo")})
P["Wy"] = rng.standard_normal((n_y, n_a)); P["by"] = rng.standard_normal((n_y, 1))
Wf, Wi, Wc, Wo = P["Wf"], P["Wi"], P["Wc"], P["Wo"]      # the solution reads these as (notebook) globals
c_prev = rng.standard_normal((n_a, m)); dc_next = rng.standard_normal((n_a, m))
E = {k: np.zeros((n_a, m)) for k in "fico"}


def lstm_cell_forward(xt, a_prev, c_prev, parameters, E=None):
    E = E or {k: 0.0 for k in "fico"}
    Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by = (parameters[k] for k in ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by"))
    concat = np.zeros((n_a + n_x, m))
    concat[: n_a, :] = a_prev
    concat[n_a :, :] = xt
    ft = sigmoid(np.dot(Wf, concat) + bf + E["f"])
    it = sigmoid(np.dot(Wi, concat) + bi + E["i"])
    cct = np.tanh(np.dot(Wc, concat) + bc + E["c"])
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(Wo, concat) + bo + E["o"])
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(np.dot(Wy, a_next) + by)
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters), concat


a_next, c_next, yt, cache, concat = lstm_cell_forward(xt, a_prev, c_prev, P)
_, _, _, _, ft, it, cct, ot, _, _ = cache
ref = lambda W, b: W[:, :n_a] @ a_prev + W[:, n_a:] @ xt + b
assert close(concat, np.vstack([a_prev, xt]))                                                   # 68, 69
assert close(ft, sigmoid(ref(Wf, P["bf"]))) and close(it, sigmoid(ref(Wi, P["bi"])))            # 72, 73
assert close(cct, np.tanh(ref(Wc, P["bc"]))) and close(c_next, ft * c_prev + it * cct)          # 74, 75
assert close(ot, sigmoid(ref(Wo, P["bo"]))) and close(a_next, ot * np.tanh(c_next))             # 76, 77
assert close(yt, softmax(P["Wy"] @ a_next + P["by"]))                                            # 80
L1 = lambda: (lambda o: np.sum(da_next * o[0]) + np.sum(dc_next * o[1]))(lstm_cell_forward(xt, a_prev, c_prev, P, E))


def lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_x, m = xt.shape
    n_a, m = a_next.shape
    dot = da_next * np.tanh(c_next) * ot * (1 - ot)
    dcct = (da_next * ot * (1 - np.tanh(c_next) ** 2) + dc_next) * it * (1 - cct ** 2)
    dit = (da_next * ot * (1 - np.tanh(c_next) ** 2) + dc_next) * cct * (1 - it) * it
    dft = (da_next * ot * (1 - np.tanh(c_next) ** 2) + dc_next) * c_prev * ft * (1 - ft)
    dWf = np.dot(dft, np.hstack([a_prev.T, xt.T]))
    dWi = np.dot(dit, np.hstack([a_prev.T, xt.T]))
    dWc = np.dot(dcct, np.hstack([a_prev.T, xt.T]))
    dWo = np.dot(dot, np.hstack([a_prev.T, xt.T]))
    dbf = np.sum(dft, axis=1, keepdims=True)
    dbi = np.sum(dit, axis=1, keepdims=True)
    dbc = np.sum(dcct, axis=1, keepdims=True)
    dbo = np.sum(dot, axis=1, keepdims=True)
    da_prev = np.dot(Wf[:, :n_a].T, dft) + np.dot(Wc[:, :n_a].T, dcct) + np.dot(Wi[:, :n_a].T, dit) + np.dot(Wo[:, :n_a].T, dot)
    dc_prev = (da_next * ot * (1 - np.tanh(c_next) ** 2) + dc_next) * ft
    dxt = np.dot(Wf[:, n_a:].T, dft) + np.dot(Wc[:, n_a:].T, dcct) + np.dot(Wi[:, n_a:].T, dit) + np.dot(Wo[:, n_a:].T, dot)
    return {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev, "dWf": dWf, "dbf": dbf, "dWi": dWi, "dbi": dbi,
            "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo, "dot": dot, "dcct": dcct, "dit": dit, "dft": dft}


g = lstm_cell_backward(da_next, dc_next, cache)
for name, k in (("dot", "o"), ("dcct", "c"), ("dit", "i"), ("dft", "f")):                       # 88-91
    assert close(g[name], numgrad(L1, E[k]))
for k in "fico":                                                                                 # 95-102
    assert close(g["dW" + k], numgrad(L1, P["W" + k])) and close(g["db" + k], numgrad(L1, P["b" + k]))
assert close(g["da_prev"], numgrad(L1, a_prev))                                                  # 105
assert close(g["dc_prev"], numgrad(L1, c_prev))                                                  # 106
assert close(g["dxt"], numgrad(L1, xt))                                                          # 107


def lstm_forward(x, a0, parameters):
    a = np.zeros((n_a, m, T_x)); caches = []; a_n = a0; c_n = np.zeros_like(a0)
    for t in range(T_x):
        a_n, c_n, _, c, _ = lstm_cell_forward(x[:, :, t], a_n, c_n, parameters)
        a[:, :, t] = a_n; caches.append(c)
    return a, caches


L2 = lambda: np.sum(da * lstm_forward(x, a0, P)[0])
_, caches = lstm_forward(x, a0, P)
keys = ("Wf", "Wi", "Wc", "Wo", "bf", "bi", "bc", "bo")
FD = {k: numgrad(L2, P[k]) for k in keys}; FDx = numgrad(L2, x); FDa0 = numgrad(L2, a0)


def run(update_recurrent):
    acc = {k: np.zeros_like(P[k]) for k in keys}; dx = np.zeros_like(x)
    da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = lstm_cell_backward(da[:,:,t] + da_prevt, dc_prevt, caches[t])   # line 121
        if update_recurrent:          # the assignment the solution never makes
            da_prevt, dc_prevt = gradients["da_prev"], gradients["dc_prev"]
        dx[:,:,t] = gradients["dxt"]                                               # 123
        for k in keys:                                                             # 124-131
            acc[k] += gradients["d" + k]
    da0 = gradients["da_prev"]                                                     # 133
    return acc, dx, da0


acc, dxs, da0s = run(False)       # as published: da_prevt, dc_prevt stay zero
assert not close(acc["Wf"], FD["Wf"], 1e-3) and not close(dxs, FDx, 1e-3) and not close(da0s, FDa0, 1e-3)  # 121 fail
acc, dxs, da0s = run(True)
assert all(close(acc[k], FD[k]) for k in keys) and close(dxs, FDx) and close(da0s, FDa0)                     # 123-133 pass
print("fd_kulbear_c5w1_rnn_lstm_backward: all verdicts confirmed")
