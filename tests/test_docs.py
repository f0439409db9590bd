"""docs/: the committed generated files equal a fresh build; pages, code view, booklet and manifest."""
import re
from pathlib import Path

import numpy as np
import pytest

import symlstm
from symlstm.commands.cli import main
from symlstm.docs import MANIFEST, PARTS, Build, StaleRecord, read_manifest, render, write
from symlstm.docs.booklet import break_rows
from symlstm.docs.cellpage import EXAMPLE_SIZE, H_, I_, cell_page, param_count, param_table
from symlstm.docs.codeview import code_rows

DOCS = Path(__file__).resolve().parent.parent / "docs"


# --------------------------------------------------------------------------- docs/ is in sync
@pytest.mark.parametrize("part", PARTS)
def test_committed_docs_equal_a_fresh_build(part):
    committed = read_manifest(DOCS)
    assert committed, f"{DOCS / MANIFEST} is missing: run `symlstm docs --out docs`"
    build = render((part,), record_dir=DOCS, training="reuse", missing_tools="skip")
    produced = build.parts[part]
    assert sorted(produced) == sorted(committed.get(part, [])), \
        f"the files of part {part!r} changed: run `symlstm docs --out docs` and commit docs/"
    stale = [p for p in produced if p not in build.skipped and (DOCS / p).read_bytes() != build.files[p]]
    assert not stale, f"out of date in docs/: {stale}; run `symlstm docs --out docs` and commit docs/"
    if build.skipped:
        pytest.skip("not compared, a tool is missing: " +
                    "; ".join(f"{p} ({r})" for p, r in sorted(build.skipped.items())))


def test_every_built_in_cell_has_a_page_and_the_readme_targets_exist():
    committed = read_manifest(DOCS)
    pages = {p for p in committed.get("cells", []) if p.endswith(".md")}
    assert pages == {f"cells/{n}.md" for n in symlstm.available_cells()} | {"cells/README.md"}
    for p in ("symlstm-booklet.pdf", "gradient-flow.png", "training-adding.png", "cells/lstm.md"):
        assert (DOCS / p).is_file(), p


# --------------------------------------------------------------------------- pages
def test_lstm_page_has_equations_jacobians_parameters_and_code():
    c = symlstm.cell("lstm")
    page = cell_page(c, symlstm.derive(c), diagram="lstm.svg")
    assert "![The lstm cell, drawn from its equations](lstm.svg)" in page
    assert r"c_{t} &= f_{t} \odot c_{t-1} + i_{t} \odot g_{t}" in page
    assert r"\delta c_{t} &= \delta h_{t} \odot o_{t}" in page
    assert r"\frac{\partial c_{t}}{\partial c_{t-1}} &= \operatorname{diag}\left(f_{t}\right)" in page
    assert "| `c = c_prev*f + g*i` |" in page
    assert page.count("$$") % 2 == 0


@pytest.mark.parametrize("name", ["rnn", "lstm", "peephole_lstm", "gru"])
def test_parameter_counts_agree_with_the_shapes(name):
    c = symlstm.cell(name)
    n_in, n_hidden = EXAMPLE_SIZE
    expected = sum(int(np.prod(s)) for s in c.param_shapes(n_in, n_hidden).values())
    assert int(param_count(c).subs({I_: n_in, H_: n_hidden})) == expected
    assert f"**{expected:,}**" in param_table(c)
    assert len(param_table(c).splitlines()) == 2 + len(c.params) + 1


@pytest.mark.parametrize("name", symlstm.available_cells())
def test_code_view_covers_every_equation(name):
    """Every forward quantity and every adjoint has its generated line, typeset by latexify."""
    d = symlstm.derive(name)
    rows = code_rows(name)
    fwd = {r.target: r for r in rows if r.phase == "forward"}
    bwd = {r.target: r for r in rows if r.phase == "backward"}
    for q, _ in d.expanded:
        assert q in fwd, f"no forward line for {q}"
        assert fwd[q].code.startswith(f"{q} = ") and fwd[q].typeset
    for eq in d.adjoints:
        q = eq.lhs.func.__name__[len("delta_"):]
        assert f"d_{q}" in bwd, f"no backward line for δ{q}"
    for s in d.cell.states:
        assert f"_carry_{s}" in bwd


def test_code_view_typesets_the_generated_line():
    rows = {r.target: r for r in code_rows("lstm") if r.phase == "forward"}
    assert rows["c"].typeset == r"c(\mathrm{c\_prev}, f, g, i) = \mathrm{c\_prev} \cdot f + g i"
    assert rows["i"].typeset == r"i(\mathrm{i\_bar}) = \sigma \mathopen{}\left( \mathrm{i\_bar} \mathclose{}\right)"
    # a slice of the stacked product is named by what it holds
    assert "U_i_h_prev" in rows["i_bar"].typeset.replace(r"\_", "_")
    assert rows["i_bar"].math == r"\bar{i}_{t} = W_{i} x_{t} + U_{i} h_{t-1} + b_{i}"


