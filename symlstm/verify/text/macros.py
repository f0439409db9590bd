"""The file's own macros: ``\\newcommand``, ``\\renewcommand``, ``\\providecommand``, ``\\def`` and
``\\DeclareMathOperator``, expanded in the equation text before it is parsed.

    \\newcommand{\\bb}[1]{\\mathbf{#1}}   \\newcommand\\RR{\\mathbb{R}}   \\def\\Tr{\\top}   \\def\\v#1{\\vec{#1}}

Supported: a definition without arguments, with ``[n]`` arguments (n <= 9; ``[n][default]``: the first
argument is optional, ``\\bb[x]{y}``), and ``\\def`` with ``#1#2`` parameters (undelimited). An argument
is a braced group or a single token (a character or a command). Expansion is plain text substitution
(nothing is evaluated) and bounded: at most :data:`MAX_EXPANSIONS` expansions per text and a result of
at most :data:`MAX_GROWTH` times the text (plus :data:`MAX_EXTRA` characters); past either bound (a
macro that calls itself) the text is not readable: :class:`MacroError`.
"""
from __future__ import annotations

import re

__all__ = ["Macro", "MacroError", "read_macros", "preamble_macros", "expand", "conventional_macros", "CONVENTIONAL_MACROS",
           "MAX_EXPANSIONS", "MAX_MACROS"]

#: Most expansions in one text.
MAX_EXPANSIONS = 2000
#: The expanded text is at most this many times the original length, plus MAX_EXTRA characters.
MAX_GROWTH = 20
MAX_EXTRA = 20_000
#: Most definitions read from one file.
MAX_MACROS = 500
#: Longest body of one definition.
MAX_BODY = 5000


