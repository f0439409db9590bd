"""Oracle rules of ltrujello_lstm_vanishing (L. Trujello, "Vanishing Gradients in RNNs and LSTMs", 2023, LSTM
sections).  Graves' component notation with one gate unit per cell ("the output size of the gates is H";
iota, phi, omega, c "indexed over 1..H"): a_q^t = sum_i w_{iq} x_i^t + sum_h w_{hq} b_h^{t-1} for the input gate
iota, forget gate phi, output gate omega and cell input c, no biases; b_q = theta(a_q) (theta = sigmoid);
s_c^t = b_phi^t s_c^{t-1} + b_iota^t g(a_c^t), b_c^t = b_omega^t h(s_c^t) (g = h = tanh), element by element;
the output layer of the RNN section a_k^t = sum_h w_{hk} b_h^t, y_k = theta(a_k).  delta_q^t = dL/da_q^t,
epsilon_c^t = dL/db_c^t, zeta_c^t = dL/ds_c^t (totals).  Numeric model: Wx<q>[i, q] = w_{iq}, Wh<q>[h, q] = w_{hq},
Wo[h, k] = w_{hk}; b^0 = s^0 = 0; loss (not stated) 50 sum_t |y^t - z^t|^2.  T = 4, rows at t = 3, the
epsilon^T / epsilon^{T-1} rows at 4 / 3.  Sums over a gate index with a factor that does not depend on it
(\\sum_\\iota w_{c\\iota}\\theta'(a_\\iota) \\sum_{c_1} ...) are evaluated as printed (the inner sum is one number);
a gate output written with an unbound gate index inside \\sum_{c_1} (b_\\omega^{t+1}, b_\\iota^{t+1}) is read as
the gate unit of cell c_1."""
import numpy as np

from oracle import rule, source, sig, dsig, dtanh, perturbers, line_finder

SID = "ltrujello_lstm_vanishing"
GATES = "ifoc"     # iota, phi, omega, c (cell input)


def finder():
    return line_finder(SID)


class TrujelloLSTM:
    def __init__(self, seed, I=2, H=3, K=2, T=4):
        rng = np.random.default_rng(seed)
        self.I, self.H, self.K, self.T = I, H, K, T
        P = {}
        for q in GATES:
            P["Wx" + q] = rng.normal(0, 1.5, (I, H))
            P["Wh" + q] = rng.normal(0, 1.5, (H, H))
        P["Wo"] = rng.normal(0, 1.5, (H, K))
        self.P = P
        self.xs = {t: rng.normal(0, 1, I) for t in range(1, T + 1)}
        self.z = {t: rng.uniform(0, 1, K) for t in range(1, T + 1)}

    def forward(self, pert=None):
        pv, par = perturbers(pert or {}, self.P)
        b, s = np.zeros(self.H), np.zeros(self.H)
        vals = {("b", 0): b, ("s", 0): s}
        L = 0.0
        for t in range(1, self.T + 1):
            x = self.xs[t]
            for q in GATES:
                vals[("a" + q, t)] = pv("a" + q, t, par("Wx" + q, t).T @ x + par("Wh" + q, t).T @ b)
            for q in "ifo":
                vals[("b" + q, t)] = sig(vals[("a" + q, t)])
            s = pv("s", t, vals[("bf", t)] * s + vals[("bi", t)] * np.tanh(vals[("ac", t)]))
            b = pv("b", t, vals[("bo", t)] * np.tanh(s))
            ak = pv("ak", t, par("Wo", t).T @ b)
            y = sig(ak)
            vals[("s", t)], vals[("b", t)], vals[("ak", t)], vals[("y", t)] = s, b, ak, y
            L += 50.0 * float(np.sum((y - self.z[t]) ** 2))
        return L, vals


