"""The generated code of one step beside the derived equations, each line typeset by latexify-py.

The rows are read from the generated module itself (``generate(cell)``, parsed with ``ast``):
every assignment of the forward and backward step loops becomes a row holding the code line,
the equation of the derivation it implements (symlstm's LaTeX printer) and the code line as
latexify-py typesets it (each line wrapped in a small function of the names it reads). A reader
can check term by term that the code computes the mathematics.
"""
from __future__ import annotations

import ast
import importlib.util
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sympy

from ..cells.algebra import ADJOINT_PREFIX, Mat, TMatVec, adjoint, at, external
from ..cells.cell import INPUT
from ..codegen.plan import make_plan
from ..codegen.compile import generate
from ..derive import derive
from ..latex.printing import latex

__all__ = ["Row", "code_rows", "code_table"]

#: latexify renames: the generated module's stable σ is printed as σ.
LATEXIFY_IDENTIFIERS = {"_sigmoid": "sigma"}
#: Names the generated code uses that are not values of the step.
NOT_ARGUMENTS = {"np", "_sigmoid"}


@dataclass(frozen=True)
class Row:
    """One line of generated code: ``code`` (Python), ``math`` (LaTeX of the equation it computes,
    or a description), ``typeset`` (latexify-py's LaTeX of the line, '' for matrix products)."""

    phase: str          # "forward" or "backward"
    target: str
    code: str
    math: str
    typeset: str


def _loop(fn: ast.FunctionDef) -> ast.For:
    for node in fn.body:
        if isinstance(node, ast.For):
            return node
    raise ValueError(f"generated function {fn.name} has no step loop")


def _functions(source: str) -> dict:
    return {n.name: n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)}


def _member(slice_node) -> int | None:
    """k of the slice ``[:, k * H:(k + 1) * H]`` (or ``[:, 0:H]``) of a stacked product."""
    if not isinstance(slice_node, ast.Tuple) or len(slice_node.elts) != 2:
        return None
    s = slice_node.elts[1]
    if not isinstance(s, ast.Slice):
        return None
    lo = s.lower
    if isinstance(lo, ast.Constant):
        return int(lo.value)
    if isinstance(lo, ast.BinOp) and isinstance(lo.left, ast.Constant):
        return int(lo.left.value)
    return None


class _NameSlices(ast.NodeTransformer):
    """``_lin0[:, H:2 * H]`` → ``U_f_h_prev``: a slice of a stacked product named by what it holds."""

    def __init__(self, products: dict):
        self.products = products          # group name -> list of identifiers, one per member

    def visit_Subscript(self, node):
        base = node.value
        if isinstance(base, ast.Subscript) and isinstance(base.value, ast.Name):   # _linx[t][...]
            base = base.value
        if isinstance(base, ast.Name) and base.id.startswith("_lin"):
            k = _member(node.slice)
            names = self.products.get(base.id[len("_lin"):])
            if k is not None and names is not None and k < len(names):
                return ast.copy_location(ast.Name(names[k], ast.Load()), node)
        return self.generic_visit(node)


def _product_names(plan) -> dict:
    out = {}
    for g in plan.groups:
        vec = re.sub(r"\W+", "_", str(g.vector)).strip("_")
        out[g.name] = [f"{m}_{vec}" for m in g.matrices]
    return out


def _from_identifiers(expr, quantities):
    """Identifier form (d_i_bar, h_prev, x_t) back to the time-indexed quantities of the derivation."""
    table = {}
    for s in expr.free_symbols:
        name = s.name
        if name == "dh_t":
            table[s] = external("h")
        elif name == "x_t":
            table[s] = at(INPUT)
        elif name.startswith("d_"):
            table[s] = adjoint(name[2:])
        elif name.endswith("_prev"):
            table[s] = at(name[:-5], -1)
        elif name in quantities:
            table[s] = at(name)
    return expr.xreplace(table)


def _eq(lhs, rhs, order) -> str:
    return f"{latex(lhs, order=order)} = {latex(rhs, order=order)}"


def _typeset_all(functions: list[tuple[str, str]]) -> dict:
    """latexify-py's LaTeX of each (name, source) function, through its public ``get_latex``."""
    import latexify
    if not functions:
        return {}
    source = "\n\n".join(src for _, src in functions) + "\n"
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "symlstm_codeview_lines.py"
        path.write_text(source)
        name = f"_symlstm_codeview_{abs(hash(source))}"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
            for fname, _ in functions:
                out[fname] = latexify.get_latex(getattr(module, fname), use_math_symbols=True,
                                                identifiers=LATEXIFY_IDENTIFIERS)
        finally:
            sys.modules.pop(name, None)
    return out


