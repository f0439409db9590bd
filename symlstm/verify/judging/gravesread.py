r"""Graves' component notation (Graves 2012, ch. 3.2 / 4.6) read as named layers: the parsed rows are rewritten
into the names the rest of the reader knows.

Every unit is written with an index letter that names its layer (the table ``GRAVES_LAYER_LETTERS``: i input,
h hidden, k output, c cells, \iota \phi \omega the gates; a primed or numbered letter, h', h_1, is another unit of
the same layer), ``w_{ij}`` is the weight from unit i to unit j, ``a_j^t`` the input of unit j, ``b_j^t`` its
activation, ``s_c^t`` the cell state, ``x_i^t`` the input, ``y_k^t`` the output.

* Forward rows (a unit quantity of a table letter on the left, no derivative) become vector rows:
  ``a_h^t = \sum_i w_{ih} x_i^t + \sum_{h'} w_{h'h} b_{h'}^{t-1}`` is ``a_h^t = W_{hx} x^t + W_{hh} b_h^{t-1}``
  (one matrix per pair of layers, row = the receiving unit); products of units are element-wise
  (``b_\phi^t s_c^{t-1}``: the forget unit of cell c, gates having one unit per cell).
* Every other row is read component by component (bracketed components, :mod:`~..cell.layers`): ``a_h^t`` is
  ``a_{h[p]}^t``, ``w_{hk}`` is ``W_{yh[q,p]}``, a sum over a unit letter a sum over that layer's units, a free
  letter is checked at every unit. A letter of no layer (j) takes the one layer its uses allow (``w_{jk}``:
  a unit that feeds the output), else the row is unreadable. A unit of another layer of the row's own size
  left free (``b_\iota^t`` in the row of ``\delta_c^t``) is the unit of the row's own cell.
* Gradient names are the file's own definitions (``\delta_j^t = \frac{\partial L}{\partial a_j^t}``,
  ``\epsilon_c^t = \partial L / \partial b_c^t``); with none stated, Graves' ``\delta`` (table
  ``GRAVES_GRADIENTS``). ``\theta`` applied to a bracket is the activation function (an open smooth function).
* In an LSTM whose forward rows define cells and no hidden unit, h ranges over the cell outputs (Graves:
  "h ... the cell outputs of the hidden layer"; table ``GRAVES_LAYER_STANDS``).

Nothing is evaluated here; a row that cannot be read so is unreadable with the reason.
"""
from __future__ import annotations

import re

from ...latex.notation import (GRAVES_FUNCTIONS, GRAVES_GRADIENTS, GRAVES_LAYER_CODES, GRAVES_LAYER_LETTERS,
                               GRAVES_LAYER_SIZES, GRAVES_LAYER_STANDS, GRAVES_PLAIN_NAMES)
from ..text.latexparse import LatexError
from ..text.rowparse import GREEK, parse_expression, parse_row
from ..text.trees import walk
from ..text.gravesdepth import DepthError, abbreviation, unroll_depth
from .gravesweights import graves_weights, naming_only

__all__ = ["graves_rewrite", "NotGraves"]

#: Letters given to the components in the rewritten rows, in order (not k: the true class; not s: the state).
_POOL = ("p", "q", "r", "n", "j", "i", "m", "u", "v")
_OPEN_FUNCTIONS = ("psi", "varphi", "f", "g")


class NotGraves(Exception):
    """The row cannot be read in Graves' notation (the reason)."""


def _sym(name, sub=None, sup=None, primes=0):
    return ("sym", name, None, sub, sup, primes)


# ============================================================================ index letters
def _tokens(items):
    r"""The unit letters of a subscript: w_{h'h} -> [("h", "'"), ("h", "")], w_{j h_1} -> [("j", ""), ("h", "_1")],
    w_{c\iota} -> [("c", ""), ("iota", "")]; None when the subscript is not unit letters."""
    out = []
    for it in items or []:
        if it[0] == "mul" and all(op is None for op in it[2]):
            r = _tokens(it[1])
        elif it[0] == "paren" and it[1] == "{":
            r = _tokens([it[2]])
        elif it[0] == "sym" and it[2] is None and it[4] is None:
            name = it[1]
            if name in GREEK or len(name) == 1:
                letters = [name]
            elif name.isalpha() and name.islower():
                letters = list(name)
            else:
                return None
            if not all(x in GREEK or x.islower() for x in letters):
                return None
            tag = ""
            if it[3] is not None:
                s = it[3]
                if len(s) != 1:
                    return None
                if s[0][0] == "num" and s[0][1].isdigit():
                    tag = "_" + s[0][1]
                else:
                    return None
            r = [(x, "") for x in letters]
            r[-1] = (letters[-1], "'" * it[5] + tag)
        else:
            return None
        if r is None:
            return None
        out += r
    return out


