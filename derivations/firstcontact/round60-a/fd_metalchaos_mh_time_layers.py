"""FD check for metalchaos_mh_time_layers.md (numpy only, float64, deterministic)."""
import numpy as np

rng = np.random.default_rng(60)
EPS = 1e-6
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
results = {}


def num_grad(fun, X):
    X = X.astype(np.float64)
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        k = it.multi_index
        old = X[k]
        X[k] = old + EPS; fp = fun(X)
        X[k] = old - EPS; fm = fun(X)
        X[k] = old
        G[k] = (fp - fm) / (2 * EPS)
    return G


def close(a, b):
    return np.allclose(a, b, rtol=1e-5, atol=1e-7)


def rec(line, ok, expected):
    results[line] = (ok, expected)


N, D, H = 3, 4, 5
# ---------------- RNN cell (lines 15-31) ----------------
x = rng.standard_normal((N, D)); h_prev = rng.standard_normal((N, H))
Wx = rng.standard_normal((D, H)) * 0.5; Wh = rng.standard_normal((H, H)) * 0.5; b = rng.standard_normal(H) * 0.5
G = rng.standard_normal((N, H))  # dh_next = dL/dh_next, L = sum(G*h_next)


def rnn_L(x=x, h_prev=h_prev, Wx=Wx, Wh=Wh, b=b):
    return np.sum(G * np.tanh(np.dot(h_prev, Wh) + np.dot(x, Wx) + b))

# forward rows
t = np.dot(h_prev, Wh) + np.dot(x, Wx) + b            # line 15
h_next = np.tanh(t)                                    # line 16
ref_t = (x @ Wx) + (h_prev @ Wh) + b
rec(15, close(t, ref_t), "pass"); rec(16, close(h_next, np.tanh(ref_t)), "pass")
dh_next = G
dt = dh_next * (1 - h_next**2)                         # line 25
rec(25, close(dt, num_grad(lambda T_: np.sum(G * np.tanh(T_)), t.copy())), "pass")
db = np.sum(dt, axis=0)                                # 27
rec(27, close(db, num_grad(lambda B: rnn_L(b=B), b.copy())), "pass")
dWh = np.dot(h_prev.T, dt)                             # 28
rec(28, close(dWh, num_grad(lambda W: rnn_L(Wh=W), Wh.copy())), "pass")
dh_prev = np.dot(dt, Wh.T)                             # 29
rec(29, close(dh_prev, num_grad(lambda Hp: rnn_L(h_prev=Hp), h_prev.copy())), "pass")
dWx = np.dot(x.T, dt)                                  # 30
rec(30, close(dWx, num_grad(lambda W: rnn_L(Wx=W), Wx.copy())), "pass")
dx = np.dot(dt, Wx.T)                                  # 31
rec(31, close(dx, num_grad(lambda X: rnn_L(x=X), x.copy())), "pass")

# ---------------- TimeRNN backward (lines 53, 59) ----------------
T = 3
xs = rng.standard_normal((N, T, D)); h0 = rng.standard_normal((N, H))
dhs = rng.standard_normal((N, T, H))


def rnn_seq(xs, h0, Wx, Wh, b):
    h = h0; hs = []; cache = []
    for tt in range(T):
        hp = h
        h = np.tanh(hp @ Wh + xs[:, tt, :] @ Wx + b)
        hs.append(h); cache.append((xs[:, tt, :], hp, h))
    return np.stack(hs, 1), cache


def seq_L(xs=xs, h0=h0, Wx=Wx, Wh=Wh, b=b):
    hs, _ = rnn_seq(xs, h0, Wx, Wh, b)
    return np.sum(dhs * hs)

_, cache = rnn_seq(xs, h0, Wx, Wh, b)


def rnn_cell_backward(dh_next, c):
    xx, hp, hn = c
    dt_ = dh_next * (1 - hn**2)
    return dt_ @ Wx.T, dt_ @ Wh.T, [xx.T @ dt_, hp.T @ dt_, dt_.sum(0)]

dxs = np.empty((N, T, D)); dh = 0; grads = [0, 0, 0]
for tt in reversed(range(T)):
    dx_, dh, lg = rnn_cell_backward(dhs[:, tt, :] + dh, cache[tt])   # line 53
    dxs[:, tt, :] = dx_
    for k, gg in enumerate(lg):
        grads[k] += gg                                               # line 59
