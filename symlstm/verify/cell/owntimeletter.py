r"""A forward row restated in a time letter of its own: ``h_j = f(W_{hh} h_{j-1} + W_{xh} x_j + b_h)`` after the
cell was stated as ``h_t = f(W_{hh} h_{t-1} + W_{xh} x_t + b_h)`` ("Recall that: ...", before a Jacobian in j).

The row says the same thing for every step j as the cell's row says for every t: j is a dummy letter. Read with
its letter, ``h_j`` would be a new name (h with the label j) and the row a second cell. The row is read with the
cell's time letter in place of its own, so it is a restatement of the cell: a claim about it (a changed term
fails), never a definition. Only where the letter is one lower-case letter that is no step count, written as the
left side's whole subscript and as a step (``h_{j-1}``: a name at j minus or plus a number), bound by no sum or
product of the row, the row writes the cell's time letter nowhere, and the left side's name is one another forward
row defines at the cell's time letter (``h_t = ...``; ``h_z = \sigma(...)`` beside ``h = ...`` is a name of its own), and
every name the row reads is one the cell's rows write (a row with a weight of its own states another model).
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from ..text.lhskeys import lhs_keys
from ..text.names import NotReadable, keys_in
from ..text.trees import has_derivative, summed_letters, walk

__all__ = ["own_time_letter_rows"]

#: Letters that are no dummy step (counts, the last step, indices of components).
_NOT_STEPS = frozenset("TNn")


def _plain(letter):
    return ("sym", letter, None, None, None, 0)


def _swap(node, old, new):
    if node == old:
        return new
    if isinstance(node, tuple):
        return tuple(_swap(x, old, new) for x in node)
    if isinstance(node, list):
        return [_swap(x, old, new) for x in node]
    return node


def _shifted(tree, j) -> bool:
    """The row writes a name at a step ``j - c`` or ``j + c`` (h_{j-1}): j is a step, not a label."""
    for n in walk(tree):
        if n[0] != "sym" or not n[3] or len(n[3]) != 1:
            continue
        it = n[3][0]
        if it[0] == "add" and it[1] and it[1][0] == ("+", _plain(j)) and len(it[1]) == 2 and it[1][1][1][0] == "num":
            return True
    return False


def _step_elsewhere(rows, k, lhs, j) -> bool:
    """Another row writes ``lhs`` (the name at j) and a name at a step j - c or j + c: j is a step there."""
    return any(i != k and tree is not None and _shifted(tree, j) and any(n == lhs for n in walk(tree))
               for i, tree in enumerate(rows))


def own_time_letter_rows(rows, vocab):
    """``rows`` with each forward row written in a letter of its own (see the module) in the cell's letter."""
    t = vocab.time_var
    if not t:
        return rows
    defined = set()         # names a forward row defines at the cell's time letter (h_t = ...)
    written = set()         # names the forward rows write
    for tree in rows:
        if tree is None or len(tree[1]) < 2 or tree[2][0] != "=" or any(has_derivative(p) for p in tree[1]):
            continue
        lhs = tree[1][0]
        if lhs[0] != "sym" or not lhs[3] or lhs[3] != [_plain(t)] and lhs[3] != (_plain(t),):
            continue
        try:
            keys, _ = lhs_keys(lhs, vocab)
        except NotReadable:
            continue
        defined.update(keys or ())
        written |= keys_in(tree[1][1:], vocab)
    out = list(rows)
    new = {}            # letter j -> names a row in j defines that no row defines at t (a_k = W h_{k-1} + ...)
    for again in (False, True):
        for k, tree in enumerate(rows):
            if out[k] is not tree or tree is None or len(tree[1]) != 2 or tree[2][0] != "=" or \
                    any(has_derivative(p) for p in tree[1]):
                continue
            lhs = tree[1][0]
            if lhs[0] != "sym" or lhs[4] or not lhs[3] or len(lhs[3]) != 1 or lhs[3][0][0] != "sym" or \
                    lhs[3][0][2:] != (None, None, None, 0):
                continue
            j = lhs[3][0][1]
            if len(j) != 1 or not j.islower() or j == t or j in _NOT_STEPS or j in getattr(vocab, "bound", ()):
                continue
            if any(n[0] == "sym" and n[1] == t for n in walk(tree)) or j in summed_letters(tree):
                continue
            renamed = _swap(tree, _plain(j), _plain(t))
            try:
                own, _ = lhs_keys(lhs, vocab)
                keys, _ = lhs_keys(renamed[1][0], vocab)
            except NotReadable:
                continue
            reads = keys_in(renamed[1][1:], vocab) - set(FUNCTION_WORDS)
            if not keys or own == keys or not reads <= written | defined | new.get(j, set()):
                continue            # (a name the cell's rows never write: another model, not a restatement)
            # (D_k = diag(1 - h_k^2), with \partial h_k/\partial h_{k-1} = D_k W_h below: k is a step there)
            stepped = not again and not _shifted(tree, j) and not set(keys) <= defined and \
                _step_elsewhere(rows, k, lhs, j)
            if not again and not _shifted(tree, j) and not stepped:
                continue
            if again and not reads & new.get(j, set()):
                continue        # J_k = diag(f'(a_k)) W_h: in k only through a name a row in k defined
            if not set(keys) <= defined:
                if set(keys) & written and not stepped:
                    continue
                new.setdefault(j, set()).update(keys)       # a new name of the cell, stated in k (its definition)
            out[k] = renamed
    # (names first stated in another letter are the author's side definitions, J_k = diag(f'(a_k)) W_h: no output
    # of the cell for the reader's loss, authorcell._outputs)
    vocab.side_names = set().union(*new.values()) if new else set()
    return out
