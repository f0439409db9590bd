r"""A derivative of a name by itself as a factor of a chain: ``\frac{\partial s_t}{\partial W}\frac{\partial W}{\partial
W}`` (the total derivative rule written out: "W is a function of W itself", ``dz/dx = \partial z/\partial u \, du/dx
+ ...`` with u = x).

``\frac{\partial W}{\partial W}`` is the identity (of W's shape): a chain it multiplies is the chain without it, in
every layout. Such a factor is dropped from a product of two or more factors joined by plain products (juxtaposition,
``\cdot``, ``\times``); a product with ``\odot``, a division, or a derivative by itself standing alone (``\frac{\partial
h_t}{\partial h_t} = 1``) is left as written.
"""
from __future__ import annotations

__all__ = ["drop_self_derivatives"]

#: Operators of a plain (matrix or scalar) product.
_PLAIN = (None, "cdot", "times")


def _self_derivative(n) -> bool:
    if not (isinstance(n, tuple) and len(n) == 3 and n[0] == "frac"):
        return False
    top, bottom = n[1], n[2]
    if not (isinstance(top, tuple) and isinstance(bottom, tuple) and len(top) == 4 and len(bottom) == 4):
        return False
    if top[0] != "pre" or bottom[0] != "pre" or top[1] != bottom[1] or top[1] not in ("partial", "d"):
        return False
    x, y = top[3], bottom[3]
    return isinstance(x, tuple) and x and x[0] == "sym" and x == y


def _fix(n):
    if isinstance(n, list):
        return [_fix(x) for x in n]
    if not isinstance(n, tuple) or not n:
        return n
    if n[0] == "mul" and len(n) == 3 and isinstance(n[1], list) and len(n[1]) >= 2 and \
            all(op in _PLAIN for op in n[2][1:]):
        items = [_fix(x) for x in n[1]]
        keep = [x for x in items if not _self_derivative(x)]
        if keep and len(keep) < len(items):
            if len(keep) == 1:
                return keep[0]
            ops = [None] + [op for x, op in zip(items[1:], n[2][1:]) if not _self_derivative(x)]
            ops = ops[:len(keep)]
            if len(ops) < len(keep):
                ops += [None] * (len(keep) - len(ops))
            return ("mul", keep, ops)
        return ("mul", items, list(n[2]))
    return tuple(_fix(x) if isinstance(x, (tuple, list)) else x for x in n)


def _same_sides(r) -> bool:
    """Two sides of the equation row ``r`` are the same expression."""
    if not (isinstance(r, tuple) and len(r) >= 3 and isinstance(r[1], list) and len(r[1]) >= 2):
        return False
    return any(a == b for a, b in zip(r[1], r[1][1:]))


def drop_self_derivatives(rows):
    """``rows`` with every ``\\frac{\\partial W}{\\partial W}`` factor of a plain product dropped.

    A row that the dropping would leave as ``X = X`` (``\\frac{\\partial s_t}{\\partial W} = \\frac{\\partial s_t}{\\partial
    W}\\frac{\\partial W}{\\partial W}``) is left as written: nobody writes an identity times a tautology, so the
    author means the two copies as two derivatives (the left total, the right immediate: the recurrent path left
    out), which the dropped reading would pass as ``X = X``."""
    out = []
    for r in rows:
        f = None if r is None else _fix(r)
        out.append(r if f is not None and f != r and _same_sides(f) and not _same_sides(r) else f)
    return out
