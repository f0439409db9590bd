"""The Numba backend: agreement with NumPy, custom cells, float32 kernels, bad input, disk cache (shared checks: test_backends.py)."""
import importlib.util
import json
import os
import subprocess
import sys
import tracemalloc

import numpy as np
import pytest
import sympy

import symlstm
from symlstm import gradcheck, reference
from symlstm.cells.algebra import mat, param, sigmoid, t, tanh, vec
from symlstm.cells.cell import Cell
from symlstm.checks.check import check_compiled, random_inputs
from symlstm.codegen.compile import cache_dir, generate

numba = pytest.importorskip("numba", reason="the numba backend needs numba: pip install symlstm[numba]")

CELLS = symlstm.available_cells()


def _relmax(a, b):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return np.max(np.abs(a - b)) / max(1.0, np.max(np.abs(b)))


def _custom_cells():
    """Cells outside the catalogue: a step vector and a second state (language), exp and powers (algebra)."""
    from symlstm.cells.language import parse_cell
    two_states = parse_cell("""
        a = sigmoid(V x + u * k[t-1] + b_a)
        k = tanh(M (a * h[t-1]) + b)
        h = a * k + (1 - a) * h[t-1]
        """, name="two_states")
    x, h, a = vec("x"), vec("h"), vec("a")
    W, U = mat("W"), mat("U")
    b, p = param("b"), param("p")
    odd = Cell("odd_functions", [
        sympy.Eq(a(t), W @ x(t) + U @ h(t - 1) + b),
        sympy.Eq(h(t), tanh(a(t)) * sympy.exp(-(p * h(t - 1)) ** 2) + sigmoid(a(t)) ** 3 / (1 + a(t) ** 2)),
    ], states=("h",))
    return [two_states, odd]


# --------------------------------------------------------------------------- numbers
@pytest.fixture(params=["compiled-loop", "blas-steps"])
def path(request, monkeypatch):
    """Small problems run one compiled time loop; large ones a Python loop of BLAS products and phases."""
    def compile_(name):
        c = symlstm.compile(name, "numba")
        monkeypatch.setattr(c.module, "_small", lambda B, H: request.param == "compiled-loop")
        return c
    return compile_


@pytest.mark.parametrize("name", CELLS)
def test_numba_and_numpy_backends_agree(name, rng, path):
    nb, npy = path(name), symlstm.compile(name, "numpy")
    x, params, state0, dh = random_inputs(nb.cell, 7, 3, 5, 4, rng)
    a, b = nb.forward(x, params, state0), npy.forward(x, params, state0)
    assert _relmax(a[0], b[0]) < 1e-12
    ga, gb = nb.backward(x, params, dh, state0), npy.backward(x, params, dh, state0)
    assert list(ga) == list(gb)
    for k in gb:
        assert _relmax(ga[k], gb[k]) < 1e-12, k


@pytest.mark.parametrize("name", CELLS)
def test_check_report_passes_for_every_builtin_cell(name):
    report = check_compiled(symlstm.compile(name, "numba"))
    assert report.passed, "\n".join(report.lines())
    if name in reference.CELLS:
        assert report.oracle == "reference" and report.tolerance == 1e-10


@pytest.mark.parametrize("index", [0, 1], ids=["two_states", "odd_functions"])
def test_custom_cells_match_finite_differences_and_numpy(index, rng, path):
    c = _custom_cells()[index]
    nb, npy = path(c), symlstm.compile(c, "numpy")
    x, params, state0, dh = random_inputs(c, 4, 2, 3, 3, rng)
    grads = nb.backward(x, params, dh, state0)
    numeric = gradcheck.numeric_grads(nb.forward, x, params, dh, state0)
    gradcheck.check_grads(grads, numeric, rtol=1e-6, atol=1e-8)
    other = npy.backward(x, params, dh, state0)
    for k in other:
        assert _relmax(grads[k], other[k]) < 1e-12, k


# --------------------------------------------------------------------------- float32
def test_float32_kernels_have_no_float64_values(tmp_path):
    """Every variable of the float32 kernels is typed float32 (no silent promotion by a literal)."""
    path = tmp_path / "lstm_nb32.py"
    path.write_text(generate("lstm", "numba"))
    spec = importlib.util.spec_from_file_location("lstm_nb32", path)
    m = importlib.util.module_from_spec(spec)
    sys.modules["lstm_nb32"] = m
    try:
        spec.loader.exec_module(m)
        rng = np.random.default_rng(0)
        c = symlstm.cell("lstm")
        x, params, state0, dh = random_inputs(c, 3, 2, 2, 3, rng, dtype=np.float32)
        for small in (True, False):        # the compiled time loops, and the phases called from Python
            m._small = lambda B, H: small
            m.backward(x, params, dh, state0)
        kernels = [f for f in vars(m).values() if hasattr(f, "overloads") and f.signatures]
        assert {"_forward_loop", "_backward_loop", "_forward_phase0", "_backward_phase0",
                "_matmul_small"} <= {f.__name__ for f in kernels}
        for kernel in kernels:
            for cres in kernel.overloads.values():
                types = set(cres.type_annotation.typemap.values())
                f64 = numba.types.float64
                assert not any(t == f64 or getattr(t, "dtype", None) == f64 for t in types), kernel
                if "phase" in kernel.__name__:
                    assert numba.types.float32 in types
    finally:
        del sys.modules["lstm_nb32"]


