"""Generated NumPy code vs the hand-written reference, finite differences and PyTorch."""
import subprocess
import sys
import warnings

import numpy as np
import pytest

import symlstm
from symlstm import gradcheck, reference
from symlstm.checks.check import check_compiled, random_inputs
from symlstm.codegen.compile import generate

CELLS = symlstm.available_cells()
REF_CELLS = [c for c in CELLS if c in reference.CELLS]
SIZES = [(1, 1, 1, 1), (3, 2, 2, 3), (4, 1, 3, 2), (6, 5, 4, 7)]


def _relmax(a, b):
    return np.max(np.abs(a - b)) / max(1.0, np.max(np.abs(b)))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: "T{}B{}I{}H{}".format(*s))
@pytest.mark.parametrize("name", REF_CELLS)
def test_matches_reference(name, size, rng):
    c = symlstm.compile(name)
    x, params, state0, dh = random_inputs(c.cell, *size, rng)
    hs, final = c.forward(x, params, state0)
    ref_hs, ref_final = reference.forward(name, x, params, state0)
    assert _relmax(hs, ref_hs) < 1e-10
    for s in c.cell.states:
        assert _relmax(final[s], ref_final[s]) < 1e-10
    grads = c.backward(x, params, dh, state0)
    ref = reference.backward(name, x, params, dh, state0)
    assert set(grads) == set(ref)
    for k in ref:
        assert grads[k].shape == ref[k].shape, k
        assert _relmax(grads[k], ref[k]) < 1e-10, k


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


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", ["lstm", "gru"])
def test_dtype_is_kept(name, dtype, rng):
    c = symlstm.compile(name)
    x, params, state0, dh = random_inputs(c.cell, 4, 3, 2, 5, rng, dtype=dtype)
    hs, final = c.forward(x, params, state0)
    grads = c.backward(x, params, dh, state0)
    assert hs.dtype == dtype and all(v.dtype == dtype for v in final.values())
    assert all(v.dtype == dtype for v in grads.values())
    ref = reference.forward(name, x.astype(np.float64), {k: v.astype(np.float64) for k, v in params.items()},
                            {k: v.astype(np.float64) for k, v in state0.items()})[0]
    tol = 1e-5 if dtype == np.float32 else 1e-12
    assert _relmax(hs.astype(np.float64), ref) < tol


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_saturated_preactivations_are_finite_and_quiet(dtype):
    c = symlstm.compile("peephole_lstm")
    rng = np.random.default_rng(0)
    x, params, state0, dh = random_inputs(c.cell, 3, 2, 2, 3, rng, dtype=dtype)
    params = {k: (np.sign(v) * 1000).astype(dtype) for k, v in params.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hs, final = c.forward(x * 1000, params, state0)
        grads = c.backward(x * 1000, params, dh, state0)
    assert np.all(np.isfinite(hs)) and all(np.all(np.isfinite(g)) for g in grads.values())


def test_generated_source_is_deterministic_and_standalone(tmp_path):
    a, b = generate("lstm"), generate("lstm")
    assert a == b
    assert "sympy" not in a and "symlstm" not in a.split('"""', 2)[2]
    path = tmp_path / "lstm_cell.py"
    path.write_text(a)
    code = (f"import sys, numpy as np; sys.path.insert(0, {str(tmp_path)!r}); import lstm_cell; "
            "assert 'sympy' not in sys.modules and 'symlstm' not in sys.modules; "
            "rng = np.random.default_rng(0); "
            "p = {k: rng.normal(size=tuple(2 if d == 'H' else 3 for d in s)) for k, s in lstm_cell.PARAM_SHAPES.items()}; "
            "hs, fin = lstm_cell.forward(rng.normal(size=(4, 1, 3)), p); print(hs.shape)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "(4, 1, 2)"


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


def test_integer_input_becomes_float64(lstm, rng):
    x, params, _, _ = _ok(rng, lstm)
    hs, _ = lstm.forward(np.ones((3, 2, 2), dtype=np.int64), params)
    assert hs.dtype == np.float64


def test_unknown_backend_and_cell():
    with pytest.raises(ValueError, match="unknown backend 'cuda'"):
        symlstm.compile("lstm", backend="cuda")
    with pytest.raises(KeyError, match="available cells: rnn, lstm"):
        symlstm.compile("lsmt")
