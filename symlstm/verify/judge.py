"""Judge every row of a derivation in the author's own vocabulary: pass, fail or unreadable, and under which reading.

The forward rows build the author's cell (:class:`~symlstm.verify.author.Model`); every other row
is evaluated at each step t of random runs with each reading of its gradient symbols (total
gradients first; then step readings: a parameter's contribution of step t, what reaches a state
through one step, a pre-activation named like its activation). A row passes when all its links
(``a = b = c``) agree at every step under one reading; the reading is reported.
"""
from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass, field

import numpy as np

from ..latex.notation import ANY_PARAMETER_NAMES, FUNCTION_WORDS, LOSS_NAMES, TIME_WORDS
from .author import IllTyped
from .authorcell import _grad_like, _has_derivative, _lhs_keys, _prefixes, _time_var, _walk, build
from .increments import as_increment
from .atpoint import lower_points
from .gatelists import expand as expand_gates
from .latexparse import LatexError
from .labelled import rewrite_rows as rewrite_labels
from .layers import expand as expand_layers
from .names import NotReadable, Undefined, Vocab, _sup_atoms, gradient_split, key_latex, resolve, time_arguments
from .numeval import Ctx, Evaluator
from .partials import partial_sums
from .rowparse import parse_row

__all__ = ["RowResult", "judge_rows", "TOLERANCE", "MAX_READINGS"]

TOLERANCE = 1e-7
#: Most combinations of readings tried for one row.
MAX_READINGS = 1024
#: Seconds spent trying the readings of one row (``--timeout``).
READING_SECONDS = 10.0


@dataclass
class RowResult:
    """The verdict on one equation: ``status`` pass | fail | unreadable; ``holds`` True/False/None;
    ``reading`` total | step | forward | definition; ``why``; the two sides' values at a failing step."""

    line: int
    column: int
    text: str
    status: str
    holds: bool | None
    reading: str = ""
    why: str = ""
    step: int | None = None
    claimed: object = None
    correct: object = None
    difference: object = None
    notes: list = field(default_factory=list)
    correct_latex: str | None = None

    def to_dict(self) -> dict:
        def arr(v):
            return None if v is None else np.round(np.real(np.asarray(v)), 6).tolist()
        return {"line": self.line, "column": self.column, "equation": self.text, "status": self.status,
                "holds": self.holds, "reading": self.reading or None, "why": self.why or None,
                "correct": self.correct_latex,
                "difference": arr(self.difference),
                "counterexample": None if self.claimed is None else
                {"t": self.step, "left": arr(self.correct), "right": arr(self.claimed)}}


# ============================================================================ judging
def judge_rows(equations, *, strict=False, seed=0, notation=None, seconds=READING_SECONDS, legend=None):
    """RowResults of every equation (a list of ``TexEquation``) of one derivation; ``seconds``: the time
    spent trying the readings of one row; ``legend``: the file's :class:`~symlstm.verify.legend.Legend`."""
    with np.errstate(all="ignore"):      # 1/0 in a claimed side is a failing value, not a warning
        return _judge_rows(equations, strict=strict, seed=seed, notation=notation, seconds=seconds, legend=legend)


def _judge_rows(equations, *, strict=False, seed=0, notation=None, seconds=READING_SECONDS, legend=None):
    rows, errors = [], {}
    for k, eq in enumerate(equations):
        try:
            rows.append(parse_row(eq.text))
        except LatexError as e:
            rows.append(None)
            errors[k] = e
    rows = [as_increment(r) for r in _continuations(rows, equations, errors)]      # dW = dW + ...: an increment
    rows = time_arguments(rows)         # h(t-1) = h^{(t-1)}; {\delta E \over \delta p}: a partial derivative
    rows = rewrite_labels(rows, [eq.text for eq in equations])      # \underbrace{X}_{\delta^{(k)}}: \delta^{(k)} is X
    rows = lower_points(rows)           # \frac{d\sigma}{dz}\Big|_{z}: \sigma'(z); C(y_N), a prose cost: the loss of step N
    errors = {k: e for k, e in errors.items() if rows[k] is None}
    plan = expand_layers(rows, equations, errors)       # h_l^{(t)}, W^{l-1,l}: rows for every layer, component
    if plan is not None:
        rows, equations, errors = plan.rows, plan.equations, plan.errors
    time_var = _time_var([r for r in rows if r is not None])
    out = []
    for lo, hi in _segments(rows, time_var) if plan is None else [(0, len(rows))]:
        seg_rows = [r if lo <= k < hi else None for k, r in enumerate(rows)]
        out += _judge_segment(equations, seg_rows, errors, lo, hi, time_var, strict, seed, notation, seconds, plan,
                              legend=legend)
    return out if plan is None else plan.merge(out)


def _segments(rows, time_var):
    """Ranges of rows that state one cell: forward rows that define two or more names again start the
    next one (the PyTorch docs state nn.LSTM and then nn.LSTMCell); one name defined again is a claim."""
    v = Vocab(time_var=time_var)
    fwd = []
    for k, tree in enumerate(rows):
        if tree is None or len(tree[1]) < 2 or tree[2][0] != "=":
            continue
        try:
            keys, refs = _lhs_keys(tree[1][0], v)
        except NotReadable:                 # a left side the names cannot read: not a forward row
            continue
        if keys is None or any(_has_derivative(p) for p in tree[1]):
            continue
        fwd.append((k, set(keys)))
    defined = set().union(*(ks for _, ks in fwd)) if fwd else set()
    base_names = {key.split("_")[0] for key in defined} | defined | _prefixes(defined)
    fwd = [(k, ks) for k, ks in fwd if not any(_grad_like(key, defined, base_names) for key in ks)]
    fwd = _new_statements(fwd, rows)
    defined = set().union(*(ks for _, ks in fwd)) if fwd else set()
    bounds, seen, first = [0], set(), {}
    for j, (k, keys) in enumerate(fwd):
        if keys & seen and k > bounds[-1]:
            later = set().union(*(ks for _, ks in fwd[j:j + 6])) if fwd[j:] else set()
            if len(later & seen) >= 2 and not _restates(fwd[j:j + 6], seen, first, defined, rows, v):
                bounds.append(k)
                seen, first = set(), {}
        for key in keys - seen:
            first[key] = k
        seen |= keys
    bounds.append(len(rows))
    return list(zip(bounds, bounds[1:]))


def _new_statements(fwd, rows):
    r"""The forward rows without those that repeat earlier ones word for word (a slide that recalls
    ``\text{Forward Pass: } h^t = o^t \odot \tanh(c^t)`` before its backward rows): every right side of
    such a row is already a right side of the names it defines. They are claims of the same cell."""
    from .numadjoint import normal
    said, out = {}, []
    for k, keys in fwd:
        sides = {repr(normal(p)) for p in rows[k][1][1:]}
        if all(key in said for key in keys) and all(sides <= said[key] for key in keys):
            continue
        out.append((k, keys))
        for key in keys:
            said.setdefault(key, set()).update(sides)
    return out


