"""Gradient flow through time: norms of ∂h_T/∂h_t and ∂c_T/∂c_t from the derived one-step Jacobians.

The one-step Jacobians ``derive(cell).jacobians`` are expressions of diag(...) factors and
recurrent matrices; here they are evaluated with the forward values the generated code
computes (``compile(cell)``), assembled into the Jacobian of the whole state, and multiplied
back from step T. ``finite_difference_jacobians`` is the independent check: the same one-step
Jacobians by central differences of the generated forward step.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from ..cells.algebra import Diag, is_vec, shift_of, sigmoid, vec_name
from ..codegen.compile import compile as compile_cell
from ..derive import derive
from .flow_report import _table_lags, flow_table, flow_text, plot_flow  # noqa: F401  (public here too)
from .init import INIT_DOC, init_params, resolve_cell as _resolve  # noqa: F401  (INIT_DOC, init_params: public here too)

__all__ = ["FlowResult", "gradient_flow", "step_jacobians", "finite_difference_jacobians",
           "jacobian_products", "init_params", "plot_flow", "flow_table", "flow_text", "INIT_DOC",
           "DEFAULTS"]

#: Sizes and seed used when none are given.
DEFAULTS = {"steps": 100, "n_in": 8, "n_hidden": 32, "batch": 16, "seed": 0}


# ------------------------------------------------------------------------------ evaluation
def _sigmoid(a):
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1 / (1 + e), e / (1 + e))


_FUNCTIONS = {sigmoid: _sigmoid, sympy.tanh: np.tanh}


def _elementwise(e, values, params):
    """Numeric value of an element-wise expression: quantities (B, H), vector parameters (H,)."""
    if e.is_Number:
        return float(e)
    if is_vec(e):
        key = (vec_name(e), shift_of(e))
        if key not in values:
            raise KeyError(f"the forward pass does not provide {e}")
        return values[key]
    if isinstance(e, sympy.Symbol):
        return params[e.name]
    if e.is_Add:
        return sum(_elementwise(a, values, params) for a in e.args)
    if e.is_Mul:
        out = 1.0
        for a in e.args:
            out = out * _elementwise(a, values, params)
        return out
    if e.is_Pow:
        return _elementwise(e.base, values, params) ** float(e.exp)
    fn = _FUNCTIONS.get(e.func)
    if fn is None:
        raise NotImplementedError(f"cannot evaluate {e.func} in a Jacobian numerically")
    return fn(_elementwise(e.args[0], values, params))


def _matrix(e, values, params, B, H):
    """Numeric value (B, H, H) of a Jacobian expression of Diag(...) and matrix symbols."""
    if e == 0:
        return np.zeros((B, H, H))
    if e.is_Add:
        return sum(_matrix(a, values, params, B, H) for a in e.args)
    if isinstance(e, Diag):
        v = np.broadcast_to(_elementwise(e.args[0], values, params), (B, H))
        return v[:, :, None] * np.eye(H)
    if isinstance(e, sympy.Symbol) and not e.is_commutative:
        return np.broadcast_to(params[e.name], (B, H, H))
    if e.is_Pow and not e.base.is_commutative and e.exp.is_Integer and e.exp > 0:
        base = _matrix(e.base, values, params, B, H)
        out = base
        for _ in range(int(e.exp) - 1):
            out = out @ base
        return out
    if e.is_Mul:
        scalar, out = 1.0, None
        for a in e.args:
            if a.is_Number:
                scalar *= float(a)
                continue
            m = _matrix(a, values, params, B, H)
            out = m if out is None else out @ m
        return scalar * (np.broadcast_to(np.eye(H), (B, H, H)) if out is None else out)
    raise NotImplementedError(f"cannot evaluate the Jacobian term {e}")


def _forward_values(compiled, x, params, state0):
    """hs and every saved quantity of the generated forward pass, per step: {(name, shift): (B, H)}."""
    mod = compiled.module
    X, P, S0, _ = mod._prepare(x, params, state0)
    hs, _, saved = mod._forward(X, P, S0, True)
    per_step = {"h": hs, **{k: v for k, v in saved.items() if v is not None}}
    return X, P, S0, per_step


def step_jacobians(cell, x, params, state0=None) -> np.ndarray:
    """The Jacobian of the whole state, ∂s_t/∂s_{t-1}, at every step, from the derived expressions.

    x (T, B, I); params as for ``compile(cell).forward``. The state vector stacks the cell's
    states in order (h first), so the result has shape (T, B, S·H, S·H), S = number of states;
    block (a, b) is ∂a_t/∂b_{t-1}, evaluated with the generated forward pass's values.
    """
    c = _resolve(cell)
    d = derive(c)
    if not d.jacobians:
        from ..derive import MAX_JACOBIAN_TERMS
        raise ValueError(f"cell {c.name!r}: its one-step Jacobians would have more than {MAX_JACOBIAN_TERMS} "
                         "terms each and are not written out; use finite_difference_jacobians")
    compiled = compile_cell(c)
    X, P, S0, per_step = _forward_values(compiled, x, params, state0)
    T, B, _ = X.shape
    H = S0["h"].shape[1]
    S = len(c.states)
    needed = {a for j in d.jacobians.values() for a in j.atoms(AppliedUndef) if is_vec(a)}
    missing = sorted({vec_name(a) for a in needed if shift_of(a) == 0 and vec_name(a) not in per_step}
                     | {vec_name(a) for a in needed if shift_of(a) == -1 and vec_name(a) not in per_step})
    if missing:
        raise NotImplementedError(f"cell {c.name!r}: the generated forward pass does not keep "
                                  f"{', '.join(missing)}, which the Jacobians need")
    out = np.zeros((T, B, S * H, S * H))
    for t in range(T):
        values = {(q, 0): arr[t] for q, arr in per_step.items()}
        for s in c.states:
            values[(s, -1)] = per_step[s][t - 1] if t else S0[s]
        for (a, b), expr in d.jacobians.items():
            ia, ib = c.states.index(a), c.states.index(b)
            out[t, :, ia * H:(ia + 1) * H, ib * H:(ib + 1) * H] = _matrix(expr, values, P, B, H)
    return out


def finite_difference_jacobians(cell, x, params, state0=None, *, eps: float = 1e-6) -> np.ndarray:
    """The same per-step Jacobians as ``step_jacobians``, by central differences of the forward step.

    Runs the generated forward pass one step at a time; independent of the derivation.
    Cost: 2·S·H one-step forward runs per step. Shape (T, B, S·H, S·H).
    """
    c = _resolve(cell)
    compiled = compile_cell(c)
    x = np.asarray(x, dtype=np.float64)
    T, B, _ = x.shape
    H = next(np.shape(v)[0] for k, v in params.items() if k in c.param_names)
    S = len(c.states)
    state = {s: np.zeros((B, H)) for s in c.states}
    if state0:
        state.update({s: np.asarray(v, dtype=np.float64) for s, v in state0.items()})

    def step(t, st):
        _, final = compiled.forward(x[t:t + 1], params, st)
        return np.concatenate([final[s] for s in c.states], axis=1)      # (B, S·H)

    out = np.zeros((T, B, S * H, S * H))
    for t in range(T):
        for ib, b in enumerate(c.states):
            for k in range(H):
                plus = {s: v.copy() for s, v in state.items()}
                minus = {s: v.copy() for s, v in state.items()}
                plus[b][:, k] += eps
                minus[b][:, k] -= eps
                out[t, :, :, ib * H + k] = (step(t, plus) - step(t, minus)) / (2 * eps)
        _, final = compiled.forward(x[t:t + 1], params, state)
        state = {s: final[s] for s in c.states}
    return out


def jacobian_products(jacobians: np.ndarray, steps: int | None = None) -> np.ndarray:
    """∂s_T/∂s_{T-k} for k = 0..steps: products J_T J_{T-1} ⋯ J_{T-k+1} of per-step Jacobians.

    jacobians (T, B, N, N); returns (steps + 1, B, N, N), entry 0 the identity.
    """
    T, B, N, _ = jacobians.shape
    steps = T if steps is None else steps
    if not 0 <= steps <= T:
        raise ValueError(f"steps must be between 0 and T = {T}, got {steps}")
    out = np.empty((steps + 1, B, N, N))
    out[0] = np.eye(N)
    for k in range(1, steps + 1):
        out[k] = out[k - 1] @ jacobians[T - k]
    return out


# ------------------------------------------------------------------------------ the experiment
@dataclass
class FlowResult:
    """Norms of ∂s_T/∂s_{T-k} against the lag k = T − t for one cell and initialization.

    ``norms[s]`` (steps + 1,): geometric mean over the batch of the spectral norm of block (s, s)
    of the product of state Jacobians; ``norms[s][0] == 1``.
    """

    cell: str
    label: str
    lags: np.ndarray
    norms: dict
    settings: dict = field(default_factory=dict)

    def at(self, state: str, lag: int) -> float:
        if state not in self.norms:
            raise KeyError(f"{self.label}: no state {state!r}; states: {', '.join(self.norms)}")
        return float(self.norms[state][lag])

    def _repr_markdown_(self):
        return flow_table([self], lags=_table_lags(int(self.lags[-1])))


def gradient_flow(cell, *, steps: int = DEFAULTS["steps"], n_in: int = DEFAULTS["n_in"],
                  n_hidden: int = DEFAULTS["n_hidden"], batch: int = DEFAULTS["batch"],
                  seed: int = DEFAULTS["seed"], forget_bias: float | None = None,
                  label: str | None = None) -> FlowResult:
    """Norms of ∂h_T/∂h_t (and ∂c_T/∂c_t, ...) for T − t = 0..steps at the documented initialization.

    Parameters from ``init_params`` (seeded by ``seed``), ``batch`` sequences of length
    T = ``steps`` with x_t ~ N(0, 1), zero initial states (see INIT_DOC).
    """
    for name, v in (("steps", steps), ("n_in", n_in), ("n_hidden", n_hidden), ("batch", batch)):
        if not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    c = _resolve(cell)
    rng = np.random.default_rng(seed)
    params = init_params(c, n_in, n_hidden, rng, forget_bias=forget_bias)
    x = rng.standard_normal((steps, batch, n_in))
    J = step_jacobians(c, x, params)
    prods = jacobian_products(J)
    H = n_hidden
    norms = {}
    for k, s in enumerate(c.states):
        block = prods[:, :, k * H:(k + 1) * H, k * H:(k + 1) * H]
        spectral = np.linalg.norm(block, ord=2, axis=(-2, -1))           # (steps + 1, B)
        norms[s] = np.exp(np.mean(np.log(np.maximum(spectral, 1e-300)), axis=1))
    if label is None:
        label = c.name if forget_bias is None else f"{c.name} (b_f = {forget_bias:g})"
    settings = {"steps": steps, "n_in": n_in, "n_hidden": n_hidden, "batch": batch, "seed": seed,
                "forget_bias": forget_bias, "init": INIT_DOC}
    return FlowResult(c.name, label, np.arange(steps + 1), norms, settings)
