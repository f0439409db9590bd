"""Oracle rules of scutan90_rnn_bptt ("Deep Learning 500 Questions", ch. 6, sections 6.8-6.9).

The book's RNN: h^{(t)} = phi(U x^{(t)} + W h^{(t-1)} + b) (phi = tanh), o^{(t)} = V h^{(t)} + c,
y_hat^{(t)} = sigma(o^{(t)}) with sigma = softmax (prose); L^{(t)} the loss of step t (not stated: the
oracle uses the cross-entropy with a random class), L = sum_{t=1}^{n} L^{(t)}, n = T = 4.
Core mapping: the book's U (on x) is core Wa, W (on h) is core Ua, b = ba; V, c the head.
Derivatives are Jacobians in numerator layout (a derivative of the scalar L^{(t)} is a 1 x ... row, a
derivative by a matrix a tensor, contracted in chain products); d h^{(k)}/d W inside the sums is the
immediate derivative (h^{(k-1)} held), zero for the initial state h^{(0)}; the products over j are taken
in chain order (j = t first).  Step rows at t = 3 (L^{(3)} of the three-step example), k = 1.
"""
import numpy as np

from oracle import Model, IllTyped, col, mm, softmax, rule, source, undefined

SID = "scutan90_rnn_bptt"


def tdot(a, b):
    """Strict contraction of a's last axis with b's first."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape[-1] != b.shape[0]:
        raise IllTyped("contraction of shapes %s and %s" % (a.shape, b.shape))
    return np.tensordot(a, b, axes=1)


@source
def _scutan90(M):
    m, t = "scutan90_rnn", 3
    mod = Model("rnn", I=2, H=3, T=4, V=3, seed=1301, head="softmax")
    M[m] = mod
    P, H, Vn, T_ = mod.P, mod.H, mod.V, mod.T
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))

    dl_do = lambda c, s: c.jac("l", s, ("logit", s), (Vn,))                 # 1 x V
    do_dV = lambda c, s: c.jac("logit", s, ("P:V", s), P["V"].shape)         # V x (V x H)
    do_dh = lambda c, s: c.jac("logit", s, ("hout", s), (H,))                # V x H
    J = lambda c, j: c.jac("h", j, ("hin", j), (H,))                         # d h^{(j)} / d h^{(j-1)}
    dplus = lambda c, k, p: (np.zeros((H,) + P[p].shape) if k == 0
                             else c.jac("h", k, ("P:" + p, k), P[p].shape))  # immediate d h^{(k)} / d p
    dl = lambda c, s, p: c.dq("l", s, p)                                     # total d L^{(s)} / d p, 1 x shape

    def chain(c, s, k):
        out = np.eye(H)
        for j in range(s, k, -1):
            out = out @ J(c, j)
        return out

    def term(c, s, k, p):
        return tdot(dl_do(c, s) @ do_dh(c, s) @ chain(c, s, k), dplus(c, k, p))

    R(16, lambda c: v(c, "h"), lambda c: np.tanh(mm(P["Wa"], v(c, "x")) + mm(P["Ua"], v(c, "h", t - 1)) + col(P["ba"])))
    R(18, lambda c: v(c, "logit"), lambda c: mm(P["V"], v(c, "h")) + col(P["c"]))
    R(20, lambda c: v(c, "yhat"), lambda c: col(softmax(c.v("logit", t))))
    R(25, lambda c: dl(c, t, "V"), lambda c: tdot(dl_do(c, t), do_dV(c, t)))
    R(27, lambda c: np.array([c.L]), lambda c: sum(c.v("l", s) for s in range(1, T_ + 1)))
    R(28, lambda c: c.gp("V").reshape((1,) + P["V"].shape),
      lambda c: sum(tdot(dl_do(c, s), do_dV(c, s)) for s in range(1, T_ + 1)))
    # the three-step example: the terms through h^{(3)}, h^{(2)}, h^{(1)} (book's W = Ua, U = Wa)
    R(31, lambda c: dl(c, 3, "Ua"), lambda c: sum(term(c, 3, k, "Ua") for k in (3, 2, 1)))
    R(32, lambda c: dl(c, 3, "Wa"), lambda c: sum(term(c, 3, k, "Wa") for k in (3, 2, 1)))
    # the general formula, k = 0..t (the k = 0 term is zero: h^{(0)} is the initial state)
    R(35, lambda c: dl(c, t, "Ua"), lambda c: sum(term(c, t, k, "Ua") for k in range(0, t + 1)))
    R(36, lambda c: dl(c, t, "Wa"), lambda c: sum(term(c, t, k, "Wa") for k in range(0, t + 1)))
    # prod_{j=k+1}^{t} d h^j / d h^{j-1} at t = 3, k = 1; the right sides use W_s, which the chapter never defines
    R(41, lambda c: chain(c, t, 1), undefined("W_s"))
    R(42, lambda c: chain(c, t, 1), undefined("W_s"))
