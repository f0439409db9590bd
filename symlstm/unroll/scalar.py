"""Scalar unrolling: every step of a cell written out with one symbol per weight, and its exact gradient."""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field

import numpy as np
import sympy

from ..cells.algebra import ADJOINT_PREFIX, Mat, MatVec, is_vec, shift_of, vec_name
from ..cells.cell import INPUT, Cell

__all__ = ["unroll", "Unrolled", "Evaluation", "LOSSES"]

#: Built-in losses of the final output h_T[output] (a callable is accepted too).
LOSSES = {
    "squared_error": "(y - h_T)^2 against a target symbol y (no 1/2 factor)",
}
#: Name of the differentiated scalar in the program.
OBJECTIVE = "L"
#: Prefix of the gradient assignments dL/dw in the program.
GRAD_PREFIX = "grad_"


# =========================================================================== symbols
@dataclass(frozen=True)
class _Meta:
    """What a scalar symbol stands for: kind ('weight', 'input', 'initial', 'step', 'loss',
    'target', 'adjoint', 'grad'), base name, step (or None) and component index."""

    kind: str
    base: str
    step: int | None = None
    index: tuple = ()
    of: sympy.Symbol | None = None      # the primal symbol of an adjoint / gradient


class _Symbols:
    """Creates the program's scalar symbols with unique names and remembers what each means."""

    def __init__(self):
        self.meta: dict[sympy.Symbol, _Meta] = {}
        self._names: dict[str, sympy.Symbol] = {}

    def new(self, name: str, meta: _Meta) -> sympy.Symbol:
        if name in self._names:
            raise ValueError(f"unrolled symbol {name!r} would stand for two things "
                             f"({self.meta[self._names[name]]} and {meta}); rename a quantity or parameter")
        s = sympy.Symbol(name, real=True)
        self._names[name] = s
        self.meta[s] = meta
        return s


def _suffix(index) -> str:
    return "".join(f"_{k}" for k in index)


# =========================================================================== scalarizing
def _scalarize(e, j, leaf):
    """Component ``j`` of the vector expression ``e``.

    ``MatVec(W, v)[j] = Σ_k W[j, k] v[k]``; element-wise operations act per component; ``leaf``
    maps (kind, name, j) to a scalar for quantities, the input and vector parameters, and
    (``"matrix"``, name, (j, k)) for matrix entries.
    """
    if isinstance(e, MatVec):
        n = leaf("columns", e.matrix.name, None)
        return sympy.Add(*[leaf("matrix", e.matrix.name, (j, k)) * _scalarize(e.vector, k, leaf)
                           for k in range(n)])
    if is_vec(e):
        name, k = vec_name(e), shift_of(e)
        if name == INPUT:
            return leaf("x", name, j)
        return leaf("cur" if k == 0 else "prev", name, j)
    if isinstance(e, Mat):
        raise ValueError(f"matrix {e} appears outside a product W @ v")
    if isinstance(e, sympy.Symbol):
        return leaf("vector", e.name, j)
    if not e.args:
        return e
    if isinstance(e, sympy.core.function.AppliedUndef):
        raise ValueError(f"{e} is not a quantity of the form q(t) or s(t-1)")
    return e.func(*[_scalarize(a, j, leaf) for a in e.args])


@dataclass
class _Template:
    """One scalar assignment of a generic step over step-independent placeholders."""

    quantity: str
    index: int
    expr: sympy.Expr
    partials: list                      # [(variable, ∂expr/∂variable)] (folded)
    fn: object = None                   # compiled numeric form (lazy)
    args: tuple = ()
    dfns: list = field(default_factory=list)


_FUNCS = None


def _numeric_modules():
    global _FUNCS
    if _FUNCS is None:
        def _sigmoid(a):
            if a >= 0:
                return 1.0 / (1.0 + math.exp(-a))
            e = math.exp(a)
            return e / (1.0 + e)
        _FUNCS = [{"sigmoid": _sigmoid}, "math"]
    return _FUNCS


def _compile(expr):
    """A Python function of the expression's free symbols (sorted), or a constant."""
    args = tuple(sorted(expr.free_symbols, key=lambda s: s.name))
    if not args:
        return float(expr), ()
    return sympy.lambdify(args, expr, modules=_numeric_modules(), cse=False, docstring_limit=0), args


