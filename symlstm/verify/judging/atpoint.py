r"""Derivatives evaluated at a point, and a cost named only in prose, lowered to what the reader evaluates.

* ``\frac{d\sigma}{dz}\Big|_{z^2_N}`` (a unit's function differentiated by a dummy variable, taken at a point)
  is ``\sigma'(z^2_N)``.
* ``C = C(y)``, a cost of the output that no row defines (only the prose names it): ``C(y_N)`` is a smooth
  function of the output y_N alone, read as the loss of step N (the model's loss is a sum of one term per
  step, each a function of that step's output), so ``\frac{dC(y_N)}{d\theta}`` is ``\frac{dL_N}{d\theta}`` and
  ``\frac{dC}{dy}\Big|_{y_N}`` (the cost's derivative at y_N) is ``\frac{dL_N}{dy_N}``.

Anything else (a point of another name than the variable, a cost a row defines, a loss name the rows use)
is left as written, and read (or reported unreadable) as before.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from ..text.names import COST_NAMES

__all__ = ["lower_points"]

#: The name the lowered cost takes: the loss of one step (L_N).
_LOSS = "L"


def _word(node):
    """The name after d in a differential (d\\sigma, dy, d z), or None."""
    if node[0] == "pre" and node[1] == "d" and node[2] is None and node[3][0] == "sym":
        return node[3]
    if node[0] == "sym" and len(node[1]) > 1 and node[1][0] == "d" and node[1][1:].isalpha() and node[2] is None \
            and node[3] is None and node[4] is None and not node[5]:
        return ("sym", node[1][1:], None, None, None, 0)
    return None


def _plain(sym) -> bool:
    return sym is not None and sym[0] == "sym" and sym[2] is None and sym[3] is None and sym[4] is None and not sym[5]


def _lhs_names(rows) -> set:
    out = set()
    for r in rows:
        if r is None or r[0] != "row" or not r[1]:
            continue
        lhs = r[1][0]
        if lhs[0] == "sym":
            out.add(lhs[1])
        elif lhs[0] == "mul" and lhs[1] and lhs[1][0][0] == "sym":      # C(y) = ...: a function's definition
            out.add(lhs[1][0][1])
    return out


def _used(node, names: set):
    if isinstance(node, tuple) and node and node[0] == "sym":
        names.add(node[1])
    if isinstance(node, (tuple, list)):
        for x in node:
            _used(x, names)


def _step_loss(point):
    """L_N for the point y_N (a name with a subscript only), else None."""
    if point[0] != "sym" or point[3] is None or point[4] is not None or point[5]:
        return None
    return ("sym", _LOSS, None, point[3], None, 0)


def lower_points(rows):
    """The rows with the derivatives at a point and the prose cost lowered (see the module)."""
    defined = _lhs_names(rows)
    used: set = set()
    _used(rows, used)
    costs = {c for c in COST_NAMES if c not in defined} if _LOSS not in used else set()

    def cost_of(node):
        r"""C(y_N) (a mul of the cost and one bracketed name): the loss of step N, else None."""
        if node[0] == "mul" and len(node[1]) == 2 and node[1][1][0] == "paren" and node[1][1][1] == "(":
            head = node[1][0]
            name = head[1] if _plain(head) else None
            if name is not None and name.startswith("d") and name[1:] in costs:
                return _step_loss(node[1][1][2])
        return None

    def walk(node):
        if not isinstance(node, tuple) or not node:
            return [walk(x) for x in node] if isinstance(node, list) else node
        if node[0] == "at" and node[1][0] == "frac" and len(node[2]) == 1:
            num, den, point = node[1][1], node[1][2], node[2][0]
            top, var = _word(num), _word(den)
            if _plain(top) and _plain(var) and top[1] in FUNCTION_WORDS:
                # \frac{d\sigma}{dz}|_{p}: sigma'(p)
                return ("mul", [("sym", top[1], None, None, None, 1), ("paren", "(", walk(point))], [None, None])
            if _plain(top) and _plain(var) and top[1] in costs and point[0] == "sym" and point[1] == var[1]:
                loss = _step_loss(point)
                if loss is not None:              # \frac{dC}{dy}|_{y_N}: dL_N/dy_N
                    return ("frac", ("pre", "d", None, loss), ("pre", "d", None, point))
        if node[0] == "frac":
            loss = cost_of(node[1])
            if loss is not None:                  # \frac{dC(y_N)}{d\theta}: dL_N/d\theta
                return ("frac", ("pre", "d", None, loss), walk(node[2]))
        return tuple(walk(x) for x in node)

    return [walk(r) if r is not None else None for r in rows]
