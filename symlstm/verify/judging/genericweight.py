r"""A generic weight: ``\frac{\partial E}{\partial W}`` where the forward rows define only labelled weights
``W_{hh}``, ``W_{xh}``, ``W_{hy}`` (``W^{(hh)}``, ...), as vanishing-gradient notes write it ("the weights W").

The text does not say which weight W is, so the row is read once for each weight it can be, and decided only
where every such reading agrees: it passes when it holds for each, fails when it fails for each, and is
unreadable (naming the readings that disagree) otherwise. The weights it can be are the labelled weights of the
stem W; a weight is not one the author can mean where it makes a derivative the row writes zero by the forward
rows' structure (``\frac{\partial h_k}{\partial W}`` with W = W_{hy}: h never reads W_{hy}, at any step): nobody
writes a term that vanishes by its own notation (the principle of ``numeric/vanish.py``). Where no weight is left,
the row stays unreadable.

What a wrong row could gain: none. A row wrong for the weight the author means fails under that reading, so it
never passes (it fails when wrong for all, else is unreadable); a row passes only when it holds for every weight
it can be.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, key_latex, resolve
from ..text.trees import symbols, walk
from .eachreading import by_names, judged_as_each, readings_listed
from .report import RowResult

__all__ = ["generic_weight", "every_weight"]


def generic_weight(tree, ev, generic_stem):
    """The key of a generic weight stem the row differentiates by (``W``), or None; ``generic_stem`` is
    links.generic_stem (passed in: the import chain stays short)."""
    vocab = ev.vocab
    if getattr(ev, "model", None) is None:
        return None
    keys = set()
    for n in by_names(tree):
        d = n[2][3]
        if len(d[1]) != 1 or not d[1].isupper() or d[2] is not None or d[3] or d[4] is not None:
            continue
        try:
            key = resolve(d, vocab).key
        except NotReadable:
            return None
        if vocab.known(key) or key in vocab.aliases or key in ev.derived:
            continue
        if generic_stem(key, tree[1], vocab):
            keys.add(key)
    return next(iter(keys)) if len(keys) == 1 else None


def _closure(model, vocab):
    """{key: every key its forward row reads, at any step, transitively}."""
    direct = {}
    for d in model.defs:
        for k in d.keys:
            s = direct.setdefault(k, set())
            for n in symbols(d.node):
                try:
                    s.add(resolve(n, vocab).key)
                except NotReadable:
                    continue
    out = {}
    for k in direct:
        seen, todo = set(), list(direct[k])
        while todo:
            x = todo.pop()
            if x in seen:
                continue
            seen.add(x)
            todo.extend(direct.get(x, ()))
        out[k] = seen
    return out


def _candidates(stem, tree, ev):
    """The labelled weights of ``stem`` (W_{hh}, W_{hx}, ...) the row can mean: those under which no derivative
    the row writes by W, of a quantity of the forward rows, is zero by structure."""
    params = sorted((p for p in ev.model.params if str(p).partition("_")[0] == stem and str(p) != stem), key=str)
    reads = _closure(ev.model, ev.vocab)
    nums = []
    for n in by_names(tree):
        if n[2][3][1] != stem or n[1][0] != "pre" or n[1][3] is None or n[1][3][0] != "sym":
            continue
        try:
            nums.append(resolve(n[1][3], ev.vocab).key)
        except NotReadable:
            continue
    return [p for p in params if all(k not in reads or p in reads[k] for k in nums)]


def _other_loss(tree, ev) -> str:
    """Why the row's loss is a guess: it differentiates a loss under a name (E) other than the one the forward
    rows define (J = ...), which the reader reads as that loss (a mean of the steps' losses may be meant as
    their sum); '' when every loss the row writes is the defined one, or the rows define none."""
    defined = {d.keys[0] for d in getattr(ev.model, "loss_rows", None) or ()}
    if not defined:
        return ""
    for n in walk(tree):
        if n[0] == "frac" and n[1][0] == "pre" and n[1][3] is not None and n[1][3][0] == "sym" and \
                n[1][3][1] in LOSS_NAMES:
            try:
                key = resolve(n[1][3], ev.vocab).key
            except NotReadable:
                continue
            if key in LOSS_NAMES and key not in defined:
                return (f"the loss {key_latex(key)}, which no row defines, read as the loss the rows define "
                        f"({', '.join(key_latex(k) for k in sorted(defined))})")
    return ""


def every_weight(stem, judge, tree, eq, ev, strict, seconds) -> RowResult:
    """The row judged with the generic weight read as each weight it can be (``judge`` the row judge)."""
    name = key_latex(stem)
    cands = _candidates(stem, tree, ev)
    if not cands:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why=f"\\partial/\\partial {name} names the weights {name} generically, and no weight of the "
                             f"rows is one every derivative by {name} the row writes depends on")
    results = judged_as_each(stem, cands, judge, tree, eq, ev, strict, seconds)
    listed = ", ".join(key_latex(p) for p in cands)
    statuses = {r.status for _, r in results}
    if statuses == {"pass"}:
        r = results[0][1]
        r.reading = "step" if any(x.reading == "step" for _, x in results) else r.reading
        r.why = "; ".join(x for x in (f"{name} (the weights, generically) read as each weight it can be ({listed}): "
                                      f"it holds for each", r.why) if x)
        return r
    other = _other_loss(tree, ev)
    if statuses == {"fail"} and other:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why=f"\\partial/\\partial {name} names the weights {name} generically; read as each weight "
                             f"it can be ({listed}) the row fails, but with {other}: the fail may be the loss's "
                             f"reading, not the row's")
    if statuses == {"fail"}:
        p, r = results[0]
        r.why = f"{name} (the weights, generically) fails read as each weight it can be ({listed}); as {key_latex(p)}: " \
            f"{r.why}"
        return r
    parts = readings_listed(results)
    return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                     why=f"\\partial/\\partial {name} names the weights {name} generically; the readings as each "
                         f"weight it can be disagree ({parts}): which is meant is not read")
