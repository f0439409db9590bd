"""Backpropagation through time and one-step Jacobians, derived from a cell's equations by rules.

Rules (the only calculus in the symbolic path):
- element-wise part: ``sympy.diff`` of an equation's right side, linear terms held as opaque symbols;
- linear term ``M v``: δv += Mᵀ δ(M v), δM += Σ_t δ(M v) vᵀ;
- time: a state's adjoint at t collects what step t+1 sends to it as ``s(t-1)``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import sympy
from sympy.core.function import AppliedUndef

from .cells.algebra import (
    Diag, Mat, MatVec, Outer, SumT, TMatVec, adjoint, at, external, is_vec, preact, t, vec_name,
)
from .cells.cell import INPUT, Cell
from .cells.registry import cell as _lookup

__all__ = ["derive", "expand", "Derivation", "Term"]


# --------------------------------------------------------------------------- expansion
def expand(cell: Cell) -> list[tuple[str, sympy.Expr]]:
    """The cell's equations with every pre-activation named (ī = W_i x_t + U_i h_{t-1} + b_i).

    A sum that contains a linear term and is not already a whole right side becomes its own
    quantity ``q_bar`` (inner ones ``q_bar2``, ...), defined before it is used.
    """
    out: list[tuple[str, sympy.Expr]] = []
    for eq in cell.equations:
        q = vec_name(eq.lhs)
        defs: list[tuple[str, sympy.Expr]] = []
        counter = iter(range(1, 1000))

        def walk(e, keep):
            """``keep``: e is a whole right side or a direct term of a named sum."""
            if not e.args or isinstance(e, AppliedUndef):
                return e
            is_sum = e.is_Add and any(a.has(MatVec) for a in e.args)
            if (is_sum or isinstance(e, MatVec)) and not keep:
                name = preact(q, next(counter))
                slot = len(defs)
                defs.append((name, None))
                defs[slot] = (name, e.func(*[walk(a, is_sum) for a in e.args]))
                return at(name)
            return e.func(*[walk(a, is_sum) for a in e.args])

        rhs = walk(eq.rhs, keep=True)
        # inner pre-activations are numbered after outer ones but must be defined first
        out.extend(reversed(defs))
        out.append((q, rhs))
    return out


# --------------------------------------------------------------------------- local rules
@dataclass(frozen=True)
class Term:
    """What one equation sends to one target: ``value`` (an expression of step-t quantities)."""

    source: str
    value: sympy.Expr


@dataclass
class _Local:
    """The element-wise partials of one expanded equation q = E."""

    variables: list          # q'(t), s(t-1), x(t), vector params
    partials: dict           # variable -> ∂E/∂variable (folded)
    linear: list             # (MatVec node, ∂E/∂node)


def _variables(e):
    vs = [a for a in e.atoms(AppliedUndef) if is_vec(a)]
    ps = [s for s in e.free_symbols if isinstance(s, sympy.Symbol) and s != t and not isinstance(s, (Mat, sympy.Dummy))]
    return sorted(vs, key=sympy.default_sort_key) + sorted(ps, key=sympy.default_sort_key)


def _local(e: sympy.Expr, fold) -> _Local:
    nodes = sorted(e.atoms(MatVec), key=sympy.default_sort_key)
    dummies = {m: sympy.Dummy(f"lin{k}") for k, m in enumerate(nodes)}
    back = {d: m for m, d in dummies.items()}
    flat = e.xreplace(dummies)
    variables = _variables(flat)
    partials = {}
    for v in variables:
        d = fold(sympy.diff(flat, v).xreplace(back))
        if d != 0:
            partials[v] = d
    linear = [(m, fold(sympy.diff(flat, dummies[m]).xreplace(back))) for m in nodes]
    return _Local(variables, partials, [(m, d) for m, d in linear if d != 0])


def _folder(expanded):
    """Replace forward right sides by their names: σ(ī_t) → i_t, so σ' prints as i_t ⊙ (1 − i_t)."""
    table = {rhs: at(q) for q, rhs in expanded if not rhs.is_Add and not isinstance(rhs, MatVec)}

    def fold(e):
        return e.xreplace(table) if table else e
    return fold


