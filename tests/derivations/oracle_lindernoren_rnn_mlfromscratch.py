"""Oracle rules of lindernoren_rnn_mlfromscratch (ML-From-Scratch, class RNN: forward_pass, backward_pass).

Row vectors (batch of one): state_input_t = X_t U^T + states_{t-1} W^T, states_t = tanh(state_input_t),
outputs_t = states_t V^T, zero initial state, no biases.  Core (column) names: U = Wa (H x I), W = Ua,
V = V (I x H: the layer's output has the input's size), state_input = 'a', states = 'h', outputs = 'logit'.
The layer above is a squared error on every output (loss sum_s 0.5 |outputs_s - y_s|^2), so
accum_grad_s = outputs_s - y_s.  The code's time index t (0-based) is the core's step t + 1.

The backward loop runs over the outputs s = T..1 and, inside, over the steps s' = s..1 (bptt_trunc = 5
truncates nothing at T = 4): at the inner iteration (s, s') grad_wrt_state holds d L_s / d state_input_{s'}
(L_s = the loss of output s only).  Models LS[s] have the loss of output s only (same seed: same weights,
inputs, forward values).  Accumulations are checked as totals: the value after the row equals the value
before the row plus the increment.  Rows of the outer loop at t = 3, of the inner loop at (t, t') = (3, 2)."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, row, IllTyped, perturbers

SID = "lindernoren_rnn_mlfromscratch"
LINES = {"fwd_a": 27, "fwd_h": 28, "fwd_o": 29, "gV": 34, "gws0": 36, "agn": 38, "gU": 42, "gW": 43, "gws": 45}


class MLFSRNN(Model):
    """tanh RNN, no biases, output o = V h, loss 0.5 |o - y|^2 summed over the outputs in `outs`."""

    def __init__(self, seed, outs):
        Model.__init__(self, "rnn", I=2, H=3, T=4, seed=seed, head="sq", V=2, bias=False, zero_init=True)
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
            a = pv("a", t, par("Wa", t) @ x + par("Ua", t) @ hin)
            vals[("a", t)] = a
            hn = pv("h", t, np.tanh(a))
            vals[("h", t)] = hn
            o = pv("logit", t, par("V", t) @ pv("hout", t, hn))
            vals[("logit", t)] = o
            lt = 0.5 * float(np.sum((o - self.yreal[t]) ** 2))
            vals[("l", t)] = np.array([lt])
            if t in self.outs:
                L += lt
            h = hn
        return L, vals


@source
def _lindernoren(M):
    seed, T = 202, 4
    full = MLFSRNN(seed, outs=set(range(1, T + 1)))
    M["mlfs_full"] = full
    for s in range(1, T + 1):
        M["mlfs_L%d" % s] = MLFSRNN(seed, outs={s})
    P = full.P
    U, W, V = P["Wa"], P["Ua"], P["V"]
    t, tp = 3, 2                                            # outer step t, inner step t'
    R = lambda key, model, lhs, rhs: rule(SID, LINES[key], model, lhs, rhs)
    rv = lambda c, n, s: row(c.v(n, s))
    X = lambda s: row(full.xs[s])
    dtanh_row = lambda c, s: row(1 - np.tanh(c.v("a", s)) ** 2)    # tanh'(state_input_s), TanH.gradient
    yv = lambda s: row(full.yreal[s])
    agrad = lambda c, s: rv(c, "logit", s) - yv(s)                 # accum_grad_s = d L / d outputs_s

    # forward (rows at step t)
    R("fwd_a", "mlfs_full", lambda c: rv(c, "a", t), lambda c: mm(X(t), U.T) + mm(rv(c, "h", t - 1), W.T))
    R("fwd_h", "mlfs_full", lambda c: rv(c, "h", t), lambda c: np.tanh(rv(c, "a", t)))
    R("fwd_o", "mlfs_full", lambda c: rv(c, "logit", t), lambda c: mm(rv(c, "h", t), V.T))

    # The rules below need the per-output models; they read them from MODELS through closures over M.
    def ctx(name):
        from oracle import Ctx
        if name not in _CTX:
            _CTX[name] = Ctx(M[name])
        return _CTX[name]

    # grad_V += accum_grad_t^T states_t: before = outputs t+1..T, after = outputs t..T
    def gV_after(c):
        return sum(ctx("mlfs_L%d" % s).gp("V") for s in range(t, T + 1))

    def gV_rhs(c):
        before = sum(ctx("mlfs_L%d" % s).gp("V") for s in range(t + 1, T + 1))
        return before + mm(agrad(c, t).T, rv(c, "h", t))
    R("gV", "mlfs_full", gV_after, gV_rhs)

    # grad_wrt_state = accum_grad_t V * tanh'(state_input_t): d L_t / d state_input_t (output t only)
    R("gws0", "mlfs_full", lambda c: row(ctx("mlfs_L%d" % t).g("a", t)),
      lambda c: ew(mm(agrad(c, t), V), dtanh_row(c, t)))

    # accum_grad_next_t = grad_wrt_state U: returned as d L / d X_t (total); grad_wrt_state is output t's part
    R("agn", "mlfs_full", lambda c: row(c.g("x", t)),
      lambda c: mm(ew(mm(agrad(c, t), V), dtanh_row(c, t)), U))

    # inner loop at (t, t'): grad_wrt_state = d L_t / d state_input_{t'}
    gws = lambda: row(ctx("mlfs_L%d" % t).g("a", tp))

    def acc(pname, inc):
        """Value after the row: outputs t+1..T (all steps) + output t at steps t'..t; before: ... t'+1..t."""
        def part(s, sp):
            return ctx("mlfs_L%d" % s).gps(pname, sp)

        def after(c):
            return (sum(part(s, sp) for s in range(t + 1, T + 1) for sp in range(1, s + 1))
                    + sum(part(t, sp) for sp in range(tp, t + 1)))

        def rhs(c):
            before = (sum(part(s, sp) for s in range(t + 1, T + 1) for sp in range(1, s + 1))
                      + sum(part(t, sp) for sp in range(tp + 1, t + 1)))
            return before + inc(c)
        return after, rhs
    R("gU", "mlfs_full", *acc("Wa", lambda c: mm(gws().T, X(tp))))
    R("gW", "mlfs_full", *acc("Ua", lambda c: mm(gws().T, rv(c, "h", tp - 1))))
    # grad_wrt_state = grad_wrt_state W * tanh'(state_input_{t'-1}): now d L_t / d state_input_{t'-1}
    R("gws", "mlfs_full", lambda c: row(ctx("mlfs_L%d" % t).g("a", tp - 1)),
      lambda c: ew(mm(gws(), W), dtanh_row(c, tp - 1)))


_CTX = {}
