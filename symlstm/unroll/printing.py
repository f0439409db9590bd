"""Printing of an unrolled cell (:class:`~symlstm.unroll.scalar.Unrolled`): LaTeX and text rows, value tables."""
from __future__ import annotations

import math

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

from ..cells.algebra import PREACT_SUFFIX

# =========================================================================== printing
def _base_parts(name):
    """(base, is_preactivation) of a quantity name such as ``i_bar``."""
    if PREACT_SUFFIX in name:
        base, _, k = name.rpartition(PREACT_SUFFIX)
        if k == "" or k.isdigit():
            return base, k
    return name, None


class _Names:
    """LaTeX and text names of the program's symbols (data, built from their meaning)."""

    def __init__(self, u, names: dict):
        from ..latex.printing import CellLatexPrinter
        self.u = u
        self.p = CellLatexPrinter({"names": names})

    def _sub(self, base_latex, sub):
        if "_" in base_latex or "^" in base_latex:
            return f"{{{base_latex}}}_{{{sub}}}"
        return f"{base_latex}_{{{sub}}}"

    def _idx(self, index):
        return ("" if all(k < 10 for k in index) else ",").join(str(k) for k in index)

    def latex(self, s) -> str:
        m = self.u._sym.meta.get(s)
        if m is None:
            return sympy.latex(s)
        H, I = self.u.n_hidden, self.u.n_in
        if m.kind == "weight":
            head, _, sub = m.base.partition("_")
            shape = self.u.weights[m.base].shape
            single = all(n == 1 for n in shape)
            if m.base in self.p._settings["names"]:
                body = self.p._settings["names"][m.base]
                return body if single else self._sub(body, self._idx(m.index))
            head = self.p._deal_with_super_sub(head)
            if single:
                return f"{head}_{{{sub}}}" if sub else head
            return f"{head}_{{{sub + ',' if sub else ''}{self._idx(m.index)}}}"
        if m.kind in ("input", "step", "initial"):
            body = "x" if m.kind == "input" else self.p._quantity(m.base)
            one = (I if m.kind == "input" else H) == 1
            return self._sub(body, f"{m.step}" if one else f"{m.step},{m.index[0]}")
        if m.kind == "adjoint":
            return r"\delta " + self.latex(m.of)
        if m.kind == "grad":
            return rf"\frac{{\partial L}}{{\partial {self.latex(m.of)}}}"
        return self.p._deal_with_super_sub(m.base)

    @staticmethod
    def text_base(name: str) -> str:
        """Text of a quantity name: ``i_bar`` -> ī, ``i_bar2`` -> î."""
        base, k = _base_parts(name)
        if k is not None:
            base += "\u0304" if k == "" else "\u0302" if k == "2" else f"\u0304({k})"
        return base

    def text(self, s) -> str:
        m = self.u._sym.meta.get(s)
        if m is None:
            return str(s)
        if m.kind == "weight":
            shape = self.u.weights[m.base].shape
            return m.base if all(n == 1 for n in shape) else f"{m.base}[{','.join(map(str, m.index))}]"
        if m.kind in ("input", "step", "initial"):
            base = self.text_base(m.base)
            one = (self.u.n_in if m.kind == "input" else self.u.n_hidden) == 1
            return f"{base}_{m.step}" if one else f"{base}_{m.step}[{m.index[0]}]"
        if m.kind == "adjoint":
            return "δ" + self.text(m.of)
        if m.kind == "grad":
            return f"dL/d{self.text(m.of)}"
        return m.base


def _positive_first(printer, expr):
    """The terms of a sum in the printer's order, positive ones first (y − h rather than −h + y)."""
    terms = list(printer._as_ordered_terms(expr, order=None))
    return sympy.Add(*sorted(terms, key=lambda a: a.could_extract_minus_sign()), evaluate=False)


