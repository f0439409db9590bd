r"""A restated cell completed from the cell stated before it, and a loop's carried names.

A text may state its cell in maths and then again as the body of a code loop, leaving statements out (blanks
for the students: ``f =``, ``i =``, ``o =``, ``C\_prev =``)::

    i = \sigma(W^i [h_{t-1}, x_t])   ...   c_t = c_{t-1} \circ f + g \circ i     h_t = \tanh(c_t) \circ o
    z = [h\_prev; x]     g = \tanh(W\_g z + b\_g)     h\_prev = o \odot \tanh(C\_prev)     v = W\_v h\_prev + b\_v

The second statement is the same cell when each of its rows that defines a name of the first again (``g``;
``h\_prev``: the loop's update of h) is the first one's row under ONE renaming of what they read
(``W^g`` -> ``W\_g``, ``[h_{t-1}, x_t]`` -> ``z``, ``c_t`` -> ``C\_prev``, ``h_{t-1}`` -> ``h\_prev``), with at most
a bias added to a weight's product (``+ b\_g``). The rows it leaves out (those of the names it reads but does
not define, and what they read) are then the first statement's rows under that renaming: a weight with its
label as a superscript is the code name with the label after an underscore (``W^o`` -> ``W\_o``, as ``W^g`` ->
``W\_g``), and gets the bias the restated rows add (``b\_o``, as ``b\_g``), each only if the text writes that
name somewhere (``W\_o^T``, ``b\_o\_d``); a state read at the step before is the loop's carried name
(``c_{t-1}`` -> ``C\_prev``). Anything else (a row that does not match, a name with no image) leaves the
restated cell as it is (earliercell.py then makes its backward rows unreadable).

The completed rows are given equations of the restated cell (they build it, they are never reported).

Loop-carried names: in the forward rows of a code loop, a row assigning a name with a time word for the step
before (``h\_prev = o \odot \tanh(C\_prev)``) updates the carried state, as a statement of the loop does: its
left side and the reads below it (``v = W\_v h\_prev + b\_v``) are the step's new value, named by the name
without the word (h, C: what ``dh``, ``dC`` and the list ``h_t`` of the backward rows name); the reads above
it, and its own right side, are the value from the step before.

What such a loop leaves open, read both ways (:func:`readings`, :func:`merge`): the backward rows index lists of
the carried states by the step (``C_t``, ``h_t``), and a code list of states may hold the initial state first
(``C_t`` the state entering step t) or not; a derivative of a code helper at a gate's value (``sigmoid'(o_t)``,
``tanh'(g_t)``) may be evaluated at its argument as written or be the derivative written through the unit's output
(texts use the one spelling both ways). A row is judged only where every reading gives the same verdict, else it is
unreadable with the reason.

``dh\_next = 0`` before any row reads it (:func:`carry_starts`): the start of the gradient a backward loop carries
from the next step; at the last step nothing reaches h from beyond it (a pass; any other value is judged as written).
"""
from __future__ import annotations

import dataclasses
import itertools

from ...latex.notation import TIME_WORDS
from ..text.trees import has_derivative

__all__ = ["complete_restated", "SYNTHETIC_TEXT"]

#: The text of a completed row's equation (never reported).
SYNTHETIC_TEXT = "% (completed from the cell stated before)"
_FUNCS = {"sigmoid": "sigma", "sigma": "sigma", "tanh": "tanh", "mathrm:tanh": "tanh"}
_PREV = tuple(w for w, k in TIME_WORDS.items() if k == -1)


class _NoMatch(Exception):
    pass


def _sym(name):
    return ("sym", name, None, None, None, 0)


def _is_sym(n):
    return isinstance(n, tuple) and n and n[0] == "sym"


def _walk(node):
    if isinstance(node, tuple):
        if node and node[0] == "sym":
            yield node
        for x in node:
            if isinstance(x, (tuple, list)):
                yield from _walk(x)
    elif isinstance(node, list):
        for x in node:
            yield from _walk(x)