def _line_function(fname: str, value: ast.expr, products) -> str:
    """Source of ``def fname(<names the line reads>): return <the line's right side>``."""
    value = _NameSlices(products).visit(ast.fix_missing_locations(ast.parse(ast.unparse(value), mode="eval")))
    args = sorted({n.id for n in ast.walk(value) if isinstance(n, ast.Name)} - NOT_ARGUMENTS)
    return f"def {fname}({', '.join(args)}):\n    return {ast.unparse(value.body)}\n"


def code_rows(cell) -> list[Row]:
    """Rows for the forward and backward step of ``cell`` (a Cell or a built-in name)."""
    d = derive(cell)
    c = d.cell
    plan = make_plan(d)
    order = tuple(c.quantities)
    quantities = {q for q, _ in d.expanded}
    groups = {g.name: g for g in plan.groups}
    products = _product_names(plan)
    forward_eqs = {q: _eq(at(q), e, order) for q, e in d.expanded}
    adjoint_eqs = {eq.lhs.func.__name__[len(ADJOINT_PREFIX):]: _eq(eq.lhs, eq.rhs, order) for eq in d.adjoints}

    source = generate(c)
    fns = _functions(source)

    def stacked(g):
        mats = r";\, ".join(latex(Mat(m)) for m in g.matrices)
        vector = latex(g.nodes[0].vector, order=order)
        return rf"\left[{mats}\right] {vector}" if len(g.matrices) > 1 else f"{mats} {vector}"

    rows = []
    functions = {"forward": [], "backward": []}

    def add(phase, stmt, target, math, typeset_line=True):
        if typeset_line:
            functions[phase].append((target, _line_function(target, stmt.value, products)))
        rows.append((phase, target, ast.get_source_segment(source, stmt), math, typeset_line))

    # forward: the hoisted product of all inputs, then the step loop
    fwd = fns["_forward"]
    for stmt in fwd.body:
        if isinstance(stmt, ast.Assign) and _target(stmt) == "_linx" and "x" in groups:
            rows.append(("forward", "_linx", ast.get_source_segment(source, stmt),
                         stacked(groups["x"]) + r" \text{ for all } t", False))
    for stmt in _loop(fwd).body:
        target = _target(stmt)
        if target is None or isinstance(stmt.value, ast.Name):
            continue
        if target.startswith("_lin"):
            g = groups.get(target[len("_lin"):])
            add("forward", stmt, target, stacked(g) if g else "matrix product", typeset_line=False)
        elif target in forward_eqs:
            add("forward", stmt, target, forward_eqs[target])
        else:
            add("forward", stmt, target, r"\text{shared subexpression}")

    # backward: the step loop, newest step first
    for stmt in _loop(fns["_backward"]).body:
        target = _target(stmt)
        if target is None:
            continue
        if isinstance(stmt.value, (ast.Subscript, ast.IfExp)) or (
                isinstance(stmt.value, ast.Name) and not target.startswith(("_carry_", "d_"))):
            continue                       # loads of saved values; d_g = d_c is an equation, kept
        if target.startswith("_back"):
            g = groups[target[len("_back"):]]
            terms = [TMatVec(Mat(m), _from_identifiers(a, quantities)) for m, a in zip(g.matrices, g.adjoints)]
            add("backward", stmt, target, latex(sympy.Add(*terms), order=order), typeset_line=False)
        elif target.startswith("_carry_"):
            s = target[len("_carry_"):]
            sent = sympy.Add(*[term.value for term in d.contributions.get(at(s, -1), [])])
            add("backward", stmt, target,
                rf"{latex(adjoint(s, -1), order=order)} \mathrel{{+}}= {latex(sent, order=order)}")
        elif target.startswith("d_") and target[2:] in adjoint_eqs:
            add("backward", stmt, target, adjoint_eqs[target[2:]])
        else:
            add("backward", stmt, target, r"\text{shared subexpression}")

    typeset = {phase: _typeset_all(fs) for phase, fs in functions.items()}
    return [Row(phase, target, code, math, typeset[phase][target] if shown else "")
            for phase, target, code, math, shown in rows]


def _target(stmt) -> str | None:
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id
    return None


def code_table(rows: list[Row], phase: str) -> str:
    """A Markdown table of one phase's rows: equation | generated NumPy | latexify-py."""
    out = ["| equation (derived) | generated NumPy | the same line typeset by latexify-py |",
           "|---|---|---|"]
    for r in rows:
        if r.phase != phase:
            continue
        typeset = f"${r.typeset}$" if r.typeset else "matrix product (BLAS)"
        out.append(f"| ${r.math}$ | `{r.code}` | {typeset} |")
    return "\n".join(out) + "\n"
