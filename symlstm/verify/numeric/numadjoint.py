r"""Adjoints of the forward program's parts: of a sub-expression (``\frac{\partial L}{\partial (1 - z_t)}``), of
a quantity through some of its uses only (``\frac{\partial L}{\partial h_{t-1}}\Big|_{h_{t-1} \cdot r_t}``) or
through one step (``\Big|_{t+1}``), and the forms a file's legend names (:mod:`symlstm.verify.legend`).

The adjoint of a sub-expression u is dL/du for an additive perturbation of u's value where the forward rows
compute it (u is marked in the forward program; a run of factors of a product is grouped first, and the
grouping must leave every value unchanged). The adjoint of v through u perturbs v only where u reads it.
Sub-expressions are written as the forward rows write them, at the row's step t (parentheses aside).
"""
from __future__ import annotations

import numpy as np

from ...latex.notation import LOSS_NAMES
from ..text.names import IllTyped, Undefined
from ..text.trees import children, symbols
from ..text.names import NotReadable, Ref, key_latex, resolve, time_expr
from .numbase import _diff

__all__ = ["AdjointsMixin", "normal", "right_sides", "signless", "tree_latex", "MAX_MARKS"]

#: Most sub-expressions of the forward rows marked for their adjoints in one derivation.
MAX_MARKS = 64


def normal(node):
    """The tree without grouping parentheses (``(1 - z_t)`` and ``1 - z_t`` are one sub-expression)."""
    while isinstance(node, tuple) and node and node[0] == "paren" and node[1] == "(":
        node = node[2]
    if not isinstance(node, tuple) or not node or node[0] in ("sym", "num", "value"):
        return node
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple):
            out.append(normal(x))
        elif isinstance(x, list):
            out.append([(y[0], normal(y[1])) if isinstance(y, tuple) and len(y) == 2 and isinstance(y[0], str)
                        and y[0] in ("+", "-") else normal(y) if isinstance(y, tuple) else
                        [normal(z) for z in y] if isinstance(y, list) else y for y in x])
        else:
            out.append(x)
    return tuple(out)



#: Product signs a restatement may write differently (``o_t \tanh(c_t)`` in a worked example for ``o_t \odot
#: \tanh(c_t)``): the same statement for telling a repeat from a new cell (the repeat is then judged as a claim).
_PRODUCT_SIGNS = ("odot", "cdot", "circ", "star", "ast", "times", "bigodot")


def signless(node):
    """``node`` with its products' signs dropped (juxtaposition for each of _PRODUCT_SIGNS)."""
    if isinstance(node, list):
        return [signless(x) for x in node]
    if not isinstance(node, tuple):
        return node
    if node and node[0] == "mul" and len(node) == 3 and isinstance(node[2], list):
        return ("mul", signless(node[1]), [None if op in _PRODUCT_SIGNS else op for op in node[2]])
    return tuple(signless(x) for x in node)


def right_sides(tree) -> frozenset:
    """The right sides of a row, each without its grouping parentheses, as comparable keys: two rows that say the
    same word for word give the same set."""
    return frozenset(repr(normal(p)) for p in tree[1][1:])

def _find(node, target, out):
    """Occurrences of the normal form ``target`` in ``node``: ("node", subtree) or ("run", mul node, i, n)."""
    if not isinstance(node, tuple) or not node or node[0] in ("sym", "num", "value"):
        return
    if normal(node) == target:
        out.append(("node", node))
        return
    if node[0] == "mul" and target[0] == "mul" and 1 < len(target[1]) < len(node[1]):
        n = len(target[1])
        items = [normal(x) for x in node[1]]
        for i in range(len(items) - n + 1):
            if items[i:i + n] == target[1] and list(node[2][i + 1:i + n]) == list(target[2][1:]):
                out.append(("run", node, i, n))
    for child in children(node):
        _find(child, target, out)


