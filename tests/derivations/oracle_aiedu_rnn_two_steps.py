"""Oracle rules of aiedu_rnn_two_steps (Microsoft AI-Edu 19.1, in Chinese): a scalar tanh RNN of two steps,
h_{t1} = x_{t1} U + b_h, s_{t1} = tanh(h_{t1}), h_{t2} = x_{t2} U + s_{t1} W + b_h, s_{t2} = tanh(h_{t2}),
z_{t2} = s_{t2} V + b_z, loss = (z_{t2} - y_{t2})^2 / 2 (an output at t2 only).  h is the pre-activation,
s the state.  Tanh'(s) is tanh' written as a function of the output s (1 - s^2, as the next link shows).
dq_{t2}, dq_{t1} are step contributions (the update sums dU_{t1} + dU_{t2}); a \\partial h_{t2}/\\partial U
is the partial with s_{t1} held fixed.

The model class AiEduRNN (row vectors, the course's names) is shared with aiedu_rnn_general_bptt."""
import numpy as np

from oracle import rule, source, mm, ew, add, row, softmax, tanhp_out, perturbers

SID = "aiedu_rnn_two_steps"


class AiEduRNN:
    """h_t = x_t U + s_{t-1} W + b_u (no W term at t = 1), s_t = tanh(h_t), z_t = s_t V + b_v; an output at
    every step (each=True) or at the last step only; head 'sq': loss_t = |z_t - y_t|^2 / 2; head 'softmax':
    a_t = softmax(z_t), loss_t = -log a_t[y_t].  Loss = scale * sum of the loss_t.  Row vectors (1 x n).
    Perturbation keys: (name, t) for x, h, s, z right after they are computed; ('sin', t) s_{t-1} where
    step t consumes it; ('sout', t) s_t where the output head consumes it; ('P:name', t) a parameter in step t only (t = 0: every step)."""

    def __init__(self, I, H, O, T, seed, head, each, scale):
        rng = np.random.default_rng(seed)
        self.I, self.H, self.O, self.T = I, H, O, T
        self.head, self.each, self.scale = head, each, scale
        self.P = {"U": rng.normal(0, 0.8, (I, H)), "W": rng.normal(0, 0.8, (H, H)),
                  "V": rng.normal(0, 0.8, (H, O)), "bu": rng.normal(0, 0.3, (1, H)),
                  "bv": rng.normal(0, 0.3, (1, O))}
        self.xs = {t: rng.normal(0, 1, (1, I)) for t in range(1, T + 1)}
        if head == "sq":
            self.ys = {t: rng.normal(0, 1, (1, O)) for t in range(1, T + 1)}
        else:
            self.ys = {}
            for t in range(1, T + 1):
                y = np.zeros((1, O))
                y[0, int(rng.integers(0, O))] = 1.0
                self.ys[t] = y

    def forward(self, pert=None):
        pert = pert or {}
        P = self.P

        pv, par = perturbers(pert, P)

        vals, L, s = {}, 0.0, None
        for t in range(1, self.T + 1):
            x = pv("x", t, self.xs[t])
            vals[("x", t)] = x
            h = x @ par("U", t) + par("bu", t)
            if t > 1:
                h = h + pv("sin", t, s) @ par("W", t)
            h = pv("h", t, h)
            s = pv("s", t, np.tanh(h))
            vals[("h", t)], vals[("s", t)] = h, s
            if self.each or t == self.T:
                z = pv("z", t, pv("sout", t, s) @ par("V", t) + par("bv", t))
                vals[("z", t)] = z
                if self.head == "sq":
                    a = z
                    lt = 0.5 * float(np.sum((z - self.ys[t]) ** 2))
                else:
                    a = softmax(z.ravel()).reshape(1, -1)
                    lt = -float(np.log(np.sum(a * self.ys[t])))
                vals[("a", t)] = a
                vals[("l", t)] = np.array([[lt]])
                L += lt
        return L * self.scale, vals


