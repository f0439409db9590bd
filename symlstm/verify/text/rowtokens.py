r"""The tokens of a row and its bounds: size, nesting, token count; commands the row reader knows (as data)."""
from __future__ import annotations

import re

from ...latex.notation import GREEK_LETTERS, TIME_WORDS
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
IGNORED = {",", ";", ":", "!", " ", "\n", "\t", "quad", "qquad", "left", "right", "big", "Big", "bigg", "Bigg",
           "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr", "middle", "displaystyle", "textstyle",
           "limits", "nolimits", "nonumber", "notag", "mathrel", "mathop", "mathord", "mathbin", "relax", "scriptstyle",
           "space", "enspace", "thinspace", "medspace", "thickspace", "scriptscriptstyle", "checkmark",
           # size switches (\large z_t = ...): layout
           "tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large", "LARGE", "huge", "Huge"}
FONTS = {"mathbf", "boldsymbol", "bm", "mathrm", "textrm", "text", "mathit", "mathsf", "mathtt", "mathcal",
         "operatorname", "textit", "textbf", "mathnormal", "vec", "mathbb", "pmb", "rm", "bf", "textsf", "textnormal",
         "textup", "mathup", "mathbbm", "mathds", "bbold"}
ACCENTS = {"tilde": "tilde", "widetilde": "tilde", "bar": "bar", "overline": "bar", "hat": "hat",
           "widehat": "hat", "check": "check", "dot": "dot", "ddot": "ddot", "underline": "underline"}
MULOPS = {"odot": "odot", "circ": "odot", "cdot": "cdot", "times": "times", "ast": "star", "otimes": "otimes",
          "bullet": "cdot", "star": "star", "bigodot": "odot"}
#: Product signs spelled out as a word between explicit spaces (``p_i\ dot\ c^{t-1}``: notes typesetting the
#: sign's name as the word "dot"): word -> the sign's MULOPS command.
#: Operators of code (read as the command named): ``.*`` is the element-wise product of Matlab and Eigen.
CODE_OPERATORS = {".*": "odot"}
SPELLED_MULOPS = {"dot": "cdot", "odot": "odot", "circ": "circ", "cdot": "cdot"}
TOPS = {"top", "intercal", "T"}
RELS = {"leftarrow": "=", "gets": "=", "coloneqq": "=", "equiv": "=", "approx": "~", "triangleq": "=",
        "doteq": "=", "stackrel": "=",
        # bounds (vanishing-gradient derivations): checked at every sampled point, real parts
        "leq": "<=", "le": "<=", "leqslant": "<=", "geq": ">=", "ge": ">=", "geqslant": ">="}
RANGE_RELS = ("leq", "le", "geq", "ge", "leqslant", "geqslant")
#: Arrows inside a script between two times: ``\delta_s^{(t)\rightarrow(t-1)}``, the part of a gradient that flows
#: from step (t) into the quantity at (t-1) (names.py, numeric/arrowparts.py).
ARROWS = ("rightarrow", "to", "longrightarrow")
DROP_ARG = {"tag", "label", "hspace", "vspace", "hphantom", "vphantom", "phantom", "color", "hskip", "mspace", "mskip",
            "mkern", "kern"}
#: Layout around a part of the row, read as that part: command -> (braced arguments dropped before it, the script
#: after it that is a label: ``\underbrace{X}_{name}`` is X, ``\bbox[yellow,5px]{X}`` is X, ``\textcolor{red}{X}`` is X).
WRAPPERS = {"underbrace": (0, "_"), "overbrace": (0, "^"), "bbox": (0, ""), "boxed": (0, ""), "fbox": (0, ""),
            "textcolor": (1, ""), "colorbox": (1, "")}
#: Old-style font switches, read inside the group they open: ``{\bf h}_t`` is h_t, ``{\rm d}x`` is dx.
FONT_SWITCHES = {"bf", "rm", "it", "sf", "tt", "cal", "sl", "em", "bfseries", "mdseries", "itshape", "upshape",
                 "rmfamily", "sffamily", "ttfamily", "boldmath", "mit", "Bbb"}
#: Commands read as another one: ``\parallel v \parallel`` (the parallel sign used as the norm bars) is ``\| v \|``;
#: ``\part`` is KaTeX's (and Typora's) alias of ``\partial``.
SAME_COMMANDS = {"parallel": "|", "part": "partial"}
#: ``\lt( ... \rt)``: notes whose preamble shortens \left and \right to \lt and \rt (read as the bare delimiters, which
#: is what \left and \right are to the reader); only in a row that closes with ``\rt``, as MathJax's \lt is "<".
_SHORT_RIGHT = re.compile(r"\\rt\s*(?:[)\]|.]|\\[}|])")
_SHORT_SIZED = re.compile(r"\\[lr]t\s*([()\[\]|.]|\\[{}|])")
#: Commands that stand for a character (MathJax's and KaTeX's \lt and \gt, written where HTML would eat "<"):
#: ``a^{\lt t \gt}`` is ``a^{<t>}``.
CHAR_COMMANDS = {"lt": "<", "gt": ">"}
MATRIX_ENVS = {"pmatrix", "bmatrix", "matrix", "Bmatrix", "vmatrix", "smallmatrix", "array"}

