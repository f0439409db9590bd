r"""Operation classes judged against their own forward: the gates of "RNN from scratch" code.

pangolulu's *rnn-from-scratch* and its many copies build a cell from small classes, each with a ``forward`` and a
``backward`` of the same arguments and the gradient from above last::

    class MultiplyGate:
        def forward(self, W, x):
            return np.dot(W, x)

        def backward(self, W, x, dz):
            dW = np.asarray(np.dot(np.transpose(np.asmatrix(dz)), np.asmatrix(x)))
            dx = np.dot(np.transpose(W), dz)
            return dW, dx

    class Tanh:
        def forward(self, x):
            return np.tanh(x)

        def backward(self, x, top_diff):
            output = self.forward(x)
            return (1.0 - np.square(output)) * top_diff

and a softmax's ``loss(x, y)`` beside its gradient ``diff(x, y)``. Each backward statement that names an argument's
gradient (``dW``, ``dx1``), or a ``return`` of one argument's, is checked where it is written: its value, at random
arguments, against the vector-Jacobian product of the class's own forward with the gradient from above (central
finite differences of the forward, so nothing of symlstm's derivation is used); the forward's ``return`` is the
operation's definition (a pass). ``probs[y] -= 1.0``: an argument used as an index is an integer label, not
differentiated.

The methods are read with Python's own grammar (:mod:`ast`) and interpreted over a small table of numpy functions
(:data:`NUMPY_FUNCTIONS`); nothing is run. A class whose methods use anything else (an attribute of ``self``, a
loop, a function not in the table) is not judged.
"""
from __future__ import annotations

import ast

import numpy as np

from .pyfences import python_fences
from .report import RowResult

__all__ = ["op_class_results", "NUMPY_FUNCTIONS", "METHOD_PAIRS"]

#: Numpy functions an operation's methods may call, by name (``np.dot``, ``numpy.tanh``).
NUMPY_FUNCTIONS = {
    "dot": np.dot, "matmul": np.matmul, "transpose": np.transpose, "asarray": np.asarray, "array": np.asarray,
    "asmatrix": lambda a: np.atleast_2d(np.asarray(a)), "mat": lambda a: np.atleast_2d(np.asarray(a)),
    "ones_like": np.ones_like, "zeros_like": np.zeros_like, "tanh": np.tanh, "exp": np.exp, "log": np.log,
    "outer": np.outer, "multiply": np.multiply, "add": np.add, "subtract": np.subtract, "divide": np.divide,
    "square": np.square, "sqrt": np.sqrt, "maximum": np.maximum, "minimum": np.minimum, "abs": np.abs,
    "sum": np.sum, "max": np.max, "mean": np.mean, "copy": np.copy, "power": np.power,
}
#: (forward, backward) method names: the backward takes the forward's arguments and, for a vector output, the
#: gradient from above last; a scalar forward (a loss) takes none.
METHOD_PAIRS = (("forward", "backward"), ("loss", "diff"), ("loss", "gradient"), ("forward", "diff"),
                ("function", "derivative"), ("forward", "derivative"), ("activation", "derivative"),
                ("fn", "derivative"), ("function", "prime"), ("forward", "prime"))
#: Backward names that take no gradient from above and return an element-wise function's derivative (f'(x), or
#: written through the output: f'(x) as g(f(x)), y (1 - y) for the sigmoid).
DERIVATIVE_METHODS = ("derivative", "prime")
#: Shapes tried for the arguments, in order (a matrix times a vector, vectors, columns).
#: A forward with a matrix product is tried only with a matrix first (vectors alone would make it a dot product,
#: where a missing transpose cannot show).
SHAPES = (lambda k: [(3, 4)] + [(4,)] * (k - 1), lambda k: [(3, 4)] + [(4, 1)] * (k - 1),
          lambda k: [(3,)] * k, lambda k: [(3, 1)] * k, lambda k: [(3, 4)] * k)
MATRIX_SHAPES = 2
#: How far apart the two sides may be (relative to the larger), the finite differences' error being far below.
TOLERANCE = 1e-5
#: Most statements a class's methods may hold for it to be judged (larger classes are cells, not operations).
MAX_STATEMENTS = 12
#: Most classes of one fence judged (each is run at a few random arguments: a fence of thousands stays fast).
MAX_CLASSES = 40


