"""Oracle rules of technion_cs236781_rnn_bptt (Technion CS236781 lecture notes 5, RNNs; A. Bronstein).
Column vectors; the notes' chain rule multiplies Jacobians left to right from the (row) gradient of the
loss (d l_t/d y_t . d y_t/d h_t . d h_t/d h_i . d+ h_i/d Theta; d h_t/d h_i = d h_t/d h_{t-1} ... d h_{i+1}/d h_i),
i.e. Jacobians d a/d b are (size a) x (size b).
RNN part: h_t = tanh(W_hh h_{t-1} + W_xh x_t + b) (core Ua, Wa, ba), y_t = W_hy h_t (core V, with c = 0),
m = 2 outputs, k = 3 hidden units; l_t = |y_t - d_t|^2 / 2 (the notes leave l_t open); Theta = (W_hh, W_xh,
b, W_hy) flattened in this order.  GRU part: z = sigma(W_hz h + W_xz x + b_z), r likewise, q = tanh(r (.)
W_hh h_{t-1} + W_xh x_t + b_q) (reset after the product: core gru_reset='after' with b_hn = 0),
h_t = z h_{t-1} + (1 - z) q (z weighs the OLD state: gru_form='old'); linear loss."""
import numpy as np

from oracle import Model, rule, source, mm, col, sig, dsig, dtanh, diag, line_finder

SID = "technion_cs236781_rnn_bptt"


def finder():
    return line_finder(SID)