# --------------------------------------------------------------------------- the math it prints
def test_vectorising_math_matches_numpy(tmp_path):
    from symlstm.codegen.numba_math import MATH_SOURCE
    src = ("import math\nimport numpy as np\nfrom numba import njit, types\nfrom numba.extending import overload\n"
           + MATH_SOURCE + """
@njit(**_FAST)
def apply(a, out, which):
    for i in range(a.size):
        if which == 0:
            out[i] = _sig(a[i])
        elif which == 1:
            out[i] = _tanh(a[i])
        else:
            out[i] = _exp(a[i])
""")
    (tmp_path / "nbmath.py").write_text(src)
    spec = importlib.util.spec_from_file_location("nbmath", tmp_path / "nbmath.py")
    m = importlib.util.module_from_spec(spec)
    sys.modules["nbmath"] = m
    try:
        spec.loader.exec_module(m)
        rng = np.random.default_rng(0)
        grid = np.concatenate([rng.standard_normal(20000) * 4, np.linspace(-120, 120, 20001),
                               np.linspace(-1, 1, 2001), [0.0, -0.0, 1e-30, -1e-30]])
        for dtype, ulps in ((np.float64, 4), (np.float32, 4)):
            a = grid.astype(dtype)
            eps = np.finfo(dtype).eps
            a64 = a.astype(np.float64)
            e = np.exp(-np.abs(a64))
            with np.errstate(over="ignore"):
                refs = (np.where(a64 >= 0, 1 / (1 + e), e / (1 + e)), np.tanh(a64), np.exp(a64))
            for which, ref in enumerate(refs):
                out = np.empty_like(a)
                m.apply(a, out, which)
                assert out.dtype == dtype
                ok = np.isfinite(ref) & (np.abs(ref) > np.finfo(dtype).tiny * 1e3) & (np.abs(ref) < np.finfo(dtype).max)
                rel = np.abs(out[ok] - ref[ok]) / np.abs(ref[ok])
                assert rel.max() <= ulps * eps, (dtype, which, rel.max() / eps)
            specials = np.array([np.inf, -np.inf, np.nan, 1e30, -1e30], dtype)
            out = np.empty_like(specials)
            m.apply(specials, out, 0)
            np.testing.assert_array_equal(out, np.array([1, 0, np.nan, 1, 0], dtype))
            m.apply(specials, out, 1)
            np.testing.assert_array_equal(out, np.array([1, -1, np.nan, 1, -1], dtype))
            m.apply(specials, out, 2)
            np.testing.assert_array_equal(out, np.array([np.inf, 0, np.nan, np.inf, 0], dtype))
    finally:
        del sys.modules["nbmath"]


# --------------------------------------------------------------------------- bad input
@pytest.fixture
def lstm():
    return symlstm.compile("lstm", "numba")


def _ok_inputs(rng, dtype=np.float64):
    return random_inputs(symlstm.cell("lstm"), 4, 3, 5, 6, rng, dtype=dtype)


def test_non_contiguous_and_fortran_inputs_are_converted(lstm, rng):
    x, params, state0, dh = _ok_inputs(rng)
    expected = lstm.backward(x, params, dh, state0)
    wide = np.zeros((4, 3, 10))
    wide[:, :, ::2] = x
    strided = wide[:, :, ::2]
    assert not strided.flags.c_contiguous
    fortran = {k: np.asfortranarray(v) for k, v in params.items()}
    got = lstm.backward(strided, fortran, np.asfortranarray(dh), {k: np.asfortranarray(v) for k, v in state0.items()})
    for k in expected:
        np.testing.assert_array_equal(got[k], expected[k])


def test_read_only_inputs_work(lstm, rng):
    x, params, state0, dh = _ok_inputs(rng)
    for a in (x, dh, *params.values()):
        a.setflags(write=False)
    hs, _ = lstm.forward(x, params, state0)
    assert _relmax(hs, reference.forward("lstm", x, params, state0)[0]) < 1e-12


@pytest.mark.parametrize("x_dtype, p_dtype", [(np.float32, np.float64), (np.float64, np.float32)])
def test_mixed_precision_follows_x(lstm, rng, x_dtype, p_dtype):
    x, params, state0, dh = _ok_inputs(rng)
    params = {k: v.astype(p_dtype) for k, v in params.items()}
    grads = lstm.backward(x.astype(x_dtype), params, dh.astype(p_dtype), state0)
    assert all(g.dtype == x_dtype for g in grads.values())