class MacroError(ValueError):
    """A macro could not be expanded (recursion, a missing argument)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Macro:
    __slots__ = ("name", "nargs", "default", "body")

    def __init__(self, name, nargs, default, body):
        self.name, self.nargs, self.default, self.body = name, nargs, default, body

    def __repr__(self):
        return f"Macro({self.name!r}, {self.nargs}, {self.default!r}, {self.body!r})"


_DEF = re.compile(r"\\(?P<kind>(?:re)?newcommand\*?|providecommand\*?|def|DeclareMathOperator\*?)(?![A-Za-z])")
_NAME = re.compile(r"\s*(?:\{\s*\\(?P<a>[A-Za-z]+|.)\s*\}|\\(?P<b>[A-Za-z]+|.))")
# commands the reader itself defines: a file redefining them is not rewritten (their meaning is fixed)
_PROTECTED = frozenset({"begin", "end", "frac", "newcommand", "renewcommand", "def", "left", "right"})


def _group(text: str, k: int) -> int | None:
    """The end (after '}') of the braced group starting at text[k] == '{', or None."""
    depth = 0
    for j in range(k, len(text)):
        ch = text[j]
        if ch == "\\":
            continue
        if ch == "{" and (j == 0 or text[j - 1] != "\\"):
            depth += 1
        elif ch == "}" and (j == 0 or text[j - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return j + 1
    return None


def read_macros(text: str) -> tuple[dict, list]:
    """The macros a (comment-free) text defines, and the (start, end) spans of their definitions."""
    macros, spans = {}, []
    for m in _DEF.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue                                    # inside the body of a definition read already
        kind = m["kind"].rstrip("*")
        n = _NAME.match(text, m.end())
        if n is None:
            continue
        name = n["a"] or n["b"]
        k, nargs, default = n.end(), 0, None
        if kind == "def":
            p = re.match(r"(?:#[1-9])*", text[k:])
            params = p.group()
            if params != "".join(f"#{i}" for i in range(1, len(params) // 2 + 1)):
                continue                                # delimited or out-of-order parameters: not supported
            nargs, k = len(params) // 2, k + len(params)
        elif kind != "DeclareMathOperator":
            a = re.match(r"\s*\[\s*([1-9])\s*\]", text[k:])
            if a:
                nargs, k = int(a.group(1)), k + a.end()
                d = re.match(r"\s*\[([^\[\]]*)\]", text[k:])
                if d:
                    default, k = d.group(1), k + d.end()
        while k < len(text) and text[k] in " \t\n":
            k += 1
        if k >= len(text) or text[k] != "{":
            continue
        end = _group(text, k)
        if end is None or end - k - 2 > MAX_BODY:
            continue
        body = text[k + 1:end - 1].replace("\n", " ")
        if kind == "DeclareMathOperator":
            body = "\\operatorname{" + body + "}"
        spans.append((m.start(), end))
        if name in _PROTECTED or len(name) == 1 and not name.isalpha():
            continue
        if kind == "providecommand" and name in macros:
            continue
        macros[name] = Macro(name, nargs, default, body)
        if len(macros) > MAX_MACROS:
            raise MacroError(f"the file defines more than {MAX_MACROS} macros")
    return macros, spans


def preamble_macros(text: str) -> dict:
    """The macros a preamble file defines (a thesis's ``custom.tex``, a ``.sty`` of ``\newcommand`` lines, given
    with ``symlstm verify --macros FILE``): its definitions only, TeX comments skipped; nothing else of it is read.
    The bounds of :func:`read_macros` apply (at most :data:`MAX_MACROS` definitions)."""
    if not isinstance(text, str):
        raise TypeError(f"expected the text of a preamble, got {type(text).__name__}")
    clean = "\n".join(re.sub(r"(?<!\\)%.*$", "", line) for line in text.split("\n"))
    macros = read_macros(clean)[0]
    for name, m in macros.items():      # each expands, within the bounds, before any row is read with it
        try:
            expand("\\" + name + "{x}" * m.nargs, macros)
        except MacroError as e:
            raise MacroError(f"\\{name}: {e.reason}") from None
    return macros


#: Macros of a shared preamble that notes use without defining them in the file: Goodfellow, Bengio and Courville's
#: ``math_commands.tex`` (the Deep Learning book; the ICLR and NeurIPS templates ship it): ``\vh`` a vector h,
#: ``\mW`` a matrix W, ``\vzero``; and the operators such notes write as commands (``\sigmoid``, ``\softmax``).
#: The derivative commands of the physics package and of blog themes' shared macro files (``\pdv{L}{h_t}``,
#: ``\pd{C(t)}{y_i(t)}``, ``\pa{x}`` a bracket) are read so too: a value ``(n, body)`` takes n arguments. ``\vW``
#: (a capital after v, as slides write it) and ``\b W`` (a course template's bold) are bold names too.
#: Read only where the file uses one and defines no macro of that name.
CONVENTIONAL_MACROS = {
    **{f"v{c}": f"\\boldsymbol{{{c}}}" for c in "abcdefghijklmnopqrstuvwxyz"},
    **{f"m{c}": f"\\boldsymbol{{{c}}}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
    **{f"v{c}": f"\\boldsymbol{{{c}}}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},      # \vW beside \vh (slides)
    **{f"v{g}": f"\\boldsymbol{{\\{g}}}" for g in ("alpha", "beta", "epsilon", "mu", "theta", "sigma", "delta")},
    **{f"m{g}": f"\\boldsymbol{{\\{g}}}" for g in ("Phi", "Lambda", "Sigma")},
    "vzero": "\\boldsymbol{0}", "vone": "\\boldsymbol{1}",
    "sigmoid": "\\sigma", "softmax": "\\operatorname{softmax}", "diag": "\\operatorname{diag}", "R": "\\mathbb{R}",
    "pd": (2, "\\frac{\\partial #1}{\\partial #2}"), "pdv": (2, "\\frac{\\partial #1}{\\partial #2}"),
    "dv": (2, "\\frac{d #1}{d #2}"), "pa": (1, "\\left(#1\\right)"), "br": (1, "\\left[#1\\right]"),
    "vect": (1, "\\boldsymbol{#1}"), "vc": (1, "\\boldsymbol{#1}"), "vb": (1, "\\boldsymbol{#1}"),
    "mt": (1, "\\mathbf{#1}"), "mat": (1, "\\mathbf{#1}"), "pf": (2, "\\frac{\\partial #1}{\\partial #2}"),
    "b": (1, "\\boldsymbol{#1}"),        # \b W_{ph}, \b h^{(T)}: a bold name (course templates)
}


def conventional_macros(text: str, macros: dict) -> dict:
    """The CONVENTIONAL_MACROS a text uses (``\\vh_{t-1}``) that ``macros`` (the file's own) does not define."""
    used = {m[1] for m in _CMD.finditer(text)} & CONVENTIONAL_MACROS.keys()
    out = {}
    for name in sorted(used - macros.keys()):
        nargs, body = CONVENTIONAL_MACROS[name] if isinstance(CONVENTIONAL_MACROS[name], tuple) else \
            (0, CONVENTIONAL_MACROS[name])
        if nargs == 0 and re.search(rf"\\{name}\s*\{{", text) and body.startswith("\\boldsymbol"):
            nargs, body = 1, "\\boldsymbol{#1}"       # \vc{x}: a bold macro of one argument, not \boldsymbol{c}{x}
        elif nargs == 1 and re.fullmatch(r"v[a-z]", name) and not re.search(rf"\\{name}\s*\{{", text):
            nargs, body = 0, f"\\boldsymbol{{{name[1]}}}"      # \vb_h, \vc_t: the bold letter, not \vb{x}
        out[name] = Macro(name, nargs, None, body)
    return out


_CMD = re.compile(r"\\([A-Za-z]+|.)")


def _argument(text: str, k: int) -> tuple[str, int]:
    """One undelimited argument at text[k:] (spaces skipped): a braced group's content or one token."""
    while k < len(text) and text[k] in " \t\n":
        k += 1
    if k >= len(text):
        raise MacroError("a macro is missing an argument")
    if text[k] == "{":
        end = _group(text, k)
        if end is None:
            raise MacroError("a macro argument's brace is never closed")
        return text[k + 1:end - 1], end
    if text[k] == "}":
        raise MacroError("a macro is missing an argument")
    if text[k] == "\\":
        c = _CMD.match(text, k)
        return c.group(), c.end()
    return text[k], k + 1


def _substitute(body: str, args: list) -> str:
    return re.sub(r"#([1-9#])", lambda x: "#" if x.group(1) == "#" else
                  (args[int(x.group(1)) - 1] if int(x.group(1)) <= len(args) else x.group()), body)


def expand(text: str, macros: dict) -> str:
    """``text`` with every use of ``macros`` expanded (rescanned, so macros may use macros); bounded."""
    if not macros or "\\" not in text:
        return text
    limit = MAX_GROWTH * len(text) + MAX_EXTRA
    count, k, out = 0, 0, text
    while True:
        c = _CMD.search(out, k)
        if c is None:
            return out
        m = macros.get(c.group(1))
        if m is None:
            k = c.end()
            continue
        count += 1
        if count > MAX_EXPANSIONS or len(out) > limit:
            raise MacroError(f"macro expansion too deep (\\{m.name} expands without end, or more than "
                             f"{MAX_EXPANSIONS} expansions)")
        j, args = c.end(), []
        if m.nargs:
            if m.default is not None:
                o = re.match(r"\s*\[([^\[\]]*)\]", out[j:])
                if o:
                    args.append(o.group(1))
                    j += o.end()
                else:
                    args.append(m.default)
            while len(args) < m.nargs:
                a, j = _argument(out, j)
                args.append(a)
        body = _substitute(m.body, args)
        out = out[:c.start()] + body + out[j:]
        k = c.start()                                   # rescan the expansion
