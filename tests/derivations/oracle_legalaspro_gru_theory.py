"""Oracle rules of legalaspro_gru_theory (D. Manajev's "THEORY OFFTOPIC" cell of simple-gru.ipynb): column
vectors, subscript time; z weights the old state, h_t = z h_{t-1} + (1 - z) h~ (core gru_form "old"); the reset
gate multiplies (W_h~ h_{t-1} + b_h~h) as in PyTorch (core gru_reset "after").  Names: section 1 W_{xz} = U_z =
core Wz, W_{hz} = W_z = core Uz (r alike), W_{xh~} = U_h~ = core Wn, W_{hh~} = W_h~ = core Un, b_{h~x} = core bn,
b_{h~h} = core bhn; (pre_act) = core zn.  dX is dL/dX; dz_t, dr_t name the gate outputs' gradients until the
rows that multiply in the sigmoid derivative, the pre-activations' afterwards; d h_{t-1}^{(label)} is one path's
contribution to h_{t-1} through step t.  A derivative of a vector by a vector is its Jacobian; the text writes a
diagonal Jacobian as the vector of its diagonal.  L: linear loss (no output layer in the cell)."""
import numpy as np

from oracle import Model, rule, source, accumulate, add, ew, mm, col, sig, IllTyped, line_finder

SID = "legalaspro_gru_theory"


def finder():
    return line_finder(SID)


