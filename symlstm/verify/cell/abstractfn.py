r"""Rows that state the form of a cell through an abstract function, not a computation.

``h_t = f_{\Theta}(h_{t-1}, x_t)`` and ``y_t = g_{\Theta}(h_t)`` name an unspecified parametric function (a
one-letter name with a parameter subscript that no row defines; without the subscript, ``f(x_t, h_{t-1}, w)``
is read as a function of several arguments elsewhere); a function applied to its arguments is not a product. What such a row says depends on the cell the
text states later, so it is not checked: it is unreadable with that reason and builds no part of the cell.
So are the rows that differentiate such a function (``\frac{\partial g}{\partial h}(h_t)``,
``\frac{\partial f}{\partial \Theta}(h_{i-1}, x_i)``) or apply it.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS, LOSS_LABEL_WORDS, LOSS_NAMES
from ..text.latexparse import LatexError
from ..text.trees import merge_juxtaposed, walk
from .gatefunctions import labelled_functions

__all__ = ["abstract_rows", "PARAMETER_SUBSCRIPTS"]

#: Subscripts that name a function's parameters (f_\Theta: the function f with the parameters Theta).
PARAMETER_SUBSCRIPTS = frozenset({"Theta", "theta", "Phi", "phi", "psi", "Psi", "omega", "Omega", "vartheta",
                                  "param", "params", "W"})


#: Greek letters texts use as the name of an unspecified function: h_t = \phi(h_{t-1}, x_t; \theta).
GREEK_FUNCTIONS = frozenset({"phi", "varphi", "psi", "Phi", "Psi"})


def _letter(n) -> bool:
    return n[0] == "sym" and (len(n[1]) == 1 and n[1].isalpha() or n[1] in GREEK_FUNCTIONS) and \
        n[1] not in FUNCTION_WORDS and n[2] is None and n[4] is None and not n[5]


def _parameters_after_semicolon(b) -> bool:
    """f(h_{t-1}, x_t; \theta): the arguments, then the parameters after a semicolon."""
    return b[0] == "list" and len(b[2]) >= 2 and ";" in b[3]


def _param_sub(n) -> bool:
    sub = n[3]
    if not sub or len(sub) != 1:
        return False
    s = sub[0]
    while s[0] == "paren" and s[1] == "{":         # f_{{\Theta}}: a braced group
        s = s[2]
    return s[0] == "sym" and s[1] in PARAMETER_SUBSCRIPTS


def _lhs_letters(rows) -> set:
    out = set()
    for r in rows:
        if r is None or r[0] != "row" or len(r[1]) < 2:
            continue
        n = r[1][0]
        if n[0] == "sym" and (not n[3] or _param_sub(n)):    # f_t = \sigma(...) is a gate, not the function f_W
            out.add(n[1])
    return out


def _applications(node):
    """(letter, subscripted-by-parameters, argument count) of each one-letter name applied to a bracket."""
    for n in walk(node):
        if n[0] != "mul":
            continue
        items = n[1]
        for a, b in zip(items, items[1:]):
            if _letter(a) and b[0] in ("paren", "list") and b[1] == "(":
                yield a[1], _param_sub(a) or (a[1] in GREEK_FUNCTIONS and _parameters_after_semicolon(b)), \
                    len(b[2]) if b[0] == "list" else 1


def _differentiated(node) -> set:
    """Letters differentiated as functions: \\frac{\\partial f}{\\partial x}."""
    out = set()
    for n in walk(node):
        if n[0] == "frac" and n[1][0] == "pre" and n[1][1] in ("partial", "d") and n[1][3][0] == "sym":
            s = n[1][3]
            if _letter(s) and not s[3]:
                out.add(s[1])
    return out


def abstract_rows(rows, errors: dict, rests=None):
    """``rows`` (parse trees or None) with the rows of abstract functions set to None and their reason put in
    ``errors`` (index -> LatexError). With ``rests`` (a dict), derivatives of such a function at written
    arguments are first read through the row stating its form (formcalls.py) and ``rests`` gets row -> the form
    rows they rest on."""
    defined = _lhs_letters(rows)
    abstract = set()
    for r in rows:
        if r is None:
            continue
        for letter, param, nargs in _applications(r):
            if letter not in defined and param:     # f(x_t, h_{t-1}, w): read as a function of several arguments
                abstract.add(letter)
    abstract -= {letter for letter, _ in labelled_functions(rows).values()}   # f_\iota(a_\iota): gatefunctions.py
    if not abstract:
        return rows
    if rests is not None:       # \frac{\partial f}{\partial h}(h_{t-2}, x_{t-1}): through f's form row (formcalls.py)
        from .formcalls import form_calls
        rows, found = form_calls(rows, abstract)
        rests.update(found)
    out, labels = list(rows), None
    for k, r in enumerate(rows):
        if r is None:
            continue
        used = {letter for letter, param, _ in _applications(r) if letter not in GREEK_FUNCTIONS or param} & abstract
        # (\varphi(z^L) beside \varphi(X; W, b): the activation; only the application with parameters is the form)
        diff = _differentiated(r) & abstract
        if used or diff:
            f = sorted(used | diff)[0]
            out[k] = None
            shown = _labelled_application(r, f, labels if labels is not None else (labels := _labels(rows, abstract)))
            if shown:        # f_\phi(a_\phi) beside g_\phi, w_\phi: a gate's own function, not f_\Theta
                errors[k] = LatexError(f"{shown} is a function the derivation applies but never defines (no row "
                                       f"states it): a row {'differentiating' if diff else 'applying'} it cannot "
                                       f"be computed")
                continue
            name = f"\\{f}" if len(f) > 1 else f
            errors[k] = LatexError(f"{name} is an abstract function (stated as {name}_\\Theta(...) or {name}(...; "
                                   f"\\theta), a function of its parameters, never defined): a row "
                                   f"{'differentiating' if diff else 'applying'} it states the form of the cell, not "
                                   f"a computation that can be checked")
            if not diff:        # h_t = f_\Theta(h_{t-1}, x_t): its arguments are checked (judging/formrows.py)
                errors[k].form_tree = r
    return out


def _labels(rows, letters) -> set:
    r"""Subscript names the rows put on other names than the abstract letters (g_\phi, w_\phi: the label phi)."""
    out = set()
    for r in rows:
        if r is None:
            continue
        for n in walk(r):
            if n[0] == "sym" and n[1] not in letters and n[3] and len(n[3]) == 1 and n[3][0][0] == "sym":
                out.add(n[3][0][1])
    return out


def _labelled_application(row, letter, labels) -> str:
    r"""``f_{\phi}`` as written where the row applies ``letter`` with a subscript the rows use as a label; else ''."""
    for n in walk(row):
        if n[0] != "mul":
            continue
        for a, b in zip(n[1], n[1][1:]):
            if a[0] == "sym" and a[1] == letter and a[3] and len(a[3]) == 1 and a[3][0][0] == "sym" and \
                    a[3][0][1] in labels and b[0] in ("paren", "list"):
                sub = a[3][0][1]
                return f"{letter}_{{\\{sub}}}" if len(sub) > 1 else f"{letter}_{sub}"
    return ""


#: Loss letters that name the per-step loss FUNCTION, l(o_t, y_t) (d2l): applied, not dropped.
_LOSS_FUNCTIONS = ("l", "ell")


def _loss_call(a, b):
    """``L`` of ``L(\\hat y, y)``, the loss written with its arguments; None for any other two factors."""
    if a[0] == "sym" and a[1] in LOSS_NAMES and a[1] not in _LOSS_FUNCTIONS and a[2] is None and \
            b[0] == "list" and b[1] == "(":
        step = _common_step(b[2])
        if step is not None and not a[4] and a[3] and all(x[0] == "sym" and x[1] in LOSS_LABEL_WORDS for x in a[3]):
            return ("sym", a[1], None, [step], None, a[5])     # L_elt(g_u, y_u): the loss of step u
        return a
    return None


def _common_step(args):
    """The one script every argument carries (``(g_u, y_u)``: u), else None."""
    scripts = []
    for x in args:
        if x[0] != "sym" or not x[3] or len(x[3]) != 1 or x[4]:
            return None
        scripts.append(x[3][0])
    return scripts[0] if scripts and all(s == scripts[0] for s in scripts) else None


def _drop_loss_arguments(node):
    return merge_juxtaposed(node, _loss_call)


def loss_applications(rows):
    r"""``\sum_t L^t(\hat{y}^t, y^t)``: a loss applied to several arguments is the loss (the bracket names what
    it depends on, it is no factor)."""
    return [None if r is None else _drop_loss_arguments(r) for r in rows]
