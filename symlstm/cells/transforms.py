"""Make a new cell from a cell, symbolically: remove a gate, couple gates, drop an activation or the memory.

Every transform substitutes into the equations and builds a new, validated :class:`Cell`.
A cell infers its parameters from its equations, so parameters that no longer appear
(the W_f, U_f, b_f, p_f of a removed forget gate) are gone; quantities that no longer
reach the output (through this step or, as states, through the next) are dropped too.

The seed's path from the LSTM to the plain RNN::

    >>> from symlstm import cell, remove_gate, drop_memory
    >>> c = cell("lstm")
    >>> for gate in "fio":
    ...     c = remove_gate(c, gate)
    >>> print(drop_memory(c).text())
    h_t = tanh(W_g x_t + U_g h_{t-1} + b_g)
"""
from __future__ import annotations

import sympy

from .algebra import Mat, MatVec, at, is_vec, shift_of, sigmoid, tanh, vec_name
from .cell import INPUT, Cell
from .registry import cell as _lookup

__all__ = ["remove_gate", "couple", "drop_activation", "drop_memory", "drop_params", "gates"]

#: Activation functions a transform recognises, by the names users give them.
ACTIVATIONS = {"sigmoid": sigmoid, "σ": sigmoid, "tanh": tanh}


# ------------------------------------------------------------------------------ queries
def gates(cell) -> tuple[str, ...]:
    """The gates of ``cell``: quantities (other than the output h) whose equation is σ(...)."""
    c = _lookup(cell)
    return tuple(vec_name(eq.lhs) for eq in c.equations
                 if isinstance(eq.rhs, sigmoid) and vec_name(eq.lhs) != "h")


# ------------------------------------------------------------------------------ transforms
def remove_gate(cell, gate: str, value=1, *, name: str | None = None,
                description: str | None = None) -> Cell:
    """The cell with gate ``gate`` fixed to the constant ``value`` (1: always open).

    The gate's equation and its parameters disappear; every use of ``gate_t`` (and, if the
    gate is a state, of ``gate_{t-1}``) becomes ``value``. ``remove_gate(lstm, "f")`` is the
    LSTM without a forget gate: c_t = c_{t-1} + i_t ⊙ g_t. A matrix product left with a
    constant vector (``R_io o_{t-1}`` of ``lstm_fgr`` when o = 1) is a constant, the role of
    a bias: it is dropped with its matrix, and the description says so.
    """
    c = _lookup(cell)
    known = gates(c)
    if gate not in known:
        what = (f"{gate!r} is a quantity of {c.name} but not a gate (computed by σ)"
                if gate in c.quantities else f"{c.name} has no gate {gate!r}")
        raise ValueError(f"{what}; its gates are: {', '.join(known) or '(none)'}"
                         + ("" if gate not in c.quantities else
                            f"; to replace {gate!r} by an expression use couple(cell, {gate!r}, expr)"))
    v = _constant(value, "value")
    table = {at(gate): v}
    if gate in c.states:
        table[at(gate, -1)] = v
    eqs = [_eq(eq.lhs, eq.rhs.xreplace(table)) for eq in c.equations if vec_name(eq.lhs) != gate]
    eqs, constant = _drop_constant_products(eqs)
    states = [s for s in c.states if s != gate]
    note = f"; {', '.join(constant)} times a constant dropped (a bias's role)" if constant else ""
    return _finish(c, eqs, states, name or f"{c.name}_no_{gate}", description or
                   f"{c.name} without gate {gate} ({gate} = {_text(v)}){note}")


