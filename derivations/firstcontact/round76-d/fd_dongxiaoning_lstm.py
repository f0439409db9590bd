# Finite-difference check of dongxiaoning_lstm.py (the author's file is imported and run as written;
# the gate-derivative lines are also re-typed below to inspect intermediate values).
import numpy as np
import importlib.util, os

spec = importlib.util.spec_from_file_location("dx", os.path.join(os.path.dirname(os.path.abspath(__file__)), "dongxiaoning_lstm.py"))
A = importlib.util.module_from_spec(spec); spec.loader.exec_module(A)
sigmoid = A.sigmoid

np.random.seed(1)


def numgrad(f, X, eps=1e-6):
    g = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    while not it.finished:
        i = it.multi_index
        old = X[i]
        X[i] = old + eps; fp = f()
        X[i] = old - eps; fm = f()
        X[i] = old
        g[i] = (fp - fm) / (2 * eps)
        it.iternext()
    return g


def report(name, line, got, ref):
    err = np.max(np.abs(got - ref)) / (np.max(np.abs(ref)) + 1e-12)
    print(f"line {line:4d} {name:44s} {'AGREES' if err < 1e-5 else 'DIFFERS'}  (rel err {err:.2e})")


n_x, n_a, n_y, m, T = 3, 5, 2, 4, 4
P = {}
for g in "fico":
    P["W" + g] = np.random.randn(n_a, n_a + n_x) * 0.7
    P["b" + g] = np.random.randn(n_a, 1)
P["Wy"] = np.random.randn(n_y, n_a); P["by"] = np.random.randn(n_y, 1)

xt = np.random.randn(n_x, m); a_prev = np.random.randn(n_a, m); c_prev = np.random.randn(n_a, m)
da_next = np.random.randn(n_a, m); dc_next = np.random.randn(n_a, m)
pert = {k: np.zeros((n_a, m)) for k in "fico"}


def cell_with_pert(xt, a_prev, c_prev):
    # same equations as the author's lines 59-68, with additive offsets on the four pre-activations
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sigmoid(P["Wf"] @ concat + P["bf"] + pert["f"])
    it = sigmoid(P["Wi"] @ concat + P["bi"] + pert["i"])
    cct = np.tanh(P["Wc"] @ concat + P["bc"] + pert["c"])
    c_next = ft * c_prev + it * cct
    ot = sigmoid(P["Wo"] @ concat + P["bo"] + pert["o"])
    return ot * np.tanh(c_next), c_next


# forward agrees with the author's lstm_cell_forward
an, cn, _, cache = A.lstm_cell_forward(xt, a_prev, c_prev, P)
an2, cn2 = cell_with_pert(xt, a_prev, c_prev)
print("forward lines 59-70 reproduced:", np.allclose(an, an2) and np.allclose(cn, cn2))

# one-step loss L = sum(da_next*a_next) + sum(dc_next*c_next): dc_next is the gradient reaching c_next from step t+1
L = lambda: np.sum(da_next * cell_with_pert(xt, a_prev, c_prev)[0]) + np.sum(dc_next * cell_with_pert(xt, a_prev, c_prev)[1])
ref = {k: numgrad(L, pert[k]) for k in "fico"}

(a_next, c_next, a_prev_, c_prev_, ft, it, cct, ot, xt_, parameters) = cache
dot = da_next * np.tanh(c_next) * ot * (1 - ot)
dcct = dc_next * it + ot * (1 - np.tanh(c_next) ** 2) * it * da_next * cct * (1 - np.tanh(cct) ** 2)
dit = dc_next * cct + ot * (1 - np.tanh(c_next) ** 2) * cct * da_next * it * (1 - it)
dft = dc_next * c_prev + ot * (1 - np.tanh(c_next) ** 2) * c_prev * da_next * ft * (1 - ft)
print("== lstm_cell_backward, gate derivatives (dL/d pre-activation) ==")
report("dot", 152, dot, ref["o"])
report("dcct (as written)", 153, dcct, ref["c"])
report("dit (as written)", 154, dit, ref["i"])
report("dft (as written)", 155, dft, ref["f"])
dc_tot = dc_next + ot * (1 - np.tanh(c_next) ** 2) * da_next
report("  reference: (dc_next+da*o*tanh')*i*(1-cct^2)", 153, dc_tot * it * (1 - cct ** 2), ref["c"])
report("  reference: (dc_next+da*o*tanh')*cct*i(1-i)", 154, dc_tot * cct * it * (1 - it), ref["i"])
report("  reference: (dc_next+da*o*tanh')*c_prev*f(1-f)", 155, dc_tot * c_prev * ft * (1 - ft), ref["f"])

# the author's function as a whole
g = A.lstm_cell_backward(da_next, dc_next, cache)
print("== lstm_cell_backward as written (inherits lines 153-155) ==")
for k, ln in [("dWf", 156), ("dWi", 157), ("dWc", 158), ("dWo", 159), ("dbf", 160), ("dbi", 161), ("dbc", 162), ("dbo", 163)]:
    report(k, ln, g[k], numgrad(L, P[k[1:]]))
report("da_prev", 165, g["da_prev"], numgrad(L, a_prev))
report("dc_prev", 166, g["dc_prev"], numgrad(L, c_prev))
report("dxt", 167, g["dxt"], numgrad(L, xt))

