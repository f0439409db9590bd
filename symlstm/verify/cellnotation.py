r"""A named cell read in a notation preset: ``symlstm verify lstm --notation coursera "d\Gamma_o^{<t>} = ..."``.

The claim grammar (:mod:`.claim.claims`) reads symlstm's own names (Greff et al.'s) and renames. A text
written in another community's notation (``da^{\langle t \rangle}``, ``\Gamma_u``, ``X_t W_{xi}``,
``\nabla_{h^{(t)}} L``) is read by the reader of derivations instead (:func:`.judging.judge.verify_derivation`),
with the named cell's forward equations printed in that notation (:func:`symlstm.latex.printing.forward_rows`)
stated before the text: they build the model the text's rows are judged against (a row of the text stating one
of them again is a claim about it), and are never reported. Which preset a text is written in is data too (:func:`detect`): the preset whose printed names
(quantities at the step, weights) the text writes most often.
"""
from __future__ import annotations

import re

from ..latex.notation import PRESETS
from ..latex.printing import forward_rows

__all__ = ["detect", "verify_in_notation"]

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


def verify_in_notation(cell, text: str, notation: str, *, path=None, strict=False, seed=0, timeout=None):
    """Every equation of ``text`` (a file's text or one claim) judged against ``cell`` written in the preset
    ``notation`` (a :class:`~.judging.report.DerivationReport`; the cell's forward rows are given, unreported)."""
    from .judging.judge import verify_derivation
    return verify_derivation(text, path=path, strict=strict, seed=seed, notation=notation, timeout=timeout,
                             before=forward_rows(cell, notation))
