r"""Layered networks: a layer index beside the time (h_l^{(t)}, z_{L+1,i}^{(t)}, W^{l-1,l}, W^{ll}, W^{01}) and
index notation (\sum_k W_{jk} h_{L,k}, \delta_{ij}, [M]_{ij}) read as concrete layers and components.

A derivation is layered when it writes connection weights with a pair of layer superscripts and
names with a layer subscript. Its rows are rewritten into the flat names the rest of the reader
knows (``h_l`` at l = 2 is ``h_{2}``, ``W^{l-1,l}`` is ``W_{1,2}``, ``(z_l)_\text{time}`` is
``z_{2,time}``, ``h_0`` is the input ``X``) for a network of :data:`~.names.HIDDEN_LAYERS` hidden layers: a
row with a symbolic layer l is a family, checked for every l = 1..L; a row with a free component
index (i, j) is checked for every component. :func:`expand` gives the rows, :meth:`Plan.merge` one verdict
per written row (it holds when every instance holds). The new nodes (``comp``, ``kron``, ``isum``,
``gstep``, ``gpart``, ``illtyped``) are evaluated by :mod:`~.numlayers`. Nothing is evaluated here.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from ...latex.notation import FUNCTION_WORDS
from ..numeric.author import H, I
from ..text.names import (COMPONENT_LETTERS, COST_NAMES, HIDDEN_LAYERS, LAYER_COUNT_LETTERS, LAYER_LETTERS, NETWORK_INPUTS,
                     PART_WORDS, TIME_LETTERS)
from ..text.trees import has_derivative, nodes, walk

__all__ = ["Plan", "expand", "NO_STEP"]

#: The judge's reason when no step gives a row a value (an instance whose components are outside the run).
NO_STEP = "no step of the run gives every time in this equation a value"
#: Most instances of one row (layers times components).
MAX_INSTANCES = 64


class _Symbolic(Exception):
    """The row names the symbolic layer l: it is a family, read for every l."""


def _sym(name, sub=None, sup=None, accent=None, primes=0):
    return ("sym", name, accent, sub, sup, primes)


def _plain(n, name=None):
    return n[0] == "sym" and n[3] is None and n[4] is None and n[2] is None and (name is None or n[1] == name)


# ============================================================================ reading scripts
def _atoms(items):
    """A subscript's items side by side (``{i k_1}``, ``{jk}``, ``{L+1,i}``) as a flat list of nodes."""
    out = []
    for it in items or []:
        if it[0] == "mul" and all(op is None for op in it[2][1:]):
            out += _atoms(it[1])
        else:
            out.append(it)
    return out


def _index_name(n):
    """``i``, ``k_1``: a component index letter; ``jk`` -> two. None if not index letters."""
    if n[0] != "sym" or n[2] is not None or n[4] is not None or n[5]:
        return None
    if n[3] is None:
        if all(ch in COMPONENT_LETTERS for ch in n[1]) and len(n[1]) <= 3:
            return list(n[1])
        return None
    if n[1] in COMPONENT_LETTERS and len(n[3]) == 1 and n[3][0][0] == "num":
        return [f"{n[1]}_{n[3][0][1]}"]
    return None


def _bracket_index(n):
    r"""``[i]``, ``[i,j]`` in a subscript (``W_{f[i,j]}``, ``\delta_{t[i]}``): component letters; else None."""
    if n[0] == "paren" and n[1] == "[":
        items = [n[2]]
    elif n[0] == "list" and n[1] == "[":
        items = list(n[2])
    else:
        return None
    out = []
    for x in items:
        if x[0] != "sym" or x[2] is not None or x[3] is not None or x[4] is not None or x[5] or \
                len(x[1]) != 1 or not x[1].islower() or x[1] in TIME_LETTERS:      # x_{[t]}: the step t
            return None
        out.append(x[1])
    return out


def _bracketed(tree) -> bool:
    """Does a row write a component in brackets (``s_{[i]}^{(k)}``)?"""
    return any(n[0] == "sym" and any(_bracket_index(a) is not None for a in _atoms(n[3])) for n in walk(tree))


def _indices(atoms):
    out = []
    for a in atoms:
        if _bracket_index(a) is not None:
            out += _bracket_index(a)
            continue
        names = _index_name(a)
        if names is None:
            return None
        out += names
    return out


