r"""An elision read by its pattern: ``a_t + a_{t-1} + a_{t-2} + \ldots + a_1``,
``\frac{\partial s_t}{\partial s_{t-1}} \cdots \frac{\partial s_{k+1}}{\partial s_k}``,
``W^\top \mathrm{diag}(f'(z_t)) \cdots W^\top \mathrm{diag}(f'(z_{i+1}))``.

The run of terms (or factors) around the dots is a template repeated: the block of ``p`` items right before the
dots and the block right after are the same expression except at whole numbers written as scripts (times,
powers), the *holes*. The step of each hole is its change from the block before (when the block before that has
the same form), else one step towards the block after. Every hole must reach its value after the dots in the same
number of steps ``n``; the ``n - 1`` blocks in between are written out (each hole moved by its step) at the
values of the times where the row is checked. Anything else (the blocks differ elsewhere, no hole changes, holes
disagree on ``n``) is not read. Where the written blocks already overlap at a step (``n < 1``: too few steps in
the run for the pattern), that step is skipped (:data:`NO_ROOM`)."""
from __future__ import annotations

from ..text.names import NotReadable

__all__ = ["expand_elision", "NO_ROOM", "MAX_ELIDED"]

#: The message (an IllTyped: the step is skipped, links.py's run edge) of an elision with no room at a step.
NO_ROOM = "an elision with no room at this step"
#: The most blocks an elision may stand for.
MAX_ELIDED = 64
#: The longest block (items repeated together) looked for.
MAX_PERIOD = 3


def _dots(item) -> bool:
    return item == ("dots",) or isinstance(item, tuple) and len(item) == 2 and item[1] == ("dots",)


def _holes(a, b, int_of, in_script, path, out) -> bool:
    """Walk ``a`` and ``b`` together; record the paths where they differ at a whole number written in a script
    (``out``: path -> (a's node, b's node)); False where they differ anywhere else."""
    if a == b:
        return True
    if in_script and isinstance(a, tuple) and isinstance(b, tuple) and a and b and isinstance(a[0], str):
        va, vb = int_of(a), int_of(b)
        if va is not None and vb is not None:
            out[path] = (a, b)
            return True
    if type(a) is not type(b) or not isinstance(a, (tuple, list)) or len(a) != len(b):
        return False
    script = isinstance(a, tuple) and a and a[0] in ("sym", "sc")
    for k, (x, y) in enumerate(zip(a, b)):
        inner = in_script or (script and (k in (3, 4) if a[0] == "sym" else k in (2, 3)))
        if not _holes(x, y, int_of, inner, path + (k,), out):
            return False
    return True


def _at(node, path):
    for k in path:
        node = node[k]
    return node


def _put(node, path, new):
    if not path:
        return new
    k = path[0]
    items = list(node)
    items[k] = _put(node[k], path[1:], new)
    return tuple(items) if isinstance(node, tuple) else items


def _moved(hole, value, by):
    """The hole's expression moved ``by`` steps (its form kept: t-2 -> t-2-1, (t) -> (t-1), 3 -> 2)."""
    if by == 0:
        return hole
    if hole[0] == "num":
        return ("num", str(value + by))
    if hole[0] == "paren":
        return (hole[0], hole[1], _moved(hole[2], value, by)) + tuple(hole[3:])
    term = ("+" if by > 0 else "-", ("num", str(abs(by))))
    if hole[0] == "add":
        return ("add", list(hole[1]) + [term])
    return ("add", [("+", hole), term])


def _value(int_of):
    def read(node):
        try:
            return int_of(node)
        except (NotReadable, ArithmeticError, ValueError, TypeError, KeyError, IndexError):
            return None
        except Exception as e:          # IllTyped and the like: not a whole number here
            if type(e).__name__ in ("IllTyped", "Undefined", "LatexError"):
                return None
            raise
    return read


def _block_holes(xs, ys, int_of):
    out = {}
    for k, (x, y) in enumerate(zip(xs, ys)):
        if not _holes(x, y, int_of, False, (k,), out):
            return None
    return out


