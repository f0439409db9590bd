r"""A forward row among the backward rows that defines a quantity outside the cell from parameters no other row uses.

``m_t = W_a X + b_a`` (the "intermediate variable" of a gate ``a`` that the prose ranges over {f, i, c, o}):
as a forward row it would define a new quantity from new parameters, and pass whatever it says. When the
loss does not depend on what it defines (while it depends on the cell's other rows) and its parameters appear in
no other forward row, it is not a row
of the cell the reader built (its names are fixed only in the prose): unreadable, with that reason, never a
silent pass.
"""
from __future__ import annotations

from ..numeric.losses import dead_keys
from ..text.names import NotReadable, key_latex, resolve
from ..text.trees import walk

__all__ = ["dangling"]


def _params(node, vocab, params):
    out = set()
    for n in walk(node):
        if n[0] != "sym":
            continue
        try:
            key = resolve(n, vocab).key
        except NotReadable:
            continue
        if key in params:
            out.add(key)
    return out


def dangling(model, d) -> str:
    """The reason the forward row ``d`` is outside the cell (see the module doc), else ""."""
    vocab = model.vocab
    params = set(model.params) | set(vocab.params)
    own = _params(d.node, vocab, params)
    if not own:
        return ""
    others = set()
    for x in model.defs:
        if x is not d and x.row != d.row:
            others |= _params(x.node, vocab, params)
            if _params(x.node, vocab, set(d.keys)):
                return ""       # another forward row reads what it defines: a row of the cell
    new = sorted(own - others)
    if not new or len(new) != len(own - others):
        return ""
    try:
        dead = dead_keys(model, list(d.keys))
    except Exception:           # noqa: BLE001 - undecidable here: not dangling
        return ""
    if not d.keys or set(dead) != set(d.keys):
        return ""
    rest = sorted({k for x in model.defs if x is not d for k in x.keys if not k.startswith("pre:")})
    try:
        if not rest or set(dead_keys(model, rest)) == set(rest):
            return ""           # no loss reaches the cell at all: nothing tells a row outside it
    except Exception:           # noqa: BLE001
        return ""
    names = ", ".join(key_latex(k) for k in d.keys)
    return (f"{names} is read by no other row and the loss does not depend on it, and "
            f"{', '.join(key_latex(p) for p in new)} appear in no other forward row: not a row of the cell "
            f"(names fixed only in the prose?), not read")
