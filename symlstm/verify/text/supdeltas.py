r"""A \delta whose superscript names the quantity and whose subscript gives the step: ``\delta^h_t``,
``\delta^c_{t+1}``, ``\delta^{\tilde{c}}_t``, ``\delta_t^{a_o}`` (lecture notes and LLM-written chapters), read as
``\delta h_t``, ``\delta c_{t+1}``, ``\delta \tilde{c}_t``, ``\delta a_{o,t}``: the gradient of that quantity at
that step (it was "\delta without a quantity"); ``\delta^Y_{i,t}`` (``\delta^Y_i[t]``) is component i of it.

Only where the superscript is one plain name (a letter or a word, an accent, at most a label of its own) that is
not a step, a layer or a parenthesised step (``\delta^{(t)}``, ``\delta^{l}_t``, Graves' ``\delta^t_j`` keep their
readings), and the subscript is one step expression in the file's time letter (``t``, ``t+1``, ``T``); and not
where a row defines that \delta by a derivative (``\delta^o_t = \frac{\partial L_t}{\partial o_t}``: a name of the
file, read by its definition as ``\delta_{o,t}`` is, deltanames.py; it was read as \delta_t, a claim that failed).
"""
from __future__ import annotations

from .names import LAYER_LETTERS
from .trees import rebuild

__all__ = ["superscript_deltas"]


def _step(node, time_var) -> bool:
    """Whether ``node`` is the time letter, T, or the time letter plus or minus a number."""
    if node[0] == "sym" and node[2:] == (None, None, None, 0):
        return node[1] in (time_var, "T")
    if node[0] == "add" and len(node[1]) == 2 and node[1][0][0] == "+":
        head, (_, tail) = node[1][0][1], node[1][1]
        return head[:2] == ("sym", time_var) and head[2:] == (None, None, None, 0) and tail[0] == "num"
    return False


def _quantity(node, time_var) -> bool:
    """Whether ``node`` (a superscript's one item) names a quantity: a plain name, not a step or a layer."""
    if node[0] != "sym" or node[4] is not None or node[5]:
        return False
    if node[1] in (time_var, "T", "t", "k", "tau") or node[1] in LAYER_LETTERS or node[1].isdigit():
        return False
    if node[3] is not None and not (len(node[3]) == 1 and node[3][0][0] == "sym" and
                                    node[3][0][2:] == (None, None, None, 0) and node[3][0][1] != time_var):
        return False        # a_o: a label of its own, one plain atom (not a step)
    return True


def _component(node) -> bool:
    """A component index letter: i, j, k (one plain lowercase letter)."""
    return node[0] == "sym" and node[2:] == (None, None, None, 0) and node[1] in ("i", "j", "k", "l", "m", "n")


def superscript_deltas(rows, time_var):
    """The rows with every ``\\delta^{X}_{s}`` written ``\\delta X_{s}`` (module doc)."""
    if time_var is None:
        return rows
    named = {repr(tree[1][0][4]) for tree in rows if tree is not None and len(tree[1]) >= 2 and
             tree[1][0][0] == "sym" and tree[1][0][1] == "delta" and tree[1][0][4] and tree[1][1][0] == "frac"}

    def fn(node):
        if node[0] == "sym" and node[1] == "delta" and node[2] is None and node[5] == 0 and \
                isinstance(node[3], list) and len(node[3]) == 2 and _component(node[3][0]) and \
                _step(node[3][1], time_var) and isinstance(node[4], list) and len(node[4]) == 1 and \
                _quantity(node[4][0], time_var) and node[4][0][3] is None and repr(node[4]) not in named:
            x = node[4][0]      # \delta^Y_i[t] (read as \delta^Y_{i,t}): component i of \delta Y at step t
            return ("pre", "delta", None, ("sym", x[1], x[2], list(node[3]), None, 0))
        if node[0] == "sym" and node[1] == "delta" and node[2] is None and node[5] == 0 and \
                isinstance(node[3], list) and len(node[3]) == 1 and _step(node[3][0], time_var) and \
                isinstance(node[4], list) and len(node[4]) == 1 and _quantity(node[4][0], time_var):
            x = node[4][0]
            if repr(node[4]) in named:      # \delta^{out}_t := \partial L_t / \partial a_t: the file's own name,
                if x[3] is not None:        # written as \delta_{out,t} (a label, then the step)
                    return node
                return ("sym", "delta", None, [x, node[3][0]], None, 0)
            sub = [node[3][0]] if x[3] is None else [x[3][0], node[3][0]]
            return ("pre", "delta", None, ("sym", x[1], x[2], sub, None, 0))
        return node

    return [None if tree is None else rebuild(tree, fn) for tree in rows]
