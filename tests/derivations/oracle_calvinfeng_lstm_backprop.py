"""Oracle rules of calvinfeng_lstm_backprop (Calvin Feng, "LSTM Recurrent Neural Network", Machine Learning
Notebook, 2020).  Three models: the RNN the post recalls (no biases: W_hh = core Ua, W_xh = core Wa); the LSTM
of the first forward displays, stated without biases ("I omitted biases in above equations"); the LSTM with
biases of the "non-matrix form" and of the backward section (softmax head, as the post's example model).
Author's W_{hk} = core U_k, W_{xk} = core W_k for k in i, f, o, g (W_{gx} = core W_g, W_{gh} = core U_g, the
o-blocks are called W_{hho}, W_{xho} in one display and W_{ho}, W_{xo} in another); the stacked W of the
first display is [[U_i W_i]; [U_f W_f]; [U_o W_o]; [U_g W_g]] on (h_{t-1}; x_t); the backward section uses
row vectors, x W_x + h_{t-1} W_h + b with W_x = [W_i^T W_f^T W_o^T W_g^T] (D x 4H), W_h likewise (H x 4H),
gates stacked [i, f, o, g] as the post's code; A = those stacked pre-activations.  Bare i, f, o, g, x are the
step's gates and input (the post defines them bare).  Backward readings (the post's own, stated in its prose
and code): dL/dc_t is the "upstream" gradient of the cell state, what step t+1 sends back to c_t
(grad_next_cell_state: gin('c', t+1)); dL/dh_t is the full upstream gradient of h_t (head + step t+1: the
total); dL/dc_{t-1} is likewise what step t sends to c_{t-1} (gin('c', t)); dL/dW_x, dL/dW_h, dL/db are step
t's contributions (the code accumulates them over steps); dL/dh_0 is the A of step 1.  A product of a
gradient and a Jacobian contracts the Jacobian's output index (Jacobians computed numerically); an
element-wise Jacobian (dh_t/dc_t, dc_t/dc_{t-1}) is compared as its diagonal after checking that it is
diagonal.  Rows at t = 3 (dL/dh_0 at t = 1)."""
import numpy as np

from oracle import Model, rule, source, IllTyped, sig

SID = "calvinfeng_lstm_backprop"
ACT = {"i": sig, "f": sig, "o": sig, "g": np.tanh}


def chain(gv, J):
    return np.tensordot(np.asarray(gv).ravel(), J, axes=(0, 0))


def diag_of(J):
    off = J - np.diag(np.diag(J))
    if np.max(np.abs(off)) > 1e-8:
        return J                      # not element-wise: compared as the full matrix (shape mismatch)
    return np.diag(J)