def _restates(window, seen, first, defined, rows, vocab) -> bool:
    r"""The rows of ``window`` that define names again restate the same cell through intermediate names
    (g_3 = g_1 + g_2; z_t = \sigma(g_3)): each reads a name the forward rows define that the first
    definitions of the names restated never read. A second cell (LSTM, then LSTMCell in other names)
    restates its quantities from inputs and weights only."""
    from .authorcell import _keys_in
    again = [(k, keys) for k, keys in window if keys & seen]
    if not again:
        return False
    originals = set()
    for key in set().union(*(keys for _, keys in again)):
        if key in first:
            originals |= _keys_in(rows[first[key]][1][1:], vocab)
    for k, keys in again:
        used = _keys_in(rows[k][1][1:], vocab)
        if not (used & defined) - originals - keys:
            return False
    return True


def _judge_segment(equations, rows, errors, lo, hi, time_var, strict, seed, notation=None,
                   seconds=READING_SECONDS, plan=None, legend=None):
    named = _named_givens(equations, rows, lo, hi)      # given I^t = [x^t; h^{t-1}]: names a written part
    for k in named:
        rows[k] = None
    best = None
    layouts = ("row", "column") if notation is not None and notation.layout == "row" else ("column", "row")
    for layout in layouts:
        v = Vocab(time_var=time_var)
        if plan is not None:
            plan.prepare(v)
        try:
            model, forward, ev = build(rows, v, layout=layout, seed=seed)
        except (IllTyped, NotReadable, LatexError, ValueError, ArithmeticError, IndexError, KeyError, TypeError,
                AttributeError, RecursionError) as e:
            if best is None:
                best = (None, {}, None, v, str(e))
            continue
        score = len(model.errors)
        if best is None or best[0] is None or score < len(best[0].errors):
            best = (model, forward, ev, v, "")
        if score == 0:
            break
    model, forward, ev, vocab, problem = best
    given_why = {}
    for k, (name, expr) in named.items():
        if ev is None:
            continue
        try:
            ev.name_subexpression(name, expr)
        except (NotReadable, IllTyped) as e:
            given_why[k] = str(e)
    givens = [equations[k].line for k in range(lo, hi) if getattr(equations[k], "given", False)]
    if ev is not None and legend:          # % symlstm: let ...: the forms the file's legend names
        ev.legend = legend
        rows = [r if k in forward else legend.rewrite(r) for k, r in enumerate(rows)]
    if ev is not None:
        _derived(rows, forward, ev, lo, hi)
        _implied_target(rows, forward, ev, lo, hi)
        sums = partial_sums(rows, lo, hi, lambda lhs: _accumulates(lhs, ev))     # A = X; A += Y: path by path
        ev.numerator_chains = numerator_chains([r for k, r in enumerate(rows) if k not in forward], ev.vocab)
        ev.file_readings = {}       # a gradient name as the file has read it so far (_as_read_before)
        texts = " ".join(equations[k].text for k in range(lo, hi))
        import re
        counts = {"angle": len(re.findall(r"\^\{\\langle|\^\{<", texts)),
                  "paren": len(re.findall(r"\^\{\(", texts)),
                  "sup": len(re.findall(r"\^\{?[tk](?![a-zA-Z])", texts)),
                  "sub": len(re.findall(r"_\{?[tk](?![a-zA-Z])", texts))}
        ev.time_style = max(counts, key=counts.get) if any(counts.values()) else "sub"
        ev.product_sign = r"\odot" if r"\odot" in texts else r"\circ" if r"\circ" in texts else \
            "*" if "*" in texts else r"\odot"
    out = []
    for k, eq in enumerate(equations):
        if not lo <= k < hi:
            continue
        if getattr(eq, "given", False):      # % symlstm: given: builds the cell; reported only when it cannot
            r = _given_result(k, eq, errors, named, given_why, forward, model)
            if r is not None:
                out.append(r)
            continue
        if k in errors:
            e = errors[k]
            bad = getattr(e, "malformed", False)        # h(t) = f(p(t): not an expression as printed
            out.append(RowResult(eq.line + (e.line or 1) - 1, (e.column or 1) + (eq.column - 1 if (e.line or 1) == 1 else 0),
                                 eq.text, "fail" if bad else "unreadable", False if bad else None, why=e.reason))
            continue
        if model is None:
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                                 why=f"the forward equations could not be run: {problem}"))
            continue
        if not model.defs and k not in forward:
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                                 why="the derivation states no forward equations to read it against; "
                                     "name the cell (symlstm verify CELL --file ...)"))
            continue
        if k in model.function_rows:         # f_2(v_i) = e^{v_i} / \sum_j e^{v_j}: a function's definition
            out.append(RowResult(eq.line, eq.column, eq.text, "pass", True, "forward",
                                 notes=[model.function_rows[k]]))
            continue
        if k in forward:
            d = forward[k]
            if d.row in model.unread:
                out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, "forward",
                                     why=model.errors[d.row]))
            elif d.row in model.errors:
                out.append(RowResult(eq.line, eq.column, eq.text, "fail", False, "forward", why=model.errors[d.row]))
            elif _several_bodies(rows[k]):   # a = [W x ...] = [\tanh(\hat a)]: every link is checked
                r = _judge(rows[k], eq, ev, strict, seconds)
                r.reading = r.reading or "forward"
                out.append(r)
            else:
                out.append(RowResult(eq.line, eq.column, eq.text, "pass", True, "forward"))
            continue
        tree, ev.partial_sum = sums.get(k, (rows[k], False))
        ev.accumulated = _accumulated_later(rows, k, hi, ev)
        ev.accumulated_anywhere = _accumulated_later(rows, lo - 1, hi, ev)     # \delta h_T = 0 starts a +=
        try:
            out.append(_judge(tree, eq, ev, strict, seconds))
        except (ValueError, ArithmeticError, IndexError, KeyError, TypeError, AttributeError, RecursionError) as e:
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                                 why=f"could not be evaluated ({type(e).__name__})"))
        finally:
            ev.partial_sum = False
        if givens and out[-1].status != "pass":
            lines = ", ".join(str(x) for x in sorted(set(givens)))
            out[-1].why = (out[-1].why + "; " if out[-1].why else "") + \
                f"read with the equations given by the file (% symlstm: given, line {lines})"
    return out


def _accumulated_later(rows, k, hi, ev) -> frozenset:
    r"""Quantities whose gradient a later row accumulates (``\delta c^t \mathrel{+}= ...``): before it, a row
    on that gradient may hold the part through the quantity's own step (the increment being worked out)."""
    out = set()
    for j in range(k + 1, hi):
        tree = rows[j]
        if tree is not None and len(tree[1]) == 2 and tree[2][0] == "+=":
            target = _gradient_target(tree[1][0], ev)
            if target is not None and target[0] in ev.vocab.quantities:
                out.add(target[0])
    return frozenset(out)


