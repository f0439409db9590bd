"""Oracle rules of aiedu_deep_rnn_pr550 (Microsoft AI-Edu 19.6, deep RNN, text before the erratum of PR #550/#554).
Two stacked tanh layers, ROW vectors, no biases: h1_t = x_t U + s1_{t-1} W1, h2_t = s1_t Q + s2_{t-1} W2 (no
recurrent terms at t = 1), s1 = tanh(h1), s2 = tanh(h2), z_t = s2_t V, a = z, Loss = (a_tau - y)^2 / 2 on the last
step only (tau = T = 4).  U is I x H1, Q is H1 x H2, W1 H1 x H1, W2 H2 x H2, V H2 x 1 (the notes' shapes, with
H1 = 3, H2 = 2 here so that a transposition shows).  sigma'(s) is tanh' written as a function of the output s:
1 - s^2 (as in the sister sections 19.3 and the code).  dh1, dh2 name the values of the author's recursions
(13)/(17) and (12)/(15); the chains dLoss/dz dz/dV are read with the gradient contracted against the Jacobian
tensor.  Rows 'for the last step' are taken at t = tau, 'for the other steps' at t = 3, 'for the first step' at
t = 1."""
import numpy as np

from oracle import rule, source, mm, ew, add, perturbers, tanhp_out, IllTyped

SID = "aiedu_deep_rnn_pr550"


class DeepRNN:
    """Perturbation keys: (name, t) for x, h1, s1, h2, s2, z, a right after they are computed; ('s1in', t) / ('s2in', t)
    s1_{t-1} / s2_{t-1} where step t consumes them; ('P:name', t) a parameter in step t only (t = 0: every step)."""

    def __init__(self, I, H1, H2, T, seed):
        rng = np.random.default_rng(seed)
        self.I, self.H1, self.H2, self.T = I, H1, H2, T
        self.P = {"U": rng.normal(0, 0.8, (I, H1)), "W1": rng.normal(0, 0.8, (H1, H1)),
                  "Q": rng.normal(0, 0.8, (H1, H2)), "W2": rng.normal(0, 0.8, (H2, H2)),
                  "V": rng.normal(0, 0.8, (H2, 1))}
        self.xs = {t: rng.normal(0, 1, (1, I)) for t in range(1, T + 1)}
        self.y = rng.normal(0, 1, (1, 1))

    def forward(self, pert=None):
        pert = pert or {}
        pv, par = perturbers(pert, self.P)
        vals, L, s1, s2 = {}, 0.0, None, None
        for t in range(1, self.T + 1):
            x = pv("x", t, self.xs[t])
            vals[("x", t)] = x
            h1 = x @ par("U", t)
            if t > 1:
                h1 = h1 + pv("s1in", t, s1) @ par("W1", t)
            h1 = pv("h1", t, h1)
            s1 = pv("s1", t, np.tanh(h1))
            h2 = s1 @ par("Q", t)
            if t > 1:
                h2 = h2 + pv("s2in", t, s2) @ par("W2", t)
            h2 = pv("h2", t, h2)
            s2 = pv("s2", t, np.tanh(h2))
            z = pv("z", t, s2 @ par("V", t))
            a = pv("a", t, z)
            vals.update({("h1", t): h1, ("s1", t): s1, ("h2", t): h2, ("s2", t): s2, ("z", t): z, ("a", t): a})
            if t == self.T:
                lt = 0.5 * float(np.sum((a - self.y) ** 2))
                vals[("l", t)] = np.array([[lt]])
                L += lt
        return L, vals


