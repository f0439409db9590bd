"""Finite-difference check of ltrujello_vanishing_gradients_13b1f44.md (Graves-style index notation).

RNN part: a_h = sum_i w_ih x_i + sum_h' w_h'h b_h'^{t-1}, b_h = theta(a_h), a_k = sum_h w_hk b_h, y_k = theta(a_k),
theta = tanh, L = sum_t sum_k 0.5 (y_k^t - z_k^t)^2 (the post leaves the loss open; delta_k^t = dL/da_k^t).
LSTM part (the post: H cells, gates with H outputs, one gate unit per cell, no biases): theta = sigmoid,
g = h = tanh, a_gate = sum_i w_i,gate x_i + sum_h w_h,gate b_h^{t-1}; s_c = b_phi s_c^{t-1} + b_iota g(a_c);
b_c = b_omega h(s_c); output layer a_k = sum_c w_ck b_c, y_k = theta_out(a_k) (tanh), same loss.
True total derivatives (delta = dL/da, epsilon = dL/db_c, zeta = dL/ds_c) are obtained by central
differences on additive perturbations of the corresponding forward quantities.
"""
import numpy as np

rng = np.random.default_rng(58)
T, I, H, K = 4, 3, 3, 2
EPS = 1e-6
X = rng.normal(size=(T, I))
Z = rng.normal(size=(T, K))
results = {}


def check(line, lhs, rhs, expected):
    ok = np.allclose(lhs, rhs, rtol=1e-5, atol=1e-7)
    verdict = "pass" if ok else "fail"
    results[line] = verdict
    assert verdict == expected, (line, verdict, expected, lhs, rhs)


def fd(fun, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape)
        e[idx] = EPS
        g[idx] = (fun(e) - fun(-e)) / (2 * EPS)
    return g


# ---------------------------------------------------------------- RNN
th = np.tanh
dth = lambda a: 1 - np.tanh(a) ** 2
W_ih = rng.normal(size=(I, H)) * 0.6
W_hh = rng.normal(size=(H, H)) * 0.6
W_hk = rng.normal(size=(H, K)) * 0.6


def rnn(W_ih=W_ih, W_hh=W_hh, W_hk=W_hk, pah=None, pak=None, ret=False):
    pah = np.zeros((T, H)) if pah is None else pah
    pak = np.zeros((T, K)) if pak is None else pak
    b = np.zeros(H)
    A_h, B_h, A_k, Y = [], [], [], []
    L = 0.0
    for t in range(T):
        a_h = X[t] @ W_ih + b @ W_hh + pah[t]          # line 16: sum_i w_ih x_i + sum_h' w_h'h b_h'^{t-1}
        b = th(a_h)                                      # line 17
        a_k = b @ W_hk + pak[t]                          # line 18
        y = th(a_k)                                      # line 19
        L += 0.5 * np.sum((y - Z[t]) ** 2)
        A_h.append(a_h); B_h.append(b); A_k.append(a_k); Y.append(y)
    if ret:
        return L, np.array(A_h), np.array(B_h), np.array(A_k), np.array(Y)
    return L


L0, A_h, B_h, A_k, Y = rnn(ret=True)
# forward rows 16-19 checked against an independent vectorised recomputation
b = np.zeros(H)
A16 = []
for t in range(T):
    a = np.array([sum(W_ih[i, h] * X[t, i] for i in range(I)) + sum(W_hh[hp, h] * b[hp] for hp in range(H)) for h in range(H)])
    A16.append(a)
    b = th(a)
check(16, A_h, np.array(A16), "pass")
check(17, B_h, th(A_h), "pass")
check(18, A_k, np.array([[sum(W_hk[h, k] * B_h[t, h] for h in range(H)) for k in range(K)] for t in range(T)]), "pass")
check(19, Y, th(A_k), "pass")

