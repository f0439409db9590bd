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
bounded: at most ``MAX_BYTES`` of text and ``MAX_DEPTH`` levels of nesting.
"""
from __future__ import annotations

import keyword
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from pathlib import Path

import sympy
from lark import Lark, Token, Transformer
from sympy.printing.str import StrPrinter
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from .algebra import (
    ADJOINT_PREFIX, EXTERNAL_PREFIX, PREACT_SUFFIX, at, is_vec, mat, param, shift_of, sigmoid, t, tanh,
    vec_name,
)
from .cell import INPUT, Cell

__all__ = ["parse_cell", "load_cell", "parse_expression", "format_cell", "CellError", "CellSyntaxError",
           "FUNCTIONS", "MAX_BYTES", "MAX_DEPTH"]

#: Largest accepted cell text (UTF-8 bytes).
MAX_BYTES = 100_000
#: Deepest accepted nesting of brackets and operators in one expression.
MAX_DEPTH = 64
#: The functions of the language and the SymPy functions they build.
FUNCTIONS = {"sigmoid": sigmoid, "σ": sigmoid, "tanh": tanh}
DECLARATIONS = ("name", "states", "matrices", "vectors", "description")
STEP = "t"
OUTPUT = "h"
#: Names the generated code uses for itself; a cell cannot use them.
RESERVED = frozenset({
    "np", "nb", "math", "params", "state0", "dh", "range", "len", "float", "dict", "tuple",
    "T", "B", "I", "H", "P", "s0", "hs", "save", "saved", "final", "x_t", "dh_t",
})


# ============================================================================ errors
class CellError(ValueError):
    """A mistake in a cell's text, at ``line`` and ``column`` (1-based)."""

    def __init__(self, message: str, line: int, column: int, *, source: str | None = None,
                 filename: str | None = None):
        self.message, self.line, self.column = message, line, column
        self.filename = filename
        self.source_line = _source_line(source, line) if source is not None else None
        super().__init__(self._render())

    def _render(self) -> str:
        where = f"{self.filename}:{self.line}:{self.column}" if self.filename else \
            f"line {self.line}, column {self.column}"
        out = f"{where}: {self.message}"
        if self.source_line is not None:
            text = self.source_line.expandtabs(1)
            out += f"\n    {text}\n    {' ' * max(0, self.column - 1)}^"
        return out

    def _located(self, source, filename):
        """The same error with the source line and file name attached."""
        return CellError(self.message, self.line, self.column, source=source, filename=filename)


class CellSyntaxError(CellError):
    """The text does not follow the grammar; ``expected`` lists what could come next."""

    def __init__(self, message, line, column, *, expected=(), source=None, filename=None):
        self.expected = tuple(expected)
        super().__init__(message, line, column, source=source, filename=filename)

    def _located(self, source, filename):
        return CellSyntaxError(self.message, self.line, self.column, expected=self.expected,
                               source=source, filename=filename)


def _source_line(source: str, line: int) -> str:
    lines = source.splitlines()
    return lines[line - 1] if 1 <= line <= len(lines) else ""


# ============================================================================ syntax tree
@dataclass(eq=False)
class _Node:
    """A node of an expression: kind, source position, nesting depth, payload, children."""

    kind: str           # number name index call juxt add mul neg
    line: int
    column: int
    depth: int = 1
    value: object = None
    args: tuple = ()
    signs: tuple = ()   # for add: +1/-1 per term


def _pos(tok: Token):
    return tok.line, tok.column


def _at(node: _Node) -> Token:
    """A token standing for a node's position (for errors that take a token)."""
    return Token("NAME", "", line=node.line, column=node.column)


def _deep(node: _Node) -> _Node:
    if node.depth > MAX_DEPTH:
        raise CellError(f"expression nested too deeply (more than {MAX_DEPTH} levels)",
                        node.line, node.column)
    return node


