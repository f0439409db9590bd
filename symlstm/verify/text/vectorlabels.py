r"""A weight labelled as a vector: ``\underbrace{\mathbf{w}_{\iota}^{\text{T}}}_{1\times(N+2D+1)}``.

Texts whose gates are scalars (one memory block, Iosif et al., "LSTM: from theory to practice") give each gate a
weight VECTOR applied to a written-out stack: ``a_\iota = \underbrace{\mathbf{w}_\iota^T}_{1\times(N+2D+1)}
[x; z_h; s; 1]``. The label's axis ``1`` is the statement that matters: ``w_\iota^T`` is one row, so the
pre-activation is a number, not a vector as wide as the state (the reader's default shape for a weight met first
in a product). The other axis, a sum with coefficients the reader does not size, is the length of the stack the
weight multiplies, so it is read from the forward rows instead:

* the labelled part is one name of a weight (transposed or not), the label has two axes, exactly one of them
  ``1``: the weight is a column (``w^T`` labelled ``1 x n``, ``w`` labelled ``n x 1``) or a row (the converse);
* every forward product of the weight with a vertical stack ``[a; b; ...; 1]`` gives its length: inputs count the
  input size, quantities of the cell the state size, the number 1 one entry; any other member, stacks of
  different lengths, or labels that disagree leave the weight to the reader's default;
* a weight the author labels once stands for its siblings written the same way: a weight of the same letter
  (``w_\phi`` beside ``w_\iota``), unlabelled, written transposed or not as the labelled one and applied to a stack
  of the same members (``[x; z_h; s; 1]``, a peephole on another step of s counting as the same member) is a
  vector of the same orientation (texts label the first gate's row only, and write the others alike).
"""
from __future__ import annotations

import re

__all__ = ["vector_labels", "vector_shapes"]

_TIMES = re.compile(r"\\times(?![A-Za-z])|×")


def _axis_is_one(axis: str) -> bool:
    return re.sub(r"[\s{}()]", "", axis) == "1"


def _one_by_n_labels(texts):
    """(part node, whether the first axis is the 1, the other axis) of every label with two axes, exactly one of
    them 1, over a part that parses."""
    from .labelled import _label_pairs
    from .latexparse import LatexError
    from .rowparse import parse_expression
    for text in texts:
        for label, part in _label_pairs(text or ""):
            axes = _TIMES.split(label)
            if len(axes) != 2:
                continue
            ones = [_axis_is_one(a) for a in axes]
            if ones.count(True) != 1:
                continue
            try:
                node = parse_expression(part)
            except (LatexError, ValueError, IndexError):
                continue
            yield node, ones[0], axes[ones.index(False)]


def vector_labels(texts):
    """[(name node, "first" | "second": the axis that is 1)] of the labels of single names with exactly one axis
    1."""
    return [(node, "first" if first else "second") for node, first, other in _one_by_n_labels(texts)
            if node[0] == "sym" and re.sub(r"[\s{}()]", "", other)]


def _stack_items(node):
    """The members of a vertical stack ``[a; b; 1]`` (every separator ``;``), else None."""
    if node[0] == "list" and node[1] == "[" and len(node[2]) >= 2 and node[3] and all(s == ";" for s in node[3]):
        return node[2]
    return None


def _form(weight, items, vocab):
    """(transposed?, member keys) of a weight applied to a stack (a member's step left out), or None."""
    from .names import NotReadable, resolve
    keys = []
    try:
        for it in items:
            keys.append(it if it[0] == "num" else resolve(("sym", it[1], it[2], it[3], None, it[5]), vocab).key
                        if it[0] == "sym" else None)
        t = resolve(weight, vocab)
    except NotReadable:
        return None
    if None in keys or t.power is not None or t.primes or t.word:
        return None
    return bool(t.transpose), tuple(keys)


