r"""Calls in a code fence that cannot run: ``np.dum(dt, axis=0)`` (no such function: ``np.sum`` meant),
``np.hstack(dWxz, dWxr, dWxh)`` (a stacking function takes one sequence of arrays).

A statement that raises when run computes nothing, whatever its formula means: its row fails, naming the call and
what was meant. Only two slips are judged, both certain from the text alone: a ``np.`` (``numpy.``) name that
numpy does not define although a name one letter away does (a misspelling, :data:`REMOVED` aside: names older
numpy had, which old tutorials use), and a stacking function (:data:`ONE_SEQUENCE`) given several arrays. The
names are looked up in numpy's namespace (attribute lookup on a parsed identifier; nothing of the text is run).
"""
from __future__ import annotations

import difflib
import re

import numpy as np

from ..text.codefences import CODE_FENCE_LANGUAGES, _call_end, fence_blocks
from ..text.depth import split_outside
from .report import RowResult

__all__ = ["call_results", "CALL_NOTE", "ONE_SEQUENCE"]

#: The note on such a row.
CALL_NOTE = "a call that cannot run"
#: numpy's functions that stack a sequence of arrays given as one argument.
ONE_SEQUENCE = ("hstack", "vstack", "dstack", "column_stack", "row_stack", "concatenate", "stack")
#: Names older numpy defined (aliases since removed): code using them ran when it was written.
REMOVED = frozenset({"float", "int", "bool", "object", "str", "complex", "long", "unicode", "asscalar", "alen",
                     "msort", "product", "cumproduct", "sometrue", "alltrue", "round_", "in1d", "trapz", "row_stack",
                     "mat", "int0", "uint0", "bool8", "float_", "complex_", "string_", "unicode_", "Inf", "NaN",
                     "PINF", "NINF", "infty", "NZERO", "PZERO", "find_common_type", "cast", "source", "lookfor",
                     "who", "safe_eval", "set_string_function", "issubclass_", "recfromcsv", "recfromtxt",
                     "deprecate", "deprecate_with_doc", "disp", "byte_bounds", "compare_chararrays", "format_parser",
                     "maximum_sctype", "obj2sctype", "sctype2char", "sctypes", "issctype", "issubsctype",
                     "tracemalloc_domain", "add_newdoc", "add_docstring", "add_newdoc_ufunc", "fastCopyAndTranspose",
                     # removed in numpy 2.0 or before (code of its time ran with them)
                     "asfarray", "longfloat", "singlecomplex", "cfloat", "longcomplex", "clongfloat", "Infinity",
                     "geterrobj", "seterrobj", "set_numeric_ops", "rank", "loads", "mafromtxt", "ndfromtxt",
                     "DataSource", "nbytes", "float128", "complex256", "compat"})

_CALL = re.compile(r"(?<![\w.])(?:np|numpy)\.((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)\s*\(")


def _public(module) -> list:
    return [n for n in dir(module) if not n.startswith("_")]


def _missing(path: str):
    """What numpy meant for the dotted name ``path`` it does not define (a close name), else None."""
    obj, parts = np, path.split(".")
    for k, part in enumerate(parts):
        if part in REMOVED or part.startswith("_"):
            return None
        try:
            nxt = getattr(obj, part)
        except AttributeError:
            close = [c for c in difflib.get_close_matches(part, _public(obj), n=3, cutoff=0.6)
                     if _one_edit(c, part)]
            return ".".join(parts[:k] + [close[0]]) if close else None
        except Exception:           # noqa: BLE001 - numpy's lazy attributes may raise anything: not judged
            return None
        obj = nxt
    return None


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _slip(line: str):
    """Why the statement cannot run, or None."""
    for m in _CALL.finditer(line):
        meant = _missing(m[1])
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
