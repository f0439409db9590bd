"""The derivation proven a second, independent way: scalar unrolling + plain sympy.diff."""
import numpy as np
import pytest
import sympy

import symlstm
from symlstm import reference
from symlstm.cells.algebra import MatVec, adjoint, external, is_vec, shift_of, sigmoid, t, vec_name
from symlstm.checks.numeric import Env, evaluate, run_forward, sum_over_time

CELLS = symlstm.available_cells()
# T=2 already sends every carry (δ at t+1) back once; plain diff of the unrolled LSTM grows ~10x per
# extra step, so T=3 runs for the rnn only (see test_rnn_three_steps_every_scalar).
T, I, H = 2, 2, 2
#: the one free scalar of an unrolled loss; real=True keeps SymPy's assumption queries cheap
W_FREE = sympy.Symbol("w", real=True)


# ------------------------------------------------------------------ independent scalar expansion
def _scalar(expr, cur, prev, xs, P):
    """Components of a vector expression, every weight entry a scalar; σ rewritten with exp."""
    if is_vec(expr):
        name, k = vec_name(expr), shift_of(expr)
        if name == "x":
            return xs
        return prev[name] if k == -1 else cur[name]
    if isinstance(expr, MatVec):
        v = _scalar(expr.vector, cur, prev, xs, P)
        W = P[expr.matrix.name]
        return [sum(W[j][k] * v[k] for k in range(len(v))) for j in range(len(W))]
    if isinstance(expr, sympy.Symbol):
        return list(P[expr.name])
    if expr.is_Number:
        return [expr] * H
    parts = [_scalar(a, cur, prev, xs, P) for a in expr.args]
    if isinstance(expr, sigmoid):
        return [1 / (1 + sympy.exp(-a)) for a in parts[0]]
    return [expr.func(*comp) for comp in zip(*parts)]


def _unroll_loss(cell, values, free):
    """L = Σ_t dh_t · h_t as a SymPy expression in the one free scalar ``free`` = (kind, name, index)."""
    def val(kind, name, idx, v):
        return W_FREE if (kind, name, idx) == free else sympy.Float(v)

    P = {}
    for name, arr in values["params"].items():
        if arr.ndim == 1:
            P[name] = [val("param", name, (j,), arr[j]) for j in range(arr.shape[0])]
        else:
            P[name] = [[val("param", name, (j, k), arr[j, k]) for k in range(arr.shape[1])]
                       for j in range(arr.shape[0])]
    prev = {s: [val("state", s, (j,), values["state0"][s][0, j]) for j in range(H)] for s in cell.states}
    loss = 0
    for k in range(T):
        xs = [val("x", "x", (k, i), values["x"][k, 0, i]) for i in range(I)]
        cur = {}
        for eq in cell.equations:
            cur[vec_name(eq.lhs)] = _scalar(eq.rhs, cur, prev, xs, P)
        loss += sum(values["dh"][k, 0, j] * cur["h"][j] for j in range(H))
        prev = {s: cur[s] for s in cell.states}
    return loss


def _free_scalars(cell, values, rng=None):
    """Every scalar input, or (with ``rng``) one random entry of each parameter, x_t and state."""
    def pick(shape):
        idx = list(np.ndindex(shape))
        return idx if rng is None else [idx[rng.integers(len(idx))]]
    out = []
    for name, arr in values["params"].items():
        out += [("param", name, idx) for idx in pick(arr.shape)]
    out += [("x", "x", (k, i)) for k in range(T) for (i,) in pick((I,))]
    out += [("state", s, idx) for s in cell.states for idx in pick((H,))]
    return out


# ------------------------------------------------------------------ the derived equations, interpreted
def _derived_gradients(d, values):
    """Run the derivation's own equations (Greff form, δ at T+1 = 0) numerically."""
    cell = d.cell
    params = values["params"]
    x = values["x"][:, 0, :]
    state0 = {s: v[0] for s, v in values["state0"].items()}
    steps = run_forward(d.expanded, x, params, state0, cell.states)
    for k in range(1, T + 1):
        steps[(vec_name(external("h")), k)] = values["dh"][k - 1, 0]
    env = Env(steps, params, zero_missing=True, shape=(H,))
    for k in range(T, 0, -1):
        for eq in d.adjoints:
            steps[(vec_name(eq.lhs), k)] = evaluate(eq.rhs, env.at(k))
        steps[(vec_name(d.input_grad.lhs), k)] = evaluate(d.input_grad.rhs, env.at(k))
    grads = {}
    for eq in d.param_grads:
        g = sum_over_time(eq.rhs, env, range(1, T + 1))
        grads[("param", eq.lhs.name[len("delta_"):])] = np.asarray(g) * np.ones(params[eq.lhs.name[6:]].shape)
    grads[("x", "x")] = np.stack([steps[("delta_x", k)] for k in range(1, T + 1)])
    for eq in d.initial:
        grads[("state", vec_name(eq.lhs)[len("delta_"):])] = np.asarray(evaluate(eq.rhs, env.at(0))) * np.ones(H)
    return grads


