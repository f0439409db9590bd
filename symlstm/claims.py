"""Claims about a cell read from LaTeX: what each form of symlstm's LaTeX subset means.

A claim is ``lhs = rhs``. The left side names something symlstm derives — a forward quantity
(``c_t``, ``\\bar{i}_t``), an adjoint (``\\delta c_t``, ``\\frac{\\partial L}{\\partial c_t}``,
``\\delta h_0``, ``\\delta x_t``), a parameter gradient (``\\delta W_f``) or a one-step Jacobian
(``\\frac{\\partial c_t}{\\partial c_{t-1}}``). Both sides are mapped into the derivation's step-t
vocabulary (``c(t - 1)``, ``delta_i_bar(t + 1)``, ``MatVec``, ``TMatVec``, ``Outer``, ``SumT``,
``Diag``), so :mod:`symlstm.verify` can compare the right side with the derived one.

Reading rules (the documented subset; see docs/verify.md):

* products: ``\\odot``, ``\\circ``: element-wise; ``\\cdot``, ``\\times``, ``*`` and juxtaposition:
  a matrix applies to the factor right after it (``W_f x_t``, ``U^\\top \\delta_{t+1} \\odot r``
  is ``(U^\\top \\delta_{t+1}) \\odot r``), a vector times a transposed vector is an outer product,
  anything else is element-wise; ``\\otimes`` and ``\\langle a, b \\rangle`` are outer products
  (the latter as in Greff et al. 2017); ``/`` and ``\\frac`` divide element-wise.
* functions: ``\\sigma``, ``\\mathrm{sigmoid}``, ``\\tanh``, ``\\exp``, ``e^{x}``,
  ``\\operatorname{diag}``; applied to the factor after them (``\\tanh c_t``, ``\\tanh(c_t)^2`` is
  ``\\tanh^2(c_t)``); primes are derivatives (``\\sigma'(x)``, ``\\tanh'(x)``).
* time: subscripts ``t``, ``t-1``, ``t+1``, ``{t-1}``, ``0``, ``1``; a time superscript
  (``c^{t-1}``, Greff's notation) when there is no time subscript. ``^T``, ``^\\top``,
  ``^{\\intercal}`` transpose.
* ``\\delta q`` and ``\\Delta q`` are adjoints; ``\\Delta_t`` alone is the loss gradient reaching
  ``h_t``; ``\\sum_t``, ``\\sum_{t=1}^{T}`` and shifted ``\\sum_{t=0}^{T-1}`` (body at t+1) sum over
  the steps 1..T.
* renaming (``names``): ``{"C": "c", r"\\tilde{C}": "g", "y": "h", "R": "U", "h": r"\\tanh",
  r"\\delta z": r"\\delta\\bar{g}"}``; a plain letter is renamed in names and in subscripts
  (``R_z`` becomes ``U_g``), an entry with an accent or ``\\delta`` only where written so, and a
  name mapped to a function reads ``h(c_t)`` as ``\\tanh(c_t)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import sympy
from lark import Token, Tree
from sympy.core.function import AppliedUndef

from .algebra import (
    ADJOINT_PREFIX, EXTERNAL_PREFIX, PREACT_SUFFIX, Diag, Mat, MatVec, Outer, SumT, TMatVec, is_vec,
    sigmoid, t, vec_name,
)
from .cell import INPUT, Cell
from .derive import Derivation, derive
from .latexparse import LatexError, parse, position

__all__ = ["Claim", "ClaimError", "Renames", "Vocabulary", "read_claim", "parse_renames",
           "vocabulary", "KINDS"]

#: Kinds of claims, by what their left side names.
KINDS = ("forward", "adjoint", "input gradient", "initial adjoint", "parameter gradient", "jacobian",
         "unrolled")

ACCENTS = {r"\bar": "bar", r"\overline": "bar", r"\hat": "hat", r"\widehat": "hat",
           r"\tilde": "tilde", r"\widetilde": "tilde"}
#: Accent of the k-th pre-activation (k = "" first, "2" second), as printed by symlstm.
PREACT_OF_ACCENT = {"bar": "", "hat": "2"}
FUNCTION_COMMANDS = {r"\sigma": "sigmoid", r"\tanh": "tanh", r"\exp": "exp"}
FUNCTION_WORDS = {"sigmoid": "sigmoid", "tanh": "tanh", "exp": "exp", "diag": "diag", "Diag": "diag"}
ELEMENTWISE = {"sigmoid": sigmoid, "tanh": sympy.tanh, "exp": sympy.exp}
LOSS_NAMES = {"L", "E", "J", r"\ell", r"\mathcal{L}", r"\mathcal{E}", r"\mathcal{J}"}
_LATEX_FUNC = {"sigmoid": r"\sigma", "tanh": r"\tanh", "exp": r"\exp", "diag": r"\operatorname{diag}"}


class ClaimError(LatexError):
    """A claim that parses but does not make sense for this cell (unknown symbol, wrong shape)."""


# ============================================================================ vocabulary
@dataclass(frozen=True)
class Vocabulary:
    """What a claim about ``derivation.cell`` may name."""

    derivation: Derivation

    @property
    def cell(self) -> Cell:
        return self.derivation.cell

    @property
    def quantities(self) -> tuple[str, ...]:
        """Every named vector of a step: the cell's quantities and pre-activations (and x)."""
        return (INPUT,) + tuple(q for q, _ in self.derivation.expanded)

    @property
    def params(self) -> dict[str, str]:
        return {p.name: p.kind for p in self.cell.params}

    def space(self, q: str) -> str:
        return "I" if q == INPUT else "H"

    def matrix_space(self, name: str) -> tuple[str, str]:
        return ("H", "I") if self.params[name] == "input" else ("H", "H")

    def preact(self, base: str, k: str) -> str | None:
        name = base + PREACT_SUFFIX + k
        return name if name in self.quantities else None

    def known(self) -> str:
        """The symbols of this cell, as LaTeX, for error messages."""
        from .printing import PREACT_ACCENTS
        qs = [f"{q}_t" for q in (INPUT,) + self.cell.quantities]
        pre = []
        for q in self.quantities:
            m = re.match(rf"^(.+?){PREACT_SUFFIX}(\d*)$", q)
            if m and m[1] in self.cell.quantities:
                accent = PREACT_ACCENTS.get(m[2], "\\bar")
                pre.append(f"{accent}{{{m[1]}}}_t")
        params = [_param_latex(p) for p in self.params]
        return (f"quantities {', '.join(qs)} (at t, t-1, t+1, or a step number); pre-activations "
                f"{', '.join(pre) or 'none'}; adjoints \\delta q_t of each; \\Delta_t (the loss "
                f"gradient reaching h_t); parameters {', '.join(params)}; functions \\sigma, \\tanh, "
                f"\\exp, \\operatorname{{diag}}")


