r"""The tokens of a row and its bounds: size, nesting, token count; commands the row reader knows (as data)."""
from __future__ import annotations

import re

from ..latex.notation import GREEK_LETTERS
from .latexparse import LatexError

__all__ = ["MAX_ROW_CHARS", "MAX_ROW_DEPTH", "MAX_TOKENS", "tokens", "prepare", "error_at"]

#: Longest row read (characters).
MAX_ROW_CHARS = 20_000
#: Deepest nesting of brackets and scripts.
MAX_ROW_DEPTH = 40
#: Most tokens in a row.
MAX_TOKENS = 4000

Node = tuple

GREEK = GREEK_LETTERS
FUNCS = {"tanh", "exp", "log", "ln", "sin", "cos", "max", "min"}
IGNORED = {",", ";", ":", "!", " ", "quad", "qquad", "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr",
           "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr", "middle", "displaystyle", "textstyle", "limits",
           "nolimits", "nonumber", "notag", "mathrel", "mathop", "mathord", "mathbin", "relax", "scriptstyle"}
FONTS = {"mathbf", "boldsymbol", "bm", "mathrm", "textrm", "text", "mathit", "mathsf", "mathtt", "mathcal",
         "operatorname", "textit", "textbf", "mathnormal", "vec", "mathbb", "pmb", "rm", "bf", "textsf"}
ACCENTS = {"tilde": "tilde", "widetilde": "tilde", "bar": "bar", "overline": "bar", "hat": "hat",
           "widehat": "hat", "check": "check", "dot": "dot", "ddot": "ddot"}
MULOPS = {"odot": "odot", "circ": "odot", "cdot": "cdot", "times": "times", "ast": "star", "otimes": "otimes",
          "bullet": "cdot", "star": "star"}
TOPS = {"top", "intercal", "T"}
RELS = {"leftarrow": "=", "gets": "=", "coloneqq": "=", "equiv": "=", "approx": "~", "triangleq": "=",
        "doteq": "=", "stackrel": "=",
        # bounds (vanishing-gradient derivations): checked at every sampled point, real parts
        "leq": "<=", "le": "<=", "leqslant": "<=", "geq": ">=", "ge": ">=", "geqslant": ">="}
RANGE_RELS = ("leq", "le", "geq", "ge", "leqslant", "geqslant")
DROP_ARG = {"tag", "label", "hspace", "vspace", "hphantom", "vphantom", "phantom"}
MATRIX_ENVS = {"pmatrix", "bmatrix", "matrix", "Bmatrix", "vmatrix", "smallmatrix", "array"}

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<begin>\\begin\{(?P<benv>[A-Za-z]+\*?)\}(?:\{[^{}]*\})?)
  | (?P<end>\\end\{(?P<eenv>[A-Za-z]+\*?)\})
  | (?P<rowsep>\\\\(?:\[[^\]]*\])?)
  | (?P<cmd>\\(?:[A-Za-z]+|[^A-Za-z_]))
  | (?P<name>[A-Za-z](?:[A-Za-z]|\\_[A-Za-z0-9]+)*)
  | (?P<num>[0-9]+(?:\.[0-9]+)?)
  | (?P<ch>[-+*/=()\[\]{}^_',;:<>|!.&~?])
""", re.VERBOSE)


def _tokens(text: str):
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise _err(f"unexpected character {text[pos]!r}", text, pos)
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            continue
        if kind == "begin":
            out.append(("begin", m["benv"], m.start()))
        elif kind == "end":
            out.append(("end", m["eenv"], m.start()))
        elif kind == "name":
            out.append(("name", m.group().replace("\\_", "_"), m.start()))
        elif kind == "cmd":
            out.append(("cmd", m.group()[1:], m.start()))
        else:
            out.append((kind, m.group(), m.start()))
        if len(out) > MAX_TOKENS:
            raise _err(f"the row has more than {MAX_TOKENS} tokens; the limit is {MAX_TOKENS}", text, m.start())
    out.append(("eof", "", len(text)))
    return out


def _err(msg, text, pos):
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return LatexError(msg, line=line, column=col, text=text)


def _check_depth(text: str):
    depth = 0
    for k, ch in enumerate(text):
        if ch in "({[":
            depth += 1
            if depth > MAX_ROW_DEPTH:
                raise _err(f"brackets nested deeper than {MAX_ROW_DEPTH} levels; the limit is {MAX_ROW_DEPTH}",
                           text, k)
        elif ch in ")}]":
            depth -= 1


def _condition_cut(text: str) -> str:
    r"""The row without a final statement of where it holds: ``, t = 1, \ldots, T``, ``\quad \text{for } t < T``."""
    cuts = [m.start() for m in re.finditer(r",|\\q?quad(?![A-Za-z])|\\text\{\s*(?:for|where|if)", text)]
    for c in cuts:
        depth = text[:c].count("{") + text[:c].count("(") + text[:c].count("[") - \
            text[:c].count("}") - text[:c].count(")") - text[:c].count("]")
        if depth == 0 and "=" in text[:c] and _is_condition(text[c:]):
            return text[:c]
    return text


def _is_condition(rest: str) -> bool:
    try:
        toks = [v for kind, v, _ in _tokens(rest) if kind not in ("eof",)]
    except LatexError:
        return False
    words = {"for", "all", "forall", "where", "if", "when", "text", "mathrm", "quad", "qquad", "ldots", "dots",
             "cdots", "in", "leq", "geq", "le", "ge", "<", ">", "=", ",", "1", "T", "t", "k", "tau", "{", "}",
             "-", "+", "...", ".", "0", "and", "\\", "n", "N"}
    return bool(toks) and all(v in words or v.isdigit() for v in toks) and \
        any(v in ("T", "<", ">", "leq", "geq", "le", "ge", "in", "ldots", "dots", "cdots", "for", "forall")
            for v in toks)


def _prepare(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected LaTeX text, got {type(text).__name__}")
    if len(text) > MAX_ROW_CHARS:
        raise LatexError(f"the equation is {len(text)} characters long; the limit is {MAX_ROW_CHARS} characters")
    _check_depth(text)
    text = re.sub(r"\\mathrel\{\s*\+\s*\}\s*=", "+=", text)
    # TF docs: "sum of d_c_bar along axis = 0": the sum over the examples of a batch (rows)
    text = re.sub(r"(?<![A-Za-z\\])sum\s+of\s+([^=]{1,200}?)\s+along\s+(?:the\s+)?axis\s*=\s*0(?![0-9])",
                  r"\\sum_{batch} \1", text)
    text = re.sub(r"\\mathrel\{\s*\+=\s*\}", "+=", text)
    return text


tokens, prepare, error_at = _tokens, _prepare, _err
