r"""A name no row defines that reads like the stack of names the rows do define: ``W_{ih}`` beside ``W_{iz}``,
``W_{ir}``, ``W_{in}`` (code keeping the input weights of every gate in one matrix, ``weight_ih``), ``b_{hh}``
beside ``b_{hz}``, ``b_{hr}``, ``b_{hn}``; and a gradient ``dlin_{ih} = [dz_t; dr_t; \ldots]`` of a name of no
family, stacked from gradients (the stacked linear transforms the prose names).

Such a name is the author's, not a misuse: it stands for the blocks in some order that no row states (the weight
of the stack is not W_{iz} x_t + ... read in any one order), so a row that reads it is unreadable, not failed.
Nothing is evaluated here.
"""
from __future__ import annotations

from ..text.names import NotReadable, gradient_split, key_latex, resolve

__all__ = ["stack_relatives", "stacked_gradient", "stacked_target"]


def stack_relatives(key, vocab) -> list:
    """The names a row defines or reads of the same letter whose label has the length of ``key``'s and starts
    with its letter (W_{iz}, W_{ir}, W_{in} for W_{ih}); two or more, else []."""
    base, _, label = str(key).partition("_")
    if len(label) < 2 or not label.isalpha():
        return []
    names = vocab.params | vocab.quantities | vocab.inputs | vocab.static
    out = sorted(n for n in names if n != key and n.partition("_")[0] == base and
                 len(n.partition("_")[2]) == len(label) and n.partition("_")[2][:1] == label[:1])
    return out if len(out) >= 2 else []


def stack_unread(key, vocab, shown) -> NotReadable | None:
    rel = stack_relatives(key, vocab)
    if not rel:
        return None
    return NotReadable(f"{shown}: no row defines {key_latex(key)}; the rows write "
                       f"{', '.join(key_latex(r) for r in rel)} (their stack? no row states in which order)")


def stacked_gradient(tree, vocab) -> str:
    r"""``dlin_{ih} = [dz_t; dr_t; dh_t]``: the gradient of a name of no family the derivation knows, set to a stack
    (a bracket list or a one-column matrix): why the row is unreadable, else ""."""
    if tree is None or len(tree[1]) != 2 or tree[2][0] != "=":
        return ""
    lhs, rhs = tree[1]
    if lhs[0] != "sym" or rhs[0] not in ("list", "matrix"):
        return ""
    if rhs[0] == "matrix" and not all(len(r) == 1 for r in rhs[1]):
        return ""
    try:
        ref = resolve(lhs, vocab)
    except NotReadable:
        return ""
    g = gradient_split(ref.key)
    if g is None or vocab.known(ref.key) or vocab.known(g[1]) or vocab.family_known(g[1], written=False):
        return ""
    return (f"{key_latex(ref.key)}: no row defines {key_latex(g[1])}; named only by its gradient, a stack of "
            "gradients (of the stacked pre-activations? not read)")


def stacked_target(tree, vocab) -> str:
    r"""``dW_{hh} \mathrel{+}= \ldots`` taken for a forward row (nothing the rows define on either side): the left
    side is the gradient of a stack name (:func:`stack_relatives`), not a definition: why it is unreadable, else ""."""
    if tree is None or len(tree[1]) < 2 or tree[1][0][0] != "sym":
        return ""
    try:
        ref = resolve(tree[1][0], vocab)
    except NotReadable:
        return ""
    g = gradient_split(ref.key)
    if g is None or vocab.known(g[1]):
        return ""
    unread = stack_unread(g[1], vocab, key_latex(ref.key))
    return str(unread) if unread is not None else ""
