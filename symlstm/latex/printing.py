"""LaTeX and plain-text printers for cell equations, derivations and Jacobians."""
from __future__ import annotations

import re

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

from ..cells.algebra import ADJOINT_PREFIX, EXTERNAL_PREFIX, PREACT_SUFFIX, MatVec, TMatVec, is_vec, shift_of, vec_name

__all__ = ["CellLatexPrinter", "CellTextPrinter", "latex", "text", "latex_align", "latex_derivation", "forward_rows",
           "text_lines", "jacobian_symbol", "latex_document", "markdown", "NotationLatexPrinter", "latex_notation"]

_PREACT = re.compile(rf"^(?P<base>.+?){PREACT_SUFFIX}(?P<k>\d*)$")

#: LaTeX accents of pre-activations: the first is \bar{q}, the second \hat{q}.
PREACT_ACCENTS = {"": r"\bar", "2": r"\hat"}
#: Text (Unicode) forms of the same facts.
TEXT_FUNCTIONS = {"sigmoid": "σ", "tanh": "tanh"}


def _split(name: str):
    """(is_adjoint, is_external, base, preact index) of a quantity name."""
    adj = name.startswith(ADJOINT_PREFIX)
    ext = name.startswith(EXTERNAL_PREFIX)
    if adj:
        name = name[len(ADJOINT_PREFIX):]
    if ext:
        name = name[len(EXTERNAL_PREFIX):]
    m = _PREACT.match(name)
    if m:
        return adj, ext, m["base"], m["k"]
    return adj, ext, name, None


def _time(k) -> str:
    if isinstance(k, int):
        return "t" if k == 0 else f"t{k:+d}"
    return str(k)


def _time_of(e):
    """Subscript of q(t + k) (or q(3) for a concrete step)."""
    a = e.args[0]
    return _time(shift_of(e)) if a.free_symbols else str(a)


class _Ordering:
    """Reading order of factors and terms: δ first, then quantities in definition order."""

    def __init__(self, order=()):
        self.order = {n: k for k, n in enumerate(order)}

    def _rank_name(self, e):
        _, _, base, _ = _split(vec_name(e))
        return self.order.get(base, len(self.order))

    def factor_key(self, f):
        """δ first, then parameters, then quantities in definition order (1 − q sits with q)."""
        rank, plain = 0, 0
        if f.is_Number:
            tier = 0
        elif _is_q(f) and vec_name(f).startswith((ADJOINT_PREFIX, EXTERNAL_PREFIX)):
            tier = 1
        elif isinstance(f, sympy.Symbol):
            tier = 2
        elif _is_q(f):
            tier, rank = 3, self._rank_name(f)
        elif _is_one_minus(f) and _one_minus_quantity(f) is not None:
            tier, rank, plain = 3, self._rank_name(_one_minus_quantity(f)), 1
        elif isinstance(f, (MatVec, TMatVec)):
            tier = 4
        else:
            tier, plain = 5, int(_is_one_minus(f))
        shift = -shift_of(f) if is_vec(f) else 0
        return (tier, rank, plain, shift, sympy.default_sort_key(f))

    def term_key(self, term):
        vecs = [a for a in term.atoms(sympy.core.function.AppliedUndef) if _is_q(a)]
        params = [s for s in term.free_symbols if isinstance(s, sympy.Symbol) and s.name != "t"]
        if term.is_Number:
            tier = 0
        elif any(vec_name(v).startswith(EXTERNAL_PREFIX) for v in vecs):
            tier = 1
        elif isinstance(term, MatVec):
            tier = 2 if is_vec(term.vector) and vec_name(term.vector) == "x" else 3
        elif any(vec_name(v).startswith(ADJOINT_PREFIX) and shift_of(v) > 0 for v in vecs if is_vec(v)):
            tier = 6
        elif isinstance(term, sympy.Symbol):
            tier = 7
        elif params:
            tier = 5
        else:
            tier = 4
        current = [self._rank_name(v) for v in vecs if not is_vec(v) or shift_of(v) >= 0]
        return (tier, max(current, default=0), sympy.default_sort_key(term))


def _is_q(e):
    """A quantity at a symbolic (t + k) or concrete step."""
    return isinstance(e, sympy.core.function.AppliedUndef) and len(e.args) == 1


def _one_minus_quantity(e):
    """q for ``1 - q`` (q a quantity), else None."""
    rest = [a for a in e.args if not a.is_Number]
    if len(rest) == 1 and rest[0].could_extract_minus_sign():
        q = -rest[0]
        return q if _is_q(q) else None
    return None