def test_broken_rows_keep_every_term():
    d = symlstm.derive("peephole_lstm")
    eq = d.adjoints[3]                                     # δc_t: five terms
    rows = break_rows([("L", eq.rhs)], d.cell.quantities, width=12)
    assert len(rows) == 1 and rows[0].count(r"&\qquad") >= 2
    joined = re.sub(r"\s*\\\\\n\s*&\\qquad\s*", " ", rows[0])
    assert joined == "L &= " + symlstm.latex.printing.latex(eq.rhs, order=d.cell.quantities)


# --------------------------------------------------------------------------- build machinery
def test_write_keeps_hand_written_files_and_removes_stale_ones(tmp_path):
    (tmp_path / "cell-language.md").write_text("by hand\n")
    b = Build()
    b.add("flow", "gradient-flow.md", "one\n")
    b.add("flow", "old.png", b"\x89PNG")
    assert sorted(write(tmp_path, b)) == [MANIFEST, "gradient-flow.md", "old.png"]
    assert write(tmp_path, b) == []                        # unchanged: nothing written
    b2 = Build()
    b2.add("flow", "gradient-flow.md", "two\n")
    assert sorted(write(tmp_path, b2)) == [MANIFEST, "gradient-flow.md", "old.png"]
    assert not (tmp_path / "old.png").exists()
    assert (tmp_path / "cell-language.md").read_text() == "by hand\n"
    assert read_manifest(tmp_path) == {"flow": ["gradient-flow.md"]}
    b3 = Build()
    b3.add("cells", "cells/README.md", "index\n")
    write(tmp_path, b3)
    assert read_manifest(tmp_path) == {"cells": ["cells/README.md"], "flow": ["gradient-flow.md"]}


def test_render_validates_before_work(tmp_path):
    with pytest.raises(ValueError, match="unknown docs parts"):
        render(("pictures",))
    with pytest.raises(ValueError, match="training must be one of"):
        render(("training",), training="sometimes")
    with pytest.raises(KeyError, match="unknown cell 'nope'"):
        render(("cells",), cells=["nope"])
    with pytest.raises(StaleRecord, match="missing or stale"):
        render(("training",), record_dir=tmp_path, training="reuse")


def test_cli_builds_and_checks(tmp_path, capsys):
    out = tmp_path / "docs"
    assert main(["docs", "--out", str(out), "--only", "flow"]) == 0
    assert sorted(read_manifest(out)["flow"]) == ["gradient-flow.md", "gradient-flow.png"]
    assert str(out / "gradient-flow.png") in capsys.readouterr().out
    assert main(["docs", "--out", str(out), "--only", "flow", "--check"]) == 0
    (out / "gradient-flow.md").write_text("edited\n")
    assert main(["docs", "--out", str(out), "--only", "flow", "--check"]) == 1
    assert "gradient-flow.md: differs" in capsys.readouterr().out


def test_flow_page_numbers_are_the_experiments():
    from symlstm.models.flow import gradient_flow
    page = (DOCS / "gradient-flow.md").read_text()
    r = gradient_flow("lstm", forget_bias=1.0)
    assert f"| lstm (b_f = 1): ‖∂c_T/∂c_t‖ | {r.at('c', 1):.3g} |" in page
    assert f"{r.at('c', 100):.3g}" in page and page.count("$$") % 2 == 0


def test_the_documented_flow_command_reproduces_the_plot(tmp_path, capsys):
    from symlstm.docs.pages import FLOW_COMMAND
    args = FLOW_COMMAND.split()[1:]
    args[args.index("-o") + 1] = str(tmp_path / "gradient-flow.png")
    assert main(args) == 0
    assert (tmp_path / "gradient-flow.png").read_bytes() == (DOCS / "gradient-flow.png").read_bytes()


def test_missing_tools_are_skipped_or_reported(monkeypatch):
    import symlstm.docs.diagram
    monkeypatch.setattr(symlstm.docs.diagram, "dot_available", lambda: False)
    with pytest.raises(FileNotFoundError, match="Graphviz 'dot' is needed"):
        render(("cells",), cells=["rnn"])
    build = render(("cells", "booklet"), cells=["rnn"], missing_tools="skip")
    assert set(build.skipped) == {"cells/rnn.svg", "cells/rnn.png", "symlstm-booklet.tex",
                                  "symlstm-booklet.pdf"}
    assert "cells/rnn.md" in build.files and "cells/README.md" in build.files
    assert sorted(build.parts["cells"]) == ["cells/README.md", "cells/rnn.md", "cells/rnn.png", "cells/rnn.svg"]
