r"""A gate's pre-activation defined with the gate's activation already applied: ``\bar{o}^t = \sigma(W_{out} x^t +
\dots)`` beside ``o^t = \sigma(\bar{o}^t)`` (a Japanese note of Greff et al.'s peephole LSTM, round70-h).

As written the gate is the sigmoid applied twice. The row's left side is written as the gate's pre-activation
(\bar{o} for o, o_{pre}) and is the argument of the gate's activation (the other row), so it defines the
pre-activation: what it means is its activation's argument, and the backward rows (``\delta o^t = \delta y^t
\odot h(c^t) \odot \sigma'(\bar{o}^t)``) read it so. The row fails (the activation applied twice is not the cell
the rows derive), and the cell is read with the pre-activation as the row's argument, as a forward row that fails
is read in the sense it evidently means. Read off the pre-activations the cell's reader found (``vocab.preacts``,
authorcell._preacts), in rows of formulas only (code runs as written).
"""
from __future__ import annotations

from ...latex.notation import PREACT_WORDS
from ..text.names import key_latex

__all__ = ["ACTIVATION_LATEX", "double_activations"]

#: How a message writes an activation the reader names (``vocab.preacts``'s function names).
ACTIVATION_LATEX = {"sigmoid": r"\sigma", "tanh": r"\tanh"}


def _marked_preact(inner: str, outer: str) -> bool:
    """Is ``inner`` written as ``outer``'s pre-activation by the notation: \\bar{o} for o (Greff et al.), o_{pre},
    o_{net} (PREACT_WORDS)?"""
    stem, _, label = inner.rpartition("_")
    return inner == f"bar:{outer}" or (stem == outer and label in PREACT_WORDS)


def _argument(node):
    """The argument of a definition ``f(x)`` (``\\sigma(W x + b)``: its bracket's content), else None."""
    while node[0] == "paren" and node[1] == "(" and node[2][0] in ("mul", "paren"):
        node = node[2]          # ((\sigma(x))): the call in its brackets, as authorcell._preacts reads it
    if node[0] != "mul" or len(node[1]) != 2:
        return None
    arg = node[1][1]
    while arg[0] == "paren" and arg[1] == "(":
        arg = arg[2]
    return arg


def double_activations(defs, vocab) -> dict:
    """{row: why} of the definitions of a pre-activation that apply an activation themselves; each such
    definition's node is made its activation's argument (module doc)."""
    if getattr(vocab, "code", False):
        return {}
    by_key = {d.keys[0]: d for d in defs if len(getattr(d, "keys", ())) == 1 and getattr(d, "node", None)}
    out = {}
    for key, (f, inner) in list(vocab.preacts.items()):
        if not _marked_preact(inner, key) or inner not in vocab.preacts:
            continue            # (h = tanh(f) beside f = sigma(...): a cell of its own, not a pre-activation's slip)
        g = vocab.preacts[inner][0]
        d = by_key.get(inner)
        if d is None or getattr(d, "row", None) is None or f not in ACTIVATION_LATEX or g not in ACTIVATION_LATEX or \
                _argument(d.node) is None:
            continue
        fl, gl = ACTIVATION_LATEX[f], ACTIVATION_LATEX[g]
        out[d.row] = (f"{key_latex(inner)} is the argument of {key_latex(key)}'s activation ({key_latex(key)} = "
                      f"{fl}({key_latex(inner)})), its pre-activation, but its row applies {gl} already: the gate is "
                      f"{fl}({gl}(\\dots)), an activation applied twice")
        d.node = _argument(d.node)
        vocab.preacts.pop(inner)        # (no longer an activation of its own)
    return out
