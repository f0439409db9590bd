"""Oracle rules of talwar_rnn_bptt (A. Talwar's RNN BPTT blog post, 2018).  Column vectors, superscript (t)
time: z = W_h h^{(t-1)} + W_x x^{(t)} + b_1, h = SIGMOID(z), theta = U h + b_2, softmax, J^{(t)} the cross-entropy
of ONE step.  The model's loss is J^{(t)} at t = T = 4; the backward rows are evaluated at k = 3 (k - 1 = 2):
\\gamma_t^{(k)} = dJ^{(t)}/dh^{(k)}, W_h^{(k)} step k's copy of W_h (perturbation of W_h in step k only).  The
accumulation rows at the end are at k = T - 2 = 2 and use the losses J^{(T-1)} and J^{(T)}: a second copy of
the model (same seed, so the same weights, inputs and forward values) has the loss J^{(3)}.  The post's
'\\times' is scalar multiplication (its Notation section)."""
import numpy as np

from oracle import Model, Ctx, rule, source, add, ew, mm, col, sig, softmax, undefined, perturbers, line_finder

SID = "talwar_rnn_bptt"


def finder():
    return line_finder(SID, unique=True)


class TalwarRNN(Model):
    """Sigmoid RNN with an affine + softmax head at every step; the loss is J^{(tl)} only."""

    def __init__(self, seed, tl):
        Model.__init__(self, "rnn", I=2, H=3, T=4, seed=seed, head="softmax", V=3)
        P = self.P
        self.P = {"Wh": P["Ua"], "Wx": P["Wa"], "b1": P["ba"], "U": P["V"], "b2": P["c"]}
        self.tl = tl

    def forward(self, pert=None):
        pert = pert or {}

        pv, par = perturbers(pert, self.P)

        vals = {("h", 0): self.h0.copy()}
        h, L = self.h0, 0.0
        for t in range(1, self.T + 1):
            x = pv("x", t, self.xs[t])
            vals[("x", t)] = x
            hin = pv("hin", t, h)
            z = pv("z", t, par("Wh", t) @ hin + par("Wx", t) @ x + par("b1", t))
            vals[("z", t)] = z
            hn = pv("h", t, sig(z))
            vals[("h", t)] = hn
            th = pv("logit", t, par("U", t) @ pv("hout", t, hn) + par("b2", t))
            vals[("logit", t)] = th
            p = softmax(th)
            vals[("yhat", t)] = p
            lt = -np.log(p[self.y[t]])
            vals[("l", t)] = np.array([lt])
            if t == self.tl:
                L += lt
            h = hn
        return L, vals


