"""Transforms make new cells by substitution; dropped parameters follow, and errors name the options."""
import numpy as np
import pytest
import sympy

import symlstm
from symlstm import cell, reference
from symlstm.cells.algebra import at, mat, param, sigmoid, tanh
from symlstm.checks.check import check_compiled
from symlstm.cells.transforms import (
    couple, drop_activation, drop_memory, drop_params, gates, remove_gate,
)


def _rename(c, table):
    """The equations of ``c`` with parameters renamed (matrices and vectors)."""
    sub = {}
    for p in c.params:
        if p.name in table:
            new = table[p.name]
            if p.kind == "vector":
                sub[sympy.Symbol(p.name)] = sympy.Symbol(new)
            else:
                sub[mat(p.name)] = mat(new)
    return [sympy.Eq(eq.lhs, eq.rhs.xreplace(sub)) for eq in c.equations]


def test_seed_path_lstm_to_rnn():
    """lstm → no forget, input, output gate → no memory: symbolically the Elman RNN."""
    c = cell("lstm")
    for gate in ("f", "i", "o"):
        c = remove_gate(c, gate)
    assert c.states == ("h", "c")
    c = drop_memory(c)
    rnn = cell("rnn")
    assert c.states == rnn.states == ("h",)
    assert set(c.param_names) == {"W_g", "U_g", "b_g"}
    assert _rename(c, {"W_g": "W", "U_g": "U", "b_g": "b"}) == list(rnn.equations)


def test_seed_path_steps_read_like_the_paper():
    c = remove_gate("lstm", "f")
    assert c.rhs("c") == at("c", -1) + at("i") * at("g")
    c = remove_gate(c, "i")
    assert c.rhs("c") == at("c", -1) + at("g")
    c = remove_gate(c, "o")
    assert c.rhs("h") == tanh(at("c"))
    assert c.quantities == ("g", "c", "h")


def test_public_exports():
    assert symlstm.remove_gate is remove_gate
    assert symlstm.couple is couple
    assert symlstm.drop_activation is drop_activation
    assert symlstm.drop_memory is drop_memory


@pytest.mark.parametrize("gate", ["i", "f", "o"])
def test_remove_gate_takes_its_parameters(gate):
    c = remove_gate("peephole_lstm", gate)
    assert gate not in c.quantities
    gone = {f"W_{gate}", f"U_{gate}", f"b_{gate}", f"p_{gate}"}
    assert gone.isdisjoint(c.param_names)
    assert set(c.param_names) == set(cell("peephole_lstm").param_names) - gone
    assert c.name == f"peephole_lstm_no_{gate}"
    assert f"{gate} = 1" in c.description


def test_remove_gate_other_value():
    c = remove_gate("gru", "z", 0)
    assert c.rhs("h") == at("n")
    assert "r" in c.quantities and "z" not in c.quantities


def test_remove_gate_that_is_a_state():
    c = remove_gate("lstm_fgr", "o")
    assert c.states == ("h", "c", "i", "f")
    assert not any(n.startswith("R_") and "o" in n for n in c.param_names)
    assert "R_fo, R_io times a constant dropped" in c.description
    assert not any(eq.rhs.has(at("o", -1)) for eq in c.equations)


def test_remove_gate_errors_list_the_gates():
    with pytest.raises(ValueError, match=r"lstm has no gate 'q'; its gates are: i, f, o"):
        remove_gate("lstm", "q")
    with pytest.raises(ValueError, match=r"'g' is a quantity of lstm but not a gate.*i, f, o.*couple"):
        remove_gate("lstm", "g")
    with pytest.raises(ValueError, match="value must be a number"):
        remove_gate("lstm", "i", "1")
    with pytest.raises(KeyError, match="unknown cell 'nope'"):
        remove_gate("nope", "i")


def test_gates():
    assert gates("lstm") == ("i", "f", "o")
    assert gates("gru") == ("r", "z")
    assert gates("rnn") == ()


def test_couple_with_expression_and_text_agree():
    a = couple("peephole_lstm", "f", 1 - at("i"))
    b = couple("peephole_lstm", "f", "1 - i")
    assert a.equations == b.equations
    assert a.rhs("f") == 1 - at("i")
    assert {"W_f", "U_f", "b_f", "p_f"}.isdisjoint(a.param_names)
    assert a.name == "peephole_lstm_f_coupled" and "f = 1 - i_t" in a.description


def test_couple_reorders_and_detects_cycles():
    c = couple("lstm", "i", "1 - f")          # i now needs f, which used to come after it
    assert c.quantities.index("f") < c.quantities.index("i")
    with pytest.raises(ValueError, match="used in its own equation"):
        couple("lstm", "f", "1 - f")
    g = couple("lstm", "i", "sigmoid(V h[t-1]) * f")
    with pytest.raises(ValueError, match="cycle within one step: [fi] -> [fi] -> [fi]"):
        couple(g, "f", "1 - i")


