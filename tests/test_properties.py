"""Property tests: any cell text, any arrays, any command line ends in a result that runs or in the
documented error, in bounded time, and no payload executes.

Bounded examples for CI (about half a minute in all); SYMLSTM_HYPOTHESIS=long runs 20 times more.
"""
import contextlib
import importlib.util
import io
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symlstm
from symlstm.cells.language import CellError, format_cell, parse_cell
from symlstm.codegen.compile import compile as compile_cell
from symlstm.commands.cli import main
from _timing import within

SCALE = 20 if os.environ.get("SYMLSTM_HYPOTHESIS") == "long" else 1
MARKER = Path(tempfile.gettempdir()) / f"symlstm-pwned-{os.getpid()}"
PAYLOADS = [f"__import__('os').system('touch {MARKER}')", f"exec(\"open('{MARKER}', 'w')\")",
            "eval('1+1')", "().__class__.__bases__[0].__subclasses__()", "lambda: 0", "import os"]
#: Seconds any parse may take (the bounds make it milliseconds); compile and run get more.
PARSE_SECONDS = 1.0


def _examples(n):
    return settings(max_examples=n * SCALE, deadline=None, derandomize=SCALE == 1,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def _no_payload_ran():
    yield
    assert not MARKER.exists(), "a payload executed"


# ============================================================================ cell texts
#: Clean pools make cells that mostly parse; noisy pools add every kind of mistake and reserved name.
CLEAN = {"q": ["a", "c", "g", "r", "z"], "v": ["b", "b_f", "p", "k", "W_a_b", "b__c_"],
         "m": ["W", "U", "V", "W_f", "U_f", "M", "U__"], "n": ["1", "0.5", "2", ".5", "1e-3", "2E+1"],
         "f": ["tanh", "sigmoid", "σ"], "op": ["+", "-", "*", "⊙", ".*"],
         "vec": ["x", "h[t-1]", "c[t-1]", "a", "(r * h[t-1])", "(1 - a)"]}
NOISY = {"q": ["h", "np", "grads", "d_h", "h_prev", "delta", "Delta", "x", "t", "lambda", "_a", "q_", "sigmoid",
               "hs"],
         "v": ["h0", "c0", "np", "T", "delta_h", "x_t", "None", "t", "x", "h[t-2]", "h[t+1]", "x[t]"],
         "m": ["R", "x", "tanh", "h"], "n": ["1e999", "1e+999999999999999999999", "9" * 40, "3.", "0"],
         "f": ["relu", "exp", "W"], "op": ["@"], "vec": ["(x + h[t-1])", "b", "W x"]}


def _pool(draw, key, noisy):
    return draw(st.sampled_from(CLEAN[key] + (NOISY[key] if noisy else [])))


def _expr(noisy):
    leaf = st.one_of(
        st.builds(lambda m, v: f"{m} {v}", st.sampled_from(CLEAN["m"] + (NOISY["m"] if noisy else [])),
                  st.sampled_from(CLEAN["vec"] + (NOISY["vec"] if noisy else []))),
        st.sampled_from(CLEAN["v"] + (NOISY["v"] if noisy else [])),
        st.sampled_from(CLEAN["n"] + (NOISY["n"] if noisy else [])),
        st.sampled_from(["h[t-1]", "c[t-1]", "a"]),
    )
    ops = CLEAN["op"] + (NOISY["op"] if noisy else [])
    fns = CLEAN["f"] + (NOISY["f"] if noisy else [])
    return st.recursive(leaf, lambda inner: st.one_of(
        st.builds(lambda a, op, b: f"{a} {op} {b}", inner, st.sampled_from(ops), inner),
        st.builds(lambda f, a: f"{f}({a})", st.sampled_from(fns), inner),
        st.builds(lambda a: f"-{a}", inner),
        st.builds(lambda a: f"({a})", inner),
    ), max_leaves=10)


@st.composite
def cell_texts(draw):
    """Cells built from the grammar: a few quantities, then h; a third of them with noisy parts."""
    noisy = draw(st.integers(0, 2)) == 0
    names = draw(st.lists(st.sampled_from(CLEAN["q"] + (NOISY["q"] if noisy else [])), max_size=3, unique=True))
    lines = [f"{q} = {draw(_expr(noisy))}" for q in names]
    lines.append(f"h = {draw(_expr(noisy))}")
    if draw(st.booleans()):
        lines.insert(0, draw(st.sampled_from(["states: h", "states: h, c", "matrices: W, U", "vectors: b",
                                              "name: mine", "description: a cell", "states: c, h"])))
    if noisy and draw(st.booleans()):
        lines.append(draw(st.sampled_from(PAYLOADS)))
    return "\n".join(lines)


def _parse(text):
    def parse():
        try:
            return parse_cell(text)
        except CellError as e:
            assert e.line >= 1 and e.column >= 1
            return None

    seconds, c = within(PARSE_SECONDS, parse)
    assert seconds < PARSE_SECONDS, f"parsing took too long: {text!r}"
    return c


def _check_runs(c, backend="numpy"):
    """The accepted cell compiles, runs, and its gradient agrees with a central difference."""
    m = compile_cell(c, backend)
    rng = np.random.default_rng(0)
    T, B, I, H = 3, 2, 2, 3
    p = {k: 0.4 * rng.standard_normal(s) for k, s in c.param_shapes(I, H).items()}
    x, dh = rng.standard_normal((T, B, I)), rng.standard_normal((T, B, H))
    hs, final = m.forward(x, p)
    assert hs.shape == (T, B, H) and set(final) == set(c.states)
    g = m.backward(x, p, dh)
    assert set(g) == {*p, "x", *(s + "0" for s in c.states)}
    if not (np.isfinite(hs).all() and all(np.isfinite(v).all() for v in g.values())):
        return                                      # e.g. h = h[t-1] * h[t-1] * ... overflowing
    v = {k: rng.standard_normal(a.shape) for k, a in p.items()}
    eps = 1e-6

    def loss(sign):
        return float((m.forward(x, {k: p[k] + sign * eps * v[k] for k in p})[0] * dh).sum())
    numeric = (loss(1) - loss(-1)) / (2 * eps)
    exact = sum(float((g[k] * v[k]).sum()) for k in p)
    assert abs(numeric - exact) <= 1e-5 * (1 + abs(exact)), (format_cell(c), numeric, exact)


@_examples(40)
@given(cell_texts())
def test_generated_cell_texts_are_refused_or_compile_and_run(text):
    c = _parse(text)
    if c is not None:
        _check_runs(c)


_MUTATION_CHARS = list("()[]+-*⊙σ=:,\n\\#@tx0123456789.e_ abcWUhc") + ["\u00a0", "\ud800", "\x00", "tanh(", "[t-1]"]
#: Mutations that keep the text grammatical more often: one token for another.
_SWAPS = [("tanh", "sigmoid"), ("sigmoid", "tanh"), (" + ", " - "), (" * ", " ⊙ "), ("h[t-1]", "c[t-1]"),
          ("(1 - ", "(2 - "), (" + b_", " * b_"), ("U_", "W_"), ("W_", "U_"), ("c[t-1]", "h[t-1]"), ("1", "0.5")]


@st.composite
def mutated_cells(draw):
    text = format_cell(draw(st.sampled_from(["lstm", "gru", "rnn", "peephole_lstm", "mgu", "lstm_cifg"])))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "swap", "swap", "swap"]))
        if kind == "swap":
            old, new = draw(st.sampled_from(_SWAPS))
            count = text.count(old)
            if count:
                k = draw(st.integers(0, count - 1))
                parts = text.split(old)
                text = old.join(parts[:k + 1]) + new + old.join(parts[k + 1:])
            continue
        k = draw(st.integers(0, len(text)))
        piece = "".join(draw(st.lists(st.sampled_from(_MUTATION_CHARS), min_size=1, max_size=3)))
        n = draw(st.integers(1, 8))
        text = text[:k] + (piece if kind != "delete" else "") + text[k + (0 if kind == "insert" else n):]
    return text


