"""Round 10 (lead): forward chains that end in a name at another step, and partial cells.

Expected verdicts are worked out by hand: a chain's every link is a claim unless it merely names the left
side again; a cell whose gates no row defines cannot be evaluated, so its rows are unreadable, never failed."""
from symlstm.verify.judging.judge import verify_derivation

LSTM = r"""
\begin{align}
f_t &= \sigma(W_f x_t + U_f h_{t-1} + b_f) \\
i_t &= \sigma(W_i x_t + U_i h_{t-1} + b_i) \\
o_t &= \sigma(W_o x_t + U_o h_{t-1} + b_o) \\
g_t &= \tanh(W_g x_t + U_g h_{t-1} + b_g) \\
%s \\
h_t &= o_t \odot \tanh(c_t)
\end{align}
"""


def statuses(text):
    return [r.status for r in verify_derivation(text).results]


def test_a_chain_ending_in_a_name_at_another_step_is_checked():
    # c_t = f c_{t-1} + i g = g_{t-1}: the last link is another quantity (true only for special gate values)
    assert statuses(LSTM % r"c_t &= f_t \odot c_{t-1} + i_t \odot g_t = g_{t-1}") == \
        ["pass"] * 4 + ["fail", "pass"]
    # the same chain with a true last link passes
    assert statuses(LSTM % r"c_t &= f_t \odot c_{t-1} + i_t \odot g_t = i_t \odot g_t + c_{t-1} \odot f_t") == \
        ["pass"] * 6


def test_steps_named_by_number_in_a_chain():
    text = (r"$$\vec{c}^{(1)} = \vec{f}^{(1)} \odot \vec{c}^{(0)} + \vec{i}^{(1)} \odot \tilde{c}^{(1)}$$" "\n"
            r"$$\vec{c}^{(2)} = \vec{f}^{(2)} \odot \vec{c}^{(1)} + \vec{i}^{(2)} \odot \tilde{c}^{(2)} = "
            r"\tilde{c}^{(1)}$$" "\n")
    results = verify_derivation(text).results
    # no row defines f, i or \tilde{c}: the first row's products cannot be evaluated, which is the reader's
    # limit, never the author's error.  The second row's last link is a claim (c^{(2)} = \tilde{c}^{(1)}),
    # true only for gate values stated in prose, not as written: it fails.
    assert [r.status for r in results] == ["unreadable", "fail"]
    assert "no row defines" in results[0].why


def test_a_chain_through_an_undefined_name_beside_other_paths_is_not_the_whole_derivative():
    # y is defined by no row: dL/dy dy/dc_t is one path from c_t to L, the row sums another (through c_{t+1});
    # reading the chain as the whole dL/dc_t would fail a correct row, so it stays unreadable
    cell = (r"\begin{align}" "\n"
            r"f_t &= \sigma(W_f x_t + b_f) \\ i_t &= \sigma(W_i x_t + b_i) \\ g_t &= \tanh(W_g x_t + b_g) \\" "\n"
            r"c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\" "\n"
            r"\frac{\partial L}{\partial c_t} &= \frac{\partial L}{\partial y_t} \frac{\partial y_t}{\partial c_t}"
            r" + \frac{\partial L}{\partial c_{t+1}} \frac{\partial c_{t+1}}{\partial c_t}" "\n"
            r"\end{align}")
    results = verify_derivation(cell).results
    assert [r.status for r in results] == ["pass"] * 4 + ["unreadable"]
    assert "y is not defined" in results[-1].why
