"""What verify says of a derivation: one :class:`RowResult` per equation, gathered in a :class:`DerivationReport`."""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field

import numpy as np

#: Set while a text is judged against a built-in cell guessed from its names (judge._as_suggested_cell): the
#: reader's leniencies toward the forms of a stated cell (a block of a concatenated weight) do not apply, and a
#: gate's gradient keeps the meaning the row defining it gives it (gateclass.py).
GUESSED_CELL = ContextVar("guessed_cell", default=False)

__all__ = ['DerivationReport', 'GUESSED_CELL', 'MAX_READINGS', 'READING_SECONDS', 'RowResult', 'TOLERANCE']


#: Relative difference under which two sides agree.
TOLERANCE = 1e-7
#: Most combinations of readings tried for one row.
MAX_READINGS = 1024
#: Seconds spent trying the readings of one row (``--timeout``).
READING_SECONDS = 10.0


@dataclass
class RowResult:
    """The verdict on one equation: ``status`` pass | fail | unreadable; ``holds`` True/False/None;
    ``reading`` total | step | forward | definition | arithmetic; ``why``; the two sides' values at a failing step."""

    line: int
    column: int
    text: str
    status: str
    holds: bool | None
    reading: str = ""
    why: str = ""
    step: int | None = None
    claimed: object = None
    correct: object = None
    difference: object = None
    notes: list = field(default_factory=list)
    correct_latex: str | None = None
    defining_link: str | None = None        # a worked example's row: the verdict on its first link alone
    at: tuple | None = None                 # (line, column) of what cannot be read, where the row is unreadable

    def unread(self, why: str) -> "RowResult":
        """Made unreadable for ``why`` (in place): no verdict, so no counterexample and no correct side either."""
        self.status, self.holds, self.why = "unreadable", None, why
        return self.without_evidence()

    def passes_as(self, reading: str, why: str) -> "RowResult":
        """Made a pass read as ``reading`` for ``why`` (in place), without the evidence of an earlier verdict."""
        self.status, self.holds, self.reading, self.why = "pass", True, reading, why
        return self.without_evidence()

    def without_evidence(self) -> "RowResult":
        """The two sides' values, their difference and the correct right side dropped (in place)."""
        self.claimed = self.correct = self.difference = None
        self.correct_latex = None
        return self

    @property
    def where(self) -> tuple:
        """(line, column) to point a reader at: the unreadable part, else where the equation starts."""
        return self.at or (self.line, self.column)

    def to_dict(self) -> dict:
        def arr(v):
            return None if v is None else np.round(np.real(np.asarray(v)), 6).tolist()
        return {"line": self.line, "column": self.column, **({"at": {"line": self.at[0], "column": self.at[1]}}
                                                             if self.at else {}),
                "equation": self.text, "status": self.status,
                "holds": self.holds, "reading": self.reading or None, "why": self.why or None,
                "correct": self.correct_latex,
                "difference": arr(self.difference),
                "counterexample": None if self.claimed is None else
                {"t": self.step, "left": arr(self.correct), "right": arr(self.claimed)},
                **({"notes": list(self.notes)} if self.notes else {})}


# ============================================================================ a whole file
@dataclass
class DerivationReport:
    """Every equation of a derivation read in its own vocabulary, with a verdict each."""

    path: str | None
    results: list = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(r.status == "pass" for r in self.results)

    @property
    def failed(self) -> int:
        return sum(r.status == "fail" for r in self.results)

    @property
    def unreadable(self) -> int:
        return sum(r.status == "unreadable" for r in self.results)

    @property
    def ok(self) -> bool:
        return bool(self.results) and self.failed == 0 and self.unreadable == 0

    def exit_status(self) -> int:
        """0 every equation holds, 1 one fails or cannot be read, 2 none could be read."""
        if not self.results or self.unreadable == len(self.results):
            return 2
        return 0 if self.ok else 1

    def to_dict(self) -> dict:
        return {"file": self.path, "summary": {"equations": len(self.results), "pass": self.passed,
                                               "fail": self.failed, "unreadable": self.unreadable},
                "results": [r.to_dict() for r in self.results]}
