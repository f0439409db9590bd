"""Oracle rules of aiedu_birnn_last_step (Microsoft AI-Edu 19.7, in Chinese): a bidirectional tanh RNN in row vectors
without biases.  Forward loop h1_t = x_t U1 + s1_{t-1} W1, s1_t = tanh(h1_t) over x_1..x_tau; reverse loop with its
own step index, h2_t = xr_t U2 + s2_{t-1} W2, s2_t = tanh(h2_t) over the reversed inputs xr_t = x_{tau+1-t} (no
recurrent terms at t = 1: the states before t1 are empty).  At the last step only: s = s1_tau + s2_tau ((5), the
sum), z = s V, a = softmax(z), Loss = loss_tau = the cross-entropy with a one-hot y (MNIST classifier; dz = a - y).
sigma'(s1) is tanh' written as a function of the output s1 (the text says so): 1 - s1^2.  dz_t = 0 at the steps
without output (the prose); the model computes z_t = (s1_t + s2_t) V at every step as an unused hook, so
dLoss/dz_t = 0 there.  dU1_t, dW1_t, dV_t, dW2_t are step t's parts (a parameter perturbed in step t only).  A row
gradient times a local Jacobian (numerator layout) is the chain rule; times the Jacobian of a row by a matrix it is
contracted over the row.  Oracle: I = 2, H = 3 (both loops), C = 4 classes, tau = T = 4; last-step rows at t = 4,
intermediate rows at t = 3 (reverse-loop rows at its own step 3), the first-step row at t = 1."""
import numpy as np

from oracle import rule, source, mm, ew, add, perturbers, softmax, IllTyped

SID = "aiedu_birnn_last_step"


class AiEduBiRNN:
    """Perturbation keys: (name, t) for h1, s1, h2, s2, s, z right after they are computed (h2, s2 at the reverse
    loop's own step t); ('s1in', t) / ('s2in', t) the previous state where step t consumes it; ('s1out', t) s1_t where
    the sum s_t consumes it; ('P:name', t) a parameter in step t only (t = 0: every step)."""

    def __init__(self, I=2, H=3, C=4, T=4, seed=0):
        rng = np.random.default_rng(seed)
        self.I, self.H, self.C, self.T = I, H, C, T
        self.P = {"U1": rng.normal(0, 0.8, (I, H)), "W1": rng.normal(0, 0.8, (H, H)),
                  "U2": rng.normal(0, 0.8, (I, H)), "W2": rng.normal(0, 0.8, (H, H)),
                  "V": rng.normal(0, 0.8, (H, C))}
        self.xs = {t: rng.normal(0, 1, (1, I)) for t in range(1, T + 1)}
        self.y = np.zeros((1, C))
        self.y[0, int(rng.integers(0, C))] = 1.0

    def forward(self, pert=None):
        pert = pert or {}
        pv, par = perturbers(pert, self.P)
        T = self.T
        vals, s1, s2 = {}, None, None
        for t in range(1, T + 1):
            vals[("x", t)] = self.xs[t]
            h1 = self.xs[t] @ par("U1", t)
            if t > 1:
                h1 = h1 + pv("s1in", t, s1) @ par("W1", t)
            h1 = pv("h1", t, h1)
            s1 = pv("s1", t, np.tanh(h1))
            xr = self.xs[T + 1 - t]
            h2 = xr @ par("U2", t)
            if t > 1:
                h2 = h2 + pv("s2in", t, s2) @ par("W2", t)
            h2 = pv("h2", t, h2)
            s2 = pv("s2", t, np.tanh(h2))
            vals[("xr", t)] = xr
            for n, val in (("h1", h1), ("s1", s1), ("h2", h2), ("s2", s2)):
                vals[(n, t)] = val
        L = 0.0
        for t in range(1, T + 1):
            s = pv("s", t, pv("s1out", t, vals[("s1", t)]) + vals[("s2", t)])
            z = pv("z", t, s @ par("V", t))
            vals[("s", t)], vals[("z", t)] = s, z
            if t == T:
                a = softmax(z.ravel()).reshape(1, -1)
                vals[("a", t)] = a
                L = -float(np.log(np.sum(a * self.y)))
        return L, vals


def contract(grow, J):
    """A row gradient (1 x n) times the Jacobian of a row (1 x n) by an array of shape S: an array of shape S."""
    grow = np.asarray(grow)
    if grow.ndim != 2 or grow.shape[0] != 1 or J.shape[1] != grow.shape[1]:
        raise IllTyped("row %s against Jacobian %s" % (grow.shape, J.shape))
    return np.tensordot(grow[0], J[0], axes=([0], [0]))


