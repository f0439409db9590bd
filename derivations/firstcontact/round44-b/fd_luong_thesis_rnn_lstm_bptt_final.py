"""Finite-difference check of luong_thesis_rnn_lstm_bptt_final.tex (numpy only).

Conventions of the thesis (column vectors, d<v> = gradient of the loss w.r.t. v, same shape as v):
  vanilla RNN  h_t = sigma(W_xh x_t + W_hh h_{t-1}) = sigma(T_rnn z_t), z_t = [x_t; h_{t-1}], T_rnn = [W_xh W_hh], h_0 = 0;
  s_t = W_hy h_t, p_t = softmax(s_t), J = sum_t l_t, l_t = -log p_t(y_t)   (one training sequence, no biases).
  LSTM  u_t = [i; f; o; hhat] = g(T_lstm z_t) = g(T_x x_t + T_h h_{t-1}) (g = sigm on i, f, o and tanh on hhat),
        c_t = f o c_{t-1} + i o hhat, h_t = o o tanh(c_t), same output layer and loss.  c_0 = h_0 = 0.
sigma = tanh in the FD (the text allows sigm or tanh).  Sizes: input 2, hidden 3, |Y| = 4, T = 4.
All true gradients come from central differences on hooks that add perturbations inside the forward pass.
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FNAME = "luong_thesis_rnn_lstm_bptt_final.tex"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[FNAME]
rng = np.random.default_rng(16)
EPS = 1e-6
results = {}
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
dtanh = lambda z: 1 - np.tanh(z) ** 2


def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))


def report(line, ok):
    results[line] = "OK" if ok else "MISMATCH"


def num_grad(f, v):
    v = np.array(v, float); g = np.zeros_like(v)
    for idx in np.ndindex(v.shape):
        e = np.zeros_like(v); e[idx] = EPS
        g[idx] = (f(v + e) - f(v - e)) / (2 * EPS)
    return g


def softmax(s):
    e = np.exp(s - s.max()); return e / e.sum()


dx, d, nY, T = 2, 3, 4, 4
X = [None] + [rng.normal(size=dx) for _ in range(T)]
Yl = [None] + [int(rng.integers(nY)) for _ in range(T)]
onehot = lambda y: np.eye(nY)[y]

# ------------------------------------------------------------- helpers (lines 167-242)
u, v = rng.normal(size=d), rng.normal(size=d)
report(167, close(np.diag(u) @ v, u * v))
Wg, hg = rng.normal(size=(d, d + 1)), rng.normal(size=d + 1)
cvec = rng.normal(size=d)
loss_v = lambda vv: cvec @ vv + 0.5 * vv @ vv + np.sum(np.sin(vv))     # any smooth loss of v
dv_of = lambda vv: cvec + vv + np.cos(vv)
for f_, df_, lines_h, lines_w in ((np.tanh, dtanh, (180, 189, 191, 193, 194), (182, 203, 205, 206, 207, 209)),
                                  (lambda z: z, lambda z: np.ones_like(z), (219,), (221,))):
    z = Wg @ hg; vv = f_(z); dv = dv_of(vv)
    dh_true = num_grad(lambda hh: loss_v(f_(Wg @ hh)), hg)
    dW_true = num_grad(lambda WW: loss_v(f_(WW @ hg)), Wg)
    ok_h = close(Wg.T @ (df_(z) * dv), dh_true) and close(Wg.T @ np.diag(df_(z)) @ dv, dh_true)
    ok_w = close(np.outer(df_(z) * dv, hg), dW_true) and all(close(hg * df_(z)[i] * dv[i], dW_true[i]) for i in range(d))
    for ln in lines_h:
        report(ln, ok_h)
    for ln in lines_w:
        report(ln, ok_w)
for f_, df_, lines in ((np.tanh, dtanh, (231, 232)), (lambda z: z, lambda z: np.ones_like(z), (241, 242))):
    uu, vv = rng.normal(size=d), rng.normal(size=d)
    ss = uu * f_(vv); ds = dv_of(ss)
    du_true = num_grad(lambda a: loss_v(a * f_(vv)), uu)
    dvv_true = num_grad(lambda b: loss_v(uu * f_(b)), vv)
    report(lines[0], close(f_(vv) * ds, du_true))
    report(lines[1], close(df_(vv) * uu * ds, dvv_true))

# ------------------------------------------------------------- vanilla RNN
Wxh, Whh, Why = rng.normal(size=(d, dx)), rng.normal(size=(d, d)), rng.normal(size=(nY, d))


def rnn_forward(Wxh=Wxh, Whh=Whh, Why=Why, X=X, ph=None, ps=None):
    ph, ps = ph or {}, ps or {}
    h = {0: np.zeros(d)}; s = {}; p = {}; J = 0.0; a = {}
    for t in range(1, T + 1):
        a[t] = Wxh @ X[t] + Whh @ h[t - 1]
        h[t] = np.tanh(a[t]) + ph.get(t, 0)
        s[t] = Why @ h[t] + ps.get(t, 0)
        p[t] = softmax(s[t])
        J += -np.log(p[t][Yl[t]])
    return J, h, s, p, a


J0, H, S, Pp, A = rnn_forward()
Trnn = np.hstack([Wxh, Whh])
report(96, all(close(H[t], np.tanh(Trnn @ np.concatenate([X[t], H[t - 1]]))) for t in range(1, T + 1)))
for ln in (106, 107, 121, 131, 306):
    report(ln, True)                     # definitions used to build the forward pass (306 = 96 with T_rnn, checked above)
report(306, results[96] == "OK")
dS = {t: num_grad(lambda ss, t=t: rnn_forward(ps={t: ss - S[t]})[0], S[t]) for t in range(1, T + 1)}
lt = lambda ss, t: -np.log(softmax(ss)[Yl[t]])
ok = all(close(num_grad(lambda ss: lt(ss, t), S[t]), Pp[t] - onehot(Yl[t])) for t in range(1, T + 1))
report(265, ok); report(270, ok); report(279, ok)
report(291, all(close(Why.T @ (Pp[t] - onehot(Yl[t])), num_grad(lambda hh: lt(Why @ hh, t), H[t])) for t in range(1, T + 1)))
report(293, all(close(np.outer(Pp[t] - onehot(Yl[t]), H[t]), num_grad(lambda WW: lt(WW @ H[t], t), Why)) for t in range(1, T + 1)))
# single-step lemma use (312-334): for a loss l(h_t) with h_t = tanh(T z_t)
t = 3
cl = rng.normal(size=d)
lh = lambda hh: cl @ hh + 0.5 * hh @ hh
zt = np.concatenate([X[t], H[t - 1]]); dht = cl + np.tanh(Trnn @ zt)
g = dtanh(Trnn @ zt) * dht
report(312, close(Trnn.T @ g, num_grad(lambda zz: lh(np.tanh(Trnn @ zz)), zt)))
report(315, close(np.outer(g, zt), num_grad(lambda TT: lh(np.tanh(TT @ zt)), Trnn)))
report(328, close(Wxh.T @ g, num_grad(lambda xx: lh(np.tanh(Wxh @ xx + Whh @ H[t - 1])), X[t])))
report(330, close(Whh.T @ g, num_grad(lambda hh: lh(np.tanh(Wxh @ X[t] + Whh @ hh)), H[t - 1])))
report(332, close(np.outer(g, X[t]), num_grad(lambda WW: lh(np.tanh(WW @ X[t] + Whh @ H[t - 1])), Wxh)))
report(334, close(np.outer(g, H[t - 1]), num_grad(lambda WW: lh(np.tanh(Wxh @ X[t] + WW @ H[t - 1])), Whh)))

# BPTT algorithm for the vanilla RNN (lines 359-379), run with the correct ds for the other lines
dJ_dWhy = num_grad(lambda WW: rnn_forward(Why=WW)[0], Why)
dJ_dWxh = num_grad(lambda WW: rnn_forward(Wxh=WW)[0], Wxh)
dJ_dWhh = num_grad(lambda WW: rnn_forward(Whh=WW)[0], Whh)
dJ_dh = {t: num_grad(lambda hh, t=t: rnn_forward(ph={t: hh - H[t]})[0], H[t]) for t in range(1, T + 1)}
dJ_dx = {t: num_grad(lambda xx, t=t: rnn_forward(X=[xx if k == t else X[k] for k in range(T + 1)])[0], X[t]) for t in range(1, T + 1)}
report(359, all(close(onehot(Yl[t]) - Pp[t], dS[t]) for t in range(1, T + 1)))
dWhy = np.zeros_like(Why); dWxh = np.zeros_like(Wxh); dWhh = np.zeros_like(Whh)
dh = {t: np.zeros(d) for t in range(0, T + 1)}
ok365 = ok376 = ok379 = True
for t in range(T, 0, -1):
    ds = Pp[t] - onehot(Yl[t])                        # correct ds (line 279)
    dWhy = dWhy + np.outer(ds, H[t])
    dh[t] = dh[t] + Why.T @ ds
    ok365 &= close(dh[t], dJ_dh[t])
    gg = dtanh(A[t]) * dh[t]
    dWxh = dWxh + np.outer(gg, X[t])
    dWhh = dWhh + np.outer(gg, H[t - 1])
    dxt = Wxh.T @ gg
    ok376 &= close(dxt, dJ_dx[t])
    dh[t - 1] = Whh.T @ gg
    if t > 1:
        ok379 &= close(dh[t - 1], dJ_dh[t - 1] - Why.T @ (Pp[t - 1] - onehot(Yl[t - 1])))
report(362, close(dWhy, dJ_dWhy)); report(365, ok365); report(369, close(dWxh, dJ_dWxh))
report(372, close(dWhh, dJ_dWhh)); report(376, ok376); report(379, ok379)
report(403, ok379)
# line 408: with the loss only at step t (intermediate losses ignored), dh_{t-K} = prod_{i=1}^{K} (W_hh^T diag(sigma'(a_{t-i+1}))) dh_t
tt, K = 4, 3
cl2 = rng.normal(size=d)


def only_last(ph_extra):
    _, h, _, _, _ = rnn_forward(ph=ph_extra)
    return cl2 @ h[tt]


dh_t = cl2
dh_tK = num_grad(lambda hh: only_last({tt - K: hh - H[tt - K]}), H[tt - K])
left_to_right = np.eye(d)
for i in range(1, K + 1):
    left_to_right = left_to_right @ (Whh.T @ np.diag(dtanh(A[tt - i + 1])))
right_to_left = np.eye(d)
for i in range(1, K + 1):
    right_to_left = (Whh.T @ np.diag(dtanh(A[tt - i + 1]))) @ right_to_left
assert close(right_to_left @ dh_t, dh_tK)
report(408, close(left_to_right @ dh_t, dh_tK))

# ------------------------------------------------------------- LSTM
# intuition forms (462-485) are model definitions; 462/464 checked for the stated equivalence h_t = h_{t-1} + sigma(...)
hprev, xt_ = rng.normal(size=d), X[1]
c_simple = hprev + np.tanh(Wxh @ xt_ + Whh @ hprev)
report(462, True); report(464, close(c_simple, hprev + np.tanh(Wxh @ xt_ + Whh @ hprev)))
report(483, True); report(485, True)
Tx = rng.normal(size=(4 * d, dx)) * 0.8
Th = rng.normal(size=(4 * d, d)) * 0.8
Wy = rng.normal(size=(nY, d))


def gfun(a):
    return np.concatenate([sig(a[:3 * d]), np.tanh(a[3 * d:])])


def gprime(a):
    return np.concatenate([dsig(a[:3 * d]), dtanh(a[3 * d:])])


def lstm_forward(Tx=Tx, Th=Th, Wy=Wy, X=X, pu=None, pc=None, ph=None, ps=None, loss_last_only=None):
    pu, pc, ph, ps = pu or {}, pc or {}, ph or {}, ps or {}
    h = {0: np.zeros(d)}; c = {0: np.zeros(d)}; U_ = {}; A_ = {}; s = {}; p = {}; J = 0.0
    for t in range(1, T + 1):
        A_[t] = Tx @ X[t] + Th @ h[t - 1]
        U_[t] = gfun(A_[t]) + pu.get(t, 0)
        i_, f_, o_, hh_ = U_[t][:d], U_[t][d:2 * d], U_[t][2 * d:3 * d], U_[t][3 * d:]
        c[t] = f_ * c[t - 1] + i_ * hh_ + pc.get(t, 0)
        h[t] = o_ * np.tanh(c[t]) + ph.get(t, 0)
        s[t] = Wy @ h[t] + ps.get(t, 0)
        p[t] = softmax(s[t])
        J += -np.log(p[t][Yl[t]])
    if loss_last_only is not None:
        J = loss_last_only @ h[T]
    return J, h, c, U_, A_, s, p


Jl, Hl, Cl, Ul, Al, Sl, Pl = lstm_forward()
Tl = np.hstack([Tx, Th])
ok_def = all(close(Ul[t], gfun(Tl @ np.concatenate([X[t], Hl[t - 1]]))) for t in range(1, T + 1))
for ln in (500, 523, 524, 534, 535):
    report(ln, ok_def)
I_, F_, O_, G_ = (lambda t: Ul[t][:d]), (lambda t: Ul[t][d:2 * d]), (lambda t: Ul[t][2 * d:3 * d]), (lambda t: Ul[t][3 * d:])
# 565 / 566 with a loss that depends on h_T only (so dc_T has no carry)
cl3 = rng.normal(size=d)
dhT = cl3
do_true = num_grad(lambda uu: lstm_forward(pu={T: np.concatenate([np.zeros(2 * d), uu - O_(T), np.zeros(d)])}, loss_last_only=cl3)[0], O_(T))
dcT_true = num_grad(lambda cc: lstm_forward(pc={T: cc - Cl[T]}, loss_last_only=cl3)[0], Cl[T])
report(565, close(np.tanh(Cl[T]) * dhT, do_true))
report(566, close(dtanh(Cl[T]) * O_(T) * dhT, dcT_true))
# total gradients of J for the LSTM
dU = {t: num_grad(lambda uu, t=t: lstm_forward(pu={t: uu - Ul[t]})[0], Ul[t]) for t in range(1, T + 1)}
dC = {t: num_grad(lambda cc, t=t: lstm_forward(pc={t: cc - Cl[t]})[0], Cl[t]) for t in range(1, T + 1)}
dHl = {t: num_grad(lambda hh, t=t: lstm_forward(ph={t: hh - Hl[t]})[0], Hl[t]) for t in range(1, T + 1)}
dXl = {t: num_grad(lambda xx, t=t: lstm_forward(X=[xx if k == t else X[k] for k in range(T + 1)])[0], X[t]) for t in range(1, T + 1)}
dTx = num_grad(lambda M: lstm_forward(Tx=M)[0], Tx)
dTh = num_grad(lambda M: lstm_forward(Th=M)[0], Th)
dWy = num_grad(lambda M: lstm_forward(Wy=M)[0], Wy)
Cm = lambda t: Cl[t - 1]
ok574 = all(close(Cm(t) * dC[t], dU[t][d:2 * d]) for t in range(1, T + 1))
ok576 = all(close(G_(t) * dC[t], dU[t][:d]) for t in range(1, T + 1))
ok577 = all(close(I_(t) * dC[t], dU[t][3 * d:]) for t in range(1, T + 1))
ok575 = all(close(F_(t) * dC[t], dC[t - 1] - dtanh(Cl[t - 1]) * O_(t - 1) * dHl[t - 1]) for t in range(2, T + 1))
report(574, ok574); report(575, ok575); report(576, ok576); report(577, ok577)
gpu = {t: gprime(Al[t]) * dU[t] for t in range(1, T + 1)}
report(583, all(close(Tx.T @ gpu[t], dXl[t]) for t in range(1, T + 1)))
report(585, all(close(Th.T @ gpu[t], dHl[t - 1] - Wy.T @ (Pl[t - 1] - onehot(Yl[t - 1]))) for t in range(2, T + 1)))
report(587, close(sum(np.outer(gpu[t], X[t]) for t in range(1, T + 1)), dTx))
report(589, close(sum(np.outer(gpu[t], Hl[t - 1]) for t in range(1, T + 1)), dTh))

# BPTT algorithm for LSTM (599-639), simulated as written (with the correct ds for the lines after 599)
dSl = {t: num_grad(lambda ss, t=t: lstm_forward(ps={t: ss - Sl[t]})[0], Sl[t]) for t in range(1, T + 1)}
report(599, all(close(onehot(Yl[t]) - Pl[t], dSl[t]) for t in range(1, T + 1)))
dWy_acc = np.zeros_like(Wy); dTx_alg = np.zeros_like(Tx); dTh_alg = np.zeros_like(Th)
dTx_acc = np.zeros_like(Tx); dTh_acc = np.zeros_like(Th)
dh_ = {t: np.zeros(d) for t in range(0, T + 1)}; dc_ = {t: np.zeros(d) for t in range(0, T + 1)}
oks = {k: True for k in (605, 609, 612, 615, 618, 621, 624, 626, 636, 639)}
for t in range(T, 0, -1):
    ds = Pl[t] - onehot(Yl[t])
    dWy_acc = dWy_acc + np.outer(ds, Hl[t])
    dh_[t] = dh_[t] + Wy.T @ ds
    oks[605] &= close(dh_[t], dHl[t])
    do = np.tanh(Cl[t]) * dh_[t]
    oks[609] &= close(do, dU[t][2 * d:3 * d])
    dc_[t] = dc_[t] + dtanh(Cl[t]) * O_(t) * dh_[t]
    oks[612] &= close(dc_[t], dC[t])
    df = Cm(t) * dc_[t]; oks[615] &= close(df, dU[t][d:2 * d])
    di = G_(t) * dc_[t]; oks[618] &= close(di, dU[t][:d])
    dg = I_(t) * dc_[t]; oks[621] &= close(dg, dU[t][3 * d:])
    dc_[t - 1] = F_(t) * dc_[t]
    if t > 1:
        oks[624] &= close(dc_[t - 1], dC[t - 1] - dtanh(Cl[t - 1]) * O_(t - 1) * dHl[t - 1])
    du = np.concatenate([di, df, do, dg]); oks[626] &= close(du, dU[t])
    gg = gprime(Al[t]) * du
    dTx_alg = np.outer(gg, X[t])                   # line 629 as written (overwrite)
    dTh_alg = np.outer(gg, Hl[t - 1])              # line 632 as written (overwrite)
    dTx_acc += np.outer(gg, X[t]); dTh_acc += np.outer(gg, Hl[t - 1])
    oks[636] &= close(Tx.T @ gg, dXl[t])
    dh_[t - 1] = Th.T @ gg
    if t > 1:
        oks[639] &= close(dh_[t - 1], dHl[t - 1] - Wy.T @ (Pl[t - 1] - onehot(Yl[t - 1])))
assert close(dTx_acc, dTx) and close(dTh_acc, dTh)
report(602, close(dWy_acc, dWy))
for k, vres in oks.items():
    report(k, vres)
report(629, close(dTx_alg, dTx)); report(632, close(dTh_alg, dTh))

agree = 0
for line in sorted(results):
    exp = EXP[str(line)]["expected"]
    want = "OK" if exp == "pass" else "MISMATCH"
    a_ = results[line] == want
    agree += a_
    print(f"line {line:4d}: {results[line]:8s} expected {exp:4s} -> {'agrees' if a_ else 'DISAGREES'}")
extra = sorted(set(results) - set(map(int, EXP)))
missing = sorted(set(map(int, EXP)) - set(results))
print(f"{agree}/{len(results)} agree; annotated but unchecked: {missing}; checked but not annotated: {extra}")
