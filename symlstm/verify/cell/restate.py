r"""Whether forward rows that define names again restate the same cell or state another one.

A text may define its network twice: a scalar form (``\hat y_t = sigm(V s_t)``) and then a vector form
through new intermediate names (``g_t = V s_t``, ``\hat y_t = softmax(g_t)``). The second statement reads
names the first never read, as a restatement through intermediates does (``z_t = U x_t + W s_{t-1}``,
``s_t = tanh(z_t)``); what tells them apart is the nonlinearity: a restatement applies the same functions
to each name it defines again (once its new intermediate names are written out), another cell does not.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from ..text.names import NotReadable, keys_in
from ..text.trees import walk

__all__ = ["other_functions"]


def _functions(node) -> frozenset:
    return frozenset(FUNCTION_WORDS[n[1]][0] for n in walk(node)
                     if n[0] == "sym" and n[1] in FUNCTION_WORDS and FUNCTION_WORDS[n[1]][0] != "diag")


def other_functions(window, seen, first, rows, vocab) -> bool:
    """Some name the rows of ``window`` (pairs (row, keys)) define again is computed with other functions than
    its first definition (row ``first[key]``): the inlined new names of the window count as its own."""
    new = {}
    for k, keys in window:
        for key in keys - seen:
            new.setdefault(key, k)

    def closure(k, depth=0):
        funcs = set()
        for side in rows[k][1][1:]:
            funcs |= _functions(side)
            if depth < 6:
                try:
                    used = keys_in([side], vocab)
                except NotReadable:
                    continue
                for key in used:
                    if key in new and new[key] != k:
                        funcs |= closure(new[key], depth + 1)
        return funcs

    for k, keys in window:
        for key in keys & seen:
            if key not in first:
                continue
            before = set().union(*(_functions(side) for side in rows[first[key]][1][1:]))
            if before and closure(k) and closure(k) != before:
                return True
    return False
