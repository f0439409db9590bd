r"""Reader features met in Mallya's LSTM slides (tests/derivations/mallya_lstm_slides.tex), on small hand-made
derivations: prose around a row (\text{Forward Pass: }, \text{Given } ..., \text{find } ..., \therefore,
\color{red}+=), a forward row recalled word for word (still one cell), a block matrix times a name that a forward
row defines as a stack (W \times I^t, I^t = [x^t; h^{t-1}]), a name a forward chain writes for a block matrix of
parameters (W: its value the blocks, its gradient the blocks' gradients), a parameter's gradient at the summed
step (\sum_t \delta W^t), a row of blocks transposed ([\delta\hat a^t, \delta\hat i^t]^T) and a gradient worked
out before a row accumulates it (+=): the part through its own step.

Verdicts are worked out by hand on the cell below: a^t = tanh(\hat a^t), i^t = sigma(\hat i^t),
[\hat a^t; \hat i^t] = [[W^a U^a]; [W^r U^r]] [x^t; h^{t-1}] (= W I^t), c^t = i^t a^t + c^{t-1}, h^t = tanh(c^t);
the loss is a linear function of the h^t.
"""
from symlstm.verify.judging import judge
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.rowparse import parse_row

CELL = r"""
\begin{align}
a^t &= \tanh(\hat{a}^t) \\
i^t &= \sigma(\hat{i}^t) \\
z^t = \begin{bmatrix} \hat{a}^t \\ \hat{i}^t \end{bmatrix} &= \begin{bmatrix} W^a & U^a \\ W^r & U^r \end{bmatrix} \times \begin{bmatrix} x^t \\ h^{t-1} \end{bmatrix} \\
&= W \times I^t \\
c^t &= i^t \odot a^t + c^{t-1} \\
h^t &= \tanh(c^t)
\end{align}
$$ I^t = \begin{bmatrix} x^t \\ h^{t-1} \end{bmatrix} $$
"""


def _statuses(text):
    return [(r.line, r.status, r.why) for r in verify_derivation(text).results]


def _last(rows, cell=CELL):
    """The verdicts of the rows after the cell (one $$ row per line)."""
    text = cell + "".join(f"$$ {r} $$\n" for r in rows)
    n = cell.count("\n") + 1
    return [(s, why) for line, s, why in _statuses(text) if line >= n]


def _parse_equal(a, b):
    assert parse_row(a) == parse_row(b)


# ---------------------------------------------------------------- prose around a row
def test_a_sentence_before_the_equation_is_prose():
    _parse_equal(r"\text{Forward Pass: } h^t = o^t \odot \tanh(c^t)", r"h^t = o^t \odot \tanh(c^t)")
    _parse_equal(r"\text{As } I^t = \begin{bmatrix} x^t \\ h^{t-1} \end{bmatrix} \text{, }",
                 r"I^t = \begin{bmatrix} x^t \\ h^{t-1} \end{bmatrix}")


def test_a_sentence_after_a_comma_is_prose():
    _parse_equal(r"\text{Given } \delta h^t = \displaystyle\frac{\partial E}{ \partial h^t}, \text{find } \delta o^t, "
                 r"\delta c^t", r"\delta h^t = \frac{\partial E}{\partial h^t}")


def test_text_that_names_something_stays():
    _parse_equal(r"h^t = o^t \odot \text{tanh}(c^t)", r"h^t = o^t \odot \tanh(c^t)")
    assert parse_row(r"\text{loss} = a + b")[1][0][0] == "sym"
    assert parse_row(r"L = a + \text{Loss}")[1][1][0] == "add"      # one word at the end: not a sentence


def test_therefore_and_colour_switches_are_layout():
    _parse_equal(r"\therefore \delta o^t = \delta h^t \odot \tanh(c^t)", r"\delta o^t = \delta h^t \odot \tanh(c^t)")
    _parse_equal(r"\therefore \delta c^t \color{red}+= \color{black}\delta h^t \odot o^t",
                 r"\delta c^t += \delta h^t \odot o^t")


