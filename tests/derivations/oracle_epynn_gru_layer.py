"""Oracle rules of epynn_gru_layer (EpyNN's GRU layer, code): row vectors, step s implicit, U_k (I x H) on
the input X, V_k (H x H) on hp = h_{s-1}, biases b_k; h = z hp + (1 - z) hh (core gru_form "old"), reset
applied to hp before V_{hh} (core gru_reset "before").  Names: U_r = core W_r^T, V_r = core U_r^T, U_z = W_z^T,
V_z = U_z^T, U_{hh} = W_n^T, V_{hh} = U_n^T; r_, z_, hh_ the pre-activations (core zr, zz, zn).  dA = the
head's gradient at h_s, dhn = what step s+1 sends back to h_s; L: linear loss."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, row, sig, line_finder

SID = "epynn_gru_layer"


def finder():
    return line_finder(SID)


@source
def _epynn(M):
    m, t = "epynn_gru", 3
    M[m] = Model("gru", I=2, H=3, T=4, seed=73, gru_form="old")
    P = M[m].P
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    Ur, Vr, br = P["Wr"].T, P["Ur"].T, row(P["br"])
    Uz, Vz, bz = P["Wz"].T, P["Uz"].T, row(P["bz"])
    Uh, Vh, bh = P["Wn"].T, P["Un"].T, row(P["bn"])
    v = lambda c, n, s=t: row(c.v(n, s))
    X = lambda c: v(c, "x")
    hp = lambda c: v(c, "h", t - 1)
    g = lambda n: (lambda c: row(c.g(n, t)))
    dsig = lambda u: sig(u) * (1 - sig(u))
    dtanh = lambda u: 1 - np.tanh(u) ** 2
    # forward (4s)-(7s)
    R(L("$$ r\\_ = "), lambda c: v(c, "zr"), lambda c: mm(X(c), Ur) + mm(hp(c), Vr) + br)
    R(L("$$ r = "), lambda c: v(c, "r"), lambda c: sig(v(c, "zr")))
    R(L("$$ z\\_ = "), lambda c: v(c, "zz"), lambda c: mm(X(c), Uz) + mm(hp(c), Vz) + bz)
    R(L("$$ z = "), lambda c: v(c, "z"), lambda c: sig(v(c, "zz")))
    R(L("$$ hh\\_ = "), lambda c: v(c, "zn"), lambda c: mm(X(c), Uh) + mm(ew(v(c, "r"), hp(c)), Vh) + bh)
    R(L("$$ hh = "), lambda c: v(c, "n"), lambda c: np.tanh(v(c, "zn")))
    R(L("$$ h = "), lambda c: v(c, "h"), lambda c: add(ew(v(c, "z"), hp(c)), ew(1 - v(c, "z"), v(c, "n"))))
    # backward (4s)-(9s)
    dA = lambda c: row(c.gout(t))
    dhn = lambda c: row(c.gin("h", t + 1))
    R(L("$$ dh\\_ = "), g("h"), lambda c: add(dA(c), dhn(c)))
    R(L("$$ dhh\\_ = "), g("zn"), lambda c: ew(g("h")(c), 1 - v(c, "z"), dtanh(v(c, "zn"))))
    R(L("$$ dz\\_ = "), g("zz"), lambda c: ew(g("h")(c), hp(c) - v(c, "n"), dsig(v(c, "zz"))))
    R(L("$$ dr\\_ = "), g("zr"), lambda c: ew(mm(g("zn")(c), Vh.T), hp(c), dsig(v(c, "zr"))))
    R(L("$$ dh = "), lambda c: row(c.gin("h", t)),
      lambda c: add(ew(mm(g("zn")(c), Vh.T), v(c, "r")), mm(g("zz")(c), Vz.T), ew(g("h")(c), v(c, "z")),
                    mm(g("zr")(c), Vr.T)))
    R(L("$$ dX = "), lambda c: row(c.g("x", t)),
      lambda c: add(mm(g("zn")(c), Uh.T), mm(g("zz")(c), Uz.T), mm(g("zr")(c), Ur.T)))
    # parameter gradients: step s's contributions
    R(L("$$ dU_{hh} += "), lambda c: c.gps("Wn", t).T, lambda c: mm(X(c).T, g("zn")(c)))
    R(L("$$ dV_{hh} += "), lambda c: c.gps("Un", t).T, lambda c: mm(ew(v(c, "r"), hp(c)).T, g("zn")(c)))
    R(L("$$ db_{hh} += "), lambda c: row(c.gps("bn", t)), g("zn"))
    R(L("$$ dU_z += "), lambda c: c.gps("Wz", t).T, lambda c: mm(X(c).T, g("zz")(c)))
    R(L("$$ dV_z += "), lambda c: c.gps("Uz", t).T, lambda c: mm(hp(c).T, g("zz")(c)))
    R(L("$$ db_z += "), lambda c: row(c.gps("bz", t)), g("zz"))
    R(L("$$ dU_r += "), lambda c: c.gps("Wr", t).T, lambda c: mm(X(c).T, g("zr")(c)))
    R(L("$$ dV_r += "), lambda c: c.gps("Ur", t).T, lambda c: mm(hp(c).T, g("zr")(c)))
    R(L("$$ db_r += "), lambda c: row(c.gps("br", t)), g("zr"))
