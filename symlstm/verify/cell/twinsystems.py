r"""Two statements of one recurrence in two spellings: ``S_k = f(S_{k-1} W_{rec} + X_k W_x)`` (the general form)
and ``s_k = s_{k-1} w_{rec} + x_k w_x`` (the model the text then works with), whose backward rows mix the
spellings (``\partial S_k / \partial S_{k-1} = w_{rec}``).

The forward rows fall into two systems that share no name. They are one system written twice when

* their names correspond one to one apart from the case of their letters (S and s, W_{rec} and w_{rec}; bold
  and plain already name one quantity), and
* their rows have the same form under that correspondence, except that one of them may apply a function no row
  defines to the other's right side (``f(...)``: the general form, whose f the model fixes as the identity).

The model is then built from the concrete statement; every name of the general one is an alias of its twin
(its row stays a forward row). Anything else - names that do not pair up, forms that differ, a defined function
(``\tanh``) in one of them - keeps the systems separate (judging/systems.py: such a row is not read)."""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from ..text.names import keys_in
from ..text.trees import walk

__all__ = ["identify_twin_systems"]


def _systems(defs, vocab) -> list:
    """The defs grouped by the names they share: [[def, ...], ...]."""
    groups = []
    for d in defs:
        names = _names(d, vocab)
        hit = [g for g in groups if g[1] & names]
        merged = ([d], set(names))
        for g in hit:
            merged[0][:0] = g[0]
            merged[1].update(g[1])
            groups.remove(g)
        groups.append(merged)
    return groups


def _names(d, vocab) -> set:
    return {k for k in keys_in([d.node], vocab) | set(d.keys) if k not in FUNCTION_WORDS and k not in vocab.functions}


def _abstract(name, vocab) -> bool:
    return name in vocab.functions and name not in FUNCTION_WORDS and name not in vocab.activations


def _canon(node, vocab):
    """The tree with every name's letters in lower case and juxtaposition and \\cdot read alike."""
    if isinstance(node, tuple):
        if node and node[0] == "sym" and isinstance(node[1], str):
            return ("sym", node[1].lower()) + tuple(_canon(x, vocab) for x in node[2:])
        if node and node[0] == "mul":
            return ("mul", _canon(node[1], vocab), tuple(None if op == "cdot" else op for op in node[2]))
        return tuple(_canon(x, vocab) for x in node)
    if isinstance(node, list):
        return [_canon(x, vocab) for x in node]
    return node


def _unwrapped(node, vocab):
    """``f(e)`` with f a function no row defines -> e, else None."""
    if node[0] == "mul" and len(node[1]) == 2 and node[2][1] is None and node[1][0][0] == "sym" and \
            node[1][0][2:] == (None, None, None, 0) and _abstract(node[1][0][1], vocab) and \
            node[1][1][0] == "paren" and node[1][1][1] == "(":
        return node[1][1][2]
    return None


def _same_form(a, b, vocab) -> int:
    """1 if ``a``'s body is ``b``'s, 2 if a = f(b's body) (a the general form), -1 if b = f(a's), else 0."""
    ca, cb = _canon(a, vocab), _canon(b, vocab)
    if ca == cb:
        return 1
    ua, ub = _unwrapped(a, vocab), _unwrapped(b, vocab)
    if ua is not None and _canon(ua, vocab) == cb:
        return 2
    if ub is not None and _canon(ub, vocab) == ca:
        return -1
    return 0


def identify_twin_systems(defs, vocab) -> list:
    """The defs with the general statement of a recurrence stated twice dropped, its names aliased to the
    concrete statement's (module doc); ``defs`` unchanged when the rule does not apply."""
    groups = _systems(defs, vocab)
    if len(groups) != 2:
        return defs
    (da, na), (db, nb) = groups
    if len(da) != len(db) or any(len(d.keys) != 1 for d in da + db):
        return defs
    low_a, low_b = {n.lower(): n for n in na}, {n.lower(): n for n in nb}
    if len(low_a) != len(na) or len(low_b) != len(nb) or set(low_a) != set(low_b):
        return defs                       # names that do not pair up one to one by case
    if any(any(n[0] == "sym" and n[1] in vocab.functions and not _abstract(n[1], vocab) and
               n[1] not in FUNCTION_WORDS for n in walk(d.node)) for d in da + db):
        return defs
    verdicts = set()
    for d in da:
        twin = [e for e in db if e.keys[0].lower() == d.keys[0].lower()]
        if len(twin) != 1:
            return defs
        v = _same_form(d.node, twin[0].node, vocab)
        if v == 0:
            return defs
        verdicts.add(v)
    if verdicts == {2, -1} or verdicts == {2, 1, -1}:
        return defs                       # each general in some row: no one concrete statement
    general, concrete = (da, db) if -1 not in verdicts else (db, da)
    names_g = na if general is da else nb
    low_c = low_b if general is da else low_a
    for n in names_g:
        twin = low_c[n.lower()]
        if twin != n:
            vocab.aliases[n] = twin
            if n in vocab.quantities:
                vocab.quantities.remove(n)
    dropped = {id(d) for d in general}
    return [d for d in defs if id(d) not in dropped]
