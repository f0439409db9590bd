r"""A row that sets a gradient-named value the cell does not have: ``dV_{t1} = 0``, ``db_{z_{t1}} = 0`` (course
notes naming each step's contribution to dV by the step's number).

The left side reads as d + a name the forward rows never define (V_1, b_z_), while the name stripped of its
subscript labels is one of the cell's parameters or quantities (V, b): it is that parameter's gradient, or a
part of it, written in a way this reader does not resolve. Such a row is not a definition of a new name, so
it must not pass as one (``dV_{t1} = 1`` would pass too): it is unreadable.
"""
from __future__ import annotations

import re

from ..text.names import NotReadable, gradient_split, resolve

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


_NUMBERED = re.compile(r"(?<![A-Za-z\\])([A-Za-z]+)_\{\s*([a-z])(\d+)\s*\}")
_BARE = r"(?<![A-Za-z\\]){}_(?:\{{\s*{t}\s*(?:[-+][^{{}}]*)?\}}|{t}(?![A-Za-z0-9]))"


def numbered_steps(texts, time_var) -> set:
    r"""Names whose steps are written as the time letter and a number (h_{t1}, h_{t2}: step 1 and step 2 of an
    unrolled net) and never at a bare time (h_t, which would make y_{t1} a component of y_t)."""
    seen = {}
    for text in texts:
        for m in _NUMBERED.finditer(text):
            if m.group(2) == time_var:
                seen.setdefault(m.group(1), set()).add(m.group(3))
    out = set()
    for base in seen:
        bare = re.compile(_BARE.format(re.escape(base), t=re.escape(time_var)))
        if not any(bare.search(t) for t in texts):
            out.add(base)
    # some name at two numbered steps (h_{t1}, h_{t2}): then every such name (z_{t2} too) is a numbered step
    return out if any(len(seen[b]) >= 2 for b in out) else set()


def numbered_step_why(text, names, time_var) -> str:
    for m in _NUMBERED.finditer(text):
        if m.group(2) == time_var and m.group(1) in names:
            return (f"steps written as {time_var} and a number ({m.group(0)}: step {m.group(3)} of an unrolled "
                    f"net) are not read as steps")
    return ""
