r"""A loss defined under an abbreviation: ``CE = -\sum_i y_i \log \sigma(z_t)``, then ``\frac{\partial L_T}{\partial h_T}``.

Notes name the loss by what it is (CE, NLL, MSE: :data:`~symlstm.latex.notation.LOSS_ABBREVIATIONS`) in the row
that defines it and differentiate it under a loss letter afterwards (Elliott Yan's LSTM post). Read as a quantity
of its own, the row defines an output nobody reads and leaves the loss the later rows differentiate undefined.
Such a name is the loss: every occurrence of it is renamed to the loss letter the rows differentiate (``L``
when they differentiate none), scripts kept. Only where a row's left side is the abbreviation, bare (no
argument list), and no row writes it as a function (``J^{(t)} = CE(y^{(t)}, \hat y^{(t)})`` in CS224n's notes
is an application, read as such elsewhere); and only when that letter is not a quantity a row defines.
Nothing is evaluated.
"""
from __future__ import annotations

from ...latex.notation import LOSS_ABBREVIATIONS, LOSS_NAMES
from .trees import rebuild, walk

__all__ = ["abbreviated_losses"]


def _abbrev(node) -> str | None:
    if node is not None and node[0] == "sym" and node[1] in LOSS_ABBREVIATIONS:
        return node[1]
    return None


def _applied(rows) -> set:
    """Abbreviations written as a function: followed by a bracketed argument list in a product."""
    out = set()
    for tree in rows:
        for n in walk(tree) if tree is not None else ():
            if n[0] in ("call", "func", "apply") and len(n) > 1 and isinstance(n[1], tuple) and _abbrev(n[1]):
                out.add(n[1][1])
            if n[0] == "mul" and len(n) == 3:
                for a, b in zip(n[1], n[1][1:]):
                    if _abbrev(a) and b[0] == "paren":
                        out.add(a[1])
    return out


def _defined(tree) -> str | None:
    """The abbreviation a row defines, bare: ``CE = ...`` (not ``CE_t``: a step's loss is still a quantity)."""
    if tree is None or tree[0] != "row" or len(tree[1]) < 2 or tree[2][0] != "=":
        return None
    lhs = tree[1][0]
    return lhs[1] if _abbrev(lhs) and lhs[2:] == (None, None, None, 0) else None


def _loss_letter(rows) -> str:
    """The loss letter the rows differentiate (the numerator of a derivative), else ``L``."""
    for tree in rows:
        for n in walk(tree) if tree is not None else ():
            if n[0] == "frac" and n[1][0] == "pre" and isinstance(n[1][3], tuple) and n[1][3][0] == "sym" and \
                    n[1][3][1] in LOSS_NAMES:
                return n[1][3][1]
    return "L"


def _defines_quantity(rows, name) -> bool:
    return any(tree is not None and tree[0] == "row" and tree[1] and tree[1][0][0] == "sym" and
               tree[1][0][1] == name for tree in rows)


def abbreviated_losses(rows):
    """The rows with a loss defined under an abbreviation renamed to the loss letter (the module's doc)."""
    names = {n for n in map(_defined, rows) if n} - _applied(rows)
    if not names:
        return rows
    letter = _loss_letter(rows)
    if _defines_quantity(rows, letter):
        return rows

    def rename(n):
        return (n[0], letter) + n[2:] if n[0] == "sym" and n[1] in names else n
    return [None if tree is None else rebuild(tree, rename) for tree in rows]
