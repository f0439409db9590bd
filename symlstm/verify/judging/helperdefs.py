r"""The activation helpers a code fence defines, judged as equations of their own.

Nearly every numpy cell starts by defining its activations and their derivatives::

    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    def dsigmoid(s):            # the derivative written in the function's output
        return s * (1 - s)

    def tanh_prime(x):
        return 1 - np.tanh(x) ** 2

    class Sigmoid:
        def forward(self, x):
            self.res = 1 / (1 + np.exp(-x))
            return self.res
        def backward(self):
            return self.res * (1 - self.res)

Each such ``return`` (or ``lambda``) is a claim: the helper's name says which function it is (or whose derivative:
:data:`ACTIVATIONS`, :data:`DERIVATIVE_WORDS`, read from the function's name or its class's), and its body
computes it or not. A body is read with Python's own parser (:func:`ast.parse`: nothing is run) and computed by a
small interpreter over a whitelist (numbers, the parameter, + - * / **, the functions of :data:`CALLS`, the fence's
other helpers), in floating point at a few points: a tower of powers overflows to inf, never hangs. A derivative
helper holds in either reading of its argument: the input (``1 - tanh(x)**2``) or the function's output, as a
caller passes it (``s * (1 - s)``, the result says which: the caller must pass the output). A helper whose name
says nothing is reported only where its body is one of the functions (``def f(z): return np.tanh(z)``).
"""
from __future__ import annotations

import ast
import re

import numpy as np

from ..text.codefences import (CODE_FENCE_LANGUAGES, CONVERTED, FLAG_DEF, MATLAB_FENCE_LANGUAGES, _indent,
                               _logical_lines, _matlab_as_python, fence_blocks, flag_branches)
from ..text.codeblocks import block
from ..text.dispatchacts import DISPATCH_DEF, branch_literal
from .report import RowResult

__all__ = ["helper_results", "ACTIVATIONS", "DERIVATIVE_WORDS", "HELPER_NOTE"]

#: The note on a helper's row (a reader of the report, or a test, tells these rows from the cell's by it).
HELPER_NOTE = "an activation helper the code defines, judged by its name"


def _sig(x):
    return 1.0 / (1.0 + np.exp(-x))


#: The activations a helper may define: name -> (words naming it, the function, its derivative, the derivative
#: written in the function's output y, how the function and its derivative are written, how a message names it).
ACTIVATIONS = {
    "sigmoid": (("sigmoid", "sigm", "sig", "logistic", "expit", "sigma", "sigmoide"), _sig,
                lambda x: _sig(x) * (1 - _sig(x)),
                lambda y: y * (1 - y), ("\\sigma(x) = 1 / (1 + e^{-x})", "\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))"),
                "the sigmoid"),
    "tanh": (("tanh", "th"), np.tanh, lambda x: 1 - np.tanh(x) ** 2, lambda y: 1 - y ** 2,
             ("\\tanh(x)", "\\tanh'(x) = 1 - \\tanh^2(x)"), "tanh"),
    "relu": (("relu",), lambda x: np.maximum(x, 0.0), lambda x: (x > 0).astype(float),
             lambda y: (y > 0).astype(float), ("\\max(x, 0)", "[x > 0]"), "ReLU"),
    # (over the vector of points; its derivative is a Jacobian, no helper of one argument: not judged)
    "softmax": (("softmax",), lambda x: np.exp(x - np.max(x)) / np.sum(np.exp(x - np.max(x))), None, None,
                ("\\mathrm{softmax}(x)_i = e^{x_i} / \\sum_j e^{x_j}", ""), "the softmax"),
}
#: Words of a helper's name that make it another function than the activation it names (``hard_sigmoid``,
#: ``log_softmax``, ``leaky_relu``): such a helper is not judged by its name.
OTHER_FUNCTION_WORDS = ("hard", "fast", "approx", "approximate", "piecewise", "leaky", "log", "scaled", "shifted",
                        "gumbel", "sparse", "masked", "temperature")
