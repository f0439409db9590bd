# FD check of michaelrzg_lstm_bptt.md (column-vector LSTM, scalar input, lists H/C offset by one). numpy only.
import numpy as np
rng = np.random.default_rng(63)
n, T = 3, 4
sig = lambda z: 1 / (1 + np.exp(-z))
P = {}
for g in "fiog":
    P["U" + g] = rng.standard_normal((n, 1)) * 0.6; P["b" + g] = rng.standard_normal((n, 1)) * 0.3; P["w" + g] = rng.standard_normal((n, n)) * 0.6
X_t = rng.standard_normal(T)
dvalues = rng.standard_normal((T, n))    # loss L = sum_t dvalues[t] . h_t  (dvalues[t] = dL/dh_t from the dense head)

def run(P, pert=None):
    pert = pert or {}; p = lambda k, t: pert.get((k, t), 0.0)
    H = [np.zeros((n, 1)) for _ in range(T + 1)]; C = [np.zeros((n, 1)) for _ in range(T + 1)]
    F, O, I, Ct = [None] * T, [None] * T, [None] * T, [None] * T
    ht, ct = H[0], C[0]; L = 0.0
    for t, xt in enumerate(X_t):
        xt = xt.reshape(1, 1)
        ft = sig(P["Uf"] @ xt + P["wf"] @ ht + P["bf"] + p("f_pre", t))
        it = sig(P["Ui"] @ xt + P["wi"] @ ht + P["bi"] + p("i_pre", t))
        ot = sig(P["Uo"] @ xt + P["wo"] @ ht + P["bo"] + p("o_pre", t))
        gt = np.tanh(P["Ug"] @ xt + P["wg"] @ ht + P["bg"] + p("g_pre", t))
        ct = ft * ct + it * gt + p("c", t)
        ht = np.tanh(ct + p("c_tanh", t)) * ot + p("h", t)
        H[t + 1], C[t + 1], Ct[t], F[t], O[t], I[t] = ht, ct, gt, ft, ot, it
        L += float((dvalues[t] @ (ht + p("h_out", t)))[0])
    return L, dict(H=H, C=C, Ct=Ct, F=F, O=O, I=I)

def fdn(k, t, eps=1e-6):
    g = np.zeros((n, 1))
    for j in range(n):
        d = np.zeros((n, 1)); d[j] = eps
        g[j] = (run(P, {(k, t): d})[0] - run(P, {(k, t): -d})[0]) / (2 * eps)
    return g