# lines 156-167 themselves, fed with the exact gate derivatives
print("== lines 156-167 evaluated with the exact gate derivatives ==")
conc = np.concatenate((a_prev, xt), axis=0)
exact = {"f": ref["f"], "i": ref["i"], "c": ref["c"], "o": ref["o"]}
for k, ln in [("f", 156), ("i", 157), ("c", 158), ("o", 159)]:
    report("dW" + k + " = d(pre) concat^T", ln, np.dot(exact[k], conc.T), numgrad(L, P["W" + k]))
for k, ln in [("f", 160), ("i", 161), ("c", 162), ("o", 163)]:
    report("db" + k + " = sum_m d(pre)", ln, np.sum(exact[k], axis=1, keepdims=True), numgrad(L, P["b" + k]))
da_prev_x = sum(np.dot(P["W" + k][:, :n_a].T, exact[k]) for k in "fico")
dxt_x = sum(np.dot(P["W" + k][:, n_a:].T, exact[k]) for k in "fico")
report("da_prev (line 165 form)", 165, da_prev_x, numgrad(L, a_prev))
report("dxt (line 167 form)", 167, dxt_x, numgrad(L, xt))

# with dc_next = 0 the dit/dft lines happen to be right, dcct is still wrong
dc0 = np.zeros((n_a, m))
L0 = lambda: np.sum(da_next * cell_with_pert(xt, a_prev, c_prev)[0])
g0 = A.lstm_cell_backward(da_next, dc0, cache)
print("== same cell, dc_next = 0 ==")
report("dbi (dit summed)", 161, g0["dbi"], numgrad(L0, P["bi"]))
report("dbf (dft summed)", 160, g0["dbf"], numgrad(L0, P["bf"]))
report("dbc (dcct summed)", 162, g0["dbc"], numgrad(L0, P["bc"]))

# sequence: L = sum_t sum(G*a<t>)
x = np.random.randn(n_x, m, T); a0 = np.random.randn(n_a, m); G = np.random.randn(n_a, m, T)
Ls = lambda: np.sum(G * A.lstm_forward(x, a0, P)[0])
caches = A.lstm_forward(x, a0, P)[3]
gs = A.lstm_backward(G.copy(), caches)


def lstm_backward_exact(da, caches):
    # reference BPTT written by the annotator (correct gate derivatives and recursion)
    (cl, x) = caches
    T = da.shape[2]
    out = {k: np.zeros_like(P[k[1:]]) for k in ["dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo"]}
    dx = np.zeros_like(x); dap = np.zeros((n_a, m)); dcp = np.zeros((n_a, m))
    for t in reversed(range(T)):
        (a_n, c_n, a_p, c_p, f, i, cc, o, xt_, _) = cl[t]
        dh = da[:, :, t] + dap
        dc = dcp + dh * o * (1 - np.tanh(c_n) ** 2)
        d = {"o": dh * np.tanh(c_n) * o * (1 - o), "c": dc * i * (1 - cc ** 2), "i": dc * cc * i * (1 - i), "f": dc * c_p * f * (1 - f)}
        cc_ = np.concatenate((a_p, xt_), axis=0)
        for k in "fico":
            out["dW" + k] += d[k] @ cc_.T; out["db" + k] += d[k].sum(1, keepdims=True)
        dap = sum(P["W" + k][:, :n_a].T @ d[k] for k in "fico")
        dx[:, :, t] = sum(P["W" + k][:, n_a:].T @ d[k] for k in "fico")
        dcp = dc * f
    out["dx"] = dx; out["da0"] = dap
    return out


ge = lstm_backward_exact(G, caches)
print("== lstm_backward (T=%d) ==" % T)
for k, ln, X in [("dWf", 219, P["Wf"]), ("dWo", 222, P["Wo"]), ("dbc", 225, P["bc"]), ("dx", 218, x), ("da0", 228, a0)]:
    r = numgrad(Ls, X)
    report(k + " author's lstm_backward", ln, gs[k], r)
    report(k + " annotator's exact BPTT (sanity)", ln, ge[k], r)

# line 216 on its own: keep the author's lstm_backward loop but give it a correct cell backward
def cell_exact(da_next, dc_next, cache):
    (a_n, c_n, a_p, c_p, f, i, cc, o, xt_, prm) = cache
    dc = dc_next + da_next * o * (1 - np.tanh(c_n) ** 2)
    d = {"o": da_next * np.tanh(c_n) * o * (1 - o), "c": dc * i * (1 - cc ** 2), "i": dc * cc * i * (1 - i), "f": dc * c_p * f * (1 - f)}
    cc_ = np.concatenate((a_p, xt_), axis=0)
    out = {}
    for k in "fico":
        out["dW" + k] = d[k] @ cc_.T; out["db" + k] = d[k].sum(1, keepdims=True)
    out["da_prev"] = sum(prm["W" + k][:, :n_a].T @ d[k] for k in "fico")
    out["dxt"] = sum(prm["W" + k][:, n_a:].T @ d[k] for k in "fico")
    out["dc_prev"] = dc * f
    return out


orig = A.lstm_cell_backward
A.lstm_cell_backward = cell_exact
gl = A.lstm_backward(G.copy(), caches)
A.lstm_cell_backward = orig
print("== author's lstm_backward loop (line 216: da_prevt, dc_prevt never updated) with an exact cell backward ==")
for k, ln, X in [("dWf", 219, P["Wf"]), ("dWo", 222, P["Wo"]), ("dx", 218, x), ("da0", 228, a0)]:
    report(k, ln, gl[k], numgrad(Ls, X))
