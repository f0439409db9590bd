"""Finite-difference check of maclschmitt_coursera_rnn_step_by_step_v3.md (numpy only, float64).
Column layout of the Coursera notebook: x_t (n_x,m), a (n_a,m), W (n_a, n_a+n_x) acting on
concat = [a_prev; x_t], gates Gamma_f, Gamma_u (it), c~ (cct), Gamma_o.
Upstream gradients: da_next / dc_next for one cell, da (n_a,m,T_x) for a sequence.
Each annotated line is recomputed exactly as the author wrote it and compared with a central
difference of the scalar loss L = sum(upstream * outputs)."""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "maclschmitt_coursera_rnn_step_by_step_v3.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(11)
n_x, n_a, n_y, m, T_x = 3, 4, 2, 5, 4
EPS = 1e-6
sigmoid = lambda v: 1.0 / (1.0 + np.exp(-v))
def softmax(v):
    e = np.exp(v - v.max(axis=0, keepdims=True)); return e / e.sum(axis=0, keepdims=True)
def num(f, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        o = arr[idx]; arr[idx] = o + EPS; a = f(); arr[idx] = o - EPS; b = f(); arr[idx] = o
        g[idx] = (a - b) / (2 * EPS)
    return g
def close(a, b):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
results = {}
def rec(line, ok): results.setdefault(line, []).append(bool(ok))

# --- the transcription itself: the rnn_backward cell does not compile as published ---
md = open(os.path.join(HERE, NAME), encoding="utf-8").read()
blocks = re.findall(r"```python\n(.*?)```", md, flags=re.S)
rb = [bk for bk in blocks if "def rnn_backward(" in bk][0]
try:
    compile(rb, "rnn_backward", "exec"); print("note: rnn_backward cell compiles")
except SyntaxError:
    print("note: rnn_backward cell raises SyntaxError as published (unclosed parenthesis on line 327); its math is checked below with the parenthesis closed")

# ================= RNN cell =================
P = {"Wax": rng.standard_normal((n_a, n_x)), "Waa": rng.standard_normal((n_a, n_a)) * 0.5,
     "Wya": rng.standard_normal((n_y, n_a)), "ba": rng.standard_normal((n_a, 1)), "by": rng.standard_normal((n_y, 1))}
Wax, Waa, Wya, ba, by = P["Wax"], P["Waa"], P["Wya"], P["ba"], P["by"]
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); da_next = rng.standard_normal((n_a, m))
a_next = np.tanh(np.dot(Waa, a_prev) + np.dot(Wax, xt) + ba)                       # line 34
rec(34, close(a_next, np.tanh(Wax @ xt + Waa @ a_prev + ba)))
yt_pred = softmax(np.dot(Wya, a_next) + by)                                        # line 36
rec(36, close(yt_pred, np.exp(Wya @ a_next + by) / np.exp(Wya @ a_next + by).sum(0)))
Lc = lambda: float(np.sum(da_next * np.tanh(Waa @ a_prev + Wax @ xt + ba)))
dtanh = (1- a_next**2) * da_next                                                   # line 272
Z = Waa @ a_prev + Wax @ xt + ba
rec(272, close(dtanh, num(lambda: float(np.sum(da_next * np.tanh(Z))), Z)))
rec(275, close(np.dot(Wax.T, dtanh), num(Lc, xt)))
rec(276, close(np.dot(dtanh, xt.T), num(Lc, Wax)))
rec(279, close(np.dot(Waa.T, dtanh), num(Lc, a_prev)))
rec(280, close(np.dot(dtanh, a_prev.T), num(Lc, Waa)))
rec(283, close(np.sum(dtanh, 1, keepdims=True), num(Lc, ba)))
def rnn_cell_backward(da_next, cache):
    (a_next, a_prev, xt, parameters) = cache
    dtanh = (1- a_next**2) * da_next
    return {"dxt": np.dot(parameters["Wax"].T, dtanh), "da_prev": np.dot(parameters["Waa"].T, dtanh),
            "dWax": np.dot(dtanh, xt.T), "dWaa": np.dot(dtanh, a_prev.T), "dba": np.sum(dtanh, 1, keepdims=True)}

# ================= RNN sequence =================
x = rng.standard_normal((n_x, m, T_x)); a0 = rng.standard_normal((n_a, m)); da = rng.standard_normal((n_a, m, T_x))
def rnn_ref(x, a0):
    A = np.zeros((n_a, m, T_x)); p = a0
    for t in range(T_x):
        p = np.tanh(Wax @ x[:, :, t] + Waa @ p + ba); A[:, :, t] = p
    return A
