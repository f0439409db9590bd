r"""Values of the author's expressions in a random run: products by shape, functions, gradients, Jacobians.

Vectors are 2-d (``(n, 1)`` in a column-layout derivation, ``(1, n)`` in a row-layout one), so
``\\delta_t x_t^\\top`` is an outer product and ``x_t W`` a vector times a matrix without special
cases: juxtaposition, ``\\cdot``, ``*`` and ``\\times`` multiply element-wise when both sides are
vectors of one shape and as matrices otherwise; ``\\odot`` and ``\\circ`` always element-wise.
A gradient symbol is read by the reading chosen for it (:class:`Ctx` ``readings``).
"""
from __future__ import annotations

import numpy as np

from ...latex.notation import FUNCTION_WORDS, LOSS_NAMES
from .author import IllTyped, Pending
from .blocks import block_value, weight_blocks
from .blockdeps import missing_blocks
from .baretime import check_bare
from ..text.names import BATCH_SIZE_NAMES, STEP_COUNT_LETTERS, NotReadable, Ref, Undefined, _sup_atoms, \
    gradient_split, key_latex, resolve
from .numadjoint import AdjointsMixin, tree_latex
from .numbase import IDENTITY_NAMES, INDEX_LETTERS, Ctx, EmptySum, Func, Grad, Identity, _scalar, _show, _with_env, \
    component, empty_sum
from .numgrad import GradientsMixin
from .numlayers import LayersMixin
from .numprod import ProductsMixin
from .numscripts import ScriptsMixin
from ..text.trees import has_derivative, symbols, walk
from .trueclass import set_size, softmax_size
from .fixedloss import per_step_loss_time, with_loss_at
from .slices import split_weight_shape
from .elision import expand_elision
from .chainelision import chain_elision

__all__ = ["Evaluator", "Ctx", "Func", "Grad"]


def _input_like(key: str) -> bool:
    """x_t, X_t, xs_t, u_t, in_t: the inputs of a cell (their size is the input size)."""
    base = key.split("_")[0].lower()
    return base in ("x", "xs", "u", "in", "input", "inputs")



def _reads_gradient(node) -> bool:
    """Whether a derived name's row reads a gradient (a derivative, a gradient's name): a backward recursion."""
    return has_derivative(node) or any(n[0] == "sym" and gradient_split(n[1]) is not None for n in walk(node)
                                       if isinstance(n, tuple) and n)

