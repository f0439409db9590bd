"""The Python fences of a text, parsed with Python's own grammar (:mod:`ast`): nothing is run.

Read by the checks that need a statement's structure rather than its formula (unboundnames.py, opclasses.py).
"""
from __future__ import annotations

import ast
import textwrap

from ..text.codefences import CODE_FENCE_LANGUAGES, fence_blocks

__all__ = ["python_fences", "MAX_PARSED"]

#: Longest code fence parsed (characters): longer ones are left to the bounds of the fence reader.
MAX_PARSED = 200_000


def python_fences(text: str) -> list:
    """(index of the fence's first line, its lines, its module or None) for each Python fence of ``text``: None
    where the fence does not parse (Python 2's ``print x``, an excerpt cut mid-statement) or is too long. A
    statement's ``lineno`` is its line in the fence (its body is dedented, line for line)."""
    out = []
    for start, _, body in fence_blocks(text, CODE_FENCE_LANGUAGES):
        src = textwrap.dedent("\n".join(body))
        tree = None
        if len(src) <= MAX_PARSED:
            try:
                tree = ast.parse(src)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                tree = None
        out.append((start, body, tree))
    return out
