"""Oracle rules of aiedu_rnn_general_bptt (Microsoft AI-Edu 19.3, in Chinese): row vectors, h_t = x_t U + s_{t-1} W
+ b_u (s_0 = 0: no recurrent term at t1), s_t = sigma(h_t) with sigma = tanh, z_t = s_t V + b_v (the code's
np.dot(s, V); V is H x O), a_t = C(z_t), loss_t = L(a_t, y_t) with C = softmax and L the cross-entropy (one of the
three pairs of table 19-5; all give dloss_t/dz_t = a_t - y_t), Loss = (1/tau) sum_t loss_t (6), tau = T = 4.
sigma'(s) is tanh' written as a function of the output s (the code's Tanh().backward(self.s)): 1 - s^2.
dz_t = a_t - y_t (7); dh_t = the value the author's recursion (9)/(12)/(14), (17) and the code compute:
dh_tau = dz_tau V^T o sigma'(s_tau), dh_t = (dz_t V^T + dh_{t+1} W^T) o sigma'(s_t) - which is the gradient of
sum_t loss_t, tau times dLoss/dh_t.  Two models: every step has an output (19.3.2, rows at t = 3) and only the last
step has one (19.3.3: loss_1..3 = 0, Loss = loss_4 / tau).  W^T o sigma'(s) (a matrix o a row) is evaluated with
numpy broadcasting (= W^T diag(sigma'(s)), the generous reading; strictly ill-typed); prod_{t=a}^{b} multiplies
in increasing t from left to right."""
import numpy as np

from oracle import rule, source, mm, ew, add, row, softmax, tanhp_out
from oracle_aiedu_rnn_two_steps import AiEduRNN

SID = "aiedu_rnn_general_bptt"


