r"""``\sigma'(s)`` with s the output of another activation: the derivative of s's activation, at its input.

Course notes write the activation generically as \sigma in the backward rows while their forward rows apply a
named one (``s1 = Tanh(h1)``; Microsoft AI-Edu: "\sigma'(s1) 表示激活函数的导数，s1 是激活函数的数值", the
activation's derivative, s1 its value). Where no forward row applies \sigma (or sigmoid) and the argument of
``\sigma'`` is a name a forward row defines as an element-wise function word of another name (``s = F(h)``),
``\sigma'(s)`` is read as ``F'(h)`` at the argument's step: the derivative of the activation that made s.
(Read literally, the sigmoid's derivative of a tanh output, it would be the logistic function of a value the cell
never feeds it.) The trees are rebuilt; nothing is evaluated.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from ..text.trees import walk

__all__ = ["activation_primes"]

#: The generic activation letters read so, and the function words that make them the sigmoid.
GENERIC = ("sigma",)
#: Function kinds a value may come out of (element-wise, with a derivative of their own).
_ELEMENTWISE = ("tanh", "identity")


def _primes(node) -> int:
    if node[0] != "sym" or node[1] not in GENERIC or node[2] is not None or node[3] is not None:
        return 0
    if node[4] is None:
        return node[5]
    if all(x == ("prime",) for x in node[4]) and not node[5]:
        return len(node[4])
    return 0


def _activation_of(defs):
    """name -> (function word, argument name node) of the forward rows ``s = F(h)``."""
    out = {}
    for d in defs:
        n = d.node
        if len(d.keys) != 1 or n[0] != "mul" or len(n[1]) != 2 or n[2][1] is not None:
            continue
        f, arg = n[1]
        if f[0] == "sym" and f[3] is None and f[4] is None and not f[5] and \
                FUNCTION_WORDS.get(f[1], ("",))[0] in _ELEMENTWISE and arg[0] == "paren" and arg[2][0] == "sym" \
                and arg[2][3] is None and arg[2][4] is None and not arg[2][5]:
            out[d.keys[0]] = (f[1], arg[2])
    return out


def activation_primes(rows, forward, model):
    """``rows`` with ``\\sigma'(s)`` read as ``F'(h)`` where the forward rows define ``s = F(h)`` (module doc)."""
    defs = [d for d in model.defs if getattr(d, "at", 0) == 0]
    for d in defs:
        if any(n[0] == "sym" and (n[1] in GENERIC or FUNCTION_WORDS.get(n[1], ("",))[0] == "sigmoid")
               for n in walk(d.node)):
            return rows
    made = _activation_of(defs)
    if not made:
        return rows
    return [r if r is None or k in forward else _rewrite(r, made) for k, r in enumerate(rows)]


def _rewrite(node, made):
    if not isinstance(node, tuple) or not node or not isinstance(node[0], str):
        return node
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple):
            out.append(_rewrite(x, made))
        elif isinstance(x, list):
            out.append([_rewrite(y, made) if isinstance(y, tuple) and y and isinstance(y[0], str)
                        else (y[0], _rewrite(y[1], made)) if isinstance(y, tuple) and len(y) == 2 and
                        y[0] in ("+", "-") else y for y in x])
        else:
            out.append(x)
    node = tuple(out)
    if node[0] != "mul":
        return node
    items = list(node[1])
    for j in range(len(items) - 1):
        p = _primes(items[j])
        arg = items[j + 1]
        if not p or node[2][j + 1] is not None or arg[0] != "paren" or arg[2][0] != "sym" or arg[2][2] is not None \
                or arg[2][5] or arg[2][4] is not None and any(x != ("prime",) for x in arg[2][4]):
            continue
        got = made.get(arg[2][1])
        if got is None:
            continue
        fname, inner = got
        items[j] = ("sym", fname, None, None, None, p)
        items[j + 1] = ("paren", "(", ("sym", inner[1], inner[2], arg[2][3], arg[2][4], 0))
    return ("mul", items, node[2])


def gate_derivatives(rows, forward, vocab):
    r"""``rows`` with the derivative of a unit's function named by the unit (``{\sigma_{i_t}}'``,
    ``\sigma'_{f_t}``, ``\tanh'_{\tilde c_t}``) written out through the unit's value: ``i_t (1 - i_t)`` for a
    sigmoid unit, ``1 - \tilde c_t \odot \tilde c_t`` for a tanh one. Only where the subscript is a quantity
    whose row applies that very function (its pre-activation is known); any other stays as written."""
    from ..text.names import NotReadable, resolve
    from ..text.trees import rebuild
    words = {"sigma": "sigmoid", "sigmoid": "sigmoid", "tanh": "tanh"}

    def fix(n):
        if n[0] != "sym" or n[1] not in words or n[2] is not None or not n[3] or len(n[3]) != 1 or \
                not (n[5] or n[4] == [("prime",)]) or n[3][0][0] != "sym":
            return n
        q = n[3][0]
        try:
            key = resolve(q, vocab).key
        except NotReadable:
            return n
        if vocab.preacts.get(key, (None,))[0] != words[n[1]]:
            return n
        one = ("num", "1")
        if words[n[1]] == "sigmoid":
            body = ("mul", [q, ("paren", "(", ("add", [("+", one), ("-", q)]))], [None, "odot"])
        else:
            body = ("add", [("+", one), ("-", ("mul", [q, q], [None, "odot"]))])
        return ("paren", "(", body)
    return [r if r is None or k in forward else rebuild(r, fix) for k, r in enumerate(rows)]
