r"""Elisions of the chain rule, read where the blocks around the dots differ (elision.py's pattern fails).

*A chain continued*: ``\frac{\partial L_t}{\partial h_t}\frac{\partial h_t}{\partial h_{t-1}} \dots
\frac{\partial h_1}{\partial W}``: the factor before the dots is a one-step derivative of one name by itself at
another time (``\partial h_t/\partial h_{t-1}``, step d = -1); the chain goes on in steps of d until the
denominator is the numerator of the factor after the dots (here ``\partial h_2/\partial h_1``). Where the chain
already links, the dots are empty; where it would have to run backwards, the step has no room.

*Growing terms*: ``X_t + J_t X_{t-1} + J_t J_{t-1} X_{t-2} + \ldots + <last>``: the term before the dots is a
telescoping chain ``J_t J_{t-1}`` ending in a last factor ``X_{t-2}`` (the chain's last denominator is its
numerator), and the term before it is the same term one step shorter (its last one-step factor dropped, the last
factor moved back by the step). The series goes on one factor longer at each term until the term whose last
factor is the last factor of the term after the dots (``X_1``); that term is read as written. Anything else is
not read."""
from __future__ import annotations

from .elision import NO_ROOM, MAX_ELIDED, _holes, _moved, _put, _at, _value

__all__ = ["continue_chain", "grow_terms", "chain_elision"]


def chain_elision(items, int_of, no_room, sums):
    """elision.expand_elision's fallback: growing terms of a sum, a chain continued in a product."""
    return (grow_terms if sums else continue_chain)(items, int_of, no_room)


def _frac_parts(f):
    """(numerator, denominator) names of ``\\frac{\\partial A}{\\partial B}``, else None."""
    if isinstance(f, tuple) and len(f) == 3 and f[0] == "frac" and all(
            isinstance(x, tuple) and len(x) == 4 and x[0] == "pre" and x[1] == "partial" and
            isinstance(x[3], tuple) and x[3][0] == "sym" for x in f[1:]):
        return f[1][3], f[2][3]
    return None


def _step(f, read):
    """A one-step derivative ``\\partial A_s/\\partial A_{s+d}``: (its holes (paths into the frac), d), else None."""
    parts = _frac_parts(f)
    if parts is None or f[1][2] is not None or f[2][2] is not None:      # \partial^{+}: not a one-step Jacobian
        return None
    out = {}
    if not _holes(parts[0], parts[1], read, False, (), out) or not out:
        return None
    steps = {read(b) - read(a) for a, b in out.values()}
    if len(steps) != 1 or 0 in steps:
        return None
    holes = {}
    for path in out:
        holes[(1, 3) + path] = None
        holes[(2, 3) + path] = None
    return holes, steps.pop()


def _shifted(node, holes, by, read):
    for path in holes:
        h = _at(node, path)
        node = _put(node, path, _moved(h, read(h), by))
    return node


def _same_at(a, b, read) -> bool:
    """``a`` and ``b`` the same expression, whole numbers in scripts equal in value here."""
    out = {}
    return _holes(a, b, read, False, (), out) and all(read(x) == read(y) for x, y in out.values())


def _steps_to(a, b, read, d):
    """How many steps d move ``a``'s holes to ``b`` (one count for all), else None."""
    out = {}
    if not _holes(a, b, read, False, (), out):
        return None
    counts = set()
    for x, y in out.values():
        diff = read(y) - read(x)
        if diff % d:
            return None
        counts.add(diff // d)
    return counts.pop() if len(counts) == 1 else (0 if not counts else None)


def continue_chain(items, int_of, no_room):
    """Product factors ``items`` with one ``("dots",)``: the chain written out (see the module), else None."""
    read = _value(int_of)
    d = next(k for k, it in enumerate(items) if it == ("dots",))
    if d == 0 or d + 1 >= len(items):
        return None
    last, nxt = items[d - 1], items[d + 1]
    st, after = _step(last, read), _frac_parts(nxt)
    if st is None or after is None:
        return None
    holes, step = st
    n = _steps_to(_frac_parts(last)[1], after[0], read, step)
    if n is None:
        return None
    if n < 0:
        raise no_room(NO_ROOM)
    if n > MAX_ELIDED:
        return None
    made = [_shifted(last, holes, j * step, read) for j in range(1, n + 1)]
    return list(items[:d]) + made + list(items[d + 1:])


def _factors(term):
    return list(term[1]) if term[0] == "mul" and all(op in (None, "cdot") for op in term[2][1:]) else [term]


def grow_terms(items, int_of, no_room):
    """Sum terms ``items`` (sign, tree) with one ``("+", ("dots",))``: the growing series written out, else None."""
    read = _value(int_of)
    d = next(k for k, it in enumerate(items) if it[1] == ("dots",))
    if d < 2 or d + 1 >= len(items) or any(s != "+" for s, _ in items[d - 2:d + 2]):
        return None
    prev, last, after = (_factors(items[k][1]) for k in (d - 2, d - 1, d + 1))
    if len(last) < 2 or ("dots",) in last:
        return None
    chain, tail = last[:-1], last[-1]
    steps = [_step(f, read) for f in chain]
    if any(s is None for s in steps) or len({s[1] for s in steps}) != 1:
        return None
    step = steps[0][1]
    for f, g in zip(chain, chain[1:] + [tail]):        # a telescoping chain into the last factor
        top = _frac_parts(g)
        if top is None or not _same_at(_frac_parts(f)[1], top[0], read):
            return None
    tail_holes = {}
    back = _frac_parts(tail)
    if back is None:
        return None
    # the term before: one factor shorter, its last factor one step back
    holes_prev = {}
    if len(prev) != len(last) - 1 or not all(_same_at(a, b, read) for a, b in zip(prev[:-1], chain[:-1])):
        return None
    if not _holes(prev[-1], tail, read, False, (), holes_prev) or not holes_prev or \
            any(read(b) - read(a) != step for a, b in holes_prev.values()):
        return None
    tail_holes = dict.fromkeys(holes_prev)
    n = _steps_to(tail, after[-1], read, step)
    if n is None or not _same_at(_shifted(tail, tail_holes, n * step, read), after[-1], read):
        return None
    if n < 1:
        raise no_room(NO_ROOM)
    if n - 1 > MAX_ELIDED:
        return None
    made, factors, end = [], list(chain), tail
    for _ in range(1, n):
        factors = factors + [_shifted(factors[-1], steps[-1][0], step, read)]
        end = _shifted(end, tail_holes, step, read)
        made.append(("+", ("mul", factors + [end], [None] * (len(factors) + 1))))
    return list(items[:d]) + made + list(items[d + 1:])
