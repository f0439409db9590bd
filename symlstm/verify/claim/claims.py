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

from dataclasses import dataclass, field

import sympy
from sympy.core.function import AppliedUndef

from ...cells.algebra import (
    ADJOINT_PREFIX,
    Diag,
    SumT,
    is_vec,
    t,
    vec_name,
)
from ...cells.cell import INPUT
from ...derive import Derivation
from ..text.latexparse import parse
from .reading import NUMERIC, ClaimError, Reader, V, describe_kind
from .renames import Renames, parse_renames
from .vocabulary import Vocabulary, vocabulary

__all__ = ["Claim", "ClaimError", "Renames", "Vocabulary", "read_claim", "parse_renames",
           "vocabulary", "KINDS"]

#: Kinds of claims, by what their left side names.
KINDS = ("forward", "adjoint", "input gradient", "initial adjoint", "parameter gradient", "jacobian",
         "unrolled")


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
    reader = Reader(vocab, renames, claim)
    for key, target in renames.symbols:            # k=t: the claim's time letter is k
        if not (key.delta or key.accent or key.subs or target.delta or target.accent or target.subs) and \
                target.name == "t" and len(key.name) == 1 and key.name not in vocab.quantities:
            reader.time_var = key.name
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


def _classify(reader: Reader, lhs: V, node):
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
        from ...latex.printing import jacobian_symbol
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


def _classify_unrolled(reader: Reader, lhs: V, node):
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


def _check_unrolled(reader: Reader, claim: Claim, lhs: V, node):
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


def _coerce(reader: Reader, kind: str, rhs: V, node):
    """The right side's expression, checked against what the left side needs."""
    if rhs.kind not in NUMERIC:
        raise reader.fail(node, f"the right side is a {describe_kind(rhs)}, not a value")
    if kind == "unrolled":
        if rhs.kind not in ("scalar", "vector"):
            raise reader.fail(node, f"the derivative of h_T by one weight is a number; the right side is a "
                                    f"{describe_kind(rhs)}")
        return rhs.expr
    if kind == "jacobian":
        if rhs.kind == "vector":            # a diagonal Jacobian written as its diagonal
            return Diag(rhs.expr)
        if rhs.kind == "scalar" and rhs.expr == 0:
            return sympy.Integer(0)
        if rhs.kind not in ("jac", "matrix"):
            raise reader.fail(node, f"a Jacobian is a matrix; the right side is a {describe_kind(rhs)}")
        return reader.as_jac(rhs)
    if kind == "parameter gradient":
        if rhs.kind not in ("outer", "vector", "scalar"):
            raise reader.fail(node, f"a parameter gradient is a vector or a matrix; the right side is a "
                                    f"{describe_kind(rhs)}")
        if rhs.expr.has(t) and _outside_sums(rhs.expr):
            reader.note(node, "the right side depends on t outside a sum: a parameter gradient sums over "
                              r"all steps (\sum_t ...)")
        return rhs.expr
    if rhs.kind not in ("vector", "scalar"):
        raise reader.fail(node, f"the left side is a vector; the right side is a {describe_kind(rhs)}")
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
    from ...latex.printing import jacobian_symbol
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