def couple(cell, gate: str, expr, *, name: str | None = None,
                description: str | None = None) -> Cell:
    """The cell with quantity ``gate`` computed from ``expr`` instead of its own equation.

    ``expr`` is a SymPy expression over the cell's quantities (``1 - i(t)`` with
    ``i = symlstm.vec("i")``), or the same as text in the cell language (``"1 - i"``).
    ``couple(peephole_lstm, "f", "1 - i")`` is the coupled input-forget gate (CIFG)
    LSTM; the forget gate's own parameters are dropped. Equations are reordered if the
    new right side uses a quantity defined later; a cycle within one step is an error.
    """
    c = _lookup(cell)
    if gate not in c.quantities:
        raise ValueError(f"{c.name} has no quantity {gate!r}; its quantities are: {', '.join(c.quantities)}")
    if isinstance(expr, str):
        from .language import parse_expression
        rhs = parse_expression(expr, quantities=c.quantities, states=c.states, target=gate)
    else:
        rhs = _expression(expr, "expr")
    if rhs.has(at(gate)):
        raise ValueError(f"couple: the new right side of {gate!r} uses {gate}_t itself: {_text(rhs)}")
    eqs = [_eq(eq.lhs, rhs) if vec_name(eq.lhs) == gate else eq for eq in c.equations]
    eqs = _ordered(eqs, c.name)
    return _finish(c, eqs, c.states, name or f"{c.name}_{gate}_coupled", description or
                   f"{c.name} with {gate} = {_text(rhs)}")


def drop_activation(cell, quantity: str, *, function: str | None = None, name: str | None = None,
                description: str | None = None) -> Cell:
    """The cell with the activation (σ or tanh) removed from ``quantity``'s equation.

    ``drop_activation(lstm, "g")``: g_t = W_g x_t + U_g h_{t-1} + b_g (no input activation);
    ``drop_activation(lstm, "h")``: h_t = o_t ⊙ c_t (no output activation). If the
    equation has several activations, ``function`` ("sigmoid"/"σ" or "tanh") picks one.
    """
    c = _lookup(cell)
    if quantity not in c.quantities:
        raise ValueError(f"{c.name} has no quantity {quantity!r}; its quantities are: {', '.join(c.quantities)}")
    if function is not None and function not in ACTIVATIONS:
        raise ValueError(f"unknown activation {function!r}; expected one of {', '.join(ACTIVATIONS)}")
    rhs = c.rhs(quantity)
    found = _outer_activations(rhs)
    if function is not None:
        found = [a for a in found if a.func is ACTIVATIONS[function]]
    if not found:
        which = "no activation" if function is None else f"no {function}"
        raise ValueError(f"{c.name}: the equation of {quantity!r} has {which} to drop: "
                         f"{quantity}_t = {_text(rhs)}")
    if len(found) > 1:
        raise ValueError(f"{c.name}: the equation of {quantity!r} has {len(found)} activations "
                         f"({', '.join(_text(a) for a in found)}); choose one with function='sigmoid' or 'tanh'"
                         if function is None else
                         f"{c.name}: the equation of {quantity!r} has {len(found)} {function} activations "
                         f"({', '.join(_text(a) for a in found)}); drop_activation removes exactly one")
    (node,) = found
    new = rhs.xreplace({node: node.args[0]})
    eqs = [_eq(eq.lhs, new) if vec_name(eq.lhs) == quantity else eq for eq in c.equations]
    fn = "σ" if node.func is sigmoid else "tanh"
    return _finish(c, eqs, c.states, name or f"{c.name}_linear_{quantity}", description or
                   f"{c.name} without the {fn} in {quantity}")


def drop_memory(cell, *, memory: str = "c", candidate: str = "g", name: str | None = None,
                description: str | None = None) -> Cell:
    """The cell without its memory cell: c_t := g_t (the candidate), state h only.

    The memory's equation and state disappear; every ``c_t`` becomes ``g_t``, and the
    read-out squashing of the memory, ``tanh(c_t)`` (there because c_t, a running sum, is
    unbounded), becomes ``g_t`` itself, which is already squashed: the LSTM's
    h_t = o_t ⊙ tanh(c_t) becomes h_t = o_t ⊙ g_t. Gates that only fed the memory (i, f)
    are dropped with their parameters, and if h_t is then just g_t the two are merged.
    Nothing but the memory's own update may read ``c_{t-1}`` (peepholes must go first,
    e.g. with :func:`drop_params`).
    """
    c = _lookup(cell)
    if memory == "h" or memory not in c.states:
        others = [s for s in c.states if s != "h"]
        raise ValueError(f"{c.name} has no memory cell {memory!r}: its states are {', '.join(c.states)}"
                         + (f" (memory=... may name one of {', '.join(others)})" if others else ""))
    if candidate not in c.quantities or candidate == memory:
        raise ValueError(f"{c.name} has no candidate {candidate!r}; candidate=... names the quantity that "
                         f"replaces {memory}_t, one of: {', '.join(q for q in c.quantities if q != memory)}")
    readers = [vec_name(eq.lhs) for eq in c.equations
               if vec_name(eq.lhs) != memory and eq.rhs.has(at(memory, -1))]
    if readers:
        raise ValueError(f"{c.name}: {memory}_{{t-1}} is read by the equations of {', '.join(readers)} "
                         f"(peepholes?); without a memory there is no {memory}_{{t-1}}. Remove those terms "
                         f"first (drop_params(cell, ...) for peepholes)")
    order = c.quantities
    if order.index(candidate) > order.index(memory):
        raise ValueError(f"{c.name}: the candidate {candidate!r} is computed after {memory!r}; "
                         f"it must be an input of the memory update")
    readout = {node: at(candidate) for eq in c.equations for node in _outer_activations(eq.rhs)
               if node.args[0] == at(memory)}
    table = {at(memory): at(candidate)}
    eqs = [_eq(eq.lhs, eq.rhs.xreplace(readout).xreplace(table))
           for eq in c.equations if vec_name(eq.lhs) != memory]
    states = [s for s in c.states if s != memory]
    eqs = _merge_alias(eqs, states)
    return _finish(c, eqs, states, name or f"{c.name}_no_memory", description or
                   f"{c.name} without the memory cell ({memory}_t := {candidate}_t)")


