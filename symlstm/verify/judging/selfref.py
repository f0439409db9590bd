r"""One written gradient, one reading within a row.

``\frac{dL}{dC_t} = \frac{dL}{da_C} \frac{da_C}{dC_t} + \frac{dL}{dC_t}``: the same symbol on both sides of a
row is the same value (as written, the row says the rest is zero); the copy on the right is not read as what
reaches C_t through one step while the left one is the total. The bare ``\delta`` of a cell with one recurrent
state (:mod:`..numeric.lonedelta`) is one quantity's gradient in a row, at whatever step it is written: ``\delta_t =
R^\top \delta_{t+1}`` does not read \delta_t as the state's gradient and \delta_{t+1} as its pre-activation's. The accumulations of code (``dh = dh + ...``,
``+=``) are increments (:mod:`.increments`) and keep their own readings.
"""
from __future__ import annotations

__all__ = ["splits", "self_reference"]


def _written(g):
    return (g.key, g.time_text, g.word, g.named, g.style, g.sign, g.text)


def splits(readings, rels) -> bool:
    """Readings that give the left side's gradient and the same written gradient on the right different values
    (not tried), in a row that is not an increment (``+=``, ``-=``)."""
    if rels and rels[0] in ("+=", "-="):
        return False
    left = [g for g in readings if g.lhs]
    if any(not g1.lhs and _written(g0) == _written(g1) and readings[g0] != readings[g1]
           for g0 in left for g1 in readings):
        return True
    lone = [g for g in readings if g.style == "lone"]       # \delta_t = R^T \delta_{t+1} ...: one \delta, one reading
    return any(g0.key == g1.key and readings[g0] != readings[g1] for g0 in lone for g1 in lone)


def self_reference(grads, rels) -> bool:
    """The row writes its left side's gradient again on its right (not as an increment)."""
    if rels and rels[0] in ("+=", "-="):
        return False
    left = [g for g in grads if g.lhs]
    return any(not g1.lhs and _written(g0) == _written(g1) for g0 in left for g1 in grads)
