r"""A vector written out by its components with an elision: ``[-\frac{y_{t, 1}}{\hat{y}_{t, 1}}, -\frac{y_{t,
2}}{\hat{y}_{t, 2}}, \cdots, -\frac{y_{t, C}}{\hat{y}_{t, C}}]``, ``\text{diag}((1-s_{i, 1}^2), (1-s_{i, 2}^2),
\cdots, (1-s_{i, D}^2))``.

The entries are one template in a component index: the entries before the dots are the components 1, 2, ... (in
order, from 1), the entry after them the last one, whose component is a capital letter the derivation gives no
value (C, D): the number of components of the vectors it indexes. That letter is read as the size of those
vectors (all of the same size), and the list is every component from 1 to it. Anything else (other differences
between the entries, a first entry not at 1, a letter of no size, vectors of different sizes) is not read.
"""
from __future__ import annotations

import numpy as np

from ..text.names import IllTyped, NotReadable

__all__ = ["component_list_items"]

_HOLE = "#component"


class _Mismatch(Exception):
    pass


def _template(node, found):
    """``node`` with every component index replaced by a hole; the indices into ``found`` (ints or letters)."""
    if isinstance(node, tuple) and node and node[0] == "comp" and len(node) == 3 and len(node[2]) == 1:
        found.append(node[2][0])
        return ("comp", _template(node[1], found), [_HOLE])
    if isinstance(node, tuple) and len(node) == 6 and node[0] == "sym" and node[3] and len(node[3]) >= 2:
        last = node[3][-1]
        letter = last[0] == "sym" and len(last[1]) == 1 and last[1].isupper() and last[2:] == (None, None, None, 0)
        number = last[0] == "num" and last[1].isdigit()
        if letter or number:
            found.append(last[1] if letter else int(last[1]))
            base = ("sym", node[1], node[2], list(node[3][:-1]), node[4], node[5])
            return ("comp", base, [_HOLE])
    if isinstance(node, tuple):
        return tuple(_template(x, found) for x in node)
    if isinstance(node, list):
        return [_template(x, found) for x in node]
    return node


def _bases(node, out):
    if isinstance(node, tuple) and node and node[0] == "comp" and node[2] == [_HOLE]:
        out.append(node[1])
        return
    if isinstance(node, (tuple, list)):
        for x in node:
            _bases(x, out)


def _fill(node, k):
    if isinstance(node, tuple) and node and node[0] == "comp" and len(node) == 3 and node[2] == [_HOLE]:
        return ("comp", _fill(node[1], k), [k])
    if isinstance(node, tuple):
        return tuple(_fill(x, k) for x in node)
    if isinstance(node, list):
        return [_fill(x, k) for x in node]
    return node


def component_list_items(ev, items, ctx):
    """The entries of the list ``items`` (one of them ``("dots",)``) written out, or raise NotReadable."""
    where = [k for k, it in enumerate(items) if it == ("dots",)]
    if len(where) != 1 or where[0] == 0 or where[0] != len(items) - 2:
        raise NotReadable(r"\ldots (an elided expression) cannot be checked")
    shapes, indices = [], []
    for it in items[:-2] + items[-1:]:
        found = []
        shapes.append(_template(it, found))
        if not found or len(set(found)) != 1:
            _scalar_components(ev, items, ctx)
            raise NotReadable(r"\ldots (an elided expression) cannot be checked: the entries are not components")
        indices.append(found[0])
    if any(s != shapes[0] for s in shapes) or indices[:-1] != list(range(1, len(indices))) or \
            not isinstance(indices[-1], str) or indices[-1] in ctx.env:
        raise NotReadable(r"\ldots (an elided expression) cannot be checked: the entries are not the components "
                          "1, 2, ... up to a number of components")
    bases = []
    _bases(shapes[0], bases)
    sizes = set()
    for b in bases:
        v = ev.value(b, ctx)
        if not isinstance(v, np.ndarray) or v.ndim != 2 or min(v.shape) != 1:
            raise NotReadable(f"\\ldots up to the component {indices[-1]} of something that is no vector")
        sizes.add(v.size)
        if v.size == 1 and len(indices) > 2:       # L_{t,2} with L_t the loss: a scalar has no component 2
            raise IllTyped(f"the list's entry 2 takes component 2 of {_shown(b, ev)}, a value of one component (a "
                           f"scalar): no such component, whatever the dots stand for")
    if len(sizes) != 1:
        raise NotReadable(f"\\ldots up to the component {indices[-1]} of vectors of different sizes")
    n = sizes.pop()
    if n < len(indices) - 1:
        raise NotReadable(f"\\ldots up to the component {indices[-1]}: fewer components than written")
    return [_fill(shapes[0], k) for k in range(1, n + 1)]


def _scalar_components(ev, items, ctx):
    r"""Raise IllTyped where a written entry of the list takes a component 2, 3, ... of a value with one component
    (``\frac{\partial L_{t, 2}}{\partial \hat{y}_{t, 2}}`` with L_t the loss, a scalar: L_{t,2} is nothing): the
    list is ill-typed whatever the dots stand for. (A component beyond a vector's size is not: the reader's
    vectors are shorter than the author's.)"""
    for j, it in enumerate(items):
        if it == ("dots",):
            continue
        try:
            ev.value(it, ctx)
        except IllTyped as e:       # numlayers.OutOfRange (not imported: the import chain stays short)
            if type(e).__name__ == "OutOfRange" and str(e).endswith(" of a vector of 1 is outside the run"):
                raise IllTyped(f"entry {j + 1} of the list takes {str(e).split(' is ')[0].replace('a vector of 1', 'a value of one component (a scalar)')}: "
                               f"no such component, whatever the dots stand for") from None
        except NotReadable:
            continue


def _shown(node, ev) -> str:
    from .numbase import _show
    from ..text.names import resolve
    try:
        return _show(resolve(node, ev.vocab))
    except Exception:           # noqa: BLE001 - a name shown as written where it cannot be resolved alone
        return node[1] if isinstance(node, tuple) and len(node) > 1 and isinstance(node[1], str) else "a value"
