"""Oracle rules of jonariguez_cs224n_rnnlm (Jonariguez's written solutions to CS224n 2017 Assignment 2, q3:
the RNN language model, in Chinese).  ROW vectors, weights on the right: e^{(t)} = x^{(t)} L,
v^{(t)} = h^{(t-1)} H + e^{(t)} I + b_1, h = sigmoid(v), theta = h U + b_2, y_hat = softmax(theta), J^{(t)} the
cross-entropy of step t.  The same model as zyxue_cs224n_rnnlm (its RNNLM class, loss J^{(t)} only at t = 3 of
T = 4; |V| = 4, d = 2, D_h = 3); core mapping: author's I = core Wa^T, H = core Ua^T, b_1 = core ba,
U = core V^T, b_2 = core c, v = core a, theta = core logit.  delta_1 = dJ/dtheta, delta_2 = dJ/dv (rows);
delta^{(s)} = dJ^{(t)}/dh^{(s)} (part (c)).  Jacobians of rows by rows are numerator-layout matrices, a
derivative by a matrix the tensor (output index first) contracted with the row in front of it; products are
read left to right with strict shapes (a Hadamard product needs equal shapes)."""
import numpy as np

from oracle import rule, source, mm, ew, add, row, sig, softmax, onehot, diag, IllTyped, undefined
from oracle_zyxue_cs224n_rnnlm import RNNLM

SID = "jonariguez_cs224n_rnnlm"