def _mentions_layer(n) -> bool:
    if n[0] == "num":
        return False
    if n[0] == "sym":
        return _plain(n) and (n[1] in LAYER_LETTERS or n[1] in LAYER_COUNT_LETTERS)
    if n[0] == "add":
        return all(t[0] in ("num", "sym") for _, t in n[1]) and any(_mentions_layer(t) for _, t in n[1]) and \
            all(t[0] == "num" or _mentions_layer(t) for _, t in n[1])
    return False


def _is_layer(n) -> bool:
    return n[0] == "num" and n[1].isdigit() and len(n[1]) == 1 or _mentions_layer(n)


def _pair_items(sup):
    """The two layers of a weight's superscript (``{l-1,l}``, ``{ll}``, ``{01}``, ``{L,L+1}``) as nodes, and the
    other superscript items; None when it is not a pair."""
    items = [x for x in sup or [] if x[0] not in ("top", "prime")]
    rest = [x for x in sup or [] if x[0] in ("top", "prime")]
    if len(items) == 2 and all(_is_layer(x) for x in items) and any(_mentions_layer(x) for x in items) or \
            len(items) == 2 and all(x[0] == "num" and len(x[1]) == 1 for x in items):
        return items, rest
    if len(items) == 1:
        x = items[0]
        if x[0] == "num" and len(x[1]) == 2:
            return [("num", x[1][0]), ("num", x[1][1])], rest
        if _plain(x) and len(x[1]) == 2 and all(ch in LAYER_LETTERS + LAYER_COUNT_LETTERS for ch in x[1]):
            return [_sym(x[1][0]), _sym(x[1][1])], rest
    return None


def _time_sup(sup) -> bool:
    """A superscript ``(t)``, ``(t-1)``, ``(1)``: a time."""
    return any(x[0] == "paren" for x in sup or [])


# ============================================================================ the plan of a derivation
@dataclass
class Plan:
    """The rows of a layered derivation as instances of the written rows."""

    families: set
    input_name: str | None
    hidden: int = HIDDEN_LAYERS
    rows: list = field(default_factory=list)
    equations: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)
    origin: list = field(default_factory=list)      # instance -> index of the written row
    labels: list = field(default_factory=list)      # instance -> "l = 2, i = 1"
    functions: dict = field(default_factory=dict)   # an activation of a layer -> coefficients of a smooth function
    cost: list = field(default_factory=list)        # names of the cost (C) no forward row defines
    bracketed: bool = False                         # components only in brackets (s_{[i]}), no layers
    upper: set = field(default_factory=set)         # names with the layer as superscript, time as subscript (h^l_n)
    last: str = ""                                  # the last step's letter beside the time n (x_N): read as T
    indexed: object = None                          # components after the time (g_{t, i}): compindex.Written
    labelled: set = field(default_factory=set)      # names with a gate label (W_f beside W_i): i is no component

    def prepare(self, vocab):
        """The vocabulary before the cell is built: the activations of the layers are functions."""
        vocab.layers = self.hidden
        vocab.functions.update(self.functions)
        vocab.activations.update(self.functions)         # each layer's activation a different smooth function

    def merge(self, results):
        """One verdict per written row: it holds when every instance holds. A result finds its instance by where
        it stands (line, column, text), in order; by its position only where none matches (a segment that gave a
        row no result, or two, would otherwise shift every later result onto another row's instance)."""
        by = {}
        order = []
        slots = {}
        for k, eq in enumerate(self.equations):
            slots.setdefault((eq.line, eq.column, eq.text), []).append(k)
        for k, r in enumerate(results):
            ks = slots.get((r.line, r.column, r.text))
            k = ks.pop(0) if ks else k
            o = self.origin[k] if k < len(self.origin) else ("result", k)
            if o not in by:
                order.append(o)
            by.setdefault(o, []).append((self.labels[k] if k < len(self.labels) else "", r))
        return [_merged(by[o]) for o in order]