class _ScalarLatexPrinter(LatexPrinter):
    """LaTeX of scalar program expressions: symbols by their meaning, σ and tanh."""

    _default_settings = {**LatexPrinter._default_settings, "symbol_names": None}

    def _print_Add(self, expr, order=None):
        return super()._print_Add(_positive_first(self, expr), order="none")

    def _print_Symbol(self, expr, style="plain"):
        return self._settings["symbol_names"].latex(expr)

    def _print_sigmoid(self, expr, exp=None):
        s = r"\sigma" + (f"^{{{exp}}}" if exp is not None else "")
        return rf"{s}\left({self._print(expr.args[0])}\right)"

    def _print_tanh(self, expr, exp=None):
        s = r"\tanh" + (f"^{{{exp}}}" if exp is not None else "")
        return rf"{s}\left({self._print(expr.args[0])}\right)"


class _ScalarTextPrinter(StrPrinter):
    _default_settings = {**StrPrinter._default_settings, "symbol_names": None}

    def _print_Add(self, expr, order=None):
        return super()._print_Add(_positive_first(self, expr), order="none")

    def _print_Symbol(self, expr):
        return self._settings["symbol_names"].text(expr)

    def _print_Function(self, expr):
        name = {"sigmoid": "σ"}.get(expr.func.__name__, expr.func.__name__)
        return f"{name}({', '.join(self._print(a) for a in expr.args)})"


def _term(p, u, d, dot, paren):
    """One chain-rule term δu · ∂u/∂v, printed in that order (the partial alone when δu = 1)."""
    if u == 1:
        return p.doprint(d)
    if d == 1:
        return p.doprint(u)
    s = p.doprint(d)
    if d.is_Add or s.startswith("-"):
        s = paren(s)
    return f"{p.doprint(u)}{dot}{s}"


def _join(printed, minus_ok=True):
    out = printed[0]
    for s in printed[1:]:
        out += (" - " + s[1:].lstrip()) if s.startswith("-") else " + " + s
    return out


def _sum_rows(p, terms, max_terms, *, dot=r" \cdot ", paren=lambda s: rf"\left({s}\right)",
              ellipsis=r"\cdots"):
    """Print a sum term by term in program order, shortened with ⋯ past ``max_terms``."""
    printed = [_term(p, u, d, dot, paren) for u, d, *_ in terms]
    if not printed:
        return "0"
    if len(printed) > max_terms:
        printed = printed[:max_terms - 1] + [ellipsis] + printed[-1:]
    return _join(printed)


def latex(u, steps, max_terms, names, env):
    nm = _Names(u, names)
    p = _ScalarLatexPrinter({"symbol_names": nm})
    show = min(steps, u.T)
    rows = []
    for t in range(show):
        rows += [f"{nm.latex(s)} &= {p.doprint(e)}" for s, e in u.steps[t]]
    if show < u.T:
        rows.append(r"&\;\;\vdots")
    L, lexpr = u.objective
    rows.append(f"L &= {p.doprint(lexpr)}")
    back = []
    T = u.T
    for a, e, terms in u._adjoints:
        step = u._sym.meta[u._sym.meta[a].of].step
        if step is None or step > T - show:
            back.append(f"{nm.latex(a)} &= {_sum_rows(p, terms, max_terms)}")
        elif back and not back[-1].endswith("vdots"):
            back.append(r"&\;\;\vdots")
    for gs, _ in u._grad_assignments:
        w = u._sym.meta[gs].of
        back.append(f"{nm.latex(gs)} &= {_sum_rows(p, u._gradient_terms[w], max_terms)}")
    def environment(rs):
        return f"\\begin{{{env}}}\n" + " \\\\\n".join(rs) + f"\n\\end{{{env}}}"
    return environment(rows) + "\n\n" + environment(back)


