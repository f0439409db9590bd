r"""Blocks of a weight that multiplies a concatenation, named the way documentation names them.

A forward row ``[r\_bar\ u\_bar] = x\_h\_prev * w\_ru + b\_ru`` with ``x\_h\_prev = [x, h\_prev]`` makes
``w_ru`` one matrix acting on two operands (x, h_prev) and producing two stacked outputs (r, u).
Texts then name its blocks in prose only (TensorFlow's GRUBlockCellGrad: "w_ru can be segmented
into 4 different matrices: w_r_x, w_u_x, w_r_h_prev, w_u_h_prev"). The names follow one pattern,
read here as data: ``<stem>_<output letters>_<operand>`` where ``<stem>_<all output letters>`` is
the weight, so ``w_r_x`` is the rows of ``w_ru`` acting on x (row layout) and its columns of r;
``w_c_x`` the block of ``w_c`` acting on x; ``w_r`` every operand's block of gate r.

:func:`weight_blocks` lists these names for a built model; :func:`block_value` slices the weight.
"""
from __future__ import annotations

from ..text.trees import walk

__all__ = ["weight_blocks", "block_value"]

#: The name patterns of a block: (template, which output, which operand). ``{stem}`` is the weight's
#: name up to its last part, ``{out}`` one output's letter, ``{op}`` one operand's name.
BLOCK_NAMES = (
    ("{weight}_{op}", False, True),        # w_c_x: the block of w_c acting on x
    ("{stem}_{out}_{op}", True, True),     # w_r_x: gate r's block acting on x
    ("{stem}_{out}", True, False),         # w_r: gate r's block of every operand
)


def _concat_operands(node):
    """The operand names of a concatenation ``[a, b]`` / ``[a\\ b]`` (None when ``node`` is not one)."""
    if node[0] == "list":
        items = node[2]
    elif node[0] == "paren" and node[1] == "[" and node[2][0] == "mul" and all(x is None for x in node[2][2]):
        items = node[2][1]
    else:
        return None
    if len(items) < 2 or any(x[0] != "sym" or x[2] is not None or x[3] is not None for x in items):
        return None
    return [x[1] for x in items]


def _products(node):
    """(left factor, right factor) of every two-factor product in ``node``."""
    for n in walk(node):
        if n[0] == "mul" and len(n[1]) == 2:
            yield n[1][0], n[1][1]


def weight_blocks(model) -> dict:
    """``{block name: (weight, output index or None, number of outputs, operand index or None, operands)}``
    for every weight of the model's forward rows that multiplies a concatenation."""
    concat = {}
    for d in model.defs:
        if len(d.keys) == 1:
            ops = _concat_operands(d.node)
            if ops:
                concat[d.keys[0]] = ops
    out = {}
    params = model.vocab.params
    for d in model.defs:
        for a, b in _products(d.node):
            if a[0] != "sym" or b[0] != "sym":
                continue
            if a[1] in concat and b[1] in params:
                q, w = a[1], b[1]
            elif b[1] in concat and a[1] in params:
                q, w = b[1], a[1]
            else:
                continue
            ops = concat[q]
            stem, _, tail = w.rpartition("_")
            letters = list(tail) if stem and len(tail) == len(d.keys) > 1 else [None]
            for template, by_out, by_op in BLOCK_NAMES:
                for i, letter in enumerate(letters):
                    if by_out and letter is None:
                        continue
                    for j, op in enumerate(ops if by_op else [None]):
                        name = template.format(weight=w, stem=stem, out=letter, op=op)
                        out.setdefault(name, (w, i if by_out else None, len(letters), j if by_op else None, ops))
    return out


def block_value(model, weight_value, entry, operand_size):
    """The block of ``weight_value`` that ``entry`` (of :func:`weight_blocks`) names; ``operand_size(name)``
    is the width of an operand of the concatenation."""
    _, i, n_out, j, ops = entry
    row_layout = model.layout == "row"
    op_axis, out_axis = (0, 1) if row_layout else (1, 0)
    v = weight_value
    if j is not None:
        sizes = [operand_size(o) for o in ops]
        lo = sum(sizes[:j])
        v = v[lo:lo + sizes[j], :] if op_axis == 0 else v[:, lo:lo + sizes[j]]
    if i is not None:
        n = v.shape[out_axis] // n_out
        v = v[:, i * n:(i + 1) * n] if out_axis == 1 else v[i * n:(i + 1) * n, :]
    return v
