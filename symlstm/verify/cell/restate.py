r"""Whether forward rows that define names again restate the same cell or state another one.

A text may define its network twice: a scalar form (``\hat y_t = sigm(V s_t)``) and then a vector form
through new intermediate names (``g_t = V s_t``, ``\hat y_t = softmax(g_t)``). The second statement reads
names the first never read, as a restatement through intermediates does (``z_t = U x_t + W s_{t-1}``,
``s_t = tanh(z_t)``); what tells them apart is the nonlinearity: a restatement applies the same functions
to each name it defines again (once its new intermediate names are written out), another cell does not.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from ..text.names import NotReadable, keys_in, resolve
from ..text.trees import walk

__all__ = ["input_made_state", "other_functions", "new_cell_start", "swapped_weights"]


def _functions(node) -> frozenset:
    return frozenset(FUNCTION_WORDS[n[1]][0] for n in walk(node)
                     if n[0] == "sym" and n[1] in FUNCTION_WORDS and FUNCTION_WORDS[n[1]][0] != "diag")


def other_functions(window, seen, first, rows, vocab) -> bool:
    """Some name the rows of ``window`` (pairs (row, keys)) define again is computed with other functions than
    its first definition (row ``first[key]``): the inlined new names of the window count as its own."""
    new = {}
    for k, keys in window:
        for key in keys - seen:
            new.setdefault(key, k)

    def closure(k, depth=0):
        funcs = set()
        for side in rows[k][1][1:]:
            funcs |= _functions(side)
            if depth < 6:
                try:
                    used = keys_in([side], vocab)
                except NotReadable:
                    continue
                for key in used:
                    if key in new and new[key] != k:
                        funcs |= closure(new[key], depth + 1)
        return funcs

    for k, keys in window:
        for key in keys & seen:
            if key not in first:
                continue
            before = set().union(*(_functions(side) for side in rows[first[key]][1][1:]))
            if before and closure(k) and closure(k) != before:
                return True
    return False


def new_cell_start(k, keys, seen, first, rows, vocab, fwd=()):
    r"""The row where another cell starts when row ``k`` defines one name again (``h_t = o_t \odot \tanh(c_t)``
    after a vanilla RNN's ``h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t)``): the row reads, directly or through them,
    two or more names first defined after the name's first definition (c_t, and the gates c_t reads), and the
    functions it applies through them differ from the first definition's. None when the row restates the cell
    (through one new intermediate, or with the same functions). ``fwd``: the forward rows (row, keys): a first
    definition through an abstract function (``h_t = f(h_{t-1}, x_t)``, no function word) is compared by the
    first later definition of the name that applies one (the cell it spells out)."""
    again = keys & seen
    if len(again) != 1:
        return None
    key = next(iter(again))
    if key not in first or rows[first[key]] is None:
        return None
    since = first[key]
    if not any(_functions(side) for side in rows[since][1][1:]):
        since = next((j for j, ks in fwd if since < j < k and key in ks and rows[j] is not None and
                      any(_functions(side) for side in rows[j][1][1:])), since)
    try:
        reads = keys_in(rows[since][1][1:], vocab)      # names the first definition reads are of its own cell
    except NotReadable:
        return None
    try:
        if reads and reads <= keys_in(rows[k][1][1:], vocab):
            return None     # the first definition with terms added (a peephole's + w_f \odot c_{t-1}): no new names
    except NotReadable:     # carry it (a variant of the cell, restated by its other rows)
        return None
    newer = {n: r for n, r in first.items() if since < r < k and n not in reads}
    found, todo = {}, [k]
    while todo and len(found) < 40:
        j = todo.pop()
        try:
            used = keys_in(rows[j][1][1:], vocab)
        except NotReadable:
            return None
        for n in used:
            if n in newer and n not in found and n != key:
                found[n] = newer[n]
                todo.append(newer[n])
    if len(found) < 2:
        return None
    try:        # the new names read something the first definition never does (new weights, a new state c_{t-1})
        outside = keys_in([side for j in found.values() for side in rows[j][1][1:]], vocab) - reads - set(found)
    except NotReadable:
        return None
    if not outside:             # g_3 = g_1 + g_2 of the same weights and inputs: a restatement
        return None
    before = set().union(*(_functions(side) for side in rows[since][1][1:]))
    after = set().union(*(_functions(side) for j in [k, *found.values()] for side in rows[j][1][1:]))
    if not before or after == before:
        return None
    return min(found.values())


def new_parameters(used, defined, originals) -> frozenset:
    r"""Names a forward row that defines a name again reads that no forward row defines and the first
    definitions never read (``g = \tanh(W_g z + b_g)`` after ``g = \tanh(W^g [h_{t-1}, x_t])``: the bias
    b_g): a restatement through intermediate names only renames what the first definition computes, so a new
    parameter means another cell (a bias-free model in prose, then the code's cell with biases)."""
    return frozenset(n for n in used - defined - originals if n not in FUNCTION_WORDS)


def _pairs(nodes, vocab) -> set:
    """(weight, operand) of the products ``W x_t`` in ``nodes``: a name without a step times a name at a step."""
    out = set()
    for side in nodes:
        for n in walk(side):
            if n[0] != "mul" or len(n[1]) != 2 or n[1][0][0] != "sym" or n[1][1][0] != "sym":
                continue
            try:
                w, x = resolve(n[1][0], vocab), resolve(n[1][1], vocab)
            except NotReadable:
                continue
            if w.time is None and not w.word and not w.transpose and (x.time is not None or x.word):
                out.add((w.key, x.key))
    return out


def swapped_weights(k, keys, seen, first, rows, vocab):
    r"""The row where a restated cell starts that pairs the same weights with other operands: ``h_t = f(U h_{t-1}
    + W x_t + b)``, then ``a_t = W h_{t-1} + U x_t + b``, ``h_t = f(a_t)`` (a note copying two sources, U and W
    swapped). The restatement names the weights anew, and the rows after it use its names: a cell of its own,
    not a claim about the first (whose rows would then all fail). Only when row ``k`` defines one name again
    through new intermediate names (rows after the name's first definition) whose products pair the first
    definition's weights and operands (two or more of each, the same sets) otherwise. None else."""
    again = keys & seen
    if len(again) != 1:
        return None
    key = next(iter(again))
    since = first.get(key)
    if since is None or rows[since] is None:
        return None
    try:
        used = keys_in(rows[k][1][1:], vocab)
    except NotReadable:
        return None
    found = {first[n] for n in used if n in first and since < first[n] < k and n != key and rows[first[n]]}
    if not found:
        return None
    before = _pairs(rows[since][1][1:], vocab)
    after = _pairs([side for j in sorted(found) + [k] for side in rows[j][1][1:]], vocab)
    if len(before) < 2 or len(after) < 2 or before == after:
        return None
    if {w for w, _ in before} != {w for w, _ in after} or {x for _, x in before} != {x for _, x in after}:
        return None
    return min(found)


def _timed_reads(node, vocab, cache=None) -> list:
    """(key, at the row's own step) of each name with a subscript ``node`` reads at a step; ``cache``: {id(node):
    (node, reads)} kept between calls."""
    if cache is not None and id(node) in cache:
        return cache[id(node)][1]
    now = ("sym", vocab.time_var, None, None, None, 0)
    out = []
    for n in walk(node):
        if n[0] == "sym" and n[3]:
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            if r.time is not None:
                out.append((r.key, r.time == now))
    if cache is not None:
        cache[id(node)] = (node, out)
    return out


def _reads_at(node, key, vocab, own_step: bool, cache=None) -> bool:
    """Does ``node`` read ``key`` at the row's own step (``own_step``) or at another one? A capital run into the
    name counts as a weight times it (``Ux_t``: U x_t written without a space)."""
    for got, now in _timed_reads(node, vocab, cache):
        ran = got[:-len(key)] if got.endswith(key) else ""
        if (got == key or ran.isalpha() and ran[0].isupper() and len(ran) <= 2) and now == own_step:
            return True
    return False


def _reads_own_past(tree, vocab) -> bool:
    r"""Does a forward row read the name it defines at another step (``s_t = \tanh(U x_t + W s_{t-1})``)?"""
    if tree is None or tree[1][0][0] != "sym":
        return False
    try:
        own = resolve(tree[1][0], vocab).key
    except NotReadable:
        return False
    return _reads_at(tree[1][-1], own, vocab, False)


def input_made_state(k, keys, rows, before, vocab, cache=None) -> bool:
    r"""Row ``k`` defines, through itself one step earlier and only new names, a name the recurrent cell of the
    forward rows ``before`` it read as an input (at its own step only) and never define: ``x_t = W_{rec}
    \sigma(x_{t-1}) + W_{in} u_t + b`` (Pascanu et al.'s state) after ``s_t = \tanh(U x_t + W s_{t-1})`` (x the
    input). The name is now another model's state: a cell of its own starts there. (A state h read as h_{t-1}
    before its row is no input; c_t = f_t c_{t-1} + i_t g_t after h_t = o_t \tanh(c_t) reads the gates the rows
    before define: the same cell stated out of order.) ``cache``: the rows' timed reads, kept between calls
    (:func:`_timed_reads`)."""
    if len(keys) != 1 or not before:
        return False
    key = next(iter(keys))
    sides = [p for i in before for p in rows[i][1][1:]]
    if not any(_reads_at(p, key, vocab, True, cache) for p in sides) or \
            any(_reads_at(p, key, vocab, False, cache) for p in sides):
        return False
    try:
        old = keys_in([p for i in before for p in rows[i][1]], vocab)
        new = keys_in(rows[k][1][1:], vocab) - {key} - set(FUNCTION_WORDS)
    except NotReadable:
        return False
    if not new or new & old or not _reads_at(rows[k][1][-1], key, vocab, False):
        return False
    return any(_reads_own_past(rows[i], vocab) for i in before)
