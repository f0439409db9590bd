"""Oracle rules of talwar_lstm_bptt (A. Talwar's LSTM BPTT blog post, 2018).  Column vectors, superscript
(t) time.  The author's cell: f, g (input gate), q (output gate) and the input feature vector e are all
SIGMOIDS of b + U x^{(t)} + W h^{(t-1)}; s the internal state, h = q tanh(s); affine + softmax head.  The
author's U_k (on x) is the core W_k, the author's W_k (on h) the core U_k; core letters i, f, o, g stand for
the author's g, f, q, e.  J^{(t)} is the loss of ONE step: the model's loss is J^{(t)} at t = T = 4 and the
backward rows are evaluated at k = 3 (k - 1 = 2); \\delta_t^{(k)} = dJ^{(t)}/ds^{(k)}, \\gamma_t^{(k)} =
dJ^{(t)}/dh^{(k)}; W^{(k)} is step k's copy of a parameter (the 'dummy variables' trick)."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, sig, softmax, IllTyped, perturbers, line_finder

SID = "talwar_lstm_bptt"


def finder():
    return line_finder(SID)


class TalwarModel(Model):
    """LSTM with a sigmoid candidate; softmax + cross-entropy head at every step, loss J^{(tl)} only."""

    def __init__(self, seed, tl):
        Model.__init__(self, "lstm", I=2, H=3, T=4, seed=seed, head="softmax", V=3)
        self.tl = tl

    def forward(self, pert=None):
        pert = pert or {}

        pv, par = perturbers(pert, self.P)

        vals = {("h", 0): self.h0.copy(), ("c", 0): self.c0.copy()}
        h, c, L = self.h0, self.c0, 0.0
        for t in range(1, self.T + 1):
            x = pv("x", t, self.xs[t])
            vals[("x", t)] = x
            hin, cin = pv("hin", t, h), pv("cin", t, c)
            for k in "ifog":
                z = par("W" + k, t) @ pv("xin:" + k, t, x) + par("U" + k, t) @ pv("hin:" + k, t, hin) + par("b" + k, t)
                z = pv("z" + k, t, z)
                vals[("z" + k, t)] = z
                vals[(k, t)] = pv(k, t, sig(z))
            i, fg, o, g = (vals[(k, t)] for k in "ifog")
            cn = pv("c", t, fg * cin + i * g)
            tc = pv("tc", t, np.tanh(pv("c:h", t, cn)))
            vals[("tc", t)] = tc
            hn = pv("h", t, o * tc)
            vals[("c", t)], vals[("h", t)] = cn, hn
            th = pv("logit", t, par("V", t) @ pv("hout", t, hn) + par("c", t))
            vals[("logit", t)] = th
            p = softmax(th)
            vals[("yhat", t)] = p
            lt = -np.log(p[self.y[t]])
            vals[("l", t)] = np.array([lt])
            if t == self.tl:
                L += lt
            h, c = hn, cn
        return L, vals


@source
def _talwar(M):
    m, tl, k = "talwar_lstm", 4, 3
    M[m] = TalwarModel(seed=81, tl=tl)
    mod = M[m]
    P = mod.P
    H = mod.H
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s: col(c.v(n, s))
    dsig = lambda u: sig(u) * (1 - sig(u))
    dtanh = lambda u: 1 - np.tanh(u) ** 2
    delta = lambda s: (lambda c: col(c.g("c", s)))        # dJ^{(t)}/ds^{(s)}
    gamma = lambda s: (lambda c: col(c.g("h", s)))        # dJ^{(t)}/dh^{(s)}
    # affine, softmax, loss (at step t = tl)
    R(L("\\theta^{(t)} = Uh^{(t)} + b"), lambda c: v(c, "logit", tl), lambda c: mm(P["V"], v(c, "h", tl)) + col(P["c"]))
    R(L("\\hat{y}^{(t)}_{[i]} = \\frac"), lambda c: v(c, "yhat", tl),
      lambda c: np.exp(v(c, "logit", tl)) / (mod.V * np.exp(v(c, "logit", tl))))   # sum_j of e^{theta_[i]}
    R(L("J^{(t)} = -\\sum"), lambda c: c.v("l", tl), lambda c: np.array([-np.log(c.v("yhat", tl)[mod.y[tl]])]))
    R(L("J = \\sum_{t=1}^{T} J^{(t)}"), lambda c: sum(c.v("l", s) for s in range(1, 5)),
      lambda c: sum(np.array([-np.log(c.v("yhat", s)[mod.y[s]])]) for s in range(1, 5)))
    # the cell (at step tl)
    t = tl
    R(L("\\underbrace{h^{(t)}}"), lambda c: v(c, "h", t), lambda c: ew(v(c, "o", t), np.tanh(v(c, "c", t))))
    R(L("s^{(t)} = \\underbrace{f^{(t)}}"), lambda c: v(c, "c", t),
      lambda c: add(ew(v(c, "f", t), v(c, "c", t - 1)), ew(v(c, "i", t), v(c, "g", t))))
    for frag, ck in (("(Forget Gate)", "f"), ("(Input Gate)", "i"), ("(Output Gate)", "o"), ("(Input Feature Vector)", "g")):
        R(L(frag), (lambda ck: lambda c: v(c, ck, t))(ck),
          (lambda ck: lambda c: sig(col(P["b" + ck]) + mm(P["W" + ck], v(c, "x", t)) + mm(P["U" + ck], v(c, "h", t - 1))))(ck))
    xs = lambda c: v(c, "zg", t)
    R(L("tanh(x) = \\frac"), lambda c: np.tanh(xs(c)), lambda c: (1 - np.exp(-2 * xs(c))) / (1 + np.exp(-2 * xs(c))))
    R(L("tanh'(x) = "), lambda c: (np.tanh(xs(c) + 1e-6) - np.tanh(xs(c) - 1e-6)) / 2e-6,
      lambda c: 1 - np.tanh(xs(c)) ** 2)
    # 6.0: the sum over the per-step copies (author's W_f = core U_f)
    stepsum = lambda c: sum(c.gps("Uf", s) for s in range(1, 5))
    R(L("\\partial W_{f [i,j]}} &="), lambda c: c.gp("Uf"), lambda c: stepsum(c) * 1.0)
    R(L("\\tag{6.0}"), lambda c: c.gp("Uf"), stepsum)
    # 6.1, 6.1.2, 6.1.1 at step k
    jf = lambda c: c.jac("f", k, ("P:Uf", k), (H, H))                  # d f^{(k)}_p / d W_f^{(k)}[i,j]
    R(L("\\sum_{p=1}^{D} \\underbrace{\\frac {\\partial J^{(t)}} {\\partial f_{[p]}^{(k)}}}"),
      lambda c: c.gps("Uf", k), lambda c: np.einsum("p,pij->ij", c.g("f", k), jf(c)))
    cases = lambda c: np.einsum("pi,ij->pij", np.eye(H), np.outer(dsig(c.v("zf", k)), c.v("h", k - 1)))
    R(L("\\partial f_{[p]}^{(k)}} {\\partial W_{f[i,j]}^{(k)}} &= \\begin{cases}"), jf, cases)
    dfk = lambda c: col(c.g("f", k))
    R(L("\\frac {\\partial J^{(t)}} {\\partial f_{[p]}^{(k)}} &="), dfk,
      lambda c: col(np.einsum("m,mp->p", c.g("c", k), np.diag(c.v("c", k - 1)))))
    R(L("&= \\frac {\\partial J^{(t)}} {\\partial s_{[p]}^{(k)}} \\times s_{[p]}^{(k-1)}"), dfk,
      lambda c: ew(delta(k)(c), v(c, "c", k - 1)))
    outer = lambda c: np.outer(c.g("c", k) * dsig(c.v("zf", k)) * c.v("c", k - 1), c.v("h", k - 1))
    R(L("{\\partial W_{f[i,j]}^{(k)}} &= \\underbrace"), lambda c: c.gps("Uf", k), outer)
    R(L("(6.2)"), lambda c: c.gps("Uf", k),
      lambda c: mm(ew(delta(k)(c), col(dsig(c.v("zf", k))), v(c, "c", k - 1)), v(c, "h", k - 1).T))
    # 7.0 ... 7.1 (s^{(k-1)}: s_a its use in step k, s_b its use in h^{(k-1)})
    sa = lambda c: col(c.gin("c", k))
    sb = lambda c: col(c.gh("c:h", k - 1))
    R(L("\\tag{7.0}"), delta(k - 1), lambda c: add(sa(c), sb(c)))
    R(L("{\\partial s_{a[i]}^{(k-1)}} &= \\sum"), sa,
      lambda c: col(np.einsum("p,pi->i", c.g("c", k), np.diag(c.v("f", k)))))
    R(L("&= \\delta_{t[i]}^{(k)} f^{(k)}_{[i]}"), sa, lambda c: ew(delta(k)(c), v(c, "f", k)))
    jh = lambda c: c.jac("h", k - 1, ("c:h", k - 1), (H,))             # d h^{(k-1)}_p / d s_b^{(k-1)}_i
    R(L("{\\partial s_{b[i]}^{(k-1)}} &= \\sum"), sb, lambda c: col(np.einsum("p,pi->i", c.g("h", k - 1), jh(c))))
    R(L("\\tag{7.0.2.1}"), jh, lambda c: np.diag(c.v("o", k - 1) * dtanh(c.v("c", k - 1))))
    back_b = lambda c: ew(gamma(k - 1)(c), v(c, "o", k - 1), col(dtanh(c.v("c", k - 1))))
    R(L("{\\partial s_{b[i]}^{(k-1)}} = \\gamma"), sb, back_b)
    R(L("_{\\delta_{t[i]}^{(k-1)}} = \\gamma"), delta(k - 1), lambda c: add(back_b(c), ew(delta(k)(c), v(c, "f", k))))
    R(L("(7.1)"), delta(k - 1), lambda c: add(back_b(c), ew(delta(k)(c), v(c, "f", k))))
    Wa = lambda ck: P["U" + ck]                                            # the author's W_{ck}
    R(L("(8.1)"), gamma(k - 1), lambda c: add(
        mm(Wa("f").T, ew(delta(k)(c), v(c, "c", k - 1), col(dsig(c.v("zf", k))))),
        mm(Wa("g").T, ew(delta(k)(c), v(c, "i", k), col(dsig(c.v("zg", k))))),
        mm(Wa("i").T, ew(delta(k)(c), v(c, "g", k), col(dsig(c.v("zi", k))))),
        mm(Wa("o").T, ew(gamma(k)(c), np.tanh(v(c, "c", k)), col(dsig(c.v("zo", k)))))))
    # 9.0 at k = t
    jht = lambda c: c.jac("h", tl, ("c:h", tl), (H,))
    cvec = lambda c: ew(v(c, "o", tl), col(dtanh(c.v("c", tl))))
    R(L("_{\\delta_{t[i]}^{(t)}} &= \\sum"), delta(tl), lambda c: col(np.einsum("p,pi->i", c.g("h", tl), jht(c))))
    R(L("&= \\gamma_{t[i]}^{(t)} \\times \\underbrace"), delta(tl), lambda c: ew(gamma(tl)(c), cvec(c)))
    R(L("\\tag{9.0}"), delta(tl), lambda c: ew(gamma(tl)(c), cvec(c)))