def _param_latex(name: str) -> str:
    base, _, sub = name.partition("_")
    return f"{base}_{{{sub}}}" if sub else base


@lru_cache(maxsize=64)
def _derivation(cell: Cell) -> Derivation:
    return derive(cell)


def vocabulary(cell_or_derivation) -> Vocabulary:
    """The vocabulary of a cell (a Cell, a built-in name, or a Derivation); derivations are cached."""
    if isinstance(cell_or_derivation, Derivation):
        return Vocabulary(cell_or_derivation)
    if isinstance(cell_or_derivation, str):
        from .cells import cell as lookup
        cell_or_derivation = lookup(cell_or_derivation)
    if not isinstance(cell_or_derivation, Cell):
        raise TypeError(f"expected a Cell, a cell name or a Derivation, got {type(cell_or_derivation).__name__}")
    return Vocabulary(_derivation(cell_or_derivation))


# ============================================================================ renaming
@dataclass(frozen=True)
class Ref:
    """A name as written: ``\\delta``?, an accent?, a base name, name subscripts (W_{xi})."""

    delta: bool = False
    accent: str | None = None
    name: str = ""
    subs: tuple = ()

    def latex(self) -> str:
        s = self.name
        if self.accent:
            s = f"\\{self.accent}{{{s}}}"
        if self.subs:
            s += "_{" + ",".join(self.subs) + "}"
        return (r"\delta " if self.delta else "") + s