def _merged(items):
    if len(items) == 1:
        return items[0][1]
    # an instance whose component is beyond its vector (i = 3 of a vector of 2) has no step to check
    live = [(lab, r) for lab, r in items if not (r.status == "fail" and r.why == NO_STEP and
                                                 any(p and not p.startswith("l =") for p in lab.split(", ")))]
    live = live or items
    fails = [(lab, r) for lab, r in live if r.status == "fail"]
    if fails:
        lab, r = fails[0]
        same = len(fails) == len(live) and len({x.why for _, x in fails}) == 1     # as written, not per instance
        return replace(r, why=f"at {lab}: {r.why}" if lab and not same else r.why)
    for lab, r in live:
        if r.status == "unreadable":
            return replace(r, why=f"at {lab}: {r.why}" if lab else r.why)
    first = live[0][1]
    reading = "forward" if any(r.reading == "forward" for _, r in live) else \
        "step" if any(r.reading == "step" for _, r in live) else first.reading
    why = "; ".join(dict.fromkeys(r.why for _, r in live if r.why))
    return replace(first, reading=reading, why=why)


def expand(rows, equations, errors):
    """The :class:`Plan` of a layered derivation (None when it is not layered): every row instantiated."""
    families, pairs = set(), False
    for n in nodes(rows, "sym"):
        atoms = _atoms(n[3])
        if atoms and _mentions_layer(atoms[0]):
            families.add(n[1])
        if n[4] and _pair_items(n[4]) is not None and any(_mentions_layer(x) for x in _pair_items(n[4])[0]):
            pairs = True
    upper = set() if families and pairs else _upper_families(rows)
    if upper:
        families = set()
    bracketed = not (families and pairs) and not upper and any(t is not None and _bracketed(t) for t in rows)
    indexed = None
    if not bracketed and not upper and (not families or not pairs):
        from .compindex import softmax, uses, written     # g_{t, i} beside g_t, V_{i, j} beside V: every component
        indexed = written(rows)
        if not softmax(rows) or not any(t is not None and uses(t, indexed) for t in rows):
            return None
        bracketed, families = False, set()
    if bracketed:           # components in brackets (s_{[i]}^{(k)}), no layers: every component checked
        families = set()
    plan = Plan(families, _input_name(rows, families | upper, timed=bool(upper)),
                hidden=0 if bracketed or indexed else HIDDEN_LAYERS, bracketed=bracketed, upper=upper,
                indexed=indexed, labelled=_labelled(rows))
    if upper and _last_step_letter(rows):
        plan.last = "N"
    defined = {t[1][0][1] for t in rows if t is not None and t[1] and t[1][0][0] == "sym"}
    plan.cost = [c for c in COST_NAMES if c not in defined] if indexed is None else []
    if upper:
        rows = _by_example(rows, upper)
    for k, (tree, eq) in enumerate(zip(rows, equations)):
        if tree is None:
            plan.rows.append(None)
            plan.equations.append(eq)
            plan.origin.append(k)
            plan.labels.append("")
            if k in errors:
                plan.errors[len(plan.rows) - 1] = errors[k]
            continue
        repair = eq.text.lstrip().startswith("=")
        for label, inst in _instances(plan, tree, repair):
            plan.rows.append(inst)
            plan.equations.append(eq)
            plan.origin.append(k)
            plan.labels.append(label)
    return plan


def _instances(plan, tree, repair):
    try:
        layers = [(None, _Lower(plan, None, repair).row(tree))]
    except _Symbolic:
        layers = [(l, _Lower(plan, l, repair).row(tree)) for l in range(1, plan.hidden + 1)]
    out = []
    for l, t in layers:
        free = _free(t)
        if free and _componentwise_definition(t, free) and (plan.indexed is None or _whole(_vectorized(t, free))):
            return [("", _vectorized(t, free))]        # \hat y_{[i]} = ...: the vector, every component at once
        values = [range(1, max(H, I) + 1)] * len(free)
        for combo in itertools.product(*values):
            bind = dict(zip(free, combo))
            label = ", ".join(([f"l = {l}"] if l is not None else []) + [f"{x} = {v}" for x, v in bind.items()])
            out.append((label, _bind(t, bind) if bind else t))
            if len(out) > MAX_INSTANCES:
                return out[:MAX_INSTANCES]
    return out


def _key(n):
    return n[1], n[2]


def _labelled(rows) -> set:
    r"""The names the rows write with a one-letter label that is neither a component, a time nor a layer
    (``W_f``, ``b_o``, ``\mathbf{net}_{f,t}`` beside ``W_i``, ``b_i``): their letter subscripts are labels (the input
    gate's ``i`` among them), never component indices."""
    out = set()
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "sym" and n[3] and len(n[3]) == 1 and _plain(n[3][0]) and len(n[3][0][1]) == 1 and \
                    n[3][0][1].islower() and n[3][0][1] not in COMPONENT_LETTERS + LAYER_LETTERS + TIME_LETTERS:
                out.add(_key(n))
    return out


