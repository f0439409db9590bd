#!/usr/bin/env python3
"""Independent finite-difference oracle for the corpus of published derivations.

Standalone: imports numpy only (no symlstm, no sympy).  For every source in this folder
(<id>.tex + <id>.json) it builds the source's own cell at a tiny size, with a random loss,
computes every gradient the source's equations talk about by central finite differences,
evaluates the numeric left and right side of every equation (the table RULES below, keyed
by (source id, line in the .tex)) and compares.  An equation "holds" when both sides have
the same shape and agree to 1e-6 (relative); a right side that is ill-typed (a matrix
product whose shapes do not match, a name that is not defined) does not hold.

It then checks that the verdict agrees with the "expected" field of the json.  Exit status 0
only when every equation of every json has a rule and every verdict agrees.

    python tests/derivations/oracle.py            # summary per source
    python tests/derivations/oracle.py -v         # one line per equation

Conventions of the numeric model (the same for every source; each source's rules map the
author's names onto it):
  * steps t = 1..T (T = 4), h_0 and c_0 random (not zero) unless the source says they are
    zero; equations written "at step t" are evaluated at t = 3 (so t-2, t-1 and t+1 exist),
    equations about the last step at t = T;
  * the core keeps column vectors and weights acting on the left (W x); a source written with
    row vectors (x W) sees the transposes;
  * "total" gradient of a quantity q_t: perturb q_t right after it is computed (everything
    downstream, at t and later, sees the change) - dL/dq_t;
  * step-local readings: gin('h', t) perturbs h_{t-1} only where step t consumes it (da_prev of
    a backward step), gin('c', t) likewise for c_{t-1}; gout(t) perturbs h_t only where the
    output head consumes it (Delta_t, the loss gradient reaching h_t directly); gps(P, t)
    perturbs parameter P only in step t (a parameter gradient without the sum over t).
"""
import glob
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EPS = 1e-6
RTOL = 1e-6


class IllTyped(Exception):
    """The right side cannot be evaluated as written (shapes, undefined names)."""


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def dsig(x):
    s = sig(x)
    return s * (1 - s)


def dtanh(x):
    return 1 - np.tanh(x) ** 2


def softmax(v):
    e = np.exp(v - v.max())
    return e / e.sum()


def mm(a, b):
    """Strict matrix product: 2-d operands only, inner sizes must agree."""
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise IllTyped("matrix product of shapes %s and %s" % (a.shape, b.shape))
    return a @ b


def ew(*xs):
    """Strict element-wise product: all operands of one shape."""
    out = np.asarray(xs[0], dtype=float)
    for x in xs[1:]:
        x = np.asarray(x, dtype=float)
        if x.shape != out.shape:
            raise IllTyped("element-wise product of shapes %s and %s" % (out.shape, x.shape))
        out = out * x
    return out


def add(*xs):
    out = np.asarray(xs[0], dtype=float)
    for x in xs[1:]:
        x = np.asarray(x, dtype=float)
        if x.shape != out.shape:
            raise IllTyped("sum of shapes %s and %s" % (out.shape, x.shape))
        out = out + x
    return out


def col(v):
    return np.asarray(v, dtype=float).reshape(-1, 1)


def row(v):
    return np.asarray(v, dtype=float).reshape(1, -1)


def diag(v):
    return np.diag(np.asarray(v, dtype=float).ravel())


# --------------------------------------------------------------------------------------
# Cells.  Core orientation: column vectors, W (H x I) on inputs, U (H x H) on h_{t-1}.
# --------------------------------------------------------------------------------------

def perturbers(pert, params):
    """The two lookups a forward pass uses under a perturbation ``pert`` (keys as in :meth:`Model.forward`):
    ``pv(name, t, v)``, the value v of a quantity at step t plus its perturbation, and ``par(name, t)``, parameter
    ``name`` as step t uses it (plus its perturbation in step t only, then in every step)."""
    def pv(name, t, v):
        d = pert.get((name, t))
        return v if d is None else v + d

    def par(name, t):
        v = params[name]
        for key in (("P:" + name, t), ("P:" + name, 0)):
            d = pert.get(key)
            if d is not None:
                v = v + d
        return v
    return pv, par


class Model:
    """A cell, sizes, parameters, inputs and a loss; forward(pert) returns (L, values)."""

    def __init__(self, cell, I=2, H=3, T=4, seed=0, head="linear", V=3, act="tanh",
                 bias=True, zero_init=False, loss_scale=1.0, gru_form="new", gru_reset="before"):
        self.cell, self.I, self.H, self.T = cell, I, H, T
        self.head, self.act, self.loss_scale, self.gru_form = head, act, loss_scale, gru_form
        self.gru_reset = gru_reset
        rng = np.random.default_rng(seed)
        gates = {"rnn": ["a"], "lstm": ["i", "f", "o", "g"], "gru": ["r", "z", "n"]}[cell]
        self.gates = gates
        P = {}
        for k in gates:
            P["W" + k] = rng.normal(0, 0.6, (H, I))
            P["U" + k] = rng.normal(0, 0.6, (H, H))
            P["b" + k] = rng.normal(0, 0.3, H) if bias else np.zeros(H)
        if cell == "gru" and gru_reset == "after":
            P["bhn"] = rng.normal(0, 0.3, H)
        if head in ("softmax", "sq"):
            P["V"] = rng.normal(0, 0.6, (V, H))
            P["c"] = rng.normal(0, 0.3, V)
        self.P = P
        self.bias = bias
        self.xs = {t: rng.normal(0, 1, I) for t in range(1, T + 1)}
        self.h0 = np.zeros(H) if zero_init else rng.normal(0, 0.5, H)
        self.c0 = np.zeros(H) if zero_init else rng.normal(0, 0.5, H)
        self.R = {t: rng.normal(0, 1, H) for t in range(1, T + 1)}
        self.y = {t: int(rng.integers(0, V)) for t in range(1, T + 1)}
        self.yreal = {t: rng.normal(0, 1, V) for t in range(1, T + 1)}
        self.V = V

    # perturbation keys:
    #   (name, t)        add to the value of `name` at step t right after it is computed
    #   ('hin', t)       add to h_{t-1} where step t consumes it
    #   ('cin', t)       add to c_{t-1} where step t consumes it
    #   ('hout', t)      add to h_t where the output head consumes it
    #   ('P:name', t)    add to parameter `name` in step t only (t = 0: in every step)
    def forward(self, pert=None):
        pert = pert or {}
        P = self.P
        f = self.act_fn

        pv, par = perturbers(pert, P)

        vals = {("h", 0): self.h0.copy(), ("c", 0): self.c0.copy()}
        L = 0.0
        h, c = self.h0, self.c0
        for t in range(1, self.T + 1):
            x = pv("x", t, self.xs[t])
            vals[("x", t)] = x
            hin = pv("hin", t, h)
            cin = pv("cin", t, c)
            if self.cell == "rnn":
                a = (par("Wa", t) @ pv("xin:a", t, x) + par("Ua", t) @ pv("hin:a", t, hin)
                     + par("ba", t))
                a = pv("a", t, a)
                hn = pv("h", t, f(a))
                vals[("a", t)] = a
            elif self.cell == "lstm":
                for k in "ifog":
                    z = (par("W" + k, t) @ pv("xin:" + k, t, x)
                         + par("U" + k, t) @ pv("hin:" + k, t, hin) + par("b" + k, t))
                    z = pv("z" + k, t, z)
                    vals[("z" + k, t)] = z
                    act = np.tanh(z) if k == "g" else sig(z)
                    vals[(k, t)] = pv(k, t, act)
                i, fg, o, g = (vals[(k, t)] for k in "ifog")
                cn = pv("c", t, fg * cin + i * g)
                tc = pv("tc", t, np.tanh(pv("c:h", t, cn)))   # c:h = c_t where tanh uses it
                vals[("tc", t)] = tc
                hn = pv("h", t, o * tc)
                vals[("c", t)] = cn
                c = cn
            else:  # gru, reset applied before the recurrent matrix
                for k in "rz":
                    z = (par("W" + k, t) @ pv("xin:" + k, t, x)
                         + par("U" + k, t) @ pv("hin:" + k, t, hin) + par("b" + k, t))
                    z = pv("z" + k, t, z)
                    vals[("z" + k, t)] = z
                    vals[(k, t)] = pv(k, t, sig(z))
                r, zg = vals[("r", t)], vals[("z", t)]
                rh = pv("rh", t, r * pv("hin:rh", t, hin))
                vals[("rh", t)] = rh
                if self.gru_reset == "after":  # PyTorch: r * (U_n h_{t-1} + b_hn)
                    rec = par("Un", t) @ pv("hin:n", t, hin) + par("bhn", t)
                    zn = par("Wn", t) @ pv("xin:n", t, x) + r * rec + par("bn", t)
                else:
                    zn = par("Wn", t) @ pv("xin:n", t, x) + par("Un", t) @ rh + par("bn", t)
                zn = pv("zn", t, zn)
                vals[("zn", t)] = zn
                n = pv("n", t, np.tanh(zn))
                vals[("n", t)] = n
                # hooks: omz = the (1 - z) factor, zmul = z where it multiplies,
                # hin:dir = h_{t-1} on its direct path into h_t
                hdir = pv("hin:dir", t, hin)
                if self.gru_form == "new":     # h = (1-z) h_{t-1} + z n
                    hn = pv("h", t, pv("omz", t, 1 - zg) * hdir + pv("zmul", t, zg) * n)
                else:                          # h = z h_{t-1} + (1-z) n
                    hn = pv("h", t, pv("zmul", t, zg) * hdir + pv("omz", t, 1 - zg) * n)
            vals[("h", t)] = hn
            hh = pv("hout", t, hn)
            if self.head == "linear":
                vals[("l", t)] = np.array([self.R[t] @ hh])
                L += self.R[t] @ hh
            elif self.head == "last":          # a loss on the last step only
                if t == self.T:
                    L += self.R[t] @ hh
            elif self.head == "sq":            # o = V h + c, l = (o - y)^2 / 2, real targets
                o_ = pv("logit", t, par("V", t) @ hh + par("c", t))
                vals[("logit", t)] = o_
                lt = 0.5 * float(np.sum((o_ - self.yreal[t]) ** 2))
                vals[("l", t)] = np.array([lt])
                L += lt
            else:
                o_ = pv("logit", t, par("V", t) @ hh + par("c", t))
                vals[("logit", t)] = o_
                p = softmax(o_)
                vals[("yhat", t)] = p
                vals[("l", t)] = np.array([-np.log(p[self.y[t]])])
                L += -np.log(p[self.y[t]])
            h = hn
        return L * self.loss_scale, vals

    def act_fn(self, a):
        return np.tanh(a) if self.act == "tanh" else a

    def act_deriv(self, a):
        return dtanh(a) if self.act == "tanh" else np.ones_like(a)


class Ctx:
    """Forward values and finite-difference gradients of one model (cached)."""

    def __init__(self, model):
        self.m = model
        self.L, self.vals = model.forward()
        self.P = model.P
        self.T = model.T
        self._cache = {}

    def v(self, name, t):
        if name == "x":
            return self.m.xs[t]
        if (name, t) not in self.vals:
            raise IllTyped("no value %s at step %s" % (name, t))
        return self.vals[(name, t)]

    def _fd(self, key, shape):
        if (key, shape) in self._cache:
            return self._cache[(key, shape)]
        out = np.zeros(shape)
        for idx in np.ndindex(*shape):
            d = np.zeros(shape)
            d[idx] = EPS
            lp, _ = self.m.forward({key: d})
            lm, _ = self.m.forward({key: -d})
            out[idx] = (lp - lm) / (2 * EPS)
        self._cache[(key, shape)] = out
        return out

    def g(self, name, t):
        """Total dL/d(name_t); zero beyond the last step."""
        if t > self.T:
            return np.zeros(self.m.H)
        if name == "h" and t == 0:
            return self._fd(("hin", 1), (self.m.H,))
        if name == "c" and t == 0:
            return self._fd(("cin", 1), (self.m.H,))
        shape = self.v(name, t).shape
        return self._fd((name, t), shape)

    def gin(self, name, t):
        """dL/d(name_{t-1}) through step t only (name is 'h' or 'c'); zero beyond T."""
        if t > self.T:
            return np.zeros(self.m.H)
        return self._fd((name + "in", t), (self.m.H,))

    def gh(self, name, t, size=None):
        """dL/d(hook) for a hook that is not a stored value (e.g. 'hin:f', 'xin:o', 'c:h')."""
        if size is None:
            size = self.m.I if name.startswith("xin:") else self.m.H
        return self._fd((name, t), (size,))

    def gout(self, t):
        """Delta_t: the loss gradient reaching h_t directly from the head."""
        return self._fd(("hout", t), (self.m.H,))

    def gp(self, pname):
        return self._fd(("P:" + pname, 0), self.P[pname].shape)

    def gps(self, pname, t):
        return self._fd(("P:" + pname, t), self.P[pname].shape)

    def jac(self, qname, t, key, in_shape):
        """Local Jacobian d q_t / d(perturbation key): array of shape q.shape + in_shape."""
        ck = ("jac", qname, t, key)
        if ck in self._cache:
            return self._cache[ck]
        qshape = self.v(qname, t).shape
        out = np.zeros(qshape + tuple(in_shape))
        for idx in np.ndindex(*in_shape):
            d = np.zeros(in_shape)
            d[idx] = EPS
            _, vp = self.m.forward({key: d})
            _, vm = self.m.forward({key: -d})
            out[(Ellipsis,) + idx] = (vp[(qname, t)] - vm[(qname, t)]) / (2 * EPS)
        self._cache[ck] = out
        return out

    def dq(self, qname, t, pname):
        """Forward-mode total derivative of quantity q_t w.r.t. parameter P (all steps)."""
        key = ("dq", qname, t, pname)
        if key in self._cache:
            return self._cache[key]
        shape = self.P[pname].shape
        qshape = self.v(qname, t).shape
        out = np.zeros(qshape + shape)
        for idx in np.ndindex(*shape):
            d = np.zeros(shape)
            d[idx] = EPS
            _, vp = self.m.forward({("P:" + pname, 0): d})
            _, vm = self.m.forward({("P:" + pname, 0): -d})
            out[(Ellipsis,) + idx] = (vp[(qname, t)] - vm[(qname, t)]) / (2 * EPS)
        self._cache[key] = out
        return out