@dataclass(frozen=True)
class Renames:
    """A mapping from the claim's notation to symlstm's (see :func:`parse_renames`)."""

    symbols: tuple = ()          # ((Ref key, Ref target), ...)
    functions: tuple = ()        # ((name, function), ...)

    def __bool__(self):
        return bool(self.symbols or self.functions)

    def function(self, name: str) -> str | None:
        return dict(self.functions).get(name)

    def apply(self, ref: Ref) -> Ref:
        """``ref`` in symlstm's names: an exact entry first, then the accented name, then the letter."""
        table = dict(self.symbols)
        renamed_subs = tuple(self.sub(s) for s in ref.subs)
        if ref in table:                              # W_{xi} -> W_i, \delta z -> \delta\bar{g}
            return table[ref]
        plain = replace(ref, delta=False)
        if ref.delta and plain in table:              # \delta W_{xi}
            tgt = table[plain]
            return replace(tgt, delta=True)
        if ref.accent and Ref(False, ref.accent, ref.name) in table:   # \tilde{C}_t -> g
            tgt = table[Ref(False, ref.accent, ref.name)]
            return Ref(ref.delta or tgt.delta, tgt.accent, tgt.name, tgt.subs or renamed_subs)
        base = Ref(name=ref.name)
        if base in table:                             # C -> c, and R_z -> U_g with z -> g
            tgt = table[base]
            if tgt.accent and ref.accent:
                raise ValueError(f"rename {ref.name} -> {tgt.latex()} adds an accent to {ref.latex()}")
            return Ref(ref.delta or tgt.delta, ref.accent or tgt.accent, tgt.name, tgt.subs or renamed_subs)
        return replace(ref, subs=renamed_subs)

    def sub(self, s: str) -> str:
        tgt = dict(self.symbols).get(Ref(name=s))
        return tgt.name if tgt is not None and not tgt.accent and not tgt.delta and not tgt.subs else s

    def inverse_names(self, vocab: Vocabulary) -> dict[str, str]:
        """Printer ``names`` (symlstm name -> the claim's LaTeX) for showing results in the claim's notation."""
        inv_base: dict[str, str] = {}
        for key, tgt in self.symbols:
            if not key.delta and not key.accent and not key.subs and not tgt.accent and not tgt.delta:
                inv_base.setdefault(tgt.name + ("_" + "".join(tgt.subs) if tgt.subs else ""), key.name)
        out = {}
        for q in vocab.cell.quantities + (INPUT,):
            if q in inv_base:
                out[q] = inv_base[q]
        for key, tgt in self.symbols:
            if key.accent and not key.delta and not key.subs and not tgt.accent and not tgt.delta:
                out[tgt.name] = f"\\{key.accent}{{{key.name}}}"
        for p in vocab.params:
            if p in inv_base:
                out[p] = inv_base[p]
                continue
            base, _, sub = p.partition("_")
            b, s = inv_base.get(base, base), inv_base.get(sub, sub)
            if (b, s) != (base, sub):
                out[p] = f"{b}_{{{s}}}" if s else b
        return out


def parse_renames(spec) -> Renames:
    """Renames from ``"C=c, \\tilde{C}=g"`` or ``{"C": "c", r"\\tilde{C}": "g"}`` (the claim's name first).

    Each side is read with the claim grammar (never evaluated): a letter, an accented letter,
    a name with subscripts (``W_{xi}``), ``\\delta`` plus one of those, or, on the right, a
    function (``\\tanh``, ``\\sigma``, ``sigmoid``).
    """
    if spec is None or isinstance(spec, Renames):
        return spec or Renames()
    if isinstance(spec, str):
        pairs = []
        for k, item in enumerate(_split_top(spec, ",")):
            if not item.strip():
                continue
            parts = _split_top(item, "=")
            if len(parts) != 2:
                raise ValueError(f"rename entry {k + 1} {item.strip()!r}: expected NAME=SYMLSTM_NAME "
                                 r"(for example C=c or \tilde{C}=g)")
            pairs.append((parts[0].strip(), parts[1].strip()))
    elif isinstance(spec, dict):
        pairs = list(spec.items())
    else:
        raise TypeError(f"names must be a dict or a 'a=b, c=d' string, got {type(spec).__name__}")
    symbols, functions = {}, {}
    for key, value in pairs:
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError(f"rename entries must be strings, got {key!r}: {value!r}")
        k = _read_ref(key, "rename key")
        f = _read_function(value)
        if f is not None:
            if k.delta or k.accent or k.subs:
                raise ValueError(f"rename {key!r} -> {value!r}: only a plain name can stand for a function")
            functions[k.name] = f
        else:
            symbols[k] = _read_ref(value, "rename target")
    return Renames(tuple(symbols.items()), tuple(functions.items()))


