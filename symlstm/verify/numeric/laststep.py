r"""A forward row that reads a quantity at the last step T, ``\hat{y} = g(h_T; \phi)`` (a many-to-one output).

The row's name is computed once, after the run; the reader runs every forward row at every step, so at the
steps before T the row reads h_T before it is computed. That is the reader's limit, not the author's error: the
row is unreadable with that reason (never a fail, whatever later display states T).

Where the row's name has no step of its own and the row reads the run at the last step only (every time it
writes is T, a number, or none), it is read as the many-to-one output it is (:func:`mark_last_step_rows`): computed
once, at the last step, and the name without a step is that value wherever a row writes it (the loss and the
claims read the one output), so ``\partial L / \partial \hat{y}`` is the gradient by that output.
"""
from __future__ import annotations

from ..text.names import NotReadable

__all__ = ["last_step_error", "mark_last_step_rows", "step_count_letters", "reads_last_only"]

#: Letters of the last step.
_LAST = frozenset({"T"})


def _is_last(item, last) -> bool:
    """A script item naming the last step: T, or ``last`` (the step count of an unrolled net, as 4 or (4))."""
    if item[0] == "paren" and item[1] == "(":
        item = item[2]
    return item[0] == "sym" and item[1] in _LAST and item[3] is None or \
        last is not None and item[0] == "num" and item[1] == str(last)


def _reads_last(node, last=None, vocab=None) -> bool:
    if isinstance(node, list):
        return any(_reads_last(x, last, vocab) for x in node)
    if not isinstance(node, tuple) or not node:
        return False
    if node[0] == "sym":
        for script in (node[3], node[4]):
            if script and len(script) == 1 and _is_last(script[0], last) and \
                    not (script is node[4] and _transposed(node, vocab)):
                return True
        return False
    return any(_reads_last(x, last, vocab) for x in node[1:] if isinstance(x, (tuple, list)))


def _transposed(node, vocab) -> bool:
    """``W_z^T`` (code's ``W_z.T``, ``x W_z^T``): a weight transposed, not read at the last step T."""
    if vocab is None:
        return False
    from ..text.names import resolve
    try:
        ref = resolve(node, vocab)
    except NotReadable:
        return False
    return bool(getattr(ref, "transpose", False)) or ref.key in vocab.params


def last_step_error(d, e):
    """The NotReadable to report for the error ``e`` of the forward row ``d``, or None (keep ``e``)."""
    if "is not computed yet" in str(e) and _reads_last(d.node):
        return NotReadable("it reads a quantity at the last step T: a value computed once after the run (a "
                           "many-to-one output), which the reader, running every forward row at every step, "
                           "does not read")
    return None


def _times_written(node, out):
    """The scripts of every name of ``node`` (as nodes), into ``out``."""
    if isinstance(node, list):
        for x in node:
            _times_written(x, out)
        return
    if not isinstance(node, tuple) or not node:
        return
    if node[0] == "sym":
        for script in (node[3], node[4]):
            if script:
                out.append(script)
        return
    for x in node[1:]:
        if isinstance(x, (tuple, list)):
            _times_written(x, out)


def _last_only(node, time_var) -> bool:
    """Every script of the row's names is T, a number or a name that is not the time letter (a label, psi)."""
    scripts = []
    _times_written(node, scripts)
    for script in scripts:
        for x in script:
            if not isinstance(x, tuple) or not x:
                return False
            if x[0] == "paren" and x[1] == "(" and x[2][0] == "num":        # o_{(4)}: a step of an unrolled net
                continue
            if x[0] == "sym" and (x[1] == time_var or x[3] or x[4]):
                return False
            if x[0] not in ("sym", "num"):
                return False
    return True


def reads_last_only(tree, vocab) -> bool:
    r"""A row stating a quantity (no derivative on it) that writes the last step T and no other time
    (``\hat{y} = \sigma(W_{hy} h_T + b_y)`` beside ``\hat{y}_t = \sigma(W_{hy} h_t + b_y)``): a statement about
    the last step, its names without a step read at T."""
    from ..text.names import gradient_split
    from ..text.trees import walk
    if tree is None or not vocab.time_var or tree[0] != "row" or not tree[1] or tree[1][0][0] != "sym":
        return False
    lhs = tree[1][0]
    if lhs[1] in ("delta", "Delta", "nabla") or gradient_split(lhs[1]) is not None or \
            any(n[0] == "pre" for n in walk(tree)):
        return False            # a gradient's row (\partial L / \partial W = \partial L_T / \partial W): its own readings
    return _reads_last(tree, None, vocab) and _last_only(tree, vocab.time_var)


