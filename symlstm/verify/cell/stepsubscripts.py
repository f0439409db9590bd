r"""A forward row at a numbered step written with the step as a bare number subscript: ``y_1 = g(W z_1 + c)``
beside the general rows ``y_t = g(W_{(out)} z^t + c)``.

While the forward rows are being collected no quantity is known yet, so ``y_1`` reads as a name of its own
(``W_1``: a label). Where another forward row defines the same letter at the time letter (a general row) and
the row's left side is that letter with one number as its only subscript, the row is about the general
quantity at that step: it is no forward row (it defines nothing; checked as a claim against the general rows,
so a wrong restatement fails instead of redefining step 1). Nothing is evaluated here.
"""
from __future__ import annotations

from copy import copy

from ..text.names import NotReadable, resolve

__all__ = ["numbered_step_rows"]


def _numbered(part):
    """The name of ``y_1`` (one number as its only subscript, no superscript, no accent); else None."""
    if part[0] != "sym" or part[2] is not None or part[4] or part[5] or not part[3] or len(part[3]) != 1:
        return None
    it = part[3][0]
    return part[1] if it[0] == "num" and it[1].isdigit() and int(it[1]) >= 1 else None


def numbered_step_rows(cands, vocab, at_step):
    """``cands`` without the ``y_1 = ...`` rows of a letter a general row defines (claims about y at step 1)."""
    general = {key for _, keys, refs, _, _ in cands for key, r in zip(keys, refs)
               if r.time is not None and not at_step(r) and not r.word}
    out = []
    for cand in cands:
        k, keys, refs, parts, rels = cand
        base = _numbered(parts[0]) if len(keys) == 1 else None
        if base is None or base not in general or refs[0].time is not None:
            out.append(cand)
            continue
        v = copy(vocab)
        v.quantities = set(vocab.quantities) | {base}
        try:
            r = resolve(parts[0], v)
        except NotReadable:
            out.append(cand)
            continue
        if r.key != base or not at_step(r):
            out.append(cand)
            continue
        continue                # y at step 1: a claim, not a definition
    return out