def _split_top(s: str, sep: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in s:
        depth += ch in "{(["
        depth -= ch in "})]"
        if ch == sep and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def _read_function(text: str) -> str | None:
    tree = parse(text, "symbol", what="rename target")
    node = tree.children[0]
    if node.data == "scripted" and len(node.children) == 1:
        base = node.children[0]
        if base.data == "func":
            return FUNCTION_COMMANDS[str(base.children[0])]
        word = _word(base)
        if word in ELEMENTWISE:
            return word
    return None


def _read_ref(text: str, what: str) -> Ref:
    tree = parse(text, "symbol", what=what)
    node = tree.children[0]
    delta = node.data == "adjoint"
    kids = node.children[1:] if delta else node.children
    if node.data not in ("scripted", "adjoint") or not kids:
        raise LatexError(f"{what} {text!r}: expected a name such as C, \\tilde{{C}}, W_{{xi}} or \\delta z")
    accent, name = _decorated(kids[0])
    if name is None:
        raise LatexError(f"{what} {text!r}: expected a name such as C, \\tilde{{C}}, W_{{xi}} or \\delta z")
    subs = []
    for s in kids[1:]:
        if s.data != "sub":
            raise LatexError(f"{what} {text!r}: only subscripts are allowed in a name")
        for item in _sub_items(s):
            if not isinstance(item, str):
                raise LatexError(f"{what} {text!r}: a time subscript has no place in a name")
            subs.append(item)
    return Ref(delta, accent, name, tuple(subs))


def _word(base) -> str | None:
    if base.data == "name":
        return str(base.children[0])
    if base.data == "font" and len(base.children) == 2:
        return _word(base.children[1])
    return None


def _decorated(base) -> tuple[str | None, str | None]:
    """(accent, name) of a symbol base: h, \\bar{i}, \\mathbf{h}, \\tilde{C}, \\phi, \\mathcal{L}."""
    if base.data == "name":
        return None, str(base.children[0])
    if base.data == "greek":
        return None, str(base.children[0])
    if base.data == "accent":
        inner = base.children[1]
        acc, name = _decorated(inner) if isinstance(inner, Tree) else (None, str(inner))
        if acc is not None:
            return None, None
        return ACCENTS[str(base.children[0])], name
    if base.data == "font":
        font = str(base.children[0])
        acc, name = _decorated(base.children[1])
        if font == r"\mathcal" and name and acc is None:
            return None, rf"\mathcal{{{name}}}"
        return acc, name
    if base.data == "number":
        return None, str(base.children[0])
    return None, None


def _sub_items(sub) -> list:
    """The items of a subscript: names (str), or ("time", node) / ("int", k) for others."""
    arg = sub.children[0]
    if arg.data == "sub_char":
        ch = str(arg.children[0])
        return [int(ch)] if ch.isdigit() else [ch]
    items = []
    for entry in arg.children:
        if isinstance(entry, Token):      # COMMA
            continue
        items.append(_simple(entry.children[0]) if entry.children[1] is None else ("eq", entry))
    return items


def _simple(expr):
    """A plain name (str), a whole number (int), or the node itself."""
    name = _plain_name(expr)
    if name is not None:
        return name
    n = _number(expr)
    if n is not None and n == int(n):
        return int(n)
    return ("node", expr)


def _unwrap(expr):
    """The single factor of a sum of one product of one factor, else None."""
    if isinstance(expr, Tree) and expr.data == "sum" and len(expr.children) == 2 and expr.children[0] is None:
        prod = expr.children[1]
        if prod.data == "product" and len(prod.children) == 1:
            return prod.children[0]
    return None


def _plain_name(expr) -> str | None:
    f = _unwrap(expr)
    if f is not None and f.data == "scripted" and len(f.children) == 1:
        acc, name = _decorated(f.children[0])
        return name if acc is None and name is not None and not name[0].isdigit() else None
    # juxtaposed letters in a subscript: W_{x i}
    if isinstance(expr, Tree) and expr.data == "sum" and len(expr.children) == 2 and expr.children[0] is None:
        prod = expr.children[1]
        if prod.data == "product" and all(c is None for c in prod.children[1::2]):
            names = []
            for fct in prod.children[0::2]:
                if fct.data != "scripted" or len(fct.children) != 1 or fct.children[0].data != "name":
                    return None
                names.append(str(fct.children[0].children[0]))
            return "".join(names)
    return None


def _number(expr):
    f = _unwrap(expr)
    if f is not None and f.data == "scripted" and len(f.children) == 1 and f.children[0].data == "number":
        return sympy.Rational(str(f.children[0].children[0]))
    return None


# ============================================================================ typed values
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


_NUMERIC = ("scalar", "vector", "row", "matrix", "jac", "outer")


@dataclass
class Claim:
    """A claim ``lhs = rhs`` in the derivation's vocabulary, with the derived right side.

    ``kind`` is one of :data:`KINDS`; ``target`` the symlstm name of what the left side names
    (``"c"``, ``"delta_c"``, ``"delta_W_f"``, ``"h/c"`` for ∂h_t/∂c_{t-1}); ``expected`` the derived
    right side at the same time; ``notes`` problems found while reading (shapes).
    """

    text: str
    kind: str
    target: str
    lhs: sympy.Expr
    rhs: sympy.Expr
    expected: sympy.Expr
    vocabulary: Vocabulary
    renames: Renames
    notes: list = field(default_factory=list)
    info: dict = field(default_factory=dict)

    @property
    def derivation(self) -> Derivation:
        return self.vocabulary.derivation


class _Reader:
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
            ops.append(_op(kids[k]))
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
                items = _sub_items(s)
                if len(items) != 1:
                    raise self.fail(s, r"expected \sum_t or \sum_{t=1}^{T}")
                item = items[0]
                if isinstance(item, str):
                    var = item
                elif isinstance(item, tuple) and item[0] == "eq":
                    entry = item[1]
                    var = _plain_name(entry.children[0])
                    lower = _number(entry.children[2])
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
            if _plain_name(e) == "T":
                return 0
            kids = e.children if isinstance(e, Tree) and e.data == "sum" else ()
            if len(kids) == 4 and kids[0] is None and _plain_name(_as_sum(kids[1])) == "T":
                n = _number(_as_sum(kids[3]))
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
        accent, name = _decorated(base)
        if name is None:
            raise self.fail(base, "expected a symbol")
        subs, sups, primes = [], [], 0
        for s in scripts:
            if s.data == "sub":
                subs.extend(_sub_items(s))
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
        preact_index = None
        keep = []
        for s in rest_sups:
            arg = s.children[0]
            k = _preact_index(arg)
            if k is not None and accent == "bar":
                preact_index = str(k)
            else:
                keep.append(s)
        if primes:
            raise self.fail(node, f"a prime (') on {name}: primes are read on functions only (\\sigma'(x), \\tanh'(x))")
        ref = self.renames.apply(Ref(delta, accent, name, tuple(names)))
        v = self.lookup(ref, time, preact_index, node)
        return self.scripts(v, [s for s in scripts if s in keep], node)

    def is_known(self, name) -> bool:
        return name in self.vocab.params or name in self.vocab.quantities

    def lookup(self, ref: Ref, time, preact_index, node) -> V:
        vocab = self.vocab
        pname = ref.name + ("_" + "".join(ref.subs) if ref.subs else "")
        if ref.accent is None and pname in vocab.params:
            if time is not None:
                raise self.fail(node, f"{_param_latex(pname)} is a parameter; it has no time index")
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
            k = PREACT_OF_ACCENT.get(ref.accent) if preact_index is None else preact_index
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
        if _plain_name(expr) == self.time_var:
            return t
        kids = expr.children if isinstance(expr, Tree) and expr.data == "sum" else ()
        if len(kids) == 4 and kids[0] is None and _plain_name(_as_sum(kids[1])) == self.time_var:
            n = _number(_as_sum(kids[3]))
            if n is not None and n == int(n):
                return t + int(n) if str(kids[2]) == "+" else t - int(n)
        return None

    def time_from_scripts(self, scripts, node):
        time, rest = None, []
        for s in scripts:
            if time is None and s.data == "sub":
                items = _sub_items(s)
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
        if _is_transpose(arg):
            return self.transpose(v, s)
        if arg.data == "sup_prime":
            raise self.fail(s, r"\prime is read on functions only (\sigma^{\prime}(x))")
        e = self.read(arg.children[0]) if arg.data == "sup_group" else \
            V("scalar", sympy.Integer(int(str(arg.children[0])))) if str(arg.children[0]).isdigit() else None
        if e is None or e.kind != "scalar":
            raise self.fail(s, "expected a power (^2), a transpose (^T, ^\\top) or a time (^t, ^{t-1})")
        if v.kind not in ("scalar", "vector"):
            raise self.fail(s, f"a power of a {v.kind} is not supported (powers are element-wise)")
        return V(v.kind, v.expr ** e.expr, v.space, s)

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
                raise self.fail(s, f"{_LATEX_FUNC[info['name']]} takes no subscript")
            else:
                arg = s.children[0]
                if arg.data == "sup_prime" or (arg.data == "sup_group" and _is_prime_group(arg)):
                    info["order"] += 1
                    continue
                p = (sympy.Integer(int(str(arg.children[0]))) if arg.data == "sup_char" and str(arg.children[0]).isdigit()
                     else _number(arg.children[0]) if arg.data == "sup_group" else None)
                if p is None or p <= 0:
                    raise self.fail(s, f"{_LATEX_FUNC[info['name']]}^{{...}}: expected a power such as ^2 "
                                       "or a prime")
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
            raise self.fail(node, f"{_LATEX_FUNC[name]} applies element-wise to a vector, not to a {arg.kind}")
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
            if v.kind not in _NUMERIC:
                raise self.fail(v.node, f"a {_describe_kind(v)} cannot be added")
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
                f"{_describe_kind(v)} of size {v.space}" for _, v in nonzero if v.space))
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
                    raise self.fail(it.node, f"{_LATEX_FUNC[it.info['name']]} needs an argument, "
                                             f"for example {_LATEX_FUNC[it.info['name']]}(x_t)")
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
            name = _param_latex(m.expr.name) + ("^{\\top}" if m.info["transposed"] else "")
            shape = "H×I" if self.vocab.params[m.expr.name] == "input" else "H×H"
            self.note(node, f"{name} maps a vector of size {cols} (it is {shape}"
                            f"{', transposed' if m.info['transposed'] else ''}) but multiplies one of size {v.space}")
        cls = TMatVec if m.info["transposed"] else MatVec
        return V("vector", cls(m.expr, v.expr), rows, node)

    def multiply(self, a: V, b: V, op, node) -> V:
        for v in (a, b):
            if v.kind not in _NUMERIC and not (op == "div" and v.kind == "partial"):
                raise self.fail(v.node, f"a {_describe_kind(v)} cannot be multiplied here")
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
        raise self.fail(node, f"cannot multiply a {_describe_kind(a)} by a {_describe_kind(b)}")

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


