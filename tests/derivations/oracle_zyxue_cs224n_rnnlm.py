"""Oracle rules of zyxue_cs224n_rnnlm (Z. Xue's written answers to CS224n 2017 Assignment 2, q3: the RNN
language model).  ROW vectors, weights on the right: e^{(t)} = x^{(t)} L (x one-hot 1 x |V|, L |V| x d),
z_1 = h^{(t-1)} H + e^{(t)} I + b_1, h = sigmoid(z_1), z_2 = h U + b_2, y_hat = softmax(z_2), J^{(t)} the
cross-entropy of step t.  The derivation differentiates ONE step's loss J^{(t)}: the model's loss is J^{(t)} at
t = 3 (of T = 4), the rows of (c) look one step back (t - 1 = 2, t - 2 = 1).  Core mapping: author's I = core
Wa^T (d x D_h), H = core Ua^T, b_1 = core ba, U = core V^T (D_h x |V|), b_2 = core c; |V| = 4, d = 2, D_h = 3
(all different, so the stated dimensions of the \\underset annotations can be checked).  Gradients are rows
(the author's layout), Jacobians d(row)/d(row) are numerator-layout matrices, d z_1 / d I and d z_1 / d H
third-order tensors (z_1 index first) contracted with the row in front of them.  L_x^{(t)} is the row of L
looked up at step t (= e^{(t)}; the words of the sequence are distinct)."""
import numpy as np

from oracle import Model, rule, source, mm, ew, add, row, col, sig, softmax, onehot, diag, IllTyped, undefined, perturbers

SID = "zyxue_cs224n_rnnlm"


class RNNLM(Model):
    """Sigmoid RNN language model in row-vector form; the loss is J^{(tl)} only."""

    def __init__(self, seed, tl):
        Model.__init__(self, "rnn", I=2, H=3, T=4, seed=seed, head="softmax", V=4)
        rng = np.random.default_rng(seed + 1)
        self.tl = tl
        self.L = rng.normal(0, 1, (self.V, self.I))
        self.w = {1: 0, 2: 2, 3: 1, 4: 3}                  # word index of x^{(t)}
        self.xs = {t: self.L[self.w[t]].copy() for t in range(1, self.T + 1)}

    def forward(self, pert=None):
        pert = pert or {}

        pv, par = perturbers(pert, self.P)

        vals = {("h", 0): self.h0.copy()}
        h, L = self.h0, 0.0
        for t in range(1, self.T + 1):
            e = pv("x", t, self.xs[t])
            vals[("x", t)] = e
            hin = pv("hin", t, h)
            a = pv("a", t, par("Wa", t) @ e + par("Ua", t) @ hin + par("ba", t))
            vals[("a", t)] = a
            hn = pv("h", t, sig(a))
            vals[("h", t)] = hn
            z2 = pv("logit", t, par("V", t) @ pv("hout", t, hn) + par("c", t))
            vals[("logit", t)] = z2
            p = softmax(z2)
            vals[("yhat", t)] = p
            lt = -np.log(p[self.y[t]])
            vals[("l", t)] = np.array([lt])
            if t == self.tl:
                L += lt
            h = hn
        return L, vals


def stated(val, shape, what):
    """An \\underset{r x c}{...} annotation: the stated dimension must be the value's."""
    val = np.asarray(val)
    if val.shape != shape:
        raise IllTyped("%s is stated %s but is %s" % (what, shape, val.shape))
    return val


