"""One Markdown page per cell: diagram, forward and backward equations, Jacobians, parameters, code."""
from __future__ import annotations

import sympy

from .diagram import LEGEND
from ..latex.printing import latex, latex_align
from .codeview import code_rows, code_table
from .facts import EXAMPLE_SIZE, GENERATED, H_, I_, ROLES, SYMBOLIC_SHAPES, param_count, role  # noqa: F401

__all__ = ["cell_page", "cells_index", "param_table", "param_count", "EXAMPLE_SIZE", "ROLES"]

def _shape_text(p) -> str:
    return " × ".join(str(s) for s in SYMBOLIC_SHAPES[p.kind])


def param_table(cell, size=EXAMPLE_SIZE) -> str:
    """Markdown table: parameter, role, shape, count (symbolic and at the example size)."""
    n_in, n_hidden = size
    shapes = cell.param_shapes(n_in, n_hidden)
    rows = [f"| parameter | role | shape | numbers | at I = {n_in}, H = {n_hidden} |",
            "|---|---|---|---|---:|"]
    for p in cell.params:
        count = sympy.Mul(*SYMBOLIC_SHAPES[p.kind])
        rows.append(f"| ${latex(sympy.Symbol(p.name))}$ | {role(p)} | {_shape_text(p)} | "
                    f"${sympy.latex(count)}$ | {_numel(shapes[p.name]):,} |")
    total = param_count(cell)
    rows.append(f"| **total** | {len(cell.params)} arrays | | ${sympy.latex(total)}$ | "
                f"**{int(total.subs({I_: n_in, H_: n_hidden})):,}** |")
    return "\n".join(rows) + "\n"


def _numel(shape) -> int:
    n = 1
    for s in shape:
        n *= s
    return n


def _display(body: str) -> str:
    return f"$$\n{body}\n$$\n"


def jacobian_rows(d, order) -> list[str]:
    rows = []
    for (o, i), j in d.jacobians.items():
        num, den = latex(sympy.Symbol(o)), latex(sympy.Symbol(i))
        rows.append(rf"\frac{{\partial {num}_{{t}}}}{{\partial {den}_{{t-1}}}} &= "
                    f"{latex(j, order=order) if j != 0 else '0'}")
    return rows


def cell_page(cell, derivation, *, diagram: str | None = None) -> str:
    """The Markdown page of one cell; ``diagram`` is the file name of its picture (beside the page)."""
    c, d = cell, derivation
    order = tuple(c.quantities)
    align = dict(env="aligned", order=order)
    states = ", ".join(c.states)
    total = param_count(c)
    title = f"# `{c.name}`" + (f": {c.description}" if c.description else "")
    out = [GENERATED, "", title, "",
           f"**States** {states} (h is the output) · **parameters** {len(c.params)} arrays, "
           f"${sympy.latex(total)}$ numbers · [all cells](README.md) · "
           f"[booklet (PDF)](../symlstm-booklet.pdf) · [gradient flow](../gradient-flow.md)", ""]
    if diagram:
        stem = diagram.rsplit(".", 1)[0]
        out += [f"![The {c.name} cell, drawn from its equations]({diagram})", "",
                f"*Drawn from the equations by `symlstm diagram {c.name}` ([PNG]({stem}.png)). "
                f"{LEGEND[0].upper()}{LEGEND[1:]}*", ""]
    out += ["## Forward pass", "",
            "For t = 1, …, T, with σ the logistic function and ⊙ the element-wise product:", "",
            _display(latex_align(c.equations, **align)),
            "## Backward pass (backpropagation through time)", "",
            "Δ_t = ∂L/∂h_t is the gradient reaching h_t directly from the loss, and every δ at step "
            "T + 1 is zero. These equations were derived by symlstm from the forward pass above "
            "(element-wise calculus by SymPy, one rule for the matrix products, one for the carry "
            "through time); none was written by hand."]
    if d.preactivations:
        out += ["", "The derivation names the pre-activations:", "",
                _display(latex_align(d.preactivations, **align)).rstrip("\n")]
    out += ["", "Adjoints, from the last quantity of the step to the first, and the input's gradient:", "",
            _display(latex_align([*d.adjoints, d.input_grad], **align)),
            "Parameter gradients (summed over the steps and over the batch):", "",
            _display(latex_align(d.param_grads, **align)),
            "Gradients of the initial states:", "",
            _display(latex_align(d.initial, **align)),
            "## One-step Jacobians", "",
            "∂s_t/∂s′_{t−1} for every pair of states s, s′: their products over time decide how far "
            "back a gradient reaches (see [gradient flow](../gradient-flow.md)).", "",
            _display(r"\begin{aligned}" + "\n" + " \\\\\n".join(jacobian_rows(d, order)) + "\n"
                     r"\end{aligned}"),
            "## Parameters", "",
            "W (H × I) multiplies the input, U (H × H) the previous hidden state; vectors are (H,).", "",
            param_table(c),
            "## Generated code beside its equations", "",
            f"The rows below are read from the NumPy module that `symlstm codegen {c.name}` writes "
            "(standalone: it imports numpy only), in the order it runs them. The first column is "
            "the derived equation the line computes; the third is the same line typeset by "
            "[latexify-py](https://github.com/google/latexify_py) (each line wrapped in a function "
            "of the names it reads; a slice `_lin…[:, k*H:(k+1)*H]` of a stacked matrix product is "
            "named by the matrix and vector it holds, e.g. `U_f_h_prev` for U_f h_{t−1}). Names: "
            "`c_prev` is c_{t−1}, `d_q` is δq_t, `dh_t` is Δ_t, `_carry_s` is what step t+1 sent "
            "back to δs_t, `_e…` are shared subexpressions.", ""]
    rows = code_rows(c)
    out += ["### Forward step", "", code_table(rows, "forward"),
            "### Backward step (t = T, …, 1)", "", code_table(rows, "backward").rstrip("\n")]
    return "\n".join(out) + "\n"


def cells_index(cells) -> str:
    """docs/cells/README.md: one row per built-in cell."""
    out = [GENERATED, "", "# The built-in cells", "",
           "Every page below is generated from the cell's equations by `symlstm docs`: the diagram, "
           "the forward and backward equations, the one-step Jacobians, the parameters and the "
           "generated code beside its mathematics. All of them are also in the "
           "[booklet (PDF)](../symlstm-booklet.pdf).", "",
           f"| cell | description | states | parameters | numbers at I = {EXAMPLE_SIZE[0]}, H = {EXAMPLE_SIZE[1]} |",
           "|---|---|---|---|---:|"]
    for c in cells:
        total = param_count(c)
        n = int(total.subs({I_: EXAMPLE_SIZE[0], H_: EXAMPLE_SIZE[1]}))
        out.append(f"| [`{c.name}`]({c.name}.md) | {c.description} | {', '.join(c.states)} | "
                   f"${sympy.latex(total)}$ | {n:,} |")
    return "\n".join(out) + "\n"