def test_couple_text_errors_point_into_the_expression():
    from symlstm.cells.language import CellError
    with pytest.raises(CellError, match=r"q\[t-1\]: 'q' is not a state of the cell \(states: h, c\)") as e:
        couple("lstm", "f", "1 - q[t-1]")
    assert (e.value.line, e.value.column) == (1, 5)
    with pytest.raises(CellError, match="unknown function 'relu'"):
        couple("lstm", "f", "relu(i)")
    with pytest.raises(ValueError, match="lstm has no quantity 'k'; its quantities are: i, f, g, c, o, h"):
        couple("lstm", "k", "1 - i")
    with pytest.raises(ValueError, match="must be a SymPy expression"):
        couple("lstm", "f", [1])


def test_drop_activation():
    g = drop_activation("peephole_lstm", "g")
    assert g.rhs("g") == mat("W_g") @ at("x") + mat("U_g") @ at("h", -1) + param("b_g")
    h = drop_activation("peephole_lstm", "h")
    assert h.rhs("h") == at("o") * at("c")
    i = drop_activation("lstm", "i")
    assert not isinstance(i.rhs("i"), sigmoid)
    assert i.param_names == cell("lstm").param_names


def test_drop_activation_errors():
    with pytest.raises(ValueError, match=r"equation of 'c' has no activation to drop: c_t = "):
        drop_activation("lstm", "c")
    with pytest.raises(ValueError, match="lstm has no quantity 'z'; its quantities are: i, f, g, c, o, h"):
        drop_activation("lstm", "z")
    with pytest.raises(ValueError, match="unknown activation 'relu'"):
        drop_activation("lstm", "g", function="relu")
    with pytest.raises(ValueError, match="no sigmoid"):
        drop_activation("lstm", "g", function="sigmoid")


def test_drop_activation_ambiguous():
    from symlstm.cells.language import parse_cell
    c = parse_cell("h = tanh(W x) + sigmoid(U h[t-1])")
    with pytest.raises(ValueError, match="has 2 activations"):
        drop_activation(c, "h")
    d = drop_activation(c, "h", function="tanh")
    assert d.rhs("h") == mat("W") @ at("x") + sigmoid(mat("U") @ at("h", -1))


def test_drop_memory_of_full_lstm():
    c = drop_memory("lstm")
    assert c.states == ("h",)
    assert c.quantities == ("g", "o", "h")
    assert c.rhs("h") == at("o") * at("g")
    assert {"W_i", "W_f", "b_i", "b_f"}.isdisjoint(c.param_names)
    assert "unused i, f dropped" in c.description


def test_drop_memory_errors():
    with pytest.raises(ValueError, match="gru has no memory cell 'c': its states are h"):
        drop_memory("gru")
    with pytest.raises(ValueError, match=r"c_\{t-1\} is read by the equations of i, f .*drop_params"):
        drop_memory("peephole_lstm")
    with pytest.raises(ValueError, match="has no candidate 'q'"):
        drop_memory("lstm", candidate="q")


def test_drop_params_removes_peepholes():
    c = drop_params("peephole_lstm", "p_i", "p_f", "p_o")
    assert c.equations == cell("lstm").equations
    with pytest.raises(ValueError, match=r"lstm has no parameter 'p_i'; its parameters are: W_i"):
        drop_params("lstm", "p_i")
    m = drop_params("gru", "U_n")
    assert "U_n" not in m.param_names and not m.rhs("n").has(at("r"))


def test_transforms_keep_the_input_cell():
    before = cell("lstm").equations
    remove_gate("lstm", "f")
    couple("lstm", "f", "1 - i")
    assert cell("lstm").equations == before


@pytest.mark.parametrize("make", [
    lambda: remove_gate("gru", "r"),
    lambda: couple("gru", "z", "1 - r"),
    lambda: drop_memory(remove_gate("lstm", "o")),
    lambda: drop_activation("mgu", "n"),
], ids=["gru_no_r", "gru_z_coupled", "lstm_no_o_no_memory", "mgu_linear_n"])
def test_transformed_cells_compile_and_match_finite_differences(make):
    c = make()
    report = check_compiled(symlstm.compile(c), sizes=((3, 2, 2, 3),))
    assert report.oracle == "finite differences"
    assert report.passed, "\n".join(report.lines())


def test_seed_rnn_matches_the_reference_rnn(rng):
    c = cell("lstm")
    for gate in "fio":
        c = remove_gate(c, gate)
    compiled = symlstm.compile(drop_memory(c))
    x = rng.standard_normal((4, 3, 2))
    p = reference.init_params("rnn", 2, 3, rng)
    mine = {"W_g": p["W"], "U_g": p["U"], "b_g": p["b"]}
    dh = rng.standard_normal((4, 3, 3))
    hs, _ = compiled.forward(x, mine)
    ref_hs, _ = reference.forward("rnn", x, p)
    np.testing.assert_allclose(hs, ref_hs, rtol=1e-12, atol=1e-14)
    g = compiled.backward(x, mine, dh)
    ref = reference.backward("rnn", x, p, dh)
    for mine_name, ref_name in (("W_g", "W"), ("U_g", "U"), ("b_g", "b"), ("x", "x"), ("h0", "h0")):
        np.testing.assert_allclose(g[mine_name], ref[ref_name], rtol=1e-10, atol=1e-12)
