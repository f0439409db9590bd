"""Every input gets a result or a clean, documented error in under a second (issue 12's repros)."""
import importlib.util
import shutil

import numpy as np
import pytest

import symlstm
from symlstm.cells import names
from symlstm.cells.language import (
    MAX_CALL_DEPTH,
    MAX_EQUATIONS,
    MAX_NODES,
    MAX_PARAMETERS,
    MAX_TERMS,
    CellError,
    load_cell,
    parse_cell,
)
from symlstm.checks.check import check_compiled
from symlstm.codegen import plan
from symlstm.codegen.compile import compile as compile_cell
from symlstm.commands.cli import main
from _timing import within

BACKENDS = ["numpy", pytest.param("numba", marks=pytest.mark.skipif(
    importlib.util.find_spec("numba") is None, reason="numba is not installed"))]


# ============================================================================ generated forward/backward
@pytest.fixture(scope="module", params=BACKENDS)
def lstm(request):
    return compile_cell("lstm", request.param)


def _inputs(T=3, B=2, I=3, H=4):
    rng = np.random.default_rng(0)
    shapes = symlstm.cell("lstm").param_shapes(I, H)
    params = {k: 0.3 * rng.standard_normal(s) for k, s in shapes.items()}
    return rng.standard_normal((T, B, I)), params, rng.standard_normal((T, B, H))


BAD_CALLS = [
    ("dh None", lambda m, x, p, dh: m.backward(x, p, None), r"dh is None; expected an array of shape \(T, B, H\)"),
    ("state0 list", lambda m, x, p, dh: m.forward(x, p, [np.zeros((2, 4))] * 2),
     r"state0 must be None or a dict .* got list"),
    ("ragged x", lambda m, x, p, dh: m.forward([[[1.0, 2.0, 3.0]], [[1.0, 2.0]]], p), r"^x must be an array .* ragged"),
    ("x None", lambda m, x, p, dh: m.forward(None, p), r"^x is None"),
    ("x dict", lambda m, x, p, dh: m.forward({"x": x}, p), r"^x must be an array .* got a dict"),
    ("params None", lambda m, x, p, dh: m.forward(x, None), r"params must be a dict .* got NoneType"),
    ("params list", lambda m, x, p, dh: m.forward(x, list(p.values())), r"params must be a dict .* got list"),
    ("parameter None", lambda m, x, p, dh: m.forward(x, {**p, "U_f": None}), r"parameter 'U_f' is None"),
    ("parameter ragged", lambda m, x, p, dh: m.forward(x, {**p, "b_f": [[1.0], [1.0, 2.0]]}),
     r"parameter 'b_f' must be an array .* ragged"),
    ("state None inside", lambda m, x, p, dh: m.forward(x, p, {"h": None}), None),
    ("state ragged", lambda m, x, p, dh: m.forward(x, p, {"c": [[1.0], [1.0, 2.0]]}), r"state0\['c'\] must be"),
    ("dh ragged", lambda m, x, p, dh: m.backward(x, p, [[[1.0]], [[1.0, 2.0]]]), r"^dh must be an array"),
    ("dh wrong shape", lambda m, x, p, dh: m.backward(x, p, dh[:, :, :2]), r"dh has shape \(3, 2, 2\), expected"),
    ("T = 0", lambda m, x, p, dh: m.forward(x[:0], p), r"dimension T \(steps\) is zero; every dimension must be positive"),
    ("B = 0", lambda m, x, p, dh: m.forward(x[:, :0], p), r"dimension B \(batch\) is zero"),
    ("I = 0", lambda m, x, p, dh: m.forward(x[:, :, :0], {k: v[..., :0] if k.startswith("W") else v
                                                           for k, v in p.items()}), r"dimension I \(input size\) is zero"),
    ("H = 0", lambda m, x, p, dh: m.forward(x, {k: v[:0] for k, v in p.items()}),
     r"first dimension H \(the hidden size\) is zero; every dimension must be positive"),
]


@pytest.mark.parametrize("call, message", [(c, m) for _, c, m in BAD_CALLS], ids=[b[0] for b in BAD_CALLS])
def test_every_argument_is_validated_before_work(lstm, call, message):
    x, p, dh = _inputs()
    if message is None:                     # a None state means zeros: a result
        hs, final = call(lstm, x, p, dh)
        assert hs.shape == (3, 2, 4) and np.isfinite(hs).all()
        return

    def refused():
        with pytest.raises(ValueError, match=message):
            call(lstm, x, p, dh)

    seconds, _ = within(1, refused)
    assert seconds < 1


