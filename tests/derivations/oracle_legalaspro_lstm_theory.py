"""Oracle rules of legalaspro_lstm_theory (D. Manajev's "THEORY OFFTOPIC" cell of simple-lstm.ipynb): column
vectors; code-indexed names x_s[t], h_s[t-1], c_s[t], y_s[t], p_s[t] (the notebook's xs[t], hs[t-1], ...), gates
i_t, f_t, o_t, candidate c~_t (core g); W_{xk} = core Wk, W_{hk} = core Uk, W_{hc}/W_{xc}/b_c = core Ug/Wg/bg;
y_s[t] = W_hy h_s[t] + b_y (core V, c), softmax + cross-entropy summed over the steps (core head "softmax").
dy, dh, do, di, df, dc_tilde are the code's arrays: dh = dL/dh_s[t] (total), do first the output gate's output
gradient, then (after 'do = do x sigma'(o_t)', sigma' written through the gate's output) its pre-activation's.
dh_next / dc_next (and dL/dh_s[t-1], dL/dc_s[t-1] of section 4.1, which the text equates with them) are what
step t sends back to h_{t-1}, c_{t-1}; on the right of dh_t and dc_s[t] they are what step t+1 sent."""
import numpy as np

from oracle import Model, rule, source, accumulate, add, ew, mm, col, sig, softmax, line_finder

SID = "legalaspro_lstm_theory"


def finder():
    return line_finder(SID)


