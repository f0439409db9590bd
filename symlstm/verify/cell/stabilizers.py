r"""A numerical safeguard added inside a loss: ``\ln(\hat{y} + \epsilon)``, ``\frac{1}{\sqrt{v} + \epsilon}``.

Notes that write the loss as code computes it add a tiny constant to keep a logarithm or a division finite
("where \epsilon = 10^{-12} is a numerical safeguard"); their gradient rows are derived without it
(``\frac{\partial L}{\partial \hat y} = -\frac{y}{\hat y} + \frac{1-y}{1-\hat y}``). An ``\epsilon`` (or
``\varepsilon``) written as a term of a sum, with no script and defined by no row, is that safeguard: the
reader takes it as 0. Where it multiplies (a learning rate, ``W - \epsilon \frac{\partial E}{\partial W}``)
it is kept.
"""
from __future__ import annotations

from ..text.trees import rebuild

__all__ = ["drop_stabilizers"]

#: The letters of a safeguard.
SAFEGUARDS = ("epsilon", "varepsilon")


def _safeguard(node) -> bool:
    return node[0] == "sym" and node[1] in SAFEGUARDS and node[2] is None and node[3] is None and \
        node[4] is None and not node[5]


def _defined(rows) -> bool:
    """Does a row define the safeguard's letter (``\\epsilon = ...`` on a left side)?"""
    return any(r is not None and r[0] == "row" and r[1] and _safeguard(r[1][0]) for r in rows)


def drop_stabilizers(rows):
    """``rows`` with every safeguard term of a sum removed (a sum of one term left as that term's sum)."""
    if _defined(rows):
        return rows

    def fn(node):
        if node[0] != "add" or len(node[1]) < 2:
            return node
        kept = [(sign, x) for sign, x in node[1] if not (sign == "+" and _safeguard(x))]
        return node if len(kept) == len(node[1]) or not kept else ("add", kept)
    return [None if r is None else rebuild(r, fn) for r in rows]
