r"""A row whose written term the reader's step Jacobians make zero, read again with every derivative total.

``\frac{\partial c_t}{\partial c_{t-1}} = \frac{\partial f_t}{\partial c_{t-1}} \odot c_{t-1} + f_t \odot
\frac{\partial c_{t-1}}{\partial c_{t-1}} + \ldots`` (the product rule on c_t = f_t \odot c_{t-1} + i_t \odot
\tilde c_t): the author writes \partial f_t / \partial c_{t-1}, so means the derivatives through h_{t-1} =
o_{t-1} \tanh(c_{t-1}) (the gates read c_{t-1} only through it), where the reader's first reading of a Jacobian
between steps holds the names in between and makes that term zero (zeroterms.py: such a pass proves nothing).
Read with every derivative of the row through every path (c_{t-1} perturbed for all its readers), the term is
not zero and is tested: a row that holds so passes under that reading, one that does not fails (every derivative
of it total is the one reading left once the term is written: c_{t-1}'s readers are h_{t-1} and c_t, nothing
is held); a row that cannot be read so stays unreadable.
"""
from __future__ import annotations

__all__ = ["every_path"]

WHY = ("read with every derivative through every path (the row writes a derivative between steps that holding "
       "the names in between would make zero)")


def every_path(judge, tree, eq, ev, strict, seconds):
    """The result of ``judge`` on the row with ``ev.every_path`` set when it passes or fails, else None."""
    saved = getattr(ev, "every_path", False)
    ev.every_path = True
    cache = getattr(ev, "_total_cache", None)
    try:
        r = judge(tree, eq, ev, strict, seconds)
    finally:
        ev.every_path = saved
        if cache is not None:
            ev._total_cache = cache
    if r.status not in ("pass", "fail"):
        return None
    r.why = "; ".join(x for x in (r.why, WHY) if x)
    return r
