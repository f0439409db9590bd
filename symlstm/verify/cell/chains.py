r"""Names a forward chain introduces: ``h^{(t)} = \sigma(z^{(t)}) = \sigma(Ux^{(t)} + Wh^{(t-1)} + b)``.

Two right sides of one forward row that are the same expression except that one writes a name where the
other writes an expression (``\sigma(z)`` and ``\sigma(U x + W h + b)``) state that name: the row defines
``z^{(t)} := U x^{(t)} + W h^{(t-1)} + b`` as well as ``h^{(t)}``. The name must be new (no other forward row
defines it, the vocabulary does not know it), written at the time of the row's left side or without one; the
link still has to hold (the row is judged link by link), the name is defined by the link that states it.
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve

__all__ = ["chain_definitions"]


def chain_definitions(cands, vocab, defined, lhs_keys, is_stack):
    """New candidate rows (k, keys, refs, parts, rels) for the names the chains of ``cands`` introduce."""
    out, taken = [], set()
    for k, keys, refs, parts, rels in cands:
        if len(parts) < 3 or any(r != "=" for r in rels):
            continue
        bodies = [p for p in parts[1:] if p[0] != "sym" and not is_stack(p)]
        for i, p in enumerate(bodies):
            for q in bodies[i + 1:]:
                for a, b in ((p, q), (q, p)):
                    diffs = []
                    if not _align(a, b, diffs) or len(diffs) != 1:
                        continue
                    name, expr = diffs[0]
                    try:
                        nk, nr = lhs_keys(name, vocab)
                    except NotReadable:
                        continue
                    if not nk or len(nk) != 1:
                        continue
                    key, ref = nk[0], nr[0]
                    if key in defined or key in taken or vocab.known(key) or ref.transpose or \
                            ref.power is not None or ref.primes or ref.word or key in keys:
                        continue
                    if ref.time is not None and ref.time != refs[0].time:
                        continue
                    if _mentions(expr, key, vocab):
                        continue
                    taken.add(key)
                    out.append((k, (key,), [ref], [name, expr], ["="]))
    return out


def _align(a, b, diffs) -> bool:
    """Are ``a`` and ``b`` the same tree except where ``a`` has a name and ``b`` an expression that is not a
    name (collected in ``diffs`` as (name, expression))?"""
    if a == b:
        return True
    if a[0] == "sym" and b[0] not in ("sym", "num"):
        diffs.append((a, b))
        return len(diffs) <= 1
    if a[0] != b[0] or len(a) != len(b):
        return False
    for x, y in zip(a[1:], b[1:]):
        if isinstance(x, tuple) and isinstance(y, tuple):
            if not _align(x, y, diffs):
                return False
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                return False
            for u, v in zip(x, y):
                if isinstance(u, tuple) and isinstance(v, tuple) and len(u) == 2 and isinstance(u[0], str) \
                        and u[0] in "+-" and not isinstance(u[1], str):
                    if u[0] != v[0] or not _align(u[1], v[1], diffs):
                        return False
                elif isinstance(u, tuple) and isinstance(v, tuple):
                    if not _align(u, v, diffs):
                        return False
                elif u != v:
                    return False
        elif x != y:
            return False
    return True


def _mentions(node, key, vocab) -> bool:
    from ..text.trees import symbols
    for n in symbols(node):
        try:
            if n[0] == "sym" and resolve(n, vocab).key == key:
                return True
        except NotReadable:
            continue
    return False
