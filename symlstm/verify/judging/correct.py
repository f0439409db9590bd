r"""The correct right side of a gradient row, written in the author's notation, from the author's forward rows.

For a gradient of q at step t, every row that reads q contributes: an element-wise row
r = f(..., q, ...) gives ``dr \odot \partial f / \partial q`` (``sympy.diff`` of the row read element-wise),
a pre-activation z = ... + M q + ... gives ``M^\top dz`` (``dz M^\top`` in a row layout). Rows the rule
does not cover (blocks, concatenations, several names on the left) give no formula; the verdict
does not depend on this, it only explains a failure.
"""
from __future__ import annotations

import re

import sympy
from sympy.printing.latex import LatexPrinter

from ...cells.algebra import sigmoid
from ..text.names import NotReadable, key_latex, resolve
from ..text.trees import symbols

__all__ = ["correct_latex", "param_latex"]


class _Skip(Exception):
    pass


def correct_latex(ev, key: str, style: str = "d", product: str = r"\odot") -> str | None:
    r"""LaTeX of dL/d(key at t) through its readers, in the author's names; None when not covered.

    A pre-activation read only by its unit is written one step further (through the unit's readers):
    ``d\gamma_f = dc_t \odot c_{t-1} \odot \Gamma_f \odot (1 - \Gamma_f)`` rather than through ``d\Gamma_f``."""
    try:
        readers = [(d, shift) for d in ev.model.defs for shift in (0, 1) if _reads(ev, d, key, shift)]
        if any(d.block or len(d.keys) != 1 for d, _ in readers) or not readers:
            return None
        if len(readers) == 1 and readers[0][1] == 0 and ev.vocab.preacts.get(readers[0][0].keys[0], (0, 0))[1] == key:
            unit = readers[0][0].keys[0]
            inner = correct_latex(ev, unit, style, product)
            if inner is not None:
                own = _contribution(ev, readers[0][0], key, 0, style, product)
                head = _name(ev, unit, 0, style)
                if own.startswith(head + f" {product} "):
                    rest = own[len(head) + len(product) + 2:]
                    inner = inner if " + " not in inner else f"\\left({inner}\\right)"
                    return f"{inner} {product} {rest}"
        terms = [_contribution(ev, d, key, shift, style, product) for d, shift in readers]
        return " + ".join(_direct(ev, key) + terms)
    except (_Skip, NotReadable, KeyError, ValueError, TypeError):
        return None


def _reads(ev, d, key, shift=None) -> bool:
    for n in symbols(d.node):
        try:
            r = resolve(n, ev.vocab)
        except NotReadable:
            continue
        if r.key == key and (shift is None or _shift(r) == shift):
            return True
    return False


def _time_node(r):
    """The time script of ``r`` without its braces (``c^{<{t-1}>}``: t-1), or None."""
    time = r.time
    while time is not None and time[0] == "paren":
        time = time[2]
    return time


def _shift(r) -> int:
    if r.word in ("prev", "old"):
        return 1
    time = _time_node(r)
    if time is not None and time[0] == "add":
        t = time[1]
        if len(t) == 2 and t[1][1][0] == "num":
            k = int(t[1][1][1])
            return k if t[1][0] == "-" else -k
    return 0


def _time(k: int) -> str:
    return "t" if k == 0 else f"t{k:+d}"


def _timed(ev, key, k) -> str:
    r"""key at t + k in the author's time style (c_{t-1}, c^{\langle t-1 \rangle}, c^{(t-1)})."""
    name = _latex(ev, key)
    style = getattr(ev, "time_style", "sub")
    s = _time(k)
    if style == "angle":
        return f"{name}^{{\\langle {s} \\rangle}}"
    if style == "paren":
        return f"{name}^{{({s})}}"
    if style == "sup":
        return f"{name}^{{{s}}}"
    sub = re.fullmatch(r"(.*?)_(?:\{([^{}]+)\}|(\w))", name)
    if sub:             # \Gamma_{o,t+1}: the step joins the name's own subscript (a subscript on a group is unread)
        return f"{sub[1]}_{{{sub[2] or sub[3]},{s}}}"
    if "_" in name:
        return f"{{{name}}}_{{{s}}}"
    return f"{name}_{{{s}}}"


