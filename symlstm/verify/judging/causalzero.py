r"""A passing row that writes the derivative of a quantity by one of a later step: ``\frac{\partial h_{j-1}}{\partial
h_j}``.

A quantity of step j - 1 is computed before step j: its derivative by anything of step j is zero by causality.
Nobody writes a term that is zero by its own notation (the author has the sides of the fraction swapped, or
means a transposed layout), so a row that passes with such a term proves nothing: with the term zero, the
factors it multiplies are never tested (``\sum_k \frac{\partial L_t}{\partial h_t} \prod_{j=k+1}^{t}
\frac{\partial h_{j-1}}{\partial h_j} \frac{\partial h_k}{\partial W}`` keeps only its k = t term and would pass).
Such a row is unreadable with that reason. Fails are kept (a wrong row stays wrong).

Steps are compared when both names carry a time script of one letter with a whole-number offset (``h_{j-1}``,
``h_j``, ``c^{(t+1)}``); anything else is not judged here.
"""
from __future__ import annotations

from ..text.names import NotReadable, key_latex, resolve
from ..text.trees import walk

__all__ = ["causal_zero"]


def _step(time):
    """(letter, offset) of a time script t / t + n / t - n, else None."""
    if time is None:
        return None
    if time[0] == "paren" and time[1] == "(":
        return _step(time[2])
    if time[0] == "sym" and isinstance(time[1], str) and time[2:] == (None, None, None, 0):
        return time[1], 0
    if time[0] == "add" and len(time[1]) == 2 and time[1][0][0] == "+" and time[1][0][1][0] == "sym":
        letter = _step(time[1][0][1])
        sign, n = time[1][1]
        if letter is not None and n[0] == "num" and n[1].isdigit():
            return letter[0], int(n[1]) if sign == "+" else -int(n[1])
    return None


def _bare(node):
    """The name without its scripts."""
    return ("sym", node[1], node[2], None, None, node[5])


def _written_step(node):
    """(letter, offset) of the one time script of a name (``h_{j-1}``, ``h^{(t)}``), else None."""
    scripts = [x for x in (node[3], node[4]) if x]
    if len(scripts) != 1 or len(scripts[0]) != 1:
        return None
    item = scripts[0][0]
    if scripts[0] is node[4] and not (item[0] == "paren" and item[1] == "("):
        return None         # h^2: a power, not a step
    step = _step(item)
    return step if step is not None and len(step[0]) == 1 else None


def causal_zero(tree, ev) -> str:
    """The why of a row writing such a derivative, or ''."""
    vocab = ev.vocab
    for n in walk(tree):
        if n[0] != "frac" or n[1][0] != "pre" or n[2][0] != "pre":
            continue
        num, den = n[1][3], n[2][3]
        if not (isinstance(num, tuple) and isinstance(den, tuple) and num[0] == den[0] == "sym"):
            continue
        try:
            a, b = resolve(_bare(num), vocab), resolve(_bare(den), vocab)
        except NotReadable:
            continue
        if a.key not in vocab.quantities or b.key not in vocab.quantities:
            continue
        sa, sb = _written_step(num), _written_step(den)
        if sa is None or sb is None or sa[0] != sb[0] or sa[1] >= sb[1]:
            continue
        return (f"it writes the derivative of {key_latex(a.key)} by {key_latex(b.key)} of a later step, which is zero "
                f"(a quantity is computed before the later step's): the sides of that derivative are evidently "
                f"swapped, and with it zero the rest of its term is never tested; not read")
    return ""
