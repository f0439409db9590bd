"""Oracle rules of legalaspro_gru_code (lossFunGRU of simple-gru.ipynb, code): column vectors, Karpathy-style
loop; z weights the old state, h_t = z hs_{t-1} + (1 - z) h_tilde (core gru_form "old"), reset before W_hh
(core gru_reset "before"); W_{xk} = core Wk, W_{hk} = core Uk (k = z, r), W_{xh} / W_{hh} / b_h = core Wn / Un /
bn; W_hy, b_y = core V, c; softmax + cross-entropy summed over the steps.  In the backward loop dh = dL/dh_t
(total), dh_next on its right what step t+1 sent back, on the left of the last row what step t sends to
h_{t-1}; dh_tilde, dz, dr are first the gradients at h_tilde, z_t, r_t, after their second row the
pre-activations'; drhp = dL/d(r_t * h_prev); dh_f* the paths into h_{t-1}; '+=' rows are step t's share."""
import numpy as np

from oracle import Model, rule, source, accumulate, add, ew, mm, col, sig, softmax, line_finder

SID = "legalaspro_gru_code"


def finder():
    return line_finder(SID)


@source
def _legalaspro_gru_code(M):
    m, t = "legalaspro_gru_code", 3
    M[m] = Model("gru", I=2, H=3, T=4, V=3, seed=913, head="softmax", gru_form="old", gru_reset="before")
    mod = M[m]
    P = mod.P
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))
    g = lambda n, s=t: (lambda c: col(c.g(n, s)))
    gh = lambda n: (lambda c: col(c.gh(n, t)))
    x = lambda c: v(c, "x")
    hp = lambda c: v(c, "h", t - 1)
    Wxz, Whz, Wxr, Whr, Wxh, Whh = P["Wz"], P["Uz"], P["Wr"], P["Ur"], P["Wn"], P["Un"]
    dy = g("logit")
    dh = g("h")
    onehot = col(np.eye(mod.V)[mod.y[t]])
    acc = lambda c, pname, inc, shape_col=False: accumulate(
        c, (lambda s: col(c.gps(pname, s))) if shape_col else (lambda s: c.gps(pname, s)), t, inc)
    def accrow(frag, pname, inc, is_bias=False):
        R(L(frag), lambda c: acc(c, pname, 0, is_bias)[0], lambda c: acc(c, pname, inc(c), is_bias)[1])
    # forward
    R(L("$$ z_t = "), lambda c: v(c, "z"), lambda c: sig(mm(Wxz, x(c)) + mm(Whz, hp(c)) + col(P["bz"])))
    R(L("$$ r_t = "), lambda c: v(c, "r"), lambda c: sig(mm(Wxr, x(c)) + mm(Whr, hp(c)) + col(P["br"])))
    R(L("$$ h_{tilde} = \\tanh"), lambda c: v(c, "n"),
      lambda c: np.tanh(mm(Wxh, x(c)) + mm(Whh, ew(v(c, "r"), hp(c))) + col(P["bn"])))
    R(L("$$ h_t = z_t"), lambda c: v(c, "h"), lambda c: add(ew(v(c, "z"), hp(c)), ew(1 - v(c, "z"), v(c, "n"))))
    R(L("$$ hs_t = h_t"), lambda c: v(c, "h"), lambda c: v(c, "h"))
    R(L("$$ y_t = "), lambda c: v(c, "logit"), lambda c: mm(P["V"], v(c, "h")) + col(P["c"]))
    R(L("$$ p_t = "), lambda c: v(c, "yhat"), lambda c: col(softmax(c.v("logit", t))))
    R(L("$$ ps_t = p_t"), lambda c: v(c, "yhat"), lambda c: v(c, "yhat"))
    # the loss accumulation: before the row 'loss' holds steps 1..t-1, after it 1..t
    R(L("$$ loss \\mathrel{+}="), lambda c: np.array([sum(c.v("l", s)[0] for s in range(1, t + 1))]),
      lambda c: np.array([sum(c.v("l", s)[0] for s in range(1, t)) - np.log(c.v("yhat", t)[mod.y[t]])]))
    # backward
    R(L("$$ dy = "), dy, lambda c: v(c, "yhat") - onehot)
    R(L("$$ dW_{hy} \\mathrel{+}="), lambda c: acc(c, "V", 0)[0], lambda c: acc(c, "V", mm(dy(c), v(c, "h").T))[1])
    accrow("$$ db_y \\mathrel{+}=", "c", dy, True)
    R(L("$$ dh = W_{hy}^T"), dh, lambda c: add(mm(P["V"].T, dy(c)), col(c.gin("h", t + 1))))
    R(L("$$ h_{prev} = "), hp, hp)
    R(L("$$ dh_{tilde} = dh \\odot"), g("n"), lambda c: ew(dh(c), 1 - v(c, "z")))
    R(L("$$ dh_{tilde} = dh_{tilde}"), g("zn"), lambda c: ew(g("n")(c), 1 - v(c, "n") ** 2))
    accrow("$$ dW_{xh} \\mathrel{+}=", "Wn", lambda c: mm(g("zn")(c), x(c).T))
    accrow("$$ dW_{hh} \\mathrel{+}=", "Un", lambda c: mm(g("zn")(c), ew(v(c, "r"), hp(c)).T))
    accrow("$$ db_h \\mathrel{+}=", "bn", g("zn"), True)
    R(L("$$ dz = dh"), g("z"), lambda c: ew(dh(c), hp(c) - v(c, "n")))
    R(L("$$ dz = dz \\odot"), g("zz"), lambda c: ew(g("z")(c), v(c, "z"), 1 - v(c, "z")))
    accrow("$$ dW_{xz} \\mathrel{+}=", "Wz", lambda c: mm(g("zz")(c), x(c).T))
    accrow("$$ dW_{hz} \\mathrel{+}=", "Uz", lambda c: mm(g("zz")(c), hp(c).T))
    accrow("$$ db_z \\mathrel{+}=", "bz", g("zz"), True)
    R(L("$$ drhp = "), g("rh"), lambda c: mm(Whh.T, g("zn")(c)))
    R(L("$$ dr = drhp"), g("r"), lambda c: ew(g("rh")(c), hp(c)))
    R(L("$$ dr = dr \\odot"), g("zr"), lambda c: ew(g("r")(c), v(c, "r"), 1 - v(c, "r")))
    accrow("$$ dW_{xr} \\mathrel{+}=", "Wr", lambda c: mm(g("zr")(c), x(c).T))
    accrow("$$ dW_{hr} \\mathrel{+}=", "Ur", lambda c: mm(g("zr")(c), hp(c).T))
    accrow("$$ db_r \\mathrel{+}=", "br", g("zr"), True)
    R(L("$$ dh_{fz\\_inner} = "), gh("hin:z"), lambda c: mm(Whz.T, g("zz")(c)))
    R(L("$$ dh_{fz} = "), gh("hin:dir"), lambda c: ew(dh(c), v(c, "z")))
    R(L("$$ dh_{fhh} = "), gh("hin:rh"), lambda c: ew(g("rh")(c), v(c, "r")))
    R(L("$$ dh_{fr} = "), gh("hin:r"), lambda c: mm(Whr.T, g("zr")(c)))
    R(L("$$ dh_{next} = "), lambda c: col(c.gin("h", t)),
      lambda c: add(gh("hin:z")(c), gh("hin:dir")(c), gh("hin:rh")(c), gh("hin:r")(c)))
