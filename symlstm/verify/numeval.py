r"""Values of the author's expressions in a random run: products by shape, functions, gradients, Jacobians.

Vectors are 2-d (``(n, 1)`` in a column-layout derivation, ``(1, n)`` in a row-layout one), so
``\\delta_t x_t^\\top`` is an outer product and ``x_t W`` a vector times a matrix without special
cases: juxtaposition, ``\\cdot``, ``*`` and ``\\times`` multiply element-wise when both sides are
vectors of one shape and as matrices otherwise; ``\\odot`` and ``\\circ`` always element-wise.
A gradient symbol is read by the reading chosen for it (:class:`Ctx` ``readings``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import itertools

import numpy as np

from ..latex.notation import FUNCTION_WORDS, LOSS_NAMES, OUTPUT_DERIVATIVES, PREACT_WORDS, TIME_WORDS
from .author import STEP, IllTyped, Pending, refs_in
from .names import NotReadable, Ref, gradient_split, resolve, sym_key, synonym

__all__ = ["Evaluator", "Ctx", "Func", "Grad"]


@dataclass
class Func:
    name: str
    power: object = None
    order: int = 0
    node: tuple = ()


@dataclass(frozen=True)
class Grad:
    """A gradient symbol of a row: of ``key`` (at ``time_text``), as written (``word``, ``lhs``)."""

    key: str
    time_text: str
    word: str
    lhs: bool
    named: str = ""
    style: str = ""


@dataclass
class Ctx:
    tau: int
    run: object
    pert: dict | None = None
    consumer: str = ""
    env: dict = field(default_factory=dict)
    lenient: bool = False
    readings: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)      # Grad -> candidate readings
    lhs: bool = False
    occ: dict = field(default_factory=dict)
    local: dict | None = None                      # (key, τ) -> delta seen by every read here
    out_dim: int = 0


def _scalar(x):
    return isinstance(x, np.ndarray) and x.shape == (1, 1)


def _vec(x):
    return isinstance(x, np.ndarray) and x.ndim == 2 and 1 in x.shape and x.size > 1


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


class Evaluator:
    """Evaluates row trees against a :class:`~symlstm.verify.author.Model`."""

    def __init__(self, model):
        self.model = model
        self.vocab = model.vocab
        self.abstract: dict = {}
        self.named_part = ""
        self.cur_tau = 1
        self.accumulating = False
        self.slices: dict = {}         # name -> slice stated after the row (W_f = W_f[:, :n_a])
        model.evaluator = self
        self.occ = {}
        for d in model.defs:
            for k, n in enumerate(refs_in(d.node)):
                self.occ[id(n)] = k

    # ------------------------------------------------------------------ forward program
    def forward(self, d, tau, run, pert, lenient=False):
        ctx = Ctx(tau, run, pert, d.keys[0], self.env(tau), lenient)
        ctx.out_dim = self.model.h * len(d.keys) * d.width
        v = self.evaluate(d.node, ctx)
        if isinstance(v, Pending):
            v = self.make_param(v.key, self.model.vector(ctx.out_dim))
        if isinstance(v, Func):
            raise IllTyped("a function without an argument")
        return v

    def env(self, tau):
        e = {self.vocab.time_var: tau, "T": self.model.T}
        if self.vocab.time_var != "tau":
            e["tau"] = self.model.T
        return e

    def read(self, key, tau, run, pert, site, ctx=None):
        m = self.model
        if tau is None:
            v = m.params[key]
        else:
            v = run.values.get((key, tau))
            if v is None:
                if tau == 0 or (tau < 0 and False):
                    d = m.by_key.get(key)
                    if d is None:
                        raise IllTyped(f"{key} at step 0")
                    shape = run.values.get((key, 1), None)
                    v = m.state0(key, shape.shape if shape is not None else m.vector(m.h))
                elif key in m.by_key:
                    raise IllTyped(f"{key} at step {tau} is not computed yet (outside the run or read before "
                                   f"it is defined)")
                else:
                    raise IllTyped(f"{key} at step {tau}")
        if pert and (key, tau) in pert:
            delta, filt = pert[(key, tau)]
            if filt is None or filt(site):
                v = v + delta
        if ctx is not None and ctx.local and (key, tau) in ctx.local:
            v = v + ctx.local[(key, tau)]
        return v

    def make_param(self, key, shape):
        m = self.model
        if key not in m.params:
            m.params[key] = m.random(shape, 1.0 / np.sqrt(max(shape)))
            self.vocab.params.add(key)
        return m.params[key]

    # ------------------------------------------------------------------ dispatch
    def evaluate(self, node, ctx):
        fn = getattr(self, "e_" + node[0], None)
        if fn is None:
            raise NotReadable(f"{node[0]} is not read")
        return fn(node, ctx)

    def value(self, node, ctx):
        v = self.evaluate(node, ctx)
        if isinstance(v, Pending):
            v = self.make_param(v.key, self.model.vector(ctx.out_dim or self.model.h))
        if isinstance(v, Func) and node[0] in ("sym", "paren"):
            inner = node if node[0] == "sym" else node[2]
            g = gradient_split(inner[1]) if inner[0] == "sym" else None
            if g is not None:          # dtanh alone: the gradient of tanh's pre-activation
                return self.named_gradient(resolve(inner, self.vocab), g[1], inner, ctx)
        if isinstance(v, Func):
            raise NotReadable(f"the function {v.name} needs an argument")
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
                all(x[0] == "sym" and x[1] not in FUNCTION_WORDS for x in inner[1]):
            try:
                return self.evaluate(inner, ctx)
            except IllTyped:            # [x h_prevr]: the TF docs' concatenation
                return self.concat([self.value(x, ctx) for x in inner[1]])
        return self.evaluate(inner, ctx)

    def e_empty(self, node, ctx):
        raise NotReadable("an empty group")

    def e_dots(self, node, ctx):
        raise NotReadable(r"\ldots (an elided expression) cannot be checked")

    def e_angle(self, node, ctx):
        if len(node[1]) == 2:
            a, b = (self.value(x, ctx) for x in node[1])
            return self.mul(self.col(a), self.col(b).T, None)
        raise NotReadable(r"\langle \rangle")

    def col(self, v):
        return v if v.shape[1] == 1 else v.T

    def e_abs(self, node, ctx):
        raise NotReadable("|x|")

    def e_accent(self, node, ctx):
        raise NotReadable("an accent on an expression")

    def e_add(self, node, ctx):
        vals = [(s, self.evaluate(t, ctx)) for s, t in node[1]]
        known = [v for _, v in vals if isinstance(v, np.ndarray) and not _scalar(v)]
        shape = known[0].shape if known else None
        out = None
        for s, v in vals:
            if isinstance(v, Pending):
                v = self.make_param(v.key, shape or self.model.vector(ctx.out_dim or self.model.h))
            if isinstance(v, (Func, tuple)):
                raise NotReadable("a function or derivative sign in a sum without an argument")
            v = -v if s == "-" else v
            if out is None:
                out = v
            elif out.shape == v.shape or _scalar(out) or _scalar(v):
                out = out + v
            else:
                raise IllTyped(f"terms of shapes {out.shape} and {v.shape} are added")
        return out

    def e_list(self, node, ctx):
        parts = [self.value(x, ctx) for x in node[2]]
        return self.concat(parts, vertical=node[3] and node[3][0] == ";")

    def e_matrix(self, node, ctx):
        rows = node[1]
        if all(len(r) == 1 for r in rows):
            return self.concat([self.value(r[0], ctx) for r in rows], vertical=True)
        if len(rows) == 1:
            return self.concat([self.value(x, ctx) for x in rows[0]], vertical=False)
        raise NotReadable("a matrix of blocks")

    def concat(self, parts, vertical=False):
        if self.model.layout == "column" or vertical and self.model.layout == "column":
            parts = [p if p.shape[1] == 1 else p.T for p in parts]
            if any(p.shape[1] != 1 for p in parts):
                raise IllTyped("a concatenation of matrices")
            return np.concatenate(parts, axis=0)
        parts = [p if p.shape[0] == 1 else p.T for p in parts]
        if any(p.shape[0] != 1 for p in parts):
            raise IllTyped("a concatenation of matrices")
        return np.concatenate(parts, axis=1)

    # ------------------------------------------------------------------ symbols
    def e_sym(self, node, ctx):
        name = node[1]
        if name in ("delta", "Delta") and node[2] is None:
            return self.delta_alone(node, ctx)
        ref = resolve(node, self.vocab)
        return self.ref_value(ref, node, ctx)

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

    def ref_value(self, ref: Ref, node, ctx):
        f = self.function_of(ref, node)
        if f is not None:
            return f
        key = ref.key
        v = self.vocab
        if key in v.quantities:
            tau = self.time_of(ref, ctx)
            site = (ctx.consumer, None, ctx.tau, self.occ.get(id(node), -1))
            if ref.primes:
                return self.scripts(self.prime_of(key, tau, ctx), ref.without_scripts().__class__(
                    "value", transpose=ref.transpose, power=ref.power), ctx)
            val = self.read(key, tau, ctx.run, ctx.pert, site, ctx)
            return self.scripts(val, ref, ctx)
        if key in v.params:
            if key not in self.model.params:
                bound = [x for x in ref.index if x in ctx.env]
                if bound:                     # W_{ki} x_{ti} summed over i: W_k has a component per input
                    self.make_param(key, self.model.vector(ctx.env.get("__n_" + bound[0], self.model.i)))
                else:
                    return Pending(key)
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
        if key in LOSS_NAMES and ref.time is None:
            return ("loss",)
        if key in LOSS_NAMES:                 # L^{(t)}: the loss of step t
            tau = self.time_of(ref, ctx)
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
        raise IllTyped(f"{_show(ref)} is not defined in this derivation")

    def prime_of(self, key, tau, ctx):
        """q' (Goodfellow's h'^{(t)}): the derivative of q's function at its pre-activation."""
        pre = self.vocab.preacts.get(key)
        if pre is None:
            raise NotReadable(f"{key}' : {key} is not a function of a pre-activation")
        fname, pkey = pre
        z = self.read(pkey, tau, ctx.run, None, ("prime",), None)
        return self.apply(Func(fname, None, 1), z)

    def time_of(self, ref: Ref, ctx):
        if ref.word:
            from ..latex.notation import TIME_WORDS
            return ctx.tau + TIME_WORDS[ref.word]
        if ref.time is None:
            return ctx.tau
        return self.int_of(ref.time, ctx)

    def int_of(self, node, ctx):
        k = node[0]
        if k == "num":
            return int(float(node[1]))
        if k == "sym":
            if node[1] in ctx.env:
                return ctx.env[node[1]]
            raise NotReadable(f"the time {node[1]} is not known here")
        if k == "add":
            tot = 0
            for s, t in node[1]:
                tot += self.int_of(t, ctx) * (1 if s == "+" else -1)
            return tot
        if k == "paren":
            return self.int_of(node[2], ctx)
        if k == "mul":
            out = 1
            for x in node[1]:
                out *= self.int_of(x, ctx)
            return out
        raise NotReadable("a time that is not a whole number")

    def scripts(self, val, ref: Ref, ctx):
        for letter in ref.index:
            if letter in ctx.env:              # a component of a sum's index: x_{ti} with i bound
                k = ctx.env[letter] - 1
                flat = val.reshape(-1)
                if not 0 <= k < flat.size:
                    raise IllTyped(f"component {k + 1} of a vector of size {flat.size}")
                val = flat[k].reshape(1, 1)
        if ref.slice:
            val = self.slice(val, ref.slice)
        if ref.block:
            val = self.block(val, ref.key, ref.block, ctx)
        if ref.transpose:
            val = val.T
        if ref.power is not None:
            try:
                pw = float(self.int_of(ref.power, ctx))      # (W^T)^{T-i}: a whole number from the times
            except NotReadable:
                p = self.value(ref.power, ctx)
                if not _scalar(p):
                    raise IllTyped("a power that is not a number")
                pw = p[0, 0].real
            if abs(pw) > 64:
                raise NotReadable("an exponent larger than 64")
            if val.shape[0] == val.shape[1] and val.shape[0] > 1 and float(pw).is_integer() and pw >= 0:
                val = np.linalg.matrix_power(val, int(pw))
            else:
                val = val ** pw
        return val

    def block(self, val, key, label, ctx):
        """IFOGf^{(IFO)}: the blocks I, F, O of a stacked vector; Hin^{(x)}: the part x of a concatenation."""
        from .author import gate_letters
        flat = val.reshape(-1)
        gates = gate_letters(key)
        if gates and label in gates:
            n = flat.size // len(gates)
            a = gates.index(label) * n
            part = flat[a:a + len(label) * n]
        else:
            d = self.model.by_key.get(key)
            node = d.node if d is not None else None
            if node is None or node[0] not in ("list", "paren"):
                raise NotReadable(f"the block ^{{({label})}} of {key}")
            items = node[2] if node[0] == "list" else [node[2]]
            offset, part = 0, None
            for it in items:
                size = self.value(it, ctx).size
                name = it[1] if it[0] == "sym" else ""
                if name and name[0].lower() == label.lower():
                    part = flat[offset:offset + size]
                    break
                offset += size
            if part is None:
                raise NotReadable(f"the block ^{{({label})}} of {key}")
        return part.reshape(-1, 1) if val.shape[1] == 1 else part.reshape(1, -1)

    def stated_slice(self, val, text):
        """W_f[:, :n_a] (NumPy slicing; n_a the hidden size, n_x the input size), as the prose states it."""
        sizes = {"n_a": self.model.h, "n_h": self.model.h, "n_x": self.model.i, "H": self.model.h}
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != 2 or any(p.count(":") != 1 for p in parts):
            raise NotReadable(f"the slice [{text}]")
        idx = []
        for p in parts:
            a, _, b = p.partition(":")
            lo = sizes.get(a.strip(), None) if a.strip() else None
            hi = sizes.get(b.strip(), None) if b.strip() else None
            if (a.strip() and lo is None and not a.strip().isdigit()) or \
                    (b.strip() and hi is None and not b.strip().isdigit()):
                raise NotReadable(f"the slice [{text}]")
            lo = int(a) if a.strip().isdigit() else lo
            hi = int(b) if b.strip().isdigit() else hi
            idx.append(slice(lo, hi))
        out = val[idx[0], idx[1]]
        if out.size == 0:
            raise IllTyped(f"the stated slice [{text}] is empty")
        return out

    def slice(self, val, text):
        t = text.replace(" ", "").strip("[]")
        m = self.model
        parts = t.split(",")
        s = parts[-1]
        n = val.size
        h = m.h
        if s == ":H":
            idx = slice(0, h)
        elif s == "H:":
            idx = slice(h, n)
        elif s == ":n_a":
            idx = slice(0, h)
        else:
            raise NotReadable(f"the slice [{text}]")
        flat = val.reshape(-1)[idx]
        return flat.reshape(-1, 1) if val.shape[1] == 1 else flat.reshape(1, -1)

    # ------------------------------------------------------------------ gradients
    def delta_alone(self, node, ctx):
        ref = resolve(node, self.vocab)
        if node[1] == "Delta" and (ref.time is not None or ref.word):
            out = self.model.state_output()
            if out is None:
                raise NotReadable(r"\Delta_t without an output")
            g = Grad(out, "head", "", ctx.lhs)
            return self.grad_value(g, out, self.time_of(ref, ctx), ctx, default=("head",))
        raise NotReadable(r"\delta without a quantity")

    def named_gradient(self, ref: Ref, stem, node, ctx):
        r"""dW_f, dh_{next}, d\\_x: the gradient of the name after the prefix."""
        if ref.primes and stem + "'" * ref.primes in self.vocab.quantities:      # dX' for X'
            stem = stem + "'" * ref.primes
        elif ref.primes:
            raise NotReadable(f"d{stem}': {stem}' is not a name of this derivation")
        inner = Ref("value", stem, ref.time, ref.word, False, None, 0, ref.block, ref.slice)
        target = self.target_of(inner, ctx)
        self.named_part = ""
        word = ref.word
        if target is None and "_" in stem and not ref.word:      # d\_h\_prev: h at t-1
            base, _, w = stem.rpartition("_")
            if w in TIME_WORDS:
                word = w
                target = self.target_of(Ref("value", base, None, w), ctx)
        if target is None and "_" in stem:          # dX_f, dh_{old1}: a named part of dX, dh
            base, _, label = stem.partition("_")
            for cut in range(stem.count("_"), 0, -1):
                parts = stem.split("_")
                base, label = "_".join(parts[:cut]), "_".join(parts[cut:])
                b2, w = base, ref.word
                if "_" in base and base.rpartition("_")[2] in TIME_WORDS and not w:
                    b2, w = base.rpartition("_")[0], base.rpartition("_")[2]
                target = self.target_of(Ref("value", b2, ref.time, w), ctx)
                if target is not None and (target[0] in self.vocab.quantities or target[0] in self.vocab.inputs):
                    self.named_part = label
                    word = w
                    break
                target = None
        if target is None:
            raise IllTyped(f"{_show(ref)}: no quantity {stem} in this derivation")
        key, tau = target
        g = Grad(key, _time_text(ref) or word, word, ctx.lhs, named=self.named_part, style="d")
        self.named_part = ""
        val = self.grad_value(g, key, tau, ctx)
        return self.scripts(val, Ref("value", key, transpose=ref.transpose, power=ref.power, slice=ref.slice,
                                     block=ref.block), ctx)

    def target_of(self, ref: Ref, ctx):
        """(key, τ) of a gradient's target; τ None for parameters."""
        v = self.vocab
        key = v.aliases.get(ref.key, ref.key)
        if not v.known(key):
            key = synonym(key, v)
        if key in v.quantities:
            return key, self.time_of(ref, ctx)
        if key in v.params:
            return key, None
        if key in v.inputs:
            return key, self.time_of(ref, ctx)
        stem, _, label = key.rpartition("_")
        if ctx is not None and stem and label and not label.isdigit() and label not in PREACT_WORDS:
            pass
        if label in PREACT_WORDS and stem:
            t = self.target_of(Ref("value", stem, ref.time, ref.word), ctx)
            if t is not None and t[0] in v.preacts:
                return v.preacts[t[0]][1], t[1]
        plural = [q for q in v.quantities if q == key + "s"]
        if len(plural) == 1:              # dh for hs_t, dy for ys_t (code names)
            return plural[0], self.time_of(ref, ctx)
        # the pre-activation named after its function: dtanh
        if key in FUNCTION_WORDS:
            fname = FUNCTION_WORDS[key][0]
            cands = [p for q, (f, p) in v.preacts.items() if f == fname]
            if len(cands) == 1:
                return cands[0], self.time_of(ref, ctx)
        return None

    def grad_value(self, g: Grad, key, tau, ctx, default=None):
        cands = self.candidates(g, key, tau) if not g.named else self.paths(key, g.named)
        if default is not None:
            cands = [default]
        ctx.seen.setdefault(g, cands)
        reading = ctx.readings.get(g, cands[0])
        return self.gradient_by(reading, key, tau)

    def candidates(self, g: Grad, key, tau):
        v = self.vocab
        out = [("total",)]
        if key in v.params:
            out.append(("at",))
        elif any(shift == 1 for _, _, shift in self.sites(key)):
            out.append(("next",))
            if g.word == "next" and g.lhs:
                out.append(("back",))
        if g.lhs and self.accumulating and key not in v.params:
            out.append(("same",))
        if key in v.preacts and g.style == "d":      # dh_o, d\Gamma_o: course notebooks name pre-activation
            out += [("pre",) + c for c in list(out)]  # gradients after the unit (\delta h_t is h_t's own)
        return out

    def paths(self, key, label=""):
        """Readings of a named part of a gradient (dX_f, dh_{old1}): the readers of one or more uses;
        dX_f: the uses by the quantities labelled f, when there are such."""
        sites = self.sites(key)
        named = [s for s in sites if label and s[0].rpartition("_")[2] == label]
        if named:
            return [("path", frozenset(named))]
        out = []
        for r in range(1, min(len(sites), 5) + 1):
            for combo in itertools.combinations(sites, r):
                out.append(("path", frozenset(combo)))
        return out or [("total",)]

    def sites(self, key):
        if not hasattr(self, "_sites"):
            self._sites = {}
        if key not in self._sites:
            out = []
            for d in self.model.defs:
                for k, n in enumerate(refs_in(d.node)):
                    try:
                        r = resolve(n, self.vocab)
                    except NotReadable:
                        continue
                    if r.key != key:
                        continue
                    shift = 1 if r.word in ("prev", "old") or (r.time is not None and r.time[0] == "add") else 0
                    out.append((d.keys[0], k, shift))
            self._sites[key] = out
        return self._sites[key]

    def gradient_by(self, reading, key, tau):
        m = self.model
        if reading[0] == "path":
            allowed = reading[1]
            return m.grad(key, tau, ("sites", allowed))
        if reading[0] == "pre":
            key = self.vocab.preacts[key][1]
            reading = reading[1:]
        mode = reading[0]
        if mode == "total":
            return m.grad(key, tau, "total")
        if mode == "next":
            return m.grad(key, tau, "next")
        if mode == "same":
            return m.grad(key, tau, "same")
        if mode == "back":
            return m.grad(key, tau - 1, "next")
        if mode == "at":
            return m.grad(key, None, ("at", self.cur_tau))
        if mode == "head":
            return m.grad(key, tau, ("path", m.loss_sites(key), tau))
        raise ValueError(reading)

    # ------------------------------------------------------------------ prefixes, fractions, sums
    def e_pre(self, node, ctx):
        kind, sub, operand = node[1], node[2], node[3]
        if kind == "nabla":
            if sub is None:
                raise NotReadable(r"\nabla without a subscript")
            num = self.evaluate(operand, ctx)
            if not isinstance(num, tuple):           # \nabla_V o_i: the gradient of a quantity
                return self.total_derivative(operand, sub[0], ctx)
            return self.derivative(("loss",), sub[0], ctx, node, operand)
        if kind == "dp":
            r = resolve(operand, self.vocab) if operand[0] == "sym" else None
            pre = self.vocab.preacts.get(r.key) if r is not None else None
            if pre is None:
                raise NotReadable("dp: the gradient of a pre-activation of a name that has none")
            operand = ("sym", pre[1], None, operand[3], operand[4], 0)
            kind = "d"
        if kind in ("delta", "Delta", "d"):
            if operand[0] == "num":
                raise NotReadable(f"\\{kind} {operand[1]}: a numbered node of a figure")
            return self.derivative(("loss",), operand, ctx, node, style=kind)
        if kind == "partial":
            return ("partial", operand)
        raise NotReadable(kind)

    def derivative(self, num, den_node, ctx, node, num_node=None, style=""):
        """d(num)/d(den): a gradient when num is the loss, else a Jacobian."""
        if den_node[0] == "sc":
            raise NotReadable("a derivative by a scripted expression")
        if den_node[0] != "sym":
            raise NotReadable("a derivative by an expression")
        ref = resolve(den_node, self.vocab)
        if ref.key in LOSS_NAMES and (ref.time is not None or ref.word) and isinstance(num, tuple):
            return np.ones((1, 1), dtype=complex)         # dL/dL^{(t)} = 1: L is the sum of the L^{(t)}
        target = self.target_of(ref.without_scripts(), ctx)
        if target is None:
            raise IllTyped(f"{_show(ref)} is not defined in this derivation")
        key, tau = target
        if isinstance(num, tuple) and num[0] == "loss":
            g = Grad(key, _time_text(ref), ref.word, ctx.lhs, style=style)
            return self.scripts(self.grad_value(g, key, tau, ctx),
                                Ref("value", transpose=ref.transpose, index=ref.index), ctx)
        raise NotReadable("a derivative of a quantity")

    def e_frac(self, node, ctx):
        num, den = node[1], node[2]
        nd, dd = _diff(num), _diff(den)
        if nd is not None and dd is not None:
            return self.frac_derivative(nd, dd, ctx, node)
        a, b = self.value(num, ctx), self.value(den, ctx)
        return self.mul(a, b, "div")

    def frac_derivative(self, nd, dd, ctx, node):
        style, top = nd
        _, bottom = dd
        if top is None:
            return ("dop", bottom, style)
        if top[0] == "sym":
            r = resolve(top, self.vocab)
            if r.key in LOSS_NAMES and r.time is None:
                return self.derivative(("loss",), bottom, ctx, node)
            if bottom[0] == "sym" and resolve(bottom, self.vocab).key in LOSS_NAMES:
                return self.derivative(("loss",), bottom, ctx, node)
            return self.jacobian(top, bottom, ctx)
        return self.local_derivative(top, bottom, ctx)

    def local_derivative(self, top, bottom, ctx):
        """d f(x) / d x of an expression, element-wise (the derivative of a unit's function)."""
        if bottom[0] != "sym":
            raise NotReadable("a derivative by an expression")
        ref = resolve(bottom, self.vocab)
        target = self.target_of(ref.without_scripts(), ctx)
        if target is None:
            raise IllTyped(f"{_show(ref)} is not defined in this derivation")
        key, tau = target
        base = self.value(bottom, ctx)
        local = dict(ctx.local or {})
        local[(key, tau)] = np.full(base.shape, STEP * 1j)
        sub = Ctx(ctx.tau, ctx.run, ctx.pert, ctx.consumer, ctx.env, ctx.lenient, ctx.readings, ctx.seen,
                  ctx.lhs, ctx.occ, local, ctx.out_dim)
        v = self.value(top, sub)
        return (np.imag(v) / STEP).astype(complex)

    def jacobian(self, top, bottom, ctx):
        later = None
        if top[0] == "sym":
            ra, rb = resolve(top, self.vocab), resolve(bottom, self.vocab) if bottom[0] == "sym" else None
            ta = self.target_of(ra.without_scripts(), ctx)
            tb = self.target_of(rb.without_scripts(), ctx) if rb is not None else None
            if ta and tb and ta[1] is not None and tb[1] is not None and ta[1] > tb[1]:
                later = tb[1]            # \partial h_t / \partial c_{t-1}: through the steps after c_{t-1} only
        return self.total_derivative(top, bottom, ctx, later=later)

    def total_derivative(self, expr, bottom, ctx, later=None):
        """d(expr)/d(bottom), every path (the run is perturbed): the shape of bottom for a scalar expr,
        else a matrix (rows: components of expr)."""
        if bottom[0] != "sym":
            raise NotReadable("a derivative by an expression")
        rb = resolve(bottom, self.vocab)
        tb = self.target_of(rb.without_scripts(), ctx)
        if tb is None:
            raise IllTyped(f"{_show(rb)} is not defined in this derivation")
        key, tau = tb
        m = self.model
        base = m.value(key, tau)
        y0 = self.value(expr, ctx)
        cols = []
        filt = None
        if later is not None:
            filt = lambda site, k=later: site[2] > k
        if tau is None and (rb.time is not None or rb.word):     # W^{(t)}: the copy of W used at step t
            at = self.time_of(rb, ctx)
            filt = lambda site, at=at: site[2] == at
        for idx in np.ndindex(*base.shape):
            delta = np.zeros(base.shape, dtype=complex)
            delta[idx] = STEP * 1j
            pert = {(key, tau): (delta, filt)}
            run = m.run(pert)
            sub = Ctx(ctx.tau, run, pert, ctx.consumer, ctx.env, ctx.lenient, ctx.readings, ctx.seen, ctx.lhs,
                      ctx.occ, ctx.local, ctx.out_dim)
            cols.append(np.imag(self.value(expr, sub)).reshape(-1) / STEP)
        J = np.array(cols).T.astype(complex)
        if y0.shape == (1, 1):
            return J.reshape(base.shape)
        if base.shape == (1, 1):
            return J.reshape(y0.shape)
        if 1 in base.shape:
            return J
        raise NotReadable("a derivative of a vector by a matrix")

    def e_big(self, node, ctx):
        kind, sub, sup, body = node[1], node[2], node[3], node[4]
        var, lo, hi = None, None, None
        if sub:
            it = sub[0]
            if it[0] == "eq" and it[1][0] == "sym":
                var, lo = it[1][1], it[2]
            elif it[0] == "sym":
                var = it[1]
        if var in ("batch", "m", "b", "n") and lo is None:
            return self.value(body, ctx)
        if var is None and kind == "sum" and sup is None:       # \sum \exp(y): over the components
            v = self.value(body, ctx)
            return np.sum(v).reshape(1, 1)
        if var is None:
            raise NotReadable(f"\\{kind} without an index")
        if var != self.vocab.time_var and lo is None and var in INDEX_LETTERS and kind == "sum":
            saved = set(self.vocab.comp)
            self.vocab.comp.add(var)       # \sum_i (dL/do_i) \nabla_V o_i: over the components
            try:
                acc = None
                for k in range(1, self.model.h + 1):
                    sub_ctx = _with_env(ctx, var, k, self.vocab.time_var)
                    v = self.value(body, sub_ctx)
                    acc = v if acc is None else acc + v
            finally:
                self.vocab.comp = saved
            return acc
        if var != self.vocab.time_var and lo is None:
            raise NotReadable(f"\\{kind}_{var}: a sum over components")
        if var in self.vocab.comp:           # \sum_{i=1}^N W_{ki} x_{ti}: over the components
            n = self.model.i
            acc = None
            for k in range(1, n + 1):
                sub_ctx = _with_env(ctx, var, k, self.vocab.time_var)
                sub_ctx.env["__n_" + var] = n
                v = self.value(body, sub_ctx)
                acc = v if acc is None else acc + v
            return acc
        lo_v = 1 if lo is None else self.int_of(lo, ctx)
        hi_v = self.model.T if sup is None else self.int_of(sup[0], ctx)
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
                vals.append(self.value(body, sub_ctx))
        finally:
            self.vocab.bound = saved
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
            return np.zeros((1, 1), dtype=complex) if kind == "sum" else np.ones((1, 1), dtype=complex)
        return acc

    def e_sc(self, node, ctx):
        inner, sub, sup, primes = node[1], node[2], node[3], node[4]
        if inner == ("num", "1") and sub and not sup:      # \mathbf{1}_{i, y^{(t)}}: the one-hot target
            tau = ctx.tau
            for it in sub:
                if it[0] == "sym" and (it[3] or it[4]):
                    r = resolve(it, self.vocab)
                    if r.time is not None or r.word:
                        tau = self.time_of(r, ctx)
            return self.model.onehot("__y", tau, self.model.vector(self.model.output_size()))
        v = self.evaluate(inner, ctx)
        if isinstance(v, Func):
            if sup:
                v.power = sup[0] if sup[0][0] not in ("prime", "top") else v.power
                v.order += sum(1 for s in sup if s[0] == "prime")
            v.order += primes
            return v
        if sub and not (len(sub) == 1 and sub[0][0] == "sym" and sub[0][1] in INDEX_LETTERS):
            raise NotReadable("a subscript on an expression")
        if primes:
            raise NotReadable("a prime on an expression")
        from .names import _sup_atoms
        ref = Ref("value")
        for a in _sup_atoms(sup or [], self.vocab):
            if a[0] == "T":
                ref = Ref("value", transpose=not ref.transpose, power=ref.power)
            elif a[0] in ("power", "time?"):
                ref = Ref("value", transpose=ref.transpose, power=a[1])
            else:
                raise NotReadable("a script on an expression")
        return self.scripts(self.value_of(v), ref, ctx)

    def value_of(self, v):
        if isinstance(v, (Func, tuple, Pending)):
            raise NotReadable("a script on a function")
        return v

    # ------------------------------------------------------------------ products
    def e_mul(self, node, ctx):
        items, ops = node[1], node[2]
        vals = []
        for it in items:
            if it[0] == "list" and vals and isinstance(vals[-1], Func) and vals[-1].name == "prod":
                vals.append(None)           # prod(A, B): read by the product rule below
                continue
            vals.append(self.evaluate(it, ctx))
        vals, ops = self.gradient_pairs(items, vals, list(ops), ctx)
        # a function word that applies to nothing is a gradient name (dtanh = the pre-activation's)
        for k, v in enumerate(vals):
            if isinstance(v, Func) and (k + 1 >= len(vals) or ops[k + 1] is not None) and items[k][0] == "sym":
                g = gradient_split(items[k][1])
                if g is not None:
                    vals[k] = self.named_gradient(resolve(items[k], self.vocab), g[1], items[k], ctx)
        # functions and d/dx apply to the factor right after them (right to left)
        k = len(vals) - 1
        while k >= 0:
            v = vals[k]
            if isinstance(v, Func) and v.name == "prod" and k + 1 < len(vals) and items[k + 1][0] == "list":
                a, b = (self.value(x, ctx) for x in items[k + 1][2][:2])
                vals[k:k + 2] = [chain_product(a, b)]
                del ops[k + 1]
            elif isinstance(v, Func):
                if k + 1 >= len(vals):
                    raise NotReadable(f"the function {v.name} has no argument")
                arg = vals[k + 1]
                if isinstance(arg, Pending):
                    arg = self.make_param(arg.key, (1, 1))
                nxt = items[k + 1] if k + 1 < len(items) else None
                if nxt is not None and nxt[0] == "sc" and nxt[1][0] == "paren" and not nxt[2] and nxt[3] \
                        and not nxt[4] and v.order == 0:     # \tanh(c_t)^2 is (\tanh c_t)^2
                    inner = self.apply(v, self.value(nxt[1], ctx), nxt[1])
                    vals[k:k + 2] = [self.e_sc(("sc", ("value", inner), None, nxt[3], 0), ctx)]
                else:
                    vals[k:k + 2] = [self.apply(v, arg, nxt)]
                del ops[k + 1]
            elif isinstance(v, tuple) and v and v[0] == "dop":
                if k + 1 >= len(vals):
                    raise NotReadable(r"\frac{d}{dx} applied to nothing")
                rest = ("mul", list(items[k + 1:]), [None] + list(node[2][k + 2:])) if len(items) > k + 2 \
                    else items[k + 1]
                d = self.total_derivative(rest, v[1], ctx)
                vals[k:] = [d]
                del ops[k + 1:]
            k -= 1
        acc = vals[0]
        for op, v in zip(ops[1:], vals[1:]):
            acc = self.combine(acc, v, op, ctx)
        return acc

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
                    out_v.append(self.derivative(("loss",), vals[k + 2][1], ctx, items[k]))
                else:
                    out_v.append(self.jacobian(top, vals[k + 2][1], ctx))
                out_o.append(ops[k])
                k += 3
                continue
            if isinstance(v, tuple) and v and v[0] == "partial" and k + 2 < len(vals) and ops[k + 1] == "div" \
                    and isinstance(vals[k + 2], tuple) and vals[k + 2][0] == "partial":
                pass
            if isinstance(v, tuple) and v and v[0] == "partial":
                raise NotReadable(r"\partial outside a derivative")
            out_v.append(v)
            out_o.append(ops[k])
            k += 1
        return out_v, out_o

    def combine(self, a, b, op, ctx):
        if isinstance(a, Pending) or isinstance(b, Pending):
            a, b = self.settle(a, b, op, ctx)
        for x in (a, b):
            if not isinstance(x, np.ndarray):
                raise NotReadable("a product with a function or a derivative sign")
        return self.mul(a, b, op)

    def settle(self, a, b, op, ctx):
        m = self.model
        out = ctx.out_dim or m.h
        if isinstance(a, Pending) and isinstance(b, Pending):
            raise IllTyped("a product of two unknown parameters")
        if isinstance(a, Pending):
            if op in ("odot", "div") or (_vec(b) and m.layout == "row" and b.shape[0] == 1) or _scalar(b) or \
                    (_peephole(a.key) and _vec(b)):       # p_i * c_{t-1}: a peephole, element-wise
                return self.make_param(a.key, b.shape), b
            return self.make_param(a.key, (out, b.shape[0])), b
        if op in ("odot", "div") or _scalar(a) or (_peephole(b.key) and _vec(a)):
            return a, self.make_param(b.key, a.shape if not _scalar(a) else m.vector(out))
        if _vec(a) and m.layout == "column" and a.shape[1] == 1:
            raise IllTyped("a column vector times a matrix on its right")
        return a, self.make_param(b.key, (a.shape[1], out))

    def mul(self, a, b, op):
        if op == "div":
            if a.shape == b.shape or _scalar(b) or _scalar(a):
                return a / b
            raise IllTyped(f"division of shapes {a.shape} and {b.shape}")
        if op == "odot":
            if a.shape == b.shape or _scalar(a) or _scalar(b):
                return a * b
            raise IllTyped(f"an element-wise product of shapes {a.shape} and {b.shape}")
        if op == "otimes":
            return self.col(a) @ self.col(b).T
        if _scalar(a) or _scalar(b):
            return a * b
        if a.shape == b.shape and (_vec(a) or a.shape[0] != a.shape[1]):
            return a * b
        if a.shape[1] == b.shape[0]:
            return a @ b
        raise IllTyped(f"a product of shapes {a.shape[0]}x{a.shape[1]} and {b.shape[0]}x{b.shape[1]}")

    def apply(self, f: Func, arg, node=None):
        if not isinstance(arg, np.ndarray):
            raise NotReadable(f"the argument of {f.name} is not a value")
        name = f.name
        if name == "diag":
            if not (_vec(arg) or _scalar(arg)):
                raise IllTyped("diag of a matrix")
            return np.diag(arg.reshape(-1))
        if f.order and node is not None and node[0] in ("sym", "paren"):
            inner = node if node[0] == "sym" else node[2]
            if inner[0] == "sym":
                r = resolve(inner, self.vocab)
                pre = self.vocab.preacts.get(r.key)
                if pre is not None and pre[0] == name and r.time is None and not r.word:
                    pass
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
        if name == "exp":
            return np.exp(x)
        if name == "log":
            return np.log(x) if order == 0 else 1 / x
        if name == "softmax":
            if order:
                raise NotReadable("softmax'")
            e = np.exp(x - np.max(x.real))
            return e / np.sum(e)
        if name in OUTPUT_DERIVATIVES:
            return x * (1 - x) if name == "dsigmoid_out" else 1 - x ** 2
        raise NotReadable(f"the function {name}")

    def abstract_fn(self, name, x, order):
        a, b, c = self.abstract.setdefault(name, (0.8, 0.3, 0.2))
        th = np.tanh(a * x + b)
        if order == 0:
            return th + c * x
        if order == 1:
            return a * (1 - th ** 2) + c
        raise NotReadable(f"{name}''")


