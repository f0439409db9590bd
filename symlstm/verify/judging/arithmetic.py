r"""The arithmetic of a worked example: ``h_1 = \tanh(0.3) = 0.2913``, ``0.9^{99} = 2.95 \times 10^{-5}``.

Tutorials and recitations run the cell by hand on small numbers. A row's links between two sides written in
numbers only (numbers, vectors and matrices of numbers, +, -, products, fractions, powers, tanh, sigma, exp,
log, transposes) are checked as arithmetic, up to the rounding of the printed digits:

* a number printed with three or more significant digits (``0.2913``, ``1.462118``) stands for any value within
  one unit of its last digit (rounded or cut); a shorter one inside an expression (``0.55``, ``0.5``) is data,
  exact; a side that is only a number or a list of numbers (the result) gets the unit of its last digit always;
* two sides hold when, at every entry, they differ by less than the spread those units allow (found by
  evaluating each side at its numbers moved by their units): 1.0 for 1.1 is a slip, 1.0999 printed 1.0 is not.

A link that does not hold fails the row, naming the value; a row written in numbers only whose links all hold
passes ("the arithmetic holds"). A link from a quantity to numbers (``z_1 = ... = 0.3``) states a value the
example computes from its own data (its weights, its inputs), which the reader does not run: such a row is
unreadable when its arithmetic holds, never failed for its numbers (:func:`.examplesteps.worked_numbers`).
"""
from __future__ import annotations

import numpy as np

from ..text.depth import outside_brackets
from ..text.trees import identity_size

__all__ = ["numeric_side", "side_value", "check_links", "split_sides", "show_value", "name_key"]

#: Functions a worked example applies to numbers, by the names the row parser gives them.
FUNCTIONS = {
    "tanh": np.tanh, "sigma": lambda v: 1.0 / (1.0 + np.exp(-v)), "sigmoid": lambda v: 1.0 / (1.0 + np.exp(-v)),
    "sigm": lambda v: 1.0 / (1.0 + np.exp(-v)), "exp": np.exp, "log": np.log, "ln": np.log,
    "relu": lambda v: np.maximum(v, 0.0), "ReLU": lambda v: np.maximum(v, 0.0),
}

#: Product signs of the row parser: element-wise always, or by shape (a matrix product where the shapes ask).
ELEMENTWISE = {"odot", "circ", "otimes_ew"}
PRODUCTS = {None, "times", "cdot", "star", "ast", "odot", "circ", "div"}

#: The largest entry count and nesting a worked example's side may have (a bound, not a limit of use).
MAX_ENTRIES = 4096
MAX_DEPTH = 60


class _NotNumeric(Exception):
    """The side is not written in numbers only."""


def _unit(text: str) -> float:
    """One unit of a printed number's last digit: 0.0001 for 0.2913, 1 for 12."""
    return 10.0 ** -len(text.partition(".")[2]) if "." in text else 1.0


def _significant(text: str) -> int:
    return len(text.replace(".", "").lstrip("0"))


#: The names a worked example gives values (``W_{hh} = 0.9``, ``h_1 = 0.2913``), while its rows are checked:
#: name key (:func:`name_key`) -> the numeric side that gave it (a number, a list or a matrix of numbers).
_ENV: dict = {}


def name_key(node):
    """The key of a name in a worked example's values: its letter, accent and scripts (not its font)."""
    if node[0] != "sym" or node[5]:
        return None
    accent = node[2] if node[2] in ("tilde", "hat", "bar", "check", "star") else None
    return (node[1], accent, repr(node[3]), repr(node[4]))