dh_true = fd(lambda e: rnn(pah=e), (T, H))      # delta_h^t = dL/da_h^t
dk_true = fd(lambda e: rnn(pak=e), (T, K))      # delta_k^t = dL/da_k^t
gW_ih = fd(lambda e: rnn(W_ih=W_ih + e), (I, H))
gW_hh = fd(lambda e: rnn(W_hh=W_hh + e), (H, H))
gW_hk = fd(lambda e: rnn(W_hk=W_hk + e), (H, K))
B_prev = np.vstack([np.zeros((1, H)), B_h[:-1]])

# line 34: dL/dw_ij = sum_t dL/da_j^t da_j^t/dw_ij  (for w_ih: da_h^t/dw_ih = x_i^t)
check(34, gW_ih, np.einsum('ti,th->ih', X, dh_true), "pass")
# line 46: delta_j^t := dL/da_j^t (definition; check that the additive-perturbation derivative matches the chain rule via W_hk grads)
check(46, gW_hk, np.einsum('th,tk->hk', B_h, dk_true), "pass")
# line 51: inline restatement with delta
check(51, gW_hh, np.einsum('th,tj->hj', B_prev, dh_true), "pass")
# line 65: input->hidden: sum_t delta_j^t x_i^t
check(65, gW_ih, np.einsum('ti,tj->ij', X, dh_true), "pass")
# line 75: hidden->hidden: sum_t delta_j^t b_i^{t-1}
check(75, gW_hh, np.einsum('ti,tj->ij', B_prev, dh_true), "pass")
# line 85: hidden->output: sum_t delta_j^t b_i^t
check(85, gW_hk, np.einsum('ti,tj->ij', B_h, dk_true), "pass")
# line 99: delta_j^t = theta'(a_j^t)(sum_k w_jk delta_k^t + sum_h w_jh delta_h^{t+1})
dh_next = np.vstack([dh_true[1:], np.zeros((1, H))])
check(99, dh_true, dth(A_h) * (dk_true @ W_hk.T + dh_next @ W_hh.T), "pass")
# line 112: delta_j^T = theta'(a_j^T) sum_k w_jk delta_k^T
check(112, dh_true[-1], dth(A_h[-1]) * (W_hk @ dk_true[-1]), "pass")
# line 124: delta_j^{T-1} = theta'(a_j^{T-1})(sum_k w_jk delta_k^{T-1} + sum_h1 w_jh1 delta_h1^T)
r124 = dth(A_h[-2]) * (W_hk @ dk_true[-2] + W_hh @ dh_true[-1])
check(124, dh_true[-2], r124, "pass")
# line 127: substitute delta_h1^T
r127 = dth(A_h[-2]) * (W_hk @ dk_true[-2] + W_hh @ (dth(A_h[-1]) * (W_hk @ dk_true[-1])))
check(127, dh_true[-2], r127, "pass")
# line 129: distributed form
r129 = dth(A_h[-2]) * (W_hk @ dk_true[-2]) + np.array([
    sum(dth(A_h[-2][j]) * dth(A_h[-1][h1]) * W_hh[j, h1] * W_hk[h1, k] * dk_true[-1][k]
        for h1 in range(H) for k in range(K)) for j in range(H)])
check(129, dh_true[-2], r129, "pass")

# ---------------------------------------------------------------- LSTM (per-cell gates)
sg = lambda a: 1 / (1 + np.exp(-a))
dsg = lambda a: sg(a) * (1 - sg(a))
g = h = np.tanh
dg = dhh = dth
Wx = {n: rng.normal(size=(I, H)) * 0.6 for n in "ifoc"}   # w_{i iota}, w_{i phi}, w_{i omega}, w_{ic}
Wh = {n: rng.normal(size=(H, H)) * 0.6 for n in "ifoc"}   # w_{h iota}, ... , w_{hc} (from cell outputs b_h^{t-1})
Wck = rng.normal(size=(H, K)) * 0.6                        # w_{ck}


