"""Finite-difference check of zh_student_gru_numpy_bptt.md (standalone numpy, float64).

Forward as in gru_cell_forward: concat = [a_prev; xt], ft = sigmoid(Wf concat + bf) (reset),
ot = sigmoid(Wo concat + bo) (update), aat = tanh(Wa [ft*a_prev; xt] + ba),
a_next = ot*aat + (1-ot)*a_prev, columns = examples.
Cell loss for gru_cell_backward: L = sum(da_next * a_next).
Sequence loss for gru_backward (many-to-one, as the author's comment says): softmax of
Wy a_T + by with cross-entropy against one-hot Y at the last step only.
Each line is evaluated as written with the quantities it uses taken at their true values,
so an error is reported on the line that makes it.
"""
import numpy as np

rng = np.random.default_rng(3)
n_x, n_a, n_y, m, T = 3, 4, 3, 2, 4
sig = lambda u: 1 / (1 + np.exp(-u))
Pm = {k: rng.standard_normal((n_a, n_a + n_x)) * 0.8 for k in ("Wf", "Wo", "Wa")}
Pm.update({k: rng.standard_normal((n_a, 1)) * 0.5 for k in ("bf", "bo", "ba")})
Pm["Wy"] = rng.standard_normal((n_y, n_a)); Pm["by"] = rng.standard_normal((n_y, 1))
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

def cell(xt, a_prev, D=None):
    D = D or {}
    d = lambda k: D.get(k, 0.0)
    concat = np.concatenate((a_prev, xt), axis=0)
    zf = Pm["Wf"] @ concat + Pm["bf"] + d("zf"); ft = sig(zf) + d("ft")
    zo = Pm["Wo"] @ concat + Pm["bo"] + d("zo"); ot = sig(zo) + d("ot")
    at = ft * a_prev + d("at")
    concat_ft = np.concatenate((at, xt), axis=0)
    za = Pm["Wa"] @ concat_ft + Pm["ba"] + d("za"); aat = np.tanh(za) + d("aat")
    a_next = ot * aat + (1 - ot) * a_prev
    cache = (a_next, None, a_prev, ft, ot, aat, xt)     # forward's cache order
    return a_next, cache

# ---------------- single cell ----------------
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); da_next = rng.standard_normal((n_a, m))
a_next, cache = cell(xt, a_prev)
_, _, _, ft, ot, aat, _ = cache
# line 145: the backward unpacks (a_next, y, a_prev, ft, aat, ot, xt, parameters)
u = cache
aat_unpacked, ot_unpacked = u[4], u[5]
rep(145, max(np.abs(aat_unpacked - aat).max(), np.abs(ot_unpacked - ot).max()))

def tg(key):
    Z = np.zeros((n_a, m))
    return num_grad(lambda: np.sum(da_next * cell(xt, a_prev, {key: Z})[0]), Z)
T_ot, T_aat, T_za, T_at, T_ft = tg("ot"), tg("aat"), tg("za"), tg("at"), tg("ft")
T_zo, T_zf = tg("zo"), tg("zf")
Wa = Pm["Wa"]; Wf = Pm["Wf"]; Wo = Pm["Wo"]
rep(153, np.abs(da_next * (aat - a_prev) - T_ot).max())
rep(154, np.abs(da_next * ot - T_aat).max())
rep(156, np.abs(T_aat * (1 - np.square(aat)) - T_za).max())          # dft (1st) = dL/d(candidate pre-act)
rep(157, np.abs(np.dot(Wa[:, :n_a].T, T_za) - T_at).max())           # dft (2nd) = dL/d(ft*a_prev)
rep(158, np.abs(T_at * a_prev - T_ft).max())                           # dft (3rd) = dL/dft
rep(160, np.abs(T_ot * ot * (1 - ot) - T_zo).max())
rep(161, np.abs(T_ft * ft * (1 - ft) - T_zf).max())
rep(162, np.abs(T_aat * (1 - np.square(aat)) - T_za).max())
concat = np.concatenate((a_prev, xt), axis=0).T
concat_ft = np.concatenate(((ft * a_prev), xt), axis=0).T
Lc = lambda: np.sum(da_next * cell(xt, a_prev)[0])
rep(167, np.abs(np.dot(T_zf, concat) - num_grad(Lc, Pm["Wf"])).max())
rep(168, np.abs(np.dot(T_za, concat_ft) - num_grad(Lc, Pm["Wa"])).max())
rep(169, np.abs(np.dot(T_ot, concat) - num_grad(Lc, Pm["Wo"])).max())   # author: dot (not dot_sigmod)
rep(170, np.abs(np.sum(T_zf, axis=1, keepdims=True) - num_grad(Lc, Pm["bf"])).max())
rep(171, np.abs(np.sum(T_za, axis=1, keepdims=True) - num_grad(Lc, Pm["ba"])).max())
rep(172, np.abs(np.sum(T_zo, axis=1, keepdims=True) - num_grad(Lc, Pm["bo"])).max())
da_prev_author = (np.dot(Wf[:, :n_a].T, T_zf) + np.dot(Wa[:, :n_a].T, T_za) + np.dot(Wo[:, :n_a].T, T_zo) + (1 - ot) * da_next)
rep(175, np.abs(da_prev_author - num_grad(Lc, a_prev)).max())
dxt_author = np.dot(Wf[:, n_a:].T, T_zf) + np.dot(Wa[:, n_a:].T, T_za) + np.dot(Wo[:, n_a:].T, T_zo)
rep(176, np.abs(dxt_author - num_grad(Lc, xt)).max())

