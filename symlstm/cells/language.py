"""Cells written as text in a small equation language, parsed by a Lark grammar (never evaluated).

The language
============
A cell is a list of lines; each line is an assignment, a declaration or empty.
``#`` starts a comment. A line continues inside ``( )`` and ``[ ]`` and after a
trailing backslash::

    # LSTM (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000)
    name: lstm
    i = sigmoid(W_i x + U_i h[t-1] + b_i)
    f = sigmoid(W_f x + U_f h[t-1] + b_f)
    g = tanh(W_g x + U_g h[t-1] + b_g)
    c = f * c[t-1] + i * g
    o = sigmoid(W_o x + U_o h[t-1] + b_o)
    h = o * tanh(c)

Assignments ``q = expression`` define the quantities of one step, in order: a
quantity may use ``x`` (the input), any quantity defined on an earlier line (``c``
or ``c[t]``: its value at this step) and the previous value ``q[t-1]`` of any
quantity of the cell. The cell must define ``h``, its output.

Expressions:

=====================  =========================================================
``W v``, ``W @ v``     matrix product of the matrix parameter ``W`` and a vector
                       ``v``: a name, ``h[t-1]``, or a parenthesised expression
                       ``U_n (r * h[t-1])``; ``W(v)`` (no space) if ``W`` starts
                       with a capital letter
``a * b``, ``a ⊙ b``,  element-wise product
``a .* b``
``a + b``, ``a - b``,  element-wise sum, difference, negation; numbers such as
``-a``, ``1``, ``0.5``  ``1 - z`` act on every element
``sigmoid(a)``,        the logistic function σ(a) = 1 / (1 + e^{-a})
``σ(a)``
``tanh(a)``            the hyperbolic tangent
``( a )``              grouping
=====================  =========================================================

Precedence, loosest first: ``+ -``; a leading ``-`` (``-a * b`` is ``-(a * b)``);
``* ⊙ .*``; the matrix product (``W x * r`` is ``(W x) ⊙ r``).

Inference (each can be made explicit with a declaration):

- states: ``h`` first, then every quantity used as ``q[t-1]``, in order of first use;
  ``states: h, c`` declares them.
- parameters: a name written before a vector (``W_f x``) is a matrix, (H, I) when it
  multiplies ``x`` and (H, H) otherwise; every other name that no equation defines is
  a vector parameter (H,) such as a bias ``b_f`` or a peephole ``p_i``. Declaring
  ``matrices: W_f, U_f`` and ``vectors: b_f`` makes the declarations complete: any
  other free name is then an error (a typo no longer becomes a parameter).
- ``name: mycell`` names the cell; ``description: free text`` describes it.

Errors (:class:`CellError`, a ``ValueError``) give the line and column, show the line,
and say what was expected: syntax errors, unknown functions, names used before or
without a definition, a quantity used in its own equation or in a cycle within one
step, a quantity defined twice, assignments to ``x``, and misuse of matrices. Input is
bounded, and every bound is checked on the text before any symbolic work: at most
``MAX_BYTES`` of text, ``MAX_DEPTH`` levels of nesting, ``MAX_CALL_DEPTH`` nested function
calls, ``MAX_EQUATIONS`` equations, ``MAX_PARAMETERS`` parameters, ``MAX_TERMS`` terms in a
sum or factors in a product, ``MAX_NODES`` operands and operations in all, numbers of at most
``MAX_NUMBER_CHARS`` characters with a decimal exponent of at most ``MAX_EXPONENT``. Names
the generated code or the derivation use (``symlstm.cells.names``) are refused, as are a
parameter named like an initial state's gradient (``h0``) and a cell without parameters.
"""
from __future__ import annotations

import keyword
from fractions import Fraction
from pathlib import Path

import sympy
from sympy.printing.str import StrPrinter

from .algebra import (
    is_vec,
    shift_of,
    vec_name,
)
from .build import _Builder, _walk
from .cell import INPUT, Cell
from .syntax import (
    FUNCTIONS,
    MAX_BYTES,
    MAX_CALL_DEPTH,
    MAX_DEPTH,
    MAX_EQUATIONS,
    MAX_EXPONENT,
    MAX_NODES,
    MAX_NUMBER_CHARS,
    MAX_PARAMETERS,
    MAX_TERMS,
    CellError,
    CellSyntaxError,
    _parse,
)