def _fwd(tree):
    """A forward row ``name = expr`` (name a symbol, no derivative): (lhs sym, rhs) else None."""
    if tree is None or len(tree[1]) != 2 or list(tree[2]) != ["="] or not _is_sym(tree[1][0]):
        return None
    if any(has_derivative(p) for p in tree[1]):
        return None
    return tree[1][0], tree[1][1]


def _prev_base(name):
    """``h_prev`` -> ``h`` (a code name with a time word for the step before), else None."""
    for w in _PREV:
        if name.endswith("_" + w) and len(name) > len(w) + 1:
            return name[:-len(w) - 1]
    return None


def _factors(mul):
    """A product's factors: a function symbol with the group after it is one factor."""
    items, ops = mul[1], mul[2]
    out, k = [], 0
    while k < len(items):
        x = items[k]
        if _is_sym(x) and x[1] in _FUNCS and k + 1 < len(items) and items[k + 1][0] == "paren":
            out.append((ops[k], ("app", _FUNCS[x[1]], items[k + 1][2])))
            k += 2
        else:
            out.append((ops[k], x))
            k += 1
    return out


def _strip(n):
    while isinstance(n, tuple) and n and n[0] == "paren" and n[1] == "(":
        n = n[2]
    if isinstance(n, tuple) and n and n[0] == "mul" and len(n[1]) == 1:
        return _strip(n[1][0])
    return n


class _Unifier:
    def __init__(self, defs, new_params):
        self.map = {}               # repr(earlier sym or list) -> segment node
        self.src = {}               # repr(earlier sym or list) -> that node
        self.weighted = 0           # restated rows of the form function(weight product)
        self.biases = []            # (weight sym of the earlier row, bias sym added in the segment)
        self.defs = defs            # segment name -> rhs (z = [h_prev; x])
        self.new_params = new_params

    def bind(self, e, s):
        key = repr(e)
        if key in self.map and repr(self.map[key]) != repr(s):
            raise _NoMatch
        self.map[key] = s
        self.src[key] = e

    def unify(self, e, s):
        e, s = _strip(e), _strip(s)
        if e[0] == "list" and _is_sym(s) and s[1] in self.defs and _strip(self.defs[s[1]])[0] == "list":
            self.bind(e, s)
            return self.unify(e, self.defs[s[1]])
        if e[0] == "list":
            if s[0] != "list" or len(e[2]) != len(s[2]):
                raise _NoMatch
            for a, b in zip(e[2], s[2]):
                self.unify(a, b)
            return
        if _is_sym(e):
            if e[1] in _FUNCS or not _is_sym(s) or s[1] in _FUNCS:
                raise _NoMatch
            self.bind(e, s)
            return
        if e[0] == "num":
            if s != e:
                raise _NoMatch
            return
        if e[0] == "app":
            if s[0] != "app" or s[1] != e[1]:
                raise _NoMatch
            return self.unify(e[2], s[2])
        if e[0] == "mul":
            return self._products(_factors(e), s)
        if e[0] == "add":
            return self._sums(e, s)
        raise _NoMatch

    def _products(self, ef, s):
        if len(ef) == 1:
            return self.unify(ef[0][1], s)
        if s[0] != "mul":
            raise _NoMatch
        sf = _factors(s)
        if len(sf) != len(ef):
            raise _NoMatch
        ew = all(op == "odot" for op, _ in ef[1:]) and all(op == "odot" for op, _ in sf[1:])
        if not ew and [op for op, _ in ef[1:]] != [op for op, _ in sf[1:]]:
            raise _NoMatch
        orders = itertools.permutations(range(len(sf))) if ew and len(sf) <= 4 else [tuple(range(len(sf)))]
        for order in orders:
            saved = dict(self.map), list(self.biases)
            try:
                for (_, a), j in zip(ef, order):
                    self.unify(a, sf[j][1])
                return
            except _NoMatch:
                self.map, self.biases = saved
        raise _NoMatch

    def _sums(self, e, s):
        if s[0] != "add" or any(sign != "+" for sign, _ in s[1]) or any(sign != "+" for sign, _ in e[1]):
            raise _NoMatch
        if len(s[1]) != len(e[1]):
            raise _NoMatch
        for (_, a), (_, b) in zip(e[1], s[1]):
            self.unify(a, b)

    def with_bias(self, e, s):
        """``W^g X`` against ``W_g z + b_g``: the product, and a new parameter added to it."""
        e, s = _strip(e), _strip(s)
        self.weighted += e[0] == "mul" and _is_sym(e[1][0])
        if e[0] == "mul" and s[0] == "add" and len(s[1]) == 2 and all(sign == "+" for sign, _ in s[1]):
            (_, a), (_, b) = s[1]
            if _is_sym(b) and b[1] in self.new_params and _prev_base(b[1]) is None and _is_sym(e[1][0]):
                self.unify(e, a)
                self.biases.append((e[1][0], b))
                return
        self.unify(e, s)