def _accumulates(lhs, ev) -> bool:
    """A left side that a partial sum may hold (:mod:`.partials`): the gradient of a quantity or an input."""
    target = _gradient_target(lhs, ev)
    return target is not None and target[0] not in ev.vocab.params and \
        (target[0] in ev.vocab.quantities or target[0] in ev.vocab.inputs)


def _named_givens(equations, rows, lo, hi):
    """Given rows ``NAME = EXPR`` whose EXPR another row without derivatives writes literally: k -> (NAME, EXPR).
    NAME names that sub-expression (its value and adjoint there) instead of defining a quantity of its own."""
    from .numadjoint import _find, normal
    out = {}
    for k in range(lo, hi):
        tree = rows[k]
        if not getattr(equations[k], "given", False) or tree is None or len(tree[1]) != 2 or tree[2] != ["="] \
                or tree[1][0][0] != "sym" or tree[1][1][0] in ("sym", "num"):
            continue
        target = normal(tree[1][1])
        for j in range(lo, hi):
            other = rows[j]
            if j == k or other is None or getattr(equations[j], "given", False) or \
                    any(_has_derivative(p) for p in other[1]):
                continue
            found = []
            for p in other[1][1:]:
                _find(p, target, found)
            if found:
                out[k] = (tree[1][0], tree[1][1])
                break
    return out


def _given_result(k, eq, errors, named, given_why, forward, model):
    """A given equation is reported only when it cannot serve: unreadable, not a forward equation, ill-typed."""
    where = "the given equation (% symlstm: given)"
    if k in errors:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=f"{where} cannot be read: "
                                                                              f"{errors[k].reason}")
    if model is None:
        return None
    if k in named:
        if k in given_why:
            return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=f"{where}: {given_why[k]}")
        return None
    if k not in forward:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why=f"{where} is not a forward equation (a name on the left, no derivative) or defines "
                             "a name twice")
    d = forward[k]
    if d.row in model.errors:
        unread = d.row in model.unread
        return RowResult(eq.line, eq.column, eq.text, "unreadable" if unread else "fail", None if unread else False,
                         "forward", why=f"{where}: {model.errors[d.row]}")
    return None


def _implied_target(rows, forward, ev, lo, hi):
    r"""A loss written only through its gradient, ``\delta h_t \mathrel{+}= target_t - h_t`` (or h_t - target_t):
    a name no forward row defines, beside the quantity whose gradient the row states, is that quantity's
    target and the loss is E = 1/2 \sum_t ||target_t - h_t||^2. Read when the derivation defines no loss of
    its own and one row alone implies one; the sign (\delta = -dE/d\cdot for target - h) holds in every
    row, which are linear in the gradients."""
    model, found = ev.model, []
    if model.loss_def is not None:
        return
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or len(tree[1]) != 2 or tree[2][0] not in ("=", "+="):
            continue
        lhs, rhs = tree[1]
        target = _gradient_target(lhs, ev)
        if target is None or target[0] not in ev.vocab.quantities or lhs[0] != "pre" or rhs[0] != "add" or \
                len(rhs[1]) != 2 or rhs[1][0][0] != "+" or rhs[1][1][0] != "-":
            continue
        a, b = rhs[1][0][1], rhs[1][1][1]
        if a[0] != "sym" or b[0] != "sym":
            continue
        try:
            ra, rb, rq = resolve(a, ev.vocab), resolve(b, ev.vocab), resolve(lhs[3], ev.vocab)
        except NotReadable:
            continue
        for other, mine, sign in ((ra, rb, -1), (rb, ra, 1)):
            if mine.key == target[0] and mine.time == rq.time and other.time == rq.time and other.time is not None \
                    and not ev.vocab.known(other.key) and other.key not in LOSS_NAMES and not other.word \
                    and not other.transpose and other.power is None and mine.power is None and not mine.transpose:
                found.append((target[0], other.key, sign))
    if len({f for f in found}) != 1:
        return
    q, name, sign = found[0]
    base = model.base.values.get((q, 1)) if model.base else None
    if base is None:
        return
    ev.vocab.inputs.add(name)
    model.input_shapes[name] = base.shape
    model.outputs = [(q, ("squared", name, sign))]
    model._grad_cache.clear()
    model.base = model.run()


def _derived(rows, forward, ev, lo, hi):
    r"""Names a row defines through derivatives (a_t = \partial h_t/\partial w_h, d2l): usable by the other rows."""
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or len(tree[1]) < 2 or tree[2][0] != "=" or tree[1][0][0] != "sym":
            continue
        try:
            r = resolve(tree[1][0], ev.vocab)
        except NotReadable:
            continue
        key = r.key
        if gradient_split(key) and r.primes and not ev.vocab.known(key[1:] + "'" * r.primes):
            # dh' = dX'_{[:, :H]} (hipsternet): a gradient of an unnamed intermediate, named by this row
            ev.derived.setdefault(key + "'" * r.primes, tree[1][1])
            continue
        if ev.vocab.known(key) or key in LOSS_NAMES or gradient_split(key) or r.transpose or r.power is not None \
                or key in ev.derived or not _has_derivative(tree[1][-1]):
            continue
        ev.derived[key] = tree[1][-1]


def _several_bodies(tree) -> bool:
    """A forward row whose chain holds more than one expression (not just names or stacks of names)."""
    from .authorcell import _is_stack
    return tree is not None and sum(p[0] != "sym" and not _is_stack(p) for p in tree[1][1:]) > 1


def _continuations(rows, equations, errors=None):
    """A row written ``= ...`` continues the row above: its left side is that row's."""
    out = list(rows)
    for k, eq in enumerate(equations):
        if rows[k] is None and eq.text.lstrip().startswith("=") and k > 0 and out[k - 1] is not None:
            try:
                tail = parse_row("X" + eq.text)
            except LatexError as e:
                if errors is not None and k in errors and e.line is not None:     # the reason past the '='
                    errors[k] = LatexError(e.reason, line=e.line, column=max(1, (e.column or 1) - (e.line == 1)),
                                           text=eq.text)
                continue
            out[k] = ("row", [out[k - 1][1][0]] + tail[1][1:], tail[2])
    return out


def _prose(tree, vocab) -> str:
    """Words of prose in a row (``sum of d_c along axis``): two or more unknown words side by side."""
    for n in _walk(tree):
        if n[0] == "mul":
            words = [x[1] for x in n[1] if x[0] == "sym" and x[3] is None and x[4] is None and x[2] is None
                     and len(x[1]) > 1 and x[1].isalpha() and x[1].islower() and not vocab.known(x[1])
                     and x[1] not in FUNCTION_WORDS and x[1] not in vocab.functions and gradient_split(x[1]) is None]
            if len(words) >= 2:
                return " ".join(words)
    return ""


