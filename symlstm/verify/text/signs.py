r"""Product signs a text declares the meaning of: ``- $\odot$ = matrix multiplication``, ``where $\cdot$ denotes the
element-wise product``.

The reader's default meanings of the product signs (``\odot`` and ``\circ`` element-wise, ``\cdot`` and ``\times``
by the shapes) are those of most texts; a text that states otherwise in its prose is read as it says. A
declaration names a sign (:data:`SIGNS`) and a meaning (:data:`MEANINGS`) with ``=``, ``:`` or a verb between
them; a sign declared with two meanings keeps the default. The declared sign is written in the rows as the sign
of its meaning (``@`` for the matrix product, ``\odot`` for the element-wise one), padded to its length so that
columns keep their place; the rows' own text is what the report shows.
"""
from __future__ import annotations

import re

__all__ = ["declared_products", "with_declared_products"]

#: The spellings of a product sign in prose (``$\odot$``, ``⊙``, `` `*` ``) -> the sign's command in the rows.
SIGNS = {r"\odot": r"\odot", "⊙": r"\odot", r"\circ": r"\circ", "∘": r"\circ", r"\cdot": r"\cdot", "·": r"\cdot",
         r"\times": r"\times", "×": r"\times"}
#: Words of a meaning -> the sign the rows are read with (``@``: the matrix product; ``\odot``: element-wise).
MEANINGS = (
    (re.compile(r"matrix(?:[- ]vector)? (?:multiplication|product)|matmul", re.I), "@"),
    (re.compile(r"element[- ]?wise (?:multiplication|product)|hadamard product|pointwise (?:multiplication|product)",
                re.I), r"\odot"),
)
_SIGN = "|".join(re.escape(s) for s in sorted(SIGNS, key=len, reverse=True))
#: ``$\odot$ = matrix multiplication``, ``⊙ denotes the matrix product``, ``where \cdot is element-wise
#: multiplication``: a sign (in $...$ or backticks, or bare), a link, a meaning within a few words.
_DECLARATION = re.compile(
    rf"(?:\$\s*|`)?(?P<sign>{_SIGN})(?![A-Za-z])\s*(?:\$|`)?\s*(?:=|:|\bdenotes\b|\bis\b|\bmeans\b|\brepresents\b|"
    rf"\bstands for\b|\bindicates\b)\s*(?:the\s+|an?\s+)?(?P<what>[A-Za-z][A-Za-z -]{{0,40}})")
#: Bounds: a text longer than this is searched in its first MAX_CHARS characters only.
MAX_CHARS = 400_000


def declared_products(text: str) -> dict:
    """{sign command: the sign it is read as} for every product sign ``text`` declares one meaning of that differs
    from the reader's default (``\\odot`` as the matrix product; ``\\cdot``, ``\\times`` element-wise)."""
    found = {}
    for m in _DECLARATION.finditer(text[:MAX_CHARS]):
        meaning = next((sign for pattern, sign in MEANINGS if pattern.match(m["what"])), None)
        if meaning is not None:
            found.setdefault(SIGNS[m["sign"]], set()).add(meaning)
    out = {}
    for sign, meanings in found.items():
        if len(meanings) != 1:
            continue                    # declared both ways: the default stands
        meaning = meanings.pop()
        if sign in (r"\odot", r"\circ") and meaning == r"\odot":
            continue                    # (the default)
        if sign == meaning:
            continue
        out[sign] = meaning
    return out


def with_declared_products(row: str, declared: dict) -> str:
    """``row`` with each declared sign written as the sign of its meaning, padded to the sign's length."""
    for sign, meaning in declared.items():
        if len(meaning) > len(sign):
            continue
        row = re.sub(re.escape(sign) + r"(?![A-Za-z])", lambda m: " " + meaning.ljust(len(sign) - 1)
                     if len(meaning) < len(sign) else meaning, row)
    return row
