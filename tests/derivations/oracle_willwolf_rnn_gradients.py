"""Oracle rules of willwolf_rnn_gradients: z_t = W^{xh} x_t + W^{hh} h_{t-1}, h_t = tanh(z_t),
y_t = W^{hy} h_t, p_t = softmax(y_t), J_t = crossentropy(p_t, labels_t); three steps (the post's
J_1, J_2, J_3), the total cost J = J_1 + J_2 + J_3.

Core mapping: W^{xh} = core Wa, W^{hh} = core Ua, W^{hy} = V; no biases; z = a, y = logit,
p = yhat. Derivatives are Jacobians (rows = outputs): dJ_t/dy_t is a row; a derivative by a
matrix is the tensor dq/dM, contracted in chain products; dz_k/dW is the immediate derivative.
"dz_t/dW = v" is the usual shorthand for that tensor: d z_{t,i} / d W_{ij} = v_j (the rules
expand it); 1 - h_t^2 is the diagonal of dh_t/dz_t. Equations at step t are taken at t = 2.
"""
import numpy as np

from oracle import Model, col, row, mm, softmax, onehot, rule, source, undefined, IllTyped


@source
def _willwolf(M):
    sid, m, t = "willwolf_rnn_gradients", "willwolf", 2
    mod = Model("rnn", I=2, H=3, T=3, V=3, seed=92, head="softmax", bias=False)
    mod.P["c"] = np.zeros(mod.V)
    M[m] = mod
    P, H, T_, O = mod.P, mod.H, mod.T, mod.V
    Wxh, Whh, Why = P["Wa"], P["Ua"], P["V"]
    v = lambda c, n, s=t: col(c.v(n, s))
    lab = lambda s: col(onehot(O, mod.y[s]))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    tdot = lambda a, b: np.tensordot(a, b, axes=1)
    pmap = {"hy": "V", "hh": "Ua", "xh": "Wa"}

    dJ_dp = lambda c, s: (-lab(s) / v(c, "yhat", s)).reshape(-1)
    dp_dy = lambda c, s: c.jac("yhat", s, ("logit", s), (O,))
    dy_dh = lambda c, s: c.jac("logit", s, ("hout", s), (H,))
    dh_dz = lambda c, s: c.jac("h", s, ("a", s), (H,))
    dz_dh = lambda c, s: c.jac("a", s, ("hin", s), (H,))
    dz_dP = lambda c, s, p: c.jac("a", s, ("P:" + p, s), P[p].shape)
    dJs = lambda c, s, p: c.dq("l", s, p).reshape(P[p].shape)        # dJ_s / dP (all steps)

    def path(c, s, k, p):
        """dJ_s/dp_s dp_s/dy_s dy_s/dh_s dh_s/dz_s (dz_j/dh_{j-1} dh_{j-1}/dz_{j-1})... dz_k/dP"""
        g = dJ_dp(c, s) @ dp_dy(c, s) @ dy_dh(c, s) @ dh_dz(c, s)
        for j in range(s, k, -1):
            g = g @ dz_dh(c, j) @ dh_dz(c, j - 1)
        return tdot(g, dz_dP(c, k, p))

    R(17, lambda c: v(c, "a"), lambda c: mm(Wxh, v(c, "x")) + mm(Whh, v(c, "h", t - 1)))
    R(18, lambda c: v(c, "h"), lambda c: np.tanh(v(c, "a")))
    R(19, lambda c: v(c, "logit"), lambda c: mm(Why, v(c, "h")))
    R(20, lambda c: v(c, "yhat"), lambda c: col(softmax(c.v("logit", t))))
    R(21, lambda c: c.v("l", t), lambda c: np.array([-np.log(c.v("yhat", t)[mod.y[t]])]))
    for line, p in ((27, "hy"), (28, "hh"), (29, "xh")):
        q = pmap[p]
        R(line, lambda c, q=q: c.gp(q),
          lambda c, q=q: (sum(dJs(c, s, q) for s in range(1, T_ + 1)),
                          dJs(c, 3, q) + dJs(c, 2, q) + dJs(c, 1, q)))
    chain_hy = lambda c, s: tdot(dJ_dp(c, s) @ dp_dy(c, s), c.jac("logit", s, ("P:V", s), Why.shape))
    R(35, lambda c: dJs(c, 3, "V"), lambda c: chain_hy(c, 3))
    R(36, lambda c: dJs(c, 2, "V"), lambda c: chain_hy(c, 2))
    R(37, lambda c: dJs(c, 3, "V"), lambda c: chain_hy(c, 1))

    def sum_k(c, s, p):
        """sum_{k=0}^{s} dJ_s/dh_s dh_s/dh_k dh_k/dz_k dz_k/dP; the k = 0 term is zero (h_0 is
        the given initial state: no z_0, nothing of it depends on P)"""
        dJdh = dJ_dp(c, s) @ dp_dy(c, s) @ dy_dh(c, s)
        out = np.zeros(P[p].shape)
        for k in range(1, s + 1):
            dhdh = np.eye(H) if k == s else c.jac("h", s, ("h", k), (H,))
            out = out + tdot(dJdh @ dhdh @ dh_dz(c, k), dz_dP(c, k, p))
        return out
    R(43, lambda c: dJs(c, t, "Ua"), lambda c: sum_k(c, t, "Ua"))
    R(63, lambda c: dJs(c, t, "Wa"), lambda c: sum_k(c, t, "Wa"))
    for line, s, p in ((48, 3, "Ua"), (53, 2, "Ua"), (58, 1, "Ua"),
                       (68, 3, "Wa"), (73, 2, "Wa"), (78, 1, "Wa")):
        R(line, lambda c, s=s, p=p: dJs(c, s, p),
          lambda c, s=s, p=p: sum(path(c, s, k, p) for k in range(s, 0, -1)))
    # analytical derivatives, at step t
    R(83, lambda c: row(c.g("logit", t)), lambda c: row(v(c, "yhat") - lab(t)))
    R(85, lambda c: c.gps("V", t), lambda c: mm(v(c, "yhat") - lab(t), v(c, "h")))   # ill-typed
    R(86, lambda c: row(c.gout(t)), lambda c: mm(row(v(c, "yhat") - lab(t)), Why))
    R(87, lambda c: np.diag(dh_dz(c, t)).reshape(-1, 1),
      lambda c: (1 - np.tanh(v(c, "a")) ** 2, 1 - v(c, "h") ** 2))
    # 89, 91: a \partial is missing; as printed not derivatives (one policy with compphysics_rnnmath)
    R(89, lambda c: dz_dh(c, t), undefined("dz_t/h_{t-1}: no \\partial in the denominator"))

    def short(vec, p):
        out = np.zeros((H,) + P[p].shape)
        for i in range(H):
            out[i, i, :] = vec
        return out
    R(90, lambda c: dz_dP(c, t, "Wa"), lambda c: short(c.v("x", t), "Wa"))
    R(91, lambda c: dz_dP(c, t, "Ua"), undefined("z_t/dW^{hh}: no \\partial in the numerator"))
