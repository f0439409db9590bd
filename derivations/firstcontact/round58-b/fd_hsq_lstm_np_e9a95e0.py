"""Finite-difference check of hsq_lstm_np_e9a95e0.md (hsqStephenZhang/rnn_lstm_numpy @ e9a95e0, code/lstm_np.py).

Model (column vectors): z = [h_{t-1}; x_t], f,i,o = sigmoid(W_* z + b_*), c_bar = tanh(W_c z + b_c),
c_t = f*c_{t-1} + i*c_bar, h_t = o*tanh(c_t), v_t = W_v h_t + b_v, y_t = softmax(v_t),
loss = -sum_t log y_t[target_t]; h_{-1}, c_{-1} = h_prev, c_prev given (non-zero here).
Convention used for the verdicts: dsigmoid(y) / dtanh(y) are meant as the derivative written through the
activation OUTPUT y (sigma' = y(1-y), tanh' = 1-y^2). The helper on line 78 is wrong (sign); rows that call
dsigmoid on the right argument are judged as formulas with the intended helper (they are evaluated here
with the correct y(1-y)). A row that feeds dtanh the wrong argument is wrong itself.
"""
import warnings
import numpy as np
warnings.simplefilter("ignore", DeprecationWarning)

rng = np.random.RandomState(5802)
V, H, T = 5, 4, 4
Z = H + V
inputs = rng.randint(0, V, size=T); targets = rng.randint(0, V, size=T)
P = {"Wf": rng.randn(H, Z) * 0.6, "Wi": rng.randn(H, Z) * 0.6, "Wc": rng.randn(H, Z) * 0.6,
     "Wo": rng.randn(H, Z) * 0.6, "Wv": rng.randn(V, H) * 0.6,
     "bf": rng.randn(H, 1) * 0.3, "bi": rng.randn(H, 1) * 0.3, "bc": rng.randn(H, 1) * 0.3,
     "bo": rng.randn(H, 1) * 0.3, "bv": rng.randn(V, 1) * 0.3}
h0 = rng.randn(H, 1) * 0.5; c0 = rng.randn(H, 1) * 0.5
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


# helpers as written (lines 73-86)
def sigmoid(x):
    return 1.0 / (1 + np.exp(-x))


def dsigmoid(y):
    return y * (y - 1)


def tanh(x):
    return np.tanh(x)


def dtanh(y):
    return 1 - y * y


dsig_ok = lambda y: y * (1 - y)  # the intended helper

xs = np.linspace(-3, 3, 13); e = 1e-6
sref = lambda x: 0.5 * (1 + np.tanh(x / 2)); tref = lambda x: np.sinh(x) / np.cosh(x)
check(74, sigmoid(xs), sref(xs), "pass")
check(78, dsigmoid(sigmoid(xs)), (sref(xs + e) - sref(xs - e)) / (2 * e), "fail")
check(82, tanh(xs), tref(xs), "pass")
check(86, dtanh(tanh(xs)), (tref(xs + e) - tref(xs - e)) / (2 * e), "pass")

HK = {k: (H, 1) for k in ["af", "ai", "ac", "ao", "f", "i", "cb", "o", "c", "h"]}
HK.update({"v": (V, 1), "z": (Z, 1)})


def model(P, hk=None, full=False):
    hk = hk or {k: np.zeros((T,) + s) for k, s in HK.items()}
    hp, cp = h0, c0; L = 0.0; S = {k: [] for k in HK}
    S.update({"x": [], "y": []})
    for t in range(T):
        x = np.zeros((V, 1)); x[inputs[t]] = 1
        z = np.vstack((hp, x)) + hk["z"][t]
        af = P["Wf"] @ z + P["bf"] + hk["af"][t]; ai = P["Wi"] @ z + P["bi"] + hk["ai"][t]
        ac = P["Wc"] @ z + P["bc"] + hk["ac"][t]; ao = P["Wo"] @ z + P["bo"] + hk["ao"][t]
        f = sref(af) + hk["f"][t]; i = sref(ai) + hk["i"][t]; cb = np.tanh(ac) + hk["cb"][t]; o = sref(ao) + hk["o"][t]
        c = f * cp + i * cb + hk["c"][t]
        h = o * np.tanh(c) + hk["h"][t]
        v = P["Wv"] @ h + P["bv"] + hk["v"][t]
        L += -(v[targets[t], 0] - np.log(np.sum(np.exp(v))))
        for k, val in dict(af=af, ai=ai, ac=ac, ao=ao, f=f, i=i, cb=cb, o=o, c=c, h=h, v=v, z=z, x=x,
                           y=np.exp(v) / np.sum(np.exp(v))).items():
            S[k].append(val)
        hp, cp = h, c
    return (L, S) if full else L


