r"""Names defined with their arguments written: ``PP^{(t)}(y^{(t)}, \hat{y}^{(t)}) = \frac{1}{\hat{y}_k^{(t)}}``.

A row whose left side is a name at a step followed by a bracket of quantities at steps (not dummy variables,
so not a function's definition like ``g(x) = x``) defines the name; the bracket only says what it depends on.
Every occurrence of the name followed by the same bracket (``\log PP^{(t)}(y^{(t)}, \hat{y}^{(t)})``) is that
name. The loss (``J^{(t)}(\theta)``) is handled by lossweights.loss_arguments.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS, LOSS_NAMES


def _timed_sym(n) -> bool:
    return n[0] == "sym" and bool(n[4] or n[3])


def _call(part):
    """(name node, bracket node) of ``X^{(t)}(a^{(t)}, b^{(t)})``, else None."""
    if part[0] != "mul" or len(part[1]) != 2 or part[2][1] is not None:
        return None
    name, args = part[1]
    if name[0] != "sym" or name[1] in LOSS_NAMES or name[1] in FUNCTION_WORDS or not name[4]:
        return None
    items = args[2] if args[0] == "list" else [args[2]] if args[0] == "paren" and args[1] == "(" else None
    if not items or not all(_timed_sym(a) for a in items):
        return None
    return name, args


def strip_arguments(rows):
    """Rows with every ``X(args)`` of a name defined so replaced by ``X``."""
    calls = {}
    for tree in rows:
        if tree is not None and tree[1] and len(tree[1]) >= 2:
            c = _call(tree[1][0])
            if c is not None:
                calls[repr(c[0])] = repr(c[1])
    if not calls:
        return rows

    def fix(n):
        if not isinstance(n, tuple) or not n:
            return n
        if n[0] == "mul":
            items, ops = list(n[1]), list(n[2])
            out, outops, k = [], [], 0
            while k < len(items):
                it = items[k]
                if it[0] == "sym" and calls.get(repr(it)) is not None and k + 1 < len(items) and \
                        repr(items[k + 1]) == calls[repr(it)] and ops[k + 1] is None:
                    out.append(it)
                    outops.append(ops[k])
                    k += 2
                    continue
                out.append(fix(it))
                outops.append(ops[k])
                k += 1
            return out[0] if len(out) == 1 else ("mul", out, outops)
        return tuple(fix(x) if isinstance(x, tuple) else [fix(y) for y in x] if isinstance(x, list) and x and
                     isinstance(x[0], tuple) else x for x in n)

    return [None if t is None else (t[0], [fix(p) for p in t[1]], t[2]) for t in rows]