class Evaluator(GradientsMixin, ProductsMixin, ScriptsMixin, LayersMixin, AdjointsMixin):
    """Evaluates row trees against a :class:`~symlstm.verify.author.Model`."""

    def __init__(self, model):
        self.model = model
        self.vocab = model.vocab
        self.abstract: dict = {}
        self.named_part = ""
        self.lettered_parts = frozenset()     # dha, ..., dhe summed into dh: parts of dh (judging/partials.py)
        self.cur_tau = 1
        self.accumulating = False
        self.accumulated = frozenset()  # quantities whose gradient a later row accumulates (+=): see judge
        self.sides = set()                # ids of the nodes that are a whole side of the row judged
        self.partial_sum = False        # a row of an accumulation path by path (partials.py), not its last
        self.slices: dict = {}         # name -> slice stated after the row (W_f = W_f[:, :n_a])
        self._blocks = None                # names of weight blocks (w_r_x), listed on first use
        self.frozen = False                # set when the cell is built: resolutions can be remembered
        self.forwarding = 0                # > 0 while a forward row's value is computed (not a claim's)
        self._resolved: dict = {}
        self.derived: dict = {}          # names a row defines through derivatives (a_t = dh_t/dw)
        self._deriving: set = set()
        self.marks: dict = {}            # id of a forward sub-tree -> its key (its adjoint was asked for)
        self.legend = None               # the file's legend (% symlstm: let ...), set by the judge
        model.evaluator = self
        self.occ = {}
        for d in model.defs:
            for k, n in enumerate(symbols(d.node)):
                self.occ[id(n)] = k

    def forward(self, d, tau, run, pert, lenient=False):
        ctx = Ctx(tau, run, pert, d.keys[0], self.env(tau), lenient)
        ctx.out_dim = self.model.h * len(d.keys) * d.width
        from .funcstack import column_mismatch
        if column_mismatch(d.node, len(d.keys)):         # (i; f; o; g) = (\sigma; \sigma; \tanh) ...
            raise IllTyped(column_mismatch(d.node, len(d.keys)))
        self.forwarding += 1
        try:
            v = self.evaluate(d.node, ctx)
        finally:
            self.forwarding -= 1
        if isinstance(v, Pending):
            v = self.make_param(v.key, self.model.vector(ctx.out_dim), v.tau)
        if isinstance(v, Func):
            raise IllTyped("a function without an argument")
        return v

    def env(self, tau):
        e = {self.vocab.time_var: tau, "T": self.model.T}
        for letter in self.vocab.steps:         # \sum_{t=1}^{N}: N steps (laststep.py)
            e.setdefault(letter, self.model.T)
        if self.vocab.time_var != "tau":
            e["tau"] = self.model.T
        return e

    def _reads_step_before(self) -> bool:
        """Whether the cell reads some quantity from the step before with the time letter (h_{t-1}, h_{prev}):
        then only those quantities have a value at step 0 (c^{(0)} of rows written at numbered steps is one)."""
        if not hasattr(self, "_step_before"):
            self._step_before = any(x[2] == 1 for key in self.model.by_key for x in self.sites(key))
        return self._step_before

    def read(self, key, tau, run, pert, site, ctx=None):
        m = self.model
        if tau is None:
            v = m.params[key]
        else:
            v = run.values.get((key, tau))
            if v is None:
                if tau == 0:
                    d = m.by_key.get(key)
                    if d is None:
                        raise IllTyped(f"{key_latex(key)} at step 0")
                    if not any(x[2] == 1 for x in self.sites(key)) and (
                            getattr(self, "extra_times", ()) or self._reads_step_before()):
                        # q^{(k-1)} at k = 1, y_{t-1} at t = 1: a quantity no step reads from the step before has
                        # no step 0 (only the recurrent state has an initial value)
                        raise IllTyped(f"{key_latex(key)} at step 0")
                    shape = run.values.get((key, 1), None)
                    v = m.state0(key, shape.shape if shape is not None else m.vector(m.h))
                elif key in m.by_key:
                    raise IllTyped(f"{key_latex(key)} at step {tau} is not computed yet (outside the run or read before "
                                   f"it is defined)")
                else:
                    raise IllTyped(f"{key_latex(key)} at step {tau}")
        if pert and (key, tau) in pert:
            delta, filt = pert[(key, tau)]
            if filt is None or filt(site):
                v = v + delta
        if ctx is not None and ctx.local and (key, tau) in ctx.local:
            v = v + ctx.local[(key, tau)]
        return v

    def make_param(self, key, shape, tau=None):
        m = self.model
        if tau is not None:                    # y_t first used beside \hat{y}_t: it takes that shape
            if (key, tau) not in m.inputs and key not in m.input_shapes and m.softmax_output(shape):
                m.input_shapes[key] = shape        # beside a softmax output: a one-hot target
                m.targets_onehot.add(key)
            if key in m.targets_onehot:
                m.inputs.setdefault((key, tau), m.onehot("__y", tau, shape))
            return m.input(key, tau, shape)
        if key not in m.params:
            k = getattr(self.vocab, "sliced_widths", {}).get(key, 1)
            if k > 1 and shape == m.vector(m.h):     # bh[:H] beside bh[H:H*2]: two blocks of H
                shape = m.vector(k * m.h)
            shape = getattr(m, "stated_shapes", {}).get(key, shape)     # W \in \mathbb{R}^{F \times U}: as stated
            if key in self._loss_labels() and m.softmax_output(shape):
                # L = -np.sum(y * np.log(p)) in rows that write no step: y, beside the softmax p, is its label
                m.params[key] = m.onehot("__y", 0, shape)
                self.vocab.params.add(key)
                return m.params[key]
            m.params[key] = m.random(shape, 1.0 / np.sqrt(max(shape)))
            self.vocab.params.add(key)
        return m.params[key]

    def _loss_labels(self) -> frozenset:
        """The names the loss's definition reads that no forward row defines and that are no weight by their
        letter: its labels (an untimed ``y`` beside the prediction)."""
        m = self.model
        loss = getattr(m, "loss_def", None)
        cached = self.__dict__.get("_labels")
        if cached is not None and cached[0] is loss:
            return cached[1]
        out = set()
        defined = {k for d in getattr(m, "defs", ()) for k in d.keys}
        for n in symbols(loss) if loss is not None else ():
            try:
                r = resolve(n, self.vocab)
            except NotReadable:
                continue
            if r.key not in defined and r.key not in FUNCTION_WORDS and r.key[:1] not in "WUVb" and \
                    r.key not in LOSS_NAMES:
                out.add(r.key)
        self.__dict__["_labels"] = (loss, frozenset(out))
        return frozenset(out)

    def evaluate(self, node, ctx):
        fn = getattr(self, "e_" + node[0], None)
        if fn is None:
            raise NotReadable(f"{node[0]} is not read")
        stack = self.__dict__.setdefault("eval_stack", [])     # the nodes being evaluated (nestedforms.py)
        stack.append(node)
        try:
            if self.marks and id(node) in self.marks:      # a forward sub-expression whose adjoint is asked for
                return self.marked(node, fn(node, ctx), ctx)
            return fn(node, ctx)
        finally:
            stack.pop()

    def value(self, node, ctx):
        v = self.evaluate(node, ctx)
        if isinstance(v, Identity):
            raise NotReadable("the identity I with no factor or term beside it to give its size")
        if isinstance(v, Pending):
            v = self.make_param(v.key, self.model.vector(ctx.out_dim or self.model.h), v.tau)
        if isinstance(v, Func) and node[0] in ("sym", "paren"):
            inner = node if node[0] == "sym" else node[2]
            g = gradient_split(inner[1]) if inner[0] == "sym" else None
            if g is not None:          # dtanh alone: the gradient of tanh's pre-activation
                return self.named_gradient(resolve(inner, self.vocab), g[1], inner, ctx)
        if isinstance(v, Func):
            raise NotReadable(f"the function {v.name} needs an argument")
        if isinstance(v, tuple) and v and v[0] == "dop" and v[1] is not None:
            # [dE/dx^t; d/dh^{t-1}]: an operator d/dv standing alone is an error of the text, not of the reader
            raise IllTyped(f"\\frac{{d}}{{d {tree_latex(v[1])}}} has no numerator: a derivative of nothing")
        if isinstance(v, tuple):
            raise NotReadable("a derivative sign without a quantity")
        return v

    def e_value(self, node, ctx):
        return node[1]

    def e_num(self, node, ctx):
        return np.array([[complex(float(node[1]))]])

    def e_paren(self, node, ctx):
        inner = node[2]
        if node[1] == "[" and inner[0] == "mul" and all(op is None for op in inner[2][1:]) and \
                all(x[0] == "sym" and x[1] not in FUNCTION_WORDS and x[1] not in self.vocab.functions
                    for x in inner[1]):          # [x h_prevr], [d_r_bar d_u_bar]: side by side (TF docs)
            return self.concat([self.value(x, ctx) for x in inner[1]])
        return self.evaluate(inner, ctx)

    def e_empty(self, node, ctx):
        raise NotReadable("an empty group")

    def e_dots(self, node, ctx):
        raise NotReadable(r"\ldots (an elided expression) cannot be checked")

    def elided(self, items, ctx):
        """The items of a sum or product with their elision written out (elision.py)."""
        if items and items[0] == ("+", ("dots",)):        # A_t + J_t (A_{t-1} + J_{t-1} (\ldots + A_1)): nestedforms.py
            from .nestedforms import nested_items
            made = nested_items(items, self.__dict__.get("eval_stack", ()), lambda n: self.int_of(n, ctx), IllTyped)
            if made is not None:
                return made, 1
        return expand_elision(items, lambda n: self.int_of(n, ctx), IllTyped, chain_elision)

    def e_angle(self, node, ctx):
        if len(node[1]) == 2:
            a, b = (self.value(x, ctx) for x in node[1])
            return self.mul(self.col(a), self.col(b).T, None)
        raise NotReadable(r"\langle \rangle")

    def col(self, v):
        return v if v.shape[1] == 1 else v.T

    def e_abs(self, node, ctx):
        r"""|x|: the length of a vector (\sqrt{x \cdot x}, smooth for the complex step), |a| of a number."""
        v = self.value(node[1], ctx)
        return np.sqrt(np.sum(v * v)).reshape(1, 1)

    def e_norm(self, node, ctx):
        v = self.value(node[1], ctx)
        if v.ndim == 2 and min(v.shape) > 1:         # a matrix: the operator (spectral) norm, as bounds mean it
            return np.array([[complex(np.linalg.norm(np.real(v), 2))]])
        return np.sqrt(np.sum(v * v)).reshape(1, 1)

    def e_accent(self, node, ctx):
        f = node[2]
        if node[1] == "bar" and f[0] == "frac" and f[1][0] == "pre" and f[1][1] in ("partial", "d") and \
                f[1][2] is None and f[1][3][0] == "sym" and f[2][0] == "pre" and f[2][1] in ("partial", "d") and \
                f[2][3][0] == "sym" and resolve(f[2][3], self.vocab).key in self.vocab.params:
            # \overline{\partial h'_i / \partial W}: by a parameter with every other term held constant (the
            # immediate derivative \partial^{+}: W's use at step i, as the texts that write the bar define it;
            # by a quantity, \overline{\partial h_t / \partial h_{t-1}}, it is one row's explicit term: not read)
            return self.value(("frac", ("pre", f[1][1], "+", f[1][3]), f[2]), ctx)
        raise NotReadable("an accent on an expression")

    def e_add(self, node, ctx):
        if any(t == ("dots",) for _, t in node[1]):       # a_t + a_{t-1} + \ldots + a_1: its pattern (elision.py)
            try:
                items = self.elided(node[1], ctx)[0]
            except NotReadable:
                for _, t in node[1]:        # a written term ill-typed by itself: so is the sum, whatever is elided
                    if t != ("dots",) and ("dots",) not in walk(t):
                        try:
                            self.evaluate(t, ctx)
                        except IllTyped:
                            raise
                        except Exception:       # the term's own limits: the elision's reason stands
                            pass
                raise
            return self.e_add(("add", items), ctx)
        vals = [(s, self.evaluate(t, ctx)) for s, t in node[1]]
        if len(vals) > 1 and any(t == ("num", "0") for _, t in node[1]) and \
                any(isinstance(v, np.ndarray) and v.ndim != 2 for _, v in vals):
            vals = [(s, v) for (s, v), (_, t) in zip(vals, node[1]) if t != ("num", "0")]     # X + 0: X's shape
        if any(isinstance(v, np.ndarray) and v.ndim != 2 for _, v in vals):
            if all(isinstance(v, np.ndarray) and v.shape == vals[0][1].shape for _, v in vals):
                # derivatives of one vector by a matrix (\partial h_t/\partial W + J \partial h_{t-1}/\partial W)
                return sum((-v if s == "-" else v) for s, v in vals[1:]) + (-vals[0][1] if vals[0][0] == "-" else vals[0][1])
            raise NotReadable("a derivative of a vector by a matrix in a sum")
        if getattr(self, "numerator_chains", False) and not getattr(self, "column_gradients", False):
            vals = _loss_rows_in_sum(node[1], vals, self.vocab)     # (\delta_3 + \partial L_2/\partial h_2) J
        if len(vals) > 1 and any(isinstance(v, EmptySum) for _, v in vals):
            if all(isinstance(v, EmptySum) for _, v in vals):
                return vals[0][1]
            # \partial E_t/\partial h_t + (\partial h_{t+1}/\partial h_t)^T \Pi_{t+1} at the last step: the term of no
            # path is a plain zero here (kept an EmptySum, the sum would be taken for one, zero whatever it holds)
            vals = [(s, v.view(np.ndarray) if isinstance(v, EmptySum) else v) for s, v in vals]
        known = [v for _, v in vals if isinstance(v, np.ndarray) and not _scalar(v)]
        shape = known[0].shape if known else None
        out = None
        for s, v in vals:
            if isinstance(v, Identity):          # A - I: the identity as large as the other terms
                if shape is None:
                    raise NotReadable("the identity I in a sum without another matrix to give its size")
                v = np.eye(shape[0], dtype=complex)
            if isinstance(v, Pending):
                want = shape or self.model.vector(ctx.out_dim or self.model.h)
                if v.transpose and v.tau is None:       # x_t W^T + b^T (rows): b is the column whose transpose fits
                    v = self.make_param(v.key, tuple(reversed(want))).T
                else:
                    v = self.make_param(v.key, want, v.tau)
            if isinstance(v, (Func, tuple)):
                raise NotReadable("a function or derivative sign in a sum without an argument")
            v = -v if s == "-" else v
            if out is None:
                out = v
            elif out.shape == v.shape or _scalar(out) or _scalar(v):
                out = out + v
            elif self._one_dimensional_sum(out, v):
                out = out + v.reshape(out.shape)
            else:
                raise IllTyped(f"terms of shapes {out.shape} and {v.shape} are added")
        return out

    def _one_dimensional_sum(self, a, b) -> bool:
        """A sum of a column and a row of one size in a claim of numpy code whose cell runs in columns
        (``dh = delta * z + (dn * r) @ W_nh``, ``d @ W`` read as a row): the code's 1-D vectors, which have no
        orientation to differ in. Not in the cell's own rows (``x @ W`` there is what makes its layout rows)."""
        return self._one_dimensional() and self.model.layout == "column" and \
            not self.forwarding and a.ndim == b.ndim == 2 and a.size == b.size > 1 and \
            1 in a.shape and 1 in b.shape

    def e_list(self, node, ctx):
        items = node[2]
        if ("dots",) in items:          # [y_{t,1}, y_{t,2}, \cdots, y_{t,C}]: by its components (componentlists.py)
            from .componentlists import component_list_items
            items = component_list_items(self, items, ctx)
        parts = [self.value(x, ctx) for x in items]
        return self.concat(parts, vertical=node[3] and node[3][0] == ";")

    def e_matrix(self, node, ctx):
        rows = node[1]
        if all(len(r) == 1 for r in rows):
            return self.concat([self.value(r[0], ctx) for r in rows], vertical=True)
        if len(rows) == 1:
            parts = [self.value(x, ctx) for x in rows[0]]
            if all(isinstance(p, np.ndarray) and p.ndim == 2 and p.shape[0] == 1 for p in parts) and \
                    any(p.shape[1] > 1 for p in parts):
                return np.concatenate(parts, axis=1)    # [a_{prev}^T & x_t^T] (np.hstack of rows): one row
            return self.concat(parts, vertical=False)
        if len({len(r) for r in rows}) != 1:
            raise NotReadable("a matrix whose rows have different numbers of blocks")
        blocks = [[self.value(x, ctx) for x in r] for r in rows]     # [[W^c U^c]; [W^i U^i]]: blocks
        try:
            return np.block(blocks)
        except ValueError:
            raise IllTyped("blocks of a matrix whose sizes do not fit") from None

    def concat(self, parts, vertical=False):
        if all(isinstance(p, np.ndarray) and p.ndim == 2 and min(p.shape) > 1 for p in parts):
            # W = [W_a; W_i; W_f; W_o]: weights stacked (by rows when their widths agree, else side by side)
            if (vertical or self.model.layout == "column") and len({p.shape[1] for p in parts}) == 1:
                return np.concatenate(parts, axis=0)
            if len({p.shape[0] for p in parts}) == 1:
                return np.concatenate(parts, axis=1)
            raise IllTyped("a stack of matrices whose sizes do not fit")
        if vertical and getattr(self, "row_gradients", False) and all(p.shape[0] == 1 for p in parts) and \
                any(p.shape[1] > 1 for p in parts):
            # [x^T; z_h^T; 1] in a file whose gradients are rows: [a; b] stands for [a^T; b^T]^T, so a stack of
            # rows is their row (text/vectorlabels.py)
            return np.concatenate(parts, axis=1)
        if self.model.layout == "column" or vertical and self.model.layout == "column":
            parts = [p if p.shape[1] == 1 else p.T for p in parts]
            if any(p.shape[1] != 1 for p in parts):
                raise IllTyped("a concatenation of matrices")
            return np.concatenate(parts, axis=0)
        parts = [p if p.shape[0] == 1 else p.T for p in parts]
        if any(p.shape[0] != 1 for p in parts):
            raise IllTyped("a concatenation of matrices")
        return np.concatenate(parts, axis=1)

    def e_sym(self, node, ctx):
        name = node[1]
        if name in ("delta", "Delta") and node[2] is None:
            return self.delta_alone(node, ctx)
        ref = self.resolved(node)
        if node[2] == "bar" and ctx.consumer == "" and ref.key.startswith("pre:") and \
                node[1] in self.vocab.preacts and self.vocab.preacts[node[1]][1] == ref.key:
            # \bar{h}_t where the derivation never writes \bar{h} forward: its pre-activation, or (as in
            # automatic differentiation) the adjoint of h_t; one reading for every bar of the row
            g = Grad("bar-notation", "", "", False, style="bar")
            ctx.seen.setdefault(g, [("value",), ("adjoint",)])
            if ctx.readings.get(g, ("value",))[0] == "adjoint":
                from dataclasses import replace
                plain = replace(ref, key=node[1])
                return self.named_gradient(replace(plain, key="d" + node[1]), node[1], node, ctx)
        return self.ref_value(ref, node, ctx)

    def resolved(self, node):
        """resolve(node), remembered once the cell is built (the runs read the same rows again and again)."""
        if not self.frozen:
            return resolve(node, self.vocab)
        k = (id(node), self.vocab.bound, frozenset(self.vocab.comp))
        r = self._resolved.get(k)
        if r is None:
            r = self._resolved[k] = (resolve(node, self.vocab), node)
        return r[0]

    def function_of(self, ref: Ref, node):
        name = ref.key if not ref.block else None
        if name is None or ref.time is not None or ref.word:
            return None
        if name in FUNCTION_WORDS and name not in self.vocab.quantities:
            fname = FUNCTION_WORDS[name][0]
        elif name in self.vocab.functions:
            fname = "abstract:" + name
        else:
            return None
        power = ref.power
        return Func(fname, power, ref.primes, node)

    def unit_function(self, node):
        r"""``o'(\bar f^t)`` where o^t = \sigma(\bar o^t): a unit's letter, primed and bare, applied to brackets names
        the derivative of the function that makes the unit (\sigma'), at any argument; None otherwise."""
        if node[0] != "sym" or not node[5]:
            return None
        try:
            ref = self.resolved(node)
        except NotReadable:
            return None
        v = self.vocab
        if ref.time is not None or ref.word or ref.index or ref.block or ref.transpose or \
                ref.key not in v.quantities or ref.key not in v.preacts or ref.key in v.functions:
            return None
        fname = v.preacts[ref.key][0]
        if fname in ("softmax", "diag", "prod"):
            return None
        return Func(fname, ref.power, ref.primes, node)

    def ref_value(self, ref: Ref, node, ctx):
        if ref.key == "e" and ref.power is not None and ref.time is None and not ref.word and not ref.index and \
                not ref.primes and not ref.transpose and not ref.block:
            return np.exp(self.value(ref.power, ctx))       # e^{-2x}: the exponential (e^{(t)}: a quantity e)
        f = self.function_of(ref, node)
        if f is not None:
            return f
        key = ref.key
        v = self.vocab
        if ref.index and getattr(self.model, "vector_components", False) and key not in v.params:
            raise NotReadable(f"{key_latex(key)}_{{{','.join(ref.index)}}}: component notation beside a softmax "
                              "over the units (the cell is read with vectors; components are not read)")
        if key in v.quantities:
            if ctx.consumer == "":
                check_bare(self, ref, ctx.lhs)  # C where the rows write C_t (baretime.py)
            tau = self.time_of(ref, ctx)
            site = (ctx.consumer, None, ctx.tau, self.occ.get(id(node), -1))
            if ref.primes:
                return self.scripts(self.prime_of(key, tau, ctx), ref.without_scripts().__class__(
                    "value", transpose=ref.transpose, power=ref.power), ctx)
            val = self.read(key, tau, ctx.run, ctx.pert, site, ctx)
            if ctx.run is not None and missing_blocks(ctx.run, key, tau, ref.block):     # ZRC^{(C)} before its row
                raise IllTyped(f"{key_latex(key)}{'^{(' + ref.block + ')}' if ref.block else ''} at step {tau} is "
                               f"not computed yet (read before the row that defines it)")
            return self.scripts(val, ref, ctx)
        if key in v.composites:              # W for [[W^c U^c]; ...]: the blocks' values
            return self.scripts(self.value(v.composites[key], ctx), Ref("value", transpose=ref.transpose,
                                                                         power=ref.power, slice=ref.slice), ctx)
        if key in v.params:
            if ref.time is not None and ref.time[0] == "sym" and ref.time[1] in getattr(self, "extra_times", ()) \
                    and node[0] == "sym" and node[4] and len(node[4]) == 1 and node[4][0][0] == "sym":
                # w_{rec}^m beside s_{k-m}: a weight has no steps; a power m or a copy at step m? not read,
                # unless the row writes m only as a count of steps back (countpowers.py)
                from .countpowers import count_power
                power = count_power(self, key, node, ctx)
                if power is not None:
                    return power
                raise NotReadable(f"{key_latex(key)} with the free letter {ref.time[1]} as its script (a power, or "
                                  f"the weight at a step?)")
            if key not in self.model.params:
                bound = [x for x in ref.index if x in ctx.env]
                if self.vocab.entrywise and len(ref.index) == 2:     # W_{ij} entry by entry: a square matrix
                    self.make_param(key, (self.model.h, self.model.h))
                elif bound:                     # W_{ki} x_{ti} summed over i: W_k has a component per input
                    self.make_param(key, self.model.vector(ctx.env.get("__n_" + bound[0], self.model.i)))
                elif key in getattr(self.model, "stated_shapes", {}):     # W \in \mathbb{R}^{F \times U}
                    self.make_param(key, self.model.stated_shapes[key])
                elif ref.slice and (shape := split_weight_shape(ref.slice, self.model.h, self.model.i)) is not None:
                    # Wh[:, :hidden_size] beside Wh[:, hidden_size:]: a weight on [h, x], met in its blocks (as
                    # wide as a weight already on [h, x], Wu @ concat(h, e), else h + the input's width)
                    rows = shape[0] != self.model.h
                    self.make_param(key, next((p.shape for p in self.model.params.values() if np.ndim(p) == 2 and
                                               p.shape[1 if rows else 0] == self.model.h and
                                               p.shape[0 if rows else 1] > self.model.h), shape))
                elif ref.slice and getattr(self.vocab, "sliced_widths", {}).get(key, 1) > 1:
                    # bh[:H] beside bh[H:H*2]: a bias met in its blocks, as wide as the blocks the rows slice
                    self.make_param(key, self.model.vector(self.model.h))
                else:
                    return Pending(key, transpose=bool(ref.transpose) and ref.power is None and not ref.primes)
            site = (ctx.consumer, None, ctx.tau, self.occ.get(id(node), -1))
            val = self.read(key, None, ctx.run, ctx.pert, site, ctx)
            stated = self.slices.get(key) if not ctx.consumer else None
            if stated is None and not ctx.consumer:           # "W_f = W_f[:, :n_a] etc.": every weight named like it
                stated = next((v for k, v in self.slices.items() if k.partition("_")[0] == key.partition("_")[0]), None)
            if stated is not None:
                val = self.stated_slice(val, stated)
            return self.scripts(val, ref, ctx)
        if key in v.inputs:
            tau = self.time_of(ref, ctx)
            if key not in self.model.input_shapes and not _input_like(key) and ref.index and \
                    self.model.softmax_output(self.model.vector(softmax_size(self.model, ctx.run))):
                # y_j^{(t)} beside \hat{y}_j^{(t)}: a component of a target as wide as the softmax output
                self.make_param(key, self.model.vector(softmax_size(self.model, ctx.run)), tau)
            if key not in self.model.input_shapes and not _input_like(key):
                return Pending(key, tau)       # y_t, d_t: a target whose size comes from its use
            val = self.model.input(key, tau)
            site = (ctx.consumer, None, ctx.tau, self.occ.get(id(node), -1))
            if ctx.pert and (key, tau) in ctx.pert:
                delta, filt = ctx.pert[(key, tau)]
                if filt is None or filt(site):
                    val = val + delta
            if ctx.local and (key, tau) in ctx.local:
                val = val + ctx.local[(key, tau)]
            return self.scripts(val, ref, ctx)
        if key in v.targets or key.startswith("onehot"):
            tau = self.time_of(ref, ctx) if ref.time is not None or ref.word else ctx.tau
            n = self.model.output_size()
            return self.model.onehot("__y", tau, self.model.vector(n))
        if key in self.derived:               # a_t = \partial h_t / \partial w: a name the derivation defines
            return self.scripts(self.derived_value(key, ref, ctx), ref, ctx)
        if key in ctx.env and not ref.time and not ref.word:     # \frac{1}{T}: the number of steps
            return np.array([[complex(ctx.env[key])]])
        if key in LOSS_NAMES and ref.time is None:
            return ("loss",)
        if key in LOSS_NAMES:                 # L^{(t)}: the loss of step t
            tau = self.time_of(ref, ctx)
            if tau not in ctx.run.terms and ctx.run.terms and tau > self.model.T:
                # L_{t+1} at the last step: past the run (the row is checked at the steps before it)
                raise IllTyped(f"the loss of step {tau} lies outside the run")
            steps = getattr(self.model, "loss_steps", None)
            if tau not in ctx.run.terms and not ctx.run.terms and steps is not None and 1 <= tau <= self.model.T:
                # J = -\frac{1}{T}\sum_t ...: J^{<t>} is the sum's term at step tau (totalloss.step_summand)
                return np.array([[np.sum(self.loss_value(steps, ctx.run, ctx.pert, tau))]], dtype=complex)
            if tau not in ctx.run.terms and not ctx.run.terms and steps is not None:
                # \mathcal{L}(t+1) at the last step: past the run (the row is checked at the steps before it)
                raise IllTyped(f"the loss of step {tau} lies outside the run")
            if tau not in ctx.run.terms and not ctx.run.terms:
                # no row defines the loss of a step
                raise NotReadable(f"the loss of step {tau}: the forward rows define no loss at that step")
            if tau not in ctx.run.terms:
                raise IllTyped(f"the loss of step {tau}")
            return np.array([[ctx.run.terms[tau]]], dtype=complex)
        comp = component(key, v)
        if comp is not None:          # o_i: a component, the equation read for every i at once
            return self.ref_value(Ref("value", comp, ref.time, ref.word, ref.transpose, ref.power, ref.primes),
                                  node, ctx)
        g = gradient_split(ref.key)
        if g is not None:
            return self.named_gradient(ref, g[1], node, ctx)
        if key.startswith("bar:") and (key[4:] in v.quantities or key[4:] in v.params or key[4:] in v.inputs):
            # \bar{h}_t, \bar{W} (adjoint notation of automatic differentiation): the gradient of h_t, W
            from dataclasses import replace
            return self.named_gradient(replace(ref, key="d" + key[4:]), key[4:], node, ctx)
        block = self.weight_block(ref, ctx)
        if block is not None:               # w_r_x: a block of a weight acting on a concatenation
            return self.scripts(block, ref, ctx)
        if key in IDENTITY_NAMES and not (ref.time is not None or ref.word or ref.index or ref.power is not None
                                          or ref.primes or ref.block or ref.slice or ref.transpose):
            return Identity()                  # I (the identity matrix) named in prose: sized by its neighbour
        from .lookup import lookup_of_defs
        looked = lookup_of_defs(key, self.model.defs, v)
        if looked is not None and looked in v.quantities and not ref.primes:     # L_{x^{(t)}}: e^{(t)} = x^{(t)} L
            return self.ref_value(Ref("value", looked, ref.time, ref.word, ref.transpose, ref.power), node, ctx)
        from .lossweights import selected_row
        selected_row(key, v)                   # L_x: an embedding lookup, not read
        from .stacknames import stack_unread
        unread = stack_unread(key, v, _show(ref))      # W_{ih} beside W_{iz}, W_{ir}, W_{in}: their stack
        if unread is not None:
            raise unread
        from .weightparts import weight_part, weight_part_value
        block = weight_part_value(self, node, ref, ctx)     # w_{\iota,x}: the block of w_\iota that multiplies x
        if block is not None:
            return self.scripts(block, ref, ctx)
        part = weight_part(node, v, _show(ref))        # w_{\iota,x} beside w_\iota: a block of it, not read
        if part is not None:
            raise part
        blocks = getattr(self, "named_blocks", {}).get(key)
        if blocks is not None and self.model.layout == "column":
            # W after (W_{hh} W_{xh}) before the same stack: that block row (judging/namedblockrows.py)
            parts = [self.value(x, ctx) for x in blocks]
            if any(not isinstance(p, np.ndarray) or p.ndim != 2 or p.shape[0] != parts[0].shape[0] for p in parts):
                raise IllTyped("a block row whose blocks differ in height")
            return self.scripts(np.concatenate(parts, axis=1), ref, ctx)
        copy = getattr(self, "dummy_copies", {}).get(key)
        if copy is not None:                   # s_b: a copy of s (dummycopy.py), s's value
            from dataclasses import replace
            return self.ref_value(replace(ref, key=copy[0]), node, ctx)
        if key in BATCH_SIZE_NAMES and not (ref.time is not None or ref.word or ref.index or ref.primes or
                                            ref.block or ref.slice or ref.transpose or ref.power is not None):
            return np.array([[1.0 + 0j]])      # / batch_size: one example's batch (BATCH_SIZE_NAMES)
        raise Undefined(f"{_show(ref)} is not defined in this derivation", ref.key)

    def weight_block(self, ref, ctx):
        """The value of a block of a weight named as in :mod:`symlstm.verify.blocks`, or None."""
        if self._blocks is None:
            self._blocks = weight_blocks(self.model)
            from .inlineblocks import inline_blocks
            for k, e in inline_blocks(self.model).items():      # W_{hf}: W's block for f on h_{t-1} (inlineblocks.py)
                self._blocks.setdefault(k, e)
        name = ref.key if not ref.word else f"{ref.key}_{ref.word}"
        entry = self._blocks.get(name) or (self._blocks.get(ref.key) if not ref.word else None)
        if entry is None or entry[0] not in self.model.params:
            return None
        site = (ctx.consumer, None, ctx.tau, -1)
        w = self.read(entry[0], None, ctx.run, ctx.pert, site, ctx)
        m = self.model

        def size(op):                  # an operand's width: its value at this step, as any row reads it
            v = self.value(op if isinstance(op, tuple) else ("sym", op, None, None, None, 0), ctx)   # (a written member)
            return max(np.shape(v)) if np.ndim(v) == 2 else m.h
        return block_value(m, w, entry, size)

    def loss_value(self, node, run, pert, tau=None):
        tau = self.model.T if tau is None else tau
        ctx = Ctx(tau, run, pert, "loss", self.env(tau))
        v = self.value(node, ctx)
        return v

    def derived_value(self, key, ref, ctx):
        tau = self.time_of(ref, ctx)
        last = getattr(self.model, "T", None)
        if isinstance(last, int) and tau > last and _reads_gradient(self.derived[key]):
            # \delta_t = \phi'(a_t) \odot (W^T dL/dy_t + V^T \delta_{t+1}) at the last step: a gradient past the run
            # is zero (nothing after the last step reaches the loss), as wide as the recursion makes it
            return self._past_run_zero(key, ctx)
        boundary = getattr(self, "derived_last", {}).get(key)
        if boundary is not None and isinstance(last, int) and tau == last and (key, "last") not in self._deriving:
            # delta_T = psi_T V diag(1 - a_T^2) beside the recursion that defines delta (judge._last_step_definitions)
            self._deriving.add((key, "last"))
            try:
                return self.value(boundary, self._at_step(ctx, tau))
            finally:
                self._deriving.discard((key, "last"))
        at = getattr(self, "derived_times", {}).get(key)
        if at is not None and at[0] == "add":     # \delta_{h_{t-1}} = ...(step t)...: defined at a shifted step
            try:
                tau -= self.int_of(at, Ctx(0, None, env={self.vocab.time_var: 0}))
            except NotReadable:
                pass
        if (key, tau) in self._deriving:
            raise NotReadable(f"{key_latex(key)} is defined through itself")
        self._deriving.add((key, tau))
        try:
            sub = self._at_step(ctx, tau)
            node = self.derived[key]
            if tau != ctx.tau and per_step_loss_time(node, self.vocab) is not None:
                # \delta^{(t-1)} beside \delta^{(t)} = \partial J^{(t)} / \partial h^{(t)}: J^{(t)} kept? (fixedloss.py)
                g = Grad(f"fixedloss:{key}", "", "", False, style="function")
                ctx.seen.setdefault(g, [("shifted",), ("fixed loss",)])
                if ctx.readings.get(g, ("shifted",))[0] == "fixed loss":
                    node = with_loss_at(node, ctx.tau)
            try:
                return self.value(node, sub)
            except IllTyped as e:       # its own row does not compute (by shapes): what rests on it is not read
                if "of shapes" not in str(e):
                    raise
                raise NotReadable(f"it reads {key_latex(key)}, whose defining row does not compute ({e})") from e
        finally:
            self._deriving.discard((key, tau))

    def _at_step(self, ctx, tau):
        """``ctx`` moved to step ``tau`` (the time letter bound there), read as a right side: where a derived
        name's defining row is evaluated."""
        return Ctx(tau, ctx.run, ctx.pert, ctx.consumer, dict(ctx.env, **{self.vocab.time_var: tau}),
                   ctx.lenient, ctx.readings, ctx.seen, False, ctx.occ, ctx.local, ctx.out_dim)

    def _past_run_zero(self, key, ctx):
        """The zero a name a backward recursion defines takes past the last step: of the one shape (among the
        shapes of the cell's quantities) with which its row, read at the last step, computes a value that wide."""
        past = self.__dict__.setdefault("_past_zero", {})
        if key in past:
            if past[key] is None:
                raise IllTyped(f"{key_latex(key)} past the last step: outside the run")
            return past[key]
        past[key] = None            # (while its shape is sought: a read past the run again is the run's edge)
        last = self.model.T
        shapes = []
        for q in sorted(self.vocab.quantities):
            try:
                shape = np.shape(self.model.value(q, last))
            except Exception:       # noqa: BLE001 - a quantity with no value at the last step: no candidate
                continue
            if len(shape) == 2 and shape not in shapes:
                shapes.append(shape)
        sub = self._at_step(ctx, last)
        for shape in shapes:
            past[key] = np.zeros(shape, dtype=complex)
            try:
                got = self.value(self.derived[key], sub)
            except (IllTyped, NotReadable, ValueError):
                continue
            if np.shape(got) == shape:
                return past[key]
        past[key] = None
        raise IllTyped(f"{key_latex(key)} past the last step: outside the run")

    def prime_of(self, key, tau, ctx):
        """q' (Goodfellow's h'^{(t)}): the derivative of q's function at its pre-activation."""
        pre = self.vocab.preacts.get(key)
        if pre is None:
            raise NotReadable(f"{key_latex(key)}': {key_latex(key)} is not a function of a pre-activation")
        fname, pkey = pre
        z = self.read(pkey, tau, ctx.run, None, ("prime",), None)
        return self.apply(Func(fname, None, 1), z)

    def e_big(self, node, ctx):
        kind, sub, sup, body = node[1], node[2], node[3], node[4]
        var, lo = None, None
        if sub and sub[0][0] == "range":
            return self.range_op(kind, sub[0][1], body, ctx)
        if sub:
            it = sub[0]
            if it[0] == "eq" and it[1][0] == "sym":
                var, lo = it[1][1] + "'" * it[1][5], it[2]
            elif it[0] == "sym":
                var = it[1] + "'" * it[5]        # \sum_{t'}: an index of its own beside t
        if var in ("batch", "m", "b", "n") and lo is None:
            return self.value(body, ctx)
        if var is None and kind == "sum" and sup is None and has_derivative(body):
            return self.value(body, ctx)        # \Delta b_z = \sum \delta_{z_t} (code: np.sum over the batch, one example)
        if var is None and kind == "sum" and sup is None:       # \sum \exp(y): over the components
            v = self.value(body, ctx)
            return np.sum(v).reshape(1, 1)
        if var is None:
            raise NotReadable(f"\\{kind} without an index")
        if var != self.vocab.time_var and lo is None and var in INDEX_LETTERS and kind == "sum":
            saved = set(self.vocab.comp)
            self.vocab.comp.add(var)       # \sum_i (dL/do_i) \nabla_V o_i: over the components
            try:
                return self.sum_components(body, var, ctx, units=self.model.h)    # (numlayers.py)
            finally:
                self.vocab.comp = saved
        if var != self.vocab.time_var and lo is None and var.rstrip("'") != self.vocab.time_var:
            raise NotReadable(f"\\{kind}_{var}: a sum over components")
        if var in self.vocab.comp and _steps_bound(sup, lo, self.vocab):
            # \sum_{k=1}^t, \prod_{i=k+1}^t with k, i component letters elsewhere (\sum_{k=1}^C): a range of steps
            saved_comp = set(self.vocab.comp)
            self.vocab.comp.discard(var)
            try:
                return self.e_big(node, ctx)
            finally:
                self.vocab.comp = saved_comp
        if var in self.vocab.comp and getattr(self.model, "vector_components", False):
            raise NotReadable(f"\\{kind}_{var}: a sum over components beside a softmax over the units (not read)")
        if var in self.vocab.comp:           # \sum_{i=1}^N W_{ki} x_{ti}: over the components
            n = self.model.i
            acc = None
            for k in range(1, n + 1):
                sub_ctx = _with_env(ctx, var, k, self.vocab.time_var)
                sub_ctx.env["__n_" + var] = n
                v = self.value(body, sub_ctx)
                acc = v if acc is None else acc + v
            return acc
        if sup and len(sup) == 1 and set_size(sup[0], self.vocab, self.model) and var != self.vocab.time_var and \
                (lo is None or lo == ("num", "1")) and kind == "sum":
            # \sum_{j=1}^{|V|} y_j \log \hat{y}_j: |V| the size of a set (the vocabulary), a range of components
            # of the output, not of steps
            saved = set(self.vocab.comp)
            self.vocab.comp.add(var)
            n = softmax_size(self.model, ctx.run)
            try:
                acc = None
                for k in range(1, n + 1):
                    sub_ctx = _with_env(ctx, var, k, self.vocab.time_var)
                    sub_ctx.env["__n_" + var] = n
                    v = self.value(body, sub_ctx)
                    acc = v if acc is None else acc + v
            finally:
                self.vocab.comp = saved
            return acc
        lo_v = 1 if lo is None else self.int_of(lo, ctx)
        back = False
        if sup and len(sup) == 1 and sup[0][0] == "sym" and sup[0][1] in STEP_COUNT_LETTERS and \
                sup[0][2:] == (None, None, None, 0) and sup[0][1] not in ctx.env and \
                var.rstrip("'") == self.vocab.time_var:
            hi_v = self.model.T         # \sum_{t=1}^{n}: n the number of steps, the last step of the run
        elif sup and len(sup) == 1 and lo is not None and var != self.vocab.time_var and \
                _count_at_time(sup[0], self.vocab) and self.vocab.time_var in ctx.env:
            # \sum_{z=0}^{T_t} \delta^{t-z}: a count of the steps up to t, the sum reaches back to the first step
            hi_v, back = ctx.env[self.vocab.time_var] + lo_v, True
        else:
            hi_v = self.model.T if sup is None else self.int_of(sup[0], ctx)
        if lo == ("num", "0") and sup and len(sup) == 1 and var == self.vocab.time_var and \
                sup[0] == ("add", [("+", ("sym", "T", None, None, None, 0)), ("-", ("num", "1"))]):
            lo_v, hi_v = 1, self.model.T        # \sum_{t=0}^{T-1}: the T steps of a run counted from 0
        if hi_v - lo_v > 64:
            raise NotReadable(f"a \\{kind} over more than 64 terms")
        acc = None
        saved = self.vocab.bound
        if var != self.vocab.time_var:
            self.vocab.bound = saved + (var,)
        try:
            vals = []
            for k in range(lo_v, hi_v + 1):
                sub_ctx = _with_env(ctx, var, k, self.vocab.time_var)
                try:
                    vals.append(self.value(body, sub_ctx))
                except IllTyped as e:
                    # \sum_{k=0}^{t} ... \partial h_k/\partial z_k: no z_0 (h_0 is given): the term is zero
                    if back and kind == "sum" and ("step 0" in str(e) or "at step -" in str(e)):
                        continue        # \sum_{z=0}^{T_t}: the terms before the first step
                    if kind != "sum" or k > 0 or not _before_the_run(e):
                        raise
        finally:
            self.vocab.bound = saved
        if kind == "prod" and any(np.ndim(v) == 2 and min(np.shape(v)) > 1 for v in vals) and \
                not _runs_back(body, var):
            vals = vals[::-1]          # \prod_{i=k+1}^{t} of Jacobians: in chain order, the latest on the left
            # (\prod_{j=0}^{k-1} \partial h_{t-j} / \partial h_{t-j-1}: the index counts back, the latest first)
        for v in vals:
            if acc is None:
                acc = v
            elif kind == "sum":
                if acc.shape != v.shape and not (_scalar(acc) or _scalar(v)):
                    raise IllTyped("terms of a sum have different shapes")
                acc = acc + v
            else:
                acc = self.mul(acc, v, None)
        if acc is None:
            return empty_sum() if kind == "sum" else np.ones((1, 1), dtype=complex)
        return acc

    def range_op(self, kind, chain, body, ctx):
        r"""\sum_{1 \leq t \leq T}, \prod_{t \geq i > k}: the index between two bounds (a product in chain
        order: the latest step on the left)."""
        if len(chain) != 5 or chain[2][0] != "sym":
            raise NotReadable("a range that is not a \\leq i \\leq b")
        a, r1, (_, var, *_), r2, b = chain
        lo, hi = self.int_of(a, ctx), self.int_of(b, ctx)
        up = r1 in ("<", "leq", "le", "leqslant")
        if up != (r2 in ("<", "leq", "le", "leqslant")):
            raise NotReadable("a range whose bounds point both ways")
        if not up:
            lo, hi = hi, lo
            r1, r2 = r2, r1
        lo += 1 if r1 in ("<", ">") else 0
        hi -= 1 if r2 in ("<", ">") else 0
        if hi - lo > 64:
            raise NotReadable(f"a \\{kind} over more than 64 terms")
        saved = self.vocab.bound
        if var != self.vocab.time_var:
            self.vocab.bound = saved + (var,)
        try:
            vals = [self.value(body, _with_env(ctx, var, k, self.vocab.time_var)) for k in range(lo, hi + 1)]
        finally:
            self.vocab.bound = saved
        if not vals:
            return np.zeros((1, 1), dtype=complex) if kind == "sum" else np.ones((1, 1), dtype=complex)
        if kind == "prod" and not _runs_back(body, var):
            vals = vals[::-1]       # (the latest step on the left; an index counting back is in that order already)
        acc = vals[0]
        for v in vals[1:]:
            acc = self.mul(acc, v, None) if kind == "prod" else acc + v
        return acc

    def e_sc(self, node, ctx):
        inner, sub, sup, primes = node[1], node[2], node[3], node[4]
        if inner[0] == "paren" and inner[1] == "(" and inner[2][0] == "frac" and not sub and not primes and \
                sup and len(sup) == 1 and sup[0][0] == "paren" and sup[0][1] == "(":
            # (\partial E / \partial U)^{(t)}: the part of U's gradient through its use at step t (numlayers.py)
            return self.e_gstep(("gstep", inner[2], sup[0][2]), ctx)
        if inner == ("num", "1") and sub and not sup:      # \mathbf{1}_{i, y^{(t)}}: the one-hot target
            tau = ctx.tau
            for it in sub:
                if it[0] == "sym" and (it[3] or it[4]):
                    r = resolve(it, self.vocab)
                    if r.time is not None or r.word:
                        tau = self.time_of(r, ctx)
            return self.model.onehot("__y", tau, self.model.vector(self.model.output_size()))
        v = self.row_of_blocks(node, ctx)
        if v is None:
            v = self.evaluate(inner, ctx)
        if isinstance(v, Func):
            if sup:
                v.power = sup[0] if sup[0][0] not in ("prime", "top") else v.power
                v.order += sum(1 for s in sup if s[0] == "prime")
            v.order += primes
            return v
        if sub and len(sub) == 1 and sub[0][0] == "slice":        # \frac{\partial J}{\partial z_t}[:n_h, :]
            v = self.stated_slice(self.value_of(v), sub[0][1])
            sub = None
        if sub and inner[0] == "norm" and sub == [("num", "2")] and not sup and not primes:
            return v            # \|A\|_2: the spectral norm of a matrix, the Euclidean of a vector (e_norm's own)
        if sub and not (len(sub) == 1 and sub[0][0] == "sym" and sub[0][1] in INDEX_LETTERS):
            raise NotReadable("a subscript on an expression")
        if primes:
            raise NotReadable("a prime on an expression")
        ref = Ref("value")
        label = ""
        for a in _sup_atoms(sup or [], self.vocab):
            if a[0] == "T":
                ref = Ref("value", transpose=not ref.transpose, power=ref.power)
            elif a[0] in ("power", "time?", "time"):      # (W^T)^{T-i}: a power
                ref = Ref("value", transpose=ref.transpose, power=a[1])
            elif a[0] == "block" and not label and not ref.transpose and ref.power is None:
                label = a[1]                               # (dZ W^T)^{(x)}: a part of a concatenation
            else:
                raise NotReadable("a script on an expression")
        v = self.value_of(v)
        if label:
            from .exprblocks import expression_block
            v = expression_block(self, v, label, ctx)
        return self.scripts(v, ref, ctx)

    def row_of_blocks(self, node, ctx):
        r"""\delta z^t = [\delta\hat a^t, \delta\hat i^t]^T in a column layout, a whole side: the commas write the
        column vectors side by side (a row of blocks), which the transpose makes their column stack. Elsewhere
        (a factor: \delta_t [h_{t-1}, x_t]^T) the brackets are the column concatenation, transposed. None for
        any other form."""
        inner, sup = node[1], node[3]
        if id(node) not in self.sides or inner[0] != "list" or not inner[3] or any(sep != "," for sep in inner[3]) \
                or self.model.layout != "column" or \
                sum(a[0] == "T" for a in _sup_atoms(sup or [], self.vocab)) != 1:
            return None
        parts = [self.value(x, ctx) for x in inner[2]]
        if not all(isinstance(p, np.ndarray) and p.ndim == 2 and p.shape[1] == 1 for p in parts):
            return None
        return np.concatenate([p.T for p in parts], axis=1)

    def value_of(self, v):
        if isinstance(v, (Func, tuple, Pending)):
            raise NotReadable("a script on a function")
        return v


