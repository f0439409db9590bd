r"""``\frac{\partial h_t}{\partial W} = \frac{\partial h_t}{\partial W} + \frac{\partial h_t}{\partial h_{t-1}}
\frac{\partial h_{t-1}}{\partial W}`` (Pascanu et al.'s recursion written without its \partial^{+}): the Jacobian by a
weight on the left is written again on the right, where it means the immediate derivative (h_{t-1} held) while the
left one is the total. One written symbol has one reading in a row (selfref.py), so such a row that fails as read is
reported unreadable, with the notation that says it (\partial^{+} h_t / \partial W), not as a failure.
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["weight_recursion"]


def weight_recursion(parts, rels, ev) -> str:
    """The why of such a row, or ""."""
    lhs = parts[0]
    if lhs[0] != "frac" or lhs[1][0] != "pre" or lhs[2][0] != "pre" or lhs[1][3][0] != "sym" or \
            lhs[2][3][0] != "sym" or lhs[1][2] is not None:      # \partial^{+} on the left: as written
        return ""
    try:
        top, bottom = resolve(lhs[1][3], ev.vocab), resolve(lhs[2][3], ev.vocab)
    except NotReadable:
        return ""
    v = ev.vocab
    if top.key not in v.quantities or bottom.key not in v.params:
        return ""
    if not any(n == lhs for p in parts[1:] for n in walk(p)):
        return ""
    return (r"the Jacobian by a weight on the left is written again on the right (a recursion: there it would be the "
            r"immediate derivative, with the previous state held, while the left one is the total; one written symbol "
            r"is read one way in a row): write the right one \partial^{+}")
