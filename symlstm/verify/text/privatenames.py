"""Names of code spelled with a leading underscore (``_g``, ``_y``), read as other names.

A leading underscore is Python's mark of a private name; the reader's grammar of code names takes a letter first.
A bare private name is read with the underscore moved to its end (``_g`` -> ``g_``: a name of its own), so that
``c = f * c_prev + i * _g`` reads ``_g`` as the candidate its row defines. It stays as written (unread) where the
code also names a value without the underscore (``_Go = Zt @ Wo + bo`` beside ``Got``: numpy-ml's input of the
gate Go; ``_c`` beside ``c``): which quantity the private name is, the spelling does not say. A private attribute
(``self._h``, ``ret.attrs._A``) is left as written: the code spellings read attributes, and a class's list of
steps ``self._h`` beside a bare ``h`` is no value of h. Calls (``self._forward(x)``, ``_sigmoid(z)``) keep their
spelling: helpers and methods are found by their ``def`` lines.
"""
from __future__ import annotations

import re

#: A name with one leading underscore, bare or an attribute (``_c``, ``self._x``), not called, not a dunder, and
#: not the script of a name typed with a combining mark (``c̃_t``: c̃ at t).
_PRIVATE = re.compile(r"(?:^|(?<=[\s.,;:=+\-*/@(\[{<>!&|%~]))_(?P<n>[A-Za-z][A-Za-z0-9_]*)(?![\w(])", re.M)


def _attribute(text: str, m) -> bool:
    return m.start() > 0 and text[m.start() - 1] == "."


def private_names(bodies: list) -> list:
    """The fences' bodies with each bare private name spelled as the module doc says (one spelling for all the
    fences)."""
    if not any("_" in b for b in bodies):
        return bodies
    every = "\n".join(bodies)
    taken = set(re.findall(r"(?<![\w.])[A-Za-z]\w*", every))
    words = set(re.findall(r"[A-Za-z]\w*", every))
    names = {}
    for m in _PRIVATE.finditer(every):
        n = m["n"]
        if _attribute(every, m) or n in taken or n + "_" in taken or \
                any(w != n and w.startswith(n) and len(w) <= len(n) + 2 for w in words):
            continue            # (Got beside _Go, c beside _c: the value named without the underscore too)
        names[n] = n + "_"
    if not names:
        return bodies
    return [_PRIVATE.sub(lambda m, b=b: names.get(m["n"], m.group()) if not _attribute(b, m) else m.group(), b)
            for b in bodies]