def _is_one_minus(e):
    return e.is_Add and len(e.args) == 2 and any(a.is_Number for a in e.args)


#: Names printed with subscripts (W_i, b_f, W_a_b); others are printed literally (\mathit{U\_\_}).
_PLAIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*")


class CellLatexPrinter(LatexPrinter):
    """Textbook notation: σ, tanh, ⊙, W_f x_t + U_f h_{t-1} + b_f, δ for adjoints.

    Settings (besides LatexPrinter's): ``names`` maps a quantity or parameter name to the
    LaTeX to print for it (``{"c": "C", "g": r"\\tilde{C}"}``); ``order`` lists quantity names
    in reading order.
    """

    _default_settings = {**LatexPrinter._default_settings, "names": {}, "order": ()}

    def __init__(self, settings=None):
        super().__init__(settings)
        self._ordering = _Ordering(self._settings["order"])

    # --- names
    def _name(self, base: str) -> str:
        names = self._settings["names"]
        if base in names:
            return names[base]
        if not _PLAIN_NAME.fullmatch(base):     # U__, q_, b__c_: no sub/superscripts, always valid LaTeX
            return r"\mathit{" + base.replace("_", r"\_") + "}"
        return self._deal_with_super_sub(base)

    def _quantity(self, name: str) -> str:
        adj, ext, base, k = _split(name)
        body = self._name(base)
        if "_" in body or "^" in body:          # a0 -> {a_{0}}, so the time subscript is not a second one
            body = "{" + body + "}"
        if k is not None:
            accent = PREACT_ACCENTS.get(k)
            body = f"{accent}{{{body}}}" if accent else rf"\bar{{{body}}}^{{({k})}}"
        if ext:
            return r"\Delta"
        return rf"\delta {body}" if adj else body

    def _print_Symbol(self, expr, style="plain"):
        name = expr.name
        if name.startswith(ADJOINT_PREFIX):
            return r"\delta " + self._name(name[len(ADJOINT_PREFIX):])
        return self._name(name)

    def _print_Function(self, expr, exp=None):
        if is_vec(expr) or (isinstance(expr, sympy.core.function.AppliedUndef) and len(expr.args) == 1
                            and expr.args[0].is_Integer):
            s = f"{self._quantity(vec_name(expr))}_{{{_time_of(expr)}}}"
            return f"{s}^{{{exp}}}" if exp is not None else s
        return super()._print_Function(expr, exp)

    def _print_sigmoid(self, expr, exp=None):
        s = r"\sigma" + (f"^{{{exp}}}" if exp is not None else "")
        return rf"{s}\left({self._print(expr.args[0])}\right)"

    def _print_tanh(self, expr, exp=None):
        s = r"\tanh" + (f"^{{{exp}}}" if exp is not None else "")
        return rf"{s}\left({self._print(expr.args[0])}\right)"

    # --- products and sums
    def _factor(self, f):
        s = self._print(f)
        if f.is_Add or (f.is_Mul and not f.is_commutative) or isinstance(f, (MatVec, TMatVec)):
            return rf"\left({s}\right)"
        return s

    def _print_Mul(self, expr):
        if not expr.is_Mul:     # LatexPrinter._print_Pow hands a bare 1/x here
            return super()._print_Mul(expr)
        coeff, rest = expr.as_coeff_Mul()
        sign = "- " if coeff == -1 else ""
        if not expr.is_commutative:
            body = " ".join(self._factor(f) for f in sympy.Mul.make_args(rest))
            return sign + body if coeff in (1, -1) else f"{self._print(coeff)} {body}"
        if any(f.is_Pow and f.exp.is_negative for f in expr.args):
            return super()._print_Mul(expr)
        factors = sorted(sympy.Mul.make_args(rest), key=self._ordering.factor_key)
        body = r" \odot ".join(self._factor(f) for f in factors)
        if coeff == 1:
            return body
        if coeff == -1:
            return "- " + body
        return f"{self._print(coeff)} {body}"

    def _print_Add(self, expr, order=None):
        terms = sorted(expr.args, key=self._ordering.term_key)
        out = ""
        for k, term in enumerate(terms):
            s = self._print(term)
            if k == 0:
                out = s
            elif s.startswith("- "):
                out += " - " + s[2:]
            elif s.startswith("-"):
                out += " - " + s[1:]
            else:
                out += " + " + s
        return out

    def _print_Pow(self, expr):
        if expr.exp == 2 and is_vec(expr.base):
            return self._print_Function(expr.base, exp=2)
        return super()._print_Pow(expr)

    # --- linear algebra
    def _vector(self, v):
        s = self._print(v)
        return rf"\left({s}\right)" if v.is_Add or v.is_Mul else s

    def _print_MatVec(self, expr):
        return f"{self._print(expr.matrix)} {self._vector(expr.vector)}"

    def _print_TMatVec(self, expr):
        return rf"{self._print(expr.matrix)}^{{\top}} {self._vector(expr.vector)}"

    def _print_Outer(self, expr):
        a, b = expr.args
        return rf"{self._vector(a)}\, {self._vector(b)}^{{\top}}"

    def _print_SumT(self, expr):
        return rf"\sum_{{t}} {self._vector(expr.args[0]) if expr.args[0].is_Add else self._print(expr.args[0])}"

    def _print_Diag(self, expr):
        return rf"\operatorname{{diag}}\left({self._print(expr.args[0])}\right)"

    def _print_Equality(self, expr):
        return f"{self._print(expr.lhs)} &= {self._print(expr.rhs)}"