@source
def _talwar_rnn(M):
    m, tl, k = "talwar_rnn", 4, 3
    mod = TalwarRNN(seed=97, tl=tl)
    M[m] = mod
    mod3 = TalwarRNN(seed=97, tl=tl - 1)          # the loss J^{(T-1)}, same weights and inputs
    aux = {}

    def c3():
        if "c" not in aux:
            aux["c"] = Ctx(mod3)
        return aux["c"]

    P, H, T = mod.P, mod.H, mod.T
    Wh, Wx, b1, U, b2 = P["Wh"], P["Wx"], col(P["b1"]), P["U"], col(P["b2"])
    L = finder()
    R = lambda frag, lhs, rhs: rule(SID, L(frag), m, lhs, rhs)
    v = lambda c, n, s: col(c.v(n, s))
    dsig = lambda u: sig(u) * (1 - sig(u))
    gam = lambda c, s: col(c.g("h", s))                        # gamma_t^{(s)} = dJ^{(t)}/dh^{(s)}
    sp = lambda c, s: col(dsig(c.v("z", s)))                   # sigma'(z^{(s)})

    # forward (at step 3; the head at t = tl)
    t = 3
    R("z^{(t)} &= W_h h^{(t-1)}", lambda c: v(c, "z", t), lambda c: mm(Wh, v(c, "h", t - 1)) + mm(Wx, v(c, "x", t)) + b1)
    R("h^{(t)} &= \\sigma(z^{(t)})", lambda c: v(c, "h", t), lambda c: sig(v(c, "z", t)))
    zz = lambda c: c.v("z", t)
    R("\\sigma(x) = \\frac{1}", lambda c: sig(zz(c)), lambda c: 1.0 / (1 + np.exp(-zz(c))))
    R("\\sigma'(x) = \\sigma(x) \\times", lambda c: (sig(zz(c) + 1e-6) - sig(zz(c) - 1e-6)) / 2e-6,
      lambda c: sig(zz(c)) * (1 - sig(zz(c))))
    R("\\theta^{(t)} = Uh^{(t)} + b_2", lambda c: v(c, "logit", tl), lambda c: mm(U, v(c, "h", tl)) + b2)
    R("\\hat{y}^{(t)}_{[i]} = \\frac", lambda c: v(c, "yhat", tl),
      lambda c: np.exp(v(c, "logit", tl)) / sum(np.exp(v(c, "logit", tl)) for j in range(mod.V)))
    R("J^{(t)} = -\\sum_{i=0}^{V-1}", lambda c: c.v("l", tl),
      lambda c: np.array([-np.sum(np.eye(mod.V)[mod.y[tl]] * np.log(c.v("yhat", tl)))]))
    R("J = \\sum_{t=1}^{T} J^{(t)}", lambda c: sum(c.v("l", s) for s in range(1, T + 1)),
      lambda c: sum(np.array([-np.log(c.v("yhat", s)[mod.y[s]])]) for s in range(1, T + 1)))
    # 4.1: the per-step copies
    steps = lambda c: sum(c.gps("Wh", s) for s in range(1, T + 1))
    R("{\\partial W_{h [i,j]}} &=  \\sum", lambda c: c.gp("Wh"), lambda c: steps(c) * 1.0)
    R("\\tag{4.1}", lambda c: c.gp("Wh"), steps)
    # 5.x at step k
    jhW = lambda c: c.jac("h", k, ("P:Wh", k), (H, H))          # dh_p^{(k)}/dW_h^{(k)}[i,j]
    jhz = lambda c: c.jac("h", k, ("z", k), (H,))               # dh_p^{(k)}/dz_m^{(k)}
    jzW = lambda c: c.jac("z", k, ("P:Wh", k), (H, H))          # dz_m^{(k)}/dW_h^{(k)}[i,j]
    R("\\tag{5.0}", lambda c: c.gps("Wh", k), lambda c: np.einsum("p,pij->ij", c.g("h", k), jhW(c)))
    R("\\tag{5.1}", jhW, lambda c: np.einsum("pm,mij->pij", jhz(c), jzW(c)))
    R("\\tag{5.1.1}", jhz, lambda c: np.diag(dsig(c.v("z", k))))
    R("\\tag{5.1.2}", jzW, lambda c: np.einsum("mi,j->mij", np.eye(H), c.v("h", k - 1)))
    R("\\partial W_{h[i,j]}^{(k)}} &= \\begin{cases} 0, & \\text{p $\\ne$ i}", jhW,
      lambda c: np.einsum("pi,ij->pij", np.eye(H), np.outer(dsig(c.v("z", k)), c.v("h", k - 1))))
    R("&= \\gamma_{t[i]}^k \\times", lambda c: c.gps("Wh", k),
      lambda c: np.outer(c.g("h", k) * dsig(c.v("z", k)), c.v("h", k - 1)))
    # \times between a column and a row: the outer product (the post's Notation calls \times scalar
    # multiplication; extended to a column and a row it is the matrix product)
    R("(5.2)", lambda c: c.gps("Wh", k),
      lambda c: np.outer(c.g("h", k) * dsig(c.v("z", k)), c.v("h", k - 1)))
    # 6.x
    jhh = lambda c: c.jac("h", k, ("hin", k), (H,))             # dh_i^{(k)}/dh_j^{(k-1)}
    jzh = lambda c: c.jac("z", k, ("hin", k), (H,))             # dz_p^{(k)}/dh_j^{(k-1)}
    R("\\gamma_{t[j]}^{(k-1)} &= \\frac", lambda c: gam(c, k - 1), lambda c: col(c.g("h", k - 1)))
    R("\\tag{6.0}", lambda c: gam(c, k - 1), lambda c: col(np.einsum("i,ij->j", c.g("h", k), jhh(c))))
    R("\\tag{6.1}", jhh, lambda c: np.einsum("ip,pj->ij", c.jac("h", k, ("z", k), (H,)), jzh(c)))
    R("\\tag{6.1.1}", lambda c: c.jac("h", k, ("z", k), (H,)), lambda c: np.diag(dsig(c.v("z", k))))
    R("\\tag{6.1.2}", jzh, lambda c: Wh)
    R("\\partial h_{[j]}^{(k-1)}} &= \\sigma'(z_{[i]}^{(k)}) \\times", jhh, lambda c: dsig(c.v("z", k))[:, None] * Wh)
    R("\\gamma_{t[j]}^{(k-1)} &= \\sum_{i=1}^{D_h} \\gamma_{t[i]}^{(k)} \\times", lambda c: gam(c, k - 1),
      undefined("unbalanced: a ')' that was never opened"))
    R("(6.2)", lambda c: gam(c, k - 1), lambda c: mm(Wh.T, ew(gam(c, k), sp(c, k))))
    # distributive laws (random vectors and matrices)
    rng = np.random.default_rng(5)
    a, bb, cc = (rng.normal(size=(3, 1)) for _ in range(3))
    A, B, C = (rng.normal(size=(3, 3)) for _ in range(3))
    R("a \\circ (b + c)", lambda c: ew(a, bb + cc), lambda c: add(ew(a, bb), ew(a, cc)))
    R("A(B + C) = AB + AC", lambda c: mm(A, B + C), lambda c: add(mm(A, B), mm(A, C)))
    # accumulation at k = T - 2: gamma_{T-1} from the J^{(3)} copy, gamma_T from the J^{(4)} model
    kk = T - 2
    g3 = lambda s: col(c3().g("h", s))
    lhs_acc = lambda c: mm(Wh.T, ew(g3(kk) + gam(c, kk), sp(c, kk)))
    R("(W_{h}^{(k)})^{Tr} (\\left[", lhs_acc,
      lambda c: (add(mm(Wh.T, ew(g3(kk), sp(c, kk))), mm(Wh.T, ew(gam(c, kk), sp(c, kk)))),
                 add(g3(kk - 1), gam(c, kk - 1))))
    R("&= \\gamma_{T-1}^{(T-3)} + \\gamma_{T}^{(T-3)}", lhs_acc, lambda c: add(g3(kk - 1), gam(c, kk - 1)))
