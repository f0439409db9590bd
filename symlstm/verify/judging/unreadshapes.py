r"""Shapes a file states that the reader cannot read.

``\underbrace{\mathbf{w}_{\iota}^{\text{T}}}_{1\times(N+2D+1)}``: the author fixes the shape of a name by a label
whose axes are sums with coefficients; the reader cannot use it and gives the name the shape of its first use
(a matrix where the author means a vector). A product whose shapes then do not fit is the reader's guess failing,
not the author's: in a file with such a label, "a product of shapes ..." is unreadable (with the label named).
Labels whose axes are letters or numbers are read (undersets.py, statedshapes.py) and leave fails as they are."""
from __future__ import annotations

import re

__all__ = ["unread_shape_label", "soften"]

_TIMES = re.compile(r"\\times(?![A-Za-z])|×")
_PLAIN = re.compile(r"\d+|\|?[A-Za-z](?:_[A-Za-z0-9]+)?\|?")


def _unread(label: str) -> bool:
    axes = [re.sub(r"\s+|[{}]", "", a) for a in _TIMES.split(label)]
    return len(axes) >= 2 and any(a and not _PLAIN.fullmatch(a) for a in axes)


def unread_shape_label(texts, underset_labels=()) -> str:
    """The first dimension label (``1\\times(N+2D+1)``) of the texts that the reader cannot read, else ""."""
    from ..text.labelled import _label_pairs
    for text in texts:
        for label, _ in _label_pairs(text or ""):
            if _unread(label):
                return label
    for _, dims in underset_labels:
        if _unread(dims):
            return dims
    return ""


def soften(result, label: str) -> None:
    """A shape-mismatch fail of a product made unreadable (see the module text)."""
    if label and result.status == "fail" and (result.why or "").startswith("a product of shapes"):
        result.status, result.holds = "unreadable", None
        result.why = f"{result.why}; the file states shapes this reader cannot read ({label}): the shapes it " \
                     f"took for the names may not be the author's"
