r"""A code name set in parentheses: ``(pre\_act) = U x_t + ...``, ``\partial (pre\_act)``, ``d(pre\_act)``.

Prose that explains code names a sub-expression with a word and sets the word in parentheses, to keep it apart
from the symbols around it: "(pre\_act) is the linear combination inside the tanh", then
``\frac{\partial \tilde{h}_t}{\partial (pre\_act)}`` and its gradient ``d(pre\_act)``, which the code calls
``dpre\_act``. The parentheses group nothing: ``(pre\_act)`` is the name, ``d(pre\_act)`` is ``dpre\_act``. Likewise
``d(\tanh(c_s[t]))`` is the gradient at the value the bracket computes (read as the adjoint of that
sub-expression of the forward rows), unless a row defines a name ``d``.

Only a plain name of two or more letters (no scripts) in round brackets, and only where no function can be
applied to it: the left side of a row whose right side another row writes (the sub-expression it names;
else the row is left as written and not read), a right side, the operand of ``\partial`` or of a prefix d, or right after a lone ``d``
(``d(pre\_act)``). ``\sigma(z)``, ``f(x)``, ``W(x)`` and any bracket holding more than one name are left as
written.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from .trees import walk

__all__ = ["paren_names"]


def _name_in_paren(node):
    """The plain name a ``(name)`` holds, else None."""
    if not isinstance(node, tuple) or len(node) != 3 or node[0] != "paren" or node[1] != "(":
        return None
    inner = node[2]
    if inner[0] != "sym" or inner[2] is not None or inner[3] is not None or inner[4] is not None or inner[5]:
        return None
    if len(inner[1].replace("_", "")) < 2 or inner[1] in FUNCTION_WORDS:
        return None
    return inner


def _applies(node) -> bool:
    """The bracket applies a function (``(\\tanh(c_t))``): ``d(t)``, ``d(x_t)`` are a name d at an argument."""
    return any(isinstance(n, tuple) and n and n[0] == "sym" and n[1] in FUNCTION_WORDS for n in walk(node))


def _rewrite(node, d_free=True):
    if not isinstance(node, tuple) or not node or not isinstance(node[0], str) or node[0] == "sym":
        return node
    if node[0] == "pre" and len(node) > 3 and node[1] in ("partial", "d") and _name_in_paren(node[3]) is not None:
        return node[:3] + (_name_in_paren(node[3]),) + node[4:]
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple):
            out.append(_rewrite(x, d_free))
        elif isinstance(x, list):
            out.append([(y[0], _rewrite(y[1], d_free)) if isinstance(y, tuple) and len(y) == 2 and y[0] in ("+", "-")
                        and isinstance(y[1], tuple)
                        else _rewrite(y, d_free) if isinstance(y, tuple)
                        else [_rewrite(z, d_free) for z in y] if isinstance(y, list) else y for y in x])
        else:
            out.append(x)
    node = tuple(out)
    if node[0] == "mul":                    # d(pre\_act): the code name dpre\_act
        items, ops = list(node[1]), list(node[2])
        k = 0
        while k + 1 < len(items):
            a, b = items[k], items[k + 1]
            name = _name_in_paren(b)
            lone_d = ops[k + 1] is None and a == ("sym", "d", None, None, None, 0) and (k == 0 or ops[k] is not None)
            if lone_d and name is not None:
                items[k:k + 2] = [("sym", "d" + name[1], None, None, None, 0)]
                del ops[k + 1]
            elif lone_d and d_free and isinstance(b, tuple) and b[0] == "paren" and b[1] == "(" and _applies(b):
                # d(\tanh(c_t)): the gradient at the value the bracket computes (a sub-expression's adjoint)
                items[k:k + 2] = [("pre", "d", None, b)]
                del ops[k + 1]
            k += 1
        node = items[0] if len(items) == 1 else ("mul", items, ops)
    return node


def _written_elsewhere(tree, k, rows) -> bool:
    """``(name) = EXPR``: another row writes EXPR (the sub-expression the name stands for); a bracketed name
    defined by an expression no other row contains names nothing of the cell and stays as written (not read)."""
    if len(tree[1]) != 2:
        return False
    expr = tree[1][1]
    return any(j != k and other is not None and any(n == expr for p in other[1][1:] for n in walk(p))
               for j, other in enumerate(rows))


def paren_names(rows):
    """The rows with ``(name)`` read as ``name`` where nothing applies to it (module doc); None rows unchanged."""
    d_free = not any(tree is not None and tree[1] and tree[1][0] == ("sym", "d", None, None, None, 0)
                     for tree in rows)          # no row defines a name d: d(...) is a gradient
    out = []
    for k, tree in enumerate(rows):
        if tree is None:
            out.append(None)
            continue
        parts = [_rewrite(p, d_free) if _name_in_paren(p) is None or (i == 0 and not _written_elsewhere(tree, k, rows))
                 else _name_in_paren(p) for i, p in enumerate(tree[1])]
        out.append((tree[0], parts) + tuple(tree[2:]))
    return out