@source
def _aiedu_deep(M):
    m = "aiedu_deep_rnn"
    mod = DeepRNN(I=2, H1=3, H2=2, T=4, seed=551)
    M[m] = mod
    P, tau = mod.P, mod.T
    U, W1, Q, W2, V = P["U"], P["W1"], P["Q"], P["W2"], P["V"]
    H1, H2 = mod.H1, mod.H2
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s: c.v(n, s)
    g = lambda c, n, s: c.g(n, s)                                   # dLoss/dn_s (row, total)
    J = lambda c, q, s, key, n: c.jac(q, s, key, (1, n))[0, :, 0, :]   # d q_s / d (row key), out x in
    Jt = lambda c, q, s, pn: c.jac(q, s, ("P:" + pn, s), P[pn].shape)[0]  # d q_s / d P (in step s): (q, P)
    dz = lambda c: v(c, "a", tau) - mod.y

    def dh2(c, s):                                                  # (12) at tau, (15) before
        if s == tau:
            return ew(mm(dz(c), V.T), tanhp_out(v(c, "s2", s)))
        return ew(mm(dh2(c, s + 1), W2.T), tanhp_out(v(c, "s2", s)))

    def dh1(c, s):                                                  # (13) at tau, (17) as printed before
        if s == tau:
            return ew(mm(dh2(c, s), Q.T), tanhp_out(v(c, "s1", s)))
        return ew(mm(dh1(c, s + 1), W1.T), tanhp_out(v(c, "s1", s)))

    t = 3
    # forward
    R(17, lambda c: v(c, "h1", 1), lambda c: mm(v(c, "x", 1), U))
    R(18, lambda c: v(c, "h2", 1), lambda c: mm(v(c, "s1", 1), Q))
    R(20, lambda c: v(c, "h1", t), lambda c: add(mm(v(c, "x", t), U), mm(v(c, "s1", t - 1), W1)))
    R(21, lambda c: v(c, "h2", t), lambda c: add(mm(v(c, "s1", t), Q), mm(v(c, "s2", t - 1), W2)))
    R(23, lambda c: v(c, "s1", t), lambda c: np.tanh(v(c, "h1", t)))
    R(24, lambda c: v(c, "s2", t), lambda c: np.tanh(v(c, "h2", t)))
    R(26, lambda c: v(c, "z", tau), lambda c: mm(v(c, "s2", tau), V))
    R(27, lambda c: v(c, "a", tau), lambda c: v(c, "z", tau))
    R(28, lambda c: np.array([[c.L]]), lambda c: (v(c, "l", tau), 0.5 * (v(c, "a", tau) - mod.y) ** 2))
    # last step
    R(37, lambda c: g(c, "z", tau), lambda c: dz(c))
    R(38, lambda c: c.gp("V"),
      lambda c: (np.tensordot(g(c, "z", tau).ravel(), Jt(c, "z", tau, "V"), axes=(0, 0)),
                 mm(v(c, "s2", tau).T, dz(c))))
    R(40, lambda c: g(c, "h2", tau),
      lambda c: mm(mm(g(c, "z", tau), J(c, "z", tau, ("s2", tau), H2)), J(c, "s2", tau, ("h2", tau), H2)))
    R(41, lambda c: g(c, "h2", tau), lambda c: dh2(c, tau))
    R(43, lambda c: g(c, "h1", tau),
      lambda c: mm(mm(g(c, "h2", tau), J(c, "h2", tau, ("s1", tau), H1)), J(c, "s1", tau, ("h1", tau), H1)))
    R(44, lambda c: g(c, "h1", tau), lambda c: dh1(c, tau))
    # other steps (t = 3)
    R(46, lambda c: g(c, "z", t), lambda c: np.zeros((1, 1)))
    R(48, lambda c: g(c, "h2", t),
      lambda c: mm(mm(g(c, "h2", t + 1), J(c, "h2", t + 1, ("s2in", t + 1), H2)), J(c, "s2", t, ("h2", t), H2)))
    R(49, lambda c: g(c, "h2", t), lambda c: dh2(c, t))
    R(50, lambda c: c.gps("V", t), lambda c: np.zeros_like(V))
    R(52, lambda c: g(c, "h1", t),
      lambda c: mm(mm(g(c, "h1", t + 1), J(c, "h1", t + 1, ("s1in", t + 1), H1)), J(c, "s1", t, ("h1", t), H1)))
    R(53, lambda c: g(c, "h1", t), lambda c: dh1(c, t))
    # first step: both step-1 contributions vanish (no recurrent term at t = 1)
    R(55, lambda c: np.concatenate([c.gps("W1", 1).ravel(), c.gps("W2", 1).ravel()]),
      lambda c: np.zeros(H1 * H1 + H2 * H2))

    def undefined_dh_1(c):
        raise IllTyped("dh_1: no quantity dh at step 1 (the layer gradients are dh1, dh2)")
    R(57, lambda c: c.gps("W1", t), undefined_dh_1)
    R(58, lambda c: c.gps("W2", t), lambda c: mm(v(c, "s2", t - 1).T, dh2(c, t)))
    R(60, lambda c: c.gps("Q", t),
      lambda c: (np.tensordot(g(c, "h2", t).ravel(), Jt(c, "h2", t, "Q"), axes=(0, 0)),
                 mm(v(c, "s1", t).T, dh2(c, t))))
    R(61, lambda c: c.gps("U", t),
      lambda c: (np.tensordot(g(c, "h1", t).ravel(), Jt(c, "h1", t, "U"), axes=(0, 0)),
                 mm(v(c, "x", t).T, dh1(c, t))))