def lstm(p=None, ret=False):
    p = p or {}
    P = lambda n, d: p.get(n, np.zeros((T, d)))
    bc = np.zeros(H); s = np.zeros(H)
    st = {n: [] for n in ["ai", "af", "ao", "ac", "bi", "bf", "bo", "s", "bc", "ak", "sprev"]}
    L = 0.0
    for t in range(T):
        ai = X[t] @ Wx["i"] + bc @ Wh["i"] + P("ai", H)[t]     # line 145
        af = X[t] @ Wx["f"] + bc @ Wh["f"] + P("af", H)[t]     # line 158
        ao = X[t] @ Wx["o"] + bc @ Wh["o"] + P("ao", H)[t]     # line 171
        ac = X[t] @ Wx["c"] + bc @ Wh["c"] + P("ac", H)[t]     # line 184
        bi, bf, bo = sg(ai), sg(af), sg(ao)                     # lines 151, 164, 177
        st["sprev"].append(s)
        s = bf * s + bi * g(ac) + P("s", H)[t]                  # line 190
        bc = bo * h(s) + P("bc", H)[t]                          # line 197
        ak = bc @ Wck + P("ak", K)[t]
        y = np.tanh(ak)
        L += 0.5 * np.sum((y - Z[t]) ** 2)
        for n, v in zip(["ai", "af", "ao", "ac", "bi", "bf", "bo", "s", "bc", "ak"], [ai, af, ao, ac, bi, bf, bo, s, bc, ak]):
            st[n].append(v)
    if ret:
        return L, {n: np.array(v) for n, v in st.items()}
    return L


L1, S = lstm(ret=True)
Bprev = np.vstack([np.zeros((1, H)), S["bc"][:-1]])
# forward rows: recompute with explicit index sums
for line, n in [(145, "i"), (158, "f"), (171, "o"), (184, "c")]:
    a = np.array([[sum(Wx[n][i, j] * X[t, i] for i in range(I)) + sum(Wh[n][hh, j] * Bprev[t, hh] for hh in range(H))
                   for j in range(H)] for t in range(T)])
    check(line, S["a" + n], a, "pass")
check(151, S["bi"], sg(S["ai"]), "pass")
check(164, S["bf"], sg(S["af"]), "pass")
check(177, S["bo"], sg(S["ao"]), "pass")
check(190, S["s"], S["bf"] * S["sprev"] + S["bi"] * g(S["ac"]), "pass")
check(197, S["bc"], S["bo"] * h(S["s"]), "pass")

f = lambda n, d: fd(lambda e: lstm({n: e}), (T, d))
d_i, d_f, d_o, d_c = f("ai", H), f("af", H), f("ao", H), f("ac", H)
d_k = f("ak", K)
eps_c = f("bc", H)       # epsilon_c^t = dL/db_c^t
zeta = f("s", H)         # zeta_c^t = dL/ds_c^t
nxt = lambda A: np.vstack([A[1:], np.zeros((1, A.shape[1]))])

# lines 213/215/217: definitions; check them against weight gradients (dL/dw_{ck} = sum_t b_c^t delta_k^t)
gWck = fd(lambda e: (lambda W0: (Wck.__setitem__(slice(None), W0 + e), lstm(), Wck.__setitem__(slice(None), W0))[1])(Wck.copy()), (H, K))
check(213, gWck, np.einsum('tc,tk->ck', S["bc"], d_k), "pass")
check(215, eps_c, d_k @ Wck.T + nxt(d_i) @ Wh["i"].T + nxt(d_f) @ Wh["f"].T + nxt(d_o) @ Wh["o"].T + nxt(d_c) @ Wh["c"].T, "pass")
check(217, zeta, eps_c * S["bo"] * dhh(S["s"]) + nxt(zeta) * nxt(S["bf"]), "pass")