# ============================================================================ the file's notation
class _Notation:
    def __init__(self):
        self.quantities = set()         # (base, layer) defined by forward rows
        self.pairs = set()              # (source layer, target layer) of the forward rows' weights
        self.stands = {}                # layer -> the layer it stands for (hidden -> cell)
        self.gradients = {}             # gradient name -> (quantity base, loss latex)
        self.function = None            # what \theta is renamed to

    def layer(self, letter):
        lay = GRAVES_LAYER_LETTERS.get(letter)
        return self.stands.get(lay, lay)


def _unit(node):
    """(base, token, sup) of a unit quantity a_h^t, \\delta_{h_1}^{T}, x_i^t; else None."""
    if node[0] != "sym" or node[2] is not None or node[3] is None or node[1] in ("w", "W") or node[5]:
        return None
    toks = _tokens(node[3])
    if toks is None or len(toks) != 1:
        return None
    return node[1], toks[0], node[4]


def _weight(node):
    if node[0] != "sym" or node[1] != "w" or node[2] is not None or node[3] is None or node[4] is not None or node[5]:
        return None
    toks = _tokens(node[3])
    return toks if toks is not None and len(toks) == 2 else None


def _has_partial(tree):
    return any(n[0] in ("pre", "frac") or n[0] == "sym" and n[1] in ("partial", "nabla") for n in walk(tree))


_NAMING = re.compile(r"(?<![A-Za-z\\])\\?([A-Za-z]+)\s*(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z]+)\s*|\^\s*(?:\{[^{}]*\}|\S)\s*){1,2}=\s*"
                     r"\\frac\s*\{\s*\\partial\s*((?:[^{}]|\{[^{}]*\})*?)\s*\}\s*\{\s*\\partial\s*\\?([A-Za-z]+)"
                     r"(?![A-Za-z])")


def _gradients(texts):
    out = {}
    for text in texts:
        for m in _NAMING.finditer(text):
            name, loss, base = m.group(1), m.group(2).strip(), m.group(3)
            if name in ("frac", "partial") or base in ("w", "W"):
                continue
            if name in out and out[name][0] != base:
                out[name] = (None, loss)            # two definitions: not read
            else:
                out.setdefault(name, (base, loss))
    return out


def _forward(tree, gradients):
    """(base, token) of a forward row's left side, or None."""
    if tree is None or tree[0] != "row" or len(tree[1]) != 2 or tree[2] != ["="] or _has_partial(tree):
        return None
    u = _unit(tree[1][0])
    if u is None or u[0] in gradients or u[1][0] not in GRAVES_LAYER_LETTERS:
        return None
    if any(n[0] == "sym" and n[1] in gradients for n in walk(tree[1][1])):
        return None
    return u[0], u[1]


def _notation(rows, texts):
    """The file's Graves notation, or None when its forward rows do not write it."""
    nt = _Notation()
    nt.gradients = _gradients(texts) or {k: (v, r"\mathcal{L}") for k, v in GRAVES_GRADIENTS.items()}
    fwd = {k: _forward(t, nt.gradients) for k, t in enumerate(rows)}
    fwd = {k: v for k, v in fwd.items() if v is not None}
    if not fwd or not graves_weights([texts[k] for k in fwd]):
        return None, {}
    layers = {GRAVES_LAYER_LETTERS[tok[0]] for _, tok in fwd.values()}
    sources = set()
    for k in fwd:
        for n in walk(rows[k]):
            w = _weight(n)
            if w is not None:
                sources.add(GRAVES_LAYER_LETTERS.get(w[0][0]))
    for lay, other in GRAVES_LAYER_STANDS.items():
        if lay not in layers and other in layers and other not in sources:
            nt.stands[lay] = other
    for k, (base, tok) in fwd.items():
        nt.quantities.add((base, nt.layer(tok[0])))
        for n in walk(rows[k]):
            w = _weight(n)
            if w is not None and all(x[0] in GRAVES_LAYER_LETTERS for x in w):
                nt.pairs.add((nt.layer(w[0][0]), nt.layer(w[1][0])))
            u = _unit(n)
            if u is not None and u[1][0] in GRAVES_LAYER_LETTERS and u[0] in GRAVES_PLAIN_NAMES:
                nt.quantities.add((u[0], nt.layer(u[1][0])))
    used = {n[1] for t in rows if t is not None for n in walk(t) if n[0] == "sym"}
    nt.function = next((f for f in _OPEN_FUNCTIONS if f not in used), None)
    return nt, fwd


