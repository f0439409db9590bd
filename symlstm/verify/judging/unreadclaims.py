r"""Claims that read a name only unreadable forward rows define: ``\frac{\partial L}{\partial \phi} =
\frac{\partial L}{\partial \hat{y}} \frac{\partial \hat{y}}{\partial \phi}`` where ``\hat{y} = g(h_T; \phi)`` is a
row the reader cannot run (laststep.py). The cell the claim is checked against is then not the author's (the
name has a stand-in value), so the claim is unreadable, never failed (nor passed) on it. Author errors (an
ill-typed forward row) are not the reader's limit and are not covered.
"""
from __future__ import annotations

from ..text.names import key_latex, keys_in

__all__ = ["claims_on_unread", "passes_on_stand_ins"]


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


def passes_on_stand_ins(out, starts, rows, forward, model, vocab) -> None:
    r"""A passing claim each of whose terms differentiates a name only failing forward rows define (``\frac{\partial y}{\partial
    h_t} = 7 \frac{\partial y}{\partial h_{t+1}} W_{hh}`` where ``y = W_{hy} h_n + b_y`` failed): the row's name
    has a stand-in value, through which no gradient flows, so the claim holds only vacuously (0 = 0): unreadable
    (in place). A failing claim keeps its verdict (it fails whatever the stand-in), as a claim on a name a
    readable row defines does."""
    stand_ins = getattr(model, "stand_ins", set())     # (a failing row read leniently still carries gradients)
    bad = {k for k, d in forward.items() if d.row in stand_ins}
    if not bad:
        return
    good = {key for k, d in forward.items() if k not in bad for key in d.keys}
    names = {key for k in bad for key in forward[k].keys if key not in vocab.inputs} - good
    if not names:
        return
    from ..text.trees import walk

    def through_stand_in(term):         # a term holding a derivative of a stand-in name (zero: no gradient)
        tops = [n[1][3] for n in walk(term) if n[0] == "frac" and n[1][0] == "pre" and n[1][3] is not None and
                n[1][3][0] == "sym"]
        return keys_in(tops, vocab) & names if tops else set()

    for k, i in starts.items():
        if k in forward or rows[k] is None or i >= len(out) or out[i].status != "pass":
            continue
        read = set()
        try:
            for side in rows[k][1]:     # every term of every side vanishes through a stand-in: 0 = 0
                for term in ([x for _, x in side[1]] if side[0] == "add" else [side]):
                    hit = through_stand_in(term)
                    if not hit:
                        raise LookupError
                    read |= hit
        except LookupError:
            continue
        except Exception:        # noqa: BLE001 - names not read here: the verdict stands
            continue
        if read:
            said = ", ".join(sorted(key_latex(x) for x in read))
            out[i].status, out[i].holds = "unreadable", None
            out[i].why = (f"it differentiates {said}, which only a failing forward row defines: against a stand-in "
                          f"for {said} no gradient flows, so the row holds only vacuously; not read")