@_examples(25)
@given(mutated_cells())
def test_mutated_cell_texts_are_refused_or_compile_and_run(text):
    c = _parse(text)
    if c is not None:
        _check_runs(c)


@_examples(15)
@given(st.binary(max_size=300) | st.text(max_size=300))
def test_any_bytes_or_text_get_a_cell_or_a_cell_error(data):
    _parse(data)


# ============================================================================ arrays
_LSTM_SHAPES = symlstm.cell("lstm").param_shapes(3, 4)


@st.composite
def arrays(draw, shape):
    kind = draw(st.sampled_from(["ok"] * 6 + ["none", "list", "ragged", "dict", "str", "complex", "object",
                                              "scalar", "drop_axis", "zero", "int", "float32", "bool"]))
    rng = np.random.default_rng(draw(st.integers(0, 3)))
    a = rng.standard_normal(shape)
    return {"ok": a, "none": None, "list": a.tolist(), "ragged": [[1.0], [1.0, 2.0]], "dict": {"a": a},
            "str": "array", "complex": a + 1j, "object": np.array([None, a], dtype=object), "scalar": 1.5,
            "drop_axis": a.sum(axis=0), "zero": np.zeros((0,) + shape[1:]), "int": np.ones(shape, dtype=np.int64),
            "float32": a.astype(np.float32), "bool": np.ones(shape, bool)}[kind]