# ============================================================================ rewriting
def _name(base, layer, sup, index=None):
    """a_h^t as a vector (index None) or the component [index]; x and y are written without a label."""
    plain = GRAVES_PLAIN_NAMES.get(base) == layer
    if sup is not None and len(sup) == 1 and sup[0][0] != "paren":
        sup = [("paren", "(", sup[0])]          # a^{T}: the step T, never a transpose
    if index is None:
        sub = None if plain else [_sym(GRAVES_LAYER_CODES[layer])]
    elif plain:
        sub = [("paren", "[", _sym(index))]
    else:
        sub = [("mul", [_sym(GRAVES_LAYER_CODES[layer]), ("paren", "[", _sym(index))], [None, None])]
    return _sym(base, sub, sup)


def _matrix(src, tgt, index=None):
    a, b = GRAVES_LAYER_CODES[tgt], GRAVES_LAYER_CODES[src]
    label = _sym(a + b) if len(a) == len(b) == 1 else ("mul", [_sym(a), _sym(b)], [None, None])
    if index is None:
        return _sym("W", [label])
    return _sym("W", [("mul", [label, ("list", "[", [_sym(index[0]), _sym(index[1])], [","])], [None, None])])


def _check_bound(sup, layer, token):
    if not sup or len(sup) != 1 or sup[0][0] != "sym" or sup[0][3] is not None or sup[0][4] is not None:
        raise NotGraves(f"the sum over {token} has no bound that names its layer's size")
    if sup[0][1] not in GRAVES_LAYER_SIZES.get(layer, ()):
        raise NotGraves(f"the sum over {token} runs to {sup[0][1]}, which is the size of no layer the "
                        f"forward rows define ({layer} units run to "
                        f"{' or '.join(sorted(GRAVES_LAYER_SIZES.get(layer, ())))})")


def _sum_token(node):
    if node[0] != "big" or node[1] != "sum" or not node[2] or len(node[2]) != 1 or node[2][0][0] != "eq":
        return None
    toks = _tokens([node[2][0][1]])
    if toks is None or len(toks) != 1 or node[2][0][2] != ("num", "1"):
        return None
    sizes = {x for v in GRAVES_LAYER_SIZES.values() for x in v}
    if toks[0][0] not in GRAVES_LAYER_LETTERS and not (node[3] and len(node[3]) == 1 and node[3][0][0] == "sym" and
                                                        node[3][0][1] in sizes):
        return None         # \sum_{t=1}^{T}, \sum_{m=1}^{n}: not over units
    return toks[0]


def _same_size(a, b):
    """Two layers with the same units (an LSTM's cells and their gates: one gate unit per cell)."""
    return a != b and bool(set(GRAVES_LAYER_SIZES.get(a, ())) & set(GRAVES_LAYER_SIZES.get(b, ())))


def _show(tok):
    return ("\\" if tok[0] in GREEK else "") + tok[0] + tok[1]


def _map(node, f):
    """``node`` with every child replaced by f(child) (f handles the kinds it knows, else recurses)."""
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple) and x and isinstance(x[0], str) and x[0] in ("+", "-") and len(x) == 2:
            out.append((x[0], f(x[1])))
        elif isinstance(x, tuple) and x and isinstance(x[0], str):
            out.append(f(x))
        elif isinstance(x, list):
            out.append([f(y) if isinstance(y, tuple) and y and isinstance(y[0], str) and y[0] not in ("+", "-")
                        else (y[0], f(y[1])) if isinstance(y, tuple) and len(y) == 2 and y[0] in ("+", "-")
                        else y for y in x])
        else:
            out.append(x)
    return tuple(out)


