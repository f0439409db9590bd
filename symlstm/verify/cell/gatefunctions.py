r"""Activation functions a text applies but never defines: each an arbitrary smooth function of its own.

``g_\iota^{(t)} = f_\iota(a_\iota^{(t)})``, ``\mathbf{z}_h^{(t)} = f_h(g_\omega^{(t)} f_s(\mathbf{s}^{(t)}))``: the
text names the functions f_\iota, f_h, f_s only in prose ("f_* activation functions, e.g. logistic"). What it
derives must then hold whatever they are, so each is read as a different smooth function (tanh(a x + b) + c x,
coefficients of its own, numprod.abstract_fn) with its derivative ``f_\iota'``; a row right only for one
particular f (``\tanh'`` where ``f_h'`` is meant, ``f(1 - f)`` for ``f'``) fails.

Such a letter is read so only where nothing else can be meant: no row defines it, it is never written other than
applied to one bracketed argument (never bare, never differentiated as ``\partial f``, never of several
arguments: f_\Theta(h_{t-1}, x_t) states the form of a cell, abstractfn.py), and each subscript it carries is a
label the rows also put on other names (g_\iota, a_\iota, w_\iota: the gate's own function), never a time.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from ..text.trees import walk
from ..numeric.fncoeffs import function_coefficients as coefficients

__all__ = ["labelled_functions", "coefficients"]

#: Subscripts that are a time or a step, never a gate's label (f_t is the forget gate at t).
_TIMES = frozenset({"t", "tau", "T", "k", "n", "i", "j", "l", "s_t"})
_LETTERS = frozenset({"f", "g", "phi", "varphi", "psi"})


def _sub_label(n):
    sub = n[3]
    if not sub or len(sub) != 1:
        return None
    s = sub[0]
    while s[0] == "paren" and s[1] == "{":
        s = s[2]
    if s[0] != "sym" or s[2] is not None or s[3] or s[4] or s[5]:
        return None
    return s[1]


def labelled_functions(rows) -> dict:
    r"""{key (``f_iota``): (letter, label)} of the functions f_q the rows apply as described above; {} if none."""
    rows = [r for r in rows if r is not None]
    lhs, applied, other, labels = set(), {}, set(), set()
    for r in rows:
        if r[0] == "row" and len(r[1]) >= 2:
            for side in r[1][:-1]:
                for n in walk(side):
                    if n[0] == "sym":
                        lhs.add(n[1])
                    if n[0] == "mul":
                        lhs.update(a[1] for a in n[1] if a[0] == "sym")
        in_position = set()
        for n in walk(r):
            if n[0] == "mul":
                for a, b, op in zip(n[1], n[1][1:], n[2][1:]):
                    if a[0] == "sym" and a[1] in _LETTERS and op is None and b[0] in ("paren", "list") and \
                            b[1] == "(":
                        in_position.add(id(a))
                        label = _sub_label(a)
                        if b[0] == "list" or label is None or a[2] is not None or a[4]:
                            other.add(a[1])
                        else:
                            applied.setdefault(a[1], set()).add(label)
        for n in walk(r):
            if n[0] != "sym":
                continue
            if n[1] in _LETTERS and id(n) not in in_position:
                other.add(n[1])             # f bare, f_q without a bracket, \partial f: not only applied
            label = _sub_label(n)
            if label is not None and n[1] not in _LETTERS:
                labels.add(label)
    out = {}
    for letter, subs in applied.items():
        if letter in other or letter in lhs or letter in FUNCTION_WORDS or \
                any(s in _TIMES or s not in labels for s in subs):
            continue
        out.update({f"{letter}_{s}": (letter, s) for s in subs})
    return out