def mark_last_step_rows(model, vocab) -> None:
    r"""Mark the forward rows ``\hat{y} = g(h_T; \phi)`` (a name without a step, read from the run's last step
    only) as computed once, at the last step (``d.last``), and their names (``model.last_keys``)."""
    from ..text.names import resolve
    from ..text.trees import symbols
    keys, last = set(), getattr(model, "unrolled", 0) or None
    changed = True
    while changed:          # \hat{y} = \sigma(V h_T + c) is split: pre = V h_T + c reads h_T, \hat{y} reads pre
        changed = False
        for d in model.defs:
            if getattr(d, "last", False) or not d.per_step or d.accumulate or d.at or d.block or len(d.keys) != 1:
                continue
            if d.lhs is not None:
                try:
                    ref = resolve(d.lhs, vocab)
                except NotReadable:
                    continue
                if ref.time is not None or ref.word or ref.index:
                    continue
            elif not d.keys[0].startswith(("pre:", "hat:")) and d.keys[0] not in vocab.quantities:
                continue
            reads = _reads_last(d.node, last, vocab) or any(n[1] in keys for n in symbols(d.node))
            if not reads or not _last_only(d.node, vocab.time_var):
                continue
            d.last = True
            keys.add(d.keys[0])
            changed = True
    model.last_keys = frozenset(keys)
    # y in the loss of that output (L = -(y \log \hat{y} + ...)), read by no forward row: its target, at T too
    loss = getattr(model, "loss_def", None)
    if keys and loss is not None:
        used = {n[1] for d in model.defs for n in symbols(d.node)}
        targets = set()
        for n in symbols(loss):
            try:
                ref = resolve(n, vocab)
            except NotReadable:
                continue
            if ref.key in vocab.inputs and ref.time is None and not ref.word and n[1] not in used:
                targets.add(ref.key)
        model.last_keys = frozenset(keys | targets)


def step_count_letters(rows, vocab) -> tuple:
    r"""Letters other than T and \tau a row uses as the last step of a sum over the time from step 1
    (``\sum_{t=1}^{N}``, ``\sum_{t=1}^{n}``): the number of steps, so ``h_N`` is the last state (read as T is)."""
    from ..text.trees import walk
    out = []
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] != "big" or n[1] != "sum" or len(n[2] or ()) != 1 or len(n[3] or ()) != 1:
                continue
            low, up = n[2][0], n[3][0]
            if not (low[0] == "eq" and low[1][0] == "sym" and low[1][1] == vocab.time_var and low[2] == ("num", "1")):
                continue
            if up[0] == "sym" and len(up[1]) == 1 and (up[1].isupper() or up[1] == "n") and \
                    up[2:] == (None, None, None, 0) and \
                    up[1] not in ("T",) and not vocab.known(up[1]) and up[1] not in out:
                out.append(up[1])
    return tuple(out) + tuple(x for x in _last_state_letters(rows, vocab) if x not in out)


#: Letters an author writes for the last step with no sum bounding them (``y = W_{hy} h_n + b_y`` after ``h_t =
#: tanh(...)``: a many-to-one head on the last state).
LAST_STATE_LETTERS = ("n", "N")


def _last_state_letters(rows, vocab) -> list:
    r"""Letters of :data:`LAST_STATE_LETTERS` written as the one subscript of a name the rows also write at the
    time (``h_n`` beside ``h_t``), never as a sum's index or bound, an equation's side or a script of their own,
    nor beside T: the last step, as T is."""
    from ..text.trees import walk
    timed, lettered, other, alone, scripted = set(), {}, set(), {}, {}
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "big":
                other.update(m[1] for b in list(n[2] or ()) + list(n[3] or ()) for m in walk(b) if m[0] == "sym")
            elif n[0] == "sym" and n[3] and len(n[3]) == 1 and n[3][0][0] == "sym" and \
                    n[3][0][2:] == (None, None, None, 0):
                letter = n[3][0][1]
                scripted[letter] = scripted.get(letter, 0) + 1      # (walk visits the script's node too)
                if letter == vocab.time_var:
                    timed.add(n[1])
                elif letter in LAST_STATE_LETTERS:
                    lettered.setdefault(letter, set()).add(n[1])
                if letter == "T":
                    other.add("T")
            if n[0] == "sym" and n[1] in LAST_STATE_LETTERS and n[2:] == (None, None, None, 0):
                alone[n[1]] = alone.get(n[1], 0) + 1
    other.update(x for x, k in alone.items() if k > scripted.get(x, 0))   # n alone (n = 3, \frac{1}{n}): a number
    if "T" in other:
        return []
    return [x for x, bases in lettered.items() if x not in other and bases & timed and not vocab.known(x)]
