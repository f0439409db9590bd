"""Finite-difference check of nnmodel_lstm.md (AkiRusProd/numpy-nn-model @ 457d6f7, lstm.py).

Layout: batch-major row vectors, x_t (B, D) @ w_* (D, H), h_{t-1} (B, H) @ wh_* (H, H).
error[:, t, :] = dL/d(output h_t) from the layer above (return_sequences=True);
here L = sum(G * hidden_states[:, 0:-1, :]) so error = G.
Each backward row is evaluated with TRUE values (from finite differences) of the quantities it uses
and compared with the true value of what it claims to compute.
"""
import numpy as np

rng = np.random.RandomState(57)
B, T, D, H = 2, 4, 3, 5
X = rng.randn(B, T, D)
G = rng.randn(B, T, H)
P = {k: rng.randn(D, H) * 0.6 for k in ("w_f", "w_i", "w_o", "w_c")}
P.update({k: rng.randn(H, H) * 0.6 for k in ("wh_f", "wh_i", "wh_o", "wh_c")})
P.update({k: rng.randn(H) * 0.3 for k in ("b_f", "b_i", "b_o", "b_c")})

results = {}


def check(line, got, ref, expect):
    got = np.asarray(got, float); ref = np.asarray(ref, float)
    err = np.max(np.abs(got - ref)) / max(1e-12, np.max(np.abs(ref)))
    verdict = "pass" if err < 1e-6 else "fail"
    if verdict == "fail":
        assert err > 1e-2, (line, err)       # clearly wrong, not FD noise
    results[line] = verdict
    print(f"line {line}: rel.err {err:.2e} -> {verdict} (expected {expect})")
    assert verdict == expect, line


# ---------------- author's activation classes (lines 27, 31, 38, 42) ----------------
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


# ---------------- reference LSTM (standard model) with hooks ----------------
HOOKS = {"af": (B, T, H), "ai": (B, T, H), "ao": (B, T, H), "ag": (B, T, H),
         "h": (B, T, H), "c": (B, T, H), "hin": (B, T, H), "cin": (B, T, H),
         "xf": (B, T, D), "xi": (B, T, D), "xo": (B, T, D), "xg": (B, T, D)}


def zero_hooks():
    return {k: np.zeros(s) for k, s in HOOKS.items()}


def forward(P, X, hk=None, return_all=False):
    hk = hk or zero_hooks()
    hs = np.zeros((B, T + 1, H)); cs = np.zeros((B, T + 1, H))   # index -1 = initial zeros
    gates = {k: np.zeros((B, T, H)) for k in ("f", "i", "o", "g")}
    for t in range(T):
        hp = hs[:, t - 1] + hk["hin"][:, t]
        cp = cs[:, t - 1] + hk["cin"][:, t]
        x = X[:, t]
        af = (x + hk["xf"][:, t]) @ P["w_f"] + hp @ P["wh_f"] + P["b_f"] + hk["af"][:, t]
        ai = (x + hk["xi"][:, t]) @ P["w_i"] + hp @ P["wh_i"] + P["b_i"] + hk["ai"][:, t]
        ao = (x + hk["xo"][:, t]) @ P["w_o"] + hp @ P["wh_o"] + P["b_o"] + hk["ao"][:, t]
        ag = (x + hk["xg"][:, t]) @ P["w_c"] + hp @ P["wh_c"] + P["b_c"] + hk["ag"][:, t]
        f, i, o, g = sig_ref(af), sig_ref(ai), sig_ref(ao), np.tanh(ag)
        cs[:, t] = f * cp + i * g + hk["c"][:, t]
        hs[:, t] = o * np.tanh(cs[:, t]) + hk["h"][:, t]
        for k, v in zip("fiog", (f, i, o, g)):
            gates[k][:, t] = v
    L = np.sum(G * hs[:, 0:-1])
    if return_all:
        return L, hs, cs, gates
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

L, hs_ref, cs_ref, gates_ref = forward(P, X, return_all=True)

# ---------------- author's forward rows (lines 130-136) ----------------
input_data = X
forget_gates = np.zeros((B, T, H)); input_gates = np.zeros((B, T, H))
output_gates = np.zeros((B, T, H)); cell_gates = np.zeros((B, T, H))
cell_states = np.zeros((B, T + 1, H)); hidden_states = np.zeros((B, T + 1, H))
activation, recurrent_activation = th, sig
w_f, w_i, w_o, w_c = P["w_f"], P["w_i"], P["w_o"], P["w_c"]
wh_f, wh_i, wh_o, wh_c = P["wh_f"], P["wh_i"], P["wh_o"], P["wh_c"]
b_f, b_i, b_o, b_c = P["b_f"], P["b_i"], P["b_o"], P["b_c"]
for t in range(T):
    forget_gates[:, t, :] = recurrent_activation.function(np.dot(input_data[:, t, :], w_f) + np.dot(hidden_states[:, t-1, :], wh_f) + b_f)
    input_gates[:, t, :]  = recurrent_activation.function(np.dot(input_data[:, t, :], w_i) + np.dot(hidden_states[:, t-1, :], wh_i) + b_i)
    output_gates[:, t, :] = recurrent_activation.function(np.dot(input_data[:, t, :], w_o) + np.dot(hidden_states[:, t-1, :], wh_o) + b_o)
    cell_gates[:, t, :]   =           activation.function(np.dot(input_data[:, t, :], w_c) + np.dot(hidden_states[:, t-1, :], wh_c) + b_c)
    cell_states[:, t, :] = forget_gates[:, t, :] * cell_states[:, t-1, :] + input_gates[:, t, :] * cell_gates[:, t, :]
    hidden_states[:, t, :] = output_gates[:, t, :] * activation.function(cell_states[:, t, :])