def _input_name(rows, families, timed=False):
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "sym" and n[1] in NETWORK_INPUTS and n[1] not in families and \
                    (n[3] is None or timed and n[4] is None):
                return n[1]
    return None


def _time_items(tree, upper):
    """The time subscripts of a row's names (the subscript of a plain name or of a layer-superscript name)."""
    for n in walk(tree):
        if n[0] == "sym" and n[3] and len(n[3]) == 1 and (not n[4] or n[1] in upper and _upper_layer(n)):
            yield n[3][0]


def _by_example(rows, upper):
    r"""``y_1 = h^2_1``, ``y_N = h^2_N`` for a name no row defines at the time n: a definition by example, read as
    ``y_n = h^2_n`` (every time of the row the same step number or N). Rows with derivatives are kept."""
    letters = {it[1] for t in rows if t is not None for it in _time_items(t, upper)
               if it[0] == "sym" and _plain(it) and len(it[1]) == 1 and it[1].islower()}
    if len(letters) != 1:
        return rows
    var = letters.pop()
    general = {t[1][0][1] for t in rows if t is not None and t[1] and t[1][0][0] == "sym" and
               any(it[0] == "sym" and _plain(it, var) for it in _time_items(t[1][0], upper))}
    out = []
    for t in rows:
        out.append(t)
        if t is None or len(t[1]) != 2 or t[2] != ["="] or t[1][0][0] != "sym" or t[1][0][1] in upper or \
                t[1][0][1] in general or any(n[0] in ("frac", "pre", "dots") for n in walk(t)):
            continue
        items = list(_time_items(t, upper))
        if not items or len({repr(it) for it in items}) != 1 or not (
                items[0][0] == "num" or _plain(items[0], "N")):
            continue
        const = items[0]
        out[-1] = _at_var(t, const, _sym(var))
    return out


def _at_var(n, const, var):
    if isinstance(n, list):
        return [_at_var(x, const, var) for x in n]
    if not isinstance(n, tuple) or not n:
        return n
    if n[0] == "sym" and n[3] and len(n[3]) == 1 and n[3][0] == const:
        return (n[0], n[1], n[2], [var], n[4], n[5])
    return tuple(_at_var(x, const, var) if isinstance(x, (tuple, list)) else x for x in n)


def _last_step_letter(rows) -> bool:
    """Do the subscripts write the time n and the last step N (``h^1_{N-1}``), and nothing T?"""
    seen = set()
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "sym" and n[3]:
                seen.update(m[1] for it in n[3] for m in walk(it) if m[0] == "sym" and _plain(m))
    return {"n", "N"} <= seen and "T" not in seen


def _upper_layer(n) -> bool:
    """A name's superscript that is one layer (``h^2``, ``h^l``, ``h^{l-1}``) and not a time or a power."""
    sup = n[4]
    return bool(sup) and len(sup) == 1 and _is_layer(sup[0])


def _upper_families(rows) -> set:
    r"""Names with the layer as the superscript and the time as the subscript (``h^l_n = \sigma(z^l_n)``,
    ``h^1_2 = ...``): the bases a forward row defines with a layer superscript and a time subscript, with the
    names written with a symbolic layer superscript (``W_S^l``) and their lower-case or labelled kin
    (``{}_Sw^2`` beside ``{}_SW^l``). Empty when no forward row is written so."""
    defined, symbolic, written, plain = set(), set(), set(), set()
    for tree in rows:
        if tree is None:
            continue
        lhs = tree[1][0] if tree[1] else None
        if lhs is not None and lhs[0] == "sym" and lhs[3] and _upper_layer(lhs) and lhs[2] is None and \
                lhs[1] not in ("delta", "Delta") and not any(has_derivative(p) for p in tree[1]):
            defined.add(lhs[1])     # (\delta_t^{l-1} = \partial E / \partial net_t^{l-1}: a gradient, no layered cell)
        elif lhs is not None and lhs[0] == "sym" and lhs[3] and lhs[4] is None and len(tree[1]) > 1 and \
                tree[2][0] == "=":
            plain.add(lhs[1])   # f_t = \sigma(...) beside x_t^l = f^{l-1}(...): f is a quantity of the cell, not layered
        for n in walk(tree):
            if n[0] == "sym" and _upper_layer(n):
                written.add(n[1])
                if _mentions_layer(n[4][0]):
                    symbolic.add(n[1])
    defined -= plain
    if not defined or defined <= set(NETWORK_INPUTS):
        return set()        # x_t^l = f^{l-1}(net_t^{l-1}) only: the input of one cell from the layer below, not layers
    kin = {b.lower() for b in defined | symbolic}
    return {b for b in written if (b in defined or b in symbolic or b.lower() in kin) and b not in plain}


