"""Oracle rules of guchio3_rnn_backprop_ja: \\bar h_t = W_i x_t + W_h h_{t-1}, h_t = f_1(\\bar h_t)
(tanh here), \\bar y_t = W_o h_t, y_t = softmax(\\bar y_t), E = -sum_t l_t^T log y_t (l_t one-hot).

Core mapping: W_i = core Wa, W_h = core Ua, W_o = V (no biases, c = 0); \\bar h = a, \\bar y = logit,
y = yhat. Denominator layout, gradients columns; '.' the strict matrix product; a fraction of
vectors that is not a derivative is element-wise division. Step-t rows at t = 3, t = T at 4.
"""
import numpy as np

from oracle import Model, col, row, mm, ew, diag, softmax, onehot, rule, source, undefined


@source
def _guchio3(M):
    sid, m, t = "guchio3_rnn_backprop_ja", "guchio3", 3
    mod = Model("rnn", I=2, H=3, T=4, V=3, seed=137, head="softmax", bias=False)
    mod.P["c"] = np.zeros(mod.V)
    M[m] = mod
    P, H, O, T_ = mod.P, mod.H, mod.V, mod.T
    Wi, Wh, Wo = P["Wa"], P["Ua"], P["V"]
    v = lambda c, n, s=t: col(c.v(n, s))
    lab = lambda s=t: col(onehot(O, mod.y[s]))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    gy = lambda c, s=t: col(c.g("logit", s))          # dE/d\bar y_t (total)
    gh = lambda c, s=t: col(c.g("a", s))              # dE/d\bar h_t (total)
    dEdy = lambda c, s=t: -lab(s) / v(c, "yhat", s)    # dE/dy_t
    J = lambda c, s=t: c.jac("yhat", s, ("logit", s), (O,))    # dy_t/d\bar y_t [i, k]

    R(20, lambda c: v(c, "a"), lambda c: mm(Wi, v(c, "x")) + mm(Wh, v(c, "h", t - 1)))
    R(21, lambda c: v(c, "h"), lambda c: np.tanh(v(c, "a")))
    R(22, lambda c: v(c, "logit"), lambda c: mm(Wo, v(c, "h")))
    R(23, lambda c: v(c, "yhat"), lambda c: col(softmax(c.v("logit", t))))
    R(28, lambda c: v(c, "yhat"), lambda c: np.exp(v(c, "logit")) / np.sum(np.exp(v(c, "logit"))))
    R(29, lambda c: np.array([c.L]), lambda c: np.array([-sum(
        float(mm(row(onehot(O, mod.y[s])), col(np.log(c.v("yhat", s))))[0, 0]) for s in range(1, T_ + 1))]))

    def contract(dq_dP, g):
        """denominator layout: dq/dP . dE/dq = sum_i dq_i/dP * g_i"""
        return np.tensordot(g.ravel(), dq_dP, axes=(0, 0))
    R(36, lambda c: c.gps("V", t),
      lambda c: (contract(c.jac("logit", t, ("P:V", t), Wo.shape), gy(c)), mm(v(c, "h"), gy(c))))
    R(37, lambda c: c.gps("Wa", t),
      lambda c: (contract(c.jac("a", t, ("P:Wa", t), Wi.shape), gh(c)), mm(v(c, "x"), gh(c))))
    R(38, lambda c: c.gps("Ua", t),
      lambda c: (contract(c.jac("a", t, ("P:Ua", t), Wh.shape), gh(c)), mm(v(c, "h", t - 1), gh(c))))
    R(43, gy, lambda c: -mm(J(c).T, dEdy(c)))
    # sum over t': dy_{t'}/dy_t is the identity for t' = t and zero otherwise (y_t feeds nothing)
    R(44, gy, lambda c: -mm(J(c).T, sum((np.eye(O) if s == t else np.zeros((O, O))) @ (lab(s) / v(c, "yhat", s))
                                        for s in range(1, T_ + 1))))
    # softmax derivative identities at \bar y_t (v = \bar y_t), as matrices [i, k]
    def quot(c):
        e = np.exp(c.v("logit", t)); S = e.sum()
        return (np.diag(e) * S - np.outer(e, e)) / S ** 2
    def split(c):
        e = np.exp(c.v("logit", t)); S = e.sum()
        return np.diag(e) / S - np.outer(e / S, e / S)
    def cases(c):
        f = c.v("yhat", t)
        return np.array([[f[i] * (1 - f[k]) if i == k else -f[i] * f[k] for k in range(O)] for i in range(O)])
    R(49, J, quot)
    R(50, J, split)
    R(51, J, cases)
    def arr(c):
        y = c.v("yhat", t)
        return np.array([[y[i] * (1 - y[i]) if i == k else -y[k] * y[i] for k in range(O)] for i in range(O)])
    R(55, J, arr)
    R(56, J, lambda c: -(mm(v(c, "yhat"), v(c, "yhat")) - ew(v(c, "yhat") * np.ones((1, O)), np.eye(O))))
    R(61, lambda c: gy(c, T_), lambda c: mm(mm(v(c, "yhat", T_), v(c, "yhat", T_)) - v(c, "yhat", T_) * np.eye(O),
                                           lab(T_) / v(c, "yhat", T_)))
    R(62, lambda c: gy(c, T_), lambda c: v(c, "yhat", T_) - lab(T_))