#: Characters typed as Unicode where LaTeX has a command or an ASCII sign (copied from a web page): the tokens
#: they stand for.
UNICODE_TOKENS = {"\u2212": [("ch", "-")], "\u2013": [("ch", "-")], "\u2010": [("ch", "-")],
                  "\u00d7": [("cmd", "times")], "\u00b7": [("cmd", "cdot")], "\u22c5": [("cmd", "cdot")],
                  "\u2299": [("cmd", "odot")], "\u2218": [("cmd", "circ")], "\u2202": [("cmd", "partial")],
                  "\u2211": [("cmd", "sum")], "\u220f": [("cmd", "prod")], "\u2207": [("cmd", "nabla")],
                  "\u03c3": [("cmd", "sigma")], "\u03b4": [("cmd", "delta")], "\u0394": [("cmd", "Delta")],
                  "\u2032": [("ch", "'")], "\u1d40": [("ch", "^"), ("name", "T")], "\u22a4": [("cmd", "top")],
                  "\u2217": [("ch", "*")], "\u2219": [("cmd", "cdot")],
                  **{ch: [("ch", "("), ("num", a), ("ch", "/"), ("num", b), ("ch", ")")]     # ½ (y - ŷ)²: (1/2)
                     for ch, (a, b) in {"\u00bd": ("1", "2"), "\u2153": ("1", "3"), "\u00bc": ("1", "4"),
                                        "\u00be": ("3", "4"), "\u2154": ("2", "3")}.items()}}


def _math_letter(ch: str) -> str:
    """The plain letter or digit a Unicode mathematical letter stands for (``𝐚``, ``𝑝``, ``ℎ``, ``𝟏``: a, p, h, 1),
    else the character: a web page's bold and italic letters are the names LaTeX writes \\mathbf{a}, a."""
    import unicodedata
    if 0x1D400 <= ord(ch) <= 0x1D7FF or ch == "\u210e":
        plain = unicodedata.normalize("NFKC", ch)
        if len(plain) == 1:
            return plain
    return ch

_TOKEN = re.compile(r"""
    (?P<ws>[\s\u200b-\u200d\u2060\ufeff]+|\\(?:left|right)\s*\.)
  | (?P<begin>\\begin\{(?P<benv>[A-Za-z]+\*?)\}(?:\{[^{}]*\})?)
  | (?P<end>\\end\{(?P<eenv>[A-Za-z]+\*?)\})
  | (?P<rowsep>\\\\(?:\[[^\]]*\])?)
  | (?P<cmd>\\(?:[A-Za-z]+|[^A-Za-z_]))
  | (?P<name>[A-Za-z](?:[A-Za-z]|\\_[A-Za-z0-9]+)*(?:\\_(?![A-Za-z0-9{]))?)
  | (?P<num>[0-9]+(?:\.[0-9]+)?)
  | (?P<ch>[-+*/=()\[\]{}^_',;:<>|!.&~?$@])
""", re.VERBOSE)


#: Markdown's escaped angle brackets around a step, ``a^{\<t\>}`` (Jekyll notes of Coursera's notation): ``a^{<t>}``
#: (``\>`` alone stays TeX's medium space).
_ESCAPED_ANGLES = re.compile(r"\\<([^<>\\{}]{1,20})\\>")


def _tokens(text: str, unwrap=True):
    if any(0x1D400 <= ord(c) <= 0x1D7FF or c == "\u210e" for c in text):
        text = "".join(map(_math_letter, text))      # one character for one: every offset is kept
    if "\\<" in text:
        text = _ESCAPED_ANGLES.sub(lambda m: f" <{m[1]} >", text)      # (as long as it was: offsets kept)
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None and (text[pos] in UNICODE_TOKENS or text[pos].isalpha()):
            toks = _unicode_tokens(text[pos])
            end = pos + 1
            if toks[0][1] == text[pos]:         # a word in another script: one name
                while end < len(text) and text[end].isalpha() and not text[end].isascii() and \
                        _unicode_tokens(text[end])[0][1] == text[end]:
                    end += 1
                toks = [("name", text[pos:end])]
            out.extend((kind, val, pos) for kind, val in toks)
            pos = end
            continue
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
        elif kind == "cmd" and m.group()[1:] in CHAR_COMMANDS:
            out.append(("ch", CHAR_COMMANDS[m.group()[1:]], m.start()))
        elif kind == "cmd":
            out.append(("cmd", SAME_COMMANDS.get(m.group()[1:], m.group()[1:]), m.start()))
        else:
            out.append((kind, m.group(), m.start()))
        if len(out) > MAX_TOKENS:
            raise _err(f"the row has more than {MAX_TOKENS} tokens; the limit is {MAX_TOKENS}", text, m.start())
    out.append(("eof", "", len(text)))
    if any(t[0] == "name" and len(t[1]) == 1 for t in out):
        out = _spaced_words(out)
    if any(t[0] == "name" and t[1] in SPELLED_MULOPS for t in out):
        out = _spelled_ops(out)
    if any(t[0] == "cmd" and t[1] == "mbox" for t in out):
        out = _mboxes(out)
    if any(t[0] == "cmd" and t[1] in FONT_SWITCHES for t in out):
        out = _font_groups(out)
    if any(t[0] == "cmd" and t[1] == "over" for t in out):
        out = _over(out)
    return _unwrap(out)[0] if unwrap and any(t[0] == "cmd" and t[1] in WRAPPERS for t in out) else out


def _unicode_tokens(ch: str):
    """The tokens a Unicode character stands for: a sign of :data:`UNICODE_TOKENS`, a Greek letter's command
    (``α``: ``\\alpha``), or any other letter as a word of its own (``\\text{當前}``: a label, not a name of
    the cell)."""
    import unicodedata
    if ch in UNICODE_TOKENS:
        return UNICODE_TOKENS[ch]
    words = unicodedata.name(ch, "").split()
    if words[:2] == ["GREEK", "SMALL"] and len(words) == 4 and words[2] == "LETTER":
        return [("cmd", words[3].lower())]
    if words[:2] == ["GREEK", "CAPITAL"] and len(words) == 4 and words[2] == "LETTER":
        return [("cmd", words[3].capitalize())]
    return [("name", ch)] if ch.isalpha() else []