class _Tree(Transformer):
    """Runs inside the LALR parser (no recursion): builds :class:`_Node` trees and line records."""

    def number(self, c):
        (tok,) = c
        return _Node("number", *_pos(tok), value=str(tok))

    def name(self, c):
        (tok,) = c
        return _Node("name", *_pos(tok), value=str(tok))

    def _index(self, c, sign):
        name, step = c[0], c[1]
        if str(step) != STEP:
            raise CellError(f"expected the step {STEP!r} in the index, as in {name}[t-1]; got {str(step)!r}",
                            *_pos(step))
        shift = 0
        if len(c) == 3:
            k = str(c[2])
            if not k.isdigit():
                raise CellError(f"the shift in {name}[t{'+' if sign > 0 else '-'}{k}] must be a whole number",
                                *_pos(c[2]))
            shift = sign * int(k)
        return _Node("index", *_pos(name), value=(str(name), shift, (step.line, step.column)))

    def index(self, c):
        return self._index(c, 0)

    def index_minus(self, c):
        return self._index(c, -1)

    def index_plus(self, c):
        return self._index(c, +1)

    def call(self, c):
        tok, arg = c
        fn = str(tok)[:-1].rstrip()
        if fn in FUNCTIONS:
            return _deep(_Node("call", *_pos(tok), arg.depth + 1, fn, (arg,)))
        if fn[:1].isupper():          # W(v): a matrix product written without a space
            return self._juxt(Token("NAME", fn, line=tok.line, column=tok.column), arg)
        raise CellError(f"unknown function {fn!r}; the functions are {', '.join(FUNCTIONS)}"
                        f" (for a matrix product with a bracketed vector write {fn} (...), with a space)",
                        *_pos(tok))

    def _juxt(self, tok, arg):
        return _deep(_Node("juxt", *_pos(tok), arg.depth + 1, str(tok), (arg,)))

    def juxt(self, c):
        return self._juxt(c[0], c[-1])

    def neg(self, c):
        (a,) = c
        return _deep(_Node("neg", a.line, a.column, a.depth + 1, None, (a,)))

    def pos(self, c):
        return c[0]

    def _sum(self, a, b, sign):
        if a.kind == "add":
            return _deep(_Node("add", a.line, a.column, max(a.depth, b.depth + 1), None,
                               a.args + (b,), a.signs + (sign,)))
        return _deep(_Node("add", a.line, a.column, max(a.depth, b.depth) + 1, None, (a, b), (1, sign)))

    def add(self, c):
        return self._sum(c[0], c[1], 1)

    def sub(self, c):
        return self._sum(c[0], c[1], -1)

    def mul(self, c):
        a, _, b = c
        if a.kind == "mul":
            return _deep(_Node("mul", a.line, a.column, max(a.depth, b.depth + 1), None, a.args + (b,)))
        return _deep(_Node("mul", a.line, a.column, max(a.depth, b.depth) + 1, None, (a, b)))

    def assignment(self, c):
        return ("assign", c[0], c[1])

    def declaration(self, c):
        return ("declare", c[0], tuple(c[1:]))

    def description(self, c):
        (tok,) = c
        return ("description", tok, str(tok).split(":", 1)[1].strip())

    def start(self, c):
        return list(c)

    def expression(self, c):
        return c[0]


class _Brackets:
    """Post-lexer: newlines inside ( ) and [ ] continue the line; bounds the bracket depth."""

    always_accept = ("_NL",)
    OPEN = {"LPAR", "LSQB", "CALL"}
    CLOSE = {"RPAR", "RSQB"}

    def __init__(self):
        self.open: list = []

    def process(self, stream):
        self.open = []
        for tok in stream:
            if tok.type in self.OPEN:
                self.open.append(tok)
                if len(self.open) > MAX_DEPTH:
                    raise CellError(f"brackets nested too deeply (more than {MAX_DEPTH} levels)", *_pos(tok))
            elif tok.type in self.CLOSE and self.open:
                self.open.pop()
            elif tok.type == "_NL" and self.open:
                continue
            yield tok


