r"""Underbrace labels that are names, read as definitions: ``\underbrace{EXPR}_{\delta_{t[i]}^{(k)}}`` defines
the name as EXPR for the other rows (never a row of its own, never reported).

A later use of the name is replaced by its EXPR (in brackets) before the rows are read:

* components ``[i]`` on both sides read as the whole vector: a use at ``[p]`` renames ``i`` to ``p`` in EXPR, a
  use without a component drops ``[i]`` from EXPR;
* a name defined at a step ``^{(k)}`` (or ``^{(k-1)}``) whose letter k appears nowhere else in the name is a
  template in k: a use at ``^{(k-1)}`` or ``^{(t)}`` moves EXPR's steps in k with it;
* a name whose step letter appears elsewhere in it (``\delta_t^{(t)}``: t the loss's step and the model's time
  letter) is read only exactly as written; a use at another step stays undefined (unreadable), never moved.

Labels that are prose (``\text{Eq. 6.1.1}``, ``Equals 1.``, ``???``) define nothing; ``\text{Call it $c^{(t)}$}``
names the math inside it.
"""
from __future__ import annotations

from .latexparse import LatexError
from .rowparse import parse_expression
from .rowtokens import _group_end, _prepare, _tokens

__all__ = ["definitions", "rewrite_rows"]

#: Words of a prose label around the name it gives (``\text{Call it $c_{[i]}^{(t)}$}``).
_NAMING_WORDS = {"call", "it", "denote", "denoted", "by", "as", "let", "be", "this", "is", "named", "write", "we"}


def _raw_tokens(text):
    """The row's tokens with the wrappers kept (the labels are read from them)."""
    return _tokens(_prepare(text), unwrap=False)


def _label_pairs(text):
    r"""(label text, part text) of each ``\underbrace{part}_{label}`` of a row (nested ones too)."""
    try:
        toks = _raw_tokens(text)
    except LatexError:
        return []
    src = _prepare(text)
    out = []
    for j, (kind, val, pos) in enumerate(toks):
        if kind != "cmd" or val != "underbrace" or toks[j + 1][1] != "{":
            continue
        end = _group_end(toks, j + 1)
        if end >= len(toks) or toks[end][1] != "_" or toks[end + 1][1] != "{":
            continue
        lab_end = _group_end(toks, end + 1)
        part = src[toks[j + 2][2]:toks[end - 1][2]]
        label = src[toks[end + 2][2]:toks[lab_end - 1][2]]
        out.append((label.strip(), part.strip()))
    return out


def _label_name(label):
    """The name a label gives, a tree (``sym``), or None (prose)."""
    import re
    m = re.fullmatch(r"\\text\{\s*([A-Za-z ]*)\$(.+)\$\s*\}", label)
    if m:
        if not set(m.group(1).lower().split()) <= _NAMING_WORDS:
            return None
        label = m.group(2)
    elif re.search(r"\\(text|mathrm|textrm|mbox|textit)\b|\?|\s", label.replace("\\ ", " ").strip()):
        return None
    try:
        tree = parse_expression(label)
    except LatexError:
        return None
    if tree[0] != "sym" or tree[2] is not None or tree[5] or len(tree[1]) < 1:
        return None
    if tree[3] is None and tree[4] is None and len(tree[1]) > 1 and tree[1].isalpha() and tree[1].islower() and \
            tree[1] not in ("delta", "gamma", "epsilon", "alpha", "beta", "eta", "zeta", "theta", "lambda", "mu"):
        return None             # a word, not a name
    return tree


def definitions(texts):
    """[(name tree, part tree), ...] of the labels of the rows ``texts`` that are names."""
    out = []
    for text in texts:
        for label, part in _label_pairs(text or ""):
            name = _label_name(label)
            if name is None:
                continue
            try:
                body = parse_expression(part)
            except LatexError:
                continue
            out.append((name, body))
    return out


# ----------------------------------------------------------------------------------------------- matching
def _bracket(item):
    """The letter of a component item ``[i]``, else None."""
    if item[0] == "paren" and item[1] == "[" and item[2][0] == "sym" and len(item[2][1]) == 1 and \
            item[2][3] is None and item[2][4] is None:
        return item[2][1]
    return None