def _judge(tree, eq, ev: Evaluator, strict, seconds=None) -> RowResult:
    ev.slices = dict(getattr(eq, "slices", ()) or ())
    extra = _free_times(tree, ev)
    saved = ev.vocab.bound
    ev.vocab.bound = saved + tuple(extra)
    ev.extra_times = extra
    try:
        written, tree = tree, _total_on_left(tree, ev)
        theta = _any_parameter(tree, ev)
        if theta is not None:
            return _every_parameter(theta, tree, eq, ev, strict, READING_SECONDS if seconds is None else seconds)
        r = _judge_row(tree, eq, ev, strict, READING_SECONDS if seconds is None else seconds)
        if tree is not written:
            r.why = "; ".join(x for x in (r.why, "the loss of step t on the left is the total loss: the right side "
                                                "sums it over t") if x)
        return r
    finally:
        ev.slices = {}
        ev.vocab.bound = saved
        ev.extra_times = ()


def _total_on_left(tree, ev):
    r"""\frac{\partial J_t}{\partial W} = \sum_t \frac{\partial J_t}{\partial W}: the right side sums the
    losses of the steps over t, so the J_t on the left (t free there, bound on the right) is the total loss J."""
    parts = tree[1]
    lhs = parts[0]
    if len(parts) < 2 or lhs[0] != "frac" or lhs[1][0] != "pre" or lhs[1][3][0] != "sym":
        return tree
    top = lhs[1][3]
    tv = ev.vocab.time_var
    if top[1] not in LOSS_NAMES or top[3] != [("sym", tv, None, None, None, 0)] or top[4] is not None:
        return tree
    if not any(p[0] == "big" and p[1] == "sum" and p[2] and p[2][0] == ("sym", tv, None, None, None, 0)
               and p[3] is None and any(n == top for n in _walk(p[4])) for p in parts[1:]):
        return tree
    total = ("frac", ("pre", lhs[1][1], lhs[1][2], ("sym", top[1], top[2], None, None, top[5])) + lhs[1][4:]) \
        + lhs[2:]
    return (tree[0], [total] + list(parts[1:]), tree[2])


def _any_parameter(tree, ev):
    r"""The key of \theta in \frac{\partial L}{\partial \theta} when it stands for any parameter: a name of
    ANY_PARAMETER_NAMES the derivation never defines, written only as the variable of derivatives; else None."""
    dens, keys = set(), set()
    for n in _walk(tree):
        if n[0] == "frac" and n[2][0] == "pre" and n[2][1] in ("partial", "d") and n[2][3][0] == "sym":
            dens.add(id(n[2][3]))
    for n in _walk(tree):
        if n[0] != "sym" or n[1] not in ANY_PARAMETER_NAMES:
            continue
        try:
            key = resolve(n, ev.vocab).key
        except NotReadable:
            return None
        if ev.vocab.known(key) or key in ev.vocab.aliases or key in ev.derived or id(n) not in dens:
            return None
        keys.add(key)
    return next(iter(keys)) if len(keys) == 1 else None


def _every_parameter(theta, tree, eq, ev, strict, seconds):
    r"""A row in \theta (any parameter) read for each parameter of the cell: it holds when it holds for all."""
    params = sorted(ev.model.params)
    name = key_latex(theta)
    if not params:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why=f"{name} stands for any parameter, but the cell has none")
    results = []
    for p in params:
        ev.vocab.aliases[theta] = p
        try:
            results.append((p, _judge_row(tree, eq, ev, strict, seconds)))
        finally:
            ev.vocab.aliases.pop(theta, None)
    for status in ("fail", "unreadable"):
        for p, r in results:
            if r.status == status:
                r.why = f"{name} = {key_latex(p)} ({name}: any parameter, the row must hold for each): {r.why}"
                return r
    r = results[0][1]
    r.reading = "step" if any(x.reading == "step" for _, x in results) else r.reading
    r.why = f"{name} read as each parameter ({', '.join(key_latex(p) for p, _ in results)})" + \
        ("; " + r.why if r.why else "")
    return r


def _free_times(tree, ev):
    r"""A second time letter of a row (\partial h_t / \partial h_k): the row is checked for every k."""
    out = []
    summed = {it[1][1] if it[0] == "eq" else it[1] for n in _walk(tree) if n[0] == "big" and n[2]
              for it in n[2][:1] if (it[1] if it[0] == "eq" else it)[0] == "sym"}
    for n in _walk(tree):
        if n[0] == "sym" and n[4] and not out:
            out += [x for x in _free_sup_time(n, ev) if x not in summed]
        if n[0] != "sym" or not n[3]:
            continue
        if n[4] and any(a[0] in ("time", "time?") for a in _sup_atoms(n[4], ev.vocab)):
            continue            # s_{a}^{(k-1)}: a time above, so the subscript is a label (a dummy copy), not a step
        for it in n[3]:
            if it[0] == "add" and it[1][0] == ("+", ("sym", ev.vocab.time_var, None, None, None, 0)):
                # h_{t-z-1} (h(t-z-1)): a step z back, z a second time letter
                out += [t[1] for _, t in it[1][1:] if t[0] == "sym" and len(t[1]) == 1 and t[1].islower() and
                        t[2:] == (None, None, None, 0) and t[1] != ev.vocab.time_var and
                        t[1] not in ev.vocab.bound and t[1] not in out]
                continue
            if it[0] == "sym" and len(it[1]) == 1 and it[1].islower() and it[3] is None and it[4] is None and \
                    it[1] != ev.vocab.time_var and it[1] not in ev.vocab.bound and it[1] not in out:
                base = ("sym", n[1], n[2], None, n[4], n[5])
                try:
                    k0 = resolve(n, ev.vocab).key
                    kb = resolve(base, ev.vocab).key
                except NotReadable:
                    continue
                if not ev.vocab.known(k0) and kb in ev.vocab.quantities:
                    out.append(it[1])
    _sup_offsets(tree, ev, out[:1])
    return out[:1]


def _sup_offsets(tree, ev, letters):
    """ev.sup_times: letter -> the offsets it is written at as a superscript (s^{(k-1)}: -1)."""
    ev.sup_times = {}
    for n in _walk(tree) if letters else ():
        if n[0] == "sym" and n[4] and _free_sup_time(n, ev) == letters:
            inner = n[4][0][2] if n[4][0][0] == "paren" else n[4][0]
            off = 0 if inner[0] == "sym" else int(inner[1][1][1][1]) * (1 if inner[1][1][0] == "+" else -1)
            ev.sup_times.setdefault(letters[0], []).append(off)


