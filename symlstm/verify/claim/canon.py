"""Canonical forms of claims: linear terms expanded, forward definitions folded, adjoints inlined, outer
products and Jacobian chains entry-wise, and the derived right side shown in the claim's own terms."""
from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from ...cells.algebra import ADJOINT_PREFIX, Diag, MatVec, Mat, Outer, SumT, TMatVec, at, t, vec_name

__all__ = ["linear", "fold_table", "fold", "carried", "inline_adjoints", "unfold_forward", "index_outer",
           "jacobian_chains", "sum_body", "claim_view", "base_step"]

def _coeff_terms(e):
    for term in sympy.Add.make_args(sympy.expand(e)):
        c, rest = term.as_coeff_Mul()
        yield c, rest


def linear(e):
    """Linear terms expanded: M(a + 2b) → Ma + 2Mb, Outer bilinear, Σ_t linear."""
    if not e.args or isinstance(e, AppliedUndef):
        return e
    if isinstance(e, (MatVec, TMatVec)):
        m, v = e.args
        return sympy.Add(*[c * e.func(m, r) for c, r in _coeff_terms(linear(v))])
    if isinstance(e, Outer):
        a, b = (list(_coeff_terms(linear(x))) for x in e.args)
        return sympy.Add(*[ca * cb * Outer(ra, rb) for ca, ra in a for cb, rb in b])
    if isinstance(e, SumT):
        return sympy.Add(*[c * SumT(r) for c, r in _coeff_terms(linear(e.args[0]))])
    return e.func(*[linear(a) for a in e.args])


def _times(*exprs) -> set:
    out = set()
    for e in exprs:
        for a in e.atoms(AppliedUndef):
            if len(a.args) == 1:
                out.add(a.args[0])
    return out | {t}


def fold_table(d, times) -> dict:
    """Forward definitions that are a function of one thing (σ(ī)) or a pre-activation sum, by name."""
    table = {}
    for q, rhs in d.expanded:
        is_call = isinstance(rhs, sympy.Function) and not isinstance(rhs, AppliedUndef)
        is_preact = rhs.is_Add and rhs.has(MatVec)
        if is_call or is_preact:
            lin = linear(rhs)
            for tau in times:
                table[lin.subs(t, tau)] = at(q).subs(t, tau)
    return table


def fold(e, table):
    if not e.args or isinstance(e, AppliedUndef):
        return table.get(e, e)
    new = e.func(*[fold(a, table) for a in e.args])
    return table.get(new, new)


def _adjoint_defs(d) -> dict:
    defs = {vec_name(eq.lhs): eq.rhs for eq in d.adjoints}
    defs[vec_name(d.input_grad.lhs)] = d.input_grad.rhs
    return defs


def carried(d) -> frozenset:
    """Names of the adjoints at t+1 that the step-t equations collect (δc_{t+1}, δī_{t+1}, ...)."""
    out = set()
    for e in _adjoint_defs(d).values():
        for a in e.atoms(AppliedUndef):
            if vec_name(a).startswith(ADJOINT_PREFIX) and a.args[0] == t + 1:
                out.add(vec_name(a))
    return frozenset(out)


def inline_adjoints(e, d, base, *, full=True, keep=frozenset(), only_single=False, rounds=30):
    """Adjoints written through their derived right sides, relative to the step ``base``.

    At ``base`` every adjoint is replaced (``full``); at later steps only those the step
    equations do not carry (δf_{t+1} = δc_{t+1} ⊙ c_t is, δc_{t+1} is not). ``keep``: names never
    replaced; ``only_single``: replace only one-term definitions. Repeated to a fixed point.
    """
    if base is None:
        return e
    defs = _adjoint_defs(d)
    car = carried(d)
    for _ in range(rounds):
        sub = {}
        for a in e.atoms(AppliedUndef):
            name = vec_name(a)
            if name not in defs or name in keep or len(a.args) != 1:
                continue
            gap = a.args[0] - base
            if not gap.is_Integer or gap < 0 or (gap == 0 and not full) or (gap > 0 and name in car):
                continue
            rhs = defs[name]
            if only_single and rhs.is_Add:
                continue
            sub[a] = rhs.subs(t, a.args[0])
        if not sub:
            return e
        e = e.xreplace(sub)
    return e


