"""Oracle rules of ratsgo_gru_backprop (ratsgo's Korean blog post "Gated Recurrent Unit (GRU)", 2017).
Column vectors, no biases; z_t = sigma(W^(z) x_t + U^(z) h_{t-1}), r_t likewise, \\tilde h_t = tanh(W x_t +
r_t o U h_{t-1}) (the reset gate AFTER the recurrent matrix: core gru_reset "after" with b_hn = 0),
h_t = z_t o h_{t-1} + (1 - z_t) o \\tilde h_t (core gru_form "old": z weights the OLD state).  y_t = W_out h_t
(core V, no bias) feeds a Softmax-with-Loss giving L_t; sequence length 3 (T = 3).  W_x stacks the three
input matrices [W^(z); W^(r); W] (3H x I), U_h the recurrent ones.  A product of partial derivatives is the
chain rule: the row dL/dy times the Jacobians (numerator layout), contracted with d h/d W_x (tensor).
delta_t is what the cell at t sends back to h_{t-1} (the post: delta_t 'flows into the cell at t-1', where it
is added to dh_{t-1}; delta_2 = (delta_3 + dL_2/dh_2) dh_2/dh_1); the single-cell formula with L_t alone
holds at t = T, where the post applies it (delta_3).  Three models with the same parameters: the loss
L_1 + L_2 + L_3 (the post's network), L_3 only and L_1 only (for the left sides dL_3/d., dL_1/d.)."""
import numpy as np

from oracle import Model, Ctx, rule, source, mm, col, row, sig, IllTyped

SID = "ratsgo_gru_backprop"


class RatsgoModel(Model):
    def __init__(self, steps):
        Model.__init__(self, "gru", I=2, H=3, T=3, seed=517, head="softmax", V=3, bias=False,
                       gru_form="old", gru_reset="after")
        self.P["bhn"] = np.zeros(self.H)
        self.P["c"] = np.zeros(self.V)
        self.steps = steps

    def forward(self, pert=None):
        _, vals = Model.forward(self, pert)
        return float(sum(vals[("l", s)][0] for s in self.steps)), vals


@source
def _ratsgo(M):
    m = "ratsgo_gru"
    M[m] = RatsgoModel((1, 2, 3))
    mod = M[m]
    P, H, I = mod.P, mod.H, mod.I
    only = {}

    def ctx_only(s):
        if s not in only:
            only[s] = Ctx(RatsgoModel((s,)))
        return only[s]
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s: col(c.v(n, s))
    t = 2                                       # forward rows
    R(18, lambda c: v(c, "z", t), lambda c: sig(mm(P["Wz"], v(c, "x", t)) + mm(P["Uz"], v(c, "h", t - 1))))
    R(19, lambda c: v(c, "r", t), lambda c: sig(mm(P["Wr"], v(c, "x", t)) + mm(P["Ur"], v(c, "h", t - 1))))
    R(23, lambda c: v(c, "n", t),
      lambda c: np.tanh(mm(P["Wn"], v(c, "x", t)) + v(c, "r", t) * mm(P["Un"], v(c, "h", t - 1))))
    R(27, lambda c: v(c, "h", t),
      lambda c: v(c, "z", t) * v(c, "h", t - 1) + (1 - v(c, "z", t)) * v(c, "n", t))
    # chain-rule pieces (rows)
    dy = lambda c, s: row(c.g("logit", s))                   # dL_s/dy_s (only L_s depends on y_s)
    Jhh = lambda c, s: c.jac("h", s, ("hin", s), (H,))        # dh_s/dh_{s-1}, all paths through step s

    def JhW(c, s, kind):                                      # dh_s/dW_x (or dU_h) at step s: (H, 3H, I|H)
        names = ("Wz", "Wr", "Wn") if kind == "W" else ("Uz", "Ur", "Un")
        shp = (H, I) if kind == "W" else (H, H)
        return np.concatenate([c.jac("h", s, ("P:" + n, s), shp) for n in names], axis=1)
    contract = lambda r_, J: np.tensordot(np.asarray(r_).ravel(), J, axes=(0, 0))

    def stackW(cc, kind, s=None):
        names = ("Wz", "Wr", "Wn") if kind == "W" else ("Uz", "Ur", "Un")
        return np.vstack([cc.gps(n, s) if s else cc.gp(n) for n in names])

    def blocks(c):
        raise IllTyped("d input_z \\cdot x_t: a product of two column vectors (H x 1 by I x 1); the block "
                       "names are the figure's (dinput_z, dinput_r, dWx_t, dUh_{t-1})")
    for line, kind in ((40, "W"), (41, "U")):
        T_ = 3
        R(line, (lambda kind: lambda c: stackW(ctx_only(3), kind, T_))(kind),
          (lambda kind: lambda c: (blocks(c),
                                   contract(mm(dy(c, T_), P["V"]), JhW(c, T_, kind)),
                                   contract(row(c.gout(T_)), JhW(c, T_, kind))))(kind))
    d3 = lambda c: row(c.gin("h", 3))
    R(47, d3, lambda c: mm(mm(dy(c, 3), P["V"]), Jhh(c, 3)))
    R(54, d3, lambda c: (mm(row(c.gout(3)), Jhh(c, 3)), mm(mm(dy(c, 3), P["V"]), Jhh(c, 3))))
    R(56, lambda c: row(c.gin("h", 2)),
      lambda c: (mm(d3(c) + row(c.gout(2)), Jhh(c, 2)),
                 mm(mm(mm(dy(c, 3), P["V"]), Jhh(c, 3)) + mm(dy(c, 2), P["V"]), Jhh(c, 2))))
    # dL_1/dW_x: the left side is the gradient of L_1 (model with L_1 only); the right sides are step 1's
    # part of d(L_1 + L_2 + L_3)/dW_x
    lhs1 = lambda c: stackW(ctx_only(1), "W")
    d2 = lambda c: row(c.gin("h", 2))
    a3 = lambda c: mm(mm(mm(dy(c, 3), P["V"]), Jhh(c, 3)), Jhh(c, 2))
    a2 = lambda c: mm(mm(dy(c, 2), P["V"]), Jhh(c, 2))
    a1 = lambda c: mm(dy(c, 1), P["V"])
    R(61, lhs1, lambda c: contract(d2(c) + a1(c), JhW(c, 1, "W")))
    R(62, lhs1, lambda c: contract((a3(c) + a2(c)) + a1(c), JhW(c, 1, "W")))
    R(63, lhs1, lambda c: contract(a3(c), JhW(c, 1, "W")) + contract(a2(c), JhW(c, 1, "W"))
      + contract(a1(c), JhW(c, 1, "W")))