def text(u, steps, backward, max_terms):
    nm = _Names(u, {})
    p = _ScalarTextPrinter({"symbol_names": nm})
    show = u.T if steps is None else min(steps, u.T)
    lines = []
    for t in range(show):
        lines.append(f"step {t + 1}:")
        lines += [f"  {nm.text(s)} = {p.doprint(e)}" for s, e in u.steps[t]]
    if show < u.T:
        lines.append(f"  ... ({u.T - show} more steps)")
    lines.append(f"L = {p.doprint(u.objective[1])}")
    if backward:
        lines.append("")
        lines.append("gradient program (reverse accumulation):")

        def total(terms):
            return _sum_rows(p, terms, max_terms, dot=" · ", paren=lambda s: f"({s})", ellipsis="...")
        for a, _, terms in u._adjoints:
            lines.append(f"  {nm.text(a)} = {total(terms)}")
        for gs, _ in u._grad_assignments:
            w = u._sym.meta[gs].of
            lines.append(f"  {nm.text(gs)} = {total(u._gradient_terms[w])}")
    return "\n".join(lines)


def _fmt(v, digits):
    return "nan" if v != v else f"{v:.{digits}g}"


def table(u, ev, digits, fmt, preactivations):
    nm = _Names(u, {})
    H, I = u.n_hidden, u.n_in
    qs = [q for q in u.quantities if preactivations or _base_parts(q)[1] is None]
    heads = ["t"] + (["x"] if I == 1 else [f"x[{k}]" for k in range(I)])
    for q in qs:
        label = nm.text_base(q)
        heads += [label] if H == 1 else [f"{label}[{j}]" for j in range(H)]
    rows = []
    for t in range(u.T):
        row = [str(t + 1)] + [_fmt(ev.values[s.name], digits) for s in u.inputs[t]]
        for q in qs:
            for j in range(H):
                row.append(_fmt(ev.values.get(u.step_symbols[t][(q, j)].name, math.nan), digits))
        rows.append(row)
    grads = []
    if ev.gradient_scalars is not None:
        for w in u.gradient:
            grads.append((nm.text(w), nm.latex(w), _fmt(ev.gradient_scalars[w.name], digits)))
    L = u.objective[1]
    if fmt == "latex":
        p = _ScalarLatexPrinter({"symbol_names": nm})
        cols = ["$t$"] + [f"${_latex_col(nm, s)}$" for s in u.inputs[0]]
        cols += [f"${_latex_col(nm, u.step_symbols[0][(q, j)])}$" for q in qs for j in range(H)]
        out = [r"\begin{tabular}{" + "r" * len(cols) + "}", " & ".join(cols) + r" \\ \hline"]
        out += [" & ".join(r) + r" \\" for r in rows]
        out.append(r"\end{tabular}")
        out.append("")
        out.append(r"\begin{align*}")
        body = [f"L &= {p.doprint(L)} = {_fmt(ev.objective, digits)}"]
        body += [rf"\frac{{\partial L}}{{\partial {lw}}} &= {v}" for _, lw, v in grads]
        out.append(" \\\\\n".join(body))
        out.append(r"\end{align*}")
        return "\n".join(out)
    widths = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(heads)]
    line = "  ".join(h.rjust(w) for h, w in zip(heads, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in rows]
    ptext = _ScalarTextPrinter({"symbol_names": nm})
    out.append("")
    out.append(f"L = {ptext.doprint(L)} = {_fmt(ev.objective, digits)}")
    if grads:
        out.append("")
        width = max(len(n) for n, _, _ in grads)
        out += [f"dL/d{n.ljust(width)} = {v}" for n, _, v in grads]
    return "\n".join(out)


def _latex_col(nm, s):
    """Column head of a step quantity: its LaTeX at a generic step t."""
    m = nm.u._sym.meta[s]
    body = "x" if m.kind == "input" else nm.p._quantity(m.base)
    one = (nm.u.n_in if m.kind == "input" else nm.u.n_hidden) == 1
    return nm._sub(body, "t" if one else f"t,{m.index[0]}")
