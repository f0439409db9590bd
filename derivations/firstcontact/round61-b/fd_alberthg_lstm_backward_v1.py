# FD check of alberthg_lstm_backward_v1.md (numpy only, float64, deterministic)
import numpy as np
rng = np.random.RandomState(7)
n_x, n_a, n_y, m, T = 3, 4, 2, 2, 3
EPS = 1e-6
sig = lambda z: 1 / (1 + np.exp(-z))
def softmax(z): e = np.exp(z - z.max(0)); return e / e.sum(0)
p = {k: rng.randn(n_a, n_a + n_x) * 0.8 for k in ["Wf", "Wi", "Wc", "Wo"]}
p.update({k: rng.randn(n_a, 1) for k in ["bf", "bi", "bc", "bo"]}); p["Wy"] = rng.randn(n_y, n_a); p["by"] = rng.randn(n_y, 1)
def cell(xt, a_prev, c_prev):
    concat = np.concatenate((a_prev, xt), 0)
    ft = sig(p["Wf"] @ concat + p["bf"]); it = sig(p["Wi"] @ concat + p["bi"]); cct = np.tanh(p["Wc"] @ concat + p["bc"])
    c_next = ft * c_prev + it * cct; ot = sig(p["Wo"] @ concat + p["bo"]); a_next = ot * np.tanh(c_next)
    return a_next, c_next, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt)
def fd(f, A):
    g = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o + EPS; lp = f(); A[i] = o - EPS; lm = f(); A[i] = o; g[i] = (lp - lm) / (2 * EPS)
    return g
close = lambda u, v: u.shape == v.shape and np.allclose(u, v, rtol=1e-5, atol=1e-6)
res = {}
# --- two steps so that \tilde c_{prev} exists; single-cell tests at step 2
x1, x2 = rng.randn(n_x, m), rng.randn(n_x, m); a0, c0 = rng.randn(n_a, m), rng.randn(n_a, m)
a1, c1, cache1 = cell(x1, a0, c0)
xt, a_prev, c_prev = x2, a1, c1
a_next, c_next, cache = cell(xt, a_prev, c_prev)
(_, _, _, _, ft, it, cct, ot, _) = cache
cct_prev = cache1[6]
da_next, dc_next = rng.randn(n_a, m), rng.randn(n_a, m)
def Lcell(): an, cn, _ = cell(xt, a_prev, c_prev); return np.sum(da_next * an + dc_next * cn)
concatv = np.concatenate((a_prev, xt), 0)
# forward rows (1)-(6) and code rows: compare with independent per-gate evaluation
zf, zi, zc, zo = [p[w][:, :n_a] @ a_prev + p[w][:, n_a:] @ xt + p[b] for w, b in [("Wf", "bf"), ("Wi", "bi"), ("Wc", "bc"), ("Wo", "bo")]]
fw = {6: close(sig(zf), ft), 10: close(sig(zi), it), 14: close(np.tanh(zc), cct), 16: close(ft * c_prev + it * cct, c_next),
      20: close(sig(zo), ot), 22: close(ot * np.tanh(c_next), a_next)}
res.update(fw)
concat = np.zeros([n_a + n_x, m]); concat[: n_a, :] = a_prev; concat[n_a:, :] = xt
res[25] = res[26] = res[27] = close(concat, concatv)
res[30], res[31], res[32], res[33], res[34], res[35] = fw[6], fw[10], fw[14], fw[16], fw[20], fw[22]
yt = softmax(p["Wy"] @ a_next + p["by"]); res[38] = close(yt.sum(0), np.ones(m))
# true gradients w.r.t. gate pre-activations
def Lz(zf_, zi_, zc_, zo_):
    cn = sig(zf_) * c_prev + sig(zi_) * np.tanh(zc_); return np.sum(da_next * sig(zo_) * np.tanh(cn) + dc_next * cn)
