r"""A passing row that writes a derivative the reader's reading makes zero: ``\frac{\partial f_t}{\partial c_{t-1}}``
where ``f_t = f(x_t, h_{t-1}; W_f)`` (f_t reads c_{t-1} only through h_{t-1} = o_{t-1} \tanh(c_{t-1}), which the
reader's step Jacobians hold). The author writes the term, so means it through h_{t-1}; in the reader's reading it
vanishes, and the row would pass with the term dropped, or with any factor of it changed. Such a pass proves
nothing: the row is unreadable with that reason.

The test is structural: the numerator's name A at its step, closed over the names its forward row reads at the
same step, never reads the denominator's name B, neither at that step nor at an earlier one.
"""
from __future__ import annotations

from ..text.names import NotReadable, key_latex, resolve
from ..text.trees import symbols, walk

__all__ = ["vanishing_term"]


def _reads(model, vocab):
    """{key: (same-step keys, earlier-step keys)} of the forward rows."""
    tv = vocab.time_var
    out = {}
    for d in model.defs:
        if not getattr(d, "per_step", True) or len(d.keys) != 1:
            continue
        same, earlier = set(), set()
        for n in symbols(d.node):
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            t = r.time
            if t is None or (isinstance(t, tuple) and t[0] == "sym" and t[1] == tv):
                same.add(r.key)
            else:
                earlier.add(r.key)
        s, e = out.setdefault(d.keys[0], (set(), set()))
        s |= same
        e |= earlier
    return out


def _reaches(a, b, reads) -> bool:
    seen, todo, earlier = set(), [a], set()
    while todo:
        k = todo.pop()
        if k in seen:
            continue
        seen.add(k)
        same, e = reads.get(k, (set(), set()))
        earlier |= e
        todo.extend(same - seen)
    return b in seen or b in earlier


def vanishing_term(tree, ev) -> str:
    """The why of such a row (a passing one), or ''."""
    model, vocab = ev.model, ev.vocab
    if model is None or vocab.time_var is None:
        return ""
    reads = None
    for n in walk(tree):
        if n[0] != "frac" or n[1][0] != "pre" or n[2][0] != "pre" or n[1][1] != "partial":
            continue
        num, den = n[1][3], n[2][3]
        if not (isinstance(num, tuple) and isinstance(den, tuple) and num[0] == den[0] == "sym"):
            continue
        try:
            a, b = resolve(num, vocab), resolve(den, vocab)
        except NotReadable:
            continue
        if a.time is None or b.time is None or a.key == b.key or a.time == b.time:
            continue
        reads = _reads(model, vocab) if reads is None else reads
        if a.key not in reads or b.key not in reads:
            continue
        if not _reaches(a.key, b.key, reads):
            return (f"it writes the derivative of {key_latex(a.key)} by {key_latex(b.key)} at another step, which "
                    f"the reader's step Jacobians make zero ({key_latex(a.key)}'s row reads {key_latex(b.key)} only "
                    f"through other names, which they hold): the author means it through them, not read")
    return ""
