"""Oracle rules of dragonhyq_bptt (Y. Huang's LaTeX notes on BPTT for a vanilla RNN, sections 1-2).

Two models of one class: s_t = tanh(U x_t + W s_{t-1}) (no bias, s_0 random and given), g_t = V s_t,
section 1 (scalar, H = I = 1): \\hat y_t = sigm(g_t), E_t = -y_t log \\hat y_t with y_t = 1;
section 2 (vector, M = I = 2, D = H = 3, C = 4): \\hat y_t = softmax(g_t), L_t = -y_t^T log \\hat y_t,
y_t one-hot; the total loss L = sum_t L_t (E_t likewise).  Core names: U = Wa, W = Ua, V = V; z_t = the
pre-activation 'a'.  Hooks: 'hin' (s_{t-1} where step t consumes it), 'a', 'h', 'hout' (s_t where g_t
uses it), 'logit' (g_t), 'yhat'; parameters perturbable per step ('P:name', t).
Derivatives of vectors are Jacobians (rows = outputs); a derivative by a matrix is a tensor (output
shape + matrix shape) contracted in chain products.  Immediate d s_k/dW: W perturbed in step k only;
total d s_t/dW: W perturbed in every step (forward mode).
"""
import numpy as np

from oracle import Model, rule, source, mm, col, row, diag, sig, softmax, onehot, undefined, perturbers

SID = "dragonhyq_bptt"


class DragModel(Model):
    def __init__(self, scalar, seed):
        if scalar:
            Model.__init__(self, "rnn", I=1, H=1, T=5, seed=seed, bias=False)
            C = 1
        else:
            Model.__init__(self, "rnn", I=2, H=3, T=4, seed=seed, bias=False)
            C = 4
        rng = np.random.default_rng(seed + 7)
        self.scalar, self.C = scalar, C
        self.P["V"] = rng.normal(0, 0.8, (C, self.H))
        self.yv = {t: (np.ones(1) if scalar else onehot(C, int(rng.integers(0, C))))
                   for t in range(1, self.T + 1)}

    def forward(self, pert=None):
        pert = pert or {}

        pv, par = perturbers(pert, self.P)

        vals = {("h", 0): self.h0.copy()}
        L, h = 0.0, self.h0
        for t in range(1, self.T + 1):
            x = self.xs[t]
            hin = pv("hin", t, h)
            a = pv("a", t, par("Wa", t) @ x + par("Ua", t) @ hin)
            hn = pv("h", t, np.tanh(a))
            g = pv("logit", t, par("V", t) @ pv("hout", t, hn))
            yh = pv("yhat", t, sig(g) if self.scalar else softmax(g))
            lt = -float(self.yv[t] @ np.log(yh))
            vals[("a", t)], vals[("h", t)], vals[("logit", t)], vals[("yhat", t)] = a, hn, g, yh
            vals[("l", t)] = np.array([lt])
            L += lt
            h = hn
        return L, vals


def chain(mats, n):
    out = np.eye(n)
    for a in mats:
        out = out @ a
    return out