def _free_sup_time(n, ev):
    r"""``s^{(k)}``, ``s_{[m]}^{(k)}`` in a derivation whose time letter t is written ^{(t)}: k a second time
    letter of the row when the name without ^{(k)} is a quantity of the cell. [] for anything else."""
    atoms = _sup_atoms(n[4], ev.vocab)
    letters = [a[1] for a in atoms if a[0] == "block" and len(a[1]) == 1 and a[1].islower()
               and a[1] != ev.vocab.time_var and a[1] not in ev.vocab.bound]
    if not letters and len(n[4]) == 1 and n[4][0][0] == "paren" and n[4][0][2][0] == "add":
        terms = n[4][0][2][1]          # ^{(k-1)}: a step before k
        if len(terms) == 2 and terms[0][0] == "+" and terms[1][1][0] == "num" and terms[0][1][0] == "sym" and \
                terms[0][1][2:] == (None, None, None, 0) and len(terms[0][1][1]) == 1 and terms[0][1][1].islower() \
                and terms[0][1][1] != ev.vocab.time_var and terms[0][1][1] not in ev.vocab.bound:
            letters = [terms[0][1][1]]
    if len(letters) != 1 or len(atoms) != 1:
        return []
    base = ("sym", n[1], n[2], n[3], None, n[5])
    try:
        kb = resolve(base, ev.vocab).key
    except NotReadable:
        return []
    return letters if kb in ev.vocab.quantities or _dummy_copy(kb, ev.vocab) else []


#: A subscript listing three or more one-letter names, W_{i,f,o,c}: the row stands for one row per name.
_GATE_LIST = re.compile(r"[A-Za-z]_\{\s*[a-zA-Z]'?\s*(?:,\s*[a-zA-Z]'?\s*){2,}\}")


def _judge_row(tree, eq, ev: Evaluator, strict, seconds=READING_SECONDS) -> RowResult:
    parts, rels = tree[1], tree[2]
    model = ev.model
    prose = _prose(tree, ev.vocab)
    if prose:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=f"words, not symbols: {prose}")
    if any(r not in ("=", "+=", "-=", "<=", ">=", "<", ">") for r in rels):
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why="a relation other than '='")
    if len(parts) == 2 and parts[1] == ("num", "0") and rels == ["="] and parts[0][0] == "pre":
        start = _accumulation_start(parts[0], ev)
        if start:
            return RowResult(eq.line, eq.column, eq.text, "pass", True, "step", why=start)
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why="a gradient set to zero is the start of an accumulation (what reaches it from beyond "
                             "the last step), not read")
    if not getattr(ev, "in_gate_list", False):
        listed = expand_gates(tree, lambda name, primes: _is_gate(name, primes, ev))
        if isinstance(listed, tuple):
            return _judge_gates(listed, eq, ev, strict, seconds)
        if isinstance(listed, str):
            return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=f"one row for several gates: {listed}")
    several = None if getattr(ev, "in_gate_list", False) else _GATE_LIST.search(eq.text or "")
    if several:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why=f"one row for several gates at once ({several.group(0)}) is not read: write one row per gate")
    # discover the gradient symbols and their readings
    seen = {}
    try:
        for tau in range(1, model.T + 1):
            extra = {ev.extra_times[0]: max(0, tau - 1)} if getattr(ev, "extra_times", ()) else None
            try:
                _eval_parts(parts, rels, ev, tau, {}, seen, extra)
            except IllTyped:
                if not extra:
                    raise
                continue        # s^{(k-1)} at k = 0: a later step still reads every name of the row
    except NotReadable as e:
        bad = _ill_typed_link(parts, rels, ev)
        if bad:             # a link ill-typed as written: no reading of the unreadable one makes the row hold
            return RowResult(eq.line, eq.column, eq.text, "fail", False, why=bad)
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=str(e))
    except IllTyped:
        pass
    except (FloatingPointError, ZeroDivisionError, OverflowError) as e:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=str(e))
    grads = list(seen)
    fixed = getattr(ev, "file_readings", None)
    choices = [_as_read_before(g, seen[g], fixed) for g in grads]
    if strict:
        choices = [[c for c in cs if not _is_step(c)] or cs[:1] for cs in choices]
    combos = sorted(itertools.product(*choices), key=lambda c: (sum(_is_step(x) for x in c),
                                                                 sum(x[-1] != "total" for x in c)))
    combos = [c for c in combos if not _conflates(dict(zip(grads, c)))][:MAX_READINGS]
    first_fail = None
    started = time.perf_counter()
    for combo in combos:
        if time.perf_counter() - started > seconds:
            break
        readings = dict(zip(grads, combo))
        verdict = _check(parts, rels, ev, readings)
        if verdict is True:
            _remember(readings, fixed)
            step = any(_is_step(x) for x in combo)
            return RowResult(eq.line, eq.column, eq.text, "pass", True, "step" if step else "total",
                             why=_reading_text(readings))
        if first_fail is None:
            first_fail = verdict
    kind, info = first_fail if first_fail else ("fail", {})
    if kind == "unreadable":
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=info.get("why", ""))
    r = RowResult(eq.line, eq.column, eq.text, "fail", False, why=info.get("why", ""))
    if "left" in info:
        r.step, r.correct, r.claimed = info["tau"], info["left"], info["right"]
        if np.shape(info["left"]) == np.shape(info["right"]):
            r.difference = np.asarray(info["right"]) - np.asarray(info["left"])
    r.correct_latex = _correct_side(parts[0], ev)
    return r


def _name_of(g):
    """A gradient symbol as written, wherever it stands (left or right side); None for a name the file may read
    differently row by row: one with no word or label (dh, \\partial C/\\partial h_l^{(t)}: the author may write a
    total's parts under its own name), a Jacobian or a function's derivative (not a gradient of the loss)."""
    if not (g.word or g.named) or g.style in ("jacobian", "function"):
        return None
    return (g.key, g.time_text, g.word, g.named, g.style)


def _as_read_before(g, cands, fixed):
    r"""The readings tried for a gradient symbol on the right side: the one the file has read it under so far
    (its row on the left, else its first use that held), when that is a candidate. ``dh_{old2}`` defined as one
    path into h_{t-1} is that path in ``dh_{next} = dh_{old1} + dh_{old2}``; ``dc_{next}`` read as what reaches
    c_t through one step is not the total in a later row. A left side is read afresh (a name redefined)."""
    if fixed is None or g.lhs:
        return cands
    name = _name_of(g)
    r = fixed.get(name) if name is not None else None
    return [r] if r is not None and r in cands else cands


def _remember(readings, fixed):
    """Record the readings of a row that holds (:func:`_as_read_before`): a left side's reading replaces the one
    recorded, a right side's is kept when the name has none yet."""
    if fixed is None:
        return
    for g, r in readings.items():
        name = _name_of(g)
        if name is None:
            continue
        if g.lhs:
            fixed[name] = r
        else:
            fixed.setdefault(name, r)


