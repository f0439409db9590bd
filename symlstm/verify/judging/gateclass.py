r"""What ``\delta`` of a gate means in a file: once one row fixes it, every gate follows.

``\delta o_t``, ``d i`` (a gradient named after a unit with a pre-activation) may be the gradient of the unit's
value or of its net input (numgrad's ``("pre", ...)`` readings). A file uses one meaning for all its gates:
after ``\delta o_t = \delta h_t \odot \tanh(c_t) \odot o_t \odot (1 - o_t)`` (held as the pre-activation's
gradient), ``\delta g_t = \delta c_t \odot i_t`` is the gradient of g's net input with its (1 - g_t^2) dropped,
not the gradient of g's value. The first row that holds with such a gradient on its left fixes the meaning for
the same notation (word) of the other gates; the name's own reading (rowjudge._as_read_before) still comes
first for a name the file has read. Only for ``\delta`` (classic backprop's gradient of a unit's net input):
code's ``d`` mixes them (PyTorch-style GRU notes: ``dz_t`` with the z_t(1-z_t) factor, ``dn_t`` n's value).
"""
from __future__ import annotations

from .report import GUESSED_CELL

__all__ = ["gate_class_readings", "remember_gate_class"]


def _class(g, ev):
    """The notation class of a gate's gradient symbol (style, word, named), or None for any other symbol."""
    if g.style != "delta" or g.key not in ev.vocab.preacts:
        return None
    if g.key in getattr(ev, "named_preacts", ()) or ev.vocab.preacts[g.key][1] in getattr(ev, "named_preacts", ()):
        return None
    return ("gate-class", g.style, g.word, g.named)


def _is_pre(r) -> bool:
    return isinstance(r, tuple) and bool(r) and r[0] == "pre"


def _own(g, ev):
    r"""The key of a gate's gradient symbol as written (any notation: ``d\Gamma_o``, ``\delta o_t``), or None;
    only for a text judged against a built-in cell guessed from its names (report.GUESSED_CELL): with no forward
    equations of its own, the text's defining rows are all that fix what its names mean (a text with its own cell
    may redefine the name where the reader does not look: ``% dr = dr * r * (1 - r)`` in a comment)."""
    if not GUESSED_CELL.get() or g.key not in ev.vocab.preacts or g.style in ("jacobian", "function"):
        return None
    return ("gate-name", g.key, g.style, g.word, g.named)


def gate_class_readings(g, cands, fixed, ev):
    r"""``cands`` kept to the file's meaning of a gate's gradient (pre-activation or value) once one is fixed: by
    a row that defines that very gradient (``d\Gamma_o = da \tanh(c)``, the gate's value: so it is in
    ``da_{prev} = W_o^T d\Gamma_o + ...``), else by the notation's class (:func:`_class`)."""
    if fixed is None or not any(_is_pre(x) for x in cands) or all(_is_pre(x) for x in cands):
        return cands
    for c in (_own(g, ev) if not g.lhs and not getattr(fixed, "code", False) else None, _class(g, ev)):
        if c is not None and c in fixed:
            kept = [x for x in cands if _is_pre(x) == fixed[c]]
            return kept or cands
    return cands


def remember_gate_class(readings, fixed, ev):
    """Record the meaning of the first left-side gate gradient of a row that holds (pre-activation or value)."""
    if fixed is None:
        return
    for g, r in readings.items():
        own = _own(g, ev) if g.lhs and not getattr(fixed, "code", False) else None     # (code: CodeReadings)
        if own is not None:
            fixed[own] = _is_pre(r)         # (a name defined again is read afresh, then as this row reads it)
        c = _class(g, ev)
        if c is None or not g.lhs or c in fixed:
            continue
        fixed[c] = _is_pre(r)
