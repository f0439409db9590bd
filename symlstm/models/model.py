"""Models: a cell, an output head and a loss; the gradient entering the cell is derived, not assumed."""
from __future__ import annotations

import hashlib
import os
import types
from dataclasses import dataclass, field
from pathlib import Path

import sympy

from ..cells.algebra import (
    MatVec, Outer, SumT, TMatVec, adjoint, at, external, mat, param, t, vec,
)
from ..cells.cell import Cell
from ..latex.printing import _order_of
from .printing import NAMES, ModelLatexPrinter, ModelTextPrinter

__all__ = ["model", "Model", "ModelDerivation", "CompiledModel", "HEADS", "REDUCTIONS", "softmax",
           "derive_model", "compile_model", "check_model"]

#: Output heads: name -> (loss, description).
HEADS = {
    "linear_last": ("mse", "ŷ = V h_T + a after the last step; mean squared error against y (B, n_out)"),
    "linear_each": ("cross_entropy", "s_t = V h_t + a and p_t = softmax(s_t) at every step; cross-entropy "
                                     "against integer class targets y (T, B)"),
}
#: How the per-element losses are combined: "mean" as PyTorch's default reduction (MSE: over the
#: B·n_out elements; cross-entropy: over the T·B predictions), or "sum".
REDUCTIONS = ("mean", "sum")
#: Parameters of the head: V (n_out, H), a (n_out,).
HEAD_PARAMS = ("V", "a")

# sizes and indices of the component-wise (scalar) forms
T_, B_, K_ = sympy.symbols("T B K", integer=True, positive=True)
_k, _m, _j = sympy.symbols("k m j", integer=True, positive=True)
V, A = mat("V"), param("a")
h = vec("h")


class softmax(sympy.Function):
    """p = softmax(s), p_k = e^{s_k} / Σ_m e^{s_m}: for display; the derivation works on the
    component form, never on this symbol."""

    def fdiff(self, argindex=1):
        raise NotImplementedError("softmax is differentiated in its component form (symlstm.model)")


# =========================================================================== the model
@dataclass(frozen=True)
class Model:
    """A cell followed by an output head and its loss.

    ``head``: ``"linear_last"`` (ŷ = V h_T + a, MSE against y (B, n_out)) or ``"linear_each"``
    (s_t = V h_t + a, p_t = softmax(s_t), cross-entropy against class indices y (T, B)).
    ``reduction``: ``"mean"`` (PyTorch's default: MSE divides by B·n_out, cross-entropy by T·B)
    or ``"sum"``. Parameters: the cell's plus V (n_out, H) and a (n_out,).
    """

    cell: Cell
    head: str
    reduction: str = "mean"

    def __post_init__(self):
        clash = [n for n in HEAD_PARAMS + ("yhat", "s", "p", "y", "Y", "L") if
                 n in self.cell.param_names or n in self.cell.quantities]
        if clash:
            raise ValueError(f"cell {self.cell.name!r} uses the names {clash}, which the output head "
                             f"needs (V, a, yhat, s, p, y, Y, L); rename them in the cell")

    @property
    def name(self) -> str:
        return f"{self.cell.name}_{self.head}"

    @property
    def loss(self) -> str:
        """``"mse"`` or ``"cross_entropy"``."""
        return HEADS[self.head][0]

    @property
    def param_names(self) -> tuple:
        return self.cell.param_names + HEAD_PARAMS

    def param_shapes(self, n_in: int, n_hidden: int, n_out: int) -> dict:
        """The cell's parameter shapes plus V (n_out, H) and a (n_out,)."""
        shapes = self.cell.param_shapes(n_in, n_hidden)
        if isinstance(n_out, bool) or not isinstance(n_out, int) or n_out < 1:
            raise ValueError(f"n_out must be a positive integer, got {n_out!r}")
        return {**shapes, "V": (n_out, n_hidden), "a": (n_out,)}

    @property
    def scale(self) -> sympy.Expr:
        """The factor of the reduction: 1/(B K) (MSE mean), 1/(T B) (cross-entropy mean) or 1."""
        if self.reduction == "sum":
            return sympy.Integer(1)
        return 1 / (B_ * K_) if self.loss == "mse" else 1 / (T_ * B_)

    @property
    def head_equations(self) -> list:
        """The head and the loss: vector equations and the per-example loss in components."""
        return _head_forward(self)[0]

    @property
    def equations(self) -> list:
        """All forward equations: the cell's, then the head's and the loss."""
        return list(self.cell.equations) + self.head_equations

    def latex(self, *, env: str = "align") -> str:
        p = ModelLatexPrinter({"names": NAMES, "order": _order_of(self.cell.equations)})
        rows = [p.doprint(eq) for eq in self.equations]
        return f"\\begin{{{env}}}\n" + " \\\\\n".join(rows) + f"\n\\end{{{env}}}"

    def text(self) -> str:
        p = ModelTextPrinter({"order": _order_of(self.cell.equations)})
        return "\n".join(p.doprint(eq) for eq in self.equations)

    def _repr_latex_(self):
        return "$$" + self.latex(env="aligned") + "$$"

    # ---- dispatch targets of symlstm.derive / symlstm.compile / symlstm.compile.generate
    def derive_model(self) -> "ModelDerivation":
        return derive_model(self)

    def generate_model(self, backend: str = "numpy") -> str:
        from .model_numpy import generate_model_numpy
        _check_backend(backend)
        return generate_model_numpy(derive_model(self))

    def compile_model(self, backend: str = "numpy") -> "CompiledModel":
        return compile_model(self, backend)


