"""Decide a claim: symbolic identity first (within a time bound), else agreement at random points.

Symbolic stages, cheapest first, each a ``sympy.expand`` of (claimed − derived) after
- A: linear terms expanded (W(a + b) = Wa + Wb), forward definitions folded (σ(ī_t) → i_t);
- B: adjoints of the claim's step written through Δ_t and the step t+1 adjoints they collect;
- C: (forward claims) quantities of the step written through x_t, the states at t-1, parameters;
- D: σ and tanh rewritten with exp, then ``sympy.simplify`` (small expressions only).
Outer products and Jacobian chains diag(d₀) M₁ diag(d₁) … are compared entry-wise: each
vector in factor position m becomes its own symbol v@m. A claim that is not proven is
evaluated at random points of whole BPTT runs (:class:`symlstm.trajectory.Run`), which is
also how a false claim gets its counterexample.
"""
from __future__ import annotations

import signal
import threading
import time as _time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from ...cells.algebra import Diag, Mat, MatVec, Outer, SumT, TMatVec, t, vec_name
from .canon import (
    _base_step, _nc_terms, _times, claim_view, fold, fold_table, index_outer,
    inline_adjoints, jacobian_chains, linear, sum_body, unfold_forward,
)
from ...unroll.trajectory import EvalError, Run, compile_expr

__all__ = ["symbolic", "numeric", "Symbolic", "Numeric", "Counterexample", "claim_view",
           "SYMBOLIC_SECONDS", "POINTS", "TOLERANCE"]

#: Time bound of the symbolic stages (seconds).
SYMBOLIC_SECONDS = 10.0
#: Random points of the numeric check.
POINTS = 30
#: Relative tolerance of numeric agreement (relative to max(1, |correct|)).
TOLERANCE = 1e-9
#: Largest expression (sympy.count_ops) the expensive stages try.
MAX_OPS = 3000


class _Timeout(BaseException):
    """The symbolic time bound was reached (a BaseException so no `except Exception` swallows it)."""


@contextmanager
def deadline(seconds: float | None):
    """Raise :class:`_Timeout` after ``seconds`` (SIGALRM; a no-op off the main thread or on Windows)."""
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def handler(signum, frame):
        raise _Timeout()

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ============================================================================ symbolic
@dataclass
class Symbolic:
    """Outcome of the symbolic stages: ``proven`` (True, or None when inconclusive), the stage
    that proved it, the difference claimed − derived as simplified as time allowed, and why
    the stages stopped (``"time"``, ``"size"`` or ``""``)."""

    proven: bool | None
    stage: str = ""
    difference: sympy.Expr | None = None
    stopped: str = ""
    seconds: float = 0.0


def symbolic(claim, seconds: float | None = SYMBOLIC_SECONDS, *, thorough: bool = True) -> Symbolic:
    """Try to prove ``claim.rhs == claim.expected`` symbolically within ``seconds``.

    ``thorough=False`` runs only the cheap stages A and B (what :func:`symlstm.verify.verify`
    does before the numeric check; C and D follow only when the numbers agree).
    """
    start = _time.perf_counter()
    out = Symbolic(None)
    try:
        with deadline(seconds):
            _stages(claim, out, thorough)
    except _Timeout:
        out.stopped = "time"
    except (RecursionError, MemoryError):
        out.stopped = "size"
    out.seconds = _time.perf_counter() - start
    return out


def _zero(e) -> bool:
    return sympy.expand(e) == 0


