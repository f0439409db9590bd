"""Oracle rules of cs224n_rnn_vanishing_2017 (CS224n Winter 2017 lecture notes, Part V, sections 2-2.1).

Sigmoid RNN without biases: h_t = sigma(W^(hh) h_{t-1} + W^(hx) x_t), \\hat y_t = softmax(W^(S) h_t), cross-entropy
J^(t) against the one-hot y_t; the error E = sum_t E_t with E_t = J^(t) (the notes' E, E_t); W = W^(hh).
Core names: W^(hh) = Ua, W^(hx) = Wa, W^(S) = V (core bias c = 0); the figure's output y_t = 'yhat'.
Jacobians in numerator layout (rows = outputs), chains contracted left to right; d h_k / d W is the immediate
derivative (W perturbed in step k only), a tensor H x H x H.  Products of Jacobians in chain order.

The weights are chosen, not drawn at random: W^(hh) = 0.6 Q diag(1, 0.6, 0.3) Q^T (symmetric positive
definite, Q a random orthogonal matrix), W^(hx) small (sd 0.15), so that the pre-activations stay near 0.
This is an instance of the notes' RNN in which their two norm bounds, which take f' at the state h_{j-1}
instead of at the pre-activation, are violated (by ~7% and ~10%).  Step rows at t = 3, the bounds at
j = 3 and (t, k) = (4, 1); beta_W = ||W^T||_2 and beta_h = the largest ||diag f'(h_{j-1})||_2 over the steps
(the notes: 'the upper bound values for the two matrix norms')."""
import numpy as np

from oracle import Model, Ctx, rule, source, add, ew, mm, col, row, diag, sig, softmax, onehot, undefined, perturbers, line_finder

SID = "cs224n_rnn_vanishing_2017"


def finder():
    return line_finder(SID)


class CS224nRNN(Model):
    def __init__(self, outs, seed=4):
        Model.__init__(self, "rnn", I=2, H=3, T=4, seed=1000 + seed, head="softmax", V=3, bias=False)
        rng = np.random.default_rng(seed)
        H, I = 3, 2
        Q, _ = np.linalg.qr(rng.normal(size=(H, H)))
        self.P["Ua"] = 0.6 * Q @ np.diag([1.0, 0.6, 0.3]) @ Q.T
        self.P["Wa"] = rng.normal(0, 0.15, (H, I))
        self.P["c"] = np.zeros(self.V)
        self.xs = {t: rng.normal(0, 1, I) for t in range(1, self.T + 1)}
        self.h0 = rng.normal(0, 0.5, H)
        self.outs = outs

    def forward(self, pert=None):
        pert = pert or {}

        pv, par = perturbers(pert, self.P)

        vals = {("h", 0): self.h0.copy()}
        h, L = self.h0, 0.0
        for t in range(1, self.T + 1):
            x = pv("x", t, self.xs[t])
            vals[("x", t)] = x
            hin = pv("hin", t, h)
            a = pv("a", t, par("Ua", t) @ hin + par("Wa", t) @ x)
            vals[("a", t)] = a
            hn = pv("h", t, sig(a))
            vals[("h", t)] = hn
            o = pv("logit", t, par("V", t) @ pv("hout", t, hn))
            vals[("logit", t)] = o
            p = pv("yhat", t, softmax(o))
            vals[("yhat", t)] = p
            lt = -float(np.sum(onehot(self.V, self.y[t]) * np.log(p)))
            vals[("l", t)] = np.array([lt])
            if t in self.outs:
                L += lt
            h = hn
        return L, vals


_CTX = {}