def _accumulation_start(lhs, ev) -> str:
    r"""``\delta h_T = 0`` where a row of the derivation accumulates \delta h_t (``+=``): the accumulator's
    start, what reaches h_T from beyond the last step T, which is zero. The reason, or "" for any other row."""
    target = _gradient_target(lhs, ev)
    if target is None or target[0] not in getattr(ev, "accumulated_anywhere", ()) or lhs[3][0] != "sym":
        return ""
    try:
        ref = resolve(lhs[3], ev.vocab)
    except NotReadable:
        return ""
    if ref.time != ("sym", "T", None, None, None, 0) or ref.word or ref.transpose or ref.power is not None:
        return ""
    name = key_latex(target[0])
    return (f"the start of the accumulation of the gradient of {name} (a row adds to it with +=): what reaches "
            f"{name}_T from beyond the last step T, zero")


def _is_gate(name, primes, ev) -> bool:
    """A listed subscript (W_{i,f,o,c}) that names a quantity of the cell (i_t, c'_t)."""
    try:
        key = resolve(("sym", name, None, None, None, primes or 0), ev.vocab).key
    except NotReadable:
        return False
    return key in ev.vocab.quantities or ("hat:" + key) in ev.vocab.quantities


def _judge_gates(listed, eq, ev, strict, seconds) -> RowResult:
    """A row written for several gates (:mod:`.gatelists`): it holds when the row of every gate holds; the
    first gate whose row fails (else is unreadable) is named."""
    labels, trees = listed
    ev.in_gate_list = True
    try:
        results = [_judge_row(t, eq, ev, strict, seconds) for t in trees]
    finally:
        ev.in_gate_list = False
    which = "gate" if len(trees) > 1 else "gates"
    for status in ("fail", "unreadable"):
        for label, r in zip(labels, results):
            if r.status == status:
                r.why = f"one row for several gates ({', '.join(labels)}), the row of {which} {label}: {r.why}".rstrip(": ")
                return r
    r = results[0]
    r.reading = "step" if any(x.reading == "step" for x in results) else r.reading
    whys = sorted({x.why for x in results if x.why})
    r.why = f"one row for several gates, read as one row per gate ({', '.join(labels)})" + \
        ("; " + "; ".join(whys) if whys else "")
    return r


def _correct_side(part, ev):
    """The correct right side in the author's notation (a gradient of a quantity: through its readers)."""
    from .correct import correct_latex
    target = _gradient_target(part, ev)
    if target is None:
        return None
    key, style = target
    if key in ev.vocab.params and key not in ev.vocab.quantities:
        from .correct import param_latex
        return param_latex(ev, key, style=style)
    if key not in ev.vocab.quantities:
        return None
    key = ev.vocab.aliases.get(key, key)
    if style == "d" and key in ev.vocab.preacts:        # dh_o, d\Gamma_o: the pre-activation's gradient
        key = ev.vocab.preacts[key][1]
    product = getattr(ev, "product_sign", r"\odot")
    return correct_latex(ev, key, style=style, product=product)


def _gradient_target(part, ev):
    r"""(key, style) of the gradient a left side names: \delta h_t, dh_t, \frac{\partial L}{\partial h_t}, \nabla_h L."""
    try:
        if part[0] == "pre" and part[1] in ("delta", "d") and part[3][0] == "sym":
            return resolve(part[3], ev.vocab).key, "delta" if part[1] == "delta" else "d"
        if part[0] == "pre" and part[1] == "nabla" and part[2] and part[2][0][0] == "sym":
            return resolve(part[2][0], ev.vocab).key, "nabla"
        if part[0] == "frac" and part[2][0] == "pre" and part[2][3][0] == "sym" and _loss_frac(part, ev):
            return resolve(part[2][3], ev.vocab).key, "frac"
        if part[0] == "sym" and gradient_split(part[1]) is not None:
            g = gradient_split(part[1])
            return resolve(("sym", g[1], part[2], part[3], part[4], part[5]), ev.vocab).key, "d"
    except NotReadable:
        return None
    return None


#: Readings that are one step's part of a total (reported as "step"; --strict refuses them).
STEP_READINGS = ("at", "next", "back", "same", "path", "direct")


def _conflates(readings) -> bool:
    """Readings that make the left side's gradient and a differently written one on the right the same value:
    ``dh = dh_{next}`` (code, step implicit) with both read as the total, or both as what step t+1 sends back;
    a row would say X = X, so such readings are not tried."""
    def offset(g):
        if g.word:
            return TIME_WORDS.get(g.word)
        return 0 if not g.time_text else None
    left = [g for g in readings if g.lhs]
    return any(g0.key == g1.key and readings[g0] == readings[g1] and g0.word != g1.word and not g0.named and
               not g1.named and offset(g0) is not None and offset(g0) == offset(g1)
               for g0 in left for g1 in readings if not g1.lhs)


def _is_step(reading) -> bool:
    return reading[-1] in STEP_READINGS or reading[0] in STEP_READINGS


def ev_time_var(readings) -> str:
    return "t"


def _reading_text(readings):
    out = []
    for g, r in readings.items():
        body = key_latex(g.key)
        suffix = g.word or (g.time_text if g.time_text not in ("", ev_time_var(readings)) else "")
        name = "d" + (f"{{{body}}}_{{{suffix}}}" if suffix and "_" in body else f"{body}_{{{suffix}}}" if suffix
                      else body)
        if r[-1] == "at":
            out.append(f"{name}: step t's contribution")
        elif r[-1] == "back" and not g.word:
            out.append(f"{name}: what step t sends back to {body} at t-1 (what reaches it through one step)")
        elif r[-1] in ("next", "back"):
            out.append(f"{name}: what reaches it through one step")
        elif r[-1] == "head" and g.lhs:
            out.append(f"{name}: the increment is its loss term (what reaches it from the loss directly)")
        elif r[-1] == "same":
            out.append(f"{name}: what reaches it within its step")
        elif r[0] == "path":
            out.append(f"{name}: the gradient through some of its uses")
        if r[0] == "pre":
            out.append(f"{name}: the gradient of its pre-activation")
        if g.style == "function" and r[0] == "total":
            out.append("a derivative of a function's value through every path")
        if g.style == "bar" and r[0] == "adjoint":
            out.append(r"\bar{q}: the adjoint dL/dq")
        if g.style == "jacobian" and r[0] == "direct":
            out.append("a Jacobian by a weight as the direct dependence at its step")
    return "; ".join(out)


def _eval_parts(parts, rels, ev, tau, readings, seen, extra=None, only=None):
    ev.cur_tau = tau
    ev.accumulating = bool(rels) and rels[0] in ("+=", "-=")
    ev.sides = {id(p) for p in parts}      # a whole side ([a, b]^T: a column written as a row)
    vals = []
    env = ev.env(tau)
    env.update(extra or {})
    for k, p in enumerate(parts):
        if only is not None and k not in only:
            continue
        ctx = Ctx(tau, ev.model.base, None, "", dict(env), readings=readings, seen=seen, lhs=(k == 0))
        if rels and rels[0] in ("+=", "-=") and k == 0:
            ctx.lhs = True
        vals.append(ev.value(p, ctx))
    return vals


