"""Finite-difference check of kunal_lstm_from_scratch_notebook.md (standalone numpy, float64).

Forward as in the notebook (concat = [a_prev; xt], columns = examples, gate order f, i, c~, o).
lstm_cell_backward(da_next, dc_next, cache) is read as the gradients of
L = sum(da_next * a_next) + sum(dc_next * c_next); dot/dcct/dit/dft are gradients wrt the gate
pre-activations. lstm_backward(da, caches) as the gradients of L = sum_t sum(da[:,:,t] * a_t).
"""
import numpy as np

rng = np.random.default_rng(2)
n_x, n_a, m, T = 3, 4, 2, 4
sig = lambda u: 1 / (1 + np.exp(-u))
Pm = {k: rng.standard_normal((n_a, n_a + n_x)) * 0.7 for k in ("Wf", "Wi", "Wc", "Wo")}
Pm.update({k: rng.standard_normal((n_a, 1)) * 0.5 for k in ("bf", "bi", "bc", "bo")})
eps = 1e-6
res = {}
def rep(line, err):
    res[line] = max(res.get(line, 0.0), err)

def num_grad(f, X):
    g = np.zeros_like(X)
    for idx in np.ndindex(*X.shape):
        old = X[idx]; X[idx] = old + eps; fp = f(); X[idx] = old - eps; fm = f(); X[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

def cell(xt, a_prev, c_prev, D=None):
    D = D or {}
    z = lambda k: D.get(k, 0.0)
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sig(Pm["Wf"] @ concat + Pm["bf"] + z("f"))
    it = sig(Pm["Wi"] @ concat + Pm["bi"] + z("i"))
    cct = np.tanh(Pm["Wc"] @ concat + Pm["bc"] + z("c"))
    c_next = ft * c_prev + it * cct
    ot = sig(Pm["Wo"] @ concat + Pm["bo"] + z("o"))
    a_next = ot * np.tanh(c_next)
    return a_next, c_next, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt)

# ---------- single cell ----------
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); c_prev = rng.standard_normal((n_a, m))
da_next = rng.standard_normal((n_a, m)); dc_next = rng.standard_normal((n_a, m))
def Lcell(D=None):
    a, c, _ = cell(xt, a_prev, c_prev, D)
    return np.sum(da_next * a) + np.sum(dc_next * c)
a_next, c_next, cache = cell(xt, a_prev, c_prev)
(_, _, _, _, ft, it, cct, ot, _) = cache
tanh_c_next = np.tanh(c_next)
# author's lines 157-187
dot = da_next * tanh_c_next * ot * (1 - ot)
dcct = (dc_next * it + ot * (1 - tanh_c_next ** 2) * it * da_next) * (1 - cct ** 2)
dit = (dc_next * cct + ot * (1 - tanh_c_next ** 2) * cct * da_next) * it * (1 - it)
dft = (dc_next * c_prev + ot * (1 - tanh_c_next ** 2) * c_prev * da_next) * ft * (1 - ft)
dc_prev = dc_next * ft + ot * (1 - tanh_c_next ** 2) * ft * da_next
concat = np.concatenate((a_prev, xt), axis=0)
dW = {"Wf": np.dot(dft, concat.T), "Wi": np.dot(dit, concat.T), "Wc": np.dot(dcct, concat.T), "Wo": np.dot(dot, concat.T)}
db = {"bf": np.sum(dft, axis=1, keepdims=True), "bi": np.sum(dit, axis=1, keepdims=True),
      "bc": np.sum(dcct, axis=1, keepdims=True), "bo": np.sum(dot, axis=1, keepdims=True)}
d_concat = (np.dot(Pm["Wf"].T, dft) + np.dot(Pm["Wi"].T, dit) + np.dot(Pm["Wc"].T, dcct) + np.dot(Pm["Wo"].T, dot))
da_prev = d_concat[:n_a, :]
dxt = d_concat[n_a:, :]

for line, k, val in ((157, "o", dot), (158, "c", dcct), (159, "i", dit), (160, "f", dft)):
    Z = np.zeros((n_a, m))
    rep(line, np.abs(val - num_grad(lambda: Lcell({k: Z}), Z)).max())