@lru_cache(maxsize=1)
def _grammar() -> str:
    return (resources.files("symlstm.cells") / "cell.lark").read_text(encoding="utf-8")


def _parser():
    brackets = _Brackets()
    parser = Lark(_grammar(), parser="lalr", lexer="contextual", start=["start", "expression"],
                  transformer=_Tree(), postlex=brackets, maybe_placeholders=False)
    return parser, brackets


_PARSER = None


def _parse(text: str, start: str):
    global _PARSER
    if _PARSER is None:
        _PARSER = _parser()
    parser, brackets = _PARSER
    try:
        return parser.parse(text, start=start)
    except UnexpectedInput as e:
        raise _syntax_error(e, parser, brackets, text) from None


# -------------------------------------------------------------------------- syntax errors
_READABLE = {"NAME": "a name", "NUMBER": "a number", "CALL": "a function call such as tanh(",
             "TIMES": "'*'", "_NL": "the end of the line", "$END": "the end of the text",
             "DESCRIPTION": "description:"}


_TOKEN_KIND = {"NAME": "name", "NUMBER": "number", "CALL": "function call"}


def _describe_terminals(names, parser) -> list[str]:
    patterns = {t.name: t.pattern for t in parser.terminals}
    out = []
    for n in names:
        if n == "DESCRIPTION":
            continue
        if n in _READABLE:
            out.append(_READABLE[n])
        elif n in patterns and patterns[n].type == "str":
            out.append(repr(patterns[n].value))
        elif not n.startswith("__"):
            out.append(n.lower())
    return sorted(set(out), key=lambda s: (s.startswith("a ") or s.startswith("the "), s))


def _starts_line(text, tok) -> bool:
    return _source_line(text, tok.line)[:max(0, tok.column - 1)].strip() == ""


def _syntax_error(e: UnexpectedInput, parser, brackets, text) -> CellSyntaxError:
    if isinstance(e, UnexpectedCharacters):
        expected = _describe_terminals(e.allowed or (), parser)
        char = e.char
        msg = f"unexpected character {char!r}"
        if char == "=" or char == ":":
            msg += " (one assignment or declaration per line)"
        line, column = e.line, e.column
    elif isinstance(e, UnexpectedToken):
        expected = _describe_terminals(e.accepts or e.expected, parser)
        tok = e.token
        if tok.type == "$END":
            msg = "unexpected end of the text"
            line, column = _end_position(e)
        elif tok.type == "_NL":
            msg = "unexpected end of the line"
            line, column = tok.line, tok.column
        else:
            msg = f"unexpected {_TOKEN_KIND.get(tok.type, 'token')} {str(tok)!r}"
            if tok.type in ("NAME", "NUMBER", "CALL") and "'='" in expected:
                msg += " (an assignment is `name = expression`, a declaration `states: h, c`)"
            elif tok.type in ("RPAR", "RSQB") and not brackets.open:
                msg += " (it closes no bracket)"
            elif tok.type in ("EQUAL", "COLON"):
                msg += " (one assignment or declaration per line)"
            elif tok.type in ("PLUS", "MINUS", "TIMES", "AT") and _starts_line(text, tok):
                msg += (" (a line is a new assignment; to continue an expression end the previous line "
                        "with \\ or keep the line break inside brackets)")
            line, column = tok.line, tok.column
    elif isinstance(e, UnexpectedEOF):
        expected = _describe_terminals(e.expected or (), parser)
        msg = "unexpected end of the text"
        line, column = _end_position(e)
    else:  # pragma: no cover - lark has no other kinds
        expected, msg, line, column = [], str(e), getattr(e, "line", 1), getattr(e, "column", 1)
    if brackets.open:
        tok = brackets.open[-1]
        bracket = "(" if tok.type != "LSQB" else "["
        msg += f"; the {bracket!r} at line {tok.line}, column {tok.column} is not closed"
    if expected:
        msg += "; expected " + _or(expected)
    return CellSyntaxError(msg, line if line and line > 0 else 1, column if column and column > 0 else 1,
                           expected=expected)