#: Function words an author may type letter by letter with spaces (``t a n h``, which LaTeX shows as tanh).
SPACED_WORDS = frozenset({"tanh", "sigmoid", "softmax", "exp", "log"})


def _spaced_words(toks):
    """The tokens with a function word typed as single letters one space apart (``t a n h``) as that word."""
    out, j = [], 0
    while j < len(toks):
        for word in SPACED_WORDS:
            run = toks[j:j + len(word)]
            if len(run) == len(word) and all(t[0] == "name" and t[1] == ch for t, ch in zip(run, word)) and \
                    all(b[2] - a[2] == 2 for a, b in zip(run, run[1:])):
                out.append(("name", word, run[0][2]))
                j += len(word)
                break
        else:
            out.append(toks[j])
            j += 1
    return out


def _spelled_ops(toks):
    r"""A product sign's name written as a word between explicit spaces (``z^t\ dot\ i^t``): the sign."""
    out, j = [], 0
    while j < len(toks):
        t = toks[j]
        if t[0] == "cmd" and t[1] == " " and j + 2 < len(toks) and toks[j + 1][0] == "name" and \
                toks[j + 1][1] in SPELLED_MULOPS and toks[j + 2][0] == "cmd" and toks[j + 2][1] == " " and out:
            out.append(("cmd", SPELLED_MULOPS[toks[j + 1][1]], toks[j + 1][2]))
            j += 3
            continue
        out.append(t)
        j += 1
    return out


def _mboxes(toks):
    r"""``\mbox{...}``: a box of text (read as ``\text``), or of math where it holds ``$...$`` (a preamble's
    ``\newcommand{\MB}[1]{\mbox{\boldmath{$#1$}}}``, bold vectors): then what the dollars enclose, in bold."""
    import bisect
    dollars = [k for k, u in enumerate(toks) if u[0] == "ch" and u[1] == "$"]
    close, stack = {}, []           # each "{" -> the index after its "}" (one pass: nested boxes stay linear)
    for k, u in enumerate(toks):
        if u[0] == "ch" and u[1] == "{":
            stack.append(k)
        elif u[0] == "ch" and u[1] == "}" and stack:
            close[stack.pop()] = k + 1
    out, j = [], 0
    while j < len(toks):
        t = toks[j]
        if t[0] == "cmd" and t[1] == "mbox" and toks[j + 1][0] == "ch" and toks[j + 1][1] == "{" and j + 1 in close:
            end = close[j + 1]
            a, b = bisect.bisect_left(dollars, j + 1), bisect.bisect_left(dollars, end) - 1
            if b > a:           # the math between the first and the last dollar, as a bold name (\mathbf{...})
                inner = [u for u in toks[dollars[a] + 1:dollars[b]] if not (u[0] == "ch" and u[1] == "$")]
                out += [("cmd", "mathbf", t[2]), ("ch", "{", t[2])] + inner + [("ch", "}", toks[end - 1][2])]
                j = end
                continue
            out.append(("cmd", "text", t[2]))
            j += 1
            continue
        out.append(t)
        j += 1
    return out


def _font_groups(toks):
    r"""Old-style font switches as a name: ``{\bf h}`` is the name h (so ``{\bf h}_t`` is h_t and ``{\rm d}x`` is
    dx), ``{\bf x_t}`` / ``{\bf W h}`` the group's content; a switch outside a group is ignored."""
    out, j = [], 0
    while j < len(toks):
        t = toks[j]
        if t[0] == "ch" and t[1] == "{" and toks[j + 1][0] == "cmd" and toks[j + 1][1] in FONT_SWITCHES:
            end = _group_end(toks, j)
            if end == j + 4 and toks[j + 2][0] in ("name", "num", "cmd") and toks[j + 2][1] not in FONT_SWITCHES:
                out.append(toks[j + 2])                             # {\bf h}: the name
                j = end
                continue
            out.append(t)                                           # {\bf x_t}: {x_t}
            j += 2
            continue
        if t[0] == "cmd" and t[1] in FONT_SWITCHES:
            j += 1
            continue
        out.append(t)
        j += 1
    return out


def _ungroup(part):
    """``{x}`` as x: the braces TeX users put round each side of ``\\over`` (``{{\\delta E} \\over {\\delta U}}``)."""
    if len(part) >= 2 and part[0][1] == "{" and _group_end(part + [("eof", "", 0)], 0) == len(part):
        return part[1:-1]
    return part


def _over(toks):
    r"""TeX's infix fraction ``{a \over b}`` as ``\frac{a}{b}`` (the group that holds ``\over`` at its own level is
    the fraction; an ``\over`` outside any group is left for the parser to refuse)."""
    out = list(toks)
    j = 0
    while j < len(out):
        if out[j][0] != "cmd" or out[j][1] != "over":
            j += 1
            continue
        depth, start = 0, None
        for k in range(j - 1, -1, -1):
            if out[k][0] == "ch" and out[k][1] == "}":
                depth += 1
            elif out[k][0] == "ch" and out[k][1] == "{":
                if depth == 0:
                    start = k
                    break
                depth -= 1
        if start is None:
            return out
        end = _group_end(out, start) - 1
        if end <= j or out[end][1] != "}":
            return out
        pos = out[j][2]
        num, den = _ungroup(out[start + 1:j]), _ungroup(out[j + 1:end])
        out = (out[:start] + [("cmd", "frac", out[start][2]), ("ch", "{", out[start][2])] + num
               + [("ch", "}", pos), ("ch", "{", pos)] + den + [("ch", "}", out[end][2])] + out[end + 1:])
        j = start + 1
    return out


