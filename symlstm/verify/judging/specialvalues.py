r"""A weight set to a special value in passing: ``W_{hh} = I``, ``U = 0``.

Texts on vanishing gradients consider special cases ("initialising the recurrent matrix to the identity, $W_{hh} =
I$, keeps the derivative at unity"): such a row names a case of the argument, not a definition of the weight for
the whole derivation. Read as a forward row it would make the weight the identity everywhere, and a Jacobian
written transposed (``W_{hh}^T \mathrm{diag}(1 - h_j^2)``) would pass beside the identity. The row is left out of
the cell, unreadable with a reason; the other rows keep the weight general.
"""
from __future__ import annotations

from ..text.trees import walk

__all__ = ["SPECIAL_VALUE", "special_values"]

SPECIAL_VALUE = ("sets a weight to a special value (the identity or zero), a case the text considers: the other "
                 "rows are read with the weight general")

#: The values a weight is set to in such a case: the identity matrix and zero.
_VALUES = (("sym", "I", None, None, None, 0), ("num", "0"))


def _weight(n) -> bool:
    """A capital name (a weight), with no time and no prime: ``W_{hh}``, ``U``."""
    return n[0] == "sym" and n[1][:1].isupper() and n[1] != "I" and n[4] is None and not n[5]


def special_values(rows) -> list:
    """The indices of the rows ``W = I`` / ``W = 0`` whose weight another row reads."""
    out = []
    for k, tree in enumerate(rows):
        if tree is None or tree[0] != "row" or len(tree[1]) != 2 or list(tree[2]) != ["="]:
            continue
        lhs, rhs = tree[1]
        if not _weight(lhs) or rhs not in _VALUES:
            continue
        if any(j != k and other is not None and any(n == lhs for part in other[1][1:] for n in walk(part))
               for j, other in enumerate(rows)):
            out.append(k)
    return out
