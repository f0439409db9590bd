"""Oracle rules of ltrujello_rnn_vanishing (L. Trujello, "Vanishing Gradients in RNNs and LSTMs", 2023, RNN
sections).  Graves' component notation: a_h^t = sum_i w_{ih} x_i^t + sum_h' w_{h'h} b_{h'}^{t-1}, b = theta(a),
a_k^t = sum_h w_{hk} b_h^t, y_k = theta(a_k); delta_j^t = dL/da_j^t for hidden and output nodes.  The numeric
model keeps the author's index order: Wx[i, h] = w_{ih}, Wh[h', h] = w_{h'h}, Wo[h, k] = w_{hk}; theta is the
sigmoid (the post leaves it open); b^0 = 0 (the post: "we initialize to the zero vector"); the loss (not
stated) is 50 sum_t |y^t - z^t|^2 (scaled so that the expected failures differ by > 1e-2) with random
targets z^t.  T = 4; rows "at t" are evaluated at t = 3, the
T-1 / T-2 rows at 3 / 2, the general T-n and t rows at n = 2 (t = 2)."""
import numpy as np

from oracle import rule, source, sig, dsig, perturbers, line_finder

SID = "ltrujello_rnn_vanishing"


def finder():
    return line_finder(SID)


class TrujelloRNN:
    """Sigmoid RNN in Graves' notation with a sigmoid output layer and a squared-error loss."""

    def __init__(self, seed, I=2, H=3, K=2, T=4):
        rng = np.random.default_rng(seed)
        self.I, self.H, self.K, self.T = I, H, K, T
        self.P = {"Wx": rng.normal(0, 2.0, (I, H)), "Wh": rng.normal(0, 2.0, (H, H)),
                  "Wo": rng.normal(0, 2.0, (H, K))}
        self.xs = {t: rng.normal(0, 1, I) for t in range(1, T + 1)}
        self.z = {t: rng.uniform(0, 1, K) for t in range(1, T + 1)}

    def forward(self, pert=None):
        pv, par = perturbers(pert or {}, self.P)
        b = np.zeros(self.H)
        vals = {("b", 0): b}
        L = 0.0
        for t in range(1, self.T + 1):
            x = self.xs[t]
            a = pv("a", t, par("Wx", t).T @ x + par("Wh", t).T @ b)
            b = pv("b", t, sig(a))
            ak = pv("ak", t, par("Wo", t).T @ b)
            y = sig(ak)
            vals[("a", t)], vals[("b", t)], vals[("ak", t)], vals[("y", t)] = a, b, ak, y
            L += 50.0 * float(np.sum((y - self.z[t]) ** 2))
        return L, vals


