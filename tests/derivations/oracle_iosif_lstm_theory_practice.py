"""Oracle rules of iosif_lstm_theory_practice (Iosif, Macri, Berariu, "LSTM: From theory to practice", 2016, Sec. 2).
One LSTM block with a D-dimensional memory s and SCALAR gates: a_q = w_q^T [x^{(t)}; z_h^{(t-1)}; s^{(t-1)}; 1]
(q = iota, phi; peepholes through s^{(t-1)}), a_omega = w_omega^T [x; z_h^{(t-1)}; s^{(t)}; 1] (peephole through
s^{(t)}), g_q = f_q(a_q); a_c = W_c^T [x; z_h^{(t-1)}; 1] (W_c is (N+D+1) x D), z_c = f_c(a_c);
s = g_phi s^{(t-1)} + g_iota z_c; z_h = f_h(g_omega f_s(s)).  Oracle activations: f_iota = f_phi = f_omega =
logistic, f_c = f_s = tanh, f_h = logistic (the notes: 'e.g. logistic'); E = sum_t R_t . z_h^{(t)} (the notes'
'some error function').  Jacobians of E are ROWS (the notes' stated convention: d alpha / d v is 1 x size(v)),
vectors not defined as Jacobians are columns; w_{q,x}, w_{q,z}, w_{q,s} are the x-, z_h- and s-blocks of w_q,
W_{c,x}, W_{c,z} the x- and z_h-rows of W_c.  A superscript (t) on a parameter (w_omega^{(t)}, W_c^{(t)}) is
step t's copy (a step gradient).  Oracle: N = 2, D = 3, T = 4, t = 3, z_h^{(0)} and s^{(0)} random."""
import numpy as np

from oracle import rule, source, add, ew, mm, col, row, diag, sig, dsig, dtanh, IllTyped, perturbers

SID = "iosif_lstm_theory_practice"


class IosifModel:
    """The notes' block, with hooks: ('x', t), ('zhin', t) / ('sin', t) (z_h^{(t-1)} / s^{(t-1)} where step t
    consumes them), ('xin:q', t) / ('zin:q', t) (x / z_h^{(t-1)} where a_q uses it; q in i, f, o, c), ('s:out', t) (s^{(t)} where a_omega^{(t)}
    and f_s use it), every named value (name, t) and ('P:name', t) parameter copies, as oracle.Model."""

    def __init__(self, N=2, D=3, T=4, seed=0):
        self.I, self.H, self.T, self.N, self.D = N, D, T, N, D
        rng = np.random.default_rng(seed)
        self.P = {"wi": rng.normal(0, 0.6, N + 2 * D + 1), "wf": rng.normal(0, 0.6, N + 2 * D + 1),
                  "wo": rng.normal(0, 0.6, N + 2 * D + 1), "Wc": rng.normal(0, 0.6, (N + D + 1, D))}
        self.xs = {t: rng.normal(0, 1, N) for t in range(1, T + 1)}
        self.zh0 = rng.normal(0, 0.5, D)
        self.s0 = rng.normal(0, 0.5, D)
        self.R = {t: rng.normal(0, 1, D) for t in range(1, T + 1)}

    def forward(self, pert=None):
        pert = pert or {}

        pv, par = perturbers(pert, self.P)

        vals = {("zh", 0): self.zh0.copy(), ("s", 0): self.s0.copy()}
        L = 0.0
        zh, s = self.zh0, self.s0
        one = np.ones(1)
        for t in range(1, self.T + 1):
            x = pv("x", t, self.xs[t])
            vals[("x", t)] = x
            zin = pv("zhin", t, zh)
            sin = pv("sin", t, s)
            X = lambda q: pv("xin:" + q, t, x)
            Z = lambda q: pv("zin:" + q, t, zin)
            ai = pv("ai", t, np.atleast_1d(par("wi", t) @ np.concatenate([X("i"), Z("i"), sin, one])))
            gi = pv("gi", t, sig(ai))
            ac = pv("ac", t, par("Wc", t).T @ np.concatenate([X("c"), Z("c"), one]))
            zc = pv("zc", t, np.tanh(ac))
            af = pv("af", t, np.atleast_1d(par("wf", t) @ np.concatenate([X("f"), Z("f"), sin, one])))
            gf = pv("gf", t, sig(af))
            sn = pv("s", t, gf * sin + gi * zc)
            sout = pv("s:out", t, sn)
            ao = pv("ao", t, np.atleast_1d(par("wo", t) @ np.concatenate([X("o"), Z("o"), sout, one])))
            go = pv("go", t, sig(ao))
            u = pv("u", t, go * np.tanh(sout))
            zhn = pv("zh", t, sig(u))
            for n, val in (("ai", ai), ("gi", gi), ("ac", ac), ("zc", zc), ("af", af), ("gf", gf), ("s", sn),
                           ("ao", ao), ("go", go), ("u", u), ("zh", zhn)):
                vals[(n, t)] = val
            L += self.R[t] @ pv("hout", t, zhn)
            zh, s = zhn, sn
        return L, vals


