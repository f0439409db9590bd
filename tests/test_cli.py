"""The command line: the main job and its subcommands."""
import json
import shutil
import subprocess
import sys

import pytest

from symlstm.commands.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "symlstm", *args], capture_output=True, text=True)


def test_cells_lists_everything(capsys):
    assert main(["cells", "--names"]) == 0
    import symlstm
    assert capsys.readouterr().out.split() == symlstm.available_cells()


def test_equations_text_and_backward(capsys):
    assert main(["equations", "lstm", "--backward"]) == 0
    out = capsys.readouterr().out
    assert "c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t" in out
    assert "δc_t = δh_t ⊙ o_t ⊙ (1 - tanh²(c_t)) + δc_{t+1} ⊙ f_{t+1}" in out
    assert "∂c_t/∂c_{t-1} = diag(f_t)" in out


@pytest.mark.parametrize("fmt, marker", [("latex", r"\begin{align}"), ("markdown", "$$")])
def test_equations_formats(capsys, fmt, marker):
    assert main(["equations", "gru", "--format", fmt]) == 0
    assert marker in capsys.readouterr().out


def test_codegen_writes_identical_standalone_files(tmp_path):
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    assert main(["codegen", "lstm", "-o", str(a)]) == 0
    assert main(["codegen", "lstm", "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert "import numpy as np" in a.read_text() and "import sympy" not in a.read_text()


def test_derive_main_job(tmp_path):
    out = tmp_path / "lstm"
    p = run("derive", "lstm", "--out", str(out))
    assert p.returncode == 0, p.stderr
    assert "δh_t = Δ_t + U_iᵀ δi\u0304_{t+1}" in p.stdout
    assert (out / "lstm.tex").read_text().startswith(r"\documentclass")
    assert (out / "lstm_cell.py").exists()
    assert "check of lstm against reference" in p.stdout and "PASS" in p.stdout
    if shutil.which("pdflatex"):
        assert (out / "lstm.pdf").read_bytes()[:5] == b"%PDF-"
    else:
        assert "pdflatex not found" in p.stderr


def test_unknown_cell_is_a_usage_error():
    p = run("derive", "lstmm", "--no-pdf")
    assert p.returncode == 2
    assert "unknown cell 'lstmm' (did you mean 'lstm'?); available cells: rnn, lstm" in p.stderr
    assert p.stdout == ""


def test_version_and_help():
    p = run("--help")
    assert p.returncode == 0 and "derive" in p.stdout
    assert run("--version").stdout.startswith("symlstm ")
