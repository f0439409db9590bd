r"""A cell recalled after another one: notes that state an LSTM, then a GRU, then derive the LSTM's backward pass
"using the forward equations" they write again (``h_t = o_t \odot \tanh(c_t), \quad c_t = f_t \odot c_{t-1} +
i_t \odot \tilde c_t``).

The rows written again repeat, word for word, forward rows of a cell stated before the one in between, and
define a name (h_t) that the cell in between defines otherwise. They start a cell of their own
(:func:`recalled_bounds`): the earlier one, whose other rows (the gates the repeated rows read) are copied in
front of them as given rows that build the cell and are never reported (:func:`recall_cells`). Without this the
backward rows were judged against the cell in between (the GRU), and every row reading an LSTM gate was
unreadable ("computed by the cell stated before but by no row of this restated cell").
"""
from __future__ import annotations

import dataclasses

from .completecell import SYNTHETIC_TEXT

#: Most rows one restated cell takes over from the cell before it (the rows are copied once per cell).
MAX_TAKEN = 40

__all__ = ["recalled_bounds", "recall_cells", "omitted_activations", "given_rows"]


def given_rows(rows, equations, errors, inserts):
    """(rows, equations, errors) with the row trees of each ``(position, [tree, ...])`` of ``inserts`` put in front
    of that position as given rows never reported (the errors' row indices moved past them)."""
    if not inserts:
        return rows, equations, errors
    rows, equations = list(rows), list(equations)
    for pos, new in sorted(inserts, key=lambda x: -x[0]):
        extra = [dataclasses.replace(equations[pos], text=SYNTHETIC_TEXT, given=True) for _ in new]
        rows[pos:pos] = new
        equations[pos:pos] = extra
        errors = {(k + len(new) if k >= pos else k): e for k, e in errors.items()}
    return rows, equations, errors


def _said(rows, stated) -> dict:
    """Row -> (keys, normalized sides) of the forward rows ``stated`` (row -> keys)."""
    from ..numeric.numadjoint import right_sides
    return {k: (frozenset(keys), right_sides(rows[k])) for k, keys in stated.items()}


def _segment_of(k, bounds) -> int:
    return next(j for j, (lo, hi) in enumerate(zip(bounds, bounds[1:])) if lo <= k < hi)


def _source(i, said, bounds):
    """The index of the earlier segment a forward row ``i`` repeats a row of, else None."""
    j = _segment_of(i, bounds)
    for e, (keys, sides) in said.items():
        if e < bounds[j] and said[i] == (keys, sides):
            return _segment_of(e, bounds)
    return None


def recalled_bounds(bounds, rows, stated) -> list:
    """``bounds`` (the starts of the cells, and the end) with a cell started where forward rows repeat rows of
    an earlier cell and define a name the current cell defines otherwise (module doc)."""
    said = _said(rows, stated)
    out = list(bounds)
    j = 1
    while j < len(out) - 1:
        lo, hi = out[j], out[j + 1]
        own = {}
        split = None
        for i in sorted(k for k in said if lo <= k < hi):
            keys, sides = said[i]
            src = _source(i, said, out)
            if src is not None and src < j and any(key in own and own[key] != sides for key in keys):
                split = i
                while split - 1 > lo and (split - 1 not in said or _source(split - 1, said, out) == src) and \
                        (split - 1 in said or rows[split - 1] is None):
                    split -= 1          # the repeated rows just before it open the recalled cell too
                break
            for key in keys:
                own.setdefault(key, sides)
        if split is not None and lo < split < hi:
            out.insert(j + 1, split)
        j += 1
    return out


def recall_cells(rows, equations, errors, segments, forward_rows):
    """(rows, equations, errors): in front of each recalled cell (``segments(rows)``: the cells' row ranges),
    the forward rows of the cell it recalls that it does not write itself, as given rows never reported.
    ``forward_rows(rows)``: row -> keys of the forward rows."""
    bounds = [lo for lo, _ in segments(rows)] + [len(rows)]
    stated = forward_rows(rows)
    said = _said(rows, stated)
    inserts = []
    for j in range(1, len(bounds) - 1):
        lo, hi = bounds[j], bounds[j + 1]
        first = next((k for k in sorted(said) if lo <= k < hi), None)
        src = _source(first, said, bounds) if first is not None else None
        if src is None:
            continue
        written = set().union(*(said[k][0] for k in said if lo <= k < hi and      # ("where $v_t = ...$" in the
                                not getattr(equations[k], "inline", False)))       # prose names a part: not a row)
        copied = [k for k in sorted(said) if bounds[src] <= k < bounds[src + 1] and not said[k][0] & written]
        if copied:
            inserts.append((lo, copied))
    return given_rows(rows, equations, errors, [(pos, [rows[k] for k in copied]) for pos, copied in inserts])


def omitted_activations(rows, equations, errors, segments, forward_rows, reads):
    r"""(rows, equations, errors): in front of a cell restated with rows left out, the rows of the cell just before
    it that compute a name the restated cell reads but never writes from names alone (a decoder's GRU restated with
    its own weights, ``z_u = W^{dec}_u [h_{t-1}; e_t] + b^{dec}_u``, that leaves ``u_t = \sigma(z_u)``, ``\tilde h_t
    = \tanh(z_h)`` to the encoder's statement), as given rows never reported. Only rows that read no weight or
    input are taken (no parameter is renamed: a row reading one is the restated cell's own to state), and no state
    (a row reading its own name, ``c_t = f_t c_{t-1} + ...``) nor a name the restated cell writes primed (``c'``);
    and only where the restated cell writes two names or more of the earlier one (a restatement, not another
    model).
    ``segments(rows)``: the cells' row ranges; ``forward_rows(rows)``: row -> keys defined; ``reads(row)``: the
    keys a row's right side reads (None where it cannot be read)."""
    bounds = [lo for lo, _ in segments(rows)] + [len(rows)]
    if len(bounds) < 3:
        return rows, equations, errors
    stated = forward_rows(rows)
    inserts = []
    for j in range(1, len(bounds) - 1):
        (plo, phi), (lo, hi) = (bounds[j - 1], bounds[j]), (bounds[j], bounds[j + 1])
        mine = {k: keys for k, keys in stated.items() if lo <= k < hi and not getattr(equations[k], "inline", False)}
        before = {k: keys for k, keys in stated.items() if plo <= k < phi}
        written = set().union(*mine.values()) if mine else set()
        earlier = set().union(*before.values()) if before else set()
        if len(written & earlier) < 2:
            continue
        wanted = set()
        for k in mine:
            wanted |= reads(rows[k]) or set()
        wanted -= written
        taken, known = [], written | earlier
        stems = {key.rstrip("'") for key in written}
        for k, keys in sorted(before.items()):
            read = reads(rows[k])
            if keys & wanted and not {key.rstrip("'") for key in keys} & stems and read and read <= known and \
                    not read & keys:
                taken.append(k)     # (not c_t = f_t c_{t-1} + ... beside the restated c' = f c + i g: a state the
                #                     restated cell writes anew, which its h' = o tanh(c_t) misreads)
        if taken and len(taken) <= MAX_TAKEN:
            inserts.append((lo, taken))
    return given_rows(rows, equations, errors, [(pos, [rows[k] for k in copied]) for pos, copied in inserts])
