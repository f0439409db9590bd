r"""A row written once for several gates: ``dW_k = d\gamma_k [a_{prev}; x_t]^T``, for k = o, u, f.

Notes write the parameter gradients of an LSTM or a GRU once, with a placeholder for the gate's label, and say
which labels it stands for, in the row (``\text{, for k = o, u, f}``, ``\quad \text{for } * \in \{f, i, o\}``,
code's ``for k in f,i,o,g``) or in the sentence after (or before) it ("where the subscript "$*$" stands for $f, u,
o, c$ in turn"). Such a row is the rows it stands for: one copy for each label, the placeholder in every
subscript replaced by the label (``dW_o = d\gamma_o [...]^T``, ``dW_u = ...``, ...), each judged on its own at the
row's line. The sentence must name the placeholder the row writes; a placeholder letter (``k``) is read so only
where the row or the sentence declares it, a sign (``*``, ``\ast``, ``\star``, ``\bullet``) also only then.
"""
from __future__ import annotations

import re
from dataclasses import replace

__all__ = ["PLACEHOLDER_SIGNS", "expand_templates"]

#: Signs written for a gate's label in a subscript.
PLACEHOLDER_SIGNS = ("*", r"\ast", r"\star", r"\bullet", r"\square", r"\diamond")
#: At most this many labels in one declaration (an LSTM's gates and its candidate, with room for peepholes).
MAX_LABELS = 8
#: How far (in lines) a sentence declaring the labels may stand from the row.
SENTENCE_LINES = 6

_VAR = r"(?P<var>\\ast|\\star|\\bullet|\\square|\\diamond|\*|[a-zA-Z])"
_LABEL = r"(?:\\(?:tilde|hat|bar)\s*\{?\s*[A-Za-z]\s*\}?|\\?[A-Za-z]{1,4})"
#: The declaration ending a row, from its word on: ``for k = o, u, f}``, ``for } * \in \{f,i,o\}``.
_FOR = re.compile(r"\b(?:for|where)\b")
_IN_ROW = re.compile(r"(?:for|where)\s{0,4}(?:all\s{1,4}|each\s{1,4})?\}?\s{0,4}\$?\s{0,4}" + _VAR +
                     r"\s{0,4}\$?\s{0,4}(?:=|\\in(?![A-Za-z])|∈|\bin\b)\s{0,4}\$?(?P<vals>[^=]{1,200})$")
#: What may stand between the formula and the word of its declaration: ``, \quad \text{``.
_BEFORE_FOR = re.compile(r"(?:[,;(~\s]|\\q?quad|\\[,;:!]|\\text\s*\{)$")
#: The words of a sentence that give a placeholder its labels ("where the subscript "$*$" stands for $f, u, o, c$").
_STANDS_FOR = re.compile(r"stands? for|denotes|ranges over|runs over|is one of|is any of|∈|\\in(?![A-Za-z])")
_SENTENCE_VAR = re.compile(r"[\"“”'`$\s]" + _VAR + r"[\"“”'`$]{0,4}\s{0,4}$")
_SPLIT = re.compile(r"\s*(?:,|\\text\s*\{\s*,?\s*(?:and|or)\s*\}|\band\b|\bor\b)\s*")


def _labels(vals: str):
    """The labels of a list (``f, u, o, c``, ``\\{f, i, o\\}``, ``$$u$$, $$r$$, $$a$$``, ``o, u, f}`` ending a
    ``\\text{...}``), else None."""
    if vals.count(",") > MAX_LABELS:
        return None
    vals = re.sub(r"\$+", " ", vals)
    vals = re.sub(r"\b(?:in turn|respectively|each)\b.*$", "", vals).strip(" .,")
    vals = re.sub(r"^\\\{|\\\}$", "", vals.strip()).strip()
    while vals.endswith(("}", ".", ",", " ")) and vals.count("}") > vals.count("{"):
        vals = vals[:-1]        # the end of the \text{...} that holds the declaration
    vals = re.sub(r"^\\\{|\\\}$", "", vals.strip()).strip()
    items = [v.strip() for v in _SPLIT.split(vals) if v.strip()]
    if not 2 <= len(items) <= MAX_LABELS or not all(re.fullmatch(_LABEL, v) for v in items):
        return None
    return items


def _subscript(var: str) -> re.Pattern:
    """The placeholder ``var`` as a subscript (``_k``, ``_{k}``, ``_*``, ``_\\ast``)."""
    v = re.escape(var)
    tail = r"(?![A-Za-z])" if var[-1].isalpha() else ""
    return re.compile(r"_(\s*)(?:\{\s*" + v + r"\s*\}|" + v + tail + ")")


def _copies(text: str, var: str, labels) -> list[str] | None:
    pat = _subscript(var)
    if not pat.search(text):
        return None
    return [pat.sub(lambda m, lab=lab: "_" + m[1] + "{" + lab + "}", text) for lab in labels]


def _in_row(text: str):
    """(where the declaration starts, placeholder, labels) of a row ending in one, else None."""
    found = list(_FOR.finditer(text))
    if not found:
        return None
    at = found[-1].start()
    m = _IN_ROW.match(text, at)
    if m is None or not m["vals"].strip():
        return None
    labels = _labels(m["vals"])
    if labels is None:
        return None
    cut = at
    while cut > 0:
        b = _BEFORE_FOR.search(text, max(0, cut - 8), cut)
        if b is None:
            break
        cut = b.start()
    return cut, m["var"], labels


def _declared(text: str) -> list:
    """[(placeholder, labels)] a sentence declares ("where "$*$" stands for $f, u, o, c$ in turn")."""
    out = []
    for m in _STANDS_FOR.finditer(text):
        v = _SENTENCE_VAR.search(text, max(0, m.start() - 16), m.start())
        labels = _labels(re.split(r"[.;]", text[m.end():m.end() + 200])[0].strip()) if v else None
        if labels is not None:
            out.append((v["var"], labels))
    return out


def expand_templates(equations, lines: dict):
    """The equations with each template row replaced by its copies (module doc); ``lines``: line -> text of the file."""
    if not equations:
        return equations
    sentences = None
    out = []
    for eq in equations:
        tail = _in_row(eq.text)
        if tail is not None:
            cut, var, labels = tail
            copies = _copies(eq.text[:cut] + " " * (len(eq.text) - cut), var, labels)
            if copies is not None:
                out.extend(replace(eq, text=c) for c in copies)
                continue
        if any(s in eq.text for s in ("_*", "_{*}", "_\\", "_{\\")) or re.search(r"_\{?[a-z]\}?", eq.text):
            if sentences is None:
                sentences = [(line, d) for line, text in lines.items() for d in _declared(text)]
            near = sorted(((abs(line - eq.line), line, d) for line, d in sentences
                           if abs(line - eq.line) <= SENTENCE_LINES), key=lambda x: (x[0], x[1]))
            done = False
            for _, _, (var, labels) in near:
                copies = _copies(eq.text, var, labels)
                if copies is not None and (var in PLACEHOLDER_SIGNS or var == "k"):
                    out.extend(replace(eq, text=c) for c in copies)
                    done = True
                    break
            if done:
                continue
        out.append(eq)
    return out