def _stages(claim, out: Symbolic, thorough: bool):
    d = claim.derivation
    if claim.kind == "unrolled":
        return _unrolled_stages(claim, out, thorough)
    view = claim_view(claim)
    table = fold_table(d, _times(claim.rhs, view, claim.lhs))
    table = {k: v for k, v in table.items() if v != claim.lhs}     # never fold a side into the left side

    def canon(e):
        return fold(linear(e), table)

    if claim.kind == "jacobian":
        return _jacobian_stages(claim, canon, out)
    claimed, derived = claim.rhs, view
    if claim.kind == "parameter gradient":
        claimed, derived = sum_body(claimed), sum_body(derived)
        if claimed is None:
            out.difference = sympy.expand(linear(claim.rhs) - linear(view))
            return
    reg: dict = {}
    diff_a = sympy.expand(index_outer(canon(claimed), reg) - index_outer(canon(derived), reg))
    out.difference = _shown_difference(claim, claimed, derived, canon, diff_a)
    if diff_a == 0:
        out.proven, out.stage = True, "A"
        return
    base = _base_step(claim)
    if claim.kind in ("adjoint", "input gradient", "initial adjoint", "parameter gradient"):
        full = claim.kind != "initial adjoint"
        b1 = index_outer(canon(inline_adjoints(claimed, d, base, full=full)), reg)
        b2 = index_outer(canon(inline_adjoints(derived, d, base, full=full)), reg)
        if _zero(b1 - b2):
            out.proven, out.stage = True, "B"
            return
    if not thorough:
        return
    if claim.kind == "forward":
        c1 = linear(unfold_forward(claimed, d, {base}))
        c2 = linear(unfold_forward(derived, d, {base}))
        if _zero(c1 - c2):
            out.proven, out.stage = True, "C"
            return
        diff = c1 - c2
    else:
        diff = diff_a
    _stage_d(diff, out)


def _stage_d(diff, out):
    """σ and tanh as exponentials, then expand, then (small expressions) cancel."""
    if sympy.count_ops(diff) > MAX_OPS:
        out.stopped = "size"
        return
    e = _as_exp(diff)
    if _zero(e) or (sympy.count_ops(e) < 300 and sympy.cancel(sympy.together(sympy.expand(e))) == 0):
        out.proven, out.stage = True, "D"


def _as_exp(e):
    from ...cells.algebra import sigmoid
    return e.replace(lambda x: isinstance(x, (sigmoid, sympy.tanh)), lambda x: x.rewrite(sympy.exp))


def _shown_difference(claim, claimed, derived, canon, diff):
    """claimed − derived for people: factored, outer products merged (Σ_t a (b − c)ᵀ)."""
    if claim.kind == "parameter gradient":
        body = sympy.expand(linear(canon(claimed)) - linear(canon(derived)))
        return SumT(merge_outer(body)) if body != 0 else sympy.Integer(0)
    if claim.kind == "forward":
        diff = sympy.expand(linear(claimed) - linear(derived))
    return readable_factor(diff)


def readable_factor(e):
    """``sympy.factor``, then (x − 1)(x + 1) written 1 − x² and (−1 + x) written −(1 − x), as people do."""
    if sympy.count_ops(e) >= 400:
        return e
    try:
        f = sympy.factor(e)
    except (sympy.PolynomialError, ValueError, TypeError, NotImplementedError):
        return e
    sign, args = 1, list(sympy.Mul.make_args(f))
    out = []
    while args:
        a = args.pop(0)
        pair = None
        if a.is_Add and len(a.args) == 2 and sympy.Integer(1) in a.args:
            b = a - 1
            pair = next((x for x in args if sympy.expand(x - (b - 1)) == 0), None)
        if pair is not None:
            args.remove(pair)
            out.append(1 - b ** 2)
            sign = -sign
        elif a.is_Add and len(a.args) == 2 and sympy.Integer(-1) in a.args:
            out.append(1 - (a + 1))
            sign = -sign
        else:
            out.append(a)
    if sign == -1:                        # −(c_{t-1} − c_t) reads better as (c_t − c_{t-1})
        k = next((k for k, a in enumerate(out) if a.is_Add and len(a.args) == 2
                  and not any(x.is_Number for x in a.args)), None)
        if k is not None:
            out[k], sign = sympy.expand(-out[k]), 1
    return sympy.Mul(sign, *out)


def merge_outer(e):
    """Σ c_k Outer(a, b_k) → Outer(a, Σ c_k b_k), grouped by the left vector."""
    groups: dict = {}
    rest = []
    for term in sympy.Add.make_args(e):
        c, r = term.as_coeff_Mul()
        facs = sympy.Mul.make_args(r)
        outers = [f for f in facs if isinstance(f, Outer)]
        if len(outers) == 1:
            o = outers[0]
            scale = c * sympy.Mul(*[f for f in facs if f is not o])
            groups.setdefault(o.args[0], []).append(scale * o.args[1])
        else:
            rest.append(term)
    return sympy.Add(*rest, *[Outer(a, sympy.factor(sympy.Add(*bs))) for a, bs in groups.items()])


