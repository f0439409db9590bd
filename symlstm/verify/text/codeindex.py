r"""Code indexing of a sequence by the step: ``x[t]`` is ``x_t``, ``dcs[t + 1]`` is ``dcs_{t+1}``, ``x_s[t]`` (the
code name ``xs`` typeset with its plural as a subscript) is ``xs_t``.

Code and the comments of code (TensorFlow's ``lstm_ops.h``: ``dcs[t] += tanh'(cs[t]) .* dh[t] .* o[t] + dcs[t + 1]
.* f[t + 1]``) index a sequence with square brackets right after its name. Parsed as written, ``x[t]`` is the
product of x and a bracketed t; it is the value of x at step t. A plain name (no scripts, not a function word)
followed with no operator by a square bracket holding only the step letter ``t``, ``t + n`` or ``t - n`` (n a
whole number) is rewritten as that name with the step as its subscript; so is a component ``y_i[t]``, as
``y_{i,t}``. Any other bracket (``x[i]``, ``W[:, :H]``,
``[x, h]``) is left as written. The trees are rebuilt; nothing is evaluated.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS

__all__ = ["code_time_index"]

#: The letter read as the step inside code brackets (``x[t]``, also ``x[\tau]``); other letters index components
#: (``x[i]``).
STEP_LETTER = "t"


def _step(node) -> bool:
    """t, t + n, t - n."""
    if node[0] == "sym":
        return node[1] in (STEP_LETTER, "tau") and node[2] is None and node[3] is None and node[4] is None and not node[5]
    if node[0] == "add" and len(node[1]) == 2:
        (s0, a), (_, b) = node[1]
        return s0 == "+" and _step(a) and b[0] == "num" and b[1].isdigit()
    return False


def _indexable(node) -> bool:
    return node[0] == "sym" and node[2] is None and node[3] is None and node[4] is None and not node[5] and \
        node[1] not in FUNCTION_WORDS and node[1] != STEP_LETTER


def _plural_subscript(node) -> bool:
    r"""``x_s`` before ``[t]``: the code name ``xs`` (a dictionary of the steps, ``xs[t]``) typeset with its plural
    ``s`` as a subscript, as markdown texts write ``x_s[t]``, ``h_s[t-1]``, ``c_s[t]`` for ``xs[t]``, ``hs[t-1]``,
    ``cs[t]``. Only the single letter s, right before a step bracket: ``W_f[:, :H]`` is a slice."""
    return node[0] == "sym" and node[2] is None and node[4] is None and not node[5] and node[3] is not None and \
        len(node[3]) == 1 and node[3][0] == ("sym", "s", None, None, None, 0) and node[1].isalpha() and \
        node[1] not in FUNCTION_WORDS and node[1] != STEP_LETTER


def _component_subscript(node) -> bool:
    r"""``y_i`` before ``[t]``: a component of a vector at the step (Elman-style notes: ``y_i[t] = g(Y_i[t])``,
    ``x_j[t-1]``, ``\delta^Y_i[t]``), read as ``y_{i,t}``. Only one lowercase index letter (not the step letter,
    not the plural s), and a superscript only on \delta (the quantity it is the gradient of)."""
    return node[0] == "sym" and (node[4] is None or node[1] == "delta") and not node[5] and node[3] is not None and \
        len(node[3]) == 1 and \
        node[3][0][0] == "sym" and node[3][0][2:] == (None, None, None, 0) and len(node[3][0][1]) == 1 and \
        node[3][0][1] in "ijklmnpq" and node[1].isalpha() and node[1] not in FUNCTION_WORDS and \
        node[1] != STEP_LETTER


def _rewrite(node):
    if not isinstance(node, tuple) or not node or not isinstance(node[0], str):
        return node
    if node[0] == "sym":
        return node
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple):
            out.append(_rewrite(x))
        elif isinstance(x, list):
            out.append([(y[0], _rewrite(y[1])) if isinstance(y, tuple) and len(y) == 2 and y[0] in ("+", "-")
                        and isinstance(y[1], tuple)
                        else _rewrite(y) if isinstance(y, tuple)
                        else [_rewrite(z) for z in y] if isinstance(y, list) else y for y in x])
        else:
            out.append(x)
    node = tuple(out)
    if node[0] != "mul":
        return node
    items, ops = list(node[1]), list(node[2])
    k = 0
    while k + 1 < len(items):
        a, b = items[k], items[k + 1]
        inner = a[3] if a[0] == "pre" and a[2] is None and isinstance(a[3], tuple) else a     # \partial c_s[t]
        sup, primes = None, 0
        if b[0] == "sc" and b[2] is None and isinstance(b[1], tuple) and b[1][0] == "paren":     # x[t]^T: (x_t)^T
            b, sup, primes = b[1], b[3], b[4]
        component = _component_subscript(inner) and not _plural_subscript(inner)
        if ops[k + 1] is None and (_indexable(inner) or _plural_subscript(inner) or component) and \
                b[0] == "paren" and b[1] == "[" and _step(b[2]):
            name = inner[1] + "s" if _plural_subscript(inner) else inner[1]       # x_s[t]: xs_t
            indexed = (inner[0], name, inner[2], inner[3] + [b[2]], sup or inner[4], primes) if component else \
                (inner[0], name, None, [b[2]], sup, primes)
            items[k:k + 2] = [indexed if inner is a else (a[0], a[1], a[2], indexed)]
            del ops[k + 1]
        k += 1
    if len(items) == 1:
        return items[0]
    return ("mul", items, ops)


def code_time_index(rows):
    """The rows with ``x[t]`` read as ``x_t`` (module doc); None rows unchanged."""
    return [None if r is None else _rewrite(r) for r in rows]
