r"""A forward row that reads a quantity at the last step T, ``\hat{y} = g(h_T; \phi)`` (a many-to-one output).

The row's name is computed once, after the run; the reader runs every forward row at every step, so at the
steps before T the row reads h_T before it is computed. That is the reader's limit, not the author's error: the
row is unreadable with that reason (never a fail, whatever later display states T).

Where the row's name has no step of its own and the row reads the run at the last step only (every time it
writes is T, a number, or none), it is read as the many-to-one output it is (:func:`mark_last_step_rows`): computed
once, at the last step, and the name without a step is that value wherever a row writes it (the loss and the
claims read the one output), so ``\partial L / \partial \hat{y}`` is the gradient by that output.
"""
from __future__ import annotations

from ..text.names import NotReadable

__all__ = ["last_step_error", "mark_last_step_rows"]

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


def _times_written(node, out):
    """The scripts of every name of ``node`` (as nodes), into ``out``."""
    if isinstance(node, list):
        for x in node:
            _times_written(x, out)
        return
    if not isinstance(node, tuple) or not node:
        return
    if node[0] == "sym":
        for script in (node[3], node[4]):
            if script:
                out.append(script)
        return
    for x in node[1:]:
        if isinstance(x, (tuple, list)):
            _times_written(x, out)


def _last_only(node, time_var) -> bool:
    """Every script of the row's names is T, a number or a name that is not the time letter (a label, psi)."""
    scripts = []
    _times_written(node, scripts)
    for script in scripts:
        for x in script:
            if not isinstance(x, tuple) or not x:
                return False
            if x[0] == "sym" and (x[1] == time_var or x[3] or x[4]):
                return False
            if x[0] not in ("sym", "num"):
                return False
    return True


def mark_last_step_rows(model, vocab) -> None:
    r"""Mark the forward rows ``\hat{y} = g(h_T; \phi)`` (a name without a step, read from the run's last step
    only) as computed once, at the last step (``d.last``), and their names (``model.last_keys``)."""
    from ..text.names import resolve
    keys = set()
    for d in model.defs:
        if not d.per_step or d.accumulate or d.at or d.block or len(d.keys) != 1 or d.lhs is None:
            continue
        try:
            ref = resolve(d.lhs, vocab)
        except NotReadable:
            continue
        if ref.time is not None or ref.word or ref.index or not _reads_last(d.node) or \
                not _last_only(d.node, vocab.time_var):
            continue
        d.last = True
        keys.add(d.keys[0])
    model.last_keys = frozenset(keys)

