"""Notations as data: every preset prints a cell and its derivation, and verify reads it back (round trip)."""
import re

import pytest

from symlstm.cells.registry import available_cells, cell
from symlstm.commands.cli import main
from symlstm.derive import derive
from symlstm.latex.notation import PRESETS, Notation, notation, time_latex
from symlstm.latex.printing import latex_notation
from symlstm.verify.judging.judge import verify_derivation

#: Every preset is checked on these cells; every cell in the default notation (the rest is slow).
CELLS = ("rnn", "lstm", "gru", "gru_reset_after")


def test_presets_named_in_the_issue():
    assert {"greff", "pytorch", "d2l", "colah", "coursera", "goodfellow"} <= set(PRESETS)
    assert notation(None).name == "greff"
    assert notation("D2L") is PRESETS["d2l"]
    with pytest.raises(ValueError, match="unknown notation 'klingon'; the presets are greff"):
        notation("klingon")
    with pytest.raises(TypeError):
        notation(3)


@pytest.mark.parametrize("style, k, out", [
    ("sub", 0, "_{t}"), ("sub", -1, "_{t-1}"), ("sup", 1, "^{t+1}"), ("paren", -1, "^{(t-1)}"),
    ("angle", 0, r"^{\langle t \rangle}"), ("words", -1, "_{prev}"), ("words", 0, "_{next}"),
])
def test_time_styles(style, k, out):
    assert time_latex(style, k) == out


def test_gradient_styles():
    body = "h_{t}"
    assert Notation("a", gradient="delta").gradient_of(body) == r"\delta h_{t}"
    assert Notation("a", gradient="d").gradient_of(body) == "dh_{t}"
    assert Notation("a", gradient="partial").gradient_of(body) == r"\frac{\partial L}{\partial h_{t}}"
    assert Notation("a", gradient="nabla").gradient_of(body) == r"\nabla_{h_{t}} L"


def test_printed_in_each_notation():
    c, d = cell("lstm"), derive(cell("lstm"))
    d2l = latex_notation(c, d, notation="d2l")
    assert r"I_{t} &= \sigma\left(X_{t} W_{xi} + H_{t-1} W_{hi} + b_{i}\right)" in d2l
    assert r"\frac{\partial L}{\partial C_{t}}" in d2l
    cs = latex_notation(c, d, notation="coursera")
    assert r"a^{\langle t \rangle} &= \Gamma_{o}^{\langle t \rangle} * \tanh" in cs and "da^{\\langle t \\rangle}" in cs
    gf = latex_notation(c, d, notation="goodfellow")
    assert r"\nabla_{h^{(t)}} L" in gf and "h^{(t-1)}" in gf


def test_equations_command_prints_a_notation(capsys):
    assert main(["equations", "lstm", "--backward", "--notation", "d2l"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(r"\begin{align}") and r"X_{t} W_{xi}" in out and r"\frac{\partial L}{\partial H_{t}}" in out


def _round_trip(name, preset):
    c = cell(name)
    text = latex_notation(c, derive(c), notation=preset)
    report = verify_derivation(text)
    return text, report


@pytest.mark.parametrize("preset", sorted(PRESETS))
@pytest.mark.parametrize("name", CELLS)
def test_round_trip_every_preset(name, preset):
    text, report = _round_trip(name, preset)
    bad = [(r.line, r.status, r.why, r.text) for r in report.results if r.status != "pass"]
    assert not bad, bad
    assert len(report.results) == text.count("&=")


@pytest.mark.parametrize("name", sorted(set(available_cells()) - set(CELLS)))
def test_round_trip_every_cell(name):
    text, report = _round_trip(name, "greff")
    assert [r for r in report.results if r.status != "pass"] == []


def _mutate(text):
    """Drop the last term of the first backward row that has several (a typical slip)."""
    rows = text.split("\\\\\n")
    for k, row in enumerate(rows):
        lhs, _, rhs = row.partition("&=")
        grad = any(g in lhs for g in (r"\delta", r"\partial L", r"\nabla")) or lhs.strip().startswith("d")
        if grad and " + " in rhs and "Delta" not in rhs:
            rows[k] = lhs + "&=" + rhs.rsplit(" + ", 1)[0]
            return "\\\\\n".join(rows), k
    raise AssertionError("nothing to mutate")


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_a_mutated_row_fails(preset):
    c = cell("lstm")
    text, k = _mutate(latex_notation(c, derive(c), notation=preset))
    report = verify_derivation(text)
    statuses = [r.status for r in report.results]
    assert statuses.count("fail") == 1, [(r.text, r.why) for r in report.results if r.status != "pass"]
    assert "unreadable" not in statuses
