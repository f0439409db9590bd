# FD check of okannazli_gru_dict.md (NumPy GRU, row vectors (1,H), h = (1-u)*n + u*h_prev). numpy only.
import numpy as np
rng = np.random.default_rng(62)
D, H, O, T = 3, 4, 2, 4
sig = lambda z: 1 / (1 + np.exp(-z))
sigmoid_derivative = lambda x: x * (1 - x)
tanh_derivative = lambda x: 1 - x ** 2
W = {k: rng.standard_normal((D, H)) * 0.6 for k in ["w_ir", "w_iu", "w_in"]}
W.update({k: rng.standard_normal((H, H)) * 0.6 for k in ["w_hr", "w_hu", "w_hn"]})
W["w_y"] = rng.standard_normal((H, O)) * 0.6
Bs = {k: rng.standard_normal((1, H)) * 0.3 for k in ["b_ir", "b_hr", "b_iu", "b_hu", "b_in", "b_hn"]}; Bs["b_y"] = rng.standard_normal((1, O)) * 0.3
P = {**W, **Bs}
xs = rng.standard_normal((T, D)); h0 = rng.standard_normal((1, H)) * 0.4
G = rng.standard_normal((T, O))   # L = sum_t G[t] . y_t  -> d_outputs = G

def run(P, pert=None):
    pert = pert or {}; p = lambda n, t: pert.get((n, t), 0.0)
    h = h0; caches = []; L = 0.0
    for t in range(T):
        x = xs[t].reshape(1, -1)
        r = sig(x @ P["w_ir"] + P["b_ir"] + h @ P["w_hr"] + P["b_hr"] + p("r_pre", t))
        u = sig(x @ P["w_iu"] + P["b_iu"] + h @ P["w_hu"] + P["b_hu"] + p("u_pre", t))
        n = np.tanh(x @ P["w_in"] + P["b_in"] + (r * h) @ P["w_hn"] + P["b_hn"] + p("n_pre", t))
        hn = (1 - u) * n + u * h + p("h", t)
        y = (hn + p("h_out", t)) @ P["w_y"] + P["b_y"]
        caches.append((x, h, r, u, n, hn, y)); L += np.sum(G[t] * y); h = hn
    return L, caches

def fdn(n, t, eps=1e-6):
    g = np.zeros((1, H))
    for j in range(H):
        d = np.zeros((1, H)); d[0, j] = eps
        g[0, j] = (run(P, {(n, t): d})[0] - run(P, {(n, t): -d})[0]) / (2 * eps)
    return g
