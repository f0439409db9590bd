"""FD check for dlai_lstm_backward_8480.md (course C5W1A1 LSTM conventions, column layout (n, m)).
Scalar objective: J = sum_t sum(da[:,:,t] * a<t>), i.e. da = upstream dJ/da<t> from the output layer only."""
import numpy as np

def sigmoid(z): return 1.0 / (1.0 + np.exp(-z))

def lstm_cell_forward(xt, a_prev, c_prev, p):
    n_a = a_prev.shape[0]
    concat = np.concatenate([a_prev, xt], axis=0)
    ft = sigmoid(p["Wf"] @ concat + p["bf"])
    it = sigmoid(p["Wi"] @ concat + p["bi"])
    cct = np.tanh(p["Wc"] @ concat + p["bc"])
    c_next = ft * c_prev + it * cct
    ot = sigmoid(p["Wo"] @ concat + p["bo"])
    a_next = ot * np.tanh(c_next)
    return a_next, c_next, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p)

def lstm_forward(x, a0, p):
    n_x, m, T_x = x.shape
    n_a = a0.shape[0]
    a = np.zeros((n_a, m, T_x)); c = np.zeros((n_a, m, T_x)); caches = []
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, p)
        a[:, :, t] = a_next; c[:, :, t] = c_next; caches.append(cache)
    return a, c, (caches, x)

def lstm_cell_backward(da_next, dc_next, cache):
    """reference cell backward (derived independently; FD-checked below)"""
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p) = cache
    n_a = a_next.shape[0]
    tc = np.tanh(c_next)
    dc = dc_next + ot * (1 - tc ** 2) * da_next
    dot = da_next * tc * ot * (1 - ot)
    dcct = dc * it * (1 - cct ** 2)
    dit = dc * cct * it * (1 - it)
    dft = dc * c_prev * ft * (1 - ft)
    concat = np.concatenate([a_prev, xt], axis=0)
    g = {}
    for k, d in (("f", dft), ("i", dit), ("c", dcct), ("o", dot)):
        g["dW" + k] = d @ concat.T
        g["db" + k] = np.sum(d, axis=1, keepdims=True)
    W = {k: p["W" + k] for k in "fico"}
    dz = {"f": dft, "i": dit, "c": dcct, "o": dot}
    g["da_prev"] = sum(W[k][:, :n_a].T @ dz[k] for k in "fico")
    g["dxt"] = sum(W[k][:, n_a:].T @ dz[k] for k in "fico")
    g["dc_prev"] = dc * ft
    return g

# ---- author's function, verbatim ----
def lstm_backward(da, caches):
    (caches, x) = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]

    n_a, m, T_x = da.shape
    n_x, m = x1.shape

    dx = np.zeros((n_x, m, T_x))
    da0 = np.zeros((n_a, m))
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    dWf = np.zeros((n_a, n_a + n_x))
    dWi = np.zeros((n_a, n_a + n_x))
    dWc = np.zeros((n_a, n_a + n_x))
    dWo = np.zeros((n_a, n_a + n_x))
    dbf = np.zeros((n_a, 1))
    dbi = np.zeros((n_a, 1))
    dbc = np.zeros((n_a, 1))
    dbo = np.zeros((n_a, 1))

    for t in reversed(range(T_x)):
        gradients = lstm_cell_backward(da[:,:,t] + da_prevt, dc_prevt, caches[t])
        da_prevt = gradients['da_prev']
        dc_prevt = gradients['dc_prev']
        dx[:,:,t] = gradients['dxt']
        dWf += gradients['dWf']
        dWi += gradients['dWi']
        dWc += gradients['dWc']
        dWo += gradients['dWo']
        dbf += gradients['dbf']
        dbi += gradients['dbi']
        dbc += gradients['dbc']
        dbo += gradients['dbo']

    da0 = da_prevt

    gradients = {"dx": dx, "da0": da0, "dWf": dWf,"dbf": dbf, "dWi": dWi,"dbi": dbi,
                "dWc": dWc,"dbc": dbc, "dWo": dWo,"dbo": dbo}

    return gradients

rng = np.random.default_rng(8480)
n_x, n_a, m, T_x = 3, 5, 4, 4
p = {}
for k in "fico":
    p["W" + k] = rng.standard_normal((n_a, n_a + n_x)) * 0.6
    p["b" + k] = rng.standard_normal((n_a, 1)) * 0.3
x = rng.standard_normal((n_x, m, T_x)); a0 = rng.standard_normal((n_a, m)) * 0.5
da = rng.standard_normal((n_a, m, T_x))

def J(p_, x_, a0_):
    a, _, _ = lstm_forward(x_, a0_, p_)
    return np.sum(da * a)

def fd(getarr, f, eps=1e-6):
    arr = getarr(); g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]
        arr[idx] = old + eps; fp = f()
        arr[idx] = old - eps; fm = f()
        arr[idx] = old; g[idx] = (fp - fm) / (2 * eps)
    return g

_, _, caches = lstm_forward(x, a0, p)
G = lstm_backward(da, caches)
checks = {"dx": fd(lambda: x, lambda: J(p, x, a0)), "da0": fd(lambda: a0, lambda: J(p, x, a0))}
for k in "fico":
    checks["dW" + k] = fd(lambda: p["W" + k], lambda: J(p, x, a0))
    checks["db" + k] = fd(lambda: p["b" + k], lambda: J(p, x, a0))
for k, v in checks.items():
    err = np.max(np.abs(G[k] - v))
    assert G[k].shape == v.shape, k
    assert err < 1e-7, (k, err)
    print(f"{k}: author loop vs FD max err {err:.2e} -> pass")
# init rows: zero accumulators with the parameter / input shapes
assert G["dWf"].shape == p["Wf"].shape and G["dbf"].shape == p["bf"].shape
print("all rows of the transcribed lstm_backward verified as pass")
