r"""Update rules: ``W += \alpha * \frac{\partial J}{\partial W}``, ``W := W - \eta \nabla_W L``, ``W -= \alpha dW``.

Such a row is a statement about training, not about the backward pass: it says in which direction a
parameter moves. It is read as "the update goes against the gradient of the loss" (gradient descent): it
passes when the step is minus a positive rate (a learning-rate name of
:data:`~symlstm.latex.notation.LEARNING_RATE_NAMES` or a positive number) times the gradient of the loss
with respect to the parameter updated, and fails when it goes with the gradient (ascent, which increases the
loss). Any other step (momentum, a rate of unknown sign, the gradient of another quantity) is unreadable.
An update row is never a forward row: it is taken out of the rows that build the cell.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..text.latexparse import LatexError
from ..text.rowparse import parse_row
from ...latex.notation import FUNCTION_WORDS, GRADIENT_PREFIXES, LOSS_NAMES
from ..text.rates import is_rate, mentions_rate
from .report import RowResult
from ..text.trees import walk
from ..numeric.numadjoint import tree_latex

__all__ = ["spelled_step", "split_updates", "update_chain"]

_PRODUCTS = (None, "star", "cdot", "times")


class _Unread(Exception):
    pass


def _same_name(a, b) -> bool:
    """The same name with the same scripts (W_f and W_{f} parse alike)."""
    return a[0] == "sym" and b[0] == "sym" and a[1:5] == b[1:5]


def _loss(node) -> bool:
    return node[0] == "sym" and node[1] in LOSS_NAMES and node[2] is None and not node[5]


def _gradient_of(node, params) -> bool:
    r"""``\frac{\partial J}{\partial P}``, ``\nabla_P L``, ``dP`` / ``d_P`` for P one of ``params`` (None: the
    gradient of the loss by anything, written with \partial or \nabla)."""
    if node[0] == "frac":
        num, den = node[1], node[2]
        return num[0] == "pre" and num[1] in ("partial", "d") and _loss(num[3]) and \
            den[0] == "pre" and den[1] in ("partial", "d") and \
            (params is None or any(_same_name(den[3], p) for p in params))
    if node[0] == "pre" and node[1] == "nabla":
        return bool(node[2]) and len(node[2]) == 1 and _loss(node[3]) and \
            (params is None or any(_same_name(node[2][0], p) for p in params))
    if node[0] == "sym" and params is not None:
        for pre in GRADIENT_PREFIXES:
            if node[1].startswith(pre) and len(node[1]) > len(pre):
                bare = ("sym", node[1][len(pre):]) + tuple(node[2:])
                if any(_same_name(bare, p) for p in params):
                    return True
    return False


def _mentions_gradient(node, params) -> bool:
    if isinstance(node, tuple):
        if node and isinstance(node[0], str) and _gradient_of(node, params):
            return True
        return any(_mentions_gradient(x, params) for x in node)
    if isinstance(node, list):
        return any(_mentions_gradient(x, params) for x in node)
    return False


def _factors(node, sign=1):
    """(sign, factors) of a product written with signs and brackets."""
    if node[0] == "add" and len(node[1]) == 1:
        s, x = node[1][0]
        return _factors(x, sign * (-1 if s == "-" else 1))
    if node[0] == "paren" and node[1] == "(":
        return _factors(node[2], sign)
    if node[0] == "mul" and all(op in _PRODUCTS for op in node[2]):
        out = []
        for x in node[1]:
            sign, fs = _factors(x, sign)
            out += fs
        return sign, out
    return sign, [node]


def _direction(terms, params):
    """+1 (with the gradient) or -1 (against it) of a step written as signed terms; _Unread otherwise."""
    if len(terms) != 1:
        raise _Unread("its step is not one term")
    s, x = terms[0]
    sign, factors = _factors(x, -1 if s == "-" else 1)
    grads = [f for f in factors if _gradient_of(f, params)]
    rest = [f for f in factors if not _gradient_of(f, params)]
    if len(grads) != 1:
        raise _Unread("its step is not a rate times the gradient of the loss")
    if not all(is_rate(f) for f in rest):
        raise _Unread("its step is not a positive rate (a learning-rate name or a positive number) times the "
                      "gradient of the loss")
    return sign


@lru_cache(maxsize=4096)
def update_chain(text) -> bool:
    r"""Is the equation ``text`` an update chain ``W^{t+1} = W^t - \epsilon \frac{\partial E}{\partial W} = W^t -
    \epsilon X`` (:func:`_gradient_chain`)? Its sum over the steps is the step the update takes for the whole
    sequence: it does not make the file's bare ``\frac{\partial E}{\partial W}`` elsewhere a total (the judge
    leaves it out of dsteps.partial_means_total)."""
    if text.count("=") < 2:
        return False
    try:
        tree = parse_row(text)
    except LatexError:
        return False
    return tree is not None and tree[1][0][0] == "sym" and _gradient_chain(tree) is not None


def _descent_head(tree):
    r"""(verdict, the parameter, the step's sign, the step's factors) of a chain ``W^{t+1} = W^t - \epsilon X = ...``
    whose first link is gradient descent (:func:`read_update` passes it), else None: what both readings of its later
    links (:func:`_gradient_chain`, :func:`_other_start`) start from."""
    parts = tree[1]
    if len(parts) < 3 or any(r != "=" for r in tree[2]):
        return None
    verdict = read_update(("row", parts[:2], tree[2][:1]))
    if verdict is None or verdict[0] != "pass":
        return None
    lhs, rhs = parts[:2]
    same = [k for k, (s, x) in enumerate(rhs[1]) if s == "+" and x[0] == "sym" and x[1:3] == lhs[1:3]]
    if len(same) != 1 or len(rhs[1]) != 2:
        return None
    (s0, step0), = [t for k, t in enumerate(rhs[1]) if k != same[0]]
    sign0, f0 = _factors(step0, -1 if s0 == "-" else 1)
    return verdict, rhs[1][same[0]][1], sign0, f0


def _gradient_chain(tree):
    r"""``W^{t+1} = W^t - \epsilon \frac{\partial E}{\partial W} = W^t - \epsilon X = W^t - \epsilon Y``: an update
    rule whose first link moves W against the gradient and whose later links write the same step with the
    gradient spelled out. (the row ``\frac{\partial E}{\partial W} = X = Y``, why) to judge as a statement of the
    gradient; None when the row is not such a chain (every later link the same parameter, sign and rate)."""
    head = _descent_head(tree)
    if head is None:
        return None
    verdict, param, sign0, f0 = head
    parts = tree[1]
    rates0 = [f for f in f0 if is_rate(f)]
    grad = [f for f in f0 if not is_rate(f)]
    if len(grad) != 1:
        return None
    out = [grad[0]]
    for p in parts[2:]:
        if p[0] != "add" or len(p[1]) != 2:
            return None
        keep = [k for k, (s, x) in enumerate(p[1]) if s == "+" and x == param]
        if len(keep) != 1:
            return None
        (s, step), = [t for k, t in enumerate(p[1]) if k != keep[0]]
        sign, fs = _factors(step, -1 if s == "-" else 1)
        rates = [f for f in fs if is_rate(f)]
        rest = [f for f in fs if not is_rate(f)]
        if sign != sign0 or rates != rates0 or not rest:
            return None
        out.append(rest[0] if len(rest) == 1 else ("mul", rest, [None] * len(rest)))
    return ("row", out, ["="] * (len(out) - 1)) + tuple(tree[3:]), verdict[1]


def _other_start(tree):
    r"""``W^{t+1} = W^t - \epsilon \frac{\partial E}{\partial W} = W_{(in)}^t - \epsilon \sum_z ...``: an update chain
    whose later link takes the same step (same sign and rate) from another name. (link number, the name written,
    the name updated), else None."""
    head = _descent_head(tree)
    if head is None:
        return None
    _, param, sign0, f0 = head
    rates0 = [f for f in f0 if is_rate(f)]
    for n, p in enumerate(tree[1][2:], start=2):
        if p[0] != "add" or len(p[1]) != 2 or p[1][0][0] != "+" or p[1][0][1][0] != "sym":
            continue
        start, (s, step) = p[1][0][1], p[1][1]
        sign, fs = _factors(step, -1 if s == "-" else 1)
        if start != param and sign == sign0 and rates0 and [f for f in fs if is_rate(f)] == rates0:
            return n, start, param
    return None


def _iterates(node):
    r"""``W_i[n+1]``, ``E[n]`` (the iterate of a parameter or of the loss in brackets, as signal-processing texts
    write a step of training) as the name with the bracket for its superscript; other nodes as they are."""
    if isinstance(node, list):
        return [_iterates(x) for x in node]
    if not isinstance(node, tuple) or not node or not isinstance(node[0], str):
        return node
    if node[0] == "mul" and len(node) == 3 and len(node[1]) == 2 and node[2][1] is None:
        a, b = node[1]                  # a name juxtaposed with a bracket after it
        if a[0] == "sym" and a[4] is None and b[0] == "paren" and b[1] == "[" and a[1] not in FUNCTION_WORDS:
            return a[:4] + ([("iterate", b[2])],) + a[5:]      # (not diag[1 - h^2]: a function's argument)
        if a[0] == "pre" and a[1] == "Delta" and a[3][0] == "sym" and a[3][4] is not None and b[0] == "paren" and \
                b[1] == "[":
            return a            # \Delta W^{y,x}_{i,j}[t]: the change step t makes (its bracket is the step's)
        if a[0] == "pre" and a[1] in ("partial", "d", "Delta") and a[3][0] == "sym":
            inner = _iterates(("mul", [a[3], b], [None, None]))     # \partial E[n]
            if inner[0] == "sym":
                return a[:3] + (inner,) + a[4:]
    if node[0] == "sym":
        return node
    return tuple(_iterates(x) if isinstance(x, (tuple, list)) else x for x in node)


def _delta_step(tree):
    r"""``\Delta W = W^{new} - W^{old} = -\alpha \frac{\partial E}{\partial W}`` (the step named, then spelt out as
    the new iterate minus the old) as the update ``W^{new} = W^{old} - \alpha ...``; ``\Delta W = -\alpha
    \frac{\partial E}{\partial W}`` as ``W = W - \alpha ...``; any other row as it is."""
    parts, rels = tree[1], tree[2]
    if parts[0][0] != "pre" or parts[0][1] != "Delta" or parts[0][3][0] != "sym" or any(r != "=" for r in rels):
        return tree
    p = parts[0][3]
    step = parts[-1]
    terms = step[1] if step[0] == "add" else [("+", step)]
    if len(parts) == 2:
        return ("row", [p, ("add", [("+", p)] + list(terms))], ["="]) + tuple(tree[3:])
    mid = parts[1]
    if len(parts) != 3 or mid[0] != "add" or len(mid[1]) != 2 or [s for s, _ in mid[1]] != ["+", "-"]:
        return tree
    new, old = mid[1][0][1], mid[1][1][1]
    if new[0] != "sym" or old[0] != "sym" or new[1:4] != p[1:4] or old[1:4] != p[1:4]:
        return tree
    return ("row", [new, ("add", [("+", old)] + list(terms))], ["="]) + tuple(tree[3:])


def _as_update(tree):
    """The row with its iterates in brackets and a named step \\Delta W read (:func:`_iterates`, :func:`_delta_step`)."""
    return _delta_step(_iterates(tree)) if tree[1][0][0] in ("mul", "pre") else tree


def read_update(tree, name=None):
    """None (not an update rule), or (status, why) of the update rule ``tree`` (``name``: its left side as written)."""
    if tree is not None:
        tree = _as_update(tree)         # W_i[n+1] = W_i[n] - \alpha \partial E[n] / \partial W_i[n]
    if tree is None or len(tree[1]) != 2 or tree[1][0][0] != "sym":
        return None
    lhs, rhs = tree[1]
    rel = tree[2][0]
    params = [lhs]
    if rel == "=" and rhs[0] == "add":
        # W = W - ..., \theta_{t+1} = \theta_t - ...: the parameter itself (its scripts may move in time)
        same = [k for k, (s, x) in enumerate(rhs[1]) if s == "+" and x[0] == "sym" and x[1:3] == lhs[1:3]]
        if len(same) != 1:
            return None
        params.append(rhs[1][same[0]][1])
        a, b = params
        for i in (3, 4):        # W^{t+1} = W^t - \epsilon dE/dW: the parameter without its iterate script
            if a[i] != b[i] and a[:i] == b[:i] and a[i + 1:] == b[i + 1:]:
                params.append(a[:i] + (None,) + a[i + 1:])
        terms = [t for k, t in enumerate(rhs[1]) if k != same[0]]
    elif rel in ("+=", "-="):
        terms = [("-" if rel == "-=" else "+", rhs)]
    else:
        return None
    if any(lhs[1].startswith(pre) and len(lhs[1]) > len(pre) and lhs[1][len(pre)].isalpha()
           for pre in GRADIENT_PREFIXES) and not mentions_rate(terms):
        return None     # dW_ux = dW_ux + ddW_ux: a gradient summed over the steps (its step part d(dW)), no update
    if not _mentions_gradient(terms, params) and not (mentions_rate(terms) and (
            _mentions_gradient(terms, None) or len(params) > 2)):
        # W -= \alpha dJ/dW_i: an update too (of W by another gradient: not read below); so is
        # b^{new} = b^{old} - \eta \delta_z, a parameter's iterates and a rate (its step is not read below)
        return None
    name = re.sub(r"^(?:\s|\\[,;:! ]|\\q?quad(?![A-Za-z]))*", "", name or lhs[1])     # (\:\: b^{new}: spacing before it)
    try:
        d = _direction(terms, params)
    except _Unread as e:
        return "unreadable", f"an update rule of {name} not read: {e}"
    if d < 0:
        return "pass", f"an update rule: {name} moves against the gradient of the loss (gradient descent)"
    return "fail", (f"an update rule that moves {name} WITH the gradient of the loss (gradient ascent: the loss "
                    f"grows); descent subtracts the rate times the gradient ({name} -= rate * gradient)")


def spelled_step(tree, loss=None, through=False):
    r"""``\Delta W_{ij} = \alpha \, \delta_i x_j``, ``W \mathrel{-}= \eta X``: an update whose step is a learning rate
    times an expression (no gradient of the loss written). Gradient descent moves against the gradient, so the
    row states ``\frac{\partial L}{\partial W} = -X`` (the sign of the step reversed, the rate dropped): that row,
    to judge as a claim about the gradient (a step written with the gradient's sign, ascent, fails); else None.
    ``through``: the expression may write gradients of the loss by other quantities (``\Delta W_{xh} = -\eta
    \sum_t \mathrm{diag}(1 - h_t^2) \nabla_{h_t} L \, x_t^\top``, the gradient spelled out through them), never the
    gradient by W itself."""
    if tree is None or len(tree[1]) < 2:
        return None
    tree = _as_update(tree)
    if len(tree[1]) != 2 or tree[1][0][0] != "sym":
        return None
    lhs, rhs = tree[1]
    rel = tree[2][0]
    if rel == "=" and rhs[0] == "add":
        same = [k for k, (s, x) in enumerate(rhs[1]) if s == "+" and x[0] == "sym" and x[1:4] == lhs[1:4]]
        if len(same) != 1 or len(rhs[1]) != 2:
            return None
        terms = [t for k, t in enumerate(rhs[1]) if k != same[0]]
        old = rhs[1][same[0]][1]
        param = lhs if lhs == old else lhs[:4] + (None,) + lhs[5:]
        if lhs != old and (lhs[4] is None or old[4] is None or lhs[5] != old[5]):
            return None
    elif rel in ("+=", "-="):
        terms, param = [("-" if rel == "-=" else "+", rhs)], lhs
    else:
        return None
    if (_mentions_gradient(terms, None) and not through) or _mentions_gradient(terms, [param]):
        return None
    sign, factors = _factors(terms[0][1], -1 if terms[0][0] == "-" else 1)
    rates = [f for f in factors if f[0] == "sym" and is_rate(f)]
    rest = [f for f in factors if not (f[0] == "sym" and is_rate(f))]
    if len(rates) != 1 or not rest or any(f[0] == "num" for f in rest):
        return None
    body = rest[0] if len(rest) == 1 else ("mul", rest, [None] * len(rest))
    loss = loss or ("sym", "L", None, None, None, 0)      # (E_t where the rows define the loss of a step)
    grad = ("frac", ("pre", "partial", None, loss), ("pre", "partial", None, param))
    side = body if sign < 0 else ("add", [("-", body)])
    return ("row", [grad, side], ["="]) + tuple(tree[3:])


def _rebinds(tree, text) -> bool:
    """Whether a row written with an arrow (``g \\leftarrow g \\cdot \\theta / \\|g\\|``) gives a name a new value
    computed from its old one: an assignment, not an equation (an update of a parameter is read_update's)."""
    if tree is None or len(tree[1]) < 2 or not re.search(r"\\leftarrow|\\gets(?![A-Za-z])", text):
        return False
    left = tree[1][0]
    return left[0] == "sym" and any(n == left for n in walk(tree[1][1]))


def split_updates(rows, equations, errors):
    """(rows, equations, errors, results) without the update rules; ``results``: a RowResult for each of them."""
    keep, results = [], []
    rows = list(rows)
    loss = next((t[1][0] for t in rows if t is not None and len(t[1]) >= 2 and t[1][0][0] == "sym" and
                 t[1][0][1] in LOSS_NAMES and t[1][0][2] is None), None)      # the loss as the rows write it
    original = list(rows)
    for k, (tree, eq) in enumerate(zip(rows, equations)):
        above = original[k - 1] if k > 0 else None
        if tree is not None and above is not None and k not in errors and k - 1 not in errors and \
                eq.text.lstrip().startswith("=") and tree[1][0] == above[1][0] and tree[1][0][0] == "sym" and \
                read_update(("row", above[1][:2], above[2][:1])) is not None:
            # W^{t+1} = W^t - \epsilon dE/dW \\ = W^t - \epsilon X (a display's next line): a link of the update's
            # chain, read with the rows above it
            tree = ("row", above[1] + tree[1][1:], above[2] + tree[2])
            chain = _gradient_chain(tree)
            if chain is not None:
                rows[k] = ("row", [chain[0][1][0], chain[0][1][-1]], ["="])
                keep.append(k)
                continue
        chain = _gradient_chain(tree) if tree is not None and k not in errors and tree[1][0][0] == "sym" else None
        other = _other_start(tree) if chain is None and tree is not None and k not in errors and \
            tree[1][0][0] == "sym" else None
        if other is not None:       # W^{t+1} = W^t - \epsilon dE/dW = W_{(in)}^t - \epsilon X: the step from another name
            n, start, param = other
            results.append(RowResult(eq.line, eq.column, eq.text, "fail", False, "update", why=(
                f"link {n}: the update of {tree_latex(param)} starts from {tree_latex(start)} (the step is the same, the "
                f"name it is taken from is not the one updated)")))
            continue
        if chain is not None:       # W^{t+1} = W^t - \epsilon dE/dW = W^t - \epsilon X: judged as dE/dW = X
            rows[k] = chain[0]
            keep.append(k)
            continue
        verdict = read_update(tree, re.split(r"\\mathrel\{\s*[-+]\s*\}\s*=|[-+:]?=|\\leftarrow|\\gets", eq.text)[0].strip()) \
            if k not in errors else None
        if verdict is None:
            claim = spelled_step(tree, loss) if k not in errors else None
            if claim is not None:       # \Delta W = \alpha \delta x: judged as dL/dW = -\delta x (spelled_step)
                rows[k] = claim
            elif k not in errors and _rebinds(tree, eq.text):
                results.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, "update", why=(
                    "an assignment of an algorithm (as gradient clipping writes it): the arrow gives the name a new "
                    "value computed from its old one; it states no equation to check")))
                continue
            keep.append(k)
            continue
        status, why = verdict
        claim = spelled_step(tree, loss, through=True) if status == "unreadable" and any(
            n[0] == "big" and n[1] == "sum" for n in walk(tree[1][-1])) else None
        if claim is not None:       # \Delta W = -\eta \sum_t X \nabla_h L: judged as dL/dW = \sum_t X \nabla_h L (a
            #                           step summed over the steps; W^{new} = W^{old} - \eta \delta_t h_t^T is one step's
            #                           training, no claim about the gradient)
            rows[k] = claim
            keep.append(k)
            continue
        results.append(RowResult(eq.line, eq.column, eq.text, status, {"pass": True, "fail": False}.get(status),
                                 "update", why=why))
    if not results:
        return rows, equations, errors, results
    index = {k: j for j, k in enumerate(keep)}
    return [rows[k] for k in keep], [equations[k] for k in keep], \
        {index[k]: e for k, e in errors.items() if k in index}, results