@pytest.mark.parametrize("bad, message", [
    (lambda x: x.astype(np.float16), "float32 or float64"),
    (lambda x: x.astype(np.complex128), "real floating-point"),
    (lambda x: x[0], "shape (T, B, I)"),
])
def test_unsupported_x_is_rejected_with_a_clear_message(lstm, rng, bad, message):
    x, params, state0, dh = _ok_inputs(rng)
    with pytest.raises(ValueError, match=None) as err:
        lstm.forward(bad(x), params, state0)
    assert message in str(err.value)


def test_wrong_parameter_shape_is_named(lstm, rng):
    x, params, state0, dh = _ok_inputs(rng)
    params["U_f"] = params["U_f"][:, :-1]
    with pytest.raises(ValueError, match="'U_f'"):
        lstm.backward(x, params, dh, state0)
    with pytest.raises(ValueError, match="dh has shape"):
        lstm.backward(x, _ok_inputs(rng)[1], dh[:-1], state0)


def test_missing_numba_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "numba", None)
    with pytest.raises(ImportError, match=r"pip install symlstm\[numba\]"):
        symlstm.compile("rnn", "numba")


# --------------------------------------------------------------------------- source and cache
def test_cli_codegen_numba(tmp_path):
    from symlstm.commands.cli import main
    assert main(["codegen", "lstm", "--backend", "numba", "-o", str(tmp_path / "m.py")]) == 0
    assert "@njit(cache=True" in (tmp_path / "m.py").read_text()


_CHILD = r"""
import json, sys
import numpy as np
import symlstm, symlstm.codegen.compile as sc

def no_derive(*a, **k):
    raise AssertionError("derived again although the module is cached")

sc.derive = no_derive
cc = symlstm.compile("gru_reset_after", "numba")
rng = np.random.default_rng(0)
p = {n: rng.standard_normal(s) for n, s in cc.cell.param_shapes(3, 4).items()}
g = cc.backward(rng.standard_normal((5, 2, 3)), p, rng.standard_normal((5, 2, 4)))
used = [f for n, f in vars(cc.module).items()
        if n.startswith(("_forward", "_backward", "_matmul")) and hasattr(f, "stats") and f.signatures]
print(json.dumps({f.__name__: [sum(f.stats.cache_hits.values()), sum(f.stats.cache_misses.values())]
                  for f in used}))
"""


def test_kernels_are_cached_on_disk_and_a_new_process_loads_them(tmp_path):
    env = dict(os.environ, SYMLSTM_CACHE_DIR=str(tmp_path))
    env.pop("NUMBA_CACHE_DIR", None)
    root = os.path.dirname(os.path.dirname(os.path.abspath(symlstm.__file__)))
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    # first process: generates the module and compiles (cache misses)
    first = subprocess.run([sys.executable, "-c", _CHILD.replace("sc.derive = no_derive", "")], env=env,
                           capture_output=True, text=True, check=True)
    compiled = json.loads(first.stdout.splitlines()[-1])
    assert {"_forward_loop", "_backward_loop", "_forward_phase0", "_backward_phase0"} <= set(compiled)
    assert all(v == [0, 1] for v in compiled.values()), compiled
    modules = list(tmp_path.glob("gru_reset_after_numba_*.py"))
    assert len(modules) == 1
    index = sorted(p.name for p in (tmp_path / "__pycache__").glob("*.nbi"))
    assert all(any(f".{k}-" in n for n in index) for k in compiled), (index, compiled)
    assert list((tmp_path / "__pycache__").glob("*.nbc"))
    stamp = modules[0].stat().st_mtime_ns
    # second process: no derivation, no compilation, the module file untouched
    second = subprocess.run([sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True, check=True)
    loaded = json.loads(second.stdout.splitlines()[-1])
    assert {"_forward_loop", "_backward_loop"} <= set(loaded)
    assert all(v == [1, 0] for v in loaded.values()), loaded        # loaded from disk, none compiled
    assert modules[0].stat().st_mtime_ns == stamp


def test_compiled_module_lives_in_the_cache_folder():
    c = symlstm.compile("rnn", "numba")
    assert c.path.parent == cache_dir() and c.path.read_text() == c.source
    assert c.backend == "numba" and c.source.startswith('"""rnn: forward and backward pass')


# --------------------------------------------------------------------------- memory
def test_backward_memory_grows_like_T_B_H_without_weight_copies(lstm):
    """Peak NumPy memory of backward per extra step: a few (B, H) arrays, far below one weight matrix."""
    B, I, H = 2, 16, 128
    peaks = {}
    for T in (20, 40):
        x, params, state0, dh = random_inputs(lstm.cell, T, B, I, H, np.random.default_rng(0))
        lstm.backward(x, params, dh)
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        lstm.backward(x, params, dh)
        peaks[T] = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
    per_step = (peaks[40] - peaks[20]) / 20
    bh = B * H * 8
    # saved i, f, g, o, c, h; the input projection (4); the stacked δ (4); dx: about 15 arrays of (B, H)
    assert per_step <= 20 * bh, per_step / bh
    assert per_step < H * H * 8 / 4       # a per-step copy of even one U would exceed this
