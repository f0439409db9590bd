r"""Derivatives of an abstract function taken at written arguments, read through the row that states its form.

Notes that state the form of a cell, ``\mathbf{h}_t = f_{\Theta}(\mathbf{h}_{t-1}, \mathbf{x}_t)`` and
``\mathbf{y}_t = g_{\Theta}(\mathbf{h}_t)``, go on to write the Jacobians of the recurrence as derivatives of the
function by one of its arguments, evaluated at other arguments:
``\frac{\partial f}{\partial \mathbf{h}}(\mathbf{h}_{t-2}, \mathbf{x}_{t-1})`` is the derivative of f by its
argument written ``h``, at the arguments of step t-1, i.e. ``\frac{\partial \mathbf{h}_{t-1}}{\partial
\mathbf{h}_{t-2}}`` (the immediate derivative: the other arguments held fixed). The form row gives the mapping:
the written arguments must be the form's arguments shifted by one number of steps (the same for every
argument, in the same order, of the same names), and the letter under ``\partial`` must name exactly one of the
form's arguments. Each such call is rewritten into the derivative of the form's left side by that argument,
shifted alike. Only a function with exactly one form row (or several rows stating the same form) is read so.

The rewritten rows rest on the form row: where that row does not pass (its arguments are not the ones the cell
reads, judging/formrows.py), they are unreadable (:func:`rest_on_forms`).
"""
from __future__ import annotations

from ..text.trees import merge_juxtaposed

__all__ = ["form_calls", "rest_on_forms"]


def _time(sub):
    """``(var, n)`` of a time subscript ``t``, ``t-1``, ``i+1``, or None."""
    if not sub or len(sub) != 1:
        return None
    s = sub[0]
    if s[0] == "paren" and s[1] == "{":
        s = s[2]
    if s[0] == "sym" and len(s[1]) == 1 and s[1].isalpha() and not s[3] and not s[4] and not s[2] and not s[5]:
        return s[1], 0
    if s[0] == "add" and len(s[1]) == 2 and s[1][0][0] == "+" and s[1][0][1][0] == "sym" and \
            len(s[1][0][1][1]) == 1 and not s[1][0][1][3] and not s[1][0][1][4] and \
            s[1][1][1][0] == "num" and s[1][1][1][1].isdigit():
        n = int(s[1][1][1][1])
        return s[1][0][1][1], n if s[1][1][0] == "+" else -n
    return None


def _time_node(var, n):
    v = ("sym", var, None, None, None, 0)
    if n == 0:
        return v
    return ("add", [("+", v), ("+" if n > 0 else "-", ("num", str(abs(n))))])


def _timed(node):
    """``(base, accent, var, n)`` of a plain name with a time subscript only (``h_{t-1}``), else None."""
    if node[0] != "sym" or node[4] or node[5]:
        return None
    t = _time(node[3])
    return None if t is None else (node[1], node[2], t[0], t[1])


def _shifted(node, var, n):
    return ("sym", node[1], node[2], [_time_node(var, n)], None, 0)


def _letter(n):
    return n[0] == "sym" and len(n[1]) == 1 and n[1].isalpha() and n[2] is None and n[4] is None and not n[5]


def _args(b):
    if b[0] == "list" and b[1] == "(" and set(b[3] or ()) <= {","}:
        return list(b[2])
    if b[0] == "paren" and b[1] == "(":
        return [b[2]]
    return None


def _forms(rows, letters):
    """letter -> (lhs as _timed, [args as _timed], row) of the rows ``y_t = g_\\Theta(h_t)`` stating its form."""
    found, bad = {}, set()
    for k, r in enumerate(rows):
        if r is None or len(r[1]) != 2 or list(r[2]) != ["="]:
            continue
        lhs, rhs = r[1]
        if rhs[0] != "mul" or len(rhs[1]) != 2 or rhs[2][1] is not None:
            continue
        a, b = rhs[1]
        if not _letter(a) or a[1] not in letters:
            continue
        args = _args(b)
        left = _timed(lhs)
        parts = [_timed(x) for x in args or ()]
        if left is None or not parts or None in parts or any(p[2] != left[2] for p in parts):
            bad.add(a[1])
            continue
        shape = (left, parts)
        if a[1] in found and (found[a[1]][0], found[a[1]][1]) != shape:
            bad.add(a[1])
        found.setdefault(a[1], (left, parts, k))
    return {f: v for f, v in found.items() if f not in bad}


def _call(frac, b, forms):
    """The rewritten derivative for ``\\frac{\\partial f}{\\partial v}`` followed by ``b``, or None."""
    if frac[0] != "frac" or frac[1][0] != "pre" or frac[2][0] != "pre" or frac[1][1] != "partial" or \
            frac[2][1] != "partial" or frac[1][2] is not None or frac[2][2] is not None:
        return None
    f, v = frac[1][3], frac[2][3]
    if not _letter(f) or f[3] or f[1] not in forms or v[0] != "sym" or v[3] or v[4] or v[5]:
        return None
    left, params, k = forms[f[1]]
    args = _args(b)
    if args is None or len(args) != len(params):
        return None
    written = [_timed(x) for x in args]
    if None in written or len({w[2] for w in written}) != 1:
        return None
    shifts = {w[3] - p[3] for w, p in zip(written, params)}
    if len(shifts) != 1 or any((w[0], w[1]) != (p[0], p[1]) for w, p in zip(written, params)):
        return None
    shift, var = shifts.pop(), written[0][2]
    by = [j for j, p in enumerate(params) if (p[0], p[1]) == (v[1], v[2])]
    if len(by) != 1:
        return None
    top = ("sym", left[0], left[1], None, None, 0)
    bottom = args[by[0]]
    return ("frac", ("pre", "partial", None, _shifted(top, var, left[3] + shift)),
            ("pre", "partial", None, bottom)), k


def _rewrite(node, forms, used):
    def merge(a, b):
        got = _call(a, b, forms)
        if got is None:
            return None
        used.add(got[1])
        return got[0]
    return merge_juxtaposed(node, merge)


def form_calls(rows, letters):
    """``(rows, rests)``: ``rows`` with every derivative of an abstract function (``letters``) at written
    arguments rewritten through the function's form row (module doc); ``rests``: row -> the form rows it rests
    on."""
    forms = _forms(rows, letters)
    if not forms:
        return rows, {}
    out, rests = list(rows), {}
    for k, r in enumerate(rows):
        if r is None or any(v[2] == k for v in forms.values()):
            continue
        used = set()
        new = _rewrite(r, forms, used)
        if used:
            out[k], rests[k] = new, used
    return out, rests


def rest_on_forms(results, equations, rests):
    """Rows rewritten through a form row that does not pass are unreadable (module doc); ``results`` in place."""
    if not rests:
        return
    at = {(r.line, r.column): r for r in results}
    for k, forms in rests.items():
        mine = at.get((equations[k].line, equations[k].column))
        if mine is None or mine.status == "unreadable":
            continue
        for j in forms:
            theirs = at.get((equations[j].line, equations[j].column))
            if theirs is None or theirs.status != "pass":
                mine.status, mine.holds = "unreadable", None
                mine.why = (f"it differentiates the function of the row on line {equations[j].line}, which states "
                            f"its form; that row does not pass, so the derivative is not read through it")
                break
