"""Oracle rules of tf_lstm_block_cell (TensorFlow's LSTMBlockCell docs + BlockLSTMBprop in lstm_ops.h).
Row vectors; xh = [x, h_prev] (x first); w ((I + H) x 4H) with column blocks [i, f, ci, o] (the doc's order):
block k is [core W_k^T; core U_k^T], core gate letters i, f, g (= ci), o.  forget_bias is added to the
forget pre-activation, diagonal peepholes wci, wcf on cs_prev and wco on the new cs; cell_clip = 3 never
binds.  Two models: without peepholes (the functor's comments and its plain statements) and with them (the
forward rows and the statements under 'if (use_peephole)').  Linear loss sum_t R_t . h_t; step 3 of 4."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, row, sig, accumulate, perturbers, line_finder

SID = "tf_lstm_block_cell"
FB, CLIP = 1.0, 3.0


def finder():
    return line_finder(SID, unique=True)


class TFBlockModel(Model):
    """LSTM with forget_bias, optional peepholes (wci, wcf on c_{t-1}, wco on c_t) and cell_clip."""

    def __init__(self, seed, peep):
        Model.__init__(self, "lstm", I=2, H=3, T=4, seed=seed)
        rng = np.random.default_rng(seed + 1000)
        for k in ("wci", "wcf", "wco"):
            self.P[k] = rng.normal(0, 0.6, self.H) if peep else np.zeros(self.H)

    def forward(self, pert=None):
        pert = pert or {}
        pv, par = perturbers(pert, self.P)
        vals = {("h", 0): self.h0.copy(), ("c", 0): self.c0.copy()}
        h, c, L = self.h0, self.c0, 0.0
        for t in range(1, self.T + 1):
            x = pv("x", t, self.xs[t])
            vals[("x", t)] = x
            hin, cin = pv("hin", t, h), pv("cin", t, c)
            raw = {k: par("W" + k, t) @ x + par("U" + k, t) @ hin + par("b" + k, t) for k in "ifog"}
            vals[("raw_f", t)] = raw["f"]
            zi = pv("zi", t, cin * par("wci", t) + raw["i"])
            zf = pv("zf", t, cin * par("wcf", t) + raw["f"] + FB)
            zg = pv("zg", t, raw["g"])
            i, fg, g = pv("i", t, sig(zi)), pv("f", t, sig(zf)), pv("g", t, np.tanh(zg))
            cn = np.clip(fg * cin + i * g, -CLIP, CLIP)
            cn = pv("c", t, cn)
            zo = pv("zo", t, cn * par("wco", t) + raw["o"])
            o = pv("o", t, sig(zo))
            tc = np.tanh(cn)
            hn = pv("h", t, o * tc)
            vals.update({("zi", t): zi, ("zf", t): zf, ("zg", t): zg, ("zo", t): zo, ("i", t): i, ("f", t): fg,
                         ("g", t): g, ("o", t): o, ("c", t): cn, ("tc", t): tc, ("h", t): hn})
            for k in "ifog":
                vals[("raw_" + k, t)] = raw[k]
            L += self.R[t] @ pv("hout", t, hn)
            h, c = hn, cn
        return L, vals


@source
def _tf_lstm_block(M):
    L = finder()
    s = 3
    ma, mb = "tf_block_nopeep", "tf_block_peep"
    M[ma] = TFBlockModel(seed=141, peep=False)
    M[mb] = TFBlockModel(seed=141, peep=True)
    v = lambda c, n, k=s: row(c.v(n, k))
    g = lambda n, k=s: (lambda c: row(c.g(n, k)))

    def wmat(P):
        return np.hstack([np.vstack([P["W" + k].T, P["U" + k].T]) for k in "ifgo"])

    def bvec(P):
        return np.hstack([row(P["b" + k]) for k in "ifgo"])

    xh = lambda c: np.hstack([v(c, "x"), v(c, "h", s - 1)])
    I = M[ma].I
    # ---- forward rows, peephole model
    m = mb
    P = M[m].P
    R = lambda frag, lhs, rhs: rule(SID, L(frag), m, lhs, rhs)
    R(r"\[ xh = [x, h\_prev] \]", lambda c: np.concatenate([c.v("x", s), c.v("h", s - 1)])[None, :], xh)
    raw = lambda c: np.hstack([v(c, "raw_" + k) for k in "ifgo"])
    R(r"[i, f, ci, o] = xh * w + b", raw, lambda c: mm(xh(c), wmat(P)) + bvec(P))
    R(r"f = f + forget\_bias", lambda c: v(c, "zf") - row(P["wcf"]) * v(c, "c", s - 1), lambda c: v(c, "raw_f") + FB)
    R(r"i = sigmoid(cs\_prev * wci + i)", lambda c: v(c, "i"),
      lambda c: sig(ew(v(c, "c", s - 1), row(P["wci"])) + v(c, "raw_i")))
    R(r"f = sigmoid(cs\_prev * wcf + f)", lambda c: v(c, "f"),
      lambda c: sig(ew(v(c, "c", s - 1), row(P["wcf"])) + v(c, "raw_f") + FB))
    R(r"ci = tanh(ci)", lambda c: v(c, "g"), lambda c: np.tanh(v(c, "raw_g")))
    R(r"cs = ci .* i + cs\_prev .* f", lambda c: v(c, "c"),
      lambda c: add(ew(v(c, "g"), v(c, "i")), ew(v(c, "c", s - 1), v(c, "f"))))
    R(r"cs = clip(cs, cell\_clip)", lambda c: v(c, "c"), lambda c: np.clip(v(c, "c"), -CLIP, CLIP))
    R(r"o = sigmoid(cs * wco + o)", lambda c: v(c, "o"), lambda c: sig(ew(v(c, "c"), row(P["wco"])) + v(c, "raw_o")))
    R(r"co = tanh(cs)", lambda c: v(c, "tc"), lambda c: np.tanh(v(c, "c")))
    R(r"h = co .* o", lambda c: v(c, "h"), lambda c: ew(v(c, "tc"), v(c, "o")))

    # ---- backward rows
    def rows(m, peep):
        P = M[m].P
        R = lambda frag, lhs, rhs: rule(SID, L(frag), m, lhs, rhs)
        h_grad = g("h")
        cs_grad = lambda c: row(c.gin("c", s + 1))
        dcs0 = lambda c: add(ew(1 - v(c, "tc") ** 2, h_grad(c), v(c, "o")), cs_grad(c))
        dgates = lambda c: np.hstack([g("z" + k)(c) for k in "ifgo"])     # the doc's block order
        if not peep:
            R(r"do[t] = sigm'(o[t])", g("zo"), lambda c: ew(v(c, "o") * (1 - v(c, "o")), h_grad(c), v(c, "tc")))
            R(r"do\_ = o \odot (1 - o)", g("zo"), lambda c: ew(v(c, "o"), 1 - v(c, "o"), h_grad(c), v(c, "tc")))
            R(r"dcs[t] += tanh'(cs[t])", g("c"),
              lambda c: add(ew(1 - np.tanh(v(c, "c")) ** 2, h_grad(c), v(c, "o")),
                            ew(g("c", s + 1)(c), v(c, "f", s + 1))))
            R(r"dcs = (1 - co \odot co)", g("c"), dcs0)
            R(r"dci[t] = tanh'(ci[t])", g("zg"), lambda c: ew(1 - v(c, "g") ** 2, g("c")(c), v(c, "i")))
            R(r"dci = (1 - ci \odot ci)", g("zg"), lambda c: ew(1 - ew(v(c, "g"), v(c, "g")), g("c")(c), v(c, "i")))
            R(r"df[t] = sigm'(f[t])", g("zf"), lambda c: ew(v(c, "f") * (1 - v(c, "f")), g("c")(c), v(c, "c", s - 1)))
            R(r"df = f \odot (1 - f)", g("zf"), lambda c: ew(v(c, "f"), 1 - v(c, "f"), g("c")(c), v(c, "c", s - 1)))
            R(r"di[t] = sigm'(i[t])", g("zi"), lambda c: ew(v(c, "i") * (1 - v(c, "i")), g("c")(c), v(c, "g")))
            R(r"di = i \odot (1 - i)", g("zi"), lambda c: ew(v(c, "i"), 1 - v(c, "i"), g("c")(c), v(c, "g")))
            for blk, k in (("i", "i"), ("c", "g"), ("f", "f"), ("o", "o")):
                R(r"dgates^{(%s)} = " % blk, (lambda k: lambda c: g("z" + k)(c))(k),
                  (lambda k: lambda c: g("z" + k)(c))(k))
            R(r"cs\_prev\_grad = dcs \odot f", lambda c: row(c.gin("c", s)), lambda c: ew(g("c")(c), v(c, "f")))
            xh_grad = lambda c: np.hstack([g("x")(c), row(c.gin("h", s))])
            R(r"xh\_grad = dgates \, w^T", xh_grad, lambda c: mm(dgates(c), wmat(P).T))
            R(r"xh^{(x)} = x", lambda c: xh(c)[:, :I], lambda c: v(c, "x"))
            R(r"xh^{(h)} = h\_prev", lambda c: xh(c)[:, I:], lambda c: v(c, "h", s - 1))
            R(r"x\_grad = xh\_grad^{(x)}", g("x"), lambda c: xh_grad(c)[:, :I])
            R(r"h\_prev\_grad = xh\_grad^{(h)}", lambda c: row(c.gin("h", s)), lambda c: xh_grad(c)[:, I:])
            gw = lambda c: (lambda k: np.hstack([np.vstack([c.gps("W" + q, k).T, c.gps("U" + q, k).T]) for q in "ifgo"]))
            R(r"w\_grad \mathrel{+}= xh^T dgates", lambda c: accumulate(c, gw(c), s, 0)[0],
              lambda c: accumulate(c, gw(c), s, mm(xh(c).T, dgates(c)))[1])
            gb = lambda c: (lambda k: np.hstack([row(c.gps("b" + q, k)) for q in "ifgo"]))
            R(r"b\_grad \mathrel{+}= dgates", lambda c: accumulate(c, gb(c), s, 0)[0],
              lambda c: accumulate(c, gb(c), s, dgates(c))[1])
        else:
            R(r"dcs = dcs + do\_ \odot wco", g("c"), lambda c: add(dcs0(c), ew(g("zo")(c), row(P["wco"]))))
            R(r"cs\_prev\_grad = cs\_prev\_grad + di", lambda c: row(c.gin("c", s)),
              lambda c: add(ew(g("c")(c), v(c, "f")), ew(g("zi")(c), row(P["wci"])), ew(g("zf")(c), row(P["wcf"]))))
            for name, gate, st in (("wci", "zi", lambda c: v(c, "c", s - 1)), ("wcf", "zf", lambda c: v(c, "c", s - 1)),
                                   ("wco", "zo", lambda c: v(c, "c"))):
                ga = (lambda name: lambda c: (lambda k: row(c.gps(name, k))))(name)
                R(r"%s\_grad \mathrel{+}=" % name, (lambda ga: lambda c: accumulate(c, ga(c), s, 0)[0])(ga),
                  (lambda ga, gate, st: lambda c: accumulate(c, ga(c), s, ew(g(gate)(c), st(c)))[1])(ga, gate, st))

    rows(ma, False)
    rows(mb, True)