def _undefined(what):
    def f(c):
        raise IllTyped(what)
    return f


@source
def _iosif(M):
    m, t = "iosif_lstm", 3
    M[m] = IosifModel(seed=3)
    mod = M[m]
    P, N, D = mod.P, mod.N, mod.D
    Rl = lambda line, lhs, rhs: rule(SID, line, m, lhs, rhs)
    v = lambda c, n, s=t: col(c.v(n, s))
    sc = lambda c, n, s=t: float(c.v(n, s)[0])                 # a scalar gate value
    gs = lambda c, n, s=t: float(c.g(n, s)[0])                 # dE/d(scalar) (total)
    G = lambda n, s=t: (lambda c: row(c.g(n, s)))              # dE/d(vector), a row (Jacobian)
    x = lambda c: v(c, "x")
    zp = lambda c: v(c, "zh", t - 1)
    sp = lambda c: v(c, "s", t - 1)
    one = np.ones((1, 1))
    blk = lambda w, part: {"x": w[:N], "z": w[N:N + D], "s": w[N + D:N + 2 * D]}[part]
    Wcx, Wcz = P["Wc"][:N, :], P["Wc"][N:N + D, :]
    fh, dfh = sig, dsig
    s11 = lambda a: np.array([[a]])
    # ---- forward ----
    Rl(28, lambda c: s11(sc(c, "ai")), lambda c: mm(row(P["wi"]), np.vstack([x(c), zp(c), sp(c), one])))
    Rl(29, lambda c: s11(sc(c, "gi")), lambda c: s11(sig(sc(c, "ai"))))
    Rl(32, lambda c: v(c, "ac"), lambda c: mm(P["Wc"].T, np.vstack([x(c), zp(c), one])))
    Rl(33, lambda c: v(c, "zc"), lambda c: np.tanh(v(c, "ac")))
    Rl(37, lambda c: s11(sc(c, "af")), lambda c: mm(row(P["wf"]), np.vstack([x(c), zp(c), sp(c), one])))
    Rl(38, lambda c: s11(sc(c, "gf")), lambda c: s11(sig(sc(c, "af"))))
    Rl(42, lambda c: v(c, "s"), lambda c: add(sc(c, "gf") * sp(c), sc(c, "gi") * v(c, "zc")))
    Rl(46, lambda c: s11(sc(c, "ao")), lambda c: mm(row(P["wo"]), np.vstack([x(c), zp(c), v(c, "s"), one])))
    Rl(47, lambda c: s11(sc(c, "go")), lambda c: s11(sig(sc(c, "ao"))))
    Rl(48, lambda c: v(c, "zh"), lambda c: fh(sc(c, "go") * np.tanh(v(c, "s"))))
    # ---- notation rows ----
    # 54: delta_q^{(t)} (step t's gradient, as the notes later define it: dE/dw_q^{(t)}) named dE/dw_q (the total)
    Rl(54, lambda c: np.hstack([row(c.gps(p, t)) for p in ("wo", "wf", "wi")]),
       lambda c: np.hstack([row(c.gp(p)) for p in ("wo", "wf", "wi")]))
    Rl(55, lambda c: c.gps("Wc", t), lambda c: c.gp("Wc"))
    Rl(59, lambda c: np.array([[gs(c, n) for n in ("go", "gf", "gi")]]),
       lambda c: np.array([[gs(c, n) for n in ("go", "gf", "gi")]]))
    # 63 / 66: what the notes' own formulas (131, 138) and purpose make delta_x, delta_zz: everything that
    # reaches x^{(t)} / z_h^{(t-1)} through step t; the definition keeps only the part through z_h^{(t)}
    dx_true = lambda c: row(c.g("x", t))
    dzz_true = lambda c: row(c.gin("zh", t))
    Jzx = lambda c: c.jac("zh", t, ("x", t), (N,))
    Jzz = lambda c: c.jac("zh", t, ("zhin", t), (D,))
    Rl(63, dx_true, lambda c: mm(G("zh")(c), Jzx(c)))
    Rl(66, dzz_true, lambda c: mm(G("zh")(c), Jzz(c)))
    Rl(69, lambda c: np.hstack([G(n)(c) for n in ("s", "zc", "zh")]),
       lambda c: np.hstack([G(n)(c) for n in ("s", "zc", "zh")]))
    # ---- inner loops ----
    Jzs = lambda c: c.jac("zh", t, ("s:out", t), (D,))          # dz_h^{(t)}/ds^{(t)} (D x D)
    Jgs = lambda n: (lambda c: c.jac(n, t + 1, ("sin", t + 1), (D,)))   # dg^{(t+1)}/ds^{(t)} (1 x D)
    ds_tt = lambda c: row(c.gh("s:out", t))
    ds_t1t = lambda c: row(c.gin("s", t + 1))
    gsT = lambda c: sc(c, "gf", t + 1) * col(c.g("s", t + 1))    # g_phi^{(t+1)} (delta_s^{(t+1)})^T: a column
    auburn_chain = lambda c: add(gs(c, "gf", t + 1) * Jgs("gf")(c), gs(c, "gi", t + 1) * Jgs("gi")(c), gsT(c))
    Rl(76, G("s"), lambda c: (G("s")(c), add(mm(G("zh")(c), Jzs(c)), auburn_chain(c))))
    Rl(77, G("s"), _undefined("g_w is not a name of the notes (g_omega meant)"))
    Rl(78, G("s"), _undefined("a_omega without its time index (the notes write a_omega^{(t)})"))
    Rl(79, G("s"), lambda c: add(ds_tt(c), ds_t1t(c)))
    # component rows: delta_s^{(t)->(t)}[i] for every i
    u = lambda c: c.v("u", t)
    sv = lambda c: c.v("s", t)
    Rl(86, lambda c: c.gh("s:out", t), lambda c: (c.g("zh", t) @ Jzs(c)))
    Rl(87, lambda c: c.gh("s:out", t),
       lambda c: np.array([sum(c.g("zh", t)[j] * dfh(u(c)[j]) *
                               (sc(c, "go") * (i == j) * dtanh(sv(c)[i])
                                + np.tanh(sv(c)[j]) * dsig(sc(c, "ao")) * blk(P["wo"], "s")[i])
                               for j in range(D)) for i in range(D)]))
    # ---- output gate ----
    Rl(98, lambda c: s11(gs(c, "go")),
       lambda c: (s11(gs(c, "go")), mm(G("zh")(c), c.jac("zh", t, ("go", t), (1,))),
                  mm(G("zh")(c), ew(col(dfh(u(c))), np.tanh(v(c, "s"))))))
    Rl(99, lambda c: row(c.gps("wo", t)),
       lambda c: (row(c.gps("wo", t)), gs(c, "go") * c.jac("go", t, ("P:wo", t), (N + 2 * D + 1,)),
                  gs(c, "go") * dsig(sc(c, "ao")) * np.vstack([x(c), zp(c), v(c, "s"), one])))
    # ---- memory cell ----
    Rl(103, ds_tt, _undefined("dz_h^{(t)}/s^{(t)}: the denominator lacks \\partial"))
    Rl(104, ds_tt, _undefined("a_omega without its time index"))
    Rl(105, ds_tt, _undefined("a_omega without its time index"))
    Rl(106, G("s"), lambda c: add(ds_tt(c), ds_t1t(c)))
    # ---- input value ----
    Rl(110, G("zc"), lambda c: (G("zc")(c), mm(G("s")(c), c.jac("s", t, ("zc", t), (D,))),
                                 _undefined("g_i is not a name of the notes (g_iota meant)")(c)))
    Rl(111, lambda c: c.gps("Wc", t).T,
       _undefined("a_c without its time index; and [x^T; s^{(t-1)T}; 1] is not W_c's input [x; z_h^{(t-1)}; 1]"))
    # ---- input gate, forget gate ----
    for line, q, a, w, vec in ((115, "gi", "ai", "wi", lambda c: v(c, "zc")), (120, "gf", "af", "wf", sp)):
        Rl(line, (lambda q: lambda c: s11(gs(c, q)))(q),
           (lambda q, vec: lambda c: (s11(gs(c, q)), mm(G("s")(c), c.jac("s", t, (q, t), (1,))),
                                      mm(G("s")(c), vec(c))))(q, vec))
    for line, q, a, w in ((116, "gi", "ai", "wi"), (121, "gf", "af", "wf")):
        Rl(line, (lambda w: lambda c: row(c.gps(w, t)))(w),
           (lambda q, a, w: lambda c: (row(c.gps(w, t)), gs(c, q) * c.jac(q, t, ("P:" + w, t), (N + 2 * D + 1,)),
                                       gs(c, q) * dsig(sc(c, a)) * np.hstack([x(c).T, zp(c).T, sp(c).T, one])))(q, a, w))
    # ---- incoming values ----
    Rl(125, lambda c: row(c.gin("s", t)),
       lambda c: add(gs(c, "gf") * dsig(sc(c, "af")) * row(blk(P["wf"], "s")),
                     gs(c, "gi") * dsig(sc(c, "ai")) * row(blk(P["wi"], "s")), sc(c, "gf") * col(c.g("s", t))))

    def paths(c, key, size, q_x):
        """dE/dz_h^{(t)} times the sum of the four paths from the input (hook key) into z_h^{(t)} within step t"""
        J = add(mm(c.jac("zh", t, ("gi", t), (1,)), c.jac("gi", t, (q_x("i"), t), (size,))),
                mm(c.jac("zh", t, ("gf", t), (1,)), c.jac("gf", t, (q_x("f"), t), (size,))),
                mm(c.jac("zh", t, ("go", t), (1,)), c.jac("go", t, (q_x("o"), t), (size,))),
                mm(c.jac("zh", t, ("zc", t), (D,)), c.jac("zc", t, (q_x("c"), t), (size,))))
        return mm(G("zh")(c), J)

    def gate_sum(c, part, Wc_part):
        return add(gs(c, "gi") * dsig(sc(c, "ai")) * row(blk(P["wi"], part)),
                   gs(c, "gf") * dsig(sc(c, "af")) * row(blk(P["wf"], part)),
                   gs(c, "go") * dsig(sc(c, "ao")) * row(blk(P["wo"], part)),
                   mm(ew(G("zc")(c), row(dtanh(c.v("ac", t)))), Wc_part.T))
    Rl(129, dx_true, lambda c: mm(G("zh")(c), Jzx(c)))
    Rl(130, dx_true, lambda c: paths(c, "x", N, lambda q: "xin:" + q))
    Rl(131, dx_true, lambda c: gate_sum(c, "x", Wcx))
    Rl(136, dzz_true, lambda c: mm(G("zh")(c), Jzz(c)))
    Rl(137, dzz_true, lambda c: paths(c, "zhin", D, lambda q: "zin:" + q))
    Rl(138, dzz_true, lambda c: gate_sum(c, "z", Wcz))
