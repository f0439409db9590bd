r"""A weight written without the label that tells two cells' weights apart: ``\partial L/\partial W_u`` in the
backward pass of a decoder whose forward rows write ``\mathbf{W}^{dec}_u`` (beside the encoder's
``\mathbf{W}^{enc}_u``).

The name is defined by no row, but it is a defined parameter's name with a label word left off (``W_u`` for
``W^{dec}_u``, ``b_h`` for ``b^{dec}_h``): a shortening, not an undefined weight. Where exactly one parameter of
the cell shortens so, the row is judged with the short name read as that parameter, and the verdict says so; where
several do, which one is meant is not stated and the row is unreadable, never failed on the name. A name that is
another parameter's with letters more (``W_h`` beside ``W_{hh}``, ``W`` beside ``W_{xh}``: generic weights,
genericweight.py) is no shortening: a label is a word of three letters or more (``dec``, ``enc``, ``out``) after
a subscript the short name keeps.
"""
from __future__ import annotations

import re

from ..text.names import key_latex
from .renamedparams import _keys, judged_as

__all__ = ["shortened_parameter"]

_UNDEFINED = re.compile(r"^(?P<name>.+?) is not defined in this derivation$")


def _candidates(new: str, params) -> list:
    """The parameters whose key is ``new``'s with a label word after its subscript (``W_u``: ``W_udec``)."""
    base, _, sub = new.partition("_")
    out = []
    for p in params:
        pb, _, psub = p.partition("_")
        if sub and pb == base and psub.startswith(sub) and re.fullmatch(r"[A-Za-z]{3,}", psub[len(sub):]):
            out.append(p)
    return sorted(out)


def shortened_parameter(r, tree, ev, judge):
    """``r``, or the row judged with a shortened weight's name read as the one parameter it shortens (module doc);
    unreadable where it shortens several."""
    if r.status != "fail" or tree is None:
        return r
    m = _UNDEFINED.match(r.why or "")
    if m is None:
        return r
    vocab = ev.vocab
    new = [k for k in _keys(tree, vocab) if not vocab.known(k) and k not in vocab.aliases and
           key_latex(k) == m["name"]]
    if len(new) != 1:
        return r
    found = _candidates(new[0], vocab.params)
    if not found:
        return r
    if len(found) > 1:
        r.status, r.holds = "unreadable", None
        r.why = (f"{m['name']} is not defined in this derivation; the rows define "
                 f"{', '.join(key_latex(k) for k in found)}: which one it shortens is not stated")
        return r
    r2 = judged_as(ev, new[0], found[0], judge)
    if r2.status == "unreadable":
        return r
    r2.why = "; ".join(x for x in (r2.why, f"{m['name']} read as {key_latex(found[0])} (the label "
                                            f"{found[0].partition('_')[2][len(new[0].partition('_')[2]):]} left off)")
                       if x)
    return r2
