r"""The derivation text of a file that is not Markdown or LaTeX: a Jupyter notebook, a Python source.

Course notebooks (``.ipynb``) hold the derivation in Markdown cells and the numpy cell in code cells; a ``.py``
file (or a Markdown file holding nothing but Python source, as code pasted from a repository) is code. Each is
read as the Markdown the reader knows: a notebook's Markdown cells as they are, its code cells as ``python``
fences; a Python source as one ``python`` fence (codefences.py reads its formulas). Lines are reported in the file
itself: :func:`derivation_source` gives, with the text, the file's line of every line of it (a notebook's source
lines are strings of its JSON, one per line as Jupyter writes them).

The notebook is parsed with :mod:`json` (its size is bounded before: api.read_text_file); Python source is
recognised by :func:`ast.parse` (a parser: nothing is run), only where the text has no Markdown or LaTeX of its
own (no fence, no ``$``, no ``\[``)."""
from __future__ import annotations

import ast
import html
import json
import re

from .latexparse import LatexError

__all__ = ["derivation_source", "file_line", "on_file_lines", "MAX_CELLS"]

#: Cells read in one notebook (a bound: a notebook of more cells is refused).
MAX_CELLS = 2000

#: A leading HTML comment (an address kept above pasted code): kept outside the fence.
_LEADING_COMMENT = re.compile(r"\A(?:\s*<!--.*?-->[^\n]*\n)+", re.S)


#: Characters of no width that editors leave in published text (Typora's zero-width space after a closing ``$``, a
#: byte-order mark, joiners): each read as a space, so that every column stays where it is.
ZERO_WIDTH = {ord(c): " " for c in "\u200b\u200c\u200d\u2060\ufeff"}


def derivation_source(text: str, path=None):
    """(Markdown text, lines): ``lines[k]`` is the file's line of the text's line k + 1, or ``lines`` is None
    when the text is the file's own (Markdown, LaTeX)."""
    name = str(path or "").lower()
    text = text.translate(ZERO_WIDTH)       # ($...$\u200b: a display that never closed)
    if name.endswith(".ipynb"):
        return _notebook(text)
    if name.endswith((".py", ".pyw")):
        out, lines = _python(text)
        return exported_cells(out), lines
    if _python_only(text):
        return _python(text)
    if not name.endswith((".tex", ".ltx", ".sty")):
        text = indented_code(html_comments(template_code(math_components(katex_copies(text)))))
    return exported_cells(text), None


#: The math components of MDX and React pages (react-katex, a course site's own): tag name -> display math?
MATH_COMPONENTS = {"BlockMath": True, "MathBlock": True, "DisplayMath": True, "MathDisplay": True,
                   "Equation": True, "KatexBlock": True, "InlineMath": False, "MathInline": False, "Math": False,
                   "Tex": False, "TeX": False, "Latex": False, "LaTeX": False, "Katex": False, "KaTeX": False}
#: The TeX of a JSX value, and its quoting: ``"..."`` (an attribute's: as written), ``{"..."}`` (a JavaScript string:
#: ``\\`` is one backslash), ``{`...`}`` (a template: so too) or ``{String.raw`...`}`` (as written).
_JSX_VALUE = (r"(?:\"(?P<plain>[^\"\n]*)\"|\{\s*(?P<q>[\"'])(?P<js>(?:\\.|(?!(?P=q))[^\\\n])*)(?P=q)\s*\}|"
              r"\{\s*(?P<sraw>String\.raw)?`(?P<tpl>[^`]*)`\s*\})")
_MATH_TAGS = "|".join(sorted(MATH_COMPONENTS, key=len, reverse=True))
#: A math component with its TeX in an attribute (``<MathBlock tex="..." />``) or as its child (react-katex's
#: ``<BlockMath>{`...`}</BlockMath>``).
_MATH_COMPONENT = re.compile(
    r"<(?P<tag>" + _MATH_TAGS + r")\s+(?:[A-Za-z]+=\{?\w*\}?\s+)*?(?:tex|math|latex|formula|expr|expression)\s*=\s*"
    + _JSX_VALUE + r"[^<>]*?/>|<(?P<ctag>" + _MATH_TAGS + r")(?:\s[^<>]*)?>\s*"
    + _JSX_VALUE.replace("?P<", "?P<c_").replace("(?P=q)", "(?P=c_q)").replace('\\"(?P<c_plain>[^\\"\\n]*)\\"|', "")
    + r"\s*</(?P=ctag)>")