class CellTextPrinter(StrPrinter):
    """Plain Unicode text: ``c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t``."""

    _default_settings = {**StrPrinter._default_settings, "order": ()}

    def __init__(self, settings=None):
        super().__init__(settings)
        self._ordering = _Ordering(self._settings["order"])

    def _quantity(self, name):
        adj, ext, base, k = _split(name)
        if k is not None:
            base = base + ("\u0304" if k == "" else "\u0302" if k == "2" else f"\u0304({k})")
        if ext:
            return "Δ"
        return ("δ" if adj else "") + base

    def _print_Symbol(self, expr):
        name = expr.name
        return "δ" + name[len(ADJOINT_PREFIX):] if name.startswith(ADJOINT_PREFIX) else name

    def _print_Function(self, expr):
        if is_vec(expr) or (isinstance(expr, sympy.core.function.AppliedUndef) and expr.args[0].is_Integer):
            k = _time_of(expr)
            return f"{self._quantity(vec_name(expr))}_{k if k == 't' or len(k) == 1 else '{' + k + '}'}"
        name = TEXT_FUNCTIONS.get(expr.func.__name__, expr.func.__name__)
        return f"{name}({', '.join(self._print(a) for a in expr.args)})"

    def _factor(self, f):
        s = self._print(f)
        return f"({s})" if f.is_Add or isinstance(f, (MatVec, TMatVec)) else s

    def _print_Mul(self, expr):
        if not expr.is_commutative:
            return " ".join(self._factor(f) for f in expr.args)
        if any(f.is_Pow and f.exp.is_negative for f in expr.args):
            return super()._print_Mul(expr)
        coeff, rest = expr.as_coeff_Mul()
        body = " ⊙ ".join(self._factor(f) for f in sorted(sympy.Mul.make_args(rest), key=self._ordering.factor_key))
        return body if coeff == 1 else ("-" + body if coeff == -1 else f"{self._print(coeff)}·{body}")

    def _print_Add(self, expr, order=None):
        out = ""
        for k, term in enumerate(sorted(expr.args, key=self._ordering.term_key)):
            s = self._print(term)
            out = s if k == 0 else out + (f" - {s[1:]}" if s.startswith("-") else f" + {s}")
        return out

    def _print_Pow(self, expr, rational=False):
        if expr.exp == 2 and (is_vec(expr.base) or isinstance(expr.base, sympy.Function)):
            if isinstance(expr.base, sympy.Function) and not is_vec(expr.base):
                name = TEXT_FUNCTIONS.get(expr.base.func.__name__, expr.base.func.__name__)
                return f"{name}²({self._print(expr.base.args[0])})"
            return self._print(expr.base) + "²"
        return super()._print_Pow(expr, rational)

    def _vector(self, v):
        s = self._print(v)
        return f"({s})" if v.is_Add or v.is_Mul else s

    def _print_MatVec(self, expr):
        return f"{self._print(expr.matrix)} {self._vector(expr.vector)}"

    def _print_TMatVec(self, expr):
        return f"{self._print(expr.matrix)}ᵀ {self._vector(expr.vector)}"

    def _print_Outer(self, expr):
        return f"{self._vector(expr.args[0])} {self._vector(expr.args[1])}ᵀ"

    def _print_SumT(self, expr):
        return f"Σ_t {self._vector(expr.args[0]) if expr.args[0].is_Add else self._print(expr.args[0])}"

    def _print_Diag(self, expr):
        return f"diag({self._print(expr.args[0])})"

    def _print_Equality(self, expr):
        return f"{self._print(expr.lhs)} = {self._print(expr.rhs)}"