check(130, forget_gates, gates_ref["f"], "pass")
check(131, input_gates, gates_ref["i"], "pass")
check(132, output_gates, gates_ref["o"], "pass")
check(133, cell_gates, gates_ref["g"], "pass")
check(135, cell_states[:, :T], cs_ref[:, :T], "pass")
check(136, hidden_states[:, :T], hs_ref[:, :T], "pass")

# comment lines 122-127 (same formulas, recurrent_activation = sigmoid, activation = tanh)
hprev = lambda t: hs_ref[:, t - 1]
cprev = lambda t: cs_ref[:, t - 1]
c122 = np.stack([sig_ref(X[:, t] @ w_f + hprev(t) @ wh_f + b_f) for t in range(T)], 1)
c123 = np.stack([sig_ref(X[:, t] @ w_i + hprev(t) @ wh_i + b_i) for t in range(T)], 1)
c124 = np.stack([sig_ref(X[:, t] @ w_o + hprev(t) @ wh_o + b_o) for t in range(T)], 1)
c125 = np.stack([np.tanh(X[:, t] @ w_c + hprev(t) @ wh_c + b_c) for t in range(T)], 1)
c126 = np.stack([gates_ref["f"][:, t] * cprev(t) + gates_ref["i"][:, t] * gates_ref["g"][:, t] for t in range(T)], 1)
c127 = np.stack([gates_ref["o"][:, t] * sig_ref(cs_ref[:, t]) for t in range(T)], 1)  # recurrent_activation(cs_t)
check(122, c122, gates_ref["f"], "pass")
check(123, c123, gates_ref["i"], "pass")
check(124, c124, gates_ref["o"], "pass")
check(125, c125, gates_ref["g"], "pass")
check(126, c126, cs_ref[:, :T], "pass")
check(127, c127, hs_ref[:, :T], "fail")

