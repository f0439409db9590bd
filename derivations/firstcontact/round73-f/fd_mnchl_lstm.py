"""Finite-difference check of mnchl_lstm.py (mnchl-kim/stacked-RNN-Numpy models/lstm.py).
Author's conventions: column vectors, batch in columns: xt (n_x, m), a (n_a, m);
concat = [a_prev; xt]; gates W* of shape (n_a, n_a+n_x); dot/dcct/dit/dft are gradients w.r.t.
the gate PRE-activations. The loss is not in the file: lstm_backward receives da = dL/da_t (direct part);
here L = sum_t <G[:,:,t], a_t>  (so da = G), and for one cell L1 = <Ga, a_next> + <Gc, c_next>.
"""
import numpy as np

rng = np.random.default_rng(0)
n_x, n_a, m, T = 3, 4, 2, 4
sig = lambda u: 1.0 / (1.0 + np.exp(-u))


def make_params():
    p = {}
    for k in "fico":
        p["W" + k] = rng.normal(size=(n_a, n_a + n_x)) * 0.7
        p["b" + k] = rng.normal(size=(n_a, 1)) * 0.3
    return p


P = make_params()


def cell_forward(xt, a_prev, c_prev, p, eps=None):
    # eps: optional additive perturbation of the pre-activations {'f','i','c','o'}
    e = eps or {}
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sig(p["Wf"] @ concat + p["bf"] + e.get("f", 0))
    it = sig(p["Wi"] @ concat + p["bi"] + e.get("i", 0))
    cct = np.tanh(p["Wc"] @ concat + p["bc"] + e.get("c", 0))
    c_next = ft * c_prev + it * cct
    ot = sig(p["Wo"] @ concat + p["bo"] + e.get("o", 0))
    a_next = ot * np.tanh(c_next)
    return a_next, c_next, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p)


def cell_backward_author(da_next, dc_next, cache):
    # rows 169-188 as written
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a = a_next.shape[0]
    dot = da_next * np.tanh(c_next) * ot * (1 - ot)
    dcct = (dc_next * it + ot * (1 - np.tanh(c_next) ** 2) * it * da_next) * (1 - cct ** 2)
    dit = (dc_next * cct + ot * (1 - np.tanh(c_next) ** 2) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - np.tanh(c_next) ** 2) * c_prev * da_next) * ft * (1 - ft)
    cat = np.concatenate((a_prev, xt), axis=0)
    g = dict(dot=dot, dcct=dcct, dit=dit, dft=dft,
             dWf=dft @ cat.T, dbf=np.sum(dft, axis=1, keepdims=True),
             dWi=dit @ cat.T, dbi=np.sum(dit, axis=1, keepdims=True),
             dWc=dcct @ cat.T, dbc=np.sum(dcct, axis=1, keepdims=True),
             dWo=dot @ cat.T, dbo=np.sum(dot, axis=1, keepdims=True))
    g["da_prev"] = (parameters['Wf'][:, :n_a].T @ dft + parameters['Wi'][:, :n_a].T @ dit
                    + parameters['Wc'][:, :n_a].T @ dcct + parameters['Wo'][:, :n_a].T @ dot)
    g["dc_prev"] = dc_next * ft + ot * (1 - np.tanh(c_next) ** 2) * ft * da_next
    g["dxt"] = (parameters['Wf'][:, n_a:].T @ dft + parameters['Wi'][:, n_a:].T @ dit
                + parameters['Wc'][:, n_a:].T @ dcct + parameters['Wo'][:, n_a:].T @ dot)
    return g


def num_grad(f, X, h=1e-6):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = X[i]
        X[i] = old + h; fp = f()
        X[i] = old - h; fm = f()
        X[i] = old
        G[i] = (fp - fm) / (2 * h)
    return G


def report(name, line, got, want):
    err = np.max(np.abs(got - want)) / max(1e-12, np.max(np.abs(want)))
    print(f"line {line:4d} {name:28s} rel.err {err:9.2e}  -> {'AGREES' if err < 1e-6 else 'DISAGREES'}")


# ---------------- single cell -----------------
xt = rng.normal(size=(n_x, m)); a_prev = rng.normal(size=(n_a, m)); c_prev = rng.normal(size=(n_a, m))
Ga = rng.normal(size=(n_a, m)); Gc = rng.normal(size=(n_a, m))


def L1(eps=None):
    a, c, _ = cell_forward(xt, a_prev, c_prev, P, eps)
    return np.sum(Ga * a) + np.sum(Gc * c)


_, _, cache = cell_forward(xt, a_prev, c_prev, P)
g = cell_backward_author(Ga, Gc, cache)
print("single LSTM cell, L1 = <Ga,a_next> + <Gc,c_next>")
for key, nm, line in [("o", "dot", 169), ("c", "dcct", 170), ("i", "dit", 171), ("f", "dft", 172)]:
    E = np.zeros((n_a, m))
    report(nm + " (dL/d pre-act)", line, g[nm], num_grad(lambda: L1({key: E}), E))
for nm, line in [("Wf", 175), ("bf", 176), ("Wi", 177), ("bi", 178), ("Wc", 179), ("bc", 180), ("Wo", 181), ("bo", 182)]:
    report("d" + nm, line, g["d" + nm], num_grad(L1, P[nm]))
report("da_prev", 185, g["da_prev"], num_grad(L1, a_prev))
report("dc_prev", 187, g["dc_prev"], num_grad(L1, c_prev))
report("dxt", 188, g["dxt"], num_grad(L1, xt))

# ---------------- whole sequence -----------------
x = rng.normal(size=(n_x, m, T)); a0 = rng.normal(size=(n_a, m)); G = rng.normal(size=(n_a, m, T))


def L_seq():
    a_next, c_next = a0, np.zeros((n_a, m))
    L = 0.0
    for t in range(T):
        a_next, c_next, _ = cell_forward(x[:, :, t], a_next, c_next, P)
        L += np.sum(G[:, :, t] * a_next)
    return L


def lstm_backward_author(da):
    caches = []
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T):
        a_next, c_next, cache = cell_forward(x[:, :, t], a_next, c_next, P)
        caches.append(cache)
    dx = np.zeros((n_x, m, T)); da0 = np.zeros((n_a, m))
    da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
    out = {}
    summed = {k: 0 for k in ["dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo"]}
    for t in reversed(range(T)):
        gradients = cell_backward_author(da[:, :, t] + da_prevt, dc_prevt, caches[t])  # line 248
        dx[:, :, t] = gradients['dxt']
        da_prevt = gradients['da_prev']
        dc_prevt = gradients['dc_prev']
        for k in summed:
            out[k] = gradients[k]          # lines 253-260 as written: '=' (overwrite)
            summed[k] = summed[k] + gradients[k]   # what '+=' would give
    da0 += da_prevt
    return dx, da0, out, summed


dx, da0, out, summed = lstm_backward_author(G)
print(f"\nsequence T={T}, L = sum_t <G_t, a_t>")
report("dx (all t)", 250, dx, num_grad(L_seq, x))
report("da0", 262, da0, num_grad(L_seq, a0))
for nm, line in [("Wf", 253), ("Wi", 254), ("Wc", 255), ("Wo", 256), ("bf", 257), ("bi", 258), ("bc", 259), ("bo", 260)]:
    fd = num_grad(L_seq, P[nm])
    report("d" + nm + " as written (=)", line, out["d" + nm], fd)
    report("   d" + nm + " if summed (+=)", line, summed["d" + nm], fd)
