r"""Code names that call themselves gradients in words (``grad\_wrt\_state``, ``accum\_grad\_next_t``, ``grad\_V``).

Such a name is a gradient by its own spelling, but the reader ties gradients to quantities only through its
gradient notations (``dW``, ``\delta h_t``, ``\frac{\partial L}{\partial h_t}``). In a derivation with a
recurrent cell, a row that defines or updates a name spelled as a gradient the reader has not tied to a
quantity would otherwise be read as the definition of a new forward quantity, which holds by definition: a
wrong equation (``accum\_grad\_next_t = grad\_wrt\_state\,U`` missing the later steps' paths) would pass. Such a
row is not checked: it is unreadable with that reason (never a pass by definition, never a fail against the
wrong quantity).
"""
from __future__ import annotations

from ..text.names import NotReadable, gradient_split, resolve
from ..text.trees import symbols

__all__ = ["GRADIENT_NAME_WORDS", "untied_gradient_name"]

#: Words of a multi-word code name (between underscores) that say it holds a gradient.
GRADIENT_NAME_WORDS = ("grad", "grads", "gradient", "gradients", "wrt")


def _gradient_word(name: str) -> bool:
    return any(w in GRADIENT_NAME_WORDS for w in name.split("_")) and "_" in name


def _recurrent(model, vocab) -> bool:
    """Does a forward row read a name the rows define at an earlier step (a state carried through time)?"""
    defined = {k for d in model.defs for k in d.keys}
    for d in model.defs:
        for n in symbols(d.node):
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            if r.key in defined and (r.word in ("prev", "old") or (r.time is not None and r.time[0] == "add")):
                return True
    return False


def untied_gradient_name(tree, model, vocab) -> str | None:
    """Why the row ``tree`` (its left side a name spelled as a gradient, in a recurrent cell) is not checked;
    None when it is an ordinary row."""
    if tree is None or len(tree[1]) < 2:
        return None
    lhs = tree[1][0]
    if lhs[0] != "sym" or not _gradient_word(lhs[1]) or gradient_split(lhs[1]) is not None:
        return None
    if model is None or not _recurrent(model, vocab):
        return None
    shown = lhs[1].replace("_", "\\_")
    return (f"{shown} is named as a gradient (the word "
            f"'{next(w for w in lhs[1].split('_') if w in GRADIENT_NAME_WORDS)}'), but no notation ties it to the "
            f"quantity it is the gradient of: the row is not a forward definition and is not checked")