def _latex(ev, key) -> str:
    r"""A name as the author writes it; a pre-activation by the author's own name for it, else \bar{q}."""
    if key.startswith("pre:"):
        names = [a for a, k in ev.vocab.aliases.items() if k == key and not a.startswith("p:")]
        names.sort(key=lambda a: (not a.startswith("bar:"), a))
        if names:
            return key_latex(names[0])
        return f"\\bar{{{key_latex(key[4:])}}}"
    return key_latex(key)


def _direct(ev, key) -> list:
    r"""The loss's own term on ``key`` where the loss reads it directly (an output, or a quantity under the
    generic loss of a derivation that does not define it): ``\frac{\partial L_t}{\partial h_t}``."""
    model = ev.model
    outputs = {k for k, _ in getattr(model, "outputs", ())} | set(getattr(model, "extra_loss", ()) or ())
    return [rf"\frac{{\partial L_{{t}}}}{{\partial {_timed(ev, key, 0)}}}"] if key in outputs else []


def _name(ev, key, k, style=""):
    body = _timed(ev, key, k)
    if style == "d":
        return "d" + body
    if style == "frac":
        return f"\\frac{{\\partial L}}{{\\partial {body}}}"
    if style == "nabla":
        return f"\\nabla_{{{body}}} L"
    return f"\\delta {body}"


def _contribution(ev, d, key, shift, style, product, at=None):
    """The term of dL/dq_t that reaches it through the row ``d`` (read at step t + shift); ``at``: the step the
    row is written at when not t + shift (the row reading q at its own step, written at step t + at)."""
    at = shift if at is None else at
    r = d.keys[0]
    grad_r = _name(ev, r, at, style)
    node = d.node
    m = _matrix_operand(ev, node, key, shift)
    if m is not None:
        grad_r = _through_unit(ev, r, shift, style, product) or grad_r
        top = rf"{m}^{{\top}}"
        return f"{grad_r} {top}" if ev.model.layout == "row" else f"{top} {grad_r}"
    expr, target = _sympy(ev, node, key, shift, at)
    deriv = sympy.diff(expr, target)
    unit = ev.vocab.preacts.get(r)
    if unit is not None and unit[1] == key:      # r = \sigma(q): its derivative through r itself
        out = sympy.Symbol(_timed(ev, r, at))
        deriv = {"sigmoid": out * (1 - out), "tanh": 1 - out ** 2, "exp": out}.get(unit[0], deriv)
    if deriv == 0:
        raise _Skip()
    coeff, rest = deriv.as_coeff_Mul()
    factors = [grad_r] + [_factor(f) for f in sympy.Mul.make_args(rest) if f != 1]
    if coeff == -1:
        return "- " + f" {product} ".join(factors)
    if coeff != 1:
        factors.insert(0, _factor(coeff))
    return f" {product} ".join(factors)


def _through_unit(ev, pre, shift, style, product):
    r"""The gradient of a pre-activation the author does not name, through the one unit reading it:
    ``\left(da_{t+1} \odot \left(1 - a_{t+1}^{2}\right)\right)`` for a = \tanh(\bar a); None otherwise."""
    if not pre.startswith("pre:"):         # (a pre-activation the author names, z_t, is a key of its own)
        return None
    readers = [(d, k) for d in ev.model.defs for k in (0, 1) if _reads(ev, d, pre, k)]
    if len(readers) != 1 or readers[0][1] != 0 or len(readers[0][0].keys) != 1 or readers[0][0].block:
        return None
    try:
        return f"\\left({_contribution(ev, readers[0][0], pre, 0, style, product, at=shift)}\\right)"
    except (_Skip, NotReadable, KeyError, ValueError, TypeError):
        return None


