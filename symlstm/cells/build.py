"""The cell language's meaning: from a syntax tree to the equations, states and parameters of a Cell."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sympy

from .algebra import (
    at,
    is_vec,
    mat,
    param,
    t,
)
from .cell import INPUT, step_problems
from .names import reserved_reason
from .syntax import (
    DECLARATIONS,
    FUNCTIONS,
    MAX_EQUATIONS,
    MAX_PARAMETERS,
    OUTPUT,
    STEP,
    CellError,
    _at,
    _Node,
    _pos,
)


# ============================================================================ meaning
def _walk(node: _Node):
    """Pre-order walk (depth is bounded by MAX_DEPTH)."""
    yield node
    for a in node.args:
        yield from _walk(a)


def _is_input(node: _Node) -> bool:
    return (node.kind == "name" and node.value == INPUT) or \
        (node.kind == "index" and node.value[0] == INPUT and node.value[1] == 0)


@dataclass
class _Assign:
    name: str
    line: int
    column: int
    expr: _Node


class _Builder:
    """Gives the parsed lines their meaning and builds the SymPy equations of a :class:`Cell`."""

    def __init__(self, records):
        self.assigns: list[_Assign] = []
        self.decls: dict = {}               # keyword -> (token, values)
        self.description = None
        for rec in records:
            kind, tok, payload = rec
            if kind == "assign":
                self._assignment(tok, payload)
            elif kind == "declare":
                self._declaration(tok, payload)
            else:
                if "description" in self.decls:
                    self._twice("description", tok)
                self.decls["description"] = (tok, ())
                self.description = payload
        self.names = {a.name: a for a in self.assigns}
        self.declared_matrices = {str(v): v for v in self.decls.get("matrices", (None, ()))[1]}
        self.declared_vectors = {str(v): v for v in self.decls.get("vectors", (None, ()))[1]}
        self._check_sizes()
        self.strict = "matrices" in self.decls or "vectors" in self.decls
        for n, tok in self.declared_vectors.items():
            if n in self.declared_matrices:
                raise CellError(f"{n!r} is declared both as a matrix and as a vector", *_pos(tok))
        for n, tok in {**self.declared_matrices, **self.declared_vectors}.items():
            self._check_identifier(n, tok, "parameter")
            if n in self.names:
                raise CellError(f"{n!r} is declared as a parameter but line {self.names[n].line} defines it "
                                "as a quantity", *_pos(tok))
        self.matrices = self._matrix_uses([a.expr for a in self.assigns])

    @classmethod
    def for_expression(cls, node, quantities, target):
        """A builder for one expression over existing quantities (all defined but ``target``)."""
        b = cls([])
        b.names = {q: _Assign(q, 0, 0, None) for q in quantities}
        b.matrices = b._matrix_uses([node])
        b.current = _Assign(target or "", 1, 1, node)
        b.defined = set(quantities) - {target}
        b.deps = {}
        return b

    # ---------------------------------------------------------------- lines
    def _assignment(self, tok, expr):
        q = str(tok)
        if q == INPUT:
            raise CellError(f"{INPUT!r} is the input of the cell and cannot be assigned", *_pos(tok))
        if q == STEP:
            raise CellError(f"{STEP!r} is the step index and cannot be assigned", *_pos(tok))
        if q in FUNCTIONS:
            raise CellError(f"{q!r} is a function and cannot be assigned", *_pos(tok))
        self._check_identifier(q, tok, "quantity")
        for a in self.assigns:
            if a.name == q:
                raise CellError(f"quantity {q!r} is defined twice (first on line {a.line})", *_pos(tok))
        self.assigns.append(_Assign(q, tok.line, tok.column, expr))

    def _declaration(self, tok, values):
        key = str(tok)
        if key not in DECLARATIONS:
            raise CellError(f"unknown declaration {key + ':'!r}; the declarations are "
                            f"{', '.join(d + ':' for d in DECLARATIONS)} (an assignment is `{key} = ...`)",
                            *_pos(tok))
        if key in self.decls:
            self._twice(key, tok)
        if key == "name" and len(values) != 1:
            raise CellError("`name:` takes one name", *_pos(values[1]))
        seen = {}
        for v in values:
            if str(v) in seen:
                raise CellError(f"{str(v)!r} appears twice in `{key}:`", *_pos(v))
            seen[str(v)] = v
        self.decls[key] = (tok, values)

    def _twice(self, key, tok):
        first = self.decls[key][0]
        raise CellError(f"`{key}:` is declared twice (first on line {first.line})", *_pos(tok))

    @staticmethod
    def _check_identifier(n, tok, what):
        if n in (INPUT, STEP) or n in FUNCTIONS:
            raise CellError(f"{n!r} cannot name a {what}", *_pos(tok))
        why = reserved_reason(n)
        if why:
            raise CellError(f"{n!r} cannot name a {what}: {why} (symlstm.cells.names lists the reserved "
                            "names)", *_pos(tok))

    def _check_sizes(self):
        """The documented limits on equations and parameters, before any symbolic work."""
        if len(self.assigns) > MAX_EQUATIONS:
            a = self.assigns[MAX_EQUATIONS]
            raise CellError(f"more than {MAX_EQUATIONS} equations; a cell has at most {MAX_EQUATIONS}",
                            a.line, a.column)
        names = {}
        for a in self.assigns:
            for node in _walk(a.expr):
                n = node.value if node.kind in ("juxt", "name") else None
                if n is not None and n not in self.names and n not in names and n not in (INPUT, STEP):
                    names[n] = node
                    if len(names) > MAX_PARAMETERS:
                        raise CellError(f"more than {MAX_PARAMETERS} parameters; a cell has at most "
                                        f"{MAX_PARAMETERS}", node.line, node.column)
        declared = {**self.declared_matrices, **self.declared_vectors}
        if len(declared) > MAX_PARAMETERS:
            tok = list(declared.values())[MAX_PARAMETERS]
            raise CellError(f"more than {MAX_PARAMETERS} parameters declared; a cell has at most "
                            f"{MAX_PARAMETERS}", *_pos(tok))

    # ---------------------------------------------------------------- inference
    @staticmethod
    def _matrix_uses(exprs) -> dict:
        """Matrix name -> (kind, node) of its first product; kinds must agree."""
        out = {}
        for expr in exprs:
            for node in _walk(expr):
                if node.kind != "juxt":
                    continue
                kind = "input" if _is_input(node.args[0]) else "recurrent"
                m = node.value
                if m in out and out[m][0] != kind:
                    first = out[m][1]
                    with_x, with_h = (first, node) if kind == "recurrent" else (node, first)
                    raise CellError(f"matrix {m!r} multiplies the input x on line {with_x.line} and a hidden "
                                    f"vector on line {with_h.line}: an input matrix is (H, I), a recurrent one "
                                    "(H, H); use two matrices", node.line, node.column)
                out.setdefault(m, (kind, node))
        return out

    def states(self) -> tuple[str, ...]:
        if OUTPUT not in self.names:
            last = self.assigns[-1] if self.assigns else None
            raise CellError(f"the cell does not define its output {OUTPUT!r} (e.g. `h = o * tanh(c)`)",
                            last.line if last else 1, 1)
        uses = []
        for a in self.assigns:
            for node in _walk(a.expr):
                if node.kind == "index" and node.value[1] == -1:
                    uses.append(node)
        uses.sort(key=lambda n: (n.line, n.column))
        for node in uses:
            q = node.value[0]
            if q == INPUT:
                raise CellError("the input is only available at the current step: write x (or x[t])",
                                node.line, node.column)
            if q not in self.names:
                raise CellError(f"{q}[t-1] is the previous value of {q!r}, but no equation defines {q!r}"
                                + _hint_defined(q, self.names), node.line, node.column)
        if "states" in self.decls:
            tok, values = self.decls["states"]
            declared = [str(v) for v in values]
            for v in values:
                if str(v) not in self.names:
                    raise CellError(f"state {str(v)!r} is declared but no equation defines it", *_pos(v))
            if declared[0] != OUTPUT:
                raise CellError(f"the output {OUTPUT!r} must be the first state (states: "
                                f"{', '.join([OUTPUT] + [d for d in declared if d != OUTPUT])})", *_pos(values[0]))
            for node in uses:
                if node.value[0] not in declared:
                    raise CellError(f"{node.value[0]}[t-1] is used but {node.value[0]!r} is not declared in "
                                    f"`states:` on line {tok.line}", node.line, node.column)
            return tuple(declared)
        return tuple(dict.fromkeys([OUTPUT] + [n.value[0] for n in uses]))

    # ---------------------------------------------------------------- expressions
    def equations(self, states) -> list:
        self.deps = {a.name: self._now_uses(a.expr) for a in self.assigns}
        eqs = []
        for k, a in enumerate(self.assigns):
            self.current, self.defined = a, {b.name for b in self.assigns[:k]}
            rhs = self._expr(a.expr)
            if not _has_variable(rhs):
                raise CellError(f"the right side of {a.name!r} is a constant; a quantity must depend on "
                                "the input, a state or a parameter", a.expr.line, a.expr.column)
            eqs.append(sympy.Eq(at(a.name), rhs, evaluate=False))
        self._check_params(states)
        self._check_steps(eqs)
        return eqs

    def _check_steps(self, eqs):
        """Every quantity changes with the step (it depends on x or a state) and reaches the output."""
        problem = step_problems(eqs)
        if problem is not None:
            kind, q = problem
            a = self.names[q]
            if kind == "constant":
                raise CellError(f"{q!r} depends on parameters only, so it is the same at every step; a quantity "
                                "must depend on the input x, a state's previous value or such a quantity "
                                "(a constant vector is a parameter: use it directly)", a.expr.line, a.expr.column)
            raise CellError(f"{q!r} is computed but never used: it does not reach the output h (at this step or "
                            "the next); remove it or use it", a.line, a.column)

    def _check_params(self, states):
        """Parameters the generated code could not tell apart from its own outputs, or none at all."""
        used = {}
        for a in self.assigns:
            for node in _walk(a.expr):
                if node.kind in ("juxt", "name") and node.value not in self.names and node.value != INPUT:
                    used.setdefault(node.value, node)
        for n, node in used.items():
            if n[:-1] in states and n.endswith("0"):
                raise CellError(f"{n!r} cannot name a parameter: the gradient of the initial state {n[:-1]!r} "
                                f"is returned as {n!r}", node.line, node.column)
        if not used:
            a = self.names.get(OUTPUT, self.assigns[-1])
            raise CellError("the cell has no parameter (no matrix, bias or other vector); the hidden size H "
                            "is read from the parameters' shapes, so a cell needs at least one",
                            a.expr.line, a.expr.column)

    def _now_uses(self, expr):
        out = {}
        for node in _walk(expr):
            if node.kind == "name" or (node.kind == "index" and node.value[1] == 0):
                n = node.value if node.kind == "name" else node.value[0]
                if n in self.names:
                    out.setdefault(n, node)
        return out

    def _expr(self, node: _Node):
        k = node.kind
        if k == "number":
            f = Fraction(node.value)
            return sympy.Rational(f.numerator, f.denominator)
        if k == "name":
            return self._name(node.value, node)
        if k == "index":
            q, shift, step_pos = node.value
            if shift == 0:
                return self._name(q, node, indexed=True)
            if shift > 0:
                raise CellError(f"{q}[t+{shift}] is in the future; a cell can use [t] and [t-1]", *step_pos)
            if shift < -1:
                raise CellError(f"{q}[t{shift}]: only [t] and [t-1] are supported (carry an extra state "
                                "for older values)", *step_pos)
            return at(q, -1)                   # validated by states()
        if k == "call":
            return FUNCTIONS[node.value[0]](self._expr(node.args[0]))
        if k == "neg":
            return -self._expr(node.args[0])
        if k == "add":
            return sympy.Add(*[s * self._expr(a) for s, a in zip(node.signs, node.args)])
        if k == "mul":
            return sympy.Mul(*[self._expr(a) for a in node.args])
        if k == "juxt":
            return self._product(node)
        raise AssertionError(k)  # pragma: no cover

    def _name(self, n, node, indexed=False):
        a = self.current
        if n == INPUT:       # a product W x is handled by _product
            raise CellError("the input x (size I) can only be multiplied by an input matrix, as in W x",
                            node.line, node.column)
        if n == STEP:
            raise CellError(f"{STEP!r} is the step index; it appears only in brackets, as in h[t-1]",
                            node.line, node.column)
        if n in FUNCTIONS:
            raise CellError(f"{n!r} is a function: call it as {n}(...)", node.line, node.column)
        if n == a.name:
            raise CellError(f"{n!r} is used in its own equation; write {n}[t-1] for its value at the "
                            "previous step", node.line, node.column)
        if n in self.defined:
            return at(n)
        if n in self.names:
            raise self._before(n, node)
        if indexed:
            raise CellError(f"{n}[t]: {n!r} is not a quantity of the cell (no equation defines it)",
                            node.line, node.column)
        return self._vector_param(n, node)

    def _before(self, n, node):
        """``n`` is defined after the current quantity: a cycle or just the wrong order."""
        q = self.current.name
        path = _path(n, q, self.deps)
        later = self.names[n]
        if path:
            chain = " ← ".join(path)
            return CellError(f"cycle within one step: {q!r} uses {n!r}, but {n!r} is computed from {q!r} "
                             f"({chain}); write {n}[t-1] for the previous step's value",
                             node.line, node.column)
        return CellError(f"{n!r} is used before its definition on line {later.line}; move this equation "
                         f"below it, or write {n}[t-1] for the previous step's value", node.line, node.column)

    def _vector_param(self, n, node):
        if n in self.matrices:
            first = self.matrices[n][1]
            raise CellError(f"{n!r} is a matrix (it multiplies a vector on line {first.line}, column "
                            f"{first.column}); here it is used element-wise", node.line, node.column)
        if n in self.declared_matrices:
            raise CellError(f"{n!r} is declared a matrix; here it is used element-wise (write {n} v for a "
                            "matrix product)", node.line, node.column)
        self._check_identifier(n, _at(node), "parameter")
        if self.strict and n not in self.declared_vectors:
            raise CellError(f"undefined name {n!r}: no equation defines it and it is not declared in "
                            "`vectors:` or `matrices:`" + _hint_defined(n, self.names),
                            node.line, node.column)
        return param(n)

    def _product(self, node):
        m, (v,) = node.value, node.args
        if m in FUNCTIONS:
            raise CellError(f"{m!r} is a function: call it as {m}(...)", node.line, node.column)
        if m == INPUT or m == STEP or m in self.names:
            what = {INPUT: "the input", STEP: "the step index"}.get(m, "a quantity")
            raise CellError(f"{m!r} is {what}, not a matrix; a name before a vector is a matrix product "
                            "(use * for the element-wise product)", node.line, node.column)
        if m in self.declared_vectors:
            raise CellError(f"{m!r} is declared a vector; a name before a vector is a matrix product "
                            f"(use {m} * ... for the element-wise product)", node.line, node.column)
        self._check_identifier(m, _at(node), "parameter")
        if self.strict and m not in self.declared_matrices:
            raise CellError(f"undefined matrix {m!r}: it is not declared in `matrices:`", node.line, node.column)
        if _is_input(v):
            return self._shared(m, node, mat(m) @ at(INPUT))
        for sub in _walk(v):
            if _is_input(sub):
                raise CellError("the input x can only be multiplied by a matrix on its own: "
                                "write W x + U h[t-1] rather than W (x + h[t-1])", sub.line, sub.column)
            if sub.kind == "juxt":
                raise CellError(f"a matrix times a matrix product ({m} {sub.value} ...) is not supported; "
                                "use one matrix", sub.line, sub.column)
        vector = self._expr(v)
        params = sorted(s.name for s in vector.free_symbols if s != t)
        if params:
            raise CellError(f"parameter {params[0]!r} inside the product {m} (...) is not supported: the vector "
                            "of a matrix product may hold quantities and numbers only", v.line, v.column)
        if not _has_variable(vector):
            raise CellError(f"{m} multiplies a constant; a matrix must multiply a vector quantity",
                            v.line, v.column)
        return self._shared(m, node, mat(m) @ vector)

    def _shared(self, m, node, product):
        """A matrix used twice must multiply the same vector (its gradient then sums both uses)."""
        seen = getattr(self, "products", None)
        if seen is None:
            seen = self.products = {}
        first = seen.setdefault(m, (product, node))
        if first[0] != product:
            raise CellError(f"matrix {m!r} multiplies {_vector_text(first[0])} on line {first[1].line} and "
                            f"{_vector_text(product)} here; a shared matrix must multiply the same vector in "
                            "every use (use two matrices)", node.line, node.column)
        return product


def _vector_text(product):
    return str(product.vector).replace("(t - 1)", "[t-1]").replace("(t)", "")


def _has_variable(e) -> bool:
    return bool(e.free_symbols - {t}) or any(is_vec(a) for a in e.atoms(sympy.core.function.AppliedUndef))


def _path(start, goal, deps):
    """A chain start → ... → goal through step-t uses, or None."""
    prev, todo = {start: None}, [start]
    while todo:
        n = todo.pop(0)
        if n == goal:
            path = [n]
            while prev[path[-1]] is not None:
                path.append(prev[path[-1]])
            return path[::-1]
        for d in deps.get(n, {}):
            if d not in prev:
                prev[d] = n
                todo.append(d)
    return None


def _hint_defined(n, names):
    import difflib
    close = difflib.get_close_matches(n, list(names), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
