"""Oracle rules of pinard_rnn_bptt (Liu Jianping's RNN BPTT post, 2017 text).  Column vectors, superscript
(t) time: h = tanh(U x + W h_prev + b) (core Wa = U, Ua = W, ba = b), o = V h + c, y_hat = softmax(o),
L^{(t)} the cross-entropy of step t, L = sum_t L^{(t)}; tau = T = 4, rows at step t taken at t = 3.
delta^{(t)} = dL/dh^{(t)} is the total gradient (a column, as the author's results V^T(y_hat - y) use it).
Products of derivatives are read in the written order as matrix products of Jacobians (rows = outputs, a
derivative by a matrix a tensor with the output's axes first) with the author's column gradients, as in
bn3monkey_rnn_basic_bptt and pinard_lstm_bptt (the same author's LSTM post): dL/dq dq/dp (a column on the left
of a Jacobian or tensor) is ill-typed; the author's later revision rewrites them as (dq/dp)^T dL/dq or drops
them.  d h^{(t)}/dW, dh^{(t)}/db, dh^{(t)}/dU after the total dL/dh^{(t)} are the immediate derivatives.
W^T delta^{(t+1)} diag(...) is ill-typed as well."""
import numpy as np

from oracle import Model, rule, source, add, mm, col, diag, softmax, onehot, IllTyped

SID = "pinard_rnn_bptt"


@source
def _pinard(M):
    m, t = "pinard_rnn", 3
    mod = Model("rnn", I=2, H=3, T=4, V=3, seed=61, head="softmax")
    M[m] = mod
    P, H, T = mod.P, mod.H, mod.T
    U, W, b, V, cb = P["Wa"], P["Ua"], P["ba"], P["V"], P["c"]
    v = lambda c, n, s=t: col(c.v(n, s))
    y = lambda s: col(onehot(mod.V, mod.y[s]))

    def tdot(a, B):
        """a column gradient (n x 1) on the left of a derivative tensor whose first axis is the output's (n)"""
        a = col(a)
        if a.shape[1] != B.shape[0]:
            raise IllTyped("column %s times derivative tensor %s" % (a.shape, B.shape))
        return np.tensordot(a.ravel(), B, axes=1)
    dL_do = lambda c, s: c.g("logit", s)                                  # d L / d o^{(s)} (= d L^{(s)} / d o^{(s)})
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    steps = range(1, T + 1)

    R(15, lambda c: v(c, "h"), lambda c: (np.tanh(v(c, "a")),
                                          np.tanh(mm(U, v(c, "x")) + mm(W, v(c, "h", t - 1)) + col(b))))
    R(18, lambda c: v(c, "logit"), lambda c: mm(V, v(c, "h")) + col(cb))
    R(20, lambda c: v(c, "yhat"), lambda c: col(softmax(c.v("logit", t))))
    R(27, lambda c: np.array(c.L), lambda c: np.array(sum(float(c.v("l", s)[0]) for s in steps)))
    # dL/dc
    R(29, lambda c: col(c.gp("c")),
      lambda c: (col(sum(c.gps("c", s) for s in steps)),
                 sum(mm(col(dL_do(c, s)), c.jac("logit", s, ("P:c", s), (mod.V,))) for s in steps),
                 sum(v(c, "yhat", s) - y(s) for s in steps)))
    # dL/dV
    R(30, lambda c: c.gp("V"),
      lambda c: (sum(c.gps("V", s) for s in steps),
                 sum(tdot(dL_do(c, s), c.jac("logit", s, ("P:V", s), V.shape)) for s in steps),
                 sum(mm(v(c, "yhat", s) - y(s), v(c, "h", s).T) for s in steps)))
    delta = lambda c, s: col(c.g("h", s))
    R(34, lambda c: delta(c, t), lambda c: delta(c, t))
    # delta^{(t)}: the chain rule holds (both paths); W^T delta^{(t+1)} diag(...) is ill-typed
    R(36, lambda c: delta(c, t),
      lambda c: (add(mm(col(dL_do(c, t)), c.jac("logit", t, ("hout", t), (H,))),
                     mm(col(c.g("h", t + 1)), c.jac("h", t + 1, ("hin", t + 1), (H,)))),
                 add(mm(V.T, v(c, "yhat") - y(t)),
                     mm(mm(W.T, delta(c, t + 1)), diag(1 - c.v("h", t + 1) ** 2)))))
    R(38, lambda c: delta(c, T),
      lambda c: (mm(col(dL_do(c, T)), c.jac("logit", T, ("hout", T), (H,))),
                 mm(V.T, v(c, "yhat", T) - y(T))))
    dimm = lambda c, s, p, shape: c.jac("h", s, ("P:" + p, s), shape)   # immediate d h^{(s)} / d p
    dtan = lambda c, s: diag(1 - c.v("h", s) ** 2)
    R(40, lambda c: c.gp("Ua"),
      lambda c: (sum(tdot(c.g("h", s), dimm(c, s, "Ua", W.shape)) for s in steps),
                 sum(mm(mm(dtan(c, s), delta(c, s)), v(c, "h", s - 1).T) for s in steps)))
    R(41, lambda c: col(c.gp("ba")),
      lambda c: (sum(mm(col(c.g("h", s)), dimm(c, s, "ba", b.shape)) for s in steps),
                 sum(mm(dtan(c, s), delta(c, s)) for s in steps)))
    R(42, lambda c: c.gp("Wa"),
      lambda c: (sum(tdot(c.g("h", s), dimm(c, s, "Wa", U.shape)) for s in steps),
                 sum(mm(mm(dtan(c, s), delta(c, s)), v(c, "x", s).T) for s in steps)))
