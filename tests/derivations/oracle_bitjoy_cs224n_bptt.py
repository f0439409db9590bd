"""Oracle rules of bitjoy_cs224n_bptt (WildML notation: s_t = sigma(U x_t + W s_{t-1}),
y_hat_t = softmax(V s_t), E_t = -y_t log y_hat_t, E = sum_t E_t).

Core mapping: s = h, U = core Wa (input weights), W = core Ua (recurrent), V = V; no biases;
sigma = tanh. Derivatives of vectors are Jacobians (rows = outputs); a derivative by a matrix
is the tensor d q / d M (q's shape + M's shape), contracted in chain products; d s_k / d W in a
sum over k is the immediate derivative (s_{k-1} held), d s_3 / d W in (14) the total one.
Products over j are taken in chain order (j = t first). E_3 is evaluated at t = 3 of T = 4.
"""
import numpy as np

from oracle import Model, col, mm, softmax, onehot, rule, source, diag


@source
def _bitjoy(M):
    sid, m, t = "bitjoy_cs224n_bptt", "bitjoy", 3
    mod = Model("rnn", I=2, H=3, T=4, V=3, seed=91, head="softmax", bias=False)
    mod.P["c"] = np.zeros(mod.V)
    M[m] = mod
    P, H, T_ = mod.P, mod.H, mod.T
    U, W, V = P["Wa"], P["Ua"], P["V"]
    v = lambda c, n, s=t: col(c.v(n, s))
    y = lambda s: col(onehot(mod.V, mod.y[s]))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    tdot = lambda a, b: np.tensordot(a, b, axes=1)

    dE_dyhat = lambda c, s: (-y(s) / v(c, "yhat", s)).reshape(-1)          # row of E_s by y_hat_s
    dyhat_ds = lambda c, s: c.jac("yhat", s, ("hout", s), (H,))             # V x H
    J = lambda c, j: c.jac("h", j, ("hin", j), (H,))                        # d s_j / d s_{j-1}
    Jw = lambda c, j: mm(W.T, diag(1 - np.tanh(c.v("h", j - 1)) ** 2))     # as written in (17)
    dplus = lambda c, k, p: (np.zeros((H,) + P[p].shape) if k == 0
                             else c.jac("h", k, ("P:" + p, k), P[p].shape))  # immediate d s_k / d P

    def chain(mats):
        out = np.eye(H)
        for a in mats:
            out = out @ a
        return out

    def bptt(c, s, p, jac):
        """sum_{k=0}^{s} dE_s/dyhat_s dyhat_s/ds_s (prod_{j=k+1}^{s} jac_j) d+s_k/dp"""
        g = dE_dyhat(c, s) @ dyhat_ds(c, s)
        return sum(tdot(g @ chain([jac(c, j) for j in range(s, k, -1)]), dplus(c, k, p))
                   for k in range(0, s + 1))

    dE3 = lambda c, p: c.dq("l", t, p).reshape(P[p].shape)
    R(15, lambda c: v(c, "h"), lambda c: np.tanh(mm(U, v(c, "x")) + mm(W, v(c, "h", t - 1))))
    R(18, lambda c: v(c, "yhat"), lambda c: col(softmax(mm(V, v(c, "h")).ravel())))
    R(22, lambda c: c.v("l", t), lambda c: -(y(t).ravel() @ np.log(c.v("yhat", t))).reshape(1))
    tot = lambda c: np.array(sum(float(-(y(s).ravel() @ np.log(c.v("yhat", s)))) for s in range(1, T_ + 1)))
    R(26, lambda c: np.array(c.L), tot)
    R(27, lambda c: np.array(c.L), tot)
    R(32, lambda c: c.gp("Ua"), lambda c: sum(c.dq("l", s, "Ua").reshape(W.shape) for s in range(1, T_ + 1)))
    R(36, lambda c: dE3(c, "V"), lambda c: tdot(dE_dyhat(c, t), c.jac("yhat", t, ("P:V", t), V.shape)))
    R(37, lambda c: dE3(c, "V"),
      lambda c: tdot(dE_dyhat(c, t) @ c.jac("yhat", t, ("logit", t), (mod.V,)),
                     c.jac("logit", t, ("P:V", t), V.shape)))
    yh = lambda c: c.v("yhat", t)
    R(38, lambda c: dE3(c, "V"),
      lambda c: np.outer(-y(t).ravel() * (1 / yh(c)) * yh(c) * (1 - yh(c)), c.v("h", t)))
    R(39, lambda c: dE3(c, "V"), lambda c: np.outer(y(t).ravel() * (yh(c) - 1), c.v("h", t)))
    R(44, lambda c: dE3(c, "Ua"),
      lambda c: tdot(dE_dyhat(c, t) @ dyhat_ds(c, t), c.dq("h", t, "Ua")))
    R(49, lambda c: dE3(c, "Ua"),
      lambda c: sum(tdot(dE_dyhat(c, t) @ dyhat_ds(c, t)
                         @ (np.eye(H) if k == t else c.jac("h", t, ("h", k), (H,))), dplus(c, k, "Ua"))
                    for k in range(0, t + 1)))
    R(54, lambda c: dE3(c, "Ua"), lambda c: bptt(c, t, "Ua", J))
    R(58, lambda c: dE3(c, "Ua"), lambda c: bptt(c, t, "Ua", Jw))
    # t = 0: there is no E_0 (no output at the initial state); its term is taken as zero
    R(62, lambda c: c.gp("Ua"), lambda c: sum(bptt(c, s, "Ua", Jw) for s in range(1, T_ + 1)))
    R(66, lambda c: c.gp("Wa"), lambda c: sum(bptt(c, s, "Wa", Jw) for s in range(1, T_ + 1)))
