"""Oracle rules of sharkovsky_naive_bptt: a two-layer (deep) RNN without biases,
z^l_n = {}_SW^l h^{l-1}_n + {}_TW^l h^l_{n-1}, h^l_n = sigma(z^l_n) (logistic), h^0_n = x_n.

Two models of their own (this file's class): the scalar example (one unit a layer, y_n = h^2_n,
cost C(y_N) = (y_N - y*)^2 / 2 of the last output, N = 3, so the elisions of the nested forms are
empty) and the vector one (3 units a layer, 2 inputs, 3 steps, the total cost sum_n R_n . h^2_n;
rows at l = 1, n = 2). Finite differences perturb a value right after it is computed (totals),
one use of it (what one step or one layer sends back), or a parameter in one step only.
"""
import numpy as np

from oracle import col, row, mm, ew, sig, rule, source, undefined

EPS = 1e-6


class Deep:
    def __init__(self, seed, units, I, N, last_only):
        rng = np.random.default_rng(seed)
        self.H, self.I, self.T, self.N, self.last_only = units, I, N, N, last_only
        self.P = {"S1": rng.normal(0, 0.8, (units, I)), "T1": rng.normal(0, 0.8, (units, units)),
                  "S2": rng.normal(0, 0.8, (units, units)), "T2": rng.normal(0, 0.8, (units, units))}
        self.xs = {n: rng.normal(0, 1, I) for n in range(1, N + 1)}
        self.h0 = {1: rng.normal(0, 0.5, units), 2: rng.normal(0, 0.5, units)}
        self.R = {n: rng.normal(0, 1, units) for n in range(1, N + 1)}
        self.ystar = rng.normal(0, 1)

    def forward(self, pert=None):
        pert = pert or {}
        pv = lambda key, v: v + pert[key] if key in pert else v

        def par(name, n):
            v = self.P[name]
            for k in (("P:" + name, n), ("P:" + name, 0)):
                if k in pert:
                    v = v + pert[k]
            return v
        vals = {("h", 1, 0): self.h0[1], ("h", 2, 0): self.h0[2]}
        L = 0.0
        for n in range(1, self.N + 1):
            below = pv(("x", n), self.xs[n])
            vals[("h", 0, n)] = below
            for l in (1, 2):
                hb = pv(("hS", l, n), below)                      # h^{l-1}_n where layer l uses it
                hp = pv(("hT", l, n), vals[("h", l, n - 1)])     # h^l_{n-1} where step n uses it
                z = pv(("z", l, n), par("S%d" % l, n) @ hb + par("T%d" % l, n) @ hp)
                h = pv(("h", l, n), sig(z))
                vals[("z", l, n)], vals[("h", l, n)] = z, h
                below = h
            top = pv(("out", n), below)
            if self.last_only:
                if n == self.N:
                    L += 0.5 * float(np.sum((top - self.ystar) ** 2))
            else:
                L += float(self.R[n] @ top)
        return L, vals


def fd(mod, key, shape, of=None):
    """d L / d key (of=None) or d vals[of] / d key, by central differences"""
    out = None
    for idx in np.ndindex(*shape):
        d = np.zeros(shape)
        d[idx] = EPS
        lp, vp = mod.forward({key: d})
        lm, vm = mod.forward({key: -d})
        g = (lp - lm) / (2 * EPS) if of is None else (vp[of] - vm[of]) / (2 * EPS)
        g = np.asarray(g, dtype=float)
        if out is None:
            out = np.zeros(g.shape + tuple(shape))
        out[(Ellipsis,) + idx] = g
    return out