# ------------------------------------------------------------------------------ helpers
def _order_of(equations):
    """Base quantity names in order of first definition."""
    names = [_split(vec_name(eq.lhs))[2] for eq in equations if is_vec(eq.lhs)]
    return tuple(dict.fromkeys(names))


def latex(expr, **settings) -> str:
    """LaTeX of one expression or equation in symlstm's notation."""
    return CellLatexPrinter(settings).doprint(expr)


def text(expr, **settings) -> str:
    return CellTextPrinter(settings).doprint(expr)


def jacobian_symbol(out: str, inp: str):
    """A placeholder whose LaTeX is ∂out_t/∂inp_{t-1}."""
    return sympy.Symbol(f"J_{out}_{inp}")


def _rows(equations, printer):
    return [printer.doprint(eq) for eq in equations]


def latex_align(equations, *, env="align", names=None, order=None) -> str:
    """Equations as one LaTeX ``align`` (or ``aligned``) environment, one per line."""
    p = CellLatexPrinter({"names": names or {}, "order": tuple(order or _order_of(equations))})
    return _environment(_rows(equations, p), env)


def _environment(rows, env):
    body = " \\\\\n".join(rows)
    return f"\\begin{{{env}}}\n{body}\n\\end{{{env}}}"


def _jacobian_rows(derivation, p):
    rows = []
    for (o, i), j in derivation.jacobians.items():
        num, den = p._name(o), p._name(i)
        rows.append(rf"\frac{{\partial {num}_{{t}}}}{{\partial {den}_{{t-1}}}} &= {p.doprint(j) if j != 0 else '0'}")
    return rows


def latex_derivation(derivation, *, env="align", names=None, jacobians=True) -> str:
    """The backward equations (and one-step Jacobians) of a derivation as LaTeX."""
    order = _order_of(derivation.cell.equations)
    p = CellLatexPrinter({"names": names or {}, "order": order})
    rows = _rows(derivation.preactivations + derivation.equations, p)
    if jacobians:
        rows += _jacobian_rows(derivation, p)
    return _environment(rows, env)


def text_lines(equations, order=None) -> str:
    p = CellTextPrinter({"order": tuple(order or _order_of(equations))})
    out = []
    for eq in equations:
        if isinstance(eq.lhs, sympy.Symbol) and eq.lhs.name.startswith("J_"):
            _, o, i = eq.lhs.name.split("_", 2)
            out.append(f"∂{o}_t/∂{i}_{{t-1}} = {p.doprint(eq.rhs)}")
        else:
            out.append(p.doprint(eq))
    return "\n".join(out)


def markdown(cell, derivation=None) -> str:
    """Forward (and backward) equations as Markdown with display math."""
    parts = [f"## `{cell.name}`", "", "Forward, for t = 1, …, T:", "", "$$", cell.latex(env="aligned"), "$$"]
    if derivation is not None:
        parts += ["", "Backward (BPTT). Δ_t = ∂L/∂h_t is the gradient reaching h_t from the loss; "
                  "δ of a quantity at T+1 is zero.", "", "$$", derivation.latex(env="aligned"), "$$"]
    return "\n".join(parts) + "\n"


def latex_document(cell, derivation=None) -> str:
    """A standalone LaTeX document of a cell's forward and backward equations."""
    title = cell.name.replace("_", r"\_")
    body = [r"\section*{Forward pass}", cell.latex(env="align*")]
    if derivation is not None:
        body += [r"\section*{Backward pass (backpropagation through time)}",
                 r"$\Delta_t = \partial L / \partial h_t$ is the gradient reaching $h_t$ directly from the loss;"
                 r" every $\delta$ at step $T+1$ is zero. Parameter gradients sum over the batch too.",
                 derivation.latex(env="align*")]
    return "\n".join([
        r"\documentclass[11pt]{article}",
        r"\usepackage[margin=2cm]{geometry}",
        r"\usepackage{amsmath,amssymb}",
        r"\allowdisplaybreaks",
        rf"\title{{symlstm: \texttt{{{title}}}}}",
        r"\date{}",
        r"\begin{document}",
        r"\maketitle",
        *body,
        r"\end{document}",
        "",
    ])


