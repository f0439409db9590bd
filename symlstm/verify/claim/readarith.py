r"""Typed values of the claim reader and their arithmetic: sums, products (matrix application, outer, element-wise),
division, derivatives (\frac{\partial L}{\partial q}, one-step Jacobians, unrolled claims)."""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from ...cells.algebra import ADJOINT_PREFIX, Diag, MatVec, Outer, TMatVec
from ..text.latexparse import LatexError
from .vocabulary import param_latex

__all__ = ["V", "ClaimError", "NUMERIC", "describe_kind", "ArithmeticMixin", "LATEX_FUNC"]

LATEX_FUNC = {"sigmoid": r"\sigma", "tanh": r"\tanh", "exp": r"\exp", "diag": r"\operatorname{diag}"}


class ClaimError(LatexError):
    """A claim that parses but does not make sense for this cell (unknown symbol, wrong shape)."""


@dataclass
class V:
    """A typed value while reading a claim.

    kind: scalar, vector, row (a transposed vector), matrix (a parameter), jac (a matrix-valued
    expression of Diag and matrices), outer (a sum of outer products), func, loss, partial,
    pgrad (δP on a left side), jacsym (∂s_t/∂s'_{t-1} on a left side), top, prime.
    """

    kind: str
    expr: object = None
    space: object = None
    node: object = None
    info: dict = field(default_factory=dict)


NUMERIC = ("scalar", "vector", "row", "matrix", "jac", "outer")