Aref = rnn_ref(x, a0)
a = np.zeros((n_a, m, T_x)); y_pred = np.zeros((n_y, m, T_x)); an = a0           # lines 78-82
rec(82, close(an, a0))
caches = []
for t in range(T_x):
    an = np.tanh(np.dot(Waa, an) + np.dot(Wax, x[:, :, t]) + ba)                   # line 87 (rnn_cell_forward)
    caches.append((an, caches[-1][0] if caches else a0, x[:, :, t], P))
    a[:, :, t] = an                                                                # line 89
    y_pred[:, :, t] = softmax(np.dot(Wya, an) + by)                                # line 91
rec(87, close(a, Aref)); rec(89, close(a, Aref))
rec(91, close(y_pred, np.stack([softmax(Wya @ Aref[:, :, t] + by) for t in range(T_x)], 2)))
Lr = lambda: float(np.sum(da * rnn_ref(x, a0)))
def dL_da_t(t):   # total gradient of a<t> (free variable), loss terms s >= t
    at = Aref[:, :, t].copy()
    def f():
        p = at; s = float(np.sum(da[:, :, t] * p))
        for u in range(t + 1, T_x):
            p = np.tanh(Wax @ x[:, :, u] + Waa @ p + ba); s += float(np.sum(da[:, :, u] * p))
        return s
    return num(f, at)
dxA = np.zeros((n_x, m, T_x)); dWaxA = np.zeros((n_a, n_x)); dWaaA = np.zeros((n_a, n_a)); dbaA = np.zeros((n_a, 1))
da_prevt = np.zeros((n_a, m))                                                      # line 327 (parenthesis closed)
rec(327, True)
for t in reversed(range(T_x)):
    dn = da[:, :, t] + da_prevt                                                    # argument of line 332
    rec(332, close(dn, dL_da_t(t)))
    gr = rnn_cell_backward(dn, caches[t])
    dxt, da_prevt, dWaxt, dWaat, dbat = gr["dxt"], gr["da_prev"], gr["dWax"], gr["dWaa"], gr["dba"]   # line 334
    if t > 0: rec(334, close(da_prevt + da[:, :, t - 1], dL_da_t(t - 1)))
    dxA[:, :, t] = dxt                                                             # line 336
    dWaxA += dWaxt; dWaaA += dWaat; dbaA += dbat                                   # lines 337-339
rec(336, close(dxA, num(Lr, x)))
rec(337, close(dWaxA, num(Lr, Wax))); rec(338, close(dWaaA, num(Lr, Waa))); rec(339, close(dbaA, num(Lr, ba)))
rec(342, close(da_prevt, num(Lr, a0)))                                             # line 342 da0 = da_prevt

# ================= LSTM cell =================
L = {}
for k in "fico":
    L["W" + k] = rng.standard_normal((n_a, n_a + n_x)) * 0.6; L["b" + k] = rng.standard_normal((n_a, 1))
L["Wy"] = rng.standard_normal((n_y, n_a)); L["by"] = rng.standard_normal((n_y, 1))
Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy = L["Wf"], L["bf"], L["Wi"], L["bi"], L["Wc"], L["bc"], L["Wo"], L["bo"], L["Wy"]
c_prev = rng.standard_normal((n_a, m)); dc_next = rng.standard_normal((n_a, m))
def lstm_ref(xt, ap, cp):
    cat = np.vstack([ap, xt])
    f_ = sigmoid(Wf @ cat + bf); i_ = sigmoid(Wi @ cat + bi); g_ = np.tanh(Wc @ cat + bc); o_ = sigmoid(Wo @ cat + bo)
    c_ = f_ * cp + i_ * g_
    return o_ * np.tanh(c_), c_, (cat, f_, i_, g_, o_)