# ============================================================================ rewriting one row
class _Lower:
    def __init__(self, plan, l, repair):
        self.plan, self.l, self.repair = plan, l, repair

    def layer(self, n):
        if n[0] == "num":
            return int(n[1])
        if n[0] == "sym":
            if n[1] in LAYER_LETTERS:
                if self.l is None:
                    raise _Symbolic()
                return self.l
            return self.plan.hidden
        return sum((1 if s == "+" else -1) * self.layer(t) for s, t in n[1])

    def row(self, tree):
        parts = [self.node(p) for p in tree[1]]
        if self.repair and parts:
            parts[0] = self.node(tree[1][0], repair=True)
        return ("row", parts, tree[2])

    def node(self, n, repair=False):
        kind = n[0]
        if kind == "sym":
            return self.sym(n)
        if kind == "sc":
            return self.sc(n, repair)
        if kind == "frac":
            return self.frac(n, repair)
        if kind == "mul":
            return self.mul(n)
        if kind == "big":
            return self.big(n)
        if kind == "paren":
            return ("paren", n[1], self.node(n[2], repair))
        if kind == "add":
            return ("add", [(s, self.node(t)) for s, t in n[1]])
        if kind == "pre":
            return ("pre", n[1], n[2], self.node(n[3]))
        if kind == "list":
            return ("list", n[1], [self.node(x) for x in n[2]], n[3])
        return n

    # ------------------------------------------------------------------ names
    def sym(self, n):
        _, base, accent, sub, sup, primes = n
        if base in self.plan.cost and not sub:
            return _sym("L", None, sup, accent, primes)
        atoms = _atoms(sub)
        if self.plan.indexed is not None:
            return self.indexed_sym(n)
        if self.plan.bracketed and sup:     # e^{\theta_{[i]}}: components in a superscript
            sup = [self.node(x) for x in sup]
            n = _sym(base, sub, sup, accent, primes)
            if base == "e" and not sub and accent is None and not primes and len(sup) == 1 and sup[0][0] != "paren":
                return ("mul", [_sym("exp"), ("paren", "(", sup[0])], [None, None])     # e^{x}: the exponential
        if any(_bracket_index(a) is not None for a in atoms):       # W_{f[i,j]}: W_f's component (i, j)
            rest = [a for a in atoms if _bracket_index(a) is None]
            idx = [x for a in atoms if _bracket_index(a) is not None for x in _bracket_index(a)]
            core, more = _unwrap(self.sym(_sym(base, rest or None, sup, accent, primes)))
            return _wrap(core, more + idx)
        if self.plan.bracketed:             # W_f, \delta_t: a subscript without brackets is a label or a time
            return n
        if self.plan.last and atoms:        # x_N, h^1_{N-1}: N the last step (T)
            atoms = [_renamed(a, self.plan.last, "T") for a in atoms]
            sub = atoms
            n = _sym(base, sub, sup, accent, primes)
        if base in self.plan.upper and _upper_layer(n):     # h^l_n: layer l at time n, as h_l^{(n)}
            layer = self.layer(sup[0])
            if len(atoms) > 1:
                return n
            time = [("paren", "(", atoms[0])] if atoms else None
            if layer == 0 and self.plan.input_name:
                return _sym(self.plan.input_name, atoms or None, None, accent, primes)
            return _sym(base, [_sym(str(layer))], time, accent, primes)
        layer, idx = None, []
        if base in self.plan.families and atoms and _is_layer(atoms[0]):
            layer, rest = self.layer(atoms[0]), atoms[1:]
            idx = _indices(rest)
            if idx is None:
                return n
        elif atoms and _key(n) in self.plan.labelled and all(_plain(a) for a in atoms):
            return n                                    # W_i beside W_f, W_o: the gate's label, not a component
        elif atoms:
            idx = _indices(atoms)
            if idx is None:
                return n
        pair = _pair_items(sup) if sup else None
        label = None
        if pair is not None:
            a, b = (self.layer(x) for x in pair[0])
            label, sup = f"{a},{b}", pair[1] or None
        if base in ("delta",) and layer is None and label is None and len(idx) == 2 and not _time_sup(sup):
            return ("kron", idx)                       # \delta_{ij}: the Kronecker delta
        if layer is not None:
            if base in FUNCTION_WORDS:                  # \sigma_l: the activation of layer l, a function
                name = f"{base}_{layer}"
                self.plan.functions.setdefault(name, _coefficients(layer))
                return _wrap(_sym(name, None, sup, accent, primes), idx)
            if layer == 0 and self.plan.input_name:      # h_0 = X
                return _wrap(_sym(self.plan.input_name, None, sup, None, primes), idx)
            label = str(layer)
        if label is None and not idx:
            return n
        new = _sym(base, [_sym(label)] if label else None, sup, accent, primes)
        return _wrap(new, idx)

    def indexed_sym(self, n):
        r"""g_{t, i}: component i of g_t (compindex.py); \delta_{ij}: the Kronecker delta; others as written."""
        from .compindex import split
        _, base, accent, sub, sup, primes = n
        if sup:
            sup = [self.node(x) for x in sup]
            n = _sym(base, sub, sup, accent, primes)
        s = split(n, self.plan.indexed)
        if s is not None:
            return _wrap(s[0], s[1])
        idx = _indices(_atoms(sub)) if sub else None
        if base == "delta" and not sup and idx is not None and len(idx) == 2:
            return ("kron", idx)
        return n

    def sc(self, n, repair=False):
        _, inner, sub, sup, primes = n
        words = [x[1] for x in sub or [] if _plain(x)]
        if inner[0] == "paren" and len(words) == 1 and words[0] in PART_WORDS and not sup and not primes:
            body = self.node(inner[2])
            core, idx = _unwrap(body)
            if core[0] == "sym" and core[3] and len(core[3]) == 1:          # (z_l^{(t)})_\text{layer}
                lab = core[3][0][1]
                return _wrap(_sym(core[1], [_sym(f"{lab},{words[0]}")], core[4], core[2], core[5]), idx)
            if core[0] == "frac":                                           # (\partial C / \partial h)_\text{time}
                return _wrap(("gpart", core, PART_WORDS[words[0]]), idx)
            return n
        if inner[0] == "paren" and not sub and sup and len(sup) == 1 and sup[0][0] == "paren" and not primes:
            body = self.node(inner[2], repair)
            core, idx = _unwrap(body)
            if core[0] == "frac":                                           # (\partial C/\partial W)^{(t)}
                return _wrap(("gstep", core, sup[0][2]), idx)
            if core[0] == "illtyped":
                return core
            if core[0] == "sym" and core[3] and "," in core[3][0][1]:       # (W^{ll})^{(t-1)}: shared weights
                return body
            return ("sc", ("paren", inner[1], body), sub, sup, primes)
        idx = _indices(_atoms(sub)) if sub else []
        if inner[0] == "paren" and inner[1] == "[" and idx:                # [M]_{ij}: a component of M
            body = ("paren", "[", self.node(inner[2]))
            return _wrap(("sc", body, None, sup, primes) if sup or primes else body, idx)
        return ("sc", self.node(inner), sub, sup, primes)

    # ------------------------------------------------------------------ derivatives
    def frac(self, n, repair=False):
        _, num, den = n
        if _plain(num, "\\partial") and den[0] == "pre" and den[1] == "partial":     # \frac{\partial}{\partial W_{ij}}
            core, idx = _unwrap(self.node(den[3]))
            return ("dop", ("frac", num, ("pre", "partial", None, core)), idx)
        if num[0] != "pre" or num[1] != "partial":
            return ("frac", self.node(num), self.node(den))
        top = self.node(num[3])
        if den[0] == "pre" and den[1] == "partial":
            bottom = self.node(den[3])
        elif den[0] in ("sym", "sc") and _cost(top):
            if not repair:
                return ("illtyped", f"{_tex(n)} has no \\partial in its denominator: the cost divided by "
                                    f"{_tex(den)} is not a gradient (write \\frac{{\\partial {_tex(num[3])}}}"
                                    f"{{\\partial {_tex(den)}}})")
            bottom = self.node(den)
        else:
            return ("frac", self.node(num), self.node(den))
        t, ti = _unwrap(top)
        b, bi = _unwrap(bottom)
        return _wrap(("frac", ("pre", "partial", None, t), ("pre", "partial", None, b)), ti + bi)

    def mul(self, n):
        items = [self.node(x) for x in n[1]]
        ops = list(n[2])
        for k, it in enumerate(items):
            if it[0] == "dop":                       # \frac{\partial}{\partial W_{ij}} (...): a component of d/dW (...)
                _, frac, idx = it
                tail = [frac] + items[k + 1:]
                inner = ("mul", tail, [None] + ops[k + 1:]) if len(tail) > 1 else frac
                items = items[:k] + [_wrap(inner, idx)]
                ops = ops[:k + 1]
                break
        if len(items) == 1:
            return items[0]
        return ("mul", items, ops)

    def big(self, n):
        _, kind, sub, sup, body = n
        var, lo = None, 1
        if sub and kind == "sum":
            it = sub[0]
            if it[0] == "eq" and it[2][0] == "num":
                names = _index_name(it[1])
                var, lo = (names[0] if names and len(names) == 1 else None), int(float(it[2][1]))
            else:
                names = _index_name(it)
                var = names[0] if names and len(names) == 1 else None
        if (self.plan.bracketed or self.plan.indexed is not None) and sub and kind == "sum":
            it = sub[0]
            name = it[1] if it[0] == "eq" else it
            var = name[1] if _plain(name) and len(name[1]) == 1 and name[1].islower() else None
            if self.plan.indexed is not None:           # \sum_{k=1}^C y_{t, k}: k a component index of y_t
                from .compindex import letters
                others = letters(body, self.plan.indexed)
                used = var in others
                others = others - {var}
                steps = any(n[0] == "sym" and n[1] in ("T", "t") for x in sup or [] for n in walk(x))
            else:
                used = var is not None and any(n[0] == "sym" and any(var in (_bracket_index(a) or ())
                                                                     for a in _atoms(n[3])) for n in walk(body))
                others = {x for n in walk(body) if n[0] == "sym" for a in _atoms(n[3]) for x in _bracket_index(a) or ()}
                steps = var in ("t", "k", "tau") or any(n[0] == "sym" and n[1] in ("T", "t")
                                                        for x in sup or [] for n in walk(x))
            if var is not None and not used and others and not steps:
                # the row fails; a forward row is still run (leniently) with the summand indexed by the sum's
                # letter when it names one other index (e^{\theta_{[i]}} under \sum_j), so later rows see the
                # quantity the author meant instead of a value that depends on nothing
                hi = int(sup[0][1]) if sup and sup[0][0] == "num" else None
                meant = ("isum", var, 1, hi, _rename_index(self.node(body), min(others), var)) \
                    if len(others) == 1 else None
                return ("illtyped", f"the sum over {var} never uses {var}: every term is the same (its summand is "
                                    f"indexed by {', '.join(sorted(others))})", meant)
            if not used:
                var = None                  # \sum_{k=1}^{T}: over the steps, not over a bracketed component
        body = self.node(body)
        if var is None:
            return ("big", kind, sub, sup, body)
        hi = int(sup[0][1]) if sup and sup[0][0] == "num" else None
        if lo == 0 and hi is None:          # \sum_{j=0}^{V-1}: numbered from 0, over every component
            lo = 1
        return ("isum", var, lo, hi, body)


