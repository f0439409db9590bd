r"""A restated cell that leaves names to the cell stated before it.

A text may state its model twice: a bias-free LSTM in prose, then the code's cell with biases, where some
statements are left out (blanks for the students: ``f =``, ``i =``, ``o =``). The second statement starts a
new cell (judge.py ``_segments``), and the rows it leaves out make the reader take their names (the gate o)
for inputs of that cell, while an earlier cell computes them. The reader cannot take the earlier definitions
over (the restatement changed other rows: biases, names), so how the new cell computes those names, and
every gradient through them, is not known: its backward rows are unreadable, and so is a forward row reading
such a name, never a fail against a guessed cell.
"""
from __future__ import annotations

from ..text.lhskeys import lhs_keys as _lhs_keys
from ...latex.notation import FUNCTION_WORDS
from ..text.names import NotReadable, key_latex, keys_in
from ..text.trees import number_matrix, number_value

__all__ = ["earlier_keys", "left_to_earlier", "right_keys", "why"]

WHY = ("{names} {verb} computed by the cell stated before (line {line}) but by no row of this restated cell, "
       "which the reader takes for {what}: the restated cell (and every gradient through {it}) is not known")


def earlier_keys(rows, lo, vocab) -> dict:
    """Key -> row index of the names defined (``name = ...``) by the rows before row ``lo`` from a name those rows
    define or from nothing (an embedding ``e_t = W_{emb}[word\\_idx]``, from a weight and an input alone, is an
    input of any cell that reads it: a decoder restating the cell takes it as its own input, and nothing is left
    out; a constant, ``c^{(0)} = 0``, is the earlier cell's own)."""
    out, reads = {}, {}
    for k, tree in enumerate(rows[:lo]):
        if tree is None or len(tree[1]) < 2 or tree[2][0] != "=":
            continue
        if len(tree[1]) == 2 and tree[1][0][0] == "sym" and tree[1][0][1][:1].isupper() and \
                (number_matrix(tree[1][1]) or number_value(tree[1][1])):
            continue        # W_{hh} = (0.1 0.4; -0.2 0.6): a weight's value in a worked example, a parameter still
        try:
            keys, _ = _lhs_keys(tree[1][0], vocab)
        except (NotReadable, Exception):       # noqa: BLE001 - a left side the names cannot read
            continue
        for key in keys or ():
            out.setdefault(key, k)
        reads[k] = right_keys(tree, vocab)
    return {key: k for key, k in out.items() if not reads.get(k) or reads[k] & out.keys()}


def right_keys(tree, vocab):
    """The keys a row's right sides read (function words left out), or None where they cannot be read."""
    if tree is None or len(tree[1]) < 2:
        return None
    try:
        return keys_in(tree[1][1:], vocab) - FUNCTION_WORDS.keys()
    except (NotReadable, Exception):       # noqa: BLE001 - a right side the names cannot read
        return None


def left_to_earlier(earlier, vocab) -> dict:
    r"""Those of ``earlier`` (key -> row) that the built cell reads as inputs or parameters and defines nowhere
    (not the target ``y`` of an output ``\hat y`` the built cell defines)."""
    # (y beside the restated cell's own output \hat y is the target of that output, not an earlier cell's y_t)
    return {key: k for key, k in earlier.items()
            if (key in vocab.inputs or key in vocab.params) and key not in vocab.quantities and
            f"hat:{key}" not in vocab.quantities}


def why(left, equations) -> str:
    keys = sorted(left)
    line = min(equations[left[k]].line for k in keys)
    many = len(keys) > 1
    return WHY.format(names=", ".join(key_latex(k) for k in keys), verb="are" if many else "is", line=line,
                      what="given inputs" if many else "a given input", it="them" if many else "it")