def _group_end(toks, j):
    """The index after the group that starts at ``toks[j]`` (``{...}`` or ``[...]``, else one token)."""
    open_ = toks[j][1]
    if toks[j][0] != "ch" or open_ not in "{[":
        return j + 1
    close, depth = "}" if open_ == "{" else "]", 0
    while toks[j][0] != "eof":
        if toks[j][0] == "ch" and toks[j][1] == open_:
            depth += 1
        elif toks[j][0] == "ch" and toks[j][1] == close:
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return j


def _unwrap(toks):
    r"""The tokens with the layout of :data:`WRAPPERS` removed (its part kept; a part holding a top-level sign in
    brackets), and the labels: ``[(label tokens, part tokens), ...]`` of each ``\underbrace{part}_{label}``."""
    out, labels, j = [], [], 0
    while j < len(toks):
        kind, val, pos = toks[j]
        if kind != "cmd" or val not in WRAPPERS:
            out.append(toks[j])
            j += 1
            continue
        drop, script = WRAPPERS[val]
        j += 1
        if toks[j][1] == "[":                   # \bbox[yellow,5px]: options
            j = _group_end(toks, j)
        for _ in range(drop):
            j = _group_end(toks, j)
        if toks[j][1] != "{":                   # \boxed x: the next token is the part
            continue
        end = _group_end(toks, j)
        inner, _ = _unwrap(toks[j + 1:end - 1] + [("eof", "", pos)])
        inner = inner[:-1]
        depth, signed = 0, False
        for t in inner:
            if t[0] == "ch" and t[1] in "{([":
                depth += 1
            elif t[0] == "ch" and t[1] in "})]":
                depth -= 1
            elif depth == 0 and t[0] == "ch" and t[1] in "+-":
                signed = True
        if signed and not any(t[0] == "ch" and t[1] == "=" for t in inner):
            inner = [("ch", "(", toks[j][2])] + inner + [("ch", ")", toks[end - 1][2])]
        out.extend(inner)
        j = end
        if script and toks[j][0] == "ch" and toks[j][1] == script:
            lab_end = _group_end(toks, j + 1)
            labels.append((toks[j + 1:lab_end], inner))
            j = lab_end
    return out, labels


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


#: Longest statement of where a row holds that is looked for at the end of a row (characters).
_CONDITION_CHARS = 300


def _condition_cut(text: str) -> str:
    r"""The row without a final statement of where it holds: ``, t = 1, \ldots, T``, ``\quad \text{for } t < T``."""
    cuts = [m.start() for m in re.finditer(r",|\\q?quad(?![A-Za-z])|\\text\s*\{\s*(?:for|where|if|when)", text)]
    # a statement of where a row holds is short (``, t = 1, \ldots, T``): only the cuts near the end are tried
    # (each is tokenized; trying every comma of a long row made the reading quadratic)
    cuts = [c for c in cuts if len(text) - c <= _CONDITION_CHARS]
    for c in cuts:
        depth = text[:c].count("{") + text[:c].count("(") + text[:c].count("[") - \
            text[:c].count("}") - text[:c].count(")") - text[:c].count("]")
        if depth == 0 and "=" in text[:c] and (_is_condition(text[c:]) or WORDED_RANGE.match(text[c:])):
            return text[:c]
    return text


#: An enumeration of where a row holds: ``, \quad (i=1, 2, \dots, C)``, ``, k = 1, \ldots, K``.
_ENUMERATION = re.compile(r"^\s*,?\s*(?:\\q?quad\s*){0,3}\(?\s*[a-z]\s*=\s*[01]\s*,\s*(?:[12]\s*,\s*)?"
                          r"\\[lc]?dots\s*,\s*[A-Za-z](?:_\{?[A-Za-z0-9]{1,4}\}?)?(?:\s*-\s*1)?\s*\)?\s*[.,;]?\s*$")


#: A statement of where a row holds opened by the word for (``\text{ for } i=1, \ldots, K \text{ and } \mathbf{x}
#: \in \mathbb{R}^{K}``): whatever follows the word is the range, not a link of the row (not ``\text{if }``: a
#: case's condition restricts the claim, texfile reads it).
WORDED_RANGE = re.compile(r"\\text\s*\{\s*for(?:\s*\}|\s)")


def _is_condition(rest: str) -> bool:
    if _ENUMERATION.match(rest):
        return True
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


#: A time word written as a subscript without braces (h_prev).
_BARE_TIME_WORD = re.compile(r"(?<=[A-Za-z])_(" + "|".join(sorted(TIME_WORDS)) + r")(?![A-Za-z0-9])")