def eps_as_written():
    # sum_k w_ck delta_k^t + sum_iota w_{c iota} delta_iota^{t+1} + ... + sum_{c'} w_{cc'} delta_c^{t+1}  (delta_c, not delta_c')
    out = d_k @ Wck.T + nxt(d_i) @ Wh["i"].T + nxt(d_f) @ Wh["f"].T + nxt(d_o) @ Wh["o"].T
    out = out + Wh["c"].sum(axis=1)[None, :] * nxt(d_c)
    return out


check(224, eps_c, eps_as_written(), "fail")
# line 234: delta_omega = theta'(a_omega) sum_c h(s_c) eps_c (sum over all cells)
check(234, d_o, dsg(S["ao"]) * (h(S["s"]) * eps_c).sum(axis=1, keepdims=True), "fail")
# line 240: zeta = b_omega h'(s) eps (no forget path)
check(240, zeta, S["bo"] * dhh(S["s"]) * eps_c, "fail")
# line 246: delta_c = b_iota g'(a_c) zeta
check(246, d_c, S["bi"] * dg(S["ac"]) * zeta, "pass")
# line 252: delta_phi = theta'(a_phi) sum_c s_c^{t-1} zeta_c
check(252, d_f, dsg(S["af"]) * (S["sprev"] * zeta).sum(axis=1, keepdims=True), "fail")
# line 258: delta_iota = theta'(a_iota) sum_c g(a_c) zeta_c
check(258, d_i, dsg(S["ai"]) * (g(S["ac"]) * zeta).sum(axis=1, keepdims=True), "fail")
# line 267: restated epsilon (same delta_c^{t+1} index slip)
check(267, eps_c, eps_as_written(), "fail")
# line 272: first expansion (gate deltas at t+1 with sums over all cells c_1)
nz, ne = nxt(zeta), nxt(eps_c)
r272 = (d_k @ Wck.T
        + (dsg(nxt(S["ai"])) * (g(nxt(S["ac"])) * nz).sum(1, keepdims=True)) @ Wh["i"].T
        + (dsg(nxt(S["af"])) * (S["s"] * nz).sum(1, keepdims=True)) @ Wh["f"].T
        + (dsg(nxt(S["ao"])) * (h(nxt(S["s"])) * ne).sum(1, keepdims=True)) @ Wh["o"].T
        + (nxt(S["bi"]) * dg(nxt(S["ac"])) * nz) @ Wh["c"].T)
check(272, eps_c, r272, "fail")
# line 286: second expansion (zeta^{t+1} replaced by b_omega^{t+1} h'(s^{t+1}) eps^{t+1})
zz = nxt(S["bo"]) * dhh(nxt(S["s"])) * ne
r286 = (d_k @ Wck.T
        + (dsg(nxt(S["ai"])) * (g(nxt(S["ac"])) * zz).sum(1, keepdims=True)) @ Wh["i"].T
        + (dsg(nxt(S["af"])) * (S["s"] * zz).sum(1, keepdims=True)) @ Wh["f"].T
        + (dsg(nxt(S["ao"])) * (h(nxt(S["s"])) * ne).sum(1, keepdims=True)) @ Wh["o"].T
        + (nxt(S["bi"]) * dg(nxt(S["ac"])) * zz) @ Wh["c"].T)
check(286, eps_c, r286, "fail")

# sanity: the per-cell versions (no sum over cells) are right, so the fails above come from the stated sums
assert np.allclose(d_o, dsg(S["ao"]) * h(S["s"]) * eps_c, atol=1e-7)
assert np.allclose(d_f, dsg(S["af"]) * S["sprev"] * zeta, atol=1e-7)
assert np.allclose(d_i, dsg(S["ai"]) * g(S["ac"]) * zeta, atol=1e-7)

print("ltrujello_vanishing_gradients_13b1f44:", len(results), "rows;",
      sum(v == "pass" for v in results.values()), "pass,", sum(v == "fail" for v in results.values()), "fail")