def _renamed(n, old, new):
    """A subscript item with the plain letter ``old`` written ``new``."""
    if n[0] == "sym" and _plain(n, old):
        return _sym(new)
    if n[0] == "add":
        return ("add", [(s, _renamed(t, old, new)) for s, t in n[1]])
    if n[0] == "paren":
        return ("paren", n[1], _renamed(n[2], old, new))
    return n


def _cost(node) -> bool:
    return node[0] == "sym" and node[1] == "L" and node[3] is None


def _wrap(node, idx):
    return ("comp", node, list(idx)) if idx else node


def _rename_index(n, old, new):
    """The lowered tree with the component index ``old`` written ``new``."""
    if isinstance(n, list):
        return [_rename_index(x, old, new) for x in n]
    if not isinstance(n, tuple):
        return n
    if n and n[0] == "comp":
        return ("comp", _rename_index(n[1], old, new), [new if x == old else x for x in n[2]])
    return tuple(_rename_index(x, old, new) for x in n)


def _unwrap(node):
    if node[0] == "comp":
        return node[1], list(node[2])
    return node, []


def _coefficients(layer):
    """A smooth activation for each layer, tanh(a x + b) + c x with (a, b, c) of the layer."""
    return (0.8 + 0.15 * layer, 0.3 - 0.2 * layer, 0.2 + 0.05 * layer)