class _Components:
    """One backward row read unit by unit."""

    def __init__(self, nt, tree):
        self.nt = nt
        self.layers = {}        # token -> layer
        self.free = {}          # token -> component letter
        self.pool = list(_POOL)
        self.pool = [p for p in self.pool if p not in GRAVES_LAYER_CODES.values()]
        self._infer(tree)

    # ---- layers
    def _infer(self, tree):
        nt = self.nt
        allowed = {}
        all_layers = {lay for _, lay in nt.quantities} | {lay for p in nt.pairs for lay in p}

        def need(tok, layers):
            allowed[tok] = allowed.get(tok, set(all_layers)) & set(layers)

        for n in walk(tree):
            w = _weight(n)
            if w is not None:
                (a, b) = w
                la, lb = nt.layer(a[0]), nt.layer(b[0])
                if la is None and lb is None:
                    raise NotGraves(f"w_{{{_show(a)}{_show(b)}}}: neither index names a layer")
                if la is None:
                    need(a, {s for s, t in nt.pairs if t == lb})
                if lb is None:
                    need(b, {t for s, t in nt.pairs if s == la})
                continue
            u = _unit(n)
            if u is not None:
                base, tok, _ = u
                if nt.layer(tok[0]) is None:
                    q = nt.gradients.get(base, (base,))[0] if base in nt.gradients else base
                    need(tok, {lay for b, lay in nt.quantities if b == q})
            t = _sum_token(n)
            if t is not None and nt.layer(t[0]) is None:
                need(t, all_layers)
        for tok, lays in allowed.items():
            if len(lays) != 1:
                raise NotGraves(f"the index {_show(tok)} names no layer, and its uses allow "
                                f"{'none' if not lays else ' or '.join(sorted(lays))}")
            self.layers[tok] = next(iter(lays))

    def layer(self, tok):
        lay = self.nt.layer(tok[0])
        return lay if lay is not None else self.layers.get(tok)

    def letter(self):
        return self.pool.pop(0)

    # ---- the rewrite
    def row(self, tree):
        lhs = tree[1][0]
        for n in walk(lhs):
            u = _unit(n)
            if u is not None and u[1] not in self.free:
                self.free[u[1]] = self.letter()
            w = _weight(n)
            if w is not None:
                for tok in w:
                    if tok not in self.free:
                        self.free[tok] = self.letter()
        return _map(tree, lambda x: self.node(x, {}))

    def index(self, tok, env):
        if tok in env:
            return env[tok]
        if tok in self.free:
            return self.free[tok]
        lay = self.layer(tok)
        mates = [t for t in self.free if self.layer(t) != lay and
                 _same_size(self.layer(t), lay)]
        if len(mates) == 1 and tok[1] == "":
            return self.free[mates[0]]          # b_\iota^t beside \delta_c^t: the unit of cell c
        raise NotGraves(f"the unit {_show(tok)} is bound by no sum and is not the unit of the left side")

    def node(self, n, env):
        nt = self.nt
        if n[0] == "sym":
            if n[1] == "theta" and n[3] is None and n[4] is None and GRAVES_FUNCTIONS.get("theta") and nt.function:
                return (n[0], nt.function) + n[2:]
            w = _weight(n)
            if w is not None:
                la, lb = self.layer(w[0]), self.layer(w[1])
                if (la, lb) not in nt.pairs:
                    raise NotGraves(f"w_{{{_show(w[0])}{_show(w[1])}}}: no forward row has a weight from the {la} "
                                    f"to the {lb} units")
                return _matrix(la, lb, (self.index(w[1], env), self.index(w[0], env)))
            u = _unit(n)
            if u is not None:
                base, tok, sup = u
                lay = self.layer(tok)
                if lay is None:
                    return n
                idx = self.index(tok, env)
                if base in nt.gradients:
                    q, loss = nt.gradients[base]
                    if q is None:
                        raise NotGraves(f"\\{base} is defined twice, as different gradients")
                    if (q, lay) not in nt.quantities:
                        raise NotGraves(f"\\{base}_{{{_show(tok)}}}: no forward row defines {q} of the {lay} units")
                    num = parse_expression(loss)
                    return ("frac", ("pre", "partial", None, num), ("pre", "partial", None, _name(q, lay, sup, idx)))
                if (base, lay) not in nt.quantities:
                    raise NotGraves(f"{base}_{{{_show(tok)}}}: no forward row defines {base} of the {lay} units")
                return _name(base, lay, sup, idx)
            return n
        t = _sum_token(n)
        if t is not None:
            lay = self.layer(t)
            if lay is None:
                return _map(n, lambda x: self.node(x, env))     # a sum over the steps
            _check_bound(n[3], lay, _show(t))
            letter = self.letter()
            inner = dict(env)
            inner[t] = letter
            return ("big", "sum", [("eq", _sym(letter), ("num", "1"))], n[3], self.node(n[4], inner))
        return _map(n, lambda x: self.node(x, env))