def unfold_forward(e, d, steps, rounds=30):
    """Forward quantities at ``steps`` replaced by their definitions down to x, s_{t-1}, parameters."""
    defs = dict(d.expanded)
    for _ in range(rounds):
        sub = {a: defs[vec_name(a)].subs(t, a.args[0]) for a in e.atoms(AppliedUndef)
               if vec_name(a) in defs and len(a.args) == 1 and a.args[0] in steps}
        if not sub:
            return e
        e = e.xreplace(sub)
    return e


def _index(e, m, registry):
    """Every vector in ``e`` as its component at index m: q(t) → q@m(t), b → b@m, W x → lin_k@m."""
    if isinstance(e, (MatVec, TMatVec)):
        k = registry.setdefault(e, len(registry))
        return sympy.Symbol(f"lin{k}@{m}")
    if isinstance(e, AppliedUndef):
        return sympy.Function(f"{vec_name(e)}@{m}")(*e.args)
    if isinstance(e, sympy.Symbol) and not isinstance(e, Mat) and e != t and e.is_commutative:
        return sympy.Symbol(f"{e.name}@{m}")
    if not e.args:
        return e
    return e.func(*[_index(a, m, registry) for a in e.args])


def index_outer(e, registry):
    """Outer(a, b) → a@0 · b@1 (entry p, q of a bᵀ), everything else untouched."""
    if isinstance(e, Outer):
        return _index(e.args[0], 0, registry) * _index(e.args[1], 1, registry)
    if not e.args or isinstance(e, AppliedUndef):
        return e
    return e.func(*[index_outer(a, registry) for a in e.args])


def _nc_terms(e):
    """(commutative coefficient, [Diag/matrix factors in order]) of every term of a Jacobian."""
    if e.is_Add:
        return [tm for a in e.args for tm in _nc_terms(a)]
    if e.is_Mul:
        out = [(sympy.Integer(1), [])]
        for a in e.args:
            out = [(c1 * c2, f1 + f2) for c1, f1 in out for c2, f2 in _nc_terms(a)]
        return out
    if isinstance(e, Diag) or (isinstance(e, sympy.Symbol) and not e.is_commutative):
        return [(sympy.Integer(1), [e])]
    return [(e, [])]


def jacobian_chains(e, transform, registry) -> dict:
    """{(M1, ..., Mk): Σ Π_m d_m@m} of a Jacobian Σ diag(d0) M1 diag(d1) ... (d_m transformed first)."""
    out: dict = {}
    for coeff, factors in _nc_terms(sympy.expand(e) if e != 0 else e):
        if coeff == 0:
            continue
        diags, mats, cur = [], [], coeff
        for f in factors:
            if isinstance(f, Diag):
                cur = cur * f.args[0]
            else:
                diags.append(cur)
                mats.append(f.name)
                cur = sympy.Integer(1)
        diags.append(cur)
        poly = sympy.Mul(*[_index(transform(dm), m, registry) for m, dm in enumerate(diags)])
        out[tuple(mats)] = out.get(tuple(mats), 0) + poly
    return out


def sum_body(e):
    """Σ of the bodies of ``c · SumT(b)`` terms, or None if some term is not under a sum."""
    total = []
    for c, rest in _coeff_terms(linear(e)):
        if isinstance(rest, SumT):
            total.append(c * rest.args[0])
        elif rest == 1 and c == 0:
            continue
        else:
            facs = sympy.Mul.make_args(rest)
            sums = [f for f in facs if isinstance(f, SumT)]
            if len(sums) != 1 or any(f.has(AppliedUndef) for f in facs if not isinstance(f, SumT)):
                return None
            total.append(c * sympy.Mul(*[f for f in facs if not isinstance(f, SumT)]) * sums[0].args[0])
    return sympy.Add(*total)


# ============================================================================ the view shown
def claim_view(claim):
    """The derived right side in the claim's own terms (one-term adjoints it skips written out)."""
    if claim.kind in ("adjoint", "input gradient", "parameter gradient"):
        present = frozenset(vec_name(a) for a in claim.rhs.atoms(AppliedUndef))
        return inline_adjoints(claim.expected, claim.derivation, _base_step(claim), keep=present,
                               only_single=True)
    return claim.expected


def _base_step(claim):
    """The step the claim is about: its left side's step (t for parameter gradients, 0 for δs_0)."""
    if claim.kind == "parameter gradient":
        return t
    if claim.kind in ("adjoint", "input gradient", "initial adjoint", "forward"):
        return claim.lhs.args[0]
    return None



base_step = _base_step
