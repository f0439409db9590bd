"""What the PyTorch and JAX exports share: one step's work from the codegen plan, and a printer."""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy.printing.pycode import PythonCodePrinter, _known_functions_math

from ..derive import derive
from .plan import Group, make_plan
from .source import cse

__all__ = ["ExportPrinter", "StepProgram", "step_program"]

#: Kinds of parameter -> their shape in the cell's sizes.
SHAPES = {"input": ("H", "I"), "recurrent": ("H", "H"), "vector": ("H",)}


class ExportPrinter(PythonCodePrinter):
    """Element-wise step expressions in a framework's ops; the function names are a setting.

    ``functions`` maps a SymPy function's class name (``sigmoid``, ``tanh``, ``sqrt``...) to the
    framework's callable; a function missing from it fails loudly, naming the function.
    """

    _default_settings = dict(PythonCodePrinter._default_settings, functions={}, framework="",
                             fully_qualified_modules=True)

    def _print_Function(self, expr):
        name = self._settings["functions"].get(type(expr).__name__)
        if name is None:
            raise NotImplementedError(
                f"function {type(expr).__name__!r} has no {self._settings['framework']} export; "
                f"the export knows {sorted(self._settings['functions'])}")
        return f"{name}({', '.join(self._print(a) for a in expr.args)})"

    def _hprint_Pow(self, expr, rational=False, sqrt="math.sqrt"):
        return super()._hprint_Pow(expr, rational, self._settings["functions"].get("sqrt", "sqrt"))


# PythonCodePrinter prints the math functions as `math.<f>`; route them through the table.
for _name in _known_functions_math:
    setattr(ExportPrinter, f"_print_{_name}", ExportPrinter._print_Function)


@dataclass
class StepProgram:
    """One step's forward and backward work, CSE'd, with the groups of linear terms.

    ``forward`` and ``backward`` are ordered statements: ``("=", name, expr)`` an element-wise
    assignment; ``("lin", group)`` the group's product ``vector @ stackᵀ`` split into
    ``_lin<g>_<k>`` (forward); ``("back", group)`` the group's stacked δ ``_d<buffer>`` and its
    product ``_back<g> = _d<buffer> @ stack`` (backward).
    """

    cell: object
    plan: object
    forward_text: str
    backward_text: str
    params: tuple                    # (name, kind) in the cell's order
    forward: list
    fold: dict                       # member k of the hoisted group -> bias added in its product
    fused: dict                      # group name -> first hoisted member added in its product
    linx_used: list                  # hoisted members read one by one in the step (not fused)
    backward: list
    buffers: dict                    # group name -> buffer name (groups with equal δ share one)
    used: set                        # names the backward step reads
    seq_param_terms: dict            # vector param -> expr over whole-sequence symbols
    step_param_terms: dict           # vector param -> expr summed over the batch at each step
    seq_symbols: dict = field(default_factory=dict)   # step symbol -> whole-sequence name

    @property
    def hoisted(self):
        return next((g for g in self.plan.groups if g.hoisted), None)

    def vector_source(self, g: Group):
        """How the backward pass gets a group's vector for all steps: ("input" | "prev" | "step", state)."""
        name = str(g.vector)
        if g.hoisted:
            return "input", None
        if name.endswith("_prev") and name[:-5] in self.plan.states:
            return "prev", name[:-5]
        return "step", None


def _fold_biases(plan):
    """Biases added to a hoisted product (``W x_t + ... + b``) go into that product, once for all steps."""
    vector_params = {p.name for p in plan.params if p.kind == "vector"}
    fold, out = {}, []
    for q, e in plan.forward:
        if isinstance(e, sympy.Add):
            lin = [a for a in e.args if isinstance(a, sympy.Symbol) and a.name.startswith("_linx_")]
            bias = sorted(a.name for a in e.args if isinstance(a, sympy.Symbol) and a.name in vector_params)
            if len(lin) == 1 and bias:
                fold[int(lin[0].name[len("_linx_"):])] = bias[0]
                e = e - sympy.Symbol(bias[0])
        out.append((q, e))
    return out, fold


def _fuse_hoisted(plan, exprs):
    """A group whose members each add one hoisted member, in order, takes that block in its product.

    ``_lin0_k + _linx_k`` for every k becomes one ``addmm(_linx_t[:, block], h_prev, U_stackᵀ)``:
    the recurrent product adds the input projection of the step (and its folded biases).
    """
    fused, taken = {}, set()
    for g in plan.groups:
        if g.hoisted:
            continue
        js = []
        for k in range(len(g.matrices)):
            sym = sympy.Symbol(f"_lin{g.name}_{k}")
            owners = [e for _, e in exprs if e.has(sym)]
            if len(owners) != 1 or not isinstance(owners[0], sympy.Add) or sym not in owners[0].args:
                break
            xs = [a for a in owners[0].args if isinstance(a, sympy.Symbol) and a.name.startswith("_linx_")]
            if len(xs) != 1:
                break
            js.append(int(xs[0].name[len("_linx_"):]))
        else:
            if js == list(range(js[0], js[0] + len(js))) and not taken & set(js):
                fused[g.name] = js[0]
                taken |= set(js)
    drop = {sympy.Symbol(f"_linx_{j}"): sympy.Integer(0) for j in taken}
    return [(q, e.xreplace(drop)) for q, e in exprs], fused