# ============================================================================ the cell language
REFUSED = [
    ("a = tanh(W x + U h[t-1] + h0)\nh = a", "'h0' cannot name a parameter: the gradient of the initial state"),
    ("c = tanh(W x + c0)\nh = c * tanh(c[t-1])", "'c0' cannot name a parameter"),
    ("delta = tanh(W x + U h[t-1])\nh = delta", "'delta' cannot name a quantity"),
    ("Delta = tanh(W x + U h[t-1])\nh = Delta", "'Delta' cannot name a quantity"),
    ("h = tanh(-h[t-1])", "the cell has no parameter"),
    ("grads = tanh(W x + U h[t-1])\nh = grads", "'grads' cannot name a quantity"),
    ("h_prev = tanh(W x + U h[t-1])\nh = h_prev", "names ending with '_prev'"),
    ("d_h = tanh(W x + U h[t-1])\nh = d_h", "names must not start with 'd_'"),
    ("h = tanh(W x + PARAM_SHAPES)", "'PARAM_SHAPES' cannot name a parameter"),
    ("a = tanh(U h[t-1])\nh = tanh(U a + W x)", "matrix 'U' multiplies h\\[t-1\\] on line 1 and a here"),
    ("h = tanh(W x + 1e+999999999999999999999)", "exponent is at most 30"),
    ("h = tanh(W x + 1e999999)", "exponent is at most 30"),
    ("h = tanh(W x + " + "9" * 5000 + ")", "number of 5000 characters"),
    ("h = tanh(W x + U h[t-" + "9" * 5000 + "])", "number of 5000 characters"),
    ("h = " + "tanh(" * 10 + "W x" + ")" * 10, f"more than {MAX_CALL_DEPTH} levels"),
    ("h = " + "tanh(" * 63 + "W x" + ")" * 63, "nested too deeply"),
    ("h = tanh(" + " + ".join(f"W{k} h[t-1]" for k in range(3000)) + ")", f"a sum of more than {MAX_TERMS} terms"),
    ("\n".join(f"a{q} = tanh(" + " + ".join(f"W{q}_{k} h[t-1]" for k in range(30)) + ")" for q in range(5))
     + "\nh = a0 + a1 + a2 + a3 + a4", f"more than {MAX_PARAMETERS} parameters"),
    ("h = tanh(W x + " + " + ".join(["1"] * 20000) + ")", f"a sum of more than {MAX_TERMS} terms"),
    ("\n".join(f"a{q} = tanh(W x + " + " + ".join(f"sigmoid(h[t-1] + {k})" for k in range(30)) + ")"
               for q in range(12)) + "\nh = a0", f"more than {MAX_NODES} operands and operations"),
    ("\n".join(f"a{k} = tanh(W x + b)" for k in range(MAX_EQUATIONS)) + "\nh = a0", f"more than {MAX_EQUATIONS}"),
    ("#" * 200_000, "the limit is 100000 bytes"),
    ("h = tanh(W x)\ud800", "lone surrogate"),
    (b"h = tanh(W x)\xff\xfe", "not UTF-8 text"),
    ("h = __import__('os').system('touch /tmp/symlstm-pwned')", "unexpected"),
]


@pytest.mark.parametrize("text, message", REFUSED, ids=[r[1][:40] for r in REFUSED])
def test_refused_at_parse_time_with_a_cell_error(text, message):
    def refused():
        with pytest.raises(CellError, match=message) as info:
            parse_cell(text)
        return info

    seconds, info = within(1, refused)
    assert seconds < 1
    assert info.value.line >= 1 and info.value.column >= 1


def test_invalid_utf8_file_is_a_cell_error(tmp_path):
    p = tmp_path / "bad.cell"
    p.write_bytes(b"h = tanh(W x + b)\n\xff\n")
    with pytest.raises(CellError, match="not UTF-8 text") as info:
        load_cell(p)
    assert info.value.line == 2
    p.write_bytes(b"# x\n" * 30_000)
    with pytest.raises(CellError, match="the limit is 100000 bytes"):
        load_cell(p)


