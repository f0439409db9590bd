"""Oracle rules of matsoich_rabbit_rnn_bptt (MatSoich's Japanese notes of the Rabbit Challenge BPTT formulas).

u^t = W_(in) x^t + W z^{t-1} + b, z^t = f(u^t), v^t = W_(out) z^t + c, y^t = g(v^t) (core: Wa = W_(in),
Ua = W, ba = b, V = W_(out), c; a = u, h = z, logit = v, yhat = y).  The oracle's f = tanh, g = sigmoid (the
exercise's g), loss = binary cross-entropy of y^T against targets d in (0, 1), on the LAST step only: E = E^t with
t = T ("T時刻の誤差関数"), the reading under which the notes' W_(out) update without a sum holds.  Column vectors;
delta^t = dE/du^t, delta^{out,t} = dE/dv^t (totals).  Evaluated at t = T = 4 (forward rows at t = 3, the exercise
rows at t = 1).  V = 2 outputs, H = 3 units (so a bias c put inside f is a shape error, not a coincidence).
Chain links written with derivative symbols are chain-rule names (their value: the chain-rule composition; the
author's [du^t/dW_(in)]^T is the local factor [x^t]^T, as the row's own last link says); explicit algebra is read
literally in the column layout (delta^t {W f'(u)} is a column times a matrix: ill-typed).  f'(u) is the Jacobian
dz/du = diag(f'(u)) (the author's own use in {du^t/dz^{t-1} dz^{t-1}/du^{t-1}} = {W f'(u^{t-1})}).
T_t in the sums: z = 0 .. t-1 (every step back to the first; the notes do not define T_t)."""
import numpy as np

from oracle import Model, IllTyped, col, diag, mm, rule, source, perturbers, sig, add, ew

SID = "matsoich_rabbit_rnn_bptt"
EPS_LR = 0.1


class RabbitRNN(Model):
    def __init__(self, seed):
        Model.__init__(self, "rnn", I=2, H=3, T=4, seed=seed, head="sq", V=2)
        rng = np.random.default_rng(seed + 77)
        self.d = rng.uniform(0.05, 0.95, self.V)

    def forward(self, pert=None):
        pert = pert or {}
        pv, par = perturbers(pert, self.P)
        vals = {("h", 0): self.h0.copy()}
        h, L = self.h0, 0.0
        for t in range(1, self.T + 1):
            x = self.xs[t]
            hin = pv("hin", t, h)
            a = pv("a", t, par("Wa", t) @ x + par("Ua", t) @ hin + par("ba", t))
            vals[("a", t)] = a
            hn = pv("h", t, np.tanh(a))
            vals[("h", t)] = hn
            v = pv("logit", t, par("V", t) @ pv("hout", t, hn) + par("c", t))
            vals[("logit", t)] = v
            y = pv("yhat", t, sig(v))
            vals[("yhat", t)] = y
            if t == self.T:
                L += -float(np.sum(self.d * np.log(y) + (1 - self.d) * np.log(1 - y)))
            h = hn
        return L, vals


