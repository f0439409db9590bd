"""FD check for arpitsahni_11785_gru_cell.md (numpy only, float64, deterministic).
Model: 11-785 GRU (PyTorch convention), column vectors:
 r = sig(Wrx x + brx + Wrh h + brh); z = sig(Wzx x + bzx + Wzh h + bzh)
 n = tanh(Wnx x + bnx + r*(Wnh h + bnh)); h_t = (1-z)*n + z*h
Loss L = sum(G * h_t) so that delta = dL/dh_t = G.
"""
import numpy as np

rng = np.random.default_rng(11785)
EPS = 1e-6
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
d, H = 4, 3
P = {k: rng.standard_normal((H, d)) for k in ("Wrx", "Wzx", "Wnx")}
P.update({k: rng.standard_normal((H, H)) for k in ("Wrh", "Wzh", "Wnh")})
P.update({k: rng.standard_normal(H) for k in ("brx", "bzx", "bnx", "brh", "bzh", "bnh")})
x0 = rng.standard_normal(d); h0 = rng.standard_normal(H); G = rng.standard_normal(H)
results = {}


def fwd(p, x, h):
    r = sig(p["Wrx"] @ x + p["brx"] + p["Wrh"] @ h + p["brh"])
    z = sig(p["Wzx"] @ x + p["bzx"] + p["Wzh"] @ h + p["bzh"])
    n = np.tanh(p["Wnx"] @ x + p["bnx"] + r * (p["Wnh"] @ h + p["bnh"]))
    return (1 - z) * n + z * h, r, z, n


def L(p=None, x=None, h=None):
    return float(np.sum(G * fwd(p or P, x0 if x is None else x, h0 if h is None else h)[0]))


def num(fun, X):
    X = np.array(X, dtype=np.float64); g = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        o = X[i]; X[i] = o + EPS; fp = fun(X); X[i] = o - EPS; fm = fun(X); X[i] = o; g[i] = (fp - fm) / (2 * EPS)
    return g


def ng(name):
    return num(lambda V: L(p={**P, name: V}), P[name])


def close(a, b):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)


def rec(line, ok, exp):
    results[line] = (bool(ok), exp)


# ---- forward rows, as written (1-D vectors) ----
x, hidden = x0, h0
Wrx, Wzx, Wnx, Wrh, Wzh, Wnh = (P[k] for k in ("Wrx", "Wzx", "Wnx", "Wrh", "Wzh", "Wnh"))
brx, bzx, bnx, brh, bzh, bnh = (P[k] for k in ("brx", "bzx", "bnx", "brh", "bzh", "bnh"))
hT, rT, zT, nT = fwd(P, x0, h0)
r_linear = Wrx @ x + brx + Wrh @ hidden + brh                                    # 18
rec(18, close(sig(r_linear), rT), "pass")
r = 1 / (1 + np.exp(-r_linear))                                                 # 19 (Sigmoid.forward, line 101)
rec(19, close(r, rT), "pass"); rec(101, close(r, rT), "pass")
z_linear = Wzx @ x + bzx + Wzh @ hidden + bzh                                   # 20
rec(20, close(sig(z_linear), zT), "pass")
z = 1 / (1 + np.exp(-z_linear))                                                 # 21
rec(21, close(z, zT), "pass")
n_linear = Wnx @ x + bnx + r * (Wnh @ hidden + bnh)                             # 22
rec(22, close(np.tanh(n_linear), nT), "pass")
n = np.tanh(n_linear)                                                           # 23 (Tanh.forward, line 112)
rec(23, close(n, nT), "pass"); rec(112, close(n, nT), "pass")
h_t = (1 - z) * n + z * hidden                                                  # 24
rec(24, close(h_t, hT), "pass")

# ---- numerical references ----
def L_of(rv=None, zv=None, nv=None):
    rv = r if rv is None else rv; zv = z if zv is None else zv
    nv = np.tanh(Wnx @ x + bnx + rv * (Wnh @ hidden + bnh)) if nv is None else nv
    return float(np.sum(G * ((1 - zv) * nv + zv * hidden)))

