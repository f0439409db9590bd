r"""A nested form written out to some depth, its innermost group opened by the dots:
``A_t + J_t \cdot \left( A_{t-1} + J_{t-1} \cdot \left( \ldots + A_1 \right) \right)``.

A recursion ``X_k = A_k + J_k X_{k-1}`` substituted into itself is written as groups inside groups: each group (the
content of a bracket, the outermost one the whole side) is the one before it with the times moved one step (the
*template*: the group before, its inner bracket the *child*), and the innermost group starts with ``\ldots`` and
ends with the *tail*, the terms of the template without the one holding the child, at the step where the nest ends
(``A_1``). Read: the groups go on, each the template moved one more step, until the tail's step; at a step of the
run where the innermost group is already the tail's (the dots stand for nothing) it is the tail alone.

Read only when the two groups written before the innermost one are the template and its move (the same expression
but at whole numbers written as scripts, each moved by a step of its own, the child in the same place in both), the
child is in the last term, and the tail is the template's other terms with every moved number at one same count of
steps on. Anything else is not read (the reason of elision.py stands). A step of the run where the tail's step is
not below the innermost group's is skipped (no room: elision.NO_ROOM).
"""
from __future__ import annotations

from .elision import MAX_ELIDED, NO_ROOM, _holes, _moved, _put, _at, _value

__all__ = ["nested_items"]

_CHILD = ("child",)


def _find(node, target, path=()):
    """The path of the node ``target`` (by identity) inside ``node``, else None."""
    if node is target:
        return path
    if isinstance(node, (tuple, list)):
        for k, x in enumerate(node):
            if isinstance(x, (tuple, list)):
                p = _find(x, target, path + (k,))
                if p is not None:
                    return p
    return None


def _levels(stack):
    """(group, bracket holding the next group) pairs from the inside out: the contents of the brackets on the
    evaluation stack, the outermost the whole side."""
    out = []
    for k in range(len(stack) - 1, 0, -1):
        if stack[k - 1][0] == "paren" and stack[k - 1][2] is stack[k]:
            out.append((stack[k], stack[k - 1]))
    if not out or out[-1][0] is not stack[0]:
        out.append((stack[0], None))
    return out


def nested_items(items, stack, int_of, no_room):
    """The terms of the innermost group ``items`` (``\\ldots`` first, then the tail) written out at this step (module
    doc), else None. ``stack``: the nodes being evaluated, the group last; ``int_of(node)``: a script's whole number
    here."""
    if len(items) < 2 or items[0] != ("+", ("dots",)) or any(t == ("dots",) for _, t in items[1:]):
        return None
    if len(stack) < 3 or stack[-1][0] != "add" or stack[-1][1] is not items and stack[-1][1] != items:
        return None
    levels = _levels(stack)
    # levels[0]: the innermost group (items), [1]: the template, [2]: the group before it
    if len(levels) < 3:
        return None
    (_, inner_br), (tmpl, tmpl_br), (outer, _) = levels[0], levels[1], levels[2]
    if inner_br is None or tmpl_br is None or tmpl[0] != "add" or outer[0] != "add":
        return None
    child = _find(tmpl, inner_br)
    if child is None or _find(outer, tmpl_br) != child or len(child) < 2 or child[0] != 1:
        return None
    if child[1] != len(tmpl[1]) - 1 or len(outer[1]) != len(tmpl[1]):
        return None            # the child in the last term
    read = _value(int_of)
    holes: dict = {}
    if not _holes(_put(outer, child, _CHILD), _put(tmpl, child, _CHILD), read, False, (), holes) or not holes:
        return None
    steps = {}
    for path, (a, b) in holes.items():
        va, vb = read(a), read(b)
        if va is None or vb is None or va == vb:
            return None
        steps[path] = vb - va
    others = list(tmpl[1][:-1])
    tail = list(items[1:])
    if len(tail) != len(others):
        return None
    found: dict = {}
    if not _holes(("add", others), ("add", tail), read, False, (), found):
        return None
    mine = {p for p in holes if p[1] < len(others)}          # the template's moved numbers outside the child's term
    if set(found) != mine or not mine:
        return None
    counts = set()
    for path, (a, b) in found.items():
        va, vb = read(a), read(b)
        if (vb - va) % steps[path]:
            return None
        counts.add((vb - va) // steps[path])
    if len(counts) != 1:
        return None
    j = counts.pop()          # the tail is the group j steps on from the template
    if j < 1:
        raise no_room(NO_ROOM)
    if j - 1 > MAX_ELIDED:
        return None
    node = ("add", tail)
    for k in range(j - 1, 0, -1):          # the groups between, the template moved k steps, innermost first
        level = tmpl
        for path in holes:
            h = _at(tmpl, path)
            level = _put(level, path, _moved(h, read(h), k * steps[path]))
        bracket = _at(level, child)
        level = _put(level, child, (bracket[0], bracket[1], node) + tuple(bracket[3:]))
        node = level
    return list(node[1])

