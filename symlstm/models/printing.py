"""Printers of a model's equations: the cell's notation plus the head's (h_T, sums over components, softmax)."""
from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

from ..cells.algebra import t, vec_name
from ..latex.printing import CellLatexPrinter, CellTextPrinter
#: Display names of the head's quantities.
NAMES = {"yhat": r"\hat{y}", "ell": r"\ell"}
TEXT_NAMES = {"yhat": "ŷ", "ell": "ℓ"}


def _positive_first(printer):
    """Read sums with positive terms first (ŷ − y rather than −y + ŷ)."""
    key = printer._ordering.term_key
    printer._ordering.term_key = lambda term: (term.could_extract_minus_sign(), key(term))


def _condition(printer, cond, eq):
    lhs, rhs = (cond.rhs, cond.lhs) if cond.rhs == t else (cond.lhs, cond.rhs)
    return f"{printer._print(lhs)} {eq} {printer._print(rhs)}"


class ModelLatexPrinter(CellLatexPrinter):
    """Cell notation plus the head's: h_T, sums over components, softmax."""

    def __init__(self, settings=None):
        super().__init__(settings)
        _positive_first(self)

    def _print_Piecewise(self, expr):
        (e, cond), (other, _) = expr.args
        return (r"\begin{cases} " + self._print(e) + r" & \text{if } " + _condition(self, cond, "=")
                + r" \\ " + self._print(other) + r" & \text{otherwise} \end{cases}")

    def _print_Function(self, expr, exp=None):
        if isinstance(expr, AppliedUndef) and len(expr.args) == 1 and not expr.args[0].has(t):
            s = f"{self._quantity(vec_name(expr))}_{{{self._print(expr.args[0])}}}"
            return f"{s}^{{{exp}}}" if exp is not None else s
        return super()._print_Function(expr, exp)

    def _print_softmax(self, expr, exp=None):
        return rf"\operatorname{{softmax}}\left({self._print(expr.args[0])}\right)"

    def _print_Derivative(self, expr):
        (v, _), = expr.variable_count
        return rf"\frac{{\partial {self._print(expr.expr)}}}{{\partial {self._print(v)}}}"

    def _print_Indexed(self, expr):
        base = self._print(expr.base.label)
        idx = ",".join(self._print(i) for i in expr.indices)
        return f"{{{base}}}_{{{idx}}}" if "_" in base else f"{base}_{{{idx}}}"

    def _print_Mul(self, expr):
        if expr.has(sympy.Sum, sympy.Indexed):
            return LatexPrinter._print_Mul(self, expr)
        return super()._print_Mul(expr)


class ModelTextPrinter(CellTextPrinter):
    def __init__(self, settings=None):
        super().__init__(settings)
        _positive_first(self)

    def _print_Symbol(self, expr):
        name = expr.name
        if name.startswith("delta_"):
            return "δ" + TEXT_NAMES.get(name[6:], name[6:])
        return TEXT_NAMES.get(name, name)

    def _print_Function(self, expr):
        if isinstance(expr, AppliedUndef) and len(expr.args) == 1 and not expr.args[0].has(t) \
                and not expr.args[0].is_Integer:
            return f"{self._quantity(vec_name(expr))}_{self._print(expr.args[0])}"
        return super()._print_Function(expr)

    def _print_Piecewise(self, expr):
        (e, cond), (other, _) = expr.args
        return f"({self._print(e)} if {_condition(self, cond, '=')} else {self._print(other)})"

    def _print_Sum(self, expr):
        lims = " ".join(f"Σ_{{{self._print(v)}={self._print(lo)}..{self._print(hi)}}}" for v, lo, hi in expr.limits)
        body = self._print(expr.function)
        return f"{lims} {'(' + body + ')' if expr.function.is_Add else body}"

    def _print_Indexed(self, expr):
        return f"{self._print(expr.base.label)}_{{{','.join(self._print(i) for i in expr.indices)}}}"

    def _print_Derivative(self, expr):
        (v, _), = expr.variable_count
        return f"∂{self._print(expr.expr)}/∂{self._print(v)}"

    def _print_Mul(self, expr):
        if expr.has(sympy.Sum, sympy.Indexed):
            return StrMul(self, expr)
        return super()._print_Mul(expr)


def StrMul(printer, expr):
    return StrPrinter._print_Mul(printer, expr)
