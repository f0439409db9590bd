"""The typed meaning of a claim's parse tree: values (scalar, vector, matrix, ...) in symlstm's vocabulary.

:class:`Reader` walks the tree of symlstm/verify/latex.lark and builds SymPy expressions in
the derivation's vocabulary; which product is a matrix product, what a subscript means and
how names are renamed is decided here (see :mod:`symlstm.claims` for the rules in prose).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from lark import Tree

from ..cells.algebra import (
    ADJOINT_PREFIX,
    EXTERNAL_PREFIX,
    PREACT_SUFFIX,
    Diag,
    Mat,
    MatVec,
    Outer,
    SumT,
    TMatVec,
    sigmoid,
    t,
)
from .latexparse import (
    FUNCTION_COMMANDS,
    FUNCTION_WORDS,
    LatexError,
    as_sum,
    decorated,
    is_prime_group,
    is_transpose,
    number,
    op_kind,
    plain_name,
    position,
    preact_index,
    sub_items,
)
from .renames import Ref, Renames
from .vocabulary import Vocabulary, param_latex

__all__ = ["Reader", "V", "ClaimError", "NUMERIC", "describe_kind"]

#: Accent of the k-th pre-activation (k = "" first, "2" second), as printed by symlstm.
PREACT_OF_ACCENT = {"bar": "", "hat": "2"}
ELEMENTWISE = {"sigmoid": sigmoid, "tanh": sympy.tanh, "exp": sympy.exp}
LOSS_NAMES = {"L", "E", "J", r"\ell", r"\mathcal{L}", r"\mathcal{E}", r"\mathcal{J}"}
LATEX_FUNC = {"sigmoid": r"\sigma", "tanh": r"\tanh", "exp": r"\exp", "diag": r"\operatorname{diag}"}


class ClaimError(LatexError):
    """A claim that parses but does not make sense for this cell (unknown symbol, wrong shape)."""


@dataclass
class V:
    """A typed value while reading a claim.

    kind: scalar, vector, row (a transposed vector), matrix (a parameter), jac (a matrix-valued
    expression of Diag and matrices), outer (a sum of outer products), func, loss, partial,
    pgrad (δP on a left side), jacsym (∂s_t/∂s'_{t-1} on a left side), top, prime.
    """

    kind: str
    expr: object = None
    space: object = None
    node: object = None
    info: dict = field(default_factory=dict)


NUMERIC = ("scalar", "vector", "row", "matrix", "jac", "outer")
#: Largest exponent read (x^{64}); larger ones, and exponents that are not numbers, are refused.
MAX_EXPONENT = 64


def _short(e) -> str:
    s = str(e)
    return s if len(s) <= 20 else s[:17] + "..."


class Reader:
    """Turns a parse tree into typed SymPy values in the derivation's vocabulary."""

    def __init__(self, vocab: Vocabulary, renames: Renames, text: str):
        self.vocab, self.renames, self.text = vocab, renames, text
        self.notes: list[str] = []
        self.time_var = "t"
        self.scalar = False            # an unrolled 1-unit cell: matrices are numbers

    # ------------------------------------------------------------------ errors
    def fail(self, node, msg) -> ClaimError:
        line, col = position(node)
        return ClaimError(msg, line=line, column=col, text=self.text)

    def note(self, node, msg):
        line, col = position(node)
        where = f"line {line}, column {col}: " if line is not None else ""
        if where + msg not in self.notes:
            self.notes.append(where + msg)

    # ------------------------------------------------------------------ dispatch
    def read(self, node) -> V:
        fn = getattr(self, "r_" + node.data, None)
        if fn is None:
            raise self.fail(node, f"{node.data} is not supported here")
        v = fn(node)
        if v.node is None:
            v.node = node
        return v

    def r_expression(self, node):
        return self.read(node.children[0])

    def r_sum(self, node):
        kids = node.children
        terms = [(str(kids[0]) if kids[0] is not None else "+", self.read(kids[1]))]
        for k in range(2, len(kids), 2):
            terms.append((str(kids[k]), self.read(kids[k + 1])))
        if len(terms) == 1 and terms[0][0] == "+":
            return terms[0][1]
        return self.add(terms, node)

    def r_product(self, node):
        kids = node.children
        items = [self.read(kids[0])]
        ops = [None]
        for k in range(1, len(kids), 2):
            ops.append(op_kind(kids[k]))
            items.append(self.read(kids[k + 1]))
        return self.product(items, ops, node)

    def r_group(self, node):
        return self.read(node.children[0])

    def r_number(self, node):
        return V("scalar", sympy.Rational(str(node.children[0])), node=node)

    def r_unknown_command(self, node):
        cmd = str(node.children[0])
        raise self.fail(node, f"unknown command {cmd}; the LaTeX subset knows \\odot \\circ \\cdot \\times "
                              r"\sigma \tanh \exp \frac \partial \delta \Delta \sum \bar \hat \tilde "
                              r"\mathrm \operatorname \top \langle \rangle \left \right (see docs/verify.md)")

    def r_top(self, node):
        return V("top", node=node)

    def r_func(self, node):
        return V("func", node=node, info={"name": FUNCTION_COMMANDS[str(node.children[0])], "order": 0, "power": 1})

    def r_frac(self, node):
        num, den = self.read(node.children[1]), self.read(node.children[2])
        return self.divide(num, den, node)

    def r_angle(self, node):
        a, b = self.read(node.children[1]), self.read(node.children[3])
        if a.kind != "vector" or b.kind != "vector":
            raise self.fail(node, r"\langle a, b \rangle (an outer product, as in Greff et al.) needs two vectors")
        self.same_space(a, b, node, "in an outer product", check=False)
        return V("outer", Outer(a.expr, b.expr), (a.space, b.space), node)

    def r_sum_over(self, node):
        kids = node.children
        scripts, body = kids[1:-1], kids[-1]
        var, lower, upper = "t", None, None
        for s in scripts:
            if s.data == "sub":
                items = sub_items(s)
                if len(items) != 1:
                    raise self.fail(s, r"expected \sum_t or \sum_{t=1}^{T}")
                item = items[0]
                if isinstance(item, str):
                    var = item
                elif isinstance(item, tuple) and item[0] == "eq":
                    entry = item[1]
                    var = plain_name(entry.children[0])
                    lower = number(entry.children[2])
                    if var is None or lower is None:
                        raise self.fail(s, r"expected \sum_{t=1}^{T}: an index name, '=', a whole number")
                else:
                    raise self.fail(s, r"expected \sum_t or \sum_{t=1}^{T}")
            elif s.data == "sup":
                upper = self.upper_bound(s)
            else:
                raise self.fail(s, r"a prime on \sum")
        if len(var) != 1:
            raise self.fail(node, f"the summation index {var!r} should be one letter (t)")
        saved, self.time_var = self.time_var, var
        try:
            v = self.read(body)
        finally:
            self.time_var = saved
        if v.kind not in ("vector", "outer", "scalar"):
            raise self.fail(node, r"\sum over time needs a vector or an outer product inside")
        shift = 0 if lower is None else 1 - int(lower)
        if lower is not None or upper is not None:
            last = (0 if upper is None else upper) + shift
            if lower is None or upper is None or last != 0:
                lo = "?" if lower is None else lower
                hi = "T" if upper is None else ("T" if upper == 0 else f"T{upper:+d}")
                raise self.fail(node, f"this sum runs over {var} = {lo}..{hi}; symlstm's steps are "
                                      f"1..T (h_0 is the initial state): write \\sum_{{{var}=1}}^{{T}} "
                                      f"or a shifted \\sum_{{{var}=0}}^{{T-1}} with {var}+1 inside")
        body_expr = v.expr.subs(t, t - shift) if shift else v.expr
        return V("outer" if v.kind == "outer" else "vector", SumT(body_expr), v.space, node,
                 {"summed": True})

    def upper_bound(self, s) -> int:
        """k of an upper bound T + k (``^T``, ``^{T-1}``)."""
        arg = s.children[0]
        if arg.data == "sup_char" and str(arg.children[0]) == "T":
            return 0
        if arg.data == "sup_group":
            e = arg.children[0]
            if plain_name(e) == "T":
                return 0
            kids = e.children if isinstance(e, Tree) and e.data == "sum" else ()
            if len(kids) == 4 and kids[0] is None and plain_name(as_sum(kids[1])) == "T":
                n = number(as_sum(kids[3]))
                if n is not None:
                    return int(n) if str(kids[2]) == "+" else -int(n)
        raise self.fail(s, r"expected an upper bound T or T-1 on \sum")

    # ------------------------------------------------------------------ factors
    def r_scripted(self, node):
        base, scripts = node.children[0], node.children[1:]
        if base.data in ("name", "greek", "accent", "font"):
            return self.symbol(base, scripts, node)
        if base.data == "func":
            return self.func_scripts(self.read(base), scripts, node)
        v = self.read(base)
        if not scripts:
            return v
        out = self.scripts(v, scripts, node)
        out.info = {**out.info, "unscripted": v, "scripts": scripts}
        return out

    def r_adjoint(self, node):
        delta, base, scripts = node.children[0], node.children[1], node.children[2:]
        if base.data not in ("name", "greek", "accent", "font"):
            raise self.fail(node, f"{delta} must be followed by a quantity (\\delta c_t) or a parameter (\\delta W_f)")
        return self.symbol(base, scripts, node, delta=True)

    def r_bare_delta(self, node):
        delta, scripts = str(node.children[0]), node.children[1:]
        if delta == r"\delta":
            raise self.fail(node, r"\delta must be followed by the quantity it is the adjoint of: \delta h_t, \delta \bar{o}_t")
        time, rest = self.time_from_scripts(scripts, node)
        if time is None:
            raise self.fail(node, r"\Delta needs a time: \Delta_t (the loss gradient reaching h_t)")
        v = V("vector", sympy.Function(EXTERNAL_PREFIX + "h")(time), "H", node, {"ref": "external"})
        return self.scripts(v, rest, node)

    def r_partial(self, node):
        base, scripts = node.children[1], node.children[2:]
        inner = self.symbol(base, scripts, node, in_partial=True)
        return V("partial", node=node, info={"inner": inner})

    # ------------------------------------------------------------------ symbols
    def symbol(self, base, scripts, node, delta=False, in_partial=False) -> V:
        accent, name = decorated(base)
        if name is None:
            raise self.fail(base, "expected a symbol")
        subs, sups, primes = [], [], 0
        for s in scripts:
            if s.data == "sub":
                subs.extend(sub_items(s))
            elif s.data == "sup":
                sups.append(s)
            else:
                primes += 1
        # functions: \mathrm{sigmoid}, tanh, a name renamed to a function
        fname = None
        if not delta and accent is None and not subs:
            fname = self.renames.function(name) or FUNCTION_WORDS.get(name)
        if fname is not None:
            v = V("func", node=node, info={"name": fname, "order": 0, "power": 1})
            return self.func_scripts(v, scripts, node)
        if in_partial and not delta and accent is None and not subs and not sups and name in LOSS_NAMES:
            return V("loss", node=node)
        if name == "e" and not subs and len(sups) == 1 and not delta and accent is None:
            arg = sups[0].children[0]
            if arg.data == "sup_group" and not self.is_time(arg.children[0]) and not self.is_known("e"):
                x = self.read(arg.children[0])
                if x.kind not in ("scalar", "vector"):
                    raise self.fail(node, "e^{...} needs a scalar or vector exponent")
                return V(x.kind, sympy.exp(x.expr), x.space, node)
        # time: the last subscript item, or a time superscript (Greff et al. write c^{t-1})
        time = None
        if subs:
            time = self.as_time(subs[-1], node)
            if time is not None:
                subs = subs[:-1]
        names = []
        for item in subs:
            if not isinstance(item, str):
                raise self.fail(node, f"subscript of {name} not understood: expected a time (t, t-1, t+1, "
                                      "{t-1}, 0, 1) or a name")
            names.append(item)
        rest_sups = []
        for s in sups:
            arg = s.children[0]
            tv = None
            if time is None and arg.data == "sup_group":
                tv = self.time_of(arg.children[0])
            elif time is None and arg.data == "sup_char" and str(arg.children[0]) == self.time_var:
                tv = t
            if tv is not None:
                time = tv
            else:
                rest_sups.append(s)
        preact_k = None
        keep = []
        for s in rest_sups:
            arg = s.children[0]
            k = preact_index(arg)
            if k is not None and accent == "bar":
                preact_k = str(k)
            else:
                keep.append(s)
        if primes:
            raise self.fail(node, f"a prime (') on {name}: primes are read on functions only (\\sigma'(x), \\tanh'(x))")
        ref = self.renames.apply(Ref(delta, accent, name, tuple(names)))
        v = self.lookup(ref, time, preact_k, node)
        return self.scripts(v, [s for s in scripts if s in keep], node)

    def is_known(self, name) -> bool:
        return name in self.vocab.params or name in self.vocab.quantities

    def lookup(self, ref: Ref, time, preact_k, node) -> V:
        vocab = self.vocab
        pname = ref.name + ("_" + "".join(ref.subs) if ref.subs else "")
        if ref.accent is None and pname in vocab.params:
            if time is not None:
                raise self.fail(node, f"{param_latex(pname)} is a parameter; it has no time index")
            kind = vocab.params[pname]
            if ref.delta:
                return V("pgrad", sympy.Symbol(ADJOINT_PREFIX + pname), None, node, {"param": pname})
            if kind == "vector":
                return V("vector", sympy.Symbol(pname), "H", node, {"ref": "param"})
            if self.scalar:
                return V("scalar", sympy.Symbol(pname), None, node, {"ref": "param"})
            return V("matrix", Mat(pname), vocab.matrix_space(pname), node, {"transposed": False})
        q = ref.name
        if ref.subs:
            q = None
        elif ref.accent is not None:
            k = PREACT_OF_ACCENT.get(ref.accent) if preact_k is None else preact_k
            q = vocab.preact(ref.name, k) if k is not None else None
            if q is None and ref.name in vocab.quantities:
                raise self.fail(node, f"{ref.latex()}: {ref.name} has no such pre-activation in cell "
                                      f"{vocab.cell.name!r}; {self.preacts_hint()}")
        if q is None or q not in vocab.quantities:
            raise self.fail(node, f"unknown symbol {ref.latex()}" + self.rename_hint(ref) +
                                  f"; cell {vocab.cell.name!r} knows {vocab.known()}")
        if time is None:
            raise self.fail(node, f"{ref.latex()} needs a time index ({ref.name}_t, {ref.name}_{{t-1}})")
        name = (ADJOINT_PREFIX if ref.delta else "") + q
        return V("vector", sympy.Function(name)(time), vocab.space(q), node,
                 {"ref": "adjoint" if ref.delta else "quantity", "quantity": q})

    def preacts_hint(self) -> str:
        pre = [q for q in self.vocab.quantities if PREACT_SUFFIX in q]
        return "its pre-activations are " + (", ".join(pre) if pre else "none")

    def rename_hint(self, ref) -> str:
        if self.renames:
            return " (after renaming)"
        return " (to use your own notation, pass a renaming such as names='C=c')"

    # ------------------------------------------------------------------ time
    def as_time(self, item, node):
        if isinstance(item, int):
            return sympy.Integer(item)
        if isinstance(item, str):
            return t if item == self.time_var else None
        if isinstance(item, tuple) and item[0] == "node":
            return self.time_of(item[1])
        return None

    def is_time(self, expr) -> bool:
        return self.time_of(expr) is not None

    def time_of(self, expr):
        """t, t±k (in the current index letter) from a sub/superscript expression, else None."""
        if plain_name(expr) == self.time_var:
            return t
        kids = expr.children if isinstance(expr, Tree) and expr.data == "sum" else ()
        if len(kids) == 4 and kids[0] is None and plain_name(as_sum(kids[1])) == self.time_var:
            n = number(as_sum(kids[3]))
            if n is not None and n == int(n):
                return t + int(n) if str(kids[2]) == "+" else t - int(n)
        return None

    def time_from_scripts(self, scripts, node):
        time, rest = None, []
        for s in scripts:
            if time is None and s.data == "sub":
                items = sub_items(s)
                if len(items) == 1:
                    time = self.as_time(items[0], node)
                    if time is not None:
                        continue
            if time is None and s.data == "sup":
                arg = s.children[0]
                if arg.data == "sup_char" and str(arg.children[0]) == self.time_var:
                    time = t
                    continue
                if arg.data == "sup_group" and self.time_of(arg.children[0]) is not None:
                    time = self.time_of(arg.children[0])
                    continue
            rest.append(s)
        return time, rest

    # ------------------------------------------------------------------ scripts
    def scripts(self, v: V, scripts, node) -> V:
        for s in scripts:
            if s.data == "sub":
                raise self.fail(s, "a subscript here is not understood (subscripts name a time or a parameter)")
            if s.data == "prime":
                raise self.fail(s, "a prime (') is read on functions only (\\sigma'(x), \\tanh'(x))")
            v = self.superscript(v, s)
        return v

    def superscript(self, v: V, s) -> V:
        arg = s.children[0]
        if is_transpose(arg):
            return self.transpose(v, s)
        if arg.data == "sup_prime":
            raise self.fail(s, r"\prime is read on functions only (\sigma^{\prime}(x))")
        e = self.read(arg.children[0]) if arg.data == "sup_group" else \
            V("scalar", sympy.Integer(int(str(arg.children[0])))) if str(arg.children[0]).isdigit() else None
        if e is None or e.kind != "scalar":
            raise self.fail(s, "expected a power (^2), a transpose (^T, ^\\top) or a time (^t, ^{t-1})")
        if v.kind not in ("scalar", "vector"):
            raise self.fail(s, f"a power of a {v.kind} is not supported (powers are element-wise)")
        self.check_exponent(e.expr, s)
        return V(v.kind, v.expr ** e.expr, v.space, s)

    def check_exponent(self, p, node):
        """Powers stay small: an exponent is a number of at most MAX_EXPONENT (a tower of powers is refused
        before anything is computed)."""
        if not p.is_Number or abs(p) > MAX_EXPONENT:
            raise self.fail(node, f"the exponent {_short(p)} is not a number of at most {MAX_EXPONENT}; "
                                  "powers in a derivation are small numbers (x^2, tanh^2)")

    def transpose(self, v: V, node) -> V:
        if v.kind == "vector":
            return V("row", v.expr, v.space, node)
        if v.kind == "row":
            return V("vector", v.expr, v.space, node)
        if v.kind == "matrix":
            return V("matrix", v.expr, v.space[::-1], node, {"transposed": not v.info["transposed"]})
        if v.kind == "outer" and isinstance(v.expr, Outer):
            a, b = v.expr.args
            return V("outer", Outer(b, a), v.space[::-1], node)
        if v.kind == "scalar":
            return v
        raise self.fail(node, f"transposing a {v.kind} is not supported")

    def func_scripts(self, v: V, scripts, node) -> V:
        info = dict(v.info)
        for s in scripts:
            if s.data == "prime":
                info["order"] += 1
            elif s.data == "sub":
                raise self.fail(s, f"{LATEX_FUNC[info['name']]} takes no subscript")
            else:
                arg = s.children[0]
                if arg.data == "sup_prime" or (arg.data == "sup_group" and is_prime_group(arg)):
                    info["order"] += 1
                    continue
                p = (sympy.Integer(int(str(arg.children[0]))) if arg.data == "sup_char" and str(arg.children[0]).isdigit()
                     else number(arg.children[0]) if arg.data == "sup_group" else None)
                if p is None or p <= 0:
                    raise self.fail(s, f"{LATEX_FUNC[info['name']]}^{{...}}: expected a power such as ^2 "
                                       "or a prime")
                self.check_exponent(p * info["power"], s)
                info["power"] *= p
        if info["name"] == "diag" and (info["order"] or info["power"] != 1):
            raise self.fail(node, r"\operatorname{diag} takes no power or prime")
        return V("func", node=node, info=info)

    def apply(self, f: V, arg: V, node) -> V:
        name = f.info["name"]
        if name == "diag":
            if arg.kind != "vector":
                raise self.fail(node, r"\operatorname{diag} needs a vector")
            return V("jac", Diag(arg.expr), None, node)
        if arg.kind not in ("scalar", "vector"):
            raise self.fail(node, f"{LATEX_FUNC[name]} applies element-wise to a vector, not to a {arg.kind}")
        fn = ELEMENTWISE[name]
        if f.info["order"]:
            d = sympy.Dummy("a")
            value = sympy.diff(fn(d), d, f.info["order"]).subs(d, arg.expr)
        else:
            value = fn(arg.expr)
        return V(arg.kind, value ** f.info["power"], arg.space, node)

    # ------------------------------------------------------------------ arithmetic
    def same_space(self, a: V, b: V, node, where, check=True):
        if check and not self.scalar and a.space and b.space and a.space != b.space:
            self.note(node, f"sizes do not match {where}: a vector of size {a.space} and one of size {b.space}")

    def add(self, terms, node) -> V:
        kinds = {v.kind for _, v in terms}
        for _, v in terms:
            if v.kind not in NUMERIC:
                raise self.fail(v.node, f"a {describe_kind(v)} cannot be added")
        nonzero = [(s, v) for s, v in terms if not (v.kind == "scalar" and v.expr == 0)]
        kinds = {v.kind for _, v in nonzero} or {"scalar"}
        if kinds & {"jac", "matrix"}:
            kind = "jac"
            bad = kinds - {"jac", "matrix"}
            if bad:
                raise self.fail(node, f"a matrix and a {bad.pop()} cannot be added (in a Jacobian, write "
                                      r"\operatorname{diag}(v) for a diagonal matrix)")
            exprs = [self.as_jac(v) for _, v in nonzero]
        elif "outer" in kinds:
            kind = "outer"
            if kinds - {"outer"}:
                raise self.fail(node, "an outer product (a matrix) and a vector cannot be added")
            exprs = [v.expr for _, v in nonzero]
        elif "row" in kinds:
            kind = "row"
            exprs = [v.expr for _, v in nonzero]
        else:
            kind = "vector" if "vector" in kinds else "scalar"
            exprs = [v.expr for _, v in nonzero]
        spaces = [v.space for _, v in nonzero if v.kind in ("vector", "row") and v.space]
        if len(set(spaces)) > 1 and not self.scalar:
            self.note(node, "terms of different sizes are added: " + ", ".join(
                f"{describe_kind(v)} of size {v.space}" for _, v in nonzero if v.space))
        signs = [s for s, v in terms if not (v.kind == "scalar" and v.expr == 0)]
        total = sympy.Add(*[e if s == "+" else -e for s, e in zip(signs, exprs)])
        space = spaces[0] if spaces else (nonzero[0][1].space if nonzero else None)
        return V(kind, total, space, node)

    def as_jac(self, v: V):
        if v.kind == "matrix":
            if v.info["transposed"]:
                raise self.fail(v.node, "a transposed matrix in a Jacobian is not supported")
            return sympy.Symbol(v.expr.name, commutative=False)
        return v.expr

    def product(self, items, ops, node) -> V:
        items, ops = list(items), list(ops)
        # functions and matrices apply to the factor right after them (right to left)
        for i in range(len(items) - 1, -1, -1):
            it = items[i]
            if it.kind == "func":
                if i + 1 >= len(items) or ops[i + 1] is not None:
                    raise self.fail(it.node, f"{LATEX_FUNC[it.info['name']]} needs an argument, "
                                             f"for example {LATEX_FUNC[it.info['name']]}(x_t)")
                nxt = items[i + 1]
                if "unscripted" in nxt.info:      # \tanh(c_t)^2 is (\tanh(c_t))^2
                    res = self.scripts(self.apply(it, nxt.info["unscripted"], it.node), nxt.info["scripts"], nxt.node)
                else:
                    res = self.apply(it, nxt, it.node)
                items[i:i + 2] = [res]
                del ops[i + 1]
            elif it.kind == "matrix" and i + 1 < len(items) and ops[i + 1] in (None, "cdot") \
                    and items[i + 1].kind == "vector":
                items[i:i + 2] = [self.matvec(it, items[i + 1], it.node)]
                del ops[i + 1]
        acc = items[0]
        for op, it in zip(ops[1:], items[1:]):
            acc = self.multiply(acc, it, op, node)
        return acc

    def matvec(self, m: V, v: V, node) -> V:
        rows, cols = m.space
        if v.space and cols != v.space:
            name = param_latex(m.expr.name) + ("^{\\top}" if m.info["transposed"] else "")
            shape = "H×I" if self.vocab.params[m.expr.name] == "input" else "H×H"
            self.note(node, f"{name} maps a vector of size {cols} (it is {shape}"
                            f"{', transposed' if m.info['transposed'] else ''}) but multiplies one of size {v.space}")
        cls = TMatVec if m.info["transposed"] else MatVec
        return V("vector", cls(m.expr, v.expr), rows, node)

    def multiply(self, a: V, b: V, op, node) -> V:
        for v in (a, b):
            if v.kind not in NUMERIC and not (op == "div" and v.kind == "partial"):
                raise self.fail(v.node, f"a {describe_kind(v)} cannot be multiplied here")
        if op == "div":
            return self.divide(a, b, node)
        if op == "otimes":
            if a.kind != "vector" or b.kind not in ("vector", "row"):
                raise self.fail(node, r"\otimes (an outer product) needs two vectors")
            return V("outer", Outer(a.expr, b.expr), (a.space, b.space), node)
        if a.kind == "scalar" or b.kind == "scalar":
            s, x = (a, b) if a.kind == "scalar" else (b, a)
            if x.kind == "matrix":
                return V("jac", s.expr * self.as_jac(x), None, node)
            return V(x.kind, s.expr * x.expr, x.space, node, {"transposed": x.info.get("transposed", False)})
        if a.kind == "vector" and b.kind == "vector":
            self.same_space(a, b, node, "in an element-wise product")
            return V("vector", a.expr * b.expr, a.space or b.space, node)
        if a.kind == "vector" and b.kind == "row" and op in (None, "cdot"):
            return V("outer", Outer(a.expr, b.expr), (a.space, b.space), node)
        if a.kind in ("jac", "matrix") and b.kind in ("jac", "matrix") and op in (None, "cdot"):
            return V("jac", self.as_jac(a) * self.as_jac(b), None, node)
        if a.kind == "jac" and b.kind == "vector" and isinstance(a.expr, Diag) and op in (None, "cdot"):
            return V("vector", a.expr.args[0] * b.expr, b.space, node)
        if a.kind == "vector" and b.kind in ("jac", "matrix"):
            raise self.fail(node, r"a vector times a matrix: for a diagonal matrix write \operatorname{diag}(v) M")
        if a.kind == "row" and b.kind == "vector":
            raise self.fail(node, "a transposed vector times a vector (an inner product) is not supported")
        if op == "odot":
            raise self.fail(node, f"\\odot multiplies two vectors element-wise; here a {a.kind} and a {b.kind}")
        raise self.fail(node, f"cannot multiply a {describe_kind(a)} by a {describe_kind(b)}")

    def divide(self, num: V, den: V, node) -> V:
        if num.kind == "partial" and den.kind == "partial":
            return self.derivative(num.info["inner"], den.info["inner"], node)
        if "partial" in (num.kind, den.kind):
            raise self.fail(node, r"expected \frac{\partial L}{\partial q} or \frac{\partial s_t}{\partial s_{t-1}}")
        if den.kind not in ("scalar", "vector") or num.kind not in ("scalar", "vector", "jac"):
            raise self.fail(node, f"division of a {num.kind} by a {den.kind} is not supported (division is element-wise)")
        if den.kind == "scalar" and den.expr == 0:
            raise self.fail(node, "division by zero")
        if num.kind == "jac" and den.kind != "scalar":
            raise self.fail(node, "a matrix divided by a vector is not supported")
        kind = "vector" if "vector" in (num.kind, den.kind) else num.kind
        return V(kind, num.expr / den.expr, num.space or den.space, node)

    def derivative(self, num: V, den: V, node) -> V:
        if num.kind == "loss":
            if den.kind == "vector" and den.info.get("ref") == "quantity":
                q = den.info["quantity"]
                return V("vector", sympy.Function(ADJOINT_PREFIX + q)(den.expr.args[0]), den.space, node,
                         {"ref": "adjoint", "quantity": q})
            if den.kind in ("matrix", "vector") and den.info.get("ref", "param") == "param" and \
                    (den.kind == "matrix" or isinstance(den.expr, sympy.Symbol)):
                name = den.expr.name
                return V("pgrad", sympy.Symbol(ADJOINT_PREFIX + name), None, node, {"param": name})
            raise self.fail(node, r"\frac{\partial L}{\partial ...} needs a quantity (c_t) or a parameter (W_f) below")
        if num.kind == "vector" and num.info.get("ref") == "quantity" and den.kind == "vector" \
                and den.info.get("ref") == "quantity":
            return V("jacsym", None, None, node, {"out": num, "in": den})
        if num.kind == "vector" and num.info.get("ref") == "quantity" and den.kind in ("matrix", "vector") \
                and (den.kind == "matrix" or den.info.get("ref") == "param"):
            return V("unrolled", None, None, node, {"out": num, "param": den.expr.name})
        raise self.fail(node, r"expected \frac{\partial L}{\partial q} (an adjoint, L the loss) or "
                              r"\frac{\partial s_t}{\partial s'_{t-1}} (a one-step Jacobian)")


def describe_kind(v: V) -> str:
    return {"func": f"function {LATEX_FUNC.get(v.info.get('name'), '')}", "loss": "loss L",
            "partial": r"\partial term", "pgrad": "parameter gradient", "jacsym": "Jacobian symbol",
            "top": r"\top", "jac": "matrix", "outer": "outer product", "row": "transposed vector"}.get(v.kind, v.kind)
