"""A recurrent cell: an ordered list of element-wise equations with linear terms."""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from .algebra import Mat, MatVec, is_vec, shift_of, t, vec_name

__all__ = ["Cell", "ParamInfo"]

INPUT = "x"


@dataclass(frozen=True)
class ParamInfo:
    """A parameter: its name and kind (``"input"`` (H, I), ``"recurrent"`` (H, H) or ``"vector"`` (H,))."""

    name: str
    kind: str

    def shape(self, n_in: int, n_hidden: int) -> tuple[int, ...]:
        return {"input": (n_hidden, n_in), "recurrent": (n_hidden, n_hidden),
                "vector": (n_hidden,)}[self.kind]


@dataclass(frozen=True)
class Cell:
    """A recurrent cell.

    ``equations`` are ``Eq(q(t), expr)`` in evaluation order; ``expr`` is element-wise over
    the input ``x(t)``, previous states ``s(t-1)``, earlier quantities ``q(t)`` and vector
    parameters, plus linear terms ``W @ v``. ``states`` names the quantities carried to the
    next step, the output ``h`` first. Validation happens at construction.
    """

    name: str
    equations: tuple
    states: tuple
    description: str = ""
    params: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "equations", tuple(self.equations))
        object.__setattr__(self, "states", tuple(self.states))
        object.__setattr__(self, "params", tuple(_validate(self)))

    # ----------------------------------------------------------------- queries
    @property
    def quantities(self) -> tuple[str, ...]:
        """Names of the quantities the equations define, in order."""
        return tuple(vec_name(eq.lhs) for eq in self.equations)

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def param_shapes(self, n_in: int, n_hidden: int) -> dict[str, tuple[int, ...]]:
        """Shape of every parameter: W_* (H, I), U_*/R_* (H, H), vectors (H,)."""
        for label, v in (("n_in", n_in), ("n_hidden", n_hidden)):
            if not isinstance(v, int) or v < 1:
                raise ValueError(f"{label} must be a positive integer, got {v!r}")
        return {p.name: p.shape(n_in, n_hidden) for p in self.params}

    def rhs(self, name: str) -> sympy.Expr:
        for eq in self.equations:
            if vec_name(eq.lhs) == name:
                return eq.rhs
        raise KeyError(f"cell {self.name!r} has no quantity {name!r}; it has {', '.join(self.quantities)}")

    def latex(self, **settings) -> str:
        """The forward equations as a LaTeX ``align`` environment."""
        from ..latex.printing import latex_align
        return latex_align(self.equations, **settings)

    def text(self) -> str:
        from ..latex.printing import text_lines
        return text_lines(self.equations)

    def _repr_latex_(self):
        return "$$" + self.latex(env="aligned") + "$$"

    def __repr__(self):
        return f"Cell({self.name!r}, states={self.states}, params={self.param_names})"


def _validate(cell: Cell) -> list[ParamInfo]:
    """Check the equation system; return its parameters in order of appearance."""
    if not cell.name or not cell.name.replace("-", "_").isidentifier():
        raise ValueError(f"cell name {cell.name!r} must be an identifier")
    defined: list[str] = []
    params: dict[str, ParamInfo] = {}
    states = set(cell.states)
    if not cell.states or cell.states[0] != "h":
        raise ValueError(f"cell {cell.name!r}: states must start with the output 'h', got {cell.states}")
    names = [vec_name(eq.lhs) if isinstance(eq, sympy.Eq) and is_vec(eq.lhs) else None
             for eq in cell.equations]
    for k, eq in enumerate(cell.equations):
        if not isinstance(eq, sympy.Eq) or not is_vec(eq.lhs) or eq.lhs.args[0] != t:
            raise ValueError(f"cell {cell.name!r}, equation {k + 1}: expected Eq(q(t), expr), got {eq}")
        q = vec_name(eq.lhs)
        if q == INPUT:
            raise ValueError(f"cell {cell.name!r}: {INPUT!r} is the input and cannot be assigned")
        if q in defined:
            raise ValueError(f"cell {cell.name!r}: quantity {q!r} is defined twice")
        found: dict[str, ParamInfo] = {}
        _check_expr(cell, q, eq.rhs, defined, names, states, found,
                    known=params)
        for p in sorted(found.values(), key=lambda p: (_KIND_ORDER[p.kind], p.name)):
            params.setdefault(p.name, p)
        defined.append(q)
    missing = [s for s in cell.states if s not in defined]
    if missing:
        raise ValueError(f"cell {cell.name!r}: states {missing} have no equation")
    if not params:
        raise ValueError(f"cell {cell.name!r} has no parameter; the hidden size H is read from the "
                         "parameters' shapes, so a cell needs at least one (a matrix or a vector)")
    for s in cell.states:
        if s + "0" in params:
            raise ValueError(f"cell {cell.name!r}: parameter {s + '0'!r} has the name under which the "
                             f"gradient of the initial state {s!r} is returned; rename it")
    problem = step_problems(cell.equations)
    if problem == ("constant", problem and problem[1]):
        raise ValueError(f"cell {cell.name!r}: {problem[1]!r} depends on parameters only, so it is the same at "
                         "every step; a quantity must depend on the input x or a state")
    if problem is not None:
        raise ValueError(f"cell {cell.name!r}: {problem[1]!r} is computed but never used (it does not reach h)")
    vectors: dict = {}
    for eq in cell.equations:
        for node in _nodes(eq.rhs):
            if isinstance(node, MatVec):
                first = vectors.setdefault(node.matrix.name, node.vector)
                if first != node.vector:
                    raise ValueError(f"cell {cell.name!r}: matrix {node.matrix.name} multiplies {first} and "
                                     f"{node.vector}; a shared matrix must multiply the same vector in every "
                                     "use (its gradient then sums the uses)")
    return list(params.values())


