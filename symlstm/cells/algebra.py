"""Symbolic primitives of a cell: time, vector quantities, σ, linear terms and Jacobian factors."""
from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

__all__ = [
    "t", "vec", "mat", "param", "sigmoid", "tanh", "MatVec", "TMatVec", "Outer", "SumT",
    "Diag", "Mat", "is_vec", "vec_name", "shift_of", "at",
    "ADJOINT_PREFIX", "PREACT_SUFFIX", "EXTERNAL_PREFIX", "adjoint", "preact", "external",
]

#: The step index. Every vector quantity of a cell is a function of it: ``h(t-1)``, ``c(t)``.
t = sympy.Symbol("t", integer=True)

#: Naming rules for derived quantities (one place; printers read them back).
ADJOINT_PREFIX = "delta_"
PREACT_SUFFIX = "_bar"
EXTERNAL_PREFIX = "Delta_"

tanh = sympy.tanh


class sigmoid(sympy.Function):
    """The logistic function σ(a) = 1 / (1 + e^{-a}); σ' = σ(1 − σ)."""

    def fdiff(self, argindex=1):
        if argindex != 1:
            raise sympy.ArgumentIndexError(self, argindex)
        s = sigmoid(self.args[0])
        return s * (1 - s)

    @classmethod
    def eval(cls, a):
        if a.is_zero:
            return sympy.Rational(1, 2)
        return None

    def _eval_rewrite_as_exp(self, a, **kwargs):
        return 1 / (1 + sympy.exp(-a))

    def _eval_rewrite_as_tanh(self, a, **kwargs):
        return (1 + sympy.tanh(a / 2)) / 2

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        a = self.args[0]._eval_evalf(prec)
        if a is None or not a.is_Number:
            return None
        return (1 / (1 + sympy.exp(-a)))._eval_evalf(prec)


class Mat(sympy.Symbol):
    """A matrix parameter; ``W @ v`` is the linear term :class:`MatVec`."""

    def __matmul__(self, other):
        return MatVec(self, sympy.sympify(other, strict=True))

    @property
    def T(self):
        return _Transposed(self)


class _Transposed:
    """``W.T @ v`` builds :class:`TMatVec`."""

    def __init__(self, m):
        self.m = m

    def __matmul__(self, other):
        return TMatVec(self.m, sympy.sympify(other, strict=True))


class _Linear(sympy.Expr):
    """A matrix times a vector expression, opaque to element-wise calculus."""

    is_commutative = True

    def __new__(cls, m, v):
        if not isinstance(m, Mat):
            raise TypeError(f"{cls.__name__} expects a matrix parameter (Mat), got {m!r}")
        return sympy.Expr.__new__(cls, m, sympy.sympify(v, strict=True))

    @property
    def matrix(self) -> Mat:
        return self.args[0]

    @property
    def vector(self) -> sympy.Expr:
        return self.args[1]

    def _eval_derivative(self, s):
        raise NotImplementedError(
            f"{type(self).__name__} is a linear term; symlstm differentiates it by its structural rule, "
            "not by sympy.diff")


class MatVec(_Linear):
    """``M v``: a matrix parameter times a vector (input weights, recurrent weights)."""


class TMatVec(_Linear):
    """``Mᵀ v``: the transposed product that carries an adjoint back through ``M v``."""


class Outer(sympy.Expr):
    """``a bᵀ`` summed over the batch: the gradient of a matrix from one step."""

    is_commutative = True

    def __new__(cls, a, b):
        return sympy.Expr.__new__(cls, sympy.sympify(a, strict=True), sympy.sympify(b, strict=True))


class SumT(sympy.Expr):
    """``Σ_t e``: a parameter gradient summed over time (and the batch)."""

    is_commutative = True

    def __new__(cls, e):
        return sympy.Expr.__new__(cls, sympy.sympify(e, strict=True))


class Diag(sympy.Expr):
    """``diag(v)``: a diagonal matrix factor of a Jacobian (non-commutative)."""

    is_commutative = False

    def __new__(cls, v):
        return sympy.Expr.__new__(cls, sympy.sympify(v, strict=True))


def vec(name: str) -> sympy.core.function.UndefinedFunction:
    """A vector quantity of the cell: ``vec("h")(t - 1)`` is h_{t-1}."""
    if not name.isidentifier():
        raise ValueError(f"quantity name {name!r} is not an identifier")
    return sympy.Function(name)


def mat(name: str) -> Mat:
    """A matrix parameter (``W_i``: (H, I) when it multiplies x, else (H, H))."""
    return Mat(name)


def param(name: str) -> sympy.Symbol:
    """A vector parameter (bias ``b_i``, peephole ``p_i``), shape (H,)."""
    return sympy.Symbol(name)


def is_vec(e) -> bool:
    """True for a time-indexed vector quantity such as h(t-1)."""
    return isinstance(e, AppliedUndef) and len(e.args) == 1 and e.args[0].has(t)


def vec_name(e) -> str:
    return e.func.__name__


def shift_of(e) -> int:
    """The time shift k of q(t + k)."""
    return int(e.args[0] - t)


def at(name: str, k: int = 0):
    """The quantity ``name`` at step t + k."""
    return sympy.Function(name)(t + k)


def adjoint(name: str, k: int = 0):
    """δq at step t + k."""
    return at(ADJOINT_PREFIX + name, k)


def preact(name: str, n: int = 1) -> str:
    """Name of the n-th pre-activation of quantity ``name`` (q_bar, q_bar2, ...)."""
    return name + PREACT_SUFFIX + ("" if n == 1 else str(n))


def external(name: str, k: int = 0):
    """Δ_t: the gradient reaching state ``name`` directly from the loss."""
    return at(EXTERNAL_PREFIX + name, k)
