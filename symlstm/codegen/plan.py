"""A backend-neutral plan of one step's forward and backward work, built from a Derivation.

The plan names every array the generated code handles, groups the linear terms that
share a vector (so each group is one matrix product: all gates' W x_t at once, all U h_{t-1}
at once), and lists the element-wise assignments of a step, forward and backward, as plain
SymPy expressions over identifiers. Backends print it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from ..cells import names
from ..cells.algebra import (
    ADJOINT_PREFIX,
    EXTERNAL_PREFIX,
    MatVec,
    TMatVec,
    adjoint,
    at,
    is_vec,
    shift_of,
    vec_name,
)
from ..cells.cell import INPUT
from ..derive import Derivation, _folder, _local

__all__ = ["Group", "StepPlan", "make_plan"]

#: Names the generated code uses for itself (one table, shared with the cell language).
RESERVED = names.RESERVED


@dataclass
class Group:
    """Linear terms sharing one vector: ``members[k]`` is (matrix name, pre-activation δ identifier).

    Forward: ``lin = vector @ stack(matrices).T``; backward: ``back = δstack @ stack(matrices)``
    and ``δM_stack = Σ_t δstackᵀ vector``.
    """

    index: int
    vector: sympy.Expr                 # identifier expression of the vector (x_t, h_prev, r*h_prev)
    matrices: list = field(default_factory=list)
    nodes: list = field(default_factory=list)      # the MatVec nodes (step-t form)
    adjoints: list = field(default_factory=list)   # δ of each node (identifier expression)
    hoisted: bool = False                          # vector is x_t: all steps in one product
    targets: dict = field(default_factory=dict)    # target identifier -> coefficient of `back`

    @property
    def name(self):
        return "x" if self.hoisted else f"{self.index}"


@dataclass
class StepPlan:
    cell_name: str
    states: tuple
    params: tuple                    # ParamInfo
    groups: list
    forward: list                    # [(identifier, expr)] in order; MatVec -> lin symbols
    lin_symbols: dict                # MatVec node -> (group, member index)
    saved: list                      # identifiers of quantities stored per step for backward
    backward: list                   # [(identifier, expr)] in order
    carries: dict                    # state -> expr (identifier form) of δ s(t-1), plus group backs
    param_terms: dict                # vector param -> expr summed over batch each step
    x_terms: list                    # element-wise contributions to δx_t
    quantities: tuple
    equations_text: str = ""
    backward_text: str = ""


def _ident(e) -> sympy.Symbol:
    """Identifier of a step-t quantity: i, c_prev, d_i, x_t."""
    name, k = vec_name(e), shift_of(e)
    if name.startswith(EXTERNAL_PREFIX):
        return sympy.Symbol("dh_t")
    if name.startswith(ADJOINT_PREFIX):
        return sympy.Symbol("d_" + name[len(ADJOINT_PREFIX):])
    if name == INPUT:
        return sympy.Symbol("x_t")
    if k == -1:
        return sympy.Symbol(f"{name}_prev")
    if k != 0:
        raise ValueError(f"{e}: code is generated for steps t and t-1 only")
    return sympy.Symbol(name)


def to_idents(e, extra=None):
    """Replace every time-indexed quantity by its identifier symbol."""
    table = {a: _ident(a) for a in e.atoms(sympy.core.function.AppliedUndef) if is_vec(a)}
    if extra:
        table.update(extra)
    return e.xreplace(table)


def _check_names(d: Derivation):
    idents = {}
    for q, _ in d.expanded:
        for ident in (q, f"d_{q}"):
            idents.setdefault(ident, []).append(q)
    for s in d.cell.states:
        idents.setdefault(f"{s}_prev", []).append(s)
    for p in d.cell.param_names:
        idents.setdefault(p, []).append(p)
    clash = sorted(k for k, v in idents.items() if len(v) > 1)
    if clash:
        raise ValueError(f"cell {d.cell.name!r}: names {clash} clash in generated code; rename them")
    for q in [*d.cell.quantities, *d.cell.param_names]:
        why = names.reserved_reason(q)
        if why:
            raise ValueError(f"cell {d.cell.name!r}: {q!r} cannot name a quantity or parameter: {why}; rename "
                             "it (symlstm.cells.names lists the reserved names)")


def make_plan(d: Derivation) -> StepPlan:
    _check_names(d)
    cell = d.cell
    xt = at(INPUT)

    # ---- groups of linear terms, keyed by their vector
    groups: dict = {}
    lin_symbols: dict = {}
    for q, e in d.expanded:
        for node in sorted(e.atoms(MatVec), key=sympy.default_sort_key):
            if node in lin_symbols:           # a shared weight: one product, its δ sums the uses
                continue
            key = node.vector
            if key not in groups:
                groups[key] = Group(len(groups), to_idents(key), hoisted=(key == xt))
            g = groups[key]
            lin_symbols[node] = (g, len(g.matrices))
            g.matrices.append(node.matrix.name)
            g.nodes.append(node)
    group_list = list(groups.values())

    # ---- forward assignments (lin symbols stand for slices of a group's product)
    lin_table = {node: sympy.Symbol(f"_lin{g.name}_{k}") for node, (g, k) in lin_symbols.items()}
    forward = [(q, to_idents(e.xreplace(lin_table))) for q, e in d.expanded]

    # ---- backward: δ of each quantity in reverse order, linear back-products grouped
    back_syms = {g.name: sympy.Symbol(f"_back{g.name}") for g in group_list}
    def regroup(target, terms):
        """Σ du·Mᵀa over a group's members becomes du·back_g."""
        out, seen = [], set()
        for term in terms:
            nodes = list(term.value.atoms(TMatVec))
            if not nodes:
                out.append(to_idents(term.value))
                continue
            (node,) = nodes
            coeff = term.value.xreplace({node: sympy.Integer(1)})
            g = _group_of(node, groups)
            ident = to_idents(target)
            if g.name in seen:
                if g.targets[ident] != to_idents(coeff):
                    raise AssertionError("members of a linear group differ in their coefficient")
                continue
            seen.add(g.name)
            g.targets[ident] = to_idents(coeff)
            out.append(to_idents(coeff) * back_syms[g.name])
        return out

    # adjoint value of each MatVec node: δq * ∂E/∂node, known from the derivation's Outer terms
    for g in group_list:
        g.adjoints = [None] * len(g.nodes)
    fold = _folder(d.expanded)
    for q, e in d.expanded:
        loc = _local(e, fold)
        for node, dd in loc.linear:
            g, k = lin_symbols[node]
            a = to_idents(adjoint(q) * dd)
            g.adjoints[k] = a if g.adjoints[k] is None else g.adjoints[k] + a

    backward = []
    ready = set()
    for q, _ in reversed(d.expanded):
        terms = regroup(at(q), d.contributions.get(at(q), []))
        if q in cell.states:
            terms.insert(0, sympy.Symbol(f"_carry_{q}"))
            if q == "h":
                terms.insert(0, sympy.Symbol("dh_t"))
        for sym in sympy.Add(*terms).free_symbols:
            if sym.name.startswith("_back") and sym.name not in ready:
                g = next(g for g in group_list if back_syms[g.name] == sym)
                backward.append((sym.name, g))
                ready.add(sym.name)
        backward.append((f"d_{q}", sympy.Add(*terms)))
    for g in group_list:
        if back_syms[g.name].name not in ready and not g.hoisted:
            backward.append((back_syms[g.name].name, g))
            ready.add(back_syms[g.name].name)

    carries = {}
    for s in cell.states:
        terms = regroup(at(s, -1), d.contributions.get(at(s, -1), []))
        carries[s] = sympy.Add(*terms)
    x_terms = [to_idents(term.value) for term in d.contributions.get(xt, []) if not term.value.has(TMatVec)]

    kinds = {p.name: p.kind for p in cell.params}
    param_terms = {eq.lhs.name[len(ADJOINT_PREFIX):]: to_idents(eq.rhs.args[0])
                   for eq in d.param_grads if kinds[eq.lhs.name[len(ADJOINT_PREFIX):]] == "vector"}

    # ---- what the backward pass reads of the forward pass
    used = set()
    exprs = [e for _, e in backward if isinstance(e, sympy.Expr)] + list(carries.values()) + \
        list(param_terms.values()) + x_terms
    for g in group_list:
        exprs += list(g.targets.values()) + g.adjoints + [g.vector]
    for e in exprs:
        used |= {s.name for s in e.free_symbols}
    qs = [q for q, _ in d.expanded]
    saved = [q for q in qs if q in used or f"{q}_prev" in used and q in cell.states]
    for s in cell.states:
        if s not in saved and f"{s}_prev" in used:
            saved.append(s)
    if "h" not in saved:
        saved.append("h")
    return StepPlan(cell.name, cell.states, cell.params, group_list, forward, lin_table, saved,
                    backward, carries, param_terms, x_terms, tuple(qs))


def _group_of(tnode, groups):
    """The forward group of the MatVec whose adjoint rule produced TMatVec ``tnode``."""
    m = tnode.matrix.name
    matches = [g for g in groups.values() if m in g.matrices]
    if len(matches) != 1:
        raise NotImplementedError(f"matrix {m} is used in {len(matches)} linear terms with different "
                                  "vectors; symlstm generates code for one vector per matrix")
    return matches[0]
