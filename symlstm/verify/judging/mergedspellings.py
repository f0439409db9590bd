r"""Two spellings of one gradient on the two sides of a code statement: ``dcs = ... + cs\_grad``.

Code names a gradient given from outside (an input ``cs_grad``) apart from the one it computes (``dcs``); the
reader maps the suffix spelling to the prefix one (:mod:`.rebinding`), so such a row would read as writing its
left side's gradient again on its right and fail for the reader's own merging. It is unreadable instead, and so
is a later ``dcs = dcs + ...`` that adds to the value of a row not read.
"""
from __future__ import annotations

from ..text.latexparse import LatexError

from ..text.trees import walk as _walk

__all__ = ["merged_spellings"]


def merged_spellings(rows, errors, canonical):
    r"""``dcs = ... + cs\_grad``: two spellings of one gradient (``canonical`` maps ``cs\_grad`` to ``dcs``) on the
    two sides of a row. Code names a gradient given from outside (an input ``cs_grad``) apart from the one it
    computes (``dcs``); the reader's merging of the two names is its own guess, so the row is unreadable."""
    rows = list(rows)
    unread = {}         # name -> the row not read that last assigned it
    for k, tree in enumerate(rows):
        if tree is None or len(tree[1]) < 2 or tree[1][0][0] != "sym":
            continue
        left = tree[1][0][1]
        c = canonical(left) or left
        if left in unread and any(n[0] == "sym" and len(n) == 6 and n[1] == left for p in tree[1][1:]
                                  for n in _walk(p)):
            rows[k] = None          # dcs = dcs + ...: code adding to a value that was not read
            errors[k] = LatexError(f"{left} on the right is the value of a statement above that was not read "
                                   f"({unread[left]}); not read")
            errors[k].tree = tree           # still evidence of shapes (wco \odot ...: elementwisenames.py)
            continue
        unread.pop(left, None)
        other = sorted({n[1] for p in tree[1][1:] for n in _walk(p) if n[0] == "sym" and len(n) == 6 and
                        n[1] != left and (canonical(n[1]) or n[1]) == c})
        if other:
            rows[k] = None
            errors[k] = LatexError(f"{left} and {other[0]} on its two sides are two spellings of one gradient: the "
                                   f"file may name two different gradients (one given from outside); not read")
            errors[k].tree = tree
            unread[left] = f"{left} and {other[0]} two spellings of one gradient"
    return rows