def merge_diag(e):
    """Σ diag(a_k) R → diag(Σ a_k) R for Jacobian terms with the same rest R."""
    groups: dict = {}
    for coeff, factors in _nc_terms(sympy.expand(e)):
        if factors and isinstance(factors[0], Diag):
            head, rest = coeff * factors[0].args[0], tuple(factors[1:])
        else:
            head, rest = coeff, tuple(factors)
        groups[rest] = groups.get(rest, 0) + head
    terms = []
    for rest, head in groups.items():
        head = sympy.factor(head) if sympy.count_ops(head) < 200 else head
        if head == 0:
            continue
        terms.append(sympy.Mul(Diag(head), *rest) if rest or head.has(AppliedUndef) else head)
    return sympy.Add(*terms)


def _jacobian_stages(claim, canon, out: Symbolic):
    reg: dict = {}
    a = jacobian_chains(claim.rhs, canon, reg)
    b = jacobian_chains(claim.expected, canon, reg)
    keys = set(a) | set(b)
    diffs = {k: sympy.expand(a.get(k, 0) - b.get(k, 0)) for k in keys}
    out.difference = merge_diag(claim.rhs - claim.expected)
    if all(v == 0 for v in diffs.values()):
        out.proven, out.stage = True, "A"


def _unrolled_stages(claim, out: Symbolic, thorough: bool):
    view = claim.rhs.replace(lambda x: isinstance(x, Mat), lambda x: sympy.Symbol(x.name))
    out.difference = readable_factor(sympy.expand(view - unrolled_view(claim)))
    claimed, derived = unrolled_claimed(claim), unrolled_expected(claim)
    diff = sympy.expand(claimed - derived)
    if diff == 0:
        out.proven, out.stage = True, "A"
        return
    if thorough:
        _stage_d(diff, out)


# ============================================================================ unrolled cells
@lru_cache(maxsize=32)
def _unrolled(cell, T):
    from ...unroll import unroll
    return unroll(cell, T, 1, 1, initial="symbols")


def unrolled_expected(claim):
    """∂h_T/∂P of the 1-unit cell unrolled over T steps, in the weights, inputs and initial states
    (symbols of :func:`symlstm.unroll`), by plain ``sympy.diff`` of the unrolled output."""
    if "expected_full" not in claim.info:
        u = _unrolled(claim.derivation.cell, claim.info["T"])
        claim.info["expected_full"] = sympy.diff(u.full_expression(u.output), u.symbol(claim.info["param"]))
    return claim.info["expected_full"]


def unrolled_view(claim):
    """The derived ∂h_T/∂P in the step quantities of the unrolled program (h_1, c_2, ...), as
    far as its forward assignments fold back into it."""
    if "view" not in claim.info:
        u = _unrolled(claim.derivation.cell, claim.info["T"])
        table = {}
        for step in u.steps:
            for sym, expr in step:
                table[expr] = sym
        e = unrolled_expected(claim)
        for _ in range(3):
            e = fold(e, table)
        back = {}
        for sym in e.free_symbols:
            base, _, k = sym.name.rpartition("_")
            if base and k.isdigit() and (base in claim.vocabulary.quantities):
                back[sym] = sympy.Function(base)(sympy.Integer(int(k)))
            elif sym.name in claim.vocabulary.params:
                back[sym] = sympy.Symbol(sym.name)
        claim.info["view"] = e.xreplace(back)
    return claim.info["view"]


