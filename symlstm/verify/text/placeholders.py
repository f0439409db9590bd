r"""A function's argument left as a placeholder: ``f'(\cdot)``, ``\sigma(\cdot)``.

Texts that discuss a product of Jacobians write the derivative of the activation without its argument: "the
product becomes \prod_{j=k+1}^{t} f'(\cdot) \cdot W_{hh}". The dot stands for the argument the cell applies f to,
at the step the row is about. It is read so only where the rows apply f to one argument (``h_t = f(W_{hh} h_{t-1}
+ W_{xh} x_t + b_h)``, restated with another step letter ``h_j = f(... x_j ...)`` counts as the same one): the
placeholder becomes that argument at the step of the innermost ``\prod``/``\sum`` index written before it in the
row (``j`` in ``\prod_{j=k+1}^{t}``), else at the step letter of the defining row. A function applied to several
arguments (sigma in an LSTM: which gate?) or to none leaves the row unreadable (rowparse's placeholder message).
"""
from __future__ import annotations

import re

from .rowparse import parse_row
from .latexparse import LatexError
from .trees import rebuild, walk

__all__ = ["fill_placeholders"]

#: A function name (one letter or \sigma, \tanh), primes, then ``(\cdot)``.
_CALL = re.compile(r"(?P<f>\\sigma|\\tanh|(?<![A-Za-z\\])[a-zA-Z])(?P<p>(?:'|\^\{?\\prime\}?)*)\s*"
                   r"(?:\\left)?\(\s*\\cdot\s*(?:\\right)?\)")
#: The index of a \prod or \sum written before the placeholder: \prod_{j=k+1}^{t}, \sum_{k=1}^{t}.
_INDEX = re.compile(r"\\(?:prod|sum)\s*_\s*\{?\s*([a-z])\s*=")
_MARK = "cdotplaceholder"


def _applications(rows, fname):
    """{(normalized argument, step letter)} of the rows ``q_s = f(A)`` (the argument with s as written)."""
    out = []
    for tree in rows:
        if tree is None or tree[0] != "row" or len(tree[1]) != 2 or list(tree[2]) != ["="]:
            continue
        lhs = tree[1][0]
        if lhs[0] != "sym" or not lhs[3] or len(lhs[3]) != 1 or lhs[3][0][0] != "sym" or len(lhs[3][0][1]) != 1:
            continue
        letter = lhs[3][0][1]
        for n in walk(tree[1][1]):
            if n[0] != "mul":
                continue
            items = n[1]
            for a, b in zip(items, items[1:]):
                if a[0] == "sym" and a[1] == fname and not a[5] and a[3] is None and a[4] is None and \
                        b[0] == "paren" and b[1] == "(":
                    out.append((b[2], letter))
    return out


def _with_letter(node, old, new):
    return rebuild(node, lambda n: ("sym", new) + n[2:] if n[0] == "sym" and n[1] == old and n[2] is None and
                   not n[3] and not n[4] and not n[5] else n)


def fill_placeholders(texts, rows, errors):
    """Rows whose parse failed on a ``f(\\cdot)`` placeholder, read with the argument (module doc); in place."""
    for k, e in list(errors.items()):
        if "placeholder" not in str(e) or rows[k] is not None:
            continue
        text = texts[k]
        calls = list(_CALL.finditer(text))
        if not calls:
            continue
        fills = []
        for m in calls:
            fname = m.group("f").lstrip("\\")
            apps = _applications(rows, fname)
            forms = {repr(_with_letter(arg, s, "\u00a7")) for arg, s in apps}
            if len(forms) != 1:
                break
            arg, s = apps[0]
            idx = _INDEX.findall(text[:m.start()])
            fills.append(_with_letter(arg, s, idx[-1] if idx else s))
        else:
            new = text
            for m in reversed(calls):
                new = new[:m.start()] + m.group("f") + m.group("p") + f"({_MARK})" + new[m.end():]
            try:
                tree = parse_row(new)
            except LatexError:
                continue
            it = iter(fills)
            tree = rebuild(tree, lambda n: next(it) if n[0] == "sym" and n[1] == _MARK else n)
            rows[k] = tree
            del errors[k]
