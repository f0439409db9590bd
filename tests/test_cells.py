"""The catalogue of cells and the public machinery to build one."""
import numpy as np
import pytest
import sympy

import symlstm
from symlstm import Cell, mat, param, sigmoid, t, tanh, vec
from symlstm.cells.algebra import MatVec

FOUNDATION = {
    "rnn": (("h",), ["W", "U", "b"]),
    "lstm": (("h", "c"), [f"{k}_{g}" for g in "ifgo" for k in "WUb"]),
    "peephole_lstm": (("h", "c"), [f"{k}_{g}" for g in "ifgo" for k in "WUb"] + ["p_i", "p_f", "p_o"]),
    "gru": (("h",), [f"{k}_{g}" for g in "rzn" for k in "WUb"]),
    "gru_reset_after": (("h",), [f"{k}_{g}" for g in "rzn" for k in "WUb"] + ["b_hn"]),
}


def test_available_cells_lists_the_foundation_first():
    assert symlstm.available_cells()[:5] == list(FOUNDATION)


@pytest.mark.parametrize("name", FOUNDATION)
def test_states_and_parameters(name):
    c = symlstm.cell(name)
    states, params = FOUNDATION[name]
    assert c.name == name and c.states == states
    assert sorted(c.param_names) == sorted(params)
    shapes = c.param_shapes(3, 5)
    for p, s in shapes.items():
        assert s == {"W": (5, 3), "U": (5, 5), "b": (5,), "p": (5,)}[p[0]], p


@pytest.mark.parametrize("name", symlstm.available_cells())
def test_equations_are_ordered_eqs_of_step_t(name):
    c = symlstm.cell(name)
    assert all(isinstance(eq, sympy.Eq) for eq in c.equations)
    assert [str(eq.lhs.func) for eq in c.equations] == list(c.quantities)
    assert c.quantities[-1] in c.states


def test_lstm_equations_are_the_textbook_ones():
    i, f, g, o, c, h, x = (vec(n) for n in "ifgochx")
    pre = lambda k: mat(f"W_{k}") @ x(t) + mat(f"U_{k}") @ h(t - 1) + param(f"b_{k}")  # noqa: E731
    expected = [sympy.Eq(i(t), sigmoid(pre("i"))), sympy.Eq(f(t), sigmoid(pre("f"))), sympy.Eq(g(t), tanh(pre("g"))),
                sympy.Eq(c(t), f(t) * c(t - 1) + i(t) * g(t)), sympy.Eq(o(t), sigmoid(pre("o"))),
                sympy.Eq(h(t), o(t) * tanh(c(t)))]
    assert list(symlstm.cell("lstm").equations) == expected


def test_peephole_output_gate_sees_the_new_cell():
    o_rhs = symlstm.cell("peephole_lstm").rhs("o")
    assert o_rhs.has(param("p_o") * vec("c")(t)) and not o_rhs.has(vec("c")(t - 1))


def test_unknown_cell_lists_available():
    with pytest.raises(KeyError, match="unknown cell 'lstn' \\(did you mean 'lstm'\\?\\); available cells: rnn, lstm, "):
        symlstm.cell("lstn")


def test_unknown_cell_suggests_the_close_name_and_is_a_value_error_too():
    with pytest.raises(ValueError) as e:
        symlstm.cell("LSTM")
    assert isinstance(e.value, KeyError)
    assert str(e.value).startswith("unknown cell 'LSTM' (did you mean 'lstm'?)")
    with pytest.raises(KeyError, match="^unknown cell 'zzz'; available"):
        symlstm.cell("zzz")


def test_param_shapes_rejects_bad_sizes():
    with pytest.raises(ValueError, match="n_hidden must be a positive integer"):
        symlstm.cell("rnn").param_shapes(2, 0)


# ---------------------------------------------------------------- custom cells: validation
x, h, a = vec("x"), vec("h"), vec("a")


def _cell(eqs, states=("h",)):
    return Cell("custom", eqs, states=states)


def test_custom_cell_is_first_class():
    c = _cell([sympy.Eq(h(t), tanh(mat("W") @ x(t) + mat("V") @ h(t - 1)))])
    assert c.param_shapes(2, 3) == {"W": (3, 2), "V": (3, 3)}
    assert "V h_{t-1}" in c.latex()
    d = symlstm.derive(c)
    assert any(eq.lhs.name == "delta_V" for eq in d.param_grads)


@pytest.mark.parametrize("eqs, states, message", [
    ([sympy.Eq(h(t), tanh(a(t))), sympy.Eq(a(t), x(t))], ("h",), "a\\(t\\) is used but it is defined later"),
    ([sympy.Eq(h(t), tanh(a(t)))], ("h",), "a\\(t\\) is used but it is never defined"),
    ([sympy.Eq(h(t), a(t - 1))], ("h",), "a\\(t-1\\) is used but 'a' is not a state"),
    ([sympy.Eq(h(t), x(t)), sympy.Eq(h(t), x(t))], ("h",), "quantity 'h' is defined twice"),
    ([sympy.Eq(a(t), x(t))], ("a",), "states must start with the output 'h'"),
    ([sympy.Eq(a(t), x(t))], ("h",), "states \\['h'\\] have no equation"),
    ([sympy.Eq(h(t), h(t - 2))], ("h",), "time shift -2"),
    ([sympy.Eq(h(t), mat("W") @ x(t) + mat("W") @ h(t - 1))], ("h",), "multiplies both x and a hidden vector"),
    ([sympy.Eq(h(t), mat("W") @ x(t) + sympy.Symbol("W"))], ("h",), "used both as a matrix and as a vector"),
    ([sympy.Eq(x(t), h(t - 1))], ("h",), "'x' is the input"),
])
def test_invalid_cells_are_rejected_with_a_reason(eqs, states, message):
    with pytest.raises(ValueError, match=message):
        _cell(eqs, states)


def test_matvec_is_not_differentiated_elementwise():
    with pytest.raises(NotImplementedError, match="structural rule"):
        sympy.diff(mat("W") @ x(t), x(t))


def test_sigmoid_is_a_real_function():
    z = sympy.Symbol("z", real=True)
    s = sigmoid(z)
    assert sympy.simplify(s.diff(z) - s * (1 - s)) == 0
    assert sympy.simplify(s.rewrite(sympy.exp) - 1 / (1 + sympy.exp(-z))) == 0
    assert sigmoid(0) == sympy.Rational(1, 2)
    assert float(sigmoid(sympy.Float(2.0)).evalf()) == pytest.approx(1 / (1 + np.exp(-2.0)))
    assert isinstance(MatVec(mat("W"), x(t)), MatVec)
