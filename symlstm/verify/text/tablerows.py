r"""Equations a Markdown table states across its cells: a name in one cell, its formula in another.

Notes list a cell or its gradients as a table::

    | Gradient | Formula |
    |----------|---------|
    | $\nabla W^{x\alpha}_{i,j}$ | $\sum_{t=1}^{T} \delta^t_{\alpha,j} x^t_i$ |

    | Symbol | Meaning | Range | Role |
    | $f_t$ | Forget Gate | $\in (0, 1)$ | $\sigma(W_f x_t + U_f h_{t-1} + b_f)$ |

A body row states ``NAME = FORMULA`` when its first cell that is one formula and nothing else (``$...$``,
``$$...$$``) holds no relation (the name: a symbol, a gradient, a derivative) and exactly one later cell is one
formula with no relation either. Not a formula: a cell under a header that names a shape, size, type or range
(``| Shape |``: ``$H_{out} \times H_{in}$`` is no value), a set (``\in``, ``\mathbb``), a bare number. A cell that
already holds an equation (``$c_t = f_t c_{t-1} + ...$``) is read as any inline equation (texfile.py), not here.
The row's equation starts at the name's cell.
"""
from __future__ import annotations

import re

from .depth import outside_brackets

__all__ = ["TABLE_SHAPE_WORDS", "table_rows"]

#: Words of a column header whose cells describe a value (its shape, size, type, range), never state it.
TABLE_SHAPE_WORDS = ("shape", "dimension", "dim", "size", "type", "range", "domain", "unit", "dtype", "형태", "크기",
                     "차원", "维度", "形状", "尺寸", "大小", "類型", "类型", "形狀", "次元", "サイズ", "forma", "tamaño")

_CELL_MATH = re.compile(r"\s*(?:\$\$(?P<dd>[^$]+)\$\$|\$(?P<d>[^$]+)\$)\s*")
_SEPARATOR = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")
_RELATION = re.compile(r"=|<|>|\\(?:le|leq|ge|geq|approx|equiv|propto|sim|simeq|neq|ne|to|rightarrow|Rightarrow|"
                       r"mapsto|coloneqq|triangleq|gets|leftarrow|in|subset|subseteq)(?![A-Za-z])")
_NOT_VALUE = re.compile(r"\\(?:mathbb|in)(?![A-Za-z])|\\cdot\s*\)|\(\s*\\cdot")
_NUMBER = re.compile(r"\s*[-+]?\d+(?:\.\d+)?\s*")
#: At most this many cells in a row (a longer row is no table of formulas) and this many characters in a cell.
MAX_CELLS = 12
MAX_CELL_CHARS = 2000


def _cells(line: str, offset: int) -> list[tuple[int, str]]:
    r"""(offset of the cell's text, text) of each cell of a table row ``| a | b |`` (a ``|`` inside a formula,
    ``$|x|$``, or escaped, ``\|``, does not end a cell)."""
    out, start, in_math, k = [], None, False, 0
    s = line
    while k < len(s):
        ch = s[k]
        if ch == "\\" and k + 1 < len(s):
            k += 2
            continue
        if ch == "$":
            in_math = not in_math
        elif ch == "|" and not in_math:
            if start is not None:
                out.append((offset + start, s[start:k]))
            start = k + 1
        k += 1
    return out


def _top(body: str) -> str:
    """The formula with its brace groups left out (``\\sum_{t=1}^{T}`` holds no relation of its own)."""
    return "".join(ch for _, ch in outside_brackets(body, "{", "}"))


def _math_cell(text: str):
    """(offset in the cell, formula) of a cell that is one formula and nothing else, else None."""
    m = _CELL_MATH.fullmatch(text)
    if m is None:
        return None
    g = "dd" if m["dd"] is not None else "d"
    return m.start(g), m[g]


def _header_is_shape(header: str) -> bool:
    h = header.lower()
    return any(re.search(r"(?<![a-z])" + re.escape(w) + r"(?:s|es)?(?![a-z])", h) if w.isascii() else w in h
               for w in TABLE_SHAPE_WORDS)


def table_rows(text: str, position) -> list[tuple[int, int, str]]:
    """(line, column, ``NAME = FORMULA``) of each table row stating an equation across its cells (module doc).
    ``position(offset)`` gives the (line, column) of an offset of ``text``."""
    lines = text.split("\n")
    offsets, pos = [], 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    out = []
    k = 0
    while k + 1 < len(lines):
        head = lines[k].strip()
        if not (head.startswith("|") and _SEPARATOR.fullmatch(lines[k + 1])):
            k += 1
            continue
        headers = [c for _, c in _cells(lines[k], offsets[k])]
        j = k + 2
        while j < len(lines) and lines[j].strip().startswith("|"):
            cells = _cells(lines[j], offsets[j])
            if len(cells) <= MAX_CELLS and all(len(c) <= MAX_CELL_CHARS for _, c in cells):
                row = _row_equation(cells, headers)
                if row is not None:
                    at, eq = row
                    line, column = position(at)
                    out.append((line, column, eq))
            j += 1
        k = j
    return out


def _row_equation(cells, headers):
    name = None
    formulas = []
    for i, (at, text) in enumerate(cells):
        m = _math_cell(text)
        if m is None:
            continue
        body = m[1]
        if name is None:
            if _RELATION.search(_top(body)) or _NUMBER.fullmatch(body) or _NOT_VALUE.search(body):
                return None
            name = (at + m[0], body)
            continue
        header = headers[i] if i < len(headers) else ""
        if _RELATION.search(_top(body)) or _NOT_VALUE.search(body) or _NUMBER.fullmatch(body) or _header_is_shape(header):
            continue
        formulas.append(body)
    if name is None or len(formulas) != 1:
        return None
    if _own_derivative(name[1].strip()).search(formulas[0]):
        return None         # | $W_y$ | $\frac{\partial L}{\partial W_y}$ |: a parameter beside the name of its gradient
    return name[0], f"{name[1].strip()} = {formulas[0].strip()}"


def _own_derivative(name: str):
    r"""A derivative by ``name`` (``\partial W_y``, ``\nabla_{W_y}``): a cell that names the gradient of the row's
    name (a legend of the quantities a derivation computes), no value of it."""
    n = re.escape(name)
    return re.compile(rf"\\(?:partial|nabla_?\{{?)\s*{n}(?![A-Za-z0-9_])")

