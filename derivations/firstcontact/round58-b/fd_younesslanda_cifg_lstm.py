"""Finite-difference check of younesslanda_cifg_lstm.md (younesslanda/LSTM-Numpy @ 477a33c).

Model (as the author describes it, Greff et al. CIFG with peepholes), column-free 1-D vectors per step:
  z_t = g(Wz x_t + Rz y_{t-1} + bz), i_t = sigma(Wi x_t + Ri y_{t-1} + pi*c_{t-1} + bi), f_t = 1 - i_t,
  c_t = i_t*z_t + f_t*c_{t-1}, o_t = sigma(Wo x_t + Ro y_{t-1} + po*c_t + bo), y_t = o_t*h(c_t),
followed by the ClassificationLinear decoder p_t = softmax(y_t W + b) and L = -sum_t log p_t[target_t].
Every backward row is evaluated as written, fed with the TRUE values (from finite differences) of the
quantities it uses, and compared with the true value of what it is meant to be.
"""
import numpy as np

rng = np.random.RandomState(58021)
T, M, N, O = 5, 3, 4, 6
X = rng.randn(T, M)
targets = rng.randint(0, O, size=T)
P = {k: rng.randn(*s) * 0.7 for k, s in dict(
    Wz=(N, M), Wi=(N, M), Wo=(N, M), Rz=(N, N), Ri=(N, N), Ro=(N, N),
    pi=(N,), po=(N,), bz=(N,), bi=(N,), bo=(N,), W=(N, O), b=(O,)).items()}
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


# helpers exactly as in utils.py (lines 14-23)
sigma = lambda x: 1./(1 + np.exp(-x))
dsigma = lambda x: sigma(x) * (1 - sigma(x))
g = lambda x: np.tanh(x)
dg = lambda x: 1 - g(x)**2
h = lambda x: np.tanh(x)
dh = lambda x: 1 - h(x)**2
softmax = lambda x: np.exp(x) / np.sum(np.exp(x))

xs = np.linspace(-3, 3, 13); e = 1e-6
sig_ref = lambda x: 0.5 * (1 + np.tanh(x / 2))
check(14, sigma(xs), sig_ref(xs), "pass")
check(15, dsigma(xs), (sig_ref(xs + e) - sig_ref(xs - e)) / (2 * e), "pass")
tanh_ref = lambda x: np.sinh(x) / np.cosh(x)
check(17, g(xs), tanh_ref(xs), "pass")
check(18, dg(xs), (tanh_ref(xs + e) - tanh_ref(xs - e)) / (2 * e), "pass")
check(20, h(xs), tanh_ref(xs), "pass")
check(21, dh(xs), (tanh_ref(xs + e) - tanh_ref(xs - e)) / (2 * e), "pass")
v = rng.randn(O)
check(23, softmax(v), np.exp(v - v.max()) / np.exp(v - v.max()).sum(), "pass")

HK = ["z_", "i_", "o_", "c", "y", "logit"]


def forward(P, X, hk=None, full=False):
    """Reference model (independent of the author's code)."""
    hk = hk or {k: np.zeros((T, O if k == "logit" else N)) for k in HK}
    zp = np.zeros((T, N)); ip = np.zeros((T, N)); op = np.zeros((T, N))
    C = np.zeros((T, N)); Y = np.zeros((T, N)); Z = np.zeros((T, N)); I = np.zeros((T, N))
    Fg = np.zeros((T, N)); Og = np.zeros((T, N))
    L = 0.0
    yprev = np.zeros(N); cprev = np.zeros(N)
    for t in range(T):
        zp[t] = P["Wz"] @ X[t] + P["Rz"] @ yprev + P["bz"] + hk["z_"][t]
        Z[t] = np.tanh(zp[t])
        ip[t] = P["Wi"] @ X[t] + P["Ri"] @ yprev + P["pi"] * cprev + P["bi"] + hk["i_"][t]
        I[t] = sig_ref(ip[t]); Fg[t] = 1 - I[t]
        C[t] = I[t] * Z[t] + Fg[t] * cprev + hk["c"][t]
        op[t] = P["Wo"] @ X[t] + P["Ro"] @ yprev + P["po"] * C[t] + P["bo"] + hk["o_"][t]
        Og[t] = sig_ref(op[t])
        Y[t] = Og[t] * np.tanh(C[t]) + hk["y"][t]
        a = Y[t] @ P["W"] + P["b"] + hk["logit"][t]
        L += -(a[targets[t]] - np.log(np.sum(np.exp(a))))
        yprev, cprev = Y[t], C[t]
    if full:
        return L, dict(z_=zp, z=Z, i_=ip, i=I, f=Fg, c=C, o_=op, o=Og, y=Y)
    return L