def _app_tree(node):
    """The tree with function applications grouped (``tanh`` + ``(...)`` -> ``app``), for matching."""
    if isinstance(node, tuple) and node and node[0] == "mul":
        items = []
        for op, x in _factors(node):
            items.append((op, ("app", x[1], _app_tree(x[2])) if x[0] == "app" else _app_tree(x)))
        return ("mul", [x for _, x in items], [op for op, _ in items])
    if isinstance(node, tuple) and node and node[0] == "paren":
        return ("paren", node[1], _app_tree(node[2]))
    if isinstance(node, tuple) and node and node[0] == "add":
        return ("add", [(sg, _app_tree(t)) for sg, t in node[1]])
    if isinstance(node, tuple) and node and node[0] == "list":
        return ("list", node[1], [_app_tree(x) for x in node[2]], node[3])
    return node


def _unify_rhs(u, e, s):
    """The restated right side ``s`` against the first one ``e``: a function of a product may gain a bias."""
    e, s = _strip(_app_tree(e)), _strip(_app_tree(s))
    if e[0] == "app" and s[0] == "app" and e[1] == s[1]:
        return u.with_bias(e[2], s[2])
    return u.unify(e, s)


def _translate(node, u, images):
    """``node`` of a row of the first statement, under the renaming; raises _NoMatch for a name with no image."""
    if isinstance(node, tuple) and node and node[0] == "sym":
        if node[1] in _FUNCS or node[1] in ("sigma", "tanh"):
            return node
        key = repr(node)
        if key in u.map:
            return u.map[key]
        if key in images:
            return images[key]
        raise _NoMatch
    if isinstance(node, tuple) and node and node[0] == "list" and repr(_app_tree(node)) in u.map:
        return u.map[repr(_app_tree(node))]
    if isinstance(node, tuple):
        return tuple(_translate(x, u, images) if isinstance(x, (tuple, list)) else x for x in node)
    if isinstance(node, list):
        return [_translate(x, u, images) if isinstance(x, (tuple, list)) else x for x in node]
    return node


def _add_bias(rhs, u, written):
    """``\\sigma(W_o z)`` -> ``\\sigma(W_o z + b_o)`` when the restated rows add a bias to a weight's product."""
    if not u.biases:
        return rhs
    (w0, b0), = u.biases[:1]
    label0 = w0[4][0][1] if w0[4] and _is_sym(w0[4][0]) else None
    if label0 is None or not b0[1].endswith("_" + label0):
        raise _NoMatch
    prefix = b0[1][:-len(label0)]
    if rhs[0] != "mul" or len(rhs[1]) != 2 or rhs[1][1][0] != "paren":
        raise _NoMatch
    inner = _strip(rhs[1][1][2])
    if inner[0] != "mul" or not _is_sym(inner[1][0]):
        raise _NoMatch
    w = inner[1][0]
    name = w[1].rsplit("_", 1)[-1] if "_" in w[1] else None
    if name is None or prefix + name not in written:
        raise _NoMatch
    bias = _sym(prefix + name)
    return ("mul", [rhs[1][0], ("paren", "(", ("add", [("+", inner), ("+", bias)]))], rhs[2])


