"""Read the LaTeX subset of ``symlstm verify`` (latex.lark) into a Lark tree, within bounds.

Only syntax lives here: the grammar file, the size and nesting bounds checked before parsing,
and error messages that say where (line, column) and what was expected. What the tree means
is decided in :mod:`symlstm.claims`. User text is never evaluated.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import sympy
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

__all__ = ["LatexError", "parse", "grammar_path", "MAX_CHARS", "MAX_DEPTH", "position", "ACCENTS",
           "FUNCTION_COMMANDS", "FUNCTION_WORDS", "decorated", "word", "sub_items", "plain_name", "number",
           "unwrap", "as_sum", "op_kind", "is_transpose", "is_prime_group", "preact_index"]

#: Longest claim read (characters). A derivation has one equation per claim.
MAX_CHARS = 20_000
#: Deepest nesting of (), [] and {} read.
MAX_DEPTH = 40

GRAMMAR = Path(__file__).parent / "latex.lark"
STARTS = ("claim", "expression", "symbol")

#: How the grammar's terminals read in an error message.
READABLE = {
    "NAME": "a symbol", "NUMBER": "a number", "CHAR": "a letter or digit", "ADDOP": "+ or -",
    "MULOP": r"a product sign (\odot, \circ, \cdot, \times, /)", "EQUALS": "'='", "COMMA": "','",
    "PERIOD": "a final '.'", "SEMICOLON": "a final ';'", "LPAR": "'('", "RPAR": "')'", "LSQB": "'['", "RSQB": "']'",
    "LBRACE": "'{'", "RBRACE": "'}'", "UNDERSCORE": "'_'", "CIRCUMFLEX": "'^'", "PRIME": "a prime (')",
    "SUM": r"\sum", "DELTA": r"\delta or \Delta", "PARTIAL": r"\partial", "FRAC": r"\frac",
    "FUNC": r"\sigma, \tanh or \exp", "TOP": r"\top", "PRIMECMD": r"\prime",
    "ACCENT": r"an accent (\bar, \hat, \tilde)", "FONT": r"\mathrm{...} or \operatorname{...}",
    "GREEK": "a Greek letter", "LANGLE": r"\langle", "RANGLE": r"\rangle",
    "UNKNOWN_CMD": "a command", "$END": "the end of the equation",
}
_EXPRESSION_START = {"NAME", "NUMBER", "GREEK", "FUNC", "ACCENT", "FONT", "LPAR", "LSQB", "LBRACE",
                     "FRAC", "LANGLE", "DELTA", "PARTIAL", "SUM", "TOP", "PRIMECMD", "UNKNOWN_CMD"}
_CATEGORIES = {"NAME", "NUMBER", "CHAR", "FUNC", "GREEK", "ACCENT", "FONT", "UNKNOWN_CMD", "MULOP", "ADDOP"}


class LatexError(ValueError):
    """Text that is not in symlstm's LaTeX subset (or exceeds its bounds).

    ``line`` and ``column`` (1-based, or None) say where; ``expected`` what would have been read.
    """

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None,
                 text: str | None = None, expected=()):
        self.reason = message
        self.line, self.column, self.text = line, column, text
        self.expected = tuple(expected)
        super().__init__(self._format())

    def _format(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line is not None else ""
        out = where + self.reason
        if self.text is not None and self.line is not None:
            lines = self.text.splitlines() or [""]
            if 0 < self.line <= len(lines):
                src = lines[self.line - 1]
                col = max(1, self.column or 1)
                lo = max(0, col - 40)
                snippet = src[lo:lo + 80]
                out += f"\n    {snippet}\n    {' ' * (col - 1 - lo)}^"
        return out

    def shifted(self, line0: int, col0: int, text: str | None = None) -> "LatexError":
        """The same error placed in a larger text whose part starts at (line0, col0)."""
        if self.line is None:
            return LatexError(self.reason, text=text, expected=self.expected)
        line = line0 + self.line - 1
        col = col0 + self.column - 1 if self.line == 1 else self.column
        return LatexError(self.reason, line=line, column=col, text=text, expected=self.expected)


@lru_cache(maxsize=None)
def _parser() -> Lark:
    return Lark(GRAMMAR.read_text(), parser="lalr", start=list(STARTS), propagate_positions=True,
                maybe_placeholders=True, import_paths=[str(GRAMMAR.parent)], source_path=str(GRAMMAR))


def grammar_path() -> Path:
    return GRAMMAR


def position(node) -> tuple[int | None, int | None]:
    """(line, column) of a parse-tree node or token."""
    if isinstance(node, Token):
        return node.line, node.column
    if isinstance(node, Tree) and not node.meta.empty:
        return node.meta.line, node.meta.column
    return None, None


def check_bounds(text: str, *, what: str = "claim", max_chars: int = MAX_CHARS) -> None:
    """Refuse text that is too long or nested too deeply, before any parsing."""
    if not isinstance(text, str):
        raise TypeError(f"the {what} must be a str, got {type(text).__name__}")
    if len(text) > max_chars:
        raise LatexError(f"the {what} is {len(text)} characters long; the limit is {max_chars} "
                         f"characters (one equation per {what})")
    depth, line, col = 0, 1, 0
    for ch in text:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
        elif ch in "({[":
            depth += 1
            if depth > MAX_DEPTH:
                raise LatexError(f"brackets nested deeper than {MAX_DEPTH} levels; the limit is "
                                 f"{MAX_DEPTH}", line=line, column=col, text=text)
        elif ch in ")}]":
            depth -= 1


def parse(text: str, start: str = "claim", *, what: str = "claim") -> Tree:
    """The parse tree of ``text`` (a claim ``lhs = rhs``, an expression, or a symbol)."""
    if start not in STARTS:
        raise ValueError(f"start must be one of {STARTS}, got {start!r}")
    check_bounds(text, what=what)
    if not text.strip():
        raise LatexError(f"the {what} is empty; expected " +
                         ("an equation such as c_t = f_t \\odot c_{t-1} + i_t \\odot g_t"
                          if start == "claim" else "an expression"))
    try:
        return _parser().parse(text, start=start)
    except UnexpectedInput as e:
        raise _error(e, text, start) from None


def _describe(expected) -> str:
    names = set(expected)
    parts = []
    if len(names & _EXPRESSION_START) >= 4:
        parts.append("an expression (a symbol, number, command or opening bracket)")
        names -= _EXPRESSION_START
    parts += sorted(READABLE.get(n, n) for n in names)
    return ", ".join(parts)


def _error(e: UnexpectedInput, text: str, start: str) -> LatexError:
    if isinstance(e, UnexpectedCharacters):
        ch = text[e.pos_in_stream] if e.pos_in_stream < len(text) else ""
        what = f"unexpected character {ch!r}"
        if ch == "_" and text[e.pos_in_stream:e.pos_in_stream + 2] == "__":
            what += " (Python names are not LaTeX)"
        expected = e.allowed or ()
    elif isinstance(e, UnexpectedEOF):
        what = "unexpected end of the equation"
        expected = e.expected
    else:
        assert isinstance(e, UnexpectedToken)
        tok = e.token
        if tok.type == "$END":
            what = "unexpected end of the equation"
        elif tok.type == "EQUALS" and start == "claim":
            what = "a second '=' (one equation per claim)"
        else:
            what = (f"unexpected {READABLE[tok.type]} {str(tok)!r}" if tok.type in _CATEGORIES
                    else f"unexpected {str(tok)!r}")
        expected = e.expected or e.accepts or ()
    msg = what + (f"; expected {_describe(expected)}" if expected else "")
    if start == "claim" and "=" not in text:
        msg += " (a claim is an equation: left side = right side)"
    line, column = getattr(e, "line", None), getattr(e, "column", None)
    if isinstance(e, UnexpectedEOF) or line in (None, -1):
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
    return LatexError(msg, line=line, column=column, text=text, expected=sorted(expected))


# ============================================================================ what a node literally says
ACCENTS = {r"\bar": "bar", r"\overline": "bar", r"\hat": "hat", r"\widehat": "hat",
           r"\tilde": "tilde", r"\widetilde": "tilde"}
#: Function commands and the function words read as functions (sigmoid, tanh, exp, diag).
FUNCTION_COMMANDS = {r"\sigma": "sigmoid", r"\tanh": "tanh", r"\exp": "exp"}
FUNCTION_WORDS = {"sigmoid": "sigmoid", "tanh": "tanh", "exp": "exp", "diag": "diag", "Diag": "diag"}


def word(base) -> str | None:
    if base.data == "name":
        return str(base.children[0])
    if base.data == "font" and len(base.children) == 2:
        return word(base.children[1])
    return None


def decorated(base) -> tuple[str | None, str | None]:
    """(accent, name) of a symbol base: h, \\bar{i}, \\mathbf{h}, \\tilde{C}, \\phi, \\mathcal{L}."""
    if base.data == "name":
        return None, str(base.children[0])
    if base.data == "greek":
        return None, str(base.children[0])
    if base.data == "accent":
        inner = base.children[1]
        acc, name = decorated(inner) if isinstance(inner, Tree) else (None, str(inner))
        if acc is not None:
            return None, None
        return ACCENTS[str(base.children[0])], name
    if base.data == "font":
        font = str(base.children[0])
        acc, name = decorated(base.children[1])
        if font == r"\mathcal" and name and acc is None:
            return None, rf"\mathcal{{{name}}}"
        return acc, name
    if base.data == "number":
        return None, str(base.children[0])
    return None, None


def sub_items(sub) -> list:
    """The items of a subscript: names (str), or ("time", node) / ("int", k) for others."""
    arg = sub.children[0]
    if arg.data == "sub_char":
        ch = str(arg.children[0])
        return [int(ch)] if ch.isdigit() else [ch]
    items = []
    for entry in arg.children:
        if isinstance(entry, Token):      # COMMA
            continue
        items.append(simple(entry.children[0]) if entry.children[1] is None else ("eq", entry))
    return items


def simple(expr):
    """A plain name (str), a whole number (int), or the node itself."""
    name = plain_name(expr)
    if name is not None:
        return name
    n = number(expr)
    if n is not None and n == int(n):
        return int(n)
    return ("node", expr)


def unwrap(expr):
    """The single factor of a sum of one product of one factor, else None."""
    if isinstance(expr, Tree) and expr.data == "sum" and len(expr.children) == 2 and expr.children[0] is None:
        prod = expr.children[1]
        if prod.data == "product" and len(prod.children) == 1:
            return prod.children[0]
    return None


def plain_name(expr) -> str | None:
    f = unwrap(expr)
    if f is not None and f.data == "scripted" and len(f.children) == 1:
        acc, name = decorated(f.children[0])
        return name if acc is None and name is not None and not name[0].isdigit() else None
    # juxtaposed letters in a subscript: W_{x i}
    if isinstance(expr, Tree) and expr.data == "sum" and len(expr.children) == 2 and expr.children[0] is None:
        prod = expr.children[1]
        if prod.data == "product" and all(c is None for c in prod.children[1::2]):
            names = []
            for fct in prod.children[0::2]:
                if fct.data != "scripted" or len(fct.children) != 1 or fct.children[0].data != "name":
                    return None
                names.append(str(fct.children[0].children[0]))
            return "".join(names)
    return None


def number(expr):
    f = unwrap(expr)
    if f is not None and f.data == "scripted" and len(f.children) == 1 and f.children[0].data == "number":
        return sympy.Rational(str(f.children[0].children[0]))
    return None


def as_sum(product):
    """Wrap a product node as a one-term sum so the plain_name/number helpers apply."""
    return Tree("sum", [None, product])


def op_kind(tok) -> str | None:
    if tok is None:
        return None
    s = str(tok)
    if s in (r"\odot", r"\circ"):
        return "odot"
    if s == r"\otimes":
        return "otimes"
    if s == "/":
        return "div"
    return "cdot"


def is_transpose(arg) -> bool:
    if arg.data == "sup_top":
        return True
    if arg.data == "sup_char":
        return str(arg.children[0]) == "T"
    if arg.data == "sup_group":
        f = unwrap(arg.children[0])
        if f is not None and f.data == "scripted" and len(f.children) == 1:
            b = f.children[0]
            return b.data == "top" and str(b.children[0]) != r"\prime" or \
                (b.data == "name" and str(b.children[0]) == "T")
    return False


def is_prime_group(arg) -> bool:
    f = unwrap(arg.children[0])
    return f is not None and f.data == "scripted" and len(f.children) == 1 and \
        f.children[0].data == "top" and str(f.children[0].children[0]) == r"\prime"


def preact_index(arg):
    """k of ``^{(k)}`` (the printed name of a third or later pre-activation)."""
    if arg.data != "sup_group":
        return None
    f = unwrap(arg.children[0])
    if f is not None and f.data == "scripted" and len(f.children) == 1 and f.children[0].data == "group":
        n = number(f.children[0].children[0])
        if n is not None and n == int(n) and n >= 3:
            return int(n)
    return None