@source
def _matsoich(M):
    m = "matsoich_rabbit"
    mod = RabbitRNN(seed=1711)
    M[m] = mod
    P, T = mod.P, mod.T
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s: col(c.v(n, s))
    x = lambda s: col(mod.xs[s])
    W_in, W, b, W_out, cc = P["Wa"], P["Ua"], col(P["ba"]), P["V"], col(P["c"])
    f = np.tanh
    fp = lambda c, s: diag(1 - c.v("h", s) ** 2)                      # f'(u^s) as the Jacobian dz/du
    d = lambda c, s: col(c.g("a", s))                                 # delta^s
    dout = lambda c, s: col(c.g("logit", s))                          # delta^{out,s}
    bce = lambda y: np.array(-float(np.sum(mod.d * np.log(y.ravel()) + (1 - mod.d) * np.log(1 - y.ravel()))))

    # forward (t = 3)
    t = 3
    R(19, lambda c: v(c, "a", t), lambda c: mm(W_in, x(t)) + mm(W, v(c, "h", t - 1)) + b)
    R(20, lambda c: v(c, "h", t), lambda c: f(mm(W_in, x(t)) + mm(W, v(c, "h", t - 1)) + b))
    R(21, lambda c: v(c, "logit", t), lambda c: mm(W_out, v(c, "h", t)) + cc)
    R(22, lambda c: v(c, "yhat", t), lambda c: sig(mm(W_out, v(c, "h", t)) + cc))
    # definitions of delta^t, delta^{out,t} (t = T)
    R(26, lambda c: d(c, T), lambda c: d(c, T))
    R(27, lambda c: dout(c, T), lambda c: dout(c, T))
    # parameter gradients at t = T: W_(in), W, b step T's contribution; W_(out), c totals (E only at T)
    R(31, lambda c: c.gps("Wa", T), lambda c: (mm(d(c, T), x(T).T), mm(d(c, T), x(T).T)))
    R(32, lambda c: c.gp("V"), lambda c: (mm(dout(c, T), v(c, "h", T).T), mm(dout(c, T), v(c, "h", T).T)))
    R(33, lambda c: c.gps("Ua", T), lambda c: (mm(d(c, T), v(c, "h", T - 1).T), mm(d(c, T), v(c, "h", T - 1).T)))
    R(34, lambda c: col(c.gps("ba", T)), lambda c: (d(c, T), d(c, T)))
    R(35, lambda c: col(c.gp("c")), lambda c: (dout(c, T), dout(c, T)))
    # exercise 22 (t = 1)
    R(42, lambda c: v(c, "yhat", 1), lambda c: sig(mm(W_out, v(c, "h", 1)) + cc))
    R(44, lambda c: v(c, "h", 1), lambda c: f(mm(W, v(c, "h", 0)) + mm(W_in, x(1)) + b))
    R(46, lambda c: v(c, "yhat", 1), lambda c: sig(mm(W_out, f(mm(W, v(c, "h", 0)) + mm(W_in, x(1)) + b)) + cc))
    # delta relations at t = T
    chain_u = lambda c: mm(fp(c, T), mm(W_out.T, dout(c, T)))        # (dv/du)^T dE/dv
    R(49, lambda c: d(c, T), lambda c: (chain_u(c), chain_u(c), mm(fp(c, T), mm(W_out.T, dout(c, T))), d(c, T)))
    chain_prev = lambda c: mm(fp(c, T - 1), mm(W.T, d(c, T)))       # (du^t/du^{t-1})^T delta^t
    R(51, lambda c: d(c, T - 1),
      lambda c: (d(c, T - 1), chain_prev(c), chain_prev(c), mm(mm(d(c, T), W), fp(c, T - 1))))
    R(53, lambda c: d(c, T - 1), lambda c: mm(mm(d(c, T), W), fp(c, T - 1)))
    # updates (learning rate 0.1); z = 0 .. T_t with T_t = t - 1
    upd = lambda name, g: P[name] - EPS_LR * g

    def zcol(c, s):
        if s < 0 or s > T:
            raise IllTyped("z^%d does not exist (steps 0..%d)" % (s, T))
        return v(c, "h", s)

    R(58, lambda c: upd("Wa", c.gp("Wa")),
      lambda c: (upd("Wa", c.gp("Wa")), upd("Wa", sum(mm(d(c, T - z), x(T - z).T) for z in range(0, T)))))
    R(59, lambda c: upd("V", c.gp("V")),
      lambda c: (upd("V", c.gp("V")), upd("V", mm(dout(c, T), v(c, "h", T).T))))
    R(60, lambda c: upd("Ua", c.gp("Ua")),
      lambda c: (upd("Ua", c.gp("Ua")), upd("Ua", sum(mm(d(c, T - z), zcol(c, T - z + 1).T) for z in range(0, T)))))
    R(61, lambda c: col(upd("ba", c.gp("ba"))),
      lambda c: (col(upd("ba", c.gp("ba"))), b - EPS_LR * sum(d(c, T - z) for z in range(0, T))))
    R(62, lambda c: col(upd("c", c.gp("c"))),
      lambda c: (col(upd("c", c.gp("c"))), cc - EPS_LR * dout(c, T)))
    # BPTT overall picture: E^t at t = T
    E = lambda c: np.array(c.L)
    u = lambda c, s: mm(W_in, x(s)) + mm(W, v(c, "h", s - 1)) + b
    R(68, E, lambda c: bce(v(c, "yhat", T)))
    R(69, E, lambda c: bce(sig(mm(W_out, v(c, "h", T)) + cc)))
    R(70, E, lambda c: bce(sig(mm(W_out, f(v(c, "a", T))) + cc)))
    R(71, E, lambda c: bce(sig(mm(W_out, f(u(c, T))) + cc)))
    R(72, E, lambda c: bce(sig(mm(W_out, f(mm(W_in, x(T)) + mm(W, f(v(c, "a", T - 1))) + b)) + cc)))

    def row73(c):
        # as printed (one ')' too many): g(W_out f(W_in x^t + W f(W_in x^{t-1} + W z^{t-2} + b) + c) + b) + c
        inner = f(mm(W_in, x(T - 1)) + mm(W, v(c, "h", T - 2)) + b)
        outer = f(add(mm(W_in, x(T)) + mm(W, inner), cc))            # + c inside f: V-vector + H-vector
        return bce(add(sig(add(mm(W_out, outer), b)), cc))
    R(73, E, row73)
