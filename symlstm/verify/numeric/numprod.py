r"""Products and functions of the numeric reader: juxtaposition, \odot, \cdot, *, division, outer products,
\sigma, \tanh, softmax, derivatives written through a unit's output, abstract functions, prod(A, B)."""
from __future__ import annotations

import numpy as np

from ...latex.notation import FUNCTION_WORDS, LOSS_NAMES, OUTPUT_DERIVATIVES
from .author import IllTyped, Pending
from ..text.names import NotReadable, gradient_split, key_latex, resolve
from .blockrow import paren_block_row
from .funcstack import function_column
from .paramcall import parameter_call
from .fncoeffs import call_coefficients, function_coefficients
from .otimesread import otimes_elementwise
from .equalruns import counted_run
from .dopread import operator_derivative, scaled_jacobian, written_jacobians
from .numbase import Ctx, EmptySum, ExplicitRow, Func, Identity, TransposedJacobian, _peephole, _scalar, _vec, \
    chain_product, empty_sum, sigmoid

__all__ = ["ProductsMixin", "_diagonal"]

#: Signs of a plain product: they contract a gradient or a Jacobian with the derivative of a vector by a matrix
#: (the chain rule written schematically: \frac{\partial L}{\partial n_t} \times \frac{\partial n_t}{\partial W}),
#: and an empty sum among the factors makes the product zero.
CHAIN_SIGNS = (None, "cdot", "times", "star")
#: Capitals code names peephole weights with (``self.params['Vo'] * c_new``, ``P_i * c_prev``): numpy's ``*`` with a
#: vector makes them vectors. Other capitals stay matrices (C++'s ``Wr*xt`` with Eigen matrices; a cell state C).
CODE_PEEPHOLE_CAPITALS = ("V", "P")


def _diagonal(m) -> bool:
    r"""A square matrix that is zero off its diagonal (an element-wise Jacobian, \operatorname{diag}(v))."""
    if m.ndim != 2 or m.shape[0] != m.shape[1] or m.shape[0] < 2:
        return False
    off = m - np.diag(np.diag(m))
    return bool(np.all(np.abs(off) < 1e-12))


def _numpy_star(a, b):
    """numpy's ``a * b`` in code, one of them a matrix that is not square: element-wise with broadcasting. A vector
    broadcasts as a row when it is a 1-D array and as a column when the code made it one; beside a matrix that is
    not square at most one of the two broadcasts, and that is numpy's value. (Beside a square matrix the reader
    keeps its own reading: its vectors and matrices there are often a batch's, whose shapes it does not know.)"""
    vec = a if min(a.shape) == 1 else b if min(b.shape) == 1 else None
    for v in ((vec.reshape(1, -1), vec.reshape(-1, 1)) if vec is not None else (None,)):
        x, y = (v if vec is a else a), (v if vec is b else b)
        try:
            return x * y
        except ValueError:
            pass
    raise IllTyped(f"numpy's * (element-wise) of shapes {a.shape[0]}x{a.shape[1]} and {b.shape[0]}x{b.shape[1]}, "
                   f"which do not broadcast")


def _sized_identity(a, b, op):
    r"""The identity I beside a value: as many rows as the value beside it has where they meet (I b: b's rows;
    A I: A's columns; v \odot I: diag(v); a column v I is ill-typed; a number times I has no size)."""
    if isinstance(a, Identity) and isinstance(b, Identity):
        raise NotReadable("a product of two identities of unknown size")
    other = b if isinstance(a, Identity) else a
    if isinstance(other, np.ndarray) and other.size == 1:
        raise NotReadable("a number times the identity I: the identity's size is not known")
    if isinstance(a, Identity):
        return a.sized(b), b
    if op in ("odot", "div"):
        return a, b.sized(a)
    if a.ndim == 2 and a.shape[1] == 1:
        raise IllTyped(f"a column of {a.shape[0]} times the identity I on its right")
    return a, b.sized(a.T)


def derivative_in_front(a, b, op) -> bool:
    r"""``f'(u) W^T \delta``: a column of element-wise derivatives written in front of a matrix with as many rows
    (the matrix product ill-typed): where the rest of the product is a vector of its shape, the two multiply
    element-wise (diag(f'(u)) W^T \delta); ``f'(u) W`` alone stays ill-typed (the Jacobian is diag(f'(u)) W)."""
    return op in (None, "cdot") and isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.ndim == 2 and \
        b.ndim == 2 and a.shape[1] == 1 < a.shape[0] and b.shape[0] == a.shape[0] and b.shape[1] > 1


#: Code's functions over one axis of an array as the layout holds it (``name:<axis>``, text/rowparse.py
#: method_sum): its sum, its mean, its length; one for each of latex.notation.AXIS_METHODS.
AXIS_FUNCTIONS = {
    "sum": lambda a, axis: np.sum(a, axis=axis, keepdims=True),
    "mean": lambda a, axis: np.mean(a, axis=axis, keepdims=True),
    "size": lambda a, axis: np.array([[float(a.shape[axis])]]),
    "newaxis": lambda a, axis: _new_axis(a, axis),
}