class _Printer(LatexPrinter):
    r"""\tanh(c_t), \sigma(z_t), \tanh^2(c_t): the functions as derivations write them."""

    def _print_tanh(self, expr, exp=None):
        return rf"\tanh{'^{%s}' % exp if exp else ''}\left({self._print(expr.args[0])}\right)"

    def _print_sigmoid(self, expr, exp=None):
        return rf"\sigma{'^{%s}' % exp if exp else ''}\left({self._print(expr.args[0])}\right)"


def _factor(f) -> str:
    s = _Printer().doprint(f)
    return f"\\left({s}\\right)" if f.is_Add else s


def _matrix_operand(ev, node, key, shift):
    """M of a pre-activation sum ... + M q + ... (or q M in a row layout), else None."""
    while node[0] == "paren":
        node = node[2]
    items = [t for _, t in node[1]] if node[0] == "add" else [node]
    for it in items:
        if it[0] != "mul" or len(it[1]) != 2:
            continue
        a, b = it[1]
        vec, mat = (b, a) if ev.model.layout == "column" else (a, b)
        if vec[0] == "sym" and mat[0] == "sym":
            try:
                rv, rm = resolve(vec, ev.vocab), resolve(mat, ev.vocab)
            except NotReadable:
                continue
            if rv.key == key and _shift(rv) == shift and rm.key in ev.vocab.params:
                p = ev.model.params.get(rm.key)
                if p is not None and p.ndim == 2 and min(p.shape) > 1:
                    return _latex(ev, rm.key) + (r"^{\top}" if rm.transpose else "")
    return None


_FUNCS = {"sigmoid": sigmoid, "tanh": sympy.tanh, "exp": sympy.exp, "log": sympy.log}


def _sympy(ev, node, key, shift, at=None):
    """The row as an element-wise SymPy expression in symbols named by the author's LaTeX (q at t; the row at
    step t + ``at``, by default t + shift)."""
    at = shift if at is None else at
    target = {}

    def sym(n):
        r = resolve(n, ev.vocab)
        if r.transpose or r.block or r.slice or r.index:
            raise _Skip()
        k = r.key
        if k in ev.vocab.params:
            p = ev.model.params.get(k)
            if p is not None and p.ndim == 2 and min(p.shape) > 1:
                raise _Skip()          # a matrix product: not element-wise
            s = sympy.Symbol(_latex(ev, k))
        elif k in ev.vocab.quantities or k in ev.vocab.inputs or k == key:
            off = _shift(r)
            s = sympy.Symbol(_timed(ev, k, at - off))
            if k == key and off == shift:
                target["q"] = s
        else:
            raise _Skip()
        if r.power is not None and r.power[0] == "num":
            s = s ** int(r.power[1])
        elif r.power is not None:
            raise _Skip()
        return s

    def walk(n):
        kind = n[0]
        if kind == "num":
            return sympy.Rational(n[1])
        if kind == "paren":
            return walk(n[2])
        if kind == "sym":
            if n[1] in ("sigma", "sigmoid", "tanh", "exp", "log"):
                raise _Skip()
            return sym(n)
        if kind == "add":
            return sympy.Add(*[walk(t) if s == "+" else -walk(t) for s, t in n[1]])
        if kind == "mul":
            items, ops = n[1], n[2]
            out, k = [], 0
            while k < len(items):
                it = items[k]
                if it[0] == "sym" and it[3] is None and it[1] in ("sigma", "sigmoid", "tanh", "exp", "log") \
                        and k + 1 < len(items):
                    f = _FUNCS["sigmoid" if it[1] == "sigma" else it[1]]
                    out.append((ops[k], f(walk(items[k + 1]))))
                    k += 2
                    continue
                out.append((ops[k], walk(it)))
                k += 1
            acc = out[0][1]
            for op, v in out[1:]:
                if op == "div":
                    acc = acc / v
                elif op in (None, "odot", "star", "cdot", "times"):
                    acc = acc * v
                else:
                    raise _Skip()
            return acc
        if kind == "frac":
            return walk(n[1]) / walk(n[2])
        raise _Skip()

    expr = walk(node)
    if "q" not in target:
        raise _Skip()
    return expr, target["q"]