#: Second derivatives (a helper named with two derivative words, Chainer's ``_grad_grad_sigmoid``): activation ->
#: (the second derivative at the input, how it is written). A helper may take the input or the function's output.
SECOND_DERIVATIVES = {
    "sigmoid": (lambda x: _sig(x) * (1 - _sig(x)) * (1 - 2 * _sig(x)),
                "\\sigma''(x) = \\sigma(x)(1 - \\sigma(x))(1 - 2\\sigma(x))"),
    "tanh": (lambda x: -2 * np.tanh(x) * (1 - np.tanh(x) ** 2), "\\tanh''(x) = -2\\tanh(x)(1 - \\tanh^2(x))"),
}
#: Words of a helper's name that make it a derivative (``dsigmoid``, ``sigmoid_derivative``, ``tanh_prime``,
#: ``d_tanh``, ``de_sigmoid``, ``sigmoidGrad``, LightNN's ``delta_sigmoid``, a class's ``backward``).
DERIVATIVE_WORDS = ("d", "de", "der", "deriv", "derv", "derivative", "derivate", "prime", "grad", "gradient", "backward",
                    "diff", "differ", "differential", "differentiate", "dash", "bwd", "df", "delta",
                    "derivada", "derivee", "derivata", "ableitung")     # (Portuguese, Spanish, French, Italian, German)
#: Words of a method's name that make it the function itself, in a class named after it (``Sigmoid.forward``).
FUNCTION_WORDS = ("forward", "fwd", "function", "call", "activate", "activation", "apply", "f", "fn", "value")
#: Python's calls the interpreter computes (after ``np.``, ``numpy.``, ``math.``, ``torch.`` are dropped).
CALLS = {"exp": np.exp, "tanh": np.tanh, "log": np.log, "sqrt": np.sqrt, "square": np.square, "abs": np.abs,
         "power": np.power, "maximum": np.maximum, "minimum": np.minimum, "clip": np.clip, "where": np.where,
         "cosh": np.cosh, "sinh": np.sinh, "multiply": np.multiply, "subtract": np.subtract, "add": np.add,
         "divide": np.divide, "negative": np.negative, "float64": lambda v: v, "array": lambda v: v,
         "zeros_like": np.zeros_like, "ones_like": np.ones_like}
#: Types a value is cast to without changing it (``(x > 0).astype(float)``, ``.astype(np.float64)``).
FLOAT_TYPES = ("float", "float64", "float32", "double")
#: Reductions over the vector of points (a softmax's normalisation and its shift): ``np.sum``, ``sum``, ``np.max``.
REDUCTIONS = {"sum": np.sum, "max": np.max, "amax": np.max}
#: Bounds: a body's characters and parsed nodes, and how deep one helper's call of another may nest.
MAX_BODY_CHARS, MAX_NODES, MAX_DEPTH = 600, 200, 3
#: Where each helper is computed, and how close two values must be.
POINTS = np.array([-2.3, -1.1, -0.45, -0.1, 0.2, 0.7, 1.3, 2.6])
RTOL, ATOL = 1e-6, 1e-9

_LANGUAGES = (*CODE_FENCE_LANGUAGES, "")
_DEF = re.compile(r"^(?P<indent>[ \t]*)def\s+(?P<name>[A-Za-z_]\w*)\s*\((?P<params>[^()]*)\)\s*(?:->[^:]*)?:\s*"
                  r"(?P<inline>return\s+.+)?$")
_CLASS = re.compile(r"^(?P<indent>[ \t]*)class\s+(?P<name>[A-Za-z_]\w*)\b")
_LAMBDA = re.compile(r"^(?P<indent>[ \t]*)(?P<name>[A-Za-z_]\w*)\s*=\s*lambda\s+(?P<param>[A-Za-z_]\w*)\s*:"
                     r"(?P<body>.+)$")
_ASSIGN = re.compile(r"^(?P<target>(?:self\.)?[A-Za-z_]\w*)\s*=(?!=)\s*(?P<value>.+)$")
#: ``z[pos_mask] = np.exp(-x[pos_mask])``: a name's entries set where a mask holds.
_MASKED_SET = re.compile(r"^(?P<target>[A-Za-z_]\w*)\[\s*(?P<mask>[A-Za-z_]\w*)\s*\]\s*=(?!=)\s*(?P<value>.+)$")


