"""Oracle rules of hanbingtao_lstm_bptt (Han Bingtao's '零基础入门深度学习(6) - 长短时记忆网络(LSTM)', Chinese
tutorial).  Bold column vectors, subscript time; W_q = [W_{qh} W_{qx}] acts on [h_{t-1}, x_t]; net_{q,t} the
weighted inputs; c~ the tanh candidate.  Names: the author's W_{qh} is the core U_q, W_{qx} the core W_q, b_q
the core b_q, with q = f, i, o and the author's c~ (W_{ch}, W_{cx}, b_c, net_{c~}) the core g.  E is the error
of the output at the current time t, the last one (the post's backward pass starts 'from the current time t',
its sums run j = 1..t; the author's code feeds delta_h at the last time only): the loss is R . h_T and every
row is evaluated at t = T = 4.  Derivatives of E are rows in the author's products (numerator layout); the
author identifies rows and columns under \\circ and diag (a^T diag[b] = a o b), so vector-valued sides are
compared as flat rows (vec) while matrix products stay strict.  The input x_t = f(net_t^{l-1}) of 3.8 is
modelled with f = tanh of a random net u_t."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, row, col, diag, sig, undefined, line_finder

SID = "hanbingtao_lstm_bptt"


def finder():
    return line_finder(SID)


class HanModel(Model):
    """Core LSTM, loss on h_T only, inputs x_t = tanh(u_t) with u_t the layer below's weighted input."""

    def __init__(self, seed):
        Model.__init__(self, "lstm", I=2, H=3, T=4, seed=seed, head="last")
        rng = np.random.default_rng(seed + 1000)
        self.us = {t: rng.normal(0, 0.8, self.I) for t in range(1, self.T + 1)}
        self.xs = {t: np.tanh(self.us[t]) for t in range(1, self.T + 1)}

    def forward(self, pert=None):
        pert = pert or {}
        keep = self.xs
        us = {t: self.us[t] + (pert[("u", t)] if ("u", t) in pert else 0) for t in self.us}
        self.xs = {t: np.tanh(us[t]) for t in us}
        try:
            L, vals = Model.forward(self, pert)
        finally:
            self.xs = keep
        for t in us:
            vals[("u", t)] = us[t]
        return L, vals