def _as_sum(product):
    """Wrap a product node as a one-term sum so the _plain_name/_number helpers apply."""
    return Tree("sum", [None, product])


def _op(tok) -> str | None:
    if tok is None:
        return None
    s = str(tok)
    if s in (r"\odot", r"\circ"):
        return "odot"
    if s == r"\otimes":
        return "otimes"
    if s == "/":
        return "div"
    return "cdot"


def _is_transpose(arg) -> bool:
    if arg.data == "sup_top":
        return True
    if arg.data == "sup_char":
        return str(arg.children[0]) == "T"
    if arg.data == "sup_group":
        f = _unwrap(arg.children[0])
        if f is not None and f.data == "scripted" and len(f.children) == 1:
            b = f.children[0]
            return b.data == "top" and str(b.children[0]) != r"\prime" or \
                (b.data == "name" and str(b.children[0]) == "T")
    return False


def _is_prime_group(arg) -> bool:
    f = _unwrap(arg.children[0])
    return f is not None and f.data == "scripted" and len(f.children) == 1 and \
        f.children[0].data == "top" and str(f.children[0].children[0]) == r"\prime"


def _preact_index(arg):
    """k of ``^{(k)}`` (the printed name of a third or later pre-activation)."""
    if arg.data != "sup_group":
        return None
    f = _unwrap(arg.children[0])
    if f is not None and f.data == "scripted" and len(f.children) == 1 and f.children[0].data == "group":
        n = _number(f.children[0].children[0])
        if n is not None and n == int(n) and n >= 3:
            return int(n)
    return None