# ---------------------------------------------------------------- one cell, recalled
def test_a_forward_row_recalled_word_for_word_keeps_one_cell():
    text = CELL + r"""
\begin{align}
\text{Forward Pass: } h^t &= \tanh(c^t) \\
\text{Forward Pass: } c^t &= i^t \odot a^t + c^{t-1} \\
\delta a^t &= \delta c^t \odot i^t
\end{align}
"""
    from symlstm.verify.text.texfile import read_tex
    eqs = read_tex(text).equations
    rows = [parse_row(e.text) if not e.text.startswith("=") else None for e in eqs]
    rows = judge._continuations(rows, eqs)
    assert judge._segments(rows, "t") == [(0, len(rows))]
    res = _statuses(text)
    assert [s for _, s, _ in res] == ["pass"] * len(res), res


# ---------------------------------------------------------------- block matrices
def test_the_forward_rows_of_a_block_system_pass():
    res = _statuses(CELL)
    assert [s for _, s, _ in res] == ["pass"] * len(res), res


def test_a_block_matrix_times_a_stack_named_elsewhere():
    # z^t = W I^t: read block by block on I^t's value; a wrong product fails
    assert _last([r"z^t = W \times I^t"]) == [("pass", "")]
    assert _last([r"z^t = W^T \times I^t"])[0][0] == "fail"


def test_the_name_of_a_block_matrix_of_parameters():
    # dE/dI^t = W^T dz^t (I^t is read only by z^t); W dz^t does not even multiply
    assert _last([r"\delta I^t = W^T \times \delta z^t"])[0][0] == "pass"
    assert _last([r"\delta I^t = W \times \delta z^t"])[0][0] == "fail"


def test_a_block_matrix_gradient_at_a_step_and_summed():
    # step t's contribution to dE/dW is dz^t (I^t)^T; the sum over the steps is dE/dW
    assert _last([r"\delta W^t = \delta z^t \times (I^t)^T"])[0][0] == "pass"
    assert _last([r"\delta W^t = \delta z^t \times (I^{t-1})^T"])[0][0] == "fail"
    assert _last([r"\delta W = \sum_{t=1}^T \delta W^t"])[0][0] == "pass"
    assert _last([r"\delta W = \sum_{t=1}^T \delta z^t \times (x^t)^T"])[0][0] == "fail"


def test_an_undefined_input_block_fails():
    # X^t is defined nowhere (the stack is I^t): Mallya's published error
    s, why = _last([r"\delta W^t = \delta z^t \times (X^t)^T"])[0]
    assert s == "fail" and "X" in why


# ---------------------------------------------------------------- a row of blocks transposed
def test_a_row_of_column_blocks_transposed_is_their_stack():
    assert _last([r"\delta z^t = \left[ \delta\hat{a}^t, \delta\hat{i}^t \right]^T"])[0][0] == "pass"
    assert _last([r"\delta z^t = \left[ \delta\hat{i}^t, \delta\hat{a}^t \right]^T"])[0][0] == "fail"


def test_pre_activation_gradients_through_the_output():
    # a^t = tanh(\hat a^t): d a^t / d \hat a^t = 1 - tanh^2(\hat a^t) = 1 - (a^t)^2, not 1 - tanh^2(a^t)
    assert _last([r"\delta \hat{a}^t = \delta a^t \odot (1-\tanh^2(\hat{a}^t))"])[0][0] == "pass"
    assert _last([r"\delta \hat{a}^t = \delta a^t \odot (1-\tanh^2(a^t))"])[0][0] == "fail"


# ---------------------------------------------------------------- a gradient accumulated later
CHAIN = r"\frac{\partial E}{\partial c^t_i} = \frac{\partial E}{\partial h^t_i} \cdot \frac{\partial h^t_i}{\partial c^t_i}"


def test_a_gradient_worked_out_before_it_is_accumulated_is_its_part_within_the_step():
    # c^t reaches E through h^t and through c^{t+1}: the chain is the part through h^t, which the += adds
    res = _last([CHAIN, r"\delta c^t \color{red}+= \color{black}\delta h^t \odot (1-\tanh^2(c^t))"])
    assert [s for s, _ in res] == ["pass", "pass"], res


def test_without_an_accumulation_the_chain_misses_a_path():
    res = _last([CHAIN])
    assert res[0][0] == "fail", res


def test_a_wrong_increment_fails():
    res = _last([CHAIN, r"\delta c^t \color{red}+= \color{black}\delta h^t \odot \tanh(c^t)"])
    assert [s for s, _ in res] == ["pass", "fail"], res
