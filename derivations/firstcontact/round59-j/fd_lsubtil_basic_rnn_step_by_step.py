"""FD check for lsubtil_basic_rnn_step_by_step.md (Coursera-style vanilla RNN, column layout (n, m)).
Cell rows: loss L = sum(DA * a_next) so da_next = DA.  Computations in float64 (the author's dtype='float32'
only changes precision, not the formula)."""
import numpy as np
rng = np.random.default_rng(7)
n_x, n_a, n_y, m, T_x = 3, 4, 2, 5, 4
P = {"Wax": rng.normal(size=(n_a, n_x)), "Waa": rng.normal(size=(n_a, n_a))*0.6, "ba": rng.normal(size=(n_a, 1)),
     "Wya": rng.normal(size=(n_y, n_a)), "by": rng.normal(size=(n_y, 1))}
def softmax(z):
    e = np.exp(z - z.max(0, keepdims=True)); return e/e.sum(0, keepdims=True)
def cell(xt, a_prev, P):
    return np.tanh(np.dot(P["Waa"], a_prev) + np.dot(P["Wax"], xt) + P["ba"])
def num(f, x, h=1e-6):
    g = np.zeros_like(x); it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = x[i]; x[i] = o+h; fp = f(); x[i] = o-h; fm = f(); x[i] = o; g[i] = (fp-fm)/(2*h)
    return g
res = {}
def check(line, got, true, expect):
    ok = np.allclose(got, true, rtol=1e-5, atol=1e-7)
    assert ok == (expect == "pass"), (line, expect, np.abs(got-true).max()); res[line] = expect
xt = rng.normal(size=(n_x, m)); a_prev = rng.normal(size=(n_a, m)); DA = rng.normal(size=(n_a, m))
z = P["Wax"]@xt + P["Waa"]@a_prev + P["ba"]; a_next = cell(xt, a_prev, P)
check(19, a_next, np.tanh(z), "pass"); check(60, a_next, np.tanh(z), "pass")
ez = np.exp(P["Wya"]@a_next + P["by"]); check(22, softmax(P["Wya"]@a_next + P["by"]), ez/ez.sum(0), "pass")
u = rng.normal(size=(n_a, m)); hh = 1e-6
check(62, 1-np.tanh(u)**2, (np.tanh(u+hh)-np.tanh(u-hh))/(2*hh), "pass")
L = lambda: np.sum(DA*cell(xt, a_prev, P))
e = np.zeros((n_a, m)); g_z = num(lambda: np.sum(DA*np.tanh(z+e)), e)
gWax, gWaa, gba = num(L, P["Wax"]), num(L, P["Waa"]), num(L, P["ba"]); gx, gap = num(L, xt), num(L, a_prev)
da_next = DA
dtanh = da_next*(1-np.tanh(P["Wax"]@xt + P["Waa"]@a_prev + P["ba"])**2); check(64, dtanh, g_z, "pass")
check(66, dtanh@xt.T, gWax, "pass"); check(68, dtanh@a_prev.T, gWaa, "pass")
check(70, dtanh.sum(1, keepdims=True), gba, "pass"); check(72, P["Wax"].T@dtanh, gx, "pass"); check(74, P["Waa"].T@dtanh, gap, "pass")
# code rows, as written
Wax, Waa = P["Wax"], P["Waa"]
dz = da_next*(1 - np.square(np.tanh(a_next)))          # row 88 (tanh applied twice)
check(88, dz, g_z, "fail")
dz = g_z                                              # later rows judged with the true dz
check(90, np.dot(Wax.transpose(), dz), gx, "pass"); check(91, np.dot(dz, xt.transpose()), gWax, "pass")
check(93, np.dot(Waa.transpose(), dz), gap, "pass"); check(94, np.dot(dz, a_prev.transpose()), gWaa, "pass")
check(96, np.sum(dz, axis=1, keepdims=True), gba, "pass")
# sequence rows: L = sum_t sum(G_t * a_t); cell backward replaced by a correct one (rows judged as formulas)
X = rng.normal(size=(n_x, m, T_x)); a0 = rng.normal(size=(n_a, m)); G = rng.normal(size=(n_a, m, T_x))
def fwd():
    a = np.zeros((n_a, m, T_x)); caches = []; a_n = a0
    for t in range(T_x):
        ap = a_n; a_n = cell(X[:, :, t], ap, P); a[:, :, t] = a_n; caches.append((a_n, ap, X[:, :, t]))
    return a, caches
seqL = lambda: np.sum(G*fwd()[0])
a_seq, caches = fwd()
# forward loop rows (39, 41): a_next fed from previous step, compare to explicit unroll
a_chk = []; h = a0
for t in range(T_x):
    h = np.tanh(P["Wax"]@X[:, :, t] + P["Waa"]@h + P["ba"]); a_chk.append(h)
check(39, a_seq, np.stack(a_chk, -1), "pass"); check(41, a_seq, np.stack(a_chk, -1), "pass")
def good_cell_backward(da_next, cache):
    a_next, a_prev, xt = cache; dz = da_next*(1-a_next**2)
    return {"dxt": Wax.T@dz, "da_prev": Waa.T@dz, "dWax": dz@xt.T, "dWaa": dz@a_prev.T, "dba": dz.sum(1, keepdims=True)}
da = G; dx = np.zeros((n_x, m, T_x)); dWax = np.zeros((n_a, n_x)); dWaa = np.zeros((n_a, n_a)); dba = np.zeros((n_a, 1))
da_prevt = np.zeros((n_a, m))
for t in reversed(range(T_x)):
    gradients = good_cell_backward(da_prevt + np.reshape(da[:,:,t], (n_a, m)), caches[t])
    dxt = gradients["dxt"]; da_prevt = gradients["da_prev"]; dWaxt = gradients["dWax"]; dWaat = gradients["dWaa"]; dbat = gradients["dba"]
    dx[:, :, t] = dxt; dWax += dWaxt; dWaa += dWaat; dba += dbat
da0 = da_prevt
gX, ga0 = num(seqL, X), num(seqL, a0)
check(127, dx, gX, "pass"); check(128, dWax, num(seqL, P["Wax"]), "pass"); check(129, dWaa, num(seqL, P["Waa"]), "pass")
check(130, dba, num(seqL, P["ba"]), "pass"); check(132, da0, ga0, "pass"); check(119, dx, gX, "pass"); check(122, da0, ga0, "pass")
print(len(res), "rows;", sum(v == "fail" for v in res.values()), "fail;", sorted(res))