__all__ = ["parse_cell", "load_cell", "parse_expression", "format_cell", "CellError", "CellSyntaxError",
           "FUNCTIONS", "MAX_BYTES", "MAX_DEPTH", "MAX_CALL_DEPTH", "MAX_EQUATIONS", "MAX_PARAMETERS",
           "MAX_NUMBER_CHARS", "MAX_EXPONENT", "MAX_TERMS", "MAX_NODES"]


# ============================================================================ public API
def _check_size(text, filename=None) -> str:
    """The text as a str within the size limit, else a :class:`CellError` at line 1, column 1."""
    if isinstance(text, (bytes, bytearray)):
        text = _decode(bytes(text), filename)
    if not isinstance(text, str):
        raise TypeError(f"cell text must be a str, got {type(text).__name__}")
    if len(text) > MAX_BYTES:     # quick bound before encoding a huge text
        raise CellError(f"cell text is over {MAX_BYTES} characters; the limit is {MAX_BYTES} bytes", 1, 1,
                        filename=filename)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as e:
        line = text.count("\n", 0, e.start) + 1
        column = e.start - (text.rfind("\n", 0, e.start) + 1) + 1
        raise CellError(f"not valid Unicode text: {text[e.start]!r} is a lone surrogate", line, column,
                        filename=filename) from None
    if size > MAX_BYTES:
        raise CellError(f"cell text is {size} bytes; the limit is {MAX_BYTES} bytes", 1, 1, filename=filename)
    return text


def _decode(data: bytes, filename) -> str:
    if len(data) > MAX_BYTES:
        raise CellError(f"cell text is {len(data)} bytes; the limit is {MAX_BYTES} bytes", 1, 1, filename=filename)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise CellError(f"not UTF-8 text ({e.reason} at byte {e.start})", line, column,
                        filename=filename) from None


def parse_cell(text: str, name: str | None = None, *, filename: str | None = None) -> Cell:
    """The :class:`Cell` written in ``text`` (see the module docstring for the language).

    ``name`` overrides a ``name:`` line (default ``"custom"``); ``filename`` is shown in
    errors. Raises :class:`CellError` (a ``ValueError``) at the first mistake, with its
    line and column, before any symbolic work.
    """
    return _cell_from_text(text, name, "custom", filename)


