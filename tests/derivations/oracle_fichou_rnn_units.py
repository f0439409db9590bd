"""Oracle rules of fichou_rnn_units (the rnn package's "RNN units" vignette).  Row vectors, * the matrix
product, . the element-wise product: h_t = y_t = sigmoid(h_{t-1} * W + x_t * U), no bias; the author's W (on h,
H x H) = core Ua^T, the author's U (on x, I x H) = core Wa^T; the output y_t is h_t itself (a linear loss on
every h_t).  delta k = dL/d(node k) of the backward figure at step t = 3 of T = 4: 1 the output y_t (Delta_t),
2 h_t where step t+1 consumes it, 3 h_t (total), 4 the sum before the sigmoid, 5 x_t, 6 h_{t-1} through step t.
sigmoid'(h_t) is the derivative written as a function of the unit's output (h_t (1 - h_t)), as in the
package's code and its LSTM/GRU vignettes.  'dP = dP + increment' is an accumulation done while stepping
back from T (increment = step t's contribution)."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, row, sig, sigp_out

SID = "fichou_rnn_units"


class SigmoidRNN(Model):
    def act_fn(self, a):
        return sig(a)


@source
def _fichou_rnn(M):
    m, t = "fichou_rnn", 3
    mod = SigmoidRNN("rnn", I=2, H=3, T=4, seed=81, bias=False)
    M[m] = mod
    P = mod.P
    W, U = P["Ua"].T, P["Wa"].T
    v = lambda c, n, s=t: row(c.v(n, s))

    def node(c, k):
        if k == 1: return row(c.gout(t))
        if k == 2: return row(c.gin("h", t + 1))
        if k == 3: return row(c.g("h", t))
        if k == 4: return row(c.g("a", t))
        if k == 5: return row(c.g("x", t))
        if k == 6: return row(c.gin("h", t))
    d = lambda k: (lambda c: node(c, k))
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)

    def acc(pname, transpose, incr):
        ga = lambda c, s: c.gps(pname, s).T if transpose else c.gps(pname, s)
        lhs = lambda c: sum(ga(c, s) for s in range(t, mod.T + 1))
        rhs = lambda c: add(sum(ga(c, s) for s in range(t + 1, mod.T + 1)), incr(c))
        return lhs, rhs

    R(16, lambda c: v(c, "h"), lambda c: (v(c, "h"), sig(mm(v(c, "h", t - 1), W) + mm(v(c, "x"), U))))
    R(24, d(3), lambda c: add(node(c, 1), node(c, 2)))
    R(25, d(4), lambda c: ew(node(c, 3), sigp_out(v(c, "h"))))
    R(26, d(5), lambda c: mm(node(c, 4), W.T))
    R(27, d(6), lambda c: mm(node(c, 4), U.T))
    R(30, *acc("Ua", True, lambda c: mm(v(c, "h", t - 1).T, node(c, 4))))
    R(31, *acc("Wa", True, lambda c: mm(v(c, "x").T, node(c, 5))))
    R(33, d(5), lambda c: (node(c, 6), mm(add(mm(node(c, 2), W.T), mm(node(c, 1), U.T)), sigp_out(v(c, "h")))))
    R(34, *acc("Wa", True, lambda c: mm(v(c, "x").T, node(c, 1))))
    R(35, *acc("Ua", True, lambda c: mm(v(c, "h", t - 1).T, node(c, 2))))