class _Unreadable(Exception):
    """The body is not one the interpreter computes."""


def _words(name: str) -> list:
    """The words of a name: ``dsigmoid`` -> d, sigmoid; ``sigmoidPrime`` -> sigmoid, prime; ``d_tanh``."""
    out = []
    for part in re.split(r"_+", name):
        for w in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", part):
            out.append(w.lower())
    words = []
    for w in out:           # dsigmoid, dtanh: a d glued to an activation's word
        glued = next((a for a, spec in ACTIVATIONS.items() for word in spec[0]
                      if w.startswith("d") and w[1:] == word), None)
        words += ["d", w[1:]] if glued else [w]
    return words


def _role(name: str, cls: str | None):
    """("f" | "df", activation) the helper's name (or its class's, for a method) says it computes, else None."""
    words = _words(name)
    own = [a for a, spec in ACTIVATIONS.items() if any(w in spec[0] for w in words)]
    if len(own) > 1 or any(w in OTHER_FUNCTION_WORDS for w in words + (_words(cls) if cls else [])):
        return None
    derivative = any(w in DERIVATIVE_WORDS for w in words)
    if own and derivative and ACTIVATIONS[own[0]][2] is None:
        return None         # (softmax_grad: a Jacobian)
    if own and sum(w in DERIVATIVE_WORDS for w in words) >= 2 and own[0] in SECOND_DERIVATIVES:
        return "d2f", own[0]        # _grad_grad_sigmoid: the second derivative
    if own and not derivative and name.endswith("_") and not name.startswith("_"):
        return None         # sigmoid_, tanh_: a mark after the name (the function, or its derivative as f'): the body says
    if own:
        return ("df" if derivative else "f"), own[0]
    if cls is not None:
        of_class = [a for a, spec in ACTIVATIONS.items() if any(w in spec[0] for w in _words(cls))]
        if len(of_class) == 1 and (derivative or all(w in FUNCTION_WORDS for w in words)):
            return ("df" if derivative else "f"), of_class[0]
    return None


def _strip_module(node):
    """``np.exp`` -> exp; ``self.sigmoid`` -> sigmoid (a method of the same class); else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
            node.value.id in ("np", "numpy", "math", "torch", "self", "cls"):
        return node.attr
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id[:1].isupper():
        return node.attr        # LSTM.sigmoid(x): a static helper of a class
    return None


#: The environment's mark of code whose vectors are columns (``np.zeros((hidden_dim, 1))``): a reduction along the
#: last axis runs over each column's one entry (COLUMN_SHAPES).
COLUMNS = "__columns__"
#: Arrays made as columns of one entry's width: the code's vectors are columns.
COLUMN_SHAPES = re.compile(r"\b(?:zeros|ones|randn|rand|empty|reshape)\(\s*\(?\s*[A-Za-z_][\w.]*\s*,\s*1\s*\)?\s*\)")


def _last_axis(keywords) -> bool:
    """Does a reduction's ``axis`` keyword name the last axis of a column (1 or -1)?"""
    for k in keywords:
        v = k.value
        if k.arg == "axis":
            if isinstance(v, ast.UnaryOp) and isinstance(v.op, ast.USub) and isinstance(v.operand, ast.Constant):
                return v.operand.value == 1 and type(v.operand.value) is int
            return isinstance(v, ast.Constant) and type(v.value) is int and v.value == 1
    return False


def _whole_vector(keywords) -> bool:
    """Do a reduction's keywords take it over the whole vector of points: axis 0, -1 or none; or axis 1 kept as a
    column (``keepdims=True``: the rows of a batch, each an example). Not ``axis=1`` alone, which beside columns
    of examples sums over the examples (and which Python, reading 1 == True, would let through a test of
    ``True``)."""
    given = {}
    for k in keywords:
        value = k.value
        if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub) and \
                isinstance(value.operand, ast.Constant) and type(value.operand.value) is int:
            value = ast.Constant(-value.operand.value)      # axis=-1: a negative number, parsed as a sign
        if k.arg not in ("axis", "keepdims") or not isinstance(value, ast.Constant):
            return False
        given[k.arg] = value.value
    axis, keep = given.get("axis"), given.get("keepdims", False)
    if isinstance(axis, bool) or keep not in (0, 1):
        return False
    return axis in (0, -1, None) or axis == 1 and keep == 1


