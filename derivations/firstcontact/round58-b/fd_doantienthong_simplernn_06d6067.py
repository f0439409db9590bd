"""Finite-difference check of doantienthong_simplernn_06d6067.md (doantienthongbku/SimpleRNN-numpy @ 06d6067).

Model the author describes (column vectors, 4 steps, h_{-1} = 0):
  z_0 = W_xh x_0 + b_h, z_i = W_hh h_{i-1} + W_xh x_i + b_h, h_i = tanh(z_i), p_i = W_hy h_i + b_y,
  y_hat_i = softmax(p_i), cost = -sum_i sum_k [y log y_hat + (1-y) log(1-y_hat)]  (line 89).
Convention: helper functions are judged on their own lines (tanh on line 12 is wrong); rows that call a
helper on the right argument are judged as formulas with the intended helper (evaluated here with the
correct tanh). Rows that raise a shape error or return a wrong shape are 'fail'.
"""
import numpy as np

rng = np.random.RandomState(58003)
nx, nh, ny, T = 4, 3, 4, 4
ids_x = [0, 1, 2, 2]; ids_y = [1, 2, 2, 3]          # 'hell' -> 'ello' as in run.py
x = {i: np.eye(nx)[:, [ids_x[i]]] for i in range(T)}
y = {i: np.eye(ny)[:, [ids_y[i]]] for i in range(T)}
P = {"W_xh": rng.randn(nh, nx) * 0.8, "W_hh": rng.randn(nh, nh) * 0.8, "W_hy": rng.randn(ny, nh) * 0.8,
     "b_h": rng.randn(nh, 1) * 0.3, "b_y": rng.randn(ny, 1) * 0.3}
results = {}


def check(line, got, ref, expect):
    if isinstance(got, Exception) or np.shape(got) != np.shape(ref):
        verdict = "fail"
        print(f"line {line}: {'error ' + repr(got) if isinstance(got, Exception) else 'shape ' + str(np.shape(got))}"
              f" vs {np.shape(ref)} -> fail (expected {expect})")
    else:
        got = np.asarray(got, float); ref = np.asarray(ref, float)
        err = np.max(np.abs(got - ref)) / max(1e-12, np.max(np.abs(ref)))
        verdict = "pass" if err < 1e-6 else "fail"
        if verdict == "fail":
            assert err > 1e-2, (line, err)
        print(f"line {line}: rel.err {err:.2e} -> {verdict} (expected {expect})")
    results[line] = verdict
    assert verdict == expect, line


def attempt(fn):
    try:
        return fn()
    except Exception as ex:  # a row that cannot be evaluated as written
        return ex


# ---- utils.py as written ----
def tanh(z):
    return (np.exp(z) - np.exp(-z)) / (np.exp(z) - np.exp(-z))


def dtanh(z):
    return 1 - tanh(z) ** 2


def softmax(z):
    e_z = np.exp(z - np.max(z, axis=0, keepdims=True))
    A = e_z / e_z.sum(axis=0)
    return A


def dsoftmax(z):
    Sz = softmax(z)
    D = -np.outer(Sz, Sz) + np.diag(Sz.flatten())
    return D


tanh_ok = np.tanh
dtanh_ok = lambda z: 1 - tanh_ok(z) ** 2   # line 16 with the intended tanh

zs = np.linspace(-2.5, 2.5, 11) + 0.01; e = 1e-6
tref = lambda u: np.sinh(u) / np.cosh(u)
with np.errstate(all="ignore"):
    check(12, tanh(zs), tref(zs), "fail")
check(16, dtanh_ok(zs), (tref(zs + e) - tref(zs - e)) / (2 * e), "pass")
pz = rng.randn(ny, 1)
e_z = np.exp(pz - np.max(pz, axis=0, keepdims=True))
check(20, e_z, np.exp(pz) / np.exp(np.max(pz)), "pass")   # shifted exponentials
A = e_z / e_z.sum(axis=0)
sm = lambda u: np.exp(u) / np.sum(np.exp(u))
check(21, A, sm(pz), "pass")
Sz = softmax(pz)
check(27, Sz, sm(pz), "pass")
Jfd = np.zeros((ny, ny))
for k in range(ny):
    dd = np.zeros((ny, 1)); dd[k] = e
    Jfd[:, k] = ((sm(pz + dd) - sm(pz - dd)) / (2 * e)).ravel()
check(28, -np.outer(Sz, Sz) + np.diag(Sz.flatten()), Jfd, "pass")

HK = {"z": (nh, 1), "h": (nh, 1), "p": (ny, 1), "yh": (ny, 1)}


def model(P, hk=None, full=False):
    hk = hk or {k: np.zeros((T,) + s) for k, s in HK.items()}
    S = {k: {} for k in HK}; L = 0.0; hprev = np.zeros((nh, 1))
    for i in range(T):
        z = P["W_hh"] @ hprev + P["W_xh"] @ x[i] + P["b_h"] + hk["z"][i]
        h = np.tanh(z) + hk["h"][i]
        p = P["W_hy"] @ h + P["b_y"] + hk["p"][i]
        yh = sm(p) + hk["yh"][i]
        L += -np.sum(y[i] * np.log(yh) + (1 - y[i]) * np.log(1 - yh))
        for k, v in dict(z=z, h=h, p=p, yh=yh).items():
            S[k][i] = v
        hprev = h
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