def _leaves(node, out, depth=0):
    """The number leaves of a side in order, or _NotNumeric when a name other than a function, e or a name the
    worked example gave a value appears."""
    if depth > MAX_DEPTH:
        raise _NotNumeric
    kind = node[0]
    if kind == "num":
        out.append(node)
        return
    if kind == "sym" and _ENV and name_key(node) in _ENV:
        _leaves(_ENV[name_key(node)], out, depth + 1)
        return
    if kind == "sym":
        name, sub, sup = node[1], node[3], node[4]
        if name == "e" and sub is None and sup is not None:
            for x in sup:
                _leaves(x, out, depth + 1)
            return
        if name in FUNCTIONS and sub is None and (sup is None or _function_power(node)) or identity_size(node):
            return          # (0.4 \mathbf{I}_5: the identity of a size, a value with no digits of its own;
            #                  \tanh^2: a power of the function's value, an exact whole number)
        raise _NotNumeric
    if kind in ("add",):
        for _, x in node[1]:
            _leaves(x, out, depth + 1)
        return
    if kind == "mul":
        for x in node[1]:
            _leaves(x, out, depth + 1)
        if any(op not in PRODUCTS for op in node[2]):
            raise _NotNumeric
        return
    if kind == "paren":
        if node[1] not in ("(", "["):
            raise _NotNumeric
        _leaves(node[2], out, depth + 1)
        return
    if kind == "frac":
        _leaves(node[1], out, depth + 1)
        _leaves(node[2], out, depth + 1)
        return
    if kind == "sc":
        if node[2] is not None or node[4]:
            raise _NotNumeric
        _leaves(node[1], out, depth + 1)
        sup = node[3]
        if not _transpose(sup):
            for x in sup:
                _leaves(x, out, depth + 1)
        return
    if kind == "list":
        if node[1] != "[" or any(s not in (",", ";") for s in node[3]):
            raise _NotNumeric
        for x in node[2]:
            _leaves(x, out, depth + 1)
        return
    if kind == "matrix":
        for row in node[1]:
            for x in row:
                _leaves(x, out, depth + 1)
        return
    raise _NotNumeric


def _function_power(node) -> int | None:
    r"""The power of ``\tanh^2(x)``, ``\sigma^2``: a whole number 2 to 4 (``\tanh^{-1}`` is the inverse: not read)."""
    sup = node[4]
    if sup is not None and len(sup) == 1 and sup[0][0] == "num" and sup[0][1] in ("2", "3", "4"):
        return int(sup[0][1])
    return None


def _transpose(sup) -> bool:
    return sup is not None and len(sup) == 1 and sup[0][0] == "sym" and sup[0][1] in ("T", "top", "intercal", "tr") \
        and sup[0][3] is None and sup[0][4] is None


def numeric_side(node, env=None) -> bool:
    """Whether a side is written in numbers only (with at least one number); with ``env``, names the worked
    example gave values count as numbers."""
    if env is not None:
        with _values(env):
            return numeric_side(node)
    out: list = []
    try:
        _leaves(node, out)
    except _NotNumeric:
        return False
    return bool(out) and len(out) <= MAX_ENTRIES


def _col(v):
    return v if v.ndim == 2 else np.asarray(v, dtype=float).reshape(-1, 1)


def _product(a, b, op):
    """a op b: a scalar scales; element-wise for odot/circ and for two arrays of one shape; else matrix."""
    if op == "div":
        return a / b
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return a * b
    if op in ELEMENTWISE or np.shape(a) == np.shape(b):
        if np.shape(a) != np.shape(b):
            raise _NotNumeric
        return a * b
    if np.shape(a)[1] != np.shape(b)[0]:
        raise _NotNumeric
    return a @ b