def model(cell, head: str = "linear_last", *, reduction: str = "mean") -> Model:
    """A model: ``cell`` (a Cell or built-in name), an output head and its loss (see :class:`Model`)."""
    from ..cells.registry import cell as lookup
    c = lookup(cell) if isinstance(cell, str) else cell
    if not isinstance(c, Cell):
        raise TypeError(f"expected a Cell or a cell name, got {type(cell).__name__}")
    if head not in HEADS:
        raise ValueError(f"unknown head {head!r}; available: "
                         + "; ".join(f"{k} ({v[1]})" for k, v in HEADS.items()))
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {', '.join(map(repr, REDUCTIONS))}, got {reduction!r}")
    return Model(c, head, reduction)


# =========================================================================== derivation
def _head_forward(m: Model):
    """(display equations, output quantity, its component form pieces)."""
    L, ell = sympy.Symbol("L"), sympy.Symbol("ell")
    b = sympy.Symbol("b", integer=True, positive=True)
    if m.head == "linear_last":
        yh, y = sympy.IndexedBase("yhat", real=True), sympy.IndexedBase("y", real=True)
        per_example = sympy.Sum((yh[_k] - y[_k]) ** 2, (_k, 1, K_))
        eqs = [sympy.Eq(sympy.Symbol("yhat"), MatVec(V, h(T_)) + A),
               sympy.Eq(ell, per_example),
               sympy.Eq(L, m.scale * sympy.Sum(sympy.Indexed(ell, b), (b, 1, B_)))]
        return eqs, yh, per_example
    s, Y = sympy.IndexedBase("s", real=True), sympy.IndexedBase("Y", real=True)
    log_p = sympy.log(sympy.exp(s[_k]) / sympy.Sum(sympy.exp(s[_m]), (_m, 1, K_)))
    per_example = -sympy.Sum(Y[_k] * log_p, (_k, 1, K_))
    eqs = [sympy.Eq(at("s"), MatVec(V, h(t)) + A),
           sympy.Eq(at("p"), softmax(at("s"))),
           sympy.Eq(sympy.Indexed(ell, t), -sympy.Sum(sympy.Indexed(sympy.IndexedBase("Y"), t, _k)
                                                      * sympy.log(sympy.Indexed(sympy.IndexedBase("p"), t, _k)),
                                                      (_k, 1, K_))),
           sympy.Eq(L, m.scale * sympy.Sum(sympy.Indexed(ell, t, b), (t, 1, T_), (b, 1, B_)))]
    return eqs, s, per_example