# =========================================================================== result objects
@dataclass
class Evaluation:
    """Numbers of an unrolled program for given weights and inputs.

    ``values``: symbol name -> float for every forward symbol; ``steps``: one dict per step,
    quantity -> float (``n_hidden`` = 1) or array (H,); ``output``: h_T[output]; ``objective``:
    the differentiated L (the loss, or the output itself); ``gradient``: parameter name ->
    array of the parameter's shape (dL/dW); ``input_gradient``: ``"x"`` -> (T, I),
    ``"<state>_0"`` -> (H,) for symbolic initial states and each target of the loss -> float.
    """

    unrolled: "Unrolled"
    values: dict
    steps: list
    output: float
    objective: float
    gradient: dict | None
    input_gradient: dict | None
    gradient_scalars: dict | None


class Unrolled:
    """A cell unrolled over ``T`` steps into a straight-line program of scalar assignments.

    Attributes
    ----------
    cell, T, n_in, n_hidden, initial, loss
    weights : dict parameter name -> object array of its scalar symbols (the parameter's shape)
    inputs : list of T lists of the input symbols x_t (length n_in)
    initial_states : dict state -> list of H scalars (symbols, or zeros)
    steps : list of T lists of ``(symbol, expression)`` forward assignments of that step
    output : the symbol of h_T[output]
    objective : ``(L, expression)``: what is differentiated (the loss, or L = h_T[output])
    program : the whole straight-line program: forward assignments, L, the adjoints
        ``δq = Σ δ(user) ∂user/∂q`` in reverse order, then ``grad_w = dL/dw`` per weight
    gradient : dict weight symbol -> expression over the program's symbols (dL/dw)
    input_gradient : dict input / initial-state / target symbol -> expression (dL/dx_t, dL/ds_0, dL/dy)
    """

    def __init__(self, cell, T, n_in, n_hidden, *, output, initial, loss, preactivations, progress):
        self.cell, self.T, self.n_in, self.n_hidden = cell, T, n_in, n_hidden
        self.initial, self.loss, self.output_index = initial, loss, output
        self.preactivations = preactivations
        self._sym = _Symbols()
        self._build(progress)

    # ------------------------------------------------------------------ construction
    def _build(self, progress):
        cell, H, I, T = self.cell, self.n_hidden, self.n_in, self.T
        new, meta = self._sym.new, _Meta
        shapes = cell.param_shapes(I, H)
        kinds = {p.name: p.kind for p in cell.params}

        # weights: one symbol per entry (just the parameter's name when it has one entry)
        self.weights = {}
        for name, shape in shapes.items():
            arr = np.empty(shape, dtype=object)
            for idx in np.ndindex(shape):
                single = all(n == 1 for n in shape)
                arr[idx] = new(name if single else name + _suffix(idx), meta("weight", name, None, idx))
            self.weights[name] = arr
        self.inputs = [[new(f"x_{t}" + ("" if I == 1 else f"_{k}"), meta("input", "x", t, (k,)))
                        for k in range(I)] for t in range(1, T + 1)]
        self.initial_states = {}
        for s in cell.states:
            if self.initial == "zero":
                self.initial_states[s] = [sympy.Integer(0)] * H
            else:
                self.initial_states[s] = [new(f"{s}_0" + ("" if H == 1 else f"_{j}"), meta("initial", s, 0, (j,)))
                                          for j in range(H)]

        # the cell's equations, pre-activations named or not
        if self.preactivations:
            from ..derive import expand
            equations = expand(cell)
        else:
            equations = [(vec_name(eq.lhs), eq.rhs) for eq in cell.equations]
        self.quantities = tuple(q for q, _ in equations)

        # step-independent placeholders and the scalar templates of one step
        ph: dict = {}

        def placeholder(kind, name, j):
            key = (kind, name, j)
            if key not in ph:
                ph[key] = sympy.Symbol(f"__{kind}_{name}_{j}", real=True)
            return ph[key]

        def leaf(kind, name, j):
            if kind == "columns":
                return I if kinds[name] == "input" else H
            if kind == "matrix":
                return self.weights[name][j]
            if kind == "vector":
                if name not in kinds:
                    raise ValueError(f"{name} is not a parameter of cell {cell.name!r}")
                return self.weights[name][j]
            return placeholder(kind, name, j)

        templates = []
        for q, e in equations:
            for j in range(H):
                templates.append(_Template(q, j, _scalarize(e, j, leaf), []))
        fold = {tp.expr: placeholder("cur", tp.quantity, tp.index) for tp in templates
                if tp.expr.args and not tp.expr.is_Add}
        for tp in templates:
            variables = sorted(tp.expr.free_symbols, key=lambda s: s.name)
            for v in variables:
                d = sympy.diff(tp.expr, v)
                if d != 0:
                    tp.partials.append((v, d.xreplace(fold) if fold else d))
        self._templates = templates
        self._placeholders = ph

        # instantiate every step by substitution
        self.step_symbols: list[dict] = []      # per step: (quantity, j) -> symbol
        self.steps = []
        forward = []                            # (symbol, expr, template, mapping)
        prev = {(s, j): self.initial_states[s][j] for s in cell.states for j in range(H)}
        bar = _progress(range(1, T + 1), "unroll: steps", progress)
        for t in bar:
            cur = {(q, j): new(f"{q}_{t}" + ("" if H == 1 else f"_{j}"), meta("step", q, t, (j,)))
                   for q in self.quantities for j in range(H)}
            mapping = {}
            for (kind, name, j), p in ph.items():
                if kind == "cur":
                    mapping[p] = cur[(name, j)]
                elif kind == "prev":
                    mapping[p] = prev[(name, j)]
                elif kind == "x":
                    mapping[p] = self.inputs[t - 1][j]
            assigns = []
            for tp in templates:
                lhs = cur[(tp.quantity, tp.index)]
                expr = tp.expr.xreplace(mapping)
                assigns.append((lhs, expr))
                forward.append((lhs, expr, tp, mapping))
            self.steps.append(assigns)
            self.step_symbols.append(cur)
            prev = {(s, j): cur[(s, j)] for s in cell.states for j in range(H)}

        # the objective L
        h_T = [self.step_symbols[-1][("h", j)] for j in range(H)]
        self.output = h_T[self.output_index]
        L = new(OBJECTIVE, meta("loss", OBJECTIVE))
        if self.loss is None:
            lexpr = self.output
        elif self.loss == "squared_error":
            y = new("y", meta("target", "y"))
            lexpr = (y - self.output) ** 2
        else:
            lexpr = sympy.sympify(self.loss(tuple(h_T)) if H > 1 else self.loss(self.output))
            for s in lexpr.free_symbols:
                if s not in self._sym.meta:
                    if not isinstance(s, sympy.Symbol) or not s.name.isidentifier():
                        raise ValueError(f"loss uses {s!r}; targets must be plain symbols")
                    if s.name in self._sym._names:
                        raise ValueError(f"loss uses a symbol named {s.name!r}, which the unrolled program "
                                         "already uses for something else; give the target another name")
                    self._sym.meta[s] = meta("target", s.name)
                    self._sym._names.setdefault(s.name, s)
        self.objective = (L, lexpr)
        loss_partials = [(v, sympy.diff(lexpr, v)) for v in sorted(lexpr.free_symbols, key=lambda s: s.name)]
        self.targets = [s for s in sorted(lexpr.free_symbols, key=lambda s: s.name)
                        if self._sym.meta[s].kind == "target"]
        self._forward = forward

        # reverse accumulation over the straight-line program
        contrib: dict = {}                      # symbol -> [(adjoint of user or 1, partial, template, v, mapping)]
        for v, d in loss_partials:
            if d != 0:
                contrib.setdefault(v, []).append((sympy.Integer(1), d, None, v, None))
        adjoints = []
        self.adjoint_symbols = {}
        bar = _progress(reversed(forward), "unroll: adjoints", progress, total=len(forward))
        for lhs, _, tp, mapping in bar:
            terms = contrib.pop(lhs, None)
            if not terms:
                continue                        # lhs does not influence L
            a = new(ADJOINT_PREFIX + lhs.name, meta("adjoint", lhs.name, of=lhs))
            self.adjoint_symbols[lhs] = a
            adjoints.append((a, sympy.Add(*[u * d for u, d, *_ in terms]), terms))
            for v, d in tp.partials:
                target = mapping.get(v, v)
                if not isinstance(target, sympy.Symbol):
                    continue                    # a constant (zero initial state)
                dv = d.xreplace(mapping)
                if dv != 0:
                    contrib.setdefault(target, []).append((a, dv, tp, v, mapping))
        self._adjoints = adjoints

        self.gradient = {}
        self._gradient_terms = {}
        grads = []
        for name, arr in self.weights.items():
            for w in arr.flat:
                terms = contrib.get(w, [])
                g = sympy.Add(*[u * d for u, d, *_ in terms])
                self.gradient[w] = g
                self._gradient_terms[w] = terms
                gs = new(GRAD_PREFIX + w.name, meta("grad", w.name, of=w))
                grads.append((gs, g))
        self.input_gradient = {}
        free = [s for row in self.inputs for s in row]
        free += [s for v in self.initial_states.values() for s in v if isinstance(s, sympy.Symbol)]
        free += self.targets
        for s in free:
            terms = contrib.get(s, [])
            self.input_gradient[s] = sympy.Add(*[u * d for u, d, *_ in terms])
            self._gradient_terms[s] = terms
        self._grad_assignments = grads
        self._numeric = None

    # ------------------------------------------------------------------ views
    @property
    def program(self) -> list:
        """All assignments ``(symbol, expression)`` in evaluation order."""
        out = [a for step in self.steps for a in step]
        out.append(self.objective)
        out += [(a, e) for a, e, _ in self._adjoints]
        out += self._grad_assignments
        return out

    @property
    def adjoints(self) -> list:
        """``(δq, expression)`` for every forward symbol that influences L, last computed first."""
        return [(a, e) for a, e, _ in self._adjoints]

    def symbol(self, name: str) -> sympy.Symbol:
        """The program's symbol called ``name`` (``"i_3"``, ``"W_i"``, ``"delta_h_2"``)."""
        try:
            return self._sym._names[name]
        except KeyError:
            raise KeyError(f"no symbol {name!r} in the unrolled program") from None

    def operations(self) -> int:
        """Number of arithmetic operations in the whole program (``sympy.count_ops``)."""
        return sum(sympy.count_ops(e) for _, e in self.program)

    def full_expression(self, symbol=None) -> sympy.Expr:
        """``symbol`` (default L) as one expression of the weights and inputs, every assignment
        substituted: exponential in T; for tiny cross-checks only."""
        symbol = self.objective[0] if symbol is None else symbol
        table = {}
        for lhs, e in [a for step in self.steps for a in step] + [self.objective]:
            table[lhs] = e.xreplace(table)
        if symbol not in table:
            raise KeyError(f"{symbol} is not a forward symbol of the program")
        return table[symbol]

    # ------------------------------------------------------------------ numbers
    def expected_values(self) -> dict:
        """Names ``evaluate`` accepts, with the shape expected (``()`` is a number)."""
        out = {n: a.shape for n, a in self.weights.items()}
        out["x"] = (self.T,) if self.n_in == 1 else (self.T, self.n_in)
        if self.initial == "symbols":
            for s in self.cell.states:
                out[f"{s}_0"] = () if self.n_hidden == 1 else (self.n_hidden,)
        for s in self.targets:
            out[s.name] = ()
        return out

    def _bind(self, values) -> dict:
        """Symbol -> float for every weight, input, initial state and target; errors before work."""
        if not isinstance(values, dict):
            raise ValueError(f"values must be a dict name -> number or array, got {type(values).__name__}")
        expected = self.expected_values()
        steps_x = {f"x_{t}" for t in range(1, self.T + 1)}
        given = set(values)
        unknown = sorted(given - set(expected) - steps_x)
        x_form = "x" if "x" in given else ("x_t" if given & steps_x else None)
        missing = [n for n in expected if n != "x" and n not in given]
        if x_form is None:
            missing.append("x (or x_1 .. x_%d)" % self.T)
        elif x_form == "x_t":
            if "x" in given:
                unknown.append("x (given together with x_1 ...)")
            missing += [f"x_{t}" for t in range(1, self.T + 1) if f"x_{t}" not in given]
        elif given & steps_x:
            unknown += sorted(given & steps_x, key=lambda n: int(n[2:]))
        if unknown or missing:
            parts = []
            if missing:
                parts.append(f"missing {', '.join(missing)}")
            if unknown:
                extra = [n for n in unknown if n.startswith("x_")]
                hint = f" (the program has {self.T} steps)" if extra else ""
                if any(n.endswith("_0") and n[:-2] in self.cell.states for n in unknown) and self.initial == "zero":
                    hint += " (initial states are zero; unroll with initial='symbols' to give them)"
                if "y" in unknown and not self.targets:
                    hint += " (a target y is used by loss='squared_error')"
                parts.append(f"unknown {', '.join(unknown)}{hint}")
            shapes = ", ".join(f"{n} {_shape_text(s)}" for n, s in expected.items())
            raise ValueError(f"values for the unrolled {self.cell.name!r}: {'; '.join(parts)}. "
                             f"Expected: {shapes}")

        out: dict = {}

        def number_array(name, v, shape):
            try:
                a = np.asarray(v, dtype=np.float64)
            except (TypeError, ValueError):
                raise ValueError(f"value of {name!r} must be a number or an array of numbers, got {v!r}") from None
            if a.size == int(np.prod(shape)) and (a.shape == shape or a.size == 1 or a.ndim <= 1 and len(shape) <= 1):
                a = a.reshape(shape)
            if a.shape != shape:
                raise ValueError(f"value of {name!r} has shape {a.shape}, expected {_shape_text(shape)}")
            if not np.all(np.isfinite(a)):
                raise ValueError(f"value of {name!r} is not finite: {v!r}")
            return a

        for name, arr in self.weights.items():
            a = number_array(name, values[name], arr.shape)
            for idx in np.ndindex(arr.shape):
                out[arr[idx]] = float(a[idx])
        if x_form == "x":
            xs = number_array("x", values["x"], expected["x"]).reshape(self.T, self.n_in)
        else:
            xs = np.stack([number_array(f"x_{t}", values[f"x_{t}"], (self.n_in,))
                           for t in range(1, self.T + 1)])
        for t, row in enumerate(self.inputs):
            for k, s in enumerate(row):
                out[s] = float(xs[t, k])
        if self.initial == "symbols":
            for s, syms in self.initial_states.items():
                a = number_array(f"{s}_0", values[f"{s}_0"], (self.n_hidden,))
                for j, sym in enumerate(syms):
                    out[sym] = float(a[j])
        for s in self.targets:
            out[s] = float(number_array(s.name, values[s.name], ()))
        return out

    def _prepare_numeric(self):
        """Compile every template (and partial) once; record per step which slots it reads."""
        if self._numeric is not None:
            return self._numeric
        slots: dict = {}

        def slot(s):
            if s not in slots:
                slots[s] = len(slots)
            return slots[s]

        consts = {}
        for tp in self._templates:
            tp.fn, tp.args = _compile(tp.expr)
            tp.dfns = {v: _compile(d) for v, d in tp.partials}
        fwd = []
        for lhs, _, tp, mapping in self._forward:
            args = []
            for a in tp.args:
                b = mapping.get(a, a)
                if not isinstance(b, sympy.Symbol):
                    consts.setdefault(b, None)
                args.append(slot(b))
            fwd.append((slot(lhs), tp.fn, tuple(args)))
        L, lexpr = self.objective
        lfn, largs = _compile(lexpr)
        lslots = tuple(slot(a) for a in largs)

        def terms_of(terms):
            out = []
            for u, d, tp, v, mapping in terms:
                src = -1 if u == 1 else slot(self._sym.meta[u].of)
                if tp is None:
                    fn, args = _compile(d)
                    argslots = tuple(slot(a) for a in args)
                else:
                    fn, args = tp.dfns[v]
                    argslots = tuple(slot(mapping.get(a, a)) for a in args)
                out.append((src, fn, argslots))
            return out

        adj = [(slot(self._sym.meta[a].of), terms_of(terms)) for a, _, terms in self._adjoints]
        grads = {w: terms_of(terms) for w, terms in self._gradient_terms.items()}
        for c in consts:
            slot(c)
        self._numeric = (slots, fwd, (slot(L), lfn, lslots), adj, grads, list(consts))
        return self._numeric

    def evaluate(self, values, *, gradient: bool = True) -> Evaluation:
        """Evaluate the program for ``values`` (dict name -> number or array).

        Names: every parameter (its shape, a number for a 1-unit cell), ``"x"`` ((T,) or (T, I))
        or ``x_1 .. x_T``, ``<state>_0`` when unrolled with ``initial="symbols"``, and the loss's
        targets (``y``). Unknown or missing names raise ValueError before any work.
        """
        bound = self._bind(values)
        slots, fwd, (lslot, lfn, lslots), adj, grads, consts = self._prepare_numeric()
        v = [0.0] * len(slots)
        for s, x in bound.items():
            if s in slots:
                v[slots[s]] = x
        for c in consts:
            v[slots[c]] = float(c)
        for out, fn, args in fwd:
            v[out] = fn(*[v[a] for a in args])
        v[lslot] = lfn(*[v[a] for a in lslots]) if callable(lfn) else lfn
        values_out = {s.name: v[k] for s, k in slots.items() if isinstance(s, sympy.Symbol)}
        H = self.n_hidden
        steps = []
        for cur in self.step_symbols:
            row = {}
            for q in self.quantities:
                comps = [v[slots[cur[(q, j)]]] for j in range(H)]
                row[q] = comps[0] if H == 1 else np.array(comps)
            steps.append(row)
        ev = Evaluation(self, values_out, steps, values_out.get(self.output.name, math.nan), v[lslot],
                        None, None, None)
        if not gradient:
            return ev
        a = [0.0] * len(slots)

        def total(terms):
            acc = 0.0
            for src, fn, args in terms:
                d = fn(*[v[k] for k in args]) if callable(fn) else fn
                acc += d if src < 0 else a[src] * d
            return acc

        for out, terms in adj:
            a[out] = total(terms)
        scalars = {w.name: total(terms) for w, terms in grads.items()}
        ev.gradient_scalars = {w.name: scalars[w.name] for w in self.gradient}
        ev.gradient = {}
        for name, arr in self.weights.items():
            ev.gradient[name] = np.array([scalars[w.name] for w in arr.flat]).reshape(arr.shape)
        ig = {"x": np.array([[scalars[s.name] for s in row] for row in self.inputs])}
        if self.initial == "symbols":
            for s, syms in self.initial_states.items():
                ig[f"{s}_0"] = np.array([scalars[x.name] for x in syms])
        for s in self.targets:
            ig[s.name] = scalars[s.name]
        ev.input_gradient = ig
        return ev

    def table(self, values, *, digits: int = 6, format: str = "text", preactivations: bool = True) -> str:
        """Each step's values as a table (rows: steps; columns: x, then the quantities), plus
        the objective and dL/dw of every weight. ``format``: "text" or "latex"."""
        if format not in ("text", "latex"):
            raise ValueError(f"format must be 'text' or 'latex', got {format!r}")
        ev = values if isinstance(values, Evaluation) else self.evaluate(values)
        from .printing import table
        return table(self, ev, digits, format, preactivations)

    # ------------------------------------------------------------------ printing
    def latex(self, *, steps: int = 3, max_terms: int = 6, names=None, env: str = "align*") -> str:
        """The first ``steps`` steps' equations, L, and the gradient program (the adjoints of
        the last ``steps`` steps and dL/dw per weight) as LaTeX ``align*`` environments.
        Sums longer than ``max_terms`` are shortened with ⋯."""
        from .printing import latex
        return latex(self, steps, max_terms, names or {}, env)

    def latex_document(self, *, steps: int = 3, max_terms: int = 6, names=None) -> str:
        """A standalone LaTeX document of :meth:`latex`."""
        forward, backward = self.latex(steps=steps, max_terms=max_terms, names=names).split("\n\n")
        title = f"{self.cell.name} unrolled over {self.T} steps".replace("_", r"\_")
        return "\n".join([
            r"\documentclass[11pt]{article}", r"\usepackage[margin=2cm]{geometry}",
            r"\usepackage{amsmath,amssymb}", r"\allowdisplaybreaks",
            rf"\title{{symlstm: {title}}}", r"\date{}", r"\begin{document}", r"\maketitle",
            r"\section*{Forward, one symbol per weight}", forward,
            r"\section*{Exact gradient (reverse accumulation)}",
            r"Each adjoint $\delta q = \sum_u \delta u \cdot \partial u / \partial q$ over the "
            r"assignments $u$ that use $q$.", backward, r"\end{document}", ""])

    def text(self, *, steps: int | None = None, backward: bool = False, max_terms: int = 6) -> str:
        """Plain-text equations: every step (or the first ``steps``), and with ``backward`` the
        gradient program."""
        from .printing import text
        return text(self, steps, backward, max_terms)

    def _repr_latex_(self):
        return "$$" + self.latex(env="aligned").replace("\n\n", r"\\") + "$$"

    def __repr__(self):
        return (f"Unrolled({self.cell.name!r}, T={self.T}, n_in={self.n_in}, n_hidden={self.n_hidden}, "
                f"{len(self.program)} assignments)")


