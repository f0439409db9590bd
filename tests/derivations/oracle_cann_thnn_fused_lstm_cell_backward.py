"""Oracle rules of cann_thnn_fused_lstm_cell_backward (Huawei CANN docs of aten::_thnn_fused_lstm_cell_backward,
English version).  One LSTMCell call = step t = 3 of a core LSTM sequence (T = 4, linear loss, batch N = 1):
delta h_t (gradHy) = dL/dh_t total, delta c_t (gradC) = what reaches c_t through step t+1; \\cdot element-wise;
delta a_k the pre-activation gradients; delta b the step-t bias gradient stacked i, f, g, o."""
import numpy as np

from oracle import Model, rule, source, add, ew, col, line_finder

SID = "cann_thnn_fused_lstm_cell_backward"


def finder():
    return line_finder(SID, unique=True)


@source
def _cann_thnn_lstm(M):
    m, t = "cann_thnn_lstm", 3
    M[m] = Model("lstm", I=2, H=3, T=4, seed=913)
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))
    gcx = lambda c: np.tanh(v(c, "c"))
    dh = lambda c: col(c.g("h", t))
    dc_in = lambda c: col(c.gin("c", t + 1))
    gct = lambda c: add(ew(dh(c), v(c, "o"), 1 - gcx(c) ** 2), dc_in(c))
    R(L("gcx &= \\tanh(c_t)"), lambda c: v(c, "tc"), gcx)
    R(L("\\text{grad\\_}c_{total} &= "), lambda c: col(c.g("c", t)), gct)
    R(L("\\delta c_{t-1} &= "), lambda c: col(c.gin("c", t)), lambda c: ew(gct(c), v(c, "f")))
    R(L("\\delta a_o &= "), lambda c: col(c.g("zo", t)), lambda c: ew(ew(dh(c), gcx(c)), v(c, "o"), 1 - v(c, "o")))
    R(L("\\delta a_i &= "), lambda c: col(c.g("zi", t)), lambda c: ew(ew(gct(c), v(c, "g")), v(c, "i"), 1 - v(c, "i")))
    R(L("\\delta a_f &= "), lambda c: col(c.g("zf", t)),
      lambda c: ew(ew(gct(c), v(c, "c", t - 1)), v(c, "f"), 1 - v(c, "f")))
    R(L("\\delta a_g &= "), lambda c: col(c.g("zg", t)), lambda c: ew(ew(gct(c), v(c, "i")), 1 - v(c, "g") ** 2))
    R(L("\\delta b = \\sum_{n=1}^{N}"), lambda c: np.vstack([col(c.gps("b" + k, t)) for k in "ifgo"]),
      lambda c: np.vstack([col(c.g("z" + k, t)) for k in "ifgo"]))