def _one_component(expr, base, j):
    """∂expr/∂base[j] for a component index j in 1..K, by sympy.diff and doit."""
    d = sympy.diff(expr, base[j]).doit()
    return d.xreplace({sympy.Ge(K_, j): sympy.true, sympy.Le(j, K_): sympy.true})


def _is_sum_of(e, base):
    return (isinstance(e, sympy.Sum) and len(e.limits) == 1 and e.limits[0][1:] == (1, K_)
            and e.function == base[e.limits[0][0]])


@dataclass
class ModelDerivation:
    """The complete backward pass of a model, from the loss down to every parameter.

    ``forward``: the head and loss equations; ``component``: the derived partial of the loss
    with respect to one component of the head's output (``sympy.diff`` on the component form);
    ``head_adjoints``: δ of the head's output and Δ_t (the gradient reaching h_t from the loss);
    ``adjoints``: the cell's adjoint equations with Δ_t substituted; ``input_grad``,
    ``param_grads`` (the cell's and δV, δa), ``initial``; ``cell_derivation``: the cell's own
    :class:`~symlstm.derive.Derivation` (with Δ_t as a symbol).
    """

    model: Model
    cell_derivation: object
    forward: list
    component: list
    head_adjoints: list
    adjoints: list
    input_grad: sympy.Eq
    param_grads: list
    initial: list
    output_delta: sympy.Expr = None       # δ of the head output, element-wise vector expression
    Delta: sympy.Expr = None              # Δ_t
    head_param_grads: dict = field(default_factory=dict)

    @property
    def cell(self):
        return self.model.cell

    @property
    def equations(self) -> list:
        """Backward equations in order: head, cell adjoints, input, parameters, initial states."""
        return [*self.head_adjoints, *self.adjoints, self.input_grad, *self.param_grads, *self.initial]

    def latex(self, *, env: str = "align") -> str:
        p = ModelLatexPrinter({"names": NAMES, "order": _order_of(self.cell.equations)})
        rows = [p.doprint(eq) for eq in self.forward + self.component]
        rows += [p.doprint(eq) for eq in self.cell_derivation.preactivations + self.equations]
        return f"\\begin{{{env}}}\n" + " \\\\\n".join(rows) + f"\n\\end{{{env}}}"

    def text(self) -> str:
        p = ModelTextPrinter({"order": _order_of(self.cell.equations)})
        return "\n".join(p.doprint(eq) for eq in
                         self.forward + self.component + self.cell_derivation.preactivations + self.equations)

    def latex_document(self) -> str:
        """A standalone LaTeX document: the model's forward equations and its derived backward pass."""
        m = self.model
        p = ModelLatexPrinter({"names": NAMES, "order": _order_of(self.cell.equations)})

        def env(eqs):
            return "\\begin{align*}\n" + " \\\\\n".join(p.doprint(eq) for eq in eqs) + "\n\\end{align*}"
        body = [r"\section*{Forward pass}", env(list(m.cell.equations) + self.forward),
                r"\section*{The loss's gradient, derived in components}",
                r"$B$ examples per batch, $T$ steps, $K$ outputs; the partial of one component (by "
                r"\texttt{sympy.diff}), then as a vector.", env(self.component),
                r"\section*{Backward pass}",
                r"$\Delta_t$ is the gradient reaching $h_t$ from the loss; every $\delta$ at step $T+1$ "
                r"is zero; parameter gradients sum over the batch.",
                env(self.cell_derivation.preactivations + self.equations)]
        return _document(f"{m.cell.name} + {m.head} ({m.reduction} {m.loss})", body)

    def _repr_latex_(self):
        return "$$" + self.latex(env="aligned") + "$$"