@st.composite
def call_arguments(draw):
    T, B = draw(st.integers(0, 3)), draw(st.integers(0, 2))
    x = draw(arrays((T, B, 3)))
    params = {k: draw(arrays(s)) if draw(st.integers(0, 7)) == 0 else np.full(s, 0.1)
              for k, s in _LSTM_SHAPES.items()}
    form = draw(st.sampled_from(["dict"] * 5 + ["none", "list", "missing", "extra"]))
    params = {"dict": params, "none": None, "list": list(params.values()),
              "missing": {k: v for k, v in list(params.items())[1:]}, "extra": {**params, "W_q": 1.0}}[form]
    state0 = draw(st.sampled_from([None, {}, "states", "list", "unknown", "none_inside"]))
    if state0 == "states":
        state0 = {"h": draw(arrays((B, 4))), "c": draw(arrays((B, 4)))}
    elif state0 == "list":
        state0 = [np.zeros((B, 4))] * 2
    elif state0 == "unknown":
        state0 = {"q": np.zeros((B, 4))}
    elif state0 == "none_inside":
        state0 = {"h": None}
    dh = draw(arrays((T, B, 4)))
    return x, params, state0, dh


_BACKENDS = ["numpy"] + (["numba"] if importlib.util.find_spec("numba") else [])


@pytest.fixture(scope="module", params=_BACKENDS)
def lstm(request):
    """The LSTM, its kernels compiled for both float dtypes (the time bound is for the call, not Numba)."""
    m = compile_cell("lstm", request.param)
    p = {k: np.full(s, 0.1) for k, s in _LSTM_SHAPES.items()}
    for dtype in (np.float64, np.float32):
        x = np.ones((2, 1, 3), dtype)
        m.backward(x, p, np.ones((2, 1, 4), dtype))
        m.forward(x, p)
    return m


@_examples(120)
@given(args=call_arguments(), backward=st.booleans())
def test_any_arguments_give_a_result_or_a_value_error(lstm, args, backward):
    x, params, state0, dh = args

    def call():
        try:
            if backward:
                g = lstm.backward(x, params, dh, state0)
                assert set(g) == {*_LSTM_SHAPES, "x", "h0", "c0"}
                assert all(np.isfinite(v).all() for v in g.values())
            else:
                hs, final = lstm.forward(x, params, state0)
                assert hs.ndim == 3 and hs.shape[2] == 4 and set(final) == {"h", "c"}
        except ValueError as e:
            assert str(e)

    seconds, _ = within(5, call)
    assert seconds < 5