def fd(fun, arr, step=1e-6):
    gr = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        k = it.multi_index; old = arr[k]
        arr[k] = old + step; fp = fun()
        arr[k] = old - step; fm = fun()
        arr[k] = old
        gr[k] = (fp - fm) / (2 * step)
    return gr


hk = {k: np.zeros((T, O if k == "logit" else N)) for k in HK}
TRUE = {k: fd(lambda: forward(P, X, hk), hk[k]) for k in HK}
Pc = {k: v.copy() for k, v in P.items()}
dP = {k: fd(lambda: forward(Pc, X), Pc[k]) for k in P}
Xc = X.copy(); dX_true = fd(lambda: forward(P, Xc), Xc)
L0, S = forward(P, X, full=True)

# ---- forward rows, as written (lines 80-93), compared with the reference model ----
Wz, Wi, Wo, Rz, Ri, Ro, pi, po, bz, bi, bo = (P[k] for k in
                                               ["Wz", "Wi", "Wo", "Rz", "Ri", "Ro", "pi", "po", "bz", "bi", "bo"])
x = X
z_ = np.zeros([T, N]); z = np.zeros([T, N]); i_ = np.zeros([T, N]); i = np.zeros([T, N])
f = np.zeros([T, N]); c = np.zeros([T, N]); o_ = np.zeros([T, N]); o = np.zeros([T, N]); y = np.zeros([T, N])
for t in range(T):
    z_[t] = np.dot(Wz, x[t]) + np.dot(Rz, y[t-1]) + bz
    z[t] = g(z_[t])
    i_[t] = np.dot(Wi, x[t]) + np.dot(Ri, y[t-1]) + pi*c[t-1] + bi
    i[t] = sigma(i_[t])
    f[t] = 1 - i[t]  # CIFG
    c[t] = i[t] * z[t] + f[t] * c[t-1]
    o_[t] = np.dot(Wo, x[t]) + np.dot(Ro, y[t-1]) + po*c[t] + bo
    o[t] = sigma(o_[t])
    y[t] = o[t] * h(c[t])
check(80, z_, S["z_"], "pass"); check(81, z, S["z"], "pass")
check(83, i_, S["i_"], "pass"); check(84, i, S["i"], "pass")
check(86, f, S["f"], "pass"); check(88, c, S["c"], "pass")
check(90, o_, S["o_"], "pass"); check(91, o, S["o"], "pass"); check(93, y, S["y"], "pass")

# ---- decoder (linearLayer.py) and main.py ----
W, b = P["W"], P["b"]
y_pred = np.zeros([T, O])
for t in range(T):
    y_pred[t] = softmax(np.dot(y[t], W) + b)
ref_pred = np.array([np.exp(a - a.max()) / np.exp(a - a.max()).sum() for a in (S["y"] @ W + b)])
check(177, y_pred, ref_pred, "pass")
y_target = np.eye(O)[targets]
out = y_pred
deltas = out - y_target
check(209, deltas, TRUE["logit"], "pass")
deltas = TRUE["logit"]
dx_dec = np.zeros([T, N]); dW = np.zeros_like(W); db = np.zeros_like(b)
for t in reversed(range(T)):
    dx_dec[t] = np.dot(deltas[t], W.T)
    dW += np.outer(y[t], deltas[t])
    db += deltas[t]
