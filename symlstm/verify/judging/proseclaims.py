r"""Equations the prose states in passing: ``Since $C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t$, we have``,
``From $h_t = o_t \odot \tanh(c_t)$:``, ``We have $i_t = \sigma(J_t)$, so``.

A sentence restates a row of the cell to lean on it; authors copy these by hand, and a restatement can be wrong
(``Since $C_t = \tilde{C}_t * i_t$`` for a cell that adds ``f_t * C_{t-1}``). Such a formula is a claim about the
cell the derivation's rows state, never a definition: it builds nothing (the judge keeps it out of the cell and of
the cells' segments), and it is reported only where it can be judged: its left side a quantity the forward rows
define, its verdict pass or fail. A formula in a sentence that names something new (``so $V_t = W_v h_t$`` where no
row defines V_t) or that the reader cannot judge is left out, as any other prose is; texfile._restated_claim picks
the candidates (one equation, a name on the left, no defining or asking word before it). A derivative of the
activation recalled so (``Using $\sigma'(x) = \sigma(x)(1 - \sigma(x))$``) is checked as an identity in its own
letters (identities.py).

The judge reads a ``where $z_t = ...$`` that the prose gives a name the rows already define (so it names no
written part) through this module too: it restates that name."""

from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS, LOSS_NAMES
from ..text.latexparse import LatexError
from ..text.lhskeys import lhs_keys as _lhs_keys
from ..text.names import NotReadable, resolve
from ..text.rowparse import parse_row
from ..text.trees import symbols
from .identities import identity_result

__all__ = ["prose_claim"]


def prose_claim(tree, eq, eq_row, forward, ev, judge, equations=()):
    """The result of the prose's formula ``tree`` (equation ``eq``, row ``eq_row``) judged against the cell by
    ``judge(tree, eq)``, or None when it is not a claim about a quantity the forward rows define or cannot be
    judged."""
    if tree is None or ev is None or len(tree[1]) != 2 or tree[2][0] != "=":
        return None
    try:
        keys, refs = _lhs_keys(tree[1][0], ev.vocab)
    except NotReadable:
        return None
    forward = {k: d for k, d in forward.items()      # (not the names a sentence gives a part: "Let $J_t = ...$")
               if not (d.row < len(equations) and getattr(equations[d.row], "inline", False))}
    defined = set().union(*(d.keys for d in forward.values())) if forward else set()
    derivative = keys is None and tree[1][0][0] in ("frac", "dfrac", "deriv", "partial")
    if keys is None and not derivative:     # "(Using $\\tanh'(z) = 1 - \\tanh^2(z)$)": an identity in its letters
        return identity_result(tree, eq, ev.vocab)
    chained = {key for key in keys or () if key not in defined and ev.vocab.known(key) and
               getattr(ev.vocab, "quantities", None) is not None and key in ev.vocab.quantities}
    if not derivative and (not keys or not set(keys) <= defined | chained or
                           any(r.transpose or r.power is not None or r.primes for r in refs)):
        return None
    first = {}
    for d in forward.values():
        for key in d.keys:
            first[key] = min(first.get(key, d.row), d.row)
    if not derivative and any(first.get(key, -1) > eq_row for key in keys):
        return None         # a sentence leans on rows stated before it
    known = _cell_names(forward, defined, ev, equations)
    read = _values(tree[1] if derivative else tree[1][1:], ev.vocab)
    named = set(getattr(ev, "_mark_names", {}).values())     # (not the parts a sentence named: "$J_t = ...$")
    if read is None or read & named or not read <= known or any(first.get(key, -1) > eq_row for key in read) or \
            derivative and not read & defined or any(key.split("_")[0] in LOSS_NAMES for key in read | set(keys or ())):
        return None         # "We have $i_t = \sigma(J_t)$" with J_t named by the prose only: not the cell's terms
    try:
        r = judge(tree, eq)
    except (RecursionError, ValueError, ArithmeticError, IndexError, KeyError, TypeError, AttributeError):
        return None
    if r.status == "unreadable" or "is not defined in this derivation" in (r.why or ""):
        return None
    r.reading = r.reading or "restated in the prose"
    return r


def _cell_names(forward, defined, ev, equations) -> set:
    """The names of the cell: what the forward rows define, its parameters and what the forward rows read (in
    every link of a chain: h_t = \\tanh(z_t) = \\tanh(W x_t)); once per segment (kept on ``ev``)."""
    cached = getattr(ev, "_prose_claim_names", None)
    if cached is not None and cached[0] == (id(equations), frozenset(forward)):
        return cached[1]
    known = set(defined) | set(getattr(getattr(ev, "model", None), "params", ()) or ())
    for d in forward.values():
        known |= _values([d.node], ev.vocab, lenient=True)
        if d.row < len(equations):
            try:
                known |= _values(parse_row(equations[d.row].text)[1], ev.vocab, lenient=True)
            except (LatexError, RecursionError):
                pass
    ev._prose_claim_names = ((id(equations), frozenset(forward)), known)
    return known


def _values(parts, vocab, lenient=False):
    """The keys of the quantities ``parts`` read (functions left out), or None when one is a loss, a gradient or
    cannot be read (``lenient``: those left out too)."""
    out = set()
    for p in parts:
        for n in symbols(p):
            if n[1] in FUNCTION_WORDS:          # tanh(C_t) without its backslash
                continue
            try:
                ref = resolve(n, vocab)
            except NotReadable:
                if lenient:
                    continue
                return None
            if ref.kind == "value":
                out.add(ref.key)
            elif ref.kind != "func" and not lenient:
                return None
    return out