an_ref, cn_ref, (cat_ref, fR, iR, gR, oR) = lstm_ref(xt, a_prev, c_prev)
concat = np.zeros((n_a + n_x, m)); concat[: n_a, :] = a_prev; concat[n_a :, :] = xt   # lines 154-156
for ln in (154, 155, 156): rec(ln, close(concat, cat_ref))
ft = sigmoid(np.dot(Wf, concat) + bf); it = sigmoid(np.dot(Wi, concat) + bi)       # lines 159-160
cct = np.tanh(np.dot(Wc, concat) + bc)                                            # line 161
c_next = ft * c_prev + it * cct                                                    # line 162
ot = sigmoid(np.dot(Wo, concat) + bo)                                              # line 163
a_nextL = ot * np.tanh(c_next)                                                     # line 164
yt = softmax(np.dot(Wy, a_nextL) + L["by"])                                        # line 167
rec(159, close(ft, fR)); rec(160, close(it, iR)); rec(161, close(cct, gR)); rec(162, close(c_next, cn_ref))
rec(163, close(ot, oR)); rec(164, close(a_nextL, an_ref)); rec(167, close(yt, softmax(Wy @ an_ref + L["by"])))
def Lcell():
    an_, cn_, _ = lstm_ref(xt, a_prev, c_prev); return float(np.sum(da_next * an_) + np.sum(dc_next * cn_))
Zs = {k: L["W" + k] @ concat + L["b" + k] for k in "fico"}
def Lpre():
    f_, i_, g_, o_ = sigmoid(Zs["f"]), sigmoid(Zs["i"]), np.tanh(Zs["c"]), sigmoid(Zs["o"])
    c_ = f_ * c_prev + i_ * g_
    return float(np.sum(da_next * o_ * np.tanh(c_)) + np.sum(dc_next * c_))