def drop_params(cell, *params: str, name: str | None = None,
                description: str | None = None) -> Cell:
    """The cell with the named parameters set to zero: their terms vanish.

    ``drop_params(peephole_lstm, "p_i", "p_f", "p_o")`` removes the peepholes (the LSTM
    of Hochreiter & Schmidhuber with a forget gate). A matrix parameter takes its whole
    product ``W v`` with it.
    """
    c = _lookup(cell)
    if not params:
        raise ValueError("drop_params: name at least one parameter")
    unknown = [p for p in params if p not in c.param_names]
    if unknown:
        raise ValueError(f"{c.name} has no parameter {', '.join(map(repr, unknown))}; "
                         f"its parameters are: {', '.join(c.param_names)}")
    kinds = {p.name: p.kind for p in c.params}
    vectors = {sympy.Symbol(p): sympy.Integer(0) for p in params if kinds[p] == "vector"}
    matrices = {p for p in params if kinds[p] != "vector"}

    def strip(e):
        linear = {m: sympy.Integer(0) for m in e.atoms(MatVec) if m.matrix.name in matrices}
        return e.xreplace(linear).xreplace(vectors)

    eqs = [_eq(eq.lhs, strip(eq.rhs)) for eq in c.equations]
    return _finish(c, eqs, c.states, name or f"{c.name}_without_{'_'.join(params)}", description or
                   f"{c.name} without {', '.join(params)}")


# ------------------------------------------------------------------------------ helpers
def _finish(c: Cell, eqs, states, name, description) -> Cell:
    """Drop quantities that no longer reach h, then validate the new cell."""
    eqs, states, dead = _prune(eqs, states)
    if dead:
        description += f"; unused {', '.join(dead)} dropped"
    for eq in eqs:
        if not _has_vector(eq.rhs):
            raise ValueError(f"{name}: {vec_name(eq.lhs)}_t = {_text(eq.rhs)} is a constant; symlstm cells "
                             "compute vectors from the input, the states and parameters")
    return Cell(name, eqs, states, description=description)


def _eq(lhs, rhs):
    """An equation, unevaluated (evaluating asks SymPy costly questions about large sums)."""
    return sympy.Eq(lhs, rhs, evaluate=False)


def _drop_constant_products(eqs):
    """Remove ``M v`` terms whose vector ``v`` became a constant; returns (eqs, matrix names)."""
    gone, out = [], []
    for eq in eqs:
        table = {}
        for m in eq.rhs.atoms(MatVec):
            if not _has_vector(m.vector):
                table[m] = sympy.Integer(0)
                gone.append(m.matrix.name)
        out.append(_eq(eq.lhs, eq.rhs.xreplace(table)) if table else eq)
    return out, sorted(set(gone))


def _has_vector(e) -> bool:
    return any(is_vec(a) for a in e.atoms(sympy.core.function.AppliedUndef)) or \
        any(isinstance(s, sympy.Symbol) and not isinstance(s, sympy.Dummy) for s in e.free_symbols)


