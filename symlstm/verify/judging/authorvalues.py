r"""A name a failing row gives its value, read as the author's value: ``... \rightarrow dh1_t`` fails, then
``\frac{\partial Loss}{\partial U} = x^T \cdot dh1 \rightarrow dU``.

Course notes name the value a row computes (``= (dh1_{t+1} \cdot W1^T) \odot \sigma'(s1_t) \rightarrow dh1_t``,
"for the other steps", beside ``= (dh2 \cdot Q^T) \odot \sigma'(s1) \rightarrow dh1`` "for the last step") and
use the name later as that value. Where a naming row fails, the author's ``dh1`` is not the gradient it stands
for; failednames.py then makes a later row using it unreadable. This module reads the name as what the author's
rows compute: at each step the one naming row the prose gives for that step (no prose: every step) gives the
value, its right side evaluated at that step with the same name at other steps read the same way (the
recursion run as written); at a step whose naming row passes as the total gradient, the value is that gradient.
The later row is judged again with these values; when it fails so, its verdict is that failure (the author's
computation is wrong there); when it holds, nothing is claimed (it stays unreadable).

Not read (the row stays unreadable): a step no naming row or two naming rows give; a naming row that names a
value at another step than its own (``\rightarrow dh_{t-1}``); a naming row passing under another reading than
the total; a right side with a gradient symbol of several readings (which one the author computed is unknown).
"""
from __future__ import annotations

from ..numeric.numbase import Ctx
from ..text.names import NotReadable, key_latex
from ..text.prosescope import scope_steps

__all__ = ["author_rejudge"]


class _Values:
    """The author's value of one named gradient (module doc), step by step."""

    def __init__(self, name, naming, ev):
        self.name, self.naming, self.ev = name, naming, ev     # naming: [(steps, right side, result)]
        self.memo: dict = {}
        self.busy: set = set()

    def __call__(self, tau):
        """The author's value at step ``tau``; None where it is the gradient the name stands for."""
        if tau in self.memo:
            return self.memo[tau]
        given = [(part, res) for steps, part, res in self.naming if tau in steps]
        if len(given) != 1:
            raise NotReadable(f"the author's {key_latex(self.name)} at step {tau} is given by "
                              f"{'no' if not given else 'more than one'} row")
        part, res = given[0]
        if res.status == "pass" and res.reading in ("", "total"):
            self.memo[tau] = None
            return None
        if res.status != "fail" or tau in self.busy:
            raise NotReadable(f"the author's {key_latex(self.name)} at step {tau} is not read")
        ev = self.ev
        self.busy.add(tau)
        saved = ev.cur_tau
        try:
            env = ev.env(tau)
            ctx = Ctx(tau, ev.model.base, None, "", dict(env), readings={}, seen={}, lhs=False)
            val = ev.value(part, ctx)
            if any(len(c) > 1 for c in ctx.seen.values()):
                raise NotReadable(f"the author's {key_latex(self.name)} reads a gradient of several readings")
        finally:
            ev.cur_tau = saved
            self.busy.discard(tau)
        self.memo[tau] = val
        return val


def _own_step(sym, ev) -> bool:
    """Whether a naming arrow's name is written at the row's own step (``dh1``, ``dh1_t``)."""
    sub = sym[2] if len(sym) > 2 else None
    if sub is None:
        return True
    return sub[0] == "sym" and sub[1] == ev.vocab.time_var and all(x is None for x in sub[2:5])


def author_rejudge(k, names, named_rows, results, rows, equations, ev, judge):
    """Row ``k`` judged again with each failed name of ``names`` as the author's value (module doc): its
    RowResult when it fails so, else None. ``named_rows``: name -> indices of the rows naming it;
    ``results``: index -> that row's RowResult; ``judge(tree, eq)`` judges a row with ``ev``."""
    if ev is None:
        return None
    T = ev.model.T
    values = {}
    for name in names:
        naming = []
        for j in named_rows.get(name, ()):
            tree, res = rows[j], results.get(j)
            if tree is None or res is None or not _own_step(tree[1][-1], ev):
                return None
            steps = scope_steps(getattr(equations[j], "scope", ""), T) or set(range(1, T + 1))
            naming.append((steps, tree[1][-2], res))
        values[name] = _Values(name, naming, ev)
    saved = getattr(ev, "author_values", None)
    ev.author_values = values
    ev.row_scope = getattr(equations[k], "scope", "")      # the steps the prose gives the row (links._points)
    try:
        r = judge(rows[k], equations[k])
    except (NotReadable, ValueError, ArithmeticError, IndexError, KeyError, TypeError, AttributeError,
            RecursionError):
        return None
    finally:
        ev.author_values = saved
        ev.row_scope = ""
    if r.status != "fail":
        return None
    lines = ", ".join(str(equations[j].line) for name in names for j in named_rows.get(name, ()))
    said = ", ".join(key_latex(n) for n in names)
    r.why = "; ".join(x for x in (f"{said} read as the author computes it (the rows on lines {lines} as written)",
                                  r.why) if x)
    return r
