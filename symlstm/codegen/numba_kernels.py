"""The element-wise part of the Numba backend: the scalar printer and the schedule of fused phases.

A *phase* is all element-wise work between two matrix products, printed as one loop over batch
and hidden units that reads and writes array elements directly (see :mod:`.numba_backend`).
``plan`` arguments are :class:`~symlstm.codegen.plan.StepPlan` objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy.printing.pycode import PythonCodePrinter

from .source import cse

# --------------------------------------------------------------------------- printing
class NumbaScalarPrinter(PythonCodePrinter):
    """Scalar code for one element of a step's expressions, inside a compiled loop.

    Settings: ``symbols`` maps identifier names to the text to print (an array element or a
    local); ``constants`` is a dict collecting every number used, printed as a name bound to a
    value of the kernel's dtype (so float32 code stays float32).
    """

    _default_settings = {**PythonCodePrinter._default_settings, "symbols": None, "constants": None}

    def __init__(self, settings=None):
        super().__init__(settings)
        if self._settings["constants"] is None:
            self._settings["constants"] = {}
        if self._settings["symbols"] is None:
            self._settings["symbols"] = {}

    # -- names
    def _print_Symbol(self, expr):
        return self._settings["symbols"].get(expr.name, expr.name)

    # -- numbers become dtype-typed constants
    def _constant(self, value: sympy.Rational | sympy.Float) -> str:
        table = self._settings["constants"]
        key = sympy.nsimplify(value) if not isinstance(value, sympy.Float) else value
        if key not in table:
            if key.is_Integer:
                name = f"_k{int(key)}" if key >= 0 else f"_km{-int(key)}"
            elif key.is_Rational:
                p, q = int(key.p), int(key.q)
                name = f"_k{p}_{q}" if p >= 0 else f"_km{-p}_{q}"
            else:
                name = f"_kf{sum(1 for k in table if not k.is_Rational)}"
            table[key] = name
        return table[key]

    def _print_Integer(self, expr):
        return self._constant(expr)

    _print_Rational = _print_Integer
    _print_Float = _print_Integer

    def _print_One(self, expr):
        return self._constant(sympy.Integer(1))

    def _print_Zero(self, expr):
        return self._constant(sympy.Integer(0))

    def _print_NegativeOne(self, expr):
        return self._constant(sympy.Integer(-1))

    def _print_Half(self, expr):
        return self._constant(sympy.Rational(1, 2))

    # -- powers: small integer powers are products (exact, vectorisable)
    def _print_Pow(self, expr, rational=False):
        base, e = expr.base, expr.exp
        b = self.parenthesize(base, sympy.printing.precedence.PRECEDENCE["Mul"] + 1)
        if e.is_Integer and 1 <= abs(int(e)) <= 8:
            prod = "*".join([b] * abs(int(e)))
            prod = prod if abs(int(e)) == 1 else f"({prod})"
            return prod if e > 0 else f"{self._constant(sympy.Integer(1))}/{prod}"
        if e == sympy.Rational(1, 2):
            return f"math.sqrt({self._print(base)})"
        if e == sympy.Rational(-1, 2):
            return f"{self._constant(sympy.Integer(1))}/math.sqrt({self._print(base)})"
        return f"{b}**{self.parenthesize(e, sympy.printing.precedence.PRECEDENCE['Pow'])}"

    # -- the functions of cells
    def _print_sigmoid(self, expr):
        return f"_sig({self._print(expr.args[0])})"

    def _print_tanh(self, expr):
        return f"_tanh({self._print(expr.args[0])})"

    def _print_exp(self, expr):
        return f"_exp({self._print(expr.args[0])})"

    def _print_Function(self, expr):
        raise NotImplementedError(
            f"the numba backend cannot print function {expr.func.__name__!r} "
            "(known: sigmoid, tanh, exp and Python's math functions)")


# --------------------------------------------------------------------------- scheduling
@dataclass
class _Phase:
    """One fused loop over (batch, hidden) inside a step, followed by BLAS products."""

    body: list = field(default_factory=list)      # (name, expr) computed here, in order
    stores: list = field(default_factory=list)    # (array element text, expr)
    views: dict = field(default_factory=dict)     # row view name -> its slice, made per batch row
    accums: list = field(default_factory=list)    # (array element text, expr): +=
    after: list = field(default_factory=list)     # statements after the loop (products)


def _offset(k):
    return "_j" if k == 0 else ("_H + _j" if k == 1 else f"{k} * _H + _j")


def _slice(k):
    return f"{k} * _H:{k + 1} * _H" if k else "0:_H"


def _member(plan, sym_name: str):
    for node, sym in plan.lin_symbols.items():
        if sym.name == sym_name:
            for g in plan.groups:
                if node in g.nodes:
                    return g, g.nodes.index(node)
    raise KeyError(sym_name)


def _state_of(plan, vector) -> str | None:
    """The state s when a group's vector is plainly s(t-1)."""
    if isinstance(vector, sympy.Symbol) and vector.name.endswith("_prev") and vector.name[:-5] in plan.states:
        return vector.name[:-5]
    return None


