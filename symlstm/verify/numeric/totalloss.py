r"""The total loss stated as a (weighted) sum of the steps' losses: ``L_t = ...`` beside ``L = \frac{1}{T}\sum_t L_t``.

A derivation may define the loss of one step (a loss name at the time: ``loss_t = L(a_t, y_t)``,
``E_t = \frac12 (y_t - d_t)^2``) and the total loss in a second row that only combines the steps' losses
(``Loss = \frac{1}{\tau}\sum_t^{\tau} loss_t``, ``J = \sum_t J_t``): every name on its right side is a loss
at a step, a step count (T, \tau, N) or the time letter. The two rows are the loss layer of the cell: the
steps' losses come from the first row, and the loss whose gradients the rows write without a step (``Loss``,
``L``) is the second row evaluated on them, weights included (the mean's 1/T is part of every gradient
of the total; a row that drops it fails).

The total row and the step row may carry different letters (Loss and loss) or the same one (L and L_t).

The other way round, a total written as a sum over the steps with no row for one step's loss
(``\mathcal{J} = -\frac{1}{T}\sum_{t=1}^{T}\sum_j y_j^{<t>}\log\hat{y}_j^{<t>}``) gives each step's loss
``\mathcal{J}^{<t>}`` as its t-th term, the sum's weight included (:func:`step_summand`), so that the total is
the sum of the steps' losses, as the rows that then write ``\partial\mathcal{J}^{<t>}/\partial ...`` mean.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, resolve
from ..text.trees import symbols, walk

__all__ = ["only_step_losses", "step_summand", "steps_combined", "total_of_steps"]

#: Names a total row may read besides the steps' losses: the number of steps (and the time letter).
_COUNTS = ("T", "tau", "n", "N")


def _lhs_ref(tree, vocab):
    if tree is None or len(tree[1]) < 2 or not tree[2] or tree[2][0] != "=":
        return None
    lhs = tree[1][0]
    if lhs[0] != "sym":
        return None
    try:
        r = resolve(lhs, vocab)
    except NotReadable:
        return None
    return r if r.key in LOSS_NAMES and not r.word and not r.index else None


def only_step_losses(node, vocab) -> bool:
    """Every name on ``node`` a loss at a step, a step count or the time letter, and one loss at a step."""
    steps = 0
    if not any(n[0] == "big" and n[1] == "sum" for n in walk(node)):
        return False
    for n in symbols(node):
        try:
            r = resolve(n, vocab)
        except NotReadable:
            return False
        if r.key in LOSS_NAMES and r.time is not None and not r.word:
            steps += 1
        elif r.key not in _COUNTS and r.key != vocab.time_var:
            return False
    return steps > 0


def total_of_steps(loss_defs, rows, vocab):
    r"""``(step, total)``: the Def of the row defining one step's loss and the right side of the row stating the
    total as a combination of the steps' losses (module doc), or None when the rows do not state both."""
    step = total = None
    for d in loss_defs:
        tree = rows[d.row] if 0 <= d.row < len(rows) else None
        r = _lhs_ref(tree, vocab)
        if r is None or len(tree[1]) < 2 or (len(tree[1]) > 2 and r.time is not None):
            continue
        # J = \frac{1}{T} \sum_t J^{(t)} = -\frac{1}{T} \sum_t \sum_j ...: the first side combines the steps'
        # losses (the later ones spell them out, and are links the judge checks)
        if r.time is None and total is None and only_step_losses(tree[1][1], vocab):
            total = tree[1][1]
        elif r.time is not None and step is None and r.time == ("sym", vocab.time_var, None, None, None, 0):
            step = d
    if step is None or total is None:
        return None
    return step, total


def steps_combined(loss_defs, rows, vocab):
    r"""The right side of a row stating the total loss as a combination of the steps' losses (``J =
    \frac{1}{T}\sum_t J_t``) where no row defines the loss of a step (the steps' losses are then the reader's
    loss of each step, and the total weighs them as written), else None (also for a plain sum, the reader's own
    total)."""
    if total_of_steps(loss_defs, rows, vocab) is not None:
        return None
    for d in loss_defs:
        tree = rows[d.row] if 0 <= d.row < len(rows) else None
        r = _lhs_ref(tree, vocab)
        if r is not None and r.time is None and only_step_losses(tree[1][1], vocab):
            # a plain \sum_t J_t is the reader's own total (the steps' losses summed): only a weighed one is read
            return None if tree[1][1][0] == "big" else tree[1][1]
    return None


def _binds(sub, time_var) -> bool:
    """Whether a sum's lower script binds the time letter: ``t``, ``t=1``."""
    if not sub or len(sub) != 1:
        return False
    x = sub[0]
    if x[0] == "eq":
        x = x[1]
    return x[0] == "sym" and x[1] == time_var and x[2:] == (None, None, None, 0)


def _has(node, letter) -> bool:
    return any(n[0] == "sym" and n[1] == letter for n in walk(node))


def step_summand(node, time_var):
    r"""The t-th term of a total loss written as one sum over the steps, its weight kept: ``-\frac{1}{T} y_t
    \log \hat{y}_t`` for ``-\frac{1}{T}\sum_{t=1}^{T} y_t \log \hat{y}_t`` (module doc); None when ``node`` is
    not a sum over ``time_var`` times factors free of it (a sign, a weight, a fraction over it), or reads a loss."""
    if node is None or time_var is None or any(n[0] == "sym" and n[1] in LOSS_NAMES for n in walk(node)):
        return None         # L = \sum_t L_t: the steps' losses are the derivation's own (steps_combined)
    kind = node[0]
    if kind == "big" and node[1] == "sum" and _binds(node[2], time_var):
        return node[4]
    if kind == "add" and len(node[1]) == 1:
        inner = step_summand(node[1][0][1], time_var)
        return None if inner is None else ("add", [(node[1][0][0], inner)])
    if kind == "paren":
        inner = step_summand(node[2], time_var)
        return None if inner is None else node[:2] + (inner,) + node[3:]
    if kind == "frac" and not _has(node[2], time_var):
        inner = step_summand(node[1], time_var)
        return None if inner is None else ("frac", inner, node[2]) + node[3:]
    if kind == "mul":
        sums = [i for i, f in enumerate(node[1]) if _has(f, time_var)]
        if len(sums) != 1:
            return None
        inner = step_summand(node[1][sums[0]], time_var)
        if inner is None:
            return None
        factors = list(node[1])
        factors[sums[0]] = inner
        return ("mul", factors) + tuple(node[2:])
    return None
