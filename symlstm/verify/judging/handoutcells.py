r"""The forward cell of a course's handout, where students transcribe only their backward functions.

Course notebooks give the forward step and ask for the backward one: a student's ``rnn_cell_backward(da_next,
cache)`` or ``lstm_cell_backward(da_next, dc_next, cache)`` (the Coursera Sequence Models notebooks) reads the
handout's names (``Wax``, ``Waa``, ``a_prev``, ``xt``; ``Wf``, ``c_prev``, ``ft``, ``cct``) and states no forward
row of its own. The handout's forward rows, in the code's plain spelling (as :mod:`..text.codefences` writes
code), are added to such a model as givens: they build the cell and are never reported, so the student's rows
are judged against the cell the assignment defines. A table, one entry per handout cell: (what it is, the names a
model must read, among them the gradient the handout's backward function is given, and the forward rows).
"""
from __future__ import annotations

import re
from dataclasses import replace

__all__ = ["HANDOUT_CELLS", "with_handout_cell"]

HANDOUT_CELLS = (
    ("the Coursera Sequence Models notebook's rnn_cell_forward",
     ("W_{ax}", "W_{aa}", "a_{prev}", "da_{next}"),
     (r"a_{next} = tanh(W_{aa} a_{prev} + W_{ax} x_{t} + b_{a})",)),
    ("the Coursera Sequence Models notebook's lstm_cell_forward",
     ("W_{f}", "W_{i}", "W_{o}", "c_{prev}", "a_{prev}", "da_{next}", "dc_{next}"),
     (r"f_{t} = sigmoid(W_{f} \begin{bmatrix} a_{prev} \\ x_{t} \end{bmatrix} + b_{f})",
      r"i_{t} = sigmoid(W_{i} \begin{bmatrix} a_{prev} \\ x_{t} \end{bmatrix} + b_{i})",
      r"cct = tanh(W_{c} \begin{bmatrix} a_{prev} \\ x_{t} \end{bmatrix} + b_{c})",
      r"c_{next} = f_{t}*c_{prev} + i_{t}*cct",
      r"o_{t} = sigmoid(W_{o} \begin{bmatrix} a_{prev} \\ x_{t} \end{bmatrix} + b_{o})",
      r"a_{next} = o_{t}*tanh(c_{next})")),
    ("the CS231n assignment's rnn_step_forward",
     ("W_{x}", "W_{h}", "h_{prev}", "dh_{next}"),
     (r"h_{next} = tanh(x W_{x} + h_{prev} W_{h} + b)",)),
)

#: The left side of a row: a gradient's code name (d-name) or a name the model defines itself.
_LHS = re.compile(r"^\s*(?P<name>[^=]+?)\s*(?:\\mathrel\{[+-]\}\s*)?=")


def with_handout_cell(rows: list) -> tuple:
    """(rows, what the handout is): ``rows`` (one code model's equations) with the first handout cell whose names
    they all read prepended as givens, when no row of theirs defines a name other than a gradient's (d-names);
    else (rows, "")."""
    texts = [r.text for r in rows]
    for r in rows:
        m = _LHS.match(r.text)
        if m is not None and not m["name"].lstrip().startswith("d") and not _storage(m["name"]):
            return rows, ""                 # a forward row of the student's own: the model states its cell
    for what, names, forward in HANDOUT_CELLS:
        if all(any(name in t for t in texts) for name in names):
            first = rows[0]
            return [replace(first, text=text, given=True, handout=what) for text in forward] + rows, what
    return rows, ""


def _storage(name: str) -> bool:
    """A name of the backward loop's bookkeeping (``gradients``, a cache unpacked): no forward row."""
    return bool(re.match(r"\s*(?:gradients|grads|cache|caches|parameters)\b", name))