def param_latex(ev, key: str, style: str = "d") -> str | None:
    r"""LaTeX of the total dL/dP of a parameter P, in the author's names: over the rows that read it,
    ``\sum_t dz_t q_t^\top`` for ``z = ... + P q + ...`` (``q_t^\top dz_t`` in a row layout) and
    ``\sum_t dz_t`` for an added bias; None for forms the rule does not cover (concatenations)."""
    terms = []
    try:
        for d in ev.model.defs:
            if d.block or len(d.keys) != 1:
                continue
            node = d.node
            while node[0] == "paren":
                node = node[2]
            items = [t for _, t in node[1]] if node[0] == "add" else [node]
            grad_r = _through_unit(ev, d.keys[0], 0, style, getattr(ev, "product_sign", r"\odot")) or \
                _name(ev, d.keys[0], 0, style)
            for it in items:
                if it[0] == "sym":
                    r = resolve(it, ev.vocab)
                    if r.key == key:
                        if r.transpose:
                            return None
                        terms.append(grad_r)
                    continue
                concat = it[0] == "mul" and len(it[1]) == 2 and _concat_items(
                    it[1][1] if ev.model.layout == "column" else it[1][0])
                if it[0] != "mul" or len(it[1]) != 2 or any(x[0] != "sym" for x in it[1]) and not concat:
                    if key in {resolve(n, ev.vocab).key for n in symbols(it)}:
                        return None
                    continue
                a, b = it[1]
                mat, vec = (a, b) if ev.model.layout == "column" else (b, a)
                rm = resolve(mat, ev.vocab)
                if concat:                   # W_f [h_{t-1}, x_t]: the gradient takes the same concatenation
                    rvs = [resolve(x, ev.vocab) for x in concat]
                    if rm.key != key:
                        if key in {r.key for r in rvs}:
                            return None
                        continue
                    if rm.transpose or any(r.transpose or not (r.key in ev.vocab.quantities or r.key in ev.vocab.inputs)
                                           for r in rvs):
                        return None
                    q = "\\left[" + ", ".join(_timed(ev, r.key, -_shift(r)) for r in rvs) + "\\right]"
                    g = f"\\left({grad_r}\\right)" if style == "nabla" else grad_r
                    terms.append(f"{g} {q}^{{\\top}}" if ev.model.layout == "column" else f"{q}^{{\\top}} {g}")
                    continue
                rv = resolve(vec, ev.vocab)
                if rm.key != key:
                    if rv.key == key:
                        return None
                    continue
                if rm.transpose or rv.transpose or not (rv.key in ev.vocab.quantities or rv.key in ev.vocab.inputs):
                    return None
                q = _timed(ev, rv.key, -_shift(rv))
                q = f"{{{q}}}" if "^" in q else q           # {h^{(t)}}^\top, not a double superscript
                g = f"\\left({grad_r}\\right)" if style == "nabla" else grad_r
                terms.append(f"{g} {q}^{{\\top}}" if ev.model.layout == "column" else f"{q}^{{\\top}} {g}")
    except (NotReadable, KeyError, ValueError, TypeError):
        return None
    if not terms:
        return None
    body = terms[0] if len(terms) == 1 else "\\left(" + " + ".join(terms) + "\\right)"
    return f"\\sum_{{t}} {body}"


def _concat_items(node):
    """The names of a concatenation ``[h_{t-1}, x_t]`` / ``[h_{t-1}; x_t]`` (None when ``node`` is not one)."""
    if node[0] == "list" and len(node[2]) >= 2 and all(x[0] == "sym" for x in node[2]):
        return node[2]
    if node[0] == "matrix" and len(node[1]) >= 2 and all(len(r) == 1 and r[0][0] == "sym" for r in node[1]):
        return [r[0] for r in node[1]]
    return None