def _before_the_run(e) -> bool:
    """An error saying a value at step 0 or before does not exist (a quantity the run starts at step 1)."""
    msg = str(e)
    return "step 0" in msg or "at step -" in msg or "outside the run" in msg


def _runs_back(node, var) -> bool:
    r"""Whether the index ``var`` of a product counts back in time in its body (``h_{t-j}``: the step falls as j
    rises), so that the factors in the index's order are already in chain order."""
    if isinstance(node, list):
        return any(_runs_back(x, var) for x in node)
    if not isinstance(node, tuple) or not node:
        return False
    if node[0] == "add" and isinstance(node[1], list) and \
            any(sign == "-" and isinstance(t, tuple) and t[:2] == ("sym", var) for sign, t in node[1]):
        return True
    return any(_runs_back(x, var) for x in node[1:] if isinstance(x, (tuple, list)))


def _count_at_time(node, vocab) -> bool:
    """T_t, N_t: a count of steps (T or a step-count letter) subscripted by the time alone."""
    from ..text.names import STEP_COUNT_LETTERS as counts
    return node[0] == "sym" and (node[1] == "T" or node[1] in counts) and node[2] is None and node[4] is None \
        and not node[5] and node[3] == [("sym", vocab.time_var, None, None, None, 0)]


def _steps_bound(sup, lo, vocab) -> bool:
    """A bound of a sum or product that names a step (t, T, t-1, k+1 with k a bound step index): the range is
    one of steps, whatever the letter of its index means elsewhere."""
    from ..text.trees import walk
    steps = {vocab.time_var, "T", "tau"} | set(vocab.bound)
    for node in ([sup[0]] if sup else []) + ([lo] if lo is not None else []):
        if any(n[0] == "sym" and n[1] in steps for n in walk(node)):
            return True
    return False