def _value(node, vals):
    """The value of a numeric side, reading number leaves from the iterator ``vals``."""
    kind = node[0]
    if kind == "num":
        return next(vals)
    if kind == "sym" and _ENV and name_key(node) in _ENV:
        return _value(_ENV[name_key(node)], vals)
    if kind == "sym" and identity_size(node):      # I_5
        return np.eye(identity_size(node))
    if kind == "sym":           # e^{...}
        if len(node[4]) != 1:
            raise _NotNumeric
        return np.exp(_value(node[4][0], vals))
    if kind == "add":
        total = None
        for sign, x in node[1]:
            v = _value(x, vals)
            v = -v if sign == "-" else v
            total = v if total is None else total + v
        return total
    if kind == "mul":
        items, ops = node[1], node[2]
        acc, k = None, 0
        while k < len(items):
            x = items[k]
            if x[0] == "sym" and x[1] in FUNCTIONS:
                if k + 1 >= len(items) or ops[k + 1] is not None:
                    raise _NotNumeric
                v = FUNCTIONS[x[1]](_value(items[k + 1], vals))
                v = v ** (_function_power(x) or 1)          # \tanh^2(1.462118): the value squared
                op = ops[k]
                k += 2
            else:
                v = _value(x, vals)
                op = ops[k]
                k += 1
            acc = v if acc is None else _product(acc, v, op)
        return acc
    if kind == "paren":
        return _value(node[2], vals)
    if kind == "frac":
        return _value(node[1], vals) / _value(node[2], vals)
    if kind == "sc":
        base = _value(node[1], vals)
        if _transpose(node[3]):
            return np.transpose(_col(base)) if np.ndim(base) else base
        if len(node[3]) != 1:
            raise _NotNumeric
        power = _value(node[3][0], vals)
        if np.ndim(power) != 0:
            raise _NotNumeric
        if np.ndim(base) == 2 and base.shape[0] == base.shape[1] and float(power).is_integer() and \
                0 <= power <= 1000:
            return np.linalg.matrix_power(base, int(power))
        return np.power(base, power)
    if kind == "list":
        entries = [_value(x, vals) for x in node[2]]
        if any(np.ndim(v) != 0 for v in entries):
            raise _NotNumeric
        return np.asarray(entries, dtype=float).reshape(-1, 1)
    if kind == "matrix":
        rows = [[_value(x, vals) for x in row] for row in node[1]]
        if any(np.ndim(v) != 0 for row in rows for v in row) or len({len(r) for r in rows}) != 1:
            raise _NotNumeric
        return np.asarray(rows, dtype=float)
    raise _NotNumeric


def _is_result(node) -> bool:
    """A side that is only a number or a list of numbers (a result the example prints): ``0.2913``,
    ``[0.36, 0.75]``, ``-0.5817``."""
    if node[0] == "num":
        return True
    if node[0] == "add" and len(node[1]) == 1:
        return _is_result(node[1][0][1])
    if node[0] == "paren":
        return _is_result(node[2])
    if node[0] in ("list",):
        return all(_is_result(x) for x in node[2])
    if node[0] == "matrix":
        return all(_is_result(x) for row in node[1] for x in row)
    if node[0] == "sc" and _transpose(node[3]):
        return _is_result(node[1])
    if node[0] == "mul" and len(node[1]) == 2 and node[2][1] in ("times", "cdot") and node[1][0][0] == "num" \
            and node[1][1][0] == "sc" and node[1][1][1] == ("num", "10"):
        return True         # 2.66 \times 10^{-5}
    return False


def side_value(node):
    """(value, spread) of a numeric side: its value (a float or a 2-d array) and, at every entry, how far the
    rounding of its printed numbers may move it. Raises ValueError when the side cannot be evaluated."""
    leaves: list = []
    try:
        _leaves(node, leaves)
    except _NotNumeric:
        raise ValueError("not written in numbers only") from None
    result = _is_result(node)
    nominal = np.array([float(n[1]) for n in leaves])
    # (a number of three significant digits or three decimals is a rounded result, 0.017 for 0.0171; 0.5, 1.0 data)
    units = np.array([_unit(n[1]) if result or _significant(n[1]) >= 3 or len(n[1].partition(".")[2]) >= 3 else 0.0
                      for n in leaves])
    if result and node[0] == "mul":          # 2.66 \times 10^{-5}: the mantissa's unit, the power exact
        units[1:] = 0.0
    rng = np.random.default_rng(0)
    with np.errstate(all="ignore"):
        try:
            value = _value(node, iter(nominal))
            spread = np.zeros_like(np.asarray(value, dtype=float))
            if units.any():
                for _ in range(24):
                    moved = nominal + units * rng.choice((-1.0, 1.0), size=len(units))
                    spread = np.maximum(spread, np.abs(np.asarray(_value(node, iter(moved)), dtype=float) - value))
        except (_NotNumeric, StopIteration, ValueError, np.linalg.LinAlgError, OverflowError, TypeError):
            raise ValueError("its arithmetic cannot be evaluated") from None
    value = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(value)) or not np.all(np.isfinite(spread)):
        raise ValueError("a value that is not finite")
    return value, spread