def _written_names(rows):
    out = set()
    for tree in rows:
        for s in _walk(tree) if tree is not None else ():
            out.add(s[1])
            for suf in ("_d", "_grad"):
                if s[1].endswith(suf):
                    out.add(s[1][:-len(suf)])
            if s[1].startswith("d") and len(s[1]) > 1:
                out.add(s[1][1:])
    return out


def _complete_one(rows, lo0, lo, hi):
    """(position, [completed rows]) for the cell rows[lo:hi] restating rows[lo0:lo], else None."""
    earlier = {}
    for k in range(lo0, lo):
        f = _fwd(rows[k])
        if f is not None and f[0][1] not in _FUNCS:     # (\sigma = \mathrm{softmax} names a function)
            earlier.setdefault(f[0][1], (k, f[0], f[1]))
    block = []
    for k in range(lo, hi):
        if rows[k] is None:
            continue
        f = _fwd(rows[k])
        if f is None or f[0][2:5] != (None, None, None) or (f[0][1].startswith("d") and len(f[0][1]) > 1):
            break
        block.append((k, f[0], f[1]))
    if not block or not earlier:
        return None
    defined = {lhs[1] for _, lhs, _ in block}
    read = {s[1] for _, _, rhs in block for s in _walk(rhs)}
    defs = {lhs[1]: rhs for _, lhs, rhs in block}
    written = _written_names(rows)
    earlier_syms = {s[1] for k in range(lo0, lo) if rows[k] is not None for s in _walk(rows[k])}
    new_params = read - defined - earlier_syms
    u = _Unifier(defs, new_params)
    pairs = 0
    restated = set()
    try:
        for k, lhs, rhs in block:
            base = _prev_base(lhs[1])
            name = lhs[1] if lhs[1] in earlier else base if base in earlier else None
            if name is None:
                continue
            _, elhs, erhs = earlier[name]
            u.bind(elhs, lhs)
            _unify_rhs(u, erhs, rhs)
            pairs += 1
            restated.add(name)
    except _NoMatch:
        return None
    if not pairs or u.biases and len(u.biases) != u.weighted:      # a bias added to some weight products only
        return None
    # the names left to the first statement: read by the block (bare, or through the renaming), not defined
    need = [n for n in earlier if n not in restated and (n in read and n not in defined or
                                                         repr(earlier[n][1]) in u.map)]
    if not any(n in read and n not in defined for n in need):
        return None
    todo, seen = list(need), set()
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        for s in _walk(earlier[n][2]):
            if s[1] in earlier and s[1] not in restated and s[1] not in seen:
                todo.append(s[1])
    missing = [n for n in earlier if n in seen]
    images = {}
    for n in earlier:        # a bare name of the first statement is the same bare name of the code
        if earlier[n][1][2:5] == (None, None, None):
            images[repr(earlier[n][1])] = _sym(n)
    for n in missing:        # c_t -> C_prev: c_{t-1} is the loop's carried name before its update
        lhs = earlier[n][1]
        key = repr(lhs)
        if key in u.map and _is_sym(u.map[key]) and _prev_base(u.map[key][1]) and lhs[3] and len(lhs[3]) == 1:
            before = ("add", [("+", lhs[3][0]), ("-", ("num", "1"))])
            for s in _walk(earlier[n][2]):
                if s[1] == lhs[1] and s[3] == [before] and s[2] is None and s[4] is None:
                    images[repr(s)] = u.map[key]
    # W^g -> W_g: a weight's label written as a superscript is the code name with the label after an underscore
    moved = {e[1] for key, e in u.src.items() if _is_sym(e) and e[3] is None and e[4] and len(e[4]) == 1 and
             _is_sym(e[4][0]) and _is_sym(u.map[key]) and u.map[key][1] == f"{e[1]}_{e[4][0][1]}"}
    for tree_k in [earlier[n] for n in missing]:
        for s in _walk(tree_k[2]):
            if repr(s) in u.map or repr(s) in images or s[1] in _FUNCS or s[4] is None or s[3] is not None:
                continue
            if s[1] in moved and len(s[4]) == 1 and _is_sym(s[4][0]) and s[4][0][2:] == (None, None, None, 0) and \
                    f"{s[1]}_{s[4][0][1]}" in written:
                images[repr(s)] = _sym(f"{s[1]}_{s[4][0][1]}")
    out = []
    try:
        for n in missing:
            k, lhs, rhs = earlier[n]
            new_lhs = _translate(lhs, u, images)
            new_rhs = _translate(rhs, u, images)
            if _is_sym(new_lhs) and _prev_base(new_lhs[1]) is None and any(b for _, b in u.biases) and \
                    rhs[0] == "mul" and any(_is_sym(x) and x[1] in _FUNCS for x in rhs[1][:1]):
                new_rhs = _add_bias(new_rhs, u, written)
            out.append(("row", [new_lhs, new_rhs], ["="]))
    except (_NoMatch, IndexError, TypeError, ValueError):
        return None
    names = {r[1][0][1] for r in out}
    pos = next((k for k, _, rhs in block if any(s[1] in names for s in _walk(rhs))), None)
    if pos is None:
        return None
    return pos, out