@source
def _cs224n(M):
    T, H, C = 4, 3, 3
    M["cs224n_full"] = CS224nRNN(set(range(1, T + 1)))
    for s in range(1, T + 1):
        M["cs224n_E%d" % s] = CS224nRNN({s})
    mod = M["cs224n_full"]
    W, Whx, WS = mod.P["Ua"], mod.P["Wa"], mod.P["V"]
    t = 3
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, "cs224n_full", lhs, rhs)

    def ctx(name):
        if name not in _CTX:
            _CTX[name] = Ctx(M[name])
        return _CTX[name]
    v = lambda c, n, s: col(c.v(n, s))
    y = lambda s: col(onehot(C, mod.y[s]))
    pre = lambda c, s: mm(W, v(c, "h", s - 1)) + mm(Whx, v(c, "x", s))
    J = lambda c, j: c.jac("h", j, ("hin", j), (H,))                     # d h_j / d h_{j-1}
    dhdh = lambda c, tt, k: np.eye(H) if tt == k else c.jac("h", tt, ("h", k), (H,))
    imm = lambda c, k: c.jac("h", k, ("P:Ua", k), (H, H))                 # immediate d h_k / d W
    dEdy = lambda c, s: (-y(s) / v(c, "yhat", s)).T                      # d E_s / d y_s, 1 x C
    dydh = lambda c, s: c.jac("yhat", s, ("hout", s), (H,))              # d y_s / d h_s, C x H
    td = lambda a, b: np.tensordot(np.asarray(a).ravel(), b, axes=1)

    def chain(mats):
        out = np.eye(H)
        for a_ in mats:
            out = mm(out, a_)
        return out
    pj = lambda c, tt, k: chain([J(c, j) for j in range(tt, k, -1)])    # prod_{j=k+1}^{tt}, chain order
    term = lambda c, s, k, mid: td(mm(mm(dEdy(c, s), dydh(c, s)), mid), imm(c, k))

    # forward
    R(L("h_t = \\sigma (W^{(hh)}h_{t-1} + W^{(hx)}x_{[t]})"), lambda c: v(c, "h", t),
      lambda c: sig(pre(c, t)))
    R(L("\\hat{y}_t = softmax(W^{(S)}h_t)"), lambda c: v(c, "yhat", t),
      lambda c: softmax(mm(WS, v(c, "h", t)).ravel()).reshape(-1, 1))
    R(L("$h_t = \\sigma(W^{(hh)} h_{t-1} + W^{(hx)} x_{t})$"), lambda c: v(c, "h", t),
      lambda c: sig(pre(c, t)))
    R(L("$\\hat{y}_t = softmax (W^{(S)}h_t)$"), lambda c: v(c, "yhat", t),
      lambda c: softmax(mm(WS, v(c, "h", t)).ravel()).reshape(-1, 1))
    ce = lambda c, s: -float(np.sum(y(s) * np.log(v(c, "yhat", s))))
    R(L("J^{(t)}(\\theta) = - \\sum_{j=1}^{|V|}"), lambda c: c.v("l", t), lambda c: np.array([ce(c, t)]))
    Jbar = lambda c: np.array([sum(c.v("l", s)[0] for s in range(1, T + 1)) / T])
    R(L("J = \\dfrac{1}{T} \\sum_{t=1}^{T} J^{(t)}(\\theta)"), Jbar,
      lambda c: (np.array([sum(c.v("l", s)[0] for s in range(1, T + 1)) / T]),
                 np.array([-sum(float(np.sum(y(s) * np.log(v(c, "yhat", s)))) for s in range(1, T + 1)) / T])))
    R(L("Perplexity = 2^{J}"), lambda c: 2.0 ** Jbar(c), lambda c: 2.0 ** Jbar(c))
    # backward
    R(L("\\dfrac{\\partial E}{\\partial W} = \\sum_{t=1}^{T}\\dfrac{\\partial E_t}{\\partial W}"),
      lambda c: c.gp("Ua"), lambda c: sum(ctx("cs224n_E%d" % s).gp("Ua") for s in range(1, T + 1)))
    R(L("\\dfrac{\\partial E_t}{\\partial W} = \\sum_{k=1}^{t}"), lambda c: ctx("cs224n_E%d" % t).gp("Ua"),
      lambda c: sum(term(c, t, k, dhdh(c, t, k)) for k in range(1, t + 1)))
    tt, kk = 4, 1
    R(L("\\dfrac{\\partial h_t}{\\partial h_k} = \\prod_{j=k+1}^{t}"), lambda c: dhdh(c, tt, kk),
      lambda c: (pj(c, tt, kk), undefined("j_{j-1} is not defined")(c)))
    j0 = 3
    R(L("\\dfrac{\\partial h_j}{\\partial h_{j-1}} = {[\\dfrac"), lambda c: J(c, j0),
      lambda c: (np.hstack([J(c, j0)[:, i:i + 1] for i in range(H)]),
                 np.array([[J(c, j0)[r, q] for q in range(H)] for r in range(H)])))
    R(L("\\dfrac{\\partial E}{\\partial W} = \\sum_{t=1}^{T}\\sum_{k=1}^{t}"), lambda c: c.gp("Ua"),
      lambda c: sum(term(c, s, k, pj(c, s, k)) for s in range(1, T + 1) for k in range(1, s + 1)))
    # norm bounds (spectral norms), with f' at h_{j-1} as written
    nW = float(np.linalg.norm(W.T, 2))
    nd = lambda c, j: float(np.linalg.norm(diag(sig(v(c, "h", j - 1)) * (1 - sig(v(c, "h", j - 1)))), 2))
    beta_h = lambda c: max(nd(c, j) for j in range(2, T + 1))
    tol = 1 + 1e-9

    def bound1(c):
        lhs = float(np.linalg.norm(J(c, j0), 2))
        ok = lhs <= nW * nd(c, j0) * tol and nW * nd(c, j0) <= nW * beta_h(c) * tol
        return np.array(1.0 if ok else 0.0)
    R(L("\\parallel \\dfrac{\\partial h_j}{\\partial h_{j-1}} \\parallel \\leq"), lambda c: np.array(1.0), bound1)

    def bound2(c):
        a = float(np.linalg.norm(dhdh(c, tt, kk), 2))
        b = float(np.linalg.norm(pj(c, tt, kk), 2))
        ok = abs(a - b) <= 1e-6 * (1 + a) and b <= (nW * beta_h(c)) ** (tt - kk) * tol
        return np.array(1.0 if ok else 0.0)
    R(L("\\parallel \\dfrac{\\partial h_t}{\\partial h_k} \\parallel ="), lambda c: np.array(1.0), bound2)