@source
def _zyxue(M):
    m, t = "zyxue_rnnlm", 3
    mod = RNNLM(seed=101, tl=t)
    M[m] = mod
    P, H, d, nV = mod.P, mod.H, mod.I, mod.V
    I_, H_, U_ = P["Wa"].T, P["Ua"].T, P["V"].T                 # author's I (d x D_h), H (D_h x D_h), U (D_h x |V|)
    b1, b2 = row(P["ba"]), row(P["c"])
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    r = lambda c, n, s: row(c.v(n, s))
    x = lambda s: row(onehot(nV, mod.w[s]))
    y = lambda s: row(onehot(nV, mod.y[s]))
    k = mod.y[t]
    # true gradients (rows) of J^{(t)}
    gz2 = lambda c: row(c.g("logit", t))
    gz1 = lambda c, s=t: row(c.g("a", s))
    ge = lambda c, s=t: row(c.g("x", s))
    gh = lambda c, s: row(c.g("h", s))
    # Jacobians (numerator layout) and tensors
    Jz2h = lambda c: c.jac("logit", t, ("hout", t), (H,))                    # |V| x D_h
    Jz2b2 = lambda c: c.jac("logit", t, ("P:c", t), (nV,))                   # |V| x |V|
    Jhz1 = lambda c, s=t: c.jac("h", s, ("a", s), (H,))                      # D_h x D_h
    Jz1e = lambda c, s=t: c.jac("a", s, ("x", s), (d,))                      # D_h x d
    TI = lambda c, s=t: np.transpose(c.jac("a", s, ("P:Wa", s), (H, d)), (0, 2, 1))   # D_h x d x D_h
    TH = lambda c, s=t: np.transpose(c.jac("a", s, ("P:Ua", s), (H, H)), (0, 2, 1))   # D_h x D_h x D_h
    contract = lambda g, T_: np.einsum("p,pij->ij", g.ravel(), T_)
    dsg = lambda c, s: diag(c.v("h", s) * (1 - c.v("h", s)))                # diag{h o (1 - h)}
    delta2 = lambda c: add(r(c, "yhat", t), -y(t))
    delta1 = lambda c: mm(mm(delta2(c), U_.T), dsg(c, t))
    J = lambda c: c.v("l", t)

    # forward (three copies: lines 20-23, 47-50, 82-85)
    for base in (20, 47, 82):
        R(base, lambda c: r(c, "x", t), lambda c: mm(x(t), mod.L))
        R(base + 1, lambda c: r(c, "h", t),
          lambda c: (sig(r(c, "a", t)), sig(add(mm(r(c, "h", t - 1), H_), mm(r(c, "x", t), I_), b1))))
        R(base + 2, lambda c: r(c, "yhat", t),
          lambda c: (row(softmax(c.v("logit", t))), row(softmax(add(mm(r(c, "h", t), U_), b2).ravel()))))
        R(base + 3, J, lambda c: (-mm(y(t), np.log(r(c, "yhat", t)).T).ravel(),     # CE(y, y_hat)
                                   mm(y(t), np.log(r(c, "yhat", t)).T).ravel()))     # no minus
    # (a) cross-entropy and perplexity; the "1{j=k}" links keep j free (one value per j)
    lg = lambda c: np.log(c.v("yhat", t))
    ind = (np.arange(nV) == k).astype(float)
    R(32, J, lambda c: -np.array([float(y(t).ravel() @ lg(c))]))
    R(33, J, lambda c: -ind * y(t).ravel() * lg(c))
    R(34, J, lambda c: -np.array([lg(c)[k]]))
    R(35, J, lambda c: np.array([np.log(1 / c.v("yhat", t)[k])]))
    PP = lambda c: np.array([1 / c.v("yhat", t)[k]])            # the perplexity of step t
    R(40, PP, lambda c: np.array([1 / float(y(t).ravel() @ c.v("yhat", t))]))
    R(41, PP, lambda c: np.array([1 / q if q else np.inf for q in ind * y(t).ravel() * c.v("yhat", t)]))
    R(42, PP, lambda c: np.array([1 / c.v("yhat", t)[k]]))
    R(43, PP, lambda c: np.exp(J(c)))
    # (b)
    R(53, lambda c: row(c.gp("c")),
      lambda c: (stated(row(c.gp("c")), (1, H), "dJ/db_2"), mm(gz2(c), Jz2b2(c)), delta2(c)))
    R(58, lambda c: ge(c), lambda c: ge(c))
    R(59, lambda c: ge(c), lambda c: mm(mm(mm(gz2(c), Jz2h(c)), Jhz1(c)), Jz1e(c)))
    R(60, lambda c: ge(c), lambda c: mm(mm(mm(delta2(c), U_.T), dsg(c, t)), I_.T))
    R(64, gz2, lambda c: (gz2(c), delta2(c)))
    R(65, gz1, lambda c: (gz1(c), delta1(c)))
    R(71, lambda c: c.gps("Wa", t).T, lambda c: (contract(gz1(c), TI(c)), mm(r(c, "x", t).T, delta1(c))))
    R(72, lambda c: c.gps("Ua", t).T, lambda c: (contract(gz1(c), TH(c)), mm(r(c, "h", t - 1).T, delta1(c))))
    R(73, lambda c: gh(c, t - 1), lambda c: mm(delta1(c), H_.T))
    # (c)
    R(88, lambda c: dsg(c, t - 1), lambda c: diag(c.v("h", t - 1) * (1 - c.v("h", t - 1))))
    sigma1 = undefined("\\sigma_1^{(t)} is not defined (\\delta_1^{(t)} is meant)")
    chain1 = lambda c: mm(gh(c, t - 1), Jhz1(c, t - 1))                 # dJ/dh^{(t-1)} dh^{(t-1)}/dz_1^{(t-1)}
    R(90, lambda c: ge(c, t - 1),
      lambda c: (ge(c, t - 1), mm(chain1(c), Jz1e(c, t - 1)),
                 mm(mm(mm(sigma1(c), H_.T), dsg(c, t - 1)), I_.T)))
    R(91, lambda c: c.gps("Wa", t - 1).T,
      lambda c: (contract(chain1(c), TI(c, t - 1)),
                 mm(r(c, "x", t - 1).T, mm(mm(sigma1(c), H_.T), dsg(c, t - 1)))))
    R(92, lambda c: c.gps("Ua", t - 1).T,
      lambda c: (contract(chain1(c), TH(c, t - 1)),
                 mm(stated(r(c, "h", t - 2).T, (d, 1), "(h^{(t-2)})^T"), mm(mm(sigma1(c), H_.T), dsg(c, t - 1)))))
    R(97, lambda c: gh(c, t - 1), lambda c: (gh(c, t - 1), mm(delta1(c), H_.T)))
