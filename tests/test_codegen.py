"""The NumPy backend: finite differences, defaults, what is stored, bad input (shared checks: test_backends.py)."""

import numpy as np
import pytest

import symlstm
from symlstm import gradcheck
from symlstm.checks.check import check_compiled, random_inputs
from symlstm.codegen.compile import generate

CELLS = symlstm.available_cells()


@pytest.mark.parametrize("name", CELLS)
def test_matches_finite_differences(name, rng):
    c = symlstm.compile(name)
    x, params, state0, dh = random_inputs(c.cell, 3, 2, 2, 3, rng)
    grads = c.backward(x, params, dh, state0)
    numeric = gradcheck.numeric_grads(c.forward, x, params, dh, state0)
    gradcheck.check_grads(grads, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", CELLS)
def test_zero_initial_state_default(name, rng):
    c = symlstm.compile(name)
    x, params, _, dh = random_inputs(c.cell, 3, 2, 2, 3, rng)
    zeros = {s: np.zeros((2, 3)) for s in c.cell.states}
    np.testing.assert_array_equal(c.forward(x, params)[0], c.forward(x, params, zeros)[0])
    g = c.backward(x, params, dh)
    assert set(g) == set(params) | {"x"} | {s + "0" for s in c.cell.states}


def test_generated_code_stores_only_what_backward_reads():
    src = generate("gru")
    # GRU's backward reads r, z, n and h: nothing else per step
    assert "_n_bar_all" not in src and "_r_bar_all" not in src
    assert "_z_all = np.empty" in src


def test_check_report_against_reference():
    report = check_compiled(symlstm.compile("gru_reset_after"))
    assert report.oracle == "reference" and report.passed
    assert max(report.errors.values()) < 1e-10


# ------------------------------------------------------------------ bad input
@pytest.fixture(scope="module")
def lstm():
    return symlstm.compile("lstm")


def _ok(rng, c, T=3, B=2, I=2, H=3):
    return random_inputs(c.cell, T, B, I, H, rng)


def test_missing_parameter_is_named(lstm, rng):
    x, params, _, _ = _ok(rng, lstm)
    del params["U_f"]
    with pytest.raises(ValueError, match="missing parameters \\['U_f'\\]"):
        lstm.forward(x, params)


def test_wrong_shape_names_parameter_and_shapes(lstm, rng):
    x, params, _, _ = _ok(rng, lstm)
    params["W_o"] = np.zeros((3, 5))
    with pytest.raises(ValueError, match=r"'W_o' has shape \(3, 5\), expected \(3, 2\)"):
        lstm.forward(x, params)


def test_unknown_parameter_is_rejected(lstm, rng):
    x, params, _, _ = _ok(rng, lstm)
    params["p_i"] = np.zeros(3)
    with pytest.raises(ValueError, match="unknown parameters \\['p_i'\\]"):
        lstm.forward(x, params)


def test_x_of_wrong_rank(lstm, rng):
    _, params, _, _ = _ok(rng, lstm)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, I\).*got shape \(3, 2\)"):
        lstm.forward(np.zeros((3, 2)), params)


def test_state_and_dh_shapes(lstm, rng):
    x, params, state0, dh = _ok(rng, lstm)
    with pytest.raises(ValueError, match=r"state0\['c'\] has shape \(2, 4\), expected \(B, H\) = \(2, 3\)"):
        lstm.forward(x, params, {"c": np.zeros((2, 4))})
    with pytest.raises(ValueError, match=r"dh has shape \(3, 2, 2\), expected \(T, B, H\) = \(3, 2, 3\)"):
        lstm.backward(x, params, dh[:, :, :2])
    with pytest.raises(ValueError, match="unknown states \\['z'\\]"):
        lstm.forward(x, params, {"z": np.zeros((2, 3))})


def test_unknown_backend_and_cell():
    with pytest.raises(ValueError, match="unknown backend 'cuda'"):
        symlstm.compile("lstm", backend="cuda")
    with pytest.raises(KeyError, match="available cells: rnn, lstm"):
        symlstm.compile("lsmt")