def _carried(rows, equations, lo, hi):
    """Loop-carried names in the forward block of rows[lo:hi] (module doc): rows rewritten in place; (the new
    names, the index of the first row after the forward block)."""
    names = set()
    k_end = lo
    for k in range(lo, hi):
        if rows[k] is None:
            continue
        f = _fwd(rows[k])
        if f is None or (f[0][1].startswith("d") and len(f[0][1]) > 1):
            break
        k_end = k + 1
    for k in range(lo, k_end):
        f = _fwd(rows[k]) if rows[k] is not None else None
        if f is None or f[0][2:5] != (None, None, None) or _prev_base(f[0][1]) is None:
            continue
        if any(s[3] or s[4] for s in _walk(f[1]) if s[1] not in _FUNCS):
            continue
        old, new = f[0][1], _prev_base(f[0][1])
        names.add(new)
        rows[k] = ("row", [_sym(new), f[1]], ["="])
        for j in range(k + 1, k_end):
            if rows[j] is None:
                continue
            g = _fwd(rows[j])
            if g is not None and g[0][1] == old:
                break
            t = rows[j]
            rows[j] = (t[0], [t[1][0]] + [_rename(p, old, new) for p in t[1][1:]]) + tuple(t[2:])
    return names, k_end


def _rename(node, old, new):
    if isinstance(node, tuple) and node and node[0] == "sym":
        return (node[0], new) + tuple(node[2:]) if node[1] == old else node
    if isinstance(node, tuple):
        return tuple(_rename(x, old, new) if isinstance(x, (tuple, list)) else x for x in node)
    if isinstance(node, list):
        return [_rename(x, old, new) if isinstance(x, (tuple, list)) else x for x in node]
    return node


def complete_restated(rows, equations, errors, segments):
    """(rows, equations, errors, loops): the restated cells completed (module doc); ``segments(rows)``: the
    cells' row ranges; ``loops``: (the first row after the loop's forward rows, the loop-carried names) of each
    cell completed that carries names (:func:`readings`)."""
    bounds = segments(rows)
    if len(bounds) < 2:
        return rows, equations, errors, []
    rows, equations = list(rows), list(equations)
    inserts = []
    for (lo0, _), (lo, hi) in zip(bounds, bounds[1:]):
        found = _complete_one(rows, lo0, lo, hi)
        if found is not None:
            inserts.append(found)
    if not inserts:
        return rows, equations, errors, []
    completed = set()
    for pos, new in sorted(inserts, key=lambda x: -x[0]):
        eq = equations[pos]
        extra = [dataclasses.replace(eq, text=SYNTHETIC_TEXT, given=True) for _ in new]
        rows[pos:pos] = new
        equations[pos:pos] = extra
        errors = {(k + len(new) if k >= pos else k): e for k, e in errors.items()}
        completed = {(k + len(new) if k >= pos else k) for k in completed} | set(range(pos, pos + len(new)))
    loops = []
    for lo, hi in segments(rows):
        if any(lo <= k < hi for k in completed):
            names, k_end = _carried(rows, equations, lo, hi)
            if names:
                loops.append((k_end, names))
    return rows, equations, errors, loops