def _describe_kind(v: V) -> str:
    return {"func": f"function {_LATEX_FUNC.get(v.info.get('name'), '')}", "loss": "loss L",
            "partial": r"\partial term", "pgrad": "parameter gradient", "jacsym": "Jacobian symbol",
            "top": r"\top", "jac": "matrix", "outer": "outer product", "row": "transposed vector"}.get(v.kind, v.kind)


# ============================================================================ claims
def read_claim(cell, claim, *, names=None) -> Claim:
    """Read ``claim`` (LaTeX text or ``sympy.Eq``) about ``cell`` (a Cell, name or Derivation).

    Raises :class:`~symlstm.latexparse.LatexError` (a ValueError) with line and column when the
    text is not in the subset, and :class:`ClaimError` when it names unknown symbols or is not
    a claim symlstm can check.
    """
    vocab = vocabulary(cell)
    renames = parse_renames(names)
    if isinstance(claim, sympy.Eq):
        return _claim_from_sympy(vocab, renames, claim)
    if not isinstance(claim, str):
        raise TypeError(f"a claim is LaTeX text or a sympy.Eq, got {type(claim).__name__}")
    tree = parse(claim, "claim")
    reader = _Reader(vocab, renames, claim)
    lhs_node, rhs_node = tree.children[0], tree.children[2]
    lhs = reader.read(lhs_node)
    kind, target, lhs_expr, expected = _classify(reader, lhs, lhs_node)
    reader.scalar = kind == "unrolled"
    rhs = reader.read(rhs_node)
    rhs_expr = _coerce(reader, kind, rhs, rhs_node)
    if lhs.kind == "vector" and rhs.kind == "vector" and lhs.space and rhs.space and lhs.space != rhs.space \
            and not reader.scalar:
        reader.note(rhs_node, f"the left side is a vector of size {lhs.space} but the right side one of size "
                              f"{rhs.space} (I: inputs, H: hidden units)")
    out = Claim(claim, kind, target, lhs_expr, rhs_expr, expected, vocab, renames, reader.notes)
    if kind == "unrolled":
        _check_unrolled(reader, out, lhs, rhs_node)
    return out