def test_one_reserved_name_table_for_the_language_and_the_generators():
    assert plan.RESERVED is names.RESERVED
    for n in ("grads", "np", "x_t", "dh_t", "PARAM_SHAPES", "range"):
        assert n in names.RESERVED
        with pytest.raises(CellError):
            parse_cell(f"a = tanh(W x + {n})\nh = a")
    # a programmatic cell with such a name is refused by compile with the same reason
    from symlstm import Cell, mat, param, t, tanh, vec
    h = vec("h")
    c = Cell("odd", [__import__("sympy").Eq(h(t), tanh(mat("W") @ vec("x")(t) + param("hs")))], states=("h",))
    with pytest.raises(ValueError, match="'hs' cannot name a quantity or parameter"):
        compile_cell(c)


ACCEPTED = [
    ("one parameter", "h = tanh(W x)"),
    ("one vector parameter", "h = tanh(b + h[t-1])"),
    ("shared weight", "a = tanh(W x + U h[t-1])\nh = a * tanh(V x + U h[t-1])"),
    ("shared weight in a product", "r = sigmoid(W_r x + U_r h[t-1])\nz = sigmoid(W_z x + U_r h[t-1])\n"
                                   "h = z * h[t-1] + (1 - z) * tanh(W x + U (r * h[t-1]))"),
    ("nested calls at the limit", "h = " + "tanh(" * MAX_CALL_DEPTH + "W x + U h[t-1]" + ")" * MAX_CALL_DEPTH),
    ("product of many sums", "h = tanh(W x + U h[t-1]) * " + " * ".join(f"(b{k} + h[t-1])" for k in range(12))),
    ("odd names", "a0 = tanh(W_a_b x + U__ h[t-1] + b__c_)\nq_1 = sigmoid(a0 + p)\n"
                  "h = q_1 * tanh(V_1 x + U__ h[t-1] + q_)"),
]


#: The structural cases also on Numba (its compiles cost seconds); every case on NumPy.
NUMBA_CASES = ("one parameter", "one vector parameter", "shared weight")


_NO_NUMBA = pytest.mark.skipif(importlib.util.find_spec("numba") is None, reason="numba is not installed")


@pytest.mark.parametrize("text, backend", [pytest.param(a[1], "numpy", id=f"{a[0]}-numpy") for a in ACCEPTED] +
                         [pytest.param(a[1], "numba", id=f"{a[0]}-numba", marks=_NO_NUMBA)
                          for a in ACCEPTED if a[0] in NUMBA_CASES])
def test_accepted_means_it_compiles_and_runs_correctly(text, backend):
    c = parse_cell(text)
    report = check_compiled(compile_cell(c, backend), sizes=((3, 2, 2, 3),))
    assert report.passed, "\n".join(report.lines())


def test_shared_weights_from_couple_compile_and_their_gradient_sums_both_uses():
    c = symlstm.couple("peephole_lstm", "o", "sigmoid(W_f x + U_f h[t-1] + b_f)")
    report = check_compiled(compile_cell(c), sizes=((3, 2, 2, 3),))
    assert report.passed, "\n".join(report.lines())


def test_the_relu_hint_leads_to_no_second_error():
    with pytest.raises(CellError) as info:
        parse_cell("h = relu(W x + U h[t-1])")
    assert "the functions are sigmoid, σ, tanh" in str(info.value) and "relu (" not in str(info.value)


