r"""A gate's pre-activation defined with the gate's activation already applied: ``\bar{o}^t = \sigma(W_{out} x^t +
\dots)`` beside ``o^t = \sigma(\bar{o}^t)`` (a Japanese note of Greff et al.'s peephole LSTM, round70-h).

As written the gate is the sigmoid applied twice. The row's left side is written as the gate's pre-activation
(\bar{o} for o, o_{pre}) and is the argument of the gate's activation (the other row), so it defines the
pre-activation: what it means is its activation's argument, and the
backward rows (``\delta o^t = \delta y^t \odot h(c^t) \odot \sigma'(\bar{o}^t)``) read it so. The row fails (the
activation applied twice is not the cell the rows derive), and the cell is read with the pre-activation as the
row's argument, as a forward row that fails is read in the sense it evidently means. Table-driven: only the
activations of :data:`ACTIVATIONS`, each side a whole call of one, in rows of formulas (code runs as written).
"""
from __future__ import annotations

from ..text.names import NotReadable, key_latex, resolve

__all__ = ["ACTIVATIONS", "double_activations"]

#: Activations a gate applies to its pre-activation (their names as read) and how a message writes them.
ACTIVATIONS = {"sigma": r"\sigma", "sigmoid": r"\mathrm{sigmoid}", "tanh": r"\tanh"}


def _call(node):
    """(function name, argument node) of a whole call ``\\sigma(x)``, else None."""
    if node is None or node[0] != "mul" or len(node[1]) != 2 or any(op is not None for op in node[2]):
        return None
    f, arg = node[1]
    if f[0] != "sym" or f[1] not in ACTIVATIONS or f[2] or f[3] or f[4] or f[5]:
        return None
    if arg[0] == "sym" and arg[1].startswith("pre:"):
        return f[1], arg        # \sigma(pre:\bar{o}): the pre-activation the reader named (authorcell._preacts)
    if arg[0] != "paren" or arg[1] != "(":
        return None
    return f[1], arg[2]


def _marked_preact(inner: str, outer: str) -> bool:
    """Is ``inner`` written as ``outer``'s pre-activation by the notation: \\bar{o} for o (Greff et al.), o_{pre},
    o_{net} (PREACT_WORDS)?"""
    from ...latex.notation import PREACT_WORDS
    stem, _, label = inner.rpartition("_")
    return inner == f"bar:{outer}" or (stem == outer and label in PREACT_WORDS)


def double_activations(defs, vocab) -> dict:
    """{row: why} of the definitions of a pre-activation that apply an activation themselves; each such
    definition's node is made the call's argument (module doc)."""
    if getattr(vocab, "code", False):
        return {}
    by_key = {d.keys[0]: d for d in defs if len(getattr(d, "keys", ())) == 1 and getattr(d, "node", None)}
    out = {}
    for key, d in by_key.items():
        outer = _call(d.node)
        if outer is None or outer[1][0] != "sym":
            continue
        try:
            inner_key = resolve(outer[1], vocab).key
        except NotReadable:
            continue
        if not _marked_preact(inner_key, key):
            continue            # (h = tanh(f) beside f = sigma(...): a cell of its own, not a pre-activation's slip)
        pre = by_key.get(inner_key)
        inner = _call(pre.node) if pre is not None and pre is not d else None
        if inner is None or getattr(pre, "row", None) is None:
            continue
        f, g = ACTIVATIONS[outer[0]], ACTIVATIONS[inner[0]]
        out[pre.row] = (f"{key_latex(inner_key)} is the argument of {key_latex(key)}'s activation "
                        f"({key_latex(key)} = {f}({key_latex(inner_key)})), its pre-activation, but its row "
                        f"applies {g} already: the gate is {f}({g}(\\dots)), an activation applied twice")
        pre.node = inner[1]
        getattr(vocab, "preacts", {}).pop(inner_key, None)     # (no longer an activation of its own)
    return out