class _Vectors:
    """One forward row read as vectors."""

    def __init__(self, nt, token):
        self.nt, self.token = nt, token
        self.layer = nt.layer(token[0])

    def unit(self, n, allow_bound=None):
        base, tok, sup = _unit(n)
        lay = self.nt.layer(tok[0])
        if lay is None:
            raise NotGraves(f"the index {_show(tok)} names no layer")
        if tok != self.token and tok != allow_bound and not (
                tok[1] == "" and _same_size(lay, self.layer)):
            raise NotGraves(f"the unit {_show(tok)} is bound by no sum and is not the unit of the left side")
        return _name(base, lay, sup)

    def node(self, n):
        nt = self.nt
        if n[0] == "sym":
            if n[1] == "theta" and n[3] is None and n[4] is None and GRAVES_FUNCTIONS.get("theta") and nt.function:
                return (n[0], nt.function) + n[2:]
            if _weight(n) is not None:
                raise NotGraves("a weight outside a sum over its sending units")
            return self.unit(n) if _unit(n) is not None and _unit(n)[1][0] in GRAVES_LAYER_LETTERS else n
        t = _sum_token(n)
        if t is not None:
            body = n[4]
            items = body[1] if body[0] == "mul" else [body]
            ws = [x for x in items if _weight(x) is not None]
            us = [x for x in items if _unit(x) is not None]
            if len(items) != 2 or len(ws) != 1 or len(us) != 1 or _weight(ws[0]) != [t, self.token] or \
                    _unit(us[0])[1] != t:
                raise NotGraves("a sum over units that is not one weight times the sending units")
            lay = nt.layer(t[0])
            _check_bound(n[3], lay, _show(t))
            return ("mul", [_matrix(lay, self.layer), self.unit(us[0], allow_bound=t)], [None, None])
        if n[0] == "mul":
            items = [self.node(x) for x in n[1]]
            ops = list(n[2])
            for j in range(1, len(items)):
                prev = n[1][j - 1]
                fn = prev[0] == "sym" and prev[3] is None and n[1][j][0] == "paren"
                if not fn and ops[j] in (None, "cdot"):
                    ops[j] = "odot"
            return ("mul", items, ops)
        return _map(n, self.node)


# ============================================================================ the entry point
class GravesRead:
    """True: the file writes the notation; ``unrolled``: the texts of rows read at one depth only (their pass
    is not a proof, gravesweights.graves_rows)."""

    def __init__(self):
        self.unrolled = {}          # text -> why a pass of it is not a proof

    def __bool__(self):
        return True


def graves_rewrite(rows, texts):
    """(rows, errors, read): the parsed rows with Graves' component notation rewritten into layer names, the
    reasons of rows that cannot be read so ({index: why}), and whether the file writes the notation at all."""
    nt, fwd = _notation(rows, texts)
    if nt is None:
        return rows, {}, False
    out, errors = list(rows), {}
    read = GravesRead()
    for k, tree in enumerate(rows):
        if tree is None and k > 0 and rows[k - 1] is not None and texts[k].lstrip().startswith("="):
            try:        # "= ...": the row above's left side (judge._continuations, read here for the free units)
                tail = parse_row("X" + texts[k])
            except LatexError:
                continue
            others = [t for j, t in enumerate(rows) if j != k]      # = A + \kappa(t, m): a name for a part above
            parts = [abbreviation(p, rows[k - 1][1][-1], others) for p in tail[1][1:]]
            if parts != tail[1][1:]:        # the name might mean more than the part: a pass is no proof
                read.unrolled[texts[k]] = ("a name no row defines is read as the part of the line above it "
                                           "replaces; what it names is not known")
            tree = rows[k] = ("row", [rows[k - 1][1][0]] + parts, tail[2])
            out[k] = tree
        if tree is None or tree[0] != "row":
            continue
        try:
            if k in fwd:
                v = _Vectors(nt, fwd[k][1])
                out[k] = ("row", [_name(fwd[k][0], v.layer, tree[1][0][4]), v.node(tree[1][1])], tree[2])
            elif naming_only(texts[k]):
                continue
            else:
                try:        # \sum_{m=1}^{n} \sum_{h_1} \cdots \sum_{h_m}: read at one depth (text/gravesdepth.py)
                    tree, deep = unroll_depth(tree)
                except DepthError as e:
                    raise NotGraves(str(e)) from None
                if deep:
                    read.unrolled.setdefault(texts[k], "a general term over a depth (\\sum_{m=1}^{n} with m nested "
                                                       "sums) holds at the one depth it is read at; the others are "
                                                       "not checked")
                out[k] = _Components(nt, tree).row(tree)
        except NotGraves as e:
            out[k] = None
            errors[k] = f"Graves' component notation: {e}"
    return out, errors, read
