r"""Claims that read a name only unreadable forward rows define: ``\frac{\partial L}{\partial \phi} =
\frac{\partial L}{\partial \hat{y}} \frac{\partial \hat{y}}{\partial \phi}`` where ``\hat{y} = g(h_T; \phi)`` is a
row the reader cannot run (laststep.py). The cell the claim is checked against is then not the author's (the
name has a stand-in value), so the claim is unreadable, never failed (nor passed) on it. Author errors (an
ill-typed forward row) are not the reader's limit and are not covered.
"""
from __future__ import annotations

from ..text.names import key_latex, keys_in

__all__ = ["claims_on_unread"]


def claims_on_unread(rows, forward, model, vocab, lo, hi) -> dict:
    """{row index: why} of the rows lo..hi outside ``forward`` that read such a name."""
    unread = getattr(model, "unread", set())
    if not unread:
        return {}
    bad = {k for k, d in forward.items() if d.row in unread}
    good = {key for k, d in forward.items() if k not in bad for key in d.keys}
    names = {key for k in bad for key in forward[k].keys if key not in vocab.inputs} - good
    if not names:
        return {}
    out = {}
    for k in range(lo, hi):
        if k in forward or rows[k] is None:
            continue
        try:
            read = keys_in(rows[k][1], vocab) & names
        except Exception:        # noqa: BLE001 - names not read here: left to the row's judge
            continue
        if read:
            said = ", ".join(sorted(key_latex(x) for x in read))
            out[k] = (f"it reads {said}, which only forward rows the reader cannot run define: checked against a "
                      f"stand-in for {said}, it is not read")
    return out