# ============================================================================ notations (symlstm/latex/notation.py)
class NotationLatexPrinter(CellLatexPrinter):
    """The same equations written in a :class:`~symlstm.latex.notation.Notation`: its time style
    (x_t, x^{(t)}, x^{\\langle t \\rangle}), gradient style (\\delta, d, \\partial L/\\partial, \\nabla), product and
    transpose signs, names, and layout (``row``: x_t W, the weights being the transposes of symlstm's)."""

    _default_settings = {**CellLatexPrinter._default_settings, "notation": None}

    def __init__(self, settings=None):
        super().__init__(settings)
        from .notation import notation
        self._notation = notation(self._settings["notation"])
        names = dict(self._notation.names)
        names.update(self._settings["names"])
        self._settings["names"] = names

    def _time(self, expr) -> str:
        from .notation import time_latex
        a = expr.args[0]
        if a.free_symbols:
            return time_latex(self._notation.time, shift_of(expr), self._notation.time_var)
        return time_latex(self._notation.time if self._notation.time != "words" else "sub", 0, str(a))

    def _print_Function(self, expr, exp=None):
        if is_vec(expr) or (isinstance(expr, sympy.core.function.AppliedUndef) and len(expr.args) == 1
                            and expr.args[0].is_Integer):
            adj, ext, base, k = _split(vec_name(expr))
            body = self._name(base)
            if k is not None:
                accent = PREACT_ACCENTS.get(k)
                body = f"{accent}{{{body}}}" if accent else rf"\bar{{{body}}}^{{({k})}}"
            if ext:
                s = r"\Delta" + self._time(expr)
            else:
                s = body + self._time(expr)
                if adj:
                    s = self._notation.gradient_of(s)
            if exp is not None:
                s = f"\\left({s}\\right)^{{{exp}}}" if adj or "^" in s else f"{s}^{{{exp}}}"
            return s
        return super()._print_Function(expr, exp)

    def _print_Symbol(self, expr, style="plain"):
        name = expr.name
        if name.startswith(ADJOINT_PREFIX):
            return self._notation.gradient_of(self._name(name[len(ADJOINT_PREFIX):]))
        s = self._name(name)
        if not expr.is_commutative and self._notation.layout == "row":
            s += self._notation.transpose          # Jacobians: the row layout's weights are transposed
        return s

    def _print_Mul(self, expr):
        s = super()._print_Mul(expr)
        op = self._notation.product
        return s if op == r"\odot" else s.replace(r" \odot ", f" {op} ")

    def _print_MatVec(self, expr):
        if self._notation.layout == "row":
            return f"{self._vector(expr.vector)} {self._print(expr.matrix)}"
        return f"{self._print(expr.matrix)} {self._vector(expr.vector)}"

    def _print_TMatVec(self, expr):
        t = self._notation.transpose
        if self._notation.layout == "row":
            return f"{self._vector(expr.vector)} {self._print(expr.matrix)}{t}"
        return f"{self._print(expr.matrix)}{t} {self._vector(expr.vector)}"

    def _print_Outer(self, expr):
        a, b = expr.args
        t = self._notation.transpose
        if self._notation.layout == "row":
            return rf"{self._vector(b)}{t}\, {self._vector(a)}"
        return rf"{self._vector(a)}\, {self._vector(b)}{t}"

    def _print_SumT(self, expr):
        v = self._notation.time_var
        body = self._vector(expr.args[0]) if expr.args[0].is_Add else self._print(expr.args[0])
        return rf"\sum_{{{v}}} {body}"


def forward_rows(cell, notation=None, extra=()) -> list[str]:
    """A cell's forward equations (then ``extra`` ones, such as a derivation's pre-activations) in a notation
    preset, one ``lhs = rhs`` string each (no alignment mark)."""
    from .notation import notation as _notation
    p = NotationLatexPrinter({"notation": _notation(notation), "order": _order_of(cell.equations)})
    return [row.replace("&=", "=", 1) for row in _rows(list(cell.equations) + list(extra), p)]


def latex_notation(cell, derivation=None, *, notation=None, env="align") -> str:
    """A cell's forward (and backward) equations in a notation preset (``"d2l"``, ``"coursera"``, ...)."""
    from .notation import notation as _notation
    nt = _notation(notation)
    order = _order_of(cell.equations)
    p = NotationLatexPrinter({"notation": nt, "order": order})
    rows = _rows(cell.equations, p)
    if derivation is not None:
        rows += _rows(derivation.preactivations + derivation.equations, p)
        from ..cells.algebra import at, t
        for (o, i), j in derivation.jacobians.items():
            out = at(o)
            inp = at(i).subs(t, t - 1)
            rows.append(rf"\frac{{\partial {p.doprint(out)}}}{{\partial {p.doprint(inp)}}} &= "
                        f"{p.doprint(j) if j != 0 else '0'}")
    return _environment(rows, env)