def fdp(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        o = P[k][idx]; P[k][idx] = o + eps; a = run(P)[0]; P[k][idx] = o - eps; b = run(P)[0]; P[k][idx] = o; g[idx] = (a - b) / (2 * eps)
    return g
res = {}
def check(line, val, ref, exp):
    got = "pass" if np.allclose(val, ref, rtol=1e-5, atol=1e-7) else "fail"
    res[line] = got; assert got == exp, (line, got, exp, np.max(np.abs(val - ref)))

z = rng.standard_normal(5)
check(8, sig(z), 0.5 * (1 + np.tanh(z / 2)), "pass")
check(11, sigmoid_derivative(sig(z)), (sig(z + 1e-6) - sig(z - 1e-6)) / 2e-6, "pass")
check(13, tanh_derivative(np.tanh(z)), (np.tanh(z + 1e-6) - np.tanh(z - 1e-6)) / 2e-6, "pass")
L, C = run(P)
# forward rows vs PyTorch-convention GRU with update gate gating h_prev
h = h0
for t in range(T):
    x = xs[t:t+1]
    gi = x @ np.hstack([P["w_ir"], P["w_iu"], P["w_in"]]) + np.hstack([P["b_ir"], P["b_iu"], P["b_in"]])
    gh = h @ np.hstack([P["w_hr"], P["w_hu"]]) + np.hstack([P["b_hr"], P["b_hu"]])
    r_, u_ = sig(gi[:, :H] + gh[:, :H]), sig(gi[:, H:2*H] + gh[:, H:])
    n_ = np.tanh(gi[:, 2*H:] + (r_ * h) @ P["w_hn"] + P["b_hn"]); h = u_ * h + (1 - u_) * n_
for ln in [65, 66, 67, 70]:
    check(ln, C[-1][5], h, "pass")
check(73, C[-1][6], C[-1][5] @ P["w_y"] + P["b_y"], "pass")
t = 2
x, h_prev, reset_gate, update_gate, new_gate, h_next, y = C[t]
d_y = G[t].reshape(1, -1)
dh_true = fdn("h", t); d_h_next = dh_true - fdn("h_out", t)
dh = (d_y @ P["w_y"].T) + d_h_next; check(119, dh, dh_true, "pass")
d_new = dh * (1 - update_gate) * tanh_derivative(new_gate); check(127, d_new, fdn("n_pre", t), "pass")
d_upd = dh * (h_prev - new_gate) * sigmoid_derivative(update_gate); check(130, d_upd, fdn("u_pre", t), "pass")
d_res = (d_new @ P["w_hn"].T) * h_prev * sigmoid_derivative(reset_gate); check(133, d_res, fdn("r_pre", t), "pass")
# per-step parameter rows: check that their sum over t equals the FD gradient (each row = that step's contribution)
def steps(fn):
    out = 0
    for s in range(T):
        xs_, hp, r, u, n, hn, yy = C[s]
        dn, du, dr = fdn("n_pre", s), fdn("u_pre", s), fdn("r_pre", s)
        out = out + fn(xs_, hp, r, u, n, hn, dn, du, dr, G[s].reshape(1, -1))
    return out
rows = [
    (140, "w_in", lambda x, hp, r, u, n, hn, dn, du, dr, dy: x.T @ dn),
    (143, "w_hn", lambda x, hp, r, u, n, hn, dn, du, dr, dy: (r * hp).T @ dn),
    (145, "b_in", lambda x, hp, r, u, n, hn, dn, du, dr, dy: dn),
    (148, "b_hn", lambda x, hp, r, u, n, hn, dn, du, dr, dy: dn),
    (154, "w_iu", lambda x, hp, r, u, n, hn, dn, du, dr, dy: x.T @ du),
    (157, "w_hu", lambda x, hp, r, u, n, hn, dn, du, dr, dy: hp.T @ du),
    (160, "b_iu", lambda x, hp, r, u, n, hn, dn, du, dr, dy: du),
    (163, "b_hu", lambda x, hp, r, u, n, hn, dn, du, dr, dy: du),
    (169, "w_ir", lambda x, hp, r, u, n, hn, dn, du, dr, dy: x.T @ dr),
    (172, "w_hr", lambda x, hp, r, u, n, hn, dn, du, dr, dy: hp.T @ dr),
    (175, "b_ir", lambda x, hp, r, u, n, hn, dn, du, dr, dy: dr),
    (178, "b_hr", lambda x, hp, r, u, n, hn, dn, du, dr, dy: dr),
    (183, "w_y", lambda x, hp, r, u, n, hn, dn, du, dr, dy: hn.T @ dy),
    (184, "b_y", lambda x, hp, r, u, n, hn, dn, du, dr, dy: dy),
]
acc_line = {"w_y": 187, "b_y": 188, "w_in": 192, "w_hn": 193, "b_in": 194, "b_hn": 195, "w_iu": 198, "w_hu": 199,
            "b_iu": 200, "b_hu": 201, "w_ir": 204, "w_hr": 205, "b_ir": 206, "b_hr": 207}
for ln, k, fn in rows:
    tot = steps(fn); g = fdp(k)
    check(ln, tot, g, "pass"); check(acc_line[k], tot, g, "pass")
# d_h_prev (line 213): dL/dh_{t-1} through step t
dhp = (dh * update_gate) + (d_new @ P["w_hn"].T) * reset_gate + (d_upd @ P["w_hu"].T) + (d_res @ P["w_hr"].T)
true_prev = fdn("h", t - 1) - fdn("h_out", t - 1)
check(213, dhp, true_prev, "pass"); check(218, dhp, true_prev, "pass")
print(len(res), "rows:", sum(v == "pass" for v in res.values()), "pass,", sum(v == "fail" for v in res.values()), "fail")
