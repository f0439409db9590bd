r"""A loss row the prose before it names: "Compute the cross entropy" above ``loss += -mean(\log(p_t) \odot y_t)``.

A row that defines the loss is the reader's loss: as a definition it cannot be wrong, unless the text says which
loss it computes. Code transcriptions and notes say it in the sentence before the row ("# Compute the cross
entropy", "交叉熵损失"); the row then claims to be that loss. The cross-entropy of a prediction ``p`` and its target
``y`` is a SUM over the classes, ``-\sum_k y_k \log p_k`` (a mean over the examples of a batch or over the steps
is taken of these sums). Written as the mean of the entries of ``y \odot \log p`` (``np.mean(targets *
np.log(outputs))``, a common slip) it is that sum divided by the number of classes: not the cross-entropy the
prose names, and not the loss whose gradient ``p - y`` the rows after it write. Such a row fails, and the cell's
loss is the cross-entropy the prose names (the mean read as the sum of the same entries).

Only this form is read: a loss name on the left (``=`` or ``+=``), on the right ``-mean(X)`` or ``mean(-X)`` with
``X`` an element-wise product (``\odot``, ``\circ``, ``*`` or juxtaposed) of one ``\log(p)`` and target names.
A dot product (``y \cdot \log p``, a sum already) or any other form is left as it is read. Nothing is evaluated.
"""
from __future__ import annotations

import re

from ...latex.notation import LOSS_NAMES

__all__ = ["CROSS_ENTROPY_PHRASES", "prose_losses", "named_loss_rows"]

#: Phrases of the prose before a row that name its loss the cross-entropy (matched without case and spaces).
CROSS_ENTROPY_PHRASES = ("cross entropy", "cross-entropy", "crossentropy", "交叉熵")

#: The end of a sentence between the phrase and the row: the phrase speaks of something else.
_SENTENCE_END = re.compile(r"[。！？；;]|\.(?![0-9a-z_])")

#: Element-wise products between the factors of X (None: juxtaposed, read element-wise for two vectors).
_ELEMENTWISE = (None, "odot", "circ", "star")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


_PHRASES = tuple(_norm(p) for p in CROSS_ENTROPY_PHRASES)


def _names_cross_entropy(block: str) -> bool:
    text = _norm(re.sub(r"\.(?=\s|$)", "。", block))      # a full stop before a space ends a sentence
    best = max((text.rfind(p) + len(p) for p in _PHRASES if p in text), default=-1)
    return best >= 0 and not _SENTENCE_END.search(text, best)


def prose_losses(equations, comments: dict) -> list:
    """The equations with ``named_loss = "crossentropy"`` where the comment lines between the equation before
    and it (its own line included) name the cross-entropy in their last sentence."""
    from dataclasses import replace
    out = []
    for j, eq in enumerate(equations):
        lo = equations[j - 1].line if j else 0
        block = " ".join(comments[n] for n in sorted(comments) if lo < n <= eq.line)
        out.append(replace(eq, named_loss="crossentropy") if block and _names_cross_entropy(block) else eq)
    return out


def _is_loss_name(node) -> bool:
    return node is not None and node[0] == "sym" and node[1] in LOSS_NAMES and node[2] is None


def _unminus(node):
    """(node without one leading minus, whether it had one)."""
    if node[0] == "add" and len(node[1]) == 1 and node[1][0][0] == "-":
        return node[1][0][1], True
    return node, False


def _mean_call(node):
    """``mean(A)``: A (the paren's body), or None."""
    if node[0] == "mul" and len(node[1]) == 2 and node[1][0][:2] == ("sym", "mean") and \
            node[1][0][2] is None and node[1][0][3] is None and node[1][0][4] is None and node[1][1][0] == "paren" \
            and node[1][1][1] == "(" and node[2][1] is None:
        return node[1][1][2]
    return None


def _entries_of_ce(node) -> bool:
    r"""``y \odot \log(p)``: one log with its argument, the other factors target names, multiplied element-wise."""
    if node[0] != "mul":
        return False
    factors, ops = node[1], node[2]
    logs = [k for k, f in enumerate(factors) if f[:2] == ("sym", "log") and f[2] is None and f[3] is None]
    if len(logs) != 1 or logs[0] + 1 >= len(factors):
        return False
    k = logs[0]
    others = [f for j, f in enumerate(factors) if j not in (k, k + 1)]
    if not others or any(f[0] != "sym" or f[1] == "log" for f in others):
        return False
    return all(op in _ELEMENTWISE for j, op in enumerate(ops) if j and j != k + 1) and ops[k + 1] is None


def _mislabelled(tree):
    """The loss row's tree with the mean read as the sum of the same entries, or None."""
    if tree is None or tree[0] != "row" or len(tree[1]) != 2 or tree[2][0] not in ("=", "+="):
        return None
    lhs, rhs = tree[1]
    if not _is_loss_name(lhs if lhs[0] == "sym" else None):
        return None
    body, minus = _unminus(rhs)
    arg = _mean_call(body)
    if arg is None:
        return None
    inner, inner_minus = _unminus(arg)
    if minus == inner_minus or not _entries_of_ce(inner):
        return None
    summed = ("big", "sum", None, None, body[1][1])
    return ("row", [lhs, ("add", [("-", summed)]) if minus else summed], tree[2])


def named_loss_rows(rows, equations):
    """(rows, {(line, column): why}): each loss row the prose calls the cross-entropy but written as the mean of
    the entries of ``y \\odot \\log p`` is read as the cross-entropy (the sum) and fails with the why."""
    failing = {}
    out = list(rows)
    for k, eq in enumerate(equations):
        if getattr(eq, "named_loss", "") != "crossentropy" or k >= len(rows):
            continue
        fixed = _mislabelled(rows[k])
        if fixed is not None:
            out[k] = fixed
            failing[(eq.line, eq.column)] = (
                "the prose calls this loss the cross-entropy, -\\sum_k y_k \\log p_k (a sum over the classes), but "
                "the row takes the mean of the entries of y \\odot \\log p: the cross-entropy divided by the number "
                "of classes. The other rows are read with the cross-entropy the prose names")
    return out, failing