def _componentwise_definition(tree, free) -> bool:
    r"""A row without derivatives whose left side is one name's component at the free indices
    (``\hat y_{[i]} = e^{\theta_{[i]}} / \sum_j e^{\theta_{[j]}}``): the definition of the whole vector."""
    parts = tree[1]
    lhs = parts[0]
    return len(parts) == 2 and tree[2] == ["="] and lhs[0] == "comp" and lhs[1][0] == "sym" and \
        list(lhs[2]) == list(free) and not any(n[0] in ("pre", "gstep", "gpart", "dop") for n in walk(tree))


def _whole(tree) -> bool:
    """A vectorized row that reads no component at a free index any more and has no ill-typed part (a sum over
    i of exp(g_{t, j}): its instances are checked one by one instead)."""
    return not _free(tree) and not any(n[0] == "illtyped" for n in walk(tree))


def _vectorized(n, free):
    """The row with its components at the free indices read as the vectors (element-wise)."""
    if isinstance(n, list):
        return [_vectorized(x, free) for x in n]
    if not isinstance(n, tuple) or not n:
        return n
    if n[0] == "comp" and all(x in free for x in n[2]):
        return _vectorized(n[1], free)
    return tuple(_vectorized(x, free) if isinstance(x, (tuple, list)) else x for x in n)