INDEX_LETTERS = ("i", "j", "k", "l", "m", "n")


def chain_product(a, b):
    """d2l's prod(A, B): the product of a gradient and a Jacobian after the needed transpositions."""
    if _scalar(a) or _scalar(b):
        return a * b
    g = a if 1 in a.shape else None
    if g is not None:
        col = g if g.shape[1] == 1 else g.T
        if b.shape[0] == col.shape[0]:
            return b.T @ col
        if b.shape[1] == col.shape[0]:
            return b @ col
    if a.shape[1] == b.shape[0]:
        return a @ b
    raise IllTyped(f"prod of shapes {a.shape} and {b.shape}")


def component(key, vocab):
    """``o_i`` -> ``o``: a free index letter on a known vector (its components, all at once)."""
    base, _, label = key.rpartition("_")
    if label in INDEX_LETTERS and base and (base in vocab.quantities or base in vocab.inputs):
        return base
    return None


def _peephole(key: str) -> bool:
    """p_i, v_o: a one-letter lowercase name (not w) multiplies element-wise; W, U, w_{ru} are matrices."""
    base = key.partition("_")[0]
    return len(base) == 1 and base.islower() and base != "w"


def _with_env(ctx, var, k, time_var=None):
    c = Ctx(k if var == time_var else ctx.tau, ctx.run, ctx.pert, ctx.consumer, dict(ctx.env), ctx.lenient,
            ctx.readings, ctx.seen, ctx.lhs, ctx.occ, ctx.local, ctx.out_dim)
    c.env[var] = k
    return c