@source
def _dragonhyq_scalar(M):
    m, t, k = "dragonhyq_scalar", 5, 1
    mod = DragModel(True, seed=140)
    M[m] = mod
    P = mod.P
    U, W, V = P["Wa"], P["Ua"], P["V"]
    f = lambda a: float(np.asarray(a).reshape(-1)[0])
    s = lambda c, i: f(c.v("h", i))
    yh = lambda c, i: f(c.v("yhat", i))
    dE_dyhat = lambda c, i: -1.0 / yh(c, i)                                   # y_t = 1
    dyhat_ds = lambda c, i: f(c.jac("yhat", i, ("hout", i), (1,)))
    dyhat_dV = lambda c, i: f(c.jac("yhat", i, ("P:V", i), (1, 1)))
    tot = lambda c, i, p: f(c.dq("h", i, p))                                  # total d s_i / d p
    imm = lambda c, i, p: f(c.jac("h", i, ("P:" + p, i), (1, 1)))             # immediate d s_i / d p
    J = lambda c, i: f(c.jac("h", i, ("hin", i), (1,)))                       # d s_i / d s_{i-1}
    dsds = lambda c, i, j: 1.0 if i == j else f(c.jac("h", i, ("h", j), (1,)))
    dE = lambda c, i, p: f(c.dq("l", i, p))
    w = f(W)
    A = lambda v: np.array(v)
    R = lambda line, lhs, rhs: rule(SID, line, m, lambda c: A(lhs(c)), lambda c: A(rhs(c)))

    R(30, lambda c: s(c, t), lambda c: np.tanh(f(U) * f(mod.xs[t]) + w * s(c, t - 1)))
    R(31, lambda c: yh(c, t), lambda c: f(sig(f(V) * s(c, t))))
    R(32, lambda c: f(c.v("l", t)), lambda c: -1.0 * np.log(yh(c, t)))
    R(36, lambda c: dE(c, t, "V"), lambda c: dE_dyhat(c, t) * dyhat_dV(c, t))
    R(40, lambda c: dE(c, t, "Ua"), lambda c: dE_dyhat(c, t) * dyhat_ds(c, t) * tot(c, t, "Ua"))
    R(48, lambda c: tot(c, t, "Ua"), lambda c: imm(c, t, "Ua") * 1.0 + J(c, t) * tot(c, t - 1, "Ua"))
    R(52, lambda c: tot(c, 3, "Ua"),
      lambda c: imm(c, 3, "Ua") + J(c, 3) * imm(c, 2, "Ua") + J(c, 3) * J(c, 2) * imm(c, 1, "Ua"))
    R(53, lambda c: tot(c, 3, "Ua"),
      lambda c: dsds(c, 3, 3) * imm(c, 3, "Ua") + J(c, 3) * imm(c, 2, "Ua") + dsds(c, 3, 1) * imm(c, 1, "Ua"))
    R(54, lambda c: tot(c, 3, "Ua"), lambda c: sum(dsds(c, 3, j) * imm(c, j, "Ua") for j in range(1, 4)))
    R(58, lambda c: tot(c, t, "Ua"), lambda c: sum(dsds(c, t, j) * imm(c, j, "Ua") for j in range(1, t + 1)))
    # terms k = t, t-1, t-2, ..., 1 (t = 5: the dots stand for k = 2)
    R(59, lambda c: tot(c, t, "Ua"), lambda c: sum(dsds(c, t, j) * imm(c, j, "Ua") for j in (t, t - 1, t - 2, 2, 1)))
    lhs63 = lambda c: dsds(c, t, k) * imm(c, k, "Ua")
    # t = 5, k = 1: d s_5/d s_4, d s_4/d s_3, d s_3/d s_2, (dots: none), d s_2/d s_1
    R(63, lhs63, lambda c: J(c, 5) * J(c, 4) * J(c, 3) * J(c, 2) * imm(c, k, "Ua"))
    R(64, lhs63, lambda c: w * w * w * w * imm(c, k, "Ua"))          # W.W.W... : t - k = 4 factors
    R(65, lhs63, lambda c: w ** (t - k) * imm(c, k, "Ua"))
    R(69, lambda c: tot(c, t, "Ua"), lambda c: sum(w ** (t - j) * imm(c, j, "Ua") for j in range(1, t + 1)))
    R(73, lambda c: dE(c, t, "Wa"), lambda c: dE_dyhat(c, t) * dyhat_ds(c, t) * tot(c, t, "Wa"))
    R(77, lambda c: tot(c, t, "Wa"), lambda c: sum(w ** (t - j) * imm(c, j, "Wa") for j in range(1, t + 1)))


