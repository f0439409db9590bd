"""Finite-difference check of nnmodel_gru.md (AkiRusProd/numpy-nn-model @ 457d6f7, gru.py).

Model (as coded): z = sig(x w_z + h_{t-1} wh_z + b_z), r = sig(x w_r + h_{t-1} wh_r + b_r),
c = tanh(x w_h + (r*h_{t-1}) wh_h + b_h), h = z*h_{t-1} + (1-z)*c.  Row vectors, batch first.
error[:, t, :] = dL/dh_t from above; L = sum(G * hidden_states[:, 0:-1, :]).
"""
import numpy as np

rng = np.random.RandomState(571)
B, T, D, H = 2, 4, 3, 5
X = rng.randn(B, T, D)
G = rng.randn(B, T, H)
P = {k: rng.randn(D, H) * 0.6 for k in ("w_z", "w_r", "w_h")}
P.update({k: rng.randn(H, H) * 0.6 for k in ("wh_z", "wh_r", "wh_h")})
P.update({k: rng.randn(H) * 0.3 for k in ("b_z", "b_r", "b_h")})

results = {}


def check(line, got, ref, expect):
    got = np.asarray(got, float); ref = np.asarray(ref, float)
    err = np.max(np.abs(got - ref)) / max(1e-12, np.max(np.abs(ref)))
    verdict = "pass" if err < 1e-6 else "fail"
    if verdict == "fail":
        assert err > 1e-2, (line, err)
    results[line] = verdict
    print(f"line {line}: rel.err {err:.2e} -> {verdict} (expected {expect})")
    assert verdict == expect, line


class Sigmoid:
    def function(self, x):
        return 1 / (1 + np.exp(-x))

    def derivative(self, x):
        return self.function(x) * (1.0 - self.function(x))


class Tanh:
    def function(self, x):
        return np.tanh(x)

    def derivative(self, x):
        return 1.0 - np.power(self.function(x), 2)


sig, th = Sigmoid(), Tanh()
xs = np.linspace(-3, 3, 13); hh = 1e-6
sig_ref = lambda x: 0.5 * (1 + np.tanh(0.5 * x))
tanh_ref = lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
check(27, sig.function(xs), sig_ref(xs), "pass")
check(31, sig.derivative(xs), (sig_ref(xs + hh) - sig_ref(xs - hh)) / (2 * hh), "pass")
check(38, th.function(xs), tanh_ref(xs), "pass")
check(42, th.derivative(xs), (tanh_ref(xs + hh) - tanh_ref(xs - hh)) / (2 * hh), "pass")

HOOKS = {"az": (B, T, H), "ar": (B, T, H), "ac": (B, T, H), "h": (B, T, H), "hin": (B, T, H)}


def zero_hooks():
    return {k: np.zeros(s) for k, s in HOOKS.items()}


def forward(P, X, hk=None, return_all=False):
    hk = hk or zero_hooks()
    hs = np.zeros((B, T + 1, H)); cs = np.zeros((B, T + 1, H))
    Z = np.zeros((B, T, H)); Rg = np.zeros((B, T, H))
    for t in range(T):
        hp = hs[:, t - 1] + hk["hin"][:, t]
        x = X[:, t]
        z = sig_ref(x @ P["w_z"] + hp @ P["wh_z"] + P["b_z"] + hk["az"][:, t])
        r = sig_ref(x @ P["w_r"] + hp @ P["wh_r"] + P["b_r"] + hk["ar"][:, t])
        c = np.tanh(x @ P["w_h"] + (r * hp) @ P["wh_h"] + P["b_h"] + hk["ac"][:, t])
        cs[:, t] = c
        hs[:, t] = z * hp + (1 - z) * c + hk["h"][:, t]
        Z[:, t] = z; Rg[:, t] = r
    L = np.sum(G * hs[:, 0:-1])
    if return_all:
        return L, hs, cs, Z, Rg
    return L