def unrolled_claimed(claim):
    """The claim's right side in the same symbols: every step quantity written out."""
    T = claim.info["T"]
    u = _unrolled(claim.derivation.cell, T)
    e = unfold_forward(claim.rhs, claim.derivation, {sympy.Integer(k) for k in range(1, T + 1)})
    e = e.replace(lambda x: isinstance(x, (MatVec, TMatVec)),
                  lambda x: sympy.Symbol(x.matrix.name) * x.vector)
    sub = {}
    for a in e.atoms(AppliedUndef):
        sub[a] = u.symbol(f"{vec_name(a)}_{int(a.args[0])}")
    for s in e.free_symbols:
        if s.name in claim.vocabulary.params:
            sub[s] = u.symbol(s.name)
    return e.xreplace(sub)


class _ScalarRun:
    """A 1-unit run seen as numbers: (1, 1) matrices become (1,) so products stay element-wise."""

    def __init__(self, run):
        self.run, self.T = run, run.T
        self.params = {k: v.reshape(-1) for k, v in run.params.items()}

    def value(self, name, step):
        return self.run.value(name, step)

    def param(self, name):
        return self.params[name] if name in self.params else self.run.param(name)


def unrolled_gradient(claim, run) -> float:
    """∂h_T/∂P at the weights, inputs and initial states of ``run`` (n = 1), by symlstm.unroll."""
    T, p = claim.info["T"], claim.info["param"]
    cell = claim.derivation.cell
    u = _unrolled(cell, T)
    values = {name: run.params[name] for name in run.params}
    values["x"] = np.array([run.value("x", s)[0] for s in range(1, T + 1)])
    for s in cell.states:
        values[f"{s}_0"] = float(run.value(s, 0)[0])
    ev = u.evaluate(values)
    h_T = ev.steps[T - 1]["h"]
    if abs(float(h_T) - float(run.value("h", T)[0])) > 1e-9:
        raise RuntimeError(f"internal: unrolled h_{T} = {h_T} but the run has {run.value('h', T)[0]}")
    return float(np.asarray(ev.gradient[p]).reshape(-1)[0])


# ============================================================================ numeric
@dataclass
class Counterexample:
    """A point where the two sides differ: ``step`` (the value of t, or None), vector size ``n``,
    ``values`` symbol -> value of every symbol of both sides, and each side's value."""

    step: int | None
    n: int
    values: dict
    claimed: np.ndarray
    correct: np.ndarray
    error: float
    T: int = 0
    over_steps: frozenset = frozenset()      # keys of ``values`` given for t = 1..T (inside a Σ_t), stacked

    def to_dict(self, labels=None) -> dict:
        return {"t": self.step, "n": self.n,
                "values": {k: np.asarray(v).tolist() for k, v in self.values.items()},
                "claimed": np.asarray(self.claimed).tolist(), "correct": np.asarray(self.correct).tolist(),
                "relative_error": self.error}


@dataclass
class Numeric:
    """Outcome of the numeric check: ``agree`` at all ``points``, how many ``failed``, the first
    counterexample, and an ``error`` when a side could not be evaluated."""

    agree: bool
    points: int
    failed: int = 0
    counterexample: Counterexample | None = None
    error: str = ""
    worst: float = 0.0
    trials: list = field(default_factory=list)


@lru_cache(maxsize=256)
def _run(cell, n, T, seed):
    from .vocabulary import _derivation
    return Run(_derivation(cell), n=n, T=T, seed=seed)