def _shape_text(shape):
    return "(a number)" if all(n == 1 for n in shape) else str(shape)


def _progress(it, desc, on, total=None):
    if not on:
        return it
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is optional
        return it
    return tqdm(it, desc=desc, total=total, file=sys.stderr, leave=False)


# =========================================================================== API
#: Bounds of scalar unrolling, checked before any work (each weight and step is a symbol).
MAX_STEPS = 2000
MAX_UNITS = 8
MAX_WORK = 4000


def unroll(cell, steps: int, n_in: int = 1, n_hidden: int = 1, loss=None, *, output: int = 0,
           initial: str = "zero", preactivations: bool = True, progress: bool = False) -> Unrolled:
    """Unroll ``cell`` over ``steps`` steps into scalar assignments, one symbol per weight.

    Parameters
    ----------
    cell : a :class:`~symlstm.cell.Cell` or a built-in name.
    steps : T >= 1.
    n_in, n_hidden : I and H; a weight matrix W (H, I) becomes H·I symbols (``W_i`` when 1×1,
        else ``W_i_0_1`` printed W_{i,01}).
    loss : None (differentiate L = h_T[output]), ``"squared_error"`` (L = (y − h_T[output])²
        with a target symbol y), or a callable taking h_T (a symbol when H = 1, else a tuple of
        H symbols) and returning a SymPy expression whose other symbols are targets.
    output : the component of h_T that is the output.
    initial : ``"zero"`` (h_0 = c_0 = 0, as in the worked examples) or ``"symbols"`` (h_0, c_0).
    preactivations : name the pre-activations (ī_t = W_i x_t + U_i h_{t-1} + b_i) as their own
        assignments.
    progress : show progress bars on stderr (for thousands of steps).

    The gradient is exact: reverse accumulation over the program, each local partial derived
    once per equation by ``sympy.diff`` on a generic step and instantiated per step by
    substitution, so the program grows linearly with T.
    """
    from ..cells.registry import cell as lookup
    c = lookup(cell) if isinstance(cell, str) else cell
    if not isinstance(c, Cell):
        raise TypeError(f"expected a Cell or a cell name, got {type(cell).__name__}")
    for label, v, top in (("steps", steps, MAX_STEPS), ("n_in", n_in, MAX_UNITS), ("n_hidden", n_hidden, MAX_UNITS)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{label} must be a positive integer, got {v!r}")
        if v > top:
            raise ValueError(f"{label} is {v}; scalar unrolling takes at most {top} (one symbol per weight "
                             "and per step: use compile() for real sizes)")
    work = int(steps) * int(n_hidden) * (int(n_in) + int(n_hidden))
    if work > MAX_WORK:
        raise ValueError(f"steps × n_hidden × (n_in + n_hidden) is {work}; scalar unrolling takes at most "
                         f"{MAX_WORK} (e.g. {MAX_WORK // 2} steps of a 1-unit cell); use fewer steps or units")
    if isinstance(output, bool) or not isinstance(output, (int, np.integer)) or not 0 <= output < n_hidden:
        raise ValueError(f"output must be a component index in 0..{n_hidden - 1}, got {output!r}")
    if initial not in ("zero", "symbols"):
        raise ValueError(f"initial must be 'zero' or 'symbols', got {initial!r}")
    if loss is not None and not callable(loss) and loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; expected None, a callable or one of {', '.join(LOSSES)}")
    return Unrolled(c, int(steps), int(n_in), int(n_hidden), output=int(output), initial=initial,
                    loss=loss, preactivations=preactivations, progress=progress)
