"""Oracle rules of suarez_ucb_rnn_lstm_gru_slides (F. Suarez, UCB "NLP y Analisis Semantico", Semana 6 slides S1-S3).

Column vectors, weights on the left.  Elman RNN h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), y_t = W_hy h_t + b_y:
core names W_xh = Wa, W_hh = Ua, b_h = ba, W_hy = V, b_y = c.  S1's BPTT display: L = sum_t L_t with a softmax +
cross-entropy L_t on y_t (core head "softmax"), evaluated at T = 4.  S2's dL/dh_k display: S2's diagram puts the
loss on h_T only (core head "last", a linear loss R_T . h_T), k = 2.  Jacobians in numerator layout (rows =
outputs), products in chain order; dh_k/dW_hh at the end of a chain is the immediate derivative (W_hh perturbed in
step k only), a tensor H x H x H contracted with the row on its first axis.  LSTM: W_k [h_{t-1}, x_t] + b_k is
core U_k h_{t-1} + W_k x_t + b_k, i.e. the slides' W_k = [U_k  W_k] (h_{t-1} block first); candidate c~ = core g.
GRU: core GRU with the reset before the matrix and h_t = (1 - z) h_{t-1} + z h~ (gru_form "new").  Rows at t = 3."""
import os

import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, sig

SID = "suarez_ucb_rnn_lstm_gru_slides"

# line of every display in the .tex, with a fragment the line must contain (checked below)
LINES = {
    "s1_rec": (19, "h_t = f(h_{t-1}, x_t)"), "s1_h": (21, "b_h)$$"), "s1_y": (22, "y_t = W_{hy}"),
    "s1_bptt": (29, "\\partial W_{hh}} = \\sum_{t=1}^{T}"), "s1_prod": (31, "\\prod_{j=k+1}^{t} W_{hh}^T"),
    "s2_h": (36, "b_h)$$"), "s2_dLdhk": (42, "\\partial h_k}"), "s2_jac": (44, "\\left(1 - h_j^2\\right)"),
    "s2_h2": (48, "+ b)$$"), "s2_f": (50, "(olvido)"), "s2_i": (51, "(entrada)"), "s2_o": (52, "(salida)"),
    "s2_g": (54, "(candidato)"), "s2_c": (55, "(celda)"), "s2_hl": (56, "\\tanh(c_t) \\quad \\text{(salida)}"),
    "s2_f2": (61, "f_t = \\sigma(W_f \\cdot"), "s2_ig": (63, "\\qquad"), "s2_c2": (65, "$$\\boxed{c_t"),
    "s2_o2": (68, "o_t = \\sigma(W_o \\cdot"), "s2_hl2": (69, "$$h_t = o_t"), "s2_c3": (71, "$$c_t = f_t"),
    "s2_dcdc": (72, "= f_t$$"), "s2_jac2": (74, "(1-h_t^2)"), "s2_dcdc2": (77, "sin } W_{hh}"),
    "s2_bf": (80, "olvidar"), "s2_bi": (81, "escribir"), "s2_bg": (82, "Info candidata"),
    "s2_bc": (83, "Nueva memoria"), "s2_bo": (84, "leer"), "s2_bh": (85, "Salida}"),
    "s3_f": (88, "$$f_t"), "s3_i": (89, "$$i_t"), "s3_g": (90, "$$\\tilde{c}_t"), "s3_c": (91, "$$c_t"),
    "s3_o": (92, "$$o_t"), "s3_h": (93, "$$h_t = o_t"), "s3_r": (95, "(reset)"), "s3_z": (96, "(actualiz"),
    "s3_n": (98, "\\tilde{h}_t = \\tanh"), "s3_hg": (99, "\\boxed{h_t = (1 - z_t)"), "s3_r2": (104, "$$r_t"),
    "s3_hg2": (106, "$$h_t = (1 - z_t)"),
}


def _check_lines():
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), SID + ".tex"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    for key, (n, frag) in LINES.items():
        assert frag in lines[n - 1] and lines[n - 1].startswith("$$"), (key, n, frag, lines[n - 1])