def _refs(e) -> tuple[set, set]:
    """Names of quantities ``e`` reads at step t and at step t-1."""
    now, prev = set(), set()
    for a in e.atoms(sympy.core.function.AppliedUndef):
        if is_vec(a) and vec_name(a) != INPUT:
            (now if shift_of(a) == 0 else prev).add(vec_name(a))
    return now, prev


def _prune(eqs, states):
    """Keep the quantities that reach the output h (within a step, or through a state)."""
    by_name = {vec_name(eq.lhs): eq for eq in eqs}
    live, todo = set(), ["h"]
    while todo:
        q = todo.pop()
        if q in live or q not in by_name:
            continue
        live.add(q)
        now, prev = _refs(by_name[q].rhs)
        todo += list(now) + [s for s in prev if s in states]
    dead = [q for q in by_name if q not in live]
    return ([eq for eq in eqs if vec_name(eq.lhs) in live],
            [s for s in states if s in live], dead)


def _ordered(eqs, cell_name):
    """Stable topological order of the equations by their step-t dependencies."""
    names = [vec_name(eq.lhs) for eq in eqs]
    deps = {n: _refs(eq.rhs)[0] & set(names) for n, eq in zip(names, eqs)}
    out, done = [], set()
    pending = list(range(len(eqs)))
    while pending:
        for k in pending:
            if deps[names[k]] <= done:
                out.append(eqs[k])
                done.add(names[k])
                pending.remove(k)
                break
        else:
            cycle = _cycle([names[k] for k in pending], deps)
            raise ValueError(f"{cell_name}: a cycle within one step: {' -> '.join(cycle)}; "
                             "use a previous value (q(t-1)) to break it")
    return out


def _cycle(names, deps):
    start = names[0]
    path, seen = [start], {start}
    while True:
        nxt = next(d for d in sorted(deps[path[-1]]) if d in names)
        if nxt in seen:
            return path[path.index(nxt):] + [nxt]
        path.append(nxt)
        seen.add(nxt)


def _merge_alias(eqs, states):
    """``h_t = g_t`` with g not a state: g's equation defines h directly."""
    names = [vec_name(eq.lhs) for eq in eqs]
    for eq in eqs:
        q = vec_name(eq.lhs)
        if is_vec(eq.rhs) and shift_of(eq.rhs) == 0:
            p = vec_name(eq.rhs)
            if p != INPUT and p in names and p not in states:
                out = []
                for other in eqs:
                    n = vec_name(other.lhs)
                    if n == q:
                        continue
                    lhs = at(q) if n == p else other.lhs
                    out.append(_eq(lhs, other.rhs.xreplace({at(p): at(q)})))
                return _merge_alias(out, states)
    return eqs


def _outer_activations(e):
    """σ(...) and tanh(...) sub-expressions of ``e`` that are not inside another activation."""
    if isinstance(e, (sigmoid, sympy.tanh)):
        return [e]
    if is_vec(e):
        return []
    out = []
    for a in e.args:
        for n in _outer_activations(a):
            if n not in out:
                out.append(n)
    return out


def _constant(value, label):
    if isinstance(value, bool) or not isinstance(value, (int, float, sympy.Number)):
        raise ValueError(f"{label} must be a number (a gate is fixed to a constant), got {value!r}")
    if isinstance(value, sympy.Number):
        return value
    return sympy.nsimplify(value) if isinstance(value, float) else sympy.Integer(value)


def _expression(expr, label):
    if isinstance(expr, (int, float)) and not isinstance(expr, bool):
        return _constant(expr, label)
    if not isinstance(expr, sympy.Expr):
        raise ValueError(f"{label} must be a SymPy expression of the cell's quantities (e.g. 1 - i(t) "
                         f"with i = symlstm.vec('i')) or cell-language text such as '1 - i', got {expr!r}")
    bare = [s for s in expr.xreplace({m: sympy.Integer(0) for m in expr.atoms(MatVec)}).free_symbols
            if isinstance(s, Mat)]
    if bare:
        raise ValueError(f"{label}: matrix parameter {bare[0]} must multiply a vector ({bare[0]} @ v)")
    return expr


def _text(e) -> str:
    from ..latex.printing import text
    return text(e)
