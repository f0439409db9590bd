r"""Forward rows that rest on names only unreadable rows define.

A forward row passes as a definition: it introduces its name, and nothing it says can be wrong. That is sound
only while the names it reads are the cell's. A name whose every defining row is unreadable
(``z_{b,j} = \mathrm{storage}_{b,\ h+j}``: a layout the reader cannot read) is not known to the reader, and a row
reading it (``\mathrm{gin}_{b,j} = go_{b,j} \cdot (1 - z_{b,j}) \cdot (1 - n_{b,j}^2)``) is then not a definition the
reader can accept: as a definition it would pass whatever it says (a sign flipped, a factor dropped). Such a row is
unreadable, and so, in turn, is every forward row reading what it defines.
"""
from __future__ import annotations

from ..text.names import key_latex, keys_in

__all__ = ["resting_on_unread"]


def resting_on_unread(rows, forward, model, vocab) -> dict:
    """{row index: why} of the forward rows that read a name only unreadable rows define (transitively)."""
    unread = getattr(model, "unread", set())
    if not unread:
        return {}
    out, changed = {}, True
    while changed:
        changed = False
        bad = {k for k, d in forward.items() if d.row in unread or k in out}
        readable = {key for k, d in forward.items() if k not in bad for key in d.keys}
        # (a name the cell reads as an input, y beside \hat{y}, is known whatever an unreadable row says of it)
        unknown = {key for k in bad for key in forward[k].keys if key not in vocab.inputs} - readable
        for k, d in forward.items():
            if k in bad or rows[k] is None:
                continue
            try:
                # grg for grg_{b,j}: the array of the components, its indices dropped (an input of the rows)
                read = {x for x in keys_in(rows[k][1][1:], vocab) if x in unknown or
                        x not in vocab.quantities and any(u.startswith(x + "_") for u in unknown)}
            except Exception:           # noqa: BLE001 - a row whose names are not read here: left alone
                continue
            if read:
                names = ", ".join(sorted(key_latex(x) for x in read))
                out[k] = (f"it reads {names}, which only unreadable rows define: as a definition it would hold "
                          f"whatever it says, not read")
                changed = True
    return out
