"""The typed meaning of a claim's parse tree: values (scalar, vector, matrix, ...) in symlstm's vocabulary.

:class:`Reader` walks the tree of symlstm/verify/latex.lark and builds SymPy expressions in
the derivation's vocabulary; which product is a matrix product, what a subscript means and
how names are renamed is decided here (see :mod:`symlstm.claims` for the rules in prose).
"""
from __future__ import annotations

import sympy
from lark import Tree

from ...cells.algebra import (
    ADJOINT_PREFIX,
    EXTERNAL_PREFIX,
    PREACT_SUFFIX,
    Diag,
    Mat,
    Outer,
    SumT,
    sigmoid,
    t,
)
from ..text.latexparse import (
    FUNCTION_COMMANDS,
    FUNCTION_WORDS,
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
from .readarith import LATEX_FUNC, NUMERIC, ArithmeticMixin, ClaimError, V, describe_kind
from .renames import Ref, Renames
from .vocabulary import Vocabulary, param_latex

__all__ = ["Reader", "V", "ClaimError", "NUMERIC", "describe_kind"]

#: Accent of the k-th pre-activation (k = "" first, "2" second), as printed by symlstm.
PREACT_OF_ACCENT = {"bar": "", "hat": "2"}
ELEMENTWISE = {"sigmoid": sigmoid, "tanh": sympy.tanh, "exp": sympy.exp}
LOSS_NAMES = {"L", "E", "J", r"\ell", r"\mathcal{L}", r"\mathcal{E}", r"\mathcal{J}"}


#: Largest exponent read (x^{64}); larger ones, and exponents that are not numbers, are refused.
MAX_EXPONENT = 64


def _short(e) -> str:
    s = str(e)
    return s if len(s) <= 20 else s[:17] + "..."


class Reader(ArithmeticMixin):
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
        kids = list(node.children)
        items, ops = [], []
        k = 0
        while k < len(kids):
            op = None if k == 0 else op_kind(kids[k - 1])
            f = kids[k]
            nxt = kids[k + 2] if k + 2 < len(kids) else None
            if _is_d(f) and nxt is not None and kids[k + 1] is None and nxt.data == "scripted" and \
                    nxt.children[0].data in ("name", "greek", "accent", "font"):
                # d\Gamma_o, d\tilde c (course notebooks): the gradient of the name after d
                items.append(self.symbol(nxt.children[0], nxt.children[1:], nxt, delta=True))
                ops.append(op)
                k += 4
                continue
            items.append(self.read(f))
            ops.append(op)
            k += 2
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


def _is_d(f) -> bool:
    return isinstance(f, Tree) and f.data == "scripted" and len(f.children) == 1 and \
        f.children[0].data == "name" and str(f.children[0].children[0]) == "d"