# ------------------------------------------------------------------ the readings a code loop leaves open
#: Why a row of a code loop is unreadable when the readings below disagree on it.
WHY_LIST = ("it reads a list of the loop's states ({names}) by the step, and a code list of states may hold the "
            "initial state first ({first}_t the state entering step t) or not ({first}_t the state step t makes): "
            "the row holds under one reading and not the other")
WHY_PRIME = ("it takes the derivative of a code helper at a gate's value ({text}): a helper's derivative may be "
             "evaluated at its argument as written or be the derivative written through the unit's output (x (1-x) "
             "for the sigmoid, 1-x^2 for tanh), and the row holds under one reading and not the other")
#: The derivative of a function word evaluated at its argument, written out (Q: the argument).
_LITERAL = {"sigmoid": r"X = (sigmoid(Q) \odot (1 - sigmoid(Q)))", "sigma": r"X = (\sigma(Q) \odot (1 - \sigma(Q)))",
            "tanh": r"X = (1 - tanh(Q) \odot tanh(Q))"}


def _shift_time(sub, time_var):
    """``t`` -> ``t-1``, ``t-1`` -> ``t-2``, ``t+1`` -> ``t``; None for a script that is not a step."""
    if sub == ("sym", time_var, None, None, None, 0):
        return ("add", [("+", sub), ("-", ("num", "1"))])
    if sub[0] == "add" and sub[1][0] == ("+", ("sym", time_var, None, None, None, 0)) and len(sub[1]) == 2 and \
            sub[1][1][1][0] == "num" and sub[1][1][1][1].isdigit():
        sign, (_, n) = sub[1][1]
        k = int(n) * (1 if sign == "+" else -1) - 1
        if k == 0:
            return sub[1][0][1]
        return ("add", [sub[1][0], ("+" if k > 0 else "-", ("num", str(abs(k))))])
    return None


def _shift(node, names, time_var, hit):
    if isinstance(node, tuple) and node and node[0] == "sym":
        if node[1] in names and node[3] and len(node[3]) == 1 and (node[4] is None or all(     # (h_t^T)
                x == ("top",) or x == ("sym", "T", None, None, None, 0) for x in node[4])):
            new = _shift_time(node[3][0], time_var)
            if new is not None:
                hit.append(node[1])
                return node[:3] + ([new],) + node[4:]
        return node
    if isinstance(node, tuple):
        return tuple(_shift(x, names, time_var, hit) if isinstance(x, (tuple, list)) else x for x in node)
    if isinstance(node, list):
        return [_shift(x, names, time_var, hit) if isinstance(x, (tuple, list)) else x for x in node]
    return node


def _literal(node, hit):
    """``sigmoid'(x)`` -> ``sigmoid(x) (1 - sigmoid(x))``: the derivative at the argument as written."""
    from ..text.rowparse import parse_row
    if isinstance(node, tuple) and node and node[0] == "mul":
        items, ops = list(node[1]), list(node[2])
        j = 0
        while j < len(items) - 1:
            x, arg = items[j], items[j + 1]
            if _is_sym(x) and x[1] in _LITERAL and x[5] == 1 and x[3] is None and x[4] is None and \
                    arg[0] == "paren" and ops[j + 1] is None:
                inner = _literal(arg[2], hit)
                form = parse_row(_LITERAL[x[1]])[1][1]
                items[j:j + 2] = [_rename_node(form, ("sym", "Q", None, None, None, 0), inner)]
                ops[j:j + 2] = [ops[j]]
                hit.append(x[1])
            j += 1
        node = ("mul", items, ops)
    if isinstance(node, tuple):
        return tuple(_literal(x, hit) if isinstance(x, (tuple, list)) else x for x in node)
    if isinstance(node, list):
        return [_literal(x, hit) if isinstance(x, (tuple, list)) else x for x in node]
    return node