def _loss_rows_in_sum(terms, vals, vocab):
    r"""In a derivation that chains derivatives from the loss in numerator order (links.numerator_chains), the
    derivative of the loss by a vector is a row (a Jacobian): ``(\delta_3 + \frac{\partial L_2}{\partial h_2})
    \frac{\partial h_2}{\partial h_1}`` adds the row \delta_3 (a chain) to the bare ``\partial L_2/\partial h_2``,
    also a row there. A bare derivative of the loss read as a column beside a row of its size is that row;
    any other mismatch stays ill-typed."""
    rows = [v for _, v in vals if isinstance(v, np.ndarray) and v.ndim == 2 and v.shape[0] == 1 < v.shape[1]]
    if not rows:
        return vals
    out = []
    for (s, t), (s2, v) in zip(terms, vals):
        while isinstance(t, tuple) and t and t[0] == "paren" and t[1] == "{":
            t = t[2]
        if isinstance(v, np.ndarray) and v.ndim == 2 and v.shape[1] == 1 < v.shape[0] and \
                any(r.shape[1] == v.shape[0] for r in rows) and _loss_led(t, vocab):
            v = v.T
        out.append((s2, v))
    return out


def _loss_led(t, vocab) -> bool:
    r"""A derivative of the loss (``\frac{\partial L}{\partial h}``, ``\frac{dE}{dh^t}``), alone or scaling a
    product of element-wise factors (``\frac{dE}{dh^t} b_O^t f'(s^t)``): a row where the chains are rows."""
    from .numbase import _diff
    if t[0] == "mul" and t[1] and all(op in (None, "odot", "cdot") for op in t[2][1:]):
        t = t[1][0]
    if t[0] != "frac":
        return False
    d = _diff(t[1])
    if d is None or d[1] is None or d[1][0] != "sym":
        return False
    try:
        return resolve(d[1], vocab).key in LOSS_NAMES
    except NotReadable:
        return False