def _buffers(plan):
    """Stacked-δ buffer of each group: groups with identical adjoint lists share one."""
    out, keys = {}, {}
    for g in plan.groups:
        keys.setdefault(tuple(g.adjoints), f"_D{g.name}")
        out[g.name] = keys[tuple(g.adjoints)]
    return out


def _slot_sums(plan, buffers) -> dict:
    """Vector parameters whose gradient is Σ_t Σ_batch of one stacked-δ slot: param -> (buffer, slot).

    These are summed after the loop with NumPy instead of accumulated in the fused loop: the
    fewer arrays a loop writes, the better LLVM vectorises it.
    """
    out = {}
    for p, e in plan.param_terms.items():
        for g in plan.groups:
            if e in g.adjoints:
                out[p] = (buffers[g.name], g.adjoints.index(e))
                break
    return out


def _names(e) -> set:
    return {s.name for s in e.free_symbols} if isinstance(e, sympy.Basic) else set()


class _Kernel:
    """Shared state of one kernel's code generation: plan, printer, array naming."""

    def __init__(self, plan, constants: dict, backward: bool):
        self.plan = plan
        self.backward = backward
        self.vector_params = {p.name for p in plan.params if p.kind == "vector"}
        self.saved = [q for q in plan.saved if q not in plan.states]
        self.constants = constants

    def printer(self, symbols):
        return NumbaScalarPrinter({"symbols": symbols, "constants": self.constants,
                                   "fully_qualified_modules": True})

    # where a value lives outside a phase
    def state_slot(self, s, current):
        if self.backward:
            return "_t + 1" if current else "_t"
        if s == "h":
            return "_t + 1" if current else "_t"
        return "_tn" if current else "_tp"

    def source_of(self, name, crossing):
        """Array element holding identifier ``name`` when it is not computed in this phase."""
        plan = self.plan
        if name.endswith("_prev") and name[:-5] in plan.states:
            return f"_S_{name[:-5]}[{self.state_slot(name[:-5], False)}, _b, _j]"
        if name in plan.states:
            return f"_S_{name}[{self.state_slot(name, True)}, _b, _j]"
        if name in self.saved:
            return f"_Q_{name}[{'_t' if self.backward else '_ts'}, _b, _j]"
        if name == "x_t":
            return "_x[_t, _b, _j]"
        if name == "dh_t":
            return "_dh[_t, _b, _j]"
        if name in crossing:
            return f"_X_{name}[_b, _j]"
        raise KeyError(name)

    def symbols(self):
        """Identifiers printed as array elements directly (parameters, products, carries)."""
        table = {p: f"{p}[_j]" for p in self.vector_params}
        for s in self.plan.states:
            table[f"_carry_{s}"] = f"_carry_{s}[_b, _j]"
        for g in self.plan.groups:
            table[f"_back{g.name}"] = f"_back{g.name}[_b, _j]"
        for sym in self.plan.lin_symbols.values():
            g, k = _member(self.plan, sym.name)
            table[sym.name] = (f"_linx[_t, _b, {_offset(k)}]" if g.hoisted
                               else f"_lin{g.name}[_b, {_offset(k)}]")
        return table


def _crossing(phases) -> tuple[dict, set]:
    """Where each quantity is computed, and which are read by a later phase of the step."""
    defined_in = {}
    for k, ph in enumerate(phases):
        for name, _ in ph.body:
            defined_in[name] = k
    crossing = set()
    for k, ph in enumerate(phases):
        for e in [e for _, e in ph.body] + [e for _, e in ph.stores + ph.accums]:
            for n in _names(e):
                if n in defined_in and defined_in[n] < k:
                    crossing.add(n)
    return defined_in, crossing


