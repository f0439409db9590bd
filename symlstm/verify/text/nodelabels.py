r"""Numbered nodes of a computational graph: ``self.z_1 = self.Wzh.dot(h)`` ... ``self.z_12 = ...`` beside ``z_t``.

Homework cells written node by node (CMU 11-785's GRU_Cell and the copies of it) name each intermediate value
by one letter and a number, ``z_1`` to ``z_12``, and their gradients ``dz_1`` to ``dz_12``, next to the gate
``z_t`` of the same letter. Read as a subscript, ``z_3`` is z at step 3, and ``z_3 = z_1 + z_2`` a relation
between steps that fails. The numbers are labels: the name is ``z3``, one name (as ``h1`` is, names.digit_name).

:func:`node_labels` joins the number to its letter, in every fence, where the code itself shows the numbers are
no steps: the letter is assigned under at least :data:`MIN_NODES` numbers and also under the time letter ``t``
(``z_t``), in the same fence. An unrolled recurrence (``h_1 = np.tanh(W @ x_1 + U @ h_0)``, ``h_2 = ...``) has
no ``h_t`` beside its numbered steps, and is left as it was.
"""
from __future__ import annotations

import re

__all__ = ["node_labels", "MIN_NODES"]

#: The fewest numbered assignments of one letter that make its numbers labels.
MIN_NODES = 3
#: At most this many letters and two digits: names.digit_name's bounds (a longer name keeps its subscript).
_NUMBERED = re.compile(r"^\s*(?:self\.)?(?P<letter>[A-Za-z]{1,4})_(?P<n>\d{1,2})\s*(?:[-+*/@]?=)(?!=)", re.M)
_TIMED = r"^\s*(?:self\.)?{letter}_t\s*(?:[-+*/@]?=)(?!=)"


def node_labels(bodies: list) -> list:
    """The fence bodies with the numbered nodes of the module's doc joined to their letter (``z_1`` -> ``z1``,
    ``dz_11`` -> ``dz11``, ``self.z_7`` -> ``self.z7``); the other bodies as they were."""
    out = []
    for body in bodies:
        if "_" not in body:
            out.append(body)
            continue
        numbers = {}
        for m in _NUMBERED.finditer(body):
            numbers.setdefault(m["letter"], set()).add(m["n"])
        letters = [x for x, ns in numbers.items() if len(ns) >= MIN_NODES and
                   re.search(_TIMED.format(letter=re.escape(x)), body, re.M)]
        for x in letters:
            body = re.sub(rf"(?<![A-Za-z0-9_])((?:d|grad_)?{re.escape(x)})_(\d{{1,2}})(?![\w\[])", r"\1\2", body)
        out.append(body)
    return out