#: What an IllTyped says of a time outside the steps the run computes (a step skipped, not a misuse of shapes).
_RUN_EDGE = ("outside the run", "step 0", "not computed yet", "at step -")


def _points(ev):
    """The steps (and the values of a step letter written as a superscript) a row is checked at."""
    model = ev.model
    points = [(tau, {}) for tau in range(model.first_step, model.T + 1)]
    if getattr(ev, "extra_times", ()):
        letter = ev.extra_times[0]
        low = 0 if letter not in getattr(ev, "sup_times", ()) else 1 - min(ev.sup_times[letter])
        # a step k written as a superscript, s^{(k-1)}: only the steps the run computes (the initial states
        # before step 1 are given, no forward row relates them)
        points = [(tau, {letter: k}) for tau in range(1, model.T + 1) for k in range(max(0, low), tau + 1)]
    return points


def _ill_typed_link(parts, rels, ev):
    """In a row one of whose links cannot be read: the first side whose written products and sums have shapes
    that do not fit, or whose size is not the left side's, under every reading of its gradient symbols
    ("link k: ..."; "the left side: ..."), else "". A name never defined (Undefined) or a time outside the run
    is not ill-typed; a side with a part it cannot read is not either (that part might be what makes it fit)."""
    equal = all(r in ("=", "+=", "-=") for r in rels)
    for k in range(len(parts)):
        why = _ill_typed_side(parts, rels, ev, (k,))
        if not why and k and equal:
            why = _ill_typed_side(parts, rels, ev, (0, k))
        if why:
            return f"link {k}: {why}" if k else f"the left side: {why}"
    return ""


def _ill_typed_side(parts, rels, ev, sides):
    """The reason side ``sides[-1]`` is ill-typed (against the left side ``0`` when ``sides`` holds both) under
    every reading of their gradient symbols at some point of the run; "" when one reading fits."""
    points = _points(ev)
    seen = {}
    for tau, extra in points:
        try:
            _eval_parts(parts, rels, ev, tau, {}, seen, extra, only=sides)
        except (IllTyped, NotReadable, LatexError, ValueError, ArithmeticError, IndexError, KeyError,
                TypeError):
            pass
    grads = list(seen)
    combos = list(itertools.islice(itertools.product(*[seen[g] for g in grads]), MAX_READINGS + 1))
    if not combos or len(combos) > MAX_READINGS:
        return ""
    why = None
    for combo in combos:
        msg = None
        for tau, extra in points:
            try:
                vals = _eval_parts(parts, rels, ev, tau, dict(zip(grads, combo)), {}, extra, only=sides)
            except Undefined:
                break
            except NotReadable:
                break
            except IllTyped as e:
                if any(s in str(e) for s in _RUN_EDGE):
                    continue
                msg = str(e)
                break
            except (LatexError, ValueError, ArithmeticError, IndexError, KeyError, TypeError):
                break
            if len(vals) == 2 and all(isinstance(v, np.ndarray) and v.dtype != object for v in vals):
                a, b = vals
                if a.size != b.size and not _same(a, b)[0] and _block_of(parts[0], a, b, ev, tau) is None:
                    msg = (f"the left side is {'x'.join(map(str, a.shape))} but this side is "
                           f"{'x'.join(map(str, b.shape))}")
                    break
        if msg is None:
            return ""
        why = why or msg
    return why or ""


def _check(parts, rels, ev, readings):
    checked = 0
    nonzero = not any(r[-1] != "total" for r in readings.values())
    points = _points(ev)
    for tau, extra in points:
        try:
            vals = _eval_parts(parts, rels, ev, tau, readings, {}, extra)
        except IllTyped as e:
            msg = str(e)
            if any(s in msg for s in _RUN_EDGE):
                continue
            if isinstance(e, Undefined) and not ev.vocab.family_known(e.key, written=False) and \
                    not any(str(d).partition("_")[0] == e.key.partition("_")[0] for d in ev.derived):
                return ("unreadable", {"why": msg})     # (e_0 beside e_h, e_o that rows define: a misuse, fails)
            if isinstance(e, Undefined) and _dummy_copy(e.key, ev.vocab):
                return ("unreadable", {"why": f"{msg}: {key_latex(e.key.partition('_')[0])} is never labelled in "
                                               f"the forward rows; a labelled copy (a dummy variable named in "
                                               f"prose) is not read"})
            return ("fail", {"why": msg})
        except NotReadable as e:
            return ("fail", {"why": str(e)})
        nonzero = nonzero or bool(np.any(np.abs(vals[0]) > 1e-12)) if isinstance(vals[0], np.ndarray) else nonzero
        for k, rel in enumerate(rels):
            a, b = vals[0] if rel in ("+=", "-=") else vals[k], vals[k + 1]
            if rel == "-=":
                b = -b
            if np.shape(a) != np.shape(b) and k == 0 and not ev.slices:
                b = _block_of(parts[0], a, b, ev, tau) if _block_of(parts[0], a, b, ev, tau) is not None else b
            if k == 0 and getattr(ev, "numerator_chains", False) and _loss_frac(parts[0], ev) and \
                    isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.ndim == 2 and a.shape[1] == 1 \
                    and a.shape[0] > 1 and b.shape == (1, a.shape[0]):
                b = b.T         # \frac{\partial J}{\partial h} = (p - y) W: the Jacobian of J, a row, as chains write it
            ok, why = _bound(a, b, rel) if rel in ("<=", ">=", "<", ">") else _same(a, b)
            if not ok:
                return ("fail", {"why": why, "tau": tau, "left": a, "right": b})
        checked += 1
    if checked == 0:
        return ("fail", {"why": "no step of the run gives every time in this equation a value"})
    if not nonzero:
        return ("fail", {"why": "both sides vanish under this reading"})
    return True


def _dummy_copy(key, vocab) -> bool:
    r"""s_a, s_b beside a quantity s whose family has no labelled member: a copy of s the text names in prose
    (the dummy variables of BPTT), not a misuse of a label the forward rows give (W_z for W_f)."""
    base, _, label = key.partition("_")
    if not label or base not in vocab.quantities:
        return False
    names = vocab.quantities | vocab.static | vocab.params | vocab.inputs | vocab.targets | set(vocab.aliases)
    return not any(str(n).partition("_")[0] == base and str(n).partition("_")[2] for n in names)


def _loss_frac(part, ev) -> bool:
    r"""``\frac{\partial J}{\partial q}``: a derivative of the loss written as a fraction (a Jacobian)."""
    if part[0] != "frac" or part[1][0] != "pre" or part[1][3][0] != "sym":
        return False
    try:
        return resolve(part[1][3], ev.vocab).key in LOSS_NAMES
    except NotReadable:
        return False