# dx of the decoder = gradient of the loss through the decoder only (from above), by FD of the decoder loss
Yc = S["y"].copy()
dec_loss = lambda: sum(-(a[targets[t]] - np.log(np.sum(np.exp(a)))) for t, a in enumerate(Yc @ W + b))
check(195, dx_dec, fd(dec_loss, Yc), "pass")
check(197, dW, dP["W"], "pass"); check(198, db, dP["b"], "pass")

# ---- LSTM backward rows (lines 121-143), each fed with true values ----
D = {k: np.vstack([TRUE[k], np.zeros((1, N))]) for k in ["z_", "i_", "o_", "c"]}  # index T is zero
dyT, dzT, diT, doT, dcT = TRUE["y"], D["z_"], D["i_"], D["o_"], D["c"]
lstm_deltas = dx_dec  # what model.backward passes down
dy_w = np.zeros([T, N]); do_w = np.zeros([T, N]); dc_w = np.zeros([T, N])
di_w = np.zeros([T, N]); dz_w = np.zeros([T, N]); dx_w = np.zeros([T, M])
G = {k: np.zeros_like(P[k]) for k in ["Wz", "Wi", "Wo", "Rz", "Ri", "Ro", "pi", "po", "bz", "bi", "bo"]}
for t in reversed(range(T)):
    dy_w[t] = lstm_deltas[t] + np.dot(Rz.T, dzT[t+1]) + np.dot(Ri.T, diT[t+1]) + np.dot(Ro.T, doT[t+1])
    do_w[t] = dyT[t] * h(c[t]) * dsigma(o_[t])
    dc_w[t] = dyT[t] * o[t] * dh(c[t]) + po * doT[t]
    if t < T-1:
        dc_w[t] += pi * diT[t+1] + dcT[t+1] * f[t+1]
    di_w[t] = dcT[t] * z[t] * dsigma(i_[t])
    dz_w[t] = dcT[t] * i[t] * dg(z_[t])
    dx_w[t] = np.dot(Wz.T, dzT[t]) + np.dot(Wi.T, diT[t]) + np.dot(Wo.T, doT[t])
    G["Wz"] += np.outer(dzT[t], x[t])
    G["Wi"] += np.outer(diT[t], x[t])
    G["Wo"] += np.outer(doT[t], x[t])
    G["Rz"] += np.outer(dzT[t+1], y[t])
    G["Ri"] += np.outer(diT[t+1], y[t])
    G["Ro"] += np.outer(doT[t+1], y[t])
    G["pi"] += c[t] * diT[t+1]
    G["po"] += c[t] * doT[t]
    G["bz"] += dzT[t]
    G["bi"] += diT[t]
    G["bo"] += doT[t]

check(121, dy_w, TRUE["y"], "pass")
check(122, do_w, TRUE["o_"], "pass")
check(123, dc_w, TRUE["c"], "pass")   # lines 123 + 125 together give the total dL/dc_t
# line 125 alone: the increment must equal the true total minus the line-123 part
inc = np.zeros([T, N])
for t in range(T - 1):
    inc[t] = pi * diT[t+1] + dcT[t+1] * f[t+1]
part123 = dyT * o * dh(c) + po * doT[:T]
check(125, inc[:T-1], (TRUE["c"] - part123)[:T-1], "pass")
check(126, di_w, TRUE["i_"], "fail")  # coupled gate: dc/di = z - c_{t-1}, not z
check(127, dz_w, TRUE["z_"], "pass")
check(130, dx_w, dX_true, "pass")
for line, k in [(133, "Wz"), (134, "Wi"), (135, "Wo"), (136, "Rz"), (137, "Ri"), (138, "Ro"),
                (139, "pi"), (140, "po"), (141, "bz"), (142, "bi"), (143, "bo")]:
    check(line, G[k], dP[k], "pass")

# the correct row 126 for comparison
cprev = np.vstack([np.zeros((1, N)), c[:-1]])
check("126-corrected", dcT[:T] * (z - cprev) * dsigma(i_), TRUE["i_"], "pass")
print("all verdicts as expected:", sum(v == "pass" for v in results.values()), "pass,",
      sum(v == "fail" for v in results.values()), "fail")