def split_sides(text: str) -> list:
    """The sides of a row's text split at its top-level '=' (not inside braces, brackets or parentheses, not
    ``+=``, ``\\leq``): ``["h_1", "\\tanh(0.3)", "0.2913"]``."""
    out, start = [], 0
    for k, ch in outside_brackets(text):
        if ch == "=" and text[k - 1:k] not in ("+", "-", "<", ">", "!", "=") and text[k + 1:k + 2] != "=":
            out.append(text[start:k].strip())
            start = k + 1
    out.append(text[start:].strip())
    return out


def show_value(v) -> str:
    """A value as LaTeX for a message: ``0.291313``, ``[0.50052, -0.099668]``."""
    return _show(v)


def _number(x: float) -> str:
    text = f"{x:.6g}"
    if "e" in text:
        mantissa, _, power = text.partition("e")
        text = f"{mantissa} \\times 10^{{{int(power)}}}"
    return text


def _show(v) -> str:
    v = np.asarray(v, dtype=float)
    if v.ndim == 0 or v.size == 1:
        return _number(float(v.reshape(-1)[0]))
    if v.ndim == 2 and min(v.shape) > 1:
        return "\\begin{bmatrix} " + " \\\\ ".join(" & ".join(_number(x) for x in row) for row in v) + \
            " \\end{bmatrix}"
    return "[" + ", ".join(_number(x) for x in v.reshape(-1)) + "]"


class _values:
    """Within: the names of ``env`` read as the numbers the worked example gave them."""
    def __init__(self, env):
        self.env = env

    def __enter__(self):
        self.saved = dict(_ENV)
        _ENV.clear()
        _ENV.update(self.env)

    def __exit__(self, *exc):
        _ENV.clear()
        _ENV.update(self.saved)


def check_links(parts, relations, env=None):
    """The arithmetic links of a row: a list of (k, holds, value) for each link ``parts[k] = parts[k+1]`` whose
    two sides are written in numbers only and evaluate; ``value`` is what the left side comes to, as LaTeX.
    With ``env`` (name key -> numeric side), the names the worked example gave values read as those numbers."""
    if env:
        with _values(env):
            return check_links(parts, relations)
    out = []
    for k, rel in enumerate(relations):
        a, b = parts[k], parts[k + 1]
        if rel not in ("=", "~") or not numeric_side(a) or not numeric_side(b):
            continue
        try:
            va, sa = side_value(a)
            vb, sb = side_value(b)
        except ValueError:
            continue
        if va.size > 1 and vb.size > 1 and va.size == vb.size and va.shape != vb.shape and 1 in va.shape and \
                1 in vb.shape:
            vb, sb = vb.reshape(va.shape), sb.reshape(va.shape)     # [0.36, 0.75] for a column or a row
        if va.shape != vb.shape and va.size != 1 and vb.size != 1:
            out.append((k, False, _show(va)))
            continue
        gap = np.abs(va - vb)
        allowed = 0.99 * (sa + sb) + 1e-9 * np.maximum(1.0, np.maximum(np.abs(va), np.abs(vb)))
        holds = bool(np.all(gap <= allowed))
        out.append((k, holds, _show(va)))
    return out
