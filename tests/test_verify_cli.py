"""`symlstm verify`: one claim or a .tex file; results on stdout, status on stderr, exit 0/1/2."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import symlstm
from symlstm.commands.cli import main

GREFF = Path(__file__).resolve().parents[1] / "docs" / "examples" / "greff2017_backward.tex"
GOOD = r"\delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^2(c_t)) + \delta c_{t+1} \odot f_{t+1}"
BAD = r"\delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^2(c_t))"


def run(capsys, *argv):
    code = main(["verify", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_claim_that_holds(capsys):
    code, out, err = run(capsys, "lstm", GOOD)
    assert code == 0
    assert out.startswith("holds (symbolic): \\delta c_{t} = ")


def test_one_claim_that_fails(capsys):
    code, out, err = run(capsys, "lstm", BAD)
    assert code == 1
    assert out.startswith("fails (numeric (30 random points")
    assert r"correct: \delta c_{t} = " in out and r"\delta c_{t+1} \odot f_{t+1}" in out
    assert "difference (claimed - correct): - \\delta c_{t+1} \\odot f_{t+1}" in out
    assert "counterexample (t = " in out and "claimed right side = " in out and "correct right side = " in out


def test_one_claim_json(capsys):
    code, out, _ = run(capsys, "lstm", BAD, "--format", "json", "--points", "6", "--seed", "3")
    assert code == 1
    data = json.loads(out)
    assert data["cell"] == "lstm" and data["result"]["holds"] is False
    assert data["result"]["method"].startswith("numeric (6 random points")
    assert data["result"]["counterexample"]["values"]


def test_one_claim_with_rename(capsys):
    code, out, _ = run(capsys, "lstm", r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t", "--rename", r"C=c,\tilde{C}=g")
    assert code == 0, out


@pytest.mark.parametrize("claim", [
    "hello world",
    r"c_t = f_t \odot",
    "__import__('os').system('echo pwned')",
    "().__class__.__bases__",
    "h_t = lambda x: x",
    r"c_t = f_t \odot q_{t-1}",
    "x" * (1024 * 1024),
    "c_t = " + "{" * 100 + "f_t" + "}" * 100,
])
def test_unreadable_claims_exit_2_with_a_clear_error(capsys, claim):
    code, out, err = run(capsys, "lstm", claim)
    assert code == 2 and out == ""
    assert err.startswith("symlstm verify: cannot read: ")
    assert "pwned" not in err.split("cannot read:")[0]


def test_limits_are_named_in_the_error(capsys):
    _, _, err = run(capsys, "lstm", "x" * (1024 * 1024))
    assert "the limit is 20000 characters" in err
    _, _, err = run(capsys, "lstm", "c_t = " + "{" * 100 + "f_t" + "}" * 100)
    assert "deeper than 40 levels" in err


def test_unreadable_claim_json(capsys):
    code, out, _ = run(capsys, "lstm", r"c_t = f_t \odot )", "--format", "json")
    assert code == 2
    err = json.loads(out)["errors"][0]
    assert (err["line"], err["column"]) == (1, 17) and "expected" in err["message"]


def test_usage_errors(capsys):
    assert run(capsys, "lstm")[0] == 2
    assert run(capsys, "lstm", GOOD, "--file", str(GREFF))[0] == 2
    assert run(capsys, "no_such_cell", GOOD)[0] == 2
    assert run(capsys, "lstm", GOOD, "--points", "0")[0] == 2
    code, _, err = run(capsys, "lstm", "--file", "/nonexistent/derivation.tex")
    assert code == 2 and "no such file" in err


def test_greff_file(capsys):
    code, out, err = run(capsys, "peephole_lstm", "--file", str(GREFF))
    assert code == 1
    lines = [ln for ln in out.splitlines() if ln.startswith(str(GREFF))]
    assert len(lines) == 32
    fails = [ln for ln in lines if " FAIL " in ln]
    assert len(fails) == 1 and r"c^{t} \odot \sigma'(\bar{f}^t)" in fails[0]
    lineno = int(fails[0].split(":")[1])
    assert r"\delta \bar{f}^t &=" in GREFF.read_text().splitlines()[lineno - 1]
    assert all(" pass (symbolic) " in ln for ln in lines if ln not in fails)
    assert r"correct right side: \delta c_{t} \odot f_{t} \odot \left(1 - f_{t}\right) \odot c_{t-1}" in out
    assert "counterexample (t = " in out
    assert "32 equations in" in err and "31 hold, 1 fail" in err


def test_greff_file_json(capsys):
    code, out, err = run(capsys, "peephole_lstm", "--file", str(GREFF), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == {"equations": 32, "hold": 31, "fail": 1, "unreadable": 0, "skipped": 0}
    assert {r["status"] for r in data["results"]} == {"pass", "fail"} and data["results"][0]["line"] < 40
    bad = [r for r in data["results"] if not r["holds"]]
    assert len(bad) == 1 and "c_{t-1}" in bad[0]["correct"] and bad[0]["counterexample"]
    assert "y=h" in data["rename"]
    assert "[32/32]" in err


@pytest.mark.parametrize("name", ["lstm", "gru", "peephole_lstm"])
def test_file_of_symlstms_own_equations_passes(capsys, tmp_path, name):
    c = symlstm.cell(name)
    path = tmp_path / f"{name}.tex"
    path.write_text(symlstm.latex.printing.latex_document(c, symlstm.derive(c)))
    code, out, err = run(capsys, name, "--file", str(path))
    assert code == 0, out
    assert "FAIL" not in out and " 0 fail" in err


def test_file_with_an_unreadable_equation_checks_the_others(capsys, tmp_path):
    path = tmp_path / "notes.tex"
    path.write_text("Intro.\n\\begin{align}\nc_t &= f_t \\odot c_{t-1} + i_t \\odot g_t \\\\\n"
                    "h_t &= o_t \\odot \\tanh(c_t) + \\foo\n\\end{align}\n")
    code, out, err = run(capsys, "lstm", "--file", str(path))
    assert code == 1
    assert f"{path}:3: pass (symbolic)" in out
    assert f"{path}:4:31: unreadable: unknown command \\foo" in out
    assert "2 equations" in err and "1 hold, 0 fail, 1 unreadable" in err
    code, out, err = run(capsys, "lstm", "--file", str(path), "--format", "json")
    rows = json.loads(out)["results"]
    assert [r["status"] for r in rows] == ["pass", "unreadable"] and rows[1]["holds"] is None


def test_unreadable_files_exit_2(capsys, tmp_path):
    binary = tmp_path / "binary.tex"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    code, _, err = run(capsys, "lstm", "--file", str(binary))
    assert code == 2 and "not a UTF-8 text file" in err
    big = tmp_path / "big.tex"
    big.write_text("%" * (1024 * 1024 + 1))
    code, _, err = run(capsys, "lstm", "--file", str(big))
    assert code == 2 and "the limit is 1000000" in err
    unclosed = tmp_path / "unclosed.tex"
    unclosed.write_text("\\begin{align}\nc_t &= f_t\n")
    code, _, err = run(capsys, "lstm", "--file", str(unclosed))
    assert code == 2 and "never closed" in err


def test_skip_directive_and_empty_file(capsys, tmp_path):
    path = tmp_path / "skip.tex"
    path.write_text("\\begin{align}\nL &= \\sum_t \\ell_t \\\\ % symlstm: skip\n"
                    "c_t &= f_t \\odot c_{t-1} + i_t \\odot g_t\n\\end{align}\n")
    code, out, err = run(capsys, "lstm", "--file", str(path))
    assert code == 0 and ":2: skipped" in out and "1 skipped" in err
    empty = tmp_path / "empty.tex"
    empty.write_text("no equations here\n")
    code, out, err = run(capsys, "lstm", "--file", str(empty))
    assert code == 0 and "no equations found" in err


def test_real_entry_point():
    proc = subprocess.run([sys.executable, "-m", "symlstm", "verify", "lstm", BAD], capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout.startswith("fails")
    proc = subprocess.run([sys.executable, "-m", "symlstm", "verify", "lstm", "__import__('os')"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "cannot read" in proc.stderr and proc.stdout == ""


def test_notation_with_a_cell_reads_the_presets_names(capsys):
    claim = r"\delta C_t = \delta h_t \odot o_t \odot (1 - \tanh^2(C_t)) + \delta C_{t+1} \odot f_{t+1}"
    code, out, _ = run(capsys, "lstm", claim, "--notation", "colah")
    assert code == 0 and out.startswith("holds")
    code, _, err = run(capsys, "lstm", claim, "--notation", "nope")
    assert code == 2 and "unknown notation 'nope'" in err
