r"""A layer digit written as a subscript where the rows run it on: ``dh_1`` beside ``h1``, ``h2``.

Course notes on stacked layers often put the layer's digit into the name (``h1``, ``s1``, ``W1``, ``h2``) and keep
the subscript for the time step (``s1_{t-1}``, ``dh2_{t+1}``). In such a derivation ``h_1`` is the quantity ``h`` at
step 1, and no row defines an ``h``: a gradient ``dh_1`` is of nothing the rows define. It is not "given from
outside" either (``dA`` of a layer above): it is the run-on name ``h1`` written with an underscore, a slip of the
text, and the row fails on it (as ``Ct`` for ``C_t`` does, baretime.fused_time), naming the intended ``h1``.

Only when the run-on name is read this way by the derivation itself: ``h1`` a quantity of it and one more of the
same letter with another digit (``h2``: the digits number layers), and neither ``h`` nor ``h_1`` a name of it.
"""
from __future__ import annotations

from ..text.names import Undefined, key_latex

__all__ = ["run_on_digit", "DigitSlip"]


class DigitSlip(Undefined):
    """``h_1`` where the rows name only the run-on ``h1``, ``h2``: the row fails on it (module doc)."""


def run_on_digit(stem: str, vocab) -> str:
    """The run-on name (``h1``) the undefined ``stem`` (``h_1``) writes with an underscore, else ""."""
    base, sep, label = str(stem).partition("_")
    if not sep or not base or not label.isdigit() or "_" in label or vocab.known(stem) or vocab.known(base):
        return ""
    if not vocab.time_var:
        return ""
    joined = base + label
    if joined not in vocab.quantities:
        return ""
    kin = [q for q in vocab.quantities if isinstance(q, str) and q != joined and q.startswith(base)
           and q[len(base):].isdigit()]
    return joined if kin else ""


def digit_slip(shown: str, stem: str, vocab):
    """The failure of a gradient ``shown`` of ``stem`` written for a run-on name (module doc), else None."""
    joined = run_on_digit(stem, vocab)
    if not joined:
        return None
    return DigitSlip(f"{shown}: {key_latex(stem)} is no name of this derivation (its subscripts are time steps, "
                     f"its layer digits run on: {key_latex(joined)} written with an underscore?)", stem)
