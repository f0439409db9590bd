r"""A sum whose index never appears in its summand: ``-\sum_{i=1}^{T_y} y^t \log \hat{y}^t``.

Every term of such a sum is the same, so the sum is a multiple of its summand, which is not what the author
means (a sum over the components, or over the steps, writes its index). A loss row written so fails, and is
not taken as the definition of the loss (later rows are judged against the loss the cell implies).
"""
from __future__ import annotations

from ..text.trees import walk

__all__ = ["idle_sum"]


def _index(sub):
    if not sub or len(sub) != 1:
        return None
    it = sub[0]
    if it[0] == "eq":
        it = it[1]
    if it[0] == "sym" and len(it[1]) == 1 and it[1].isalpha() and it[2] is None and it[3] is None \
            and it[4] is None and not it[5]:
        return it[1]
    return None


def idle_sum(tree, time_var=None) -> str | None:
    """Why a sum of ``tree`` is idle (its index letter appears nowhere in its summand), or None."""
    for n in walk(tree):
        if n[0] != "big" or n[1] != "sum":
            continue
        var = _index(n[2])
        if var is None or var == time_var:
            continue
        # a letter inside a merged subscript counts as a use (W_{ki}, x_{ti}): only a summand that never writes
        # the letter at all is idle
        if not any(m[0] == "sym" and isinstance(m[1], str) and var in m[1] for m in walk(n[4])):
            return f"the sum over {var} never uses {var}: every term is the same"
    return None