def fd(fun, arr, h=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = arr[i]
        arr[i] = old + h; fp = fun()
        arr[i] = old - h; fm = fun()
        arr[i] = old
        g[i] = (fp - fm) / (2 * h)
    return g


hk = zero_hooks()
TRUE = {k: fd(lambda: forward(P, X, hk), hk[k]) for k in HOOKS}
Xc = X.copy()
dX_true = fd(lambda: forward(P, Xc), Xc)
Pc = {k: v.copy() for k, v in P.items()}
dP_true = {k: fd(lambda: forward(Pc, X), Pc[k]) for k in P}
L, hs_ref, cs_ref, Z_ref, R_ref = forward(P, X, return_all=True)

# ---------------- forward rows 119-123 as written ----------------
input_data = X
activation, recurrent_activation = th, sig
w_z, w_r, w_h = P["w_z"], P["w_r"], P["w_h"]
wh_z, wh_r, wh_h = P["wh_z"], P["wh_r"], P["wh_h"]
b_z, b_r, b_h = P["b_z"], P["b_r"], P["b_h"]
update_gates = np.zeros((B, T, H)); reset_gates = np.zeros((B, T, H))
cell_states = np.zeros((B, T + 1, H)); hidden_states = np.zeros((B, T + 1, H))
for t in range(T):
    update_gates[:, t, :] = recurrent_activation.function(np.dot(input_data[:, t, :], w_z) + np.dot(hidden_states[:, t-1, :], wh_z) + b_z)
    reset_gates[:, t, :]  = recurrent_activation.function(np.dot(input_data[:, t, :], w_r) + np.dot(hidden_states[:, t-1, :], wh_r) + b_r)
    cell_states[:, t, :] = activation.function(np.dot(input_data[:, t, :], w_h) + np.dot(reset_gates[:, t, :] * hidden_states[:, t - 1, :], wh_h) + b_h)
    hidden_states[:, t, :] = update_gates[:, t, :] * hidden_states[:, t - 1, :] + (1 - update_gates[:, t, :]) * cell_states[:, t, :]
check(119, update_gates, Z_ref, "pass")
check(120, reset_gates, R_ref, "pass")
check(122, cell_states[:, :T], cs_ref[:, :T], "pass")
check(123, hidden_states[:, :T], hs_ref[:, :T], "pass")

# comment lines 112-115 (x_t * W = x_t @ W, U_* = wh_*, R_t * h_t-1 elementwise then @ U_h)
hp = lambda t: hs_ref[:, t - 1]
c112 = np.stack([sig_ref(X[:, t] @ w_z + hp(t) @ wh_z + b_z) for t in range(T)], 1)
c113 = np.stack([sig_ref(X[:, t] @ w_r + hp(t) @ wh_r + b_r) for t in range(T)], 1)
c114 = np.stack([np.tanh(X[:, t] @ w_h + (R_ref[:, t] * hp(t)) @ wh_h + b_h) for t in range(T)], 1)
c115 = np.stack([Z_ref[:, t] * hp(t) + (1 - Z_ref[:, t]) * cs_ref[:, t] for t in range(T)], 1)
check(112, c112, Z_ref, "pass")
check(113, c113, R_ref, "pass")
check(114, c114, cs_ref[:, :T], "pass")
check(115, c115, hs_ref[:, :T], "pass")

# ---------------- backward rows with true inputs ----------------
error = G
hst, cst, z_, r_ = hs_ref, cs_ref, Z_ref, R_ref
nhd_true = lambda t: TRUE["hin"][:, t + 1] if t + 1 < T else np.zeros((B, H))
rows = {k: [] for k in (162, 164, 169, 175, 181, 186)}
acc = {k: 0 for k in P if not k.startswith("b_")}
acc.update({k: 0 for k in ("b_z", "b_r", "b_h")})
for t in reversed(range(T)):
    next_hidden_delta = nhd_true(t)
    hidden_delta = error[:, t, :] + next_hidden_delta                                                       # 162
    rows[162].append((hidden_delta, TRUE["h"][:, t]))
    hd = TRUE["h"][:, t]
    cgd_true, rgd_true, ugd_true = TRUE["ac"][:, t], TRUE["ar"][:, t], TRUE["az"][:, t]
    cell_gates_delta = hd * (1 - z_[:, t, :]) * th.derivative(cst[:, t, :])                                 # 164
    rows[164].append((cell_gates_delta, cgd_true))
    acc["w_h"] = acc["w_h"] + np.dot(input_data[:, t, :].T, cgd_true)                                        # 165
    acc["wh_h"] = acc["wh_h"] + np.dot(r_[:, t, :].T * hst[:, t - 1, :].T, cgd_true)                        # 166
    acc["b_h"] = acc["b_h"] + cgd_true.sum(axis=0)                                                          # 167
    reset_gates_delta = np.dot(cgd_true, wh_h.T) * hst[:, t - 1, :] * sig.derivative(r_[:, t, :])           # 169
    rows[169].append((reset_gates_delta, rgd_true))
    acc["w_r"] = acc["w_r"] + np.dot(input_data[:, t, :].T, rgd_true)                                        # 171
    acc["wh_r"] = acc["wh_r"] + np.dot(hst[:, t - 1, :].T, rgd_true)                                        # 172
    acc["b_r"] = acc["b_r"] + rgd_true.sum(axis=0)                                                          # 173
    update_gates_delta = hd * (hst[:, t - 1, :] - cst[:, t, :]) * sig.derivative(z_[:, t, :])               # 175
    rows[175].append((update_gates_delta, ugd_true))
    acc["w_z"] = acc["w_z"] + np.dot(input_data[:, t, :].T, ugd_true)                                        # 176
    acc["wh_z"] = acc["wh_z"] + np.dot(hst[:, t - 1, :].T, ugd_true)                                        # 177
    acc["b_z"] = acc["b_z"] + ugd_true.sum(axis=0)                                                          # 178
    nhd = np.dot(ugd_true, wh_z.T) + np.dot(rgd_true, wh_r.T) + np.dot(cgd_true, wh_h.T) * r_[:, t, :] + hd * z_[:, t, :]  # 181
    rows[181].append((nhd, TRUE["hin"][:, t]))
    oe = np.dot(cgd_true, w_h.T) + np.dot(ugd_true, w_z.T) + np.dot(rgd_true, w_r.T)                        # 186
    rows[186].append((oe, dX_true[:, t]))

expect = {162: "pass", 164: "fail", 169: "fail", 175: "fail", 181: "pass", 186: "pass"}
for line, pairs in rows.items():
    check(line, np.stack([p[0] for p in pairs]), np.stack([p[1] for p in pairs]), expect[line])
for line, key in ((165, "w_h"), (166, "wh_h"), (167, "b_h"), (171, "w_r"), (172, "wh_r"), (173, "b_r"),
                  (176, "w_z"), (177, "wh_z"), (178, "b_z")):
    check(line, acc[key], dP_true[key], "pass")

# sanity: the fixed rows (derivative of the pre-activation) are right
ac_pre = np.arctanh(cs_ref[:, :T]); az_pre = np.log(Z_ref / (1 - Z_ref))
assert np.allclose(TRUE["h"] * (1 - Z_ref) * th.derivative(ac_pre), TRUE["ac"], atol=1e-7)
assert np.allclose(TRUE["h"] * (hs_ref[:, [-1] + list(range(T - 1))] - cs_ref[:, :T]) * sig.derivative(az_pre), TRUE["az"], atol=1e-7)

print("all verdicts as expected; rows checked:", len(results))