@source
def _ltrujello_lstm(M):
    m = "ltrujello_lstm"
    M[m] = TrujelloLSTM(seed=2311)
    mod = M[m]
    P = mod.P
    Wo = P["Wo"]
    Wh = {q: P["Wh" + q] for q in GATES}
    Wx = {q: P["Wx" + q] for q in GATES}
    T = mod.T
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, t: c.v(n, t)
    eps = lambda c, t: c.g("b", t)              # epsilon_c^t
    zeta = lambda c, t: c.g("s", t)             # zeta_c^t
    dl = lambda c, q, t: c.g("a" + q, t)        # delta_q^t
    dk = lambda c, t: c.g("ak", t)              # delta_k^t
    t = 3
    # output layer (repeated from the RNN section)
    R(L("a_k^{t} &= \\sum"), lambda c: v(c, "ak", t), lambda c: Wo.T @ v(c, "b", t))
    R(L("y_k^{t} &= \\theta"), lambda c: v(c, "y", t), lambda c: sig(v(c, "ak", t)))
    # gates and cell
    for q, name in (("i", "\\iota"), ("f", "\\phi"), ("o", "\\omega"), ("c", "c")):
        R(L("a_{%s}^{t} &= \\sum" % name), (lambda q: lambda c: v(c, "a" + q, t))(q),
          (lambda q: lambda c: Wx[q].T @ c.v("x", t) + Wh[q].T @ v(c, "b", t - 1))(q))
        if q != "c":
            R(L("b_{%s}^{t} &= \\theta" % name), (lambda q: lambda c: sig(v(c, "a" + q, t)))(q),
              (lambda q: lambda c: v(c, "b" + q, t))(q))
    R(L("s_{c}^{t} &= b_{\\phi}"), lambda c: v(c, "s", t),
      lambda c: v(c, "bf", t) * v(c, "s", t - 1) + v(c, "bi", t) * np.tanh(v(c, "ac", t)))
    R(L("b_{c}^{t} = b_{\\omega}"), lambda c: v(c, "b", t), lambda c: v(c, "bo", t) * np.tanh(v(c, "s", t)))
    # the three definitions (one display)
    R(L("\\delta_i^{t} = \\frac"), lambda c: np.concatenate([dl(c, "i", t), eps(c, t), zeta(c, t)]),
      lambda c: np.concatenate([c.g("ai", t), c.g("b", t), c.g("s", t)]))
    # epsilon (delta_c^{t+1} where delta_{c'}^{t+1} is meant)
    eps_printed = lambda c, s: (Wo @ dk(c, s) + Wh["i"] @ dl(c, "i", s + 1) + Wh["f"] @ dl(c, "f", s + 1)
                                + Wh["o"] @ dl(c, "o", s + 1) + Wh["c"].sum(axis=1) * dl(c, "c", s + 1))
    R(L("\\epsilon_c^{t} = \\sum_{k = 1}^{K}w_{ck}"), lambda c: eps(c, t), lambda c: eps_printed(c, t))
    R(L("\\delta_{\\omega}^{t} = \\theta'"), lambda c: dl(c, "o", t),
      lambda c: dsig(v(c, "ao", t)) * float(np.sum(np.tanh(v(c, "s", t)) * eps(c, t))))
    R(L("\\zeta_c^{t} = b_{\\omega}^{t}h'"), lambda c: zeta(c, t),
      lambda c: v(c, "bo", t) * dtanh(v(c, "s", t)) * eps(c, t))
    R(L("\\delta_{c}^{t} = b_{\\iota}^{t}g'"), lambda c: dl(c, "c", t),
      lambda c: v(c, "bi", t) * dtanh(v(c, "ac", t)) * zeta(c, t))
    R(L("\\delta_{\\phi}^{t} = \\theta'"), lambda c: dl(c, "f", t),
      lambda c: dsig(v(c, "af", t)) * float(np.sum(v(c, "s", t - 1) * zeta(c, t))))
    R(L("\\delta_{\\iota}^{t} = \\theta'"), lambda c: dl(c, "i", t),
      lambda c: dsig(v(c, "ai", t)) * float(np.sum(np.tanh(v(c, "ac", t)) * zeta(c, t))))
    # the expansions of epsilon_c^t
    R(L("\\epsilon_c^{t} &= \\sum_{k = 1}^{K}w_{ck}\\delta_k^{t} + \\sum_{\\iota=1}^{H}w_{c\\iota}\\delta"),
      lambda c: eps(c, t), lambda c: eps_printed(c, t))
    u = t + 1
    gsum = lambda c, q: Wh[q] @ dsig(v(c, "a" + q, u))          # sum_q w_{cq} theta'(a_q^{t+1}), a vector over c

    def expand(c, z):                                            # z: what the row writes for zeta_{c_1}^{t+1}
        return (Wo @ dk(c, t)
                + gsum(c, "i") * float(np.sum(np.tanh(v(c, "ac", u)) * z))
                + gsum(c, "f") * float(np.sum(v(c, "s", t) * z))
                + gsum(c, "o") * float(np.sum(np.tanh(v(c, "s", u)) * eps(c, u)))
                + Wh["c"] @ (v(c, "bi", u) * dtanh(v(c, "ac", u)) * z))
    R(L("&= \\sum_{k = 1}^{K}w_{ck}\\delta_k^{t} + \\sum_{\\iota=1}^{H}w_{c\\iota} \\cdot"), lambda c: eps(c, t),
      lambda c: expand(c, zeta(c, u)))
    R(L("\\epsilon_c^{t} &= \\sum_{k = 1}^{K}w_{ck}\\delta_k^{t} + \\sum_{\\iota=1}^{H}w_{c\\iota} \\cdot"),
      lambda c: eps(c, t), lambda c: expand(c, v(c, "bo", u) * dtanh(v(c, "s", u)) * eps(c, u)))
    R(L("\\epsilon_{c}^T = \\sum"), lambda c: eps(c, T), lambda c: Wo @ dk(c, T))

    # epsilon_c^{T-1}: read with C = H, w_{ch} = w_{c\iota}, s_{c'}^{t} = s_{c'}^{T-1} (as printed C and w_{ch} are
    # undefined); even so it fails
    def eps_tm1(c):
        e = Wo @ dk(c, T)                                        # sum_k w_{c'k} delta_k^T, a vector over c'
        bo, hp = v(c, "bo", T), dtanh(v(c, "s", T))
        return (Wo @ dk(c, T - 1)
                + (Wh["i"] @ dsig(v(c, "ai", T))) * float(np.sum(np.tanh(v(c, "ac", T)) * bo * hp * e))
                + (Wh["f"] @ dsig(v(c, "af", T))) * float(np.sum(v(c, "s", T - 1) * bo * hp * e))
                + (Wh["o"] @ dsig(v(c, "ao", T))) * float(np.sum(np.tanh(v(c, "s", T)) * e))
                + Wh["c"] @ (bo * hp * e))
    R(L("\\epsilon_c^{T-1} = \\sum"), lambda c: eps(c, T - 1), eps_tm1)
