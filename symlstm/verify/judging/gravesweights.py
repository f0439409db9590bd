r"""Graves' component notation (Graves 2012): one weight name whose layer is given by its index letters.

``a_h^t = \sum_{i=1}^{I} w_{ih} x_i^t + \sum_{h'=1}^{H} w_{h'h} b_{h'}^{t-1}``, ``a_k^t = \sum_{h=1}^{H} w_{hk} b_h^t``:
``w_{ih}``, ``w_{h'h}``, ``w_{hk}`` are three different weight matrices (input to hidden, hidden to hidden, hidden
to output), told apart only by the layers of their index letters (the table ``GRAVES_LAYER_LETTERS``: i input,
h hidden, k output, c cells, \iota \phi \omega the gates), and the sums run over the units of a layer. This
reader has no such reading: it takes ``w`` for one weight shared by every connection (and the units of every
layer for one component), so the cell it would check a backward row against is not the author's. A fail there
would be on the reader's guess, and so would a pass: every row outside the forward equations is unreadable,
with that reason, except a row that only names gradients (``\delta_j^t = \frac{\partial L}{\partial a_j^t}``),
which holds by definition whatever the cell.

The notation is recognised from the forward rows only: a weight name written with two index letters of the
table whose layer pairs differ between uses (w_{ih} beside w_{hk}), each letter a unit of the row: bound by a sum over
the units of a layer (``\sum_{h'=1}^{H}``: a capital letter for its bound) or the index of the row's left side
(a_h^t), and a sum binds one of them (``W_{kh} h_{t-1}`` beside ``\sum_i W_{ki} x_{ti}``: h is a label). Named weights such as
Graves 2013's ``W_{hi}``, ``W_{xf}`` are written without such sums and are read as separate names as before.
"""
from __future__ import annotations

import re

from ...latex.notation import GRAVES_LAYER_LETTERS

__all__ = ["graves_weights", "graves_rows", "naming_only"]

_WEIGHT = re.compile(r"(?<![A-Za-z\\])([wW])\s*_\s*\{")
_UNIT_SUM = re.compile(r"\\sum\s*_\s*\{\s*(\\[A-Za-z]+|[A-Za-z])\s*(?:'|\\prime)*\s*(?:_\s*(?:\{[^{}]*\}|\S))?\s*=[^{}]*\}"
                       r"\s*\^\s*(?:\{\s*[A-Z]\s*\}|[A-Z])")
_SUBSUB = re.compile(r"_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z0-9])")
_TOKEN = re.compile(r"\\([A-Za-z]+)|([A-Za-z])")


def _braced(text, i):
    """The content of the brace group opening at text[i - 1] ('{'), or None."""
    depth, j = 1, i
    while j < len(text):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i:j]
        j += 1
    return None


def _letters(sub):
    r"""w_{h'h} -> ['h', 'h'], w_{i\iota} -> ['i', 'iota'], w_{h_1k} -> ['h', 'k']; primes and sub-indices dropped."""
    s = re.sub(r"'|\\prime", "", sub)
    s = _SUBSUB.sub("", s)
    s = s.replace("{", " ").replace("}", " ")
    out = []
    for m in _TOKEN.finditer(s):
        out.append(m.group(1) or m.group(2))
    return out


def _pairs(text):
    """(weight, (letter, letter), subscript) for every weight written with two index letters in ``text``."""
    for m in _WEIGHT.finditer(text):
        sub = _braced(text, m.end())
        if sub is None:
            continue
        ls = _letters(sub)
        if len(ls) == 2:
            yield m.group(1), tuple(ls), sub.strip()


def _left_letters(text) -> set:
    """The index letters of the row's left-hand name (a_h^t -> {h}, a_{\\iota}^t -> {iota}): the row's own unit."""
    lhs = text.split("=")[0]
    out = set()
    for m in re.finditer(r"_\s*(?:\{((?:[^{}]|\{[^{}]*\})*)\}|(\\[A-Za-z]+|[A-Za-z]))", lhs):
        for t in _TOKEN.finditer(m.group(1) if m.group(1) is not None else m.group(2) or ""):
            out.add(t.group(1) or t.group(2))
    return out


