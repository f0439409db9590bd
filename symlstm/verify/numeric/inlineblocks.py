r"""Blocks of a stacked weight named by the letters of an operand and an output: ``W_{hf}``, ``W_{xf}``.

A forward row that computes several quantities at once from one weight applied to a written-out stack,
``\begin{pmatrix} i \\ f \\ o \\ g \end{pmatrix} = \begin{pmatrix} \sigma \\ \sigma \\ \sigma \\ \tanh
\end{pmatrix} W \begin{pmatrix} h_{t-1} \\ x_t \end{pmatrix}``, makes W a block matrix: one block row per output
(i, f, o, g, in the written order, equal heights) and one block column per operand (h_{t-1}, x_t). Texts then
write the quantities out "in non-matrix form" naming the blocks by the weight's letter with the operand's letter
and the output's name as subscript: ``W_{hf}`` (operand first) or ``W_{fh}`` (output first) is the block of W
for f acting on h_{t-1}. Read as data, like :mod:`blocks` (which reads the documentation pattern
``w_r_x`` of a weight applied to a named concatenation):

* the weight is one parameter written before a column stack in a column layout (or after a row stack in a
  row layout), every member of the stack a name whose letter no other member has;
* a name read both ways (an operand letter that is also an output's name) is left out: which block it is
  would be a guess.
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["inline_blocks"]


def _members(node):
    """The members of a written-out stack (a one-column matrix, ``[a; b]``, or a one-row matrix / ``[a, b]`` for a
    row stack) and whether it is a column, else (None, None)."""
    if node[0] == "matrix":
        rows = node[1]
        if len(rows) >= 2 and all(len(r) == 1 for r in rows):
            return [r[0] for r in rows], True
        if len(rows) == 1 and len(rows[0]) >= 2:
            return list(rows[0]), False
        return None, None
    if node[0] == "list" and len(node[2]) >= 2 and node[3]:
        if all(s == ";" for s in node[3]):
            return node[2], True
        if all(s == "," for s in node[3]):
            return node[2], False
    return None, None


def inline_blocks(model) -> dict:
    """``{block name: (weight, output index, number of outputs, operand index, operand nodes)}`` in the form of
    :func:`blocks.weight_blocks` (see the module text)."""
    vocab = model.vocab
    out, twice = {}, set()
    for d in model.defs:
        keys = list(getattr(d, "keys", ()))
        if len(keys) < 2 or d.node is None:
            continue
        for n in walk(d.node):
            if n[0] != "mul":
                continue
            for a, b in zip(n[1], n[1][1:]):
                for w, stack, col in ((a, b, True), (b, a, False)):
                    members, is_col = _members(stack)
                    if members is None or is_col != col or w[0] != "sym" or \
                            model.layout != ("column" if col else "row"):
                        continue
                    try:
                        r = resolve(w, vocab)
                    except NotReadable:
                        continue
                    if r.key not in vocab.params or r.transpose or r.power is not None or r.word or r.time:
                        continue
                    if any(m[0] != "sym" for m in members):
                        continue
                    letters = [m[1] for m in members]
                    if len(set(letters)) != len(letters):
                        continue
                    ops = [tuple(m) for m in members]       # sized by their values as written (numeval.weight_block)
                    for i, k in enumerate(keys):
                        for j, letter in enumerate(letters):
                            entry = (r.key, i, len(keys), j, ops)
                            for name in (f"{r.key}_{letter}{k}", f"{r.key}_{k}{letter}"):
                                if name in out and out[name] != entry:
                                    twice.add(name)
                                out.setdefault(name, entry)
    return {k: v for k, v in out.items() if k not in twice}
