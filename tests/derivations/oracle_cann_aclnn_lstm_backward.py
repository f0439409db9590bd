"""Oracle rules of cann_aclnn_lstm_backward (Huawei CANN ops-nn, aclnnLstmBackward docs, English version).
Column vectors; z_t = [h_{t-1}; x_t] (h first), the doc's W_k = [U_k W_k] of the core (H x (H + I)), its biases
b_f, b_i, b_c (candidate), b_o = the core's bf, bi, bg, bo.  L = sum_t R_t . h_t (linear head), T = 4, t = 3.
delta h_t, delta c_t total gradients; delta o/g/i/f_t the pre-activation gradients; delta h_next / delta c_next
/ f_next the carriers set by the '<-' rows (what reaches h_t / c_t through step t+1, f_{t+1}); '+=' rows via
accumulate().  The multi-layer row takes the LSTM's input sequence x_1..x_T as h^{(l-1)} and its outputs as
h^{(l)} (dL/dh^{(l)} = what the head sends to each h_s, the Jacobian the total one of the layer)."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, row, sig, diag, undefined, accumulate, line_finder

SID = "cann_aclnn_lstm_backward"


def finder():
    return line_finder(SID, unique=True)


@source
def _cann_lstm(M):
    m, t = "cann_aclnn_lstm", 3
    M[m] = Model("lstm", I=2, H=3, T=4, seed=911)
    mod = M[m]
    P, H, I, T = mod.P, mod.H, mod.I, mod.T
    Wd = {k: np.hstack([P["U" + k], P["W" + k]]) for k in "ifog"}
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))
    z = lambda c, s=t: np.vstack([v(c, "h", s - 1), v(c, "x", s)])
    d = lambda c, k, s=t: col(c.g("z" + k, s))              # delta k_t: pre-activation gradients
    # forward
    R(L("\\mathbf{z}_t = \\begin{bmatrix}"), lambda c: np.concatenate([c.v("h", t - 1), c.v("x", t)]).reshape(-1, 1), z)
    for frag, k, act in (("\\mathbf{f}_t = \\sigma", "f", sig), ("\\mathbf{i}_t = \\sigma", "i", sig),
                         ("\\mathbf{g}_t = \\tanh", "g", np.tanh), ("\\mathbf{o}_t = \\sigma", "o", sig)):
        R(L(frag), (lambda k: lambda c: v(c, k))(k),
          (lambda k, act: lambda c: act(mm(Wd[k], z(c)) + col(P["b" + k])))(k, act))
    R(L("$\\mathbf{c}_t = \\mathbf{f}_t"), lambda c: v(c, "c"),
      lambda c: add(ew(v(c, "f"), v(c, "c", t - 1)), ew(v(c, "i"), v(c, "g"))))
    R(L("$\\mathbf{h}_t = \\mathbf{o}_t"), lambda c: v(c, "h"), lambda c: ew(v(c, "o"), np.tanh(v(c, "c"))))
    R(L("L = \\sum_{t=1}^{T} L_t"), lambda c: np.array([c.L]), lambda c: sum(c.v("l", s) for s in range(1, T + 1)))
    dh = lambda c, s=t: col(c.g("h", s))
    dc = lambda c, s=t: col(c.g("c", s))
    R(L("$\\delta\\mathbf{h}_t = \\frac{\\partial L}{\\partial \\mathbf{h}_t}$"), dh, dh)
    R(L("$\\delta\\mathbf{c}_t = \\frac{\\partial L}{\\partial \\mathbf{c}_t}$"), dc, dc)
    # initialization (step T exists: L sums L_1..L_T)
    R(L("\\delta\\mathbf{h}_{T} = \\mathbf{0}"),
      lambda c: np.concatenate([c.g("h", T), c.g("c", T), c.v("f", T)]), lambda c: np.zeros(3 * H))
    # loop body at step t
    dh_next = lambda c: col(c.gin("h", t + 1))               # delta h_prev of step t+1
    dc_next = lambda c: col(c.gin("c", t + 1))               # delta c_prev of step t+1 = delta c_{t+1} o f_{t+1}
    R(L("\\delta\\mathbf{h}_t = \\frac{\\partial L_t}{\\partial \\mathbf{h}_t} + "), dh,
      lambda c: add(col(c.gout(t)), dh_next(c)))
    R(L("$$ \\delta\\mathbf{c}_t = \\delta\\mathbf{h}_t \\odot"), dc,
      lambda c: add(ew(dh(c), v(c, "o"), 1 - np.tanh(v(c, "c")) ** 2), ew(dc_next(c), v(c, "f", t + 1))))
    R(L("\\delta\\mathbf{o}_t = \\delta\\mathbf{h}_t"), lambda c: d(c, "o"),
      lambda c: ew(dh(c), np.tanh(v(c, "c")), v(c, "o"), 1 - v(c, "o")))
    R(L("\\delta\\mathbf{g}_t = \\delta\\mathbf{c}_t"), lambda c: d(c, "g"),
      lambda c: ew(dc(c), v(c, "i"), 1 - v(c, "g") ** 2))
    R(L("\\delta\\mathbf{i}_t = \\delta\\mathbf{c}_t"), lambda c: d(c, "i"),
      lambda c: ew(dc(c), v(c, "g"), v(c, "i"), 1 - v(c, "i")))
    R(L("$$ \\delta\\mathbf{f}_t = \\delta\\mathbf{c}_t"), lambda c: d(c, "f"),
      lambda c: ew(dc(c), v(c, "c", t - 1), v(c, "f"), 1 - v(c, "f")))
    # accumulations
    for k in "figo":
        gW = (lambda k: lambda c: (lambda s: np.hstack([c.gps("U" + k, s), c.gps("W" + k, s)])))(k)
        gb = (lambda k: lambda c: (lambda s: col(c.gps("b" + k, s))))(k)
        R(L("\\mathbf{W}_%s} \\mathrel{+}=" % k), (lambda gW: lambda c: accumulate(c, gW(c), t, 0)[0])(gW),
          (lambda gW, k: lambda c: accumulate(c, gW(c), t, mm(d(c, k), z(c).T))[1])(gW, k))
        if k == "g":
            R(L("\\mathbf{b}_g} \\mathrel{+}="), (lambda gb: lambda c: accumulate(c, gb(c), t, 0)[0])(gb),
              undefined("b_g is not defined (the forward names the candidate's bias b_c)"))
        else:
            R(L("\\mathbf{b}_%s} \\mathrel{+}=" % k), (lambda gb: lambda c: accumulate(c, gb(c), t, 0)[0])(gb),
              (lambda gb, k: lambda c: accumulate(c, gb(c), t, d(c, k))[1])(gb, k))
    # propagation
    dz = lambda c: add(*[mm(Wd[k].T, d(c, k)) for k in "figo"])
    R(L("\\delta\\mathbf{z}_t = \\mathbf{W}_f^\\top"), lambda c: np.vstack([col(c.gin("h", t)), col(c.g("x", t))]), dz)
    R(L("\\delta\\mathbf{h}_{\\text{prev}} = \\delta\\mathbf{z}_t[1:"), lambda c: col(c.gin("h", t)), lambda c: dz(c)[:H])
    R(L("\\delta\\mathbf{c}_{\\text{prev}} = \\delta\\mathbf{c}_t"), lambda c: col(c.gin("c", t)), lambda c: ew(dc(c), v(c, "f")))
    R(L("\\delta\\mathbf{h}_{\\text{next}} \\leftarrow"), lambda c: col(c.gin("h", t)), lambda c: dz(c)[:H])
    R(L("\\delta\\mathbf{c}_{\\text{next}} \\leftarrow"), lambda c: col(c.gin("c", t)), lambda c: ew(dc(c), v(c, "f")))
    R(L("\\mathbf{f}_{\\text{next}} \\leftarrow"), lambda c: v(c, "f"), lambda c: v(c, "f"))
    # principle
    Jhc = lambda c: c.jac("h", t, ("c:h", t), (H,))          # dh_t/dc_t (partial)
    Jcc = lambda c, s=t + 1: c.jac("c", s, ("cin", s), (H,))  # dc_s/dc_{s-1}, direct (h_{s-1} held)
    R(L("\\delta\\mathbf{c}_t = \\frac{\\partial L}{\\partial \\mathbf{h}_t} \\frac"), lambda c: row(c.g("c", t)),
      lambda c: add(mm(row(c.g("h", t)), Jhc(c)), mm(row(c.g("c", t + 1)), Jcc(c))))
    R(L("\\frac{\\partial \\mathbf{h}_t}{\\partial \\mathbf{c}_t} = "), Jhc,
      lambda c: diag(c.v("o", t) * (1 - np.tanh(c.v("c", t)) ** 2)))
    R(L("\\frac{\\partial \\mathbf{c}_{t+1}}{\\partial \\mathbf{c}_t} = "), Jcc, lambda c: diag(c.v("f", t + 1)))
    R(L("\\frac{\\partial L}{\\partial \\mathbf{a}_f^t} ="), lambda c: d(c, "f"),
      lambda c: (d(c, "f"), ew(dc(c), v(c, "c", t - 1), v(c, "f"), 1 - v(c, "f"))))
    R(L("\\frac{\\partial L}{\\partial \\mathbf{W}_f} = \\sum"), lambda c: np.hstack([c.gp("Uf"), c.gp("Wf")]),
      lambda c: sum(mm(d(c, "f", s), z(c, s).T) for s in range(1, T + 1)))
    R(L("\\frac{\\partial \\mathbf{c}_T}{\\partial \\mathbf{c}_1} = \\prod"),
      lambda c: np.linalg.multi_dot([Jcc(c, s) for s in range(T, 1, -1)]),
      lambda c: diag(np.prod([c.v("f", s) for s in range(2, T + 1)], axis=0)))
    # multi-layer: h^{(l-1)} = the input sequence x_1..x_T, h^{(l)} = the outputs h_1..h_T
    J = lambda c: np.block([[c.jac("h", s, ("x", r), (I,)) for r in range(1, T + 1)] for s in range(1, T + 1)])
    R(L("\\frac{\\partial L}{\\partial \\mathbf{h}^{(l-1)}} = "),
      lambda c: row(np.concatenate([c.g("x", r) for r in range(1, T + 1)])),
      lambda c: mm(row(np.concatenate([c.gout(s) for s in range(1, T + 1)])), J(c)))