def fdp(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        o = P[k][idx]; P[k][idx] = o + eps; a = run(P)[0]; P[k][idx] = o - eps; b = run(P)[0]; P[k][idx] = o; g[idx] = (a - b) / (2 * eps)
    return g
res = {}
def check(line, val, ref, exp):
    got = "pass" if np.allclose(val, ref, rtol=1e-5, atol=1e-7) else "fail"
    res[line] = got; assert got == exp, (line, got, exp, np.max(np.abs(np.asarray(val) - np.asarray(ref))))

# activation / dense helper rows
z = rng.standard_normal((n, 1)); up = rng.standard_normal((n, 1)); e = 1e-6
s = 1 / (1 + np.exp(-z)); check(15, s, 0.5 * (1 + np.tanh(z / 2)), "pass")
dx = s * (1 - s); check(23, dx, (sig(z + e) - sig(z - e)) / (2 * e), "pass")
check(25, dx * up, up * (sig(z + e) - sig(z - e)) / (2 * e), "pass")
th = np.tanh(z); check(33, th, np.tanh(z), "pass")
check(40, 1 - th ** 2, (np.tanh(z + e) - np.tanh(z - e)) / (2 * e), "pass")
check(42, (1 - th ** 2) * up, up * (np.tanh(z + e) - np.tanh(z - e)) / (2 * e), "pass")
Xin = rng.standard_normal((2, n)); Wd = rng.standard_normal((n, 1)); bd = rng.standard_normal((1, 1)); Gd = rng.standard_normal((2, 1))
dense = lambda Xi, W, b: np.sum(Gd * (Xi @ W + b))
check(51, Xin @ Wd + bd, np.array([[Xin[r] @ Wd[:, 0] + bd[0, 0]] for r in range(2)]), "pass")
num = lambda f, A: np.array([(f(A + e * np.eye(A.size)[k].reshape(A.shape)) - f(A - e * np.eye(A.size)[k].reshape(A.shape))) / (2 * e) for k in range(A.size)]).reshape(A.shape)
check(55, Xin.T @ Gd, num(lambda W: dense(Xin, W, bd), Wd), "pass")
check(56, np.sum(Gd, axis=0, keepdims=True), num(lambda b: dense(Xin, Wd, b), bd), "pass")
check(57, Gd @ Wd.T, num(lambda Xi: dense(Xi, Wd, bd), Xin), "pass")

L, S = run(P)
H, C, Ct, F, O, I = S["H"], S["C"], S["Ct"], S["F"], S["O"], S["I"]
# forward rows vs stacked-weight reference
Wx = np.vstack([P["U" + g] for g in "fiog"]); Wh = np.vstack([P["w" + g] for g in "fiog"]); bb = np.vstack([P["b" + g] for g in "fiog"])
h = np.zeros((n, 1)); c = np.zeros((n, 1))
for t in range(T):
    a = Wx * X_t[t] + Wh @ h + bb
    c = sig(a[:n]) * c + sig(a[n:2*n]) * np.tanh(a[3*n:]); h = np.tanh(c) * sig(a[2*n:3*n])
for ln in [138, 143, 148, 153, 158, 162]:
    check(ln, H[T], h, "pass")

# true per-step quantities
pre = {k: [fdn(k, t) for t in range(T)] for k in ["f_pre", "i_pre", "o_pre", "g_pre"]}
dh_tot = [fdn("h", t) for t in range(T)]; dc_tot = [fdn("c", t) for t in range(T)]
check(197, dvalues[-1, :].reshape(n, 1), dh_tot[T - 1], "pass")
t = 1
dht = dh_tot[t]; xt = X_t[t].reshape(1, 1)
dtanh2 = dht * (1 - np.tanh(C[t + 1]) ** 2)
check(206, dtanh2 * O[t], fdn("c_tanh", t), "pass")          # intermediate: with line 210's O factor it is the h-path gradient of c_t
dhtdtanh = O[t] * dtanh2
check(210, dhtdtanh, dc_tot[t], "fail")                        # misses F[t+1]*dc_{t+1}
# rows 212-214 evaluated with the TRUE dL/dc_t in place of dhtdtanh
check(212, dc_tot[t] * C[t - 1], fdn("f_pre", t) / (F[t] * (1 - F[t])), "fail")   # C[t-1] = c_{t-2}; needs C[t]
check(213, dc_tot[t] * Ct[t], fdn("i_pre", t) / (I[t] * (1 - I[t])), "pass")
check(214, dc_tot[t] * I[t], fdn("g_pre", t) / (1 - Ct[t] ** 2), "pass")
check(217, (dc_tot[t] * I[t]) * (1 - Ct[t] ** 2), pre["g_pre"][t], "pass")
check(220, (dc_tot[t] * C[t]) * F[t] * (1 - F[t]), pre["f_pre"][t], "pass")
check(223, (dc_tot[t] * Ct[t]) * I[t] * (1 - I[t]), pre["i_pre"][t], "pass")
check(225, (dht * np.tanh(C[t + 1])) * O[t] * (1 - O[t]), pre["o_pre"][t], "pass")
# parameter rows: per-step contributions (with true gate grads), summed over t, vs FD
def tot(fn): return sum(fn(s) for s in range(T))
hp = lambda s: H[s - 1]   # as written: H[t-1]  (true h_{t-1} is H[t])
for g, key, lu, lw, accs in [("f", "f_pre", 228, 229, (231, 232, 233)), ("i", "i_pre", 235, 236, (238, 239, 240)),
                             ("o", "o_pre", 242, 243, (245, 246, 247)), ("g", "g_pre", 249, 250, (252, 253, 254))]:
    gU, gW, gb = fdp("U" + g), fdp("w" + g), fdp("b" + g)
    check(lu, tot(lambda s: pre[key][s] @ X_t[s].reshape(1, 1)), gU, "pass")
    check(lw, tot(lambda s: pre[key][s] @ hp(s).T), gW, "fail")
    assert np.allclose(tot(lambda s: pre[key][s] @ H[s].T), gW, rtol=1e-5, atol=1e-7)   # H[t] would be right
    # += rows: accumulating the true per-step contributions from zero gives the FD gradient
    check(accs[0], tot(lambda s: pre[key][s] @ X_t[s].reshape(1, 1)), gU, "pass")
    check(accs[1], tot(lambda s: pre[key][s] @ H[s].T), gW, "pass")
    check(accs[2], tot(lambda s: pre[key][s]), gb, "pass")
# accumulator initialisation rows 105-122: random start values make the accumulated sums wrong
rs = np.random.default_rng(0)
init_lines = {"Uf": 105, "bf": 106, "wf": 107, "Ui": 110, "bi": 111, "wi": 112, "Uo": 115, "bo": 116, "wo": 117, "Ug": 120, "bg": 121, "wg": 122}
for k, ln in init_lines.items():
    start = 0.1 * rs.standard_normal(P[k].shape)
    g = k[1]; key = g + "_pre"
    contrib = {"U": lambda s: pre[key][s] @ X_t[s].reshape(1, 1), "b": lambda s: pre[key][s], "w": lambda s: pre[key][s] @ H[s].T}[k[0]]
    check(ln, start + tot(contrib), fdp(k), "fail")
# line 257: dL/dh_{t-1} = sum W^T d_pre + dvalues[t-1]
dprev = sum(P["w" + g] @ pre[g + "_pre"][t] for g in "fiog") + dvalues[t - 1, :].reshape(n, 1)
check(257, dprev, dh_tot[t - 1], "fail")
assert np.allclose(sum(P["w" + g].T @ pre[g + "_pre"][t] for g in "fiog") + dvalues[t - 1].reshape(n, 1), dh_tot[t - 1], rtol=1e-5, atol=1e-7)
print(len(res), "rows:", sum(v == "pass" for v in res.values()), "pass,", sum(v == "fail" for v in res.values()), "fail")