def _compute(node, env: dict, helpers: dict, depth: int):
    """The value of a parsed body at the points the environment holds (numpy arrays); raises _Unreadable."""
    if isinstance(node, ast.Expression):
        return _compute(node.body, env, helpers, depth)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return np.float64(node.value)
    if isinstance(node, ast.Name) and node.id in env:
        return env[node.id]
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self" and \
            "self." + node.attr in env:
        return env["self." + node.attr]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = _compute(node.operand, env, helpers, depth)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp):
        a, b = _compute(node.left, env, helpers, depth), _compute(node.right, env, helpers, depth)
        ops = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide,
               ast.Pow: np.power, ast.MatMult: np.multiply}
        if type(node.op) not in ops:
            raise _Unreadable
        return ops[type(node.op)](a, b)
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        a, b = _compute(node.left, env, helpers, depth), _compute(node.comparators[0], env, helpers, depth)
        ops = {ast.Gt: np.greater, ast.GtE: np.greater_equal, ast.Lt: np.less, ast.LtE: np.less_equal}
        if type(node.ops[0]) not in ops:
            raise _Unreadable
        return ops[type(node.ops[0])](a, b).astype(float)
    if isinstance(node, ast.Call) and node.keywords and _strip_module(node.func) in REDUCTIONS and \
            len(node.args) == 1 and env.get(COLUMNS) and _last_axis(node.keywords):
        # np.sum(e_x, axis=-1, keepdims=True) where the code's vectors are columns (n, 1): over the column's one
        # entry, each entry itself (a softmax of ones)
        return _compute(node.args[0], env, helpers, depth)
    if isinstance(node, ast.Call) and node.keywords and _strip_module(node.func) in REDUCTIONS and \
            len(node.args) == 1 and _whole_vector(node.keywords):
        # np.sum(e_x, axis=0, keepdims=True) over the vector of points: the whole vector; np.sum(e_x, axis=1,
        # keepdims=True) over a batch's rows (each row a vector of points)
        return np.asarray(REDUCTIONS[_strip_module(node.func)](_compute(node.args[0], env, helpers, depth)))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in REDUCTIONS and \
            not node.args and _strip_module(node.func) is None and \
            all(isinstance(k.value, ast.Constant) and (
                k.arg == "axis" and k.value.value == 0 and not isinstance(k.value.value, bool) or
                k.arg == "keepdims" and k.value.value in (0, 1)) for k in node.keywords):
        # e_x.sum(axis=0), e_x.sum(): the method's reduction over the vector of points (the whole vector); not
        # over another axis (e_x.sum(axis=1) beside columns of examples sums over the examples: left unjudged)
        return np.asarray(REDUCTIONS[node.func.attr](_compute(node.func.value, env, helpers, depth)))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "astype" and \
            len(node.args) == 1 and not node.keywords and isinstance(node.args[0], (ast.Name, ast.Attribute)) and \
            (node.args[0].id if isinstance(node.args[0], ast.Name) else node.args[0].attr) in FLOAT_TYPES:
        return np.asarray(_compute(node.func.value, env, helpers, depth), dtype=float)    # (x > 0).astype(float)
    if isinstance(node, ast.Call) and not node.keywords and all(not isinstance(a, ast.Starred) for a in node.args):
        name = _strip_module(node.func)
        args = [_compute(a, env, helpers, depth) for a in node.args]
        own = isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) and \
            node.func.value.id in ("self", "cls") and name in helpers and name in CALLS
        if own and len(args) == 1 and depth < MAX_DEPTH:
            # self.tanh(x) beside the class's own def tanh(self, x): its body, whatever numpy's tanh is
            param, body = helpers[name]
            return _compute(body, {param: args[0], COLUMNS: env.get(COLUMNS)}, helpers, depth + 1)
        if name in REDUCTIONS and len(args) == 1:
            return np.asarray(REDUCTIONS[name](args[0]))
        if name in CALLS:
            try:
                return np.asarray(CALLS[name](*args), dtype=float)
            except (TypeError, ValueError):
                raise _Unreadable from None
        if name in helpers and len(args) == 1 and depth < MAX_DEPTH:
            param, body = helpers[name]
            return _compute(body, {param: args[0], COLUMNS: env.get(COLUMNS)}, helpers, depth + 1)
        known = next((a for a, spec in ACTIVATIONS.items() if name in (a, *spec[0][:1])), None)
        if known is not None and len(args) == 1:
            return ACTIVATIONS[known][1](args[0])       # sigmoid(x) where the fence does not define it
    raise _Unreadable


