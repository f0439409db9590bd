r"""Round 9, helper G: a product or sum written before a sum whose later terms read its index
(``\prod_{j=k}^{t-1} a_j + b_j``: the product covers b_j, text/bigspread.py) and ``\delta_k`` for the ``\delta_t``
the rows define, k a step of the row's product or sum (judging/deltasteps.py).

The cell is an LSTM in column form with named pre-activations and the error terms defined as in Chinese course
notes (``\delta_t \overset{def}{=} \partial E / \partial h_t``, ``\delta_{o,t} = \partial E / \partial net_{o,t}``).
"""
import pytest

from symlstm.verify.judging.judge import verify_derivation

CELL = r"""
\begin{align}
\mathbf{net}_{f,t}&=W_{fh}\mathbf{h}_{t-1}+W_{fx}\mathbf{x}_t+\mathbf{b}_f\\
\mathbf{net}_{i,t}&=W_{ih}\mathbf{h}_{t-1}+W_{ix}\mathbf{x}_t+\mathbf{b}_i\\
\mathbf{net}_{\tilde{c},t}&=W_{ch}\mathbf{h}_{t-1}+W_{cx}\mathbf{x}_t+\mathbf{b}_c\\
\mathbf{net}_{o,t}&=W_{oh}\mathbf{h}_{t-1}+W_{ox}\mathbf{x}_t+\mathbf{b}_o\\
\mathbf{f}_t&=\sigma(\mathbf{net}_{f,t})\\
\mathbf{i}_t&=\sigma(\mathbf{net}_{i,t})\\
\mathbf{\tilde{c}}_t&=\tanh(\mathbf{net}_{\tilde{c},t})\\
\mathbf{o}_t&=\sigma(\mathbf{net}_{o,t})\\
\mathbf{c}_t&=\mathbf{f}_t\circ\mathbf{c}_{t-1}+\mathbf{i}_t\circ\mathbf{\tilde{c}}_t\\
\mathbf{h}_t&=\mathbf{o}_t\circ\tanh(\mathbf{c}_t)
\end{align}
$$ \delta_t\overset{def}{=}\frac{\partial{E}}{\partial{\mathbf{h}_t}} $$
\begin{align}
\delta_{f,t}&\overset{def}{=}\frac{\partial{E}}{\partial{\mathbf{net}_{f,t}}}\\
\delta_{i,t}&\overset{def}{=}\frac{\partial{E}}{\partial{\mathbf{net}_{i,t}}}\\
\delta_{\tilde{c},t}&\overset{def}{=}\frac{\partial{E}}{\partial{\mathbf{net}_{\tilde{c},t}}}\\
\delta_{o,t}&\overset{def}{=}\frac{\partial{E}}{\partial{\mathbf{net}_{o,t}}}
\end{align}
"""

#: the four paths back to h, at the step j of a sum or product
BODY = r"\delta_{o,j}^TW_{oh} +\delta_{f,j}^TW_{fh} +\delta_{i,j}^TW_{ih} +\delta_{\tilde{c},j}^TW_{ch}"
#: the same with the forget gate's path through the input gate's weights (a swapped gate)
SWAPPED = r"\delta_{o,j}^TW_{oh} +\delta_{f,j}^TW_{ih} +\delta_{i,j}^TW_{ih} +\delta_{\tilde{c},j}^TW_{ch}"
#: the same with a wrong sign
SIGN = r"\delta_{o,j}^TW_{oh} -\delta_{f,j}^TW_{fh} +\delta_{i,j}^TW_{ih} +\delta_{\tilde{c},j}^TW_{ch}"

ROWS = [
    # the one-step recursion as written without a sum: the reference
    (r"\delta_{t-1}^T=\delta_{o,t}^TW_{oh} +\delta_{f,t}^TW_{fh} +\delta_{i,t}^TW_{ih} +\delta_{\tilde{c},t}^TW_{ch}",
     "pass"),
    # a sum over one step whose later terms read j: the sum covers them all
    (r"\delta_{t-1}^T=\sum_{j=t}^{t}" + BODY, "pass"),
    (r"\delta_{t-1}^T=\sum_{j=t}^{t}" + SWAPPED, "fail"),
    (r"\delta_{t-1}^T=\sum_{j=t}^{t}" + SIGN, "fail"),
    # \delta_k, k a step of the row's sum: the \delta_t defined above, at step k (checked at every k <= t)
    (r"\delta_k^T=\sum_{j=k+1}^{k+1}" + BODY, "pass"),
    (r"\delta_k^T=\sum_{j=k+1}^{k+1}" + SWAPPED, "fail"),
    # the published product of the one-step error terms (row vectors; the wrong step): caught
    (r"\delta_k^T=\prod_{j=k}^{t-1}" + BODY, "fail"),
    # \delta_{k-1}: a step that is not a letter of a bound alone is not read
    (r"\delta_{k-1}^T=\sum_{j=k}^{k}" + BODY, "unreadable"),
]


@pytest.fixture(scope="module")
def report():
    text = CELL + "\n".join("$$ " + r + " $$" for r, _ in ROWS)
    return verify_derivation(text)


def test_every_row(report):
    first = CELL.count("\n") + 1
    got = {r.line - first: (r.status, r.why) for r in report.results if r.line >= first}
    for k, (row, expected) in enumerate(ROWS):
        assert got[k][0] == expected, (row, got[k])


def test_spread_only_where_the_index_is_free():
    from symlstm.verify.text.bigspread import spread_scopes
    from symlstm.verify.text.rowparse import parse_row
    for text in (r"y_i = \sum_{j} W_{ij} x_j + b_i",      # j not read after the sum
                 r"y = \sum_{t} a_t + b_t",               # the time letter: b_t may be the row's step
                 r"y_j = \sum_{j} a_j + b_j",             # j is the left side's
                 r"y = b_j + \sum_{j} a_j + c_j"):        # j read before the sum too
        row = parse_row(text)
        assert spread_scopes([row])[0] == row, text
    row = parse_row(r"y = \prod_{j=1}^{3} a_j + b_j + c")
    new = spread_scopes([row])[0]
    assert new[1][1][0] == "add" and len(new[1][1][1]) == 2          # (a_j + b_j) inside, c outside
    assert new[1][1][1][0][1][4][0] == "paren"
