r"""A defining link of a chain that names a part of the link before it: ``f_t = \sigma(W_f z + b_f)
\overset{def}{=} \sigma(y_f)``.

The row is typed with a defining sign (``\overset{def}{=}``, ``\stackrel{def}{=}``, ``\triangleq``, ``:=``) and its
last link writes the same expression as the link before with a part replaced by a name that no row of the text
defines. The link holds by that naming alone, and it is the only place the name is defined: the name is the part
it replaces (``y_f = W_f z + b_f``), read as a given row in front of the chain (never reported), so the chain holds
and the rows that read the name (``\partial L/\partial y_f``) are read. Only rows written with a defining sign:
a chain of equalities that writes a new name (``= \tanh(a_t)``) may as well be wrong, and is judged as written.
A name some row defines is never so taken; nor a part that is a name itself (a renaming), nor a link whose other
parts differ.
"""
from __future__ import annotations

import re

from ..text.lhskeys import lhs_keys
from ..text.names import NotReadable
from ..text.trees import symbols

__all__ = ["named_parts"]

#: Most names one link may define so.
MAX_NAMED = 4
#: A defining sign in a row's text.
DEFINING_SIGN = re.compile(r"\\(?:overset|stackrel)\s*\{\s*(?:def|\\text\s*\{\s*def\s*\}|\\mathrm\s*\{\s*def\s*\}|"
                           r"\\triangle|\\Delta)\s*\}|\\triangleq|\\coloneqq|:=|≝|≜")


def _match(a, b, free, out) -> bool:
    """Whether ``b`` is ``a`` with parts replaced by names of ``free`` (the replacements added to ``out``)."""
    if isinstance(b, tuple) and b and b[0] == "sym" and repr(b) in free and a != b:
        if isinstance(a, tuple) and a and a[0] in ("sym", "num"):
            return False            # a name for a name: a renaming, not a part named
        if repr(b) in out and out[repr(b)][1] != a:
            return False
        out[repr(b)] = (b, a)
        return len(out) <= MAX_NAMED
    if type(a) is not type(b):
        return False
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(_match(x, y, free, out) for x, y in zip(a, b))
    return a == b


def _keys(node, vocab):
    try:
        return set(lhs_keys(node, vocab)[0] or ())
    except (NotReadable, Exception):       # noqa: BLE001 - a name the reader cannot read
        return set()


def named_parts(rows, texts, vocab) -> dict:
    """{row index: [definition row tree, ...]} of the names the defining links of ``rows`` (whose texts are
    ``texts``) name."""
    defined = set()
    for tree in rows:
        if tree is not None and len(tree[1]) >= 2:
            defined |= _keys(tree[1][0], vocab)
    out = {}
    for k, tree in enumerate(rows):
        if tree is None or len(tree[1]) < 3 or any(r != "=" for r in tree[2]) or \
                not DEFINING_SIGN.search(texts[k] or ""):
            continue
        a, b = tree[1][-2], tree[1][-1]
        names = {repr(n): n for n in symbols(b)}
        free = {r for r, n in names.items() if (keys := _keys(n, vocab)) and not keys & defined}
        found = {}
        if free and _match(a, b, free, found) and found:
            out[k] = [("row", [name, part], ["="]) for name, part in found.values()]
            for name, _ in found.values():
                defined |= _keys(name, vocab)
    return out
