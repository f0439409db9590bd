r"""Statements of shape: ``W_{xi} \in \mathbb{R}^{F \times U}``, ``b_i \in R^{U}``, ``X_t \in \mathbb{R}^{B \times F}``.

A derivation that states the shapes of its weights fixes their orientation: ``W_{xi} \in \mathbb{R}^{F \times U}``
acts from the right on a row input (``X_t W_{xi}``) or transposed on a column (``W_{xi}^T X_t``), and
``W_{xc} X_t`` with that W is ill-typed. The letters are the author's; which letter is which size (inputs,
units, batch) is inferred from the statements themselves:

* statements of quantities the forward rows define (``h_t \in \mathbb{R}^{B \times U}``) and of inputs
  (``X_t \in \mathbb{R}^{B \times F}``): a letter in the statements of both is the batch (size 1), the other
  letter of a defined quantity the units, that of an input the input size; a one-letter statement of a
  defined quantity or input is its size;
* a square weight (``W_{hi} \in \mathbb{R}^{U \times U}``) maps the state to itself: its letter is the units;
* a weight with one letter known and one not: the other is the other size (input vs. units).

A statement whose letters cannot all be given a size, a name stated twice with different shapes, or a
statement with numbers other than 1, is not used: without statements the weights take the shape of their
first use (the reader's default).
"""
from __future__ import annotations

import re

from .depth import outside_brackets
from .latexparse import LatexError
from .names import NotReadable, resolve

__all__ = ["read_statements", "reshaped_scalars", "stated_shapes", "stated_layout"]

_SET = r"(?:\\mathbb\s*\{\s*R\s*\}|\\mathbb\s+R|\\mathbf\s*\{\s*R\s*\}|\\Bbb\s*\{?\s*R\s*\}?|\\R(?![A-Za-z])|R)"
_STATEMENT = re.compile(r"^\s*(?P<name>.+?)\s*\\in\s*" + _SET + r"\s*\^\s*(?P<dims>\{(?P<braced>[^{}]*)\}|[A-Za-z0-9])"
                        r"\s*[,.;]?\s*$")
_TIMES = re.compile(r"\\times(?![A-Za-z])|×")
_TERM = re.compile(r"^(?:[A-Za-z]|\d+|\\[A-Za-z]+|[A-Za-z]_\{?[A-Za-z0-9]+\}?|\|[A-Za-z]\|)$")    # |V|: a set's size


def _pieces(text: str) -> list:
    r"""The statements one formula holds: ``W_{in} \in \mathbb{R}^{d \times n}, W_{rec} \in \mathbb{R}^{d \times d}``
    holds two (split at a comma or semicolon outside braces, where every piece states a shape); else the text."""
    out, start = [], 0
    for k, ch in outside_brackets(text, "{", "}"):
        if ch in ",;":
            out.append(text[start:k])
            start = k + 1
    out.append(text[start:])
    return out if len(out) > 1 and all(re.search(r"\\in(?![A-Za-z])", p) for p in out) else [text]


#: A code row that makes a value a 1 x 1 array (``x_{t} = X_{t}.reshape(1,1)``: a scalar input of a lecture's
#: sine-wave RNN, its input weights n x 1).
_RESHAPED_SCALAR = re.compile(r"^\s*(?P<name>[A-Za-z]\w*(?:_\{[\w,]+\})?)\s*=\s*[A-Za-z][\w{},\\]*(?:_\{[\w,+-]+\})?"
                              r"\.reshape\(\s*\(?\s*1\s*,\s*1\s*\)?\s*\)\s*$")


def reshaped_scalars(texts) -> list:
    r"""Statements of shape (``x_{t} \in \mathbb{R}^{1 \times 1}``) for the code rows that reshape a value to
    1 x 1 (:data:`_RESHAPED_SCALAR`): the value is a scalar, whatever size the reader would give it."""
    return [f"{m['name']} \\in \\mathbb{{R}}^{{1 \\times 1}}" for t in texts if (m := _RESHAPED_SCALAR.match(t or ""))]


