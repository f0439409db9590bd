"""Oracle rules of jaketae_dissecting_lstm (Jake Tae, "Dissecting LSTMs", 2020).  Column vectors as the
forward equations write them: W_k [h_{t-1}, x_t] (the core [U_k W_k], h first), \\tilde{C} the core candidate
g, W_C / b_C the core W_g, U_g / b_g; head z = W_y h_t + b_y (core V, c), softmax + cross-entropy with a
one-hot label y (V = 4 outputs, so that products of the wrong orientation are ill-typed rather than
accidentally square).  One backward step at t = 3: "dL/dq" of a forward quantity is the total gradient, of a
parameter its gradient through step t (the post's code accumulates over steps).  a_C = tanh(C_t) (core tc),
a_o the output gate's pre-activation (core zo); a_t / m_t (a in {f, i, c, o}) a gate's output / its
pre-activation; X = (x_t | h_{t-1}).  A product written with \\cdot between two vectors of one shape is
element-wise (the author's usage); between a gradient and a Jacobian it contracts the Jacobian's output index.
The sigmoid and tanh derivative chains are evaluated at x = 0.37."""
import numpy as np

from oracle import Model, rule, source, add, ew, mm, col, row, sig, softmax, undefined, IllTyped

SID = "jaketae_dissecting_lstm"
X0, E = 0.37, 1e-6


def onehot(n, k):
    v = np.zeros(n)
    v[k] = 1.0
    return v