@source
def _dragonhyq_vector(M):
    m, t, k = "dragonhyq_vector", 4, 1
    mod = DragModel(False, seed=132)
    M[m] = mod
    P, D, C, T_ = mod.P, mod.H, mod.C, mod.T
    U, W, V = P["Wa"], P["Ua"], P["V"]
    v = lambda c, n, s=t: col(c.v(n, s))
    y = lambda s=t: col(mod.yv[s])
    yh = lambda c, s=t: c.v("yhat", s)
    td = lambda a, b: np.tensordot(a, b, axes=1)
    dL_dyhat = lambda c: row(c.jac("l", t, ("yhat", t), (C,)))               # 1 x C, true
    J_yg = lambda c: c.jac("yhat", t, ("logit", t), (C,))                    # C x C
    dL_dg = lambda c: row(c.jac("l", t, ("logit", t), (C,)))                 # 1 x C
    dL_ds = lambda c: row(c.jac("l", t, ("h", t), (D,)))                     # 1 x D
    dLt = lambda c, p: c.dq("l", t, p).reshape(P[p].shape)                   # d L_t / d P (all steps)
    J = lambda c, i: c.jac("h", i, ("hin", i), (D,))                         # d s_i / d s_{i-1}
    Dz = lambda c, i: c.jac("h", i, ("a", i), (D,))                          # d s_i / d z_i
    Zs = lambda c, i: c.jac("a", i, ("hin", i), (D,))                        # d z_i / d s_{i-1}
    dsds = lambda c, i, j: np.eye(D) if i == j else c.jac("h", i, ("h", j), (D,))
    imm = lambda c, j, p: c.jac("h", j, ("P:" + p, j), P[p].shape)           # immediate d s_j / d P
    dz_dP = lambda c, j, p: c.jac("a", j, ("P:" + p, j), P[p].shape)         # d z_j / d P
    dg_dV = lambda c: c.jac("logit", t, ("P:V", t), V.shape)                 # C x C x D
    delta = np.eye(C)
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)

    # forward
    R(83, lambda c: v(c, "a"), lambda c: mm(U, v(c, "x")) + mm(W, v(c, "h", t - 1)))
    R(84, lambda c: v(c, "h"), lambda c: np.tanh(v(c, "a")))
    R(85, lambda c: v(c, "logit"), lambda c: mm(V, v(c, "h")))
    R(86, lambda c: v(c, "yhat"), lambda c: col(softmax(c.v("logit", t))))
    Lt = lambda c: c.v("l", t).reshape(1, 1)
    R(87, Lt, lambda c: -mm(y().T, np.log(v(c, "yhat"))))
    R(100, Lt, lambda c: np.array([[-sum(y()[i, 0] * np.log(yh(c)[i]) for i in range(C))]]))
    # d L_t / d y_hat, d L_t / d g
    R(104, dL_dyhat, undefined("L_{t,1}, ..., L_{t,C} are not defined (L_t is a scalar)"))
    R(108, dL_dyhat, lambda c: row([-y()[i, 0] / yh(c)[i] for i in range(C)]))
    R(112, dL_dg, lambda c: mm(dL_dyhat(c), J_yg(c)))
    R(116, lambda c: v(c, "yhat"), undefined("\\sum_{i=j}^C: the summation index is written i=j, j is free"))
    R(120, J_yg, lambda c: np.array([[yh(c)[i] * (1 - yh(c)[i]) if i == j else -yh(c)[i] * yh(c)[j]
                                      for j in range(C)] for i in range(C)]))
    R(124, J_yg, lambda c: np.array([[yh(c)[i] * (delta[i, j] - yh(c)[j]) for j in range(C)] for i in range(C)]))
    R(128, lambda c: np.eye(C), lambda c: np.array([[1.0 if i == j else 0.0 for j in range(C)] for i in range(C)]))
    dLg_vec = lambda c: dL_dg(c).ravel()
    R(132, dLg_vec, lambda c: np.array([sum(dL_dyhat(c)[0, kk] * J_yg(c)[kk, i] for kk in range(C))
                                        for i in range(C)]))
    yv = lambda: y().ravel()
    R(136, dLg_vec, lambda c: np.array([-sum(yv()[kk] / yh(c)[kk] * yh(c)[kk] * (delta[kk, i] - yh(c)[i])
                                             for kk in range(C)) for i in range(C)]))
    R(137, dLg_vec, lambda c: np.array([-sum(yv()[kk] * (delta[kk, i] - yh(c)[i]) for kk in range(C))
                                        for i in range(C)]))
    R(138, dLg_vec, lambda c: np.array([sum(yv()[kk] * yh(c)[i] for kk in range(C)) - yv()[i] for i in range(C)]))
    R(139, dLg_vec, lambda c: np.array([sum(yv()[kk] for kk in range(C)) * yh(c)[i] - yv()[i] for i in range(C)]))
    R(140, dLg_vec, lambda c: yh(c) - yv())
    R(144, dL_dg, lambda c: (v(c, "yhat") - y()).T)
    # V
    R(148, lambda c: dLt(c, "V"), lambda c: td(dL_dg(c).ravel(), dg_dV(c)))
    elemV = lambda c: np.array([[sum(dL_dg(c)[0, kk] * dg_dV(c)[kk, i, j] for kk in range(C))
                                 for j in range(D)] for i in range(C)])
    R(161, lambda c: dLt(c, "V"), elemV)
    R(165, lambda c: c.v("logit", t), lambda c: np.array([sum(V[i, d] * c.v("h", t)[d] for d in range(D))
                                                         for i in range(C)]))
    cases_gV = lambda c: np.array([[[c.v("h", t)[j] if i == kk else 0.0 for j in range(D)] for i in range(C)]
                                   for kk in range(C)])
    R(169, dg_dV, cases_gV)
    R(170, dg_dV, lambda c: np.array([[[delta[i, kk] * c.v("h", t)[j] for j in range(D)] for i in range(C)]
                                      for kk in range(C)]))
    R(174, lambda c: dLt(c, "V"), elemV)
    R(175, lambda c: dLt(c, "V"), lambda c: np.array([[sum((yh(c)[kk] - yv()[kk]) * delta[i, kk] * c.v("h", t)[j]
                                                            for kk in range(C)) for j in range(D)]
                                                          for i in range(C)]))
    R(176, lambda c: dLt(c, "V"), lambda c: np.array([[(yh(c)[i] - yv()[i]) * c.v("h", t)[j] for j in range(D)]
                                                      for i in range(C)]))
    R(180, lambda c: dLt(c, "V"), lambda c: mm(v(c, "yhat") - y(), v(c, "h").T))
    # W, U
    R(184, lambda c: dLt(c, "Ua"), lambda c: td(dL_ds(c).ravel(), c.dq("h", t, "Ua")))
    R(188, dL_ds, lambda c: (mm(dL_dg(c), c.jac("logit", t, ("hout", t), (D,))), mm((v(c, "yhat") - y()).T, V)))
    bptt = lambda c, p: sum(td((mm(dL_ds(c), dsds(c, t, j))).ravel(), imm(c, j, p)) for j in range(1, t + 1))
    R(192, lambda c: dLt(c, "Ua"), lambda c: bptt(c, "Ua"))
    R(196, lambda c: dsds(c, t, k), lambda c: chain([J(c, i) for i in range(t, k, -1)], D))
    R(197, lambda c: dsds(c, t, k), lambda c: chain([J(c, i) for i in range(t, k, -1)], D))
    R(198, lambda c: dsds(c, t, k), lambda c: chain([mm(Dz(c, i), Zs(c, i)) for i in range(t, k, -1)], D))
    R(202, lambda c: Dz(c, 3), lambda c: diag(1 - c.v("h", 3) ** 2))
    Wp = lambda n: np.linalg.matrix_power(W, n)
    R(206, lambda c: dsds(c, t, k),
      lambda c: (chain([mm(Dz(c, i), W) for i in range(t, k, -1)], D),
                 mm(Wp(t - k), chain([Dz(c, i) for i in range(t, k, -1)], D))))
    R(210, lambda c: imm(c, 2, "Ua"), lambda c: td(Dz(c, 2), dz_dP(c, 2, "Ua")))
    R(214, lambda c: dLt(c, "Ua"), lambda c: bptt(c, "Ua"))
    R(215, lambda c: dLt(c, "Ua"),
      lambda c: sum(td(mm(mm(mm(dL_ds(c), Wp(t - j)), chain([Dz(c, i) for i in range(t, j, -1)], D)), Dz(c, j)).ravel(),
                       dz_dP(c, j, "Ua")) for j in range(1, t + 1)))
    wrong = lambda c, p: sum(td(mm(mm(dL_ds(c), Wp(t - j)), chain([Dz(c, i) for i in range(t, j - 1, -1)], D)).ravel(),
                                dz_dP(c, j, p)) for j in range(1, t + 1))
    R(216, lambda c: dLt(c, "Ua"), lambda c: wrong(c, "Ua"))
    R(220, lambda c: dLt(c, "Wa"), lambda c: bptt(c, "Wa"))
    R(221, lambda c: dLt(c, "Wa"), lambda c: wrong(c, "Wa"))
    for line, p in ((229, "V"), (230, "Ua"), (231, "Wa")):
        R(line, (lambda c, p=p: c.gp(p)),
          (lambda c, p=p: sum(c.dq("l", s, p).reshape(P[p].shape) for s in range(1, T_ + 1))))
