r"""A row that sets a gradient-named value the cell does not have: ``dV_{t1} = 0``, ``db_{z_{t1}} = 0`` (course
notes naming each step's contribution to dV by the step's number).

The left side reads as d + a name the forward rows never define (V_1, b_z_), while the name stripped of its
subscript labels is one of the cell's parameters or quantities (V, b): it is that parameter's gradient, or a
part of it, written in a way this reader does not resolve. Such a row is not a definition of a new name, so
it must not pass as one (``dV_{t1} = 1`` would pass too): it is unreadable.
"""
from __future__ import annotations

from ..text.names import NotReadable, gradient_split, resolve
from ..text.numberedsteps import _NUMBERED, numbered_steps     # (re-exported: h_{t1} read as steps there)

__all__ = ["unresolved_step_gradient", "numbered_steps", "numbered_step_why"]


def unresolved_step_gradient(row, vocab) -> str:
    """The reason a forward row is such a gradient claim, or ''."""
    if row is None or len(row[1]) != 2 or row[2][0] != "=":
        return ""
    lhs = row[1][0]
    if lhs[0] != "sym":
        return ""
    try:
        ref = resolve(lhs, vocab)
    except NotReadable:
        return ""
    split = gradient_split(ref.key)
    if split is None or vocab.known(split[1]):
        return ""
    parts = split[1].rstrip("_").split("_")
    stem = next(("_".join(parts[:i]) for i in range(len(parts), 0, -1) if vocab.known("_".join(parts[:i]))), "")
    if not stem:
        return ""
    return (f"the left side reads as the gradient of {split[1]}, which the forward rows never define, though "
            f"they define {stem}: a part of d{stem} named in a way not read (a step's contribution?)")


def numbered_step_why(text, names, time_var) -> str:
    for m in _NUMBERED.finditer(text):
        if m.group(2) == time_var and m.group(1) in names:
            return (f"steps written as {time_var} and a number ({m.group(0)}: step {m.group(3)} of an unrolled "
                    f"net) are not read as steps")
    return ""
