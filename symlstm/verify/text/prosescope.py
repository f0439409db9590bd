r"""The steps a row is given for by the prose before it: "对于最后一个时间步：" (for the last time step:),
"for the other steps:", "for the first step:".

Course notes that compute the loss at the last step only write some rows for the last step (``dz = a - y``) and
others for the remaining steps (``dz = 0``), saying so in a sentence before the displays. The scope of a row is
read from the comment lines (the prose of a transcribed source) between it and the equation before it: the last
phrase of :data:`SCOPE_PHRASES` there, when no sentence ends between it and the row (``... for the last step:``;
not ``an output at the last step only.``). A row with no comment line before it (the next row of the same display)
keeps the scope of the row above; a comment without a phrase ends it. "The other steps" are the steps besides the
last or the first step, whichever of the two the prose named before. Nothing here judges anything: the judge checks
a scoped row at its steps only (judging/links._points), a forward row given for the first step beside a general
one is the first step's definition (:func:`first_step_rows`).
"""
from __future__ import annotations

import re

__all__ = ["SCOPE_PHRASES", "scopes", "scope_steps", "first_step_rows"]

#: Phrases that give the steps of the rows after them (matched without case and whitespace): scope -> phrases.
SCOPE_PHRASES = {
    "last": ("对于最后一个时间步", "在最后一个时间步", "对于最后一步", "for the last step", "for the last time step",
             "at the last step", "at the last time step", "for the final step", "at the final step",
             "the case of $t = T$", "the case $t = T$", "for $t = T$", "at $t = T$", "when $t = T$"),
    "first": ("对于第一个时间步", "在第一个时间步", "对于第一步", "for the first step", "for the first time step",
              "at the first step", "at the first time step"),
    "other": ("对于其他时间步", "对于其它时间步", "对于后面的时间步", "对于中间的所有时间步", "对于其余时间步",
              "for the other steps", "for the other time steps", "for the later steps", "for the later time steps",
              "for the remaining steps", "at the intermediate steps", "for the intermediate steps",
              "at the other steps", "for all other steps", "the case of $t < T$", "the case $t < T$",
              "for $t < T$", "when $t < T$"),
    "all": ("对于所有的时间步", "对于所有时间步", "for all steps", "for all time steps", "for every step",
            "at every step", "at all steps", "for all the steps"),
}

#: The end of a sentence between a phrase and the row: the phrase speaks of something else.
_SENTENCE_END = re.compile(r"[。！？；;]|\.(?![0-9a-z_])")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


_PHRASES = sorted(((_norm(p), scope) for scope, ps in SCOPE_PHRASES.items() for p in ps), key=lambda x: -len(x[0]))


def _block_scope(block: str) -> str:
    """The scope the prose ``block`` gives the row after it ("last", "first", "other", "all"), or ""."""
    text = _norm(block)
    best = None
    for phrase, scope in _PHRASES:
        k = text.rfind(phrase)
        if k >= 0 and (best is None or k > best[0]):
            best = (k, phrase, scope)
    if best is None:
        return ""
    k, phrase, scope = best
    return "" if _SENTENCE_END.search(text, k + len(phrase)) else scope


#: A heading of the text (Markdown, LaTeX sectioning, a line in bold alone).
_HEADING = re.compile(r"^\s*(?:#{1,6}\s|\\(?:sub)*section\*?\s*\{|\\paragraph\*?\s*\{|\*\*[^*]+\*\*\s*:?\s*$)")


def scopes(equations, comments: dict) -> list:
    """The scope of each equation (sorted by position): "", "last", "first", "all", "other:last", "other:first".
    ``comments``: line number -> the text of that line's comment."""
    out, scope, named, section = [], "", "", ""
    lines = sorted(comments)
    prev = 0
    for eq in equations:
        block = [n for n in lines if prev < n < eq.line]
        if block:
            heads = [n for n in block if _HEADING.match(comments[n])]
            if heads:       # "### I - the case of $t = T$": the rows of the section, up to the next heading
                section = _block_scope(comments[heads[-1]])
                block = [n for n in block if n > heads[-1]]
            s = _block_scope(" ".join(comments[n] for n in block)) or section
            if s in ("last", "first"):
                named = s
            scope = f"other:{named}" if s == "other" and named else "" if s in ("other", "all") else s
        out.append(scope)
        prev = max(prev, eq.line)
    return out


def scope_steps(scope: str, T: int, first: int = 1):
    """The steps of a run of ``T`` steps a row of ``scope`` holds at (None: every step)."""
    if scope == "last":
        return {T}
    if scope == "first":
        return {first}
    if scope == "other:last":
        return set(range(first, T))
    if scope == "other:first":
        return set(range(first + 1, T + 1))
    return None


def first_step_rows(rows, scopes_, defined_general) -> list:
    """The rows with a forward row given for the first step (``h1 = x \\cdot U`` under "for the first step:") written
    at step 1 (``h1^{(1)} = x \\cdot U``), when another row defines the same name without a scope (its general row):
    the step stated apart. ``defined_general(tree)``: the bare name a row defines, or None."""
    general = {}
    for tree, scope in zip(rows, scopes_):
        name = defined_general(tree) if tree is not None else None
        if name is not None and scope != "first":
            general[name] = True
    out = []
    for tree, scope in zip(rows, scopes_):
        name = defined_general(tree) if tree is not None and scope == "first" else None
        if name is not None and name in general:
            lhs = tree[1][0]
            lhs = ("sym", lhs[1], lhs[2], None, [("paren", "(", ("num", "1"))], lhs[5])    # h1^{(1)}: at step 1
            tree = ("row", [lhs] + list(tree[1][1:]), tree[2])
        out.append(tree)
    return out


#: The prose after (or before) a row saying what its ``\oplus`` is: a sum (read as ``+``). Other meanings the notes
#: list (concatenation, product, average) are not read: the sign stays unknown.
OPLUS_SUM_PHRASES = ("使用矩阵求和", "使用求和", "采用矩阵求和", "采用求和", "here we use the sum", "we use the sum",
                     "is the sum", "denotes the sum", "means the sum", "is an element-wise sum", "is the element-wise sum")
#: Phrases that give ``\oplus`` another meaning (then no phrase of the sum is taken).
OPLUS_OTHER_PHRASES = ("使用矩阵拼接", "使用拼接", "we use concatenation", "is the concatenation", "denotes the concatenation",
                       "denotes concatenation", "is concatenation")
_OPLUS = re.compile(r"\\oplus(?![A-Za-z])")


def oplus_by_prose(equations, comments: dict) -> list:
    r"""The equations with ``\oplus`` written as ``+`` where the prose between the equation before and the one
    after says the sign is the sum (:data:`OPLUS_SUM_PHRASES`) and says no other meaning."""
    if not any(_OPLUS.search(eq.text) for eq in equations):
        return equations
    from dataclasses import replace
    out = []
    for j, eq in enumerate(equations):
        if _OPLUS.search(eq.text):
            lo = equations[j - 1].line if j else 0
            hi = equations[j + 1].line if j + 1 < len(equations) else max(comments, default=0) + 1
            text = _norm(" ".join(comments[n] for n in sorted(comments) if lo < n < hi))
            if any(_norm(p) in text for p in OPLUS_SUM_PHRASES) and \
                    not any(_norm(p) in text for p in OPLUS_OTHER_PHRASES):
                eq = replace(eq, text=_OPLUS.sub(lambda m: "+".center(len(m.group())), eq.text))
        out.append(eq)
    return out