def _free(tree):
    """Component indices of a row not bound by a sum, in order of appearance."""
    out = []

    def walk(n, bound):
        if isinstance(n, list):
            for x in n:
                walk(x, bound)
            return
        if not isinstance(n, tuple) or not n:
            return
        if n[0] in ("comp", "kron"):
            for x in (n[2] if n[0] == "comp" else n[1]):
                if isinstance(x, str) and x not in bound and x not in out:
                    out.append(x)
            if n[0] == "comp":
                walk(n[1], bound)
            return
        if n[0] == "isum":
            walk(n[4], bound | {n[1]})
            return
        for x in n[1:]:
            if isinstance(x, (tuple, list)):
                walk(x, bound)

    walk(tree, frozenset())
    return out


def _bind(n, bind):
    if isinstance(n, list):
        return [_bind(x, bind) for x in n]
    if not isinstance(n, tuple) or not n:
        return n
    if n[0] == "comp":
        return ("comp", _bind(n[1], bind), [bind.get(x, x) if isinstance(x, str) else x for x in n[2]])
    if n[0] == "kron":
        return ("kron", [bind.get(x, x) if isinstance(x, str) else x for x in n[1]])
    if n[0] == "isum" and n[1] in bind:
        return n
    return tuple(_bind(x, bind) if isinstance(x, (tuple, list)) else x for x in n)


def _tex(n) -> str:
    """A short LaTeX of a written name (for messages)."""
    if n[0] == "sym":
        base = f"\\{n[1]}" if n[1] in ("partial", "delta", "sigma") else n[1]
        out = f"\\{n[2]}{{{base}}}" if n[2] else base
        if n[4]:
            out += "^{" + ",".join(_tex(x) for x in n[4]) + "}"
        if n[3]:
            out += "_{" + ",".join(_tex(x) for x in n[3]) + "}"
        return out
    if n[0] == "num":
        return n[1]
    if n[0] == "add":
        return "".join(("" if k == 0 and s == "+" else s) + _tex(t) for k, (s, t) in enumerate(n[1]))
    if n[0] == "mul":
        return " ".join(_tex(x) for x in n[1])
    if n[0] == "paren":
        return "(" + _tex(n[2]) + ")"
    if n[0] == "pre":
        return f"\\{n[1]} {_tex(n[3])}"
    if n[0] == "frac":
        return f"\\frac{{{_tex(n[1])}}}{{{_tex(n[2])}}}"
    if n[0] == "sc":
        return _tex(n[1]) + ("_{" + ",".join(_tex(x) for x in n[2]) + "}" if n[2] else "") + \
            ("^{" + ",".join(_tex(x) for x in n[3]) + "}" if n[3] else "")
    return "..."