# ---------------- backward rows, each evaluated with true inputs ----------------
error = G
f_, i_, o_, g_ = gates_ref["f"], gates_ref["i"], gates_ref["o"], gates_ref["g"]
cst = cs_ref   # cst[:, t-1] with t=0 -> index -1 = zeros (initial cell)
hst = hs_ref
nhd_true = lambda t: TRUE["hin"][:, t + 1] if t + 1 < T else np.zeros((B, H))  # next_hidden_delta entering step t
ncd_true = lambda t: TRUE["cin"][:, t + 1] if t + 1 < T else np.zeros((B, H))
R = {k: [] for k in (169, 170, 172, 189, 196, 203, 210, 211, 219, 176, 178, 186, 188, 193, 195, 200, 202, 207, 209, 214)}
acc = {k: 0 for k in ("w_o", "wh_o", "b_o", "w_f", "wh_f", "b_f", "w_i", "wh_i", "b_i", "w_c", "wh_c", "b_c")}
for t in reversed(range(T)):
    hd = TRUE["h"][:, t]; cd = TRUE["c"][:, t]
    ogd, fgd, igd, cgd = TRUE["ao"][:, t], TRUE["af"][:, t], TRUE["ai"][:, t], TRUE["ag"][:, t]
    next_hidden_delta, next_cell_delta = nhd_true(t), ncd_true(t)
    # line 176 (commented out)
    R[176].append((th.derivative(cst[:, t, :]) * o_[:, t, :] * error[:, t, :] + next_hidden_delta, hd))
    # line 178 (commented out)
    R[178].append((error[:, t, :] * th.function(cst[:, t, :]) * sig.derivative(o_[:, t, :]), ogd))
    hidden_delta = error[:, t, :] + next_hidden_delta                                                    # 179
    R[169].append((hidden_delta, hd))
    cell_delta = hd * o_[:, t, :] * th.derivative(cst[:, t, :]) + next_cell_delta                       # 180
    R[170].append((cell_delta, cd))
    output_gates_delta = hd * th.function(cst[:, t, :]) * sig.derivative(o_[:, t, :])                   # 182
    R[172].append((output_gates_delta, ogd))
    acc["w_o"] = acc["w_o"] + np.dot(input_data[:, t, :].T, ogd)                                          # 183
    acc["wh_o"] = acc["wh_o"] + np.dot(hst[:, t - 1, :].T, ogd)                                         # 184
    acc["b_o"] = acc["b_o"] + ogd.sum(axis=0)                                                           # 185
    R[186].append((np.dot(np.dot(ogd, wh_o.T), w_o.T), TRUE["xo"][:, t]))                              # 186 (commented)
    R[188].append(((hd * cst[:, t - 1, :]) * sig.derivative(f_[:, t, :]), fgd))                         # 188 (commented)
    forget_gates_delta = (cd * cst[:, t - 1, :]) * sig.derivative(f_[:, t, :])                          # 189
    R[189].append((forget_gates_delta, fgd))
    acc["w_f"] = acc["w_f"] + np.dot(input_data[:, t, :].T, fgd)                                          # 190
    acc["wh_f"] = acc["wh_f"] + np.dot(hst[:, t - 1, :].T, fgd)                                         # 191
    acc["b_f"] = acc["b_f"] + fgd.sum(axis=0)                                                           # 192
    R[193].append((np.dot(np.dot(fgd, wh_f.T), w_f.T), TRUE["xf"][:, t]))                              # 193 (commented)
    R[195].append(((hd * g_[:, t, :]) * sig.derivative(i_[:, t, :]), igd))                              # 195 (commented)
    input_gates_delta = (cd * g_[:, t, :]) * sig.derivative(i_[:, t, :])                                # 196
    R[196].append((input_gates_delta, igd))
    acc["w_i"] = acc["w_i"] + np.dot(input_data[:, t, :].T, igd)                                          # 197
    acc["wh_i"] = acc["wh_i"] + np.dot(hst[:, t - 1, :].T, igd)                                         # 198
    acc["b_i"] = acc["b_i"] + igd.sum(axis=0)                                                           # 199
    R[200].append((np.dot(np.dot(igd, wh_i.T), w_i.T), TRUE["xi"][:, t]))                              # 200 (commented)
    R[202].append(((hd * i_[:, t, :]) * th.derivative(g_[:, t, :]), cgd))                               # 202 (commented)
    cell_gates_delta = (cd * i_[:, t, :]) * th.derivative(g_[:, t, :])                                  # 203
    R[203].append((cell_gates_delta, cgd))
    acc["w_c"] = acc["w_c"] + np.dot(input_data[:, t, :].T, cgd)                                          # 204
    acc["wh_c"] = acc["wh_c"] + np.dot(hst[:, t - 1, :].T, cgd)                                         # 205
    acc["b_c"] = acc["b_c"] + cgd.sum(axis=0)                                                           # 206
    R[207].append((np.dot(np.dot(cgd, wh_c.T), w_c.T), TRUE["xg"][:, t]))                              # 207 (commented)
    R[209].append((hd, TRUE["hin"][:, t]))                                                              # 209 (commented)
    nhd = np.dot(cgd, wh_c.T) + np.dot(igd, wh_i.T) + np.dot(fgd, wh_f.T) + np.dot(ogd, wh_o.T)         # 210
    R[210].append((nhd, TRUE["hin"][:, t]))
    ncd = cd * f_[:, t, :]                                                                              # 211
    R[211].append((ncd, TRUE["cin"][:, t]))
    # 214 (commented): sum of the TRUE per-gate input contributions
    R[214].append((TRUE["xo"][:, t] + TRUE["xf"][:, t] + TRUE["xi"][:, t] + TRUE["xg"][:, t], dX_true[:, t]))
    oe = np.dot(cgd, w_c.T) + np.dot(igd, w_i.T) + np.dot(fgd, w_f.T) + np.dot(ogd, w_o.T)              # 219
    R[219].append((oe, dX_true[:, t]))

line_of = {169: 179, 170: 180, 172: 182}
expect = {176: "fail", 178: "fail", 179: "pass", 180: "pass", 182: "fail", 186: "fail", 188: "fail",
          189: "fail", 193: "fail", 195: "fail", 196: "fail", 200: "fail", 202: "fail", 203: "fail",
          207: "fail", 209: "fail", 210: "pass", 211: "pass", 214: "pass", 219: "pass"}
for k, pairs in R.items():
    line = line_of.get(k, k)
    got = np.stack([p[0] for p in pairs]); ref = np.stack([p[1] for p in pairs])
    check(line, got, ref, expect[line])

for line, key in ((183, "w_o"), (184, "wh_o"), (185, "b_o"), (190, "w_f"), (191, "wh_f"), (192, "b_f"),
                  (197, "w_i"), (198, "wh_i"), (199, "b_i"), (204, "w_c"), (205, "wh_c"), (206, "b_c")):
    check(line, acc[key], dP_true[key], "pass")

# sanity: the FIXED version (derivative of the pre-activation) of row 182 is right
ao_pre = np.log(o_ / (1 - o_))
assert np.allclose(TRUE["h"] * np.tanh(cs_ref[:, :T]) * sig.derivative(ao_pre), TRUE["ao"], atol=1e-7)

print("all verdicts as expected; rows checked:", len(results))
