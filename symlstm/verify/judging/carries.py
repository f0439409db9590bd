r"""The rows of a forward loop's hand-over (``h_prev = h_current`` at the end of the loop, text/carrycopies.py), and of
a backward loop's (``dh_next = dh_prev``): no formula of the cell, right when it copies the state (or the gradient)
its name says; they pass, saying so."""
from __future__ import annotations

from ..text.carrycopies import backward_carry_copies, carry_copies, handed_aliases, initial_copies
from ..text.codefences import CODE_FENCE_LANGUAGES, fence_blocks
from .report import RowResult

__all__ = ["carry_results", "CARRY_NOTE"]

#: The note on such a row.
CARRY_NOTE = "a forward loop's hand-over of its state to the next pass"


def carry_results(text: str) -> list:
    """A passing :class:`RowResult` for each hand-over line of the text's Python fences."""
    out = []
    for start, _, body in fence_blocks(text, (*CODE_FENCE_LANGUAGES, "")):
        for j, (a, b) in sorted(carry_copies(body).items()):
            out.append(_passing(start, body[j], j, f"{a} takes {b} for the next pass, which reads it as the state "
                                                   f"of the step before: the recurrence's hand-over, no formula of "
                                                   f"the cell"))
        for j, (a, b) in sorted(backward_carry_copies(body).items()):
            out.append(_passing(start, body[j], j, f"{a} takes {b} for the next pass, the step before, which reads "
                                                   f"it as what the step after sent back: the recurrence's hand-over "
                                                   f"backwards, no formula of the cell"))
        for j, (a, b) in sorted(handed_aliases(body).items()):
            out.append(_passing(start, body[j], j, f"{a} names {b}, the gradient handed to the step: by the step's "
                                                   f"contract the whole gradient of its output"))
        for j, (a, b) in sorted(initial_copies(body).items()):
            out.append(_passing(start, body[j], j, f"{a} starts at {b} before the loop, whose first pass reads it as "
                                                   f"the state of the step before: where the recurrence starts, no "
                                                   f"formula of the cell"))
    return out


def _passing(start: int, line: str, j: int, why: str) -> RowResult:
    """The passing verdict of line ``j`` (``line``) of a fence starting at line ``start``."""
    return RowResult(line=start + j + 1, column=len(line) - len(line.lstrip()) + 1, text=line.strip(), status="pass",
                     holds=True, reading="definition", notes=[CARRY_NOTE], why=why)
