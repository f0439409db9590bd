"""Finite-difference check of suspectwu_cs231n_rnn_lstm_rowvec.md (Suspect-wu CS231n notes: RNN + LSTM, row vectors).

Row-vector layout as the author states (line 6): every state is a 1 x n row, x W products.
Jacobians are in the author's numerator-layout-for-rows convention used in the note:
J[j, k] = d out_j / d in_k, and a row gradient propagates as  g_in = g_out @ J.
numpy only; prints one OK / MISMATCH per annotated line, compared with expected.json.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FNAME = "suspectwu_cs231n_rnn_lstm_rowvec.md"
EXPECTED = json.load(open(os.path.join(HERE, "expected.json")))[FNAME]
rng = np.random.default_rng(45)
EPS = 1e-6
results = {}


def close(a, b, tol=1e-6):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=tol)


def record(line, ok, note=""):
    results[line] = (ok, note)


def num_grad(f, A):
    """Central differences of scalar f() w.r.t. array A (perturbed in place)."""
    G = np.zeros_like(A)
    it = np.nditer(A, flags=["multi_index"])
    for _ in it:
        ix = it.multi_index
        old = A[ix]
        A[ix] = old + EPS
        fp = f()
        A[ix] = old - EPS
        fm = f()
        A[ix] = old
        G[ix] = (fp - fm) / (2 * EPS)
    return G


def num_jac(f, v):
    """Jacobian J[j, k] = d f(v)_j / d v_k of a row-vector map (1, n) -> (1, m)."""
    v = v.copy()
    out0 = f(v).ravel()
    J = np.zeros((out0.size, v.size))
    for k in range(v.size):
        vp = v.copy(); vp.flat[k] += EPS
        vm = v.copy(); vm.flat[k] -= EPS
        J[:, k] = (f(vp).ravel() - f(vm).ravel()) / (2 * EPS)
    return J


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def onehot(k, K):
    y = np.zeros((1, K)); y[0, k] = 1.0
    return y


# ---------------------------------------------------------------- softmax section (lines 13, 17)
K = 5
zz = rng.normal(size=(1, K)); yy = onehot(2, K); one = np.ones((1, K))
J_lit = (-np.log(softmax(zz)) @ yy.T).item()
J_expanded = (-zz @ yy.T + one * np.log(np.exp(zz) @ one.T) @ yy.T).item()
record(13, abs(J_lit - J_expanded) < 1e-10)
gz = num_grad(lambda: (-np.log(softmax(zz)) @ yy.T).item(), zz)
record(17, close(gz, -yy + softmax(zz)))

# ---------------------------------------------------------------- RNN, row vectors
D, H, T = 3, 4, 4
P = dict(Wxh=rng.normal(scale=0.5, size=(D, H)), Whh=rng.normal(scale=0.5, size=(H, H)),
         b=rng.normal(scale=0.1, size=(1, H)), V=rng.normal(scale=0.5, size=(H, K)),
         c=rng.normal(scale=0.1, size=(1, K)))
X = [rng.normal(size=(1, D)) for _ in range(T + 1)]   # X[1..T] used
Y = [onehot(int(rng.integers(K)), K) for _ in range(T + 1)]
h0 = rng.normal(scale=0.3, size=(1, H))


def rnn_forward(inj=None):
    """inj = (t, dh): add dh to h_t right after it is computed (for total dL/dh_t)."""
    h = {0: h0.copy()}; o = {}; z = {}; a = {}; L = 0.0
    for t in range(1, T + 1):
        o[t] = X[t] @ P["Wxh"] + h[t - 1] @ P["Whh"] + P["b"]
        h[t] = np.tanh(o[t])
        if inj is not None and inj[0] == t:
            h[t] = h[t] + inj[1]
        z[t] = h[t] @ P["V"] + P["c"]
        a[t] = softmax(z[t])
        L += -np.log((a[t] @ Y[t].T).item())
    return L, h, o, z, a


L0, hh, oo, zz_, aa = rnn_forward()


def total_dh(t):
    """True dL/dh_t (row) by finite differences of an injected perturbation."""
    g = np.zeros((1, H))
    for k in range(H):
        e = np.zeros((1, H)); e[0, k] = EPS
        g[0, k] = (rnn_forward((t, e))[0] - rnn_forward((t, -e))[0]) / (2 * EPS)
    return g


delta = {t: total_dh(t) for t in range(1, T + 1)}


def jac_h_next(t):
    """d h_{t+1} / d h_t (row convention) by FD of the one-step map."""
    return num_jac(lambda hv: np.tanh(X[t + 1] @ P["Wxh"] + hv @ P["Whh"] + P["b"]), hh[t])


# forward lines: the stated forward equations are the ones implemented above (consistency check)
o_chk = X[2] @ P["Wxh"] + hh[1] @ P["Whh"] + P["b"]
record(29, close(hh[2], np.tanh(o_chk)))
record(63, close(hh[2], np.tanh(o_chk)))
record(31, close(aa[2], softmax(hh[2] @ P["V"] + P["c"])))
record(37, abs(L0 - sum(-np.log((aa[t] @ Y[t].T).item()) for t in range(1, T + 1))) < 1e-12)

# 42, 46: output-layer gradients
g_c = num_grad(lambda: rnn_forward()[0], P["c"])
record(42, close(g_c, sum(aa[t] - Y[t] for t in range(1, T + 1))))
g_V = num_grad(lambda: rnn_forward()[0], P["V"])
record(46, close(g_V, sum(hh[t].T @ (aa[t] - Y[t]) for t in range(1, T + 1))))

# 58: delta_t = dL_t/dz_t dz_t/dh_t + delta_{t+1} dh_{t+1}/dh_t   (all pieces by FD)
ok58 = ok59 = ok66 = ok71 = True
for t in range(1, T):
    dLt_dz = num_grad(lambda: -np.log((softmax(zt) @ Y[t].T).item()), zt := zz_[t].copy())
    dz_dh = num_jac(lambda hv: hv @ P["V"] + P["c"], hh[t])
    Jn = jac_h_next(t)
    ok58 &= close(dLt_dz @ dz_dh + delta[t + 1] @ Jn, delta[t])
    ok59 &= close((aa[t] - Y[t]) @ P["V"].T + delta[t + 1] @ Jn, delta[t])
    # 71: author's recursion with the upstream delta_{t+1} taken as right
    auth71 = (aa[t] - Y[t]) @ P["V"].T + delta[t + 1] @ P["Whh"].T @ np.diag(1 - hh[t][0] ** 2)
    ok71 &= close(auth71, delta[t])
for t in range(2, T + 1):
    Jt = num_jac(lambda hv: np.tanh(X[t] @ P["Wxh"] + hv @ P["Whh"] + P["b"]), hh[t - 1])
    auth66 = P["Whh"].T @ np.diag(1 - hh[t - 1][0] ** 2)
    ok66 &= close(auth66, Jt) or close(auth66.T, Jt)
for t in range(1, T):  # sanity: corrected recursion matches FD
    assert close((aa[t] - Y[t]) @ P["V"].T + (delta[t + 1] * (1 - hh[t + 1] ** 2)) @ P["Whh"].T, delta[t])
record(58, ok58)
record(59, ok59)
record(66, ok66, "true Jacobian is diag(1-h_t^2) W_hh^T")
record(71, ok71)
record(72, close((aa[T] - Y[T]) @ P["V"].T, delta[T]))

# 76, 80, 84: parameter gradients with (1 - o_t^2), even granting the missing sum over t
for line, name, inp in ((76, "Whh", lambda t: hh[t - 1]), (80, "Wxh", lambda t: X[t]), (84, "b", None)):
    g = num_grad(lambda: rnn_forward()[0], P[name])
    if inp is None:
        auth = sum(delta[t] * (1 - oo[t] ** 2) for t in range(1, T + 1))
        fixed = sum(delta[t] * (1 - hh[t] ** 2) for t in range(1, T + 1))
    else:
        auth = sum(inp(t).T @ (delta[t] * (1 - oo[t] ** 2)) for t in range(1, T + 1))
        fixed = sum(inp(t).T @ (delta[t] * (1 - hh[t] ** 2)) for t in range(1, T + 1))
    assert close(fixed, g), "sanity: corrected formula must match FD"
    record(line, close(auth, g))

# ---------------------------------------------------------------- code fence: rnn_step_backward (lines 97-102)
src = open(os.path.join(HERE, FNAME), encoding="utf-8").read().split("\n")
start = next(i for i, s in enumerate(src) if s.startswith("def rnn_step_backward"))
end = next(i for i in range(start, len(src)) if src[i].startswith("```"))
ns = {"np": np}
exec("\n".join(src[start:end]), ns)
N, Dc, Hc = 2, 3, 4
x_c = rng.normal(size=(N, Dc)); ph = rng.normal(size=(N, Hc))
Wx_c = rng.normal(size=(Dc, Hc)); Wh_c = rng.normal(size=(Hc, Hc)); b_c = rng.normal(size=(Hc,))
dnext = rng.normal(size=(N, Hc))


def step_loss():
    return float(np.sum(dnext * np.tanh(x_c @ Wx_c + ph @ Wh_c + b_c)))


nh = np.tanh(x_c @ Wx_c + ph @ Wh_c + b_c)
dx, dprev_h, dWx, dWh, db = ns["rnn_step_backward"](dnext, (x_c, Wx_c, Wh_c, ph, nh, b_c))
record(97, close(dWh, num_grad(step_loss, Wh_c)))
record(98, close(dWx, num_grad(step_loss, Wx_c)))
record(99, close(db, num_grad(step_loss, b_c)))
record(100, close(dx, num_grad(step_loss, x_c)), "dx uses Wh.T; shape %s vs x %s" % (np.shape(dx), x_c.shape))
record(102, dprev_h is not None and close(dprev_h, num_grad(step_loss, ph)), "dprev_h returned as None")

# ---------------------------------------------------------------- LSTM, row vectors
n, m, T2 = 4, 3, 4
Q = {}
for g_ in "fiao":
    Q["W" + g_] = rng.normal(scale=0.5, size=(n, n))
    Q["U" + g_] = rng.normal(scale=0.5, size=(m, n))
    Q["b" + g_] = rng.normal(scale=0.1, size=(1, n))
Q["V"] = rng.normal(scale=0.5, size=(n, K)); Q["bV"] = rng.normal(scale=0.1, size=(1, K))
XL = [rng.normal(size=(1, m)) for _ in range(T2 + 1)]
YL = [onehot(int(rng.integers(K)), K) for _ in range(T2 + 1)]
hL0 = rng.normal(scale=0.3, size=(1, n)); CL0 = rng.normal(scale=0.3, size=(1, n))


def gates(hp, x):
    f = sig(hp @ Q["Wf"] + x @ Q["Uf"] + Q["bf"])
    i = sig(hp @ Q["Wi"] + x @ Q["Ui"] + Q["bi"])
    a = np.tanh(hp @ Q["Wa"] + x @ Q["Ua"] + Q["ba"])
    o = sig(hp @ Q["Wo"] + x @ Q["Uo"] + Q["bo"])
    return f, i, a, o


def lstm_forward(inj=None):
    """inj = (t, 'h'|'C', d): add d to h^t (C^t kept) or to C^t (h^t recomputed from it)."""
    S = {"h": {0: hL0.copy()}, "C": {0: CL0.copy()}, "f": {}, "i": {}, "a": {}, "o": {}, "yh": {}}
    L = 0.0
    for t in range(1, T2 + 1):
        f, i, a, o = gates(S["h"][t - 1], XL[t])
        C = S["C"][t - 1] * f + i * a
        if inj is not None and inj[0] == t and inj[1] == "C":
            C = C + inj[2]
        h = o * np.tanh(C)
        if inj is not None and inj[0] == t and inj[1] == "h":
            h = h + inj[2]
        for k_, v_ in zip("fiao", (f, i, a, o)):
            S[k_][t] = v_
        S["C"][t] = C; S["h"][t] = h
        S["yh"][t] = softmax(h @ Q["V"] + Q["bV"])
        L += -np.log((S["yh"][t] @ YL[t].T).item())
    return L, S


LL0, S = lstm_forward()


def total(t, which):
    g = np.zeros((1, n))
    for k in range(n):
        e = np.zeros((1, n)); e[0, k] = EPS
        g[0, k] = (lstm_forward((t, which, e))[0] - lstm_forward((t, which, -e))[0]) / (2 * EPS)
    return g


dH = {t: total(t, "h") for t in range(1, T2 + 1)}
dC = {t: total(t, "C") for t in range(1, T2 + 1)}

# forward lines (consistency of the stated row-vector forward with the implementation)
f2, i2, a2, o2 = gates(S["h"][1], XL[2])
fwd_ok = close(S["C"][2], S["C"][1] * f2 + i2 * a2) and close(S["h"][2], o2 * np.tanh(S["C"][2]))
for line in (116, 126, 138, 142, 144, 152, 156, 162, 166, 168, 172):
    record(line, fwd_ok)


def literal(expr):
    try:
        return expr()
    except ValueError as exc:
        return exc


hv, xv = S["h"][1][0], XL[2][0]
lit128 = literal(lambda: np.tanh(Q["Wa"] @ hv + Q["Ua"] @ xv + Q["ba"][0]))
lit158 = literal(lambda: np.tanh(hv @ Q["Wa"] + Q["Ua"] @ xv + Q["ba"][0]))
record(128, not isinstance(lit128, Exception) and close(lit128, a2[0]), "U_a x^t / W_a h^{t-1} ill-formed for rows")
record(158, not isinstance(lit158, Exception) and close(lit158, a2[0]), "U_a x^t ill-formed for rows")

# 186, 187: last step
tau = T2
record(186, close((S["yh"][tau] - YL[tau]) @ Q["V"].T, dH[tau]))
record(187, close(dH[tau] * S["o"][tau] * (1 - np.tanh(S["C"][tau]) ** 2), dC[tau]))

t = 2  # interior step with two future steps, so delta_C^{t+2} f^{t+2} is non-zero
hp, Cp, xn = S["h"][t], S["C"][t], XL[t + 1]
f1, i1, a1, o1 = S["f"][t + 1], S["i"][t + 1], S["a"][t + 1], S["o"][t + 1]
C1 = S["C"][t + 1]


def h_next(hv_):
    f, i, a, o = gates(hv_, xn)
    return o * np.tanh(Cp * f + i * a)


J_hh = num_jac(h_next, hp)
out_t = (S["yh"][t] - YL[t]) @ Q["V"].T
record(195, close(out_t + dH[t + 1] @ J_hh, dH[t]), "misses delta_C^{t+2} f^{t+2}")
# 196: the same expansion written with the exact partial Jacobians (FD of sub-maps)
J_hC = num_jac(lambda Cv: o1 * np.tanh(Cv), C1)
J_Cf = num_jac(lambda hv_: Cp * gates(hv_, xn)[0] + i1 * a1, hp)
J_Ca = num_jac(lambda hv_: Cp * f1 + i1 * gates(hv_, xn)[2], hp)
J_Ci = num_jac(lambda hv_: Cp * f1 + gates(hv_, xn)[1] * a1, hp)
J_ho = num_jac(lambda hv_: gates(hv_, xn)[3] * np.tanh(C1), hp)
exp196 = out_t + dH[t + 1] @ J_hC @ (J_Cf + J_Ca + J_Ci) + dH[t + 1] @ J_ho
record(196, close(exp196, dH[t]))
# sanity: the corrected expansion (total delta_C^{t+1}) and the corrected partial Jacobians match FD
assert close(out_t + dC[t + 1] @ (J_Cf + J_Ca + J_Ci) + dH[t + 1] @ J_ho, dH[t])
assert close(np.diag((S["o"][t + 1] * (1 - np.tanh(C1) ** 2))[0]), J_hC)
assert close(np.diag((Cp * f1 * (1 - f1))[0]) @ Q["Wf"].T, J_Cf)
assert close(np.diag((i1 * (1 - a1 ** 2))[0]) @ Q["Wa"].T, J_Ca)
assert close(np.diag((a1 * i1 * (1 - i1))[0]) @ Q["Wi"].T, J_Ci)
assert close(np.diag((np.tanh(C1) * o1 * (1 - o1))[0]) @ Q["Wo"].T, J_ho)
record(203, close(np.diag((S["o"][t] * (1 - np.tanh(C1) ** 2))[0]), J_hC), "uses o^t instead of o^{t+1}")
sf, si, so = f1 * (1 - f1), i1 * (1 - i1), o1 * (1 - o1)
record(215, close(np.diag((Cp * f1 * sf)[0]) @ Q["Wf"].T, J_Cf), "true: diag(C^t * sig'(f)) W_f^T")
record(216, close(np.diag((a1 * i1 * (1 - a1 ** 2))[0]) @ Q["Wa"].T, J_Ca), "true: diag(i * tanh'(a)) W_a^T")
record(217, close(np.diag((a1 * i1 * si)[0]) @ Q["Wi"].T, J_Ci), "true: diag(a * sig'(i)) W_i^T")
record(223, close(np.diag((o1 * np.tanh(C1) * so)[0]) @ Q["Wo"].T, J_ho), "true: diag(tanh(C) * sig'(o)) W_o^T")
auth228 = (out_t + dH[t + 1] @ np.diag((S["o"][t] * (1 - np.tanh(C1) ** 2))[0])
           @ (np.diag((Cp * f1 * sf)[0]) @ Q["Wf"].T + np.diag((a1 * i1 * (1 - a1 ** 2))[0]) @ Q["Wa"].T
              + np.diag((a1 * i1 * si)[0]) @ Q["Wi"].T)
           + dH[t + 1] @ np.diag((o1 * np.tanh(C1) * so)[0]) @ Q["Wo"].T)
record(228, close(auth228, dH[t]))
# 239-241: delta_C^t recursion (correct)
J_CC = num_jac(lambda Cv: Cv * f1 + i1 * a1, Cp)
J_hCt = num_jac(lambda Cv: S["o"][t] * np.tanh(Cv), Cp)
record(239, close(dC[t + 1] @ J_CC + dH[t] @ J_hCt, dC[t]))
record(240, close(dC[t + 1] @ np.diag(f1[0]) + dH[t] @ np.diag((S["o"][t] * (1 - np.tanh(Cp) ** 2))[0]), dC[t]))
record(241, close(dC[t + 1] * f1 + dH[t] * S["o"][t] * (1 - np.tanh(Cp) ** 2), dC[t]))
# 249-251: sum over i of a t-indexed term (read literally: tau copies of one step's term)
gWf = num_grad(lambda: lstm_forward()[0], Q["Wf"])


def term(s):
    fs = S["f"][s]
    return S["h"][s - 1].T @ (dC[s] * S["C"][s - 1] * fs * (1 - fs))


assert close(sum(term(s) for s in range(1, T2 + 1)), gWf), "sanity: sum over t of the term matches FD"
lit_sum = T2 * term(t)
record(249, close(lit_sum, gWf), "sum index i, summand in t")
record(250, close(T2 * (S["h"][t - 1].T @ dC[t] @ np.diag(S["C"][t - 1][0]) @ np.diag((S["f"][t] * (1 - S["f"][t]))[0])), gWf))
record(251, close(T2 * ((S["h"][t - 1].T @ dC[t]) * S["C"][t - 1] * S["f"][t] * (1 - S["f"][t])), gWf))

# 257: softmax Jacobian
zs = rng.normal(size=(1, K)); es = np.exp(zs); s1 = (es @ np.ones((K, 1))).item()
Jsm = np.diag(es[0]) / s1 - (es.T @ es) / s1 ** 2
record(257, close(Jsm, num_jac(softmax, zs)))

# ---------------------------------------------------------------- report
bad = 0
for line in sorted(EXPECTED, key=int):
    exp = EXPECTED[line]["expected"]
    ok, note = results[int(line)]
    got = "OK" if ok else "MISMATCH"
    agree = (got == "OK") == (exp == "pass")
    bad += not agree
    print("line %4s: %-8s expected %-4s -> %s  %s" % (line, got, exp, "agrees" if agree else "DISAGREES", note))
missing = set(results) - {int(k) for k in EXPECTED}
assert not missing, "checked but not annotated: %s" % sorted(missing)
print("%d/%d agree" % (len(EXPECTED) - bad, len(EXPECTED)))