def expand_elision(items, int_of, no_room, fallback=None):
    """``items`` (terms ``(sign, tree)`` of a sum, or factors of a product) with one elision ``("dots",)``
    written out; ``int_of(node)`` the whole number a script stands for here (or raises); ``no_room(msg)`` the
    exception to raise where the written blocks overlap at this step; ``fallback(items, int_of, no_room, sums)``
    the items written out where the blocks around the dots differ (or None). Returns the items and the length of
    the repeated block; raises NotReadable where no pattern is read."""
    where = [k for k, it in enumerate(items) if _dots(it)]
    if len(where) != 1:
        raise NotReadable(r"\ldots (an elided expression) cannot be checked")
    d = where[0]
    before, after = items[:d], items[d + 1:]
    sign = items[d][0] if items[d] != ("dots",) else None
    if sign is not None and any(isinstance(it, tuple) and len(it) == 2 and it[0] in ("+", "-") and it[0] != sign
                                for it in before[-1:] + after[:1]):
        # "a + b - \ldots + z": the elided terms' sign differs from the terms it continues; which is meant is not read
        raise NotReadable(r"\ldots with a sign unlike the terms around it (which terms it subtracts is not read)")
    read = _value(int_of)
    for p in range(1, MAX_PERIOD + 1):
        if len(before) < p or len(after) < p:
            break
        xs, ys = before[-p:], after[:p]
        holes = _block_holes(xs, ys, read)
        if holes is None:
            continue
        if not holes:
            raise NotReadable(r"\ldots between two equal blocks: how many are elided is not read")
        steps = {}
        prev = _block_holes(before[-2 * p:-p], xs, read) if len(before) >= 2 * p else None
        if prev is not None and set(prev) <= set(holes):
            for path in holes:
                steps[path] = read(_at(xs, path)) - read(_at(before[-2 * p:-p], path)) if path in prev else 0
        else:
            for path, (hx, hy) in holes.items():
                vx, vy = read(hx), read(hy)
                steps[path] = (vy > vx) - (vy < vx)
        counts = set()
        for path, (hx, hy) in holes.items():
            vx, vy, st = read(hx), read(hy), steps[path]
            if st == 0:
                if vx != vy:
                    counts.add(None)
                elif prev is None:
                    counts.add(0)          # written differently, equal at this step: the blocks meet here
                continue
            if (vy - vx) % st:
                counts.add(None)
            counts.add((vy - vx) // st)
        if None in counts or len(counts) != 1:
            raise NotReadable(r"\ldots whose blocks before and after do not follow one pattern")
        n = counts.pop()
        if n < (1 if prev is not None else 2):
            # no room; and with one block before the dots its step is read from the values here, whose sign
            # turns where the blocks nearly meet (S_{k-1} and S_{k-m} at m = 0): only a gap of two is trusted
            raise no_room(NO_ROOM)
        if n - 1 > MAX_ELIDED:
            raise NotReadable(f"\\ldots standing for more than {MAX_ELIDED} terms")
        made = []
        for j in range(1, n):
            block = list(xs)
            for path, (hx, _) in holes.items():
                block = _put(block, path, _moved(hx, read(hx), j * steps[path]))
            made.extend(block)
        return list(before) + made + list(after), p
    sums = all(isinstance(it, tuple) and len(it) == 2 and it[0] in ("+", "-") for it in items)
    made = fallback(list(items), int_of, no_room, sums) if fallback is not None else None
    if made is not None:        # the chain rule's elisions (chainelision.py)
        return made, 1
    if not before:
        raise NotReadable(r"\ldots opening a group (a nested form written out to some depth) is not read")
    if len(before) >= 2 and before[-1] == before[-2] and not sums:
        raise NotReadable(r"\cdots after a run of equal factors (W W W \cdots) with no last one: how many are elided "
                          "(a power of which count) is not read")
    raise NotReadable(r"\ldots (an elided expression) cannot be checked: the blocks around it differ")
