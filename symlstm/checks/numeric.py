"""Numeric values of the derivation's expressions: a forward run and an evaluator over step values.

(Reconstructed by the verify engineer from the usage in tests/test_derive.py after the
original, uncommitted file was overwritten by mistake; see the report of issue 4.)
"""
from __future__ import annotations

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from ..cells.algebra import Diag, Mat, MatVec, Outer, SumT, TMatVec, sigmoid, t, vec_name

__all__ = ["Env", "evaluate", "run_forward", "sum_over_time"]


class Env:
    """Values of one run: ``steps[(name, k)]`` vectors, ``params`` arrays, the current step ``t``.

    With ``zero_missing`` a quantity missing from ``steps`` (an adjoint at T+1) is zero of ``shape``.
    """

    def __init__(self, steps, params, t=None, zero_missing=False, shape=None):
        self.steps, self.params, self.t = steps, params, t
        self.zero_missing, self.shape = zero_missing, shape

    def at(self, k) -> "Env":
        """The same values with the current step set to ``k`` (``steps`` is shared, not copied)."""
        return Env(self.steps, self.params, t=k, zero_missing=self.zero_missing, shape=self.shape)

    def value(self, name: str, k: int):
        try:
            return self.steps[(name, k)]
        except KeyError:
            if self.zero_missing:
                return np.zeros(self.shape)
            raise KeyError(f"no value of {name} at step {k}") from None


def run_forward(expanded, x, params, state0, states) -> dict:
    """Forward values ``{(name, k): vector}`` of the expanded equations for x (T, I); states at k = 0."""
    steps = {(s, 0): np.asarray(state0[s]) for s in states}
    for k in range(1, len(x) + 1):
        steps[("x", k)] = np.asarray(x[k - 1])
        env = Env(steps, params, t=k)
        for q, rhs in expanded:
            steps[(q, k)] = evaluate(rhs, env)
    return steps


def sum_over_time(expr, env: Env, steps):
    """Σ over ``steps`` of the body of ``SumT(body)`` (or of ``expr``)."""
    body = expr.args[0] if isinstance(expr, SumT) else expr
    return sum(evaluate(body, env.at(k)) for k in steps)


def evaluate(expr, env: Env):
    """The value of ``expr`` at step ``env.t``: a number, a vector or (for Jacobians) a matrix."""
    if expr.is_Number:
        return float(expr)
    if isinstance(expr, AppliedUndef):
        step = expr.args[0].subs(t, env.t) if env.t is not None else expr.args[0]
        return env.value(vec_name(expr), int(step))
    if isinstance(expr, (Mat, sympy.Symbol)):
        return env.params[expr.name]
    if isinstance(expr, MatVec):
        return env.params[expr.matrix.name] @ evaluate(expr.vector, env)
    if isinstance(expr, TMatVec):
        return env.params[expr.matrix.name].T @ evaluate(expr.vector, env)
    if isinstance(expr, Outer):
        return np.outer(evaluate(expr.args[0], env), evaluate(expr.args[1], env))
    if isinstance(expr, SumT):
        raise ValueError("SumT is evaluated with sum_over_time")
    if isinstance(expr, Diag):
        v = evaluate(expr.args[0], env)
        return np.diag(v) if np.ndim(v) == 1 else v * np.eye(env.shape[0])
    if expr.is_Add:
        return sum(evaluate(a, env) for a in expr.args)
    if expr.is_Mul:
        vals = [evaluate(a, env) for a in expr.args]
        if expr.is_commutative:
            out = vals[0]
            for v in vals[1:]:
                out = out * v
            return out
        scalar, acc = 1.0, None
        for v in vals:
            if np.ndim(v) < 2:
                scalar = scalar * v
            else:
                acc = v if acc is None else acc @ v
        return scalar if acc is None else scalar * acc
    if expr.is_Pow:
        return np.power(evaluate(expr.base, env), evaluate(expr.exp, env))
    if isinstance(expr, sigmoid):
        return 0.5 * (1.0 + np.tanh(0.5 * evaluate(expr.args[0], env)))
    if isinstance(expr, sympy.tanh):
        return np.tanh(evaluate(expr.args[0], env))
    if isinstance(expr, sympy.exp):
        return np.exp(evaluate(expr.args[0], env))
    raise ValueError(f"cannot evaluate {type(expr).__name__}: {expr}")