@source
def _calvinfeng(M):
    t = 3
    # ---- the recalled RNN (no biases)
    mr = "calvinfeng_rnn"
    M[mr] = Model("rnn", I=2, H=3, T=4, seed=2020, bias=False)
    Pr = M[mr].P
    R = lambda line, lhs, rhs, m=mr: rule(SID, line, m, lhs, rhs)
    hx = lambda c, s=t: np.concatenate([c.v("h", s - 1), c.v("x", s)])
    R(14, lambda c: c.v("h", t), lambda c: np.tanh(Pr["Ua"] @ c.v("h", t - 1) + Pr["Wa"] @ c.v("x", t)))
    Wr = np.hstack([Pr["Ua"], Pr["Wa"]])                                 # (W_hh W_xh), then named W
    R(15, lambda c: c.v("h", t), lambda c: np.tanh(Wr @ hx(c)))
    R(16, lambda c: c.v("h", t), lambda c: np.tanh(Wr @ hx(c)))

    # ---- the LSTM of the first displays (no biases)
    mn = "calvinfeng_lstm_nobias"
    M[mn] = Model("lstm", I=2, H=3, T=4, seed=2021, bias=False)
    Pn = M[mn].P
    Rn = lambda line, lhs, rhs: rule(SID, line, mn, lhs, rhs)
    H = 3
    Wst = np.vstack([np.hstack([Pn["U" + k], Pn["W" + k]]) for k in "ifog"])   # 4H x (H+I)

    def stacked_act(c):
        a = Wst @ hx(c)
        return np.concatenate([ACT[k](a[j * H:(j + 1) * H]) for j, k in enumerate("ifog")])
    Rn(32, lambda c: np.concatenate([c.v(k, t) for k in "ifog"]), stacked_act)
    vn = lambda c, n, s=t: c.v(n, s)
    pre = lambda c, k, P: P["U" + k] @ vn(c, "h", t - 1) + P["W" + k] @ vn(c, "x")
    Rn(36, lambda c: vn(c, "c"), lambda c: vn(c, "f") * vn(c, "c", t - 1) + vn(c, "i") * vn(c, "g"))
    Rn(37, lambda c: vn(c, "c"), lambda c: sig(pre(c, "f", Pn)) * vn(c, "c", t - 1)
       + sig(pre(c, "i", Pn)) * np.tanh(pre(c, "g", Pn)))
    Rn(41, lambda c: vn(c, "h"), lambda c: vn(c, "o") * np.tanh(vn(c, "c")))
    Rn(42, lambda c: vn(c, "h"), lambda c: sig(pre(c, "o", Pn)) * np.tanh(vn(c, "c")))

    # ---- the LSTM with biases (non-matrix form, backward section)
    m = "calvinfeng_lstm"
    M[m] = Model("lstm", I=2, H=3, T=4, seed=2022, head="softmax", V=3)
    P = M[m].P
    I = 2
    Rb = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: c.v(n, s)
    preb = lambda c, k: P["U" + k] @ v(c, "h", t - 1) + P["W" + k] @ v(c, "x") + P["b" + k]
    for line, k in ((53, "f"), (54, "i"), (55, "o")):
        Rb(line, (lambda k: lambda c: v(c, k))(k), (lambda k: lambda c: sig(preb(c, k)))(k))
    Rb(57, lambda c: v(c, "c"), lambda c: v(c, "f") * v(c, "c", t - 1) + v(c, "i") * np.tanh(preb(c, "g")))
    Rb(58, lambda c: v(c, "h"), lambda c: v(c, "o") * np.tanh(v(c, "c")))
    # row-vector form: x W_x + h_{t-1} W_h + b, stacked [i, f, o, g]
    Wx = np.hstack([P["W" + k].T for k in "ifog"])     # D x 4H
    Wh = np.hstack([P["U" + k].T for k in "ifog"])     # H x 4H
    bb = np.concatenate([P["b" + k] for k in "ifog"])

    def row_act(c):
        a = v(c, "x")[None, :] @ Wx + v(c, "h", t - 1)[None, :] @ Wh + bb[None, :]
        return np.hstack([ACT[k](a[:, j * H:(j + 1) * H]) for j, k in enumerate("ifog")])
    Rb(70, lambda c: np.hstack([v(c, k)[None, :] for k in "ifog"]), row_act)
    Rb(73, lambda c: v(c, "c"), lambda c: v(c, "f") * v(c, "c", t - 1) + v(c, "i") * v(c, "g"))
    Rb(75, lambda c: v(c, "h"), lambda c: v(c, "o") * np.tanh(v(c, "c")))
    # local Jacobians
    J_hc = lambda c: c.jac("h", t, ("c", t), (H,))
    J_cc = lambda c: c.jac("c", t, ("cin", t), (H,))
    J_cq = lambda c, q: c.jac("c", t, (q, t), (H,))
    Rb(80, lambda c: diag_of(J_hc(c)), lambda c: v(c, "o") * (1 - np.tanh(v(c, "c")) ** 2))
    Rb(81, lambda c: diag_of(J_cc(c)), lambda c: v(c, "f"))
    up_c = lambda c: c.gin("c", t + 1)          # the upstream dL/dc_t (from step t+1)
    dh = lambda c: c.g("h", t)                  # the upstream dL/dh_t (head + step t+1)
    Rb(84, lambda c: c.gin("c", t), lambda c: chain(up_c(c), J_cc(c)) + chain(chain(dh(c), J_hc(c)), J_cc(c)))
    for line, q in ((86, "i"), (87, "f"), (89, "g")):
        Rb(line, (lambda q: lambda c: c.g(q, t))(q),
           (lambda q: lambda c: chain(up_c(c), J_cq(c, q)) + chain(chain(dh(c), J_hc(c)), J_cq(c, q)))(q))
    Rb(88, lambda c: c.g("o", t), lambda c: chain(dh(c), c.jac("h", t, ("o", t), (H,))))
    # A = stacked pre-activations [z_i, z_f, z_o, z_g] (a row of 4H)
    dA = lambda c, s=t: np.concatenate([c.g("z" + k, s) for k in "ifog"])

    def dA_dWx(c):                               # (4H, D, 4H): dA_j / dWx[d, col]
        T = np.zeros((4 * H, I, 4 * H))
        for j, k in enumerate("ifog"):
            Jk = c.jac("z" + k, t, ("P:W" + k, t), (H, I))          # (H, H, I): dz_a / dW_k[m, d]
            T[j * H:(j + 1) * H, :, j * H:(j + 1) * H] = np.transpose(Jk, (0, 2, 1))
        return T

    def dA_dWh(c):
        T = np.zeros((4 * H, H, 4 * H))
        for j, k in enumerate("ifog"):
            Jk = c.jac("z" + k, t, ("P:U" + k, t), (H, H))
            T[j * H:(j + 1) * H, :, j * H:(j + 1) * H] = np.transpose(Jk, (0, 2, 1))
        return T

    def dA_db(c):
        T = np.zeros((4 * H, 4 * H))
        for j, k in enumerate("ifog"):
            T[j * H:(j + 1) * H, j * H:(j + 1) * H] = c.jac("z" + k, t, ("P:b" + k, t), (H,))
        return T

    def dA_din(c, key, s, n):
        return np.vstack([c.jac("z" + k, s, (key, s), (n,)) for k in "ifog"])

    Rb(91, lambda c: np.hstack([c.gps("W" + k, t).T for k in "ifog"]), lambda c: chain(dA(c), dA_dWx(c)))
    Rb(92, lambda c: np.hstack([c.gps("U" + k, t).T for k in "ifog"]), lambda c: chain(dA(c), dA_dWh(c)))
    Rb(93, lambda c: np.concatenate([c.gps("b" + k, t) for k in "ifog"]), lambda c: chain(dA(c), dA_db(c)))
    Rb(94, lambda c: c.g("x", t), lambda c: chain(dA(c), dA_din(c, "x", t, I)))
    Rb(95, lambda c: c.g("h", 0), lambda c: chain(dA(c, 1), dA_din(c, "hin", 1, H)))