def _parse(body: str):
    body = body.split("#")[0].strip().rstrip(";")
    if not body or len(body) > MAX_BODY_CHARS or body.count("(") > 60:
        return None
    try:
        tree = ast.parse(body, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        return None
    return tree


def _value(tree, env, helpers):
    try:
        with np.errstate(all="ignore"):
            v = np.broadcast_to(np.asarray(_compute(tree, env, helpers, 0), dtype=float), POINTS.shape)
    except (_Unreadable, ValueError, TypeError, RecursionError):
        return None
    return v


def _close(a, b) -> bool:
    return a is not None and bool(np.all(np.isfinite(a))) and np.allclose(a, b, rtol=RTOL, atol=ATOL)


def _helpers_of(lines: list, steps: dict | None = None) -> list:
    """(line index of the claim, name, class, parameter, body text, the attribute it returns) of each one-formula
    helper of a fence's lines (``self.res = ...; return self.res``: the claim is the assignment, of ``res``);
    ``steps``, when given, gets the line indexes of the straight-line names put into each claim (``e_x =
    np.exp(x - np.max(x))`` above ``return e_x / e_x.sum(axis=0)``), by the claim's line index."""
    found, classes = [], []
    logical = None
    for k, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = _indent(line)
        classes = [(i, n) for i, n in classes if i < indent]
        c = _CLASS.match(line)
        if c is not None:
            classes.append((indent, c["name"]))
            continue
        cls = classes[-1][1] if classes else None
        m = _LAMBDA.match(line)
        if m is not None:
            found.append((k, m["name"], cls, m["param"], m["body"].strip(), None))
            continue
        line = re.sub(r"(?<=:)\s*#[^'\"]*$", "", line)      # def sigmoid(x, deriv=False): #the output's ...
        m = _DEF.match(line)
        if m is None:
            continue
        if FLAG_DEF.match(line):
            # def tanh(x, derv=False): if derv: return 1 - np.tanh(x)**2; return np.tanh(x): two claims, the
            # derivative where the switch is set and the function where it is not
            logical = _logical_lines(lines) if logical is None else logical
            branches = flag_branches(logical, k)
            if branches is not None:
                param = FLAG_DEF.match(line)["param"]
                plain = next(f for f, d in branches[1].values() if not d)
                tree = _parse(plain)
                v = None if tree is None else _value(tree, {param: POINTS}, {})
                of = next((a for a, spec in ACTIVATIONS.items() if _close(v, spec[1](POINTS))), "")
                for j, (formula, derivative) in sorted(branches[1].items()):
                    # (whose derivative: the name's function, or the one the other branch computes)
                    found.append((j, f"{m['name']} ({of} derivative)" if derivative else m["name"], cls, param,
                                  formula, None))
                    if steps is not None and not derivative:
                        steps[j] = _flag_steps(lines, k, indent)
                continue
        params = [p.split("=")[0].split(":")[0].strip() for p in m["params"].split(",") if p.strip()]
        if params[:1] == ["self"]:
            params = params[1:]
        d = DISPATCH_DEF.match(line)
        branches = _dispatch_branches(lines, k, d, cls) if d is not None and d["x"] != "self" else []
        if branches:
            found += branches
            continue
        if len(params) > 1 or any(p.startswith("*") for p in params):
            continue
        if m["inline"]:
            found.append((k, m["name"], cls, params[0] if params else None, m["inline"][6:].strip(), None))
            continue
        values, claim, quote, mask_lines = {}, None, None, []
        for j in range(k + 1, len(lines)):
            st = lines[j].strip()
            if quote is not None:           # inside a docstring of several lines, up to its closing quotes
                if quote in st:
                    quote = None
                continue
            if not st or st.startswith("#"):
                continue            # (a comment at any indentation stays inside the body, unlike codefences._block)
            if _indent(lines[j]) <= indent:
                break
            opening = re.match(r"^[rRbBuU]?(\"\"\"|'''|\"|')", st)
            if opening is not None:
                q = opening[1]
                if len(q) == 3 and st[len(opening.group()):].find(q) < 0:
                    quote = q           # a docstring opened here and closed on a later line
                continue            # a docstring's line
            st = re.sub(r"\s+#[^'\"]*$", "", st)      # x = np.clip(x, -500, 500)  # Prevent overflow: the code
            r = re.match(r"^return\s+(.+)$", st)
            a = _ASSIGN.match(st)
            masked = _MASKED_SET.match(st)
            if masked is not None and claim is None and masked["target"] in values and masked["mask"] in values:
                # z[pos_mask] = np.exp(-x[pos_mask]) (CS231n's stable sigmoid): z where the mask holds, as before
                # elsewhere; the value on the masked entries is the whole vector's there (element-wise functions)
                value = re.sub(rf"(?<![\w.])((?:self\.)?[A-Za-z_]\w*)\[\s*{re.escape(masked['mask'])}\s*\]", r"\1",
                               masked["value"])
                if "[" in value:
                    claim = None
                    break
                first, before = values[masked["target"]]
                value = re.sub(rf"(?<![\w.]){re.escape(masked['target'])}(?!\w)", lambda _: "(" + before + ")", value)
                if len(value) + len(before) > MAX_BODY_CHARS:       # (z[m] = z[m] + 1: the value before, there)
                    claim = None
                    break
                values[masked["target"]] = (first, f"np.where({masked['mask']}, {value}, ({before}))")
                mask_lines.append(j)
                continue
            if r is not None and claim is None:
                claim = (j, r[1])
            elif a is not None and claim is None and params and a["target"] == params[0] and CONVERTED.fullmatch(st):
                continue            # x = x.astype(np.float64), x = np.array(x, dtype=float): the same values
            elif a is not None and claim is None and a["target"] not in values:
                # (x = np.clip(x, -500, 500) before the return: the parameter's value from there on, put into the
                # body as the other straight-line names are)
                values[a["target"]] = (j, a["value"])
            else:
                claim = None
                break
        if claim is None:
            continue
        body, attribute = claim[1], None
        if re.fullmatch(r"(?:self\.)?[A-Za-z_]\w*", body.strip()) and body.strip() in values:
            # self.res = 1 / (1 + np.exp(-x)); return self.res: the claim is the assignment's line
            attribute = body.strip()[5:] if body.strip().startswith("self.") else None
            j, v = values.pop(body.strip())
            claim, body = (j, v), v
        for target, (_, v) in reversed(list(values.items())):    # straight-line names put into the body
            body = re.sub(rf"(?<![\w.]){re.escape(target)}(?!\w)", lambda _: "(" + v + ")", body)
            if len(body) > MAX_BODY_CHARS:
                break           # (a = x + x; b = a + a; ...: each name doubles the body; too long is not read)
        found.append((claim[0], m["name"], cls, params[0] if params else None, body, attribute))
        if steps is not None and values:
            # (not x = np.clip(x, -500, 500): a guard of the argument's range, no step of the formula)
            steps[claim[0]] = [j for target, (j, _) in values.items() if not params or target != params[0]] + \
                mask_lines
    return found


def _flag_steps(lines: list, k: int, indent: int) -> list:
    """The line indexes of the straight-line assignments of a switched helper's body before its switch
    (``x_safe = x + 1e-12``, ``f = 1 / (1 + np.exp(-x_safe))`` above ``if derivative:``): steps of its function."""
    out = []
    for j in range(k + 1, min(len(lines), k + 1 + MAX_FLAG_STEPS * 4)):
        st = re.sub(r"\s+#[^'\"]*$", "", lines[j].strip())
        if not st or st.startswith("#"):
            continue
        if _indent(lines[j]) <= indent or re.match(r"(?:if|elif|else|return|for|while|with|try)\b", st):
            break
        if _ASSIGN.match(st) and len(out) < MAX_FLAG_STEPS:
            out.append(j)
    return out


#: At most this many steps of a switched helper's body are reported with it.
MAX_FLAG_STEPS = 8


def _dispatch_branches(lines: list, k: int, d, cls) -> list:
    """The claims of a helper that switches on a string (``def activation(self, X, a): if a == "tanh": activation =
    np.tanh(X); derivative = 1 - activation ** 2; return activation, derivative``): in each branch whose literal
    names an activation, each assignment is that activation, or its derivative where the assigned name says so
    (DERIVATIVE_WORDS), with the branch's earlier assignments put into it."""
    out, values, literal = [], {}, None
    for j in block(lines, k):
        lit = branch_literal(lines, j, d["kind"])
        if lit is not None:
            literal, values = lit, {}
            continue
        a = _ASSIGN.match(lines[j].strip())
        if literal is None or a is None or a["target"].startswith("self."):
            continue
        value = a["value"].split("#")[0].strip()
        for target, v in reversed(list(values.items())):
            value = re.sub(rf"(?<![\w.]){re.escape(target)}(?!\w)", "(" + v + ")", value)
        values[a["target"]] = value
        if value == "None" or not any(literal in spec[0] for spec in ACTIVATIONS.values()):
            continue
        derivative = any(w in DERIVATIVE_WORDS for w in _words(a["target"]))
        out.append((j, f"{literal}_derivative" if derivative else literal, cls, d["x"], value, None))
    return out


def _outputs(found: list, helpers: dict) -> dict:
    """{(class, attribute): activation} of the attributes a class's method sets to an activation's value and
    returns (``self.res = 1 / (1 + np.exp(-x)); return self.res``), checked by computing it."""
    out = {}
    for k, name, cls, param, body, attribute in found:
        if cls is None or param is None or attribute is None:
            continue
        tree = _parse(body)
        if tree is None:
            continue
        v = _value(tree, {param: POINTS}, helpers)
        for a, spec in ACTIVATIONS.items():
            if _close(v, spec[1](POINTS)):
                out[(cls, attribute)] = a
    return out


def _judge(name, cls, param, body, helpers, attributes, columns=False):
    """(status, why) of one helper, or None where it is not read; ``columns``: the code's vectors are columns."""
    tree = _parse(body)
    if tree is None:
        return None
    role = _role(name, cls)
    if role is not None and role[0] != "f" and ACTIVATIONS[role[1]][2] is None:
        return None     # Softmax.diff: a Jacobian, no function of one argument to compare (ACTIVATIONS)
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    free = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
            and n.value.id == "self" and not (id(n) in called and n.attr in helpers and n.attr not in FUNCTION_WORDS)}
    # (self.sigmoid(x), self.tanh(x): the class's own helper of that name; not self.forward(x), a name every
    # activation class gives its function)
    who = f"{cls}.{name}" if cls else name
    if param is None:
        # def backward(self): return self.res * (1 - self.res): the attribute the class's forward set to the
        # function's value
        kept = [attributes.get((cls, f)) for f in free]
        if role is None or role[0] != "df" or len(free) != 1 or kept[0] != role[1]:
            return None
        spec = ACTIVATIONS[role[1]]
        v = _value(tree, {"self." + next(iter(free)): spec[1](POINTS), COLUMNS: columns}, helpers)
        if v is None:
            return None
        word = f"the derivative of {spec[5]}, written in the value its forward pass keeps"
        return ("pass", word) if _close(v, spec[2](POINTS)) else \
            ("fail", f"{who} is not {word}: the derivative is {spec[4][1]}")
    if free:
        return None
    v = _value(tree, {param: POINTS, COLUMNS: columns}, helpers)
    if v is None:
        return None
    if role is None:
        for a, spec in ACTIVATIONS.items():
            if _close(v, spec[1](POINTS)):
                return "pass", f"{spec[5]}, {spec[4][0]}"
            if spec[2] is not None and _close(v, spec[2](POINTS)):
                return "pass", f"the derivative of {spec[5]}, {spec[4][1]}"
        return None
    kind, a = role
    spec = ACTIVATIONS[a]
    if kind == "f":
        return ("pass", f"{spec[5]}, {spec[4][0]}") if _close(v, spec[1](POINTS)) else \
            ("fail", f"{who} is not {spec[5]}, {spec[4][0]}")
    if kind == "d2f":
        second = SECOND_DERIVATIVES[a]
        if _close(v, second[0](POINTS)):
            return "pass", f"the second derivative of {spec[5]} at its input, {second[1]}"
        if _close(_value(tree, {param: spec[1](POINTS), COLUMNS: columns}, helpers), second[0](POINTS)):
            return "pass", (f"the second derivative of {spec[5]} written in its output ({param} is the value of "
                            f"{spec[5]}: a caller must pass the output)")
        return "fail", f"{who} is not the second derivative of {spec[5]}, at its input or its output: {second[1]}"
    if _close(v, spec[2](POINTS)):
        return "pass", f"the derivative of {spec[5]} at its input, {spec[4][1]}"
    y = _value(tree, {param: spec[1](POINTS), COLUMNS: columns}, helpers)
    if _close(y, spec[2](POINTS)):
        return "pass", (f"the derivative of {spec[5]} written in its output ({param} is the value of {spec[5]}, not "
                        f"its input: a caller must pass the output)")
    return "fail", (f"{who} is not the derivative of {spec[5]}, at its input or its output: the derivative is "
                    f"{spec[4][1]}")


