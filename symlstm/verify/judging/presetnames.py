r"""Which notation preset a text writes a built-in cell in: the preset whose printed names of the cell (its
quantities at the step, its weights: :func:`symlstm.latex.printing.forward_rows`) the text writes most. Read by
``symlstm verify CELL`` (cellnotation.py) and by the judge's advice for a text without forward equations."""
from __future__ import annotations

import re

from ...latex.notation import PRESETS
from ...latex.printing import forward_rows

__all__ = ["detect", "preset_rows", "stacked_rows", "suggest", "suggested"]

#: What a comparison of written names ignores: spacing, sizing, braces, fonts.
_NOISE = re.compile(r"\s+|\\left(?![A-Za-z])|\\right(?![A-Za-z])|\\(?:mathbf|boldsymbol|bm|mathrm)\b|[{}]")
#: A name of a printed forward row: a left side, or a weight or bias on the right.
_WEIGHT = re.compile(r"(?<![A-Za-z\\])[WUVb]_\{[^{}]+\}")


def _normal(text: str) -> str:
    text = text.replace(r"\langle", "<").replace(r"\rangle", ">").replace(r"\lt", "<").replace(r"\gt", ">")
    return _NOISE.sub("", text)


def _names(cell, preset: str) -> set:
    rows = forward_rows(cell, preset)
    out = {_normal(row.split("=", 1)[0]) for row in rows}
    out |= {_normal(w) for row in rows for w in _WEIGHT.findall(row)}
    return {n for n in out if len(n) > 1}


def _score(cell, preset: str, text: str) -> int:
    return sum(1 for n in _names(cell, preset) if n in text)


def detect(cell, text: str) -> str | None:
    """The preset whose names of ``cell`` ``text`` writes most (ties: symlstm's own, ``greff``), or None
    when the text writes none of them."""
    norm = _normal(text)
    scores = {name: _score(cell, name, norm) for name in PRESETS}
    best = max(scores.values())
    if best == 0:
        return None
    return "greff" if scores.get("greff") == best else min(k for k, v in scores.items() if v == best)


#: The cells a text without forward equations is compared with, to suggest one (:func:`suggest`).
SUGGESTED_CELLS = ("lstm", "gru", "rnn")


def suggested(text: str) -> tuple | None:
    """(cell name, preset) of the built-in cell and preset whose names ``text`` writes most, at least four of them
    (h_t, o_t and b_o are an output layer's as much as an LSTM's), else None."""
    from ...cells.registry import cell as _cell
    norm = _normal(text)
    best, found = 3, None
    for name in SUGGESTED_CELLS:
        c = _cell(name)
        for preset in PRESETS:
            score = _score(c, preset, norm)
            if score > best:
                best, found = score, (name, preset)
    return found


def suggest(text: str) -> str:
    """A command for a text without forward equations: ``symlstm verify CELL --file ...`` with the built-in cell
    and preset :func:`suggested` finds, else the generic advice."""
    found = suggested(text)
    if found is None:
        return "name the cell (symlstm verify CELL --file ...)"
    name, preset = found
    return (f"name the cell: its names are those of {name} in the {preset} notation "
            f"(symlstm verify {name} --notation {preset} --file ...)")


#: A printed linear term of a gate, ``W_{f} x_{t} + U_{f} h_{t-1}`` (the same label on both weights, or none):
#: names with their scripts (``x^{\langle t \rangle}``), the state's term maybe in brackets (``U_n \left(r_t *
#: h_{t-1}\right)``).
_SCRIPTS = r"(?:[_^](?:\{[^{}]*\}|\w))*"
_TWO_WEIGHTS = re.compile(rf"(?P<W>W(?P<label>(?:_\{{[^{{}}]+\}})?)) (?P<x>x{_SCRIPTS}) \+ U(?P=label) "
                          rf"(?P<h>\\left\(.*?\\right\)|[A-Za-z]{_SCRIPTS})")


def stacked_rows(rows: list) -> list:
    r"""Printed forward rows (:func:`symlstm.latex.printing.forward_rows`) with each pair of weights on the input
    and on the state written as one weight on their concatenation, as colah's post and the Coursera notebooks write
    the cell: ``W_{f} x_{t} + U_{f} h_{t-1}`` becomes ``W_{f} \begin{bmatrix} h_{t-1} \\ x_{t} \end{bmatrix}`` (the
    state's block first: ``W_f [h_{t-1}, x_t]``)."""
    def stack(m):
        h = m["h"][len(r"\left("):-len(r"\right)")] if m["h"].startswith(r"\left(") else m["h"]
        return m["W"] + r" \begin{bmatrix} " + h + r" \\ " + m["x"] + r" \end{bmatrix}"
    return [_TWO_WEIGHTS.sub(stack, row) for row in rows]


def preset_rows(cell, notation) -> list:
    """``cell``'s forward rows printed in the preset ``notation``, its pre-activations named (``\\bar{i}_t = ...``):
    the rows a text in that notation is read against (``symlstm verify CELL --notation NAME``, cellnotation.py, and
    a text without forward equations that writes the cell's names, judge._as_suggested_cell)."""
    from ...derive import derive
    return forward_rows(cell, notation, extra=derive(cell).preactivations)
