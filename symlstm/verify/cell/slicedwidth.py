r"""The width of a quantity the rows slice in quarters: ``i_t = \sigma(p_t[0{:}H])``, ..., ``g_t = \tanh(p_t[3H{:}4H])``.

Code-like notes compute the four gates' pre-activations with one matrix and slice the result by the hidden size
``H``: the sliced quantity is then ``4H`` wide, which nothing else states (its weight's shape comes from its use).
The widest upper bound ``kH`` of a slice on a quantity's name (a whole multiple of one size word,
:data:`~symlstm.verify.numeric.slices.SIZE_WORDS` for the hidden width) makes its definition ``k`` blocks wide,
as a stack ``z = [a; i; f; o]`` does.
"""
from __future__ import annotations

from ..numeric.slices import SIZE_WORDS, _read, size_word
from ..text.names import NotReadable, resolve
from ..text.trees import nodes

__all__ = ["sliced_widths"]


def _multiple(tree) -> int:
    """k for a bound ``kH`` / ``k*H`` / ``H`` of the hidden size word, else 0."""
    if tree is None:
        return 0
    if tree[0] == "sym" and tree[4] is None and SIZE_WORDS.get(size_word(tree) or "") == "h":
        return 1
    if tree[0] == "mul" and len(tree[1]) == 2 and tree[1][0][0] == "num" and tree[1][0][1].isdigit():
        return int(tree[1][0][1]) * _multiple(tree[1][1])
    return 0


def sliced_widths(rows, vocab) -> dict:
    """{key: k} for every name the rows slice up to ``kH`` with k > 1; a slice open at the top after blocks of one
    H each (``a[:, 3*H:]`` beside ``a[:, 2*H:3*H]``) is one more block."""
    out, last, uneven = {}, {}, set()
    for n in nodes(rows, "sym"):
        for item in n[3] or ():
            if not (isinstance(item, tuple) and item[0] == "slice"):
                continue
            try:
                axes = _read(item[1])
                key = resolve((n[0], n[1], n[2], [x for x in n[3] if x is not item] or None, None, 0), vocab).key
            except (NotReadable, TypeError, IndexError, ValueError):
                continue
            for lo, hi, _a, _b in axes:
                k = _multiple(hi)
                if k > 1:
                    out[key] = max(out.get(key, 0), k)
                if hi is None and lo is not None and _multiple(lo):
                    last[key] = max(last.get(key, 0), _multiple(lo) + 1)      # a[:, 3*H:]: the fourth block
                elif hi is not None and k and (lo is None or _multiple(lo)) and k - (_multiple(lo) if lo else 0) != 1:
                    uneven.add(key)
    for key, k in last.items():         # (only where every closed slice is one block of H)
        if key not in uneven and k > 1:
            out[key] = max(out.get(key, 0), k)
    return out
