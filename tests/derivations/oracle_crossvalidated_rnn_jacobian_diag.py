"""Oracle rules of crossvalidated_rnn_jacobian_diag (Cross Validated question 193352, accepted answer).
Vanilla tanh RNN without bias, column vectors: h_{t+1} = tanh(U x_t + W h_t), where the answer calls the input
consumed by step t+1 x_t (core: Wa = U, Ua = W; the author's x_t is the core's x_{t+1}).  The rows are taken
at t + 1 = 3.  w_{ik} are the entries of W; g(x) is 'some function of x' (prose): here (U x_t)_i.  The
generic calculus aside 'y = tanh(x), dy/dx = ...' is checked at a scalar x0."""
import numpy as np

from oracle import Model, rule, source, mm, col, EPS

SID = "crossvalidated_rnn_jacobian_diag"


@source
def _cv193352(M):
    m = "cv193352_rnn"
    mod = Model("rnn", I=2, H=3, T=4, seed=193, bias=False)
    M[m] = mod
    P, H = mod.P, mod.H
    U, W = P["Wa"], P["Ua"]
    t1 = 3                                                   # the answer's t + 1
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    h = lambda c, s: col(c.v("h", s))
    R(16, lambda c: h(c, t1), lambda c: np.tanh(mm(U, col(mod.xs[t1])) + mm(W, h(c, t1 - 1))))
    x0 = 0.37
    dnum = (np.tanh(x0 + EPS) - np.tanh(x0 - EPS)) / (2 * EPS)
    R(21, lambda c: np.array([dnum]),
      lambda c: (np.array([1 - np.tanh(x0) ** 2]), np.array([1 - np.tanh(x0) ** 2])))
    R(24, lambda c: h(c, t1), lambda c: np.tanh(mm(W, h(c, t1 - 1)) + mm(U, col(mod.xs[t1]))))
    # d h_{t+1,i} / d h_{t,j}: the local Jacobian (h_t perturbed where step t+1 consumes it), [i, j]
    R(27, lambda c: c.jac("h", t1, ("hin", t1), (H,)),
      lambda c: 1 - h(c, t1) ** 2 * W)                    # as printed: 1 - (h_{t+1,i}^2 w_{ij})
