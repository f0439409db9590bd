"""Finite-difference check for sagarnildass_c5w1_lstm_backward.md (numpy only, float64)."""
import numpy as np

rng = np.random.default_rng(57)
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


P = {k: rng.standard_normal((n_a, n_a + n_x)) for k in ("Wf", "Wi", "Wc", "Wo")}
P.update({k: rng.standard_normal((n_a, 1)) for k in ("bf", "bi", "bc", "bo")})
P["Wy"] = rng.standard_normal((n_y, n_a)); P["by"] = rng.standard_normal((n_y, 1))
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); c_prev = rng.standard_normal((n_a, m))
da_next = rng.standard_normal((n_a, m)); dc_next = rng.standard_normal((n_a, m))
E = {k: np.zeros((n_a, m)) for k in "fico"}  # additive perturbations of the pre-activations


def cell(xt, a_prev, c_prev, parameters, E=None):
    """The author's forward (lines 9-22 of the note), with optional pre-activation perturbations."""
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


def L1():
    a_n, c_n, _, _, _ = cell(xt, a_prev, c_prev, P, E)
    return np.sum(da_next * a_n) + np.sum(dc_next * c_n)


# ---------------- forward rows vs an independent reference (separate blocks, no concat)
a_next, c_next, yt_pred, cache, concat = cell(xt, a_prev, c_prev, P)
_, _, _, _, ft, it, cct, ot, _, _ = cache
ref = lambda W, b: W[:, :n_a] @ a_prev + W[:, n_a:] @ xt + b
assert close(concat, np.vstack([a_prev, xt]))                      # lines 10, 11
assert close(ft, sigmoid(ref(P["Wf"], P["bf"])))                    # line 14
assert close(it, sigmoid(ref(P["Wi"], P["bi"])))                    # line 15
assert close(cct, np.tanh(ref(P["Wc"], P["bc"])))                   # line 16
assert close(c_next, ft * c_prev + it * cct)                        # line 17
assert close(ot, sigmoid(ref(P["Wo"], P["bo"])))                    # line 18
assert close(a_next, ot * np.tanh(c_next))                          # line 19
assert close(yt_pred.sum(0), 1.0) and close(yt_pred, softmax(P["Wy"] @ a_next + P["by"]))  # line 22

# ---------------- true gradients by central differences
G = {k: numgrad(L1, E[k]) for k in "fico"}          # d L / d (pre-activation of each gate)
GW = {k: numgrad(L1, P[k]) for k in ("Wf", "Wi", "Wc", "Wo")}
Gap = numgrad(L1, a_prev); Gcp = numgrad(L1, c_prev); Gx = numgrad(L1, xt)
tc = np.tanh(c_next)

# ---------------- markdown equations (7)-(17) as printed
eq7 = da_next * tc * ot * (1 - ot)
assert close(eq7, G["o"])                                                        # line 33 pass
eq8 = dc_next * it + ot * (1 - tc ** 2) * it * da_next * cct * (1 - np.tanh(cct) ** 2)
assert not close(eq8, G["c"], 1e-3)                                              # line 35 fail
assert close((dc_next + ot * (1 - tc ** 2) * da_next) * it * (1 - cct ** 2), G["c"])  # correct form
eq9 = dc_next * cct + ot * (1 - tc ** 2) * cct * da_next * it * (1 - it)
assert not close(eq9, G["i"], 1e-3)                                              # line 37 fail
eq10 = dc_next * c_prev + ot * (1 - tc ** 2) * c_prev * da_next * ft * (1 - ft)   # \tilde c_prev read charitably as c_prev
assert not close(eq10, G["f"], 1e-3)                                             # line 39 fail
assert close((dc_next + ot * (1 - tc ** 2) * da_next) * c_prev * ft * (1 - ft), G["f"])
for k, g in (("Wf", "f"), ("Wi", "i"), ("Wc", "c"), ("Wo", "o")):                # lines 43-46 pass
    assert close(G[g] @ np.vstack([a_prev, xt]).T, GW[k])
eq15 = sum(P[k][:, :n_a].T @ G[g] for k, g in (("Wf", "f"), ("Wi", "i"), ("Wc", "c"), ("Wo", "o")))
assert close(eq15, Gap)                                                          # line 52 pass (with W[:, :n_a])
assert P["Wf"][:n_a, :].shape == (n_a, n_a + n_x) and P["Wf"][:n_a, :].shape != (n_a, n_a)  # line 53 fail: W_f[:n_a,:] is the whole matrix
eq16 = dc_next * ft + ot * (1 - tc ** 2) * ft * da_next
assert close(eq16, Gcp)                                                          # line 55 pass
eq17 = sum(P[k][:, n_a:].T @ G[g] for k, g in (("Wf", "f"), ("Wi", "i"), ("Wc", "c"), ("Wo", "o")))
assert close(eq17, Gx)                                                           # line 56 pass (with W[:, n_a:])
assert P["Wf"][n_a:, :].size == 0                                                # line 57 fail: W_f[n_a:,:] is empty


