"""Oracle rules of saitoh_dlfs2_gru (K. Saitoh, Deep Learning from Scratch 2, class GRU, code): row vectors,
one step (x, h_prev -> h_next), biases; h_next = (1 - z) h_prev + z h_hat (core gru_form "new": z weights
the NEW candidate), reset applied to h_prev before W_hh.  Names: W_xz = core W_z^T (I x H), W_hz = core
U_z^T (H x H), b_z = b_z; W_xr = W_r^T, W_hr = U_r^T; W_xh = W_n^T, W_hh = U_n^T, b_h = b_n; W_x, W_h, b
the horizontal stacks (z, r, h).  dh_next = the total gradient of h_next (TimeGRU passes dhs + dh);
dt = the gradient of the pre-activation of the candidate, then of z, then of r (reassigned);
dhr = gradient of r o h_prev; dh_prev / dx accumulate the paths through the step (partial sums);
dW, db = step t's contributions.  L: linear loss."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, row, sig, line_finder

SID = "saitoh_dlfs2_gru"


def finder():
    return line_finder(SID)


@source
def _saitoh(M):
    m, t = "saitoh_gru", 3
    M[m] = Model("gru", I=2, H=3, T=4, seed=137, gru_form="new")
    P = M[m].P
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    Wxz, Wxr, Wxh = P["Wz"].T, P["Wr"].T, P["Wn"].T
    Whz, Whr, Whh = P["Uz"].T, P["Ur"].T, P["Un"].T
    bz, br, bh = row(P["bz"]), row(P["br"]), row(P["bn"])
    v = lambda c, n, s=t: row(c.v(n, s))
    x = lambda c: v(c, "x")
    hp = lambda c: v(c, "h", t - 1)
    g = lambda n: (lambda c: row(c.g(n, t)))
    hk = lambda n, size=None: (lambda c: row(c.gh(n, t, size)))
    stepT = lambda core: (lambda c: c.gps(core, t).T)
    stepb = lambda core: (lambda c: row(c.gps(core, t)))
    # blocks and forward
    Wx = np.hstack((Wxz, Wxr, Wxh))
    Wh = np.hstack((Whz, Whr, Whh))
    b = np.hstack((bz, br, bh))
    R(L("$$ W_x = "), lambda c: Wx, lambda c: np.hstack((Wxz, Wxr, Wxh)))
    R(L("$$ W_h = "), lambda c: Wh, lambda c: np.hstack((Whz, Whr, Whh)))
    R(L("$$ b = "), lambda c: b, lambda c: np.hstack((bz, br, bh)))
    R(L("$$ z = "), lambda c: v(c, "z"), lambda c: sig(mm(x(c), Wxz) + mm(hp(c), Whz) + bz))
    R(L("$$ r = "), lambda c: v(c, "r"), lambda c: sig(mm(x(c), Wxr) + mm(hp(c), Whr) + br))
    R(L("$$ h_{hat} = "), lambda c: v(c, "n"), lambda c: np.tanh(mm(x(c), Wxh) + mm(ew(v(c, "r"), hp(c)), Whh) + bh))
    R(L("$$ h_{next} = "), lambda c: v(c, "h"),
      lambda c: add(ew(1 - v(c, "z"), hp(c)), ew(v(c, "z"), v(c, "n"))))
    # backward
    dh_next = g("h")
    z, r, hh = (lambda c: v(c, "z")), (lambda c: v(c, "r")), (lambda c: v(c, "n"))
    R(L("$$ dh_{hat} = "), g("n"), lambda c: ew(dh_next(c), z(c)))
    p_dir, p_rh, p_z = hk("hin:dir"), hk("hin:rh"), hk("hin:z")
    R(L("$$ dh_{prev} = "), p_dir, lambda c: ew(dh_next(c), 1 - z(c)))
    dt = L("$$ dt = ", 0), L("$$ dt = ", 1), L("$$ dt = ", 2)
    R(dt[0], g("zn"), lambda c: ew(g("n")(c), 1 - hh(c) ** 2))
    R(L("$$ db_h = "), stepb("bn"), g("zn"))
    R(L("$$ dW_{hh} = "), stepT("Un"), lambda c: mm(ew(r(c), hp(c)).T, g("zn")(c)))
    R(L("$$ dhr = "), g("rh"), lambda c: mm(g("zn")(c), Whh.T))
    R(L("$$ dW_{xh} = "), stepT("Wn"), lambda c: mm(x(c).T, g("zn")(c)))
    px_n, px_z = hk("xin:n", 2), hk("xin:z", 2)
    R(L("$$ dx = "), px_n, lambda c: mm(g("zn")(c), Wxh.T))
    R(L("$$ dh_{prev} += ", 0), lambda c: add(p_dir(c), p_rh(c)), lambda c: add(p_dir(c), ew(r(c), g("rh")(c))))
    R(L("$$ dz = "), g("z"), lambda c: ew(dh_next(c), hh(c)) - ew(dh_next(c), hp(c)))
    R(dt[1], g("zz"), lambda c: ew(g("z")(c), z(c), 1 - z(c)))
    R(L("$$ db_z = "), stepb("bz"), g("zz"))
    R(L("$$ dW_{hz} = "), stepT("Uz"), lambda c: mm(hp(c).T, g("zz")(c)))
    R(L("$$ dh_{prev} += ", 1), lambda c: add(p_dir(c), p_rh(c), p_z(c)),
      lambda c: add(p_dir(c), p_rh(c), mm(g("zz")(c), Whz.T)))
    R(L("$$ dW_{xz} = "), stepT("Wz"), lambda c: mm(x(c).T, g("zz")(c)))
    R(L("$$ dx += ", 0), lambda c: add(px_n(c), px_z(c)), lambda c: add(px_n(c), mm(g("zz")(c), Wxz.T)))
    R(L("$$ dr = "), g("r"), lambda c: ew(g("rh")(c), hp(c)))
    R(dt[2], g("zr"), lambda c: ew(g("r")(c), r(c), 1 - r(c)))
    R(L("$$ db_r = "), stepb("br"), g("zr"))
    R(L("$$ dW_{hr} = "), stepT("Ur"), lambda c: mm(hp(c).T, g("zr")(c)))
    R(L("$$ dh_{prev} += ", 2), lambda c: row(c.gin("h", t)),
      lambda c: add(p_dir(c), p_rh(c), p_z(c), mm(g("zr")(c), Whr.T)))
    R(L("$$ dW_{xr} = "), stepT("Wr"), lambda c: mm(x(c).T, g("zr")(c)))
    R(L("$$ dx += ", 1), lambda c: row(c.g("x", t)), lambda c: add(px_n(c), px_z(c), mm(g("zr")(c), Wxr.T)))
    R(L("$$ dW_x = "), lambda c: np.hstack((c.gps("Wz", t).T, c.gps("Wr", t).T, c.gps("Wn", t).T)),
      lambda c: np.hstack((c.gps("Wz", t).T, c.gps("Wr", t).T, c.gps("Wn", t).T)))
    R(L("$$ dW_h = "), lambda c: np.hstack((c.gps("Uz", t).T, c.gps("Ur", t).T, c.gps("Un", t).T)),
      lambda c: np.hstack((c.gps("Uz", t).T, c.gps("Ur", t).T, c.gps("Un", t).T)))
    R(L("$$ db = "), lambda c: np.hstack((stepb("bz")(c), stepb("br")(c), stepb("bn")(c))),
      lambda c: np.hstack((stepb("bz")(c), stepb("br")(c), stepb("bn")(c))))