def _classify(reader: _Reader, lhs: V, node):
    d = reader.vocab.derivation
    if lhs.kind == "pgrad":
        p = lhs.info["param"]
        eq = next(e for e in d.param_grads if e.lhs.name == ADJOINT_PREFIX + p)
        return "parameter gradient", ADJOINT_PREFIX + p, lhs.expr, eq.rhs
    if lhs.kind == "unrolled":
        return _classify_unrolled(reader, lhs, node)
    if lhs.kind == "jacsym":
        out, inp = lhs.info["out"], lhs.info["in"]
        o, i = out.info["quantity"], inp.info["quantity"]
        to, ti = out.expr.args[0], inp.expr.args[0]
        if (o, i) not in d.jacobians:
            raise reader.fail(node, f"symlstm derives one-step Jacobians between states "
                                    f"({', '.join(d.cell.states)}); \\partial {o}/\\partial {i} is not one")
        if sympy.simplify(to - ti - 1) != 0:
            raise reader.fail(node, f"a one-step Jacobian relates {o} at a step to {i} at the step before "
                                    f"(\\frac{{\\partial {o}_t}}{{\\partial {i}_{{t-1}}}})")
        from .printing import jacobian_symbol
        return "jacobian", f"{o}/{i}", jacobian_symbol(o, i), d.jacobians[(o, i)].subs(t, to)
    if lhs.kind == "vector" and isinstance(lhs.expr, AppliedUndef) and lhs.info.get("ref") in ("quantity", "adjoint"):
        q = lhs.info["quantity"]
        time = lhs.expr.args[0]
        if lhs.info["ref"] == "quantity":
            if q == INPUT:
                raise reader.fail(node, "x_t is the input; it has no equation to check")
            rhs = dict(d.expanded)[q] if q not in d.cell.quantities else d.cell.rhs(q)
            return "forward", q, lhs.expr, rhs.subs(t, time)
        name = ADJOINT_PREFIX + q
        if time.is_Integer and int(time) == 0:
            eq = next((e for e in d.initial if vec_name(e.lhs) == name), None)
            if eq is None:
                raise reader.fail(node, f"\\delta {q}_0: only states have an adjoint at step 0 "
                                        f"(states: {', '.join(d.cell.states)})")
            return "initial adjoint", name, lhs.expr, eq.rhs
        if time.is_Integer and int(time) < 0:
            raise reader.fail(node, "steps are numbered from 1 (0 is the initial state)")
        if q == INPUT:
            return "input gradient", name, lhs.expr, d.input_grad.rhs.subs(t, time)
        eq = next(e for e in d.adjoints if vec_name(e.lhs) == name)
        return "adjoint", name, lhs.expr, eq.rhs.subs(t, time)
    if lhs.kind == "vector" and lhs.info.get("ref") == "external":
        raise reader.fail(node, r"\Delta_t is the loss gradient reaching h_t, an input of the backward pass; "
                                "it has no equation to check")
    raise reader.fail(node, "the left side must name one quantity: a forward quantity (c_t), an adjoint "
                            r"(\delta c_t, \frac{\partial L}{\partial c_t}), a parameter gradient (\delta W_f) "
                            r"or a one-step Jacobian (\frac{\partial c_t}{\partial c_{t-1}})")


def _classify_unrolled(reader: _Reader, lhs: V, node):
    """∂h_T/∂P: the derivative of the final output of the cell unrolled over T steps (1 unit)."""
    out, p = lhs.info["out"], lhs.info["param"]
    q, time = out.info["quantity"], out.expr.args[0]
    example = r"\frac{\partial h_2}{\partial W}"
    if q != "h":
        raise reader.fail(node, f"an unrolled claim differentiates the final output h_T ({example}); "
                                f"got {q}")
    if not (time.is_Integer and int(time) >= 1):
        raise reader.fail(node, f"an unrolled claim names the final step by its number ({example}: the cell "
                                "unrolled over 2 steps), not t")
    if int(time) > 8:
        raise reader.fail(node, f"unrolled claims are checked for up to 8 steps; h_{int(time)} asks for {int(time)}")
    return "unrolled", f"d h_{int(time)} / d {p}", sympy.Symbol(f"dh_{int(time)}/d{p}"), sympy.Integer(0)


