r"""Two forward displays run together into one chain.

A copy of a text that drops the break between two displays (``$$o = \sigma(\ldots)$$ $$h = o \odot \tanh(C)$$``
printed as ``o^{(t)} = \sigma(W_o h^{(t-1)} + U_o x^{(t)} + b_o)h^{(t)} = o^{(t)} \odot tanh(C^{(t)})``) leaves
one chain ``a = E\,n = F`` whose middle side ends in the left side ``n`` of the second display, juxtaposed. As
printed the row is wrong (``E n``, and ``E n = F``), and it fails. But the cell needs ``n``: it is a recurrent
state the forward rows read at the step before (``h^{(t-1)}``) and no row defines it, so read as printed the
cell has no state at all (every gradient through it would be judged in a cell the author did not write).
For the cell only, such a row is read as the two displays: ``a = E`` and ``n = F``.

The reading applies only when all of this holds (anything else stays as printed):
* the row is a chain of exactly two '=' links whose middle side is a product ending, by juxtaposition (no
  product sign), in a bare name ``n`` written at the step of the row's left side;
* no row defines ``n``, and a forward row reads ``n`` at an earlier step (a recurrent state: an input of
  the cell, which ``W x`` multiplies, is not read so; ``z = W x = \ldots`` is never split);
* ``F`` does not read ``n`` at the row's step (it would not define it).
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["joined_displays"]


def _refs(node, vocab):
    for n in walk(node):
        if n[0] != "sym":
            continue
        try:
            yield resolve(n, vocab)
        except NotReadable:
            continue


def _earlier(ref, lhs_time) -> bool:
    """``ref`` at the step before the row's (``t-1`` where the row writes ``t``)."""
    t = ref.time
    return t is not None and t != lhs_time and t[0] == "add" and len(t[1]) == 2 and t[1][1][0] == "-"


def joined_displays(cands, vocab, defined, lhs_keys):
    """(extra candidate rows, {row: why}) for the chains of two displays run together (module doc)."""
    extra, why = [], {}
    for k, keys, refs, parts, rels in cands:
        if len(parts) != 3 or list(rels[:2]) != ["=", "="] or len(keys) != 1 or parts[1][0] != "mul":
            continue
        factors, ops = parts[1][1], parts[1][2]
        if len(factors) < 2 or ops[-1] is not None or factors[-1][0] != "sym":
            continue
        try:
            n = resolve(factors[-1], vocab)
        except NotReadable:
            continue
        if n.key in defined or n.transpose or n.power is not None or n.primes or n.time != refs[0].time or \
                n.time is None:
            continue
        recurrent = any(r.key == n.key and _earlier(r, refs[0].time)
                        for _, _, _, ps, _ in cands for p in ps[1:] for r in _refs(p, vocab))
        if not recurrent:
            continue
        if any(r.key == n.key and r.time == n.time for r in _refs(parts[2], vocab)):
            continue
        nkeys, nrefs = lhs_keys(factors[-1], vocab)
        if not nkeys:
            continue
        rest = factors[:-1]
        first = rest[0] if len(rest) == 1 else ("mul", list(rest), list(ops[:-1]))
        extra.append((k, keys, refs, [parts[0], first], ["="]))
        extra.append((k, nkeys, nrefs, [factors[-1], parts[2]], ["="]))
        a = parts[0][1]
        why[k] = (f"two equations run together (a break between displays lost?): as printed {a} is the product "
                  f"with {factors[-1][1]}; the cell reads them as two rows, {a} = ... and {factors[-1][1]} = ...")
    return extra, why
