"""Cell diagrams: the graph read off the equations, DOT text, Graphviz rendering, the CLI."""
import pytest
import sympy

import symlstm
from symlstm import Cell, mat, param, sigmoid, t, tanh, vec
from symlstm.commands.cli import main
from symlstm.docs.diagram import cell_graph, dot_available, dot_source, render

needs_dot = pytest.mark.skipif(not dot_available(), reason="Graphviz 'dot' is not installed")
x, h, c = vec("x"), vec("h"), vec("c")


def kinds(g):
    return {n.id: n.kind for n in g.nodes}


def edge_kinds(g):
    return {(e.src, e.dst, e.kind, e.label) for e in g.edges}


def test_lstm_graph_is_read_off_the_equations():
    g = cell_graph("lstm")
    k = kinds(g)
    assert k["x"] == "input" and k["h_prev"] == k["c_prev"] == "previous"
    assert k["i"] == k["f"] == k["o"] == "gate" and k["g"] == "candidate"
    assert k["c"] == k["h"] == "state"
    e = edge_kinds(g)
    assert ("x", "f", "linear", "W_f") in e and ("h_prev", "f", "linear", "U_f") in e
    assert ("params_f", "f", "parameters", "") in e and g.node("params_f").name == "b_f"
    assert ("c_prev", "c", "carry", "") in e                 # the memory path, drawn red
    assert ("f", "c", "elementwise", "") in e and ("c", "h", "elementwise", "") in e
    assert not g.edges_between("c_prev", "h")               # h reads c_t, not c_{t-1}
    assert [e for e in g.edges if e.kind == "carry"] == [g.edges_between("c_prev", "c")[0]]


def test_rnn_has_no_element_wise_carry_and_gru_has_one():
    assert not [e for e in cell_graph("rnn").edges if e.kind == "carry"]
    assert ("h_prev", "h", "linear", "U") in edge_kinds(cell_graph("rnn"))
    gru = cell_graph("gru")
    assert [(e.src, e.dst) for e in gru.edges if e.kind == "carry"] == [("h_prev", "h")]
    # r ⊙ h_{t-1} inside U_n: both reach n through U_n
    assert ("r", "n", "linear", "U_n") in edge_kinds(gru) and ("h_prev", "n", "linear", "U_n") in edge_kinds(gru)


def test_peephole_reads_are_element_wise_but_not_the_memory_path():
    g = cell_graph("peephole_lstm")
    assert ("c_prev", "i", "elementwise", "") in edge_kinds(g)
    assert g.node("params_i").name == "b_i, p_i"
    assert [(e.src, e.dst) for e in g.edges if e.kind == "carry"] == [("c_prev", "c")]


def test_carry_passes_through_plain_quantities():
    i, f, g, m = vec("i"), vec("f"), vec("g"), vec("m")
    aff = lambda k: mat(f"W_{k}") @ x(t) + mat(f"U_{k}") @ h(t - 1) + param(f"b_{k}")  # noqa: E731
    cell = Cell("kept", [
        sympy.Eq(i(t), sigmoid(aff("i"))), sympy.Eq(f(t), sigmoid(aff("f"))), sympy.Eq(g(t), tanh(aff("g"))),
        sympy.Eq(m(t), f(t) * c(t - 1)), sympy.Eq(c(t), m(t) + i(t) * g(t)), sympy.Eq(h(t), tanh(c(t))),
    ], states=("h", "c"))
    gr = cell_graph(cell)
    assert kinds(gr)["m"] == "quantity"
    assert sorted((e.src, e.dst) for e in gr.edges if e.kind == "carry") == [("c_prev", "m"), ("m", "c")]


@pytest.mark.parametrize("name", symlstm.available_cells())
def test_every_quantity_and_dependency_is_drawn(name):
    cell = symlstm.cell(name)
    g = cell_graph(name)
    ids = {n.id for n in g.nodes}
    assert set(cell.quantities) <= ids and {f"{s}_prev" for s in cell.states} <= ids
    for q in cell.quantities:
        assert any(e.dst == q for e in g.edges), f"{q} has no incoming edge"
    assert {e.src for e in g.edges} | {e.dst for e in g.edges} <= ids
    text = dot_source(name)
    assert text == dot_source(name) and text.startswith(f'digraph "{name}"')
    for q in cell.quantities:
        assert f'"{q}" [label=' in text


def test_render_rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="unknown diagram format 'jpg'"):
        render("lstm", tmp_path / "a.jpg")
    assert not (tmp_path / "a.jpg").exists()


@needs_dot
@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_render_is_deterministic(tmp_path, fmt):
    a = render("lstm", tmp_path / f"a.{fmt}").read_bytes()
    b = render("lstm", tmp_path / f"b.{fmt}").read_bytes()
    assert a == b
    if fmt == "svg":
        text = a.decode()
        assert "<svg" in text and "c_prev" in text
    else:
        assert a[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_prints_dot_and_reports_errors(capsys, tmp_path):
    assert main(["diagram", "gru"]) == 0
    assert capsys.readouterr().out == dot_source("gru")
    assert main(["diagram", "gru", "-o", str(tmp_path / "g.gif")]) == 2
    assert "unknown diagram format" in capsys.readouterr().err
    assert main(["diagram", "gru", "-o", str(tmp_path / "g.dot")]) == 0
    assert (tmp_path / "g.dot").read_text() == dot_source("gru")


@needs_dot
def test_cli_writes_svg(capsys, tmp_path):
    assert main(["diagram", "lstm", "-o", str(tmp_path / "l.svg")]) == 0
    assert "wrote" in capsys.readouterr().err
    assert (tmp_path / "l.svg").read_text().lstrip().startswith("<?xml")


@needs_dot
def test_graph_shows_itself_in_jupyter():
    g = cell_graph("gru")
    svg = g._repr_svg_()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert g.layout("png")[:4] == b"\x89PNG"