def _flat(sub):
    """The items of a subscript, ``t[i]`` (one product) as t and [i]."""
    out = []
    for it in sub or []:
        if it[0] == "mul" and all(op is None for op in it[2]):
            out.extend(it[1])
        else:
            out.append(it)
    return out


def _split_sub(sub):
    """(plain items, component letters) of a subscript."""
    plain, comps = [], []
    for it in _flat(sub):
        b = _bracket(it)
        if b is not None:
            comps.append(b)
        else:
            plain.append(it)
    return plain, comps


def _sub_components(sub, ren):
    """A subscript with its components renamed (``ren[i]``) or dropped (``ren[i]`` None); None when empty."""
    out = []
    for it in sub:
        if it[0] == "mul" and all(op is None for op in it[2]):
            inner = _sub_components(it[1], ren) or []
            if len(inner) > 1:
                out.append(("mul", inner, [None] * len(inner)))
            else:
                out.extend(inner)
            continue
        b = _bracket(it)
        if b is not None and b in ren:
            if ren[b] is not None:
                out.append(("paren", "[", ("sym", ren[b], None, None, None, 0)))
            continue
        out.append(_components(it, ren))
    return out or None


def _step(sup):
    """(letter, offset) of a superscript ``(k)``, ``(k-1)``, ``k``; None for anything else."""
    if not sup or len(sup) != 1:
        return None
    it = sup[0]
    if it[0] == "paren" and it[1] == "(":
        it = it[2]
    if it[0] == "sym" and len(it[1]) == 1 and it[1].islower() and it[3] is None and it[4] is None:
        return it[1], 0
    if it[0] == "add" and len(it[1]) == 2 and it[1][0][0] == "+" and it[1][0][1][0] == "sym" and \
            len(it[1][0][1][1]) == 1 and it[1][1][1][0] == "num" and it[1][1][1][1].isdigit():
        s = it[1][0][1]
        if s[3] is None and s[4] is None:
            n = int(it[1][1][1][1])
            return s[1], n if it[1][1][0] == "+" else -n
    return None


def _step_node(letter, offset):
    inner = ("sym", letter, None, None, None, 0) if offset == 0 else \
        ("add", [("+", ("sym", letter, None, None, None, 0)), ("+" if offset > 0 else "-", ("num", str(abs(offset))))])
    return [("paren", "(", inner)]


def _letters(n):
    if isinstance(n, str):
        return {n}
    if isinstance(n, (tuple, list)):
        return set().union(*(_letters(x) for x in n)) if n else set()
    return set()


class _Def:
    def __init__(self, name, body):
        self.name, self.body = name, body
        self.plain, self.comps = _split_sub(name[3])
        self.step = _step(name[4]) if name[4] else None
        others = _letters((name[1], name[3]))
        steps = _steps(body)
        if not name[4] and len(steps) == 1:
            # z_f for (b_f + U_f x^{(t)} + W_f h^{(t-1)}): a name without a step, its expression at step t
            self.step = (next(iter(steps)), 0)
            self.implicit = True
        else:
            self.implicit = False
        # a template in its step letter only when that letter is nowhere else in the name
        self.template = self.step is not None and self.step[0] not in others

    def match(self, use):
        """The replacement of the name ``use`` (a sym), or None when it is not this name."""
        if use[0] != "sym" or use[1] != self.name[1] or use[2] != self.name[2] or use[5] != self.name[5]:
            return None
        plain, comps = _split_sub(use[3])
        if repr(sorted(map(repr, plain))) != repr(sorted(map(repr, self.plain))):
            return None
        if comps and len(comps) != len(self.comps) and not (self.implicit and not self.comps):
            return None
        body = self.body
        if repr(use[4]) != repr(self.name[4]):
            step = _step(use[4]) if use[4] else None
            if not self.template or step is None:
                return None
            letter, off = self.step
            body = _shift(body, letter, step[0], step[1] - off)
        if comps and not self.comps:        # z_{f[i]}: the component of the whole expression
            return ("sc", ("paren", "[", body), [("paren", "[", ("sym", c, None, None, None, 0)) for c in comps], None, 0)
        ren = dict(zip(self.comps, comps)) if comps else {c: None for c in self.comps}
        return ("paren", "(", _components(body, ren))