@source
def _aiedu_two(M):
    m = "aiedu_rnn_two_steps"
    mod = AiEduRNN(I=1, H=1, O=1, T=2, seed=401, head="sq", each=False, scale=1.0)
    M[m] = mod
    P = mod.P
    U, W, V = P["U"], P["W"], P["V"]
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s: c.v(n, s)
    x = lambda c, s: mod.xs[s]
    y2 = mod.ys[2]
    Tanhp = lambda c, s: tanhp_out(v(c, "s", s))           # Tanh'(s): derivative as a function of the output
    part = lambda c, q, s, key, shape: c.jac(q, s, key, shape).reshape(1, 1)   # scalar local partial

    # forward (both sides from the recorded values)
    R(21, lambda c: v(c, "h", 1), lambda c: add(mm(x(c, 1), U), P["bu"]))
    R(22, lambda c: v(c, "s", 1), lambda c: np.tanh(v(c, "h", 1)))
    R(24, lambda c: v(c, "h", 2), lambda c: add(mm(x(c, 2), U), mm(v(c, "s", 1), W), P["bu"]))
    R(25, lambda c: v(c, "s", 2), lambda c: np.tanh(v(c, "h", 2)))
    R(26, lambda c: v(c, "z", 2), lambda c: add(mm(v(c, "s", 2), V), P["bv"]))
    R(27, lambda c: np.array([[c.L]]), lambda c: 0.5 * (v(c, "z", 2) - y2) ** 2)

    dz2 = lambda c: v(c, "z", 2) - y2
    dh2 = lambda c: ew(mm(dz2(c), V), tanhp_out(v(c, "s", 2)))
    dh1 = lambda c: ew(mm(dh2(c), W), 1 - v(c, "s", 1) ** 2)
    g = lambda c, q, s: row(c.g(q, s))
    dz_ds = lambda c: part(c, "z", 2, ("s", 2), (1, 1))
    ds_dh = lambda c, s: part(c, "s", s, ("h", s), (1, 1))
    R(33, lambda c: g(c, "z", 2), lambda c: dz2(c))
    R(36, lambda c: g(c, "h", 2), lambda c: mm(mm(g(c, "z", 2), dz_ds(c)), ds_dh(c, 2)))
    R(37, lambda c: g(c, "h", 2), lambda c: ew(mm(dz2(c), V), Tanhp(c, 2)))
    R(38, lambda c: g(c, "h", 2), lambda c: ew(mm(dz2(c), V), 1 - v(c, "s", 2) ** 2))
    # step-2 contributions (a parameter in step 2 only); the partials hold s_{t1} fixed
    R(40, lambda c: c.gps("bv", 2),
      lambda c: (mm(g(c, "z", 2), part(c, "z", 2, ("P:bv", 2), (1, 1))), dz2(c)))
    R(41, lambda c: c.gps("bu", 2),
      lambda c: (mm(g(c, "h", 2), part(c, "h", 2, ("P:bu", 2), (1, 1))), dh2(c)))
    R(42, lambda c: c.gps("V", 2),
      lambda c: (mm(g(c, "z", 2), part(c, "z", 2, ("P:V", 2), (1, 1))), mm(dz2(c), v(c, "s", 2))))
    R(43, lambda c: c.gps("U", 2),
      lambda c: (mm(g(c, "h", 2), part(c, "h", 2, ("P:U", 2), (1, 1))), mm(dh2(c), x(c, 2))))
    R(44, lambda c: c.gps("W", 2),
      lambda c: (mm(g(c, "h", 2), part(c, "h", 2, ("P:W", 2), (1, 1))), mm(dh2(c), v(c, "s", 1))))
    # step 1
    R(47, lambda c: g(c, "h", 1),
      lambda c: (mm(mm(g(c, "h", 2), part(c, "h", 2, ("sin", 2), (1, 1))), ds_dh(c, 1)),
                 ew(mm(dh2(c), W), 1 - v(c, "s", 1) ** 2)))
    R(48, lambda c: c.gps("bu", 1),
      lambda c: (mm(g(c, "h", 1), part(c, "h", 1, ("P:bu", 1), (1, 1))), dh1(c)))
    R(49, lambda c: c.gps("bv", 1), lambda c: np.zeros((1, 1)))
    R(50, lambda c: c.gps("U", 1),
      lambda c: (mm(g(c, "h", 1), part(c, "h", 1, ("P:U", 1), (1, 1))), mm(dh1(c), x(c, 1))))
    R(51, lambda c: c.gps("V", 1), lambda c: np.zeros((1, 1)))
    R(52, lambda c: c.gps("W", 1), lambda c: np.zeros((1, 1)))