def _replace(node, old, new):
    """``node`` with the subtree ``old`` (by identity) replaced by ``new``."""
    if node is old:
        return new
    if not isinstance(node, tuple) or not node or node[0] in ("sym", "num", "value"):
        return node
    out, changed = [node[0]], False
    for x in node[1:]:
        if isinstance(x, tuple):
            y = _replace(x, old, new)
        elif isinstance(x, list):
            y = [(z[0], _replace(z[1], old, new)) if isinstance(z, tuple) and len(z) == 2 and isinstance(z[0], str)
                 and z[0] in ("+", "-") else _replace(z, old, new) if isinstance(z, tuple) else
                 [_replace(w, old, new) for w in z] if isinstance(z, list) else z for z in x]
            y = x if all(a is b for a, b in zip(y, x)) else y
        else:
            y = x
        changed = changed or y is not x
        out.append(y)
    return tuple(out) if changed else node


#: How a product sign of a tree is written back (messages only).
_OPS = {None: " ", "cdot": r" \cdot ", "odot": r" \odot ", "star": " * ", "times": r" \times ", "div": " / ",
        "otimes": r" \otimes ", "matmul": " @ "}


def tree_latex(node) -> str:
    """A tree written back as LaTeX, for messages (the common forms; others as ``...``)."""
    kind = node[0] if isinstance(node, tuple) and node else None
    if kind == "num":
        return node[1]
    if kind == "sym":
        name = node[1] if len(node[1]) == 1 or node[1].startswith("\\") else (
            f"\\{node[1]}" if node[1] in ("delta", "Delta", "sigma", "tanh") else node[1])
        if node[2]:
            name = f"\\{node[2].split(':')[0]}{{{name}}}"
        for mark, items in (("_", node[3]), ("^", node[4])):
            if items:
                name += mark + "{" + ", ".join("^T" if it[0] == "top" else tree_latex(it) for it in items) + "}"
        return name + "'" * node[5]
    if kind == "add":
        return "".join(("" if s == "+" and k == 0 else f" {s} ") + tree_latex(t) for k, (s, t) in enumerate(node[1]))
    if kind == "mul":
        return "".join(("" if k == 0 else _OPS.get(op, " ")) + tree_latex(x)
                       for k, (x, op) in enumerate(zip(node[1], node[2])))
    if kind == "paren":
        return "(" + tree_latex(node[2]) + ")"
    if kind == "frac":
        return f"\\frac{{{tree_latex(node[1])}}}{{{tree_latex(node[2])}}}"
    if kind == "pre":
        return f"\\{node[1]} " + tree_latex(node[3]) if node[1] != "d" else "d" + tree_latex(node[3])
    if kind == "through":
        return tree_latex(node[1]) + r"\Big|_{" + ", ".join(tree_latex(x) for x in node[2]) + "}"
    return "..."


_text = tree_latex


def _misused_name(u, vocab):
    r"""An expression differentiated by that is no sub-expression of the forward rows because it writes a name
    no row defines, of a letter the rows use for others (``g_w`` beside ``g_\omega``, ``g_\iota``): the name is
    undefined (a misuse the row fails on, as anywhere else), not the form of the expression unread."""
    for n in symbols(u):
        try:
            r = resolve(n, vocab)
        except NotReadable:
            continue
        if r.kind == "value" and r.key and not vocab.known(r.key) and r.key not in vocab.aliases and \
                r.key not in vocab.functions and r.key not in vocab.names and r.key != vocab.time_var and \
                "_" in r.key and vocab.family_known(r.key):
            raise Undefined(f"{key_latex(r.key)} is not defined in this derivation", r.key)