def _steps(n) -> set:
    """The letters of the steps ``^{(t)}``, ``^{(t-1)}`` written in a tree."""
    out = set()
    if isinstance(n, list):
        for x in n:
            out |= _steps(x)
    elif isinstance(n, tuple) and n:
        if n[0] == "sym" and n[4]:
            st = _step(n[4])
            if st is not None:
                out.add(st[0])
        for x in n[1:]:
            if isinstance(x, (tuple, list)):
                out |= _steps(x)
    return out


def _shift(n, letter, new, delta):
    """The tree with every step ``(letter + c)`` written ``(new + c + delta)`` (superscripts and subscripts)."""
    if isinstance(n, list):
        return [_shift(x, letter, new, delta) for x in n]
    if not isinstance(n, tuple) or not n:
        return n
    if n[0] == "sym":
        sup = n[4]
        if sup:
            st = _step(sup)
            if st is not None and st[0] == letter:
                sup = _step_node(new, st[1] + delta)
            else:
                sup = _shift(sup, letter, new, delta)
        return (n[0], n[1], n[2], _shift(n[3], letter, new, delta) if n[3] else n[3], sup, n[5])
    return tuple(_shift(x, letter, new, delta) if isinstance(x, (tuple, list)) else x for x in n)


def _components(n, ren):
    """The tree with the component ``[i]`` renamed (``ren[i]``) or dropped (``ren[i]`` None)."""
    if isinstance(n, list):
        return [_components(x, ren) for x in n]
    if not isinstance(n, tuple) or not n:
        return n
    if n[0] == "sym" and n[3]:
        return (n[0], n[1], n[2], _sub_components(n[3], ren), _components(n[4], ren) if n[4] else n[4], n[5])
    return tuple(_components(x, ren) if isinstance(x, (tuple, list)) else x for x in n)


def rewrite_rows(rows, texts):
    """The rows with each use of a name an underbrace label defines replaced by its expression; rows the
    labels do not touch are returned as they are (the same objects)."""
    defs = []
    stated = {repr(r[1][0]) for r in rows if r is not None and r[1]}     # names a row's left side states
    for name, body in definitions(texts):
        if repr(name) in stated:
            continue                 # a label on a name a row defines describes it; it does not redefine it
        d = _Def(name, body)
        if d.comps and not _has_components(body, d.comps):
            continue                 # [i] on the name only: not the same vector on both sides
        if not d.comps and _has_any_component(body):
            continue
        defs.append(d)
    if not defs:
        return rows
    # an exact definition first, then the templates
    defs.sort(key=lambda d: not d.template)
    return [_rewrite(r, defs) if r is not None else None for r in rows]


def _has_components(body, comps):
    found = set()

    def walk(n):
        if isinstance(n, (tuple, list)):
            if isinstance(n, tuple) and n and n[0] == "sym" and n[3]:
                found.update(b for b in map(_bracket, _flat(n[3])) if b is not None)
            for x in n:
                walk(x)
    walk(body)
    return set(comps) <= found


def _has_any_component(body):
    found = []

    def walk(n):
        if isinstance(n, (tuple, list)):
            if isinstance(n, tuple) and n and n[0] == "sym" and n[3] and any(_bracket(x) for x in _flat(n[3])):
                found.append(n)
            for x in n:
                walk(x)
    walk(body)
    return bool(found)


def _rewrite(n, defs):
    if isinstance(n, list):
        return [_rewrite(x, defs) for x in n]
    if not isinstance(n, tuple) or not n:
        return n
    if n[0] == "sym":
        exact = [d for d in defs if repr(n[4]) == repr(d.name[4])]
        for d in exact + [d for d in defs if d not in exact]:
            r = d.match(n)
            if r is not None:
                return r
        return n
    return tuple(_rewrite(x, defs) if isinstance(x, (tuple, list)) else x for x in n)
