"""The equations of a .tex file: every row of its align/equation/gather environments, with line numbers.

Rows are separated by ``\\\\``; ``&``, ``\\label{...}``, ``\\tag{...}``, ``\\nonumber`` and
``\\notag`` are ignored; a row without a top-level ``=`` continues the equation above it.
Comments are ignored, except directives for symlstm:

    % symlstm: rename y=h, z=g, R=U          (the file's notation -> symlstm's, see verify())
    a = b \\\\ % symlstm: skip                 (do not check the equation on this line)
    % symlstm: let \\delta 3 = \\frac{\\partial L}{\\partial h_t}; 5 = o_t   (a legend: what a written form means,
                                                 see :mod:`symlstm.verify.legend`)
    % symlstm: given x_t = W \\sigma(x_{t-1}) + U u_t + b; L = \\sum_t L_t
                                              (forward equations the text relies on but does not state)

A ``given`` directive holds equations separated by ``;`` (outside brackets); each is a row of the
derivation (:attr:`TexFile.given`, ``TexEquation.given`` set) that builds the cell like a forward row
but gets no verdict. ``NAME = EXPR`` where the forward rows write EXPR literally names that
sub-expression (``I^t = [x^t; h^{t-1}]`` for the stack a row multiplies): gradients of NAME are the
adjoint of the sub-expression there. A directive is not the source's text: add it on a line that is
already a comment (or after code on its line) so no equation moves.

Removed text is blanked, not deleted, so every character keeps its line and column.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field, replace

from .codefences import MAX_FENCE_CHARS, MAX_FENCE_LINES, fenced_rows
from .latexparse import LatexError
from .macros import MacroError, conventional_macros, expand, read_macros
from .rowtokens import WORDED_RANGE

__all__ = ["TexEquation", "TexFile", "read_tex", "MAX_FILE_CHARS", "MAX_EQUATIONS", "ENVIRONMENTS", "NAMES_ARGUMENT"]

#: Largest .tex file read (characters).
MAX_FILE_CHARS = 1_000_000
#: Most equations checked in one file.
MAX_EQUATIONS = 2000
#: At most this many dollar signs in a file (inline formulas are scanned several times: a bound on the work).
MAX_DOLLARS = 8000
#: Environments whose rows are claims.
ENVIRONMENTS = ("align", "align*", "alignat", "alignat*", "equation", "equation*", "gather", "gather*", "flalign", "flalign*",
                "multline", "multline*", "eqnarray", "eqnarray*")
#: Inner environments whose markers are dropped (their rows are rows of the outer one).
INNER = ("aligned", "split", "gathered", "alignedat")

_DIRECTIVE = re.compile(r"%\s*symlstm\s*:\s*(?P<cmd>[A-Za-z]+)\s*(?P<arg>.*)$")
_BEGIN = re.compile(r"\\begin\{(?P<env>[A-Za-z]+\*?)\}")
_LAYOUT = re.compile(r"\\(?:label|tag\*?|intertext|shortintertext)\{[^{}]*\}|\\(?:nonumber|notag)(?![A-Za-z])")
#: Environments whose rows hold several equations side by side (a &= b & c &= d).
COLUMNS = ("align", "align*", "flalign", "flalign*")
_INNER = re.compile(r"\\(?:begin|end)\{(?:" + "|".join(INNER) + r")\}(?:\[[a-z]\])?(?:\{\d+\})?")
_INNER_ALIGN = re.compile(r"\\begin\{(?:aligned|alignedat)\}")
#: A structural command with spaces before its group (\begin {equation}).
_SPACED_GROUP = re.compile(r"(?<!\\)\\(begin|end|label|tag)(\s+)\{([^{}]*)\}")
#: A row separator: ``\\\\`` (``\\\\*``, ``\\\\[4pt]``) or the plain-TeX ``\\cr`` (``\\crcr``).
_ROW_END = re.compile(r"\\\\\*?(?:\s*\[[^\]]*\])?|\\(?:cr)?cr(?![A-Za-z])")


@dataclass(frozen=True)
class TexEquation:
    """One equation: where it starts (1-based line and column) and its text (layout blanked)."""

    line: int
    column: int
    text: str
    skip: bool = False
    slices: tuple = ()      # ((name, slice), ...) stated after it: "where W_f = W_f[:, :n_a]"
    slices_at: tuple = ()   # ((line, column, text), ...) of those statements, in the same order
    given: bool = False     # stated by a "% symlstm: given" directive (builds the cell, no verdict)
    error: str = ""         # why its text cannot be read before parsing (a macro that expands without end)
    scope: str = ""         # the steps the prose before it gives it ("last", "other:last", ...: prosescope.py)
    named_loss: str = ""    # the loss the prose before it names ("crossentropy": proseloss.py)
    inline: bool = False    # a given from the prose ("Let $a_t = ...$"): kept only where it names a written part
    group: str = ""         # the class of a numpy fence's formula (each class is a model of its own: codefences.py)
    total: bool = False     # the prose right before it calls it a total ("Total gradient to the previous state:")
    claim: bool = False     # restated in a sentence ("Since $C_t = ...$"): a claim about the cell, never a definition
    handout: str = ""       # a given of a course's handout the text does not state (judging/handoutcells.py)


#: A slice stated in the prose after an equation: $W_f = W_f[:,:n_a]$.
_SLICE = re.compile(r"\$\s*(?P<name>[A-Za-z][A-Za-z0-9_{}\\]*)\s*=\s*(?P=name)\s*\[(?P<slice>[^\]$]*)\]\s*\$")


def _slice_notes(text: str, out: "TexFile"):
    """Attach each stated slice to the equation above it (the prose belongs to that equation)."""
    if not out.equations:
        return
    notes, where = {}, {}
    for m in _SLICE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        above = [k for k, e in enumerate(out.equations) if e.line < line]
        if above:
            notes.setdefault(above[-1], []).append((m["name"].replace("{", "").replace("}", ""), m["slice"]))
            start = text.rfind("\n", 0, m.start()) + 1
            if re.search(r"(?<!\\)%", text[start:m.start()]):
                continue        # (a statement in a LaTeX comment: read with its row, never a row of its own)
            where.setdefault(above[-1], []).append((line, m.start() - start + 1, m.group().strip("$ ")))
    for k, items in notes.items():
        e = out.equations[k]
        out.equations[k] = replace(e, slices=tuple(items), slices_at=tuple(where.get(k, ())))


@dataclass
class TexFile:
    """The equations of a file and the renaming its directives declare (``"y=h, z=g"``)."""

    equations: list = field(default_factory=list)
    rename: str = ""
    rename_line: int | None = None
    legend: list = field(default_factory=list)     # (line, column, text) of each "let" directive
    given: list = field(default_factory=list)      # TexEquation of each equation of a "given" directive
    shapes: list = field(default_factory=list)     # math texts stating a shape ($W \in \mathbb{R}^{F \times U}$)
    comments: dict = field(default_factory=dict)   # line -> the text of its comment (the prose: prosescope.py)
    prose: list = field(default_factory=list)      # TexEquation of each other inline NAME = ... of the prose
    code: list = field(default_factory=list)       # TexEquation of each formula of a numpy fence (codefences.py)


def _blank(s: str) -> str:
    return re.sub(r"[^\n]", " ", s)


#: A line opening or closing a Markdown code fence: its mark and what follows (the language).
_FENCE_MARK = re.compile(r"^[ \t]{0,8}(```+|~~~+)[ \t]*([A-Za-z0-9_+-]*)[^\n]*$")
#: A fence opened in a list item (``     - ~~~``), as kramdown notes write a raw block inside a list.
_LIST_FENCE = re.compile(r"(?m)^[ \t]*(?P<item>[-*+][ \t]+)(?P<tick>```+|~~~+)[ \t]*$")


def _list_item_fences(clean: str) -> str:
    """The text with the list marker of a fence opened in a list item blanked (offsets kept), where the next fence
    line closes it (``~~~`` alone at a line's start): every reader of fences then sees the block where the author's
    page has it. Unmatched (the item's fence runs to the end), the marker stays, and so does the block's end at
    the next fence line, which then opened a fence of its own reaching the rest of the note (its math unread)."""
    out = clean
    for m in reversed(list(_LIST_FENCE.finditer(clean))):
        nxt = re.compile(r"(?m)^[ \t]*(?:[-*+][ \t]+)?(```+|~~~+)[^\n]*$").search(clean, m.end())
        if nxt is not None and nxt[1] == m["tick"] and nxt.group().strip() == m["tick"]:
            out = out[:m.start("item")] + " " * len(m["item"]) + out[m.end("item"):]
    return out


def _strip_comments(text: str, out: TexFile) -> tuple[str, set]:
    lines = text.split("\n")
    skips, renames = set(), []
    from .codefences import CODE_FENCE_LANGUAGES, COMMENT_FENCE_LANGUAGES, MATLAB_FENCE_LANGUAGES
    kept = (*CODE_FENCE_LANGUAGES, *COMMENT_FENCE_LANGUAGES, *MATLAB_FENCE_LANGUAGES)
    fence, code = None, False       # the code fence the line is in: a % in Python or C is an operator, in MATLAB
    #                                 the code's own comment (read there: codefences._comment), never TeX's
    for k, line in enumerate(lines):
        f = _FENCE_MARK.match(line)
        if f is not None and (fence is None or f[1][0] == fence[0] and len(f[1]) >= len(fence) and not f[2].strip()):
            fence, code = (f[1], f[2].strip().lower() in kept) if fence is None else (None, False)
            continue
        if code:
            continue
        m = re.search(r"(?<!\\)%", line)
        if m is None:
            continue
        d = _DIRECTIVE.match(line[m.start():])
        if d:
            cmd, arg = d["cmd"].lower(), d["arg"].strip()
            if cmd == "rename":
                renames.append(arg)
                out.rename_line = out.rename_line or k + 1
            elif cmd == "skip":
                skips.add(k + 1)
            elif cmd == "let":
                out.legend.append((k + 1, m.start() + d.start("arg") + 1, d["arg"]))
            elif cmd == "given":
                _given(k + 1, m.start() + d.start("arg") + 1, d["arg"], out, text)
            else:
                raise LatexError(f"unknown symlstm directive {d['cmd']!r}; expected 'rename', 'skip', 'let' "
                                 "or 'given'", line=k + 1, column=m.start() + 1, text=text)
        else:
            out.comments[k + 1] = line[m.start() + 1:]
        lines[k] = line[:m.start()] + _blank(line[m.start():])
    out.rename = ", ".join(r for r in renames if r)
    return "\n".join(lines), skips


def _given(line: int, column: int, arg: str, out: TexFile, text: str):
    """The equations of one ``given`` directive: cut at ``;`` outside brackets (``\\;`` is spacing)."""
    start, depth = 0, 0
    pieces = []
    for k, ch in enumerate(arg):
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif ch == ";" and depth <= 0 and not (k and arg[k - 1] == "\\"):
            pieces.append((start, arg[start:k]))
            start = k + 1
    pieces.append((start, arg[start:]))         # the last one (also one whose brackets are not closed)
    for off, piece in pieces:
        if not piece.strip():
            continue
        col = column + off + len(piece) - len(piece.lstrip())
        if not _has_equals(piece):
            raise LatexError(f"a given equation is NAME = EXPRESSION, got {piece.strip()!r}", line=line, column=col,
                             text=text)
        out.given.append(TexEquation(line, col, piece.strip(), given=True))
        if len(out.given) > MAX_EQUATIONS:
            raise LatexError(f"the file gives more than {MAX_EQUATIONS} equations; the limit is {MAX_EQUATIONS}",
                             line=line, column=col, text=text)


@functools.lru_cache(maxsize=4)
@functools.lru_cache(maxsize=4)
def _line_starts(text: str) -> tuple:
    """The offset where each line of ``text`` starts (one pass; a file's equations look their lines up here)."""
    return (0,) + tuple(m.end() for m in re.finditer("\n", text))


def _position(text: str, offset: int) -> tuple[int, int]:
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


#: Relations that start an equation of their own (a bound, an assignment W \leftarrow ..., is not the continuation
#: of the row above).
_BOUND = re.compile(r"\\(?:leq?|geq?|leqslant|geqslant|leftarrow|gets|coloneqq|equiv|triangleq|doteq|eqqcolon|approx|simeq)"
                    r"(?![A-Za-z])"
                    r"|\\(?:overset|stackrel)\s*\{(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*=\s*\}")     # \overset{def}{=}


def _has_equals(row: str) -> bool:
    depth = 0
    for k, ch in enumerate(row):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and (ch == "=" or ch in "<>" or (ch == "\\" and _BOUND.match(row, k))):
            return True
    return False


#: Services that render a formula given in their address, as READMEs and blogs embed them (TeXify's codecogs
#: images on GitHub, GitHub's own math renderer, Zhihu's formula images, Google's chart API): the address up to the
#: encoded formula.
LATEX_IMAGE_SERVICES = (r"latex\.codecogs\.com/(?:gif|png|svg|eps)\.(?:latex|image)\?(?:\\[a-z]+\{?\w*\}?\s*)*",
                        r"render\.githubusercontent\.com/render/math\?(?:[^\"'()\s]*?&(?:amp;)?)?math=",
                        r"(?:www\.)?zhihu\.com/equation\?tex=",
                        r"chart\.googleapis\.com/chart\?cht=tx&(?:amp;)?chl=")
_LATEX_IMAGE = re.compile(
    r"<img\b[^<>]*?\bsrc\s*=\s*(?P<q>[\"'])https?://(?:" + "|".join(LATEX_IMAGE_SERVICES) +
    r")(?P<html>[^\"'<>]{1,4000})(?P=q)[^<>]{0,400}?/?>"
    r"|!\[[^\]\n]{0,200}\]\(\s*https?://(?:" + "|".join(LATEX_IMAGE_SERVICES) + r")(?P<md>[^()\s]{1,4000})\s*\)")
#: What may stand beside such an image on its line when it is a display: HTML's paragraph and centring tags.
_HTML_TAGS = re.compile(r"</?(?:p|div|center|br)\b[^<>]{0,200}/?>", re.I)


def _latex_images(text: str) -> str:
    """``text`` with each formula image (LATEX_IMAGE_SERVICES) replaced by its formula, decoded (``%20``,
    ``&#x5C;``), as ``$$...$$`` where it is alone on its line but for HTML's paragraph tags, else as ``$...$``;
    each replacement is padded to the tag's length, so offsets after it stay. A formula holding a dollar sign or a
    line break, or longer than its tag, is left as an image (not read)."""
    import html
    from urllib.parse import unquote
    if len(text) > MAX_FILE_CHARS:
        return text

    def put(m):
        body = html.unescape(unquote(html.unescape(m["html"] if m["html"] is not None else m["md"])))
        if "$" in body or "\n" in body or not body.strip():
            return m.group()
        a, b = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        b = len(text) if b < 0 else b
        rest = _HTML_TAGS.sub("", text[a:m.start()] + text[m.end():b])
        alone = not _LATEX_IMAGE.sub("", rest).strip()
        formula = ("$$" if alone else "$") + body.strip() + ("$$" if alone else "$")
        return formula.ljust(len(m.group())) if len(formula) <= len(m.group()) else m.group()
    return _LATEX_IMAGE.sub(put, text)


#: Beamer's overlay commands: ``\visible<2->{ = ...}`` shows its group from slide 2 on; the group is the text
#: (``\pause`` and a bare ``\onslide<3->`` show nothing themselves).
BEAMER_OVERLAYS = ("visible", "only", "uncover", "onslide", "alt", "invisible", "alert", "temporal")
_OVERLAY = re.compile(r"\\(?:" + "|".join(BEAMER_OVERLAYS) + r")\s*<[^<>{}\n]{1,20}>\s*(?P<open>\{)?|\\pause(?![A-Za-z])")


def _overlays(text: str) -> str:
    r"""``text`` with beamer's overlay wrappers blanked (same offsets): ``\visible<2->{ = a }`` reads ``  = a ``;
    a group that never closes is left as it is. One pass over the text, whatever the nesting."""
    chars = list(text)
    opens = {m.start(): m for m in _OVERLAY.finditer(text)}
    stack, i, n = [], 0, len(text)
    while i < n:
        m = opens.get(i)
        if m is not None:
            if m.groupdict().get("open") is None:
                chars[m.start():m.end()] = " " * (m.end() - m.start())      # \pause
            else:
                stack.append(m)
            i = m.end()
            continue
        c = text[i]
        if c == "\\":             # \{, and \\ (a row's end) before the group's }
            i += 2
            continue
        if c == "{":
            stack.append(None)
        elif c == "}" and stack:
            opener = stack.pop()
            if opener is not None:
                chars[opener.start():opener.end()] = " " * (opener.end() - opener.start())
                chars[i] = " "
        i += 1
    return "".join(chars)


def read_tex(text: str, macros: dict | None = None) -> TexFile:
    """The equations of a .tex source (size-bounded; errors carry line and column); ``macros``: definitions read
    elsewhere (a preamble file, :func:`~.macros.preamble_macros`), which the file's own definitions override."""
    if not isinstance(text, str):
        raise TypeError(f"expected the text of a .tex file, got {type(text).__name__}")
    if len(text) > MAX_FILE_CHARS:
        raise LatexError(f"the file has {len(text)} characters; the limit is {MAX_FILE_CHARS}")
    if "\x00" in text:
        line, col = _position(text, text.index("\x00"))
        raise LatexError("the file contains a NUL character: not a LaTeX text file", line=line, column=col)
    if text.count("$") > MAX_DOLLARS:
        raise LatexError(f"the file has {text.count('$')} dollar signs (formulas); the limit is {MAX_DOLLARS}")
    out = TexFile()
    # formulas served as images (<img src="https://latex.codecogs.com/gif.latex?h_{t}"/>, TeXify's READMEs): the
    # formula the address encodes, a display where it is alone on its line (offsets kept; before the comments are
    # cut: an address's %20 is no comment)
    if "://" in text:
        text = _latex_images(text)
    clean, skips = _strip_comments(text, out)
    if "<" in clean and _OVERLAY.search(clean):
        clean = _overlays(clean)        # beamer slides: \visible<2->{ = ...} is the text of its group
    # GitHub's fenced math (```math ... ```): a display
    clean = _FENCED_MATH.sub(lambda m: "$$" + " " * (len(m["open"]) - 2) + m["body"] + "$$" + " " * (len(m["close"]) - 2),
                             clean)
    # GitHub's and GitLab's inline math $`h_t = \tanh(z_t)`$: the formula between the backticks (offsets kept)
    clean = _BACKTICK_MATH.sub(lambda m: "$ " + m[1] + " $", clean)
    # equations typed as plain text in a code fence (``` without a language): rows; a fence of LaTeX (```, then
    # \frac{\partial L}{\partial r_t} = ...): a display (codefences.py)
    fenced, fenced_values, code = [], [], []
    if "\\documentclass" not in clean and ("```" in clean or "~~~" in clean):
        clean = _list_item_fences(clean)
        clean, fenced, fenced_values, code = fenced_rows(clean, MAX_EQUATIONS)
    elif clean.count("\n") < MAX_FENCE_LINES and len(clean) < MAX_FENCE_CHARS and _PLAIN_PROSE.search(clean) and \
            not _ANY_MATH.search(clean):
        # a text with no math markup and no fences whose lines hold plain-text equations (a blog post copied from
        # its rendered page: 更新门: z_t = σ(W_z · [h_{t-1}, x_t])): its lines are read as those of a plain fence
        try:
            _, fenced, fenced_values, _ = fenced_rows("```\n" + clean + "\n```", MAX_EQUATIONS)
        except LatexError as e:
            raise LatexError(str(e).replace("the file's code fences hold", "the file's plain-text lines hold")) from None
        fenced = [(r[0] - 1, *r[1:]) for r in fenced]
        fenced_values = [(r[0] - 1, *r[1:]) for r in fenced_values]
    if "\\documentclass" not in clean and "`" in clean:
        # a code span holding LaTeX (`\tilde{h}_t = \tanh(z_{h, t})`, `r_t = \sigma(z_{r, t})`): inline math
        # written with backticks (same offsets), read as any $...$ formula of the prose
        clean = _LATEX_SPAN.sub(lambda m: "$" + m[1] + "$", clean)
        from .codefences import inline_code_rows
        spans, span_values = inline_code_rows(clean)
        fenced, fenced_values = fenced + spans, fenced_values + span_values
    # Markdown (Hugo, some Jekyll themes) escapes the subscript sign too: \mathbf{h}\_{t-1}, W\_{hh} are h_{t-1},
    # W_{hh} where the file escapes it after a group or before one (a code name's \_, cs\_grad, stays otherwise)
    if _ESCAPED_SUBSCRIPT.search(clean):
        clean = clean.replace("\\_", " _")
    # Markdown (kramdown, Jekyll) escapes the backslash: a display written \\[ ... \\] is \[ ... \], inline
    # \\( ... \\) is \( ... \) (a row break \\[4pt] is not math; the offsets are kept)
    clean = _ESCAPED_MATH.sub(lambda m: f" \\[{_unescaped(m['body'])} \\]" if m['o'] else f" \\({m['body2']} \\)", clean)
    # a Markdown blockquote ("> \(\frac{dz}{dx} = 2t\)", "> $$ ... $$"): its markers are layout (blanked, so
    # every offset is kept); not in a LaTeX document, where a line may start with an inequality's ">"
    if "\\documentclass" not in clean and "\\begin{document}" not in clean:
        clean = _QUOTE_MARKS.sub(lambda m: m[1] + " " * len(m[2]), clean)
    # TeX skips the spaces after a control word: \begin {equation}, \label {x} are \begin{equation}, \label{x}
    # (the spaces are moved after the group, so every offset and line outside the group is kept)
    clean = _SPACED_GROUP.sub(lambda m: f"\\{m[1]}{{{m[3]}}}{m[2]}", clean)
    try:
        own, defs = read_macros(clean)      # the file's \newcommand / \def: expanded in every equation
        known = {**(macros or {}), **own}     # (over a preamble's, --macros)
        macros = {**conventional_macros(clean, known), **known}      # \vh, \mW of a shared preamble
    except MacroError as e:
        raise LatexError(e.reason) from None
    for a, b in defs:
        clean = clean[:a] + _blank(clean[a:b]) + clean[b:]
    _math(clean, skips, out)
    if "\\documentclass" not in clean and "|" in clean:     # | $f_t$ | ... | $\sigma(W_f x_t + b_f)$ |: tablerows.py
        from .tablerows import table_rows
        out.equations += [TexEquation(line, col, row)
                          for line, col, row in table_rows(clean, lambda offset: _position(clean, offset))]
        if len(out.equations) > MAX_EQUATIONS:
            raise LatexError(f"the file has more than {MAX_EQUATIONS} equations; the limit is {MAX_EQUATIONS}")
    _prose_definitions(clean, out)
    out.shapes = [next(g for g in m.groups() if g is not None) for m in _MATH.finditer(clean)
                  if re.search(r"\\in(?![A-Za-z])", m.group())]
    pos = 0
    spans = [(x.start(), x.end()) for x in _MATH.finditer(clean)]
    while True:
        m = _BEGIN.search(clean, pos)
        if m is None:
            break
        env = m["env"]
        bare = env in INNER and not any(a <= m.start() < b for a, b in spans)   # aligned pasted without $$
        if env not in ENVIRONMENTS and not bare:
            pos = m.end()
            continue
        end = clean.find(f"\\end{{{env}}}", m.end())
        in_display = clean.rfind("$$", clean.rfind("\n", 0, m.start()) + 1, m.start()) >= 0
        if end < 0 and not in_display:
            line, col = _position(clean, m.start())
            raise LatexError(f"\\begin{{{env}}} is never closed (no \\end{{{env}}})", line=line, column=col)
        if end < 0:
            # opened in a Markdown display ($$ \begin{align} ...) and never closed, a web page's text cut inside
            # it: MathJax fails that display alone, so its rows are read to the display's end (or the text's); the
            # cut row is unreadable, the rows before it judged. (In a .tex file, LaTeX stops: an error, as above.)
            end = next((b for a, b in spans if a <= m.start() < b), len(clean))
            end = max(clean.rfind("$$", m.end(), end), m.end()) if clean.rfind("$$", m.end(), end) > m.end() \
                else end
        body = clean[m.end():end]
        if env.startswith("alignat"):       # \begin{alignat}{2}: its number of column pairs
            body = re.sub(r"^\s*\{\d+\}", lambda x: _blank(x.group()), body)
        body = _INNER.sub(lambda x: _blank(x.group()), body)
        body = _LAYOUT.sub(lambda x: _blank(x.group()), body)
        system = _cases_system(body)
        _rows(clean, m.end(), system or body, skips, out,
              columns=env in COLUMNS or bare or bool(system) or _INNER_ALIGN.search(clean, m.end(), end))
        pos = end + len(env) + 6
        if len(out.equations) > MAX_EQUATIONS:
            raise LatexError(f"the file has more than {MAX_EQUATIONS} equations; the limit is {MAX_EQUATIONS}")
    out.equations += [TexEquation(line, col, text) for line, col, text in fenced]
    out.prose += [TexEquation(line, col, text) for line, col, text in fenced_values]
    out.code = [TexEquation(line, col, text, group=rest[0] if rest else "") for line, col, text, *rest in code]
    if len(out.code) > MAX_EQUATIONS:
        raise LatexError(f"the file's code fences hold more than {MAX_EQUATIONS} formulas; the limit is {MAX_EQUATIONS}")
    out.equations.sort(key=lambda e: (e.line, e.column))
    out.equations = _compared_variants(out.equations, clean)
    from .prosescope import oplus_by_prose, scopes     # "for the last step:" before a row, \oplus "the sum"
    prose = {**_prose_lines(clean), **out.comments}     # a heading "the case of $t = T$" in the text, or a comment
    from .templates import expand_templates      # dW_k = d\gamma_k [a; x]^T, for k = o, u, f: one row a gate
    lines = dict(enumerate(clean.split("\n"), 1))      # (the sentence may hold its labels in $$...$$)
    out.equations, out.code = expand_templates(out.equations, lines), expand_templates(out.code, lines)
    if len(out.equations) > MAX_EQUATIONS:
        raise LatexError(f"the file has more than {MAX_EQUATIONS} equations; the limit is {MAX_EQUATIONS}")
    out.equations = [replace(e, scope=sc) if sc else e for e, sc in zip(out.equations, scopes(out.equations, prose))]
    out.equations = _total_cues(out.equations, prose)
    out.equations = oplus_by_prose(out.equations, out.comments)
    from .proseloss import prose_losses     # "Compute the cross entropy" before a loss row (proseloss.py)
    out.equations = prose_losses(out.equations, out.comments)
    _slice_notes(text, out)
    if macros:
        out.equations = [_expanded(e, macros) for e in out.equations]
        out.given = [_expanded(e, macros) for e in out.given]
        out.shapes = [_expanded(TexEquation(0, 0, x), macros).text for x in out.shapes]
    return out


#: A displayed formula or an environment: not prose.
_DISPLAY = re.compile(r"\$\$.*?\$\$|\\\[(?:(?!\\\[).)*?\\\]|\\begin\{(?P<env>" +
                      "|".join(re.escape(e) for e in ENVIRONMENTS + INNER) + r")\}(?:(?!\\begin\{(?P=env)\}).)*?\\end\{(?P=env)\}",
                      re.S)


#: Prose that calls the next row a total: "Total gradient to previous hidden state:", "the full derivative".
_TOTAL_CUE = re.compile(r"\b(?:total|overall|full|complete)\s+(?:gradient|derivative|adjoint|error|sensitivity)", re.I)


def _total_cues(equations, prose: dict) -> list:
    """The equations, marked ``total`` where the prose between the row before and it calls it a total (its
    gradient is then read as the total only, never as what reaches it through one step: judge.py)."""
    out, prev = [], 0
    for e in equations:
        lines = [prose[n].strip(" *#_:") for n in range(prev + 1, e.line) if n in prose and prose[n].strip()]
        label = lines[-1] if lines else ""          # a short label line right above the row (not a paragraph
        cue = len(label) <= 80 and _TOTAL_CUE.search(label)     # on "the total derivative" as a concept)
        out.append(replace(e, total=True) if cue else e)
        prev = max(prev, e.line)
    return out


def _prose_lines(clean: str) -> dict:
    """Line -> text of the lines of running text (displays blanked; inline math kept: "the case of $t = T$")."""
    text = _DISPLAY.sub(lambda m: _blank(m.group()), clean)
    return {k + 1: line for k, line in enumerate(text.split("\n")) if line.strip()}


def _compared_variants(equations, clean: str):
    """Equations in the cells of one row of a Markdown table that define the same name (``| Paper | $$h_t =
    ...$$ | $$h_t = ...$$ |``, a table comparing two variants of a cell): not rows of the derivation (each
    column states another cell), so none of them defines the cell the rows below are judged against."""
    lines = clean.split("\n")
    by_line = {}
    for k, eq in enumerate(equations):
        by_line.setdefault(eq.line, []).append(k)
    out = list(equations)
    for line, ks in by_line.items():
        text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        if len(ks) < 2 or not (text.startswith("|") and text.endswith("|")):
            continue
        lefts = [re.sub(r"\s+", "", equations[k].text.partition("=")[0]) for k in ks]
        for k, left in zip(ks, lefts):
            if left and lefts.count(left) >= 2:
                out[k] = replace(equations[k], error=f"a cell of a table comparing variants ({lefts.count(left)} "
                                                     f"columns of this row define {equations[k].text.partition('=')[0].strip()}): "
                                                     "each states another cell, not read as a row of this one")
    return out


def _expanded(eq: TexEquation, macros: dict) -> TexEquation:
    try:
        return replace(eq, text=expand(eq.text, macros))
    except MacroError as e:
        return replace(eq, error=e.reason)


#: Math markup of any kind (a text without any is read as plain-text equations if _PLAIN_PROSE finds some).
_ANY_MATH = re.compile(r"\$|\\\[|\\\(|\\begin\{|```|~~~|<math|\\frac|\\partial")
#: A line of prose stating an equation in plain text with a sign of math: a subscript, a Greek letter, ∂, ⊙ (``z_t =
#: σ(...)``, ``∂L/∂h_t = δ_t``).
_PLAIN_PROSE = re.compile(r"(?m)^[^\n=]{0,60}[A-Za-z\u0303\u2202\u03b4]\S{0,20}\s?=\s?\S[^\n]*"
                          r"[_\u2202\u03c3\u2299\u03b4\u00b7\u2297]")
#: Inline math written $`...`$ (GitHub, GitLab): the backticks keep Markdown from reading the formula.
_BACKTICK_MATH = re.compile(r"\$`([^`\n]+)`\$")
#: A code span of the prose whose body is LaTeX: a command of the math (\frac, \odot, \tilde, \sigma, ...) or a
#: braced script (h_{t-1}), no dollar sign, no code's call syntax (np., self., a string).
_LATEX_SPAN = re.compile(r"(?<![`$])`(?=[^`\n]*(?:\\(?:frac|dfrac|partial|odot|circ|cdot|tilde|hat|bar|sigma|tanh|"
                         r"mathrm|mathbf|boldsymbol|operatorname|top|in|sum|prod|nabla|delta|Delta|alpha|beta|gamma|"
                         r"Gamma|mathcal|text|left|right|times|to|approx|leq|geq)(?![A-Za-z])|[_^]\{))"
                         r"(?![^`\n]*(?:\$|\bnp\.|\bself\.|\btorch\.|[\"']))([^`\n]{3,300})`(?!`)")

#: A fenced block of math (GitHub Markdown): ```math, its formula, ```.
_FENCED_MATH = re.compile(r"(?P<open>```math[ \t]*)(?P<body>\n.*?\n[ \t]*)(?P<close>```)", re.S)

#: A subscript sign escaped for Markdown: after a group or before one (``\mathbf{x}\_t``, ``W\_{hh}``).
_ESCAPED_SUBSCRIPT = re.compile(r"\}\\_|\\_\{")

#: Math with the backslash escaped for Markdown: ``\\[ ... \\]`` (a display; not a row break ``\\[4pt]``) and
#: ``\\( ... \\)`` on one line.
_ESCAPED_MATH = re.compile(r"(?<!\\)\\\\(?P<o>\[)(?!\s*-?[\d.]+\s*(?:pt|em|ex|mm|cm|in|bp|sp|mu)\s*\])(?P<body>(?:(?!\\\\\[).)*?)"
                           r"(?<!\\)\\\\\]|(?<!\\)\\\\(?P<o2>\()(?P<body2>(?:(?!\\\\\()[^\n])*?)(?<!\\)\\\\\)", re.S)

def _unescaped(body: str) -> str:
    r"""The body of a display whose backslashes Markdown escapes, as LaTeX (the offsets kept): a row break
    written with three or more backslashes at a line's end (``\\\\\``) is ``\\``; ``\\{`` is ``\{``."""
    body = re.sub(r"\\{3,}(?=[ \t]*(?:\n|$))", lambda m: "\\\\" + " " * (len(m.group()) - 2), body)
    return re.sub(r"(?<!\\)\\\\(?=[{}])", lambda m: " " + "\\", body)


#: $$...$$, \\[...\\], inline $...$ and inline \\(...\\) (read like $...$: a row when alone on its line).
#: A display or an inline formula. An inline one ends in its paragraph, before a list item, heading or table row
#: (Markdown's rule: an unclosed ``$`` in "at time step $t." is a dollar sign, not the start of a formula); a line
#: ``- \tilde{C}_t^2 ) ]`` inside a formula continues it (a minus sign, not an item).
_MATH = re.compile(r"\$\$(?P<dd>.*?)\$\$|\\\[(?P<br>(?:(?!\\\[).)*?)\\\]|(?<![\\$])\$(?P<d>(?:[^$\n]|"
                   r"\n(?![ \t]*(?:\n|[-*+][ \t]+(?![\\\d(\[{])|\d{1,3}[.)][ \t]|#|\|)))+?)\$"
                   r"|(?<!\\)\\\((?P<pr>(?:(?!\\\().)*?)(?<!\\)\\\)", re.S)


#: How far the reader looks for the start or the end of the line around a formula (a longer line is cut there: the
#: tests on a formula's line stay linear in the file, whatever its lines).
LINE_WINDOW = 1000


def _line_start(text: str, a: int) -> int:
    """Where the line holding offset ``a`` starts (at most :data:`LINE_WINDOW` characters back)."""
    lo = max(0, a - LINE_WINDOW)
    k = text.rfind("\n", lo, a)
    return k + 1 if k >= 0 else lo


def _line_end(text: str, b: int) -> int:
    """Where the line holding offset ``b`` ends (at most :data:`LINE_WINDOW` characters on)."""
    hi = min(len(text), b + LINE_WINDOW)
    k = text.find("\n", b, hi)
    return k if k >= 0 else hi


def _in_table_row(text: str, a: int) -> bool:
    """Whether the position is on a line of a Markdown table (``| ... | ... |``)."""
    start = _line_start(text, a)
    end = _line_end(text, a)
    line = text[start:len(text) if end < 0 else end].strip()
    return line.startswith("|") and line.endswith("|")


def _alone(text: str, a: int, b: int) -> bool:
    """An inline formula that is the whole of its line (a displayed row written with single dollars) or of a
    cell of a Markdown table."""
    start = _line_start(text, a)
    end = _line_end(text, b)
    end = len(text) if end < 0 else end
    if text[start:a].lstrip().startswith("|") and text[start:a].rstrip().endswith("|") and \
            text[b:end].lstrip().startswith("|"):
        return True         # | Hidden state | $h_t = \tanh(z_t)$ | (H, 1) |: the formula of a Markdown table's cell
    if (_LIST_ITEM.fullmatch(text[start:a]) or _TEX_ITEM.fullmatch(text[start:a])) and \
            _LINE_END.fullmatch(text[b:end].strip()) is not None:
        return True         # 1. $\frac{\partial L}{\partial W} = ...$: the formula of an item of a list
    if _LEAD.fullmatch(text[start:a]) and _LINE_END.fullmatch(text[b:end].strip()) is not None:
        return True         # Recall: $h_t = (1 - u_t) h_{t-1} + u_t \tilde{h}_t$: a row restated after a lead word
    if _LABEL_LEAD.fullmatch(text[start:a]) and _LINE_END.fullmatch(text[b:end].strip()) is not None and \
            _DERIVATIVE_LEFT.match(text[a:b].strip("$ ")):
        return True         # Per State: $\frac{\partial E}{\partial z^q} = ...$: a derivative stated after its label
    if "<" in text[start:a] and _HTML_WRAP.fullmatch(text[start:a]) and _HTML_WRAP.fullmatch(text[b:end]):
        return True         # <p class="font-mono">$h_t = \tanh(z_t)$</p>: a formula alone in an HTML paragraph
    return not text[start:a].strip() and _LINE_END.fullmatch(text[b:end].strip()) is not None


#: HTML's tags around a formula that is all of its element (a paragraph, a list item, a table cell, a span).
_HTML_WRAP = re.compile(r"\s*(?:</?(?:p|div|li|td|th|span|center|br|em|strong|b|i|code)\b[^<>$]{0,200}/?>\s*){0,6}"
                        r"[.,;]?\s*")


#: A lead word and a colon before a formula that ends its line ("Recall: $h_t = ...$", "**Since:** $...$"): the
#: formula is a row, stated again (a definition introduced so, "Let: $...$", is not: no such word here).
_LEAD = re.compile(r"\s*(?:[-*+]\s+)?(?:\*\*|__|\*|_)?(?:recall|remember|reminder|since|we have|hence|thus|"
                   r"therefore|i\.e\.|that is|forward|backward|recap|as before)(?:\*\*|__|\*|_)?\s*:"
                   r"(?:\*\*|__|\*|_)?\s*", re.I)


#: A label of a few words and a colon before a formula that ends its line (an ETH summary's "Propagation:", "Per
#: State:"): the formula is a row when its left side is a derivative (_DERIVATIVE_LEFT).
_LABEL_LEAD = re.compile(r"\s*(?:[-*+]\s+)?(?:\*\*|__)?[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*){0,2}(?:\*\*|__)?\s*:"
                         r"(?:\*\*|__)?\s*")
#: A formula whose left side is a derivative (``\frac{\partial E}{\partial z^q} = ...``), after a color switch.
_DERIVATIVE_LEFT = re.compile(r"(?:\\color\s*\{\s*[A-Za-z]+\s*\}\s*)?\\[dt]?frac\s*\{\s*(?:\\partial|d)(?![A-Za-z])")


#: A formula that defines a name: ``h_t = \tanh(z_t)``, ``\tilde{c}_t = ...`` (one '=', a name on its left), or
#: a gradient: ``\delta h_5^{(2)} = ...``, ``\nabla_{W} L = ...``, ``\frac{\partial L}{\partial W_h} = ...``.
_SCRIPTS = r"(?:\s*[_^]\s*(?:\{[^{}=]*(?:\{[^{}=]*\}[^{}=]*)*\}|[A-Za-z0-9]))*"
_GROUP = r"\{[^{}]*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}[^{}]*)*\}"
_NAMED = re.compile(r"^\s*(?:(?:\\[A-Za-z]+\s*\{\s*)?\\?[A-Za-z]+\}?(?:\s*[_^]\s*(?:\{[^{}=]*\}|[A-Za-z0-9]))*" +
                    r"|\\(?:delta|Delta|nabla)" + _SCRIPTS + r"\s*(?:\\[A-Za-z]+\s*\{\s*)?\\?[A-Za-z]+\}?" + _SCRIPTS +
                    r"|\\[dt]?frac\s*" + _GROUP + r"\s*" + _GROUP + r")\s*(?:\\mathrel\s*\{\s*\+\s*\}|\+)?\s*=(?!=)")


#: A condition before an inline formula of a LaTeX list item: "\item For \(z = Ax\), ..." states a rule on
#: generic names, no row of the derivation (Markdown's items are read as they always were).
_RULE_CONDITION = re.compile(r"\b(?:for|if|when|whenever)\s*$", re.I)
#: Words before an inline formula that make it no statement of the list item: a name introduced for a part
#: (let, say, define, denote, set) or a question (derive, compute, show, ...).
_ASKING = re.compile(r"\b(?:let|say|define|denote|set|derive|compute|calculate|show|find|prove|verify|write)\s*$", re.I)


def _listed(text: str, a: int, body: str) -> bool:
    r"""An inline formula defining a name in an item of a list, among the item's words (``- Forget gate: $f_t =
    \sigma(W_f x_t + U_f h_{t-1})$``, ``- hidden state $h_t = \tanh(z_t)$, where ...``; a chain naming the
    pre-activation too, ``1. the input gate: $i^t = \sigma(\hat i^t) = \sigma(W_i x^t + U_i h^{t-1})$``): a row of
    the derivation."""
    start = _line_start(text, a)
    depth, top, commas = 0, 0, 0
    for ch in body:         # one '=' outside braces (\sum_{t=1}^T inside is not a second), no list of values
        depth += ch in "{([" and 1 or ch in "})]" and -1 or 0
        top += ch == "=" and depth == 0
        commas += ch == "," and depth == 0
    if commas or "..." in body or re.match(r"\s*[tijknT]\s*=", body):
        return False            # t = 1, ..., T; i = j: a range or an index, not a row
    before = text[max(start, a - 40):a]
    if _ASKING.search(before):      # "Let $a_t = ...$" names a part (_prose_definitions); "Derive $...$" asks
        return False
    item = _LIST_ITEM.match(text[start:a]) or \
        (_TEX_ITEM.match(text[start:a]) if not _RULE_CONDITION.search(before) else None)
    return top >= 1 and item is not None and _NAMED.match(body) is not None and \
        re.search(r"[A-Za-z\\]", body.partition("=")[2]) is not None and \
        not re.search(r"\\(?:in|le|ge|leq|geq|approx|dots|ldots|cdots)(?![A-Za-z])", body)


#: An inline formula of a worked example's arithmetic, in numbers only: ``$0.9^{99} = 2.66 \times 10^{-5}$``,
#: ``$\tanh(0.55) = 0.5005$`` (a row wherever it is written; :mod:`..judging.arithmetic` checks it).
_ARITHMETIC = re.compile(r"(?=[^=]*\d[^=]*=)(?=.*(?:\d\.\d|\\[a-z]|[+\-*/^]))(?:[\d.,;\s+\-*/^{}()\[\]=]|\\(?:times|cdot|tanh|sigma|exp|log|ln|frac|left|right)"
                         r"(?![A-Za-z]))+")


#: An inline formula stating a gradient, wherever it stands in the prose: ``only the direct term remains:
#: $\frac{\partial L}{\partial h_T} = W_y^\top (p_T - e_T)$``, ``※$\delta_t = \frac{dE}{du_t}$``.
_GRADIENT_LHS = re.compile(r"^\s*(?:\\[,;:!]\s*|\\q?quad\s*)*(?:\\(?:delta|Delta|nabla)(?![A-Za-z])|[δΔ∇]|"
                           # the loss's derivative (a Jacobian between quantities, \frac{\partial o_t}{\partial h_t}
                           # = W_o^T, is often schematic in prose: not taken)
                           r"\\[dt]?frac\s*\{\s*(?:\\partial\s*|d\s*)(?:\\mathcal\s*\{\s*[LJE]\s*\}|\\ell|[LJEC]|loss)"
                           r"(?![A-Za-z])[^{}]*\})")


#: Words after an inline formula that make it a definition of notation: "$\Delta_t = \partial L/\partial h_t$ is
#: the gradient reaching h_t".
_NAMING_AFTER = re.compile(r"\s*(?:is|are|denotes?|stands|represents?|means|names?)\b", re.I)


def _gradient_claim(text: str, a: int, b: int, body: str) -> bool:
    """An inline formula in running text whose left side is a gradient (``\\frac{\\partial L}{\\partial h_T}``,
    ``\\delta_t``, ``\\nabla_W L``) and which states one equation: a row of the derivation (not a name the
    prose defines: "where $\\delta_t = ...$", "$\\Delta_t = ...$ is the gradient ...")."""
    if _NAMING_AFTER.match(text, b):
        return False
    before = text[max(0, a - 40):a]
    if not _GRADIENT_LHS.match(body) or _ASKING.search(before) or _DEFINING.search(before):
        return False        # (where / let / 记 $\delta_t = ...$: a name the prose defines, _prose_definitions)
    depth, top = 0, 0
    for ch in body:
        depth += ch in "{([" and 1 or ch in "})]" and -1 or 0
        top += ch == "=" and depth == 0
        if ch == "," and depth == 0:
            return False
    lhs = re.sub(r"^\s*(?:\\[,;:!]\s*|\\q?quad\s*)*", "", body)
    lhs = lhs.replace("δ", "\\delta ").replace("Δ", "\\Delta ").replace("∇", "\\nabla ")
    return top == 1 and _NAMED.match(lhs) is not None and \
        not re.search(r"\\(?:in|le|ge|leq|geq|approx|dots|ldots|cdots|neq)(?![A-Za-z])|\.\.\.", body)


#: Words in a sentence before its formula that make the formula a name it introduces, an assumption or a
#: question rather than a statement about the cell: "we'll first define an intermediate quantity $E_t = ...$",
#: "Call $p = ...$", "Suppose ...", "consider the linear case $h_t = W h_{t-1}$".
_NOT_CLAIMED = re.compile(r"\b(?:let|say|define[sd]?|denote[sd]?|set|call(?:ed)?|name[sd]?|introduce[sd]?|suppose|assume|"
                          r"consider|if|when|where|with|derive|compute|calculate|show|find|prove|verify|write|"
                          r"want|need|sea|soit|notons|sei|denotamos|definimos|donde|o[uù])\b|[记記](?![忆憶录錄])|[令设設]|定[义義]|假设|"
                          r"linear|lineal", re.I)


#: Words right after an inline formula that make it hold only under a condition: "$\\frac{\\partial o}{\\partial h}
#: = W^T diag(g')$ if we consider vector derivatives".
_CONDITION_AFTER = re.compile(r"[\s,]*(?:if|when|provided|assuming|under|in the case|for (?:a|an|the) )\b", re.I)


def _restated_claim(text: str, a: int, b: int, body: str) -> bool:
    r"""An inline formula a sentence leans on, ``Since $C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t$, we
    have``, ``From $h_t = o_t \odot \tanh(c_t)$:``: one equation, a name on its left, no word of the sentence
    before it introducing a name or an assumption. A candidate only: the judge keeps it where it restates the
    cell's rows in the cell's own terms (judging/proseclaims.py)."""
    if "=" not in body:
        return False
    if _NAMING_AFTER.match(text, b) or _CONDITION_AFTER.match(text, b) or re.match(r"\s*[tijknT]\s*=", body) or \
            text[_line_start(text, a):a].lstrip().startswith("#"):
        return False        # (t = T, k = 1: a step or an index; "### The case of $t = T$": a heading)
    lo = max(0, a - 200)
    start = max(text.rfind("\n", lo, a), text.rfind(". ", lo, a), text.rfind("? ", lo, a), text.rfind("! ", lo, a),
                text.rfind("。", lo, a), a - 200)
    if _NOT_CLAIMED.search(_MATH.sub(" ", text[start + 1:a])):
        return False
    depth, top = 0, 0
    for ch in body:
        depth += ch in "{([" and 1 or ch in "})]" and -1 or 0
        top += ch == "=" and depth == 0
        if ch == "," and depth == 0:
            return False
    return top == 1 and (_NAMED.match(body) is not None or _PRIME_LHS.match(body) is not None) and \
        re.search(r"[A-Za-z\\]", body.partition("=")[2]) is not None and \
        not re.search(r"\\(?:in|le|ge|leq|geq|approx|dots|ldots|cdots|neq)(?![A-Za-z])|\.\.\.", body)


#: An activation's derivative on the left of a formula: ``\tanh'(z) = ...``, ``\sigma'(x) = ...`` (an identity a
#: sentence recalls: "Using $\sigma'(x) = \sigma(x)(1 - \sigma(x))$").
_PRIME_LHS = re.compile(r"^\s*\\?(?:tanh|sigma|sigmoid|relu|operatorname\s*\{\s*[a-z]+\s*\}|[fg])\s*(?:'|\^\s*\{?\s*\\prime\s*\}?)\s*\(")


#: The marker of a list item before a formula: ``1.``, ``2)``, ``-``, ``*``, ``(a)``, ``a.``.
_LIST_ITEM = re.compile(r"\s*(?:\d{1,3}[.)]|[-*+]|\([a-z0-9]{1,3}\)|[a-z][.)])\s+")
#: LaTeX's list item (``\item $\displaystyle \frac{\partial L}{\partial L^{(t)}} = 1$``, ``\item regression:
#: \(\ell_t = ...\)``): its formula is a row as a Markdown item's is.
_TEX_ITEM = re.compile(r"\s*\\item(?:\[[^\]$]{0,40}\])?(?:\s+|(?=[$\\]))")


#: What may follow a formula that is alone on its line: nothing, punctuation, a line break \\ (or \\[4pt]),
#: or Markdown's HTML line break <br>.
_LINE_END = re.compile(r"[.,;]?\s*(?:\\\\(?:\[[^\]]*\])?)?\s*(?:<br\s*/?>)?")

#: The markers of a Markdown blockquote at the start of a line (``> ``, ``>> ``, ``>``).
_QUOTE_MARKS = re.compile(r"(?m)^([ \t]{0,3})((?:>[ \t]?)+)")


#: A formula wrapped in a size switch's group: ``$\large{a = b}$``.
_SIZED = re.compile(r"^\s*\\(?:tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge)\s*\{(.*)\}\s*$",
                    re.S)


#: Before an inline formula on its line: a condition word and a formula giving a name a number ("when $z_t = 1$",
#: "当$z_t=1$时", "if $r_t = 0$"): the formula after it is a case under that condition (not "if $t = 1$": a step).
_CASE_CONDITION = re.compile(r"(?:\b(?:[Ww]hen|[Ii]f|[Ww]enn|[Ff]alls|[Ss]i|[Qq]uand|[Cc]uando|[Ee]sli)\b|当|若|如果|とき|場合)"
                        r"[^$\n]{0,12}\$[^$\n=]*[_^\\][^$\n=]{0,40}=\s*-?\d+(?:\.\d+)?\s*\$")
#: Why a case under a condition is not read.
CONDITIONAL_CASE = ("a case the prose states under a condition it sets before (a name given a number): the reader "
                    "does not substitute the condition, so the case is not read")


def _math(clean: str, skips: set, out: TexFile):
    """Rows of $$...$$, \\[...\\] inline $...$ and \\(...\\) (an inline formula only when it holds '=')."""
    for m in _MATH.finditer(clean):
        if len(out.equations) > MAX_EQUATIONS:
            raise LatexError(f"the file has more than {MAX_EQUATIONS} equations; the limit is {MAX_EQUATIONS}")
        group = next(g for g in ("dd", "br", "d", "pr") if m[g] is not None)
        body = m[group]
        claim = False
        if group in ("d", "pr") and _has_equals(body) and \
                _CASE_CONDITION.search(clean[max(_line_start(clean, m.start()), m.start() - 160):m.start()]):
            # "当$z_t=1$时：... → $h_t = \tilde{h}_t$", "if $z_t = 0$, then $h_t = h_{t-1}$": a case of the cell under
            # a condition the prose sets; the reader does not substitute it (never a fail of the cell's rows)
            line, col = _position(clean, m.start(group) + len(body) - len(body.lstrip()))
            out.equations.append(TexEquation(line, col, body.strip().rstrip(".,;"), error=CONDITIONAL_CASE))
            continue
        if group in ("d", "pr") and not (_has_equals(_SIZED.sub(r"\1", body)) and
                                          (_alone(clean, m.start(), m.end()) or _listed(clean, m.start(), body) or
                                           _initial_zero(clean, m.start(), m.end(), body) or _TOTAL_LOSS.fullmatch(body) or
                                           _ARITHMETIC.fullmatch(body) or _gradient_claim(clean, m.start(), m.end(), body))):
            if not _restated_claim(clean, m.start(), m.end(), body):
                continue
            claim = True        # "Since $C_t = f_t \odot C_{t-1} + ...$, ...": judged only where it restates a row
        if group == "dd" and not _RELATION.search(body) and (not _alone(clean, m.start(), m.end()) or
                                                             _in_table_row(clean, m.start())):
            continue        # "Next we want to compute $$\frac{\partial L}{\partial C_t}$$, and ...", | $$x_t$$ | vector |:
            #                 $$ used inline, no relation, no equation
        start = m.start(group)
        inner = _BEGIN.search(body)
        if inner is not None and inner["env"] in ENVIRONMENTS:
            continue                            # \[\begin{align*} ... \end{align*}\]: read with the environments
        if inner is not None and inner["env"] in INNER + ("array",):
            env = inner["env"]
            end = body.find(f"\\end{{{env}}}", inner.end())
            if end < 0:
                continue
            if _has_equals(body[:inner.start()] + " " + body[end + len(env) + 6:]):
                # J = \left\{ \begin{array}{rcl} ... \end{array} \right. = diag(...): a piecewise term of the
                # display's own equation (its rows are cases, not equations): the display is one row
                _rows(clean, start, _LAYOUT.sub(lambda x: _blank(x.group()), body), skips, out, columns=False)
                continue
            sub = body[inner.end():end]
            if env == "array":
                sub = re.sub(r"^\{[^{}]*\}", lambda x: _blank(x.group()), sub)
            sub = _INNER.sub(lambda x: _blank(x.group()), sub)
            sub = _LAYOUT.sub(lambda x: _blank(x.group()), sub)
            _rows(clean, start + inner.end(), sub, skips, out, columns=True)
            continue
        body = _LAYOUT.sub(lambda x: _blank(x.group()), body)
        first = len(out.equations)
        system = _cases_system(body)
        _rows(clean, start, system or body, skips, out, columns=bool(system))
        if claim:
            out.equations[first:] = [replace(eq, claim=True) for eq in out.equations[first:]]


#: The initial state stated zero in a sentence (``$\mathbf{h}_{0}=\mathbf{0}$``, ``$c^{<0>} = 0$``): a row of the
#: derivation, as it is in a display (never a claim about the state before the first step, which it defines).
_INITIAL_ZERO = re.compile(r"\s*(?:\\(?:mathbf|boldsymbol|vec|bm)\s*\{\s*[A-Za-z]\s*\}|\\?[A-Za-z]+)\s*"
                           r"(?:_\s*\{?\s*0\s*\}?|\^\s*\{\s*(?:\(\s*0\s*\)|<\s*0\s*>|\\langle\s*0\s*\\rangle)\s*\})\s*=\s*"
                           r"(?:0|\\(?:mathbf|boldsymbol|vec|bm)\s*\{\s*0\s*\})\s*[.,]?\s*")


#: The total loss stated in a sentence as the sum (or the mean) of the steps' losses, "Total loss: $L =
#: \frac{1}{T}\sum_{t=1}^{T} L_t$": a row of the derivation wherever it stands (the rows' gradients are of it).
_LOSS_NAME = r"(?:\\mathcal\s*\{\s*[LJE]\s*\}|[LJE])"
_TOTAL_LOSS = re.compile(r"\s*" + _LOSS_NAME + r"\s*=\s*(?:\\[dt]?frac\s*\{\s*1\s*\}\s*\{\s*[A-Za-z]\s*\}\s*)?\\sum\s*"
                         r"(?:_\s*(?:\{[^{}]{0,20}\}|[a-z]))?\s*(?:\^\s*(?:\{[^{}]{0,10}\}|[A-Za-z]))?\s*" + _LOSS_NAME +
                         r"\s*_\s*(?:\{\s*[a-z]\s*\}|[a-z])\s*[.,;]?\s*")


def _initial_zero(text: str, a: int, b: int, body: str) -> bool:
    """The initial state stated zero in a sentence, where the other formulas with '=' of its line state initial
    states too (``$h_0 = \\mathbf{0}$, $C_0 = \\mathbf{0}$``; a list of a worked example's values, ``let $W = 0.5$,
    $h_0 = 0$``, gives values, not rows)."""
    if not _INITIAL_ZERO.fullmatch(body):
        return False
    line = text[_line_start(text, a):a] + text[b:_line_end(text, b)]
    return not any("=" in f and not _INITIAL_ZERO.fullmatch(f) for f in (m["d"] or m["pr"] or "" for m in
                                                                          _MATH.finditer(line)))


#: A relation sign: a formula without one states no equation (a name, an expression, a shape ``x: (N, D)``).
_RELATION = re.compile(r"=|<|>|\\(?:le|leq|ge|geq|approx|equiv|propto|sim|simeq|neq|ne|to|rightarrow|Rightarrow|"
                       r"longrightarrow|mapsto|coloneqq|triangleq|gets|leftarrow|in)(?![A-Za-z])")


#: Words of the prose that introduce a definition in an inline formula: "Let $a_t = W h_{t-1} + U x_t$".
#: Words before an inline formula that make it a definition: English, Spanish, French, German, and the CJK
#: "denote"/"let"/"define" (记 / 記, 令, 设 / 設, 定义 / 定義), "where" (其中, ただし, ここで, 여기서) and "from"
#: (由: "由 $z_t = W_{hy} h_t + b_y$：") written right before the formula.
_DEFINING = re.compile(r"(?:\b(?:let|say|define|denote|set|sea|soit|notons|sei|denotamos|definimos)|\bwhere|\bwith"
                       r"|[记記令设設]|定[义義]|其中|(?<![理经經自])由|ただし|ここで|여기서)\s*$", re.I)


#: Words right after an inline formula that make it a definition, in languages that put them there: Korean
#: "라고 하면" / "라 하자" (if we call it), Japanese "とする" / "とおく" (let it be).
_DEFINING_AFTER = re.compile(r"\s*(?:이?라고?\s*(?:하면|하자|두면|정의)|と(?:する|おく|置く|定義|し、))")


def _prose_definitions(clean: str, out: TexFile):
    """Inline formulas ``NAME = EXPR`` that the prose introduces as definitions (``Let $a_t = ...$``), as
    givens marked ``inline``: the judge keeps one only where EXPR is written in a forward row (it names that
    part, judge._named_givens); a definition of the prose never adds a quantity of its own."""
    for m in _MATH.finditer(clean):
        group = "d" if m["d"] is not None else "pr" if m["pr"] is not None else None
        if group is None or "=" not in m[group] or _alone(clean, m.start(), m.end()) or \
                _listed(clean, m.start(), m[group]):
            continue
        start = _line_start(clean, m.start())
        defining = _DEFINING.search(clean[max(start, m.start() - 40):m.start()]) or \
            _DEFINING_AFTER.match(clean[m.end():m.end() + 20])
        for offset, body in _definitions_listed(m[group]):
            _prose_definition(clean, out, m.start(group) + offset, body, defining)
    for m in _DEFINE_AS.finditer(clean):          # "Define $W_c [a^{<t-1>}, x^{<t>}] + b_c$ as $\phi$"
        name = m["name"].strip()
        if not _PLAIN_NAME.fullmatch(name) or "=" in m["expr"]:
            continue
        line, col = _position(clean, m.start("expr"))
        out.given.append(TexEquation(line, col, f"{name} = {m['expr'].strip()}", given=True, inline=True))


def _definitions_listed(body: str) -> list:
    r"""(offset, text) of the definitions an inline formula lists, ``p(t) = U x(t) + ..., q(t) = V h(t) + c``: its
    pieces between top-level commas (or ``\quad``, ``;``) when there are two or more and each has one '='; else
    the whole formula."""
    cuts, depth = [], 0
    for k, ch in enumerate(body):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth == 0 and ch in ",;":
            cuts.append((k, k + 1))
    cuts += [(m.start(), m.end()) for m in re.finditer(r"\\q?quad(?![A-Za-z])", body)]
    if not cuts:
        return [(0, body)]
    pieces, last = [], 0
    for a, b in sorted(cuts) + [(len(body), len(body))]:
        pieces.append((last, body[last:a]))
        last = b
    if len(pieces) >= 2 and all(p.count("=") == 1 and _has_equals(p) and
                                _PLAIN_NAME.match(p.partition("=")[0].split("(")[0]) for _, p in pieces):
        return pieces
    return [(0, body)]


def _prose_definition(clean, out, at, body, defining):
    """One inline ``NAME = EXPR`` of the prose at offset ``at`` (see :func:`_prose_definitions`)."""
    if not defining and not NAMES_ARGUMENT.fullmatch(body):
        if body.count("=") == 1 and _has_equals(body):      # "Recall ... $a = W v_t + b$": names
            line, col = _position(clean, at)                # the prose writes (examplesteps.py)
            out.prose.append(TexEquation(line, col, body.strip().rstrip(".,;")))
            if len(out.given) + len(out.prose) > MAX_EQUATIONS:
                raise LatexError(f"the prose holds more than {MAX_EQUATIONS} formulas with '='; the limit is "
                                 f"{MAX_EQUATIONS}")
        return
    if body.count("=") != 1 or not _has_equals(body) or re.search(r"\\(?:in|le|ge|leq|geq)(?![A-Za-z])", body) or \
            re.search(r"[+-]\s*(?:\\[lc]?dots(?![A-Za-z])|\.\.\.)|(?:\\[lc]?dots(?![A-Za-z])|\.\.\.)\s*[+-]", body):
        return          # ($z_t = W h_{t-1} + \dots$: terms left elided define nothing; diag(l_1, \dots, l_n) does)
    lead = len(body) - len(body.lstrip())
    line, col = _position(clean, at + lead)
    if re.search(r"\\partial(?![A-Za-z])|\\nabla(?![A-Za-z])", body.partition("=")[2]):
        # "and denote $g_t := \frac{\partial L}{\partial o_t}$": a name for a gradient, a row of the derivation
        out.equations.append(TexEquation(line, col, body.strip().rstrip(".,;")))
        return
    out.given.append(TexEquation(line, col, body.strip().rstrip(".,;"), given=True, inline=True))
    if len(out.given) + len(out.prose) > MAX_EQUATIONS:
        raise LatexError(f"the prose defines more than {MAX_EQUATIONS} names; the limit is {MAX_EQUATIONS}")


#: A name the prose gives a formula: "Define $EXPR$ as $NAME$", "denote $EXPR$ by $NAME$", "call $EXPR$ $NAME$"
#: (a given marked inline, like "Let $NAME = EXPR$": kept only where EXPR is written in a forward row).
_DEFINE_AS = re.compile(r"\b(?:define|denote|call|write)\s+\${1,2}(?P<expr>[^$\n]{1,400})\${1,2}\s+(?:as\s+|by\s+)?"
                        r"\${1,2}(?P<name>[^$\n]{1,60})\${1,2}", re.I)
#: A name alone: a letter or a Greek letter, with scripts (``\phi``, ``z_c``, ``\tilde{z}^{<t>}``).
_PLAIN_NAME = re.compile(r"\s*(?:\\[A-Za-z]+\s*\{\s*)?\\?[A-Za-z]+\}?(?:\s*[_^]\s*(?:\{[^{}=]*\}|[A-Za-z0-9]))*\s*")


#: An inline formula that names the argument of a function the forward rows apply: "through the sigmoid activation
#: $r_t = \sigma(z_{r, t})$" beside r_t = \sigma(x_t W_{xr} + ...): a definition whatever words precede it (the judge
#: keeps it only where a forward row applies that function to an expression, judge._named_givens).
NAMES_ARGUMENT = re.compile(_PLAIN_NAME.pattern + r"=\s*\\?[A-Za-z]+\s*(?:\\left\s*)?\(\s*(?:\\[A-Za-z]+\s*\{\s*)?\\?[A-Za-z]+\}?"
                            r"(?:\s*[_^]\s*(?:\{[^{}=()]*\}|[A-Za-z0-9]))*\s*(?:\\right\s*)?\)\s*[.,;]?\s*")


def _columns(row: str, a: int, b: int, split: bool) -> list[tuple[int, int]]:
    """The spans of the equations of one row: a second '&' (outside braces) starts the next one."""
    if not split:
        return [(a, b)]
    spans, start, depth, count = [], a, 0, 0
    inside = _matrix_spans(row)             # once per row, not once per '&'
    for k in range(a, b):
        ch = row[k]
        depth += ch == "{"
        depth -= ch == "}"
        if ch == "&" and depth == 0 and not any(x <= k < y for x, y in inside):
            if row[start:k].rstrip().endswith(("+", "-")) and not row[start:k].rstrip().endswith("\\+"):
                continue        # a + & + b: a row broken in the middle of a sum, aligned there (not a new equation)
            count += 1
            if count % 2 == 0:
                spans.append((start, k))
                start = k + 1
    spans.append((start, b))
    return spans


_CASES_ONLY = re.compile(r"\s*(?P<begin>\\begin\{cases\})(?P<inner>.*)(?P<end>\\end\{cases\})\s*[.,;]?\s*", re.S)


def _cases_system(body: str):
    r"""A display that is nothing but a ``cases`` brace whose every row is an equation (``\begin{cases} \Delta W
    &= ... \\ \Delta U &= ... \end{cases}``, a system written with a brace): the body with the brace's markers
    blanked, so its rows are the display's rows; None otherwise (a piecewise definition ``f = \begin{cases} ...``
    has its equation outside the brace)."""
    m = _CASES_ONLY.fullmatch(body)
    if m is None or "\\begin{cases}" in m["inner"]:
        return None
    rows = [r for r in _ROW_END.split(m["inner"]) if r.strip()]
    if not rows or not all(_has_equals(r) for r in rows):
        return None
    return body[:m.start("begin")] + _blank(m["begin"]) + m["inner"] + _blank(m["end"]) + body[m.end("end"):]


#: Environments whose ``\\`` and ``&`` are their own (a matrix, an array, cases), not the display's rows.
_MATRIX = re.compile(r"\\begin\{(?P<env>(?:p|b|B|v|small)?matrix|array|cases)\}.*?\\end\{(?P=env)\}", re.S)


def _matrix_spans(text):
    return [(m.start(), m.end()) for m in _MATRIX.finditer(text)]


#: A row holding only an ellipsis (and its tag): the rows in between are left out (a vertical \vdots).
_LONE_DOTS = re.compile(r"\s*(?:\\[lcv]?dots(?![A-Za-z])\s*)+(?:\\(?:tag|label)\*?\s*\{[^{}]*\}\s*)*[.,]?\s*")
#: A '+' at the end of a row part and again after the '&' that continues it (``a + \\ & + b``, ``a + & + b``).
_REPEATED_PLUS = re.compile(r"(?<![\\^_])\+\s*(?:\\\\(?:\[[^\]]*\])?\s*)?&\s*\+")


#: A frame around a whole equation (``\boxed{\frac{\partial L}{\partial c_{t-1}} = ...}``): layout.
_BOXED = re.compile(r"\\(?:boxed|fbox)\s*\{")


def _unboxed(body: str) -> str:
    """The body with the frames of whole equations blanked (a frame around a term stays, for the row reader)."""
    for m in reversed(list(_BOXED.finditer(body))):
        depth, k = 1, m.end()
        while k < len(body) and depth:
            depth += (body[k] == "{") - (body[k] == "}")
            k += 1
        if depth == 0 and _has_equals(body[m.end():k - 1]):
            body = body[:m.start()] + _blank(body[m.start():m.end()]) + body[m.end():k - 1] + " " + body[k:]
    return body


#: A line of a display that is prose: spacing, then words in \text opening with a word of a remark.
_PROSE_LINE = re.compile(r"^(?:\s|\\[ ,;:!]|\\q?quad(?![A-Za-z])|~)*\\(?:text|mbox|textrm|mathrm)\s*\{\s*(?:where|with|for|"
                         r"here|and|if|when|i\.e\.|e\.g\.|note|see|since|because)\b", re.I)


#: A reason given in parentheses after an equation, its brackets inside \text: ``\text{(because } z_t = W_h
#: h_{t-1} + b\text{)}``. The reason's formula restates a row; as written its brackets do not pair: blanked.
_REASON = re.compile(r"\\(?:text|textrm|mbox)\s*\{\s*\(\s*(?:because|since|as|using|by|from|recall|note|"
                     r"where|with)\b[^{}]{0,80}\}[^$]{0,600}?\\(?:text|textrm|mbox)\s*\{\s*\)\s*\}", re.I)


def _rows(full: str, base: int, body: str, skips: set, out: TexFile, columns=False):
    body = _unboxed(body)
    if "(" in body and _REASON.search(body):
        body = _REASON.sub(lambda m: _blank(m.group()), body)
    spans, start = [], 0
    inside = [(m.start(), m.end()) for m in _MATRIX.finditer(body)]
    for sep in _ROW_END.finditer(body):
        if any(a <= sep.start() < b for a, b in inside):
            continue
        spans.extend(_columns(body, start, sep.start(), bool(columns)))
        start = sep.end()
    spans.extend(_columns(body, start, len(body), bool(columns)))
    # a + \\ & + b: a sum broken across rows with its sign repeated at the start of the next one (the typesetting
    # convention for a broken line): one '+' (a - \\ & - b, where the convention and the algebra differ, is left)
    body = _REPEATED_PLUS.sub(lambda m: m.group()[:-1] + " " if not any(a <= m.start() < b for a, b in inside)
                              else m.group(), body)
    # alignment marks are blanked; a matrix keeps its '&' (they separate its blocks)
    if inside:
        body = "".join(" " if ch == "&" and not any(a <= k < b for a, b in inside) else ch
                       for k, ch in enumerate(body))
    else:
        body = body.replace("&", " ")
    merged: list[list[int]] = []
    for a, b in spans:
        row = body[a:b]
        if not row.strip() or re.fullmatch(r"(?:\s*\{\s*\})+\s*", row):
            continue                          # nothing, or an empty group after a row break (\tag{1}\\{})
        if _LONE_DOTS.fullmatch(row):
            continue                          # a row of dots between rows (\ldots \tag{9}): rows left out, not a term
        if merged and not _has_equals(row) and _PROSE_LINE.match(row):
            body = body[:a] + _blank(body[a:b]) + body[b:]
            continue                          # \\ \ \ \text{where}\ \sigma\ \text{is the sigmoid}: prose after a row
        if merged and not _has_equals(row):
            merged[-1][1] = b                 # a continuation line of the equation above
        else:
            merged.append([a, b])
    for a, b in merged:
        chunk = body[a:b]
        if not _MATRIX.search(chunk):
            chunk = _ROW_END.sub(lambda x: _blank(x.group()), chunk)
        for off, part in _side_by_side(chunk):
            lead = re.match(r"(?:\s|\\\s)*", part).end()      # (\\ \ then a new line: a control space before it)
            text = part[lead:].strip()
            line, col = _position(full, base + a + off + lead)
            last = line + text.count("\n")
            out.equations.append(TexEquation(line, col, text, skip=any(k in skips for k in range(line, last + 1))))


#: Horizontal spacing between two equations of a row.
_SPACING = r"(?:\\q?quad(?![A-Za-z])|\\(?:hskip|hspace\*?|mspace|mskip|mkern|kern)\s*\{[^{}]*\})"
#: The words for "and" (or "hence") written in text between two equations of a row (``h_t = f(x_t, h_{t-1}, w_h)
#: \text{ and } o_t = g(h_t, w_o)``, d2l; its translations keep the formula and translate the word): both are judged.
JOINING_WORDS = ("and", "und", "et", "y", "e", "và", "и", "i", "ve", "og", "och", "en", "oraz", "和", "且", "以及", "及",
                 "および", "と", "그리고", "및",
                 "hence", "thus", "so", "therefore", "do~đó", "do đó", "nên", "donc", "daher", "also", "因此", "所以", "故",
                 "従って", "したがって", "따라서", "поэтому", "следовательно")
_JOINER = (r"(?:" + _SPACING + r"\s*)*\\(?:text|mbox|textrm|mathrm|textit)\s*\{\s*[,;]?\s*(?:"
           + "|".join(re.escape(w) for w in JOINING_WORDS) + r")\s*[,;]?\s*\}\s*(?:" + _SPACING + r"\s*)*")
#: What separates two equations written side by side (or a bracket, for the depth count).
_SEPARATOR = re.compile(r"[{}()\[\]]|" + _JOINER + r"|(?<!\\)[,;]\s*(?:\\[;,]\s*)*(?:" + _SPACING + r"\s*)*|(?:" + _SPACING + r"\s*)+|(?:\\,\s*){2,}"
                        r"|\\(?:Rightarrow|Longrightarrow|implies|Leftrightarrow|iff|to|rightarrow|longrightarrow)"
                        r"(?![A-Za-z])\s*")


#: Most separators of one row looked at for equations side by side (a row of thousands of commas is no row of
#: thousands of equations: past this, the row is one equation, and its reading meets the row's own bounds).
MAX_SIDE_BY_SIDE = 256


def _side_by_side(chunk: str):
    """(offset, text) of the equations of one row: ``a = b, \\quad c = d`` holds two (a part without '=',
    such as ``t = 1, \\ldots, T`` after a comma, stays with the equation before it; so does a spacing right
    after a relation sign, ``a =\\quad b = c``)."""
    cuts, depth = [], 0
    # a separator: a comma (not the thin space \,) with the spacing after it, a spacing command (\quad,
    # \hskip{31mu}, \hspace{1cm}), a run of thin spaces (\,\,\,\, between two), or a logical arrow between two
    # statements (A = B \Rightarrow A = C: both are judged)
    for m in _SEPARATOR.finditer(chunk):
        g = m.group()
        if g in "{([":
            depth += 1
        elif g in "})]":
            depth -= 1
        elif depth == 0:
            cuts.append((m.start(), m.end()))
            if len(cuts) > MAX_SIDE_BY_SIDE:
                return [(0, chunk)]
    worded = WORDED_RANGE.search(chunk)
    if worded is not None and "=" in chunk[:worded.start()]:
        before = chunk[:worded.start()]
        if before.count("{") + before.count("(") + before.count("[") == \
                before.count("}") + before.count(")") + before.count("]"):
            # softmax(x) = ... \text{ for } i=1, \ldots, K \text{ and } x \in R^K: what follows the word is the
            # condition of the equation before it (rowtokens._condition_cut drops it), no equation of its own
            cuts = [c for c in cuts if c[0] < worded.start()]
    parts, start = [], 0
    for a, b in cuts:
        left, right = chunk[start:a], chunk[b:]
        nxt = next((c for c in cuts if c[0] >= b), (len(chunk), len(chunk)))
        piece = chunk[b:nxt[0]]
        if _has_equals(left) and _has_equals(piece) and not _RANGE_PIECE.match(piece) and right.strip() and \
                not re.search(r"(?:=|\\approx)\s*$", left) and \
                not (_IMPLIES.match(chunk, a) and _CONDITION.fullmatch(left)):
            parts.append((start, left))
            start = b
    parts.append((start, chunk[start:]))
    if len(parts) > 1:          # dr_t = ... \Rightarrow d h = W^T dr_t: a name with its value elided claims nothing
        kept = [p for p in parts if not _ELIDED.match(p[1]) and not _BRACKETED_REMARK.match(p[1])]
        parts = kept or parts
    return parts


#: A remark in brackets beside an equation, opening with words: ``\quad (\text{need }\hat{y}_t, s_t; t = 1, \ldots,
#: T)`` (what a step of the algorithm needs, where it holds): prose, no equation of its own.
_BRACKETED_REMARK = re.compile(r"^\s*\(\s*\\(?:text|mbox|textrm|textit)\s*\{\s*[A-Za-z][^{}]*\}.*\)\s*$", re.S)


#: An implication arrow, and a condition before it (``z_t = 1 \Rightarrow h_t = \tilde{h}_t``): a name set to a
#: number. The consequence holds only under the condition, so the two are not separate claims (the row stays one,
#: and the reader says it does not read a consequence under a condition).
_IMPLIES = re.compile(r"\\(?:Rightarrow|Longrightarrow|implies)(?![A-Za-z])")
_CONDITION = re.compile(r"\s*\\?[A-Za-z]+(?:\s*[_^]\s*(?:\{[^{}=]*\}|[A-Za-z0-9]))*\s*=\s*-?\d+(?:\.\d+)?\s*")


#: A range of steps after an equation (``t = 1, \ldots, T``, ``\text{for } t = 0, \ldots, T-1``): part of it.
_RANGE_PIECE = re.compile(r"\s*(?:\\(?:text|mathrm|textrm|mbox)\s*\{\s*(?:for(?:\s+all)?|with|where)\s*\}\s*|\\forall(?:\s*\\[,;:!])*\s*)?"
                          r"\(?\s*[A-Za-z]\s*=\s*[-0-9T]"
                          # \text{when } j = i, \text{if } i = j: the condition of a case (index letters), no equation
                          r"|\s*\\(?:text|mathrm|textrm|mbox)\s*\{\s*(?:if|when|whenever)\s*\}\s*[A-Za-z]\s*=\s*[A-Za-z0-9]\s*"
                          r"(?:[.,;]\s*)?$"
                          # \text{if } \|g\|_2 > \theta: the condition of an assignment (gradient clipping), no equation
                          r"|\s*\\(?:text|mathrm|textrm|mbox)\s*\{\s*(?:if|when|whenever|unless)\s*\}(?![^=<>]*=)")

#: An equation whose right side is only an ellipsis (``dr_t = ...``, ``x = \ldots``): a name recalled, no claim.
_ELIDED = re.compile(r"^\s*[^=]{1,80}=\s*(?:\.\.\.|\\[lc]?dots(?![A-Za-z]))\s*(?:(?:\\q?quad|\\Rightarrow|\\Longrightarrow|\\implies)(?![A-Za-z])\s*|,\s*)*$")