def _end_position(e):
    line = getattr(e, "line", -1)
    column = getattr(e, "column", -1)
    tok = getattr(e, "token", None)
    if tok is not None and getattr(tok, "end_line", None):
        return tok.end_line, tok.end_column
    return line, column


def _or(items):
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


# ============================================================================ meaning
def _walk(node: _Node):
    """Pre-order walk (depth is bounded by MAX_DEPTH)."""
    yield node
    for a in node.args:
        yield from _walk(a)


def _is_input(node: _Node) -> bool:
    return (node.kind == "name" and node.value == INPUT) or \
        (node.kind == "index" and node.value[0] == INPUT and node.value[1] == 0)


@dataclass
class _Assign:
    name: str
    line: int
    column: int
    expr: _Node


class _Builder:
    """Gives the parsed lines their meaning and builds the SymPy equations of a :class:`Cell`."""

    def __init__(self, records):
        self.assigns: list[_Assign] = []
        self.decls: dict = {}               # keyword -> (token, values)
        self.description = None
        for rec in records:
            kind, tok, payload = rec
            if kind == "assign":
                self._assignment(tok, payload)
            elif kind == "declare":
                self._declaration(tok, payload)
            else:
                if "description" in self.decls:
                    self._twice("description", tok)
                self.decls["description"] = (tok, ())
                self.description = payload
        self.names = {a.name: a for a in self.assigns}
        self.strict = "matrices" in self.decls or "vectors" in self.decls
        self.declared_matrices = {str(v): v for v in self.decls.get("matrices", (None, ()))[1]}
        self.declared_vectors = {str(v): v for v in self.decls.get("vectors", (None, ()))[1]}
        for n, tok in self.declared_vectors.items():
            if n in self.declared_matrices:
                raise CellError(f"{n!r} is declared both as a matrix and as a vector", *_pos(tok))
        for n, tok in {**self.declared_matrices, **self.declared_vectors}.items():
            self._check_identifier(n, tok, "parameter")
            if n in self.names:
                raise CellError(f"{n!r} is declared as a parameter but line {self.names[n].line} defines it "
                                "as a quantity", *_pos(tok))
        self.matrices = self._matrix_uses([a.expr for a in self.assigns])

    @classmethod
    def for_expression(cls, node, quantities, target):
        """A builder for one expression over existing quantities (all defined but ``target``)."""
        b = cls([])
        b.names = {q: _Assign(q, 0, 0, None) for q in quantities}
        b.matrices = b._matrix_uses([node])
        b.current = _Assign(target or "", 1, 1, node)
        b.defined = set(quantities) - {target}
        b.deps = {}
        return b

    # ---------------------------------------------------------------- lines
    def _assignment(self, tok, expr):
        q = str(tok)
        if q == INPUT:
            raise CellError(f"{INPUT!r} is the input of the cell and cannot be assigned", *_pos(tok))
        if q == STEP:
            raise CellError(f"{STEP!r} is the step index and cannot be assigned", *_pos(tok))
        if q in FUNCTIONS:
            raise CellError(f"{q!r} is a function and cannot be assigned", *_pos(tok))
        self._check_identifier(q, tok, "quantity")
        for a in self.assigns:
            if a.name == q:
                raise CellError(f"quantity {q!r} is defined twice (first on line {a.line})", *_pos(tok))
        self.assigns.append(_Assign(q, tok.line, tok.column, expr))

    def _declaration(self, tok, values):
        key = str(tok)
        if key not in DECLARATIONS:
            raise CellError(f"unknown declaration {key + ':'!r}; the declarations are "
                            f"{', '.join(d + ':' for d in DECLARATIONS)} (an assignment is `{key} = ...`)",
                            *_pos(tok))
        if key in self.decls:
            self._twice(key, tok)
        if key == "name" and len(values) != 1:
            raise CellError("`name:` takes one name", *_pos(values[1]))
        seen = {}
        for v in values:
            if str(v) in seen:
                raise CellError(f"{str(v)!r} appears twice in `{key}:`", *_pos(v))
            seen[str(v)] = v
        self.decls[key] = (tok, values)

    def _twice(self, key, tok):
        first = self.decls[key][0]
        raise CellError(f"`{key}:` is declared twice (first on line {first.line})", *_pos(tok))

    @staticmethod
    def _check_identifier(n, tok, what):
        if n.startswith("_") or keyword.iskeyword(n) or n in RESERVED:
            raise CellError(f"{n!r} cannot name a {what}: names must not start with '_', be Python keywords "
                            f"or one of {', '.join(sorted(RESERVED))} (generated code uses them)", *_pos(tok))
        if n.startswith((ADJOINT_PREFIX, EXTERNAL_PREFIX)) or PREACT_SUFFIX in n:
            raise CellError(f"{n!r} cannot name a {what}: names starting with {ADJOINT_PREFIX!r} or "
                            f"{EXTERNAL_PREFIX!r} or containing {PREACT_SUFFIX!r} are kept for derived "
                            "quantities", *_pos(tok))
        if n in (INPUT, STEP) or n in FUNCTIONS:
            raise CellError(f"{n!r} cannot name a {what}", *_pos(tok))

    # ---------------------------------------------------------------- inference
    @staticmethod
    def _matrix_uses(exprs) -> dict:
        """Matrix name -> (kind, node) of its first product; kinds must agree."""
        out = {}
        for expr in exprs:
            for node in _walk(expr):
                if node.kind != "juxt":
                    continue
                kind = "input" if _is_input(node.args[0]) else "recurrent"
                m = node.value
                if m in out and out[m][0] != kind:
                    first = out[m][1]
                    with_x, with_h = (first, node) if kind == "recurrent" else (node, first)
                    raise CellError(f"matrix {m!r} multiplies the input x on line {with_x.line} and a hidden "
                                    f"vector on line {with_h.line}: an input matrix is (H, I), a recurrent one "
                                    "(H, H); use two matrices", node.line, node.column)
                out.setdefault(m, (kind, node))
        return out

    def states(self) -> tuple[str, ...]:
        if OUTPUT not in self.names:
            last = self.assigns[-1] if self.assigns else None
            raise CellError(f"the cell does not define its output {OUTPUT!r} (e.g. `h = o * tanh(c)`)",
                            last.line if last else 1, 1)
        uses = []
        for a in self.assigns:
            for node in _walk(a.expr):
                if node.kind == "index" and node.value[1] == -1:
                    uses.append(node)
        uses.sort(key=lambda n: (n.line, n.column))
        for node in uses:
            q = node.value[0]
            if q == INPUT:
                raise CellError("the input is only available at the current step: write x (or x[t])",
                                node.line, node.column)
            if q not in self.names:
                raise CellError(f"{q}[t-1] is the previous value of {q!r}, but no equation defines {q!r}"
                                + _hint_defined(q, self.names), node.line, node.column)
        if "states" in self.decls:
            tok, values = self.decls["states"]
            declared = [str(v) for v in values]
            for v in values:
                if str(v) not in self.names:
                    raise CellError(f"state {str(v)!r} is declared but no equation defines it", *_pos(v))
            if declared[0] != OUTPUT:
                raise CellError(f"the output {OUTPUT!r} must be the first state (states: "
                                f"{', '.join([OUTPUT] + [d for d in declared if d != OUTPUT])})", *_pos(values[0]))
            for node in uses:
                if node.value[0] not in declared:
                    raise CellError(f"{node.value[0]}[t-1] is used but {node.value[0]!r} is not declared in "
                                    f"`states:` on line {tok.line}", node.line, node.column)
            return tuple(declared)
        return tuple(dict.fromkeys([OUTPUT] + [n.value[0] for n in uses]))

    # ---------------------------------------------------------------- expressions
    def equations(self, states) -> list:
        self.deps = {a.name: self._now_uses(a.expr) for a in self.assigns}
        eqs = []
        for k, a in enumerate(self.assigns):
            self.current, self.defined = a, {b.name for b in self.assigns[:k]}
            rhs = self._expr(a.expr)
            if not _has_variable(rhs):
                raise CellError(f"the right side of {a.name!r} is a constant; a quantity must depend on "
                                "the input, a state or a parameter", a.expr.line, a.expr.column)
            eqs.append(sympy.Eq(at(a.name), rhs, evaluate=False))
        return eqs

    def _now_uses(self, expr):
        out = {}
        for node in _walk(expr):
            if node.kind == "name" or (node.kind == "index" and node.value[1] == 0):
                n = node.value if node.kind == "name" else node.value[0]
                if n in self.names:
                    out.setdefault(n, node)
        return out

    def _expr(self, node: _Node):
        k = node.kind
        if k == "number":
            f = Fraction(node.value)
            return sympy.Rational(f.numerator, f.denominator)
        if k == "name":
            return self._name(node.value, node)
        if k == "index":
            q, shift, step_pos = node.value
            if shift == 0:
                return self._name(q, node, indexed=True)
            if shift > 0:
                raise CellError(f"{q}[t+{shift}] is in the future; a cell can use [t] and [t-1]", *step_pos)
            if shift < -1:
                raise CellError(f"{q}[t{shift}]: only [t] and [t-1] are supported (carry an extra state "
                                "for older values)", *step_pos)
            return at(q, -1)                   # validated by states()
        if k == "call":
            return FUNCTIONS[node.value](self._expr(node.args[0]))
        if k == "neg":
            return -self._expr(node.args[0])
        if k == "add":
            return sympy.Add(*[s * self._expr(a) for s, a in zip(node.signs, node.args)])
        if k == "mul":
            return sympy.Mul(*[self._expr(a) for a in node.args])
        if k == "juxt":
            return self._product(node)
        raise AssertionError(k)  # pragma: no cover

    def _name(self, n, node, indexed=False):
        a = self.current
        if n == INPUT:       # a product W x is handled by _product
            raise CellError("the input x (size I) can only be multiplied by an input matrix, as in W x",
                            node.line, node.column)
        if n == STEP:
            raise CellError(f"{STEP!r} is the step index; it appears only in brackets, as in h[t-1]",
                            node.line, node.column)
        if n in FUNCTIONS:
            raise CellError(f"{n!r} is a function: call it as {n}(...)", node.line, node.column)
        if n == a.name:
            raise CellError(f"{n!r} is used in its own equation; write {n}[t-1] for its value at the "
                            "previous step", node.line, node.column)
        if n in self.defined:
            return at(n)
        if n in self.names:
            raise self._before(n, node)
        if indexed:
            raise CellError(f"{n}[t]: {n!r} is not a quantity of the cell (no equation defines it)",
                            node.line, node.column)
        return self._vector_param(n, node)

    def _before(self, n, node):
        """``n`` is defined after the current quantity: a cycle or just the wrong order."""
        q = self.current.name
        path = _path(n, q, self.deps)
        later = self.names[n]
        if path:
            chain = " ← ".join(path)
            return CellError(f"cycle within one step: {q!r} uses {n!r}, but {n!r} is computed from {q!r} "
                             f"({chain}); write {n}[t-1] for the previous step's value",
                             node.line, node.column)
        return CellError(f"{n!r} is used before its definition on line {later.line}; move this equation "
                         f"below it, or write {n}[t-1] for the previous step's value", node.line, node.column)

    def _vector_param(self, n, node):
        if n in self.matrices:
            first = self.matrices[n][1]
            raise CellError(f"{n!r} is a matrix (it multiplies a vector on line {first.line}, column "
                            f"{first.column}); here it is used element-wise", node.line, node.column)
        if n in self.declared_matrices:
            raise CellError(f"{n!r} is declared a matrix; here it is used element-wise (write {n} v for a "
                            "matrix product)", node.line, node.column)
        self._check_identifier(n, _at(node), "parameter")
        if self.strict and n not in self.declared_vectors:
            raise CellError(f"undefined name {n!r}: no equation defines it and it is not declared in "
                            "`vectors:` or `matrices:`" + _hint_defined(n, self.names),
                            node.line, node.column)
        return param(n)

    def _product(self, node):
        m, (v,) = node.value, node.args
        if m in FUNCTIONS:
            raise CellError(f"{m!r} is a function: call it as {m}(...)", node.line, node.column)
        if m == INPUT or m == STEP or m in self.names:
            what = {INPUT: "the input", STEP: "the step index"}.get(m, "a quantity")
            raise CellError(f"{m!r} is {what}, not a matrix; a name before a vector is a matrix product "
                            "(use * for the element-wise product)", node.line, node.column)
        if m in self.declared_vectors:
            raise CellError(f"{m!r} is declared a vector; a name before a vector is a matrix product "
                            f"(use {m} * ... for the element-wise product)", node.line, node.column)
        self._check_identifier(m, _at(node), "parameter")
        if self.strict and m not in self.declared_matrices:
            raise CellError(f"undefined matrix {m!r}: it is not declared in `matrices:`", node.line, node.column)
        if _is_input(v):
            return mat(m) @ at(INPUT)
        for sub in _walk(v):
            if _is_input(sub):
                raise CellError("the input x can only be multiplied by a matrix on its own: "
                                "write W x + U h[t-1] rather than W (x + h[t-1])", sub.line, sub.column)
            if sub.kind == "juxt":
                raise CellError(f"a matrix times a matrix product ({m} {sub.value} ...) is not supported; "
                                "use one matrix", sub.line, sub.column)
        vector = self._expr(v)
        params = sorted(s.name for s in vector.free_symbols if s != t)
        if params:
            raise CellError(f"parameter {params[0]!r} inside the product {m} (...) is not supported: the vector "
                            "of a matrix product may hold quantities and numbers only", v.line, v.column)
        if not _has_variable(vector):
            raise CellError(f"{m} multiplies a constant; a matrix must multiply a vector quantity",
                            v.line, v.column)
        return mat(m) @ vector


