"""Oracle rules of samrat_nath_gru (S. Nath's GRU blog post, 2019): column vectors, subscript time, no
biases, h_t = z_t h_{t-1} + (1 - z_t) \\tilde h_t (core gru_form "old"), f = tanh.  Names: W_{zh} = core
U_z, W_{zx} = core W_z, W_{rh} = U_r, W_{rx} = W_r, W_h = U_n, W_x = W_n; g_1..g_12 the post's nodes
(g_3 = z pre-activation, g_6 = r pre-activation, g_7 = r_t h_{t-1}, g_10 = candidate pre-activation,
g_11 = z_t h_{t-1}, g_12 = (1-z_t) \\tilde h_t).  \\Delta_q L = dL/dq; L: linear loss."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, sig, line_finder

SID = "samrat_nath_gru"


def finder():
    return line_finder(SID)


@source
def _samrat(M):
    m, t = "samrat_gru", 3
    M[m] = Model("gru", I=2, H=3, T=4, seed=71, bias=False, gru_form="old")
    P = M[m].P
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    Wzh, Wzx, Wrh, Wrx, Wh, Wx = P["Uz"], P["Wz"], P["Ur"], P["Wr"], P["Un"], P["Wn"]
    v = lambda c, n, s=t: col(c.v(n, s))
    x = lambda c: v(c, "x")
    hp = lambda c: v(c, "h", t - 1)
    g = lambda n: (lambda c: col(c.g(n, t)))
    hk = lambda n, size=None: (lambda c: col(c.gh(n, t, size)))
    # forward (eqs. 1-4)
    z = lambda c: sig(mm(Wzh, hp(c)) + mm(Wzx, x(c)))
    r = lambda c: sig(mm(Wrh, hp(c)) + mm(Wrx, x(c)))
    n = lambda c: np.tanh(mm(Wh, ew(v(c, "r"), hp(c))) + mm(Wx, x(c)))
    R(L("$$z_t = \\sigma(W_{zh}"), lambda c: v(c, "z"), z)
    R(L("$$r_t = \\sigma(W_{rh}"), lambda c: v(c, "r"), r)
    R(L("$$\\tilde{h}_t = f(W_h"), lambda c: v(c, "n"), n)
    R(L("$$h_t = z_t\\circ h_{t-1} + (1-z_t)"), lambda c: v(c, "h"),
      lambda c: add(ew(v(c, "z"), hp(c)), ew(1 - v(c, "z"), v(c, "n"))))
    # the nodes (eqs. 5-20)
    g1 = lambda c: mm(Wzh, hp(c))
    g2 = lambda c: mm(Wzx, x(c))
    g4 = lambda c: mm(Wrh, hp(c))
    g5 = lambda c: mm(Wrx, x(c))
    g7 = lambda c: ew(v(c, "r"), hp(c))
    g8 = lambda c: mm(Wh, g7(c))
    g9 = lambda c: mm(Wx, x(c))
    R(L("$$g_1 = "), g1, g1)
    R(L("$$g_2 = "), g2, g2)
    R(L("$$g_3 = "), lambda c: v(c, "zz"), lambda c: add(g1(c), g2(c)))
    R(L("$$z_t = \\sigma(g_3)"), lambda c: v(c, "z"), lambda c: sig(v(c, "zz")))
    R(L("$$g_4 = "), g4, g4)
    R(L("$$g_5 = "), g5, g5)
    R(L("$$g_6 = "), lambda c: v(c, "zr"), lambda c: add(g4(c), g5(c)))
    R(L("$$r_t = \\sigma(g_6)"), lambda c: v(c, "r"), lambda c: sig(v(c, "zr")))
    R(L("$$g_7 = "), lambda c: v(c, "rh"), g7)
    R(L("$$g_8 = "), g8, g8)
    R(L("$$g_9 = "), g9, g9)
    R(L("$$g_{10} = "), lambda c: v(c, "zn"), lambda c: add(g8(c), g9(c)))
    R(L("$$\\tilde{h}_t = f(g_{10})"), lambda c: v(c, "n"), lambda c: np.tanh(v(c, "zn")))
    g11 = lambda c: ew(v(c, "z"), hp(c))
    g12 = lambda c: ew(1 - v(c, "z"), v(c, "n"))
    R(L("$$g_{11} = "), g11, g11)
    R(L("$$g_{12} = "), g12, g12)
    R(L("$$h_t = g_{11} + g_{12}"), lambda c: v(c, "h"), lambda c: add(g11(c), g12(c)))
    # backward
    dh = g("h")                                   # Delta_{g11} L = Delta_{g12} L = Delta_{h_t} L
    R(L("\\Delta_{g_{11}}L = \\Delta_{g_{12}}L"), dh, lambda c: (dh(c), dh(c)))
    # Delta_{z_t} L through g_12 only, then += the path through g_11: the total
    via12 = lambda c: -hk("omz")(c)
    R(L("\\Delta_{z_{t}}L = -\\Delta_{g_{12}}L"), via12, lambda c: -ew(dh(c), v(c, "n")))
    R(L("\\Delta_{\\tilde{h}_t}L = \\Delta_{g_{12}}L"), g("n"), lambda c: ew(dh(c), 1 - v(c, "z")))
    R(L("\\Delta_{z_{t}}L += "), g("z"), lambda c: add(via12(c), ew(dh(c), hp(c))))
    # Delta_{h_{t-1}} L: the paths through step t, accumulated one by one
    p_dir, p_rh, p_r, p_z = hk("hin:dir"), hk("hin:rh"), hk("hin:r"), hk("hin:z")
    R(L("\\Delta_{h_{t-1}}L = \\Delta_{g_{11}}L \\circ z_t"), p_dir, lambda c: ew(dh(c), v(c, "z")))
    R(L("\\Delta_{g_{10}}L = "), g("zn"), lambda c: ew(g("n")(c), 1 - np.tanh(v(c, "zn")) ** 2))
    R(L("\\Delta_{g_{8}}L = \\Delta_{g_{9}}L"), g("zn"), lambda c: (g("zn")(c), g("zn")(c)))
    R(L("\\Delta_{W_x}L = "), lambda c: c.gps("Wn", t), lambda c: mm(g("zn")(c), x(c).T))
    px_n, px_r, px_z = (hk("xin:" + k, 2) for k in "nrz")
    R(L("\\Delta_{x_t}L = W_x^T"), px_n, lambda c: mm(Wx.T, g("zn")(c)))
    R(L("\\Delta_{W_h}L = "), lambda c: c.gps("Un", t), lambda c: mm(g("zn")(c), g7(c).T))
    R(L("\\Delta_{g_7}L = W_h^T"), g("rh"), lambda c: mm(Wh.T, g("zn")(c)))
    R(L("\\Delta_{r_t}L = \\Delta_{g_7}L"), g("r"), lambda c: ew(g("rh")(c), hp(c)))
    R(L("\\Delta_{h_{t-1}}L += \\Delta_{g_7}L"), lambda c: add(p_dir(c), p_rh(c)),
      lambda c: add(p_dir(c), ew(g("rh")(c), v(c, "r"))))
    dsig = lambda u: sig(u) * (1 - sig(u))
    R(L("\\Delta_{g_6}L = "), g("zr"), lambda c: ew(g("r")(c), dsig(v(c, "zr"))))
    R(L("\\Delta_{g_4}L = \\Delta_{g_5}L"), g("zr"), lambda c: (g("zr")(c), g("zr")(c)))
    R(L("\\Delta_{W_{rx}}L = "), lambda c: c.gps("Wr", t), lambda c: mm(g("zr")(c), x(c).T))
    R(L("\\Delta_{x_t}L += W_{rx}^T"), lambda c: add(px_n(c), px_r(c)),
      lambda c: add(px_n(c), mm(Wrx.T, g("zr")(c))))
    R(L("\\Delta_{W_{rh}}L = "), lambda c: c.gps("Ur", t), lambda c: mm(g("zr")(c), hp(c).T))
    R(L("\\Delta_{h_{t-1}}L += W_{rh}^T"), lambda c: add(p_dir(c), p_rh(c), p_r(c)),
      lambda c: add(p_dir(c), p_rh(c), mm(Wrh.T, g("zr")(c))))
    R(L("\\Delta_{g_3}L = "), g("zz"), lambda c: ew(g("z")(c), dsig(v(c, "zz"))))
    R(L("\\Delta_{g_1}L = \\Delta_{g_2}L"), g("zz"), lambda c: (g("zz")(c), g("zz")(c)))
    R(L("\\Delta_{W_{zx}}L = "), lambda c: c.gps("Wz", t), lambda c: mm(g("zz")(c), x(c).T))
    R(L("\\Delta_{x_t}L += W_{zx}^T"), lambda c: col(c.g("x", t)),
      lambda c: add(px_n(c), px_r(c), mm(Wzx.T, g("zz")(c))))
    R(L("\\Delta_{W_{zh}}L = "), lambda c: c.gps("Uz", t), lambda c: mm(g("zz")(c), hp(c).T))
    R(L("\\Delta_{h_{t-1}}L += W_{zh}^T"), lambda c: col(c.gin("h", t)),
      lambda c: add(p_dir(c), p_rh(c), p_r(c), mm(Wzh.T, g("zz")(c))))
