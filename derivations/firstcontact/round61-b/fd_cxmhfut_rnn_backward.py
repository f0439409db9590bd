# FD check of cxmhfut_rnn_backward.md (numpy only, float64, deterministic)
import numpy as np
rng = np.random.RandomState(61)
n_x, n_a, n_y, m, T = 3, 4, 2, 2, 4
P = {"Wax": rng.randn(n_a, n_x), "Waa": rng.randn(n_a, n_a), "Wya": rng.randn(n_y, n_a),
     "ba": rng.randn(n_a, 1), "by": rng.randn(n_y, 1)}
x = rng.randn(n_x, m, T); a0 = rng.randn(n_a, m); da = rng.randn(n_a, m, T)
EPS = 1e-6
def softmax(z): e = np.exp(z - z.max(0)); return e / e.sum(0)
def fwd(x, a0, P):
    a = np.zeros((n_a, m, T)); ap = a0
    for t in range(T):
        ap = np.tanh(np.concatenate([P["Waa"], P["Wax"]], 1) @ np.concatenate([ap, x[:, :, t]], 0) + P["ba"]); a[:, :, t] = ap
    return a
def loss(): return np.sum(da * fwd(x, a0, P))
def fd(f, A):
    g = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o + EPS; lp = f(); A[i] = o - EPS; lm = f(); A[i] = o; g[i] = (lp - lm) / (2 * EPS)
    return g
def close(u, v): return np.allclose(u, v, rtol=1e-5, atol=1e-6)
res = {}
a = fwd(x, a0, P)
# line 15 / 17 forward rows
xt, a_prev = x[:, :, 0], a0
a_next = np.tanh(np.dot(P["Wax"], xt) + np.dot(P["Waa"], a_prev) + P["ba"])
res[15] = close(a_next, a[:, :, 0])
yt_pred = softmax(np.dot(P["Wya"], a_next) + P["by"])
res[17] = close(yt_pred.sum(0), np.ones(m)) and close(yt_pred, np.exp(P["Wya"] @ a_next + P["by"]) / np.exp(P["Wya"] @ a_next + P["by"]).sum(0))
# single cell rows 42-53: cell loss Lc = sum(da_next * a_next)
da_next = rng.randn(n_a, m)
Wax, Waa, ba = P["Wax"], P["Waa"], P["ba"]
def Lc(): return np.sum(da_next * np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba))
z = np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba
dtanh = (1-a_next**2)*da_next
res[42] = close(dtanh, fd(lambda: np.sum(da_next * np.tanh(z)), z))
res[45] = close(np.matmul(Wax.T, dtanh), fd(Lc, xt))
res[46] = close(np.matmul(dtanh, xt.T), fd(Lc, Wax))
res[49] = close(np.matmul(Waa.T, dtanh), fd(Lc, a_prev))
res[50] = close(np.matmul(dtanh, a_prev.T), fd(Lc, Waa))
res[53] = close(np.sum(dtanh, axis=1, keepdims=True), fd(Lc, ba))
# zero initialisations of accumulators (lines 76-80)
for ln in (76, 77, 78, 79, 80): res[ln] = True
# total gradient of L w.r.t. a<t> (a<t> treated as an input to the rest of the sequence)
def L_from(t, at):
    s = np.sum(da[:, :, t] * at); ap = at
    for u in range(t + 1, T):
        ap = np.tanh(Wax @ x[:, :, u] + Waa @ ap + ba); s += np.sum(da[:, :, u] * ap)
    return s
tot = []
for t in range(T):
    at = a[:, :, t].copy(); tot.append(fd(lambda: L_from(t, at), at))
# line 81: da_prevt = da[:,:,-1] as the incoming gradient of the last step
res[81] = close(da[:, :, -1], tot[T - 1])
# line 86: da_next fed to the cell at step t is da_prevt = (recurrent part only) for t < T-1
ok86 = True
for t in range(T - 1):
    aprev_t = a[:, :, t]; anext = a[:, :, t + 1]
    da_prevt = Waa.T @ ((1 - anext**2) * tot[t + 1])       # true da_prev coming out of step t+1
    ok86 &= close(da_prevt, tot[t])
res[86] = ok86
# correct per-step cell gradients with the true total gradient
def cell(t, dn):
    ap = a0 if t == 0 else a[:, :, t - 1]; an = a[:, :, t]; dt = (1 - an**2) * dn
    return {"dxt": Wax.T @ dt, "da_prev": Waa.T @ dt, "dWax": dt @ x[:, :, t].T, "dWaa": dt @ ap.T, "dba": dt.sum(1, keepdims=True)}
g = [cell(t, tot[t]) for t in range(T)]
res[88] = True  # unpacking of the dictionary
res[91] = close(np.stack([g[t]["dxt"] for t in range(T)], 2), fd(loss, x))
res[92] = close(sum(gg["dWax"] for gg in g), fd(loss, P["Wax"]))
res[93] = close(sum(gg["dWaa"] for gg in g), fd(loss, P["Waa"]))
res[94] = close(sum(gg["dba"] for gg in g), fd(loss, P["ba"]))
res[97] = close(g[0]["da_prev"], fd(loss, a0))
expected = {15: True, 17: True, 42: True, 45: True, 46: True, 49: True, 50: True, 53: True, 76: True, 77: True, 78: True,
            79: True, 80: True, 81: True, 86: False, 88: True, 91: True, 92: True, 93: True, 94: True, 97: True}
for k, v in expected.items():
    assert bool(res[k]) == v, (k, res[k], v)
print("all verdicts confirmed:", {k: ("pass" if v else "fail") for k, v in expected.items()})
