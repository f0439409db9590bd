r"""Names written only in the prose's formulas: "Recall the projection $\mathbf{a}_{all} = \mathbf{W}_{all}
\mathbf{v}_t + \mathbf{b}_{all}$", "where $v_t = [h_{t-1}; x_t]$".

The prose defines these names, but a formula of the prose only names a part the rows write (texfile.py), so a
row that stops at such a name ("W_{all} is not defined in this derivation") stops at the reader's limit, not at
the author's error: it is unreadable, saying where the name is written. A name written nowhere still fails.
"""
from __future__ import annotations

__all__ = ["named_in_prose"]


def named_in_prose(results, equations, rows, time_var, prose=()) -> None:
    """The failed rows of ``results`` that stop at a name of the prose's formulas (``equations`` marked inline,
    and ``prose``: the other inline formulas) made unreadable, in place (module doc)."""
    from ..text.lhskeys import lhs_keys
    from ..text.names import NotReadable, Vocab, key_latex, keys_in
    from ..text.latexparse import LatexError
    from ..text.rowparse import parse_row
    vocab = Vocab(time_var=time_var)
    named = {}
    written = []
    for eq in prose:            # the prose's other formulas ("Recall ... $a_{all} = W_{all} v_t + b_{all}$")
        try:
            written.append((eq, parse_row(eq.text)))
        except (LatexError, RecursionError):
            continue
    for eq, tree in list(zip(equations, rows)) + written:
        if not (getattr(eq, "inline", False) or any(eq is e for e, _ in written)) or tree is None:
            continue
        try:
            keys, _ = lhs_keys(tree[1][0], vocab)
            keys = set(keys or ()) | set(keys_in(tree[1][1:], vocab))
        except NotReadable:
            continue
        for key in keys:
            named.setdefault(key_latex(key), eq.line)
    for r in results:
        if r.status != "fail" or "is not defined in this derivation" not in (r.why or ""):
            continue
        name = r.why.partition(" is not defined in this derivation")[0].rpartition(": ")[2].rpartition("; ")[2]
        if name in named:
            r.unread(f"{name} is written in the prose (line {named[name]}) but defined by no row the reader "
                     "runs: not read")