class AdjointsMixin:
    """The adjoint part of :class:`~symlstm.verify.numeval.Evaluator`: ``marks`` (id of a forward sub-tree ->
    the key its value is stored and perturbed under) and ``legend`` (set by the judge)."""

    # ---------------------------------------------------------------- the legend's forms
    def e_legend(self, node, ctx):
        legend = getattr(self, "legend", None)
        if legend is None:
            raise NotReadable("a form of a legend, but the file has none")
        return legend.value(node[1], self, ctx)

    # ---------------------------------------------------------------- marks in the forward program
    def marked(self, node, v, ctx):
        """The value of a marked forward sub-expression: stored in the run, perturbed when asked."""
        key = self.marks[id(node)]
        if not isinstance(v, np.ndarray):
            return v
        if ctx.run is not None and ctx.consumer:
            ctx.run.values[(key, ctx.tau)] = v
        if ctx.pert and (key, ctx.tau) in ctx.pert:
            delta, filt = ctx.pert[(key, ctx.tau)]
            if filt is None or filt((ctx.consumer, None, ctx.tau, -1)):
                v = v + delta
        return v

    def occurrences(self, u):
        """(def, occurrence) of every place the forward rows compute the sub-expression ``u``."""
        target = normal(u)
        out = []
        for d in self.model.defs:
            found = []
            _find(d.node, target, found)
            out += [(d, f) for f in found]
        if not out:
            _misused_name(u, self.vocab)        # g_w^{(t)} f_s(s^{(t)}) beside g_\omega: that name's error
            raise NotReadable(f"{_text(u)} is not a sub-expression of the forward rows (write it as they do, "
                              f"at step {self.vocab.time_var})")
        return out

    def subexpression_adjoint(self, u, ctx):
        r"""\frac{\partial L}{\partial (u)}: the adjoint of a sub-expression of the forward rows at the row's step."""
        occ = self.occurrences(u)
        if len(occ) == 1 and occ[0][1][0] == "node" and occ[0][1][1] is occ[0][0].node and \
                len(occ[0][0].keys) == 1 and not occ[0][0].block:
            return self.model.grad(occ[0][0].keys[0], ctx.tau, "total")     # a whole row: its quantity
        key = self._mark(u, occ)
        return self.model.grad(key, ctx.tau, "total")

    def name_subexpression(self, name, u):
        r"""``NAME = EXPR`` given (``% symlstm: given``) where the forward rows write EXPR: NAME is that
        sub-expression (``I^t = [x^t; h^{t-1}]`` for the stack a row multiplies), its value and adjoint."""
        ref = resolve(name, self.vocab)
        if ref.time is not None and not (ref.time[0] == "sym" and ref.time[1] == self.vocab.time_var) or \
                ref.word or ref.transpose or ref.primes or ref.power is not None:
            raise NotReadable(f"a given name of a sub-expression is a plain name or written at step "
                              f"{self.vocab.time_var}, not {_text(name)}")
        if self.vocab.known(ref.key):
            raise NotReadable(f"{key_latex(ref.key)} is defined twice (by the derivation and by a given equation)")
        self._mark(u, self.occurrences(u), key=ref.key)
        self.vocab.quantities.add(ref.key)
        return ref.key

    def _mark(self, u, occ, key=None):
        canon = repr(normal(u))
        names = getattr(self, "_mark_names", None)
        if names is None:
            names = self._mark_names = {}
        if canon in names:
            return names[canon]
        if len(names) >= MAX_MARKS:
            raise NotReadable(f"more than {MAX_MARKS} sub-expressions of the forward rows asked for")
        key = key or f"__mark{len(names)}"
        model = self.model
        saved = [(d, d.node) for d in model.defs]
        for d, (kind, node, *run) in occ:
            if kind == "run":                      # a run of factors: grouped as one node first
                i, n = run
                group = ("paren", "(", ("mul", list(node[1][i:i + n]), [None] + list(node[2][i + 1:i + n])))
                new = ("mul", list(node[1][:i]) + [group] + list(node[1][i + n:]),
                       list(node[2][:i + 1]) + list(node[2][i + n:]))
                d.node = _replace(d.node, node, new)
                node = group
            self.marks[id(node)] = key
        base = model.base
        try:
            run = model.run()
        except (IllTyped, NotReadable, ArithmeticError) as e:
            run, problem = None, str(e)
        same = run is not None and all(
            k in run.values and np.shape(run.values[k]) == np.shape(v) and np.allclose(run.values[k], v)
            for k, v in base.values.items())
        if not same:
            for d, node in saved:
                d.node = node
            self.marks = {i: k for i, k in self.marks.items() if k != key}
            raise NotReadable(f"{_text(u)}: grouping it as one node changes the forward rows' values"
                              if run is not None else f"{_text(u)}: the forward rows cannot be run ({problem})")
        base.values.update({k: v for k, v in run.values.items() if k[0] == key})
        names[canon] = key
        return key

    # ---------------------------------------------------------------- gradients through some uses
    def one_step_part(self, nd, dd, items, ctx):
        r"""\frac{\partial J^{(t)}}{\partial H}\rvert_{t-1} (one step's loss), \frac{\partial v^{(t)}}{\partial H}\Big|_t
        (a quantity) by a parameter, with one step named: the part of step s's use of the parameter (the
        derivative with the parameter perturbed only where step s reads it); else None."""
        if not (nd and dd and nd[1] is not None and nd[1][0] == "sym" and dd[1] is not None and dd[1][0] == "sym"
                and len(items) == 1 and time_expr(items[0], self.vocab) is not None):
            return None
        top, bottom = resolve(nd[1], self.vocab), resolve(dd[1], self.vocab)
        timed_loss = top.key in LOSS_NAMES and (top.time is not None or top.word)
        if not (timed_loss or top.key in self.vocab.quantities) or bottom.key not in self.vocab.params:
            return None
        return self.total_derivative(nd[1], dd[1], ctx, at_step=self.int_of(items[0], ctx))

    def e_through(self, node, ctx):
        r"""\frac{\partial L}{\partial v}\Big|_{u_1, u_2}: dL/dv through the sub-expressions u_k only;
        \Big|_{t+1}: through the uses of step t+1 only."""
        base, items = node[1], node[2]
        nd = _diff(base[1]) if base[0] == "frac" else None
        dd = _diff(base[2]) if base[0] == "frac" else None
        top = nd[1] if nd else None
        step_part = self.one_step_part(nd, dd, items, ctx)
        if step_part is not None:
            return step_part
        if not (nd and dd and top is not None and top[0] == "sym" and resolve(top, self.vocab).key in LOSS_NAMES
                and resolve(top, self.vocab).time is None):
            raise NotReadable(r"|_{...} follows a gradient of the loss \frac{\partial L}{\partial v}")
        den = dd[1]
        if den is None or den[0] != "sym":
            raise NotReadable(r"|_{...} after the adjoint of an expression (name a quantity: \partial h_{t-1})")
        ref = resolve(den, self.vocab)
        target = self.target_of(ref.without_scripts(), ctx)
        if target is None:
            raise NotReadable(f"{key_latex(ref.key)} is not defined in this derivation")
        key, tau = target
        steps = [it for it in items if it[0] != "top" and time_expr(it, self.vocab) is not None]
        parts = [it for it in items if not any(it is s for s in steps)]
        if steps and parts or len(steps) > 1:
            raise NotReadable(r"|_{...} names one step (|_{t+1}) or sub-expressions (|_{h_{t-1} \cdot r_t}), "
                              "not both")
        if steps:
            mode = ("at", self.int_of(steps[0], ctx))
        else:
            allowed = set()
            for u in parts:
                if u[0] in ("top", "prime", "slice", "angle", "eq", "range"):
                    raise NotReadable(r"|_{...} holds a step or sub-expressions of the forward rows")
                found = set()
                for d, (kind, sub, *run) in self.occurrences(u):
                    syms = symbols(sub) if kind == "node" else (s for x in sub[1][run[0]:run[0] + run[1]]
                                                                for s in symbols(x))
                    for s in syms:
                        try:
                            t2 = self.target_of(resolve(s, self.vocab).without_scripts(), ctx)
                        except NotReadable:
                            continue
                        if t2 == target and id(s) in self.occ:
                            found.add((d.keys[0], self.occ[id(s)]))
                if not found:
                    raise NotReadable(f"{key_latex(key)} does not occur in {_text(u)}")
                allowed |= found
            mode = ("path", frozenset(allowed), ctx.tau)
        val = self.model.grad(key, tau, mode)
        return self.scripts(val, Ref("value", transpose=ref.transpose, index=ref.index), ctx)
