"""Oracle rules of roelants_linear_rnn (P. Roelants' linear RNN notebook).  One scalar state and one scalar
input: S_k = S_{k-1} w_rec + x_k w_x (core H = I = 1, identity activation, no bias, core Ua = w_rec,
Wa = w_x), S_0 = 0, inputs x_1..x_n (n = T = 4), the output y = S_n and the loss xi on it alone (a linear loss
on the last state; the rows never use the loss's formula).  S_k and s_k, X_k and x_k, W_rec and w_rec are
the same scalars; f of the generic recurrence is the identity for this model.  Rows at step k are taken at
k = 3, the m-step Jacobian at k = 4, m = 2."""
import numpy as np

from oracle import Model, rule, source, mm, col, IllTyped

SID = "roelants_linear_rnn"


@source
def _roelants(M):
    m, k = "roelants_rnn", 3
    mod = Model("rnn", I=1, H=1, T=4, seed=71, act="linear", bias=False, zero_init=True, head="last")
    M[m] = mod
    P, n = mod.P, mod.T
    wx, wrec = P["Wa"], P["Ua"]                       # 1 x 1
    S = lambda c, s: col(c.v("h", s))
    x = lambda s: col(mod.xs[s]) if s >= 1 else (_ for _ in ()).throw(IllTyped("x_0 is not an input (x_1..x_n)"))
    g = lambda c, s: col(c.g("h", s))                 # d xi / d S_s (total)
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)

    R(14, lambda c: S(c, k), lambda c: mm(S(c, k - 1), wrec) + mm(x(k), wx))
    R(19, lambda c: S(c, k), lambda c: mm(S(c, k - 1), wrec) + mm(x(k), wx))
    back = lambda c: (mm(g(c, k), col(c.jac("h", k, ("hin", k), (1,)))), mm(g(c, k), wrec))
    R(25, lambda c: g(c, k - 1), back)
    R(27, lambda c: col(c.gout(n)), lambda c: g(c, n))
    R(30, lambda c: c.gp("Wa"), lambda c: sum(mm(g(c, s), x(s)) for s in range(0, n + 1)))
    R(31, lambda c: c.gp("Ua"), lambda c: sum(mm(g(c, s), S(c, s - 1)) for s in range(1, n + 1)))
    R(34, lambda c: g(c, k - 1), back)
    kk, mm_ = 4, 2
    R(36, lambda c: col(c.jac("h", kk, ("h", kk - mm_), (1,))),
      lambda c: (mm(col(c.jac("h", kk, ("hin", kk), (1,))), col(c.jac("h", kk - 1, ("hin", kk - 1), (1,)))),
                 wrec ** mm_))