# ============================================================================ command lines
@pytest.fixture(scope="module")
def cli_folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    (d / "good.cell").write_text("h = tanh(W x + U h[t-1] + b)\n")
    (d / "bad.cell").write_text("h = tanh(W x + " + "tanh(" * 9 + "b" + ")" * 10 + "\n")
    (d / "binary.cell").write_bytes(b"\xff\xfe\x00h = 1\n")
    (d / "values.json").write_text('{"x": [1, 2]}')
    return d


CELL_ARGS = ["lstm", "gru", "LSTM", "nonexistent", "/dev/zero", "/proc/self/mem", "/nonexistent/x.cell",
             "good.cell", "bad.cell", "binary.cell", "", "-", "lstm_cifg"]
NUMBERS_CLI = ["0", "-1", "1", "2", "3", "100000", "1e999", "inf", "nan", "9" * 30, "x"]
OPTIONS = {
    "equations": [["--backward"], ["--format", ["text", "latex", "markdown", "pdf"]], ["--notation", ["greff", "x"]]],
    "codegen": [["--backend", ["numpy", "numba", "cuda"]]],
    "unroll": [["--steps", ["1", "2", "0", "-1", "100000", "1e999"]], ["--hidden", ["1", "2", "0", "100000"]],
               ["--inputs", ["1", "0", "99"]], ["--values", ["values.json", "/dev/zero", "/nonexistent"]],
               ["--loss", ["squared_error", "hinge"]], ["--format", ["text", "json", "latex"]], ["--backward"]],
    "model": [["--head", ["linear_last", "linear_each", "x"]], ["--reduction", ["sum", "mean", "max"]],
              ["--backward"], ["--format", ["text", "latex"]]],
    "verify": [["--timeout", NUMBERS_CLI], ["--rename", ["C=c", "", "===", "{"]], ["--format", ["text", "json"]],
               ["--file", ["/dev/zero", "/proc/self/mem", "/nonexistent.tex", "good.cell"]],
               ["--seed", NUMBERS_CLI]],
    "cells": [],
}
CLAIMS = [r"\delta c_t = 1", r"\delta h_t = \Delta_t", "{" * 60, "", *PAYLOADS]


@st.composite
def command_lines(draw):
    """A subcommand, then its positionals and options as units in any order (options go anywhere)."""
    command = draw(st.sampled_from(sorted(OPTIONS)))
    units = []
    if command != "cells":
        units.append([draw(st.sampled_from(CELL_ARGS))])
    if command == "verify":
        units += [[draw(st.sampled_from(CLAIMS))], ["--points", "2"]]
    for option in draw(st.lists(st.sampled_from(OPTIONS[command] or [["--bogus"]]), max_size=3)):
        units.append([option[0]] + ([draw(st.sampled_from(option[1]))] if len(option) > 1 else []))
    if draw(st.integers(0, 9)) == 0:
        units.append([draw(st.sampled_from(["--bogus", "extra", "--", "-x"]))])
    return [command] + [arg for unit in draw(st.permutations(units)) for arg in unit]


@_examples(30)
@given(command_lines())
def test_any_command_line_ends_in_one_line_or_a_result(cli_folder, argv):
    def run():
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as e:
                code = e.code
        return code, out, err

    cwd = os.getcwd()
    os.chdir(cli_folder)
    try:
        seconds, (code, out, err) = within(60, run)
    finally:
        os.chdir(cwd)
    text = err.getvalue()
    assert "Traceback" not in text and "Traceback" not in out.getvalue(), (argv, text)
    assert code in (0, 1, 2), (argv, code, text)
    if code == 2:     # one message (a cell or claim error may show its line and a caret below it)
        errors = [line for line in text.splitlines() if line.startswith("symlstm ")]
        assert len(errors) == 1, (argv, text)
    assert seconds < 60, (argv, seconds)