@source
def _suarez(M):
    _check_lines()
    t, T, H = 3, 4, 3
    M["suarez_s1"] = Model("rnn", I=2, H=H, T=T, seed=1501, head="softmax", V=3)
    M["suarez_s2"] = Model("rnn", I=2, H=H, T=T, seed=1502, head="last")
    M["suarez_lstm"] = Model("lstm", I=2, H=H, T=T, seed=1503)
    M["suarez_gru"] = Model("gru", I=2, H=H, T=T, seed=1504, gru_form="new", gru_reset="before")

    def R(key, m, lhs, rhs):
        rule(SID, LINES[key][0], m, lhs, rhs)

    v = lambda c, n, s: col(c.v(n, s))

    # ---- Elman RNN (S1, S2) ----
    def elman(m):
        P = M[m].P
        return lambda c, s: np.tanh(mm(P["Wa"], v(c, "x", s)) + mm(P["Ua"], v(c, "h", s - 1)) + col(P["ba"]))
    e1, e2 = elman("suarez_s1"), elman("suarez_s2")
    R("s1_rec", "suarez_s1", lambda c: v(c, "h", t), lambda c: e1(c, t))
    R("s1_h", "suarez_s1", lambda c: v(c, "h", t), lambda c: e1(c, t))
    P1 = M["suarez_s1"].P
    R("s1_y", "suarez_s1", lambda c: v(c, "logit", t), lambda c: mm(P1["V"], v(c, "h", t)) + col(P1["c"]))
    for key in ("s2_h", "s2_h2"):
        R(key, "suarez_s2", lambda c: v(c, "h", t), lambda c: e2(c, t))

    J = lambda c, s: c.jac("h", s, ("hin", s), (H,))             # d h_s / d h_{s-1} (local Jacobian)

    def chain(mats):
        out = np.eye(H)
        for a_ in mats:
            out = mm(out, a_)
        return out

    def s1_bptt(c):
        # link 1: sum_t dL_t/dW_hh (forward-mode derivative of each step's loss)
        link1 = sum(c.dq("l", s, "Ua")[0] for s in range(1, T + 1))
        # link 2: sum_t sum_k dL_t/dh_t (prod_{j=k+1}^t dh_j/dh_{j-1}) dh_k/dW_hh (immediate)
        link2 = np.zeros((H, H))
        for s in range(1, T + 1):
            row = c.gout(s).reshape(1, H)                      # dL_s/dh_s: the head of step s only
            for k in range(1, s + 1):
                imm = c.jac("h", k, ("P:Ua", k), (H, H))
                link2 = link2 + np.tensordot(mm(row, chain([J(c, j) for j in range(s, k, -1)])).ravel(), imm, axes=1)
        return link1, link2
    R("s1_bptt", "suarez_s1", lambda c: c.gp("Ua"), s1_bptt)

    Whh1 = P1["Ua"]
    # prod_{j=k+1}^{t} dh_j/dh_{j-1} at t = 3, k = 1 (chain order) vs prod W_hh^T diag(1 - h_j^2) (written order)
    R("s1_prod", "suarez_s1", lambda c: chain([J(c, j) for j in range(t, 1, -1)]),
      lambda c: chain([mm(Whh1.T, np.diag(1 - c.v("h", j) ** 2)) for j in range(2, t + 1)]))

    Whh2 = M["suarez_s2"].P["Ua"]
    k = 2
    R("s2_dLdhk", "suarez_s2", lambda c: c.g("h", k).reshape(1, H),
      lambda c: mm(c.g("h", T).reshape(1, H), chain([J(c, j) for j in range(T, k, -1)])))
    for key in ("s2_jac", "s2_jac2"):
        R(key, "suarez_s2", lambda c: J(c, t), lambda c: mm(Whh2.T, np.diag(1 - c.v("h", t) ** 2)))

    # ---- LSTM ----
    PL = M["suarez_lstm"].P
    hx = lambda c: np.vstack([v(c, "h", t - 1), v(c, "x", t)])
    Wcat = {q: np.hstack([PL["U" + q], PL["W" + q]]) for q in "ifog"}
    gate = lambda q, f: (lambda c: f(mm(Wcat[q], hx(c)) + col(PL["b" + q])))
    lf, li, lo, lg = gate("f", sig), gate("i", sig), gate("o", sig), gate("g", np.tanh)
    cell = lambda c: add(ew(v(c, "f", t), v(c, "c", t - 1)), ew(v(c, "i", t), v(c, "g", t)))
    hid = lambda c: ew(v(c, "o", t), np.tanh(v(c, "c", t)))
    m = "suarez_lstm"
    for keys, name, rhs in ((("s2_f", "s2_f2", "s2_bf", "s3_f"), "f", lf), (("s2_i", "s2_bi", "s3_i"), "i", li),
                            (("s2_o", "s2_o2", "s2_bo", "s3_o"), "o", lo), (("s2_g", "s2_bg", "s3_g"), "g", lg),
                            (("s2_c", "s2_c2", "s2_c3", "s2_bc", "s3_c"), "c", cell),
                            (("s2_hl", "s2_hl2", "s2_bh", "s3_h"), "h", hid)):
        for key in keys:
            R(key, m, (lambda name: lambda c: v(c, name, t))(name), rhs)
    # two definitions in one display: compared together (i_t stacked over c~_t)
    R("s2_ig", m, lambda c: np.vstack([v(c, "i", t), v(c, "g", t)]), lambda c: np.vstack([li(c), lg(c)]))
    # dc_t/dc_{t-1}: the partial derivative of the row c_t = f_t o c_{t-1} + i_t o c~_t by its argument c_{t-1}
    # (c_{t-1} perturbed only where step t reads it in that row, h_{t-1} held: the slide's "sin W_hh, sin tanh'"
    # path, the corpus' reading of calvinfeng_lstm_backprop line 81), an element-wise Jacobian compared as its
    # diagonal with the vector f_t (a full matrix, if it were not diagonal, would not match a vector)
    def dcdc(c):
        J = c.jac("c", t, ("cin", t), (H,))
        off = J - np.diag(np.diag(J))
        return np.diag(J) if np.max(np.abs(off)) <= 1e-8 else J
    for key in ("s2_dcdc", "s2_dcdc2"):
        R(key, m, dcdc, lambda c: c.v("f", t))

    # ---- GRU ----
    PG = M["suarez_gru"].P
    mg = "suarez_gru"
    gcat = lambda q: np.hstack([PG["U" + q], PG["W" + q]])
    gr = lambda c: sig(mm(gcat("r"), hx(c)) + col(PG["br"]))
    gz = lambda c: sig(mm(gcat("z"), hx(c)) + col(PG["bz"]))
    gn = lambda c: np.tanh(mm(gcat("n"), np.vstack([ew(v(c, "r", t), v(c, "h", t - 1)), v(c, "x", t)])) + col(PG["bn"]))
    gh = lambda c: add(ew(1 - v(c, "z", t), v(c, "h", t - 1)), ew(v(c, "z", t), v(c, "n", t)))
    for key in ("s3_r", "s3_r2"):
        R(key, mg, lambda c: v(c, "r", t), gr)
    R("s3_z", mg, lambda c: v(c, "z", t), gz)
    R("s3_n", mg, lambda c: v(c, "n", t), gn)
    for key in ("s3_hg", "s3_hg2"):
        R(key, mg, lambda c: v(c, "h", t), gh)