def _emit_loop(w, kern, ph, crossing, indent):
    """One phase: a loop over (_b, _j) with loads, the CSE'd assignments, stores and sums."""
    direct = kern.symbols()
    here = {n for n, _ in ph.body}
    exprs = [e for _, e in ph.body] + [e for _, e in ph.stores + ph.accums]
    needed = set().union(*[_names(e) for e in exprs]) if exprs else set()
    loads = sorted(n for n in needed if n not in here and n not in direct)
    # stores of quantities computed here: the states, the saved values, what later phases read
    stores = list(ph.stores)
    for name, _ in ph.body:
        if name in crossing or name in kern.plan.states or name in kern.saved:
            if not kern.backward or name in crossing:
                stores.append((kern.source_of(name, crossing if name in crossing else ()), sympy.Symbol(name)))
    # CSE over the body and the stored expressions together
    block = list(ph.body)
    outs = []
    for target, e in stores + ph.accums:
        if isinstance(e, sympy.Symbol):
            outs.append((target, e))
        else:
            tmp = f"_w{len(block)}"
            block.append((tmp, e))
            outs.append((target, sympy.Symbol(tmp)))
    block = cse(block)
    pr = kern.printer(direct)
    w("for _b in range(_B):", indent)
    for name, view in ph.views.items():
        w(f"{name} = {view}", indent + 1)
    w("for _j in range(_H):", indent + 1)
    for n in loads:
        w(f"{n} = {kern.source_of(n, crossing)}", indent + 2)
    for name, e in block:
        w(f"{name} = {pr.doprint(e)}", indent + 2)
    n_stores = len(stores)
    for m, (target, e) in enumerate(outs):
        op = "=" if m < n_stores else "+="
        w(f"{target} {op} {pr.doprint(e)}", indent + 2)


# --------------------------------------------------------------------------- forward
def _forward_phases(plan):
    """Split the forward step at products whose vector is computed inside the step.

    Returns the groups multiplied at the start of every step (their vector is a previous
    state), the phases (``after``: the groups multiplied once the phase is done) and the groups
    whose vector is computed in the step (stored per step for the weight gradient).
    """
    start = [g for g in plan.groups if not g.hoisted and _state_of(plan, g.vector)]
    done = set(g.name for g in start)
    phases = [_Phase()]
    vectors = []
    for q, e in plan.forward:
        for sym in sorted(e.free_symbols, key=str):
            if not sym.name.startswith("_lin") or sym.name.startswith("_linx"):
                continue
            g, _ = _member(plan, sym.name)
            if g.name in done:
                continue
            ph = phases[-1]
            ph.stores.append((f"_V{g.name}[_ts, _b, _j]", g.vector))
            ph.after.append(g)
            vectors.append(g)
            done.add(g.name)
            phases.append(_Phase())
        phases[-1].body.append((q, e))
    return start, phases, vectors


@dataclass
class _Layout:
    """The arrays of each pass, decided while the phases are printed; the wrappers allocate them."""

    plan: object     # the StepPlan
    start: list                # groups multiplied at the start of a forward step
    fwd_phases: list
    bwd_phases: list
    vectors: list              # groups whose vector is computed inside the step (stored per step)
    saved: list                # non-state quantities stored per step
    fwd_scratch: list          # (B, H) buffers for values crossing a product inside a step
    bwd_scratch: list
    buffers: dict              # group -> stacked-δ buffer name
    swaps: list                # (carry, back product) exchanged after each backward step
    vector_params: list
    summed: dict               # vector param -> (stacked-δ buffer, slot) summed after the loop

    @property
    def accumulated(self):
        """Vector parameters whose gradient the backward phases accumulate."""
        return [p for p in self.plan.param_terms if p not in self.summed]

    @property
    def hoisted(self):
        return next((g for g in self.plan.groups if g.hoisted), None)

    @property
    def recurrent(self):
        return [g for g in self.plan.groups if not g.hoisted]

    def fwd_args(self):
        """Arrays every forward phase receives (after _t, _ts, _tp, _tn)."""
        return ["_x", *self.vector_params, *(["_linx"] if self.hoisted else []),
                *[f"_lin{g.name}" for g in self.recurrent], *[f"_S_{s}" for s in self.plan.states],
                *[f"_Q_{q}" for q in self.saved], *[f"_V{g.name}" for g in self.vectors],
                *[f"_X_{n}" for n in self.fwd_scratch], "_K"]

    def bwd_args(self):
        """Arrays every backward phase receives (after _t)."""
        plan = self.plan
        return ["_x", "_dh", *self.vector_params, *[f"_S_{s}" for s in plan.states],
                *[f"_Q_{q}" for q in self.saved], *dict.fromkeys(self.buffers.values()),
                *[f"_back{g.name}" for g in self.recurrent], *[f"_carry_{s}" for s in plan.states],
                *[f"_g_{p}" for p in self.accumulated], *[f"_X_{n}" for n in self.bwd_scratch],
                *(["_dxe"] if plan.x_terms else []), "_K"]