# ---------------- student's lstm_cell_backward, rows verbatim
def lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_x, m = xt.shape
    n_a, m = a_next.shape
    dot = da_next * np.tanh(c_next) * ot * (1 - ot)
    dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * da_next) * (1 - np.square(cct))
    dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot *(1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dWf = np.dot(dft, concat.T)
    dWi = np.dot(dit, concat.T)
    dWc = np.dot(dcct, concat.T)
    dWo = np.dot(dot, concat.T)
    dbf = np.sum(dft, axis=1 ,keepdims = True)
    dbi = np.sum(dit, axis=1, keepdims = True)
    dbc = np.sum(dcct, axis=1,  keepdims = True)
    dbo = np.sum(dot, axis=1, keepdims = True)
    da_prev = np.dot(parameters['Wf'][:, :n_a].T, dft) + np.dot(parameters['Wi'][:, :n_a].T, dit) + np.dot(parameters['Wc'][:, :n_a].T, dcct) + np.dot(parameters['Wo'][:, :n_a].T, dot)
    dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
    dxt = np.dot(parameters['Wf'][:, n_a:].T, dft) + np.dot(parameters['Wi'][:, n_a:].T, dit) + np.dot(parameters['Wc'][:, n_a:].T, dcct) + np.dot(parameters['Wo'][:, n_a:].T, dot)
    return {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev, "dWf": dWf, "dbf": dbf, "dWi": dWi, "dbi": dbi,
            "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo, "dot": dot, "dcct": dcct, "dit": dit, "dft": dft, "concat": concat}


g = lstm_cell_backward(da_next, dc_next, cache)
assert close(g["dot"], G["o"]) and close(g["dcct"], G["c"]) and close(g["dit"], G["i"]) and close(g["dft"], G["f"])  # 65-68
assert close(g["concat"], np.vstack([a_prev, xt]))                                                                      # 75
for k in ("f", "i", "c", "o"):                                                                                          # 78-85
    assert close(g["dW" + k], GW["W" + k])
    assert close(g["db" + k], numgrad(L1, P["b" + k]))
assert close(g["da_prev"], Gap) and close(g["dc_prev"], Gcp) and close(g["dxt"], Gx)                                    # 88-90

# ---------------- sequence level: lstm_backward loop
x = rng.standard_normal((n_x, m, T_x)); a0 = rng.standard_normal((n_a, m)); da = rng.standard_normal((n_a, m, T_x))


def lstm_forward(x, a0, parameters):
    caches = []; a = np.zeros((n_a, m, T_x)); a_n = a0; c_n = np.zeros_like(a0)
    for t in range(T_x):
        a_n, c_n, _, cache, _ = cell(x[:, :, t], a_n, c_n, parameters)
        a[:, :, t] = a_n; caches.append(cache)
    return a, caches


def L2():
    a, _ = lstm_forward(x, a0, P)
    return np.sum(da * a)


_, caches = lstm_forward(x, a0, P)
FD = {k: numgrad(L2, P[k]) for k in ("Wf", "Wi", "Wc", "Wo", "bf", "bi", "bc", "bo")}
FDx = numgrad(L2, x); FDa0 = numgrad(L2, a0)


def run_loop(correct):
    acc = {k: np.zeros_like(P[k]) for k in FD}; dx = np.zeros_like(x)
    da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        if correct:
            gradients = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])
            da_prevt, dc_prevt = gradients["da_prev"], gradients["dc_prev"]
        else:
            gradients = lstm_cell_backward(da[:, :, t], dc_prevt, caches[t])      # line 105 as written
        dx[:, :, t] = gradients["dxt"]                                          # line 107
        for k in acc:                                                           # lines 108-115
            acc[k] += gradients["d" + k]
    da0 = gradients["da_prev"]                                                  # line 117
    return acc, dx, da0


acc, dx, da0 = run_loop(correct=False)
assert not close(acc["Wf"], FD["Wf"], 1e-3) and not close(dx, FDx, 1e-3)       # line 105 fail
acc, dx, da0 = run_loop(correct=True)
assert all(close(acc[k], FD[k]) for k in FD)                                    # lines 108-115 pass
assert close(dx, FDx)                                                           # line 107 pass
assert close(da0, FDa0)                                                         # line 117 pass
print("fd_sagarnildass_c5w1_lstm_backward: all verdicts confirmed")
