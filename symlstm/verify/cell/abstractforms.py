r"""A forward row that states the form of the cell through a letter no row defines, before the cell itself.

Slides and notes often open with the form of the recurrence, ``h_t = f(h_{t-1}, x_t)``, and then spell out the
cell, ``h_t = \tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h)``. The letter ``f`` (one letter, no script, no function
word, defined by no row, applied to two or more names split by commas) is an unspecified function: the first row
says only what ``h_t`` depends on. When another forward row defines the same name concretely, that row defines the
cell and the form is no computation to check: it is unreadable with that reason (a claim that h_t is *some*
function of these arguments only is not one the reader checks). Alone (no concrete row), the row keeps its place
as the definition (abstractfn.py and paramcalls.py read the written kinds of such functions).
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS

__all__ = ["defer_abstract_forms"]


def _letter(n, defined) -> bool:
    return n[0] == "sym" and len(n[1]) == 1 and n[1].isalpha() and n[2] is None and not n[3] and \
        n[4] is None and not n[5] and n[1] not in FUNCTION_WORDS and n[1] not in defined


def _applied_letter(body, defined):
    """The letter when ``body`` is one undefined letter applied to a bracket (``f(h_{t-1}, x_t)``), else None."""
    if body[0] != "mul" or len(body[1]) != 2 or body[2][1] is not None:
        return None
    a, b = body[1]
    if _letter(a, defined) and b[0] == "list" and b[1] == "(" and len(b[2]) >= 2 and \
            all(x[0] == "sym" for x in b[2]) and set(b[3] or ()) <= {","}:
        return a[1]         # f(h_{t-1}, x_t): names only (f(W x_t + b) is an activation applied to a computation)
    return None


def defer_abstract_forms(cands, defined_letters):
    """(cands with the abstract forms put after the rows that define the same names concretely, {row: why})
    for the forward candidates ``cands`` (row, keys, refs, parts, rels); ``defined_letters``: the bare letters
    the rows define (``f`` of ``f_t``), which are quantities, not unspecified functions."""
    forms, why = [], {}
    for c in cands:
        k, keys, _, parts, rels = c
        if len(parts) != 2 or rels[0] != "=":
            continue
        letter = _applied_letter(parts[1], defined_letters)
        if letter is None:
            continue
        if any(o is not c and set(o[1]) & set(keys) and _applied_letter(o[3][-1], defined_letters) is None
               for o in cands):
            forms.append(c)
            why[k] = (f"{letter} is a function no row defines: the row states the form of the cell (what it "
                      f"depends on), which the row defining it spells out; not a computation that can be checked")
    if not forms:
        return cands, {}
    return [c for c in cands if c not in forms] + forms, why