def _prepare(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected LaTeX text, got {type(text).__name__}")
    if len(text) > MAX_ROW_CHARS:
        raise LatexError(f"the equation is {len(text)} characters long; the limit is {MAX_ROW_CHARS} characters")
    _check_depth(text)
    text = text.translate(_FULL_WIDTH)      # \tanh（c）: brackets typed with a CJK input method
    # W h_{t-1} \ \ \ : control spaces padding a display, the last one's space cut with the row's end (a lone
    # backslash at the end; not \\, a line break)
    text = re.sub(r"(?<!\\)((?:\\\\)*)\\\s*$", lambda m: m[1] + " " * (len(m.group()) - len(m[1])), text)
    # $\bullet \frac{\partial E}{\partial W} = ...$: a list's bullet typed inside the formula, before the row
    text = re.sub(r"^(\s*)\\bullet(?![A-Za-z])", lambda m: m[1] + " " * 7, text)
    text = re.sub(r"\\mathrel\{\s*([+-])\s*\}\s*=", r"\1=", text)      # \mathrel{+}=, \mathrel{-}= (code's -=)
    # TF docs: "sum of d_c_bar along axis = 0": the sum over the examples of a batch (rows)
    text = re.sub(r"(?<![A-Za-z\\])sum\s+of\s+([^=]{1,200}?)\s+along\s+(?:the\s+)?axis\s*=\s*0(?![0-9])",
                  r"\\sum_{batch} \1", text)
    text = re.sub(r"\\mathrel\{\s*\+=\s*\}", "+=", text)
    # \mathrm{d}\Gamma_o, \mathrm{d}a^{<t>}: the upright d of a d-prefixed gradient name (course notes), as dW
    text = _UPRIGHT_D_BRACED.sub(lambda m: " " * (m.end() - m.start() - 2) + "d" + m[1], text)
    text = _UPRIGHT_D.sub(lambda m: " " * (m.end() - m.start() - 1) + "d", text)
    text = _BOLD_DELTA.sub(_bold_delta, text)     # \mathbf{\delta h}_t: \delta \mathbf{h}_t (offsets kept)
    text = re.sub(r"\\([lr])brack(?![A-Za-z])", lambda m: ("[" if m[1] == "l" else "]").ljust(7), text)   # \lbrack: [
    text = re.sub(r"\\cfrac(?![A-Za-z])", lambda m: "\\frac ", text)     # \cfrac (a continued fraction's): \frac
    if _SHORT_RIGHT.search(text):   # \lt( ... \rt): a preamble's short names for \left and \right (MathJax's \lt is <)
        text = _SHORT_SIZED.sub(lambda m: m[1] + " " * (len(m[0]) - len(m[1])), text)
    text = text.replace("{:}", " : ")      # x[0{:}H]: a colon in braces (KaTeX spaces a bare ':' as a relation)
    # \mbox{if }, \mbox{ otherwise.}: words, as \text{...} (not math set in a box, \mbox{\boldmath{$h_t$}}: a
    # bold macro's expansion, left unread: the rows that write it restate cells the reader would misjudge)
    text = _BOXED_WORDS.sub(lambda m: "\\text", text)
    # \mathscr{L}: a script letter, read as the calligraphic one (\mathcal{L}, the loss): the offsets kept
    text = re.sub(r"\\mathscr(?![A-Za-z])", lambda m: "\\mathcal", text)
    # \left\( ... \right\): brackets escaped for Markdown (which turns \( into '(' before the math is typeset)
    text = re.sub(r"\\(left|right|big|Big|bigg|Bigg)\\([()])", lambda m: f"\\{m[1]}{m[2]} ", text)
    m = _SIZED_ROW.match(text)              # \large{a = b}: a size switch's group around the whole row
    if m is not None:
        text = " " * m.start(1) + m.group(1) + " " * (len(text) - m.end(1))
    # h_prev, c_next typed without braces (LaTeX would show h_p rev): the time word is the subscript
    text = _BARE_TIME_WORD.sub(lambda m: f"_{{{m.group(1)}}}", text)
    text = re.sub(r"(?<![.\\])\.\.\.(?!\.)", r" \\ldots ", text)      # dr_t = ...: three periods typed for \ldots
    # \pmb \delta_{t,k}, \boldsymbol\delta_t: a bold font applied to a command without braces (the sign's letter)
    text = re.sub(r"\\(pmb|mathbf|boldsymbol|bm|mathbfit)\s*(\\[A-Za-z]+)(?![A-Za-z])",
                  lambda m: f"\\{m[1]}{{{m[2]}}}" if m[2][1:] in GREEK_LETTERS or m[2] in ("\\delta", "\\Delta", "\\nabla")
                  else m.group(), text)
    # {\sum\limits_{j=1}^3}\delta^{(j)} h^{(j-1)}: a big operator set in braces with its limits, its body after them
    text = _GROUPED_BIG.sub(lambda m: " " + m[1] + " " * (m.end() - m.start() - len(m[1]) - 1), text)
    for op, cmd in CODE_OPERATORS.items():        # a .* b (Matlab, Eigen): the element-wise product
        text = re.sub(rf"(?<![0-9]){re.escape(op)}", lambda m: f"\\{cmd} ", text)
    if re.search(r"\\cdot(?![A-Za-z])", text):        # (W h) . {x}^T beside W \cdot h: the row's product typed as a lone period
        text = _LONE_PERIOD.sub(lambda m: " \\cdot ", text)
    # \frac{\partial E}{\partial y}.\frac{\partial y}{\partial z}, (\hat y - y).s_4: a period between a closing
    # bracket and a factor is the product typed as a period (a decimal point stands between digits)
    text = _GLUED_PERIOD.sub(lambda m: m.group() if re.search(r"\\[A-Za-z]+$", text[:m.start()]) else "\\cdot ",
                             text)      # (not after a command: \left., \ldots.)
    text = _D_SUBSCRIPT_FRAC.sub(lambda m: f"\\frac{{d {m[1] or m[2]}}}{{d {m[3] or m[4]}}}".ljust(m.end() - m.start()),
                                 text)          # \frac{d_{L}}{d_{h_t}}: dL/dh_t
    text = _DEF_EQ.sub(lambda m: "=".center(m.end() - m.start()), text)     # \overset{def}{=}: a defining '='
    text = _MARK_ACCENT.sub(lambda m: f"\\{MARK_ACCENTS[m[1].strip()]}{{{m[2]}}}".ljust(m.end() - m.start()),
                            text)       # \stackrel{\sim}{C_t}: \tilde{C_t}
    # \sideset{}{_l}\sum: the sum over l (its limits set beside the sign)
    text = _SIDESET.sub(lambda m: " " * (m.end() - m.start() - len(m[2]) - len(m[1]) - 1) + f"\\{m[2]}{m[1]}", text)
    text = _EQ_NUMBER.sub(lambda m: " " * (m.end() - m.start()), text)
    text = _tag_cut(text)
    text = _REASON.sub(lambda m: " " * (m.end() - m.start()), text)
    text = _remark_cut(text)
    text = _LABEL.sub(lambda m: " " * (m.end() - m.start()), text)
    text = _STEP_LABEL.sub(lambda m: " " * (m.end() - m.start()), text)
    text = _EDITOR_GROUP.sub(_editor_group, text)
    if "=" in text:         # ... = z_{t2} - y_{t2} \rightarrow dz_{t2}: the arrow names the value, one more link
        text = _NAMING_ARROW.sub(lambda m: "=".center(m.end() - m.start()), text)
    return _prose_cut(text)



#: A text box holding words only (``\mbox{if }``): read as ``\text``.
_BOXED_WORDS = re.compile(r"\\[mh]box(?=\s*\{[^{}$\\]*\})")
#: A sum or product sign alone in a group with its limits (``{\sum\limits_{j=1}^3}``).
_GROUPED_BIG = re.compile(r"\{\s*(\\(?:sum|prod)(?:\\limits|\\nolimits)?\s*(?:_\s*(?:\{[^{}]*\}|\w)\s*)?"
                          r"(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?)\}")
#: Full-width brackets and operators of a CJK input method -> their ASCII forms (one character each).
_FULL_WIDTH = str.maketrans("（）［］｛｝，＋－＝", "()[]{},+-=")

#: An upright d before a braced letter (``\mathrm{d}{a}^{<t>}``): da.
_UPRIGHT_D_BRACED = re.compile(r"(?<!frac\{)(?<!\}\{)\\(?:mathrm|text|textrm|operatorname)\s*\{\s*d\s*\}\s*\{\s*([A-Za-z])\s*\}")
#: An upright d before a name (``\mathrm{d}\Gamma_o``): the prefix of a gradient's name (not the d of a
#: derivative's fraction, ``\frac{\mathrm{d}L}{\mathrm{d}h}``).
_UPRIGHT_D = re.compile(r"(?<!frac\{)(?<!\}\{)\\(?:mathrm|text|textrm|operatorname)\s*\{\s*d\s*\}"
                        r"(?=\s*(?:\\[A-Za-z]|[A-Za-z]|\{\s*[A-Za-z\\]))")

#: A gradient's sign set in bold with its letter (``\mathbf{\delta h}_{t}``): the sign before the bold letter.
_BOLD_DELTA = re.compile(r"\\(?P<font>mathbf|boldsymbol|bm)\s*\{\s*\\(?P<sign>delta|Delta|nabla)\s*(?P<letter>[A-Za-z])\s*\}")


def _bold_delta(m) -> str:
    out = f"\\{m['sign']} \\{m['font']}{{{m['letter']}}}"
    return out + " " * (m.end() - m.start() - len(out))


#: A size switch's group around the whole row (``\large{a = b}``): layout.
_SIZED_ROW = re.compile(r"^\s*\\(?:tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge)\s*\{(.*)\}\s*$",
                        re.S)
#: A period glued between a name or a closing bracket and a factor (``(\hat y - y).s_4``, ``W.\frac{...}{...}``):
#: the product typed as a period (a decimal point stands between digits); ``a.{\frac{...}{...}}`` too.
_GLUED_PERIOD = re.compile(r"(?<=[})\]A-Za-z])\.(?=\s{0,2}(?:\\frac|\\left|\\partial|\\sum|\\prod|\(|\[|\{\s*\\frac|"
                           r"(?!T(?![A-Za-z_^{]))[A-Za-z](?![A-Za-z(])))")      # (not code: x.T, da.sum(axis=0))
#: A period standing alone between two factors (spaces on both sides; after a name, a number or a closing
#: bracket, before a name, a command or an opening bracket): in a row that writes its matrix products with
#: ``\cdot`` it is that product typed without the command (``... ^ 2) . {x^t}^T`` beside ``W_{hh}^T \cdot
#: \nabla``), not a decimal point (no spaces) nor a method (``d.sum(...)``) nor the row's final period.
_LONE_PERIOD = re.compile(r"(?<=[A-Za-z0-9)\]}])\s+\.\s+(?=[A-Za-z{(\[\\])")

#: An arrow before a single name closing a row that already has a link (``\frac{\partial loss}{\partial z}
#: = z - y \rightarrow dz``: course notes name the value just computed): read as ``= dz``, a link defining it.
_NAMING_ARROW = re.compile(r"\\(?:rightarrow|longrightarrow|to)(?![A-Za-z])(?=\s*\\?[A-Za-z]+[0-9]*"
                           r"(?:\s*[_^]\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z0-9]))*"
                           r"(?:\s*\\end\{[A-Za-z]+\*?\}|\s*\\(?:tag|label)\*?\s*\{[^{}]*\}|\s*\\\\)*\s*$)")


#: Marks set over a name with \stackrel or \overset that are accents: ``\stackrel{\sim}{C_t}`` is ``\tilde{C_t}``.
MARK_ACCENTS = {"\\sim": "tilde", "\\widetilde{}": "tilde", "\\frown": "tilde", "\\wedge": "hat",
                "\\hat{}": "hat", "-": "bar", "\\rightarrow": "vec", "\\to": "vec"}
_MARK_ACCENT = re.compile(r"\\(?:overset|stackrel)\s*\{\s*(\\sim|\\widetilde\{\}|\\frown|\\wedge|\\hat\{\}|-|"
                          r"\\rightarrow|\\to)\s*\}\s*\{((?:[^{}]|\{[^{}]*\}){1,80})\}")

#: A defining '=' written with a mark over it: ``\overset{def}{=}``, ``\stackrel{\Delta}{=}``, ``\overset{\text{def}}{=}``.
#: ``\sideset{}{_l}\sum``: scripts set beside a big operator (only below or above it: a sum over l).
_SIDESET = re.compile(r"\\sideset\s*\{\s*\}\s*\{\s*((?:[_^](?:[^{}\s]|\{[^{}]*\}))+)\s*\}\s*\\(sum|prod)(?![A-Za-z])")
_DEF_EQ = re.compile(r"\\(?:overset|stackrel)\s*\{(?:[^{}]|\{[^{}]*\})*\}\s*(?:\{\s*=\s*\}|=)")


#: A derivative whose differentials are written with a subscript, ``\frac{d_{L}}{d_{h_t}}`` (a notebook's dL/dh_t):
#: ``\frac{d L}{d h_t}``.
_D_SUBSCRIPT_FRAC = re.compile(r"\\frac\s*\{\s*d_(?:\{((?:[^{}]|\{[^{}]*\})+)\}|([A-Za-z]))\s*\}\s*"
                               r"\{\s*d_(?:\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})+)\}|([A-Za-z]))\s*\}")


#: A label of words before the statement: ``update\quad gate\quad :\quad z_t = ...`` (not ``a := b``).
_LABEL = re.compile(r"^\s*(?:[A-Za-z]{2,}(?:\s|\\q?quad(?![A-Za-z])|\\[,;: ]|~)*)+:(?!=)(?:\s|\\q?quad(?![A-Za-z])|\\[,;: ]|~)*"
                    r"(?=[^=]*=)")
#: The step a worked example's row is at, as a label before it: ``t=2: 0.0492 \times 0.3115 = 0.0153``.
_STEP_LABEL = re.compile(r"^\s*(?:(?:for|at)\s+)?[A-Za-z]\s*=\s*\d{1,3}\s*:(?!=)\s*(?=[^=]*=)")
#: A brace group of an equation editor, with a script after it: ``{ (1-z }_{ t })`` typesets (1-z_t), ``{ \cdot x }_{ t }``
#: typesets \cdot x_t: a group that opens a bracket it does not close, or starts with an operator.
_EDITOR_GROUP = re.compile(r"\{(?P<c>[^{}]*)\}(?=\s*[_^])")


def _editor_group(m):
    c = m["c"]
    if c.count("(") > c.count(")") or re.match(r"\s*(?:\\(?:cdot|odot|circ|times|ast)(?![A-Za-z])|[-+*])", c):
        return " " + c + " "            # the braces only grouped for the editor: the script is on the last atom
    return m.group()


#: An equation number written by hand after the equation (``\qquad (7.1)``): layout, blanked.
_EQ_NUMBER = re.compile(r"\\q?quad\s*\(\s*\d+(?:\.\d+)*\s*\)")
#: A tag written by hand at the end of the equation after some spacing, a symbol or a number in brackets
#: (``\:\: (\circledast)``, ``\quad (\star)``, ``\; (*)``, ``~(3a)``): layout, blanked.
_EQ_TAG = re.compile(r"\(\s*(?:\d+(?:\.\d+)*[a-z]?|\\[A-Za-z]+|\*{1,3})\s*\)\s*[.,;]?\s*$")
_SPACING_CMD = re.compile(r"\\q?quad|\\[,;:! ]|~")


def _tag_cut(text: str) -> str:
    """The row with a hand-written tag after spacing blanked (see :data:`_EQ_TAG`); linear in the row's length."""
    m = _EQ_TAG.search(text)
    if m is None:
        return text
    k = m.start()
    while k > 0 and (text[k - 1].isspace() or text[k - 1] in ",;:! ~" or text.endswith(("quad", "qquad"), 0, k)):
        if text.endswith("qquad", 0, k) and text[k - 6:k - 5] == "\\":
            k -= 6
        elif text.endswith("quad", 0, k) and text[k - 5:k - 4] == "\\":
            k -= 5
        elif text[k - 1] in ",;:! " and k >= 2 and text[k - 2] == "\\":
            k -= 2
        elif text[k - 1].isspace() or text[k - 1] == "~":
            k -= 1
        else:
            break
    if not _SPACING_CMD.search(text, k, m.start()) or (k and text[k - 1] == "\\"):
        return text
    return text[:k] + " " * (len(text) - k)


#: A reason in brackets after the row (``(\because \sum_i l_i = 1)``): prose, blanked.
_REASON = re.compile(r"\((?:\s|\\[,;:! ]|\\q?quad)*\\(?:because|since|as)(?![A-Za-z])[^()]{0,300}"
                     r"(?:\([^()]{0,300}\)[^()]{0,300}){0,8}\)\s*[.,]?\s*$")


#: Remarks after an equation behind \quad or \qquad, prose to blank: words (``\quad \text{(olvido)}``,
#: ``\quad \text{¿Qué leer?}``) or a bracket holding words (``\quad (\text{sin } W_{hh}, \text{ sin } \tanh')``).
#: A remark holds no '=' (math that carries a claim is never dropped).
REMARK_SHAPES = (
    r"(?:\\text(?:rm|it)?\s*\{[^{}]*\}\s*)+",
    r"\((?=[^()]*\\text(?:rm|it)?\s*\{)[^()]*(?:\([^()]*\)[^()]*)*\)",
    # a bracket opened in words and closed in words, math between (\text{(this is } \delta c_t \text{ for step } t-1\text{)})
    r"\\text(?:rm|it)?\s*\{\s*\([^=]*?\)\s*\}",
)
_REMARK = re.compile(r"\\q?quad(?![A-Za-z])\s*(?:" + "|".join(REMARK_SHAPES) + r")\s*[.,;]?\s*$")
#: A question mark closing a row (``... = a + b?``: the author asks whether it holds): the claim, asked.
_ASKED = re.compile(r"\?\s*[.,]?\s*$")


#: The relation of an equation: '=' or a command read as one (:data:`RELS`).
_RELATION = re.compile(r"=|\\(?:" + "|".join(k for k, v in RELS.items() if v == "=") + r")(?![A-Za-z])")


def _remark_cut(text: str) -> str:
    """The row with a remark after it (see REMARK_SHAPES) or a closing question mark blanked."""
    m = _REMARK.search(text)
    if m is not None and "=" not in m.group() and _RELATION.search(text[:m.start()]):
        before = text[:m.start()]
        if sum(before.count(c) for c in "{([") == sum(before.count(c) for c in "})]"):
            text = before + " " * (m.end() - m.start())
    m = _ASKED.search(text)
    if m is not None and "=" in text[:m.start()] and "\\text" not in text[m.start() - 6:m.start()]:
        text = text[:m.start()] + " " * (m.end() - m.start())
    return text


#: Colour switches (``\color{red}+= \color{black}``): layout, blanked; an operator grouped after one
#: (``\color{black}{\cdot}``, as slides colour each factor) is the operator.
_COLOR = re.compile(r"\\color\s*\{[A-Za-z0-9!.,#]*\}(?:\s*\{(?P<op>\s*(?:\\cdot|\\times|\\odot|=|\+|-)\s*)\})?")
#: A colour given in hexadecimal to a command that colours its next argument (``\textcolor{#FF6B6B}{X}``).
_HEX_COLOR = re.compile(r"(\\(?:textcolor|colorbox)\s*\{)#(?=[0-9A-Fa-f]{3,8}\})")
#: A logical mark opening a row (``\therefore \delta o^t = ...``): prose, blanked.
_LEAD_MARK = re.compile(r"^\s*\\(?:therefore|because|Rightarrow|Longrightarrow|implies|hence|thus)(?![A-Za-z])")
#: A logical mark closing a row (``h_t = o_t \odot \tanh(C_t) \implies``: the next row follows from it): blanked.
_TRAIL_MARK = re.compile(r"\\(?:therefore|Rightarrow|Longrightarrow|implies)\s*(?:\\\\\s*)?$")
#: Text in a formula.
_TEXT = re.compile(r"\\(?:text|textrm|textit|textbf|textsf|mbox)\s*\{(?P<c>[^{}]*)\}")


def _is_prose(content: str, lead=False) -> bool:
    """Words of a sentence (``Forward Pass: ``, ``Given ``, ``find ``), not a name such as ``tanh`` or ``loss``;
    ``lead``: before the equation, where one capitalised word (``Since``) is prose too."""
    from ...latex.notation import FUNCTION_WORDS
    word = content.strip()
    other = sum(c.isalpha() and not c.isascii() for c in word)
    if other >= 2 and other > len(re.findall(r"[A-Za-z]", word)):
        return True         # \text{上游总梯度：}, \text{隐藏态梯度（传给t-1）：}: words not written in Latin letters
    if not word or word in FUNCTION_WORDS or not re.search(r"[A-Za-z]", word):
        return False
    return content != word or bool(re.search(r"[\s:;,.]", word)) or \
        (lead and word[0].isupper() and word[1:].islower())


def _prose_cut(text: str) -> str:
    r"""The row without the prose around it, blanked so columns stay: a logical mark or a sentence before the
    equation (``\therefore``, ``\text{Given } \delta h^t = ...``), colour switches, a sentence after it that
    follows a comma or ends the row (``, \text{find } \delta o^t``), and text holding only punctuation."""
    blank = lambda m: " " * (m.end() - m.start())       # noqa: E731
    text = _COLOR.sub(lambda m: " " * (m.end() - m.start()) if m["op"] is None else         # \color{black}{=}
                      " " * (m.start("op") - m.start()) + m["op"] + " " * (m.end() - m.end("op")), text)
    text = _HEX_COLOR.sub(r"\1x", text)      # (its name a word: the argument is dropped, DROP_LABEL)
    text = _LEAD_MARK.sub(blank, text)
    text = _TRAIL_MARK.sub(blank, text)
    m = _TEXT.match(text, len(text) - len(text.lstrip()))
    rest = text[m.end():] if m is not None else ""
    if m is not None and _is_prose(m["c"], lead=True) and "=" in rest and \
            not rest.lstrip().startswith(("=", "&", "(", "_", "^")):       # \text{Loss}(y) = ...: a name
        text = text[:m.start()] + blank(m) + text[m.end():]
        text = _LEAD_MARK.sub(blank, text)
    for m in list(_TEXT.finditer(text)):
        before = text[:m.start()]
        depth = sum(before.count(c) for c in "{([") - sum(before.count(c) for c in "})]")
        if depth or "=" not in before or not m["c"].strip(" ,.;:"):
            if not m["c"].strip(" ,.;:") and depth == 0:        # \text{, }: punctuation
                text = text[:m.start()] + blank(m) + text[m.end():]
            continue
        if not _is_prose(m["c"]):
            continue
        head = before.rstrip()
        if head.endswith(","):
            return head[:-1] + " " * (len(text) - len(head) + 1)
        if not text[m.end():].strip():
            return text[:m.start()] + " " * (len(text) - m.start())
    return text


tokens, prepare, error_at = _tokens, _prepare, _err
