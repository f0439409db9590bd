"""Oracle rules of bn3monkey_rnn_basic_bptt: p(t) = U x(t) + W h(t-1) + b, h(t) = f(p(t)) (f = tanh
here), q(t) = V h(t) + c, y(t) = g(q(t)) with g the identity (the sine-wave model), E = 1/2 sum_t
||y(t) - t(t)||^2.

Core mapping: U = core Wa, W = core Ua, b = ba, V = V, c = c; p = a, q = logit (= y), t(t) = the
model's real target yreal. Gradients are columns; e_h(t), e_o(t) the total dE/dp(t), dE/dq(t);
parameter rows are step t's contributions (gps). Rows at step t are taken at t = 3.
"""
import numpy as np

from oracle import Model, col, row, mm, ew, diag, rule, source, undefined


@source
def _bn3monkey(M):
    sid, m, t = "bn3monkey_rnn_basic_bptt", "bn3monkey", 3
    mod = Model("rnn", I=2, H=3, T=4, V=3, seed=131, head="sq")
    M[m] = mod
    P = mod.P
    U, W, b, V, c_ = P["Wa"], P["Ua"], col(P["ba"]), P["V"], col(P["c"])
    v = lambda c, n, s=t: col(c.v(n, s))
    tgt = lambda s=t: col(mod.yreal[s])
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    eh = lambda c, s=t: col(c.g("a", s))
    eo = lambda c, s=t: col(c.g("logit", s))
    fp = lambda c, s=t: 1 - np.tanh(v(c, "a", s)) ** 2

    R(15, lambda c: v(c, "h"), lambda c: np.tanh(mm(U, v(c, "x")) + mm(W, v(c, "h", t - 1)) + b))
    R(17, lambda c: v(c, "logit"), lambda c: mm(V, v(c, "h")) + c_)
    R(21, lambda c: v(c, "a"), lambda c: mm(U, v(c, "x")) + mm(W, v(c, "h", t - 1)) + b)
    R(22, lambda c: v(c, "logit"), lambda c: mm(V, v(c, "h")) + c_)
    R(24, lambda c: v(c, "h"), undefined("f(p(t): unbalanced parenthesis"))
    R(25, lambda c: v(c, "logit"), lambda c: v(c, "logit"))
    R(29, lambda c: eh(c), lambda c: col(c.g("a", t)))
    R(30, lambda c: eo(c), lambda c: col(c.g("logit", t)))
    # (dp/dU)^T: the shorthand dp_i/dU_ij = x_j, i.e. x(t)^T; dp/db, dq/dc: 1
    R(33, lambda c: c.gps("Wa", t), lambda c: (mm(eh(c), row(c.v("x", t))), mm(eh(c), row(c.v("x", t)))))
    R(34, lambda c: c.gps("V", t), lambda c: (mm(eo(c), row(c.v("h", t))), mm(eo(c), row(c.v("h", t)))))
    R(35, lambda c: c.gps("Ua", t), lambda c: (mm(eh(c), row(c.v("h", t - 1))), mm(eo(c), row(c.v("h", t - 1)))))
    R(36, lambda c: col(c.gps("ba", t)), lambda c: (eh(c) * 1.0, eh(c)))
    R(37, lambda c: col(c.gps("c", t)), lambda c: (eo(c) * 1.0, eo(c)))
    R(41, lambda c: v(c, "logit"), lambda c: mm(V, v(c, "h")) + c_)
    R(44, lambda c: v(c, "logit"), lambda c: mm(V, v(c, "h")) + c_)
    R(50, lambda c: np.array([c.L]), lambda c: np.array([0.5 * sum(
        float(np.sum((c.v("logit", s) - mod.yreal[s]) ** 2)) for s in range(1, mod.T + 1))]))
    R(54, lambda c: eh(c), undefined("e_0(t) is not defined"))
    R(55, lambda c: eo(c), lambda c: mm(diag(np.ones(mod.V)), v(c, "logit") - tgt()))
    dpdp = lambda c: c.jac("a", t, ("a", t - 1), (mod.H,))           # dp(t)/dp(t-1)
    dpdh = lambda c: c.jac("a", t, ("hin", t), (mod.H,))             # dp(t)/dh(t-1)
    dhdp = lambda c: c.jac("h", t - 1, ("a", t - 1), (mod.H,))       # dh(t-1)/dp(t-1)
    R(62, lambda c: eh(c, t - 1), lambda c: mm(eh(c), dpdp(c)))
    R(63, lambda c: eh(c, t - 1), lambda c: mm(mm(eh(c), dpdh(c)), dhdp(c)))
    R(64, lambda c: eh(c, t - 1), lambda c: mm(eh(c), mm(W, diag(fp(c, t - 1)))))
    # t - z - 1 with z = 1: e_h(t-2) from e_h(t-1)
    R(67, lambda c: eh(c, t - 2), lambda c: mm(eh(c, t - 1), mm(W, diag(fp(c, t - 2)))))