nZ = {k: num(Lpre, Zs[k]) for k in "fico"}
# author's lines 385-411
dot = da_next*np.tanh(c_next)                                                       # 385
dcct = (da_next*ot*(1-np.power(np.tanh(c_next), 2))+dc_next)*it                     # 386
dit = (da_next*ot*(1-np.power(np.tanh(c_next), 2))+dc_next)*cct                     # 387
dft = (da_next*ot*(1-np.power(np.tanh(c_next), 2))+dc_next)*c_prev                  # 388
rec(385, close(dot, nZ["o"])); rec(386, close(dcct, nZ["c"])); rec(387, close(dit, nZ["i"])); rec(388, close(dft, nZ["f"]))
concat2 = np.concatenate((a_prev, xt), axis=0)                                      # 395
rec(395, close(concat2, cat_ref))
rec(398, close(np.dot(dft, concat2.T), num(Lcell, Wf)))
rec(399, close(np.dot(dit, concat2.T), num(Lcell, Wi)))
rec(400, close(np.dot(dcct, concat2.T), num(Lcell, Wc)))
rec(401, close(np.dot(dot, concat2.T), num(Lcell, Wo)))
rec(402, close(np.sum(dft, axis=1, keepdims=True), num(Lcell, bf)))
rec(403, close(np.sum(dit, axis=1, keepdims=True), num(Lcell, bi)))
rec(404, close(np.sum(dcct, axis=1, keepdims=True), num(Lcell, bc)))
rec(405, close(np.sum(dot, axis=1, keepdims=True), num(Lcell, bo)))
da_prevL = (np.dot(Wf[:, :n_a].T, dft) + np.dot(Wi[:, :n_a].T, dit) + np.dot(Wc[:, :n_a].T, dcct) + np.dot(Wo[:, :n_a].T, dot))   # 409
rec(409, close(da_prevL, num(Lcell, a_prev)))
dc_prevL = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next     # 410
rec(410, close(dc_prevL, num(Lcell, c_prev)))
dxtL = (np.dot(Wf[:, n_a:].T, dft) + np.dot(Wi[:, n_a:].T, dit) + np.dot(Wc[:, n_a:].T, dcct) + np.dot(Wo[:, n_a:].T, dot))        # 411
rec(411, close(dxtL, num(Lcell, xt)))
def lstm_cell_backward_author(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a = a_next.shape[0]
    dot = da_next*np.tanh(c_next)
    dcct = (da_next*ot*(1-np.power(np.tanh(c_next), 2))+dc_next)*it
    dit = (da_next*ot*(1-np.power(np.tanh(c_next), 2))+dc_next)*cct
    dft = (da_next*ot*(1-np.power(np.tanh(c_next), 2))+dc_next)*c_prev
    concat = np.concatenate((a_prev, xt), axis=0)
    g = {"dWf": dft @ concat.T, "dWi": dit @ concat.T, "dWc": dcct @ concat.T, "dWo": dot @ concat.T,
         "dbf": dft.sum(1, keepdims=True), "dbi": dit.sum(1, keepdims=True), "dbc": dcct.sum(1, keepdims=True), "dbo": dot.sum(1, keepdims=True)}
    P_ = parameters
    g["da_prev"] = P_['Wf'][:, :n_a].T @ dft + P_['Wi'][:, :n_a].T @ dit + P_['Wc'][:, :n_a].T @ dcct + P_['Wo'][:, :n_a].T @ dot
    g["dc_prev"] = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
    g["dxt"] = P_['Wf'][:, n_a:].T @ dft + P_['Wi'][:, n_a:].T @ dit + P_['Wc'][:, n_a:].T @ dcct + P_['Wo'][:, n_a:].T @ dot
    return g

# ================= LSTM sequence =================
def lstm_seq_ref(x, a0):
    A = np.zeros((n_a, m, T_x)); C = np.zeros((n_a, m, T_x)); p = a0; c = np.zeros((n_a, m)); cs = []
    for t in range(T_x):
        pn, cn, (cat, f_, i_, g_, o_) = lstm_ref(x[:, :, t], p, c)
        cs.append((pn, cn, p, c, f_, i_, g_, o_, x[:, :, t], L)); p, c = pn, cn; A[:, :, t] = p; C[:, :, t] = c
    return A, C, cs
A_true, C_true, lcaches = lstm_seq_ref(x, a0)
# author's lstm_forward (lines 213-230), with the alias of line 214
aS = np.zeros((n_a, m, T_x))                                                       # 213
cS = aS                                                                            # 214
a_n = a0; c_n = np.zeros(a_n.shape)                                                # 218-219
rec(218, close(a_n, a0)); rec(219, not c_n.any())
for t in range(T_x):
    a_n, c_n, _, _ = (lambda r: (r[0], r[1], None, None))(lstm_ref(x[:, :, t], a_n, c_n))   # 224
    rec(224, close(a_n, A_true[:, :, t]) and close(c_n, C_true[:, :, t]))
    aS[:, :, t] = a_n                                                              # 226
    rec(226, close(aS[:, :, t], A_true[:, :, t]))
    cS[:, :, t] = c_n                                                              # 230
    rec(230, close(cS[:, :, t], C_true[:, :, t]))
rec(214, close(aS, A_true) and close(cS, C_true))   # returned a must be the hidden states
La = lambda: float(np.sum(da * lstm_seq_ref(x, a0)[0]))
# author's lstm_backward (lines 458-484)
dxS = np.zeros((n_x, m, T_x)); da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))   # 456-459
rec(458, True); rec(459, True)
acc = {k: np.zeros((n_a, n_a + n_x)) for k in ("dWf", "dWi", "dWc", "dWo")}
acc.update({k: np.zeros((n_a, 1)) for k in ("dbf", "dbi", "dbc", "dbo")})
def tot_grad(t):
    """true total gradients (dL/da<t>, dL/dc<t>) for the sequence loss, a<t>, c<t> free."""
    at = A_true[:, :, t].copy(); ct = C_true[:, :, t].copy()
    def f():
        p, c = at, ct; s = float(np.sum(da[:, :, t] * p))
        for u in range(t + 1, T_x):
            p, c, _ = lstm_ref(x[:, :, u], p, c); s += float(np.sum(da[:, :, u] * p))
        return s
    return num(f, at), num(f, ct)
for t in reversed(range(T_x)):
    ga, gc = tot_grad(t)
    rec(472, close(da[:, :, t], ga) and close(dc_prevt, gc))                      # 472 arguments
    gr = lstm_cell_backward_author(da[:, :, t], dc_prevt, lcaches[t])
    dxS[:, :, t] = gr["dxt"]                                                       # 474
    for k in acc: acc[k] += gr[k]                                                  # 475-482
dx_true = num(La, x)
rec(474, close(dxS, dx_true))
for ln, k, W in ((475, "dWf", Wf), (476, "dWi", Wi), (477, "dWc", Wc), (478, "dWo", Wo), (479, "dbf", bf), (480, "dbi", bi), (481, "dbc", bc), (482, "dbo", bo)):
    rec(ln, close(acc[k], num(La, W)))
rec(484, close(gr["da_prev"], num(La, a0)))                                        # 484 da0

bad = 0
for ln in sorted(set(int(k) for k in EXP) | set(results)):
    exp = EXP.get(str(ln), {}).get("expected")
    if ln not in results:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    got = "pass" if all(results[ln]) else "fail"
    print(f"line {ln}: expected {exp}, numeric {got}")
    if exp != got: bad += 1
sys.exit(1 if bad else 0)
