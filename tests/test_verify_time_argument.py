r"""Time written as a function argument (``h(t)``, ``e_h(t-1)``, ``W h(t-1)``) and ``\delta`` as the partial sign
inside a fraction (``{\delta E \over \delta p(t)}``): hand-worked verdicts on a small Elman network."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.names import time_arguments
from symlstm.verify.text.rowparse import parse_row

#: p(t) = U x(t) + W h(t-1) + b, h(t) = f(p(t)), q(t) = V h(t) + c, y(t) = g(q(t)) with g the identity, the
#: squared error summed over t; e_h(t), e_o(t) the total gradients of E by p(t), q(t) (columns).
CELL = r"""
$$ p(t) = U x(t) + W h(t-1) + b $$
$$ h(t) = f(p(t)) $$
$$ q(t) = V h(t) + c $$
$$ y(t) = g(q(t)) $$
$$ g(x) = x $$
$$ E = \frac{1}{2} \sum_{t=1}^{T} \| y(t) - d(t) \|^2 $$
$$ e_h(t) = {{\delta E} \over {\delta p(t)}} $$
$$ e_o(t) = \frac{\delta E}{\delta q(t)} $$
"""


def verdicts(*rows):
    text = CELL + "\n".join(f"$$ {r} $$" for r in rows)
    rep = verify_derivation(text)
    n = CELL.count("$$") // 2
    return [r.status for r in rep.results[n:]], rep.results[:n]


def test_the_cell_in_time_argument_notation_is_read():
    _, forward = verdicts()
    assert [r.status for r in forward] == ["pass"] * 8


def test_correct_rows_pass():
    got, _ = verdicts(r"e_o(t) = g'(q(t)) (y(t) - d(t))",
                      r"e_h(t) = f'(p(t)) (V^T e_o(t) + W^T e_h(t+1))",
                      r"{\delta E \over \delta b} = {\delta E \over \delta p(t)} {\delta p(t) \over \delta b} = e_h(t)",
                      r"\frac{\delta E}{\delta V} = e_o(t) h(t)^T",
                      r"\frac{\delta E}{\delta W} = \frac{\delta E}{\delta p(t)} (\frac{\delta p(t)}{\delta W})^T "
                      r"= e_h(t) h(t-1)^T")
    assert got == ["pass"] * 5


def test_mutated_rows_fail():
    got, _ = verdicts(r"e_o(t) = g'(q(t)) (y(t-1) - d(t))",          # the wrong step
                      r"e_h(t) = f'(p(t)) \odot V^T e_o(t)",            # the path through p(t+1) missing
                      r"\frac{\delta E}{\delta W} = e_h(t) h(t)^T",     # h(t) for h(t-1)
                      r"e_h(t) = f'(p(t)) V^T e_0(t)",                  # e_0 beside e_h, e_o: a misuse
                      r"e_h(t-1) = e_h(t) (W f'(p(t-1)))")              # a column times a matrix
    assert got == ["fail"] * 5


def test_unbalanced_bracket_fails_with_a_reason():
    rep = verify_derivation(CELL + r"$$ h(t) = f(p(t) $$")
    last = rep.results[-1]
    assert last.status == "fail" and "never closed" in last.why       # the author's typo, not the reader's gap


def test_function_words_and_functions_stay_functions():
    rows = [parse_row(r"h(t) = \sigma(W h(t-1) + x(t))"), parse_row(r"y(t) = \sigma(t) + f(t) + f(x)")]
    new = time_arguments(rows)
    text = repr(new[1])
    assert "('sym', 'sigma', None, None, None, 0), ('paren'" in text     # \sigma(t): the sigmoid of t
    assert "('sym', 'f', None, None, None, 0), ('paren'" in text         # f is applied to x elsewhere
    assert new[0][1][0] == ("sym", "h", None, [("sym", "t", None, None, None, 0)], None, 0)


def test_subscript_notation_is_left_alone():
    rows = [parse_row(r"h_t = \tanh(W h_{t-1} + U x_t)"), parse_row(r"y_t = a (t - 1)")]
    assert time_arguments(rows) == rows          # no row defines a name written with a time argument


def test_delta_alone_is_an_adjoint_and_a_delta_fraction_a_partial():
    row = time_arguments([parse_row(r"\delta h_t = \frac{\delta E}{\delta h_t}")])[0]
    assert row[1][0][0] == "pre" and row[1][0][1] == "delta"
    assert row[1][1][1][1] == "partial" and row[1][1][2][1] == "partial"
    mixed = time_arguments([parse_row(r"a_t = \frac{\delta h_t}{c_t}")])[0]
    assert mixed[1][1][1][1] == "delta"          # only one side starts with \delta: left as written
