r"""The author's own cell: the forward rows of a derivation as a numeric program, run on random data.

Every forward row ``q_t = expr`` defines a quantity in the author's names; unknown names become
parameters (shapes from how they are used), inputs (time-indexed, ``x``) or targets (``y_train``,
``\\mathbb{1}_{y}``). :class:`Model` runs the program over T steps with complex numbers, so a
gradient is read exactly by the complex step: perturbing one value by ``i·h`` where chosen readers
see it (all of them: the total gradient; the next step only: what reaches it through one step;
one use: one path). Nothing is evaluated from user text: the rows are trees of
:mod:`symlstm.verify.rowparse` and every operation is a NumPy call chosen here.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from ..text.names import IllTyped, NotReadable, Ref, Vocab, key_latex, resolve
from .losses import extra_terms, head_term
from ..text.trees import walk
from .blockdeps import _caps, block_reads, defs_of_block, stack_letters

__all__ = ["Model", "IllTyped", "H", "I", "STEPS", "Pending"]

#: Sizes of the random runs: hidden units, inputs, steps.
H, I, STEPS = 3, 2, 4
#: Complex-step size.
STEP = 1e-30


@dataclass
class Pending:
    """A parameter (or a target y_t) whose shape is fixed by its first use."""

    key: str
    tau: int | None = None        # a time-indexed input (y_t): its step
    transpose: bool = False       # first met written transposed (W_c^T [x; h]): stored as the transpose's transpose


@dataclass
class Def:
    """One forward row: ``keys`` (one name, or several for ``[r u] = ...``) defined by ``node``."""

    keys: tuple
    node: tuple
    row: int
    per_step: bool = True
    accumulate: bool = False
    block: str = ""            # IFOGf_t^{(IFO)} = ...: the row defines these blocks of a stacked vector
    width: int = 1             # blocks of H in the value (IFOG: 4)
    lhs: tuple | None = None   # the row's left side as written
    at: int = 0                # z_1^{(1)} = ...: the row defines its name at this step only (0: every step)


@dataclass
class Run:
    values: dict = field(default_factory=dict)      # (key, τ) -> array
    loss: complex = 0.0
    terms: dict = field(default_factory=dict)       # τ -> the loss of step τ (L^{(t)})


class Model:
    """The forward program of a derivation, with random parameters, inputs and loss."""

    def __init__(self, defs, vocab: Vocab, *, layout="column", seed=0, scalar=False):
        self.defs, self.vocab, self.layout = list(defs), vocab, layout
        self.rng = np.random.default_rng(seed)
        self.T = STEPS
        self.h = 1 if scalar else H
        self.i = 1 if scalar else self.h if vocab.entrywise else I     # entry by entry: every index one range
        self.params: dict = {}
        self.inputs: dict = {}
        self.input_shapes: dict = {}   # key -> shape (x_t: the input size; y_t: as it is used)
        self.targets_onehot: set = set()
        self.initial: dict = {}
        self.targets: dict = {}
        self.loss_weights: dict = {}
        self.errors: dict = {}           # def row -> message (ill-typed forward rows)
        self.unread: set = set()         # def rows whose error is the reader's (unknown vocabulary)
        self.stand_ins: set = set()      # def rows not even read leniently: their quantity is a given stand-in
        self.stated_shapes: dict = {}    # key -> shape the derivation states (W \in \mathbb{R}^{F \times U})
        self.by_key = {}
        self.all_by_key: dict = {}
        for d in self.defs:
            for k in d.keys:
                self.by_key.setdefault(k, d)
                self.all_by_key.setdefault(k, []).append(d)
        self.order = self._order()
        #: the first step where the general rows hold (after steps stated apart: z_1^{(1)} = ...)
        self.first_step = 1 + max((d.at for d in self.defs), default=0)
        self.outputs = ()
        self.loss_def = None          # the node of a row L = ... (the loss as the derivation defines it)
        self.function_rows: dict = {}  # row index -> the function it defines (f_2(v_i) = softmax's formula)
        self.loss_per_step = False    # E_t = ...: the loss of one step, summed over the steps
        self.step_sum = False         # gradients of \sum_t loss_t instead of loss_total (steps_summed)
        self.loss_total = None        # Loss = \frac{1}{T} \sum_t loss_t: the total of the steps' losses (totalloss.py)
        self.loss_steps = None        # its t-th term, where the loss is one sum over the steps (totalloss.py)
        self.evaluator = None           # set by judge (the expression evaluator)
        self.base: Run | None = None
        self._grad_cache: dict = {}

    # ---------------------------------------------------------------- structure
    def same_step_reads(self, d) -> set:
        """Keys definition ``d`` reads at its own step."""
        return _same_step_names(d.node, self.vocab, d.at)

    def _order(self):
        """Definitions of a step in dependency order (rows may be listed in any order)."""
        deps = {}
        for d in self.defs:
            reads = block_reads(d.node, self.vocab, d.at)     # ZRC^{(ZR)}: the rows of that block only
            deps[id(d)] = {id(x) for k in _same_step_names(d.node, self.vocab, d.at) if k in self.by_key
                           for x in defs_of_block(self.all_by_key[k], reads.get(k))}
        out, done = [], set()
        pending = list(self.defs)
        while pending:
            progressed = False
            for d in list(pending):
                if all(x in done or x == id(d) for x in deps[id(d)]):
                    out.append(d)
                    done.add(id(d))
                    pending.remove(d)
                    progressed = True
            if not progressed:
                out.extend(pending)
                break
        return out

    def vector(self, n):
        return (n, 1) if self.layout == "column" else (1, n)

    def random(self, shape, scale=1.0):
        return (self.rng.standard_normal(shape) * scale).astype(complex)

    def softmax_output(self, shape) -> bool:
        """Is there a softmax output of this shape (so a y_t beside it is a one-hot target)?"""
        for d in self.defs:
            if any(n[0] == "sym" and n[1] == "softmax" for n in walk(d.node)):
                v = self.base.values.get((d.keys[0], 1)) if self.base else None
                if v is None or v.shape == shape:
                    return True
        return False

    def input(self, key, tau, shape=None):
        k = (key, tau)
        if k not in self.inputs:
            shape = shape or self.input_shapes.get(key) or self.vector(self.i)
            self.input_shapes.setdefault(key, shape)
            self.inputs[k] = self.onehot("__y", tau, shape) if key in self.targets_onehot else self.random(shape)
        return self.inputs[k]

    def target(self, key, tau, n):
        k = (key, tau)
        if k not in self.targets:
            self.targets[k] = int(self.rng.integers(1 << 30))
        return self.targets[k] % n

    def onehot(self, key, tau, shape):
        n = max(shape)
        v = np.zeros(shape, dtype=complex)
        v.reshape(-1)[self.target(key, tau, n)] = 1.0
        return v

    # ---------------------------------------------------------------- running
    def run(self, pert=None) -> Run:
        """All values of steps 0..T and the loss; ``pert`` maps (key, τ) -> (delta, reader filter).

        A perturbed run is remembered (finite differences ask for the same few perturbations thousands of
        times): by the perturbation and every setting of the model and the reader a run depends on; never
        where the reader has marked sub-expressions of the forward rows (their runs change the rows). A run
        is read, never written, once made."""
        key = self._run_key(pert)
        if key is None:
            return self._run(pert)
        memo = self.__dict__.get("_run_memo")
        if memo is None or memo[0] is not self.base:
            memo = self._run_memo = (self.base, {})
        run = memo[1].get(key)
        if run is None:
            run = memo[1][key] = self._run(pert)
        return run

    def _run_key(self, pert):
        ev = self.evaluator
        if not pert or self.base is None or getattr(ev, "marks", None):
            return None
        sig = []
        for k, (delta, filt) in pert.items():
            if filt is not None and (filt.__closure__ or not hasattr(filt, "__code__")):
                return None
            sig.append((k, delta.shape, delta.tobytes(),
                        None if filt is None else (filt.__code__, repr(filt.__defaults__))))
        v = self.vocab
        return (tuple(sig), self.T, self.step_sum, getattr(self, "last_only", False), id(self.loss_def),
                id(self.loss_total), self.loss_per_step, id(self.loss_steps), id(self.outputs), id(getattr(self, "extra_loss", None)), getattr(self, "extra_last_only", False),
                repr(sorted(v.aliases.items(), key=repr)), repr(v.bound), repr(getattr(v, "comp", None)),
                len(v.params), len(v.inputs), len(v.quantities), repr(getattr(ev, "slices", None)))

    def _run(self, pert=None) -> Run:
        # the forward rows are run with the letters they were built with: a run a row's judgement asks for (a
        # perturbation, a re-run) must not read them with that row's own free letters (z_{h,t}: h a second time
        # letter of the row, under which b_h would read as b at step h)
        bound = self.__dict__.setdefault("forward_bound", self.vocab.bound)
        saved, self.vocab.bound = self.vocab.bound, bound
        try:
            return self._run_rows(pert)
        finally:
            self.vocab.bound = saved

    def _run_rows(self, pert) -> Run:
        run = Run()
        ev = self.evaluator
        # \hat{y} = g(h_T): once, at T, after the step's other rows (laststep.py)
        order = [d for d in self.order if not getattr(d, "last", False)] + \
            [d for d in self.order if getattr(d, "last", False)]
        for tau in range(1, self.T + 1):
            for d in order:
                if not d.per_step or d.accumulate or d.at and d.at != tau or \
                        not d.at and any(x.at == tau for x in self.all_by_key.get(d.keys[0], ())):
                    continue
                if getattr(d, "last", False) and tau != self.T:     # \hat{y} = g(h_T): once, at T (laststep.py)
                    continue
                try:
                    try:
                        val = ev.forward(d, tau, run, pert)
                    except (ValueError, ArithmeticError) as e:    # a numpy error: never shown as such
                        if isinstance(e, (IllTyped, NotReadable)):
                            raise
                        raise NotReadable("the sizes the reader gave its names do not fit together in this "
                                          "row (its values cannot be computed)") from e
                except (IllTyped, NotReadable) as e:
                    from .laststep import last_step_error       # \hat{y} = g(h_T; \phi): read once, after the run
                    e = last_step_error(d, e) or e
                    if d.row not in self.errors and self._unread(e):
                        self.unread.add(d.row)
                    self.errors.setdefault(d.row, str(e))
                    try:
                        val = ev.forward(d, tau, run, pert, lenient=True)
                    except (IllTyped, NotReadable, ValueError, ArithmeticError):
                        # the rows after it are still checked: its quantity is taken as given
                        val = self.given(d, tau)
                        self.stand_ins.add(d.row)       # (no gradient flows through it: unreadclaims.py)
                self._store(d, tau, val, run, pert)
        run.loss = self.loss(run, pert)
        return run

    def _unread(self, e) -> bool:
        """A forward row's error that is the reader's, not the author's: a form it cannot read, or
        a name of a family the derivation never introduces."""
        key = getattr(e, "key", None)
        return isinstance(e, NotReadable) or (key is not None and not self.vocab.family_known(key))

    def _store(self, d, tau, val, run, pert):
        if d.block:
            key = d.keys[0]
            run.values[(key, tau, "block", d.block)] = val
            blocks = [x.block for x in self.all_by_key[key]]
            if not all((key, tau, "block", b) in run.values for b in blocks):
                from .blockdeps import partial_stack
                partial_stack(run, key, tau, blocks, stack_letters(key, self.all_by_key[key]))
            else:
                run.values.pop((key, tau, "partial"), None)
                gates = stack_letters(key, self.all_by_key[key])
                order = sorted(blocks, key=lambda b: gates.index(b[0]) if gates and b[0] in gates else 0)
                parts = [run.values[(key, tau, "block", b)] for b in order]
                axis = 0 if parts[0].shape[1] == 1 else 1
                run.values[(key, tau)] = np.concatenate(parts, axis=axis)
            return
        if len(d.keys) == 1:
            run.values[(d.keys[0], tau)] = val
            return
        n = len(d.keys)
        joined = ("_".join(d.keys), tau)
        if pert and joined in pert:
            delta, filt = pert[joined]
            if filt is None:
                val = val + delta
        axis = 0 if val.shape[0] > 1 else 1
        if val.shape[axis] % n:         # zr, zz = split(Z, 2) where the reader sized Z for one gate: not read,
            self.errors.setdefault(d.row, f"it splits a value of {val.shape[axis]} entries into {n} equal parts "
                                          f"(the sizes the reader gave its names do not fit the split)")
            self.unread.add(d.row)
            self.stand_ins.add(d.row)   # its parts are taken as given; the rows after it are still checked
            val = self.given(d, tau)
            axis = 0 if val.shape[0] > 1 else 1
        run.values[joined] = val
        parts = np.split(val, n, axis=axis)
        for k, p in zip(d.keys, parts):
            run.values[(k, tau)] = p

    def given(self, d, tau):
        k = ("__given", d.keys[0], tau)
        if k not in self.inputs:
            self.inputs[k] = self.random(self.vector(self.h * len(d.keys)), 0.5)
        return self.inputs[k]

    def state0(self, key, shape):
        if key not in self.initial:
            self.initial[key] = self.random(shape, 0.5)
        return self.initial[key]

    def loss(self, run: Run, pert) -> complex:
        """A random loss on the outputs: cross-entropy of a softmax output, else a random linear one."""
        ev = self.evaluator
        if self.loss_def is not None:        # L = \frac{1}{T} \sum_t l(o_t, y_t): the derivation's own loss
            try:
                if self.loss_per_step:            # E_t = -y_t \log \hat{y}_t: L = \sum_t E_t
                    total = 0.0
                    for tau in range(self.T if getattr(self, "last_only", False) else 1, self.T + 1):
                        run.terms[tau] = np.sum(ev.loss_value(self.loss_def, run, pert, tau))
                        total = total + run.terms[tau]
                    if self.loss_total is not None and not self.step_sum:     # Loss = 1/T \sum_t loss_t (totalloss.py)
                        total = np.sum(ev.loss_value(self.loss_total, run, pert))
                    return total + extra_terms(self, run, pert)
                v = ev.loss_value(self.loss_def, run, pert)
                return np.sum(v) + extra_terms(self, run, pert)
            except (IllTyped, NotReadable):
                self.loss_def = None
        total = 0.0
        for key, kind in self.outputs:
            # (a many-to-one output, \hat{y} = g(h_T), computed once: the loss reads it at the last step only)
            once = getattr(self, "last_only", False) or key in getattr(self, "last_keys", ())
            for tau in range(self.T if once else 1, self.T + 1):
                before = total
                try:
                    v = ev.read(key, tau, run, pert, ("loss", key, tau, 0))
                except IllTyped:          # an output its (ill-typed) forward row could not compute
                    continue
                if isinstance(kind, tuple) and kind[0] == "squared":    # sign * 1/2 ||v - target||^2
                    y = self.input(kind[1], tau, v.shape)
                    total = total + kind[2] * np.sum((v - y) ** 2) / 2
                elif isinstance(kind, tuple):                           # bce: the sigmoid's matched loss
                    total = total + head_term(self, kind, v, tau)
                elif kind == "softmax":
                    total = total - np.log(v.reshape(-1)[self.target("__y", tau, v.size)])
                elif kind == "logits":
                    z = v.reshape(-1)
                    zmax = np.max(z.real)
                    total = total - (z[self.target("__y", tau, v.size)] - zmax - np.log(np.sum(np.exp(z - zmax))))
                else:
                    w = self.loss_weights.setdefault((key, tau), self.random(v.shape).real)
                    total = total + np.sum(w * v)
                run.terms[tau] = run.terms.get(tau, 0.0) + (total - before)
        if self.loss_total is not None and self.loss_per_step and run.terms and not self.step_sum:
            # loss_t = L(a_t, y_t) of an unknown L (the generic loss of each step) beside Loss = 1/T \sum_t loss_t
            total = np.sum(self.evaluator.loss_value(self.loss_total, run, pert))
        return total + extra_terms(self, run, pert)     # the generic loss on unreached quantities (losses.py)

    # ---------------------------------------------------------------- gradients
    @contextmanager
    def steps_summed(self):
        """Gradients of the steps' losses summed, not of the stated total (totalloss.py), inside the block."""
        before = self.step_sum
        self.step_sum = True
        try:
            yield
        finally:
            self.step_sum = before

    def grad(self, key, tau, mode="total"):
        """dL/d(key at τ) read by the readers of ``mode`` (see :func:`reader_filter`), shape of the value.
        ``tau`` None: a parameter."""
        ck = (key, tau, mode, self.step_sum)
        if ck in self._grad_cache:
            return self._grad_cache[ck]
        base = self.value(key, tau)
        out = np.zeros(base.shape, dtype=complex)
        filt = reader_filter(mode, tau)
        for idx in np.ndindex(*base.shape):
            delta = np.zeros(base.shape, dtype=complex)
            delta[idx] = STEP * 1j
            r = self.run({(key, tau): (delta, filt)})
            out[idx] = np.imag(r.loss) / STEP
        self._grad_cache[ck] = out
        return out

    def jacobian(self, out_key, out_tau, key, tau, mode="total"):
        """d(out at τo)/d(key at τ) as a matrix (rows: components of out, numerator layout)."""
        base = self.value(key, tau)
        yv = self.value(out_key, out_tau)
        cols = []
        filt = reader_filter(mode, tau)
        for idx in np.ndindex(*base.shape):
            delta = np.zeros(base.shape, dtype=complex)
            delta[idx] = STEP * 1j
            r = self.run({(key, tau): (delta, filt)})
            if out_tau is None:
                out = self.params[out_key]
            else:
                out = r.values.get((out_key, out_tau))
                if out is None:
                    out = self.value(out_key, out_tau)
            cols.append(np.imag(out).reshape(-1) / STEP)
        J = np.array(cols).T.astype(complex)
        return J, yv.shape, base.shape

    def value(self, key, tau):
        if tau is None:
            if key not in self.params:
                raise IllTyped(f"{key_latex(key)} is not a parameter")
            return self.params[key]
        v = self.base.values.get((key, tau))
        if v is None:
            if key in self.vocab.inputs:
                return self.input(key, tau)
            if tau == 0 and key in self.initial:
                return self.initial[key]
            if (key, tau) in self.inputs:
                return self.inputs[(key, tau)]
            raise IllTyped(f"{key_latex(key)} at step {tau} is outside the run")
        return v


