"""A whole BPTT run of a derivation at a small random size, and a compiled evaluator for claims.

The evaluator reads the derivation's vocabulary — quantities ``q(t + k)``, vector and matrix
parameters, ``MatVec``/``TMatVec``/``Outer``/``SumT``/``Diag`` and non-commutative Jacobian
products — and computes NumPy values from a :class:`Run`, which holds every forward and backward
quantity of one sequence (x_1..x_{T+1}, random parameters, initial states and loss gradients Δ).
Every value is consistent: i_t really is σ(ī_t), δc_t really collects step t+1.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from ..cells.algebra import (
    ADJOINT_PREFIX, EXTERNAL_PREFIX, Diag, Mat, MatVec, Outer, SumT, TMatVec, sigmoid, t, vec_name,
)
from ..cells.cell import INPUT

__all__ = ["Run", "EvalError", "compile_expr", "evaluate", "time_offsets"]


class EvalError(ValueError):
    """An expression that cannot be given a number (an unknown symbol, mismatched shapes)."""


class Run:
    """One BPTT run of a derivation: vectors of size ``n`` (inputs too), steps 1..T (+1 forward).

    ``value(name, step)`` is the (n,) vector of quantity ``name`` (``"c"``, ``"i_bar"``,
    ``"delta_c"``, ``"Delta_h"``, ``"x"``) at ``step``; states exist at step 0; every adjoint
    (and Δ) is zero at step T+1. ``params[name]`` is (n, n) for matrices and (n,) for vectors;
    ``grads["delta_W_f"]`` the parameter gradients Σ_t of the run.
    """

    def __init__(self, derivation, *, n: int = 2, T: int = 5, seed=0, scale: float = 0.8):
        if n < 1 or T < 2:
            raise ValueError(f"a run needs n >= 1 and T >= 2, got n={n}, T={T}")
        self.derivation, self.n, self.T = derivation, n, T
        rng = np.random.default_rng(seed)
        cell = derivation.cell
        self.params = {p.name: rng.standard_normal((n,) if p.kind == "vector" else (n, n)) * scale
                       for p in cell.params}
        self.values: dict = {}
        for s in range(1, T + 2):
            self.values[(INPUT, s)] = rng.standard_normal(n)
        for s in cell.states:
            self.values[(s, 0)] = rng.standard_normal(n) * 0.5
        for s in range(1, T + 2):
            for q, rhs in derivation.expanded:
                self.values[(q, s)] = compile_expr(rhs)(self, s)
        zero = np.zeros(n)
        for s in range(1, T + 1):
            self.values[(EXTERNAL_PREFIX + "h", s)] = rng.standard_normal(n)
        self.values[(EXTERNAL_PREFIX + "h", T + 1)] = zero
        adjoints = [(vec_name(eq.lhs), eq.rhs) for eq in derivation.adjoints]
        adjoints.append((vec_name(derivation.input_grad.lhs), derivation.input_grad.rhs))
        for name, _ in adjoints:
            self.values[(name, T + 1)] = zero
        for s in range(T, 0, -1):
            for name, rhs in adjoints:
                self.values[(name, s)] = compile_expr(rhs)(self, s)
        for eq in derivation.initial:
            self.values[(vec_name(eq.lhs), 0)] = compile_expr(eq.rhs)(self, 0)
        self.grads = {eq.lhs.name: compile_expr(eq.rhs)(self, None) for eq in derivation.param_grads}

    def value(self, name: str, step: int) -> np.ndarray:
        try:
            return self.values[(name, step)]
        except KeyError:
            raise EvalError(f"{name} at step {step} is not part of the run (steps 0..{self.T + 1}; "
                            "adjoints from step 1, states at step 0)") from None

    def param(self, name: str) -> np.ndarray:
        if name in self.params:
            return self.params[name]
        if name in self.grads:
            return self.grads[name]
        raise EvalError(f"unknown parameter {name}")


def time_offsets(expr) -> set[int]:
    """The shifts k of every q(t + k) in ``expr``."""
    out = set()
    for a in expr.atoms(AppliedUndef):
        if len(a.args) == 1 and a.args[0].has(t):
            out.add(int(a.args[0] - t))
    return out


def evaluate(expr, run: Run, step: int | None = None) -> np.ndarray:
    """The value of ``expr`` in ``run`` with t = ``step``: a float, an (n,) vector or an (n, n) matrix."""
    if not isinstance(expr, sympy.Basic):
        raise TypeError(f"expected a SymPy expression, got {type(expr).__name__}")
    return compile_expr(expr)(run, step)


@lru_cache(maxsize=8192)
def compile_expr(expr):
    """A function ``f(run, step)`` computing ``expr`` (compiled once per expression)."""
    if expr.is_Number:
        v = float(expr)
        return lambda run, s: v
    if isinstance(expr, AppliedUndef):
        return _quantity(expr)
    if isinstance(expr, Mat) or (isinstance(expr, sympy.Symbol) and expr != t):
        name = expr.name
        return lambda run, s: run.param(name)
    if isinstance(expr, MatVec):
        m, v = compile_expr(expr.matrix), compile_expr(expr.vector)
        return lambda run, s: _matvec(m(run, s), v(run, s), expr)
    if isinstance(expr, TMatVec):
        m, v = compile_expr(expr.matrix), compile_expr(expr.vector)
        return lambda run, s: _matvec(m(run, s).T, v(run, s), expr)
    if isinstance(expr, Outer):
        a, b = (compile_expr(x) for x in expr.args)
        return lambda run, s: np.outer(_vector(a(run, s), expr), _vector(b(run, s), expr))
    if isinstance(expr, SumT):
        body = compile_expr(expr.args[0])
        return lambda run, s: sum(body(run, k) for k in range(1, run.T + 1))
    if isinstance(expr, Diag):
        v = compile_expr(expr.args[0])
        return lambda run, s: np.diag(_vector(v(run, s), expr))
    if expr.is_Add:
        parts = [compile_expr(a) for a in expr.args]
        return lambda run, s: _add([p(run, s) for p in parts], expr)
    if expr.is_Mul:
        parts = [compile_expr(a) for a in expr.args]
        if expr.is_commutative:
            return lambda run, s: _mul([p(run, s) for p in parts], expr)
        return lambda run, s: _matmul([p(run, s) for p in parts], expr)
    if expr.is_Pow:
        b, e = compile_expr(expr.base), compile_expr(expr.exp)
        return lambda run, s: _power(b(run, s), e(run, s), expr)
    fn = _ELEMENTWISE.get(type(expr))
    if fn is not None:
        a = compile_expr(expr.args[0])
        return lambda run, s: fn(_elementwise(a(run, s), expr))
    raise EvalError(f"cannot evaluate {type(expr).__name__}: {expr}")


def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))


_ELEMENTWISE = {sigmoid: _sigmoid, sympy.tanh: np.tanh, sympy.exp: np.exp}


def _quantity(expr):
    name = vec_name(expr)
    arg = expr.args[0]
    if arg.has(t):
        k = int(arg - t)

        def f(run, s):
            if s is None:
                raise EvalError(f"{name}(t{k:+d}) appears where no step is given (outside a sum)")
            return run.value(name, s + k)
        return f
    step = int(arg)
    return lambda run, s: run.value(name, step)


def _ndim(v):
    return np.ndim(v)


def _vector(v, expr):
    if _ndim(v) != 1:
        raise EvalError(f"expected a vector in {expr}, got an array of shape {np.shape(v)}")
    return v


def _elementwise(v, expr):
    if _ndim(v) == 2:
        raise EvalError(f"{expr}: an element-wise function of a matrix")
    return v


def _matvec(m, v, expr):
    if _ndim(m) != 2 or _ndim(v) != 1:
        raise EvalError(f"{expr}: expected a matrix times a vector")
    return m @ v


def _add(values, expr):
    dims = {_ndim(v) for v in values}
    if 1 in dims and 2 in dims:
        raise EvalError(f"{expr}: a vector and a matrix are added")
    out = values[0]
    for v in values[1:]:
        out = out + v
    return out


def _mul(values, expr):
    if sum(_ndim(v) == 2 for v in values) > 1 or (any(_ndim(v) == 2 for v in values)
                                                  and any(_ndim(v) == 1 for v in values)):
        raise EvalError(f"{expr}: element-wise product of a matrix and a non-scalar")
    out = values[0]
    for v in values[1:]:
        out = out * v
    return out


def _matmul(values, expr):
    scalar, acc = 1.0, None
    for v in values:
        if _ndim(v) == 0:
            scalar = scalar * v
        elif _ndim(v) == 2:
            acc = v if acc is None else acc @ v
        else:
            raise EvalError(f"{expr}: a vector inside a matrix product")
    return scalar if acc is None else scalar * acc


def _power(b, e, expr):
    if _ndim(b) == 2 or _ndim(e) != 0:
        raise EvalError(f"{expr}: powers are element-wise, of a vector or a number")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.power(b, e)


def check_against_reference(name: str, run: Run) -> dict[str, float]:
    """Largest differences between ``run`` and symlstm.reference for built-in cell ``name`` (B = 1)."""
    from ..checks import reference
    T = run.T
    x = np.stack([run.value(INPUT, s) for s in range(1, T + 1)])[:, None, :]
    state0 = {s: run.value(s, 0)[None, :] for s in reference.states(name)}
    dh = np.stack([run.value(EXTERNAL_PREFIX + "h", s) for s in range(1, T + 1)])[:, None, :]
    hs, _ = reference.forward(name, x, run.params, state0)
    grads = reference.backward(name, x, run.params, dh, state0)
    out = {"h": float(np.max(np.abs(hs[:, 0] - np.stack([run.value("h", s) for s in range(1, T + 1)]))))}
    for p in run.params:
        out[p] = float(np.max(np.abs(grads[p] - run.grads[ADJOINT_PREFIX + p])))
    out["x"] = float(np.max(np.abs(grads["x"][:, 0] - np.stack(
        [run.value(ADJOINT_PREFIX + INPUT, s) for s in range(1, T + 1)]))))
    for s in reference.states(name):
        out[s + "0"] = float(np.max(np.abs(grads[s + "0"][0] - run.value(ADJOINT_PREFIX + s, 0))))
    return out
