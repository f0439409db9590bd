r"""A row judged once under each meaning a name it leaves open can have: ``\frac{\partial E}{\partial W}`` with
W any labelled weight (genericweight.py), ``\frac{\partial L}{\partial W_x}`` with W_x any weight the rows apply
to x (inputweights.py). The callers decide from the verdicts; this module only reads them."""
from __future__ import annotations

from ..text.names import key_latex
from ..text.trees import walk

__all__ = ["by_names", "judged_as_each", "readings_listed"]


def by_names(tree):
    """The derivative fractions of a row whose variable is a name (``\\partial/\\partial W``), depth first."""
    for n in walk(tree):
        if n[0] == "frac" and n[2][0] == "pre" and n[2][1] in ("partial", "d") and n[2][3] is not None and \
                n[2][3][0] == "sym":
            yield n


def judged_as_each(key, meanings, judge, tree, eq, ev, strict, seconds) -> list:
    """``[(meaning, RowResult)]``: the row judged by ``judge`` with ``key`` read as each of ``meanings`` (an alias
    of the vocabulary, removed after each reading)."""
    out = []
    for p in meanings:
        ev.vocab.aliases[key] = p
        try:
            out.append((p, judge(tree, eq, ev, strict, seconds)))
        finally:
            ev.vocab.aliases.pop(key, None)
    return out


def readings_listed(results) -> str:
    """``as W_{hh}: pass; as W_{hx}: fail (why)``: each reading's verdict, for a message."""
    return "; ".join(f"as {key_latex(p)}: {r.status}" + (f" ({r.why[:120]})" if r.status != "pass" and r.why else "")
                     for p, r in results)
