r"""A segment that states two unrelated models one after the other: notes on a framework's layers state a
linear layer in columns (``Y = W X``, its gradients) and then an RNN in rows (``h_t = \tanh(h_{t-1} W_h +
x_t W_x + b)``). No name of the second is a name of the first, and one layout cannot read both: the RNN row
fails as "a column vector times a matrix on its right".

:func:`disjoint_split` finds where such a second model starts (the first forward row from which on the
forward rows share no name with the forward rows before it); :func:`forward_failures` counts the forward
rows a reading could not run. The judge reads the two parts apart only when that reads more forward rows
than one reading of the whole segment (judge.py): a generic ``W`` beside ``W_{hh}``, or twin systems
``S_k``/``s_k``, also share no name, but one reading runs all their rows, and they stay one model.
"""
from __future__ import annotations

from ..text.lhskeys import lhs_keys
from ..text.names import NotReadable, Vocab, keys_in
from ..text.trees import has_derivative

__all__ = ["disjoint_split", "forward_failures"]


def _forward_names(rows, lo, hi, time_var):
    """[(row, every name the forward row defines or reads)] of rows lo..hi, in order."""
    v = Vocab(time_var=time_var)
    out = []
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or tree[0] != "row" or len(tree[1]) != 2 or tree[2][0] != "=" or \
                any(has_derivative(p) for p in tree[1]):
            continue
        try:
            keys, _ = lhs_keys(tree[1][0], v)
        except NotReadable:
            continue
        if not keys:
            continue
        out.append((k, set(keys) | keys_in(tree[1][1:], v)))
    return out


def disjoint_split(rows, lo, hi, time_var) -> int | None:
    """The row where a second, name-disjoint model starts in rows lo..hi, or None.

    Each part states at least one forward row; the forward rows after the split read or define none of the
    names the forward rows before it read or define.
    """
    fwd = _forward_names(rows, lo, hi, time_var)
    for j in range(1, len(fwd)):
        before = set().union(*(names for _, names in fwd[:j]))
        after = set().union(*(names for _, names in fwd[j:]))
        if not before & after:
            return fwd[j][0]
    return None


def forward_failures(results) -> int:
    """How many forward rows of a reading failed or could not be read (every row, when none could run)."""
    return sum(1 for r in results if r.status != "pass" and
               (r.reading == "forward" or (r.why or "").startswith("the forward equations could not be run")))
