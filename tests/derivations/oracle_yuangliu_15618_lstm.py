"""Oracle rules of yuangliu_15618_lstm (lstm.tex of a CMU 15-618 course project): column vectors, subscript
time, biases, h_0 = c_0 = 0; c'_t the candidate (core g), hats pre-activations (core z*).  delta q is the error
signal -dE/dq of E = 1/2 sum ||target_t - h_t||^2: the oracle's linear loss L stands for -E with
R_t = target_t - h_t (every row is first order, so this is exact); target_t := h_t + R_t."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, sig

SID = "yuangliu_15618_lstm"


@source
def _yuangliu(M):
    m, t = "yuangliu_lstm", 3
    M[m] = Model("lstm", I=2, H=3, T=4, seed=83, bias=True, zero_init=True)
    P = M[m].P
    T = M[m].T
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))
    g = lambda n, s=t: (lambda c: col(c.g(n, s)))
    x = lambda c: v(c, "x")
    hp = lambda c: v(c, "h", t - 1)
    pre = lambda c, k: mm(P["W" + k], x(c)) + mm(P["U" + k], hp(c)) + col(P["b" + k])
    # forward (lines 11-16)
    R(11, lambda c: v(c, "f"), lambda c: sig(pre(c, "f")))
    R(12, lambda c: v(c, "i"), lambda c: sig(pre(c, "i")))
    R(13, lambda c: v(c, "o"), lambda c: sig(pre(c, "o")))
    R(14, lambda c: v(c, "g"), lambda c: np.tanh(pre(c, "g")))
    R(15, lambda c: v(c, "c"), lambda c: add(ew(v(c, "f"), v(c, "c", t - 1)), ew(v(c, "i"), v(c, "g"))))
    R(16, lambda c: v(c, "h"), lambda c: ew(v(c, "o"), np.tanh(v(c, "c"))))
    # backward: delta h_t += target_t - h_t, after delta h_t = what step t+1 sent back (line 51)
    target = lambda c: add(v(c, "h"), col(c.gout(t)))
    R(35, g("h"), lambda c: add(col(c.gin("h", t + 1)), target(c) - v(c, "h")))
    R(36, g("o"), lambda c: ew(g("h")(c), np.tanh(v(c, "c"))))
    R(37, g("c"), lambda c: add(col(c.gin("c", t + 1)), ew(g("h")(c), v(c, "o"), 1 - np.tanh(v(c, "c")) ** 2)))
    R(38, g("i"), lambda c: ew(g("c")(c), v(c, "g")))
    R(39, g("f"), lambda c: ew(g("c")(c), v(c, "c", t - 1)))
    R(40, g("g"), lambda c: ew(g("c")(c), v(c, "i")))
    R(41, lambda c: col(c.gin("c", t)), lambda c: ew(g("c")(c), v(c, "f")))
    R(42, g("zi"), lambda c: ew(g("c")(c), v(c, "g")))                    # published error: no sigma'
    R(43, g("zf"), lambda c: ew(g("c")(c), v(c, "c", t - 1)))             # published error: no sigma'
    R(44, g("zg"), lambda c: ew(g("g")(c), 1 - v(c, "g") ** 2))
    for line, k in ((45, "i"), (46, "f"), (47, "o")):
        R(line, g("z" + k), lambda c, k=k: ew(g(k)(c), v(c, k), 1 - v(c, k)))
    gates = "ifog"                                                        # W_{i,f,o,c}: one row per gate
    R(48, lambda c: np.vstack([c.gps("W" + k, t) for k in gates]),
      lambda c: np.vstack([mm(g("z" + k)(c), x(c).T) for k in gates]))
    R(49, lambda c: np.vstack([c.gps("U" + k, t) for k in gates]),
      lambda c: np.vstack([mm(g("z" + k)(c), hp(c).T) for k in gates]))
    R(50, lambda c: np.vstack([col(c.gps("b" + k, t)) for k in gates]),
      lambda c: np.vstack([g("z" + k)(c) for k in gates]))
    R(51, lambda c: col(c.gin("h", t)), lambda c: add(*[mm(P["U" + k].T, g("z" + k)(c)) for k in gates]))
    # the accumulators' start: nothing reaches h_T, c_T from beyond the last step
    R(54, lambda c: col(c.gin("h", T + 1)), lambda c: np.zeros((M[m].H, 1)))
    R(55, lambda c: col(c.gin("c", T + 1)), lambda c: np.zeros((M[m].H, 1)))