def fd(fun, arr, step=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        k = it.multi_index; old = arr[k]
        arr[k] = old + step; fp = fun()
        arr[k] = old - step; fm = fun()
        arr[k] = old
        g[k] = (fp - fm) / (2 * step)
    return g


hk = {k: np.zeros((T,) + s) for k, s in HK.items()}
TR = {k: fd(lambda: model(P, hk), hk[k]) for k in HK}
Pc = {k: v.copy() for k, v in P.items()}
dP = {k: fd(lambda: model(Pc), Pc[k]) for k in P}
L0, S = model(P, full=True)

# ---- forward rows (94-103) as written vs. the reference values ----
for t in range(T):
    h_prev = h0 if t == 0 else S["h"][t - 1]; c_prev = c0 if t == 0 else S["c"][t - 1]; x = S["x"][t]
    z = np.row_stack((h_prev, x)) if hasattr(np, "row_stack") else np.vstack((h_prev, x))
    f = sigmoid(np.dot(P["Wf"], z) + P["bf"])
    i = sigmoid(np.dot(P["Wi"], z) + P["bi"])
    c_bar = tanh(np.dot(P["Wc"], z) + P["bc"])
    o = sigmoid(np.dot(P["Wo"], z) + P["bo"])
    c = f * c_prev + i * c_bar
    h = o * tanh(c)
    v = np.dot(P["Wv"], h) + P["bv"]
    y = np.exp(v) / np.sum(np.exp(v))
    for line, a, b in [(94, z, S["z"][t]), (95, f, S["f"][t]), (96, i, S["i"][t]), (97, c_bar, S["cb"][t]),
                       (98, o, S["o"][t]), (100, c, S["c"][t]), (101, h, S["h"][t]), (102, v, S["v"][t]),
                       (103, y, S["y"][t])]:
        check(f"{line}@t{t}", a, b, "pass")
# loss row 206
loss = 0
for t in range(T):
    loss -= np.log(S["y"][t][targets[t], 0])
check(206, loss, L0, "pass")

# ---- backward rows (130-166), fed with true values ----
Tz = TR["z"]; zeros = np.zeros((H, 1))
dh_next_true = [Tz[t + 1][:H] if t + 1 < T else zeros for t in range(T)]      # dL/dh_t via step t+1
# dL/dc_t via c_{t+1} = total minus the direct part through h_t (independent of the f*dc formula)
dc_next_true = [TR["c"][t] - TR["h"][t] * S["o"][t] * (1 - np.tanh(S["c"][t]) ** 2) for t in range(T)]
c0c = c0.copy()


def model_c0():
    global c0
    old = c0; c0 = c0c
    try:
        return model(P)
    finally:
        c0 = old


dc0_true = fd(model_c0, c0c)
acc = {k: np.zeros_like(P[k]) for k in P}
bo_assigned = None
R = {k: [] for k in ["130", "131", "136", "137", "138", "139", "143", "144", "145", "146", "150", "151",
                     "155", "156", "160", "165", "166"]}
for t in reversed(range(T)):
    y, h, c, o, i, f, c_bar, z = (S[k][t] for k in ["y", "h", "c", "o", "i", "f", "cb", "z"])
    c_prev = c0 if t == 0 else S["c"][t - 1]
    dv = np.copy(y); R["130"].append(dv.copy())
    dv[targets[t]] -= 1; R["131"].append(dv.copy())
    dv = TR["v"][t]
    acc["Wv"] += np.dot(dv, h.T); acc["bv"] += dv
    dh = np.dot(P["Wv"].T, dv); R["136"].append(dh.copy())
    dh = np.dot(P["Wv"].T, dv) + dh_next_true[t]; R["137"].append(dh.copy())
    dh = TR["h"][t]
    do = dh * tanh(c); R["138"].append(do)
    do_raw = TR["o"][t] * dsig_ok(o); R["139"].append(do_raw)
    do_raw = TR["ao"][t]
    acc["Wo"] += np.dot(do_raw, z.T); acc["bo"] += do_raw
    bo_assigned = do_raw  # line 141 as written: p.bo.d = do_raw (last executed at t = 0)
    dc = np.copy(dc_next_true[t]); R["143"].append(dc)
    dc = dc + dh * TR["o"][t] * dtanh(c); R["144"].append(dc)   # line 144 as written (do for o, dtanh(c))
    dc = TR["c"][t]
    dc_bar = dc * i; R["145"].append(dc_bar)
    dc_bar_raw = TR["cb"][t] * dtanh(c_bar); R["146"].append(dc_bar_raw)
    dc_bar_raw = TR["ac"][t]
    acc["Wc"] += np.dot(dc_bar_raw, z.T); acc["bc"] += dc_bar_raw
    di = dc * c_bar; R["150"].append(di)
    di = dsig_ok(i) * TR["i"][t]; R["151"].append(di)
    di = TR["ai"][t]
    acc["Wi"] += np.dot(di, z.T); acc["bi"] += di
    df = dc * c_prev; R["155"].append(df)
    df = dsig_ok(f) * TR["f"][t]; R["156"].append(df)
    df = TR["af"][t]
    acc["Wf"] += np.dot(df, z.T); acc["bf"] += df
    dz = (np.dot(P["Wf"].T, df) + np.dot(P["Wi"].T, di) + np.dot(P["Wc"].T, TR["cb"][t])
          + np.dot(P["Wo"].T, TR["o"][t])); R["160"].append(dz)
    dz = Tz[t]
    R["165"].append(dz[:H, :])
    R["166"].append(f * dc)

rev = lambda lst: np.array(lst[::-1])
onehot = np.zeros((T, V, 1)); onehot[np.arange(T), targets, 0] = 1
check(130, rev(R["130"]), np.array(TR["v"]) + onehot, "pass")       # dv starts as y = dL/dv + onehot
check(131, rev(R["131"]), TR["v"], "pass")
check(133, acc["Wv"], dP["Wv"], "pass"); check(134, acc["bv"], dP["bv"], "pass")
check(136, rev(R["136"]), np.array([TR["h"][t] - dh_next_true[t] for t in range(T)]), "pass")
check(137, rev(R["137"]), TR["h"], "pass")
check(138, rev(R["138"]), TR["o"], "pass")
check(139, rev(R["139"]), TR["ao"], "pass")
check(140, acc["Wo"], dP["Wo"], "pass")
check(141, bo_assigned, dP["bo"], "fail")
check(143, rev(R["143"]), np.array([TR["c"][t] - TR["h"][t] * S["o"][t] * (1 - np.tanh(S["c"][t]) ** 2)
                                    for t in range(T)]), "pass")
check(144, rev(R["144"]), TR["c"], "fail")
check(145, rev(R["145"]), TR["cb"], "pass"); check(146, rev(R["146"]), TR["ac"], "pass")
check(147, acc["Wc"], dP["Wc"], "pass"); check(148, acc["bc"], dP["bc"], "pass")
check(150, rev(R["150"]), TR["i"], "pass"); check(151, rev(R["151"]), TR["ai"], "pass")
check(152, acc["Wi"], dP["Wi"], "pass"); check(153, acc["bi"], dP["bi"], "pass")
check(155, rev(R["155"]), TR["f"], "pass"); check(156, rev(R["156"]), TR["af"], "pass")
check(157, acc["Wf"], dP["Wf"], "pass"); check(158, acc["bf"], dP["bf"], "pass")
check(160, rev(R["160"]), Tz, "fail")
check(165, rev(R["165"]), np.array([Tz[t][:H] for t in range(T)]), "pass")
check(166, rev(R["166"]), np.array([dc_next_true[t - 1] if t > 0 else dc0_true for t in range(T)]), "pass")

# initial values, lines 209-210: nothing flows into h_{T-1}, c_{T-1} from beyond the last step
check(209, np.zeros_like(h0), dh_next_true[T - 1], "pass")
assert np.max(np.abs(dc_next_true[T - 1])) < 1e-7 * np.max(np.abs(TR["c"]))
check(210, np.zeros_like(c0), np.zeros_like(c0), "pass")

# line 213: backward() receives c_prev (the initial cell state) at every t. Run a backward in which every
# other row is corrected, fed with the arguments exactly as line 213 passes them, and compare dWf.
dWf = np.zeros_like(P["Wf"]); dh_n = zeros.copy(); dc_n = zeros.copy()
for t in reversed(range(T)):
    c_prev_arg = c0   # what line 213 passes
    y, h, c, o, i, f, c_bar, z = (S[k][t] for k in ["y", "h", "c", "o", "i", "f", "cb", "z"])
    dv = y.copy(); dv[targets[t]] -= 1
    dh = P["Wv"].T @ dv + dh_n
    do_raw = dh * np.tanh(c) * dsig_ok(o)
    dc = dc_n + dh * o * (1 - np.tanh(c) ** 2)
    dcb_raw = dc * i * (1 - c_bar ** 2)
    di = dc * c_bar * dsig_ok(i)
    df = dc * c_prev_arg * dsig_ok(f)
    dWf += df @ z.T
    dz = P["Wf"].T @ df + P["Wi"].T @ di + P["Wc"].T @ dcb_raw + P["Wo"].T @ do_raw
    dh_n, dc_n = dz[:H], f * dc
check(213, dWf, dP["Wf"], "fail")
print("all verdicts as expected:", sum(v == "pass" for v in results.values()), "pass,",
      sum(v == "fail" for v in results.values()), "fail")
