r"""Parts of a derivation that share no name: ``Y = W X`` with its gradients (a linear layer recalled first), then
``h_t = \tanh(h_{t-1} W_h + x_t W_x + b)`` (the recurrent layer the notes go on to).

Such parts are separate cells: each is read on its own (its own layout, its own shapes), so a linear layer
written with column vectors does not make the row-vector RNN after it fail. A segment is split at a row where
every name the rows before it write (the loss, the time letters and functions apart) differs from every name the
rows from it on write, and each side states a forward row.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS, LOSS_NAMES
from ..text.names import keys_in

__all__ = ["disjoint_parts"]


def _names(tree, vocab) -> set:
    skip = set(LOSS_NAMES) | set(FUNCTION_WORDS) | {vocab.time_var, "T", "tau"}
    return {k for k in keys_in(tree[1], vocab) if k not in skip and k.split("_")[0] not in skip}


def disjoint_parts(segments, rows, forward_rows, vocab) -> list:
    """``segments`` ([(lo, hi)]) with each split where its rows fall into name-disjoint runs (module doc);
    ``forward_rows`` the indices of rows that state a forward row."""
    out = []
    for lo, hi in segments:
        start = lo
        names = [(k, _names(rows[k], vocab)) for k in range(lo, hi) if rows[k] is not None]
        for j in range(1, len(names)):
            k = names[j][0]
            before = set().union(*(n for i, n in names[:j] if i >= start))
            after = set().union(*(n for _, n in names[j:]))
            if before and after and not before & after and \
                    any(start <= i < k for i in forward_rows) and any(k <= i < hi for i in forward_rows):
                out.append((start, k))
                start = k
        out.append((start, hi))
    return out
