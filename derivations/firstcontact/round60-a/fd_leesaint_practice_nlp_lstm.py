"""FD check for leesaint_practice_nlp_lstm.md (numpy only, float64, deterministic)."""
import numpy as np

rng = np.random.default_rng(601)
EPS = 1e-6
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
results = {}


def num_grad(fun, X):
    X = X.astype(np.float64); G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        k = it.multi_index; old = X[k]
        X[k] = old + EPS; fp = fun(X)
        X[k] = old - EPS; fm = fun(X)
        X[k] = old; G[k] = (fp - fm) / (2 * EPS)
    return G


def close(a, b):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)


def rec(line, ok, exp):
    results[line] = (ok, exp)


N, D, H, T = 3, 4, 5, 3
x = rng.standard_normal((N, D)); h_prev = rng.standard_normal((N, H)); c_prev = rng.standard_normal((N, H))
Wx = rng.standard_normal((D, 4 * H)) * 0.5; Wh = rng.standard_normal((H, 4 * H)) * 0.5; b = rng.standard_normal(4 * H) * 0.5
Gh = rng.standard_normal((N, H)); Gc = rng.standard_normal((N, H))  # dh_next, dc_next; L = sum(Gh*h_next)+sum(Gc*c_next)


def fwd(x=x, h_prev=h_prev, c_prev=c_prev, Wx=Wx, Wh=Wh, b=b):
    A = x @ Wx + h_prev @ Wh + b
    f = sig(A[:, :H]); g = np.tanh(A[:, H:2*H]); i = sig(A[:, 2*H:3*H]); o = sig(A[:, 3*H:])
    c = f * c_prev + g * i
    return o * np.tanh(c), c, (A, f, g, i, o)


def L(**kw):
    hn, cn, _ = fwd(**kw)
    return np.sum(Gh * hn) + np.sum(Gc * cn)


def L_act(f, g, i, o):
    c = f * c_prev + g * i
    return np.sum(Gh * o * np.tanh(c)) + np.sum(Gc * c)


def L_A(A):
    return L_act(sig(A[:, :H]), np.tanh(A[:, H:2*H]), sig(A[:, 2*H:3*H]), sig(A[:, 3*H:]))

hr, cr, (Ar, fr, gr, ir, orr) = fwd()
A = np.matmul(x, Wx) + np.matmul(h_prev, Wh) + b        # 16
rec(16, close(A, Ar), "pass")
o_author = A[:, 3*H]                                     # 22  (missing ':')
rec(22, close(o_author, A[:, 3*H:]), "fail")             # shape (N,) single column instead of (N,H)
f = sig(A[:, :H])                                        # 24
g = np.tanh(A[:, H:2*H])                                 # 25
i = sig(A[:, 2*H:3*H])                                   # 26
o = sig(A[:, 3*H:])                                      # 27 (as formula, with the true o pre-activation)
rec(24, close(f, fr), "pass"); rec(25, close(g, gr), "pass"); rec(26, close(i, ir), "pass"); rec(27, close(o, orr), "pass")
c_next = f * c_prev + g * i                              # 29
h_next = o * np.tanh(c_next)                             # 30
rec(29, close(c_next, cr), "pass"); rec(30, close(h_next, hr), "pass")
rec(39, hasattr(np, "tahn"), "fail")                     # np.tahn does not exist -> AttributeError
tahn_c_next = np.tanh(c_next)                            # true value of the intended row
dh_next, dc_next = Gh, Gc
ds = dc_next + (dh_next * o) * (1 - tahn_c_next**2)      # 41
rec(41, close(ds, num_grad(lambda C: np.sum(Gh * o * np.tanh(C)) + np.sum(Gc * C), c_next.copy())), "pass")
dc_prev = ds * f                                         # 43
rec(43, close(dc_prev, num_grad(lambda C: L(c_prev=C), c_prev.copy())), "pass")
di = ds * g                                              # 45
df = ds * c_prev                                         # 46
do = dh_next * tahn_c_next                               # 47
dg = ds * i                                              # 48
rec(45, close(di, num_grad(lambda I: L_act(f, g, I, o), i.copy())), "pass")
rec(46, close(df, num_grad(lambda F: L_act(F, g, i, o), f.copy())), "pass")
rec(47, close(do, num_grad(lambda O: L_act(f, g, i, O), o.copy())), "pass")
rec(48, close(dg, num_grad(lambda Gg: L_act(f, Gg, i, o), g.copy())), "pass")
dAn = num_grad(L_A, Ar.copy())
di = di * (i * (1 - i))                                  # 50
df = df * (f * (1 - f))                                  # 51
do = do * (o * (1 - o))                                  # 52
dg = dg * (1 - g**2)                                     # 53
rec(50, close(di, dAn[:, 2*H:3*H]), "pass"); rec(51, close(df, dAn[:, :H]), "pass")
rec(52, close(do, dAn[:, 3*H:]), "pass"); rec(53, close(dg, dAn[:, H:2*H]), "pass")
dA = np.hstack((df, dg, di, do))                         # 55
rec(55, close(dA, dAn), "pass")
dWh = np.dot(h_prev.T, dA)                               # 57
dWx = np.dot(x.T, dA)                                    # 58
db = dA.sum(axis=0)                                      # 59
rec(57, close(dWh, num_grad(lambda W: L(Wh=W), Wh.copy())), "pass")
rec(58, close(dWx, num_grad(lambda W: L(Wx=W), Wx.copy())), "pass")
rec(59, close(db, num_grad(lambda B: L(b=B), b.copy())), "pass")
dx = np.dot(dA, Wx.T)                                    # 65
dh_prev = np.dot(dA, Wh.T)                               # 66
rec(65, close(dx, num_grad(lambda X: L(x=X), x.copy())), "pass")
rec(66, close(dh_prev, num_grad(lambda Hp: L(h_prev=Hp), h_prev.copy())), "pass")

