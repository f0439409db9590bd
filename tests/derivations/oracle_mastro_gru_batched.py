"""Oracle rules of mastro_gru_batched (M. Mastro's batched GRU, GRU.py, a fork of Karpathy's batched LSTM):
row vectors, X_and_H_in = [1, x_t, h_{t-1}], X_and_H_reset = [1, x_t, r_t h_{t-1}], one stacked WGRU
((1+I+H) x 3H) with column blocks Z, R, C (core z, r, n): row 0 the biases, rows 1..I the input weights, the rest
the recurrent ones; h_t = (1 - z) h_{t-1} + z n (core gru_form "new"), reset before the matrix.
dh_out_t = total dL/dh_t when step t is processed.  L: linear loss (the gist's test uses sum(H * wrand))."""
import numpy as np

from oracle import Model, rule, source, accumulate, add, ew, mm, row, line_finder

SID = "mastro_gru_batched"


def finder():
    return line_finder(SID)


@source
def _mastro(M):
    m, t, I = "mastro_gru", 3, 2
    M[m] = Model("gru", I=I, H=3, T=4, seed=83, gru_form="new")
    P = M[m].P
    blk = lambda k: np.vstack([row(P["b" + k]), P["W" + k].T, P["U" + k].T])
    WZR = np.hstack([blk("z"), blk("r")])
    WC = blk("n")
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: row(c.v(n, s))
    one = np.ones((1, 1))
    Hin = lambda c: np.hstack([one, v(c, "x"), v(c, "h", t - 1)])
    Hres = lambda c: np.hstack([one, v(c, "x"), ew(v(c, "r"), v(c, "h", t - 1))])
    g = lambda n: (lambda c: row(c.g(n, t)))
    gh = lambda n, size=None: (lambda c: row(c.gh(n, t, size)))
    zr = lambda c: np.hstack([v(c, "zz"), v(c, "zr")])
    zr_n = lambda c: np.hstack([v(c, "z"), v(c, "r")])
    dzr = lambda c: np.hstack([g("zz")(c), g("zr")(c)])
    dh = g("h")
    # forward
    R(L("$$ X\\_and\\_H\\_in_t = [1"), Hin, Hin)
    R(L("$$ ZRC_t^{(ZR)} = "), zr, lambda c: mm(Hin(c), WZR))
    R(L("$$ ZRC\\_n_t^{(ZR)} = 1.0"), zr_n, lambda c: 1.0 / (1.0 + np.exp(-zr(c))))
    R(L("$$ X\\_and\\_H\\_reset = ", 0), Hres, Hres)
    R(L("$$ ZRC_t^{(C)} = "), lambda c: v(c, "zn"), lambda c: mm(Hres(c), WC))
    R(L("$$ ZRC\\_n_t^{(C)} = \\tanh"), lambda c: v(c, "n"), lambda c: np.tanh(v(c, "zn")))
    R(L("$$ Hout_t = "), lambda c: v(c, "h"),
      lambda c: add(ew(1 - v(c, "z"), v(c, "h", t - 1)), ew(v(c, "z"), v(c, "n"))))
    # backward
    R(L("$$ X\\_and\\_H\\_reset = ", 1), Hres, Hres)
    R(L("$$ dZRC\\_n_t^{(C)} = "), g("n"), lambda c: ew(v(c, "z"), dh(c)))
    R(L("$$ dZRC_t^{(C)} = "), g("zn"), lambda c: ew(1 - v(c, "n") ** 2, g("n")(c)))
    gaC = lambda c: (lambda s: np.vstack([row(c.gps("bn", s)), c.gps("Wn", s).T, c.gps("Un", s).T]))
    R(L("$$ dWGRU^{(C)} \\mathrel{+}= "), lambda c: accumulate(c, gaC(c), t, 0)[0],
      lambda c: accumulate(c, gaC(c), t, mm(Hres(c).T, g("zn")(c)))[1])
    # gradient w.r.t. X_and_H_reset through the candidate's product: [1 | x (n path) | r h_{t-1}]
    dconst_n = lambda c: np.array([[P["bn"] @ c.gps("bn", t)]])
    dres = lambda c: np.hstack([dconst_n(c), gh("xin:n", I)(c), g("rh")(c)])
    R(L("$$ dx\\_and\\_dh\\_reset = "), dres, lambda c: mm(g("zn")(c), WC.T))
    R(L("$$ dX\\_and\\_H\\_in_t^{(x)} = "), gh("xin:n", I), lambda c: dres(c)[:, 1:1 + I])
    R(L("$$ dZRC\\_n_t^{(R)} = "), g("r"), lambda c: ew(v(c, "h", t - 1), dres(c)[:, 1 + I:]))
    R(L("$$ dX\\_and\\_H\\_in_t^{(h)} = "), gh("hin:rh"), lambda c: ew(v(c, "r"), dres(c)[:, 1 + I:]))
    R(L("$$ one\\_minus\\_z = "), lambda c: 1 - v(c, "z"), lambda c: 1 - v(c, "z"))
    R(L("$$ d\\_one\\_minus\\_z = "), gh("omz"), lambda c: ew(v(c, "h", t - 1), dh(c)))
    R(L("$$ dX\\_and\\_H\\_in_t^{(h)} \\mathrel{+}= "), lambda c: add(gh("hin:rh")(c), gh("hin:dir")(c)),
      lambda c: add(gh("hin:rh")(c), ew(1 - v(c, "z"), dh(c))))
    R(L("$$ dZRC\\_n_t^{(Z)} = "), gh("zmul"), lambda c: ew(v(c, "n"), dh(c)))
    R(L("$$ dZRC\\_n_t^{(Z)} \\mathrel{+}= "), g("z"), lambda c: add(gh("zmul")(c), -1 * gh("omz")(c)))
    dzr_n = lambda c: np.hstack([g("z")(c), g("r")(c)])
    R(L("$$ dZRC_t^{(ZR)} = "), dzr, lambda c: ew(zr_n(c), 1 - zr_n(c), dzr_n(c)))
    gaZR = lambda c: (lambda s: np.hstack([np.vstack([row(c.gps("b" + k, s)), c.gps("W" + k, s).T,
                                                      c.gps("U" + k, s).T]) for k in "zr"]))
    R(L("$$ dWGRU^{(ZR)} \\mathrel{+}= "), lambda c: accumulate(c, gaZR(c), t, 0)[0],
      lambda c: accumulate(c, gaZR(c), t, mm(Hin(c).T, dzr(c)))[1])
    # dX_and_H_in after the row: [const (z, r biases) | total dL/dx_t | dL/dh_{t-1} through step t]
    dconst_zr = lambda c: np.array([[P["bz"] @ c.gps("bz", t) + P["br"] @ c.gps("br", t)]])
    dHin_before = lambda c: np.hstack([np.zeros((1, 1)), gh("xin:n", I)(c),
                                       add(gh("hin:rh")(c), gh("hin:dir")(c))])
    dHin_after = lambda c: np.hstack([dconst_zr(c), row(c.g("x", t)), row(c.gin("h", t))])
    R(L("$$ dX\\_and\\_H\\_in_t \\mathrel{+}= "), dHin_after, lambda c: add(dHin_before(c), mm(dzr(c), WZR.T)))
    R(L("$$ dX_t = "), lambda c: row(c.g("x", t)), lambda c: dHin_after(c)[:, 1:1 + I])
    # dh_out[t-1] held the gradient from above (Delta_{t-1}) before the row, the total dL/dh_{t-1} after it
    R(L("$$ dh\\_out_{t-1} \\mathrel{+}= "), lambda c: row(c.g("h", t - 1)),
      lambda c: add(row(c.gout(t - 1)), dHin_after(c)[:, 1 + I:]))