ok53 = close(dxs, num_grad(lambda X: seq_L(xs=X), xs.copy())) and close(dh, num_grad(lambda Hh: seq_L(h0=Hh), h0.copy()))
rec(53, ok53, "pass")
ok59 = (close(grads[0], num_grad(lambda W: seq_L(Wx=W), Wx.copy())) and close(grads[1], num_grad(lambda W: seq_L(Wh=W), Wh.copy()))
        and close(grads[2], num_grad(lambda B: seq_L(b=B), b.copy())))
rec(59, ok59, "pass")

# ---------------- LSTM cell (lines 86-138) ----------------
Wx4 = rng.standard_normal((D, 4 * H)) * 0.5; Wh4 = rng.standard_normal((H, 4 * H)) * 0.5; b4 = rng.standard_normal(4 * H) * 0.5
c_prev = rng.standard_normal((N, H))
Gh = rng.standard_normal((N, H)); Gc = rng.standard_normal((N, H))   # dh_next, dc_next
# intended model (docstring + book): f,g,i,o slices; i = sigmoid(i-slice)


def lstm_fwd(x=x, h_prev=h_prev, c_prev=c_prev, Wx=Wx4, Wh=Wh4, b=b4):
    A = x @ Wx + h_prev @ Wh + b
    f = sig(A[:, :H]); g = np.tanh(A[:, H:2*H]); i = sig(A[:, 2*H:3*H]); o = sig(A[:, 3*H:])
    c = f * c_prev + g * i
    return o * np.tanh(c), c, (A, f, g, i, o)


def lstm_L(**kw):
    hn, cn, _ = lstm_fwd(**kw)
    return np.sum(Gh * hn) + np.sum(Gc * cn)


def L_from_A(A):
    f = sig(A[:, :H]); g = np.tanh(A[:, H:2*H]); i = sig(A[:, 2*H:3*H]); o = sig(A[:, 3*H:])
    c = f * c_prev + g * i
    return np.sum(Gh * o * np.tanh(c)) + np.sum(Gc * c)


def L_from_act(f, g, i, o):
    c = f * c_prev + g * i
    return np.sum(Gh * o * np.tanh(c)) + np.sum(Gc * c)

# author's forward rows, as written
A = np.dot(x, Wx4) + np.dot(h_prev, Wh4) + b4          # 86
rec(86, close(A, x @ Wx4 + h_prev @ Wh4 + b4), "pass")
f = A[:, :H]; g = A[:, H:2*H]; i = A[:, 2*H:3*H]; o = A[:, 3*H:]
f = sigmoid_f = sig(f)                                  # 93
g = np.tanh(g)                                          # 94
i_author = sig(f)                                       # 95  (i = sigmoid(f)) -- as written
o = sig(o)                                              # 96
_, _, (Ar, fr, gr, ir, orr) = lstm_fwd()
rec(93, close(f, fr), "pass"); rec(94, close(g, gr), "pass"); rec(96, close(o, orr), "pass")
rec(95, close(i_author, ir), "fail")                    # sigmoid(sigmoid(A_f)) != sigmoid(A_i)
i = ir  # judge later rows with the true value of i
c_next = f * c_prev + g * i                             # 98
h_next = o * np.tanh(c_next)                            # 99
hn_ref, cn_ref, _ = lstm_fwd()
rec(98, close(c_next, cn_ref), "pass"); rec(99, close(h_next, hn_ref), "pass")