@source
def _sharkovsky(M):
    sid = "sharkovsky_naive_bptt"
    sc = Deep(seed=211, units=1, I=1, N=3, last_only=True)
    vc = Deep(seed=223, units=3, I=2, N=3, last_only=False)
    M["sharkovsky_s"], M["sharkovsky_v"] = sc, vc
    Rs = lambda line, lhs, rhs: rule(sid, line, "sharkovsky_s", lhs, rhs)
    Rv = lambda line, lhs, rhs: rule(sid, line, "sharkovsky_v", lhs, rhs)
    s = lambda c, *k: float(c.m.forward()[1][k][0])          # scalar value
    Sw = lambda l: float(sc.P["S%d" % l][0, 0])
    Tw = lambda l: float(sc.P["T%d" % l][0, 0])
    x = lambda n: float(sc.xs[n][0])
    sg = lambda z: float(sig(z))
    dsg = lambda z: sg(z) * (1 - sg(z))
    N = 3

    # vector forward rows (l = 2, n = 2: both inputs are states)
    vv = lambda c, *k: col(c.m.forward()[1][k])
    Pv = vc.P
    Rv(22, lambda c: vv(c, "z", 2, 2), lambda c: mm(Pv["S2"], vv(c, "h", 1, 2)) + mm(Pv["T2"], vv(c, "h", 2, 1)))
    Rv(23, lambda c: vv(c, "h", 2, 2), lambda c: sig(vv(c, "z", 2, 2)))
    # scalar example
    for line, n in ((30, 1), (36, 2)):
        Rs(line, lambda c, n=n: np.array([s(c, "h", 1, n)]),
           lambda c, n=n: np.array([sg(Sw(1) * x(n) + Tw(1) * s(c, "h", 1, n - 1))]))
        Rs(line + 1, lambda c, n=n: np.array([s(c, "h", 2, n)]),
           lambda c, n=n: np.array([sg(Sw(2) * s(c, "h", 1, n) + Tw(2) * s(c, "h", 2, n - 1))]))
        Rs(line + 2, lambda c, n=n: np.array([s(c, "h", 2, n)]), lambda c, n=n: np.array([s(c, "h", 2, n)]))
    Rs(42, lambda c: np.array([s(c, "h", 1, 2)]),
       lambda c: np.array([sg(Sw(1) * x(2) + Tw(1) * sg(Sw(1) * x(1) + Tw(1) * s(c, "h", 1, 0)))]))
    # "{}_Sw^2 \sigma h^1_2": sigma applied to h^1_2
    Rs(43, lambda c: np.array([s(c, "h", 2, 2)]),
       lambda c: np.array([sg(Sw(2) * sg(s(c, "h", 1, 2)) + Tw(2) * sg(Sw(2) * s(c, "h", 1, 1) + Tw(2) * s(c, "h", 2, 0)))]))
    Rs(44, lambda c: np.array([s(c, "h", 2, 2)]), lambda c: np.array([s(c, "h", 2, 2)]))
    Rs(49, lambda c: np.array([s(c, "h", 1, N)]),
       lambda c: np.array([sg(Sw(1) * x(3) + Tw(1) * sg(Sw(1) * x(2) + Tw(1) * sg(Sw(1) * x(1) + Tw(1) * s(c, "h", 1, 0))))]))
    Rs(50, lambda c: np.array([s(c, "h", 2, N)]),
       lambda c: np.array([sg(Sw(2) * s(c, "h", 1, 3) + Tw(2) * sg(Sw(2) * s(c, "h", 1, 2) + Tw(2) * sg(Sw(2) * s(c, "h", 1, 1) + Tw(2) * s(c, "h", 2, 0))))]))
    Rs(51, lambda c: np.array([s(c, "h", 2, N)]), lambda c: np.array([s(c, "h", 2, N)]))
    # gradients of C(y_N)
    dCdy = lambda c: s(c, "h", 2, N) - sc.ystar
    tot = lambda c, p: fd(c.m, ("P:" + p, 0), (1, 1)).reshape(-1)                       # dC/dp
    dq = lambda c, q, p: fd(c.m, ("P:" + p, 0), (1, 1), of=q).reshape(-1)              # dq/dp (total)
    z2 = lambda c, n: s(c, "z", 2, n)
    for line, p in ((57, "T2"), (69, "T1")):
        Rs(line, lambda c, p=p: tot(c, p), lambda c, p=p: dCdy(c) * dq(c, ("h", 2, N), p))
        Rs(line + 1, lambda c, p=p: tot(c, p), lambda c, p=p: dCdy(c) * dsg(z2(c, N)) * dq(c, ("z", 2, N), p))
    Rs(65, lambda c: tot(c, "T2"),
       lambda c: dCdy(c) * dsg(z2(c, 3)) * (s(c, "h", 2, 3) + Tw(2) * dsg(z2(c, 2)) * (
           s(c, "h", 2, 2) + dsg(z2(c, 1)) * s(c, "h", 2, 0))) * np.ones(1))
    # vector notation at l = 1, n = 2
    l, n, H = 1, 2, vc.H
    gtot = lambda c, *k: col(fd(c.m, k, (H,)))                 # total dL/d(value right after computed)
    dlt = lambda c: gtot(c, "h", 1, n)
    sp = lambda c, ll, nn: col(sig(c.m.forward()[1][("z", ll, nn)]) * (1 - sig(c.m.forward()[1][("z", ll, nn)])))
    inner = lambda c, ll, nn: ew(gtot(c, "h", ll, nn), sp(c, ll, nn))
    Rv(79, dlt, lambda c: mm(Pv["T1"].T, inner(c, 1, n + 1)) + mm(Pv["S2"].T, inner(c, 2, n)))
    Rv(80, lambda c: fd(c.m, ("P:S1", n), Pv["S1"].shape), lambda c: mm(ew(dlt(c), sp(c, 1, n)), row(vc.xs[n])))
    Rv(81, lambda c: fd(c.m, ("P:T1", n), Pv["T1"].shape),
       lambda c: mm(ew(dlt(c), sp(c, 1, n)), row(c.m.forward()[1][("h", 1, n - 1)])))
    Rv(82, lambda c: col(fd(c.m, ("hS", 1, n), (vc.I,))), lambda c: mm(Pv["S1"].T, ew(dlt(c), sp(c, 1, n))))
    Rv(83, lambda c: col(fd(c.m, ("hT", 1, n), (H,))), lambda c: mm(Pv["T1"].T, ew(dlt(c), sp(c, 1, n))))
