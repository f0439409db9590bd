r"""Blocks of a weight on a concatenation named in prose (``w_c_x``: the rows of ``w_c`` acting on x).

Verdicts worked out by hand: with ``c_bar = [x, h_prev] * w_c`` (row vectors), the gradient reaching
x is ``d_c_bar * w_c_x^T`` where ``w_c_x`` is w_c's rows for x; the rows for h_prev give the wrong one.
"""
from symlstm.verify.judge import verify_derivation

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