@source
def _jaketae(M):
    m, t = "jaketae_lstm", 3
    M[m] = Model("lstm", I=2, H=3, T=4, seed=2056, head="softmax", V=4)
    mod = M[m]
    P = mod.P
    R = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: c.v(n, s)
    g = lambda c, n, s=t: c.g(n, s)
    Wc = {k: np.hstack([P["U" + k], P["W" + k]]) for k in "ifog"}      # acts on [h_{t-1}, x_t]
    hx = lambda c: np.concatenate([v(c, "h", t - 1), v(c, "x")])
    X = lambda c: np.concatenate([v(c, "x"), v(c, "h", t - 1)])        # the post's (x_t | h_{t-1})
    act = {"i": sig, "f": sig, "o": sig, "g": np.tanh}
    dact = lambda c, k: (1 - v(c, k) ** 2) if k == "g" else v(c, k) * (1 - v(c, k))
    pre = lambda c, k: Wc[k] @ hx(c) + P["b" + k]
    gate = lambda line, k: R(line, lambda c: v(c, k), lambda c: act[k](pre(c, k)))
    cell = lambda line: R(line, lambda c: v(c, "c"), lambda c: v(c, "f") * v(c, "c", t - 1) + v(c, "i") * v(c, "g"))
    hid = lambda line: R(line, lambda c: v(c, "h"), lambda c: v(c, "o") * np.tanh(v(c, "c")))
    yhat = lambda c: softmax(P["V"] @ v(c, "h") + P["c"])
    y = lambda c: onehot(mod.V, mod.y[t])
    # forward displays
    for line, k in ((40, "f"), (41, "i"), (42, "g"), (44, "o"), (60, "f"), (83, "i"), (84, "g"), (108, "o"), (274, "o")):
        gate(line, k)
    for line in (43, 61, 76):
        cell(line)
    for line in (45, 109, 218, 243):
        hid(line)
    for line in (46, 118):
        R(line, lambda c: v(c, "yhat"), yhat)
    R(185, lambda c: v(c, "logit"), lambda c: P["V"] @ v(c, "h") + P["c"])
    R(186, lambda c: v(c, "yhat"), lambda c: softmax(v(c, "logit")))
    # sigmoid and tanh derivatives at x = X0
    dnum = lambda f: np.array([(f(X0 + E) - f(X0 - E)) / (2 * E)])
    s0 = sig(X0)
    R(134, lambda c: dnum(sig), lambda c: dnum(lambda x: 1 / (1 + np.exp(-x))))
    R(135, lambda c: dnum(sig), lambda c: np.array([-(1 + np.exp(-X0)) ** -2 * (-np.exp(-X0))]))
    R(136, lambda c: dnum(sig), lambda c: np.array([s0 * np.exp(-X0) / (1 + np.exp(-X0))]))
    R(137, lambda c: dnum(sig), lambda c: np.array([s0 * (1 - s0)]))
    th = lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
    R(175, lambda c: dnum(np.tanh), lambda c: dnum(th))
    R(176, lambda c: dnum(np.tanh), lambda c: np.array([1 - th(X0) ** 2]))
    R(177, lambda c: dnum(np.tanh), lambda c: np.array([1 - np.tanh(X0) ** 2]))
    # head
    R(193, lambda c: g(c, "logit"), lambda c: yhat(c) - y(c))
    JV = lambda c: c.jac("logit", t, ("P:V", t), P["V"].shape)              # dz/dW_y: (V, V, H)
    R(202, lambda c: c.gps("V", t), lambda c: np.tensordot(g(c, "logit"), JV(c), axes=(0, 0)))
    R(203, lambda c: c.gps("V", t), lambda c: mm(col(v(c, "h")).T, col(yhat(c) - y(c))))
    R(212, lambda c: c.gps("c", t), lambda c: (g(c, "logit"), yhat(c) - y(c)))
    Jh = lambda c: c.jac("logit", t, ("hout", t), (mod.H,))                 # dz/dh_t = W_y
    # dL/dh_t = dL/dz . dz/dh_t + dL/dh_t: the same name on both sides (literal)
    R(225, lambda c: g(c, "h"), lambda c: g(c, "logit") @ Jh(c) + g(c, "h"))
    R(226, lambda c: g(c, "h"), lambda c: add(mm(col(yhat(c) - y(c)), P["V"].T), col(g(c, "h"))))
    # dL/do_t
    Jho = lambda c: c.jac("h", t, ("o", t), (mod.H,))
    R(244, lambda c: g(c, "o"), lambda c: g(c, "h") @ Jho(c))
    R(245, lambda c: g(c, "o"), lambda c: ew(g(c, "h"), np.tanh(v(c, "c"))))
    # dL/da_C, a_C = tanh(C_t)
    R(253, lambda c: g(c, "tc"), undefined("h without a time index (dh/da_C)"))
    R(254, lambda c: g(c, "tc"), lambda c: ew(g(c, "h"), v(c, "o")))
    # dL/dC_t = ... + dL/dC_t (literal), then + dL/dCt (undefined)
    R(262, lambda c: g(c, "c"), lambda c: g(c, "tc") * (1 - v(c, "tc") ** 2) + g(c, "c"))
    R(263, lambda c: g(c, "c"), undefined("Ct (C times t) in dL/dCt"))
    # dL/da_o
    R(281, lambda c: g(c, "zo"), lambda c: ew(g(c, "o"), v(c, "o") * (1 - v(c, "o"))))
    R(282, lambda c: g(c, "zo"),
      lambda c: ew(g(c, "h"), np.tanh(v(c, "c")), sig(v(c, "o")) * (1 - sig(v(c, "o")))))
    # dL/db_o, dL/dW_o through step t
    R(290, lambda c: c.gps("bo", t), lambda c: g(c, "zo"))
    R(291, lambda c: c.gps("bo", t), lambda c: g(c, "zo"))
    Wo_grad = lambda c: np.hstack([c.gps("Uo", t), c.gps("Wo", t)])        # d/d[U_o W_o], H x (H+I)
    R(299, lambda c: Wo_grad(c), lambda c: np.outer(g(c, "zo"), hx(c)))    # dL/da_o contracted with da_o/dW_o
    R(300, lambda c: Wo_grad(c), lambda c: mm(col(X(c)).T, col(g(c, "zo"))))
    # definitions
    R(307, lambda c: X(c), lambda c: np.concatenate([v(c, "x"), v(c, "h", t - 1)]))
    R(317, lambda c: v(c, "zo"), lambda c: Wc["o"] @ X(c) + P["bo"])       # m_t for a = o; order x|h
    # dL/dX, X = (x_t | h_{t-1}): through step t
    dX = lambda c: np.concatenate([g(c, "x"), c.gin("h", t)])
    R(324, dX, lambda c: add(*[np.concatenate([c.gh("xin:" + k, t), c.gh("hin:" + k, t)]) for k in "fiog"]))
    # dm_t/dX: the pre-activation's Jacobian w.r.t. (x_t | h_{t-1}) = [W_k U_k]
    R(325, dX, lambda c: add(*[(g(c, k) * dact(c, k)) @ np.hstack([P["W" + k], P["U" + k]]) for k in "fiog"]))
    R(326, dX, lambda c: add(*[mm(row(g(c, k) * dact(c, k)), Wc[k].T) for k in "fiog"]))
    R(333, lambda c: c.gin("h", t), lambda c: dX(c)[:mod.H])                 # first H entries of dL/dX
    R(342, lambda c: c.gin("c", t), undefined("C without a time index (dL/dC, dC/dC_{t-1})"))
    R(343, lambda c: c.gin("c", t), lambda c: ew(g(c, "c"), v(c, "f")))