def read_statements(texts):
    """[(name node, dims)] of the statements of shape among the texts; dims: one list of (sign, term) per axis."""
    from .rowparse import parse_row
    out = []
    for text in (p for t in texts for p in _pieces(t or "")):
        m = _STATEMENT.match(text or "")
        if not m:
            continue
        body = m.group("braced") if m.group("braced") is not None else m.group("dims")
        body = re.sub(r"\\(?:left|right|big|Big)\s*\|", "|", body)       # \left|V\right|: |V|
        dims = []
        for axis in _TIMES.split(body):
            terms = []
            for sign, term in re.findall(r"([+-]?)\s*([^+\-]+)", axis.strip()):
                term = re.sub(r"\s+", "", term).strip("(){}")
                if not _TERM.match(term):
                    terms = None
                    break
                terms.append((sign or "+", term))
            if not terms:
                dims = None
                break
            dims.append(terms)
        if not dims or len(dims) > 2:
            continue
        try:
            tree = parse_row(m.group("name"))
        except LatexError:
            continue
        if len(tree[1]) != 1 or tree[1][0][0] != "sym":
            continue
        out.append((tree[1][0], dims))
    return out


def stated_shapes(statements, model, vocab, inputs=False) -> dict:
    """key -> shape of the parameters the statements fix (see the module's doc); {} when none can be used.
    ``inputs``: of the inputs instead (x_t, y_t: vectors whose letters the statements tie to a size)."""
    if not statements:
        return {}
    resolved = []
    for node, dims in statements:
        try:
            r = resolve(node, vocab)
        except NotReadable:
            continue
        if r.transpose or r.power is not None or r.word or r.primes:
            continue
        resolved.append((r.key, dims))
    letters = {}
    defined = set(vocab.quantities)

    def kind(key):
        if key in defined:
            return "h"
        if key in vocab.inputs:
            return "i"
        return None

    def single(terms):
        return terms[0][1] if len(terms) == 1 and terms[0][0] == "+" and not terms[0][1].isdigit() else None

    vectors = [(kind(key), [single(d) for d in dims]) for key, dims in resolved if kind(key)]
    two = [(k, ls) for k, ls in vectors if len(ls) == 2 and None not in ls]
    if two and {k for k, _ in two} == {"h", "i"}:
        common = set(two[0][1]).intersection(*(set(ls) for _, ls in two))
        if len(common) == 1:
            batch = common.pop()
            letters[batch] = 1
            for k, ls in two:
                other = [x for x in ls if x != batch]
                if len(other) == 1:
                    _tie(letters, other[0], k)
    for k, ls in vectors:
        if len(ls) == 1 and ls[0] is not None:
            _tie(letters, ls[0], k)
    for (key, dims), (k, ls) in zip([(key, dims) for key, dims in resolved if kind(key)], vectors):
        if k == "i" and len(ls) == 2 and [t for d in dims for s_, t in d] .count("1") == 1 and \
                sum(x is not None for x in ls) == 1:
            _tie(letters, next(x for x in ls if x is not None), k)      # x^{(t)} \in R^{1 x |V|}: the input size
    weights = [(key, [single(d) for d in dims]) for key, dims in resolved if kind(key) is None]
    for key, ls in weights:
        if len(ls) == 2 and ls[0] is not None and ls[0] == ls[1]:
            _tie(letters, ls[0], "h")          # a square weight: the state to itself (before the guesses below)
    for _ in range(2):
        for key, ls in weights:
            if len(ls) == 2 and ls[0] is not None and ls[0] == ls[1]:
                pass
            elif len(ls) == 2 and None not in ls:
                a, b = ls
                if a in letters and b not in letters and letters[a] in ("h", "i"):
                    _guess(letters, b, "i" if letters[a] == "h" else "h")
                elif b in letters and a not in letters and letters[b] in ("h", "i"):
                    _guess(letters, a, "i" if letters[b] == "h" else "h")
    if any(v == "conflict" for v in letters.values()):
        return {}
    sizes = {"h": model.h, "i": model.i}

    def size(terms):
        total = 0
        for sign, t in terms:
            if t.isdigit():
                if t != "1":
                    return None
                n = 1
            elif t in letters:
                n = letters[t] if letters[t] == 1 else sizes[letters[t]]
            else:
                return None
            total += n if sign == "+" else -n
        return total if total > 0 else None

    out, bad = {}, set()
    for key, dims in resolved:
        if inputs and kind(key) == "i" and not vocab.quantities & {key}:
            pass                # y_t \in R^{K x 1} with K the softmax's width (V \in R^{K x H}): a target's size
        elif inputs or kind(key) is not None or key not in vocab.params and vocab.known(key):
            continue
        ns = [size(d) for d in dims]
        if None in ns:
            continue
        shape = (ns[0], ns[1]) if len(ns) == 2 else model.vector(ns[0])
        if key in out and out[key] != shape:
            bad.add(key)
        out[key] = shape
    return {k: v for k, v in out.items() if k not in bad}


