"""Oracle rules of cann_thnn_fused_gru_cell_backward (Huawei CANN ops-nn, aclnnThnnFusedGruCellBackward docs).
One step (t = 3) of the core GRU with PyTorch's form (gru_reset "after": n = tanh(W_n x + b_n + r o hn),
hn = U_n h_{t-1} + b_hn; gru_form "old": hy = z o hx + (1 - z) o n), one batch row (B = 1): rows (1 x H).
go = grad_hy = total dL/dh_t; storage = [r, z, n, hx, hn] of the row.  gin / gig / grg = the gradients of the
candidate / update / reset pre-activations, ghn = the step-t gradient of b_hn (= the gradient at hn), ghx = the
direct path of h_{t-1} (hook hin:dir).  Bias gradients: this step's (gps)."""
import numpy as np

from oracle import Model, rule, source, ew, row

SID = "cann_thnn_fused_gru_cell_backward"


@source
def _cann_thnn(M):
    m, t = "cann_thnn_gru", 3
    M[m] = Model("gru", I=2, H=3, T=4, seed=911, gru_form="old", gru_reset="after")
    P, H = M[m].P, M[m].H
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: row(c.v(n, s))
    hx = lambda c: v(c, "h", t - 1)
    hn = lambda c: row(P["Un"] @ c.v("h", t - 1) + P["bhn"])
    storage = lambda c: np.hstack([v(c, "r"), v(c, "z"), v(c, "n"), hx(c), hn(c)])
    go = lambda c: row(c.g("h", t))
    gin_ = lambda c: row(c.g("zn", t))
    gig_ = lambda c: row(c.g("zz", t))
    grg_ = lambda c: row(c.g("zr", t))
    ghn_ = lambda c: row(c.gps("bhn", t))
    ghx_ = lambda c: row(c.gh("hin:dir", t))
    R(21, lambda c: np.hstack([v(c, "r"), v(c, "z"), v(c, "n"), hx(c), hn(c)]),
      lambda c: np.hstack([storage(c)[:, k * H:(k + 1) * H] for k in range(5)]))
    R(23, gin_, lambda c: ew(go(c), 1 - v(c, "z"), 1 - v(c, "n") ** 2))
    R(24, gig_, lambda c: ew(go(c), hx(c) - v(c, "n"), 1 - v(c, "z"), v(c, "z")))
    R(25, grg_, lambda c: ew(gin_(c), hn(c), 1 - v(c, "r"), v(c, "r")))
    R(26, ghn_, lambda c: ew(gin_(c), v(c, "r")))
    R(27, ghx_, lambda c: ew(go(c), v(c, "z")))
    gig_true = lambda c: np.hstack([grg_(c), gig_(c), gin_(c)])
    ghg_true = lambda c: np.hstack([grg_(c), gig_(c), ghn_(c)])
    R(29, gig_true, lambda c: np.hstack([grg_(c), gig_(c), gin_(c)]))
    R(30, ghg_true, lambda c: np.hstack([grg_(c), gig_(c), ghn_(c)]))
    R(31, ghx_, lambda c: ghx_(c))
    bi = lambda c: np.concatenate([c.gps("br", t), c.gps("bz", t), c.gps("bn", t)])
    bh = lambda c: np.concatenate([c.gps("br", t), c.gps("bz", t), c.gps("bhn", t)])
    R(32, lambda c: np.concatenate([bi(c), bh(c)]),
      lambda c: np.concatenate([gig_true(c).sum(axis=0), ghg_true(c).sum(axis=0)]))
