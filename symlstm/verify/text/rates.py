"""Learning rates in a parsed row: the factor of a descent step (``W \\leftarrow W - \\eta \\, dW``).

A rate is a name of :data:`~symlstm.latex.notation.LEARNING_RATE_NAMES` (``\\eta``, ``\\alpha``, ``lr``), a
word of :data:`~symlstm.latex.notation.LEARNING_RATE_WORDS` (``learning_rate`` read as the name ``learning``
with the subscript ``rate``), or a positive number. The update rule's reader (judging/updates.py) and the
cell builder (cell/authorcell.py, which must not take the right side of an update for a definition) share it.
"""
from __future__ import annotations

from ...latex.notation import LEARNING_RATE_NAMES, LEARNING_RATE_WORDS

__all__ = ["is_rate", "mentions_rate", "descent_step"]


def is_rate(node) -> bool:
    """Whether a node is a learning rate: a rate's name or word (no superscript, accent or prime), or a positive
    number."""
    if node[0] == "num":
        return float(node[1]) > 0
    if node[0] != "sym" or node[2] is not None or node[4] is not None or node[5]:
        return False
    if node[3] is None:
        return node[1] in LEARNING_RATE_NAMES or (node[1], None) in LEARNING_RATE_WORDS
    sub = node[3]          # learning_rate: the name learning with the subscript rate
    return len(sub) == 1 and sub[0][0] == "sym" and sub[0][2:] == (None, None, None, 0) and \
        (node[1], sub[0][1]) in LEARNING_RATE_WORDS


def mentions_rate(node) -> bool:
    """Whether a tree (a node, a list of nodes or signed terms) holds a rate's name anywhere."""
    if isinstance(node, tuple):
        if len(node) == 6 and node[0] == "sym" and is_rate(node):
            return True
        return any(mentions_rate(x) for x in node)
    if isinstance(node, list):
        return any(mentions_rate(x) for x in node)
    return False


def descent_step(node) -> bool:
    r"""A sum with a term that is a rate's name times something: the right side of an update
    (``W^{t+1} = W_{(in)}^t - \epsilon \sum_z \delta^{t-z} [z^{t-z-1}]^T``)."""
    return node[0] == "add" and any(
        t[0] == "mul" and any(f[0] == "sym" and is_rate(f) for f in t[1]) for _, t in node[1])