def _has_variable(e) -> bool:
    return bool(e.free_symbols - {t}) or any(is_vec(a) for a in e.atoms(sympy.core.function.AppliedUndef))


def _path(start, goal, deps):
    """A chain start → ... → goal through step-t uses, or None."""
    prev, todo = {start: None}, [start]
    while todo:
        n = todo.pop(0)
        if n == goal:
            path = [n]
            while prev[path[-1]] is not None:
                path.append(prev[path[-1]])
            return path[::-1]
        for d in deps.get(n, {}):
            if d not in prev:
                prev[d] = n
                todo.append(d)
    return None


def _hint_defined(n, names):
    import difflib
    close = difflib.get_close_matches(n, list(names), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# ============================================================================ public API
def _check_size(text: str, filename=None):
    if not isinstance(text, str):
        raise TypeError(f"cell text must be a str, got {type(text).__name__}")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        where = f"{filename}: " if filename else ""
        raise ValueError(f"{where}cell text is {size} bytes; the limit is {MAX_BYTES} bytes")


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
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"{path}: cell file is {size} bytes; the limit is {MAX_BYTES} bytes")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    stem = path.stem.replace("-", "_")
    default = stem if stem.isidentifier() and not keyword.iskeyword(stem) else "custom"
    return _cell_from_text(text, None, default, str(path))


def _cell_from_text(text, name, default, filename) -> Cell:
    _check_size(text, filename)
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
    _check_size(text)
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
