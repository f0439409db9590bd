r"""``\delta_t`` (a time and no quantity) defined by a row of the file itself.

A row ``\delta^l_t = \frac{\partial loss}{\partial h_t}`` (AI-Edu's notes: a \delta with the step and at most a
one-letter label such as the layer l, equal to the loss's derivative by one quantity at that step) says what
the file's bare ``\delta_t`` is: the total gradient of that quantity (:mod:`..numeric.lonedelta` reads it so).
Only where every such row names the same quantity, at the row's own step.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, resolve

__all__ = ["lone_delta_definition"]


def _is_time(node, vocab) -> bool:
    return node[0] == "sym" and node[1] == vocab.time_var and not node[3] and not node[4]


def _label_ok(sup, vocab) -> bool:
    """No superscript, or one letter that is no step and no transpose (\\delta^l_t; not \\delta^T_k)."""
    if not sup:
        return True
    if len(sup) != 1 or sup[0][0] != "sym" or sup[0][3] or sup[0][4]:
        return False
    x = sup[0][1]
    return len(x) == 1 and x.isalpha() and x.islower() and x != vocab.time_var


def lone_delta_definition(rows, forward, vocab):
    """The key of the quantity whose loss gradient the rows define ``\\delta_t`` as, or None."""
    keys = set()
    for k, tree in enumerate(rows):
        if tree is None or k in forward or len(tree[1]) < 2 or tree[2][0] != "=":
            continue
        n = tree[1][0]
        if n[0] != "sym" or n[1] != "delta" or n[2] is not None or n[5] or not n[3] or len(n[3]) != 1 or \
                not _is_time(n[3][0], vocab) or not _label_ok(n[4], vocab):
            continue
        f = tree[1][1]
        if f[0] != "frac" or f[1][0] != "pre" or f[2][0] != "pre" or f[1][1] != "partial" or f[2][1] != "partial":
            continue
        if f[1][3][0] != "sym" or f[2][3][0] != "sym":
            continue
        try:
            loss, var = resolve(f[1][3], vocab), resolve(f[2][3], vocab)
        except NotReadable:
            continue
        if loss.key not in LOSS_NAMES or loss.time is not None or var.key not in vocab.quantities or \
                var.time is None or var.time != n[3][0] or var.word or var.transpose or var.power is not None or \
                var.index or var.block or var.primes:
            keys.add(None)              # \delta_t = something else: the file's \delta_t is not one gradient
            continue
        keys.add(var.key)
    return next(iter(keys)) if len(keys) == 1 and None not in keys else None