# ---- TimeLSTM: forward recursion (95), backward loop (113), accumulation (116)
xs = rng.standard_normal((N, T, D)); dhs = rng.standard_normal((N, T, H))


def seq(xs, Wx=Wx, Wh=Wh, b=b):
    h = np.zeros((N, H)); c = np.zeros((N, H)); hs = []; caches = []
    for t in range(T):
        hn, cn, (A_, f_, g_, i_, o_) = fwd(x=xs[:, t, :], h_prev=h, c_prev=c, Wx=Wx, Wh=Wh, b=b)   # 95
        caches.append((xs[:, t, :], h, c, i_, f_, g_, o_, cn)); h, c = hn, cn; hs.append(h)
    return np.stack(hs, 1), caches


def seqL(xs=xs, Wx=Wx, Wh=Wh, b=b):
    return np.sum(dhs * seq(xs, Wx, Wh, b)[0])

hs, caches = seq(xs)
# line 95 check: step-by-step recursion equals an independent unrolled computation
h = np.zeros((N, H)); c = np.zeros((N, H)); ok95 = True
for t in range(T):
    A_ = xs[:, t, :] @ Wx + h @ Wh + b
    c = sig(A_[:, :H]) * c + np.tanh(A_[:, H:2*H]) * sig(A_[:, 2*H:3*H]); h = sig(A_[:, 3*H:]) * np.tanh(c)
    ok95 &= close(hs[:, t, :], h)
rec(95, ok95, "pass")


def cell_bwd(dh_next, dc_next, cache):
    xx, hp, cp, i_, f_, g_, o_, cn = cache
    tc = np.tanh(cn); ds_ = dc_next + (dh_next * o_) * (1 - tc**2)
    dA_ = np.hstack((ds_ * cp * f_ * (1 - f_), ds_ * i_ * (1 - g_**2), ds_ * g_ * i_ * (1 - i_), dh_next * tc * o_ * (1 - o_)))
    return dA_ @ Wx.T, dA_ @ Wh.T, ds_ * f_, [xx.T @ dA_, hp.T @ dA_, dA_.sum(0)]

dxs = np.empty((N, T, D)); dh, dc = 0, 0; grads = [0, 0, 0]
for t in reversed(range(T)):
    dx_, dh, dc, lg = cell_bwd(dhs[:, t, :] + dh, dc, caches[t])   # 113
    dxs[:, t, :] = dx_
    for k, gg in enumerate(lg):
        grads[k] += gg                                              # 116
rec(113, close(dxs, num_grad(lambda X: seqL(xs=X), xs.copy())), "pass")
rec(116, close(grads[0], num_grad(lambda W: seqL(Wx=W), Wx.copy())) and close(grads[1], num_grad(lambda W: seqL(Wh=W), Wh.copy()))
    and close(grads[2], num_grad(lambda B: seqL(b=B), b.copy())), "pass")

bad = []
for line, (ok, exp) in sorted(results.items()):
    v = "pass" if ok else "fail"
    print(f"line {line}: {v} (expected {exp})")
    if v != exp:
        bad.append(line)
assert not bad, f"verdict mismatch on lines {bad}"
print("all", len(results), "verdicts confirmed")
