r"""The legend of a derivation (``% symlstm: let FORM = MEANING``): rows on numbered nodes judged against what
the legend says they are; adjoints of forward sub-expressions; gradients through some uses only.

The verdicts are worked out by hand on a small cell with a residual path,

    h_t = \tanh(W h_{t-1} + U x_t) + V h_{t-1},

so with a_t = W h_{t-1} + U x_t and \delta 1 = dL/dh_t: dL/da_t = \delta 1 \odot (1 - \tanh^2 a_t), and
\tanh a_t = h_t - V h_{t-1}; h_{t-1} reaches h_t through V h_{t-1} (V^T \delta 1) and through W h_{t-1}
(W^T dL/da_t); x_t through U x_t only (U^T dL/da_t). W, U, V are random, so W^T != W.
"""
import pytest

from symlstm.verify.judging.increments import as_increment
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.latexparse import LatexError
from symlstm.verify.judging.legend import read_legend
from symlstm.verify.text.rowparse import parse_expression, parse_row
from symlstm.verify.text.texfile import read_tex

D = r"\frac{\partial L}{\partial "
LEGEND = [
    r"\delta 1 = " + D + "h_t}; \\delta 2 = " + D + "(W h_{t-1} + U x_t)}",
    r"\delta 3 = " + D + r"h_{t-1}}\Big|_{V h_{t-1}}; \delta 4 = " + D + r"h_{t-1}}\Big|_{W h_{t-1}}",
    r"\delta 5 = " + D + r"h_{t-1}}\Big|_{t}; \delta 6 = " + D + r"(V h_{t-1})}; \delta 7 = " + D
    + r"x_t}\Big|_{U x_t}; 9 = h_t",
]


def judge(rows, legend=LEGEND, forward=(r"h_t = \tanh(W h_{t-1} + U x_t) + V h_{t-1}",)):
    """{row text: status} of the rows, in a file with the forward rows and the legend."""
    lines = [f"% symlstm: let {x}" for x in legend] + [r"\begin{align}"]
    lines += [f"{r} \\\\" for r in forward] + [f"{r} \\\\" for r in rows] + [r"\end{align}"]
    report = verify_derivation("\n".join(lines))
    return {r.text: r for r in report.results if r.text in rows}


#: (row, verdict worked out by hand)
NODE_ROWS = [
    (r"\delta 2 = \delta 1 \odot (1 - (h_t - V h_{t-1})^2)", "pass"),        # tanh' through its output
    (r"\delta 2 = \delta 1 \odot (1 - (9 - V h_{t-1})^2)", "pass"),          # a number the legend names
    (r"\delta 2 = \delta 1 \odot (1 - h_t^2)", "fail"),                      # forgets the residual term
    (r"\delta 3 = V^\top \delta 1", "pass"),
    (r"\delta 3 = V \delta 1", "fail"),
    (r"\delta 4 = W^\top \delta 2", "pass"),
    (r"\delta 4 = W^\top \delta 1", "fail"),                                 # skips the tanh
    (r"\delta 5 = \delta 3 + \delta 4", "pass"),                            # both uses of step t
    (r"\delta 5 = \delta 4", "fail"),
    (r"\delta 6 = \delta 1", "pass"),                                       # V h_{t-1} is added to h_t
    (r"\delta 7 = U^\top \delta 2", "pass"),
    (r"\delta 7 = W^\top \delta 2", "fail"),                                # W is H x H: a 3-vector, x has 2
    (r"\frac{\partial L}{\partial (V h_{t-1})} = \delta 1", "pass"),         # the form without a legend, too
]


@pytest.mark.parametrize("row, verdict", NODE_ROWS)
def test_node_rows_are_judged_by_the_legend(row, verdict):
    r = judge([row])[row]
    assert r.status == verdict, r.why


def test_a_run_of_factors_is_a_sub_expression():
    r"""\tanh(...) inside o \odot \tanh(...): its adjoint is o \odot dL/dh_t (o element-wise)."""
    forward = (r"h_t = o \odot \tanh(W h_{t-1} + U x_t)",)
    legend = [r"\delta 1 = " + D + r"h_t}; \delta 8 = " + D + r"\tanh(W h_{t-1} + U x_t)}"]
    rows = [r"\delta 8 = o \odot \delta 1", r"\delta 8 = \delta 1"]
    got = judge(rows, legend, forward)
    assert [got[r].status for r in rows] == ["pass", "fail"]


def test_through_a_step():
    r"""What reaches h_t through step t+1, plus what the loss gives it directly, is the total."""
    legend = [r"\delta 1 = \Delta_t; \delta 2 = " + D + r"h_t}\Big|_{t+1}; \delta 3 = " + D + "h_t}"]
    rows = [r"\delta 3 = \delta 1 + \delta 2", r"\delta 3 = \delta 2"]
    got = judge(rows, legend)
    assert [got[r].status for r in rows] == ["pass", "fail"]


def test_an_unparseable_meaning_makes_its_rows_unreadable():
    legend = [r"\delta 1 = " + D + "h_t}; \\delta 2 = " + D + "(W h_{t-1} + U x_t}"]
    rows = [r"\delta 2 = \delta 1", r"\delta 1 = \delta 1"]
    got = judge(rows, legend)
    bad = got[rows[0]]
    assert bad.status == "unreadable"
    assert "legend" in bad.why and r"\delta 2" in bad.why and "line 1" in bad.why, bad.why
    assert got[rows[1]].status == "pass"                  # the other entries are still read


