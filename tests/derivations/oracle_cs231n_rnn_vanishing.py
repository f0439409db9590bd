"""Oracle rules of cs231n_rnn_vanishing (Stanford CS231n notes "Recurrent Neural Networks", rnn.md).

Vanilla RNN without biases: h_t = tanh(W_hh h_{t-1} + W_xh x_t), y_t = W_hy h_t; column vectors.  Core names:
W_hh = Ua, W_xh = Wa, W_hy = V (core bias c set to zero).  "The loss at the very last time step L_t" is a
loss on the last output only: L = 0.5 |y_T - target|^2 (t = T = 4).  Jacobians have rows = outputs
(numerator layout, the order the notes' chain is written in: dL/dh_t dh_t/dh_{t-1} ...); d h_1 / d W_hh is
the immediate derivative (W_hh perturbed in step 1 only), a tensor H x H x H contracted on its first axis.
The "removing non-linearity" row uses the same weights with the identity activation (a second model).
LSTM rows: the core LSTM without biases (W_hk = U_k, W_xk = W_k, the candidate g = core g)."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, undefined, IllTyped, perturbers, line_finder

SID = "cs231n_rnn_vanishing"


def finder():
    return line_finder(SID)


class LastLossRNN(Model):
    """RNN (tanh or identity), no biases, y_t = W_hy h_t, loss 0.5 |y_T - target|^2 on the last step only."""

    def __init__(self, seed, act):
        Model.__init__(self, "rnn", I=2, H=3, T=4, seed=seed, head="sq", V=3, bias=False, act=act)
        self.P["c"] = np.zeros(self.V)

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
            hn = pv("h", t, self.act_fn(a))
            vals[("h", t)] = hn
            y = pv("logit", t, par("V", t) @ pv("hout", t, hn))
            vals[("logit", t)] = y
            if t == self.T:
                L += 0.5 * float(np.sum((y - self.yreal[t]) ** 2))
            h = hn
        return L, vals


@source
def _cs231n(M):
    seed, T, t = 231, 4, 3
    M["cs231n_tanh"] = LastLossRNN(seed, "tanh")
    M["cs231n_lin"] = LastLossRNN(seed, "identity")
    M["cs231n_lstm"] = Model("lstm", I=2, H=3, T=4, seed=232, bias=False)
    P = M["cs231n_tanh"].P
    Whh, Wxh, Why = P["Ua"], P["Wa"], P["V"]
    H = 3
    L = finder()
    v = lambda c, n, s: col(c.v(n, s))
    pre = lambda c, s: mm(Whh, v(c, "h", s - 1)) + mm(Wxh, v(c, "x", s))
    J = lambda c, s: c.jac("h", s, ("hin", s), (H,))                    # d h_s / d h_{s-1}
    imm1 = lambda c: c.jac("h", 1, ("P:Ua", 1), (H, H))                  # immediate d h_1 / d W_hh
    gT = lambda c: c.g("h", T).reshape(1, H)                             # d L_T / d h_T (row)

    def chain(mats):
        out = np.eye(H)
        for a_ in mats:
            out = mm(out, a_)
        return out

    def contract(rowvec, tens):
        return np.tensordot(rowvec.ravel(), tens, axes=1)

    R = lambda line, m, lhs, rhs: rule(SID, line, m, lhs, rhs)
    # forward
    R(L("h_t = f_W(h_{t-1}, x_t)"), "cs231n_tanh", lambda c: v(c, "h", t), lambda c: np.tanh(pre(c, t)))
    R(L("h_t = tanh(W_{hh}h_{t-1} + W_{xh}x_t)", 0), "cs231n_tanh", lambda c: v(c, "h", t),
      lambda c: np.tanh(pre(c, t)))
    R(L("y_t = W_{hy}h_t"), "cs231n_tanh", lambda c: v(c, "logit", t), lambda c: mm(Why, v(c, "h", t)))
    R(L("h_t = tanh(W_{hh}h_{t-1} + W_{xh}x_t)", 1), "cs231n_tanh", lambda c: v(c, "h", t),
      lambda c: np.tanh(pre(c, t)))
    # d h_t / d h_{t-1} = tanh'(...) W_hh: a column times an H x H matrix
    R(L("\\frac{\\partial h_t}{\\partial h_{t-1}} ="), "cs231n_tanh", lambda c: J(c, t),
      lambda c: mm(1 - np.tanh(pre(c, t)) ** 2, Whh))
    # the chain for d L_t / d W_hh, L_t the last step's loss (t = T): one path (W_hh's use at step 1)
    total = lambda c: c.gp("Ua")
    one_path = lambda c: contract(mm(gT(c), chain([J(c, s) for s in range(T, 1, -1)])), imm1(c))
    R(L("\\frac{\\partial h_{t}}{\\partial h_{t-1} } \\dots"), "cs231n_tanh", total, one_path)
    R(L("(\\prod_{t=2}^{T} \\frac{\\partial h_{t}}{\\partial  h_{t-1}})"), "cs231n_tanh", total, one_path)

    def row3(c):
        # prod_{t=2}^{T} tanh'(W_hh h_{t-1} + W_xh x_t) W_hh^{T-1}: each factor a column times a matrix
        mats = [mm(1 - np.tanh(pre(c, s)) ** 2, np.linalg.matrix_power(Whh, T - 1)) for s in range(T, 1, -1)]
        return contract(mm(gT(c), chain(mats)), imm1(c))
    R(L("tanh^{'}(W_{hh}h_{t-1} + W_{xh}x_t)W_{hh}^{T-1})"), "cs231n_tanh", total, row3)
    # linear RNN: d L_t / d W (W = W_hh) = dL/dh_t (prod_{t=2}^T W_hh^{T-1}) d h_1 / d W
    R(L("\\frac{\\partial L_{t}}{\\partial W} ="), "cs231n_lin", total,
      lambda c: contract(mm(gT(c), chain([np.linalg.matrix_power(Whh, T - 1) for s in range(2, T + 1)])), imm1(c)))
    # LSTM: h_{t_1} is not defined
    for k in "fiog":
        R(L("%s_t &= " % k), "cs231n_lstm", (lambda k: lambda c: v(c, k, t))(k),
          undefined("h_{t_1} is not defined (h_{t-1} meant)"))
    R(L("c_t &= f_t \\odot c_{t-1}"), "cs231n_lstm", lambda c: v(c, "c", t),
      lambda c: add(ew(v(c, "f", t), v(c, "c", t - 1)), ew(v(c, "i", t), v(c, "g", t))))
    R(L("h_t &= o_t \\odot"), "cs231n_lstm", lambda c: v(c, "h", t), lambda c: ew(v(c, "o", t), np.tanh(v(c, "c", t))))