def vector_shapes(labels, model, vocab) -> dict:
    """key -> shape of the weights the labels make vectors (see the module's text)."""
    from .trees import walk
    from .names import NotReadable, resolve
    orient = {}
    for node, one_axis in labels:
        try:
            ref = resolve(node, vocab)
        except NotReadable:
            continue
        if ref.key not in vocab.params or ref.power is not None or ref.word or ref.primes or ref.time is not None:
            continue
        # w^T labelled 1 x n (or w labelled n x 1): w is a column; the converse a row
        col = (one_axis == "first") == bool(ref.transpose)
        if orient.get(ref.key, col) != col:
            orient[ref.key] = None
        else:
            orient[ref.key] = col
    if not orient:
        return {}
    lengths, forms = {}, {}
    for d in model.defs:
        for n in walk(d.node):
            if n[0] != "mul" or len(n[1]) < 2:
                continue
            for a, b in zip(n[1], n[1][1:]):
                items = _stack_items(b)
                if items is None or a[0] != "sym":
                    continue
                try:
                    key = resolve(a, vocab).key
                except NotReadable:
                    continue
                if key in vocab.params and key not in forms:
                    forms[key] = _form(a, items, vocab)
                if key not in orient:
                    continue
                size = 0
                for it in items:
                    if it == ("num", "1"):
                        size += 1
                        continue
                    if it[0] != "sym":
                        size = None
                        break
                    try:
                        k = resolve(it, vocab).key
                    except NotReadable:
                        size = None
                        break
                    if k in vocab.inputs:
                        size += max(model.input_shapes.get(k, model.vector(model.i)))
                    elif k in vocab.quantities:
                        size += model.h
                    else:
                        size = None
                        break
                if lengths.get(key, size) != size:
                    size = None
                lengths[key] = size
    for key, col in list(orient.items()):
        form = forms.get(key)
        if col is None or form is None:
            continue
        for other, f in forms.items():
            if other not in orient and f == form and key.split("_")[0] == other.split("_")[0]:
                orient[other] = col
                lengths[other] = lengths.get(key)
    out = {}
    for key, col in orient.items():
        n = lengths.get(key)
        if col is None or not n:
            continue
        out[key] = (n, 1) if col else (1, n)
    return out


def row_gradients(texts, ev) -> bool:
    r"""The file labels the loss's derivative by a vector as one row (``\underbrace{\boldsymbol{\delta}_{\mathbf{z}_h}
    ^{(t)}}_{1\times D}`` where a row defines ``\delta_{z_h}^{(t)} \overset{not.}{=} \partial E/\partial z_h^{(t)}``,
    or ``\underbrace{\frac{\partial E}{\partial z_h^{(t)}}}_{1 \times D}``): its gradients are Jacobians, rows
    (texts that say "for Jacobians j = d alpha / d v is a row vector"). Only in a column layout (where the reader's
    own gradients are columns), and only when no label writes such a derivative as a column (``D \times 1``)."""
    from ...latex.notation import LOSS_NAMES
    from .names import NotReadable, resolve
    if ev is None or ev.model.layout != "column":
        return False

    def loss_frac(n):
        if n is None or n[0] != "frac" or n[1][0] != "pre" or n[2][0] != "pre" or n[1][1] != "partial" or \
                n[2][1] != "partial" or not isinstance(n[1][3], tuple) or n[1][3][0] != "sym" or \
                not isinstance(n[2][3], tuple) or n[2][3][0] != "sym":
            return False
        try:
            top, var = resolve(n[1][3], ev.vocab), resolve(n[2][3], ev.vocab)
        except NotReadable:
            return False
        return top.key in LOSS_NAMES and var.key in ev.vocab.quantities and not var.transpose

    rows = cols = 0
    for node, first, _ in _one_by_n_labels(texts):
        if node[0] == "sym":
            try:
                ref = resolve(node, ev.vocab)
            except NotReadable:
                continue
            if ref.transpose or not loss_frac(ev.derived.get(ref.key)):
                continue
        elif not loss_frac(node):
            continue
        if first:
            rows += 1
        else:
            cols += 1
    return rows > 0 and cols == 0
