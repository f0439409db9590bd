r"""Rows that state a math identity in letters of their own: ``\sigma(z) = y = \frac{1}{1+e^{-z}}``,
``\sigma'(z) = y(1-y)``, ``a \circ (b + c) = (a \circ b) + (a \circ c)``, ``A(B + C) = AB + AC``.

Tutorials state helper identities between the forward and the backward pass in dummy letters. A row that
the cell cannot read (unreadable) and whose every name is a letter of its own (no quantity of the cell at its
step, no parameter, no gradient of the loss) and that applies only known functions (:data:`FUNCTIONS`) and
algebra is read as an identity over its free letters: it is checked at random values of them (scalars;
vectors where a component index or an element-wise product demands it; matrices for capital letters).
A lone letter between two links of a chain (``\sigma(z) = y = ...``) names the value of the link before it,
for the rest of the row and for the identity rows that follow it (until another row names it again or a row
that is not an identity comes between). A row mixing a quantity of the cell with letters it does not define
is not an identity (an undefined letter there is likely a misspelt quantity): it keeps its verdict.
"""
from __future__ import annotations

import numpy as np

from ...latex.notation import LEARNING_RATE_NAMES, LOSS_NAMES
from ..text.names import NotReadable, IllTyped, resolve
from ..text.latexparse import LatexError
from ..text.rowparse import GREEK, parse_row
from ..text.trees import walk
from .report import RowResult

__all__ = ["identity_rows", "identity_result", "FUNCTIONS"]

