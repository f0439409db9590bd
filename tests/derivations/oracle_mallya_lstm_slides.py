"""Oracle rules of mallya_lstm_slides (A. Mallya's LSTM slides, 2016 text): column vectors, superscript
time, no biases (x^t includes the bias term), a^t the candidate (core g), hats pre-activations, the
block matrix W = [[W_c U_c]; [W_i U_i]; [W_f U_f]; [W_o U_o]] on I^t = [x^t; h^{t-1}].  E: linear loss."""
import numpy as np

from oracle import Model, IllTyped, rule, source, undefined, add, ew, mm, col, line_finder

SID = "mallya_lstm_slides"


def finder():
    return line_finder(SID)


@source
def _mallya(M):
    m, t = "mallya_lstm", 3
    M[m] = Model("lstm", I=2, H=3, T=4, seed=61, bias=False)
    P = M[m].P
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    order = "gifo"                                          # a, i, f, o
    W = np.vstack([np.hstack([P["W" + k], P["U" + k]]) for k in order])
    v = lambda c, n, s=t: col(c.v(n, s))
    g = lambda n, s=t: (lambda c: col(c.g(n, s)))
    I = lambda c: np.vstack([v(c, "x"), v(c, "h", t - 1)])
    zt = lambda c: np.vstack([v(c, "z" + k) for k in order])
    dz = lambda c: np.vstack([col(c.g("z" + k, t)) for k in order])
    gate = lambda k, act: (lambda c: act(P["W" + k] @ c.v("x", t) + P["U" + k] @ c.v("h", t - 1)))
    sigm = lambda u: 1.0 / (1.0 + np.exp(-u))
    # forward
    for frag, k, name, act in (("a^t &= \\tanh", "g", "g", np.tanh), ("i^t &= \\sigma", "i", "i", sigm),
                               ("f^t &= \\sigma", "f", "f", sigm), ("o^t &= \\sigma", "o", "o", sigm)):
        R(L(frag), (lambda n: lambda c: v(c, n))(name),
          (lambda k, act: lambda c: (col(gate(k, act)(c)), col(act(c.v("z" + k, t)))))(k, act))
    R(L("z^t = \\begin{bmatrix}"), zt, lambda c: (zt(c), mm(W, I(c))))
    R(L("&= W \\times I^t"), zt, lambda c: mm(W, I(c)))
    R(L("$$ c^t = i^t"), g("c") if False else (lambda c: v(c, "c")),
      lambda c: add(ew(v(c, "i"), v(c, "g")), ew(v(c, "f"), v(c, "c", t - 1))))
    R(L("$$ h^t = o^t"), lambda c: v(c, "h"), lambda c: ew(v(c, "o"), np.tanh(v(c, "c"))))
    R(L("\\text{Forward Pass: } h^t"), lambda c: v(c, "h"), lambda c: ew(v(c, "o"), np.tanh(v(c, "c"))))
    R(L("\\text{Given } \\delta h^t"), g("h"), g("h"))
    # backward: output
    R(L("\\frac{\\partial E}{\\partial o^t_i} &="), g("o"), lambda c: ew(g("h")(c), np.tanh(v(c, "c"))))
    R(L("&= \\delta h^t_i \\cdot \\tanh(c^t_i)"), g("o"), lambda c: ew(g("h")(c), np.tanh(v(c, "c"))))
    R(L("\\therefore \\delta o^t"), g("o"), lambda c: ew(g("h")(c), np.tanh(v(c, "c"))))
    via_h = lambda c: col(c.gh("c:h", t))          # dE/dc^t along the path through h^t only
    incr = lambda c: ew(g("h")(c), v(c, "o"), 1 - np.tanh(v(c, "c")) ** 2)
    R(L("\\frac{\\partial E}{\\partial c^t_i} &= \\frac{\\partial E}{\\partial h^t_i}"), via_h, incr)
    R(L("&= \\delta h^t_i \\cdot o^t_i"), via_h, incr)
    # += : before the row delta c^t holds what step t+1 sent back, after it the total dE/dc^t
    R(L("\\therefore \\delta c^t & \\color{red}+="), g("c"), lambda c: add(col(c.gin("c", t + 1)), incr(c)))
    # backward: cell update
    R(L("\\text{Forward Pass: } c^t"), lambda c: v(c, "c"),
      lambda c: add(ew(v(c, "i"), v(c, "g")), ew(v(c, "f"), v(c, "c", t - 1))))
    R(L("\\text{Given } \\delta c^t"), g("c"), g("c"))
    for name, other, sym in (("i", "g", "i"), ("f", None, "f"), ("g", "i", "a")):
        loc = (lambda other: (lambda c: v(c, other) if other else v(c, "c", t - 1)))(other)
        rhs = (lambda loc: lambda c: ew(g("c")(c), loc(c)))(loc)
        R(L("\\frac{\\partial E}{\\partial %s^t_i} &=" % sym), g(name), rhs)
        R(L("&= \\delta c^t_i \\cdot %s" % {"i": "a^t_i", "f": "c^{t-1}_i", "a": "i^t_i"}[sym]), g(name), rhs)
        R(L("\\therefore \\delta %s^t &=" % sym), g(name), rhs)
    dcprev = lambda c: col(c.gin("c", t))          # dE/dc^{t-1} through step t
    R(L("\\frac{\\partial E}{\\partial c^{t-1}_i} &="), dcprev, lambda c: ew(g("c")(c), v(c, "f")))
    R(L("&= \\delta c^t_i \\cdot f^t_i"), dcprev, lambda c: ew(g("c")(c), v(c, "f")))
    R(L("\\therefore \\delta c^{t-1} &="), dcprev, lambda c: ew(g("c")(c), v(c, "f")))
    # backward: gates
    R(L("\\text{Forward Pass: } z^t &= \\begin{bmatrix}"), zt, lambda c: (zt(c), mm(W, I(c))))
    R(L("\\delta \\hat{a}^t &="), g("zg"), lambda c: ew(g("g")(c), 1 - np.tanh(v(c, "g")) ** 2))
    R(L("\\delta \\hat{i}^t &="), g("zi"), lambda c: ew(g("i")(c), v(c, "i"), 1 - v(c, "i")))
    R(L("\\delta \\hat{f}^t &="), g("zf"), lambda c: ew(g("f")(c), v(c, "f"), 1 - v(c, "f")))
    R(L("\\delta \\hat{o}^t &="), g("zo"), lambda c: ew(g("o")(c), v(c, "o"), 1 - v(c, "o")))
    R(L("\\delta z^t &="), dz, lambda c: np.vstack([col(c.g("z" + k, t)) for k in order]))
    R(L("\\text{Forward Pass: } z^t &= W \\times I^t"), zt, lambda c: mm(W, I(c)))
    R(L("\\delta I^t &="), lambda c: np.vstack([col(c.g("x", t)), col(c.gin("h", t))]),
      lambda c: mm(W.T, dz(c)))
    R(L("\\text{As } I^t &="), I, lambda c: np.vstack([v(c, "x"), v(c, "h", t - 1)]))
    R(L("\\delta W^t &="), lambda c: np.vstack([np.hstack([c.gps("W" + k, t), c.gps("U" + k, t)]) for k in order]),
      undefined("X^t is not defined (I^t is)"))
    stepW = lambda c, s: np.vstack([np.hstack([c.gps("W" + k, s), c.gps("U" + k, s)]) for k in order])
    R(L("\\delta W &= \\sum"), lambda c: np.vstack([np.hstack([c.gp("W" + k), c.gp("U" + k)]) for k in order]),
      lambda c: sum(stepW(c, s) for s in range(1, c.T + 1)))