@source
def _ltrujello_rnn(M):
    m = "ltrujello_rnn"
    M[m] = TrujelloRNN(seed=1123)
    mod = M[m]
    P = mod.P
    Wx, Wh, Wo = P["Wx"], P["Wh"], P["Wo"]
    T = mod.T
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    a = lambda c, t: c.v("a", t)
    b = lambda c, t: c.v("b", t)
    d = lambda c, t: c.g("a", t) if t <= T else np.zeros(mod.H)     # delta_j^t (hidden), 0 beyond T
    dk = lambda c, t: c.g("ak", t)                                   # delta_k^t (output)
    th1 = lambda c, t: dsig(a(c, t))                                 # theta'(a_h^t)
    t = 3
    # forward
    R(L("a_h^{t} &= \\sum"), lambda c: a(c, t), lambda c: Wx.T @ c.v("x", t) + Wh.T @ b(c, t - 1))
    R(L("b_h^{t} &= \\theta"), lambda c: b(c, t), lambda c: sig(a(c, t)))
    R(L("a_k^{t} &= \\sum"), lambda c: c.v("ak", t), lambda c: Wo.T @ b(c, t))
    R(L("y_k^{t} &= \\theta"), lambda c: c.v("y", t), lambda c: sig(c.v("ak", t)))
    # weight gradients
    allw = lambda c: np.concatenate([c.gp("Wx").ravel(), c.gp("Wh").ravel(), c.gp("Wo").ravel()])
    gx = lambda c: sum(np.outer(c.v("x", s), d(c, s)) for s in range(1, T + 1))
    gh = lambda c: sum(np.outer(b(c, s - 1), d(c, s)) for s in range(1, T + 1))
    go = lambda c: sum(np.outer(b(c, s), dk(c, s)) for s in range(1, T + 1))
    R(L("\\frac{\\partial a^{t}_j}{\\partial w_{ij}} \\]"), allw,
      lambda c: np.concatenate([gx(c).ravel(), gh(c).ravel(), go(c).ravel()]))
    R(L("\\delta_{j}^{t} = \\frac"), lambda c: d(c, t), lambda c: c.g("a", t))
    R(L("\\delta_j^{t} x_i^{t} \\]"), lambda c: c.gp("Wx"), gx)
    R(L("\\delta_j^{t} b_i^{t-1} \\]"), lambda c: c.gp("Wh"), gh)
    R(L("\\delta_j^{t} b_i^{t} \\]"), lambda c: c.gp("Wo"), go)
    # recurrence and its expansions
    rec = lambda c, s: th1(c, s) * (Wo @ dk(c, s) + Wh @ d(c, s + 1))
    R(L("\\delta^{t}_j = \\theta'"), lambda c: d(c, t), lambda c: rec(c, t))
    R(L("\\delta_j^{T} = \\theta'"), lambda c: d(c, T), lambda c: th1(c, T) * (Wo @ dk(c, T)))
    s1 = T - 1
    R(L("\\delta_j^{T - 1} &="), lambda c: d(c, s1), lambda c: rec(c, s1))
    R(L("\\sum_{h_1 =1}^{H}w_{jh_1}\\theta'(a^T_{h_1})"), lambda c: d(c, s1),
      lambda c: th1(c, s1) * (Wo @ dk(c, s1) + Wh @ (th1(c, T) * (Wo @ dk(c, T)))))
    R(L("&=\\theta'(a^{T-1}_j)"), lambda c: d(c, s1),
      lambda c: th1(c, s1) * (Wo @ dk(c, s1))
      + np.einsum("j,h,jh,hk,k->j", th1(c, s1), th1(c, T), Wh, Wo, dk(c, T)))
    s2 = T - 2
    R(L("\\delta_j^{T - 2} &="), lambda c: d(c, s2), lambda c: rec(c, s2))
    # (row 2) theta'(a^{T-2}_{h_2}) where theta'(a^T_{h_2}) is meant
    R(L("+\\theta'(a^{T-2}_j) \\sum_{h_1 =1}^{H}w_{jh_1} \\left("), lambda c: d(c, s2),
      lambda c: th1(c, s2) * (Wo @ dk(c, s2)) + th1(c, s2) * (Wh @ (
          th1(c, s2 + 1) * (Wo @ dk(c, s2 + 1))
          + np.einsum("a,b,ab,bk,k->a", th1(c, s2 + 1), th1(c, s2), Wh, Wo, dk(c, T)))))
    # (row 3) the middle term lacks w_{jh_1}
    R(L("\\theta'(a^{T-2}_j) \\theta'(a^{T-1}_{h_1}) w_{h_1k}\\delta_k^{T-1} +"), lambda c: d(c, s2),
      lambda c: th1(c, s2) * (Wo @ dk(c, s2))
      + th1(c, s2) * float(np.einsum("h,hk,k->", th1(c, s2 + 1), Wo, dk(c, s2 + 1)))
      + np.einsum("j,a,b,ja,ab,bk,k->j", th1(c, s2), th1(c, s2 + 1), th1(c, T), Wh, Wh, Wo, dk(c, T)))

    # general forms at n = 2 (t = T - n = 2): ell is bound only inside \prod; read as ell = m
    def general(c, s):
        n = T - s
        out = th1(c, s) * (Wo @ dk(c, s))
        acc = 0.0
        for mm_ in range(1, n + 1):
            if mm_ == 1:
                acc += float(np.sum(Wo @ dk(c, s + 1)))                         # sum_{h_1} sum_k w_{h_1 k} delta_k
            elif mm_ == 2:
                acc += float(th1(c, s + 1) @ Wh @ (Wo @ dk(c, s + 2)))          # sum theta'(a_{h_1}) w_{h_1 h_2} ...
        return out + acc
    R(L("\\delta_j^{T - n} &="), lambda c: d(c, 2), lambda c: general(c, 2))
    R(L("\\delta_j^{t} &= \\theta'(a^{t}_j)"), lambda c: d(c, 2), lambda c: general(c, 2))
    R(L("\\kappa(t, m)"), lambda c: d(c, 2), lambda c: general(c, 2))         # kappa names the summand above
