"""Oracle rules of bishop_lstm_greff_peephole (reading notes restating Greff et al. 2017, Section II: the vanilla
LSTM with peepholes).  Column vectors, superscript time; W_* (N x M) on x^t, R_* (N x N) on y^{t-1}, peepholes
p_i, p_f on c^{t-1} and p_o on c^t, biases b_*; g = h = tanh, sigma the logistic gate function.  The author's
'\\ dot\\ ' is the point-wise product and o'(.) the gate function's derivative sigma'(.) (used for the three
sigmoid gates, g' for the block input).  delta q^t = dL/dq^t (totals), Delta^t the loss gradient reaching y^t
directly (the layer above; here a linear loss sum_t R_t . y^t).  Oracle: N = 3 blocks, M = 2 inputs, T = 4,
equations at t = 3, y^0 and c^0 random."""
import numpy as np

from oracle import rule, source, add, ew, mm, col, sig, dsig, dtanh, perturbers

SID = "bishop_lstm_greff_peephole"


class GreffModel:
    """Greff et al.'s vanilla LSTM (peepholes, output activation h) with perturbation hooks as oracle.Model."""

    def __init__(self, I=2, H=3, T=4, seed=0):
        self.I, self.H, self.T = I, H, T
        rng = np.random.default_rng(seed)
        P = {}
        for k in "zifo":
            P["W" + k] = rng.normal(0, 0.6, (H, I))
            P["R" + k] = rng.normal(0, 0.6, (H, H))
            P["b" + k] = rng.normal(0, 0.3, H)
        for k in "ifo":
            P["p" + k] = rng.normal(0, 0.6, H)
        self.P = P
        self.xs = {t: rng.normal(0, 1, I) for t in range(1, T + 1)}
        self.h0 = rng.normal(0, 0.5, H)
        self.c0 = rng.normal(0, 0.5, H)
        self.R = {t: rng.normal(0, 1, H) for t in range(1, T + 1)}

    def forward(self, pert=None):
        pert = pert or {}

        pv, par = perturbers(pert, self.P)

        vals = {("y", 0): self.h0.copy(), ("c", 0): self.c0.copy()}
        L = 0.0
        y, c = self.h0, self.c0
        for t in range(1, self.T + 1):
            x = pv("x", t, self.xs[t])
            vals[("x", t)] = x
            yin = pv("yin", t, y)
            cin = pv("cin", t, c)
            pre = lambda k: par("W" + k, t) @ x + par("R" + k, t) @ yin + par("b" + k, t)
            zb = pv("zbar", t, pre("z")); z = pv("z", t, np.tanh(zb))
            ib = pv("ibar", t, pre("i") + par("pi", t) * cin); i = pv("i", t, sig(ib))
            fb = pv("fbar", t, pre("f") + par("pf", t) * cin); f = pv("f", t, sig(fb))
            cn = pv("c", t, z * i + cin * f)
            ob = pv("obar", t, pre("o") + par("po", t) * cn); o = pv("o", t, sig(ob))
            yn = pv("y", t, np.tanh(cn) * o)
            for n, v in (("zbar", zb), ("z", z), ("ibar", ib), ("i", i), ("fbar", fb), ("f", f), ("c", cn),
                         ("obar", ob), ("o", o), ("y", yn)):
                vals[(n, t)] = v
            L += self.R[t] @ pv("hout", t, yn)
            y, c = yn, cn
        return L, vals


@source
def _bishop(M):
    m, t = "bishop_greff", 3
    M[m] = GreffModel(seed=211)
    P = M[m].P
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))
    g = lambda n, s=t: (lambda c: col(c.g(n, s)))
    x = lambda c: v(c, "x")
    yp = lambda c: v(c, "y", t - 1)
    cp = lambda c: v(c, "c", t - 1)
    pre = lambda c, k: mm(P["W" + k], x(c)) + mm(P["R" + k], yp(c)) + col(P["b" + k])
    p = lambda k: col(P["p" + k])
    # forward (lines 23-42)
    R(23, lambda c: v(c, "zbar"), lambda c: pre(c, "z"))
    R(24, lambda c: v(c, "z"), lambda c: np.tanh(v(c, "zbar")))
    R(26, lambda c: v(c, "ibar"), lambda c: add(pre(c, "i"), ew(p("i"), cp(c))))
    R(27, lambda c: v(c, "i"), lambda c: sig(v(c, "ibar")))
    R(29, lambda c: v(c, "fbar"), lambda c: add(pre(c, "f"), ew(p("f"), cp(c))))
    R(30, lambda c: v(c, "f"), lambda c: sig(v(c, "fbar")))
    R(32, lambda c: v(c, "c"), lambda c: add(ew(v(c, "z"), v(c, "i")), ew(cp(c), v(c, "f"))))
    R(33, lambda c: v(c, "obar"), lambda c: add(pre(c, "o"), ew(p("o"), v(c, "c"))))
    R(34, lambda c: v(c, "o"), lambda c: sig(v(c, "obar")))
    R(36, lambda c: v(c, "y"), lambda c: ew(np.tanh(v(c, "c")), v(c, "o")))
    # sigma(x) = 1/(1+e^{-x}) and g(x) = h(x) = tanh(x), evaluated at this step's pre-activations
    R(40, lambda c: sig(v(c, "ibar")), lambda c: 1.0 / (1.0 + np.exp(-v(c, "ibar"))))
    R(42, lambda c: np.tanh(v(c, "zbar")), lambda c: (np.tanh(v(c, "zbar")), np.tanh(v(c, "zbar"))))
    # backward: delta q = dL/dq (totals), Delta^t = dL/dy^t through the layer above only
    Delta = lambda c: col(c.gout(t))
    # 44: the recurrent terms use delta z, delta i, delta f, delta o (dL/d of the activations, as printed)
    R(44, g("y"), lambda c: add(Delta(c), mm(P["Rz"].T, g("z", t + 1)(c)), mm(P["Ri"].T, g("i", t + 1)(c)),
                                mm(P["Rf"].T, g("f", t + 1)(c)), mm(P["Ro"].T, g("o", t + 1)(c))))
    R(45, g("obar"), lambda c: ew(g("y")(c), np.tanh(v(c, "c")), dsig(v(c, "obar"))))
    R(46, g("c"), lambda c: add(ew(g("y")(c), v(c, "o"), dtanh(v(c, "c"))), ew(p("o"), g("obar")(c)),
                                ew(p("i"), g("ibar", t + 1)(c)), ew(p("f"), g("fbar", t + 1)(c)),
                                ew(g("c", t + 1)(c), v(c, "f", t + 1))))
    R(47, g("fbar"), lambda c: ew(g("c")(c), cp(c), dsig(v(c, "fbar"))))
    R(48, g("ibar"), lambda c: ew(g("c")(c), v(c, "z"), dsig(v(c, "ibar"))))
    R(49, g("zbar"), lambda c: ew(g("c")(c), v(c, "i"), dtanh(v(c, "zbar"))))
    R(52, g("x"), lambda c: add(*[mm(P["W" + k].T, g(k + "bar")(c)) for k in "zifo"]))