#: Function words an identity may apply: name -> (value, derivative); element-wise unless listed in VECTOR_FUNCTIONS.
FUNCTIONS = {
    "sigma": (lambda x: 1 / (1 + np.exp(-x)), lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
    "sigmoid": (lambda x: 1 / (1 + np.exp(-x)), lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
    "tanh": (np.tanh, lambda x: 1 / np.cosh(x) ** 2),
    "exp": (np.exp, np.exp),
    "log": (np.log, lambda x: 1 / x),
    "ln": (np.log, lambda x: 1 / x),
    "softmax": (lambda x: np.exp(x) / np.sum(np.exp(x)), None),
}
#: Functions of a whole vector: ``softmax(z_i)`` is component i of softmax(z).
VECTOR_FUNCTIONS = {"softmax"}
#: Names that are constants, not letters.
CONSTANTS = {"pi": np.pi}
_N = 3              # the size of a vector letter
_POINTS = 6         # random points per row
_TOL = 1e-9
_STEP = 1e-30       # complex step of a derivative


class _Skip(Exception):
    """Not an identity (or not read as one)."""


def _key(node) -> str:
    return (node[2] + ":" if node[2] else "") + node[1]


def _index_letter(node):
    """i of ``z_i`` (a component index), None without a subscript; _Skip for other subscripts."""
    sub = node[3]
    if not sub:
        return None
    if len(sub) == 1 and sub[0][0] == "sym" and len(sub[0][1]) == 1 and not sub[0][3] and not sub[0][4] \
            and not sub[0][2]:
        return sub[0][1]
    raise _Skip("a subscript that is not a component index")


def _is_function(node) -> bool:
    return node[0] == "sym" and node[1] in FUNCTIONS and not node[3]


class _Block:
    """The letters of a run of identity rows: shapes, the values at each random point, names bound by links."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.shapes = {}
        self.values = [dict() for _ in range(_POINTS)]
        self.bound = {}             # key -> (node, index letter or None)
        self.active = set()         # the bound letters being computed (a letter bound through itself: no value)

    def value(self, key, point):
        vals = self.values[point]
        if key not in vals:
            shape = self.shapes.get(key, ())
            vals[key] = self.rng.uniform(-1.5, 1.5, size=shape if shape else None) + 0j
        return vals[key]


class _Eval:
    def __init__(self, block, point, idx):
        self.block, self.point, self.idx = block, point, dict(idx)
        self.shift = None           # (key, component, step) of a derivative being taken

    def letter(self, node):
        key = _key(node)
        if key in CONSTANTS and not node[3]:
            return CONSTANTS[key] + 0j
        i = _index_letter(node)
        if key in self.block.bound:
            bnode, bi = self.block.bound[key]
            active = self.block.active
            if key in active:       # a letter named by a link that reads it (y = ... y ...): no value
                raise _Skip(f"the letter {key} is defined through itself")
            active.add(key)
            try:
                if bi is None:
                    v = _Eval(self.block, self.point, self.idx).ev(bnode)
                else:
                    v = np.array([_Eval(self.block, self.point, {**self.idx, bi: c}).ev(bnode) for c in range(_N)])
            finally:
                active.discard(key)
        else:
            v = self.block.value(key, self.point)
            if self.shift is not None and self.shift[0] == key:
                v = np.array(v, dtype=complex)
                if self.shift[1] is None:
                    v = v + self.shift[2]
                else:
                    v.flat[self.shift[1]] += self.shift[2]
        if i is not None:
            if i not in self.idx or np.ndim(v) != 1:
                raise _Skip(f"a component index {i} not read")
            v = v[self.idx[i]]
        return v

    def scripts(self, v, sup, primes):
        if primes:
            raise _Skip("a prime on a value")
        if not sup:
            return v
        if len(sup) == 1 and sup[0][0] == "sym" and sup[0][1] in ("T", "top", "intercal", "mathsf:T") and \
                not sup[0][3] and not sup[0][4]:
            return v.T if np.ndim(v) == 2 else v
        p = self.ev(sup[0]) if len(sup) == 1 else None
        if p is None or np.ndim(p) != 0:
            raise _Skip("a superscript that is not a power")
        if np.ndim(v) == 2:
            raise _Skip("a power of a matrix")
        return v ** p

    def ev(self, node):
        kind = node[0]
        if kind == "num":
            return complex(float(node[1]))
        if kind == "sym":
            if node[1] == "e" and node[4] and not node[3] and not node[2]:
                return np.exp(self.ev(node[4][0]) if len(node[4]) == 1 else self._skip("exponent"))
            if node[1] in FUNCTIONS:
                raise _Skip("a function without an argument")
            if _juxtaposed(node, self.block.letters):
                return self.product([("sym", ch, None, None, None, 0) for ch in node[1]], [None] * len(node[1]))
            return self.scripts(self.letter(node), node[4], node[5])
        if kind == "paren":
            return self.ev(node[2])
        if kind == "add":
            out = 0
            for s, x in node[1]:
                v = self.ev(x)
                out = out - v if s == "-" else out + v
            return out
        if kind == "frac":
            if node[1][0] == "pre" or node[2][0] == "pre":
                return self.derivative(node[1], node[2])
            return self.ev(node[1]) / self.ev(node[2])
        if kind == "sc":
            return self.scripts(self.ev(node[1]), node[3], node[4])
        if kind == "mul":
            return self.product(node[1], node[2])
        if kind == "big" and node[1] == "sum":
            return self.sum(node)
        if kind == "kron":
            a, b = node[1]
            if a not in self.idx or b not in self.idx:
                raise _Skip("a case condition on letters that are not component indices")
            return complex(self.idx[a] == self.idx[b])
        raise _Skip(f"{kind} not read in an identity")

    def _skip(self, what):
        raise _Skip(what)

    def sum(self, node):
        lower, body = node[2], node[4]
        if not lower or len(lower) != 1 or lower[0][0] != "eq" or lower[0][1][0] != "sym":
            raise _Skip("a sum without an index")
        j = lower[0][1][1]
        out = 0
        for c in range(_N):
            out = out + _Eval(self.block, self.point, {**self.idx, j: c}).ev(body) if self.shift is None else \
                out + self._sub(j, c).ev(body)
        return out

    def _sub(self, j, c):
        e = _Eval(self.block, self.point, {**self.idx, j: c})
        e.shift = self.shift
        return e

    def apply(self, fnode, arg):
        name, primes, sup = fnode[1], fnode[5], fnode[4]
        power = None
        if sup:
            if len(sup) == 1 and sup[0][0] == "num":
                power = float(sup[0][1])
            elif len(sup) == 1 and sup[0][0] == "sym" and sup[0][1] in ("prime", "'") or \
                    len(sup) == 1 and sup[0][0] == "sym" and sup[0][1] == "'" :
                primes += 1
            else:
                raise _Skip("a function's superscript not read")
        f, df = FUNCTIONS[name]
        if name in VECTOR_FUNCTIONS:
            if primes:
                raise _Skip("the derivative of a vector function")
            if arg[0] == "paren":
                arg = arg[2]
            if arg[0] == "sym" and arg[3]:
                i = _index_letter(arg)
                whole = ("sym", arg[1], arg[2], None, arg[4], arg[5])
                v = self.ev(whole)
                if np.ndim(v) != 1 or i not in self.idx:
                    raise _Skip("softmax of a component not read")
                out = f(v)[self.idx[i]]
            else:
                out = f(self.ev(arg))
        else:
            if primes > 1:
                raise _Skip("a second derivative")
            out = (df if primes else f)(self.ev(arg))
        return out ** power if power is not None else out

    def product(self, factors, ops):
        vals, sep = [], []
        k = 0
        while k < len(factors):
            x = factors[k]
            if _is_function(x):
                if k + 1 >= len(factors):
                    raise _Skip("a function without an argument")
                vals.append(self.apply(x, factors[k + 1]))
                sep.append(ops[k])
                k += 2
                continue
            if _juxtaposed(x, self.block.letters):       # AB: the product of the letters A and B
                for m, ch in enumerate(x[1]):
                    vals.append(self.letter(("sym", ch, None, None, None, 0)))
                    sep.append(ops[k] if m == 0 else None)
                k += 1
                continue
            vals.append(self.ev(x))
            sep.append(ops[k])
            k += 1
        out = vals[0]
        for v, op in zip(vals[1:], sep[1:]):
            out = _times(out, v, op)
        return out

    def derivative(self, num, den):
        if self.shift is not None:
            raise _Skip("a derivative inside a derivative")
        if num[0] != "pre" and not (num[0] == "mul" and num[1][0][0] == "pre"):
            raise _Skip("a fraction of differentials not read")
        if den[0] != "pre" or den[1] not in ("partial", "d") or den[3][0] != "sym":
            raise _Skip("a derivative by something that is not a letter")
        var = den[3]
        key = _key(var)
        if key in self.block.bound or key not in self.block.letters:
            raise _Skip("a derivative by a named value")
        i = _index_letter(var)
        comp = None
        if i is not None:
            if i not in self.idx:
                raise _Skip("a derivative by a component not read")
            comp = self.idx[i]
        if num[0] == "pre":
            if num[1] not in ("partial", "d"):
                raise _Skip("a derivative not read")
            expr = num[3]
        else:
            first = num[1][0]
            if first[1] not in ("partial", "d"):
                raise _Skip("a derivative not read")
            expr = ("mul", [first[3]] + list(num[1][1:]), list(num[2]))
        if np.ndim(self.block.value(key, self.point)) > (1 if comp is not None else 0):
            raise _Skip("a derivative by a matrix")
        e = _Eval(self.block, self.point, self.idx)
        e.shift = (key, comp, 1j * _STEP)
        v = e.ev(expr)
        if np.ndim(v) != 0:
            raise _Skip("the derivative of a vector")
        return complex(np.imag(v) / _STEP)


def _letter_name(key) -> bool:
    """One letter (Latin or Greek, with an accent): the letters an identity is written in."""
    base = key.split(":")[-1]
    return len(base) == 1 and base.isalpha() or base in GREEK


def _juxtaposed(node, letters) -> bool:
    """``AB`` in ``A(B + C) = AB + AC``: a word of the row's one-letter names written side by side."""
    return node[0] == "sym" and len(node[1]) > 1 and node[1].isalpha() and not any(node[2:5]) and \
        not node[5] and node[1] not in FUNCTIONS and node[1] not in CONSTANTS and all(ch in letters for ch in node[1])


def _times(a, b, op):
    if op == "div":                 # (x/2 = 0.5 x: a quotient, also by a number)
        return a / b
    if op in ("odot", "circ", "ast") or np.ndim(a) == 0 or np.ndim(b) == 0:
        if op in ("odot", "circ") and np.shape(a) != np.shape(b):
            raise _Skip("an element-wise product of different shapes")
        return a * b
    if np.ndim(a) == 2 and np.ndim(b) in (1, 2) and a.shape[1] == b.shape[0]:
        return a @ b
    if np.shape(a) == np.shape(b):
        return a * b
    raise _Skip("a product of shapes that do not fit")


# ------------------------------------------------------------------ which rows
def _letters_of(tree):
    """Every letter (key) the row names, and those used as vectors / matrices; _Skip when not an identity."""
    letters, vectors = set(), set()
    for n in walk(tree):
        if n[0] == "pre" and n[1] in ("delta", "Delta", "nabla"):
            raise _Skip("a gradient")
        if n[0] == "mul":
            for x, op in zip(n[1], n[2]):
                if op in ("odot", "circ") and x[0] == "sym":
                    vectors.add(_key(x))
            for x, op in zip(n[1][:-1], n[2][1:]):
                if op in ("odot", "circ") and x[0] == "sym":
                    vectors.add(_key(x))
        if n[0] != "sym":
            continue
        if n[1] in FUNCTIONS or n[1] in CONSTANTS or n[1] == "e" and n[4]:
            continue
        if n[1] in ("delta", "Delta", "nabla", "partial") or n[1] in LOSS_NAMES and not n[3]:
            raise _Skip("a gradient or the loss")
        key = _key(n)
        if n[3]:
            vectors.add(key)
        letters.add(key)
    return letters, vectors


def _sum_indices(tree):
    out = set()
    for n in walk(tree):
        if n[0] == "big" and n[2] and n[2][0][0] == "eq" and n[2][0][1][0] == "sym":
            out.add(n[2][0][1][1])
            for u in n[3] or []:
                if u[0] == "sym":
                    out.add(u[1])           # \sum_{j=1}^m: m the number of components
    return out


def _cell_names(tree, vocab, letters):
    """The names of the row that are quantities of the cell (at a step, or parameters)."""
    out = []
    for n in walk(tree):
        if n[0] != "sym" or _key(n) not in letters:
            continue
        try:
            ref = resolve(n, vocab)
        except (NotReadable, IllTyped, ValueError):
            continue
        key = getattr(ref, "key", "")
        if key in vocab.params or key in vocab.static or key in vocab.composites or \
                (vocab.known(key) or key in vocab.names) and ref.time is not None:
            out.append(key)
    return out


def _index_letters(tree):
    out = set()
    for n in walk(tree):
        if n[0] == "sym" and n[3]:
            try:
                i = _index_letter(n)
            except _Skip:
                continue
            if i is not None:
                out.add(i)
        if n[0] == "kron":
            out |= set(n[1])
    return out


def _lone(node):
    return node[0] == "sym" and node[1] not in FUNCTIONS and not node[4] and not node[5] and \
        not (node[1] == "e")


def _d_operator(node):
    r"""``\frac{d}{dz} \sigma(z)`` (the operator d/dz before what it differentiates) as ``\frac{d \sigma(z)}{dz}``."""
    if node[0] != "mul" or len(node[1]) < 2:
        return node
    f = node[1][0]
    if not (f[0] == "frac" and f[1][:2] == ("sym", "d") and f[1][2:] == (None, None, None, 0) and
            f[2][0] == "sym" and len(f[2][1]) == 2 and f[2][1][0] == "d" and f[2][1][1].isalpha() and
            f[2][2:] == (None, None, None, 0)):
        return node
    rest, ops = list(node[1][1:]), [None] + list(node[2][2:])
    num = ("mul", [("pre", "d", None, rest[0])] + rest[1:], ops)
    return ("frac", num, ("pre", "d", None, ("sym", f[2][1][1], None, None, None, 0)))


def _check_row(tree, block, vocab):
    """(holds, why, letters) of one identity row; _Skip when it is not one."""
    if tree is None or tree[0] != "row" or len(tree[1]) < 2 or any(r != "=" for r in tree[2]):
        raise _Skip("not an equation")
    tree = ("row", [_d_operator(p) for p in tree[1]]) + tuple(tree[2:])
    letters, vectors = _letters_of(tree)
    sums = _sum_indices(tree)
    index = _index_letters(tree)
    letters -= sums | index
    letters -= {x for x in letters if len(x) > 1 and _juxtaposed(("sym", x, None, None, None, 0), letters)}
    if not letters:
        raise _Skip("no letters")
    if any(not _letter_name(x) for x in letters):
        raise _Skip("a name of more than one letter (a quantity's or code's name)")
    if vocab.time_var and vocab.time_var in index:
        raise _Skip("a name at a step")
    if _cell_names(tree, vocab, letters):
        raise _Skip("a quantity of the cell")
    if any(x in LEARNING_RATE_NAMES for x in letters):
        raise _Skip("a learning rate")
    parts = tree[1]
    binds = {}
    for j, p in enumerate(parts):
        if _lone(p) and 0 < j < len(parts) - 1:
            binds[j] = p
        elif _lone(p) and j == 0 and _key(p) not in block.bound:
            if len(parts) == 2:
                raise _Skip("it names a value (a definition, not an identity)")
            binds[j] = p
    for key in letters:
        shape = (_N, _N) if key[-1:].isupper() and len(key) == 1 else (_N,) if key in vectors else ()
        if key not in block.bound and block.shapes.get(key) != shape:
            block.shapes[key] = shape       # z a scalar in one row, a vector z_i in the next: a new letter
            for vals in block.values:
                vals.pop(key, None)
    block.letters = set(block.letters) | letters
    checks = []
    for j in range(len(parts) - 1):
        if (j + 1 in binds and j + 1 > 0) or (j == 0 and 0 in binds):
            continue        # the link that names a value (the next links are checked with it)
        checks.append((parts[j], parts[j + 1]))
    # the names a link binds, in order: the value of the link before (or after, for the first part)
    new = {}
    for j, p in binds.items():
        src = parts[j - 1] if j > 0 else parts[1]
        key = _key(p)
        i = _index_letter(p)
        new[key] = (src, i)
    free_idx = sorted(index - sums)
    if not checks:
        raise _Skip("nothing to check (it only names values)")
    old = dict(block.bound)
    block.bound.update(new)
    for key in new:
        block.letters.discard(key)
    worst = 0.0
    try:
        for point in range(_POINTS):
            for combo in _combos(free_idx):
                for a, b in checks:
                    va = _Eval(block, point, combo).ev(a)
                    vb = _Eval(block, point, combo).ev(b)
                    if np.shape(va) != np.shape(vb) and np.ndim(va) and np.ndim(vb):
                        raise _Skip("its sides have different shapes")
                    va, vb = np.real(va), np.real(vb)
                    if not (np.all(np.isfinite(va)) and np.all(np.isfinite(vb))):
                        raise _Skip("a value that is not finite")
                    err = float(np.max(np.abs(va - vb)) / max(1.0, float(np.max(np.abs(vb))), float(np.max(np.abs(va)))))
                    worst = max(worst, err)
    except (_Skip, ValueError, ArithmeticError, IndexError, TypeError, KeyError):
        block.bound = old
        raise
    free = sorted(x for x in letters if x not in new and x not in block.bound)
    names = ", ".join(x.split(":")[-1] for x in free) or "its letters"
    return worst < _TOL, worst, names, free


def _named_by(tree) -> set:
    """The letters a row names: a lone letter on its left or between two links."""
    if tree is None or tree[0] != "row":
        return set()
    parts = tree[1]
    return {_key(p) for j, p in enumerate(parts[:-1]) if p[0] == "sym" and _lone(p) and not p[3]}


def _combos(letters):
    if not letters:
        yield {}
        return
    first, rest = letters[0], letters[1:]
    for c in range(_N):
        for r in _combos(rest):
            yield {first: c, **r}


def _as_written(eq, tree):
    """The row as written (the cell's rewrites of names, C(..) a cost, do not apply to dummy letters)."""
    try:
        return parse_row(eq.text)
    except (LatexError, ValueError, RecursionError):
        return tree


def _bare_name_of_step(why) -> bool:
    r"""A failure only because a letter the rows write at a step stands bare (``\tanh(a) = \frac{e^{2a}-1}{e^{2a}+1}``
    where the cell has a_t): in a row of that letter and functions alone, the letter is the identity's own."""
    return "a time index is missing" in (why or "")


def identity_rows(out, starts, rows, vocab, lo, hi, seed=0, equations=None):
    """Read the unreadable rows of ``lo..hi`` that are identities in letters of their own (in place); also a row
    that fails only for a bare letter the cell writes at a step (:func:`_bare_name_of_step`)."""
    if equations is not None:
        rows = list(rows)
        for k in range(lo, hi):
            if rows[k] is not None:
                rows[k] = _as_written(equations[k], rows[k])
    block = None
    index = {}

    def naming():               # {letter: the rows naming it}, read once (the rows are many in a long code fence)
        if not index:
            index[None] = ()
            for j in range(lo, hi):
                if starts.get(j) is not None and starts[j] < len(out):
                    for x in _named_by(rows[j]):
                        index.setdefault(x, []).append(j)
        return index
    for k in range(lo, hi):
        i = starts.get(k)
        if i is None or i >= len(out) or rows[k] is None or not (
                out[i].status == "unreadable" or out[i].status == "fail" and _bare_name_of_step(out[i].why)):
            block = None
            continue
        if block is None:
            block = _Block(seed + k)
            block.letters = set()
        try:
            holds, worst, names, free = _check_row(rows[k], block, vocab)
        except _Skip:
            block = None
            continue
        r = out[i]
        named = [x for x in free if any(j != k and out[starts[j]].status == "unreadable"
                                        for j in naming().get(x, ()))] if not holds else []
        if not holds and named:     # y(1+y) where y = \sigma(z) is named by a row not read: not judged
            out[i] = RowResult(r.line, r.column, r.text, "unreadable", None,
                               why=f"read as an identity in {names}, it does not hold; but "
                                   f"{named[0].split(':')[-1]} is named by another row (its value there not read)")
        else:
            out[i] = _verdict(r, rows[k], holds, worst, names, vocab, seed + k)


#: f'(y) written through the output y = f(a): sigma'(a) = y (1 - y), tanh'(a) = 1 - y^2 (outputprimes.py reads
#: sigma'(o_t) at a gate's output so).
_OUTPUT_FORMS = {"sigma": "sig", "sigmoid": "sig", "tanh": "tanh"}


def _through_output(tree, vocab, seed) -> bool:
    r"""``f'(z) = EXPR`` (f sigma or tanh, z one letter) where EXPR is z(1 - z) (sigma) or 1 - z^2 (tanh) at random z."""
    if tree is None or len(tree[1]) != 2 or list(tree[2]) != ["="]:
        return False
    lhs = tree[1][0]
    if lhs[0] != "mul" or len(lhs[1]) != 2 or lhs[1][0][0] != "sym" or lhs[1][0][5] != 1 or \
            lhs[1][0][1] not in _OUTPUT_FORMS or lhs[1][1][0] != "paren":
        return False
    arg = lhs[1][1][2]
    if arg[0] != "sym" or arg[2] is not None or arg[3] is not None or arg[4] is not None or arg[5]:
        return False
    one_minus = ("add", [("+", ("num", "1")), ("-", arg)])
    if _OUTPUT_FORMS[lhs[1][0][1]] == "sig":
        form = ("mul", [arg, ("paren", "(", one_minus)], [None, None])
    else:
        form = ("add", [("+", ("num", "1")), ("-", ("sym", arg[1], None, None, [("num", "2")], 0))])
    block = _Block(seed)
    block.letters = set()
    try:
        holds, _, _, _ = _check_row(("row", [form, tree[1][1]], ["="]), block, vocab)
    except (_Skip, ValueError, ArithmeticError, TypeError, KeyError, IndexError, AttributeError):
        return False
    return bool(holds)


def identity_result(tree, eq, vocab, seed=0):
    """The result of one row read as an identity in letters of its own (``\\tanh'(z) = 1 - \\tanh^2(z)`` stated
    in a sentence), or None when it is not one."""
    block = _Block(seed)
    block.letters = set()
    try:
        holds, worst, names, _ = _check_row(tree, block, vocab)
    except _Skip:
        return None
    return _verdict(eq, tree, holds, worst, names, vocab, seed)


def _verdict(row, tree, holds, worst, names, vocab, seed) -> RowResult:
    """The result of ``row`` (its line, column and text) read as an identity in ``names``."""
    if holds:
        return RowResult(row.line, row.column, row.text, "pass", True, "identity",
                         notes=[f"holds as an identity in {names} (random values)"])
    if _through_output(tree, vocab, seed):
        # \sigma'(z) = z(1 - z), \tanh'(a) = 1 - a^2: the derivative written through the unit's output (the
        # convention of code, o * (1 - o) for sigma' at o's pre-activation), not an identity in z: it holds as
        # that convention (checked at random z: z(1 + z), 1 - z fail), the one the reader reads sigma'(o_t) by
        return RowResult(row.line, row.column, row.text, "pass", True, "identity",
                         why=f"{names}: the derivative written as a function of the unit's output (the convention "
                             "the reader also reads sigma'(o_t) by: f'(a) for z = f(a)); it holds so",
                         notes=[f"holds as f' written through the output {names} (random values)"])
    return RowResult(row.line, row.column, row.text, "fail", False, "identity",
                     why=f"read as an identity in {names} (letters of its own, defined by no forward row): "
                         f"the sides differ at random values (relative error {worst:.3g})")