_KIND_ORDER = {"input": 0, "recurrent": 1, "vector": 2}


def _check_expr(cell, q, expr, defined, names, states, params, known):
    """Validate one right side; new parameters go into ``params`` (``known`` holds earlier ones)."""
    where = f"cell {cell.name!r}, equation for {q!r}"

    def lookup(name):
        return params.get(name) or known.get(name)

    for node in _nodes(expr):
        if isinstance(node, MatVec):
            m = node.matrix
            kind = "input" if node.vector == sympy.Function(INPUT)(t) else "recurrent"
            seen = lookup(m.name)
            if seen is not None and seen.kind == "vector":
                raise ValueError(f"{where}: {m.name} is used both as a matrix and as a vector")
            if seen is not None and seen.kind != kind:
                raise ValueError(f"{where}: matrix {m.name} multiplies both x and a hidden vector")
            if seen is None:
                params[m.name] = ParamInfo(m.name, kind)
        elif is_vec(node):
            name, k = vec_name(node), shift_of(node)
            if name == INPUT:
                if k != 0:
                    raise ValueError(f"{where}: the input is x(t); {node} is not supported")
            elif k == -1:
                if name not in states:
                    raise ValueError(f"{where}: {name}(t-1) is used but {name!r} is not a state "
                                     f"(states: {', '.join(cell.states)})")
            elif k == 0:
                if name not in defined:
                    hint = ("it is defined later; order the equations so each quantity is defined "
                            "before it is used" if name in names else "it is never defined")
                    raise ValueError(f"{where}: {name}(t) is used but {hint}")
            else:
                raise ValueError(f"{where}: {node} has time shift {k}; only t and t-1 are allowed")
        elif isinstance(node, Mat):
            continue
        elif isinstance(node, sympy.Symbol):
            if node == t:
                raise ValueError(f"{where}: bare t")
            seen = lookup(node.name)
            if seen is not None and seen.kind != "vector":
                raise ValueError(f"{where}: {node.name} is used both as a matrix and as a vector")
            if seen is None:
                params[node.name] = ParamInfo(node.name, "vector")
        elif isinstance(node, sympy.core.function.AppliedUndef):
            raise ValueError(f"{where}: {node} is not a quantity of the form q(t) or s(t-1)")



def step_problems(equations):
    """("constant", q) for the first quantity that depends on parameters only, ("unused", q) for the
    first that does not reach the output h; None when there is neither."""
    varying, uses = set(), {}
    for eq in equations:
        q = vec_name(eq.lhs)
        quantities = {vec_name(n) for n in _nodes(eq.rhs) if is_vec(n)}
        uses[q] = quantities - {INPUT}
        if any(isinstance(n, MatVec) and n.vector == sympy.Function(INPUT)(t) for n in _nodes(eq.rhs)) or \
                any(is_vec(n) and (shift_of(n) == -1 or vec_name(n) in varying) for n in _nodes(eq.rhs)):
            varying.add(q)
        else:
            return "constant", q
    live, todo = set(), ["h"]
    while todo:
        q = todo.pop()
        if q not in live:
            live.add(q)
            todo.extend(uses.get(q, ()))
    for eq in equations:
        if vec_name(eq.lhs) not in live:
            return "unused", vec_name(eq.lhs)
    return None


def _nodes(e):
    """Pre-order walk that does not enter the time argument of a quantity."""
    yield e
    if not is_vec(e):
        for a in e.args:
            yield from _nodes(a)
