"""Every backend (NumPy; Numba's compiled loop and its BLAS path) against the hand-written reference.

The checks that are the same for every backend live here, parametrized over the backends;
tests/test_codegen.py and tests/test_numba_backend.py keep what is particular to each.
"""
import subprocess
import sys
import warnings

import numpy as np
import pytest

import symlstm
from symlstm import reference
from symlstm.checks.check import random_inputs
from symlstm.codegen.compile import generate

CELLS = symlstm.available_cells()
REF_CELLS = [c for c in CELLS if c in reference.CELLS]
SIZES = [(1, 1, 1, 1), (3, 2, 2, 3), (6, 5, 4, 7)]
#: backend id -> (backend, Numba path): small problems run one compiled time loop, large ones a
#: Python loop of BLAS products and compiled phases; both are forced here at every size.
BACKENDS = {"numpy": ("numpy", None), "numba-loop": ("numba", True), "numba-blas": ("numba", False)}


def _relmax(a, b):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return np.max(np.abs(a - b)) / max(1.0, np.max(np.abs(b)))


@pytest.fixture(params=list(BACKENDS))
def compile_(request, monkeypatch):
    backend, small = BACKENDS[request.param]
    if backend == "numba":
        pytest.importorskip("numba", reason="the numba backend needs numba: pip install symlstm[numba]")

    def make(name):
        c = symlstm.compile(name, backend)
        if small is not None:
            monkeypatch.setattr(c.module, "_small", lambda B, H: small)
        return c
    return make


@pytest.mark.parametrize("size", SIZES, ids=lambda s: "T{}B{}I{}H{}".format(*s))
@pytest.mark.parametrize("name", REF_CELLS)
def test_matches_reference(name, size, rng, compile_):
    c = compile_(name)
    x, params, state0, dh = random_inputs(c.cell, *size, rng)
    hs, final = c.forward(x, params, state0)
    ref_hs, ref_final = reference.forward(name, x, params, state0)
    assert _relmax(hs, ref_hs) < 1e-10
    for s in c.cell.states:
        assert _relmax(final[s], ref_final[s]) < 1e-10, s
    grads = c.backward(x, params, dh, state0)
    ref = reference.backward(name, x, params, dh, state0)
    assert set(grads) == set(ref)
    for k in ref:
        assert grads[k].shape == ref[k].shape, k
        assert _relmax(grads[k], ref[k]) < 1e-10, k


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_saturated_preactivations_are_finite_and_quiet(dtype, compile_):
    c = compile_("peephole_lstm")
    rng = np.random.default_rng(0)
    x, params, state0, dh = random_inputs(c.cell, 3, 2, 2, 3, rng, dtype=dtype)
    params = {k: (np.sign(v) * 1000).astype(dtype) for k, v in params.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hs, final = c.forward(x * 1000, params, state0)
        grads = c.backward(x * 1000, params, dh, state0)
    assert np.all(np.isfinite(hs)) and all(np.all(np.isfinite(g)) for g in grads.values())
    ref = reference.forward("peephole_lstm", (x * 1000).astype(np.float64),
                            {k: v.astype(np.float64) for k, v in params.items()},
                            {k: v.astype(np.float64) for k, v in state0.items()})[0]
    assert _relmax(hs, ref) < (1e-5 if dtype == np.float32 else 1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", ["lstm", "gru", "gru_reset_after", "lstm_fgr", "mgu"])
def test_dtype_is_kept(name, dtype, rng, compile_):
    c = compile_(name)
    x, params, state0, dh = random_inputs(c.cell, 5, 3, 2, 4, rng, dtype=dtype)
    hs, final = c.forward(x, params, state0)
    grads = c.backward(x, params, dh, state0)
    assert hs.dtype == dtype and all(v.dtype == dtype for v in final.values())
    assert all(v.dtype == dtype for v in grads.values())
    as64 = {k: v.astype(np.float64) for k, v in params.items()}
    s64 = {k: v.astype(np.float64) for k, v in state0.items()}
    ref = reference.backward(name, x.astype(np.float64), as64, dh.astype(np.float64), s64)
    tol = 1e-4 if dtype == np.float32 else 1e-12
    for k in ref:
        assert _relmax(grads[k], ref[k]) < tol, k


def test_integer_input_becomes_float64(rng, compile_):
    c = compile_("lstm")
    x, params, _, _ = random_inputs(c.cell, 3, 2, 2, 3, rng)
    hs, _ = c.forward(np.round(x * 3).astype(np.int64), params)
    assert hs.dtype == np.float64
    np.testing.assert_allclose(hs, reference.forward("lstm", np.round(x * 3), params)[0], rtol=1e-12)


@pytest.mark.parametrize("backend, imports", [
    ("numpy", ["import numpy as np"]),
    ("numba", ["import math", "import numpy as np", "from numba import njit, types",
               "from numba.extending import overload"]),
])
def test_generated_source_is_deterministic_and_standalone(backend, imports, tmp_path):
    if backend == "numba":
        pytest.importorskip("numba", reason="the numba backend needs numba: pip install symlstm[numba]")
    a, b = generate("gru", backend), generate("gru", backend)
    assert a == b
    assert [line for line in a.splitlines() if line.startswith(("import ", "from "))] == imports
    (tmp_path / "gru_cell.py").write_text(a)
    code = (f"import sys, numpy as np; sys.path.insert(0, {str(tmp_path)!r}); import gru_cell; "
            "rng = np.random.default_rng(0); "
            "p = {k: rng.normal(size=tuple(2 if d == 'H' else 3 for d in s)) for k, s in gru_cell.PARAM_SHAPES.items()}; "
            "hs, fin = gru_cell.forward(rng.normal(size=(4, 1, 3)), p); "
            "assert 'sympy' not in sys.modules and 'symlstm' not in sys.modules; print(hs.shape)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "(4, 1, 2)"