def numerator_chains(rows, vocab) -> bool:
    r"""Chains of Jacobians written in numerator order from the loss (\frac{\partial J}{\partial p}
    \frac{\partial p}{\partial y} ...): the derivation's derivatives are Jacobians, so the derivative of the
    loss by a vector is a row."""
    def key(node):
        if node[0] == "pre" and node[3][0] == "sym":
            try:
                return resolve(node[3], vocab).key
            except NotReadable:
                return None
        return None

    for tree in rows:
        if tree is None:
            continue
        for n in _walk(tree):
            if n[0] != "mul":
                continue
            fr = [x for x in n[1] if x[0] == "frac"]
            for a, b in zip(fr, fr[1:]):
                top = key(a[1])
                if top in LOSS_NAMES and key(a[2]) is not None and key(a[2]) == key(b[1]):
                    return True
    return False


def _bound(a, b, rel):
    """A bound ``a \\leq b`` (element-wise on real parts, within the tolerance) at one point."""
    a, b = np.real(np.asarray(a)), np.real(np.asarray(b))
    if a.size != 1 and b.size != 1 and a.shape != b.shape:
        return False, f"the left side is {'x'.join(map(str, a.shape))} but the right side {'x'.join(map(str, b.shape))}"
    lo, hi = (a, b) if rel in ("<=", "<") else (b, a)
    slack = TOLERANCE * (1.0 + np.abs(hi))
    ok = bool(np.all(lo <= hi + slack))
    return ok, "" if ok else f"the bound does not hold (left side {np.max(a):.4g}, right side {np.min(b):.4g})"


def _block_of(part, a, b, ev, tau):
    r"""W_f^T d\gamma_f for da_{prev} when W_f acts on [a_{prev}, x_t]: the block of the left side's quantity."""
    if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and 1 in a.shape and 1 in b.shape
            and b.size > a.size):
        return None
    key = _target_key(part, ev)
    if key is None:
        return None
    for d in ev.model.defs:
        for n in _walk(d.node):
            if n[0] not in ("list", "matrix"):
                continue
            items = n[2] if n[0] == "list" else [r[0] for r in n[1] if len(r) == 1]
            sizes, hit = [], None
            for it in items:
                try:
                    ctx = Ctx(tau, ev.model.base, None, d.keys[0], ev.env(tau))
                    sizes.append(ev.value(it, ctx).size)
                except (IllTyped, NotReadable):
                    sizes = None
                    break
                if it[0] == "sym" and resolve(it, ev.vocab).key == key:
                    hit = len(sizes) - 1
            if sizes is None or hit is None or sum(sizes) != b.size or sizes[hit] != a.size:
                continue
            off = sum(sizes[:hit])
            part_b = b.reshape(-1)[off:off + a.size]
            return part_b.reshape(a.shape)
    return None


def _target_key(part, ev):
    r"""The quantity a gradient on the left names (da_{prev} -> a, \delta h_t -> h)."""
    if part[0] == "pre" and part[3][0] == "sym":
        return resolve(part[3], ev.vocab).key
    if part[0] == "sym":
        g = gradient_split(part[1])
        if g is not None:
            key = resolve(("sym", g[1], part[2], part[3], part[4], part[5]), ev.vocab).key
            return ev.vocab.aliases.get(key, key)
    return None


def _same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    from .numprod import _diagonal
    for d, v in ((a, b), (b, a)):           # a diagonal Jacobian written as its diagonal (1 - h_t^2)
        if d.ndim == 2 and v.ndim == 2 and _diagonal(d) and 1 in v.shape and v.size == d.shape[0]:
            a, b = (np.diag(d).reshape(v.shape), v) if d is a else (v, np.diag(d).reshape(v.shape))
            break
    if a.ndim == 3 and b.ndim == 2 and 1 in b.shape and b.size == a.shape[2] and a.shape[0] == a.shape[1]:
        # \frac{\partial z_t}{\partial W} = x_t: the shorthand for dz_{t,i}/dW_{ij} = x_{t,j} (and 0 off row i)
        b = np.einsum("ik,j->ikj", np.eye(a.shape[0]), b.reshape(-1))
    for m, c in ((a, b), (b, a)):            # an empty product (1) and the identity
        if c.shape == (1, 1) and m.ndim == 2 and _diagonal(m) and np.allclose(np.diag(m), c[0, 0]):
            return True, ""
    if a.shape != b.shape:
        if a.size == b.size and 1 in a.shape and 1 in b.shape:
            return False, f"the left side is {a.shape[0]}x{a.shape[1]} but the right side {b.shape[0]}x{b.shape[1]}"
        return False, f"the left side is {a.shape[0]}x{a.shape[1]} but the right side {b.shape[0]}x{b.shape[1]}"
    ar, br = np.real(a), np.real(b)
    if not (np.all(np.isfinite(ar)) and np.all(np.isfinite(br))):
        return False, "a side is not finite"
    err = float(np.max(np.abs(ar - br), initial=0.0)) / max(1.0, float(np.max(np.abs(ar), initial=0.0)))
    return err <= TOLERANCE, f"the sides differ (relative error {err:.3g})"


# ============================================================================ a whole file
@dataclass
class DerivationReport:
    """Every equation of a derivation read in its own vocabulary, with a verdict each."""

    path: str | None
    results: list = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(r.status == "pass" for r in self.results)

    @property
    def failed(self) -> int:
        return sum(r.status == "fail" for r in self.results)

    @property
    def unreadable(self) -> int:
        return sum(r.status == "unreadable" for r in self.results)

    @property
    def ok(self) -> bool:
        return bool(self.results) and self.failed == 0 and self.unreadable == 0

    def exit_status(self) -> int:
        """0 every equation holds, 1 one fails or cannot be read, 2 none could be read."""
        if not self.results or self.unreadable == len(self.results):
            return 2
        return 0 if self.ok else 1

    def to_dict(self) -> dict:
        return {"file": self.path, "summary": {"equations": len(self.results), "pass": self.passed,
                                               "fail": self.failed, "unreadable": self.unreadable},
                "results": [r.to_dict() for r in self.results]}


def verify_derivation(text: str, *, path=None, strict=False, seed=0, notation=None, timeout=None) -> DerivationReport:
    """Judge every equation of a LaTeX derivation in the author's own notation (no cell name needed)."""
    from .legend import read_legend
    from .texfile import read_tex
    tex = read_tex(text)
    legend = read_legend(tex.legend)
    equations = sorted(tex.equations + tex.given, key=lambda e: (e.line, e.column))    # given rows build the cell
    if notation is not None:
        from ..latex.notation import notation as _notation
        notation = _notation(notation)
    if timeout is not None and not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    return DerivationReport(None if path is None else str(path),
                            judge_rows(equations, strict=strict, seed=seed, notation=notation,
                                       seconds=READING_SECONDS if timeout is None else float(timeout),
                                       legend=legend))


__all__ += ["DerivationReport", "verify_derivation"]
