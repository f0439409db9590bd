r"""``W \cdot W \cdot W \cdots \frac{\partial s_k}{\partial W}``: a run of equal factors before the dots and no last
one of them after (a power of W with the count left to the reader).

How many factors the dots stand for is not written, so it is not read. But a row can still be decided: it is
wrong when, at some step of the run, no count makes it hold. The judge (``judging/equalcounts.py``) sets
``ev.elided_count`` to each count from 0 to :data:`MAX_COUNT` in turn at each step, and :func:`counted_run` writes
the run out with that many factors; the row fails where a step admits no count, and is never passed (where every
step admits one, which count the author means is still not read).
"""
from __future__ import annotations

__all__ = ["MAX_COUNT", "equal_run", "counted_run", "has_equal_run"]

#: The largest count of factors tried for the run (a run of T <= 8 steps writes at most T, 2T for pairs).
MAX_COUNT = 16


def equal_run(items):
    """(start, d): the run items[start:d] of two or more equal factors right before the dots at d, when no item
    after the dots is that factor (no last one written); else None."""
    if ("dots",) not in items:
        return None
    d = list(items).index(("dots",))
    if d < 2 or items[d - 1] != items[d - 2] or ("dots",) in items[d + 1:]:
        return None
    f = items[d - 1]
    if any(it == f for it in items[d + 1:]):
        return None
    start = d - 1
    while start > 0 and items[start - 1] == f:
        start -= 1
    return start, d


def counted_run(ev, items, ops):
    """The product's items and operators with the run written out ``ev.elided_count`` times (0: dropped), or None
    where no count is being tried or the product has no such run."""
    n = getattr(ev, "elided_count", None)
    run = equal_run(items)
    if n is None or run is None:
        return None
    start, d = run
    f = items[start]
    rest_items, rest_ops = list(items[d + 1:]), list(ops[d + 2:])
    between = ops[start + 1]
    if n == 0:      # (W)^0: the identity of W's size (a square W), also with nothing after the dots
        f, n = ("sc", ("paren", "(", f), None, [("num", "0")], 0), 1
    if n == 0:
        if not rest_items:
            return None
        return list(items[:start]) + rest_items, list(ops[:start + 1]) + rest_ops
    new_items = list(items[:start]) + [f] * n + rest_items
    new_ops = list(ops[:start + 1]) + [between] * (n - 1) + ([ops[d + 1]] if rest_items else []) + rest_ops
    return new_items, new_ops


def has_equal_run(tree) -> bool:
    r"""Whether a row writes one such run, outside any sum or product over an index (where the count could change
    with the index, \sum_k W W W \cdots X_k, one count per step would not be the author's). Two runs are not
    searched (their counts may differ)."""
    runs = []

    def visit(node, bound):
        if isinstance(node, tuple) and node:
            if node[0] == "mul" and equal_run(node[1]) is not None:
                runs.append(bound)
            inner = bound or node[0] == "big"
            for x in node[1:]:
                visit(x, inner)
        elif isinstance(node, list):
            for x in node:
                visit(x, bound)
    visit(tree, False)
    return len(runs) == 1 and not runs[0]