@source
def _aiedu_general(M):
    tau = 4
    fu = AiEduRNN(I=2, H=3, O=2, T=tau, seed=403, head="softmax", each=True, scale=1.0 / tau)
    so = AiEduRNN(I=2, H=3, O=2, T=tau, seed=403, head="softmax", each=False, scale=1.0 / tau)
    M["aiedu_rnn_gen_all"], M["aiedu_rnn_gen_last"] = fu, so
    P = fu.P                                        # same seed: the same parameters in both
    U, W, V, bu, bv = P["U"], P["W"], P["V"], P["bu"], P["bv"]
    H = fu.H
    RF = lambda line, lhs, rhs: rule(SID, line, "aiedu_rnn_gen_all", lhs, rhs)
    RS = lambda line, lhs, rhs: rule(SID, line, "aiedu_rnn_gen_last", lhs, rhs)
    v = lambda c, n, s: c.v(n, s)
    g = lambda c, q, s: row(c.g(q, s))              # dLoss/dq_s (total, with the 1/tau of (6))
    sp = lambda c, s: tanhp_out(v(c, "s", s))       # sigma'(s_s) as the author writes it
    dz = lambda c, s: v(c, "a", s) - c.m.ys[s]      # (7)

    def dh(c, s):
        """The author's dh_s: (17) at tau, then (12) (or (14) where step s has no output)."""
        if s == tau:
            return ew(mm(dz(c, s), V.T), sp(c, s))
        back = mm(dh(c, s + 1), W.T)
        if ("a", s) in c.vals:
            back = add(mm(dz(c, s), V.T), back)
        return ew(back, sp(c, s))

    J = lambda c, q, s, key: c.jac(q, s, key, (1, H))[0, :, 0, :]     # local Jacobian of a row by a row
    Jzs = lambda c, s: c.jac("z", s, ("s", s), (1, H))[0, :, 0, :]
    bc = lambda c, s: W.T * sp(c, s)                # W^T o sigma'(s_s), numpy broadcasting
    prod = lambda c, a, b: [bc(c, s) for s in range(a, b + 1)]

    def chain(first, mats):
        out = first
        for mtx in mats:
            out = mm(out, mtx)
        return out

    t = 3
    # forward
    RF(16, lambda c: v(c, "h", t), lambda c: add(mm(v(c, "x", t), U), mm(v(c, "s", t - 1), W), bu))
    RF(18, lambda c: v(c, "s", t), lambda c: np.tanh(v(c, "h", t)))
    RF(19, lambda c: v(c, "z", t), lambda c: add(mm(V, v(c, "s", t)), bv))
    RF(20, lambda c: v(c, "a", t), lambda c: softmax(v(c, "z", t).ravel()).reshape(1, -1))
    RF(21, lambda c: v(c, "l", t), lambda c: np.array([[-np.log(np.sum(v(c, "a", t) * c.m.ys[t]))]]))
    RF(26, lambda c: np.array([[c.L]]), lambda c: sum(v(c, "l", s) for s in range(1, tau + 1)) / tau)
    # dloss_t/dz_t: z_t reaches the loss only through loss_t, so it is tau dLoss/dz_t
    RF(28, lambda c: tau * g(c, "z", t), lambda c: dz(c, t))
    # 19.3.2, all outputs; dloss_tau/ds_tau = tau dLoss/ds_tau (only loss_tau depends on s_tau)
    RF(31, lambda c: g(c, "s", tau),
       lambda c: (tau * g(c, "s", tau), mm(dz(c, tau), Jzs(c, tau)), mm(dz(c, tau), V.T)))
    RF(34, lambda c: g(c, "h", tau),
       lambda c: (tau * g(c, "h", tau), mm(mm(dz(c, tau), Jzs(c, tau)), J(c, "s", tau, ("h", tau)))))
    RF(35, lambda c: g(c, "h", tau), lambda c: ew(mm(dz(c, tau), V.T), sp(c, tau)))
    dl_ds_head = lambda c, s: tau * row(c.gh("sout", s, H))          # dloss_s/ds_s
    RF(41, lambda c: g(c, "s", t),
       lambda c: add(dl_ds_head(c, t), mm(tau * g(c, "h", t + 1), J(c, "h", t + 1, ("sin", t + 1)))))
    RF(42, lambda c: g(c, "s", t), lambda c: add(mm(dz(c, t), V.T), mm(dh(c, t + 1), W.T)))
    RF(46, lambda c: g(c, "h", t), lambda c: mm(g(c, "s", t), J(c, "s", t, ("h", t))))
    RF(47, lambda c: g(c, "h", t), lambda c: ew(add(mm(dz(c, t), V.T), mm(dh(c, t + 1), W.T)), sp(c, t)))
    RF(50, lambda c: g(c, "h", t), lambda c: ew(add(mm(dz(c, t), V.T), mm(dh(c, t + 1), W.T)), sp(c, t)))
    # 19.3.3, output at the last step only: Loss = loss_4 / tau
    RS(58, lambda c: g(c, "h", 3),
       lambda c: (tau * g(c, "h", 3),
                  mm(mm(tau * g(c, "h", 4), J(c, "h", 4, ("sin", 4))), J(c, "s", 3, ("h", 3)))))
    RS(59, lambda c: g(c, "h", 3), lambda c: ew(mm(dh(c, 4), W.T), sp(c, 3)))
    RS(62, lambda c: g(c, "h", 2), lambda c: ew(mm(dh(c, 3), W.T), sp(c, 2)))
    RS(67, lambda c: g(c, "h", 1), lambda c: ew(mm(dh(c, 2), W.T), sp(c, 1)))
    RS(68, lambda c: g(c, "h", 1), lambda c: chain(dh(c, 3), [bc(c, 2), bc(c, 1)]))
    RS(69, lambda c: g(c, "h", 1), lambda c: chain(dh(c, 4), [bc(c, 3), bc(c, 2), bc(c, 1)]))
    RS(70, lambda c: g(c, "h", 1), lambda c: chain(dh(c, 4), prod(c, 1, 3)))
    k = 2
    RS(73, lambda c: g(c, "h", k), lambda c: chain(dh(c, tau), prod(c, k, tau - 1)))
    RS(74, lambda c: tau * g(c, "h", tau), lambda c: ew(mm(dz(c, tau), V.T), sp(c, tau)))
