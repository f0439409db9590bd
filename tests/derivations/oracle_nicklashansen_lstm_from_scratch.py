"""Oracle rules of nicklashansen_lstm_from_scratch (DTU 02456 "RNNs and LSTMs from scratch with NumPy",
LSTM part).  Column vectors.  The author's W_k (n_a x (n_a + n_x)) acts on z = [h_{t-1}; x_t] (h first), so
it is hstack(core U_k, core W_k); gates i, f, o, candidate g.  Two models: the markdown's bias-free LSTM
(forward rows only) and the code's LSTM with biases and a softmax head (E = sum of the steps'
cross-entropies).  In the backward loop t is the step (0-based); the oracle checks loop index t = 2, i.e.
model step s = 3 of T = 4; the lists C and h hold the initial state first, so C_t = c_{s-1} and
C_{t-1} = c_{s-2}, h_t = h_{s-1} (model steps 1-based, c_0 / h_0 the initial states)."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, sig, softmax, accumulate, line_finder

SID = "nicklashansen_lstm_from_scratch"


def finder():
    return line_finder(SID, unique=True)


@source
def _nh_lstm(M):
    L = finder()
    s = 3
    # ---- markdown rows: bias-free LSTM
    md = "nh_lstm_md"
    M[md] = Model("lstm", I=2, H=3, T=4, seed=131, bias=False)
    Pm = M[md].P
    R = lambda frag, lhs, rhs, m=md: rule(SID, L(frag), m, lhs, rhs)
    v = lambda c, n, k=s: col(c.v(n, k))
    Wa = lambda P, k: np.hstack([P["U" + k], P["W" + k]])
    zc = lambda c: np.vstack([v(c, "h", s - 1), v(c, "x", s)])
    # sigma = softmax: the notebook's gate function (logistic) against softmax, on a gate pre-activation
    R(r"$\sigma = \mathrm{softmax}$", lambda c: sig(v(c, "zi")), lambda c: softmax(v(c, "zi").ravel()).reshape(-1, 1))
    for frag, k in ((r"i = \sigma ( W^i", "i"), (r"f = \sigma ( W^f", "f"), (r"o = \sigma ( W^o", "o")):
        R(frag, (lambda k: lambda c: v(c, k))(k), (lambda k: lambda c: sig(mm(Wa(Pm, k), zc(c))))(k))
    R(r"g = \mathrm{tanh}( W^g", lambda c: v(c, "g"), lambda c: np.tanh(mm(Wa(Pm, "g"), zc(c))))
    R(r"c_t = c_{t-1} \circ f", lambda c: v(c, "c"),
      lambda c: add(ew(v(c, "c", s - 1), v(c, "f")), ew(v(c, "g"), v(c, "i"))))
    R(r"h_t = \mathrm{tanh}(c_t) \circ o", lambda c: v(c, "h"), lambda c: ew(np.tanh(v(c, "c")), v(c, "o")))

    # ---- code rows: LSTM with biases, softmax head
    m = "nh_lstm"
    M[m] = Model("lstm", I=2, H=3, T=4, V=3, seed=142, head="softmax")
    mod = M[m]
    P = mod.P
    P["V"] = P["V"] * 4.0          # a larger head, so that every expected failure differs by > 1e-2
    H = mod.H
    R = lambda frag, lhs, rhs: rule(SID, L(frag), m, lhs, rhs)
    W = {k: Wa(P, k) for k in "ifog"}
    b = {k: col(P["b" + k]) for k in "ifog"}
    Wv, bv = P["V"], col(P["c"])
    # forward code
    R(r"z = [h\_prev; x]", zc, lambda c: np.vstack([v(c, "h", s - 1), v(c, "x", s)]))
    R(r"g = tanh(W\_g z + b\_g)", lambda c: v(c, "g"), lambda c: np.tanh(mm(W["g"], zc(c)) + b["g"]))
    R(r"h\_prev = o \odot tanh(C\_prev)", lambda c: v(c, "h"), lambda c: ew(v(c, "o"), np.tanh(v(c, "c"))))
    R(r"v = W\_v h\_prev + b\_v", lambda c: v(c, "logit"), lambda c: mm(Wv, v(c, "h")) + bv)
    R(r"output = softmax(v)", lambda c: v(c, "yhat"), lambda c: softmax(v(c, "logit").ravel()).reshape(-1, 1))
    # backward code
    R(r"dh\_next = 0", lambda c: col(c.gin("h", mod.T + 1)), lambda c: np.zeros((H, 1)))
    R(r"dC\_next = 0", lambda c: col(c.gin("c", mod.T + 1)), lambda c: np.zeros((H, 1)))
    ce = lambda c, k: float(-np.log(c.v("yhat", k)[mod.y[k]]))
    onehot = lambda k: col(np.eye(mod.V)[mod.y[k]])
    R(r"loss \mathrel{+}=", lambda c: np.array(accumulate(c, lambda k: ce(c, k), s, 0)[0]),
      lambda c: np.array(accumulate(c, lambda k: ce(c, k), s,
                                    -np.mean(np.log(v(c, "yhat")) * onehot(s)))[1]))
    R(r"C\_prev = C_{t-1}", lambda c: v(c, "c", s - 1), lambda c: v(c, "c", s - 2))
    dv = lambda c: col(c.g("logit", s))
    R(r"dv = outputs_t", dv, lambda c: v(c, "yhat") - onehot(s))

    def acc(pname, inc, shape=None):
        ga = lambda c: (lambda k: c.gps(pname, k).reshape(shape) if shape else c.gps(pname, k))
        return (lambda c: accumulate(c, ga(c), s, 0)[0], lambda c: accumulate(c, ga(c), s, inc(c))[1])

    def accW(k, inc):
        ga = lambda c: (lambda j: np.hstack([c.gps("U" + k, j), c.gps("W" + k, j)]))
        return (lambda c: accumulate(c, ga(c), s, 0)[0], lambda c: accumulate(c, ga(c), s, inc(c))[1])

    R(r"W\_v\_d \mathrel{+}= dv \, h_t^T", *acc("V", lambda c: mm(dv(c), v(c, "h", s - 1).T)))
    R(r"b\_v\_d \mathrel{+}= dv", *acc("c", lambda c: dv(c), (-1, 1)))
    R(r"dh = W\_v^T dv $$", lambda c: col(c.gout(s)), lambda c: mm(Wv.T, dv(c)))
    dh = lambda c: col(c.g("h", s))
    dh_next = lambda c: col(c.gin("h", s + 1))
    dC_next = lambda c: col(c.gin("c", s + 1))
    dC = lambda c: col(c.g("c", s))
    R(r"dh \mathrel{+}= dh\_next", dh, lambda c: add(col(c.gout(s)), dh_next(c)))
    g = lambda n: (lambda c: col(c.g(n, s)))
    dsig_at = lambda u: sig(u) * (1 - sig(u))            # sigmoid(x, derivative=True)
    dtanh_at = lambda u: 1 - np.tanh(u) ** 2              # tanh(x, derivative=True)
    R(r"do = dh \odot tanh(C_t)", g("o"), lambda c: ew(dh(c), np.tanh(v(c, "c", s - 1))))
    R(r"do = sigmoid'(o_t) \odot do", g("zo"), lambda c: ew(dsig_at(v(c, "o")), g("o")(c)))
    zt = zc
    R(r"W\_o\_d \mathrel{+}= do", *accW("o", lambda c: mm(g("zo")(c), zt(c).T)))
    R(r"b\_o\_d \mathrel{+}= do", *acc("bo", lambda c: g("zo")(c), (-1, 1)))
    R(r"dC = dC\_next", dC_next, dC_next)
    R(r"dC \mathrel{+}= dh \odot o_t", dC,
      lambda c: add(dC_next(c), ew(dh(c), v(c, "o"), dtanh_at(np.tanh(v(c, "c", s - 1))))))
    R(r"dg = dC \odot i_t", g("g"), lambda c: ew(dC(c), v(c, "i")))
    R(r"dg = tanh'(g_t) \odot dg", g("zg"), lambda c: ew(dtanh_at(v(c, "g")), g("g")(c)))
    R(r"W\_g\_d \mathrel{+}= dg", *accW("g", lambda c: mm(g("zg")(c), zt(c).T)))
    R(r"b\_g\_d \mathrel{+}= dg", *acc("bg", lambda c: g("zg")(c), (-1, 1)))
    R(r"di = dC \odot g_t", g("i"), lambda c: ew(dC(c), v(c, "g")))
    R(r"di = sigmoid'(i_t) \odot di", g("zi"), lambda c: ew(dsig_at(v(c, "i")), g("i")(c)))
    R(r"W\_i\_d \mathrel{+}= di", *accW("i", lambda c: mm(g("zi")(c), zt(c).T)))
    R(r"b\_i\_d \mathrel{+}= di", *acc("bi", lambda c: g("zi")(c), (-1, 1)))
    R(r"df = dC \odot C\_prev", g("f"), lambda c: ew(dC(c), v(c, "c", s - 1)))
    R(r"df = sigmoid(f_t) \odot df", g("zf"), lambda c: ew(sig(v(c, "f")), g("f")(c)))
    R(r"W\_f\_d \mathrel{+}= df", *accW("f", lambda c: mm(g("zf")(c), zt(c).T)))
    R(r"b\_f\_d \mathrel{+}= df", *acc("bf", lambda c: g("zf")(c), (-1, 1)))
    dz_true = lambda c: np.vstack([col(c.gin("h", s)), col(c.g("x", s))])
    R(r"dz = W\_f^T df", dz_true,
      lambda c: add(*[mm(W[k].T, g("z" + k)(c)) for k in "figo"]))
    R(r"dh\_prev = dz[:hidden\_size, :]", lambda c: col(c.gin("h", s)), lambda c: dz_true(c)[:H, :])
    R(r"dC\_prev = f_t \odot dC", lambda c: col(c.gin("c", s)), lambda c: ew(v(c, "f"), dC(c)))