def test_a_meaning_that_is_not_in_the_forward_rows_is_unreadable():
    legend = [r"\delta 1 = " + D + "h_t}; \\delta 2 = " + D + "(W h_t + U x_t)}"]
    r = judge([r"\delta 2 = \delta 1"], legend)[r"\delta 2 = \delta 1"]
    assert r.status == "unreadable"
    assert "not a sub-expression of the forward rows" in r.why, r.why


def test_a_use_that_is_not_there_is_unreadable():
    legend = [r"\delta 1 = " + D + "h_t}; \\delta 2 = " + D + r"x_t}\Big|_{W h_{t-1}}"]
    r = judge([r"\delta 2 = \delta 1"], legend)[r"\delta 2 = \delta 1"]
    assert r.status == "unreadable" and "does not occur in" in r.why, r.why


def test_a_node_defined_through_itself_is_unreadable():
    legend = [r"\delta 1 = \delta 2; \delta 2 = \delta 1"]
    r = judge([r"\delta 1 = \frac{\partial L}{\partial h_t}"], legend)[r"\delta 1 = \frac{\partial L}{\partial h_t}"]
    assert r.status == "unreadable" and "through itself" in r.why, r.why


@pytest.mark.parametrize("directive", [r"\delta 3", r"= \frac{\partial L}{\partial h_t}", r"\delta 3 = ",
                                       r"\frac{ = h_t", r"\delta 3 = h_t; \delta 3 = h_{t-1}"])
def test_a_malformed_directive_is_an_error_of_the_file(directive):
    with pytest.raises(LatexError) as e:
        verify_derivation(f"\\begin{{align}} h_t = W x_t \\end{{align}}\n% symlstm: let {directive}\n")
    assert e.value.line == 2


def test_directives_are_read_with_their_place():
    tex = read_tex("a\n  % symlstm: let \\delta 3 = x_t; 5 = o_t\n")
    assert tex.legend == [(2, 18, r"\delta 3 = x_t; 5 = o_t")]
    legend = read_legend(tex.legend)
    assert [(e.form_text, e.meaning_text, e.column) for e in legend.entries] == [
        (r"\delta 3", "x_t", 18), ("5", "o_t", 34)]
    with pytest.raises(LatexError, match="'rename', 'skip', 'let' or 'given'"):
        read_tex("% symlstm: define x = y\n")


def test_spacing_is_not_a_separator():
    legend = read_legend([(1, 1, r"\delta 1 = \frac{\partial L}{\partial h_t} \; ; 2 = h_t")])
    assert [e.form_text for e in legend.entries] == [r"\delta 1", "2"]
    assert not any(e.error for e in legend.entries)


def test_forms_are_not_looked_for_inside_scripts():
    legend = read_legend([(1, 1, "1 = o_t; f'(5) = g_t")])
    row = parse_row(r"\delta 3 = h_{t-1} \cdot 1 \cdot f'(5)")
    new = legend.rewrite(row)
    _, rhs = new[1]
    assert rhs[1][0] == parse_expression("h_{t-1}")              # the time t-1 keeps its 1
    assert rhs[1][1:] == [("legend", 0), ("legend", 1)]          # the number and the application
    assert rhs[2] == [None, "cdot", "cdot"]


def test_the_through_notation_parses():
    tree = parse_expression(r"\frac{\partial L}{\partial h_{t-1}}\Big|_{h_{t-1} \cdot r_t, t+1}")
    assert tree[0] == "through" and tree[1][0] == "frac" and len(tree[2]) == 2
    assert parse_expression(r"|x|_2")[0] == "sc"                 # a norm's subscript is still a subscript


@pytest.mark.parametrize("row, increment", [
    (r"\delta W = \delta W + x_t^T \delta 3", r"x_t^T \delta 3"),
    (r"dW = dW + h_t - x_t", r"h_t - x_t"),
    (r"\delta W = \delta V + x_t", None),                      # another gradient: a claim as written
    (r"W = W + x_t", None),                                    # not a gradient
])
def test_accumulations_written_with_equals(row, increment):
    tree = as_increment(parse_row(row))
    if increment is None:
        assert tree[2] == ["="]
    else:
        assert tree[2] == ["+="] and tree[1][1] == parse_expression(increment)


def test_an_ill_typed_forward_row_fails_and_the_rows_after_it_see_the_cell_it_means():
    r"""W_h * a_t in a row layout (a_t a row): the row fails; read as a_t * W_h for the rows after it."""
    forward = (r"a_t = \tanh(h_{t-1} * W_a + x_t * U_a)", r"h_t = \tanh(W_h * a_t)", r"y_t = h_t * V")
    rows = [r"\frac{\partial L}{\partial a_t} = (\frac{\partial L}{\partial h_t} \odot (1 - h_t^2)) * W_h^T",
            r"\frac{\partial L}{\partial a_t} = (\frac{\partial L}{\partial h_t} \odot (1 - h_t^2)) * W_h"]
    lines = [r"\begin{align}"] + [f"{r} \\\\" for r in forward + tuple(rows)] + [r"\end{align}"]
    results = verify_derivation("\n".join(lines)).results
    assert [r.status for r in results] == ["pass", "fail", "pass", "pass", "fail"], [r.why for r in results]