# ---- forward rows 71-79 as written (intended tanh) ----
W_xh, W_hh, W_hy, b_h, b_y = (P[k] for k in ["W_xh", "W_hh", "W_hy", "b_h", "b_y"])
zf, hf, pf, yf = {}, {}, {}, {}
zf[0] = W_xh @ x[0] + b_h
hf[0] = tanh_ok(zf[0])
pf[0] = W_hy @ hf[0] + b_y
yf[0] = softmax(pf[0])
check(71, zf[0], S["z"][0], "pass"); check(72, hf[0], S["h"][0], "pass")
check(73, pf[0], S["p"][0], "pass"); check(74, yf[0], S["yh"][0], "pass")
for i in range(1, 4):
    zf[i] = W_hh @ hf[i - 1] + W_xh @ x[i] + b_h
    hf[i] = tanh_ok(zf[i])
    pf[i] = W_hy @ hf[i] + b_y
    yf[i] = softmax(pf[i])
stack = lambda d: np.array([d[i] for i in range(1, 4)])
check(76, stack(zf), stack(S["z"]), "pass"); check(77, stack(hf), stack(S["h"]), "pass")
check(78, stack(pf), stack(S["p"]), "pass"); check(79, stack(yf), stack(S["yh"]), "pass")
# line 89: the cost, written with the forward values
cross_entropy_cost = 0
for i in range(4):
    cross_entropy_cost += - np.sum(y[i] * np.log(yf[i]) + (1 - y[i]) * np.log(1 - yf[i]))
check(89, cross_entropy_cost, L0, "pass")

# ---- backward rows, each fed with the true values of what it uses ----
y_hat, p, h, z = S["yh"], S["p"], S["h"], S["z"]
dy_hat_w, dp_w, dh_w, dz_w = {}, {}, {}, {}
acc = {k: np.zeros_like(P[k]) for k in ["W_hy", "b_y", "W_hh", "W_xh", "b_h"]}
bad = {}
for i in reversed(range(1, 4)):
    dy_hat_w[i] = - (np.divide(y[i], y_hat[i]) - np.divide(1 - y[i], 1 - y_hat[i]))
    dp_w[i] = attempt(lambda: TR["yh"][i] * dsoftmax(p[i]))
    acc["W_hy"] += TR["p"][i] @ (h[i].T)
    acc["b_y"] += np.sum(TR["p"][i], axis=1, keepdims=True)
    dh_w[i] = attempt(lambda: np.dot(W_hy[i].T, TR["p"][i]))
    dz_w[i] = TR["h"][i] * dtanh_ok(z[i])
    bad.setdefault(119, []).append(attempt(lambda: np.dot(TR["z"][i], h[i - 1])))
    bad.setdefault(120, []).append(attempt(lambda: np.dot(TR["z"][i], x[i])))   # self.x[i] read as x[i]
    acc["W_hh"] += np.dot(TR["z"][i], h[i - 1].T)   # the intended dW_hh row, to confirm the reference
    acc["W_xh"] += np.dot(TR["z"][i], x[i].T)
    acc["b_h"] += np.sum(TR["z"][i], axis=1, keepdims=True)
# step 0 rows 124-133
dy_hat_w[0] = - (np.divide(y[0], y_hat[0]) - np.divide(1 - y[0], 1 - y_hat[0]))
dp_w[0] = attempt(lambda: TR["yh"][0] * dsoftmax(p[0]))
acc["W_hy"] += TR["p"][0] @ (h[0].T)
acc["b_y"] += np.sum(TR["p"][0], axis=1, keepdims=True)
dh_w[0] = attempt(lambda: np.dot(W_hy[0].T, TR["p"][0]))
dz_w[0] = TR["h"][0] * dtanh_ok(z[0])
bad[132] = [attempt(lambda: np.dot(TR["z"][0], x[0]))]
acc["W_xh"] += np.dot(TR["z"][0], x[0].T)
acc["b_h"] += np.sum(TR["z"][0], axis=1, keepdims=True)

st = lambda d, idx: np.array([d[i] for i in idx])
R1 = [1, 2, 3]
check(111, st(dy_hat_w, R1), st(TR["yh"], R1), "pass")
check(113, dp_w[3], TR["p"][3], "fail")
check(117, dh_w[3], TR["h"][3], "fail")
check(118, st(dz_w, R1), st(TR["z"], R1), "pass")
check(119, bad[119][0], TR["z"][3] @ h[2].T, "fail")
check(120, bad[120][0], TR["z"][3] @ x[3].T, "fail")
check(124, dy_hat_w[0], TR["yh"][0], "pass")
check(126, dp_w[0], TR["p"][0], "fail")
check(130, dh_w[0], TR["h"][0], "fail")
check(131, dz_w[0], TR["z"][0], "pass")
check(132, bad[132][0], TR["z"][0] @ x[0].T, "fail")
# accumulations: 114/127 (dW_hy), 115/128 (db_y), 121/133 (db_h) over all steps
check(114, acc["W_hy"], dP["W_hy"], "pass"); check(127, acc["W_hy"], dP["W_hy"], "pass")
check(115, acc["b_y"], dP["b_y"], "pass"); check(128, acc["b_y"], dP["b_y"], "pass")
check(121, acc["b_h"], dP["b_h"], "pass"); check(133, acc["b_h"], dP["b_h"], "pass")
# the intended (transposed) versions of 119/120/132 match the FD gradients -> the references above are right
check("119-corrected", acc["W_hh"], dP["W_hh"], "pass")
check("120/132-corrected", acc["W_xh"], dP["W_xh"], "pass")
# even the fixed commit's dh row (W_hy.T @ dp) misses the recurrent term W_hh.T dz_{i+1}:
check("117-f2a2eeb", W_hy.T @ TR["p"][1], TR["h"][1], "fail")
print("all verdicts as expected:", sum(v == "pass" for v in results.values()), "pass,",
      sum(v == "fail" for v in results.values()), "fail")