def _check_unrolled(reader: _Reader, claim: Claim, lhs: V, node):
    T = int(lhs.info["out"].expr.args[0])
    for a in claim.rhs.atoms(AppliedUndef):
        arg = a.args[0]
        if arg.has(t):
            raise reader.fail(node, f"a claim about the cell unrolled over {T} steps uses step numbers "
                                    f"(h_1, ..., h_{T}); {vec_name(a)} is at {arg}")
        if not 0 <= int(arg) <= T or (int(arg) == 0 and vec_name(a) not in reader.vocab.cell.states):
            raise reader.fail(node, f"{vec_name(a)}_{int(arg)} is outside the {T} unrolled steps "
                                    f"(steps 1..{T}; states also at 0)")
    claim.info.update({"T": T, "param": lhs.info["param"]})


def _coerce(reader: _Reader, kind: str, rhs: V, node):
    """The right side's expression, checked against what the left side needs."""
    if rhs.kind not in _NUMERIC:
        raise reader.fail(node, f"the right side is a {_describe_kind(rhs)}, not a value")
    if kind == "unrolled":
        if rhs.kind not in ("scalar", "vector"):
            raise reader.fail(node, f"the derivative of h_T by one weight is a number; the right side is a "
                                    f"{_describe_kind(rhs)}")
        return rhs.expr
    if kind == "jacobian":
        if rhs.kind == "vector":            # a diagonal Jacobian written as its diagonal
            return Diag(rhs.expr)
        if rhs.kind == "scalar" and rhs.expr == 0:
            return sympy.Integer(0)
        if rhs.kind not in ("jac", "matrix"):
            raise reader.fail(node, f"a Jacobian is a matrix; the right side is a {_describe_kind(rhs)}")
        return reader.as_jac(rhs)
    if kind == "parameter gradient":
        if rhs.kind not in ("outer", "vector", "scalar"):
            raise reader.fail(node, f"a parameter gradient is a vector or a matrix; the right side is a "
                                    f"{_describe_kind(rhs)}")
        if rhs.expr.has(t) and _outside_sums(rhs.expr):
            reader.note(node, "the right side depends on t outside a sum: a parameter gradient sums over "
                              r"all steps (\sum_t ...)")
        return rhs.expr
    if rhs.kind not in ("vector", "scalar"):
        raise reader.fail(node, f"the left side is a vector; the right side is a {_describe_kind(rhs)}")
    return rhs.expr


def _outside_sums(e) -> bool:
    if isinstance(e, SumT):
        return False
    if is_vec(e):
        return True
    return any(_outside_sums(a) for a in e.args)


def _claim_from_sympy(vocab: Vocabulary, renames: Renames, eq: sympy.Eq) -> Claim:
    """A claim given as SymPy objects in symlstm's own vocabulary."""
    d = vocab.derivation
    lhs, rhs = eq.lhs, eq.rhs
    text = str(eq)
    from .printing import jacobian_symbol
    if isinstance(lhs, sympy.Symbol) and lhs.name.startswith("J_"):
        for (o, i), j in d.jacobians.items():
            if jacobian_symbol(o, i) == lhs:
                return Claim(text, "jacobian", f"{o}/{i}", lhs, rhs, j, vocab, renames)
    if isinstance(lhs, sympy.Symbol) and lhs.name.startswith(ADJOINT_PREFIX):
        for e in d.param_grads:
            if e.lhs == lhs:
                return Claim(text, "parameter gradient", lhs.name, lhs, rhs, e.rhs, vocab, renames)
    if isinstance(lhs, AppliedUndef) and len(lhs.args) == 1:
        name, time = vec_name(lhs), lhs.args[0]
        if name.startswith(ADJOINT_PREFIX):
            for e in d.initial:
                if e.lhs == lhs:
                    return Claim(text, "initial adjoint", name, lhs, rhs, e.rhs, vocab, renames)
            if name == ADJOINT_PREFIX + INPUT:
                return Claim(text, "input gradient", name, lhs, rhs, d.input_grad.rhs.subs(t, time), vocab, renames)
            for e in d.adjoints:
                if vec_name(e.lhs) == name:
                    return Claim(text, "adjoint", name, lhs, rhs, e.rhs.subs(t, time), vocab, renames)
        elif name in vocab.quantities and name != INPUT:
            exp = d.cell.rhs(name) if name in d.cell.quantities else dict(d.expanded)[name]
            return Claim(text, "forward", name, lhs, rhs, exp.subs(t, time), vocab, renames)
    raise ValueError(f"the left side {lhs} names nothing symlstm derives for cell {vocab.cell.name!r}; "
                     f"it knows {vocab.known()}")
