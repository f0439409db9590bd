r"""Blocks of a weight on a concatenation named in prose (``w_c_x``: the rows of ``w_c`` acting on x).

Verdicts worked out by hand: with ``c_bar = [x, h_prev] * w_c`` (row vectors), the gradient reaching
x is ``d_c_bar * w_c_x^T`` where ``w_c_x`` is w_c's rows for x; the rows for h_prev give the wrong one.
"""
from symlstm.verify.judging.judge import verify_derivation

FORWARD = r"""
\[ x\_h\_prev = [x, h\_prev] \]
\[ [r\_bar\ u\_bar] = x\_h\_prev * w\_ru + b\_ru \]
\[ r = sigmoid(r\_bar) \]
\[ u = sigmoid(u\_bar) \]
\[ h\_prevr = h\_prev \circ r \]
\[ x\_h\_prevr = [x, h\_prevr] \]
\[ c\_bar = x\_h\_prevr * w\_c + b\_c \]
\[ h = (1-u) \circ tanh(c\_bar) + u \circ h\_prev \]
"""


def verdicts(backward):
    report = verify_derivation(FORWARD + backward)
    return [r.status for r in report.results[8:]]


def test_named_blocks_of_a_stacked_weight():
    ok = r"""
\[ d\_x = d\_r\_bar * w\_r\_x^T + d\_u\_bar * w\_u\_x^T + d\_c\_bar * w\_c\_x^T \]
"""
    assert verdicts(ok) == ["pass"]


def test_the_wrong_block_fails():
    # the update gate's part read through the reset gate's block (TensorFlow's GRUBlockCellGrad doc)
    wrong = r"""
\[ d\_x = d\_r\_bar * w\_r\_x^T + d\_u\_bar * w\_r\_x^T + d\_c\_bar * w\_c\_x^T \]
"""
    assert verdicts(wrong) == ["fail"]


def test_an_unknown_block_name_is_not_defined():
    report = verify_derivation(FORWARD + r"\[ d\_x = d\_c\_bar * w\_q\_x^T \]" + "\n")
    last = report.results[-1]
    assert last.status in ("fail", "unreadable") and "w\\_q\\_x" in last.why


STACKED = r"""
\begin{align}
a_t &= \tanh(W_a x_t + U_a h_{t-1}) \\
i_t &= \sigma(W_i x_t + U_i h_{t-1}) \\
h_t &= a_t \odot i_t \\
W &= \begin{bmatrix} W_a \\ W_i \end{bmatrix}, \quad U = \begin{bmatrix} U_a \\ U_i \end{bmatrix} \\
g_t &= \begin{bmatrix} a_t \\ i_t \end{bmatrix} \\
"""


def stacked(rows):
    report = verify_derivation(STACKED + rows + r"\end{align}" + "\n")
    return [(r.line, r.status) for r in report.results]


def test_stacked_weights_and_gates_are_names_for_their_blocks():
    # W = [W_a; W_i] acts on the stacked pre-activation gradients; W_i stays a name (not W's row i)
    ok = r"\delta x_t = W^T \begin{bmatrix} \delta \bar{a}_t \\ \delta \bar{i}_t \end{bmatrix}" + "\n"
    assert stacked(ok) == [(3, "pass"), (4, "pass"), (5, "pass"), (6, "pass"), (6, "pass"), (7, "pass"),
                           (8, "pass")]


def test_stacked_blocks_in_the_wrong_order_fail():
    wrong = r"\delta x_t = W^T \begin{bmatrix} \delta \bar{i}_t \\ \delta \bar{a}_t \end{bmatrix}" + "\n"
    assert stacked(wrong)[-1] == (8, "fail")


COLAH = r"""
\begin{align}
f_t &= \sigma(W_f \cdot [h_{t-1}, x_t] + b_f) \\
i_t &= \sigma(W_i \cdot [h_{t-1}, x_t] + b_i) \\
\tilde{C}_t &= \tanh(W_C \cdot [h_{t-1}, x_t] + b_C) \\
C_t &= f_t * C_{t-1} + i_t * \tilde{C}_t \\
o_t &= \sigma(W_o \cdot [h_{t-1}, x_t] + b_o) \\
h_t &= o_t * \tanh(C_t) \\
"""


def test_a_weight_on_a_concatenation_gets_its_correct_right_side():
    # colah's concatenated form: dW_f = sum_t (df-bar_t) [h_{t-1}, x_t]^T; the blocks swapped fail
    wrong = COLAH + r"\delta W_f &= \sum_t \delta \bar{f}_t [x_t, h_{t-1}]^T" + "\n\\end{align}\n"
    last = verify_derivation(wrong).results[-1]
    assert last.status == "fail"
    # (\bar{f}, which the author never names, written through the gate with the author's product sign: round 60)
    assert last.correct_latex == (r"\sum_{t} \left(\delta f_{t} * f_{t} * \left(1 - f_{t}\right)\right) "
                                  r"\left[h_{t-1}, x_{t}\right]^{\top}")
    fixed = COLAH + r"\delta W_f &= " + last.correct_latex + "\n\\end{align}\n"
    assert verify_derivation(fixed).results[-1].status == "pass"