# ---------------- sequence (many-to-one) ----------------
x = rng.standard_normal((n_x, m, T)); a0 = rng.standard_normal((n_a, m))
Y = np.eye(n_y)[:, rng.integers(0, n_y, m)]
def softmax(z):
    e = np.exp(z - z.max(0)); return e / e.sum(0)
def run(pert_t=None, Dv=None):
    a = a0; A = [];
    for t in range(T):
        a, _ = cell(x[:, :, t], a)
        if pert_t == t: a = a + Dv
        A.append(a)
    return A
def Lseq(pert_t=None, Dv=None):
    aT = run(pert_t, Dv)[-1]
    y = softmax(Pm["Wy"] @ aT + Pm["by"])
    return -np.sum(Y * np.log(y))
A = run(); aT = A[-1]; yT = softmax(Pm["Wy"] @ aT + Pm["by"])
rep(235, np.abs(np.dot((yT - Y), aT.T) - num_grad(Lseq, Pm["Wy"])).max())
rep(236, np.abs(np.sum((yT - Y), axis=1, keepdims=True) - num_grad(Lseq, Pm["by"])).max())
Dv = np.zeros((n_a, m))
true_da = [num_grad(lambda t=t: Lseq(t, Dv), Dv) for t in range(T)]
rep(237, np.abs(np.dot(Pm["Wy"].T, (yT - Y)) - true_da[T - 1]).max())
da = np.zeros((n_a, m, T)); da[:, :, T - 1] = np.dot(Pm["Wy"].T, (yT - Y))
for t in range(T):
    rep(243, np.abs(da[:, :, t] - true_da[t]).max())     # author feeds da[:,:,t] only

# correct per-step contributions (with the true total gradient fed at each step)
def cell_contrib(t, g_in):
    a_prev_t = a0 if t == 0 else A[t - 1]
    _, c = cell(x[:, :, t], a_prev_t); _, _, _, f, o, aa, xx = c
    dzo = g_in * (aa - a_prev_t) * o * (1 - o)
    dza = g_in * o * (1 - aa ** 2)
    dat = Wa[:, :n_a].T @ dza
    dzf = dat * a_prev_t * f * (1 - f)
    cat = np.concatenate((a_prev_t, xx), 0); catf = np.concatenate((f * a_prev_t, xx), 0)
    return {"dWf": dzf @ cat.T, "dWa": dza @ catf.T, "dWo": dzo @ cat.T,
            "dbf": dzf.sum(1, keepdims=True), "dba": dza.sum(1, keepdims=True), "dbo": dzo.sum(1, keepdims=True),
            "dxt": Wf[:, n_a:].T @ dzf + Wa[:, n_a:].T @ dza + Wo[:, n_a:].T @ dzo,
            "da_prev": Wf[:, :n_a].T @ dzf + (Wa[:, :n_a].T @ dza) * f + Wo[:, :n_a].T @ dzo + (1 - o) * g_in}
dx = np.zeros((n_x, m, T))
dWf = np.zeros_like(Wf); dWc = np.zeros_like(Wa); dWo = np.zeros_like(Wo)
dbf = np.zeros((n_a, 1)); dbc = np.zeros((n_a, 1)); dbo = np.zeros((n_a, 1))
for t in reversed(range(T)):
    gradients = cell_contrib(t, true_da[t])
    dx[:, :, t] = gradients['dxt']
    dWf = dWf + gradients['dWf']
    dWa = dWc + gradients['dWa']
    dWo = dWo + gradients['dWo']
    dbf = dbf + gradients['dbf']
    dba = dbc + gradients['dba']
    dbo = dbo + gradients['dbo']
da0 = gradients['da_prev']
L0 = lambda: Lseq()
rep(246, np.abs(dx - num_grad(L0, x)).max())
rep(247, np.abs(dWf - num_grad(L0, Pm["Wf"])).max())
rep(248, np.abs(dWa - num_grad(L0, Pm["Wa"])).max())
rep(249, np.abs(dWo - num_grad(L0, Pm["Wo"])).max())
rep(250, np.abs(dbf - num_grad(L0, Pm["bf"])).max())
rep(251, np.abs(dba - num_grad(L0, Pm["ba"])).max())
rep(252, np.abs(dbo - num_grad(L0, Pm["bo"])).max())
rep(254, np.abs(da0 - num_grad(L0, a0)).max())

for line in sorted(res):
    err = res[line]
    print(f"line {line}: OK" if err < 1e-6 else f"line {line}: MISMATCH (max err {err:.3e})")