dL_dz = num(lambda V: L_of(zv=V), z)
dL_dn = num(lambda V: L_of(nv=V), n)
dL_dr = num(lambda V: L_of(rv=V), r)
dL_drlin = num(lambda V: L_of(rv=sig(V)), r_linear)
dL_dzlin = num(lambda V: L_of(zv=sig(V)), z_linear)
dL_dnlin = num(lambda V: L_of(nv=np.tanh(V)), n_linear)
dz_loc = num(lambda V: float(np.sum(G * ((1 - V) * n + V * hidden))), z) / G  # dh_t/dz (elementwise)

# ---- backward rows, as written (column layout) ----
X = x.reshape(-1, 1); Hd = hidden.reshape(-1, 1); Z = z.reshape(-1, 1); R = r.reshape(-1, 1); N = n.reshape(-1, 1)
delta = G.reshape(-1, 1)
bnh_c = bnh.reshape(-1, 1)
h_act_backward = lambda s: 1 - (s ** 2)                                          # 117
s_act_backward = lambda s: s * (1 - s)                                           # 107
rec(117, close(h_act_backward(n), 1 - np.tanh(n_linear) ** 2), "pass")
rec(119, close(1 - (n ** 2), 1 - np.tanh(n_linear) ** 2), "pass")
rec(107, close(s_act_backward(r), sig(r_linear) * (1 - sig(r_linear))), "pass")
rec(106, close((r) * (1 - r), sig(r_linear) * (1 - sig(r_linear))), "pass")

dz = Hd - N                                                                      # 65
rec(65, close(dz.ravel(), dz_loc), "pass")
dz = delta * dz                                                                  # 66
rec(66, close(dz.ravel(), dL_dz), "pass")
dn = delta * (1 - Z)                                                             # 67
rec(67, close(dn.ravel(), dL_dn), "pass")
der = dn * h_act_backward(N) * (Wnh @ Hd + bnh_c)                                # 68
rec(68, close(der.ravel(), dL_dr), "pass")
dr_act = s_act_backward(R).reshape(-1, 1)                                        # 69
rec(69, close(dr_act.ravel(), sig(r_linear) * (1 - sig(r_linear))), "pass")
k = (der * dr_act)                                                               # 70
rec(70, close(k.ravel(), dL_drlin), "pass")
rec(71, close(np.dot(k, Hd.T), ng("Wrh")), "pass")
rec(72, close(np.dot(k, X.T), ng("Wrx")), "pass")
rec(73, close(k.reshape(-1,), ng("brx")), "pass")
rec(74, close(k.reshape(-1,), ng("brh")), "pass")
dz_act = s_act_backward(Z).reshape(-1, 1)                                        # 75
rec(75, close(dz_act.ravel(), sig(z_linear) * (1 - sig(z_linear))), "pass")
k2 = dz * dz_act                                                                 # 76
rec(76, close(k2.ravel(), dL_dzlin), "pass")
rec(77, close(np.dot(k2, Hd.T), ng("Wzh")), "pass")
rec(78, close(np.dot(k2, X.T), ng("Wzx")), "pass")
rec(79, close(k2.reshape(-1,), ng("bzx")), "pass")
rec(80, close(k2.reshape(-1,), ng("bzh")), "pass")
dh_act = h_act_backward(N).reshape(-1, 1)                                        # 81
rec(81, close(dh_act.ravel(), 1 - np.tanh(n_linear) ** 2), "pass")
k3 = dn * dh_act                                                                 # 82
rec(82, close(k3.ravel(), dL_dnlin), "pass")
rec(83, close(np.dot(R * k3, Hd.T), ng("Wnh")), "pass")
rec(84, close(np.dot(k3, X.T), ng("Wnx")), "pass")
rec(85, close(k3.reshape(-1,), ng("bnx")), "pass")
rec(86, close((k3 * R).reshape(-1,), ng("bnh")), "pass")
dx = k3.T @ Wnx + k.T @ Wrx + k2.T @ Wzx                                         # 88
rec(88, close(dx, num(lambda V: L(x=V), x0).reshape(1, -1)), "pass")
dh_prev_t = (k3 * R).T @ Wnh + (delta * Z).T + k2.T @ Wzh + k.T @ Wrh             # 89
rec(89, close(dh_prev_t, num(lambda V: L(h=V), h0).reshape(1, -1)), "pass")

bad = {ln: (ok, e) for ln, (ok, e) in results.items() if (e == "pass") != ok}
for ln in sorted(results):
    print(ln, results[ln])
assert not bad, bad
print("OK", len(results), "rows")
