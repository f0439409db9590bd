"""Oracle rules of mmuratarat_lstm_dimensions (M. M. Arat, "Dimensions of matrices in an LSTM Cell"; the
backward pass is A. Gomez's in h/C names).  The post's weights act from the right (X_t W_{xk}, W_{xk} F x U):
W_{xk} is the core W_k transposed, W_{hk} the core U_k transposed; letter c is the core candidate g.  The
single-instance rows use columns (W_{xk}^T X_t), the mini-batch and concatenated rows use rows (B = 1); the
backward rows use columns (W^T . delta gates).  Time: the post's t = 0..T are the core steps 1..4 (T = 3),
h_{-1} = C_{-1} = 0 (core zero initial state); rows at a step are evaluated at core step 3."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, row, sig

SID = "mmuratarat_lstm_dimensions"
ORDER = "gifo"          # the post's stacking order c, i, f, o (core g = candidate)


@source
def _mmuratarat(M):
    m, t = "mmuratarat_lstm", 3
    M[m] = Model("lstm", I=2, H=3, T=4, seed=191, bias=True, zero_init=True)
    P = M[m].P
    T = M[m].T
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))
    g = lambda c, n, s=t: col(c.g(n, s))
    Wx = {k: P["W" + k].T for k in "ifog"}          # F x U
    Wh = {k: P["U" + k].T for k in "ifog"}          # U x U
    b = {k: P["b" + k] for k in "ifog"}
    x = lambda c, s=t: v(c, "x", s)
    hp = lambda c: v(c, "h", t - 1)
    act = {"i": sig, "f": sig, "o": sig, "g": np.tanh}
    # single instance, columns (lines 23-33): i, f with W^T; c, o without (ill-typed x part)
    for line, k, tr in ((23, "i", True), (25, "f", True), (27, "g", False), (31, "o", False)):
        R(line, lambda c, k=k: v(c, k),
          lambda c, k=k, tr=tr: act[k](add(mm(Wx[k].T if tr else Wx[k], x(c)),
                                           mm(Wh[k].T if tr else Wh[k], hp(c)), col(b[k]))))
    cell = lambda c: add(ew(v(c, "f"), v(c, "c", t - 1)), ew(v(c, "i"), v(c, "g")))
    hid = lambda c: ew(v(c, "o"), np.tanh(v(c, "c")))
    for line in (29, 54, 68):
        R(line, lambda c: v(c, "c"), cell)
    for line in (33, 58, 72):
        R(line, lambda c: v(c, "h"), hid)
    # mini-batch, rows (lines 48-56)
    for line, k in ((48, "i"), (50, "f"), (52, "g"), (56, "o")):
        R(line, lambda c, k=k: row(c.v(k, t)),
          lambda c, k=k: act[k](add(mm(row(c.v("x", t)), Wx[k]), mm(row(c.v("h", t - 1)), Wh[k]), row(b[k]))))
    # concatenated [X_t h_{t-1}] W_k, W_k = [W_{xk}; W_{hk}] (lines 62-70)
    for line, k in ((62, "i"), (64, "f"), (66, "g"), (70, "o")):
        R(line, lambda c, k=k: row(c.v(k, t)),
          lambda c, k=k: act[k](add(mm(np.hstack([row(c.v("x", t)), row(c.v("h", t - 1))]),
                                       np.vstack([Wx[k], Wh[k]])), row(b[k]))))
    # backward (columns); delta of a gate = gradient w.r.t. its pre-activation
    R(122, lambda c: g(c, "h"), lambda c: add(col(c.gout(t)), col(c.gin("h", t + 1))))
    R(123, lambda c: g(c, "c"),
      lambda c: add(ew(g(c, "h"), v(c, "o"), 1 - np.tanh(v(c, "c")) ** 2), ew(g(c, "c", t + 1), v(c, "f", t + 1))))
    R(124, lambda c: g(c, "zg"), lambda c: ew(g(c, "c"), v(c, "i"), 1 - v(c, "g") ** 2))
    R(125, lambda c: g(c, "zi"), lambda c: ew(g(c, "c"), v(c, "g"), v(c, "i"), 1 - v(c, "i")))
    R(126, lambda c: g(c, "zf"), lambda c: ew(g(c, "c"), v(c, "c", t - 1), v(c, "f"), 1 - v(c, "f")))
    R(127, lambda c: g(c, "zo"), lambda c: ew(g(c, "h"), np.tanh(v(c, "c")), v(c, "o"), 1 - v(c, "o")))
    dgates = lambda c, s: np.vstack([col(c.g("z" + k, s)) for k in ORDER])   # zero beyond T
    WX = np.vstack([Wx[k] for k in ORDER])                                   # 4F x U
    WH = np.vstack([Wh[k] for k in ORDER])                                   # 4U x U
    R(128, lambda c: g(c, "x"), lambda c: mm(WX.T, dgates(c, t)))
    R(129, lambda c: col(c.gin("h", t)), lambda c: mm(WH.T, dgates(c, t)))
    # parameter updates: the post's t = 0..T is core s = t + 1 = 1..4
    R(137, lambda c: np.vstack([c.gp("W" + k).T for k in ORDER]),
      lambda c: add(*[mm(dgates(c, s), x(c, s).T) for s in range(1, T + 1)]))
    R(138, lambda c: np.vstack([c.gp("U" + k).T for k in ORDER]),
      lambda c: add(*[mm(dgates(c, s + 1), v(c, "h", s).T) for s in range(1, T)]))
    R(139, lambda c: np.vstack([col(c.gp("b" + k)) for k in ORDER]),
      lambda c: add(*[dgates(c, s + 1) for s in range(1, T + 1)]))
    # definitions: gates_t, W_x, W_h, b as vertical stacks (their values, concatenated)
    R(144, lambda c: np.concatenate([np.vstack([v(c, k) for k in ORDER]).ravel(), WX.ravel(), WH.ravel(),
                                     np.concatenate([b[k] for k in ORDER])]),
      lambda c: np.concatenate([np.concatenate([c.v(k, t) for k in ORDER]),
                                np.concatenate([Wx[k].ravel() for k in ORDER]),
                                np.concatenate([Wh[k].ravel() for k in ORDER]),
                                np.concatenate([b[k] for k in ORDER])]))