def math_components(text: str) -> str:
    """``text`` with the math components of an MDX or React page (``<MathBlock tex="h_t = ..." />``,
    ``<InlineMath math={"\\sigma(z)"} />``, ``<BlockMath>{`h^{(t)} = \\tanh(...)`}</BlockMath>``,
    :data:`MATH_COMPONENTS`) written as Markdown's math: ``$$...$$`` for a display, ``$...$`` inline, the TeX's
    HTML entities decoded (``&lt;``) and a JavaScript string's escapes read. A component that spans lines keeps
    them: every line keeps its number."""
    if "<" not in text or ("/>" not in text and "</" not in text):
        return text

    def tex(m):
        p = "" if m["tag"] else "c_"
        tag = m["tag"] or m["ctag"]
        if p == "" and m["plain"] is not None:
            group, body = "plain", m["plain"]
        elif m[p + "js"] is not None:
            group, body = p + "js", re.sub(r"\\(.)", r"\1", m[p + "js"])
        else:
            group = p + "tpl"
            body = m[group] if m[p + "sraw"] else re.sub(r"\\([\\`$])", r"\1", m[group])
        body = html.unescape(body).replace("$", "\\$")
        fence = "$$" if MATH_COMPONENTS[tag] else "$"
        head = m.start(group) - m.start()          # the TeX keeps its columns where it can
        out = " " * max(head - len(fence), 0) + fence + body + fence
        out += "\n" * (m.group().count("\n") - out.count("\n"))
        return out + " " * max(len(m.group()) - len(out), 0) if "\n" not in out else out
    return _MATH_COMPONENT.sub(tex, text)


#: A JavaScript template string opened at a line's end (``const PY_CODE = `import numpy as np``), and its close on a
#: line of its own (`` `; ``), or at the end of the text's last line.
_TEMPLATE_OPEN = re.compile(r"[ \t]*(?:(?:export\s+)?(?:const|let|var)\s+)?[A-Za-z_$][\w$.]*\s*[:=]\s*(?:String\.raw)?`"
                            r"(?P<first>(?:import|from)\s[^`]*|#[^`]*|[ \t]*)$")
_TEMPLATE_CLOSE = re.compile(r"[ \t]*`[ \t]*[;,]?[ \t]*")


#: JavaScript's marks (a template string of JavaScript, not Python).
_JAVASCRIPT = re.compile(r"(?m)=>|\bfunction\b|^\s*(?:const|let|var)\s|[{;]\s*$")


def template_code(text: str) -> str:
    """``text`` with the Python a React page holds in a template string (``const PY_CODE = `import numpy as np``
    ... `` `; ``, shown in a code panel) as a ``python`` fence: the opening line becomes the fence (its import or
    comment goes), the closing line its close. Only where the string is Python with a definition and no
    ``${...}``: it parses (:func:`ast.parse`: nothing is run), or it has no mark of JavaScript (a page's Python
    may hold a slip of indentation, as the reader's code does); every line keeps its number."""
    if "`" not in text:
        return text
    lines = text.split("\n")
    final = max((j for j, x in enumerate(lines) if x.strip()), default=-1)     # the text's last line
    k = 0
    while k < len(lines):
        m = _TEMPLATE_OPEN.fullmatch(lines[k]) if "`" in lines[k] else None
        end = next((j for j in range(k + 1, len(lines)) if "`" in lines[j]), None) if m else None
        tail = end is not None and re.fullmatch(r"(?P<code>.*\S.*)`[ \t]*;?[ \t]*", lines[end])
        last = end is not None and end == final
        if end is None or not (_TEMPLATE_CLOSE.fullmatch(lines[end]) or tail and last):
            k += 1
            continue
        body = "\n".join([m["first"]] + lines[k + 1:end] + ([tail["code"]] if tail else []))
        if "${" not in body and re.search(r"(?m)^\s*def\s+\w+\s*\(.*\)\s*:\s*$", body) and \
                (_parses(body) or not _JAVASCRIPT.search(body)):
            lines[k] = "```python"
            if tail:        # the text's last line: the fence closes on a line after it
                lines[end] = tail["code"]
                lines.append("```")
            else:
                lines[end] = "```"
        k = end + 1
    return "\n".join(lines)