# --------------------------------------------------------------------------- result
@dataclass
class Derivation:
    """The backward pass of a cell (Greff et al. 2017 style) and its one-step Jacobians.

    ``adjoints``: ``Eq(δq_t, ...)`` for every quantity, last computed first; state adjoints
    collect Δ_t (the loss gradient, for h) and what step t+1 sends back.
    ``input_grad``: ``Eq(δx_t, ...)``; ``param_grads``: ``Eq(δP, Σ_t ...)``;
    ``initial``: ``Eq(δs_0, ...)``; ``jacobians``: ``{(out, in): ∂out_t/∂in_{t-1}}`` (empty when
    one would have more than ``MAX_JACOBIAN_TERMS`` terms).
    ``contributions`` (target -> list of :class:`Term`) is the step-t form codegen uses.
    """

    cell: Cell
    expanded: list
    contributions: dict
    adjoints: list
    input_grad: sympy.Eq
    param_grads: list
    initial: list
    jacobians: dict = field(default_factory=dict)

    @property
    def equations(self) -> list:
        """All backward equations in order: adjoints, input gradient, parameters, initial states."""
        return [*self.adjoints, self.input_grad, *self.param_grads, *self.initial]

    def jacobian(self, out: str, inp: str | None = None) -> sympy.Expr:
        """∂out_t/∂inp_{t-1} (``inp`` defaults to ``out``)."""
        key = (out, inp or out)
        if key not in self.jacobians:
            raise KeyError(f"no Jacobian {key}; states are {', '.join(self.cell.states)}")
        return self.jacobians[key]

    @property
    def preactivations(self) -> list:
        """``Eq(q̄_t, ...)``: the named pre-activations the backward equations refer to."""
        names = set(self.cell.quantities)
        return [sympy.Eq(at(q), e) for q, e in self.expanded if q not in names]

    def latex(self, **settings) -> str:
        from .latex.printing import latex_derivation
        return latex_derivation(self, **settings)

    def text(self) -> str:
        from .latex.printing import text_lines
        return text_lines(self.preactivations + self.equations + self.jacobian_equations(),
                          order=_order(self.cell))

    def jacobian_equations(self) -> list:
        from .latex.printing import jacobian_symbol
        return [sympy.Eq(jacobian_symbol(o, i), j, evaluate=False) for (o, i), j in self.jacobians.items()]

    def _repr_latex_(self):
        return "$$" + self.latex(env="aligned") + "$$"


def _order(cell):
    return cell.quantities


def derive(cell) -> Derivation:
    """Derive backpropagation through time for ``cell`` (a Cell or a built-in name)."""
    if hasattr(cell, "derive_model"):       # a symlstm.model.Model: head, loss, then the cell
        return cell.derive_model()
    cell = _lookup(cell) if isinstance(cell, str) else cell
    expanded = expand(cell)
    fold = _folder(expanded)
    locals_ = {q: _local(e, fold) for q, e in expanded}

    contrib: dict = defaultdict(list)       # target expr -> [Term]
    pgrads: dict = defaultdict(list)        # param name -> [step-t term]
    for q, e in expanded:
        loc, dq = locals_[q], adjoint(q)
        for v, d in loc.partials.items():
            if isinstance(v, sympy.Symbol):
                pgrads[v.name].append(dq * d)
            else:
                contrib[v].append(Term(q, dq * d))
        for node, d in loc.linear:
            a = dq * d
            m, arg = node.matrix, node.vector
            pgrads[m.name].append(Outer(a, arg))
            back = TMatVec(m, a)
            if is_vec(arg):
                contrib[arg].append(Term(q, back))
            else:
                for u in _variables(arg):
                    du = fold(sympy.diff(arg, u))
                    if isinstance(u, sympy.Symbol):
                        raise NotImplementedError(
                            f"parameter {u} inside the vector of a linear term {node} is not supported")
                    if du != 0:
                        contrib[u].append(Term(q, du * back))

    adjoints = []
    for q, _ in reversed(expanded):
        terms = [term.value for term in contrib.get(at(q), [])]
        if q in cell.states:
            if q == "h":
                terms.insert(0, external(q))
            terms += [term.value.subs(t, t + 1) for term in contrib.get(at(q, -1), [])]
        adjoints.append(sympy.Eq(adjoint(q), sympy.Add(*terms)))
    x_terms = [term.value for term in contrib.get(at(INPUT), [])]
    input_grad = sympy.Eq(adjoint(INPUT), sympy.Add(*x_terms))
    param_grads = [sympy.Eq(sympy.Symbol(f"delta_{p}"), SumT(sympy.Add(*pgrads[p])))
                   for p in cell.param_names]
    initial = [sympy.Eq(adjoint(s).subs(t, 0),
                        sympy.Add(*[term.value for term in contrib.get(at(s, -1), [])]).subs(t, 1))
               for s in cell.states]
    d = Derivation(cell, expanded, dict(contrib), adjoints, input_grad, param_grads, initial)
    try:
        d.jacobians = _jacobians(cell, expanded, locals_, fold)
    except _TooLarge:        # written out, it would have exponentially many terms: left out
        d.jacobians = {}
    return d


