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

__all__ = ["sliced_widths", "widen_arguments"]

# functions that keep their argument's width: a slice of sigmoid(a) is a slice of a as wide (temp_gate[:, H:2*H] for
# temp_gate = sigmoid(temp1) makes temp1 two blocks wide)
SAME_WIDTH = ("sigmoid", "sigma", "tanh", "relu", "exp", "expit", "softmax", "softplus")


def _multiple(tree) -> int:
    """k for a bound ``kH`` / ``k*H`` / ``H*k`` / ``H`` of the hidden size word, else 0."""
    if tree is None:
        return 0
    if tree[0] == "sym" and tree[4] is None and SIZE_WORDS.get(size_word(tree) or "") == "h":
        return 1
    if tree[0] == "mul" and len(tree[1]) == 2:
        for num, word in (tree[1], tree[1][::-1]):          # 2*H and H * 2
            if num[0] == "num" and num[1].isdigit():
                return int(num[1]) * _multiple(word)
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


def widen_arguments(defs, widths: dict, vocab) -> None:
    """Give ``k`` blocks to the argument of a definition ``g = f(a)`` (f in :data:`SAME_WIDTH`) that the rows
    slice ``k`` blocks wide and whose argument is one name defined by a single-name row: numpy's ``a`` has the
    width its function's value has."""
    by_key = {d.keys[0]: d for d in defs if len(getattr(d, "keys", ())) == 1}
    for key, k in list(widths.items()):
        d = by_key.get(key)
        node = getattr(d, "node", None)
        if node is None or node[0] != "mul" or len(node[1]) != 2 or any(op is not None for op in node[2]):
            continue
        f, arg = node[1]
        if f[0] != "sym" or f[1] not in SAME_WIDTH or f[3] or f[4] or arg[0] != "paren" or arg[2][0] != "sym":
            continue
        try:
            inner = resolve(arg[2], vocab).key
        except NotReadable:
            continue
        if inner in by_key and by_key[inner].width < k:
            by_key[inner].width = k
