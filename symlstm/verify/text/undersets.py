r"""Dimension labels written under a quantity: ``\underset{1 \times d}{e^{(t)}}``, ``\underset{D_h \times d}{I^T}``.

A label is read twice: the row is the row without the labels (``e^{(t)}``), and the label is a statement of
the shape of what it is written under. :func:`strip` blanks the ``\underset{...}`` and the braces of the
labelled body (every other character keeps its column) and returns the labels; :func:`statements` turns the
labels of single names into statements ``X \in \mathbb{R}^{a \times b}``
(:mod:`~symlstm.verify.statedshapes`); :func:`contradiction` checks a row's labels against the shapes the
author's cell gives the labelled quantities: a label that contradicts the shape of its quantity is an error
of the row. The letters (``d``, ``D_h``, ``|V|``) are sized by the labels of the file's plain names whose
shape the cell fixes (a letter sized two ways is not used; a letter never sized is not checked).
"""
from __future__ import annotations

import re

from .depth import outside_brackets

__all__ = ["strip", "strip_equations", "statements", "contradiction", "letter_sizes", "check_labels"]

_UNDERSET = re.compile(r"\\underset\s*\{")
_TIMES = re.compile(r"\\times(?![A-Za-z])|×")


def _close(text: str, i: int) -> int:
    """Index of the brace that closes the one opened just before ``i`` (-1 when never closed)."""
    depth = 1
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _top_sum(body: str) -> bool:
    """A + or - outside brackets (the body is a sum: its braces must keep grouping it)."""
    return any(c in "+-" and body[:k].strip() for k, c in outside_brackets(body))


def strip(text: str):
    """(text without the labels, [(body, dims)]): dims the label's text (``1 \\times d``)."""
    if "\\underset" not in text:
        return text, []
    out = list(text)
    labels = []
    for m in _UNDERSET.finditer(text):
        end = _close(text, m.end())
        if end < 0:
            return text, []
        k = end + 1
        while k < len(text) and text[k].isspace():
            k += 1
        if k >= len(text) or text[k] != "{":
            return text, []
        close = _close(text, k + 1)
        if close < 0:
            return text, []
        body = text[k + 1:close]
        labels.append((body.strip(), text[m.end():end]))
        for j in range(m.start(), end + 1):
            out[j] = " "
        if "\\underset" not in body and not _top_sum(body):
            out[k] = out[close] = " "
    stripped = "".join(out)
    if "\\underset" in stripped:        # nested labels: the inner ones are blanked on a second pass
        stripped, more = strip(stripped)
        labels += more
    return stripped, labels


def _axes(dims: str):
    """The axes of a label as normal terms ('1', 'd', 'D_h', '|V|'); None when not a label of 1 or 2 axes."""
    dims = dims.strip().rstrip(",;.").strip()
    dims = re.sub(r"\\left\s*\|", "|", dims)
    dims = re.sub(r"\\right\s*\|", "|", dims)
    dims = re.sub(r"\\[,;!: ]|~", " ", dims)
    axes = [re.sub(r"\s+", "", a).replace("{", "").replace("}", "") for a in _TIMES.split(dims)]
    if not 1 <= len(axes) <= 3 or not all(re.fullmatch(r"\d+|\|?[A-Za-z](?:_[A-Za-z0-9]+)?\|?", a) for a in axes):
        return None
    return axes


def statements(labels) -> list:
    r"""``X \in \mathbb{R}^{a \times b}`` for the labels of single names (their axes written as letters)."""
    out = []
    for body, dims in labels:
        axes = _axes(dims)
        if axes is None or len(axes) > 2 or re.match(r"\s*\\(?:delta|partial|frac|nabla|Delta)(?![A-Za-z])", body):
            continue
        out.append(body + " \\in \\mathbb{R}^{" + " \\times ".join(axes) + "}")
    return out


