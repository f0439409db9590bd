r"""A named cell read in a notation preset: ``symlstm verify lstm --notation coursera "d\Gamma_o^{<t>} = ..."``.

The claim grammar (:mod:`.claim.claims`) reads symlstm's own names (Greff et al.'s) and renames. A text
written in another community's notation (``da^{\langle t \rangle}``, ``\Gamma_u``, ``X_t W_{xi}``,
``\nabla_{h^{(t)}} L``) is read by the reader of derivations instead (:func:`.judging.judge.verify_derivation`),
with the named cell's forward equations (and its pre-activations, ``\bar{i}_t = ...``) printed in that notation
(:func:`symlstm.latex.printing.forward_rows`)
stated before the text: they build the model the text's rows are judged against (a row of the text stating one
of them again is a claim about it), and are never reported. Which preset a text is written in is data too
(:func:`.judging.presetnames.detect`): the preset whose printed names (quantities at the step, weights) the text
writes most often.
"""
from __future__ import annotations

from .judging.judge import verify_derivation
from .judging.presetnames import detect, preset_rows, suggest

__all__ = ["detect", "suggest", "verify_in_notation"]


def verify_in_notation(cell, text: str, notation: str, *, path=None, strict=False, seed=0, timeout=None, macros=None):
    """Every equation of ``text`` (a file's text or one claim) judged against ``cell`` written in the preset
    ``notation`` (a :class:`~.judging.report.DerivationReport`; the cell's forward rows are given, unreported)."""
    return verify_derivation(text, path=path, strict=strict, seed=seed, notation=notation, timeout=timeout,
                             before=preset_rows(cell, notation), macros=macros)
