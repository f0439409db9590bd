r"""A cell whose rows leave names to functions the derivation never defines.

A forward row that applies a function no row or legend states (``g_\phi^{(t)} = f_\phi(a_\phi^{(t)})`` where the
text names f_phi only in prose) is unreadable (abstractfn.py). The name it defines is then defined nowhere
readable, and the rows that read it would take it for an input of the cell: the memory update would multiply
"given" gates, and the loss would be guessed from the readable fragment. Such a cell is not the author's, so
no gradient row is judged against it: every backward row is unreadable, and so is every forward row reading the
name; forward rows that do not read it are still checked.
"""
from __future__ import annotations

from ..text.names import NotReadable, key_latex, keys_in, resolve

__all__ = ["abstract_lhs", "left_undefined", "INCOMPLETE_WHY"]

INCOMPLETE_WHY = ("{names} {verb} defined only by rows applying a function the derivation never defines, so the "
                  "cell (and the loss's dependence on its names) is not known")


def abstract_lhs(before, after) -> list:
    """Left sides (names) of the rows that parsed (``before``) but were set aside as abstract (``after`` None)."""
    out = []
    for b, a in zip(before, after):
        if b is not None and a is None and b[0] == "row" and len(b[1]) >= 2 and b[1][0][0] == "sym":
            out.append(b[1][0])
    return out


def left_undefined(lhs_nodes, vocab) -> set:
    """Keys of those names that no readable forward row defines (the built cell reads them as inputs)."""
    out = set()
    for n in lhs_nodes:
        try:
            key = resolve(n, vocab).key
        except NotReadable:
            continue
        if key in vocab.inputs and key not in vocab.quantities:
            out.add(key)
    return out


def reads_any(tree, keys, vocab) -> bool:
    return tree is not None and bool(keys_in(tree[1][1:], vocab) & keys)


def why(keys) -> str:
    names = ", ".join(sorted(key_latex(k) for k in keys))
    return INCOMPLETE_WHY.format(names=names, verb="are" if len(keys) > 1 else "is")
