"""Blocks of Python code by indentation: a ``def``'s or a loop's body, as line indexes.

Kept apart from :mod:`.codefences` so that the modules it imports (:mod:`.onehotcode`) can find a block the same
way without an import cycle.
"""
from __future__ import annotations

import re

#: A line longer than this is no statement a code reader reads (:func:`code_lines` blanks it).
MAX_CODE_LINE = 2000


def code_lines(body: list, longest: int = MAX_CODE_LINE) -> list:
    """A fence's lines without their ``#`` comments; a line longer than ``longest`` characters is no statement:
    blank."""
    return [re.split(r"\s#|^\s*#", x, maxsplit=1)[0] if len(x) <= longest else "" for x in body]


def indent(line: str) -> int:
    """The width of the line's leading white space (tabs expanded)."""
    return len(line.expandtabs()) - len(line.expandtabs().lstrip())


def block(lines: list, k: int) -> list:
    """Indexes of the non-blank lines under line ``k`` indented deeper than it (a ``def``'s or a loop's body)."""
    out = []
    for j in range(k + 1, len(lines)):
        if not lines[j].strip():
            continue
        if indent(lines[j]) <= indent(lines[k]):
            break
        out.append(j)
    return out


def block_end(lines: list, k: int) -> int:
    """The index of the first non-blank line after line ``k`` not indented deeper than it (``len(lines)`` if
    none): the end of its block, as a bound of ``range``."""
    return next((j for j in range(k + 1, len(lines)) if lines[j].strip() and indent(lines[j]) <= indent(lines[k])),
                len(lines))
