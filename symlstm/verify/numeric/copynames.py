r"""A forward row that stores a value under a second name: ``hs_t = h_t`` (Karpathy-style code keeps the
state in a dictionary, ``hs[t] = h_t``, and reads it back as ``hs[t-1]``; ``ps[t] = p_t`` likewise).

The two names are one quantity at every step: the copy's name is read as an alias of the value it copies
(``hs_{t-1}`` is ``h_{t-1}``, also before the first step, and ``dh`` is the gradient of that one value, which
the next step reads through ``hs_{t-1}``). The copy row itself stays a forward row (it passes: it only names
the value). Only a whole-row copy counts: the right side one plain name at the row's own step (no shift,
transpose, power, block or slice) that another forward row defines, and the left side a name no other row
defines; anything else is a definition read as usual.
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve

__all__ = ["alias_copies"]


def _copied(d, vocab):
    """The key a Def copies (``hs_t = h_t``: h), else None."""
    node = d.node
    if len(d.keys) != 1 or d.block or d.accumulate or not d.per_step or d.at or \
            not isinstance(node, tuple) or not node or node[0] != "sym":
        return None
    try:
        r = resolve(node, vocab)
    except NotReadable:
        return None
    if r.transpose or r.power is not None or r.primes or r.slice or r.block or r.word:
        return None
    if r.time is None or r.time[:2] != ("sym", vocab.time_var):     # at the row's own step only
        return None
    return r.key if r.key != d.keys[0] else None


def alias_copies(defs, vocab):
    """``defs`` without the copy rows (module doc), whose names become aliases in ``vocab``."""
    defined = {}
    for d in defs:
        for k in d.keys:
            defined[k] = defined.get(k, 0) + 1
    out = []
    for d in defs:
        src = _copied(d, vocab)
        if src is None or defined.get(d.keys[0], 0) != 1 or src not in defined or \
                src in vocab.aliases or d.keys[0] in vocab.aliases.values():
            out.append(d)
            continue
        vocab.aliases[d.keys[0]] = src
        if hasattr(vocab.quantities, "discard"):
            vocab.quantities.discard(d.keys[0])
    return out
