"""Oracle rules of microsoft_aiedu_gru (Microsoft AI-Edu, 20.3 GRU, in Chinese): row vectors, subscript time,
no biases; z_t = sigma(h_{t-1} W_z + x_t U_z), r_t likewise, \\tilde h_t = tanh((r_t o h_{t-1}) W_h + x_t U_h),
h_t = (1 - z_t) o h_{t-1} + z_t o \\tilde h_t (core gru_form "new": z weights the NEW candidate).  Names:
W_z = core U_z^T (H x H), U_z = core W_z^T (I x H), W_r = U_r^T, U_r = W_r^T, W_h = U_n^T, U_h = W_n^T;
z_{zt}, z_{rt}, z_{\\tilde h t} the pre-activations (core zz, zr, zn); \\delta_q = dloss/dq (row);
\\delta_t = the total dloss/dh_t; \\delta_{h_{t-1}} = what the cell at t passes back to h_{t-1};
d_{W,t} = step t's contribution; d_W = the total.  A \\frac{\\partial a}{\\partial b} between two forward
quantities is the local Jacobian (numerator layout, rows = components of a), taken numerically; a
\\frac{\\partial z}{\\partial W} is contracted with the row before it.  loss: linear."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, row, diag, undefined, line_finder

SID = "microsoft_aiedu_gru"


def finder():
    return line_finder(SID)


@source
def _aiedu(M):
    m, t = "aiedu_gru", 3
    M[m] = Model("gru", I=2, H=3, T=4, seed=131, bias=False, gru_form="new")
    mod = M[m]
    P, H, I, T = mod.P, mod.H, mod.I, mod.T
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    Wz, Uz, Wr, Ur, Wh, Uh = P["Uz"].T, P["Wz"].T, P["Ur"].T, P["Wr"].T, P["Un"].T, P["Wn"].T
    v = lambda c, n, s=t: row(c.v(n, s))
    x = lambda c, s=t: v(c, "x", s)
    hp = lambda c, s=t: v(c, "h", s - 1)
    g = lambda n: (lambda c, s=t: row(c.g(n, s)))
    J = lambda q, key, size=None: (lambda c: c.jac(q, t, (key, t), (size or H,)))
    sig_ = lambda c, n: ew(v(c, n), 1 - v(c, n))
    # forward (1)-(4)
    R(L("$$ z_t = \\sigma"), lambda c: v(c, "z"), lambda c: 1 / (1 + np.exp(-(mm(hp(c), Wz) + mm(x(c), Uz)))))
    R(L("$$ r_t = \\sigma"), lambda c: v(c, "r"), lambda c: 1 / (1 + np.exp(-(mm(hp(c), Wr) + mm(x(c), Ur)))))
    R(L("$$ \\tilde{h}_ t = \\tanh"), lambda c: v(c, "n"),
      lambda c: np.tanh(mm(ew(v(c, "r"), hp(c)), Wh) + mm(x(c), Uh)))
    R(L("$$ h = (1 - z_t)"), lambda c: v(c, "h"),
      undefined("(4) defines h, not h_t: h_t (used from (8) on) is never defined; h is never used"))
    # pre-activations (5)-(7)
    R(L("$$ z_{zt} = "), lambda c: v(c, "zz"), lambda c: mm(hp(c), Wz) + mm(x(c), Uz))
    R(L("$$ z_{rt} = "), lambda c: v(c, "zr"), lambda c: mm(hp(c), Wr) + mm(x(c), Ur))
    R(L("$$ z_{\\tilde{h}_ t} = "), lambda c: v(c, "zn"), lambda c: mm(ew(v(c, "r"), hp(c)), Wh) + mm(x(c), Uh))
    d_t = g("h")                     # delta_t: total dloss/dh_t
    dzz, dzn, dzr = g("zz"), g("zn"), g("zr")
    # (8)
    l8 = L("\\delta_{z_{zt}} &= ")
    R(l8, dzz, lambda c: mm(mm(d_t(c), J("h", "z")(c)), J("z", "zz")(c)))
    R(l8 + 1, dzz, lambda c: mm(mm(d_t(c), -diag(hp(c)) + diag(v(c, "n"))), diag(sig_(c, "z"))))
    R(l8 + 2, dzz, lambda c: ew(d_t(c), v(c, "n") - hp(c), v(c, "z"), 1 - v(c, "z")))
    # (9)
    l9 = L("\\delta_{z_{\\tilde{h}t}} &= ")
    R(l9, dzn, lambda c: mm(mm(d_t(c), J("h", "n")(c)), J("n", "zn")(c)))
    R(l9 + 1, dzn, lambda c: mm(mm(d_t(c), diag(v(c, "z"))), diag(1 - v(c, "n") ** 2)))
    R(l9 + 2, dzn, lambda c: ew(d_t(c), v(c, "z"), 1 - v(c, "n") ** 2))
    # (10)
    l10 = L("\\delta_{z_{rt}} &= ")
    R(l10, dzr, lambda c: mm(mm(mm(g("n")(c), J("n", "zn")(c)), J("zn", "r")(c)), J("r", "zr")(c)))
    R(l10 + 1, dzr, lambda c: mm(mm(mm(dzn(c), Wh.T), diag(hp(c))), diag(sig_(c, "r"))))
    R(l10 + 2, dzr, lambda c: ew(mm(dzn(c), Wh.T), hp(c), v(c, "r"), 1 - v(c, "r")))

    # (11)-(16): step t's contributions; link 1 contracts the row with d(pre-activation)/d(parameter)
    def contract(pre, core, transpose=True):
        def f(c):
            Jp = c.jac(pre, t, ("P:" + core, t), P[core].shape)
            out = np.tensordot(g(pre)(c).ravel(), Jp, axes=(0, 0))
            return out.T if transpose else out
        return f
    step = lambda core: (lambda c: c.gps(core, t).T)
    for tag, core, pre, right in (
            ("d_{W_{h,t}}", "Un", "zn", lambda c: mm(ew(v(c, "r"), hp(c)).T, dzn(c))),
            ("d_{U_{h,t}}", "Wn", "zn", lambda c: mm(x(c).T, dzn(c))),
            ("d_{W_{r,t}}", "Ur", "zr", lambda c: mm(hp(c).T, dzr(c))),
            ("d_{U_{r,t}}", "Wr", "zr", lambda c: mm(x(c).T, dzr(c))),
            ("d_{W_{z,t}}", "Uz", "zz", lambda c: mm(hp(c).T, dzz(c))),
            ("d_{U_{z,t}}", "Wz", "zz", lambda c: mm(x(c).T, dzz(c)))):
        R(L("\\begin{aligned} " + tag + " = "), step(core),
          (lambda c, pre=pre, core=core, right=right: (contract(pre, core)(c), right(c))))
    # (17)-(22): totals
    for tag, core, right in (
            ("d_{W_h} = ", "Un", lambda c, s: mm(ew(v(c, "r", s), hp(c, s)).T, g("zn")(c, s))),
            ("d_{U_h} = ", "Wn", lambda c, s: mm(x(c, s).T, g("zn")(c, s))),
            ("d_{W_r} = ", "Ur", lambda c, s: mm(hp(c, s).T, g("zr")(c, s))),
            ("d_{U_r} = ", "Wr", lambda c, s: mm(x(c, s).T, g("zr")(c, s))),
            ("d_{W_z} = ", "Uz", lambda c, s: mm(hp(c, s).T, g("zz")(c, s))),
            ("d_{U_z} = ", "Wz", lambda c, s: mm(x(c, s).T, g("zz")(c, s)))):
        R(L("$$ " + tag), (lambda c, core=core: c.gp(core).T),
          (lambda c, core=core, right=right: (sum(c.gps(core, s).T for s in range(1, T + 1)),
                                              sum(right(c, s) for s in range(1, T + 1)))))
    # (23): what the cell at t passes back to h_{t-1} (the paths through step t)
    dhp = lambda c: row(c.gin("h", t))
    l23 = L("\\delta_{h_{t-1}} = \\frac")
    R(l23, dhp, lambda c: (dhp(c), add(mm(d_t(c), J("h", "hin:dir")(c)), mm(dzn(c), J("zn", "hin:rh")(c)),
                                       mm(dzr(c), J("zr", "hin:r")(c)), mm(dzz(c), J("zz", "hin:z")(c)))))
    R(l23 + 1, dhp, lambda c: add(ew(d_t(c), 1 - v(c, "z")), ew(mm(dzn(c), Wh.T), v(c, "r")),
                                  mm(dzr(c), Wr.T), mm(dzz(c), Wz.T)))
    # (24): x_t is used at step t only, so the paths through the cell are the total
    dx = lambda c: row(c.g("x", t))
    l24 = L("\\delta_{x_t} &= ")
    R(l24, dx, lambda c: (dx(c), add(mm(dzn(c), J("zn", "xin:n", I)(c)), mm(dzr(c), J("zr", "xin:r", I)(c)),
                                     mm(dzz(c), J("zz", "xin:z", I)(c)))))
    R(l24 + 1, dx, lambda c: add(mm(dzn(c), Uh.T), mm(dzr(c), Ur.T), mm(dzz(c), Uz.T)))
