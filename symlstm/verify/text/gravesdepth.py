r"""Graves' component notation: a general term whose number of nested sums is itself an index, read at one depth.

``\delta_j^{T-n} = ... + \sum_{m=1}^{n} \left( \sum_{h_1=1}^{H} \cdots \sum_{h_m=1}^{H} \prod_{\ell=1}^{m-1}
\theta'(a^{T-(n-\ell)}_{h_\ell}) w_{h_\ell h_{\ell+1}} \cdots \right)`` (the closed form of the BPTT recurrence
that unrolls delta n steps back; written also ``\delta_j^t = ... \sum_{m=1}^{T-t} ...``): a run of sums
``\sum_{h_1} \cdots \sum_{h_m}`` elided by dots, whose length m is the index of an outer sum, and products
``\prod_{\ell=1}^{m-1}`` over numbered units ``h_\ell``. No finite row writes that; at a fixed depth it is
an ordinary row: the depth letter of the left side (n in ``T-n``, t in ``\delta^t`` with the bound T - t) is
fixed so that the outer sum runs to :data:`DEPTH`, the outer sum is written out term by term, each run of
dots becomes its m sums over h_1, ..., h_m, and each product over a numbered range its factors (h_\ell at
\ell = 2 is h_2; an empty product is 1; a product's factors are the parser's: every factor after it).

The row states the closed form for every depth; read at one it can only be found wrong: a caller makes a pass
of such a row unreadable (gravesweights.graves_rows).

Also: ``&= A + \sum_{m=1}^{T-t} \kappa(t, m)`` continuing ``= A + \sum_{m=1}^{T-t} (X)``, with a name (kappa)
that no other row writes applied to letters: the name abbreviates the part of the line above it stands in
place of (:func:`abbreviation`), so the row is read with that part.

Trees are rebuilt, never evaluated (only integer bounds are added up).
"""
from __future__ import annotations

from .trees import rebuild, walk

__all__ = ["DEPTH", "DepthError", "abbreviation", "unroll_depth"]

#: The depth a general term is read at (two terms of the outer sum: one product empty, one not).
DEPTH = 2


class DepthError(Exception):
    """The general term cannot be written out (the reason)."""


def _bare(n, letter=None):
    return n[0] == "sym" and n[2:] == (None, None, None, 0) and (letter is None or n[1] == letter)


def _num(v):
    return ("num", str(v))


def _int(n):
    n = _fold(n)
    if n[0] == "num" and n[1].isdigit():
        return int(n[1])
    if n[0] == "add" and len(n[1]) == 1 and n[1][0][0] == "-" and n[1][0][1][0] == "num" and n[1][0][1][1].isdigit():
        return -int(n[1][0][1][1])
    return None


# ---------------------------------------------------------------------------- integer arithmetic of scripts
def _linear(node, sign, terms):
    """The signed terms of a sum, brackets of sums opened (T - (n - \\ell): T, -n, +\\ell)."""
    if node[0] == "add":
        for s, t in node[1]:
            _linear(t, sign if s == "+" else -sign, terms)
    elif node[0] == "paren" and node[1] == "(" and node[2][0] in ("add", "num", "sym"):
        _linear(node[2], sign, terms)
    else:
        terms.append((sign, node))


def _fold_node(n):
    """Index arithmetic (numbers and bare letters: T - (2 - 1) is T - 1) added up; any other sum as written."""
    if n[0] != "add":
        return n
    terms = []
    _linear(n, 1, terms)
    if not all(t[0] == "num" and t[1].isdigit() or _bare(t) for _, t in terms):
        return n
    const, rest = 0, []
    for s, t in terms:
        if t[0] == "num" and t[1].isdigit():
            const += s * int(t[1])
            continue
        other = next((i for i, (s2, t2) in enumerate(rest) if t2 == t and s2 == -s), None)
        if other is not None:
            rest.pop(other)
        else:
            rest.append((s, t))
    out = [("+" if s > 0 else "-", t) for s, t in rest]
    if const:
        out.append(("+" if const > 0 else "-", _num(abs(const))))
    if not out:
        return _num(0)
    if len(out) == 1 and out[0][0] == "+":
        return out[0][1]
    return ("add", out)