class ArithmeticMixin:
    """Sums, products and quotients of typed values (the arithmetic part of :class:`~symlstm.verify.reading.Reader`)."""

    def same_space(self, a: V, b: V, node, where, check=True):
        if check and not self.scalar and a.space and b.space and a.space != b.space:
            self.note(node, f"sizes do not match {where}: a vector of size {a.space} and one of size {b.space}")

    def add(self, terms, node) -> V:
        kinds = {v.kind for _, v in terms}
        for _, v in terms:
            if v.kind not in NUMERIC:
                raise self.fail(v.node, f"a {describe_kind(v)} cannot be added")
        nonzero = [(s, v) for s, v in terms if not (v.kind == "scalar" and v.expr == 0)]
        kinds = {v.kind for _, v in nonzero} or {"scalar"}
        if kinds & {"jac", "matrix"}:
            kind = "jac"
            bad = kinds - {"jac", "matrix"}
            if bad:
                raise self.fail(node, f"a matrix and a {bad.pop()} cannot be added (in a Jacobian, write "
                                      r"\operatorname{diag}(v) for a diagonal matrix)")
            exprs = [self.as_jac(v) for _, v in nonzero]
        elif "outer" in kinds:
            kind = "outer"
            if kinds - {"outer"}:
                raise self.fail(node, "an outer product (a matrix) and a vector cannot be added")
            exprs = [v.expr for _, v in nonzero]
        elif "row" in kinds:
            kind = "row"
            exprs = [v.expr for _, v in nonzero]
        else:
            kind = "vector" if "vector" in kinds else "scalar"
            exprs = [v.expr for _, v in nonzero]
        spaces = [v.space for _, v in nonzero if v.kind in ("vector", "row") and v.space]
        if len(set(spaces)) > 1 and not self.scalar:
            self.note(node, "terms of different sizes are added: " + ", ".join(
                f"{describe_kind(v)} of size {v.space}" for _, v in nonzero if v.space))
        signs = [s for s, v in terms if not (v.kind == "scalar" and v.expr == 0)]
        total = sympy.Add(*[e if s == "+" else -e for s, e in zip(signs, exprs)])
        space = spaces[0] if spaces else (nonzero[0][1].space if nonzero else None)
        return V(kind, total, space, node)

    def as_jac(self, v: V):
        if v.kind == "matrix":
            if v.info["transposed"]:
                raise self.fail(v.node, "a transposed matrix in a Jacobian is not supported")
            return sympy.Symbol(v.expr.name, commutative=False)
        return v.expr

    def product(self, items, ops, node) -> V:
        items, ops = list(items), list(ops)
        # functions and matrices apply to the factor right after them (right to left)
        for i in range(len(items) - 1, -1, -1):
            it = items[i]
            if it.kind == "func":
                if i + 1 >= len(items) or ops[i + 1] is not None:
                    raise self.fail(it.node, f"{LATEX_FUNC[it.info['name']]} needs an argument, "
                                             f"for example {LATEX_FUNC[it.info['name']]}(x_t)")
                nxt = items[i + 1]
                if "unscripted" in nxt.info:      # \tanh(c_t)^2 is (\tanh(c_t))^2
                    res = self.scripts(self.apply(it, nxt.info["unscripted"], it.node), nxt.info["scripts"], nxt.node)
                else:
                    res = self.apply(it, nxt, it.node)
                items[i:i + 2] = [res]
                del ops[i + 1]
            elif it.kind == "matrix" and i + 1 < len(items) and ops[i + 1] in (None, "cdot") \
                    and items[i + 1].kind == "vector":
                items[i:i + 2] = [self.matvec(it, items[i + 1], it.node)]
                del ops[i + 1]
        acc = items[0]
        for op, it in zip(ops[1:], items[1:]):
            acc = self.multiply(acc, it, op, node)
        return acc

    def matvec(self, m: V, v: V, node) -> V:
        rows, cols = m.space
        if v.space and cols != v.space:
            name = param_latex(m.expr.name) + ("^{\\top}" if m.info["transposed"] else "")
            shape = "H×I" if self.vocab.params[m.expr.name] == "input" else "H×H"
            self.note(node, f"{name} maps a vector of size {cols} (it is {shape}"
                            f"{', transposed' if m.info['transposed'] else ''}) but multiplies one of size {v.space}")
        cls = TMatVec if m.info["transposed"] else MatVec
        return V("vector", cls(m.expr, v.expr), rows, node)

    def multiply(self, a: V, b: V, op, node) -> V:
        for v in (a, b):
            if v.kind not in NUMERIC and not (op == "div" and v.kind == "partial"):
                raise self.fail(v.node, f"a {describe_kind(v)} cannot be multiplied here")
        if op == "div":
            return self.divide(a, b, node)
        if op == "otimes":
            if a.kind != "vector" or b.kind not in ("vector", "row"):
                raise self.fail(node, r"\otimes (an outer product) needs two vectors")
            return V("outer", Outer(a.expr, b.expr), (a.space, b.space), node)
        if a.kind == "scalar" or b.kind == "scalar":
            s, x = (a, b) if a.kind == "scalar" else (b, a)
            if x.kind == "matrix":
                return V("jac", s.expr * self.as_jac(x), None, node)
            return V(x.kind, s.expr * x.expr, x.space, node, {"transposed": x.info.get("transposed", False)})
        if a.kind == "vector" and b.kind == "vector":
            self.same_space(a, b, node, "in an element-wise product")
            return V("vector", a.expr * b.expr, a.space or b.space, node)
        if a.kind == "vector" and b.kind == "row" and op in (None, "cdot"):
            return V("outer", Outer(a.expr, b.expr), (a.space, b.space), node)
        if a.kind in ("jac", "matrix") and b.kind in ("jac", "matrix") and op in (None, "cdot"):
            return V("jac", self.as_jac(a) * self.as_jac(b), None, node)
        if a.kind == "jac" and b.kind == "vector" and isinstance(a.expr, Diag) and op in (None, "cdot"):
            return V("vector", a.expr.args[0] * b.expr, b.space, node)
        if a.kind == "vector" and b.kind in ("jac", "matrix"):
            raise self.fail(node, r"a vector times a matrix: for a diagonal matrix write \operatorname{diag}(v) M")
        if a.kind == "row" and b.kind == "vector":
            raise self.fail(node, "a transposed vector times a vector (an inner product) is not supported")
        if op == "odot":
            raise self.fail(node, f"\\odot multiplies two vectors element-wise; here a {a.kind} and a {b.kind}")
        raise self.fail(node, f"cannot multiply a {describe_kind(a)} by a {describe_kind(b)}")

    def divide(self, num: V, den: V, node) -> V:
        if num.kind == "partial" and den.kind == "partial":
            return self.derivative(num.info["inner"], den.info["inner"], node)
        if "partial" in (num.kind, den.kind):
            raise self.fail(node, r"expected \frac{\partial L}{\partial q} or \frac{\partial s_t}{\partial s_{t-1}}")
        if den.kind not in ("scalar", "vector") or num.kind not in ("scalar", "vector", "jac"):
            raise self.fail(node, f"division of a {num.kind} by a {den.kind} is not supported (division is element-wise)")
        if den.kind == "scalar" and den.expr == 0:
            raise self.fail(node, "division by zero")
        if num.kind == "jac" and den.kind != "scalar":
            raise self.fail(node, "a matrix divided by a vector is not supported")
        kind = "vector" if "vector" in (num.kind, den.kind) else num.kind
        return V(kind, num.expr / den.expr, num.space or den.space, node)

    def derivative(self, num: V, den: V, node) -> V:
        if num.kind == "loss":
            if den.kind == "vector" and den.info.get("ref") == "quantity":
                q = den.info["quantity"]
                return V("vector", sympy.Function(ADJOINT_PREFIX + q)(den.expr.args[0]), den.space, node,
                         {"ref": "adjoint", "quantity": q})
            if den.kind in ("matrix", "vector") and den.info.get("ref", "param") == "param" and \
                    (den.kind == "matrix" or isinstance(den.expr, sympy.Symbol)):
                name = den.expr.name
                return V("pgrad", sympy.Symbol(ADJOINT_PREFIX + name), None, node, {"param": name})
            raise self.fail(node, r"\frac{\partial L}{\partial ...} needs a quantity (c_t) or a parameter (W_f) below")
        if num.kind == "vector" and num.info.get("ref") == "quantity" and den.kind == "vector" \
                and den.info.get("ref") == "quantity":
            return V("jacsym", None, None, node, {"out": num, "in": den})
        if num.kind == "vector" and num.info.get("ref") == "quantity" and den.kind in ("matrix", "vector") \
                and (den.kind == "matrix" or den.info.get("ref") == "param"):
            return V("unrolled", None, None, node, {"out": num, "param": den.expr.name})
        raise self.fail(node, r"expected \frac{\partial L}{\partial q} (an adjoint, L the loss) or "
                              r"\frac{\partial s_t}{\partial s'_{t-1}} (a one-step Jacobian)")


def describe_kind(v: V) -> str:
    return {"func": f"function {LATEX_FUNC.get(v.info.get('name'), '')}", "loss": "loss L",
            "partial": r"\partial term", "pgrad": "parameter gradient", "jacsym": "Jacobian symbol",
            "top": r"\top", "jac": "matrix", "outer": "outer product", "row": "transposed vector"}.get(v.kind, v.kind)