def _new_axis(a, axis):
    """``v[:, np.newaxis]`` (axis 1: v as a column) and ``v[np.newaxis, :]`` (axis 0: as a row) of a vector of
    numpy code, whichever way the reader holds it (codefences._new_axes)."""
    if not isinstance(a, np.ndarray) or a.ndim != 2 or 1 not in a.shape:
        raise NotReadable("a new axis on an array that is not a vector")
    return a.reshape(-1, 1) if axis == 1 else a.reshape(1, -1)


class ProductsMixin:
    """The product and function part of :class:`~symlstm.verify.numeval.Evaluator`."""

    def e_mul(self, node, ctx):
        items, ops = node[1], node[2]
        if ("dots",) in items:           # A_t A_{t-1} \cdots A_{k+1}: its pattern (elision.py)
            d = items.index(("dots",))
            counted = counted_run(self, items, ops)     # W W W \cdots X at a count tried (equalruns.py)
            if counted is not None:
                return self.e_mul(("mul",) + counted, ctx)
            new, p = self.elided(list(items), ctx)
            made = len(new) - len(items) + 1          # the written-out factors take the operators after the dots
            ops = list(ops[:d]) + [ops[d + 1 + k % p] for k in range(made)] + list(ops[d + 1:])
            return self.e_mul(("mul", new, ops), ctx)
        stacked = function_column(self, items, ops, ctx)     # (\sigma; \sigma; \tanh) W [h; x]: block by block
        if stacked is not None:
            return stacked
        blockwise = _blockwise(paren_block_row(items, ops, self.vocab), ops)      # (W_{hh} W_{xh}) [h; x] too
        if blockwise is None and len(items) == 2 and items[1][0] == "sym":
            blockwise = self.stacked_operand(items, ops, ctx)
        # [[W^c U^c]; [W^i U^i]] [x; h]: block by block (sizes from the blocks); as written once a factor is
        # marked (a given I^t = [x^t; h^{t-1}] names it: its value is kept where it is computed)
        if blockwise is not None and not (self.marks and any(id(x) in self.marks for x in items)):
            out_dim = getattr(ctx, "out_dim", None)
            if out_dim:
                ctx.out_dim = max(1, out_dim // len(blockwise[1]))
            try:
                return self.evaluate(blockwise, ctx)
            finally:
                ctx.out_dim = out_dim
        vals = []
        for j, it in enumerate(items):
            f = self.unit_function(it) if j + 1 < len(items) and items[j + 1][0] == "paren" and \
                items[j + 1][1] == "(" and ops[j + 1] is None else None
            if f is not None:           # o'(\bar f^t): the unit's function, differentiated (numeval.unit_function)
                vals.append(f)
                continue
            if it[0] == "list" and vals and isinstance(vals[-1], Func) and (
                    vals[-1].name in ("prod", "crossentropy", "clip") or vals[-1].name.startswith("abstract:")):
                vals.append(None)           # prod(A, B), f(x_t, h_{t-1}, w): read below
                continue
            vals.append(self.evaluate(it, ctx))
            if isinstance(vals[-1], EmptySum) and all(op in CHAIN_SIGNS for op in ops[1:]):
                # a plain product with (\sum_{i=t+1}^{n} ...) \frac{\partial h_{t+1}}{\partial h_t} at t = n: zero
                return empty_sum()
        jacobians = written_jacobians(items, vals)      # v \odot \frac{\partial u}{\partial x}: diag(v) J (dopread.py)
        vals, ops = self.gradient_pairs(items, vals, list(ops), ctx)
        # a function word that applies to nothing is a gradient name (dtanh = the pre-activation's)
        for k, v in enumerate(vals):
            if isinstance(v, Func) and items[k][0] == "sym" and (
                    k + 1 >= len(vals) or ops[k + 1] is not None or
                    (gradient_split(items[k][1]) and items[k + 1][0] not in ("paren", "list"))):
                # dtanh W_x^T (CS231n): dtanh names a gradient unless it is applied to (...)
                g = gradient_split(items[k][1])
                if g is not None:
                    vals[k] = self.named_gradient(resolve(items[k], self.vocab), g[1], items[k], ctx)
        # functions and d/dx apply to the factor right after them (right to left)
        derivs = set()
        k = len(vals) - 1
        while k >= 0:
            v = vals[k]
            if isinstance(v, Func) and v.name == "prod" and k + 1 < len(vals) and items[k + 1][0] == "list":
                args = [self.value(x, ctx) for x in items[k + 1][2]]
                acc = args[0]
                for b in args[1:]:      # prod(\partial_{o_t} l, W_{oh}, \partial_{W_{hh}} h_t): folded left to right
                    acc = chain_product(acc, b)
                vals[k:k + 2] = [acc]
                del ops[k + 1]
            elif isinstance(v, Func) and v.name == "clip" and k + 1 < len(vals) and items[k + 1][0] == "list" and \
                    len(items[k + 1][2]) == 2 and v.order == 0 and v.power is None:
                vals[k:k + 2] = [self.value(items[k + 1][2][0], ctx)]     # clip(cs, c): where it does not bind
                del ops[k + 1]
            elif isinstance(v, Func) and v.name == "crossentropy" and k + 1 < len(vals) and items[k + 1][0] == "list":
                vals[k:k + 2] = [self.cross_entropy(items[k + 1][2], ctx)]
                del ops[k + 1]
            elif isinstance(v, Func) and v.name.startswith("abstract:") and k + 1 < len(vals) and \
                    items[k + 1][0] == "list":      # f(x_t, h_{t-1}, w_h): an arbitrary smooth function
                args = [self.value(x, ctx) for x in items[k + 1][2]]
                seps = list(items[k + 1][3] or ())
                if ";" in seps:             # o(x_t, h_{t-1}; W_o): arguments; parameters (paramcall.py)
                    if v.order or v.power is not None:
                        raise NotReadable(f"a derivative or power of {v.name.partition(':')[2]} of several arguments")
                    cut = seps.index(";") + 1
                    name = v.name.partition(":")[2]
                    coeffs = self.abstract.setdefault(v.name, self.vocab.activations.get(name) or function_coefficients(name))
                    vals[k:k + 2] = [parameter_call(name, args[:cut], args[cut:], self.model.h, coeffs)]
                else:
                    vals[k:k + 2] = [self.abstract_call(v.name, args, v.order)]
                del ops[k + 1]
            elif isinstance(v, Func):
                if k + 1 >= len(vals) or isinstance(vals[k + 1], Func) and k + 2 >= len(vals):
                    last = items[-1]
                    inner = last[2] if last[0] == "paren" else last
                    if inner[0] == "sym" and gradient_split(inner[1]) is not None:
                        # dtanh.sum(axis=1): the code's name dtanh (the gradient at tanh's input), summed
                        vals[-1] = self.value(last, ctx)
                        continue
                    raise NotReadable(f"the function {(vals[k + 1] if k + 1 < len(vals) else v).name} has no argument")
                arg = vals[k + 1]
                if isinstance(arg, Pending):
                    arg = self.make_param(arg.key, (1, 1), arg.tau)
                nxt = items[k + 1] if k + 1 < len(items) else None
                if nxt is not None and nxt[0] == "sc" and nxt[1][0] == "paren" and not nxt[2] and nxt[3] \
                        and not nxt[4] and v.order == 0:     # \tanh(c_t)^2 is (\tanh c_t)^2
                    inner = self.apply(v, self.value(nxt[1], ctx), nxt[1])
                    vals[k:k + 2] = [self.e_sc(("sc", ("value", inner), None, nxt[3], 0), ctx)]
                else:
                    vals[k:k + 2] = [self.apply(v, arg, nxt)]
                    if v.order and v.power is None:
                        derivs.add(id(vals[k]))      # f'(u): a vector of element-wise derivatives
                del ops[k + 1]
            elif isinstance(v, tuple) and v and v[0] == "dop":
                if k + 1 >= len(vals):
                    raise NotReadable(r"\frac{d}{dx} applied to nothing")
                rest = ("mul", list(items[k + 1:]), [None] + list(node[2][k + 2:])) if len(items) > k + 2 \
                    else items[k + 1]
                d = operator_derivative(self, rest, v[1], ctx)     # \frac{\partial}{\partial v}(...) (dopread.py)
                vals[k:] = [d]
                del ops[k + 1:]
            k -= 1
        # a matrix applies to the factor right after it before any element-wise product:
        # r_t \odot U^\top \delta_t is r_t \odot (U^\top \delta_t)
        k = len(vals) - 2
        while k >= 1:
            a, b = vals[k], vals[k + 1]
            if ops[k] in ("odot", "div") and ops[k + 1] in (None, "cdot") and isinstance(a, np.ndarray) and \
                    isinstance(b, np.ndarray) and a.ndim == 2 and min(a.shape) > 1 and a.shape[1] == b.shape[0]:
                vals[k:k + 2] = [a @ b]
                del ops[k + 1]
            k -= 1
        if len(vals) > 2 and id(vals[0]) in derivs and derivative_in_front(vals[0], vals[1], ops[1]) and \
                all(isinstance(v, np.ndarray) for v in vals[1:]):
            rest = vals[1]
            for op, v in zip(ops[2:], vals[2:]):
                rest = self.combine(rest, v, op, ctx)
            if isinstance(rest, np.ndarray) and rest.shape == vals[0].shape:
                return vals[0] * rest       # f'(u^t) W^T \delta: f'(u^t) times the vector W^T \delta, element-wise
        acc = vals[0]
        for op, v in zip(ops[1:], vals[1:]):
            scaled = scaled_jacobian(acc, v, op, jacobians)
            acc = self.combine(acc, v, op, ctx) if scaled is None else scaled
        return acc

    def stacked_operand(self, items, ops, ctx):
        r"""[[W^c U^c]; [W^i U^i]] \times I^t where a forward row defines I^t = [x^t; h^{t-1}]: block by block,
        the value of I^t (as read there) cut into the sizes of the names it stacks (None otherwise)."""
        m, v = items
        if m[0] != "matrix" or len(m[1][0]) < 2:
            return None
        try:
            key = resolve(v, self.vocab).key
        except NotReadable:
            return None
        d = self.model.by_key.get(key)
        if d is None or len(d.keys) != 1 or d.node[0] != "matrix" or len(d.node[1]) != len(m[1][0]) or \
                any(len(r) != 1 for r in d.node[1]):
            return None
        value = self.value(v, ctx)
        if not isinstance(value, np.ndarray) or value.ndim != 2 or value.shape[1] != 1:
            return None
        sizes = [self.value(r[0], Ctx(ctx.tau, ctx.run, None, key, dict(ctx.env))).shape[0] for r in d.node[1]]
        if sum(sizes) != value.shape[0]:
            return None
        cuts = np.cumsum(sizes)[:-1]
        parts = [("value", p) for p in np.split(value, cuts, axis=0)]
        return _blockwise([m, ("matrix", [[p] for p in parts])], ops)

    def gradient_pairs(self, items, vals, ops, ctx):
        r"""``\\partial L / \\partial W`` and ``dL/dW`` written with '/'; ``d \\gamma`` written apart."""
        out_v, out_o = [], []
        k = 0
        while k < len(vals):
            v = vals[k]
            if isinstance(v, tuple) and v and v[0] == "partial" and k + 2 < len(vals) and ops[k + 1] == "div" \
                    and isinstance(vals[k + 2], tuple) and vals[k + 2][0] == "partial":
                top = v[1]
                r = resolve(top, self.vocab) if top[0] == "sym" else None
                if r is not None and r.key in LOSS_NAMES:
                    out_v.append(self.derivative(("loss",), vals[k + 2][1], ctx, items[k], style="frac"))
                else:
                    out_v.append(self.jacobian(top, vals[k + 2][1], ctx))
                out_o.append(ops[k])
                k += 3
                continue
            if isinstance(v, tuple) and v and v[0] == "partial":
                raise NotReadable(r"\partial outside a derivative")
            out_v.append(v)
            out_o.append(ops[k])
            k += 1
        return out_v, out_o

    def combine(self, a, b, op, ctx):
        if any(isinstance(x, tuple) and x == ("loss",) for x in (a, b)):   # E[w_t]: E names the loss, no factor
            raise NotReadable("a name of the loss (L, E, J) used as a factor of a product (E[w_t], an embedding "
                              "table?): not read")
        if isinstance(a, Pending) or isinstance(b, Pending):
            a, b = self.settle(a, b, op, ctx)
        if isinstance(a, Identity) or isinstance(b, Identity):
            v = b if isinstance(a, Identity) else a
            if op == "odot" and isinstance(v, np.ndarray) and v.ndim == 2 and 1 in v.shape and v.size > 1:
                return np.diagflat(v).astype(complex)         # v \odot I: diag(v)
            a, b = _sized_identity(a, b, op)
        for x in (a, b):
            if not isinstance(x, np.ndarray):
                raise NotReadable("a product with a function or a derivative sign")
        if ctx.lenient and self.wrong_side(a, b):
            return self.mul(b, a, op)
        return self.mul(a, b, op)

    def wrong_side(self, a, b) -> bool:
        """A matrix written on the wrong side of a vector for the layout (W x in a row layout, x W in a
        column one): a forward row that fails for it is still run (leniently) in the layout's order, so
        the rows after it are checked against the cell it evidently means; the row itself fails."""
        if a.ndim != 2 or b.ndim != 2:
            return False
        if self.model.layout == "row":
            return min(a.shape) > 1 and b.shape[0] == 1 and b.shape[1] > 1 and b.shape[1] == a.shape[0]
        return a.shape[1] == 1 and a.shape[0] > 1 and min(b.shape) > 1 and b.shape[1] == a.shape[0]

    def settle(self, a, b, op, ctx):
        """Shapes for parameters met first here; one written transposed (W_c^T v) is stored as the transpose of
        the shape its use gives (its later reads, transposed again, have that shape)."""
        flips = [x.key for x in (a, b) if isinstance(x, Pending) and x.tau is None and x.transpose and
                 x.key not in self.model.params]
        a, b = self._settle(a, b, op, ctx)
        for key in flips:
            if key in self.model.params:
                self.model.params[key] = self.model.params[key].T
        return a, b

    def _code_star(self, op, key) -> bool:
        """``pi * c[t-1]``, ``po * c[t]``, ``self.params['Vo'] * c_new`` in code: a parameter named in lower case
        (not w), or by a capital of :data:`CODE_PEEPHOLE_CAPITALS`, met first beside a vector with ``*`` is a vector
        (a peephole) multiplying element-wise, as numpy's ``*`` does; another capital (C++'s ``Wr*xt`` with Eigen
        matrices) stays a matrix."""
        return op == "star" and getattr(self.vocab, "code", False) and key[:1] != "w" and \
            (key[:1].islower() or key[:1] in CODE_PEEPHOLE_CAPITALS)

    def _ew(self):
        return getattr(self.model, "elementwise_names", ())      # di \odot wci: wci a vector (elementwisenames.py)

    def _settle(self, a, b, op, ctx):
        m = self.model
        out = ctx.out_dim or m.h
        if isinstance(a, Pending) and isinstance(b, Pending) and a.tau is None and b.tau is not None:
            b = self.make_param(b.key, m.vector(m.h), b.tau)     # U h^{t-1} with h never defined: a given state
        if isinstance(a, Pending) and isinstance(b, Pending) and op not in ("odot", "div") and \
                (a.tau is None) != (b.tau is None):
            # e_t W_{xh}, W_{xh} e_t: a quantity of the step no row defines, beside a parameter: the step's input
            # (an embedding e_t, a feature vector v_t), as wide as the input
            if a.tau is not None:
                a = self.model.input(a.key, a.tau)
            else:
                b = self.model.input(b.key, b.tau)
            return self._settle(a, b, op, ctx)
        if isinstance(a, Pending) and isinstance(b, Pending) and getattr(self.vocab, "code", False) and \
                a.tau is None and b.tau is None and op not in ("odot", "div", "star"):
            # code's h @ W_hf, W_hf @ h with h read and never assigned (the state passed in): the lower-case name
            # beside a capital is the given state, as U h^{t-1} is
            # (on the side the layout puts a vector: W @ h in columns, h @ W in rows)
            vec = [x for x in (a, b) if x.key[:1].islower() and x.key[:1] != "w"]
            if len(vec) == 1 and (b if vec[0] is a else a).key[:1].isupper() and \
                    (vec[0] is b) == (m.layout == "column"):
                shape = m.vector(m.h)
                a, b = (self.make_param(a.key, shape), b) if vec[0] is a else (a, self.make_param(b.key, shape))
                return self._settle(a, b, op, ctx)
        if isinstance(a, Pending) and isinstance(b, Pending):
            if op == "odot" and a.tau is not None and b.tau is not None:
                # i^{(1)} \odot \tilde{c}^{(1)} with no row defining either: two quantities of the step that
                # the text leaves to prose (a partial cell); the reader's limit, not the author's error
                raise NotReadable(f"an element-wise product of two quantities no row defines "
                                  f"({key_latex(a.key)} and {key_latex(b.key)}): their values are not known")
            raise IllTyped(f"a product of two names no row defines ({key_latex(a.key)} and {key_latex(b.key)}): "
                           f"two unknown parameters")
        if isinstance(b, Pending) and b.tau is not None and isinstance(a, np.ndarray) and not _vec(a):
            return a, self.make_param(b.key, (a.shape[1], 1), b.tau)        # W y_t: a vector
        if isinstance(a, Pending) and a.tau is not None and isinstance(b, np.ndarray) and not _vec(b):
            return self.make_param(a.key, (1, b.shape[0]), a.tau), b        # y_t W (a row layout)
        if isinstance(a, Pending) and a.tau is None and m.i == 1 and m.layout == "column" and _scalar(b) and \
                op not in ("odot", "div", "star") and isinstance(b, np.ndarray) and _scalar_input(m, b):
            return self.make_param(a.key, (out, 1)), b      # U x_t with x_t of size 1 (x = X[t].reshape(1,1))
        if isinstance(a, Pending):
            if op in ("odot", "div") or _scalar(b) or ((_peephole(a.key) or a.key in self._ew() or
                                                        self._code_star(op, a.key)) and _vec(b)) or \
                    (a.tau is not None and _vec(b)):      # p_i * c_{t-1}: a peephole, element-wise
                return self.make_param(a.key, b.shape, a.tau), b
            if _vec(b) and m.layout == "row" and b.shape[0] == 1:
                if ctx.lenient:         # run in the layout's order (see wrong_side): x W
                    return self.make_param(a.key, (b.shape[1], out), a.tau), b
                raise IllTyped("a matrix on the left of a row vector (the derivation writes x W)")
            return self.make_param(a.key, (out, b.shape[0]), a.tau), b
        if op in ("odot", "div") or _scalar(a) or ((_peephole(b.key) or b.key in self._ew() or self._code_star(op, b.key))
                                                   and _vec(a)):
            return a, self.make_param(b.key, a.shape if not _scalar(a) else m.vector(out), b.tau)
        if _vec(a) and m.layout == "column" and a.shape[1] == 1:
            if ctx.lenient:             # run in the layout's order (see wrong_side): W x
                return a, self.make_param(b.key, (out, a.shape[0]), b.tau)
            raise IllTyped("a column vector times a matrix on its right")
        return a, self.make_param(b.key, (a.shape[1], out), b.tau)

    def _one_dimensional(self) -> bool:
        """Is the row being read numpy code (whose vectors may be 1-D arrays, multiplied on either side)? Set on the
        vocabulary of a code segment (judge.py), which the model and every evaluator of the segment share."""
        return bool(getattr(getattr(self, "vocab", None), "code", False))

    def mul(self, a, b, op):
        if isinstance(a, TransposedJacobian) or isinstance(b, TransposedJacobian):
            # g (\partial p/\partial W)^T, (\partial p/\partial W)^T g: the gradient contracted with the outputs
            arr, g = (b, a) if isinstance(b, TransposedJacobian) else (a, b)
            if g.ndim == 2 and 1 in g.shape and g.size == arr.shape[0] and op in (None, "cdot") and \
                    not isinstance(g, TransposedJacobian):
                return np.tensordot(g.reshape(-1), np.asarray(arr), axes=1)
            raise NotReadable("a transposed derivative of a vector by a matrix that no gradient of the vector "
                              "multiplies")
        if a.ndim == 2 and b.ndim == 3 and a.shape[1] == 1 < a.shape[0] and getattr(self, "column_gradients", False):
            raise IllTyped("a column gradient times the derivative of a vector by a matrix (the derivation's "
                           "gradients are columns: gradlayout.py)")
        if a.ndim == 2 and b.ndim == 3 and 1 in a.shape and a.size == b.shape[0] and op in CHAIN_SIGNS:
            # (\partial E/\partial s) (\partial s/\partial W), also written with \times or *: no element-wise
            # product has a tensor by a matrix for its factor, so the sign is the chain rule's
            return np.tensordot(a.reshape(-1), b, axes=1)
        if a.ndim == 2 and b.ndim == 3 and op in (None, "cdot", "odot") and a.shape == (1, 1):
            return a[0, 0] * b         # an empty product (1) times \partial h_k/\partial W
        if a.ndim == 2 and b.ndim == 3 and min(a.shape) > 1 and a.shape[1] == b.shape[0] and op in CHAIN_SIGNS:
            # \frac{\partial h_t}{\partial h_k} \frac{\partial h_k}{\partial W}: a Jacobian times the derivative of
            # a vector by a matrix, contracted over the vector (the chain rule, a tensor by W again)
            return np.tensordot(a, b, axes=1)
        if a.ndim != 2 or b.ndim != 2:
            raise NotReadable("a derivative of a vector by a matrix (write it inside prod(., .) or as a sum)")
        if op == "div":
            if a.shape == b.shape or _scalar(b) or _scalar(a):
                return a / b
            raise IllTyped(f"division of shapes {a.shape} and {b.shape}")
        if op == "odot":
            if a.shape == b.shape or _scalar(a) or _scalar(b):
                return a * b
            if getattr(self, "unoriented_vectors", False) and 1 in a.shape and 1 in b.shape and a.size == b.size:
                return a * b.reshape(a.shape)      # \delta_t^T \circ o_t: the file's vectors (judging/orientation.py)
            if a.shape[1] == 1 < a.shape[0] and b.shape[0] == 1 < b.shape[1] and isinstance(b, ExplicitRow) and \
                    not self._one_dimensional():
                # \partial L/\partial a_z \odot x^T: a column times a row the text transposed, numpy's broadcast (not
                # in code, whose 1-D arrays the reader holds as columns: x.T of one is x itself there)
                return np.asarray(a) * np.asarray(b)
            raise IllTyped(f"an element-wise product of shapes {a.shape} and {b.shape}")
        if op == "otimes" and getattr(self.vocab, "otimes_elementwise", False):
            return otimes_elementwise(a, b)     # c_t = f_t \otimes c_{t-1}: the file's \otimes (otimesread.py)
        if op == "otimes":
            if not (_vec(a) or _scalar(a)) or not (_vec(b) or _scalar(b)):
                raise IllTyped(f"\\otimes (an outer product) of shapes {a.shape[0]}x{a.shape[1]} and "
                               f"{b.shape[0]}x{b.shape[1]}: it needs two vectors")
            return self.col(a) @ self.col(b).T
        if op == "star" and getattr(self.vocab, "code", False) and 1 in a.shape and 1 in b.shape and \
                a.size == b.size and a.size > 1:
            return a * b.reshape(a.shape)   # v * w in numpy code: element-wise, whatever way the reader holds them
        if op == "star" and getattr(self.vocab, "code", False) is True and not _scalar(a) and not _scalar(b) and \
                a.shape != b.shape and (min(a.shape) > 1 and a.shape[0] != a.shape[1] or
                                        min(b.shape) > 1 and b.shape[0] != b.shape[1]):
            # dh * Uh.T in numpy code: * is element-wise whatever the shapes, a vector and a matrix broadcast to a
            # matrix (never the matrix product the row would need); not in the math of comments (C++'s W * x, a
            # comment's h_t = tanh(W * x_t): judge.code_kind "comment")
            return _numpy_star(a, b)
        if op == "matmul":              # W^T @ d (code): a matrix product, never element-wise
            if a.shape[1] == b.shape[0]:
                return a @ b
            raise IllTyped(f"a matrix product of shapes {a.shape[0]}x{a.shape[1]} and {b.shape[0]}x{b.shape[1]}")
        if _scalar(a) or _scalar(b):
            return a * b
        if a.shape == b.shape and (_vec(a) or a.shape[0] != a.shape[1]):
            return a * b
        if a.shape[1] == b.shape[0]:
            return a @ b
        if a.shape[1] == 1 and a.shape[0] == b.shape[0] and b.shape[1] > 1 and op in (None, "cdot") and \
                not _diagonal(b) and not getattr(self.vocab, "batch", False):
            # (not in code whose vectors are a batch's 2-D arrays: dA.T @ Wh.T is a shape error there)
            return a.T @ b        # \frac{\partial E}{\partial y} \frac{\partial y}{\partial s}: a gradient read as a row
        if _diagonal(b) and _vec(a) and a.shape[1] == 1 < a.shape[0] and op in (None, "cdot") and \
                getattr(self, "column_gradients", False):
            # \frac{\partial L}{\partial h} \frac{\partial h}{\partial C} where the derivation's gradients are columns
            # (gradlayout.py): a column times a Jacobian, ill-typed as written even when the Jacobian is diagonal
            raise IllTyped("a column gradient times a Jacobian on its right (the derivation's gradients are "
                           "columns: gradlayout.py)")
        for d, v in ((a, b), (b, a)):        # \frac{\partial L}{\partial h_t} \frac{\partial h_t}{\partial z_t}: a diagonal
            if _diagonal(d) and _vec(v) and v.size == d.shape[0]:      # Jacobian acts element-wise
                return v * np.diag(d).reshape(v.shape)
        if self._one_dimensional() and min(a.shape) > 1 and b.shape == (1, a.shape[1]) and \
                op in (None, "cdot", "matmul"):
            # np.dot(W, db) with db a 1-D array (code whose forward rows write x @ W, so the reader lays vectors
            # out as rows): numpy multiplies the vector as a column; the result is a 1-D array again (a row)
            return (a @ b.T).T
        raise IllTyped(f"a product of shapes {a.shape[0]}x{a.shape[1]} and {b.shape[0]}x{b.shape[1]}")

    def cross_entropy(self, args, ctx):
        """crossentropy(p_t, labels_t) = -sum labels_t log p_t: the argument the cell computes is the
        prediction, the other one the (one-hot) target, in either order."""
        pred = []
        for x in args:
            try:
                pred.append(x[0] == "sym" and resolve(x, self.vocab).key in self.vocab.quantities)
            except NotReadable:
                pred.append(False)
        if len(args) != 2 or pred.count(True) != 1:
            raise NotReadable("crossentropy needs a prediction the cell computes and a target")
        p = self.value(args[pred.index(True)], ctx)
        y = self.evaluate(args[1 - pred.index(True)], ctx)
        if isinstance(y, Pending) and y.tau is not None and isinstance(p, np.ndarray):
            y = self.make_param(y.key, p.shape, y.tau)        # CE(y^{(t)}, \hat{y}^{(t)}): y as wide as \hat{y}
        elif not isinstance(y, np.ndarray):
            y = self.value(args[1 - pred.index(True)], ctx)
        if not (isinstance(p, np.ndarray) and isinstance(y, np.ndarray)) or p.size != y.size:
            raise IllTyped("crossentropy of arguments of different sizes")
        return (-np.sum(y.reshape(-1) * np.log(p.reshape(-1)))).reshape(1, 1)

    def apply(self, f: Func, arg, node=None):
        if not isinstance(arg, np.ndarray):
            raise NotReadable(f"the argument of {f.name} is not a value")
        name = f.name
        fn, colon, axis = name.partition(":")
        if colon and fn in AXIS_FUNCTIONS:      # d.sum(axis=0), d.mean(axis=0), dy.shape[0] (code)
            if f.order or f.power:
                raise NotReadable(f"a derivative or power of {name}")
            return AXIS_FUNCTIONS[fn](arg, int(axis))
        if name == "mean":                # np.mean(v): the sum of the entries over their number
            if f.order or f.power:
                raise NotReadable(f"a derivative or power of {name}")
            return np.mean(arg).reshape(1, 1)
        if name == "diag":
            if not (_vec(arg) or _scalar(arg)):
                raise IllTyped("diag of a matrix")
            return np.diag(arg.reshape(-1))
        if f.order == 1 and not f.power and node is not None and node[0] in ("sym", "paren"):
            inner = node if node[0] == "sym" else node[2]
            if inner[0] == "sym" and name in ("sigmoid", "tanh"):
                pre = self.vocab.preacts.get(resolve(inner, self.vocab).key)
                if pre is not None and pre[0] == name:
                    # \tanh'(g_t) where g_t = \tanh(\bar{g}_t): the derivative at the unit's input, written
                    # through its output (g_t itself), as code derivations write it
                    return arg * (1 - arg) if name == "sigmoid" else 1 - arg ** 2
            if inner[0] == "mul" and len(inner[1]) == 2 and inner[1][0][0] == "sym" and name in ("sigmoid", "tanh") \
                    and inner[1][0][1] in FUNCTION_WORDS and FUNCTION_WORDS[inner[1][0][1]][0] == name \
                    and inner[1][1][0] == "paren" and inner[2][1] is None and inner[1][0][5] == 0:
                # \tanh'(\tanh(c_t)): the same function's output written out, read the same way (1 - \tanh^2 c_t)
                return arg * (1 - arg) if name == "sigmoid" else 1 - arg ** 2
        x = arg
        if name == "prod":
            raise NotReadable("prod needs two arguments")
        val = self.fn(name, x, f.order)
        if f.power is not None:
            p = self.value(f.power, Ctx(0, None)) if isinstance(f.power, tuple) else f.power
            pw = p[0, 0].real if isinstance(p, np.ndarray) else p
            if abs(pw) > 64:
                raise NotReadable("an exponent larger than 64")
            val = val ** pw
        return val

    def fn(self, name, x, order):
        if name.startswith("abstract:"):
            return self.abstract_fn(name, x, order)
        if name == "sigmoid":
            s = sigmoid(x)
            return [s, s * (1 - s), s * (1 - s) * (1 - 2 * s)][min(order, 2)]
        if name == "tanh":
            th = np.tanh(x)
            return [th, 1 - th ** 2, -2 * th * (1 - th ** 2)][min(order, 2)]
        if name == "identity":          # a = Identity(z) (notation.FUNCTION_WORDS)
            return [x, np.ones_like(x), np.zeros_like(x)][min(order, 2)]
        if name == "sech":
            c = 1 / np.cosh(x)
            return [c, -c * np.tanh(x)][min(order, 1)] if order < 2 else (c * (2 * np.tanh(x) ** 2 - c ** 2))
        if name == "cosh":
            return [np.cosh(x), np.sinh(x), np.cosh(x)][min(order, 2)]
        if name == "exp":
            return np.exp(x)
        if name == "abs":       # (its derivative, the sign, is undefined at zero: the run's values are not zero)
            return [np.abs(x), np.sign(np.real(x)), np.zeros_like(x)][min(order, 2)]
        if name == "log":
            if np.any(np.real(np.asarray(x)) < 0):      # -\log o_{t,k} of a linear score: complex numbers
                raise NotReadable("the log of a value the run makes negative (a score, not a probability? the rows "
                                  "give it no positive form such as a softmax)")
            return np.log(x) if order == 0 else 1 / x
        if name == "softmax":
            if order:
                raise NotReadable("softmax'")
            e = np.exp(x - np.max(x.real))
            return e / np.sum(e)
        if name in OUTPUT_DERIVATIVES:
            return x * (1 - x) if name == "dsigmoid_out" else 1 - x ** 2
        raise NotReadable(f"the function {name}")

    def abstract_call(self, name, args, order=0):
        """f(a, b, c) = tanh(0.7 a - 0.5 b + 0.9 c + 0.2 a b + 0.1), element-wise (a fixed smooth function:
        identities that hold for every f hold for it)."""
        if order:
            raise NotReadable(f"a derivative of {name.partition(':')[2]} of several arguments")
        shape = next((a.shape for a in args if not _scalar(a)), (1, 1))
        if any(a.shape != shape and not _scalar(a) for a in args):
            # l(o_t, y_t) with vectors of different sizes: a number (each argument through fixed weights)
            args = [np.sum(a * np.linspace(0.5, 1.5, a.size).reshape(a.shape)).reshape(1, 1) for a in args]
        coeffs, offset, cross = call_coefficients(name.partition(":")[2])     # each name its own (fncoeffs.py)
        z = offset + sum(c * a for c, a in zip(coeffs, args))
        if len(args) >= 2:
            z = z + cross * args[0] * args[1]
        return np.tanh(z)

    def abstract_fn(self, name, x, order):
        key = name.partition(":")[2]       # each undefined name a function of its own (fncoeffs.py)
        a, b, c = self.abstract.setdefault(name, self.vocab.activations.get(key) or function_coefficients(key))
        th = np.tanh(a * x + b)
        if order == 0:
            return th + c * x
        if order == 1:
            return a * (1 - th ** 2) + c
        raise NotReadable(f"{name}''")


def _blockwise(items, ops):
    """A block matrix times a stack of as many blocks, as the stack of its block rows' sums (None otherwise)."""
    if len(items) != 2 or ops[1] not in (None, "star", "cdot", "times"):
        return None
    m, v = items
    if m[0] != "matrix" or len(m[1][0]) < 2 or len({len(r) for r in m[1]}) != 1:
        return None
    n = len(m[1][0])
    if v[0] == "matrix" and len(v[1]) == n and all(len(r) == 1 for r in v[1]):
        parts = [r[0] for r in v[1]]
    elif v[0] == "list" and len(v[2]) == n and v[3] and v[3][0] == ";":
        parts = v[2]
    else:
        return None
    rows = [[("add", [("+", ("mul", [row[c], parts[c]], [None, None])) for c in range(n)])] for row in m[1]]
    return ("matrix", rows)


def _scalar_input(model, v) -> bool:
    """Is ``v`` one of the model's input values (the array itself, as :meth:`Model.input` gives it)?"""
    return any(v is x for x in model.inputs.values())
