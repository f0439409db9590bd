"""The names the left side of a forward row defines: ``h_t``, ``[a; i; f]``, ``L(x_1, ..., w_o)``."""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from .names import NotReadable, resolve

__all__ = ["lhs_keys"]


def lhs_keys(part, vocab):
    """The keys a left side defines (one name, a stacked column or a list of names) and their references,
    else (None, None)."""
    if part[0] == "paren" and part[1] == "{":
        part = part[2]
    if part[0] == "mul" and len(part[1]) == 2 and part[1][0][0] == "sym" and part[1][0][1] in LOSS_NAMES \
            and part[1][1][0] in ("list", "paren"):      # L(x_1, \ldots, w_o) = ...: the loss and its arguments
        part = part[1][0]
    if part[0] == "sym":
        try:
            r = resolve(part, vocab)
        except NotReadable:             # \delta_s^{(t)\rightarrow(t-1)}: no name a forward row defines
            return None, None
        if r.primes and not r.word:     # X' = [h_r h, x], c'_t = \tanh(...): a name with a prime
            from dataclasses import replace
            r = replace(r, key=r.key + "'" * r.primes, primes=0)
        return (r.key,), [r]
    if part[0] == "matrix" and (all(len(r) == 1 for r in part[1]) or len(part[1]) == 1):
        # \begin{bmatrix} a \\ i \end{bmatrix} = ...; a row's blocks side by side, [a_i & a_f] = A (batch rows)
        items = [r[0] for r in part[1]] if all(len(r) == 1 for r in part[1]) else list(part[1][0])
        refs = [resolve(x, vocab) for x in items if x[0] == "sym"]
        if len(refs) == len(items):
            return tuple(r.key for r in refs), refs
    if part[0] == "list" or (part[0] == "paren" and part[1] == "[" and part[2][0] == "mul"):
        items = part[2] if part[0] == "list" else part[2][1]
        refs = [resolve(x, vocab) for x in items if x[0] == "sym"]
        if len(refs) == len(items):
            return tuple(r.key for r in refs), refs
    return None, None