@source
def _aiedu_birnn(M):
    m = "aiedu_birnn_last_step"
    mod = AiEduBiRNN(seed=719)
    M[m] = mod
    P = mod.P
    U1, W1, U2, W2, V = P["U1"], P["W1"], P["U2"], P["W2"], P["V"]
    T, t, H, C = mod.T, 3, mod.H, mod.C
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s: c.v(n, s)
    g = lambda c, q, s: c.g(q, s)
    sp = lambda c, n, s: 1 - v(c, n, s) ** 2
    J = lambda c, q, s, key, n: c.jac(q, s, key, (1, n))[0, :, 0, :]
    Jp = lambda c, q, s, pname: c.jac(q, s, ("P:" + pname, s), P[pname].shape)
    dz = lambda c, s: g(c, "z", s) if s < T else v(c, "a", T) - mod.y     # (8); dz_t = 0 before tau (prose)

    def chain_out(c, s):
        """dloss_s/dz_s dz_s/ds_s ds_s/ds1_s ds1_s/dh1_s (numerator-layout Jacobians)."""
        out = mm(g(c, "z", s), J(c, "z", s, ("s", s), H))
        out = mm(out, J(c, "s", s, ("s1out", s), H))
        return mm(out, J(c, "s1", s, ("h1", s), H))
    # forward
    R(20, lambda c: v(c, "h1", t), lambda c: add(mm(v(c, "x", t), U1), mm(v(c, "s1", t - 1), W1)))
    R(22, lambda c: v(c, "s1", t), lambda c: np.tanh(v(c, "h1", t)))
    R(23, lambda c: v(c, "h2", t), lambda c: add(mm(v(c, "xr", t), U2), mm(v(c, "s2", t - 1), W2)))
    R(26, lambda c: v(c, "s2", t), lambda c: np.tanh(v(c, "h2", t)))
    R(27, lambda c: v(c, "s", T), lambda c: add(v(c, "s1", T), v(c, "s2", T)))
    R(30, lambda c: v(c, "z", T), lambda c: mm(v(c, "s", T), V))
    R(31, lambda c: v(c, "a", T), lambda c: softmax(v(c, "z", T).ravel()).reshape(1, -1))
    # backward, forward loop, last step (Loss = loss_tau)
    R(35, lambda c: g(c, "z", T), lambda c: (g(c, "z", T), dz(c, T)))
    R(40, lambda c: g(c, "h1", T), lambda c: (g(c, "h1", T), chain_out(c, T)))
    R(41, lambda c: g(c, "h1", T), lambda c: ew(mm(dz(c, T), V.T), sp(c, "s1", T)))
    # intermediate steps (t = 3)
    rec = lambda c: mm(mm(g(c, "h1", t + 1), J(c, "h1", t + 1, ("s1in", t + 1), H)), J(c, "s1", t, ("h1", t), H))
    R(49, lambda c: g(c, "h1", t), lambda c: add(chain_out(c, t), rec(c)))
    R(50, lambda c: g(c, "h1", t),
      lambda c: add(ew(mm(dz(c, t), V.T), sp(c, "s1", t)), ew(mm(g(c, "h1", t + 1), W1.T), sp(c, "s1", t))))
    R(51, lambda c: g(c, "h1", t),
      lambda c: ew(add(mm(dz(c, t), V.T), mm(g(c, "h1", t + 1), W1.T)), sp(c, "s1", t)))
    # step parts of the parameter gradients
    R(56, lambda c: c.gps("V", T),
      lambda c: (contract(g(c, "z", T), Jp(c, "z", T, "V")), mm(v(c, "s", T).T, dz(c, T))))
    R(59, lambda c: c.gps("U1", t),
      lambda c: (contract(g(c, "h1", t), Jp(c, "h1", t, "U1")), mm(v(c, "x", t).T, g(c, "h1", t))))
    R(61, lambda c: c.gps("W1", t),
      lambda c: (contract(g(c, "h1", t), Jp(c, "h1", t, "W1")), mm(v(c, "s1", t - 1).T, g(c, "h1", t))))
    R(63, lambda c: c.gps("W1", 1), lambda c: np.zeros_like(W1))
    # reverse loop, at its own step t = 3
    R(66, lambda c: c.gps("W2", t),
      lambda c: (contract(g(c, "h2", t), Jp(c, "h2", t, "W2")), mm(v(c, "s2", t - 1).T, g(c, "h2", t))))