dh_next, dc_next = Gh, Gc
tanh_c_next = np.tanh(c_next)                           # 108
rec(108, close(tanh_c_next, np.tanh(cn_ref)), "pass")
ds = dc_next + (dh_next * o) * (1 - tanh_c_next ** 2)   # 110
rec(110, close(ds, num_grad(lambda C: np.sum(Gh * o * np.tanh(C)) + np.sum(Gc * C), c_next.copy())), "pass")
dc_prev = ds * f                                        # 115
rec(115, close(dc_prev, num_grad(lambda C: lstm_L(c_prev=C), c_prev.copy())), "pass")
di = ds * g                                             # 117
rec(117, close(di, num_grad(lambda I: L_from_act(f, g, I, o), i.copy())), "pass")
df = ds * c_prev                                        # 118
rec(118, close(df, num_grad(lambda F: L_from_act(F, g, i, o), f.copy())), "pass")
do = dh_next * tanh_c_next                              # 119
rec(119, close(do, num_grad(lambda O: L_from_act(f, g, i, O), o.copy())), "pass")
dg = ds * i                                             # 120
rec(120, close(dg, num_grad(lambda Gg: L_from_act(f, Gg, i, o), g.copy())), "pass")
dA_num = num_grad(L_from_A, Ar.copy())
di = di * (i * (1 - i))                                 # 122
df = df * (f * (1 - f))                                 # 123
do = do * (o * (1 - o))                                 # 124
dg = dg * (1 - g**2)                                    # 125
rec(122, close(di, dA_num[:, 2*H:3*H]), "pass")
rec(123, close(df, dA_num[:, :H]), "pass")
rec(124, close(do, dA_num[:, 3*H:]), "pass")
rec(125, close(dg, dA_num[:, H:2*H]), "pass")
dA = np.hstack((df, dg, di, do))                        # 127
rec(127, close(dA, dA_num), "pass")
dWh = np.dot(h_prev.T, dA)                              # 129
rec(129, close(dWh, num_grad(lambda W: lstm_L(Wh=W), Wh4.copy())), "pass")
dWx = np.dot(x.T, dA)                                   # 130
rec(130, close(dWx, num_grad(lambda W: lstm_L(Wx=W), Wx4.copy())), "pass")
db = dA.sum(axis=0)                                     # 131
rec(131, close(db, num_grad(lambda B: lstm_L(b=B), b4.copy())), "pass")
dx = np.dot(dA, Wx4.T)                                  # 137
rec(137, close(dx, num_grad(lambda X: lstm_L(x=X), x.copy())), "pass")
dh_prev = np.dot(dA, Wh4.T)                             # 138
rec(138, close(dh_prev, num_grad(lambda Hp: lstm_L(h_prev=Hp), h_prev.copy())), "pass")

# ---------------- TimeLSTM backward (lines 157, 160) ----------------
c0 = np.zeros((N, H))


def lstm_seq(xs, h0, Wx, Wh, b):
    h, c = h0, c0; hs = []; caches = []
    for tt in range(T):
        xt = xs[:, tt, :]
        hn, cn, (A_, f_, g_, i_, o_) = lstm_fwd(x=xt, h_prev=h, c_prev=c, Wx=Wx, Wh=Wh, b=b)
        caches.append((xt, h, c, i_, f_, g_, o_, cn)); h, c = hn, cn; hs.append(h)
    return np.stack(hs, 1), caches


def lseq_L(xs=xs, h0=h0, Wx=Wx4, Wh=Wh4, b=b4):
    return np.sum(dhs * lstm_seq(xs, h0, Wx, Wh, b)[0])


def cell_bwd(dh_next, dc_next, cache):
    xx, hp, cp, i_, f_, g_, o_, cn = cache
    tc = np.tanh(cn)
    ds_ = dc_next + (dh_next * o_) * (1 - tc**2)
    dA_ = np.hstack((ds_ * cp * f_ * (1 - f_), ds_ * i_ * (1 - g_**2), ds_ * g_ * i_ * (1 - i_), dh_next * tc * o_ * (1 - o_)))
    return dA_ @ Wx4.T, dA_ @ Wh4.T, ds_ * f_, [xx.T @ dA_, hp.T @ dA_, dA_.sum(0)]

_, caches = lstm_seq(xs, h0, Wx4, Wh4, b4)
dxs = np.empty((N, T, D)); dh, dc = 0, 0; grads = [0, 0, 0]
for tt in reversed(range(T)):
    dx_, dh, dc, lg = cell_bwd(dhs[:, tt, :] + dh, dc, caches[tt])   # 157
    dxs[:, tt, :] = dx_
    for k, gg in enumerate(lg):
        grads[k] += gg                                               # 160
rec(157, close(dxs, num_grad(lambda X: lseq_L(xs=X), xs.copy())) and close(dh, num_grad(lambda Hh: lseq_L(h0=Hh), h0.copy())), "pass")
rec(160, close(grads[0], num_grad(lambda W: lseq_L(Wx=W), Wx4.copy())) and close(grads[1], num_grad(lambda W: lseq_L(Wh=W), Wh4.copy()))
    and close(grads[2], num_grad(lambda B: lseq_L(b=B), b4.copy())), "pass")

bad = []
for line, (ok, exp) in sorted(results.items()):
    verdict = "pass" if ok else "fail"
    print(f"line {line}: {verdict} (expected {exp})")
    if verdict != exp:
        bad.append(line)
assert not bad, f"verdict mismatch on lines {bad}"
print("all", len(results), "verdicts confirmed")
