r"""Index notation read entry by entry.

A derivation in index notation (``a_{t,i} = \sum_{j=1}^{n} W_{ij} h_{t-1,j} + b_i``) is first read with one unit:
every quantity a scalar, so ``W_{ij}`` and ``W_{ji}`` are the same number and a transposed index passes. This
module reads the same rows a second time with vectors and matrices of one width ``n``, and checks each row at
every value ``1..n`` of its free component letters (``\partial L/\partial W_{ij} = \delta_i h_j``: at every
``(i, j)``), with the component letters a sum binds left to the sum. A row the one-unit reading passed and the
entry-by-entry reading fails (readably, with numbers) fails: the entries tell ``W_{ij}`` from ``W_{ji}``.

Only a fail on numbers overrides a pass; a row the entry-by-entry reading cannot read keeps its one-unit
verdict, and so does every row where the entry-by-entry reading cannot read the cell's own forward rows.
"""
from __future__ import annotations

import itertools
import re

from ..text.names import NotReadable, resolve
from ..text.trees import summed_letters, walk

#: at most this many assignments of a row's free component letters (n = 3 units: three letters)
MAX_ENTRIES = 27


def free_components(tree, vocab) -> tuple:
    """The component letters (``vocab.comp``) a row writes as indices outside every sum or product over them."""
    summed, written = summed_letters(tree), []
    for n in walk(tree):
        if n[0] != "sym" or not n[3]:
            continue
        try:
            ref = resolve(n, vocab)
        except NotReadable:
            continue
        written += [x for x in ref.index if x in vocab.comp and x not in written]
    return tuple(x for x in written if x not in summed)


def entry_points(points, letters, n) -> list:
    """``points`` ((step, {letter: value})) at every assignment of ``letters`` to ``1..n``."""
    combos = list(itertools.product(range(1, n + 1), repeat=len(letters)))[:MAX_ENTRIES]
    return [(tau, dict(env, **dict(zip(letters, combo)))) for tau, env in points for combo in combos]


def overrule(first, entries) -> list:
    """The results of the one-unit reading ``first``, with a pass turned into the entry-by-entry reading's
    fail where that reading failed the row on numbers, and read every forward row of the cell."""
    if len(first) != len(entries) or any((a.line, a.column, a.text) != (b.line, b.column, b.text)
                                         for a, b in zip(first, entries)):
        return first
    if any(b.reading == "forward" and b.status != "pass" for b in entries):
        return first
    out = []
    for a, b in zip(first, entries):
        if a.status == "pass" and b.status == "fail" and (
                b.holds is False and b.claimed is not None and (b.why or "").startswith("the sides differ") or
                _matrix_against_vector(b.why or "")):       # (on numbers, or a matrix against a vector: not a
            #                                                 shape the reading's one width gives)
            b.notes = list(b.notes) + ["read entry by entry (every value of the free indices); with one unit "
                                       "the row holds"]
            out.append(b)
        else:
            out.append(a)
    return out


def _matrix_against_vector(why: str) -> bool:
    r"""The left side is a matrix and the right side a vector, or the other way (``\partial E/\partial U`` beside
    ``\delta \cdot x``, x's transpose missing): ill-typed at every width above one."""
    m = re.match(r"the left side is (\d+)x(\d+) but the right side (\d+)x(\d+)", why)
    if m is None:
        return False
    a, b, c, d = map(int, m.groups())
    return min(a, b) > 1 and min(c, d) == 1 < max(c, d) or min(c, d) > 1 and min(a, b) == 1 < max(a, b)