rep(163, np.abs(dc_prev - num_grad(lambda: Lcell(), c_prev)).max())
for line, k in ((169, "Wf"), (170, "Wi"), (171, "Wc"), (172, "Wo")):
    rep(line, np.abs(dW[k] - num_grad(lambda: Lcell(), Pm[k])).max())
for line, k in ((173, "bf"), (174, "bi"), (175, "bc"), (176, "bo")):
    rep(line, np.abs(db[k] - num_grad(lambda: Lcell(), Pm[k])).max())
true_dap = num_grad(lambda: Lcell(), a_prev); true_dx = num_grad(lambda: Lcell(), xt)
rep(179, np.abs(d_concat - np.concatenate((true_dap, true_dx), axis=0)).max())
rep(186, np.abs(da_prev - true_dap).max())
rep(187, np.abs(dxt - true_dx).max())

# ---------- sequence ----------
x = rng.standard_normal((n_x, m, T)); a0 = rng.standard_normal((n_a, m)); da = rng.standard_normal((n_a, m, T))
def run():
    a, c = a0, np.zeros((n_a, m)); A = []; caches = []
    for t in range(T):
        a, c, ca = cell(x[:, :, t], a, c); A.append(a); caches.append(ca)
    return A, caches
Lseq = lambda: sum(np.sum(da[:, :, t] * At) for t, At in enumerate(run()[0]))

def cell_backward(da_next, dc_next, cache):   # the author's cell, verbatim formulas
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt) = cache
    tanh_c_next = np.tanh(c_next)
    dot = da_next * tanh_c_next * ot * (1 - ot)
    dcct = (dc_next * it + ot * (1 - tanh_c_next ** 2) * it * da_next) * (1 - cct ** 2)
    dit = (dc_next * cct + ot * (1 - tanh_c_next ** 2) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - tanh_c_next ** 2) * c_prev * da_next) * ft * (1 - ft)
    dc_prev = dc_next * ft + ot * (1 - tanh_c_next ** 2) * ft * da_next
    concat = np.concatenate((a_prev, xt), axis=0)
    g = {"dWf": dft @ concat.T, "dWi": dit @ concat.T, "dWc": dcct @ concat.T, "dWo": dot @ concat.T,
         "dbf": dft.sum(1, keepdims=True), "dbi": dit.sum(1, keepdims=True), "dbc": dcct.sum(1, keepdims=True), "dbo": dot.sum(1, keepdims=True)}
    dcat = Pm["Wf"].T @ dft + Pm["Wi"].T @ dit + Pm["Wc"].T @ dcct + Pm["Wo"].T @ dot
    g.update(dxt=dcat[n_a:], da_prev=dcat[:n_a], dc_prev=dc_prev)
    return g

A, caches = run()
# line 244: the gradient fed into step t must equal the total dL/da_t (and dc_prevt the total dL/dc_t)
da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
acc = {k: np.zeros_like(Pm[k[1:]]) for k in ("dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo")}
dx = np.zeros((n_x, m, T))
for t in reversed(range(T)):
    # true total gradient wrt a_t, perturbing a_t where it is used downstream and in the loss
    def Lpert(Dv, t=t):
        a, c = a0, np.zeros((n_a, m)); tot = 0.0
        for s in range(T):
            a, c, _ = cell(x[:, :, s], a, c)
            if s == t: a = a + Dv
            tot += np.sum(da[:, :, s] * a)
        return tot
    Dv = np.zeros((n_a, m))
    rep(244, np.abs((da[:, :, t] + da_prevt) - num_grad(lambda: Lpert(Dv), Dv)).max())
    gr = cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])
    dx[:, :, t] = gr["dxt"]
    for k in acc: acc[k] += gr[k]
    da_prevt = gr["da_prev"]; dc_prevt = gr["dc_prev"]
da0 = da_prevt
rep(246, np.abs(dx - num_grad(Lseq, x)).max())
for line, k in ((247, "dWf"), (248, "dWi"), (249, "dWc"), (250, "dWo"), (251, "dbf"), (252, "dbi"), (253, "dbc"), (254, "dbo")):
    rep(line, np.abs(acc[k] - num_grad(Lseq, Pm[k[1:]])).max())
rep(259, np.abs(da0 - num_grad(Lseq, a0)).max())

for line in sorted(res):
    err = res[line]
    print(f"line {line}: OK" if err < 1e-6 else f"line {line}: MISMATCH (max err {err:.3e})")