@source
def _hanbingtao(M):
    m, t = "hanbingtao_lstm", 4
    M[m] = HanModel(seed=141)
    mod = M[m]
    P, H, I, T = mod.P, mod.H, mod.I, mod.T
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    core = {"f": "f", "i": "i", "o": "o", "c": "g"}          # author's gate letter -> core letter
    Wh = lambda q: P["U" + core[q]]
    Wx = lambda q: P["W" + core[q]]
    bq = lambda q: col(P["b" + core[q]])
    Wcat = lambda q: np.hstack([Wh(q), Wx(q)])
    vec = lambda a: np.asarray(a, dtype=float).reshape(1, -1)
    v = lambda c, n, s=t: col(c.v(n, s))
    hp = lambda c, s=t: v(c, "h", s - 1)
    x = lambda c, s=t: col(mod.xs[s])
    cat = lambda c, s=t: np.vstack([hp(c, s), x(c, s)])
    gate = lambda q: "g" if q == "c" else q
    net = lambda q: "z" + core[q]
    gr = lambda n, s=t: (lambda c: row(c.g(n, s)))            # dE/dn as a row
    J = lambda q, n, key, size=None, s=t: (lambda c: c.jac(q, s, (key, s), (size or H,)))
    dsg = lambda a: ew(a, 1 - a)

    # ---- forward ----
    for frag, q, act in (("\\mathbf{f}_t=\\sigma(W_f\\cdot", "f", sig), ("\\mathbf{i}_t=\\sigma(W_i\\cdot", "i", sig),
                         ("\\mathbf{\\tilde{c}}_t=\\tanh(W_c\\cdot", "c", np.tanh), ("\\mathbf{o}_t=\\sigma(W_o\\cdot", "o", sig)):
        R(L(frag), (lambda q: lambda c: v(c, gate(core[q]) if q != "c" else "g"))(q),
          (lambda q, act: lambda c: act(mm(Wcat(q), cat(c)) + bq(q)))(q, act))
    lb = L("\\begin{bmatrix}W_f\\end{bmatrix}")
    R(lb, lambda c: mm(Wcat("f"), cat(c)), lambda c: mm(np.hstack([Wh("f"), Wx("f")]), cat(c)))
    R(lb + 1, lambda c: mm(Wcat("f"), cat(c)), lambda c: mm(Wh("f"), hp(c)) + mm(Wx("f"), x(c)))
    R(L("\\mathbf{c}_t=f_t\\circ"), lambda c: v(c, "c"),
      lambda c: add(ew(v(c, "f"), v(c, "c", t - 1)), ew(v(c, "i"), v(c, "g"))))
    R(L("\\mathbf{h}_t=\\mathbf{o}_t\\circ \\tanh(\\mathbf{c}_t)\\tag{2.6}"), lambda c: v(c, "h"),
      lambda c: ew(v(c, "o"), np.tanh(v(c, "c"))))
    z = lambda c: v(c, "zg")
    R(L("\\sigma(z)&=y="), lambda c: sig(z(c)), lambda c: (sig(z(c)), 1 / (1 + np.exp(-z(c)))))
    R(L("\\sigma'(z)&=y(1-y)"), lambda c: (sig(z(c) + 1e-6) - sig(z(c) - 1e-6)) / 2e-6, lambda c: dsg(sig(z(c))))
    R(L("\\tanh(z)&=y="), lambda c: np.tanh(z(c)),
      lambda c: (np.tanh(z(c)), (np.exp(z(c)) - np.exp(-z(c))) / (np.exp(z(c)) + np.exp(-z(c)))))
    R(L("\\tanh'(z)&=1-y^2"), lambda c: (np.tanh(z(c) + 1e-6) - np.tanh(z(c) - 1e-6)) / 2e-6,
      lambda c: 1 - np.tanh(z(c)) ** 2)
    R(L("\\delta_t\\overset{def}{=}"), lambda c: vec(c.g("h", t)), lambda c: vec(c.g("h", t)))
    for q, tag in (("f", "f"), ("i", "i"), ("c", "\\tilde{c}"), ("o", "o")):
        ln = L("\\mathbf{net}_{%s,t}&=W_" % tag)
        R(ln, (lambda q: lambda c: v(c, net(q)))(q), (lambda q: lambda c: mm(Wcat(q), cat(c)) + bq(q))(q))
        R(ln + 1, (lambda q: lambda c: v(c, net(q)))(q),
          (lambda q: lambda c: mm(Wh(q), hp(c)) + mm(Wx(q), x(c)) + bq(q))(q))
        R(L("\\delta_{%s,t}&\\overset{def}{=}" % tag), (lambda q: lambda c: vec(c.g(net(q), t)))(q),
          (lambda q: lambda c: vec(c.g(net(q), t)))(q))
    # ---- 3.1 ----
    Jhh = J("h", None, "hin")
    l31 = L("\\delta_{t-1}^T&=\\frac{\\partial{E}}")
    dprev = lambda c: vec(c.g("h", t - 1))
    R(l31, dprev, dprev)
    R(l31 + 1, dprev, lambda c: mm(gr("h")(c), Jhh(c)))
    R(l31 + 2, dprev, lambda c: mm(gr("h")(c), Jhh(c)))
    R(L("\\mathbf{h}_t&=\\mathbf{o}_t\\circ \\tanh(\\mathbf{c}_t)"), lambda c: v(c, "h"),
      lambda c: ew(v(c, "o"), np.tanh(v(c, "c"))))
    R(L("\\mathbf{c}_t&=\\mathbf{f}_t\\circ\\mathbf{c}_{t-1}"), lambda c: v(c, "c"),
      lambda c: add(ew(v(c, "f"), v(c, "c", t - 1)), ew(v(c, "i"), v(c, "g"))))
    dh = gr("h")
    Jh_o, Jh_c = J("h", None, "o"), J("h", None, "c")
    Jc = lambda k: J("c", None, k)
    Jg = lambda k: J(k, None, "z" + k)                       # gate k wrt its pre-activation
    Jn = lambda k: J("z" + k, None, "hin:" + k)              # pre-activation wrt h_{t-1}
    fourpaths = lambda c: add(
        mm(mm(mm(dh(c), Jh_o(c)), Jg("o")(c)), Jn("o")(c)),
        mm(mm(mm(mm(dh(c), Jh_c(c)), Jc("f")(c)), Jg("f")(c)), Jn("f")(c)),
        mm(mm(mm(mm(dh(c), Jh_c(c)), Jc("i")(c)), Jg("i")(c)), Jn("i")(c)),
        mm(mm(mm(mm(dh(c), Jh_c(c)), Jc("g")(c)), Jg("g")(c)), Jn("g")(c)))
    dnet = lambda q: gr(net(q))
    deltasum = lambda c: add(*[mm(dnet(q)(c), Jn(core[q])(c)) for q in "ofic"])
    l31b = L("\\delta_t^T\\frac{\\partial{\\mathbf{h_t}}}{\\partial{\\mathbf{h_{t-1}}}}&=")
    lhs31b = lambda c: mm(dh(c), Jhh(c))
    R(l31b, lhs31b, fourpaths)
    R(l31b + 1, lhs31b, deltasum)
    # ---- local Jacobians ----
    R(L("{\\partial{\\mathbf{o}_t}}&=diag[\\tanh"), Jh_o, lambda c: diag(np.tanh(v(c, "c"))))
    R(L("{\\partial{\\mathbf{c}_t}}&=diag[\\mathbf{o}_t"), Jh_c, lambda c: diag(ew(v(c, "o"), 1 - np.tanh(v(c, "c")) ** 2)))
    R(L("{\\partial{\\mathbf{f_{t}}}}&=diag"), Jc("f"), lambda c: diag(v(c, "c", t - 1)))
    R(L("{\\partial{\\mathbf{i_{t}}}}&=diag"), Jc("i"), lambda c: diag(v(c, "g")))
    R(L("{\\partial{\\mathbf{\\tilde{c}_{t}}}}&=diag"), Jc("g"), lambda c: diag(v(c, "i")))
    for q, tag, act in (("o", "o", sig), ("f", "f", sig), ("i", "i", sig), ("c", "\\tilde{c}", np.tanh)):
        actn = "\\tanh" if q == "c" else "\\sigma"
        R(L("&=%s(\\mathbf{net}_{%s,t})" % (actn, tag)), (lambda q: lambda c: v(c, "g" if q == "c" else q))(q),
          (lambda q, act: lambda c: act(v(c, net(q))))(q, act))
        R(L("\\mathbf{net}_{%s,t}&=W_{%sh}" % (tag, q)), (lambda q: lambda c: v(c, net(q)))(q),
          (lambda q: lambda c: mm(Wh(q), hp(c)) + mm(Wx(q), x(c)) + bq(q))(q))
        R(L("}}&=W_{%sh}" % q), Jn(core[q]), (lambda q: lambda c: Wh(q))(q))
    for q in "ofi":
        R(L("{\\partial{\\mathbf{%s}_t}}{\\partial{\\mathbf{net}_{%s,t}}}&=diag" % (q, q)), Jg(q),
          (lambda q: lambda c: diag(dsg(v(c, q))))(q))
    R(L("{\\partial{\\mathbf{\\tilde{c}}_t}}{\\partial{\\mathbf{net}_{\\tilde{c},t}}}&=diag"), Jg("g"),
      lambda c: diag(1 - v(c, "g") ** 2))
    # ---- 3.2 - 3.7 ----
    l32 = L("\\delta_{t-1}&=\\delta_{o,t}^T")
    R(l32, dprev, deltasum)
    R(l32 + 1, dprev, lambda c: add(*[mm(dnet(q)(c), Wh(q)) for q in "ofic"]))
    fl = lambda a: np.asarray(a, dtype=float).ravel()
    dhv = lambda c: fl(c.g("h", t))
    ctan = lambda c: fl(np.tanh(v(c, "c")))
    R(L("\\delta_{o,t}^T&=\\delta_t^T\\circ\\tanh"), lambda c: vec(c.g("zo", t)),
      lambda c: vec(dhv(c) * ctan(c) * fl(v(c, "o")) * (1 - fl(v(c, "o")))))
    dct = lambda c: dhv(c) * fl(v(c, "o")) * (1 - ctan(c) ** 2)
    R(L("\\delta_{f,t}^T&="), lambda c: vec(c.g("zf", t)),
      lambda c: vec(dct(c) * fl(v(c, "c", t - 1)) * fl(v(c, "f")) * (1 - fl(v(c, "f")))))
    R(L("\\delta_{i,t}^T&="), lambda c: vec(c.g("zi", t)),
      lambda c: vec(dct(c) * fl(v(c, "g")) * fl(v(c, "i")) * (1 - fl(v(c, "i")))))
    R(L("\\delta_{\\tilde{c},t}^T&="), lambda c: vec(c.g("zg", t)),
      undefined("(1-\\mathbf{\\tilde{c}}^2): \\tilde c without a time index is not a name of the post"))
    R(L("\\delta_k^T=\\prod_{j=k}^{t-1}"), lambda c: vec(c.g("h", 2)),
      undefined("a product over j of row vectors delta_{o,j}^T W_oh (and j free in the other terms)"))
    # ---- layer below ----
    R(L("\\delta_t^{l-1}\\overset{def}{=}"), lambda c: vec(c.g("u", t)),
      undefined("\\frac{\\partial E}{\\mathbf{net}_t^{l-1}}: no \\partial in the denominator"))
    R(L("\\mathbf{x}_t^l=f^{l-1}"), lambda c: x(c), lambda c: np.tanh(col(c.v("u", t))))
    du = lambda c: vec(c.g("u", t))
    Jxu = lambda c: c.jac("x", t, ("u", t), (I,))
    Jnx = lambda q: (lambda c: c.jac(net(q), t, ("xin:" + core[q], t), (I,)))
    fp = lambda c: fl(1 - np.tanh(c.v("u", t)) ** 2)
    l38 = L("\\frac{\\partial{E}}{\\partial{\\mathbf{net}_t^{l-1}}}&=")
    R(l38, du, lambda c: add(*[mm(mm(dnet(q)(c), Jnx(q)(c)), Jxu(c)) for q in "fico"]))
    R(l38 + 1, du, lambda c: add(*[vec(fl(mm(dnet(q)(c), Wx(q))) * fp(c)) for q in "fico"]))
    R(l38 + 2, du, lambda c: vec(fl(add(*[mm(dnet(q)(c), Wx(q)) for q in "fico"])) * fp(c)))

    # ---- weight and bias gradients ----
    def contract(pre, pname, shape, s=t):
        def f(c):
            Jp = c.jac(pre, s, ("P:" + pname, s), shape)
            return np.tensordot(c.g(pre, s), Jp, axes=(0, 0))
        return f
    for q, W in (("o", "oh"), ("f", "fh"), ("i", "ih"), ("c", "ch")):
        ln = L("\\frac{\\partial{E}}{\\partial{W_{%s,t}}}&=" % W)
        pn = "U" + core[q]
        R(ln, (lambda pn: lambda c: c.gps(pn, t))(pn), contract(net(q), pn, (H, H)))
        R(ln + 1, (lambda pn: lambda c: c.gps(pn, t))(pn),
          (lambda q: lambda c: mm(col(c.g(net(q), t)), hp(c).T))(q))
        R(L("\\frac{\\partial{E}}{\\partial{W_{%s}}}&=\\sum_{j=1}^t" % W), (lambda pn: lambda c: c.gp(pn))(pn),
          (lambda q: lambda c: sum(mm(col(c.g(net(q), j)), hp(c, j).T) for j in range(1, t + 1)))(q))
    for q in "ofic":
        pn = "b" + core[q]
        ln = L("\\frac{\\partial{E}}{\\partial{\\mathbf{b}_{%s,t}}}&=" % q)
        R(ln, (lambda pn: lambda c: vec(c.gps(pn, t)))(pn), (lambda pn, q: lambda c: vec(contract(net(q), pn, (H,))(c)))(pn, q))
        R(ln + 1, (lambda pn: lambda c: vec(c.gps(pn, t)))(pn), (lambda q: lambda c: vec(c.g(net(q), t)))(q))
        R(L("\\frac{\\partial{E}}{\\partial{\\mathbf{b}_%s}}&=\\sum" % q), (lambda pn: lambda c: vec(c.gp(pn)))(pn),
          (lambda q: lambda c: vec(sum(c.g(net(q), j) for j in range(1, t + 1))))(q))
    for q, W in (("o", "ox"), ("f", "fx"), ("i", "ix"), ("c", "cx")):
        ln = L("\\frac{\\partial{E}}{\\partial{W_{%s}}}&=" % W)
        pn = "W" + core[q]
        R(ln, (lambda pn: lambda c: c.gp(pn))(pn), contract(net(q), pn, (H, I)))
        R(ln + 1, (lambda pn: lambda c: c.gp(pn))(pn), (lambda q: lambda c: mm(col(c.g(net(q), t)), x(c).T))(q))
