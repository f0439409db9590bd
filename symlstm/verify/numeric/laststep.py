r"""A forward row that reads a quantity at the last step T, ``\hat{y} = g(h_T; \phi)`` (a many-to-one output).

The row's name is computed once, after the run; the reader runs every forward row at every step, so at the
steps before T the row reads h_T before it is computed. That is the reader's limit, not the author's error: the
row is unreadable with that reason (never a fail, whatever later display states T).
"""
from __future__ import annotations

from ..text.names import NotReadable

__all__ = ["last_step_error"]

#: Letters of the last step.
_LAST = frozenset({"T"})


def _reads_last(node) -> bool:
    if isinstance(node, list):
        return any(_reads_last(x) for x in node)
    if not isinstance(node, tuple) or not node:
        return False
    if node[0] == "sym":
        for script in (node[3], node[4]):
            if script and len(script) == 1 and script[0][0] == "sym" and script[0][1] in _LAST and \
                    script[0][3] is None:
                return True
        return False
    return any(_reads_last(x) for x in node[1:] if isinstance(x, (tuple, list)))


def last_step_error(d, e):
    """The NotReadable to report for the error ``e`` of the forward row ``d``, or None (keep ``e``)."""
    if "is not computed yet" in str(e) and _reads_last(d.node):
        return NotReadable("it reads a quantity at the last step T: a value computed once after the run (a "
                           "many-to-one output), which the reader, running every forward row at every step, "
                           "does not read")
    return None
