"""The cell language's syntax: limits, errors, the Lark parser driver and its syntax-error messages."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from lark import Lark, Token, Transformer
from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)

from .algebra import (
    sigmoid,
    tanh,
)

#: Largest accepted cell text (UTF-8 bytes).
MAX_BYTES = 100_000
#: Deepest accepted nesting of brackets and operators in one expression.
MAX_DEPTH = 64
#: Deepest accepted nesting of function calls (tanh(σ(...))): SymPy's work on nested tanh grows
#: about 3.7× per level, so this bound keeps every accepted cell fast to derive and compile.
MAX_CALL_DEPTH = 4
#: Most equations (assignment lines) and parameters in one cell; checked before any symbolic work.
MAX_EQUATIONS = 32
MAX_PARAMETERS = 128
#: Most terms of one sum and factors of one product, and most operands and operations in a whole
#: cell: derivatives of products of sums grow quadratically, so these bound the derivation's size.
MAX_TERMS = 32
MAX_NODES = 512
#: Longest number (characters) and largest decimal exponent; checked on the text before conversion.
MAX_NUMBER_CHARS = 32
MAX_EXPONENT = 30
#: The functions of the language and the SymPy functions they build.
FUNCTIONS = {"sigmoid": sigmoid, "σ": sigmoid, "tanh": tanh}
#: Functions people try that the language does not have (no matrix-product hint for them).
OTHER_FUNCTIONS = frozenset({"relu", "exp", "log", "sin", "cos", "abs", "sqrt", "softmax", "softplus", "gelu",
                             "elu", "selu", "silu", "swish", "sign", "max", "min", "hardtanh", "leaky_relu",
                             "logsigmoid", "sigm", "sig", "th", "tan", "atan", "square", "pow"})
DECLARATIONS = ("name", "states", "matrices", "vectors", "description")
STEP = "t"
OUTPUT = "h"


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
    args: tuple = ()    # a list for the sums and products the parser is still extending
    signs: tuple = ()   # for add: +1/-1 per term


def _pos(tok: Token):
    return tok.line, tok.column


def _at(node: _Node) -> Token:
    """A token standing for a node's position (for errors that take a token)."""
    return Token("NAME", "", line=node.line, column=node.column)


def _number_text(tok: Token) -> str:
    """The text of a number, refused when too long or too large before anything converts it."""
    text = str(tok)
    if len(text) > MAX_NUMBER_CHARS:
        raise CellError(f"number of {len(text)} characters; numbers have at most {MAX_NUMBER_CHARS}",
                        *_pos(tok))
    exponent = text.lower().partition("e")[2]
    if exponent and abs(int(exponent)) > MAX_EXPONENT:
        raise CellError(f"number {text} is out of range: the exponent is at most {MAX_EXPONENT} in size",
                        *_pos(tok))
    return text


def _nodes(node: _Node):
    """Every node of a tree, without recursion."""
    todo = [node]
    while todo:
        n = todo.pop()
        yield n
        todo.extend(n.args)


def _many(node: _Node, what: str, parts: str) -> _Node:
    if len(node.args) > MAX_TERMS:
        last = node.args[-1]
        raise CellError(f"a {what} of more than {MAX_TERMS} {parts}; name parts of it on lines of their own",
                        last.line, last.column)
    return node


def _deep(node: _Node) -> _Node:
    if node.depth > MAX_DEPTH:
        raise CellError(f"expression nested too deeply (more than {MAX_DEPTH} levels)",
                        node.line, node.column)
    return node


class _Tree(Transformer):
    """Runs inside the LALR parser (no recursion): builds :class:`_Node` trees and line records."""

    nodes = 0

    def _count(self, node: _Node) -> _Node:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise CellError(f"the cell is too large: more than {MAX_NODES} operands and operations in all",
                            node.line, node.column)
        return node

    def number(self, c):
        (tok,) = c
        return self._count(_Node("number", *_pos(tok), value=_number_text(tok)))

    def name(self, c):
        (tok,) = c
        return self._count(_Node("name", *_pos(tok), value=str(tok)))

    def _index(self, c, sign):
        name, step = c[0], c[1]
        if str(step) != STEP:
            raise CellError(f"expected the step {STEP!r} in the index, as in {name}[t-1]; got {str(step)!r}",
                            *_pos(step))
        shift = 0
        if len(c) == 3:
            k = _number_text(c[2])
            if not k.isdigit():
                raise CellError(f"the shift in {name}[t{'+' if sign > 0 else '-'}{k}] must be a whole number",
                                *_pos(c[2]))
            shift = sign * int(k)
        return self._count(_Node("index", *_pos(name), value=(str(name), shift, (step.line, step.column))))

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
            calls = 1 + max((n.value[1] for n in _nodes(arg) if n.kind == "call"), default=0)
            if calls > MAX_CALL_DEPTH:
                raise CellError(f"function calls nested too deeply (more than {MAX_CALL_DEPTH} levels, as in "
                                "tanh(σ(tanh(σ(tanh(...)))))); name an inner result on a line of its own",
                                *_pos(tok))
            return self._count(_deep(_Node("call", *_pos(tok), arg.depth + 1, (fn, calls), (arg,))))
        if fn[:1].isupper():          # W(v): a matrix product written without a space
            return self._juxt(Token("NAME", fn, line=tok.line, column=tok.column), arg)
        hint = ""
        if fn not in OTHER_FUNCTIONS and not any(n.kind in ("juxt", "call") for n in _nodes(arg)):
            hint = f" (for a matrix product with a bracketed vector write {fn} (...), with a space)"
        raise CellError(f"unknown function {fn!r}; the functions are {', '.join(FUNCTIONS)}{hint}", *_pos(tok))

    def _juxt(self, tok, arg):
        return self._count(_deep(_Node("juxt", *_pos(tok), arg.depth + 1, str(tok), (arg,))))

    def juxt(self, c):
        return self._juxt(c[0], c[-1])

    def neg(self, c):
        (a,) = c
        return self._count(_deep(_Node("neg", a.line, a.column, a.depth + 1, None, (a,))))

    def pos(self, c):
        return c[0]

    def _sum(self, a, b, sign):
        if a.kind == "add" and a.value == "open":      # extend the parser's own node (linear, not quadratic)
            a.args.append(b)
            a.signs.append(sign)
            a.depth = max(a.depth, b.depth + 1)
            return _many(_deep(a), "sum", "terms")
        return self._count(_deep(_Node("add", a.line, a.column, max(a.depth, b.depth) + 1, "open", [a, b],
                                       [1, sign])))

    def add(self, c):
        return self._sum(c[0], c[1], 1)

    def sub(self, c):
        return self._sum(c[0], c[1], -1)

    def mul(self, c):
        a, _, b = c
        if a.kind == "mul" and a.value == "open":
            a.args.append(b)
            a.depth = max(a.depth, b.depth + 1)
            return _many(_deep(a), "product", "factors")
        return self._count(_deep(_Node("mul", a.line, a.column, max(a.depth, b.depth) + 1, "open", [a, b])))

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
    brackets, tree = _Brackets(), _Tree()
    parser = Lark(_grammar(), parser="lalr", lexer="contextual", start=["start", "expression"],
                  transformer=tree, postlex=brackets, maybe_placeholders=False)
    return parser, brackets, tree


_PARSER = None


def _parse(text: str, start: str):
    global _PARSER
    if _PARSER is None:
        _PARSER = _parser()
    parser, brackets, tree = _PARSER
    tree.nodes = 0
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