class _Unsupported(Exception):
    """A construct the interpreter does not read: the class is not judged."""


class _Interpreter:
    """The methods of one class, read over numpy values (module doc)."""

    def __init__(self, methods: dict):
        self.methods, self.depth = methods, 0

    def call(self, name, args):
        fn = self.methods.get(name)
        if fn is None or len(args) != len(fn.args.args) - 1 or self.depth > 4:
            raise _Unsupported(name)
        env = {a.arg: v for a, v in zip(fn.args.args[1:], args)}
        self.depth += 1
        try:
            for stmt in fn.body:
                out = self.statement(stmt, env)
                if out is not None:
                    return out[0]
        finally:
            self.depth -= 1
        raise _Unsupported("no return")

    def statement(self, stmt, env, trace=None):
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            return None                                     # a docstring
        if isinstance(stmt, ast.Return) and stmt.value is not None:
            return (self.value(stmt.value, env),)
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], self.value(stmt.value, env)
            if isinstance(target, ast.Name):
                env[target.id] = value
            elif isinstance(target, ast.Tuple) and all(isinstance(t, ast.Name) for t in target.elts) and \
                    isinstance(value, tuple) and len(value) == len(target.elts):
                env.update({t.id: v for t, v in zip(target.elts, value)})
            else:
                raise _Unsupported("assignment")
            if trace is not None:
                trace.append((stmt, target))
            return None
        if isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, (ast.Add, ast.Sub)):
            t = stmt.target
            sign = 1.0 if isinstance(stmt.op, ast.Add) else -1.0
            if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id in env:
                arr = np.array(env[t.value.id], dtype=float)
                arr[self.index(t.slice, env)] += sign * self.value(stmt.value, env)
                env[t.value.id] = arr
                return None
            if isinstance(t, ast.Name) and t.id in env:
                env[t.id] = env[t.id] + sign * self.value(stmt.value, env)
                return None
        raise _Unsupported(type(stmt).__name__)

    def index(self, node, env):
        v = self.value(node, env)
        if isinstance(v, tuple):
            return tuple(int(x) for x in v)
        return int(v)

    def value(self, node, env):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and \
                not isinstance(node.value, bool):
            return node.value
        if isinstance(node, ast.Name):
            if node.id not in env:
                raise _Unsupported(node.id)
            return env[node.id]
        if isinstance(node, ast.Tuple):
            return tuple(self.value(x, env) for x in node.elts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            v = self.value(node.operand, env)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp):
            a, b = self.value(node.left, env), self.value(node.right, env)
            ops = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide,
                   ast.MatMult: np.matmul, ast.Pow: np.power}
            if type(node.op) not in ops:
                raise _Unsupported("operator")
            if isinstance(node.op, ast.Pow) and not (isinstance(b, (int, float)) and abs(b) <= 4):
                raise _Unsupported("power")
            return ops[type(node.op)](a, b)
        if isinstance(node, ast.Attribute) and node.attr == "T":
            return np.transpose(self.value(node.value, env))
        if isinstance(node, ast.Subscript):
            return np.asarray(self.value(node.value, env))[self.index(node.slice, env)]
        if isinstance(node, ast.Call) and not node.keywords:
            f = node.func
            args = [self.value(a, env) for a in node.args]
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
                if f.value.id in ("np", "numpy") and f.attr in NUMPY_FUNCTIONS:
                    return NUMPY_FUNCTIONS[f.attr](*args)
                if f.value.id == "self":
                    return self.call(f.attr, args)
                if f.attr in ("sum", "copy") and not args and f.value.id in env:
                    return np.asarray(env[f.value.id]).sum() if f.attr == "sum" else np.copy(env[f.value.id])
        raise _Unsupported(type(node).__name__)


def _indices(fn) -> set:
    """Arguments used as an index (``probs[y]``): integer labels."""
    return {n.slice.id for n in ast.walk(fn) if isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Name)}


def _gradient_of(name: str, args: list):
    """The argument a backward name is the gradient of (``dW``, ``dx1``, ``d_x``, ``grad_x``, ``x_grad``)."""
    for a in args:
        if name in (f"d{a}", f"d_{a}", f"grad_{a}", f"{a}_grad", f"d{a.capitalize()}"):
            return a
    return None