def _rename_node(node, old, new):
    if node == old:
        return new
    if isinstance(node, tuple):
        return tuple(_rename_node(x, old, new) if isinstance(x, (tuple, list)) else x for x in node)
    if isinstance(node, list):
        return [_rename_node(x, old, new) if isinstance(x, (tuple, list)) else x for x in node]
    return node


def readings(rows, k_end, hi, names, time_var):
    """The other readings of the backward rows rows[k_end:hi] of a code loop: [(rows, kind)], kind "list" (the
    lists of the carried states hold the initial state first: ``C_t`` is c_{t-1}), "prime" (a helper's derivative
    at its argument as written), and both."""
    def variant(list_shift, prime):
        out, any_hit = list(rows), False
        for k in range(k_end, min(hi, len(rows))):
            if out[k] is None:
                continue
            hit = []
            t = out[k]
            if list_shift:
                t = _shift(t, names, time_var, hit)
            if prime:
                t = _literal(t, hit)
            out[k] = t
            any_hit = any_hit or bool(hit)
        return out if any_hit else None
    got = []
    for kind, (a, b) in (("list", (True, False)), ("prime", (False, True)), ("list+prime", (True, True))):
        v = variant(a, b)
        if v is not None:
            got.append((v, kind))
    return got


def merge(first, others, names, equations):
    """The results of the rows as read first, where every other reading gives the same status; else unreadable."""
    from .report import RowResult
    keyed = []
    for res, kind in others:
        seen, d = {}, {}
        for r in res:
            key = (r.line, r.column)
            n = seen[key] = seen.get(key, -1) + 1
            d[key + (n,)] = r
        keyed.append((d, kind))
    out, seen = [], {}
    first_name = sorted(names)[0] if names else "h"
    for r in first:
        key = (r.line, r.column)
        n = seen[key] = seen.get(key, -1) + 1
        kinds = [kind for d, kind in keyed if key + (n,) in d and d[key + (n,)].status != r.status]
        if not kinds:
            out.append(r)
            continue
        why_list = WHY_LIST.format(names=", ".join(sorted(names)), first=first_name)
        why_prime = WHY_PRIME.format(text=r.text)
        why = why_list if "prime" not in kinds and "list" in kinds else why_prime if "list" not in kinds and \
            "prime" in kinds else why_list + "; and " + why_prime
        out.append(RowResult(r.line, r.column, r.text, "unreadable", None, why=why))
    return out


def carry_starts(rows, lo, hi) -> dict:
    r"""Rows ``d<X>\_next = 0`` (a gradient carried from the next step, set to zero) before any row reads it, read
    by a row below: the value a backward loop starts with: nothing reaches X from beyond the last step. k -> why."""
    out = {}
    for k in range(lo, hi):
        t = rows[k]
        if t is None or len(t[1]) != 2 or list(t[2]) != ["="] or not _is_sym(t[1][0]) or t[1][1] != ("num", "0"):
            continue
        name = t[1][0][1]
        if t[1][0][2:5] != (None, None, None) or not name.startswith("d") or not name.endswith("_next") or \
                len(name) <= len("d_next"):
            continue
        before = any(s[1] == name for j in range(lo, k) if rows[j] is not None for s in _walk(rows[j]))
        after = any(s[1] == name for j in range(k + 1, hi) if rows[j] is not None for p in rows[j][1][1:]
                    for s in _walk(p))
        if not before and after:
            base = name[1:-len("_next")]
            out[k] = (f"d{base}_{{next}} = 0 before the rows that read it: the start of the gradient the backward "
                      f"loop carries from the next step, at the last step nothing reaches {base} from beyond it")
    return out
