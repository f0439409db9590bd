"""Oracle rules of mathse_lstm_dcdc (Mathematics Stack Exchange question 4177853, 'Recursive chain rule').
LSTM without biases, column vectors, h_0 = c_0 = 0 (the question's prose); the question's abstract gate
sigma(x_t, h_{t-1}; W_q) is read as sigma of the gate's affine map W_q [x_t; h_{t-1}] (core: Wq x_t + Uq h_{t-1}),
tilde c_t the candidate (core g).  dc_t/dc_{t-1} is the total Jacobian of c_t with respect to c_{t-1}, which the
question says reaches the gates through h_{t-1} = o_{t-1} tanh(c_{t-1}) (c_{t-1} perturbed right after it is
computed); df_t/dc_{t-1} etc. likewise.  'vector o Jacobian' is read per component (row i of the Jacobian
scaled by entry i of the vector, i.e. diag(v) J).  Rows at t = 3."""
import numpy as np

from oracle import Model, rule, source, col, diag, sig

SID = "mathse_lstm_dcdc"


@source
def _mathse4177853(M):
    m = "mathse4177853_lstm"
    mod = Model("lstm", I=2, H=3, T=4, seed=4177, bias=False, zero_init=True)
    M[m] = mod
    P, H, t = mod.P, mod.H, 3
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))
    x = col(mod.xs[t])
    aff = lambda c, k: P["W" + k] @ x + P["U" + k] @ v(c, "h", t - 1)
    R(12, lambda c: v(c, "o"), lambda c: sig(aff(c, "o")))
    R(13, lambda c: v(c, "g"), lambda c: np.tanh(aff(c, "g")))
    R(14, lambda c: v(c, "f"), lambda c: sig(aff(c, "f")))
    R(15, lambda c: v(c, "i"), lambda c: sig(aff(c, "i")))
    R(16, lambda c: v(c, "c"), lambda c: v(c, "f") * v(c, "c", t - 1) + v(c, "i") * v(c, "g"))
    R(17, lambda c: v(c, "c"),
      lambda c: sig(aff(c, "f")) * v(c, "c", t - 1) + sig(aff(c, "i")) * np.tanh(aff(c, "g")))
    R(18, lambda c: v(c, "h"), lambda c: v(c, "o") * np.tanh(v(c, "c")))
    R(22, lambda c: col(c.v("h", 0)), lambda c: col(c.v("c", 0)))
    Jc = lambda c, q: c.jac(q, t, ("c", t - 1), (H,))          # total d q_t / d c_{t-1}
    R(26, lambda c: Jc(c, "c"),
      lambda c: (diag(v(c, "c", t - 1)) @ Jc(c, "f") + diag(v(c, "f")) + diag(v(c, "g")) @ Jc(c, "i")
                 + diag(v(c, "i")) @ Jc(c, "g")))
    R(30, lambda c: Jc(c, "c"),
      lambda c: (diag(v(c, "c", t - 1)) @ Jc(c, "f") + diag(v(c, "f")) @ np.eye(H)
                 + diag(v(c, "g")) @ Jc(c, "i") + diag(v(c, "i")) @ Jc(c, "g")))