def _vjp(run, values, k, g):
    """The gradient of ``sum(g * run(values))`` (or of ``run(values)`` for a scalar) by argument k."""
    base = np.array(values[k], dtype=float)
    out = np.zeros(base.shape)
    eps = 1e-6
    for i in np.ndindex(base.shape):
        plus, minus = base.copy(), base.copy()
        plus[i] += eps
        minus[i] -= eps
        fp = run(values[:k] + [plus] + values[k + 1:])
        fm = run(values[:k] + [minus] + values[k + 1:])
        out[i] = (np.sum(g * fp) - np.sum(g * fm)) / (2 * eps) if g is not None else (fp - fm) / (2 * eps)
    return out


def _judge_class(cls, start, body) -> list:
    methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
    if sum(len(f.body) for f in methods.values()) > MAX_STATEMENTS * 2:
        return []
    out = []
    for fwd_name, bwd_name in METHOD_PAIRS:
        fwd, bwd = methods.get(fwd_name), methods.get(bwd_name)
        if fwd is None or bwd is None:
            continue
        fargs = [a.arg for a in fwd.args.args[1:]]
        bargs = [a.arg for a in bwd.args.args[1:]]
        if not fargs or bargs[:len(fargs)] != fargs or len(bargs) - len(fargs) not in (0, 1):
            continue
        labels = _indices(fwd) | _indices(bwd)
        interp = _Interpreter(methods)
        rng = np.random.default_rng(0)
        found = None
        products = any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.MatMult) or
                       isinstance(n, ast.Attribute) and n.attr in ("dot", "matmul") for n in ast.walk(fwd))
        for shapes in SHAPES[:MATRIX_SHAPES] if products else SHAPES:
            values = [int(rng.integers(0, 3)) if a in labels else rng.standard_normal(s) * 0.8
                      for a, s in zip(fargs, shapes(len(fargs)))]
            try:
                with np.errstate(all="raise"):
                    y = np.asarray(interp.call(fwd_name, values), dtype=float)
                    upstream = len(bargs) > len(fargs)
                    elementwise = not upstream and bwd_name in DERIVATIVE_METHODS
                    if not upstream and not elementwise and y.size != 1:
                        continue        # a loss is a number: another shape
                    g = rng.standard_normal(y.shape) if upstream else np.ones(y.shape) if elementwise else None
                    env = dict(zip(bargs, values + ([g] if upstream else [])))
                    trace, ret = [], None
                    for stmt in bwd.body:
                        r = interp.statement(stmt, env, trace)
                        if r is not None:
                            ret = (stmt, r[0])
                            break
            except (_Unsupported, ValueError, TypeError, IndexError, FloatingPointError, ArithmeticError):
                continue
            sizes = [np.size(env[t.id]) for _, t in trace if isinstance(t, ast.Name) and
                     _gradient_of(t.id, fargs) is not None and t.id in env]
            wanted = [np.size(values[fargs.index(_gradient_of(t.id, fargs))]) for _, t in trace
                      if isinstance(t, ast.Name) and _gradient_of(t.id, fargs) is not None and t.id in env]
            if sizes != wanted:
                continue            # dx2 = dz * np.ones_like(x2) broadcast to the matrix: the vectors' shapes
            found = (values, g, env, trace, ret)
            break
        if found is None:
            continue
        values, g, env, trace, ret = found

        def run(vals):
            with np.errstate(all="ignore"):
                return np.asarray(interp.call(fwd_name, vals), dtype=float)
        claims = []         # (statement, argument index, value)
        returned = set()    # the names the backward returns: what it claims (dx = 1 - y^2 ... return dx * g: a step)
        if ret is not None:
            value = ret[0].value
            returned = {n.id for n in ([value] if isinstance(value, ast.Name) else
                                       value.elts if isinstance(value, ast.Tuple) else []) if isinstance(n, ast.Name)}
        for stmt, target in trace:
            if isinstance(target, ast.Name) and _gradient_of(target.id, fargs) is not None and \
                    target.id in returned and stmt is max((s for s, t in trace if isinstance(t, ast.Name) and
                                                           t.id == target.id), key=lambda s: s.lineno):
                claims.append((stmt, fargs.index(_gradient_of(target.id, fargs)), env[target.id]))
        differentiable = [k for k, a in enumerate(fargs) if a not in labels]
        if ret is not None and not claims and len(differentiable) == 1 and not isinstance(ret[1], tuple):
            where = ret[0]
            if isinstance(where.value, ast.Name):       # probs[y] -= 1.0; return probs: the line that makes it
                made = [x for x in bwd.body if x.lineno < where.lineno and
                        (isinstance(x, ast.AugAssign) and isinstance(x.target, ast.Subscript) and
                         isinstance(x.target.value, ast.Name) and x.target.value.id == where.value.id)]
                where = made[-1] if made else where
            claims.append((where, differentiable[0], ret[1]))
        elementwise = len(bargs) == len(fargs) and bwd_name in DERIVATIVE_METHODS
        for stmt, k, claimed in claims:
            if fargs[k] in labels:
                continue
            claimed = np.asarray(claimed, dtype=float)
            want = _vjp(run, values, k, g)
            if claimed.size != want.size or not np.all(np.isfinite(claimed)) or not np.all(np.isfinite(want)):
                continue
            diff = float(np.max(np.abs(claimed.reshape(want.shape) - want)))
            scale = max(float(np.max(np.abs(want))), float(np.max(np.abs(claimed))), 1e-12)
            through_output = False
            if elementwise and diff > TOLERANCE * scale and len(fargs) == 1:
                try:        # def derivative(self, y): return y * (1 - y): the derivative written in the output
                    with np.errstate(all="ignore"):
                        alt = np.asarray(interp.call(bwd_name, [run(values)]), dtype=float)
                    if alt.size == want.size and np.all(np.isfinite(alt)) and \
                            float(np.max(np.abs(alt.reshape(want.shape) - want))) <= TOLERANCE * scale:
                        diff, through_output = 0.0, True
                except (_Unsupported, ValueError, TypeError, IndexError, ArithmeticError):
                    pass
            ok = diff <= TOLERANCE * scale
            what = (f"the derivative of {cls.name}.{fwd_name}" + (" written in its output (the caller passes the "
                    "output)" if through_output else "") if elementwise else
                    f"the gradient of {cls.name}.{fwd_name} by {fargs[k]}" +
                    (f", given the gradient from above ({bargs[-1]})" if g is not None else ""))
            out.append(_row(stmt, start, body, what if ok else f"not {what}: the sides differ (relative error "
                                                                 f"{diff / scale:.3g}) at random arguments", ok))
        if not out:
            continue
        # the forward's statements (and those of the methods it calls) define the operation; the backward's calls
        # of them (output = self.forward(x)) take its value at the same arguments
        defining = [fwd] + [methods[n.func.attr] for n in ast.walk(fwd) if isinstance(n, ast.Call) and
                            isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) and
                            n.func.value.id == "self" and n.func.attr in methods]
        for fn in defining:
            for stmt in fn.body:
                if isinstance(stmt, (ast.Assign, ast.Return)) and stmt.value is not None:
                    out.append(_row(stmt, start, body, f"the definition of {cls.name}.{fn.name}"))
        for stmt in bwd.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and \
                    isinstance(stmt.value.func, ast.Attribute) and isinstance(stmt.value.func.value, ast.Name) and \
                    stmt.value.func.value.id == "self" and stmt.value.func.attr in methods:
                out.append(_row(stmt, start, body, f"{cls.name}.{stmt.value.func.attr} at the same arguments"))
    return out


def _row(stmt, start, body, why, holds=True) -> RowResult:
    """The result on the fence line of ``stmt`` (a pass read as a definition, or a failure)."""
    code = body[stmt.lineno - 1]
    return RowResult(line=start + stmt.lineno, column=len(code) - len(code.lstrip()) + 1, text=code.strip(),
                     status="pass" if holds else "fail", holds=holds, reading="definition" if holds else "",
                     notes=["an operation judged against its own forward"], why=why)


def op_class_results(text: str) -> list:
    """A :class:`RowResult` for each backward statement of an operation class of the text's Python fences, and for
    its forward's return (module doc)."""
    out = []
    for start, body, tree in python_fences(text):
        if tree is None:
            continue
        classes = [c for c in ast.walk(tree) if isinstance(c, ast.ClassDef)]
        for cls in classes[:MAX_CLASSES]:
            out += _judge_class(cls, start, body)
    seen, unique = set(), []
    for r in sorted(out, key=lambda r: (r.line, r.column)):
        if r.line not in seen:
            seen.add(r.line)
            unique.append(r)
    return unique