@source
def _legalaspro_lstm(M):
    m, t, H = "legalaspro_lstm_theory", 3, 3
    M[m] = Model("lstm", I=2, H=H, T=4, V=3, seed=911, head="softmax")
    mod = M[m]
    P = mod.P
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))
    g = lambda n, s=t: (lambda c: col(c.g(n, s)))
    x = lambda c, s=t: v(c, "x", s)
    hp = lambda c: v(c, "h", t - 1)
    D = lambda vec: np.diag(np.asarray(vec).ravel())
    pre = lambda c, k: mm(P["W" + k], x(c)) + mm(P["U" + k], hp(c)) + col(P["b" + k])
    tc = lambda c: np.tanh(v(c, "c"))
    dy = g("logit")
    dh = g("h")
    onehot = lambda s: col(np.eye(mod.V)[mod.y[s]])
    jac = lambda q, key, size=H: (lambda c: c.jac(q, t, (key, t), (size,)))
    # forward
    for k, frag in (("i", "$$ i_t = "), ("f", "$$ f_t = "), ("o", "$$ o_t = ")):
        R(L(frag), lambda c, k=k: v(c, k), lambda c, k=k: sig(pre(c, k)))
    R(L("$$ \\tilde{c}_t = \\tanh"), lambda c: v(c, "g"), lambda c: np.tanh(pre(c, "g")))
    for frag in ("$$ c_s[t] = f_t \\odot c_s[t-1] \\;+", "$$ c_s[t] = f_t \\odot c_s[t-1] + i_t"):
        R(L(frag), lambda c: v(c, "c"), lambda c: add(ew(v(c, "f"), v(c, "c", t - 1)), ew(v(c, "i"), v(c, "g"))))
    for frag, nth in (("$$ h_s[t] = o_t", 0), ("$$ h_s[t] = o_t", 1), ("$$ h_s[t] = o_t", 2)):
        R(L(frag, nth), lambda c: v(c, "h"), lambda c: ew(v(c, "o"), tc(c)))
    R(L("$$ y_s[t] = "), lambda c: v(c, "logit"), lambda c: mm(P["V"], v(c, "h")) + col(P["c"]))
    R(L("$ p_s[t] = "), lambda c: v(c, "yhat"), lambda c: col(softmax(c.v("logit", t))))
    R(L("$$ \\text{loss} = "), lambda c: np.array([c.L]),
      lambda c: np.array([-sum(np.log(c.v("yhat", s)[mod.y[s]]) for s in range(1, mod.T + 1))]))
    # 2: output layer
    R(L("$$ \\frac{\\partial \\text{loss}}{\\partial y_s[t]}"), dy, lambda c: v(c, "yhat") - onehot(t))
    accV = lambda c, inc: accumulate(c, lambda s: c.gps("V", s), t, inc)
    accc = lambda c, inc: accumulate(c, lambda s: col(c.gps("c", s)), t, inc)
    R(L("$$ dWhy \\;+=\\;"), lambda c: np.vstack([accV(c, 0)[0], accc(c, 0)[0].T]),
      lambda c: np.vstack([accV(c, mm(dy(c), v(c, "h").T))[1], accc(c, dy(c))[1].T]))
    R(L("$$ \\frac{\\partial L}{\\partial W_{hy}} = "), lambda c: c.gps("V", t),
      lambda c: (np.tensordot(dy(c).ravel(), c.jac("logit", t, ("P:V", t), P["V"].shape), axes=1),
                 mm(dy(c), v(c, "h").T)))
    R(L("$$ \\frac{\\partial L}{\\partial b_y} = dy"), lambda c: col(c.gps("c", t)), dy)
    R(L("$$ dh_t = W_{hy}^T"), dh, lambda c: add(mm(P["V"].T, dy(c)), col(c.gin("h", t + 1))))
    # 3.1
    R(L("$$ dh_s[t] = dh."), dh, dh)
    R(L("$$ do_t = dh"), lambda c: np.hstack([g("o")(c), g("tc")(c)]),
      lambda c: np.hstack([ew(dh(c), tc(c)), ew(dh(c), v(c, "o"))]))
    R(L("$$ \\frac{\\partial h_s[t]}{\\partial o_t}"), jac("h", "o"), lambda c: D(tc(c)))
    R(L("$$ \\frac{\\partial h_s[t]}{\\partial c_s[t]}"), jac("h", "c:h"), lambda c: D(ew(v(c, "o"), 1 - tc(c) ** 2)))
    R(L("$\\displaystyle do = dh"), g("o"), lambda c: ew(dh(c), tc(c)))
    R(L("$\\displaystyle dc_s[t] = dh"), g("c"),          # dL/dc_s[t] (3.2's definition): dc_next dropped
      lambda c: ew(dh(c), v(c, "o"), 1 - tc(c) ** 2))
    R(L("$$ do \\;=\\; do"), g("zo"), lambda c: ew(g("o")(c), v(c, "o"), 1 - v(c, "o")))   # sigma'(o_t) = o_t(1-o_t)
    R(L("$\\sigma'(z) = z(1 - z)$"), lambda c: ew(sig(pre(c, "o")), 1 - sig(pre(c, "o"))),   # at z = o_t (the gate)
      lambda c: ew(v(c, "o"), 1 - v(c, "o")))
    # 3.2-3.4
    R(L("$$ dc_s[t] = \\frac"), g("c"),
      lambda c: (g("c")(c), add(ew(dh(c), v(c, "o"), 1 - tc(c) ** 2), col(c.gin("c", t + 1)))))
    R(L("$\\partial c_s[t]/\\partial f_t"), jac("c", "f"), lambda c: D(v(c, "c", t - 1)))
    R(L("$\\partial c_s[t]/\\partial i_t"), jac("c", "i"), lambda c: D(v(c, "g")))
    R(L("$\\partial c_s[t]/\\partial \\tilde{c}_t"), jac("c", "g"), lambda c: D(v(c, "i")))
    R(L("$$ \\frac{\\partial L}{\\partial (pre\\_act\\_i)} = di"),
      lambda c: np.hstack([g("z" + k)(c) for k in "ifog"]),
      lambda c: np.hstack([ew(g("c")(c), v(c, "g"), v(c, "i"), 1 - v(c, "i")),
                           ew(g("c")(c), v(c, "c", t - 1), v(c, "f"), 1 - v(c, "f")),
                           ew(dh(c), tc(c), v(c, "o"), 1 - v(c, "o")),
                           ew(g("c")(c), v(c, "i"), 1 - v(c, "g") ** 2)]))
    # 4
    R(L("$$ \\frac{\\partial L}{\\partial W_{xi}} = \\sum_t"), lambda c: c.gp("Wi"),
      lambda c: sum(mm(g("zi", s)(c), x(c, s).T) for s in range(1, mod.T + 1)))
    R(L("$$ dh_{\\text{next}} = "), lambda c: col(c.gin("h", t)), lambda c: col(c.gin("h", t)))
    R(L("$$ dc_{\\text{next}} = "), lambda c: col(c.gin("c", t)), lambda c: col(c.gin("c", t)))
    R(L("$$ \\frac{\\partial L}{\\partial h_s[t-1]} = \\sum"), lambda c: col(c.gin("h", t)),
      lambda c: add(*[mm(P["U" + k].T, g("z" + k)(c)) for k in "ifog"]))
    R(L("$$ \\frac{\\partial L}{\\partial c_s[t-1]} = "), lambda c: col(c.gin("c", t)),
      lambda c: ew(g("c")(c), v(c, "f")))
