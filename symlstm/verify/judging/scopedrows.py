r"""Rows the prose gives for some steps (text/prosescope.py): the name a forward row defines, for
:func:`~symlstm.verify.text.prosescope.first_step_rows` (``h1 = x \cdot U`` under "for the first step:" beside
``h1 = x \cdot U + s1_{t-1} \cdot W1``: the first step's row)."""
from __future__ import annotations

from ..text.names import gradient_split
from ..text.trees import has_derivative

__all__ = ["bare_definition"]


def bare_definition(tree):
    """The name (base, accent) a row defines when its left side is a bare name (no time, scripts or primes), no
    part holds a derivative and the name is no gradient's (``dW1``); else None."""
    if tree is None or len(tree[1]) < 2 or tree[2][0] != "=":
        return None
    lhs = tree[1][0]
    if lhs[0] != "sym" or lhs[3] is not None or lhs[4] is not None or lhs[5] or gradient_split(lhs[1]):
        return None
    if any(has_derivative(p) for p in tree[1]):
        return None
    return (lhs[1], lhs[2])


def scoped_zero(tree, eq, ev):
    r"""``dV = 0`` under "for the other steps:" (a bare gradient name of a parameter, no time): the row says the
    parameter's contribution at each step of its scope is zero. A pass when every such step's contribution is
    zero; otherwise None (the row is judged as any other: the total, or a step's contribution, must be zero)."""
    import numpy as np
    from ..text.names import NotReadable, gradient_split, key_latex, resolve
    from ..text.prosescope import scope_steps
    from .report import RowResult
    model = ev.model
    steps = scope_steps(getattr(ev, "row_scope", ""), model.T)
    if not steps or tree is None or len(tree[1]) != 2 or tree[2] != ["="] or tree[1][1] != ("num", "0") or \
            tree[1][0][0] != "sym":
        return None
    try:
        r = resolve(tree[1][0], ev.vocab)
    except NotReadable:
        return None
    split = gradient_split(r.key)
    if split is None or split[1] not in ev.vocab.params or r.time is not None or r.word or r.index or \
            r.transpose or r.power is not None or r.primes or ev.vocab.known(r.key):
        return None
    if any(not 1 <= k <= model.T for k in steps) or float(np.max(np.abs(model.grad(split[1], None)))) <= 1e-12:
        return None         # (a loss that never reaches the parameter makes every contribution zero: no evidence)
    name = key_latex(split[1])
    which = ", ".join(str(k) for k in sorted(steps))
    if any(float(np.max(np.abs(model.grad(split[1], None, ("at", k))))) > 1e-12 for k in sorted(steps)):
        if steps == {1} and model.initial and _zero_with_zero_start(model, split[1]):
            # dW1 = 0 "for the first step:" where h1 = x U1 + s1_{t-1} W1: zero when s1_0 = 0 (notes say s_0
            # "is empty"); the run's initial states are random, so the row is not decided
            return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                             why=f"d{name} at step 1 is zero only when the initial states are zero (the step-1 rows "
                                 f"read {name} through them); the run's initial states are random, not read")
        return None
    return RowResult(eq.line, eq.column, eq.text, "pass", True, "step",
                     why=f"d{name}: the contribution of step{'s' if len(steps) > 1 else ''} {which} (the steps the "
                         f"prose gives the row), zero: no row of {'those steps' if len(steps) > 1 else 'that step'} "
                         f"carries {name} to the loss")


def _zero_with_zero_start(model, key) -> bool:
    """Whether step 1's contribution of parameter ``key`` vanishes when every initial state is zero."""
    import numpy as np
    saved, cache, base = dict(model.initial), dict(model._grad_cache), model.base
    try:
        for k, v in model.initial.items():
            model.initial[k] = np.zeros_like(v)
        model._grad_cache.clear()
        model.base = model.run()
        return float(np.max(np.abs(model.grad(key, None, ("at", 1))))) <= 1e-12
    except Exception:           # noqa: BLE001  (a run that cannot be made: not decided)
        return False
    finally:
        model.initial.clear()
        model.initial.update(saved)
        model._grad_cache.clear()
        model._grad_cache.update(cache)
        model.base = base