@source
def _jonariguez(M):
    m, t = "jonariguez_rnnlm", 3
    mod = RNNLM(seed=103, tl=t)
    M[m] = mod
    P, H, d, nV = mod.P, mod.H, mod.I, mod.V
    I_, H_, U_ = P["Wa"].T, P["Ua"].T, P["V"].T
    b1, b2 = row(P["ba"]), row(P["c"])
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    r = lambda c, n, s=t: row(c.v(n, s))
    x = lambda s: row(onehot(nV, mod.w[s]))
    y = lambda s: row(onehot(nV, mod.y[s]))
    k = mod.y[t]
    J = lambda c: c.v("l", t)
    gth = lambda c: row(c.g("logit", t))                                   # dJ/dtheta
    gv = lambda c, s=t: row(c.g("a", s))                                   # dJ/dv
    ge = lambda c, s=t: row(c.g("x", s))
    gh = lambda c, s: row(c.g("h", s))
    Jth_h = lambda c: c.jac("logit", t, ("hout", t), (H,))                # |V| x D_h
    Jth_b2 = lambda c: c.jac("logit", t, ("P:c", t), (nV,))
    Jh_v = lambda c, s=t: c.jac("h", s, ("a", s), (H,))
    Jv_e = lambda c, s=t: c.jac("a", s, ("x", s), (d,))
    Jv_h = lambda c: c.jac("a", t, ("hin", t), (H,))
    Jh_hp = lambda c: c.jac("h", t, ("hin", t), (H,))                      # d h^{(t)} / d h^{(t-1)}
    Jh_e = lambda c, s: c.jac("h", s, ("x", s), (d,))                      # d h^{(s)} / d L_{x^{(s)}}
    TI = lambda c, q="a", s=t: np.transpose(c.jac(q, s, ("P:Wa", s), (H, d)), (0, 2, 1))   # D_h x d x D_h
    TH = lambda c, q="a", s=t: np.transpose(c.jac(q, s, ("P:Ua", s), (H, H)), (0, 2, 1))   # D_h x D_h x D_h
    contract = lambda g, T_: np.einsum("p,pij->ij", g.ravel(), T_)
    sp = lambda c, s: c.v("h", s) * (1 - c.v("h", s))
    delta1 = lambda c: add(r(c, "yhat"), -y(t))
    delta2 = lambda c: ew(mm(delta1(c), U_.T), r(c, "h"), 1 - r(c, "h"))  # (y_hat - y) . U^T o h o (1-h)
    CE = lambda c: np.array([-np.log(c.v("yhat", t)[k])])
    PP = lambda c: np.array([1 / c.v("yhat", t)[k]])

    # (a)
    R(34, J, lambda c: (CE(c), np.array([-np.log(c.v("yhat", t)[k])]), np.array([np.log(1 / c.v("yhat", t)[k])])))
    R(35, PP, lambda c: np.array([1 / c.v("yhat", t)[k]]))
    R(37, CE, lambda c: np.log(PP(c)))
    # (b) forward
    R(41, lambda c: row(mod.L[mod.w[t]]), lambda c: r(c, "x"))          # L_{x^{(t)}}: the row of L looked up at t
    vrow = lambda c: add(mm(r(c, "h", t - 1), H_), mm(r(c, "x"), I_), b1)
    for ln in (43, 47):
        R(ln, lambda c: r(c, "a"), vrow)
    for ln in (44, 49):
        R(ln, lambda c: r(c, "logit"), lambda c: add(mm(r(c, "h"), U_), b2))
    R(46, lambda c: r(c, "x"), lambda c: mm(x(t), mod.L))
    R(48, lambda c: r(c, "h"), lambda c: sig(r(c, "a")))
    R(50, lambda c: r(c, "yhat"), lambda c: row(softmax(c.v("logit", t))))
    R(51, J, CE)
    # (b) backward
    R(53, gth, lambda c: (gth(c), delta1(c)))
    R(54, gv, lambda c: (gv(c), mm(mm(gth(c), Jth_h(c)), Jh_v(c)), delta2(c)))
    R(56, lambda c: row(c.gp("c")), lambda c: (mm(gth(c), Jth_b2(c)), delta1(c)))
    R(57, lambda c: c.gps("Ua", t).T, lambda c: (contract(gv(c), TH(c)), mm(r(c, "h", t - 1).T, delta2(c))))
    R(58, lambda c: c.gps("Wa", t).T, lambda c: (contract(gv(c), TI(c)), mm(r(c, "x").T, delta2(c))))
    R(59, ge, lambda c: (ge(c), mm(gv(c), Jv_e(c)), mm(delta2(c), I_.T)))
    R(60, lambda c: gh(c, t - 1), lambda c: (mm(gv(c), Jv_h(c)), mm(delta2(c), H_.T)))
    # the explanation's instances
    R(66, gv, lambda c: delta2(c))
    R(67, lambda c: TH(c),
      lambda c: (TH(c), TH(c),                   # d/dH of the sum, and of h^{(t-1)} H alone: the same tensor
                 r(c, "h", t - 1).T))            # (h^{(t-1)})^T: a D_h x 1 column, not the tensor
    R(69, lambda c: c.gps("Ua", t).T, lambda c: (contract(gv(c), TH(c)), mm(r(c, "h", t - 1).T, delta2(c))))
    R(72, lambda c: gh(c, t - 1), lambda c: (mm(gv(c), Jv_h(c)), mm(delta2(c), H_.T)))
    # (c)  delta^{(s)} = dJ^{(t)}/dh^{(s)}
    R(76, lambda c: gh(c, t), lambda c: gh(c, t))
    R(78, lambda c: gh(c, t),
      lambda c: (gh(c, t), undefined("\\hat{y}, y without the time index (the text writes \\hat{y}^{(t)}, y^{(t)})")(c)))
    R(79, lambda c: r(c, "h"), lambda c: sig(vrow(c)))
    R(80, Jh_hp, lambda c: ew(r(c, "h"), 1 - r(c, "h"), H_.T))           # a 1 x D_h row o a D_h x D_h matrix
    R(82, lambda c: gh(c, t - 1),
      lambda c: (gh(c, t - 1), mm(gh(c, t), Jh_hp(c)), mm(ew(gh(c, t), r(c, "h"), 1 - r(c, "h")), H_.T)))
    dm1 = lambda c: gh(c, t - 1)                                            # delta^{(t-1)}
    hm1 = lambda c: r(c, "h", t - 1)
    R(84, lambda c: ge(c, t - 1),
      lambda c: (mm(gh(c, t - 1), Jh_e(c, t - 1)), ew(mm(dm1(c), I_.T), hm1(c), 1 - hm1(c))))
    R(85, lambda c: c.gps("Wa", t - 1).T,
      lambda c: (contract(gh(c, t - 1), TI(c, "h", t - 1)), ew(mm(r(c, "x", t - 1).T, dm1(c)), hm1(c), 1 - hm1(c))))
    R(86, lambda c: c.gps("Ua", t - 1).T,
      lambda c: (contract(gh(c, t - 1), TH(c, "h", t - 1)), ew(mm(r(c, "h", t - 2).T, dm1(c)), hm1(c), 1 - hm1(c))))
    xs = np.linspace(-1.5, 2.0, 5)
    R(88, lambda c: (sig(xs + 1e-6) - sig(xs - 1e-6)) / 2e-6, lambda c: ew(sig(xs), 1 - sig(xs)))
