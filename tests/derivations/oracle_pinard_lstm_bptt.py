"""Oracle rules of pinard_lstm_bptt (Liu Jianping's 2017 LSTM post, shunliz GitBook copy).  Column
vectors, superscript (t) time.  The author's W_* act on h^{(t-1)} (core U_*), the author's U_* on x^{(t)}
(core W_*); a^{(t)} is the candidate (core g), C^{(t)} the cell state (core c).  The head is the post's
y_hat = sigma(V h + c) with sigma the sigmoid; the post states no loss, so the oracle takes the loss under
which the author's V^T(y_hat - y) is right: element-wise binary cross-entropy, L = sum_t L^{(t)}, targets y
in (0, 1).  tau = T = 4; rows at a general step t are taken at t = 3.  \\delta_h, \\delta_C are totals
(columns).  Products of derivatives are read as written, as matrix products (Jacobians, rows = outputs)
with the author's column gradients: d L/d q (a column) times d q/d p (a matrix) is ill-typed."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, sig, IllTyped, perturbers, line_finder

SID = "pinard_lstm_bptt"


def finder():
    return line_finder(SID)


class PinardModel(Model):
    """Core LSTM with a sigmoid output y_hat = sigma(V h + c) and binary cross-entropy at every step."""

    def __init__(self, seed):
        Model.__init__(self, "lstm", I=2, H=3, T=4, seed=seed, head="softmax", V=3)
        rng = np.random.default_rng(seed + 1000)
        self.ytarget = {t: rng.uniform(0.05, 0.95, self.V) for t in range(1, self.T + 1)}

    def forward(self, pert=None):
        pert = pert or {}

        pv, par = perturbers(pert, self.P)

        vals = {("h", 0): self.h0.copy(), ("c", 0): self.c0.copy()}
        h, c, L = self.h0, self.c0, 0.0
        for t in range(1, self.T + 1):
            x = pv("x", t, self.xs[t])
            vals[("x", t)] = x
            hin, cin = pv("hin", t, h), pv("cin", t, c)
            for k in "ifog":
                z = par("W" + k, t) @ pv("xin:" + k, t, x) + par("U" + k, t) @ pv("hin:" + k, t, hin) + par("b" + k, t)
                z = pv("z" + k, t, z)
                vals[("z" + k, t)] = z
                vals[(k, t)] = pv(k, t, np.tanh(z) if k == "g" else sig(z))
            i, fg, o, g = (vals[(k, t)] for k in "ifog")
            cn = pv("c", t, fg * cin + i * g)
            tc = pv("tc", t, np.tanh(pv("c:h", t, cn)))
            vals[("tc", t)] = tc
            hn = pv("h", t, o * tc)
            vals[("c", t)], vals[("h", t)] = cn, hn
            lo = pv("logit", t, par("V", t) @ pv("hout", t, hn) + par("c", t))
            vals[("logit", t)] = lo
            yh = pv("yhat", t, sig(lo))
            vals[("yhat", t)] = yh
            y = self.ytarget[t]
            lt = -float(np.sum(y * np.log(yh) + (1 - y) * np.log(1 - yh)))
            vals[("l", t)] = np.array([lt])
            L += lt
            h, c = hn, cn
        return L, vals


@source
def _pinard(M):
    m, t = "pinard_lstm", 3
    M[m] = PinardModel(seed=97)
    mod = M[m]
    P, H, T = mod.P, mod.H, mod.T
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))
    g = lambda n, s=t: (lambda c: col(c.g(n, s)))
    # the author's W_k (on h) is the core U_k, the author's U_k (on x) the core W_k; a = core g
    pre = lambda c, k, s=t: mm(P["U" + k], v(c, "h", s - 1)) + mm(P["W" + k], v(c, "x", s)) + col(P["b" + k])
    cell = lambda c, s=t: add(ew(v(c, "c", s - 1), v(c, "f", s)), ew(v(c, "i", s), v(c, "g", s)))
    # section 2 and section 3 (forward)
    for nth in (0, 1):
        R(L("$$f^{(t)} = \\sigma(W_fh^{(t-1)}", nth), lambda c: v(c, "f"), lambda c: sig(pre(c, "f")))
        R(L("$$C^{(t)} = C^{(t-1)} \\odot f^{(t)}", nth), lambda c: v(c, "c"), cell)
        # o^{(t)} = sigma(...) h^{(t)} = o^{(t)} (.) tanh(C^{(t)}): two displays joined by the copy
        R(L("$$o^{(t)} = \\sigma(W_oh^{(t-1)}", nth), lambda c: v(c, "o"),
          lambda c: (mm(sig(pre(c, "o")), v(c, "h")), ew(v(c, "o"), np.tanh(v(c, "c")))))
    R(L("$$i^{(t)} = \\sigma(W_ih^{(t-1)} + U_ix^{(t)} + b_i)$$"), lambda c: v(c, "i"), lambda c: sig(pre(c, "i")))
    R(L("$$a^{(t)} =tanh("), lambda c: v(c, "g"), lambda c: np.tanh(pre(c, "g")))
    # i^{(t)} = sigma(...) a^{(t)} = tanh(...): two displays joined by the copy
    R(L("b_i)a^{(t)} = tanh("), lambda c: v(c, "i"),
      lambda c: (mm(sig(pre(c, "i")), v(c, "g")), np.tanh(pre(c, "g"))))
    R(L("$$\\hat{y}^{(t)} = \\sigma(Vh^{(t)} + c)$$"), lambda c: v(c, "yhat"),
      lambda c: sig(mm(P["V"], v(c, "h")) + col(P["c"])))
    # definitions of the deltas (totals)
    R(L("$$\\delta_h^{(t)} = \\frac{\\partial L}{\\partial h^{(t)}}$$"), g("h"), lambda c: col(c.g("h", t)))
    R(L("$$\\delta_C^{(t)} = \\frac{\\partial L}{\\partial C^{(t)}}$$"), g("c"), lambda c: col(c.g("c", t)))
    dtanh2 = lambda c, s: 1 - np.tanh(v(c, "c", s)) ** 2
    yT = lambda s: col(mod.ytarget[s])
    # last position tau = T
    R(L("$$\\delta_h^{(\\tau)} ="), g("h", T),
      lambda c: (mm(col(c.g("o", T)), c.jac("o", T, ("h", T), (H,))),         # o = the output gate
                 mm(P["V"].T, v(c, "yhat", T) - yT(T))))
    R(L("$$\\delta_C^{(\\tau)} ="), g("c", T),
      lambda c: (mm(col(c.g("h", T)), c.jac("h", T, ("c:h", T), (H,))),
                 ew(g("h", T)(c), v(c, "o", T), dtanh2(c, T))))
    # general step t
    R(L("$$\\delta_h^{(t)} =\\frac{\\partial L}{\\partial o^{(t)}}"), g("h"),
      lambda c: (add(mm(col(c.g("o", t)), c.jac("o", t, ("h", t), (H,))),
                     mm(col(c.g("h", t + 1)), c.jac("h", t + 1, ("hin", t + 1), (H,)))),
                 _undefined("W (no plain W in the LSTM post) and delta^{(t+1)} (no subscript) are not defined")))
    R(L("$$\\delta_C^{(t)} =\\frac{\\partial L}{\\partial C^{(t+1)}}"), g("c"),
      lambda c: (add(mm(col(c.g("c", t + 1)), c.jac("c", t + 1, ("cin", t + 1), (H,))),
                     mm(col(c.g("h", t)), c.jac("h", t, ("c:h", t), (H,)))),
                 add(ew(g("c", t + 1)(c), v(c, "f", t + 1)), ew(g("h")(c), v(c, "o"), dtanh2(c, t)))))
    # dL/dW_f (author's W_f = core U_f): sum_t dL/dC dC/df df/dW_f = delta_C (.) C^{(t-1)} (.) f(1-f) h^T
    R(L("$$\\frac{\\partial L}{\\partial W_f} ="), lambda c: c.gp("Uf"),
      lambda c: (sum(mm(mm(col(c.g("c", s)), np.diag(c.v("c", s - 1))), np.eye(H)) for s in range(1, T + 1)),
                 mm(ew(g("c")(c), v(c, "c", t - 1), mm(v(c, "f"), 1 - v(c, "f"))), v(c, "h", t - 1).T)))


def _undefined(what):
    raise IllTyped(what)