# --------------------------------------------------------------------------- Jacobians
#: Most terms (diag(d) M ... chains) a one-step Jacobian may have; a cell whose quantities reach a
#: state along more paths (each doubling the count) gets no written-out Jacobians.
MAX_JACOBIAN_TERMS = 64


class _TooLarge(Exception):
    pass


def _jacobians(cell, expanded, locals_, fold) -> dict:
    """∂s_t/∂s'_{t-1} for every pair of states, by forward accumulation in matrix form.

    A Jacobian is kept as a list of chains (d0, M1, d1, ..., Mk, dk): diag(d0) M1 diag(d1) ... .
    """
    out = {}
    for src in cell.states:
        jac: dict = {at(src, -1): [(sympy.Integer(1),)]}
        for q, e in expanded:
            loc = locals_[q]
            chains = []
            for v, d in loc.partials.items():
                for ch in jac.get(v, ()):
                    chains.append((d * ch[0],) + ch[1:])
            for node, d in loc.linear:
                arg = node.vector
                inner = [(sympy.Integer(1), arg)] if is_vec(arg) else \
                    [(fold(sympy.diff(arg, u)), u) for u in _variables(arg)]
                for du, u in inner:
                    for ch in jac.get(u, ()):
                        chains.append((d, node.matrix, du * ch[0]) + ch[1:])
            if len(chains) > MAX_JACOBIAN_TERMS * 4:
                raise _TooLarge(q)
            merged = _merge(chains)
            if len(merged) > MAX_JACOBIAN_TERMS:
                raise _TooLarge(q)
            if merged:
                jac[at(q)] = merged
        for s in cell.states:
            out[(s, src)] = _as_matrix(jac.get(at(s), []))
    return out


def _merge(chains):
    acc: dict = {}
    for ch in chains:
        if any(c == 0 for c in ch[::2]):
            continue
        key = ch[1:]
        acc[key] = acc.get(key, 0) + ch[0]
    return [(d,) + key for key, d in acc.items() if not _is_zero(d)]


def _is_zero(d) -> bool:
    """Whether a merged coefficient cancels to zero: two random points first (expanding a product of
    many sums is exponential), ``sympy.expand`` only when both points give zero."""
    if d == 0:
        return True
    atoms = sorted(d.atoms(AppliedUndef) | (d.free_symbols - {t}), key=sympy.default_sort_key)
    for k in (1, 2):
        point = {a: sympy.Float(0.1 + 0.8 * ((j * 0.618034 + k * 0.414214) % 1)) for j, a in enumerate(atoms)}
        try:
            value = complex(d.xreplace(point).evalf(15))
        except (TypeError, ValueError):
            break
        if abs(value) > 1e-9:
            return False
    return sympy.expand(d) == 0


def _as_matrix(chains) -> sympy.Expr:
    terms = []
    for ch in chains:
        factors = []
        for k, item in enumerate(ch):
            if k % 2 == 0:
                if item != 1 or len(ch) == 1:
                    factors.append(Diag(item))
            else:
                factors.append(sympy.Symbol(item.name, commutative=False))
        terms.append(sympy.Mul(*factors))
    return sympy.Add(*terms)