def _document(title: str, body: list) -> str:
    title = title.replace("_", r"\_")
    return "\n".join([r"\documentclass[11pt]{article}", r"\usepackage[margin=2cm]{geometry}",
                      r"\usepackage{amsmath,amssymb}", r"\allowdisplaybreaks",
                      rf"\title{{symlstm: \texttt{{{title}}}}}", r"\date{}", r"\begin{document}",
                      r"\maketitle", *body, r"\end{document}", ""])


def derive_model(m: Model) -> ModelDerivation:
    """Derive the model's gradients: the loss's partials by ``sympy.diff`` on the component
    form, Δ_t by the linear rule through V, then the cell's own derivation with Δ_t substituted."""
    from ..derive import _local, derive
    d = derive(m.cell)
    forward, base, per_example = _head_forward(m)
    j = _j
    partial = sympy.simplify(_one_component(m.scale * per_example, base, j))
    if m.head == "linear_last":
        out_sym, out_delta = sympy.Symbol("yhat"), sympy.Symbol("delta_yhat")
        y = sympy.IndexedBase("y", real=True)
        vector = {base[j]: out_sym, y[j]: sympy.Symbol("y")}
        h_out, rhs = h(T_), MatVec(V, h(T_)) + A
    else:
        S = sympy.Sum(sympy.exp(base[_m]), (_m, 1, K_))
        Y, p = sympy.IndexedBase("Y", real=True), sympy.IndexedBase("p", real=True)
        # facts of the targets and the forward pass, applied as substitutions:
        # one-hot targets sum to one; e^{s_j} = p_j Σ_m e^{s_m} (the softmax's definition)
        partial = partial.replace(lambda e: _is_sum_of(e, Y), lambda e: sympy.Integer(1))
        partial = partial.xreplace({sympy.exp(base[j]): p[j] * S})
        out_sym, out_delta = at("s"), adjoint("s")
        vector = {base[j]: at("s"), p[j]: at("p"), Y[j]: at("Y")}
        h_out, rhs = h(t), MatVec(V, h(t)) + A
    if partial.has(sympy.Sum, sympy.Piecewise, sympy.KroneckerDelta):
        raise RuntimeError(f"could not bring the derived partial of the {m.loss} loss to closed form: {partial}")
    # shown per example: the component j of example b (at step t) is the only one that reaches it
    b = sympy.Symbol("b", integer=True, positive=True)
    prefix = (b,) if m.head == "linear_last" else (t, b)
    shown = partial.replace(lambda e: isinstance(e, sympy.Indexed) and e.indices == (j,),
                            lambda e: sympy.Indexed(e.base, *prefix, j))
    component = [sympy.Eq(sympy.Derivative(sympy.Symbol("L"), sympy.Indexed(base, *prefix, j)), shown)]
    delta_expr = sympy.factor_terms(partial.xreplace(vector))

    # the linear rule on the head's affine map (the same rule as a cell's W v term)
    loc = _local(rhs, lambda e: e)
    (node, coeff), = loc.linear
    back = TMatVec(node.matrix, out_delta * coeff)
    outer = Outer(out_delta * coeff, h_out)
    bias = out_delta * loc.partials[A]
    if m.head == "linear_last":
        Delta = sympy.Piecewise((back, sympy.Eq(t, T_)), (0, True))
        grads = {"V": outer, "a": bias}
    else:
        Delta = back
        grads = {"V": SumT(outer), "a": SumT(bias)}
    ext = external("h")
    head_adjoints = [sympy.Eq(out_delta, delta_expr), sympy.Eq(ext, Delta)]
    adjoints = [sympy.Eq(eq.lhs, eq.rhs.xreplace({ext: Delta})) for eq in d.adjoints]
    param_grads = list(d.param_grads) + [sympy.Eq(sympy.Symbol(f"delta_{n}"), g) for n, g in grads.items()]
    return ModelDerivation(m, d, forward, component, head_adjoints, adjoints, d.input_grad, param_grads,
                           list(d.initial), delta_expr, Delta, grads)