def graves_weights(texts) -> str:
    """The why for the rows of a derivation whose forward rows (``texts``) write weights in Graves' component
    notation, or ''."""
    layers, bound_rows, shown = {}, set(), {}
    for text in texts:
        bound = {m.group(1).lstrip("\\") for m in _UNIT_SUM.finditer(text)}
        units = bound | _left_letters(text)
        for name, (a, b), sub in _pairs(text):
            if a not in GRAVES_LAYER_LETTERS or b not in GRAVES_LAYER_LETTERS or a not in units or b not in units:
                continue              # W_{kh} h_{t-1}: h a label (no sum binds it, not the unit of the row)
            pair = (GRAVES_LAYER_LETTERS[a], GRAVES_LAYER_LETTERS[b])
            layers.setdefault(name, set()).add(pair)
            shown.setdefault((name, pair), sub)
            if a in bound or b in bound:
                bound_rows.add(name)
    for name, pairs in layers.items():
        if len(pairs) >= 2 and name in bound_rows:
            some = sorted(pairs)[:3]
            said = ", ".join(f"{name}_{{{shown[(name, p)]}}} ({p[0]} to {p[1]})" for p in some)
            return (f"Graves' component notation: {said} are different weights named by their index letters "
                    f"(i input, h hidden, k output, c cells, \\iota \\phi \\omega gates) and the sums run over a "
                    f"layer's units; this reader has no such reading (it would take {name} for one weight shared by "
                    f"every layer), so the row is not read")
    return ""


_NAMING = re.compile(
    r"(?:\s*\\?[A-Za-z]+\s*(?:[_^]\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]))*\s*=\s*"
    r"\\frac\s*\{\s*\\partial\s*(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*\\partial\s*(?:[^{}]|\{[^{}]*\})*\})+\s*")
_SPACING = re.compile(r"\\hspace\*?\s*\{[^{}]*\}|\\q?quad(?![A-Za-z])|\\[,;:! ]|&|[,.;]\s*$")


def naming_only(text) -> bool:
    r"""Does the row only name gradients (``\delta_j^t = \frac{\partial L}{\partial a_j^t}``, several side by side)?"""
    return bool(_NAMING.fullmatch(_SPACING.sub(" ", text)))


def graves_rows(out, starts, equations, forward, lo, hi, read=False) -> None:
    """Every result of a row outside ``forward`` (lo..hi) unreadable when the forward rows use Graves' component
    notation, except a pass of a row that only names gradients. ``read``: the notation was read (gravesread.py):
    only the rows that name gradients (one name for every layer's units, left as written) pass, as definitions."""
    if read:
        unrolled = getattr(read, "unrolled", {})
        order = sorted(starts.items(), key=lambda kv: kv[1])
        for n, (k, i) in enumerate(order):      # a general term read at one depth only: a pass proves nothing
            if lo <= k < hi and equations[k].text in unrolled:
                end = order[n + 1][1] if n + 1 < len(order) else len(out)
                for r in out[i:end]:
                    if r.status == "pass":
                        r.unread(unrolled[equations[k].text])
        for k, i in starts.items():
            if lo <= k < hi and k not in forward and i < len(out) and naming_only(equations[k].text):
                out[i].passes_as("definition", "names the gradients of Graves' notation (a definition; read in "
                                 "the rows that use them)")
        return
    if not forward:
        return
    why = graves_weights([equations[k].text for k in forward if lo <= k < hi])
    if not why:
        return
    order = sorted(starts.items(), key=lambda kv: kv[1])
    for n, (k, i) in enumerate(order):
        if k in forward:
            continue
        end = order[n + 1][1] if n + 1 < len(order) else len(out)
        for r in out[i:end]:
            if r.status == "pass" and naming_only(equations[k].text):
                continue
            r.unread(why + (f" (besides: {r.why})" if r.status == "unreadable" and r.why else ""))
