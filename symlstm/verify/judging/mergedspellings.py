r"""Two spellings of one gradient on the two sides of a code statement: ``dcs = ... + cs\_grad``.

Code names a gradient given from outside (an input ``cs_grad``) apart from the one it computes (``dcs``); the
reader maps the suffix spelling to the prefix one (:mod:`.rebinding`), so such a row would read as writing its
left side's gradient again on its right and fail for the reader's own merging. It is unreadable instead, and so
is a later ``dcs = dcs + ...`` that adds to the value of a row not read.

One form is read: the other spelling a name no row assigns (an input of the code, ``cs_grad`` "the current
gradient of cs" given by the caller) ADDED as a whole term to the terms the statement computes, ``dcs = (1 - co
\odot co) \odot h\_grad \odot o + cs\_grad``. It is then the gradient handed in from beyond the step, as
``dh = W^T dy + dh_{next}`` writes it: read as ``dcs_{next}`` (what reaches cs through the next step). A row that
scales or transforms it, or a spelling some row assigns, stays unreadable.
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
    assigned = {n[1] for t in rows if t is not None and len(t[1]) >= 2 for n in _walk(t[1][0]) if n[0] == "sym"}
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
        carried = _incoming_term(tree, other, assigned) if len(other) == 1 else None
        if carried is not None:         # dcs = ... + cs\_grad, cs\_grad an input: dcs_{next} (module doc)
            rows[k] = carried
            continue
        if other:
            rows[k] = None
            errors[k] = LatexError(f"{left} and {other[0]} on its two sides are two spellings of one gradient: the "
                                   f"file may name two different gradients (one given from outside); not read")
            errors[k].tree = tree
            unread[left] = f"{left} and {other[0]} two spellings of one gradient"
    return rows


def _incoming_term(tree, other, assigned):
    """The row with the input spelling ``other[0]``, added as a whole term of a ``left = ...`` statement, written
    as ``left_{next}``; None when the row is not of that form."""
    name = other[0]
    if name in assigned or len(tree[1]) != 2 or list(tree[2]) != ["="]:
        return None
    lhs, rhs = tree[1]
    if lhs[0] != "sym" or len(lhs) != 6 or lhs[2] is not None or lhs[3] is not None or lhs[4] is not None or \
            rhs[0] != "add":
        return None
    bare = [k for k, (sign, term) in enumerate(rhs[1]) if sign == "+" and term[0] == "sym" and len(term) == 6 and
            term[1] == name and term[2:5] == (None, None, None)]
    uses = sum(1 for n in _walk(rhs) if n[0] == "sym" and len(n) == 6 and n[1] == name)
    if len(bare) != 1 or uses != 1 or len(rhs[1]) < 2:
        return None
    carried = ("sym", lhs[1], None, [("sym", "next", None, None, None, 0)], None, 0)
    terms = list(rhs[1])
    terms[bare[0]] = ("+", carried)
    return ("row", [lhs, ("add", terms)], list(tree[2]))