RULES = {}   # (source id, line) -> (model name, lhs(ctx), rhs(ctx))


def rule(sid, line, model, lhs, rhs):
    key = (sid, line)
    assert key not in RULES, key
    RULES[key] = (model, lhs, rhs)


def line_finder(sid, unique=False):
    """A function find(fragment, nth=0) -> the 1-based line of tests/derivations/<sid>.tex holding fragment.

    Comment lines (starting with %) are skipped.  With unique=True the fragment must occur on exactly
    one line (an AssertionError names it otherwise); else the nth hit is returned."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), sid + ".tex"), encoding="utf-8") as f:
        lines = f.read().split("\n")

    def find(frag, nth=0):
        hits = [k + 1 for k, l in enumerate(lines) if frag in l and not l.startswith("%")]
        if unique:
            assert len(hits) == 1, (frag, hits)
        return hits[nth]
    return find


def undefined(what):
    def f(c):
        raise IllTyped(what)
    return f




def holds(lhs, rhs):
    lhs = np.asarray(lhs, dtype=float)
    rhs = np.asarray(rhs, dtype=float)
    if lhs.shape != rhs.shape:
        return False, "shapes %s vs %s" % (lhs.shape, rhs.shape)
    err = float(np.max(np.abs(lhs - rhs))) if lhs.size else 0.0
    scale = 1.0 + float(np.max(np.abs(lhs))) if lhs.size else 1.0
    return err <= RTOL * scale, "max diff %.3g" % err


def main(argv):
    verbose = "-v" in argv
    define_rules(MODELS)
    ctxs = {}
    total = agree = 0
    bad = []
    lines_out = []
    seen = set()
    for path in sorted(glob.glob(os.path.join(HERE, "*.json"))):
        meta = json.load(open(path))
        sid = meta["id"]
        n = ok = nfail_exp = 0
        for eq in meta["equations"]:
            key = (sid, eq["line"])
            seen.add(key)
            total += 1
            n += 1
            if eq["expected"] == "fail":
                nfail_exp += 1
            if key not in RULES:
                bad.append("%s:%d no rule" % key)
                continue
            mname, lhs, rhs = RULES[key]
            if mname not in ctxs:
                ctxs[mname] = Ctx(MODELS[mname])
            c = ctxs[mname]
            try:
                lv = lhs(c)
            except IllTyped as e:  # a rule bug: the left side must always exist
                bad.append("%s:%d left side: %s" % (sid, eq["line"], e))
                continue
            try:
                rv = rhs(c)
                links = rv if isinstance(rv, tuple) else (rv,)
                ok_, msg = True, ""
                for k, link in enumerate(links):
                    ok_k, msg_k = holds(lv, link)
                    msg += ("" if not msg else "; ") + ("link %d: " % (k + 1) if len(links) > 1 else "") + msg_k
                    ok_ = ok_ and ok_k
            except IllTyped as e:
                ok_, msg = False, "ill-typed: %s" % e
            verdict = "pass" if ok_ else "fail"
            same = verdict == eq["expected"]
            agree += same
            ok += same
            if not same:
                bad.append("%s:%d oracle %s, expected %s (%s)" % (sid, eq["line"], verdict,
                                                                  eq["expected"], msg))
            if verbose:
                lines_out.append("%-28s %4d %-4s %s %s" % (sid, eq["line"], verdict,
                                                          "" if same else "MISMATCH", msg))
        print("%-28s %3d equations, %2d expected fail, %3d agree" % (sid, n, nfail_exp, ok))
    for key in sorted(set(RULES) - seen):
        bad.append("%s:%d rule without an equation in the json" % key)
    if verbose:
        print("\n".join(lines_out))
    print("TOTAL: %d equations, %d verdicts agree with the json, %d problems"
          % (total, agree, len(bad)))
    for b in bad:
        print("  PROBLEM", b)
    return 0 if not bad and agree == total else 1


# ======================================================================================
# RULES: one entry per equation of the corpus, keyed by (source id, line in the .tex).
# lhs(c) is the true value of what the left side names (finite differences of the model);
# rhs(c) evaluates the right side as written, in the author's names (a tuple: every link of a
# chain a = b = c, each compared with the left side).
# ======================================================================================

class _Models(dict):
    """Model name -> Model; a name is given once (two sources choosing the same name would share a model)."""

    def __setitem__(self, name, model):
        if name in self and self[name] is not model:
            raise ValueError("oracle model name %r is used twice: give each source's model its own name" % name)
        super().__setitem__(name, model)


def define_rules(M):
    if not isinstance(M, _Models):
        raise TypeError("define_rules takes oracle.MODELS")
    _plugins()
    for f in SOURCES:
        f(M)


def _plugins():
    """Sources whose rules live in their own file, ``oracle_<name>.py`` beside this one (they import
    ``source``, ``rule``, the models and helpers from ``oracle``)."""
    import importlib
    sys.modules.setdefault("oracle", sys.modules[__name__])
    if HERE not in sys.path:
        sys.path.insert(0, HERE)
    for path in sorted(glob.glob(os.path.join(HERE, "oracle_*.py"))):
        importlib.import_module(os.path.basename(path)[:-3])


SOURCES = []
MODELS = _Models()  # model name -> Model


def source(f):
    SOURCES.append(f)
    return f


def sigp_out(y):
    """sigmoid' written as a function of the sigmoid's output y: y (1 - y)."""
    return y * (1 - y)


def tanhp_out(y):
    """tanh' written as a function of the tanh's output y: 1 - y^2."""
    return 1 - y ** 2


def accumulate(c, grad_at, t, increment):
    """An accumulation 'dP = dP + increment' done while stepping backward from T:
    before the row dP holds the contributions of steps t+1..T, after it those of t..T."""
    after = sum(grad_at(s) for s in range(t, c.T + 1))
    before = sum(grad_at(s) for s in range(t + 1, c.T + 1))
    return after, before + increment


# --------------------------------------------------------------------------------------
# fichou_rnn_lstm_units: row vectors, h_{t-1} * W_k + x_t * U_k, no biases; the author's
# W_k = core U_k^T (H x H), the author's U_k = core W_k^T (I x H).  delta k = dL/d(node k).
# --------------------------------------------------------------------------------------
@source
def _fichou_lstm(M):
    sid, m, t = "fichou_rnn_lstm_units", "fichou_lstm", 3
    M[m] = Model("lstm", I=2, H=3, T=4, seed=11, bias=False)
    P = M[m].P
    W = {k: P["U" + k].T for k in "ifog"}
    U = {k: P["W" + k].T for k in "ifog"}
    v = lambda c, n, s=t: row(c.v(n, s))

    def node(c, k):
        """True dL/d(node k) of the vignette's figure, as a row vector."""
        if k == 1: return row(c.gout(t))
        if k == 2: return row(c.gin("h", t + 1))
        if k == 3: return row(c.g("h", t))
        if k == 4: return row(c.gin("c", t + 1))
        if k == 5: return row(c.g("tc", t))
        if k == 6: return row(c.g("o", t))
        if k == 7: return row(c.gh("c:h", t))
        if k == 8: return row(c.g("c", t))
        if k == 9: return row(c.g("g", t))
        if k == 10: return row(c.g("i", t))
        if k == 11: return row(c.gin("c", t))
        if k == 12: return row(c.g("f", t))
        if k in (13, 14, 15, 16): return row(c.g("z" + "ogif"[k - 13], t))
        if k in (17, 19, 21, 23): return row(c.gh("xin:" + "ogif"[(k - 17) // 2], t))
        if k in (18, 20, 22, 24): return row(c.gh("hin:" + "ogif"[(k - 18) // 2], t))
        if k == 25: return row(c.gin("h", t))
        if k == 26: return row(c.g("x", t))
    d = lambda k: (lambda c: node(c, k))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    # forward
    R(10, lambda c: v(c, "f"), lambda c: sig(mm(v(c, "h", t - 1), W["f"]) + mm(v(c, "x"), U["f"])))
    R(11, lambda c: v(c, "i"), lambda c: sig(mm(v(c, "h", t - 1), W["i"]) + mm(v(c, "x"), U["i"])))
    R(12, lambda c: v(c, "g"), lambda c: np.tanh(mm(v(c, "h", t - 1), W["g"]) + mm(v(c, "x"), U["g"])))
    R(13, lambda c: v(c, "o"), lambda c: sig(mm(v(c, "h", t - 1), W["o"]) + mm(v(c, "x"), U["o"])))
    R(14, lambda c: v(c, "c"), lambda c: add(ew(v(c, "c", t - 1), v(c, "f")), ew(v(c, "i"), v(c, "g"))))
    R(15, lambda c: v(c, "h"), lambda c: (v(c, "h"), ew(np.tanh(v(c, "c")), v(c, "o"))))
    # backward (author's convention: f'(k), tanh', sigmoid' take the unit's output)
    R(25, d(3), lambda c: add(node(c, 1), node(c, 2)))
    R(26, d(5), lambda c: (ew(node(c, 3), v(c, "o")), ew(node(c, 3), v(c, "o"))))
    R(27, d(6), lambda c: (ew(node(c, 3), np.tanh(v(c, "c"))), ew(node(c, 3), np.tanh(v(c, "c")))))
    R(28, d(7), lambda c: (ew(node(c, 5), tanhp_out(v(c, "tc"))),
                           ew(node(c, 5), tanhp_out(np.tanh(v(c, "c"))))))
    R(29, d(8), lambda c: ew(node(c, 7), node(c, 4)))
    R(30, d(9), lambda c: (ew(node(c, 8), v(c, "i")), ew(node(c, 8), v(c, "i"))))
    R(31, d(10), lambda c: (ew(node(c, 8), v(c, "g")), ew(node(c, 8), v(c, "g"))))
    R(32, d(11), lambda c: (ew(node(c, 8), v(c, "f")), ew(node(c, 8), v(c, "f"))))
    R(33, d(12), lambda c: (ew(node(c, 8), v(c, "c", t - 1)), ew(node(c, 8), v(c, "c", t - 1))))
    R(34, d(13), lambda c: (ew(node(c, 6), sigp_out(v(c, "o"))), ew(node(c, 6), sigp_out(v(c, "o")))))
    R(35, d(14), lambda c: (ew(node(c, 9), tanhp_out(v(c, "g"))), ew(node(c, 9), tanhp_out(v(c, "g")))))
    R(36, d(15), lambda c: (ew(node(c, 10), sigp_out(v(c, "i"))), ew(node(c, 10), sigp_out(v(c, "i")))))
    R(37, d(16), lambda c: (ew(node(c, 12), sigp_out(v(c, "f"))), ew(node(c, 12), sigp_out(v(c, "f")))))
    R(38, d(17), lambda c: mm(node(c, 13), U["o"].T))
    R(39, d(19), lambda c: mm(node(c, 14), U["g"].T))
    R(40, d(21), lambda c: mm(node(c, 15), U["i"].T))
    R(41, d(23), lambda c: mm(node(c, 16), W["f"].T))
    R(42, d(18), lambda c: mm(node(c, 13), W["o"].T))
    R(43, d(20), lambda c: mm(node(c, 14), W["g"].T))
    R(44, d(22), lambda c: mm(node(c, 16), W["i"].T))
    R(45, d(24), lambda c: mm(node(c, 16), W["f"].T))
    R(46, d(25), lambda c: add(node(c, 18), node(c, 20), node(c, 22), node(c, 24)))
    R(47, d(26), lambda c: add(node(c, 17), node(c, 19), node(c, 21), node(c, 23)))
    # accumulations dP = dP + increment (author's W_k = core U_k^T, author's U_k = core W_k^T)
    for line, (pname, k, on_h) in zip(range(50, 58), [("Uf", 16, 1), ("Wf", 16, 0), ("Ui", 15, 1),
                                                      ("Wi", 15, 0), ("Ug", 14, 1), ("Wg", 14, 0),
                                                      ("Uo", 13, 1), ("Wo", 13, 0)]):
        def mk(pname=pname, k=k, on_h=on_h):
            inp = (lambda c: col(c.v("h", t - 1))) if on_h else (lambda c: col(c.v("x", t)))
            ga = lambda c: (lambda s: c.gps(pname, s).T)
            lhs = lambda c: accumulate(c, ga(c), t, 0)[0]
            rhs = lambda c: accumulate(c, ga(c), t, mm(inp(c), node(c, k)))[1]
            return lhs, rhs
        R(line, *mk())


# --------------------------------------------------------------------------------------
# fichou_rnn_gru_units: row vectors; the author's W_k (on h) = core U_k^T, U_k (on x) = core
# W_k^T; candidate g = core n; h_t = h_{t-1}(1 - z) + z g (core gru_form "new"); no biases.
# --------------------------------------------------------------------------------------
@source
def _fichou_gru(M):
    sid, m, t = "fichou_rnn_gru_units", "fichou_gru", 3
    M[m] = Model("gru", I=2, H=3, T=4, seed=12, bias=False, gru_form="new")
    P = M[m].P
    W = {"r": P["Ur"].T, "z": P["Uz"].T, "g": P["Un"].T}
    U = {"r": P["Wr"].T, "z": P["Wz"].T, "g": P["Wn"].T}
    v = lambda c, n, s=t: row(c.v(n, s))

    def node(c, k):
        if k == 1: return row(c.gout(t))
        if k == 2: return row(c.gin("h", t + 1))
        if k == 3: return row(c.g("h", t))
        if k == 4: return row(c.gh("hin:dir", t))          # h_{t-1} on the (1-z) h_{t-1} path
        if k == 5: return row(c.gh("omz", t))               # the node (1 - z_t)
        if k == 6: return -row(c.gh("omz", t))              # z_t through the node 1 - z_t
        if k == 7: return row(c.gh("zmul", t))              # z_t through z_t g_t
        if k == 8: return row(c.g("n", t))
        if k == 9: return row(c.g("z", t))
        if k == 10: return row(c.g("zn", t))
        if k == 11: return row(c.g("zz", t))
        if k == 12: return row(c.gh("xin:n", t))
        if k == 13: return row(c.g("rh", t))
        if k == 14: return row(c.gh("xin:z", t))
        if k == 15: return row(c.gh("hin:z", t))
        if k == 16: return row(c.g("r", t))
        if k == 17: return row(c.gh("hin:rh", t))
        if k == 18: return row(c.g("zr", t))
        if k == 19: return row(c.gh("hin:rh", t) + c.gh("hin:dir", t))
        if k == 20: return row(c.gh("xin:r", t))
        if k == 21: return row(c.gh("hin:r", t))
        if k == 22: return row(c.gh("hin:r", t) + c.gh("hin:z", t))
        if k == 23: return row(c.gin("h", t))
        if k == 24: return row(c.g("x", t))
    d = lambda k: (lambda c: node(c, k))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(10, lambda c: v(c, "r"), lambda c: sig(mm(v(c, "h", t - 1), W["r"]) + mm(v(c, "x"), U["r"])))
    R(11, lambda c: v(c, "z"), lambda c: sig(mm(v(c, "h", t - 1), W["z"]) + mm(v(c, "x"), U["z"])))
    R(12, lambda c: v(c, "n"), lambda c: np.tanh(mm(W["g"], ew(v(c, "h", t - 1), v(c, "r")))
                                                 + mm(v(c, "x"), U["g"])))
    R(13, lambda c: v(c, "h"), lambda c: (v(c, "h"), add(ew(v(c, "h", t - 1), 1 - v(c, "z")),
                                                         ew(v(c, "z"), v(c, "n")))))
    R(20, d(3), lambda c: add(node(c, 1), node(c, 2)))
    R(21, d(4), lambda c: ew(1 - v(c, "z"), node(c, 3)))
    R(22, d(5), lambda c: ew(node(c, 3), v(c, "h", t - 1)))
    R(23, d(6), lambda c: 1 - node(c, 5))
    R(24, d(7), lambda c: ew(node(c, 3), v(c, "n")))
    R(25, d(8), lambda c: ew(node(c, 3), v(c, "z")))
    R(26, d(9), lambda c: add(node(c, 7), node(c, 8)))
    R(27, d(10), lambda c: ew(node(c, 8), tanhp_out(v(c, "n"))))
    R(28, d(11), lambda c: ew(node(c, 9), sigp_out(v(c, "z"))))
    R(29, d(12), lambda c: mm(node(c, 10), W["g"].T))
    R(30, d(13), lambda c: mm(node(c, 10), U["g"].T))
    R(31, d(14), lambda c: mm(node(c, 11), W["z"].T))
    R(32, d(15), lambda c: mm(node(c, 11), U["z"].T))
    R(33, d(16), lambda c: ew(node(c, 13), v(c, "h", t - 1)))
    R(34, d(17), lambda c: ew(node(c, 13), v(c, "r")))
    R(35, d(18), lambda c: ew(node(c, 17), sigp_out(v(c, "r"))))
    R(36, d(19), lambda c: add(node(c, 17), node(c, 4)))
    R(37, d(20), lambda c: mm(node(c, 18), W["r"].T))
    R(38, d(21), lambda c: mm(node(c, 18), U["r"].T))
    R(39, d(22), lambda c: add(node(c, 21), node(c, 15)))
    R(40, d(23), lambda c: add(node(c, 19), node(c, 22)))
    R(41, d(24), lambda c: add(node(c, 12), node(c, 14), node(c, 20)))
    # accumulations; delta W_f, delta U_f, delta W_i, delta U_i are not quantities of this GRU
    def acc(pname, inp, incr_node, base=None):
        ga = lambda c: (lambda s: c.gps(pname, s).T)
        lhs = lambda c: accumulate(c, ga(c), t, 0)[0]
        if base is not None:
            return lhs, undefined(base + " is not defined for the GRU (a name of the LSTM vignette)")
        rhs = lambda c: accumulate(c, ga(c), t, mm(inp(c), node(c, incr_node)))[1]
        return lhs, rhs
    hcol = lambda c: col(c.v("h", t - 1))
    xcol = lambda c: col(c.v("x", t))
    R(44, *acc("Ur", hcol, 10, base="delta W_f"))
    R(45, *acc("Wr", xcol, 10, base="delta U_f"))
    R(46, *acc("Uz", hcol, 11, base="delta W_i"))
    R(47, *acc("Wz", xcol, 11, base="delta U_i"))
    R(48, *acc("Un", lambda c: col(ew(c.v("h", t - 1), c.v("r", t))), 18))
    R(49, *acc("Wn", xcol, 18))


# --------------------------------------------------------------------------------------
# tf_gru_block_cell: row vectors; x_h_prev = [x, h_prev]; w_ru = [[w_r_x, w_u_x],
# [w_r_h_prev, w_u_h_prev]] ((I+H) x 2H); h = (1-u) c + u h_prev (core gru_form "old":
# core z = u, core n = c).  d_h = total dL/dh_t; d_h_prev = through this step only.
# --------------------------------------------------------------------------------------
@source
def _tf_gru(M):
    sid, m, t = "tf_gru_block_cell", "tf_gru", 3
    M[m] = Model("gru", I=2, H=3, T=4, seed=13, gru_form="old")
    P = M[m].P
    w_r_x, w_u_x, w_c_x = P["Wr"].T, P["Wz"].T, P["Wn"].T
    w_r_h, w_u_h, w_c_h = P["Ur"].T, P["Uz"].T, P["Un"].T
    w_ru = np.block([[w_r_x, w_u_x], [w_r_h, w_u_h]])
    w_c = np.vstack([w_c_x, w_c_h])
    b_ru = row(np.concatenate([P["br"], P["bz"]]))
    b_c = row(P["bn"])
    v = lambda c, n, s=t: row(c.v(n, s))
    xhp = lambda c: np.hstack([v(c, "x"), v(c, "h", t - 1)])
    xhpr = lambda c: np.hstack([v(c, "x"), v(c, "rh")])
    d_r_bar = lambda c: row(c.g("zr", t))
    d_u_bar = lambda c: row(c.g("zz", t))
    d_c_bar = lambda c: row(c.g("zn", t))
    d_h = lambda c: row(c.g("h", t))
    d_x = lambda c: row(c.g("x", t))
    d_h_prev = lambda c: row(c.gin("h", t))
    d_x1 = lambda c: row(c.gh("xin:r", t) + c.gh("xin:z", t))
    d_x2 = lambda c: row(c.gh("xin:n", t))
    d_hp1 = lambda c: row(c.gh("hin:r", t) + c.gh("hin:z", t))
    d_hprevr = lambda c: row(c.g("rh", t))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(17, xhp, lambda c: np.hstack([v(c, "x"), v(c, "h", t - 1)]))
    R(18, lambda c: np.hstack([v(c, "zr"), v(c, "zz")]), lambda c: mm(xhp(c), w_ru) + b_ru)
    R(19, lambda c: v(c, "r"), lambda c: sig(v(c, "zr")))
    R(20, lambda c: v(c, "z"), lambda c: sig(v(c, "zz")))
    R(21, lambda c: v(c, "rh"), lambda c: ew(v(c, "h", t - 1), v(c, "r")))
    R(22, xhpr, lambda c: np.hstack([v(c, "x"), v(c, "rh")]))
    R(23, lambda c: v(c, "zn"), lambda c: mm(xhpr(c), w_c) + b_c)
    R(24, lambda c: v(c, "n"), lambda c: np.tanh(v(c, "zn")))
    R(25, lambda c: v(c, "h"), lambda c: add(ew(1 - v(c, "z"), v(c, "n")), ew(v(c, "z"), v(c, "h", t - 1))))
    R(37, d_x, lambda c: add(d_x1(c), d_x2(c)))
    R(38, d_x1, lambda c: add(mm(d_r_bar(c), w_r_x.T), mm(d_u_bar(c), w_r_x.T)))
    R(39, d_x2, lambda c: mm(d_c_bar(c), w_c_x.T))
    R(40, d_h_prev, lambda c: add(d_hp1(c), ew(d_hprevr(c), v(c, "r")), ew(d_h(c), v(c, "z"))))
    R(41, d_hp1, lambda c: add(mm(d_r_bar(c), w_r_h.T), mm(d_u_bar(c), w_r_h.T)))
    R(45, d_c_bar, lambda c: ew(d_h(c), 1 - v(c, "z"), 1 - ew(v(c, "n"), v(c, "n"))))
    R(46, d_u_bar, lambda c: ew(d_h(c), v(c, "h") - v(c, "n"), v(c, "z"), 1 - v(c, "z")))
    R(47, lambda c: np.hstack([d_r_bar(c), d_u_bar(c)]), lambda c: np.hstack([d_r_bar(c), d_u_bar(c)]))
    R(48, lambda c: np.hstack([d_x1(c), d_hp1(c)]),
      lambda c: mm(np.hstack([d_r_bar(c), d_u_bar(c)]), w_ru.T))
    R(49, lambda c: np.hstack([d_x2(c), d_hprevr(c)]), lambda c: mm(d_c_bar(c), w_c.T))
    R(50, d_x, lambda c: add(d_x1(c), d_x2(c)))
    R(51, d_h_prev, lambda c: add(d_hp1(c), ew(d_hprevr(c), v(c, "r")), v(c, "z")))
    # python wrapper: per-call (step-t) parameter gradients
    step_w_ru = lambda c: np.block([[c.gps("Wr", t).T, c.gps("Wz", t).T],
                                    [c.gps("Ur", t).T, c.gps("Uz", t).T]])
    step_w_c = lambda c: np.vstack([c.gps("Wn", t).T, c.gps("Un", t).T])
    R(54, step_w_ru, lambda c: mm(xhpr(c).T, d_c_bar(c)))
    R(55, step_w_c, lambda c: mm(xhp(c).T, np.hstack([d_r_bar(c), d_u_bar(c)])))
    R(56, lambda c: np.concatenate([c.gps("br", t), c.gps("bz", t)]),
      lambda c: np.hstack([d_r_bar(c), d_u_bar(c)]).sum(axis=0))
    R(57, lambda c: c.gps("bn", t), lambda c: d_c_bar(c).sum(axis=0))

# --------------------------------------------------------------------------------------
# goodfellow_dlbook_10_2_2: column vectors; a = b + W h^{(t-1)} + U x^{(t)} (the book's U is
# the core Wa, W the core Ua), o = c + V h, softmax, L = sum_t L^{(t)} (negative log-likelihood).
# --------------------------------------------------------------------------------------
def onehot(n, k):
    e = np.zeros(n)
    e[k] = 1.0
    return e


@source
def _goodfellow(M):
    sid, m, t = "goodfellow_dlbook_10_2_2", "goodfellow", 3
    M[m] = Model("rnn", I=2, H=3, T=4, V=3, seed=21, head="softmax")
    P = M[m].P
    Wb, Ub, Vb, b, cb = P["Ua"], P["Wa"], P["V"], col(P["ba"]), col(P["c"])
    T_ = M[m].T
    v = lambda c, n, s=t: col(c.v(n, s))
    go = lambda c, s=t: col(c.g("logit", s))
    gh = lambda c, s=t: col(c.g("h", s))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(13, lambda c: v(c, "a"), lambda c: b + mm(Wb, v(c, "h", t - 1)) + mm(Ub, v(c, "x")))
    R(14, lambda c: v(c, "h"), lambda c: np.tanh(v(c, "a")))
    R(15, lambda c: v(c, "logit"), lambda c: cb + mm(Vb, v(c, "h")))
    R(16, lambda c: v(c, "yhat"), lambda c: col(softmax(c.v("logit", t))))
    R(20, lambda c: np.array(1.0), lambda c: np.array(1.0))  # L = sum_t L^(t) in the model
    R(25, lambda c: go(c),
      lambda c: (go(c), 1.0 * go(c), col(c.v("yhat", t) - onehot(M[m].V, M[m].y[t]))))
    R(28, lambda c: gh(c, T_), lambda c: mm(Vb.T, go(c, T_)))
    R(31, lambda c: gh(c),
      lambda c: mm(c.jac("h", t + 1, ("hin", t + 1), (3,)).T, gh(c, t + 1))
      + mm(c.jac("logit", t, ("hout", t), (3,)).T, go(c)))
    R(32, lambda c: gh(c),
      lambda c: mm(mm(Wb.T, gh(c, t + 1)), diag(1 - v(c, "h", t + 1) ** 2)) + mm(Vb.T, go(c)))
    S = lambda f, c: sum(f(c, s) for s in range(1, T_ + 1))
    R(40, lambda c: col(c.gp("c")),
      lambda c: (S(lambda c, s: mm(c.jac("logit", s, ("P:c", s), (3,)).T, go(c, s)), c),
                 S(lambda c, s: go(c, s), c)))
    R(41, lambda c: col(c.gp("ba")),
      lambda c: (S(lambda c, s: mm(c.jac("h", s, ("P:ba", s), (3,)).T, gh(c, s)), c),
                 S(lambda c, s: mm(diag(1 - v(c, "h", s) ** 2), gh(c, s)), c)))
    contract = lambda g, J: np.tensordot(g.ravel(), J, axes=(0, 0))
    R(42, lambda c: c.gp("V"),
      lambda c: (S(lambda c, s: contract(go(c, s), c.jac("logit", s, ("P:V", s), Vb.shape)), c),
                 S(lambda c, s: mm(go(c, s), v(c, "h", s).T), c)))
    R(43, lambda c: c.gp("Ua"),
      lambda c: S(lambda c, s: contract(gh(c, s), c.jac("h", s, ("P:Ua", s), Wb.shape)), c))
    R(44, lambda c: c.gp("Ua"),
      lambda c: S(lambda c, s: mm(mm(diag(1 - v(c, "h", s) ** 2), gh(c, s)), v(c, "h", s - 1).T), c))
    R(45, lambda c: c.gp("Wa"),
      lambda c: S(lambda c, s: contract(gh(c, s), c.jac("h", s, ("P:Wa", s), Ub.shape)), c))
    R(46, lambda c: c.gp("Wa"),
      lambda c: S(lambda c, s: mm(mm(diag(1 - v(c, "h", s) ** 2), gh(c, s)), v(c, "x", s).T), c))


# --------------------------------------------------------------------------------------
# d2l_bptt: h_t = W_hx x_t + W_hh h_{t-1} (identity activation, no bias), o_t = W_qh h_t,
# L = (1/T) sum_t l(o_t, y_t) with l the softmax cross-entropy.
# --------------------------------------------------------------------------------------
@source
def _d2l(M):
    sid, m, t = "d2l_bptt", "d2l", 2
    mod = Model("rnn", I=2, H=3, T=4, V=3, seed=22, head="softmax", act="linear", bias=False,
                loss_scale=0.25)
    mod.P["c"] = np.zeros(mod.V)
    M[m] = mod
    P = mod.P
    Whx, Whh, Wqh = P["Wa"], P["Ua"], P["V"]
    T_ = mod.T
    v = lambda c, n, s=t: col(c.v(n, s))
    go = lambda c, s=t: col(c.g("logit", s))
    gh = lambda c, s=t: col(c.g("h", s))
    ce = lambda c, s: -np.log(c.v("yhat", s)[mod.y[s]])
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(15, lambda c: v(c, "h"), lambda c: mm(Whx, v(c, "x")) + mm(Whh, v(c, "h", t - 1)))
    R(19, lambda c: v(c, "logit"), lambda c: mm(Wqh, v(c, "h")))
    R(22, lambda c: np.array(c.L), lambda c: np.array(sum(ce(c, s) for s in range(1, T_ + 1)) / T_))
    R(25, lambda c: go(c), lambda c: col(c.v("yhat", t) - onehot(mod.V, mod.y[t])) / T_)
    contract = lambda g, J: np.tensordot(g.ravel(), J, axes=(0, 0))
    S = lambda f, c: sum(f(c, s) for s in range(1, T_ + 1))
    R(28, lambda c: c.gp("V"),
      lambda c: (S(lambda c, s: contract(go(c, s), c.jac("logit", s, ("P:V", s), Wqh.shape)), c),
                 S(lambda c, s: mm(go(c, s), v(c, "h", s).T), c)))
    R(30, lambda c: gh(c, T_),
      lambda c: (mm(c.jac("logit", T_, ("hout", T_), (3,)).T, go(c, T_)), mm(Wqh.T, go(c, T_))))
    R(32, lambda c: gh(c),
      lambda c: (mm(c.jac("h", t + 1, ("hin", t + 1), (3,)).T, gh(c, t + 1))
                 + mm(c.jac("logit", t, ("hout", t), (3,)).T, go(c)),
                 mm(Whh.T, gh(c, t + 1)) + mm(Wqh.T, go(c))))
    R(35, lambda c: gh(c),
      lambda c: sum(mm(mm(np.linalg.matrix_power(Whh.T, T_ - i), Wqh.T), go(c, T_ + t - i))
                    for i in range(t, T_ + 1)))
    R(40, lambda c: c.gp("Wa"),
      lambda c: (S(lambda c, s: contract(gh(c, s), c.jac("h", s, ("P:Wa", s), Whx.shape)), c),
                 S(lambda c, s: mm(gh(c, s), v(c, "x", s).T), c)))
    R(41, lambda c: c.gp("Ua"),
      lambda c: (S(lambda c, s: contract(gh(c, s), c.jac("h", s, ("P:Ua", s), Whh.shape)), c),
                 S(lambda c, s: mm(gh(c, s), v(c, "h", s - 1).T), c)))


# --------------------------------------------------------------------------------------
# coursera_rnn_cell_backward: column vectors, a = tanh(W_ax x + W_aa a_prev + b_a); da_next is
# the total dJ/da^{<t>} (the notebook adds the loss part before calling the cell backward).
# --------------------------------------------------------------------------------------
@source
def _coursera_rnn(M):
    sid, m, t = "coursera_rnn_cell_backward", "coursera_rnn", 3
    M[m] = Model("rnn", I=2, H=3, T=4, seed=23)
    P = M[m].P
    Wax, Waa, ba = P["Wa"], P["Ua"], col(P["ba"])
    v = lambda c, n, s=t: col(c.v(n, s))
    da_next = lambda c: col(c.g("h", t))
    dtanh = lambda c: col(c.g("a", t))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(17, lambda c: v(c, "h"), lambda c: np.tanh(mm(Wax, v(c, "x")) + mm(Waa, v(c, "h", t - 1)) + ba))
    R(18, lambda c: (np.tanh(v(c, "a") + EPS) - np.tanh(v(c, "a") - EPS)) / (2 * EPS),
      lambda c: 1 - np.tanh(v(c, "a")) ** 2)
    R(19, dtanh, lambda c: ew(da_next(c), 1 - np.tanh(mm(Wax, v(c, "x")) + mm(Waa, v(c, "h", t - 1)) + ba) ** 2))
    R(20, lambda c: c.gps("Wa", t), lambda c: mm(dtanh(c), v(c, "x").T))
    R(21, lambda c: c.gps("Ua", t), lambda c: mm(dtanh(c), v(c, "h", t - 1).T))
    R(22, lambda c: col(c.gps("ba", t)), lambda c: dtanh(c).sum(axis=1, keepdims=True))
    R(23, lambda c: col(c.g("x", t)), lambda c: mm(Wax.T, dtanh(c)))
    R(24, lambda c: col(c.gin("h", t)), lambda c: mm(Waa.T, dtanh(c)))


# --------------------------------------------------------------------------------------
# karpathy_min_char_rnn: column vectors, softmax head, loss summed over steps; the backward
# loop runs t = T..1, "+=" rows accumulate step contributions; dh_next on the right of dh is
# what step t+1 sent back, on the left of the last row what step t sends to step t-1.
# --------------------------------------------------------------------------------------
@source
def _karpathy_rnn(M):
    sid, m, t = "karpathy_min_char_rnn", "karpathy_rnn", 3
    M[m] = Model("rnn", I=2, H=3, T=4, V=3, seed=24, head="softmax")
    mod = M[m]
    P = mod.P
    Wxh, Whh, Why, bh, by = P["Wa"], P["Ua"], P["V"], col(P["ba"]), col(P["c"])
    v = lambda c, n, s=t: col(c.v(n, s))
    dy = lambda c: col(c.g("logit", t))
    dhraw = lambda c: col(c.g("a", t))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(14, lambda c: v(c, "h"), lambda c: np.tanh(mm(Wxh, v(c, "x")) + mm(Whh, v(c, "h", t - 1)) + bh))
    R(15, lambda c: v(c, "logit"), lambda c: mm(Why, v(c, "h")) + by)
    R(16, lambda c: v(c, "yhat"), lambda c: np.exp(v(c, "logit")) / np.exp(v(c, "logit")).sum())
    steploss = lambda c, s: -np.log(c.v("yhat", s)[mod.y[s]])
    R(17, lambda c: np.array(sum(steploss(c, s) for s in range(1, t + 1))),
      lambda c: np.array(sum(steploss(c, s) for s in range(1, t)) - np.log(c.v("yhat", t)[mod.y[t]])))
    R(19, dy, lambda c: v(c, "yhat") - col(onehot(mod.V, mod.y[t])))

    def acc(pname, inc, shape=None):
        ga = lambda c: (lambda s: c.gps(pname, s).reshape(shape) if shape else c.gps(pname, s))
        return (lambda c: accumulate(c, ga(c), t, 0)[0],
                lambda c: accumulate(c, ga(c), t, inc(c))[1])
    R(20, *acc("V", lambda c: mm(dy(c), v(c, "h").T)))
    R(21, *acc("c", lambda c: dy(c), (-1, 1)))
    R(22, lambda c: col(c.g("h", t)), lambda c: mm(Why.T, dy(c)) + col(c.gin("h", t + 1)))
    R(23, dhraw, lambda c: ew(1 - ew(v(c, "h"), v(c, "h")), col(c.g("h", t))))
    R(24, *acc("ba", lambda c: dhraw(c), (-1, 1)))
    R(25, *acc("Wa", lambda c: mm(dhraw(c), v(c, "x").T)))
    R(26, *acc("Ua", lambda c: mm(dhraw(c), v(c, "h", t - 1).T)))
    R(27, lambda c: col(c.gin("h", t)), lambda c: mm(Whh.T, dhraw(c)))


# --------------------------------------------------------------------------------------
# mikkers_nnlib_rnn: a = b + W h^{(t-1)} + U x, h = f(a) (f = tanh in the oracle), o = c + V h,
# softmax cross-entropy; h'^{(t)} = f'(a^{(t)}) applied element-wise (as a diagonal).
# --------------------------------------------------------------------------------------
@source
def _mikkers(M):
    sid, m, t = "mikkers_nnlib_rnn", "mikkers", 3
    M[m] = Model("rnn", I=2, H=3, T=4, V=3, seed=25, head="softmax")
    P = M[m].P
    Wm, Um, Vm, b, cm = P["Ua"], P["Wa"], P["V"], col(P["ba"]), col(P["c"])
    T_ = M[m].T
    v = lambda c, n, s=t: col(c.v(n, s))
    hp = lambda c, s: diag(1 - np.tanh(c.v("a", s)) ** 2)
    gh = lambda c, s: col(c.g("h", s))
    go = lambda c, s: col(c.g("logit", s))
    S = lambda f, c: sum(f(c, s) for s in range(1, T_ + 1))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(8, lambda c: v(c, "a"), lambda c: b + mm(Wm, v(c, "h", t - 1)) + mm(Um, v(c, "x")))
    R(9, lambda c: v(c, "h"), lambda c: np.tanh(v(c, "a")))
    R(10, lambda c: v(c, "logit"), lambda c: cm + mm(Vm, v(c, "h")))
    R(12, lambda c: col(c.gp("ba")), lambda c: S(lambda c, s: mm(hp(c, s), gh(c, s)), c))
    R(13, lambda c: col(c.gp("c")), lambda c: S(lambda c, s: go(c, s), c))
    R(14, lambda c: c.gp("Wa"), lambda c: S(lambda c, s: mm(mm(hp(c, s), gh(c, s)), v(c, "x", s).T), c))
    R(15, lambda c: c.gp("V"), lambda c: S(lambda c, s: mm(mm(hp(c, s), gh(c, s)), v(c, "h", s - 1).T), c))
    R(16, lambda c: c.gp("Ua"), lambda c: S(lambda c, s: mm(go(c, s), v(c, "h", s).T), c))
    R(19, lambda c: gh(c, t), lambda c: mm(mm(v(c, "h"), go(c, t)), Vm))

# --------------------------------------------------------------------------------------
# Coursera LSTM notebooks: column vectors, W_k (n_a x (n_a + n_x)) acting on [a_prev; x_t]
# = core [U_k, W_k]; Gamma_u (= Gamma_i) the update gate, \tilde c the candidate (core g).
# da_next = total dJ/da^{<t>}; dc_next = what reaches c^{<t>} through step t+1.
# --------------------------------------------------------------------------------------
def _coursera_lstm_common(M, m, seed, head="linear"):
    M[m] = Model("lstm", I=2, H=3, T=4, V=3, seed=seed, head=head)
    P = M[m].P
    Wcat = {k: np.hstack([P["U" + k], P["W" + k]]) for k in "ifog"}
    bcat = {k: col(P["b" + k]) for k in "ifog"}
    return M[m], Wcat, bcat


def _coursera_vals(t):
    v = lambda c, n, s=t: col(c.v(n, s))
    concat = lambda c, s=t: np.vstack([v(c, "h", s - 1), v(c, "x", s)])
    da_next = lambda c: col(c.g("h", t))
    dc_next = lambda c: col(c.gin("c", t + 1))
    dz = lambda k: (lambda c: col(c.g("z" + k, t)))
    stepW = lambda k: (lambda c: np.hstack([c.gps("U" + k, t), c.gps("W" + k, t)]))
    return v, concat, da_next, dc_next, dz, stepW


@source
def _coursera_lstm_2018(M):
    sid, m, t = "coursera_lstm_backward_2018", "coursera_lstm_2018", 3
    mod, W, b = _coursera_lstm_common(M, m, 31)
    v, concat, da_next, dc_next, dz, stepW = _coursera_vals(t)
    tcn = lambda c: np.tanh(v(c, "c"))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(11, lambda c: v(c, "f"), lambda c: sig(mm(W["f"], concat(c)) + b["f"]))
    R(13, lambda c: v(c, "i"), lambda c: sig(mm(W["i"], concat(c)) + b["i"]))
    R(15, lambda c: v(c, "g"), lambda c: np.tanh(mm(W["g"], concat(c)) + b["g"]))
    R(17, lambda c: v(c, "c"), lambda c: add(ew(v(c, "f"), v(c, "c", t - 1)), ew(v(c, "i"), v(c, "g"))))
    R(19, lambda c: v(c, "o"), lambda c: sig(mm(W["o"], concat(c)) + b["o"]))
    R(20, lambda c: v(c, "h"), lambda c: ew(v(c, "o"), tcn(c)))
    R(27, dz("o"), lambda c: ew(da_next(c), tcn(c), v(c, "o"), 1 - v(c, "o")))
    R(28, dz("g"), lambda c: ew(add(ew(dc_next(c), v(c, "i")), ew(v(c, "o"), 1 - tcn(c) ** 2, v(c, "i"), da_next(c))),
                                1 - v(c, "g") ** 2))
    R(29, dz("i"), lambda c: ew(add(ew(dc_next(c), v(c, "g")), ew(v(c, "o"), 1 - tcn(c) ** 2, v(c, "g"), da_next(c))),
                                v(c, "i"), 1 - v(c, "i")))
    # \tilde c_{prev}: the candidate of step t-1
    R(30, dz("f"), lambda c: ew(add(ew(dc_next(c), v(c, "g", t - 1)),
                                    ew(v(c, "o"), 1 - tcn(c) ** 2, v(c, "c", t - 1), da_next(c))),
                                v(c, "f"), 1 - v(c, "f")))
    for line, k in zip((32, 33, 34, 35), "figo"):
        R(line, stepW(k), (lambda k: lambda c: mm(dz(k)(c), concat(c).T))(k))
    # "the weights for equations 13 are the first n_a, (i.e. W_f = W_f[:n_a,:] etc...)"
    n_a = mod.H
    R(42, lambda c: col(c.gin("h", t)),
      lambda c: add(*[mm(W[k][:n_a, :].T, dz(k)(c)) for k in "figo"]))
    R(44, lambda c: col(c.gin("c", t)),
      lambda c: add(ew(dc_next(c), v(c, "f")), ew(v(c, "o"), 1 - tcn(c) ** 2, v(c, "f"), da_next(c))))
    # "where the weights for equation 15 are from n_a to the end, (i.e. W_f = W_f[n_a:,:] etc...)"
    R(45, lambda c: col(c.g("x", t)),
      lambda c: add(*[mm(W[k][n_a:, :].T, dz(k)(c)) for k in "figo"]))


@source
def _coursera_lstm_v3a(M):
    sid, m, t = "coursera_lstm_backward_v3a", "coursera_lstm_v3a", 3
    mod, W, b = _coursera_lstm_common(M, m, 32, head="softmax")
    v, concat, da_next, dc_next, dz, stepW = _coursera_vals(t)
    tcn = lambda c: np.tanh(v(c, "c"))
    n_a = mod.H
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(10, lambda c: v(c, "f"), lambda c: sig(mm(W["f"], concat(c)) + b["f"]))
    R(12, lambda c: v(c, "g"), lambda c: np.tanh(mm(W["g"], concat(c)) + b["g"]))
    R(15, lambda c: v(c, "i"), lambda c: sig(mm(W["i"], concat(c)) + b["i"]))
    R(17, lambda c: v(c, "c"), lambda c: add(ew(v(c, "f"), v(c, "c", t - 1)), ew(v(c, "i"), v(c, "g"))))
    R(19, lambda c: v(c, "o"), lambda c: sig(mm(W["o"], concat(c)) + b["o"]))
    R(22, lambda c: v(c, "h"), lambda c: ew(v(c, "o"), tcn(c)))
    R(24, lambda c: v(c, "yhat"), lambda c: col(softmax(mm(mod.P["V"], v(c, "h")).ravel() + mod.P["c"])))
    R(33, dz("o"), lambda c: ew(da_next(c), tcn(c), v(c, "o"), 1 - v(c, "o")))
    R(34, dz("g"), lambda c: ew(add(ew(dc_next(c), v(c, "i")), ew(v(c, "o"), 1 - tcn(c) ** 2, v(c, "i"), da_next(c))),
                                1 - v(c, "g") ** 2))
    R(35, dz("i"), lambda c: ew(add(ew(dc_next(c), v(c, "g")), ew(v(c, "o"), 1 - tcn(c) ** 2, v(c, "g"), da_next(c))),
                                v(c, "i"), 1 - v(c, "i")))
    R(36, dz("f"), lambda c: ew(add(ew(dc_next(c), v(c, "c", t - 1)),
                                    ew(v(c, "o"), 1 - tcn(c) ** 2, v(c, "c", t - 1), da_next(c))),
                                v(c, "f"), 1 - v(c, "f")))
    for line, k in zip((39, 40, 41, 42), "figo"):
        R(line, stepW(k), (lambda k: lambda c: mm(dz(k)(c), concat(c).T))(k))
    for line, k in zip((47, 48, 49, 50), "figo"):
        R(line, (lambda k: lambda c: col(c.gps("b" + k, t)))(k),
          (lambda k: lambda c: dz(k)(c).sum(axis=1, keepdims=True))(k))
    R(53, lambda c: col(c.gin("h", t)), lambda c: add(*[mm(W[k][:, :n_a].T, dz(k)(c)) for k in "figo"]))
    R(56, lambda c: col(c.gin("c", t)),
      lambda c: add(ew(dc_next(c), v(c, "f")), ew(v(c, "o"), 1 - tcn(c) ** 2, v(c, "f"), da_next(c))))
    R(57, lambda c: col(c.g("x", t)), lambda c: add(*[mm(W[k][:, n_a:].T, dz(k)(c)) for k in "figo"]))


# --------------------------------------------------------------------------------------
# karpathy_lstm_gist: row vectors, Hin = [1, x_t, h_{t-1}], WLSTM ((1+I+H) x 4H) with column
# blocks I, F, O, G; row 0 the biases, rows 1..I the input weights, the rest the recurrent ones.
# dHout_t = total dL/dh_t when used; dC_t after its "+=" row = total dL/dc_t.
# --------------------------------------------------------------------------------------
@source
def _karpathy_lstm(M):
    sid, m, t = "karpathy_lstm_gist", "karpathy_lstm", 3
    M[m] = Model("lstm", I=2, H=3, T=4, seed=33)
    P = M[m].P
    WL = np.hstack([np.vstack([row(P["b" + k]), P["W" + k].T, P["U" + k].T]) for k in "ifog"])
    v = lambda c, n, s=t: row(c.v(n, s))
    Hin = lambda c: np.hstack([np.ones((1, 1)), v(c, "x"), v(c, "h", t - 1)])
    g = lambda n: (lambda c: row(c.g(n, t)))
    dHout = g("h")
    dC = g("c")
    stepWL = lambda c: np.hstack([np.vstack([row(c.gps("b" + k, t)), c.gps("W" + k, t).T,
                                             c.gps("U" + k, t).T]) for k in "ifog"])
    dconst = lambda c: np.array([[sum(P["b" + k] @ c.gps("b" + k, t) for k in "ifog")]])
    dHin = lambda c: np.hstack([dconst(c), row(c.g("x", t)), row(c.gin("h", t))])
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(15, Hin, lambda c: np.hstack([np.ones((1, 1)), v(c, "x"), v(c, "h", t - 1)]))
    R(16, lambda c: np.hstack([v(c, "z" + k) for k in "ifog"]), lambda c: mm(Hin(c), WL))
    R(17, lambda c: np.hstack([v(c, k) for k in "ifo"]),
      lambda c: 1.0 / (1.0 + np.exp(-np.hstack([v(c, "z" + k) for k in "ifo"]))))
    R(18, lambda c: v(c, "g"), lambda c: np.tanh(v(c, "zg")))
    R(19, lambda c: v(c, "c"), lambda c: add(ew(v(c, "i"), v(c, "g")), ew(v(c, "f"), v(c, "c", t - 1))))
    R(20, lambda c: v(c, "tc"), lambda c: np.tanh(v(c, "c")))
    R(21, lambda c: v(c, "h"), lambda c: ew(v(c, "o"), v(c, "tc")))
    R(23, lambda c: v(c, "tc"), lambda c: v(c, "tc"))
    R(24, g("o"), lambda c: ew(v(c, "tc"), dHout(c)))
    R(26, dC, lambda c: add(row(c.gin("c", t + 1)), ew(1 - v(c, "tc") ** 2, ew(v(c, "o"), dHout(c)))))
    R(28, g("f"), lambda c: ew(v(c, "c", t - 1), dC(c)))
    R(29, lambda c: row(c.gin("c", t)), lambda c: ew(v(c, "f"), dC(c)))
    R(30, g("i"), lambda c: ew(v(c, "g"), dC(c)))
    R(31, g("g"), lambda c: ew(v(c, "i"), dC(c)))
    R(33, g("zg"), lambda c: ew(1 - v(c, "g") ** 2, row(c.g("g", t))))
    R(34, lambda c: np.hstack([v(c, k) for k in "ifo"]), lambda c: np.hstack([v(c, k) for k in "ifo"]))
    R(35, lambda c: np.hstack([row(c.g("z" + k, t)) for k in "ifo"]),
      lambda c: ew(ew(np.hstack([v(c, k) for k in "ifo"]), 1.0 - np.hstack([v(c, k) for k in "ifo"])),
                   np.hstack([row(c.g(k, t)) for k in "ifo"])))
    ga = lambda c: (lambda s: np.hstack([np.vstack([row(c.gps("b" + k, s)), c.gps("W" + k, s).T,
                                                    c.gps("U" + k, s).T]) for k in "ifog"]))
    R(37, lambda c: accumulate(c, ga(c), t, 0)[0],
      lambda c: accumulate(c, ga(c), t, mm(Hin(c).T, np.hstack([row(c.g("z" + k, t)) for k in "ifog"])))[1])
    R(38, dHin, lambda c: mm(np.hstack([row(c.g("z" + k, t)) for k in "ifog"]), WL.T))
    R(40, lambda c: row(c.g("x", t)), lambda c: dHin(c)[:, 1:1 + 2])
    # dHout[t-1] held Delta_{t-1} (dHout_in) before the row, the total dL/dh_{t-1} after it
    R(42, lambda c: row(c.g("h", t - 1)), lambda c: add(row(c.gout(t - 1)), dHin(c)[:, 1 + 2:]))

# --------------------------------------------------------------------------------------
# wiseodd_lstm_backprop: row vectors, X = [h_old, x], W_k ((H+I) x H) = [U_k^T; W_k^T] (core),
# softmax head y = h W_y + b_y.  dsigmoid / dtanh are applied to OUTPUTS (dsigmoid(y) = y(1-y),
# dtanh(y) = 1 - y^2), the post's usage for h_o, h_f, h_i, h_c.
# --------------------------------------------------------------------------------------
@source
def _wiseodd(M):
    sid, m, t = "wiseodd_lstm_backprop", "wiseodd", 3
    M[m] = Model("lstm", I=2, H=3, T=4, V=3, seed=41, head="softmax")
    mod = M[m]
    P = mod.P
    Wk = {k: np.vstack([P["U" + k].T, P["W" + k].T]) for k in "ifog"}
    bk = {k: row(P["b" + k]) for k in "ifog"}
    Wy, by = P["V"].T, row(P["c"])
    v = lambda c, n, s=t: row(c.v(n, s))
    X = lambda c: np.hstack([v(c, "h", t - 1), v(c, "x")])
    dh = lambda c: row(c.g("h", t))
    dc = lambda c: row(c.g("c", t))
    dz = lambda k: (lambda c: row(c.g("z" + k, t)))
    dsigmoid, dtanh_ = sigp_out, tanhp_out
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    name = {"f": "f", "i": "i", "o": "o", "c": "g"}
    R(17, X, lambda c: np.hstack([v(c, "h", t - 1), v(c, "x")]))
    for line, k in zip((18, 19, 20), "fio"):
        R(line, (lambda k: lambda c: v(c, k))(k), (lambda k: lambda c: sig(mm(X(c), Wk[k]) + bk[k]))(k))
    R(21, lambda c: v(c, "g"), lambda c: np.tanh(mm(X(c), Wk["g"]) + bk["g"]))
    R(22, lambda c: v(c, "c"), lambda c: add(ew(v(c, "f"), v(c, "c", t - 1)), ew(v(c, "i"), v(c, "g"))))
    R(23, lambda c: v(c, "h"), lambda c: ew(v(c, "o"), np.tanh(v(c, "c"))))
    R(24, lambda c: v(c, "logit"), lambda c: mm(v(c, "h"), Wy) + by)
    R(25, lambda c: v(c, "yhat"), lambda c: row(softmax(c.v("logit", t))))
    R(29, lambda c: row(c.g("logit", t)), lambda c: v(c, "yhat") - row(onehot(mod.V, mod.y[t])))
    R(31, lambda c: c.gps("V", t).T, lambda c: mm(v(c, "h").T, row(c.g("logit", t))))
    R(32, lambda c: row(c.gps("c", t)), lambda c: row(c.g("logit", t)))
    R(34, dh, lambda c: mm(row(c.g("logit", t)), Wy.T) + row(c.gin("h", t + 1)))
    R(36, dz("o"), lambda c: ew(dsigmoid(v(c, "o")), np.tanh(v(c, "c")), dh(c)))
    R(38, dc, lambda c: ew(dtanh_(v(c, "c")), add(ew(v(c, "o"), dh(c)), row(c.gin("c", t + 1)))))
    R(40, dz("f"), lambda c: ew(dsigmoid(v(c, "f")), v(c, "c", t - 1), dc(c)))
    R(42, dz("i"), lambda c: ew(dsigmoid(v(c, "i")), v(c, "g"), dc(c)))
    R(44, dz("g"), lambda c: ew(dtanh_(v(c, "g")), v(c, "i"), dc(c)))
    for base, k in zip((46, 49, 52, 55), "fiog"):
        R(base, (lambda k: lambda c: np.vstack([c.gps("U" + k, t).T, c.gps("W" + k, t).T]))(k),
          (lambda k: lambda c: mm(X(c).T, dz(k)(c)))(k))
        R(base + 1, (lambda k: lambda c: row(c.gps("b" + k, t)))(k), dz(k))
        R(base + 2, (lambda k: lambda c: np.hstack([row(c.gh("hin:" + k, t)), row(c.gh("xin:" + k, t))]))(k),
          (lambda k: lambda c: mm(dz(k)(c), Wk[k].T))(k))
    dXtrue = lambda c: np.hstack([row(c.gin("h", t)), row(c.g("x", t))])
    dXk = lambda c, k: np.hstack([row(c.gh("hin:" + k, t)), row(c.gh("xin:" + k, t))])
    R(59, dXtrue, lambda c: add(dXk(c, "o"), dXk(c, "g"), dXk(c, "i"), dXk(c, "f")))
    R(61, lambda c: row(c.gin("h", t)), lambda c: dXtrue(c)[:, :mod.H])
    R(63, lambda c: row(c.gin("c", t)), lambda c: ew(v(c, "f"), dc(c)))


# --------------------------------------------------------------------------------------
# hipsternet_gru: row vectors, X = [h_old, x], X' = [h_r * h_old, x], W_k ((H+I) x H) =
# [U_k^T; W_k^T] (core, candidate = core n), h = (1 - h_z) h_old + h_z h_h, softmax head.
# --------------------------------------------------------------------------------------
@source
def _hipsternet_gru(M):
    sid, m, t = "hipsternet_gru", "hipsternet_gru", 3
    M[m] = Model("gru", I=2, H=3, T=4, V=3, seed=42, head="softmax", gru_form="new")
    mod = M[m]
    P = mod.P
    Wz, Wr, Wh = (np.vstack([P["U" + k].T, P["W" + k].T]) for k in "zrn")
    bz, br, bh = row(P["bz"]), row(P["br"]), row(P["bn"])
    Wy, by = P["V"].T, row(P["c"])
    H = mod.H
    v = lambda c, n, s=t: row(c.v(n, s))
    X = lambda c: np.hstack([v(c, "h", t - 1), v(c, "x")])
    Xp = lambda c: np.hstack([v(c, "rh"), v(c, "x")])
    dh = lambda c: row(c.g("h", t))
    dy = lambda c: row(c.g("logit", t))
    dhh = lambda c: row(c.g("zn", t))
    dhz = lambda c: row(c.g("zz", t))
    dhr = lambda c: row(c.g("zr", t))
    dhp = lambda c: row(c.g("rh", t))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(16, X, lambda c: np.hstack([v(c, "h", t - 1), v(c, "x")]))
    R(17, lambda c: v(c, "z"), lambda c: sig(mm(X(c), Wz) + bz))
    R(18, lambda c: v(c, "r"), lambda c: sig(mm(X(c), Wr) + br))
    R(19, Xp, lambda c: np.hstack([ew(v(c, "r"), v(c, "h", t - 1)), v(c, "x")]))
    R(20, lambda c: v(c, "n"), lambda c: np.tanh(mm(Xp(c), Wh) + bh))
    R(21, lambda c: v(c, "h"), lambda c: add(ew(1 - v(c, "z"), v(c, "h", t - 1)), ew(v(c, "z"), v(c, "n"))))
    R(22, lambda c: v(c, "logit"), lambda c: mm(v(c, "h"), Wy) + by)
    R(24, dy, lambda c: row(softmax(c.v("logit", t))) - row(onehot(mod.V, mod.y[t])))
    R(26, dh, lambda c: mm(dy(c), Wy.T) + row(c.gin("h", t + 1)))
    R(27, lambda c: c.gps("V", t).T, lambda c: mm(v(c, "h").T, dy(c)))
    R(28, lambda c: row(c.gps("c", t)), dy)
    R(30, dhh, lambda c: ew(1 - v(c, "n") ** 2, ew(v(c, "z"), dh(c))))
    R(31, lambda c: row(c.gh("hin:dir", t)), lambda c: ew(1 - v(c, "z"), dh(c)))
    R(33, dhz, lambda c: ew(v(c, "z"), 1 - v(c, "z"), ew(v(c, "n"), dh(c)) - ew(v(c, "h", t - 1), dh(c))))
    R(35, lambda c: np.hstack([dhp(c), row(c.gh("xin:n", t))]), lambda c: mm(dhh(c), Wh.T))
    R(36, lambda c: np.vstack([c.gps("Un", t).T, c.gps("Wn", t).T]), lambda c: mm(Xp(c).T, dhh(c)))
    R(37, lambda c: row(c.gps("bn", t)), dhh)
    R(38, dhp, lambda c: np.hstack([dhp(c), row(c.gh("xin:n", t))])[:, :H])
    R(39, lambda c: row(c.gh("hin:rh", t)), lambda c: ew(v(c, "r"), dhp(c)))
    R(41, dhr, lambda c: ew(v(c, "r"), 1 - v(c, "r"), ew(v(c, "h", t - 1), dhp(c))))
    dXk = lambda c, k: np.hstack([row(c.gh("hin:" + k, t)), row(c.gh("xin:" + k, t))])
    R(43, lambda c: dXk(c, "r"), lambda c: mm(dhr(c), Wr.T))
    R(44, lambda c: np.vstack([c.gps("Ur", t).T, c.gps("Wr", t).T]), lambda c: mm(X(c).T, dhr(c)))
    R(45, lambda c: row(c.gps("br", t)), dhr)
    R(47, lambda c: dXk(c, "z"), lambda c: mm(dhz(c), Wz.T))
    R(48, lambda c: np.vstack([c.gps("Uz", t).T, c.gps("Wz", t).T]), lambda c: mm(X(c).T, dhz(c)))
    R(49, lambda c: row(c.gps("bz", t)), dhz)
    R(50, lambda c: dXk(c, "r") + dXk(c, "z"), lambda c: add(dXk(c, "r"), dXk(c, "z")))
    R(51, lambda c: row(c.gh("hin:r", t) + c.gh("hin:z", t)), lambda c: (dXk(c, "r") + dXk(c, "z"))[:, :H])
    R(52, lambda c: row(c.gin("h", t)),
      lambda c: add(row(c.gh("hin:dir", t)), row(c.gh("hin:rh", t)), row(c.gh("hin:r", t) + c.gh("hin:z", t))))

# --------------------------------------------------------------------------------------
# leakssss_lstm_single_unit: ONE hidden unit (H = 1), N = I = 2 inputs; u_{kt} = sum_i W_{ki}
# x_{ti} + W_{kh} h_{t-1} + b_k for the gates k = f, I, o and the candidate s (core f, i, o, g);
# h_0 = c_0 = 0 (as the source says); sequence-to-one loss L = l(h_T) (here R h_T).
# d(.)/dW are total derivatives (forward mode, all paths); the author's dh_t/do_t, dh_t/dc_t,
# dc_t/df_t, do_t/du_{o,t}, ... are the local partial derivatives he computes.
# Recursions are evaluated at t = T = 4 (t-2 >= 1); rows at t = 1, 2 as written.
# --------------------------------------------------------------------------------------
LEAK_SEED, LEAK_SCALE = 69, 2.0


@source
def _leakssss(M):
    sid, m = "leakssss_lstm_single_unit", "leakssss"
    M[m] = Model("lstm", I=2, H=1, T=4, seed=LEAK_SEED, head="last", zero_init=True)
    mod = M[m]
    P = mod.P
    for k in P:                 # larger weights: the missing paths are clearly visible
        P[k] *= LEAK_SCALE
    t = mod.T
    gate = {"f": "f", "I": "i", "s": "g", "o": "o"}
    Wkh = {k: P["U" + gate[k]][0, 0] for k in gate}
    sc = lambda c, n, s: float(c.v(n, s)[0])
    x = lambda c, s: c.v("x", s)                                  # (N,)
    dq = lambda c, q, s, p: c.dq(q, s, p).reshape(-1) if p.startswith("W") else \
        float(c.dq(q, s, p).reshape(-1)[0])
    du_o = lambda c, s, p: dq(c, "zo", s, p)                      # du_{o,s}/dp (total)
    du_f = lambda c, s, p: dq(c, "zf", s, p)
    tanh = np.tanh
    dLdh = lambda c: float(mod.R[t][0])                           # dL/dh_T for L = R h_T
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    # forward
    R(14, lambda c: np.array([c.v("z" + gate[k], t)[0] for k in "fIso"]),
      lambda c: np.array([P["W" + gate[k]][0] @ x(c, t) + Wkh[k] * sc(c, "h", t - 1) + P["b" + gate[k]][0]
                          for k in "fIso"]))
    R(16, lambda c: sc(c, "f", t), lambda c: sig(sc(c, "zf", t)))
    R(17, lambda c: sc(c, "i", t), lambda c: sig(sc(c, "zi", t)))
    R(18, lambda c: sc(c, "g", t), lambda c: tanh(sc(c, "zg", t)))
    R(19, lambda c: sc(c, "o", t), lambda c: sig(sc(c, "zo", t)))
    R(23, lambda c: sc(c, "c", t), lambda c: sc(c, "f", t) * sc(c, "c", t - 1) + sc(c, "i", t) * sc(c, "g", t))
    R(25, lambda c: sc(c, "h", t), lambda c: sc(c, "o", t) * tanh(sc(c, "c", t)))
    # dL/dW chains at the last step t = T
    o, cc = (lambda c, s=t: sc(c, "o", s)), (lambda c, s=t: sc(c, "c", s))
    R(32, lambda c: c.gp("Wo").reshape(-1),
      lambda c: dLdh(c) * tanh(cc(c)) * o(c) * (1 - o(c)) * du_o(c, t, "Wo"))
    R(33, lambda c: c.gp("Wf").reshape(-1), undefined("dL/h_t (a derivative without d in the denominator)"))
    R(34, lambda c: c.gp("Wi").reshape(-1),
      lambda c: dLdh(c) * o(c) * (1 - tanh(cc(c)) ** 2) * sc(c, "g", t) * sc(c, "i", t) * (1 - sc(c, "i", t))
      * dq(c, "zi", t, "Wi"))
    # du_{ot}/dW_{oi}
    lhs_o = lambda c: du_o(c, t, "Wo")
    R(40, lhs_o, lambda c: du_o(c, t, "Wo"))   # the derivative of the defining expression
    R(41, lhs_o, lambda c: x(c, t) + Wkh["o"] * dq(c, "h", t - 1, "Wo"))
    R(42, lhs_o, lambda c: x(c, t) + Wkh["o"] * dq(c, "h", t - 1, "Wo"))
    R(46, lhs_o, lambda c: x(c, t) + Wkh["o"] * dq(c, "h", t - 1, "Wo"))
    R(47, lhs_o, lambda c: x(c, t) + Wkh["o"] * tanh(cc(c, t - 1)) * dq(c, "o", t - 1, "Wo"))
    skip_c = lambda c, s, p: tanh(cc(c, s - 1)) * o(c, s - 1) * (1 - o(c, s - 1)) * du_o(c, s - 1, p)
    R(48, lhs_o, lambda c: x(c, t) + Wkh["o"] * skip_c(c, t, "Wo"))
    R(53, lambda c: du_o(c, 1, "Wo"), lambda c: x(c, 1))
    R(54, lambda c: du_o(c, 2, "Wo"), lambda c: x(c, 2) + Wkh["o"] * skip_c(c, 2, "Wo"))
    R(55, lambda c: du_o(c, 2, "Wo"),
      lambda c: x(c, 2) + Wkh["o"] * tanh(cc(c, 1)) * o(c, 1) * (1 - o(c, 1)) * x(c, 1))
    # local partial derivatives
    loc = lambda q, s, k: (lambda c: float(c.jac(q, s, (k, s), (1,)).reshape(-1)[0]))
    R(59, loc("h", t, "o"), lambda c: tanh(cc(c)))          # d/do_t (o_t tanh(c_t))
    R(60, loc("h", t, "o"), lambda c: tanh(cc(c)))
    R(61, loc("o", t, "zo"), lambda c: o(c) * (1 - o(c)))   # d/du sigma(u_ot)
    R(62, loc("o", t, "zo"), lambda c: sig(sc(c, "zo", t)) * (1 - sig(sc(c, "zo", t))))
    R(63, loc("o", t, "zo"), lambda c: o(c) * (1 - o(c)))
    R(67, lhs_o, lambda c: x(c, t) + Wkh["o"] * skip_c(c, t, "Wo"))
    R(68, lhs_o, lambda c: x(c, t) + Wkh["o"] * skip_c(c, t, "Wo"))
    # du_{ot}/dW_{oh}
    lhs_oh = lambda c: du_o(c, t, "Uo")
    R(72, lhs_oh, lambda c: sc(c, "h", t - 1) + Wkh["o"] * dq(c, "h", t - 1, "Uo"))
    R(73, lhs_oh, lambda c: sc(c, "h", t - 1) + Wkh["o"] * dq(c, "h", t - 1, "Uo"))
    R(74, lhs_oh, lambda c: sc(c, "h", t - 1) + Wkh["o"] * skip_c(c, t, "Uo"))
    R(75, lhs_oh, lambda c: sc(c, "h", t - 1) + Wkh["o"] * skip_c(c, t, "Uo"))
    # du_{ot}/db_o
    lhs_ob = lambda c: du_o(c, t, "bo")
    R(79, lhs_ob, lambda c: 1 + Wkh["o"] * dq(c, "h", t - 1, "bo"))
    R(80, lhs_ob, lambda c: 1 + Wkh["o"] * dq(c, "h", t - 1, "bo"))
    R(81, lhs_ob, lambda c: 1 + Wkh["o"] * skip_c(c, t, "bo"))
    R(82, lhs_ob, undefined("W_{bo} is not a parameter (du_{o,t-1}/dW_{bo})"))
    # recap
    R(87, lhs_o, lambda c: x(c, t) + Wkh["o"] * skip_c(c, t, "Wo"))
    R(88, lhs_oh, lambda c: sc(c, "h", t - 1) + Wkh["o"] * skip_c(c, t, "Uo"))
    R(89, lhs_ob, undefined("W_{bo} is not a parameter (du_{o,t-1}/dW_{bo})"))
    # du_{ft}/dW_{fi}: every row starts with x_{fi}
    lhs_f = lambda c: du_f(c, t, "Wf")
    xfi = undefined("x_{fi}: the input has a time index, not a gate index (x_{ti})")
    for line in (95, 96, 100, 101, 102, 103, 116, 120):
        R(line, lhs_f, xfi)
    R(108, loc("h", t, "c:h"), lambda c: o(c) * (1 - tanh(cc(c)) ** 2))
    R(109, loc("h", t, "c:h"), lambda c: o(c) * (1 - tanh(cc(c)) ** 2))
    R(110, loc("c", t, "f"), lambda c: cc(c, t - 1))
    R(111, loc("c", t, "f"), lambda c: cc(c, t - 1))
    R(112, loc("f", t, "zf"), lambda c: sc(c, "f", t) * (1 - sc(c, "f", t)))
    R(113, loc("f", t, "zf"), lambda c: sc(c, "f", t) * (1 - sc(c, "f", t)))
    f_ = lambda c, s=t: sc(c, "f", s)
    chain_f = lambda c, p: (Wkh["f"] * o(c, t - 1) * (1 - tanh(cc(c, t - 1)) ** 2) * cc(c, t - 2)
                            * f_(c) * (1 - f_(c)) * du_f(c, t - 1, p))
    R(121, lambda c: du_f(c, t, "Uf"), lambda c: sc(c, "h", t - 1) + chain_f(c, "Uf"))
    R(122, lambda c: du_f(c, t, "bf"), lambda c: 1 + chain_f(c, "bf"))

# --------------------------------------------------------------------------------------
# d2l_bptt_current: 9.7.1 (abstract model, scalars: the text does not distinguish scalars,
# vectors and matrices; instantiated with one hidden unit, one input, f(x, h, w_h) =
# tanh(w_x x + w_h h + b), o = g(h, w_o) = w_o h + c, l = (o - y)^2 / 2, L = (1/T) sum_t l)
# and 9.7.2 (the linear RNN, as in d2l_bptt).
# --------------------------------------------------------------------------------------
@source
def _d2l_current(M):
    sid = "d2l_bptt_current"
    ms, ts = "d2l_cur_scalar", 3
    M[ms] = Model("rnn", I=1, H=1, T=4, V=1, seed=61, head="sq", loss_scale=0.25)
    sm = M[ms]
    Ts = sm.T
    S1 = lambda a: float(np.asarray(a).reshape(-1)[0])
    dh_dw = lambda c, s: S1(c.dq("h", s, "Ua")) if s >= 1 else 0.0     # a_s (h_0 is fixed)
    b_ = lambda c, s: S1(c.jac("h", s, ("P:Ua", s), (1, 1)))          # df/dw_h at step s
    c_ = lambda c, s: S1(c.jac("h", s, ("hin", s), (1,)))             # df/dh_{s-1}
    Rs = lambda line, lhs, rhs: rule(sid, line, ms, lhs, rhs)
    Rs(17, lambda c: S1(c.v("h", ts)),
       lambda c: S1(np.tanh(sm.P["Wa"] @ c.v("x", ts) + sm.P["Ua"] @ c.v("h", ts - 1) + sm.P["ba"])))
    Rs(18, lambda c: S1(c.v("logit", ts)), lambda c: S1(sm.P["V"] @ c.v("h", ts) + sm.P["c"]))
    Rs(22, lambda c: c.L, lambda c: sum(S1(c.v("l", s)) for s in range(1, Ts + 1)) / Ts)
    lhs_w = lambda c: S1(c.gp("Ua"))
    Rs(25, lhs_w, lambda c: sum(S1(c.dq("l", s, "Ua")) for s in range(1, Ts + 1)) / Ts)
    Rs(26, lhs_w, lambda c: sum(S1(c.v("logit", s) - sm.yreal[s]) * S1(sm.P["V"]) * dh_dw(c, s)
                                for s in range(1, Ts + 1)) / Ts)
    Rs(29, lambda c: dh_dw(c, ts), lambda c: b_(c, ts) + c_(c, ts) * dh_dw(c, ts - 1))
    Rs(33, lambda c: dh_dw(c, ts),
       lambda c: b_(c, ts) + sum(np.prod([c_(c, j) for j in range(i + 1, ts + 1)]) * b_(c, i) for i in range(1, ts)))
    Rs(36, lambda c: dh_dw(c, ts), lambda c: dh_dw(c, ts))
    Rs(37, lambda c: b_(c, ts), lambda c: b_(c, ts))
    Rs(38, lambda c: c_(c, ts), lambda c: c_(c, ts))
    Rs(42, lambda c: dh_dw(c, ts),
       lambda c: b_(c, ts) + sum(np.prod([c_(c, j) for j in range(i + 1, ts + 1)]) * b_(c, i) for i in range(1, ts)))
    # 9.7.2: the linear RNN
    m, t = "d2l_cur", 2
    mod = Model("rnn", I=2, H=3, T=4, V=3, seed=62, head="softmax", act="linear", bias=False,
                loss_scale=0.25)
    mod.P["c"] = np.zeros(mod.V)
    M[m] = mod
    P = mod.P
    Whx, Whh, Wqh = P["Wa"], P["Ua"], P["V"]
    T_ = mod.T
    v = lambda c, n, s=t: col(c.v(n, s))
    go = lambda c, s=t: col(c.g("logit", s))
    gh = lambda c, s=t: col(c.g("h", s))
    contract = lambda g, J: np.tensordot(g.ravel(), J, axes=(0, 0))
    S = lambda f, c: sum(f(c, s) for s in range(1, T_ + 1))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(47, lambda c: v(c, "h"), lambda c: mm(Whx, v(c, "x")) + mm(Whh, v(c, "h", t - 1)))
    R(48, lambda c: v(c, "logit"), lambda c: mm(Wqh, v(c, "h")))
    R(51, lambda c: np.array(c.L), lambda c: np.array(sum(float(c.v("l", s)[0]) for s in range(1, T_ + 1)) / T_))
    R(54, lambda c: go(c), lambda c: col(c.v("yhat", t) - onehot(mod.V, mod.y[t])) / T_)
    R(56, lambda c: c.gp("V"),
      lambda c: (S(lambda c, s: contract(go(c, s), c.jac("logit", s, ("P:V", s), Wqh.shape)), c),
                 S(lambda c, s: mm(go(c, s), v(c, "h", s).T), c)))
    R(59, lambda c: gh(c, T_),
      lambda c: (mm(c.jac("logit", T_, ("hout", T_), (3,)).T, go(c, T_)), mm(Wqh.T, go(c, T_))))
    R(61, lambda c: gh(c),
      lambda c: (mm(c.jac("h", t + 1, ("hin", t + 1), (3,)).T, gh(c, t + 1))
                 + mm(c.jac("logit", t, ("hout", t), (3,)).T, go(c)),
                 mm(Whh.T, gh(c, t + 1)) + mm(Wqh.T, go(c))))
    R(63, lambda c: gh(c),
      lambda c: sum(mm(mm(np.linalg.matrix_power(Whh.T, T_ - i), Wqh.T), go(c, T_ + t - i))
                    for i in range(t, T_ + 1)))
    R(67, lambda c: c.gp("Wa"),
      lambda c: (S(lambda c, s: contract(gh(c, s), c.jac("h", s, ("P:Wa", s), Whx.shape)), c),
                 S(lambda c, s: mm(gh(c, s), v(c, "x", s).T), c)))
    R(68, lambda c: c.gp("Ua"),
      lambda c: (S(lambda c, s: contract(gh(c, s), c.jac("h", s, ("P:Ua", s), Whh.shape)), c),
                 S(lambda c, s: mm(gh(c, s), v(c, "h", s - 1).T), c)))

# --------------------------------------------------------------------------------------
# PyTorch 2017 docstrings (forward only).  Column vectors, W x; b_i* + b_h* = the core bias
# (split arbitrarily); cell classes: x = x_t, h = h_{t-1}, c = c_{t-1}, h' = h_t, c' = c_t.
# GRU: reset applied after the recurrent product (r * (W_hn h + b_hn)); i weighs the old state.
# --------------------------------------------------------------------------------------
def _split(b):
    return 0.3 * b, 0.7 * b


@source
def _pytorch_docs(M):
    t = 3
    # RNN
    sid, m = "pytorch_2017_rnn_docs", "pt_rnn"
    M[m] = Model("rnn", I=2, H=3, T=4, seed=71)
    Pr = M[m].P
    bih, bhh = _split(Pr["ba"])
    v = lambda c, n, s=t: c.v(n, s)
    rhs = lambda c: np.tanh(mm(Pr["Wa"], col(v(c, "x"))) + col(bih) + mm(Pr["Ua"], col(v(c, "h", t - 1))) + col(bhh))
    rule(sid, 12, m, lambda c: col(v(c, "h")), rhs)
    rule(sid, 18, m, lambda c: col(v(c, "h")), rhs)
    # LSTM
    sid, m = "pytorch_2017_lstm_docs", "pt_lstm"
    M[m] = Model("lstm", I=2, H=3, T=4, seed=72)
    Pl = M[m].P
    B = {k: _split(Pl["b" + k]) for k in "ifog"}
    pre = lambda c, k: (mm(Pl["W" + k], col(v(c, "x"))) + col(B[k][0])
                        + mm(Pl["U" + k], col(v(c, "h", t - 1))) + col(B[k][1]))
    for base in (12, 26):
        rule(sid, base, m, lambda c: col(v(c, "i")), lambda c: sig(pre(c, "i")))
        rule(sid, base + 1, m, lambda c: col(v(c, "f")), lambda c: sig(pre(c, "f")))
        rule(sid, base + 2, m, lambda c: col(v(c, "g")), lambda c: np.tanh(pre(c, "g")))
        rule(sid, base + 3, m, lambda c: col(v(c, "o")), lambda c: sig(pre(c, "o")))
        rule(sid, base + 4, m, lambda c: col(v(c, "c")),
             lambda c: add(ew(col(v(c, "f")), col(v(c, "c", t - 1))), ew(col(v(c, "i")), col(v(c, "g")))))
    rule(sid, 17, m, lambda c: col(v(c, "h")), lambda c: ew(col(v(c, "o")), np.tanh(col(v(c, "c")))))
    rule(sid, 31, m, lambda c: col(v(c, "h")), undefined("c_t is not defined in the LSTMCell equations (c')"))
    # GRU
    sid, m = "pytorch_2017_gru_docs", "pt_gru"
    M[m] = Model("gru", I=2, H=3, T=4, seed=73, gru_form="old", gru_reset="after")
    Pg = M[m].P
    Bg = {k: _split(Pg["b" + k]) for k in "rz"}
    preg = lambda c, k: (mm(Pg["W" + k], col(v(c, "x"))) + col(Bg[k][0])
                         + mm(Pg["U" + k], col(v(c, "h", t - 1))) + col(Bg[k][1]))
    cand = lambda c: np.tanh(mm(Pg["Wn"], col(v(c, "x"))) + col(Pg["bn"])
                             + ew(col(v(c, "r")), mm(Pg["Un"], col(v(c, "h", t - 1))) + col(Pg["bhn"])))
    hnew = lambda c: add(ew(1 - col(v(c, "z")), col(v(c, "n"))), ew(col(v(c, "z")), col(v(c, "h", t - 1))))
    for base in (12, 24):
        rule(sid, base, m, lambda c: col(v(c, "r")), lambda c: sig(preg(c, "r")))
        rule(sid, base + 2, m, lambda c: col(v(c, "n")), cand)
        rule(sid, base + 3, m, lambda c: col(v(c, "h")), hnew)
    rule(sid, 13, m, lambda c: col(v(c, "z")), undefined("W_hi without braces is W_h i: W_h is not defined"))
    rule(sid, 25, m, lambda c: col(v(c, "z")), lambda c: sig(preg(c, "z")))

# --------------------------------------------------------------------------------------
# mai1015_rnn_vanishing (Pascanu et al. 2013, eqs. 3-5): x_t = W_rec sigma(x_{t-1}) + W_in u_t
# + b is the core pre-activation a_t (sigma = tanh, W_rec = core Ua, W_in = core Wa);
# epsilon_t = R_t . tanh(x_t) (linear loss per step); theta = W_rec; Jacobians d x_i / d x_{i-1}
# (rows = outputs); the product over t >= i > k taken in chain order (i = t first).
# --------------------------------------------------------------------------------------
@source
def _mai1015(M):
    sid, m, t, k = "mai1015_rnn_vanishing", "mai1015", 3, 1
    M[m] = Model("rnn", I=2, H=3, T=4, seed=81)
    P = M[m].P
    H = M[m].H
    T_ = M[m].T
    J = lambda c, i: c.jac("a", i, ("a", i - 1), (H,))          # d x_i / d x_{i-1}
    chain = lambda mats: np.linalg.multi_dot(mats) if len(mats) > 1 else mats[0]
    deps_dx = lambda c, s: row(c.jac("l", s, ("a", s), (H,)).reshape(-1))     # d eps_s / d x_s
    dplus = lambda c, s: c.jac("a", s, ("P:Ua", s), P["Ua"].shape).reshape(H, -1)
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(11, lambda c: c.gp("Ua"), lambda c: sum(c.dq("l", s, "Ua").reshape(P["Ua"].shape) for s in range(1, T_ + 1)))
    R(12, lambda c: c.gp("Ua"),
      lambda c: sum(mm(mm(deps_dx(c, t), chain([J(c, i) for i in range(t, kk, -1)]) if kk < t else np.eye(H)),
                       dplus(c, kk)) for kk in range(1, t + 1)).reshape(P["Ua"].shape))
    R(13, lambda c: c.jac("a", t, ("a", k), (H,)),
      lambda c: (chain([J(c, i) for i in range(t, k, -1)]),
                 chain([mm(P["Ua"].T, diag(1 - np.tanh(c.v("a", i - 1)) ** 2)) for i in range(t, k, -1)])))

# --------------------------------------------------------------------------------------
# datascience_se_19614_lstm: column vectors, no biases, candidate a = core g; stacked gate
# pre-activations z = [a_hat; i_hat; f_hat; o_hat] = W [x^t; h^{t-1}] with W = [[W^c, U^c], ...].
# delta X = dE/dX; delta I^t = dE/d[x^t; h^{t-1}] through step t.
# --------------------------------------------------------------------------------------
@source
def _se19614(M):
    sid, m, t = "datascience_se_19614_lstm", "se19614", 3
    M[m] = Model("lstm", I=2, H=3, T=4, seed=91, bias=False)
    P = M[m].P
    order = "gifo"                                   # a (candidate), i, f, o
    Wst = np.vstack([np.hstack([P["W" + k], P["U" + k]]) for k in order])
    v = lambda c, n, s=t: col(c.v(n, s))
    It = lambda c: np.vstack([v(c, "x"), v(c, "h", t - 1)])
    acts = lambda c: np.vstack([v(c, k) for k in order])
    pre = lambda c: np.vstack([v(c, "z" + k) for k in order])
    dpre = lambda c: np.vstack([col(c.g("z" + k, t)) for k in order])
    dI = lambda c: np.vstack([col(c.g("x", t)), col(c.gin("h", t))])
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    R(11, acts, undefined("X^t (capital) in the input-gate row is not defined"))
    R(13, pre, lambda c: (pre(c), mm(Wst, It(c))))
    R(15, dpre, lambda c: (dpre(c), np.vstack([
        ew(col(c.g("g", t)), 1 - np.tanh(v(c, "zg")) ** 2),
        ew(col(c.g("i", t)), v(c, "i"), 1 - v(c, "i")),
        ew(col(c.g("f", t)), v(c, "f"), 1 - v(c, "f")),
        ew(col(c.g("o", t)), v(c, "o"), 1 - v(c, "o"))])))
    R(19, dI, lambda c: mm(Wst.T, dpre(c)))
    R(21, pre, lambda c: mm(Wst.T, It(c)))
    R(26, dI, lambda c: np.vstack([col(c.g("x", t)), col(c.gin("h", t))]))
    R(27, dI, undefined("d/dh^{t-1} has no numerator"))

# --------------------------------------------------------------------------------------
# compphysics_rnnmath: one hidden layer (L = 1, h_0 = X), column vectors, zero initial state,
# z^(t) = (z)_layer + (z)_time with (z)_layer = W^{01} X + b^{01}, (z)_time = W^{11} h^{(t-1)} + b^{11}
# for t >= 2 and (z)_time = 0 at t = 1 (so b^{11} is not used at t = 1); hidden sigma_1 = tanh;
# output y_hat = sigmoid(W^{12} h + b^{12}) element-wise, C^(t) = |y_hat - y|^2 / 2, C = sum_t C^(t).
# Parameter names: Wa = W^{01}, ba = b^{01}, Ua = W^{11}, bt = b^{11}, V = W^{L,L+1}, c = b^{L,L+1}.
# --------------------------------------------------------------------------------------
class CompPhysModel(Model):
    def __init__(self, seed):
        Model.__init__(self, "rnn", I=2, H=3, T=4, seed=seed, head="sq", V=3, zero_init=True)
        rng = np.random.default_rng(seed + 1000)
        self.P["bt"] = rng.normal(0, 0.3, self.H)
        self.ytarget = {t: rng.uniform(0, 1, self.V) for t in range(1, self.T + 1)}

    def forward(self, pert=None):
        pert = pert or {}

        pv, par = perturbers(pert, self.P)

        vals = {("h", 0): self.h0.copy()}
        L, h = 0.0, self.h0
        for t in range(1, self.T + 1):
            x = pv("x", t, self.xs[t])
            vals[("x", t)] = x
            hin = pv("hin", t, h)
            zl = pv("zlayer", t, par("Wa", t) @ x + par("ba", t))
            zt = pv("ztime", t, par("Ua", t) @ hin + par("bt", t) if t >= 2 else np.zeros(self.H))
            vals[("zlayer", t)], vals[("ztime", t)] = zl, zt
            z = pv("z", t, zl + zt)
            vals[("z", t)] = z
            hn = pv("h", t, np.tanh(z))
            vals[("h", t)] = hn
            hh = pv("hout", t, hn)
            zo = pv("zo", t, par("V", t) @ hh + par("c", t))
            vals[("zo", t)] = zo
            yh = pv("yhat", t, sig(zo))
            vals[("yhat", t)] = yh
            lt = 0.5 * float(np.sum((yh - self.ytarget[t]) ** 2))
            vals[("l", t)] = np.array([lt])
            L += lt
            h = hn
        return L, vals


@source
def _compphysics(M):
    sid, m, t = "compphysics_rnnmath", "compphys", 3
    M[m] = CompPhysModel(seed=101)
    mod = M[m]
    P, Vn = mod.P, mod.V
    v = lambda c, n, s=t: col(c.v(n, s))
    R = lambda line, lhs, rhs: rule(sid, line, m, lhs, rhs)
    # forward
    R(15, lambda c: v(c, "h", 1), lambda c: np.tanh(v(c, "z", 1)))
    R(17, lambda c: v(c, "z", 1), lambda c: mm(P["Wa"], v(c, "x", 1)) + col(P["ba"]))
    R(20, lambda c: v(c, "zlayer"), lambda c: mm(P["Wa"], v(c, "x")) + col(P["ba"]))
    R(21, lambda c: v(c, "ztime"), lambda c: mm(P["Ua"], v(c, "h", t - 1)) + col(P["bt"]))
    R(24, lambda c: v(c, "z"), lambda c: v(c, "zlayer") + v(c, "ztime"))
    R(26, lambda c: v(c, "h"), lambda c: np.tanh(v(c, "z")))
    R(29, lambda c: v(c, "zlayer"), lambda c: mm(P["Wa"], v(c, "x")) + col(P["ba"]))
    R(31, lambda c: v(c, "ztime"), lambda c: mm(P["Ua"], v(c, "h", t - 1)) + col(P["bt"]))
    R(33, lambda c: v(c, "z"), lambda c: v(c, "zlayer") + v(c, "ztime"))
    R(35, lambda c: v(c, "h"), lambda c: np.tanh(v(c, "z")))
    R(39, lambda c: v(c, "zo"), lambda c: (mm(P["V"], v(c, "h")) + col(P["c"]),))
    R(41, lambda c: v(c, "yhat"), lambda c: sig(v(c, "zo")))
    # output layer
    dzo = lambda c: col(c.g("zo", t))                                        # dC/dz_{L+1}^(t)
    dCt_dzo = lambda c: col(c.jac("l", t, ("zo", t), (Vn,)).reshape(-1))      # dC^(t)/dz_{L+1}^(t)
    dCt_dy = lambda c: col(c.jac("l", t, ("yhat", t), (Vn,)).reshape(-1))     # dC^(t)/dy_hat^(t)
    dy_dzo = lambda c: c.jac("yhat", t, ("zo", t), (Vn,))                     # [j, i]
    sigp = lambda c: col(sigp_out(c.v("yhat", t)))
    R(48, dzo, dCt_dzo)
    R(50, dzo, lambda c: mm(dy_dzo(c).T, dCt_dy(c)))
    R(52, dzo, lambda c: mm(diag(sigp(c)), dCt_dy(c)))      # sum_j a_j s'_i delta_ij
    R(54, dzo, lambda c: ew(dCt_dy(c), sigp(c)))
    R(58, dzo, lambda c: ew(dCt_dy(c), sigp(c)))
    R(61, dzo, lambda c: (dCt_dzo(c), ew(dCt_dy(c), sigp(c))))
    # output bias, step t contribution
    dbo = lambda c: col(c.gps("c", t))
    R(66, dbo, lambda c: mm(c.jac("zo", t, ("P:c", t), (Vn,)).T, dzo(c)))
    R(68, dbo, lambda c: mm(c.jac("zo", t, ("P:c", t), (Vn,)).T, dzo(c)))
    R(70, dbo, lambda c: mm(np.eye(Vn), dzo(c)))
    R(72, dbo, dzo)
    R(74, dbo, dzo)
    R(77, dbo, dzo)
    R(79, lambda c: col(c.gp("c")), lambda c: sum(col(c.gps("c", s)) for s in range(1, mod.T + 1)))
    # output weights
    dVo = lambda c: c.gps("V", t)
    R(82, dVo, undefined("(dC/W^{L,L+1}_{ij})^{(t)}: the left side has no \\partial before W"))
    R(84, dVo, lambda c: np.tensordot(dzo(c).ravel(),
                                      c.jac("zo", t, ("P:V", t), P["V"].shape), axes=(0, 0)))
    R(86, dVo, lambda c: mm(dzo(c), row(c.v("h", t))))
    R(88, dVo, lambda c: mm(dzo(c), row(c.v("h", t))))
    R(90, dVo, lambda c: mm(dzo(c), row(c.v("h", t))))
    R(93, dVo, undefined("(dC/W^{L,L+1})^{(t)}: the left side has no \\partial before W"))
    R(95, lambda c: c.gp("V"), undefined("dC/W^{L,L+1}: no \\partial before W (both sides)"))
    # dC/dh_L^(t) through the output layer (the 'layer' part)
    dhL = lambda c: col(c.gout(t))
    R(99, dhL, undefined("dC/z_{L+1,j}^{(t)} on the right has no \\partial before z"))
    R(101, dhL, lambda c: mm(c.jac("zo", t, ("hout", t), (mod.H,)).T, dzo(c)))
    R(103, dhL, lambda c: mm(P["V"].T, dzo(c)))
    R(105, dhL, lambda c: mm(P["V"].T, dzo(c)))
    R(107, dhL, lambda c: mm(P["V"].T, dzo(c)))
    R(109, dhL, lambda c: mm(P["V"].T, dzo(c)))
    R(112, dhL, lambda c: mm(P["V"].T, dzo(c)))
    # general node (l = 1, h_0 = X)
    R(116, lambda c: col(c.g("h", t)), lambda c: col(c.gout(t)) + col(c.gin("h", t + 1)))
    dz = lambda c: col(c.g("z", t))
    R(119, dz, lambda c: ew(col(c.g("h", t)), 1 - np.tanh(v(c, "z")) ** 2))
    R(121, lambda c: col(c.gps("ba", t)), lambda c: (col(c.gps("bt", t)), dz(c)))
    R(123, lambda c: c.gps("Wa", t), lambda c: mm(dz(c), row(c.v("x", t))))
    R(125, lambda c: c.gps("Ua", t), lambda c: mm(dz(c), row(c.v("h", t - 1))))
    R(127, lambda c: col(c.g("x", t)), lambda c: mm(P["Wa"].T, dz(c)))
    R(129, lambda c: col(c.gin("h", t)), lambda c: mm(P["Ua"].T, dz(c)))
    for ln, pn in ((133, "ba"), (135, "bt"), (137, "Wa"), (139, "Ua")):
        R(ln, (lambda c, pn=pn: c.gp(pn)),
          (lambda c, pn=pn: sum(c.gps(pn, s) for s in range(1, mod.T + 1))))

#@@RULES@@

if __name__ == "__main__":
    sys.path.insert(0, HERE)
    sys.exit(main(sys.argv[1:]))
