"""Oracle rules of khkim_rnn_bptt (K. H. Kim's NLP lecture notes, "수식: BPTT").

The notes' abstract RNN h_t = f(x_t, h_{t-1}; psi), y_hat = g(h_T; phi) (many to one) or
y_hat_t = g(h_t; phi) (many to many), theta = {phi, psi}, L = ||y_hat - y|| (Euclidean norm, not
squared) or L = sum_t ||y_hat_t - y_t||, T = 4.  The oracle's f and g: f = tanh(Wa x + Ua h + ba),
psi = (Wa, Ua, ba) flattened; g = V h + c, phi = (V, c) flattened.  Derivatives are Jacobians in
numerator layout (dL/dpsi a 1 x |psi| row), chains multiplied left to right; d h_k / d psi in the sums is
the immediate derivative (h_{k-1} held); prod_{i=t}^{T-1} d h_{i+1}/d h_i in chain order (i = T-1 first).
"""
import numpy as np

from oracle import Model, IllTyped, col, mm, rule, source, perturbers

SID = "khkim_rnn_bptt"
PSI = ("Wa", "Ua", "ba")
PHI = ("V", "c")


class KimRNN(Model):
    """tanh RNN, linear head V h + c, loss ||y_hat - y|| at T (many) = False or summed over t (many = True)."""

    def __init__(self, seed, many):
        Model.__init__(self, "rnn", I=2, H=3, T=4, seed=seed, head="sq", V=3)
        self.many = many

    def forward(self, pert=None):
        pert = pert or {}
        pv, par = perturbers(pert, self.P)
        vals = {("h", 0): self.h0.copy()}
        h, L = self.h0, 0.0
        for t in range(1, self.T + 1):
            x = self.xs[t]
            hin = pv("hin", t, h)
            a = par("Wa", t) @ x + par("Ua", t) @ hin + par("ba", t)
            hn = pv("h", t, np.tanh(a))
            vals[("h", t)] = hn
            if self.many or t == self.T:
                yh = pv("yhat", t, par("V", t) @ pv("hout", t, hn) + par("c", t))
                vals[("yhat", t)] = yh
                L += float(np.linalg.norm(yh - self.yreal[t]))
            h = hn
        return L, vals


def _rules(M, m, many):
    mod = KimRNN(seed=1401 if not many else 1402, many=many)
    M[m] = mod
    P, H, T_ = mod.P, mod.H, mod.T
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s: col(c.v(n, s))
    flat = lambda names: np.concatenate([P[n].ravel() for n in names])

    def jflat(c, q, s, names, step):
        """d q_s / d(names) flattened: the parameters' use in step `step` (0: every step)."""
        return np.concatenate([c.jac(q, s, ("P:" + n, step), P[n].shape).reshape(c.v(q, s).size, -1)
                               for n in names], axis=1)

    gradL = lambda c, names: row(np.concatenate([c.gp(n).ravel() for n in names]))
    dL_dy = lambda c, s: row(c.g("yhat", s))                               # 1 x V
    dy_dh = lambda c, s: c.jac("yhat", s, ("hout", s), (H,))               # V x H
    J = lambda c, j: c.jac("h", j, ("hin", j), (H,))                       # d h_j / d h_{j-1}
    dplus = lambda c, k: jflat(c, "h", k, PSI, k)                          # immediate d h_k / d psi

    def path(c, s, k):
        """dL/dy_s dy_s/dh_s dh_s/dh_{s-1} ... dh_{k+1}/dh_k dh_k/dpsi (chain order)."""
        out = mm(dL_dy(c, s), dy_dh(c, s))
        for j in range(s, k, -1):
            out = mm(out, J(c, j))
        return mm(out, dplus(c, k))

    return mod, R, v, flat, jflat, gradL, dL_dy, path


def row(a):
    return np.asarray(a, dtype=float).reshape(1, -1)


@source
def _khkim_rnn(M):
    t = 3
    # many to one (lines 18-28) and the 'Gradient Vanishing' row (49)
    mod, R, v, flat, jflat, gradL, dL_dy, path = _rules(M, "khkim_m2o", many=False)
    P, T_ = mod.P, mod.T
    R(18, lambda c: v(c, "h", t), lambda c: np.tanh(mm(P["Wa"], col(mod.xs[t])) + mm(P["Ua"], v(c, "h", t - 1)) + col(P["ba"])))
    R(19, lambda c: v(c, "yhat", T_), lambda c: mm(P["V"], v(c, "h", T_)) + col(P["c"]))
    allp = lambda c: flat(sorted(P))
    R(20, allp, lambda c: flat(sorted(PHI + tuple(n for n in P if n not in PHI))))
    R(21, lambda c: np.array(c.L), lambda c: np.array(np.linalg.norm(c.v("yhat", T_) - mod.yreal[T_])))
    R(24, lambda c: np.array(mod.T), lambda c: np.array(4))
    R(25, lambda c: gradL(c, PHI), lambda c: mm(dL_dy(c, T_), jflat(c, "yhat", T_, PHI, T_)))
    R(27, lambda c: gradL(c, PSI), lambda c: path(c, 4, 4) + path(c, 4, 3) + path(c, 4, 2) + path(c, 4, 1))
    R(28, lambda c: gradL(c, PSI), lambda c: sum(path(c, T_, k) for k in range(1, T_ + 1)))
    R(49, lambda c: gradL(c, PSI), lambda c: sum(path(c, T_, k) for k in range(1, T_ + 1)))
    # many to many (lines 33-44)
    mod2, R2, v2, flat2, jflat2, gradL2, dL_dy2, path2 = _rules(M, "khkim_m2m", many=True)
    P2 = mod2.P
    R2(33, lambda c: v2(c, "h", t), lambda c: np.tanh(mm(P2["Wa"], col(mod2.xs[t])) + mm(P2["Ua"], v2(c, "h", t - 1)) + col(P2["ba"])))
    R2(34, lambda c: v2(c, "yhat", t), lambda c: mm(P2["V"], v2(c, "h", t)) + col(P2["c"]))
    R2(35, lambda c: flat2(sorted(P2)), lambda c: flat2(sorted(PHI + tuple(n for n in P2 if n not in PHI))))
    lsum = lambda c: np.array(sum(np.linalg.norm(c.v("yhat", s) - mod2.yreal[s]) for s in range(1, 5)))
    R2(36, lambda c: np.array(c.L), lsum)
    R2(39, lambda c: np.array(mod2.T), lambda c: np.array(4))
    R2(40, lambda c: np.array(c.L), lsum)
    R2(41, lambda c: gradL2(c, PHI), lambda c: sum(mm(dL_dy2(c, s), jflat2(c, "yhat", s, PHI, s)) for s in range(1, 5)))
    R2(43, lambda c: gradL2(c, PSI),
       lambda c: sum(path2(c, s, k) for s, k in ((4, 4), (4, 3), (4, 2), (4, 1), (3, 3), (3, 2), (3, 1), (2, 2), (2, 1), (1, 1))))
    R2(44, lambda c: gradL2(c, PSI), lambda c: sum(path2(c, s, k) for s in range(1, 5) for k in range(1, s + 1)))