def _guess(letters, letter, what):
    r"""Tie ``letter`` to ``what`` as the other size of a weight, unless another letter already names that size:
    ``W_{hy} \in \mathbb{R}^{d_y \times d_h}`` beside ``x_t \in \mathbb{R}^{d_x}`` maps the state to an output
    of a size of its own (d_y), not to the input's."""
    if any(v == what for k, v in letters.items() if k != letter):
        return
    _tie(letters, letter, what)


def _tie(letters, letter, what):
    if letters.get(letter, what) != what:
        letters[letter] = "conflict"
    else:
        letters[letter] = what


def stated_layout(statements):
    r"""'row' when the statements of vectors write them as rows (``x^{(t)} \in \mathbb{R}^{1 \times |V|}``)
    and none as columns, 'column' for the converse, None otherwise."""
    rows = cols = 0
    for _, dims in statements:
        if len(dims) != 2:
            continue
        one = [len(d) == 1 and d[0][1] == "1" for d in dims]
        if one == [True, False]:
            rows += 1
        elif one == [False, True]:
            cols += 1
    return "row" if rows and not cols else "column" if cols and not rows else None


#: Names of a code call's keyword arguments written as ``name = value`` beside a formula (``axis=0``).
CODE_KEYWORDS = frozenset({"axis", "axes", "keepdims", "dim", "dims", "dtype", "ord"})


def _shape_tuple(node) -> bool:
    """``(m, 4)``, ``{(4, 3)}^T``, ``(d^l, 1)``: a pair of sizes in brackets (transposed or not)."""
    if node[0] == "sc" and node[3] and len(node[3]) == 1 and node[3][0][:2] == ("sym", "T") and node[2] is None:
        node = node[1]
    while node[0] == "paren" and node[1] == "{":
        node = node[2]
    return node[0] == "list" and node[1] == "(" and len(node[2]) == 2 and \
        all(x[0] in ("num", "sym") for x in node[2])


def _sizes_only(node) -> bool:
    if _shape_tuple(node):
        return True
    if node[0] == "mul":
        return all(_sizes_only(x) for x in node[1])
    if node[0] == "add":
        return all(_sizes_only(x) for _, x in node[1])
    return False


def not_an_equation(tree) -> str | None:
    """Why a parsed row is bookkeeping rather than an equation, or None: a dimension check written with
    (rows, columns) pairs on every side (``(m, 4) = (m, 3) {(4, 3)}^T + {(4, 1)}^T``), or a code call's
    keyword argument (``axis=0``)."""
    parts = tree[1]
    if len(parts) >= 2 and all(_sizes_only(p) for p in parts):
        return "a dimension check: shapes written as (rows, columns) on every side, not an equation of values"
    if len(parts) == 2 and parts[0][0] == "sym" and parts[0][1] in CODE_KEYWORDS and parts[0][3] is None and \
            parts[0][4] is None and parts[1][0] in ("num", "sym"):
        return f"{parts[0][1]} = ...: a keyword argument of a code call beside the formula, not an equation"
    return None