gate_letters = _caps      # the capitals of a stacked name (IFOGf -> IFOG): the order of its blocks (blockdeps.py)



def reader_filter(mode, tau):
    """Which readers of a perturbed value see the perturbation: ``total`` all; ``step`` those of step τ+1
    (what reaches a state through one step); ``stepT`` those at a given step (a parameter's
    contribution of one step: mode ("at", k)); ``path``: the readers in a set."""
    if mode == "total":
        return None
    if mode == "next":
        return lambda site: site[0] != "loss" and site[2] == (tau or 0) + 1
    if mode == "same":
        return lambda site: site[2] == tau and site[0] != "loss"
    if isinstance(mode, tuple) and mode[0] == "at":
        k = mode[1]
        return lambda site: site[2] == k and site[0] != "loss"
    if isinstance(mode, tuple) and mode[0] == "sites":
        allowed = mode[1]
        return lambda site: (site[0], site[3], site[2] - tau) in allowed
    if isinstance(mode, tuple) and mode[0] == "path":
        allowed = mode[1]
        return lambda site: (site[0], site[3]) in allowed and (tau is None or site[2] == mode[2])
    raise ValueError(mode)


def _same_step_names(node, vocab, at=0):
    """Keys read at the same step by an expression (for ordering the definitions; ``at``: the row's step)."""
    out = set()

    def walk(n):
        if not isinstance(n, tuple) or not n:
            return
        if n[0] == "sym":
            try:
                r = resolve(n, vocab)
            except NotReadable:
                return
            if r.word in ("prev", "old"):
                return
            if r.time is not None and _is_shifted(r.time) and not (at and r.time == ("num", str(at))):
                return
            out.add(r.key)
            return
        for x in n[1:]:
            if isinstance(x, tuple):
                walk(x)
            elif isinstance(x, list):
                for y in x:
                    if isinstance(y, tuple) and len(y) == 2 and isinstance(y[0], str) and y[0] in "+-":
                        walk(y[1])
                    elif isinstance(y, list):            # the rows of a matrix
                        for z in y:
                            walk(z)
                    else:
                        walk(y)

    walk(node)
    return out


def _is_shifted(time_node) -> bool:
    return time_node[0] == "add" or time_node[0] == "num"


__all__ += ["Def", "Run", "reader_filter", "Ref"]


def _output_size(self):
    for key, kind in self.outputs:
        v = self.base.values.get((key, 1)) if self.base else None
        if v is not None:
            return v.size
    return self.h


def _state_output(self):
    """The quantity the loss reads (h_t when there is no head)."""
    for key, kind in self.outputs:
        return key
    return None


def _loss_sites(self, key):
    return frozenset({("loss", 0)})


Model.output_size = _output_size
Model.state_output = _state_output
Model.loss_sites = _loss_sites