def _parses(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


#: A line copied from a KaTeX page: the MathML's text, the TeX it annotates, the HTML's text (the same characters,
#: scripts in another order): ``∂L∂W=∑t=1T∂Lt∂W \Huge \frac{\partial L}{\partial W} = ... ∂W∂L=t=1∑T∂W∂Lt``.
_KATEX_COPY = re.compile(r"[ \t]*(?P<mathml>[^\s$\\`]{2,}) (?P<tex>\\[A-Za-z].*\S) (?P<html>[^\s$\\`]{2,})[ \t]*")
#: TeX's size commands, which change no formula.
_TEX_SIZES = re.compile(r"\\(?:Huge|huge|LARGE|Large|large|normalsize|small|displaystyle|textstyle)(?![A-Za-z])")


def katex_copies(text: str) -> str:
    """``text`` with each line copied from a KaTeX page (:data:`_KATEX_COPY`: a TeX source between two renderings
    of the same characters) as the display ``$$...$$`` of its TeX, without its size commands."""
    if "\\" not in text:
        return text
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = _KATEX_COPY.fullmatch(line) if "\\" in line and "$" not in line else None
        if m is not None and sorted(m["mathml"]) == sorted(m["html"]) and \
                re.search(r"[^\x00-\x7f]|=", m["mathml"]):
            tex = _TEX_SIZES.sub(lambda c: " " * len(c.group()), m["tex"])     # (its columns kept)
            lines[k] = " " * (m.start("tex") - 3) + "$$ " + tex + " $$"
    return "\n".join(lines)


def html_comments(text: str) -> str:
    """``text`` without the one-line HTML comments of its Markdown (``<!-- source: ... a broken $$ block -->``),
    which no renderer shows and MathJax does not read (a ``$$`` in one opened a display that ran to the next).
    A comment over several lines is a block the author put aside (equations commented out of a post): it is read
    still, as the author may want it checked. Comments inside code fences are code, and stay."""
    if "<!--" not in text:
        return text
    fenced = False
    pieces = re.split(r"(?m)(^[ \t]{0,3}(?:```|~~~).*$)", text)
    for k, piece in enumerate(pieces):
        if k % 2 == 1:                          # a fence line
            fenced = not fenced
        elif not fenced:
            pieces[k] = "\n".join(map(_line_comments, piece.split("\n")))
    return "".join(pieces)


def _line_comments(line: str) -> str:
    """The line without its HTML comments that close on it (one scan: a ``<!--`` left open ends the search)."""
    out, k = [], 0
    while True:
        a = line.find("<!--", k)
        b = line.find("-->", a + 4) if a >= 0 else -1
        if b < 0:
            out.append(line[k:])
            return "".join(out)
        out.append(line[k:a])
        k = b + 3


#: A statement of Python in an indented block of Markdown: an assignment (``dh_next = np.dot(Whh.T, dh_raw)``,
#: ``dWhh += ...``, ``xs[t] = x``) or a loop, a function, a return.
_PY_STATEMENT = re.compile(r"\s*(?:(?:for|while|def|return|if|elif|else)\b|[A-Za-z_][\w.]*(?:\[[^\]]*\])*"
                           r"(?:\s*,\s*[A-Za-z_][\w.]*)*\s*(?:[-+*/@]?=)(?!=))")
#: Text that is no Python: LaTeX, math delimiters, HTML.
_NOT_PYTHON = re.compile(r"\$|\\[A-Za-z]|\\\\|<[A-Za-z/]")
#: A list item's first line: indented lines below it continue the item.
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")


def indented_code(text: str) -> str:
    """Markdown's indented code blocks of Python (four spaces in, a blank line on each side: a README walking
    through its numpy code, ``    dh_next = np.dot(Whh.T, dh_raw)``) as Python fences, in place: the blank line
    before becomes ```` ```python ````, the one after the close, the lines lose their common indent. Every line keeps
    its number. Left as they are: blocks inside fences or ``$$`` math, below a list item (its continuation),
    without a blank line on each side, and blocks with LaTeX, math delimiters or HTML, or with no statement of
    Python (an assignment, a loop, a function)."""
    lines = text.split("\n")
    if not any(x.startswith(("    ", "\t")) for x in lines):
        return text
    fenced, math, k = False, False, 0
    while k < len(lines):
        line = lines[k]
        if re.match(r"\s{0,3}(?:```|~~~)", line):
            fenced = not fenced
        if not fenced:
            math ^= line.count("$$") % 2 == 1
        indented = line.startswith(("    ", "\t")) and line.strip()
        if fenced or math or not indented or k == 0 or lines[k - 1].strip():
            k += 1
            continue
        above = next((lines[j] for j in range(k - 2, -1, -1) if lines[j].strip()), "")
        end = k
        while end < len(lines) and (lines[end].startswith(("    ", "\t")) or not lines[end].strip()):
            end += 1
        while end > k and not lines[end - 1].strip():
            end -= 1            # the block's last line: blank lines after it are not in it
        body = lines[k:end]
        if end >= len(lines) or lines[end].strip() or _LIST_ITEM.match(above) or \
                above.startswith(("    ", "\t")) or any(_NOT_PYTHON.search(x) for x in body) or \
                not any(_PY_STATEMENT.match(x) for x in body):
            k = end + 1 if end > k else k + 1
            continue
        cut = min(len(x.expandtabs(4)) - len(x.expandtabs(4).lstrip()) for x in body if x.strip())
        lines[k - 1] = "```python"
        lines[k:end] = [x.expandtabs(4)[cut:] if x.strip() else "" for x in body]
        lines[end] = "```"
        k = end + 1
    return "\n".join(lines)


#: The opening line of a Python fence, and any fence's closing line.
_PY_OPEN = re.compile(r"[ \t]{0,3}```(?:python|py|python3)[ \t]*")
_FENCE_CLOSE = re.compile(r"[ \t]{0,3}```[ \t]*")
#: A comment line of Python (its text after ``#``).
_COMMENT_LINE = re.compile(r"^[ \t]*#(?: |$)(?P<text>.*)$")
#: Math in a comment's text: a display ``$$``, or inline ``$...$`` around a backslash command or a script.
_COMMENT_MATH = re.compile(r"\$\$|\$[^$\n]*(?:\\[A-Za-z]+|[_^]\{)[^$\n]*\$")


def exported_cells(text: str) -> str:
    r"""``text`` with the Markdown cells of a notebook exported as Python (``# In[59]:``, the course's text kept as
    ``# `` comments: ``# $$d\Gamma_o^{\langle t \rangle} = ...\tag{7}$$``) read as Markdown: in a Python fence, a run
    of comment lines holding math, with a blank line (or the fence's edge) on each side, leaves the fence there
    (the blank line before becomes the fence's close, the one after a new opening; the comments lose their ``#``).
    Every line keeps its number; a run without math, or without room for the fences, stays a comment. One pass
    over the lines (an unclosed fence ends the text)."""
    if "```" not in text or "#" not in text or "$" not in text:
        return text
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        if _PY_OPEN.fullmatch(lines[k]) is None:
            k += 1
            continue
        end = k + 1
        while end < len(lines) and _FENCE_CLOSE.fullmatch(lines[end]) is None:
            end += 1
        _comment_cells(lines, k, end)       # (end == len(lines): the fence is left open)
        k = end + 1
    return "\n".join(lines)


def _comment_cells(lines: list, open_at: int, close_at: int):
    """The comment runs with math of the fence from ``lines[open_at]`` to ``lines[close_at]`` made Markdown, in
    place (:func:`exported_cells`); ``close_at`` is ``len(lines)`` for a fence left open."""
    k = open_at + 1
    while k < close_at:
        if _COMMENT_LINE.match(lines[k]) is None:
            k += 1
            continue
        j = k
        while j < close_at and _COMMENT_LINE.match(lines[j]) is not None:
            j += 1
        before, after = k - 1, j
        edge_before = before == open_at or lines[before].strip() == ""
        edge_after = after >= close_at or lines[after].strip() == ""
        if edge_before and edge_after and any(_COMMENT_MATH.search(lines[i]) for i in range(k, j)) and \
                (before == open_at or after >= close_at or after - before > 1):
            for i in range(k, j):
                lines[i] = _COMMENT_LINE.match(lines[i])["text"]
            lines[before] = "" if before == open_at else "```"
            if after < close_at:
                lines[after] = "```python"
            elif after < len(lines):
                lines[after] = ""       # the fence's own close: the cells run to its end
        k = j + 1


def _python_only(text: str) -> bool:
    """Is the text (after a leading HTML comment) Python source with a definition or an import, and no Markdown
    or LaTeX of its own?"""
    body = _LEADING_COMMENT.sub("", text, count=1)
    if "```" in body or "~~~" in body or "$" in body or "\\[" in body or "\\begin" in body or \
            not re.search(r"(?m)^\s*(?:def|class|import|from)\s", body):
        return False
    return _parses(body)


def _python(text: str):
    m = _LEADING_COMMENT.match(text)
    head = m.group() if m else ""
    body = text[len(head):]
    n_head = head.count("\n")
    out = head + "```python\n" + body + ("" if body.endswith("\n") else "\n") + "```\n"
    n_body = body.count("\n") + (0 if body.endswith("\n") else 1)
    lines = list(range(1, n_head + 1)) + [n_head + 1] + list(range(n_head + 1, n_head + n_body + 1)) + \
        [n_head + n_body]
    return out, lines


def _source_lines(cell) -> list:
    src = cell.get("source", [])
    if isinstance(src, str):
        src = src.splitlines(keepends=True)
    if not isinstance(src, list) or not all(isinstance(s, str) for s in src):
        raise LatexError("a notebook cell's source is not text (expected a string or a list of strings)")
    out = []
    for s in src:                       # (a string may hold several lines, as some writers join them)
        out.extend(s.splitlines() or [""])
    return out, src


def _notebook(text: str):
    try:
        nb = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise LatexError(f"the notebook is not valid JSON ({str(e)[:80]}): expected a Jupyter notebook (.ipynb)")
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        raise LatexError("the notebook has no list of cells: expected a Jupyter notebook (.ipynb, nbformat 4)")
    if len(cells) > MAX_CELLS:
        raise LatexError(f"the notebook has {len(cells)} cells; the limit is {MAX_CELLS}")
    meta = nb.get("metadata", {}) if isinstance(nb.get("metadata", {}), dict) else {}
    language = str((meta.get("kernelspec") or {}).get("language") or (meta.get("language_info") or {}).get("name")
                   or "python").lower()
    out, lines = [], []
    cursor = 0

    def locate(s: str) -> int:
        """The file's line of the source string s (searched from the last one found), else the cursor's."""
        nonlocal cursor
        for encoded in (json.dumps(s, ensure_ascii=False), json.dumps(s)):
            k = text.find(encoded, cursor)
            if k >= 0:
                cursor = k + len(encoded)
                return text.count("\n", 0, k) + 1
        return text.count("\n", 0, cursor) + 1

    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("markdown", "code"):
            continue
        split, raw = _source_lines(cell)
        where = []
        for s in raw:                   # the file's line of each of the cell's lines
            first = locate(s)
            where.extend(first + j for j in range(max(1, len(s.splitlines()))))
        where = (where + [where[-1] if where else locate("")] * len(split))[:len(split)]
        here = where[0] if where else text.count("\n", 0, cursor) + 1
        code = cell["cell_type"] == "code"
        if code:
            out.append(f"```{'python' if language.startswith('python') else language}")
            lines.append(here)
        out.extend(split)
        lines.extend(where)
        if code:
            out.append("```")
            lines.append(where[-1] if where else here)
        out.append("")              # (a blank line between cells: a paragraph ends with its cell)
        lines.append(lines[-1] if lines else 1)
    return "\n".join(out) + "\n", lines


def file_line(k, lines):
    """The file's line of the text's line ``k`` (``lines`` from :func:`derivation_source`; None: the same)."""
    return k if k is None or not lines else lines[min(max(k, 1), len(lines)) - 1]


#: The lines a reason names: ``line 170``, ``lines 12, 14 and 20``, ``lines 3-5``.
_LINES_NAMED = re.compile(r"\b(lines?\s+)(\d+(?:(?:\s*(?:,|-|–|\band\b|\bto\b)\s*)\d+)*)")


def file_lines_named(why: str, lines) -> str:
    """``why`` with the lines it names (``line 170``, ``lines 12 and 14``) the file's own (``lines`` from
    :func:`derivation_source`; None: as they are)."""
    if not lines or not why:
        return why
    return _LINES_NAMED.sub(lambda m: m[1] + re.sub(r"\d+", lambda n: str(file_line(int(n[0]), lines)), m[2]), why)


def on_file_lines(results, lines):
    """The results (RowResult) with their lines, the lines they point at and the lines their reasons name, the
    file's own."""
    if lines:
        for r in results:
            r.line = file_line(r.line, lines)
            if r.at is not None:
                r.at = (file_line(r.at[0], lines), r.at[1])
            r.why = file_lines_named(r.why, lines)
    return results