# ============================================================================ the command line
def _cli(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err + out
    return code, out, err


@pytest.mark.parametrize("argv, message", [
    (("verify", "lstm", r"\delta c_t = 1", "--timeout", "inf"), "--timeout: expected a finite number"),
    (("verify", "lstm", r"\delta c_t = 1", "--timeout", "1e999"), "--timeout: expected a finite number"),
    (("unroll", "lstm", "--hidden", "100000"), "n_hidden is 100000; scalar unrolling takes at most 8"),
    (("unroll", "lstm", "--steps", "1000000"), "steps is 1000000; scalar unrolling takes at most 2000"),
    (("unroll", "lstm", "--values", "/dev/zero"), "--values '/dev/zero' is not a regular file"),
    (("verify", "lstm", "--file", "/dev/zero"), "--file '/dev/zero' is not a regular file"),
    (("equations", "/dev/zero"), "'/dev/zero' is not a regular file"),
    (("equations", "/proc/self/mem"), "cannot read cell file '/proc/self/mem'"),
    (("equations", "LSTM"), "did you mean"),
    (("equations", "lstm", "--bogus"), "unrecognized arguments: --bogus"),
])
def test_cli_errors_are_one_line_and_exit_2(capsys, argv, message):
    seconds, (code, out, err) = within(2, lambda: _cli(capsys, *argv))
    assert code == 2 and message in err
    assert seconds < 2
    lines = [line for line in err.splitlines() if not line.startswith(("usage:", " "))]
    assert len(lines) == 1, err


def test_usage_errors_print_the_subcommands_usage(capsys):
    code, _, err = _cli(capsys, "equations", "lstm", "--format", "pdf")
    assert code == 2 and err.startswith("usage: symlstm equations")


def test_options_anywhere_on_every_subcommand(capsys):
    code, out, _ = _cli(capsys, "verify", "lstm", "--rename", "C=c", r"\delta C_t = 1")
    assert code == 1 and out.startswith("fails")         # read and decided, not a usage error
    code, out, _ = _cli(capsys, "equations", "--backward", "lstm", "--format", "text")
    assert code == 0 and "δh_t" in out


def test_model_help_promises_only_what_the_flags_give(capsys):
    code, out, _ = _cli(capsys, "model", "--help")
    assert code == 0 and "--backward adds" in " ".join(out.split())


def test_derive_with_unusual_names_writes_every_output(tmp_path, capsys):
    p = tmp_path / "odd.cell"
    p.write_text(ACCEPTED[-1][1] + "\n")
    code, out, err = _cli(capsys, "derive", str(p), "--out", str(tmp_path / "out"))
    assert code == 0, err
    files = {f.name for f in (tmp_path / "out").iterdir()}
    assert {"odd.tex", "odd_cell.py"} <= files
    if shutil.which("pdflatex"):
        assert "odd.pdf" in files
    assert r"\mathit{U\_\_}" in (tmp_path / "out" / "odd.tex").read_text()


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
@pytest.mark.parametrize("name", ["lstm", "gru"])
def test_the_main_jobs_pdf_has_no_row_wider_than_the_text(name):
    from symlstm.docs.booklet import cell_tex, compile_pdf, overfull_rows
    c = symlstm.cell(name)
    pdf, log = compile_pdf(cell_tex(c, symlstm.derive(c)))
    assert pdf.startswith(b"%PDF") and "Output written" in log
    assert overfull_rows(log) == []


def test_a_pdflatex_failure_is_one_line_and_the_other_outputs_stay(tmp_path, capsys, monkeypatch):
    from symlstm.commands import derive as derive_command
    from symlstm.docs.booklet import BookletError

    def fail(tex):
        raise BookletError("pdflatex failed:\nThis is pdfTeX\n! Undefined control sequence.\nl.12 \\foo\n")
    monkeypatch.setattr(derive_command, "compile_pdf", fail)
    monkeypatch.setattr(derive_command, "pdflatex_available", lambda: True)
    code, out, err = _cli(capsys, "derive", "rnn", "--out", str(tmp_path))
    assert code == 1
    assert [line for line in err.splitlines() if "PDF" in line] == [
        "PDF not written: pdflatex failed: Undefined control sequence. (the .tex is kept; --no-pdf skips this)"]
    assert {f.name for f in tmp_path.iterdir()} == {"rnn.tex", "rnn_cell.py"} and "PASS" in out


def test_the_cache_key_covers_every_module_that_generates_code():
    """After the package was reorganised the key named files that no longer existed, so a changed
    generator loaded stale modules; now every generator module is read, and a missing one fails."""
    import sys
    from pathlib import Path

    from symlstm.codegen import compile as compile_module
    from symlstm.codegen.compile import cache_key, generate
    generate("lstm", "numpy"), generate("lstm", "numba")
    root = Path(compile_module.__file__).parent.parent
    files = set(compile_module._generator_files(root))
    assert all(f.is_file() for f in files)
    used = {Path(m.__file__) for name, m in list(sys.modules.items())
            if name.startswith("symlstm.codegen.") and not name.rpartition(".")[2].startswith("export")}
    assert used <= files
    assert len(cache_key("lstm", "numpy")) == 16