def _fold(tree):
    return rebuild(tree, _fold_node)


def _subst(tree, letter, value):
    """``tree`` with the bare letter ``letter`` replaced by ``value`` everywhere (scripts included), folded."""
    return _fold(rebuild(tree, lambda n: value if _bare(n, letter) else n))


# ---------------------------------------------------------------------------- the notation
def _index(big):
    """(letter node, lower bound) of \\sum_{x=lo}, or None."""
    if not big[2] or len(big[2]) != 1 or big[2][0][0] != "eq":
        return None
    return big[2][0][1], big[2][0][2]


def _run(node):
    r"""(unit letter, bound, last sum) of ``\sum_{h_1=1}^{H} \cdots \sum_{h_m=1}^{H} B``, else None."""
    if node[0] != "big" or node[1] != "sum":
        return None
    ix = _index(node)
    if ix is None or ix[1] != _num(1):
        return None
    first = ix[0]
    if first[0] != "sym" or first[2] is not None or first[4] is not None or first[5] or first[3] != [_num(1)]:
        return None
    body = node[4]
    if body[0] != "mul" or len(body[1]) != 2 or body[1][0] != ("dots",) or body[2][1] is not None:
        return None
    last = body[1][1]
    if last[0] != "big" or last[1] != "sum" or _index(last) is None or _index(last)[1] != _num(1):
        return None
    lx = _index(last)[0]
    if lx[0] != "sym" or lx[1] != first[1] or lx[2] is not None or lx[4] is not None or lx[5] or \
            lx[3] is None or len(lx[3]) != 1 or node[3] != last[3]:
        return None
    return first[1], node[3], last


def _has_run(tree):
    return any(_run(n) is not None for n in walk(tree))


def _depth_sum(node):
    r"""\sum_{m=1}^{U} (... a run of sums whose last index is h_m ...), else None."""
    if node[0] != "big" or node[1] != "sum" or _index(node) is None or not node[3] or len(node[3]) != 1:
        return None
    m, lo = _index(node)
    if not _bare(m) or lo != _num(1) or not _has_run(node[4]):
        return None
    return m[1]


def _mul(factors):
    items, ops = [], []
    for f in factors:
        parts = list(f[1]) if f[0] == "mul" else [f]
        fops = list(f[2]) if f[0] == "mul" else [None]
        if items:
            fops[0] = "cdot" if parts[0][0] in ("paren", "list") else None
        items += parts
        ops += fops
    return items[0] if len(items) == 1 else ("mul", items, ops)


def _reads(node, letter):
    return any(_bare(x, letter) for x in walk(node))


def _last_factor(body):
    return body[1][-1] if body[0] == "mul" else body


def _expand(node):
    """Runs of sums and products over integer ranges written out (bottom-up)."""
    def fn(n):
        run = _run(n)
        if run is not None:
            letter, bound, last = run
            depth = _int(last[2][0][1][3][0])
            if depth is None or depth < 1:
                raise DepthError("the run of sums \\sum_{%s_1} \\cdots has no number of sums" % letter)
            body = last[4]
            idle = [d for d in range(1, depth + 1) if not any(
                x[0] == "sym" and x[1] == letter and x[3] == [_num(d)] for x in walk(body))]
            if idle:        # \prod_{\ell=1}^{0} (...): an empty product left the sums nothing to sum (idlesum.py)
                return ("illtyped", f"at depth {DEPTH}, the sum over {letter}_{idle[0]} never uses {letter}_{idle[0]}: "
                                    f"every term is the same (an empty product takes every factor after it)", None)
            for d in range(depth, 0, -1):
                body = ("big", "sum", [("eq", ("sym", letter, None, [_num(d)], None, 0), _num(1))], bound, body)
            return body
        if n[0] == "big" and n[1] == "prod" and _index(n) is not None and _bare(_index(n)[0]) and n[3] and \
                len(n[3]) == 1:
            lo, hi = _int(_index(n)[1]), _int(n[3][0])
            if lo is None or hi is None:
                return n
            var = _index(n)[0][1]
            if not _reads(_last_factor(n[4]), var):
                raise DepthError("the product's last factor does not read its index: where the product ends is "
                                 "not known")
            if hi < lo:
                return _num(1)
            return _mul([_subst(n[4], _index(n)[0][1], _num(i)) for i in range(lo, hi + 1)])
        return n
    return rebuild(node, fn)