@source
def _legalaspro_gru(M):
    m, t, H, I = "legalaspro_gru_theory", 3, 3, 2
    M[m] = Model("gru", I=I, H=H, T=4, seed=907, gru_form="old", gru_reset="after")
    P = M[m].P
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))
    g = lambda n: (lambda c: col(c.g(n, t)))
    gh = lambda n: (lambda c: col(c.gh(n, t)))
    x = lambda c: v(c, "x")
    hp = lambda c: v(c, "h", t - 1)
    cb = lambda k: col(P[k])
    Uz, Wz, Ur, Wr, Uh, Wh = P["Wz"], P["Uz"], P["Wr"], P["Ur"], P["Wn"], P["Un"]
    bz, br, bhx, bhh = cb("bz"), cb("br"), cb("bn"), cb("bhn")
    rec = lambda c: mm(Wh, hp(c)) + bhh                                  # W_h~ h_{t-1} + b_h~h
    pre = lambda c: mm(Uh, x(c)) + bhx + ew(v(c, "r"), rec(c))
    z_f = lambda c: sig(mm(Uz, x(c)) + mm(Wz, hp(c)) + bz)
    r_f = lambda c: sig(mm(Ur, x(c)) + mm(Wr, hp(c)) + br)
    hh_f = lambda c: np.tanh(pre(c))
    h_f = lambda c: add(ew(v(c, "z"), hp(c)), ew(1 - v(c, "z"), v(c, "n")))
    jac = lambda q, key, size=H: (lambda c: c.jac(q, t, (key, t), (size,)))
    D = lambda vec: np.diag(np.asarray(vec).ravel())
    # forward: section 1 (W_{xz} ... names), section 2 (U/W names), restatements
    for frag, nth in (("$$ z_t = \\sigma(W_{xz}", 0), ("$$ z_t = \\sigma(U_z", 0), ("$$ z_t = \\sigma(U_z", 1)):
        R(L(frag, nth), lambda c: v(c, "z"), z_f)
    for frag, nth in (("$$ r_t = \\sigma(W_{xr}", 0), ("$$ r_t = \\sigma(U_r", 0), ("$$ r_t = \\sigma(U_r", 1)):
        R(L(frag, nth), lambda c: v(c, "r"), r_f)
    for frag in ("$$ \\tilde{h}_t = \\tanh\\bigl(W_{x", "$$ \\tilde{h}_t = \\tanh\\bigl(U_", "$$ \\tilde{h}_t = \\tanh\\Bigl(U_"):
        R(L(frag), lambda c: v(c, "n"), hh_f)
    for frag, nth in (("$$ h_t = (1 - z_t)", 0), ("$$ h_t = z_t \\odot h_{t-1} \\;+", 0),
                      ("$$ h_t = z_t \\odot h_{t-1} + (1", 0), ("$h_t = z_t \\odot h_{t-1} + (1-z_t)", 0)):
        R(L(frag, nth), lambda c: v(c, "h"), h_f)
    R(L("$(pre\\_act) = U_"), lambda c: v(c, "zn"), pre)
    # 3: definitions and local partials (Jacobians; a vector on the right is a diagonal Jacobian)
    R(L("$$ dh_t \\equiv"), g("h"), g("h"))
    R(L("$$ \\frac{\\partial h_t}{\\partial z_t} = h_{t-1} \\;-"),
      lambda c: np.hstack([jac("h", "z")(c), jac("h", "hin:dir")(c), jac("h", "n")(c)]),
      lambda c: np.hstack([D(hp(c) - v(c, "n")), D(v(c, "z")), D(1 - v(c, "z"))]))
    R(L("$$ \\frac{\\partial h_t}{\\partial z_t} = h_{t-1} - "), jac("h", "z"), lambda c: D(hp(c) - v(c, "n")))
    R(L("$\\displaystyle dz_t = "), g("z"), lambda c: ew(g("h")(c), hp(c) - v(c, "n")))
    R(L("$$ dz_t = dh_t"), g("z"), lambda c: ew(g("h")(c), hp(c) - v(c, "n")))
    R(L("$\\displaystyle d h_{t-1}^{(from"), gh("hin:dir"), lambda c: ew(g("h")(c), v(c, "z")))
    R(L("$ d h_{t-1}^{(\\text{carry over})}"), gh("hin:dir"), lambda c: ew(g("h")(c), v(c, "z")))
    R(L("$\\displaystyle d\\tilde{h}_t = dh_t"), g("n"), lambda c: ew(g("h")(c), 1 - v(c, "z")))
    R(L("$$ \\frac{\\partial \\tilde{h}_t}{\\partial (pre"), jac("n", "zn"), lambda c: D(1 - v(c, "n") ** 2))
    R(L("$\\displaystyle d\\tilde{h}_t = \\Delta"), g("n"), lambda c: (g("n")(c), g("n")(c)))
    R(L("$\\displaystyle d(pre\\_act) = "), g("zn"), lambda c: ew(g("n")(c), 1 - v(c, "n") ** 2))
    R(L("$$ \\frac{\\partial (pre\\_act)}{\\partial x_t} = "),
      lambda c: np.hstack([jac("zn", "xin:n", I)(c), jac("zn", "hin:n")(c), jac("zn", "r")(c)]),
      lambda c: np.hstack([Uh, ew(v(c, "r"), Wh), D(rec(c))]))          # r_t (H x 1) odot W (H x H): ill-typed
    R(L("$$ \\frac{\\partial (pre\\_act)}{\\partial r_t} = W"), jac("zn", "r"), lambda c: D(rec(c)))
    # 3.3-3.5: gate gradients and the paths into h_{t-1}
    R(L("$$ dr_t = \\bigl["), g("r"), lambda c: ew(rec(c), g("zn")(c)))
    R(L("$$ d h_{t-1}^{(\\tilde{h})} = "), gh("hin:n"),                   # published error: W^T (r * dpre) meant
      lambda c: mm(ew(v(c, "r"), np.ones((H, 1))) * Wh.T, g("zn")(c)))
    R(L("$$ dr_t = ... \\quad"), gh("hin:r"), lambda c: mm(Wr.T, g("zr")(c)))
    R(L("$$ d h_{t-1}^{(\\text{candidate part})}"), lambda c: gh("hin:n")(c) + gh("hin:r")(c),
      lambda c: add(ew(v(c, "r"), mm(Wh.T, g("zn")(c))), mm(Wr.T, g("zr")(c))))   # published error as above
    R(L("$$ dz_t \\leftarrow"), g("zz"), lambda c: ew(g("z")(c), v(c, "z"), 1 - v(c, "z")))
    R(L("$$ d h_{t-1}^{(update)}"), gh("hin:z"), lambda c: mm(Wz.T, g("zz")(c)))
    # 4: the three accumulation rules, for every gate (z, r, candidate); the candidate's W-rule lacks r_t
    pre_g = {"z": g("zz"), "r": g("zr"), "n": g("zn")}
    acc = lambda c, pname, inc: accumulate(c, lambda s: c.gps(pname, s), t, inc)
    R(L("$\\frac{\\partial L}{\\partial U_{(\\cdot)}}"),
      lambda c: np.vstack([acc(c, "W" + k, 0)[0] for k in "zrn"]),
      lambda c: np.vstack([acc(c, "W" + k, mm(pre_g[k](c), x(c).T))[1] for k in "zrn"]))
    R(L("$\\frac{\\partial L}{\\partial W_{(\\cdot)}}"),
      lambda c: np.vstack([acc(c, "U" + k, 0)[0] for k in "zrn"]),
      lambda c: np.vstack([acc(c, "U" + k, mm(pre_g[k](c), hp(c).T))[1] for k in "zrn"]))
    R(L("$\\frac{\\partial L}{\\partial b_{(\\cdot)}}"),                 # b_z, b_r and b_h~x (the bias inside pre_act)
      lambda c: np.vstack([col(acc(c, "b" + k, 0)[0]) for k in "zrn"]),
      lambda c: np.vstack([col(acc(c, "b" + k, pre_g[k](c).ravel())[1]) for k in "zrn"]))