def helper_results(text: str, taken: set) -> list:
    """A :class:`RowResult` for each activation helper of the text's Python fences (lines of the text, 1-based)
    not on a line in ``taken`` (the lines other rows already judge)."""
    out = []
    fences = list(fence_blocks(text, _LANGUAGES + MATLAB_FENCE_LANGUAGES))
    columns = any(COLUMN_SHAPES.search(line) for _, _, body in fences for line in body)
    for start, language, body in fences:
        if language.lower() in MATLAB_FENCE_LANGUAGES:      # read as the numpy it spells, line for line
            body = _matlab_as_python("\n".join(body)).split("\n")
        if language or re.search(r"^\s*def\s", "\n".join(body), re.M):      # (a fence without a language: if it defines)
            out += _fence_results(body, start, taken, columns)
    return out


def _fence_results(body: list, offset: int, taken: set, columns: bool = False) -> list:
    steps = {}
    found = _helpers_of(body, steps)
    helpers = {}
    for k, name, cls, param, text, _ in found:
        tree = _parse(text)
        if tree is not None and param is not None and name not in helpers:
            helpers[name] = (param, tree)
    attributes = _outputs(found, helpers)
    out = []
    for k, name, cls, param, text, _ in found:
        line = offset + k + 1
        if line in taken:
            continue
        verdict = _judge(name, cls, param, text, helpers, attributes, columns)
        if verdict is None:
            continue
        status, why = verdict
        col = len(body[k]) - len(body[k].lstrip()) + 1
        out.append(RowResult(line=line, column=col, text=body[k].strip(), status=status, holds=status == "pass",
                             reading="definition", why=why, notes=[HELPER_NOTE]))
        for j in steps.get(k, []) if status == "pass" else []:
            # e_x = np.exp(x - np.max(x)) above a softmax's return: a step of a helper that holds
            if offset + j + 1 not in taken:
                out.append(RowResult(line=offset + j + 1, column=len(body[j]) - len(body[j].lstrip()) + 1,
                                     text=body[j].strip(), status="pass", holds=True, reading="definition",
                                     why=f"a step of {name}, which holds as a whole ({why})", notes=[HELPER_NOTE]))
    return out

