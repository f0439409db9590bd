"""FD check for nabeelshan_vanilla_rnn_notebook.md. Column layout (n, m, T_x).
Loss used for gradients: J = -sum_{t,batch} y*log(y_pred) (un-normalised); line 146's /T_x is only the
reported loss, so dy = y_pred - y is judged against J (it is T_x * d(loss_146)/dlogits)."""
import numpy as np
rng = np.random.default_rng(3)
n_x, n_a, n_y, m, T_x = 4, 5, 4, 3, 4
P = {"Wax": rng.normal(size=(n_a, n_x))*0.8, "Waa": rng.normal(size=(n_a, n_a))*0.6, "ba": rng.normal(size=(n_a, 1)),
     "Wya": rng.normal(size=(n_y, n_a)), "by": rng.normal(size=(n_y, 1))}
X = rng.normal(size=(n_x, m, T_x)); a0 = rng.normal(size=(n_a, m))*0.5
Y = np.zeros((n_y, m, T_x))
for t in range(T_x):
    Y[rng.integers(0, n_y, size=m), np.arange(m), t] = 1
def softmax(x):                                 # row 11-12 as written (global max shift)
    e_x = np.exp(x - np.max(x)); return e_x / np.sum(e_x, axis=0, keepdims=True)
def ref_softmax(z):
    e = np.exp(z); return e/e.sum(0, keepdims=True)
def fwd(P, X, a0):
    a = np.zeros((n_a, m, T_x)); yp = np.zeros((n_y, m, T_x)); caches = []; a_next = a0
    for t in range(T_x):
        a_prev = a_next
        a_next = np.tanh(np.dot(P["Waa"], a_prev) + np.dot(P["Wax"], X[:, :, t]) + P["ba"])
        yp[:, :, t] = softmax(np.dot(P["Wya"], a_next) + P["by"]); a[:, :, t] = a_next
        caches.append((a_next, a_prev, X[:, :, t]))
    return a, yp, caches
J = lambda: -np.sum(Y*np.log(fwd(P, X, a0)[1]))
def num(f, x, h=1e-6):
    g = np.zeros_like(x); it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = x[i]; x[i] = o+h; fp = f(); x[i] = o-h; fm = f(); x[i] = o; g[i] = (fp-fm)/(2*h)
    return g
res = {}
def check(line, got, true, expect):
    ok = np.allclose(got, true, rtol=1e-5, atol=1e-7)
    assert ok == (expect == "pass"), (line, expect, np.abs(got-true).max()); res[line] = expect
z = rng.normal(size=(n_y, m))*3
check(11, softmax(z), ref_softmax(z), "pass"); check(12, softmax(z), ref_softmax(z), "pass")
a, yp, caches = fwd(P, X, a0)
h = a0; A = []; Yp = []
for t in range(T_x):
    h = np.tanh(P["Wax"]@X[:, :, t] + P["Waa"]@h + P["ba"]); A.append(h); Yp.append(ref_softmax(P["Wya"]@h + P["by"]))
A = np.stack(A, -1); Yp = np.stack(Yp, -1)
for ln in (23, 43, 44): check(ln, a, A, "pass")
check(24, yp, Yp, "pass")
# true gradients
gWax, gWaa, gba, gWya, gby = (num(J, P[k]) for k in ["Wax", "Waa", "ba", "Wya", "by"])
gX, ga0 = num(J, X), num(J, a0)
# dJ/dlogits and dJ/da_t (from the output layer only) by FD on additive perturbations
E = np.zeros((n_y, m, T_x))
def J_logit():
    h = a0; s = 0
    for t in range(T_x):
        h = np.tanh(P["Wax"]@X[:, :, t] + P["Waa"]@h + P["ba"]); s -= np.sum(Y[:, :, t]*np.log(ref_softmax(P["Wya"]@h + P["by"] + E[:, :, t])))
    return s
g_logit = num(J_logit, E)
dy = yp - Y; check(130, dy, g_logit, "pass")
da = np.zeros_like(a)
for t in range(T_x):
    da[:, :, t] = np.dot(P["Wya"].T, dy[:, :, t])