g_zo = fd(lambda: Lz(zf, zi, zc, zo), zo); g_zc = fd(lambda: Lz(zf, zi, zc, zo), zc)
g_zi = fd(lambda: Lz(zf, zi, zc, zo), zi); g_zf = fd(lambda: Lz(zf, zi, zc, zo), zf)
th = np.tanh(c_next)
# markdown (7)-(10) as written
res[47] = close(da_next * th * ot * (1 - ot), g_zo)
res[49] = close(dc_next * it + ot * (1 - th**2) * it * da_next * cct * (1 - np.tanh(cct)**2), g_zc)
res[51] = close(dc_next * cct + ot * (1 - th**2) * cct * da_next * it * (1 - it), g_zi)
res[53] = close(dc_next * cct_prev + ot * (1 - th**2) * c_prev * da_next * ft * (1 - ft), g_zf)
gW = {w: fd(Lcell, p[w]) for w in ["Wf", "Wi", "Wc", "Wo"]}
res[57] = close(g_zf @ concatv.T, gW["Wf"]); res[58] = close(g_zi @ concatv.T, gW["Wi"])
res[59] = close(g_zc @ concatv.T, gW["Wc"]); res[60] = close(g_zo @ concatv.T, gW["Wo"])
g_aprev = fd(Lcell, a_prev); g_cprev = fd(Lcell, c_prev); g_xt = fd(Lcell, xt)
gates = [("Wf", g_zf), ("Wi", g_zi), ("Wc", g_zc), ("Wo", g_zo)]
res[66] = close(sum(p[w][:, :n_a].T @ g for w, g in gates), g_aprev)      # W = hidden-state block of columns
res[67] = close(sum(p[w][:n_a, :].T @ g for w, g in gates), g_aprev)      # slice as the text writes it
res[69] = close(dc_next * ft + ot * (1 - th**2) * ft * da_next, g_cprev)
res[70] = close(sum(p[w][:, n_a:].T @ g for w, g in gates), g_xt)
res[71] = close(sum(p[w][n_a:, :].T @ g for w, g in gates), g_xt) if p["Wf"][n_a:, :].size else False
# student's code rows of lstm_cell_backward
dot = da_next * np.tanh(c_next) * ot * (1 - ot)
dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * da_next) * (1 - np.square(cct))
dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
res[86], res[87], res[88], res[89] = close(dot, g_zo), close(dcct, g_zc), close(dit, g_zi), close(dft, g_zf)
concT = np.concatenate((a_prev, xt), axis=0).T; res[98] = close(concT, concatv.T)
res[99], res[100], res[101], res[102] = [close(np.dot(g, concT), gW[w]) for w, g in gates]
gb = {b: fd(Lcell, p[b]) for b in ["bf", "bi", "bc", "bo"]}
res[103], res[104], res[105], res[106] = [close(np.sum(g, axis=1, keepdims=True), gb[b]) for b, g in zip(["bf", "bi", "bc", "bo"], [g_zf, g_zi, g_zc, g_zo])]
res[109] = close(np.dot(p["Wf"][:, :n_a].T, dft) + np.dot(p["Wc"][:, :n_a].T, dcct) + np.dot(p["Wi"][:, :n_a].T, dit) + np.dot(p["Wo"][:, :n_a].T, dot), g_aprev)
res[110] = close(dc_next*ft+ot*(1-np.square(np.tanh(c_next)))*ft*da_next, g_cprev)
res[111] = close(np.dot(p["Wf"][:, n_a:].T, dft) + np.dot(p["Wc"][:, n_a:].T, dcct) + np.dot(p["Wi"][:, n_a:].T, dit) + np.dot(p["Wo"][:, n_a:].T, dot), g_xt)
# --- lstm_backward over a sequence, loss L = sum(da * a)
X = rng.randn(n_x, m, T); A0 = rng.randn(n_a, m); DA = rng.randn(n_a, m, T)
def seq(X, A0):
    a, c, caches = A0, np.zeros_like(A0), []
    As, Cs = [], []
    for t in range(T):
        a, c, ca = cell(X[:, :, t], a, c); As.append(a); Cs.append(c); caches.append(ca)
    return As, Cs, caches
def Lseq(): return sum(np.sum(DA[:, :, t] * a) for t, a in enumerate(seq(X, A0)[0]))
As, Cs, caches = seq(X, A0)
def L_from(t, at, ct):   # loss from step t on, with a<t>, c<t> as free inputs
    s = np.sum(DA[:, :, t] * at); a, c = at, ct
    for u in range(t + 1, T):
        a, c, _ = cell(X[:, :, u], a, c); s += np.sum(DA[:, :, u] * a)
    return s
ta, tc = [], []
for t in range(T):
    at, ct = As[t].copy(), Cs[t].copy()
    ta.append(fd(lambda: L_from(t, at, ct), at)); tc.append(fd(lambda: L_from(t, at, ct), ct))
def cellback(dn, dcn, ca):
    (an, cn, ap, cp, f, i, cc, o, x) = ca; thc = np.tanh(cn)
    do = dn * thc * o * (1 - o); dcc = (dcn * i + o * (1 - thc**2) * i * dn) * (1 - cc**2)
    di = (dcn * cc + o * (1 - thc**2) * cc * dn) * i * (1 - i); df = (dcn * cp + o * (1 - thc**2) * cp * dn) * f * (1 - f)
    con = np.concatenate((ap, x), 0); gs = [("f", df), ("i", di), ("c", dcc), ("o", do)]
    out = {"d" + "W" + k: g @ con.T for k, g in gs}; out.update({"db" + k: g.sum(1, keepdims=True) for k, g in gs})
    out["da_prev"] = sum(p["W" + k][:, :n_a].T @ g for k, g in gs); out["dxt"] = sum(p["W" + k][:, n_a:].T @ g for k, g in gs)
    out["dc_prev"] = dcn * f + o * (1 - thc**2) * f * dn
    return out
for ln in range(135, 147): res[ln] = True   # zero initialisations
# line 151: da_next = da[:,:,t] and dc_next = dc_prevt (never updated, stays 0)
res[151] = all(close(DA[:, :, t], ta[t]) and close(np.zeros((n_a, m)), tc[t]) for t in range(T))
G = [cellback(ta[t], tc[t], caches[t]) for t in range(T)]   # true per-step gradients
res[154] = close(np.stack([g["dxt"] for g in G], 2), fd(Lseq, X))
for ln, k in zip(range(155, 163), ["dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo"]):
    res[ln] = close(sum(g[k] for g in G), fd(Lseq, p[k[1:]]))
res[164] = close(G[0]["da_prev"], fd(Lseq, A0))
fail = {49, 51, 53, 67, 71, 151}
for k, v in sorted(res.items()):
    assert bool(v) == (k not in fail), (k, v)
print(len(res), "rows checked; fails:", sorted(fail))