def _diff(node):
    r"""("d"|"partial", what) of a differential: dL, d h_t, \\partial L, \\partial; else None."""
    if node[0] == "pre" and node[1] in ("partial", "d"):
        return node[1], node[3]
    if node[0] == "sym" and node[1] in ("d", "\\partial") and node[3] is None and node[4] is None:
        return "d", None
    if node[0] == "sym" and node[1].startswith("d") and len(node[1]) > 1 and node[2] is None:
        return "d", ("sym", node[1][1:], None, node[3], node[4], node[5])
    if node[0] == "mul" and node[1] and node[1][0][0] == "sym" and node[1][0][1] == "d" and len(node[1]) == 2:
        return "d", node[1][1]
    if node[0] == "mul" and node[1] and node[1][0][0] == "pre" and node[1][0][1] in ("partial", "d") \
            and node[1][0][2] is None:        # \partial \tanh(x): the differential of a product
        first = node[1][0][3]
        return node[1][0][1], ("mul", [first] + list(node[1][1:]), list(node[2]))
    return None


def _latex_name(key: str) -> str:
    return key


def _time_text(ref: Ref) -> str:
    from .names import _node_text
    if ref.word:
        return ref.word
    return "" if ref.time is None else _node_text(ref.time)


def _show(ref: Ref) -> str:
    key = ref.key
    if ":" in key:
        acc, _, rest = key.partition(":")
        key = f"\\{acc}{{{rest}}}"
    return key