def _shape_of(body: str, ev):
    """The shape the cell gives a labelled body: a name, its transpose, or the gradient of the loss by a name
    (the name's shape, the row gradients' layout); None for anything else (products, Jacobians, tensors)."""
    from .names import NotReadable, resolve
    from .rowparse import parse_row
    from .latexparse import LatexError
    try:
        tree = parse_row(body)
    except LatexError:
        return None
    if len(tree[1]) != 1:
        return None
    node = tree[1][0]
    while node[0] == "paren" and node[1] in ("(", "{"):
        node = node[2]
    if node[0] == "frac":
        num, den = node[1], node[2]
        if not (num[0] == "pre" and den[0] == "pre" and num[1] == den[1] == "partial" and
                num[3][0] == "sym" and den[3][0] == "sym"):
            return None
        try:
            top = resolve(num[3], ev.vocab)
        except NotReadable:
            return None
        from ...latex.notation import LOSS_NAMES
        if top.key not in LOSS_NAMES or top.key in ev.vocab.params:
            return None
        node = den[3]
    if node[0] != "sym":
        return None
    try:
        r = resolve(node, ev.vocab)
    except NotReadable:
        return None
    if r.power is not None or r.primes or r.word:
        return None
    shape = _known_shape(r, ev)
    if shape is None:
        return None
    return tuple(reversed(shape)) if r.transpose else tuple(shape)


def _known_shape(r, ev):
    """The shape of a parameter, an input or a quantity of the cell's base run; None when the cell has none."""
    m = ev.model
    key = r.key
    if key in m.params:
        return tuple(m.params[key].shape)
    for store in (m.base.values, m.inputs):
        for k, val in store.items():
            if isinstance(k, tuple) and k and k[0] == key and hasattr(val, "shape"):
                return tuple(val.shape)
    return None


def letter_sizes(all_labels, ev) -> dict:
    """letter -> size, from the labels of the file's plain names (a letter sized two ways is left out)."""
    seen = {}
    for body, dims in all_labels:
        axes = _axes(dims)
        shape = _name_shape(body, ev)
        if axes is None or shape is None or len(axes) != len(shape):
            continue
        for a, n in zip(axes, shape):
            if not a.isdigit():
                seen.setdefault(a, set()).add(int(n))
    return {a: ns.pop() for a, ns in seen.items() if len(ns) == 1}


def _name_shape(body, ev):
    """The shape of a label's body when it is a plain name (no transpose, no gradient)."""
    from .names import NotReadable, resolve
    from .rowparse import parse_row
    from .latexparse import LatexError
    try:
        tree = parse_row(body)
    except LatexError:
        return None
    if len(tree[1]) != 1 or tree[1][0][0] != "sym":
        return None
    try:
        r = resolve(tree[1][0], ev.vocab)
    except NotReadable:
        return None
    if r.transpose or r.power is not None or r.primes or r.word:
        return None
    return _known_shape(r, ev)


def contradiction(labels, sizes, ev):
    """Why one of the row's labels contradicts the shape of its quantity, or None."""
    for body, dims in labels:
        axes = _axes(dims)
        if axes is None:
            continue
        shape = _shape_of(body, ev)
        if shape is None or len(shape) != len(axes):
            continue
        for a, n in zip(axes, shape):
            want = int(a) if a.isdigit() else sizes.get(a)
            if want is not None and want != n:
                dims_text = " x ".join(axes)
                return f"the label under {body} states {dims_text}, but it is " + " x ".join(
                    _name(x, sizes) for x in shape)
    return None


def _name(n, sizes):
    if n == 1:
        return "1"
    names = [a for a, v in sizes.items() if v == n]
    return names[0] if len(names) == 1 else str(n)


def strip_equations(equations):
    """(equations without their labels, {index: labels}) (judge.py)."""
    from dataclasses import replace
    out, labels = [], {}
    for k, eq in enumerate(equations):
        text, ls = strip(eq.text)
        if ls:
            labels[k] = ls
            eq = replace(eq, text=text)
        out.append(eq)
    return out, labels


def check_labels(out, starts, labels, ev):
    """A passing row one of whose labels contradicts its quantity's shape fails (judge.py's results ``out``;
    ``starts``: equation index -> index of its result)."""
    try:
        sizes = letter_sizes([x for ls in labels.values() for x in ls], ev)
    except Exception:           # noqa: BLE001 - a label the cell cannot size is not checked
        return
    ends = sorted(starts.values()) + [len(out)]
    for k, i in starts.items():
        if k not in labels or i >= len(out) or ends[ends.index(i) + 1] == i:
            continue
        r = out[i]
        if r.status != "pass":
            continue
        try:
            why = contradiction(labels[k], sizes, ev)
        except Exception:       # noqa: BLE001
            why = None
        if why:
            r.status, r.holds = "fail", False
            r.why = why