def _compare_with_plain_diff(name, every_scalar):
    cell = symlstm.cell(name)
    d = symlstm.derive(cell)
    rng = np.random.default_rng(7)
    values = {
        "params": {n: rng.normal(size=s) * 0.6 for n, s in cell.param_shapes(I, H).items()},
        "x": rng.normal(size=(T, 1, I)),
        "state0": {s: rng.normal(size=(1, H)) * 0.5 for s in cell.states},
        "dh": rng.normal(size=(T, 1, H)),
    }
    derived = _derived_gradients(d, values)
    w = W_FREE
    for free in _free_scalars(cell, values, None if every_scalar else np.random.default_rng(11)):
        kind, pname, idx = free
        loss = _unroll_loss(cell, values, free)
        if kind == "param":
            at = values["params"][pname][idx]
        elif kind == "x":
            at = values["x"][idx[0], 0, idx[1]]
        else:
            at = values["state0"][pname][0, idx[0]]
        exact = float(sympy.diff(loss, w).subs(w, sympy.Float(at, 30)).evalf(20))
        got = derived[(kind, pname)][idx]
        assert got == pytest.approx(exact, rel=1e-9, abs=1e-12), f"{name}: ∂L/∂{pname}{idx}"


@pytest.mark.parametrize("name", CELLS)
def test_derivation_matches_plain_diff_of_unrolled_scalars(name):
    """One random entry of every parameter, every x_t and every initial state, T=2, I=H=2."""
    _compare_with_plain_diff(name, every_scalar=False)


def test_rnn_three_steps_every_scalar():
    global T
    old, T = T, 3
    try:
        _compare_with_plain_diff("rnn", every_scalar=True)
    finally:
        T = old


@pytest.mark.parametrize("name", [c for c in CELLS if c in reference.CELLS])
def test_jacobians_match_finite_differences(name):
    cell = symlstm.cell(name)
    d = symlstm.derive(cell)
    rng = np.random.default_rng(3)
    n_in, n_h = 3, 4
    params = reference.init_params(name, n_in, n_h, rng)
    x = rng.normal(size=(1, 1, n_in))
    state0 = {s: rng.normal(size=(1, n_h)) * 0.5 for s in cell.states}
    steps = run_forward(d.expanded, x[:, 0], params, {s: v[0] for s, v in state0.items()}, cell.states)
    env = Env(steps, params, t=1, shape=(n_h,))
    eps = 1e-6
    for (out, inp), jac in d.jacobians.items():
        J = np.asarray(evaluate(jac, env), dtype=float) * np.ones((n_h, n_h)) if jac != 0 else np.zeros((n_h, n_h))
        fd = np.zeros((n_h, n_h))
        for k in range(n_h):
            plus = {s: v.copy() for s, v in state0.items()}
            minus = {s: v.copy() for s, v in state0.items()}
            plus[inp][0, k] += eps
            minus[inp][0, k] -= eps
            fp = reference.forward(name, x, params, plus)[1][out][0]
            fm = reference.forward(name, x, params, minus)[1][out][0]
            fd[:, k] = (fp - fm) / (2 * eps)
        np.testing.assert_allclose(J, fd, rtol=1e-6, atol=1e-8, err_msg=f"{name}: ∂{out}_t/∂{inp}_(t-1)")


def test_lstm_backward_is_greff_form():
    """σ' as σ(1 − σ) and tanh' as 1 − tanh² in forward values; c collects f_{t+1} ⊙ δc_{t+1}."""
    d = symlstm.derive("lstm")
    eqs = {vec_name(eq.lhs): eq.rhs for eq in d.adjoints}
    i, f, c, o, h = (sympy.Function(n)(t) for n in "ifcoh")
    assert sympy.expand(eqs["delta_i_bar"] - adjoint("i") * i * (1 - i)) == 0
    assert sympy.expand(eqs["delta_c"] - (adjoint("h") * o * (1 - sympy.tanh(c) ** 2)
                                          + adjoint("c", 1) * sympy.Function("f")(t + 1))) == 0
    assert not any(eq.rhs.has(sigmoid) for eq in d.adjoints)


def test_jacobian_of_lstm_cell_state_is_forget_gate():
    d = symlstm.derive("lstm")
    from symlstm.cells.algebra import Diag
    assert d.jacobian("c") == Diag(sympy.Function("f")(t))


def test_custom_cell_from_public_machinery_derives():
    from symlstm import Cell, mat, param, tanh, vec
    x, h, a = vec("x"), vec("h"), vec("a")
    c = Cell("leaky", [sympy.Eq(a(t), tanh(mat("W") @ x(t) + mat("U") @ h(t - 1) + param("b"))),
                       sympy.Eq(h(t), param("k") * h(t - 1) + (1 - param("k")) * a(t))], states=("h",))
    d = symlstm.derive(c)
    assert {eq.lhs.name for eq in d.param_grads} == {"delta_W", "delta_U", "delta_b", "delta_k"}
    report = __import__("symlstm.checks.check", fromlist=["check_compiled"]).check_compiled(symlstm.compile(c))
    assert report.oracle == "finite differences" and report.passed, report.lines()
