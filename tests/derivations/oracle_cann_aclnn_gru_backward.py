"""Oracle rules of cann_aclnn_gru_backward (Huawei CANN ops-nn, aclnnGRUBackward docs, in Chinese).
Column vectors; PyTorch-style GRU (core gru_reset "after": n = tanh(W_n x + b_n + r o (U_n h + b_hn)),
core gru_form "old": h = z o h_{t-1} + (1 - z) o n).  The doc's two biases b_ir + b_hr (and b_iz + b_hz) are a
split of the core's b_r (b_z): b_hr is drawn at random and b_ir = b_r - b_hr.  W_ih / W_hh / b_ih / b_hh stack the
gates in the order of the doc's dlin rows (update, reset, candidate).  dy_t = the loss gradient reaching h_t
from the head (gout), dh_next = what step t+1 sends back to h_t (gin at t+1), dh_t = total dL/dh_t; dz_t, dr_t,
dh_{\\tilde h t} the pre-activation gradients; the gradient at lin_hh's candidate block (U_n h + b_hn) is the
step-t gradient of b_hn.  += rows: accumulate() over the backward sweep.  Loss: linear, T = 4, t = 3."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, sig, undefined, accumulate, IllTyped, line_finder

SID = "cann_aclnn_gru_backward"


def finder():
    return line_finder(SID, unique=True)


@source
def _cann_gru(M):
    m, t = "cann_aclnn_gru", 3
    M[m] = Model("gru", I=2, H=3, T=4, seed=907, gru_form="old", gru_reset="after")
    mod = M[m]
    P, H, I = mod.P, mod.H, mod.I
    rng = np.random.default_rng(908)
    b_hr, b_hz = rng.normal(0, 0.3, H), rng.normal(0, 0.3, H)
    b_ir, b_iz = P["br"] - b_hr, P["bz"] - b_hz
    cv = lambda v: col(v)
    W_ih = np.vstack([P["Wz"], P["Wr"], P["Wn"]])
    W_hh = np.vstack([P["Uz"], P["Ur"], P["Un"]])
    L = finder()
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: cv(c.v(n, s))
    x = lambda c: v(c, "x")
    hp = lambda c: v(c, "h", t - 1)
    # forward
    R(L("$r_t= \\sigma"), lambda c: v(c, "r"),
      lambda c: sig(mm(P["Wr"], x(c)) + cv(b_ir) + mm(P["Ur"], hp(c)) + cv(b_hr)))
    R(L("$z_t = \\sigma"), lambda c: v(c, "z"),
      lambda c: sig(mm(P["Wz"], x(c)) + cv(b_iz) + mm(P["Uz"], hp(c)) + cv(b_hz)))
    R(L("$n_t = \\tanh"), lambda c: v(c, "n"),
      lambda c: np.tanh(mm(P["Wn"], x(c)) + cv(P["bn"]) + ew(v(c, "r"), mm(P["Un"], hp(c)) + cv(P["bhn"]))))
    R(L("$h_t = (1-z)"), lambda c: v(c, "h"),
      undefined("z without time index: the doc's z is the tensor of all steps' update-gate activations"))
    # backward
    dh = lambda c: cv(c.g("h", t))
    dzz = lambda c: cv(c.g("zz", t))
    dzr = lambda c: cv(c.g("zr", t))
    dzn = lambda c: cv(c.g("zn", t))
    R(L("dh_t = dy_t + dh_{next}"), dh, lambda c: add(cv(c.gout(t)), cv(c.gin("h", t + 1))))
    no_tilde = undefined("\\tilde{h}_t is not defined (the forward names the candidate n_t)")
    R(L("dz_t = dh_t *"), dzz, no_tilde)
    R(L("dh_{\\tilde{h}t} = dh_t"), dzn, no_tilde)
    lin_hh = lambda c: mm(W_hh, hp(c)) + cv(np.concatenate([b_hz, b_hr, P["bhn"]]))
    R(L("dr_t = dh_{\\tilde{h}t} * lin_{hh}"), dzr,
      lambda c: ew(dzn(c), lin_hh(c)[2 * H:3 * H], v(c, "r"), 1 - v(c, "r")))
    dlin_ih = lambda c: np.vstack([dzz(c), dzr(c), dzn(c)])
    g_rec = lambda c: cv(c.gps("bhn", t))                  # dL/d(U_n h_{t-1} + b_hn) at step t
    dlin_hh = lambda c: np.vstack([dzz(c), dzr(c), g_rec(c)])
    R(L("dlin_{ih} = [dz_t; dr_t;"), lambda c: np.vstack([dlin_ih(c), dlin_hh(c)]),
      lambda c: np.vstack([np.vstack([dzz(c), dzr(c), dzn(c)]),
                           np.vstack([dzz(c), dzr(c), ew(dzn(c), v(c, "r"))])]))
    R(L("dx_t = W_{ih}^T @ dlin_{ih}"), lambda c: cv(c.g("x", t)), lambda c: mm(W_ih.T, dlin_ih(c)))
    R(L("dh_{prev} = W_{hh}^T"), lambda c: cv(c.gin("h", t)),
      lambda c: add(mm(W_hh.T, dlin_hh(c)), ew(dh(c), v(c, "z"))))
    # accumulations
    gW = lambda c: (lambda s: np.vstack([c.gps("Wz", s), c.gps("Wr", s), c.gps("Wn", s)]))
    gU = lambda c: (lambda s: np.vstack([c.gps("Uz", s), c.gps("Ur", s), c.gps("Un", s)]))
    gbi = lambda c: (lambda s: np.concatenate([c.gps("bz", s), c.gps("br", s), c.gps("bn", s)]))
    gbh = lambda c: (lambda s: np.concatenate([c.gps("bz", s), c.gps("br", s), c.gps("bhn", s)]))
    cat = lambda a, b: np.concatenate([np.ravel(a), np.ravel(b)])
    R(L("dW_{ih} += dlin_{ih} @ x_t^T"),
      lambda c: cat(accumulate(c, gW(c), t, 0)[0], accumulate(c, gU(c), t, 0)[0]),
      lambda c: cat(accumulate(c, gW(c), t, mm(dlin_ih(c), x(c).T))[1],
                    accumulate(c, gU(c), t, mm(dlin_hh(c), hp(c).T))[1]))
    R(L("db_{ih} += dlin_{ih}.sum(dim=1)"),
      lambda c: cat(accumulate(c, gbi(c), t, 0)[0], accumulate(c, gbh(c), t, 0)[0]),
      lambda c: cat(accumulate(c, gbi(c), t, dlin_ih(c).sum(axis=1))[1],
                    accumulate(c, gbh(c), t, dlin_hh(c).sum(axis=1))[1]))