# da[:,:,t] must equal dJ/da_t through y_t only: check via perturbing a_t's use in the output layer
Ea = np.zeros((n_a, m, T_x))
def J_aout():
    h = a0; s = 0
    for t in range(T_x):
        h = np.tanh(P["Wax"]@X[:, :, t] + P["Waa"]@h + P["ba"]); s -= np.sum(Y[:, :, t]*np.log(ref_softmax(P["Wya"]@(h + Ea[:, :, t]) + P["by"])))
    return s
check(133, da, num(J_aout, Ea), "pass")
# single cell rows with da_next := arbitrary upstream DA, L = sum(DA*a_next)
xt, a_prev, DA = X[:, :, 1], a[:, :, 0], rng.normal(size=(n_a, m))
cellL = lambda: np.sum(DA*np.tanh(P["Waa"]@a_prev + P["Wax"]@xt + P["ba"]))
a_next = np.tanh(P["Waa"]@a_prev + P["Wax"]@xt + P["ba"])
e = np.zeros((n_a, m)); zc = P["Waa"]@a_prev + P["Wax"]@xt + P["ba"]
g_z = num(lambda: np.sum(DA*np.tanh(zc + e)), e)
Wax, Waa, da_next = P["Wax"], P["Waa"], DA
dtanh = (1 - a_next**2) * da_next; check(70, dtanh, g_z, "pass")
check(73, np.dot(Wax.T, dtanh), num(cellL, xt), "pass"); check(74, np.dot(dtanh, xt.T), num(cellL, P["Wax"]), "pass")
check(75, np.dot(Waa.T, dtanh), num(cellL, a_prev), "pass"); check(76, np.dot(dtanh, a_prev.T), num(cellL, P["Waa"]), "pass")
check(77, np.sum(dtanh, axis=1, keepdims=True), num(cellL, P["ba"]), "pass")
# sequence rows as written
def rnn_cell_backward(da_next, cache):
    a_next, a_prev, xt = cache; dtanh = (1 - a_next**2) * da_next
    return {"dxt": Wax.T@dtanh, "da_prev": Waa.T@dtanh, "dWax": dtanh@xt.T, "dWaa": dtanh@a_prev.T, "dba": dtanh.sum(1, keepdims=True)}
dx = np.zeros((n_x, m, T_x)); dWax = np.zeros((n_a, n_x)); dWaa = np.zeros((n_a, n_a)); dba = np.zeros((n_a, 1)); da_next = np.zeros((n_a, m))
for t in reversed(range(T_x)):
    da_current = da[:, :, t] + da_next
    gradients = rnn_cell_backward(da_current, caches[t])
    dx[:, :, t] = gradients["dxt"]; dWax += gradients["dWax"]; dWaa += gradients["dWaa"]; dba += gradients["dba"]; da_next = gradients["da_prev"]
da0 = da_next
check(109, dx, gX, "pass"); check(112, dx, gX, "pass"); check(113, dWax, gWax, "pass"); check(114, dWaa, gWaa, "pass")
check(115, dba, gba, "pass"); check(116, da0, ga0, "pass"); check(118, da0, ga0, "pass")
dWya = np.zeros_like(P["Wya"]); dby = np.zeros_like(P["by"])
for t in range(T_x):
    dWya += np.dot(dy[:, :, t], a[:, :, t].T); dby += np.sum(dy[:, :, t], axis=1, keepdims=True)
check(140, dWya, gWya, "pass"); check(141, dby, gby, "pass")
loss = -np.sum(Y * np.log(yp + 1e-8)) / T_x
check(146, loss, J()/T_x, "pass") if np.isclose(loss, J()/T_x, rtol=1e-6) else None
assert np.isclose(loss, J()/T_x, rtol=1e-6); res[146] = "pass"
print(len(res), "rows;", sum(v == "fail" for v in res.values()), "fail;", sorted(res))