# =========================================================================== compiled model
@dataclass(frozen=True)
class CompiledModel:
    """Generated code of a model.

    ``loss_and_grads(x, y, params, state0=None) -> (loss, grads)``: x (T, B, I); y (B, n_out)
    floats for ``linear_last`` ((B,) when n_out = 1), (T, B) integer classes for ``linear_each``;
    params: the cell's parameters and V (n_out, H), a (n_out,). ``grads`` has every parameter,
    ``x`` and ``<state>0``. ``predict(x, params, state0=None)``: ŷ (B, n_out) for
    ``linear_last``, the probabilities p (T, B, n_out) for ``linear_each``.
    """

    model: Model
    backend: str
    module: types.ModuleType
    path: Path

    @property
    def source(self) -> str:
        return self.path.read_text()

    def loss_and_grads(self, x, y, params, state0=None):
        return self.module.loss_and_grads(x, y, params, state0)

    def loss(self, x, y, params, state0=None) -> float:
        return self.module.loss(x, y, params, state0)

    def predict(self, x, params, state0=None):
        return self.module.predict(x, params, state0)

    def param_shapes(self, n_in, n_hidden, n_out):
        return self.model.param_shapes(n_in, n_hidden, n_out)


def _check_backend(backend):
    if backend != "numpy":
        raise ValueError(f"unknown backend {backend!r} for a model; available: numpy")


def compile_model(m: Model, backend: str = "numpy") -> CompiledModel:
    """Generate, cache and load the model's NumPy code (the cell's generated module plus the head)."""
    from ..codegen import __version__
    from ..codegen.compile import _load, cache_dir
    _check_backend(backend)
    source = m.generate_model(backend)
    key = hashlib.sha256(f"{__version__}\0model\0{backend}\0{source}".encode()).hexdigest()[:16]
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{m.cell.name}_{m.head}_{m.reduction}_{backend}_{key}.py"
    if not path.exists() or path.read_text() != source:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(source)
        os.replace(tmp, path)
    return CompiledModel(m, backend, _load(path), path)


# =========================================================================== numeric check
def check_model(compiled: CompiledModel, *, sizes=((3, 2, 2, 3, 3), (1, 1, 1, 1, 1)), seed: int = 0,
                eps: float = 1e-6, tolerance: float = 1e-6):
    """Compare ``loss_and_grads`` with central finite differences of ``loss`` at each size
    (T, B, I, H, n_out); returns a :class:`symlstm.check.CheckReport` (max relative error per key)."""
    import numpy as np

    from ..checks.check import CheckReport
    m = compiled.model
    rng = np.random.default_rng(seed)
    report = CheckReport(m.name, "finite differences", tolerance)
    for T, B, I, H, K in sizes:
        params = {n: rng.standard_normal(sh) * 0.5 for n, sh in m.param_shapes(I, H, K).items()}
        x = rng.standard_normal((T, B, I))
        y = rng.standard_normal((B, K)) if m.head == "linear_last" else rng.integers(0, K, (T, B))
        state0 = {s: rng.standard_normal((B, H)) * 0.5 for s in m.cell.states}
        _, grads = compiled.loss_and_grads(x, y, params, state0)
        arrays = {**params, "x": x, **{f"{s}0": v for s, v in state0.items()}}
        for key, arr in arrays.items():
            num = np.zeros_like(arr)
            for idx in np.ndindex(arr.shape):
                orig = arr[idx]
                arr[idx] = orig + eps
                plus = compiled.loss(x, y, params, state0)
                arr[idx] = orig - eps
                minus = compiled.loss(x, y, params, state0)
                arr[idx] = orig
                num[idx] = (plus - minus) / (2 * eps)
            err = float(np.max(np.abs(grads[key] - num)) / max(1.0, float(np.max(np.abs(num)))))
            report.errors[key] = max(report.errors.get(key, 0.0), err)
    return report
