r"""Functions written with their parameters after a semicolon: ``o_t = o(x_t, h_{t-1}; W_o)``,
``h_t = f(x_t, h_{t-1}; \psi)``, ``\hat{y} = g(h_T; \phi)``; so is an activation written so,
``o_t = \sigma(x_t, h_{t-1}; W_o)``, ``\tilde{c}_t = \tanh(x_t, h_{t-1}; W_g)`` (a gate with its weights, as wide as
the state: not the activation of the stacked arguments).

A one-letter (or Greek) name with no subscript, superscript or accent applied to a bracket whose arguments are
split by a semicolon states an arbitrary smooth function of the arguments before the semicolon with the
parameters after it. The letter may also name a quantity at a time (``o_t = o(...)``: the gate o_t made by the
function o), so the function is renamed \operatorname{o} (key ``operatorname:o``) in the rows: the bare letter
applied to its arguments is the function, ``o_t`` the quantity. numeric/paramcall.py gives the function its
values (vectors: a generic smooth map, coefficients of its own, so a claim that holds only for one particular
function fails).
"""
from __future__ import annotations

__all__ = ["parameter_calls", "call_keys", "ACCENT"]

#: The accent the renamed function letters carry (key ``operatorname:o``, shown as \operatorname{o}).
ACCENT = "operatorname"


def _letter(n) -> bool:
    return n[0] == "sym" and n[2] is None and n[3] is None and n[4] is None and not n[5] and \
        (len(n[1]) == 1 and n[1].isalpha() or n[1] in ("phi", "varphi", "psi", "ell", "sigma", "tanh"))


def _param_list(b) -> bool:
    return b[0] == "list" and b[1] == "(" and ";" in (b[3] or ()) and len(b[2]) >= 2


def _fix(n, found):
    if isinstance(n, list):
        return [_fix(x, found) for x in n]
    if not isinstance(n, tuple) or not n:
        return n
    if n[0] == "mul" and len(n) == 3:
        items, ops = n[1], n[2]
        new = [_fix(x, found) for x in items]
        for k in range(len(items) - 1):
            a, b = items[k], items[k + 1]
            if _letter(a) and ops[k + 1] is None and _param_list(b):
                new[k] = ("sym", a[1], ACCENT, None, None, 0)
                found.add(f"{ACCENT}:{a[1]}")
        return ("mul", new, ops)
    return tuple(_fix(x, found) if isinstance(x, (tuple, list)) else x for x in n)


def parameter_calls(rows):
    """``rows`` with every function letter applied to ``(arguments; parameters)`` renamed (see above)."""
    found: set = set()
    out = [None if r is None else _fix(r, found) for r in rows]
    return out if found else rows


def call_keys(rows) -> set:
    """Keys of the functions so renamed in ``rows`` (after :func:`parameter_calls`)."""
    out = set()

    def walk(n):
        if isinstance(n, list):
            for x in n:
                walk(x)
        elif isinstance(n, tuple) and n:
            if n[0] == "sym" and n[2] == ACCENT:
                out.add(f"{ACCENT}:{n[1]}")
            for x in n[1:]:
                if isinstance(x, (tuple, list)):
                    walk(x)
    for r in rows:
        if r is not None:
            walk(r)
    return out
