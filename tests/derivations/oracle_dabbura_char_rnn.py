"""Oracle rules of dabbura_char_rnn (I. Dabbura's "Character-level Language Model" notebook, 2018).
Column vectors, superscript t time: h^t = tanh(W_hh h^{t-1} + W_xh x^t + b), o^t = W_hy h^t + c, softmax
\\widehat{y^t}, cross-entropy L^t, L = sum_t L^t.  The author's W_hh, W_xh, b, W_hy, c are the core Ua, Wa,
ba, V, c; y^t is the one-hot target.  \\cdot (and '.') is the matrix product, * the element-wise product,
read left to right with equal precedence (numpy's @ and *): W^T . g * d = (W^T g) * d.  Rows at step t are
taken at t = 3 (t + 1 = 4 = T exists)."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, softmax, onehot, IllTyped, line_finder

SID = "dabbura_char_rnn"


def finder():
    return line_finder(SID, unique=True)


@source
def _dabbura(M):
    m, t = "dabbura_rnn", 3
    mod = Model("rnn", I=2, H=3, T=4, V=3, seed=91, head="softmax")
    M[m] = mod
    P, T = mod.P, mod.T
    Whh, Wxh, b, Why, cb = P["Ua"], P["Wa"], col(P["ba"]), P["V"], col(P["c"])
    L = finder()
    R = lambda frag, lhs, rhs: rule(SID, L(frag), m, lhs, rhs)
    v = lambda c, n, s: col(c.v(n, s))
    h = lambda c, s: v(c, "h", s)
    x = lambda s: col(mod.xs[s])
    pre = lambda c, s: mm(Whh, h(c, s - 1)) + mm(Wxh, x(s)) + b         # the tanh's argument at step s
    y = lambda s: col(onehot(mod.V, mod.y[s]))                           # the one-hot target y^t
    go = lambda c, s: col(c.g("logit", s))                               # nabla_{o^s} L
    gh = lambda c, s: col(c.g("h", s))                                   # nabla_{h^s} L (total)
    S = lambda f: sum(f(s) for s in range(1, T + 1))

    R("h^t = tanh(W_{hh}h^{t-1}", lambda c: h(c, t), lambda c: np.tanh(pre(c, t)))
    R("o^t = W_{hy}h^{t} + c", lambda c: v(c, "logit", t), lambda c: mm(Why, h(c, t)) + cb)
    # (3): y^t (meant: the softmax output); the denominator's summand has no i: V copies of e^{o^t}
    R("y^t = \\frac{e^{o^t}}", lambda c: v(c, "yhat", t),
      lambda c: np.exp(v(c, "logit", t)) / sum(np.exp(v(c, "logit", t)) for i in range(mod.V)))
    # (4): T_y copies of y^t log yhat^t (most charitable: the product as the dot product)
    R("\\mathcal{L}^t = -\\sum_{i = 1}^{T_y}", lambda c: c.v("l", t),
      lambda c: -sum(mm(y(t).T, np.log(v(c, "yhat", t))).ravel() for i in range(1, T + 1)))
    R("\\mathcal{L} = \\sum_{t = 1}^{T_y}", lambda c: np.array([c.L]),
      lambda c: S(lambda s: np.array([-np.log(c.v("yhat", s)[mod.y[s]])])))
    R("\\nabla_{o^t}\\mathcal{L} = \\widehat{y^t} - y^t", lambda c: go(c, t), lambda c: v(c, "yhat", t) - y(t))
    R("\\nabla_{W_{hy}}\\mathcal{L} = \\sum_t", lambda c: c.gp("V"), lambda c: S(lambda s: mm(go(c, s), h(c, s).T)))
    R("\\nabla_{c}\\mathcal{L} = \\sum_t", lambda c: col(c.gp("c")), lambda c: S(lambda s: go(c, s)))
    # (9): W_hy^T go + (W_hh^T gh_{t+1}) * (1 - tanh(W_hh h^t + W_xh x^{t+1} + b)^2), left to right
    R("\\nabla_{h^t}\\mathcal{L} = W_{hy}^T", lambda c: gh(c, t),
      lambda c: add(mm(Why.T, go(c, t)), ew(mm(Whh.T, gh(c, t + 1)), 1 - np.tanh(pre(c, t + 1)) ** 2)))
    # (10): what step t sends to h^{t-1}; (W_hh^T gh_t) * (1 - tanh(h^t)^2)
    R("\\nabla_{h^{t - 1}}\\mathcal{L} = W_{hh}^T", lambda c: col(c.gin("h", t)),
      lambda c: ew(mm(Whh.T, gh(c, t)), 1 - np.tanh(h(c, t)) ** 2))
    # (11): (W_xh^T gh_t) is I x 1, the tanh' factor H x 1: ill-typed
    R("\\nabla_{x^t}\\mathcal{L} = W_{xh}^T", lambda c: col(c.g("x", t)),
      lambda c: ew(mm(Wxh.T, gh(c, t)), 1 - np.tanh(pre(c, t)) ** 2))
    R("\\nabla_{W_{hh}}\\mathcal{L} = \\sum_t", lambda c: c.gp("Ua"),
      lambda c: S(lambda s: mm(ew(gh(c, s), 1 - np.tanh(pre(c, s)) ** 2), h(c, s - 1).T)))
    R("\\nabla_{W_{xh}}\\mathcal{L} = \\sum_t", lambda c: c.gp("Wa"),
      lambda c: S(lambda s: mm(ew(gh(c, s), 1 - np.tanh(pre(c, s)) ** 2), x(s).T)))
    R("\\nabla_{b}\\mathcal{L} = \\sum_t", lambda c: col(c.gp("ba")),
      lambda c: S(lambda s: ew(gh(c, s), 1 - np.tanh(h(c, s)) ** 2)))