def _step_letter(lhs):
    """The letter of the left side's step other than T (n in T - n, t in t), or None."""
    sup = lhs[4] if lhs[0] == "sym" else None
    if not sup or len(sup) != 1:
        return None
    letters = {n[1] for n in walk(sup[0]) if _bare(n)} - {"T"}
    return next(iter(letters)) if len(letters) == 1 else None


def unroll_depth(tree):
    """(tree, True) with its general term written out at :data:`DEPTH`, (tree, False) when it writes none;
    DepthError when it writes one that cannot be written out."""
    if tree is None or tree[0] != "row" or len(tree[1]) < 2:
        return tree, False
    sums = [n for n in walk(tree) if _depth_sum(n) is not None]
    if not sums:
        return tree, False
    v = _step_letter(tree[1][0])
    if v is None:
        raise DepthError("the general term's depth is not the step of the left side")
    bound = sums[0][3][0]
    for value in (_num(DEPTH), ("add", [("+", ("sym", "T", None, None, None, 0)), ("-", _num(DEPTH))])):
        if _int(_subst(bound, v, value)) == DEPTH:
            break
    else:
        raise DepthError("the bound of the sum over the depth is not read")
    tree = _subst(tree, v, value)

    def outer(n):
        m = _depth_sum(n)
        if m is None:
            return n
        top = _int(n[3][0])
        if top is None:
            raise DepthError("the sum over the depth has no number as its bound")
        terms = [("+", _expand(_subst(n[4], m, _num(i)))) for i in range(1, top + 1)]
        return ("paren", "(", ("add", terms)) if terms else _num(0)
    out = rebuild(tree, outer)
    if any(n[0] == "dots" for n in walk(out)):
        raise DepthError("dots left after the run of sums is written out")
    return out, True


# ---------------------------------------------------------------------------- a name for a part of the line above
def _call(n):
    """name of ``\\kappa(t, m)`` (a bare name applied to bare letters), else None."""
    if n[0] == "mul" and len(n[1]) == 2 and _bare(n[1][0]) and n[2][1] is None:
        arg = n[1][1]
        if arg[0] == "list" and arg[1] == "(" and all(_bare(a) for a in arg[2]):
            return n[1][0][1]
        if arg[0] == "paren" and arg[1] == "(" and _bare(arg[2]):
            return n[1][0][1]
    return None


def _diff(old, new, out):
    """The places where ``new`` differs from ``old`` (pairs), None when their shapes differ elsewhere."""
    if old == new:
        return out
    if _call(new) is not None:
        out.append((old, new))
        return out
    if not (isinstance(old, tuple) and isinstance(new, tuple)) or len(old) != len(new) or old[0] != new[0]:
        return None
    for a, b in zip(old[1:], new[1:]):
        if isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                return None
            for x, y in zip(a, b):
                if isinstance(x, tuple) and len(x) == 2 and x[0] in ("+", "-"):
                    if not (isinstance(y, tuple) and len(y) == 2 and y[0] == x[0]):
                        return None
                    x, y = x[1], y[1]
                if _diff(x, y, out) is None:
                    return None
        elif isinstance(a, tuple) and isinstance(b, tuple):
            if _diff(a, b, out) is None:
                return None
        elif a != b:
            return None
    return out


def abbreviation(new, above, others):
    r"""``new`` (one side) with a call of a name no other row writes (``\kappa(t, m)``; ``others``: the other
    rows' trees) replaced by the part of ``above`` (the side of the line above) it stands in place of, when the
    two sides differ only there; else ``new``."""
    pairs = _diff(above, new, [])
    if not pairs or len(pairs) != 1:
        return new
    old, call = pairs[0]
    name = _call(call)
    if old[0] == "sym" or any(n[0] == "sym" and n[1] == name for t in others if t is not None for n in walk(t)):
        return new
    letters = {a[1] for a in walk(call[1][1]) if _bare(a)}
    if not letters <= {n[1] for n in walk(old) if n[0] == "sym"} | {n[1] for n in walk(above) if _bare(n)}:
        return new
    return rebuild(new, lambda n: old if n == call else n)
