r"""numpy's names as code writes them, and the name a misspelt one meant (``np.tahn`` for ``np.tanh``).

A ``np.`` (``numpy.``) name numpy does not define although a name one slip away does (one letter changed, added or
dropped, or two neighbours swapped) is a misspelling; :data:`REMOVED` aside: names older numpy had, which old
tutorials use. The names are looked up in numpy's namespace (attribute lookup on a parsed identifier; nothing of the
text is run).
"""
from __future__ import annotations

import functools
import re

import numpy as np

__all__ = ["REMOVED", "NUMPY_CALL", "meant_numpy", "with_meant_numpy"]

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

#: A call of a numpy name: ``np.tanh(``, ``numpy.linalg.norm(``.
NUMPY_CALL = re.compile(r"(?<![\w.])(?:np|numpy)\.((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)\s*\(")


@functools.lru_cache(maxsize=64)
def _public(module) -> tuple:
    return tuple(n for n in dir(module) if not n.startswith("_"))


@functools.lru_cache(maxsize=4096)
def meant_numpy(path: str):
    """What numpy meant for the dotted name ``path`` it does not define (a name one slip away), else None. A
    name that differs from several by one slip takes one of the same length (``tahn``: ``tanh``, not ``tan``)."""
    obj, parts = np, path.split(".")
    if len(path) > 80 or len(parts) > 4:
        return None
    for k, part in enumerate(parts):
        if part in REMOVED or part.startswith("_"):
            return None
        try:
            nxt = getattr(obj, part)
        except AttributeError:
            close = sorted((c for c in _public(obj) if _one_edit(c, part)), key=lambda c: (len(c) != len(part), c))
            return ".".join(parts[:k] + [close[0]]) if close else None
        except Exception:           # noqa: BLE001 - numpy's lazy attributes may raise anything: not judged
            return None
        obj = nxt
    return None


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter changed, added or dropped, or by two neighbours swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and \
            a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def with_meant_numpy(line: str) -> str:
    """``line`` with each misspelt numpy call written as the name meant (``np.tahn(c)``: ``np.tanh(c)``)."""
    if "np." not in line and "numpy." not in line:
        return line
    return NUMPY_CALL.sub(lambda m: m.group().replace(m[1], meant, 1) if (meant := meant_numpy(m[1])) else m.group(),
                          line)