def load_cell(path) -> Cell:
    """The cell written in the file ``path`` (UTF-8; named after the file unless it has ``name:``)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no cell file {str(path)!r}")
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)       # bounded, whatever the file claims to be
    except OSError as e:
        raise OSError(f"cannot read cell file {str(path)!r}: {e.strerror or e}") from None
    if len(data) > MAX_BYTES:
        size = max(path.stat().st_size, len(data))
        raise CellError(f"cell file is {size if size > MAX_BYTES + 1 else 'over ' + str(MAX_BYTES)} bytes; "
                        f"the limit is {MAX_BYTES} bytes", 1, 1, filename=str(path))
    text = _decode(data, str(path))
    stem = path.stem.replace("-", "_")
    default = stem if stem.isidentifier() and not keyword.iskeyword(stem) else "custom"
    return _cell_from_text(text, None, default, str(path))


def _cell_from_text(text, name, default, filename) -> Cell:
    text = _check_size(text, filename)
    text = text.lstrip("\ufeff")
    try:
        b = _Builder(_parse(text, "start"))
        if not b.assigns:
            raise CellError("the text defines no quantity; a cell needs at least `h = ...`", 1, 1)
        states = b.states()
        eqs = b.equations(states)
        declared = str(b.decls["name"][1][0]) if "name" in b.decls else None
        description = b.description if b.description is not None else \
            (f"custom cell from {filename}" if filename else "custom cell")
        try:
            return Cell(name or declared or default, eqs, states, description=description)
        except ValueError as e:      # the checks above should make this unreachable
            raise CellError(str(e), 1, 1) from None
    except CellError as e:
        raise e._located(text, filename) from None


def parse_expression(text: str, *, quantities, states=(), target: str | None = None) -> sympy.Expr:
    """One expression of the cell language, over a cell's ``quantities`` (used at step t).

    ``target`` is the quantity the expression will define (it may not use itself).
    Used by :func:`symlstm.transforms.couple` for ``couple(cell, "f", "1 - i")``.
    """
    text = _check_size(text)
    try:
        node = _parse(text, "expression")
        for sub in _walk(node):
            if sub.kind == "index" and sub.value[1] == -1 and sub.value[0] not in states:
                what = "the input" if sub.value[0] == INPUT else f"{sub.value[0]!r}"
                raise CellError(f"{sub.value[0]}[t-1]: {what} is not a state of the cell (states: "
                                f"{', '.join(states)})", sub.line, sub.column)
        b = _Builder.for_expression(node, quantities, target)
        return b._expr(node)
    except CellError as e:
        raise e._located(text, None) from None


# ============================================================================ writing cells
class CellSourcePrinter(StrPrinter):
    """Prints cell equations in the cell language (what :func:`parse_cell` reads back).

    Setting ``order``: quantity names in definition order, for the paper's reading order
    of terms and factors (as :class:`symlstm.printing.CellTextPrinter`).
    """

    _default_settings = {**StrPrinter._default_settings, "order": ()}

    def __init__(self, settings=None):
        from ..latex.printing import _Ordering
        super().__init__(settings)
        self._ordering = _Ordering(self._settings["order"])

    def _print_Add(self, expr, order=None):
        out = ""
        for k, term in enumerate(sorted(expr.args, key=self._ordering.term_key)):
            s = self._print(term)
            out = s if k == 0 else out + (f" - {s[1:]}" if s.startswith("-") else f" + {s}")
        return out

    def _print_Function(self, expr):
        if is_vec(expr):
            k = shift_of(expr)
            if k not in (0, -1):
                raise ValueError(f"{expr}: the cell language has steps t and t-1 only")
            return vec_name(expr) + ("[t-1]" if k == -1 else "")
        for name, fn in FUNCTIONS.items():
            if expr.func is fn:
                return f"{name}({self._print(expr.args[0])})"
        raise ValueError(f"function {expr.func.__name__} has no form in the cell language "
                         f"(functions: {', '.join(FUNCTIONS)})")

    def _print_MatVec(self, expr):
        v = expr.vector
        s = self._print(v)
        return f"{expr.matrix.name} {s if is_vec(v) else '(' + s + ')'}"

    def _factor(self, f):
        s = self._print(f)
        return f"({s})" if f.is_Add else s

    def _print_Mul(self, expr):
        coeff, rest = expr.as_coeff_Mul()
        factors = sorted(sympy.Mul.make_args(rest), key=self._ordering.factor_key)
        body = " * ".join(self._factor(f) for f in factors)
        if coeff == 1:
            return body
        if coeff == -1:
            return "-" + body
        return f"{self._print(coeff)} * {body}"

    def _print_Pow(self, expr, rational=False):
        n = expr.exp
        if n.is_Integer and 1 < n <= 8:
            return " * ".join([self._factor(expr.base)] * int(n))
        raise ValueError(f"{expr}: the cell language has no powers other than small whole ones")

    def _print_Rational(self, expr):
        q = int(expr.q)
        while q % 2 == 0:
            q //= 2
        while q % 5 == 0:
            q //= 5
        if q != 1:
            raise ValueError(f"the number {expr} has no exact decimal form in the cell language")
        f = Fraction(int(expr.p), int(expr.q))
        digits = 0
        while (f * 10 ** digits).denominator != 1:
            digits += 1
        return f"{float(f):.{digits}f}" if digits else str(f.numerator)

    def _print_Integer(self, expr):
        return str(int(expr))

    def _print_Symbol(self, expr):
        return expr.name


def format_cell(cell) -> str:
    """The cell written in the cell language: ``parse_cell(format_cell(c))`` has c's equations.

    A starting point for a custom cell: ``print(format_cell(symlstm.cell("gru")))``.
    """
    from .registry import cell as lookup
    c = lookup(cell)
    p = CellSourcePrinter({"order": c.quantities})
    lines = []
    if c.description:
        lines.append(f"description: {c.description.replace(chr(10), ' ').replace('#', '')}")
    lines += [f"name: {c.name}", f"states: {', '.join(c.states)}", ""]
    lines += [f"{vec_name(eq.lhs)} = {p.doprint(eq.rhs)}" for eq in c.equations]
    return "\n".join(lines) + "\n"
