r"""Calls in a code fence that cannot run: ``np.dum(dt, axis=0)`` (no such function: ``np.sum`` meant),
``np.hstack(dWxz, dWxr, dWxh)`` (a stacking function takes one sequence of arrays).

A statement that raises when run computes nothing, whatever its formula means: its row fails, naming the call and
what was meant. Only two slips are judged, both certain from the text alone: a ``np.`` (``numpy.``) name that
numpy does not define although a name one slip away does (a misspelling: text/numpynames.py), and a stacking
function (:data:`ONE_SEQUENCE`) given several arrays. The row itself is read with the name meant (codefences), so
the names it defines hold their intended values for the rows below.
"""
from __future__ import annotations

import re

from ..text.codefences import CODE_FENCE_LANGUAGES, _call_end, fence_blocks
from ..text.depth import split_outside
from ..text.numpynames import NUMPY_CALL, meant_numpy
from .report import RowResult

__all__ = ["call_results", "CALL_NOTE", "ONE_SEQUENCE"]

#: The note on such a row.
CALL_NOTE = "a call that cannot run"
#: numpy's functions that stack a sequence of arrays given as one argument.
ONE_SEQUENCE = ("hstack", "vstack", "dstack", "column_stack", "row_stack", "concatenate", "stack")
def _slip(line: str):
    """Why the statement cannot run, or None."""
    for m in NUMPY_CALL.finditer(line):
        meant = meant_numpy(m[1])
        if meant is not None:
            return f"np.{m[1]} is no numpy function (np.{meant} meant?): the statement cannot run"
        name = m[1].split(".")[-1]
        if name in ONE_SEQUENCE and m[1] == name:
            end = _call_end(line, m.end())
            if end is not None:
                args = [a.strip() for a in split_outside(line[m.end():end - 1]) if a.strip()]
                positional = [a for a in args if not re.match(r"^[A-Za-z_]\w*\s*=(?!=)", a)]
                if len(positional) > (2 if name in ("concatenate", "stack") else 1):
                    return (f"np.{name} takes one sequence of arrays (np.{name}(({', '.join(positional)}))): given "
                            f"{len(positional)} arrays, the statement cannot run")
    return None


def call_results(text: str) -> list:
    """A failing :class:`RowResult` for each statement of the text's Python fences whose call cannot run."""
    out = []
    for start, _, body in fence_blocks(text, CODE_FENCE_LANGUAGES):
        for k, line in enumerate(body):
            if "np." not in line and "numpy." not in line:
                continue
            code = re.split(r"\s#|^\s*#", line, maxsplit=1)[0]
            why = _slip(code) if len(code) <= 2000 else None
            if why is not None:
                out.append(RowResult(line=start + k + 1, column=len(line) - len(line.lstrip()) + 1,
                                     text=code.strip(), status="fail", holds=False, why=why, notes=[CALL_NOTE]))
    return out
