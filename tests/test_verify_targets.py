r"""A target named only in the backward rows: \hat{y}^{<t>} is defined, y^{<t>} never (the loss unstated).

Hand-worked: with \hat y = softmax(W_{ya} a + b_y) and cross-entropy against a one-hot y, the gradient
of the logits is \hat y - y, so the rows below hold; the bias row with y_t on the wrong side fails.
"""
from symlstm.verify.judging.judge import verify_derivation

ROWS = r"""
\begin{align}
a^{<t>} &= \tanh(W_{aa} a^{<t-1>} + W_{ax} x^{<t>} + b_a) \\
\hat{y}^{<t>} &= \text{softmax}(W_{ya} a^{<t>} + b_y) \\
\nabla_{a^{<t>}} L &= W_{ya}^{Tr} (\hat{y}^{<t>} - y^{<t>}) + W_{aa}^T \mathrm{diag}(1 - (a^{<t+1>})^2) \nabla_{a^{<t+1>}} L \\
\nabla_{a^{<t>}} L &= \left(\frac{\partial a^{<t+1>}}{\partial a^{<t>}}\right)^\top \nabla_{a^{<t+1>}} L + W_{ya}^\top (\hat{y}^{<t>} - y^{<t>}) \\
\frac{\partial L}{\partial b_y} &= \sum_t (\hat{y}^{<t>} - y^{<t>}), \quad \frac{\partial L}{\partial b_y} = \sum_t (y^{<t>} - \hat{y}^{<t>})
\end{align}
"""


def test_an_unstated_target_is_the_one_hot_beside_the_softmax_output():
    statuses = [(r.line, r.status) for r in verify_derivation(ROWS).results]
    assert statuses == [(3, "pass"), (4, "pass"), (5, "pass"), (6, "pass"), (7, "pass"), (7, "fail")]


def test_an_input_added_to_the_state_is_as_wide_as_the_state():
    # x_t enters h's pre-activation directly (already projected): dx_t = dh_t (1 - h_t^2), by hand
    rows = r"""
\begin{align}
h_t &= \tanh(W h_{t-1} + x_t) \\
\delta h_t &= \Delta_t + W^\top (\delta h_{t+1} \odot (1 - h_{t+1}^2)) \\
\delta x_t &= \delta h_t \odot (1 - h_t^2) \\
\delta x_t &= W^\top \delta h_t
\end{align}
"""
    statuses = [(r.line, r.status) for r in verify_derivation(rows).results]
    assert statuses == [(3, "pass"), (4, "pass"), (5, "pass"), (6, "fail")]


def test_an_unclosed_bracket_is_the_authors_error_and_fails():
    # as printed, "\tanh(W h_{t-1} + U x_t" is not an expression: a published typo, not a reader's gap
    rows = "$$ h_t = \\tanh(W h_{t-1} + U x_t $$\n$$ \\delta x_t = U^T \\delta h_t $$\n"
    first = verify_derivation(rows).results[0]
    assert (first.status, first.holds) == ("fail", False) and "never closed" in first.why


def test_an_ill_typed_link_fails_a_chain_with_an_unreadable_link():
    # the middle link (a vector differentiated by a matrix) is not read; x_t \cdot \delta h_t multiplies a
    # 2x1 column by a 3x1 column, so no reading of the middle link makes the chain hold
    def row(last):
        return verify_derivation(r"""
\begin{align}
z_t &= W h_{t-1} + U x_t \\
h_t &= \tanh(z_t) \\
\delta z_t &= \delta h_t \odot (1 - h_t^2) = \frac{\partial h_t}{\partial W} \cdot \delta h_t = %s
\end{align}
""" % last).results[-1]
    bad = row(r"x_t \cdot \delta h_t")
    assert (bad.status, bad.holds) == ("fail", False) and bad.why.startswith("link 3: ")
    fine = row(r"(1 - h_t^2) \odot \delta h_t")
    assert fine.status == "unreadable" and "derivative of a vector by a matrix" in fine.why
