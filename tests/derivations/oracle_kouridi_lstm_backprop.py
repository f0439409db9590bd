"""Oracle rules of kouridi_lstm_backprop (C. Kouridi, "Deriving backpropagation equations for an LSTM", 2019).
Column vectors, subscript time; z_t = [h_{t-1}, x_t] and every gate's W_k acts on z_t, so the author's
W_k = [core U_k | core W_k] (H x (H + I)); author's a_f, a_i, a_o, a_c = core zf, zi, zo, zg; \\hat c_t = core g;
v_t = W_v h_t + b_v (core V, c) with a softmax + cross-entropy head at every step, J = sum_t J_t.  Rows are
evaluated at t = 3.  Readings: the first assignment to dJ/dh_t is the head's part (Delta_t, gout), the first
one to dJ/dc_t the part through h_t (perturb c_t where tanh uses it); the "+=" rows add what the cell at t+1
sends back (dJ/dh_next, dJ/dc_next: the names of the next step's dJ/dh_{t-1}, dJ/dc_{t-1}); dJ/dW, dJ/db at
step t are step t's contributions (the post sums dJ/dW^t over t at the end).  A chain-rule link
dJ/da . da/db is the chain rule (the gradient contracted with the local Jacobian, computed numerically);
"A => B" rows are checked link by link.  The update rows "dJ/dW = sum_t dJ/dW^t, W += alpha dJ/dW" state
two things: both sides are the concatenation of (gradient, SGD step) with alpha = 1; the post says it uses
gradient DESCENT, whose step is -alpha dJ/dW, not +alpha dJ/dW."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, sig, dsig, dtanh, softmax, IllTyped

SID = "kouridi_lstm_backprop"
ALPHA = 1.0


@source
def _kouridi(M):
    m, t = "kouridi_lstm", 3
    M[m] = Model("lstm", I=2, H=3, T=4, seed=2019, head="softmax", V=3)
    mod = M[m]
    P, H, I = mod.P, mod.H, mod.I
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    gate = {"f": "f", "i": "i", "o": "o", "c": "g"}            # author's gate letter -> core letter
    Wa = {k: np.hstack([P["U" + gate[k]], P["W" + gate[k]]]) for k in gate}   # author's W_k on [h_{t-1}, x_t]
    ba = {k: col(P["b" + gate[k]]) for k in gate}
    v = lambda c, n, s=t: col(c.v(n, s))
    z = lambda c: np.vstack([v(c, "h", t - 1), v(c, "x", t)])
    g = lambda n, s=t: (lambda c: col(c.g(n, s)))
    onehot = lambda: col(np.eye(mod.V)[mod.y[t]])

    def chain(gv, J):
        """gradient (vector) contracted with a Jacobian d(that quantity)/d(something) over its first axis."""
        out = np.tensordot(np.asarray(gv).ravel(), J, axes=(0, 0))
        return col(out) if out.ndim == 1 else out

    def jac(q, key, shape):
        return lambda c: c.jac(q, t, key, shape)

    def pjac(q, k):
        """d a_k / d (author's W_k at step t): (H, H, H+I), and d a_k / d b_k: (H, H)."""
        def f(c):
            return np.concatenate([c.jac(q, t, ("P:U" + gate[k], t), (H, H)),
                                   c.jac(q, t, ("P:W" + gate[k], t), (H, I))], axis=2)
        return f
    stepW = lambda k: (lambda c: np.hstack([c.gps("U" + gate[k], t), c.gps("W" + gate[k], t)]))
    stepb = lambda k: (lambda c: col(c.gps("b" + gate[k], t)))
    # ---- forward
    R(32, z, lambda c: np.vstack([v(c, "h", t - 1), v(c, "x", t)]))
    for line, k in zip((38, 39, 40, 41), "fioc"):
        q = "z" + gate[k]
        act = np.tanh if k == "c" else sig
        R(line, (lambda q: lambda c: np.vstack([v(c, q), v(c, q[1:])]))(q),
          (lambda k, q, act: lambda c: np.vstack([mm(Wa[k], z(c)) + ba[k], act(v(c, q))]))(k, q, act))
    R(47, lambda c: v(c, "c"), lambda c: add(ew(v(c, "i"), v(c, "g")), ew(v(c, "f"), v(c, "c", t - 1))))
    R(48, lambda c: v(c, "h"), lambda c: ew(v(c, "o"), np.tanh(v(c, "c"))))
    R(54, lambda c: v(c, "logit"), lambda c: mm(P["V"], v(c, "h")) + col(P["c"]))
    R(55, lambda c: v(c, "yhat"), lambda c: col(softmax(c.v("logit", t))))
    # ---- output
    dv = g("logit")
    R(73, dv, lambda c: v(c, "yhat") - onehot())
    R(74, lambda c: c.gps("V", t), lambda c: (chain(dv(c), c.jac("logit", t, ("P:V", t), P["V"].shape)),
                                              mm(dv(c), v(c, "h").T)))
    R(75, lambda c: col(c.gps("c", t)), lambda c: (chain(dv(c), c.jac("logit", t, ("P:c", t), (mod.V,))), dv(c)))
    # ---- hidden state: first the head's part, then += what the cell at t+1 sends back
    head = lambda c: col(c.gout(t))
    R(84, head, lambda c: (chain(dv(c), c.jac("logit", t, ("hout", t), (H,))), mm(P["V"].T, dv(c))))
    R(85, g("h"), lambda c: add(head(c), col(c.gin("h", t + 1))))
    dh = g("h")
    # ---- output gate
    R(94, g("o"), lambda c: (chain(dh(c), jac("h", ("o", t), (H,))(c)), ew(dh(c), np.tanh(v(c, "c")))))
    dao = g("zo")
    R(100, dao, lambda c: (chain(g("o")(c), jac("o", ("zo", t), (H,))(c)),
                           ew(dh(c), np.tanh(v(c, "c")), col(dsig(c.v("zo", t))))))
    R(101, dao, lambda c: ew(dh(c), np.tanh(v(c, "c")), ew(sig(v(c, "zo")), 1 - sig(v(c, "zo")))))
    R(102, dao, lambda c: ew(dh(c), np.tanh(v(c, "c")), ew(v(c, "o"), 1 - v(c, "o"))))

    def wrows(lw, lb, k):
        q = "z" + gate[k]
        R(lw, stepW(k), lambda c: (chain(g(q)(c), pjac(q, k)(c)), mm(g(q)(c), z(c).T)))
        R(lb, stepb(k), lambda c: (chain(g(q)(c), c.jac(q, t, ("P:b" + gate[k], t), (H,))), g(q)(c)))
    wrows(108, 109, "o")
    # ---- cell state: first the part through h_t, then += what the cell at t+1 sends back
    dc_h = lambda c: col(c.gh("c:h", t))
    R(118, dc_h, lambda c: (chain(dh(c), c.jac("h", t, ("c:h", t), (H,))),
                            ew(dh(c), v(c, "o"), 1 - np.tanh(v(c, "c")) ** 2)))
    R(124, g("c"), lambda c: add(dc_h(c), col(c.gin("c", t + 1))))
    dc = g("c")
    R(130, g("g"), lambda c: (chain(dc(c), jac("c", ("g", t), (H,))(c)), ew(dc(c), v(c, "i"))))
    dac = g("zg")
    R(136, dac, lambda c: (chain(g("g")(c), jac("g", ("zg", t), (H,))(c)),
                           ew(dc(c), v(c, "i"), col(dtanh(c.v("zg", t))))))
    R(137, dac, lambda c: ew(dc(c), v(c, "i"), 1 - np.tanh(v(c, "zg")) ** 2))
    R(138, dac, lambda c: ew(dc(c), v(c, "i"), 1 - v(c, "g") ** 2))
    wrows(144, 150, "c")
    # ---- input gate
    R(159, g("i"), lambda c: (chain(dc(c), jac("c", ("i", t), (H,))(c)), ew(dc(c), v(c, "g"))))
    dai = g("zi")
    R(165, dai, lambda c: (chain(g("i")(c), jac("i", ("zi", t), (H,))(c)),
                           ew(dc(c), v(c, "g"), col(dsig(c.v("zi", t))))))
    R(166, dai, lambda c: ew(dc(c), v(c, "g"), ew(sig(v(c, "zi")), 1 - sig(v(c, "zi")))))
    R(167, dai, lambda c: ew(dc(c), v(c, "g"), ew(v(c, "i"), 1 - v(c, "i"))))
    wrows(173, 179, "i")
    # ---- forget gate
    R(188, g("f"), lambda c: (chain(dc(c), jac("c", ("f", t), (H,))(c)), ew(dc(c), v(c, "c", t - 1))))
    daf = g("zf")
    R(194, daf, lambda c: (chain(g("f")(c), jac("f", ("zf", t), (H,))(c)),
                           ew(dc(c), v(c, "c", t - 1), col(dsig(c.v("zf", t))))))

    def unbalanced(c):
        raise IllTyped("'\\sigma (a_{f})(1- \\sigma (a_{f})': a parenthesis is not closed")
    R(195, daf, unbalanced)
    R(196, daf, lambda c: ew(dc(c), v(c, "c", t - 1), ew(v(c, "f"), 1 - v(c, "f"))))
    wrows(202, 203, "f")
    # ---- input z_t = [h_{t-1}, x_t]: both parts through step t (x_t is used by step t only)
    dz = lambda c: np.vstack([col(c.gin("h", t)), col(c.g("x", t))])

    def dz_chain(c):
        out = 0
        for k in "fioc":
            q = "z" + gate[k]
            J = np.concatenate([c.jac(q, t, ("hin", t), (H,)), c.jac(q, t, ("x", t), (I,))], axis=1)
            out = out + chain(c.g(q, t), J)
        return out
    dz_W = lambda c: add(*[mm(Wa[k].T, g("z" + gate[k])(c)) for k in "fioc"])
    R(212, dz, dz_chain)
    R(213, dz, dz_W)
    R(219, lambda c: col(c.gin("h", t)), lambda c: dz_W(c)[:H, :])
    R(220, lambda c: col(c.gin("c", t)), lambda c: (chain(dc(c), c.jac("c", t, ("cin", t), (H,))),
                                                  ew(dc(c), v(c, "f"))))

    # ---- "dJ/dW = sum_t dJ/dW^t, W += alpha * dJ/dW" (SGD, as the post says)
    def upd(parts):
        tot = lambda c: np.hstack([c.gp(p) for p in parts])
        per = lambda c: sum(np.hstack([c.gps(p, s) for p in parts]) for s in range(1, mod.T + 1))
        lhs = lambda c: np.concatenate([tot(c).ravel(), (-ALPHA * tot(c)).ravel()])
        rhs = lambda c: np.concatenate([per(c).ravel(), (ALPHA * tot(c)).ravel()])
        return lhs, rhs
    for line, k in zip((230, 231, 232, 233), "fioc"):
        R(line, *upd(["U" + gate[k], "W" + gate[k]]))
    R(234, *upd(["V"]))