@source
def _technion(M):
    L = finder()
    # ---------------- the RNN ----------------
    m = "technion_rnn"
    mod = Model("rnn", I=2, H=3, T=4, V=2, seed=231, head="sq")
    mod.P["c"] = np.zeros(mod.V)
    M[m] = mod
    P = mod.P
    k, mo = mod.H, mod.V
    TH = ("Ua", "Wa", "ba", "V")            # Theta = (W_hh, W_xh, b, W_hy)
    F = ("Ua", "Wa", "ba")                  # the parameters of f
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s: col(c.v(n, s))
    t = 3

    def dl_dTheta(c, s):                    # d l_s / d Theta (row), every use of Theta
        return np.concatenate([c.jac("l", s, ("P:" + p, 0), P[p].shape).reshape(1, -1) for p in TH], axis=1)

    def dL_dTheta(c):
        return np.concatenate([c.gp(p).reshape(1, -1) for p in TH], axis=1)

    def imm_h(c, i):                        # d+ h_i / d Theta: Theta in step i only, h_{i-1} fixed
        return np.concatenate([c.jac("h", i, ("P:" + p, i), P[p].shape).reshape(k, -1) if p in F
                               else np.zeros((k, P[p].size)) for p in TH], axis=1)

    def imm_y(c, s):                        # d+ y_s / d Theta: h_s fixed (only W_hy acts)
        return np.concatenate([c.jac("logit", s, ("P:V", s), P["V"].shape).reshape(mo, -1) if p == "V"
                               else np.zeros((mo, P[p].size)) for p in TH], axis=1)

    dl_dy = lambda c, s: c.jac("l", s, ("logit", s), (mo,)).reshape(1, mo)
    dy_dh = lambda c, s: c.jac("logit", s, ("hout", s), (k,))
    local = lambda c, j: c.jac("h", j, ("hin", j), (k,))                 # d h_j / d h_{j-1}

    def dht_dhi(c, s, i):
        return np.eye(k) if s == i else c.jac("h", s, ("h", i), (k,))

    dphi = lambda c, s: dtanh(c.v("a", s))

    def df_dTheta(c, i):                    # analytic d f/d Theta (h_{i-1}, x_i)
        e, fp = np.eye(k), dphi(c, i)
        blocks = [np.einsum("ap,a,q->apq", e, fp, c.v("h", i - 1)).reshape(k, -1),
                  np.einsum("ap,a,q->apq", e, fp, c.v("x", i)).reshape(k, -1),
                  np.einsum("ap,a->ap", e, fp),
                  np.zeros((k, P["V"].size))]
        return np.concatenate(blocks, axis=1)

    def dg_dTheta(c, s):                    # analytic d g/d Theta (h_s)
        e = np.eye(mo)
        return np.concatenate([np.zeros((mo, P["Ua"].size)), np.zeros((mo, P["Wa"].size)),
                               np.zeros((mo, P["ba"].size)),
                               np.einsum("ap,q->apq", e, c.v("h", s)).reshape(mo, -1)], axis=1)

    df_dh = lambda c, j: mm(diag(dphi(c, j)), P["Ua"])
    f_at = lambda c, s: np.tanh(mm(P["Ua"], v(c, "h", s - 1)) + mm(P["Wa"], v(c, "x", s)) + col(P["ba"]))
    g_at = lambda c, s: mm(P["V"], v(c, "h", s))

    R(L("$$\\bb{h} _t = f _{\\bb{\\Theta}}"), lambda c: v(c, "h", t), lambda c: f_at(c, t))
    R(L("$$\\bb{y} _t = g _{\\bb{\\Theta}}"), lambda c: v(c, "logit", t), lambda c: g_at(c, t))
    R(L("$$\\bb{h} _t = \\varphi(\\bb{W} _{hh}"), lambda c: v(c, "h", t), lambda c: f_at(c, t))
    R(L("$$\\bb{y} _t = \\bb{W} _{hy}"), lambda c: v(c, "logit", t), lambda c: g_at(c, t))
    R(L("\\bb{h} _t &=& f _{\\bb{\\Theta}}"), lambda c: v(c, "h", t), lambda c: f_at(c, t))
    R(L("\\bb{y} _t &=& g _{\\bb{\\Theta}}"), lambda c: v(c, "logit", t), lambda c: g_at(c, t))
    R(L("$$L(\\bb{\\Theta}) = \\sum"), lambda c: np.array([c.L]),
      lambda c: np.array([sum(0.5 * float(np.sum((c.v("logit", s) - mod.yreal[s]) ** 2)) for s in range(1, 5))]))
    R(L("$$\\delta \\bb{\\Theta} ="), dL_dTheta,
      lambda c: (dL_dTheta(c), sum(dl_dTheta(c, s) for s in range(1, 5))))
    R(L("$$\\frac{ \\partial  \\ell _t }{\\partial \\bb{\\Theta}}="), lambda c: dl_dTheta(c, t),
      lambda c: mm(dl_dy(c, t), imm_y(c, t) + sum(mm(mm(dy_dh(c, t), dht_dhi(c, t, i)), imm_h(c, i))
                                                   for i in range(1, t + 1))))
    R(L("$$\\frac{ \\partial^+ \\bb{h} _i }{\\partial \\bb{\\Theta}} ="), lambda c: imm_h(c, t), lambda c: df_dTheta(c, t))
    R(L("$$\\frac{ \\partial^+ \\bb{y} _t }{\\partial \\bb{\\Theta}} ="), lambda c: imm_y(c, t), lambda c: dg_dTheta(c, t))
    R(L("=  \\frac{ \\partial  g  }{\\partial \\bb{h}}"), lambda c: dy_dh(c, t), lambda c: P["V"])
    tt, ii = 4, 1
    R(L("$$\\frac{ \\partial \\bb{h} _t }{\\partial \\bb{h} _i }  ="), lambda c: dht_dhi(c, tt, ii),
      lambda c: (mm(mm(local(c, 4), local(c, 3)), local(c, 2)), mm(mm(df_dh(c, 4), df_dh(c, 3)), df_dh(c, 2))))
    R(L("\\bb{z} _t &=& \\bb{W} _{hh}"), lambda c: v(c, "a", t),
      lambda c: mm(P["Ua"], v(c, "h", t - 1)) + mm(P["Wa"], v(c, "x", t)) + col(P["ba"]))
    R(L("\\bb{h} _t &=& \\varphi( \\bb{z} _t )"), lambda c: v(c, "h", t), lambda c: np.tanh(v(c, "a", t)))
    R(L("\\bb{y} _t &=&  \\bb{W} _{hy}"), lambda c: v(c, "logit", t), lambda c: g_at(c, t))
    R(L("= \\bb{W} _{hy}^\\Tr.$$"), lambda c: dy_dh(c, t), lambda c: P["V"].T)          # 3 x 2 for 2 x 3
    R(L("=  \\bb{W} _{hh}^\\Tr \\, \\mathrm{diag}"), lambda c: local(c, t),
      lambda c: mm(P["Ua"].T, diag(dphi(c, t))))

    def contr_lhs(c, i):                    # (d+ h_i / d W_hh) contracted with delta h_i = d l_i / d h_i
        dh = c.jac("l", i, ("h", i), (k,)).ravel()
        return np.tensordot(dh, c.jac("h", i, ("P:Ua", i), (k, k)), axes=(0, 0))

    def contr_rhs(c, i):
        dh = c.jac("l", i, ("h", i), (k,)).ravel()
        return mm(mm(mm(diag(dh), diag(dphi(c, i))), np.ones((k, 1))), v(c, "h", i - 1).T)
    R(L("\\delta \\bb{h} _i =  \\mathrm{diag}"), lambda c: contr_lhs(c, t), lambda c: contr_rhs(c, t))
    ti, i2 = 4, 2                           # l_4 through step 2's use of W_hh

    def temporal_rhs(c):
        dy = dl_dy(c, ti).ravel()
        out = mm(diag(dy), P["V"].T)                                     # (2 x 2)(3 x 2): ill-typed
        for s in range(ti, i2, -1):
            out = mm(mm(out, P["Ua"].T), diag(dphi(c, s)))
        return mm(mm(mm(out, diag(dphi(c, i2))), np.ones((k, 1))), v(c, "h", i2 - 1).T)
    R(L("\\frac{ \\partial^+ \\bb{h} _i }{\\partial \\bb{W} _{hh}}  =  \\mathrm{diag}"),
      lambda c: c.jac("l", ti, ("P:Ua", i2), (k, k)).reshape(k, k), temporal_rhs)

    # ---------------- the GRU ----------------
    g = "technion_gru"
    gm = Model("gru", I=2, H=3, T=4, seed=232, gru_form="old", gru_reset="after")
    gm.P["bhn"] = np.zeros(gm.H)
    M[g] = gm
    Q = gm.P
    RG = lambda line, lhs, rhs: rule(SID, line, g, lhs, rhs)
    hp = lambda c: v(c, "h", t - 1)
    xx = lambda c: v(c, "x", t)
    RG(L("$$\\bb{z} _t = \\sigma("), lambda c: v(c, "z", t),
       lambda c: sig(mm(Q["Uz"], hp(c)) + mm(Q["Wz"], xx(c)) + col(Q["bz"])))
    RG(L("$$\\bb{r} _t = \\sigma("), lambda c: v(c, "r", t),
       lambda c: sig(mm(Q["Ur"], hp(c)) + mm(Q["Wr"], xx(c)) + col(Q["br"])))
    RG(L("$$\\bb{q} _t = \\varphi("), lambda c: v(c, "n", t),
       lambda c: np.tanh(v(c, "r", t) * mm(Q["Un"], hp(c)) + mm(Q["Wn"], xx(c)) + col(Q["bn"])))
    RG(L("$$\\bb{h} _t = \\bb{z} _t \\odot"), lambda c: v(c, "h", t),
       lambda c: v(c, "z", t) * hp(c) + (1 - v(c, "z", t)) * v(c, "n", t))

    def gru_jac_as_written(c):              # b_h (not defined in the GRU section) read as b_q
        az = mm(Q["Uz"], hp(c)) + mm(Q["Wz"], xx(c)) + col(Q["bz"])
        ah = mm(Q["Un"], hp(c)) + mm(Q["Wn"], xx(c)) + col(Q["bn"])
        return (diag(c.v("z", t)) + mm(mm(Q["Uz"].T, diag(dsig(az))), diag(hp(c) - v(c, "n", t)))
                + mm(mm(Q["Un"].T, diag(dsig(ah))), diag(1 - c.v("z", t - 1))))
    RG(L("\\frac{\\partial \\bb{h} _t}{\\partial \\bb{h} _{t-1} } &=&"),
       lambda c: c.jac("h", t, ("hin", t), (gm.H,)), gru_jac_as_written)
