"""Read the LaTeX subset of ``symlstm verify`` (grammars/latex.lark) into a Lark tree, within bounds.

Only syntax lives here: the grammar file, the size and nesting bounds checked before parsing,
and error messages that say where (line, column) and what was expected. What the tree means
is decided in :mod:`symlstm.claims`. User text is never evaluated.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

__all__ = ["LatexError", "parse", "grammar_path", "MAX_CHARS", "MAX_DEPTH", "position"]

#: Longest claim read (characters). A derivation has one equation per claim.
MAX_CHARS = 20_000
#: Deepest nesting of (), [] and {} read.
MAX_DEPTH = 40

GRAMMAR = Path(__file__).parent / "grammars" / "latex.lark"
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