def _buffers(plan):
    out, keys = {}, {}
    for g in plan.groups:
        keys.setdefault(tuple(g.adjoints), f"_D{g.name}")
        out[g.name] = keys[tuple(g.adjoints)]
    return out


def step_program(cell) -> StepProgram:
    """Derive the cell and arrange its codegen plan for a framework printer."""
    d = derive(cell)
    plan = make_plan(d)
    forward_exprs, fold = _fold_biases(plan)
    forward_exprs, fused = _fuse_hoisted(plan, forward_exprs)
    linx_used = sorted({int(sym.name[len("_linx_"):]) for _, e in forward_exprs for sym in e.free_symbols
                        if sym.name.startswith("_linx_")})
    steps = cse(forward_exprs)
    forward, pending = [], [g for g in plan.groups if not g.hoisted]
    for name, expr in steps:
        needed = {s.name for s in expr.free_symbols}
        for g in list(pending):
            if any(n.startswith(f"_lin{g.name}_") for n in needed):
                forward.append(("lin", g))
                pending.remove(g)
        forward.append(("=", name, expr))

    buffers = _buffers(plan)
    groups = {n: e for n, e in plan.backward if isinstance(e, Group)}
    block = cse([(n, e) for n, e in plan.backward if not isinstance(e, Group)])
    backward, emitted = [], set()
    for name, expr in block:
        for sym in sorted(expr.free_symbols, key=str):
            if sym.name in groups and sym.name not in emitted:
                backward.append(("back", groups[sym.name]))
                emitted.add(sym.name)
        backward.append(("=", name, expr))
    for name, g in groups.items():
        if name not in emitted:
            backward.append(("back", g))

    used = set()
    exprs = [e for _, e in plan.backward if isinstance(e, sympy.Expr)]
    exprs += list(plan.carries.values()) + list(plan.param_terms.values()) + plan.x_terms
    for g in plan.groups:
        exprs += list(g.targets.values()) + g.adjoints
    # a group's vector is read at each step only when it is no state of t-1 (those come from the
    # saved states) and not the input
    step_vectors = [g.vector for g in plan.groups if not g.hoisted
                    and not (str(g.vector).endswith("_prev") and str(g.vector)[:-5] in plan.states)]
    exprs += step_vectors
    for e in exprs:
        used |= {s.name for s in e.free_symbols}

    # Parameter gradients over whole sequences where every factor is stored for all steps.
    seq_symbols = {}
    for g in plan.groups:
        for k, a in enumerate(g.adjoints):
            if isinstance(a, sympy.Symbol):
                seq_symbols.setdefault(a.name, (buffers[g.name], k))
    for q in plan.saved:
        seq_symbols.setdefault(q, ("saved", q))
    for s in plan.states:
        seq_symbols.setdefault(f"{s}_prev", ("prev", s))
    seq_terms, step_terms = {}, {}
    for p, e in plan.param_terms.items():
        if all(s.name in seq_symbols for s in e.free_symbols):
            seq_terms[p] = e
        else:
            step_terms[p] = e
    return StepProgram(
        cell=cell, plan=plan, forward_text=cell.text(), backward_text=d.text(),
        params=tuple((p.name, p.kind) for p in plan.params), forward=forward, fold=fold, fused=fused,
        linx_used=linx_used, backward=backward, buffers=buffers, used=used, seq_param_terms=seq_terms,
        step_param_terms=step_terms, seq_symbols=seq_symbols)


def slices(n, size="H"):
    """Python slice texts of the n blocks of a stacked axis: '0:H', 'H:2 * H', ..."""
    out = []
    for k in range(n):
        lo = "0" if k == 0 else (size if k == 1 else f"{k} * {size}")
        hi = size if k == 0 else f"{k + 1} * {size}"
        out.append(f"{lo}:{hi}")
    return out


def block(first, n, size="H"):
    """Python slice text of ``n`` consecutive blocks starting at block ``first``: 'H:3 * H'."""
    def edge(k):
        return "0" if k == 0 else size if k == 1 else f"{k} * {size}"
    return f"{edge(first)}:{edge(first + n)}"
