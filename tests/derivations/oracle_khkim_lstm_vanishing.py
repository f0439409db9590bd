"""Oracle rules of khkim_lstm_vanishing (K. H. Kim's NLP lecture notes, "Gradient Vanishing과 LSTM").

The notes' LSTM is abstract: o_t = o(x_t, h_{t-1}; W_o), g_t, f_t, i_t likewise, c_t = f_t (x) c_{t-1} + i_t (x) g_t,
h_t = o_t (x) tanh(c_t), (x) the element-wise product.  The oracle's gate functions are the core LSTM's:
sigmoid (tanh for g) of W_k x + U_k h + b_k; the notes' W_k is the parameter set (W_k, U_k, b_k) of gate k,
flattened (18 numbers at I = 2, H = 3), so d c_t / d W_f is an H x 18 Jacobian.
Readings: d c_t / d c_{t-1} is the total one-step derivative (perturb c_{t-1} right after it is computed: it
reaches c_t directly and through h_{t-1} = o_{t-1} tanh(c_{t-1}), as the notes' third row spells out);
d c_k / d W_f inside the expansions is the immediate derivative (W_f's use at step k); a vector (x) a
Jacobian is read per output component (v (x) J = diag(v) J), the only reading under which the notes' product
rule is typed; a vector added to Jacobians is ill-typed.  Rows at t = T = 4 (the expansion) and t = 3; seed 1520 chosen so that the expansion through c only (line 26) misses by > 1e-2 (the missing paths through o_{k+1}(h_k) are second order).
"""
import numpy as np

from oracle import Model, IllTyped, add, col, ew, mm, sig, rule, source

SID = "khkim_lstm_vanishing"
WF = ("Wf", "Uf", "bf")


def otimes(a, b):
    """The notes' (x): element-wise; a column vector with a Jacobian scales its rows."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape == b.shape:
        return a * b
    for v, J in ((a, b), (b, a)):
        if v.ndim == 2 and v.shape[1] == 1 and J.ndim == 2 and J.shape[0] == v.shape[0]:
            return v * J
    raise IllTyped("element-wise product of shapes %s and %s" % (a.shape, b.shape))


@source
def _khkim_lstm(M):
    m = "khkim_lstm"
    mod = Model("lstm", I=2, H=3, T=4, seed=1520, head="linear")
    M[m] = mod
    P, H = mod.P, mod.H
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s: col(c.v(n, s))

    def gate(c, k, s):
        z = mm(P["W" + k], col(mod.xs[s])) + mm(P["U" + k], v(c, "h", s - 1)) + col(P["b" + k])
        return np.tanh(z) if k == "g" else sig(z)

    def dW(c, q, s, step):
        """d q_s / d W_f (flattened (W_f, U_f, b_f)); step = s: the immediate derivative, 0: total."""
        return np.concatenate([(c.jac(q, s, ("P:" + n, step), P[n].shape) if step else c.dq(q, s, n)).reshape(H, -1)
                               for n in WF], axis=1)

    Jc = lambda c, s: c.jac("c", s, ("c", s - 1), (H,))                     # total d c_s / d c_{s-1}
    dplus = lambda c, k: dW(c, "c", k, k)                                     # immediate d c_k / d W_f
    t, T_ = 3, 4
    # forward (step t)
    R(15, lambda c: v(c, "o", t), lambda c: gate(c, "o", t))
    R(16, lambda c: v(c, "g", t), lambda c: gate(c, "g", t))
    R(17, lambda c: v(c, "f", t), lambda c: gate(c, "f", t))
    R(18, lambda c: v(c, "i", t), lambda c: gate(c, "i", t))
    R(19, lambda c: v(c, "c", t), lambda c: add(ew(v(c, "f", t), v(c, "c", t - 1)), ew(v(c, "i", t), v(c, "g", t))))
    R(20, lambda c: v(c, "c", t),
      lambda c: add(ew(gate(c, "f", t), v(c, "c", t - 1)), ew(gate(c, "i", t), gate(c, "g", t))))
    R(21, lambda c: v(c, "h", t), lambda c: ew(v(c, "o", t), np.tanh(v(c, "c", t))))

    # d c_T / d W_f at T = 4: the expansion through c only (the paths through o_{k+1}(h_k) are missing)
    def chainc(c, s, k):
        out = np.eye(H)
        for j in range(s, k, -1):
            out = mm(out, Jc(c, j))
        return out
    total = lambda c: dW(c, "c", T_, 0)
    R(26, total, lambda c: sum(mm(chainc(c, T_, k), dplus(c, k)) for k in range(T_, 0, -1)))
    R(27, total, lambda c: add(dplus(c, T_), mm(dplus(c, T_ - 1), Jc(c, T_)), mm(dplus(c, 2), chainc(c, 3, 2)),
                              mm(dplus(c, 1), chainc(c, T_, 1))))
    R(28, total, lambda c: sum(mm(dplus(c, i), chainc(c, T_, i)) for i in range(1, T_ + 1)))

    # d c_t / d c_{t-1} at t = 3
    Jt = lambda c: Jc(c, t)
    jq = lambda c, q, key: c.jac(q, t, key, (H,))
    dfc = lambda c: jq(c, "f", ("c", t - 1))
    dic = lambda c: jq(c, "i", ("c", t - 1))
    dgc = lambda c: jq(c, "g", ("c", t - 1))
    R(31, Jt, lambda c: add(otimes(dfc(c), v(c, "c", t - 1)), otimes(v(c, "f", t), np.eye(H)),
                             otimes(dic(c), v(c, "g", t)), otimes(v(c, "i", t), dgc(c))))
    R(32, Jt, lambda c: add(otimes(dfc(c), v(c, "c", t - 1)), v(c, "f", t), otimes(dic(c), v(c, "g", t)),
                             otimes(v(c, "i", t), dgc(c))))
    dhc = lambda c: c.jac("h", t - 1, ("c", t - 1), (H,))                    # d h_{t-1} / d c_{t-1}
    dqh = lambda c, q: c.jac(q, t, ("hin", t), (H,))                          # d q_t / d h_{t-1}
    R(33, Jt, lambda c: add(otimes(mm(dqh(c, "f"), dhc(c)), v(c, "c", t - 1)), v(c, "f", t),
                             otimes(mm(dqh(c, "i"), dhc(c)), v(c, "g", t)), otimes(v(c, "i", t), mm(dqh(c, "g"), dhc(c)))))
    R(34, Jt, lambda c: v(c, "f", t))

    # the last row, at t = T = 4: sum_i d c_1/d W_f prod_{j=1}^{i-1} f_{j+1} (the product read per component)
    def last(c):
        out = 0
        for i in range(1, T_ + 1):
            p = np.ones((H, 1))
            for j in range(1, i):
                p = p * v(c, "f", j + 1)
            out = out + otimes(p, dplus(c, 1))
        return out
    R(36, total, last)
