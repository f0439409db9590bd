"""Oracle rules of wayne82_rnn_bptt (Wayne82's blog notes on RNN BPTT and vanishing gradients).

h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), z_t = W_hy h_t + b_y, \\hat y_t = softmax(z_t), y_t one-hot,
L_t = -y_t log \\hat y_t, L = sum_t L_t.  Core names: W_hh = Ua, W_xh = Wa, b_h = ba, W_hy = V, b_y = c;
z_t = 'logit', \\hat y_t = 'yhat', the pre-activation a_j = 'a'.  Jacobians have rows = outputs; a
derivative by a matrix is a tensor (output shape + matrix shape) contracted in chain products; the
gradient by b_y is compared as a vector.  d L_t / d \\hat y_t = -y_t / \\hat y_t (the core head has no
hook on \\hat y_t).  Immediate d h_k / dP: P perturbed in step k only; total: in every step.
"""
import numpy as np

from oracle import Model, rule, source, mm, col, row, diag, softmax, onehot, IllTyped

SID = "wayne82_rnn_bptt"


@source
def _wayne82(M):
    m, t, j0, k0 = "wayne82", 4, 3, 1
    mod = Model("rnn", I=2, H=3, T=4, V=4, seed=156, head="softmax", bias=True)
    M[m] = mod
    P, H, C, T_ = mod.P, mod.H, mod.V, mod.T
    Whh, Wxh, bh, Why, by = P["Ua"], P["Wa"], P["ba"], P["V"], P["c"]
    v = lambda c, n, s=t: col(c.v(n, s))
    y = lambda s: col(onehot(C, mod.y[s]))
    td = lambda a, b: np.tensordot(a, b, axes=1)
    dL_dyhat = lambda c, s: (-y(s) / v(c, "yhat", s)).T                      # 1 x C
    Jyz = lambda c, s: c.jac("yhat", s, ("logit", s), (C,))                   # C x C
    Jzh = lambda c, s: c.jac("logit", s, ("hout", s), (H,))                   # C x H
    dz_dP = lambda c, s, p: c.jac("logit", s, ("P:" + p, s), P[p].shape)
    J = lambda c, i: c.jac("h", i, ("hin", i), (H,))                          # d h_i / d h_{i-1}
    dhdh = lambda c, i, kk: np.eye(H) if i == kk else c.jac("h", i, ("h", kk), (H,))
    imm = lambda c, i, p: c.jac("h", i, ("P:" + p, i), P[p].shape)
    tot = lambda c, i, p: c.dq("h", i, p)

    def chain(mats):
        out = np.eye(H)
        for a_ in mats:
            out = out @ a_
        return out

    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    # forward
    R(68, lambda c: v(c, "h"), lambda c: np.tanh(mm(Whh, v(c, "h", t - 1)) + mm(Wxh, v(c, "x")) + col(bh)))
    R(69, lambda c: v(c, "logit"), lambda c: mm(Why, v(c, "h")) + col(by))
    R(70, lambda c: y(t), lambda c: col(softmax(c.v("logit", t))))      # y_t is the label from (2) on
    Lt = lambda c: c.v("l", t).reshape(1, 1)
    R(99, Lt, lambda c: -mm(y(t).T, np.log(v(c, "yhat"))))
    Ltot = lambda c: np.array(c.L)
    R(105, Ltot, lambda c: (np.array(sum(float(c.v("l", s)[0]) for s in range(1, T_ + 1))),
                            np.array(-sum(float(mm(y(s).T, np.log(v(c, "yhat", s)))[0, 0]) for s in range(1, T_ + 1)))))
    # W_hy, b_y
    sumt = lambda f: sum(f(s) for s in range(1, T_ + 1))
    dLt = lambda c, s, p: c.dq("l", s, p).reshape(P[p].shape)
    R(112, lambda c: c.gp("V"), lambda c: sumt(lambda s: dLt(c, s, "V")))
    R(113, lambda c: c.gp("V"), lambda c: sumt(lambda s: td(mm(dL_dyhat(c, s), Jyz(c, s)).ravel(), dz_dP(c, s, "V"))))
    R(114, lambda c: c.gp("V"), lambda c: sumt(lambda s: mm(v(c, "yhat", s) - y(s), v(c, "h", s).T)))
    R(118, lambda c: c.gp("c"), lambda c: sumt(lambda s: dLt(c, s, "c")))
    R(119, lambda c: c.gp("c"), lambda c: sumt(lambda s: mm(mm(dL_dyhat(c, s), Jyz(c, s)), dz_dP(c, s, "c")).ravel()))
    R(120, lambda c: c.gp("c"), lambda c: sumt(lambda s: (v(c, "yhat", s) - y(s)).ravel()))
    # W_hh
    R(132, lambda c: c.gp("Ua"), lambda c: sumt(lambda s: dLt(c, s, "Ua")))
    dLdh = lambda c, s: mm(mm(dL_dyhat(c, s), Jyz(c, s)), Jzh(c, s))           # 1 x H
    R(133, lambda c: c.gp("Ua"), lambda c: sumt(lambda s: td(dLdh(c, s).ravel(), tot(c, s, "Ua"))))
    R(139, lambda c: tot(c, t, "Ua"), lambda c: sum(td(dhdh(c, t, kk), imm(c, kk, "Ua")) for kk in range(1, t + 1)))
    I4 = np.eye(H * H).reshape(H, H, H, H)                                     # d u / d W_hh
    R(146, lambda c: tot(c, t, "Ua"),
      lambda c: np.tensordot(imm(c, t, "Ua"), I4, axes=2) + td(J(c, t), tot(c, t - 1, "Ua")))
    R(147, lambda c: tot(c, t, "Ua"), lambda c: imm(c, t, "Ua") * 1 + td(J(c, t), tot(c, t - 1, "Ua")))
    R(148, lambda c: tot(c, t, "Ua"), lambda c: imm(c, t, "Ua") + td(J(c, t), tot(c, t - 1, "Ua")))
    R(149, lambda c: tot(c, t, "Ua"), lambda c: imm(c, t, "Ua") + td(J(c, t), tot(c, t - 1, "Ua")))
    R(159, lambda c: tot(c, t - 1, "Ua"), lambda c: imm(c, t - 1, "Ua") + td(J(c, t - 1), tot(c, t - 2, "Ua")))
    R(161, lambda c: tot(c, 1, "Ua"), lambda c: imm(c, 1, "Ua") + 0)
    R(162, lambda c: tot(c, 1, "Ua"), lambda c: imm(c, 1, "Ua"))

    def nested(c, i):
        return imm(c, 1, "Ua") if i == 1 else imm(c, i, "Ua") + td(J(c, i), nested(c, i - 1))
    R(168, lambda c: tot(c, t, "Ua"), lambda c: nested(c, t))
    # t = 4: k = 4, 3, 2 as written, the dots empty, last term d h_4/d h_3 (dots empty) d h_4/d h_1 d+h_1/dW
    R(169, lambda c: tot(c, t, "Ua"),
      lambda c: (imm(c, t, "Ua") + td(J(c, t), imm(c, t - 1, "Ua")) + td(mm(J(c, t), J(c, t - 1)), imm(c, t - 2, "Ua"))
                 + td(mm(J(c, t), dhdh(c, t, 1)), imm(c, 1, "Ua"))))
    bptt = lambda c, s, p: sum(td(chain([J(c, jj) for jj in range(s, kk, -1)]), imm(c, kk, p)) for kk in range(1, s + 1))
    R(170, lambda c: tot(c, t, "Ua"), lambda c: bptt(c, t, "Ua"))
    R(178, lambda c: c.gp("Ua"), lambda c: sumt(lambda s: dLt(c, s, "Ua")))
    R(179, lambda c: c.gp("Ua"), lambda c: sumt(lambda s: td(dLdh(c, s).ravel(), tot(c, s, "Ua"))))
    R(180, lambda c: c.gp("Ua"), lambda c: sumt(lambda s: td(mm(v(c, "yhat", s) - y(s), Why.T), tot(c, s, "Ua"))))
    wrong = lambda c, p: sumt(lambda s: td(mm(v(c, "yhat", s) - y(s), Why.T), bptt(c, s, p)))
    R(181, lambda c: c.gp("Ua"), lambda c: wrong(c, "Ua"))
    R(186, lambda c: c.gp("Wa"), lambda c: wrong(c, "Wa"))
    R(190, lambda c: c.gp("ba"), lambda c: wrong(c, "ba"))
    # vanishing gradient
    R(200, lambda c: v(c, "h", j0),
      lambda c: np.tanh(mm(Whh, v(c, "h", j0 - 1)) + mm(Wxh, v(c, "x", j0)) + col(bh)))
    fp = lambda c, jj: col(1 - np.tanh(c.v("a", jj)) ** 2)                    # f'(a_j), H x 1
    R(204, lambda c: J(c, j0), lambda c: mm(fp(c, j0), Whh))
    R(213, lambda c: chain([J(c, jj) for jj in range(t, k0, -1)]),
      lambda c: chain([mm(fp(c, jj), Whh) for jj in range(t, k0, -1)]))

    def bound(c):
        gamma = max(float(np.max(np.abs(fp(c, jj)))) for jj in range(k0 + 1, t + 1))
        lam = float(np.linalg.norm(Whh, 2))
        lhs = float(np.linalg.norm(chain([J(c, jj) for jj in range(t, k0, -1)]), 2))
        return np.array(1.0 if lhs <= (gamma * lam) ** (t - k0) * (1 + 1e-9) else 0.0)
    R(224, lambda c: np.array(1.0), bound)