def _plan(claim, points, seed):
    """(runs, steps): the random runs (n, T, seed) and the values of t evaluated in each."""
    exprs = [claim.rhs, claim.expected, claim.lhs] if claim.kind != "unrolled" else [claim.rhs]
    free_ks, concrete = set(), set()
    for e in exprs:
        for a in _outside_sum_atoms(e):
            arg = a.args[0]
            if arg.has(t):
                free_ks.add(int(arg - t))
            elif arg.is_Integer:
                concrete.add(int(arg))
    if claim.kind == "jacobian":
        free_ks |= {0, -1}
    lo_k, hi_k = min(free_ks, default=0), max(free_ks, default=0)
    T = max(4, max(concrete, default=0) + 1, hi_k - lo_k + 4)
    lo, hi = max(1, 1 - lo_k), T - max(0, hi_k)
    if free_ks:
        candidates = list(range(lo, hi + 1))
        per_run = min(3, len(candidates))
    else:
        candidates, per_run = [None], 1
    n_runs = max(1, -(-points // per_run))
    plan = []
    for r in range(n_runs):
        n = 2 if r % 2 == 0 else 3
        k = r % max(1, len(candidates) - per_run + 1)
        plan.append(((n, T, (seed, r)), candidates[k:k + per_run]))
    return plan


def _outside_sum_atoms(e):
    if isinstance(e, SumT):
        return
    if isinstance(e, AppliedUndef) and len(e.args) == 1:
        yield e
        return
    for a in e.args:
        yield from _outside_sum_atoms(a)


def _rel_error(a, b) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        try:
            a, b = np.broadcast_arrays(a, b)
        except ValueError:
            return float("inf")
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return 0.0 if np.array_equal(a, b) else float("inf")
    return float(np.max(np.abs(a - b), initial=0.0) / max(1.0, float(np.max(np.abs(b), initial=0.0))))


def numeric(claim, *, points: int = POINTS, seed: int = 0, tolerance: float = TOLERANCE, shown=None) -> Numeric:
    """Evaluate both sides at ``points`` random points of whole BPTT runs and compare.

    The counterexample lists the values of every symbol of the claim and of ``shown`` (the
    correct right side as it is shown, default :func:`claim_view`).
    """
    if claim.kind == "unrolled":
        return _numeric_unrolled(claim, points, seed, tolerance)
    cell = claim.derivation.cell
    shown = claim_view(claim) if shown is None else shown
    claimed_f, correct_f = compile_expr(claim.rhs), compile_expr(claim.expected)
    out = Numeric(True, 0)
    for (n, T, s), steps in _plan(claim, points, seed):
        if out.points >= points:
            break
        run = _run(cell, n, T, s)
        for step in steps:
            try:
                a, b = claimed_f(run, step), correct_f(run, step)
            except EvalError as e:
                return Numeric(False, out.points, error=str(e))
            err = _rel_error(a, b)
            out.points += 1
            out.worst = max(out.worst, err)
            if err > tolerance:
                out.agree = False
                out.failed += 1
                if out.counterexample is None:
                    values, over = _values(claim, run, step, shown)
                    out.counterexample = Counterexample(step, n, values, a, b, err, run.T, over)
    return out


def _values(claim, run, step, shown=None):
    """(symbol -> value for every symbol of the claim and the shown correct side, the symbols
    that appear only inside Σ_t and are given for every step t = 1..T, stacked)."""
    out, over = {}, set()
    for e in (claim.lhs, claim.rhs, claim.expected if shown is None else shown):
        outside = set(_outside_sum_atoms(e))
        for a in sorted(e.atoms(AppliedUndef), key=sympy.default_sort_key):
            if len(a.args) != 1 or a in out:
                continue
            try:
                if a in outside:
                    out[a] = compile_expr(a)(run, step)
                elif a.args[0].has(t):
                    out[a] = np.stack([compile_expr(a)(run, k) for k in range(1, run.T + 1)])
                    over.add(a)
            except EvalError:
                pass
        for s in sorted(e.free_symbols, key=sympy.default_sort_key):
            if s != t and s.name in run.params:
                out[s] = run.params[s.name]
    return out, frozenset(over)


def _inside_sum_only(e, atom) -> bool:
    return atom not in set(_outside_sum_atoms(e))


def _numeric_unrolled(claim, points, seed, tolerance) -> Numeric:
    out = Numeric(True, 0)
    f = compile_expr(claim.rhs)
    for r in range(points):
        run = _run(claim.derivation.cell, 1, max(2, claim.info["T"]), (seed, 1_000_003, r))
        try:
            a = f(_ScalarRun(run), None)
        except EvalError as e:
            return Numeric(False, out.points, error=str(e))
        b = unrolled_gradient(claim, run)
        err = _rel_error(a, b)
        out.points += 1
        out.worst = max(out.worst, err)
        if err > tolerance:
            out.agree = False
            out.failed += 1
            if out.counterexample is None:
                out.counterexample = Counterexample(None, 1, _values(claim, _ScalarRun(run), None)[0], a, b, err,
                                                    claim.info["T"])
    return out
