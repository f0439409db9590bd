"""Oracle rules of aiedu_lstm_bptt (Microsoft AI-Edu, 20.1 LSTM, in Chinese; sister text of
microsoft_aiedu_gru).  ROW vectors, subscript time: f_t = sigma(h_{t-1} W_f + x_t U_f + b_f), i_t, o_t
likewise, \\tilde c_t = tanh(h_{t-1} W_c + x_t U_c + b_c), c_t = f o c_{t-1} + i o \\tilde c_t,
h_t = o_t o tanh(c_t); output z_t = h_t V + b, a_t = sigma(z_t) with an element-wise binary cross-entropy
loss (the text names no loss; under it dloss/dz_t = a_t - y_t, the text's (14)-(15) form).  Names: the
author's W_q = core U_q^T (H x H), U_q = core W_q^T (I x H), b_q = core b_q (row), V = core V^T (H x O,
O = 2 outputs != H), b = core c; \\tilde c = core g; z_{qt} = core zq.  \\delta_t = the total dloss/dh_t;
\\delta_{c_t} = dloss/dc_t (its name); \\delta_{z_{qt}} = dloss/dz_q (row); \\delta^{l+1}_{x_t} = the error
the output layer sends to h_t (gout), \\delta^l_{h_t} = the error from step t+1 (gin('h', t+1));
\\delta_{h_{t-1}} = what the cell at t passes back to h_{t-1} (as in microsoft_aiedu_gru); d_{W,t} step t's
contribution, d_W = the sum over t = 1..tau (tau = T).  A \\frac{\\partial a}{\\partial b} between forward
quantities is the local Jacobian (numerator layout), a row times it the chain rule; one with a parameter
below is contracted with the row before it.  The opening RNN formula (20.1.1) is checked on a separate
column-vector tanh RNN with a loss on the last step (t = T = 4, k = 2).  (13)-(14) are checked on a
softmax + cross-entropy of their own (a generic z, one-hot y).  Rows at t = 3 of T = 4."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, row, col, diag, sig, perturbers, line_finder

SID = "aiedu_lstm_bptt"


def finder():
    return line_finder(SID)


class AieduLstm(Model):
    """LSTM (core names) with a sigmoid output layer and element-wise binary cross-entropy."""

    def __init__(self, seed):
        Model.__init__(self, "lstm", I=2, H=3, T=4, seed=seed, head="softmax", V=2)
        rng = np.random.default_rng(seed + 1)
        self.ybin = {t: rng.integers(0, 2, self.V).astype(float) for t in range(1, self.T + 1)}

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
                z = (par("W" + k, t) @ pv("xin:" + k, t, x) + par("U" + k, t) @ pv("hin:" + k, t, hin)
                     + par("b" + k, t))
                z = pv("z" + k, t, z)
                vals[("z" + k, t)] = z
                vals[(k, t)] = pv(k, t, np.tanh(z) if k == "g" else sig(z))
            i, fg, o, g = (vals[(k, t)] for k in "ifog")
            cn = pv("c", t, fg * cin + i * g)
            tc = pv("tc", t, np.tanh(pv("c:h", t, cn)))
            vals[("tc", t)] = tc
            hn = pv("h", t, o * tc)
            vals[("c", t)], vals[("h", t)] = cn, hn
            zt = pv("logit", t, par("V", t) @ pv("hout", t, hn) + par("c", t))
            vals[("logit", t)] = zt
            a = sig(zt)
            vals[("a", t)] = a
            y = self.ybin[t]
            L += -float(np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)))
            h, c = hn, cn
        return L, vals


@source
def _aiedu_lstm(M):
    m, t = "aiedu_lstm", 3
    M[m] = AieduLstm(seed=23)
    mod = M[m]
    P, H, I, T = mod.P, mod.H, mod.I, mod.T
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    Wa = {q: P["U" + k].T for q, k in (("f", "f"), ("i", "i"), ("o", "o"), ("c", "g"))}   # author's W_q
    Ua = {q: P["W" + k].T for q, k in (("f", "f"), ("i", "i"), ("o", "o"), ("c", "g"))}   # author's U_q
    ba = {q: row(P["b" + k]) for q, k in (("f", "f"), ("i", "i"), ("o", "o"), ("c", "g"))}
    Va, bV = P["V"].T, row(P["c"])
    v = lambda c, n, s=t: row(c.v(n, s))
    x = lambda c, s=t: v(c, "x", s)
    hp = lambda c, s=t: v(c, "h", s - 1)
    g = lambda n: (lambda c, s=t: row(c.g(n, s)))
    J = lambda q, key, size=None: (lambda c: c.jac(q, t, (key, t), (size or H,)))
    dsig_ = lambda c, n: ew(v(c, n), 1 - v(c, n))
    pre = lambda c, q: mm(hp(c), Wa[q]) + mm(x(c), Ua[q]) + ba[q]

    # 20.1.1: the RNN formula, on a tanh RNN (column vectors, z_i = W h_{i-1} + U x_i + b), loss on h_T
    mr = "aiedu_lstm_rnn"
    M[mr] = Model("rnn", I=2, H=3, T=4, seed=29, head="last")
    Wr = M[mr].P["Ua"]
    k_, t_ = 2, 4

    def intro_rhs(c):
        Mx = np.eye(H)
        for i_ in range(t_ - 1, k_ - 1, -1):          # the only order the product could be meant in
            Mx = mm(Mx, mm(diag(1 - np.tanh(c.v("a", i_)) ** 2), Wr))
        return mm(row(c.g("a", t_)), Mx)
    rule(SID, L("\\delta^T_k=\\delta^T_t \\prod"), mr, lambda c: row(c.g("a", k_)), intro_rhs)

    # forward (1)-(8)
    R(L("f_t = \\sigma(h_{t-1} \\cdot W_f"), lambda c: v(c, "f"), lambda c: sig(pre(c, "f")))
    stack = np.hstack([P["Uf"], P["Wf"]])                 # [W_fh W_fx] of the column-vector forms
    hx = lambda c: np.vstack([col(c.v("h", t - 1)), col(c.v("x", t))])
    R(L("f_t=\\sigma(W_f\\cdot[h_{t-1}, x_t] + b_f)"), lambda c: col(c.v("f", t)),
      lambda c: sig(mm(stack, hx(c)) + col(P["bf"])))
    R(L("f_t &= \\sigma([W_{fh}\\;W_{fx}]"), lambda c: col(c.v("f", t)),
      lambda c: sig(mm(stack, hx(c)) + col(P["bf"])))
    R(L("&= \\sigma(W_{fh}h_{t-1}+W_{fx}x_t+b_f)"), lambda c: col(c.v("f", t)),
      lambda c: sig(mm(P["Uf"], col(c.v("h", t - 1))) + mm(P["Wf"], col(c.v("x", t))) + col(P["bf"])))
    R(L("i_t = \\sigma(h_{t-1} \\cdot W_i"), lambda c: v(c, "i"), lambda c: sig(pre(c, "i")))
    R(L("\\tilde{c}_t = \\tanh(h_{t-1}"), lambda c: v(c, "g"), lambda c: np.tanh(pre(c, "c")))
    R(L("c_t = f_t \\circ c_{t-1}"), lambda c: v(c, "c"),
      lambda c: add(ew(v(c, "f"), v(c, "c", t - 1)), ew(v(c, "i"), v(c, "g"))))
    R(L("o_t = \\sigma(h_{t-1} \\cdot W_o"), lambda c: v(c, "o"), lambda c: sig(pre(c, "o")))
    R(L("h_t=o_t \\circ \\tanh(c_t)"), lambda c: v(c, "h"), lambda c: ew(v(c, "o"), np.tanh(v(c, "c"))))
    R(L("a_t = \\sigma(h_t \\cdot V + b)"), lambda c: v(c, "a"), lambda c: sig(mm(v(c, "h"), Va) + bV))
    R(L("z_t = h_t \\cdot V + b"), lambda c: v(c, "logit"), lambda c: mm(v(c, "h"), Va) + bV)

    # (9)-(12) at z = the forget gate's pre-activation
    zz = lambda c: c.v("zf", t)
    nd = lambda fn: (lambda c: (fn(zz(c) + 1e-6) - fn(zz(c) - 1e-6)) / 2e-6)
    R(L("\\sigma(z) = y = \\frac"), lambda c: sig(zz(c)), lambda c: (sig(zz(c)), 1 / (1 + np.exp(-zz(c)))))
    R(L("\\sigma^{'}(z) = y(1-y)"), nd(sig), lambda c: sig(zz(c)) * (1 - sig(zz(c))))
    R(L("\\tanh(z) = y = \\frac"), lambda c: np.tanh(zz(c)),
      lambda c: (np.tanh(zz(c)), (np.exp(zz(c)) - np.exp(-zz(c))) / (np.exp(zz(c)) + np.exp(-zz(c)))))
    R(L("\\tanh^{'}(z) = 1-y^2"), nd(np.tanh), lambda c: 1 - np.tanh(zz(c)) ** 2)

    # (13)-(14): a softmax + cross-entropy of their own
    zs = np.array([0.3, -1.2, 0.8, 0.1])
    ys = np.array([0.0, 0.0, 1.0, 0.0])
    smx = lambda z: np.exp(z) / np.exp(z).sum()
    ce = lambda z: -float(np.sum(ys * np.log(smx(z))))

    def ce_grad(c):
        out = np.zeros_like(zs)
        for j in range(len(zs)):
            d = np.zeros_like(zs)
            d[j] = 1e-6
            out[j] = (ce(zs + d) - ce(zs - d)) / 2e-6
        return out
    R(L("softmax(z_i) = \\hat{y}_i = \\frac"), lambda c: smx(zs),
      lambda c: (smx(zs), np.exp(zs) / np.sum(np.exp(zs))))
    R(L("\\frac{\\partial{loss}}{\\partial{z_i}} = \\hat{y}_i - y_i"), ce_grad, lambda c: smx(zs) - ys)

    # (15)-(16)
    ay = lambda c: v(c, "a") - row(mod.ybin[t])
    gout = lambda c: row(c.gout(t))
    R(L("\\delta^{l+1}_{x_t} = \\frac"), gout,
      lambda c: (mm(g("logit")(c), J("logit", "hout")(c)), mm(ay(c), Va)))
    R(L("\\delta^l_t = \\frac"), g("h"),
      lambda c: (add(gout(c), row(c.gin("h", t + 1))), mm(ay(c), Va)))

    d_t = g("h")
    dzo, dzg, dzi, dzf, dct = g("zo"), g("zg"), g("zi"), g("zf"), g("c")
    # (17)
    l = L("\\delta_{z_{ot}} &= ")
    R(l, dzo, lambda c: mm(mm(d_t(c), J("h", "o")(c)), J("o", "zo")(c)))
    R(l + 1, dzo, lambda c: mm(mm(d_t(c), diag(np.tanh(v(c, "c")))), diag(dsig_(c, "o"))))
    R(l + 2, dzo, lambda c: ew(d_t(c), np.tanh(v(c, "c")), v(c, "o"), 1 - v(c, "o")))
    # (18): the path through c_{t+1} is missing
    l = L("\\delta_{c_t} &= ")
    R(l, dct, lambda c: mm(mm(d_t(c), J("h", "tc")(c)), J("tc", "c:h")(c)))
    R(l + 1, dct, lambda c: mm(mm(d_t(c), diag(v(c, "o"))), diag(1 - np.tanh(v(c, "c")) ** 2)))
    R(l + 2, dct, lambda c: ew(d_t(c), v(c, "o"), 1 - np.tanh(v(c, "c")) ** 2))
    # (19)-(21): \delta_{c_t} read as its name, dloss/dc_t
    for frag, dz, gate, other, local in (
            ("\\delta_{z_{\\tilde{c}t}} &= ", dzg, "g", "i", lambda c: 1 - v(c, "g") ** 2),
            ("\\delta_{z_{it}} &= ", dzi, "i", "g", lambda c: dsig_(c, "i")),
            ("\\delta_{z_{ft}} &= ", dzf, "f", None, lambda c: dsig_(c, "f"))):
        l = L(frag)
        oth = (lambda c, other=other: v(c, other)) if other else (lambda c: v(c, "c", t - 1))
        R(l, dz, lambda c, gate=gate: mm(mm(dct(c), J("c", gate)(c)), J(gate, "z" + gate)(c)))
        R(l + 1, dz, lambda c, oth=oth, local=local: mm(mm(dct(c), diag(oth(c))), diag(local(c))))
        R(l + 2, dz, lambda c, oth=oth, local=local: ew(dct(c), oth(c), local(c)))

    # (22)-(24): step t's contributions of the output gate's parameters
    def contract(prename, core):
        def f(c):
            Jp = c.jac(prename, t, ("P:" + core, t), P[core].shape)
            out = np.tensordot(g(prename)(c).ravel(), Jp, axes=(0, 0))
            return out.T if out.ndim == 2 else row(out)
        return f
    stepT = lambda core: (lambda c: c.gps(core, t).T)
    R(L("d_{W_{o,t}} = "), stepT("Uo"), lambda c: (stepT("Uo")(c), contract("zo", "Uo")(c), mm(hp(c).T, dzo(c))))
    R(L("d_{U_{o,t}} = "), stepT("Wo"), lambda c: (stepT("Wo")(c), contract("zo", "Wo")(c), mm(x(c).T, dzo(c))))
    R(L("d_{b_{o,t}} = "), lambda c: row(c.gps("bo", t)),
      lambda c: (row(c.gps("bo", t)), contract("zo", "bo")(c), dzo(c)))

    # (25)-(36): totals
    for tag, core, pre_, kind in (
            ("d_{W_o} = ", "Uo", "zo", "h"), ("d_{U_o} = ", "Wo", "zo", "x"), ("d_{b_o} = ", "bo", "zo", "b"),
            ("d_{W_{c}} = ", "Ug", "zg", "h"), ("d_{U_{c}} = ", "Wg", "zg", "x"), ("d_{b_{c}} = ", "bg", "zg", "b"),
            ("d_{W_{i}} = ", "Ui", "zi", "h"), ("d_{U_{i}} = ", "Wi", "zi", "x"), ("d_{b_{i}} = ", "bi", "zi", "b"),
            ("d_{W_{f}} = ", "Uf", "zf", "h"), ("d_{U_{f}} = ", "Wf", "zf", "x"), ("d_{b_{f}} = ", "bf", "zf", "b")):
        if kind == "b":
            lhs = lambda c, core=core: row(c.gp(core))
            stp = lambda c, s, core=core: row(c.gps(core, s))
            frm = lambda c, s, pre_=pre_: g(pre_)(c, s)
        else:
            lhs = lambda c, core=core: c.gp(core).T
            stp = lambda c, s, core=core: c.gps(core, s).T
            frm = (lambda c, s, pre_=pre_: mm(hp(c, s).T, g(pre_)(c, s))) if kind == "h" else \
                  (lambda c, s, pre_=pre_: mm(x(c, s).T, g(pre_)(c, s)))
        R(L("$$ " + tag), lhs, lambda c, stp=stp, frm=frm: (sum(stp(c, s) for s in range(1, T + 1)),
                                                            sum(frm(c, s) for s in range(1, T + 1))))

    # (37): what the cell at t passes back to h_{t-1}; (38): x_t is used by step t only
    dhp = lambda c: row(c.gin("h", t))
    l = L("\\delta_{h_{t-1}} = \\frac")
    R(l, dhp, lambda c: (dhp(c), add(*[mm(g("z" + k)(c), J("z" + k, "hin:" + k)(c)) for k in "figo"])))
    R(l + 1, dhp, lambda c: add(*[mm(g("z" + k)(c), Wa[q].T) for k, q in (("f", "f"), ("i", "i"), ("g", "c"), ("o", "o"))]))
    dx = lambda c: row(c.g("x", t))
    l = L("\\delta_{x_t} = \\frac")
    R(l, dx, lambda c: (dx(c), add(*[mm(g("z" + k)(c), J("z" + k, "xin:" + k, I)(c)) for k in "figo"])))
    R(l + 1, dx, lambda c: add(*[mm(g("z" + k)(c), Ua[q].T) for k, q in (("f", "f"), ("i", "i"), ("g", "c"), ("o", "o"))]))
